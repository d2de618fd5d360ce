//! Rule data: lexicons and patterns from `rules/*.yml`, embedded in the binary and
//! extendable from user configuration.
//!
//! Every entry carries examples it must and must not match; `tests/lexicons.rs` runs
//! them all, so editing a lexicon cannot silently break a rule.

use regex::{Regex, RegexBuilder, RegexSet, RegexSetBuilder};
use serde::Deserialize;
use std::collections::BTreeMap;

/// The embedded rule data files: (lexicon name, YAML text).
pub const EMBEDDED: &[(&str, &str)] = &[
    ("placeholders", include_str!("../rules/placeholders.yml")),
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

/// A compiled pattern.
#[derive(Debug, Clone)]
pub struct Entry {
    /// The entry as written.
    pub spec: EntrySpec,
    /// Compiled pattern.
    pub regex: Regex,
    /// Whether the pattern marks the flagged part with a `(?P<m>…)` group (context
    /// around it is matched but not reported).
    pub marked: bool,
}

/// A compiled lexicon: its entries and a set for one-pass prefiltering.
#[derive(Debug, Clone)]
pub struct Lexicon {
    /// Lexicon name (the file stem).
    pub name: String,
    /// Entries in order.
    pub entries: Vec<Entry>,
    /// All patterns as one set, for a quick "does anything match here" check.
    pub set: RegexSet,
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

/// Rewrites `\b` to an ASCII word boundary: as precise for our patterns and far faster.
fn ascii_boundaries(p: &str) -> String {
    let mut out = String::with_capacity(p.len() + 16);
    let mut chars = p.chars().peekable();
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
        .build()
        .map_err(|e| e.to_string())
}

impl Lexicon {
    /// Compiles a lexicon from entry specs.
    pub fn compile(name: &str, specs: Vec<EntrySpec>) -> Result<Lexicon, LexiconError> {
        let mut entries = Vec::with_capacity(specs.len());
        for spec in specs {
            let regex =
                compile(&spec.pattern, spec.case_sensitive).map_err(|message| LexiconError {
                    lexicon: name.to_string(),
                    entry: Some(spec.id.clone()),
                    message,
                })?;
            let marked = regex.capture_names().any(|n| n == Some("m"));
            entries.push(Entry {
                spec,
                regex,
                marked,
            });
        }
        let set = RegexSetBuilder::new(entries.iter().map(|e| {
            let flag = if e.spec.case_sensitive { "" } else { "(?i)" };
            format!("{flag}{}", ascii_boundaries(&e.spec.pattern))
        }))
        .size_limit(1 << 24)
        .build()
        .map_err(|e| LexiconError {
            lexicon: name.to_string(),
            entry: None,
            message: e.to_string(),
        })?;
        Ok(Lexicon {
            name: name.to_string(),
            entries,
            set,
        })
    }

    /// Finds every match of every entry in `text`, in text order.
    pub fn find_all<'a>(&'a self, text: &str) -> Vec<(usize, usize, &'a Entry)> {
        let mut out = Vec::new();
        let hits = self.set.matches(text);
        if !hits.matched_any() {
            return out;
        }
        for i in hits.iter() {
            let e = &self.entries[i];
            if e.marked {
                for c in e.regex.captures_iter(text) {
                    if let Some(m) = c.name("m").or_else(|| c.get(0)) {
                        out.push((m.start(), m.end(), e));
                    }
                }
            } else {
                for m in e.regex.find_iter(text) {
                    out.push((m.start(), m.end(), e));
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
            if let Some(more) = extra.get(*name) {
                file.entries.extend(more.iter().cloned());
            }
            by_name.insert(name.to_string(), Lexicon::compile(name, file.entries)?);
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
        Ok(Lexicons { by_name })
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

    /// Every lexicon.
    pub fn iter(&self) -> impl Iterator<Item = &Lexicon> {
        self.by_name.values()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_boundaries_become_ascii() {
        assert_eq!(ascii_boundaries(r"\bTODO\b"), r"(?-u:\b)TODO(?-u:\b)");
        assert_eq!(ascii_boundaries(r"a\.b\\b"), r"a\.b\\b");
    }
}
