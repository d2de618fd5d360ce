//! The promise family: customer-facing commitments (guarantees, deadlines, refunds,
//! credits, replacements, availability, absolutes) in articles nobody has verified.
//!
//! Detection runs once per article during loading ([`detect::find`], grammar over the
//! `promises`, `promise-cues` and `promise-grammar` lexicons) and the results travel with the article's
//! [`Doc`](crate::corpus::Doc) summary. The rules themselves are corpus rules because a
//! promise is *backed* when its sentence links to a policy article, and whether a link
//! target is a policy (`type: policy` in its frontmatter, or matching the `policy:`
//! globs / a `policies/` folder) is only known once every article is loaded.
//! A promise is also backed when a value in its sentence agrees with a registered fact
//! (the conflict family's analysis, computed once per run).

pub mod absolute_claim;
pub mod detect;
pub mod unverified_promise;

use crate::config::Settings;
use crate::corpus::{Corpus, Doc, Target};
use crate::diagnostic::Position;

/// A customer-facing commitment found in one sentence of an article.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Promise {
    /// The sentence's position in the article.
    pub position: Position,
    /// The sentence as written in the article.
    pub snippet: String,
    /// The sentence's text for messages (markup removed, shortened).
    pub quote: String,
    /// Kinds of the cues that fired (`money`, `deadline`, …), first seen first.
    pub kinds: Vec<String>,
    /// A short description of the main cue, for messages.
    pub label: String,
    /// Destinations of the links inside the sentence.
    pub links: Vec<String>,
    /// Absolute wording in the sentence ("never", "100%", "lifetime"), if any.
    pub absolute: Option<String>,
}

impl Promise {
    /// Whether it promises money or compensation (an error when unverified).
    pub fn is_money(&self) -> bool {
        self.kinds
            .iter()
            .any(|k| k == "money" || k == "compensation")
    }

    /// Whether it offers compensation (credit, voucher, free month, discount).
    pub fn is_compensation(&self) -> bool {
        self.kinds.iter().any(|k| k == "compensation")
    }
}

/// Whether any rule that needs promise detection is on for an article.
pub fn wanted(settings: &Settings) -> bool {
    [
        &unverified_promise::RULE.meta,
        &absolute_claim::RULE.meta,
        &crate::rules::tone::unbacked_compensation::RULE.meta,
    ]
    .into_iter()
    .any(|m| settings.severity(m).is_some())
}

/// Folder names that hold policies, as in the default `policy:` role.
const POLICY_SEGMENTS: &[&str] = &["policies", "policy", "legal", "terms"];

/// Whether a document is a policy article: `type: policy` or the policy role.
pub fn is_policy_doc(doc: &Doc) -> bool {
    doc.settings.roles.is_policy || doc.meta.doc_type.as_deref() == Some("policy")
}

/// Whether a link destination written in `doc` points at a policy: a policy article of
/// the KB, or an external page under a `/policies/`, `/legal/`, `/terms/` path.
pub fn links_to_policy(corpus: &Corpus, doc: &Doc, dest: &str) -> bool {
    match corpus.resolve(doc, dest) {
        Target::Article(i, _) => corpus.docs.get(i).is_some_and(is_policy_doc),
        Target::SameFile(_) => is_policy_doc(doc),
        Target::Skipped => external_policy_url(dest),
        Target::Asset | Target::CaseMismatch(_) | Target::Missing(_) => false,
    }
}

/// Whether the sentence of a promise links to a policy.
pub fn backed_by_policy(corpus: &Corpus, doc: &Doc, p: &Promise) -> bool {
    p.links.iter().any(|d| links_to_policy(corpus, doc, d))
}

fn external_policy_url(dest: &str) -> bool {
    let Some((_, rest)) = dest.split_once("://") else {
        return false;
    };
    let path = rest.split(['?', '#']).next().unwrap_or("");
    path.split('/')
        .skip(1)
        .any(|seg| POLICY_SEGMENTS.iter().any(|p| seg.eq_ignore_ascii_case(p)))
}

/// Whether the article is retired (archived, deprecated, …): history, not promises.
pub fn is_retired(doc: &Doc) -> bool {
    doc.meta.is_retired()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn external_policy_urls() {
        assert!(external_policy_url(
            "https://quillstack.example/legal/pay-terms"
        ));
        assert!(external_policy_url("https://x.example/policies/refunds#a"));
        assert!(!external_policy_url("https://status.quillstack.example"));
        assert!(!external_policy_url("https://legal.example/about"));
        assert!(!external_policy_url("../policies/refund.md"));
    }
}
