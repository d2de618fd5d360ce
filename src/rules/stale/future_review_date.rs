//! KB104 future-review-date.

use super::{is_history, owner_note};
use crate::dates::{add_days, human_days};
use crate::diagnostic::{Category, Diagnostic, Severity};
use crate::rules::{ArticleCtx, Check, Rule, RuleMeta};

/// The rule.
pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "KB104",
        name: "future-review-date",
        category: Category::Stale,
        severity: Severity::Warning,
        default_enabled: true,
        summary: "The last-review date is in the future: almost always a typo that hides the article's real age.",
        docs: r#"A last-review date after today (`2062-08-14` for `2026-08-14`) makes the article
look fresh for decades and silences the review-overdue check. One day of slack is allowed
for time zones. The finding is on the key's line.

Not checked: archived/deprecated articles (and those in archive folders), changelogs and release notes. Dates from Git
are never flagged (a commit after `--today` is not a typo).

## Bad
```yaml
---
last_reviewed: 2062-08-14
---
```

## Good
```yaml
---
last_reviewed: 2026-08-14
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
    let Some(last) = &meta.last_review else {
        return;
    };
    if last.value <= add_days(ctx.today, 1) {
        return;
    }
    let ahead = human_days((last.value - ctx.today).num_days());
    let message = format!(
        "Last review date {} (`{}`) is {ahead} in the future (today is {}): probably a typo, and it hides the article's real age{}",
        last.value,
        last.key,
        ctx.today,
        owner_note(meta)
    );
    ctx.emit_line(out, &RULE.meta, last.line, message);
}
