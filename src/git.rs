//! The Git fallback for review dates: the day of the last commit that touched each
//! article, read with ONE `git log` pass per repository (never one process per file).
//!
//! The work tree and a shallow clone are recognised from the filesystem (`.git`, its
//! `shallow` file), so a run starts exactly one `git` process. A missing `git` binary,
//! a shallow clone or a failing `git log` yields no dates and one notice for stderr.

use crate::dates::{parse_date, Date};
use std::collections::{HashMap, HashSet};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// Last-commit dates by absolute article path, and any notice for the user.
#[derive(Debug, Default)]
pub struct GitDates {
    /// Day of the last commit touching each file (committer date).
    pub dates: HashMap<PathBuf, Date>,
    /// Why dates are missing, when they are (printed once on stderr).
    pub notices: Vec<String>,
}

/// A Git work tree found on disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkTree {
    /// The folder holding `.git`.
    pub root: PathBuf,
    /// Whether the repository is a shallow clone.
    pub shallow: bool,
}

/// Finds the work tree containing `path` (absolute), without running Git.
pub fn work_tree(path: &Path) -> Option<WorkTree> {
    let mut dir = if path.is_dir() {
        Some(path)
    } else {
        path.parent()
    };
    while let Some(d) = dir {
        let dot = d.join(".git");
        if dot.is_dir() {
            return Some(WorkTree {
                root: d.to_path_buf(),
                shallow: is_shallow(&dot),
            });
        }
        if dot.is_file() {
            // A linked worktree or submodule: `gitdir: <path>`.
            let gitdir = std::fs::read_to_string(&dot).ok().and_then(|s| {
                s.lines()
                    .next()
                    .and_then(|l| l.strip_prefix("gitdir:"))
                    .map(|p| d.join(p.trim()))
            });
            let shallow = gitdir.as_deref().is_some_and(is_shallow);
            return Some(WorkTree {
                root: d.to_path_buf(),
                shallow,
            });
        }
        dir = d.parent();
    }
    None
}

fn is_shallow(gitdir: &Path) -> bool {
    let has = |d: &Path| std::fs::metadata(d.join("shallow")).is_ok_and(|m| m.len() > 0);
    if has(gitdir) {
        return true;
    }
    // Linked worktrees keep the shared files (`shallow` among them) in the common dir.
    std::fs::read_to_string(gitdir.join("commondir"))
        .ok()
        .map(|c| gitdir.join(c.trim()))
        .is_some_and(|common| has(&common))
}

/// The last-commit dates of `files` (absolute, normalised). `scopes` are the checked
/// paths, used to limit `git log` to them.
pub fn last_commit_dates(files: &[&Path], scopes: &[PathBuf]) -> GitDates {
    let mut out = GitDates::default();
    // Group the files by work tree (normally one).
    let mut trees: Vec<(WorkTree, Vec<&Path>)> = Vec::new();
    let mut tree_of_dir: HashMap<PathBuf, Option<usize>> = HashMap::new();
    for f in files {
        let Some(dir) = f.parent() else { continue };
        let idx = *tree_of_dir.entry(dir.to_path_buf()).or_insert_with(|| {
            work_tree(dir).map(|t| match trees.iter().position(|(w, _)| *w == t) {
                Some(i) => i,
                None => {
                    trees.push((t, Vec::new()));
                    trees.len() - 1
                }
            })
        });
        if let Some(i) = idx {
            trees[i].1.push(f);
        }
    }
    for (tree, files) in trees {
        if tree.shallow {
            out.notices.push(format!(
                "{} is a shallow clone: Git dates would be wrong, so articles without a review date get none (fetch full history, or pass --no-git)",
                crate::discover::display_path(&tree.root)
            ));
            continue;
        }
        match log_dates(&tree.root, &files, scopes) {
            Ok(dates) => out.dates.extend(dates),
            Err(notice) => out.notices.push(notice),
        }
    }
    out
}

fn relative(path: &Path, root: &Path) -> Option<PathBuf> {
    path.strip_prefix(root).ok().map(Path::to_path_buf)
}

#[cfg(unix)]
fn path_from_bytes(b: &[u8]) -> PathBuf {
    use std::os::unix::ffi::OsStrExt;
    PathBuf::from(std::ffi::OsStr::from_bytes(b))
}

#[cfg(not(unix))]
fn path_from_bytes(b: &[u8]) -> PathBuf {
    PathBuf::from(String::from_utf8_lossy(b).replace('/', "\\"))
}

/// Runs `git log --name-only` once from `root`, stopping as soon as every wanted file
/// has its date (the newest commit comes first, so the first occurrence wins).
fn log_dates(
    root: &Path,
    files: &[&Path],
    scopes: &[PathBuf],
) -> Result<HashMap<PathBuf, Date>, String> {
    let mut wanted: HashSet<PathBuf> = files.iter().filter_map(|f| relative(f, root)).collect();
    let mut cmd = Command::new("git");
    cmd.current_dir(root)
        .args([
            "-c",
            "core.quotepath=off",
            "-c",
            "log.showSignature=false",
            "log",
            "--no-color",
            "--no-renames",
            "--format=%x01%cd",
            "--date=short",
            "--name-only",
            "-z",
            "--",
        ])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let specs: Vec<PathBuf> = scopes
        .iter()
        .filter_map(|s| relative(&crate::discover::absolute(s), root))
        .collect();
    if specs.is_empty() || specs.iter().any(|s| s.as_os_str().is_empty()) {
        cmd.arg(".");
    } else {
        cmd.args(&specs);
    }
    let mut child = match cmd.spawn() {
        Ok(c) => c,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err("`git` was not found: articles without a review date get no date from Git (install Git, or pass --no-git)".into());
        }
        Err(e) => {
            return Err(format!(
                "cannot run `git`: {e}; articles without a review date get no date from Git"
            ))
        }
    };
    let mut dates = HashMap::new();
    let mut complete = false;
    if let Some(stdout) = child.stdout.take() {
        let mut reader = BufReader::new(stdout);
        let mut current: Option<Date> = None;
        let mut buf = Vec::new();
        while !wanted.is_empty() {
            buf.clear();
            match reader.read_until(0, &mut buf) {
                Ok(0) | Err(_) => break,
                Ok(_) => {}
            }
            if buf.last() == Some(&0) {
                buf.pop();
            }
            let token = buf.strip_prefix(b"\n").unwrap_or(&buf);
            if let Some(date) = token.strip_prefix(b"\x01") {
                current = std::str::from_utf8(date).ok().and_then(parse_date);
                continue;
            }
            if token.is_empty() {
                continue;
            }
            let rel = path_from_bytes(token);
            if let (Some(d), true) = (current, wanted.remove(&rel)) {
                dates.insert(crate::corpus::normalize(&root.join(&rel)), d);
            }
        }
        complete = wanted.is_empty();
    }
    if complete {
        // Everything found: the rest of history is not needed.
        let _ = child.kill();
        let _ = child.wait();
        return Ok(dates);
    }
    let output = child
        .wait_with_output()
        .map_err(|e| format!("`git log` failed: {e}"))?;
    if !output.status.success() {
        let msg = String::from_utf8_lossy(&output.stderr);
        let first = msg
            .lines()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("unknown error")
            .trim()
            .to_string();
        // No commits yet is not an error worth a notice.
        if first.contains("does not have any commits") {
            return Ok(dates);
        }
        return Err(format!("`git log` failed ({first}); articles without a review date get no date from Git (or pass --no-git)"));
    }
    Ok(dates)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_work_tree_and_shallow_flag() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join(".git")).unwrap();
        std::fs::create_dir_all(root.join("kb/a")).unwrap();
        let t = work_tree(&root.join("kb/a")).unwrap();
        assert_eq!(t.root, root);
        assert!(!t.shallow);
        std::fs::write(root.join(".git/shallow"), "abc\n").unwrap();
        assert!(work_tree(&root.join("kb/a")).unwrap().shallow);
    }

    #[test]
    fn linked_worktree_reads_common_dir() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("main/.git/worktrees/w")).unwrap();
        std::fs::write(root.join("main/.git/worktrees/w/commondir"), "../..\n").unwrap();
        std::fs::create_dir_all(root.join("w")).unwrap();
        std::fs::write(
            root.join("w/.git"),
            format!("gitdir: {}\n", root.join("main/.git/worktrees/w").display()),
        )
        .unwrap();
        assert!(!work_tree(&root.join("w")).unwrap().shallow);
        std::fs::write(root.join("main/.git/shallow"), "abc\n").unwrap();
        assert!(work_tree(&root.join("w")).unwrap().shallow);
    }
}
