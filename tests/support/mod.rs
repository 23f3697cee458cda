//! Shared helpers of the integration tests.
#![allow(dead_code)]

pub mod pdfread;

use std::path::{Path, PathBuf};

use gongwen::fonts::{FontSet, Resolver};
use gongwen::style::Style;

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Fonts from the bundled folder only: tests do not depend on what the machine
/// has installed.
pub fn bundled_fonts(style: &Style) -> FontSet {
    FontSet::load(
        style,
        &mut Resolver::with(Vec::new(), vec![root().join("fonts")]),
    )
    .unwrap()
}

pub fn read(src: &str, name: &str) -> gongwen::model::Document {
    gongwen::read::read_bytes(src.as_bytes(), Path::new(name), &Default::default()).unwrap()
}

pub fn pdf_of(src: &str, name: &str, style: &Style) -> Vec<u8> {
    let doc = read(src, name);
    let fonts = bundled_fonts(style);
    let mut w = gongwen::convert::write_options(&doc, style, None, None, None);
    w.timestamp = 1_709_251_200;
    gongwen::convert::render(&doc, style, &w, gongwen::convert::Target::Pdf, Some(&fonts))
        .unwrap()
        .0
}

/// One part of a DOCX package as text.
pub fn docx_xml(docx: &[u8], part: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut s = String::new();
    std::io::Read::read_to_string(&mut zip.by_name(part).unwrap(), &mut s).unwrap();
    s
}
