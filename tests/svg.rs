//! The SVG painter and the PNG preview: the same pages and the same glyph
//! positions as the PDF, one file per page from the command line, and pictures
//! that look like the PDF rasterised by poppler.

mod support;

use std::process::Command;

use gongwen::style::Style;
use support::pdfread::{glyphs, GlyphPos};

const SAMPLE: &str = include_str!("../examples/述责述廉报告.txt");
const NOTICE: &str = include_str!("fixtures/tongzhi.txt");
const TIMESTAMP: i64 = 1_709_251_200;

/// A glyph drawn in an SVG page: where its origin stands and its fill.
#[derive(Debug, Clone, PartialEq)]
struct Used {
    x: f32,
    baseline: f32,
    color: String,
}

fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    let len = tag[start..].find('"')?;
    Some(&tag[start..start + len])
}

/// Every `<use>` of a page, with the fill of the group around it.
fn uses(svg: &str) -> Vec<Used> {
    let mut out = Vec::new();
    let mut fill = String::new();
    for tag in svg.split('<').skip(1) {
        if tag.starts_with("g ") {
            fill = attr(tag, "fill").unwrap_or_default().to_string();
        } else if tag.starts_with("use ") {
            let m = attr(tag, "transform").unwrap();
            let nums: Vec<f32> = m
                .trim_start_matches("matrix(")
                .trim_end_matches(')')
                .split(' ')
                .map(|n| n.parse().unwrap())
                .collect();
            assert_eq!(nums.len(), 6, "{m}");
            assert!(nums[0] > 0.0 && nums[3] == -nums[0], "upright glyphs: {m}");
            out.push(Used {
                x: nums[4],
                baseline: nums[5],
                color: fill.clone(),
            });
        }
    }
    out
}

fn pages_of(src: &str, name: &str) -> (Vec<String>, Vec<u8>) {
    let style = Style::default_style();
    let doc = support::read(src, name);
    let fonts = support::bundled_fonts(&style);
    let mut w = gongwen::convert::write_options(&doc, &style, None, None, None);
    w.timestamp = TIMESTAMP;
    use gongwen::convert::{render_all, Target};
    let (mut files, _) = render_all(
        &doc,
        &style,
        &w,
        &[Target::Svg, Target::Pdf],
        Some(&fonts),
        96.0,
    )
    .unwrap();
    let pdf = files.pop().unwrap().pop().unwrap();
    let svg = files
        .pop()
        .unwrap()
        .into_iter()
        .map(|b| String::from_utf8(b).unwrap())
        .collect();
    (svg, pdf)
}

fn hex(c: [f32; 3]) -> String {
    let b = |v: f32| (v * 255.0).round() as u8;
    format!("#{:02x}{:02x}{:02x}", b(c[0]), b(c[1]), b(c[2]))
}

fn by_position(mut v: Vec<(f32, f32, String)>) -> Vec<(f32, f32, String)> {
    v.sort_by(|a, b| a.1.total_cmp(&b.1).then(a.0.total_cmp(&b.0)));
    v
}

#[test]
fn every_glyph_stands_where_the_pdf_puts_it() {
    for (src, name) in [(SAMPLE, "sample.txt"), (NOTICE, "tongzhi.txt")] {
        let (svg, pdf) = pages_of(src, name);
        let pdf_pages = glyphs(&pdf);
        assert_eq!(svg.len(), pdf_pages.len(), "{name}: page count");
        assert!(svg.len() > 1, "{name}: the sample runs over pages");
        for (n, (page, pdf_page)) in svg.iter().zip(&pdf_pages).enumerate() {
            // Spaces have no outline: the PDF places them, the SVG has nothing to draw.
            let inked: Vec<&GlyphPos> = pdf_page
                .iter()
                .filter(|g| !g.text.trim().is_empty())
                .collect();
            let want = by_position(
                inked
                    .iter()
                    .map(|g| (g.x, g.baseline, hex(g.color)))
                    .collect(),
            );
            let got = by_position(
                uses(page)
                    .into_iter()
                    .map(|u| (u.x, u.baseline, u.color))
                    .collect(),
            );
            assert_eq!(got.len(), want.len(), "{name} page {}: glyph count", n + 1);
            for (g, w) in got.iter().zip(&want) {
                assert!(
                    (g.0 - w.0).abs() < 0.01 && (g.1 - w.1).abs() < 0.01,
                    "{name} page {}: SVG glyph at {g:?}, PDF at {w:?}",
                    n + 1
                );
                assert_eq!(g.2, w.2, "{name} page {}: colour at {g:?}", n + 1);
            }
        }
    }
}

#[test]
fn the_notice_keeps_its_red_rule_and_red_mark() {
    let (svg, pdf) = pages_of(NOTICE, "tongzhi.txt");
    let rules = support::pdfread::strokes(&pdf);
    let first = &svg[0];
    let lines = first.matches("<line ").count();
    assert_eq!(lines, rules[0].len(), "one line per PDF rule");
    assert!(lines >= 1, "the 版头's red rule");
    let red = uses(first).iter().filter(|u| u.color != "#000000").count();
    assert!(red > 0, "the red 发文机关标志 is drawn in red");
}

#[test]
fn same_input_same_pictures() {
    let (a, _) = pages_of(SAMPLE, "sample.txt");
    let (b, _) = pages_of(SAMPLE, "sample.txt");
    assert_eq!(a, b);
}

fn have(tool: &str) -> bool {
    Command::new("sh")
        .args(["-c", &format!("command -v {tool}")])
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Dark pixels of a PNG (alpha-blended over white).
fn ink(png: &[u8]) -> (u32, u32, Vec<bool>) {
    let p = resvg::tiny_skia::Pixmap::decode_png(png).unwrap();
    let mask = p
        .pixels()
        .iter()
        .map(|c| {
            let c = c.demultiply();
            let a = c.alpha() as u32;
            let lum = (c.red() as u32 * 3 + c.green() as u32 * 6 + c.blue() as u32) / 10;
            // Over white: lum·a + 255·(1 − a).
            (lum * a + 255 * (255 - a)) / 255 < 128
        })
        .collect();
    (p.width(), p.height(), mask)
}

/// Share of `a`'s ink pixels with ink in `b` within one pixel.
fn covered(w: u32, h: u32, a: &[bool], b: &[bool]) -> f64 {
    let (mut n, mut hit) = (0usize, 0usize);
    for y in 0..h as i64 {
        for x in 0..w as i64 {
            if !a[(y * w as i64 + x) as usize] {
                continue;
            }
            n += 1;
            let near = (-1..=1).any(|dy| {
                (-1..=1).any(|dx| {
                    let (xx, yy) = (x + dx, y + dy);
                    xx >= 0
                        && yy >= 0
                        && xx < w as i64
                        && yy < h as i64
                        && b[(yy * w as i64 + xx) as usize]
                })
            });
            hit += near as usize;
        }
    }
    hit as f64 / n.max(1) as f64
}

#[test]
fn command_line_writes_one_picture_per_page_that_looks_like_the_pdf() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("通知.txt");
    std::fs::write(&input, NOTICE).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_gongwen"))
        .args(["convert", "--to", "pdf,svg,png", "--dpi", "150"])
        .arg(&input)
        .env("SOURCE_DATE_EPOCH", TIMESTAMP.to_string())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let pdf = std::fs::read(dir.path().join("通知.pdf")).unwrap();
    let pages = glyphs(&pdf).len();
    for ext in ["svg", "png"] {
        for n in 1..=pages {
            let p = dir.path().join(format!("通知-{n}.{ext}"));
            assert!(p.is_file(), "{} written", p.display());
        }
        assert!(
            !dir.path()
                .join(format!("通知-{}.{ext}", pages + 1))
                .exists(),
            "no {ext} beyond the PDF's {pages} pages"
        );
    }
    // A4 (210 × 297 mm) at 150 dpi.
    let png1 = std::fs::read(dir.path().join("通知-1.png")).unwrap();
    let (w, h, svg_ink) = ink(&png1);
    assert!(
        (w as i32 - 1240).abs() <= 1 && (h as i32 - 1754).abs() <= 1,
        "{w}×{h}"
    );
    if !have("pdftoppm") {
        eprintln!("SKIPPED the comparison with the PDF: pdftoppm not installed (apt-get install poppler-utils)");
        return;
    }
    let prefix = dir.path().join("poppler");
    let st = Command::new("pdftoppm")
        .args(["-png", "-r", "150", "-f", "1", "-l", "1", "-singlefile"])
        .arg(dir.path().join("通知.pdf"))
        .arg(&prefix)
        .status()
        .unwrap();
    assert!(st.success());
    let (pw, ph, pdf_ink) = ink(&std::fs::read(prefix.with_extension("png")).unwrap());
    assert!((pw as i32 - w as i32).abs() <= 1 && (ph as i32 - h as i32).abs() <= 1);
    let (cw, ch) = (w.min(pw), h.min(ph));
    let crop = |m: &[bool], mw: u32| -> Vec<bool> {
        (0..ch)
            .flat_map(|y| (0..cw).map(move |x| (x, y)))
            .map(|(x, y)| m[(y * mw + x) as usize])
            .collect()
    };
    let (a, b) = (crop(&svg_ink, w), crop(&pdf_ink, pw));
    let inked = a.iter().filter(|x| **x).count();
    assert!(inked > 2000, "the page has text: {inked} dark pixels");
    let svg_in_pdf = covered(cw, ch, &a, &b);
    let pdf_in_svg = covered(cw, ch, &b, &a);
    eprintln!("ink shared with poppler's picture: {svg_in_pdf:.4} / {pdf_in_svg:.4}");
    // poppler snaps glyph origins to a quarter pixel and anti-aliases its own
    // way: edges may differ by a pixel, shapes and places may not.
    assert!(
        svg_in_pdf > 0.98 && pdf_in_svg > 0.98,
        "the PNG matches poppler's picture of the PDF: {svg_in_pdf:.3} / {pdf_in_svg:.3}"
    );
}
