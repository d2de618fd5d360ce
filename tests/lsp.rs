//! `kblint lsp` spoken to over the real protocol: the binary on stdin/stdout, JSON-RPC
//! with Content-Length framing. Every read has a deadline, so a hung server fails the
//! test instead of hanging CI.

use serde_json::{json, Value};
use std::fs;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

const TIMEOUT: Duration = Duration::from_secs(20);
const FRESH: &str = "---\nowner: team\nlast_reviewed: 2026-10-01\n---\n";

struct Client {
    child: Child,
    stdin: ChildStdin,
    rx: Receiver<Value>,
    /// Messages read while waiting for something else.
    seen: Vec<Value>,
    next_id: i64,
}

fn read_message(r: &mut impl BufRead) -> Option<Value> {
    let mut len = None;
    loop {
        let mut line = String::new();
        if r.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(v) = line.strip_prefix("Content-Length: ") {
            len = v.parse::<usize>().ok();
        }
    }
    let mut buf = vec![0; len?];
    r.read_exact(&mut buf).ok()?;
    serde_json::from_slice(&buf).ok()
}

impl Client {
    fn start(root: &Path, capabilities: Value) -> (Client, Value) {
        Client::start_with(&[root], capabilities, Value::Null)
    }

    /// Starts the server on workspace folders (the first is also the `rootUri`).
    fn start_with(roots: &[&Path], capabilities: Value, options: Value) -> (Client, Value) {
        let mut child = Command::new(env!("CARGO_BIN_EXE_kblint"))
            .arg("lsp")
            .env("KBLINT_TODAY", "2026-11-24")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start kblint lsp");
        let stdin = child.stdin.take().unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut r = BufReader::new(stdout);
            while let Some(msg) = read_message(&mut r) {
                if tx.send(msg).is_err() {
                    break;
                }
            }
        });
        let mut c = Client {
            child,
            stdin,
            rx,
            seen: Vec::new(),
            next_id: 0,
        };
        let folders: Vec<Value> = roots
            .iter()
            .map(|r| json!({"uri": uri(r), "name": r.file_name().unwrap().to_str().unwrap()}))
            .collect();
        let init = c.request(
            "initialize",
            json!({
                "processId": null,
                "rootUri": uri(roots[0]),
                "workspaceFolders": folders,
                "capabilities": capabilities,
                "initializationOptions": options,
            }),
        );
        c.notify("initialized", json!({}));
        (c, init)
    }

    fn send(&mut self, msg: Value) {
        let body = serde_json::to_string(&msg).unwrap();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{}", body.len(), body).unwrap();
        self.stdin.flush().unwrap();
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// The next message, answering the server's own requests on the way.
    fn next(&mut self, deadline: Instant) -> Value {
        let left = deadline.saturating_duration_since(Instant::now());
        let msg = self.rx.recv_timeout(left).unwrap_or_else(|_| {
            panic!("no message from the server in time; seen: {:#?}", self.seen)
        });
        if msg.get("method").is_some() && msg.get("id").is_some() {
            let id = msg["id"].clone();
            self.send(json!({"jsonrpc": "2.0", "id": id, "result": null}));
        }
        msg
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let msg = self.next(deadline);
            if msg["id"] == json!(id) && msg.get("method").is_none() {
                assert!(msg.get("error").is_none(), "{method} failed: {msg}");
                return msg["result"].clone();
            }
            self.seen.push(msg);
        }
    }

    /// Waits for diagnostics published for `uri` that satisfy `ok` (earlier ones that
    /// don't are skipped).
    fn diagnostics(&mut self, uri: &str, ok: impl Fn(&[Value]) -> bool) -> Vec<Value> {
        let deadline = Instant::now() + TIMEOUT;
        let is_match = |m: &Value| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && ok(m["params"]["diagnostics"].as_array().unwrap())
        };
        if let Some(i) = self.seen.iter().rposition(is_match) {
            let m = self.seen.remove(i);
            self.seen.clear();
            return m["params"]["diagnostics"].as_array().unwrap().clone();
        }
        self.seen.clear();
        loop {
            let msg = self.next(deadline);
            if is_match(&msg) {
                return msg["params"]["diagnostics"].as_array().unwrap().clone();
            }
            self.seen.push(msg);
        }
    }

    fn open(&mut self, path: &Path, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri(path), "languageId": "markdown", "version": 1, "text": text}}),
        );
    }

    fn change(&mut self, path: &Path, version: i32, changes: Value) {
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri(path), "version": version}, "contentChanges": changes}),
        );
    }

    /// `shutdown` then `exit`: the server must answer and exit 0.
    fn shutdown(mut self) {
        let r = self.request("shutdown", Value::Null);
        assert_eq!(r, Value::Null);
        self.notify("exit", Value::Null);
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                assert!(status.success(), "exit status {status}");
                return;
            }
            assert!(Instant::now() < deadline, "server did not exit");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn uri(path: &Path) -> String {
    let mut out = String::from("file://");
    for b in path.to_string_lossy().bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn kb() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    (dir, root)
}

fn utf16_col(line: &str, needle: &str) -> u64 {
    let byte = line.find(needle).unwrap();
    line[..byte].encode_utf16().count() as u64
}

fn codes(diags: &[Value]) -> Vec<&str> {
    diags.iter().map(|d| d["code"].as_str().unwrap()).collect()
}

#[test]
fn diagnostics_follow_the_buffer_in_utf16() {
    let (_dir, root) = kb();
    let a = root.join("a.md");
    let line = "Préço 😀 中文テキスト: TBD";
    let text = format!("{FRESH}# Prices\n\n{line}\n");
    fs::write(&a, &text).unwrap();
    let (mut c, init) = Client::start(&root, json!({}));
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-16");
    assert_eq!(init["serverInfo"]["name"], "kblint");
    let u = uri(&a);

    c.open(&a, &text);
    let d = c.diagnostics(&u, |d| !d.is_empty());
    assert_eq!(codes(&d), vec!["KB501"]);
    let range = &d[0]["range"];
    assert_eq!(range["start"]["line"], 6);
    assert_eq!(range["start"]["character"], utf16_col(line, "TBD"));
    assert_eq!(range["end"]["character"], utf16_col(line, "TBD") + 3);
    assert_eq!(d[0]["source"], "kblint");
    assert_eq!(d[0]["severity"], 2);
    assert_eq!(d[0]["data"]["rule"], "placeholder");
    assert!(d[0].get("codeDescription").is_none());

    // An incremental edit in UTF-16 units: two more emoji before the defect.
    let at = utf16_col(line, ":");
    c.change(
        &a,
        2,
        json!([{"range": {"start": {"line": 6, "character": at}, "end": {"line": 6, "character": at}}, "text": "🎉🎉"}]),
    );
    let d = c.diagnostics(&u, |d| {
        d.len() == 1 && d[0]["range"]["start"]["character"] == utf16_col(line, "TBD") + 4
    });
    assert_eq!(codes(&d), vec!["KB501"]);

    // Hover on the finding shows the rule's documentation.
    let hover = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": u}, "position": {"line": 6, "character": utf16_col(line, "TBD") + 5}}),
    );
    let doc = hover["contents"]["value"].as_str().unwrap();
    assert!(
        doc.contains("KB501 `placeholder`") && doc.contains("## Bad"),
        "{doc}"
    );

    // Quick fix: the disable comment above the line.
    let actions = c.request(
        "textDocument/codeAction",
        json!({
            "textDocument": {"uri": u},
            "range": d[0]["range"],
            "context": {"diagnostics": d}
        }),
    );
    let actions = actions.as_array().unwrap();
    let titles: Vec<&str> = actions
        .iter()
        .map(|a| a["title"].as_str().unwrap())
        .collect();
    assert_eq!(
        titles,
        vec![
            "Disable KB501 (placeholder) for this line",
            "Disable KB501 (placeholder) for this file"
        ]
    );
    assert_eq!(actions[0]["kind"], "quickfix");
    let edits = &actions[0]["edit"]["changes"][u.as_str()];
    assert_eq!(
        edits,
        &json!([{
            "range": {"start": {"line": 6, "character": 0}, "end": {"line": 6, "character": 0}},
            "newText": "<!-- kblint-disable-next-line KB501 -->\n"
        }])
    );
    // Applying it silences the finding (whole-buffer change this time).
    let fixed = format!(
        "{FRESH}# Prices\n\n<!-- kblint-disable-next-line KB501 -->\n{}\n",
        line.replace(':', "🎉🎉:")
    );
    c.change(&a, 3, json!([{"text": fixed}]));
    c.diagnostics(&u, |d| d.is_empty());

    // Removing the defect leaves the suppression unused.
    c.change(&a, 4, json!([{"text": fixed.replace("TBD", "$20")}]));
    let d = c.diagnostics(&u, |d| !d.is_empty());
    assert_eq!(codes(&d), vec!["KB504"]);
    c.shutdown();
}

#[test]
fn negotiates_utf8_and_utf32() {
    let (_dir, root) = kb();
    let a = root.join("a.md");
    let line = "😀 中文 TODO";
    let text = format!("{FRESH}# T\n\n{line}\n");
    fs::write(&a, &text).unwrap();
    for (offered, chosen, col) in [
        (
            json!(["utf-32", "utf-16"]),
            "utf-32",
            line[..line.find("TODO").unwrap()].chars().count(),
        ),
        (json!(["utf-8"]), "utf-8", line.find("TODO").unwrap()),
    ] {
        let (mut c, init) =
            Client::start(&root, json!({"general": {"positionEncodings": offered}}));
        assert_eq!(init["capabilities"]["positionEncoding"], chosen);
        // Not opened: published from the initial load of the workspace.
        let d = c.diagnostics(&uri(&a), |d| !d.is_empty());
        assert_eq!(d[0]["range"]["start"]["character"], col as u64, "{chosen}");
        c.shutdown();
    }
}

#[test]
fn a_renamed_heading_breaks_the_link_in_the_other_file() {
    let (_dir, root) = kb();
    let a = root.join("guides/a.md");
    let b = root.join("policies/b.md");
    fs::create_dir_all(a.parent().unwrap()).unwrap();
    fs::create_dir_all(b.parent().unwrap()).unwrap();
    fs::write(
        &a,
        format!("{FRESH}# A\n\nSee [the window](../policies/b.md#refund-window).\n"),
    )
    .unwrap();
    let b_text = format!("{FRESH}# Refunds\n\n## Refund window\n\nThirty days.\n");
    fs::write(&b, &b_text).unwrap();
    let (mut c, _) = Client::start(&root, json!({}));
    c.open(&b, &b_text);
    // Rename the heading in B's unsaved buffer: A (not open) gets the broken anchor.
    c.change(
        &b,
        2,
        json!([{"range": {"start": {"line": 6, "character": 10}, "end": {"line": 6, "character": 16}}, "text": "period"}]),
    );
    let d = c.diagnostics(&uri(&a), |d| !d.is_empty());
    assert_eq!(codes(&d), vec!["KB402"]);
    assert!(d[0]["message"].as_str().unwrap().contains("#refund-window"));
    assert_eq!(d[0]["range"]["start"]["line"], 6);
    // Closing B without saving restores the file on disk, and A is clean again.
    c.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": uri(&b)}}),
    );
    c.diagnostics(&uri(&a), |d| d.is_empty());

    // A change on disk, reported by the client's file watcher.
    fs::write(&b, b_text.replace("Refund window", "Refund period")).unwrap();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": uri(&b), "type": 2}]}),
    );
    let d = c.diagnostics(&uri(&a), |d| !d.is_empty());
    assert_eq!(codes(&d), vec!["KB402"]);

    // A new article appearing on disk resolves a broken link.
    fs::write(
        &a,
        format!("{FRESH}# A\n\nSee [new](new.md) and [b](../policies/b.md#refund-period).\n"),
    )
    .unwrap();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": uri(&a), "type": 2}]}),
    );
    let d = c.diagnostics(&uri(&a), |d| !d.is_empty());
    assert_eq!(codes(&d), vec!["KB401"]);
    fs::write(root.join("guides/new.md"), format!("{FRESH}# New\n")).unwrap();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": uri(&root.join("guides/new.md")), "type": 1}]}),
    );
    c.diagnostics(&uri(&a), |d| d.is_empty());
    c.shutdown();
}

/// Corpus-wide conflicts follow unsaved buffers: editing one article's refund window
/// makes the other (closed) article report the disagreement too, pointing back at the
/// edited line; undoing the edit clears both.
#[test]
fn a_conflict_typed_in_one_buffer_appears_in_the_other_file() {
    let (_dir, root) = kb();
    let a = root.join("billing/faq.md");
    let b = root.join("account/cancel.md");
    fs::create_dir_all(a.parent().unwrap()).unwrap();
    fs::create_dir_all(b.parent().unwrap()).unwrap();
    fs::write(
        &a,
        format!("{FRESH}# FAQ\n\nCustomers can request a refund within 30 days of any charge.\n"),
    )
    .unwrap();
    let b_text =
        format!("{FRESH}# Cancel\n\nYou have thirty days from the charge to request a refund.\n");
    fs::write(&b, &b_text).unwrap();
    let (mut c, _) = Client::start(&root, json!({}));
    c.open(&b, &b_text);
    // "thirty days" -> "two weeks" in B's unsaved buffer (line 6, 0-based).
    let line = b_text.lines().nth(6).unwrap();
    let start = utf16_col(line, "thirty days");
    c.change(
        &b,
        2,
        json!([{"range": {"start": {"line": 6, "character": start}, "end": {"line": 6, "character": start + 11}}, "text": "two weeks"}]),
    );
    let in_a = c.diagnostics(&uri(&a), |d| codes(d).iter().any(|c| c.starts_with("KB20")));
    let conflict = in_a
        .iter()
        .find(|d| d["code"].as_str().unwrap().starts_with("KB20"))
        .unwrap();
    assert_eq!(conflict["range"]["start"]["line"], 6);
    let rel = conflict["relatedInformation"].as_array().unwrap();
    assert!(
        rel.iter().any(
            |r| r["location"]["uri"] == uri(&b) && r["location"]["range"]["start"]["line"] == 6
        ),
        "{rel:?}"
    );
    let in_b = c.diagnostics(&uri(&b), |d| codes(d).iter().any(|c| c.starts_with("KB20")));
    assert!(
        in_b.iter()
            .any(|d| d["message"].as_str().unwrap().contains("two weeks")),
        "{in_b:?}"
    );

    // Undo: both sides are clean again.
    let start = utf16_col(&line.replace("thirty days", "two weeks"), "two weeks");
    c.change(
        &b,
        3,
        json!([{"range": {"start": {"line": 6, "character": start}, "end": {"line": 6, "character": start + 9}}, "text": "thirty days"}]),
    );
    c.diagnostics(&uri(&a), |d| {
        codes(d).iter().all(|c| !c.starts_with("KB20"))
    });
    c.diagnostics(&uri(&b), |d| {
        codes(d).iter().all(|c| !c.starts_with("KB20"))
    });
    c.shutdown();
}

/// Each workspace folder is a KB of its own: facts are compared within a KB, never
/// across two; a folder removed from the workspace takes its findings with it, and its
/// open files are checked on their own from then on.
#[test]
fn each_workspace_folder_is_its_own_kb() {
    let (_dir, root) = kb();
    let (one, two) = (root.join("kb-one"), root.join("kb-two"));
    fs::create_dir_all(&one).unwrap();
    fs::create_dir_all(&two).unwrap();
    let refund = |days: &str| {
        format!("{FRESH}# Refunds\n\nCustomers can request a refund within {days} of any charge.\n")
    };
    fs::write(one.join("a.md"), refund("30 days")).unwrap();
    fs::write(one.join("a2.md"), refund("14 days")).unwrap();
    let b_text = format!("{}\nTODO: add the form.\n", refund("60 days"));
    fs::write(two.join("b.md"), &b_text).unwrap();
    let (mut c, init) = Client::start_with(&[&one, &two], json!({}), Value::Null);
    assert_eq!(
        init["capabilities"]["workspace"]["workspaceFolders"]["supported"],
        true
    );

    // kb-one's two articles disagree with each other.
    let a_text = fs::read_to_string(one.join("a.md")).unwrap();
    c.open(&one.join("a.md"), &a_text);
    let d = c.diagnostics(&uri(&one.join("a.md")), |d| !d.is_empty());
    assert!(codes(&d).contains(&"KB201"), "{d:?}");
    // kb-two's article states a third value, compared with nothing in kb-one.
    c.open(&two.join("b.md"), &b_text);
    let d = c.diagnostics(&uri(&two.join("b.md")), |d| !d.is_empty());
    assert_eq!(codes(&d), vec!["KB501"], "{d:?}");

    // kb-one leaves the workspace: its findings are cleared, even for the open file,
    // which is then checked on its own (no other article to disagree with).
    c.notify(
        "workspace/didChangeWorkspaceFolders",
        json!({"event": {"added": [], "removed": [{"uri": uri(&one), "name": "kb-one"}]}}),
    );
    c.diagnostics(&uri(&one.join("a.md")), |d| d.is_empty());
    // And comes back: the conflict is found again.
    c.notify(
        "workspace/didChangeWorkspaceFolders",
        json!({"event": {"added": [{"uri": uri(&one), "name": "kb-one"}], "removed": []}}),
    );
    let d = c.diagnostics(&uri(&one.join("a.md")), |d| !d.is_empty());
    assert!(codes(&d).contains(&"KB201"), "{d:?}");
    c.shutdown();
}

#[test]
fn archiving_an_article_flags_the_links_to_it_with_related_information() {
    let (_dir, root) = kb();
    let a = root.join("guides/a.md");
    let b = root.join("policies/old refunds.md");
    fs::create_dir_all(a.parent().unwrap()).unwrap();
    fs::create_dir_all(b.parent().unwrap()).unwrap();
    fs::write(
        &a,
        format!("{FRESH}# A\n\n中文 See [refunds](../policies/old%20refunds.md).\n"),
    )
    .unwrap();
    let b_text = format!("{FRESH}# Refunds\n\nThirty days.\n");
    fs::write(&b, &b_text).unwrap();
    let (mut c, _) = Client::start(&root, json!({}));
    c.open(&b, &b_text);
    // Archive B in its unsaved buffer (a new frontmatter line 3, 0-based).
    c.change(
        &b,
        2,
        json!([{"range": {"start": {"line": 3, "character": 0}, "end": {"line": 3, "character": 0}}, "text": "status: archived\n"}]),
    );
    let d = c.diagnostics(&uri(&a), |d| !d.is_empty());
    assert_eq!(codes(&d), vec!["KB106"]);
    assert_eq!(
        d[0]["range"]["start"]["character"], 7,
        "after the CJK text, in UTF-16"
    );
    let rel = d[0]["relatedInformation"].as_array().unwrap();
    assert_eq!(rel.len(), 1);
    assert_eq!(rel[0]["location"]["uri"], uri(&b));
    assert_eq!(
        rel[0]["location"]["range"]["start"],
        json!({"line": 3, "character": 0})
    );
    assert_eq!(rel[0]["message"], "why the target counts as archived");
    c.shutdown();
}

/// Applies LSP text edits (UTF-16 positions) to a text.
fn apply_edits(text: &str, edits: &[Value]) -> String {
    let offset = |pos: &Value| {
        let line = pos["line"].as_u64().unwrap() as usize;
        let ch = pos["character"].as_u64().unwrap() as usize;
        let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
        let rest = &text[start..];
        let mut units = 0;
        for (i, c) in rest.char_indices() {
            if units >= ch || c == '\n' {
                return start + i;
            }
            units += c.len_utf16();
        }
        text.len()
    };
    let mut out = text.to_string();
    let mut edits: Vec<&Value> = edits.iter().collect();
    edits.sort_by_key(|e| std::cmp::Reverse(offset(&e["range"]["start"])));
    for e in edits {
        let (s, t) = (offset(&e["range"]["start"]), offset(&e["range"]["end"]));
        out.replace_range(s..t, e["newText"].as_str().unwrap());
    }
    out
}

#[test]
fn stamp_verification_closes_an_overdue_review() {
    let (_dir, root) = kb();
    let a = root.join("a.md");
    let text = "---\ntitle: Refunds 😀\nowner: billing\nlast_reviewed: 2025-01-02 # before the migration\n---\n# Refunds\n\nThirty days.\n";
    fs::write(&a, text).unwrap();
    let (mut c, _) = Client::start_with(&[&root], json!({}), json!({"verifier": "Ana Lima"}));
    let u = uri(&a);
    c.open(&a, text);
    let d = c.diagnostics(&u, |d| !d.is_empty());
    assert_eq!(codes(&d), vec!["KB101"]);
    let actions = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": u}, "range": d[0]["range"], "context": {"diagnostics": d}}),
    );
    let stamp = &actions.as_array().unwrap()[0];
    assert_eq!(
        stamp["title"],
        "Stamp verification: verified by Ana Lima on 2026-11-24"
    );
    assert_eq!(stamp["isPreferred"], true);
    let edits = stamp["edit"]["changes"][u.as_str()].as_array().unwrap();
    let stamped = apply_edits(text, edits);
    // Only the frontmatter changes; the comment and the rest survive.
    assert!(
        stamped.contains("last_reviewed: 2026-11-24 # before the migration\n"),
        "{stamped}"
    );
    assert!(stamped.contains("verified_by: Ana Lima\n"), "{stamped}");
    assert!(stamped.ends_with("---\n# Refunds\n\nThirty days.\n"));
    c.change(&a, 2, json!([{"text": stamped}]));
    c.diagnostics(&u, |d| d.is_empty());
    c.shutdown();
}

#[test]
fn save_and_exit_without_shutdown() {
    let (_dir, root) = kb();
    let a = root.join("a.md");
    fs::write(&a, format!("{FRESH}# A\n\nFine.\n")).unwrap();
    let (mut c, init) = Client::start(&root, json!({}));
    assert_eq!(
        init["capabilities"]["textDocumentSync"]["save"]["includeText"],
        false
    );
    c.open(&a, &format!("{FRESH}# A\n\nFine.\n"));
    // Saved with a defect: the save carries no text, the buffer is the truth.
    c.change(&a, 2, json!([{"text": format!("{FRESH}# A\n\nFIXME.\n")}]));
    c.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": uri(&a)}}),
    );
    let d = c.diagnostics(&uri(&a), |d| !d.is_empty());
    assert_eq!(codes(&d), vec!["KB501"]);
    // Unknown requests get an error, not silence.
    c.next_id += 1;
    let id = c.next_id;
    c.send(json!({"jsonrpc": "2.0", "id": id, "method": "textDocument/formatting", "params": {}}));
    let deadline = Instant::now() + TIMEOUT;
    loop {
        let m = c.next(deadline);
        if m["id"] == json!(id) {
            assert_eq!(m["error"]["code"], -32601);
            break;
        }
    }
    // `exit` without `shutdown`: exit code 1, as the protocol says.
    c.notify("exit", Value::Null);
    let deadline = Instant::now() + TIMEOUT;
    loop {
        if let Some(status) = c.child.try_wait().unwrap() {
            assert_eq!(status.code(), Some(1));
            break;
        }
        assert!(Instant::now() < deadline, "server did not exit");
        std::thread::sleep(Duration::from_millis(20));
    }
}
