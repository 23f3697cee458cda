//! Composition: a [`Document`] and a [`Style`] become a writer-neutral plan —
//! the 版头, one [`Piece`] per paragraph or table of the body, and the 版记 —
//! with every decision the DOCX and the PDF share taken here, once.
//!
//! The plan holds no fonts, no OOXML and no PDF: spans name the role and family
//! of their font, indents and spacing are in points. `layout` sets each piece
//! as lines on pages; `write::docx` writes each piece as one Word paragraph (or
//! table). Neither writer looks at the text to decide anything.

mod frame;
mod pieces;
pub mod place;

pub use frame::{IssuerMark, Record};

use crate::meta::{Format, Meta};
use crate::model::Document;
use crate::style::{Align, Family, Role, Style};

/// What a piece is, for the writers' painters and the DOCX's paragraph styles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PieceRole {
    Title,
    Subtitle,
    OrgMark,
    DocNumber,
    Addressee,
    /// A standalone heading of level 1–4.
    Heading(u8),
    /// Body text (also a run-in heading, whose sentence is a span of it).
    Paragraph,
    ListItem,
    Table,
    AttachmentNote,
    AttachmentLabel,
    AttachmentTitle,
    Signature,
    Date,
    Note,
    Cc,
    IssuedBy,
    /// A picture, centred in a paragraph of its own.
    Image,
    /// The line naming a picture.
    Caption,
}

impl PieceRole {
    /// Every role a document can hold, headings by level.
    pub const ALL: [PieceRole; 22] = [
        PieceRole::Paragraph,
        PieceRole::Title,
        PieceRole::Heading(1),
        PieceRole::Heading(2),
        PieceRole::Heading(3),
        PieceRole::Heading(4),
        PieceRole::Subtitle,
        PieceRole::OrgMark,
        PieceRole::DocNumber,
        PieceRole::Addressee,
        PieceRole::ListItem,
        PieceRole::Table,
        PieceRole::AttachmentNote,
        PieceRole::Signature,
        PieceRole::Date,
        PieceRole::Note,
        PieceRole::AttachmentLabel,
        PieceRole::AttachmentTitle,
        PieceRole::Cc,
        PieceRole::IssuedBy,
        PieceRole::Image,
        PieceRole::Caption,
    ];

    /// The style sheet's settings for this role.
    pub fn settings(self, style: &Style) -> &Role {
        let r = &style.roles;
        match self {
            PieceRole::Title => &r.title,
            PieceRole::Subtitle => &r.subtitle,
            PieceRole::OrgMark => &r.org_mark,
            PieceRole::DocNumber => &r.doc_number,
            PieceRole::Addressee => &r.addressee,
            PieceRole::Heading(level) => style.heading_role(level),
            PieceRole::Paragraph => &r.body,
            PieceRole::ListItem => &r.list_item,
            PieceRole::Table => &r.table,
            PieceRole::AttachmentNote => &r.attachment_note,
            PieceRole::AttachmentLabel => &r.attachment_label,
            PieceRole::AttachmentTitle => &r.attachment_title,
            PieceRole::Signature => &r.signature,
            PieceRole::Date => &r.date,
            PieceRole::Note => &r.note,
            PieceRole::Cc => &r.cc,
            PieceRole::IssuedBy => &r.issued_by,
            PieceRole::Image => &r.image,
            PieceRole::Caption => &r.caption,
        }
    }

    /// Bold as the role sets it (house styles bold some heading levels).
    pub fn bold(self, style: &Style) -> bool {
        match self {
            PieceRole::Heading(level) => style.heading_bold(level),
            other => other.settings(style).bold,
        }
    }
}

/// A run of text and the font it is set in: the role (size, colour, grid), the
/// family, and emphasis.
#[derive(Debug, Clone)]
pub struct Span<'a> {
    pub text: String,
    pub role: &'a Role,
    pub family: Family,
    pub bold: bool,
    pub italic: bool,
}

/// The first line against the others.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum FirstLine {
    /// Indented by this many points.
    Indent(f32),
    /// Hanging: starts this many points left of the others.
    Hanging(f32),
}

/// Indents in points from the 版心's edges.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Indent {
    pub left: f32,
    pub right: f32,
    pub first: FirstLine,
}

impl Indent {
    /// x of the first line from the 版心's left edge.
    pub fn first_x(&self) -> f32 {
        match self.first {
            FirstLine::Indent(f) => self.left + f,
            FirstLine::Hanging(h) => self.left - h,
        }
    }
}

/// One paragraph of the plan.
#[derive(Debug, Clone)]
pub struct Para<'a> {
    pub spans: Vec<Span<'a>>,
    pub indent: Indent,
    pub align: Align,
    /// Space above and below, in points.
    pub space_before: f32,
    pub space_after: f32,
    pub keep_with_next: bool,
    pub page_break_before: bool,
    /// A bookmark: the heading's level and title.
    pub outline: Option<(u8, String)>,
    /// Lines balanced by the plan (titles): every line centred.
    pub balanced: bool,
    /// Text set against the right edge of the first line (印发日期).
    pub right: Option<RightPart<'a>>,
    /// Where a page turn may cut the paragraph (byte offset of its text from
    /// which a cut is allowed); `None`: it is never cut.
    pub cut_from: Option<usize>,
    /// A 署名 line: the page it lands on must also carry body text (7.3.5.5).
    pub signature: bool,
    /// Body text, whose last lines may move to keep a 署名 company.
    pub body_text: bool,
}

impl Para<'_> {
    pub fn text(&self) -> String {
        self.spans.iter().map(|s| s.text.as_str()).collect()
    }
}

/// The right-hand part of a line (empty: none, but the line is still set as
/// two parts), and the whole line's spans for when the two parts do not fit on
/// one line.
#[derive(Debug, Clone)]
pub struct RightPart<'a> {
    pub spans: Vec<Span<'a>>,
    pub whole: Vec<Span<'a>>,
}

/// A table of the plan: cells as spans, column widths in points.
#[derive(Debug, Clone)]
pub struct TablePlan<'a> {
    pub rows: Vec<Vec<Vec<Span<'a>>>>,
    pub widths: Vec<f32>,
    pub header_rows: usize,
}

/// A picture of the plan: its size on the page, in points, and where it
/// stands, centred in the 版心. Both writers set it at this size.
#[derive(Debug, Clone)]
pub struct ImagePlan {
    pub image: crate::model::Image,
    pub width: f32,
    pub height: f32,
    /// Left edge from the 版心's left edge.
    pub x: f32,
    /// Kept on the page of the next piece (its caption below it).
    pub keep_with_next: bool,
}

#[derive(Debug, Clone)]
pub enum Body<'a> {
    Para(Para<'a>),
    Table(TablePlan<'a>),
    Image(ImagePlan),
}

/// One paragraph or table, in flow order.
#[derive(Debug, Clone)]
pub struct Piece<'a> {
    /// The block it comes from (index into `Document::blocks`).
    pub block: usize,
    pub role: PieceRole,
    /// The role's settings (line pitch, grid, size).
    pub settings: &'a Role,
    pub body: Body<'a>,
}

impl<'a> Piece<'a> {
    pub fn para(&self) -> Option<&Para<'a>> {
        match &self.body {
            Body::Para(p) => Some(p),
            Body::Table(_) | Body::Image(_) => None,
        }
    }
}

/// The whole plan of a document.
#[derive(Debug, Clone)]
pub struct Plan<'a> {
    pub format: Format,
    pub meta: &'a Meta,
    /// The 发文机关标志 of a document with a 版头 (not a 报告's).
    pub head: Option<IssuerMark>,
    pub pieces: Vec<Piece<'a>>,
    pub record: Record<'a>,
    /// With a seal (印章): placement of 署名 and 成文日期 (7.3.5.1).
    pub seal: bool,
}

impl Plan<'_> {
    /// The document has a 版头, which replaces its own 发文机关 and 文号 lines.
    pub fn framed(&self) -> bool {
        self.head.is_some()
    }
}

/// Compose a document in a style.
pub fn compose<'a>(doc: &'a Document, style: &'a Style, seal: bool) -> Plan<'a> {
    let format = doc.meta.format.unwrap_or_default();
    let head = frame::head_mark(style, &doc.meta);
    let blocks = doc.blocks();
    let record = frame::record(style, &blocks, format);
    let pieces = pieces::body(style, &doc.meta, &blocks, head.is_some(), seal);
    Plan {
        format,
        meta: &doc.meta,
        head,
        pieces,
        record,
        seal,
    }
}

impl<'a> Piece<'a> {
    /// The piece cut where a page turns at byte `off` of its text, where the
    /// plan allows it: the first part keeps everything but the text after the
    /// cut; the rest is body text continuing without an indent.
    pub fn cut_at(&self, style: &'a Style, off: usize) -> Option<(Piece<'a>, Piece<'a>)> {
        let p = self.para()?;
        let text = p.text();
        if off == 0 || off >= text.len() || !text.is_char_boundary(off) || off < p.cut_from? {
            return None;
        }
        let (head, rest) = split_spans(&p.spans, off);
        let mut first = self.clone();
        if let Body::Para(fp) = &mut first.body {
            fp.spans = head;
        }
        let body = &style.roles.body;
        let mut cont = pieces::role_para(style, body, rest);
        cont.indent = Indent {
            left: 0.0,
            right: 0.0,
            first: FirstLine::Indent(0.0),
        };
        cont.body_text = true;
        let rest = Piece {
            block: self.block,
            role: PieceRole::Paragraph,
            settings: body,
            body: Body::Para(cont),
        };
        Some((first, rest))
    }
}

/// Spans split at a byte offset of their joined text.
fn split_spans<'a>(spans: &[Span<'a>], at: usize) -> (Vec<Span<'a>>, Vec<Span<'a>>) {
    crate::model::split_runs(
        spans,
        at,
        |s| &s.text,
        |s, text| Span {
            text: text.to_string(),
            ..s.clone()
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn plan_of(src: &str) -> (Document, Style) {
        let doc = crate::read::read_bytes(src.as_bytes(), Path::new("t.txt"), &Default::default())
            .unwrap();
        (doc, Style::default_style())
    }

    /// One piece per paragraph: a run-in heading is one body paragraph whose
    /// first span is set in the heading's font, with its outline entry; the
    /// 附件说明 is one piece per attachment, names hanging after the label.
    #[test]
    fn pieces_carry_the_decisions() {
        let (doc, style) = plan_of(
            "关于做好安全生产工作的通知\n\n各单位：\n\n一、加强领导。各单位要高度重视安全生产工作，层层落实责任。\n\n\
             附件：1.安全生产责任清单\n2.检查表\n\n某某市人民政府\n2024年3月1日\n",
        );
        let plan = compose(&doc, &style, false);
        let run_in = plan
            .pieces
            .iter()
            .find(|p| p.para().is_some_and(|p| p.outline.is_some()))
            .expect("the run-in heading");
        assert_eq!(run_in.role, PieceRole::Paragraph);
        let para = run_in.para().unwrap();
        assert_eq!(para.spans[0].family, style.roles.heading1.font);
        assert_eq!(para.spans[1].family, style.roles.body.font);
        assert_eq!(para.outline.as_ref().unwrap().1, "一、加强领导");
        let notes: Vec<&Para> = plan
            .pieces
            .iter()
            .filter(|p| p.role == PieceRole::AttachmentNote)
            .filter_map(Piece::para)
            .collect();
        assert_eq!(notes.len(), 2);
        let ch = crate::style::char_width(&style, &style.roles.attachment_note);
        // 2 字 in, 附件： 3 字, 1. one 字: the names start 6 字 in.
        assert!((notes[0].indent.left - 6.0 * ch).abs() < 1e-3);
        assert_eq!(notes[0].indent.first, FirstLine::Hanging(4.0 * ch));
        assert_eq!(notes[1].indent.first, FirstLine::Hanging(ch));
        assert_eq!(notes[1].space_before, 0.0);
        let sig = plan
            .pieces
            .iter()
            .find(|p| p.role == PieceRole::Signature)
            .unwrap();
        assert!(sig.para().unwrap().signature);
        assert!(plan.head.is_none() && plan.record.is_empty());
    }
}
