//! A page's content stream, written straight from the laid-out page with the
//! encoder of `pdf_ops`: one text object per run (absolute text matrix, one
//! character spacing for the run, TJ numbers only where a glyph's advance
//! deviates from it) and one stroked line per rule. Glyphs are given as
//! subset glyph ids (Identity-H).

use std::collections::BTreeMap;

use crate::layout::{Item, Page, TextRun};
use crate::write::pdf_font::Subset;
use crate::write::pdf_ops::Content;

/// The largest displacement of a glyph, in thousandths of an em, that a TJ
/// number is not written for (0.008 pt at 16 pt: far below what a printer or
/// a screen shows).
pub const TJ_TOLERANCE: f32 = 0.5;

/// A value rounded to a thousandth: content streams carry no more precision
/// than the layout means (and stay short).
pub fn milli(v: f32) -> f32 {
    (v * 1000.0).round() / 1000.0
}

fn rgb(c: [f32; 3]) -> [f32; 3] {
    c.map(milli)
}

/// What painting needs of each font the pages use: its resource name, and
/// for each glyph id of the original font the subset's glyph id and the
/// width the PDF's /W gives it, in tables indexed by glyph id (one lookup a
/// glyph, where the subset's maps are trees).
pub struct PageFonts {
    /// By index in the font set.
    fonts: Vec<Option<FontTable>>,
}

struct FontTable {
    resource: String,
    /// Subset glyph id by original glyph id (0, .notdef, for glyphs the
    /// subset does not have).
    code: Vec<u16>,
    /// Width in 1/1000 em, rounded as /W writes it, by original glyph id.
    width: Vec<f32>,
}

impl PageFonts {
    /// `resources` names each font (by its index in the font set) in the
    /// page's resources.
    pub fn new(
        subsets: &BTreeMap<usize, Subset>,
        resources: &BTreeMap<usize, String>,
    ) -> PageFonts {
        let mut fonts: Vec<Option<FontTable>> = Vec::new();
        for (&fi, sub) in subsets {
            let Some(resource) = resources.get(&fi) else {
                continue;
            };
            let len = sub
                .remap
                .keys()
                .next_back()
                .map_or(0, |g| usize::from(*g) + 1);
            let mut code = vec![0; len];
            let mut width = vec![0.0; len];
            for (&old, &new) in &sub.remap {
                code[usize::from(old)] = new;
            }
            for (&old, &w) in &sub.widths {
                if let Some(slot) = width.get_mut(usize::from(old)) {
                    *slot = w.round();
                }
            }
            if fonts.len() <= fi {
                fonts.resize_with(fi + 1, || None);
            }
            fonts[fi] = Some(FontTable {
                resource: resource.clone(),
                code,
                width,
            });
        }
        PageFonts { fonts }
    }
}

impl FontTable {
    fn code(&self, gid: u16) -> u16 {
        self.code.get(usize::from(gid)).copied().unwrap_or(0)
    }

    fn width(&self, gid: u16) -> f32 {
        self.width.get(usize::from(gid)).copied().unwrap_or(0.0)
    }
}

/// The content stream painting a page.
pub fn page_content(page: &Page, fonts: &PageFonts, page_h: f32, stroke_em: f32) -> Vec<u8> {
    // About what a run takes: its operators and six bytes a glyph.
    let size: usize = page
        .items
        .iter()
        .map(|item| match item {
            Item::Text(run) => 110 + 7 * run.glyphs.len(),
            _ => 80,
        })
        .sum();
    let mut c = Content::with_capacity(size);
    let mut scratch = Scratch::default();
    for item in &page.items {
        match item {
            Item::Text(run) => {
                let Some(Some(font)) = fonts.fonts.get(run.font) else {
                    continue;
                };
                text_run(&mut c, &mut scratch, run, font, page_h, stroke_em);
            }
            Item::Rule(r) => {
                c.save();
                c.stroke_rgb(rgb(r.color));
                c.line_width(milli(r.width));
                c.move_to(milli(r.x0), milli(page_h - r.y0));
                c.line_to(milli(r.x1), milli(page_h - r.y1));
                c.stroke();
                c.restore();
            }
            Item::Image(im) => crate::write::pdf_image::draw_image(&mut c, im, page_h),
        }
    }
    c.finish()
}

/// Buffers reused from run to run.
#[derive(Default)]
struct Scratch {
    deltas: Vec<f32>,
    sorted: Vec<i64>,
}

fn text_run(
    c: &mut Content,
    scratch: &mut Scratch,
    run: &TextRun,
    font: &FontTable,
    page_h: f32,
    stroke_em: f32,
) {
    let tc = spacing(run, font, scratch);
    c.begin_text();
    c.font(&font.resource, milli(run.size));
    c.fill_rgb(rgb(run.color));
    if run.bold {
        // Synthetic bold: fill and stroke the outline with a thin line.
        c.render_mode(2);
        c.stroke_rgb(rgb(run.color));
        c.line_width(milli(run.size * stroke_em));
    }
    let x0 = run.glyphs.first().map_or(0.0, |gl| gl.x);
    c.text_at(milli(x0), milli(page_h - run.baseline));
    // Tc belongs to the text state, which outlives the text object: every run
    // sets its own.
    c.char_spacing(tc);
    c.begin_show();
    // TJ number: (Tc − deviation) in 1/1000 em; the last glyph's too, so that
    // the run's end stands where the layout put it. Deviations smaller than
    // `TJ_TOLERANCE` (what rounding Tc to a thousandth of a point leaves) are
    // carried to the next glyph rather than written: no glyph strays from its
    // place by more than the tolerance, and most glyphs need no number.
    let mut carry = 0.0f32;
    for (gl, d) in run.glyphs.iter().zip(&scratch.deltas) {
        c.glyph(font.code(gl.gid));
        let v = (tc - d) * 1000.0 / run.size + carry;
        if v.abs() < TJ_TOLERANCE {
            carry = v;
        } else {
            let written = milli(v);
            carry = v - written;
            c.adjust(written);
        }
    }
    c.end_show();
    if run.bold {
        c.render_mode(0);
    }
    c.end_text();
}

/// A run's character spacing (Tc, points), leaving in `scratch.deltas` how
/// far the pen must move after each glyph beyond the glyph's width: the pen
/// must move from each glyph to the next by what the layout says; the most
/// common deviation from the glyph's width becomes Tc.
fn spacing(run: &TextRun, font: &FontTable, scratch: &mut Scratch) -> f32 {
    let n = run.glyphs.len();
    let deltas = &mut scratch.deltas;
    deltas.clear();
    deltas.extend(run.glyphs.iter().enumerate().map(|(i, gl)| {
        let next_x = if i + 1 < n {
            run.glyphs[i + 1].x
        } else {
            gl.x + gl.advance
        };
        let w = font.width(gl.gid) * run.size / 1000.0;
        next_x - gl.x - w
    }));
    let sorted = &mut scratch.sorted;
    sorted.clear();
    sorted.extend(deltas.iter().map(|d| (d * 1000.0).round() as i64));
    sorted.sort_unstable();
    let (mut best, mut best_n, mut k) = (0i64, 0usize, 0usize);
    while k < sorted.len() {
        let m = sorted[k..].iter().take_while(|x| **x == sorted[k]).count();
        if m > best_n {
            best = sorted[k];
            best_n = m;
        }
        k += m;
    }
    best as f32 / 1000.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fonts::{FontSet, Resolver};
    use crate::layout::Laid;
    use crate::style::Style;
    use lopdf::Object;

    /// The sample laid out with the bundled fonts, and each used font planned.
    fn sample() -> (Laid, BTreeMap<usize, Subset>, f32) {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let style = Style::default_style();
        let fonts = FontSet::load(
            &style,
            &mut Resolver::with(Vec::new(), vec![root.join("fonts")]),
        )
        .unwrap();
        let text = std::fs::read(root.join("examples/述责述廉报告.txt")).unwrap();
        let doc =
            crate::read::read_bytes(&text, std::path::Path::new("s.txt"), &Default::default())
                .unwrap();
        let laid = crate::layout::layout(&doc, &style, &fonts, false);
        let mut used: BTreeMap<usize, BTreeMap<u16, char>> = BTreeMap::new();
        for run in laid.pages.iter().flat_map(|p| p.runs()) {
            let m = used.entry(run.font).or_default();
            for g in &run.glyphs {
                m.entry(g.gid).or_insert(g.ch);
            }
        }
        let plans = used
            .iter()
            .map(|(&fi, glyphs)| (fi, crate::write::pdf_font::plan(&fonts.fonts()[fi], glyphs)))
            .collect();
        (laid, plans, style.geometry().page_h)
    }

    fn float(o: &Object) -> f32 {
        o.as_float().unwrap()
    }

    /// Glyphs as a PDF reader places them: (font resource, subset id, x, y).
    fn shown(
        stream: &[u8],
        widths: &BTreeMap<String, BTreeMap<u16, f32>>,
    ) -> Vec<(String, u16, f32, f32)> {
        let ops = lopdf::content::Content::decode(stream).unwrap().operations;
        let (mut font, mut size, mut tc, mut x, mut y) = (String::new(), 0.0, 0.0, 0.0, 0.0);
        let mut out = Vec::new();
        for op in ops {
            let o = &op.operands;
            match op.operator.as_str() {
                "Tf" => {
                    font = String::from_utf8(o[0].as_name().unwrap().to_vec()).unwrap();
                    size = float(&o[1]);
                }
                "Tc" => tc = float(&o[0]),
                "Tm" => {
                    assert_eq!(
                        o[..4].iter().map(float).collect::<Vec<_>>(),
                        [1.0, 0.0, 0.0, 1.0]
                    );
                    (x, y) = (float(&o[4]), float(&o[5]));
                }
                "TJ" => {
                    for e in o[0].as_array().unwrap() {
                        match e {
                            Object::String(b, _) => {
                                let gid = u16::from_be_bytes([b[0], b[1]]);
                                out.push((font.clone(), gid, x, y));
                                x += widths[&font][&gid] / 1000.0 * size + tc;
                            }
                            n => x -= float(n) / 1000.0 * size,
                        }
                    }
                }
                _ => {}
            }
        }
        out
    }

    #[test]
    fn every_glyph_stands_where_the_layout_put_it() {
        let (laid, plans, page_h) = sample();
        let names: BTreeMap<usize, String> =
            plans.keys().map(|fi| (*fi, format!("GW{fi}"))).collect();
        let fonts = PageFonts::new(&plans, &names);
        // Each font's widths by subset id, as its /W gives them.
        let widths: BTreeMap<String, BTreeMap<u16, f32>> = plans
            .iter()
            .map(|(fi, sub)| {
                let by_new = sub
                    .remap
                    .iter()
                    .map(|(old, new)| (*new, sub.widths[old].round()));
                (names[fi].clone(), by_new.collect())
            })
            .collect();
        let mut glyphs = 0;
        for page in &laid.pages {
            let stream = page_content(page, &fonts, page_h, 0.01);
            let placed = shown(&stream, &widths);
            let expected: Vec<_> = page
                .runs()
                .flat_map(|run| {
                    let sub = &plans[&run.font];
                    run.glyphs
                        .iter()
                        .map(move |gl| (run, sub.remap[&gl.gid], gl.x))
                })
                .collect();
            assert_eq!(placed.len(), expected.len());
            for ((font, gid, x, y), (run, want_gid, want_x)) in placed.iter().zip(&expected) {
                assert_eq!(font, &names[&run.font]);
                assert_eq!(*gid, want_gid.to_owned());
                assert!(
                    (y - (page_h - run.baseline)).abs() <= 0.001,
                    "{y} {}",
                    run.baseline
                );
                // A glyph strays by less than the tolerance (plus the
                // thousandths the numbers are written in).
                let slack = TJ_TOLERANCE / 1000.0 * run.size + 0.002;
                assert!(
                    (x - want_x).abs() <= slack,
                    "glyph at {x}, laid out at {want_x}"
                );
            }
            glyphs += placed.len();
        }
        assert!(glyphs > 2000, "the sample shows {glyphs} glyphs");
    }

    #[test]
    fn rules_are_stroked_lines_where_the_layout_put_them() {
        use crate::layout::Rule;
        let page = Page {
            items: vec![Item::Rule(Rule {
                x0: 79.37,
                y0: 100.25,
                x1: 521.0,
                y1: 100.25,
                width: 0.75,
                color: [1.0, 0.0, 0.0],
            })],
            number: None,
        };
        let none = PageFonts::new(&BTreeMap::new(), &BTreeMap::new());
        let stream = page_content(&page, &none, 842.0, 0.0);
        assert_eq!(
            String::from_utf8(stream).unwrap(),
            "q\n1 0 0 RG\n0.75 w\n79.37 741.75 m\n521 741.75 l\nS\nQ"
        );
    }
}
