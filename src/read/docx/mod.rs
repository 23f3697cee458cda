//! The Word reader: a .docx draft to the same units the text reader makes, so
//! that every recognition rule applies unchanged. What a reader of the page
//! sees is what we read: automatic numbers as rendered text, tracked changes
//! as accepted, text boxes and content controls in reading order. Fonts,
//! sizes, spacing and page setup are dropped: the style sheet sets them.

mod body;
mod frame;
pub mod numbering;
mod numfmt;
mod package;
pub mod soffice;
mod styles;
mod units;
pub mod xml;

use std::path::Path;

use crate::error::{Error, Result};
use crate::read::structure::Unit;

pub use package::{MAX_ENTRIES, MAX_PART_BYTES, MAX_TOTAL_BYTES};

/// What the first bytes of an input say it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sniffed {
    /// A zip holding a WordprocessingML document.
    Docx,
    /// An OpenDocument text (.odt).
    Odt,
    /// Another zip archive.
    OtherZip,
    /// An OLE compound file: Word 97–2003 (.doc) or WPS (.wps).
    Ole,
    Rtf,
    /// A picture or a PDF: a name for the message.
    NotADocument(&'static str),
    /// Anything else (text, for the other readers).
    Other,
}

pub fn sniff(bytes: &[u8]) -> Sniffed {
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        let Ok(mut pkg) = package::Package::open(bytes) else {
            return Sniffed::OtherZip;
        };
        if pkg.has("word/document.xml") || main_part(&mut pkg).is_some() {
            return Sniffed::Docx;
        }
        if let Ok(Some(m)) = pkg.bytes("mimetype") {
            if m.starts_with(b"application/vnd.oasis.opendocument.text") {
                return Sniffed::Odt;
            }
        }
        return Sniffed::OtherZip;
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return Sniffed::Ole;
    }
    if bytes.starts_with(b"{\\rtf") {
        return Sniffed::Rtf;
    }
    for (magic, what) in [
        (&b"\x89PNG"[..], "a PNG image"),
        (&b"\xFF\xD8\xFF"[..], "a JPEG image"),
        (&b"GIF8"[..], "a GIF image"),
        (&b"%PDF"[..], "a PDF file"),
        (&b"BM"[..], "a BMP image"),
    ] {
        if bytes.starts_with(magic) && !(magic == b"BM" && bytes.len() < 26) {
            return Sniffed::NotADocument(what);
        }
    }
    Sniffed::Other
}

/// The main document part named by the package relationships, when it is
/// not the usual `word/document.xml`.
fn main_part(pkg: &mut package::Package<'_>) -> Option<String> {
    let rels = pkg.relationships("").ok()?;
    rels.into_iter()
        .find(|r| r.is("officeDocument") && !r.external)
        .map(|r| r.target)
        .filter(|t| pkg.has(t))
}

/// A Word draft read: units for the structure pass, one text line per unit
/// number (for the linter), and what was changed or dropped, one line each.
#[derive(Debug)]
pub struct DocxDraft {
    pub units: Vec<Unit>,
    /// Units that belong to no block (gongwen's own 版头, read as metadata).
    pub skipped: Vec<(usize, usize)>,
    /// Metadata the file carries in gongwen's own frame.
    pub meta: crate::meta::Meta,
    pub text: String,
    pub warnings: Vec<String>,
}

/// Read a .docx. Every failure names the file and, where one is at fault,
/// the part.
pub fn read(bytes: &[u8], path: &Path) -> Result<DocxDraft> {
    let invalid = |message: String| Error::Invalid {
        path: path.to_path_buf(),
        message,
    };
    let mut pkg =
        package::Package::open(bytes).map_err(|m| invalid(format!("not a Word document: {m}")))?;
    let main = main_part(&mut pkg).unwrap_or_else(|| "word/document.xml".into());
    let doc = pkg
        .xml(&main)
        .map_err(invalid)?
        .ok_or_else(|| invalid(format!("not a Word document: the archive has no {main}")))?;
    if !doc.is("w:document") {
        return Err(invalid(format!(
            "{main}: not a WordprocessingML document (its root is <{}>)",
            doc.name.trim_start_matches("?:")
        )));
    }
    let rels = pkg.relationships(&main).map_err(invalid)?;
    let target = |kind: &str, fallback: &str| {
        rels.iter()
            .find(|r| r.is(kind) && !r.external)
            .map_or_else(|| fallback.to_string(), |r| r.target.clone())
    };
    let styles_xml = pkg
        .xml(&target("styles", "word/styles.xml"))
        .map_err(invalid)?;
    let numbering_xml = pkg
        .xml(&target("numbering", "word/numbering.xml"))
        .map_err(invalid)?;
    let styles = styles::Styles::from_xml(styles_xml.as_ref());
    let numbering = numbering::Numbering::from_xml(numbering_xml.as_ref());
    let body = doc
        .child("w:body")
        .ok_or_else(|| invalid(format!("{main}: the document has no body")))?;
    let mut walker = body::Walker::new(&styles, numbering);
    walker.blocks(body, None);
    walker.finish();
    let mut warnings = warnings(&walker.dropped);
    let mut items = walker.items;
    let not_placed = load_pictures(&mut items, &rels, &mut pkg).map_err(invalid)?;
    if !not_placed.is_empty() {
        warnings.push(format!(
            "{} picture(s) dropped: only PNG and JPEG pictures are placed ({})",
            not_placed.len(),
            not_placed.join("; ")
        ));
    }
    let mut skipped = Vec::new();
    let mut meta = crate::meta::Meta::default();
    if frame::MARKER_STYLES.iter().any(|s| styles.has(s)) {
        let mut parts = |kind: &str| -> Result<Vec<body::Para>> {
            let mut out = Vec::new();
            for r in rels.iter().filter(|r| r.is(kind) && !r.external) {
                if let Some(root) = pkg.xml(&r.target).map_err(invalid)? {
                    let mut w = body::Walker::new(&styles, numbering::Numbering::default());
                    w.all_paragraphs(&root);
                    out.extend(w.items.into_iter().filter_map(|i| match i {
                        body::Item::Para(p) => Some(p),
                        body::Item::Table { .. } | body::Item::Image { .. } => None,
                    }));
                }
            }
            Ok(out)
        };
        let headers = parts("header")?;
        let footers = parts("footer")?;
        let (rest, m) = frame::recover(items, &headers, &footers, &mut skipped);
        items = rest;
        meta = m;
    }
    let (units, rules, text) = units::build(items);
    skipped.extend(rules);
    if units.is_empty() {
        return Err(Error::Blank {
            path: path.to_path_buf(),
        });
    }
    Ok(DocxDraft {
        units,
        skipped,
        meta,
        text,
        warnings,
    })
}

/// Fill in the pictures of the body from the package, PNG and JPEG alike;
/// the others (EMF, GIF, linked pictures, broken files) are taken out and
/// named, one reason each, for the warning. Only a package that cannot be
/// read (a zip bomb, a broken entry) is an error.
fn load_pictures(
    items: &mut Vec<body::Item>,
    rels: &[package::Relationship],
    pkg: &mut package::Package<'_>,
) -> std::result::Result<Vec<String>, String> {
    let mut dropped = Vec::new();
    let mut kept = Vec::with_capacity(items.len());
    for mut item in std::mem::take(items) {
        if let body::Item::Image {
            rel, alt, image, ..
        } = &mut item
        {
            let Some(r) = rels.iter().find(|r| r.id == *rel && !rel.is_empty()) else {
                dropped.push(format!("a picture whose relationship `{rel}` is missing"));
                continue;
            };
            if r.external {
                dropped.push(format!("a picture linked to {}", r.target));
                continue;
            }
            let Some(bytes) = pkg.bytes(&r.target)? else {
                dropped.push(format!("{} is missing from the package", r.target));
                continue;
            };
            match crate::picture::image_of(bytes, alt, &r.target) {
                Ok(img) => *image = Some(img),
                Err(why) => {
                    dropped.push(format!("{}: {why}", r.target));
                    continue;
                }
            }
        }
        kept.push(item);
    }
    *items = kept;
    Ok(dropped)
}

fn warnings(d: &body::Dropped) -> Vec<String> {
    let mut w = Vec::new();
    if d.insertions + d.deletions > 0 {
        w.push(format!(
            "tracked changes read as accepted ({} insertions, {} deletions)",
            d.insertions, d.deletions
        ));
    }
    if d.comments > 0 {
        w.push(format!(
            "{} comments dropped (a 公文 carries none)",
            d.comments
        ));
    }
    if d.notes > 0 {
        w.push(format!(
            "{} footnotes or endnotes dropped: their text is not in the output",
            d.notes
        ));
    }
    if d.hidden_runs > 0 {
        w.push(format!("{} runs of hidden text dropped", d.hidden_runs));
    }
    if d.pictures > 0 {
        w.push(format!(
            "{} picture(s) in table cells dropped: a cell holds text only",
            d.pictures
        ));
    }
    if d.objects > 0 {
        w.push(format!(
            "{} embedded objects dropped (equations, OLE objects, embedded files)",
            d.objects
        ));
    }
    w
}
