//! KB001 unreadable-file.

use crate::diagnostic::{Category, Severity};
use crate::rules::{Check, Rule, RuleMeta};

/// The rule.
pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "KB001",
        name: "unreadable-file",
        category: Category::Parse,
        severity: Severity::Error,
        default_enabled: true,
        summary:
            "A file or folder could not be read (permissions, I/O error, vanished during the run).",
        docs: r#"An article that cannot be read is invisible to every other check: its facts,
promises and review dates are unknown. kblint reports it and checks everything else.

## Bad
A file with mode `000`, or a folder the CI user may not list.

## Good
Every article is readable by the user that runs kblint (`chmod a+r`).
"#,
    },
    check: Check::Engine,
};
