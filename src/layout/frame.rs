//! The frame of a 公文 on the page: the 版头 above the title (7.2) and the 版记 at
//! the foot of the last, even page (7.4).

use super::{parse_color, runs_of, Atom, Ctx, Flow, Item, Rule, SpanStyle};
use crate::compose::{Body, IssuerMark, Record};
use crate::meta::{Format, Meta};
use crate::style::{char_width, mm_to_pt};

/// Lay one line of text at an absolute place; returns its width.
fn place(ctx: &mut Ctx, flow: &mut Flow, text: &str, st: &SpanStyle, x: f32, baseline: f32) -> f32 {
    let mut atoms: Vec<Atom> = Vec::new();
    ctx.atoms(text, 0, st, st.size, &mut atoms);
    let mut xs = Vec::with_capacity(atoms.len());
    let mut w = 0.0;
    for a in &atoms {
        xs.push(w);
        w += a.width;
    }
    let runs = runs_of(&atoms, &xs, x, baseline, std::slice::from_ref(st), false);
    flow.page().items.extend(runs.into_iter().map(Item::Text));
    w
}

/// Lay a line of the 版头 that may be too long for the 版心 (a freak 文号):
/// wrapped within `width` from `x`, aligned by `align` (0 left, 0.5 centre, 1
/// right); returns the number of lines used.
#[allow(clippy::too_many_arguments)] // a line's geometry: splitting it into a struct reads worse
fn place_fitted(
    ctx: &mut Ctx,
    flow: &mut Flow,
    text: &str,
    st: &SpanStyle,
    x: f32,
    width: f32,
    align: f32,
    first_baseline: f32,
) -> usize {
    let w = width_of(ctx, text, st);
    if w <= width {
        place(ctx, flow, text, st, x + (width - w) * align, first_baseline);
        return 1;
    }
    let mut atoms: Vec<Atom> = Vec::new();
    ctx.atoms(text, 0, st, st.size, &mut atoms);
    let lines = super::line::break_lines(&atoms, width, width, &ctx.kinsoku, false, false);
    let pitch = flow.geo.pitch;
    for (k, line) in lines.iter().enumerate() {
        let runs = runs_of(
            &atoms[line.start..line.end],
            &line.xs,
            x + (width - line.width).max(0.0) * align,
            first_baseline + k as f32 * pitch,
            std::slice::from_ref(st),
            false,
        );
        flow.page().items.extend(runs.into_iter().map(Item::Text));
    }
    lines.len().max(1)
}

fn width_of(ctx: &mut Ctx, text: &str, st: &SpanStyle) -> f32 {
    let mut atoms: Vec<Atom> = Vec::new();
    ctx.atoms(text, 0, st, st.size, &mut atoms);
    atoms.iter().map(|a| a.width).sum()
}

/// The 版头 on page 1 by format (7.2; 信函 10.1, 命令 10.2, 纪要 10.3); leaves
/// the flow where the title starts.
pub(super) fn head(ctx: &mut Ctx, flow: &mut Flow, meta: &Meta, mark: &IssuerMark) {
    let style = ctx.style;
    let g = flow.geo;
    let pitch = g.pitch;
    let em = style.layout.em_ascent;
    let fr = &style.frame;
    let format = meta.format.unwrap_or_default();
    let red = parse_color(&fr.rule_color);
    // Where the mark's characters start, from the 版心's top.
    let mark_top = match format {
        Format::Letter => mm_to_pt(fr.letter_issuer_top_from_page_mm) - g.top,
        Format::Order => mm_to_pt(fr.order_issuer_top_mm),
        _ => mm_to_pt(fr.issuer_top_mm),
    };
    // 份号, 密级和保密期限, 紧急程度: top left, one per line (7.2.1–7.2.3); in a
    // 信函 they go under the red double rule instead.
    let marks = [
        (&meta.copy_no, &style.roles.copy_no),
        (&meta.secrecy, &style.roles.secrecy),
        (&meta.urgency, &style.roles.secrecy),
    ];
    if format != Format::Letter {
        let mut line = 0.0;
        for (text, role) in marks {
            if let Some(t) = text {
                let st = ctx.span_style(role, role.font, role.bold);
                let baseline = flow.baseline(line * pitch, pitch, role.size_pt);
                line += place_fitted(ctx, flow, t, &st, g.left, g.text_w, 0.0, baseline) as f32;
            }
        }
    }
    let mark_bottom = draw_mark(ctx, flow, mark, g.top + mark_top) - g.top;
    let body = &style.roles.doc_number;
    let dn_st = ctx.span_style(body, body.font, false);
    let ch = char_width(style, body);
    match format {
        Format::Letter => {
            // Red double rules 170 mm long, centred on the page: thick over thin
            // under the mark, thin over thick 20 mm above the page's foot.
            let len = mm_to_pt(fr.letter_rule_length_mm);
            let x0 = (g.page_w - len) / 2.0;
            let y1 = g.top + mark_bottom + mm_to_pt(fr.letter_rule_below_issuer_mm);
            let y2 = y1 + fr.letter_rule_gap_pt + (fr.letter_thick_pt + fr.letter_thin_pt) / 2.0;
            let yb2 = g.page_h - mm_to_pt(fr.letter_bottom_rule_from_page_mm);
            let yb1 = yb2 - fr.letter_rule_gap_pt - (fr.letter_thick_pt + fr.letter_thin_pt) / 2.0;
            for (y, w) in [
                (y1, fr.letter_thick_pt),
                (y2, fr.letter_thin_pt),
                (yb1, fr.letter_thin_pt),
                (yb2, fr.letter_thick_pt),
            ] {
                flow.page().items.push(Item::Rule(Rule {
                    x0,
                    y0: y,
                    x1: x0 + len,
                    y1: y,
                    width: w,
                    color: red,
                }));
            }
            // Under the rule, 7/8 of a 3号 height down: 份号… left, 文号 right.
            let first_top = y2 + fr.letter_thin_pt / 2.0 + fr.letter_gap_below_rule_pt - g.top;
            let mut line = 0.0;
            for (text, role) in marks {
                if let Some(t) = text {
                    let st = ctx.span_style(role, role.font, role.bold);
                    let baseline = g.top + first_top + line * pitch + em * role.size_pt;
                    line += place_fitted(ctx, flow, t, &st, g.left, g.text_w, 0.0, baseline) as f32;
                }
            }
            if let Some(dn) = &meta.doc_number {
                let n = place_fitted(
                    ctx,
                    flow,
                    dn,
                    &dn_st,
                    g.left,
                    g.text_w,
                    1.0,
                    g.top + first_top + em * body.size_pt,
                );
                line = f32::max(line, n as f32);
            }
            let last_bottom = first_top + line * pitch;
            let want = last_bottom + fr.lines_before_title * pitch;
            flow.y = (want / pitch).ceil() * pitch;
            flow.unnumbered.push(0);
        }
        Format::Order => {
            // 令号 two lines below the mark, centred; the body two lines below it.
            let y_dn = mark_bottom + fr.lines_before_doc_number * pitch;
            let baseline = flow.baseline(y_dn, pitch, body.size_pt);
            let mut last = mark_bottom;
            if let Some(dn) = &meta.doc_number {
                let n = place_fitted(ctx, flow, dn, &dn_st, g.left, g.text_w, 0.5, baseline);
                last = y_dn + n as f32 * pitch;
            }
            let want = last + fr.lines_before_title * pitch;
            flow.y = (want / pitch).ceil() * pitch;
        }
        _ => {
            // 发文字号 two lines below; 上行文: left, with 签发人 on the right (7.2.5,
            // 7.2.6); the red rule 4 mm below it (7.2.7).
            let mut rule_from = g.top + mark_bottom;
            if let Some(dn) = &meta.doc_number {
                let y_dn = mark_bottom + fr.lines_before_doc_number * pitch;
                let baseline = flow.baseline(y_dn, pitch, body.size_pt);
                let side = fr.side_indent_chars * ch;
                let lines = match &meta.signers {
                    Some(signers) => {
                        let sr = &style.roles.signer;
                        let names_st = ctx.span_style(sr, sr.font, false);
                        let names = signers.joined();
                        let nw = width_of(ctx, &names, &names_st);
                        let lw = width_of(ctx, &fr.signer_label, &dn_st);
                        let dw = width_of(ctx, dn, &dn_st);
                        if dw + lw + nw + 2.0 * side <= g.text_w {
                            let right = g.left + g.text_w - side;
                            place(ctx, flow, dn, &dn_st, g.left + side, baseline);
                            place(
                                ctx,
                                flow,
                                &fr.signer_label,
                                &dn_st,
                                right - nw - lw,
                                baseline,
                            );
                            place(ctx, flow, &names, &names_st, right - nw, baseline);
                            1
                        } else {
                            // Too long for one line: 文号, then 签发人 right-aligned below.
                            let n = place_fitted(
                                ctx,
                                flow,
                                dn,
                                &dn_st,
                                g.left + side,
                                g.text_w - 2.0 * side,
                                0.0,
                                baseline,
                            );
                            let label_line = format!("{}{}", fr.signer_label, names);
                            n + place_fitted(
                                ctx,
                                flow,
                                &label_line,
                                &names_st,
                                g.left + side,
                                g.text_w - 2.0 * side,
                                1.0,
                                baseline + n as f32 * pitch,
                            )
                        }
                    }
                    None => place_fitted(ctx, flow, dn, &dn_st, g.left, g.text_w, 0.5, baseline),
                };
                rule_from = baseline + (lines - 1) as f32 * pitch + (1.0 - em) * body.size_pt;
            }
            let rule_y = rule_from + mm_to_pt(fr.rule_below_doc_number_mm);
            flow.page().items.push(Item::Rule(Rule {
                x0: g.left,
                y0: rule_y,
                x1: g.left + g.text_w,
                y1: rule_y,
                width: fr.rule_width_pt,
                color: red,
            }));
            let want = rule_y - g.top + fr.lines_before_title * pitch;
            flow.y = (want / pitch).ceil() * pitch;
        }
    }
}

/// The 发文机关标志 with its top at `top` (points from the page top); returns
/// the bottom of its last line's em box.
fn draw_mark(ctx: &mut Ctx, flow: &mut Flow, mark: &IssuerMark, top: f32) -> f32 {
    let style = ctx.style;
    let g = flow.geo;
    let em = style.layout.em_ascent;
    let r = &style.roles.issuer;
    let st = SpanStyle {
        family: r.font,
        size: mark.size,
        color: parse_color(&r.color),
        bold: r.bold,
    };
    let line_h = mark.size * style.frame.issuer_stack_line_em;
    let gap = style.frame.issuer_suffix_gap_em * mark.size;
    let organ_w = mark
        .organs
        .iter()
        .map(|o| width_of(ctx, o, &st))
        .fold(0.0f32, f32::max);
    let suffix_w = mark
        .suffix
        .as_ref()
        .map_or(0.0, |s| width_of(ctx, s, &st) + gap);
    let x0 = g.left + (g.text_w - organ_w - suffix_w) / 2.0;
    let mut last_baseline = top + em * mark.size;
    for (k, organ) in mark.organs.iter().enumerate() {
        let w = width_of(ctx, organ, &st);
        last_baseline = top + em * mark.size + k as f32 * line_h;
        // Aligned on 文件's side, as the DOCX's table cell does.
        place(ctx, flow, organ, &st, x0 + organ_w - w, last_baseline);
    }
    let bottom = last_baseline + (1.0 - em) * mark.size;
    if let Some(s) = &mark.suffix {
        // Centred on the stacked organs.
        let mid = (top + bottom) / 2.0;
        place(
            ctx,
            flow,
            s,
            &st,
            x0 + organ_w + gap,
            mid - mark.size / 2.0 + em * mark.size,
        );
    }
    bottom
}

/// The 版记: 抄送 and 印发 at the foot of the last page, between rules; that
/// page even (a blank page before it when needed); a blank page and the 版记
/// page after it carry no page number (7.4, 7.5).
pub(super) fn record(ctx: &mut Ctx, flow: &mut Flow, record: &Record, format: Format) {
    let style = ctx.style;
    // 信函: the 版记 has no rules (10.1; the plan gives it no 印发 line).
    let letter = format == Format::Letter;
    let g = flow.geo;
    let mut paras = Vec::new();
    for piece in record.cc.iter().chain(record.issued.iter()) {
        if let Body::Para(p) = &piece.body {
            paras.push(ctx.para_of(p, piece.settings));
        }
    }
    let cc_count = usize::from(record.cc.is_some());
    if paras.is_empty() {
        return;
    }
    let laid: Vec<(super::Para, Vec<super::line::Line>)> = paras
        .into_iter()
        .map(|p| {
            let lines = super::line::break_lines(
                &p.atoms,
                p.first_measure,
                p.rest_measure,
                &ctx.kinsoku,
                p.align == crate::style::Align::Justify,
                false,
            );
            (p, lines)
        })
        .collect();
    let height: f32 = laid
        .iter()
        .map(|(p, l)| l.len().max(1) as f32 * p.pitch)
        .sum();
    if height > g.text_h {
        // A 版记 taller than a page (a freak 抄送 list) cannot stand at the foot:
        // it flows like text from the top of the next page.
        flow.new_page();
        for (p, lines) in &laid {
            for (li, line) in lines.iter().enumerate() {
                if flow.y + p.pitch > g.text_h + 0.05 {
                    flow.new_page();
                }
                let baseline = flow.baseline(flow.y, p.pitch, p.size);
                let x = g.left + if li == 0 { p.first_x } else { p.rest_x };
                let runs = runs_of(
                    &p.atoms[line.start..line.end],
                    &line.xs,
                    x,
                    baseline,
                    &p.spans,
                    false,
                );
                flow.page().items.extend(runs.into_iter().map(Item::Text));
                flow.y += p.pitch;
            }
        }
        return;
    }
    let page_no = flow.pages.len();
    let fits = flow.y + height <= g.text_h + 0.05;
    // The 版记 page is the back cover, an even page; a 信函's is just its last.
    let even = page_no % 2 == 0 || letter;
    if !(fits && even) {
        // The 版记 goes to the next even page. 7.5: when blank pages stand before
        // it, neither they nor the 版记 page carry a number; a 版记 page right
        // after the body keeps its number.
        let first_added = flow.pages.len();
        loop {
            flow.new_page();
            if flow.pages.len() % 2 == 0 || letter {
                break;
            }
        }
        if flow.pages.len() - first_added > 1 {
            flow.unnumbered.extend(first_added..flow.pages.len());
        }
    }
    let mut y = g.text_h - height;
    let thick = mm_to_pt(style.frame.record_thick_rule_mm);
    let thin = mm_to_pt(style.frame.record_thin_rule_mm);
    let black = [0.0, 0.0, 0.0];
    let rule = |y: f32, w: f32| {
        Item::Rule(Rule {
            x0: g.left,
            y0: g.top + y,
            x1: g.left + g.text_w,
            y1: g.top + y,
            width: w,
            color: black,
        })
    };
    if !letter {
        flow.page().items.push(rule(y, thick));
    }
    for (i, (p, lines)) in laid.iter().enumerate() {
        if i > 0 && i == cc_count && !letter {
            flow.page().items.push(rule(y, thin));
        }
        flow.y = y;
        for (li, line) in lines.iter().enumerate() {
            let baseline = flow.baseline(y, p.pitch, p.size);
            let x = g.left + if li == 0 { p.first_x } else { p.rest_x };
            let mut runs = runs_of(
                &p.atoms[line.start..line.end],
                &line.xs,
                x,
                baseline,
                &p.spans,
                false,
            );
            if li == 0 {
                runs.extend(super::right_part_runs(p, g.left, baseline));
            }
            flow.page().items.extend(runs.into_iter().map(Item::Text));
            y += p.pitch;
        }
    }
    if !letter {
        flow.page().items.push(rule(g.text_h, thick));
    }
    flow.y = g.text_h;
}
