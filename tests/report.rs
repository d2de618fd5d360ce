//! The KB health report (`kblint report`, `--format html`, `--format markdown`): hostile
//! article content is escaped, counts agree with the JSON output, links follow
//! `base_url`, and the Markdown summary stays a valid, bounded table.
//! (tests/browser/ loads the HTML in a real browser.)

mod common;
use common::*;

const TODAY: &str = "2026-11-24";
const HOSTILE: &str = "fixtures/hostile-report-kb";

/// Raw payloads planted in titles, owners, values, messages and file names of the
/// hostile fixture. None may reach the HTML unescaped.
const PAYLOADS: &[&str] = &[
    "<script>alert(",
    "</script>.md",
    "<img src=x onerror",
    "\"><img",
    "<svg/onload",
    "'><b>x",
    "<friends>",
];

fn assert_inert(html: &str) {
    for p in PAYLOADS {
        assert!(!html.contains(p), "raw payload {p:?} in the HTML");
    }
    assert_eq!(
        html.matches("<script").count(),
        1,
        "only the report's own script"
    );
    assert!(!html.contains("<img"), "no <img> at all");
    assert!(!html.to_lowercase().contains("href=\"javascript:"));
    // The content is there, escaped.
    for escaped in [
        "&lt;script&gt;alert(9)&lt;/script&gt;.md",
        "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;.md",
        "&lt;script&gt;alert(11)&lt;/script&gt;",
        "&quot;&gt;&lt;img src=x onerror=alert(4)&gt;",
        "&quot;&gt;&lt;img src=x onerror=alert(12)&gt;",
        "&lt;script&gt;alert(3)&lt;/script&gt;",
        "missing-&quot;&gt;&lt;svg/onload=alert(7)&gt;.md",
        "Plain article &amp; &lt;friends&gt;",
    ] {
        assert!(html.contains(escaped), "{escaped:?} shown escaped");
    }
}

#[test]
fn hostile_content_is_escaped_in_the_html_report() {
    let dir = tempfile::tempdir().unwrap();
    let out_file = dir.path().join("hostile.html");
    let out = run(&[
        "report",
        "--today",
        TODAY,
        "--html",
        out_file.to_str().unwrap(),
        HOSTILE,
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let html = std::fs::read_to_string(&out_file).unwrap();
    assert_inert(&html);
    // Relative links are percent-encoded: no quote or angle bracket in an href, and
    // the `javascript:alert(10).md` file is not a javascript: URL.
    for href in html.split("href=\"").skip(1) {
        let href = &href[..href.find('"').unwrap()];
        assert!(
            !href.contains(['<', '>', '\'', ' ']),
            "href not encoded: {href}"
        );
    }
    assert!(html.contains("javascript%3Aalert%2810%29.md"));

    // The same through `check --format html` on stdout, with a base URL.
    let out = run(&[
        "check",
        "--today",
        TODAY,
        "--format",
        "html",
        "--base-url",
        "https://git.example/kb/blob/main/",
        HOSTILE,
    ]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "errors in the fixture gate as usual"
    );
    let html = stdout(&out);
    assert_inert(&html);
    assert!(
        html.contains("href=\"https://git.example/kb/blob/main/fixtures/hostile-report-kb/%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert%281%29%3E.md#L11\""),
        "repository link with the line"
    );
}

#[test]
fn hostile_content_cannot_break_the_markdown_table() {
    let out = run(&["check", "--today", TODAY, "--format", "markdown", HOSTILE]);
    let md = stdout(&out);
    // Outside code spans (whose content Markdown never reads as HTML) no tag survives.
    let outside_code: String = md.split('`').step_by(2).collect::<Vec<_>>().join(" ");
    for p in ["<script", "<img", "<svg", "<b>"] {
        assert!(!outside_code.contains(p), "raw {p:?} in markdown:\n{md}");
    }
    assert!(
        md.contains("`missing-\"><svg/onload=alert(7)>.md`"),
        "values stay code: {md}"
    );
    let rows: Vec<&str> = md.lines().filter(|l| l.starts_with("| ")).collect();
    assert!(rows.len() > 5, "{md}");
    // Every row of the findings table has exactly 5 unescaped pipes (4 cells).
    let findings = md.split("findings\n").nth(1).unwrap();
    for row in findings.lines().filter(|l| l.starts_with('|')) {
        let bare = row.replace("\\|", "");
        assert_eq!(bare.matches('|').count(), 5, "row splits wrongly: {row}");
    }
}

#[test]
fn html_counts_match_json_on_the_demo_kb() {
    let json = json(&run(&[
        "check",
        "--today",
        TODAY,
        "--format",
        "json",
        "fixtures/demo-kb",
    ]));
    let n = json["diagnostics"].as_array().unwrap().len();
    let out = run(&[
        "check",
        "--today",
        TODAY,
        "--format",
        "html",
        "fixtures/demo-kb",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let html = stdout(&out);
    // Readable without JavaScript: every finding is a server-rendered row of the table.
    let all = &html[html.find("id=\"all-table\"").unwrap()..];
    let all = &all[..all.find("</table>").unwrap()];
    assert_eq!(all.matches("<tr class=\"f-row\"").count(), n);
    for c in [
        "stale", "conflict", "promise", "link", "hygiene", "tone", "parse",
    ] {
        let k = json["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["category"] == c)
            .count();
        assert!(
            html.contains(&format!("data-category=\"{c}\" data-count=\"{k}\"")),
            "{c}: {k}"
        );
    }
    let files = json["summary"]["files"].as_u64().unwrap() as usize;
    let arts = &html[html.find("id=\"articles-table\"").unwrap()..];
    assert_eq!(arts.matches("<tr class=\"f-row\"").count(), files);
    // Self-contained: no external resource of any kind.
    for bad in ["src=\"http", "href=\"http", "@import", "url(http", "<link "] {
        assert!(!html.contains(bad), "external reference {bad}");
    }
}

#[test]
fn base_url_from_config_and_flag_and_relative_links() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        ".kblint.yml",
        "base_url: https://git.example/acme/kb/blob/main\n",
    );
    write(
        dir.path(),
        "kb/a.md",
        "---\nowner: x\nlast_reviewed: 2026-10-01\n---\n\n# A\n\nTODO finish\n",
    );
    let html = stdout(&run_in(
        dir.path(),
        &["check", "--today", TODAY, "--format", "html", "kb"],
    ));
    assert!(
        html.contains("href=\"https://git.example/acme/kb/blob/main/kb/a.md#L8\""),
        "{html}"
    );
    let html = stdout(&run_in(
        dir.path(),
        &[
            "check",
            "--today",
            TODAY,
            "--format",
            "html",
            "--base-url",
            "https://other.example/x",
            "kb",
        ],
    ));
    assert!(html.contains("href=\"https://other.example/x/kb/a.md#L8\""));

    // Without a base URL: links relative to where the report is written.
    std::fs::remove_file(dir.path().join(".kblint.yml")).unwrap();
    let out = run_in(
        dir.path(),
        &[
            "report",
            "--today",
            TODAY,
            "--html",
            "out/reports/kb.html",
            "--markdown",
            "out/summary.md",
            "kb",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let html = std::fs::read_to_string(dir.path().join("out/reports/kb.html")).unwrap();
    assert!(html.contains("href=\"../../kb/a.md\""), "{html}");
    let md = std::fs::read_to_string(dir.path().join("out/summary.md")).unwrap();
    assert!(md.contains("[kb/a.md:8](../kb/a.md)"), "{md}");
}

#[test]
fn markdown_summary_is_bounded_with_a_note() {
    let dir = tempfile::tempdir().unwrap();
    let mut body = String::from("---\nowner: x\nlast_reviewed: 2026-10-01\n---\n\n# A\n\n");
    for i in 0..60 {
        body.push_str(&format!("Step {i}: TODO write this | step.\n\n"));
    }
    write(dir.path(), "a.md", &body);
    let out = run_in(
        dir.path(),
        &["check", "--today", TODAY, "--format", "markdown", "."],
    );
    let md = stdout(&out);
    assert!(md.contains("60 findings in 1 article"), "{md}");
    assert!(md.contains("| hygiene | 0 | 60 | 0 | 60 |"), "{md}");
    let rows = md.lines().filter(|l| l.starts_with("| warning |")).count();
    assert_eq!(rows, 50);
    assert!(md.contains("Showing the first 50 of 60 findings"), "{md}");
    assert!(md.contains("Review health of 1 live article:"), "{md}");
}

#[test]
fn report_needs_an_output_and_exits_zero_with_findings() {
    let out = run(&["report", "--today", TODAY, "fixtures/demo-kb"]);
    assert_eq!(out.status.code(), Some(2));
    let out = run(&[
        "report",
        "--today",
        TODAY,
        "--markdown",
        "-",
        "--select",
        "link",
        "fixtures/demo-kb",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let md = stdout(&out);
    assert!(
        md.contains("| link |") && !md.contains("| hygiene |"),
        "{md}"
    );
}
