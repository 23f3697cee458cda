//! Placement rules of GB/T 9704 that both writers apply the same way: where the
//! 署名 and the 成文日期 stand (7.3.5).

use crate::model::{Block, Inlines};
use crate::script::is_han;
use crate::style::{text_ems, LayoutRules, Style};

/// A title's content with the line breaks both writers use: the author's own,
/// or balanced ones (`title_lines`) when it is longer than a line.
pub fn title_content(style: &Style, b: &Block) -> Inlines {
    let text = b.content.text();
    if text.contains('\n') {
        return b.content.clone();
    }
    let r = style.role_for(b);
    let per_line = (style.geometry().text_w / r.size_pt).floor() as usize;
    let lines = title_lines(&text, per_line, &style.layout);
    if lines.len() < 2 {
        return b.content.clone();
    }
    Inlines::plain(lines.join("\n"))
}

/// Right indents, in characters of the body size, of the 署名 lines and the date.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct SignaturePlacement {
    pub signature_right_chars: f32,
    pub date_right_chars: f32,
}

/// 7.3.5.1 (with seal): the date 4 字 from the right, the 署名 centred over it.
/// 7.3.5.2 (without seal): the 署名 2 字 from the right and the date below it
/// starting 2 字 further right; a date longer than that is set 2 字 from the
/// right and the 署名 moves left to keep the 2 字 shift.
pub fn signature_placement(
    style: &Style,
    signatures: &[String],
    date: Option<&str>,
    seal: bool,
) -> SignaturePlacement {
    let rules = &style.signature;
    let ws = signatures
        .iter()
        .map(|s| text_ems(s))
        .fold(0.0f32, f32::max);
    let wd = date.map(text_ems).unwrap_or(0.0);
    if seal {
        let date_right = rules.seal_date_right_indent_chars;
        let sig_right = if date.is_some() {
            (date_right + (wd - ws) / 2.0).max(0.0)
        } else {
            date_right
        };
        return SignaturePlacement {
            signature_right_chars: sig_right,
            date_right_chars: date_right,
        };
    }
    let r = rules.right_indent_chars;
    let shift = rules.date_shift_chars;
    // Distance of the date's right end from the right edge, if it starts `shift`
    // right of the signature's first character.
    let date_right = r + ws - shift - wd;
    if date.is_none() || date_right >= r {
        SignaturePlacement {
            signature_right_chars: r,
            date_right_chars: date_right.max(0.0),
        }
    } else {
        SignaturePlacement {
            signature_right_chars: r + wd + shift - ws,
            date_right_chars: r,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn without_seal_long_signature() {
        let s = Style::default_style();
        // 10-character organ, date 2024年3月1日 = 4×0.5 + 1 + 0.5 + 1 + 0.5 + 1 = 6 ems.
        let p = signature_placement(
            &s,
            &["某某市人民政府办公室".into()],
            Some("2024年3月1日"),
            false,
        );
        assert_eq!(p.signature_right_chars, 2.0);
        // Date starts 2 right of the signature start: right = 2 + 10 - 2 - 6 = 4.
        assert_eq!(p.date_right_chars, 4.0);
    }

    #[test]
    fn without_seal_date_longer_than_signature() {
        let s = Style::default_style();
        let p = signature_placement(&s, &["张三".into()], Some("2024年12月31日"), false);
        assert_eq!(p.date_right_chars, 2.0);
        // Signature start is 2 left of date start.
        let wd = text_ems("2024年12月31日");
        assert_eq!(p.signature_right_chars, 2.0 + wd + 2.0 - 2.0);
    }

    #[test]
    fn with_seal_centred_over_date() {
        let s = Style::default_style();
        let p = signature_placement(&s, &["某某局".into()], Some("2024年3月1日"), true);
        assert_eq!(p.date_right_chars, 4.0);
        assert_eq!(p.signature_right_chars, 4.0 + (6.0 - 3.0) / 2.0);
    }
}

/// Single-character words of titles: a line may break before or after them.
const FUNCTION_CHARS: &str = "的和与及暨并对在为向于、，";

/// Where a long title breaks when its author gave no line breaks (7.3.1: "回行
/// 时要做到词意完整，排列对称"): lines of about equal length, the first not
/// shorter (a trapezoid), at a word boundary. Words are guessed from the rhythm
/// of official titles: two-character words after 关于, single-character function
/// words (的, 和, 与 …) between them.
pub fn title_lines(title: &str, per_line: usize, rules: &LayoutRules) -> Vec<String> {
    let chars: Vec<char> = title.chars().collect();
    let n = chars.len();
    if per_line == 0 || n <= per_line {
        return vec![title.to_string()];
    }
    // Candidate boundaries (break before index i).
    let mut ok = vec![false; n + 1];
    let mut run = 0; // characters since the last boundary in a word run
    for i in 0..n {
        let c = chars[i];
        if FUNCTION_CHARS.contains(c) || !is_han(c) {
            ok[i] = true;
            ok[i + 1] = true;
            run = 0;
        } else {
            if run % 2 == 0 {
                ok[i] = true;
            }
            run += 1;
        }
    }
    // The style sheet's kinsoku: never start a line with a closing mark or end
    // one with an opening mark.
    for i in 1..n {
        if rules.no_line_start.contains(chars[i]) || rules.no_line_end.contains(chars[i - 1]) {
            ok[i] = false;
        }
    }
    let lines = n.div_ceil(per_line);
    let mut out = Vec::new();
    let mut start = 0;
    for l in 0..lines {
        if l == lines - 1 {
            out.push(chars[start..].iter().collect());
            break;
        }
        let remaining = n - start;
        let target = start + remaining.div_ceil(lines - l);
        // The nearest boundary, preferring a longer line above.
        let best = (start + 1..=(start + per_line).min(n - 1))
            .filter(|&i| ok[i])
            .min_by_key(|&i| {
                (
                    (i as i64 - target as i64).abs() * 2 + i64::from(i < target),
                    i,
                )
            })
            .unwrap_or(target.min(start + per_line));
        out.push(chars[start..best].iter().collect());
        start = best;
    }
    out
}

#[cfg(test)]
mod title_tests {
    use super::title_lines as lines_of;
    use crate::style::Style;

    fn title_lines(title: &str, per_line: usize) -> Vec<String> {
        lines_of(title, per_line, &Style::default_style().layout)
    }

    #[test]
    fn long_titles_break_at_word_boundaries_in_a_trapezoid() {
        // Words stay whole (巩固), the first line the longer.
        assert_eq!(
            title_lines("关于申请农村饮水安全巩固提升工程资金的请示", 20),
            vec!["关于申请农村饮水安全巩固", "提升工程资金的请示"]
        );
        // A function word re-aligns the word rhythm: 的 ends a line, not 工|作.
        let l = title_lines("关于开展全市安全生产大检查和隐患排查治理工作的通知", 20);
        assert_eq!(l.len(), 2);
        assert!(!l[0].ends_with('工') && !l[1].starts_with('作'), "{l:?}");
        assert_eq!(
            title_lines("关于印发工作要点的通知", 20),
            vec!["关于印发工作要点的通知"]
        );
        let l = title_lines(
            "关于做好二〇二四年度全市机关事业单位工作人员年度考核工作的通知",
            20,
        );
        assert!(
            l.len() == 2 && l.iter().all(|x| x.chars().count() <= 20),
            "{l:?}"
        );
        assert!(l[0].chars().count() >= l[1].chars().count());
    }
}

/// 纪要 attendance lines (10.3): `出席：`, `请假：`, `列席：` — the label's length
/// in bytes (with its colon) when `text` starts with one.
pub fn attendance_label(text: &str) -> Option<usize> {
    let t = text.trim_start_matches(crate::model::is_blank_char);
    let lead = text.len() - t.len();
    ["出席", "请假", "列席", "缺席"].iter().find_map(|l| {
        let rest = t.strip_prefix(l)?;
        let colon = rest.chars().next().filter(|c| *c == '：' || *c == ':')?;
        Some(lead + l.len() + colon.len_utf8())
    })
}

/// `某某办公室　　2024年3月1日印发` → (organ, date part).
pub fn split_issued_by(text: &str) -> (&str, &str) {
    let t = text.trim_matches(crate::model::is_blank_char);
    match t.rfind(crate::model::is_blank_char) {
        Some(i) => {
            let organ = t[..i].trim_end_matches(crate::model::is_blank_char);
            let date = t[i..].trim_start_matches(crate::model::is_blank_char);
            (organ, date)
        }
        None => match t.find(|c: char| c.is_ascii_digit()) {
            Some(i) if i > 0 => (&t[..i], &t[i..]),
            _ => (t, ""),
        },
    }
}

/// Column widths, in points, of a table `total` points wide whose cells are set
/// at `size` points with the style's padding on each side. Both writers use
/// them, so the DOCX grid and the PDF rules agree. When every column fits its
/// longest cell, the spare width is shared in proportion. Otherwise the widths
/// are capped from the top: narrow columns (序号, 责任单位, 完成时限) keep their
/// longest cell on one line and only the widest columns, capped at a common
/// width (never below their longest unbreakable piece), wrap.
pub fn column_widths(
    table: &crate::model::Table,
    total: f32,
    size: f32,
    rules: &crate::style::TableRules,
) -> Vec<f32> {
    let cols = table.columns().max(1);
    let pad = rules.cell_padding_pt;
    // Widths are estimated in ems (text_ems); the slack covers Latin letters
    // wider than the half em that text_ems counts.
    let slack = rules.column_slack_em;
    let mut want = vec![0.0f32; cols];
    let mut need = vec![0.0f32; cols];
    for row in &table.rows {
        for (c, cell) in row.iter().enumerate() {
            let text = cell.text();
            let ems: f32 = text.split('\n').map(text_ems).fold(0.0, f32::max);
            if ems == 0.0 {
                continue;
            }
            let longest_piece = longest_unbreakable_ems(&text);
            want[c] = want[c].max(ems + slack);
            need[c] = need[c].max(ems.min(longest_piece.max(rules.column_min_chars)) + slack);
        }
    }
    let to_pt = |ems: &[f32]| -> Vec<f32> { ems.iter().map(|e| e * size + 2.0 * pad).collect() };
    let (want, need) = (to_pt(&want), to_pt(&need));
    let sw: f32 = want.iter().sum();
    if sw <= total {
        return want.iter().map(|w| w + (total - sw) * w / sw).collect();
    }
    if need.iter().sum::<f32>() >= total {
        return vec![total / cols as f32; cols];
    }
    // The cap: the largest width C with Σ max(need, min(want, C)) ≤ total.
    let capped = |cap: f32| -> Vec<f32> {
        want.iter()
            .zip(&need)
            .map(|(w, n)| w.min(cap).max(*n))
            .collect()
    };
    let (mut lo, mut hi) = (0.0f32, want.iter().copied().fold(0.0, f32::max));
    for _ in 0..40 {
        let mid = (lo + hi) / 2.0;
        if capped(mid).iter().sum::<f32>() <= total {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    let mut widths = capped(lo);
    // The bisection leaves a sliver; it goes to the capped (wrapping) columns.
    let rest = total - widths.iter().sum::<f32>();
    let wrapping: Vec<usize> = (0..cols).filter(|&c| want[c] > widths[c]).collect();
    for &c in &wrapping {
        widths[c] += rest / wrapping.len() as f32;
    }
    widths
}

/// The widest piece of `text` a line may not be broken inside, in ems: a run of
/// Latin letters and digits with the character after it (2024年), or one
/// character.
fn longest_unbreakable_ems(text: &str) -> f32 {
    let mut best = 0.0f32;
    let mut run = 0.0f32;
    for c in text.chars() {
        if crate::script::in_latin_word(c, run > 0.0) {
            run += 0.5;
        } else {
            let w = if crate::script::is_full_width(c) {
                1.0
            } else {
                0.5
            };
            best = best.max(run + w);
            run = 0.0;
        }
    }
    best.max(run)
}

#[cfg(test)]
mod table_tests {
    use super::column_widths;
    use crate::model::{Inlines, Table};
    use crate::style::TableRules;

    fn rules() -> TableRules {
        TableRules {
            rule_width_pt: 0.5,
            cell_padding_pt: 4.0,
            column_slack_em: 0.5,
            column_min_chars: 2.0,
        }
    }

    fn table(rows: &[&[&str]]) -> Table {
        Table {
            rows: rows
                .iter()
                .map(|r| r.iter().map(|c| Inlines::plain(*c)).collect())
                .collect(),
            header_rows: 1,
        }
    }

    #[test]
    fn columns_follow_their_content_and_fill_the_width() {
        let t = table(&[
            &["序号", "任务", "牵头单位", "完成时限"],
            &["2", "执法检查", "市住房和城乡建设局", "2024年9月30日"],
        ]);
        let w = column_widths(&t, 442.2, 14.0, &rules());
        assert!((w.iter().sum::<f32>() - 442.2).abs() < 0.01);
        // Every cell fits on one line: 9 字 of 14 pt plus padding.
        assert!(w[2] >= 9.0 * 14.0 + 8.0, "{w:?}");
        assert!(w[0] < w[1] && w[1] < w[2], "{w:?}");
    }

    #[test]
    fn long_cells_share_what_is_left_after_the_short_ones() {
        let long = "这是一段很长的说明文字".repeat(6);
        let t = table(&[&["序号", "说明"], &["1", &long]]);
        let w = column_widths(&t, 442.2, 14.0, &rules());
        assert!((w.iter().sum::<f32>() - 442.2).abs() < 0.01);
        assert!(
            w[0] >= 2.0 * 14.0 + 8.0 && w[0] < 4.0 * 14.0 + 8.0,
            "序号 stays narrow: {w:?}"
        );
    }

    #[test]
    fn only_the_widest_column_wraps() {
        let t = table(&[
            &["序号", "重点任务", "责任单位", "完成时限"],
            &[
                "1",
                "新推出“一件事”集成服务场景20个以上并全面推行",
                "区金融服务中心",
                "2025年12月",
            ],
        ]);
        let w = column_widths(&t, 442.2, 14.0, &rules());
        assert!((w.iter().sum::<f32>() - 442.2).abs() < 0.01, "{w:?}");
        assert!(
            w[2] >= 7.0 * 14.0 + 8.0,
            "区金融服务中心 on one line: {w:?}"
        );
        assert!(w[3] >= 5.0 * 14.0 + 8.0, "2025年12月 on one line: {w:?}");
        assert!(w[1] > w[2], "{w:?}");
    }
}

#[cfg(test)]
mod issued_tests {
    use super::split_issued_by;

    #[test]
    fn issued_by_splits_organ_and_date() {
        assert_eq!(
            split_issued_by("某某市人民政府办公室　　2024年3月1日印发"),
            ("某某市人民政府办公室", "2024年3月1日印发")
        );
        assert_eq!(
            split_issued_by("某某办公室2024年3月1日印发"),
            ("某某办公室", "2024年3月1日印发")
        );
    }
}
