//! KB401 broken-link.

use super::{each_link, is_asset_link};
use crate::corpus::{Corpus, Target};
use crate::diagnostic::{Category, Diagnostic, Severity};
use crate::rules::{Check, Rule, RuleMeta};

/// The rule.
pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "KB401",
        name: "broken-link",
        category: Category::Link,
        severity: Severity::Error,
        default_enabled: true,
        summary: "A relative link points at an article that does not exist.",
        docs: r#"An agent who follows a dead link mid-conversation has to search while the
customer waits, or answers from memory. Relative links are resolved against the
article's folder; `%20` escapes and extension-less links (`../billing/refunds`) are
understood. External URLs and site-absolute paths (`/docs/…`) are not checked.

## Bad
```markdown
See [how refunds work](../billing/refund-policy.md).   <!-- file was renamed -->
```

## Good
```markdown
See [how refunds work](../billing/refunds.md).
```
"#,
    },
    check: Check::Corpus(check),
};

fn check(corpus: &Corpus, out: &mut Vec<Diagnostic>) {
    each_link(corpus, |doc, link, target| {
        if let Target::Missing(path) = target {
            if !is_asset_link(link, &path) {
                corpus.emit(
                    out,
                    &RULE.meta,
                    doc,
                    link.position,
                    format!("Link target `{}` does not exist", link.dest),
                    Vec::new(),
                    link.snippet.clone(),
                );
            }
        }
    });
}
