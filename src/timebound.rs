//! Time-bound wording in prose: the date grammar the `rules/time-bound.yml` patterns
//! share (`{date}`, `{date_or_day}`), parsing a matched date into a span of days, and
//! judging whether a phrase has lapsed against the article's last review and today.
//!
//! The phrasings ("as of …", "offer ends …", "coming soon") are data in
//! `rules/time-bound.yml`; what each kind of phrase means in time is decided here.

use crate::dates::{add_days, end_of_month, Date};
use chrono::Datelike;

/// Month names and abbreviations (`Sept.` included), as a regex fragment.
const MONTH: &str = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?";
/// A four-digit year from 1990 to 2099.
const YEAR: &str = r"(?:199\d|20\d\d)\b";
/// A day of the month, with an optional ordinal suffix.
const DAY: &str = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?\b";

/// The date forms `{date}` stands for: every form carries a year.
pub fn date_pattern() -> String {
    let (m, y, d) = (MONTH, YEAR, DAY);
    [
        r"\d{4}-\d{2}-\d{2}\b".to_string(),
        r"\d{1,2}/\d{1,2}/(?:19|20)\d\d\b".to_string(),
        format!(r"(?:the\s+)?end\s+of\s+(?:(?:{m}|q[1-4])\s+)?{y}"),
        format!(r"{m}\s+{d},?\s+{y}"),
        format!(r"(?:the\s+)?{d}\s+(?:of\s+)?{m},?\s+{y}"),
        format!(r"(?:q[1-4]|h[12])\s+(?:of\s+)?{y}"),
        format!(
            r"(?:the\s+)?(?:first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter\s+(?:of\s+)?{y}"
        ),
        format!(r"(?:early|mid|late)[-\s]{y}"),
        format!(r"(?:spring|summer|fall|autumn|winter)\s+(?:of\s+)?{y}"),
        format!(r"{m},?\s+(?:of\s+)?{y}"),
        y.to_string(),
    ]
    .join("|")
}

/// Day-and-month forms without a year ("March 31", "31 March").
pub fn day_pattern() -> String {
    format!(r"{MONTH}\s+{DAY}|(?:the\s+)?{DAY}\s+(?:of\s+)?{MONTH}")
}

/// The macros lexicon patterns may use: name, expansion, and a loose expansion (the
/// first token of any date, a superset) for prefilter sets. Each full expansion is a
/// capture group named `date`, so a pattern may use one of them once.
pub fn macros() -> [(&'static str, String, String); 2] {
    let first = format!(
        r"(?:\d|{MONTH}|q[1-4]|h[12]|the\b|end\b|early|mid|late|spring|summer|fall|autumn|winter|first|second|third|fourth)"
    );
    [
        (
            "{date}",
            format!("(?P<date>{})", date_pattern()),
            first.clone(),
        ),
        (
            "{date_or_day}",
            format!("(?P<date>{}|{})", date_pattern(), day_pattern()),
            first,
        ),
    ]
}

/// A span of days a written date stands for ("March 2024" is March 1–31).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    /// First day.
    pub start: Date,
    /// Last day.
    pub end: Date,
    /// Whether the text named the year (otherwise it came from `default_year`).
    pub has_year: bool,
}

impl Span {
    fn day(d: Date, has_year: bool) -> Span {
        Span {
            start: d,
            end: d,
            has_year,
        }
    }

    fn months(year: i32, first: u32, last: u32) -> Option<Span> {
        let (ey, em) = if last > 12 {
            (year + 1, last - 12)
        } else {
            (year, last)
        };
        Some(Span {
            start: Date::from_ymd_opt(year, first, 1)?,
            end: end_of_month(ey, em)?,
            has_year: true,
        })
    }
}

fn month_number(s: &str) -> Option<u32> {
    let s = s.trim_end_matches('.');
    let names = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    if s.len() < 3 {
        return None;
    }
    let n = names.iter().position(|n| s.starts_with(n))? as u32 + 1;
    // Full names and the usual abbreviations only ("marching" is not March).
    let full = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let ok = full[n as usize - 1].starts_with(s) || s == "sept";
    ok.then_some(n)
}

fn day_number(s: &str) -> Option<u32> {
    let digits = s.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &s[digits.len()..];
    if !matches!(suffix, "" | "st" | "nd" | "rd" | "th") || digits.is_empty() || digits.len() > 2 {
        return None;
    }
    digits.parse().ok().filter(|d| (1..=31).contains(d))
}

fn year_number(s: &str) -> Option<i32> {
    (s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
        .filter(|y| (1990..2100).contains(y))
}

/// Parses a date as the `{date}` and `{date_or_day}` macros match it. A date without a
/// year takes `default_year`.
pub fn parse_span(text: &str, default_year: i32) -> Option<Span> {
    let s = text.trim().to_ascii_lowercase();
    let s = s.strip_prefix("the ").unwrap_or(&s).trim();
    if let Some(rest) = s.strip_prefix("end of") {
        let inner = parse_span(rest, default_year)?;
        return Some(Span::day(inner.end, inner.has_year));
    }
    if s.len() == 10 && s.as_bytes()[4] == b'-' {
        return Date::parse_from_str(s, "%Y-%m-%d")
            .ok()
            .map(|d| Span::day(d, true));
    }
    if s.contains('/') {
        let p: Vec<&str> = s.split('/').collect();
        if p.len() != 3 {
            return None;
        }
        let (a, b, y): (u32, u32, i32) =
            (p[0].parse().ok()?, p[1].parse().ok()?, year_number(p[2])?);
        // US order; a first number over 12 can only be a day (31/03/2025).
        let (m, d) = if a > 12 { (b, a) } else { (a, b) };
        return Date::from_ymd_opt(y, m, d).map(|d| Span::day(d, true));
    }
    let tokens: Vec<&str> = s
        .split(|c: char| c.is_whitespace() || c == ',' || c == '-')
        .filter(|t| !t.is_empty() && *t != "of" && *t != "the")
        .collect();
    match tokens.as_slice() {
        [y] => {
            let y = year_number(y)?;
            Span::months(y, 1, 12)
        }
        [a, y] if year_number(y).is_some() => {
            let y = year_number(y)?;
            if let Some(m) = month_number(a) {
                return Span::months(y, m, m);
            }
            match *a {
                "q1" => Span::months(y, 1, 3),
                "q2" => Span::months(y, 4, 6),
                "q3" => Span::months(y, 7, 9),
                "q4" => Span::months(y, 10, 12),
                "h1" => Span::months(y, 1, 6),
                "h2" => Span::months(y, 7, 12),
                "early" => Span::months(y, 1, 4),
                "mid" => Span::months(y, 5, 8),
                "late" => Span::months(y, 9, 12),
                "spring" => Span::months(y, 3, 5),
                "summer" => Span::months(y, 6, 8),
                "fall" | "autumn" => Span::months(y, 9, 11),
                "winter" => Span::months(y, 12, 14),
                _ => None,
            }
        }
        [q, "quarter", y] => {
            let y = year_number(y)?;
            let n = match *q {
                "first" | "1st" => 1,
                "second" | "2nd" => 2,
                "third" | "3rd" => 3,
                "fourth" | "4th" => 4,
                _ => return None,
            };
            Span::months(y, n * 3 - 2, n * 3)
        }
        [a, b, y] => {
            let y = year_number(y)?;
            let (m, d) = match (month_number(a), month_number(b)) {
                (Some(m), None) => (m, day_number(b)?),
                (None, Some(m)) => (m, day_number(a)?),
                _ => return None,
            };
            Date::from_ymd_opt(y, m, d).map(|d| Span::day(d, true))
        }
        [a, b] => {
            let (m, d) = match (month_number(a), month_number(b)) {
                (Some(m), None) => (m, day_number(b)?),
                (None, Some(m)) => (m, day_number(a)?),
                _ => return None,
            };
            Date::from_ymd_opt(default_year, m, d).map(|d| Span::day(d, false))
        }
        _ => None,
    }
}

/// What a time-bound phrase means in time (the `kind:` of a `time-bound.yml` entry).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// "as of <date>": a snapshot; lapses one review interval after the date, or as
    /// soon as the date passes when the sentence speaks of it in the future tense.
    AsOf,
    /// "until / through / ends / expires <date>": lapses when the date has passed.
    Deadline,
    /// "starting / effective <date>": fine once passed ("Starting March 2025, invoices
    /// carry a QR code" stays true); lapses only when the sentence announces it in the
    /// future tense ("… invoices will carry …") and the date has passed.
    Start,
    /// Future tense about a date ("will be retired on <date>"): lapses when the date
    /// has passed.
    Future,
    /// Wording that ages in months ("coming soon", "currently in beta", "recently
    /// launched"): lapses when the last review is more than [`AGING_DAYS`] old.
    Aging,
    /// "this year" / "next year", relative to the last review's calendar year.
    Year(i32),
    /// "this quarter" / "next quarter".
    Quarter(i32),
    /// "this month" / "next month".
    Month(i32),
    /// "this week" / "next week".
    Week(i32),
}

/// How old the last review may be before wording like "coming soon" or "currently in
/// beta" counts as lapsed.
pub const AGING_DAYS: i64 = 180;

impl Kind {
    /// Reads a `kind:` value.
    pub fn parse(s: &str) -> Option<Kind> {
        Some(match s {
            "as-of" => Kind::AsOf,
            "deadline" => Kind::Deadline,
            "start" => Kind::Start,
            "future" => Kind::Future,
            "aging" => Kind::Aging,
            "this-year" => Kind::Year(0),
            "next-year" => Kind::Year(1),
            "this-quarter" => Kind::Quarter(0),
            "next-quarter" => Kind::Quarter(1),
            "this-month" => Kind::Month(0),
            "next-month" => Kind::Month(1),
            "this-week" => Kind::Week(0),
            "next-week" => Kind::Week(1),
            _ => return None,
        })
    }

    /// Whether the phrase carries a date (`{date}` in its pattern).
    pub fn is_dated(self) -> bool {
        matches!(
            self,
            Kind::AsOf | Kind::Deadline | Kind::Start | Kind::Future
        )
    }
}

/// What the judge needs to know about the article.
#[derive(Debug, Clone, Copy)]
pub struct Clock {
    /// Today.
    pub today: Date,
    /// Last review (frontmatter, else Git), if known and not in the future.
    pub last_review: Option<Date>,
    /// Review interval in days.
    pub interval: u32,
}

/// Why a phrase lapsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lapse {
    /// The day it stopped being true (or started to need a look).
    pub since: Date,
    /// Why, for the message.
    pub reason: String,
}

fn quarter_index(d: Date) -> i64 {
    d.year() as i64 * 4 + (d.month0() / 3) as i64
}

fn month_index(d: Date) -> i64 {
    d.year() as i64 * 12 + d.month0() as i64
}

/// Judges one phrase. `span` is the date the phrase names (for dated kinds);
/// `future_tense` says whether its sentence speaks in the future tense.
pub fn judge(kind: Kind, span: Option<Span>, clock: &Clock, future_tense: bool) -> Option<Lapse> {
    let today = clock.today;
    let show = |s: &Span| {
        if s.start == s.end {
            s.end.to_string()
        } else {
            format!("{} to {}", s.start, s.end)
        }
    };
    match kind {
        Kind::Deadline | Kind::Future => {
            let s = span?;
            (s.end < today).then(|| Lapse {
                since: s.end,
                reason: format!("that date ({}) has passed", show(&s)),
            })
        }
        Kind::Start => {
            let s = span?;
            (future_tense && s.end < today).then(|| Lapse {
                since: s.end,
                reason: format!(
                    "it announces, in the future tense, a change due on {} that has happened since",
                    show(&s)
                ),
            })
        }
        Kind::AsOf => {
            let s = span?;
            if future_tense && s.end < today {
                return Some(Lapse {
                    since: s.end,
                    reason: format!(
                        "it speaks in the future tense of {}, which has passed",
                        show(&s)
                    ),
                });
            }
            let lapses = add_days(s.end, clock.interval as i64);
            (lapses < today).then(|| Lapse {
                since: lapses,
                reason: format!(
                    "the snapshot date ({}) is more than one review interval ({} days) old",
                    show(&s),
                    clock.interval
                ),
            })
        }
        Kind::Aging => {
            let review = clock.last_review?;
            let lapses = add_days(review, AGING_DAYS);
            (lapses < today).then(|| Lapse {
                since: lapses,
                reason: format!(
                    "the article was last reviewed on {review}, more than {AGING_DAYS} days ago"
                ),
            })
        }
        Kind::Year(n) => {
            let review = clock.last_review?;
            (today.year() > review.year() + n).then(|| Lapse {
                since: Date::from_ymd_opt(review.year() + n + 1, 1, 1).unwrap_or(today),
                reason: format!(
                    "written for {} (last reviewed on {review})",
                    review.year() + n
                ),
            })
        }
        Kind::Quarter(n) => {
            let review = clock.last_review?;
            (quarter_index(today) > quarter_index(review) + n as i64).then(|| Lapse {
                since: today,
                reason: format!("the article was last reviewed on {review}"),
            })
        }
        Kind::Month(n) => {
            let review = clock.last_review?;
            (month_index(today) > month_index(review) + n as i64).then(|| Lapse {
                since: today,
                reason: format!("the article was last reviewed on {review}"),
            })
        }
        Kind::Week(n) => {
            let review = clock.last_review?;
            let weeks = (today - review).num_days() / 7;
            (weeks > n as i64).then(|| Lapse {
                since: today,
                reason: format!("the article was last reviewed on {review}"),
            })
        }
    }
}

/// Words that put a sentence in the past tense: a dated statement about history
/// ("the offer ran until March 2025") is still true and not lapsed wording.
const PAST_MARKERS: &[&str] = &[
    "was",
    "were",
    "ran",
    "ended",
    "expired",
    "lasted",
    "stopped",
    "ceased",
    "became",
    "had",
    "did",
    "could",
    "used to",
    "went",
    "began",
    "started",
    "changed",
    "previously",
    "formerly",
    "originally",
    "no longer",
];

/// Words of a final state: "deprecated as of March 30, 2024" stays true for good, so an
/// old "as of" date in such a sentence has not lapsed.
const TERMINAL_MARKERS: &[&str] = &[
    "deprecated",
    "retired",
    "discontinued",
    "out of support",
    "end of support",
    "end-of-support",
    "end of life",
    "end-of-life",
    "removed",
    "no longer",
    "obsolete",
    "sunset",
    "sunsetted",
    "decommissioned",
    "withdrawn",
];

/// Whether a sentence describes a final state (deprecated, retired, no longer …).
pub fn is_terminal(sentence: &str) -> bool {
    let lower = sentence.to_lowercase();
    TERMINAL_MARKERS.iter().any(|w| contains_word(&lower, w))
}

/// Whether the range `start..end` of `text` lies inside quotation marks (a quoted
/// message or UI string, not the article's own claim).
pub fn inside_quotes(text: &str, start: usize, end: usize) -> bool {
    let before = &text[..start];
    let after = &text[end..];
    let straight = before.matches('"').count() % 2 == 1 && after.contains('"');
    let curly = before
        .rfind('\u{201C}')
        .is_some_and(|o| before.rfind('\u{201D}').is_none_or(|c| c < o))
        && after.contains('\u{201D}');
    straight || curly
}

/// Whether the words before a phrase make it conditional ("see if the issue was
/// recently introduced").
pub fn is_conditional(before: &str) -> bool {
    let lower = before.to_lowercase();
    contains_word(&lower, "if") || contains_word(&lower, "whether")
}

/// Words that put a sentence in the future tense.
const FUTURE_MARKERS: &[&str] = &[
    "will",
    "won't",
    "shall",
    "going to",
    "scheduled",
    "planned",
    "plan to",
    "plans to",
    "expected to",
    "upcoming",
];

/// Whether a sentence speaks in the future tense.
pub fn is_future_tense(sentence: &str) -> bool {
    let lower = sentence.to_lowercase().replace('\u{2019}', "'");
    lower.contains("'ll ") || FUTURE_MARKERS.iter().any(|w| contains_word(&lower, w))
}

/// Words that make a sentence an example or a hypothetical.
const EXAMPLE_MARKERS: &[&str] = &[
    "for example",
    "for instance",
    "e.g.",
    "example",
    "suppose",
    "imagine",
    "let's say",
    "say you",
    "hypothetical",
    "scenario",
];

/// The sentence around `range` in `text` (bounded by `.`, `!`, `?`, `;` followed by a
/// space, or the text's ends).
pub fn sentence_around(text: &str, range: std::ops::Range<usize>) -> &str {
    text.get(sentence_range(text, range)).unwrap_or("")
}

/// The byte range of [`sentence_around`].
pub fn sentence_range(text: &str, range: std::ops::Range<usize>) -> std::ops::Range<usize> {
    let bytes = text.as_bytes();
    let is_end = |i: usize| {
        matches!(bytes[i], b'.' | b'!' | b'?' | b';')
            && bytes.get(i + 1).is_none_or(|b| b.is_ascii_whitespace())
    };
    let mut start = range.start.min(text.len());
    while start > 0 && !is_end(start - 1) {
        start -= 1;
    }
    let mut end = range.end.min(text.len());
    while end < text.len() && !is_end(end) {
        end += 1;
    }
    let end = (end + 1).min(text.len());
    start..end
}

fn contains_word(haystack: &str, word: &str) -> bool {
    let h = haystack.as_bytes();
    let mut from = 0;
    while let Some(i) = haystack[from..].find(word) {
        let s = from + i;
        let e = s + word.len();
        let before_ok = s == 0 || !h[s - 1].is_ascii_alphanumeric();
        let after_ok = e >= h.len() || !h[e].is_ascii_alphanumeric();
        if before_ok && after_ok {
            return true;
        }
        from = s + 1;
        while from < haystack.len() && !haystack.is_char_boundary(from) {
            from += 1;
        }
    }
    false
}

/// Whether `before` (the text just before an "until <date>") opens a date range
/// ("from 2/2/2023 until 6/30/2023"): a period, not a deadline.
pub fn ends_a_range(before: &str) -> bool {
    static RANGE: std::sync::OnceLock<Option<regex::Regex>> = std::sync::OnceLock::new();
    let re = RANGE.get_or_init(|| {
        crate::lexicon::compile(r"\b(?:from|between|since)\s+{date_or_day}\s*,?\s*$", false).ok()
    });
    let mut start = before.len().saturating_sub(60);
    while !before.is_char_boundary(start) {
        start += 1;
    }
    let tail = &before[start..];
    re.as_ref().is_some_and(|r| r.is_match(tail))
}

/// Whether text reads as an example or a hypothetical ("for example", "suppose").
pub fn is_example(text: &str) -> bool {
    let lower = text.to_lowercase();
    EXAMPLE_MARKERS.iter().any(|w| contains_word(&lower, w))
}

/// Whether a dated phrase sits in a sentence about history or in an example, where a
/// past date is expected and true.
pub fn is_history_or_example(sentence: &str, kind: Kind) -> bool {
    let lower = sentence.to_lowercase();
    if is_example(&lower) {
        return true;
    }
    if kind == Kind::Future && (contains_word(&lower, "if") || contains_word(&lower, "when")) {
        return true;
    }
    kind.is_dated() && PAST_MARKERS.iter().any(|w| contains_word(&lower, w))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        crate::dates::parse_date(s).unwrap()
    }

    #[test]
    fn spans() {
        let p = |s: &str| parse_span(s, 2026).map(|s| (s.start.to_string(), s.end.to_string()));
        let pair = |a: &str, b: &str| Some((a.to_string(), b.to_string()));
        assert_eq!(p("2023-03-31"), pair("2023-03-31", "2023-03-31"));
        assert_eq!(p("March 31, 2025"), pair("2025-03-31", "2025-03-31"));
        assert_eq!(p("31 March 2025"), pair("2025-03-31", "2025-03-31"));
        assert_eq!(p("the 1st of June, 2024"), pair("2024-06-01", "2024-06-01"));
        assert_eq!(p("Mar 2024"), pair("2024-03-01", "2024-03-31"));
        assert_eq!(p("Sept. 2024"), pair("2024-09-01", "2024-09-30"));
        assert_eq!(p("Q3 2023"), pair("2023-07-01", "2023-09-30"));
        assert_eq!(
            p("the third quarter of 2023"),
            pair("2023-07-01", "2023-09-30")
        );
        assert_eq!(p("H1 2024"), pair("2024-01-01", "2024-06-30"));
        assert_eq!(p("03/31/2025"), pair("2025-03-31", "2025-03-31"));
        assert_eq!(p("31/03/2025"), pair("2025-03-31", "2025-03-31"));
        assert_eq!(p("end of 2024"), pair("2024-12-31", "2024-12-31"));
        assert_eq!(p("the end of March 2024"), pair("2024-03-31", "2024-03-31"));
        assert_eq!(p("end of Q3 2023"), pair("2023-09-30", "2023-09-30"));
        assert_eq!(p("mid-2024"), pair("2024-05-01", "2024-08-31"));
        assert_eq!(p("winter 2024"), pair("2024-12-01", "2025-02-28"));
        assert_eq!(p("2021"), pair("2021-01-01", "2021-12-31"));
        assert_eq!(p("March 31"), pair("2026-03-31", "2026-03-31"));
        assert_eq!(p("February 30, 2025"), None);
        assert_eq!(p("marching 2024"), None);
    }

    #[test]
    fn judging() {
        let clock = Clock {
            today: d("2026-11-24"),
            last_review: Some(d("2026-10-01")),
            interval: 180,
        };
        let span = |s: &str| parse_span(s, 2026);
        assert!(judge(Kind::Deadline, span("March 31, 2025"), &clock, false).is_some());
        assert!(judge(Kind::Deadline, span("December 31, 2027"), &clock, false).is_none());
        assert!(judge(Kind::AsOf, span("Q3 2023"), &clock, false).is_some());
        assert!(judge(Kind::AsOf, span("2026-09-01"), &clock, false).is_none());
        assert!(judge(Kind::AsOf, span("2026-09-01"), &clock, true).is_some());
        // A start date is true once passed, unless announced in the future tense.
        assert!(judge(Kind::Start, span("November 1, 2026"), &clock, false).is_none());
        assert!(judge(Kind::Start, span("November 1, 2026"), &clock, true).is_some());
        assert!(judge(Kind::Start, span("March 1, 2027"), &clock, true).is_none());
        assert!(judge(Kind::Aging, None, &clock, false).is_none());
        let old = Clock {
            last_review: Some(d("2025-01-10")),
            ..clock
        };
        assert!(judge(Kind::Aging, None, &old, false).is_some());
        assert!(judge(Kind::Year(0), None, &old, false).is_some());
        assert!(judge(Kind::Year(0), None, &clock, false).is_none());
        let unknown = Clock {
            last_review: None,
            ..clock
        };
        assert!(judge(Kind::Aging, None, &unknown, false).is_none());
        assert!(is_future_tense("Prices will rise."));
        assert!(is_future_tense("You\u{2019}ll see it."));
        assert!(!is_future_tense("Prices rise every year."));
        assert!(ends_a_range("there are 148 days from 2/2/2023 "));
        assert!(is_terminal(
            "The modules are deprecated as of March 30, 2024."
        ));
        assert!(inside_quotes(
            "Banner: \"this site will soon be gone\" shows",
            16,
            25
        ));
        assert!(!inside_quotes(
            "\"Save\" then this site will soon be gone",
            14,
            23
        ));
        assert!(!ends_a_range("there are 148 days left "));
    }

    #[test]
    fn sentences_and_history() {
        let t = "Intro. The offer ran until March 31, 2025. Next one";
        let i = t.find("until").unwrap();
        let s = sentence_around(t, i..i + 5);
        assert_eq!(s, " The offer ran until March 31, 2025.");
        assert!(is_history_or_example(s, Kind::Deadline));
        assert!(!is_history_or_example(
            "The offer ends March 31, 2025.",
            Kind::Deadline
        ));
        assert!(!is_history_or_example("It was coming soon", Kind::Aging));
    }
}
