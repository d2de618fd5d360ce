//! What a claim is about, and whether two claims are about the same thing.
//!
//! A claim's subject is a bag of stemmed terms with weights: words of its own clause
//! weigh 1.0, the rest of the sentence 0.5, a list's lead-in 0.8, the section heading
//! 0.5 and the article title 0.4; a table cell takes its row label and column header at
//! 1.0. Two claims are about the same fact when they measure the same kind of value,
//! their scopes are compatible, no contrast word tells them apart ("iOS" vs "Android",
//! "first" vs "second", "chat" vs "phone"), and the terms they share (plus the plan or
//! region both name explicitly) weigh enough: two strong shared terms for common value
//! kinds (durations, prices, sizes), one for rarer, more specific ones (opening hours,
//! frequencies, timing, versions).

use super::{Claim, Dim, QClass, Value};

/// Weight of terms from the claim's own clause.
pub const W_CLAUSE: f32 = 1.0;
/// Weight of terms from a list's lead-in sentence ("First-reply targets depend on your plan:").
pub const W_LEAD_IN: f32 = 0.8;
/// Weight of terms from the rest of the sentence.
pub const W_SENTENCE: f32 = 0.5;
/// Weight of terms from the nearest heading.
pub const W_HEADING: f32 = 0.5;
/// Weight of terms from the article title.
pub const W_TITLE: f32 = 0.4;

/// The shared weight two claims need to be about the same fact.
pub fn threshold(v: &Value) -> f32 {
    match v {
        Value::Quantity(q) => match q.class {
            QClass::Frequency => 0.8,
            _ => 1.5,
        },
        Value::Schedule { .. } | Value::Timing(_) | Value::Version { .. } => 1.0,
        Value::Time { .. } | Value::Polarity { .. } => 1.5,
        Value::Phone { .. } | Value::Email(_) => 0.0,
    }
}

/// How much two claims share: the sum over shared terms of the smaller weight, plus 1.0
/// for each of plan, region, billing period or occasion that both name explicitly and
/// that overlap.
pub fn shared_weight(a: &Claim, b: &Claim) -> f32 {
    shared(a, b, false)
}

/// [`shared_weight`] for claims of one article: the title says nothing there, every
/// claim of the article shares it.
pub fn shared_weight_same_article(a: &Claim, b: &Claim) -> f32 {
    shared(a, b, true)
}

fn shared(a: &Claim, b: &Claim, same_article: bool) -> f32 {
    let mut sum = 0.0;
    let (mut i, mut j) = (0, 0);
    while i < a.terms.len() && j < b.terms.len() {
        match a.terms[i].stem.cmp(&b.terms[j].stem) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                let w = a.terms[i].weight.min(b.terms[j].weight);
                if !(same_article && w <= W_TITLE) {
                    sum += w;
                }
                i += 1;
                j += 1;
            }
        }
    }
    for d in [Dim::Plan, Dim::Region, Dim::Billing, Dim::Occasion] {
        if let (Some(x), Some(y)) = (a.scope.get(d), b.scope.get(d)) {
            if x.iter().any(|v| v != "*" && v != "paid" && y.contains(v)) {
                sum += 1.0;
            }
        }
    }
    sum
}

/// Whether a contrast word tells the two claims apart: both name members of one group
/// and share none of them.
pub fn contrasted(a: &Claim, b: &Claim) -> bool {
    let group = |s: &str| {
        s.split_once(':')
            .map(|(g, _)| g.to_string())
            .unwrap_or_default()
    };
    for ca in &a.contrast {
        let g = group(ca);
        let in_b: Vec<&String> = b.contrast.iter().filter(|c| group(c) == g).collect();
        if in_b.is_empty() {
            continue;
        }
        let in_a: Vec<&String> = a.contrast.iter().filter(|c| group(c) == g).collect();
        if !in_a.iter().any(|x| in_b.contains(x)) {
            return true;
        }
    }
    false
}

/// How many subject words both claims use strongly (weight ≥ 0.8 in each), counting a
/// plan, region, billing period or occasion both name explicitly as one.
pub fn strong_both(a: &Claim, b: &Claim, skip: &[String]) -> usize {
    let mut n = a
        .terms
        .iter()
        .filter(|t| t.weight >= 0.8 && !skip.contains(&t.stem) && b.weight(&t.stem) >= 0.8)
        .count();
    for d in [Dim::Plan, Dim::Region, Dim::Billing, Dim::Occasion] {
        if let (Some(x), Some(y)) = (a.scope.get(d), b.scope.get(d)) {
            if x.iter().any(|v| v != "*" && v != "paid" && y.contains(v)) {
                n += 1;
            }
        }
    }
    n
}

/// [`strong_both`] without the scope dimensions: words only.
pub fn strong_both_terms(a: &Claim, b: &Claim, skip: &[String]) -> usize {
    a.terms
        .iter()
        .filter(|t| t.weight >= 0.8 && !skip.contains(&t.stem) && b.weight(&t.stem) >= 0.8)
        .count()
}

fn explicit_scope(c: &Claim) -> bool {
    [Dim::Plan, Dim::Region, Dim::Billing]
        .iter()
        .any(|d| c.scope.get(*d).is_some())
}

/// Whether two claims state the same fact (their values may differ).
///
/// Beyond comparable values, compatible scopes and no contrast word, the evidence
/// needed depends on the kind of value:
/// - contact points: the same department;
/// - counts: the same counted noun, both statements limits (a plan's allowance, "up to",
///   a rate), and one more word (or the plan) in common;
/// - yes/no policies: both name their plan, region or billing period, and share the
///   subject strongly;
/// - durations, sizes, prices, percentages: two words used strongly by both (or one
///   and the plan), and enough shared weight overall;
/// - opening hours, timing, versions: one strong word in common.
pub fn same_subject(a: &Claim, b: &Claim, same_article: bool) -> bool {
    if !super::normalize::comparable(&a.value, &b.value)
        || !a.scope.compatible(&b.scope)
        || contrasted(a, b)
    {
        return false;
    }
    match (&a.value, &b.value) {
        (Value::Phone { .. }, Value::Phone { .. }) | (Value::Email(_), Value::Email(_)) => {
            matches!((&a.purpose, &b.purpose), (Some(x), Some(y)) if x == y)
        }
        (Value::Quantity(x), Value::Quantity(y))
            if matches!(
                (&x.class, &y.class),
                (QClass::Count { .. }, QClass::Count { .. })
            ) =>
        {
            let limit = |c: &Claim, q: &super::Quantity| {
                explicit_scope(c) || q.bound != super::Bound::Exact || q.per.is_some()
            };
            if !limit(a, x) || !limit(b, y) || a.mood != b.mood {
                return false;
            }
            // The counted noun is shared already; something else must be too.
            let nouns = |q: &super::Quantity| match &q.class {
                QClass::Count { noun, head } => {
                    let mut n = noun.clone();
                    n.push(head.clone());
                    n
                }
                _ => Vec::new(),
            };
            let mut skip = nouns(x);
            skip.extend(nouns(y));
            // A plan both name, or two more words both use strongly ("importer accepts").
            let scoped = strong_both(a, b, &skip) > strong_both_terms(a, b, &skip);
            let needed = if scoped { 1 } else { 2 };
            strong_both(a, b, &skip) >= needed
                && shared_weight_except(a, b, &skip, same_article) >= 1.0
        }
        (Value::Polarity { .. }, Value::Polarity { .. }) => {
            // The subjects must be mostly the same words ("CSV export" / "CSV export").
            fn subject(c: &Claim) -> Vec<&str> {
                c.terms
                    .iter()
                    .filter(|t| t.weight >= W_CLAUSE)
                    .map(|t| t.stem.as_str())
                    .collect()
            }
            let (sa, sb) = (subject(a), subject(b));
            let both = sa.iter().filter(|t| sb.contains(t)).count();
            let union = sa.len() + sb.len() - both;
            let alike = union > 0 && both * 2 >= union;
            explicit_scope(a)
                && explicit_scope(b)
                && a.mood == b.mood
                && alike
                && shared(a, b, same_article) >= threshold(&a.value)
        }
        _ => {
            if a.mood != b.mood {
                return false;
            }
            // Prices differ by plan: one that names no plan is not compared with one that
            // does. An amount or a rate that is neither a plan's nor attached to a noun
            // ("$15 chargeback fee", "the late fee is 2%") is arithmetic, not a fact.
            let money = |c: &Claim| matches!(&c.value, Value::Quantity(q) if matches!(q.class, QClass::Money(_)));
            let rate = |c: &Claim| matches!(&c.value, Value::Quantity(q) if matches!(q.class, QClass::Money(_) | QClass::Percent));
            let planned = |c: &Claim| c.scope.get(Dim::Plan).is_some();
            if money(a) && planned(a) != planned(b) {
                return false;
            }
            if rate(a) && !(planned(a) && planned(b)) && (a.head.is_empty() || b.head.is_empty()) {
                return false;
            }
            // When the grammar says what a value is attached to ("14-day grace period",
            // "50 GB of storage", "the late fee is 2%"), the other statement must be about
            // that too: share a word of its head, or at least mention one. (Opening hours
            // are told apart by their channel instead: "our support team is online 9–5 by
            // chat" and "chat is staffed 8–8" are one fact.)
            let specific = matches!(
                a.value,
                Value::Schedule { .. } | Value::Timing(_) | Value::Version { .. }
            );
            if !specific {
                if !a.head.is_empty()
                    && !b.head.is_empty()
                    && !a.head.iter().any(|h| b.head.contains(h))
                {
                    return false;
                }
                for (x, y) in [(a, b), (b, a)] {
                    let covered = x.head.iter().filter(|h| y.weight(h) >= W_TITLE).count();
                    if !x.head.is_empty() && covered * 2 < x.head.len() {
                        return false;
                    }
                }
                // Two values in one article share its vocabulary: ask for more.
                let heads_meet = !a.head.is_empty() && a.head.iter().any(|h| b.head.contains(h));
                if same_article && !heads_meet && strong_both(a, b, &[]) < 3 {
                    return false;
                }
            }
            let strong_needed = if specific && !matches!(a.value, Value::Version { .. }) {
                1
            } else {
                2
            };
            // A version's own thing ("iOS app") is shared by construction.
            let thing: Vec<String> = match &a.value {
                Value::Version { thing, .. } => thing.clone(),
                _ => Vec::new(),
            };
            strong_both(a, b, &thing) >= strong_needed
                && shared(a, b, same_article) >= threshold(&a.value).max(threshold(&b.value))
        }
    }
}

/// The largest weight one shared term (or explicitly named plan or region) has in both
/// claims, ignoring some terms.
pub fn strongest_shared(a: &Claim, b: &Claim, skip: &[String]) -> f32 {
    let mut best: f32 = 0.0;
    for t in &a.terms {
        if !skip.contains(&t.stem) {
            best = best.max(t.weight.min(b.weight(&t.stem)));
        }
    }
    for d in [Dim::Plan, Dim::Region, Dim::Billing, Dim::Occasion] {
        if let (Some(x), Some(y)) = (a.scope.get(d), b.scope.get(d)) {
            if x.iter().any(|v| v != "*" && v != "paid" && y.contains(v)) {
                best = best.max(1.0);
            }
        }
    }
    best
}

/// [`shared_weight`] without some terms.
pub fn shared_weight_except(a: &Claim, b: &Claim, skip: &[String], same_article: bool) -> f32 {
    let excluded: f32 = a
        .terms
        .iter()
        .filter(|t| skip.contains(&t.stem))
        .map(|t| t.weight.min(b.weight(&t.stem)))
        .filter(|w| !(same_article && *w <= W_TITLE))
        .sum();
    shared(a, b, same_article) - excluded
}

#[cfg(test)]
mod tests {
    use super::super::{Claim, Scope, Term};
    use super::*;
    use crate::diagnostic::Position;

    fn claim(terms: &[(&str, f32)], contrast: &[&str]) -> Claim {
        let mut t: Vec<Term> = terms
            .iter()
            .map(|(s, w)| Term {
                stem: s.to_string(),
                word: s.to_string(),
                weight: *w,
            })
            .collect();
        t.sort_by(|a, b| a.stem.cmp(&b.stem));
        Claim {
            value: super::super::normalize::duration((86400.0, 86400.0)),
            shown: "1 day".into(),
            terms: t,
            key: String::new(),
            scope: Scope::default(),
            purpose: None,
            contrast: contrast.iter().map(|s| s.to_string()).collect(),
            head: Vec::new(),
            mood: None,
            position: Position::FILE,
            sentence: 0,
            table: None,
        }
    }

    #[test]
    fn shared_terms_weigh() {
        let a = claim(&[("refund", 1.0), ("request", 1.0), ("charg", 1.0)], &[]);
        let b = claim(
            &[("refund", 1.0), ("request", 0.5), ("statement", 1.0)],
            &[],
        );
        assert!((shared_weight(&a, &b) - 1.5).abs() < 1e-6);
        let c = claim(&[("refund", 1.0), ("appear", 1.0)], &[]);
        assert!(
            !same_subject(&a, &c, false),
            "one shared word is not enough for durations"
        );
        assert!(
            !same_subject(&a, &b, false),
            "two words used strongly by both are needed"
        );
        let d = claim(
            &[("refund", 1.0), ("request", 1.0), ("statement", 1.0)],
            &[],
        );
        assert!(same_subject(&a, &d, false));
    }

    #[test]
    fn contrast_words_split_subjects() {
        let a = claim(&[("offlin", 1.0), ("mode", 1.0)], &["platform:ios"]);
        let b = claim(&[("offlin", 1.0), ("mode", 1.0)], &["platform:android"]);
        let c = claim(&[("offlin", 1.0), ("mode", 1.0)], &[]);
        assert!(contrasted(&a, &b));
        assert!(!contrasted(&a, &c));
    }
}
