//! Rules on the characters of a draft: placeholders, punctuation in Chinese
//! context, dates and 发文字号.

use super::{clause, Edit, Severity, Sink, Source};
use crate::model::BlockKind;
use crate::read::recognize::heading_marker;

pub fn is_han(c: char) -> bool {
    matches!(c as u32, 0x4E00..=0x9FFF | 0x3400..=0x4DBF | 0x20000..=0x3FFFF | 0xF900..=0xFAFF)
}

/// Han characters and Chinese punctuation: what makes a context Chinese.
fn is_chinese(c: char) -> bool {
    is_han(c) || matches!(c as u32, 0x3000..=0x303F | 0xFF01..=0xFF5E) || "“”‘’—…·《》".contains(c)
}

/// Character ranges of a line not to check for punctuation: URLs, e-mail
/// addresses, and the heading number at the line start.
fn masked(chars: &[char]) -> Vec<bool> {
    let mut mask = vec![false; chars.len()];
    // Tokens of ASCII non-space characters.
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii() && !chars[i].is_ascii_whitespace() {
            let start = i;
            while i < chars.len() && chars[i].is_ascii() && !chars[i].is_ascii_whitespace() {
                i += 1;
            }
            let tok: String = chars[start..i].iter().collect();
            let lower = tok.to_ascii_lowercase();
            let url = lower.contains("://") || lower.starts_with("www.");
            let email = tok
                .find('@')
                .is_some_and(|at| at > 0 && tok[at..].contains('.'));
            if url || email {
                mask[start..i].iter_mut().for_each(|m| *m = true);
            }
        } else {
            i += 1;
        }
    }
    // The heading number (the numbering rules judge its marks).
    let lead = chars
        .iter()
        .take_while(|c| crate::model::is_blank_char(**c))
        .count();
    let rest: String = chars[lead..].iter().collect();
    if let Some((_, len)) = heading_marker(&rest) {
        let n = rest[..len].chars().count();
        mask[lead..lead + n].iter_mut().for_each(|m| *m = true);
    }
    mask
}

/// ASCII marks that do not decide whether a context is Chinese.
fn is_ascii_mark(c: char) -> bool {
    c == ' ' || "()[]\"',.;:!?".contains(c)
}

/// The nearest character before `i` that is not a space or an ASCII mark.
fn prev_visible(chars: &[char], i: usize) -> Option<char> {
    chars[..i]
        .iter()
        .rev()
        .copied()
        .find(|c| !is_ascii_mark(*c))
}

fn next_visible(chars: &[char], i: usize) -> Option<char> {
    chars
        .get(i + 1..)?
        .iter()
        .copied()
        .find(|c| !is_ascii_mark(*c))
}

fn edit(line: usize, start: usize, end: usize, text: &str) -> Option<Edit> {
    Some(Edit {
        line,
        start,
        end,
        text: text.to_string(),
    })
}

/// Redactions and placeholders left in: `**`, `XX`, `××`, `□`, `○○`, `[待补充]`…
pub fn placeholders(src: &Source, sink: &mut Sink) {
    for (li, line) in src.text_lines.iter().enumerate() {
        let ln = li + 1;
        let chars: Vec<char> = line.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            let run = chars[i..].iter().take_while(|x| **x == c).count();
            let prev = i.checked_sub(1).map(|p| chars[p]);
            let next = chars.get(i + run).copied();
            let hit = match c {
                '*' | '＊' if run >= 2 => Some("placeholder.stars"),
                'X' | 'x' | 'Ｘ' | 'ｘ'
                    if run >= 2
                        && !prev.is_some_and(|p| p.is_ascii_alphabetic())
                        && !next.is_some_and(|n| n.is_ascii_alphabetic()) =>
                {
                    Some("placeholder.x")
                }
                '×' if run >= 2 => Some("placeholder.times"),
                '□' | '■' | '△' => Some("placeholder.box"),
                '○' | '〇' | 'Ｏ' if run >= 2 && !in_year(&chars, i, run) => {
                    Some("placeholder.circle")
                }
                _ => None,
            };
            if let Some(rule) = hit {
                let shown: String = chars[i..i + run].iter().collect();
                sink.add(
                    rule,
                    Severity::Error,
                    ln,
                    i + 1,
                    None,
                    format!("占位符“{shown}”未替换，不得印发"),
                    Some("填入实际内容".into()),
                    None,
                );
                i += run;
                continue;
            }
            i += 1;
        }
        for word in [
            "[待补充]",
            "【待补充】",
            "（待补充）",
            "待补充",
            "待核实",
            "待确认",
            "待填写",
        ] {
            let mut from = 0;
            while let Some(pos) = line[from..].find(word) {
                let at = from + pos;
                let col = line[..at].chars().count();
                let already = sink.findings.iter().any(|f| {
                    f.line == ln
                        && f.rule == "placeholder.todo"
                        && f.column <= col + 1
                        && col + 1 < f.column + 6
                });
                if !already {
                    sink.add(
                        "placeholder.todo",
                        Severity::Error,
                        ln,
                        col + 1,
                        None,
                        format!("待办标记“{word}”未处理"),
                        Some("补充或核实后删除标记".into()),
                        None,
                    );
                }
                from = at + word.len();
            }
        }
    }
}

/// ○○ inside a year written in Chinese numerals is a date, not a placeholder.
fn in_year(chars: &[char], i: usize, run: usize) -> bool {
    let cn = |c: char| "〇零一二三四五六七八九○OＯ0".contains(c);
    let mut s = i;
    while s > 0 && cn(chars[s - 1]) {
        s -= 1;
    }
    let mut e = i + run;
    while e < chars.len() && cn(chars[e]) {
        e += 1;
    }
    e - s == 4 && chars.get(e) == Some(&'年')
}

/// Half-width marks, straight quotes, `...`, `--`, spaces between Han
/// characters and full-width digits or letters, in Chinese text.
pub fn punctuation(src: &Source, sink: &mut Sink) {
    for (li, line) in src.text_lines.iter().enumerate() {
        let ln = li + 1;
        let kind = src.kind_at(ln);
        if kind.is_none() || matches!(kind, Some(BlockKind::Table)) {
            continue;
        }
        let chars: Vec<char> = line.chars().collect();
        let mask = masked(&chars);
        let mut dq = 0; // straight double quotes seen: odd = open
        let mut i = 0;
        while i < chars.len() {
            if mask[i] {
                i += 1;
                continue;
            }
            let c = chars[i];
            let prev = prev_visible(&chars, i);
            let next = next_visible(&chars, i);
            let cn_prev = prev.is_some_and(is_chinese);
            let cn_next = next.is_some_and(is_chinese);
            let digits_around = prev.is_some_and(|p| p.is_ascii_digit())
                && next.is_some_and(|n| n.is_ascii_digit());
            // Runs first: ... 。。。 -- …
            if c == '.' || c == '。' {
                let run = chars[i..].iter().take_while(|x| **x == c).count();
                if run >= 3 {
                    sink.add(
                        "punct.ellipsis",
                        Severity::Warning,
                        ln,
                        i + 1,
                        Some(clause::PUNCT),
                        format!(
                            "省略号不应写作“{}”",
                            chars[i..i + run].iter().collect::<String>()
                        ),
                        Some("……".into()),
                        edit(ln, i, i + run, "……"),
                    );
                    i += run;
                    continue;
                }
            }
            if c == '…' {
                let run = chars[i..].iter().take_while(|x| **x == '…').count();
                if run == 1 {
                    sink.add(
                        "punct.ellipsis",
                        Severity::Warning,
                        ln,
                        i + 1,
                        Some(clause::PUNCT),
                        "省略号应占两个字位置（……）".into(),
                        Some("……".into()),
                        edit(ln, i, i + 1, "……"),
                    );
                }
                i += run;
                continue;
            }
            if c == '-' {
                let run = chars[i..].iter().take_while(|x| **x == '-').count();
                if run >= 2 && (cn_prev || chars.get(i + run).is_some_and(|n| is_chinese(*n))) {
                    sink.add(
                        "punct.dash",
                        Severity::Warning,
                        ln,
                        i + 1,
                        Some(clause::PUNCT),
                        "破折号不应写作连字符".into(),
                        Some("——".into()),
                        edit(ln, i, i + run, "——"),
                    );
                }
                i += run;
                continue;
            }
            let fixed = match c {
                ',' if (cn_prev || cn_next) && !digits_around => Some('，'),
                '.' if cn_prev
                    && !prev.is_some_and(|p| p.is_ascii_digit())
                    && next.is_none_or(|n| is_chinese(n) || n == '”') =>
                {
                    Some('。')
                }
                ';' if cn_prev || cn_next => Some('；'),
                ':' if (cn_prev || cn_next) && !digits_around => Some('：'),
                '?' if cn_prev || cn_next => Some('？'),
                '!' if cn_prev || cn_next => Some('！'),
                '(' if cn_prev || cn_next => Some('（'),
                ')' if cn_prev || cn_next => Some('）'),
                '"' if cn_prev || cn_next => {
                    dq += 1;
                    Some(if dq % 2 == 1 { '“' } else { '”' })
                }
                '\'' if cn_prev && cn_next => Some('’'),
                _ => None,
            };
            if let Some(f) = fixed {
                sink.add(
                    "punct.halfwidth",
                    Severity::Warning,
                    ln,
                    i + 1,
                    Some(clause::PUNCT),
                    format!("中文语境中使用了半角标点“{c}”"),
                    Some(f.to_string()),
                    edit(ln, i, i + 1, &f.to_string()),
                );
                i += 1;
                continue;
            }
            // Spaces between Han characters (not the indent at the line start).
            if (c == ' ' || c == '\u{3000}')
                && !matches!(
                    kind,
                    Some(BlockKind::Signature) | Some(BlockKind::Date) | Some(BlockKind::IssuedBy)
                )
            {
                let run = chars[i..]
                    .iter()
                    .take_while(|x| **x == ' ' || **x == '\u{3000}')
                    .count();
                let before = i.checked_sub(1).map(|p| chars[p]);
                let after = chars.get(i + run).copied();
                if before.is_some_and(is_han) && after.is_some_and(is_han) {
                    sink.add(
                        "punct.space",
                        Severity::Warning,
                        ln,
                        i + 1,
                        Some(clause::PUNCT),
                        "汉字之间有多余空格".into(),
                        Some("删除空格".into()),
                        edit(ln, i, i + run, ""),
                    );
                }
                i += run;
                continue;
            }
            // Full-width digits and Latin letters.
            if matches!(c, '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ') {
                let run = chars[i..]
                    .iter()
                    .take_while(|x| matches!(**x, '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ'))
                    .count();
                let half: String = chars[i..i + run]
                    .iter()
                    .map(|x| char::from_u32(*x as u32 - 0xFEE0).unwrap_or(*x))
                    .collect();
                sink.add(
                    "punct.fullwidth_alnum",
                    Severity::Warning,
                    ln,
                    i + 1,
                    Some(clause::NUMBERS),
                    "数字和字母应使用半角".into(),
                    Some(half.clone()),
                    edit(ln, i, i + run, &half),
                );
                i += run;
                continue;
            }
            i += 1;
        }
    }
}

fn cn_digit(c: char) -> Option<u32> {
    match c {
        '〇' | '零' | '○' | 'O' | 'o' | 'Ｏ' | '0' | '０' => Some(0),
        '一' => Some(1),
        '二' => Some(2),
        '三' => Some(3),
        '四' => Some(4),
        '五' => Some(5),
        '六' => Some(6),
        '七' => Some(7),
        '八' => Some(8),
        '九' => Some(9),
        d if d.is_ascii_digit() => d.to_digit(10),
        _ => None,
    }
}

/// A month or day in Chinese (十一, 二十, 三十一) or Arabic numerals.
fn cn_small(s: &str) -> Option<u32> {
    if s.chars().all(|c| c.is_ascii_digit()) {
        return s.parse().ok();
    }
    let chars: Vec<char> = s.chars().collect();
    match chars.as_slice() {
        ['十'] => Some(10),
        ['十', d] => Some(10 + cn_digit(*d)?),
        [t, '十'] => Some(cn_digit(*t)? * 10),
        [t, '十', d] => Some(cn_digit(*t)? * 10 + cn_digit(*d)?),
        [d] => cn_digit(*d),
        _ => None,
    }
}

/// `YYYY年M月D日` with any numerals → (y, m, d, written with Chinese numerals).
fn parse_date(t: &str) -> Option<(u32, u32, u32, bool)> {
    let y_end = t.find('年')?;
    let m_end = t.find('月')?;
    let d_end = t.find(['日', '号'])?;
    let ys = &t[..y_end];
    let year: String = ys
        .chars()
        .map(|c| cn_digit(c).map(|d| char::from_digit(d, 10).unwrap_or('0')))
        .collect::<Option<String>>()?;
    let y = year.parse().ok()?;
    let m = cn_small(&t[y_end + '年'.len_utf8()..m_end])?;
    let d = cn_small(&t[m_end + '月'.len_utf8()..d_end])?;
    let chinese = !ys.chars().all(|c| c.is_ascii_digit());
    ((1..=12).contains(&m) && (1..=31).contains(&d)).then_some((y, m, d, chinese))
}

/// 成文日期 and 印发日期 in Arabic numerals, unpadded, as 年月日 (7.3.5.4); 〇 not ○/O.
pub fn dates(src: &Source, sink: &mut Sink) {
    for (li, line) in src.text_lines.iter().enumerate() {
        let ln = li + 1;
        let kind = src.kind_at(ln);
        let chars: Vec<char> = line.chars().collect();
        let trimmed = line.trim_matches(crate::model::is_blank_char);
        let lead = line
            .chars()
            .take_while(|c| crate::model::is_blank_char(*c))
            .count();
        // O, o, ○ or 0 inside a year of Chinese numerals: the numeral is 〇.
        for (i, &c) in chars.iter().enumerate() {
            if matches!(c, '○' | 'O' | 'o' | 'Ｏ' | '0')
                && in_year(&chars, i, 1)
                && chars
                    .iter()
                    .skip(i.saturating_sub(3))
                    .take(7)
                    .any(|x| "一二三四五六七八九".contains(*x))
            {
                sink.add(
                    "date.ling",
                    Severity::Warning,
                    ln,
                    i + 1,
                    Some(clause::NUMBERS),
                    format!("“{c}”误作数字“〇”"),
                    Some("〇".into()),
                    edit(ln, i, i + 1, "〇"),
                );
            }
        }
        let is_date_line = matches!(kind, Some(BlockKind::Date) | Some(BlockKind::IssuedBy));
        // 2024.3.1, 2024-03-01, 2024/3/1 as a date line or before 印发.
        if let Some((start, end, y, m, d)) = numeric_date(&chars) {
            let after: String = chars[end..].iter().collect();
            let standalone = chars[..start]
                .iter()
                .all(|c| crate::model::is_blank_char(*c))
                && after.trim_matches(crate::model::is_blank_char).is_empty();
            if is_date_line || standalone || after.trim_start().starts_with("印发") {
                let fixed = format!("{y}年{m}月{d}日");
                sink.add(
                    "date.format",
                    Severity::Error,
                    ln,
                    start + 1,
                    Some(clause::DATE),
                    "成文日期、印发日期应写作“××××年×月×日”".into(),
                    Some(fixed.clone()),
                    edit(ln, start, end, &fixed),
                );
                continue;
            }
        }
        if !is_date_line {
            continue;
        }
        // The date part of the line.
        let body = trimmed
            .trim_start_matches(['（', '('])
            .trim_end_matches(['）', ')']);
        let body = match body
            .find(|c: char| c.is_ascii_digit() || "〇零○一二三四五六七八九Ｏ".contains(c))
        {
            Some(p) if kind == Some(BlockKind::IssuedBy) => &body[p..],
            _ => body,
        };
        let Some(end) = body.find(['日', '号']) else {
            continue;
        };
        let date_text = &body[..end + '日'.len_utf8()];
        let Some((y, m, d, chinese)) = parse_date(date_text) else {
            continue;
        };
        let col = line
            .find(date_text)
            .map_or(lead, |p| line[..p].chars().count());
        let n = date_text.chars().count();
        let fixed = format!("{y}年{m}月{d}日");
        if chinese {
            sink.add(
                "date.chinese_numerals",
                Severity::Error,
                ln,
                col + 1,
                Some(clause::DATE),
                "成文日期应使用阿拉伯数字".into(),
                Some(fixed.clone()),
                edit(ln, col, col + n, &fixed),
            );
        } else if date_text != fixed {
            let spaced = date_text.contains(crate::model::is_blank_char);
            let msg = if spaced {
                "日期中有多余空格"
            } else {
                "日期不编虚位（月、日不补零）"
            };
            sink.add(
                "date.zero_padded",
                Severity::Error,
                ln,
                col + 1,
                Some(clause::DATE),
                msg.into(),
                Some(fixed.clone()),
                edit(ln, col, col + n, &fixed),
            );
        }
    }
}

/// `2024.3.1`, `2024-03-01`, `2024/3/1` in a line: (start, end, y, m, d).
fn numeric_date(chars: &[char]) -> Option<(usize, usize, u32, u32, u32)> {
    let n = chars.len();
    let mut i = 0;
    while i + 7 < n + 1 {
        if chars[i].is_ascii_digit() && (i == 0 || !chars[i - 1].is_ascii_digit()) {
            let digits = |from: usize| {
                chars[from..]
                    .iter()
                    .take_while(|c| c.is_ascii_digit())
                    .count()
            };
            let y = digits(i);
            if y == 4 {
                let sep = chars.get(i + 4).copied();
                if let Some(s) = sep.filter(|s| matches!(s, '.' | '-' | '/' | '．' | '／')) {
                    let m = digits(i + 5);
                    if (1..=2).contains(&m) && chars.get(i + 5 + m) == Some(&s) {
                        let d = digits(i + 6 + m);
                        if (1..=2).contains(&d) {
                            let num = |a: usize, l: usize| {
                                chars[a..a + l]
                                    .iter()
                                    .collect::<String>()
                                    .parse::<u32>()
                                    .ok()
                            };
                            let (yy, mm, dd) = (num(i, 4)?, num(i + 5, m)?, num(i + 6 + m, d)?);
                            if (1..=12).contains(&mm) && (1..=31).contains(&dd) {
                                return Some((i, i + 6 + m + d, yy, mm, dd));
                            }
                        }
                    }
                }
            }
        }
        i += 1;
    }
    None
}

/// 发文字号: year in 〔〕, no 第, no leading zeros (7.2.4).
pub fn doc_numbers(src: &Source, sink: &mut Sink) {
    for b in src
        .doc
        .blocks()
        .iter()
        .filter(|b| b.kind == BlockKind::DocNumber)
    {
        let ln = b.lines.0;
        let Some(line) = src.text_lines.get(ln - 1) else {
            continue;
        };
        let chars: Vec<char> = line.chars().collect();
        let open = chars
            .iter()
            .position(|c| matches!(c, '〔' | '[' | '［' | '【' | '（' | '(' | '〖'));
        let Some(o) = open else { continue };
        let Some(cl) = chars[o + 1..]
            .iter()
            .position(|c| matches!(c, '〕' | ']' | '］' | '】' | '）' | ')' | '〗'))
            .map(|p| p + o + 1)
        else {
            continue;
        };
        if chars[o] != '〔' || chars[cl] != '〕' {
            let year: String = chars[o + 1..cl].iter().collect();
            sink.add(
                "doc_number.brackets",
                Severity::Error,
                ln,
                o + 1,
                Some(clause::DOC_NUMBER),
                format!(
                    "发文字号年份应使用六角括号“〔〕”，不应使用“{}{}”",
                    chars[o], chars[cl]
                ),
                Some(format!("〔{year}〕")),
                edit(ln, o, cl + 1, &format!("〔{year}〕")),
            );
        }
        let mut k = cl + 1;
        if chars.get(k) == Some(&'第') {
            sink.add(
                "doc_number.di",
                Severity::Error,
                ln,
                k + 1,
                Some(clause::DOC_NUMBER),
                "发文字号顺序号前不加“第”".into(),
                Some("删除“第”".into()),
                edit(ln, k, k + 1, ""),
            );
            k += 1;
        }
        let zeros = chars[k..].iter().take_while(|c| **c == '0').count();
        let digits = chars[k..].iter().take_while(|c| c.is_ascii_digit()).count();
        if zeros > 0 && digits > zeros {
            let kept: String = chars[k + zeros..k + digits].iter().collect();
            sink.add(
                "doc_number.zeros",
                Severity::Error,
                ln,
                k + 1,
                Some(clause::DOC_NUMBER),
                "发文字号顺序号不编虚位".into(),
                Some(kept),
                edit(ln, k, k + zeros, ""),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_dates_parse() {
        assert_eq!(
            parse_date("二〇二四年三月十一日"),
            Some((2024, 3, 11, true))
        );
        assert_eq!(
            parse_date("二○二四年十二月三十一日"),
            Some((2024, 12, 31, true))
        );
        assert_eq!(parse_date("2024年03月01日"), Some((2024, 3, 1, false)));
        assert_eq!(
            numeric_date(&"2024.3.1".chars().collect::<Vec<_>>()),
            Some((0, 8, 2024, 3, 1))
        );
        assert_eq!(
            numeric_date(&"于2024-03-01印发".chars().collect::<Vec<_>>()),
            Some((1, 11, 2024, 3, 1))
        );
        assert_eq!(numeric_date(&"版本3.5.1".chars().collect::<Vec<_>>()), None);
    }
}
