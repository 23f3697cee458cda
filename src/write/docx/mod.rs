//! The DOCX writer (docx-rs). Every number comes from the style sheet.
//!
//! docx-rs builds the package, its sections and settings; what it cannot
//! express is made or mended in one typed pass over each parsed part
//! (`write::ooxml`), never by editing serialized text: a real Normal style
//! (its own is empty, and LibreOffice sizes the grid from it), the line rules
//! on every paragraph, core properties with title and author, a font table
//! with alternate names, and schema order of child elements (Word validates it).

use docx_rs::{
    AlignmentType, BorderType, BreakType, DocGrid, DocGridType, Docx, FieldCharType, Footer,
    InstrPAGE, InstrText, LineSpacing, LineSpacingType, PageMargin, Paragraph, ParagraphBorder,
    ParagraphBorderPosition, ParagraphBorders, Run, RunFonts, SpecialIndentType, Style as DStyle,
    StyleType, Tab, TabValueType, Table, TableBorder, TableBorderPosition, TableBorders, TableCell,
    TableLayoutType, TableRow, WidthType,
};

use crate::compose::{
    Body, FirstLine, IssuerMark, Para as PlanPara, Piece, PieceRole, Plan, Record, Span, TablePlan,
};
use crate::error::{Error, Result};
use crate::meta::Format;
use crate::style::{Align, Family, Role, Style};
use crate::write::ooxml::{escape, reorder_adding, Part, XNode};
use crate::write::WriteOptions;

mod body;
mod frame;
mod parts;
mod picture;
mod sections;
mod styles;
mod units;

use units::{eighth_points, floor_to_half_points};

pub use body::script_segments;
use body::{piece_paragraph, table};
use frame::{head, page_number_footer, page_number_paragraph, record_table, record_tail};
use parts::{core_props, line_rules, with_line_rules, with_spacing_control};
use sections::{
    empty_footer, last_paragraph, set_footer_distance, space_before_last, split_for_record,
    SectionEnd,
};
use styles::{font_table, patch_normal_style, style_id, style_name};
use units::{exact_lines, half_points, pt_of_twips, tw};

struct Ctx<'a> {
    style: &'a Style,
    text_w_pt: f32,
}

/// Build the DOCX bytes of a document.
pub fn write_docx(plan: &Plan, title: &str, style: &Style, opts: &WriteOptions) -> Result<Vec<u8>> {
    // docx-rs numbers paragraphs (w14:paraId) from a thread-local counter that
    // a build resets only part way: on a thread that wrote a DOCX before, the
    // numbers start elsewhere. A thread of its own gives every call the same
    // bytes, as the command line (one thread per target) always had.
    #[cfg(target_arch = "wasm32")]
    {
        // No threads here: reset the counter instead. docx-rs keeps its reset
        // to itself but runs it before serialising a document as JSON; an
        // empty one costs nothing.
        let _ = Docx::new().json();
        build_docx(plan, title, style, opts)
    }
    #[cfg(not(target_arch = "wasm32"))]
    std::thread::scope(|scope| {
        scope
            .spawn(|| write_docx_on_new_thread(plan, title, style, opts))
            .join()
            .unwrap_or_else(|_| {
                Err(Error::Internal(
                    "the DOCX writer stopped unexpectedly".into(),
                ))
            })
    })
}

/// [`write_docx`] on the calling thread, which must be one that has written
/// no DOCX before (a thread started for it): `convert::render_all`'s writer
/// threads, sparing a thread of its own.
pub fn write_docx_on_new_thread(
    plan: &Plan,
    title: &str,
    style: &Style,
    opts: &WriteOptions,
) -> Result<Vec<u8>> {
    build_docx(plan, title, style, opts)
}

fn build_docx(plan: &Plan, title: &str, style: &Style, opts: &WriteOptions) -> Result<Vec<u8>> {
    let g = style.geometry();
    let ctx = Ctx {
        style,
        text_w_pt: g.text_w,
    };
    // A 信函's mark stands in the first page's header, 30 mm from the top.
    let header_pt = (plan.format == Format::Letter)
        .then(|| crate::style::mm_to_pt(style.frame.letter_issuer_top_from_page_mm));
    let mut docx = page_setup(Docx::new(), style, header_pt);

    // Styles, one per role.
    for role in PieceRole::ALL {
        let Some(name) = style_name(role) else {
            continue;
        };
        // Pictures and captions get their styles only where there are any.
        if matches!(role, PieceRole::Image | PieceRole::Caption)
            && !plan.pieces.iter().any(|p| p.role == role)
        {
            continue;
        }
        let r = role.settings(style);
        let mut s = ctx.role_style(style_id(role), name, r, role.bold(style));
        if r.keep_with_next {
            s.paragraph_property = s.paragraph_property.keep_next(true);
        }
        docx = docx.add_style(s);
    }
    let pn = &style.roles.page_number;
    docx = docx.add_style(ctx.role_style("GwPageNumber", "页码", pn, pn.bold));
    for (id, name, r) in [
        ("GwCopyNo", "份号", &style.roles.copy_no),
        ("GwSecrecy", "密级和紧急程度", &style.roles.secrecy),
        ("GwIssuer", "发文机关标志", &style.roles.issuer),
    ] {
        docx = docx.add_style(ctx.role_style(id, name, r, r.bold));
    }

    let framed = plan.framed();
    // A one-page 信函 (10.1): its 抄送 stands on the 版心's last line, in the
    // first-page footer over the foot rule, as in the PDF.
    let letter = plan.format == Format::Letter;
    let one_page_letter = letter && opts.pagination.is_some_and(|p| p.single_page);
    let letter_cc = if one_page_letter {
        plan.record
            .cc
            .as_ref()
            .and_then(|c| piece_paragraph(&ctx, c))
    } else {
        None
    };
    // Where the body (or the title) begins under the head: on the PDF's grid
    // line, when the PDF's layout is known; the first paragraph's spacing
    // before makes up the difference from what the head stacks.
    let mut head_used = None;
    if let Some(mark) = &plan.head {
        let (d, used) = head(docx, &ctx, plan.meta, mark, letter_cc.clone());
        docx = d;
        head_used = used;
    }
    let first_before = |fallback: f32| -> u32 {
        match (opts.pagination.and_then(|p| p.body_top), head_used) {
            (Some(top), Some(used)) => (tw(top) - used).max(0) as u32,
            _ => tw(fallback).max(0) as u32,
        }
    };
    // The 版记 at the foot of the body's last page, as in the PDF: the last
    // section starts where the PDF's last page starts (a paragraph cut there
    // when need be) and its first-page footer carries the 版记.
    let mut share_from = if letter {
        None
    } else {
        opts.pagination.and_then(|p| p.record_shares_page_from)
    };
    let mut shared = None;
    for (pi, piece) in plan.pieces.iter().enumerate() {
        if let Some((_, off)) = share_from.filter(|(at, _)| *at == pi) {
            share_from = None;
            if off == 0 {
                shared = last_paragraph(&docx);
            } else if let Some((first, rest)) = piece.cut_at(style, off) {
                docx = add_piece(docx, &ctx, &first);
                shared = last_paragraph(&docx);
                docx = add_piece(docx, &ctx, &rest);
                continue;
            }
        }
        let under_head = framed && pi == 0;
        match piece.para() {
            Some(para) if under_head && piece.role == PieceRole::Title => {
                // Two lines below the red rule (7.3.1).
                let pitch = style.pitch(piece.settings);
                let p = ctx.piece_paragraph(piece, para).line_spacing(exact_lines(
                    pitch,
                    first_before(style.frame.lines_before_title * pitch)
                        + tw(para.space_before).max(0) as u32,
                    tw(para.space_after) as u32,
                ));
                docx = docx.add_paragraph(p);
            }
            _ => {
                docx = add_piece(docx, &ctx, piece);
                if under_head {
                    // No title (a 纪要): the body keeps the title's place, two
                    // lines below the red rule, as in the PDF.
                    let pitch = style.pitch(piece.settings);
                    let before = pt_of_twips(first_before(
                        style.frame.lines_before_title * style.grid.line_pitch_pt,
                    ));
                    space_before_last(&mut docx, pitch, before);
                }
            }
        }
    }
    // The 版记: the first-page footer of a last section, which every client
    // sets at the foot of the page: the section of the body's last page (with
    // that page's number under the 版记), or one of its own on an even page.
    let record = record_table(&ctx, &plan.record);
    let has_record = record.is_some() && !letter;
    let shared = shared.filter(|_| has_record);
    // The 版记 page keeps its number unless blank pages stand before it (7.5):
    // on the body's last page, or on the page right after it (an odd body).
    // Without the PDF's pagination the blank page is Word's to insert, so the
    // page goes unnumbered.
    let blank_page =
        has_record && shared.is_none() && opts.pagination.is_some_and(|p| p.body_pages % 2 == 0);
    let record_numbered =
        shared.is_some() || (has_record && opts.pagination.is_some_and(|p| p.body_pages % 2 == 1));
    if letter {
        // A 信函's 版记 has only 抄送 (no 印发, no rules); unless it is in the
        // footer of a one-page letter, it follows the body.
        if let Some(cc) = plan
            .record
            .cc
            .as_ref()
            .filter(|_| letter_cc.is_none() || !framed)
        {
            docx = add_piece(docx, &ctx, cc);
        }
    }
    let mut section_end = shared.map(SectionEnd::Shared);
    if let Some(table) = record.filter(|_| has_record && !letter) {
        let mut footer = Footer::new().add_table(table);
        if record_numbered {
            // The page keeps its number (even: on the left), 7 mm under the
            // 版心 as on every page; the 版记 above it ends on the 版心's edge.
            let below = tw(crate::style::mm_to_pt(style.page_number.below_text_mm)).max(0) as u32;
            footer = footer.add_paragraph(page_number_paragraph(&ctx, false, below));
        } else {
            footer = footer.add_paragraph(record_tail(style));
        }
        if shared.is_none() {
            // An empty paragraph ends the body's section; another holds the
            // 版记's page.
            section_end = Some(SectionEnd::OwnPage {
                at: docx.document.children.len(),
                blank: blank_page,
            });
            docx = docx
                .add_paragraph(Paragraph::new())
                .add_paragraph(Paragraph::new());
        }
        docx = docx.first_footer(footer);
    }

    // Page numbers: odd pages right, even pages left, 1 字 in.
    docx = docx
        .footer(page_number_footer(&ctx, true))
        .even_footer(page_number_footer(&ctx, false));

    let g = style.geometry();
    let bottom_margin = tw(g.page_h) - tw(g.top) - tw(g.text_h);
    let mut blank_section = false;
    if let Some(end) = section_end {
        // A numbered 版记 page keeps the page numbers' footer distance.
        let footer = (shared.is_none() && !record_numbered)
            .then(|| bottom_margin - tw(style.frame.record_docx_tail_pt));
        (docx, blank_section) = split_for_record(docx, end, footer);
    }
    // A one-page 信函's footer stands on its foot rule, 20 mm above the page's
    // bottom edge (the section's other footers never show).
    if one_page_letter && framed {
        let foot = tw(crate::style::mm_to_pt(
            style.frame.letter_bottom_rule_from_page_mm,
        )) - tw(style.frame.letter_foot_line_pt);
        set_footer_distance(&mut docx, foot);
    }

    let building = crate::trace::span("DOCX: docx-rs XML");
    let mut xml = docx.build();
    drop(building);
    let jpegs = picture::prepare_media(&mut xml, plan);
    xml.styles = patch_normal_style(&xml.styles, &ctx)?;
    xml.document = with_line_rules(&xml.document);
    if blank_section {
        xml.footers.push(empty_footer());
    }
    xml.settings = with_spacing_control(&xml.settings)?;
    xml.footers = xml.footers.iter().map(|f| with_line_rules(f)).collect();
    xml.font_table = font_table(style);
    xml.doc_props.core = core_props(title, opts);
    let _packing = crate::trace::span("DOCX: zip (docx-rs pack)");
    let mut buf = std::io::Cursor::new(Vec::new());
    xml.pack(&mut buf).map_err(|e| Error::Output {
        path: "<docx>".into(),
        message: e.to_string(),
    })?;
    picture::add_jpegs(buf.into_inner(), jpegs)
}

fn page_setup(docx: Docx, style: &Style, header_pt: Option<f32>) -> Docx {
    let g = style.geometry();
    let page_w = tw(g.page_w);
    let page_h = tw(g.page_h);
    let text_w = tw(g.text_w);
    let text_h = tw(g.text_h);
    let top = tw(g.top);
    // The 版心 is exact; the right and bottom margins take the rounding (this gives
    // GB/T 9704's 2098/1984/1588/1474 twips).
    let right = tw(g.page_w - g.left - g.text_w);
    let left = page_w - right - text_w;
    let bottom = page_h - top - text_h;
    let pn = &style.roles.page_number;
    let footer = tw(g.page_h
        - (g.top + g.text_h + crate::style::mm_to_pt(style.page_number.below_text_mm))
        - style.pitch(pn));
    let mut docx = docx
        .page_size(page_w as u32, page_h as u32)
        .page_margin(
            PageMargin::new()
                .top(top)
                .bottom(bottom)
                .left(left)
                .right(right)
                .header(tw(
                    header_pt.unwrap_or(crate::style::mm_to_pt(style.page.header_mm))
                ))
                .footer(footer)
                .gutter(0),
        )
        .default_fonts(
            RunFonts::new()
                .east_asia(style.fonts.docx_name(style.roles.body.font))
                .ascii(&style.fonts.latin)
                .hi_ansi(&style.fonts.latin)
                .cs(&style.fonts.latin),
        )
        .default_size(half_points(style.roles.body.size_pt));
    docx.document = docx.document.doc_grid(
        DocGrid::with_empty()
            .grid_type(DocGridType::Lines)
            .line_pitch(tw(g.pitch) as usize),
    );
    docx
}

/// A piece as one Word paragraph, or a table.
fn add_piece(docx: Docx, ctx: &Ctx, piece: &Piece) -> Docx {
    match &piece.body {
        Body::Para(p) => docx.add_paragraph(ctx.piece_paragraph(piece, p)),
        Body::Table(t) => docx.add_table(table(ctx, t)),
        Body::Image(im) => docx.add_paragraph(picture::image_paragraph(piece, im)),
    }
}
