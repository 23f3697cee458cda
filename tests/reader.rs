//! Integration tests of the readers on the sample and on real-looking drafts.

use std::path::Path;

use gongwen::model::BlockKind;
use gongwen::read::{read_bytes, InputFormat, ReadOptions};

const SAMPLE: &str = include_str!("../examples/述责述廉报告.txt");

fn read_text(src: &str) -> gongwen::model::Document {
    read_bytes(
        src.as_bytes(),
        Path::new("draft.txt"),
        &ReadOptions::default(),
    )
    .unwrap()
}

fn kinds(doc: &gongwen::model::Document) -> Vec<(usize, &'static str)> {
    doc.blocks()
        .iter()
        .map(|b| (b.lines.0, b.kind.name()))
        .collect()
}

#[test]
fn sample_title_headings_and_placeholders() {
    let doc = read_text(SAMPLE);
    let blocks = doc.blocks();
    assert_eq!(blocks[0].kind, BlockKind::Title);
    assert_eq!(blocks[0].lines, (1, 1));
    assert_eq!(blocks[0].text(), "政府办主任2022年度责述廉报告");
    let headings: Vec<_> = blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Heading)
        .collect();
    assert_eq!(headings.len(), 3);
    for (h, n) in headings.iter().zip(["一、", "二、", "三、"]) {
        let info = h.heading.as_ref().unwrap();
        assert_eq!(
            (info.level, info.run_in, info.number.as_str()),
            (1, true, n)
        );
        assert!(h.text()[..info.head_end].ends_with('。'));
    }
    let stars: usize = blocks.iter().map(|b| b.text().matches("**").count()).sum();
    assert_eq!(stars, 32, "every ** placeholder is kept literally");
    assert!(blocks.iter().all(|b| b.content.0.iter().all(|s| !s.bold)));
}

#[test]
fn every_nonblank_line_is_in_exactly_one_block() {
    for (name, src) in [
        ("sample", SAMPLE),
        ("tongzhi", include_str!("fixtures/tongzhi.txt")),
    ] {
        let doc = read_text(src);
        let mut owner = vec![0usize; src.lines().count() + 2];
        for b in doc.blocks() {
            for n in &mut owner[b.lines.0..=b.lines.1] {
                *n += 1;
            }
        }
        for (i, line) in src.lines().enumerate() {
            let want = if line
                .trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}')
                .is_empty()
            {
                0
            } else {
                1
            };
            let skipped = doc
                .skipped
                .iter()
                .any(|(a, b)| (*a..=*b).contains(&(i + 1)));
            assert!(
                owner[i + 1] == want || skipped,
                "{name}: line {} owned {} times: {line}",
                i + 1,
                owner[i + 1]
            );
        }
    }
}

#[test]
fn same_json_in_utf8_bom_and_gb18030() {
    let utf8 = SAMPLE.as_bytes().to_vec();
    let mut bom = vec![0xEF, 0xBB, 0xBF];
    bom.extend_from_slice(&utf8);
    let (gb, _, bad) = encoding_rs::GB18030.encode(SAMPLE);
    assert!(!bad);
    let json = |bytes: &[u8]| {
        let doc = read_bytes(bytes, Path::new("s.txt"), &ReadOptions::default()).unwrap();
        let mut v = gongwen::inspect::to_json(&doc);
        let enc = v["encoding"].as_str().unwrap().to_string();
        v["encoding"] = serde_json::Value::Null;
        (enc, v)
    };
    let (e1, j1) = json(&utf8);
    let (e2, j2) = json(&bom);
    let (e3, j3) = json(&gb);
    assert_eq!(
        (e1.as_str(), e2.as_str(), e3.as_str()),
        ("UTF-8", "UTF-8 (BOM)", "gb18030")
    );
    assert_eq!(j1, j2);
    assert_eq!(j1, j3);
}

#[test]
fn notice_with_every_part() {
    let doc = read_text(include_str!("fixtures/tongzhi.txt"));
    let k = kinds(&doc);
    let expect = [
        (1, "org_mark"),
        (2, "doc_number"),
        (4, "title"),
        (7, "addressee"),
        (9, "paragraph"),
        (10, "heading"),
        (11, "paragraph"),
        (12, "heading"),
        (13, "heading"),
        (14, "paragraph"),
        (15, "heading"),
        (16, "heading"),
        (17, "heading"),
        (18, "paragraph"),
        (19, "table"),
        (23, "heading"),
        (24, "paragraph"),
        (25, "paragraph"),
        (27, "attachment_note"),
        (30, "signature"),
        (31, "date"),
        (32, "note"),
        (34, "attachment_label"),
        (36, "attachment_title"),
        (38, "paragraph"),
        (40, "cc"),
        (42, "issued_by"),
    ];
    assert_eq!(k, expect);
    let blocks = doc.blocks();
    let title = blocks.iter().find(|b| b.kind == BlockKind::Title).unwrap();
    assert_eq!(
        title.text(),
        "关于进一步加强安全生产工作的\n通知",
        "title lines kept as the source breaks them"
    );
    let levels: Vec<(u8, bool)> = blocks
        .iter()
        .filter_map(|b| b.heading.as_ref())
        .map(|h| (h.level, h.run_in))
        .collect();
    assert_eq!(
        levels,
        vec![
            (1, false),
            (2, true),
            (2, false),
            (3, false),
            (4, true),
            (1, false),
            (1, false)
        ]
    );
    // The numbered sentence on line 14 stays a paragraph with its number.
    assert!(blocks
        .iter()
        .any(|b| b.lines.0 == 14 && b.kind == BlockKind::Paragraph && b.text().starts_with("1.")));
    assert_eq!(doc.meta.doc_number.as_deref(), Some("某政办发〔2024〕12号"));
    let table = blocks
        .iter()
        .find(|b| b.kind == BlockKind::Table)
        .unwrap()
        .table
        .as_ref()
        .unwrap();
    assert_eq!(
        (table.rows.len(), table.columns(), table.header_rows),
        (3, 3, 1)
    );
}

#[test]
fn drafts_without_title_or_blank_lines() {
    let doc = read_text("各位领导、同志们：\n今天召开会议，主要任务是部署工作。\n一、充分认识重要意义\n做好今年工作意义重大。\n");
    assert_eq!(
        kinds(&doc),
        vec![
            (1, "addressee"),
            (2, "paragraph"),
            (3, "heading"),
            (4, "paragraph")
        ]
    );
}

#[test]
fn speech_with_subtitle_and_salutation() {
    let doc = read_text("在全市经济工作会议上的讲话\n——市长　张三\n（2024年1月5日）\n\n同志们：\n　　这次会议的主要任务是总结工作。\n");
    assert_eq!(
        kinds(&doc),
        vec![
            (1, "title"),
            (2, "subtitle"),
            (3, "subtitle"),
            (5, "addressee"),
            (6, "paragraph")
        ]
    );
}

#[test]
fn signature_and_dates_in_all_forms() {
    for date in ["2024年3月1日", "二〇二四年三月一日", "2024 年 3 月 1 日"] {
        let src =
            format!("关于X的报告\n市政府：\n正文一段。\n特此报告。\n\n某某市财政局\n{date}\n");
        let doc = read_text(&src);
        assert_eq!(
            kinds(&doc),
            vec![
                (1, "title"),
                (2, "addressee"),
                (3, "paragraph"),
                (4, "paragraph"),
                (6, "signature"),
                (7, "date")
            ],
            "{date}"
        );
    }
    // A short line that is not followed by a date is an ordinary paragraph.
    let doc = read_text("关于X的报告\n正文一段。\n此致\n敬礼！\n");
    assert_eq!(kinds(&doc)[2], (3, "paragraph"));
}

#[test]
fn markdown_report() {
    let src = include_str!("fixtures/baogao.md");
    let doc = read_bytes(
        src.as_bytes(),
        Path::new("baogao.md"),
        &ReadOptions::default(),
    )
    .unwrap();
    assert_eq!(
        doc.meta.title.as_deref(),
        Some("关于2024年度工作情况的报告")
    );
    let k = kinds(&doc);
    // The front matter's 发文字号 (line 3): a report has no 版头 to print it,
    // so it is a line above the title; its `title:` yields to the `#` title.
    assert_eq!(k[0], (3, "doc_number"));
    assert!(doc.blocks()[0].from_meta);
    assert_eq!(k[1], (6, "title"));
    assert_eq!(k[2], (8, "addressee"));
    assert_eq!(doc.warnings.len(), 1, "{:?}", doc.warnings);
    let blocks = doc.blocks();
    let h = blocks
        .iter()
        .find(|b| b.text().starts_with("（二）"))
        .unwrap();
    assert_eq!(
        h.heading.as_ref().map(|h| (h.level, h.run_in)),
        Some((2, true))
    );
    let p = blocks
        .iter()
        .find(|b| b.text().starts_with("一是"))
        .unwrap();
    assert!(p.content.0[0].bold && p.content.0[0].text == "一是");
    assert!(p.text().contains("集中学习**次"));
    assert_eq!(blocks.last().unwrap().kind, BlockKind::Date);
    assert_eq!(blocks[blocks.len() - 2].kind, BlockKind::Signature);
    assert!(
        doc.skipped.contains(&(1, 4)),
        "front matter lines are skipped"
    );
}

#[test]
fn markdown_front_matter_errors_name_the_line() {
    let src = "---\ntitle: X\ntitel: Y\n---\n# X\n";
    let e = read_bytes(src.as_bytes(), Path::new("bad.md"), &ReadOptions::default())
        .unwrap_err()
        .to_string();
    assert!(e.starts_with("bad.md:3:"), "{e}");
    assert!(e.contains("titel"), "{e}");
}

#[test]
fn plain_text_is_never_markdown() {
    let opts = ReadOptions {
        format: Some(InputFormat::Text),
        ..Default::default()
    };
    let doc = read_bytes(
        "# 标题\n**一是**加强。\n".as_bytes(),
        Path::new("x.md"),
        &opts,
    )
    .unwrap();
    assert!(doc.blocks().iter().any(|b| b.text() == "**一是**加强。"));
}

/// A chat assistant's Markdown: bold that opens on a measure word after a list
/// marker stays bold (not a redacted number), an item's nested list is not part
/// of the item's lines, and the items of one list read alike: list items,
/// whatever their final mark (corpus convention 6: Markdown list lines are
/// list items).
#[test]
fn chat_markdown_lists_and_bold() {
    let src = "# 关于第一季度工作情况的报告\n\n## 一、主要工作\n\n1. **项目开工**：新开工重点项目45个。\n   - 其中产业类项目28个；\n   - 基础设施类项目17个。\n2. 加快项目建设进度；\n3. 强化要素保障。\n";
    let doc = gongwen::read::read_bytes(
        src.as_bytes(),
        std::path::Path::new("c.md"),
        &Default::default(),
    )
    .unwrap();
    let blocks = doc.blocks();
    let item = blocks
        .iter()
        .find(|b| b.text().contains("项目开工"))
        .unwrap();
    assert_eq!(
        item.text(),
        "1.项目开工：新开工重点项目45个。",
        "no literal stars"
    );
    assert!(
        item.content
            .0
            .iter()
            .any(|s| s.bold && s.text == "项目开工"),
        "bold kept: {:?}",
        item.content
    );
    assert_eq!(item.lines, (5, 5), "the nested list has its own lines");
    let kinds: Vec<_> = blocks
        .iter()
        .filter(|b| b.text().starts_with(['2', '3']))
        .map(|b| b.kind)
        .collect();
    assert_eq!(kinds, vec![gongwen::model::BlockKind::ListItem; 2]);
    assert_eq!(item.kind, gongwen::model::BlockKind::ListItem);
}
