//! KB202 registered-fact-mismatch.

use super::{claim_of, list_disagreeing, shown};
use crate::claims::normalize::canonical;
use crate::corpus::Corpus;
use crate::diagnostic::{Category, Diagnostic, Severity};
use crate::rules::{Check, Rule, RuleMeta};

/// The rule.
pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "KB202",
        name: "registered-fact-mismatch",
        category: Category::Conflict,
        severity: Severity::Error,
        default_enabled: true,
        summary: "A statement contradicts the canonical value registered in facts.yml.",
        docs: r#"`facts.yml` (configured with `facts:` in `.kblint.yml`) holds the canonical value of
the facts that matter — refund window, prices, SLAs, support phone — each with the words
that say what it is about, its scope, the policy that backs it and the team that owns it.
A statement about a registered fact with a different value is an error: the message names
the fact, its canonical value and its owner, so the author knows who to ask.
`kblint facts --suggest` writes a starter registry from what the KB asserts today.

```yaml
facts:
  - id: refund-window
    subject: [refund, request]
    aliases: ["money-back period"]
    value: 30 days
    source: policies/refunds.md
    owner: billing-team
```

## Bad
```markdown
Customers have 14 days from the charge to request a refund.
```

## Good
```markdown
Customers have 30 days from the charge to request a refund.
```
"#,
    },
    check: Check::Corpus(check),
};

fn check(corpus: &Corpus, out: &mut Vec<Diagnostic>) {
    let Some(reg) = &corpus.facts else { return };
    let analysis = corpus.conflicts();
    for m in &analysis.mismatches {
        let Some(fact) = reg.facts.get(m.fact) else {
            continue;
        };
        let c = claim_of(corpus, m.claim);
        let doc = &corpus.docs[m.claim.doc as usize];
        let mut about = vec![format!("canonical value {}", fact.value_text.trim())];
        if let Some(o) = &fact.owner {
            about.push(format!("owner: {o}"));
        }
        if let Some(s) = &fact.source {
            about.push(format!("source: {s}"));
        }
        let mut message = format!(
            "\"{}\" contradicts the registered fact `{}` ({})",
            shown(c),
            fact.id,
            about.join("; ")
        );
        let canon = canonical(&fact.value, &fact.value_text);
        if matches!(fact.value, crate::claims::Value::Quantity(_))
            && canon != fact.value_text.trim()
        {
            message.push_str(&format!(" = {canon}"));
        }
        let mut related = vec![crate::rules::related(
            &reg.path,
            crate::diagnostic::Position {
                line: fact.line as u32,
                column: 1,
                end_line: fact.line as u32,
                end_column: 1,
            },
            format!("registered fact `{}`", fact.id),
        )];
        related.extend(list_disagreeing(corpus, m.claim));
        corpus.emit(
            out,
            &RULE.meta,
            doc,
            c.position,
            message,
            related,
            c.shown.clone(),
        );
    }
}
