//! Recognisers of the head of a 公文: 发文字号, 主送, title lines, subtitle, organ lines.

use super::{char_count, heading_marker, prefix_len, CLAUSE_PUNCT};
use crate::read::recognize::closing::is_date;

/// 文种 words: a title ends with one (GB/T 9704 7.3.1, 《党政机关公文处理工作条例》 第八条).
pub const GENRE_WORDS: &[&str] = &[
    "通知",
    "通报",
    "报告",
    "请示",
    "批复",
    "意见",
    "决定",
    "决议",
    "命令",
    "令",
    "公报",
    "公告",
    "通告",
    "议案",
    "函",
    "纪要",
    "方案",
    "规划",
    "计划",
    "办法",
    "规定",
    "细则",
    "条例",
    "章程",
    "讲话",
    "总结",
    "要点",
    "报告会",
    "发言",
    "致辞",
    "述职报告",
    "汇报",
    "说明",
    "工作要点",
    "实施意见",
    "指导意见",
    "倡议书",
    "公开信",
    "简报",
    "情况",
    "建议",
    "提案",
    "答复",
    "复函",
];

/// A 发文字号 such as `余府发〔2012〕3号`, also in （）, with wrong brackets.
pub fn is_doc_number(s: &str) -> bool {
    is_whole_doc_number(s) || is_damaged_doc_number(s)
}

/// A 文号 whose closing bracket and 号 a scraper lost: `牟政办发〔201746`.
fn is_damaged_doc_number(s: &str) -> bool {
    let t = s.trim_matches(crate::model::is_blank_char);
    let Some(o) = t.find(['〔', '［', '【']) else {
        return false;
    };
    let prefix = &t[..o];
    let figures = &t[o + '〔'.len_utf8()..];
    (2..=12).contains(&char_count(prefix))
        && prefix.chars().all(crate::script::is_han)
        && prefix.ends_with(['发', '函', '字', '办', '令', '报', '告'])
        && figures.len() >= 5
        && figures.chars().all(|c| c.is_ascii_digit())
        && (figures.starts_with("19") || figures.starts_with("20"))
}

fn is_whole_doc_number(s: &str) -> bool {
    let t = s.trim_matches(crate::model::is_blank_char);
    let t = t
        .strip_prefix(['（', '('])
        .and_then(|x| x.strip_suffix(['）', ')']))
        .unwrap_or(t);
    // An upward document puts 签发人 on the same line.
    let t = match t.find("签发人") {
        Some(i) => t[..i].trim_end_matches(crate::model::is_blank_char),
        None => t,
    };
    let open = ['〔', '[', '［', '【', '（', '(', '〖'];
    let close = ['〕', ']', '］', '】', '）', ')', '〗'];
    let Some(o) = t.find(open) else { return false };
    let prefix = &t[..o];
    if prefix.is_empty() || char_count(prefix) > 12 || prefix.contains(CLAUSE_PUNCT) {
        return false;
    }
    let after_open = &t[o..];
    let oc = after_open.chars().next().expect("found");
    let inner = &after_open[oc.len_utf8()..];
    let y = prefix_len(inner, |c| c.is_ascii_digit());
    if y != 4 {
        return false;
    }
    let Some(rest) = inner[y..].strip_prefix(close) else {
        return false;
    };
    let rest = rest.strip_prefix('第').unwrap_or(rest);
    let n = prefix_len(rest, |c| c.is_ascii_digit());
    n > 0 && &rest[n..] == "号"
}

/// 主送机关 or a salutation: a short line ending in a colon, with no sentence in it.
pub fn is_addressee(s: &str) -> bool {
    let t = s.trim_matches(crate::model::is_blank_char);
    (t.ends_with('：') || t.ends_with(':'))
        && (char_count(t) <= 80 || is_long_organ_list(t))
        && !t.contains(['。', '；', '！', '？'])
        && !t.starts_with("附件")
        && !t.starts_with("抄送")
        && heading_marker(t).is_none()
        && !SENTENCE_WORDS.iter().any(|w| t.contains(w))
}

/// A 主送 of many organs (`党中央有关部门，国务院各部委、各直属机构，…，新疆生产建设
/// 兵团财务局：`): over 80 characters, but every item between `，` and `、` is
/// an organ's short name.
fn is_long_organ_list(t: &str) -> bool {
    let items: Vec<&str> = t
        .trim_end_matches(['：', ':'])
        .split(['，', '、', ','])
        .collect();
    char_count(t) <= 300
        && items.len() >= 5
        && items.iter().all(|i| (1..=20).contains(&char_count(i)))
}

/// Words of a sentence that a 主送 (a list of organs or persons) never holds:
/// a preamble ending in a colon (`根据……，制定本报告：`) is no 主送.
const SENTENCE_WORDS: &[&str] = &[
    "根据", "如下", "现将", "为了", "结合", "按照", "制定", "现就",
];

/// The start of a line that continues a 主送 list over several lines.
///
/// A hard-wrapped 主送 may also break mid-name (`…开发区、苏州` / `宿迁工业园区，…：`):
/// a line of listed names without a final mark counts too.
pub fn is_addressee_part(s: &str) -> bool {
    let t = s.trim_matches(crate::model::is_blank_char);
    let listed = t.ends_with('，') || t.ends_with('、') || t.ends_with(',');
    let wrapped = t.contains(['、', '，']) && char_count(t) >= 8 && !t.ends_with(CLAUSE_PUNCT);
    (listed || wrapped)
        && char_count(t) <= 60
        && !t.contains(['。', '；', '：'])
        && !SENTENCE_WORDS.iter().any(|w| t.contains(w))
}

/// A subtitle under the title: `——在全市经济工作会议上的讲话`, `（2024年3月1日）`,
/// `（征求意见稿）`, a speaker line such as `市政府办公室主任　李明`.
pub fn is_subtitle(s: &str) -> bool {
    let t = s.trim_matches(crate::model::is_blank_char);
    if t.starts_with("——") || t.starts_with("—") || t.starts_with("--") || t.starts_with("－－")
    {
        return true;
    }
    let bracketed =
        (t.starts_with('（') && t.ends_with('）')) || (t.starts_with('(') && t.ends_with(')'));
    if bracketed && char_count(t) <= 40 {
        return true;
    }
    false
}

/// A line that may continue a title: short, no sentence punctuation, no colon.
pub fn is_title_like(s: &str) -> bool {
    let t = s.trim_matches(crate::model::is_blank_char);
    let n = char_count(t);
    n > 0
        && n <= 50
        && !t.ends_with(CLAUSE_PUNCT)
        && !t.ends_with(['：', ':'])
        && !t.contains('。')
        && heading_marker(t).is_none()
        && !is_date(t)
        && !is_doc_number(t)
}

/// True when the text ends with a 文种 word (the usual end of a title).
pub fn ends_with_genre(s: &str) -> bool {
    let t = s
        .trim_matches(crate::model::is_blank_char)
        .trim_end_matches(['）', ')', '》']);
    GENRE_WORDS.iter().any(|w| t.ends_with(w))
}

/// A line naming an issuing organ that stands above the title (`XX市人民政府文件`).
pub fn is_org_mark(s: &str) -> bool {
    let t = s.trim_matches(crate::model::is_blank_char);
    let n = char_count(t);
    (4..=30).contains(&n) && t.ends_with("文件") && !t.contains(CLAUSE_PUNCT)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doc_numbers() {
        for d in [
            "余府发〔2012〕3号",
            "（国办发〔2024〕12号）",
            "京政办发[2023]第5号",
            "X府函【2021】07号",
            "某某发〔2024〕1号　　签发人：张三",
        ] {
            assert!(is_doc_number(d), "{d}");
        }
        for d in [
            "2024年工作要点",
            "根据〔2012〕3号文件精神，现通知如下。",
            "第3号",
        ] {
            assert!(!is_doc_number(d), "{d}");
        }
    }

    #[test]
    fn addressee_and_salutation() {
        assert!(is_addressee("各区县人民政府，市政府各部门："));
        assert!(is_addressee("同志们："));
        assert!(is_addressee("各位委员、列席人员:"));
        assert!(!is_addressee(
            "现将自己2022年职责履行、廉洁从政情况报告如下。以下："
        ));
        assert!(!is_addressee("附件：1.实施方案"));
        assert!(is_addressee_part("各区县人民政府，"));
    }
}
