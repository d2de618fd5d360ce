//! KB004 malformed-frontmatter.

use crate::diagnostic::{Category, Severity};
use crate::rules::{Check, Rule, RuleMeta};

/// The rule.
pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "KB004",
        name: "malformed-frontmatter",
        category: Category::Parse,
        severity: Severity::Error,
        default_enabled: true,
        summary: "Frontmatter is unterminated, not valid YAML/TOML, not a mapping, or over a size/depth limit.",
        docs: r#"When the frontmatter does not parse, the owner, review dates and scope of the
article are unknown, so staleness and verification cannot be judged. The body is
still checked.

## Bad
```markdown
---
title: Troubleshooting: Record Locked
---
```
(a second `: ` in a plain scalar: "mapping values are not allowed here")

## Good
```markdown
---
title: "Troubleshooting: Record Locked"
---
```
"#,
    },
    check: Check::Engine,
};
