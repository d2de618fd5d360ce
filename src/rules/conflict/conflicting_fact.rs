//! KB201 conflicting-fact.

use super::{describe, each_disagreement};
use crate::corpus::Corpus;
use crate::diagnostic::{Category, Diagnostic, Severity};
use crate::rules::{Check, Rule, RuleMeta};

/// The rule.
pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "KB201",
        name: "conflicting-fact",
        category: Category::Conflict,
        severity: Severity::Warning,
        default_enabled: true,
        summary: "Two statements of the same fact (refund window, price, SLA, hours, limit, phone number…) give different values.",
        docs: r#"Two articles that disagree mean some agent is telling customers the wrong thing
today. kblint reads every statement with a checkable value — durations, prices,
percentages, counts, sizes, opening hours, phone numbers, emails, versions, "takes
effect immediately" — with what it is about (the words around it, the table row and
column, the section) and its scope (plan, region, product, audience from frontmatter and
from the sentence: "on the Pro plan", "for EU customers"). Statements about the same
subject in compatible scopes must agree; every disagreeing location is reported, with the
competing values and how many articles state each, so the likely majority is visible.

Written two ways is still the same value: "two weeks" = "14 days", "$49/mo" = "49 USD per
month", "+1 (415) 555-0142" = "415.555.0142". A month is not asserted equal to 30 days,
but 14 days and a month differ. Not conflicts: different scopes, different subjects that
share a unit ("14-day trial" and "14 days to request a refund"), a point inside a range
("5 business days" and "3–5 business days"), examples and hypotheticals ("if you were
charged $10 twice…"), quotes, code, archived articles and changelogs. A statement that
contradicts `facts.yml` is reported by KB202 instead.

## Bad
```markdown
<!-- billing/refunds.md -->
You can request a refund within 30 days of any charge.
<!-- account/cancel.md -->
Customers have 14 days to ask for their money back.
```

## Good
```markdown
<!-- account/cancel.md -->
Customers can ask for a refund within 30 days — see the [refund policy](../billing/refunds.md).
```
"#,
    },
    check: Check::Corpus(check),
};

fn check(corpus: &Corpus, out: &mut Vec<Diagnostic>) {
    let analysis = corpus.conflicts();
    let kb202 = &super::registered_fact_mismatch::RULE.meta;
    each_disagreement(corpus, |r, c, m| {
        if c.value.is_polarity() {
            return;
        }
        let doc = &corpus.docs[r.doc as usize];
        // The registry settles it: KB202 reports this one, naming the fact.
        if analysis.mismatch(r).is_some() && doc.settings.severity(kb202).is_some() {
            return;
        }
        let (message, related) = describe(corpus, r, m);
        corpus.emit(
            out,
            &RULE.meta,
            doc,
            c.position,
            message,
            related,
            c.shown.clone(),
        );
    });
}
