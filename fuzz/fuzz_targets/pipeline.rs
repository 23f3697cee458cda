//! The whole pipeline: bytes → document → DOCX and PDF bytes. Property: no
//! visible character disappears — every visible character of a plain-text
//! draft's lines (table rules and pipes aside) and of the model's blocks (the
//! front matter's included) is drawn on the PDF's pages at least as often.
#![no_main]
use libfuzzer_sys::fuzz_target;
use std::collections::HashMap;
use std::path::Path;
use std::sync::OnceLock;

static FONTS: OnceLock<(gongwen::style::Style, gongwen::fonts::FontSet)> = OnceLock::new();

fn counts(text: impl Iterator<Item = char>) -> HashMap<char, usize> {
    let mut m = HashMap::new();
    for c in text.filter(|c| !gongwen::read::front_matter::is_invisible(*c)) {
        *m.entry(c).or_insert(0) += 1;
    }
    m
}

fuzz_target!(|data: &[u8]| {
    let (style, fonts) = FONTS.get_or_init(|| {
        let style = gongwen::style::Style::default_style();
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fonts");
        let fonts = gongwen::fonts::FontSet::load(&style, &mut gongwen::fonts::Resolver::with(Vec::new(), vec![dir])).unwrap();
        (style, fonts)
    });
    let md = data.first().is_some_and(|b| b & 1 == 1);
    let name = if md { "f.md" } else { "f.txt" };
    let Ok((doc, decoded, format)) = gongwen::read::read_bytes_with_text(data, Path::new(name), &Default::default()) else { return };
    let mut w = gongwen::convert::write_options(&doc, style, None, None, None);
    w.timestamp = 0;
    for t in [gongwen::convert::Target::Docx, gongwen::convert::Target::Pdf] {
        let (bytes, _) = gongwen::convert::render(&doc, style, &w, t, Some(fonts)).expect("a document renders");
        assert!(!bytes.is_empty());
    }
    // Conservation: what the PDF draws (the layout's glyphs) covers the input.
    let laid = gongwen::testing::layout::layout(&doc, style, fonts, w.seal);
    let have = counts(laid.pages.iter().flat_map(|p| &p.items).flat_map(|i| match i {
        gongwen::testing::layout::Item::Text(run) => run.glyphs.iter().map(|g| g.ch).collect(),
        _ => Vec::new(),
    }));
    let mut need = counts(doc.blocks().iter().flat_map(|b| b.text().chars().collect::<Vec<_>>()));
    if format == gongwen::read::InputFormat::Text {
        let skipped = |n: usize| doc.skipped.iter().any(|(a, b)| (*a..=*b).contains(&n));
        let source = counts(
            decoded.text.split('\n').enumerate().filter(|(i, _)| !skipped(i + 1)).flat_map(|(_, l)| l.chars()).filter(|c| *c != '|'),
        );
        for (c, n) in source {
            let e = need.entry(c).or_insert(0);
            *e = (*e).max(n);
        }
    }
    for (c, n) in need {
        let drawn = have.get(&c).copied().unwrap_or(0);
        assert!(drawn >= n, "{c:?} occurs {n} times in the draft, drawn {drawn} times");
    }
});
