//! `conflict`: two statements about the same fact disagree — across articles, within
//! one, or against the registered facts (`facts.yml`). Claims are read per article in
//! the parallel phase ([`crate::claims`]); the comparison runs once over the whole KB
//! ([`crate::corpus::Corpus::conflicts`]) and these rules only report it.

pub mod conflicting_fact;
pub mod conflicting_policy;
pub mod registered_fact_mismatch;

use crate::claims::compare::{value_groups, ClaimRef, Matches};
use crate::claims::{Claim, Value};
use crate::corpus::Corpus;
use crate::diagnostic::Related;
use std::collections::HashSet;

/// The claim behind a reference.
pub fn claim_of(corpus: &Corpus, r: ClaimRef) -> &Claim {
    &corpus.docs[r.doc as usize].claims[r.idx as usize]
}

/// `path:line` of a claim.
pub fn location(corpus: &Corpus, r: ClaimRef) -> String {
    format!(
        "{}:{}",
        corpus.docs[r.doc as usize].display,
        claim_of(corpus, r).position.line
    )
}

/// How a value reads in a message.
pub fn shown(c: &Claim) -> String {
    match &c.value {
        Value::Polarity { class, positive } => {
            let s = c.shown.trim();
            if s.is_empty() {
                match (class.as_str(), positive) {
                    ("refund", true) => "refundable".into(),
                    ("refund", false) => "not refundable".into(),
                    (_, true) => "available".into(),
                    (_, false) => "not available".into(),
                }
            } else {
                s.to_string()
            }
        }
        _ => c.shown.trim().to_string(),
    }
}

/// What the claim is about, for messages.
pub fn subject(c: &Claim) -> String {
    let class = c.value.class_name();
    if c.key.is_empty() || c.key == class {
        class.to_string()
    } else {
        format!("{class} for \"{}\"", c.key)
    }
}

fn list(corpus: &Corpus, refs: &[ClaimRef], max: usize) -> String {
    let mut locs: Vec<String> = refs.iter().map(|r| location(corpus, *r)).collect();
    locs.dedup();
    let more = locs.len().saturating_sub(max);
    locs.truncate(max);
    let mut s = locs.join(", ");
    if more > 0 {
        s.push_str(&format!(" and {more} more"));
    }
    s
}

/// The message and related locations of a disagreement: every competing value with
/// how many articles state it, so the author sees the likely majority.
pub fn describe(corpus: &Corpus, this: ClaimRef, m: &Matches) -> (String, Vec<Related>) {
    let c = claim_of(corpus, this);
    let groups = value_groups(corpus, this, m);
    let mut parts = Vec::new();
    if let Some((_, members)) = groups.iter().find(|(_, g)| g.contains(&this)) {
        let others: Vec<ClaimRef> = members.iter().copied().filter(|r| *r != this).collect();
        if others.is_empty() {
            parts.push(format!("\"{}\" here", shown(c)));
        } else {
            parts.push(format!(
                "\"{}\" here and in {}",
                shown(c),
                list(corpus, &others, 3)
            ));
        }
    }
    for (rep, members) in groups.iter().filter(|(_, g)| !g.contains(&this)) {
        let articles = members.iter().map(|r| r.doc).collect::<HashSet<_>>().len();
        let value = shown(claim_of(corpus, *rep));
        if articles > 1 {
            parts.push(format!(
                "\"{value}\" in {articles} articles ({})",
                list(corpus, members, 3)
            ));
        } else {
            parts.push(format!("\"{value}\" in {}", list(corpus, members, 3)));
        }
    }
    let message = format!("Conflicting {}: {}", subject(c), parts.join("; "));
    let related = m
        .disagree
        .iter()
        .map(|r| {
            let o = claim_of(corpus, *r);
            crate::rules::related(
                &corpus.docs[r.doc as usize].display,
                o.position,
                format!("states \"{}\"", shown(o)),
            )
        })
        .collect();
    (message, related)
}

/// Visits every claim that disagrees with another, in corpus order.
pub fn each_disagreement(corpus: &Corpus, mut f: impl FnMut(ClaimRef, &Claim, &Matches)) {
    let analysis = corpus.conflicts();
    for (d, doc) in corpus.docs.iter().enumerate() {
        for (i, c) in doc.claims.iter().enumerate() {
            let r = ClaimRef {
                doc: d as u32,
                idx: i as u32,
            };
            if let Some(m) = analysis.matches.get(&r) {
                if !m.disagree.is_empty() {
                    f(r, c, m);
                }
            }
        }
    }
}

/// Related locations of the claims that disagree with this one.
pub fn list_disagreeing(corpus: &Corpus, r: ClaimRef) -> Vec<Related> {
    corpus
        .conflicts()
        .matches
        .get(&r)
        .map(|m| {
            m.disagree
                .iter()
                .map(|o| {
                    let c = claim_of(corpus, *o);
                    crate::rules::related(
                        &corpus.docs[o.doc as usize].display,
                        c.position,
                        format!("states \"{}\"", shown(c)),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}
