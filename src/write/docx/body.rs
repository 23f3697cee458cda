//! The body: each piece of the plan as one Word paragraph (its role's style,
//! the plan's indents and spacing, runs per script) or a table.

use super::*;

impl Ctx<'_> {
    pub(super) fn fonts(&self, family: Family) -> RunFonts {
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
    pub(super) fn char_pt(&self, r: &Role) -> f32 {
        crate::style::char_width(self.style, r)
    }

    /// Run character spacing that puts grid-sized text on the grid in every client.
    pub(super) fn char_spacing(&self, r: &Role) -> Option<i32> {
        let cpl = self.style.grid.chars_per_line as f32;
        (r.snap_to_grid && r.size_pt * cpl > self.text_w_pt + 0.01)
            .then(|| tw(self.style.grid.docx_char_spacing_pt))
    }

    /// Fonts for a run of CJK text: every slot names the CJK face, so that no
    /// client picks the Latin font for ambiguous marks such as “ ” — … (LibreOffice
    /// ignores `w:hint`).
    pub(super) fn cjk_fonts(&self, family: Family) -> RunFonts {
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
    pub(super) fn run_list(
        &self,
        text: &str,
        r: &Role,
        family: Family,
        bold: bool,
        italic: bool,
    ) -> Vec<Run> {
        let mut out = Vec::new();
        let text = crate::write::ooxml::xml_text(text);
        for (latin, seg) in script_segments(&text) {
            let fonts = if latin {
                self.fonts(family)
            } else {
                self.cjk_fonts(family)
            };
            let mut run = Run::new().fonts(fonts).size(half_points(r.size_pt));
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

    pub(super) fn add_text(
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
    pub(super) fn spans(&self, mut p: Paragraph, spans: &[Span]) -> Paragraph {
        for s in spans {
            p = self.add_text(p, &s.text, s.role, s.family, s.bold, s.italic);
        }
        p
    }

    /// A piece's paragraph: its role's style, the plan's indents and spacing,
    /// its spans (and a right-hand part after a right tab stop).
    pub(super) fn piece_paragraph(&self, piece: &Piece, para: &PlanPara) -> Paragraph {
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
            .line_spacing(exact_lines(
                self.style.pitch(r),
                tw(para.space_before).max(0) as u32,
                tw(para.space_after).max(0) as u32,
            ));
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
    pub(super) fn indents(
        &self,
        r: &Role,
    ) -> (Option<i32>, Option<SpecialIndentType>, Option<i32>) {
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
    pub(super) fn spacing(&self, r: &Role) -> LineSpacing {
        let pitch = self.style.pitch(r);
        exact_lines(
            pitch,
            tw(r.space_before_lines * pitch) as u32,
            tw(r.space_after_lines * pitch) as u32,
        )
    }

    /// A table cell's paragraph: the table role's setting and the cell's spans.
    pub(super) fn cell_paragraph(&self, content: &[Span]) -> Paragraph {
        let r = &self.style.roles.table;
        self.spans(
            self.apply_role(Paragraph::new().style("GwTable"), r),
            content,
        )
    }

    pub(super) fn apply_role(&self, mut p: Paragraph, r: &Role) -> Paragraph {
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

    pub(super) fn role_style(&self, id: &str, name: &str, r: &Role, bold: bool) -> DStyle {
        let (left, first, right) = self.indents(r);
        let mut s = DStyle::new(id, StyleType::Paragraph)
            .name(name)
            .based_on("Normal")
            .next("Normal")
            .q_format(true)
            .fonts(self.fonts(r.font))
            .size(half_points(r.size_pt))
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

/// Split text into (is_latin, segment) runs: Latin words (`script`) are
/// Latin; everything else is CJK.
pub fn script_segments(text: &str) -> Vec<(bool, &str)> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut cur: Option<bool> = None;
    for (i, c) in text.char_indices() {
        let latin = crate::script::in_latin_word(c, cur == Some(true));
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

pub(super) fn align(a: Align) -> AlignmentType {
    match a {
        Align::Left => AlignmentType::Left,
        Align::Centre => AlignmentType::Center,
        Align::Right => AlignmentType::Right,
        Align::Justify => AlignmentType::Both,
    }
}

/// A paragraph piece (抄送, 印发) as the paragraph the body would take, to be
/// set somewhere else (a footer, a table cell).
pub(super) fn piece_paragraph(ctx: &Ctx, piece: &Piece) -> Option<Paragraph> {
    piece.para().map(|p| ctx.piece_paragraph(piece, p))
}

pub(super) fn table(ctx: &Ctx, t: &TablePlan) -> Table {
    let style = ctx.style;
    let total = tw(ctx.text_w_pt);
    // The plan's column widths, in whole twips; the last column takes the
    // rounding.
    let mut col_w: Vec<i32> = t.widths.iter().map(|w| tw(*w)).collect();
    let rounding = total - col_w.iter().sum::<i32>();
    if let Some(last) = col_w.last_mut() {
        *last += rounding;
    }
    let border = eighth_points(style.table.rule_width_pt);
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
}
