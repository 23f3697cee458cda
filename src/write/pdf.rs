//! The PDF writer: the laid-out pages painted with printpdf.
//!
//! Each page is a list of printpdf operations (`pdf_content`) and printpdf
//! assembles and encodes the document (pages, content streams, resources,
//! catalog, Info). Fonts are not printpdf's: they are subset here (`pdf_font`,
//! one thread per font while the pages are painted) and embedded as composite
//! fonts with a subset tag and their real PostScript name in a final lopdf pass,
//! which also writes a nested outline, a clean Info dictionary, a trailer ID
//! derived from the content (byte-identical output) and deflates every stream
//! (`deflate`).

use std::collections::BTreeMap;

use lopdf::Object;
use printpdf::PdfDocument;

use crate::error::{Error, Result};
use crate::fonts::FontSet;
use crate::layout::{Laid, OutlineEntry};
use crate::style::Style;
use crate::write::deflate::deflate_streams;
use crate::write::pdf_content::{page_content, PageFonts};
use crate::write::pdf_font::{fnv, plan, program, Program, Subset};
use crate::write::pdf_pages::{
    encode_pages, fill_contents, pdf_page, save_options, stream_hash, Encoded,
};
use crate::write::WriteOptions;

/// A font's program started before the pages were laid out, for the glyphs
/// `layout::foresee_glyphs` foresaw (`convert::render_all`): the PDF takes it
/// when the pages draw exactly those glyphs of that font.
pub struct EarlyProgram<'scope> {
    /// The font and its foreseen glyph ids (ascending), sent before the
    /// program is cut; nothing when no glyph was foreseen.
    pub forecast: std::sync::mpsc::Receiver<(usize, Vec<u16>)>,
    pub job: std::thread::ScopedJoinHandle<'scope, Option<Result<Program>>>,
}

/// Build the PDF of laid-out pages (with a font program already under way).
pub fn write_pdf(
    laid: &Laid,
    title: &str,
    style: &Style,
    fonts: &FontSet,
    opts: &WriteOptions,
    early: Option<EarlyProgram>,
) -> Result<Vec<u8>> {
    paint(title, style, fonts, opts, laid, early)
}

/// PDF date string (ISO 32000-1 7.9.4) of a Unix time, in UTC.
fn pdf_date(t: i64) -> String {
    let days = t.div_euclid(86_400);
    let secs = t.rem_euclid(86_400);
    // Civil date from days since 1970-01-01 (proleptic Gregorian).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "D:{year:04}{month:02}{day:02}{:02}{:02}{:02}+00'00'",
        secs / 3600,
        secs / 60 % 60,
        secs % 60
    )
}

fn paint(
    title: &str,
    style: &Style,
    fonts: &FontSet,
    opts: &WriteOptions,
    laid: &Laid,
    early: Option<EarlyProgram>,
) -> Result<Vec<u8>> {
    let planning = crate::trace::span("PDF: glyph sets");
    // Glyphs used per font, each with a character it draws.
    let mut used: BTreeMap<usize, BTreeMap<u16, char>> = BTreeMap::new();
    for page in &laid.pages {
        for run in page.runs() {
            let m = used.entry(run.font).or_default();
            for g in &run.glyphs {
                m.entry(g.gid).or_insert(g.ch);
            }
        }
    }
    // The font with the most glyphs (the body's 仿宋) is most of the PDF's
    // work and the longest chain of it: its program is cut and deflated on a
    // thread of its own, started first, while the pages are painted here;
    // the others (tens of glyphs each) follow the pages on this thread.
    let biggest = used
        .iter()
        .max_by_key(|(fi, glyphs)| (glyphs.len(), std::cmp::Reverse(**fi)))
        .map(|(fi, _)| *fi);
    // The program started before the layout stands in for the biggest one
    // when its font draws exactly the foreseen glyphs (otherwise it is left
    // to finish unused).
    let early = early.and_then(|e| {
        let (font, glyphs) = e.forecast.recv().ok()?;
        let right = used.get(&font).is_some_and(|g| g.keys().eq(glyphs.iter()));
        // Wrong: the early program finishes unused (`GONGWEN_TRACE` shows it).
        drop(crate::trace::span(if right {
            "PDF: foreseen glyphs right"
        } else {
            "PDF: foreseen glyphs wrong"
        }));
        right.then_some((font, e.job))
    });
    let biggest = early.as_ref().map(|(font, _)| *font).or(biggest);
    drop(planning);
    #[cfg(not(target_arch = "wasm32"))]
    let painted = std::thread::scope(|s| {
        type Waiting<'a> = Box<dyn FnOnce() -> std::thread::Result<Result<Program>> + 'a>;
        let big: Option<(usize, Waiting)> = match early {
            Some((font, job)) => Some((
                font,
                Box::new(move || {
                    job.join().map(|p| {
                        p.unwrap_or_else(|| Err(Error::Internal("no early program".into())))
                    })
                }),
            )),
            None => biggest.map(|fi| {
                let (font, glyphs) = (&fonts.fonts()[fi], &used[&fi]);
                let job = s.spawn(move || {
                    let _cutting = crate::trace::span("PDF: biggest font program (own thread)");
                    program(font, glyphs)
                });
                (fi, Box::new(move || job.join()) as Waiting)
            }),
        };
        let (plans, contents) = paint_pages(title, style, fonts, laid, &used)?;
        let mut programs = used
            .iter()
            .filter(|(fi, _)| Some(**fi) != biggest)
            .map(|(&fi, glyphs)| {
                let _cutting = crate::trace::span("PDF: font program");
                Ok((fi, program(&fonts.fonts()[fi], glyphs)?))
            })
            .collect::<Result<Vec<(usize, Program)>>>()?;
        if let Some((fi, job)) = big {
            let _waiting = crate::trace::span("PDF: wait for the biggest font program");
            let p = job().map_err(|_| Error::Font("subsetting a font failed".into()))??;
            programs.push((fi, p));
            // The objects follow the fonts' order, whichever finished first.
            programs.sort_by_key(|(fi, _)| *fi);
        }
        Ok::<_, Error>((plans, programs, contents))
    });
    // wasm32-unknown-unknown has no threads: one font after the other.
    #[cfg(target_arch = "wasm32")]
    let painted = {
        let _ = biggest;
        paint_pages(title, style, fonts, laid, &used).and_then(|(plans, contents)| {
            let programs = used
                .iter()
                .map(|(&fi, glyphs)| Ok((fi, program(&fonts.fonts()[fi], glyphs)?)))
                .collect::<Result<Vec<(usize, Program)>>>()?;
            Ok((plans, programs, contents))
        })
    };
    let (
        Painted {
            mut pdf,
            resource,
            plans,
        },
        programs,
        contents,
    ) = painted?;
    let g = style.geometry();
    let assembling = crate::trace::span("PDF: document, fonts attached");
    // printpdf builds the document from pages without operations; their
    // content streams are the ones encoded above.
    pdf.with_pages(
        laid.pages
            .iter()
            .map(|_| pdf_page(g.page_w, g.page_h))
            .collect(),
    );
    let info = &mut pdf.metadata.info;
    info.author = opts.author.clone();
    info.creator = "gongwen".into();
    info.producer = format!("gongwen {} (printpdf)", env!("CARGO_PKG_VERSION"));
    let mut warnings = Vec::new();
    let mut out = printpdf::serialize::to_lopdf_doc(&pdf, &save_options(), &mut warnings);
    drop(pdf);
    let hashes = fill_contents(&mut out, contents)?;
    attach_fonts(&mut out, &plans, &resource, programs)?;
    drop(assembling);
    finish(out, &hashes, &laid.outline, title, opts, g.page_h)
}

/// The document as printpdf holds it (pictures, metadata to come), the fonts'
/// resource names and plans.
struct Painted {
    pdf: PdfDocument,
    resource: BTreeMap<usize, String>,
    plans: BTreeMap<usize, Subset>,
}

/// The pages painted and encoded, with what the fonts' objects will need.
fn paint_pages(
    title: &str,
    style: &Style,
    fonts: &FontSet,
    laid: &Laid,
    used: &BTreeMap<usize, BTreeMap<u16, char>>,
) -> Result<(Painted, Vec<Encoded>)> {
    let mut pdf = PdfDocument::new(title);
    crate::write::pdf_image::add_images(&mut pdf, laid)?;
    let planning = crate::trace::span("PDF: font plans");
    let plans: BTreeMap<usize, Subset> = used
        .iter()
        .map(|(&fi, glyphs)| (fi, plan(&fonts.fonts()[fi], glyphs)))
        .collect();
    // Resource names that printpdf cannot take for its built-in fonts (F1–F14).
    let resource: BTreeMap<usize, String> = plans
        .keys()
        .enumerate()
        .map(|(k, fi)| (*fi, format!("GW{}", k + 1)))
        .collect();
    drop(planning);
    let g = style.geometry();
    let stroke_em = style.layout.fake_bold_stroke_em;
    let _encoding = crate::trace::span("PDF: paint and encode pages");
    let page_fonts = PageFonts::new(&plans, &resource);
    let contents = encode_pages(&laid.pages, |page| {
        page_content(page, &page_fonts, g.page_h, stroke_em)
    });
    Ok((
        Painted {
            pdf,
            resource,
            plans,
        },
        contents,
    ))
}

/// Put our subset fonts into the font resources printpdf wrote for every page
/// (it knows them only by name).
fn attach_fonts(
    doc: &mut lopdf::Document,
    plans: &BTreeMap<usize, Subset>,
    resource: &BTreeMap<usize, String>,
    programs: Vec<(usize, Program)>,
) -> Result<()> {
    let broken = || Error::Output {
        path: "<pdf>".into(),
        message: "printpdf wrote a page without font resources".into(),
    };
    let font_dict_id = match doc.get_pages().values().next() {
        Some(&page) => doc
            .get_dictionary(page)
            .and_then(|p| p.get(b"Resources"))
            .and_then(Object::as_reference)
            .and_then(|r| doc.get_dictionary(r))
            .and_then(|r| r.get(b"Font"))
            .and_then(Object::as_reference)
            .map_err(|_| broken())?,
        None => return Ok(()),
    };
    let mut fonts = lopdf::Dictionary::new();
    for (fi, program) in programs {
        let id = plans[&fi].embed(doc, program);
        fonts.set(resource[&fi].as_bytes(), Object::Reference(id));
    }
    doc.objects.insert(font_dict_id, Object::Dictionary(fonts));
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
    content_hashes: &BTreeMap<lopdf::ObjectId, u64>,
    outline: &[OutlineEntry],
    title: &str,
    opts: &WriteOptions,
    page_h: f32,
) -> Result<Vec<u8>> {
    let err = |m: String| Error::Output {
        path: "<pdf>".into(),
        message: m,
    };
    if let Ok(info_ref) = doc.trailer.get(b"Info").and_then(Object::as_reference) {
        if let Ok(info) = doc.get_object_mut(info_ref).and_then(Object::as_dict_mut) {
            // printpdf always writes an empty GTS_PDFXVersion (viewers would
            // report every file as PDF/X), a random Identifier and empty keys;
            // its dates are fixed at 1970 on wasm.
            for key in ["GTS_PDFXVersion", "Identifier", "Subject", "Keywords"] {
                info.remove(key.as_bytes());
            }
            info.set("Title", text_string(title));
            let when = Object::string_literal(pdf_date(opts.timestamp));
            info.set("CreationDate", when.clone());
            info.set("ModDate", when);
        }
    }
    let pages: Vec<lopdf::ObjectId> = doc.get_pages().values().copied().collect();
    if !outline.is_empty() {
        add_outline(&mut doc, outline, &pages, page_h);
    }
    // The trailer ID from what the document shows, not from a random number.
    let mut seed = Vec::new();
    for (id, obj) in doc.objects.iter() {
        if let Object::Stream(s) = obj {
            // Page contents are hashed before they were deflated.
            let h = content_hashes
                .get(id)
                .copied()
                .unwrap_or_else(|| stream_hash(&s.content));
            seed.extend_from_slice(&h.to_be_bytes());
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
    let _finishing = crate::trace::span("PDF: deflate the rest, serialize");
    deflate_streams(&mut doc);
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
    fn dates_are_utc_civil_dates() {
        assert_eq!(pdf_date(0), "D:19700101000000+00'00'");
        // 2024-03-01 12:34:56 UTC (a leap year, just after February).
        assert_eq!(pdf_date(1_709_296_496), "D:20240301123456+00'00'");
    }
}
