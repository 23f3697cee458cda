//! The biggest font program started before the layout (`layout::foresee_glyphs`,
//! `convert::render_all`): the forecast is the glyphs the pages draw, for every
//! example and real draft, and the PDF is the same bytes whether the forecast
//! was right, wrong or not made.

mod support;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use gongwen::style::Style;
use gongwen::testing::compose::compose;
use gongwen::testing::layout::{foresee_glyphs, lay_out, Laid};
use gongwen::testing::write::pdf::{write_pdf, EarlyProgram};
use gongwen::testing::write::pdf_font::program;

/// Every example and every real draft copied from the corpus.
fn drafts() -> Vec<PathBuf> {
    let mut out = Vec::new();
    for dir in ["examples", "tests/fixtures/corpus", "tests/fixtures"] {
        let rd = std::fs::read_dir(support::root().join(dir)).unwrap();
        out.extend(
            rd.flatten()
                .map(|e| e.path())
                .filter(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("txt" | "md"))),
        );
    }
    out.sort();
    assert!(out.len() >= 19, "drafts found: {out:?}");
    out
}

/// Per font, the glyph ids the laid-out pages draw.
fn drawn(laid: &Laid) -> BTreeMap<usize, BTreeSet<u16>> {
    let mut out: BTreeMap<usize, BTreeSet<u16>> = BTreeMap::new();
    for page in &laid.pages {
        for run in page.runs() {
            out.entry(run.font)
                .or_default()
                .extend(run.glyphs.iter().map(|g| g.gid));
        }
    }
    out
}

#[test]
fn the_forecast_is_what_the_pages_draw_in_the_biggest_font() {
    let style = Style::default_style();
    let fonts = support::bundled_fonts(&style);
    for path in drafts() {
        let doc = gongwen::read_path(&path, &Default::default()).unwrap();
        let style = style.for_document(&doc.meta);
        let plan = compose(&doc, &style, false);
        let foreseen = foresee_glyphs(&plan, &style, &fonts);
        let laid = lay_out(&plan, &style, &fonts, 0.0);
        let drawn = drawn(&laid);
        let (font, gids) = foreseen
            .iter()
            .max_by_key(|(fi, g)| (g.len(), std::cmp::Reverse(**fi)))
            .unwrap();
        assert_eq!(
            Some(gids),
            drawn.get(font),
            "{}: font {font} foreseen as drawn",
            path.display()
        );
        // The biggest font foreseen is the one drawing the most glyphs.
        let most = drawn.values().map(BTreeSet::len).max().unwrap();
        assert_eq!(gids.len(), most, "{}", path.display());
    }
}

#[test]
fn the_pdf_is_the_same_with_a_right_a_wrong_or_no_forecast() {
    let style = Style::default_style();
    let fonts = support::bundled_fonts(&style);
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/通知.md");
    let doc = gongwen::read_path(&path, &Default::default()).unwrap();
    let style = style.for_document(&doc.meta);
    let mut opts = gongwen::convert::write_options(&doc, &style, None, None, None);
    opts.timestamp = 1_709_251_200;
    let plan = compose(&doc, &style, false);
    let laid = lay_out(&plan, &style, &fonts, 0.0);
    let title = doc.title().unwrap_or_default();
    let plain = write_pdf(&laid, &title, &style, &fonts, &opts, None).unwrap();
    let drawn = drawn(&laid);
    let (&font, gids) = drawn.iter().max_by_key(|(_, g)| g.len()).unwrap();
    let right: Vec<u16> = gids.iter().copied().collect();
    // One glyph short, and one too many.
    let short: Vec<u16> = right[..right.len() - 1].to_vec();
    let long: Vec<u16> = right.iter().copied().chain([u16::MAX]).collect();
    for forecast in [right, short, long] {
        let bytes = std::thread::scope(|s| {
            let (tx, rx) = std::sync::mpsc::channel();
            let glyphs: BTreeMap<u16, char> = forecast
                .iter()
                .filter(|&&g| g != u16::MAX)
                .map(|&g| (g, ' '))
                .collect();
            tx.send((font, forecast.clone())).unwrap();
            let face = &fonts.fonts()[font];
            let job = s.spawn(move || Some(program(face, &glyphs)));
            let early = EarlyProgram { forecast: rx, job };
            write_pdf(&laid, &title, &style, &fonts, &opts, Some(early)).unwrap()
        });
        assert!(
            bytes == plain,
            "forecast of {} glyphs changed the PDF",
            forecast.len()
        );
    }
}
