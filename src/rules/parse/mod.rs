//! `parse`: files that cannot be read as Markdown with frontmatter. The engine emits
//! these while loading; the rules here carry their codes and docs.

pub mod file_too_large;
pub mod internal_error;
pub mod malformed_frontmatter;
pub mod nesting_too_deep;
pub mod not_text;
pub mod unreadable_file;
