//! A hostile corpus, generated here (never committed as huge files): every file ends as a
//! clear diagnostic or a documented skip, the rest of the KB is still checked, and the
//! run stays within bounded time and memory.

mod common;
use common::*;
use std::fs;
use std::path::Path;
use std::time::{Duration, Instant};

/// Builds the hostile KB; returns the names of files that must get a `parse` finding.
fn build(d: &Path) -> Vec<&'static str> {
    let fresh = "---\nowner: t\nlast_reviewed: 2026-10-01\n---\n";
    write(
        d,
        "good.md",
        format!("{fresh}# Good\n\nPrice: TBD\n").as_bytes(),
    );
    // Invalid UTF-8 at several offsets: first byte, middle of a multi-byte char, last byte.
    write(d, "utf8-first.md", b"\xff---\nowner: t\n");
    write(
        d,
        "utf8-middle.md",
        "---\nowner: t\n---\nCaf\u{e9} "
            .as_bytes()
            .iter()
            .copied()
            .chain(*b"\xc3(x\n")
            .collect::<Vec<_>>()
            .as_slice(),
    );
    write(d, "utf8-last.md", b"# Title\n\nok\xe2\x82");
    write(d, "nul.md", b"# Title\n\nText with a NUL \0 byte\n");
    write(
        d,
        "binary.md",
        (0..4096u32)
            .map(|i| (i * 7 % 256) as u8)
            .collect::<Vec<_>>(),
    );
    // 50 MB on one line: over the size limit, never read.
    write(d, "huge-line.md", vec![b'a'; 50 * 1024 * 1024]);
    // 1,000,000 headings (under the size limit: parsed, in bounded time).
    let mut many = String::from(fresh);
    for i in 0..1_000_000 {
        many.push_str(if i % 2 == 0 { "# a\n" } else { "# b\n" });
    }
    write(d, "million-headings.md", many.as_bytes());
    // 10,000-deep nested lists and blockquotes.
    write(d, "deep-lists.md", "- ".repeat(10_000).as_bytes());
    let mut quotes = String::new();
    for i in 0..10_000 {
        quotes.push_str(&">".repeat(i % 64 + 1));
        quotes.push('\n');
    }
    quotes.push_str(&">".repeat(10_000));
    write(d, "deep-quotes.md", quotes.as_bytes());
    let mut indented = String::new();
    for i in 0..2000 {
        indented.push_str(&" ".repeat(i * 2));
        indented.push_str("- item\n");
    }
    write(d, "deep-indent.md", indented.as_bytes());
    // YAML bomb ("billion laughs") and deeply nested YAML.
    let mut bomb = String::from("---\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..12 {
        let p = i - 1;
        bomb.push_str(&format!(
            "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
        ));
    }
    bomb.push_str("---\nbody\n");
    write(d, "yaml-bomb.md", bomb.as_bytes());
    write(
        d,
        "yaml-deep.md",
        format!(
            "---\nx: {}{}\n---\nbody\n",
            "[".repeat(5000),
            "]".repeat(5000)
        )
        .as_bytes(),
    );
    write(
        d,
        "yaml-deep-map.md",
        format!(
            "---\nx: {}1{}\n---\nbody\n",
            "{a: ".repeat(200),
            "}".repeat(200)
        )
        .as_bytes(),
    );
    // 1 MB of frontmatter.
    let mut big = String::from("---\n");
    for i in 0..40_000 {
        big.push_str(&format!("key{i}: value value value\n"));
    }
    big.push_str("---\nbody\n");
    write(d, "big-frontmatter.md", big.as_bytes());
    write(
        d,
        "duplicate-keys.md",
        b"---\nowner: a\nowner: b\nlast_reviewed: 2026-10-01\n---\nbody\n",
    );
    write(
        d,
        "tags-anchors.md",
        b"---\nowner: &o !!str team\nreviewer: *o\nlast_reviewed: !custom 2026-10-01\n---\nbody\n",
    );
    write(d, "empty.md", b"");
    write(d, "only-frontmatter.md", fresh.as_bytes());
    write(d, "unterminated.md", b"---\nowner: t\n\n# never closed\n");
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let name = std::ffi::OsStr::from_bytes(b"caf\xe9-latin1-name.md");
        fs::write(
            d.join(name),
            b"# Title\n\nTODO in a file with a non-UTF-8 name\n",
        )
        .unwrap();
        fs::create_dir_all(d.join("loops")).unwrap();
        std::os::unix::fs::symlink("..", d.join("loops/parent")).unwrap();
        std::os::unix::fs::symlink("a.md", d.join("loops/a.md")).unwrap(); // dangling self-loop
    }
    vec![
        "utf8-first.md",
        "utf8-middle.md",
        "utf8-last.md",
        "nul.md",
        "binary.md",
        "huge-line.md",
        "deep-lists.md",
        "deep-quotes.md",
        "yaml-bomb.md",
        "yaml-deep.md",
        "yaml-deep-map.md",
        "big-frontmatter.md",
        "duplicate-keys.md",
        "unterminated.md",
        "deep-indent.md",
    ]
}

/// Runs kblint, sampling the child's peak resident memory from /proc.
fn run_measured(dir: &Path, args: &[&str]) -> (std::process::Output, u64, Duration) {
    let start = Instant::now();
    let mut child = kblint()
        .current_dir(dir)
        .args(args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let status_path = format!("/proc/{}/status", child.id());
    let mut peak_kb = 0u64;
    let stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        std::io::Read::read_to_end(&mut std::io::BufReader::new(stdout), &mut buf).unwrap();
        buf
    });
    loop {
        if let Ok(s) = fs::read_to_string(&status_path) {
            if let Some(line) = s.lines().find(|l| l.starts_with("VmHWM:")) {
                let kb: u64 = line
                    .split_whitespace()
                    .nth(1)
                    .unwrap_or("0")
                    .parse()
                    .unwrap_or(0);
                peak_kb = peak_kb.max(kb);
            }
        }
        if child.try_wait().unwrap().is_some() {
            break;
        }
        assert!(
            start.elapsed() < Duration::from_secs(120),
            "kblint did not finish within 2 minutes"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    let stdout = reader.join().unwrap();
    let mut stderr = Vec::new();
    std::io::Read::read_to_end(&mut child.stderr.take().unwrap(), &mut stderr).unwrap();
    let status = child.wait().unwrap();
    (
        std::process::Output {
            status,
            stdout,
            stderr,
        },
        peak_kb,
        start.elapsed(),
    )
}

#[test]
fn hostile_corpus_is_checked_to_the_end_in_bounded_time_and_memory() {
    let dir = tempfile::tempdir().unwrap();
    let must_be_parse = build(dir.path());
    let (out, peak_kb, elapsed) = run_measured(
        dir.path(),
        &["check", "--format", "json", "--today", "2026-11-24"],
    );
    assert_eq!(
        out.status.code(),
        Some(1),
        "exit 1 (parse errors), no crash: {}",
        stderr(&out)
    );
    let v = json(&out);
    let diags = v["diagnostics"].as_array().unwrap();
    let on = |path: &str| {
        diags
            .iter()
            .filter(|x| x["path"] == path)
            .cloned()
            .collect::<Vec<_>>()
            .into_iter()
    };
    for f in &must_be_parse {
        assert!(
            on(f).any(|x| x["category"] == "parse"),
            "{f} has a parse finding: {:?}",
            on(f).collect::<Vec<_>>()
        );
    }
    assert!(
        on("good.md").any(|x| x["code"] == "KB501"),
        "the good file is still checked"
    );
    assert!(on("huge-line.md").any(|x| x["code"] == "KB003"));
    assert!(
        on("utf8-middle.md").any(|x| x["code"] == "KB002" && x["line"] == 4),
        "{:?}",
        on("utf8-middle.md").collect::<Vec<_>>()
    );
    assert!(on("utf8-last.md").any(|x| x["code"] == "KB002" && x["line"] == 3));
    // Files that are odd but valid: no parse finding.
    for f in [
        "million-headings.md",
        "tags-anchors.md",
        "empty.md",
        "only-frontmatter.md",
    ] {
        assert!(
            !on(f).any(|x| x["category"] == "parse"),
            "{f}: {:?}",
            on(f).collect::<Vec<_>>()
        );
    }
    assert!(diags.iter().any(|x| x["path"].as_str().unwrap().contains("latin1-name.md") && x["code"] == "KB501"), "non-UTF-8 file names are checked and shown lossily");
    println!(
        "hostile corpus: {} files, {} findings, peak RSS {} MiB, {:.1} s",
        v["summary"]["files"],
        diags.len(),
        peak_kb / 1024,
        elapsed.as_secs_f64()
    );
    assert!(
        peak_kb < 1024 * 1024,
        "peak RSS {peak_kb} KiB is over 1 GiB"
    );
    assert!(elapsed < Duration::from_secs(60), "took {elapsed:?}");
}

#[test]
fn a_panic_in_one_article_is_an_internal_error_and_exit_2() {
    if !cfg!(debug_assertions) {
        return; // the panic hook exists in debug builds only
    }
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.md", b"# A\n\nTODO\n");
    write(dir.path(), "b.md", b"# B\n\nTODO\n");
    let out = kblint()
        .current_dir(dir.path())
        .env("KBLINT_DEBUG_PANIC_ON", "a.md")
        .args(["check", "--format", "concise", "--select", "KB009,KB501"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let text = stdout(&out);
    assert!(text.contains("a.md:1:1: error[KB009]"), "{text}");
    assert!(
        text.contains("b.md:3:1: warning[KB501]"),
        "the other file is still checked: {text}"
    );
}

#[test]
fn limits_are_configurable() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        ".kblint.yml",
        b"limits: {file_size: 1KB, frontmatter_size: 64, nesting: 3}\n",
    );
    write(dir.path(), "big.md", vec![b'a'; 2048]);
    write(
        dir.path(),
        "fm.md",
        format!("---\ntitle: {}\n---\nx\n", "y".repeat(100)).as_bytes(),
    );
    write(dir.path(), "nest.md", b"> > > > deep\n");
    let out = run_in(
        dir.path(),
        &["check", "--format", "concise", "--select", "parse"],
    );
    let text = stdout(&out);
    assert!(text.contains("big.md:1:1: error[KB003]"), "{text}");
    assert!(
        text.contains("fm.md:1:1: error[KB004]") && text.contains("over the limit of 64 bytes"),
        "{text}"
    );
    assert!(
        text.contains("nest.md:1:1: error[KB005]") && text.contains("nesting deeper than 3"),
        "{text}"
    );
    write(dir.path(), ".kblint.yml", b"limits: {file_size: lots}\n");
    let out = run_in(dir.path(), &["check"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains(".kblint.yml:1:"), "{}", stderr(&out));
}
