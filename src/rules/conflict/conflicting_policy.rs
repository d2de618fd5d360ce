//! KB203 conflicting-policy.

use super::{describe, each_disagreement};
use crate::corpus::Corpus;
use crate::diagnostic::{Category, Diagnostic, Severity};
use crate::rules::{Check, Rule, RuleMeta};

/// The rule.
pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "KB203",
        name: "conflicting-policy",
        category: Category::Conflict,
        severity: Severity::Warning,
        default_enabled: true,
        summary: "One article says yes and another says no: \"annual plans are refundable\" vs \"non-refundable\", \"available on Free\" vs \"not available\".",
        docs: r#"Yes/no policy statements contradict each other more quietly than numbers do: one
article says a feature is included or a charge is refundable, another says it is not.
kblint reads statements of availability ("is available on", "is included in", "works on
every plan", "isn't part of Starter") and refundability ("can be refunded",
"non-refundable"), with their subject and scope (plan, billing period, region), and
reports both sides when they disagree. Different scopes do not conflict: "CSV export is
not available on Free" and "CSV export is included in Pro" agree.

## Bad
```markdown
<!-- policies/refunds.md -->
Annual plans can be refunded within 30 days of the charge.
<!-- billing/cancel.md -->
Annual subscriptions are non-refundable.
```

## Good
```markdown
<!-- billing/cancel.md -->
Annual subscriptions can be refunded within 30 days of the charge; after that, you keep
access until the renewal date.
```
"#,
    },
    check: Check::Corpus(check),
};

fn check(corpus: &Corpus, out: &mut Vec<Diagnostic>) {
    each_disagreement(corpus, |r, c, m| {
        if !c.value.is_polarity() {
            return;
        }
        let (message, related) = describe(corpus, r, m);
        corpus.emit(
            out,
            &RULE.meta,
            &corpus.docs[r.doc as usize],
            c.position,
            message,
            related,
            c.shown.clone(),
        );
    });
}
