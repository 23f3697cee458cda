//! Tables of contents (目录). Their entries look like headings (`一、总体情况`,
//! `第二部分 …`, `1.1 编制目的`) but are list items. Three signs give them away:
//! a `目录` caption above them; page numbers (or Word's `PAGEREF _Toc… h 3`
//! field debris) at their ends; or, when the page copy kept neither, the
//! headings they name coming again further down.

use crate::model::is_blank_char;
use crate::read::recognize as r;

fn trimmed<'a>(lines: &[&'a str], i: usize) -> &'a str {
    lines[i].trim_matches(is_blank_char)
}

fn compact(t: &str) -> String {
    t.chars().filter(|c| !is_blank_char(*c)).collect()
}

/// `目录` / `目　录` alone on its line.
pub fn is_caption(t: &str) -> bool {
    matches!(compact(t).as_str(), "目录" | "目次")
}

/// Byte length of `t` without a trailing page reference: leader dots and a
/// page number, Word's `PAGEREF _Toc123 h 4` debris, or a page number after a
/// run of blanks. `None` when there is none.
fn without_page(t: &str) -> Option<&str> {
    if let Some(p) = t.find("PAGEREF") {
        return Some(t[..p].trim_end_matches(is_blank_char));
    }
    let body = t.trim_end_matches(|c: char| c.is_ascii_digit());
    let digits = t.len() - body.len();
    if digits == 0 || digits > 3 || body.is_empty() {
        return None;
    }
    let lead = body.trim_end_matches(['…', '.', '·', '-', '—', '．', '‥']);
    if lead.len() < body.len() {
        return Some(lead.trim_end_matches(is_blank_char));
    }
    let spaced = body.trim_end_matches(is_blank_char);
    (spaced.len() < body.len()
        && !spaced.ends_with(['。', '；', '，', '年', '月', '第', '：', ':'])
        && !spaced.is_empty())
    .then_some(spaced)
}

/// An entry with a page reference.
pub fn is_paged_entry(t: &str) -> bool {
    without_page(t).is_some_and(|b| r::char_count(b) <= 60 && !b.contains('。'))
}

/// What an entry names, without its number and page: the key by which the
/// heading it points to is found again (`1.1 编制目的` → `编制目的`).
fn key(t: &str) -> String {
    let t = without_page(t).unwrap_or(t);
    let t = match r::heading_marker(t) {
        Some((_, n)) => &t[n..],
        None => t,
    };
    let t = t.trim_start_matches(|c: char| {
        c.is_ascii_digit() || matches!(c, '.' | '．' | '、') || is_blank_char(c)
    });
    compact(t)
}

/// A line short and plain enough to be an entry without a page number.
fn is_plain_entry(t: &str) -> bool {
    let n = r::char_count(t);
    (2..=30).contains(&n)
        && !t.contains(['。', '，', '；', '：', ':', '！', '？', '|'])
        && !r::is_date(t)
}

/// Longest run of plain lines looked at as one table of contents (bounds the
/// work on drafts made of thousands of short lines).
const MAX_PLAIN_RUN: usize = 300;

/// Under a `目录` caption entries may be long (`七、一般公共预算财政拨款“三公”
/// 经费及会议费、培训费支出决算表`): what ends the contents is the body coming,
/// not an entry's length; a sentence still is no entry.
fn is_captioned_entry(t: &str) -> bool {
    let n = r::char_count(t);
    (2..=60).contains(&n)
        && !t.contains(['。', '，', '；', '：', ':', '！', '？', '|'])
        && !r::is_date(t)
}

/// The heading number an entry starts with (`第一部分`, `一、`, `1.1`).
fn entry_number(t: &str) -> Option<&str> {
    r::heading_marker(t).map(|(_, n)| t[..n].trim_end_matches(is_blank_char))
}

/// Marks the lines that are entries of a table of contents.
pub fn entries(lines: &[&str]) -> Vec<bool> {
    let n = lines.len();
    let mut marked = vec![false; n];
    let nonblank: Vec<usize> = (0..n).filter(|&i| !trimmed(lines, i).is_empty()).collect();
    // Where each entry key is last seen (built on first need).
    let mut last_seen: Option<std::collections::HashMap<String, usize>> = None;
    let mut k = 0;
    while k < nonblank.len() {
        let i = nonblank[k];
        let t = trimmed(lines, i);
        // Under a caption: entries until the body starts (a line that is no
        // entry, or the first entry's heading coming again).
        if is_caption(t) {
            let mut taken = std::collections::HashSet::new();
            let mut first_number: Option<&str> = None;
            let mut m = k + 1;
            let mut preamble = 0;
            let mut paged = 0;
            while m < nonblank.len() {
                let tm = trimmed(lines, nonblank[m]);
                let entry = is_paged_entry(tm) || is_captioned_entry(tm);
                if !entry {
                    if taken.is_empty() && preamble < 2 {
                        preamble += 1;
                        m += 1;
                        continue;
                    }
                    break;
                }
                let km = key(tm);
                // The body starts where the first entry comes again: its words
                // (`第一部分 部门概况`), or its number alone (`第一部分` with the
                // words on the next line). Entries with page numbers end where a
                // line without one comes.
                let number = entry_number(tm);
                let first_again = first_number.is_some() && number == first_number;
                if (!km.is_empty() && taken.contains(&km))
                    || first_again
                    || (paged >= 2 && !is_paged_entry(tm))
                {
                    break;
                }
                if taken.is_empty() {
                    first_number = number;
                }
                paged += usize::from(is_paged_entry(tm));
                taken.insert(km);
                marked[nonblank[m]] = true;
                m += 1;
            }
            k = m;
            continue;
        }
        // Paged entries without a caption: three or more in a row.
        let run = nonblank[k..]
            .iter()
            .take_while(|&&j| is_paged_entry(trimmed(lines, j)))
            .count();
        if run >= 3 {
            for &j in &nonblank[k..k + run] {
                marked[j] = true;
            }
            k += run;
            continue;
        }
        // Neither caption nor pages: a run of plain entries whose first one and
        // at least another come again below as headings.
        let mut keys: Vec<String> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for &j in nonblank[k..].iter().take(MAX_PLAIN_RUN) {
            let tj = trimmed(lines, j);
            let kj = key(tj);
            if !is_plain_entry(tj) || !seen.insert(kj.clone()) {
                break;
            }
            keys.push(kj);
        }
        let run = keys.len();
        if run >= 4 {
            let last = last_seen.get_or_insert_with(|| {
                nonblank
                    .iter()
                    .enumerate()
                    .map(|(m, &j)| (key(trimmed(lines, j)), m))
                    .collect()
            });
            let again_below = |key: &String| last.get(key).is_some_and(|&m| m >= k + run);
            let again = keys.iter().filter(|k| again_below(k)).count();
            if again_below(&keys[0]) && again >= 2 {
                for &j in &nonblank[k..k + run] {
                    marked[j] = true;
                }
                k += run;
                continue;
            }
        }
        k += 1;
    }
    marked
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(src: &str) -> Vec<usize> {
        let lines: Vec<&str> = src.split('\n').collect();
        entries(&lines)
            .iter()
            .enumerate()
            .filter(|(_, m)| **m)
            .map(|(i, _)| i + 1)
            .collect()
    }

    #[test]
    fn captioned_contents_end_where_the_body_begins() {
        let src = "目录\n\n第一部分 单位概况 PAGEREF _Toc1 h 3\n一、 主要职责 PAGEREF _Toc2 h 3\n\
                   第一部分 单位概况\n一、主要职责\n本单位负责全市的有关工作，现将情况报告如下。";
        assert_eq!(marked(src), vec![3, 4]);
    }

    #[test]
    fn captioned_contents_end_where_the_first_entry_comes_again() {
        // Long entries, a hard-wrapped tail, no page numbers, no blank lines.
        let src = "目 录\n第一部分 部门概况\n一、部门主要职责\n第二部分 2020年部门决算表\n\
                   七、一般公共预算财政拨款“三公”经费及会议费、培训费支出决算表\n\
                   三、2020年度“三公”经费、培训费及会议费支出情\n况说明\n\
                   第一部分 部门概况\n一、部门主要职责\n本部门负责有关工作。";
        assert_eq!(marked(src), vec![2, 3, 4, 5, 6, 7]);
        // The first part's number alone, its words on the next line.
        let src = "目录\n第一部分 单位概况\n一、部门职责\n第二部分 部门决算表\n\
                   第一部分\n单位概况\n一、部门职责\n根据有关规定，本单位负责有关工作。";
        assert_eq!(marked(src), vec![2, 3, 4]);
    }

    #[test]
    fn paged_entries_without_caption() {
        let src = "1.关于开展检查的报告 3\n2.关于整改情况的报告……5\n3.工作总结 12\n正文开始。";
        assert_eq!(marked(src), vec![1, 2, 3]);
        assert!(!is_paged_entry("会议定于2024年3月 1"));
        assert!(!is_paged_entry("2024"));
    }

    #[test]
    fn contents_known_by_headings_that_come_again() {
        let src = "总则\n1.1 编制目的\n1.2 编制依据\n组织体系\n\n1 总则\n1.1 编制目的\n为了……，制定本预案。";
        assert_eq!(marked(src), vec![1, 2, 3, 4]);
        // Short lines that do not come again are no contents.
        let src = "某某市财政局\n某某市教育局\n某某市卫生健康委员会\n某某市民政局\n2024年3月1日";
        assert!(marked(src).is_empty());
    }
}
