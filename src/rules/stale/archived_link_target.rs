//! KB106 archived-link-target.

use super::{is_history, resolve_replacement};
use crate::article::markdown::LinkKind;
use crate::corpus::{Corpus, Target};
use crate::diagnostic::{Category, Diagnostic, Position, Severity};
use crate::rules::{related, Check, Rule, RuleMeta};

/// The rule.
pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "KB106",
        name: "archived-link-target",
        category: Category::Stale,
        severity: Severity::Warning,
        default_enabled: true,
        summary: "A live article links to an archived, deprecated or superseded article.",
        docs: r#"The link still works, so nothing looks broken, but it walks the agent into
content that is kept for history only. A target counts as archived when its status is
`archived`, `deprecated`, `obsolete` or `retired` (or `archived: true`), or when it
declares `superseded_by` / `replaced_by`. Sitting in an archive folder is not enough
(folders also hold shared fragments and includes): mark retired articles in their
frontmatter. The message names the replacement when one is
known: `superseded_by` is resolved relative to the target's folder first, then to the
KB root (the folder of the outermost `.kblint.yml`, or the checked folder).

Links from archived articles (including those in archive folders) and from changelogs
are not checked (history may point at
history). The finding is on the link.

## Bad
```markdown
Customers who still print checks can follow [printing paper paychecks](../archive/paper-checks.md).
```

## Good
```markdown
Paychecks are paid by [direct deposit](direct-deposit.md).
```
"#,
    },
    check: Check::Corpus(check),
};

fn check(corpus: &Corpus, out: &mut Vec<Diagnostic>) {
    for (di, (doc, targets)) in corpus.docs.iter().zip(&corpus.targets).enumerate() {
        if !doc.loaded || is_history(&doc.meta, &doc.settings) {
            continue;
        }
        for (link, target) in doc.links.iter().zip(targets) {
            let Target::Article(ti, _) = target else {
                continue;
            };
            if *ti == di || link.kind == LinkKind::Image {
                continue;
            }
            let t = &corpus.docs[*ti];
            let (why, line) = match (&t.meta.lifecycle_field, &t.meta.superseded_by) {
                (Some(f), _) if t.meta.is_retired() => {
                    let shown = if f.key.eq_ignore_ascii_case(&f.value) {
                        format!("{}: true", f.key)
                    } else {
                        format!("{}: {}", f.key, f.value)
                    };
                    (
                        format!("is {} (`{shown}`)", f.value.to_ascii_lowercase()),
                        f.line,
                    )
                }
                (_, Some(s)) => (format!("is superseded (`{}`)", s.key), s.line),
                _ => continue,
            };
            let replacement = t.meta.superseded_by.as_ref().map(|s| {
                match resolve_replacement(corpus, t, &s.value) {
                    Some(r) if r == di => {
                        "; it is replaced by this very article: remove the link".to_string()
                    }
                    Some(r) => format!(
                        "; link to its replacement `{}` instead",
                        corpus.docs[r].display
                    ),
                    None => format!("; its replacement is `{}` (not found in the KB)", s.value),
                }
            });
            let replacement = replacement.unwrap_or_else(|| {
                "; link to the current article instead, or remove the link".to_string()
            });
            let message = format!("Links to `{}`, which {why}{replacement}", t.display);
            let at = Position {
                line,
                column: 1,
                end_line: line,
                end_column: 1,
            };
            let rel = vec![related(&t.display, at, "why the target counts as archived")];
            corpus.emit(
                out,
                &RULE.meta,
                doc,
                link.position,
                message,
                rel,
                link.snippet.clone(),
            );
        }
    }
}
