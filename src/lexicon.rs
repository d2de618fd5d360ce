//! Rule data: lexicons and patterns from `rules/*.yml`, embedded in the binary and
//! extendable from user configuration.
//!
//! Every entry carries examples it must and must not match; `tests/lexicons.rs` runs
//! them all, so editing a lexicon cannot silently break a rule.

use regex::{Regex, RegexBuilder, RegexSet, RegexSetBuilder};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// The embedded rule data files: (lexicon name, YAML text).
pub const EMBEDDED: &[(&str, &str)] = &[
    ("placeholders", include_str!("../rules/placeholders.yml")),
    ("promises", include_str!("../rules/promises.yml")),
    ("promise-cues", include_str!("../rules/promise-cues.yml")),
    (
        "promise-grammar",
        include_str!("../rules/promise-grammar.yml"),
    ),
    ("tone", include_str!("../rules/tone.yml")),
    ("time-bound", include_str!("../rules/time-bound.yml")),
    ("claim-words", include_str!("../rules/claim-words.yml")),
    ("claim-units", include_str!("../rules/claim-units.yml")),
    ("claim-scopes", include_str!("../rules/claim-scopes.yml")),
    ("claim-cues", include_str!("../rules/claim-cues.yml")),
];

/// One pattern of a lexicon, as written in YAML.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct EntrySpec {
    /// Stable identifier, used in messages and in user config.
    pub id: String,
    /// A regular expression (Rust `regex` syntax). `\b` means an ASCII word boundary.
    /// A named group `(?P<m>…)` marks the part to report; the rest is context.
    pub pattern: String,
    /// Case-insensitive unless `false`.
    #[serde(default)]
    pub case_sensitive: bool,
    /// What kind of thing the entry finds (rule-specific: `money`, `deadline`, …).
    #[serde(default)]
    pub kind: Option<String>,
    /// A short description used in messages.
    #[serde(default)]
    pub label: Option<String>,
    /// A match followed by one of these words is not a finding ("TODO comments").
    #[serde(default)]
    pub unless_next_word: Vec<String>,
    /// What the entry stands for, when a rule needs more than a match (a number for a
    /// number word, a size for a unit, a canonical form).
    #[serde(default)]
    pub value: Option<String>,
    /// Texts the pattern must match.
    #[serde(default)]
    pub matches: Vec<String>,
    /// Texts the pattern must not match.
    #[serde(default)]
    pub ignores: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileSpec {
    #[serde(default)]
    #[allow(dead_code)]
    description: Option<String>,
    entries: Vec<EntrySpec>,
}

/// A pattern, compiled on first use.
///
/// Most runs touch a fraction of the patterns (a warm cache, one file in an editor, a
/// lexicon whose prefilter set never matches), and compiling every one of them up front
/// was most of kblint's start-up time. User entries are compiled when the configuration
/// loads, so their errors are reported before anything runs; the embedded ones are
/// compiled by the tests.
#[derive(Debug, Clone)]
pub struct Entry {
    /// The entry as written.
    pub spec: EntrySpec,
    regex: OnceLock<Regex>,
    /// Whether the pattern marks the flagged part with a `(?P<m>…)` group (context
    /// around it is matched but not reported).
    pub marked: bool,
}

impl Entry {
    fn new(spec: EntrySpec) -> Entry {
        let marked = spec.pattern.contains("(?P<m>") || spec.pattern.contains("(?<m>");
        Entry {
            spec,
            regex: OnceLock::new(),
            marked,
        }
    }

    /// The compiled pattern.
    pub fn regex(&self) -> &Regex {
        self.regex.get_or_init(|| {
            compile(&self.spec.pattern, self.spec.case_sensitive)
                // Entries are compiled once at load (user data) or by the tests
                // (embedded data) before this can run, so this never fails.
                .unwrap_or_else(|_| never_matches())
        })
    }

    /// Compiles the pattern now, reporting an error.
    fn try_compile(&self) -> Result<(), String> {
        let regex = compile(&self.spec.pattern, self.spec.case_sensitive)?;
        let _ = self.regex.set(regex);
        Ok(())
    }
}

/// A regex that matches nothing (the fallback for a pattern that cannot compile).
fn never_matches() -> Regex {
    #[allow(clippy::expect_used)]
    Regex::new(r"[^\s\S]").expect("a valid empty class")
}

/// A lexicon: its entries and a set for one-pass prefiltering, compiled on first use.
#[derive(Debug, Clone)]
pub struct Lexicon {
    /// Lexicon name (the file stem).
    pub name: String,
    /// Entries in order.
    pub entries: Vec<Entry>,
    set: OnceLock<RegexSet>,
}

/// An error in rule data: which lexicon, which entry, what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LexiconError {
    /// Lexicon name.
    pub lexicon: String,
    /// Entry id, when the error is in one entry.
    pub entry: Option<String>,
    /// What is wrong.
    pub message: String,
}

impl std::fmt::Display for LexiconError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.entry {
            Some(e) => write!(
                f,
                "lexicon `{}`, entry `{e}`: {}",
                self.lexicon, self.message
            ),
            None => write!(f, "lexicon `{}`: {}", self.lexicon, self.message),
        }
    }
}

/// Expands the shared macros (`{date}`, `{date_or_day}`: see [`crate::timebound`]) and
/// rewrites `\b` to an ASCII word boundary: as precise for our patterns and far faster.
fn ascii_boundaries(p: &str) -> String {
    expand(p, false)
}

/// Like [`ascii_boundaries`]; with `loose`, macros expand to a cheap superset (the
/// first token of a date) so the prefilter set stays small and fast.
fn expand(p: &str, loose: bool) -> String {
    let mut p = std::borrow::Cow::Borrowed(p);
    if p.contains("{date") {
        for (name, full, prefix) in crate::timebound::macros() {
            if p.contains(name) {
                p = std::borrow::Cow::Owned(p.replace(name, if loose { &prefix } else { &full }));
            }
        }
    }
    let mut out = String::with_capacity(p.len() + 16);
    let mut chars = p.chars().peekable();
    // Inside `[...]`, where `{` is a literal.
    let mut in_class = false;
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('b') => out.push_str("(?-u:\\b)"),
                Some(n) => {
                    out.push('\\');
                    out.push(n);
                }
                None => out.push('\\'),
            }
        } else if in_class {
            in_class = c != ']';
            out.push(c);
        } else if c == '[' {
            in_class = true;
            out.push(c);
            // `[]...]` and `[^]...]`: a leading `]` is a literal.
            if chars.peek() == Some(&'^') {
                out.push('^');
                chars.next();
            }
            if chars.peek() == Some(&']') {
                out.push(']');
                chars.next();
            }
        } else if c == '{' && loose {
            // A counted repetition (`[^.]{0,60}`) becomes `*` in the prefilter: a
            // superset, and a lazy DFA of a few states instead of one per count.
            let rest: String = chars.clone().take_while(|&x| x != '}').collect();
            let counted = !rest.is_empty()
                && rest.len() < 16
                && rest.chars().all(|x| x.is_ascii_digit() || x == ',')
                && rest.starts_with(|x: char| x.is_ascii_digit());
            if counted && chars.clone().nth(rest.len()) == Some('}') {
                for _ in 0..=rest.len() {
                    chars.next();
                }
                out.push('*');
            } else {
                out.push(c);
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Compiles one pattern the way lexicon entries are compiled.
pub fn compile(pattern: &str, case_sensitive: bool) -> Result<Regex, String> {
    RegexBuilder::new(&ascii_boundaries(pattern))
        .case_insensitive(!case_sensitive)
        .size_limit(1 << 22)
        .dfa_size_limit(1 << 23)
        .build()
        .map_err(|e| e.to_string())
}

impl Lexicon {
    /// A lexicon from entry specs; patterns compile on first use.
    pub fn new(name: &str, specs: Vec<EntrySpec>) -> Lexicon {
        Lexicon {
            name: name.to_string(),
            entries: specs.into_iter().map(Entry::new).collect(),
            set: OnceLock::new(),
        }
    }

    /// Compiles every pattern and the set now, reporting the first error.
    pub fn compile_all(&self) -> Result<(), LexiconError> {
        for e in &self.entries {
            e.try_compile().map_err(|message| LexiconError {
                lexicon: self.name.clone(),
                entry: Some(e.spec.id.clone()),
                message,
            })?;
        }
        let set = self.build_set().map_err(|message| LexiconError {
            lexicon: self.name.clone(),
            entry: None,
            message,
        })?;
        let _ = self.set.set(set);
        Ok(())
    }

    fn build_set(&self) -> Result<RegexSet, String> {
        RegexSetBuilder::new(self.entries.iter().map(|e| {
            let flag = if e.spec.case_sensitive { "" } else { "(?i)" };
            format!("{flag}{}", expand(&e.spec.pattern, true))
        }))
        .size_limit(1 << 24)
        .dfa_size_limit(1 << 24)
        .build()
        .map_err(|e| e.to_string())
    }

    /// All patterns as one set, for a quick "does anything match here" check.
    pub fn set(&self) -> &RegexSet {
        self.set.get_or_init(|| {
            // Checked like the entries (at load or by the tests); an empty set that
            // never matches is the impossible fallback.
            self.build_set().unwrap_or_else(|_| RegexSet::empty())
        })
    }

    /// Finds every match of every entry in `text`, in text order, minus the matches an
    /// entry's `unless_next_word` rules out.
    pub fn find_all<'a>(&'a self, text: &str) -> Vec<(usize, usize, &'a Entry)> {
        let mut out = Vec::new();
        let hits = self.set().matches(text);
        if !hits.matched_any() {
            return out;
        }
        for i in hits.iter() {
            let e = &self.entries[i];
            let mut push = |start: usize, end: usize| {
                if !e.spec.unless_next_word.is_empty() {
                    // Only a word that directly follows ("TODO comments"), not one after
                    // punctuation ("TODO: list the notices").
                    let rest = &text[end..];
                    let after_space = rest.trim_start_matches([' ', '\t', '\u{a0}']);
                    let next = if after_space.len() < rest.len() {
                        after_space
                            .split(|c: char| !c.is_alphanumeric())
                            .next()
                            .unwrap_or("")
                    } else {
                        ""
                    };
                    if e.spec
                        .unless_next_word
                        .iter()
                        .any(|w| w.eq_ignore_ascii_case(next))
                    {
                        return;
                    }
                }
                out.push((start, end, e));
            };
            if e.marked {
                for c in e.regex().captures_iter(text) {
                    if let Some(m) = c.name("m").or_else(|| c.get(0)) {
                        push(m.start(), m.end());
                    }
                }
            } else {
                for m in e.regex().find_iter(text) {
                    push(m.start(), m.end());
                }
            }
        }
        out.sort_by_key(|(s, e, _)| (*s, std::cmp::Reverse(*e)));
        out
    }
}

/// All lexicons, by name.
#[derive(Debug, Clone)]
pub struct Lexicons {
    by_name: BTreeMap<String, Lexicon>,
    claim_model: std::sync::OnceLock<std::sync::Arc<crate::claims::Model>>,
}

impl Lexicons {
    /// The embedded lexicons, extended with user entries (`lexicons:` in configuration).
    pub fn load(extra: &BTreeMap<String, Vec<EntrySpec>>) -> Result<Lexicons, LexiconError> {
        let mut by_name = BTreeMap::new();
        for (name, text) in EMBEDDED {
            let mut file: FileSpec = crate::yaml::from_str(text).map_err(|e| LexiconError {
                lexicon: name.to_string(),
                entry: None,
                message: e.to_string(),
            })?;
            let more = extra.get(*name);
            if let Some(more) = more {
                file.entries.extend(more.iter().cloned());
            }
            let lexicon = Lexicon::new(name, file.entries);
            if more.is_some() {
                // User entries: report their errors now, not on first use.
                lexicon.compile_all()?;
            }
            by_name.insert(name.to_string(), lexicon);
        }
        if let Some(unknown) = extra.keys().find(|k| !by_name.contains_key(*k)) {
            return Err(LexiconError {
                lexicon: unknown.clone(),
                entry: None,
                message: format!(
                    "no such lexicon; known: {}",
                    by_name.keys().cloned().collect::<Vec<_>>().join(", ")
                ),
            });
        }
        Ok(Lexicons {
            by_name,
            claim_model: std::sync::OnceLock::new(),
        })
    }

    /// The embedded lexicons only.
    pub fn embedded() -> Lexicons {
        // The embedded data is checked by tests; failing here is a build defect.
        #[allow(clippy::expect_used)]
        Lexicons::load(&BTreeMap::new()).expect("embedded rule data compiles")
    }

    /// A lexicon by name. Panics on unknown names: names are compile-time constants.
    pub fn get(&self, name: &str) -> &Lexicon {
        #[allow(clippy::expect_used)]
        self.by_name
            .get(name)
            .expect("lexicon name is registered in EMBEDDED")
    }

    /// The claim rule data compiled from these lexicons, built once on first use.
    pub fn claim_model(&self) -> &crate::claims::Model {
        self.claim_model
            .get_or_init(|| std::sync::Arc::new(crate::claims::Model::new(self)))
    }

    /// Every lexicon.
    pub fn iter(&self) -> impl Iterator<Item = &Lexicon> {
        self.by_name.values()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fallback_pattern_compiles_and_matches_nothing() {
        let r = never_matches();
        assert!(!r.is_match("anything at all \n [] \\s"));
        assert!(!r.is_match(""));
    }

    #[test]
    fn user_entries_are_compiled_when_loaded() {
        let bad = EntrySpec {
            id: "broken".into(),
            pattern: "(unclosed".into(),
            case_sensitive: false,
            kind: None,
            label: None,
            unless_next_word: Vec::new(),
            value: None,
            matches: Vec::new(),
            ignores: Vec::new(),
        };
        let extra = BTreeMap::from([("placeholders".to_string(), vec![bad])]);
        let err = Lexicons::load(&extra).unwrap_err();
        assert_eq!(err.entry.as_deref(), Some("broken"));
    }

    #[test]
    fn prefilters_loosen_counted_repetitions_only() {
        assert_eq!(expand(r"a[^.;]{0,60}?b", true), r"a[^.;]*?b");
        assert_eq!(expand(r"x{2}y{1,}z", true), r"x*y*z");
        assert_eq!(expand(r"a[{]{0,3}\{1,2}", true), r"a[{]*\{1,2}");
        assert_eq!(expand(r"[]{]{2}", true), r"[]{]*");
        assert_eq!(expand(r"a{,3}b{x}", true), r"a{,3}b{x}");
        assert_eq!(expand(r"a[^.]{0,60}?b", false), r"a[^.]{0,60}?b");
    }

    #[test]
    fn word_boundaries_become_ascii() {
        assert_eq!(ascii_boundaries(r"\bTODO\b"), r"(?-u:\b)TODO(?-u:\b)");
        assert_eq!(ascii_boundaries(r"a\.b\\b"), r"a\.b\\b");
    }
}
