//! The claim rule data (`rules/claim-words.yml`, `claim-units.yml`, `claim-scopes.yml`,
//! `claim-cues.yml`), compiled once per run into lookup tables.
//!
//! Word lists are written as regex alternations (so every entry keeps its `matches` /
//! `ignores` examples); plain alternations of words are read into hash maps for fast
//! token lookups, and anything else is kept as an anchored regex tried word by word.

use super::Dim;
use crate::lexicon::{Entry, Lexicons};
use regex::Regex;
// Word lookups run for every token of every candidate sentence: a fast hasher (the
// keys are our own rule data, not attacker-chosen) instead of SipHash.
use rustc_hash::{FxHashMap as HashMap, FxHashSet};

/// The lexicons the claim engine reads.
pub const LEXICONS: [&str; 4] = ["claim-words", "claim-units", "claim-scopes", "claim-cues"];

/// A unit a number can carry.
#[derive(Debug, Clone, PartialEq)]
pub struct Unit {
    /// Canonical unit name (`day`, `gigabyte`, `business-day`).
    pub id: String,
    /// Family: `duration`, `business-day`, `business-hour`, `data`.
    pub family: String,
    /// Size in base units, as an interval.
    pub size: (f64, f64),
}

/// What the lexicons say about one word or phrase (lowercase).
#[derive(Debug, Clone, Default)]
pub struct WordInfo {
    /// Function word.
    pub stop: bool,
    /// Too common to tell facts apart.
    pub generic: bool,
    /// Number word value.
    pub number: Option<f64>,
    /// Canonical synonym.
    pub synonym: Option<String>,
    /// Labels a following number ("step 3").
    pub label_noun: bool,
    /// Month or weekday name.
    pub date_word: bool,
    /// Unit.
    pub unit: Option<Unit>,
    /// Period adverb: the period's duration interval in seconds.
    pub period: Option<(f64, f64)>,
    /// Currency code.
    pub currency: Option<String>,
    /// Makes the next value approximate.
    pub approx: bool,
    /// Compares with the next value.
    pub comparative: bool,
    /// Names an old value.
    pub change: bool,
    /// Lower bound.
    pub min_bound: bool,
    /// Upper bound.
    pub max_bound: bool,
    /// Opens a conditional clause.
    pub conditional: bool,
    /// Hypothetical modal.
    pub hypothetical: bool,
    /// Links a subject to a predicate adjective.
    pub copula: bool,
    /// Negates.
    pub negation: bool,
    /// Needed by timing statements.
    pub timing_verb: bool,
    /// Yes/no predicate: class and polarity.
    pub predicate: Option<(String, bool)>,
    /// Contrast group.
    pub contrast: Option<String>,
    /// Department.
    pub purpose: Option<String>,
    /// An instruction verb ("Escalate within 2 hours").
    pub instruction: bool,
    /// A domain reserved for examples (contoso.com, example.com).
    pub example_domain: bool,
}

/// A compiled qualifier phrasing.
#[derive(Debug, Clone)]
pub struct Qualifier {
    /// Entry id.
    pub id: String,
    /// The pattern.
    pub regex: Regex,
    /// Fixed scope (`plan=*`), when the phrasing names no scope.
    pub fixed: Option<(Dim, String)>,
    /// Whether the pattern is case-sensitive.
    pub case_sensitive: bool,
}

/// Word-list entries whose pattern is not a plain list: tried word by word.
#[derive(Debug, Clone)]
struct Fallback {
    regex: Regex,
    kind: String,
    id: String,
    value: Option<String>,
    label: Option<String>,
}

/// The compiled claim rule data.
#[derive(Debug, Clone)]
pub struct Model {
    words: HashMap<String, WordInfo>,
    fallbacks: Vec<Fallback>,
    /// Longest phrase in words, in words.
    pub max_phrase: usize,
    /// Scope names: lowercase name → (dimension, canonical value).
    pub scope_names: HashMap<String, (Dim, String)>,
    /// Qualifier phrasings.
    pub qualifiers: Vec<Qualifier>,
    /// Time zones: name as written (case-sensitive) → canonical.
    pub timezones: HashMap<String, String>,
    /// Sentences that are examples.
    pub example: Vec<Regex>,
    /// Headings over examples.
    pub example_heading: Vec<Regex>,
    /// Timing phrasings and their canonical value.
    pub timing: Vec<(Regex, String)>,
    /// Money amounts with their currency, built from the currency words.
    pub money: Option<Regex>,
    /// First words of the word lists' phrases ("money" of "money back"): a phrase lookup
    /// is only worth building when a word starts one.
    pub phrase_heads: FxHashSet<String>,
    /// All qualifier patterns, to skip sentences none of them matches in one pass.
    pub qualifier_set: Option<regex::RegexSet>,
    /// Words without which a sentence holds no value (numbers, units, predicates,
    /// weekdays, timing): a sentence with none of them, no digit and no `@` is skipped.
    triggers: Option<aho_corasick::AhoCorasick>,
}

static EMPTY: std::sync::OnceLock<WordInfo> = std::sync::OnceLock::new();

fn self_stop(words: &HashMap<String, WordInfo>, w: &str) -> bool {
    words.get(w).is_some_and(|i| i.stop && i.number.is_none())
}

/// Reads the words out of a pattern that is a plain alternation of words
/// (`\b(?:day|days|calendar days?)\b`); `None` when it is anything else.
pub fn literal_words(pattern: &str) -> Option<Vec<String>> {
    let mut p = pattern.trim();
    for pre in ["^", "\\b"] {
        p = p.strip_prefix(pre).unwrap_or(p);
    }
    for suf in ["$", "\\b"] {
        p = p.strip_suffix(suf).unwrap_or(p);
    }
    if let Some(inner) = p.strip_prefix("(?:").and_then(|r| r.strip_suffix(')')) {
        p = inner;
    }
    if p.is_empty() || p.contains(['(', ')', '[', ']', '{', '}', '*', '+', '^']) {
        return None;
    }
    let mut out = Vec::new();
    for alt in p.split('|') {
        let mut word = String::new();
        let mut optional_last = false;
        let mut chars = alt.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '\\' => match chars.next() {
                    Some(e @ ('.' | '$' | '-' | '/' | '+' | '?' | '\'' | '&')) => word.push(e),
                    _ => return None,
                },
                '?' => {
                    if chars.peek().is_some() || word.is_empty() {
                        return None;
                    }
                    optional_last = true;
                }
                '.' | '$' => return None,
                c => word.push(c),
            }
        }
        if word.is_empty() {
            return None;
        }
        if optional_last {
            let mut short = word.clone();
            short.pop();
            if !short.is_empty() {
                out.push(short.to_lowercase());
            }
        }
        out.push(word.to_lowercase());
    }
    Some(out)
}

fn interval(v: Option<&str>) -> Option<(f64, f64)> {
    let v = v?.trim();
    match v.split_once('-') {
        Some((a, b)) => Some((a.trim().parse().ok()?, b.trim().parse().ok()?)),
        None => {
            let x: f64 = v.parse().ok()?;
            Some((x, x))
        }
    }
}

fn anchored(e: &Entry) -> Option<Regex> {
    crate::lexicon::compile(&format!("^(?:{})$", e.spec.pattern), e.spec.case_sensitive).ok()
}

impl Model {
    /// Compiles the claim lexicons (embedded and user-extended).
    pub fn new(lexicons: &Lexicons) -> Model {
        let mut m = Model {
            words: HashMap::default(),
            fallbacks: Vec::new(),
            max_phrase: 1,
            scope_names: HashMap::default(),
            qualifiers: Vec::new(),
            timezones: HashMap::default(),
            example: Vec::new(),
            example_heading: Vec::new(),
            timing: Vec::new(),
            money: None,
            phrase_heads: FxHashSet::default(),
            qualifier_set: None,
            triggers: None,
        };
        for name in LEXICONS {
            for e in &lexicons.get(name).entries {
                m.add(e);
            }
        }
        let currencies: Vec<String> = m
            .words
            .iter()
            .filter(|(_, i)| i.currency.is_some())
            .map(|(w, _)| w.clone())
            .collect();
        m.money = super::extract::money_pattern(&currencies);
        m.phrase_heads = m
            .words
            .keys()
            .filter_map(|w| w.split_once(' ').map(|(h, _)| h.to_string()))
            .collect();
        m.qualifier_set = regex::RegexSet::new(m.qualifiers.iter().map(|q| {
            if q.case_sensitive {
                q.regex.as_str().to_string()
            } else {
                format!("(?i){}", q.regex.as_str())
            }
        }))
        .ok();
        let mut triggers: std::collections::BTreeSet<String> = m
            .words
            .iter()
            .filter(|(_, i)| {
                i.number.is_some()
                    || i.unit.is_some()
                    || i.predicate.is_some()
                    || i.period.is_some()
                    || i.currency.is_some()
            })
            .flat_map(|(w, _)| w.split(' ').map(str::to_string).collect::<Vec<_>>())
            .filter(|w| !self_stop(&m.words, w))
            .collect();
        for day in [
            "monday",
            "tuesday",
            "wednesday",
            "thursday",
            "friday",
            "saturday",
            "sunday",
            "weekday",
            "weekend",
            "clock",
        ] {
            triggers.insert(day.to_string());
        }
        // Timing phrasings: their distinctive words.
        for (re, _) in &m.timing {
            for w in re
                .as_str()
                .split(|c: char| !c.is_ascii_alphabetic())
                .filter(|w| w.len() >= 5)
            {
                triggers.insert(w.to_ascii_lowercase());
            }
        }
        m.triggers = aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(triggers.iter())
            .ok();
        m
    }

    /// Whether a sentence may hold a value at all: a digit, an `@`, or a word that
    /// starts one (a number word, a unit, a yes/no predicate, a weekday, a timing word).
    pub fn may_state_value(&self, text: &str) -> bool {
        if !self.fallbacks.is_empty() || text.bytes().any(|b| b.is_ascii_digit() || b == b'@') {
            return true;
        }
        let Some(ac) = &self.triggers else {
            return true;
        };
        let bytes = text.as_bytes();
        let boundary = |i: usize| i >= bytes.len() || !bytes[i].is_ascii_alphanumeric();
        ac.find_overlapping_iter(text).any(|m| {
            (m.start() == 0 || boundary(m.start() - 1))
                && (boundary(m.end()) || bytes[m.end()] == b's')
        })
    }

    /// Whether `word` starts a phrase of the word lists (or user patterns may match).
    pub fn starts_phrase(&self, word: &str) -> bool {
        !self.fallbacks.is_empty() || self.phrase_heads.contains(word)
    }

    fn add(&mut self, e: &Entry) {
        let kind = e.spec.kind.as_deref().unwrap_or("");
        match kind {
            "example" => return self.example.push(e.regex().clone()),
            "example-heading" => return self.example_heading.push(e.regex().clone()),
            "timing" => {
                let v = e.spec.value.clone().unwrap_or_else(|| e.spec.id.clone());
                return self.timing.push((e.regex().clone(), v));
            }
            "qualifier" => {
                let fixed = e.spec.value.as_deref().and_then(|v| {
                    let (d, val) = v.split_once('=')?;
                    Some((Dim::parse(d)?, val.trim().to_lowercase()))
                });
                return self.qualifiers.push(Qualifier {
                    id: e.spec.id.clone(),
                    regex: e.regex().clone(),
                    fixed,
                    case_sensitive: e.spec.case_sensitive,
                });
            }
            "plan" | "region" | "billing" | "occasion" | "product" | "audience" | "locale" => {
                let Some(dim) = Dim::parse(kind) else { return };
                match literal_words(&e.spec.pattern) {
                    Some(ws) => {
                        for w in ws {
                            self.scope_names.insert(w, (dim, e.spec.id.to_lowercase()));
                        }
                    }
                    None => {
                        self.scope_names
                            .insert(e.spec.id.to_lowercase(), (dim, e.spec.id.to_lowercase()));
                    }
                }
                return;
            }
            "timezone" => {
                if let Some(ws) = literal_words(&e.spec.pattern) {
                    // Case matters for zones ("ET" vs "et"): keep the written forms.
                    let mut p = e.spec.pattern.as_str();
                    p = p.trim_start_matches("\\b").trim_end_matches("\\b");
                    let inner = p
                        .strip_prefix("(?:")
                        .and_then(|r| r.strip_suffix(')'))
                        .unwrap_or(p);
                    for w in inner.split('|') {
                        self.timezones
                            .insert(w.replace('\\', ""), e.spec.id.clone());
                    }
                    let _ = ws;
                }
                return;
            }
            _ => {}
        }
        match literal_words(&e.spec.pattern) {
            Some(ws) => {
                for w in ws {
                    self.max_phrase = self.max_phrase.max(w.split(' ').count());
                    let info = self.words.entry(w).or_default();
                    apply(
                        info,
                        kind,
                        &e.spec.id,
                        e.spec.value.as_deref(),
                        e.spec.label.as_deref(),
                    );
                }
            }
            None => {
                if let Some(regex) = anchored(e) {
                    self.fallbacks.push(Fallback {
                        regex,
                        kind: kind.to_string(),
                        id: e.spec.id.clone(),
                        value: e.spec.value.clone(),
                        label: e.spec.label.clone(),
                    });
                }
            }
        }
    }

    /// What the lexicons say about a lowercase word or phrase.
    pub fn word(&self, w: &str) -> std::borrow::Cow<'_, WordInfo> {
        let found = self.words.get(w);
        if self.fallbacks.is_empty() {
            return match found {
                Some(i) => std::borrow::Cow::Borrowed(i),
                None => std::borrow::Cow::Borrowed(EMPTY.get_or_init(WordInfo::default)),
            };
        }
        let mut info = found.cloned().unwrap_or_default();
        for f in &self.fallbacks {
            if f.regex.is_match(w) {
                apply(
                    &mut info,
                    &f.kind,
                    &f.id,
                    f.value.as_deref(),
                    f.label.as_deref(),
                );
            }
        }
        std::borrow::Cow::Owned(info)
    }

    /// Whether a phrase of several words is known at all.
    pub fn has_phrase(&self, w: &str) -> bool {
        self.words.contains_key(w)
    }

    /// A scope name, when `name` is one.
    pub fn scope_name(&self, name: &str) -> Option<&(Dim, String)> {
        let n = name
            .trim()
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        self.scope_names.get(&n)
    }
}

fn apply(info: &mut WordInfo, kind: &str, id: &str, value: Option<&str>, label: Option<&str>) {
    match kind {
        "stop" => info.stop = true,
        "generic" => info.generic = true,
        "number" => info.number = value.and_then(|v| v.trim().parse().ok()),
        "synonym" => info.synonym = Some(id.to_lowercase()),
        "label-noun" => info.label_noun = true,
        "date-word" => info.date_word = true,
        "duration" | "business-day" | "business-hour" | "data" => {
            if let Some(size) = interval(value) {
                info.unit = Some(Unit {
                    id: id.to_string(),
                    family: kind.to_string(),
                    size,
                });
            }
        }
        "period-adverb" => {
            info.period = match id {
                "second" => Some((1.0, 1.0)),
                "minute" => Some((60.0, 60.0)),
                "hour" => Some((3600.0, 3600.0)),
                "day" => Some((86400.0, 86400.0)),
                "week" => Some((604800.0, 604800.0)),
                "month" => Some((2419200.0, 2678400.0)),
                "year" => Some((31536000.0, 31622400.0)),
                _ => interval(value),
            }
        }
        "currency" => info.currency = Some(id.to_uppercase()),
        "approx" => info.approx = true,
        "comparative" => info.comparative = true,
        "change" => info.change = true,
        "min-bound" => info.min_bound = true,
        "max-bound" => info.max_bound = true,
        "conditional" => info.conditional = true,
        "hypothetical" => info.hypothetical = true,
        "copula" => info.copula = true,
        "negation" => info.negation = true,
        "timing-verb" => info.timing_verb = true,
        "predicate" => {
            let class = label.unwrap_or("availability").to_string();
            info.predicate = Some((class, value.map(|v| v.trim() != "negative").unwrap_or(true)));
        }
        "contrast" => info.contrast = Some(id.to_string()),
        "purpose" => info.purpose = Some(id.to_string()),
        "instruction" => info.instruction = true,
        "example-domain" => info.example_domain = true,
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literal_alternations() {
        assert_eq!(
            literal_words(r"\b(?:days?|calendar days?)\b").unwrap(),
            vec!["day", "days", "calendar day", "calendar days"]
        );
        assert_eq!(literal_words(r"\bone\b").unwrap(), vec!["one"]);
        assert_eq!(
            literal_words(r"(?:\$|US\$|USD|dollars?)").unwrap(),
            vec!["$", "us$", "usd", "dollar", "dollars"]
        );
        assert_eq!(
            literal_words("^(?:u\\.s\\.|us)$").unwrap(),
            vec!["u.s.", "us"]
        );
        assert!(literal_words(r"\b[a-z]+\b").is_none());
        assert!(literal_words(r"\bfoo (?:bar)\b").is_none());
    }

    #[test]
    fn model_reads_the_embedded_data() {
        let m = Model::new(&Lexicons::embedded());
        assert_eq!(m.word("fourteen").number, Some(14.0));
        assert!(m.word("the").stop);
        assert_eq!(m.word("replies").synonym.as_deref(), Some("response"));
        assert_eq!(
            m.word("business days").unit.as_ref().unwrap().family,
            "business-day"
        );
        assert_eq!(m.word("€").currency.as_deref(), Some("EUR"));
        assert_eq!(m.scope_name("Pro"), Some(&(Dim::Plan, "pro".to_string())));
        assert_eq!(m.timezones.get("Eastern").map(String::as_str), Some("ET"));
        assert!(m.word("non-refundable").predicate.is_some());
        assert!(m.max_phrase >= 3);
    }
}
