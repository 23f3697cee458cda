//! Reading drafts: decode the bytes, split them into units (plain text or
//! Markdown), recognise the parts of a 公文 and build the section tree.

pub mod decode;
pub mod head;
pub mod markdown;
pub mod oneline;
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

/// The two input languages. Plain text is never read as Markdown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum InputFormat {
    Text,
    Markdown,
}

impl InputFormat {
    /// `.md`/`.markdown` files are Markdown; everything else is plain text.
    pub fn from_path(path: &Path) -> InputFormat {
        match path
            .extension()
            .and_then(|e| e.to_str())
            .map(|e| e.to_ascii_lowercase())
            .as_deref()
        {
            Some("md") | Some("markdown") | Some("mdown") => InputFormat::Markdown,
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
    let decoded = decode::decode(bytes, path, opts.encoding)?;
    let format = opts.format.unwrap_or_else(|| InputFormat::from_path(path));
    let mut doc = read_str(&decoded.text, format, path)?;
    doc.encoding = decoded.encoding.clone();
    Ok((doc, decoded, format))
}

/// Structure already-decoded text.
pub fn read_str(text: &str, format: InputFormat, path: &Path) -> Result<Document> {
    let (units, skipped, mut meta) = match format {
        InputFormat::Text => {
            let (u, s) = text::units(text);
            (u, s, Meta::default())
        }
        InputFormat::Markdown => {
            let parts = markdown::parse(text);
            let meta = match &parts.front_matter {
                Some((yaml, line)) => markdown::parse_front_matter(yaml, *line, path)?,
                None => Meta::default(),
            };
            (parts.units, parts.skipped, meta)
        }
    };
    let blocks = structure::build_blocks(units);
    let mut doc = Document::from_blocks(Meta::default(), blocks);
    meta.fill_from(&meta_from_draft(&doc));
    doc.meta = meta;
    doc.skipped = skipped;
    doc.encoding = "UTF-8".into();
    Ok(doc)
}

/// The metadata a draft already carries in its text (文号, 主送, 署名, 日期…).
fn meta_from_draft(doc: &Document) -> Meta {
    let mut m = Meta::default();
    let mut signatures = Vec::new();
    for b in doc.blocks() {
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
            BlockKind::Addressee if m.addressee.is_none() => m.addressee = Some(t),
            BlockKind::Signature => signatures.push(t),
            BlockKind::Date if m.date.is_none() => m.date = Some(t),
            BlockKind::Note if m.note.is_none() => m.note = Some(t),
            BlockKind::Cc if m.cc.is_none() => m.cc = Some(t),
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
