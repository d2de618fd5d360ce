//! The KB health report: one self-contained HTML file (inline CSS, SVG and a little
//! script; no network) for KB owners and support leads. Everything is rendered on the
//! server side as tables, so it reads without JavaScript; the script only adds sorting
//! and filtering. Every string that comes from an article is escaped with [`esc`].

use super::{sha256, Folders, Report, TOP_LEVEL};
use crate::dates::{add_days, human_days, Date};
use crate::diagnostic::{Category, Diagnostic, Severity};
use crate::health::{ArticleFacts, Health};
use chrono::Datelike;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write;

const CSS: &str = include_str!("report.css");
const SCRIPT: &str = include_str!("report.js");

/// Appends formatted text to a `String` (writing to a `String` cannot fail).
macro_rules! w {
    ($out:expr, $($arg:tt)*) => {{
        let _ = write!($out, $($arg)*);
    }};
}

/// Escapes text for HTML content and quoted attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Escapes a message, turning balanced `` `code` `` spans into `<code>` elements.
fn msg_html(s: &str) -> String {
    let parts: Vec<&str> = s.split('`').collect();
    if parts.len() % 2 == 0 {
        return esc(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for (i, part) in parts.iter().enumerate() {
        if i % 2 == 1 {
            w!(out, "<code>{}</code>", esc(part));
        } else {
            out.push_str(&esc(part));
        }
    }
    out
}

/// Everything the sections share.
struct Ctx<'a> {
    r: &'a Report<'a>,
    folders: Folders,
    by_path: HashMap<&'a str, &'a ArticleFacts>,
}

impl<'a> Ctx<'a> {
    fn owner(&self, path: &str) -> Option<&'a str> {
        self.by_path.get(path).and_then(|a| a.owner.as_deref())
    }

    fn title(&self, path: &str) -> Option<&'a str> {
        self.by_path.get(path).and_then(|a| a.title.as_deref())
    }

    /// The path without the KB root, for display.
    fn short<'p>(&self, path: &'p str) -> &'p str {
        path.strip_prefix(self.folders.root()).unwrap_or(path)
    }

    /// `data-folder` and `data-owner` attributes for a finding or article at `path`.
    fn data(&self, path: &str) -> String {
        format!(
            " data-folder=\"{}\" data-owner=\"{}\"",
            esc(&self.folders.folder(path)),
            esc(self.owner(path).unwrap_or(NO_OWNER))
        )
    }

    /// A link to `path` at `line`, showing `short(path):line`.
    fn loc(&self, path: &str, line: u32) -> String {
        let shown = if line > 0 {
            format!("{}:{line}", self.short(path))
        } else {
            self.short(path).to_string()
        };
        format!(
            "<a href=\"{}\" title=\"{}\">{}</a>",
            esc(&self.r.links.href(path, line)),
            esc(path),
            esc(&shown)
        )
    }

    /// A link to `path` at `line`, showing `text`.
    fn loc_named(&self, path: &str, line: u32, text: &str) -> String {
        format!(
            "<a href=\"{}\" title=\"{}\">{}</a>",
            esc(&self.r.links.href(path, line)),
            esc(path),
            esc(text)
        )
    }

    /// A location cell: the link and, below it, the article's title.
    fn loc_cell(&self, path: &str, line: u32) -> String {
        let mut s = format!(
            "<td class=\"loc\" data-sort=\"{}\">{}",
            esc(&format!("{path} {line:09}")),
            self.loc(path, line)
        );
        if let Some(t) = self.title(path) {
            w!(s, "<span class=\"sub\">{}</span>", esc(&truncate(t, 60)));
        }
        s.push_str("</td>");
        s
    }
}

const NO_OWNER: &str = "(no owner)";

/// Renders the HTML report.
pub fn render(r: &Report) -> String {
    let folders = Folders::new(r.articles);
    let by_path = r.articles.iter().map(|a| (a.display.as_str(), a)).collect();
    let cx = Ctx {
        r,
        folders,
        by_path,
    };
    let name = kb_name(cx.folders.root());
    let mut o = String::with_capacity(64 * 1024 + r.diagnostics.len() * 600);
    let hash = sha256::base64(&sha256::digest(SCRIPT.as_bytes()));
    w!(
        o,
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; \
         style-src 'unsafe-inline'; script-src 'sha256-{hash}'; img-src data:; \
         base-uri 'none'; form-action 'none'\">\n\
         <meta name=\"generator\" content=\"kblint {}\">\n\
         <title>{} · KB health report</title>\n<style>\n{CSS}</style>\n</head>\n<body>\n",
        env!("CARGO_PKG_VERSION"),
        esc(&name)
    );
    masthead(&mut o, &cx, &name);
    toolbar(&mut o, &cx);
    o.push_str("<main class=\"wrap\">\n");
    health_summary(&mut o, &cx);
    findings_summary(&mut o, &cx);
    o.push_str("<div class=\"grid2\">\n");
    review_over_time(&mut o, &cx);
    review_by_folder(&mut o, &cx);
    o.push_str("</div>\n");
    owners(&mut o, &cx);
    conflicts(&mut o, &cx);
    promises(&mut o, &cx);
    simple_section(
        &mut o,
        &cx,
        "links",
        "Broken links",
        "Links to articles, headings and images of the KB that do not resolve. Agents hit a dead end; customers do too.",
        Some(Category::Link),
        |d| d.rule.category == Category::Link,
    );
    simple_section(
        &mut o,
        &cx,
        "placeholders",
        "Placeholders",
        "TODO, TBD, [insert …] and unfilled template variables left in published articles.",
        None,
        |d| d.rule.name == "placeholder",
    );
    all_findings(&mut o, &cx);
    articles(&mut o, &cx);
    o.push_str("</main>\n");
    w!(
        o,
        "<footer class=\"wrap\">Generated by kblint {} for {} on {}. Review health is read from each article's frontmatter \
         (last review + review interval, <code>review_by</code>, <code>expires</code>); “due” means within {} days.</footer>\n",
        env!("CARGO_PKG_VERSION"),
        esc(&name),
        fmt_date(r.today),
        crate::health::DUE_SOON_DAYS
    );
    w!(o, "<script>{SCRIPT}</script>\n</body>\n</html>\n");
    o
}

fn kb_name(root: &str) -> String {
    let trimmed = root.trim_end_matches('/');
    if let Some(last) = trimmed
        .rsplit('/')
        .next()
        .filter(|s| !s.is_empty() && *s != "..")
    {
        return last.to_string();
    }
    crate::discover::cwd()
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "Knowledge base".into())
}

fn masthead(o: &mut String, cx: &Ctx, name: &str) {
    let r = cx.r;
    let (e, wn, i) = crate::engine::counts(r.diagnostics);
    w!(
        o,
        "<header class=\"masthead\"><div class=\"wrap\">\
         <div class=\"eyebrow\">kblint · Knowledge base health report</div>\
         <h1>{}</h1><p class=\"subtitle\"><b>{}</b> articles checked in <code>{}</code> on <b>{}</b> · \
         <b>{}</b> findings ({} errors, {} warnings, {} info)</p></div></header>\n",
        esc(name),
        r.articles.len(),
        esc(if cx.folders.root().is_empty() {
            "."
        } else {
            cx.folders.root()
        }),
        fmt_date(r.today),
        r.diagnostics.len(),
        e,
        wn,
        i
    );
}

const NAV: &[(&str, &str)] = &[
    ("health", "Health"),
    ("owners", "Owners"),
    ("conflicts", "Conflicts"),
    ("promises", "Promises"),
    ("links", "Links"),
    ("placeholders", "Placeholders"),
    ("all", "All findings"),
    ("articles", "Articles"),
];

fn toolbar(o: &mut String, cx: &Ctx) {
    o.push_str("<div class=\"toolbar\"><div class=\"wrap\"><nav class=\"toc\">");
    for (id, label) in NAV {
        w!(o, "<a href=\"#{id}\">{label}</a>");
    }
    o.push_str("</nav><div id=\"filters\" class=\"filters\" hidden>");
    o.push_str(
        "<select id=\"f-cat\" aria-label=\"Category\"><option value=\"\">All categories</option>",
    );
    let mut per_cat: BTreeMap<Category, usize> = BTreeMap::new();
    for d in cx.r.diagnostics {
        *per_cat.entry(d.rule.category).or_default() += 1;
    }
    for (c, n) in &per_cat {
        w!(o, "<option value=\"{c}\">{} ({n})</option>", cat_label(*c));
    }
    o.push_str("</select><select id=\"f-folder\" aria-label=\"Folder\"><option value=\"\">All folders</option>");
    let mut folders: BTreeSet<String> = cx.folders.all(cx.r.articles).into_iter().collect();
    folders.extend(cx.r.diagnostics.iter().map(|d| cx.folders.folder(&d.path)));
    for f in &folders {
        w!(o, "<option value=\"{0}\">{0}</option>", esc(f));
    }
    o.push_str("</select><select id=\"f-owner\" aria-label=\"Owner\"><option value=\"\">All owners</option>");
    let mut owners: BTreeSet<&str> =
        cx.r.articles
            .iter()
            .map(|a| a.owner.as_deref().unwrap_or(NO_OWNER))
            .collect();
    owners.extend(
        cx.r.diagnostics
            .iter()
            .map(|d| cx.owner(&d.path).unwrap_or(NO_OWNER)),
    );
    for ow in &owners {
        w!(o, "<option value=\"{0}\">{0}</option>", esc(ow));
    }
    o.push_str(
        "</select><input id=\"f-q\" type=\"search\" placeholder=\"Search…\" aria-label=\"Search\">\
         <button id=\"f-reset\" type=\"button\">Reset</button><span id=\"f-shown\" class=\"shown\"></span></div></div></div>\n",
    );
}

fn health_counts(articles: &[ArticleFacts]) -> BTreeMap<Health, usize> {
    let mut m = BTreeMap::new();
    for a in articles {
        *m.entry(a.health).or_insert(0) += 1;
    }
    m
}

fn pct(n: usize, total: usize) -> String {
    if total == 0 {
        return "0%".into();
    }
    let p = n as f64 * 100.0 / total as f64;
    if p > 0.0 && p < 1.0 {
        "<1%".into()
    } else {
        format!("{}%", p.round() as u64)
    }
}

fn health_summary(o: &mut String, cx: &Ctx) {
    let counts = health_counts(cx.r.articles);
    let live: usize = Health::COUNTED
        .iter()
        .map(|h| counts.get(h).copied().unwrap_or(0))
        .sum();
    let fresh = counts.get(&Health::Fresh).copied().unwrap_or(0);
    let share = if live == 0 {
        0.0
    } else {
        fresh as f64 / live as f64
    };
    let grade = if share >= 0.8 {
        "good"
    } else if share >= 0.5 {
        "fair"
    } else {
        "poor"
    };
    w!(
        o,
        "<section id=\"health\" class=\"card\"><h2>Review health</h2>\
         <p class=\"lede\">Where the {live} live articles stand today, from their review dates, review intervals and expiry dates.</p>\
         <div class=\"health\"><div class=\"headline\"><div class=\"big {grade}\" data-fresh-share>{}</div>\
         <div class=\"what\">of live articles are fresh ({fresh} of {live})</div>{}</div><div>",
        pct(fresh, live),
        {
            let now = [Health::Overdue, Health::Expired, Health::NeverReviewed]
                .iter()
                .map(|h| counts.get(h).copied().unwrap_or(0))
                .sum::<usize>();
            if now > 0 {
                format!(
                    "<div class=\"attn\"><b>{now}</b> need{} a review now</div>",
                    if now == 1 { "s" } else { "" }
                )
            } else {
                "<div class=\"attn ok\">Nothing needs a review now</div>".into()
            }
        }
    );
    o.push_str(
        "<div class=\"hbar\" role=\"img\" aria-label=\"Share of articles by review state\">",
    );
    for h in Health::COUNTED {
        let n = counts.get(&h).copied().unwrap_or(0);
        if n > 0 {
            w!(
                o,
                "<span style=\"width:{:.3}%;background:var(--{})\" title=\"{}: {n}\"></span>",
                n as f64 * 100.0 / live.max(1) as f64,
                h.as_str(),
                h.label()
            );
        }
    }
    o.push_str("</div><div class=\"tiles\">");
    for h in Health::COUNTED {
        let n = counts.get(&h).copied().unwrap_or(0);
        w!(
            o,
            "<div class=\"tile\" style=\"--c:var(--{id})\" data-state=\"{id}\" data-count=\"{n}\">\
             <div class=\"num\">{n}</div><div class=\"lbl\">{}</div><div class=\"pct\">{} of live</div></div>",
            h.label(),
            pct(n, live),
            id = h.as_str()
        );
    }
    o.push_str("</div></div></div>");
    let archived = counts.get(&Health::Archived).copied().unwrap_or(0);
    let unreadable = counts.get(&Health::Unreadable).copied().unwrap_or(0);
    let mut notes = Vec::new();
    if archived > 0 {
        notes.push(format!(
            "{archived} archived or deprecated article{} not counted",
            plural(archived)
        ));
    }
    if unreadable > 0 {
        notes.push(format!(
            "{unreadable} unreadable file{} not counted",
            plural(unreadable)
        ));
    }
    let verified =
        cx.r.articles
            .iter()
            .filter(|a| a.health.counted() && a.verified)
            .count();
    notes.push(format!(
        "{verified} of {live} live articles are verified (a named verifier and a review within the interval)"
    ));
    w!(
        o,
        "<p class=\"note\">{}.</p></section>\n",
        notes.join(" · ")
    );
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

fn cat_label(c: Category) -> &'static str {
    match c {
        Category::Stale => "Stale",
        Category::Conflict => "Conflicts",
        Category::Promise => "Promises",
        Category::Link => "Links",
        Category::Hygiene => "Hygiene",
        Category::Tone => "Tone",
        Category::Parse => "Parse",
    }
}

fn findings_summary(o: &mut String, cx: &Ctx) {
    let r = cx.r;
    let (e, wn, i) = crate::engine::counts(r.diagnostics);
    let mut per: BTreeMap<Category, [usize; 3]> = BTreeMap::new();
    for d in r.diagnostics {
        let slot = per.entry(d.rule.category).or_default();
        match d.severity {
            Severity::Error => slot[0] += 1,
            Severity::Warning => slot[1] += 1,
            Severity::Info => slot[2] += 1,
        }
    }
    let max = per
        .values()
        .map(|v| v.iter().sum::<usize>())
        .max()
        .unwrap_or(0)
        .max(1);
    w!(
        o,
        "<section id=\"findings\" class=\"card\"><h2>Findings</h2>\
         <div class=\"totals\" id=\"sev-counts\"><span><b data-severity=\"error\" data-count=\"{e}\">{e}</b> errors</span>\
         <span><b data-severity=\"warning\" data-count=\"{wn}\">{wn}</b> warnings</span>\
         <span><b data-severity=\"info\" data-count=\"{i}\">{i}</b> info</span></div><div class=\"cats\" id=\"cat-counts\">"
    );
    for c in Category::ALL {
        let v = per.get(&c).copied().unwrap_or_default();
        let n: usize = v.iter().sum();
        let checked = r.categories_checked.contains(&c) || n > 0;
        if !checked {
            w!(
                o,
                "<div class=\"cat off\" style=\"--c:var(--c-{c})\" data-category=\"{c}\" data-count=\"0\" title=\"No {c} rule is enabled\">\
                 <div class=\"name\"><span class=\"dot\"></span>{}</div><div class=\"num\">not checked</div>\
                 <div class=\"sev\">no rule enabled</div></div>",
                cat_label(c)
            );
            continue;
        }
        let mut sev = Vec::new();
        for (k, label) in [(0, "error"), (1, "warning"), (2, "info")] {
            if v[k] > 0 {
                sev.push(format!(
                    "{} {label}{}",
                    v[k],
                    if v[k] == 1 || k == 2 { "" } else { "s" }
                ));
            }
        }
        let sev = if sev.is_empty() {
            "none found".to_string()
        } else {
            sev.join(" · ")
        };
        let inner = format!(
            "<div class=\"name\"><span class=\"dot\"></span>{}</div><div class=\"num\">{n}</div><div class=\"sev\">{sev}</div>\
             <div class=\"meter\" style=\"width:{:.1}%\"></div>",
            cat_label(c),
            n as f64 * 100.0 / max as f64
        );
        if n > 0 {
            w!(
                o,
                "<a class=\"cat\" href=\"#all\" data-set-cat=\"{c}\" style=\"--c:var(--c-{c});color:inherit;text-decoration:none\" \
                 data-category=\"{c}\" data-count=\"{n}\">{inner}</a>"
            );
        } else {
            w!(
                o,
                "<div class=\"cat nil\" style=\"--c:var(--c-{c})\" data-category=\"{c}\" data-count=\"0\">{inner}</div>"
            );
        }
    }
    o.push_str("</div></section>\n");
}

fn legend(o: &mut String, states: &[Health]) {
    o.push_str("<div class=\"legend\">");
    for h in states {
        w!(
            o,
            "<span class=\"chip\" style=\"--c:var(--{})\"><span class=\"dot\"></span>{}</span>",
            h.as_str(),
            h.label()
        );
    }
    o.push_str("</div>");
}

/// A round step for about `ticks` gridlines up to `max`.
fn nice_step(max: usize, ticks: usize) -> usize {
    let raw = (max as f64 / ticks as f64).max(1.0);
    let mag = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * mag)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * mag);
    step.max(1.0) as usize
}

const STACK: [Health; 5] = [
    Health::Fresh,
    Health::DueSoon,
    Health::Overdue,
    Health::Expired,
    Health::NeverReviewed,
];

/// Last-review dates of live articles by quarter, stacked by today's state.
fn review_over_time(o: &mut String, cx: &Ctx) {
    let today = cx.r.today;
    let q = |d: Date| d.year() * 4 + (d.month0() / 3) as i32;
    let live: Vec<&ArticleFacts> =
        cx.r.articles
            .iter()
            .filter(|a| a.health.counted())
            .collect();
    let dated: Vec<(i32, Health)> = live
        .iter()
        .filter_map(|a| {
            a.last_review
                .filter(|d| *d <= today)
                .map(|d| (q(d), a.health))
        })
        .collect();
    let undated: Vec<Health> = live
        .iter()
        .filter(|a| a.last_review.is_none_or(|d| d > today))
        .map(|a| a.health)
        .collect();
    const MAX_QUARTERS: i32 = 12;
    let last = q(today);
    let first = dated.iter().map(|(k, _)| *k).min().unwrap_or(last);
    let start = first.max(last - MAX_QUARTERS + 1);
    let earlier = first < start;
    // Columns: [earlier], quarters start..=last, [no date].
    let mut cols: Vec<(String, String, BTreeMap<Health, usize>)> = Vec::new();
    if earlier {
        cols.push((
            "Earlier".into(),
            format!("Before {}", quarter_name(start)),
            BTreeMap::new(),
        ));
    }
    for k in start..=last {
        cols.push((short_quarter(k), quarter_name(k), BTreeMap::new()));
    }
    for (k, h) in &dated {
        let idx = if *k < start {
            0
        } else {
            (k - start) as usize + usize::from(earlier)
        };
        if let Some(c) = cols.get_mut(idx) {
            *c.2.entry(*h).or_insert(0) += 1;
        }
    }
    if !undated.is_empty() {
        let mut m = BTreeMap::new();
        for h in &undated {
            *m.entry(*h).or_insert(0) += 1;
        }
        cols.push(("None".into(), "No usable review date".into(), m));
    }
    o.push_str(
        "<section id=\"review-time\" class=\"card\"><h2>Last review, by quarter</h2>\
         <p class=\"lede\">When each live article was last reviewed, coloured by where it stands today.</p>",
    );
    if live.is_empty() {
        o.push_str("<p class=\"empty\">No live articles.</p></section>\n");
        return;
    }
    let (w, h, left, right, top, bottom) = (560.0, 250.0, 34.0, 6.0, 18.0, 40.0);
    let max = cols
        .iter()
        .map(|c| c.2.values().sum::<usize>())
        .max()
        .unwrap_or(0)
        .max(1);
    let step = nice_step(max, 4);
    let ymax = max.div_ceil(step) * step;
    let plot_h = h - top - bottom;
    let plot_w = w - left - right;
    let y = |v: usize| top + plot_h - plot_h * v as f64 / ymax as f64;
    w!(
        o,
        "<svg class=\"chart\" id=\"chart-time\" viewBox=\"0 0 {w} {h}\" role=\"img\" aria-label=\"Articles by quarter of last review\">"
    );
    let mut t = 0;
    while t <= ymax {
        w!(
            o,
            "<line class=\"grid\" x1=\"{left}\" x2=\"{x2}\" y1=\"{yy:.1}\" y2=\"{yy:.1}\"/><text x=\"{tx}\" y=\"{ty:.1}\" text-anchor=\"end\">{t}</text>",
            x2 = w - right,
            yy = y(t),
            tx = left - 6.0,
            ty = y(t) + 4.0
        );
        t += step;
    }
    let n = cols.len() as f64;
    let slot = plot_w / n;
    let bw = (slot * 0.62).min(34.0);
    let mut prev_year: Option<String> = None;
    for (i, (label, long, m)) in cols.iter().enumerate() {
        let x = left + slot * i as f64 + (slot - bw) / 2.0;
        let mut acc = 0;
        for st in STACK {
            let v = m.get(&st).copied().unwrap_or(0);
            if v == 0 {
                continue;
            }
            let y1 = y(acc + v);
            let y0 = y(acc);
            w!(
                o,
                "<rect class=\"seg\" x=\"{x:.1}\" y=\"{y1:.1}\" width=\"{bw:.1}\" height=\"{:.1}\" fill=\"var(--{})\" data-state=\"{}\" data-count=\"{v}\"><title>{long}: {v} {}</title></rect>",
                (y0 - y1).max(0.5),
                st.as_str(),
                st.as_str(),
                st.label().to_lowercase()
            );
            acc += v;
        }
        let cx_ = x + bw / 2.0;
        if acc > 0 {
            w!(
                o,
                "<text class=\"val\" x=\"{cx_:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{acc}</text>",
                y(acc) - 4.0
            );
        }
        // Quarter under the bar, the year under the first quarter of each year.
        let (q_label, year) = match label.split_once(' ') {
            Some((a, b)) if a.starts_with('Q') => (a.to_string(), Some(b.to_string())),
            _ => (label.clone(), None),
        };
        w!(
            o,
            "<text x=\"{cx_:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>",
            h - bottom + 15.0,
            esc(&q_label)
        );
        if let Some(yr) = year {
            if prev_year.as_deref() != Some(yr.as_str()) {
                w!(
                    o,
                    "<text class=\"lbl\" x=\"{cx_:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>",
                    h - bottom + 31.0,
                    esc(&yr)
                );
                prev_year = Some(yr);
            }
        }
    }
    w!(
        o,
        "<line class=\"axis\" x1=\"{left}\" x2=\"{x2}\" y1=\"{yy:.1}\" y2=\"{yy:.1}\"/></svg>",
        x2 = w - right,
        yy = top + plot_h
    );
    legend(o, &STACK);
    o.push_str("</section>\n");
}

/// A folder name that fits the chart's label column: long nested names keep their end.
fn folder_label(name: &str) -> String {
    const MAX: usize = 22;
    if name.chars().count() <= MAX {
        return name.to_string();
    }
    match name.rsplit_once('/') {
        Some((_, last)) => format!("…/{}", truncate(last, MAX - 2)),
        None => truncate(name, MAX),
    }
}

fn short_quarter(k: i32) -> String {
    format!("Q{} {}", k.rem_euclid(4) + 1, k.div_euclid(4))
}

fn quarter_name(k: i32) -> String {
    format!("Q{} {}", k.rem_euclid(4) + 1, k.div_euclid(4))
}

/// Review state per folder, stacked horizontal bars.
fn review_by_folder(o: &mut String, cx: &Ctx) {
    let mut per: BTreeMap<String, BTreeMap<Health, usize>> = BTreeMap::new();
    for a in cx.r.articles.iter().filter(|a| a.health.counted()) {
        *per.entry(cx.folders.folder(&a.display))
            .or_default()
            .entry(a.health)
            .or_insert(0) += 1;
    }
    o.push_str(
        "<section id=\"review-folders\" class=\"card\"><h2>Review state by folder</h2>\
         <p class=\"lede\">Live articles per folder, worst folders first.</p>",
    );
    if per.is_empty() {
        o.push_str("<p class=\"empty\">No live articles.</p></section>\n");
        return;
    }
    let mut rows: Vec<(String, BTreeMap<Health, usize>)> = per.into_iter().collect();
    let bad = |m: &BTreeMap<Health, usize>| {
        m.iter()
            .filter(|(h, _)| **h != Health::Fresh)
            .map(|(_, v)| *v)
            .sum::<usize>()
    };
    rows.sort_by(|a, b| bad(&b.1).cmp(&bad(&a.1)).then_with(|| a.0.cmp(&b.0)));
    const MAX_ROWS: usize = 14;
    if rows.len() > MAX_ROWS {
        let rest = rows.split_off(MAX_ROWS - 1);
        let mut m = BTreeMap::new();
        for (_, r) in &rest {
            for (h, v) in r {
                *m.entry(*h).or_insert(0) += v;
            }
        }
        rows.push((format!("{} more folders", rest.len()), m));
    }
    let max = rows
        .iter()
        .map(|r| r.1.values().sum::<usize>())
        .max()
        .unwrap_or(1)
        .max(1);
    let (w, row_h, label_w, right) = (560.0, 26.0, 150.0, 34.0);
    let h = rows.len() as f64 * row_h + 6.0;
    let plot_w = w - label_w - right;
    w!(
        o,
        "<svg class=\"chart\" id=\"chart-folders\" viewBox=\"0 0 {w} {h}\" role=\"img\" aria-label=\"Review state by folder\">"
    );
    for (i, (name, m)) in rows.iter().enumerate() {
        let y = 3.0 + i as f64 * row_h;
        w!(
            o,
            "<g data-folder-row=\"{}\"><title>{}</title><text class=\"lbl\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>",
            esc(name),
            esc(name),
            label_w - 10.0,
            y + row_h / 2.0 + 4.0,
            esc(&folder_label(name))
        );
        let mut x = label_w;
        let mut total = 0;
        for st in STACK {
            let v = m.get(&st).copied().unwrap_or(0);
            if v == 0 {
                continue;
            }
            let bw = plot_w * v as f64 / max as f64;
            w!(
                o,
                "<rect class=\"seg\" x=\"{x:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"var(--{})\" data-state=\"{}\" data-count=\"{v}\"><title>{}: {v} {}</title></rect>",
                y + 4.0,
                (bw - 1.0).max(1.0),
                row_h - 8.0,
                st.as_str(),
                st.as_str(),
                esc(name),
                st.label().to_lowercase()
            );
            x += bw;
            total += v;
        }
        w!(
            o,
            "<text class=\"val\" x=\"{:.1}\" y=\"{:.1}\">{total}</text></g>",
            x + 6.0,
            y + row_h / 2.0 + 4.0
        );
    }
    o.push_str("</svg>");
    legend(o, &STACK);
    o.push_str("</section>\n");
}

/// Staleness by owner: who has what overdue.
fn owners(o: &mut String, cx: &Ctx) {
    #[derive(Default)]
    struct Row<'a> {
        counts: BTreeMap<Health, usize>,
        live: usize,
        findings: usize,
        attention: Vec<&'a ArticleFacts>,
    }
    let mut rows: BTreeMap<&str, Row> = BTreeMap::new();
    for a in cx.r.articles.iter().filter(|a| a.health.counted()) {
        let row = rows
            .entry(a.owner.as_deref().unwrap_or(NO_OWNER))
            .or_default();
        *row.counts.entry(a.health).or_insert(0) += 1;
        row.live += 1;
        if matches!(
            a.health,
            Health::Overdue | Health::Expired | Health::NeverReviewed
        ) {
            row.attention.push(a);
        }
    }
    for d in cx.r.diagnostics {
        if let Some(row) = rows.get_mut(cx.owner(&d.path).unwrap_or(NO_OWNER)) {
            row.findings += 1;
        }
    }
    let mut rows: Vec<(&str, Row)> = rows.into_iter().collect();
    let score = |r: &Row| {
        r.counts.get(&Health::Expired).copied().unwrap_or(0)
            + r.counts.get(&Health::Overdue).copied().unwrap_or(0)
            + r.counts.get(&Health::NeverReviewed).copied().unwrap_or(0)
    };
    rows.sort_by(|a, b| {
        score(&b.1)
            .cmp(&score(&a.1))
            .then(b.1.findings.cmp(&a.1.findings))
            .then(a.0.cmp(b.0))
    });
    w!(
        o,
        "<section id=\"owners\" class=\"card\" data-filterable><h2>Staleness by owner <span class=\"count\">{}</span></h2>\
         <p class=\"lede\">Who owns the live articles, and which of them need a review now. Owners with the most overdue articles first.</p>",
        rows.len()
    );
    if rows.is_empty() {
        o.push_str("<p class=\"empty\">No live articles.</p></section>\n");
        return;
    }
    o.push_str(
        "<div class=\"table-wrap\"><table class=\"sortable\" id=\"owners-table\"><thead><tr><th>Owner</th>\
         <th class=\"num\">Articles</th><th class=\"num\">Fresh</th><th class=\"num\">Due soon</th>\
         <th class=\"num\">Overdue</th><th class=\"num\">Expired</th><th class=\"num\">Never reviewed</th>\
         <th class=\"num\">Findings</th><th data-nosort>Needs review now</th></tr></thead><tbody>",
    );
    for (i, (name, row)) in rows.iter().enumerate() {
        w!(
            o,
            "<tr class=\"f-row\" data-i=\"{i}\" data-owner=\"{0}\"><td class=\"who\" data-sort=\"{1}\"><b>{0}</b><div class=\"minibar\">",
            esc(name),
            esc(&name.to_lowercase())
        );
        for st in STACK {
            let v = row.counts.get(&st).copied().unwrap_or(0);
            if v > 0 {
                w!(
                    o,
                    "<span style=\"width:{:.2}%;background:var(--{})\"></span>",
                    v as f64 * 100.0 / row.live.max(1) as f64,
                    st.as_str()
                );
            }
        }
        w!(o, "</div></td><td class=\"num\">{}</td>", row.live);
        for st in [
            Health::Fresh,
            Health::DueSoon,
            Health::Overdue,
            Health::Expired,
            Health::NeverReviewed,
        ] {
            let v = row.counts.get(&st).copied().unwrap_or(0);
            let class = match (st, v) {
                (_, 0) => "num zero",
                (Health::Expired | Health::Overdue, _) => "num hot",
                (Health::NeverReviewed | Health::DueSoon, _) => "num warm",
                _ => "num",
            };
            w!(
                o,
                "<td class=\"{class}\" data-state=\"{}\">{v}</td>",
                st.as_str()
            );
        }
        w!(
            o,
            "<td class=\"num{}\">{}</td><td>",
            if row.findings == 0 { " zero" } else { "" },
            row.findings
        );
        const SHOW: usize = 4;
        let mut att = row.attention.clone();
        att.sort_by_key(|a| (a.health != Health::Expired, a.due, a.display.as_str()));
        if att.is_empty() {
            o.push_str("<span class=\"more\">—</span>");
        } else {
            o.push_str("<ul class=\"links\">");
            for a in att.iter().take(SHOW) {
                w!(
                    o,
                    "<li>{} <span class=\"more\">{}</span></li>",
                    cx.loc_named(
                        &a.display,
                        0,
                        a.display.rsplit('/').next().unwrap_or(&a.display)
                    ),
                    esc(&why(a, cx.r.today))
                );
            }
            if att.len() > SHOW {
                w!(
                    o,
                    "<li class=\"more\">and {} more (see Articles)</li>",
                    att.len() - SHOW
                );
            }
            o.push_str("</ul>");
        }
        o.push_str("</td></tr>");
    }
    o.push_str("</tbody></table></div><p class=\"empty f-empty\" hidden>No owner matches the filters.</p></section>\n");
}

/// A short reason an article needs attention: "overdue 3 months", "expired 12 days ago".
fn why(a: &ArticleFacts, today: Date) -> String {
    match a.health {
        Health::Expired => match a.expires {
            Some(e) => format!("expired {} ago", human_days((today - e).num_days())),
            None => "expired".into(),
        },
        Health::Overdue => match a.due {
            Some(d) => format!("overdue by {}", human_days((today - d).num_days())),
            None => "overdue".into(),
        },
        Health::NeverReviewed => match a.last_review {
            Some(d) if d > today => "review date in the future".into(),
            _ => "never reviewed".into(),
        },
        Health::DueSoon => match (a.due, a.expires) {
            (_, Some(e)) if e <= add_days(today, crate::health::DUE_SOON_DAYS) && e >= today => {
                format!("expires in {}", human_days((e - today).num_days()))
            }
            (Some(d), _) => format!("due in {}", human_days((d - today).num_days())),
            _ => "due soon".into(),
        },
        Health::Fresh => match a.due {
            Some(d) => format!("next review {}", fmt_date(d)),
            None => "fresh".into(),
        },
        Health::Archived => "archived".into(),
        Health::Unreadable => "could not be read".into(),
    }
}

/// Quoted values in a message: `"…"`, `“…”` and `` `…` ``.
fn quoted(msg: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = msg;
    while let Some((i, open)) = rest
        .char_indices()
        .find(|(_, c)| matches!(c, '"' | '“' | '`'))
    {
        let close = match open {
            '“' => '”',
            c => c,
        };
        let after = &rest[i + open.len_utf8()..];
        match after.find(close) {
            Some(j) => {
                let v = after[..j].trim();
                if !v.is_empty() {
                    out.push(v);
                }
                rest = &after[j + close.len_utf8()..];
            }
            None => break,
        }
    }
    out
}

/// The fact a conflict message is about: the words before its first quoted value.
fn fact_name(msg: &str) -> Option<String> {
    let cut = msg.find(['"', '“', '`'])?;
    let mut name = msg[..cut].trim();
    for suffix in [" is", " are", " was", ":", " =", " of", " states", " says"] {
        if let Some(s) = name.strip_suffix(suffix) {
            name = s.trim();
        }
    }
    (!name.is_empty() && name.chars().count() <= 60).then(|| name.to_string())
}

/// A conflict: the findings that refer to one another, and the values each place states.
struct Cluster<'a> {
    diags: Vec<&'a Diagnostic>,
    places: BTreeMap<(String, u32), Place>,
}

/// One place taking part in a conflict.
struct Place {
    /// The value it states.
    value: String,
    /// Whether it has a finding of its own (else it is only a related place).
    own: bool,
    /// The finding's or the related place's message.
    message: String,
}

fn clusters<'a>(diags: &[&'a Diagnostic]) -> Vec<Cluster<'a>> {
    // Union-find over findings; two findings join when one's place is the other's
    // place or one of its related places.
    let mut parent: Vec<usize> = (0..diags.len()).collect();
    fn find(p: &mut [usize], mut i: usize) -> usize {
        while p[i] != i {
            p[i] = p[p[i]];
            i = p[i];
        }
        i
    }
    let mut at: HashMap<(&str, u32), usize> = HashMap::new();
    for (i, d) in diags.iter().enumerate() {
        let places = std::iter::once((d.path.as_str(), d.position.line))
            .chain(d.related.iter().map(|r| (r.path.as_str(), r.line)));
        for key in places {
            match at.get(&key) {
                Some(&j) => {
                    let (a, b) = (find(&mut parent, i), find(&mut parent, j));
                    if a != b {
                        parent[a.max(b)] = a.min(b);
                    }
                }
                None => {
                    at.insert(key, i);
                }
            }
        }
    }
    let mut groups: BTreeMap<usize, Vec<&'a Diagnostic>> = BTreeMap::new();
    for (i, d) in diags.iter().enumerate() {
        let root = find(&mut parent, i);
        groups.entry(root).or_default().push(d);
    }
    groups
        .into_values()
        .map(|ds| {
            let mut places = BTreeMap::new();
            for d in &ds {
                let value = quoted(&d.message)
                    .first()
                    .map(|s| s.to_string())
                    .or_else(|| {
                        let s = d.snippet.trim();
                        (!s.is_empty() && s.chars().count() <= 120).then(|| s.to_string())
                    })
                    .unwrap_or_else(|| d.message.clone());
                places.insert(
                    (d.path.clone(), d.position.line),
                    Place {
                        value,
                        own: true,
                        message: d.message.clone(),
                    },
                );
            }
            for d in &ds {
                for r in &d.related {
                    places.entry((r.path.clone(), r.line)).or_insert_with(|| {
                        let v = quoted(&r.message)
                            .first()
                            .map(|s| s.to_string())
                            .unwrap_or_else(|| r.message.clone());
                        Place {
                            value: v,
                            own: false,
                            message: r.message.clone(),
                        }
                    });
                }
            }
            Cluster { diags: ds, places }
        })
        .collect()
}

fn section_head(o: &mut String, id: &str, title: &str, n: usize, lede: &str) {
    w!(
        o,
        "<section id=\"{id}\" class=\"card\" data-filterable><h2>{title} <span class=\"count\">{n}</span></h2><p class=\"lede\">{lede}</p>"
    );
}

fn not_checked(o: &mut String, cx: &Ctx, c: Category, none: &str) {
    if cx.r.categories_checked.contains(&c) {
        w!(o, "<p class=\"empty\">{none}</p>");
    } else {
        w!(
            o,
            "<p class=\"empty\">Not checked: no {c} rule is enabled for this run.</p>"
        );
    }
}

fn conflicts(o: &mut String, cx: &Ctx) {
    let diags: Vec<&Diagnostic> =
        cx.r.diagnostics
            .iter()
            .filter(|d| d.rule.category == Category::Conflict)
            .collect();
    let groups = clusters(&diags);
    section_head(
        o,
        "conflicts",
        "Conflicting facts",
        groups.len(),
        "The same fact stated with different values. Each card shows the competing values side by side and the articles that state each.",
    );
    if groups.is_empty() {
        not_checked(o, cx, Category::Conflict, "No conflicting facts found.");
        o.push_str("</section>\n");
        return;
    }
    for g in &groups {
        let title = g
            .diags
            .iter()
            .find_map(|d| fact_name(&d.message))
            .unwrap_or_else(|| "Conflicting statements".into());
        // Group places by the value they state (case- and space-insensitive).
        type Group<'g> = (String, Vec<(&'g (String, u32), &'g Place)>);
        let mut values: Vec<Group> = Vec::new();
        for (place, info) in &g.places {
            let norm = info
                .value
                .to_lowercase()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            match values.iter_mut().find(|(k, _)| *k == norm) {
                Some((_, v)) => v.push((place, info)),
                None => values.push((norm, vec![(place, info)])),
            }
        }
        let n_articles: BTreeSet<&str> = g.places.keys().map(|(p, _)| p.as_str()).collect();
        w!(
            o,
            "<article class=\"conflict f-group\" data-cat=\"conflict\" data-findings=\"{}\"><h3>{} \
             <span class=\"more\">· {} value{} in {} file{}</span></h3><div class=\"values\">",
            g.diags.len(),
            esc(&title),
            values.len(),
            plural(values.len()),
            n_articles.len(),
            plural(n_articles.len())
        );
        for (_, places) in &values {
            let shown = &places[0].1.value;
            w!(
                o,
                "<div class=\"value\"><div class=\"v\">“{}”</div><ul>",
                esc(&truncate(shown, 140))
            );
            for ((path, line), info) in places {
                let own = &info.own;
                w!(
                    o,
                    "<li{}{}>{}",
                    cx.data(path),
                    if *own { " data-finding" } else { "" },
                    cx.loc(path, *line)
                );
                if let Some(owner) = cx.owner(path) {
                    w!(o, " <span class=\"sub\">· {}</span>", esc(owner));
                } else if !own {
                    w!(
                        o,
                        " <span class=\"sub\">· {}</span>",
                        esc(&truncate(&info.message, 60))
                    );
                }
                o.push_str("</li>");
            }
            o.push_str("</ul></div>");
        }
        o.push_str("</div><details class=\"msgs\"><summary>Messages</summary><ul>");
        for d in &g.diags {
            w!(
                o,
                "<li><span class=\"badge {0}\">{0}</span> {1}: {2} <code>{3}</code></li>",
                d.severity,
                cx.loc(&d.path, d.position.line),
                msg_html(&d.message),
                d.rule.code
            );
        }
        o.push_str("</ul></details></article>");
    }
    o.push_str(
        "<p class=\"empty f-empty\" hidden>No conflict matches the filters.</p></section>\n",
    );
}

/// The header and rows of a findings table.
fn findings_table(
    o: &mut String,
    cx: &Ctx,
    diags: &[&Diagnostic],
    id: Option<&str>,
    with_cat: bool,
) {
    let id_attr = id.map(|i| format!(" id=\"{i}\"")).unwrap_or_default();
    w!(
        o,
        "<div class=\"table-wrap\"><table class=\"sortable\"{id_attr}><thead><tr><th>Severity</th>{}<th>Where</th>\
         <th>Finding</th><th>Owner</th><th>Rule</th></tr></thead><tbody>",
        if with_cat { "<th>Category</th>" } else { "" }
    );
    for (i, d) in diags.iter().enumerate() {
        let rank = match d.severity {
            Severity::Error => 0,
            Severity::Warning => 1,
            Severity::Info => 2,
        };
        w!(
            o,
            "<tr class=\"f-row\" data-i=\"{i}\" data-cat=\"{}\"{}><td data-sort=\"{rank}\"><span class=\"badge {}\">{}</span></td>",
            d.rule.category,
            cx.data(&d.path),
            d.severity,
            d.severity
        );
        if with_cat {
            w!(
                o,
                "<td><span class=\"chip\" style=\"--c:var(--c-{0})\"><span class=\"dot\"></span>{0}</span></td>",
                d.rule.category
            );
        }
        o.push_str(&cx.loc_cell(&d.path, d.position.line));
        w!(o, "<td class=\"msg\">{}", msg_html(&d.message));
        if !d.related.is_empty() {
            o.push_str("<span class=\"sub\">see ");
            for (k, rel) in d.related.iter().take(5).enumerate() {
                if k > 0 {
                    o.push_str(", ");
                }
                o.push_str(&cx.loc(&rel.path, rel.line));
            }
            if d.related.len() > 5 {
                w!(o, " and {} more", d.related.len() - 5);
            }
            o.push_str("</span>");
        }
        w!(
            o,
            "</td><td class=\"who\">{}</td><td class=\"rule\"><code>{}</code><span class=\"sub\">{}</span></td></tr>",
            match cx.owner(&d.path) {
                Some(ow) => esc(ow),
                None => "<span class=\"more\">—</span>".into(),
            },
            d.rule.code,
            d.rule.name
        );
    }
    o.push_str("</tbody></table></div>");
}

fn promises(o: &mut String, cx: &Ctx) {
    let diags: Vec<&Diagnostic> =
        cx.r.diagnostics
            .iter()
            .filter(|d| d.rule.category == Category::Promise)
            .collect();
    section_head(
        o,
        "promises",
        "Unverified promises, by folder",
        diags.len(),
        "Commitments to customers (refunds, deadlines, credits, guarantees) in articles nobody has verified recently.",
    );
    if diags.is_empty() {
        not_checked(o, cx, Category::Promise, "No unverified promises found.");
        o.push_str("</section>\n");
        return;
    }
    let mut by_folder: BTreeMap<String, Vec<&Diagnostic>> = BTreeMap::new();
    for d in diags {
        by_folder
            .entry(cx.folders.folder(&d.path))
            .or_default()
            .push(d);
    }
    let mut groups: Vec<(String, Vec<&Diagnostic>)> = by_folder.into_iter().collect();
    groups.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then_with(|| a.0.cmp(&b.0)));
    for (folder, ds) in &groups {
        w!(
            o,
            "<div class=\"subgroup\" data-filterable data-subgroup><h3 class=\"group\">{} <span class=\"count\">{}</span></h3>",
            esc(if folder == TOP_LEVEL { "Top level" } else { folder }),
            ds.len()
        );
        findings_table(o, cx, ds, None, false);
        o.push_str("</div>");
    }
    o.push_str("<p class=\"empty f-empty\" hidden>No promise matches the filters.</p></section>\n");
}

fn simple_section(
    o: &mut String,
    cx: &Ctx,
    id: &str,
    title: &str,
    lede: &str,
    category: Option<Category>,
    pick: impl Fn(&Diagnostic) -> bool,
) {
    let diags: Vec<&Diagnostic> = cx.r.diagnostics.iter().filter(|d| pick(d)).collect();
    section_head(o, id, title, diags.len(), lede);
    if diags.is_empty() {
        match category {
            Some(c) => not_checked(o, cx, c, "None found."),
            None => o.push_str("<p class=\"empty\">None found.</p>"),
        }
        o.push_str("</section>\n");
        return;
    }
    findings_table(o, cx, &diags, None, false);
    o.push_str("<p class=\"empty f-empty\" hidden>Nothing matches the filters.</p></section>\n");
}

fn all_findings(o: &mut String, cx: &Ctx) {
    let mut diags: Vec<&Diagnostic> = cx.r.diagnostics.iter().collect();
    // Errors first; the contract's order within a severity.
    diags.sort_by_key(|d| std::cmp::Reverse(d.severity));
    section_head(
        o,
        "all",
        "All findings",
        diags.len(),
        "Every finding, errors first. Filter with the bar at the top; click a column to sort.",
    );
    if diags.is_empty() {
        o.push_str("<p class=\"empty\">No findings. A clean knowledge base.</p></section>\n");
        return;
    }
    findings_table(o, cx, &diags, Some("all-table"), true);
    o.push_str("<p class=\"empty f-empty\" hidden>No finding matches the filters.</p></section>\n");
}

fn articles(o: &mut String, cx: &Ctx) {
    let today = cx.r.today;
    let mut list: Vec<&ArticleFacts> = cx.r.articles.iter().collect();
    let rank = |h: Health| match h {
        Health::Expired => 0,
        Health::Overdue => 1,
        Health::NeverReviewed => 2,
        Health::DueSoon => 3,
        Health::Fresh => 4,
        Health::Unreadable => 5,
        Health::Archived => 6,
    };
    list.sort_by(|a, b| {
        rank(a.health)
            .cmp(&rank(b.health))
            .then(a.due.cmp(&b.due))
            .then(a.display.cmp(&b.display))
    });
    let mut findings: HashMap<&str, usize> = HashMap::new();
    for d in cx.r.diagnostics {
        *findings.entry(d.path.as_str()).or_default() += 1;
    }
    section_head(
        o,
        "articles",
        "Articles",
        list.len(),
        "Every article with its review state, most urgent first.",
    );
    if list.is_empty() {
        o.push_str("<p class=\"empty\">No articles.</p></section>\n");
        return;
    }
    o.push_str(
        "<div class=\"table-wrap\"><table class=\"sortable\" id=\"articles-table\"><thead><tr><th>Article</th><th>State</th>\
         <th>Owner</th><th>Folder</th><th>Last review</th><th>Next review</th><th>Expires</th><th class=\"num\">Findings</th></tr></thead><tbody>",
    );
    for (i, a) in list.iter().enumerate() {
        let date_cell = |d: Option<Date>| match d {
            Some(d) => format!("<td class=\"date\" data-sort=\"{d}\">{}</td>", fmt_date(d)),
            None => "<td class=\"date\" data-sort=\"\"><span class=\"more\">—</span></td>".into(),
        };
        w!(
            o,
            "<tr class=\"f-row\" data-i=\"{i}\"{} data-state=\"{}\">{}<td data-sort=\"{}\"><span class=\"state\" style=\"--c:var(--{})\">\
             <span class=\"dot\"></span>{}</span>{}</td><td class=\"who\">{}</td><td>{}</td>{}{}{}<td class=\"num{}\">{}</td></tr>",
            cx.data(&a.display),
            a.health.as_str(),
            cx.loc_cell(&a.display, 0),
            rank(a.health),
            a.health.as_str(),
            a.health.label(),
            if a.health == Health::Fresh {
                String::new()
            } else {
                format!("<span class=\"sub\">{}</span>", esc(&why(a, today)))
            },
            match &a.owner {
                Some(ow) => esc(ow),
                None => "<span class=\"more\">—</span>".into(),
            },
            esc(&cx.folders.folder(&a.display)),
            date_cell(a.last_review),
            date_cell(a.due),
            date_cell(a.expires),
            if findings.contains_key(a.display.as_str()) {
                ""
            } else {
                " zero"
            },
            findings.get(a.display.as_str()).copied().unwrap_or(0)
        );
    }
    o.push_str("</tbody></table></div><p class=\"empty f-empty\" hidden>No article matches the filters.</p></section>\n");
}

fn fmt_date(d: Date) -> String {
    d.format("%-d %b %Y").to_string()
}

fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut t: String = s.chars().take(max.saturating_sub(1)).collect();
    t.push('…');
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_everything_that_matters() {
        assert_eq!(
            esc("<script>\"a\" & 'b'</script>"),
            "&lt;script&gt;&quot;a&quot; &amp; &#39;b&#39;&lt;/script&gt;"
        );
    }

    #[test]
    fn quoted_values_and_fact_names() {
        let m = "Refund window is \"30 days\" here but \"14 days\" in account/cancel.md:8";
        assert_eq!(quoted(m), vec!["30 days", "14 days"]);
        assert_eq!(fact_name(m).as_deref(), Some("Refund window"));
        assert_eq!(quoted("Pro price: “$45” vs `$49`"), vec!["$45", "$49"]);
        assert_eq!(fact_name("no quotes here"), None);
    }

    use crate::diagnostic::{Position, Related};
    use crate::health::ArticleFacts;
    use crate::report::Links;
    use crate::rules::RuleMeta;

    static CONFLICT: RuleMeta = RuleMeta {
        code: "KB201",
        name: "conflicting-fact",
        category: Category::Conflict,
        severity: Severity::Warning,
        default_enabled: true,
        summary: "",
        docs: "",
    };
    static PROMISE: RuleMeta = RuleMeta {
        code: "KB301",
        name: "unverified-promise",
        category: Category::Promise,
        severity: Severity::Warning,
        default_enabled: true,
        summary: "",
        docs: "",
    };

    fn diag(
        rule: &'static RuleMeta,
        path: &str,
        line: u32,
        msg: &str,
        related: &[(&str, u32, &str)],
    ) -> Diagnostic {
        Diagnostic {
            rule,
            severity: rule.severity,
            path: path.into(),
            position: Position {
                line,
                column: 1,
                end_line: line,
                end_column: 2,
            },
            message: msg.into(),
            related: related
                .iter()
                .map(|(p, l, m)| Related {
                    path: (*p).into(),
                    line: *l,
                    column: 1,
                    message: (*m).into(),
                })
                .collect(),
            snippet: String::new(),
        }
    }

    fn article(path: &str, owner: &str, health: Health) -> ArticleFacts {
        let today = crate::dates::parse_date("2026-11-24").unwrap();
        ArticleFacts {
            display: path.into(),
            title: Some(format!("Title of {path}")),
            owner: Some(owner.into()),
            loaded: true,
            retired: health == Health::Archived,
            last_review: Some(add_days(today, -40)),
            interval: 180,
            due: Some(add_days(today, 140)),
            expires: None,
            verified: false,
            health,
        }
    }

    /// Conflicts group into one card per disagreement, values side by side, and
    /// hostile values stay escaped. `KBLINT_SAMPLE_REPORT=FILE` writes the page for a look.
    #[test]
    fn conflicts_side_by_side_and_escaped() {
        let diags = vec![
            diag(&CONFLICT, "kb/billing/refunds.md", 15, "Refund window is \"14 days\" here but \"30 days\" in kb/policies/refund-policy.md:15", &[("kb/policies/refund-policy.md", 15, "states \"30 days\"")]),
            diag(&PROMISE, "kb/billing/refunds.md", 17, "Unverified promise: \"you'll get a full refund, no questions asked\"", &[]),
            diag(&CONFLICT, "kb/billing/terms.md", 9, "Refund window is \"30 days\" here but \"14 days\" in kb/billing/refunds.md:15", &[("kb/billing/refunds.md", 15, "states \"14 days\"")]),
            diag(&CONFLICT, "kb/policies/refund-policy.md", 15, "Refund window is \"30 days\" here but \"14 days\" in kb/billing/refunds.md:15", &[("kb/billing/refunds.md", 15, "states \"14 days\"")]),
            diag(&CONFLICT, "kb/x/evil.md", 3, "Support phone is \"<script>alert(1)</script>\" here but \"+1 (415) 555-0142\" in facts.yml", &[("kb/facts.yml", 4, "registered fact \"+1 (415) 555-0142\"")]),
        ];
        let articles = vec![
            article("kb/billing/refunds.md", "billing-team", Health::Fresh),
            article("kb/billing/terms.md", "billing-team", Health::Overdue),
            article("kb/policies/refund-policy.md", "legal", Health::DueSoon),
            article(
                "kb/x/evil.md",
                "\"><img src=x onerror=alert(2)>",
                Health::Expired,
            ),
            article("kb/archive/old.md", "nobody", Health::Archived),
        ];
        let report = Report {
            diagnostics: &diags,
            files: articles.len(),
            color: false,
            statistics: false,
            quiet: false,
            articles: &articles,
            categories_checked: &Category::ALL,
            today: crate::dates::parse_date("2026-11-24").unwrap(),
            links: Links::default(),
        };
        let html = render(&report);
        if let Ok(path) = std::env::var("KBLINT_SAMPLE_REPORT") {
            std::fs::write(path, &html).unwrap();
        }
        assert_eq!(
            html.matches("<article class=\"conflict f-group\"").count(),
            2
        );
        let first = &html[html.find("<article class=\"conflict").unwrap()..];
        let first = &first[..first.find("</article>").unwrap()];
        assert!(first.contains("<h3>Refund window "), "{first}");
        assert!(first.contains("data-findings=\"3\""));
        assert_eq!(
            first.matches("<div class=\"value\">").count(),
            2,
            "14 days vs 30 days"
        );
        assert_eq!(
            first.matches("data-finding").count(),
            4,
            "3 findings + the card's data-findings"
        );
        assert!(html.contains("“&lt;script&gt;alert(1)&lt;/script&gt;”"));
        assert!(
            html.contains("title=\"kb/facts.yml\">facts.yml:4</a>"),
            "a related-only place is shown"
        );
        assert!(!html.contains("<script>alert") && !html.contains("<img"));
        assert!(html.contains("id=\"promises\""));
        assert!(html.contains("data-category=\"promise\" data-count=\"1\""));
        assert!(html.contains("data-state=\"archived\""));
    }

    #[test]
    fn nice_steps() {
        assert_eq!(nice_step(4, 4), 1);
        assert_eq!(nice_step(9, 4), 5);
        assert_eq!(nice_step(37, 4), 10);
        assert_eq!(nice_step(230, 4), 100);
    }
}
