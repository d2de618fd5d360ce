//! KB604 unbacked-compensation.

use crate::corpus::Corpus;
use crate::diagnostic::{Category, Diagnostic, Severity};
use crate::rules::promise::{backed_by_policy, is_retired};
use crate::rules::{Check, Rule, RuleMeta};

/// The rule.
pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "KB604",
        name: "unbacked-compensation",
        category: Category::Tone,
        severity: Severity::Warning,
        default_enabled: true,
        summary: "A reply macro offers compensation (credit, voucher, free month, discount) without linking the policy that allows it.",
        docs: r#"Compensation is part of a good recovery, but only when it is the company's offer
and not the agent's improvisation: a macro that hands out "a free month" or "a $50
credit" is copied into every ticket it fits, with nobody checking that the policy
allows it, and the next agent who doesn't offer it looks stingy. Link the policy that
grants the compensation (for example a goodwill credit policy, `type: policy` or under
`policies/`) in the sentence that offers it, so agents and customers can see its
limits. Checked in reply macros only, verified or not; the offer is found by the
promise detector (kinds `compensation` in `rules/promises.yml` and
`rules/promise-cues.yml`).

## Bad
```markdown
As a goodwill gesture, here's a free month of Quillstack on us.
```

## Good
```markdown
Because this was our mistake, I've applied a credit of {{credit_amount}} to your next
invoice, in line with our [goodwill policy](../policies/goodwill-credits.md).
```
"#,
    },
    check: Check::Corpus(check),
};

fn check(corpus: &Corpus, out: &mut Vec<Diagnostic>) {
    for doc in &corpus.docs {
        if doc.promises.is_empty() || is_retired(doc) || !super::is_macro(&doc.settings, &doc.meta)
        {
            continue;
        }
        for p in doc.promises.iter().filter(|p| p.is_compensation()) {
            if backed_by_policy(corpus, doc, p) {
                continue;
            }
            corpus.emit(
                out,
                &RULE.meta,
                doc,
                p.position,
                format!("Compensation offered without a policy reference ({}): \"{}\". Link the policy that allows it in the same sentence, or leave the offer out", p.label, p.quote),
                Vec::new(),
                p.snippet.clone(),
            );
        }
    }
}
