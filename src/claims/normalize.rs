//! Normalisation: light stemming of subject words, numbers as written, and the value
//! comparisons that decide whether two statements agree ("two weeks" = "14 days";
//! "a month" is neither equal to nor different from "30 days"; "5 business days" lies
//! inside "3–5 business days").

use super::{Bound, Per, QClass, Quantity, Rel, Value};

/// Light stemming: plurals, `-ing`/`-ed`/`-ion`/`-ly`/`-able`, a final `e`. Enough to
/// make "refunds", "refunded" and "refundable" one word; not a full Porter stemmer.
pub fn stem(word: &str) -> String {
    let mut w: String = word.to_lowercase();
    for poss in ["'s", "’s", "'", "’"] {
        if let Some(s) = w.strip_suffix(poss) {
            w = s.to_string();
            break;
        }
    }
    let n = w.chars().count();
    if n <= 3 || !w.is_ascii() {
        return w;
    }
    // Plurals.
    if let Some(s) = w.strip_suffix("ies").filter(|s| s.len() >= 2) {
        w = format!("{s}y");
    } else if ["ches", "shes", "xes", "zes", "sses"]
        .iter()
        .any(|s| w.ends_with(s))
    {
        w.truncate(w.len() - 2);
    } else if w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") && !w.ends_with("is") {
        w.pop();
    }
    let strip = |w: &mut String, suf: &str, keep: usize| -> bool {
        if w.ends_with(suf) && w.len() >= suf.len() + keep {
            w.truncate(w.len() - suf.len());
            true
        } else {
            false
        }
    };
    if strip(&mut w, "ing", 3) || strip(&mut w, "ed", 3) {
        undouble(&mut w);
    } else if !strip(&mut w, "ion", 4) && !strip(&mut w, "ly", 4) {
        strip(&mut w, "able", 4);
    }
    if w.len() > 4 && w.ends_with('e') {
        w.pop();
    }
    w
}

fn undouble(w: &mut String) {
    let b = w.as_bytes();
    if b.len() >= 2
        && b[b.len() - 1] == b[b.len() - 2]
        && !matches!(b[b.len() - 1], b'l' | b's' | b'z')
        && !b"aeiou".contains(&b[b.len() - 1])
    {
        w.pop();
    }
}

/// Parses a number as written: `5,000`, `1.5`, `49`.
pub fn parse_number(s: &str) -> Option<f64> {
    let cleaned: String = s.chars().filter(|c| *c != ',').collect();
    cleaned.parse().ok()
}

fn overlap(a: (f64, f64), b: (f64, f64)) -> bool {
    let tol = 1e-9 * a.1.abs().max(b.1.abs()).max(1.0);
    a.0 <= b.1 + tol && b.0 <= a.1 + tol
}

fn same_per(a: &Option<Per>, b: &Option<Per>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(Per::Period(a0, a1)), Some(Per::Period(b0, b1))) => overlap((*a0, *a1), (*b0, *b1)),
        (Some(Per::Item(a)), Some(Per::Item(b))) => a == b,
        _ => false,
    }
}

/// Whether two values measure the same kind of thing, so that comparing them makes
/// sense (same unit family, currency, rate, relation to an event).
pub fn comparable(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Quantity(x), Value::Quantity(y)) => {
            let class = match (&x.class, &y.class) {
                (QClass::Count { head: h1, .. }, QClass::Count { head: h2, .. }) => h1 == h2,
                (c1, c2) => c1 == c2,
            };
            let per = match (&x.class, &x.per, &y.per) {
                // "5,000 rows per file" and "files of up to 10,000 rows" count the same.
                (QClass::Count { .. }, Some(Per::Item(_)), None)
                | (QClass::Count { .. }, None, Some(Per::Item(_))) => true,
                _ => same_per(&x.per, &y.per),
            };
            class && per && x.rel == y.rel
        }
        (Value::Schedule { .. }, Value::Schedule { .. }) => true,
        (Value::Time { tz: t1, .. }, Value::Time { tz: t2, .. }) => {
            t1.is_none() || t2.is_none() || t1 == t2
        }
        (Value::Phone { .. }, Value::Phone { .. }) => true,
        (Value::Email(_), Value::Email(_)) => true,
        (Value::Version { thing: t1, .. }, Value::Version { thing: t2, .. }) => t1 == t2,
        (Value::Timing(_), Value::Timing(_)) => true,
        (Value::Polarity { class: c1, .. }, Value::Polarity { class: c2, .. }) => c1 == c2,
        _ => false,
    }
}

/// Whether two comparable values agree. Ranges agree with points and ranges they
/// overlap; approximate units agree when they could be equal; lower bounds agree with
/// anything at or above them.
pub fn agree(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Quantity(x), Value::Quantity(y)) => quantities_agree(x, y),
        (
            Value::Schedule {
                days: d1,
                hours: h1,
                tz: z1,
            },
            Value::Schedule {
                days: d2,
                hours: h2,
                tz: z2,
            },
        ) => {
            let days_ok = match (d1, d2) {
                (Some(a), Some(b)) => a == b,
                _ => true,
            };
            let hours_ok = match (h1, h2) {
                (Some(a), Some(b)) => {
                    let zones_differ = matches!((z1, z2), (Some(p), Some(q)) if p != q);
                    zones_differ || a == b
                }
                _ => true,
            };
            days_ok && hours_ok
        }
        (Value::Time { minute: m1, .. }, Value::Time { minute: m2, .. }) => m1 == m2,
        (
            Value::Phone {
                digits: d1,
                international: i1,
            },
            Value::Phone {
                digits: d2,
                international: i2,
            },
        ) => {
            if i1 == i2 {
                d1 == d2
            } else if *i1 {
                d1.ends_with(d2.as_str()) && d1.len() - d2.len() <= 3
            } else {
                d2.ends_with(d1.as_str()) && d2.len() - d1.len() <= 3
            }
        }
        (Value::Email(a), Value::Email(b)) => a == b,
        (
            Value::Version {
                parts: p1,
                or_later: l1,
                ..
            },
            Value::Version {
                parts: p2,
                or_later: l2,
                ..
            },
        ) => p1 == p2 || (l1 != l2),
        (Value::Timing(a), Value::Timing(b)) => a == b,
        (Value::Polarity { positive: p1, .. }, Value::Polarity { positive: p2, .. }) => p1 == p2,
        _ => true,
    }
}

fn quantities_agree(x: &Quantity, y: &Quantity) -> bool {
    let span = |q: &Quantity| (q.lo.0, q.hi.1);
    match (x.bound, y.bound) {
        (Bound::Range, _) | (_, Bound::Range) => overlap(span(x), span(y)),
        (Bound::AtLeast, Bound::AtLeast) => overlap(x.lo, y.lo),
        (Bound::AtLeast, _) => y.lo.1 >= x.lo.0,
        (_, Bound::AtLeast) => x.lo.1 >= y.lo.0,
        _ => overlap(x.lo, y.lo),
    }
}

/// A canonical text for a value, re-readable by the value parser (used by
/// `facts --suggest` and in messages about registered facts).
pub fn canonical(value: &Value, shown: &str) -> String {
    match value {
        Value::Quantity(q) => quantity_text(q, shown),
        Value::Schedule { days, hours, tz } => {
            let mut parts = Vec::new();
            if let Some(d) = days {
                parts.push(days_text(*d));
            }
            if let Some((a, b)) = hours {
                let mut s = format!("{}–{}", clock(*a), clock(*b));
                if let Some(z) = tz {
                    s.push(' ');
                    s.push_str(z);
                }
                parts.push(s);
            }
            parts.join(", ")
        }
        Value::Time { minute, tz } => match tz {
            Some(z) => format!("{} {z}", clock(*minute)),
            None => clock(*minute),
        },
        Value::Phone {
            digits,
            international,
        } => {
            if *international {
                format!("+{digits}")
            } else {
                digits.clone()
            }
        }
        Value::Email(e) => e.clone(),
        Value::Version {
            parts, or_later, ..
        } => {
            let v = if parts.is_empty() {
                "0".to_string()
            } else {
                parts
                    .iter()
                    .map(u32::to_string)
                    .collect::<Vec<_>>()
                    .join(".")
            };
            let v = if parts.len() == 1 {
                format!("{v}.0")
            } else {
                v
            };
            if *or_later {
                format!("version {v} or later")
            } else {
                format!("version {v}")
            }
        }
        Value::Timing(t) => t.clone(),
        Value::Polarity { positive, .. } => if *positive { "yes" } else { "no" }.to_string(),
    }
}

fn quantity_text(q: &Quantity, shown: &str) -> String {
    let num = |x: f64| {
        if (x - x.round()).abs() < 1e-9 {
            format!("{}", x.round() as i64)
        } else {
            let s = format!("{x:.2}");
            s.trim_end_matches('0').trim_end_matches('.').to_string()
        }
    };
    let per = match &q.per {
        Some(Per::Period(a, _)) => format!(" per {}", period_name(*a)),
        Some(Per::Item(i)) => format!(" per {i}"),
        None => String::new(),
    };
    let (value, unit) = match &q.class {
        QClass::Duration | QClass::Frequency => {
            let (n, u) = best_unit(q.lo.0, q.lo.1);
            (num(n), plural(u, n))
        }
        QClass::BusinessDays => (num(q.lo.0), plural("business day", q.lo.0)),
        QClass::BusinessHours => (num(q.lo.0), plural("business hour", q.lo.0)),
        QClass::Data => {
            let b = q.lo.0;
            let (n, u) = if b >= 1e12 {
                (b / 1e12, "TB")
            } else if b >= 1e9 {
                (b / 1e9, "GB")
            } else if b >= 1e6 {
                (b / 1e6, "MB")
            } else if b >= 1e3 {
                (b / 1e3, "KB")
            } else {
                (b, "bytes")
            };
            (num(n), u.to_string())
        }
        QClass::Count { head, .. } => (
            grouped(q.lo.0).unwrap_or_else(|| num(q.lo.0)),
            plural(head, q.lo.0),
        ),
        QClass::Percent => return format!("{}%{per}", num(q.lo.0)),
        QClass::Money(c) => return format!("{} {c}{per}", num(q.lo.0 / 100.0)),
    };
    let lead = match q.class {
        QClass::Frequency => "every ",
        _ => "",
    };
    let rel = match q.rel {
        Rel::Before => " before",
        Rel::After => " after",
        Rel::None => "",
    };
    let text = format!("{lead}{value} {unit}{per}{rel}");
    if text.trim().is_empty() {
        shown.to_string()
    } else {
        text
    }
}

/// "5,000" for whole numbers of a thousand or more (how counts are written).
fn grouped(x: f64) -> Option<String> {
    if x < 1000.0 || (x - x.round()).abs() > 1e-9 {
        return None;
    }
    let digits = format!("{}", x.round() as i64);
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    Some(out)
}

fn plural(u: &str, n: f64) -> String {
    if (n - 1.0).abs() < 1e-9 || u.ends_with('s') {
        u.to_string()
    } else {
        format!("{u}s")
    }
}

fn best_unit(lo: f64, hi: f64) -> (f64, &'static str) {
    const UNITS: [(f64, f64, &str); 7] = [
        (31536000.0, 31622400.0, "year"),
        (2419200.0, 2678400.0, "month"),
        (604800.0, 604800.0, "week"),
        (86400.0, 86400.0, "day"),
        (3600.0, 3600.0, "hour"),
        (60.0, 60.0, "minute"),
        (1.0, 1.0, "second"),
    ];
    for (a, b, name) in UNITS {
        if (lo - hi).abs() > 1e-9 {
            // Approximate unit: use it when the interval is a whole multiple.
            let n = (lo / a).round();
            if n >= 1.0 && (lo - n * a).abs() < 1e-6 && (hi - n * b).abs() < 1e-6 {
                return (n, name);
            }
        } else if a == b
            && lo >= a
            && (lo / a - (lo / a).round()).abs() < 1e-9
            && !(name == "week" && (lo / a) > 8.0)
        {
            return (lo / a, name);
        }
    }
    (lo, "second")
}

fn period_name(secs: f64) -> &'static str {
    match secs as u64 {
        0..=1 => "second",
        2..=60 => "minute",
        61..=3600 => "hour",
        3601..=86400 => "day",
        86401..=604800 => "week",
        604801..=2678400 => "month",
        _ => "year",
    }
}

fn clock(m: u16) -> String {
    format!("{:02}:{:02}", m / 60, m % 60)
}

const DAY_NAMES: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

fn days_text(d: u8) -> String {
    if d == 0x7f {
        return "Mon–Sun".to_string();
    }
    // A contiguous run reads as "Mon–Fri".
    let first = (0..7).find(|i| d & (1 << i) != 0);
    let last = (0..7).rev().find(|i| d & (1 << i) != 0);
    if let (Some(f), Some(l)) = (first, last) {
        if (f..=l).all(|i| d & (1 << i) != 0) {
            return if f == l {
                DAY_NAMES[f].to_string()
            } else {
                format!("{}–{}", DAY_NAMES[f], DAY_NAMES[l])
            };
        }
    }
    (0..7)
        .filter(|i| d & (1 << i) != 0)
        .map(|i| DAY_NAMES[i])
        .collect::<Vec<_>>()
        .join(", ")
}

/// A duration quantity in seconds (helper for tests and the registry).
pub fn duration(secs: (f64, f64)) -> Value {
    Value::Quantity(Quantity {
        class: QClass::Duration,
        lo: secs,
        hi: secs,
        bound: Bound::Exact,
        per: None,
        rel: Rel::None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems() {
        assert_eq!(stem("refunds"), "refund");
        assert_eq!(stem("refunded"), "refund");
        assert_eq!(stem("refundable"), "refund");
        assert_eq!(stem("invoices"), "invoic");
        assert_eq!(stem("invoicing"), "invoic");
        assert_eq!(stem("connection"), "connect");
        assert_eq!(stem("connected"), "connect");
        assert_eq!(stem("deleted"), "delet");
        assert_eq!(stem("deletion"), "delet");
        assert_eq!(stem("storage"), "storag");
        assert_eq!(stem("users"), "user");
        assert_eq!(stem("region"), "region");
        assert_eq!(stem("status"), "status");
        assert_eq!(stem("running"), "run");
    }

    #[test]
    fn months_are_approximate() {
        let month = duration((2419200.0, 2678400.0));
        let d30 = duration((2592000.0, 2592000.0));
        let d14 = duration((1209600.0, 1209600.0));
        assert!(agree(&month, &d30));
        assert!(!agree(&month, &d14));
        assert!(!agree(&d30, &d14));
    }

    #[test]
    fn ranges_hold_points() {
        let q = |lo: f64, hi: f64, bound| {
            Value::Quantity(Quantity {
                class: QClass::BusinessDays,
                lo: (lo, lo),
                hi: (hi, hi),
                bound,
                per: None,
                rel: Rel::None,
            })
        };
        assert!(agree(
            &q(3.0, 5.0, Bound::Range),
            &q(5.0, 5.0, Bound::Exact)
        ));
        assert!(!agree(
            &q(3.0, 5.0, Bound::Range),
            &q(7.0, 7.0, Bound::Exact)
        ));
        assert!(agree(
            &q(5.0, 10.0, Bound::Range),
            &q(10.0, 10.0, Bound::AtMost)
        ));
    }

    #[test]
    fn phones_with_and_without_country_code() {
        let p = |d: &str, i| Value::Phone {
            digits: d.into(),
            international: i,
        };
        assert!(agree(&p("14155550142", true), &p("4155550142", false)));
        assert!(!agree(&p("14155550142", true), &p("4155550199", false)));
    }

    #[test]
    fn canonical_texts() {
        assert_eq!(canonical(&duration((1209600.0, 1209600.0)), ""), "2 weeks");
        assert_eq!(canonical(&duration((2592000.0, 2592000.0)), ""), "30 days");
        assert_eq!(canonical(&duration((172800.0, 172800.0)), ""), "2 days");
    }
}
