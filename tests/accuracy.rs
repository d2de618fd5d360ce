//! Precision and recall per category on `fixtures/labeled-kb`, against its `labels` file.
//!
//! A diagnostic matches a label when category, path and line agree. Several findings of
//! one category on one line count once. Floors rise as rule families land.

use std::collections::{BTreeMap, BTreeSet};
use std::process::Command;

/// Minimum precision and recall per category.
const FLOORS: &[(&str, f64, f64)] = &[
    ("link", 0.95, 0.9),
    ("hygiene", 0.95, 0.9),
    ("promise", 0.9, 0.85),
    ("tone", 0.9, 0.85),
    ("stale", 0.95, 0.9),
    ("conflict", 0.9, 0.8),
];

type Key = (String, String, u32);

fn labels() -> BTreeSet<Key> {
    let text = std::fs::read_to_string("fixtures/labeled-kb/labels").expect("labels file");
    let mut out = BTreeSet::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        let (cat, loc) = line
            .split_once(char::is_whitespace)
            .unwrap_or_else(|| panic!("labels:{}: bad line", n + 1));
        let (path, l) = loc
            .trim()
            .rsplit_once(':')
            .unwrap_or_else(|| panic!("labels:{}: no line number", n + 1));
        let l: u32 = l
            .parse()
            .unwrap_or_else(|_| panic!("labels:{}: bad line number", n + 1));
        assert!(
            std::path::Path::new("fixtures/labeled-kb")
                .join(path)
                .exists(),
            "labels:{}: {path} does not exist",
            n + 1
        );
        assert!(
            out.insert((cat.to_string(), path.to_string(), l)),
            "labels:{}: duplicate label",
            n + 1
        );
    }
    out
}

fn findings() -> BTreeSet<Key> {
    let out = Command::new(env!("CARGO_BIN_EXE_kblint"))
        .args(["check", "--format", "json", "--today", "2026-11-24", "."])
        .current_dir("fixtures/labeled-kb")
        .output()
        .expect("run kblint");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json output");
    v["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| d["severity"] != "info")
        .map(|d| {
            (
                d["category"].as_str().unwrap().to_string(),
                d["path"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap() as u32,
            )
        })
        .collect()
}

#[test]
fn accuracy_per_category() {
    let labels = labels();
    let found = findings();
    let cats: BTreeSet<&str> = labels
        .iter()
        .chain(found.iter())
        .map(|k| k.0.as_str())
        .collect();
    let mut report = String::from("\ncategory   labels  found  tp   precision  recall\n");
    let mut failures = Vec::new();
    let mut stats = BTreeMap::new();
    for cat in cats {
        let l: BTreeSet<_> = labels.iter().filter(|k| k.0 == cat).collect();
        let f: BTreeSet<_> = found.iter().filter(|k| k.0 == cat).collect();
        let tp = l.intersection(&f).count();
        let precision = if f.is_empty() {
            1.0
        } else {
            tp as f64 / f.len() as f64
        };
        let recall = if l.is_empty() {
            1.0
        } else {
            tp as f64 / l.len() as f64
        };
        report.push_str(&format!(
            "{cat:<10} {:>6} {:>6} {tp:>4}   {precision:>9.3}  {recall:>6.3}\n",
            l.len(),
            f.len()
        ));
        for fp in f.difference(&l) {
            report.push_str(&format!("  false positive: {} {}:{}\n", fp.0, fp.1, fp.2));
        }
        for miss in l.difference(&f) {
            report.push_str(&format!(
                "  missed:         {} {}:{}\n",
                miss.0, miss.1, miss.2
            ));
        }
        stats.insert(cat.to_string(), (precision, recall));
    }
    println!("{report}");
    for (cat, p_floor, r_floor) in FLOORS {
        let (p, r) = stats.get(*cat).copied().unwrap_or((1.0, 0.0));
        if p < *p_floor || r < *r_floor {
            failures.push(format!(
                "{cat}: precision {p:.3} (floor {p_floor}), recall {r:.3} (floor {r_floor})"
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{report}\nbelow floor:\n{}",
        failures.join("\n")
    );
}
