//! The frame: the 版头 (7.2; 信函 10.1, 命令 10.2), the 版记's table (7.4) and
//! the page-number footers (7.5).

use super::*;

/// 份号, 密级, 紧急程度, the 发文机关标志, the 发文字号 (with 签发人) and the red
/// rule under it (7.2).
/// Returns the height, in twips, that the head stacks above the body as Word
/// and LibreOffice add it up (exact lines, spacing, the rule's border), for
/// formats whose body follows it in the flow (not the 信函's, in the header).
pub(super) fn head(
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
    let size = floor_to_half_points(mark.size);
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
    let spacing = |before_pt: f32, line: f32| exact_lines(line, tw(before_pt) as u32, 0);
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
            p = ctx.add_text(p, &signers.joined(), sr, sr.font, false, false);
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
                .size(eighth_points(fr.rule_width_pt))
                .space(rule_space)
                .color(fr.rule_color.clone()),
        ),
    );
    used += tw(rule_space as f32) + tw(fr.rule_width_pt);
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
pub(super) fn letter_head(
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
            .size(eighth_points(fr.letter_thick_pt + fr.letter_thin_pt))
            .space(space.round() as usize)
            .color(red.clone())
    };
    let mut head = ctx
        .apply_role(Paragraph::new().style("GwIssuer"), mark_role)
        .line_spacing(exact_lines(size, 0, 0))
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
        .line_spacing(exact_lines(fr.letter_foot_line_pt, foot_before, 0))
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
            .line_spacing(exact_lines(pitch, tw(before) as u32, 0))
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
                .line_spacing(exact_lines(pitch, tw(before) as u32, 0));
            docx = docx.add_paragraph(ctx.add_text(p, dn, r, r.font, false, false));
        }
    }
    docx
}

/// The 版记 (7.4): 抄送 and 印发 as the rows of a table as wide as the 版心,
/// with a thick rule above and below and a thin one between. Paragraph borders
/// would stop at the lines' 1-字 indents; the standard's rules span the 版心.
pub(super) fn record_table(ctx: &Ctx, record: &Record) -> Option<Table> {
    let style = ctx.style;
    let thick = eighth_points(crate::style::mm_to_pt(style.frame.record_thick_rule_mm));
    let thin = eighth_points(crate::style::mm_to_pt(style.frame.record_thin_rule_mm));
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
pub(super) fn record_tail(style: &Style) -> Paragraph {
    let h = style.frame.record_docx_tail_pt;
    Paragraph::new()
        .line_spacing(exact_lines(h, 0, 0))
        .add_run(Run::new().size(half_points(h).max(1)))
}

pub(super) fn page_number_footer(ctx: &Ctx, odd: bool) -> Footer {
    Footer::new().add_paragraph(page_number_paragraph(ctx, odd, 0))
}

/// `— PAGE —`, right on odd pages and left on even ones, 1 字 in; `before` in
/// twips above it.
pub(super) fn page_number_paragraph(ctx: &Ctx, odd: bool, before: u32) -> Paragraph {
    let style = ctx.style;
    let r = &style.roles.page_number;
    let ch = ctx.char_pt(r);
    let inset = tw(style.page_number.inset_chars * ch);
    let dash = &style.page_number.dash;
    let gap = &style.page_number.dash_gap;
    let fonts = ctx.fonts(r.font);
    let size = half_points(r.size_pt);
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
        .line_spacing(exact_lines(style.pitch(r), before, 0));
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
