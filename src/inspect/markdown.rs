//! `gongwen inspect --to markdown`: the recognised structure written in the
//! Markdown the Markdown reader takes, so that a user whose draft was misread
//! corrects one line and converts the Markdown instead. Reading the Markdown
//! gives the same blocks (kinds and text) as the draft: a title is `#`, a
//! heading `#` repeated one more than its level, a list item `- `, a table a
//! GFM table; the other parts are paragraphs that the Markdown reader's
//! recognisers, the same as the text reader's, place by their words and
//! position. Everything Markdown would read as markup is escaped.

use crate::model::{BlockKind, Document, Inlines};

/// The document as Markdown.
pub fn to_markdown(doc: &Document) -> String {
    let mut out = String::new();
    let mut title_written = false;
    for b in doc.blocks() {
        let para = |out: &mut String, text: &str| {
            out.push_str(text);
            out.push_str("\n\n");
        };
        match b.kind {
            BlockKind::Title if !title_written => {
                title_written = true;
                let mut lines = inlines_md(&b.content).into_iter();
                if let Some(first) = lines.next() {
                    out.push_str("# ");
                    para(&mut out, &first);
                }
                // The title's further lines: paragraphs the reader joins to it.
                for l in lines {
                    para(&mut out, &l);
                }
            }
            BlockKind::Heading => {
                let level = b.heading.as_ref().map_or(1, |h| h.level);
                let hashes = "#".repeat(usize::from(level.clamp(1, 5)) + 1);
                para(
                    &mut out,
                    &format!("{hashes} {}", inlines_md(&b.content).join("")),
                );
            }
            BlockKind::ListItem => {
                para(&mut out, &format!("- {}", inlines_md(&b.content).join("")));
            }
            BlockKind::Image => {
                if let Some(im) = &b.image {
                    let alt = escape(&im.alt, false).replace(['[', ']'], "");
                    para(&mut out, &format!("![{alt}]({})", im.source));
                }
            }
            BlockKind::Table => {
                if let Some(t) = &b.table {
                    out.push_str(&table_md(t));
                    out.push('\n');
                }
            }
            _ => {
                // Lines a part keeps apart (附件说明 items, title lines):
                // paragraphs the reader joins again.
                for l in inlines_md(&b.content) {
                    para(&mut out, &l);
                }
            }
        }
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

fn block_cells(t: &crate::model::Table) -> usize {
    t.columns().max(1)
}

fn table_md(t: &crate::model::Table) -> String {
    let cols = block_cells(t);
    let row = |cells: &[Inlines]| {
        let mut s = String::from("|");
        for k in 0..cols {
            let c = cells
                .get(k)
                .map(|c| inlines_md(c).join(" "))
                .unwrap_or_default();
            s.push(' ');
            s.push_str(&c);
            s.push_str(" |");
        }
        s.push('\n');
        s
    };
    let mut s = String::new();
    let empty: Vec<Inlines> = Vec::new();
    let mut rows = t.rows.iter();
    s.push_str(&row(rows.next().map_or(&empty[..], |r| &r[..])));
    s.push('|');
    s.push_str(&"---|".repeat(cols));
    s.push('\n');
    for r in rows {
        s.push_str(&row(r));
    }
    s
}

/// The text of inlines as Markdown, one string per line of the part (split at
/// the `\n` a part keeps), emphasis as `**`/`*`, markup characters escaped.
fn inlines_md(c: &Inlines) -> Vec<String> {
    let mut lines = vec![String::new()];
    for span in &c.0 {
        for (k, piece) in span.text.split('\n').enumerate() {
            if k > 0 {
                lines.push(String::new());
            }
            if piece.is_empty() {
                continue;
            }
            let cur = lines.last_mut().expect("one line at least");
            let at_start = cur.is_empty();
            let text = escape(piece, at_start);
            let (open, close) = match (span.bold, span.italic) {
                (true, true) => ("***", "***"),
                (true, false) => ("**", "**"),
                (false, true) => ("*", "*"),
                _ => ("", ""),
            };
            cur.push_str(open);
            cur.push_str(&text);
            cur.push_str(close);
        }
    }
    lines.retain(|l| !l.is_empty());
    lines
}

/// Escape what CommonMark would read as markup; `at_start` for the start of a
/// line, where `#`, `-`, `+`, `>` and `1.`/`1)` open blocks.
fn escape(t: &str, at_start: bool) -> String {
    let mut s = String::with_capacity(t.len() + 8);
    let chars: Vec<char> = t.chars().collect();
    for (k, &c) in chars.iter().enumerate() {
        let inline_markup = matches!(
            c,
            '\\' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '`' | '~' | '&'
        );
        let block_opener = at_start && k == 0 && matches!(c, '#' | '-' | '+' | '=');
        let list_number = at_start
            && matches!(c, '.' | ')')
            && k > 0
            && chars[..k].iter().all(char::is_ascii_digit);
        if inline_markup || block_opener || list_number {
            s.push('\\');
        }
        s.push(c);
    }
    s
}

/// The blocks of a document as (kind, text) pairs (a heading's kind with its
/// level and run-in), tables as their cells' text: what must survive the trip
/// through Markdown.
pub fn block_signature(doc: &Document) -> Vec<(String, String)> {
    doc.blocks()
        .iter()
        .map(|b| {
            let text = match &b.table {
                Some(t) => t
                    .rows
                    .iter()
                    .flatten()
                    .map(Inlines::text)
                    .filter(|c| !c.is_empty())
                    .collect::<Vec<_>>()
                    .join("|"),
                None => b.text(),
            };
            let kind = super::kind_label(b);
            (kind, text)
        })
        .collect()
}
