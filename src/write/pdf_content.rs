//! A page's content stream, written straight from the laid-out page: one text
//! object per run (absolute text matrix, one character spacing for the run, TJ
//! numbers only where a glyph's advance deviates from it) and one stroked path
//! per rule. Glyphs are written as subset glyph ids (Identity-H).

use std::fmt::Write as _;

use crate::layout::{Item, Page, TextRun};
use crate::write::pdf_font::{num, Subset};

/// The content stream of a page; `resource` names a font (by its index in the
/// font set) in the page's resources.
pub fn page_content(
    page: &Page,
    subsets: &std::collections::BTreeMap<usize, Subset>,
    resource: impl Fn(usize) -> String,
    page_h: f32,
    stroke_em: f32,
) -> Vec<u8> {
    let mut s = String::with_capacity(4096);
    for item in &page.items {
        match item {
            Item::Text(run) => {
                let Some(sub) = subsets.get(&run.font) else {
                    continue;
                };
                text_run(&mut s, run, sub, &resource(run.font), page_h, stroke_em);
            }
            Item::Rule(r) => {
                let _ = writeln!(
                    s,
                    "q\n{} {} {} RG\n{} w\n{} {} m\n{} {} l\nS\nQ",
                    num(r.color[0]),
                    num(r.color[1]),
                    num(r.color[2]),
                    num(r.width),
                    num(r.x0),
                    num(page_h - r.y0),
                    num(r.x1),
                    num(page_h - r.y1),
                );
            }
        }
    }
    s.into_bytes()
}

fn text_run(s: &mut String, run: &TextRun, sub: &Subset, font: &str, page_h: f32, stroke_em: f32) {
    let (tc, nums) = spacing(run, sub);
    let [r, g, b] = run.color.map(num);
    let _ = writeln!(s, "BT\n/{font} {} Tf\n{r} {g} {b} rg", num(run.size));
    if run.bold {
        // Synthetic bold: fill and stroke the outline with a thin line.
        let _ = writeln!(s, "2 Tr\n{r} {g} {b} RG\n{} w", num(run.size * stroke_em));
    }
    let x0 = run.glyphs.first().map_or(0.0, |gl| gl.x);
    // Tc belongs to the text state, which outlives the text object: every run
    // sets its own.
    let _ = write!(
        s,
        "1 0 0 1 {} {} Tm\n{} Tc\n[<",
        num(x0),
        num(page_h - run.baseline),
        num(tc)
    );
    for (gl, n) in run.glyphs.iter().zip(nums) {
        let cid = sub.remap.get(&gl.gid).copied().unwrap_or(0);
        let _ = write!(s, "{cid:04X}");
        if n != 0.0 {
            let _ = write!(s, "> {} <", num(n));
        }
    }
    s.push_str(">] TJ\n");
    if run.bold {
        s.push_str("0 Tr\n");
    }
    s.push_str("ET\n");
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
    // the run's end stands where the layout put it.
    let nums: Vec<f32> = deltas
        .iter()
        .map(|d| {
            let v = ((tc - d) * 1000.0 / run.size * 1000.0).round() / 1000.0;
            if v.abs() < 0.001 {
                0.0
            } else {
                v
            }
        })
        .collect();
    (tc, nums)
}
