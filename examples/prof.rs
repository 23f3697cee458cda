use std::path::Path;
fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let style = gongwen::style::Style::default_style();
    let fonts = gongwen::fonts::FontSet::load(&style, &mut gongwen::fonts::Resolver::with(Vec::new(), vec![root.join("fonts")])).unwrap();
    let src = std::fs::read(root.join("tests/fixtures/tongzhi.txt")).unwrap();
    let doc = gongwen::read::read_bytes(&src, Path::new("t.txt"), &Default::default()).unwrap();
    let laid = gongwen::layout::layout(&doc, &style, &fonts, false);
    for (i, p) in laid.pages.iter().enumerate() {
        for r in p.runs() {
            let t: String = r.glyphs.iter().map(|g| g.ch).collect();
            println!("p{} y={:.1} {}", i + 1, r.baseline, t.chars().take(12).collect::<String>());
        }
    }
}
