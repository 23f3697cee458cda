//! Dates and 发文字号 wherever they stand: the 成文日期 and 印发日期 in their
//! form (7.3.5.4), numeric dates (`2024.3.1`) in the body, 文号 with the year
//! in the wrong brackets, a 第 or a zero-padded serial (7.2.4), on the 文号 line
//! and where the body cites another document.

use super::text::{edit, in_year};
use super::{clause, Severity, Sink, Source};
use crate::model::BlockKind;

/// `YYYY年M月D日` with any numerals, the whole of `t` → (y, m, d, written with
/// Chinese numerals).
fn parse_date(t: &str) -> Option<(u32, u32, u32, bool)> {
    let (date, rest) = crate::script::parse_date(t)?;
    let (y, m, d) = date.valid()?;
    rest.is_empty().then_some((y, m, d, date.chinese))
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
        // 2024.3.1, 2024-03-01, 2024/3/1: as a date line or before 印发 the
        // 成文日期/印发日期 in the wrong form; anywhere else (body text, tables)
        // a date against the 年月日 convention.
        let mut signing_date = false;
        for (start, end, y, m, d) in numeric_dates(&chars) {
            let after: String = chars[end..].iter().collect();
            let standalone = chars[..start]
                .iter()
                .all(|c| crate::model::is_blank_char(*c))
                && after.trim_matches(crate::model::is_blank_char).is_empty();
            let fixed = format!("{y}年{m}月{d}日");
            if is_date_line || standalone || after.trim_start().starts_with("印发") {
                signing_date = true;
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
            } else {
                sink.add(
                    "date.numeric",
                    Severity::Warning,
                    ln,
                    start + 1,
                    Some(clause::NUMBERS),
                    "公文中的日期应写作“××××年×月×日”".into(),
                    Some(fixed.clone()),
                    edit(ln, start, end, &fixed),
                );
            }
        }
        if signing_date {
            continue;
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

/// Every `2024.3.1`, `2024-03-01`, `2024/3/1` in a line: (start, end, y, m, d).
/// Parts of a path, a version or a longer figure (`/2024/03/01/`, `1.2024.3.1`)
/// are not dates.
fn numeric_dates(chars: &[char]) -> Vec<(usize, usize, u32, u32, u32)> {
    let digits = |from: usize| {
        chars
            .get(from..)
            .map_or(0, |r| r.iter().take_while(|c| c.is_ascii_digit()).count())
    };
    let num = |a: usize, l: usize| {
        chars[a..a + l]
            .iter()
            .collect::<String>()
            .parse::<u32>()
            .ok()
    };
    let glued = |c: Option<&char>| {
        c.is_some_and(|c| {
            c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '/' | '．' | '／' | '_')
        })
    };
    let mut found = Vec::new();
    let mut i = 0;
    while i + 8 <= chars.len() {
        let starts = chars[i].is_ascii_digit() && (i == 0 || !glued(chars.get(i - 1)));
        if !starts || digits(i) != 4 {
            i += 1;
            continue;
        }
        let Some(&sep) = chars
            .get(i + 4)
            .filter(|s| matches!(s, '.' | '-' | '/' | '．' | '／'))
        else {
            i += 1;
            continue;
        };
        let m = digits(i + 5);
        let d = if (1..=2).contains(&m) && chars.get(i + 5 + m) == Some(&sep) {
            digits(i + 6 + m)
        } else {
            0
        };
        let end = i + 6 + m + d;
        if (1..=2).contains(&d) && !glued(chars.get(end)) {
            if let (Some(y), Some(mm), Some(dd)) = (num(i, 4), num(i + 5, m), num(i + 6 + m, d)) {
                if (1900..=2100).contains(&y) && (1..=12).contains(&mm) && (1..=31).contains(&dd) {
                    found.push((i, end, y, mm, dd));
                    i = end;
                    continue;
                }
            }
        }
        i += 1;
    }
    found
}

/// Characters that end the organ code of a 发文字号 (`国办发`, `X政函`, `X办字`).
const DOC_CODE_ENDS: &str = "发函字办令电文";

/// Where 发文字号 stand in a line that is not the 文号 line itself (a document
/// cited in the body): (open bracket, close bracket) around the year, found by
/// an organ code of Han characters ending in 发/函/字/…, a bracketed 4-digit
/// year, an optional 第, a serial and 号.
fn cited_doc_numbers(chars: &[char]) -> Vec<(usize, usize)> {
    let is_han = crate::script::is_han;
    let mut found = Vec::new();
    for o in 2..chars.len() {
        if !matches!(chars[o], '〔' | '[' | '［' | '【' | '（' | '(' | '〖') {
            continue;
        }
        let code = chars[..o].iter().rev().take_while(|c| is_han(**c)).count();
        if code < 2 || !DOC_CODE_ENDS.contains(chars[o - 1]) {
            continue;
        }
        let year = chars[o + 1..]
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count();
        let cl = o + 1 + year;
        if year != 4
            || !chars
                .get(cl)
                .is_some_and(|c| matches!(c, '〕' | ']' | '］' | '】' | '）' | ')' | '〗'))
        {
            continue;
        }
        let mut k = cl + 1;
        if chars.get(k) == Some(&'第') {
            k += 1;
        }
        let serial = chars[k.min(chars.len())..]
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count();
        if serial > 0 && chars.get(k + serial) == Some(&'号') {
            found.push((o, cl));
        }
    }
    found
}

/// 发文字号: year in 〔〕, no 第, no leading zeros (7.2.4).
/// The 文号 line is checked as it stands; a 文号 cited anywhere else (body text
/// included) is found by its shape (`cited_doc_numbers`).
pub fn doc_numbers(src: &Source, sink: &mut Sink) {
    let number_lines: Vec<usize> = src
        .doc
        .blocks()
        .iter()
        .filter(|b| b.kind == BlockKind::DocNumber)
        .map(|b| b.lines.0)
        .collect();
    let mut spans: Vec<(usize, Vec<char>, usize, usize)> = Vec::new();
    for (li, line) in src.text_lines.iter().enumerate() {
        let ln = li + 1;
        let chars: Vec<char> = line.chars().collect();
        let cited = cited_doc_numbers(&chars);
        if number_lines.contains(&ln) && cited.is_empty() {
            // A 文号 line the shape does not match (a code without 发/函/字…):
            // its first bracket pair holds the year.
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
            spans.push((ln, chars, o, cl));
        } else {
            for (o, cl) in cited {
                spans.push((ln, chars.clone(), o, cl));
            }
        }
    }
    for (ln, chars, o, cl) in spans {
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

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

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
    }

    #[test]
    fn numeric_dates_anywhere_but_in_paths_and_versions() {
        assert_eq!(numeric_dates(&chars("2024.3.1")), vec![(0, 8, 2024, 3, 1)]);
        assert_eq!(
            numeric_dates(&chars("于2024-03-01印发，2024/3/15前报送")),
            vec![(1, 11, 2024, 3, 1), (14, 23, 2024, 3, 15)]
        );
        for not in [
            "版本3.5.1",
            "v1.2024.3.1",
            "http://x.gov.cn/2024/03/01/a.html",
            "GB/T 9704-2012",
            "2024-2025年",
        ] {
            assert!(numeric_dates(&chars(not)).is_empty(), "{not}");
        }
    }

    #[test]
    fn doc_numbers_cited_in_the_body() {
        let line = chars("根据《通知》（市政办发(2024)3号）和《方案》（市安委发〔2024〕05号）要求");
        let found = cited_doc_numbers(&line);
        assert_eq!(found.len(), 2);
        assert_eq!(line[found[0].0], '(');
        assert_eq!(line[found[1].0], '〔');
        // A court case number or a year in brackets is no 文号.
        assert!(cited_doc_numbers(&chars("（2024）京0105民初123号")).is_empty());
        assert!(cited_doc_numbers(&chars("在（2024）年度考核中")).is_empty());
    }
}
