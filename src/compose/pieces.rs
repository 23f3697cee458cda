//! Blocks become pieces: which blocks the body shows, and for each piece its
//! spans, indents, spacing and flags, from the style sheet and the placement
//! rules of GB/T 9704.

use super::place::{
    attendance_label, column_widths, signature_placement, split_issued_by, title_content,
    SignaturePlacement,
};
use super::{
    Body, FirstLine, ImagePlan, Indent, Para, Piece, PieceRole, RightPart, Span, TablePlan,
};
use crate::meta::{Format, Meta};
use crate::model::{is_blank_char, Block, BlockKind, Inlines};
use crate::style::{char_width, text_ems, Align, Family, Role, Style};

/// The body's pieces in flow order. The 版头 replaces the draft's own 发文机关
/// and 文号 lines; the 版记's lines are set apart (`frame::record`).
pub(super) fn body<'a>(
    style: &'a Style,
    meta: &Meta,
    blocks: &[&Block],
    framed: bool,
    seal: bool,
) -> Vec<Piece<'a>> {
    let format = meta.format.unwrap_or_default();
    let signatures: Vec<String> = blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Signature)
        .map(|b| b.text())
        .collect();
    let date = blocks
        .iter()
        .find(|b| b.kind == BlockKind::Date)
        .map(|b| b.text());
    let place = signature_placement(style, &signatures, date.as_deref(), seal);
    let mut out = Vec::new();
    for (bi, b) in blocks.iter().enumerate() {
        if skipped(b, framed) {
            continue;
        }
        let mut pieces = of_block(style, format, b, bi, &place);
        // 10.3: the first attendance line stands one blank line below the body.
        if starts_attendance(format, blocks, bi) {
            for p in &mut pieces {
                if let Body::Para(para) = &mut p.body {
                    para.space_before =
                        style.frame.minutes_lines_before_attendance * style.pitch(p.settings);
                }
            }
        }
        // 7.3.5.2: a 联合行文's organs sign one per line, no blank line between.
        if b.kind == BlockKind::Signature && bi > 0 && blocks[bi - 1].kind == BlockKind::Signature {
            if let Some(Body::Para(para)) = pieces.first_mut().map(|p| &mut p.body) {
                para.space_before = 0.0;
            }
        }
        out.extend(pieces);
    }
    keep_pictures_with_captions(&mut out);
    out
}

/// A picture and its caption stand on one page: whichever comes first is
/// kept with the other.
fn keep_pictures_with_captions(pieces: &mut [Piece]) {
    for i in 1..pieces.len() {
        let pair = (pieces[i - 1].role, pieces[i].role);
        if !matches!(
            pair,
            (PieceRole::Image, PieceRole::Caption) | (PieceRole::Caption, PieceRole::Image)
        ) {
            continue;
        }
        match &mut pieces[i - 1].body {
            Body::Image(im) => im.keep_with_next = true,
            Body::Para(p) => p.keep_with_next = true,
            Body::Table(_) => {}
        }
    }
}

/// A picture's size on the page: its natural size (its pixels at the style's
/// resolution), narrowed to the 版心's width when wider, and lowered to the
/// page's grid lines when still taller; the proportions kept. Centred.
fn image_plan(style: &Style, image: &crate::model::Image) -> ImagePlan {
    let g = style.geometry();
    let page_lines = (style.grid.lines_per_page as f32 * g.pitch).min(g.text_h);
    let px_pt = 72.0 / style.image.natural_dpi;
    let (w, h) = (
        image.width_px as f32 * px_pt,
        image.height_px as f32 * px_pt,
    );
    let scale = 1f32.min(g.text_w / w).min(page_lines / h);
    let (width, height) = (w * scale, h * scale);
    ImagePlan {
        image: image.clone(),
        width,
        height,
        x: (g.text_w - width) / 2.0,
        keep_with_next: false,
    }
}

/// Blocks the body does not show: the 版记's (set in the 版记), and under a
/// 版头 the draft's own 发文机关 and 文号 lines.
fn skipped(b: &Block, framed: bool) -> bool {
    (framed && matches!(b.kind, BlockKind::OrgMark | BlockKind::DocNumber))
        || matches!(b.kind, BlockKind::Cc | BlockKind::IssuedBy)
}

/// A 纪要's 出席/请假/列席 line (10.3).
fn is_attendance(format: Format, b: &Block) -> bool {
    format == Format::Minutes
        && b.kind == BlockKind::Paragraph
        && attendance_label(&b.content.text()).is_some()
}

/// Block `i` is the first of a 纪要's attendance lines.
fn starts_attendance(format: Format, blocks: &[&Block], i: usize) -> bool {
    is_attendance(format, blocks[i])
        && !blocks[..i]
            .last()
            .is_some_and(|prev| is_attendance(format, prev))
}

fn role_of(b: &Block) -> PieceRole {
    match b.kind {
        BlockKind::Title => PieceRole::Title,
        BlockKind::Subtitle => PieceRole::Subtitle,
        BlockKind::OrgMark => PieceRole::OrgMark,
        BlockKind::DocNumber => PieceRole::DocNumber,
        BlockKind::Addressee => PieceRole::Addressee,
        BlockKind::Heading => PieceRole::Heading(b.heading.as_ref().map_or(1, |h| h.level)),
        BlockKind::Paragraph => PieceRole::Paragraph,
        BlockKind::ListItem => PieceRole::ListItem,
        BlockKind::Table => PieceRole::Table,
        BlockKind::AttachmentNote => PieceRole::AttachmentNote,
        BlockKind::AttachmentLabel => PieceRole::AttachmentLabel,
        BlockKind::AttachmentTitle => PieceRole::AttachmentTitle,
        BlockKind::Signature => PieceRole::Signature,
        BlockKind::Date => PieceRole::Date,
        BlockKind::Note => PieceRole::Note,
        BlockKind::Cc => PieceRole::Cc,
        BlockKind::IssuedBy => PieceRole::IssuedBy,
        BlockKind::Image => PieceRole::Image,
        BlockKind::Caption => PieceRole::Caption,
    }
}

/// Spans of inline content in a role and family; `bold` adds to the draft's.
fn spans<'a>(content: &Inlines, role: &'a Role, family: Family, bold: bool) -> Vec<Span<'a>> {
    content
        .0
        .iter()
        .map(|s| Span {
            text: s.text.clone(),
            role,
            family,
            bold: s.bold || bold,
            italic: s.italic,
        })
        .collect()
}

/// A paragraph with a role's own indents and spacing.
pub(super) fn role_para<'a>(style: &Style, r: &Role, spans: Vec<Span<'a>>) -> Para<'a> {
    let ch = char_width(style, r);
    let pitch = style.pitch(r);
    Para {
        spans,
        indent: Indent {
            left: r.left_indent_chars * ch,
            right: r.right_indent_chars * ch,
            first: FirstLine::Indent(r.first_line_indent_chars * ch),
        },
        align: r.align,
        space_before: r.space_before_lines * pitch,
        space_after: r.space_after_lines * pitch,
        keep_with_next: r.keep_with_next,
        page_break_before: r.page_break_before,
        outline: None,
        balanced: false,
        right: None,
        cut_from: None,
        signature: false,
        body_text: false,
    }
}

/// The pieces one block becomes (`block`: its index, for the page-turn facts).
pub(super) fn of_block<'a>(
    style: &'a Style,
    format: Format,
    b: &Block,
    block: usize,
    place: &SignaturePlacement,
) -> Vec<Piece<'a>> {
    let role = role_of(b);
    let r = role.settings(style);
    let piece = |role: PieceRole, para: Para<'a>| Piece {
        block,
        role,
        settings: role.settings(style),
        body: Body::Para(para),
    };
    let ch = char_width(style, r);
    let mut out = match b.kind {
        BlockKind::Image => match &b.image {
            Some(image) => vec![Piece {
                block,
                role,
                settings: r,
                body: Body::Image(image_plan(style, image)),
            }],
            None => Vec::new(),
        },
        BlockKind::Table if b.table.is_some() => {
            let Some(t) = &b.table else {
                return Vec::new();
            };
            let cols = t.columns().max(1);
            let rows = t
                .rows
                .iter()
                .map(|row| {
                    (0..cols)
                        .map(|c| spans(&row.get(c).cloned().unwrap_or_default(), r, r.font, r.bold))
                        .collect()
                })
                .collect();
            vec![Piece {
                block,
                role,
                settings: r,
                body: Body::Table(TablePlan {
                    rows,
                    widths: column_widths(t, style.geometry().text_w, r.size_pt, &style.table),
                    header_rows: t.header_rows,
                }),
            }]
        }
        BlockKind::Heading => {
            let h = b.heading.as_ref().expect("headings carry HeadingInfo");
            let bold = style.heading_bold(h.level);
            let text = b.content.text();
            if h.run_in {
                // One body paragraph: the heading sentence in the heading's font,
                // the rest in the body's; the outline keeps the sentence.
                let body = &style.roles.body;
                let (head, rest) = b.content.split_at(h.head_end);
                let mut s = spans(&head, r, r.font, bold);
                s.extend(spans(&rest, body, body.font, body.bold));
                let mut p = role_para(style, body, s);
                p.outline = Some((
                    h.level,
                    text[..h.head_end].trim_end_matches(['。', '.']).to_string(),
                ));
                p.cut_from = Some(h.head_end);
                p.body_text = true;
                vec![piece(PieceRole::Paragraph, p)]
            } else {
                let mut p = role_para(style, r, spans(&b.content, r, r.font, bold));
                p.outline = Some((h.level, text));
                p.body_text = true;
                vec![piece(role, p)]
            }
        }
        BlockKind::Title | BlockKind::AttachmentTitle | BlockKind::OrgMark => {
            // Long titles break into balanced lines (7.3.1), each centred.
            let content = title_content(style, b);
            let mut p = role_para(style, r, spans(&content, r, r.font, r.bold));
            p.balanced = r.align == Align::Centre;
            vec![piece(role, p)]
        }
        BlockKind::Signature | BlockKind::Date => {
            let right = if b.kind == BlockKind::Signature {
                place.signature_right_chars
            } else {
                place.date_right_chars
            };
            let mut p = role_para(style, r, spans(&b.content, r, r.font, r.bold));
            p.indent = Indent {
                left: 0.0,
                right: right * ch,
                first: FirstLine::Indent(0.0),
            };
            p.signature = b.kind == BlockKind::Signature;
            vec![piece(role, p)]
        }
        BlockKind::AttachmentNote => attachment_note(style, b)
            .into_iter()
            .map(|p| piece(role, p))
            .collect(),
        BlockKind::Cc => {
            // 抄送：names, wrapped lines aligned after the colon.
            let label = text_ems("抄送：");
            let mut p = role_para(style, r, spans(&b.content, r, r.font, r.bold));
            p.indent = Indent {
                left: (r.left_indent_chars + label) * ch,
                right: r.right_indent_chars * ch,
                first: FirstLine::Hanging(label * ch),
            };
            vec![piece(role, p)]
        }
        BlockKind::IssuedBy => {
            // 印发机关 at the left indent, 印发日期 against the right indent.
            let text = b.content.text();
            let (organ, date) = split_issued_by(&text);
            let mut p = role_para(style, r, spans(&Inlines::plain(organ), r, r.font, false));
            p.right = Some(RightPart {
                spans: spans(&Inlines::plain(date), r, r.font, false),
                whole: spans(&b.content, r, r.font, false),
            });
            vec![piece(role, p)]
        }
        BlockKind::Paragraph if format == Format::Minutes && is_attendance(format, b) => {
            // 出席：names (10.3): the label in 黑体, names aligned after the colon.
            let text = b.content.text();
            let at = attendance_label(&text).unwrap_or(0);
            let (label, names) = b.content.split_at(at);
            let label_ems = text_ems(text[..at].trim_start_matches(is_blank_char));
            let mut s = spans(&label, r, style.roles.heading1.font, r.bold);
            s.extend(spans(&names, r, r.font, r.bold));
            let mut p = role_para(style, r, s);
            p.indent = Indent {
                left: (r.first_line_indent_chars + label_ems) * ch,
                right: 0.0,
                first: FirstLine::Hanging(label_ems * ch),
            };
            vec![piece(role, p)]
        }
        _ => {
            let mut p = role_para(style, r, spans(&b.content, r, r.font, r.bold));
            if matches!(b.kind, BlockKind::Paragraph | BlockKind::ListItem) {
                p.cut_from = Some(0);
                p.body_text = true;
            }
            vec![piece(role, p)]
        }
    };
    if b.kind == BlockKind::Signature {
        for p in &mut out {
            if let Body::Para(para) = &mut p.body {
                para.signature = true;
            }
        }
    }
    out
}

/// 附件：1.xxx / 2.yyy (7.3.4): one paragraph per attachment, the names aligned
/// under the first name (after the label and the number).
fn attachment_note<'a>(style: &'a Style, b: &Block) -> Vec<Para<'a>> {
    let r = &style.roles.attachment_note;
    let ch = char_width(style, r);
    let text = b.content.text();
    let label = text_ems("附件：");
    let mut out = Vec::new();
    for (i, item) in text
        .split('\n')
        .map(|l| l.trim_matches(is_blank_char))
        .enumerate()
    {
        let body = if i == 0 {
            item.strip_prefix("附件：")
                .or_else(|| item.strip_prefix("附件:"))
                .unwrap_or(item)
        } else {
            item
        };
        let number =
            crate::read::recognize::heading_marker(body).map_or(0.0, |(_, n)| text_ems(&body[..n]));
        let left = r.first_line_indent_chars + label + number;
        let hang = if i == 0 { label + number } else { number };
        let mut p = role_para(style, r, spans(&Inlines::plain(item), r, r.font, false));
        p.indent = Indent {
            left: left * ch,
            right: 0.0,
            first: FirstLine::Hanging(hang * ch),
        };
        if i > 0 {
            p.space_before = 0.0;
        }
        p.body_text = true;
        out.push(p);
    }
    out
}
