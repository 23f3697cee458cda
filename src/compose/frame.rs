//! The frame's decisions: whether a document has a 版头 and its 发文机关标志
//! (7.2.4), and what its 版记 holds (7.4).

use super::{pieces, Piece};
use crate::meta::{Format, Meta};
use crate::model::{Block, BlockKind};
use crate::style::{text_ems, Style};

/// The lines of the 发文机关标志 and the size that fits them on one line each.
#[derive(Debug, Clone, PartialEq)]
pub struct IssuerMark {
    /// Organ names, one per line.
    pub organs: Vec<String>,
    /// 文件 set to the right of stacked organs (joint documents), or appended.
    pub suffix: Option<String>,
    pub size: f32,
}

/// The word a format adds to the organ's name in its mark: 文件 (7.2.4), 纪要
/// (10.3), 令 (10.2, which also stands for 命令); a 信函 is marked by the organ
/// alone (10.1).
fn mark_suffix(format: Format) -> Option<&'static str> {
    match format {
        Format::Notice => Some("文件"),
        Format::Minutes => Some("纪要"),
        Format::Order => Some("令"),
        Format::Letter | Format::Report => None,
    }
}

/// The 版头's mark, when the document has one: an issuer is named (a blank
/// name names none) and the format is not a 报告's.
pub fn head_mark(style: &Style, meta: &Meta) -> Option<IssuerMark> {
    if meta.format.unwrap_or_default() == Format::Report {
        return None;
    }
    issuer_mark(style, meta)
}

/// The 发文机关标志: the organ's name plus its format's word unless already
/// written so; several organs stacked with the word to their right; the size
/// the largest that fits the 版心 width.
pub fn issuer_mark(style: &Style, meta: &Meta) -> Option<IssuerMark> {
    let organs: Vec<String> = meta
        .issuers()
        .into_iter()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect();
    if organs.is_empty() {
        return None;
    }
    let suffix = mark_suffix(meta.format.unwrap_or_default());
    let max = style.roles.issuer.size_pt;
    let text_w = style.geometry().text_w;
    if organs.len() == 1 {
        let mut name = organs[0].clone();
        if let Some(word) = suffix.filter(|w| !name.ends_with(w)) {
            name.push_str(word);
        }
        let size = max.min(text_w / text_ems(&name).max(1.0));
        return Some(IssuerMark {
            organs: vec![name],
            suffix: None,
            size,
        });
    }
    let organs: Vec<String> = organs
        .into_iter()
        .map(|o| match suffix {
            // 令 stands for 命令 too: neither stays beside the stack.
            Some(word) => o
                .strip_suffix(&format!("命{word}"))
                .or_else(|| o.strip_suffix(word))
                .unwrap_or(&o)
                .to_string(),
            None => o,
        })
        .collect();
    let widest = organs.iter().map(|o| text_ems(o)).fold(0.0f32, f32::max);
    let suffix = suffix.map(str::to_string);
    let total = widest
        + suffix
            .as_ref()
            .map_or(0.0, |s| text_ems(s) + style.frame.issuer_suffix_gap_em);
    let size = max.min(text_w / total.max(1.0));
    Some(IssuerMark {
        organs,
        suffix,
        size,
    })
}

/// The 版记: its 抄送 and 印发 lines as pieces (a 信函's has no 印发, 10.1).
#[derive(Debug, Clone, Default)]
pub struct Record<'a> {
    pub cc: Option<Piece<'a>>,
    pub issued: Option<Piece<'a>>,
}

impl Record<'_> {
    pub fn is_empty(&self) -> bool {
        self.cc.is_none() && self.issued.is_none()
    }
}

pub(super) fn record<'a>(style: &'a Style, blocks: &[&Block], format: Format) -> Record<'a> {
    let (cc, issued) = record_blocks(blocks);
    let issued = issued.filter(|_| format != Format::Letter);
    let piece = |b: Option<Block>| {
        b.and_then(|b| {
            pieces::of_block(style, format, &b, usize::MAX, &Default::default())
                .into_iter()
                .next()
        })
    };
    Record {
        cc: piece(cc),
        issued: piece(issued),
    }
}

/// The 版记's 抄送 and 印发 lines (the reader made them from the metadata when
/// the draft's text has none).
fn record_blocks(blocks: &[&Block]) -> (Option<Block>, Option<Block>) {
    let find = |k: BlockKind| blocks.iter().find(|b| b.kind == k).map(|b| (*b).clone());
    (find(BlockKind::Cc), find(BlockKind::IssuedBy))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::meta::OneOrMany;

    fn meta(issuer: OneOrMany, format: Format) -> Meta {
        Meta {
            issuer: Some(issuer),
            format: Some(format),
            ..Meta::default()
        }
    }

    /// A blank issuer names no organ: no 版头, for both writers alike.
    #[test]
    fn a_blank_issuer_gives_no_head() {
        let style = Style::default_style();
        let m = meta(OneOrMany::One("  ".into()), Format::Notice);
        assert!(head_mark(&style, &m).is_none());
        let m = meta(
            OneOrMany::Many(vec!["".into(), "某某市人民政府".into()]),
            Format::Notice,
        );
        let mark = head_mark(&style, &m).expect("one organ named");
        assert_eq!(mark.organs, ["某某市人民政府文件"]);
    }

    /// A 报告 has no 版头 whatever it names; a 信函's mark is the organ alone.
    #[test]
    fn the_head_by_format() {
        let style = Style::default_style();
        let one = OneOrMany::One("某某市人民政府".into());
        assert!(head_mark(&style, &meta(one.clone(), Format::Report)).is_none());
        let mark = head_mark(&style, &meta(one, Format::Letter)).unwrap();
        assert_eq!(mark.organs, ["某某市人民政府"]);
        assert_eq!(mark.size, style.roles.issuer.size_pt);
    }
}
