//! KB601 blame-shifting.

use crate::diagnostic::{Category, Diagnostic, Severity};
use crate::rules::{ArticleCtx, Check, Rule, RuleMeta};

/// The rule.
pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "KB601",
        name: "blame-shifting",
        category: Category::Tone,
        severity: Severity::Warning,
        default_enabled: true,
        summary: "A reply macro shifts blame: \"not our fault\", \"there is nothing we can do\", \"you should have…\", \"your responsibility\".",
        docs: r#"A customer who writes in after something went wrong wants it fixed, not a
verdict on whose fault it was. Service-recovery practice is blunt about it: the
company that blames the courier ends in a stalemate and loses the customer, while the
one that fixes the problem (whoever caused it) earns more loyalty than if nothing had
gone wrong. "There is nothing we can do" and "you should have…" close the
conversation with the customer still holding the problem. Checked in reply macros
only; the phrasings are in `rules/tone.yml` (kind `blame`).

## Bad
```markdown
Unfortunately this is not our fault: the decline came from your bank, so you'll need
to take it up with them. You should have updated your card before the renewal.
```

## Good
```markdown
Your bank declined the renewal payment on {{charge_date}}. If you update the card
under **Settings → Billing**, I'll retry the charge straight away, and if the bank
declines it again I'll send you the exact decline code to give them.
```
"#,
    },
    check: Check::Article(check),
};

fn check(ctx: &ArticleCtx, out: &mut Vec<Diagnostic>) {
    super::check_kind(ctx, out, &RULE.meta, "blame", |phrase, label| {
        format!("Blame shifting in a reply macro ({label}): \"{phrase}\". Say what you will do about it instead")
    });
}
