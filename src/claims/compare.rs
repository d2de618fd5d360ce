//! The corpus-wide comparison: every claim is indexed by key (its value class and each
//! of its strong subject terms), and claims are compared only within a bucket, so the
//! cost grows with the number of claims, not with the number of article pairs. A
//! bucket that grows past [`BUCKET_CAP`] is a term too common to tell facts apart and
//! is skipped.
//!
//! The result, computed once per run and shared by KB201–KB203, says for every claim
//! which other claims state the same fact and whether they agree, and which registered
//! fact (facts.yml) it contradicts.

use super::key::same_subject;
use super::normalize::agree;
use super::{Claim, QClass, Value};
use crate::corpus::Corpus;
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};

/// Buckets larger than this are not compared (the key is too common to tell facts
/// apart); it bounds the work per claim whatever the size of the KB.
pub const BUCKET_CAP: usize = 400;

/// Most strong words per claim used for keys.
pub const MAX_KEYS: usize = 8;

/// A claim of the KB: document index and claim index within it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ClaimRef {
    /// Index into [`Corpus::docs`].
    pub doc: u32,
    /// Index into that document's claims.
    pub idx: u32,
}

/// Everything the conflict rules report on one claim.
#[derive(Debug, Clone, Default)]
pub struct Matches {
    /// Other claims about the same fact that agree.
    pub agree: Vec<ClaimRef>,
    /// Other claims about the same fact that disagree.
    pub disagree: Vec<ClaimRef>,
}

/// A claim that contradicts a registered fact.
#[derive(Debug, Clone)]
pub struct Mismatch {
    /// The claim.
    pub claim: ClaimRef,
    /// Index into the registry's facts.
    pub fact: usize,
}

/// The comparison of every claim of the KB.
#[derive(Debug, Default)]
pub struct Analysis {
    /// Per claim with at least one match: its matches.
    pub matches: HashMap<ClaimRef, Matches>,
    /// Claims that contradict the registry, sorted.
    pub mismatches: Vec<Mismatch>,
    /// Claims that agree with a registered fact: (claim, fact).
    pub registered: Vec<(ClaimRef, usize)>,
}

impl Analysis {
    /// The registry mismatch of a claim, if any.
    pub fn mismatch(&self, c: ClaimRef) -> Option<&Mismatch> {
        self.mismatches
            .binary_search_by(|m| m.claim.cmp(&c))
            .ok()
            .map(|i| &self.mismatches[i])
    }
}

/// The coarse class of a value: claims of different classes are never compared.
pub fn class_key(v: &Value) -> String {
    match v {
        Value::Quantity(q) => match &q.class {
            QClass::Duration => "duration".into(),
            QClass::BusinessDays => "business-days".into(),
            QClass::BusinessHours => "business-hours".into(),
            QClass::Data => "data".into(),
            QClass::Count { head, .. } => format!("count:{head}"),
            QClass::Percent => "percent".into(),
            QClass::Money(c) => format!("money:{c}"),
            QClass::Frequency => "frequency".into(),
        },
        Value::Schedule { .. } => "schedule".into(),
        Value::Time { .. } => "time".into(),
        Value::Phone { .. } => "phone".into(),
        Value::Email(_) => "email".into(),
        Value::Version { .. } => "version".into(),
        Value::Timing(_) => "timing".into(),
        Value::Polarity { class, .. } => format!("policy:{class}"),
    }
}

/// The index keys of a claim. Two claims that [`same_subject`] could accept always
/// share a key, and keys are as selective as the rule allows:
/// - contact points: their department;
/// - counts: the counted noun with each strong word (or named plan);
/// - opening hours, timing and yes/no policies, which need one strong word in common:
///   each strong word;
/// - everything else, which needs two: each pair of strong words (or named plans,
///   regions, billing periods).
pub fn index_keys(c: &Claim) -> Vec<(String, String)> {
    let class = class_key(&c.value);
    match c.value {
        Value::Phone { .. } | Value::Email(_) => {
            return match &c.purpose {
                Some(p) => vec![(class, p.clone())],
                None => Vec::new(),
            }
        }
        _ => {}
    }
    let mut strong: Vec<&super::Term> = c.terms.iter().filter(|t| t.weight >= 0.8).collect();
    strong.sort_by(|a, b| {
        b.weight
            .total_cmp(&a.weight)
            .then_with(|| a.stem.cmp(&b.stem))
    });
    let mut words: Vec<String> = strong
        .iter()
        .take(MAX_KEYS)
        .map(|t| t.stem.clone())
        .collect();
    for d in [
        super::Dim::Plan,
        super::Dim::Region,
        super::Dim::Billing,
        super::Dim::Occasion,
    ] {
        for v in c.scope.get(d).unwrap_or(&[]) {
            if v != "*" && v != "paid" {
                words.push(format!("@{}:{v}", d.as_str()));
            }
        }
    }
    let singles = matches!(
        &c.value,
        Value::Schedule { .. } | Value::Timing(_) | Value::Polarity { .. }
    ) || matches!(&c.value, Value::Quantity(q) if matches!(q.class, QClass::Count { .. }));
    if singles {
        return words.into_iter().map(|w| (class.clone(), w)).collect();
    }
    words.sort();
    words.dedup();
    let mut keys = Vec::with_capacity(words.len() * words.len() / 2);
    for (i, a) in words.iter().enumerate() {
        for b in &words[i + 1..] {
            keys.push((class.clone(), format!("{a}+{b}")));
        }
    }
    keys
}

fn claim(corpus: &Corpus, r: ClaimRef) -> &Claim {
    &corpus.docs[r.doc as usize].claims[r.idx as usize]
}

/// Whether two claims may be compared at all: not from one sentence or one table.
fn may_compare(a: ClaimRef, ca: &Claim, b: ClaimRef, cb: &Claim) -> bool {
    if a.doc != b.doc {
        return true;
    }
    if ca.sentence == cb.sentence {
        return false;
    }
    !(ca.table.is_some() && ca.table == cb.table)
}

/// How much each subject word is worth in a large KB: words used across many articles
/// tell facts apart poorly. A word in more than [`COMMON_SHARE`] of the articles with
/// claims (a product's own name in its help, "mailbox" in an Exchange KB) is dropped
/// (factor 0); a word in more than [`RARE_DOCS`] articles counts less, down to half.
/// Small KBs (under [`COMMON_MIN_DOCS`] articles with claims) are left as written: their
/// statistics say little.
pub fn term_factors(corpus: &Corpus) -> HashMap<String, f32> {
    let mut df: HashMap<&str, usize> = HashMap::new();
    let mut n = 0usize;
    for doc in &corpus.docs {
        if doc.claims.is_empty() {
            continue;
        }
        n += 1;
        let mut seen: HashSet<&str> = HashSet::new();
        for c in &doc.claims {
            for t in &c.terms {
                if seen.insert(t.stem.as_str()) {
                    *df.entry(t.stem.as_str()).or_default() += 1;
                }
            }
        }
    }
    if n < COMMON_MIN_DOCS {
        return HashMap::new();
    }
    let limit = (n as f64 * COMMON_SHARE).ceil() as usize;
    let full = (n as f64 / RARE_DOCS as f64).ln();
    df.into_iter()
        .filter(|(_, d)| *d > RARE_DOCS)
        .map(|(t, d)| {
            let f = if d > limit {
                0.0
            } else {
                ((n as f64 / d as f64).ln() / full).clamp(0.5, 1.0) as f32
            };
            (t.to_string(), f)
        })
        .collect()
}

/// See [`term_factors`].
pub const COMMON_MIN_DOCS: usize = 200;
/// See [`term_factors`].
pub const COMMON_SHARE: f64 = 0.08;
/// See [`term_factors`].
pub const RARE_DOCS: usize = 10;

/// Compares every claim of the corpus within its buckets and against the registry.
pub fn analyse(corpus: &Corpus) -> Analysis {
    let factors = term_factors(corpus);
    // Claims with their subject words weighed by how common they are in the KB.
    let stripped: Vec<Vec<Option<Claim>>> = corpus
        .docs
        .par_iter()
        .map(|doc| {
            doc.claims
                .iter()
                .map(|c| {
                    if factors.is_empty() || !c.terms.iter().any(|t| factors.contains_key(&t.stem))
                    {
                        return None;
                    }
                    let mut c = c.clone();
                    for t in &mut c.terms {
                        if let Some(f) = factors.get(&t.stem) {
                            t.weight *= f;
                        }
                    }
                    c.terms.retain(|t| t.weight > 0.0);
                    Some(c)
                })
                .collect()
        })
        .collect();
    let view = |r: ClaimRef| -> &Claim {
        match &stripped[r.doc as usize][r.idx as usize] {
            Some(c) => c,
            None => claim(corpus, r),
        }
    };
    let mut buckets: HashMap<(String, String), Vec<ClaimRef>> = HashMap::new();
    for (d, doc) in corpus.docs.iter().enumerate() {
        for i in 0..doc.claims.len() {
            let r = ClaimRef {
                doc: d as u32,
                idx: i as u32,
            };
            for k in index_keys(view(r)) {
                buckets.entry(k).or_default().push(r);
            }
        }
    }
    let mut lists: Vec<&Vec<ClaimRef>> = buckets
        .values()
        .filter(|v| v.len() >= 2 && v.len() <= BUCKET_CAP)
        .collect();
    lists.sort_by_key(|v| v[0]);
    let pairs: Vec<(ClaimRef, ClaimRef, bool)> = lists
        .par_iter()
        .flat_map_iter(|list| {
            let mut out = Vec::new();
            for (x, &a) in list.iter().enumerate() {
                let ca = view(a);
                for &b in &list[x + 1..] {
                    let cb = view(b);
                    if !may_compare(a, ca, b, cb) || !same_subject(ca, cb, a.doc == b.doc) {
                        continue;
                    }
                    let (a, b) = if a < b { (a, b) } else { (b, a) };
                    out.push((a, b, agree(&ca.value, &cb.value)));
                }
            }
            out
        })
        .collect();
    let mut seen: HashSet<(ClaimRef, ClaimRef)> = HashSet::with_capacity(pairs.len());
    let mut matches: HashMap<ClaimRef, Matches> = HashMap::new();
    for (a, b, agrees) in pairs {
        if !seen.insert((a, b)) {
            continue;
        }
        for (x, y) in [(a, b), (b, a)] {
            let m = matches.entry(x).or_default();
            if agrees {
                m.agree.push(y);
            } else {
                m.disagree.push(y);
            }
        }
    }
    for m in matches.values_mut() {
        m.agree.sort();
        m.disagree.sort();
    }
    // An article that gives three or more values for one subject is enumerating them
    // (report buckets, worked examples, a table of cases), not contradicting itself;
    // its values are not compared.
    let enumerating: HashSet<ClaimRef> = matches
        .iter()
        .filter(|(r, m)| {
            let mut values: Vec<&Value> = vec![&claim(corpus, **r).value];
            for o in m.agree.iter().chain(&m.disagree).filter(|o| o.doc == r.doc) {
                let v = &claim(corpus, *o).value;
                if !values.iter().any(|x| agree(x, v)) {
                    values.push(v);
                }
            }
            values.len() >= 3
        })
        .map(|(r, _)| *r)
        .collect();
    for (r, m) in matches.iter_mut() {
        if enumerating.contains(r) {
            m.disagree.clear();
        } else {
            m.disagree.retain(|o| !enumerating.contains(o));
        }
    }
    // A statement naming several values at once ("1 TB plus 10 GB per license") does not
    // contradict a statement that agrees with one of them.
    let sentence_of = |r: ClaimRef| (r.doc, claim(corpus, r).sentence);
    for m in matches.values_mut() {
        let agreeing: HashSet<(u32, u32)> = m.agree.iter().map(|r| sentence_of(*r)).collect();
        m.disagree.retain(|r| !agreeing.contains(&sentence_of(*r)));
    }
    let (mismatches, registered) = match &corpus.facts {
        Some(reg) => registry_matches(corpus, reg),
        None => (Vec::new(), Vec::new()),
    };
    Analysis {
        matches,
        mismatches,
        registered,
    }
}

/// Per article: claims that contradict the registry, claims that agree with it.
type RegistryHits = (Vec<Mismatch>, Vec<(ClaimRef, usize)>);

fn registry_matches(
    corpus: &Corpus,
    reg: &crate::facts::Registry,
) -> (Vec<Mismatch>, Vec<(ClaimRef, usize)>) {
    let per_doc: Vec<RegistryHits> = corpus
        .docs
        .par_iter()
        .enumerate()
        .map(|(d, doc)| {
            let mut bad = Vec::new();
            let mut good = Vec::new();
            for (i, c) in doc.claims.iter().enumerate() {
                let r = ClaimRef {
                    doc: d as u32,
                    idx: i as u32,
                };
                let mut mism = None;
                for (f, ok) in reg.check(c) {
                    if ok {
                        good.push((r, f));
                    } else if mism.is_none() {
                        mism = Some(f);
                    }
                }
                if let Some(f) = mism {
                    bad.push(Mismatch { claim: r, fact: f });
                }
            }
            (bad, good)
        })
        .collect();
    let mut bad = Vec::new();
    let mut good = Vec::new();
    for (b, g) in per_doc {
        bad.extend(b);
        good.extend(g);
    }
    bad.sort_by_key(|m| m.claim);
    (bad, good)
}

/// Groups a claim and the claims it matches by value: (representative, members),
/// the largest group first, ties by first location.
pub fn value_groups(
    corpus: &Corpus,
    this: ClaimRef,
    m: &Matches,
) -> Vec<(ClaimRef, Vec<ClaimRef>)> {
    let mut all: Vec<ClaimRef> = vec![this];
    all.extend(m.agree.iter().copied());
    all.extend(m.disagree.iter().copied());
    all.sort();
    all.dedup();
    let mut groups: Vec<(ClaimRef, Vec<ClaimRef>)> = Vec::new();
    for r in all {
        let v = &claim(corpus, r).value;
        match groups
            .iter_mut()
            .find(|(rep, _)| agree(&claim(corpus, *rep).value, v))
        {
            Some((_, members)) => members.push(r),
            None => groups.push((r, vec![r])),
        }
    }
    let articles = |g: &Vec<ClaimRef>| g.iter().map(|r| r.doc).collect::<HashSet<_>>().len();
    groups.sort_by(|a, b| {
        articles(&b.1)
            .cmp(&articles(&a.1))
            .then(b.1.len().cmp(&a.1.len()))
            .then(a.0.cmp(&b.0))
    });
    groups
}
