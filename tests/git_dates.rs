//! The Git fallback for review dates: a temporary repository with commit dates set
//! through GIT_COMMITTER_DATE / GIT_AUTHOR_DATE, and a `git` wrapper first on PATH that
//! logs every call, to show that a whole run starts exactly one `git` process.

mod common;

use common::{kblint, stderr};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn real_git() -> Option<PathBuf> {
    let out = Command::new("sh")
        .args(["-c", "command -v git"])
        .output()
        .ok()?;
    let p = String::from_utf8_lossy(&out.stdout).trim().to_string();
    (!p.is_empty()).then(|| PathBuf::from(p))
}

fn git(dir: &Path, args: &[&str], date: &str) {
    let out = Command::new("git")
        .current_dir(dir)
        .args(args)
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.com")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.com")
        .env("GIT_AUTHOR_DATE", date)
        .env("GIT_COMMITTER_DATE", date)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn write(dir: &Path, name: &str, text: &str) {
    let p = dir.join(name);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

struct Setup {
    _tmp: tempfile::TempDir,
    repo: PathBuf,
    bin: PathBuf,
    log: PathBuf,
}

/// A repository where `kb/old.md` was last committed on 2024-01-05 and `kb/new.md` on
/// 2026-11-01 (neither has a review date), and `kb/dated.md` has its own date.
fn setup() -> Option<Setup> {
    let real = real_git()?;
    let tmp = tempfile::tempdir().unwrap();
    let repo = tmp.path().join("repo");
    std::fs::create_dir_all(&repo).unwrap();
    git(&repo, &["init", "-q"], "2024-01-01T10:00:00Z");
    write(
        &repo,
        "kb/old.md",
        "---\nowner: billing-team\n---\n# Old\n\nText.\n",
    );
    write(
        &repo,
        "kb/dated.md",
        "---\nowner: a\nlast_reviewed: 2026-10-01\n---\n# Dated\n",
    );
    git(&repo, &["add", "."], "2024-01-05T10:00:00Z");
    git(&repo, &["commit", "-qm", "old"], "2024-01-05T10:00:00Z");
    write(&repo, "kb/new.md", "---\nowner: a\n---\n# New\n\nText.\n");
    git(&repo, &["add", "."], "2026-11-01T10:00:00Z");
    git(&repo, &["commit", "-qm", "new"], "2026-11-01T10:00:00Z");
    let bin = tmp.path().join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    let log = tmp.path().join("git-calls.log");
    let wrapper = bin.join("git");
    std::fs::write(
        &wrapper,
        format!(
            "#!/bin/sh\necho \"git $*\" >> '{}'\nexec '{}' \"$@\"\n",
            log.display(),
            real.display()
        ),
    )
    .unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&wrapper, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    Some(Setup {
        _tmp: tmp,
        repo,
        bin,
        log,
    })
}

fn check(path_env: &str, dir: &Path, extra: &[&str]) -> Output {
    let mut args = vec![
        "check",
        "--select",
        "stale",
        "--format",
        "json",
        "--today",
        "2026-11-24",
    ];
    args.extend_from_slice(extra);
    args.push("kb");
    kblint()
        .current_dir(dir)
        .env("PATH", path_env)
        .args(&args)
        .output()
        .unwrap()
}

fn findings(out: &Output) -> Vec<(String, String, u64, String)> {
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["path"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
                d["message"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn calls(log: &Path) -> Vec<String> {
    std::fs::read_to_string(log)
        .unwrap_or_default()
        .lines()
        .map(str::to_string)
        .collect()
}

#[cfg(unix)]
#[test]
fn last_commit_date_with_one_git_process_for_the_run() {
    let Some(s) = setup() else {
        eprintln!("skipped: git is not installed");
        return;
    };
    let path = format!(
        "{}:{}",
        s.bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let out = check(&path, &s.repo, &[]);
    let f = findings(&out);
    // old.md: no review date, last commit 2024-01-05: overdue, dated from Git, line 1.
    let old: Vec<_> = f.iter().filter(|d| d.1 == "kb/old.md").collect();
    assert_eq!(old.len(), 1, "{f:?}");
    assert_eq!((old[0].0.as_str(), old[0].2), ("KB101", 1));
    assert!(
        old[0].3.contains("2024-01-05") && old[0].3.contains("from Git"),
        "{}",
        old[0].3
    );
    assert!(old[0].3.contains("owner: billing-team"), "{}", old[0].3);
    // new.md: committed 2026-11-01, fresh. dated.md: its own fresh date.
    assert!(
        !f.iter().any(|d| d.1 != "kb/old.md"),
        "only old.md is stale: {f:?}"
    );
    let c = calls(&s.log);
    assert_eq!(c.len(), 1, "exactly one git process: {c:?}");
    assert!(c[0].contains(" log "), "{c:?}");
    assert_eq!(
        stderr(&out).trim(),
        "",
        "no notice when Git works: {}",
        stderr(&out)
    );

    // --no-git: no process, no Git dates.
    let out = check(&path, &s.repo, &["--no-git"]);
    assert!(findings(&out).is_empty(), "{:?}", findings(&out));
    assert_eq!(calls(&s.log).len(), 1, "--no-git starts no git process");
}

#[cfg(unix)]
#[test]
fn missing_git_binary_degrades_with_one_notice() {
    let Some(s) = setup() else {
        eprintln!("skipped: git is not installed");
        return;
    };
    let empty = s.repo.parent().unwrap().join("empty-bin");
    std::fs::create_dir_all(&empty).unwrap();
    let out = check(&empty.display().to_string(), &s.repo, &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(findings(&out).is_empty());
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "one notice: {err}");
    assert!(err.contains("`git` was not found"), "{err}");
}

#[cfg(unix)]
#[test]
fn shallow_clone_degrades_with_one_notice_and_no_process() {
    let Some(s) = setup() else {
        eprintln!("skipped: git is not installed");
        return;
    };
    let shallow = s.repo.parent().unwrap().join("shallow");
    let url = format!("file://{}", s.repo.display());
    git(
        s.repo.parent().unwrap(),
        &["clone", "-q", "--depth", "1", &url, "shallow"],
        "2026-11-20T10:00:00Z",
    );
    let path = format!(
        "{}:{}",
        s.bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let out = check(&path, &shallow, &[]);
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "one notice: {err}");
    assert!(err.contains("shallow clone"), "{err}");
    assert!(findings(&out).is_empty(), "{:?}", findings(&out));
    assert!(
        calls(&s.log).is_empty(),
        "a shallow clone is recognised without running git"
    );
}

#[cfg(unix)]
#[test]
fn a_kb_outside_git_runs_no_git() {
    let Some(s) = setup() else {
        eprintln!("skipped: git is not installed");
        return;
    };
    let plain = s.repo.parent().unwrap().join("plain");
    write(&plain, "kb/a.md", "---\nowner: a\n---\n# A\n");
    let path = format!(
        "{}:{}",
        s.bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let out = check(&path, &plain, &[]);
    assert!(findings(&out).is_empty());
    assert_eq!(stderr(&out).trim(), "");
    assert!(calls(&s.log).is_empty());
}
