//! KB005 nesting-too-deep.

use crate::diagnostic::{Category, Severity};
use crate::rules::{Check, Rule, RuleMeta};

/// The rule.
pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "KB005",
        name: "nesting-too-deep",
        category: Category::Parse,
        severity: Severity::Error,
        default_enabled: true,
        summary: "Lists or blockquotes nest deeper than `limits.nesting` (256); the body was not analysed.",
        docs: r#"No article needs hundreds of nested lists or quotes: such a file is generated or
corrupted, and analysing it would cost time out of all proportion. The frontmatter is
still read; the body is skipped.

## Bad
A line starting with 10,000 `>` characters.

## Good
Flatten the structure, or raise `limits: {nesting: 512}` if the file is real.
"#,
    },
    check: Check::Engine,
};
