//! KB501 placeholder.

use crate::diagnostic::{Category, Diagnostic, Severity};
use crate::rules::{ArticleCtx, Check, Rule, RuleMeta};

/// The rule.
pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "KB501",
        name: "placeholder",
        category: Category::Hygiene,
        severity: Severity::Warning,
        default_enabled: true,
        summary: "Placeholder text left in prose: TODO, TBD, FIXME, `[insert …]`, lorem ipsum, unfilled `{{VAR}}`.",
        docs: r#"A placeholder is information the author knew was missing. The agent reading it
finds out too late, with the customer waiting. Only prose is checked: code blocks,
inline code and HTML comments are left alone, and template variables are legitimate in
reply macros (`macros/` folders or `type: macro`). The patterns live in
`rules/placeholders.yml` and can be extended under `lexicons: {placeholders: [...]}`.

## Bad
```markdown
Refunds for annual plans take TBD business days. [insert screenshot]
Hi {{customer_name}}, thanks for reaching out.      <!-- in a normal article -->
```

## Good
```markdown
Refunds for annual plans take 5–10 business days.
<!-- TODO: add a screenshot of the new refund button -->
```
"#,
    },
    check: Check::Article(check),
};

fn check(ctx: &ArticleCtx, out: &mut Vec<Diagnostic>) {
    let lex = ctx.lexicons.get("placeholders");
    let is_macro = ctx.settings.roles.is_macro
        || matches!(
            ctx.article.meta.doc_type.as_deref(),
            Some("macro" | "reply" | "template" | "snippet")
        );
    for seg in &ctx.article.md.prose {
        let mut last_end = 0;
        for (start, end, entry) in lex.find_all(&seg.text) {
            if start < last_end || (is_macro && entry.spec.kind.as_deref() == Some("template")) {
                continue;
            }
            // "item XXX is locked": a quoted message or UI label, not the author's gap.
            // `*XXX*` as a variable name, `**TODO**` as a UI label: deliberate formatting.
            if entry.spec.kind.as_deref() != Some("bracket")
                && (crate::text::inside_quotes(&seg.text, start) || seg.is_emphasized(start..end))
            {
                continue;
            }
            last_end = end;
            let matched = seg.text[start..end]
                .trim_matches(|c: char| !c.is_alphanumeric() && !"[]{}<>%".contains(c));
            let label = entry.spec.label.as_deref().unwrap_or(&entry.spec.id);
            let range = seg.source_range(start..end);
            ctx.emit(
                out,
                &RULE.meta,
                range,
                format!("Placeholder left in the article: `{matched}` ({label})"),
            );
        }
    }
}
