//! KB102 review-due-passed.

use super::{has_review_cadence, owner_note};
use crate::dates::human_days;
use crate::diagnostic::{Category, Diagnostic, Severity};
use crate::rules::{ArticleCtx, Check, Rule, RuleMeta};

/// The rule.
pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "KB102",
        name: "review-due-passed",
        category: Category::Stale,
        severity: Severity::Warning,
        default_enabled: true,
        summary:
            "The explicit next-review date (`review_by`, `next_review`, `review_due`) has passed.",
        docs: r#"An explicit next-review date is a promise the owner made: look at this again by
then. Once it has passed, the article is stale even when the last review is still within
the review interval. The finding is on the key's line and names the owner.

Not checked: archived/deprecated articles (and those in archive folders), changelogs and release notes, drafts.

## Bad
```yaml
---
owner: integrations-team
last_reviewed: 2026-06-30
review_by: 2026-09-30        # today 2026-11-24
---
```

## Good
```yaml
---
owner: integrations-team
last_reviewed: 2026-11-20
review_by: 2027-02-20
---
```
"#,
    },
    check: Check::Article(check),
};

fn check(ctx: &ArticleCtx, out: &mut Vec<Diagnostic>) {
    let meta = &ctx.article.meta;
    if !has_review_cadence(meta, ctx.settings) {
        return;
    }
    let Some(due) = &meta.review_by else { return };
    if due.value >= ctx.today {
        return;
    }
    let ago = human_days((ctx.today - due.value).num_days());
    let moved = match &meta.last_review {
        Some(l) if l.value > due.value && l.value <= ctx.today => {
            format!(" (the review on {} did not move it)", l.value)
        }
        _ => String::new(),
    };
    let message = format!(
        "Review was due on {} (`{}`), {ago} ago{moved}{}",
        due.value,
        due.key,
        owner_note(meta)
    );
    ctx.emit_line(out, &RULE.meta, due.line, message);
}
