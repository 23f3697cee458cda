//! Reading drafts: decode the bytes, split them into units (plain text or
//! Markdown), recognise the parts of a 公文 and build the section tree.

pub mod decode;
pub mod docx;
pub mod front_matter;
pub mod head;
pub mod markdown;
pub mod oneline;
pub mod placeholders;
pub mod recognize;
pub mod structure;
pub mod table;
pub mod tail;
pub mod text;
pub mod toc;

use std::path::Path;

use encoding_rs::Encoding;

use crate::error::{Error, Result};
use crate::meta::{Meta, OneOrMany};
use crate::model::{BlockKind, Document};

/// The input languages. Plain text is never read as Markdown. Word files
/// are recognised by their content whatever their name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputFormat {
    Text,
    Markdown,
    /// A word-processor file: .docx, or .doc/.wps/.odt/.rtf through LibreOffice.
    Docx,
}

impl std::str::FromStr for InputFormat {
    type Err = String;

    /// `text`, `markdown` or `docx` (the command line's `--from`).
    fn from_str(s: &str) -> std::result::Result<Self, String> {
        match s {
            "text" => Ok(InputFormat::Text),
            "markdown" => Ok(InputFormat::Markdown),
            "docx" => Ok(InputFormat::Docx),
            _ => Err(format!("unknown input format `{s}` (text, markdown, docx)")),
        }
    }
}

impl InputFormat {
    /// `.md`/`.markdown` files are Markdown, word-processor files are Word
    /// drafts; everything else is plain text.
    pub fn from_path(path: &Path) -> InputFormat {
        match path
            .extension()
            .and_then(|e| e.to_str())
            .map(|e| e.to_ascii_lowercase())
            .as_deref()
        {
            Some("md") | Some("markdown") | Some("mdown") => InputFormat::Markdown,
            Some("docx" | "docm" | "dotx" | "dotm" | "doc" | "wps" | "odt" | "rtf") => {
                InputFormat::Docx
            }
            _ => InputFormat::Text,
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// Overrides the format implied by the file name.
    pub format: Option<InputFormat>,
    /// Overrides encoding detection.
    pub encoding: Option<&'static Encoding>,
}

/// The raw bytes of a file, or of standard input for `-`.
pub fn read_input(path: &Path) -> Result<Vec<u8>> {
    if path.as_os_str() == "-" {
        let mut v = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin(), &mut v)
            .map_err(|e| Error::io("<stdin>", e))?;
        Ok(v)
    } else {
        std::fs::read(path).map_err(|e| Error::io(path, e))
    }
}

/// Read a file (or `-` for standard input) into a document.
pub fn read_path(path: &Path, opts: &ReadOptions) -> Result<Document> {
    read_bytes(&read_input(path)?, path, opts)
}

/// Read bytes; `path` names the input in messages and picks the format.
pub fn read_bytes(bytes: &[u8], path: &Path, opts: &ReadOptions) -> Result<Document> {
    Ok(read_bytes_with_text(bytes, path, opts)?.0)
}

/// Read bytes and keep the decoded text (the linter reports on source lines).
pub fn read_bytes_with_text(
    bytes: &[u8],
    path: &Path,
    opts: &ReadOptions,
) -> Result<(Document, decode::Decoded, InputFormat)> {
    let format = opts.format.unwrap_or_else(|| InputFormat::from_path(path));
    if let Some(draft) = word_draft(bytes, path, format)? {
        // What the file's own 版头 and 版记 say (gongwen's DOCX read back)
        // stands where front matter would.
        let front = front_matter::FrontMatter {
            meta: draft.meta,
            ..Default::default()
        };
        let mut doc = assemble(draft.units, draft.skipped, Some(front));
        doc.encoding = "DOCX".into();
        doc.unit = crate::model::SourceUnit::Paragraph;
        doc.warnings = draft.warnings;
        let decoded = decode::Decoded {
            text: draft.text,
            encoding: doc.encoding.clone(),
        };
        return Ok((doc, decoded, InputFormat::Docx));
    }
    let decoded = decode::decode(bytes, path, opts.encoding)?;
    let mut doc = read_str(&decoded.text, format, path)?;
    doc.encoding = decoded.encoding.clone();
    Ok((doc, decoded, format))
}

/// A word-processor file, recognised by its content: read as .docx, or first
/// converted to .docx by LibreOffice. `None` for text.
fn word_draft(bytes: &[u8], path: &Path, format: InputFormat) -> Result<Option<docx::DocxDraft>> {
    use docx::Sniffed;
    let not_word = |what: &str| Error::Invalid {
        path: path.to_path_buf(),
        message: format!("not a Word document: {what}"),
    };
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase())
        .unwrap_or_default();
    let docx_bytes = match docx::sniff(bytes) {
        Sniffed::Docx => return docx::read(bytes, path).map(Some),
        Sniffed::Odt => docx::soffice::to_docx(bytes, path, "odt")?,
        Sniffed::Ole => {
            docx::soffice::to_docx(bytes, path, if ext == "wps" { "wps" } else { "doc" })?
        }
        Sniffed::Rtf => docx::soffice::to_docx(bytes, path, "rtf")?,
        // Named as a text draft, anything else is for the text reader to
        // take or refuse.
        _ if format != InputFormat::Docx => return Ok(None),
        Sniffed::OtherZip => {
            return Err(not_word("a zip archive without word/document.xml"));
        }
        Sniffed::NotADocument(what) => return Err(not_word(&format!("the file is {what}"))),
        Sniffed::Other => {
            return Err(not_word(
                "the file is neither .docx nor a format LibreOffice converts",
            ));
        }
    };
    docx::read(&docx_bytes, path).map(Some)
}

/// Structure already-decoded text.
pub fn read_str(text: &str, format: InputFormat, path: &Path) -> Result<Document> {
    let (units, skipped, front) = match format {
        InputFormat::Text => match text::front_matter(text) {
            // The house keys a page or a clerk writes above a plain draft; the
            // lines stay (blank) so that line numbers keep to the source.
            Some((yaml, n)) => {
                let front = front_matter::parse(&yaml, 2, path)?;
                let rest = text.splitn(n + 1, '\n').nth(n).unwrap_or("");
                let (u, mut s) = text::units(&format!("{}{rest}", "\n".repeat(n)));
                s.insert(0, (1, n));
                (u, s, Some(front))
            }
            None => {
                let (u, s) = text::units(text);
                (u, s, None)
            }
        },
        InputFormat::Docx => {
            let (u, s) = text::units(text);
            (u, s, None)
        }
        InputFormat::Markdown => {
            let parts = markdown::parse(text);
            let front = match &parts.front_matter {
                Some((yaml, line)) => Some(front_matter::parse(yaml, *line, path)?),
                None => None,
            };
            let units = load_images(parts.units, path)?;
            (units, parts.skipped, front)
        }
    };
    let mut doc = assemble(units, skipped, front);
    front_matter::ensure_visible(&doc, path)?;
    doc.encoding = "UTF-8".into();
    Ok(doc)
}

/// Load the pictures a Markdown draft names, relative to the draft's folder
/// (the working folder for standard input): a picture that is missing or not
/// a PNG/JPEG stops the conversion, naming the draft, the line and the path.
fn load_images(units: Vec<structure::Unit>, draft: &Path) -> Result<Vec<structure::Unit>> {
    let base = match draft.parent() {
        Some(p) if draft.as_os_str() != "-" => p.to_path_buf(),
        _ => std::path::PathBuf::new(),
    };
    units
        .into_iter()
        .map(|mut u| {
            if let structure::Hint::ImageFile { path, alt } = &u.hint {
                let fail = |message: String| Error::Picture {
                    path: draft.to_path_buf(),
                    line: u.lines.0,
                    picture: path.clone(),
                    message,
                };
                if path.contains("://") {
                    return Err(fail(
                        "pictures on the web are not fetched: save it beside the draft".into(),
                    ));
                }
                let file = base.join(path);
                let bytes = std::fs::read(&file)
                    .map_err(|e| fail(format!("cannot read {}: {e}", file.display())))?;
                let image = crate::picture::image_of(bytes, alt, path).map_err(fail)?;
                u.hint = structure::Hint::Image(image);
            }
            Ok(u)
        })
        .collect()
}

/// Units to the section tree, with the front matter merged in and the
/// metadata the draft carries.
fn assemble(
    units: Vec<structure::Unit>,
    skipped: Vec<(usize, usize)>,
    front: Option<front_matter::FrontMatter>,
) -> Document {
    let blocks = structure::build_blocks(units);
    let mut doc = Document::from_blocks(Meta::default(), blocks);
    doc.skipped = skipped;
    doc.front_matter = front;
    front_matter::apply(&mut doc, &Meta::default());
    doc
}

/// The metadata a draft already carries in its text (文号, 主送, 署名, 日期…).
fn meta_from_draft(blocks: &[crate::model::Block]) -> Meta {
    let mut m = Meta::default();
    let mut signatures = Vec::new();
    for b in blocks {
        let t = b.text();
        match b.kind {
            BlockKind::DocNumber if m.doc_number.is_none() => {
                // A 文号 line of an upward document carries 签发人 too.
                match t.find("签发人") {
                    Some(i) => {
                        m.doc_number =
                            Some(t[..i].trim_matches(crate::model::is_blank_char).to_string());
                        let names = t[i + "签发人".len()..]
                            .trim_start_matches(['：', ':'])
                            .trim_matches(crate::model::is_blank_char);
                        let list: Vec<String> = names
                            .split(crate::model::is_blank_char)
                            .filter(|s| !s.is_empty())
                            .map(str::to_string)
                            .collect();
                        if !list.is_empty() {
                            m.signers = Some(OneOrMany::Many(list));
                        }
                    }
                    None => m.doc_number = Some(t.trim_matches(['（', '）', '(', ')']).to_string()),
                }
            }
            BlockKind::OrgMark if m.issuer.is_none() => {
                // `XX市人民政府文件` names the organ of a 文件格式 document.
                if let Some(organ) = t.strip_suffix("文件") {
                    m.issuer = Some(OneOrMany::One(organ.trim().to_string()));
                    m.format = Some(crate::meta::Format::Notice);
                } else {
                    m.issuer = Some(OneOrMany::One(t.trim().to_string()));
                }
            }
            BlockKind::Addressee if m.addressee.is_none() => m.addressee = Some(OneOrMany::One(t)),
            BlockKind::Signature => signatures.push(t),
            BlockKind::Date if m.date.is_none() => m.date = Some(t),
            BlockKind::Note if m.note.is_none() => m.note = Some(t),
            BlockKind::Cc if m.cc.is_none() => m.cc = Some(OneOrMany::One(t)),
            _ => {}
        }
    }
    if !signatures.is_empty() {
        m.signature = Some(if signatures.len() == 1 {
            OneOrMany::One(signatures.remove(0))
        } else {
            OneOrMany::Many(signatures)
        });
    }
    m
}
