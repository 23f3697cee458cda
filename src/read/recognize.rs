//! Recognisers for single lines (or paragraphs) of a draft. Each answers one
//! question about a trimmed piece of text; the structure pass combines them with
//! the position in the document. They are shared by the plain-text and the
//! Markdown reader so that both see a 公文 the same way.

/// Chinese numerals as authors use them in 一、（一） markers and dates.
pub const CN_DIGITS: &str = "一二三四五六七八九十百零〇";

/// Longest heading sentence (in characters, without its number) still taken for a
/// heading; longer sentences after a number make a numbered paragraph.
const MAX_HEADING_CHARS: usize = 40;

/// Sentence-final marks that end a run-in heading sentence.
const SENTENCE_END: &[char] = &['。', '！', '？', '!', '?'];

/// Marks that end a clause inside a paragraph (a line ending in one is prose).
const CLAUSE_PUNCT: &[char] = &['。', '，', '；', '、', '！', '？', ',', ';', '!', '?'];

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

pub fn char_count(s: &str) -> usize {
    s.chars().count()
}

/// Byte length of a leading run of characters satisfying `f`.
fn prefix_len(s: &str, f: impl Fn(char) -> bool) -> usize {
    s.char_indices()
        .find(|&(_, c)| !f(c))
        .map_or(s.len(), |(i, _)| i)
}

fn is_cn_digit(c: char) -> bool {
    CN_DIGITS.contains(c)
}

/// A heading number at the start of `s`: (level, byte length of the marker).
///
/// Levels follow GB/T 9704 7.3.3: 一、 → 1, （一） → 2, 1. → 3, （1） → 4.
/// 第一章 → 1, 第一节 → 2, 第一条 → 3 (the label of an article). Half-width
/// brackets and the wrong marks authors often type (`1、`, `一.`) are accepted
/// with the level they were meant to have; the linter reports the mark.
pub fn heading_marker(s: &str) -> Option<(u8, usize)> {
    let first = s.chars().next()?;
    if is_cn_digit(first) {
        let n = prefix_len(s, is_cn_digit);
        let rest = &s[n..];
        // A date such as 二〇二四年 is not a heading.
        let c = rest.chars().next()?;
        if c == '、'
            || c == '．'
            || (c == '.' && !rest[1..].starts_with(|d: char| d.is_ascii_digit()))
        {
            return Some((1, n + c.len_utf8()));
        }
        return None;
    }
    if first == '（' || first == '(' {
        let inner = &s[first.len_utf8()..];
        let close = |c: char| c == '）' || c == ')';
        let n_cn = prefix_len(inner, is_cn_digit);
        if n_cn > 0 {
            let c = inner[n_cn..].chars().next()?;
            if close(c) {
                return Some((2, first.len_utf8() + n_cn + c.len_utf8()));
            }
        }
        let n_d = prefix_len(inner, |c| c.is_ascii_digit());
        if n_d > 0 && n_d <= 3 {
            let c = inner[n_d..].chars().next()?;
            if close(c) {
                return Some((4, first.len_utf8() + n_d + c.len_utf8()));
            }
        }
        return None;
    }
    if first.is_ascii_digit() {
        let n = prefix_len(s, |c| c.is_ascii_digit());
        if n > 3 {
            return None; // a year, not a number
        }
        if let Some(found) = decimal_marker(s) {
            return Some(found);
        }
        let rest = &s[n..];
        let c = rest.chars().next()?;
        let after = rest[c.len_utf8()..].chars().next();
        let followed_by_digit = after.is_some_and(|d| d.is_ascii_digit() || d == '%');
        if (c == '.' || c == '．' || c == '、') && !followed_by_digit && after.is_some() {
            return Some((3, n + c.len_utf8()));
        }
        return None;
    }
    if first == '第' {
        let inner = &s['第'.len_utf8()..];
        let n = prefix_len(inner, |c| is_cn_digit(c) || c.is_ascii_digit());
        if n == 0 {
            return None;
        }
        let unit = inner[n..].chars().next()?;
        let level = match unit {
            '章' | '编' | '部' => 1,
            '节' => 2,
            '条' => 3,
            _ => return None,
        };
        // 第一部分 is a part heading, but 第一部 alone is not a unit we know.
        if unit == '部' && !inner[n..].starts_with("部分") {
            return None;
        }
        let len =
            '第'.len_utf8() + n + unit.len_utf8() + if unit == '部' { "分".len() } else { 0 };
        return Some((level, len));
    }
    None
}

/// Characters that, right after a figure, make it a quantity (`3 个`, `1.5倍`)
/// rather than a heading number.
const UNIT_CHARS: &str = "年月日号时分秒个人次家项件条元万亿千百倍米吨亩台辆名所座户批期天周岁%％";

/// Decimal heading numbers of technical plans and 预案: `1.1 编制目的`,
/// `2.3.1 xxx` (level = number of parts, at most 4) and a bare `1 总则` (a
/// number, blanks, a heading word: level 1).
fn decimal_marker(s: &str) -> Option<(u8, usize)> {
    let mut parts = 0u8;
    let mut end = 0;
    let mut rest = s;
    loop {
        let n = prefix_len(rest, |c| c.is_ascii_digit());
        if n == 0 || n > 2 {
            return None;
        }
        parts += 1;
        end += n;
        rest = &rest[n..];
        match rest.strip_prefix(['.', '．']) {
            Some(r) if r.starts_with(|c: char| c.is_ascii_digit()) => {
                end += rest.len() - r.len();
                rest = r;
            }
            _ => break,
        }
    }
    let spaced = rest.starts_with(crate::model::is_blank_char);
    let word = rest.trim_start_matches(crate::model::is_blank_char);
    let c = word.chars().next()?;
    let cjk_word = ('\u{4e00}'..='\u{9fff}').contains(&c) && !UNIT_CHARS.contains(c);
    let ok = if parts == 1 {
        spaced && cjk_word
    } else {
        cjk_word || (spaced && !c.is_ascii_digit())
    };
    ok.then_some((parts.min(4), end))
}

/// How a numbered line reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Numbered {
    /// A heading alone on its line.
    Standalone { level: u8, number_len: usize },
    /// A heading sentence followed by body text; `head_end` is the byte offset
    /// just after the sentence's final mark.
    RunIn {
        level: u8,
        number_len: usize,
        head_end: usize,
    },
    /// A number followed by ordinary prose.
    Paragraph,
}

/// Decide whether a line that starts with a heading number is a heading.
pub fn classify_numbered(s: &str) -> Option<Numbered> {
    let (level, number_len) = heading_marker(s)?;
    let rest = s[number_len..].trim_start_matches(crate::model::is_blank_char);
    let rest_off = s.len() - rest.len();
    if rest.is_empty() {
        // A bare number (e.g. a table of contents); treat it as a short heading.
        return Some(Numbered::Standalone { level, number_len });
    }
    // 第一条 labels an article: the label is the heading part, the rest is text.
    if s.starts_with('第') && s[..number_len].ends_with('条') {
        return Some(Numbered::RunIn {
            level,
            number_len,
            head_end: number_len,
        });
    }
    match rest.find(SENTENCE_END) {
        Some(i) => {
            let end_char = rest[i..].chars().next().expect("found");
            let head_end = rest_off + i + end_char.len_utf8();
            let sentence = &rest[..i];
            let after = s[head_end..].trim_matches(crate::model::is_blank_char);
            let short = char_count(sentence) <= MAX_HEADING_CHARS;
            let clauses = sentence.matches(['，', '；', ',', ';']).count();
            if short && clauses <= 2 && !sentence.contains('：') {
                if after.is_empty() {
                    // A sentence alone after its number. "一、总体要求。" is a
                    // heading with a full stop; so is "一、建立联席会议制度，
                    // 定期通报情况。" at the first two levels, whose 黑体/楷体
                    // GB/T 9704 7.3.3 ties to the number. "2.本办法自印发之日
                    // 起施行，由市财政局负责解释。" is an item of prose, and a
                    // ； marks a heading run into its text with the wrong stop.
                    let item = level <= 2 && !sentence.contains(['；', ';']);
                    if item || (char_count(sentence) <= 15 && clauses == 0) {
                        Some(Numbered::Standalone { level, number_len })
                    } else {
                        Some(Numbered::Paragraph)
                    }
                } else {
                    Some(Numbered::RunIn {
                        level,
                        number_len,
                        head_end,
                    })
                }
            } else {
                Some(Numbered::Paragraph)
            }
        }
        None => {
            let n = char_count(rest);
            let ends_clause = rest.ends_with(['，', '、', '；', ',', ';']);
            let clauses = rest.matches(['，', '；', ',', ';']).count();
            if n <= MAX_HEADING_CHARS && !ends_clause && clauses <= 2 {
                Some(Numbered::Standalone { level, number_len })
            } else {
                Some(Numbered::Paragraph)
            }
        }
    }
}

/// Markers of list items that are never headings: ① ㈠ ⑴ ⒈ • · - and the like.
pub fn is_list_marker(s: &str) -> bool {
    let Some(c) = s.chars().next() else {
        return false;
    };
    matches!(c as u32,
        0x2460..=0x2473   // ①–⑳
        | 0x2474..=0x2487 // ⑴–⒇
        | 0x2488..=0x249B // ⒈–⒛
        | 0x3220..=0x3229 // ㈠–㈩
        | 0x2776..=0x2793 // ❶…
    ) || s.starts_with("• ")
        || s.starts_with("· ")
        || s.starts_with("- ")
        || s.starts_with("＊")
}

/// A 目录 (contents) entry: text, a run of leader dots, a page number.
pub fn is_contents_entry(s: &str) -> bool {
    let trimmed =
        s.trim_end_matches(|c: char| c.is_ascii_digit() || crate::model::is_blank_char(c));
    trimmed.len() < s.len()
        && (trimmed.ends_with("……") || trimmed.ends_with("....") || trimmed.ends_with("··"))
}

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
    parse_date_parts(t).is_some_and(|rest| rest.is_empty())
}

/// Parse `YYYY年M月D日` at the start of `t` (digits Arabic, Chinese or mixed with
/// 〇/○/O for zero); returns what follows.
pub fn parse_date_parts(t: &str) -> Option<&str> {
    let year_digit = |c: char| {
        c.is_ascii_digit() || "〇零一二三四五六七八九○OoＯ０１２３４５６７８９".contains(c)
    };
    let y = prefix_len(t, year_digit);
    if char_count(&t[..y]) != 4 {
        return None;
    }
    let rest = t[y..].strip_prefix('年')?;
    let md_digit =
        |c: char| c.is_ascii_digit() || "〇零一二三四五六七八九十○０１２３４５６７８９".contains(c);
    let m = prefix_len(rest, md_digit);
    if m == 0 || char_count(&rest[..m]) > 3 {
        return None;
    }
    let rest = rest[m..].strip_prefix('月')?;
    let d = prefix_len(rest, md_digit);
    if d == 0 || char_count(&rest[..d]) > 3 {
        return None;
    }
    let rest = rest[d..].strip_prefix(['日', '号'])?;
    Some(rest)
}

/// A 发文字号 such as `余府发〔2012〕3号`, also in （）, with wrong brackets.
pub fn is_doc_number(s: &str) -> bool {
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
        && char_count(t) <= 80
        && !t.contains(['。', '；', '！', '？'])
        && !t.starts_with("附件")
        && !t.starts_with("抄送")
        && heading_marker(t).is_none()
}

/// The start of a line that continues a 主送 list over several lines.
pub fn is_addressee_part(s: &str) -> bool {
    let t = s.trim_matches(crate::model::is_blank_char);
    (t.ends_with('，') || t.ends_with('、') || t.ends_with(','))
        && char_count(t) <= 60
        && !t.contains(['。', '；', '：'])
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

/// A short line without punctuation: what a 署名 looks like.
pub fn is_signature_like(s: &str) -> bool {
    let t = s.trim_matches(crate::model::is_blank_char);
    let n = char_count(t);
    (2..=30).contains(&n)
        && !t.contains([
            '。', '，', '；', '：', '！', '？', ',', ';', ':', '!', '?', '、',
        ])
        && heading_marker(t).is_none()
        && !is_date(t)
        && !t.starts_with("附件")
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

/// A pipe-table row: `| a | b |` or `a | b`.
pub fn is_pipe_row(s: &str) -> bool {
    let t = s.trim_matches(crate::model::is_blank_char);
    t.matches('|').count() >= 2 || (t.starts_with('|') && t.len() > 1)
}

/// A Markdown-style table rule `|---|:--:|`.
pub fn is_pipe_rule(s: &str) -> bool {
    let t = s.trim_matches(crate::model::is_blank_char);
    t.contains('-')
        && t.chars()
            .all(|c| matches!(c, '|' | '-' | ':' | ' ' | '+' | '\t'))
}

pub fn split_pipe_row(s: &str) -> Vec<String> {
    let t = s.trim_matches(crate::model::is_blank_char);
    let t = t.strip_prefix('|').unwrap_or(t);
    let t = t.strip_suffix('|').unwrap_or(t);
    t.split('|')
        .map(|c| c.trim_matches(crate::model::is_blank_char).to_string())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heading_markers_and_levels() {
        assert_eq!(heading_marker("一、总体要求"), Some((1, "一、".len())));
        assert_eq!(heading_marker("十二、其他"), Some((1, "十二、".len())));
        assert_eq!(heading_marker("（一）工作目标"), Some((2, "（一）".len())));
        assert_eq!(heading_marker("(三)工作目标"), Some((2, "(三)".len())));
        assert_eq!(heading_marker("1.加强领导"), Some((3, 2)));
        assert_eq!(heading_marker("2．加强领导"), Some((3, "2．".len())));
        assert_eq!(heading_marker("1、加强领导"), Some((3, "1、".len())));
        assert_eq!(heading_marker("（1）明确分工"), Some((4, "（1）".len())));
        assert_eq!(heading_marker("(12)明确分工"), Some((4, 4)));
        assert_eq!(heading_marker("第一章　总则"), Some((1, "第一章".len())));
        assert_eq!(
            heading_marker("第十二条　本办法"),
            Some((3, "第十二条".len()))
        );
        assert_eq!(
            heading_marker("第一部分　成绩"),
            Some((1, "第一部分".len()))
        );
        // Not headings.
        assert_eq!(heading_marker("3.5%的增长"), None);
        assert_eq!(heading_marker("2022年，在市委"), None);
        assert_eq!(heading_marker("二〇二四年三月一日"), None);
        assert_eq!(heading_marker("一是严谨细致"), None);
        assert_eq!(heading_marker("第一，要加强"), None);
        assert_eq!(heading_marker("（此件公开发布）"), None);
    }

    #[test]
    fn standalone_run_in_and_numbered_paragraph() {
        assert_eq!(
            classify_numbered("一、总体要求"),
            Some(Numbered::Standalone {
                level: 1,
                number_len: "一、".len()
            })
        );
        let s = "一、抓学习固根本，持续提升自身素养。始终把加强学习作为根本途径。";
        let end = "一、抓学习固根本，持续提升自身素养。".len();
        assert_eq!(
            classify_numbered(s),
            Some(Numbered::RunIn {
                level: 1,
                number_len: "一、".len(),
                head_end: end
            })
        );
        let s = "（一）支部带头，强化阵地堡垒作用。全面落实党建责任。";
        assert!(matches!(
            classify_numbered(s),
            Some(Numbered::RunIn { level: 2, .. })
        ));
        // A number followed by an ordinary long sentence.
        let s = "1.各单位要高度重视安全生产工作，切实加强组织领导，层层压实责任，确保各项措施落实到位，坚决防止重特大事故发生。";
        assert_eq!(classify_numbered(s), Some(Numbered::Paragraph));
        let s = "2.本办法自印发之日起施行，由市财政局负责解释。";
        assert_eq!(classify_numbered(s), Some(Numbered::Paragraph));
        // A heading with a stray stop is still a heading, and so is a short
        // item sentence standing alone.
        assert!(matches!(
            classify_numbered("三、工作要求。"),
            Some(Numbered::Standalone { level: 1, .. })
        ));
        assert!(matches!(
            classify_numbered("一、建立联席会议制度，每半年召开一次会议，通报情况、研究问题。"),
            Some(Numbered::Standalone { level: 1, .. })
        ));
        // An article label.
        assert!(matches!(
            classify_numbered("第一条　为规范管理，制定本办法。"),
            Some(Numbered::RunIn {
                level: 3,
                head_end: 9,
                ..
            })
        ));
    }

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

    #[test]
    fn signatures_and_ordinary_short_lines() {
        assert!(is_signature_like("某某市人民政府办公室"));
        assert!(is_signature_like("张　三"));
        assert!(!is_signature_like("特此报告。"));
        assert!(!is_signature_like("2024年3月1日"));
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
