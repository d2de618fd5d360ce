//! The incremental cache: per-file results (the article's summary and its per-article
//! findings), reused when nothing that could change them changed.
//!
//! One file per KB, `<cache dir>/kblint-cache.bin`: a preamble (magic, format, the
//! header's length and hash), a header (the run key, when the run started, an index of
//! entries, the corpus-wide findings) and one encoded body per file.
//! The run key covers the kblint version, "today", every configuration file's text and
//! the command-line rule selection; a different key, a corrupt file or a foreign one
//! means an empty cache, rebuilt and written atomically at the end of the run.
//!
//! An entry is reused when its Git fallback date is the same and either
//! - its file's stamp (size, modification and change times, inode) is the one recorded,
//!   and was recorded at least [`RACY_WINDOW`] after the file was last modified (the
//!   "racy Git" rule: an edit within the file system's timestamp granularity of the
//!   recording could leave the stamp unchanged), so the file is not even read; or
//! - its bytes hash (xxh3-128) to the recorded hash.
//!
//! Bodies are decoded on demand, in parallel, and each is checked against its own hash
//! first, so a damaged body is re-checked rather than trusted: first its head (what
//! every run needs), its tail (what only the corpus-wide rules read) only when they run.
//! A body reused unchanged is copied into the next cache as raw bytes, never re-encoded.
//!
//! The header also keeps the corpus-wide findings ([`CorpusMemo`]), reused when every
//! file, the facts registry and the KB roots are unchanged and the disk still answers
//! every question the corpus rules asked it.

use crate::corpus::{Doc, FsProbes, ProbeAnswers};
use crate::dates::Date;
use crate::diagnostic::{Diagnostic, Position, Related, Severity};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

const MAGIC: [u8; 8] = *b"KBLCACHE";
const FORMAT: u32 = 4;
/// Magic, format, header length, header hash.
const PREAMBLE: usize = 8 + 4 + 8 + 8;
/// The cache file's name inside the cache folder.
pub const FILE_NAME: &str = "kblint-cache.bin";
/// How long after its last modification a file's stamp is trusted on its own.
pub const RACY_WINDOW: Duration = Duration::from_secs(2);

/// What a file's metadata says about it, cheaply (one `stat`, no read).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileStamp {
    size: u64,
    /// Modification time, nanoseconds since the epoch.
    mtime: i128,
    /// Status change time (Unix; any write, rename or `chmod` moves it), nanoseconds.
    ctime: i128,
    /// Inode number (Unix), so a file replaced by another is not mistaken for it.
    ino: u64,
}

impl FileStamp {
    /// The stamp of the file at `path` (following symbolic links), if it can be read.
    pub fn of(path: &Path) -> Option<FileStamp> {
        let m = std::fs::metadata(path).ok()?;
        let mtime = m.modified().ok().map(nanos)?;
        #[cfg(unix)]
        let (ctime, ino) = {
            use std::os::unix::fs::MetadataExt;
            (
                i128::from(m.ctime()) * 1_000_000_000 + i128::from(m.ctime_nsec()),
                m.ino(),
            )
        };
        #[cfg(not(unix))]
        let (ctime, ino) = (mtime, 0);
        Some(FileStamp {
            size: m.len(),
            mtime,
            ctime,
            ino,
        })
    }

    /// Whether the file had stopped changing long enough before `recorded` (nanoseconds)
    /// for this stamp to stand for its bytes.
    fn settled_before(&self, recorded: i128) -> bool {
        let window = RACY_WINDOW.as_nanos() as i128;
        self.mtime.max(self.ctime) < recorded - window
    }
}

fn nanos(t: SystemTime) -> i128 {
    match t.duration_since(UNIX_EPOCH) {
        Ok(d) => d.as_nanos() as i128,
        Err(e) => -(e.duration().as_nanos() as i128),
    }
}

/// A finding as stored (the rule by code).
#[derive(Debug, Clone, Serialize, Deserialize)]
struct StoredDiagnostic {
    code: String,
    severity: Severity,
    position: Position,
    message: String,
    related: Vec<Related>,
    snippet: String,
}

impl From<&Diagnostic> for StoredDiagnostic {
    fn from(d: &Diagnostic) -> StoredDiagnostic {
        StoredDiagnostic {
            code: d.rule.code.to_string(),
            severity: d.severity,
            position: d.position,
            message: d.message.clone(),
            related: d.related.clone(),
            snippet: d.snippet.clone(),
        }
    }
}

impl StoredDiagnostic {
    /// The finding for the file shown as `path`; `None` if the rule code is unknown to
    /// this build (then what holds it is not trusted).
    fn into_diagnostic(self, path: &str) -> Option<Diagnostic> {
        let rule = crate::rules::find(&self.code)?;
        Some(Diagnostic {
            rule: &rule.meta,
            severity: self.severity,
            path: path.to_string(),
            position: self.position,
            message: self.message,
            related: self.related,
            snippet: self.snippet,
        })
    }
}

/// A body is a head, then a tail. The head is what every run needs of a file (its
/// per-article findings, frontmatter and suppressions); the tail is what only the
/// corpus-wide rules read (links, anchors, promises, claims), decoded only when they
/// run, not when their findings are reused too.
#[derive(Deserialize)]
struct Head {
    display: String,
    loaded: bool,
    meta: crate::article::frontmatter::Meta,
    suppressions: crate::suppress::Suppressions,
    diagnostics: Vec<StoredDiagnostic>,
}

/// [`Head`] for encoding (same layout).
#[derive(Serialize)]
struct HeadRef<'a> {
    display: &'a str,
    loaded: bool,
    meta: &'a crate::article::frontmatter::Meta,
    suppressions: &'a crate::suppress::Suppressions,
    diagnostics: Vec<StoredDiagnostic>,
}

/// The second part of a body.
#[derive(Deserialize)]
struct Tail {
    anchors: std::collections::HashSet<String>,
    links: Vec<crate::corpus::DocLink>,
    promises: Vec<crate::rules::promise::Promise>,
    claims: Vec<crate::claims::Claim>,
}

/// [`Tail`] for encoding (same layout).
#[derive(Serialize)]
struct TailRef<'a> {
    anchors: &'a std::collections::HashSet<String>,
    links: &'a [crate::corpus::DocLink],
    promises: &'a [crate::rules::promise::Promise],
    claims: &'a [crate::claims::Claim],
}

/// What the index says of one file.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct IndexEntry {
    display: String,
    content_hash: u128,
    stamp: Option<FileStamp>,
    git_date: Option<Date>,
    /// Where the body is, after the header.
    offset: u64,
    len: u64,
    /// xxh3-64 of the body bytes.
    body_hash: u64,
}

#[derive(Serialize, Deserialize)]
struct Header {
    key: u128,
    /// When the run that wrote the cache started, nanoseconds since the epoch.
    started: i128,
    index: Vec<IndexEntry>,
    corpus: Option<CorpusMemo>,
}

/// The corpus-wide findings of the run that wrote the cache, and what they depend on:
/// every file (by display path and content), the inputs outside the articles (the facts
/// registry, the KB roots) and what the rules asked the disk.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CorpusMemo {
    inputs: u128,
    probes: ProbeAnswers,
    diagnostics: Vec<(String, StoredDiagnostic)>,
}

impl CorpusMemo {
    /// Records the corpus-wide findings of a run over `inputs` (see [`Cache::inputs`]).
    pub fn new(inputs: u128, probes: ProbeAnswers, diags: &[Diagnostic]) -> CorpusMemo {
        CorpusMemo {
            inputs,
            probes,
            diagnostics: diags
                .iter()
                .map(|d| (d.path.clone(), StoredDiagnostic::from(d)))
                .collect(),
        }
    }

    /// The findings; `None` if a rule code is unknown to this build.
    fn findings(&self) -> Option<Vec<Diagnostic>> {
        self.diagnostics
            .iter()
            .map(|(path, s)| s.clone().into_diagnostic(path))
            .collect()
    }
}

/// A file's results, ready for the next cache.
#[derive(Debug)]
pub struct Fresh {
    content_hash: u128,
    stamp: Option<FileStamp>,
    git_date: Option<Date>,
    body: Vec<u8>,
}

impl Fresh {
    /// Encodes fresh results; `None` if they cannot be encoded (then they are not cached).
    pub fn new(
        content_hash: u128,
        stamp: Option<FileStamp>,
        git_date: Option<Date>,
        doc: &Doc,
        diags: &[Diagnostic],
    ) -> Option<Fresh> {
        let head = HeadRef {
            display: &doc.display,
            loaded: doc.loaded,
            meta: &doc.meta,
            suppressions: &doc.suppressions,
            diagnostics: diags.iter().map(StoredDiagnostic::from).collect(),
        };
        let tail = TailRef {
            anchors: &doc.anchors,
            links: &doc.links,
            promises: &doc.promises,
            claims: &doc.claims,
        };
        let mut body = postcard::to_stdvec(&head).ok()?;
        body.extend(postcard::to_stdvec(&tail).ok()?);
        Some(Fresh {
            content_hash,
            stamp,
            git_date,
            body,
        })
    }
}

/// How a reused entry was found still valid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Validated {
    /// By its stamp alone: the file was not read.
    Stamp,
    /// By reading and hashing the file; its stamp is recorded anew.
    Hash(Option<FileStamp>),
}

/// What the cache offers for one file.
pub enum Lookup {
    /// Nothing: check the file.
    Miss,
    /// The stamp did not settle it: read the file and pass its hash to
    /// [`Cache::reuse_if_hash`].
    NeedsHash(Pending),
    /// Reused without reading the file.
    Hit(Box<Reused>),
}

/// An entry that is still valid if the file's bytes hash as recorded.
#[derive(Debug, Clone, Copy)]
pub struct Pending {
    index: usize,
    stamp: Option<FileStamp>,
}

/// Results taken from the cache.
pub struct Reused {
    /// The article's summary (its path and settings are the caller's to set).
    pub doc: Doc,
    /// Its per-article findings.
    pub diagnostics: Vec<Diagnostic>,
    /// What to record in the next cache.
    pub kept: Kept,
}

/// An entry carried into the next cache unchanged (its body bytes are copied).
#[derive(Debug, Clone, Copy)]
pub struct Kept {
    index: usize,
    how: Validated,
    /// Where the tail starts in the body.
    tail: usize,
}

impl Kept {
    /// Whether the file was not read (its stamp vouched for it).
    pub fn unread(&self) -> bool {
        self.how == Validated::Stamp
    }
}

/// What one file contributes to the next cache.
#[derive(Debug)]
pub enum Stored {
    /// Fresh results.
    New(Box<Fresh>),
    /// An old entry, still valid.
    Kept(Kept),
    /// Nothing (unreadable, panicked, or no cache).
    Nothing,
}

/// The cache of one run: what was read, and what will be written.
#[derive(Debug, Default)]
pub struct Cache {
    path: Option<PathBuf>,
    key: u128,
    /// When this run started (nanoseconds): stamps recorded now are judged against it.
    started: i128,
    /// When the run that wrote the old cache started.
    old_started: i128,
    bytes: Vec<u8>,
    /// Where the bodies start in `bytes`.
    bodies: usize,
    index: Vec<IndexEntry>,
    by_display: HashMap<String, usize>,
    corpus: Option<CorpusMemo>,
}

/// The header of a cache file and where its bodies start, if the preamble is ours and
/// the header's bytes hash as recorded (the index and the corpus-wide findings are
/// trusted no more than the bodies are).
fn read_header(bytes: &[u8]) -> Option<(Header, usize)> {
    let word = |at: usize| -> Option<u64> {
        Some(u64::from_le_bytes(bytes.get(at..at + 8)?.try_into().ok()?))
    };
    if bytes.get(..8)? != MAGIC || bytes.get(8..12)? != FORMAT.to_le_bytes() {
        return None;
    }
    let len = usize::try_from(word(12)?).ok()?;
    let end = PREAMBLE.checked_add(len)?;
    let header = bytes.get(PREAMBLE..end)?;
    if xxhash_rust::xxh3::xxh3_64(header) != word(20)? {
        return None;
    }
    Some((postcard::from_bytes(header).ok()?, end))
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
    /// file gives an empty cache. Only the index is decoded here.
    pub fn open(dir: &Path, key: u128) -> Cache {
        let path = dir.join(FILE_NAME);
        let started = nanos(SystemTime::now());
        let mut cache = Cache {
            path: Some(path),
            key,
            started,
            ..Cache::default()
        };
        let Some(bytes) = cache.path.as_ref().and_then(|p| std::fs::read(p).ok()) else {
            return cache;
        };
        let Some((header, bodies)) = read_header(&bytes) else {
            return cache;
        };
        if header.key != key {
            return cache;
        }
        let rest = bytes.len() - bodies;
        let fits = |e: &IndexEntry| {
            e.offset
                .checked_add(e.len)
                .is_some_and(|end| end <= rest as u64)
        };
        if !header.index.iter().all(fits) {
            return cache;
        }
        cache.by_display = header
            .index
            .iter()
            .enumerate()
            .map(|(i, e)| (e.display.clone(), i))
            .collect();
        cache.index = header.index;
        cache.corpus = header.corpus;
        cache.old_started = header.started;
        cache.bodies = bodies;
        cache.bytes = bytes;
        cache
    }

    /// Whether the cache is in use.
    pub fn enabled(&self) -> bool {
        self.path.is_some()
    }

    /// What the cache has for the file shown as `display`, whose stamp is `stamp` and Git
    /// date `git_date`.
    pub fn lookup(
        &self,
        display: &str,
        stamp: Option<FileStamp>,
        git_date: Option<Date>,
    ) -> Lookup {
        let Some(&index) = self.by_display.get(display) else {
            return Lookup::Miss;
        };
        let e = &self.index[index];
        if e.git_date != git_date {
            return Lookup::Miss;
        }
        let settled = match (stamp, e.stamp) {
            (Some(now), Some(then)) => now == then && then.settled_before(self.old_started),
            _ => false,
        };
        if settled {
            if let Some(r) = self.decode(index, Validated::Stamp) {
                return Lookup::Hit(Box::new(r));
            }
            return Lookup::Miss;
        }
        Lookup::NeedsHash(Pending { index, stamp })
    }

    /// The entry of `pending` if the file's bytes hash to `hash`.
    pub fn reuse_if_hash(&self, pending: Pending, hash: u128) -> Option<Reused> {
        if self.index[pending.index].content_hash != hash {
            return None;
        }
        self.decode(pending.index, Validated::Hash(pending.stamp))
    }

    /// Decodes an entry's body, checking it against its hash first.
    fn decode(&self, index: usize, how: Validated) -> Option<Reused> {
        let e = &self.index[index];
        let start = self.bodies + e.offset as usize;
        let bytes = self.bytes.get(start..start + e.len as usize)?;
        if xxhash_rust::xxh3::xxh3_64(bytes) != e.body_hash {
            return None;
        }
        let (head, tail) = postcard::take_from_bytes::<Head>(bytes).ok()?;
        let diagnostics = head
            .diagnostics
            .into_iter()
            .map(|s| s.into_diagnostic(&e.display))
            .collect::<Option<Vec<_>>>()?;
        let mut doc = Doc::unloaded(PathBuf::new(), head.display, Default::default());
        doc.loaded = head.loaded;
        doc.meta = head.meta;
        doc.suppressions = head.suppressions;
        Some(Reused {
            doc,
            diagnostics,
            kept: Kept {
                index,
                how,
                tail: bytes.len() - tail.len(),
            },
        })
    }

    /// Fills in the part of a reused summary only the corpus-wide rules read (see
    /// [`Head`]); `false` if it cannot be decoded.
    pub fn complete(&self, doc: &mut Doc, kept: &Kept) -> bool {
        let e = &self.index[kept.index];
        let start = self.bodies + e.offset as usize;
        let Some(bytes) = self.bytes.get(start + kept.tail..start + e.len as usize) else {
            return false;
        };
        let Ok(tail) = postcard::from_bytes::<Tail>(bytes) else {
            return false;
        };
        doc.anchors = tail.anchors;
        doc.links = tail.links;
        doc.promises = tail.promises;
        doc.claims = tail.claims;
        true
    }

    /// Whether the next cache would differ from this one, given what every file of this
    /// run stored (a new, changed, removed or re-stamped file).
    pub fn changed(&self, stored: &[(&str, &Stored)]) -> bool {
        let mut kept = 0;
        for (_, s) in stored {
            match s {
                Stored::Kept(Kept {
                    how: Validated::Stamp,
                    ..
                }) => kept += 1,
                Stored::Nothing => {}
                _ => return true,
            }
        }
        kept != self.index.len()
    }

    /// Hashes what the corpus-wide findings depend on besides the disk probes: every
    /// file (display path, and content unless it did not load) in order, and `extra`
    /// (the facts registry, the KB roots). `None` if a file's content is not known.
    pub fn inputs(&self, files: &[(&str, bool, &Stored)], extra: &[&[u8]]) -> Option<u128> {
        let mut buf = Vec::with_capacity(files.len() * 48);
        for (display, loaded, stored) in files {
            buf.extend_from_slice(&(display.len() as u64).to_le_bytes());
            buf.extend_from_slice(display.as_bytes());
            let (hash, git_date) = match stored {
                Stored::New(f) => (f.content_hash, f.git_date),
                Stored::Kept(k) => (
                    self.index[k.index].content_hash,
                    self.index[k.index].git_date,
                ),
                Stored::Nothing if !loaded => (0, None),
                Stored::Nothing => return None,
            };
            buf.extend_from_slice(&hash.to_le_bytes());
            buf.extend_from_slice(
                git_date
                    .map(|d| d.to_string())
                    .unwrap_or_default()
                    .as_bytes(),
            );
            buf.push(0);
        }
        for e in extra {
            buf.extend_from_slice(&(e.len() as u64).to_le_bytes());
            buf.extend_from_slice(e);
        }
        Some(xxhash_rust::xxh3::xxh3_128(&buf))
    }

    /// The corpus-wide findings of the last run, if they were computed over the same
    /// `inputs` and the disk still answers every question the rules asked it.
    pub fn corpus_findings(&self, inputs: u128) -> Option<Vec<Diagnostic>> {
        let memo = self.corpus.as_ref().filter(|m| m.inputs == inputs)?;
        if !FsProbes::still(&memo.probes) {
            return None;
        }
        memo.findings()
    }

    /// Writes the next cache atomically from what each file stored, in order (with a
    /// `.gitignore` so the folder is never committed). Errors are returned for a notice;
    /// they never fail the run.
    pub fn save(
        &self,
        stored: &[(&str, &Stored)],
        corpus: Option<CorpusMemo>,
    ) -> std::io::Result<()> {
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
        let mut index = Vec::with_capacity(stored.len());
        let mut bodies: Vec<&[u8]> = Vec::with_capacity(stored.len());
        let mut offset = 0u64;
        for (display, s) in stored {
            let (entry, body) = match s {
                Stored::Nothing => continue,
                Stored::New(f) => (
                    IndexEntry {
                        display: display.to_string(),
                        content_hash: f.content_hash,
                        stamp: f.stamp,
                        git_date: f.git_date,
                        offset,
                        len: f.body.len() as u64,
                        body_hash: xxhash_rust::xxh3::xxh3_64(&f.body),
                    },
                    f.body.as_slice(),
                ),
                Stored::Kept(k) => {
                    let old = &self.index[k.index];
                    let start = self.bodies + old.offset as usize;
                    let body = &self.bytes[start..start + old.len as usize];
                    let stamp = match k.how {
                        Validated::Stamp => old.stamp,
                        Validated::Hash(now) => now,
                    };
                    (
                        IndexEntry {
                            display: display.to_string(),
                            offset,
                            stamp,
                            ..old.clone()
                        },
                        body,
                    )
                }
            };
            offset += body.len() as u64;
            index.push(entry);
            bodies.push(body);
        }
        let header = Header {
            key: self.key,
            started: self.started,
            index,
            corpus,
        };
        let header = postcard::to_stdvec(&header).map_err(std::io::Error::other)?;
        let mut bytes = Vec::with_capacity(PREAMBLE + header.len() + offset as usize);
        bytes.extend_from_slice(&MAGIC);
        bytes.extend_from_slice(&FORMAT.to_le_bytes());
        bytes.extend_from_slice(&(header.len() as u64).to_le_bytes());
        bytes.extend_from_slice(&xxhash_rust::xxh3::xxh3_64(&header).to_le_bytes());
        bytes.extend_from_slice(&header);
        for b in bodies {
            bytes.extend_from_slice(b);
        }
        crate::fsutil::write_atomic(path, &bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Settings;

    fn doc(display: &str) -> Doc {
        let mut d = Doc::unloaded(PathBuf::from(display), display.into(), Settings::default());
        d.loaded = true;
        d
    }

    fn stamp(mtime: i128) -> FileStamp {
        FileStamp {
            size: 10,
            mtime,
            ctime: mtime,
            ino: 7,
        }
    }

    const SEC: i128 = 1_000_000_000;

    /// Saves one entry for `a.md` (hash 42, stamp `s`) from a run that started at
    /// `started`, and opens the cache again.
    fn saved(dir: &Path, s: FileStamp, started: i128) -> Cache {
        let mut c = Cache::open(dir, 1);
        c.started = started;
        let fresh = Stored::New(Box::new(
            Fresh::new(42, Some(s), None, &doc("a.md"), &[]).unwrap(),
        ));
        c.save(&[("a.md", &fresh)], None).unwrap();
        Cache::open(dir, 1)
    }

    #[test]
    fn a_settled_stamp_is_trusted_without_reading() {
        let dir = tempfile::tempdir().unwrap();
        let c = saved(dir.path(), stamp(100 * SEC), 200 * SEC);
        match c.lookup("a.md", Some(stamp(100 * SEC)), None) {
            Lookup::Hit(r) => {
                assert!(r.kept.unread());
                assert_eq!(r.doc.display, "a.md");
            }
            _ => panic!("expected a hit"),
        }
        let stored = [(
            "a.md",
            &Stored::Kept(Kept {
                index: 0,
                how: Validated::Stamp,
                tail: 0,
            }),
        )];
        assert!(!c.changed(&stored), "nothing to rewrite");
    }

    #[test]
    fn a_stamp_recorded_within_the_racy_window_needs_the_hash() {
        let dir = tempfile::tempdir().unwrap();
        // Modified one second before the run that recorded it began.
        let c = saved(dir.path(), stamp(199 * SEC), 200 * SEC);
        let Lookup::NeedsHash(p) = c.lookup("a.md", Some(stamp(199 * SEC)), None) else {
            panic!("a racy stamp must not be trusted");
        };
        assert!(c.reuse_if_hash(p, 41).is_none(), "other bytes");
        let r = c.reuse_if_hash(p, 42).expect("same bytes");
        assert!(!r.kept.unread());
        // Re-stamped: the next cache is written, so the stamp can settle.
        assert!(c.changed(&[("a.md", &Stored::Kept(r.kept))]));
    }

    #[test]
    fn any_stamp_difference_needs_the_hash_and_other_dates_miss() {
        let dir = tempfile::tempdir().unwrap();
        let c = saved(dir.path(), stamp(100 * SEC), 200 * SEC);
        for other in [
            FileStamp {
                size: 11,
                ..stamp(100 * SEC)
            },
            FileStamp {
                ino: 8,
                ..stamp(100 * SEC)
            },
            FileStamp {
                ctime: 150 * SEC,
                ..stamp(100 * SEC)
            },
            stamp(100 * SEC + 1),
        ] {
            assert!(matches!(
                c.lookup("a.md", Some(other), None),
                Lookup::NeedsHash(_)
            ));
        }
        assert!(matches!(c.lookup("a.md", None, None), Lookup::NeedsHash(_)));
        let date = Some(crate::dates::parse_date("2026-01-01").unwrap());
        assert!(matches!(
            c.lookup("a.md", Some(stamp(100 * SEC)), date),
            Lookup::Miss
        ));
        assert!(matches!(
            c.lookup("b.md", Some(stamp(100 * SEC)), None),
            Lookup::Miss
        ));
    }

    #[test]
    fn a_damaged_body_or_header_is_never_trusted() {
        let dir = tempfile::tempdir().unwrap();
        saved(dir.path(), stamp(100 * SEC), 200 * SEC);
        let path = dir.path().join(FILE_NAME);
        let good = std::fs::read(&path).unwrap();
        // Flip the last byte (inside the body): the entry is a miss, not a wrong answer.
        let mut bad = good.clone();
        *bad.last_mut().unwrap() ^= 0x55;
        std::fs::write(&path, &bad).unwrap();
        let c = Cache::open(dir.path(), 1);
        assert!(matches!(
            c.lookup("a.md", Some(stamp(100 * SEC)), None),
            Lookup::Miss
        ));
        // Truncated: the index points past the end, so the whole cache is dropped.
        std::fs::write(&path, &good[..good.len() - 3]).unwrap();
        assert!(Cache::open(dir.path(), 1).index.is_empty());
        // Another run key: foreign.
        std::fs::write(&path, &good).unwrap();
        assert!(Cache::open(dir.path(), 2).index.is_empty());
        assert!(!Cache::open(dir.path(), 1).index.is_empty());
    }

    #[test]
    fn a_reused_summary_gets_its_links_and_claims_only_when_completed() {
        let dir = tempfile::tempdir().unwrap();
        let mut c = Cache::open(dir.path(), 1);
        c.started = 200 * SEC;
        let mut d = doc("a.md");
        d.anchors.insert("refunds".into());
        d.links.push(crate::corpus::DocLink {
            kind: crate::article::markdown::LinkKind::Link,
            dest: "b.md#x".into(),
            position: Position::FILE,
            snippet: "[b](b.md#x)".into(),
        });
        d.suppressions.items.clear();
        let fresh = Stored::New(Box::new(
            Fresh::new(42, Some(stamp(100 * SEC)), None, &d, &[]).unwrap(),
        ));
        c.save(&[("a.md", &fresh)], None).unwrap();
        let c = Cache::open(dir.path(), 1);
        let Lookup::Hit(r) = c.lookup("a.md", Some(stamp(100 * SEC)), None) else {
            panic!("expected a hit");
        };
        let mut got = r.doc;
        assert!(got.links.is_empty() && got.anchors.is_empty(), "head only");
        assert!(got.loaded);
        assert!(c.complete(&mut got, &r.kept));
        assert_eq!(got.links.len(), 1);
        assert_eq!(got.links[0].dest, "b.md#x");
        assert!(got.anchors.contains("refunds"));
    }

    #[test]
    fn kept_bodies_are_copied_byte_for_byte() {
        let dir = tempfile::tempdir().unwrap();
        let c = saved(dir.path(), stamp(100 * SEC), 200 * SEC);
        let before = std::fs::read(dir.path().join(FILE_NAME)).unwrap();
        let fresh = Stored::New(Box::new(
            Fresh::new(7, Some(stamp(5 * SEC)), None, &doc("b.md"), &[]).unwrap(),
        ));
        let kept = Stored::Kept(Kept {
            index: 0,
            how: Validated::Stamp,
            tail: 0,
        });
        c.save(&[("a.md", &kept), ("b.md", &fresh)], None).unwrap();
        let c2 = Cache::open(dir.path(), 1);
        assert_eq!(c2.index.len(), 2);
        let old_body = &before[c.bodies..];
        let e = &c2.index[0];
        let start = c2.bodies + e.offset as usize;
        assert_eq!(&c2.bytes[start..start + e.len as usize], old_body);
        assert!(matches!(
            c2.lookup("b.md", Some(stamp(5 * SEC)), None),
            Lookup::Hit(_)
        ));
    }
}
