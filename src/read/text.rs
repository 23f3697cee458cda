//! The plain-text reader. A clerk's draft: one paragraph per line, with or without
//! blank lines between, indented with U+3000 or spaces or not at all. Nothing is
//! read as markup: a `**` is a redacted number and stays exactly as typed.

use crate::model::{is_blank_char, Inlines, Table};
use crate::read::recognize as r;
use crate::read::structure::{Hint, Unit};
use crate::read::{oneline, table, toc};
use crate::style::text_ems;

/// A metadata block at the head of a plain-text draft, as Markdown front
/// matter is written: a `---` line, `key: value` lines (YAML: lists, comments
/// and indented continuations too), and a closing `---` (or `...`) line. Returns
/// the YAML and how many lines the block takes, fences included. Anything else
/// in those lines means it is not a block of keys, and the draft is read as it
/// stands.
pub fn front_matter(text: &str) -> Option<(String, usize)> {
    let mut lines = text.split('\n');
    if lines.next()?.trim_end() != "---" {
        return None;
    }
    let mut yaml = Vec::new();
    for line in lines {
        let t = line.trim_end();
        if t == "---" || t == "..." {
            return (!yaml.is_empty()).then(|| (yaml.join("\n"), yaml.len() + 2));
        }
        let key_line = t
            .split_once(':')
            .is_some_and(|(k, _)| !k.is_empty() && !k.starts_with(char::is_whitespace));
        let yaml_line = t.is_empty()
            || key_line
            || t.starts_with(' ')
            || t.starts_with('\t')
            || t.starts_with("- ")
            || t.starts_with('#');
        if !yaml_line || yaml.len() > 60 {
            return None;
        }
        yaml.push(t);
    }
    None
}

/// Split decoded text into units, one per paragraph (usually one per line).
/// Returns the units and the source line ranges that belong to none (table rules).
pub fn units(text: &str) -> (Vec<Unit>, Vec<(usize, usize)>) {
    let lines: Vec<&str> = text.split('\n').collect();
    let wrap = hard_wrap(&lines);
    let mut units: Vec<Unit> = Vec::new();
    let mut skipped = Vec::new();
    let contents = toc::entries(&lines);
    // Only a draft of a line or two can be a whole document run onto one line.
    let few_lines = lines
        .iter()
        .filter(|l| !l.trim_matches(is_blank_char).is_empty())
        .count()
        <= 2;
    let mut no_column_until = 0;
    let mut i = 0;
    while i < lines.len() {
        let raw = lines[i];
        let t = raw.trim_matches(is_blank_char);
        let lineno = i + 1;
        if t.is_empty() {
            i += 1;
            continue;
        }
        if few_lines {
            if let Some(pieces) = oneline::split(t) {
                // A whole document on one line: one unit per paragraph, all on
                // this line.
                for p in pieces {
                    units.push(line_unit(lineno, p, Hint::None));
                }
                i += 1;
                continue;
            }
        }
        if let Some((number, rest)) = glued_doc_number(t) {
            // A 文号 the scraper glued to the 主送: two units on one line.
            for p in [number, rest] {
                units.push(line_unit(lineno, p, Hint::None));
            }
            i += 1;
            continue;
        }
        if contents[i] {
            units.push(line_unit(lineno, t, Hint::ContentsEntry));
            i += 1;
            continue;
        }
        let after_table = units
            .last()
            .is_some_and(|u| matches!(u.hint, Hint::Table(_)));
        let found = match table::pipe_table(&lines, i) {
            Some(f) => Some(f),
            None if i >= no_column_until => {
                match table::cell_column(&lines, i, &contents, after_table) {
                    Ok(f) => Some(f),
                    Err(scanned) => {
                        // A run that is no table holds none further down either.
                        no_column_until = scanned;
                        None
                    }
                }
            }
            None => None,
        };
        if let Some(f) = found {
            skipped.extend(f.rules.iter().map(|&k| (k + 1, k + 1)));
            units.push(Unit {
                lines: (lineno, f.end),
                content: Inlines::default(),
                hint: Hint::Table(f.table),
            });
            i = f.end;
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
                units.push(Unit {
                    lines: (lineno, j),
                    content: Inlines::default(),
                    hint: Hint::Table(Table {
                        rows,
                        header_rows: 1,
                    }),
                });
                i = j;
                continue;
            }
        }
        // A paragraph; in a hard-wrapped draft it continues over the next lines.
        let mut text = t.to_string();
        let mut last_line = t;
        let mut j = i + 1;
        if let Some(wrap) = wrap {
            while j < lines.len() {
                let next = lines[j].trim_matches(is_blank_char);
                if next.is_empty() || !continues_paragraph(&text, next) {
                    break;
                }
                // Without blank lines between paragraphs, only a line that was
                // filled to the wrap width runs on, and an indented line starts
                // a paragraph of its own.
                if let Wrap::Width(w) = wrap {
                    if text_ems(last_line) < w - WRAP_SLACK_EMS
                        || lines[j].starts_with(is_blank_char)
                    {
                        break;
                    }
                }
                text.push_str(next);
                last_line = next;
                j += 1;
            }
        }
        units.push(Unit {
            lines: (lineno, j),
            content: Inlines::plain(text),
            hint: Hint::None,
        });
        i = j;
    }
    (units, skipped)
}

/// `卫国土资发〔2012〕313号中宁、海原县国土资源局…：`: a 文号 run into the 主送.
fn glued_doc_number(t: &str) -> Option<(&str, &str)> {
    let end = t.char_indices().take(30).find(|&(_, c)| c == '号')?.0 + '号'.len_utf8();
    let (number, rest) = t.split_at(end);
    let rest = rest.trim_start_matches(is_blank_char);
    (!rest.is_empty() && r::is_doc_number(number) && r::is_addressee(rest))
        .then_some((number, rest))
}

fn tab_cells(t: &str) -> Option<usize> {
    if !t.contains('\t') {
        return None;
    }
    let n = t.split('\t').filter(|c| !c.trim().is_empty()).count();
    (n >= 2).then_some(n)
}

/// How a hard-wrapped draft (text pasted from a PDF or an e-mail) shows itself.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Wrap {
    /// Paragraphs are separated by blank lines and many adjacent lines break
    /// mid-sentence: every such line runs on.
    BlankSeparated,
    /// No blank lines, but several lines break mid-sentence at about the same
    /// width (in ems) and hardly any line is wider: a line that reaches that
    /// width and does not end a sentence runs on.
    Width(f32),
}

/// How far short of the wrap width a wrapped line may end: editors break
/// before a word or a closing mark, and Latin text is narrower than counted.
const WRAP_SLACK_EMS: f32 = 4.0;

fn hard_wrap(lines: &[&str]) -> Option<Wrap> {
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
    if blank_separated >= 2 && adjacent > 0 && adjacent_mid_sentence * 2 >= adjacent {
        return Some(Wrap::BlankSeparated);
    }
    // The width path: the widest mid-sentence line followed by more text sets
    // the wrap width; at least three lines must reach it and at most a tenth
    // of the lines may be wider (a one-paragraph-per-line draft has long lines).
    let texts: Vec<&str> = lines
        .iter()
        .map(|l| l.trim_matches(is_blank_char))
        .filter(|t| !t.is_empty())
        .collect();
    let mid: Vec<f32> = texts
        .windows(2)
        .filter(|w| !ends_sentence(w[0]) && r::heading_marker(w[1]).is_none())
        .map(|w| text_ems(w[0]))
        .filter(|w| *w >= MIN_WRAP_EMS)
        .collect();
    let width = mid.iter().copied().fold(0.0f32, f32::max);
    if width < MIN_WRAP_EMS {
        return None;
    }
    let full = mid.iter().filter(|w| **w >= width - WRAP_SLACK_EMS).count();
    let wider = texts.iter().filter(|t| text_ems(t) > width + 2.0).count();
    (full >= 3 && wider * 10 <= texts.len()).then_some(Wrap::Width(width))
}

/// Drafts are not wrapped narrower than a 公文 line less its indent.
const MIN_WRAP_EMS: f32 = 24.0;

fn ends_sentence(t: &str) -> bool {
    t.ends_with([
        '。', '！', '？', '：', '；', '…', '”', '’', '）', ')', '.', '!', '?', ':', ';',
    ])
}

fn continues_paragraph(sofar: &str, next: &str) -> bool {
    !ends_sentence(sofar)
        && r::char_count(sofar) >= 20
        && r::heading_marker(next).is_none()
        && !r::is_date(next)
        && !r::is_list_marker(next)
        && !r::is_pipe_row(next)
}

/// A unit of one source line.
fn line_unit(lineno: usize, text: &str, hint: Hint) -> Unit {
    Unit {
        lines: (lineno, lineno),
        content: Inlines::plain(text),
        hint,
    }
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
        assert_eq!(
            u[0].content.text(),
            "记写学习笔记**万余字，撰写研讨材料**篇。"
        );
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
    fn wrapped_without_blank_lines_is_joined_by_width() {
        let src = "各位同志：\n\
                   今天，我们召开全县安全生产工作会议，主要任务是深入贯彻落实上级关于安全生产工作的决策部署，总结\n\
                   2024年全县安全生产工作，分析当前面临的形势，安排部署2025年工作。刚才，县应急管理局通报了\n\
                   全年安全生产情况，我都同意。\n\
                   一、提高政治站位，深刻认识做好安全生产工作的重要性\n\
                   安全生产事关人民福祉，事关经济社会发展大局。各级各部门要牢固树立安全发展理念，始终把人民群\n\
                   众生命安全放在第一位。\n\
                   \u{3000}\u{3000}同志们，安全生产责任重于泰山。\n";
        let (u, _) = units(src);
        let texts: Vec<String> = u.iter().map(|u| u.content.text()).collect();
        assert_eq!(texts.len(), 5, "{texts:#?}");
        assert!(texts[1].starts_with("今天") && texts[1].ends_with("我都同意。"));
        assert_eq!(
            texts[2], "一、提高政治站位，深刻认识做好安全生产工作的重要性",
            "a short line does not run on"
        );
        assert!(texts[3].ends_with("众生命安全放在第一位。"));
    }

    #[test]
    fn one_paragraph_per_line_is_not_taken_for_wrapped() {
        let src = "附件：1.某某区2025年优化营商环境重点任务清单一览表\n\
                   \u{3000}\u{3000}\u{3000}2.某某区优化营商环境工作领导小组成员名单一览表\n\
                   \u{3000}\u{3000}\u{3000}3.某某区优化营商环境工作联络员名单及联系方式表\n\
                   \u{3000}\u{3000}各单位要高度重视，认真组织实施，确保各项任务按期完成，并于每季度末将工作进展情况报区发展改革局，逾期不报的予以通报。\n\
                   某某区人民政府办公室\n";
        let (u, _) = units(src);
        assert_eq!(u.len(), 5);
        assert_eq!(hard_wrap(&src.split('\n').collect::<Vec<_>>()), None);
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
