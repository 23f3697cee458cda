//! The whole pipeline: bytes → document → DOCX and PDF bytes.
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
    let md = data.first().is_some_and(|b| b & 1 == 1);
    let name = if md { "f.md" } else { "f.txt" };
    let Ok(doc) = gongwen::read::read_bytes(data, Path::new(name), &Default::default()) else { return };
    let mut w = gongwen::convert::write_options(&doc, style, None, None, None);
    w.timestamp = 0;
    for t in [gongwen::convert::Target::Docx, gongwen::convert::Target::Pdf] {
        let (bytes, _) = gongwen::convert::render(&doc, style, &w, t, Some(fonts)).expect("a document renders");
        assert!(!bytes.is_empty());
    }
});
