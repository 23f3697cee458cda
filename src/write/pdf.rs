//! The PDF writer: paints the laid-out pages with printpdf.
//!
//! printpdf without its `text_layout` feature does not subset fonts and names
//! them by a random id, so fonts are subset here (allsorts, which printpdf
//! already uses) and given a subset tag and their real PostScript name. Every
//! glyph is placed absolutely (one text matrix per run, exact advances in the TJ
//! array) with its text in ToUnicode. A final pass with lopdf writes what
//! printpdf cannot: a nested outline, an Info dictionary without empty PDF/X
//! keys, and a trailer ID derived from the content (byte-identical output).

use std::collections::BTreeMap;

use allsorts::binary::read::ReadScope;
use allsorts::font_data::FontData;
use allsorts::subset::{subset, CmapTarget, SubsetProfile};
use printpdf::{
    Codepoint, Color, FontId, Line, LinePoint, Mm, Op, ParsedFont, PdfDocument, PdfFont, PdfPage,
    PdfSaveOptions, Point, Pt, Rgb, TextItem, TextMatrix, TextRenderingMode,
};

use crate::error::{Error, Result};
use crate::fonts::{FontReport, FontSet};
use crate::layout::{layout, Item, Laid, OutlineEntry};
use crate::model::Document;
use crate::style::Style;
use crate::write::WriteOptions;

/// 64-bit FNV-1a: stable across runs and Rust versions (tags, trailer ID).
fn fnv(bytes: &[u8], seed: u64) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325u64 ^ seed;
    for b in bytes {
        h ^= *b as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// Six capital letters naming a subset (ISO 32000-1 9.6.4), from its content.
fn subset_tag(name: &str, gids: &[u16]) -> String {
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

struct Embedded {
    id: FontId,
    /// Original glyph id → glyph id in the subset.
    remap: BTreeMap<u16, u16>,
    /// Advance of each original glyph in 1/1000 em (what the PDF's /W says).
    widths: BTreeMap<u16, f32>,
    /// Glyphs reached through the font's cmap from their own character.
    by_cmap: std::collections::BTreeSet<u16>,
}

/// How a run's glyphs are shown: one character spacing (Tc) for the run and TJ
/// numbers only where a glyph deviates from it.
fn show_run(run: &crate::layout::TextRun, e: &Embedded) -> (f32, TextItem) {
    let n = run.glyphs.len();
    // The pen must move from each glyph to the next by what the layout says.
    let deltas: Vec<f32> = run
        .glyphs
        .iter()
        .enumerate()
        .map(|(i, gl)| {
            let next_x = if i + 1 < n {
                run.glyphs[i + 1].x
            } else {
                gl.x + gl.advance
            };
            let w = e.widths.get(&gl.gid).copied().unwrap_or(0.0) * run.size / 1000.0;
            next_x - gl.x - w
        })
        .collect();
    // The most common deviation (to 1/1000 pt) becomes the run's Tc.
    let mut sorted: Vec<i64> = deltas.iter().map(|d| (d * 1000.0).round() as i64).collect();
    sorted.sort_unstable();
    let (mut best, mut best_n, mut k) = (0i64, 0usize, 0usize);
    while k < sorted.len() {
        let m = sorted[k..].iter().take_while(|x| **x == sorted[k]).count();
        if m > best_n {
            best = sorted[k];
            best_n = m;
        }
        k += m;
    }
    let tc = best as f32 / 1000.0;
    // TJ number: (Tc − deviation) in 1/1000 em.
    let nums: Vec<f32> = deltas
        .iter()
        .map(|d| ((tc - d) * 1000.0 / run.size * 1000.0).round() / 1000.0)
        .collect();
    let plain = nums.iter().all(|x| x.abs() < 0.001)
        && run.glyphs.iter().all(|g| e.by_cmap.contains(&g.gid));
    if plain {
        return (
            tc,
            TextItem::Text(run.glyphs.iter().map(|g| g.ch).collect()),
        );
    }
    let cps = run
        .glyphs
        .iter()
        .zip(nums)
        .map(|(gl, num)| Codepoint {
            gid: e.remap.get(&gl.gid).copied().unwrap_or(0),
            offset: if num.abs() < 0.001 { 0.0 } else { num },
            cid: Some(gl.ch.to_string()),
        })
        .collect();
    (tc, TextItem::GlyphIds(cps))
}

fn rgb(c: [f32; 3]) -> Color {
    Color::Rgb(Rgb {
        r: c[0],
        g: c[1],
        b: c[2],
        icc_profile: None,
    })
}

/// Build the PDF of a document; also returns what the font choice reported.
pub fn write_pdf(
    doc: &Document,
    style: &Style,
    fonts: &FontSet,
    opts: &WriteOptions,
) -> Result<(Vec<u8>, FontReport)> {
    let laid = layout(doc, style, fonts, opts.seal);
    let bytes = paint(doc, style, fonts, opts, &laid)?;
    Ok((bytes, laid.report))
}

fn paint(
    doc: &Document,
    style: &Style,
    fonts: &FontSet,
    opts: &WriteOptions,
    laid: &Laid,
) -> Result<Vec<u8>> {
    let title = doc.title().unwrap_or_default();
    let mut pdf = PdfDocument::new(&title);

    // Glyphs used per font.
    let mut used: BTreeMap<usize, BTreeMap<u16, char>> = BTreeMap::new();
    for page in &laid.pages {
        for run in page.runs() {
            let m = used.entry(run.font).or_default();
            for g in &run.glyphs {
                m.entry(g.gid).or_insert(g.ch);
            }
        }
    }
    // Subset and embed each.
    let mut embedded: BTreeMap<usize, Embedded> = BTreeMap::new();
    for (k, (&fi, glyphs)) in used.iter().enumerate() {
        let font = &fonts.fonts()[fi];
        let mut gids: Vec<u16> = glyphs.keys().copied().collect();
        gids.push(0);
        gids.sort_unstable();
        gids.dedup();
        let scope = ReadScope::new(font.bytes());
        let data = scope
            .read::<FontData<'_>>()
            .map_err(|e| Error::Font(format!("{}: {e}", font.label())))?;
        let provider = data
            .table_provider(font.source.index as usize)
            .map_err(|e| Error::Font(format!("{}: {e}", font.label())))?;
        let small = subset(&provider, &gids, &SubsetProfile::Pdf, CmapTarget::Unicode)
            .map_err(|e| Error::Font(format!("subsetting {}: {e}", font.label())))?;
        let mut warnings = Vec::new();
        let mut parsed = ParsedFont::from_bytes(&small, 0, &mut warnings).ok_or_else(|| {
            Error::Font(format!(
                "the subset of {} could not be read back",
                font.label()
            ))
        })?;
        let ps = if font.postscript.is_empty() {
            font.family.replace(' ', "")
        } else {
            font.postscript.clone()
        };
        parsed.font_name = Some(format!("{}+{}", subset_tag(&ps, &gids), ps));
        let id = FontId(format!("F{}", k + 1));
        pdf.resources
            .fonts
            .map
            .insert(id.clone(), PdfFont::new(parsed));
        let face = font.face();
        let upem = face.units_per_em().max(1) as f32;
        let widths = gids
            .iter()
            .map(|&g| {
                (
                    g,
                    face.glyph_hor_advance(ttf_parser::GlyphId(g)).unwrap_or(0) as f32 * 1000.0
                        / upem,
                )
            })
            .collect();
        let remap = gids
            .iter()
            .enumerate()
            .map(|(new, &old)| (old, new as u16))
            .collect();
        // Glyphs that the font's own cmap gives for their character: these can be
        // written as plain text (ToUnicode comes from the cmap).
        let by_cmap = glyphs
            .iter()
            .filter(|(g, c)| **g != 0 && face.glyph_index(**c).map(|x| x.0) == Some(**g))
            .map(|(g, _)| *g)
            .collect();
        embedded.insert(
            fi,
            Embedded {
                id,
                remap,
                widths,
                by_cmap,
            },
        );
    }

    let g = style.geometry();
    let page_w = Mm(g.page_w * 25.4 / 72.0);
    let page_h = Mm(g.page_h * 25.4 / 72.0);
    let stroke_em = style.layout.fake_bold_stroke_em;
    let mut pages = Vec::with_capacity(laid.pages.len());
    for page in &laid.pages {
        let mut ops = Vec::new();
        for item in &page.items {
            match item {
                Item::Text(run) => {
                    let Some(e) = embedded.get(&run.font) else {
                        continue;
                    };
                    ops.push(Op::StartTextSection);
                    ops.push(Op::SetFont {
                        font: printpdf::PdfFontHandle::External(e.id.clone()),
                        size: Pt(run.size),
                    });
                    ops.push(Op::SetFillColor {
                        col: rgb(run.color),
                    });
                    if run.bold {
                        ops.push(Op::SetTextRenderingMode {
                            mode: TextRenderingMode::FillStroke,
                        });
                        ops.push(Op::SetOutlineColor {
                            col: rgb(run.color),
                        });
                        ops.push(Op::SetOutlineThickness {
                            pt: Pt(run.size * stroke_em),
                        });
                    }
                    let x0 = run.glyphs.first().map_or(0.0, |gl| gl.x);
                    ops.push(Op::SetTextMatrix {
                        matrix: TextMatrix::Translate(Pt(x0), Pt(g.page_h - run.baseline)),
                    });
                    let (tc, item) = show_run(run, e);
                    // Tc belongs to the text state, which outlives the text object:
                    // every run sets its own.
                    ops.push(Op::SetCharacterSpacing { multiplier: tc });
                    ops.push(Op::ShowText { items: vec![item] });
                    if run.bold {
                        ops.push(Op::SetTextRenderingMode {
                            mode: TextRenderingMode::Fill,
                        });
                    }
                    ops.push(Op::EndTextSection);
                }
                Item::Rule(r) => {
                    ops.push(Op::SaveGraphicsState);
                    ops.push(Op::SetOutlineColor { col: rgb(r.color) });
                    ops.push(Op::SetOutlineThickness { pt: Pt(r.width) });
                    ops.push(Op::DrawLine {
                        line: Line {
                            points: vec![
                                LinePoint {
                                    p: Point {
                                        x: Pt(r.x0),
                                        y: Pt(g.page_h - r.y0),
                                    },
                                    bezier: false,
                                },
                                LinePoint {
                                    p: Point {
                                        x: Pt(r.x1),
                                        y: Pt(g.page_h - r.y1),
                                    },
                                    bezier: false,
                                },
                            ],
                            is_closed: false,
                        },
                    });
                    ops.push(Op::RestoreGraphicsState);
                }
            }
        }
        pages.push(PdfPage::new(page_w, page_h, ops));
    }
    pdf.with_pages(pages);
    let info = &mut pdf.metadata.info;
    info.author = opts.author.clone();
    info.creator = "gongwen".into();
    info.producer = format!("gongwen {} (printpdf)", env!("CARGO_PKG_VERSION"));
    let when = printpdf::DateTime::from_unix_timestamp(opts.timestamp)
        .unwrap_or_else(|_| printpdf::DateTime::from_unix_timestamp(0).expect("epoch"));
    info.creation_date = when;
    info.modification_date = when;
    info.metadata_date = when;
    // printpdf compresses with zlib's slowest level (about 11 ms for the 仿宋
    // subset of the sample, half the conversion); take its document unsaved and
    // compress in the final pass instead.
    let mut warnings = Vec::new();
    let doc = printpdf::serialize::to_lopdf_doc(
        &pdf,
        &PdfSaveOptions {
            optimize: false,
            subset_fonts: false,
            secure: true,
            image_optimization: None,
        },
        &mut warnings,
    );
    finish(doc, &laid.outline, &title, g.page_h)
}

/// Deflate every stream not yet filtered: font programs at level 2 (CJK outlines
/// pack poorly: on the sample's 仿宋 subset level 2 is 0.6 % larger than the
/// default level and takes about 15 % less of the whole conversion's CPU time;
/// level 1 is 17 % larger), page contents at level 3 (long documents have thousands of them; measured on
/// 5 MB of text: 1.7 s and 8.7 MB, against 2.0 s and 8.3 MB at the default level
/// and 11.8 MB at level 1).
fn compress(doc: &mut lopdf::Document) -> Result<()> {
    use std::io::Write;
    for obj in doc.objects.values_mut() {
        if let lopdf::Object::Stream(st) = obj {
            if st.dict.get(b"Filter").is_ok() || !st.allows_compression {
                continue;
            }
            let font = st.dict.has(b"Length1") || st.dict.has(b"Subtype");
            let level = if font {
                flate2::Compression::new(2)
            } else {
                flate2::Compression::new(3)
            };
            let mut enc =
                flate2::write::ZlibEncoder::new(Vec::with_capacity(st.content.len() / 2), level);
            enc.write_all(&st.content).map_err(|e| Error::Output {
                path: "<pdf>".into(),
                message: e.to_string(),
            })?;
            let packed = enc.finish().map_err(|e| Error::Output {
                path: "<pdf>".into(),
                message: e.to_string(),
            })?;
            if packed.len() < st.content.len() {
                st.dict.set("Filter", "FlateDecode");
                st.set_content(packed);
            }
        }
    }
    Ok(())
}

/// PDF text string: UTF-16BE with a byte order mark.
fn text_string(s: &str) -> lopdf::Object {
    let mut b = vec![0xFE, 0xFF];
    for u in s.encode_utf16() {
        b.extend_from_slice(&u.to_be_bytes());
    }
    lopdf::Object::String(b, lopdf::StringFormat::Hexadecimal)
}

/// The lopdf pass: outline, clean Info, deterministic trailer ID, compression.
fn finish(
    mut doc: lopdf::Document,
    outline: &[OutlineEntry],
    title: &str,
    page_h: f32,
) -> Result<Vec<u8>> {
    use lopdf::Object;
    let err = |m: String| Error::Output {
        path: "<pdf>".into(),
        message: m,
    };
    // Info: printpdf always writes an empty GTS_PDFXVersion, which makes
    // viewers report every file as PDF/X.
    if let Ok(info_ref) = doc.trailer.get(b"Info").and_then(Object::as_reference) {
        if let Ok(info) = doc.get_object_mut(info_ref).and_then(Object::as_dict_mut) {
            info.remove(b"GTS_PDFXVersion");
            info.set("Title", text_string(title));
        }
    }
    let pages: Vec<lopdf::ObjectId> = doc.get_pages().values().copied().collect();
    if !outline.is_empty() {
        add_outline(&mut doc, outline, &pages, page_h);
    }
    // The trailer ID from what the document shows, not from a random number.
    let mut seed = Vec::new();
    for (_, obj) in doc.objects.iter() {
        if let Object::Stream(s) = obj {
            seed.extend_from_slice(&fnv(&s.content, 0).to_be_bytes());
        }
    }
    seed.extend_from_slice(title.as_bytes());
    let id: Vec<u8> = [fnv(&seed, 1), fnv(&seed, 2)]
        .iter()
        .flat_map(|h| h.to_be_bytes())
        .collect();
    doc.trailer.set(
        "ID",
        Object::Array(vec![
            Object::String(id.clone(), lopdf::StringFormat::Hexadecimal),
            Object::String(id, lopdf::StringFormat::Hexadecimal),
        ]),
    );
    compress(&mut doc)?;
    let mut out = Vec::new();
    doc.save_to(&mut out)
        .map_err(|e| err(format!("writing the PDF: {e}")))?;
    Ok(out)
}

/// Nested bookmarks: each entry is a child of the nearest earlier entry with a
/// lower level.
fn add_outline(
    doc: &mut lopdf::Document,
    entries: &[OutlineEntry],
    pages: &[lopdf::ObjectId],
    page_h: f32,
) {
    use lopdf::{Dictionary, Object};
    let root_id = doc.new_object_id();
    let ids: Vec<lopdf::ObjectId> = entries.iter().map(|_| doc.new_object_id()).collect();
    // Parent of each entry (None = the root).
    let mut parent: Vec<Option<usize>> = Vec::with_capacity(entries.len());
    let mut stack: Vec<usize> = Vec::new();
    for (i, e) in entries.iter().enumerate() {
        while stack.last().is_some_and(|&p| entries[p].level >= e.level) {
            stack.pop();
        }
        parent.push(stack.last().copied());
        stack.push(i);
    }
    let children = |p: Option<usize>| -> Vec<usize> {
        (0..entries.len()).filter(|&i| parent[i] == p).collect()
    };
    for (i, e) in entries.iter().enumerate() {
        let siblings = children(parent[i]);
        let pos = siblings.iter().position(|&s| s == i).unwrap_or(0);
        let mut d = Dictionary::new();
        d.set("Title", text_string(&e.title));
        d.set(
            "Parent",
            Object::Reference(parent[i].map_or(root_id, |p| ids[p])),
        );
        if pos > 0 {
            d.set("Prev", Object::Reference(ids[siblings[pos - 1]]));
        }
        if pos + 1 < siblings.len() {
            d.set("Next", Object::Reference(ids[siblings[pos + 1]]));
        }
        let kids = children(Some(i));
        if let (Some(f), Some(l)) = (kids.first(), kids.last()) {
            d.set("First", Object::Reference(ids[*f]));
            d.set("Last", Object::Reference(ids[*l]));
            d.set("Count", Object::Integer(kids.len() as i64));
        }
        if let Some(&page) = pages.get(e.page) {
            let top = page_h - e.y;
            d.set(
                "Dest",
                Object::Array(vec![
                    Object::Reference(page),
                    "XYZ".into(),
                    Object::Null,
                    Object::Real(top),
                    Object::Null,
                ]),
            );
        }
        doc.objects.insert(ids[i], Object::Dictionary(d));
    }
    let top = children(None);
    let mut root = Dictionary::new();
    root.set("Type", "Outlines");
    if let (Some(f), Some(l)) = (top.first(), top.last()) {
        root.set("First", Object::Reference(ids[*f]));
        root.set("Last", Object::Reference(ids[*l]));
    }
    root.set("Count", Object::Integer(top.len() as i64));
    doc.objects.insert(root_id, Object::Dictionary(root));
    if let Ok(cat) = doc.catalog_mut() {
        cat.set("Outlines", Object::Reference(root_id));
        cat.set("PageMode", "UseOutlines");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subset_tags_are_six_capitals_and_stable() {
        let t = subset_tag("FandolFang-Regular", &[0, 5, 9]);
        assert_eq!(t.len(), 6);
        assert!(t.chars().all(|c| c.is_ascii_uppercase()));
        assert_eq!(t, subset_tag("FandolFang-Regular", &[0, 5, 9]));
        assert_ne!(t, subset_tag("FandolFang-Regular", &[0, 5, 10]));
    }
}
