//! Layout for the PDF: blocks become lines on the 22 × 28 grid, lines become
//! pages, and every glyph gets an absolute position. Driven by the style sheet
//! only; the writer just paints what comes out.

pub mod frame;
pub mod line;

use crate::compose::{Body, FirstLine, Piece, Plan, TablePlan};
use crate::fonts::{FontReport, FontSet, Shaper};
use crate::model::Document;
use crate::style::{char_width, mm_to_pt, Align, Family, Geometry, Role, Style};

use line::{break_lines, Atom, Class, Kinsoku, Line};

/// A glyph at its place on a line.
#[derive(Debug, Clone, PartialEq)]
pub struct PlacedGlyph {
    pub gid: u16,
    /// The character it stands for (copy and search give it back).
    pub ch: char,
    /// x of the glyph origin, points from the page's left edge.
    pub x: f32,
    /// The room it takes (the pen moves by this much).
    pub advance: f32,
}

/// Glyphs of one font and size on one baseline.
#[derive(Debug, Clone, PartialEq)]
pub struct TextRun {
    pub font: usize,
    pub size: f32,
    /// Baseline, points from the page's top edge.
    pub baseline: f32,
    pub color: [f32; 3],
    pub bold: bool,
    pub glyphs: Vec<PlacedGlyph>,
}

/// A straight rule, points from the page's top-left corner.
#[derive(Debug, Clone, PartialEq)]
pub struct Rule {
    pub x0: f32,
    pub y0: f32,
    pub x1: f32,
    pub y1: f32,
    pub width: f32,
    pub color: [f32; 3],
}

#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Text(TextRun),
    Rule(Rule),
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Page {
    pub items: Vec<Item>,
    /// The number printed at the foot, if any.
    pub number: Option<u32>,
}

impl Page {
    pub fn runs(&self) -> impl Iterator<Item = &TextRun> {
        self.items.iter().filter_map(|i| match i {
            Item::Text(t) => Some(t),
            Item::Rule(_) => None,
        })
    }
}

/// A bookmark: a heading, its level and where it stands.
#[derive(Debug, Clone, PartialEq)]
pub struct OutlineEntry {
    pub title: String,
    pub level: u8,
    pub page: usize,
    /// Top of the heading's first line, points from the page top.
    pub y: f32,
}

#[derive(Debug, Default)]
pub struct Laid {
    pub pages: Vec<Page>,
    /// Pages the body fills, before any blank page and the 版记's own page.
    pub body_pages: usize,
    /// When the 版记 stands at the foot of the body's last page: where that
    /// page begins, as a piece (index into `Plan::pieces`) and a byte offset
    /// in its text (0: the piece starts the page). `None` when the page begins
    /// with something the DOCX cannot break at (a table, carried lines, a
    /// paragraph the plan does not let be cut there).
    pub record_shares_page_from: Option<(usize, usize)>,
    /// Where the body (or the title) begins under a 版头, from the 版心's top:
    /// on a grid line.
    pub body_top: Option<f32>,
    pub outline: Vec<OutlineEntry>,
    pub report: FontReport,
}

/// How a run of text is set.
#[derive(Debug, Clone, PartialEq)]
pub struct SpanStyle {
    pub family: Family,
    pub size: f32,
    pub color: [f32; 3],
    pub bold: bool,
}

/// A paragraph ready for breaking: atoms and the geometry of its lines.
struct Para {
    /// A 署名 block: the page it lands on must also carry body text (7.3.5.5).
    needs_company: bool,
    /// Body text whose last lines may move to keep a 署名 company.
    is_body: bool,
    atoms: Vec<Atom>,
    spans: Vec<SpanStyle>,
    /// x of the first / following lines from the 版心's left edge.
    first_x: f32,
    rest_x: f32,
    first_measure: f32,
    rest_measure: f32,
    align: Align,
    pitch: f32,
    size: f32,
    space_before: f32,
    space_after: f32,
    keep_with_next: bool,
    page_break_before: bool,
    outline: Option<(u8, String)>,
    /// Lines were balanced (titles): centre every line.
    centre_all: bool,
    /// Extra runs placed on the paragraph's single line (印发日期 at the right).
    right_part: Option<(Vec<Atom>, usize)>,
}

pub fn parse_color(hex: &str) -> [f32; 3] {
    let h = hex.trim_start_matches('#');
    let v = |i: usize| {
        h.get(i..i + 2)
            .and_then(|s| u8::from_str_radix(s, 16).ok())
            .unwrap_or(0) as f32
            / 255.0
    };
    [v(0), v(2), v(4)]
}

/// Characters that take a full cell: Han, CJK and full-width punctuation, and the
/// marks Chinese fonts draw full width.
pub fn is_full_width(c: char) -> bool {
    let o = c as u32;
    matches!(o,
        0x4E00..=0x9FFF | 0x3400..=0x4DBF | 0x20000..=0x3FFFF | 0xF900..=0xFAFF | 0x3000..=0x303F
        | 0xFF01..=0xFF60 | 0xFFE0..=0xFFE6 | 0x2E80..=0x2FDF | 0x31C0..=0x31EF | 0x3200..=0x33FF
        | 0x2460..=0x24FF | 0xFE30..=0xFE4F)
        || "—―“”‘’…‥·※⸺⸻".contains(c)
}

/// Control characters and format marks (ZWJ, bidi embeddings, soft hyphen…):
/// nothing to draw and no room to take.
pub fn is_invisible(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{feff}' | '\u{ad}' | '\u{fe00}'..='\u{fe0f}')
}

struct Ctx<'a, 'f> {
    style: &'a Style,
    geo: Geometry,
    shaper: Shaper<'f>,
    kinsoku: Kinsoku,
    /// Extra room, in ems, between Han and Latin letters or digits: 0 for our
    /// own layout; LibreOffice's gap when predicting its pagination.
    script_gap_em: f32,
}

impl Ctx<'_, '_> {
    fn span_style(&self, r: &Role, family: Family, bold: bool) -> SpanStyle {
        SpanStyle {
            family,
            size: r.size_pt,
            color: parse_color(&r.color),
            bold,
        }
    }

    /// Atoms of text set in a span style; full-width characters take `cell`.
    /// Where the cell is narrower than the size (3号 on the 28-character grid),
    /// Latin letters and digits are tracked by the same amount, as the DOCX's run
    /// character spacing does in Word, so that both break lines alike.
    fn atoms(&mut self, text: &str, span: usize, st: &SpanStyle, cell: f32, out: &mut Vec<Atom>) {
        let force = &self.style.layout.force_full_width;
        let track = (cell - st.size).min(0.0);
        for ch in text.chars() {
            if ch == '\n' {
                out.push(Atom {
                    ch,
                    glyph: crate::fonts::Glyph {
                        font: 0,
                        gid: 0,
                        advance: 0.0,
                    },
                    span,
                    width: 0.0,
                    class: Class::Newline,
                });
                continue;
            }
            let c = if ch == '\t' { ' ' } else { ch };
            if is_invisible(c) {
                continue; // controls and format marks (ZWJ, bidi) take no room
            }
            let glyph = self.shaper.glyph(st.family, c);
            let (class, width) = if c == ' ' {
                (Class::Space, glyph.advance * st.size + track)
            } else if is_full_width(c) || force.contains(c) {
                (Class::FullWidth, cell)
            } else {
                (Class::Latin, glyph.advance * st.size + track)
            };
            let mut width = width;
            if self.script_gap_em > 0.0 {
                let gap = self.script_gap_em * st.size;
                let western =
                    |class: Class, ch: char| class == Class::Latin && ch.is_ascii_alphanumeric();
                match out.last_mut() {
                    Some(prev) if prev.class == Class::FullWidth && western(class, c) => {
                        width += gap
                    }
                    Some(prev) if western(prev.class, prev.ch) && class == Class::FullWidth => {
                        prev.width += gap
                    }
                    _ => {}
                }
            }
            out.push(Atom {
                ch: c,
                glyph,
                span,
                width,
                class,
            });
        }
    }

    /// Atoms of a paragraph's spans, each in its role's size, colour and cell.
    fn span_atoms(
        &mut self,
        content: &[crate::compose::Span],
        spans: &mut Vec<SpanStyle>,
        atoms: &mut Vec<Atom>,
    ) {
        for s in content {
            let cell = char_width(self.style, s.role);
            let st = self.span_style(s.role, s.family, s.bold);
            let idx = spans.iter().position(|x| *x == st).unwrap_or_else(|| {
                spans.push(st.clone());
                spans.len() - 1
            });
            self.atoms(&s.text, idx, &st, cell, atoms);
        }
    }

    /// A paragraph of the plan, ready for breaking: set in the role `r`.
    fn para_of(&mut self, p: &crate::compose::Para, r: &Role) -> Para {
        let mut spans = Vec::new();
        let mut atoms = Vec::new();
        self.span_atoms(&p.spans, &mut spans, &mut atoms);
        let ind = &p.indent;
        let text_w = self.geo.text_w;
        let (first_x, first_measure) = match ind.first {
            FirstLine::Indent(f) => (ind.left + f, text_w - ind.left - ind.right - f),
            FirstLine::Hanging(h) => {
                let x = ind.left - h;
                (x, text_w - ind.right - x)
            }
        };
        let mut para = Para {
            needs_company: p.signature,
            is_body: p.body_text,
            atoms,
            spans,
            first_x,
            rest_x: ind.left,
            first_measure,
            rest_measure: text_w - ind.left - ind.right,
            align: p.align,
            pitch: self.style.pitch(r),
            size: r.size_pt,
            space_before: p.space_before,
            space_after: p.space_after,
            keep_with_next: p.keep_with_next,
            page_break_before: p.page_break_before,
            outline: p.outline.clone(),
            centre_all: p.balanced,
            right_part: None,
        };
        if let Some(right) = &p.right {
            let mut atoms = Vec::new();
            let idx = para.spans.len();
            self.span_atoms(&right.spans, &mut para.spans, &mut atoms);
            let used: f32 = para.atoms.iter().chain(atoms.iter()).map(|a| a.width).sum();
            if right.spans.is_empty() || used <= para.rest_measure {
                // On one line: the left part set flush left, the right part
                // against the right edge.
                para.align = Align::Left;
                para.right_part = Some((atoms, idx));
            } else {
                // The two parts do not fit on one line: the whole line wraps.
                let whole = crate::compose::Para {
                    spans: right.whole.clone(),
                    right: None,
                    ..p.clone()
                };
                return self.para_of(&whole, r);
            }
        }
        para
    }

    /// A table cell's paragraph: no indents, the cell's measure.
    fn cell_para(&mut self, content: &[crate::compose::Span], r: &Role, measure: f32) -> Para {
        let mut spans = Vec::new();
        let mut atoms = Vec::new();
        self.span_atoms(content, &mut spans, &mut atoms);
        Para {
            needs_company: false,
            is_body: false,
            atoms,
            spans,
            first_x: 0.0,
            rest_x: 0.0,
            first_measure: measure,
            rest_measure: measure,
            align: r.align,
            pitch: self.style.pitch(r),
            size: r.size_pt,
            space_before: 0.0,
            space_after: 0.0,
            keep_with_next: false,
            page_break_before: false,
            outline: None,
            centre_all: false,
            right_part: None,
        }
    }
}

/// Lay out a whole document (composed here; `lay_out` takes a plan).
pub fn layout(doc: &Document, style: &Style, fonts: &FontSet, seal: bool) -> Laid {
    let plan = crate::compose::compose(doc, style, seal);
    lay_out(&plan, style, fonts, 0.0)
}

/// Lay out a plan. `script_gap_em` is extra room between Han and Latin letters
/// or digits: 0 for our own layout; LibreOffice's gap to predict how it will
/// paginate our DOCX.
pub fn lay_out(plan: &Plan, style: &Style, fonts: &FontSet, script_gap_em: f32) -> Laid {
    let mut ctx = Ctx {
        style,
        geo: style.geometry(),
        shaper: Shaper::new(fonts),
        kinsoku: Kinsoku::new(&style.layout),
        script_gap_em,
    };
    let mut flow = Flow::new(style);
    if let Some(mark) = &plan.head {
        frame::head(&mut ctx, &mut flow, plan.meta, mark);
    }
    let body_top = plan.framed().then_some(flow.y);
    let items: Vec<FlowItem> = plan
        .pieces
        .iter()
        .map(|piece| match &piece.body {
            Body::Para(p) => FlowItem::Para(ctx.para_of(p, piece.settings)),
            Body::Table(t) => FlowItem::Table(t),
        })
        .collect();
    for i in 0..items.len() {
        flow.current = i;
        let next_need = items.get(i + 1).map(|n| n.first_need());
        match &items[i] {
            FlowItem::Para(p) => flow.para(&mut ctx, p, next_need),
            FlowItem::Table(t) => flow.table(&mut ctx, t),
        }
    }
    let body_pages = flow.pages.len();
    let mut record_shares_page_from = None;
    if !plan.record.is_empty() {
        frame::record(&mut ctx, &mut flow, &plan.record, plan.format);
        if flow.pages.len() == body_pages {
            record_shares_page_from = flow
                .page_starts
                .get(body_pages - 1)
                .copied()
                .flatten()
                .and_then(|(item, atom)| page_cut(&plan.pieces[item], item, atom));
        }
    }
    let outline = std::mem::take(&mut flow.outline);
    let unnumbered = std::mem::take(&mut flow.unnumbered);
    let mut pages = flow.finish();
    for (i, page) in pages.iter_mut().enumerate() {
        if unnumbered.contains(&i) {
            continue;
        }
        let n = i as u32 + 1;
        page.number = Some(n);
        page_number(&mut ctx, page, n);
    }
    Laid {
        pages,
        body_pages,
        record_shares_page_from,
        body_top,
        outline,
        report: std::mem::take(&mut ctx.shaper.report),
    }
}

/// Where a page that begins at `atom` of piece `index` begins, as the DOCX can
/// start a section there: before the piece, or inside it where the plan allows
/// a cut.
fn page_cut(piece: &Piece, index: usize, atom: usize) -> Option<(usize, usize)> {
    if atom == 0 {
        return Some((index, 0));
    }
    let para = piece.para()?;
    let off = byte_offset_of_atom(&para.text(), atom)?;
    (para.cut_from? <= off && off > 0).then_some((index, off))
}

/// The byte offset in a paragraph's text of its `atom`-th atom (atoms skip
/// invisible characters; see `Ctx::atoms`).
fn byte_offset_of_atom(text: &str, atom: usize) -> Option<usize> {
    let mut n = 0;
    for (i, ch) in text.char_indices() {
        if n == atom {
            return Some(i);
        }
        let c = if ch == '\t' { ' ' } else { ch };
        if ch == '\n' || !is_invisible(c) {
            n += 1;
        }
    }
    (n == atom).then_some(text.len())
}

enum FlowItem<'a> {
    Para(Para),
    Table(&'a TablePlan<'a>),
}

impl FlowItem<'_> {
    /// Room the item's first line needs (for keep-with-next).
    fn first_need(&self) -> f32 {
        match self {
            FlowItem::Para(p) => p.space_before + p.pitch,
            FlowItem::Table(_) => 0.0,
        }
    }
}

/// A table row laid out: each cell's paragraph and lines, and the row's height.
type LaidRow = (Vec<(Para, Vec<Line>)>, f32);

/// Where a line of body text went: its page, its items, its box.
#[derive(Debug, Clone, Copy)]
struct PlacedLine {
    page: usize,
    first_item: usize,
    top: f32,
    pitch: f32,
}

/// Vertical flow: lines onto pages.
struct Flow<'a> {
    style: &'a Style,
    geo: Geometry,
    pages: Vec<Page>,
    /// Distance from the 版心's top to the next free line box.
    y: f32,
    outline: Vec<OutlineEntry>,
    /// Pages that carry no page number (blank pages before the 版记, the 版记 page).
    unnumbered: Vec<usize>,
    /// The lines of the body text placed since the last non-body block.
    last_body: Vec<PlacedLine>,
    /// The flow item being placed.
    current: usize,
    /// Per page, where its first line comes from: the flow item and the atom
    /// its line starts at; `None` where that cannot be told (a table, lines
    /// carried over with a 署名).
    page_starts: Vec<Option<(usize, usize)>>,
}

const EPS: f32 = 0.05;

impl<'a> Flow<'a> {
    fn new(style: &'a Style) -> Flow<'a> {
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

    fn at_top(&self) -> bool {
        self.y <= EPS
    }

    fn new_page(&mut self) {
        self.pages.push(Page::default());
        self.y = 0.0;
    }

    fn room(&self) -> f32 {
        self.geo.text_h - self.y
    }

    fn page(&mut self) -> &mut Page {
        self.pages.last_mut().expect("there is always a page")
    }

    /// Baseline of a line box of `pitch` whose top is at `y`: the em box centred.
    fn baseline(&self, y: f32, pitch: f32, size: f32) -> f32 {
        self.geo.top + y + (pitch - size) / 2.0 + self.style.layout.em_ascent * size
    }

    /// Return to the grid after something of another height (a table).
    fn snap_to_grid(&mut self) {
        let g = self.geo.pitch;
        let snapped = ((self.y - EPS) / g).ceil() * g;
        self.y = snapped.max(0.0);
        if self.y > self.geo.text_h - g + EPS {
            self.new_page();
        }
    }

    fn para(&mut self, ctx: &mut Ctx, p: &Para, next_need: Option<f32>) {
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
    fn carry_body_lines(&mut self, n: usize) {
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

    fn page_is_empty(&self) -> bool {
        self.pages.last().is_none_or(|p| p.items.is_empty())
    }

    /// Note where the current page's first line comes from (once per page).
    fn note_page_start(&mut self, start: Option<(usize, usize)>) {
        let page = self.pages.len() - 1;
        if self.page_starts.len() <= page {
            self.page_starts.resize(page + 1, None);
            self.page_starts[page] = start;
        }
    }

    fn table(&mut self, ctx: &mut Ctx, t: &TablePlan) {
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

    fn finish(mut self) -> Vec<Page> {
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
fn right_part_runs(p: &Para, left: f32, baseline: f32) -> Vec<TextRun> {
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
fn runs_of(
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

/// `— N —` per 7.5: 4号, the dashes one em, its top 7 mm below the 版心, odd pages
/// right and even pages left with a 1 字 inset.
fn page_number(ctx: &mut Ctx, page: &mut Page, n: u32) {
    let style = ctx.style;
    let r = &style.roles.page_number;
    let pn = &style.page_number;
    let size = r.size_pt;
    let st = SpanStyle {
        family: r.font,
        size,
        color: parse_color(&r.color),
        bold: false,
    };
    let text = format!("{}{}{}{}{}", pn.dash, pn.dash_gap, n, pn.dash_gap, pn.dash);
    let mut atoms = Vec::new();
    ctx.atoms(&text, 0, &st, size, &mut atoms);
    let mut xs = Vec::new();
    let mut w = 0.0;
    for a in &atoms {
        xs.push(w);
        w += a.width;
    }
    let g = ctx.geo;
    let inset = pn.inset_chars * size;
    let x = if n % 2 == 1 {
        g.left + g.text_w - inset - w
    } else {
        g.left + inset
    };
    let baseline = g.top + g.text_h + mm_to_pt(pn.below_text_mm) + style.layout.em_ascent * size;
    let runs = runs_of(&atoms, &xs, x, baseline, std::slice::from_ref(&st), false);
    page.items.extend(runs.into_iter().map(Item::Text));
}
