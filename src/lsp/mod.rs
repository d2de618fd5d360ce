//! `kblint lsp`: the language server, over stdio.
//!
//! Diagnostics are published on open, on change (the unsaved buffer, debounced) and on
//! save, in the client's position encoding. Each workspace folder is a KB, loaded once at
//! initialisation and kept up to date one article at a time (see [`workspace`]), so
//! corpus-wide findings follow edits in any file. Hovering a finding shows its rule's
//! documentation; quick fixes stamp a verification into the frontmatter (what
//! `kblint verify` writes), insert `kblint-disable` comments, or remove an unused one.
//!
//! Rule documentation has no public web page, so diagnostics carry no
//! `codeDescription` (a link the editor cannot open is worse than none): the code is in
//! `code`, the rule's name and category in `data`, and the docs come with hover.

pub mod text;
pub mod workspace;

use crate::article::{Article, Limits};
use crate::dates::Date;
use crate::diagnostic::{Category, Diagnostic, Severity};
use crate::rules;
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types as lsp;
use std::collections::HashMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::{Duration, Instant};
use text::{path_to_uri, uri_to_path, Encoding, Lines};
use workspace::Workspace;

/// Quiet time after the last keystroke before the buffer is checked.
const DEBOUNCE: Duration = Duration::from_millis(200);
/// Longest a change waits while the user keeps typing.
const MAX_DELAY: Duration = Duration::from_millis(1000);

/// Runs the server on stdin/stdout until the client says `exit`; returns the exit code
/// (0 after `shutdown` + `exit`, 1 otherwise, as the protocol asks).
pub fn serve(today: Option<Date>) -> i32 {
    let (connection, io_threads) = Connection::stdio();
    let result = run(&connection, today);
    drop(connection);
    match result {
        Ok(code) => {
            if code == 0 {
                // The reader stopped at `exit`: the threads end on their own.
                let _ = io_threads.join();
            }
            code
        }
        Err(e) => {
            eprintln!("kblint lsp: {e}");
            1
        }
    }
}

type Error = Box<dyn std::error::Error + Send + Sync>;

fn run(connection: &Connection, today: Option<Date>) -> Result<i32, Error> {
    let (id, params) = connection.initialize_start()?;
    let params: lsp::InitializeParams = serde_json::from_value(params)?;
    let encoding = Encoding::negotiate(
        params
            .capabilities
            .general
            .as_ref()
            .and_then(|g| g.position_encodings.as_deref()),
    );
    let roots = roots_of(&params);
    let root = roots.first().cloned();
    let verifier = verifier(&params, root.as_deref());
    let watch = params
        .capabilities
        .workspace
        .as_ref()
        .and_then(|w| w.did_change_watched_files.as_ref())
        .and_then(|d| d.dynamic_registration)
        .unwrap_or(false);
    let result = lsp::InitializeResult {
        capabilities: capabilities(encoding),
        server_info: Some(lsp::ServerInfo {
            name: "kblint".into(),
            version: Some(env!("CARGO_PKG_VERSION").into()),
        }),
    };
    connection.initialize_finish(id, serde_json::to_value(result)?)?;
    if let Some(r) = &root {
        // Paths in messages read relative to the workspace folder, as on the command line.
        let _ = std::env::set_current_dir(r);
    }
    let mut server = Server {
        conn: connection,
        encoding,
        // One KB per workspace folder, and one for files outside them all (last).
        workspaces: roots
            .into_iter()
            .map(Some)
            .chain([None])
            .map(|r| Workspace::new(r, today))
            .collect(),
        today,
        open: HashMap::new(),
        uris: HashMap::new(),
        published: HashMap::new(),
        deadline: None,
        first_pending: None,
        next_id: 0,
        verifier,
    };
    if watch {
        server.register_watchers();
    }
    server.flush();
    server.main_loop()
}

/// The workspace folders, in the client's order (each is a KB of its own).
#[allow(deprecated)] // root_uri and root_path: older clients send only those
fn roots_of(params: &lsp::InitializeParams) -> Vec<PathBuf> {
    let folders: Vec<PathBuf> = params
        .workspace_folders
        .iter()
        .flatten()
        .filter_map(|w| uri_to_path(w.uri.as_str()))
        .collect();
    if !folders.is_empty() {
        return folders;
    }
    params
        .root_uri
        .as_ref()
        .and_then(|u| uri_to_path(u.as_str()))
        .or_else(|| params.root_path.as_ref().map(PathBuf::from))
        .into_iter()
        .collect()
}

fn capabilities(encoding: Encoding) -> lsp::ServerCapabilities {
    lsp::ServerCapabilities {
        position_encoding: Some(encoding.kind()),
        text_document_sync: Some(lsp::TextDocumentSyncCapability::Options(
            lsp::TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(lsp::TextDocumentSyncKind::INCREMENTAL),
                will_save: None,
                will_save_wait_until: None,
                save: Some(lsp::TextDocumentSyncSaveOptions::SaveOptions(
                    lsp::SaveOptions {
                        include_text: Some(false),
                    },
                )),
            },
        )),
        hover_provider: Some(lsp::HoverProviderCapability::Simple(true)),
        workspace: Some(lsp::WorkspaceServerCapabilities {
            workspace_folders: Some(lsp::WorkspaceFoldersServerCapabilities {
                supported: Some(true),
                change_notifications: Some(lsp::OneOf::Left(true)),
            }),
            file_operations: None,
        }),
        code_action_provider: Some(lsp::CodeActionProviderCapability::Options(
            lsp::CodeActionOptions {
                code_action_kinds: Some(vec![lsp::CodeActionKind::QUICKFIX]),
                work_done_progress_options: Default::default(),
                resolve_provider: None,
            },
        )),
        ..Default::default()
    }
}

/// An open editor buffer.
struct OpenDoc {
    version: i32,
}

struct Server<'a> {
    conn: &'a Connection,
    /// Who the "stamp verification" quick fix names; no such fix without one.
    verifier: Option<String>,
    encoding: Encoding,
    /// One per workspace folder; the last holds the files outside every folder.
    workspaces: Vec<Workspace>,
    /// A fixed "today" (`--today`), for workspaces added later.
    today: Option<Date>,
    open: HashMap<PathBuf, OpenDoc>,
    /// The URI the client used for each path (reused when publishing, so the client
    /// matches them whatever its escaping).
    uris: HashMap<PathBuf, lsp::Uri>,
    /// What was last published per file, for hover and code actions.
    published: HashMap<PathBuf, Vec<lsp::Diagnostic>>,
    /// When the pending changes are checked.
    deadline: Option<Instant>,
    first_pending: Option<Instant>,
    next_id: i32,
}

impl Server<'_> {
    fn main_loop(&mut self) -> Result<i32, Error> {
        loop {
            let msg = match self.deadline {
                Some(d) => match self.conn.receiver.recv_deadline(d) {
                    Ok(m) => m,
                    Err(crossbeam_timeout) if crossbeam_timeout.is_timeout() => {
                        self.flush();
                        continue;
                    }
                    Err(_) => return Ok(1),
                },
                None => match self.conn.receiver.recv() {
                    Ok(m) => m,
                    Err(_) => return Ok(1),
                },
            };
            match msg {
                Message::Request(req) => {
                    if self.conn.handle_shutdown(&req)? {
                        return Ok(0);
                    }
                    self.on_request(req);
                }
                Message::Notification(n) => {
                    if n.method == "exit" {
                        return Ok(1); // exit without shutdown
                    }
                    self.on_notification(n);
                }
                Message::Response(_) => {} // to our registerCapability request
            }
        }
    }

    fn send(&self, msg: Message) {
        let _ = self.conn.sender.send(msg);
    }

    fn notify<N: lsp::notification::Notification>(&self, params: N::Params) {
        self.send(Message::Notification(Notification::new(
            N::METHOD.to_string(),
            params,
        )));
    }

    fn show(&self, typ: lsp::MessageType, message: String) {
        self.notify::<lsp::notification::ShowMessage>(lsp::ShowMessageParams { typ, message });
    }

    /// Asks the client to tell us about files changed outside the editor.
    fn register_watchers(&mut self) {
        let watchers = vec![lsp::FileSystemWatcher {
            glob_pattern: lsp::GlobPattern::String("**/*".into()),
            kind: None,
        }];
        let params = lsp::RegistrationParams {
            registrations: vec![lsp::Registration {
                id: "kblint-watch".into(),
                method: "workspace/didChangeWatchedFiles".into(),
                register_options: serde_json::to_value(
                    lsp::DidChangeWatchedFilesRegistrationOptions { watchers },
                )
                .ok(),
            }],
        };
        self.next_id += 1;
        let id = RequestId::from(format!("kblint-{}", self.next_id));
        self.send(Message::Request(Request::new(
            id,
            "client/registerCapability".into(),
            params,
        )));
    }

    fn schedule(&mut self) {
        let now = Instant::now();
        let first = *self.first_pending.get_or_insert(now);
        self.deadline = Some((now + DEBOUNCE).min(first + MAX_DELAY));
    }

    /// Checks what changed and publishes every file whose findings changed.
    fn flush(&mut self) {
        self.deadline = None;
        self.first_pending = None;
        let mut changes = Vec::new();
        for i in 0..self.workspaces.len() {
            match catch_unwind(AssertUnwindSafe(|| self.workspaces[i].update())) {
                // A file's findings come from the KB that holds it (a buffer that moved
                // to a new folder's KB is also cleared by the one it left).
                Ok(c) => changes.extend(c.into_iter().filter(|(p, _)| self.ws_index(p) == i)),
                Err(_) => self.show(
                    lsp::MessageType::ERROR,
                    "kblint failed while checking (internal error); please report it".into(),
                ),
            }
            for m in self.workspaces[i].take_messages() {
                self.show(lsp::MessageType::WARNING, m);
            }
        }
        let mut texts = Texts::new(&self.workspaces);
        for (path, diags) in changes {
            let lsp_diags: Vec<lsp::Diagnostic> = diags
                .iter()
                .map(|d| to_lsp(d, self.encoding, &mut texts, &self.uris))
                .collect();
            let Some(uri) = self.uri(&path) else {
                continue;
            };
            let version = self.open.get(&path).map(|o| o.version);
            if lsp_diags.is_empty() {
                self.published.remove(&path);
            } else {
                self.published.insert(path.clone(), lsp_diags.clone());
            }
            self.notify::<lsp::notification::PublishDiagnostics>(lsp::PublishDiagnosticsParams {
                uri,
                diagnostics: lsp_diags,
                version,
            });
        }
    }

    fn flush_if_pending(&mut self) {
        if self.deadline.is_some() || self.workspaces.iter().any(Workspace::is_dirty) {
            self.flush();
        }
    }

    fn uri(&self, path: &Path) -> Option<lsp::Uri> {
        uri_for(&self.uris, path)
    }

    /// The KB a file belongs to: the innermost workspace folder holding it, else the one
    /// for files outside every folder.
    fn ws_index(&self, path: &Path) -> usize {
        let last = self.workspaces.len() - 1;
        self.workspaces
            .iter()
            .enumerate()
            .filter_map(|(i, w)| w.root().filter(|r| path.starts_with(r)).map(|r| (i, r)))
            .max_by_key(|(_, r)| r.components().count())
            .map_or(last, |(i, _)| i)
    }

    fn ws_for(&mut self, path: &Path) -> &mut Workspace {
        let i = self.ws_index(path);
        &mut self.workspaces[i]
    }

    /// The editor's text of an open file.
    fn buffer(&self, path: &Path) -> Option<&str> {
        self.workspaces[self.ws_index(path)].buffer(path)
    }

    /// "Today" for the date rules (the same in every KB of the session).
    fn today(&self) -> Date {
        self.workspaces[0].today()
    }

    /// Folders added to or removed from the workspace: a KB each. Open buffers move to
    /// the KB that holds them now; a removed KB's findings are cleared.
    fn change_folders(&mut self, event: lsp::WorkspaceFoldersChangeEvent) {
        let mut moved: Vec<(PathBuf, String)> = Vec::new();
        for f in &event.removed {
            let Some(root) = uri_to_path(f.uri.as_str()) else {
                continue;
            };
            let root = crate::discover::absolute(&root);
            let last = self.workspaces.len() - 1;
            if let Some(i) = (0..last).find(|&i| self.workspaces[i].root() == Some(root.as_path()))
            {
                let gone = self.workspaces.remove(i);
                moved.extend(
                    gone.buffers()
                        .map(|(p, t)| (p.to_path_buf(), t.to_string())),
                );
                for path in gone.reported_paths() {
                    if let Some(uri) = self.uri(&path) {
                        self.published.remove(&path);
                        self.notify::<lsp::notification::PublishDiagnostics>(
                            lsp::PublishDiagnosticsParams {
                                uri,
                                diagnostics: Vec::new(),
                                version: None,
                            },
                        );
                    }
                }
            }
        }
        for f in &event.added {
            if let Some(root) = uri_to_path(f.uri.as_str()) {
                let at = self.workspaces.len() - 1;
                self.workspaces
                    .insert(at, Workspace::new(Some(root), self.today));
                // Buffers the new folder now holds leave the KB that had them.
                let outside = self.workspaces.len() - 1;
                let taken: Vec<(PathBuf, String)> = self.workspaces[outside]
                    .buffers()
                    .map(|(p, t)| (p.to_path_buf(), t.to_string()))
                    .collect();
                for (p, t) in taken {
                    if self.ws_index(&p) != outside {
                        self.workspaces[outside].close_buffer(&p);
                        moved.push((p, t));
                    }
                }
            }
        }
        for (path, text) in moved {
            self.ws_for(&path).set_buffer(path, text);
        }
    }

    fn on_notification(&mut self, n: Notification) {
        use lsp::notification::*;
        match n.method.as_str() {
            DidOpenTextDocument::METHOD => {
                let Ok(p) =
                    n.extract::<lsp::DidOpenTextDocumentParams>(DidOpenTextDocument::METHOD)
                else {
                    return;
                };
                let Some(path) = self.remember(&p.text_document.uri) else {
                    return;
                };
                self.open.insert(
                    path.clone(),
                    OpenDoc {
                        version: p.text_document.version,
                    },
                );
                self.ws_for(&path).set_buffer(path, p.text_document.text);
                self.flush();
            }
            DidChangeTextDocument::METHOD => {
                let Ok(p) =
                    n.extract::<lsp::DidChangeTextDocumentParams>(DidChangeTextDocument::METHOD)
                else {
                    return;
                };
                let Some(path) = uri_to_path(p.text_document.uri.as_str()) else {
                    return;
                };
                let mut text = self.buffer(&path).unwrap_or_default().to_string();
                for change in p.content_changes {
                    apply_change(&mut text, change, self.encoding);
                }
                self.open.insert(
                    path.clone(),
                    OpenDoc {
                        version: p.text_document.version,
                    },
                );
                self.ws_for(&path).set_buffer(path, text);
                self.schedule();
            }
            DidSaveTextDocument::METHOD => {
                let Ok(p) =
                    n.extract::<lsp::DidSaveTextDocumentParams>(DidSaveTextDocument::METHOD)
                else {
                    return;
                };
                let Some(path) = uri_to_path(p.text_document.uri.as_str()) else {
                    return;
                };
                for w in &mut self.workspaces {
                    w.disk_changed();
                }
                match (p.text, self.buffer(&path).map(str::to_string)) {
                    (Some(text), _) | (None, Some(text)) => {
                        self.ws_for(&path).set_buffer(path, text)
                    }
                    (None, None) => self.ws_for(&path).file_changed(&path),
                }
                self.flush();
            }
            DidCloseTextDocument::METHOD => {
                let Ok(p) =
                    n.extract::<lsp::DidCloseTextDocumentParams>(DidCloseTextDocument::METHOD)
                else {
                    return;
                };
                let Some(path) = uri_to_path(p.text_document.uri.as_str()) else {
                    return;
                };
                self.open.remove(&path);
                self.ws_for(&path).close_buffer(&path);
                self.flush();
            }
            DidChangeWatchedFiles::METHOD => {
                let Ok(p) =
                    n.extract::<lsp::DidChangeWatchedFilesParams>(DidChangeWatchedFiles::METHOD)
                else {
                    return;
                };
                for change in p.changes {
                    if let Some(path) = uri_to_path(change.uri.as_str()) {
                        // Each KB ignores what is outside its folder.
                        for w in &mut self.workspaces {
                            w.file_changed(&path);
                        }
                    }
                }
                if self.workspaces.iter().any(Workspace::is_dirty) {
                    self.schedule();
                }
            }
            DidChangeWorkspaceFolders::METHOD => {
                let Ok(p) = n.extract::<lsp::DidChangeWorkspaceFoldersParams>(
                    DidChangeWorkspaceFolders::METHOD,
                ) else {
                    return;
                };
                self.change_folders(p.event);
                self.flush();
            }
            _ => {}
        }
    }

    /// Records the client's URI for a path; `None` for URIs that are not files.
    fn remember(&mut self, uri: &lsp::Uri) -> Option<PathBuf> {
        let path = uri_to_path(uri.as_str())?;
        self.uris.insert(path.clone(), uri.clone());
        Some(path)
    }

    fn on_request(&mut self, req: Request) {
        use lsp::request::*;
        let response = match req.method.as_str() {
            HoverRequest::METHOD => match serde_json::from_value::<lsp::HoverParams>(req.params) {
                Ok(p) => {
                    self.flush_if_pending();
                    Response::new_ok(req.id, self.hover(&p))
                }
                Err(e) => invalid(req.id, e),
            },
            CodeActionRequest::METHOD => {
                match serde_json::from_value::<lsp::CodeActionParams>(req.params) {
                    Ok(p) => {
                        self.flush_if_pending();
                        Response::new_ok(req.id, self.code_actions(&p))
                    }
                    Err(e) => invalid(req.id, e),
                }
            }
            _ => Response::new_err(
                req.id,
                ErrorCode::MethodNotFound as i32,
                format!("kblint does not handle {}", req.method),
            ),
        };
        self.send(Message::Response(response));
    }

    /// The documentation of the rules whose findings cover the position.
    fn hover(&self, p: &lsp::HoverParams) -> Option<lsp::Hover> {
        let pp = &p.text_document_position_params;
        let path = uri_to_path(pp.text_document.uri.as_str())?;
        let here = pp.position;
        let mut range = None;
        let mut value = String::new();
        let mut seen = Vec::new();
        for d in self.published.get(&path)? {
            if !(d.range.start <= here && here <= d.range.end) {
                continue;
            }
            let Some(lsp::NumberOrString::String(code)) = &d.code else {
                continue;
            };
            let Some(rule) = rules::find(code) else {
                continue;
            };
            if seen.contains(&rule.meta.code) {
                continue;
            }
            seen.push(rule.meta.code);
            range.get_or_insert(d.range);
            if !value.is_empty() {
                value.push_str("\n---\n\n");
            }
            value.push_str(&rule_markdown(&rule.meta));
        }
        if value.is_empty() {
            return None;
        }
        Some(lsp::Hover {
            contents: lsp::HoverContents::Markup(lsp::MarkupContent {
                kind: lsp::MarkupKind::Markdown,
                value,
            }),
            range,
        })
    }

    /// Quick fixes for kblint findings in the range.
    fn code_actions(&self, p: &lsp::CodeActionParams) -> Vec<lsp::CodeActionOrCommand> {
        let quickfix = lsp::CodeActionKind::QUICKFIX;
        if let Some(only) = &p.context.only {
            if !only
                .iter()
                .any(|k| quickfix.as_str().starts_with(k.as_str()))
            {
                return Vec::new();
            }
        }
        let Some(path) = uri_to_path(p.text_document.uri.as_str()) else {
            return Vec::new();
        };
        let mut diags: Vec<&lsp::Diagnostic> = p
            .context
            .diagnostics
            .iter()
            .filter(|d| d.source.as_deref() == Some("kblint"))
            .collect();
        if diags.is_empty() {
            // Clients that send no diagnostics: use ours on the requested lines.
            diags = self
                .published
                .get(&path)
                .map(|v| {
                    v.iter()
                        .filter(|d| {
                            d.range.start.line <= p.range.end.line
                                && p.range.start.line <= d.range.end.line
                        })
                        .collect()
                })
                .unwrap_or_default();
        }
        let texts = Texts::new(&self.workspaces);
        let Some(lines) = texts.load(&path) else {
            return Vec::new();
        };
        let body = body_start(lines.text());
        let fixes = Fixes {
            lines: &lines,
            body,
            encoding: self.encoding,
        };
        let mut out = Vec::new();
        let mut done = Vec::new();
        let mut stamp_offered = false;
        for d in diags {
            let Some(lsp::NumberOrString::String(code)) = &d.code else {
                continue;
            };
            let Some(rule) = rules::find(code) else {
                continue;
            };
            let meta = &rule.meta;
            if meta.category == Category::Parse || done.contains(&(meta.code, d.range.start)) {
                continue;
            }
            done.push((meta.code, d.range.start));
            let action = |title: String, edit: lsp::TextEdit, preferred: bool| {
                lsp::CodeActionOrCommand::CodeAction(lsp::CodeAction {
                    title,
                    kind: Some(quickfix.clone()),
                    diagnostics: Some(vec![d.clone()]),
                    edit: Some(lsp::WorkspaceEdit {
                        changes: Some(HashMap::from([(p.text_document.uri.clone(), vec![edit])])),
                        ..Default::default()
                    }),
                    is_preferred: preferred.then_some(true),
                    ..Default::default()
                })
            };
            if meta.code == rules::hygiene::unused_suppression::RULE.meta.code {
                out.push(action(
                    "Remove the unused suppression".into(),
                    fixes.remove(d.range),
                    true,
                ));
                continue;
            }
            let mut stamped = false;
            if STAMPABLE.contains(&meta.code) && !stamp_offered {
                if let Some((by, edit)) = self.stamp_edit(&lines) {
                    let title = format!("Stamp verification: verified by {by} on {}", self.today());
                    out.push(action(title, edit, true));
                    stamp_offered = true;
                    stamped = true;
                }
            }
            let what = format!("{} ({})", meta.code, meta.name);
            if let Some(edit) = fixes.disable_line(d.range.start.line, meta.code) {
                out.push(action(
                    format!("Disable {what} for this line"),
                    edit,
                    !stamped,
                ));
            }
            out.push(action(
                format!("Disable {what} for this file"),
                fixes.disable_file(meta.code),
                false,
            ));
        }
        out
    }
}

/// The URI of a path: the client's own spelling when it sent one.
fn uri_for(uris: &HashMap<PathBuf, lsp::Uri>, path: &Path) -> Option<lsp::Uri> {
    match uris.get(path) {
        Some(u) => Some(u.clone()),
        None => lsp::Uri::from_str(&path_to_uri(path)).ok(),
    }
}

/// A kblint finding as an LSP diagnostic, positions in the client's encoding.
fn to_lsp(
    d: &Diagnostic,
    enc: Encoding,
    texts: &mut Texts,
    uris: &HashMap<PathBuf, lsp::Uri>,
) -> lsp::Diagnostic {
    let path = crate::discover::absolute(Path::new(&d.path));
    let p = d.position;
    let range = texts.with(&path, |l| lsp::Range {
        start: l.position(p.line, p.column, enc),
        end: l.position(p.end_line, p.end_column, enc),
    });
    let related: Vec<lsp::DiagnosticRelatedInformation> = d
        .related
        .iter()
        .filter_map(|r| {
            let rpath = crate::discover::absolute(Path::new(&r.path));
            let uri = uri_for(uris, &rpath)?;
            let pos = texts.with(&rpath, |l| l.position(r.line, r.column, enc));
            Some(lsp::DiagnosticRelatedInformation {
                location: lsp::Location {
                    uri,
                    range: lsp::Range {
                        start: pos,
                        end: pos,
                    },
                },
                message: r.message.clone(),
            })
        })
        .collect();
    lsp::Diagnostic {
        range,
        severity: Some(match d.severity {
            Severity::Error => lsp::DiagnosticSeverity::ERROR,
            Severity::Warning => lsp::DiagnosticSeverity::WARNING,
            Severity::Info => lsp::DiagnosticSeverity::INFORMATION,
        }),
        code: Some(lsp::NumberOrString::String(d.rule.code.to_string())),
        code_description: None,
        source: Some("kblint".into()),
        message: d.message.clone(),
        related_information: (!related.is_empty()).then_some(related),
        tags: None,
        data: Some(serde_json::json!({
            "rule": d.rule.name,
            "category": d.rule.category.as_str(),
        })),
    }
}

/// Findings a verification stamp closes: an overdue review, a promise in an unverified
/// article.
const STAMPABLE: &[&str] = &[
    rules::stale::review_overdue::RULE.meta.code,
    rules::promise::unverified_promise::RULE.meta.code,
];

impl Server<'_> {
    /// The edit `kblint verify --by <verifier>` would make to this buffer, as one
    /// minimal text edit.
    fn stamp_edit(&self, lines: &Lines) -> Option<(String, lsp::TextEdit)> {
        let by = self.verifier.clone()?;
        let stamp = crate::stamp::Stamp {
            by: by.clone(),
            date: self.today(),
            interval: None,
        };
        let stamped = crate::stamp::stamp_text(lines.text(), &stamp).ok()?;
        if !stamped.changed {
            return None;
        }
        Some((by, minimal_edit(lines, &stamped.text, self.encoding)?))
    }
}

/// Who stamps verifications from the editor: `initializationOptions.verifier`, else
/// `KBLINT_VERIFIER`, else Git's `user.name` in the workspace folder.
fn verifier(params: &lsp::InitializeParams, root: Option<&Path>) -> Option<String> {
    let valid = |s: String| {
        let s = s.trim().to_string();
        let stamp = crate::stamp::Stamp {
            by: s.clone(),
            date: crate::dates::local_today(),
            interval: None,
        };
        crate::stamp::validate(&stamp).is_ok().then_some(s)
    };
    let from_options = params
        .initialization_options
        .as_ref()
        .and_then(|o| o.get("verifier"))
        .and_then(|v| v.as_str())
        .map(str::to_string)
        .and_then(valid);
    from_options
        .or_else(|| std::env::var("KBLINT_VERIFIER").ok().and_then(valid))
        .or_else(|| {
            let out = std::process::Command::new("git")
                .args(["config", "user.name"])
                .current_dir(root?)
                .stdin(std::process::Stdio::null())
                .stderr(std::process::Stdio::null())
                .output()
                .ok()?;
            if !out.status.success() {
                return None;
            }
            valid(String::from_utf8_lossy(&out.stdout).into_owned())
        })
}

/// One edit turning the text of `lines` into `new`: the changed middle only, so the
/// editor keeps the cursor and undo history tidy.
fn minimal_edit(lines: &Lines, new: &str, enc: Encoding) -> Option<lsp::TextEdit> {
    let old = lines.text();
    if old == new {
        return None;
    }
    let (a, b) = (old.as_bytes(), new.as_bytes());
    let mut prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    while !(old.is_char_boundary(prefix) && new.is_char_boundary(prefix)) {
        prefix -= 1;
    }
    let room = a.len().min(b.len()) - prefix;
    let mut suffix = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take(room)
        .take_while(|(x, y)| x == y)
        .count();
    while !(old.is_char_boundary(a.len() - suffix) && new.is_char_boundary(b.len() - suffix)) {
        suffix -= 1;
    }
    Some(lsp::TextEdit {
        range: lsp::Range {
            start: lines.offset_position(prefix, enc),
            end: lines.offset_position(a.len() - suffix, enc),
        },
        new_text: new[prefix..b.len() - suffix].to_string(),
    })
}

fn invalid(id: RequestId, e: serde_json::Error) -> Response {
    Response::new_err(id, ErrorCode::InvalidParams as i32, e.to_string())
}

/// Applies one `didChange` edit to a buffer.
fn apply_change(text: &mut String, change: lsp::TextDocumentContentChangeEvent, enc: Encoding) {
    match change.range {
        None => *text = change.text,
        Some(r) => {
            let lines = Lines::new(std::mem::take(text));
            let start = lines.offset(r.start, enc);
            let end = lines.offset(r.end, enc).max(start);
            let mut t = lines.text().to_string();
            t.replace_range(start..end, &change.text);
            *text = t;
        }
    }
}

/// A rule's documentation for hover.
fn rule_markdown(m: &rules::RuleMeta) -> String {
    let severity = if m.default_enabled {
        m.severity.as_str()
    } else {
        "off"
    };
    format!(
        "**{} `{}`** ({}, {} by default)\n\n{}\n\n{}",
        m.code,
        m.name,
        m.category,
        severity,
        m.summary,
        m.docs.trim_end()
    )
}

/// The byte offset where the body starts (after any frontmatter).
fn body_start(text: &str) -> usize {
    let a = Article::from_text(
        PathBuf::new(),
        String::new(),
        text.to_string(),
        &Limits::default(),
    );
    let bom = if a.bom { 3 } else { 0 };
    a.frontmatter.map(|b| b.body_start + bom).unwrap_or(bom)
}

/// Text edits for the quick fixes of one document.
struct Fixes<'a> {
    lines: &'a Lines,
    /// Byte offset of the body.
    body: usize,
    encoding: Encoding,
}

impl Fixes<'_> {
    fn insert_at(&self, offset: usize, text: String) -> lsp::TextEdit {
        let pos = self.lines.offset_position(offset, self.encoding);
        lsp::TextEdit {
            range: lsp::Range {
                start: pos,
                end: pos,
            },
            new_text: text,
        }
    }

    /// `<!-- kblint-disable-next-line CODE -->` above the line, or, where a new line
    /// would split a paragraph, list or table, `<!-- kblint-disable-line CODE -->` at its
    /// end. `None` inside frontmatter (an HTML comment there would break the YAML).
    fn disable_line(&self, line: u32, code: &str) -> Option<lsp::TextEdit> {
        let i = line as usize;
        let range = self.lines.range(i);
        if range.start < self.body {
            return None;
        }
        let text = self.lines.line(i);
        let prefix_len = text
            .find(|c: char| !matches!(c, ' ' | '\t' | '>'))
            .unwrap_or(text.len());
        let prefix = &text[..prefix_len];
        let is_blank = |s: &str| s.chars().all(|c| matches!(c, ' ' | '\t' | '>'));
        let is_heading = |s: &str| s.trim_start_matches([' ', '>']).starts_with('#');
        let starts_block = range.start == self.body
            || i == 0
            || is_blank(self.lines.line(i - 1))
            || is_heading(text)
            || is_heading(self.lines.line(i - 1));
        if starts_block {
            Some(self.insert_at(
                range.start,
                format!("{prefix}<!-- kblint-disable-next-line {code} -->\n"),
            ))
        } else {
            Some(self.insert_at(range.end, format!(" <!-- kblint-disable-line {code} -->")))
        }
    }

    /// `<!-- kblint-disable-file CODE -->` at the top of the body.
    fn disable_file(&self, code: &str) -> lsp::TextEdit {
        let before = &self.lines.text()[..self.body.min(self.lines.text().len())];
        let lead = if before.is_empty() || before.ends_with('\n') {
            ""
        } else {
            "\n"
        };
        self.insert_at(
            self.body,
            format!("{lead}<!-- kblint-disable-file {code} -->\n"),
        )
    }

    /// Deletes a comment: its whole line when it stands alone.
    fn remove(&self, range: lsp::Range) -> lsp::TextEdit {
        let start = self.lines.offset(range.start, self.encoding);
        let end = self.lines.offset(range.end, self.encoding);
        let line = self.lines.range(range.start.line as usize);
        let text = self.lines.text();
        let alone = range.start.line == range.end.line
            && text[line.start..start].trim().is_empty()
            && text[end..line.end].trim().is_empty();
        let (from, to) = if alone {
            let next = self.lines.range(range.start.line as usize + 1).start;
            (line.start, next.max(line.end))
        } else {
            (start, end)
        };
        lsp::TextEdit {
            range: lsp::Range {
                start: self.lines.offset_position(from, self.encoding),
                end: self.lines.offset_position(to, self.encoding),
            },
            new_text: String::new(),
        }
    }
}

/// File texts for position conversion: open buffers, else the file on disk.
struct Texts<'a> {
    ws: &'a [Workspace],
    cache: HashMap<PathBuf, Option<Lines>>,
}

impl<'a> Texts<'a> {
    fn new(ws: &'a [Workspace]) -> Texts<'a> {
        Texts {
            ws,
            cache: HashMap::new(),
        }
    }

    fn load(&self, path: &Path) -> Option<Lines> {
        if let Some(t) = self.ws.iter().find_map(|w| w.buffer(path)) {
            return Some(Lines::new(t.to_string()));
        }
        let bytes = std::fs::read(path).ok()?;
        let text = String::from_utf8_lossy(&bytes);
        // Editors hide a byte-order mark; kblint's columns start after it too.
        let text = text.strip_prefix('\u{FEFF}').unwrap_or(&text).to_string();
        Some(Lines::new(text))
    }

    /// Runs `f` on the lines of `path` (an empty text if it cannot be read).
    fn with<T>(&mut self, path: &Path, f: impl FnOnce(&Lines) -> T) -> T {
        if !self.cache.contains_key(path) {
            let lines = self.load(path);
            self.cache.insert(path.to_path_buf(), lines);
        }
        match self.cache.get(path) {
            Some(Some(lines)) => f(lines),
            _ => f(&Lines::new(String::new())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Position, Related};

    fn pos(line: u32, character: u32) -> lsp::Position {
        lsp::Position { line, character }
    }

    #[test]
    fn related_locations_use_the_clients_encoding() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        let a = root.join("a.md");
        let b = root.join("b.md");
        std::fs::write(&a, "# A\n\n😀 Refunds take 30 days.\n").unwrap();
        std::fs::write(&b, "# B\n\n中文 Refunds take 14 days.\n").unwrap();
        let ws = Workspace::new(Some(root.clone()), None);
        let mut texts = Texts::new(std::slice::from_ref(&ws));
        let d = Diagnostic {
            rule: &rules::link::broken_anchor::RULE.meta,
            severity: Severity::Warning,
            path: crate::discover::display_path(&a),
            position: Position {
                line: 3,
                column: 3,
                end_line: 3,
                end_column: 10,
            },
            message: "m".into(),
            related: vec![Related {
                path: crate::discover::display_path(&b),
                line: 3,
                column: 4,
                message: "the other side".into(),
            }],
            snippet: String::new(),
        };
        let l = to_lsp(&d, Encoding::Utf16, &mut texts, &HashMap::new());
        assert_eq!(l.range.start, pos(2, 3));
        assert_eq!(l.range.end, pos(2, 10));
        assert_eq!(l.code, Some(lsp::NumberOrString::String("KB402".into())));
        assert_eq!(l.source.as_deref(), Some("kblint"));
        let rel = l.related_information.unwrap();
        assert_eq!(rel[0].location.range.start, pos(2, 3));
        assert_eq!(uri_to_path(rel[0].location.uri.as_str()).unwrap(), b);
        assert_eq!(rel[0].message, "the other side");
        let l8 = to_lsp(&d, Encoding::Utf8, &mut texts, &HashMap::new());
        assert_eq!(l8.range.start, pos(2, 5));
        assert_eq!(
            l8.related_information.unwrap()[0].location.range.start,
            pos(2, 7)
        );
    }

    fn edit_text(text: &str, e: &lsp::TextEdit) -> String {
        let lines = Lines::new(text.to_string());
        let s = lines.offset(e.range.start, Encoding::Utf16);
        let t = lines.offset(e.range.end, Encoding::Utf16);
        let mut out = text.to_string();
        out.replace_range(s..t, &e.new_text);
        out
    }

    #[test]
    fn disable_comments_respect_the_markdown_structure() {
        let text = "---\nowner: x\n---\n# T\n\nFirst TODO line\nsecond TODO line\n\n- item\n- TODO item\n> quoted\n>\n> TODO quote\n";
        let lines = Lines::new(text.to_string());
        let fixes = Fixes {
            lines: &lines,
            body: body_start(text),
            encoding: Encoding::Utf16,
        };
        assert!(fixes.disable_line(1, "KB502").is_none(), "frontmatter");
        let e = fixes.disable_line(5, "KB501").unwrap();
        assert!(edit_text(text, &e)
            .contains("\n\n<!-- kblint-disable-next-line KB501 -->\nFirst TODO line\n"));
        let e = fixes.disable_line(6, "KB501").unwrap();
        assert!(
            edit_text(text, &e).contains("\nsecond TODO line <!-- kblint-disable-line KB501 -->\n")
        );
        let e = fixes.disable_line(9, "KB501").unwrap();
        assert!(edit_text(text, &e).contains("- TODO item <!-- kblint-disable-line KB501 -->\n"));
        let e = fixes.disable_line(12, "KB501").unwrap();
        assert!(edit_text(text, &e)
            .contains(">\n> <!-- kblint-disable-next-line KB501 -->\n> TODO quote\n"));
        let e = fixes.disable_file("KB501");
        assert!(edit_text(text, &e)
            .starts_with("---\nowner: x\n---\n<!-- kblint-disable-file KB501 -->\n# T\n"));

        // Each fix really suppresses a finding on its line.
        for (line, content) in [
            (5, "First TODO line"),
            (6, "second TODO line"),
            (9, "- TODO item"),
            (12, "> TODO quote"),
        ] {
            let e = fixes.disable_line(line, "KB501").unwrap();
            let after = edit_text(text, &e);
            let at = after.lines().position(|l| l.starts_with(content)).unwrap() as u32 + 1;
            let a = Article::from_text("a.md".into(), "a.md".into(), after, &Limits::default());
            let d = Diagnostic {
                rule: &rules::hygiene::placeholder::RULE.meta,
                severity: Severity::Warning,
                path: "a.md".into(),
                position: Position {
                    line: at,
                    column: 1,
                    end_line: at,
                    end_column: 2,
                },
                message: String::new(),
                related: Vec::new(),
                snippet: String::new(),
            };
            let s = crate::suppress::Suppressions::parse(&a);
            assert!(s.covering(&d).is_some(), "line {line}: {:?}", s.items);
        }
    }

    #[test]
    fn removes_an_unused_suppression_line() {
        let text = "# T\n\n<!-- kblint-disable-next-line KB501 -->\nFine.\n";
        let lines = Lines::new(text.to_string());
        let fixes = Fixes {
            lines: &lines,
            body: body_start(text),
            encoding: Encoding::Utf16,
        };
        let e = fixes.remove(lsp::Range {
            start: pos(2, 0),
            end: pos(2, 39),
        });
        assert_eq!(edit_text(text, &e), "# T\n\nFine.\n");
    }

    #[test]
    fn minimal_edits_keep_the_unchanged_ends() {
        let old = "---\nx: 😀 1\n---\nbody\n";
        let new = "---\nx: 😀 2\ny: 3\n---\nbody\n";
        let lines = Lines::new(old.to_string());
        let e = minimal_edit(&lines, new, Encoding::Utf16).unwrap();
        assert_eq!(e.range.start, pos(1, 6));
        assert_eq!(e.range.end, pos(1, 7));
        assert_eq!(e.new_text, "2\ny: 3");
        assert_eq!(edit_text(old, &e), new);
        assert!(minimal_edit(&lines, old, Encoding::Utf16).is_none());
        // Multi-byte characters are never split.
        let lines = Lines::new("aé".to_string());
        let e = minimal_edit(&lines, "aè", Encoding::Utf8).unwrap();
        assert_eq!((e.range.start, e.new_text.as_str()), (pos(0, 1), "è"));
    }

    #[test]
    fn incremental_changes_in_utf16() {
        let mut text = "a😀b\nsecond\n".to_string();
        apply_change(
            &mut text,
            lsp::TextDocumentContentChangeEvent {
                range: Some(lsp::Range {
                    start: pos(0, 3),
                    end: pos(0, 4),
                }),
                range_length: None,
                text: "中".into(),
            },
            Encoding::Utf16,
        );
        assert_eq!(text, "a😀中\nsecond\n");
        apply_change(
            &mut text,
            lsp::TextDocumentContentChangeEvent {
                range: None,
                range_length: None,
                text: "new".into(),
            },
            Encoding::Utf16,
        );
        assert_eq!(text, "new");
    }
}
