//! The Markdown reader (pulldown-cmark with GFM tables and YAML front matter).
//!
//! Drafts written by people and chat assistants redact numbers as `**`
//! (`记写学习笔记**万余字`). CommonMark would pair those into bold and eat them, so a
//! `**` that stands where a number stands is escaped before parsing; real
//! `**bold**` stays bold.

use std::ops::Range;

use pulldown_cmark::{Event, HeadingLevel, MetadataBlockKind, Options, Parser, Tag, TagEnd};

use crate::model::{is_blank_char, Inlines, Span, Table};
use crate::read::structure::{Hint, Unit};

pub use super::placeholders::escape_placeholders;

/// What the Markdown reader produces besides units.
pub struct MdParts {
    pub units: Vec<Unit>,
    pub skipped: Vec<(usize, usize)>,
    /// Front matter text and the line it starts on.
    pub front_matter: Option<(String, usize)>,
}

struct Lines {
    starts: Vec<usize>,
    /// Byte offsets just past the last non-white-space byte before each offset are
    /// found through the source itself.
    src: String,
}

impl Lines {
    fn new(src: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(src.match_indices('\n').map(|(i, _)| i + 1));
        Lines {
            starts,
            src: src.to_string(),
        }
    }
    /// 1-based line of a byte offset.
    fn line(&self, off: usize) -> usize {
        match self.starts.binary_search(&off) {
            Ok(i) => i + 1,
            Err(i) => i,
        }
    }
    fn span(&self, r: &Range<usize>) -> (usize, usize) {
        // A block's range includes the blank lines after it; they are not its lines.
        let bytes = self.src.as_bytes();
        let mut end = r.end.min(bytes.len());
        while end > r.start + 1 && bytes[end - 1].is_ascii_whitespace() {
            end -= 1;
        }
        let first = self.line(r.start);
        let last = self.line(end.saturating_sub(1).max(r.start));
        (first, last.max(first))
    }
}

struct Cur {
    content: Inlines,
    range: Range<usize>,
    hint: Hint,
}

struct TableBuilder {
    rows: Vec<Vec<Inlines>>,
    header_rows: usize,
    cell: Option<Inlines>,
    range: Range<usize>,
}

struct Builder {
    lines: Lines,
    units: Vec<Unit>,
    skipped: Vec<(usize, usize)>,
    cur: Option<Cur>,
    bold: u32,
    italic: u32,
    quote: u32,
    items: u32,
    pending_marker: Option<String>,
    table: Option<TableBuilder>,
    html: Option<(String, Range<usize>)>,
    front: Option<(String, usize)>,
    in_front: bool,
    soft_break: bool,
    align_right: bool,
    code: bool,
    /// An image being read: its path as written, its alt text so far, its range.
    image: Option<(String, String, Range<usize>)>,
}

impl Builder {
    fn context_hint(&self) -> Hint {
        if self.align_right {
            Hint::AlignRight
        } else if self.items > 0 {
            Hint::ListItem
        } else if self.quote > 0 {
            Hint::Quote
        } else {
            Hint::None
        }
    }

    fn begin(&mut self, hint: Hint, range: Range<usize>) {
        self.flush();
        let mut content = Inlines::default();
        if let Some(m) = self.pending_marker.take() {
            content.push(Span::plain(m));
        }
        self.cur = Some(Cur {
            content,
            range,
            hint,
        });
    }

    fn push_text(&mut self, text: &str, range: Range<usize>) {
        if let Some(t) = self.table.as_mut() {
            if let Some(cell) = t.cell.as_mut() {
                cell.push(Span {
                    text: text.to_string(),
                    bold: self.bold > 0,
                    italic: self.italic > 0,
                });
            }
            return;
        }
        if self.cur.is_none() {
            let hint = self.context_hint();
            self.begin(hint, range.clone());
        }
        let bold = self.bold > 0;
        let italic = self.italic > 0;
        let soft = std::mem::take(&mut self.soft_break);
        let cur = self.cur.as_mut().expect("begun above");
        if soft && continues_attachment_note(&cur.content.text(), text) {
            // `附件：1.…` with `2.…` on the next source line: one item per line,
            // as the author wrote them (the writers align later items).
            cur.content.push(Span {
                text: "\n".into(),
                bold,
                italic,
            });
        } else if soft {
            let prev_ascii = cur
                .content
                .text()
                .chars()
                .last()
                .is_some_and(|c| c.is_ascii_alphanumeric() || c == ',' || c == '.');
            let next_ascii = text
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphanumeric());
            if prev_ascii && next_ascii {
                cur.content.push(Span {
                    text: " ".into(),
                    bold,
                    italic,
                });
            }
        }
        cur.content.push(Span {
            text: text.to_string(),
            bold,
            italic,
        });
        cur.range.end = cur.range.end.max(range.end);
    }

    fn flush(&mut self) {
        if let Some(c) = self.cur.take() {
            let content = c.content.trim();
            if !content.is_empty() {
                let lines = self.lines.span(&c.range);
                let all_bold = content.0.iter().all(|s| s.bold);
                let hint = if all_bold && c.hint == Hint::None {
                    Hint::AllBold
                } else {
                    c.hint
                };
                self.units.push(Unit {
                    lines,
                    content,
                    hint,
                });
            }
        }
    }
}

/// A soft line break inside a 附件说明 followed by its next item (`2.…`).
fn continues_attachment_note(so_far: &str, next: &str) -> bool {
    crate::read::recognize::is_attachment_note(so_far)
        && crate::read::recognize::is_attachment_item(next)
}

/// Parse Markdown into units with 1-based source line ranges.
pub fn parse(src: &str) -> MdParts {
    let escaped = escape_placeholders(src);
    let opts = Options::ENABLE_TABLES
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_STRIKETHROUGH;
    let mut b = Builder {
        lines: Lines::new(&escaped),
        units: Vec::new(),
        skipped: Vec::new(),
        cur: None,
        bold: 0,
        italic: 0,
        quote: 0,
        items: 0,
        pending_marker: None,
        table: None,
        html: None,
        front: None,
        in_front: false,
        soft_break: false,
        align_right: false,
        code: false,
        image: None,
    };
    for (ev, range) in Parser::new_ext(&escaped, opts).into_offset_iter() {
        match ev {
            Event::Start(tag) => match tag {
                Tag::MetadataBlock(MetadataBlockKind::YamlStyle) | Tag::MetadataBlock(_) => {
                    b.flush();
                    b.in_front = true;
                    b.skipped.push(b.lines.span(&range));
                    b.front = Some((String::new(), b.lines.line(range.start) + 1));
                }
                Tag::Paragraph => {
                    let hint = b.context_hint();
                    if b.cur.is_some()
                        && b.items > 0
                        && b.cur.as_ref().is_some_and(|c| c.hint == Hint::ListItem)
                        && b.pending_marker.is_none()
                        && b.cur.as_ref().is_some_and(|c| c.content.is_empty())
                    {
                        // The item's first paragraph: keep the unit begun at the item.
                    } else {
                        b.begin(hint, range);
                    }
                }
                Tag::Heading { level, .. } => {
                    let depth = match level {
                        HeadingLevel::H1 => 1,
                        HeadingLevel::H2 => 2,
                        HeadingLevel::H3 => 3,
                        HeadingLevel::H4 => 4,
                        HeadingLevel::H5 => 5,
                        HeadingLevel::H6 => 6,
                    };
                    b.begin(Hint::MdHeading(depth), range);
                }
                Tag::BlockQuote(_) => {
                    b.flush();
                    b.quote += 1;
                }
                Tag::List(_) => b.flush(),
                Tag::Item => {
                    b.flush();
                    b.items += 1;
                    // Keep the author's number (`1.`, `2)`); drop bullet marks.
                    let marker: String = escaped[range.start..]
                        .chars()
                        .take_while(|c| !c.is_whitespace())
                        .collect();
                    b.pending_marker = if marker.chars().next().is_some_and(|c| c.is_ascii_digit())
                    {
                        Some(marker)
                    } else {
                        None
                    };
                    // The item's own lines: its range grows with its text, not
                    // over the lists nested in it (they are units of their own).
                    b.begin(Hint::ListItem, range.start..range.start + 1);
                }
                Tag::CodeBlock(_) => {
                    b.flush();
                    b.code = true;
                }
                Tag::HtmlBlock => {
                    b.flush();
                    b.html = Some((String::new(), range));
                }
                Tag::Table(_) => {
                    b.flush();
                    b.table = Some(TableBuilder {
                        rows: Vec::new(),
                        header_rows: 0,
                        cell: None,
                        range,
                    });
                }
                Tag::TableHead | Tag::TableRow => {
                    if let Some(t) = b.table.as_mut() {
                        t.rows.push(Vec::new());
                    }
                }
                Tag::TableCell => {
                    if let Some(t) = b.table.as_mut() {
                        t.cell = Some(Inlines::default());
                    }
                }
                Tag::Strong => b.bold += 1,
                Tag::Emphasis => b.italic += 1,
                // A picture is a unit of its own (text around it in the same
                // paragraph makes units before and after it); in a table cell
                // its alt text stands in the cell.
                Tag::Image { dest_url, .. } if b.table.is_none() => {
                    b.flush();
                    b.image = Some((dest_url.to_string(), String::new(), range));
                }
                _ => {}
            },
            Event::End(tag) => match tag {
                TagEnd::MetadataBlock(_) => b.in_front = false,
                TagEnd::CodeBlock => b.code = false,
                TagEnd::Paragraph | TagEnd::Heading(_) => b.flush(),
                TagEnd::BlockQuote(_) => {
                    b.flush();
                    b.quote = b.quote.saturating_sub(1);
                }
                TagEnd::Item => {
                    b.flush();
                    b.items = b.items.saturating_sub(1);
                    b.pending_marker = None;
                }
                TagEnd::HtmlBlock => {
                    if let Some((html, r)) = b.html.take() {
                        html_units(&mut b, &html, &r);
                    }
                }
                TagEnd::Table => {
                    if let Some(t) = b.table.take() {
                        let (first, last) = b.lines.span(&t.range);
                        // The delimiter row is the table's second line.
                        if last > first {
                            b.skipped.push((first + 1, first + 1));
                        }
                        b.units.push(Unit {
                            lines: (first, last),
                            content: Inlines::default(),
                            hint: Hint::Table(Table {
                                rows: t.rows,
                                header_rows: t.header_rows,
                            }),
                        });
                    }
                }
                TagEnd::TableHead => {
                    if let Some(t) = b.table.as_mut() {
                        t.header_rows = 1;
                    }
                }
                TagEnd::TableCell => {
                    if let Some(t) = b.table.as_mut() {
                        if let (Some(cell), Some(row)) = (t.cell.take(), t.rows.last_mut()) {
                            row.push(cell.trim());
                        }
                    }
                }
                TagEnd::Strong => b.bold = b.bold.saturating_sub(1),
                TagEnd::Emphasis => b.italic = b.italic.saturating_sub(1),
                TagEnd::Image => {
                    if let Some((path, alt, r)) = b.image.take() {
                        b.units.push(Unit {
                            lines: b.lines.span(&r),
                            content: Inlines::default(),
                            hint: Hint::ImageFile {
                                path,
                                alt: alt.trim().to_string(),
                            },
                        });
                    }
                }
                _ => {}
            },
            Event::Text(t) | Event::Code(t) if b.image.is_some() => {
                if let Some((_, alt, _)) = b.image.as_mut() {
                    alt.push_str(&t);
                }
            }
            Event::Text(t) => {
                if b.in_front {
                    if let Some((s, _)) = b.front.as_mut() {
                        s.push_str(&t);
                    }
                } else if let Some((h, _)) = b.html.as_mut() {
                    h.push_str(&t);
                } else if b.code {
                    // Code block lines: one unit per line, literal.
                    let first = b.lines.line(range.start);
                    for (k, line) in t.split('\n').enumerate() {
                        if line.trim().is_empty() {
                            continue;
                        }
                        let l = first + k;
                        b.units.push(Unit {
                            lines: (l, l),
                            content: Inlines::plain(line.trim_matches(is_blank_char)),
                            hint: Hint::None,
                        });
                    }
                } else {
                    b.push_text(&t, range);
                }
            }
            Event::Code(t) => b.push_text(&t, range),
            Event::Html(t) => {
                if let Some((h, _)) = b.html.as_mut() {
                    h.push_str(&t);
                }
            }
            Event::InlineHtml(t) => {
                let tag = t.to_ascii_lowercase();
                if tag.starts_with("<br") {
                    b.push_text("\n", range);
                } else if tag.contains("align=\"right\"")
                    || tag.contains("text-align:right")
                    || tag.contains("text-align: right")
                {
                    b.align_right = true;
                } else if tag.starts_with("</div") || tag.starts_with("</p") {
                    b.align_right = false;
                }
            }
            Event::SoftBreak => b.soft_break = true,
            Event::HardBreak => b.push_text("\n", range),
            Event::Rule => b.skipped.push(b.lines.span(&range)),
            Event::TaskListMarker(done) => b.push_text(if done { "☑" } else { "☐" }, range),
            _ => {}
        }
    }
    b.flush();
    MdParts {
        units: b.units,
        skipped: b.skipped,
        front_matter: b.front,
    }
}

/// Raw HTML is reduced to its text; `align="right"` marks a signature.
fn html_units(b: &mut Builder, html: &str, range: &Range<usize>) {
    let first_line = b.lines.line(range.start);
    let mut right = false;
    for (k, raw) in html.split('\n').enumerate() {
        let lower = raw.to_ascii_lowercase();
        if lower.contains("align=\"right\"")
            || lower.contains("text-align:right")
            || lower.contains("text-align: right")
        {
            right = true;
        }
        let text = strip_tags(raw);
        let text = text.trim_matches(is_blank_char);
        let l = first_line + k;
        if text.is_empty() {
            if !raw.trim().is_empty() {
                b.skipped.push((l, l));
            }
        } else {
            b.units.push(Unit {
                lines: (l, l),
                content: Inlines::plain(decode_entities(text)),
                hint: if right { Hint::AlignRight } else { Hint::None },
            });
        }
        if lower.contains("</div") || lower.contains("</p") {
            right = false;
        }
    }
}

fn strip_tags(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut in_tag = false;
    for c in s.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

fn decode_entities(s: &str) -> String {
    s.replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_and_bold_in_one_document() {
        let md = "# 关于X的报告\n\n**一是**加强学习，记写学习笔记**万余字，撰写研讨材料**篇。\n";
        let p = parse(md);
        assert_eq!(p.units.len(), 2);
        let para = &p.units[1];
        assert_eq!(
            para.content.text(),
            "一是加强学习，记写学习笔记**万余字，撰写研讨材料**篇。"
        );
        assert!(para.content.0[0].bold);
        assert_eq!(para.content.0[0].text, "一是");
        assert!(para.content.0[1..].iter().all(|s| !s.bold));
        assert_eq!(para.lines, (3, 3));
    }

    #[test]
    fn front_matter_table_and_html() {
        let md = "---\ntitle: 关于X的通知\n---\n\n# 关于X的通知\n\n| 序号 | 单位 |\n|---|---|\n| 1 | 财政局 |\n\n<div align=\"right\">\n某某市人民政府\n</div>\n";
        let p = parse(md);
        let (fm, line) = p.front_matter.clone().unwrap();
        assert!(fm.contains("title"));
        assert_eq!(line, 2);
        assert!(p.skipped.contains(&(1, 3)));
        assert!(p.skipped.contains(&(8, 8)));
        let table = p
            .units
            .iter()
            .find(|u| matches!(u.hint, Hint::Table(_)))
            .unwrap();
        assert_eq!(table.lines, (7, 9));
        let sig = p.units.last().unwrap();
        assert_eq!(sig.content.text(), "某某市人民政府");
        assert_eq!(sig.hint, Hint::AlignRight);
        assert_eq!(sig.lines, (12, 12));
    }

    #[test]
    fn attachment_items_on_soft_breaks_keep_their_lines() {
        let p = parse("正文。\n\n附件：1.甲方案\n2.乙清单\n3.丙表\n");
        assert_eq!(
            p.units[1].content.text(),
            "附件：1.甲方案\n2.乙清单\n3.丙表"
        );
        // An ordinary paragraph's soft breaks still join.
        let p = parse("第一行\n2.第二行\n");
        assert_eq!(p.units[0].content.text(), "第一行2.第二行");
    }

    #[test]
    fn ordered_items_keep_their_numbers() {
        let p = parse("1. 加强领导\n2. 压实责任\n");
        assert_eq!(p.units.len(), 2);
        assert_eq!(p.units[1].content.text(), "2.压实责任");
        assert_eq!(p.units[1].hint, Hint::ListItem);
    }

    /// A picture is a unit of its own, with its path and alt text, between
    /// the text around it; in a table cell its alt text stays.
    #[test]
    fn images_are_units_of_their_own() {
        let p = parse("前文。\n\n![图 说明](img/a.png)\n\n图1 说明\n\n甲![乙](b.jpg)丙\n");
        let kinds: Vec<String> = p
            .units
            .iter()
            .map(|u| match &u.hint {
                Hint::ImageFile { path, alt } => format!("{path}|{alt}"),
                _ => u.content.text(),
            })
            .collect();
        assert_eq!(
            kinds,
            [
                "前文。",
                "img/a.png|图 说明",
                "图1 说明",
                "甲",
                "b.jpg|乙",
                "丙"
            ]
        );
        assert_eq!(p.units[1].lines, (3, 3));
        let t = parse("| a |\n|---|\n| ![图](x.png) |\n");
        assert!(matches!(&t.units[0].hint, Hint::Table(tb) if tb.rows[1][0].text() == "图"));
    }
}
