//! `hygiene`: placeholders and missing or malformed frontmatter.

pub mod malformed_date;
pub mod missing_frontmatter;
pub mod placeholder;
pub mod unused_suppression;
