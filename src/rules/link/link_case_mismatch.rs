//! KB404 link-case-mismatch.

use super::each_link;
use crate::corpus::{Corpus, Target};
use crate::diagnostic::{Category, Diagnostic, Severity};
use crate::rules::{Check, Rule, RuleMeta};

/// The rule.
pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "KB404",
        name: "link-case-mismatch",
        category: Category::Link,
        severity: Severity::Error,
        default_enabled: true,
        summary: "A link differs from the real file name only in letter case: it works on macOS and Windows, breaks on Linux servers.",
        docs: r#"Authors on macOS never see this break: their file system ignores case. The
published site, served from Linux, returns 404.

## Bad
```markdown
[Refunds](Billing/Refunds.md)      <!-- the file is billing/refunds.md -->
```

## Good
```markdown
[Refunds](billing/refunds.md)
```
"#,
    },
    check: Check::Corpus(check),
};

fn check(corpus: &Corpus, out: &mut Vec<Diagnostic>) {
    each_link(corpus, |doc, link, target| {
        if let Target::CaseMismatch(actual) = target {
            corpus.emit(
                out,
                &RULE.meta,
                doc,
                link.position,
                format!("Link `{}` matches `{actual}` only when letter case is ignored; it breaks on case-sensitive servers", link.dest),
                Vec::new(),
                link.snippet.clone(),
            );
        }
    });
}
