//! `stale`: articles that may no longer be true. Review dates and intervals
//! ([`crate::review::ReviewState`], with the Git fallback), hard expiry, lapsed
//! time-bound wording in prose, and links to archived or superseded articles.
//!
//! Not checked for review state: archived/deprecated/obsolete/retired articles and
//! articles in archive folders (kept for history), changelogs and release notes (dated history by design), and drafts (their
//! review clock starts at publication; drafts are still checked for expiry, review-date
//! typos, lapsed wording and archived link targets, which they would publish).

pub mod archived_link_target;
pub mod expired;
pub mod future_review_date;
pub mod lapsed_wording;
pub mod review_due_passed;
pub mod review_overdue;
pub mod superseded_not_archived;

use crate::article::frontmatter::{Lifecycle, Meta};
use crate::config::Settings;
use crate::corpus::{normalize, Corpus, Doc};
use std::path::Path;

/// `type:` values that mark dated history.
const CHANGELOG_TYPES: &[&str] = &[
    "changelog",
    "release-notes",
    "release_notes",
    "releasenotes",
    "release notes",
    "whats-new",
    "history",
];

/// Whether the article is a changelog or release notes (by folder glob or `type:`).
pub fn is_changelog(meta: &Meta, settings: &Settings) -> bool {
    settings.roles.is_changelog
        || meta
            .doc_type
            .as_deref()
            .is_some_and(|t| CHANGELOG_TYPES.contains(&t))
}

/// Whether the article is archived: by its frontmatter lifecycle, or by sitting in an
/// archive folder (`archive:` globs; by default folders named `archive`, `deprecated`, …).
pub fn is_archived(meta: &Meta, settings: &Settings) -> bool {
    meta.is_retired() || settings.roles.is_archive
}

/// Whether no staleness rule applies at all: archived articles and changelogs.
pub fn is_history(meta: &Meta, settings: &Settings) -> bool {
    is_archived(meta, settings) || is_changelog(meta, settings)
}

/// Whether the review cadence (overdue, review-by) applies: live, published articles.
pub fn has_review_cadence(meta: &Meta, settings: &Settings) -> bool {
    !is_history(meta, settings) && meta.lifecycle != Lifecycle::Draft
}

/// "; owner: billing-team" (or a note that there is none), for messages.
pub fn owner_note(meta: &Meta) -> String {
    match &meta.owner {
        Some(o) => format!("; owner: {}", o.value),
        None => "; no owner in the frontmatter".to_string(),
    }
}

/// Resolves a `superseded_by` reference of `doc`: relative to the article's folder
/// first, then to each KB root. `None` when it names no article of the KB.
pub fn resolve_replacement(corpus: &Corpus, doc: &Doc, reference: &str) -> Option<usize> {
    let r = reference.trim().trim_start_matches("./");
    if r.is_empty() || r.contains("://") {
        return None;
    }
    let r = r.split('#').next().unwrap_or(r);
    let candidates = |base: &Path| {
        let p = normalize(&base.join(r.trim_start_matches('/')));
        let mut v = vec![p.clone()];
        if p.extension().is_none() {
            v.push(p.with_extension("md"));
            v.push(p.with_extension("markdown"));
        }
        v
    };
    let own = doc.path.parent().map(Path::to_path_buf);
    // A path starting with `/` is relative to the KB root only.
    let bases = own
        .into_iter()
        .filter(|_| !r.starts_with('/'))
        .chain(corpus.kb_roots.iter().cloned());
    for base in bases {
        for p in candidates(&base) {
            if let Some(i) = corpus.doc_at(&p) {
                return Some(i);
            }
        }
    }
    None
}
