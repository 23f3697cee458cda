//! Rendering a document to every target: composed once, laid out once, the
//! writers side by side, and the biggest font program started before the
//! layout.

use crate::compose::{compose, Plan};
use crate::error::{Error, Result};
use crate::fonts::{FontReport, FontSet};
use crate::layout::{lay_out, Laid};
use crate::model::Document;
use crate::style::Style;

use super::{Target, WriteOptions};
use crate::write::pdf::EarlyProgram;

/// Whether the DOCX needs the PDF's pagination (and so the fonts): to place a
/// 版记, to know whether a 信函 is one page, or where the body begins under a
/// 版头.
pub fn docx_needs_layout(plan: &Plan) -> bool {
    !plan.record.is_empty() || plan.format == crate::meta::Format::Letter || plan.framed()
}

/// The PDF's pagination as the DOCX uses it, from the plan's layout `laid`.
/// The 版记 shares the body's last page in the DOCX only where LibreOffice,
/// which widens lines that mix Han and digits, would turn that page at the
/// same place as Word and the PDF: a page break forced at the wrong place
/// would leave LibreOffice a near-empty page.
pub fn docx_pagination(
    plan: &Plan,
    laid: &Laid,
    style: &Style,
    fonts: &FontSet,
) -> crate::write::Pagination {
    let single = laid.pages.len() == 1;
    // LibreOffice's likely layout matters only for a page turn the DOCX would
    // force, or a one-page letter; otherwise the one layout is enough.
    let (shares, single_page) = if laid.record_shares_page_from.is_some() || single {
        let lo = lay_out(plan, style, fonts, style.layout.libreoffice_autospace_em);
        let agree = lo.body_pages == laid.body_pages;
        (
            laid.record_shares_page_from
                .filter(|s| agree && lo.record_shares_page_from == Some(*s)),
            agree && single,
        )
    } else {
        (None, false)
    };
    crate::write::Pagination {
        body_pages: laid.body_pages,
        record_shares_page_from: shares,
        single_page,
        body_top: laid.body_top,
    }
}

/// What a conversion renders: per target its files (one, or one per page for
/// SVG and PNG), and the font report (fallbacks, missing characters).
pub type Rendered = (Vec<Vec<Vec<u8>>>, FontReport);

/// Render a document to every target: composed once, laid out once (when a
/// target draws pages, or the DOCX borrows the pagination), then each writer
/// on a thread of its own. The PDF, SVG and PNG need fonts; without them the
/// DOCX is still written, its 版记 on an even page of its own.
pub fn render_all(
    doc: &Document,
    style: &Style,
    wopts: &WriteOptions,
    targets: &[Target],
    fonts: Option<&FontSet>,
    png_dpi: f32,
) -> Result<Rendered> {
    let composing = crate::trace::span("compose");
    let plan = compose(doc, style, wopts.seal);
    drop(composing);
    let job = Job {
        doc,
        style,
        wopts,
        targets,
        fonts,
        png_dpi,
    };
    // The PDF's biggest font program (the body's 仿宋: cut and deflated, most
    // of a conversion's work) starts before the layout, from the glyphs the
    // plan foretells; the PDF takes it if the pages draw just those.
    #[cfg(not(target_arch = "wasm32"))]
    return std::thread::scope(|scope| {
        let early = match fonts {
            Some(fonts) if targets.contains(&Target::Pdf) => {
                Some(start_biggest_program(scope, &plan, style, fonts))
            }
            _ => None,
        };
        job.planned(&plan, early)
    });
    // wasm32-unknown-unknown has no threads: one target after the other.
    #[cfg(target_arch = "wasm32")]
    job.planned(&plan, None)
}

/// What `render_all` was asked for.
#[derive(Clone, Copy)]
struct Job<'a> {
    doc: &'a Document,
    style: &'a Style,
    wopts: &'a WriteOptions,
    targets: &'a [Target],
    fonts: Option<&'a FontSet>,
    png_dpi: f32,
}

/// A thread of `scope` that foresees the glyphs of `plan` and cuts and
/// deflates the program of the font with the most of them, sending which
/// font and glyphs as soon as they are foreseen. The forecast runs there too:
/// this thread goes straight on to the layout (whose cmap lookups the
/// forecast's have by then mostly paged in).
#[cfg(not(target_arch = "wasm32"))]
fn start_biggest_program<'scope>(
    scope: &'scope std::thread::Scope<'scope, '_>,
    plan: &'scope Plan,
    style: &'scope Style,
    fonts: &'scope FontSet,
) -> EarlyProgram<'scope> {
    let (tx, forecast) = std::sync::mpsc::channel();
    let job = scope.spawn(move || {
        let foreseeing = crate::trace::span("foresee glyphs");
        let foreseen = crate::layout::foresee_glyphs(plan, style, fonts);
        let (font, gids) = foreseen
            .into_iter()
            .max_by_key(|(fi, gids)| (gids.len(), std::cmp::Reverse(*fi)))?;
        drop(foreseeing);
        tx.send((font, gids.iter().copied().collect())).ok()?;
        let _cutting = crate::trace::span("PDF: early font program (own thread)");
        // A program is cut from glyph ids alone; the characters are for the
        // ToUnicode map, made from the pages.
        let glyphs: std::collections::BTreeMap<u16, char> =
            gids.into_iter().map(|g| (g, ' ')).collect();
        Some(crate::write::pdf_font::program(
            &fonts.fonts()[font],
            &glyphs,
        ))
    });
    EarlyProgram { forecast, job }
}

impl Job<'_> {
    /// Lay out the plan and run the writers.
    fn planned(self, plan: &Plan, early: Option<EarlyProgram>) -> Result<Rendered> {
        let Job {
            doc,
            style,
            wopts,
            targets,
            fonts,
            png_dpi,
        } = self;
        let draws = targets.iter().any(|t| *t != Target::Docx);
        let borrows = targets.contains(&Target::Docx) && docx_needs_layout(plan);
        let laid = match fonts {
            Some(fonts) if draws || borrows => {
                let _laying = crate::trace::span("layout");
                Some(lay_out(plan, style, fonts, 0.0))
            }
            None if draws => {
                return Err(Error::Font("no fonts loaded for the pages".into()));
            }
            _ => None,
        };
        let mut docx_opts = wopts.clone();
        if let (Some(laid), Some(fonts), true, None) = (&laid, fonts, borrows, wopts.pagination) {
            let _paginating = crate::trace::span("DOCX pagination (LibreOffice layout)");
            docx_opts.pagination = Some(docx_pagination(plan, laid, style, fonts));
        }
        let title = doc.title().unwrap_or_default();
        let (laid, title, docx_opts) = (laid.as_ref(), title.as_str(), &docx_opts);
        let write = move |t: Target, early: Option<EarlyProgram>| -> Result<Vec<Vec<u8>>> {
            let _writing = crate::trace::span(match t {
                Target::Docx => "DOCX writer",
                Target::Pdf => "PDF writer",
                Target::Svg => "SVG writer",
                Target::Png => "PNG writer",
            });
            match (t, laid, fonts) {
                // Always on a thread started for it (below; on wasm the
                // writer resets docx-rs's counter itself).
                #[cfg(not(target_arch = "wasm32"))]
                (Target::Docx, ..) => Ok(vec![crate::write::docx::write_docx_on_new_thread(
                    plan, title, style, docx_opts,
                )?]),
                #[cfg(target_arch = "wasm32")]
                (Target::Docx, ..) => Ok(vec![crate::write::docx::write_docx(
                    plan, title, style, docx_opts,
                )?]),
                (Target::Pdf, Some(laid), Some(fonts)) => Ok(vec![crate::write::pdf::write_pdf(
                    laid, title, style, fonts, wopts, early,
                )?]),
                (Target::Svg | Target::Png, Some(laid), Some(fonts)) => {
                    let svgs = crate::write::svg::paint_pages(&laid.pages, style, fonts);
                    pictures(t, svgs, png_dpi)
                }
                _ => Err(Error::Font("no fonts loaded for the pages".into())),
            }
        };
        // The PDF's writer, whose biggest font program is the longest chain
        // of work, runs on this thread; every other target gets a thread of
        // its own (the DOCX writer needs a new one, see
        // `write_docx_on_new_thread`).
        #[cfg(not(target_arch = "wasm32"))]
        let files: Vec<Result<Vec<Vec<u8>>>> = std::thread::scope(|scope| {
            let handles: Vec<_> = targets
                .iter()
                .map(|&t| (t != Target::Pdf).then(|| scope.spawn(move || write(t, None))))
                .collect();
            let mut early = early;
            let pdfs: Vec<_> = targets
                .iter()
                .filter(|&&t| t == Target::Pdf)
                .map(|&t| write(t, early.take()))
                .collect();
            let mut pdfs = pdfs.into_iter();
            handles
                .into_iter()
                .map(|h| match h {
                    Some(h) => h.join().unwrap_or_else(|_| {
                        Err(Error::Internal("a writer stopped unexpectedly".into()))
                    }),
                    None => pdfs
                        .next()
                        .unwrap_or_else(|| Err(Error::Internal("a PDF went missing".into()))),
                })
                .collect()
        });
        #[cfg(target_arch = "wasm32")]
        let files: Vec<Result<Vec<Vec<u8>>>> = {
            let _ = early;
            targets.iter().map(|&t| write(t, None)).collect()
        };
        let files = files.into_iter().collect::<Result<Vec<_>>>()?;
        // A DOCX alone draws nothing: its borrowed layout reports nothing.
        let report = laid
            .filter(|_| draws)
            .map(|l| l.report.clone())
            .unwrap_or_default();
        Ok((files, report))
    }
}

/// The per-page files of an SVG or PNG target.
fn pictures(t: Target, svgs: Vec<String>, png_dpi: f32) -> Result<Vec<Vec<u8>>> {
    match t {
        #[cfg(not(target_arch = "wasm32"))]
        Target::Png => svgs
            .iter()
            .map(|svg| crate::write::png::png_of_svg(svg, png_dpi))
            .collect(),
        #[cfg(target_arch = "wasm32")]
        Target::Png => {
            let _ = png_dpi;
            Err(Error::Missing("PNG pages are not built for the web".into()))
        }
        _ => Ok(svgs.into_iter().map(String::into_bytes).collect()),
    }
}

/// Render a document to the bytes of one single-file target (DOCX, PDF). The
/// PDF needs fonts; its font report (fallbacks, missing characters) is returned
/// beside the bytes. Per-page targets go through [`render_files`].
pub fn render(
    doc: &Document,
    style: &Style,
    wopts: &WriteOptions,
    target: Target,
    fonts: Option<&FontSet>,
) -> Result<(Vec<u8>, FontReport)> {
    if target.per_page() {
        return Err(Error::Internal(format!(
            "{} gives one file per page: render it with render_files",
            target.extension()
        )));
    }
    let (files, report) = render_files(doc, style, wopts, target, fonts, 0.0)?;
    Ok((files.into_iter().next().unwrap_or_default(), report))
}

/// Render a document to the files of one target: one for DOCX and PDF, one per
/// page for SVG and PNG (drawn from the same layout as the PDF, so they need
/// fonts too).
pub fn render_files(
    doc: &Document,
    style: &Style,
    wopts: &WriteOptions,
    target: Target,
    fonts: Option<&FontSet>,
    png_dpi: f32,
) -> Result<(Vec<Vec<u8>>, FontReport)> {
    let (mut files, report) = render_all(doc, style, wopts, &[target], fonts, png_dpi)?;
    Ok((files.pop().unwrap_or_default(), report))
}
