//! Rules on the characters of a draft: placeholders and punctuation in Chinese
//! context (dates and 发文字号: `dates.rs`).

use super::{clause, Edit, Severity, Sink, Source};
use crate::model::BlockKind;
use crate::read::recognize::heading_marker;

use crate::script::is_han;

/// Han characters and Chinese punctuation (with the curly quotes, dashes and
/// ellipsis Chinese text shares with Western): what makes a context Chinese.
fn is_chinese(c: char) -> bool {
    crate::script::is_cjk(c) || "“”‘’—…·".contains(c)
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

/// A punctuation warning (GB/T 15834) on line `ln`, characters `start..end`:
/// the message, the fix as the finding words it, and the replacing text.
fn punct(
    sink: &mut Sink,
    rule: &'static str,
    (ln, start, end): (usize, usize, usize),
    message: String,
    fix: String,
    by: &str,
) {
    sink.add(
        rule,
        Severity::Warning,
        ln,
        start + 1,
        Some(clause::PUNCT),
        message,
        Some(fix),
        edit(ln, start, end, by),
    );
}

pub(super) fn edit(line: usize, start: usize, end: usize, text: &str) -> Option<Edit> {
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
pub(super) fn in_year(chars: &[char], i: usize, run: usize) -> bool {
    let cn = |c: char| "〇零一二三四五六七八九○OoＯｏ0".contains(c);
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
        // A headline in place of a 公文 title (a speech's or a news item's, no
        // 文种 at its end) sets its phrases apart with spaces on purpose.
        let headline = kind == Some(BlockKind::Title)
            && src
                .doc
                .blocks()
                .iter()
                .find(|b| b.kind == BlockKind::Title && (b.lines.0..=b.lines.1).contains(&ln))
                .is_some_and(|b| {
                    !crate::read::recognize::ends_with_genre(crate::read::head::title_core(
                        b.text().trim_end_matches(['。', '.']),
                    ))
                });
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
                    punct(
                        sink,
                        "punct.ellipsis",
                        (ln, i, i + run),
                        format!(
                            "省略号不应写作“{}”",
                            chars[i..i + run].iter().collect::<String>()
                        ),
                        "……".into(),
                        "……",
                    );
                    i += run;
                    continue;
                }
            }
            if c == '…' {
                let run = chars[i..].iter().take_while(|x| **x == '…').count();
                if run == 1 {
                    punct(
                        sink,
                        "punct.ellipsis",
                        (ln, i, i + 1),
                        "省略号应占两个字位置（……）".into(),
                        "……".into(),
                        "……",
                    );
                }
                i += run;
                continue;
            }
            if c == '-' {
                let run = chars[i..].iter().take_while(|x| **x == '-').count();
                if run >= 2 && (cn_prev || chars.get(i + run).is_some_and(|n| is_chinese(*n))) {
                    punct(
                        sink,
                        "punct.dash",
                        (ln, i, i + run),
                        "破折号不应写作连字符".into(),
                        "——".into(),
                        "——",
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
                punct(
                    sink,
                    "punct.halfwidth",
                    (ln, i, i + 1),
                    format!("中文语境中使用了半角标点“{c}”"),
                    f.to_string(),
                    &f.to_string(),
                );
                i += 1;
                continue;
            }
            // Spaces between Han characters (not the indent at the line start).
            if (c == ' ' || c == '\u{3000}')
                && !headline
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
                if before.is_some_and(is_han)
                    && after.is_some_and(is_han)
                    && !separating_space(&chars, i, i + run)
                {
                    punct(
                        sink,
                        "punct.space",
                        (ln, i, i + run),
                        "汉字之间有多余空格".into(),
                        "删除空格".into(),
                        "",
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

/// Marks that end a word-like segment around a space: other spaces, a field's
/// colon, quotation marks and brackets, the line's ends.
fn segment_end(c: char) -> bool {
    matches!(
        c,
        ' ' | '\u{3000}' | '：' | ':' | '“' | '”' | '"' | '《' | '》' | '（' | '）' | '(' | ')'
    )
}

/// Whether a space between Han characters (`chars[start..end]`) is one a
/// 文秘 types on purpose: letter-spaced labels (`联 系 人：`, `总 则`, a
/// two-character name `杜  宇`), the space after an article or chapter number
/// (`第一条 为…`), the space before a further field or a salutation
/// (`… 邮编：410005`, a scraper's paragraph break before `各县人民政府：`), and
/// the space between the short items of an unpunctuated line (organs side by
/// side, a title and a name, a list of names or places).
fn separating_space(chars: &[char], start: usize, end: usize) -> bool {
    let b = chars[..start]
        .iter()
        .rposition(|c| segment_end(*c))
        .map_or(0, |p| p + 1);
    let a = chars[end..]
        .iter()
        .position(|c| segment_end(*c))
        .map_or(chars.len(), |p| end + p);
    let (before, after) = (&chars[b..start], &chars[end..a]);
    let prose = |seg: &[char]| seg.iter().any(|c| "，。；！？、,;".contains(*c));
    // Letter spacing: a character standing alone between spaces (or a
    // field's colon, or the line's edge), not one word cut off by a bracket
    // or a quotation mark (`提出 的《…`).
    let bare = |k: Option<&char>| k.is_none_or(|c| matches!(c, ' ' | '\u{3000}' | '：' | ':'));
    if (before.len() == 1 && bare(b.checked_sub(1).and_then(|p| chars.get(p))))
        || (after.len() == 1 && bare(chars.get(a)))
    {
        return true;
    }
    let numbered = before.first() == Some(&'第')
        && before.len() <= 8
        && ["条", "章", "节", "编", "款", "部分"]
            .iter()
            .any(|w| before.iter().collect::<String>().ends_with(w));
    // A further field (`… 邮编：…`) or, where a scraper ran the paragraphs
    // together, the 主送 (`…的通知 各县、区人民政府，市政府各部门：`).
    let rest: String = chars[end..].iter().collect();
    let field_follows = (matches!(chars.get(a), Some('：') | Some(':'))
        && after.len() <= 12
        && !prose(before)
        && !after.iter().any(|c| "，。；！？,;".contains(*c)))
        || rest
            .split_inclusive(['：', ':'])
            .next()
            .is_some_and(|s| s.ends_with(['：', ':']) && crate::read::head::names_recipients(s));
    let line_unpunctuated = !prose(chars);
    // A slogan's short phrases set apart inside quotation marks: “访千楼万家 创文明城市”
    // (not a title in 《》, where a space is a slip).
    let quoted = b > 0
        && "“\"".contains(chars[b - 1])
        && chars.get(a).is_some_and(|c| "”\"".contains(*c))
        && before.len() <= 6
        && after.len() <= 6;
    // The issuing organ named before the rest (`鹤岗市人民政府 鹤岗市中级人民法院关于…`).
    // Both sides name organs, or the title's 关于 follows: not a word cut in two
    // (`《大庆市人民政府 工作规则》`).
    let is_organ = |seg: &[char]| crate::read::head::is_organ_line(&seg.iter().collect::<String>());
    let organ_before = is_organ(before)
        && (after.starts_with(&['关', '于'])
            || (3..=after.len()).any(|k| {
                is_organ(&after[..k]) && (k == after.len() || after[k..].starts_with(&['关', '于']))
            }));
    quoted
        || organ_before
        || numbered
        || field_follows
        || (line_unpunctuated && before.len() <= 14 && after.len() <= 14)
}
