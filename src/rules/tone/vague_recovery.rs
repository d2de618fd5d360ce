//! KB603 vague-recovery.

use crate::diagnostic::{Category, Diagnostic, Severity};
use crate::rules::{ArticleCtx, Check, Rule, RuleMeta};

/// The rule.
pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "KB603",
        name: "vague-recovery",
        category: Category::Tone,
        severity: Severity::Warning,
        default_enabled: true,
        summary: "A reply macro leaves the next step vague: \"we'll try to look into it\", \"at some point\", \"someone may get back to you\".",
        docs: r#"Recovery needs urgency and an owner. "We'll try to look into it", "at some point"
and "someone may get back to you" tell the customer that nobody owns the problem and
nothing will happen by any particular date, so they write again, and again. Say what
you have done, who does what next, and when you will follow up, on a date you can keep.
Checked in reply macros only; the phrasings are in `rules/tone.yml` (kind `vague`).

## Bad
```markdown
We'll try to look into it when we can and will let you know if we find anything.
```

## Good
```markdown
I've asked our bank-feeds team to reconnect your {{bank_name}} feed. I'll check it
on {{follow_up_date}} and write to you either way.
```
"#,
    },
    check: Check::Article(check),
};

fn check(ctx: &ArticleCtx, out: &mut Vec<Diagnostic>) {
    super::check_kind(ctx, out, &RULE.meta, "vague", |phrase, label| {
        format!("Vague recovery in a reply macro ({label}): \"{phrase}\". Name the next step, who takes it and when")
    });
}
