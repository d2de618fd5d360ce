//! `link`: links, anchors and assets of the KB that do not resolve. External URLs are
//! never fetched: the check is offline and deterministic.

pub mod broken_anchor;
pub mod broken_link;
pub mod link_case_mismatch;
pub mod missing_asset;

use crate::article::markdown::LinkKind;
use crate::corpus::{Corpus, Doc, DocLink, Target};

/// Visits every link with its target (resolved once, in `Corpus::new`).
pub fn each_link<'c>(corpus: &'c Corpus, mut f: impl FnMut(&'c Doc, &'c DocLink, Target)) {
    for (doc, targets) in corpus.docs.iter().zip(&corpus.targets) {
        for (link, target) in doc.links.iter().zip(targets) {
            f(doc, link, target.clone());
        }
    }
}

/// Whether a missing target is an asset (image, PDF, …) rather than an article.
pub fn is_asset_link(link: &DocLink, target: &std::path::Path) -> bool {
    if link.kind == LinkKind::Image {
        return true;
    }
    match target.extension().and_then(|e| e.to_str()) {
        Some(ext) => !matches!(
            ext.to_ascii_lowercase().as_str(),
            "md" | "markdown" | "mdx" | "html" | "htm"
        ),
        None => false,
    }
}
