//! The tone family: reply-macro language that undoes a service recovery.
//!
//! Only reply macros are checked: the `macros:` role (by default a `macros/`,
//! `macro/`, `reply-macros/` or `replies/` folder) or `type: macro` / `reply` in the
//! frontmatter. The same words in a training page or a normal article are left alone.
//! Phrasings live in `rules/tone.yml`; compensation offers come from the promise
//! detector (`rules/promises.yml`, `rules/promise-cues.yml`).

pub mod blame_shifting;
pub mod retracted_apology;
pub mod unbacked_compensation;
pub mod vague_recovery;

use crate::article::frontmatter::Meta;
use crate::article::markdown::BlockKind;
use crate::config::Settings;
use crate::diagnostic::Diagnostic;
use crate::rules::{ArticleCtx, RuleMeta};
use crate::sentences;

/// `type:` values that mark a reply macro.
const MACRO_TYPES: &[&str] = &[
    "macro",
    "reply",
    "canned-reply",
    "canned-response",
    "saved-reply",
];

/// Whether an article is a reply macro: the macro role or a macro `type:`.
pub fn is_macro(settings: &Settings, meta: &Meta) -> bool {
    settings.roles.is_macro
        || meta
            .doc_type
            .as_deref()
            .is_some_and(|t| MACRO_TYPES.contains(&t))
}

/// Reports the first `tone` lexicon match of `kind` in each sentence of a macro's
/// prose (quoted text, blockquotes and headings skipped), with `message(phrase, label)`.
pub fn check_kind(
    ctx: &ArticleCtx,
    out: &mut Vec<Diagnostic>,
    rule: &'static RuleMeta,
    kind: &str,
    message: fn(&str, &str) -> String,
) {
    if !is_macro(ctx.settings, &ctx.article.meta) {
        return;
    }
    let lex = ctx.lexicons.get("tone");
    for seg in &ctx.article.md.prose {
        if matches!(seg.block, BlockKind::Heading(_) | BlockKind::TableHeader)
            || (seg.is_quoted() && !sentences::is_callout(&seg.text))
        {
            continue;
        }
        let hits = lex.find_all(&seg.text);
        if !hits.iter().any(|h| h.2.spec.kind.as_deref() == Some(kind)) {
            continue;
        }
        let quotes = sentences::Spans::new(
            sentences::quoted_spans(&seg.text, 3)
                .into_iter()
                .map(|q| (q.start, q.end))
                .collect(),
        );
        let excepts = sentences::Spans::new(
            hits.iter()
                .filter(|h| h.2.spec.kind.as_deref() == Some("except"))
                .map(|h| (h.0, h.1))
                .collect(),
        );
        // `find_all` returns hits in text order.
        for sentence in sentences::split(&seg.text) {
            let lo = hits.partition_point(|h| h.0 < sentence.start);
            let hi = hits.partition_point(|h| h.0 < sentence.end);
            let hit = hits[lo..hi].iter().find(|(s, e, entry)| {
                entry.spec.kind.as_deref() == Some(kind)
                    && !quotes.covers(*s, *s + 1)
                    && !excepts.overlaps(*s, *e)
            });
            if let Some((s, e, entry)) = hit {
                let phrase = seg.text[*s..*e].trim();
                let label = entry.spec.label.as_deref().unwrap_or(&entry.spec.id);
                ctx.emit(out, rule, seg.source_range(*s..*e), message(phrase, label));
            }
        }
    }
}
