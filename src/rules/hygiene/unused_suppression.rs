//! KB504 unused-suppression.

use crate::diagnostic::{Category, Severity};
use crate::rules::{Check, Rule, RuleMeta};

/// The rule.
pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "KB504",
        name: "unused-suppression",
        category: Category::Hygiene,
        severity: Severity::Info,
        default_enabled: true,
        summary: "A `kblint-disable` comment suppresses nothing: the finding was fixed, or the code is wrong.",
        docs: r#"Stale suppressions hide the next real finding on that line. Remove them once the
finding they were written for is gone.

## Bad
```markdown
<!-- kblint-disable-next-line KB501 -->
Refunds take 5–10 business days.
```

## Good
```markdown
Refunds take 5–10 business days.
```
"#,
    },
    check: Check::Engine,
};
