//! Finding the articles to check: walkdir over the given paths.

use crate::config::{Config, Layer, FILE_NAME};
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// Folders never descended into.
pub const SKIP_DIRS: &[&str] = &["node_modules", "target"];

/// A file to check.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Candidate {
    /// Display path (sort key).
    pub display: String,
    /// Absolute, normalised path.
    pub path: PathBuf,
}

/// Something discovery could not read (reported as `unreadable-file`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WalkProblem {
    /// Display path.
    pub display: String,
    /// Absolute path.
    pub path: PathBuf,
    /// What went wrong.
    pub message: String,
}

/// What discovery found.
#[derive(Debug, Default)]
pub struct Found {
    /// Articles, sorted by display path, without duplicates.
    pub files: Vec<Candidate>,
    /// Paths that could not be read.
    pub problems: Vec<WalkProblem>,
}

/// The working directory, or `/` if it cannot be read.
pub fn cwd() -> PathBuf {
    std::env::current_dir().unwrap_or_else(|_| PathBuf::from("/"))
}

/// An absolute, lexically normalised path.
pub fn absolute(path: &Path) -> PathBuf {
    absolute_in(path, &cwd())
}

/// [`absolute`], relative paths taken from `base`.
fn absolute_in(path: &Path, base: &Path) -> PathBuf {
    if path.is_absolute() {
        crate::corpus::normalize(path)
    } else {
        crate::corpus::normalize(&base.join(path))
    }
}

/// A path relative to the working directory, with `/` separators.
pub fn display_path(path: &Path) -> String {
    let base = cwd();
    display_in(&absolute_in(path, &base), &base)
}

/// The display path of `abs` (absolute and normalised) for the working directory `base`.
fn display_in(abs: &Path, base: &Path) -> String {
    let s = match abs.strip_prefix(base) {
        Ok(rel) => rel.to_string_lossy(),
        Err(_) => relative_to(abs, base)
            .into_os_string()
            .to_string_lossy()
            .into_owned()
            .into(),
    };
    let s = if std::path::MAIN_SEPARATOR == '/' {
        s.into_owned()
    } else {
        s.replace('\\', "/")
    };
    if s.is_empty() {
        ".".into()
    } else {
        s
    }
}

fn relative_to(path: &Path, base: &Path) -> PathBuf {
    let p: Vec<_> = path.components().collect();
    let b: Vec<_> = base.components().collect();
    let common = p.iter().zip(&b).take_while(|(x, y)| x == y).count();
    if common == 0 {
        return path.to_path_buf();
    }
    let mut out = PathBuf::new();
    for _ in common..b.len() {
        out.push("..");
    }
    for c in &p[common..] {
        out.push(c.as_os_str());
    }
    out
}

fn has_extension(path: &Path, exts: &[String]) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| exts.iter().any(|x| x.eq_ignore_ascii_case(e)))
}

/// Walks `paths`; adds subfolder `.kblint.yml` layers to `config` (unless `--config`).
pub fn discover(
    paths: &[PathBuf],
    config: &mut Config,
    follow_links: bool,
) -> Result<Found, crate::config::ConfigError> {
    let mut found = Found::default();
    let exts = config.extensions();
    let mut layers = Vec::new();
    let base = cwd();
    for root in paths {
        let abs = absolute_in(root, &base);
        let meta = match std::fs::metadata(&abs) {
            Ok(m) => m,
            Err(e) => {
                found.problems.push(WalkProblem {
                    display: display_path(&abs),
                    path: abs.clone(),
                    message: format!("cannot read: {e}"),
                });
                continue;
            }
        };
        if meta.is_file() {
            // An explicitly named file is always checked.
            found.files.push(Candidate {
                display: display_path(&abs),
                path: abs,
            });
            continue;
        }
        let walker = WalkDir::new(&abs)
            .follow_links(follow_links)
            .sort_by_file_name()
            .into_iter();
        let mut it = walker.filter_entry(|e| {
            if e.depth() == 0 || !e.file_type().is_dir() {
                return true;
            }
            let name = e.file_name().to_string_lossy();
            !(name.starts_with('.') || SKIP_DIRS.contains(&name.as_ref()))
        });
        loop {
            let entry = match it.next() {
                None => break,
                Some(Ok(e)) => e,
                Some(Err(e)) => {
                    let path = e
                        .path()
                        .map(Path::to_path_buf)
                        .unwrap_or_else(|| abs.clone());
                    let message = if e.loop_ancestor().is_some() {
                        "symbolic link loop; not followed".to_string()
                    } else {
                        format!(
                            "cannot read: {}",
                            e.io_error()
                                .map(|x| x.to_string())
                                .unwrap_or_else(|| e.to_string())
                        )
                    };
                    found.problems.push(WalkProblem {
                        display: display_path(&path),
                        path: absolute(&path),
                        message,
                    });
                    continue;
                }
            };
            let path = entry.path();
            if entry.file_type().is_dir() {
                if !config.explicit {
                    let cfg = path.join(FILE_NAME);
                    if entry.depth() > 0 && cfg.is_file() {
                        layers.push(Layer::load(&cfg)?);
                    }
                }
                continue;
            }
            if !entry.file_type().is_file() {
                continue; // symlinks (not followed), sockets, …
            }
            if !has_extension(path, &exts) {
                continue;
            }
            // Entries are joined onto the absolute, normalised root: already normal.
            found.files.push(Candidate {
                display: display_in(path, &base),
                path: path.to_path_buf(),
            });
        }
    }
    for l in layers {
        config.add_layer(l);
    }
    found.files.retain(|c| !config.excludes(&c.path));
    found.files.sort();
    found.files.dedup_by(|a, b| a.path == b.path);
    found.problems.sort_by(|a, b| a.display.cmp(&b.display));
    found.problems.dedup();
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths() {
        assert_eq!(
            relative_to(Path::new("/a/b/c.md"), Path::new("/a")),
            PathBuf::from("b/c.md")
        );
        assert_eq!(
            relative_to(Path::new("/a/b/c.md"), Path::new("/a/x")),
            PathBuf::from("../b/c.md")
        );
    }
}
