//! The layout engine on arbitrary UTF-8 drafts with the bundled fonts: every
//! glyph inside the page, no panic, no hang.
#![no_main]
use libfuzzer_sys::fuzz_target;
use std::path::Path;
use std::sync::OnceLock;

static FONTS: OnceLock<(gongwen::style::Style, gongwen::fonts::FontSet)> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let (style, fonts) = FONTS.get_or_init(|| {
        let style = gongwen::style::Style::default_style();
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fonts");
        let fonts = gongwen::fonts::FontSet::load(&style, &mut gongwen::fonts::Resolver::with(Vec::new(), vec![dir])).unwrap();
        (style, fonts)
    });
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(doc) = gongwen::read::read_str(text, gongwen::read::InputFormat::Text, Path::new("f.txt")) else { return };
    let laid = gongwen::testing::layout::layout(&doc, style, fonts, data.first().is_some_and(|b| b % 2 == 0));
    let g = style.geometry();
    for page in &laid.pages {
        for run in page.runs() {
            for gl in &run.glyphs {
                assert!(gl.x.is_finite() && run.baseline.is_finite());
                assert!(gl.x >= 0.0 && gl.x <= g.page_w && run.baseline >= 0.0 && run.baseline <= g.page_h, "glyph off the page");
            }
        }
    }
});
