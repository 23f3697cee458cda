//! The `gongwen` command line. It parses arguments and reports; the library does
//! the work.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};

use std::fmt::Write as _;
use std::io::Write as _;

use clap::{Parser, Subcommand};

use gongwen::read::{InputFormat, ReadOptions};

const EXAMPLES: &str = "\
Examples:
  gongwen convert examples/述责述廉报告.txt          write the .docx (and .pdf) next to it
  gongwen convert draft.md -o out/ --to docx        only the Word file, into out/
  gongwen convert draft.txt --to svg,png            pictures of the pages (draft-1.svg…)
  cat draft.txt | gongwen convert - -o 通知.docx     read standard input
  gongwen inspect examples/述责述廉报告.txt          show the recognised structure
  gongwen inspect draft.md --json                   the same as JSON for scripts
  gongwen inspect old.txt --encoding gbk            override encoding detection
  gongwen inspect draft.txt --to markdown > d.md   the structure as Markdown: fix a line, convert d.md
  gongwen inspect draft.txt --explain               which rule decided each line's kind";

#[derive(Parser)]
#[command(name = "gongwen", version, about = "Typeset drafts of Chinese official documents (公文) per GB/T 9704-2012", after_help = EXAMPLES)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(clap::Args, Clone)]
struct InputArgs {
    /// Input format (default: by extension; .md/.markdown are Markdown, all else plain text)
    #[arg(long, value_parser = input_format())]
    from: Option<InputFormat>,
    /// Input encoding (default: detected; utf-8, gb18030, gbk, utf-16le…)
    #[arg(long)]
    encoding: Option<String>,
}

impl InputArgs {
    fn options(&self) -> anyhow::Result<ReadOptions> {
        let encoding = match &self.encoding {
            Some(e) => Some(gongwen::read::decode::encoding_by_label(e)?),
            None => None,
        };
        Ok(ReadOptions {
            format: self.from,
            encoding,
        })
    }
}

/// `--from`: the library's input formats by name.
fn input_format() -> impl TypedValueParser<Value = InputFormat> {
    PossibleValuesParser::new(["text", "markdown", "docx"]).try_map(|s| s.parse::<InputFormat>())
}

/// `--to`: the library's output targets by extension.
fn target() -> impl TypedValueParser<Value = gongwen::convert::Target> {
    PossibleValuesParser::new([
        PossibleValue::new("docx"),
        PossibleValue::new("pdf"),
        PossibleValue::new("svg").help("One SVG picture per page, from the PDF's layout"),
        PossibleValue::new("png").help("One PNG picture per page (the SVG rasterised)"),
    ])
    .try_map(|s| s.parse::<gongwen::convert::Target>())
}

/// `--format`: the library's document formats by name.
fn doc_format() -> impl TypedValueParser<Value = gongwen::meta::Format> {
    PossibleValuesParser::new(gongwen::meta::Format::ALL.map(|f| f.name()))
        .try_map(|s| s.parse::<gongwen::meta::Format>())
}

#[derive(Subcommand)]
enum Command {
    /// Convert a draft to DOCX and PDF laid out per GB/T 9704
    #[command(after_help = EXAMPLES)]
    Convert {
        /// The draft (.txt or .md; - for standard input)
        input: PathBuf,
        /// Output file, or folder (default: next to the input)
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Formats to write (svg and png: one picture per page, NAME-1.svg…)
        #[arg(long, value_parser = target(), value_delimiter = ',', default_value = "docx,pdf")]
        to: Vec<gongwen::convert::Target>,
        /// Resolution of --to png pages, pixels per inch
        #[arg(long, default_value_t = 150.0)]
        dpi: f32,
        /// Style sheet overriding keys of the built-in GB/T 9704 one
        #[arg(long)]
        style: Option<PathBuf>,
        /// Author written into the document properties
        #[arg(long)]
        author: Option<String>,
        /// The document carries a seal (印章): 署名 centred over the date
        #[arg(long)]
        seal: bool,
        /// Fail when a character is in no available font (default: warn)
        #[arg(long)]
        strict: bool,
        /// Metadata for the 版头 and 版记 (TOML: issuer, doc_number, signers, cc…;
        /// Chinese keys quoted: "发文机关" = "…")
        #[arg(long)]
        meta: Option<PathBuf>,
        /// Document format: report (no 版头), notice (文件), letter, minutes, order
        #[arg(long, value_parser = doc_format())]
        format: Option<gongwen::meta::Format>,
        #[command(flatten)]
        input_args: InputArgs,
    },
    /// Check drafts for what must not circulate (placeholders, numbering, dates,
    /// 文号, punctuation, missing parts), with GB/T clause references
    #[command(
        after_help = "Examples:\n  gongwen check 通知.txt                    compiler-style report; exit 1 on errors\n  gongwen check *.txt --json                one JSON object for scripts\n  gongwen check 通知.txt --fix -o 通知.fixed.txt   write a corrected copy\n  gongwen check 通知.txt --fix --in-place   correct the file itself"
    )]
    Check {
        /// Drafts to check (.txt or .md)
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Print {"findings": [...]} as JSON
        #[arg(long)]
        json: bool,
        /// Apply the mechanical fixes (punctuation, dates, brackets, marks)
        #[arg(long)]
        fix: bool,
        /// With --fix: where to write the corrected copy (one input)
        #[arg(short, long, requires = "fix")]
        output: Option<PathBuf>,
        /// With --fix: correct the input files themselves
        #[arg(long, requires = "fix", conflicts_with = "output")]
        in_place: bool,
        #[command(flatten)]
        input_args: InputArgs,
    },
    /// Show which font file draws each role, where it came from, and its coverage
    Fonts {
        /// Style sheet whose [fonts.files] entries come first
        #[arg(long)]
        style: Option<PathBuf>,
    },
    /// Show the structure the reader recognises in a draft
    #[command(after_help = EXAMPLES)]
    Inspect {
        /// The draft (.txt or .md; - for standard input)
        input: PathBuf,
        /// Print JSON instead of an outline
        #[arg(long)]
        json: bool,
        /// Write the recognised structure as Markdown (fix a misread line there, then convert it)
        #[arg(long, value_enum)]
        to: Option<InspectTo>,
        /// Say, per line, which rule decided its kind
        #[arg(long)]
        explain: bool,
        #[command(flatten)]
        input_args: InputArgs,
    },
}

/// What `inspect --to` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum InspectTo {
    /// The Markdown dialect the Markdown reader takes
    Markdown,
}

fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Command::Convert {
            input,
            output,
            to,
            style,
            author,
            seal,
            strict,
            meta,
            format,
            dpi,
            input_args,
        } => {
            if !((1.0..=2400.0).contains(&dpi)) {
                anyhow::bail!("--dpi takes a resolution between 1 and 2400, not {dpi}");
            }
            let loading = gongwen::trace::span("style sheet");
            let style = gongwen::style::Style::load(style.as_deref())?;
            drop(loading);
            let mut meta = match &meta {
                Some(p) => gongwen::meta::Meta::from_toml(
                    &std::fs::read_to_string(p).map_err(|e| gongwen::Error::io(p, e))?,
                    p,
                )?,
                None => gongwen::meta::Meta::default(),
            };
            if let Some(f) = format {
                meta.format = Some(f);
            }
            let opts = gongwen::convert::ConvertOptions {
                read: input_args.options()?,
                targets: to,
                output,
                author,
                seal: seal.then_some(true),
                strict,
                meta,
                png_dpi: dpi,
            };
            if input.is_dir() {
                return convert_batch(&input, &style, &opts);
            }
            let outcome = gongwen::convert::convert_file(&input, &style, &opts, &mut None)?;
            for w in &outcome.warnings {
                eprintln!("warning: {}: {w}", input.display());
            }
            for path in &outcome.written {
                eprintln!("wrote {}", path.display());
            }
            Ok(())
        }
        Command::Check {
            files,
            json,
            fix,
            output,
            in_place,
            input_args,
        } => {
            if fix && output.is_none() && !in_place {
                anyhow::bail!(
                    "--fix needs -o OUTPUT or --in-place (the input is never changed otherwise)"
                );
            }
            if output.is_some() && files.len() > 1 {
                anyhow::bail!("-o takes one input; use --in-place for several");
            }
            let opts = input_args.options()?;
            let mut all = Vec::new();
            for f in &files {
                let checked = gongwen::lint::check_path(f, &opts)?;
                if fix && checked.encoding == "DOCX" {
                    anyhow::bail!(
                        "{}: --fix rewrites text drafts; correct a Word draft in Word",
                        f.display()
                    );
                }
                if fix {
                    let (fixed, n) = gongwen::lint::apply_fixes(&checked.text, &checked.findings);
                    let target = output.clone().unwrap_or_else(|| f.clone());
                    if output.is_some() && target.canonicalize().ok() == f.canonicalize().ok() {
                        anyhow::bail!(
                            "{}: -o names the input; use --in-place to change it",
                            f.display()
                        );
                    }
                    gongwen::convert::write_atomic(
                        &target,
                        &gongwen::lint::encode_like(&fixed, &checked.encoding, checked.crlf),
                    )?;
                    eprintln!(
                        "{}: applied {n} fix(es), wrote {}",
                        f.display(),
                        target.display()
                    );
                }
                all.extend(checked.findings);
            }
            if json {
                emit(&format!(
                    "{}\n",
                    serde_json::to_string_pretty(&serde_json::json!({ "findings": all }))?
                ))?;
            } else {
                emit(&gongwen::lint::render_text(&all))?;
            }
            if gongwen::lint::has_errors(&all) {
                return Err(ExitQuietly.into());
            }
            Ok(())
        }
        Command::Fonts { style } => {
            let style = gongwen::style::Style::load(style.as_deref())?;
            let mut resolver = gongwen::fonts::Resolver::new();
            let set = gongwen::fonts::FontSet::load(&style, &mut resolver)?;
            let gb = gongwen::fonts::gb2312_hanzi();
            let mut out = String::new();
            for role in gongwen::fonts::FontRole::ALL {
                let chain = set.chain(role);
                let _ = writeln!(out, "{}:", role.key());
                for (k, &i) in chain.iter().enumerate() {
                    let f = &set.fonts()[i];
                    let face = if f.source.index > 0 {
                        format!(" #{}", f.source.index)
                    } else {
                        String::new()
                    };
                    let cov = if role == gongwen::fonts::FontRole::Latin {
                        String::new()
                    } else {
                        format!(", GB2312 {}/{}", gongwen::fonts::coverage(f, &gb), gb.len())
                    };
                    let _ = writeln!(
                        out,
                        "  {} {}{} — {} ({}){}",
                        if k == 0 { "primary " } else { "fallback" },
                        f.source.path.display(),
                        face,
                        f.family,
                        f.source.origin.name(),
                        cov
                    );
                }
            }
            emit(&out)
        }
        Command::Inspect {
            input,
            json,
            to,
            explain,
            input_args,
        } => {
            let opts = input_args.options()?;
            if explain {
                return emit(&gongwen::inspect::explain_path(&input, &opts)?);
            }
            let doc = gongwen::read::read_path(&input, &opts)?;
            for w in &doc.warnings {
                eprintln!("warning: {}: {w}", input.display());
            }
            if to == Some(InspectTo::Markdown) {
                emit(&format!("{}\n", gongwen::inspect::to_markdown(&doc)))
            } else if json {
                let v = gongwen::inspect::to_json(&doc);
                emit(&format!("{}\n", serde_json::to_string_pretty(&v)?))
            } else {
                emit(&gongwen::inspect::outline(&doc))
            }
        }
    }
}

/// `gongwen convert DIR`: every draft under it, a progress line on a terminal,
/// each failure reported, a summary, exit 1 when any file failed.
fn convert_batch(
    dir: &std::path::Path,
    style: &gongwen::style::Style,
    opts: &gongwen::convert::ConvertOptions,
) -> anyhow::Result<()> {
    use std::io::IsTerminal;
    let tty = std::io::stderr().is_terminal();
    let progress = |done: usize, total: usize, file: &std::path::Path| {
        if tty {
            let name = file
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let width = 30;
            let filled = (done * width).checked_div(total).unwrap_or(width);
            eprint!(
                "\r[{}{}] {done}/{total} {name:<40.40}",
                "#".repeat(filled),
                " ".repeat(width - filled)
            );
        }
    };
    let items = gongwen::convert::convert_dir(dir, style, opts, &progress)?;
    if tty {
        eprintln!();
    }
    let mut failed = 0;
    let mut written = 0;
    for it in &items {
        match &it.result {
            Ok(o) => {
                written += o.written.len();
                for w in &o.warnings {
                    eprintln!("warning: {}: {w}", it.input.display());
                }
            }
            Err(e) => {
                failed += 1;
                eprintln!("error: {e}");
            }
        }
    }
    eprintln!(
        "{} of {} drafts converted ({written} files written), {failed} failed",
        items.len() - failed,
        items.len()
    );
    if failed > 0 {
        return Err(ExitQuietly.into());
    }
    Ok(())
}

/// Write a command's output; a reader that went away (`| head`) is not an error.
fn emit(s: &str) -> anyhow::Result<()> {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(s.as_bytes()).and_then(|_| stdout.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.into()),
        _ => Ok(()),
    }
}

/// An exit status of 1 whose reason is already printed (check found errors).
#[derive(Debug)]
struct ExitQuietly;

impl std::fmt::Display for ExitQuietly {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("errors found")
    }
}

impl std::error::Error for ExitQuietly {}

fn main() -> ExitCode {
    gongwen::trace::start();
    let parsing = gongwen::trace::span("arguments");
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            // clap exits 0 for --help/--version and 2 for usage errors.
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    drop(parsing);
    let result = run(cli);
    gongwen::trace::report();
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.is::<ExitQuietly>() => ExitCode::from(1),
        Err(e) => {
            eprintln!("error: {e:#}");
            // 1: the input's fault; 3: the environment's or gongwen's own.
            let input = e
                .chain()
                .find_map(|c| c.downcast_ref::<gongwen::Error>())
                .is_none_or(gongwen::Error::is_input);
            ExitCode::from(if input { 1 } else { 3 })
        }
    }
}
