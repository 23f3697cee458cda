//! Recognisers of the end of a 公文: 成文日期, 署名, 附注, 附件说明 and attachment labels, 抄送, 印发.

use super::{char_count, heading_marker, is_cn_digit};

/// A 成文日期 / 印发日期 alone on its line: `2024年3月1日`, `二〇二四年三月一日`,
/// with stray spaces, optionally in brackets.
pub fn is_date(s: &str) -> bool {
    let t: String = s
        .chars()
        .filter(|c| !crate::model::is_blank_char(*c))
        .collect();
    let t = t
        .trim_start_matches(['（', '('])
        .trim_end_matches(['）', ')']);
    // Template placeholders stand for digits: `一九xx年`, `二〇XX年X月X日`.
    let t: String = t
        .chars()
        .map(|c| {
            if "xX×＊*Ｘｘ".contains(c) {
                '〇'
            } else {
                c
            }
        })
        .collect();
    parse_date_parts(&t).is_some_and(|rest| rest.is_empty())
        || is_bare_date(s)
        || is_yearless_date(&t)
}

/// A date whose year figures a scraper dropped (`年6月12日`): the 年 kept,
/// then a month and a day.
fn is_yearless_date(t: &str) -> bool {
    t.starts_with('年') && parse_date_parts(&format!("2000{t}")).is_some_and(|rest| rest.is_empty())
}

/// Organs signing together, several on a line joined by `、`
/// (`封开县水务局、封开县林业局`): every part a name of four or more
/// characters, at least one ending in an organ's word.
pub fn is_organ_list(s: &str) -> bool {
    let t = s.trim_matches(crate::model::is_blank_char);
    let parts: Vec<&str> = t.split('、').collect();
    parts.len() >= 2
        && parts
            .iter()
            .all(|p| (4..=24).contains(&char_count(p)) && is_signature_like(p))
        && parts.iter().any(|p| {
            ORGAN_ENDINGS
                .iter()
                .any(|e| p.trim_end_matches(crate::model::is_blank_char).ends_with(e))
        })
}

/// Last words of organ names.
const ORGAN_ENDINGS: &[&str] = &[
    "局", "委", "办", "府", "院", "会", "厅", "部", "室", "处", "所", "中心", "公司", "队", "站",
    "组", "社", "馆", "校", "团", "署",
];

/// A date whose 年月日 a scraper dropped: `2017 6 23`, `{ 2017 6 23`: a year,
/// a month and a day as three groups of figures and nothing else of substance.
fn is_bare_date(s: &str) -> bool {
    if s.chars().any(|c| {
        !(c.is_ascii_digit() || c.is_ascii_punctuation() || crate::model::is_blank_char(c))
    }) {
        return false;
    }
    let groups: Vec<u32> = s
        .split(|c: char| !c.is_ascii_digit())
        .filter(|g| !g.is_empty())
        .filter_map(|g| g.parse().ok())
        .collect();
    let words = s
        .split(|c: char| !c.is_ascii_digit())
        .filter(|g| !g.is_empty());
    let year_width_ok = words.clone().next().is_some_and(|y| y.len() == 4);
    matches!(groups.as_slice(), [y, m, d] if year_width_ok
        && (1900..=2100).contains(y) && (1..=12).contains(m) && (1..=31).contains(d))
        && s.split(crate::model::is_blank_char)
            .filter(|w| !w.is_empty())
            .count()
            >= 3
}

/// Parse `YYYY年M月D日` at the start of `t` (digits Arabic, Chinese or mixed with
/// 〇/○/O for zero); returns what follows.
pub fn parse_date_parts(t: &str) -> Option<&str> {
    crate::script::parse_date(t).map(|(_, rest)| rest)
}

/// A short line without punctuation: what a 署名 looks like.
///
/// Several organs signing side by side (`A局      B委`) count as one such line.
pub fn is_signature_like(s: &str) -> bool {
    let t = s.trim_matches(crate::model::is_blank_char);
    let parts: Vec<&str> = t
        .split(crate::model::is_blank_char)
        .filter(|p| !p.is_empty())
        .collect();
    let n: usize = parts.iter().map(|p| char_count(p)).sum();
    let widest = parts.iter().map(|p| char_count(p)).max().unwrap_or(0);
    n >= 2
        && widest <= 30
        && n <= 90
        && !t.contains([
            '。', '，', '；', '：', '！', '？', ',', ';', ':', '!', '?', '、',
        ])
        && heading_marker(t).is_none()
        && !is_date(t)
        && !t.starts_with("附件")
        && !t.starts_with("特此")
}

/// The organs of a 署名 line that signs for several side by side, apart by one
/// blank or a run of them: every part names an organ (four or more characters). `None` for a single 署名 (`局长  杜  宇` stays whole).
pub fn side_by_side_organs(s: &str) -> Option<Vec<&str>> {
    let t = s.trim_matches(crate::model::is_blank_char);
    let parts: Vec<&str> = t
        .split(crate::model::is_blank_char)
        .filter(|p| !p.is_empty())
        .collect();
    if parts.len() < 2 {
        return None;
    }
    parts.iter().all(|p| char_count(p) >= 4).then_some(parts)
}

/// `附件：1.xxx` (the 附件说明) — returns true for its first line.
pub fn is_attachment_note(s: &str) -> bool {
    let t = s.trim_start_matches(crate::model::is_blank_char);
    (t.starts_with("附件：") || t.starts_with("附件:")) && char_count(t) > 3
}

/// An item line continuing a 附件说明: `2.xxx` without final punctuation.
pub fn is_attachment_item(s: &str) -> bool {
    let t = s.trim_matches(crate::model::is_blank_char);
    matches!(heading_marker(t), Some((3, _)))
        && !t.ends_with(['。', '；', '，'])
        && char_count(t) <= 80
}

/// The label that opens an attachment part: `附件`, `附件1`, `附件 2`, `附件一`.
pub fn is_attachment_label(s: &str) -> bool {
    let t: String = s
        .chars()
        .filter(|c| !crate::model::is_blank_char(*c))
        .collect();
    let Some(rest) = t.strip_prefix("附件") else {
        return false;
    };
    let rest = rest.trim_end_matches(['：', ':']);
    rest.is_empty()
        || (char_count(rest) <= 3 && rest.chars().all(|c| c.is_ascii_digit() || is_cn_digit(c)))
}

/// 附注: a bracketed line after the date, e.g. `（此件公开发布）`.
pub fn is_note(s: &str) -> bool {
    let t = s.trim_matches(crate::model::is_blank_char);
    ((t.starts_with('（') && t.ends_with('）')) || (t.starts_with('(') && t.ends_with(')')))
        && char_count(t) >= 4
        && !is_date(t)
}

pub fn is_cc(s: &str) -> bool {
    let t = s.trim_start_matches(crate::model::is_blank_char);
    t.starts_with("抄送：")
        || t.starts_with("抄送:")
        || t.starts_with("抄报：")
        || t.starts_with("抄报:")
}

/// `XX办公室　　2024年3月1日印发`.
pub fn is_issued_by(s: &str) -> bool {
    let t = s.trim_matches(crate::model::is_blank_char);
    t.ends_with("印发") && char_count(t) <= 60 && !t.contains(['。', '，'])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::recognize::*;

    #[test]
    fn dates_in_all_forms() {
        for d in [
            "2024年3月1日",
            "2024年03月01日",
            "二〇二四年三月一日",
            "二○二四年三月十一日",
            "2024 年 3 月 1 日",
            "　　2024年12月31日",
            "（2024年3月1日）",
            "年6月12日",
        ] {
            assert!(is_date(d), "{d}");
        }
        for d in [
            "2024年3月",
            "2024年3月1日印发",
            "24年3月1日",
            "2024年3月1日召开会议",
        ] {
            assert!(!is_date(d), "{d}");
        }
    }

    #[test]
    fn signatures_and_ordinary_short_lines() {
        assert!(is_signature_like("某某市人民政府办公室"));
        assert!(is_signature_like("张　三"));
        assert!(!is_signature_like("特此报告。"));
        assert!(!is_signature_like("2024年3月1日"));
        assert!(is_organ_list("某某县“双创”办、某某县城市管理局"));
        assert!(is_organ_list("某某县国土局、某某镇人民政府"));
        assert!(!is_organ_list("加强领导、精心组织"));
        assert!(!is_organ_list("某某县、某某区"));
    }

    #[test]
    fn tail_parts() {
        assert!(is_attachment_note("附件：1.2024年工作要点"));
        assert!(is_attachment_item("2.责任分工表"));
        assert!(is_attachment_label("附件"));
        assert!(is_attachment_label("附件2"));
        assert!(is_attachment_label("附件 3"));
        assert!(!is_attachment_label("附件：实施方案"));
        assert!(is_note("（此件公开发布）"));
        assert!(is_cc("抄送：市委办公室，市人大常委会办公室。"));
        assert!(is_issued_by("某某市人民政府办公室　　2024年3月1日印发"));
        assert!(is_subtitle("——在全市经济工作会议上的讲话"));
        assert!(is_subtitle("（2024年3月1日）"));
        assert!(is_org_mark("某某市人民政府文件"));
        assert!(ends_with_genre("关于加强安全生产工作的通知"));
        assert!(is_list_marker("①加强领导"));
        assert!(is_contents_entry("一、总体要求……………………3"));
    }
}
