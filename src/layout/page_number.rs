//! Page numbers (7.5).

use super::*;

/// `— N —` per 7.5: 4号, the dashes one em, its top 7 mm below the 版心, odd pages
/// right and even pages left with a 1 字 inset.
pub(super) fn page_number(ctx: &mut Ctx, page: &mut Page, n: u32) {
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
