//! Benchmark of the conflict family's claim pipeline (not a timed test): generates
//! synthetic KBs of 10k and 100k articles in memory and prints, per article, the time
//! to extract claims (parallel phase) and to index and compare them (corpus phase).
//!
//! ```sh
//! cargo run --release --example claims_bench            # 10k and 100k
//! cargo run --release --example claims_bench -- 20000   # other sizes
//! ```
//!
//! The synthetic KB models a support KB that grows by covering more topics: each fact
//! (a subject of two topic words) is stated in a handful of articles, mostly agreeing,
//! sometimes not, among prose with shared product vocabulary. The comparison indexes
//! claims by key and compares within buckets, so its cost per article should stay flat
//! as the KB grows.

use kblint::article::{Article, Limits};
use kblint::claims::{self, Model};
use kblint::config::Settings;
use kblint::corpus::{Corpus, Doc};
use kblint::lexicon::Lexicons;
use kblint::suppress::Suppressions;
use rayon::prelude::*;
use std::time::Instant;

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

const SYLLABLES: [&str; 16] = [
    "zor", "bik", "lum", "tav", "ner", "qui", "sol", "dax", "mur", "pel", "gri", "fon", "hax",
    "vel", "kut", "ran",
];
const COMMON: [&str; 8] = [
    "invoice",
    "payment",
    "customer",
    "workspace",
    "report",
    "export",
    "account",
    "ledger",
];
const PLANS: [&str; 4] = ["Free", "Starter", "Pro", "Business"];

fn word(i: u64) -> String {
    let mut s = String::new();
    let mut x = i;
    for _ in 0..3 {
        s.push_str(SYLLABLES[(x % 16) as usize]);
        x /= 16;
    }
    s.push_str(
        &(i / 4096)
            .to_string()
            .chars()
            .map(|c| SYLLABLES[c.to_digit(10).unwrap_or(0) as usize])
            .collect::<String>(),
    );
    s
}

/// One article: facts about a few topics, each fact drawn from a pool that grows with
/// the KB (so each is stated by a handful of articles).
fn article(i: u64, facts: u64, rng: &mut Rng) -> String {
    let mut t = format!("---\ntitle: Guide {i}\nowner: docs-team\nlast_reviewed: 2026-10-01\n");
    if rng.below(4) == 0 {
        t.push_str(&format!(
            "plan: {}\n",
            PLANS[rng.below(4) as usize].to_lowercase()
        ));
    }
    t.push_str("---\n\n");
    t.push_str(&format!(
        "# Guide {i}\n\nThis article explains the {} settings for your {}.\n\n",
        COMMON[rng.below(8) as usize],
        COMMON[rng.below(8) as usize]
    ));
    for section in 0..3 {
        let f = rng.below(facts);
        let (a, b) = (word(2 * f), word(2 * f + 1));
        // Most articles agree on a fact's value; some disagree.
        let v = 10 + (f % 50) + if rng.below(10) == 0 { 5 } else { 0 };
        t.push_str(&format!("## Section {section}\n\n"));
        match f % 5 {
            0 => t.push_str(&format!(
                "The {a} {b} window is {v} days from the {} date.\n",
                COMMON[rng.below(8) as usize]
            )),
            1 => t.push_str(&format!("Each {a} can hold up to {v} GB of {b} storage.\n")),
            2 => t.push_str(&format!(
                "{} includes {v} {a} {b} seats.\n",
                PLANS[(f % 4) as usize]
            )),
            3 => t.push_str(&format!(
                "The {a} {b} fee is {}% per month on the unpaid balance.\n",
                v % 9 + 1
            )),
            _ => t.push_str(&format!(
                "The {a} {b} desk is staffed Monday to Friday, {}am–5pm ET.\n",
                8 + v % 2
            )),
        }
        t.push_str(&format!(
            "Open **Settings → {}** to review the {} list, then click **Save**. Changes apply to every {} in the workspace.\n\n",
            word(rng.below(facts * 2)),
            COMMON[rng.below(8) as usize],
            COMMON[rng.below(8) as usize]
        ));
    }
    t
}

fn run(n: u64, model: &Model, lexicons: &Lexicons) {
    let facts = (n / 2).max(10);
    let settings = Settings::defaults();
    let start = Instant::now();
    let docs: Vec<Doc> = (0..n)
        .into_par_iter()
        .map(|i| {
            let mut rng = Rng(i.wrapping_mul(2654435761) ^ 0x9e3779b97f4a7c15);
            let text = article(i, facts, &mut rng);
            let path = format!("/kb/guides/g{i:07}.md");
            let a = Article::from_text(
                path.clone().into(),
                path[1..].to_string(),
                text,
                &Limits::default(),
            );
            let claims = claims::extract(&a, &settings, model);
            let mut doc =
                Doc::from_article(&a, path.into(), settings.clone(), Suppressions::default());
            doc.claims = claims;
            doc
        })
        .collect();
    let extract = start.elapsed();
    let n_claims: usize = docs.iter().map(|d| d.claims.len()).sum();
    let start = Instant::now();
    let corpus = Corpus::new(
        docs,
        kblint::dates::parse_today("2026-11-24").unwrap_or_else(kblint::dates::local_today),
        lexicons.clone(),
    );
    let analysis = corpus.conflicts();
    let compare = start.elapsed();
    let conflicting = analysis
        .matches
        .values()
        .filter(|m| !m.disagree.is_empty())
        .count();
    let per = |d: std::time::Duration| d.as_secs_f64() * 1e6 / n as f64;
    println!(
        "{n:>7} articles  {n_claims:>8} claims  extract {:>7.1} µs/article  index+compare {:>7.1} µs/article  ({} claims in conflict)",
        per(extract),
        per(compare),
        conflicting
    );
}

fn main() {
    let sizes: Vec<u64> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let sizes = if sizes.is_empty() {
        vec![10_000, 100_000]
    } else {
        sizes
    };
    let lexicons = Lexicons::embedded();
    let model = Model::new(&lexicons);
    println!("threads: {}", rayon::current_num_threads());
    for n in sizes {
        run(n, &model, &lexicons);
    }
}
