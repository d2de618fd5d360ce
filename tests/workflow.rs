//! Where authors work: baselines, changed-files mode, and the real pre-commit.

mod common;
use common::*;
use std::fs;
use std::path::Path;
use std::process::Command;

fn git(dir: &Path, args: &[&str]) -> std::process::Output {
    let out = Command::new("git")
        .current_dir(dir)
        .args(args)
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.com")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.com")
        .output()
        .unwrap();
    out
}

const FRESH: &str = "---\nowner: team\nlast_reviewed: 2026-10-01\n---\n";

#[test]
fn baseline_survives_line_shifts_and_reports_only_new_findings() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(
        d,
        "a.md",
        format!("{FRESH}# A\n\nPrice: TBD\n\nSee [gone](gone.md).\n"),
    );
    write(d, "b.md", format!("{FRESH}# B\n\nTODO write\n"));
    let out = run_in(
        d,
        &[
            "check",
            "--today",
            "2026-11-24",
            "--write-baseline",
            "kblint-baseline.json",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("wrote 3 findings to baseline kblint-baseline.json"),
        "{}",
        stderr(&out)
    );
    let recorded = fs::read_to_string(d.join("kblint-baseline.json")).unwrap();
    assert!(recorded.contains("\"version\": 1") && recorded.contains("KB401"));

    // Lines move, one finding is fixed, one is new.
    write(d, "a.md", format!("{FRESH}# A\n\nA new intro paragraph.\n\nAnd another.\n\nPrice: TBD\n\nSee [gone](gone.md).\n"));
    write(
        d,
        "b.md",
        format!("{FRESH}# B\n\nWritten now. FIXME one thing.\n"),
    );
    let out = run_in(
        d,
        &[
            "check",
            "--today",
            "2026-11-24",
            "--format",
            "concise",
            "--baseline",
            "kblint-baseline.json",
        ],
    );
    assert_eq!(
        stdout(&out),
        "b.md:7:14: warning[KB501] Placeholder left in the article: `FIXME` (TODO marker)\n"
    );
    assert_eq!(out.status.code(), Some(0), "only a warning is new");
    assert!(
        stderr(&out).contains("1 baseline findings no longer occur"),
        "{}",
        stderr(&out)
    );

    // A corrupt baseline is an error, not silently ignored.
    write(d, "bad.json", "{not json");
    assert_eq!(
        run_in(d, &["check", "--baseline", "bad.json"])
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn changed_since_reports_only_changed_files_but_sees_the_whole_kb() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    git(d, &["init", "-q", "-b", "main"]);
    write(
        d,
        "old.md",
        format!("{FRESH}# Old\n\nTODO old debt\n\n## Target\n"),
    );
    write(d, "new.md", format!("{FRESH}# New\n\nok\n"));
    git(d, &["add", "."]);
    git(d, &["commit", "-qm", "base"]);
    write(
        d,
        "new.md",
        format!("{FRESH}# New\n\nSee [old](old.md#target) and [gone](old.md#nope).\n"),
    );
    write(d, "untracked.md", format!("{FRESH}TBD\n"));
    let out = run_in(
        d,
        &[
            "check",
            "--today",
            "2026-11-24",
            "--format",
            "concise",
            "--changed-since",
            "HEAD",
        ],
    );
    assert_eq!(
        stdout(&out),
        "new.md:7:30: warning[KB402] No heading with anchor `#nope` in `old.md`\nuntracked.md:5:1: warning[KB501] Placeholder left in the article: `TBD` (TODO marker)\n"
    );
    assert_eq!(
        run_in(d, &["check", "--changed-since", "no-such-ref"])
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn kb_flag_loads_everything_and_reports_on_the_given_files() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "a.md", format!("{FRESH}# A\n\n## Section\n\nTODO a\n"));
    write(
        d,
        "b.md",
        format!("{FRESH}# B\n\nSee [a](a.md#section) and [x](a.md#missing).\n"),
    );
    let out = run_in(
        d,
        &[
            "check",
            "--kb",
            ".",
            "--format",
            "concise",
            "--today",
            "2026-11-24",
            "b.md",
        ],
    );
    assert_eq!(
        stdout(&out),
        "b.md:7:27: warning[KB402] No heading with anchor `#missing` in `a.md`\n"
    );
}

/// The README's `.pre-commit-config.yaml`, word for word but for `repo` and `rev`, which
/// point at this checkout.
fn readme_pre_commit_config(repo: &str, rev: &str) -> String {
    let readme = fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let at = readme
        .find("<!-- ci:pre-commit -->")
        .expect("README has the pre-commit block");
    let start = at + readme[at..].find("```yaml\n").unwrap() + 8;
    let end = start + readme[start..].find("```").unwrap();
    let mut out = String::new();
    for line in readme[start..end].lines() {
        let indent = &line[..line.len() - line.trim_start().len()];
        if line.trim_start().starts_with("- repo:") {
            out.push_str(&format!("{indent}- repo: {repo}\n"));
        } else if line.trim_start().starts_with("rev:") {
            out.push_str(&format!("{indent}rev: {rev}\n"));
        } else {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

fn pre_commit_available() -> bool {
    let ok = Command::new("pre-commit")
        .arg("--version")
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    if !ok {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must install pre-commit (pip install pre-commit)"
        );
        eprintln!("skipped: pre-commit is not installed");
    }
    ok
}

#[test]
fn the_real_pre_commit_blocks_a_bad_commit_and_passes_a_clean_one() {
    if !pre_commit_available() {
        return;
    }
    let repo = env!("CARGO_MANIFEST_DIR");
    let head = String::from_utf8(git(Path::new(repo), &["rev-parse", "HEAD"]).stdout).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let bin_dir = Path::new(env!("CARGO_BIN_EXE_kblint"))
        .parent()
        .unwrap()
        .to_path_buf();
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let home = d.join(".pre-commit-home");
    git(d, &["init", "-q", "-b", "main"]);
    write(
        d,
        ".pre-commit-config.yaml",
        readme_pre_commit_config(repo, head.trim()),
    );
    write(
        d,
        "kb/refunds.md",
        "---\nowner: billing\nverified_by: ana\nlast_verified: 2026-10-01\n---\n# Refunds\n\n## Window\n\nRefunds are issued within 5 business days.\n",
    );
    let run = |args: &[&str]| {
        Command::new(args[0])
            .args(&args[1..])
            .current_dir(d)
            .env("PATH", &path)
            .env("PRE_COMMIT_HOME", &home)
            .env("GIT_AUTHOR_NAME", "t")
            .env("GIT_AUTHOR_EMAIL", "t@example.com")
            .env("GIT_COMMITTER_NAME", "t")
            .env("GIT_COMMITTER_EMAIL", "t@example.com")
            .env("KBLINT_TODAY", "2026-11-24")
            .output()
            .unwrap()
    };
    let out = run(&["pre-commit", "install"]);
    assert!(out.status.success(), "{}", stderr(&out));
    run(&["git", "add", "."]);
    let out = run(&["git", "commit", "-qm", "clean"]);
    assert!(
        out.status.success(),
        "a clean commit passes: {}{}",
        stdout(&out),
        stderr(&out)
    );

    // A commit that adds a broken anchor into another article is blocked, readably.
    write(
        d,
        "kb/faq.md",
        format!("{FRESH}# FAQ\n\nWe guarantee a full refund within 30 days.\nSee [the refund window](refunds.md#refund-window).\n"),
    );
    run(&["git", "add", "."]);
    let out = run(&["git", "commit", "-qm", "bad"]);
    let text = format!("{}{}", stdout(&out), stderr(&out));
    assert!(!out.status.success(), "the bad commit is blocked: {text}");
    assert!(
        text.contains("kb/faq.md") && text.contains("#refund-window"),
        "{text}"
    );
    assert!(
        text.contains("unverified-promise") && text.contains("We guarantee a full refund"),
        "{text}"
    );
}
