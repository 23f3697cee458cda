//! Page contents, encoded page by page (`pdf_content`) and packed at once, so
//! that only the packed streams are held until the file is written, and put
//! into the pages of the document printpdf builds from pages without
//! operations.

use std::collections::BTreeMap;

use lopdf::{Object, ObjectId};
use printpdf::{PdfPage, PdfSaveOptions, Pt, Rect};

use crate::error::{Error, Result};
use crate::layout::Page;
use crate::write::deflate::{deflate, LEVEL};

/// A page's content stream, packed.
pub struct Encoded {
    /// The stream's bytes: deflated when that made them smaller.
    pub bytes: Vec<u8>,
    pub deflated: bool,
    /// `stream_hash` of the stream before deflating (the trailer ID's seed).
    pub hash: u64,
}

/// A stream's hash, for the trailer ID: FNV-1a's multiply taken over eight
/// bytes at a time, with a rotation to carry the high bits down: on the
/// sample's 400 KB of streams (page contents before deflating, font programs
/// after) it saved 0.8 M instructions of byte-wise FNV-1a (callgrind). Every
/// step is a bijection of the state, so a change to any one byte changes the
/// hash. Stable across runs and platforms (words read little-endian).
pub fn stream_hash(bytes: &[u8]) -> u64 {
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    let mut h = 0xcbf2_9ce4_8422_2325u64 ^ bytes.len() as u64;
    let mut words = bytes.chunks_exact(8);
    for w in &mut words {
        let w = u64::from_le_bytes([w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7]]);
        h = (h ^ w).wrapping_mul(PRIME).rotate_left(29);
    }
    for &b in words.remainder() {
        h = (h ^ u64::from(b)).wrapping_mul(PRIME).rotate_left(29);
    }
    h
}

/// printpdf's options for the document it builds: no optimisation pass or
/// font subsetting of its own (ours are attached afterwards).
pub fn save_options() -> PdfSaveOptions {
    PdfSaveOptions {
        optimize: false,
        subset_fonts: false,
        secure: true,
        image_optimization: None,
    }
}

/// A page of the document's size without operations (its content stream is
/// ours, put in by `fill_contents`).
pub fn pdf_page(w: f32, h: f32) -> PdfPage {
    let media = Rect::from_wh(Pt(w), Pt(h));
    PdfPage {
        media_box: media.clone(),
        trim_box: media.clone(),
        crop_box: media,
        ops: Vec::new(),
    }
}

/// Encode every page (`content_of` writes one page's content stream), hash
/// and pack each at once.
pub fn encode_pages(pages: &[Page], mut content_of: impl FnMut(&Page) -> Vec<u8>) -> Vec<Encoded> {
    pages
        .iter()
        .map(|page| {
            let raw = content_of(page);
            let hash = stream_hash(&raw);
            let packed = deflate(&raw, LEVEL);
            if packed.len() < raw.len() {
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
            }
        })
        .collect()
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
    use printpdf::PdfDocument;

    /// Pages of rules, each page different; the last has nothing on it.
    fn pages(n: usize) -> Vec<Page> {
        (0..n)
            .map(|i| Page {
                items: (0..(i + 1) % (n.max(1)))
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

    fn content(page: &Page) -> Vec<u8> {
        let none = crate::write::pdf_content::PageFonts::new(&BTreeMap::new(), &BTreeMap::new());
        crate::write::pdf_content::page_content(page, &none, 842.0, 0.0)
    }

    #[test]
    fn stream_hashes_see_every_byte_and_the_length() {
        let base: Vec<u8> = (0..=255u8).cycle().take(1000).collect();
        let h = stream_hash(&base);
        assert_eq!(h, stream_hash(&base.clone()));
        for i in [0, 7, 8, 500, 993, 999] {
            for bit in [0, 7] {
                let mut other = base.clone();
                other[i] ^= 1 << bit;
                assert_ne!(stream_hash(&other), h, "byte {i}, bit {bit}");
            }
        }
        assert_ne!(stream_hash(&base[..999]), h);
        assert_ne!(stream_hash(&[0; 8]), stream_hash(&[0; 16]));
    }

    #[test]
    fn each_page_gets_its_own_stream_packed_when_that_is_smaller() {
        let pages = pages(7);
        let encoded = encode_pages(&pages, content);
        let mut pdf = PdfDocument::new("");
        pdf.with_pages(pages.iter().map(|_| pdf_page(595.0, 842.0)).collect());
        let mut doc = printpdf::serialize::to_lopdf_doc(&pdf, &save_options(), &mut Vec::new());
        let hashes = fill_contents(&mut doc, encoded).unwrap();
        let ids = page_ids(&doc);
        assert_eq!(ids.len(), pages.len());
        for (page, id) in pages.iter().zip(ids) {
            let stream_id = contents_id(&doc, id).unwrap();
            let Ok(Object::Stream(s)) = doc.get_object(stream_id) else {
                panic!("no content stream");
            };
            let raw = content(page);
            assert_eq!(hashes[&stream_id], stream_hash(&raw));
            let deflated = s.dict.get(b"Filter").is_ok();
            assert_eq!(deflated, deflate(&raw, LEVEL).len() < raw.len());
            // Six rules pack; the empty last page stays empty.
            if page.items.len() == 6 {
                assert!(deflated);
            }
            if page.items.is_empty() {
                assert!(!deflated && raw.is_empty());
            }
            let back = if deflated {
                s.decompressed_content().unwrap()
            } else {
                s.content.clone()
            };
            assert_eq!(back, raw);
            let ops = lopdf::content::Content::decode(&back).unwrap().operations;
            assert_eq!(ops.len(), 7 * page.items.len());
        }
    }
}
