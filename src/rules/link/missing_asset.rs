//! KB403 missing-asset.

use super::{each_link, is_asset_link};
use crate::corpus::{Corpus, Target};
use crate::diagnostic::{Category, Diagnostic, Severity};
use crate::rules::{Check, Rule, RuleMeta};

/// The rule.
pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "KB403",
        name: "missing-asset",
        category: Category::Link,
        severity: Severity::Error,
        default_enabled: true,
        summary: "An image or linked file (PDF, screenshot, attachment) does not exist.",
        docs: r#"A missing screenshot turns a step-by-step guide into guesswork; a missing PDF
form blocks the customer outright.

## Bad
```markdown
![The refund button](images/refund-button.png)   <!-- not in images/ -->
```

## Good
```markdown
![The refund button](images/refund-button.png)   <!-- committed next to the article -->
```
"#,
    },
    check: Check::Corpus(check),
};

fn check(corpus: &Corpus, out: &mut Vec<Diagnostic>) {
    each_link(corpus, |doc, link, target| {
        if let Target::Missing(path) = target {
            if is_asset_link(link, &path) {
                corpus.emit(
                    out,
                    &RULE.meta,
                    doc,
                    link.position,
                    format!("Asset `{}` does not exist", link.dest),
                    Vec::new(),
                    link.snippet.clone(),
                );
            }
        }
    });
}
