//! The head of a 公文 as drafts write it: organ lines (`XX市人民政府文件`, or the
//! organs' names above `关于…`), the 发文字号 above or below the title, a title
//! over one or more lines (repeated by some databases), subtitles and speaker
//! lines under it, and the 主送 over one or more lines.

use crate::model::{is_blank_char, BlockKind};
use crate::read::recognize as r;
use crate::read::structure::{not_title_material, Hint, Unit};

fn compact(t: &str) -> String {
    t.chars().filter(|c| !is_blank_char(*c)).collect()
}

/// Suffixes of organ names (the issuing bodies of the corpus and of 公文 at large).
const ORGAN_SUFFIXES: &[&str] = &[
    "政府",
    "办公室",
    "办公厅",
    "委员会",
    "委",
    "局",
    "厅",
    "部",
    "院",
    "会",
    "处",
    "所",
    "中心",
    "公司",
    "集团",
    "大队",
    "支队",
    "中队",
    "镇",
    "乡",
    "街道",
    "办事处",
    "党委",
    "党组",
    "科协",
    "协会",
    "小组",
    "银行",
    "站",
    "队",
    "社",
    "馆",
    "学校",
    "大学",
    "医院",
];

/// A line naming one or more organs (side by side, blank-separated) and nothing else.
pub fn is_organ_line(t: &str) -> bool {
    let t = t.trim_matches(is_blank_char);
    r::is_signature_like(t)
        && !t.contains("关于")
        && !r::ends_with_genre(t)
        && t.split(is_blank_char)
            .filter(|p| !p.is_empty())
            .all(|p| r::char_count(p) >= 3 && ORGAN_SUFFIXES.iter().any(|s| p.ends_with(s)))
}

/// A 主送 that names its recipients: the words before the colon end with an
/// organ or a form of address (`各市州人民政府：`, `各有关单位：`, `同志们：`), unlike
/// a form's field label (`填报单位名称：`).
pub fn names_recipients(t: &str) -> bool {
    let t = t.trim_matches(is_blank_char).trim_end_matches(['：', ':']);
    r::is_addressee(&format!("{t}："))
        && (ORGAN_SUFFIXES.iter().any(|s| t.ends_with(s))
            || [
                "单位",
                "部门",
                "机构",
                "同志",
                "同志们",
                "代表",
                "委员",
                "朋友们",
                "先生们",
            ]
            .iter()
            .any(|s| t.ends_with(s)))
}

/// The title without a 文号 the site glued on in brackets: `…的通知（岳办发〔2017〕2号）`.
pub fn title_core(t: &str) -> &str {
    let t = t.trim_matches(is_blank_char);
    if let Some(open) = t.rfind(['（', '(']) {
        if r::is_doc_number(&t[open..]) {
            return t[..open].trim_end_matches(is_blank_char);
        }
    }
    t
}

/// A title line: short and unpunctuated, or longer when it ends with a 文种 word.
fn is_title_line(t: &str) -> bool {
    let core = title_core(t);
    r::is_title_like(core)
        || (r::char_count(core) <= 90
            && r::ends_with_genre(core)
            && !core.contains(['。', '；', '：', ':'])
            && r::heading_marker(core).is_none())
}

/// The last line of a title with a stray full stop: `…工作的通知。` (the linter
/// reports the stop).
fn ends_title_with_stop(t: &str) -> bool {
    t.trim_matches(is_blank_char)
        .strip_suffix('。')
        .map(title_core)
        .is_some_and(|core| r::is_title_like(core) && r::ends_with_genre(core))
}

/// The mark of a 命令 (GB/T 9704 10.3): `中华人民共和国主席令`, `某某省人民政府令`,
/// with its number in brackets after it or not.
fn is_order_mark(t: &str) -> bool {
    let mut core = t.trim_matches(is_blank_char);
    if let Some(open) = core.rfind(['（', '(']) {
        let bracket = &core[open..];
        if bracket.contains('号') && bracket.ends_with(['）', ')']) {
            core = &core[..open];
        }
    }
    let n = r::char_count(core);
    core.ends_with('令')
        && (4..=24).contains(&n)
        // A 命令's title (`国务院关于授予…称号的命令`) is no mark.
        && !core.contains("关于")
        && !core.contains('的')
        && !core.contains(['，', '。', '、', '：', '《', ' ', '\u{3000}'])
}

/// The short last line of a title without a 文种 word that ends in a stray
/// full stop (`2023年度某某医院单位` / `决算。`): no other punctuation in it, and
/// never the draft's last line (a title with nothing under it is no draft). The
/// caller asks for a long title (one is broken over lines because it is long; a
/// short sentence under a short title is the body).
fn short_title_end_with_stop(t: &str) -> bool {
    t.trim_matches(is_blank_char)
        .strip_suffix('。')
        .is_some_and(|core| {
            r::is_title_like(core)
                && r::char_count(core) <= 20
                && !core.contains(['，', '；', '：', ',', ';', ':', '、'])
                && !core.contains(is_blank_char)
        })
}

/// A line without the bracketed prefix a site puts before a heading.
pub fn without_site_prefix(t: &str) -> &str {
    let t = t.trim_matches(is_blank_char);
    for (open, close) in [('[', ']'), ('【', '】'), ('［', '］')] {
        if let Some(rest) = t.strip_prefix(open) {
            if let Some(end) = rest.find(close) {
                let inner = &rest[..end];
                let after = rest[end + close.len_utf8()..].trim_start_matches(is_blank_char);
                if (1..=8).contains(&r::char_count(inner)) && !after.is_empty() {
                    return after;
                }
            }
        }
    }
    t
}

/// A title broken over lines ends with its 文种 (`…的通知`): the lines from `i`
/// that could continue it reach a line ending in a 文种 word within three lines.
/// Without one, a short line under a one-line title is not its continuation
/// (a heading phrase, a 一是… line, the first words of the body).
fn title_ends_with_genre(units: &[Unit], texts: &[String], i: usize) -> bool {
    (i..texts.len().min(i + 3))
        .take_while(|&k| {
            units[k].hint == Hint::None
                && (r::is_title_like(&texts[k]) || ends_title_with_stop(&texts[k]))
        })
        .any(|k| r::ends_with_genre(texts[k].trim_end_matches('。')))
}

/// From unit `i` on, the draft holds only a 落款 (an optional 署名 line, a date)
/// and 附件说明 or 附注 lines: what a draft without body ends with.
fn closes_document(units: &[Unit], texts: &[String], i: usize) -> bool {
    let mut k = i;
    if k < texts.len() && !r::is_date(&texts[k]) && r::is_signature_like(&texts[k]) {
        k += 1;
    }
    k < texts.len()
        && r::is_date(&texts[k])
        && units[k..].iter().all(|u| u.hint == Hint::None)
        && texts[k + 1..]
            .iter()
            .all(|t| r::is_attachment_note(t) || r::is_attachment_item(t) || r::is_note(t))
}

/// A line under the title that is not the body: a report's name and speaker,
/// a date and place, a version note. No sentence punctuation, no number.
fn is_under_title(t: &str) -> bool {
    let n = r::char_count(t);
    (2..=60).contains(&n)
        && !t.contains(['。', '，', '；', '：', ':', '！', '？', ',', ';'])
        && r::heading_marker(t).is_none()
        && !r::is_attachment_label(t)
}

/// Classify the head; returns the index of the first unit of the body.
pub fn read_head(
    units: &[Unit],
    texts: &[String],
    kinds: &mut [Option<BlockKind>],
    merged_into_prev: &mut [bool],
    why: &mut [&'static str],
) -> usize {
    let n = units.len();
    let mut i = 0;
    let mut title_seen = false;
    let mut title_last = None;
    let mut title_text = String::new();
    while i < n {
        let t = texts[i].as_str();
        let u = &units[i];
        if matches!(
            u.hint,
            Hint::Table(_)
                | Hint::ContentsEntry
                | Hint::ListItem
                | Hint::Image(_)
                | Hint::ImageFile { .. }
        ) {
            break;
        }
        if let Hint::MdHeading(depth) = u.hint {
            // The first `#` heading is the title unless it carries a number.
            if !title_seen && r::heading_marker(t).is_none() && (depth == 1 || i == 0) {
                kinds[i] = Some(BlockKind::Title);
                why[i] = "head: the first Markdown `#` heading without a number is the title";
                title_text = compact(t);
                title_seen = true;
                title_last = Some(i);
                i += 1;
                continue;
            }
            break;
        }
        // A site's bracketed prefix (`[政策文件]`, `【通知公告】`) does not
        // change what the line is.
        let t = without_site_prefix(t);
        let next = texts.get(i + 1).map(|x| without_site_prefix(x));
        // The kind of the part the previous line belongs to (a title's first
        // line for its continuation lines).
        let prev_kind = (0..i)
            .rev()
            .find_map(|k| (!merged_into_prev[k]).then_some(kinds[k]))
            .flatten();
        if title_seen && closes_document(units, texts, i) {
            // An organ and a date with nothing but 附件说明 after them: the
            // 落款 of a draft without body, not lines under the title.
            break;
        }
        // Lines under a title (subtitle, speaker) stand above a body; the
        // draft's last line is never one.
        let under_title = title_seen && prev_kind.is_some() && i + 1 < n;
        if !title_seen && r::is_org_mark(t) {
            kinds[i] = Some(BlockKind::OrgMark);
            why[i] = "head: a line ending in 文件 names the issuing organ";
        } else if r::is_doc_number(t) {
            kinds[i] = Some(BlockKind::DocNumber);
            why[i] = "head: a 发文字号 (organ code, year in 〔〕, serial, 号)";
        } else if r::is_addressee(t) {
            kinds[i] = Some(BlockKind::Addressee);
            why[i] = "head: a short line ending in a colon, no sentence in it: the 主送";
            i += 1;
            break;
        } else if r::is_addressee_part(t)
            && next.is_some_and(|x| r::is_addressee(x) || r::is_addressee_part(x))
        {
            // A 主送 list broken over lines: merge up to the line with the colon.
            kinds[i] = Some(BlockKind::Addressee);
            why[i] = "head: a 主送 broken over lines, joined up to the line with the colon";
            let mut j = i + 1;
            while j < n && !r::is_addressee(&texts[j]) && r::is_addressee_part(&texts[j]) {
                merged_into_prev[j] = true;
                why[j] = "head: continues the 主送";
                j += 1;
            }
            if j < n && r::is_addressee(&texts[j]) {
                merged_into_prev[j] = true;
                why[j] = "head: continues the 主送 (the line with the colon)";
                j += 1;
            }
            i = j;
            break;
        } else if is_organ_line(t)
            && u.hint == Hint::None
            && next.is_some_and(|x| is_title_line(x) && !is_organ_line(x))
        {
            // The issuing organs above `关于…` (or between a database's two
            // copies of the title).
            kinds[i] = Some(BlockKind::OrgMark);
            why[i] = "head: organ names alone above the title";
        } else if !title_seen && i == 0 && ends_title_with_stop(t) && !not_title_material(u) {
            // A title ending in a stray full stop (the linter reports the stop).
            kinds[i] = Some(BlockKind::Title);
            why[i] = "head: a first line ending in a 文种 word and a stray 。: the title";
            title_seen = true;
            title_last = Some(i);
            title_text = compact(title_core(t.trim_end_matches('。')));
        } else if !title_seen
            && i == 0
            && t.ends_with('。')
            && r::char_count(t) <= 40
            && !t[..t.len() - '。'.len_utf8()].contains('。')
            && texts.get(1).is_some_and(|x| r::is_addressee(x))
        {
            // A title with a stray full stop, recognised by the 主送 under it (the
            // linter reports the stop).
            kinds[i] = Some(BlockKind::Title);
            why[i] = "head: a first line with a stray 。, the 主送 under it: the title";
            title_seen = true;
            title_last = Some(i);
            title_text = compact(t);
        } else if title_seen
            && r::char_count(t) >= 6
            && title_text.contains(&compact(title_core(t)))
            && u.hint == Hint::None
        {
            // The title printed again (a page heading above the document's own).
            kinds[i] = Some(BlockKind::Title);
            why[i] = "head: the title printed again";
            title_last = Some(i);
        } else if is_order_mark(t) {
            kinds[i] = Some(BlockKind::OrgMark);
            why[i] = "head: an order's mark (`…主席令`, `…令（第37号）`)";
        } else if under_title && (r::is_subtitle(t) || r::is_date(t)) {
            kinds[i] = Some(BlockKind::Subtitle);
            why[i] = "head: a bracketed line, a —— line or a date under the title";
        } else if !title_seen
            && is_title_line(t)
            && !r::is_attachment_label(t)
            && !not_title_material(u)
        {
            // An organ line directly above a 文号 is an org mark, not a title.
            let core = title_core(t);
            if next.is_some_and(r::is_doc_number)
                && !core.contains("关于")
                && !r::ends_with_genre(core)
            {
                kinds[i] = Some(BlockKind::OrgMark);
                why[i] = "head: an organ line directly above the 文号";
            } else {
                kinds[i] = Some(BlockKind::Title);
                why[i] = "head: the first short line without sentence punctuation: the title";
                title_seen = true;
                title_last = Some(i);
                title_text = compact(title_core(t));
            }
        } else if title_seen
            && title_last == Some(i - 1)
            && prev_kind == Some(BlockKind::Title)
            && ((r::is_title_like(t)
                && !t.trim().contains(is_blank_char)
                && title_ends_with_genre(units, texts, i))
                || ends_title_with_stop(t)
                || (short_title_end_with_stop(t)
                    && !r::ends_with_genre(&texts[i - 1])
                    && r::char_count(&texts[i - 1]) + r::char_count(t) >= 14
                    && i + 1 < n))
            // `保密审查情况：已审查` under a report's name is a field, not the
            // title going on.
            && !t.contains(['：', ':'])
            && (!r::ends_with_genre(&texts[i - 1]) || r::ends_with_genre(t))
            && !r::is_attachment_note(t)
            && units[i].hint == Hint::None
        {
            // A title broken over lines.
            merged_into_prev[i] = true;
            why[i] = "head: a short unpunctuated line continuing the title";
            title_last = Some(i);
        } else if under_title && is_under_title(t) && u.hint == Hint::None {
            // A speaker, unit or report line under the title of a speech or report.
            kinds[i] = Some(BlockKind::Subtitle);
            why[i] = "head: an unpunctuated line under the title (report name, speaker)";
        } else if under_title && r::is_signature_like(t) && r::char_count(t) <= 20 {
            kinds[i] = Some(BlockKind::Subtitle);
            why[i] = "head: a short unpunctuated line under the title (speaker, unit)";
        } else {
            break;
        }
        i += 1;
    }
    i
}
