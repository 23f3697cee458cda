//! From Word's paragraphs to the reader's units. A soft line break is a line
//! break for the reader: `署名⇧↵日期` becomes two units sharing the paragraph's
//! number, exactly as two typed lines would. Word's own formatting is only
//! evidence, and only where the text alone is silent: a short unnumbered
//! paragraph in a Heading style is a heading of that level; a centred, large
//! first paragraph too long to look like a title is one; right-aligned short
//! lines at the end are 署名/日期 candidates.

use crate::model::{is_blank_char, Inlines};
use crate::read::recognize as r;
use crate::read::structure::{Hint, Unit};

use super::body::{Item, Para};

/// The style gongwen's DOCX writer gives list items.
const GONGWEN_LIST_ITEM_STYLE: &str = "GwListItem";

/// Half-points from which a first paragraph is "large" (18 pt; body text is
/// 10.5–16 pt, a title 18–22 pt).
const TITLE_SIZE_HALF_POINTS: u32 = 36;
/// Longest unnumbered text a Heading style makes a heading.
const MAX_STYLED_HEADING_CHARS: usize = 40;
/// Longest centred first paragraph read as a title.
const MAX_TITLE_CHARS: usize = 80;
/// A right-aligned line counts as part of the 落款 only after the last line
/// of prose, which is longer than this.
const PROSE_CHARS: usize = 30;

/// A reader's line of a paragraph: its unit, its content, what Word says.
struct Entry {
    unit: (usize, usize),
    content: Inlines,
    hint: Hint,
    /// A paragraph of spaces only: for the text reader a line of spaces (a
    /// form's empty cell pasted from a web page), not an empty line.
    spaces_only: bool,
}

/// The units, the units no block takes (table rules the text reader found),
/// and one line of plain text per unit number (for the linter, which reports
/// on source lines).
///
/// Paragraphs between real tables go through the text reader as lines, so
/// that everything it knows about lines (contents entries, tables typed with
/// pipes or tabs or one cell per line, a 文号 glued to the 主送, text pasted
/// hard-wrapped) applies to Word drafts alike; a unit that is one whole line
/// keeps the paragraph's emphasis and Word's evidence.
pub fn build(items: Vec<Item>) -> (Vec<Unit>, Vec<(usize, usize)>, String) {
    let tail_from = tail_start(&items);
    let mut units = Vec::new();
    let mut skipped = Vec::new();
    let mut lines: Vec<String> = Vec::new();
    let mut first_text_seen = false;
    let mut entries: Vec<Entry> = Vec::new();
    for (idx, item) in items.into_iter().enumerate() {
        match item {
            Item::Table { units: span, table } => {
                flush(&mut entries, &mut units, &mut skipped);
                for (k, row) in table.rows.iter().enumerate() {
                    let cells: Vec<String> = row.iter().map(Inlines::text).collect();
                    line_at(&mut lines, span.0 + k.min(span.1 - span.0))
                        .push_str(&cells.join("\t"));
                }
                first_text_seen = true;
                units.push(Unit {
                    lines: span,
                    content: Inlines::default(),
                    hint: Hint::Table(table),
                });
            }
            Item::Image {
                units: span,
                image: Some(image),
                ..
            } => {
                flush(&mut entries, &mut units, &mut skipped);
                first_text_seen = true;
                units.push(Unit {
                    lines: span,
                    content: Inlines::default(),
                    hint: Hint::Image(image),
                });
            }
            // Pictures the package could not give were taken out with a warning.
            Item::Image { image: None, .. } => {}
            Item::Para(p) => {
                let single = p.lines.iter().filter(|l| !l.is_empty()).count() == 1;
                for l in &p.lines {
                    line_at(&mut lines, p.units.0).push_str(&l.text());
                }
                for l in p.lines.iter() {
                    let spaces_only = !l.text().is_empty() && l.text().trim().is_empty();
                    let content = l.clone().trim();
                    let hint = if content.is_empty() {
                        Hint::None
                    } else {
                        let t = content.text();
                        let h = hint(&p, &t, single, !first_text_seen, idx >= tail_from);
                        first_text_seen = true;
                        h
                    };
                    entries.push(Entry {
                        unit: p.units,
                        content,
                        hint,
                        spaces_only,
                    });
                }
            }
        }
    }
    flush(&mut entries, &mut units, &mut skipped);
    (units, skipped, lines.join("\n"))
}

/// Read a run of paragraph lines with the text reader and map its line
/// numbers back to units.
fn flush(entries: &mut Vec<Entry>, units: &mut Vec<Unit>, skipped: &mut Vec<(usize, usize)>) {
    if entries.is_empty() {
        return;
    }
    // A line break inside a line would shift the text reader's numbering.
    let text: Vec<String> = entries
        .iter()
        .map(|e| {
            if e.spaces_only {
                " ".to_string()
            } else {
                e.content.text().replace(['\n', '\r'], " ")
            }
        })
        .collect();
    let (found, rules) = crate::read::text::units(&text.join("\n"));
    let span = |a: usize, b: usize| {
        let last = entries.len();
        let (a, b) = (a.clamp(1, last), b.clamp(1, last));
        (
            entries[a - 1].unit.0,
            entries[b - 1].unit.1.max(entries[a - 1].unit.0),
        )
    };
    for mut u in found {
        let (a, b) = u.lines;
        if a == b && a >= 1 && a <= entries.len() {
            let e = &entries[a - 1];
            if e.content.text() == u.content.text() && matches!(u.hint, Hint::None) {
                u.content = e.content.clone();
                u.hint = e.hint.clone();
            }
        }
        u.lines = span(a, b);
        units.push(u);
    }
    skipped.extend(rules.into_iter().map(|(a, b)| span(a, b)));
    entries.clear();
}

fn line_at(lines: &mut Vec<String>, unit: usize) -> &mut String {
    let i = unit.saturating_sub(1);
    if lines.len() <= i {
        lines.resize(i + 1, String::new());
    }
    &mut lines[i]
}

/// The index of the first item after the last line of prose or table.
fn tail_start(items: &[Item]) -> usize {
    items
        .iter()
        .rposition(|it| match it {
            Item::Table { .. } | Item::Image { .. } => true,
            Item::Para(p) => {
                !is_right(p)
                    && p.lines
                        .iter()
                        .any(|l| r::char_count(l.text().trim_matches(is_blank_char)) > PROSE_CHARS)
            }
        })
        .map_or(0, |i| i + 1)
}

fn is_right(p: &Para) -> bool {
    p.align.as_deref() == Some("right")
}

fn hint(p: &Para, t: &str, single: bool, first: bool, in_tail: bool) -> Hint {
    // gongwen's own list items (a typeset document read back).
    if p.style.as_deref() == Some(GONGWEN_LIST_ITEM_STYLE) {
        return Hint::ListItem;
    }
    let numbered = r::heading_marker(t).is_some();
    if single && !numbered {
        if let Some(level) = p.outline.filter(|&l| l < 4) {
            let short = r::char_count(t) <= MAX_STYLED_HEADING_CHARS;
            if short && !t.ends_with(['。', '；', '，', '：', ';', ',', ':']) && !r::is_date(t)
            {
                // Markdown depth 2 is a level-1 heading (depth 1 is the title).
                return Hint::MdHeading(level + 2);
            }
        }
        let centred = p.align.as_deref() == Some("center");
        let large = p.size.is_some_and(|s| s >= TITLE_SIZE_HALF_POINTS) || p.title_style;
        if first
            && centred
            && large
            && !r::is_title_like(t)
            && r::char_count(t) <= MAX_TITLE_CHARS
            && !t.contains('。')
            && !r::is_org_mark(t)
            && !r::is_doc_number(t)
            && !r::is_date(t)
        {
            return Hint::MdHeading(1);
        }
    }
    if in_tail && is_right(p) {
        return Hint::AlignRight;
    }
    Hint::None
}
