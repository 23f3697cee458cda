//! Fonts for the PDF: each font the pages use, cut down to the glyphs they use
//! and written as a composite (Type 0, Identity-H) font whose character codes
//! are the subset's glyph ids.
//!
//! Subsetting is the `subsetter` crate's (the one Typst uses): it reads only the
//! tables and glyphs it keeps, so a 7–17 MB CJK font costs time in proportion to
//! the few hundred glyphs a document uses, not to its size, and it drops the
//! cmap, which a PDF font does not need. Measured on the sample against
//! allsorts (the former subsetter) on the same glyph set: FandolFang 265.8 →
//! see README (bytes after deflate), and a fifth of the instructions. CFF
//! outlines (Fandol) are embedded as a bare CID-keyed CFF program (FontFile3 /
//! CIDFontType0C), TrueType ones (Noto Serif SC, Tinos) as FontFile2. The
//! ToUnicode CMap gives every glyph its character, so text extraction and
//! search work.

use std::collections::BTreeMap;

use lopdf::{dictionary, Dictionary, Object, ObjectId, Stream};

use crate::error::{Error, Result};
use crate::fonts::Font;
use crate::write::deflate::{deflate, FONT_LEVEL};
use crate::write::pdf_cff::cut_cid_cff;

/// 64-bit FNV-1a: stable across runs and Rust versions (tags, trailer ID).
pub(crate) fn fnv(bytes: &[u8], seed: u64) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325u64 ^ seed;
    for b in bytes {
        h ^= *b as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// Six capital letters naming a subset (ISO 32000-1 9.6.4), from its content.
pub(crate) fn subset_tag(name: &str, gids: &[u16]) -> String {
    let mut bytes = name.as_bytes().to_vec();
    for g in gids {
        bytes.extend_from_slice(&g.to_be_bytes());
    }
    let mut h = fnv(&bytes, 0);
    (0..6)
        .map(|_| {
            let c = (b'A' + (h % 26) as u8) as char;
            h /= 26;
            c
        })
        .collect()
}

/// One font cut down to the glyphs a document uses.
pub struct Subset {
    /// `TAG+PostScriptName`.
    pub name: String,
    /// Original glyph id → glyph id in the subset (= the CID written on the page).
    pub remap: BTreeMap<u16, u16>,
    /// Advance of each original glyph in 1/1000 em (what the PDF's /W says).
    pub widths: BTreeMap<u16, f32>,
    /// Character of each subset glyph, for ToUnicode (.notdef: the first
    /// character that no font of its chain has).
    chars: BTreeMap<u16, char>,
    cff: bool,
    descriptor: Descriptor,
}

/// What the font descriptor says, in 1/1000 em.
struct Descriptor {
    bbox: [f32; 4],
    ascent: f32,
    descent: f32,
    cap_height: f32,
    italic_angle: f32,
}

/// What the pages need of a font before its program is cut: the subset's
/// glyph ids (.notdef, then the used glyphs in id order, as `program` numbers
/// them), the widths and the characters. Cheap: no outline is read.
pub fn plan(font: &Font, glyphs: &BTreeMap<u16, char>) -> Subset {
    let face = font.face();
    let upem = face.units_per_em().max(1) as f32;
    let em = |v: f32| (v * 1000.0 / upem).round();
    let advance =
        |g: u16| face.glyph_hor_advance(ttf_parser::GlyphId(g)).unwrap_or(0) as f32 * 1000.0 / upem;
    // The maps are built from entries in key order (a bulk build, 0.45 M
    // instructions less on the sample than inserting them one by one); a
    // repeated key (.notdef, when a glyph maps to it) keeps one entry with
    // the same value.
    let mut remap = Vec::with_capacity(glyphs.len() + 1);
    let mut widths = Vec::with_capacity(glyphs.len() + 1);
    let mut chars = Vec::with_capacity(glyphs.len());
    remap.push((0, 0));
    widths.push((0, advance(0)));
    let mut next = 1u16;
    for (&old, &ch) in glyphs {
        let new = if old == 0 {
            0
        } else {
            next += 1;
            next - 1
        };
        remap.push((old, new));
        widths.push((old, advance(old)));
        // .notdef too: a character no font has stays in the text layer.
        chars.push((new, ch));
    }
    let (remap, widths, chars): (BTreeMap<u16, u16>, BTreeMap<u16, f32>, BTreeMap<u16, char>) = (
        remap.into_iter().collect(),
        widths.into_iter().collect(),
        chars.into_iter().collect(),
    );
    let gids: Vec<u16> = std::iter::once(0).chain(glyphs.keys().copied()).collect();
    let ps = if font.postscript.is_empty() {
        font.family.replace(' ', "")
    } else {
        font.postscript.clone()
    };
    let b = face.global_bounding_box();
    let descriptor = Descriptor {
        bbox: [
            em(b.x_min as f32),
            em(b.y_min as f32),
            em(b.x_max as f32),
            em(b.y_max as f32),
        ],
        ascent: em(face.ascender() as f32),
        descent: em(face.descender() as f32),
        cap_height: em(face.capital_height().unwrap_or(face.ascender()) as f32),
        italic_angle: face.italic_angle(),
    };
    Subset {
        name: format!("{}+{}", subset_tag(&ps, &gids), ps),
        remap,
        widths,
        chars,
        cff: font.is_cff,
        descriptor,
    }
}

/// A font program, deflated, and its length before.
pub struct Program {
    pub deflated: Vec<u8>,
    pub raw_len: usize,
}

/// The font program cut to `glyphs` and deflated.
pub fn program(font: &Font, glyphs: &BTreeMap<u16, char>) -> Result<Program> {
    let cutting = crate::trace::span("font: cut");
    // The cutters (ours, allsorts, subsetter) read the font's own tables: a
    // font that makes one panic is a font error naming it, on whichever thread
    // cuts it (a scoped thread left unjoined would take the process down).
    let raw = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| cut(font, glyphs)))
        .unwrap_or_else(|_| Err(Error::Font(format!("cutting {} failed", font.label()))))?;
    drop(cutting);
    let _deflating = crate::trace::span("font: deflate");
    Ok(Program {
        deflated: deflate(&raw, FONT_LEVEL),
        raw_len: raw.len(),
    })
}

/// The font program cut to `glyphs`, numbered as `plan` says: a bare CFF for
/// CFF outlines, a TrueType font otherwise.
pub fn cut(font: &Font, glyphs: &BTreeMap<u16, char>) -> Result<Vec<u8>> {
    let failed = |what: &str| Error::Font(format!("{what} {}", font.label()));
    if font.is_cff {
        let gids: Vec<u16> = std::iter::once(0)
            .chain(glyphs.keys().copied().filter(|g| *g != 0))
            .collect();
        let table = ttf_parser::RawFace::parse(font.bytes(), font.source.index)
            .ok()
            .and_then(|f| f.table(ttf_parser::Tag::from_bytes(b"CFF ")));
        if let Some(program) = table.and_then(|t| cut_cid_cff(t, &gids)) {
            return Ok(program);
        }
    }
    let mut remapper = subsetter::GlyphRemapper::new();
    remapper.remap(0);
    for &g in glyphs.keys() {
        remapper.remap(g);
    }
    let data = subsetter::subset(font.bytes(), font.source.index, &remapper)
        .map_err(|e| Error::Font(format!("subsetting {}: {e}", font.label())))?;
    Ok(if font.is_cff {
        let face =
            ttf_parser::RawFace::parse(&data, 0).map_err(|_| failed("unreadable subset of"))?;
        face.table(ttf_parser::Tag::from_bytes(b"CFF "))
            .ok_or_else(|| failed("no CFF table in the subset of"))?
            .to_vec()
    } else {
        data
    })
}

fn real(v: f32) -> Object {
    if v == v.trunc() {
        Object::Integer(v as i64)
    } else {
        Object::Real(v)
    }
}

impl Subset {
    /// The ToUnicode CMap: each subset glyph id → its character (UTF-16BE).
    fn to_unicode(&self) -> Vec<u8> {
        const HEX: &[u8; 16] = b"0123456789ABCDEF";
        let hex4 = |s: &mut Vec<u8>, u: u16| {
            s.extend(
                u.to_be_bytes()
                    .iter()
                    .flat_map(|b| [HEX[usize::from(b >> 4)], HEX[usize::from(b & 15)]]),
            );
        };
        let mut s = Vec::with_capacity(400 + self.chars.len() * 16);
        s.extend_from_slice(
            b"/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
             /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
             /CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n\
             1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
        );
        let entries: Vec<(&u16, &char)> = self.chars.iter().collect();
        for block in entries.chunks(100) {
            s.extend_from_slice(format!("{} beginbfchar\n", block.len()).as_bytes());
            for (gid, ch) in block {
                s.push(b'<');
                hex4(&mut s, **gid);
                s.extend_from_slice(b"> <");
                let mut units = [0u16; 2];
                for u in ch.encode_utf16(&mut units) {
                    hex4(&mut s, *u);
                }
                s.extend_from_slice(b">\n");
            }
            s.extend_from_slice(b"endbfchar\n");
        }
        s.extend_from_slice(b"endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
        s
    }

    /// /W: widths of the subset's glyphs, by subset id. Three or more
    /// consecutive ids of one width (a CJK font's glyphs are nearly all 1000)
    /// are a range, `first last width`; the others are lists, `first [w …]`.
    /// On the sample this saved 3,043 bytes (the CIDFont dictionaries are not
    /// deflated) and 0.2 M instructions of lopdf writing numbers.
    fn widths_array(&self) -> Object {
        let mut by_new: Vec<(u16, f32)> = self
            .remap
            .iter()
            .map(|(old, new)| (*new, self.widths[old].round()))
            .collect();
        by_new.sort_unstable_by_key(|(new, _)| *new);
        let mut out = Vec::new();
        let mut list: Vec<Object> = Vec::new();
        let mut list_start = 0u16;
        let flush = |out: &mut Vec<Object>, list: &mut Vec<Object>, start: u16| {
            if !list.is_empty() {
                out.push(Object::Integer(i64::from(start)));
                out.push(Object::Array(std::mem::take(list)));
            }
        };
        let mut i = 0;
        while i < by_new.len() {
            let (first, w) = by_new[i];
            // The run of consecutive ids from `first` with its width.
            let mut j = i + 1;
            while j < by_new.len() && by_new[j].0 == by_new[j - 1].0 + 1 && by_new[j].1 == w {
                j += 1;
            }
            if j - i >= 3 {
                flush(&mut out, &mut list, list_start);
                out.push(Object::Integer(i64::from(first)));
                out.push(Object::Integer(i64::from(by_new[j - 1].0)));
                out.push(real(w));
            } else {
                for &(g, wk) in &by_new[i..j] {
                    if list.is_empty() || g != list_start + list.len() as u16 {
                        flush(&mut out, &mut list, list_start);
                        list_start = g;
                    }
                    list.push(real(wk));
                }
            }
            i = j;
        }
        flush(&mut out, &mut list, list_start);
        Object::Array(out)
    }

    /// Add the font's objects to `doc` with its deflated `program`; returns the
    /// Type 0 font's id.
    pub fn embed(&self, doc: &mut lopdf::Document, program: Program) -> ObjectId {
        let mut dict = dictionary! { "Filter" => "FlateDecode" };
        if self.cff {
            dict.set("Subtype", "CIDFontType0C");
        } else {
            dict.set("Length1", program.raw_len as i64);
        }
        let stream = Stream::new(dict, program.deflated).with_compression(false);
        let program_id = doc.add_object(stream);
        let d = &self.descriptor;
        let mut descriptor = dictionary! {
            "Type" => "FontDescriptor",
            "FontName" => Object::Name(self.name.clone().into_bytes()),
            // Symbolic: the glyphs are addressed by CID, not by a standard encoding.
            "Flags" => 4,
            "FontBBox" => d.bbox.iter().map(|v| real(*v)).collect::<Vec<_>>(),
            "ItalicAngle" => real(d.italic_angle),
            "Ascent" => real(d.ascent),
            "Descent" => real(d.descent),
            "CapHeight" => real(d.cap_height),
            "StemV" => 80,
        };
        descriptor.set(
            if self.cff { "FontFile3" } else { "FontFile2" },
            Object::Reference(program_id),
        );
        let descriptor_id = doc.add_object(descriptor);
        let mut cid_font = dictionary! {
            "Type" => "Font",
            "Subtype" => if self.cff { "CIDFontType0" } else { "CIDFontType2" },
            "BaseFont" => Object::Name(self.name.clone().into_bytes()),
            "CIDSystemInfo" => dictionary! {
                "Registry" => Object::string_literal("Adobe"),
                "Ordering" => Object::string_literal("Identity"),
                "Supplement" => 0,
            },
            "FontDescriptor" => Object::Reference(descriptor_id),
            "W" => self.widths_array(),
        };
        if !self.cff {
            cid_font.set("CIDToGIDMap", "Identity");
        }
        let cid_id = doc.add_object(cid_font);
        let to_unicode = doc.add_object(Stream::new(Dictionary::new(), self.to_unicode()));
        doc.add_object(dictionary! {
            "Type" => "Font",
            "Subtype" => "Type0",
            "BaseFont" => Object::Name(self.name.clone().into_bytes()),
            "Encoding" => "Identity-H",
            "DescendantFonts" => vec![Object::Reference(cid_id)],
            "ToUnicode" => Object::Reference(to_unicode),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Widths by subset id, read back from a /W array (both forms).
    fn read_w(w: &Object) -> BTreeMap<u16, f32> {
        let w = w.as_array().unwrap();
        let num = |o: &Object| o.as_float().unwrap();
        let mut out = BTreeMap::new();
        let mut i = 0;
        while i < w.len() {
            let first = num(&w[i]) as u16;
            if let Object::Array(list) = &w[i + 1] {
                for (k, v) in list.iter().enumerate() {
                    assert!(out.insert(first + k as u16, num(v)).is_none());
                }
                i += 2;
            } else {
                for g in first..=num(&w[i + 1]) as u16 {
                    assert!(out.insert(g, num(&w[i + 2])).is_none());
                }
                i += 3;
            }
        }
        out
    }

    #[test]
    fn widths_read_back_as_planned_with_ranges_for_runs() {
        // Original ids → subset ids 0..=12; widths with runs, singles and
        // a half unit to round.
        let widths = [
            500.0, 1000.0, 1000.0, 1000.0, 1000.0, 600.4, 700.0, 700.0, 1000.0, 1000.0, 1000.0,
            333.0, 1000.0,
        ];
        let remap: BTreeMap<u16, u16> = (0..13)
            .map(|n| (if n == 0 { 0 } else { 40 + n }, n))
            .collect();
        let subset = Subset {
            name: "ABCDEF+Test".into(),
            widths: remap
                .iter()
                .map(|(old, new)| (*old, widths[*new as usize]))
                .collect(),
            remap,
            chars: BTreeMap::new(),
            cff: true,
            descriptor: Descriptor {
                bbox: [0.0; 4],
                ascent: 0.0,
                descent: 0.0,
                cap_height: 0.0,
                italic_angle: 0.0,
            },
        };
        let w = subset.widths_array();
        let back = read_w(&w);
        let want: BTreeMap<u16, f32> = (0..13).map(|n| (n, widths[n as usize].round())).collect();
        assert_eq!(back, want);
        // 1–4 and 8–10 are ranges; 0, 5–7, 11–12 lists.
        let w = w.as_array().unwrap();
        assert_eq!(w.len(), 2 + 3 + 2 + 3 + 2);
        assert_eq!(
            w[2..5]
                .iter()
                .map(|o| o.as_i64().unwrap())
                .collect::<Vec<_>>(),
            [1, 4, 1000]
        );
    }

    #[test]
    fn subset_tags_are_six_capitals_and_stable() {
        let t = subset_tag("FandolFang-Regular", &[0, 5, 9]);
        assert_eq!(t.len(), 6);
        assert!(t.chars().all(|c| c.is_ascii_uppercase()));
        assert_eq!(t, subset_tag("FandolFang-Regular", &[0, 5, 9]));
        assert_ne!(t, subset_tag("FandolFang-Regular", &[0, 5, 10]));
    }
}
