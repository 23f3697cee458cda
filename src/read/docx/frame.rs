//! gongwen's own DOCX read back. Its 版头 (份号, 密级, 紧急程度, 发文机关标志,
//! 发文字号, 签发人) and 版记 (抄送, 印发) are drawn from the metadata, in
//! paragraphs of its own `Gw…` styles, partly in headers and footers; read
//! back they become that metadata again, not body text, so that a typeset
//! document (edited in Word or not) typesets to the same document. Only a
//! document whose styles are gongwen's is read this way.

use crate::meta::{Format, Meta, OneOrMany};
use crate::model::is_blank_char;
use crate::read::recognize as r;

use super::body::{Item, Para};

pub const ISSUER_STYLE: &str = "GwIssuer";
const COPY_NO_STYLE: &str = "GwCopyNo";
const SECRECY_STYLE: &str = "GwSecrecy";
const DOC_NUMBER_STYLE: &str = "GwDocNumber";
const CC_STYLE: &str = "GwCc";
const ISSUED_BY_STYLE: &str = "GwIssuedBy";

/// The styles that mark a document as gongwen's.
pub const MARKER_STYLES: [&str; 2] = [ISSUER_STYLE, "GwPageNumber"];

fn text(p: &Para) -> String {
    p.lines.iter().map(|l| l.text()).collect()
}

fn parts(t: &str) -> impl Iterator<Item = &str> {
    t.split('\t')
        .map(|s| s.trim_matches(is_blank_char))
        .filter(|s| !s.is_empty())
}

/// The frame's metadata and the body without it; `skipped` gets the units
/// the 版头 took.
pub fn recover(
    items: Vec<Item>,
    headers: &[Para],
    footers: &[Para],
    skipped: &mut Vec<(usize, usize)>,
) -> (Vec<Item>, Meta) {
    let mut meta = Meta::default();
    let mut issuers: Vec<String> = Vec::new();
    let mut notice = false;
    let mut body: Vec<Item> = Vec::new();
    for item in items {
        let Item::Para(p) = item else {
            body.push(item);
            continue;
        };
        let t = text(&p);
        match p.style.as_deref() {
            Some(COPY_NO_STYLE) => meta.copy_no = Some(t.trim().to_string()),
            Some(SECRECY_STYLE) => {
                for part in parts(&t) {
                    if part.contains('★')
                        || ["绝密", "机密", "秘密"].iter().any(|m| part.starts_with(m))
                    {
                        meta.secrecy = Some(part.to_string());
                    } else if r::is_doc_number(part) {
                        meta.doc_number = Some(part.to_string());
                    } else {
                        meta.urgency = Some(part.to_string());
                    }
                }
            }
            Some(ISSUER_STYLE) => {
                let t = t.trim_matches(is_blank_char);
                if t == "文件" {
                    notice = true;
                } else if let Some(organ) = t.strip_suffix("文件") {
                    notice = true;
                    issuers.push(organ.to_string());
                } else if !t.is_empty() {
                    issuers.push(t.to_string());
                }
            }
            Some(DOC_NUMBER_STYLE) => {
                for part in parts(&t) {
                    match part.split_once("签发人") {
                        Some((_, names)) => {
                            let names: Vec<String> = names
                                .trim_start_matches(['：', ':'])
                                .split(|c| is_blank_char(c) || c == '、')
                                .filter(|s| !s.is_empty())
                                .map(str::to_string)
                                .collect();
                            if !names.is_empty() {
                                meta.signers = Some(OneOrMany::Many(names));
                            }
                        }
                        None => meta.doc_number = Some(part.to_string()),
                    }
                }
            }
            _ => {
                body.push(Item::Para(p));
                continue;
            }
        }
        skipped.push(p.units);
    }
    let mut letter = false;
    for p in headers {
        if p.style.as_deref() == Some(ISSUER_STYLE) {
            let t = text(p);
            if !t.trim().is_empty() {
                issuers.push(t.trim_matches(is_blank_char).to_string());
                letter = true;
            }
        }
    }
    for p in footers {
        let t = text(p);
        match p.style.as_deref() {
            Some(CC_STYLE) => {
                let cc = t
                    .trim_matches(is_blank_char)
                    .trim_start_matches("抄送")
                    .trim_start_matches(['：', ':'])
                    .trim_end_matches(['。', '.']);
                meta.cc = Some(crate::meta::OneOrMany::One(cc.to_string()));
            }
            Some(ISSUED_BY_STYLE) => {
                let mut ps = parts(&t);
                meta.printed_by = ps.next().map(str::to_string);
                meta.printed_date = ps.next().map(|d| d.trim_end_matches("印发").to_string());
            }
            _ => {}
        }
    }
    meta.format = if letter {
        Some(Format::Letter)
    } else if notice {
        Some(Format::Notice)
    } else if issuers.iter().any(|i| i.ends_with("纪要")) {
        Some(Format::Minutes)
    } else if issuers.iter().any(|i| i.ends_with('令')) {
        Some(Format::Order)
    } else {
        None
    };
    meta.issuer = match issuers.len() {
        0 => None,
        1 => Some(OneOrMany::One(issuers.remove(0))),
        _ => Some(OneOrMany::Many(issuers)),
    };
    (join_cut_paragraphs(body), meta)
}

/// gongwen cuts a paragraph where the PDF's page turns before a 版记 sharing
/// the page: the first part ends the section, the rest follows without a
/// first-line indent. Read back, they are one paragraph again.
fn join_cut_paragraphs(items: Vec<Item>) -> Vec<Item> {
    let mut out: Vec<Item> = Vec::new();
    for item in items {
        if let (Some(Item::Para(prev)), Item::Para(p)) = (out.last_mut(), &item) {
            if prev.section_end && p.no_indent {
                let mut lines = p.lines.clone().into_iter();
                if let (Some(last), Some(first)) = (prev.lines.last_mut(), lines.next()) {
                    first.0.into_iter().for_each(|s| last.push(s));
                }
                prev.lines.extend(lines);
                prev.units.1 = p.units.1;
                prev.section_end = p.section_end;
                continue;
            }
        }
        out.push(item);
    }
    out
}
