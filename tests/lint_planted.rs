//! The linter on real drafts (the corpus drafts copied into
//! `fixtures/corpus/`): on the clean text, no more than one finding per draft
//! beyond the real slips of the published text listed below; with one error
//! planted per copy (the kinds `tools/lint_planted.py` plants at seeded random
//! places over the whole corpus, here at the first place each draft has for
//! it), the error is found at the line where it was planted.

use std::collections::BTreeMap;
use std::path::Path;

use gongwen::lint::{check, Finding};
use gongwen::model::BlockKind;
use gongwen::read::{read_bytes, ReadOptions};

const DRAFTS: &[(&str, &str)] = &[
    (
        "111_fangan_yuan",
        include_str!("fixtures/corpus/111_fangan_yuan.txt"),
    ),
    (
        "201_tongzhi_huiyi",
        include_str!("fixtures/corpus/201_tongzhi_huiyi.txt"),
    ),
    (
        "207_fangan_lianhe_yinfa",
        include_str!("fixtures/corpus/207_fangan_lianhe_yinfa.txt"),
    ),
    (
        "212_tongzhi_fujian_biaoge",
        include_str!("fixtures/corpus/212_tongzhi_fujian_biaoge.txt"),
    ),
    (
        "305_tongzhi_wenhao_kuohao",
        include_str!("fixtures/corpus/305_tongzhi_wenhao_kuohao.txt"),
    ),
    (
        "307_tongzhi_fujian_biaoge",
        include_str!("fixtures/corpus/307_tongzhi_fujian_biaoge.txt"),
    ),
];

/// Slips of the published text itself (draft, line, rule), each a true finding:
/// masked phone numbers, a truncated page without its 落款, `[2007]`, a date in
/// Chinese numerals with ○, a page cut before its first heading, a half-width
/// bracket.
const REAL_SLIPS: &[(&str, usize, &str)] = &[
    ("201_tongzhi_huiyi", 18, "placeholder.stars"),
    ("201_tongzhi_huiyi", 26, "structure.no_date"),
    ("201_tongzhi_huiyi", 26, "structure.no_signature"),
    ("212_tongzhi_fujian_biaoge", 2, "doc_number.brackets"),
    ("212_tongzhi_fujian_biaoge", 18, "date.chinese_numerals"),
    ("212_tongzhi_fujian_biaoge", 18, "date.ling"),
    ("212_tongzhi_fujian_biaoge", 54, "structure.no_signature"),
    ("305_tongzhi_wenhao_kuohao", 12, "structure.no_date"),
    ("305_tongzhi_wenhao_kuohao", 12, "structure.no_signature"),
    ("307_tongzhi_fujian_biaoge", 2, "numbering.gap"),
    ("307_tongzhi_fujian_biaoge", 7, "punct.halfwidth"),
    ("307_tongzhi_fujian_biaoge", 10, "date.chinese_numerals"),
];

fn lint(src: &str) -> (Vec<Finding>, BTreeMap<usize, (BlockKind, bool)>) {
    let path = Path::new("draft.txt");
    let doc = read_bytes(src.as_bytes(), path, &ReadOptions::default()).unwrap();
    let mut kinds = BTreeMap::new();
    for b in doc.blocks() {
        for n in b.lines.0..=b.lines.1 {
            kinds.insert(n, (b.kind, b.lines.0 == b.lines.1));
        }
    }
    (check(&doc, src, path, false), kinds)
}

fn count(f: &[Finding], line: usize, family: &str) -> usize {
    f.iter()
        .filter(|x| x.line == line && x.rule.starts_with(family))
        .count()
}

/// The draft with one error planted: (copy, lines where it stands), or `None`
/// when the draft has no place for this kind.
fn plant(
    kind: &str,
    lines: &[String],
    kinds: &BTreeMap<usize, (BlockKind, bool)>,
    busy: &[usize],
) -> Option<(Vec<String>, Vec<usize>)> {
    let mut out = lines.to_vec();
    let first = |k: BlockKind, min: usize| {
        kinds
            .iter()
            .find(|(n, (kk, single))| {
                *kk == k
                    && *single
                    && !busy.contains(n)
                    && lines[**n - 1].chars().count() >= min
                    && (k != BlockKind::Paragraph || lines[**n - 1].contains('，'))
            })
            .map(|(n, _)| *n)
    };
    let after_comma = |t: &str, piece: &str| t.replacen('，', &format!("，{piece}"), 1);
    let body = first(BlockKind::Paragraph, 20);
    let insert = |out: &mut Vec<String>, piece: &str| {
        let n = body?;
        out[n - 1] = after_comma(&lines[n - 1], piece);
        Some(vec![n])
    };
    let at = match kind {
        "body_date_dotted" => insert(&mut out, "2021.3.15，")?,
        "body_date_dashed" => insert(&mut out, "2021-03-15，")?,
        "body_date_slashed" => insert(&mut out, "2021/3/15，")?,
        "docnum_round_brackets" => insert(&mut out, "按照京政发（2021）5号文件要求，")?,
        "docnum_zero_serial" => insert(&mut out, "按照京政发〔2021〕05号文件要求，")?,
        "placeholder_x" => insert(&mut out, "××单位")?,
        "halfwidth_comma" => {
            let n = body?;
            out[n - 1] = lines[n - 1].replacen('，', ",", 1);
            vec![n]
        }
        "stray_space" => {
            // Between the two characters after the first comma.
            let n = body?;
            let t: Vec<char> = lines[n - 1].chars().collect();
            let c = t.iter().position(|c| *c == '，')? + 2;
            out[n - 1] = format!(
                "{} {}",
                t[..c].iter().collect::<String>(),
                t[c..].iter().collect::<String>()
            );
            vec![n]
        }
        "signing_date_dotted" | "signing_date_slashed" => {
            let n = first(BlockKind::Date, 1)?;
            let sep = if kind.ends_with("dotted") { "." } else { "/" };
            out[n - 1] = format!("2019{sep}6{sep}1");
            vec![n]
        }
        "title_stop_two_lines" => {
            let n = first(BlockKind::Title, 10)?;
            let t: Vec<char> = lines[n - 1].trim().chars().collect();
            let half = t.len() / 2;
            out.splice(
                n - 1..n,
                [
                    t[..half].iter().collect::<String>(),
                    t[half..].iter().collect::<String>() + "。",
                ],
            );
            vec![n, n + 1]
        }
        _ => unreachable!("{kind}"),
    };
    Some((out, at))
}

const KINDS: &[(&str, &str)] = &[
    ("body_date_dotted", "date."),
    ("body_date_dashed", "date."),
    ("body_date_slashed", "date."),
    ("signing_date_dotted", "date."),
    ("signing_date_slashed", "date."),
    ("docnum_round_brackets", "doc_number."),
    ("docnum_zero_serial", "doc_number."),
    ("title_stop_two_lines", "structure.title_punct"),
    ("placeholder_x", "placeholder."),
    ("halfwidth_comma", "punct.halfwidth"),
    ("stray_space", "punct.space"),
];

#[test]
fn clean_drafts_have_at_most_one_false_finding() {
    let mut report = Vec::new();
    for (stem, src) in DRAFTS {
        let (found, _) = lint(src);
        let unlisted: Vec<&Finding> = found
            .iter()
            .filter(|f| f.severity != gongwen::lint::Severity::Info)
            .filter(|f| !REAL_SLIPS.contains(&(stem, f.line, f.rule)))
            .collect();
        for f in &unlisted {
            report.push(format!("{stem}:{}: {} {}", f.line, f.rule, f.message));
        }
        assert!(unlisted.len() <= 1, "{}", report.join("\n"));
    }
    println!("unlisted findings on clean drafts:\n{}", report.join("\n"));
}

#[test]
fn planted_errors_are_found_at_their_line() {
    let (mut planted, mut found) = (0, 0);
    let mut misses = Vec::new();
    for (stem, src) in DRAFTS {
        let lines: Vec<String> = src.split('\n').map(str::to_string).collect();
        let (clean, kinds) = lint(src);
        for (kind, family) in KINDS {
            let busy: Vec<usize> = clean
                .iter()
                .filter(|f| f.rule.starts_with(family))
                .map(|f| f.line)
                .collect();
            let Some((copy, at)) = plant(kind, &lines, &kinds, &busy) else {
                continue;
            };
            let (after, _) = lint(&copy.join("\n"));
            // Lines below a title split in two move down by one.
            let shift = usize::from(at.len() == 2);
            let ok = at.iter().any(|&n| {
                let before = if n > at[0] { n - shift } else { n };
                count(&after, n, family) > count(&clean, before, family)
            });
            planted += 1;
            found += usize::from(ok);
            if !ok {
                misses.push(format!("{stem} {kind} at {at:?}"));
            }
        }
    }
    println!("planted errors found: {found}/{planted}");
    assert!(planted >= 50, "only {planted} errors planted");
    assert!(
        found as f64 >= 0.95 * planted as f64,
        "{found}/{planted}; missed:\n{}",
        misses.join("\n")
    );
}
