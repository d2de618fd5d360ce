//! Configuration: `.kblint.yml` files, found upward from the checked path and in
//! subfolders, layered so the closest one wins, resolved per article.

use crate::article::Limits;
use crate::dates;
use crate::diagnostic::{Category, Severity};
use crate::lexicon::EntrySpec;
use crate::rules::{self, RuleMeta};
use globset::{Glob, GlobBuilder, GlobSet, GlobSetBuilder};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The configuration file name.
pub const FILE_NAME: &str = ".kblint.yml";

/// A string or a number in YAML (`review_interval: 90` or `90d`).
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(untagged)]
pub enum Scalar {
    /// A number.
    Num(u64),
    /// A string.
    Str(String),
}

impl Scalar {
    fn text(&self) -> String {
        match self {
            Scalar::Num(n) => n.to_string(),
            Scalar::Str(s) => s.clone(),
        }
    }
}

/// Settings that can differ by folder or glob (also the body of an `overrides` entry).
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
pub struct RuleSettings {
    /// Only these rules (codes, names or categories); replaces the inherited selection.
    pub select: Option<Vec<String>>,
    /// Adds rules to the inherited selection.
    pub extend_select: Option<Vec<String>>,
    /// Turns rules off.
    pub ignore: Option<Vec<String>>,
    /// Severity per rule, name or category: `error`, `warning`, `info` or `off`.
    pub severity: Option<BTreeMap<String, String>>,
    /// Default review interval (`90d`, `12w`, `6m`, `1y`, days).
    pub review_interval: Option<Scalar>,
    /// Overdue by more than this many further intervals escalates to error.
    pub overdue_error_after: Option<Scalar>,
    /// Required frontmatter: semantic fields (`owner`, `last_review`, `verifier`,
    /// `review_by`, `expires`) or literal keys.
    pub required: Option<Vec<String>>,
}

/// `limits:` in configuration: what one file may cost to load.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct LimitsSpec {
    /// Largest file read (`10MB`, `512KB`, bytes).
    pub file_size: Option<Scalar>,
    /// Largest frontmatter block.
    pub frontmatter_size: Option<Scalar>,
    /// Deepest YAML nesting.
    pub yaml_depth: Option<usize>,
    /// Most YAML values after alias expansion.
    pub yaml_nodes: Option<usize>,
    /// Deepest Markdown list/blockquote nesting.
    pub nesting: Option<usize>,
}

/// One `overrides` entry: settings for the files matching some globs.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
pub struct Override {
    /// Globs, relative to the config file's folder.
    pub files: Vec<String>,
    /// The settings.
    #[serde(flatten)]
    pub settings: RuleSettings,
}

/// A `.kblint.yml` as written. Unknown keys are rejected by [`check_keys`] before
/// deserializing (serde cannot deny unknown fields through `flatten`).
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
pub struct ConfigFile {
    /// Stop looking for parent configuration above this file.
    pub root: Option<bool>,
    /// Fixed "today" (`YYYY-MM-DD`).
    pub today: Option<String>,
    /// Rule settings for this folder.
    #[serde(flatten)]
    pub rules: RuleSettings,
    /// File extensions of articles.
    pub extensions: Option<Vec<String>>,
    /// Globs of files and folders to skip.
    pub exclude: Option<Vec<String>>,
    /// Resource limits for hostile input.
    pub limits: Option<LimitsSpec>,
    /// Path of the canonical facts registry.
    pub facts: Option<String>,
    /// Globs of policy articles (they back promises).
    pub policy: Option<Vec<String>>,
    /// Globs of reply macros (tone rules apply; template variables allowed).
    pub macros: Option<Vec<String>>,
    /// Globs of changelogs and release notes (dated history, never stale).
    pub changelogs: Option<Vec<String>>,
    /// Globs of archive folders (kept for history, like `status: archived`).
    pub archive: Option<Vec<String>>,
    /// Extra lexicon entries by lexicon name.
    pub lexicons: Option<BTreeMap<String, Vec<EntrySpec>>>,
    /// Settings for files matching globs.
    pub overrides: Option<Vec<Override>>,
    /// Base URL to turn paths into links in reports.
    pub base_url: Option<String>,
}

/// A configuration error: exit code 2 with the file and line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    /// The config file.
    pub path: String,
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// What is wrong.
    pub message: String,
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(l) => write!(f, "{}:{l}: {}", self.path, self.message),
            None => write!(f, "{}: {}", self.path, self.message),
        }
    }
}

const RULE_KEYS: &[&str] = &[
    "select",
    "extend_select",
    "ignore",
    "severity",
    "review_interval",
    "overdue_error_after",
    "required",
];

const TOP_KEYS: &[&str] = &[
    "root",
    "today",
    "select",
    "extend_select",
    "ignore",
    "severity",
    "review_interval",
    "overdue_error_after",
    "required",
    "extensions",
    "exclude",
    "limits",
    "facts",
    "policy",
    "macros",
    "changelogs",
    "archive",
    "lexicons",
    "overrides",
    "base_url",
];

/// The closest of `candidates` to `word`, if close enough to suggest.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (levenshtein(word, c), c))
        .filter(|(d, c)| *d <= 2.max(c.len() / 3))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != *cb))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// Finds the 1-based line where `needle` first appears in `text`.
pub fn line_of(text: &str, needle: &str) -> Option<usize> {
    text.find(needle)
        .map(|i| text[..i].matches('\n').count() + 1)
}

/// A loaded configuration file and the folder its globs are relative to.
#[derive(Debug, Clone)]
pub struct Layer {
    /// The file.
    pub path: PathBuf,
    /// Its folder.
    pub dir: PathBuf,
    /// Its contents.
    pub file: ConfigFile,
    overrides: Vec<(GlobSet, RuleSettings)>,
    exclude: Option<GlobSet>,
    macros: Option<GlobSet>,
    policy: Option<GlobSet>,
    changelogs: Option<GlobSet>,
    archive: Option<GlobSet>,
}

/// Compiles globs written relative to a folder. A glob without `/` matches at any depth.
pub fn glob_set(patterns: &[String]) -> Result<GlobSet, String> {
    let mut b = GlobSetBuilder::new();
    for p in patterns {
        let p = p.trim_start_matches("./");
        let full = if p.contains('/') {
            p.to_string()
        } else {
            format!("**/{p}")
        };
        for variant in [full.clone(), format!("{}/**", full.trim_end_matches('/'))] {
            let g: Glob = GlobBuilder::new(&variant)
                .literal_separator(true)
                .build()
                .map_err(|e| format!("bad glob `{p}`: {e}"))?;
            b.add(g);
        }
    }
    b.build().map_err(|e| e.to_string())
}

impl Layer {
    /// Reads and validates one configuration file.
    pub fn load(path: &Path) -> Result<Layer, ConfigError> {
        let shown = crate::discover::display_path(path);
        let text = std::fs::read_to_string(path).map_err(|e| ConfigError {
            path: shown.clone(),
            line: None,
            message: format!("cannot read: {e}"),
        })?;
        Layer::parse(path, &text)
    }

    /// Parses configuration text that came from `path`.
    pub fn parse(path: &Path, text: &str) -> Result<Layer, ConfigError> {
        let shown = crate::discover::display_path(path);
        let err = |line: Option<usize>, message: String| ConfigError {
            path: shown.clone(),
            line,
            message,
        };
        let file: ConfigFile = if text.trim().is_empty() {
            ConfigFile::default()
        } else {
            let raw = crate::yaml::parse(text).map_err(|e| err(e.line, e.message.clone()))?;
            check_keys(&raw, text).map_err(|(line, m)| err(line, m))?;
            crate::yaml::from_str(text).map_err(|e| err(e.line, e.message.clone()))?
        };
        let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
        let set = |globs: &Option<Vec<String>>| -> Result<Option<GlobSet>, ConfigError> {
            globs
                .as_ref()
                .map(|g| glob_set(g).map_err(|m| err(g.first().and_then(|x| line_of(text, x)), m)))
                .transpose()
        };
        let mut overrides = Vec::new();
        for o in file.overrides.iter().flatten() {
            let gs = glob_set(&o.files)
                .map_err(|m| err(o.files.first().and_then(|x| line_of(text, x)), m))?;
            validate_rule_settings(&o.settings, text, &err)?;
            overrides.push((gs, o.settings.clone()));
        }
        validate_rule_settings(&file.rules, text, &err)?;
        if let Some(t) = &file.today {
            if dates::parse_today(t).is_none() {
                return Err(err(
                    line_of(text, "today"),
                    format!("`today: {t}` is not a YYYY-MM-DD date"),
                ));
            }
        }
        if let Some(lex) = &file.lexicons {
            for (name, entries) in lex {
                for e in entries {
                    crate::lexicon::compile(&e.pattern, e.case_sensitive).map_err(|m| {
                        err(
                            line_of(text, &e.pattern).or_else(|| line_of(text, &e.id)),
                            format!("lexicon `{name}`, entry `{}`: invalid pattern: {m}", e.id),
                        )
                    })?;
                }
            }
        }
        if let Some(l) = &file.limits {
            for (key, v) in [
                ("file_size", &l.file_size),
                ("frontmatter_size", &l.frontmatter_size),
            ] {
                if let Some(v) = v {
                    if parse_size(&v.text()).is_none() {
                        return Err(err(
                            line_of(text, key),
                            format!(
                                "`{key}: {}` is not a size like 10MB, 256KB or bytes",
                                v.text()
                            ),
                        ));
                    }
                }
            }
        }
        Ok(Layer {
            exclude: set(&file.exclude)?,
            macros: set(&file.macros)?,
            policy: set(&file.policy)?,
            changelogs: set(&file.changelogs)?,
            archive: set(&file.archive)?,
            overrides,
            path: path.to_path_buf(),
            dir,
            file,
        })
    }

    fn rel<'a>(&self, path: &'a Path) -> Option<&'a Path> {
        path.strip_prefix(&self.dir).ok()
    }

    /// Whether this layer's `exclude` globs match `path`.
    pub fn excludes(&self, path: &Path) -> bool {
        match (&self.exclude, self.rel(path)) {
            (Some(set), Some(rel)) => set.is_match(rel),
            _ => false,
        }
    }
}

/// Rejects unknown keys at the top level and in `overrides`, with a did-you-mean.
fn check_keys(raw: &crate::yaml::Value, text: &str) -> Result<(), (Option<usize>, String)> {
    use crate::yaml::Value;
    let unknown = |key: &str, known: &[&str], line_hint: &str| {
        let msg = match did_you_mean(key, known.iter().copied()) {
            Some(s) => format!("unknown key `{key}`; did you mean `{s}`?"),
            None => format!("unknown key `{key}`; known keys: {}", known.join(", ")),
        };
        (line_of(text, line_hint), msg)
    };
    let Value::Map(top) = raw else {
        return Err((
            Some(1),
            "configuration must be a mapping of keys to values".into(),
        ));
    };
    for (k, v) in top {
        if !TOP_KEYS.contains(&k.as_str()) {
            return Err(unknown(k, TOP_KEYS, &format!("{k}:")));
        }
        if k == "overrides" {
            let Value::Seq(items) = v else {
                return Err((
                    line_of(text, "overrides"),
                    "`overrides` must be a list".into(),
                ));
            };
            for item in items {
                let Value::Map(entries) = item else {
                    return Err((
                        line_of(text, "overrides"),
                        "each override is a mapping with `files`".into(),
                    ));
                };
                let mut keys = vec!["files"];
                keys.extend_from_slice(RULE_KEYS);
                for (ok, _) in entries {
                    if !keys.contains(&ok.as_str()) {
                        return Err(unknown(ok, &keys, &format!("{ok}:")));
                    }
                }
                if !entries.iter().any(|(k, _)| k == "files") {
                    return Err((
                        line_of(text, "overrides"),
                        "an override needs `files`".into(),
                    ));
                }
            }
        }
    }
    Ok(())
}

fn validate_rule_settings(
    s: &RuleSettings,
    text: &str,
    err: &dyn Fn(Option<usize>, String) -> ConfigError,
) -> Result<(), ConfigError> {
    let check = |sel: &str| -> Result<(), ConfigError> {
        if !rules::is_known_selector(sel) {
            let names = rules::REGISTRY
                .iter()
                .flat_map(|r| [r.meta.code, r.meta.name])
                .chain(Category::ALL.iter().map(|c| c.as_str()));
            let hint = did_you_mean(sel, names)
                .map(|s| format!("; did you mean `{s}`?"))
                .unwrap_or_default();
            return Err(err(
                line_of(text, sel),
                format!("unknown rule or category `{sel}`{hint}"),
            ));
        }
        Ok(())
    };
    for list in [&s.select, &s.extend_select, &s.ignore]
        .into_iter()
        .flatten()
    {
        for sel in list {
            check(sel)?;
        }
    }
    for (sel, level) in s.severity.iter().flatten() {
        check(sel)?;
        if level != "off" && Severity::parse(level).is_none() {
            return Err(err(
                line_of(text, level),
                format!("severity `{level}` is not one of error, warning, info, off"),
            ));
        }
    }
    if let Some(i) = &s.review_interval {
        if dates::parse_interval(&i.text()).is_none() {
            return Err(err(
                line_of(text, "review_interval"),
                format!(
                    "`review_interval: {}` is not an interval like 90d, 12w, 6m, 1y",
                    i.text()
                ),
            ));
        }
    }
    Ok(())
}

/// Parses `10MB`, `512KB`, `1GiB` or bytes.
pub fn parse_size(s: &str) -> Option<u64> {
    let s = s.trim().to_ascii_lowercase();
    let split = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    let n: u64 = s[..split].parse().ok()?;
    let mult = match s[split..].trim() {
        "" | "b" => 1,
        "k" | "kb" | "kib" => 1024,
        "m" | "mb" | "mib" => 1024 * 1024,
        "g" | "gb" | "gib" => 1024 * 1024 * 1024,
        _ => return None,
    };
    n.checked_mul(mult)
}

/// How an article is used, from globs and `type:`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Roles {
    /// A reply macro.
    pub is_macro: bool,
    /// A policy article.
    pub is_policy: bool,
    /// A changelog or release notes.
    pub is_changelog: bool,
    /// In an archive folder: kept for history, treated like `status: archived`.
    pub is_archive: bool,
}

/// The settings in force for one article.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    /// Effective severity per rule (registry order); `None` = off.
    pub rules: Vec<Option<Severity>>,
    /// Default review interval in days.
    pub review_interval: u32,
    /// Overdue by more than this many further intervals is an error.
    pub overdue_error_after: u32,
    /// Required frontmatter fields or keys.
    pub required: Vec<String>,
    /// Role globs matched for this path.
    pub roles: Roles,
}

impl Default for Settings {
    fn default() -> Self {
        Settings::defaults()
    }
}

impl Settings {
    /// The built-in defaults.
    pub fn defaults() -> Settings {
        Settings {
            rules: rules::REGISTRY
                .iter()
                .map(|r| r.meta.default_enabled.then_some(r.meta.severity))
                .collect(),
            review_interval: 180,
            overdue_error_after: 1,
            required: vec!["owner".into(), "last_review".into()],
            roles: Roles::default(),
        }
    }

    /// The severity of a rule, or `None` when it is off.
    pub fn severity(&self, meta: &RuleMeta) -> Option<Severity> {
        rules::index_of(meta.code).and_then(|i| self.rules[i])
    }

    /// Applies one layer of rule settings on top of these.
    pub fn apply(&mut self, s: &RuleSettings) {
        if let Some(sel) = &s.select {
            let keep: Vec<usize> = sel.iter().flat_map(|x| rules::select(x)).collect();
            for (i, r) in rules::REGISTRY.iter().enumerate() {
                self.rules[i] = keep
                    .contains(&i)
                    .then_some(self.rules[i].unwrap_or(r.meta.severity));
            }
        }
        for x in s.extend_select.iter().flatten() {
            for i in rules::select(x) {
                self.rules[i].get_or_insert(rules::REGISTRY[i].meta.severity);
            }
        }
        for x in s.ignore.iter().flatten() {
            for i in rules::select(x) {
                self.rules[i] = None;
            }
        }
        for (x, level) in s.severity.iter().flatten() {
            for i in rules::select(x) {
                self.rules[i] = Severity::parse(level);
            }
        }
        if let Some(iv) = s
            .review_interval
            .as_ref()
            .and_then(|i| dates::parse_interval(&i.text()))
        {
            self.review_interval = iv;
        }
        if let Some(n) = s
            .overdue_error_after
            .as_ref()
            .and_then(|i| i.text().parse().ok())
        {
            self.overdue_error_after = n;
        }
        if let Some(r) = &s.required {
            self.required = r.clone();
        }
    }
}

/// All configuration layers of a run, and how to resolve them per article.
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// Layers from the outermost (root) inwards; subfolder layers are added during discovery.
    pub layers: Vec<Layer>,
    /// Set when `--config` named the file: no other configuration is read.
    pub explicit: bool,
}

const DEFAULT_MACROS: &[&str] = &["macros", "macro", "reply-macros", "replies"];
const DEFAULT_CHANGELOGS: &[&str] = &[
    "changelog",
    "changelogs",
    "release-notes",
    "releasenotes",
    "CHANGELOG.md",
    "changelog.md",
    "whats-new",
    "release-notes.md",
];
const DEFAULT_POLICY: &[&str] = &["policies", "policy", "legal", "terms"];
const DEFAULT_ARCHIVE: &[&str] = &[
    "archive",
    "archived",
    "archives",
    "_archive",
    "deprecated",
    "retired",
    "obsolete",
];

impl Config {
    /// `--config FILE`: that file only.
    pub fn explicit(path: &Path) -> Result<Config, ConfigError> {
        let abs = crate::discover::absolute(path);
        Ok(Config {
            layers: vec![Layer::load(&abs)?],
            explicit: true,
        })
    }

    /// Finds `.kblint.yml` from `start` upwards, stopping at a `root: true` file or the
    /// top of a Git work tree.
    pub fn discover(start: &Path) -> Result<Config, ConfigError> {
        let abs = crate::discover::absolute(start);
        let mut dir = if abs.is_dir() {
            Some(abs.as_path())
        } else {
            abs.parent()
        };
        let mut found = Vec::new();
        while let Some(d) = dir {
            let candidate = d.join(FILE_NAME);
            if candidate.is_file() {
                let layer = Layer::load(&candidate)?;
                let stop = layer.file.root == Some(true);
                found.push(layer);
                if stop {
                    break;
                }
            }
            if d.join(".git").exists() {
                break;
            }
            dir = d.parent();
        }
        found.reverse();
        Ok(Config {
            layers: found,
            explicit: false,
        })
    }

    /// Adds a subfolder's configuration found during discovery (if not already loaded).
    pub fn add_layer(&mut self, layer: Layer) {
        if !self.layers.iter().any(|l| l.path == layer.path) {
            self.layers.push(layer);
            // Outer folders first, so inner ones override them.
            self.layers.sort_by_key(|l| l.dir.components().count());
        }
    }

    /// Layers that apply to `path` (outermost first).
    pub fn layers_for<'a>(&'a self, path: &'a Path) -> impl Iterator<Item = &'a Layer> + 'a {
        self.layers.iter().filter(move |l| path.starts_with(&l.dir))
    }

    /// The innermost value of a global setting.
    fn innermost<T>(&self, f: impl Fn(&ConfigFile) -> Option<T>) -> Option<T> {
        self.layers.iter().rev().find_map(|l| f(&l.file))
    }

    /// `today` from configuration.
    pub fn today(&self) -> Option<dates::Date> {
        self.innermost(|f| f.today.as_deref().and_then(dates::parse_today))
    }

    /// Article extensions (lowercase, without dot).
    pub fn extensions(&self) -> Vec<String> {
        self.innermost(|f| f.extensions.clone())
            .unwrap_or_else(|| vec!["md".into(), "markdown".into()])
            .into_iter()
            .map(|e| e.trim_start_matches('.').to_ascii_lowercase())
            .collect()
    }

    /// Resource limits: built-in defaults, each overridable under `limits:`.
    pub fn limits(&self) -> Limits {
        let d = Limits::default();
        let size = |f: fn(&LimitsSpec) -> &Option<Scalar>| {
            self.innermost(|c| {
                c.limits
                    .as_ref()
                    .and_then(|l| f(l).as_ref())
                    .and_then(|s| parse_size(&s.text()))
            })
        };
        let count =
            |f: fn(&LimitsSpec) -> Option<usize>| self.innermost(|c| c.limits.as_ref().and_then(f));
        Limits {
            max_file_size: size(|l| &l.file_size).unwrap_or(d.max_file_size),
            max_frontmatter_size: size(|l| &l.frontmatter_size)
                .map(|n| n as usize)
                .unwrap_or(d.max_frontmatter_size),
            max_yaml_depth: count(|l| l.yaml_depth).unwrap_or(d.max_yaml_depth),
            max_yaml_nodes: count(|l| l.yaml_nodes).unwrap_or(d.max_yaml_nodes),
            max_nesting: count(|l| l.nesting).unwrap_or(d.max_nesting),
        }
    }

    /// The facts registry path, resolved against its config file's folder.
    pub fn facts_path(&self) -> Option<PathBuf> {
        self.layers
            .iter()
            .rev()
            .find_map(|l| l.file.facts.as_ref().map(|f| l.dir.join(f)))
    }

    /// Base URL for report links.
    pub fn base_url(&self) -> Option<String> {
        self.innermost(|f| f.base_url.clone())
    }

    /// User lexicon entries from every layer.
    pub fn lexicon_extensions(&self) -> BTreeMap<String, Vec<EntrySpec>> {
        let mut out: BTreeMap<String, Vec<EntrySpec>> = BTreeMap::new();
        for l in &self.layers {
            for (k, v) in l.file.lexicons.iter().flatten() {
                out.entry(k.clone()).or_default().extend(v.iter().cloned());
            }
        }
        out
    }

    /// Whether any layer excludes `path` (absolute).
    pub fn excludes(&self, path: &Path) -> bool {
        self.layers_for(path).any(|l| l.excludes(path))
    }

    /// The settings in force for the article at absolute `path`.
    pub fn settings_for(&self, path: &Path) -> Settings {
        let mut s = Settings::defaults();
        let layers: Vec<&Layer> = self.layers_for(path).collect();
        for l in &layers {
            s.apply(&l.file.rules);
        }
        for l in &layers {
            if let Some(rel) = l.rel(path) {
                for (set, o) in &l.overrides {
                    if set.is_match(rel) {
                        s.apply(o);
                    }
                }
            }
        }
        s.roles = self.roles_for(path, &layers);
        s
    }

    fn roles_for(&self, path: &Path, layers: &[&Layer]) -> Roles {
        let role = |pick: fn(&Layer) -> &Option<GlobSet>, defaults: &[&str]| -> bool {
            let configured = layers
                .iter()
                .rev()
                .find_map(|l| pick(l).as_ref().map(|s| (l, s)));
            match configured {
                Some((l, set)) => l.rel(path).is_some_and(|r| set.is_match(r)),
                None => path.components().any(|c| {
                    let c = c.as_os_str().to_string_lossy();
                    defaults.iter().any(|d| c.eq_ignore_ascii_case(d))
                }),
            }
        };
        Roles {
            is_macro: role(|l| &l.macros, DEFAULT_MACROS),
            is_policy: role(|l| &l.policy, DEFAULT_POLICY),
            is_changelog: role(|l| &l.changelogs, DEFAULT_CHANGELOGS),
            is_archive: role(|l| &l.archive, DEFAULT_ARCHIVE),
        }
    }

    /// Human-readable resolved settings for `--show-settings`.
    pub fn describe(&self, path: &Path) -> String {
        let abs = crate::discover::absolute(path);
        let s = self.settings_for(&abs);
        let mut out = String::new();
        out.push_str(&format!(
            "Settings for {}\n",
            crate::discover::display_path(&abs)
        ));
        out.push_str("Configuration files (outermost first):\n");
        let layers: Vec<&Layer> = self.layers_for(&abs).collect();
        if layers.is_empty() {
            out.push_str("  (none: built-in defaults)\n");
        }
        for l in layers {
            out.push_str(&format!("  {}\n", crate::discover::display_path(&l.path)));
        }
        out.push_str(&format!(
            "today: {}\n",
            self.today()
                .map(|d| d.to_string())
                .unwrap_or_else(|| "(local date)".into())
        ));
        out.push_str(&format!("extensions: {}\n", self.extensions().join(", ")));
        out.push_str(&format!("review_interval: {}d\n", s.review_interval));
        out.push_str(&format!("overdue_error_after: {}\n", s.overdue_error_after));
        out.push_str(&format!("required: {}\n", s.required.join(", ")));
        out.push_str(&format!(
            "roles: macro={} policy={} changelog={} archive={}\n",
            s.roles.is_macro, s.roles.is_policy, s.roles.is_changelog, s.roles.is_archive
        ));
        if let Some(f) = self.facts_path() {
            out.push_str(&format!("facts: {}\n", crate::discover::display_path(&f)));
        }
        out.push_str("rules:\n");
        for (i, r) in rules::REGISTRY.iter().enumerate() {
            let sev = s.rules[i].map(|s| s.as_str()).unwrap_or("off");
            out.push_str(&format!("  {} {:<28} {}\n", r.meta.code, r.meta.name, sev));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_key_suggests() {
        let e = Layer::parse(Path::new("/x/.kblint.yml"), "selct: [KB501]\n").unwrap_err();
        assert!(e.message.contains("did you mean `select`"), "{}", e.message);
        assert_eq!(e.line, Some(1));
    }

    #[test]
    fn unknown_rule_suggests() {
        let e = Layer::parse(Path::new("/x/.kblint.yml"), "ignore:\n  - placeholdr\n").unwrap_err();
        assert!(
            e.message.contains("did you mean `placeholder`"),
            "{}",
            e.message
        );
        assert_eq!(e.line, Some(2));
    }

    #[test]
    fn bad_user_pattern_names_the_line() {
        let text = "lexicons:\n  placeholders:\n    - id: mine\n      pattern: '(unclosed'\n";
        let e = Layer::parse(Path::new("/x/.kblint.yml"), text).unwrap_err();
        assert_eq!(e.line, Some(4));
        assert!(e.message.contains("invalid pattern"));
    }

    #[test]
    fn layering_and_overrides() {
        let root = Layer::parse(
            Path::new("/kb/.kblint.yml"),
            "review_interval: 90d\nignore: [tone]\noverrides:\n  - files: ['archive/**']\n    ignore: [stale]\n",
        )
        .unwrap();
        let sub = Layer::parse(
            Path::new("/kb/team/.kblint.yml"),
            "severity: {placeholder: error}\n",
        )
        .unwrap();
        let mut c = Config::default();
        c.add_layer(sub);
        c.add_layer(root);
        let s = c.settings_for(Path::new("/kb/team/a.md"));
        assert_eq!(s.review_interval, 90);
        let ph = rules::REGISTRY
            .iter()
            .position(|r| r.meta.name == "placeholder")
            .unwrap();
        assert_eq!(s.rules[ph], Some(Severity::Error));
        let s2 = c.settings_for(Path::new("/kb/a.md"));
        assert_eq!(s2.rules[ph], Some(Severity::Warning));
        let s3 = c.settings_for(Path::new("/kb/archive/old.md"));
        assert!(rules::REGISTRY
            .iter()
            .enumerate()
            .filter(|(_, r)| r.meta.category == Category::Stale)
            .all(|(i, _)| s3.rules[i].is_none()));
    }

    #[test]
    fn sizes() {
        assert_eq!(parse_size("10MB"), Some(10 * 1024 * 1024));
        assert_eq!(parse_size("512"), Some(512));
        assert_eq!(parse_size("big"), None);
    }
}
