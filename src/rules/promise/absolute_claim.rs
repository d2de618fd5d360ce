//! KB302 absolute-claim.

use super::{backed_by_policy, is_policy_doc, is_retired};
use crate::corpus::Corpus;
use crate::diagnostic::{Category, Diagnostic, Severity};
use crate::review::ReviewState;
use crate::rules::{Check, Rule, RuleMeta};

/// The rule.
pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "KB302",
        name: "absolute-claim",
        category: Category::Promise,
        severity: Severity::Info,
        default_enabled: true,
        summary: "Absolute wording (\"never\", \"always\", \"100%\", \"lifetime\", \"24/7\") in a promise of a verified article: a hint, not an error.",
        docs: r#"A verified article has been checked by someone, so its promises are not
flagged by `unverified-promise`. Absolute wording is still worth a second look: "you
will never be charged twice", "100% uptime" and "lifetime warranty" rarely survive
every edge case, and the one exception is the ticket an agent cannot answer.
This is an editor hint (severity info); CI does not fail on it. Policy articles
themselves and sentences that link to a policy are left alone: the policy is the
place where an absolute is decided.

## Bad
```markdown
<!-- verified article -->
You will never be charged twice for the same invoice.
```

## Good
```markdown
If you're charged twice for the same invoice, we refund the duplicate in full
(see the [refund policy](../policies/refund-policy.md#duplicate-charges)).
```
"#,
    },
    check: Check::Corpus(check),
};

fn check(corpus: &Corpus, out: &mut Vec<Diagnostic>) {
    for doc in &corpus.docs {
        if doc.promises.is_empty()
            || is_retired(doc)
            || is_policy_doc(doc)
            || doc.settings.severity(&RULE.meta).is_none()
        {
            continue;
        }
        if !ReviewState::of(&doc.meta, &doc.settings, None, corpus.today).verified {
            continue;
        }
        for p in &doc.promises {
            let Some(word) = &p.absolute else { continue };
            if backed_by_policy(corpus, doc, p) {
                continue;
            }
            corpus.emit(
                out,
                &RULE.meta,
                doc,
                p.position,
                format!("Absolute wording \"{word}\" in a promise: \"{}\". Keep it only if the policy says exactly that", p.quote),
                Vec::new(),
                p.snippet.clone(),
            );
        }
    }
}
