//! KB602 retracted-apology.

use crate::diagnostic::{Category, Diagnostic, Severity};
use crate::rules::{ArticleCtx, Check, Rule, RuleMeta};

/// The rule.
pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "KB602",
        name: "retracted-apology",
        category: Category::Tone,
        severity: Severity::Warning,
        default_enabled: true,
        summary: "A reply macro takes its apology back: \"we apologise, but…\", \"sorry if you feel…\", \"any inconvenience this may have caused\".",
        docs: r#"A sincere apology is one of the two things a service recovery cannot do without
(the other is urgency). "We apologise, but…" cancels it: the customer reads only what
comes after the "but", which is usually why it isn't our problem. "Sorry if you feel…"
apologises for the customer's feelings rather than for what happened, and "any
inconvenience this may have caused" doubts that anything happened at all. Apologise
once, for the specific thing, and put the explanation in its own sentence. Checked in
reply macros only; the phrasings are in `rules/tone.yml` (kind `retraction`).

## Bad
```markdown
We apologise, but invoice emails can be delayed at the end of the month.
Sorry if you feel this answer is unhelpful.
```

## Good
```markdown
I'm sorry invoice {{invoice_number}} reached your client late. Invoice emails queue up
at the end of the month; I've resent it now, and you can also send the PDF yourself.
```
"#,
    },
    check: Check::Article(check),
};

fn check(ctx: &ArticleCtx, out: &mut Vec<Diagnostic>) {
    super::check_kind(ctx, out, &RULE.meta, "retraction", |phrase, label| {
        let short: String = phrase.chars().take(80).collect();
        let short = if short.len() < phrase.len() {
            format!("{short}…")
        } else {
            short
        };
        format!("Apology taken back in a reply macro ({label}): \"{short}\". Apologise without conditions, then explain in a separate sentence")
    });
}
