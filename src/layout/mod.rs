//! Layout for the PDF (and the SVG/PNG pages): the plan's pieces become lines
//! on the 22 × 28 grid, lines become pages, and every glyph gets an absolute
//! position. Driven by the plan and the style sheet only; the painters just
//! paint what comes out, and the DOCX borrows the pagination facts.
//!
//! `atoms` (characters → glyphs on the grid) → `line` (breaking, kinsoku) →
//! `flow` (lines onto pages) with `table` and `frame` (版头, 版记) →
//! `page_number`.

mod atoms;
mod flow;
mod foresee;
pub mod frame;
mod image;
pub mod line;
mod page_number;
mod table;
mod types;

pub use atoms::{is_invisible, parse_color};
use atoms::{Ctx, Para};
use flow::*;
pub use foresee::{foresee_glyphs, Foreseen};
use page_number::page_number;
pub use types::*;

use crate::compose::{Body, FirstLine, ImagePlan, Piece, Plan, TablePlan};
use crate::fonts::{FontReport, FontSet, Shaper};
use crate::model::Document;
use crate::style::{char_width, mm_to_pt, Align, Family, Geometry, Role, Style};

use line::{break_lines, Atom, Class, Kinsoku, Line};

/// Lay out a whole document (composed here; `lay_out` takes a plan).
pub fn layout(doc: &Document, style: &Style, fonts: &FontSet, seal: bool) -> Laid {
    let plan = crate::compose::compose(doc, style, seal);
    lay_out(&plan, style, fonts, 0.0)
}

/// Lay out a plan. `script_gap_em` is extra room between Han and Latin letters
/// or digits: 0 for our own layout; LibreOffice's gap to predict how it will
/// paginate our DOCX.
pub fn lay_out<'a>(plan: &'a Plan, style: &Style, fonts: &FontSet, script_gap_em: f32) -> Laid {
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
    // Each piece's atoms are made just before it is laid out (with the next
    // piece's, for keep-with-next) and dropped after: a long document never
    // holds every paragraph's atoms at once.
    let item_of = |ctx: &mut Ctx, piece: &'a Piece| match &piece.body {
        Body::Para(p) => FlowItem::Para(ctx.para_of(p, piece.settings)),
        Body::Table(t) => FlowItem::Table(t),
        Body::Image(im) => FlowItem::Image(im, piece.block),
    };
    let mut next = plan.pieces.first().map(|p| item_of(&mut ctx, p));
    for i in 0..plan.pieces.len() {
        let Some(item) = next.take() else { break };
        next = plan.pieces.get(i + 1).map(|p| item_of(&mut ctx, p));
        flow.current = i;
        let next_need = next.as_ref().map(|n| n.first_need(ctx.geo.pitch));
        match &item {
            FlowItem::Para(p) => flow.para(&mut ctx, p, next_need),
            FlowItem::Table(t) => flow.table(&mut ctx, t),
            FlowItem::Image(im, block) => flow.image(im, *block, next_need),
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
