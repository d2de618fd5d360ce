//! The incremental cache: reused when nothing changed, never trusted when it should not be.

mod common;
use common::*;
use std::fs;

fn reused(out: &std::process::Output) -> String {
    stderr(out)
        .lines()
        .find(|l| l.contains("cache:"))
        .unwrap_or("")
        .to_string()
}

const FRESH: &str = "---\nowner: t\nlast_reviewed: 2026-10-01\n---\n";
/// A check that reports JSON and what the cache reused.
const JSON_STATS: [&str; 6] = [
    "check",
    "--today",
    "2026-11-24",
    "--format",
    "json",
    "--statistics",
];

#[test]
fn unchanged_files_are_reused_and_changed_ones_rechecked() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "a.md", format!("{FRESH}# A\n\nTODO a\n\n## Part\n"));
    write(d, "b.md", format!("{FRESH}# B\n\nSee [a](a.md#part).\n"));
    let args = JSON_STATS;
    let first = run_in(d, &args);
    assert!(
        reused(&first).contains("0 of 2 files reused"),
        "{}",
        stderr(&first)
    );
    assert!(d.join(".kblint_cache/kblint-cache.bin").exists());
    assert_eq!(
        fs::read_to_string(d.join(".kblint_cache/.gitignore"))
            .unwrap()
            .lines()
            .last(),
        Some("*")
    );
    let second = run_in(d, &args);
    assert!(
        reused(&second).contains("2 of 2 files reused"),
        "{}",
        stderr(&second)
    );
    assert_eq!(first.stdout, second.stdout, "same findings from the cache");

    // Renaming the heading in a.md breaks b.md's anchor: a.md is re-checked, b.md is
    // reused, and the corpus-wide rule still sees the change.
    write(d, "a.md", format!("{FRESH}# A\n\nTODO a\n\n## Renamed\n"));
    let third = run_in(d, &args);
    assert!(
        reused(&third).contains("1 of 2 files reused"),
        "{}",
        stderr(&third)
    );
    let v = json(&third);
    assert!(
        v["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .any(|x| x["path"] == "b.md" && x["code"] == "KB402"),
        "{v}"
    );

    // A different "today" is a different cache: nothing reused, dates judged afresh.
    let other_day = run_in(
        d,
        &[
            "check",
            "--today",
            "2027-11-24",
            "--format",
            "json",
            "--statistics",
        ],
    );
    assert!(
        reused(&other_day).contains("0 of 2 files reused"),
        "{}",
        stderr(&other_day)
    );
    assert!(json(&other_day)["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .any(|x| x["code"] == "KB101"));
}

#[test]
fn corrupt_or_foreign_caches_are_ignored_and_rebuilt() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "a.md", format!("{FRESH}TODO\n"));
    let args = [
        "check",
        "--today",
        "2026-11-24",
        "--format",
        "concise",
        "--statistics",
    ];
    let clean = run_in(d, &args);
    for garbage in [
        &b""[..],
        b"KBLCACHE\x01\x00\x00\x00garbage",
        b"\xff\xfe not a cache at all",
        &[0u8; 4096],
    ] {
        fs::write(d.join(".kblint_cache/kblint-cache.bin"), garbage).unwrap();
        let out = run_in(d, &args);
        assert_eq!(out.stdout, clean.stdout, "a corrupt cache changes nothing");
        assert!(
            reused(&out).contains("0 of 1 files reused"),
            "{}",
            stderr(&out)
        );
        let again = run_in(d, &args);
        assert!(
            reused(&again).contains("1 of 1 files reused"),
            "rebuilt: {}",
            stderr(&again)
        );
    }
}

#[test]
fn no_cache_reads_and_writes_nothing_and_cache_dir_moves_it() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "a.md", format!("{FRESH}ok\n"));
    run_in(d, &["check", "--no-cache"]);
    assert!(!d.join(".kblint_cache").exists());
    let elsewhere = tempfile::tempdir().unwrap();
    let out = run_in(
        d,
        &["check", "--cache-dir", elsewhere.path().to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(0));
    assert!(elsewhere.path().join("kblint-cache.bin").exists());
    assert!(!d.join(".kblint_cache").exists());
}

#[test]
fn an_unwritable_cache_is_a_notice_not_a_failure() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "a.md", format!("{FRESH}ok\n"));
    write(d, "blocker", "a file where the cache folder would go");
    let out = run_in(d, &["check", "--cache-dir", "blocker/cache"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("could not write the cache"),
        "{}",
        stderr(&out)
    );
}

/// Files that stopped changing before the run that cached them are not even read on the
/// next run; an edit (any write moves the change time) is seen at once.
#[test]
fn settled_files_are_reused_without_reading_and_edits_are_still_seen() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "a.md", format!("{FRESH}# A\n\nTODO a\n"));
    write(d, "b.md", format!("{FRESH}# B\n\nFine.\n"));
    // Past the racy window (2 s) before the first run records the stamps.
    std::thread::sleep(std::time::Duration::from_millis(2300));
    let args = JSON_STATS;
    let first = run_in(d, &args);
    let second = run_in(d, &args);
    assert!(
        reused(&second).contains("2 of 2 files reused (2 without reading them)"),
        "{}",
        stderr(&second)
    );
    assert_eq!(first.stdout, second.stdout);

    // Same size, same text length, edited right away: the stamp differs, the bytes are
    // read and the new placeholder is found.
    write(d, "b.md", format!("{FRESH}# B\n\nTBD. \n"));
    let third = run_in(d, &args);
    assert!(
        reused(&third).contains("1 of 2 files reused (1 without reading them)"),
        "{}",
        stderr(&third)
    );
    assert!(json(&third)["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .any(|x| x["path"] == "b.md" && x["code"] == "KB501"));
}

fn codes_at(out: &std::process::Output) -> Vec<(String, String)> {
    json(out)["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| {
            (
                x["path"].as_str().unwrap().to_string(),
                x["code"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// With no article changed, the corpus-wide findings come from the cache too, but only
/// while the disk answers every question the link rules asked it the same way, and the
/// facts registry is unchanged. Each change below touches no article.
#[test]
fn corpus_wide_findings_follow_changes_outside_the_articles() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, ".kblint.yml", "root: true\nfacts: facts.yml\n");
    write(
        d,
        "facts.yml",
        "facts:\n  - id: refund-window\n    subject: [refund, request]\n    value: 30 days\n    owner: billing\n",
    );
    write(
        d,
        "a.md",
        format!("{FRESH}# A\n\n![Screen](img/screen.png) and [the form](Forms/Claim.pdf).\n\nYou can request a refund within 30 days of the charge.\n"),
    );
    write(d, "forms/claim.pdf", "%PDF");
    let args = JSON_STATS;
    let first = codes_at(&run_in(d, &args));
    let corpus_reused =
        |out: &std::process::Output| reused(out).contains("corpus-wide findings reused");
    assert!(
        first.contains(&("a.md".into(), "KB403".into())),
        "{first:?}"
    );
    assert!(
        first.contains(&("a.md".into(), "KB404".into())),
        "{first:?}"
    );
    assert!(!first.iter().any(|(_, c)| c == "KB202"), "{first:?}");
    let second = run_in(d, &args);
    assert!(corpus_reused(&second), "{}", stderr(&second));
    assert_eq!(codes_at(&second), first, "reused as they were");

    // The image appears: the missing-asset finding goes.
    write(d, "img/screen.png", "png");
    let out = run_in(d, &args);
    assert!(!corpus_reused(&out), "{}", stderr(&out));
    let now = codes_at(&out);
    assert!(!now.contains(&("a.md".into(), "KB403".into())), "{now:?}");
    assert!(now.contains(&("a.md".into(), "KB404".into())), "{now:?}");

    // The folder is renamed to the case the link uses: the case mismatch goes.
    fs::rename(d.join("forms"), d.join("Forms")).unwrap();
    fs::rename(d.join("Forms/claim.pdf"), d.join("Forms/Claim.pdf")).unwrap();
    let now = codes_at(&run_in(d, &args));
    assert!(
        !now.iter().any(|(_, c)| c == "KB403" || c == "KB404"),
        "{now:?}"
    );

    // The registry changes its value: the article now contradicts it.
    write(
        d,
        "facts.yml",
        "facts:\n  - id: refund-window\n    subject: [refund, request]\n    value: 14 days\n    owner: billing\n",
    );
    let now = run_in(d, &args);
    assert!(
        reused(&now).contains("1 of 1 files reused") && !corpus_reused(&now),
        "no article changed, the registry did: {}",
        stderr(&now)
    );
    assert!(
        codes_at(&now).contains(&("a.md".into(), "KB202".into())),
        "{:?}",
        codes_at(&now)
    );
}
