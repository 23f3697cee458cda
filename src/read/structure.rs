//! The structure pass: from units (a line of plain text, or a block of Markdown)
//! to typed blocks. Position matters as much as content: a short line before the
//! first paragraph is a title, the same line before a date is a 署名.

use crate::model::{Block, BlockKind, HeadingInfo, Inlines, Table};
use crate::read::recognize as r;

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
    let texts: Vec<String> = units.iter().map(Unit::text).collect();
    let n = units.len();
    let mut kinds: Vec<Option<BlockKind>> = vec![None; n];
    // Units merged into the one before them.
    let mut merged_into_prev = vec![false; n];

    // ---- the head: org mark, 文号, title, subtitle, 主送 ----
    let mut i = 0;
    let mut title_seen = false;
    let mut title_last = None;
    while i < n {
        let t = texts[i].as_str();
        let u = &units[i];
        if matches!(u.hint, Hint::Table(_) | Hint::ContentsEntry) {
            break;
        }
        if let Hint::MdHeading(depth) = u.hint {
            // The first `#` heading is the title unless it carries a number.
            if !title_seen && r::heading_marker(t).is_none() && (depth == 1 || i == 0) {
                kinds[i] = Some(BlockKind::Title);
                title_seen = true;
                title_last = Some(i);
                i += 1;
                continue;
            }
            break;
        }
        if !title_seen && r::is_org_mark(t) {
            kinds[i] = Some(BlockKind::OrgMark);
        } else if r::is_doc_number(t) {
            kinds[i] = Some(BlockKind::DocNumber);
        } else if r::is_addressee(t) {
            kinds[i] = Some(BlockKind::Addressee);
            i += 1;
            break;
        } else if r::is_addressee_part(t)
            && i + 1 < n
            && (r::is_addressee(&texts[i + 1]) || r::is_addressee_part(&texts[i + 1]))
        {
            // A 主送 list broken over lines: merge up to the line with the colon.
            kinds[i] = Some(BlockKind::Addressee);
            let mut j = i + 1;
            while j < n && r::is_addressee_part(&texts[j]) {
                merged_into_prev[j] = true;
                j += 1;
            }
            if j < n && r::is_addressee(&texts[j]) {
                merged_into_prev[j] = true;
                j += 1;
            }
            i = j;
            break;
        } else if !title_seen
            && i == 0
            && t.ends_with('。')
            && r::char_count(t) <= 40
            && !t[..t.len() - '。'.len_utf8()].contains('。')
            && units.get(1).is_some_and(|u| r::is_addressee(&u.text()))
        {
            // A title with a stray full stop, recognised by the 主送 under it (the
            // linter reports the stop).
            kinds[i] = Some(BlockKind::Title);
            title_seen = true;
            title_last = Some(i);
        } else if title_seen && (r::is_subtitle(t) || r::is_date(t)) {
            kinds[i] = Some(BlockKind::Subtitle);
        } else if !title_seen
            && r::is_title_like(t)
            && !r::is_attachment_label(t)
            && !not_title_material(u)
        {
            // An organ line directly above a 文号 is an org mark, not a title.
            if i + 1 < n && r::is_doc_number(&texts[i + 1]) {
                kinds[i] = Some(BlockKind::OrgMark);
            } else {
                kinds[i] = Some(BlockKind::Title);
                title_seen = true;
                title_last = Some(i);
            }
        } else if title_seen
            && title_last == Some(i - 1)
            && kinds[i - 1] == Some(BlockKind::Title)
            && r::is_title_like(t)
            && !t.trim().contains(crate::model::is_blank_char)
            && (!r::ends_with_genre(&texts[i - 1]) || r::ends_with_genre(t))
            && units[i].hint == Hint::None
        {
            // A title broken over lines.
            merged_into_prev[i] = true;
            title_last = Some(i);
        } else if title_seen
            && kinds[i - 1].is_some()
            && r::is_signature_like(t)
            && r::char_count(t) <= 20
        {
            // A speaker or unit line under the title of a speech or report.
            kinds[i] = Some(BlockKind::Subtitle);
        } else {
            break;
        }
        i += 1;
    }
    let body_start = i;

    // ---- body and tail ----
    let mut in_attachment = false;
    let mut expect_attachment_title = false;
    let mut seen_body = body_start > 0 && kinds[..body_start].contains(&Some(BlockKind::Addressee));
    let mut i = body_start;
    while i < n {
        let t = texts[i].as_str();
        let u = &units[i];
        let kind = match &u.hint {
            Hint::Table(_) => BlockKind::Table,
            Hint::ContentsEntry => BlockKind::ListItem,
            Hint::MdHeading(_) if !r::is_attachment_label(t) => {
                if expect_attachment_title {
                    expect_attachment_title = false;
                    BlockKind::AttachmentTitle
                } else {
                    BlockKind::Heading
                }
            }
            Hint::ListItem => {
                if r::heading_marker(t).is_some() {
                    // An item of a Markdown list that is a sentence (it ends with
                    // 。 or ；) reads as a numbered paragraph, as its siblings
                    // do; a bare phrase (1. 统筹协调还不够有力) stays a heading.
                    match classify_line(t, seen_body) {
                        BlockKind::Heading
                            if t.ends_with(['。', '；', '！', '？', ';'])
                                && !matches!(
                                    r::classify_numbered(t),
                                    Some(r::Numbered::RunIn { .. })
                                ) =>
                        {
                            BlockKind::Paragraph
                        }
                        k => k,
                    }
                } else {
                    BlockKind::ListItem
                }
            }
            _ => {
                if expect_attachment_title && r::is_title_like(t) {
                    expect_attachment_title = false;
                    BlockKind::AttachmentTitle
                } else if seen_body && r::is_attachment_label(t) {
                    in_attachment = true;
                    expect_attachment_title = true;
                    BlockKind::AttachmentLabel
                } else if u.hint == Hint::AllBold && r::is_addressee(t) && !seen_body {
                    BlockKind::Addressee
                } else {
                    classify_line(t, seen_body || in_attachment)
                }
            }
        };
        if matches!(kind, BlockKind::AttachmentLabel) {
            expect_attachment_title = true;
        } else if kind != BlockKind::AttachmentTitle {
            expect_attachment_title = false;
        }
        kinds[i] = Some(kind);
        // Continuation lines of multi-line parts.
        match kind {
            BlockKind::AttachmentNote => {
                let mut j = i + 1;
                while j < n && units[j].hint == Hint::None && r::is_attachment_item(&texts[j]) {
                    merged_into_prev[j] = true;
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
                    last = texts[j].clone();
                    j += 1;
                }
                i = j;
                continue;
            }
            BlockKind::Paragraph | BlockKind::Heading | BlockKind::Table | BlockKind::ListItem => {
                seen_body = true
            }
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
        while j > body_start && taken < 3 {
            j -= 1;
            if merged_into_prev[j] {
                continue;
            }
            let k = kinds[j];
            let signable = matches!(
                k,
                Some(BlockKind::Paragraph)
                    | Some(BlockKind::Heading)
                    | Some(BlockKind::Title)
                    | Some(BlockKind::ListItem)
            ) && r::is_signature_like(&texts[j])
                && !matches!(units[j].hint, Hint::MdHeading(_) | Hint::Table(_));
            if !signable {
                break;
            }
            kinds[j] = Some(BlockKind::Signature);
            taken += 1;
        }
        // A right-aligned organ line after the date (some drafts put it below).
        if d + 1 < n && units[d + 1].hint == Hint::AlignRight && r::is_signature_like(&texts[d + 1])
        {
            kinds[d + 1] = Some(BlockKind::Signature);
        }
    }
    // Right-aligned short lines are signatures wherever they stand at the end.
    for k in 0..n {
        if units[k].hint == Hint::AlignRight
            && kinds[k] == Some(BlockKind::Paragraph)
            && r::is_signature_like(&texts[k])
        {
            kinds[k] = Some(BlockKind::Signature);
        }
    }

    // ---- assemble ----
    let mut blocks: Vec<Block> = Vec::new();
    for (idx, u) in units.into_iter().enumerate() {
        if merged_into_prev[idx] {
            if let Some(prev) = blocks.last_mut() {
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
        let mut block = Block::new(kind, u.lines, content);
        match (kind, u.hint) {
            (BlockKind::Table, Hint::Table(t)) => block.table = Some(t),
            (BlockKind::Heading, Hint::MdHeading(depth)) => {
                block.heading = Some(md_heading_info(&block.content.text(), depth));
            }
            (BlockKind::Heading, _) => match heading_info(&block.content.text()) {
                Some(h) => block.heading = Some(h),
                None => block.kind = BlockKind::Paragraph,
            },
            _ => {}
        }
        blocks.push(block);
    }
    blocks
}

/// List items, quotes and tables never make a title.
fn not_title_material(u: &Unit) -> bool {
    matches!(u.hint, Hint::ListItem | Hint::Quote | Hint::Table(_))
}

fn continues_list(t: &str) -> bool {
    let t = t.trim();
    !t.is_empty() && r::char_count(t) <= 80 && !r::is_issued_by(t) && !r::is_date(t)
}

/// Kind of an ordinary line in the body or tail.
fn classify_line(t: &str, seen_body: bool) -> BlockKind {
    if seen_body && r::is_attachment_note(t) {
        return BlockKind::AttachmentNote;
    }
    if r::is_cc(t) {
        return BlockKind::Cc;
    }
    if r::is_issued_by(t) && r::char_count(t) > 4 {
        return BlockKind::IssuedBy;
    }
    if r::is_date(t) {
        return BlockKind::Date;
    }
    if seen_body && r::is_note(t) {
        return BlockKind::Note;
    }
    if r::is_list_marker(t) || r::is_contents_entry(t) {
        return BlockKind::ListItem;
    }
    match r::classify_numbered(t) {
        Some(r::Numbered::Standalone { .. }) | Some(r::Numbered::RunIn { .. }) => {
            BlockKind::Heading
        }
        _ => BlockKind::Paragraph,
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
