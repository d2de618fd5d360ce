//! KB103 expired.

use super::{is_history, owner_note};
use crate::dates::human_days;
use crate::diagnostic::{Category, Diagnostic, Severity};
use crate::rules::{ArticleCtx, Check, Rule, RuleMeta};

/// The rule.
pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "KB103",
        name: "expired",
        category: Category::Stale,
        severity: Severity::Error,
        default_enabled: true,
        summary: "The article's hard expiry date (`expires`, `valid_until`, `expiry_date`, …) has passed.",
        docs: r#"An expiry date says the content stops being true on that day: a promotion, a
partner offer, a tax year's limits. After it, agents must not answer from the article.
This is an error by default. The finding is on the key's line and names the owner.

Not checked: archived/deprecated articles (and those in archive folders), changelogs and release notes.

## Bad
```yaml
---
owner: benefits-team
valid_until: 2025-12-31      # today 2026-11-24
---
```

## Good
```yaml
---
owner: benefits-team
status: archived             # kept for questions about last year
valid_until: 2025-12-31
---
```
"#,
    },
    check: Check::Article(check),
};

fn check(ctx: &ArticleCtx, out: &mut Vec<Diagnostic>) {
    let meta = &ctx.article.meta;
    if is_history(meta, ctx.settings) {
        return;
    }
    let Some(exp) = &meta.expires else { return };
    if exp.value >= ctx.today {
        return;
    }
    let ago = human_days((ctx.today - exp.value).num_days());
    let message = format!(
        "Expired on {} (`{}`), {ago} ago: archive it or update it and move the date{}",
        exp.value,
        exp.key,
        owner_note(meta)
    );
    ctx.emit_line(out, &RULE.meta, exp.line, message);
}
