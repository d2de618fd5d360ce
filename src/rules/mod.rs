//! The rule registry: every rule's metadata and check, in one list from which
//! `kblint rules`, `kblint explain` and the README's rule table all come.
//!
//! Adding a rule: write `src/rules/<family>/<rule_name>.rs` with a `pub static RULE: Rule`
//! (code, name, category, severity, summary, docs with a bad and a good example, check),
//! then list it in [`REGISTRY`].

pub mod conflict;
pub mod hygiene;
pub mod link;
pub mod parse;
pub mod promise;
pub mod stale;
pub mod tone;

use crate::article::Article;
use crate::config::Settings;
use crate::corpus::Corpus;
use crate::dates::Date;
use crate::diagnostic::{Category, Diagnostic, Position, Related, Severity};
use crate::lexicon::Lexicons;

/// What a rule is, independent of how it checks.
#[derive(Debug, PartialEq, Eq)]
pub struct RuleMeta {
    /// `KBnnn`.
    pub code: &'static str,
    /// kebab-case name.
    pub name: &'static str,
    /// The contract category.
    pub category: Category,
    /// Severity unless configured otherwise.
    pub severity: Severity,
    /// Whether it runs without being selected.
    pub default_enabled: bool,
    /// One line: what it finds.
    pub summary: &'static str,
    /// Markdown: why it matters, a bad and a good example, options.
    pub docs: &'static str,
}

/// Everything a per-article rule may look at.
pub struct ArticleCtx<'a> {
    /// The article, parsed.
    pub article: &'a Article,
    /// Settings in force for it.
    pub settings: &'a Settings,
    /// Rule data.
    pub lexicons: &'a Lexicons,
    /// "Today" for date rules.
    pub today: Date,
    /// Day of the last Git commit touching the article, when Git dates are on.
    pub git_date: Option<Date>,
}

impl ArticleCtx<'_> {
    /// Emits a finding of `rule` at a byte range, if the rule is on for this article.
    pub fn emit(
        &self,
        out: &mut Vec<Diagnostic>,
        rule: &'static RuleMeta,
        range: std::ops::Range<usize>,
        message: String,
    ) {
        let position = self.article.position(range.clone());
        let snippet = self.article.text[range].to_string();
        self.emit_at(out, rule, position, message, snippet);
    }

    /// Emits a finding of `rule` at a position.
    pub fn emit_at(
        &self,
        out: &mut Vec<Diagnostic>,
        rule: &'static RuleMeta,
        position: Position,
        message: String,
        snippet: String,
    ) {
        if let Some(severity) = self.settings.severity(rule) {
            out.push(Diagnostic {
                rule,
                severity,
                path: self.article.display.clone(),
                position,
                message,
                related: Vec::new(),
                snippet,
            });
        }
    }

    /// Emits a finding on a whole 1-based line (frontmatter keys).
    pub fn emit_line(
        &self,
        out: &mut Vec<Diagnostic>,
        rule: &'static RuleMeta,
        line: u32,
        message: String,
    ) {
        let position = self.article.line_position(line);
        let snippet = self.article.line_text(line).trim().to_string();
        self.emit_at(out, rule, position, message, snippet);
    }

    /// Whether the rule is on for this article.
    pub fn enabled(&self, rule: &RuleMeta) -> bool {
        self.settings.severity(rule).is_some()
    }
}

/// How a rule checks.
pub enum Check {
    /// Runs on each article, in parallel.
    Article(fn(&ArticleCtx, &mut Vec<Diagnostic>)),
    /// Runs once over the indexes of the whole KB.
    Corpus(fn(&Corpus, &mut Vec<Diagnostic>)),
    /// Findings produced by the engine itself (loading, suppressions).
    Engine,
}

/// A rule: metadata and check.
pub struct Rule {
    /// Metadata.
    pub meta: RuleMeta,
    /// The check.
    pub check: Check,
}

/// Every rule, ordered by code.
pub static REGISTRY: &[&Rule] = &[
    &parse::unreadable_file::RULE,
    &parse::not_text::RULE,
    &parse::file_too_large::RULE,
    &parse::malformed_frontmatter::RULE,
    &parse::nesting_too_deep::RULE,
    &parse::internal_error::RULE,
    &stale::review_overdue::RULE,
    &stale::review_due_passed::RULE,
    &stale::expired::RULE,
    &stale::future_review_date::RULE,
    &stale::lapsed_wording::RULE,
    &stale::archived_link_target::RULE,
    &stale::superseded_not_archived::RULE,
    &conflict::conflicting_fact::RULE,
    &conflict::registered_fact_mismatch::RULE,
    &conflict::conflicting_policy::RULE,
    &promise::unverified_promise::RULE,
    &promise::absolute_claim::RULE,
    &link::broken_link::RULE,
    &link::broken_anchor::RULE,
    &link::missing_asset::RULE,
    &link::link_case_mismatch::RULE,
    &hygiene::placeholder::RULE,
    &hygiene::missing_frontmatter::RULE,
    &hygiene::malformed_date::RULE,
    &hygiene::unused_suppression::RULE,
    &tone::blame_shifting::RULE,
    &tone::retracted_apology::RULE,
    &tone::vague_recovery::RULE,
    &tone::unbacked_compensation::RULE,
];

/// The registry index of a rule code.
pub fn index_of(code: &str) -> Option<usize> {
    REGISTRY.iter().position(|r| r.meta.code == code)
}

/// Looks a rule up by code or name (case-insensitive).
pub fn find(code_or_name: &str) -> Option<&'static Rule> {
    REGISTRY.iter().copied().find(|r| {
        r.meta.code.eq_ignore_ascii_case(code_or_name)
            || r.meta.name.eq_ignore_ascii_case(code_or_name)
    })
}

/// Whether a selector names anything: a category (even one without rules yet), or
/// at least one rule.
pub fn is_known_selector(selector: &str) -> bool {
    Category::parse(&selector.trim().to_ascii_lowercase()).is_some() || !select(selector).is_empty()
}

/// The registry indexes a selector names: a code, a name, a category, or a code prefix
/// (`KB3` = every KB3xx rule). Empty when it names nothing.
pub fn select(selector: &str) -> Vec<usize> {
    let s = selector.trim();
    if s.eq_ignore_ascii_case("all") {
        return (0..REGISTRY.len()).collect();
    }
    if let Some(c) = Category::parse(&s.to_ascii_lowercase()) {
        return REGISTRY
            .iter()
            .enumerate()
            .filter(|(_, r)| r.meta.category == c)
            .map(|(i, _)| i)
            .collect();
    }
    REGISTRY
        .iter()
        .enumerate()
        .filter(|(_, r)| {
            r.meta.code.eq_ignore_ascii_case(s)
                || r.meta.name.eq_ignore_ascii_case(s)
                || (s.len() >= 3
                    && s.len() < 5
                    && r.meta
                        .code
                        .to_ascii_uppercase()
                        .starts_with(&s.to_ascii_uppercase()))
        })
        .map(|(i, _)| i)
        .collect()
}

/// A related location pointing at another place.
pub fn related(path: &str, position: Position, message: impl Into<String>) -> Related {
    Related {
        path: path.to_string(),
        line: position.line,
        column: position.column,
        message: message.into(),
    }
}

/// The README's rule table (Markdown), generated from the registry.
pub fn markdown_table() -> String {
    let mut out = String::from(
        "| Code | Name | Category | Default | What it finds |\n|---|---|---|---|---|\n",
    );
    for r in REGISTRY {
        let m = &r.meta;
        let sev = if m.default_enabled {
            m.severity.as_str()
        } else {
            "off"
        };
        out.push_str(&format!(
            "| {} | `{}` | {} | {} | {} |\n",
            m.code, m.name, m.category, sev, m.summary
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_names_are_unique_and_well_formed() {
        let mut seen = std::collections::HashSet::new();
        for r in REGISTRY {
            let m = &r.meta;
            assert!(seen.insert(m.code), "duplicate code {}", m.code);
            assert!(seen.insert(m.name), "duplicate name {}", m.name);
            assert!(m.code.len() == 5 && m.code.starts_with("KB"), "{}", m.code);
            assert!(
                m.name.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
                "{}",
                m.name
            );
            assert!(
                m.docs.contains("## Bad") && m.docs.contains("## Good"),
                "{} docs need examples",
                m.code
            );
            assert!(!m.summary.is_empty());
        }
        let codes: Vec<_> = REGISTRY.iter().map(|r| r.meta.code).collect();
        let mut sorted = codes.clone();
        sorted.sort();
        assert_eq!(codes, sorted, "registry is ordered by code");
    }

    #[test]
    fn selectors() {
        assert_eq!(select("KB501").len(), 1);
        assert_eq!(select("placeholder"), select("KB501"));
        assert!(select("link").len() >= 4);
        assert!(select("KB4").len() >= 4);
        assert!(select("nonsense").is_empty());
    }
}
