//! Tables: rows of cells broken into lines, ruled, split across pages under
//! a repeated header.

use super::*;

impl Flow<'_> {
    pub(super) fn table(&mut self, ctx: &mut Ctx, t: &TablePlan) {
        // A page that a table starts cannot be matched in the DOCX.
        if self.page_is_empty() {
            self.note_page_start(None);
        }
        let style = ctx.style;
        let r = &style.roles.table;
        let cols = t.widths.len();
        let pad = style.table.cell_padding_pt;
        let widths = &t.widths;
        // Left edge of each column, and the right edge of the table.
        let edges: Vec<f32> = std::iter::once(0.0)
            .chain(widths.iter().scan(0.0, |x, w| {
                *x += w;
                Some(*x)
            }))
            .collect();
        let pitch = style.pitch(r);
        let rule_w = style.table.rule_width_pt;
        let black = [0.0, 0.0, 0.0];
        // Lay out every cell first.
        let mut rows: Vec<LaidRow> = Vec::new();
        for row in &t.rows {
            let mut cells = Vec::new();
            let mut h = 0.0f32;
            for (content, &width) in row.iter().zip(widths) {
                let p = ctx.cell_para(content, r, width - 2.0 * pad);
                let lines = break_lines(
                    &p.atoms,
                    p.first_measure,
                    p.rest_measure,
                    &ctx.kinsoku,
                    false,
                    false,
                );
                h = h.max(lines.len().max(1) as f32 * pitch);
                cells.push((p, lines));
            }
            rows.push((cells, h + 2.0 * pad));
        }
        let header = t.header_rows.min(rows.len());
        // Draw lines `from..` of a row's cells, as many as fit on this page (at
        // least one); returns where each cell stopped. A row taller than a page
        // continues on the next, under the repeated header.
        let draw_part = |flow: &mut Flow, ri: usize, from: &[usize]| -> Vec<usize> {
            let (cells, _) = &rows[ri];
            let top = flow.y;
            let fit = (((flow.geo.text_h - top - 2.0 * pad) / pitch).floor() as usize).max(1);
            let mut upto = Vec::with_capacity(cells.len());
            let mut drawn = 0;
            for (c, (p, lines)) in cells.iter().enumerate() {
                let start = from[c].min(lines.len());
                let end = (start + fit).min(lines.len());
                let cx = flow.geo.left + edges[c] + pad;
                for (k, line) in lines[start..end].iter().enumerate() {
                    let baseline = flow.baseline(top + pad + k as f32 * pitch, pitch, p.size);
                    let shift = match p.align {
                        Align::Centre => (p.rest_measure - line.width) / 2.0,
                        Align::Right => p.rest_measure - line.width,
                        _ => 0.0,
                    };
                    let runs = runs_of(
                        &p.atoms[line.start..line.end],
                        &line.xs,
                        cx + shift.max(0.0),
                        baseline,
                        &p.spans,
                        false,
                    );
                    flow.page().items.extend(runs.into_iter().map(Item::Text));
                }
                drawn = drawn.max(end - start);
                upto.push(end);
            }
            let h = drawn.max(1) as f32 * pitch + 2.0 * pad;
            let (x0, x1) = (flow.geo.left, flow.geo.left + flow.geo.text_w);
            let (y0, y1) = (flow.geo.top + top, flow.geo.top + top + h);
            let mut rules = vec![
                Rule {
                    x0,
                    y0,
                    x1,
                    y1: y0,
                    width: rule_w,
                    color: black,
                },
                Rule {
                    x0,
                    y0: y1,
                    x1,
                    y1,
                    width: rule_w,
                    color: black,
                },
            ];
            for edge in &edges {
                let x = x0 + edge;
                rules.push(Rule {
                    x0: x,
                    y0,
                    x1: x,
                    y1,
                    width: rule_w,
                    color: black,
                });
            }
            flow.page().items.extend(rules.into_iter().map(Item::Rule));
            flow.y += h;
            upto
        };
        let done = |upto: &[usize], ri: usize| {
            rows[ri]
                .0
                .iter()
                .zip(upto)
                .all(|((_, lines), u)| *u >= lines.len())
        };
        // The header repeats on each new page, unless it would crowd the page.
        let header_h: f32 = rows[..header].iter().map(|(_, h)| *h).sum();
        let repeat = header_h <= self.geo.text_h / 2.0;
        let fresh_page = |flow: &mut Flow, ri: usize| {
            flow.new_page();
            flow.note_page_start(None);
            if repeat && ri >= header {
                for hi in 0..header {
                    draw_part(flow, hi, &vec![0; cols]);
                }
            }
        };
        for (ri, (_, h)) in rows.iter().enumerate() {
            let fits_here = self.y + h <= self.geo.text_h + EPS;
            let line_fits_here = self.y + pitch + 2.0 * pad <= self.geo.text_h + EPS;
            // A row that fits on a page starts on a fresh one; a taller row starts
            // here if a line of it fits, and continues on the next pages.
            if !self.at_top() && !fits_here && (*h <= self.geo.text_h || !line_fits_here) {
                fresh_page(self, ri);
            }
            let mut upto = draw_part(self, ri, &vec![0; cols]);
            while !done(&upto, ri) {
                fresh_page(self, ri);
                upto = draw_part(self, ri, &upto);
            }
        }
        self.snap_to_grid();
    }
}
