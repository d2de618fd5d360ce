//! KB107 superseded-not-archived.

use crate::diagnostic::{Category, Diagnostic, Severity};
use crate::rules::{ArticleCtx, Check, Rule, RuleMeta};

/// The rule.
pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "KB107",
        name: "superseded-not-archived",
        category: Category::Stale,
        severity: Severity::Warning,
        default_enabled: true,
        summary: "A live article declares `superseded_by` (or `replaced_by`) but is not archived.",
        docs: r#"An article that names its replacement is, by its own account, out of date. While
it stays live, agents find it in search and answer from it. Archive it
(`status: archived` or `deprecated`), or remove the key if it is not replaced after all.
The finding is on the key's line.

## Bad
```yaml
---
title: Classic sync
superseded_by: integrations/accounting-sync.md
---
```

## Good
```yaml
---
title: Classic sync
status: deprecated
superseded_by: integrations/accounting-sync.md
---
```
"#,
    },
    check: Check::Article(check),
};

fn check(ctx: &ArticleCtx, out: &mut Vec<Diagnostic>) {
    let meta = &ctx.article.meta;
    if meta.is_retired() {
        return;
    }
    let Some(s) = &meta.superseded_by else { return };
    let message = format!(
        "Declares `{}: {}` but is not archived: set `status: archived` (or `deprecated`) so agents stop answering from it, or remove the key",
        s.key, s.value
    );
    ctx.emit_line(out, &RULE.meta, s.line, message);
}
