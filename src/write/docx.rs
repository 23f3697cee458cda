//! The DOCX writer (docx-rs). Every number comes from the style sheet.
//!
//! docx-rs builds the package; the parts it gets wrong or lacks are mended on the
//! XML it returns before packing: a real Normal style (its own is empty, and
//! LibreOffice sizes the grid from it), core properties with title and author,
//! a font table with alternate names, kinsoku/no-hanging settings, and schema
//! order of child elements (Word validates it).

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
use crate::write::ooxml::{escape, reorder};
use crate::write::WriteOptions;

const TWIPS_PER_PT: f32 = 20.0;

fn tw(pt: f32) -> i32 {
    (pt * TWIPS_PER_PT).round() as i32
}

/// Style ids of the roles. Headings use Word's built-in ids so that Word lists
/// them in its navigation pane and maps them to its own heading styles.
fn style_id(role: PieceRole) -> &'static str {
    match role {
        PieceRole::Paragraph => "Normal",
        PieceRole::Title => "Title",
        PieceRole::Heading(0 | 1) => "Heading1",
        PieceRole::Heading(2) => "Heading2",
        PieceRole::Heading(3) => "Heading3",
        PieceRole::Heading(_) => "Heading4",
        PieceRole::Subtitle => "GwSubtitle",
        PieceRole::OrgMark => "GwOrgMark",
        PieceRole::DocNumber => "GwDocNumber",
        PieceRole::Addressee => "GwAddressee",
        PieceRole::ListItem => "GwListItem",
        PieceRole::Table => "GwTable",
        PieceRole::AttachmentNote => "GwAttachmentNote",
        PieceRole::AttachmentLabel => "GwAttachmentLabel",
        PieceRole::AttachmentTitle => "GwAttachmentTitle",
        PieceRole::Signature => "GwSignature",
        PieceRole::Date => "GwDate",
        PieceRole::Note => "GwNote",
        PieceRole::Cc => "GwCc",
        PieceRole::IssuedBy => "GwIssuedBy",
    }
}

/// The name Word shows for a role's paragraph style (`None`: Normal, which
/// `patch_normal_style` writes).
fn style_name(role: PieceRole) -> Option<&'static str> {
    Some(match role {
        PieceRole::Paragraph => return None,
        PieceRole::Title => "Title",
        PieceRole::Heading(0 | 1) => "heading 1",
        PieceRole::Heading(2) => "heading 2",
        PieceRole::Heading(3) => "heading 3",
        PieceRole::Heading(_) => "heading 4",
        PieceRole::Subtitle => "公文副标题",
        PieceRole::OrgMark => "发文机关标志",
        PieceRole::DocNumber => "发文字号",
        PieceRole::Addressee => "主送机关",
        PieceRole::ListItem => "列表项",
        PieceRole::Table => "表格文字",
        PieceRole::AttachmentNote => "附件说明",
        PieceRole::Signature => "发文机关署名",
        PieceRole::Date => "成文日期",
        PieceRole::Note => "附注",
        PieceRole::AttachmentLabel => "附件标识",
        PieceRole::AttachmentTitle => "附件标题",
        PieceRole::Cc => "抄送机关",
        PieceRole::IssuedBy => "印发机关和印发日期",
    })
}

struct Ctx<'a> {
    style: &'a Style,
    text_w_pt: f32,
}

impl Ctx<'_> {
    fn fonts(&self, family: Family) -> RunFonts {
        let cjk = self.style.fonts.docx_name(family);
        // Latin letters and digits of 仿宋 and 楷体 text take the house Latin font;
        // 黑体, 宋体 and 小标宋 keep their own (a serif digit in 黑体 looks wrong).
        let latin = match family {
            Family::Fangsong | Family::Kaiti => self.style.fonts.latin.as_str(),
            _ => cjk,
        };
        RunFonts::new()
            .east_asia(cjk)
            .ascii(latin)
            .hi_ansi(latin)
            .cs(latin)
            .hint("eastAsia")
    }

    /// One 字 of a role: its size, or the grid cell when the size is squeezed to
    /// fit the grid (3号 text: 15.79 pt cells for 16 pt glyphs).
    fn char_pt(&self, r: &Role) -> f32 {
        crate::style::char_width(self.style, r)
    }

    /// Run character spacing that puts grid-sized text on the grid in every client.
    fn char_spacing(&self, r: &Role) -> Option<i32> {
        let cpl = self.style.grid.chars_per_line as f32;
        (r.snap_to_grid && r.size_pt * cpl > self.text_w_pt + 0.01)
            .then(|| tw(self.style.grid.docx_char_spacing_pt))
    }

    /// Fonts for a run of CJK text: every slot names the CJK face, so that no
    /// client picks the Latin font for ambiguous marks such as “ ” — … (LibreOffice
    /// ignores `w:hint`).
    fn cjk_fonts(&self, family: Family) -> RunFonts {
        let cjk = self.style.fonts.docx_name(family);
        RunFonts::new()
            .east_asia(cjk)
            .ascii(cjk)
            .hi_ansi(cjk)
            .cs(cjk)
            .hint("eastAsia")
    }

    /// Runs for text in a role: Latin letters and digits in the role's Latin font,
    /// everything else in its CJK font; `\n` becomes a line break.
    fn run_list(&self, text: &str, r: &Role, family: Family, bold: bool, italic: bool) -> Vec<Run> {
        let mut out = Vec::new();
        let text = crate::write::ooxml::xml_text(text);
        for (latin, seg) in script_segments(&text) {
            let fonts = if latin {
                self.fonts(family)
            } else {
                self.cjk_fonts(family)
            };
            let mut run = Run::new()
                .fonts(fonts)
                .size((r.size_pt * 2.0).round() as usize);
            if bold {
                run = run.bold();
            }
            if italic {
                run = run.italic();
            }
            if !r.color.eq_ignore_ascii_case("000000") {
                run = run.color(r.color.clone());
            }
            if let Some(cs) = self.char_spacing(r) {
                run = run.character_spacing(cs);
            }
            for (i, part) in seg.split('\n').enumerate() {
                if i > 0 {
                    run = run.add_break(BreakType::TextWrapping);
                }
                if !part.is_empty() {
                    run = run.add_text(part);
                }
            }
            out.push(run);
        }
        out
    }

    fn add_text(
        &self,
        mut p: Paragraph,
        text: &str,
        r: &Role,
        family: Family,
        bold: bool,
        italic: bool,
    ) -> Paragraph {
        for run in self.run_list(text, r, family, bold, italic) {
            p = p.add_run(run);
        }
        p
    }

    /// The runs of a paragraph's spans, each in its role and family.
    fn spans(&self, mut p: Paragraph, spans: &[Span]) -> Paragraph {
        for s in spans {
            p = self.add_text(p, &s.text, s.role, s.family, s.bold, s.italic);
        }
        p
    }

    /// A piece's paragraph: its role's style, the plan's indents and spacing,
    /// its spans (and a right-hand part after a right tab stop).
    fn piece_paragraph(&self, piece: &Piece, para: &PlanPara) -> Paragraph {
        let r = piece.settings;
        let mut p = Paragraph::new()
            .style(style_id(piece.role))
            .align(align(para.align))
            .indent(
                Some(tw(para.indent.left)),
                Some(match para.indent.first {
                    FirstLine::Indent(f) => SpecialIndentType::FirstLine(tw(f)),
                    FirstLine::Hanging(h) => SpecialIndentType::Hanging(tw(h)),
                }),
                Some(tw(para.indent.right)),
                None,
            )
            .line_spacing(
                LineSpacing::new()
                    .line_rule(LineSpacingType::Exact)
                    .line(tw(self.style.pitch(r)))
                    .before(tw(para.space_before).max(0) as u32)
                    .after(tw(para.space_after).max(0) as u32),
            );
        if para.keep_with_next {
            p = p.keep_next(true);
        }
        if !r.snap_to_grid {
            p = p.snap_to_grid(false);
        }
        if para.page_break_before {
            p = p.page_break_before(true);
        }
        // A heading set inside a body paragraph keeps its level in Word's
        // navigation (a heading's own style carries it).
        if let (Some((level, _)), false) =
            (&para.outline, matches!(piece.role, PieceRole::Heading(_)))
        {
            p = p.outline_lvl(level.saturating_sub(1) as usize);
        }
        p = self.spans(p, &para.spans);
        if let Some(right) = &para.right {
            let stop = tw(self.text_w_pt - para.indent.left - para.indent.right);
            p = p.add_tab(Tab::new().val(TabValueType::Right).pos(stop as usize));
            if !right.spans.is_empty() {
                p = p.add_run(Run::new().add_tab());
                p = self.spans(p, &right.spans);
            }
        }
        p
    }

    /// A role's indents in twips: left, first line, right.
    fn indents(&self, r: &Role) -> (Option<i32>, Option<SpecialIndentType>, Option<i32>) {
        let ch = self.char_pt(r);
        (
            Some(tw(r.left_indent_chars * ch)),
            Some(SpecialIndentType::FirstLine(tw(
                r.first_line_indent_chars * ch
            ))),
            Some(tw(r.right_indent_chars * ch)),
        )
    }

    /// A role's exact line pitch and the space before and after, in twips.
    fn spacing(&self, r: &Role) -> LineSpacing {
        let pitch = self.style.pitch(r);
        LineSpacing::new()
            .line_rule(LineSpacingType::Exact)
            .line(tw(pitch))
            .before(tw(r.space_before_lines * pitch) as u32)
            .after(tw(r.space_after_lines * pitch) as u32)
    }

    /// A table cell's paragraph: the table role's setting and the cell's spans.
    fn cell_paragraph(&self, content: &[Span]) -> Paragraph {
        let r = &self.style.roles.table;
        self.spans(
            self.apply_role(Paragraph::new().style("GwTable"), r),
            content,
        )
    }

    fn apply_role(&self, mut p: Paragraph, r: &Role) -> Paragraph {
        let (left, first, right) = self.indents(r);
        p = p
            .align(align(r.align))
            .indent(left, first, right, None)
            .line_spacing(self.spacing(r));
        if r.keep_with_next {
            p = p.keep_next(true);
        }
        if !r.snap_to_grid {
            p = p.snap_to_grid(false);
        }
        if r.page_break_before {
            p = p.page_break_before(true);
        }
        p
    }

    fn role_style(&self, id: &str, name: &str, r: &Role, bold: bool) -> DStyle {
        let (left, first, right) = self.indents(r);
        let mut s = DStyle::new(id, StyleType::Paragraph)
            .name(name)
            .based_on("Normal")
            .next("Normal")
            .q_format(true)
            .fonts(self.fonts(r.font))
            .size((r.size_pt * 2.0).round() as usize)
            .align(align(r.align))
            .indent(left, first, right, None)
            .line_spacing(self.spacing(r));
        if bold {
            s = s.bold();
        }
        if !r.color.eq_ignore_ascii_case("000000") {
            s = s.color(r.color.clone());
        }
        if !r.snap_to_grid {
            s = s.snap_to_grid(false);
        }
        if let Some(l) = r.outline_level {
            s = s.outline_lvl(l.saturating_sub(1) as usize);
        }
        s
    }
}

/// Split text into (is_latin, segment) runs: ASCII letters, digits and their
/// punctuation inside a Latin word are Latin; everything else is CJK.
pub fn script_segments(text: &str) -> Vec<(bool, &str)> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut cur: Option<bool> = None;
    for (i, c) in text.char_indices() {
        let latin = c.is_ascii_alphanumeric()
            || (cur == Some(true) && matches!(c, '.' | '-' | '%' | '/' | ':' | '+' | '_' | '@'));
        match cur {
            Some(l) if l == latin => {}
            Some(l) => {
                out.push((l, &text[start..i]));
                start = i;
                cur = Some(latin);
            }
            None => cur = Some(latin),
        }
    }
    if let Some(l) = cur {
        out.push((l, &text[start..]));
    }
    out
}

fn align(a: Align) -> AlignmentType {
    match a {
        Align::Left => AlignmentType::Left,
        Align::Centre => AlignmentType::Center,
        Align::Right => AlignmentType::Right,
        Align::Justify => AlignmentType::Both,
    }
}

/// Build the DOCX bytes of a document.
pub fn write_docx(plan: &Plan, title: &str, style: &Style, opts: &WriteOptions) -> Result<Vec<u8>> {
    // docx-rs numbers paragraphs (w14:paraId) from a thread-local counter that
    // a build resets only part way: on a thread that wrote a DOCX before, the
    // numbers start elsewhere. A thread of its own gives every call the same
    // bytes, as the command line (one thread per target) always had.
    std::thread::scope(|scope| {
        scope
            .spawn(|| build_docx(plan, title, style, opts))
            .join()
            .unwrap_or_else(|_| {
                Err(Error::Missing(
                    "the DOCX writer stopped unexpectedly".into(),
                ))
            })
    })
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
    let mut shared = false;
    for (pi, piece) in plan.pieces.iter().enumerate() {
        if let Some((_, off)) = share_from.filter(|(at, _)| *at == pi) {
            share_from = None;
            if off == 0 {
                shared = mark_section_end(&mut docx);
            } else if let Some((first, rest)) = piece.cut_at(style, off) {
                docx = add_piece(docx, &ctx, &first);
                shared = mark_section_end(&mut docx);
                docx = add_piece(docx, &ctx, &rest);
                continue;
            }
        }
        let under_head = framed && pi == 0;
        match piece.para() {
            Some(para) if under_head && piece.role == PieceRole::Title => {
                // Two lines below the red rule (7.3.1).
                let pitch = style.pitch(piece.settings);
                let p = ctx.piece_paragraph(piece, para).line_spacing(
                    LineSpacing::new()
                        .line_rule(LineSpacingType::Exact)
                        .line(tw(pitch))
                        .before(
                            first_before(style.frame.lines_before_title * pitch)
                                + tw(para.space_before).max(0) as u32,
                        )
                        .after(tw(para.space_after) as u32),
                );
                docx = docx.add_paragraph(p);
            }
            _ => {
                docx = add_piece(docx, &ctx, piece);
                if under_head {
                    // No title (a 纪要): the body keeps the title's place, two
                    // lines below the red rule, as in the PDF.
                    let pitch = style.pitch(piece.settings);
                    let before =
                        first_before(style.frame.lines_before_title * style.grid.line_pitch_pt)
                            as f32
                            / 20.0;
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
    let shared = shared && has_record;
    // The 版记 page keeps its number unless blank pages stand before it (7.5):
    // on the body's last page, or on the page right after it (an odd body).
    // Without the PDF's pagination the blank page is Word's to insert, so the
    // page goes unnumbered.
    let blank_page =
        has_record && !shared && opts.pagination.is_some_and(|p| p.body_pages % 2 == 0);
    let record_numbered =
        shared || (has_record && opts.pagination.is_some_and(|p| p.body_pages % 2 == 1));
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
    } else if let Some(table) = record.filter(|_| has_record) {
        let mut footer = Footer::new().add_table(table);
        if record_numbered {
            // The page keeps its number (even: on the left), 7 mm under the
            // 版心 as on every page; the 版记 above it ends on the 版心's edge.
            let below = tw(crate::style::mm_to_pt(style.page_number.below_text_mm)).max(0) as u32;
            footer = footer.add_paragraph(page_number_paragraph(&ctx, false, below));
        } else {
            footer = footer.add_paragraph(record_tail(style));
        }
        if !shared {
            docx = docx.add_paragraph(Paragraph::new().style(RECORD_PAGE));
        }
        docx = docx.first_footer(footer);
    }

    // Page numbers: odd pages right, even pages left, 1 字 in.
    docx = docx
        .footer(page_number_footer(&ctx, true))
        .even_footer(page_number_footer(&ctx, false));

    let mut xml = docx.build();
    xml.styles = reorder(&patch_normal_style(&xml.styles, &ctx)?);
    let g = style.geometry();
    let bottom_margin = tw(g.page_h) - tw(g.top) - tw(g.text_h);
    // When the body ends on an even page the 版记 needs the next even page but
    // one. Word's even-page break would insert the blank page; LibreOffice
    // ignores it, so the blank page is a section of its own, with an empty
    // footer (7.5: blank pages carry no page number).
    if blank_page {
        add_empty_footer(&mut xml, BLANK_FOOTER_RID);
    }
    let document = if shared {
        shared_record_section(&xml.document)?
    } else if has_record {
        // A numbered 版记 page keeps the page numbers' footer distance.
        let footer = if record_numbered {
            None
        } else {
            Some(bottom_margin - tw(style.frame.record_docx_tail_pt))
        };
        record_section(
            &xml.document,
            footer,
            blank_page.then_some(BLANK_FOOTER_RID),
        )?
    } else {
        xml.document.clone()
    };
    // A one-page 信函's footer stands on its foot rule, 20 mm above the page's
    // bottom edge (the section's other footers never show).
    let document = if one_page_letter && framed {
        let foot = tw(crate::style::mm_to_pt(
            style.frame.letter_bottom_rule_from_page_mm,
        )) - tw(style.frame.letter_foot_line_pt);
        set_footer_distance(&document, foot)
    } else {
        document
    };
    xml.document = reorder(&with_line_rules(&document));
    xml.settings = reorder(&patch_settings(&xml.settings)?);
    xml.footers = xml
        .footers
        .iter()
        .map(|f| reorder(&with_line_rules(f)))
        .collect();
    xml.font_table = font_table(style).into_bytes();
    xml.doc_props.core = core_props(title, opts).into_bytes();
    let mut buf = std::io::Cursor::new(Vec::new());
    xml.pack(&mut buf).map_err(|e| Error::Output {
        path: "<docx>".into(),
        message: e.to_string(),
    })?;
    Ok(buf.into_inner())
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
        .default_size((style.roles.body.size_pt * 2.0).round() as usize);
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
    }
}

/// 份号, 密级, 紧急程度, the 发文机关标志, the 发文字号 (with 签发人) and the red
/// rule under it (7.2).
/// Returns the height, in twips, that the head stacks above the body as Word
/// and LibreOffice add it up (exact lines, spacing, the rule's border), for
/// formats whose body follows it in the flow (not the 信函's, in the header).
fn head(
    mut docx: Docx,
    ctx: &Ctx,
    meta: &crate::meta::Meta,
    mark: &IssuerMark,
    letter_cc: Option<Paragraph>,
) -> (Docx, Option<i32>) {
    let style = ctx.style;
    let fr = &style.frame;
    let pitch = style.grid.line_pitch_pt;
    let mut lines_used = 0.0;
    let mut used: i32 = 0;
    // A 信函 sets them under its red rule instead (letter_head).
    let marks = [
        (&meta.copy_no, &style.roles.copy_no, "GwCopyNo"),
        (&meta.secrecy, &style.roles.secrecy, "GwSecrecy"),
        (&meta.urgency, &style.roles.secrecy, "GwSecrecy"),
    ];
    let letter = meta.format == Some(crate::meta::Format::Letter);
    for (text, role, id) in marks.into_iter().filter(|_| !letter) {
        if let Some(t) = text {
            let p = ctx.apply_role(Paragraph::new().style(id), role);
            docx = docx.add_paragraph(ctx.add_text(p, t, role, role.font, role.bold, false));
            lines_used += 1.0;
            let rp = style.pitch(role);
            used += tw(role.space_before_lines * rp) + tw(rp) + tw(role.space_after_lines * rp);
        }
    }
    let format = meta.format.unwrap_or_default();
    let r = &style.roles.issuer;
    let size = (mark.size * 2.0).floor() / 2.0;
    let mark_role = Role {
        size_pt: size,
        line_pitch_pt: Some(size),
        space_before_lines: 0.0,
        space_after_lines: 0.0,
        ..r.clone()
    };
    if format == crate::meta::Format::Letter {
        return (
            letter_head(docx, ctx, meta, mark, &mark_role, letter_cc),
            None,
        );
    }
    // An exact line one em high puts the characters' top at the line's top.
    let top_mm = if format == crate::meta::Format::Order {
        fr.order_issuer_top_mm
    } else {
        fr.issuer_top_mm
    };
    let before = (crate::style::mm_to_pt(top_mm) - lines_used * pitch).max(0.0);
    let spacing = |before_pt: f32, line: f32| {
        LineSpacing::new()
            .line_rule(LineSpacingType::Exact)
            .line(tw(line))
            .before(tw(before_pt) as u32)
            .after(0)
    };
    match &mark.suffix {
        None => {
            let p = ctx
                .apply_role(Paragraph::new().style("GwIssuer"), &mark_role)
                .line_spacing(spacing(before, size));
            docx = docx.add_paragraph(ctx.add_text(
                p,
                &mark.organs[0],
                &mark_role,
                r.font,
                r.bold,
                false,
            ));
            used += tw(before) + tw(size);
        }
        Some(suffix) => {
            // Joint documents: the organs stacked, 文件 to their right, centred on them.
            let g = style.geometry();
            let organ_w = mark
                .organs
                .iter()
                .map(|o| crate::style::text_ems(o))
                .fold(0.0f32, f32::max)
                * size;
            let gap = fr.issuer_suffix_gap_em * size;
            let suffix_w = crate::style::text_ems(suffix) * size + gap;
            let side = ((g.text_w - organ_w - suffix_w) / 2.0).max(0.0);
            docx = docx.add_paragraph(
                Paragraph::new()
                    .line_spacing(spacing(0.0, before.max(1.0)))
                    .snap_to_grid(false),
            );
            used +=
                tw(before.max(1.0)) + mark.organs.len() as i32 * tw(size * fr.issuer_stack_line_em);
            let mut left = TableCell::new().width(tw(side + organ_w) as usize, WidthType::Dxa);
            for o in &mark.organs {
                let p = ctx
                    .apply_role(Paragraph::new().style("GwIssuer"), &mark_role)
                    .align(AlignmentType::Right)
                    .line_spacing(spacing(0.0, size * fr.issuer_stack_line_em));
                left = left.add_paragraph(ctx.add_text(p, o, &mark_role, r.font, r.bold, false));
            }
            let p = ctx
                .apply_role(Paragraph::new().style("GwIssuer"), &mark_role)
                .align(AlignmentType::Left)
                .line_spacing(spacing(0.0, size));
            let right = TableCell::new()
                .width(tw(g.text_w - side - organ_w) as usize, WidthType::Dxa)
                .vertical_align(docx_rs::VAlignType::Center)
                .add_paragraph(ctx.add_text(
                    p.indent(
                        Some(tw(gap)),
                        Some(SpecialIndentType::FirstLine(0)),
                        Some(0),
                        None,
                    ),
                    suffix,
                    &mark_role,
                    r.font,
                    r.bold,
                    false,
                ));
            let t = Table::new(vec![TableRow::new(vec![left, right])])
                .set_grid(vec![
                    tw(side + organ_w) as usize,
                    tw(g.text_w - side - organ_w) as usize,
                ])
                .width(tw(g.text_w) as usize, WidthType::Dxa)
                .layout(TableLayoutType::Fixed)
                .margins(docx_rs::TableCellMargins::new().margin(0, 0, 0, 0))
                .set_borders(TableBorders::with_empty());
            docx = docx.add_table(t);
        }
    }
    // 发文字号 two lines below; the red rule as its bottom border, 4 mm down.
    let dn_role = &style.roles.doc_number;
    let ch = ctx.char_pt(dn_role);
    let mut p = ctx
        .apply_role(Paragraph::new().style("GwDocNumber"), dn_role)
        .line_spacing(spacing(fr.lines_before_doc_number * pitch, pitch));
    let dn = meta.doc_number.clone().unwrap_or_default();
    match &meta.signers {
        Some(signers) => {
            let g = style.geometry();
            let side = tw(fr.side_indent_chars * ch);
            p = p
                .align(AlignmentType::Left)
                .indent(
                    Some(side),
                    Some(SpecialIndentType::FirstLine(0)),
                    Some(side),
                    None,
                )
                .add_tab(
                    Tab::new()
                        .val(TabValueType::Right)
                        .pos((tw(g.text_w) - 2 * side) as usize),
                );
            p = ctx.add_text(p, &dn, dn_role, dn_role.font, false, false);
            p = p.add_run(Run::new().add_tab());
            p = ctx.add_text(p, &fr.signer_label, dn_role, dn_role.font, false, false);
            let sr = &style.roles.signer;
            p = ctx.add_text(p, &signers.to_vec().join("　"), sr, sr.font, false, false);
        }
        None => p = ctx.add_text(p, &dn, dn_role, dn_role.font, false, false),
    }
    used += tw(fr.lines_before_doc_number * pitch) + tw(pitch);
    if format == crate::meta::Format::Order {
        return (docx.add_paragraph(p), Some(used)); // 命令格式: no red rule (10.2)
    }
    // 4 mm below the 发文字号's characters, as the PDF draws it: the border is
    // measured from the line's box, whose bottom lies half the leading below
    // the characters' em box.
    let leading_below = (pitch - dn_role.size_pt) / 2.0;
    let rule_space = (crate::style::mm_to_pt(fr.rule_below_doc_number_mm) - leading_below)
        .round()
        .max(0.0) as usize;
    p.property = p.property.set_borders(
        ParagraphBorders::with_empty().set(
            ParagraphBorder::new(ParagraphBorderPosition::Bottom)
                .val(BorderType::Single)
                .size((fr.rule_width_pt * 8.0).round() as usize)
                .space(rule_space)
                .color(fr.rule_color.clone()),
        ),
    );
    used += 20 * rule_space as i32 + tw(fr.rule_width_pt);
    (docx.add_paragraph(p), Some(used))
}

/// 信函 (10.1): the mark 30 mm from the page's top stands above the body area, so
/// it goes in the first page's header with the thick-over-thin red rule as its
/// border; the thin-over-thick rule 20 mm above the foot is the first page's
/// footer (which also keeps page 1 unnumbered). 份号/密级 left and the 文号
/// right open the body, 7/8 of a 3号 character below the rule.
/// The 信函's head: the mark and the top double rule in the first page's
/// header, the foot double rule in its footer (with `cc`, the 抄送 of a
/// one-page letter, on the 版心's last line above it), 份号/密级 and 文号 under
/// the rule.
fn letter_head(
    mut docx: Docx,
    ctx: &Ctx,
    meta: &crate::meta::Meta,
    mark: &IssuerMark,
    mark_role: &Role,
    cc: Option<Paragraph>,
) -> Docx {
    let style = ctx.style;
    let fr = &style.frame;
    let g = style.geometry();
    let mm = crate::style::mm_to_pt;
    let red = fr.rule_color.clone();
    let size = mark_role.size_pt;
    let len = mm(fr.letter_rule_length_mm);
    let side = ((g.text_w - len) / 2.0).min(0.0);
    let double = |pos, kind, space: f32| {
        ParagraphBorder::new(pos)
            .val(kind)
            .size(((fr.letter_thick_pt + fr.letter_thin_pt) * 8.0).round() as usize)
            .space(space.round() as usize)
            .color(red.clone())
    };
    let mut head = ctx
        .apply_role(Paragraph::new().style("GwIssuer"), mark_role)
        .line_spacing(
            LineSpacing::new()
                .line_rule(LineSpacingType::Exact)
                .line(tw(size))
                .before(0)
                .after(0),
        )
        .indent(
            Some(tw(side)),
            Some(SpecialIndentType::FirstLine(0)),
            Some(tw(side)),
            None,
        );
    head = ctx.add_text(
        head,
        &mark.organs.concat(),
        mark_role,
        mark_role.font,
        false,
        false,
    );
    head.property = head
        .property
        .set_borders(ParagraphBorders::with_empty().set(double(
            ParagraphBorderPosition::Bottom,
            BorderType::ThickThinSmallGap,
            mm(fr.letter_rule_below_issuer_mm),
        )));
    // With the 抄送 above it: the foot rule 20 mm above the page's bottom, the
    // 抄送 ending on the 版心's bottom edge (the footer sits on the rule; see
    // letter_footer_distance).
    let foot_before = if cc.is_some() {
        (tw(g.page_h - g.top - g.text_h) - tw(mm(fr.letter_bottom_rule_from_page_mm))).max(0) as u32
    } else {
        0
    };
    let mut foot = Paragraph::new()
        .line_spacing(
            LineSpacing::new()
                .line_rule(LineSpacingType::Exact)
                .line(tw(fr.letter_foot_line_pt))
                .before(foot_before)
                .after(0),
        )
        .indent(
            Some(tw(side)),
            Some(SpecialIndentType::FirstLine(0)),
            Some(tw(side)),
            None,
        )
        .snap_to_grid(false);
    foot.property = foot
        .property
        .set_borders(ParagraphBorders::with_empty().set(double(
            ParagraphBorderPosition::Top,
            BorderType::ThinThickSmallGap,
            0.0,
        )));
    let mut footer = Footer::new();
    if let Some(cc) = cc {
        footer = footer.add_paragraph(cc);
    }
    docx = docx
        .first_header(docx_rs::Header::new().add_paragraph(head))
        .first_footer(footer.add_paragraph(foot));
    // Body: under the rule (the mark's bottom + 4 mm + the double rule + 7/8 of 3号).
    let rule_bottom = mm(fr.letter_issuer_top_from_page_mm)
        + size
        + mm(fr.letter_rule_below_issuer_mm)
        + fr.letter_thick_pt
        + fr.letter_rule_gap_pt
        + fr.letter_thin_pt;
    // The header (mark and rule) reaches below the top margin, and Word and
    // LibreOffice start the body under it, at the rule's bottom.
    let body_top = rule_bottom.max(g.top);
    let first_top = rule_bottom + fr.letter_gap_below_rule_pt - body_top;
    let r = &style.roles.doc_number;
    let pitch = style.grid.line_pitch_pt;
    let mut before = (first_top - (pitch - r.size_pt) / 2.0).max(0.0);
    let marks = [
        (&meta.copy_no, &style.roles.copy_no),
        (&meta.secrecy, &style.roles.secrecy),
        (&meta.urgency, &style.roles.secrecy),
    ];
    let mut first = true;
    let mut wrote = false;
    for (text, role) in marks {
        let Some(t) = text else { continue };
        let mut p = ctx
            .apply_role(Paragraph::new().style("GwSecrecy"), role)
            .line_spacing(
                LineSpacing::new()
                    .line_rule(LineSpacingType::Exact)
                    .line(tw(pitch))
                    .before(tw(before) as u32)
                    .after(0),
            )
            .add_tab(
                Tab::new()
                    .val(TabValueType::Right)
                    .pos(tw(g.text_w) as usize),
            );
        p = ctx.add_text(p, t, role, role.font, role.bold, false);
        if first {
            if let Some(dn) = &meta.doc_number {
                p = p.add_run(Run::new().add_tab());
                p = ctx.add_text(p, dn, r, r.font, false, false);
            }
        }
        docx = docx.add_paragraph(p);
        first = false;
        wrote = true;
        before = 0.0;
    }
    if !wrote {
        if let Some(dn) = &meta.doc_number {
            let p = ctx
                .apply_role(Paragraph::new().style("GwDocNumber"), r)
                .align(AlignmentType::Right)
                .line_spacing(
                    LineSpacing::new()
                        .line_rule(LineSpacingType::Exact)
                        .line(tw(pitch))
                        .before(tw(before) as u32)
                        .after(0),
                );
            docx = docx.add_paragraph(ctx.add_text(p, dn, r, r.font, false, false));
        }
    }
    docx
}

/// A paragraph piece (抄送, 印发) as the paragraph the body would take, to be
/// set somewhere else (a footer, a table cell).
fn piece_paragraph(ctx: &Ctx, piece: &Piece) -> Option<Paragraph> {
    piece.para().map(|p| ctx.piece_paragraph(piece, p))
}

/// The 版记 (7.4): 抄送 and 印发 as the rows of a table as wide as the 版心,
/// with a thick rule above and below and a thin one between. Paragraph borders
/// would stop at the lines' 1-字 indents; the standard's rules span the 版心.
fn record_table(ctx: &Ctx, record: &Record) -> Option<Table> {
    let style = ctx.style;
    let thick = (crate::style::mm_to_pt(style.frame.record_thick_rule_mm) * 8.0).round() as usize;
    let thin = (crate::style::mm_to_pt(style.frame.record_thin_rule_mm) * 8.0).round() as usize;
    let width = tw(ctx.text_w_pt).max(0) as usize;
    let rows: Vec<TableRow> = record
        .cc
        .iter()
        .chain(record.issued.iter())
        .filter_map(|piece| {
            Some(TableRow::new(vec![TableCell::new()
                .add_paragraph(piece_paragraph(ctx, piece)?)
                .width(width, WidthType::Dxa)]))
        })
        .collect();
    if rows.is_empty() {
        return None;
    }
    let rule = |pos, size| {
        TableBorder::new(pos)
            .border_type(BorderType::Single)
            .size(size)
            .color("000000")
    };
    let mut borders = TableBorders::with_empty()
        .set(rule(TableBorderPosition::Top, thick))
        .set(rule(TableBorderPosition::Bottom, thick))
        .set(rule(TableBorderPosition::InsideH, thin));
    for pos in [
        TableBorderPosition::Left,
        TableBorderPosition::Right,
        TableBorderPosition::InsideV,
    ] {
        borders = borders.set(TableBorder::new(pos).border_type(BorderType::Nil));
    }
    Some(
        Table::new(rows)
            .set_grid(vec![width])
            .width(width, WidthType::Dxa)
            .layout(TableLayoutType::Fixed)
            .margins(docx_rs::TableCellMargins::new().margin(0, 0, 0, 0))
            .set_borders(borders),
    )
}

/// A footer ends with a paragraph (Word's rule for a table's container); after
/// the 版记's table it is a sliver (`frame.record_docx_tail_pt` high), which
/// the footer distance takes into account.
fn record_tail(style: &Style) -> Paragraph {
    let h = style.frame.record_docx_tail_pt;
    Paragraph::new()
        .line_spacing(
            LineSpacing::new()
                .line_rule(LineSpacingType::Exact)
                .line(tw(h))
                .before(0)
                .after(0),
        )
        .add_run(Run::new().size((h * 2.0).round().max(1.0) as usize))
}

/// Set the footer distance of the (last) section, in twips.
fn set_footer_distance(document: &[u8], twips: i32) -> Vec<u8> {
    let s = String::from_utf8_lossy(document);
    let Some(sect) = s.rfind("<w:pgMar") else {
        return document.to_vec();
    };
    let Some(a) = s[sect..]
        .find("w:footer=\"")
        .map(|a| sect + a + "w:footer=\"".len())
    else {
        return document.to_vec();
    };
    let Some(e) = s[a..].find('"').map(|e| a + e) else {
        return document.to_vec();
    };
    format!("{}{}{}", &s[..a], twips.max(0), &s[e..]).into_bytes()
}

/// The relationship ids of a section's footer references.
fn footer_rids(sect: &str) -> Vec<String> {
    sect.split("<w:footerReference")
        .skip(1)
        .filter_map(|r| {
            let a = r.find("r:id=\"")? + "r:id=\"".len();
            Some(r[a..a + r[a..].find('"')?].to_string())
        })
        .collect()
}

/// Relationship id of the empty footer of the blank page before the 版记.
const BLANK_FOOTER_RID: &str = "rIdFooterBlank";

/// Add an empty footer part (docx-rs makes only the three it was given).
fn add_empty_footer(xml: &mut docx_rs::XMLDocx, rid: &str) {
    let n = xml.footers.len() + 1;
    let footer = Footer::new().add_paragraph(Paragraph::new());
    xml.footers.push(docx_rs::BuildXML::build(&footer));
    let rels = String::from_utf8_lossy(&xml.document_rels).replacen(
        "</Relationships>",
        &format!("<Relationship Id=\"{rid}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer\" Target=\"footer{n}.xml\" /></Relationships>"),
        1,
    );
    xml.document_rels = rels.into_bytes();
    let types = String::from_utf8_lossy(&xml.content_type).replacen(
        "</Types>",
        &format!("<Override PartName=\"/word/footer{n}.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml\" /></Types>"),
        1,
    );
    xml.content_type = types.into_bytes();
}

/// Name of the bookmark that marks the last paragraph of the body's section
/// when the 版记 shares the last page; `shared_record_section` replaces it.
const SECTION_END_MARK: &str = "_GwSectionEnd";

/// Mark the last paragraph so far as the end of the body's section; false when
/// the document does not end with a paragraph (a table cannot carry a section
/// break).
fn mark_section_end(docx: &mut Docx) -> bool {
    match docx.document.children.last_mut() {
        Some(docx_rs::DocumentChild::Paragraph(p)) => {
            let marked = (**p)
                .clone()
                .add_bookmark_start(0, SECTION_END_MARK)
                .add_bookmark_end(0);
            **p = marked;
            true
        }
        _ => false,
    }
}

/// Room above the last paragraph, on its exact line pitch (points).
fn space_before_last(docx: &mut Docx, pitch: f32, before: f32) {
    if let Some(docx_rs::DocumentChild::Paragraph(p)) = docx.document.children.last_mut() {
        let spacing = LineSpacing::new()
            .line_rule(LineSpacingType::Exact)
            .line(tw(pitch))
            .before(tw(before).max(0) as u32)
            .after(0);
        let changed = (**p).clone().line_spacing(spacing);
        **p = changed;
    }
}

/// The 版记 on the body's last page: the body's section ends with the marked
/// paragraph (its page-number footers only), and the last section, which
/// starts with the PDF's last page, shows the 版记 and the page number in its
/// first-page footer. The even-page type keeps Word's 版记 page even should
/// its pagination differ; LibreOffice reads it as a page break.
fn shared_record_section(document: &[u8]) -> Result<Vec<u8>> {
    let s = std::str::from_utf8(document).map_err(|e| Error::Output {
        path: "document.xml".into(),
        message: e.to_string(),
    })?;
    let bad = |m: &str| Error::Output {
        path: "document.xml".into(),
        message: m.into(),
    };
    let SectionSplit {
        start,
        end,
        body,
        last,
    } = split_last_section(s)?;
    // The marked paragraph: its bookmark goes, the section break goes in.
    let mark = s
        .find(&format!("w:name=\"{SECTION_END_MARK}\""))
        .ok_or_else(|| bad("no section mark"))?;
    let mark_start = s[..mark]
        .rfind("<w:bookmarkStart")
        .ok_or_else(|| bad("no bookmark"))?;
    let mark_end = s[mark..]
        .find("<w:bookmarkEnd")
        .and_then(|e| s[mark + e..].find("/>").map(|f| mark + e + f + 2))
        .ok_or_else(|| bad("no bookmark end"))?;
    let para_start = s[..mark_start]
        .rfind("<w:p ")
        .or_else(|| s[..mark_start].rfind("<w:p>"))
        .ok_or_else(|| bad("no paragraph"))?;
    let ppr_end = s[para_start..mark_start]
        .find("</w:pPr>")
        .map(|e| para_start + e)
        .ok_or_else(|| bad("no paragraph properties"))?;
    let mut out = String::with_capacity(s.len() + body.len() + 64);
    out.push_str(&s[..ppr_end]);
    out.push_str(&body);
    out.push_str(&s[ppr_end..mark_start]);
    out.push_str(&s[mark_end..start]);
    out.push_str(&last);
    out.push_str(&s[end..]);
    Ok(out.into_bytes())
}

/// Style id of the empty paragraph that holds the 版记 section's page.
const RECORD_PAGE: &str = "GwRecordPage";

/// The document's (last) section properties split for a last section of the
/// 版记: where they stand in `s`, the body's section (the page-number footers
/// only) and the last section (an even page, with a first-page footer).
struct SectionSplit {
    start: usize,
    end: usize,
    body: String,
    last: String,
}

fn split_last_section(s: &str) -> Result<SectionSplit> {
    let bad = |m: &str| Error::Output {
        path: "document.xml".into(),
        message: m.into(),
    };
    let start = s
        .rfind("<w:sectPr")
        .ok_or_else(|| bad("no section properties"))?;
    let end = s[start..]
        .find("</w:sectPr>")
        .map(|e| start + e + "</w:sectPr>".len())
        .ok_or_else(|| bad("unterminated section"))?;
    let mut body = s[start..end].to_string();
    if let Some(a) = body.find("<w:footerReference w:type=\"first\"") {
        let e = body[a..].find("/>").map_or(body.len(), |e| a + e + 2);
        body.replace_range(a..e, "");
    }
    let body = body
        .replace("<w:titlePg />", "")
        .replace("<w:titlePg/>", "");
    let last = s[start..end].replacen(">", "><w:type w:val=\"evenPage\"/>", 1);
    let last = if last.contains("titlePg") {
        last
    } else {
        last.replacen(">", "><w:titlePg/>", 1)
    };
    Ok(SectionSplit {
        start,
        end,
        body,
        last,
    })
}

/// Split the 版记 off into a last section: a section break before its page
/// (carrying the body's page setup and page-number footers), and the last
/// section starting on an even page, its first-page footer (the 版记) ending on
/// the 版心's bottom edge.
///
/// With `blank_footer`, a blank page of its own section (every footer that
/// empty one) stands between the body and the 版记 page.
fn record_section(
    document: &[u8],
    footer_distance: Option<i32>,
    blank_footer: Option<&str>,
) -> Result<Vec<u8>> {
    let s = std::str::from_utf8(document).map_err(|e| Error::Output {
        path: "document.xml".into(),
        message: e.to_string(),
    })?;
    let bad = |m: &str| Error::Output {
        path: "document.xml".into(),
        message: m.into(),
    };
    let SectionSplit {
        start,
        end,
        body,
        last,
    } = split_last_section(s)?;
    let first = s
        .find(&format!("<w:pStyle w:val=\"{RECORD_PAGE}\""))
        .ok_or_else(|| bad("no 版记 page"))?;
    let para_start = s[..first]
        .rfind("<w:p ")
        .or_else(|| s[..first].rfind("<w:p>"))
        .ok_or_else(|| bad("no paragraph"))?;
    // The 版记's page: an unnumbered one's footer ends where the 版心 ends.
    let last = match footer_distance {
        Some(d) => String::from_utf8(set_footer_distance(last.as_bytes(), d))
            .map_err(|e| bad(&e.to_string()))?,
        None => last,
    };
    let mut out = String::with_capacity(s.len() + 2 * body.len() + 64);
    out.push_str(&s[..para_start]);
    out.push_str(&format!("<w:p><w:pPr>{body}</w:pPr></w:p>"));
    if let Some(rid) = blank_footer {
        let mut blank = body.clone();
        for old in footer_rids(&body) {
            blank = blank.replace(&format!("r:id=\"{old}\""), &format!("r:id=\"{rid}\""));
        }
        out.push_str(&format!("<w:p><w:pPr>{blank}</w:pPr></w:p>"));
    }
    out.push_str(&s[para_start..start]);
    out.push_str(&last);
    out.push_str(&s[end..]);
    Ok(out.into_bytes())
}

fn table(ctx: &Ctx, t: &TablePlan) -> Table {
    let style = ctx.style;
    let total = tw(ctx.text_w_pt);
    // The plan's column widths, in whole twips; the last column takes the
    // rounding.
    let mut col_w: Vec<i32> = t.widths.iter().map(|w| tw(*w)).collect();
    let rounding = total - col_w.iter().sum::<i32>();
    if let Some(last) = col_w.last_mut() {
        *last += rounding;
    }
    let border = (style.table.rule_width_pt * 8.0).round() as usize;
    let rows: Vec<TableRow> = t
        .rows
        .iter()
        .map(|row| {
            let cells = row
                .iter()
                .zip(&col_w)
                .map(|(content, w)| {
                    TableCell::new()
                        .add_paragraph(ctx.cell_paragraph(content))
                        .width((*w).max(0) as usize, WidthType::Dxa)
                })
                .collect();
            TableRow::new(cells)
        })
        .collect();
    let mut borders = TableBorders::with_empty();
    for pos in [
        TableBorderPosition::Top,
        TableBorderPosition::Left,
        TableBorderPosition::Bottom,
        TableBorderPosition::Right,
        TableBorderPosition::InsideH,
        TableBorderPosition::InsideV,
    ] {
        borders = borders.set(
            TableBorder::new(pos)
                .border_type(BorderType::Single)
                .size(border)
                .color("000000"),
        );
    }
    Table::new(rows)
        .set_grid(col_w.iter().map(|w| (*w).max(0) as usize).collect())
        .width(total as usize, WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
        .margins({
            let pad = tw(style.table.cell_padding_pt).max(0) as usize;
            docx_rs::TableCellMargins::new().margin(pad, pad, pad, pad)
        })
        .set_borders(borders)
}

fn page_number_footer(ctx: &Ctx, odd: bool) -> Footer {
    Footer::new().add_paragraph(page_number_paragraph(ctx, odd, 0))
}

/// `— PAGE —`, right on odd pages and left on even ones, 1 字 in; `before` in
/// twips above it.
fn page_number_paragraph(ctx: &Ctx, odd: bool, before: u32) -> Paragraph {
    let style = ctx.style;
    let r = &style.roles.page_number;
    let ch = ctx.char_pt(r);
    let inset = tw(style.page_number.inset_chars * ch);
    let dash = &style.page_number.dash;
    let gap = &style.page_number.dash_gap;
    let fonts = ctx.fonts(r.font);
    let size = (r.size_pt * 2.0).round() as usize;
    let text_run = |s: &str| Run::new().fonts(fonts.clone()).size(size).add_text(s);
    let mut p = Paragraph::new()
        .style("GwPageNumber")
        .align(if odd {
            AlignmentType::Right
        } else {
            AlignmentType::Left
        })
        .indent(
            Some(if odd { 0 } else { inset }),
            Some(SpecialIndentType::FirstLine(0)),
            Some(if odd { inset } else { 0 }),
            None,
        )
        .line_spacing(
            LineSpacing::new()
                .line_rule(LineSpacingType::Exact)
                .line(tw(style.pitch(r)))
                .before(before)
                .after(0),
        );
    p = p.add_run(text_run(&format!("{dash}{gap}")));
    p = p.add_run(
        Run::new()
            .fonts(fonts.clone())
            .size(size)
            .add_field_char(FieldCharType::Begin, false)
            .add_instr_text(InstrText::PAGE(InstrPAGE::new()))
            .add_field_char(FieldCharType::Separate, false)
            .add_text("1")
            .add_field_char(FieldCharType::End, false),
    );
    p.add_run(text_run(&format!("{gap}{dash}")))
}

/// Replace docx-rs's empty Normal style with the body role, as the default
/// paragraph style, with kinsoku on, no hanging punctuation and no automatic
/// space between Han and Latin/digits (the PDF invents none either).
fn patch_normal_style(styles: &[u8], ctx: &Ctx) -> Result<Vec<u8>> {
    let s = std::str::from_utf8(styles).map_err(|e| Error::Output {
        path: "styles.xml".into(),
        message: e.to_string(),
    })?;
    let style = ctx.style;
    let r = &style.roles.body;
    let ch = ctx.char_pt(r);
    let pitch = style.pitch(r);
    let cjk = escape(style.fonts.docx_name(r.font));
    let latin = escape(&style.fonts.latin);
    let spacing = ctx
        .char_spacing(r)
        .map(|cs| format!(r#"<w:spacing w:val="{cs}"/>"#))
        .unwrap_or_default();
    let normal = format!(
        concat!(
            r#"<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/>"#,
            r#"<w:pPr><w:widowControl w:val="0"/>{rules}"#,
            r#"<w:spacing w:before="0" w:after="0" w:line="{line}" w:lineRule="exact"/>"#,
            r#"<w:ind w:firstLine="{first}"/><w:jc w:val="both"/></w:pPr>"#,
            r#"<w:rPr><w:rFonts w:ascii="{latin}" w:hAnsi="{latin}" w:eastAsia="{cjk}" w:cs="{latin}" w:hint="eastAsia"/>"#,
            r#"{spacing}<w:kern w:val="0"/><w:sz w:val="{sz}"/><w:szCs w:val="{sz}"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:style>"#
        ),
        line = tw(pitch),
        first = tw(r.first_line_indent_chars * ch),
        latin = latin,
        cjk = cjk,
        spacing = spacing,
        sz = (r.size_pt * 2.0).round() as i32,
        rules = LINE_RULES,
    );
    let start = s
        .find(r#"w:styleId="Normal""#)
        .and_then(|i| s[..i].rfind("<w:style "));
    let out = match start {
        Some(a) => {
            let end = s[a..]
                .find("</w:style>")
                .map(|e| a + e + "</w:style>".len())
                .ok_or_else(|| Error::Output {
                    path: "styles.xml".into(),
                    message: "unterminated Normal style".into(),
                })?;
            format!("{}{}{}", &s[..a], normal, &s[end..])
        }
        None => s.replacen("</w:docDefaults>", &format!("</w:docDefaults>{normal}"), 1),
    };
    Ok(out.into_bytes())
}

/// The line rules the PDF follows, on every paragraph: kinsoku on, no hanging
/// punctuation, no invented space between Han and Latin/digits. The Normal style
/// says so too, but LibreOffice reads them only from the paragraph itself.
const LINE_RULES: &str = r#"<w:kinsoku w:val="1"/><w:overflowPunct w:val="0"/><w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/>"#;

fn with_line_rules(part: &[u8]) -> Vec<u8> {
    match std::str::from_utf8(part) {
        Ok(s) => s
            .replace("<w:pPr>", &format!("<w:pPr>{LINE_RULES}"))
            .into_bytes(),
        Err(_) => part.to_vec(),
    }
}

fn patch_settings(settings: &[u8]) -> Result<Vec<u8>> {
    let s = std::str::from_utf8(settings).map_err(|e| Error::Output {
        path: "settings.xml".into(),
        message: e.to_string(),
    })?;
    // Punctuation is not compressed (the grid stays exact) and Word's own line
    // start/end rules apply (kinsoku).
    let extra = r#"<w:characterSpacingControl w:val="doNotCompress"/>"#;
    Ok(
        s.replacen("</w:settings>", &format!("{extra}</w:settings>"), 1)
            .into_bytes(),
    )
}

fn font_table(style: &Style) -> String {
    let mut out = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">"#,
    );
    for f in Family::ALL {
        let names = style.fonts.all_names(f);
        let alt = names[1..].join(",");
        out.push_str(&format!(
            r#"<w:font w:name="{}"><w:altName w:val="{}"/><w:charset w:val="86"/><w:family w:val="{}"/><w:pitch w:val="variable"/></w:font>"#,
            escape(&names[0]),
            escape(&alt),
            if f == Family::Heiti { "modern" } else { "roman" }
        ));
    }
    out.push_str(&format!(
        r#"<w:font w:name="{}"><w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>"#,
        escape(&style.fonts.latin)
    ));
    out.push_str("</w:fonts>");
    out
}

fn core_props(title: &str, opts: &WriteOptions) -> String {
    let when = crate::write::w3cdtf(opts.timestamp);
    format!(
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            r#"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#,
            "<dc:title>{title}</dc:title><dc:creator>{author}</dc:creator><cp:lastModifiedBy>{author}</cp:lastModifiedBy>",
            "<dc:language>zh-CN</dc:language><cp:revision>1</cp:revision>",
            r#"<dcterms:created xsi:type="dcterms:W3CDTF">{when}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">{when}</dcterms:modified>"#,
            "</cp:coreProperties>"
        ),
        title = escape(title),
        author = escape(&opts.author),
        when = when
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_segments_keep_quotes_cjk() {
        let segs = script_segments("发挥了“三服务”作用，2022年Word文档3.5%");
        assert_eq!(
            segs,
            vec![
                (false, "发挥了“三服务”作用，"),
                (true, "2022"),
                (false, "年"),
                (true, "Word"),
                (false, "文档"),
                (true, "3.5%")
            ]
        );
    }

    #[test]
    fn style_ids() {
        assert_eq!(style_id(PieceRole::AttachmentNote), "GwAttachmentNote");
        assert_eq!(style_id(PieceRole::Heading(2)), "Heading2");
        assert_eq!(style_id(PieceRole::Paragraph), "Normal");
        // One style per role: no two roles share an id or a name.
        let ids: std::collections::HashSet<_> =
            PieceRole::ALL.iter().map(|r| style_id(*r)).collect();
        let names: std::collections::HashSet<_> = PieceRole::ALL
            .iter()
            .filter_map(|r| style_name(*r))
            .collect();
        assert_eq!(ids.len(), PieceRole::ALL.len());
        assert_eq!(names.len(), PieceRole::ALL.len() - 1);
    }
}
