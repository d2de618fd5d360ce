//! Claims: the checkable statements an article makes ("refunds within 30 days", "Pro is
//! $49/month", "chat 9am–5pm ET", "annual plans are non-refundable"), extracted once per
//! article in the parallel phase and kept in [`crate::corpus::Doc::claims`] so the text
//! is not kept.
//!
//! - [`extract`] reads prose and tables into claims (value, subject terms, scope);
//! - [`normalize`] turns the same fact written two ways into the same value;
//! - [`key`] says what a claim is about and whether two claims are about the same thing;
//! - [`compare`] indexes every claim of the KB by key and compares within buckets;
//! - [`model`] is the rule data (`rules/claim-*.yml`) compiled once per run.

pub mod compare;
pub mod extract;
pub mod key;
pub mod model;
pub mod normalize;

use crate::diagnostic::Position;
pub use model::Model;

/// One statement with a checkable value.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Claim {
    /// The normalised value.
    pub value: Value,
    /// The value as written ("two weeks", "$49/mo").
    pub shown: String,
    /// What the claim is about: stemmed terms with weights, sorted by term.
    pub terms: Vec<Term>,
    /// A short readable name for what the claim is about ("refund request window").
    pub key: String,
    /// Plan, region, product, … the claim applies to.
    pub scope: Scope,
    /// For contact points (phone, email): the department served ("support", "billing").
    pub purpose: Option<String>,
    /// Words that tell otherwise similar facts apart, as `group:member` ("platform:ios").
    pub contrast: Vec<String>,
    /// The noun the value is attached to, when the grammar says so ("14-day *grace
    /// period*", "50 GB of *storage*", "the *late fee* is 2%"): two claims that both
    /// have one must share a word of it.
    pub head: Vec<String>,
    /// The instruction verb when the statement tells the reader what to do ("Escalate
    /// within 2 hours"): instructions are only compared with the same instruction.
    pub mood: Option<String>,
    /// Where the value is.
    pub position: Position,
    /// The sentence it was read from, unique within its article: claims of one sentence
    /// never conflict with each other (a sentence that names two values compares them).
    pub sentence: u32,
    /// The table (or labelled list: "Weekly — 52 paydays") it was read from: rows of one
    /// table never conflict with each other.
    pub table: Option<u32>,
}

/// A subject term and how strongly the claim is about it (1.0 = in the statement itself,
/// less for headings and titles).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Term {
    /// Stemmed, canonical word.
    pub stem: String,
    /// The word as written (first occurrence), for listings and suggestions.
    pub word: String,
    /// Weight in `0.0..=1.0`.
    pub weight: f32,
}

/// Scope dimensions. Plan, billing period and audience are lenient (a statement that
/// names none applies to all); the others are strict (a statement scoped to the EU is
/// only compared with other EU statements).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub enum Dim {
    /// `product:` in frontmatter.
    Product,
    /// `plan:`/`plans:` or "on the Pro plan".
    Plan,
    /// `region:` or "for EU customers".
    Region,
    /// `locale:`.
    Locale,
    /// `audience:`.
    Audience,
    /// Annual or monthly billing ("annual plans are non-refundable").
    Billing,
    /// Holidays and similar exceptions ("on US public holidays").
    Occasion,
}

impl Dim {
    /// Lenient dimensions: an unscoped statement is compatible with a scoped one.
    pub fn lenient(self) -> bool {
        matches!(self, Dim::Plan | Dim::Billing | Dim::Audience)
    }

    /// The name used in facts.yml and messages.
    pub fn as_str(self) -> &'static str {
        match self {
            Dim::Product => "product",
            Dim::Plan => "plan",
            Dim::Region => "region",
            Dim::Locale => "locale",
            Dim::Audience => "audience",
            Dim::Billing => "billing",
            Dim::Occasion => "occasion",
        }
    }

    /// Parses a dimension name (`plans` is `plan`).
    pub fn parse(s: &str) -> Option<Dim> {
        Some(match s.trim().to_ascii_lowercase().as_str() {
            "product" | "products" => Dim::Product,
            "plan" | "plans" => Dim::Plan,
            "region" | "regions" => Dim::Region,
            "locale" | "locales" | "language" => Dim::Locale,
            "audience" | "audiences" => Dim::Audience,
            "billing" => Dim::Billing,
            "occasion" => Dim::Occasion,
            _ => return None,
        })
    }
}

/// Where a claim applies: values per dimension, lowercased. `*` in `plan` means every
/// plan, `paid` every plan but `free`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Scope {
    /// Sorted by dimension; values sorted and deduplicated.
    pub dims: Vec<(Dim, Vec<String>)>,
}

impl Scope {
    /// The values of one dimension.
    pub fn get(&self, d: Dim) -> Option<&[String]> {
        self.dims
            .iter()
            .find(|(k, _)| *k == d)
            .map(|(_, v)| v.as_slice())
    }

    /// Sets one dimension (replacing it).
    pub fn set(&mut self, d: Dim, mut values: Vec<String>) {
        values.sort();
        values.dedup();
        self.dims.retain(|(k, _)| *k != d);
        if !values.is_empty() {
            self.dims.push((d, values));
            self.dims.sort_by_key(|(k, _)| *k);
        }
    }

    /// Removes one dimension.
    pub fn remove(&mut self, d: Dim) {
        self.dims.retain(|(k, _)| *k != d);
    }

    /// Whether two statements can be about the same situation.
    pub fn compatible(&self, other: &Scope) -> bool {
        for d in [
            Dim::Product,
            Dim::Plan,
            Dim::Region,
            Dim::Locale,
            Dim::Audience,
            Dim::Billing,
            Dim::Occasion,
        ] {
            match (self.get(d), other.get(d)) {
                (Some(a), Some(b)) => {
                    if !values_meet(a, b) {
                        return false;
                    }
                }
                (Some(_), None) | (None, Some(_)) => {
                    if !d.lenient() {
                        return false;
                    }
                }
                (None, None) => {}
            }
        }
        true
    }

    /// `plan: pro, region: eu` style text.
    pub fn describe(&self) -> String {
        self.dims
            .iter()
            .map(|(d, v)| format!("{}: {}", d.as_str(), v.join("/")))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

fn values_meet(a: &[String], b: &[String]) -> bool {
    let any = |v: &[String], x: &str| v.iter().any(|s| s == x);
    if any(a, "*") || any(b, "*") {
        return true;
    }
    if any(a, "paid") {
        return b.iter().any(|s| s != "free");
    }
    if any(b, "paid") {
        return a.iter().any(|s| s != "free");
    }
    a.iter().any(|x| any(b, x))
}

/// How a quantity is bounded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Bound {
    /// "14 days".
    Exact,
    /// "up to 5", "within 30 days".
    AtMost,
    /// "at least 2".
    AtLeast,
    /// "3–5 business days".
    Range,
}

/// A duration relative to an event ("3 days before the due date").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Rel {
    /// Not relative.
    None,
    /// "… before …".
    Before,
    /// "… after …".
    After,
}

/// What a quantity measures.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum QClass {
    /// Calendar time, in seconds.
    Duration,
    /// Working days.
    BusinessDays,
    /// Working hours.
    BusinessHours,
    /// Data size, in bytes.
    Data,
    /// A count of something: the counted noun's head and its other terms.
    Count {
        /// Head noun (stem).
        head: String,
        /// The noun phrase's terms.
        noun: Vec<String>,
    },
    /// A percentage.
    Percent,
    /// Money, in minor units, with its ISO currency.
    Money(String),
    /// "every 6 hours": the interval, in seconds.
    Frequency,
}

/// The denominator of a rate.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Per {
    /// Per period of time (seconds, as an interval for approximate units).
    Period(f64, f64),
    /// Per user, per seat, per invoice … (stem).
    Item(String),
}

/// A number with a unit, normalised to base units. Approximate units carry intervals.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Quantity {
    /// What it measures.
    pub class: QClass,
    /// The low end, as an interval in base units (`lo.0 <= lo.1`).
    pub lo: (f64, f64),
    /// The high end (equal to `lo` unless a range).
    pub hi: (f64, f64),
    /// How it is bounded.
    pub bound: Bound,
    /// Rate denominator.
    pub per: Option<Per>,
    /// Relative to an event.
    pub rel: Rel,
}

/// A claim's value.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Value {
    /// Durations, sizes, counts, percentages, money, frequencies.
    Quantity(Quantity),
    /// Opening hours: days of the week (bit 0 = Monday) and minutes of the day.
    Schedule {
        /// Days of the week, bit 0 = Monday.
        days: Option<u8>,
        /// Start and end minute of the day.
        hours: Option<(u16, u16)>,
        /// Time zone.
        tz: Option<String>,
    },
    /// A time of day ("before 2 p.m. Eastern").
    Time {
        /// Minute of the day.
        minute: u16,
        /// Time zone.
        tz: Option<String>,
    },
    /// A phone number: digits, with the country code when written.
    Phone {
        /// Digits only.
        digits: String,
        /// Whether the digits start with a country code.
        international: bool,
    },
    /// An email address, lowercased.
    Email(String),
    /// A version ("5.2 or later") of a thing ("iOS app").
    Version {
        /// Numeric parts, trailing zeros removed.
        parts: Vec<u32>,
        /// "or later" / "or newer".
        or_later: bool,
        /// What is versioned (stems).
        thing: Vec<String>,
    },
    /// When something takes effect ("immediately", "at the end of the billing period").
    Timing(String),
    /// A yes/no policy statement.
    Polarity {
        /// The predicate class (`availability`, `refund`).
        class: String,
        /// Yes or no.
        positive: bool,
    },
}

impl Value {
    /// A short name of the value class, for keys and listings.
    pub fn class_name(&self) -> &'static str {
        match self {
            Value::Quantity(q) => match q.class {
                QClass::Duration => "duration",
                QClass::BusinessDays => "business days",
                QClass::BusinessHours => "business hours",
                QClass::Data => "size",
                QClass::Count { .. } => "count",
                QClass::Percent => "percentage",
                QClass::Money(_) => "price",
                QClass::Frequency => "frequency",
            },
            Value::Schedule { .. } => "hours",
            Value::Time { .. } => "time",
            Value::Phone { .. } => "phone",
            Value::Email(_) => "email",
            Value::Version { .. } => "version",
            Value::Timing(_) => "timing",
            Value::Polarity { .. } => "policy",
        }
    }

    /// Whether this is a yes/no policy statement.
    pub fn is_polarity(&self) -> bool {
        matches!(self, Value::Polarity { .. })
    }
}

impl Claim {
    /// The weight of a term in this claim (0 when absent).
    pub fn weight(&self, stem: &str) -> f32 {
        self.terms
            .binary_search_by(|t| t.stem.as_str().cmp(stem))
            .map(|i| self.terms[i].weight)
            .unwrap_or(0.0)
    }
}

/// Extracts the claims of one article (none for retired articles and changelogs).
pub fn extract(
    article: &crate::article::Article,
    settings: &crate::config::Settings,
    model: &Model,
) -> Vec<Claim> {
    extract::extract(article, settings, model)
}
