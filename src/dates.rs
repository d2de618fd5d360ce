//! Dates and intervals as frontmatter and configuration write them.

use chrono::{Datelike, NaiveDate};

/// A calendar date (no time zone: review dates are days).
pub type Date = NaiveDate;

/// Parses `YYYY-MM-DD`, an RFC 3339 timestamp (its date part) or `MM/DD/YYYY`.
pub fn parse_date(s: &str) -> Option<Date> {
    let s = s.trim().trim_matches(|c| c == '"' || c == '\'');
    if s.len() >= 10 && s.as_bytes().get(4) == Some(&b'-') {
        let head = &s[..10];
        let date = NaiveDate::parse_from_str(head, "%Y-%m-%d").ok()?;
        let rest = &s[10..];
        if rest.is_empty() {
            return Some(date);
        }
        // RFC 3339 (or the YAML timestamp form with a space).
        if (rest.starts_with('T') || rest.starts_with('t') || rest.starts_with(' '))
            && chrono::DateTime::parse_from_rfc3339(&s.replacen(' ', "T", 1)).is_ok()
            || is_naive_timestamp(rest)
        {
            return Some(date);
        }
        return None;
    }
    if s.contains('/') {
        let parts: Vec<&str> = s.split('/').collect();
        if parts.len() == 3
            && parts[2].len() == 4
            && parts
                .iter()
                .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
        {
            let m: u32 = parts[0].parse().ok()?;
            let d: u32 = parts[1].parse().ok()?;
            let y: i32 = parts[2].parse().ok()?;
            return NaiveDate::from_ymd_opt(y, m, d);
        }
    }
    None
}

fn is_naive_timestamp(rest: &str) -> bool {
    // "T10:00:00" or " 10:00" without an offset: accepted as a date with a time.
    let r = rest.trim_start_matches(['T', 't', ' ']);
    let r = r.trim_end_matches('Z');
    chrono::NaiveTime::parse_from_str(r, "%H:%M:%S").is_ok()
        || chrono::NaiveTime::parse_from_str(r, "%H:%M").is_ok()
        || chrono::NaiveTime::parse_from_str(r, "%H:%M:%S%.f").is_ok()
}

/// Parses a review interval: `90d`, `12w`, `6m`, `1y`, or a number of days. Returns days.
pub fn parse_interval(s: &str) -> Option<u32> {
    let s = s.trim().to_ascii_lowercase();
    if s.is_empty() {
        return None;
    }
    if let Ok(n) = s.parse::<u32>() {
        return (n > 0).then_some(n);
    }
    let split = s.find(|c: char| !c.is_ascii_digit())?;
    let (num, unit) = s.split_at(split);
    let n: u32 = num.parse().ok()?;
    if n == 0 {
        return None;
    }
    let per = match unit.trim() {
        "d" | "day" | "days" => 1,
        "w" | "wk" | "week" | "weeks" => 7,
        "m" | "mo" | "month" | "months" => 30,
        "y" | "yr" | "year" | "years" => 365,
        _ => return None,
    };
    n.checked_mul(per)
}

/// Formats a day count for messages: "45 days", "3 months", "2 years".
pub fn human_days(days: i64) -> String {
    let d = days.abs();
    if d < 60 {
        format!("{d} day{}", if d == 1 { "" } else { "s" })
    } else if d < 730 {
        format!("{} months", d / 30)
    } else {
        format!("{} years", d / 365)
    }
}

/// Today's local date.
pub fn local_today() -> Date {
    chrono::Local::now().date_naive()
}

/// Parses a `--today` value (`YYYY-MM-DD` only).
pub fn parse_today(s: &str) -> Option<Date> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok()
}

/// The last day of a month.
pub fn end_of_month(year: i32, month: u32) -> Option<Date> {
    let (y, m) = if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    NaiveDate::from_ymd_opt(y, m, 1).and_then(|d| d.pred_opt())
}

/// `date` plus `days`.
pub fn add_days(date: Date, days: i64) -> Date {
    date.checked_add_signed(chrono::Duration::days(days))
        .unwrap_or(date)
}

/// Year of a date.
pub fn year(d: Date) -> i32 {
    d.year()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, dd: u32) -> Date {
        NaiveDate::from_ymd_opt(y, m, dd).unwrap()
    }

    #[test]
    fn date_forms() {
        assert_eq!(parse_date("2026-03-31"), Some(d(2026, 3, 31)));
        assert_eq!(parse_date("2026-03-31T10:00:00Z"), Some(d(2026, 3, 31)));
        assert_eq!(
            parse_date("2026-03-31T10:00:00+02:00"),
            Some(d(2026, 3, 31))
        );
        assert_eq!(parse_date("2026-03-31 10:00:00"), Some(d(2026, 3, 31)));
        assert_eq!(parse_date("03/31/2026"), Some(d(2026, 3, 31)));
        assert_eq!(parse_date("'2026-03-31'"), Some(d(2026, 3, 31)));
        assert_eq!(parse_date("2026-13-45"), None);
        assert_eq!(parse_date("2026-02-30"), None);
        assert_eq!(parse_date("next week"), None);
        assert_eq!(parse_date("31/03/2026"), None);
        assert_eq!(parse_date("2026-03-31junk"), None);
    }

    #[test]
    fn intervals() {
        assert_eq!(parse_interval("90d"), Some(90));
        assert_eq!(parse_interval("12w"), Some(84));
        assert_eq!(parse_interval("6m"), Some(180));
        assert_eq!(parse_interval("1y"), Some(365));
        assert_eq!(parse_interval("45"), Some(45));
        assert_eq!(parse_interval("0"), None);
        assert_eq!(parse_interval("soon"), None);
    }
}
