use std::path::Path;
use std::time::Instant;
fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let style = gongwen::style::Style::default_style();
    let fonts = gongwen::fonts::FontSet::load(&style, &mut gongwen::fonts::Resolver::with(Vec::new(), vec![root.join("fonts")])).unwrap();
    let big = std::fs::read("/tmp/hostile/big5mb.txt").unwrap();
    let t = Instant::now();
    let doc = gongwen::read::read_bytes(&big, Path::new("s.txt"), &Default::default()).unwrap();
    println!("read {:?}", t.elapsed());
    let t = Instant::now();
    let laid = gongwen::layout::layout(&doc, &style, &fonts, false);
    println!("layout {:?} pages {}", t.elapsed(), laid.pages.len());
    let t = Instant::now();
    let w = gongwen::convert::write_options(&doc, &style, None, None, None);
    let (b, _) = gongwen::write::pdf::write_pdf(&doc, &style, &fonts, &w).unwrap();
    println!("layout+pdf {:?} {}", t.elapsed(), b.len());
    let t = Instant::now();
    let mut d = lopdf::Document::load_mem(&b).unwrap();
    println!("lopdf load {:?}", t.elapsed());
    let t = Instant::now();
    let mut out = Vec::new();
    d.save_to(&mut out).unwrap();
    println!("lopdf save {:?}", t.elapsed());
}
