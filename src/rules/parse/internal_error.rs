//! KB009 internal-error.

use crate::diagnostic::{Category, Severity};
use crate::rules::{Check, Rule, RuleMeta};

/// The rule.
pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "KB009",
        name: "internal-error",
        category: Category::Parse,
        severity: Severity::Error,
        default_enabled: true,
        summary: "kblint itself failed on this file (a bug: please report it); the run went on and exits 2.",
        docs: r#"A panic inside one article's checks is caught and reported here, so the rest of
the KB is still checked. The run ends with exit code 2.

## Bad
Any occurrence: it is a kblint bug. Please report the file that triggers it.

## Good
No finding.
"#,
    },
    check: Check::Engine,
};
