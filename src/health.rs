//! Review health of each article, read from its frontmatter: the facts the HTML and
//! Markdown reports summarise (fresh, due soon, overdue, expired, never reviewed).

use crate::corpus::Doc;
use crate::dates::{add_days, Date};
use crate::diagnostic::Category;
use crate::review::ReviewState;
use crate::rules::REGISTRY;

/// An article counts as "due soon" when its next review or expiry is this close.
pub const DUE_SOON_DAYS: i64 = 30;

/// Where an article stands today.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Health {
    /// Reviewed within its interval, nothing due in the next 30 days.
    Fresh,
    /// Next review (or expiry) within the next 30 days.
    DueSoon,
    /// Next review date has passed.
    Overdue,
    /// The hard expiry date has passed.
    Expired,
    /// No usable review date (none, or one in the future).
    NeverReviewed,
    /// Archived, deprecated, obsolete or retired: not counted in the health shares.
    Archived,
    /// The file could not be loaded: not counted in the health shares.
    Unreadable,
}

impl Health {
    /// The states counted in the health shares, best first.
    pub const COUNTED: [Health; 5] = [
        Health::Fresh,
        Health::DueSoon,
        Health::Overdue,
        Health::Expired,
        Health::NeverReviewed,
    ];

    /// Every state, in display order.
    pub const ALL: [Health; 7] = [
        Health::Fresh,
        Health::DueSoon,
        Health::Overdue,
        Health::Expired,
        Health::NeverReviewed,
        Health::Archived,
        Health::Unreadable,
    ];

    /// A stable kebab-case id (CSS classes, data attributes).
    pub fn as_str(self) -> &'static str {
        match self {
            Health::Fresh => "fresh",
            Health::DueSoon => "due-soon",
            Health::Overdue => "overdue",
            Health::Expired => "expired",
            Health::NeverReviewed => "never-reviewed",
            Health::Archived => "archived",
            Health::Unreadable => "unreadable",
        }
    }

    /// A label for people.
    pub fn label(self) -> &'static str {
        match self {
            Health::Fresh => "Fresh",
            Health::DueSoon => "Due within 30 days",
            Health::Overdue => "Overdue",
            Health::Expired => "Expired",
            Health::NeverReviewed => "Never reviewed",
            Health::Archived => "Archived",
            Health::Unreadable => "Unreadable",
        }
    }

    /// Whether the state counts in the health shares (live, loaded articles).
    pub fn counted(self) -> bool {
        !matches!(self, Health::Archived | Health::Unreadable)
    }
}

/// One article's review facts, as of the run's "today".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleFacts {
    /// Display path.
    pub display: String,
    /// `title:` from frontmatter.
    pub title: Option<String>,
    /// `owner:` (or `owners`, `author`, …) from frontmatter.
    pub owner: Option<String>,
    /// Whether the file loaded.
    pub loaded: bool,
    /// Archived, deprecated, obsolete or retired.
    pub retired: bool,
    /// Last review from frontmatter (possibly in the future: a typo).
    pub last_review: Option<Date>,
    /// Review interval in days (the article's own, else the configured one).
    pub interval: u32,
    /// Next review due: the earlier of last review + interval and `review_by`.
    pub due: Option<Date>,
    /// Hard expiry.
    pub expires: Option<Date>,
    /// Verified under the contract (a verifier and a fresh verification).
    pub verified: bool,
    /// Where the article stands today.
    pub health: Health,
}

impl ArticleFacts {
    /// Reads an article's facts from its summary (frontmatter dates only, no Git).
    pub fn of(doc: &Doc, today: Date) -> ArticleFacts {
        let meta = &doc.meta;
        let state = ReviewState::of(meta, &doc.settings, None, today);
        let last_review = state.last_review;
        // A review date in the future is a typo: it says nothing about when to review.
        let usable = last_review.filter(|d| *d <= today);
        let by_interval = usable.map(|d| add_days(d, state.interval as i64));
        let review_by = meta.review_by.as_ref().map(|f| f.value);
        let due = match (by_interval, review_by) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        let expires = meta.expires.as_ref().map(|f| f.value);
        let health = if !doc.loaded {
            Health::Unreadable
        } else if meta.is_retired() {
            Health::Archived
        } else {
            classify(usable, due, expires, today)
        };
        ArticleFacts {
            display: doc.display.clone(),
            title: meta.title.clone().filter(|t| !t.trim().is_empty()),
            owner: meta.owner.as_ref().map(|f| f.value.clone()),
            loaded: doc.loaded,
            retired: meta.is_retired(),
            last_review,
            interval: state.interval,
            due,
            expires,
            verified: state.verified,
            health,
        }
    }
}

/// The state of a live article from its usable last review, next due date and expiry.
pub fn classify(
    last_review: Option<Date>,
    due: Option<Date>,
    expires: Option<Date>,
    today: Date,
) -> Health {
    if expires.is_some_and(|e| e < today) {
        return Health::Expired;
    }
    if due.is_some_and(|d| d < today) {
        return Health::Overdue;
    }
    if last_review.is_none() {
        return Health::NeverReviewed;
    }
    let soon = add_days(today, DUE_SOON_DAYS);
    if due.is_some_and(|d| d <= soon) || expires.is_some_and(|e| e <= soon) {
        return Health::DueSoon;
    }
    Health::Fresh
}

/// The facts of every article, in the corpus's order (sorted by path).
pub fn collect(docs: &[Doc], today: Date) -> Vec<ArticleFacts> {
    docs.iter().map(|d| ArticleFacts::of(d, today)).collect()
}

/// Categories with at least one rule on for at least one article, in contract order.
pub fn categories_checked(docs: &[Doc]) -> Vec<Category> {
    Category::ALL
        .into_iter()
        .filter(|c| {
            REGISTRY.iter().any(|r| {
                r.meta.category == *c && docs.iter().any(|d| d.settings.severity(&r.meta).is_some())
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        crate::dates::parse_date(s).unwrap()
    }

    #[test]
    fn states() {
        let today = d("2026-11-24");
        let c = |l: Option<&str>, due: Option<&str>, e: Option<&str>| {
            classify(l.map(d), due.map(d), e.map(d), today)
        };
        assert_eq!(
            c(Some("2026-10-01"), Some("2027-03-30"), None),
            Health::Fresh
        );
        assert_eq!(
            c(Some("2026-06-01"), Some("2026-11-28"), None),
            Health::DueSoon
        );
        assert_eq!(
            c(Some("2026-06-01"), Some("2026-11-24"), None),
            Health::DueSoon,
            "due today is not overdue yet"
        );
        assert_eq!(
            c(Some("2026-10-01"), Some("2027-03-30"), Some("2026-12-10")),
            Health::DueSoon,
            "expiring soon"
        );
        assert_eq!(
            c(Some("2025-01-01"), Some("2025-06-30"), None),
            Health::Overdue
        );
        assert_eq!(
            c(Some("2026-10-01"), Some("2027-03-30"), Some("2026-01-01")),
            Health::Expired
        );
        assert_eq!(c(None, None, None), Health::NeverReviewed);
        assert_eq!(
            c(None, Some("2026-01-01"), None),
            Health::Overdue,
            "a past review_by is overdue even without a review date"
        );
    }
}
