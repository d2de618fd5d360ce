//! Stale rules end to end: archived link targets and how their replacement is named.

mod common;
use common::*;

use common::{json, run_in};

const FRESH: &str = "owner: a\nlast_reviewed: 2026-11-01\n";

#[test]
fn archived_targets_name_their_replacement() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, ".kblint.yml", "root: true\n");
    // Relative to the target's own folder first …
    write(
        d,
        "old/a.md",
        format!("---\n{FRESH}status: deprecated\nsuperseded_by: a-v2.md\n---\n# A\n"),
    );
    write(d, "old/a-v2.md", format!("---\n{FRESH}---\n# A v2\n"));
    // … then relative to the KB root (the folder of the root configuration).
    write(
        d,
        "old/b.md",
        format!("---\n{FRESH}archived: true\nreplaced_by: guides/b.md\n---\n# B\n"),
    );
    write(d, "guides/b.md", format!("---\n{FRESH}---\n# B\n"));
    // A live article that is superseded is an archived target too (and KB107 itself).
    write(
        d,
        "guides/c.md",
        format!("---\n{FRESH}superseded_by: KB-1234\n---\n# C\n"),
    );
    write(
        d,
        "guides/index.md",
        format!("---\n{FRESH}---\n# Index\n\nSee [a](../old/a.md), [b](../old/b.md#top) and [c](c.md).\n\n![diagram](../old/a.md)\n"),
    );
    let out = run_in(
        d,
        &[
            "check",
            "--no-git",
            "--format",
            "json",
            "--today",
            "2026-11-24",
            "--select",
            "stale",
            ".",
        ],
    );
    let v = json(&out);
    let diags: Vec<(String, String, u64, String)> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| {
            (
                x["code"].as_str().unwrap().into(),
                x["path"].as_str().unwrap().into(),
                x["line"].as_u64().unwrap(),
                x["message"].as_str().unwrap().into(),
            )
        })
        .collect();
    let kb106: Vec<_> = diags.iter().filter(|d| d.0 == "KB106").collect();
    assert_eq!(kb106.len(), 3, "{diags:?}");
    assert!(kb106.iter().all(|d| d.1 == "guides/index.md" && d.2 == 7));
    assert!(
        kb106[0].3.contains("deprecated") && kb106[0].3.contains("`old/a-v2.md`"),
        "{}",
        kb106[0].3
    );
    assert!(kb106[1].3.contains("`guides/b.md`"), "{}", kb106[1].3);
    assert!(
        kb106[2].3.contains("`KB-1234` (not found in the KB)"),
        "{}",
        kb106[2].3
    );
    let kb107: Vec<_> = diags.iter().filter(|d| d.0 == "KB107").collect();
    assert_eq!(kb107.len(), 1);
    assert_eq!((kb107[0].1.as_str(), kb107[0].2), ("guides/c.md", 4));
}

#[test]
fn archive_folders_are_history_unless_configured_otherwise() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(
        d,
        "archive/old.md",
        "---\nowner: a\nlast_reviewed: 2020-01-01\n---\nComing soon: everything.\n",
    );
    let args = [
        "check",
        "--no-git",
        "--format",
        "json",
        "--today",
        "2026-11-24",
        "--select",
        "stale",
        ".",
    ];
    assert_eq!(
        json(&run_in(d, &args))["diagnostics"]
            .as_array()
            .unwrap()
            .len(),
        0
    );
    write(d, ".kblint.yml", "archive: []\n");
    assert_eq!(
        json(&run_in(d, &args))["diagnostics"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
}
