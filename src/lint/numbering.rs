//! Rules on the structure: heading numbers (gaps, duplicates, restarts, missing
//! parents, mixed and wrong marks), inline enumerations, and the parts a 公文
//! must have.

use super::{clause, Edit, Severity, Sink, Source};
use crate::meta::Format;
use crate::model::{Block, BlockKind};
use crate::read::recognize::{ends_with_genre, heading_marker};
use crate::script::{chinese_numeral as cn_numeral, numeral_value as cn_value};

/// A numbered item: level, value, the marks around the number, and where.
#[derive(Debug)]
struct Numbered {
    level: u8,
    value: u32,
    marker: String,
    /// The canonical marker of this value at this level.
    canonical: String,
    /// The mark style, for the mixed-marks rule.
    style: String,
    line: usize,
    column: usize,
    /// Characters of the marker, for an edit.
    len: usize,
}

fn numbered(b: &Block) -> Option<Numbered> {
    let text = b.text();
    let lead = text
        .chars()
        .take_while(|c| crate::model::is_blank_char(*c))
        .count();
    let t: String = text.chars().skip(lead).collect();
    let (level, len) = heading_marker(&t)?;
    if t.starts_with('第') {
        return None; // 第一章/第一条: a scheme of its own
    }
    let marker = t[..len].to_string();
    if marker.ends_with(|c: char| c.is_ascii_digit()) {
        return None; // 1 总则 / 1.1 编制目的: the decimal scheme of plans and 预案
    }
    let mut inner: String = marker
        .chars()
        .filter(|c| !"（）()、.．".contains(*c))
        .collect();
    inner = inner.trim().to_string();
    let value = if inner.chars().all(|c| c.is_ascii_digit()) {
        inner.parse().ok()?
    } else {
        cn_value(&inner)?
    };
    // A 顿号 typed after a bracketed number belongs to the marker.
    let marker = if (level == 2 || level == 4) && t[len..].starts_with('、') {
        format!("{marker}、")
    } else {
        marker
    };
    let canonical = match level {
        1 => format!("{}、", cn_numeral(value)),
        2 => format!("（{}）", cn_numeral(value)),
        3 => format!("{value}."),
        _ => format!("（{value}）"),
    };
    let style: String = marker
        .chars()
        .filter(|c| !c.is_ascii_digit() && !"一二三四五六七八九十零".contains(*c))
        .collect();
    Some(Numbered {
        level,
        value,
        canonical,
        style,
        line: b.lines.0,
        column: lead + 1,
        len: marker.chars().count(),
        marker,
    })
}

/// Heading numbers: sequence per level under the same parent, parents present,
/// one mark style per level, the marks GB/T 9704 7.3.3 gives.
pub fn headings(src: &Source, sink: &mut Sink) {
    let blocks = src.doc.blocks();
    let has_level = |l: u8| {
        blocks
            .iter()
            .filter_map(|b| numbered(b))
            .any(|n| n.level == l)
    };
    let mut counters: [Option<u32>; 5] = [None; 5];
    let mut styles: [Vec<(String, usize, usize)>; 5] = Default::default();
    let mut last_was_list = [false; 5];
    for b in &blocks {
        if b.kind == BlockKind::AttachmentLabel || opens_part(&b.text()) {
            // An attachment, a 第X部分 or a 第X章 numbers afresh (in the text and
            // in a table of contents alike).
            counters = [None; 5];
            continue;
        }
        if !matches!(
            b.kind,
            BlockKind::Heading | BlockKind::Paragraph | BlockKind::ListItem
        ) {
            continue;
        }
        let Some(n) = numbered(b) else { continue };
        let l = n.level as usize;
        // Headings and list items number apart: the body's `1.` after the
        // entries of a table of contents, a heading `1.` after a list's `1.…8.`.
        let list = b.kind == BlockKind::ListItem;
        if n.value == 1 && counters[l].is_some() && last_was_list[l] != list {
            counters[l..].iter_mut().for_each(|c| *c = None);
        }
        last_was_list[l] = list;
        // Wrong marks.
        if n.marker != n.canonical {
            sink.add(
                "numbering.wrong_mark",
                Severity::Warning,
                n.line,
                n.column,
                Some(clause::NUMBERING),
                format!(
                    "结构层次序数“{}”的标注不规范，应为“{}”",
                    n.marker, n.canonical
                ),
                Some(n.canonical.clone()),
                Some(Edit {
                    line: n.line,
                    start: n.column - 1,
                    end: n.column - 1 + n.len,
                    text: n.canonical.clone(),
                }),
            );
        }
        styles[l].push((n.style.clone(), n.line, n.column));
        // A level without its parent (一、 → 1. skipping （一） is a common house
        // rule: only noted).
        if l > 1 && counters[l - 1].is_none() && counters[l].is_none() {
            let higher = (1..l).any(|k| counters[k].is_some());
            if higher || has_level(n.level - 1) {
                let sev = if l == 3 && counters[1].is_some() {
                    Severity::Info
                } else {
                    Severity::Warning
                };
                sink.add(
                    "numbering.no_parent",
                    sev,
                    n.line,
                    n.column,
                    Some(clause::NUMBERING),
                    format!("第{}层序数“{}”前没有上一层序数", l, n.marker),
                    None,
                    None,
                );
            }
        }
        // Sequence.
        let expected = counters[l].map_or(1, |c| c + 1);
        if n.value != expected {
            let (rule, msg) = match counters[l] {
                Some(c) if n.value == c => {
                    ("numbering.duplicate", format!("序数“{}”重复", n.marker))
                }
                Some(c) if n.value < c => (
                    "numbering.restart",
                    format!("序数“{}”倒退或重新开始（上一个是{}）", n.marker, c),
                ),
                _ => (
                    "numbering.gap",
                    format!("序数不连续：应为“{}”", expected_marker(n.level, expected)),
                ),
            };
            sink.add(
                rule,
                Severity::Error,
                n.line,
                n.column,
                Some(clause::NUMBERING),
                msg,
                Some(expected_marker(n.level, expected)),
                None,
            );
        }
        counters[l] = Some(n.value);
        for c in counters.iter_mut().skip(l + 1) {
            *c = None;
        }
    }
    // Mixed mark styles at one level: the minority style is flagged.
    for (l, list) in styles.iter().enumerate() {
        let mut counts: Vec<(String, usize)> = Vec::new();
        for (s, _, _) in list {
            match counts.iter_mut().find(|(x, _)| x == s) {
                Some((_, n)) => *n += 1,
                None => counts.push((s.clone(), 1)),
            }
        }
        if counts.len() > 1 {
            let major = counts
                .iter()
                .max_by_key(|(_, n)| *n)
                .map(|(s, _)| s.clone())
                .unwrap_or_default();
            for (s, line, col) in list.iter().filter(|(s, _, _)| *s != major) {
                sink.add(
                    "numbering.mixed_marks",
                    Severity::Warning,
                    *line,
                    *col,
                    Some(clause::NUMBERING),
                    format!("同一层次（第{l}层）序数标注不统一：“{s}”与“{major}”混用"),
                    None,
                    None,
                );
            }
        }
    }
}

fn expected_marker(level: u8, v: u32) -> String {
    match level {
        1 => format!("{}、", cn_numeral(v)),
        2 => format!("（{}）", cn_numeral(v)),
        3 => format!("{v}."),
        _ => format!("（{v}）"),
    }
}

/// 一是…二是…三是 (and 第一，第二，) inside a paragraph: no gaps.
pub fn inline_enumerations(src: &Source, sink: &mut Sink) {
    for b in src.doc.blocks() {
        if !matches!(
            b.kind,
            BlockKind::Paragraph | BlockKind::Heading | BlockKind::ListItem
        ) {
            continue;
        }
        let Some(line) = src.text_lines.get(b.lines.0 - 1) else {
            continue;
        };
        let chars: Vec<char> = line.chars().collect();
        for (suffix, prefix) in [("是", ""), ("，", "第"), ("、", "第")] {
            let mut last: Option<u32> = None;
            let mut i = 0;
            while i < chars.len() {
                let start = i;
                if !prefix.is_empty() {
                    if chars[i] != '第' {
                        i += 1;
                        continue;
                    }
                    i += 1;
                }
                let digits: String = chars[i..]
                    .iter()
                    .take_while(|c| "一二三四五六七八九十".contains(**c))
                    .collect();
                let n = digits.chars().count();
                let boundary = start == 0
                    || "，。；：、 　（“".contains(chars[start - 1])
                    || chars[..start]
                        .iter()
                        .all(|c| crate::model::is_blank_char(*c));
                if n > 0 && chars.get(i + n).is_some_and(|c| suffix.contains(*c)) && boundary {
                    if let Some(v) = cn_value(&digits) {
                        let expected = last.map_or(1, |x| x + 1);
                        if v != expected && last.is_some() {
                            let want = format!("{}{}{}", prefix, cn_numeral(expected), suffix);
                            sink.add(
                                "numbering.inline_gap",
                                Severity::Warning,
                                b.lines.0,
                                start + 1,
                                None,
                                format!(
                                    "段内序数不连续：“{}{}{}”之前应有“{}”",
                                    prefix, digits, suffix, want
                                ),
                                Some(want),
                                None,
                            );
                        }
                        last = Some(v);
                    }
                    i += n + 1;
                    continue;
                }
                i = start + 1;
            }
        }
    }
}

/// The parts of a 公文: 主送, 署名, 成文日期, 附件, title and heading punctuation.
pub fn structure(src: &Source, sink: &mut Sink) {
    let blocks = src.doc.blocks();
    let meta = &src.doc.meta;
    let find = |k: BlockKind| blocks.iter().find(|b| b.kind == k);
    let count = |k: BlockKind| blocks.iter().filter(|b| b.kind == k).count();
    let title = find(BlockKind::Title);
    let title_text = title
        .map(|t| t.text().replace('\n', ""))
        .or_else(|| meta.title.clone())
        .unwrap_or_default();
    // A 文号 a site glued on in brackets is not part of the title's wording.
    let title_text = crate::read::head::title_core(&title_text).to_string();
    // Title.
    if let Some(t) = title {
        let tt = title_text.trim_end();
        if tt.ends_with(['。', '，', '；', '：', '！', '？', '.', ',', ';', ':']) {
            let col = t.text().lines().last().map_or(1, |l| l.chars().count());
            let last_line = t.lines.1;
            let fixed: String = tt
                .trim_end_matches(['。', '，', '；', '：', '！', '？', '.', ',', ';', ':'])
                .to_string();
            sink.add(
                "structure.title_punct",
                Severity::Warning,
                last_line,
                col,
                Some(clause::TITLE),
                "标题末尾不加标点".into(),
                Some(fixed),
                None,
            );
        } else if !ends_with_genre(tt) {
            sink.add(
                "structure.title_genre",
                Severity::Info,
                t.lines.0,
                1,
                Some(clause::TITLE),
                "标题未以文种结尾（通知、报告、请示、意见、函、纪要……）".into(),
                None,
                None,
            );
        }
    }
    // Headings alone on their line end without a full stop.
    for b in &blocks {
        if let Some(h) = &b.heading {
            let text = b.text();
            if !h.run_in && text.trim_end().ends_with('。') && !text.starts_with('第') {
                let n = text.trim_end().chars().count();
                sink.add(
                    "structure.heading_stop",
                    Severity::Warning,
                    b.lines.0,
                    n,
                    None,
                    "单独成行的标题末尾不加句号".into(),
                    Some("删除句号".into()),
                    None,
                );
            }
        }
        // A run-in heading sentence ended by ； or a half-width stop instead of 。.
        if b.kind == BlockKind::Paragraph {
            let text = b.text();
            if let Some((_, len)) = heading_marker(&text) {
                let rest = &text[len..];
                for mark in ['；', '.'] {
                    if let Some(p) = rest.find(mark) {
                        let head = &rest[..p];
                        let after = &rest[p + mark.len_utf8()..];
                        if head.chars().count() <= 25
                            && !head.contains(['，', '。'])
                            && after.chars().count() > 10
                            && after.chars().next().is_some_and(crate::script::is_han)
                        {
                            let col = text[..len + p].chars().count() + 1;
                            sink.add(
                                "structure.run_in_stop",
                                Severity::Warning,
                                b.lines.0,
                                col,
                                None,
                                "段首标题句后应使用句号".into(),
                                Some("。".into()),
                                None,
                            );
                            break;
                        }
                    }
                }
            }
        }
    }
    let format = meta.format.unwrap_or_default();
    let genre_needs_addressee = ["请示", "函", "批复"]
        .iter()
        .any(|g| title_text.ends_with(g));
    // A speech's salutation (`同志们：`) is no 主送: a speech is signed by
    // the speaker line under its title, not by a 落款.
    let salutation = |b: &&Block| {
        let t = b.text();
        ["同志", "女士", "先生", "朋友", "各位", "尊敬的"]
            .iter()
            .any(|w| t.contains(w))
    };
    let is_gongwen = blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Addressee)
        .any(|b| !salutation(b))
        || count(BlockKind::DocNumber) > 0
        || meta.doc_number.is_some();
    // 主送.
    if count(BlockKind::Addressee) == 0
        && meta.addressee.is_none()
        && (matches!(format, Format::Notice | Format::Letter) || genre_needs_addressee)
    {
        sink.add(
            "structure.no_addressee",
            Severity::Warning,
            title.map_or(1, |t| t.lines.1),
            1,
            Some(clause::ADDRESSEE),
            "缺少主送机关".into(),
            None,
            None,
        );
    }
    if title_text.ends_with("请示") {
        if let Some(a) = find(BlockKind::Addressee) {
            let t = a.text();
            if t.trim_end_matches(['：', ':']).contains(['、', '，', ',']) {
                sink.add(
                    "structure.multi_addressee",
                    Severity::Warning,
                    a.lines.0,
                    1,
                    Some(clause::ADDRESSEE),
                    "请示一般只写一个主送机关".into(),
                    None,
                    None,
                );
            }
        }
    }
    // 署名 and 成文日期.
    if is_gongwen && !matches!(format, Format::Minutes) {
        let last = blocks.last().map_or(1, |b| b.lines.1);
        if count(BlockKind::Signature) == 0 && meta.signature.is_none() {
            sink.add(
                "structure.no_signature",
                Severity::Warning,
                last,
                1,
                Some(clause::SIGNATURE),
                "缺少发文机关署名".into(),
                None,
                None,
            );
        }
        if count(BlockKind::Date) == 0 && meta.date.is_none() {
            sink.add(
                "structure.no_date",
                Severity::Error,
                last,
                1,
                Some(clause::SIGNATURE),
                "缺少成文日期".into(),
                None,
                None,
            );
        }
    }
    // 附件说明 against the attachment parts.
    if let Some(note) = find(BlockKind::AttachmentNote) {
        let items: Vec<String> = note
            .text()
            .split('\n')
            .map(|l| {
                let l = l.trim_matches(crate::model::is_blank_char);
                let l = l
                    .strip_prefix("附件：")
                    .or_else(|| l.strip_prefix("附件:"))
                    .unwrap_or(l);
                // An item's own number, even before a year (`1.2024年…表`,
                // which heading_marker leaves alone as a decimal figure).
                let digits = l.chars().take_while(char::is_ascii_digit).count();
                let item_number =
                    (1..=2).contains(&digits) && l[digits..].starts_with(['.', '．', '、']);
                match heading_marker(l) {
                    Some((_, n)) => l[n..].trim().to_string(),
                    None if item_number => l[digits..]
                        .trim_start_matches(['.', '．', '、'])
                        .trim()
                        .to_string(),
                    None => l.trim().to_string(),
                }
            })
            .collect();
        let labels = count(BlockKind::AttachmentLabel);
        if labels > 0 && labels != items.len() {
            sink.add(
                "structure.attachment_count",
                Severity::Warning,
                note.lines.0,
                1,
                Some(clause::ATTACHMENT),
                format!(
                    "附件说明列出{}个附件，正文后有{}个附件",
                    items.len(),
                    labels
                ),
                None,
                None,
            );
        }
        let titles: Vec<&Block> = blocks
            .iter()
            .copied()
            .filter(|b| b.kind == BlockKind::AttachmentTitle)
            .collect();
        for (i, (item, t)) in items.iter().zip(titles.iter()).enumerate() {
            let tt = t.text().replace('\n', "");
            if *item != tt {
                sink.add(
                    "structure.attachment_name",
                    Severity::Warning,
                    t.lines.0,
                    1,
                    Some(clause::ATTACHMENT),
                    format!("附件{}标题“{}”与附件说明“{}”不一致", i + 1, tt, item),
                    Some(item.clone()),
                    None,
                );
            }
        }
    }
}
/// `第二部分 …`, `第三章 …`, `第一编 …`: a part whose headings number afresh.
fn opens_part(text: &str) -> bool {
    let t = text.trim_start_matches(crate::model::is_blank_char);
    let Some(rest) = t.strip_prefix('第') else {
        return false;
    };
    ["部分", "章", "编", "篇"].iter().any(|w| {
        rest.find(w)
            .is_some_and(|k| k > 0 && k <= 9 && cn_value(&rest[..k]).is_some())
    })
}
