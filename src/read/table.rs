//! Tables as they reach a plain-text draft: Markdown-like pipe rows (with or
//! without outer pipes and rule rows), the pipe debris a web page leaves when a
//! form is flattened (`区分` / `| 名 称` / `|`: one cell per line, each cell of a
//! row after the first led by a pipe), and forms flattened to one cell per line
//! with no pipes at all, which only their shape gives away: a run of short cells
//! among which bare figures stand.

use crate::model::{is_blank_char, Inlines, Table};
use crate::read::recognize as r;

/// A table found in the lines: the lines it covers (`start..end`, 0-based,
/// blank lines inside included), the rule rows to skip (0-based) and the table.
#[derive(Debug)]
pub struct Found {
    pub end: usize,
    pub rules: Vec<usize>,
    pub table: Table,
}

fn trimmed<'a>(lines: &[&'a str], i: usize) -> &'a str {
    lines[i].trim_matches(is_blank_char)
}

fn next_nonblank(lines: &[&str], from: usize) -> Option<usize> {
    (from..lines.len()).find(|&j| !trimmed(lines, j).is_empty())
}

/// A line led by a pipe with no other pipe: one cell of a flattened form
/// (`| 名 称`), or an empty cell (`|`).
fn is_debris_cell(t: &str) -> bool {
    t.starts_with('|') && t.matches('|').count() == 1
}

/// A short line that can be the first cell of a flattened row.
fn is_short_cell(t: &str) -> bool {
    !t.is_empty()
        && r::char_count(t) <= 20
        && !t.contains(['。', '；', '：', ':', '！', '？', '|'])
        && !r::is_date(t)
}

/// Pipe tables starting at line `i`: rows with two or more pipes, rows with one
/// trailing or leading pipe among them, and the one-cell-per-line debris form.
pub fn pipe_table(lines: &[&str], i: usize) -> Option<Found> {
    let t = trimmed(lines, i);
    let next = next_nonblank(lines, i + 1).map(|j| trimmed(lines, j));
    let starts_debris = (is_debris_cell(t) && t.len() > 1)
        || (is_short_cell(t) && next.is_some_and(is_debris_cell));
    if starts_debris {
        return Some(debris_table(lines, i));
    }
    let pipes = t.matches('|').count();
    let next_piped = lines
        .get(i + 1)
        .is_some_and(|l| l.contains('|') && !r::is_pipe_rule(l));
    if r::is_pipe_rule(t) || pipes == 0 || (pipes == 1 && !next_piped) {
        return None;
    }
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut rules = Vec::new();
    let mut header_rows = 0;
    let mut j = i;
    while j < lines.len() {
        let tj = trimmed(lines, j);
        if !tj.contains('|') {
            break;
        }
        if r::is_pipe_rule(tj) {
            if rows.is_empty() {
                break;
            }
            if header_rows == 0 {
                header_rows = rows.len();
            }
            rules.push(j);
        } else {
            rows.push(r::split_pipe_row(tj));
        }
        j += 1;
    }
    // Rows written without outer pipes: a row that does start with one has an
    // empty first cell (a cell merged with the one above, `| （二）部分公开 |`).
    let led = (i..j)
        .filter(|&k| trimmed(lines, k).starts_with('|'))
        .count();
    let rows_total = j - i - rules.len();
    if led * 2 < rows_total {
        let mut row = 0;
        for k in i..j {
            let tk = trimmed(lines, k);
            if r::is_pipe_rule(tk) {
                continue;
            }
            if tk.starts_with('|') {
                rows[row].insert(0, String::new());
            }
            row += 1;
        }
    }
    Some(Found {
        end: j,
        rules,
        table: Table {
            rows: rows
                .into_iter()
                .map(|r| r.into_iter().map(Inlines::plain).collect())
                .collect(),
            header_rows,
        },
    })
}

/// The debris form: a line without a pipe starts a row, each `|`-led line adds
/// a cell to it (a bare `|` an empty one). Blank lines inside are skipped.
fn debris_table(lines: &[&str], i: usize) -> Found {
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut j = i;
    let mut end = i;
    while j < lines.len() {
        let t = trimmed(lines, j);
        if t.is_empty() {
            j += 1;
            continue;
        }
        if is_debris_cell(t) {
            let cell = t[1..].trim_matches(is_blank_char).to_string();
            match rows.last_mut() {
                Some(row) => row.push(cell),
                None => rows.push(vec![cell]),
            }
        } else {
            // A row's first cell may take two lines (`（盖章）` / `年 月 日`
            // in a form's 意见 cell): the pipe of its next cell comes after.
            let next = next_nonblank(lines, j + 1);
            let piped_after = |k: usize| {
                next_nonblank(lines, k + 1).is_some_and(|m| is_debris_cell(trimmed(lines, m)))
            };
            let row_start = next.is_some_and(|k| {
                let tk = trimmed(lines, k);
                is_debris_cell(tk) || (!rows.is_empty() && is_short_cell(tk) && piped_after(k))
            });
            if !(is_short_cell(t) && row_start) {
                break;
            }
            rows.push(vec![t.to_string()]);
        }
        j += 1;
        end = j;
    }
    Found {
        end,
        rules: Vec::new(),
        table: Table {
            header_rows: usize::from(rows.len() > 1),
            rows: rows
                .into_iter()
                .map(|r| r.into_iter().map(Inlines::plain).collect())
                .collect(),
        },
    }
}

/// A cell that is a bare figure: `0`, ` 12`, `3.5`, `85%`, `-`.
fn is_figure(t: &str) -> bool {
    !t.is_empty()
        && r::char_count(t) <= 12
        && t.chars().any(|c| c.is_ascii_digit())
        && t.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '%' | '-' | '+'))
}

/// A line that can be one cell of a form flattened to one cell per line: a
/// figure, or a short label without sentence punctuation.
fn is_column_cell(t: &str) -> bool {
    // `其中：1.政府网站`: a form's sub-row label, whose colon is no sentence's.
    let t = t
        .strip_prefix("其中：")
        .or_else(|| t.strip_prefix("其中:"))
        .unwrap_or(t);
    let plain = outside_brackets(t);
    is_figure(t)
        || (r::char_count(t) <= 20
            && !plain.contains([
                '。', '，', '；', '：', '、', '！', '？', ',', ';', ':', '|', '\t',
            ])
            && !r::is_date(t)
            && !r::is_attachment_label(t)
            && !matches!(r::heading_marker(t), Some((1, _))))
}

/// The text outside round brackets: a unit such as `（单位：万元）` may hold
/// punctuation that a label otherwise never has.
fn outside_brackets(t: &str) -> String {
    let mut depth = 0usize;
    let mut out = String::new();
    for c in t.chars() {
        match c {
            '（' | '(' => depth += 1,
            '）' | ')' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// A form flattened to one cell per line, starting at line `i`. `taken` marks
/// lines already claimed by something else (a table of contents).
///
/// A run of five or more cells holding at least two bare figures is a table
/// whatever its labels say; without figures, six or more very short labels
/// right under a table or under a bracketed table note (the header of a form
/// cut off by the page copy), or whose labels repeat (a form's header cells
/// heading each of its blocks) — elsewhere such a run is a list of names. A bracketed line right
/// above the run (`（本列数据的勾稽关系为：…）`) is the table's own note cell.
/// Otherwise `Err` with the end of the run looked at.
pub fn cell_column(
    lines: &[&str],
    i: usize,
    taken: &[bool],
    after_table: bool,
) -> Result<Found, usize> {
    let first = trimmed(lines, i);
    let bracketed = r::is_note(first) && !r::is_date(first) && r::char_count(first) <= 80;
    let start_cells = if bracketed { i + 1 } else { i };
    let mut cells = Vec::new();
    let mut j = start_cells;
    let mut end = start_cells;
    // Lines holding only blanks between cells: the empty cells of the form
    // (an empty line is a paragraph break; a line of spaces was a cell).
    let mut empty_cells = 0;
    let mut empty_since_cell = 0;
    while j < lines.len() {
        let t = trimmed(lines, j);
        if t.is_empty() {
            empty_since_cell += usize::from(!lines[j].is_empty());
            j += 1;
            continue;
        }
        if taken[j] || !is_column_cell(t) {
            break;
        }
        if !cells.is_empty() {
            empty_cells += empty_since_cell;
        }
        empty_since_cell = 0;
        cells.push(t);
        j += 1;
        end = j;
    }
    let figures = cells.iter().filter(|c| is_figure(c)).count();
    let short = cells.iter().all(|c| r::char_count(c) <= 10);
    // A label coming again (`信息内容` heading each block of a form) is a
    // form's repeated header; a list of names does not repeat itself.
    let repeats = {
        let mut seen = std::collections::HashSet::new();
        cells.iter().any(|c| !seen.insert(*c))
    };
    let is_table = (cells.len() >= 5 && figures >= 2)
        || (cells.len() >= 6 && short && (bracketed || after_table || repeats))
        || (cells.len() >= 4 && empty_cells >= 2);
    if !is_table || (bracketed && cells.is_empty()) {
        return Err(end.max(i + 1));
    }
    let mut all: Vec<&str> = Vec::new();
    if bracketed {
        all.push(first);
    }
    all.extend(cells);
    Ok(Found {
        end,
        rules: Vec::new(),
        table: rebuild_rows(&all),
    })
}

/// Rows from a column of cells: a label followed by its figures is a data row;
/// the labels before it are its header row (as wide as the data row) and, above
/// that, spanning rows of one cell each.
fn rebuild_rows(cells: &[&str]) -> Table {
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut pending: Vec<&str> = Vec::new();
    let mut header_rows = 0;
    let mut k = 0;
    while k < cells.len() {
        let figures = cells[k + 1..].iter().take_while(|c| is_figure(c)).count();
        if figures == 0 || is_figure(cells[k]) {
            pending.push(cells[k]);
            k += 1;
            continue;
        }
        let width = figures + 1;
        let header = pending.len().min(width);
        let spans = pending.len() - header;
        for c in &pending[..spans] {
            rows.push(vec![c.to_string()]);
        }
        if header > 0 {
            rows.push(pending[spans..].iter().map(|c| c.to_string()).collect());
            if header_rows == 0 {
                header_rows = rows.len();
            }
        }
        pending.clear();
        rows.push(cells[k..k + width].iter().map(|c| c.to_string()).collect());
        k += width;
    }
    for c in pending {
        rows.push(vec![c.to_string()]);
    }
    Table {
        rows: rows
            .into_iter()
            .map(|r| r.into_iter().map(Inlines::plain).collect())
            .collect(),
        header_rows,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(t: &Table) -> Vec<Vec<String>> {
        t.rows
            .iter()
            .map(|r| r.iter().map(Inlines::text).collect())
            .collect()
    }

    #[test]
    fn debris_rows_start_at_unpiped_lines() {
        let src = "区分\n| 名 称\n| 单位\n|\n科普活动\n| 科普报告会\n| 场\n|\n其后正文。";
        let lines: Vec<&str> = src.split('\n').collect();
        let f = pipe_table(&lines, 0).unwrap();
        assert_eq!(f.end, 8);
        assert_eq!(
            texts(&f.table),
            vec![
                vec!["区分", "名 称", "单位", ""],
                vec!["科普活动", "科普报告会", "场", ""]
            ]
        );
    }

    #[test]
    fn trailing_pipe_rows_and_merged_first_cells() {
        let src = "第二十条第（一）项 |\n信息内容 | 本年制发件数 |\n| （二）部分公开 | 0 |\n正文";
        let lines: Vec<&str> = src.split('\n').collect();
        let f = pipe_table(&lines, 0).unwrap();
        assert_eq!(f.end, 3);
        assert_eq!(texts(&f.table)[2], vec!["", "（二）部分公开", "0"]);
    }

    #[test]
    fn one_cell_per_line_form_rebuilt_from_its_figures() {
        let src = "第二十条第（一）项\n\n信息内容\n本年制发件数\n本年废止件数\n\n规章\n0\n0\n行政许可\n 0\n三、收到和处理申请情况";
        let lines: Vec<&str> = src.split('\n').collect();
        let taken = vec![false; lines.len()];
        let f = cell_column(&lines, 0, &taken, false).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(f.end, 11);
        assert_eq!(
            texts(&f.table),
            vec![
                vec!["第二十条第（一）项"],
                vec!["信息内容", "本年制发件数", "本年废止件数"],
                vec!["规章", "0", "0"],
                vec!["行政许可", "0"],
            ]
        );
        assert_eq!(f.table.header_rows, 2);
    }

    #[test]
    fn cells_among_whitespace_only_lines_are_a_table() {
        // Each cell its own paragraph; the empty cells are lines of one space.
        let src = "信息发布\n\n \n发布渠道\n \n\n2.政府公报\n\n \n3.电子邮件申请数\n\n \n其他方式\n后文。";
        let lines: Vec<&str> = src.split('\n').collect();
        let f = cell_column(&lines, 0, &vec![false; lines.len()], false)
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(f.end, 13);
        // Paragraphs apart by truly empty lines are no table.
        let src = "信息发布\n\n发布渠道\n\n政府公报\n\n电子邮件申请数\n";
        let lines: Vec<&str> = src.split('\n').collect();
        assert!(cell_column(&lines, 0, &vec![false; lines.len()], false).is_err());
    }

    #[test]
    fn a_signature_block_is_no_table() {
        let src = "某某市财政局\n某某市发展和改革委员会\n2024年3月1日";
        let lines: Vec<&str> = src.split('\n').collect();
        assert!(cell_column(&lines, 0, &[false; 3], false).is_err());
        let names = "张三\n李四\n王五\n赵六\n钱七\n孙八\n周九";
        let lines: Vec<&str> = names.split('\n').collect();
        assert!(
            cell_column(&lines, 0, &[false; 7], false).is_err(),
            "names are no table"
        );
        let form = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\n申请人情况\n自然人\n法人或其他组织\n总计\n商业\n企业\n科研";
        let lines: Vec<&str> = form.split('\n').collect();
        assert!(cell_column(&lines, 0, &[false; 8], false).is_ok());
        assert!(pipe_table(&lines, 0).is_none());
    }
}
