//! `convert`: read a draft, resolve style and metadata, run the writers, and
//! write every output atomically only after all of them succeeded.

use std::path::{Path, PathBuf};

use crate::compose::compose;
use crate::error::{Error, Result};
use crate::fonts::{FontSet, Resolver};
use crate::meta::Meta;
use crate::model::Document;
use crate::read::{read_path, ReadOptions};
use crate::style::Style;
use crate::write::timestamp_for;
pub use crate::write::{write_atomic, WriteOptions};

mod render;

pub use render::{docx_needs_layout, docx_pagination, render, render_all, render_files, Rendered};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Docx,
    Pdf,
    /// One SVG picture per page, from the PDF's layout.
    Svg,
    /// One PNG picture per page (the SVG rasterised).
    Png,
}

impl std::str::FromStr for Target {
    type Err = String;

    /// A target by its extension: `docx`, `pdf`, `svg`, `png`.
    fn from_str(s: &str) -> std::result::Result<Self, String> {
        Target::ALL
            .into_iter()
            .find(|t| t.extension() == s)
            .ok_or_else(|| format!("unknown output format `{s}` (docx, pdf, svg, png)"))
    }
}

impl Target {
    pub const ALL: [Target; 4] = [Target::Docx, Target::Pdf, Target::Svg, Target::Png];

    pub fn extension(self) -> &'static str {
        match self {
            Target::Docx => "docx",
            Target::Pdf => "pdf",
            Target::Svg => "svg",
            Target::Png => "png",
        }
    }

    /// Whether the target is one file per page (`NAME-1.svg`, `NAME-2.svg`…).
    pub fn per_page(self) -> bool {
        matches!(self, Target::Svg | Target::Png)
    }
}

/// The file of page `n` (from 1) of a per-page target whose path is `base`:
/// `out/通知.svg` → `out/通知-1.svg`.
pub fn page_path(base: &Path, n: usize) -> PathBuf {
    let stem = base
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "out".into());
    let ext = base
        .extension()
        .map(|e| format!(".{}", e.to_string_lossy()))
        .unwrap_or_default();
    base.with_file_name(format!("{stem}-{n}{ext}"))
}

#[derive(Debug, Clone)]
pub struct ConvertOptions {
    pub read: ReadOptions,
    pub targets: Vec<Target>,
    /// A file (one target), a file whose extension is replaced per target, or a
    /// folder (existing, or named with a trailing `/`).
    pub output: Option<PathBuf>,
    pub author: Option<String>,
    pub seal: Option<bool>,
    /// Characters no font has are an error, not a warning.
    pub strict: bool,
    /// Metadata given outside the draft (`--meta FILE`, `--format`); it wins
    /// over what the draft says.
    pub meta: Meta,
    /// Resolution of PNG pages, pixels per inch.
    pub png_dpi: f32,
}

/// What a conversion wrote and what it has to tell the user.
#[derive(Debug, Default)]
pub struct Outcome {
    pub written: Vec<PathBuf>,
    /// Font fallbacks and missing characters (one line each).
    pub warnings: Vec<String>,
}

/// Where each target goes.
pub fn output_paths(input: &Path, opts: &ConvertOptions) -> Result<Vec<(Target, PathBuf)>> {
    let stdin = input.as_os_str() == "-";
    let stem = if stdin {
        "stdin".to_string()
    } else {
        input
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "out".into())
    };
    let word_input = !stdin
        && opts
            .read
            .format
            .unwrap_or_else(|| crate::read::InputFormat::from_path(input))
            == crate::read::InputFormat::Docx;
    let mut out = Vec::new();
    for &t in &opts.targets {
        let path = match &opts.output {
            None if stdin => {
                return Err(Error::Invalid {
                    path: "-".into(),
                    message: "reading standard input needs -o OUTPUT".into(),
                })
            }
            None => input.with_file_name(output_name(&stem, word_input, t)),
            Some(o) if o.is_dir() || o.to_string_lossy().ends_with('/') => {
                o.join(output_name(&stem, word_input, t))
            }
            Some(o) if opts.targets.len() == 1 => o.clone(),
            Some(o) => o.with_extension(t.extension()),
        };
        out.push((t, path));
    }
    for (_, p) in &out {
        if !stdin && same_file(input, p) {
            return Err(Error::OverwriteInput { path: p.clone() });
        }
    }
    Ok(out)
}

/// The name an output takes beside its input (or in an output folder). The
/// typeset DOCX of a Word draft is `draft.gbt9704.docx`: never the input's
/// own name, and plain which file is which.
pub fn output_name(stem: &str, word_input: bool, t: Target) -> String {
    match t {
        Target::Docx if word_input => format!("{stem}.{WORD_OUTPUT_TAG}.docx"),
        _ => format!("{stem}.{}", t.extension()),
    }
}

/// The tag between the stem and `.docx` of a typeset Word draft.
pub const WORD_OUTPUT_TAG: &str = "gbt9704";

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    }
}

/// The writer options for a document: author from the option, the metadata, the
/// style, the 署名, in that order (never empty); seal from the option, the
/// metadata or the style.
pub fn write_options(
    doc: &Document,
    style: &Style,
    input: Option<&Path>,
    author: Option<&str>,
    seal: Option<bool>,
) -> WriteOptions {
    let signature = doc
        .meta
        .signature
        .as_ref()
        .and_then(|s| s.to_vec().into_iter().next());
    let author = author
        .map(str::to_string)
        .or_else(|| doc.meta.author.clone())
        .or_else(|| (!style.house.author.is_empty()).then(|| style.house.author.clone()))
        .or(signature)
        .unwrap_or_else(|| "gongwen".into());
    WriteOptions {
        author,
        timestamp: timestamp_for(input),
        seal: seal.or(doc.meta.seal).unwrap_or(style.house.seal),
        pagination: None,
    }
}

/// Convert one input file: read, render every target, then write them all.
/// `fonts` is loaded on first use and kept for further files.
pub fn convert_file(
    input: &Path,
    style: &Style,
    opts: &ConvertOptions,
    fonts: &mut Option<FontSet>,
) -> Result<Outcome> {
    let paths = output_paths(input, opts)?;
    let reading = crate::trace::span("read");
    let mut doc = read_path(input, &opts.read)?;
    drop(reading);
    // `--meta` and `--format` win over the front matter; what they give that
    // has a place in the text becomes blocks too. What would reach no page is
    // refused.
    if !opts.meta.is_empty() {
        crate::read::front_matter::apply(&mut doc, &opts.meta);
    }
    doc.meta
        .validate()
        .and_then(|()| crate::read::front_matter::refuse_unprinted(&doc, &opts.meta))
        .map_err(|m| Error::Invalid {
            path: input.to_path_buf(),
            message: m,
        })?;
    let style = &*style.for_document(&doc.meta);
    let wopts = write_options(&doc, style, Some(input), opts.author.as_deref(), opts.seal);
    let loading = crate::trace::span("fonts: resolve and map");
    if fonts.is_none() {
        if opts
            .targets
            .iter()
            .any(|t| *t == Target::Pdf || t.per_page())
        {
            *fonts = Some(FontSet::load(style, &mut Resolver::new())?);
        } else if opts.targets.contains(&Target::Docx)
            && docx_needs_layout(&compose(&doc, style, wopts.seal))
        {
            // The DOCX alone only borrows the PDF's pagination: without fonts
            // it is still written, its 版记 on an even page of its own.
            *fonts = FontSet::load(style, &mut Resolver::new()).ok();
        }
    }
    drop(loading);
    // Render everything first (composed and laid out once, the writers side
    // by side): a failure leaves no output at all.
    let targets: Vec<Target> = paths.iter().map(|(t, _)| *t).collect();
    let (files, report) = render_all(&doc, style, &wopts, &targets, fonts.as_ref(), opts.png_dpi)?;
    let mut rendered = Vec::new();
    for ((t, p), files) in paths.iter().zip(files) {
        if t.per_page() {
            for (i, bytes) in files.into_iter().enumerate() {
                rendered.push((page_path(p, i + 1), bytes));
            }
        } else {
            rendered.extend(files.into_iter().map(|bytes| (p.clone(), bytes)));
        }
    }
    if opts.strict && !report.missing.is_empty() {
        let list: String = report.missing.iter().collect();
        return Err(Error::Font(format!(
            "{}: no font has these characters: {list} (--strict)",
            input.display()
        )));
    }
    let mut warnings = doc.warnings.clone();
    warnings.extend(report.messages());
    let mut out = Outcome {
        warnings,
        ..Outcome::default()
    };
    // `-o folder/` creates the folder.
    if let Some(dir) = opts
        .output
        .as_ref()
        .filter(|o| o.to_string_lossy().ends_with('/'))
    {
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    }
    let _writing = crate::trace::span("write files");
    for (p, bytes) in rendered {
        write_atomic(&p, &bytes)?;
        out.written.push(p);
    }
    Ok(out)
}

/// Drafts under a folder, recursively (.txt, .md, .markdown), in a stable order.
pub fn drafts_under(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let rd = std::fs::read_dir(&d).map_err(|e| Error::io(&d, e))?;
        for entry in rd.flatten() {
            let p = entry.path();
            let ft = entry.file_type().map_err(|e| Error::io(&p, e))?;
            if ft.is_dir() {
                stack.push(p);
            } else if ft.is_file() && is_draft_name(&p) {
                out.push(p);
            }
        }
    }
    out.sort();
    Ok(out)
}

/// A file a batch converts: a text, Markdown or word-processor draft; not a
/// DOCX gongwen typeset (`*.gbt9704.docx`, its output beside the draft) nor
/// Word's lock file of an open document (`~$…`).
fn is_draft_name(p: &Path) -> bool {
    let name = p
        .file_name()
        .map(|n| n.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let ext = name.rsplit('.').next().unwrap_or_default();
    match ext {
        "txt" | "md" | "markdown" => true,
        "docx" | "doc" | "wps" | "odt" | "rtf" => {
            !name.starts_with("~$") && !name.ends_with(".gbt9704.docx")
        }
        _ => false,
    }
}

/// The options of one file of a batch: with an output folder, the draft's
/// place under `dir` mirrored there.
fn batch_options(dir: &Path, input: &Path, opts: &ConvertOptions) -> ConvertOptions {
    let mut file_opts = opts.clone();
    if let Some(out_dir) = &opts.output {
        let rel = input.strip_prefix(dir).unwrap_or(input);
        let parent = rel
            .parent()
            .map(|p| out_dir.join(p))
            .unwrap_or_else(|| out_dir.clone());
        let mut s = parent.into_os_string();
        s.push("/");
        file_opts.output = Some(PathBuf::from(s));
    }
    file_opts
}

/// Drafts of a batch whose outputs would overwrite another draft of the
/// batch (`a.md` beside `a.docx` writes `a.docx`) or an output of an earlier
/// draft (both write `a.pdf`): each with its error; the first in name order
/// keeps the name.
fn colliding(dir: &Path, files: &[PathBuf], opts: &ConvertOptions) -> Vec<Option<Error>> {
    let inputs: std::collections::BTreeSet<&Path> = files.iter().map(PathBuf::as_path).collect();
    let mut claimed: std::collections::BTreeMap<PathBuf, &Path> = Default::default();
    files
        .iter()
        .map(|input| {
            let paths = output_paths(input, &batch_options(dir, input, opts)).ok()?;
            let clash = paths.iter().find_map(|(_, p)| {
                if inputs.contains(p.as_path()) {
                    Some(format!(
                        "its output {} would overwrite that draft",
                        p.display()
                    ))
                } else {
                    claimed.get(p).map(|other| {
                        format!(
                            "its output {} is already the output of {}",
                            p.display(),
                            other.display()
                        )
                    })
                }
            });
            if let Some(message) = clash {
                return Some(Error::Invalid {
                    path: input.clone(),
                    message: format!("not converted: {message}"),
                });
            }
            for (_, p) in paths {
                claimed.insert(p, input);
            }
            None
        })
        .collect()
}

/// One file's result in a batch.
#[derive(Debug)]
pub struct BatchItem {
    pub input: PathBuf,
    pub result: Result<Outcome>,
}

/// Convert every draft under `dir`, in parallel across cores. With an output
/// folder the tree is mirrored there; otherwise outputs go beside the inputs.
/// `progress` is called after each file with (done, total, file).
pub fn convert_dir(
    dir: &Path,
    style: &Style,
    opts: &ConvertOptions,
    progress: &(dyn Fn(usize, usize, &Path) + Sync),
) -> Result<Vec<BatchItem>> {
    let files = drafts_under(dir)?;
    let fonts = if opts
        .targets
        .iter()
        .any(|t| *t == Target::Pdf || t.per_page())
    {
        Some(FontSet::load(style, &mut Resolver::new())?)
    } else {
        None
    };
    let clashes = std::sync::Mutex::new(colliding(dir, &files, opts));
    let next = std::sync::atomic::AtomicUsize::new(0);
    let done = std::sync::atomic::AtomicUsize::new(0);
    let results = std::sync::Mutex::new(Vec::with_capacity(files.len()));
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(files.len().max(1));
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                let Some(input) = files.get(i) else { break };
                let clash = clashes.lock().unwrap_or_else(|e| e.into_inner())[i].take();
                let result = match clash {
                    Some(e) => Err(e),
                    None => {
                        let file_opts = batch_options(dir, input, opts);
                        let mut local = fonts.as_ref().map(FontSet::share);
                        convert_file(input, style, &file_opts, &mut local)
                    }
                };
                let n = done.fetch_add(1, std::sync::atomic::Ordering::SeqCst) + 1;
                progress(n, files.len(), input);
                results.lock().unwrap_or_else(|e| e.into_inner()).push((
                    i,
                    BatchItem {
                        input: input.clone(),
                        result,
                    },
                ));
            });
        }
    });
    let mut items = results.into_inner().unwrap_or_else(|e| e.into_inner());
    items.sort_by_key(|(i, _)| *i);
    Ok(items.into_iter().map(|(_, it)| it).collect())
}
