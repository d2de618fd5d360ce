//! One pulldown-cmark pass over an article body: headings, links and prose segments.

use super::slug::{slugify, SlugCounter};
use pulldown_cmark::{
    BlockQuoteKind, CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd,
};
use std::ops::Range;

/// Stands in for inline code inside prose text, so sentence patterns never match code.
pub const CODE_MARK: char = '\u{FFFC}';

/// A heading and its anchor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    /// 1 to 6.
    pub level: u8,
    /// Plain text of the heading (inline code included).
    pub text: String,
    /// The anchor a link can target: the explicit `{#id}` or the unique GitHub slug.
    pub anchor: String,
    /// Byte range in the article text.
    pub range: Range<usize>,
}

/// Link or image.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum LinkKind {
    /// `[text](dest)`
    Link,
    /// `![alt](src)`
    Image,
}

/// A link or image with its destination and span.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// Link or image.
    pub kind: LinkKind,
    /// Destination as written.
    pub dest: String,
    /// Byte range of the whole link in the article text.
    pub range: Range<usize>,
}

/// What kind of block a prose segment is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    /// A paragraph (possibly inside a list item or blockquote).
    Paragraph,
    /// A heading of the given level.
    Heading(u8),
    /// The text of a tight list item.
    ListItem,
    /// A table header cell.
    TableHeader,
    /// A table body cell.
    TableCell,
}

/// Where a table cell sits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellInfo {
    /// Index of the table within the article.
    pub table: u32,
    /// 0-based body row (header cells: 0 too).
    pub row: u32,
    /// 0-based column.
    pub col: u32,
    /// The column's header text.
    pub header: String,
    /// The row's first cell text (its subject).
    pub row_label: String,
}

/// A run of prose text with exact source mapping, tagged by its context.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    /// The text: inline markup removed, inline code replaced by [`CODE_MARK`], line
    /// breaks as spaces.
    pub text: String,
    /// The block this text belongs to.
    pub block: BlockKind,
    /// Blockquote nesting depth (quoted text, callouts).
    pub quote_depth: u8,
    /// GitHub alert kind (`note`, `warning`, …) when inside one.
    pub admonition: Option<&'static str>,
    /// Whether inside a list.
    pub in_list: bool,
    /// Table position, for table cells.
    pub cell: Option<CellInfo>,
    /// Byte ranges of links whose text lies in this segment, with destinations.
    pub links: Vec<(Range<usize>, String)>,
    /// Ranges of [`Segment::text`] set in emphasis or strong emphasis.
    pub emphasis: Vec<Range<usize>>,
    pieces: Vec<Piece>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Piece {
    text_start: u32,
    src_start: u32,
    len: u32,
    exact: bool,
}

impl Segment {
    fn new(
        block: BlockKind,
        quote_depth: u8,
        admonition: Option<&'static str>,
        in_list: bool,
    ) -> Segment {
        Segment {
            text: String::new(),
            block,
            quote_depth,
            admonition,
            in_list,
            cell: None,
            links: Vec::new(),
            emphasis: Vec::new(),
            pieces: Vec::new(),
        }
    }

    fn push(&mut self, s: &str, src: Range<usize>) {
        let exact = src.len() == s.len();
        self.pieces.push(Piece {
            text_start: self.text.len() as u32,
            src_start: src.start as u32,
            len: s.len() as u32,
            exact,
        });
        self.text.push_str(s);
    }

    /// Maps a byte offset in [`Segment::text`] to a byte offset in the article text.
    pub fn source_offset(&self, text_offset: usize) -> usize {
        let t = text_offset as u32;
        let idx = match self.pieces.binary_search_by(|p| p.text_start.cmp(&t)) {
            Ok(i) => i,
            Err(0) => {
                return self
                    .pieces
                    .first()
                    .map(|p| p.src_start as usize)
                    .unwrap_or(0)
            }
            Err(i) => i - 1,
        };
        let p = self.pieces[idx];
        let delta = (t - p.text_start).min(p.len);
        if p.exact {
            (p.src_start + delta) as usize
        } else {
            p.src_start as usize
        }
    }

    /// Source byte range of the text range `r`.
    pub fn source_range(&self, r: Range<usize>) -> Range<usize> {
        let start = self.source_offset(r.start);
        let end = if r.end > r.start {
            self.source_offset(r.end - 1) + 1
        } else {
            start
        };
        start..end.max(start)
    }

    /// Whether the text range `r` lies inside emphasis (`*XXX*`, `**TODO**`).
    pub fn is_emphasized(&self, r: Range<usize>) -> bool {
        self.emphasis
            .iter()
            .any(|e| e.start <= r.start && r.end <= e.end)
    }

    /// Whether the text is quoted (inside a blockquote that is not a callout).
    pub fn is_quoted(&self) -> bool {
        self.quote_depth > 0 && self.admonition.is_none()
    }
}

/// Everything the Markdown pass extracts from one body.
#[derive(Debug, Default)]
pub struct Parsed {
    /// Headings in order.
    pub headings: Vec<Heading>,
    /// Links and images in order.
    pub links: Vec<Link>,
    /// Prose segments in order.
    pub prose: Vec<Segment>,
    /// Byte ranges of code (fenced, indented and inline) and math.
    pub code: Vec<Range<usize>>,
    /// Byte ranges of raw HTML (blocks, inline tags, comments).
    pub html: Vec<Range<usize>>,
    /// Extra anchors from raw HTML (`id="…"`, `name="…"`).
    pub html_anchors: Vec<String>,
}

fn level_num(l: HeadingLevel) -> u8 {
    match l {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

fn alert_name(k: BlockQuoteKind) -> &'static str {
    match k {
        BlockQuoteKind::Note => "note",
        BlockQuoteKind::Tip => "tip",
        BlockQuoteKind::Important => "important",
        BlockQuoteKind::Warning => "warning",
        BlockQuoteKind::Caution => "caution",
    }
}

/// Parses `text[body_start..]`; every range in the result is in `text` coordinates.
pub fn parse(text: &str, body_start: usize) -> Parsed {
    let body = &text[body_start..];
    let mut opts = Options::empty();
    opts.insert(Options::ENABLE_TABLES);
    opts.insert(Options::ENABLE_FOOTNOTES);
    opts.insert(Options::ENABLE_STRIKETHROUGH);
    opts.insert(Options::ENABLE_HEADING_ATTRIBUTES);
    opts.insert(Options::ENABLE_GFM);
    opts.insert(Options::ENABLE_TASKLISTS);

    let mut out = Parsed::default();
    let mut slugs = SlugCounter::default();
    let mut current: Option<Segment> = None;
    let mut quote_depth: u8 = 0;
    let mut admonitions: Vec<Option<&'static str>> = Vec::new();
    let mut list_depth = 0u32;
    let mut item_stack: Vec<bool> = Vec::new();
    let mut heading: Option<(u8, Option<String>, String, usize)> = None;
    let mut in_code_block = false;
    let mut link_stack: Vec<(usize, String)> = Vec::new();
    let mut emphasis_stack: Vec<usize> = Vec::new();
    // tables
    let mut table_idx: u32 = 0;
    let mut headers: Vec<String> = Vec::new();
    let mut in_head = false;
    let mut row: u32 = 0;
    let mut col: u32 = 0;
    let mut row_label = String::new();

    let admonition = |stack: &Vec<Option<&'static str>>| stack.iter().rev().find_map(|a| *a);

    for (event, r) in Parser::new_ext(body, opts).into_offset_iter() {
        let range = (r.start + body_start)..(r.end + body_start);
        match event {
            Event::Start(tag) => match tag {
                Tag::Paragraph => {
                    flush(&mut current, &mut out);
                    current = Some(Segment::new(
                        BlockKind::Paragraph,
                        quote_depth,
                        admonition(&admonitions),
                        list_depth > 0,
                    ));
                }
                Tag::Heading { level, id, .. } => {
                    flush(&mut current, &mut out);
                    let lvl = level_num(level);
                    heading = Some((lvl, id.map(|s| s.to_string()), String::new(), range.start));
                    current = Some(Segment::new(
                        BlockKind::Heading(lvl),
                        quote_depth,
                        admonition(&admonitions),
                        list_depth > 0,
                    ));
                }
                Tag::BlockQuote(kind) => {
                    flush(&mut current, &mut out);
                    quote_depth = quote_depth.saturating_add(1);
                    admonitions.push(kind.map(alert_name));
                }
                Tag::CodeBlock(kind) => {
                    flush(&mut current, &mut out);
                    in_code_block = true;
                    let _ = matches!(kind, CodeBlockKind::Fenced(_));
                    out.code.push(range.clone());
                }
                Tag::HtmlBlock => {
                    flush(&mut current, &mut out);
                    out.html.push(range.clone());
                }
                Tag::List(_) => {
                    flush(&mut current, &mut out);
                    list_depth += 1;
                }
                Tag::Item => {
                    flush(&mut current, &mut out);
                    item_stack.push(true);
                }
                Tag::Table(_) => {
                    flush(&mut current, &mut out);
                    headers.clear();
                    row = 0;
                }
                Tag::TableHead => {
                    in_head = true;
                    col = 0;
                }
                Tag::TableRow => {
                    col = 0;
                    row_label.clear();
                }
                Tag::TableCell => {
                    flush(&mut current, &mut out);
                    let mut seg = Segment::new(
                        if in_head {
                            BlockKind::TableHeader
                        } else {
                            BlockKind::TableCell
                        },
                        quote_depth,
                        admonition(&admonitions),
                        list_depth > 0,
                    );
                    seg.cell = Some(CellInfo {
                        table: table_idx,
                        row,
                        col,
                        header: headers.get(col as usize).cloned().unwrap_or_default(),
                        row_label: row_label.clone(),
                    });
                    current = Some(seg);
                }
                Tag::Link { dest_url, .. } => {
                    out.links.push(Link {
                        kind: LinkKind::Link,
                        dest: dest_url.to_string(),
                        range: range.clone(),
                    });
                    link_stack.push((range.start, dest_url.to_string()));
                }
                Tag::Image { dest_url, .. } => {
                    out.links.push(Link {
                        kind: LinkKind::Image,
                        dest: dest_url.to_string(),
                        range: range.clone(),
                    });
                    link_stack.push((range.start, dest_url.to_string()));
                }
                Tag::FootnoteDefinition(_) => flush(&mut current, &mut out),
                Tag::Emphasis | Tag::Strong => {
                    emphasis_stack.push(current.as_ref().map(|s| s.text.len()).unwrap_or(0));
                }
                _ => {}
            },
            Event::End(tag) => match tag {
                TagEnd::Paragraph => flush(&mut current, &mut out),
                TagEnd::Heading(_) => {
                    flush(&mut current, &mut out);
                    if let Some((level, id, text, start)) = heading.take() {
                        let anchor = match id {
                            Some(id) => {
                                slugs.unique(id.clone());
                                id
                            }
                            None => slugs.unique(slugify(&text)),
                        };
                        out.headings.push(Heading {
                            level,
                            text: text.trim().to_string(),
                            anchor,
                            range: start..range.end,
                        });
                    }
                }
                TagEnd::BlockQuote(_) => {
                    flush(&mut current, &mut out);
                    quote_depth = quote_depth.saturating_sub(1);
                    admonitions.pop();
                }
                TagEnd::CodeBlock => in_code_block = false,
                TagEnd::List(_) => {
                    flush(&mut current, &mut out);
                    list_depth = list_depth.saturating_sub(1);
                }
                TagEnd::Item => {
                    flush(&mut current, &mut out);
                    item_stack.pop();
                }
                TagEnd::TableHead => {
                    in_head = false;
                    row = 0;
                }
                TagEnd::TableRow => row += 1,
                TagEnd::TableCell => {
                    if let Some(seg) = current.as_ref() {
                        let t = seg.text.trim().to_string();
                        if in_head {
                            headers.push(t);
                        } else if col == 0 {
                            row_label = t;
                        }
                    }
                    flush(&mut current, &mut out);
                    col += 1;
                }
                TagEnd::Table => {
                    table_idx += 1;
                }
                TagEnd::Emphasis | TagEnd::Strong => {
                    if let (Some(start), Some(seg)) = (emphasis_stack.pop(), current.as_mut()) {
                        let end = seg.text.len();
                        if start < end {
                            seg.emphasis.push(start..end);
                        }
                    }
                }
                TagEnd::Link | TagEnd::Image => {
                    if let Some((start, dest)) = link_stack.pop() {
                        if let Some(seg) = current.as_mut() {
                            seg.links.push((start..range.end, dest));
                        }
                    }
                }
                _ => {}
            },
            Event::Text(t) => {
                if in_code_block {
                    continue;
                }
                if let Some((_, _, h, _)) = heading.as_mut() {
                    h.push_str(&t);
                }
                ensure_item_segment(
                    &mut current,
                    &item_stack,
                    quote_depth,
                    admonition(&admonitions),
                    list_depth,
                );
                if let Some(seg) = current.as_mut() {
                    seg.push(&t, range);
                }
            }
            Event::Code(t) => {
                out.code.push(range.clone());
                if let Some((_, _, h, _)) = heading.as_mut() {
                    h.push_str(&t);
                }
                ensure_item_segment(
                    &mut current,
                    &item_stack,
                    quote_depth,
                    admonition(&admonitions),
                    list_depth,
                );
                if let Some(seg) = current.as_mut() {
                    let mut buf = [0u8; 4];
                    seg.push(CODE_MARK.encode_utf8(&mut buf), range.start..range.start);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(seg) = current.as_mut() {
                    seg.push(" ", range.start..range.start);
                }
            }
            Event::InlineHtml(h) if is_template_tag(&h) => {
                // `<<COMPANY>>` parses as `<` + tag `<COMPANY>` + `>`: it is text.
                if let Some(seg) = current.as_mut() {
                    seg.push(&h, range);
                }
            }
            Event::Html(h) | Event::InlineHtml(h) => {
                out.html.push(range.clone());
                collect_html_anchors(&h, &mut out.html_anchors);
            }
            Event::FootnoteReference(_) | Event::TaskListMarker(_) | Event::Rule => {}
            Event::InlineMath(_) | Event::DisplayMath(_) => out.code.push(range.clone()),
        }
    }
    flush(&mut current, &mut out);
    out
}

fn ensure_item_segment(
    current: &mut Option<Segment>,
    item_stack: &[bool],
    quote_depth: u8,
    admonition: Option<&'static str>,
    list_depth: u32,
) {
    if current.is_none() && !item_stack.is_empty() {
        *current = Some(Segment::new(
            BlockKind::ListItem,
            quote_depth,
            admonition,
            list_depth > 0,
        ));
    }
}

fn flush(current: &mut Option<Segment>, out: &mut Parsed) {
    if let Some(seg) = current.take() {
        if !seg.text.trim().is_empty() {
            out.prose.push(seg);
        }
    }
}

/// An all-caps pseudo tag such as `<COMPANY>`: a template variable, not HTML.
fn is_template_tag(h: &str) -> bool {
    let inner = h
        .strip_prefix('<')
        .and_then(|r| r.strip_suffix('>'))
        .unwrap_or("");
    inner.len() >= 2
        && inner.starts_with(|c: char| c.is_ascii_uppercase())
        && inner
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
}

fn collect_html_anchors(html: &str, out: &mut Vec<String>) {
    static RE: std::sync::OnceLock<Option<regex::Regex>> = std::sync::OnceLock::new();
    let re = RE.get_or_init(|| {
        regex::Regex::new(r#"(?i)(?:^|\s)(?:id|name)\s*=\s*(?:"([^"]*)"|'([^']*)')"#).ok()
    });
    if let Some(re) = re {
        for c in re.captures_iter(html) {
            if let Some(m) = c.get(1).or_else(|| c.get(2)) {
                out.push(m.as_str().to_string());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prose_excludes_code_and_maps_offsets() {
        let src =
            "# Title `x`\n\nSay **hello** to `code` and [link](a.md).\n\n```\nTODO in code\n```\n";
        let p = parse(src, 0);
        assert_eq!(p.headings[0].anchor, "title-x");
        let para = &p.prose[1];
        assert!(para.text.starts_with("Say hello to \u{FFFC} and link."));
        let i = para.text.find("hello").unwrap();
        assert_eq!(
            &src[para.source_offset(i)..para.source_offset(i) + 5],
            "hello"
        );
        assert!(p.prose.iter().all(|s| !s.text.contains("TODO")));
        assert_eq!(p.links[0].dest, "a.md");
        assert_eq!(para.links.len(), 1);
    }

    #[test]
    fn tables_carry_headers_and_row_labels() {
        let src = "| Plan | Price |\n|---|---|\n| Pro | $49/month |\n";
        let p = parse(src, 0);
        let cell = p.prose.iter().find(|s| s.text.contains("$49")).unwrap();
        let info = cell.cell.as_ref().unwrap();
        assert_eq!(info.header, "Price");
        assert_eq!(info.row_label, "Pro");
        assert_eq!(cell.block, BlockKind::TableCell);
    }

    #[test]
    fn quotes_and_alerts_are_tagged() {
        let src = "> I was promised a refund\n\n> [!NOTE]\n> Refunds take 5 days.\n\n- item one\n- item two\n";
        let p = parse(src, 0);
        assert!(p.prose[0].is_quoted());
        assert_eq!(p.prose[1].admonition, Some("note"));
        assert!(!p.prose[1].is_quoted());
        assert_eq!(p.prose[2].block, BlockKind::ListItem);
        assert!(p.prose[2].in_list);
    }

    #[test]
    fn explicit_ids_and_html_anchors() {
        let src = "## Refunds {#money-back}\n\n<a name=\"legacy\"></a> <a name =\"note_G\"></a><span id='x'>\n";
        let p = parse(src, 0);
        assert_eq!(p.headings[0].anchor, "money-back");
        assert_eq!(
            p.html_anchors,
            vec!["legacy".to_string(), "note_G".to_string(), "x".to_string()]
        );
    }
}
