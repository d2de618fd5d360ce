//! GitHub-style heading anchors.

use std::collections::HashMap;

/// The GitHub slug of a heading's text: lowercase, punctuation dropped, spaces to `-`.
pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.trim().chars() {
        if c.is_alphanumeric() || c == '_' || c == '-' {
            out.extend(c.to_lowercase());
        } else if c == ' ' {
            out.push('-');
        }
    }
    out
}

/// Hands out unique anchors for one document: the second "Setup" is `setup-1`.
#[derive(Debug, Default)]
pub struct SlugCounter {
    seen: HashMap<String, usize>,
}

impl SlugCounter {
    /// The unique anchor for a heading with this base slug.
    pub fn unique(&mut self, base: String) -> String {
        let Some(mut n) = self.seen.get(&base).copied() else {
            self.seen.insert(base.clone(), 1);
            return base;
        };
        let mut candidate = format!("{base}-{n}");
        n += 1;
        while self.seen.contains_key(&candidate) {
            candidate = format!("{base}-{n}");
            n += 1;
        }
        self.seen.insert(base, n);
        self.seen.insert(candidate.clone(), 1);
        candidate
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn github_slugs() {
        assert_eq!(slugify("Refund window (EU)"), "refund-window-eu");
        assert_eq!(slugify("What's new?"), "whats-new");
        assert_eq!(slugify("Step 1: Sign in"), "step-1-sign-in");
        assert_eq!(slugify("Über uns"), "über-uns");
        assert_eq!(slugify("🚀 Launch"), "-launch");
        assert_eq!(
            slugify("snake_case and kebab-case"),
            "snake_case-and-kebab-case"
        );
    }

    #[test]
    fn duplicates_get_suffixes() {
        let mut c = SlugCounter::default();
        assert_eq!(c.unique("setup".into()), "setup");
        assert_eq!(c.unique("setup".into()), "setup-1");
        assert_eq!(c.unique("setup".into()), "setup-2");
        assert_eq!(c.unique("setup-1".into()), "setup-1-1");
    }
}
