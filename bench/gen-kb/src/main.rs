//! `gen-kb`: writes a deterministic synthetic customer-support knowledge base for
//! kblint's benchmarks (see `bench/README.md`). Development tool, not shipped.
//!
//! ```text
//! gen-kb --articles 100k --seed 1 [--defect-rate 0.05] [--today 2026-11-24]
//!        [--threads N] [--force] OUT
//! ```
//!
//! Every article is a pure function of (seed, article number): the tree is byte-identical
//! for a seed whatever the number of threads. Injected defects are listed in
//! `OUT/.gen-kb/injected.txt` (`<category> <path>:<line>`; a hidden folder, so linters
//! skip it). It lists what was injected, not every finding a linter may report (a wrong
//! price also makes the correct statements elsewhere disagree).

mod pools;

use pools::Kind;
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::Instant;

const USAGE: &str = "usage: gen-kb --articles N --seed S [--defect-rate R] [--today YYYY-MM-DD] [--threads T] [--force] OUT
  N accepts suffixes k and m (10k, 1m). --force replaces an OUT written by gen-kb before.";

/// Marker folder: parameters and injected-defect list; --force only deletes trees holding it.
const MARKER: &str = ".gen-kb";

// ---------------------------------------------------------------------------------------
// PRNG: SplitMix64, one independent stream per (seed, purpose, item).

#[derive(Clone)]
struct Rng(u64);

impl Rng {
    fn new(seed: u64, stream: u64, item: u64) -> Self {
        let mut r = Rng(seed
            ^ stream.wrapping_mul(0x9E37_79B9_7F4A_7C15)
            ^ item.wrapping_mul(0xD1B5_4A32_D192_ED03).rotate_left(17));
        r.next();
        r
    }
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in 0..n (n > 0).
    fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next()) * u128::from(n)) >> 64) as u64
    }
    /// Uniform in lo..=hi.
    fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.below(hi - lo + 1)
    }
    fn chance(&mut self, p: f64) -> bool {
        ((self.next() >> 11) as f64) / ((1u64 << 53) as f64) < p
    }
    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len() as u64) as usize]
    }
    /// A word from a static pool.
    fn word(&mut self, xs: &[&'static str]) -> &'static str {
        xs[self.below(xs.len() as u64) as usize]
    }
}

// Stream ids.
const S_FOLDER: u64 = 1;
const S_TITLE: u64 = 2;
const S_STATUS: u64 = 3;
const S_HEAD: u64 = 4;
const S_BODY: u64 = 5;
const S_DEFECT: u64 = 6;

// ---------------------------------------------------------------------------------------
// Dates (proleptic Gregorian, days since 1970-01-01).

fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (
        if m <= 2 {
            yoe + era * 400 + 1
        } else {
            yoe + era * 400
        },
        m,
        d,
    )
}

fn parse_ymd(s: &str) -> Option<i64> {
    let mut it = s.split('-');
    let y = it.next()?.parse().ok()?;
    let m = it.next()?.parse().ok()?;
    let d = it.next()?.parse().ok()?;
    if it.next().is_some() || !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    Some(days_from_civil(y, m, d))
}

/// Writes a date in one of the three forms the contract reads.
fn push_date(out: &mut String, day: i64, style: u64, rng: &mut Rng) {
    let (y, m, d) = civil_from_days(day);
    let _ = match style {
        0 => write!(out, "{y:04}-{m:02}-{d:02}"),
        1 => {
            let (h, min) = (rng.range(7, 18), rng.below(4) * 15);
            if rng.chance(0.5) {
                write!(out, "{y:04}-{m:02}-{d:02}T{h:02}:{min:02}:00Z")
            } else {
                write!(out, "{y:04}-{m:02}-{d:02}T{h:02}:{min:02}:00+02:00")
            }
        }
        _ => write!(out, "{m:02}/{d:02}/{y:04}"),
    };
}

const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

// ---------------------------------------------------------------------------------------
// Layout: folders, and which articles each holds. Article j's path is a pure function of j.

struct Folder {
    path: String,
    depth: usize,
    section: usize,
}

struct Layout {
    folders: Vec<Folder>,
    /// First article number of each folder, plus `n` at the end.
    starts: Vec<u64>,
    /// Folder numbers per section.
    by_section: Vec<Vec<usize>>,
}

impl Layout {
    fn new(n: u64, seed: u64) -> Layout {
        let combos: Vec<(usize, usize)> = pools::SECTIONS
            .iter()
            .enumerate()
            .flat_map(|(s, sec)| (0..sec.2.len()).map(move |a| (s, a)))
            .collect();
        let base = (n / 40).clamp(8, 150);
        let mut folders = Vec::new();
        let mut starts = Vec::new();
        let mut by_section = vec![Vec::new(); pools::SECTIONS.len()];
        let mut next = 0u64;
        let mut k = 0usize;
        while next < n {
            let (s, a) = combos[k % combos.len()];
            let generation = k / combos.len();
            let (sec, _, areas) = pools::SECTIONS[s];
            let (path, depth) = if generation == 0 {
                (format!("{sec}/{}", areas[a]), 2)
            } else {
                let g = generation - 1;
                let sub = pools::SUBFOLDERS[g % pools::SUBFOLDERS.len()];
                let round = g / pools::SUBFOLDERS.len();
                if round == 0 {
                    (format!("{sec}/{}/{sub}", areas[a]), 3)
                } else {
                    (format!("{sec}/{}/{sub}-{}", areas[a], round + 1), 3)
                }
            };
            let mut rng = Rng::new(seed, S_FOLDER, k as u64);
            let size = rng.range(base / 2, base * 3 / 2).max(1);
            starts.push(next);
            by_section[s].push(folders.len());
            folders.push(Folder {
                path,
                depth,
                section: s,
            });
            next = (next + size).min(n);
            k += 1;
        }
        starts.push(n);
        Layout {
            folders,
            starts,
            by_section,
        }
    }

    fn n(&self) -> u64 {
        self.starts.last().copied().unwrap_or(0)
    }

    fn folder_of(&self, j: u64) -> usize {
        self.starts.partition_point(|&s| s <= j) - 1
    }
}

/// What other articles need to know about article j (to link to it).
struct Ctx {
    seed: u64,
    today: i64,
    defect_rate: f64,
    layout: Layout,
}

impl Ctx {
    fn kind(&self, j: u64) -> Kind {
        pools::SECTIONS[self.layout.folders[self.layout.folder_of(j)].section].1
    }

    /// A live how-to article retired in place (status: deprecated); never linked to.
    fn deprecated(&self, j: u64) -> bool {
        self.kind(j) == Kind::HowTo && Rng::new(self.seed, S_STATUS, j).chance(0.02)
    }

    fn linkable(&self, j: u64) -> bool {
        matches!(self.kind(j), Kind::HowTo | Kind::Policy) && !self.deprecated(j)
    }

    fn object(&self, j: u64) -> usize {
        Rng::new(self.seed, S_TITLE, j).below(pools::OBJECTS.len() as u64) as usize
    }

    /// Title and file name.
    fn title(&self, j: u64) -> (String, String) {
        let mut rng = Rng::new(self.seed, S_TITLE, j);
        let (obj, _) = pools::OBJECTS[rng.below(pools::OBJECTS.len() as u64) as usize];
        let title = match self.kind(j) {
            Kind::Macro => format!("Reply: {}", capitalize(bare(obj))),
            Kind::Policy => {
                let p = *rng.pick(&[
                    "Refund policy",
                    "Service level agreement",
                    "Chargeback policy",
                    "Credit policy",
                    "Support hours and response times",
                    "Outage compensation",
                ]);
                format!("{p} for {}", bare(obj))
            }
            Kind::Changelog => {
                let (y, m, _) = civil_from_days(self.today - rng.below(1500) as i64);
                format!("Release notes: {} {y}", MONTHS[m as usize - 1])
            }
            Kind::HowTo | Kind::Archived => match rng.below(5) {
                0 | 1 => format!("{} {}", rng.word(pools::ACTIONS), obj),
                2 => format!("How to {} {}", rng.word(pools::ACTIONS).to_lowercase(), obj),
                3 => format!("Why {}?", expand_obj(rng.word(pools::PROBLEMS), obj)),
                _ => format!(
                    "{} on the {} plan",
                    capitalize(bare(obj)),
                    rng.word(pools::PLANS)
                ),
            },
        };
        let mut file = String::with_capacity(title.len() + 12);
        let mut dash = false;
        for c in title.chars() {
            if c.is_ascii_alphanumeric() {
                file.push(c.to_ascii_lowercase());
                dash = false;
            } else if !dash && !file.is_empty() {
                file.push('-');
                dash = true;
            }
        }
        while file.ends_with('-') {
            file.pop();
        }
        let _ = write!(file, "-{j}.md");
        (title, file)
    }

    /// Heading variant (which of the H_* names the article uses).
    fn head(&self, j: u64) -> usize {
        Rng::new(self.seed, S_HEAD, j).below(3) as usize
    }

    /// Relative link from article `from`'s folder to article `to`.
    fn rel(&self, from: u64, to: u64) -> String {
        let a = &self.layout.folders[self.layout.folder_of(from)].path;
        let b = &self.layout.folders[self.layout.folder_of(to)].path;
        let (_, file) = self.title(to);
        rel_path(a, b, &file)
    }
}

fn rel_path(from_dir: &str, to_dir: &str, file: &str) -> String {
    let a: Vec<&str> = from_dir.split('/').collect();
    let b: Vec<&str> = to_dir.split('/').collect();
    let common = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let mut s = String::new();
    for _ in common..a.len() {
        s.push_str("../");
    }
    for part in &b[common..] {
        s.push_str(part);
        s.push('/');
    }
    s.push_str(file);
    s
}

fn bare(obj: &str) -> &str {
    for p in ["an ", "a ", "the ", "your "] {
        if let Some(rest) = obj.strip_prefix(p) {
            return rest;
        }
    }
    obj
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

fn expand_obj(t: &str, obj: &str) -> String {
    t.replace("%o", obj)
}

/// GitHub-style heading slug (our headings are letters and spaces only).
fn slug(h: &str) -> String {
    h.chars()
        .filter_map(|c| {
            if c.is_alphanumeric() {
                Some(c.to_ascii_lowercase())
            } else if c == ' ' || c == '-' {
                Some('-')
            } else {
                None
            }
        })
        .collect()
}

// ---------------------------------------------------------------------------------------
// Article writer.

/// Template slot values for one article.
struct Slots {
    obj: &'static str,
    menu: &'static str,
    role: &'static str,
    plan: &'static str,
    feature: &'static str,
}

fn expand(out: &mut String, t: &str, s: &Slots, rng: &mut Rng) {
    let mut chars = t.chars();
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('o') => out.push_str(s.obj),
            Some('O') => out.push_str(&capitalize(bare(s.obj))),
            Some('m') => out.push_str(s.menu),
            Some('r') => out.push_str(s.role),
            Some('p') => out.push_str(s.plan),
            Some('f') => out.push_str(s.feature),
            Some('F') => out.push_str(&capitalize(s.feature)),
            Some('n') => {
                let _ = write!(out, "{}", rng.range(2, 12));
            }
            Some(other) => out.push(other),
            None => out.push('%'),
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Defect {
    Placeholder,
    BrokenLink,
    BrokenAnchor,
    StaleReview,
    Expired,
    Lapsed,
    Conflict,
    Promise,
    MissingOwner,
    MalformedDate,
    BrokenYaml,
    Tone,
}

fn choose_defect(ctx: &Ctx, j: u64, kind: Kind) -> Option<Defect> {
    let mut rng = Rng::new(ctx.seed, S_DEFECT, j);
    if !rng.chance(ctx.defect_rate) {
        return None;
    }
    use Defect::*;
    Some(match kind {
        Kind::Archived => *rng.pick(&[BrokenYaml, BrokenLink]),
        Kind::Changelog => BrokenYaml,
        Kind::Macro => *rng.pick(&[Tone, Tone, StaleReview, BrokenLink, MissingOwner]),
        Kind::Policy => *rng.pick(&[Conflict, Expired, BrokenLink, Placeholder]),
        Kind::HowTo if ctx.deprecated(j) => return None,
        Kind::HowTo => *rng.pick(&[
            Placeholder,
            Placeholder,
            BrokenLink,
            BrokenAnchor,
            StaleReview,
            StaleReview,
            Expired,
            Lapsed,
            Conflict,
            Conflict,
            Promise,
            Promise,
            MissingOwner,
            MalformedDate,
            BrokenYaml,
        ]),
    })
}

/// One article being written: its text and the injected-defect labels.
struct Writer<'a> {
    buf: &'a mut String,
    labels: &'a mut Vec<String>,
    path: &'a str,
}

impl Writer<'_> {
    /// 1-based number of the line the next character goes on.
    fn line(&self) -> usize {
        self.buf.bytes().filter(|&b| b == b'\n').count() + 1
    }
    fn label(&mut self, category: &str, line: usize, what: &str) {
        self.labels
            .push(format!("{category} {}:{line}  # {what}", self.path));
    }
}

fn write_article(ctx: &Ctx, j: u64, buf: &mut String, labels: &mut Vec<String>, path: &str) {
    buf.clear();
    let kind = ctx.kind(j);
    let folder = &ctx.layout.folders[ctx.layout.folder_of(j)];
    let mut rng = Rng::new(ctx.seed, S_BODY, j);
    let (title, _) = ctx.title(j);
    let (obj, menu) = pools::OBJECTS[ctx.object(j)];
    let slots = Slots {
        obj,
        menu,
        role: rng.word(pools::ROLES),
        plan: rng.word(pools::PLANS),
        feature: rng.word(pools::FEATURES),
    };
    let defect = choose_defect(ctx, j, kind);
    let deprecated = ctx.deprecated(j);
    let archived = kind == Kind::Archived || deprecated;
    // Verified how-to articles may state commitments; policies always are verified.
    let verified = match kind {
        Kind::Policy => true,
        Kind::HowTo => rng.chance(0.55) && defect != Some(Defect::Promise),
        _ => rng.chance(0.3),
    };
    // Still verified once the defect is in (a stale or unreadable date unverifies it).
    let can_promise = verified
        && !matches!(
            defect,
            Some(Defect::StaleReview | Defect::MalformedDate | Defect::BrokenYaml)
        );
    let mut w = Writer { buf, labels, path };

    // ---- frontmatter
    let date_style = rng.below(3);
    w.buf.push_str("---\n");
    if defect == Some(Defect::BrokenYaml) {
        // An unquoted colon-space inside a plain scalar: invalid YAML, as real KBs have.
        let line = w.line();
        let _ = writeln!(w.buf, "title: {title}: Quillstack Help Center | Support");
        w.label("parse", line, "invalid YAML in frontmatter");
    } else if title.contains(':') || title.contains('?') || rng.chance(0.3) {
        let _ = writeln!(w.buf, "title: \"{title}\"");
    } else {
        let _ = writeln!(w.buf, "title: {title}");
    }
    if rng.chance(0.25) {
        let _ = writeln!(
            w.buf,
            "id: {}",
            360_000_000_000u64 + j * 7919 % 1_000_000_000
        );
    }
    if defect == Some(Defect::MissingOwner) {
        w.label("hygiene", 1, "no owner");
    } else {
        match rng.below(6) {
            0 => {
                let _ = writeln!(
                    w.buf,
                    "owners: [{}, {}]",
                    rng.word(pools::OWNERS),
                    rng.word(pools::OWNERS)
                );
            }
            1 => {
                let _ = writeln!(
                    w.buf,
                    "owners:\n  - {}\n  - {}",
                    rng.word(pools::OWNERS),
                    rng.word(pools::OWNERS)
                );
            }
            2 => {
                let _ = writeln!(w.buf, "author: {}", rng.word(pools::OWNERS));
            }
            _ => {
                let _ = writeln!(w.buf, "owner: {}", rng.word(pools::OWNERS));
            }
        }
    }
    // Review interval (how-to articles sometimes set a shorter one).
    let interval: i64 = if kind == Kind::HowTo && rng.chance(0.15) {
        let (txt, days) = *rng.pick(&[
            ("90d", 90),
            ("12w", 84),
            ("6m", 180),
            ("1y", 365),
            ("120", 120),
        ]);
        let _ = writeln!(w.buf, "review_interval: {txt}");
        days
    } else {
        180
    };
    let date_key = *rng.pick(&[
        "last_reviewed",
        "last_reviewed",
        "last_reviewed",
        "reviewed",
        "last_verified",
        "verified_at",
        "last_updated",
        "updated",
        "date",
    ]);
    let fresh = ctx.today - rng.range(3, (interval - 10).max(10) as u64) as i64;
    let old = ctx.today - rng.range(400, 1500) as i64;
    let review_day = if archived || defect == Some(Defect::StaleReview) {
        old
    } else {
        fresh
    };
    let line = w.line();
    let quoted = date_style != 2 && rng.chance(0.2);
    let _ = write!(w.buf, "{date_key}: ");
    if defect == Some(Defect::MalformedDate) {
        let _ = writeln!(
            w.buf,
            "{}",
            rng.pick(&["2026-13-02", "next week", "31/02/2026", "2026-10"])
        );
        w.label("hygiene", line, "malformed review date");
    } else {
        if quoted {
            w.buf.push('"');
        }
        push_date(w.buf, review_day, date_style, &mut rng);
        if quoted {
            w.buf.push('"');
        }
        w.buf.push('\n');
        if defect == Some(Defect::StaleReview) {
            w.label("stale", line, "review overdue");
        }
    }
    if verified {
        let key = *rng.pick(&["verified_by", "reviewer", "reviewed_by"]);
        let _ = writeln!(w.buf, "{key}: {}", rng.word(pools::VERIFIERS));
    }
    if defect == Some(Defect::Expired) {
        let line = w.line();
        let key = *rng.pick(&["expires", "valid_until", "expiry_date"]);
        let _ = write!(w.buf, "{key}: ");
        push_date(
            w.buf,
            ctx.today - rng.range(20, 400) as i64,
            date_style,
            &mut rng,
        );
        w.buf.push('\n');
        w.label("stale", line, "expired");
    } else if !archived && kind == Kind::HowTo && rng.chance(0.08) {
        let _ = write!(w.buf, "review_by: ");
        push_date(
            w.buf,
            ctx.today + rng.range(20, 200) as i64,
            date_style,
            &mut rng,
        );
        w.buf.push('\n');
    }
    if kind == Kind::HowTo && rng.chance(0.3) {
        match rng.below(5) {
            0 => {
                let _ = writeln!(w.buf, "plan: {}", slots.plan.to_lowercase());
            }
            1 => {
                let _ = writeln!(w.buf, "plans: [pro, business]");
            }
            2 => {
                let _ = writeln!(w.buf, "region: {}", rng.pick(&["US", "EU", "UK", "APAC"]));
            }
            3 => {
                let _ = writeln!(
                    w.buf,
                    "product: {}",
                    rng.pick(&["Quillstack Books", "Quillstack Pay", "Quillstack Payroll"])
                );
            }
            _ => {
                let _ = writeln!(
                    w.buf,
                    "audience: {}",
                    rng.pick(&["admins", "accountants", "agents"])
                );
            }
        }
    }
    match kind {
        Kind::Macro => w.buf.push_str("type: macro\n"),
        Kind::Policy => w.buf.push_str("type: policy\n"),
        Kind::Changelog => w.buf.push_str("type: changelog\n"),
        _ => {
            if rng.chance(0.4) {
                w.buf.push_str("type: article\n");
            }
        }
    }
    if archived {
        if kind == Kind::Archived && rng.chance(0.4) {
            w.buf.push_str("archived: true\n");
        } else if deprecated {
            w.buf.push_str("status: deprecated\n");
        } else {
            w.buf.push_str("status: archived\n");
        }
    }
    if rng.chance(0.4) {
        let _ = writeln!(
            w.buf,
            "tags: [{}, {}]",
            rng.word(pools::TAGS),
            rng.word(pools::TAGS)
        );
    }
    if rng.chance(0.1) {
        w.buf.push_str("locale: en-us\n");
    }
    w.buf.push_str("---\n\n");

    match kind {
        Kind::Macro => body_macro(ctx, j, &mut w, &slots, &mut rng, defect),
        Kind::Changelog => body_changelog(ctx, &mut w, &slots, &mut rng),
        _ => body_howto(
            ctx,
            j,
            folder,
            &mut w,
            &slots,
            &mut rng,
            defect,
            can_promise,
            &title,
        ),
    }
}

/// `count` distinct indices into a pool of `len` (fewer if the pool is smaller).
fn distinct(rng: &mut Rng, len: usize, count: u64) -> Vec<usize> {
    let count = (count as usize).min(len);
    let mut out = Vec::with_capacity(count);
    while out.len() < count {
        let i = rng.below(len as u64) as usize;
        if !out.contains(&i) {
            out.push(i);
        }
    }
    out
}

fn paragraph(w: &mut Writer, pool: &[&'static str], count: u64, s: &Slots, rng: &mut Rng) {
    for (k, i) in distinct(rng, pool.len(), count).into_iter().enumerate() {
        if k > 0 {
            w.buf.push(' ');
        }
        expand(w.buf, pool[i], s, rng);
    }
    w.buf.push_str("\n\n");
}

fn bullets(w: &mut Writer, pool: &[&'static str], count: u64, s: &Slots, rng: &mut Rng) {
    for i in distinct(rng, pool.len(), count) {
        w.buf.push_str("- ");
        expand(w.buf, pool[i], s, rng);
        w.buf.push('\n');
    }
    w.buf.push('\n');
}

/// Picks a linkable article near `j` (same folder mostly), or a policy article.
fn link_target(ctx: &Ctx, j: u64, rng: &mut Rng, policy: bool) -> Option<u64> {
    let l = &ctx.layout;
    for _ in 0..6 {
        let cand = if policy {
            let ps = &l.by_section[8];
            if ps.is_empty() {
                return None;
            }
            let f = *rng.pick(ps);
            rng.range(l.starts[f], l.starts[f + 1] - 1)
        } else {
            let f = l.folder_of(j);
            let f = match rng.below(10) {
                0..=5 => f,
                6..=8 => {
                    let same = &l.by_section[l.folders[f].section];
                    *rng.pick(same)
                }
                _ => rng.below(l.folders.len() as u64) as usize,
            };
            rng.range(l.starts[f], l.starts[f + 1] - 1)
        };
        if cand != j && ctx.linkable(cand) {
            return Some(cand);
        }
    }
    None
}

#[allow(clippy::too_many_arguments)]
fn body_howto(
    ctx: &Ctx,
    j: u64,
    folder: &Folder,
    w: &mut Writer,
    s: &Slots,
    rng: &mut Rng,
    defect: Option<Defect>,
    can_promise: bool,
    title: &str,
) {
    let policy_kind = ctx.kind(j) == Kind::Policy;
    let h = ctx.head(j);
    if rng.chance(0.7) {
        let _ = writeln!(w.buf, "# {title}\n");
    }
    let n = rng.range(2, 4);
    paragraph(w, pools::INTRO, n, s, rng);
    if rng.chance(0.4) {
        let n = rng.range(2, 3);
        paragraph(w, pools::EXPLAIN, n, s, rng);
    }

    // Where to inject a one-sentence defect: as its own paragraph after a random section.
    let inject_at = rng.below(4);
    let inject = |w: &mut Writer, at: u64, rng: &mut Rng| {
        if at != inject_at {
            return;
        }
        let (pool, cat, what) = match defect {
            Some(Defect::Placeholder) => (pools::PLACEHOLDERS, "hygiene", "placeholder"),
            Some(Defect::Lapsed) => (pools::LAPSED, "stale", "lapsed time-bound wording"),
            Some(Defect::Conflict) => (pools::CONFLICTS, "conflict", "conflicting value"),
            Some(Defect::Promise) => (pools::UNVERIFIED_PROMISES, "promise", "unverified promise"),
            _ => return,
        };
        let line = w.line();
        expand(w.buf, rng.word(pool), s, rng);
        w.buf.push_str("\n\n");
        w.label(cat, line, what);
    };

    if policy_kind {
        let _ = writeln!(w.buf, "## Eligibility\n");
        paragraph(w, pools::PROMISES, 2, s, rng);
        inject(w, 0, rng);
        let _ = writeln!(w.buf, "## Exceptions\n");
        let _ = writeln!(
            w.buf,
            "- Workspaces closed for fraud or abuse.\n- Charges older than 12 months.\n- Fees charged by the customer's own bank.\n"
        );
        inject(w, 1, rng);
    } else {
        let _ = writeln!(w.buf, "## {}\n", pools::H_BEFORE[h]);
        let n = rng.range(1, 3);
        bullets(w, pools::REQUIREMENTS, n, s, rng);
        inject(w, 0, rng);
        let _ = writeln!(w.buf, "## {}\n", pools::H_STEPS[rng.below(3) as usize]);
        let _ = writeln!(w.buf, "1. Go to **{}**.", s.menu);
        let steps = rng.range(3, 7);
        for (k, i) in distinct(rng, pools::STEPS.len() - 1, steps - 2)
            .into_iter()
            .enumerate()
        {
            let _ = write!(w.buf, "{}. ", k + 2);
            expand(w.buf, pools::STEPS[i + 1], s, rng);
            w.buf.push('\n');
        }
        let _ = writeln!(w.buf, "{steps}. {}\n", rng.word(pools::FINAL_STEPS));
        if rng.chance(0.35) {
            let depth = folder.depth;
            let _ = writeln!(
                w.buf,
                "![Screenshot of the {} page]({}assets/{})\n",
                bare(s.obj),
                "../".repeat(depth),
                rng.word(pools::ASSETS)
            );
        }
        if rng.chance(0.45) {
            expand(w.buf, rng.word(pools::NOTES), s, rng);
            w.buf.push_str("\n\n");
        }
        inject(w, 1, rng);
    }

    if rng.chance(0.75) {
        let h = *rng.pick(&["How it works", "What happens next", "Good to know"]);
        let _ = writeln!(w.buf, "## {h}\n");
        let n = rng.range(2, 5);
        paragraph(w, pools::EXPLAIN, n, s, rng);
        if rng.chance(0.4) {
            let n = rng.range(2, 3);
            paragraph(w, pools::EXPLAIN, n, s, rng);
        }
    }
    if rng.chance(0.3) {
        w.buf.push_str("## FAQ\n\n");
        let n = rng.range(2, 4);
        for i in distinct(rng, pools::FAQ.len(), n) {
            let (q, a) = pools::FAQ[i];
            let _ = writeln!(w.buf, "**{q}**");
            expand(w.buf, a, s, rng);
            w.buf.push_str("\n\n");
        }
    }

    // Quantities: consistent facts; commitments only where verified (or next to a policy link).
    if rng.chance(0.5) {
        let n = rng.range(1, 2);
        paragraph(w, pools::FACTS, n, s, rng);
    }
    if can_promise && !policy_kind && rng.chance(0.3) {
        paragraph(w, pools::PROMISES, 1, s, rng);
    } else if !policy_kind && rng.chance(0.1) {
        if let Some(p) = link_target(ctx, j, rng, true) {
            expand(w.buf, rng.word(pools::PROMISES), s, rng);
            let (t, _) = ctx.title(p);
            let _ = writeln!(w.buf, " See [{t}]({}) for the terms.\n", ctx.rel(j, p));
        }
    }
    inject(w, 2, rng);

    match rng.below(6) {
        0 => w.buf.push_str(
            "| Plan | Users | Storage | Recurring invoices |\n|---|---:|---:|---|\n| Free | 1 | 1 GB | No |\n| Starter | 1 | 5 GB | No |\n| Pro | 3 | 50 GB | Yes |\n| Business | 10 | 500 GB | Yes |\n\n",
        ),
        1 => w.buf.push_str(
            "| Status | What it means |\n|---|---|\n| Draft | Not sent yet; only your team can see it. |\n| Sent | Emailed to the customer. |\n| Paid | Fully paid; the payment is matched. |\n| Overdue | Past its due date and not fully paid. |\n| Void | Cancelled; kept for your records. |\n\n",
        ),
        2 => {
            let _ = writeln!(
                w.buf,
                "## Example\n\nThe same change through the API:\n\n```bash\ncurl -X POST https://api.quillstack.example/v1/{}s \\\n  -H \"Authorization: Bearer $QUILLSTACK_API_KEY\" \\\n  -d '{{\"currency\": \"USD\", \"due_in_days\": {}}}'\n# TODO: replace the key with one from Settings → Developers\n```\n",
                bare(s.obj).replace(' ', "_"),
                rng.range(7, 60)
            );
        }
        3 => w.buf.push_str(
            "```csv\ndate,description,amount,currency\n2026-03-01,Invoice INV-0042,1200.00,USD\n```\n\nThe first row must be a header. Dates can be `YYYY-MM-DD` or `MM/DD/YYYY`.\n\n",
        ),
        _ => {}
    }

    let th = pools::H_TROUBLE[h];
    let _ = writeln!(w.buf, "## {th}\n");
    let n = rng.range(1, 3);
    bullets(w, pools::TROUBLE, n, s, rng);
    inject(w, 3, rng);
    if !policy_kind && rng.chance(0.3) {
        let _ = writeln!(
            w.buf,
            "If none of this helps, go back to [{}](#{}) and check each item.\n",
            pools::H_BEFORE[h],
            slug(pools::H_BEFORE[h])
        );
    }

    // Related articles: mostly valid links, some with anchors.
    let links = rng.range(1, 4);
    let mut wrote_heading = false;
    for _ in 0..links {
        let to_policy = rng.chance(0.1);
        let Some(t) = link_target(ctx, j, rng, to_policy) else {
            continue;
        };
        if !wrote_heading {
            w.buf.push_str("## Related articles\n\n");
            wrote_heading = true;
        }
        let (tt, _) = ctx.title(t);
        let mut href = ctx.rel(j, t);
        if ctx.kind(t) == Kind::HowTo && rng.chance(0.25) {
            let th = ctx.head(t);
            href.push('#');
            href.push_str(&slug(if rng.chance(0.5) {
                pools::H_BEFORE[th]
            } else {
                pools::H_TROUBLE[th]
            }));
        }
        let _ = writeln!(w.buf, "- [{tt}]({href})");
    }
    if matches!(
        defect,
        Some(Defect::BrokenLink) | Some(Defect::BrokenAnchor)
    ) {
        if !wrote_heading {
            w.buf.push_str("## Related articles\n\n");
        }
        let line = w.line();
        if defect == Some(Defect::BrokenAnchor) {
            if let Some(t) = link_target(ctx, j, rng, false) {
                let (tt, _) = ctx.title(t);
                let _ = writeln!(w.buf, "- [{tt}, step 9]({}#step-9)", ctx.rel(j, t));
                w.label("link", line, "anchor to a missing heading");
            }
        } else {
            let _ = writeln!(
                w.buf,
                "- [The old {} page]({}legacy/{}-old.md)",
                bare(s.obj),
                "../".repeat(folder.depth),
                slug(bare(s.obj))
            );
            w.label("link", line, "link to a missing article");
        }
    }
}

fn body_macro(ctx: &Ctx, j: u64, w: &mut Writer, s: &Slots, rng: &mut Rng, defect: Option<Defect>) {
    w.buf.push_str("Hi {{customer_name}},\n\n");
    paragraph(w, &pools::MACRO_LINES[..2], 2, s, rng);
    if rng.chance(0.5) {
        for i in 1..=rng.range(2, 4) {
            let _ = write!(w.buf, "{i}. ");
            expand(w.buf, rng.word(pools::STEPS), s, rng);
            w.buf.push('\n');
        }
        w.buf.push('\n');
    }
    if defect == Some(Defect::Tone) {
        let line = w.line();
        expand(w.buf, rng.word(pools::TONE), s, rng);
        w.buf.push_str("\n\n");
        w.label("tone", line, "blame or vague recovery in a macro");
    } else {
        paragraph(w, &pools::MACRO_LINES[2..], 1, s, rng);
    }
    if let Some(t) = link_target(ctx, j, rng, false) {
        let (tt, _) = ctx.title(t);
        let _ = writeln!(
            w.buf,
            "Our help article [{tt}]({}) walks through it with screenshots.\n",
            ctx.rel(j, t)
        );
    }
    if defect == Some(Defect::BrokenLink) {
        let line = w.line();
        w.buf
            .push_str("You can also read [our billing FAQ](billing-faq.md).\n\n");
        w.label("link", line, "link to a missing article");
    }
    w.buf.push_str("If anything is still unclear, just reply to this email.\n\nBest,\n{{agent_name}}\nQuillstack Support\n");
}

fn body_changelog(ctx: &Ctx, w: &mut Writer, s: &Slots, rng: &mut Rng) {
    let mut day = ctx.today - rng.range(30, 900) as i64;
    for _ in 0..rng.range(3, 6) {
        let (y, m, d) = civil_from_days(day);
        let _ = writeln!(w.buf, "## {} {d}, {y}\n", MONTHS[m as usize - 1]);
        for _ in 0..rng.range(2, 4) {
            w.buf.push_str("- ");
            expand(w.buf, rng.word(pools::RELEASES), s, rng);
            w.buf.push('\n');
        }
        w.buf.push('\n');
        day -= rng.range(14, 60) as i64;
    }
}

// ---------------------------------------------------------------------------------------
// Driver.

struct Args {
    articles: u64,
    seed: u64,
    defect_rate: f64,
    today: i64,
    threads: usize,
    force: bool,
    out: PathBuf,
}

fn parse_count(s: &str) -> Option<u64> {
    let s = s.trim().to_ascii_lowercase().replace('_', "");
    let (num, mul) = if let Some(n) = s.strip_suffix('k') {
        (n, 1_000)
    } else if let Some(n) = s.strip_suffix('m') {
        (n, 1_000_000)
    } else {
        (s.as_str(), 1)
    };
    num.parse::<u64>().ok().map(|n| n * mul)
}

fn parse_args() -> Result<Args, String> {
    let mut args = std::env::args().skip(1);
    let mut a = Args {
        articles: 0,
        seed: 1,
        defect_rate: 0.05,
        today: days_from_civil(2026, 11, 24),
        threads: std::thread::available_parallelism().map_or(2, |n| n.get()),
        force: false,
        out: PathBuf::new(),
    };
    let mut out = None;
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or(format!("{name} needs a value"));
        match arg.as_str() {
            "--articles" | "-n" => {
                let v = value("--articles")?;
                a.articles = parse_count(&v).ok_or(format!("bad --articles {v}"))?;
            }
            "--seed" => {
                let v = value("--seed")?;
                a.seed = v.parse().map_err(|_| format!("bad --seed {v}"))?;
            }
            "--defect-rate" => {
                let v = value("--defect-rate")?;
                a.defect_rate = v
                    .parse()
                    .ok()
                    .filter(|r: &f64| (0.0..=1.0).contains(r))
                    .ok_or(format!("bad --defect-rate {v} (0 to 1)"))?;
            }
            "--today" => {
                let v = value("--today")?;
                a.today = parse_ymd(&v).ok_or(format!("bad --today {v} (YYYY-MM-DD)"))?;
            }
            "--threads" => {
                let v = value("--threads")?;
                a.threads = v
                    .parse()
                    .ok()
                    .filter(|&t| t > 0)
                    .ok_or(format!("bad --threads {v}"))?;
            }
            "--force" => a.force = true,
            "-h" | "--help" => {
                println!("{USAGE}");
                std::process::exit(0);
            }
            s if s.starts_with('-') => return Err(format!("unknown option {s}")),
            s => {
                if out.replace(PathBuf::from(s)).is_some() {
                    return Err("more than one OUT folder".into());
                }
            }
        }
    }
    a.out = out.ok_or("missing OUT folder")?;
    if a.articles == 0 {
        return Err("--articles must be at least 1".into());
    }
    Ok(a)
}

fn prepare_out(out: &Path, force: bool) -> Result<(), String> {
    if out.exists() {
        let empty = std::fs::read_dir(out)
            .map_err(|e| format!("{}: {e}", out.display()))?
            .next()
            .is_none();
        if !empty {
            if !force {
                return Err(format!(
                    "{} is not empty (use --force to replace a tree gen-kb wrote)",
                    out.display()
                ));
            }
            if !out.join(MARKER).is_dir() {
                return Err(format!(
                    "{} was not written by gen-kb ({MARKER}/ missing): not deleting it",
                    out.display()
                ));
            }
            std::fs::remove_dir_all(out).map_err(|e| format!("{}: {e}", out.display()))?;
        }
    }
    std::fs::create_dir_all(out.join(MARKER)).map_err(|e| format!("{}: {e}", out.display()))
}

/// A 1×1 transparent PNG for the screenshots articles link to.
const PNG: &[u8] = &[
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4,
    0x89, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0x00, 0x01, 0x00, 0x00,
    0x05, 0x00, 0x01, 0x0D, 0x0A, 0x2D, 0xB4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE,
    0x42, 0x60, 0x82,
];

/// The injected-defect labels of one article.
type Found = (u64, Vec<String>);

fn generate(a: &Args) -> Result<(u64, u64), String> {
    prepare_out(&a.out, a.force)?;
    let ctx = Ctx {
        seed: a.seed,
        today: a.today,
        defect_rate: a.defect_rate,
        layout: Layout::new(a.articles, a.seed),
    };
    let assets = a.out.join("assets");
    std::fs::create_dir_all(&assets).map_err(|e| e.to_string())?;
    for name in pools::ASSETS {
        std::fs::write(assets.join(name), PNG).map_err(|e| e.to_string())?;
    }
    std::fs::write(
        a.out.join(".kblint.yml"),
        "# Written by gen-kb (bench/gen-kb): a synthetic KB for benchmarks.\nroot: true\n",
    )
    .map_err(|e| e.to_string())?;

    let next = AtomicUsize::new(0);
    let bytes = AtomicU64::new(0);
    let nfolders = ctx.layout.folders.len();
    let results: Vec<Result<Vec<Found>, String>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..a.threads.min(nfolders).max(1))
            .map(|_| {
                scope.spawn(|| -> Result<Vec<Found>, String> {
                    let mut buf = String::with_capacity(16 * 1024);
                    let mut path = String::with_capacity(256);
                    let mut found = Vec::new();
                    let mut written = 0u64;
                    loop {
                        let f = next.fetch_add(1, Ordering::Relaxed);
                        if f >= nfolders {
                            break;
                        }
                        let folder = &ctx.layout.folders[f];
                        let dir = a.out.join(&folder.path);
                        std::fs::create_dir_all(&dir)
                            .map_err(|e| format!("{}: {e}", dir.display()))?;
                        for j in ctx.layout.starts[f]..ctx.layout.starts[f + 1] {
                            let (_, file) = ctx.title(j);
                            path.clear();
                            path.push_str(&folder.path);
                            path.push('/');
                            path.push_str(&file);
                            let mut labels = Vec::new();
                            write_article(&ctx, j, &mut buf, &mut labels, &path);
                            let full = dir.join(&file);
                            std::fs::write(&full, buf.as_bytes())
                                .map_err(|e| format!("{}: {e}", full.display()))?;
                            written += buf.len() as u64;
                            if !labels.is_empty() {
                                found.push((j, labels));
                            }
                        }
                    }
                    bytes.fetch_add(written, Ordering::Relaxed);
                    Ok(found)
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join()
                    .unwrap_or_else(|_| Err("a writer thread panicked".into()))
            })
            .collect()
    });
    let mut all = Vec::new();
    for r in results {
        all.extend(r?);
    }
    all.sort_by_key(|(j, _)| *j);
    let mut manifest = String::from(
        "# Defects injected by gen-kb: <category> <path>:<line>  # what\n# Injected defects only: a linter may report more (e.g. the correct statements a wrong value now disagrees with).\n",
    );
    let mut count = 0;
    for (_, labels) in &all {
        for l in labels {
            manifest.push_str(l);
            manifest.push('\n');
            count += 1;
        }
    }
    let marker = a.out.join(MARKER);
    std::fs::write(marker.join("injected.txt"), manifest).map_err(|e| e.to_string())?;
    let (y, m, d) = civil_from_days(a.today);
    std::fs::write(
        marker.join("params.txt"),
        format!(
            "gen-kb {}\narticles {}\nseed {}\ndefect_rate {}\ntoday {y:04}-{m:02}-{d:02}\nfolders {nfolders}\ninjected {count}\n",
            env!("CARGO_PKG_VERSION"),
            ctx.layout.n(),
            a.seed,
            a.defect_rate
        ),
    )
    .map_err(|e| e.to_string())?;
    Ok((bytes.load(Ordering::Relaxed), count))
}

fn main() {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("gen-kb: {e}\n{USAGE}");
            std::process::exit(2);
        }
    };
    let start = Instant::now();
    match generate(&args) {
        Ok((bytes, injected)) => {
            let secs = start.elapsed().as_secs_f64();
            let _ = writeln!(
                std::io::stderr(),
                "gen-kb: wrote {} articles ({:.1} MB, {injected} injected defects) to {} in {secs:.1} s",
                args.articles,
                bytes as f64 / 1e6,
                args.out.display()
            );
        }
        Err(e) => {
            eprintln!("gen-kb: {e}");
            std::process::exit(1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_round_trip() {
        for day in [-1000, 0, 19_000, 20_781, 30_000] {
            let (y, m, d) = civil_from_days(day);
            assert_eq!(days_from_civil(y, m, d), day);
        }
        assert_eq!(parse_ymd("2026-11-24"), Some(days_from_civil(2026, 11, 24)));
        assert_eq!(civil_from_days(days_from_civil(2024, 2, 29)), (2024, 2, 29));
    }

    #[test]
    fn relative_paths() {
        assert_eq!(rel_path("a/b", "a/b", "x.md"), "x.md");
        assert_eq!(rel_path("a/b", "a/c", "x.md"), "../c/x.md");
        assert_eq!(rel_path("a/b/c", "d/e", "x.md"), "../../../d/e/x.md");
    }

    #[test]
    fn layout_covers_every_article_once() {
        for n in [1, 7, 1000, 12_345] {
            let l = Layout::new(n, 3);
            assert_eq!(l.n(), n);
            assert!(l.starts.windows(2).all(|w| w[0] < w[1]));
            let mut paths: Vec<_> = l.folders.iter().map(|f| f.path.clone()).collect();
            paths.sort();
            paths.dedup();
            assert_eq!(paths.len(), l.folders.len(), "folder paths are unique");
        }
    }

    #[test]
    fn counts() {
        assert_eq!(parse_count("10k"), Some(10_000));
        assert_eq!(parse_count("1M"), Some(1_000_000));
        assert_eq!(parse_count("1_000"), Some(1000));
    }
}
