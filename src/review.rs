//! Review state of an article: its interval, last review and whether it counts as
//! verified under the contract ("names a verifier and its last verification is within
//! its review interval on today").

use crate::article::frontmatter::Meta;
use crate::config::Settings;
use crate::dates::{add_days, Date};

/// Where an article's review date came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateSource {
    /// A frontmatter key.
    Frontmatter,
    /// The last Git commit that touched the file.
    Git,
}

/// The review facts of one article on one day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReviewState {
    /// Review interval in days (the article's own, else the configured one).
    pub interval: u32,
    /// Last review, if known.
    pub last_review: Option<Date>,
    /// Where `last_review` came from.
    pub source: Option<DateSource>,
    /// Whether the article is verified today.
    pub verified: bool,
}

impl ReviewState {
    /// Computes the state from frontmatter, settings and an optional Git date.
    pub fn of(
        meta: &Meta,
        settings: &Settings,
        git_date: Option<Date>,
        today: Date,
    ) -> ReviewState {
        let interval = meta
            .review_interval
            .as_ref()
            .map(|f| f.value)
            .unwrap_or(settings.review_interval);
        let (last_review, source) = match (&meta.last_review, git_date) {
            (Some(f), _) => (Some(f.value), Some(DateSource::Frontmatter)),
            (None, Some(d)) => (Some(d), Some(DateSource::Git)),
            (None, None) => (None, None),
        };
        let fresh =
            last_review.is_some_and(|d| d <= today && add_days(d, interval as i64) >= today);
        let verified = fresh && source == Some(DateSource::Frontmatter) && meta.verifier.is_some();
        ReviewState {
            interval,
            last_review,
            source,
            verified,
        }
    }

    /// The day the next review is due, if the last review is known.
    pub fn due(&self) -> Option<Date> {
        self.last_review.map(|d| add_days(d, self.interval as i64))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::frontmatter::Field;

    fn d(s: &str) -> Date {
        crate::dates::parse_date(s).unwrap()
    }

    #[test]
    fn verified_needs_verifier_and_fresh_date() {
        let mut meta = Meta::default();
        let s = Settings::defaults();
        meta.last_review = Some(Field {
            value: d("2026-10-01"),
            key: "last_reviewed".into(),
            line: 2,
        });
        assert!(!ReviewState::of(&meta, &s, None, d("2026-11-24")).verified);
        meta.verifier = Some(Field {
            value: "ana".into(),
            key: "verified_by".into(),
            line: 3,
        });
        assert!(ReviewState::of(&meta, &s, None, d("2026-11-24")).verified);
        assert!(!ReviewState::of(&meta, &s, None, d("2027-06-01")).verified);
        meta.review_interval = Some(Field {
            value: 365,
            key: "review_interval".into(),
            line: 4,
        });
        assert!(ReviewState::of(&meta, &s, None, d("2027-06-01")).verified);
    }
}
