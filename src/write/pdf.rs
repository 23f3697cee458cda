//! The PDF writer: the laid-out pages as a PDF, written with lopdf.
//!
//! Fonts are subset (`pdf_font`, in parallel) and embedded as composite fonts
//! with a subset tag and their real PostScript name; each page's content stream
//! is written straight from its positioned glyphs and rules (`pdf_content`);
//! then a nested outline, the Info dictionary and a trailer ID derived from the
//! content (byte-identical output), and every stream deflated (`deflate`).

use std::collections::BTreeMap;

use lopdf::{dictionary, Object, Stream};

use crate::error::{Error, Result};
use crate::fonts::FontSet;
use crate::layout::{Laid, OutlineEntry, Page};
use crate::style::Style;
use crate::write::deflate::{deflate, deflate_streams, LEVEL};
use crate::write::pdf_content::page_content;
use crate::write::pdf_font::{fnv, plan, program, Program, Subset};
use crate::write::WriteOptions;

/// Build the PDF of a document; also returns what the font choice reported.
pub fn write_pdf(
    laid: &Laid,
    title: &str,
    style: &Style,
    fonts: &FontSet,
    opts: &WriteOptions,
) -> Result<Vec<u8>> {
    paint(title, style, fonts, opts, laid)
}

/// From this many pages on, pages are painted on every core.
const PARALLEL_PAGES: usize = 16;

/// A stream deflated now, as it is made (long documents keep only the
/// compressed bytes).
fn deflated_stream(content: Vec<u8>) -> Stream {
    let packed = deflate(&content, LEVEL);
    if packed.len() < content.len() {
        Stream::new(dictionary! { "Filter" => "FlateDecode" }, packed).with_compression(false)
    } else {
        Stream::new(lopdf::Dictionary::new(), content)
    }
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
) -> Result<Vec<u8>> {
    let mut pdf = lopdf::Document::with_version("1.7");

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
    // The font programs are cut and deflated on their own threads (the body's
    // 仿宋 is most of the work) while the pages are painted and deflated here.
    let plans: BTreeMap<usize, Subset> = used
        .iter()
        .map(|(&fi, glyphs)| (fi, plan(&fonts.fonts()[fi], glyphs)))
        .collect();
    let resource: BTreeMap<usize, String> = plans
        .keys()
        .enumerate()
        .map(|(k, fi)| (*fi, format!("F{}", k + 1)))
        .collect();
    let g = style.geometry();
    let stroke_em = style.layout.fake_bold_stroke_em;
    let pages_id = pdf.new_object_id();
    let resources_id = pdf.new_object_id();
    // Pages are painted and deflated as they come; a long document's pages
    // in as many runs as there are cores, then numbered in order.
    let paint_pages = |pages: &[Page]| -> Vec<Stream> {
        pages
            .iter()
            .map(|page| {
                let content = page_content(
                    page,
                    &plans,
                    |fi| resource[&fi].clone(),
                    g.page_h,
                    stroke_em,
                );
                deflated_stream(content)
            })
            .collect()
    };
    let painted = std::thread::scope(|s| {
        let jobs: Vec<_> = used
            .iter()
            .map(|(&fi, glyphs)| {
                let font = &fonts.fonts()[fi];
                (fi, s.spawn(move || program(font, glyphs)))
            })
            .collect();
        let workers = std::thread::available_parallelism().map_or(1, |n| n.get());
        let contents: Vec<Stream> = if workers < 2 || laid.pages.len() < PARALLEL_PAGES {
            paint_pages(&laid.pages)
        } else {
            let chunk = laid.pages.len().div_ceil(workers);
            let paint_pages = &paint_pages;
            let rest: Vec<_> = laid.pages[chunk..]
                .chunks(chunk)
                .map(|pages| s.spawn(move || paint_pages(pages)))
                .collect();
            let mut all = paint_pages(&laid.pages[..chunk]);
            for job in rest {
                all.extend(job.join().map_err(|_| Error::Output {
                    path: "<pdf>".into(),
                    message: "painting the pages stopped unexpectedly".into(),
                })?);
            }
            all
        };
        let mut kids = Vec::with_capacity(laid.pages.len());
        for content in contents {
            let content_id = pdf.add_object(content);
            let page_id = pdf.add_object(dictionary! {
                "Type" => "Page",
                "Parent" => Object::Reference(pages_id),
                "MediaBox" => vec![0.into(), 0.into(), Object::Real(g.page_w), Object::Real(g.page_h)],
                "Resources" => Object::Reference(resources_id),
                "Contents" => Object::Reference(content_id),
            });
            kids.push(Object::Reference(page_id));
        }
        let programs: Result<Vec<(usize, Program)>> = jobs
            .into_iter()
            .map(|(fi, job)| {
                let p = job
                    .join()
                    .map_err(|_| Error::Font("subsetting a font failed".into()))??;
                Ok((fi, p))
            })
            .collect();
        programs.map(|p| (p, kids))
    });
    let (programs, kids) = painted?;
    let mut font_dict = lopdf::Dictionary::new();
    for (fi, program) in programs {
        let id = plans[&fi].embed(&mut pdf, program);
        font_dict.set(resource[&fi].as_bytes(), Object::Reference(id));
    }
    pdf.objects.insert(
        resources_id,
        Object::Dictionary(dictionary! { "Font" => font_dict }),
    );
    let count = kids.len() as i64;
    pdf.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => count }),
    );
    let catalog_id = pdf.add_object(dictionary! {
        "Type" => "Catalog",
        "Pages" => Object::Reference(pages_id),
    });
    pdf.trailer.set("Root", Object::Reference(catalog_id));
    let when = Object::string_literal(pdf_date(opts.timestamp));
    let info_id = pdf.add_object(dictionary! {
        "Author" => text_string(&opts.author),
        "Creator" => Object::string_literal("gongwen"),
        "Producer" => Object::string_literal(format!("gongwen {}", env!("CARGO_PKG_VERSION"))),
        "CreationDate" => when.clone(),
        "ModDate" => when,
    });
    pdf.trailer.set("Info", Object::Reference(info_id));
    finish(pdf, &laid.outline, title, g.page_h)
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
    if let Ok(info_ref) = doc.trailer.get(b"Info").and_then(Object::as_reference) {
        if let Ok(info) = doc.get_object_mut(info_ref).and_then(Object::as_dict_mut) {
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
