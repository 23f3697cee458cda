//! The plain-text reader. A clerk's draft: one paragraph per line, with or without
//! blank lines between, indented with U+3000 or spaces or not at all. Nothing is
//! read as markup: a `**` is a redacted number and stays exactly as typed.

use crate::model::{is_blank_char, Inlines, Table};
use crate::read::recognize as r;
use crate::read::structure::{Hint, Unit};

/// Split decoded text into units, one per paragraph (usually one per line).
/// Returns the units and the source line ranges that belong to none (table rules).
pub fn units(text: &str) -> (Vec<Unit>, Vec<(usize, usize)>) {
    let lines: Vec<&str> = text.split('\n').collect();
    let hard_wrapped = looks_hard_wrapped(&lines);
    let mut units: Vec<Unit> = Vec::new();
    let mut skipped = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let raw = lines[i];
        let t = raw.trim_matches(is_blank_char);
        let lineno = i + 1;
        if t.is_empty() {
            i += 1;
            continue;
        }
        // Pipe tables: consecutive rows, with an optional rule row.
        if r::is_pipe_row(t) && !r::is_pipe_rule(t) {
            let mut rows = Vec::new();
            let mut header_rows = 0;
            let mut j = i;
            while j < lines.len() {
                let tj = lines[j].trim_matches(is_blank_char);
                if r::is_pipe_rule(tj) && !rows.is_empty() {
                    if header_rows == 0 {
                        header_rows = rows.len();
                    }
                    skipped.push((j + 1, j + 1));
                } else if r::is_pipe_row(tj) {
                    rows.push(r::split_pipe_row(tj).into_iter().map(Inlines::plain).collect());
                } else {
                    break;
                }
                j += 1;
            }
            units.push(Unit {
                lines: (lineno, j),
                content: Inlines::default(),
                hint: Hint::Table(Table { rows, header_rows }),
            });
            i = j;
            continue;
        }
        // Tab-separated tables: at least two consecutive lines with the same number
        // (two or more) of tab-separated cells.
        if let Some(cols) = tab_cells(t) {
            let mut j = i + 1;
            while j < lines.len() && tab_cells(lines[j].trim_matches(is_blank_char)) == Some(cols) {
                j += 1;
            }
            if j - i >= 2 {
                let rows = lines[i..j]
                    .iter()
                    .map(|l| {
                        l.trim_matches(is_blank_char)
                            .split('\t')
                            .filter(|c| !c.trim().is_empty())
                            .map(|c| Inlines::plain(c.trim_matches(is_blank_char)))
                            .collect()
                    })
                    .collect();
                units.push(Unit { lines: (lineno, j), content: Inlines::default(), hint: Hint::Table(Table { rows, header_rows: 1 }) });
                i = j;
                continue;
            }
        }
        // A paragraph; in a hard-wrapped draft it continues over the next lines.
        let mut text = t.to_string();
        let mut j = i + 1;
        if hard_wrapped {
            while j < lines.len() {
                let next = lines[j].trim_matches(is_blank_char);
                if next.is_empty() || !continues_paragraph(&text, next) {
                    break;
                }
                text.push_str(next);
                j += 1;
            }
        }
        units.push(Unit { lines: (lineno, j), content: Inlines::plain(text), hint: Hint::None });
        i = j;
    }
    (units, skipped)
}

fn tab_cells(t: &str) -> Option<usize> {
    if !t.contains('\t') {
        return None;
    }
    let n = t.split('\t').filter(|c| !c.trim().is_empty()).count();
    (n >= 2).then_some(n)
}

/// A draft is hard-wrapped when it separates paragraphs with blank lines and many
/// of its adjacent lines break mid-sentence (text pasted from a PDF or e-mail).
fn looks_hard_wrapped(lines: &[&str]) -> bool {
    let mut blank_separated = 0;
    let mut adjacent_mid_sentence = 0;
    let mut adjacent = 0;
    for w in lines.windows(2) {
        let a = w[0].trim_matches(is_blank_char);
        let b = w[1].trim_matches(is_blank_char);
        if a.is_empty() {
            continue;
        }
        if b.is_empty() {
            blank_separated += 1;
        } else {
            adjacent += 1;
            if !ends_sentence(a) && r::char_count(a) >= 20 {
                adjacent_mid_sentence += 1;
            }
        }
    }
    blank_separated >= 2 && adjacent > 0 && adjacent_mid_sentence * 2 >= adjacent
}

fn ends_sentence(t: &str) -> bool {
    t.ends_with(['。', '！', '？', '：', '；', '…', '”', '’', '）', ')', '.', '!', '?', ':', ';'])
}

fn continues_paragraph(sofar: &str, next: &str) -> bool {
    !ends_sentence(sofar)
        && r::char_count(sofar) >= 20
        && r::heading_marker(next).is_none()
        && !r::is_date(next)
        && !r::is_list_marker(next)
        && !r::is_pipe_row(next)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_unit_per_line_blank_lines_or_not() {
        let (u, s) = units("标题\n\n　　第一段。\n第二段。\n");
        assert_eq!(u.len(), 3);
        assert_eq!(u[1].lines, (3, 3));
        assert_eq!(u[1].content.text(), "第一段。");
        assert!(s.is_empty());
    }

    #[test]
    fn stars_stay_literal() {
        let (u, _) = units("记写学习笔记**万余字，撰写研讨材料**篇。");
        assert_eq!(u[0].content.text(), "记写学习笔记**万余字，撰写研讨材料**篇。");
        assert!(!u[0].content.0[0].bold);
    }

    #[test]
    fn pipe_table_with_rule() {
        let (u, s) = units("前文。\n| 序号 | 单位 |\n|---|---|\n| 1 | 市财政局 |\n后文。");
        assert_eq!(u.len(), 3);
        match &u[1].hint {
            Hint::Table(t) => {
                assert_eq!(t.rows.len(), 2);
                assert_eq!(t.header_rows, 1);
                assert_eq!(t.rows[1][1].text(), "市财政局");
            }
            h => panic!("{h:?}"),
        }
        assert_eq!(u[1].lines, (2, 4));
        assert_eq!(s, vec![(3, 3)]);
    }

    #[test]
    fn hard_wrapped_paragraphs_are_joined() {
        let src = "为进一步加强全市安全生产工作，切实保障人民群众生命\n财产安全，现就有关事项通知如下。\n\n一、总体要求\n\n各单位要高度重视安全生产工作，切实加强组织领导和统筹\n协调，确保各项措施落实到位。\n";
        let (u, _) = units(src);
        assert_eq!(u.len(), 3, "{u:?}");
        assert_eq!(u[0].lines, (1, 2));
        assert!(u[0].content.text().ends_with("通知如下。"));
    }
}
