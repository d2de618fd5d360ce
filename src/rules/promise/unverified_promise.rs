//! KB301 unverified-promise.

use super::{backed_by_policy, is_retired, Promise};
use crate::corpus::{Corpus, Doc};
use crate::diagnostic::{Category, Diagnostic, Severity};
use crate::review::ReviewState;
use crate::rules::{Check, Rule, RuleMeta};

/// The rule.
pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "KB301",
        name: "unverified-promise",
        category: Category::Promise,
        severity: Severity::Warning,
        default_enabled: true,
        summary: "A customer-facing commitment (guarantee, deadline, refund, credit, replacement, 24/7, \"never\") in an article nobody has verified; money and compensation promises are errors.",
        docs: r#"Every sentence an agent repeats is a promise in the company's name. A guarantee,
a deadline ("within 24 hours"), money back, a credit or voucher, a free replacement,
"24/7" or "you will never be charged twice" that nobody approved becomes a broken
promise the day the policy changes, and the customer holds the agent to it.

Flagged when the article is not verified (it names a verifier — `verified_by`,
`reviewer`, `reviewed_by` — and its last review is within its interval) and the
sentence does not link to a policy article (`type: policy`, or under the `policy:`
globs, by default a `policies/`, `policy/`, `legal/` or `terms/` folder), nor states a
value that agrees with a fact registered in `facts.yml`.
Money and compensation promises are errors, the rest warnings.

Not flagged: instructions to the agent ("Always verify the customer's identity…",
"Escalate within 2 hours…"), neutral product behaviour ("the receipt is emailed when
you click Confirm"), negations and disclaimers ("we cannot guarantee…"), hedges
("usually within a day", "most banks…", "may take"), conditions ("if you were
promised…"), questions, quoted text and blockquotes, code, archived articles.

The phrasings live in `rules/promises.yml` (commitments on their own) and
`rules/promise-cues.yml` (weak cues that need a commitment frame) with
`rules/promise-grammar.yml` (the grammar words around them); add your own
under `lexicons: {promises: [...]}` with `kind: money` or `kind: compensation` to make
them errors.

## Bad
```markdown
<!-- billing/refunds.md, no verified_by -->
If Quillstack isn't right for you, you'll get a full refund, no questions asked.
We reply to every email within 24 hours.
```

## Good
```markdown
---
verified_by: Priya Raman          # or: kblint verify billing/refunds.md --by "Priya Raman"
last_verified: 2026-10-02
---
Refunds follow our [refund policy](../policies/refund-policy.md): 30 days, in full.
We usually reply to email within one business day.
```
"#,
    },
    check: Check::Corpus(check),
};

fn check(corpus: &Corpus, out: &mut Vec<Diagnostic>) {
    // Claims that agree with a registered fact back the promise they sit in.
    let registered: std::collections::HashSet<crate::claims::compare::ClaimRef> =
        if corpus.facts.is_some() {
            corpus
                .conflicts()
                .registered
                .iter()
                .map(|(c, _)| *c)
                .collect()
        } else {
            Default::default()
        };
    for (di, doc) in corpus.docs.iter().enumerate() {
        if doc.promises.is_empty() || is_retired(doc) || doc.settings.severity(&RULE.meta).is_none()
        {
            continue;
        }
        if ReviewState::of(&doc.meta, &doc.settings, None, corpus.today).verified {
            continue;
        }
        for p in &doc.promises {
            if !backed_by_policy(corpus, doc, p) && !backed_by_fact(&registered, di, doc, p) {
                emit(corpus, doc, p, out);
            }
        }
    }
}

/// Whether a value in the promise's sentence matches a registered fact (same value).
fn backed_by_fact(
    registered: &std::collections::HashSet<crate::claims::compare::ClaimRef>,
    doc_index: usize,
    doc: &Doc,
    p: &Promise,
) -> bool {
    doc.claims.iter().enumerate().any(|(i, c)| {
        c.position.line >= p.position.line
            && c.position.line <= p.position.end_line
            && registered.contains(&crate::claims::compare::ClaimRef {
                doc: doc_index as u32,
                idx: i as u32,
            })
    })
}

fn emit(corpus: &Corpus, doc: &Doc, p: &Promise, out: &mut Vec<Diagnostic>) {
    let before = out.len();
    corpus.emit(
        out,
        &RULE.meta,
        doc,
        p.position,
        format!(
            "Unverified promise ({}): \"{}\". Verify the article (`kblint verify {} --by NAME`), link the sentence to the policy that grants it, or register the value as a fact",
            p.label, p.quote, doc.display
        ),
        Vec::new(),
        p.snippet.clone(),
    );
    // Money and compensation promises escalate from the default warning to an error.
    if let Some(d) = out.get_mut(before) {
        if p.is_money() && d.severity == RULE.meta.severity {
            d.severity = Severity::Error;
        }
    }
}
