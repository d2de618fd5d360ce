//! KB402 broken-anchor.

use super::each_link;
use crate::corpus::{Corpus, Target};
use crate::diagnostic::{Category, Diagnostic, Severity};
use crate::rules::{Check, Rule, RuleMeta};

/// The rule.
pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "KB402",
        name: "broken-anchor",
        category: Category::Link,
        severity: Severity::Warning,
        default_enabled: true,
        summary:
            "A `#anchor` link, in the same article or another, names a heading that does not exist.",
        docs: r#"Anchors break silently when a heading is reworded: the link still opens the
article, but at the top, and the agent has to hunt for the section.
Fragments of heading-less include files and `#tab/…` tab selectors are not checked.
Anchors are GitHub-style slugs (lowercase, punctuation dropped, spaces to `-`,
duplicates `-1`, `-2`), explicit `{#id}` attributes and HTML `id`/`name` attributes;
they are compared case-insensitively.

## Bad
```markdown
## Refund window
…
See [the refund window](#refund-period).
```

## Good
```markdown
See [the refund window](#refund-window).
```
"#,
    },
    check: Check::Corpus(check),
};

fn check(corpus: &Corpus, out: &mut Vec<Diagnostic>) {
    each_link(corpus, |doc, link, target| {
        let (target_doc, fragment) = match target {
            // A fragment without headings (an include) links into the page that includes it.
            Target::SameFile(_) if doc.anchors.is_empty() => return,
            Target::SameFile(f) => (doc, f),
            Target::Article(i, Some(f)) => (&corpus.docs[i], f),
            _ => return,
        };
        // `#tab/…` selects a tab on Microsoft Learn-style pages, not a heading.
        if !target_doc.loaded || fragment.is_empty() || fragment.starts_with("tab/") {
            return;
        }
        let f = fragment.to_lowercase();
        if target_doc.anchors.contains(&f) || f == "top" {
            return;
        }
        let where_ = if std::ptr::eq(target_doc, doc) {
            "this article".to_string()
        } else {
            format!("`{}`", target_doc.display)
        };
        corpus.emit(
            out,
            &RULE.meta,
            doc,
            link.position,
            format!("No heading with anchor `#{fragment}` in {where_}"),
            Vec::new(),
            link.snippet.clone(),
        );
    });
}
