//! Front matter (and a `--meta` file) as a source of the document, not only of
//! the 版头: every element it gives that has a place in the text (标题, 主送, 署名,
//! 成文日期, 附注, 抄送, 印发) becomes an ordinary block of the model, where GB/T
//! 9704 puts it, so that both writers and the linter see one document. When the
//! draft's text gives the same element, the text wins and a warning says so.
//!
//! The merge is re-run from scratch whenever more metadata arrives (`convert
//! --meta`): the blocks made earlier from metadata are taken out first.

use std::collections::BTreeMap;
use std::path::Path;

use crate::error::{Error, Result};
use crate::meta::{Format, Meta};
use crate::model::{is_blank_char, Block, BlockKind, Document, Inlines};

/// The front matter as the author wrote it, and the line of each key.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FrontMatter {
    pub meta: Meta,
    /// 1-based source line of each key, by its English name.
    pub lines: BTreeMap<&'static str, usize>,
    /// Elements the draft's text gives too (the text wins): the key's line (0
    /// for `--meta`) and the warning.
    pub overridden: Vec<(usize, String)>,
}

/// Parse YAML front matter that starts on `first_line`. Unknown keys and values
/// of the wrong type are errors naming the key, the file and the line.
pub fn parse(yaml: &str, first_line: usize, path: &Path) -> Result<FrontMatter> {
    let lines = key_lines(yaml, first_line);
    if yaml.trim().is_empty() {
        return Ok(FrontMatter::default());
    }
    let meta = serde_norway::from_str::<Meta>(yaml).map_err(|e| {
        let message = e.to_string();
        // The YAML's own position is replaced by the file's line.
        let message = match message.rfind(" at line ") {
            Some(i) => message[..i].to_string(),
            None => message,
        };
        Error::Syntax {
            path: path.to_path_buf(),
            line: first_line + e.location().map_or(0, |l| l.line().saturating_sub(1)),
            message: format!("front matter: {message}"),
        }
    })?;
    Ok(FrontMatter {
        meta,
        lines,
        overridden: Vec::new(),
    })
}

/// The line of each top-level key (`标题: …` on its own line).
fn key_lines(yaml: &str, first_line: usize) -> BTreeMap<&'static str, usize> {
    let mut out = BTreeMap::new();
    for (k, line) in yaml.lines().enumerate() {
        if line.starts_with([' ', '\t', '#', '-']) {
            continue;
        }
        let Some((key, _)) = line.split_once(':') else {
            continue;
        };
        let key = key.trim().trim_matches(['"', '\'']);
        if let Some(name) = crate::meta::english_key(key) {
            out.entry(name).or_insert(first_line + k);
        }
    }
    out
}

/// What the author gave explicitly: `extra` (a `--meta` file, `--format`) over
/// the front matter.
pub fn given(doc: &Document, extra: &Meta) -> Meta {
    let mut given = extra.clone();
    if let Some(fm) = &doc.front_matter {
        given.fill_from(&fm.meta);
    }
    given
}

/// Merge the front matter and `extra` into the document: the metadata (the
/// explicit values over what the draft's text says) and the blocks.
pub fn apply(doc: &mut Document, extra: &Meta) {
    let given = given(doc, extra);
    let fm_lines = doc
        .front_matter
        .as_ref()
        .map(|f| f.lines.clone())
        .unwrap_or_default();
    let mut blocks: Vec<Block> = doc
        .take_blocks()
        .into_iter()
        .filter(|b| !b.from_meta)
        .collect();
    let drafted = super::meta_from_draft(&blocks);
    let mut meta = given.clone();
    meta.fill_from(&drafted);
    // An organ named for the 版头 asks for one: the 文件 format unless another
    // is named.
    if given.issuer.is_some() && meta.format.is_none() {
        meta.format = Some(Format::Notice);
    }
    for element in elements(&given, !has_head(&meta)) {
        // A `--meta` file has no lines of the draft to point at.
        let line = if key_given(extra, element.key) {
            0
        } else {
            fm_lines.get(element.key).copied().unwrap_or(0)
        };
        if blocks.iter().any(|b| b.kind == element.kind) {
            let note = format!(
                "{} ({}) is given both in the metadata and in the text; the text's is used",
                element.label, element.key
            );
            if !doc.warnings.contains(&note) {
                doc.warnings.push(note.clone());
                if let Some(fm) = doc.front_matter.as_mut() {
                    fm.overridden.push((line, note));
                }
            }
            continue;
        }
        let at = insert_at(&blocks, element.kind);
        for (k, text) in element.texts.into_iter().enumerate() {
            let mut b = Block::new(element.kind, (line, line), Inlines::plain(text));
            b.from_meta = true;
            blocks.insert(at + k, b);
        }
    }
    let rebuilt = Document::from_blocks(meta, blocks);
    doc.meta = rebuilt.meta;
    doc.nodes = rebuilt.nodes;
}

/// Whether a `--meta` value for this key exists (it then wins).
fn key_given(extra: &Meta, key: &str) -> bool {
    let probe = serde_json::to_value(extra).unwrap_or_default();
    match key {
        "printed_by" => probe.get("printed_by").is_some() || probe.get("printed_date").is_some(),
        _ => probe.get(key).is_some(),
    }
}

/// Keys printed only in a 版头 (a 发文字号 without one is a line of the text).
const HEAD_KEYS: [(&str, &str); 5] = [
    ("copy_no", "份号"),
    ("secrecy", "密级"),
    ("urgency", "紧急程度"),
    ("issuer", "发文机关"),
    ("signers", "签发人"),
];

/// Whether the document has a 版头: a format with one, and an organ for its mark.
fn has_head(meta: &Meta) -> bool {
    meta.format.unwrap_or_default() != Format::Report && !meta.issuers().is_empty()
}

/// Refuse what would not reach the page: a 版头 element given for a document
/// that has no 版头 (the `report` format, or no 发文机关).
pub fn refuse_unprinted(doc: &Document, extra: &Meta) -> std::result::Result<(), String> {
    let given = serde_json::to_value(given(doc, extra)).unwrap_or_default();
    let format = doc.meta.format.unwrap_or_default();
    if has_head(&doc.meta) {
        return Ok(());
    }
    for (key, name) in HEAD_KEYS {
        if given.get(key).is_some() {
            return Err(format!(
                "{name} ({key}) is printed in the 版头, which {}: give a format (notice, letter, minutes, order) and a 发文机关 (issuer)",
                if format == Format::Report {
                    "the report format does not have"
                } else {
                    "needs a 发文机关 (issuer)"
                }
            ));
        }
    }
    Ok(())
}

/// A draft with nothing visible is refused, unless the metadata gives it a title.
pub fn ensure_visible(doc: &Document, path: &Path) -> Result<()> {
    let visible = doc
        .blocks()
        .iter()
        .any(|b| (!b.from_meta || b.kind == BlockKind::Title) && has_visible(&b.text()));
    if visible {
        Ok(())
    } else {
        Err(Error::NoText {
            path: path.to_path_buf(),
        })
    }
}

/// Characters that print nothing: white space, and what the layout draws no
/// glyph for (controls, zero-width and bidi marks, variation selectors).
pub fn is_invisible(c: char) -> bool {
    is_blank_char(c) || crate::layout::is_invisible(c)
}

fn has_visible(s: &str) -> bool {
    s.chars().any(|c| !is_invisible(c))
}

/// One element the metadata gives: its kind, key, name and the text of its
/// blocks (several for 署名: one organ per line).
struct Element {
    kind: BlockKind,
    key: &'static str,
    label: &'static str,
    texts: Vec<String>,
}

/// The elements in document order, each written as the standard writes it;
/// `headless`: no 版头 prints the 发文字号, so it is a line above the title.
fn elements(m: &Meta, headless: bool) -> Vec<Element> {
    let mut out = Vec::new();
    let mut add = |kind, key, label, texts: Vec<String>| {
        let texts: Vec<String> = texts.into_iter().filter(|t| has_visible(t)).collect();
        if !texts.is_empty() {
            out.push(Element {
                kind,
                key,
                label,
                texts,
            });
        }
    };
    let trimmed = |s: &str| s.trim_matches(is_blank_char).to_string();
    if let Some(d) = m.doc_number.as_deref().filter(|_| headless) {
        add(
            BlockKind::DocNumber,
            "doc_number",
            "发文字号",
            vec![trimmed(d)],
        );
    }
    if let Some(t) = &m.title {
        // A line break the author put into the title stays (title lines).
        let lines: Vec<&str> = t
            .lines()
            .map(|l| l.trim_matches(is_blank_char))
            .filter(|l| !l.is_empty())
            .collect();
        add(BlockKind::Title, "title", "标题", vec![lines.join("\n")]);
    }
    if let Some(t) = &m.subtitle {
        add(BlockKind::Subtitle, "subtitle", "副标题", vec![trimmed(t)]);
    }
    if let Some(a) = &m.addressee {
        let mut t = a.to_vec().join("，");
        if !t.ends_with(['：', ':']) && !t.is_empty() {
            t.push('：');
        }
        add(BlockKind::Addressee, "addressee", "主送", vec![t]);
    }
    if let Some(s) = &m.signature {
        add(BlockKind::Signature, "signature", "署名", s.to_vec());
    }
    if let Some(d) = &m.date {
        add(BlockKind::Date, "date", "成文日期", vec![trimmed(d)]);
    }
    if let Some(n) = &m.note {
        let n = trimmed(n);
        let t = if n.starts_with(['（', '(']) {
            n
        } else {
            format!("（{n}）")
        };
        add(BlockKind::Note, "note", "附注", vec![t]);
    }
    if let Some(c) = &m.cc {
        let items = c.to_vec();
        let mut t = items.join("，");
        for prefix in ["抄送：", "抄送:", "抄送"] {
            if let Some(rest) = t.strip_prefix(prefix) {
                t = rest.trim_start_matches(is_blank_char).to_string();
                break;
            }
        }
        let mut t = format!("抄送：{t}");
        if !t.ends_with(['。', '.']) {
            t.push('。');
        }
        if items.iter().any(|i| has_visible(i)) {
            add(BlockKind::Cc, "cc", "抄送", vec![t]);
        }
    }
    if m.printed_by.is_some() || m.printed_date.is_some() {
        let organ = m.printed_by.as_deref().map(trimmed).unwrap_or_default();
        let date = m
            .printed_date
            .as_deref()
            .map(trimmed)
            .filter(|d| !d.is_empty())
            .map(|d| {
                if d.ends_with("印发") {
                    d
                } else {
                    format!("{d}印发")
                }
            })
            .unwrap_or_default();
        let t = [organ, date]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join("　");
        add(
            BlockKind::IssuedBy,
            "printed_by",
            "印发机关和印发日期",
            vec![t],
        );
    }
    out
}

/// Where a block of this kind goes among the draft's blocks (GB/T 9704 7.2–7.4):
/// the title after any 版头 lines, 主送 after the title, 署名 and 日期 after the
/// body and its 附件说明, 附注 under the date, the 版记 last; attachments
/// (附件 pages) stay after the 落款.
fn insert_at(blocks: &[Block], kind: BlockKind) -> usize {
    use BlockKind as K;
    let leading = |kinds: &[BlockKind]| {
        blocks
            .iter()
            .take_while(|b| kinds.contains(&b.kind))
            .count()
    };
    let first = |k: BlockKind, before: usize| blocks[..before].iter().position(|b| b.kind == k);
    let after_last = |kinds: &[BlockKind], before: usize| {
        blocks[..before]
            .iter()
            .rposition(|b| kinds.contains(&b.kind))
            .map(|i| i + 1)
    };
    let tail = blocks
        .iter()
        .position(|b| matches!(b.kind, K::AttachmentLabel | K::Cc | K::IssuedBy))
        .unwrap_or(blocks.len());
    match kind {
        K::DocNumber => leading(&[K::OrgMark]),
        K::Title => leading(&[K::OrgMark, K::DocNumber]),
        K::Subtitle | K::Addressee => leading(&[K::OrgMark, K::DocNumber, K::Title, K::Subtitle]),
        K::Signature => first(K::Date, tail)
            .or_else(|| first(K::Note, tail))
            .unwrap_or(tail),
        K::Date => after_last(&[K::Signature], tail)
            .or_else(|| first(K::Note, tail))
            .unwrap_or(tail),
        K::Note => after_last(&[K::Signature, K::Date], tail).unwrap_or(tail),
        K::Cc => first(K::IssuedBy, blocks.len()).unwrap_or(blocks.len()),
        _ => blocks.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::{read_str, InputFormat};

    fn read(src: &str) -> Document {
        read_str(src, InputFormat::Markdown, Path::new("d.md")).unwrap()
    }

    fn kinds(doc: &Document) -> Vec<(&'static str, String, bool)> {
        doc.blocks()
            .iter()
            .map(|b| (b.kind.name(), b.text(), b.from_meta))
            .collect()
    }

    #[test]
    fn front_matter_fills_the_document_in_the_standards_order() {
        let doc = read(
            "---\n标题: 关于X的请示\n主送: 市人民政府\n署名: [甲局, 乙局]\n成文日期: 2024年5月20日\n附注: 联系人：李四\n抄送: 市委办公室，市政协办公室\n印发机关: 甲局办公室\n印发日期: 2024年5月21日\n---\n\n正文。\n\n附件：1.方案\n",
        );
        let k: Vec<(&str, String)> = kinds(&doc).into_iter().map(|(k, t, _)| (k, t)).collect();
        let want = [
            ("title", "关于X的请示"),
            ("addressee", "市人民政府："),
            ("paragraph", "正文。"),
            ("attachment_note", "附件：1.方案"),
            ("signature", "甲局"),
            ("signature", "乙局"),
            ("date", "2024年5月20日"),
            ("note", "（联系人：李四）"),
            ("cc", "抄送：市委办公室，市政协办公室。"),
            ("issued_by", "甲局办公室　2024年5月21日印发"),
        ];
        let want: Vec<(&str, String)> = want.iter().map(|(k, t)| (*k, t.to_string())).collect();
        assert_eq!(k, want);
        // Each made block points at its key's line.
        let title = &doc.blocks()[0];
        assert!(title.from_meta);
        assert_eq!(title.lines, (2, 2));
        // `meta` keeps the values as written.
        assert_eq!(doc.meta.note.as_deref(), Some("联系人：李四"));
    }

    #[test]
    fn the_text_wins_and_says_so_once() {
        let doc = read("---\ntitle: 关于甲的通知\n---\n\n# 关于乙的通知\n\n正文。\n");
        let titles: Vec<_> = kinds(&doc)
            .into_iter()
            .filter(|(k, _, _)| *k == "title")
            .collect();
        assert_eq!(titles, vec![("title", "关于乙的通知".to_string(), false)]);
        assert_eq!(doc.warnings.len(), 1, "{:?}", doc.warnings);
        assert!(doc.warnings[0].contains("标题"));
    }

    #[test]
    fn meta_file_values_replace_the_front_matters() {
        let mut doc = read("---\n署名: 甲局\n---\n\n正文。\n");
        let extra = Meta {
            signature: Some(crate::meta::OneOrMany::One("乙局".into())),
            ..Meta::default()
        };
        apply(&mut doc, &extra);
        let sig: Vec<_> = kinds(&doc)
            .into_iter()
            .filter(|(k, _, _)| *k == "signature")
            .collect();
        assert_eq!(sig, vec![("signature", "乙局".to_string(), true)]);
        assert_eq!(doc.blocks().last().unwrap().lines, (0, 0));
    }

    #[test]
    fn an_issuer_asks_for_the_file_format_and_head_keys_need_a_head() {
        let doc = read("---\nissuer: 某某局\n---\n\n正文。\n");
        assert_eq!(doc.meta.format, Some(Format::Notice));
        let doc = read("---\n密级: 秘密\n---\n\n正文。\n");
        let e = refuse_unprinted(&doc, &Meta::default()).unwrap_err();
        assert!(e.contains("secrecy") && e.contains("密级"), "{e}");
    }

    #[test]
    fn wrong_types_and_lines() {
        let e = read_str(
            "---\ntitle: X\ncc:\n  a: b\n---\n正文\n",
            InputFormat::Markdown,
            Path::new("d.md"),
        )
        .unwrap_err()
        .to_string();
        assert!(e.starts_with("d.md:4:") && e.contains("cc"), "{e}");
        let doc = read("---\n抄送:\n  - 甲\n  - 乙\n签发人: 张三，李四\n---\n正文。\n");
        assert_eq!(doc.blocks().last().unwrap().text(), "抄送：甲，乙。");
        assert_eq!(
            doc.meta.signers.as_ref().unwrap().to_vec(),
            vec!["张三", "李四"]
        );
    }

    #[test]
    fn nothing_visible_is_refused_unless_titled() {
        for src in [
            " \n\u{3000}\n",
            "\u{200b}\n\u{a0}\n",
            "---\n署名: 甲局\n---\n\u{200b}\n",
        ] {
            let e = read_str(src, InputFormat::Markdown, Path::new("e.md"))
                .unwrap_err()
                .to_string();
            assert!(e.starts_with("e.md: "), "{e}");
        }
        assert!(read_str(
            "---\n标题: 关于X的通知\n---\n",
            InputFormat::Markdown,
            Path::new("t.md")
        )
        .is_ok());
    }
}
