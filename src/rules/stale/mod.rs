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

#[cfg(test)]
mod tests {
    use crate::article::{Article, Limits};
    use crate::config::Settings;
    use crate::dates::{parse_date, Date};
    use crate::diagnostic::{Diagnostic, Severity};
    use crate::lexicon::Lexicons;
    use crate::rules::{ArticleCtx, Check, Rule};

    fn d(s: &str) -> Date {
        parse_date(s).unwrap()
    }

    fn run_with(rule: &Rule, src: &str, settings: &Settings, git: Option<&str>) -> Vec<Diagnostic> {
        let a = Article::from_text(
            "kb/a.md".into(),
            "kb/a.md".into(),
            src.to_string(),
            &Limits::default(),
        );
        let lex = Lexicons::embedded();
        let ctx = ArticleCtx {
            article: &a,
            settings,
            lexicons: &lex,
            today: d("2026-11-24"),
            git_date: git.map(d),
        };
        let mut out = Vec::new();
        if let Check::Article(f) = rule.check {
            f(&ctx, &mut out);
        }
        out
    }

    fn run(rule: &Rule, src: &str) -> Vec<Diagnostic> {
        run_with(rule, src, &Settings::defaults(), None)
    }

    #[test]
    fn overdue_warns_then_escalates() {
        let r = &super::review_overdue::RULE;
        // Due 2026-09-02 (180 days after 2026-03-06): 83 days overdue, a warning.
        let w = run(r, "---\nowner: ana\nlast_reviewed: 2026-03-06\n---\n");
        assert_eq!(w.len(), 1);
        assert_eq!((w[0].severity, w[0].position.line), (Severity::Warning, 3));
        assert!(
            w[0].message.contains("owner: ana") && w[0].message.contains("since 2026-09-02"),
            "{}",
            w[0].message
        );
        // More than one further interval overdue: an error.
        let e = run(r, "---\nlast_reviewed: 2025-01-01\n---\n");
        assert_eq!(e[0].severity, Severity::Error);
        assert!(e[0].message.contains("no owner"));
        let mut s = Settings::defaults();
        s.overdue_error_after = 3;
        assert_eq!(
            run_with(r, "---\nlast_reviewed: 2025-01-01\n---\n", &s, None)[0].severity,
            Severity::Warning
        );
        // The article's own interval wins.
        assert!(run(
            r,
            "---\nlast_reviewed: 2025-01-01\nreview_interval: 2y\n---\n"
        )
        .is_empty());
        assert!(
            run(
                r,
                "---\nlast_reviewed: 2026-10-01\nreview_interval: 30d\n---\n"
            )
            .len()
                == 1
        );
    }

    #[test]
    fn exempt_articles() {
        let r = &super::review_overdue::RULE;
        for src in [
            "---\nlast_reviewed: 2020-01-01\nstatus: archived\n---\n",
            "---\nlast_reviewed: 2020-01-01\ndeprecated: true\n---\n",
            "---\nlast_reviewed: 2020-01-01\nstatus: draft\n---\n",
            "---\nlast_reviewed: 2020-01-01\ntype: changelog\n---\n",
            "---\nlast_reviewed: 2020-01-01\ntype: release-notes\n---\n",
        ] {
            assert!(run(r, src).is_empty(), "{src}");
        }
        let mut s = Settings::defaults();
        s.roles.is_archive = true;
        assert!(run_with(r, "---\nlast_reviewed: 2020-01-01\n---\n", &s, None).is_empty());
        // Drafts are still checked for expiry.
        assert_eq!(
            run(
                &super::expired::RULE,
                "---\nexpires: 2025-01-01\nstatus: draft\n---\n"
            )
            .len(),
            1
        );
    }

    #[test]
    fn git_dates_stand_in_on_line_one() {
        let r = &super::review_overdue::RULE;
        let src = "---\nowner: ana\n---\n# A\n";
        let out = run_with(r, src, &Settings::defaults(), Some("2024-01-05"));
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].position.line, 1);
        assert!(out[0].message.contains("from Git") && out[0].message.contains("2024-01-05"));
        // A frontmatter date wins over Git; a Git date after today is ignored.
        assert!(run_with(
            r,
            "---\nupdated: 2026-11-01\n---\n",
            &Settings::defaults(),
            Some("2020-01-01")
        )
        .is_empty());
        assert!(run_with(r, src, &Settings::defaults(), Some("2026-11-29")).is_empty());
        assert!(run_with(
            &super::future_review_date::RULE,
            src,
            &Settings::defaults(),
            Some("2030-01-01")
        )
        .is_empty());
    }

    #[test]
    fn review_by_expiry_future_and_superseded() {
        let out = run(
            &super::review_due_passed::RULE,
            "---\nlast_reviewed: 2026-10-01\nnext_review: 2026-10-15\n---\n",
        );
        assert_eq!(out[0].position.line, 3);
        assert!(run(
            &super::review_due_passed::RULE,
            "---\nreview_by: 2026-11-24\n---\n"
        )
        .is_empty());
        let out = run(&super::expired::RULE, "---\nvalid_until: 11/01/2026\n---\n");
        assert_eq!(
            (out[0].severity, out[0].position.line),
            (Severity::Error, 2)
        );
        assert!(run(&super::expired::RULE, "---\nvalid_until: 2027-01-01\n---\n").is_empty());
        let f = &super::future_review_date::RULE;
        assert_eq!(run(f, "---\nlast_reviewed: 2062-08-14\n---\n").len(), 1);
        assert!(
            run(f, "---\nlast_reviewed: 2026-11-25\n---\n").is_empty(),
            "one day of slack"
        );
        assert!(run(
            &super::review_overdue::RULE,
            "---\nlast_reviewed: 2062-08-14\n---\n"
        )
        .is_empty());
        let s = &super::superseded_not_archived::RULE;
        assert_eq!(
            run(s, "---\nowner: a\nreplaced_by: b.md\n---\n")[0]
                .position
                .line,
            3
        );
        assert!(run(s, "---\nstatus: retired\nsuperseded_by: b.md\n---\n").is_empty());
    }

    #[test]
    fn lapsed_wording_skips_quotes_code_and_history() {
        let r = &super::lapsed_wording::RULE;
        let src = "---\nlast_reviewed: 2026-10-01\n---\n\nThe offer ends March 31, 2025.\n\n> \"The offer ends March 31, 2025\", the customer wrote.\n\n`offer ends March 31, 2025`\n\n```\noffer ends March 31, 2025\n```\n\n> **Note:** The promo code expires on June 1, 2025.\n";
        let out = run(r, src);
        let lines: Vec<u32> = out.iter().map(|d| d.position.line).collect();
        assert_eq!(lines, vec![5, 15], "{out:?}");
        assert_eq!(out[0].position.column, 5);
        assert!(run(r, "---\nlast_reviewed: 2026-10-01\nstatus: archived\n---\nThe offer ends March 31, 2025.\n").is_empty());
        assert!(run(r, "---\nlast_reviewed: 2026-10-01\ntype: changelog\n---\nThe offer ends March 31, 2025.\n").is_empty());
        // Under an "Example" heading, dates are illustrations.
        assert!(run(r, "---\nlast_reviewed: 2026-10-01\n---\n## Example\n\nThe trial runs until March 31, 2025.\n").is_empty());
    }
}
