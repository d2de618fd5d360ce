//! The canonical facts registry (`facts.yml`, path from the `facts:` configuration key):
//! one true value per fact, with the words that say what it is about, its scope, the
//! policy that backs it and the team that owns it. Read once per run by the engine.
//!
//! ```yaml
//! facts:
//!   - id: refund-window
//!     subject: [refund, request]          # words a statement of this fact uses
//!     aliases: ["money-back period"]      # phrases that name it outright
//!     value: 30 days                      # or `values:` per scope, below
//!     scope: {product: Quillstack Books}  # plan, region, product, audience, locale
//!     source: policies/refunds.md         # the policy that states it
//!     owner: billing-team                 # who approves a change
//!   - id: pro-price
//!     subject: [pro, price]
//!     values:
//!       - {value: 49 USD per month}
//!       - {value: 45 EUR per month, scope: {region: EU}}
//! ```

use crate::claims::extract::parse_value;
use crate::claims::normalize::{agree, comparable, stem};
use crate::claims::{Claim, Dim, Model, Scope, Value};
use crate::config::{line_of, ConfigError};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileSpec {
    #[serde(default)]
    facts: Vec<FactSpec>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FactSpec {
    id: String,
    #[serde(default)]
    subject: OneOrMany,
    #[serde(default)]
    aliases: OneOrMany,
    #[serde(default)]
    value: Option<ScalarText>,
    #[serde(default)]
    values: Vec<ScopedValue>,
    #[serde(default)]
    scope: BTreeMap<String, OneOrMany>,
    #[serde(default)]
    source: Option<String>,
    #[serde(default)]
    owner: Option<String>,
    #[serde(default)]
    description: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ScopedValue {
    value: ScalarText,
    #[serde(default)]
    scope: BTreeMap<String, OneOrMany>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    #[default]
    None,
    One(ScalarText),
    Many(Vec<ScalarText>),
}

impl OneOrMany {
    fn list(&self) -> Vec<String> {
        match self {
            OneOrMany::None => Vec::new(),
            OneOrMany::One(s) => vec![s.text()],
            OneOrMany::Many(v) => v.iter().map(ScalarText::text).collect(),
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum ScalarText {
    Str(String),
    Int(i64),
    Float(f64),
    Bool(bool),
}

impl ScalarText {
    fn text(&self) -> String {
        match self {
            ScalarText::Str(s) => s.clone(),
            ScalarText::Int(i) => i.to_string(),
            ScalarText::Float(f) => f.to_string(),
            ScalarText::Bool(b) => if *b { "yes" } else { "no" }.to_string(),
        }
    }
}

/// One registered fact (a fact with values per scope is one [`Fact`] per value).
#[derive(Debug, Clone)]
pub struct Fact {
    /// Identifier.
    pub id: String,
    /// The canonical value.
    pub value: Value,
    /// The value as written in the registry.
    pub value_text: String,
    /// Subject words, stemmed (generic words dropped).
    pub subject: Vec<String>,
    /// Plan, region or billing names among the subject words: claims must name them.
    pub names: Vec<String>,
    /// Alias phrases, each as stemmed words.
    pub aliases: Vec<Vec<String>>,
    /// Where it applies.
    pub scope: Scope,
    /// The policy that states it.
    pub source: Option<String>,
    /// Who owns it.
    pub owner: Option<String>,
    /// The department a contact fact serves (from its id, subject and aliases).
    pub purpose: Option<String>,
    /// 1-based line of the fact in the registry.
    pub line: usize,
}

/// The registry.
#[derive(Debug, Clone)]
pub struct Registry {
    /// Display path of the file.
    pub path: String,
    /// Facts in file order.
    pub facts: Vec<Fact>,
    /// xxh3-128 of the registry's text (the incremental cache keys on it).
    pub text_hash: u128,
}

impl Registry {
    /// Reads and checks a registry file. Errors name the file and line (exit code 2).
    pub fn load(path: &Path, model: &Model) -> Result<Registry, ConfigError> {
        let shown = crate::discover::display_path(path);
        let text = std::fs::read_to_string(path).map_err(|e| ConfigError {
            path: shown.clone(),
            line: None,
            message: format!("cannot read the facts registry: {e}"),
        })?;
        Registry::parse(&shown, &text, model)
    }

    /// Parses registry text.
    pub fn parse(shown: &str, text: &str, model: &Model) -> Result<Registry, ConfigError> {
        let err = |line: Option<usize>, message: String| ConfigError {
            path: shown.to_string(),
            line,
            message,
        };
        if text.trim().is_empty() {
            return Ok(Registry {
                path: shown.to_string(),
                facts: Vec::new(),
                text_hash: crate::cache::content_hash(text.as_bytes()),
            });
        }
        let spec: FileSpec = crate::yaml::from_str(text)
            .map_err(|e| err(e.line, format!("facts registry: {}", e.message)))?;
        let specs = spec.facts;
        let mut facts = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for f in specs {
            let line = line_of(text, &format!("id: {}", f.id)).or_else(|| line_of(text, &f.id));
            if f.id.trim().is_empty() {
                return Err(err(line, "a fact needs an `id`".into()));
            }
            if !seen.insert(f.id.clone()) {
                return Err(err(line, format!("fact `{}` is defined twice", f.id)));
            }
            let scope = read_scope(&f.scope, model)
                .map_err(|m| err(line, format!("fact `{}`: {m}", f.id)))?;
            let subject: Vec<String> = f
                .subject
                .list()
                .iter()
                .flat_map(|w| terms_of(w, model))
                .collect();
            let aliases: Vec<Vec<String>> = f
                .aliases
                .list()
                .iter()
                .map(|a| terms_of(a, model))
                .filter(|a| !a.is_empty())
                .collect();
            let _ = &f.description;
            let mut values: Vec<(String, Scope, Option<usize>)> = Vec::new();
            if let Some(v) = &f.value {
                values.push((v.text(), scope.clone(), line));
            }
            for sv in &f.values {
                let mut s = scope.clone();
                let extra = read_scope(&sv.scope, model)
                    .map_err(|m| err(line, format!("fact `{}`: {m}", f.id)))?;
                for (d, v) in extra.dims {
                    s.set(d, v);
                }
                let vt = sv.value.text();
                values.push((vt.clone(), s, line_of(text, &vt).or(line)));
            }
            if values.is_empty() {
                return Err(err(
                    line,
                    format!("fact `{}` has no `value` (or `values`)", f.id),
                ));
            }
            let mut purpose_words = vec![f.id.replace(['-', '_'], " ")];
            purpose_words.extend(f.subject.list());
            purpose_words.extend(f.aliases.list());
            let purpose = purpose_words.iter().find_map(|w| {
                w.split_whitespace()
                    .find_map(|x| model.word(&x.to_lowercase()).purpose.clone())
            });
            for (vt, s, vline) in values {
                let Some((value, noun)) = parse_value(&vt, model) else {
                    return Err(err(vline, format!("fact `{}`: cannot read the value `{vt}` (write it like \"30 days\", \"49 USD per month\", \"25 MB\", \"10 users\", \"+1 415 555 0142\", \"yes\")", f.id)));
                };
                let mut subject = subject.clone();
                for n in noun {
                    if !subject.contains(&n) {
                        subject.push(n);
                    }
                }
                let price = stem("price");
                if matches!(
                    value,
                    Value::Quantity(crate::claims::Quantity {
                        class: crate::claims::QClass::Money(_),
                        ..
                    })
                ) && !subject.contains(&price)
                {
                    subject.push(price);
                }
                let names: Vec<String> = f
                    .subject
                    .list()
                    .iter()
                    .filter_map(|w| {
                        model
                            .scope_name(w)
                            .filter(|(d, _)| matches!(d, Dim::Plan | Dim::Region | Dim::Billing))
                            .map(|(_, v)| v.clone())
                    })
                    .collect();
                facts.push(Fact {
                    id: f.id.clone(),
                    value,
                    value_text: vt,
                    names,
                    subject,
                    aliases: aliases.clone(),
                    scope: s,
                    source: f.source.clone(),
                    owner: f.owner.clone(),
                    purpose: purpose.clone(),
                    line: line.unwrap_or(1),
                });
            }
        }
        Ok(Registry {
            path: shown.to_string(),
            facts,
            text_hash: crate::cache::content_hash(text.as_bytes()),
        })
    }

    /// The facts a claim is about: (fact index, whether the claim agrees).
    pub fn check(&self, c: &Claim) -> Vec<(usize, bool)> {
        let mut out = Vec::new();
        for (i, f) in self.facts.iter().enumerate() {
            if !comparable(&f.value, &c.value) || !f.scope.compatible(&c.scope) || !about(f, c) {
                continue;
            }
            // A fact about one plan holds for statements that say which plan.
            if f.scope.get(Dim::Plan).is_some() && c.scope.get(Dim::Plan).is_none() {
                continue;
            }
            out.push((i, agree(&f.value, &c.value)));
        }
        out
    }
}

/// Whether a claim states the fact: an alias is in it, or enough subject words are
/// (at least one of them in the statement itself, not only in a heading).
fn about(f: &Fact, c: &Claim) -> bool {
    let scope_has = |w: &str| {
        c.scope.dims.iter().any(|(d, v)| {
            matches!(d, Dim::Plan | Dim::Region | Dim::Billing) && v.iter().any(|x| x == w)
        })
    };
    let strong = |w: &str| c.weight(w) >= 0.8 || scope_has(w);
    let present = |w: &str| c.weight(w) > 0.0 || scope_has(w);
    if let Value::Phone { .. } | Value::Email(_) = c.value {
        return match (&f.purpose, &c.purpose) {
            (Some(a), Some(b)) => a == b,
            _ => true,
        };
    }
    // A plan or region named in the subject must be the claim's ("business-price").
    if f.names.iter().any(|w| !scope_has(w) && c.weight(w) < 0.8) {
        return false;
    }
    // A statement attached to a noun ("50 GB of file storage") is about that noun.
    let covered = c
        .head
        .iter()
        .filter(|h| f.subject.contains(h) || f.aliases.iter().any(|a| a.contains(h)))
        .count();
    if !c.head.is_empty() && covered * 2 <= c.head.len() {
        return false;
    }
    if f.aliases.iter().any(|a| a.iter().all(|w| strong(w))) {
        return true;
    }
    if f.subject.is_empty() {
        return false;
    }
    let n = f.subject.iter().filter(|w| present(w)).count();
    n >= f.subject.len().min(2) && f.subject.iter().any(|w| strong(w))
}

/// The subject terms of a word or phrase, as claims store them.
pub fn terms_of(text: &str, model: &Model) -> Vec<String> {
    let mut out = Vec::new();
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\''))
        .filter(|w| !w.is_empty())
        .collect();
    let mut i = 0;
    while i < words.len() {
        if i + 1 < words.len() {
            if let Some(s) = &model
                .word(&format!("{} {}", words[i], words[i + 1]))
                .synonym
            {
                out.push(stem(s));
                i += 2;
                continue;
            }
        }
        let w = words[i];
        let info = model.word(w);
        i += 1;
        if let Some(s) = &info.synonym {
            out.push(stem(s));
            continue;
        }
        if let Some((d, v)) = model.scope_name(w) {
            if matches!(d, Dim::Plan | Dim::Region | Dim::Billing) {
                out.push(v.clone());
                continue;
            }
        }
        if info.stop || info.generic || info.unit.is_some() || info.period.is_some() {
            continue;
        }
        for part in w.split('-').filter(|p| p.len() > 1) {
            out.push(stem(part));
        }
    }
    out.dedup();
    out
}

fn read_scope(spec: &BTreeMap<String, OneOrMany>, model: &Model) -> Result<Scope, String> {
    let mut s = Scope::default();
    for (k, v) in spec {
        let Some(d) = Dim::parse(k) else {
            return Err(format!(
                "unknown scope `{k}` (use plan, region, product, audience, locale, billing)"
            ));
        };
        let vals = v
            .list()
            .iter()
            .map(|x| match model.scope_name(x) {
                Some((dd, canon)) if *dd == d => canon.clone(),
                _ => x.trim().to_lowercase(),
            })
            .collect();
        s.set(d, vals);
    }
    Ok(s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::Lexicons;

    fn model() -> Model {
        Model::new(&Lexicons::embedded())
    }

    #[test]
    fn reads_the_fixture_registries() {
        let m = model();
        for p in [
            "fixtures/labeled-kb/facts.yml",
            "fixtures/demo-kb/facts.yml",
        ] {
            let r = Registry::load(Path::new(p), &m).unwrap();
            assert!(r.facts.len() >= 5, "{p}");
        }
    }

    #[test]
    fn errors_name_the_line() {
        let m = model();
        let e = Registry::parse(
            "facts.yml",
            "facts:\n  - id: a\n    value: 30 days\n  - id: b\n    value: soon-ish\n",
            &m,
        )
        .unwrap_err();
        assert_eq!(e.line, Some(4));
        assert!(e.message.contains("cannot read the value"), "{}", e.message);
        let e = Registry::parse("facts.yml", "facts:\n  - id: a\n    vaule: 30 days\n", &m)
            .unwrap_err();
        assert!(e.line.is_some());
        let e = Registry::parse(
            "facts.yml",
            "facts:\n  - id: a\n    value: 3 days\n    scope: {planet: pro}\n",
            &m,
        )
        .unwrap_err();
        assert!(e.message.contains("unknown scope"));
    }

    #[test]
    fn values_per_scope() {
        let m = model();
        let r = Registry::parse("f.yml", "facts:\n  - id: pro-price\n    subject: [pro]\n    values:\n      - {value: 49 USD per month}\n      - {value: 45 EUR per month, scope: {region: EU}}\n", &m).unwrap();
        assert_eq!(r.facts.len(), 2);
        assert_eq!(
            r.facts[1].scope.get(Dim::Region),
            Some(&["eu".to_string()][..])
        );
    }
}

// ------------------------------------------------------------------ `kblint facts`

/// A fact as the KB states it: claims about one subject, grouped by value.
#[derive(Debug, Clone)]
pub struct Stated {
    /// Readable subject ("refund request").
    pub key: String,
    /// Value class ("duration", "price", …).
    pub kind: &'static str,
    /// Scope shared by every statement.
    pub scope: Scope,
    /// Values, most-stated first: (representative, statements).
    pub values: Vec<(ClaimRef, Vec<ClaimRef>)>,
    /// Every statement.
    pub members: Vec<ClaimRef>,
}

impl Stated {
    /// Whether the statements disagree.
    pub fn conflict(&self) -> bool {
        self.values.len() > 1
    }
}

use crate::claims::compare::ClaimRef;
use crate::corpus::Corpus;

fn claim_at(corpus: &Corpus, r: ClaimRef) -> &Claim {
    &corpus.docs[r.doc as usize].claims[r.idx as usize]
}

/// Groups every claim of the KB with the claims it states the same fact as
/// (connected through the comparison), each group's values by agreement.
pub fn stated(corpus: &Corpus) -> Vec<Stated> {
    let analysis = corpus.conflicts();
    let refs: Vec<ClaimRef> = corpus
        .docs
        .iter()
        .enumerate()
        .flat_map(|(d, doc)| {
            (0..doc.claims.len()).map(move |i| ClaimRef {
                doc: d as u32,
                idx: i as u32,
            })
        })
        .collect();
    let index: std::collections::HashMap<ClaimRef, usize> =
        refs.iter().enumerate().map(|(i, r)| (*r, i)).collect();
    let mut parent: Vec<usize> = (0..refs.len()).collect();
    fn find(p: &mut [usize], mut x: usize) -> usize {
        while p[x] != x {
            p[x] = p[p[x]];
            x = p[x];
        }
        x
    }
    for (r, m) in &analysis.matches {
        let Some(&a) = index.get(r) else { continue };
        for o in m.agree.iter().chain(&m.disagree) {
            if let Some(&b) = index.get(o) {
                let (ra, rb) = (find(&mut parent, a), find(&mut parent, b));
                if ra != rb {
                    parent[ra.max(rb)] = ra.min(rb);
                }
            }
        }
    }
    let mut groups: BTreeMap<usize, Vec<ClaimRef>> = BTreeMap::new();
    for (i, r) in refs.iter().enumerate() {
        let root = find(&mut parent, i);
        groups.entry(root).or_default().push(*r);
    }
    let mut out = Vec::new();
    for (_, members) in groups {
        let first = claim_at(corpus, members[0]);
        let mut values: Vec<(ClaimRef, Vec<ClaimRef>)> = Vec::new();
        for r in &members {
            let v = &claim_at(corpus, *r).value;
            match values
                .iter_mut()
                .find(|(rep, _)| agree(&claim_at(corpus, *rep).value, v))
            {
                Some((_, g)) => g.push(*r),
                None => values.push((*r, vec![*r])),
            }
        }
        let articles = |g: &Vec<ClaimRef>| {
            g.iter()
                .map(|r| r.doc)
                .collect::<std::collections::HashSet<_>>()
                .len()
        };
        values.sort_by(|a, b| {
            articles(&b.1)
                .cmp(&articles(&a.1))
                .then(b.1.len().cmp(&a.1.len()))
                .then(a.0.cmp(&b.0))
        });
        let mut keys: BTreeMap<&str, usize> = BTreeMap::new();
        for r in &members {
            let k = claim_at(corpus, *r).key.as_str();
            if !k.is_empty() {
                *keys.entry(k).or_default() += 1;
            }
        }
        let key = keys
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
            .map(|(k, _)| k.to_string())
            .unwrap_or_else(|| first.value.class_name().to_string());
        let mut scope = first.scope.clone();
        for r in &members[1..] {
            let s = &claim_at(corpus, *r).scope;
            scope.dims.retain(|(d, v)| s.get(*d) == Some(v.as_slice()));
        }
        out.push(Stated {
            key,
            kind: first.value.class_name(),
            scope,
            values,
            members,
        });
    }
    out.sort_by(|a, b| {
        b.conflict()
            .cmp(&a.conflict())
            .then(b.members.len().cmp(&a.members.len()))
            .then(a.key.cmp(&b.key))
            .then(a.members[0].cmp(&b.members[0]))
    });
    out
}

fn loc(corpus: &Corpus, r: ClaimRef) -> String {
    format!(
        "{}:{}",
        corpus.docs[r.doc as usize].display,
        claim_at(corpus, r).position.line
    )
}

/// The listing as a table.
pub fn render_table(corpus: &Corpus, groups: &[Stated]) -> String {
    let mut out = String::new();
    for g in groups {
        let scope = g.scope.describe();
        let flag = if g.conflict() { "  CONFLICT" } else { "" };
        if scope.is_empty() {
            out.push_str(&format!("{} ({}){flag}\n", g.key, g.kind));
        } else {
            out.push_str(&format!("{} ({}) [{scope}]{flag}\n", g.key, g.kind));
        }
        for (rep, members) in &g.values {
            let n = members
                .iter()
                .map(|r| r.doc)
                .collect::<std::collections::HashSet<_>>()
                .len();
            let locs: Vec<String> = members.iter().map(|r| loc(corpus, *r)).collect();
            let shown = claim_at(corpus, *rep).shown.clone();
            out.push_str(&format!(
                "  {:<28} {:>3} article{} {}\n",
                format!("\"{shown}\""),
                n,
                if n == 1 { " " } else { "s" },
                locs.join(", ")
            ));
        }
    }
    let conflicts = groups.iter().filter(|g| g.conflict()).count();
    out.push_str(&format!(
        "\n{} facts stated, {} in conflict\n",
        groups.len(),
        conflicts
    ));
    out
}

/// The listing as JSON.
pub fn render_json(corpus: &Corpus, groups: &[Stated]) -> String {
    let facts: Vec<serde_json::Value> = groups
        .iter()
        .map(|g| {
            let scope: serde_json::Map<String, serde_json::Value> = g.scope.dims.iter().map(|(d, v)| (d.as_str().to_string(), serde_json::json!(v))).collect();
            let values: Vec<serde_json::Value> = g
                .values
                .iter()
                .map(|(rep, members)| {
                    let c = claim_at(corpus, *rep);
                    let locations: Vec<serde_json::Value> = members
                        .iter()
                        .map(|r| {
                            let m = claim_at(corpus, *r);
                            serde_json::json!({"path": corpus.docs[r.doc as usize].display, "line": m.position.line, "column": m.position.column, "text": m.shown})
                        })
                        .collect();
                    let articles = members.iter().map(|r| r.doc).collect::<std::collections::HashSet<_>>().len();
                    serde_json::json!({"value": c.shown, "canonical": crate::claims::normalize::canonical(&c.value, &c.shown), "articles": articles, "locations": locations})
                })
                .collect();
            serde_json::json!({"key": g.key, "kind": g.kind, "scope": scope, "conflict": g.conflict(), "values": values})
        })
        .collect();
    let mut s =
        serde_json::to_string_pretty(&serde_json::json!({"facts": facts})).unwrap_or_default();
    s.push('\n');
    s
}

/// A starter registry from the majority values: one fact per group stated in at least
/// two places (or in conflict), with subject words every statement shares.
pub fn suggest(corpus: &Corpus, groups: &[Stated]) -> String {
    let yaml = crate::yaml::quote_scalar;
    let mut out = String::from(
        "# Starter facts registry written by `kblint facts --suggest` from what the KB states\n# today: each value is the one most articles give. Check every value with its owner\n# before relying on it, then point `facts:` in .kblint.yml at this file.\nfacts:\n",
    );
    let mut ids: std::collections::HashSet<String> = std::collections::HashSet::new();
    let mut written = 0;
    for g in groups {
        if g.members.len() < 2 {
            continue;
        }
        let claims: Vec<&Claim> = g.members.iter().map(|r| claim_at(corpus, *r)).collect();
        // Words every statement uses strongly.
        let mut shared: Vec<(String, f32, String)> = Vec::new();
        for t in &claims[0].terms {
            let min = claims
                .iter()
                .map(|c| c.weight(&t.stem))
                .fold(f32::MAX, f32::min);
            if min >= 0.8 {
                shared.push((t.stem.clone(), min, t.word.clone()));
            }
        }
        shared.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        shared.truncate(3);
        let (rep, majority) = &g.values[0];
        let c = claim_at(corpus, *rep);
        let mut subject: Vec<String> = shared.iter().map(|s| s.2.clone()).collect();
        match &c.value {
            Value::Phone { .. } | Value::Email(_) => {
                subject.insert(
                    0,
                    if matches!(c.value, Value::Phone { .. }) {
                        "phone".into()
                    } else {
                        "email".into()
                    },
                );
                if let Some(p) = &c.purpose {
                    subject.push(p.clone());
                }
            }
            _ => {}
        }
        // The scope the majority's statements share: where its value holds.
        let mut scope = c.scope.clone();
        for r in majority {
            let s = &claim_at(corpus, *r).scope;
            scope.dims.retain(|(d, v)| s.get(*d) == Some(v.as_slice()));
        }
        let plans = scope.get(Dim::Plan).map(|v| v.to_vec()).unwrap_or_default();
        if subject.is_empty() && plans.is_empty() {
            out.push_str(&format!(
                "  # skipped \"{}\" ({}): its statements share no subject word\n",
                g.key, g.kind
            ));
            continue;
        }
        let value = match &c.value {
            Value::Phone { .. }
            | Value::Email(_)
            | Value::Schedule { .. }
            | Value::Time { .. }
            | Value::Version { .. } => c.shown.trim().to_string(),
            Value::Polarity { class, positive } if class == "refund" => if *positive {
                "refundable"
            } else {
                "non-refundable"
            }
            .to_string(),
            Value::Quantity(crate::claims::Quantity {
                class: crate::claims::QClass::Count { .. },
                ..
            }) if c.shown.chars().any(char::is_alphabetic) => c.shown.trim().to_string(),
            v => crate::claims::normalize::canonical(v, &c.shown),
        };
        let mut base: String = match (&c.value, &c.purpose) {
            (Value::Phone { .. }, Some(p)) => format!("{p}-phone"),
            (Value::Email(_), Some(p)) => format!("{p}-email"),
            _ => g
                .key
                .split_whitespace()
                .take(3)
                .collect::<Vec<_>>()
                .join("-"),
        };
        for p in &plans {
            base = format!("{p}-{base}");
        }
        let base: String = base
            .to_lowercase()
            .chars()
            .map(|ch| if ch.is_alphanumeric() { ch } else { '-' })
            .collect::<String>()
            .trim_matches('-')
            .to_string();
        let base = if base.is_empty() {
            g.kind.replace(' ', "-")
        } else {
            base
        };
        let mut id = base.clone();
        let mut n = 2;
        while !ids.insert(id.clone()) {
            id = format!("{base}-{n}");
            n += 1;
        }
        out.push_str(&format!("  - id: {}\n", yaml(&id)));
        out.push_str(&format!(
            "    subject: [{}]\n",
            subject
                .iter()
                .map(|s| yaml(s))
                .collect::<Vec<_>>()
                .join(", ")
        ));
        out.push_str(&format!("    value: {}\n", yaml(&value)));
        if !scope.dims.is_empty() {
            let parts: Vec<String> = scope
                .dims
                .iter()
                .map(|(d, v)| {
                    if v.len() == 1 {
                        format!("{}: {}", d.as_str(), yaml(&v[0]))
                    } else {
                        format!(
                            "{}: [{}]",
                            d.as_str(),
                            v.iter().map(|x| yaml(x)).collect::<Vec<_>>().join(", ")
                        )
                    }
                })
                .collect();
            out.push_str(&format!("    scope: {{{}}}\n", parts.join(", ")));
        }
        let source = &corpus.docs[majority[0].doc as usize];
        out.push_str(&format!("    source: {}\n", yaml(&source.display)));
        if let Some(o) = &source.meta.owner {
            out.push_str(&format!("    owner: {}\n", yaml(&o.value)));
        }
        let articles = |m: &Vec<ClaimRef>| {
            m.iter()
                .map(|r| r.doc)
                .collect::<std::collections::HashSet<_>>()
                .len()
        };
        if g.values.len() > 1 && articles(majority) == articles(&g.values[1].1) {
            out.push_str(
                "    # no majority: as many articles state another value; check which is right\n",
            );
        }
        for (orep, others) in &g.values[1..] {
            let locs: Vec<String> = others.iter().map(|r| loc(corpus, *r)).collect();
            out.push_str(&format!(
                "    # also stated: \"{}\" in {}\n",
                claim_at(corpus, *orep).shown.replace('\n', " "),
                locs.join(", ")
            ));
        }
        written += 1;
    }
    if written == 0 {
        out.push_str("  []\n");
    }
    out
}
