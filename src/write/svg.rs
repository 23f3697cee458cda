//! The SVG painter: the laid-out pages as pictures, one SVG per page.
//!
//! It paints the same positioned glyphs the PDF writer gets from the layout, so
//! that a preview shows what prints. Each glyph is drawn from its font's own
//! outline (ttf-parser), written once per page as a path in font units under
//! `<defs>` and placed by `<use>` with the run's size; nothing depends on the
//! fonts the viewer has. Rules are lines; fake bold is the PDF's fill-and-stroke.
//! Coordinates are points from the page's top-left corner, as in the layout.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use crate::fonts::FontSet;
use crate::layout::{Item, Page};
use crate::style::Style;

/// One standalone SVG document per page.
pub fn paint_pages(pages: &[Page], style: &Style, fonts: &FontSet) -> Vec<String> {
    pages
        .iter()
        .enumerate()
        .map(|(i, p)| paint_page(p, i + 1, style, fonts))
        .collect()
}

/// A number in SVG: at most three decimals (a thousandth of a point is far below
/// a device pixel), no trailing zeros, never `-0`.
fn num(out: &mut String, v: f32) {
    let r = (v as f64 * 1000.0).round() / 1000.0;
    let r = if r == 0.0 { 0.0 } else { r };
    let _ = write!(out, "{r}");
}

fn hex(c: [f32; 3]) -> String {
    let b = |v: f32| (v.clamp(0.0, 1.0) * 255.0).round() as u8;
    format!("#{:02x}{:02x}{:02x}", b(c[0]), b(c[1]), b(c[2]))
}

/// The outline of a glyph as path data, in font units (y up).
struct PathData(String);

impl ttf_parser::OutlineBuilder for PathData {
    fn move_to(&mut self, x: f32, y: f32) {
        self.0.push('M');
        self.pair(x, y);
    }
    fn line_to(&mut self, x: f32, y: f32) {
        self.0.push('L');
        self.pair(x, y);
    }
    fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
        self.0.push('Q');
        self.pair(x1, y1);
        self.0.push(' ');
        self.pair(x, y);
    }
    fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
        self.0.push('C');
        self.pair(x1, y1);
        self.0.push(' ');
        self.pair(x2, y2);
        self.0.push(' ');
        self.pair(x, y);
    }
    fn close(&mut self) {
        self.0.push('Z');
    }
}

impl PathData {
    fn pair(&mut self, x: f32, y: f32) {
        num(&mut self.0, x);
        self.0.push(' ');
        num(&mut self.0, y);
    }
}

/// The id of a glyph's outline on page `page`: unique across pages, so that
/// several pages can stand inline in one HTML document.
fn glyph_id(page: usize, font: usize, gid: u16) -> String {
    format!("p{page}f{font}g{gid}")
}

fn paint_page(page: &Page, number: usize, style: &Style, fonts: &FontSet) -> String {
    let g = style.geometry();
    let stroke_em = style.layout.fake_bold_stroke_em;
    // The outlines this page needs, by font; glyphs with no outline (spaces)
    // are left out and not drawn.
    let mut used: BTreeMap<usize, BTreeSet<u16>> = BTreeMap::new();
    for run in page.runs() {
        used.entry(run.font)
            .or_default()
            .extend(run.glyphs.iter().map(|gl| gl.gid));
    }
    let mut defs = String::new();
    let mut drawn: BTreeSet<(usize, u16)> = BTreeSet::new();
    let mut upem: BTreeMap<usize, f32> = BTreeMap::new();
    for (&fi, gids) in &used {
        let face = fonts.fonts()[fi].face();
        upem.insert(fi, face.units_per_em().max(1) as f32);
        for &gid in gids {
            let mut d = PathData(String::new());
            if face
                .outline_glyph(ttf_parser::GlyphId(gid), &mut d)
                .is_some()
            {
                let _ = write!(
                    defs,
                    "<path id=\"{}\" d=\"{}\"/>",
                    glyph_id(number, fi, gid),
                    d.0
                );
                drawn.insert((fi, gid));
            }
        }
    }

    let mut s = String::with_capacity(defs.len() * 2 + 1024);
    s.push_str("<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" width=\"");
    num(&mut s, g.page_w);
    s.push_str("pt\" height=\"");
    num(&mut s, g.page_h);
    s.push_str("pt\" viewBox=\"0 0 ");
    num(&mut s, g.page_w);
    s.push(' ');
    num(&mut s, g.page_h);
    s.push_str("\">");
    let _ = write!(s, "<defs>{defs}</defs>");
    s.push_str("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>");
    for item in &page.items {
        match item {
            Item::Text(run) => {
                let units = upem.get(&run.font).copied().unwrap_or(1000.0);
                let scale = run.size / units;
                let color = hex(run.color);
                let _ = write!(s, "<g fill=\"{color}\"");
                if run.bold {
                    // The stroke is drawn in the glyph's own units (the `use`
                    // scales it): the PDF's width of size × stroke_em points.
                    s.push_str(" stroke=\"");
                    s.push_str(&color);
                    s.push_str("\" stroke-miterlimit=\"10\" stroke-width=\"");
                    num(&mut s, stroke_em * units);
                    s.push('"');
                }
                s.push('>');
                for gl in &run.glyphs {
                    if !drawn.contains(&(run.font, gl.gid)) {
                        continue;
                    }
                    let _ = write!(
                        s,
                        "<use xlink:href=\"#{}\" transform=\"matrix(",
                        glyph_id(number, run.font, gl.gid)
                    );
                    num(&mut s, scale);
                    s.push_str(" 0 0 ");
                    num(&mut s, -scale);
                    s.push(' ');
                    num(&mut s, gl.x);
                    s.push(' ');
                    num(&mut s, run.baseline);
                    s.push_str(")\"/>");
                }
                s.push_str("</g>");
            }
            Item::Rule(r) => {
                s.push_str("<line x1=\"");
                num(&mut s, r.x0);
                s.push_str("\" y1=\"");
                num(&mut s, r.y0);
                s.push_str("\" x2=\"");
                num(&mut s, r.x1);
                s.push_str("\" y2=\"");
                num(&mut s, r.y1);
                s.push_str("\" stroke=\"");
                s.push_str(&hex(r.color));
                s.push_str("\" stroke-width=\"");
                num(&mut s, r.width);
                s.push_str("\"/>");
            }
            Item::Image(im) => image(&mut s, im),
        }
    }
    s.push_str("</svg>\n");
    s
}

/// A picture as `<image>` with its bytes in a data URI, stretched to the
/// place the layout gave it (the layout kept its proportions).
fn image(s: &mut String, im: &crate::layout::PlacedImage) {
    use base64::Engine as _;
    s.push_str("<image x=\"");
    num(s, im.x);
    s.push_str("\" y=\"");
    num(s, im.y);
    s.push_str("\" width=\"");
    num(s, im.width);
    s.push_str("\" height=\"");
    num(s, im.height);
    let _ = write!(
        s,
        "\" preserveAspectRatio=\"none\" xlink:href=\"data:{};base64,",
        im.image.format.mime()
    );
    base64::engine::general_purpose::STANDARD.encode_string(&im.image.data, s);
    s.push_str("\"/>");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_short_and_never_negative_zero() {
        let mut s = String::new();
        for v in [1.0, 0.5, -0.0001, 12.34567, 595.2756] {
            num(&mut s, v);
            s.push(',');
        }
        assert_eq!(s, "1,0.5,0,12.346,595.276,");
    }

    #[test]
    fn colours_are_hex() {
        assert_eq!(hex([1.0, 0.0, 0.0]), "#ff0000");
        assert_eq!(hex([0.0, 0.0, 0.0]), "#000000");
    }
}
