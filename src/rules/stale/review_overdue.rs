//! KB101 review-overdue.

use super::{has_review_cadence, owner_note};
use crate::dates::human_days;
use crate::diagnostic::{Category, Diagnostic, Severity};
use crate::review::{DateSource, ReviewState};
use crate::rules::{ArticleCtx, Check, Rule, RuleMeta};

/// The rule.
pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "KB101",
        name: "review-overdue",
        category: Category::Stale,
        severity: Severity::Warning,
        default_enabled: true,
        summary: "The last review is older than the review interval (error once overdue by a further interval).",
        docs: r#"Every live article is due for review one interval after its last review
(`last_reviewed`, `reviewed`, `last_verified`, `verified_at`, `updated`, `date`, …).
The interval is the article's own `review_interval`, else the configured one
(`review_interval:` in `.kblint.yml`, per glob under `overrides`), else 180 days.

The finding is a warning, and an error once the article is overdue by more than
`overdue_error_after` further intervals (default 1): an article due every 180 days that
was last reviewed 400 days ago is an error. The message says by how much it is overdue,
since when, and who owns the article, so it can go straight to the owner.

When an article has no review date and the KB is in a Git work tree, the day of the last
commit touching the file stands in (the message says so; the finding is on line 1).
`--no-git` turns this off. A date in the future is KB104's business, not this rule's.

Not checked: archived/deprecated articles (and those in archive folders), changelogs and release notes, drafts.
Close a finding with `kblint verify FILE --by NAME`.

## Bad
```yaml
---
owner: integrations-team
last_reviewed: 2024-10-08     # today 2026-11-24: due 2025-04-06, overdue ~1.6 years
---
```

## Good
```yaml
---
owner: integrations-team
last_reviewed: 2026-10-02
review_interval: 90d          # this article changes often
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
    let state = ReviewState::of(meta, ctx.settings, ctx.git_date, ctx.today);
    let (Some(last), Some(source), Some(due)) = (state.last_review, state.source, state.due())
    else {
        return;
    };
    if last > ctx.today || due >= ctx.today {
        return;
    }
    let overdue = (ctx.today - due).num_days();
    let interval = match (&meta.review_interval, ctx.settings.review_interval) {
        (Some(f), _) => format!("due every {} days (`{}`)", state.interval, f.key),
        (None, 180) => "due every 180 days (default)".to_string(),
        (None, n) => format!("due every {n} days (configured)"),
    };
    let owner = owner_note(meta);
    let by = human_days(overdue);
    let (line, message) = match (source, &meta.last_review) {
        (DateSource::Frontmatter, Some(f)) => (
            f.line,
            format!(
                "Review overdue by {by}, since {due}: last reviewed {last} (`{}`), {interval}{owner}",
                f.key
            ),
        ),
        _ => (
            1,
            format!(
                "Review overdue by {by}, since {due}: no review date in the frontmatter, so the date of the last Git commit touching the file counts ({last}, from Git), {interval}{owner}"
            ),
        ),
    };
    let before = out.len();
    ctx.emit_line(out, &RULE.meta, line, message);
    let escalate = overdue > state.interval as i64 * ctx.settings.overdue_error_after as i64;
    if escalate {
        for d in &mut out[before..] {
            if d.severity == Severity::Warning {
                d.severity = Severity::Error;
            }
        }
    }
}
