//! Property tests of the loading path (frontmatter split, YAML, Markdown to prose spans,
//! line index): no panics, every span inside the file on character boundaries,
//! positions that round-trip, deterministic results. cargo-fuzz needs a nightly
//! toolchain, which this project's machines do not have; proptest runs on stable.

use kblint::article::{Article, Limits};
use kblint::line_index::LineIndex;
use proptest::prelude::*;

/// Markdown-and-YAML-shaped fragments, so generated inputs reach deep into the parsers.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("---\n".to_string()),
        Just("+++\n".to_string()),
        Just("title: a: b\n".to_string()),
        Just("owner: [x, {y: z}]\n".to_string()),
        Just("last_reviewed: 2026-13-45\n".to_string()),
        Just("&a [*a, *a]\n".to_string()),
        Just("# Heading {#id}\n".to_string()),
        Just("## Dup\n## Dup\n".to_string()),
        Just("| a | b |\n|---|---|\n| 1 | 2 |\n".to_string()),
        Just("> quote\n> [!NOTE]\n".to_string()),
        Just("- item\n  - nested\n".to_string()),
        Just("```\ncode TODO\n```\n".to_string()),
        Just("`inline` ".to_string()),
        Just("[link](a.md#x) ".to_string()),
        Just("![img](i.png) ".to_string()),
        Just("<!-- kblint-disable KB501 -->\n".to_string()),
        Just("<a name=\"x\"></a>".to_string()),
        Just("TODO {{var}} <<VAR>> ".to_string()),
        Just("\r\n".to_string()),
        Just("\u{FEFF}".to_string()),
        Just("日本語 😀 é ".to_string()),
        Just("&amp; \\* ".to_string()),
        // Rule-family vocabulary, so the extractors see what they look for.
        Just("We guarantee a full refund within 30 days. ".to_string()),
        Just("Support is 24/7 and costs $49/month on the Pro plan. ".to_string()),
        Just("As of Q3 2023, the offer ends March 31, 2025. Coming soon! ".to_string()),
        Just("Annual plans are non-refundable for EU customers. ".to_string()),
        Just(
            "Call +1 (415) 555-0142 or mail Support@Example.com; 9am–5pm ET, 3–5 business days. "
                .to_string()
        ),
        Just("We apologise, but this is not our fault. ".to_string()),
        Just(
            "| Plan | Price | Seats |\n|---|---|---|\n| Pro | €45 a year | 5 seats |\n".to_string()
        ),
        "[ -~]{0,20}",
        "\\PC{0,8}",
    ]
}

fn document() -> impl Strategy<Value = String> {
    prop::collection::vec(fragment(), 0..40).prop_map(|v| v.concat())
}

fn lexicons() -> &'static kblint::lexicon::Lexicons {
    static L: std::sync::OnceLock<kblint::lexicon::Lexicons> = std::sync::OnceLock::new();
    L.get_or_init(kblint::lexicon::Lexicons::embedded)
}

fn config() -> ProptestConfig {
    // PROPTEST_CASES raises the count for long runs (the figures are in the README).
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3000);
    ProptestConfig {
        cases,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn loading_never_panics_and_spans_lie_inside(doc in document()) {
        let a = Article::from_text("p.md".into(), "p.md".into(), doc, &Limits::default());
        let len = a.text.len();
        for seg in &a.md.prose {
            for (i, _) in seg.text.char_indices() {
                let o = seg.source_offset(i);
                prop_assert!(o <= len && a.text.is_char_boundary(o), "offset {o} of {len}");
            }
            let r = seg.source_range(0..seg.text.len());
            prop_assert!(r.start <= r.end && r.end <= len);
        }
        for h in &a.md.headings {
            prop_assert!(h.range.end <= len);
        }
        for l in &a.md.links {
            prop_assert!(l.range.start <= l.range.end && l.range.end <= len);
            let p = a.position(l.range.clone());
            prop_assert!(p.line >= 1 && p.column >= 1 && (p.end_line, p.end_column) >= (p.line, p.column));
        }
        if let Some(e) = &a.frontmatter_error {
            prop_assert!(e.position.line >= 1 && (e.position.line as usize) <= a.lines.line_count());
        }
    }

    #[test]
    fn positions_round_trip(doc in document()) {
        let text = doc.strip_prefix('\u{FEFF}').unwrap_or(&doc).to_string();
        let ix = LineIndex::new(&text);
        for (off, _) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
            let (line, col) = ix.line_col(&text, off);
            let start = ix.line_start(line as usize - 1);
            let back = text[start..]
                .char_indices()
                .nth(col as usize - 1)
                .map(|(i, _)| start + i)
                .unwrap_or(text.len());
            prop_assert_eq!(back, off);
        }
    }

    #[test]
    fn parsing_is_deterministic(doc in document()) {
        let a = Article::from_text("p.md".into(), "p.md".into(), doc.clone(), &Limits::default());
        let b = Article::from_text("p.md".into(), "p.md".into(), doc, &Limits::default());
        prop_assert_eq!(format!("{:?}", a.md), format!("{:?}", b.md));
        prop_assert_eq!(format!("{:?}", a.meta), format!("{:?}", b.meta));
    }

    #[test]
    fn every_rule_family_extracts_without_panicking(doc in document(), is_macro in any::<bool>()) {
        let lexicons = lexicons();
        let path = if is_macro { "macros/p.md" } else { "kb/p.md" };
        let c = kblint::discover::Candidate { display: path.into(), path: std::path::PathBuf::from("/kb").join(path) };
        let mut settings = kblint::config::Settings::defaults();
        settings.roles.is_macro = is_macro;
        let today = kblint::dates::parse_today("2026-11-24").unwrap();
        let article = Article::from_text(c.path.clone(), c.display.clone(), doc, &Limits::default());
        let text_len = article.text.len();
        let claims = kblint::claims::extract(&article, &settings, lexicons.claim_model());
        let promises = kblint::rules::promise::detect::find(&article, lexicons);
        let lines = article.lines.line_count() as u32 + 1;
        for cl in &claims {
            prop_assert!(cl.position.line >= 1 && cl.position.line <= lines);
        }
        for p in &promises {
            prop_assert!(p.position.line >= 1 && p.position.line <= lines);
        }
        let (doc, diags) = kblint::engine::check_article(Ok(article), &c, settings, lexicons, today, None);
        prop_assert!(doc.loaded);
        for d in &diags {
            prop_assert!(d.position.line >= 1 && d.position.line <= lines, "{:?} of {} bytes", d, text_len);
            prop_assert!((d.position.end_line, d.position.end_column) >= (d.position.line, d.position.column));
        }
        let corpus = kblint::engine::check_corpus(vec![doc], diags, today, lexicons.clone(), None, Vec::new(), Default::default());
        prop_assert!(corpus.internal_errors == 0);
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        let _ = Article::from_bytes("p.md".into(), "p.md".into(), bytes, &Limits::default());
    }

    #[test]
    fn yaml_never_panics(text in "[ -~\n]{0,200}") {
        let _ = kblint::yaml::parse(&text);
    }
}

/// A small KB with something for every corpus-wide rule to find: a broken anchor, a
/// missing image, a letter-case mismatch, a conflict, a placeholder, a suppression.
fn cache_kb() -> (tempfile::TempDir, Vec<kblint::diagnostic::Diagnostic>) {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let fm = "---\nowner: t\nlast_reviewed: 2026-10-01\n---\n";
    let files = [
        ("a.md", format!("{fm}# A\n\nRefunds can be requested within 30 days of any charge.\n\nSee [b](b.md#nowhere), ![x](img/x.png) and [c](C.md).\n")),
        ("b.md", format!("{fm}# B\n\nYou have two weeks from the charge to request a refund.\n\nTODO\n<!-- kblint-disable-next-line KB501 -->\nTBD\n")),
        ("c.md", format!("{fm}# C\n\nWe guarantee a full refund, always.\n")),
    ];
    for (name, text) in files {
        std::fs::write(d.join(name), text).unwrap();
    }
    let expected = run_kb(d, None);
    (dir, expected)
}

fn run_kb(
    dir: &std::path::Path,
    cache: Option<&std::path::Path>,
) -> Vec<kblint::diagnostic::Diagnostic> {
    let mut config = kblint::config::Config::discover(dir).unwrap();
    let opts = kblint::engine::Options {
        paths: vec![dir.to_path_buf()],
        today: kblint::dates::parse_today("2026-11-24").unwrap(),
        cli_rules: Default::default(),
        follow_links: false,
        no_git: true,
        cache_dir: cache.map(std::path::Path::to_path_buf),
    };
    let outcome = kblint::engine::run(&mut config, &opts).unwrap();
    assert_eq!(outcome.internal_errors, 0);
    outcome.diagnostics
}

fn described(diags: &[kblint::diagnostic::Diagnostic]) -> Vec<String> {
    diags
        .iter()
        .map(|d| {
            format!(
                "{} {} {:?} {} {:?} {}",
                d.path, d.rule.code, d.position, d.message, d.related, d.snippet
            )
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: config().cases / 30 + 1, ..ProptestConfig::default() })]

    /// A damaged cache (bytes flipped, cut short, garbage appended) never panics and never
    /// changes a finding: it is checked, and what does not check out is recomputed.
    #[test]
    fn a_damaged_cache_never_changes_the_findings(
        flips in prop::collection::vec((0.0f64..1.0, 1u8..=255), 0..6),
        cut in prop::option::of(0.0f64..1.0),
        tail in prop::collection::vec(any::<u8>(), 0..16),
    ) {
        let (dir, expected) = cache_kb();
        let cache = dir.path().join(".kblint_cache");
        prop_assert_eq!(described(&run_kb(dir.path(), Some(&cache))), described(&expected));
        let file = cache.join("kblint-cache.bin");
        let mut bytes = std::fs::read(&file).unwrap();
        for (at, x) in &flips {
            let i = ((bytes.len() as f64) * at) as usize % bytes.len();
            bytes[i] ^= x;
        }
        if let Some(at) = cut {
            bytes.truncate(((bytes.len() as f64) * at) as usize);
        }
        bytes.extend(&tail);
        std::fs::write(&file, &bytes).unwrap();
        prop_assert_eq!(described(&run_kb(dir.path(), Some(&cache))), described(&expected));
        // And the cache it rewrote (or left) serves the next run just as well.
        prop_assert_eq!(described(&run_kb(dir.path(), Some(&cache))), described(&expected));
    }
}
