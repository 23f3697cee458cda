//! A page's content as printpdf operations, straight from the laid-out page:
//! one text object per run (absolute text matrix, one character spacing for
//! the run, TJ numbers only where a glyph's advance deviates from it) and one
//! stroked line per rule. Glyphs are given as subset glyph ids (Identity-H);
//! printpdf encodes the operations into the content stream.

use printpdf::{
    Codepoint, Color, FontId, Line, LinePoint, Op, PdfFontHandle, Point, Pt, Rgb, TextItem,
    TextMatrix, TextRenderingMode,
};

use crate::layout::{Item, Page, TextRun};
use crate::write::pdf_font::Subset;

/// The largest displacement of a glyph, in thousandths of an em, that a TJ
/// number is not written for (0.008 pt at 16 pt: far below what a printer or
/// a screen shows).
const TJ_TOLERANCE: f32 = 0.5;

/// A value rounded to a thousandth: content streams carry no more precision
/// than the layout means (and stay short).
fn milli(v: f32) -> f32 {
    (v * 1000.0).round() / 1000.0
}

fn rgb(c: [f32; 3]) -> Color {
    Color::Rgb(Rgb {
        r: milli(c[0]),
        g: milli(c[1]),
        b: milli(c[2]),
        icc_profile: None,
    })
}

/// The operations painting a page; `resource` names a font (by its index in
/// the font set) in the page's resources.
pub fn page_ops(
    page: &Page,
    subsets: &std::collections::BTreeMap<usize, Subset>,
    resource: impl Fn(usize) -> String,
    page_h: f32,
    stroke_em: f32,
) -> Vec<Op> {
    let mut ops = Vec::with_capacity(page.items.len() * 8);
    for item in &page.items {
        match item {
            Item::Text(run) => {
                let Some(sub) = subsets.get(&run.font) else {
                    continue;
                };
                text_run(&mut ops, run, sub, resource(run.font), page_h, stroke_em);
            }
            Item::Rule(r) => {
                let point = |x: f32, y: f32| LinePoint {
                    p: Point {
                        x: Pt(milli(x)),
                        y: Pt(milli(page_h - y)),
                    },
                    bezier: false,
                };
                ops.push(Op::SaveGraphicsState);
                ops.push(Op::SetOutlineColor { col: rgb(r.color) });
                ops.push(Op::SetOutlineThickness {
                    pt: Pt(milli(r.width)),
                });
                ops.push(Op::DrawLine {
                    line: Line {
                        points: vec![point(r.x0, r.y0), point(r.x1, r.y1)],
                        is_closed: false,
                    },
                });
                ops.push(Op::RestoreGraphicsState);
            }
            Item::Image(im) => ops.push(crate::write::pdf_image::image_op(im, page_h, milli)),
        }
    }
    ops
}

fn text_run(
    ops: &mut Vec<Op>,
    run: &TextRun,
    sub: &Subset,
    font: String,
    page_h: f32,
    stroke_em: f32,
) {
    let (tc, nums) = spacing(run, sub);
    ops.push(Op::StartTextSection);
    ops.push(Op::SetFont {
        font: PdfFontHandle::External(FontId(font)),
        size: Pt(milli(run.size)),
    });
    ops.push(Op::SetFillColor {
        col: rgb(run.color),
    });
    if run.bold {
        // Synthetic bold: fill and stroke the outline with a thin line.
        ops.push(Op::SetTextRenderingMode {
            mode: TextRenderingMode::FillStroke,
        });
        ops.push(Op::SetOutlineColor {
            col: rgb(run.color),
        });
        ops.push(Op::SetOutlineThickness {
            pt: Pt(milli(run.size * stroke_em)),
        });
    }
    let x0 = run.glyphs.first().map_or(0.0, |gl| gl.x);
    ops.push(Op::SetTextMatrix {
        matrix: TextMatrix::Translate(Pt(milli(x0)), Pt(milli(page_h - run.baseline))),
    });
    // Tc belongs to the text state, which outlives the text object: every run
    // sets its own.
    ops.push(Op::SetCharacterSpacing { multiplier: tc });
    let glyphs = run
        .glyphs
        .iter()
        .zip(nums)
        .map(|(gl, offset)| Codepoint {
            gid: sub.remap.get(&gl.gid).copied().unwrap_or(0),
            offset,
            cid: None,
        })
        .collect();
    ops.push(Op::ShowText {
        items: vec![TextItem::GlyphIds(glyphs)],
    });
    if run.bold {
        ops.push(Op::SetTextRenderingMode {
            mode: TextRenderingMode::Fill,
        });
    }
    ops.push(Op::EndTextSection);
}

/// A run's character spacing (Tc, points) and the TJ number after each glyph
/// (1/1000 em): the pen must move from each glyph to the next by what the
/// layout says; the most common deviation from the glyph's width becomes Tc.
fn spacing(run: &TextRun, sub: &Subset) -> (f32, Vec<f32>) {
    let n = run.glyphs.len();
    let deltas: Vec<f32> = run
        .glyphs
        .iter()
        .enumerate()
        .map(|(i, gl)| {
            let next_x = if i + 1 < n {
                run.glyphs[i + 1].x
            } else {
                gl.x + gl.advance
            };
            let w = sub.widths.get(&gl.gid).copied().unwrap_or(0.0).round() * run.size / 1000.0;
            next_x - gl.x - w
        })
        .collect();
    let mut sorted: Vec<i64> = deltas.iter().map(|d| (d * 1000.0).round() as i64).collect();
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
    let tc = best as f32 / 1000.0;
    // TJ number: (Tc − deviation) in 1/1000 em; the last glyph's too, so that
    // the run's end stands where the layout put it. Deviations smaller than
    // `TJ_TOLERANCE` (what rounding Tc to a thousandth of a point leaves) are
    // carried to the next glyph rather than written: no glyph strays from its
    // place by more than the tolerance, and most glyphs need no number.
    let mut carry = 0.0f32;
    let nums: Vec<f32> = deltas
        .iter()
        .map(|d| {
            let v = (tc - d) * 1000.0 / run.size + carry;
            if v.abs() < TJ_TOLERANCE {
                carry = v;
                0.0
            } else {
                let written = milli(v);
                carry = v - written;
                written
            }
        })
        .collect();
    (tc, nums)
}
