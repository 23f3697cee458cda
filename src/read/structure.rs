//! The structure pass: from units (a line of plain text, or a block of Markdown)
//! to typed blocks. Position matters as much as content: a short line before the
//! first paragraph is a title, the same line before a date is a 署名.

use crate::model::{Block, BlockKind, HeadingInfo, Image, Inlines, Table};
use crate::read::recognize as r;
use crate::read::{head, tail};

/// What the source syntax already says about a unit.
#[derive(Debug, Clone, PartialEq)]
pub enum Hint {
    /// Plain text: only the content decides.
    None,
    /// A Markdown heading of this depth (`#` = 1).
    MdHeading(u8),
    /// A paragraph that is entirely bold (`**各位委员：**`).
    AllBold,
    /// A Markdown list item.
    ListItem,
    /// A table, already split into cells.
    Table(Table),
    /// Text that the author right-aligned (`<div align="right">`).
    AlignRight,
    /// Text inside a block quote.
    Quote,
    /// An entry of a table of contents (`read::toc`).
    ContentsEntry,
    /// A picture the draft embeds (a Word drawing, a Markdown image loaded).
    Image(Image),
    /// A Markdown image not loaded yet: the path as written and the alt text
    /// (`read::read_str` loads it, relative to the draft).
    ImageFile { path: String, alt: String },
}

#[derive(Debug, Clone)]
pub struct Unit {
    pub lines: (usize, usize),
    pub content: Inlines,
    pub hint: Hint,
}

impl Unit {
    fn text(&self) -> String {
        self.content.text()
    }
}

/// Assign kinds to units and merge the multi-line parts (title, 主送, 附件说明, 抄送).
pub fn build_blocks(units: Vec<Unit>) -> Vec<Block> {
    build(units).0
}

/// Why a unit (source lines `lines`) became the kind it is: the rule that decided.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    pub lines: (usize, usize),
    pub kind: &'static str,
    pub rule: &'static str,
}

/// The kinds the structure pass gives, unit by unit, with the rule that decided each.
pub fn explain(units: Vec<Unit>) -> Vec<Decision> {
    build(units).1
}

fn build(units: Vec<Unit>) -> (Vec<Block>, Vec<Decision>) {
    let texts: Vec<String> = units.iter().map(Unit::text).collect();
    let n = units.len();
    let mut kinds: Vec<Option<BlockKind>> = vec![None; n];
    // Units merged into the one before them.
    let mut merged_into_prev = vec![false; n];
    let mut why: Vec<&'static str> = vec![""; n];

    let body_start = head::read_head(&units, &texts, &mut kinds, &mut merged_into_prev, &mut why);

    // ---- body and tail ----
    let mut in_attachment = false;
    let mut expect_attachment_title = false;
    let mut seen_body = body_start > 0 && kinds[..body_start].contains(&Some(BlockKind::Addressee));
    let doc_title: String = (0..body_start)
        .filter(|&k| {
            kinds[k] == Some(BlockKind::Title) || (merged_into_prev[k] && kinds[k].is_none())
        })
        .flat_map(|k| {
            texts[k]
                .chars()
                .filter(|c| !crate::model::is_blank_char(*c))
        })
        .collect();
    let doc_title = tail::carrier_text(&doc_title, texts.get(body_start).map(String::as_str));
    // After the 落款's date: the document an 印发 notice carries, or `附：…`.
    let mut after_date = false;
    let mut i = body_start;
    while i < n {
        let t = texts[i].as_str();
        let u = &units[i];
        // A 附注 under the date is classified as such and keeps the place open.
        if after_date && u.hint == Hint::None && !r::is_note(t) {
            after_date = false;
            if tail::is_inline_attachment_label(t) {
                kinds[i] = Some(BlockKind::AttachmentLabel);
                why[i] = "tail: `附：…` after the 落款's date labels an attachment";
                in_attachment = true;
                // `附：` alone: the attached document's title follows.
                expect_attachment_title = r::char_count(t.trim()) <= 2;
                i += 1;
                continue;
            }
            if let Some(lines) =
                tail::carried_title(&doc_title, t, texts.get(i + 1).map(String::as_str))
            {
                kinds[i] = Some(BlockKind::AttachmentTitle);
                why[i] = "tail: after the 落款's date, the title of the document the 印发 notice carries";
                if lines == 2 {
                    merged_into_prev[i + 1] = true;
                    why[i + 1] = "tail: continues the carried document's title";
                }
                in_attachment = true;
                i += lines;
                continue;
            }
        }
        let (kind, rule) = match &u.hint {
            Hint::Table(_) => (
                BlockKind::Table,
                "table: pipe rows, pipe debris, tab cells or a form flattened to one cell per line",
            ),
            Hint::Image(_) | Hint::ImageFile { .. } => {
                (BlockKind::Image, "picture: a PNG or JPEG the draft embeds")
            }
            _ if is_caption(&units, &texts, i) => (
                BlockKind::Caption,
                "caption: a short 图N line right above or below a picture",
            ),
            Hint::ContentsEntry => (
                BlockKind::ListItem,
                "contents: an entry under 目录, with a page number, or a heading named again below",
            ),
            Hint::MdHeading(_) if !r::is_attachment_label(t) => {
                if expect_attachment_title {
                    expect_attachment_title = false;
                    (
                        BlockKind::AttachmentTitle,
                        "attachment: the Markdown heading after an attachment label",
                    )
                } else {
                    (
                        BlockKind::Heading,
                        "Markdown heading (its number decides the level)",
                    )
                }
            }
            // Markdown list lines are list items, numbered or not, whatever
            // their words (corpus convention 6): the author chose a list.
            Hint::ListItem => (BlockKind::ListItem, "Markdown list line"),
            _ => {
                if expect_attachment_title && r::is_title_like(t) {
                    expect_attachment_title = false;
                    (
                        BlockKind::AttachmentTitle,
                        "attachment: the short line after an attachment label",
                    )
                } else if i > 0
                    && kinds[i - 1] == Some(BlockKind::AttachmentTitle)
                    && !merged_into_prev[i]
                    && r::is_subtitle(t)
                {
                    // `（2000年10月31日…会议通过）` under a carried law's title.
                    (
                        BlockKind::Subtitle,
                        "attachment: a bracketed line or a —— line under an attached part's title",
                    )
                } else if seen_body && r::is_attachment_label(t) {
                    in_attachment = true;
                    expect_attachment_title = true;
                    (
                        BlockKind::AttachmentLabel,
                        "attachment: 附件 / 附件1 alone on its line",
                    )
                } else if (u.hint == Hint::AllBold && !seen_body && r::is_addressee(t))
                    || (i > 0
                        && kinds[i - 1] == Some(BlockKind::AttachmentTitle)
                        && head::names_recipients(t))
                {
                    // The 主送 of the draft (bold in Markdown), or of a document
                    // an attachment carries.
                    (BlockKind::Addressee, "主送: a bold colon line, or the recipients under an attached document's title")
                } else {
                    classify_line(t, seen_body || in_attachment, body_start > 0)
                }
            }
        };
        why[i] = rule;
        if matches!(kind, BlockKind::AttachmentLabel) {
            expect_attachment_title = true;
        } else if kind != BlockKind::AttachmentTitle {
            expect_attachment_title = false;
        }
        kinds[i] = Some(kind);
        if kind == BlockKind::Date && seen_body {
            after_date = true;
        } else if kind == BlockKind::Note {
            // A 附注 under the date keeps the carried title's place open.
        } else {
            after_date = false;
        }
        // Continuation lines of multi-line parts.
        match kind {
            BlockKind::AttachmentNote => {
                let mut j = i + 1;
                while j < n && units[j].hint == Hint::None && r::is_attachment_item(&texts[j]) {
                    merged_into_prev[j] = true;
                    why[j] = "tail: a numbered item continuing the 附件说明";
                    j += 1;
                }
                i = j;
                continue;
            }
            BlockKind::Cc => {
                let mut j = i + 1;
                let mut last = t.to_string();
                while j < n
                    && !last.trim_end().ends_with(['。', '.'])
                    && units[j].hint == Hint::None
                    && continues_list(&texts[j])
                {
                    merged_into_prev[j] = true;
                    why[j] = "版记: continues the 抄送 list";
                    last = texts[j].clone();
                    j += 1;
                }
                i = j;
                continue;
            }
            BlockKind::Paragraph
            | BlockKind::Heading
            | BlockKind::Table
            | BlockKind::ListItem
            | BlockKind::Image => seen_body = true,
            _ => {}
        }
        i += 1;
    }

    // ---- signatures: the short lines right above a 成文日期 ----
    for d in 0..n {
        if kinds[d] != Some(BlockKind::Date) || merged_into_prev[d] {
            continue;
        }
        let mut j = d;
        let mut taken = 0;
        let mut notes = 0;
        while j > body_start && taken < 3 {
            j -= 1;
            if merged_into_prev[j] {
                continue;
            }
            // A scraper may print the 附注 between the 署名 and the date.
            if kinds[j] == Some(BlockKind::Note) && taken == 0 && notes == 0 {
                notes += 1;
                continue;
            }
            let k = kinds[j];
            let signable = matches!(
                k,
                Some(BlockKind::Paragraph)
                    | Some(BlockKind::Heading)
                    | Some(BlockKind::Title)
                    | Some(BlockKind::ListItem)
            ) && (r::is_signature_like(&texts[j]) || r::is_organ_list(&texts[j]))
                && !matches!(units[j].hint, Hint::MdHeading(_) | Hint::Table(_));
            if !signable {
                break;
            }
            kinds[j] = Some(BlockKind::Signature);
            why[j] = "落款: a short unpunctuated line right above the date is the 署名";
            taken += 1;
        }
        // A right-aligned organ line after the date (some drafts put it below).
        if d + 1 < n && units[d + 1].hint == Hint::AlignRight && r::is_signature_like(&texts[d + 1])
        {
            kinds[d + 1] = Some(BlockKind::Signature);
            why[d + 1] = "落款: a right-aligned organ line under the date";
        }
    }
    // A draft that ends with an organ's name under its last sentence or its
    // 附件说明 is signed without a date.
    let ends: Vec<usize> = (body_start..n).filter(|&k| !merged_into_prev[k]).collect();
    if let [.., before, last] = ends[..] {
        let closed = match kinds[before] {
            Some(BlockKind::AttachmentNote) => true,
            Some(BlockKind::Paragraph) => texts[before].trim_end().ends_with(['。', '！']),
            _ => false,
        };
        if closed
            && kinds[last] == Some(BlockKind::Paragraph)
            && units[last].hint == Hint::None
            && head::is_organ_line(&texts[last])
        {
            kinds[last] = Some(BlockKind::Signature);
            why[last] = "落款: an organ's name alone at the end, under the last sentence";
        }
    }
    // Right-aligned short lines are signatures wherever they stand at the end.
    for k in 0..n {
        if units[k].hint == Hint::AlignRight
            && kinds[k] == Some(BlockKind::Paragraph)
            && r::is_signature_like(&texts[k])
        {
            kinds[k] = Some(BlockKind::Signature);
            why[k] = "落款: a right-aligned short line";
        }
    }

    tail::mark_enumerations(&texts, &mut kinds, &merged_into_prev, body_start, &mut why);
    tail::mark_entries(&texts, &mut kinds, &merged_into_prev, body_start, &mut why);
    tail::harmonise_numbered(&texts, &mut kinds, &merged_into_prev, body_start, &mut why);

    // ---- assemble ----
    let mut blocks: Vec<Block> = Vec::new();
    let mut decisions = Vec::with_capacity(n);
    for (idx, u) in units.into_iter().enumerate() {
        let rule = if why[idx].is_empty() {
            "body: an ordinary line"
        } else {
            why[idx]
        };
        if merged_into_prev[idx] {
            if let Some(prev) = blocks.last_mut() {
                decisions.push(Decision {
                    lines: u.lines,
                    kind: prev.kind.name(),
                    rule,
                });
                prev.lines.1 = u.lines.1;
                let sep = match prev.kind {
                    BlockKind::Title | BlockKind::AttachmentNote => "\n",
                    _ => "",
                };
                if !sep.is_empty() {
                    prev.content.push(crate::model::Span::plain(sep));
                }
                for s in u.content.0 {
                    prev.content.push(s);
                }
                continue;
            }
        }
        let kind = kinds[idx].unwrap_or(BlockKind::Paragraph);
        let content = if kind == BlockKind::Addressee && u.hint == Hint::AllBold {
            // The bold only marked the line as the 主送; 主送 is set in 仿宋.
            let mut c = u.content;
            c.0.iter_mut().for_each(|s| s.bold = false);
            let mut merged = crate::model::Inlines::default();
            for s in c.0 {
                merged.push(s);
            }
            merged
        } else {
            u.content
        };
        if kind == BlockKind::Signature && u.hint == Hint::None {
            // Organs signing side by side: one 署名 block each, on the same line.
            let text = content.text();
            if let Some(parts) = r::side_by_side_organs(&text) {
                for p in parts {
                    blocks.push(Block::new(kind, u.lines, Inlines::plain(p)));
                }
                decisions.push(Decision {
                    lines: u.lines,
                    kind: kind.name(),
                    rule: "落款: organs side by side, one 署名 each",
                });
                continue;
            }
        }
        let mut block = Block::new(kind, u.lines, content);
        match (kind, u.hint) {
            (BlockKind::Table, Hint::Table(t)) => block.table = Some(t),
            (BlockKind::Image, Hint::Image(img)) => block.image = Some(img),
            (BlockKind::Heading, Hint::MdHeading(depth)) => {
                block.heading = Some(md_heading_info(&block.content.text(), depth));
            }
            (BlockKind::Heading, _) => match heading_info(&block.content.text()) {
                Some(h) => block.heading = Some(h),
                None => block.kind = BlockKind::Paragraph,
            },
            _ => {}
        }
        decisions.push(Decision {
            lines: block.lines,
            kind: block.kind.name(),
            rule,
        });
        blocks.push(block);
    }
    (blocks, decisions)
}

/// List items, quotes, tables and pictures never make a title.
pub(crate) fn not_title_material(u: &Unit) -> bool {
    matches!(
        u.hint,
        Hint::ListItem | Hint::Quote | Hint::Table(_) | Hint::Image(_) | Hint::ImageFile { .. }
    )
}

/// Longest line read as a picture's caption.
const MAX_CAPTION_CHARS: usize = 40;

/// Unit `i` names the picture right above or below it: a short line that
/// begins `图` and a number (`图1`, `图 2-1`, `图一`), or `Figure`/`Fig.`.
fn is_caption(units: &[Unit], texts: &[String], i: usize) -> bool {
    let is_image = |k: usize| {
        units
            .get(k)
            .is_some_and(|u| matches!(u.hint, Hint::Image(_) | Hint::ImageFile { .. }))
    };
    if !(is_image(i + 1) || (i > 0 && is_image(i - 1))) {
        return false;
    }
    let t = texts[i].trim_matches(crate::model::is_blank_char);
    if t.is_empty() || r::char_count(t) > MAX_CAPTION_CHARS {
        return false;
    }
    let numbered = |rest: &str| {
        rest.trim_start().chars().next().is_some_and(|c| {
            c.is_ascii_digit() || ('０'..='９').contains(&c) || "一二三四五六七八九十".contains(c)
        })
    };
    t.strip_prefix('图').is_some_and(numbered)
        || t.strip_prefix("Figure").is_some_and(numbered)
        || t.strip_prefix("Fig.").is_some_and(numbered)
}

fn continues_list(t: &str) -> bool {
    let t = t.trim();
    !t.is_empty() && r::char_count(t) <= 80 && !r::is_issued_by(t) && !r::is_date(t)
}

/// Kind of an ordinary line in the body or tail, and the rule that decided it.
///
/// `after_head`: a title or 主送 stands above, so `附件：…` is the 附件说明 even
/// before any body (a draft that is only a head and its 附件说明 and 落款).
fn classify_line(t: &str, seen_body: bool, after_head: bool) -> (BlockKind, &'static str) {
    if (seen_body || after_head) && r::is_attachment_note(t) {
        return (BlockKind::AttachmentNote, "tail: `附件：…` is the 附件说明");
    }
    if r::is_cc(t) {
        return (BlockKind::Cc, "版记: `抄送：…`");
    }
    if r::is_issued_by(t) && r::char_count(t) > 4 {
        return (BlockKind::IssuedBy, "版记: a line ending in 印发");
    }
    if r::is_date(t) {
        return (BlockKind::Date, "tail: a date alone on its line");
    }
    if seen_body && r::is_note(t) {
        return (
            BlockKind::Note,
            "tail: a bracketed line after the body is the 附注",
        );
    }
    if r::is_list_marker(t) || r::is_contents_entry(t) {
        return (
            BlockKind::ListItem,
            "list: a ①/㈠/⑴/• marker, or leader dots and a page number",
        );
    }
    match r::classify_numbered(t) {
        Some(r::Numbered::Standalone { .. }) => (
            BlockKind::Heading,
            "numbered: a short heading phrase alone after its number",
        ),
        Some(r::Numbered::RunIn { .. }) => (
            BlockKind::Heading,
            "numbered: a short heading sentence (or word and colon) run into its text",
        ),
        Some(r::Numbered::Paragraph) => (
            BlockKind::Paragraph,
            "numbered: prose after the number is a numbered paragraph",
        ),
        None => (BlockKind::Paragraph, "body: an ordinary line"),
    }
}

fn heading_info(t: &str) -> Option<HeadingInfo> {
    match r::classify_numbered(t)? {
        r::Numbered::Standalone { level, number_len } => Some(HeadingInfo {
            level,
            number: t[..number_len].to_string(),
            run_in: false,
            head_end: t.len(),
        }),
        r::Numbered::RunIn {
            level,
            number_len,
            head_end,
        } => Some(HeadingInfo {
            level,
            number: t[..number_len].to_string(),
            run_in: true,
            head_end,
        }),
        r::Numbered::Paragraph => None,
    }
}

/// A Markdown heading: its own number decides the level (`### 一、` is level 1);
/// without a number the depth does (`##` → 1 when `#` is the title).
fn md_heading_info(t: &str, depth: u8) -> HeadingInfo {
    match r::heading_marker(t) {
        Some((level, len)) => {
            let run_in = heading_info(t).map(|h| h.run_in).unwrap_or(false);
            let head_end = if run_in {
                heading_info(t).map_or(t.len(), |h| h.head_end)
            } else {
                t.len()
            };
            HeadingInfo {
                level,
                number: t[..len].to_string(),
                run_in,
                head_end,
            }
        }
        None => HeadingInfo {
            level: depth.saturating_sub(1).clamp(1, 4),
            number: String::new(),
            run_in: false,
            head_end: t.len(),
        },
    }
}
