//! Vertical flow: paragraphs' lines onto pages, keep-with-next, widows and
//! orphans, the 署名's company (7.3.5.5), and runs of glyphs at their places.

use super::*;

pub(super) enum FlowItem<'a> {
    Para(Para),
    Table(&'a TablePlan<'a>),
    /// A picture and the block it comes from.
    Image(&'a ImagePlan, usize),
}

impl FlowItem<'_> {
    /// Room the item's first line needs (for keep-with-next); `pitch`: the grid's.
    pub(super) fn first_need(&self, pitch: f32) -> f32 {
        match self {
            FlowItem::Para(p) => p.space_before + p.pitch,
            FlowItem::Table(_) => 0.0,
            FlowItem::Image(im, _) => image_slot(im.height, pitch),
        }
    }
}

/// The height a picture takes: whole grid lines, so that the lines below it
/// stay on the 22-line grid.
pub(super) fn image_slot(height: f32, pitch: f32) -> f32 {
    ((height - EPS) / pitch).ceil().max(1.0) * pitch
}

/// A table row laid out: each cell's paragraph and lines, and the row's height.
pub(super) type LaidRow = (Vec<(Para, Vec<Line>)>, f32);

/// Where a line of body text went: its page, its items, its box.
#[derive(Debug, Clone, Copy)]
pub(super) struct PlacedLine {
    pub(super) page: usize,
    pub(super) first_item: usize,
    pub(super) top: f32,
    pub(super) pitch: f32,
}

/// Vertical flow: lines onto pages.
pub(super) struct Flow<'a> {
    pub(super) style: &'a Style,
    pub(super) geo: Geometry,
    pub(super) pages: Vec<Page>,
    /// Distance from the 版心's top to the next free line box.
    pub(super) y: f32,
    pub(super) outline: Vec<OutlineEntry>,
    /// Pages that carry no page number (blank pages before the 版记, the 版记 page).
    pub(super) unnumbered: Vec<usize>,
    /// The lines of the body text placed since the last non-body block.
    pub(super) last_body: Vec<PlacedLine>,
    /// The flow item being placed.
    pub(super) current: usize,
    /// Per page, where its first line comes from: the flow item and the atom
    /// its line starts at; `None` where that cannot be told (a table, lines
    /// carried over with a 署名).
    pub(super) page_starts: Vec<Option<(usize, usize)>>,
}

pub(super) const EPS: f32 = 0.05;

impl<'a> Flow<'a> {
    pub(super) fn new(style: &'a Style) -> Flow<'a> {
        Flow {
            style,
            geo: style.geometry(),
            pages: vec![Page::default()],
            y: 0.0,
            outline: Vec::new(),
            unnumbered: Vec::new(),
            last_body: Vec::new(),
            current: 0,
            page_starts: Vec::new(),
        }
    }

    pub(super) fn at_top(&self) -> bool {
        self.y <= EPS
    }

    pub(super) fn new_page(&mut self) {
        self.pages.push(Page::default());
        self.y = 0.0;
    }

    pub(super) fn room(&self) -> f32 {
        self.geo.text_h - self.y
    }

    pub(super) fn page(&mut self) -> &mut Page {
        self.pages.last_mut().expect("there is always a page")
    }

    /// Baseline of a line box of `pitch` whose top is at `y`: the em box centred.
    pub(super) fn baseline(&self, y: f32, pitch: f32, size: f32) -> f32 {
        self.geo.top + y + (pitch - size) / 2.0 + self.style.layout.em_ascent * size
    }

    /// Return to the grid after something of another height (a table).
    pub(super) fn snap_to_grid(&mut self) {
        let g = self.geo.pitch;
        let snapped = ((self.y - EPS) / g).ceil() * g;
        self.y = snapped.max(0.0);
        if self.y > self.geo.text_h - g + EPS {
            self.new_page();
        }
    }

    pub(super) fn para(&mut self, ctx: &mut Ctx, p: &Para, next_need: Option<f32>) {
        if p.page_break_before && !(self.at_top() && self.page_is_empty()) {
            self.new_page();
        }
        let justify = p.align == Align::Justify;
        let lines = break_lines(
            &p.atoms,
            p.first_measure,
            p.rest_measure,
            &ctx.kinsoku,
            justify,
            ctx.style.house.avoid_single_char_last_line,
        );
        let lines = if lines.is_empty() {
            vec![Line {
                start: 0,
                end: 0,
                xs: vec![],
                width: 0.0,
                last: true,
                squeezed_end: false,
            }]
        } else {
            lines
        };
        let before = if self.at_top() { 0.0 } else { p.space_before };
        let height = lines.len() as f32 * p.pitch;
        // Keep with the next block's first line.
        if p.keep_with_next && !self.at_top() {
            let need = before + height + p.space_after + next_need.unwrap_or(0.0);
            if need > self.room() + EPS
                && height + p.space_after + next_need.unwrap_or(0.0) <= self.geo.text_h
            {
                self.new_page();
                if p.needs_company {
                    self.carry_body_lines(2);
                }
            }
        }
        self.y += if self.at_top() { 0.0 } else { before };
        // Widows and orphans (house option; off by default so that every page
        // holds its 22 lines): at least `min` lines on each side of a break.
        let min = ctx.style.house.min_lines_at_page_break.max(1) as usize;
        let fit = ((self.room() + EPS) / p.pitch).floor().max(0.0) as usize;
        let mut break_before: Option<usize> = None;
        if min > 1 && lines.len() > fit && !self.at_top() {
            if fit < min || lines.len() < 2 * min {
                self.new_page();
            } else if lines.len() - fit < min {
                break_before = Some(lines.len() - min);
            }
        }
        if let Some((level, title)) = &p.outline {
            if self.y + p.pitch > self.geo.text_h + EPS {
                self.new_page();
            }
            self.outline.push(OutlineEntry {
                title: title.clone(),
                level: *level,
                page: self.pages.len() - 1,
                y: self.geo.top + self.y,
            });
        }
        for (li, line) in lines.iter().enumerate() {
            if self.y + p.pitch > self.geo.text_h + EPS || break_before == Some(li) {
                self.new_page();
            }
            if self.page_is_empty() {
                self.note_page_start(Some((self.current, line.start)));
            }
            let baseline = self.baseline(self.y, p.pitch, p.size);
            let item_start = self.page().items.len();
            let (x0, measure) = if li == 0 {
                (p.first_x, p.first_measure)
            } else {
                (p.rest_x, p.rest_measure)
            };
            let shift = match p.align {
                Align::Centre => (measure - line.width) / 2.0,
                Align::Right => measure - line.width,
                Align::Left | Align::Justify => 0.0,
            };
            let shift = if p.centre_all {
                (measure - line.width) / 2.0
            } else {
                shift
            };
            let x = self.geo.left + x0 + shift.max(0.0);
            let runs = runs_of(
                &p.atoms[line.start..line.end],
                &line.xs,
                x,
                baseline,
                &p.spans,
                line.squeezed_end,
            );
            self.page().items.extend(runs.into_iter().map(Item::Text));
            if li == 0 {
                let runs = right_part_runs(p, self.geo.left, baseline);
                self.page().items.extend(runs.into_iter().map(Item::Text));
            }
            if p.is_body {
                let page = self.pages.len() - 1;
                self.last_body.push(PlacedLine {
                    page,
                    first_item: item_start,
                    top: self.y,
                    pitch: p.pitch,
                });
            } else {
                self.last_body.clear();
            }
            self.y += p.pitch;
        }
        self.y += p.space_after;
        if p.pitch != self.geo.pitch {
            self.snap_to_grid();
        }
    }

    /// Move the last `n` lines of body text (正文 or 附件说明) that ended the
    /// previous page to the top of this (new, empty) page, so that a 署名 does not
    /// stand alone (7.3.5.5). Only when the previous page keeps body text too.
    pub(super) fn carry_body_lines(&mut self, n: usize) {
        let this = self.pages.len() - 1;
        let lines: Vec<PlacedLine> = self
            .last_body
            .iter()
            .copied()
            .filter(|l| l.page + 1 == this)
            .collect();
        if lines.len() <= n {
            return;
        }
        let moved = &lines[lines.len() - n..];
        let (first, last) = (moved[0], moved[n - 1]);
        self.note_page_start(None);
        let items: Vec<Item> = self.pages[first.page]
            .items
            .drain(first.first_item..)
            .collect();
        for mut item in items {
            if let Item::Text(run) = &mut item {
                run.baseline -= first.top;
            }
            self.pages[this].items.push(item);
        }
        self.y = last.top - first.top + last.pitch;
        self.last_body.clear();
    }

    pub(super) fn page_is_empty(&self) -> bool {
        self.pages.last().is_none_or(|p| p.items.is_empty())
    }

    /// Note where the current page's first line comes from (once per page).
    pub(super) fn note_page_start(&mut self, start: Option<(usize, usize)>) {
        let page = self.pages.len() - 1;
        if self.page_starts.len() <= page {
            self.page_starts.resize(page + 1, None);
            self.page_starts[page] = start;
        }
    }

    pub(super) fn finish(mut self) -> Vec<Page> {
        if self.pages.len() > 1
            && self.page_is_empty()
            && !self.unnumbered.contains(&(self.pages.len() - 1))
        {
            self.pages.pop();
        }
        self.pages
    }
}

/// The text a paragraph sets against its right edge (印发日期), as runs.
pub(super) fn right_part_runs(p: &Para, left: f32, baseline: f32) -> Vec<TextRun> {
    let Some((atoms, _)) = &p.right_part else {
        return Vec::new();
    };
    let w: f32 = atoms.iter().map(|a| a.width).sum();
    let right_edge = left + p.rest_x + p.rest_measure;
    let mut xs = Vec::with_capacity(atoms.len());
    let mut acc = 0.0;
    for a in atoms {
        xs.push(acc);
        acc += a.width;
    }
    runs_of(atoms, &xs, right_edge - w, baseline, &p.spans, false)
}

/// Group a line's atoms into runs of one font and style, with absolute x.
pub(super) fn runs_of(
    atoms: &[Atom],
    xs: &[f32],
    x0: f32,
    baseline: f32,
    spans: &[SpanStyle],
    squeezed_end: bool,
) -> Vec<TextRun> {
    let mut runs: Vec<TextRun> = Vec::new();
    let n = atoms.len();
    for (i, a) in atoms.iter().enumerate() {
        if a.class == Class::Newline {
            continue;
        }
        let st = &spans[a.span];
        let advance = if i + 1 < n {
            xs[i + 1] - xs[i]
        } else if squeezed_end {
            a.width / 2.0
        } else {
            a.width
        };
        let g = PlacedGlyph {
            gid: a.glyph.gid,
            ch: a.ch,
            x: x0 + xs[i],
            advance,
        };
        match runs.last_mut() {
            Some(r)
                if r.font == a.glyph.font
                    && r.size == st.size
                    && r.color == st.color
                    && r.bold == st.bold =>
            {
                r.glyphs.push(g)
            }
            _ => runs.push(TextRun {
                font: a.glyph.font,
                size: st.size,
                baseline,
                color: st.color,
                bold: st.bold,
                glyphs: vec![g],
            }),
        }
    }
    // Spaces draw nothing; drop them (their room is in the positions).
    for r in &mut runs {
        r.glyphs.retain(|g| g.ch != ' ');
    }
    runs.retain(|r| !r.glyphs.is_empty());
    runs
}
