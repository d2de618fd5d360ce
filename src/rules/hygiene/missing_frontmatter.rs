//! KB502 missing-frontmatter.

use crate::article::frontmatter::normalize_key;
use crate::diagnostic::{Category, Diagnostic, Position, Severity};
use crate::rules::{ArticleCtx, Check, Rule, RuleMeta};

/// The rule.
pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "KB502",
        name: "missing-frontmatter",
        category: Category::Hygiene,
        severity: Severity::Warning,
        default_enabled: true,
        summary: "Required frontmatter is missing or a placeholder (default: an owner and a review date).",
        docs: r#"Without an owner, a stale or wrong article has nobody to fix it; without a review
date, nobody can tell whether it is still true. `required:` in `.kblint.yml` lists
semantic fields (`owner`, `last_review`, `verifier`, `review_by`, `expires`,
`review_interval`) or literal keys (`title`, `product`). Values like `TBD`, `n/a` or
`?` count as missing. Archived articles are exempt, and changelogs need no review date.

## Bad
```markdown
---
title: Refund policy
owner: TBD
---
```

## Good
```markdown
---
title: Refund policy
owner: billing-team
last_reviewed: 2026-10-02
---
```
"#,
    },
    check: Check::Article(check),
};

fn is_placeholder(v: &str) -> bool {
    matches!(
        v.trim().to_ascii_lowercase().as_str(),
        "" | "tbd"
            | "todo"
            | "n/a"
            | "na"
            | "none"
            | "unknown"
            | "?"
            | "??"
            | "???"
            | "-"
            | "xxx"
            | "nobody"
            | "null"
    )
}

fn check(ctx: &ArticleCtx, out: &mut Vec<Diagnostic>) {
    let a = ctx.article;
    if a.frontmatter_error.is_some() || a.meta.is_retired() {
        return;
    }
    let mut missing = Vec::new();
    for req in &ctx.settings.required {
        let present = match normalize_key(req).as_str() {
            "owner" => a
                .meta
                .owner
                .as_ref()
                .is_some_and(|f| !is_placeholder(&f.value)),
            "last_review" | "review_date" => {
                ctx.settings.roles.is_changelog
                    || a.meta.last_review.is_some()
                    || a.meta.bad_values.iter().any(|b| b.field == "last_review")
            }
            "verifier" => a
                .meta
                .verifier
                .as_ref()
                .is_some_and(|f| !is_placeholder(&f.value)),
            "review_by" => a.meta.review_by.is_some(),
            "expires" => a.meta.expires.is_some(),
            "review_interval" => a.meta.review_interval.is_some(),
            key => a.fields.iter().any(|(k, v)| {
                normalize_key(k) == key && v.as_scalar().is_none_or(|s| !is_placeholder(&s))
            }),
        };
        if !present {
            missing.push(match normalize_key(req).as_str() {
                "owner" => "an owner (`owner:`)".to_string(),
                "last_review" | "review_date" => "a review date (`last_reviewed:`)".to_string(),
                "verifier" => "a verifier (`verified_by:`)".to_string(),
                other => format!("`{other}:`"),
            });
        }
    }
    if missing.is_empty() {
        return;
    }
    let what = if a.frontmatter.is_none() {
        "No frontmatter: missing "
    } else {
        "Frontmatter is missing "
    };
    let end = a.line_text(1).chars().count() as u32 + 1;
    let position = Position {
        line: 1,
        column: 1,
        end_line: 1,
        end_column: end,
    };
    ctx.emit_at(
        out,
        &RULE.meta,
        position,
        format!("{what}{}", missing.join(" and ")),
        a.line_text(1).to_string(),
    );
}
