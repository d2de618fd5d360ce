//! The incremental cache: per-file results (the article's summary and its per-article
//! findings) keyed by content hash, reused when nothing that could change them changed.
//!
//! One file per KB, `<cache dir>/kblint-cache.bin`. Its key covers the kblint version,
//! "today", every configuration file's text and the command-line rule selection; a
//! different key, a corrupt file or a foreign one means an empty cache, rebuilt and
//! written atomically at the end of the run. An entry is used only when the file's bytes
//! hash the same and its Git fallback date is the same.

use crate::corpus::Doc;
use crate::dates::Date;
use crate::diagnostic::{Diagnostic, Position, Related, Severity};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

const MAGIC: [u8; 8] = *b"KBLCACHE";
const FORMAT: u32 = 1;
/// The cache file's name inside the cache folder.
pub const FILE_NAME: &str = "kblint-cache.bin";

/// A per-article finding as stored (the rule by code).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StoredDiagnostic {
    code: String,
    severity: Severity,
    position: Position,
    message: String,
    related: Vec<Related>,
    snippet: String,
}

/// One file's cached results.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Entry {
    /// xxh3-128 of the file's bytes.
    pub content_hash: u128,
    /// The Git fallback date the results were computed with.
    pub git_date: Option<Date>,
    /// The article's summary (settings are recomputed, never stored).
    pub doc: Doc,
    diagnostics: Vec<StoredDiagnostic>,
}

impl Entry {
    /// Builds an entry from fresh results.
    pub fn new(
        content_hash: u128,
        git_date: Option<Date>,
        doc: &Doc,
        diags: &[Diagnostic],
    ) -> Entry {
        Entry {
            content_hash,
            git_date,
            doc: doc.clone(),
            diagnostics: diags
                .iter()
                .map(|d| StoredDiagnostic {
                    code: d.rule.code.to_string(),
                    severity: d.severity,
                    position: d.position,
                    message: d.message.clone(),
                    related: d.related.clone(),
                    snippet: d.snippet.clone(),
                })
                .collect(),
        }
    }

    /// The stored findings, for the file shown as `display`; `None` if a rule code is
    /// unknown to this build (then the entry is not trusted).
    pub fn diagnostics(&self, display: &str) -> Option<Vec<Diagnostic>> {
        self.diagnostics
            .iter()
            .map(|s| {
                let rule = crate::rules::find(&s.code)?;
                Some(Diagnostic {
                    rule: &rule.meta,
                    severity: s.severity,
                    path: display.to_string(),
                    position: s.position,
                    message: s.message.clone(),
                    related: s.related.clone(),
                    snippet: s.snippet.clone(),
                })
            })
            .collect()
    }
}

#[derive(Serialize, Deserialize)]
struct CacheFile {
    magic: [u8; 8],
    format: u32,
    key: u128,
    entries: Vec<(String, Entry)>,
}

/// The cache of one run: what was read, and what will be written.
#[derive(Debug, Default)]
pub struct Cache {
    path: Option<PathBuf>,
    key: u128,
    old: HashMap<String, Entry>,
}

/// Hashes file content.
pub fn content_hash(bytes: &[u8]) -> u128 {
    xxhash_rust::xxh3::xxh3_128(bytes)
}

/// The cache key of a run: everything besides a file's bytes that changes results.
pub fn run_key(parts: &[&[u8]]) -> u128 {
    let mut buf = Vec::new();
    buf.extend_from_slice(env!("CARGO_PKG_VERSION").as_bytes());
    for p in parts {
        buf.extend_from_slice(&(p.len() as u64).to_le_bytes());
        buf.extend_from_slice(p);
    }
    xxhash_rust::xxh3::xxh3_128(&buf)
}

impl Cache {
    /// No cache (`--no-cache`).
    pub fn disabled() -> Cache {
        Cache::default()
    }

    /// Opens the cache in `dir` for a run with `key`. A missing, corrupt, foreign or stale
    /// file gives an empty cache.
    pub fn open(dir: &Path, key: u128) -> Cache {
        let path = dir.join(FILE_NAME);
        let old = std::fs::read(&path)
            .ok()
            .and_then(|bytes| postcard::from_bytes::<CacheFile>(&bytes).ok())
            .filter(|f| f.magic == MAGIC && f.format == FORMAT && f.key == key)
            .map(|f| f.entries.into_iter().collect())
            .unwrap_or_default();
        Cache {
            path: Some(path),
            key,
            old,
        }
    }

    /// Whether the cache is in use.
    pub fn enabled(&self) -> bool {
        self.path.is_some()
    }

    /// The stored entry for `display` if its content hash and Git date still match.
    pub fn lookup(
        &self,
        display: &str,
        content_hash: u128,
        git_date: Option<Date>,
    ) -> Option<&Entry> {
        self.old
            .get(display)
            .filter(|e| e.content_hash == content_hash && e.git_date == git_date)
    }

    /// Takes the stored entry for `display` out of the cache (for reused results).
    pub fn take(&mut self, display: &str) -> Option<Entry> {
        self.old.remove(display)
    }

    /// Whether every stored entry was taken back unchanged (then there is nothing to write).
    pub fn all_taken(&self) -> bool {
        self.old.is_empty()
    }

    /// Writes the new entries atomically (with a `.gitignore` so the folder is never
    /// committed). Errors are returned for a notice; they never fail the run.
    pub fn save(&self, entries: Vec<(String, Entry)>) -> std::io::Result<()> {
        let Some(path) = &self.path else {
            return Ok(());
        };
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
            let ignore = dir.join(".gitignore");
            if !ignore.exists() {
                crate::fsutil::write_atomic(&ignore, b"# kblint cache: never commit it\n*\n")?;
            }
        }
        let file = CacheFile {
            magic: MAGIC,
            format: FORMAT,
            key: self.key,
            entries,
        };
        let bytes = postcard::to_stdvec(&file).map_err(std::io::Error::other)?;
        crate::fsutil::write_atomic(path, &bytes)
    }
}
