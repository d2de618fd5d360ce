//! KB503 malformed-date.

use crate::diagnostic::{Category, Diagnostic, Severity};
use crate::rules::{ArticleCtx, Check, Rule, RuleMeta};

/// The rule.
pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "KB503",
        name: "malformed-date",
        category: Category::Hygiene,
        severity: Severity::Warning,
        default_enabled: true,
        summary: "A review, expiry or interval value in frontmatter cannot be read.",
        docs: r#"A review date nobody can parse is a review date nobody checks: the article
silently drops out of staleness tracking. Dates are `YYYY-MM-DD`, RFC 3339 timestamps
or `MM/DD/YYYY`; intervals are `90d`, `12w`, `6m`, `1y` or a number of days.

## Bad
```yaml
last_reviewed: 2026-13-45
review_interval: quarterly
```

## Good
```yaml
last_reviewed: 2026-10-02
review_interval: 90d
```
"#,
    },
    check: Check::Article(check),
};

fn check(ctx: &ArticleCtx, out: &mut Vec<Diagnostic>) {
    for bad in &ctx.article.meta.bad_values {
        let what = if bad.field == "review_interval" {
            "is not an interval (use 90d, 12w, 6m, 1y or a number of days)"
        } else {
            "is not a date (use YYYY-MM-DD, an RFC 3339 timestamp or MM/DD/YYYY)"
        };
        ctx.emit_line(
            out,
            &RULE.meta,
            bad.line,
            format!("`{}: {}` {what}", bad.key, bad.value),
        );
    }
}
