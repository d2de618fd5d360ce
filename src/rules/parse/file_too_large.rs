//! KB003 file-too-large.

use crate::diagnostic::{Category, Severity};
use crate::rules::{Check, Rule, RuleMeta};

/// The rule.
pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "KB003",
        name: "file-too-large",
        category: Category::Parse,
        severity: Severity::Error,
        default_enabled: true,
        summary: "A file is larger than `limits.file_size` (10 MiB by default) and was not read.",
        docs: r#"No help article is ten megabytes of prose: a file that large is a data dump or
an export gone wrong, and reading it would slow every run.

## Bad
`exports/all-tickets.md` at 48 MB.

## Good
Keep data out of the KB, or raise `limits: {file_size: 50MB}` in `.kblint.yml` if the file is real.
"#,
    },
    check: Check::Engine,
};
