//! Recognisers for single lines (or paragraphs) of a draft. Each answers one
//! question about a trimmed piece of text; the structure pass combines them with
//! the position in the document. They are shared by the plain-text and the
//! Markdown reader so that both see a 公文 the same way.

mod closing;
mod head;
pub use closing::*;
pub use head::*;

/// Chinese numerals as authors use them in 一、（一） markers and dates.
pub use crate::script::HAN_NUMERALS as CN_DIGITS;

/// Longest heading sentence (in characters, without its number) still taken for a
/// heading; longer sentences after a number make a numbered paragraph.
const MAX_HEADING_CHARS: usize = 40;

/// Sentence-final marks that end a run-in heading sentence.
const SENTENCE_END: &[char] = &['。', '！', '？', '!', '?'];

/// Marks that end a clause inside a paragraph (a line ending in one is prose).
const CLAUSE_PUNCT: &[char] = &['。', '，', '；', '、', '！', '？', ',', ';', '!', '?'];

pub fn char_count(s: &str) -> usize {
    s.chars().count()
}

use crate::script::prefix_len;

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
    let cjk_word = crate::script::is_han(c) && !UNIT_CHARS.contains(c);
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

/// Words by which a sentence states a rule or a fact rather than names a
/// topic: modal verbs, the agent of 由, and the `…的，将…` of a sanction.
/// A heading is a phrase (`加强组织领导`, `会议时间`), even a short statement
/// (`事故总量持续保持在高位`); a sentence that says who must, may or will do
/// what (`市政府常务会议由市长主持`, `…一般每月召开一次，也可…`) is prose.
const CLAUSE_WORDS: &[&str] = &[
    "应当",
    "必须",
    "不得",
    "不能",
    "须",
    "也可",
    "可以",
    "可根据",
    "一般每",
    "一般由",
    "一般在",
    "一般不",
    "，将",
    "，并负责",
    "的，",
];

/// Openers of a prose sentence that leads with its ground (`依据…的规定，…`,
/// `因…的，…`): with a comma after them they start a clause, not a heading.
const CLAUSE_OPENERS: &[&str] = &["依据", "根据", "按照", "因", "对于", "凡", "如"];

/// Whether the words after a heading number read as a full clause (subject and
/// verb) rather than a heading phrase.
pub fn reads_as_clause(sentence: &str) -> bool {
    let s = sentence.trim_matches(crate::model::is_blank_char);
    // Modal words count after a subject, not as the phrase's first word
    // (`必须坚持党的领导` is a heading).
    let after_subject = |w: &str| s.match_indices(w).any(|(i, _)| char_count(&s[..i]) >= 2);
    if CLAUSE_WORDS.iter().any(|w| after_subject(w)) {
        return true;
    }
    // `X要Y，…`: a subject told what to do, in a sentence with a comma (short
    // slogans such as `思想认识要再提高` stay headings).
    let must = s.match_indices('要').any(|(i, _)| {
        let before = s[..i].chars().last();
        let after = s[i + '要'.len_utf8()..].chars().next();
        char_count(&s[..i]) >= 3
            && !before.is_some_and(|c| "主重需必只想".contains(c))
            && !after.is_some_and(|c| "求点素件闻务领害".contains(c))
    });
    if must && s.contains(['，', ',']) {
        return true;
    }
    if let Some(&(p, _)) = s.match_indices('由').next().as_ref() {
        let before = s[..p].chars().last();
        if char_count(&s[..p]) >= 2
            && !before.is_some_and(|c| "自理缘经".contains(c))
            && !s[p..].starts_with("由于")
        {
            return true;
        }
    }
    CLAUSE_OPENERS.iter().any(|w| s.starts_with(w)) && s.contains(['，', ','])
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
    // A heading word, a colon and its content: `三、报到时间：5月21日全天`.
    if let Some(p) = rest.find(['：', ':']) {
        let head = &rest[..p];
        let colon = rest[p..].chars().next().expect("found");
        let after = rest[p + colon.len_utf8()..].trim_matches(crate::model::is_blank_char);
        let ascii_time = colon == ':' && head.ends_with(|c: char| c.is_ascii_digit());
        if (2..=10).contains(&char_count(head))
            && !head.contains(CLAUSE_PUNCT)
            && !after.is_empty()
            && !ascii_time
        {
            return Some(Numbered::RunIn {
                level,
                number_len,
                head_end: rest_off + p + colon.len_utf8(),
            });
        }
    }
    match rest.find(SENTENCE_END) {
        Some(i) => {
            let end_char = rest[i..].chars().next().expect("found");
            let head_end = rest_off + i + end_char.len_utf8();
            let sentence = &rest[..i];
            let after = s[head_end..].trim_matches(crate::model::is_blank_char);
            let short = char_count(sentence) <= MAX_HEADING_CHARS;
            let clauses = sentence.matches(['，', '；', ',', ';']).count();
            if short && clauses <= 2 && !sentence.contains('：') && !reads_as_clause(sentence) {
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
            // `依据…的规定，直接进行下列审计：`: a lead-in sentence, not a heading.
            let lead_in = rest.ends_with(['：', ':']) && clauses > 0;
            if n <= MAX_HEADING_CHARS
                && !ends_clause
                && clauses <= 2
                && !lead_in
                && !reads_as_clause(rest)
            {
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
        // A number followed by a full clause is a numbered paragraph, however
        // short: who must, may or will do what.
        for s in [
            "（一）市政府常务会议一般每月召开一次，也可根据需要适时召开。",
            "（一）市政府常务会议由市长主持。市长、副市长出席会议。",
            "四、因燃放烟花爆竹造成森林火情的，将依法追究当事人责任。",
            "二、村民委员会要制定禁止燃放烟花爆竹公约，并负责监督实施。",
            "3.依据《中华人民共和国审计法》的规定，直接进行下列审计：",
        ] {
            assert_eq!(classify_numbered(s), Some(Numbered::Paragraph), "{s}");
        }
        for s in [
            "（六）企业主体责任不落实仍是事故发生的主要原因。部分施工单位意识不牢。",
            "一、根据不同地区确定保护重点。………………",
            "一、把握总体要求，明确工作目标",
            "（一）必须坚持党的领导",
        ] {
            assert!(
                !matches!(classify_numbered(s), Some(Numbered::Paragraph)),
                "{s}"
            );
        }
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
}
