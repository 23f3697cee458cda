//! Page contents encoded by printpdf a few pages at a time, so that memory
//! does not grow with the page count: printpdf 0.12 encodes operations only
//! inside `to_lopdf_doc`, so each chunk of pages becomes a small printpdf
//! document of its own, whose content streams are taken out, hashed (for the
//! trailer ID) and deflated at once; the chunk's operations and lopdf objects
//! are dropped before the next chunk is painted. The real document is then
//! built by printpdf from pages without operations, and the encoded streams
//! are put into its pages' content objects. Encoding a page alone gives the
//! same bytes as encoding it among all pages (printpdf translates each page's
//! operations on their own), so the output is the same as one `to_lopdf_doc`
//! of the whole document.

use std::collections::BTreeMap;

use lopdf::{Object, ObjectId};
use printpdf::{Op, PdfDocument, PdfPage, PdfSaveOptions, Pt, Rect};

use crate::error::{Error, Result};
use crate::layout::Page;
use crate::write::deflate::{deflate, LEVEL};
use crate::write::pdf_font::fnv;

/// Pages per printpdf document while encoding: large enough that the fixed
/// cost of a document (catalog, Info, resources) does not show, small enough
/// that a chunk's operations stay a few megabytes.
const CHUNK_PAGES: usize = 16;

/// A page's content stream, encoded by printpdf and packed.
pub struct Encoded {
    /// The stream's bytes: deflated when that made them smaller.
    pub bytes: Vec<u8>,
    pub deflated: bool,
    /// FNV hash of the stream before deflating (the trailer ID's seed).
    pub hash: u64,
}

/// printpdf's options for every document it encodes here: no optimisation
/// pass or font subsetting of its own (ours are attached afterwards).
pub fn save_options() -> PdfSaveOptions {
    PdfSaveOptions {
        optimize: false,
        subset_fonts: false,
        secure: true,
        image_optimization: None,
    }
}

/// A page of the document's size with the given operations.
pub fn pdf_page(w: f32, h: f32, ops: Vec<Op>) -> PdfPage {
    let media = Rect::from_wh(Pt(w), Pt(h));
    PdfPage {
        media_box: media.clone(),
        trim_box: media.clone(),
        crop_box: media,
        ops,
    }
}

/// Encode every page's operations (`ops_of` paints one page), chunk by chunk.
pub fn encode_pages(
    pages: &[Page],
    (w, h): (f32, f32),
    mut ops_of: impl FnMut(&Page) -> Vec<Op>,
) -> Result<Vec<Encoded>> {
    let opts = save_options();
    let mut out = Vec::with_capacity(pages.len());
    for chunk in pages.chunks(CHUNK_PAGES) {
        let mut pdf = PdfDocument::new("");
        pdf.with_pages(
            chunk
                .iter()
                .map(|page| pdf_page(w, h, ops_of(page)))
                .collect(),
        );
        let mut warnings = Vec::new();
        let mut doc = printpdf::serialize::to_lopdf_doc(&pdf, &opts, &mut warnings);
        drop(pdf);
        for page_id in page_ids(&doc) {
            let raw = take_contents(&mut doc, page_id)?;
            let hash = fnv(&raw, 0);
            let packed = deflate(&raw, LEVEL);
            out.push(if packed.len() < raw.len() {
                Encoded {
                    bytes: packed,
                    deflated: true,
                    hash,
                }
            } else {
                Encoded {
                    bytes: raw,
                    deflated: false,
                    hash,
                }
            });
        }
    }
    Ok(out)
}

/// The document's pages in order.
pub fn page_ids(doc: &lopdf::Document) -> Vec<ObjectId> {
    doc.get_pages().values().copied().collect()
}

fn broken(what: &str) -> Error {
    Error::Output {
        path: "<pdf>".into(),
        message: format!("printpdf wrote a page without {what}"),
    }
}

/// The content stream object of a page.
fn contents_id(doc: &lopdf::Document, page: ObjectId) -> Result<ObjectId> {
    doc.get_dictionary(page)
        .and_then(|p| p.get(b"Contents"))
        .and_then(Object::as_reference)
        .map_err(|_| broken("a content stream"))
}

fn take_contents(doc: &mut lopdf::Document, page: ObjectId) -> Result<Vec<u8>> {
    let id = contents_id(doc, page)?;
    match doc.objects.get_mut(&id) {
        Some(Object::Stream(s)) => Ok(std::mem::take(&mut s.content)),
        _ => Err(broken("a content stream")),
    }
}

/// Put the encoded contents into the pages of `doc` (built by printpdf from
/// pages without operations), in page order. Returns each content stream's
/// hash by object, for the trailer ID.
pub fn fill_contents(
    doc: &mut lopdf::Document,
    encoded: Vec<Encoded>,
) -> Result<BTreeMap<ObjectId, u64>> {
    let ids = page_ids(doc);
    if ids.len() != encoded.len() {
        return Err(broken("its place in the page tree"));
    }
    let mut hashes = BTreeMap::new();
    for (page, enc) in ids.into_iter().zip(encoded) {
        let id = contents_id(doc, page)?;
        let Some(Object::Stream(s)) = doc.objects.get_mut(&id) else {
            return Err(broken("a content stream"));
        };
        if enc.deflated {
            s.dict.set("Filter", "FlateDecode");
        }
        s.set_content(enc.bytes);
        hashes.insert(id, enc.hash);
    }
    Ok(hashes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::{Item, Rule};
    use crate::write::deflate::deflate;

    /// Pages of rules, each page different (more pages than one chunk).
    fn pages(n: usize) -> Vec<Page> {
        (0..n)
            .map(|i| Page {
                items: (0..=i % 5)
                    .map(|k| {
                        Item::Rule(Rule {
                            x0: 10.0 + i as f32,
                            y0: 20.0 * k as f32,
                            x1: 300.5,
                            y1: 20.0 * k as f32,
                            width: 0.75,
                            color: [1.0, 0.0, 0.0],
                        })
                    })
                    .collect(),
                number: Some(i as u32 + 1),
            })
            .collect()
    }

    fn ops(page: &Page) -> Vec<Op> {
        crate::write::pdf_content::page_ops(page, &BTreeMap::new(), |_| String::new(), 842.0, 0.0)
    }

    #[test]
    fn chunked_pages_encode_as_the_whole_document_does() {
        let pages = pages(CHUNK_PAGES * 2 + 3);
        let encoded = encode_pages(&pages, (595.0, 842.0), ops).unwrap();
        let mut whole = PdfDocument::new("");
        whole.with_pages(
            pages
                .iter()
                .map(|p| pdf_page(595.0, 842.0, ops(p)))
                .collect(),
        );
        let doc = printpdf::serialize::to_lopdf_doc(&whole, &save_options(), &mut Vec::new());
        let ids = page_ids(&doc);
        assert_eq!(ids.len(), encoded.len());
        for (id, enc) in ids.into_iter().zip(&encoded) {
            let Ok(Object::Stream(s)) = doc.get_object(contents_id(&doc, id).unwrap()) else {
                panic!("no content stream");
            };
            assert!(!s.content.is_empty());
            assert_eq!(enc.hash, fnv(&s.content, 0));
            let packed = deflate(&s.content, LEVEL);
            let smaller = packed.len() < s.content.len();
            assert_eq!(enc.deflated, smaller);
            assert_eq!(enc.bytes, if smaller { packed } else { s.content.clone() });
        }
    }
}
