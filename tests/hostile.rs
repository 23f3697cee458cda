//! Hostile inputs: no panic, no hang, a clear message or a correct document,
//! never a partial output file, never an input touched.

mod support;

use std::process::Command;

fn convert(
    dir: &std::path::Path,
    name: &str,
    bytes: &[u8],
) -> (std::process::Output, std::path::PathBuf) {
    let input = dir.join(name);
    std::fs::write(&input, bytes).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_gongwen"))
        .env("GONGWEN_NO_SYSTEM_FONTS", "1")
        .arg("convert")
        .arg(&input)
        .arg("-o")
        .arg(dir.join("out/"))
        .output()
        .unwrap();
    (out, input)
}

fn outputs(dir: &std::path::Path, stem: &str) -> Vec<std::path::PathBuf> {
    let out = dir.join("out");
    std::fs::read_dir(&out)
        .map(|rd| {
            rd.flatten()
                .map(|e| e.path())
                .filter(|p| p.file_stem().is_some_and(|s| s == stem))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn rejected_inputs_leave_nothing_behind() {
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in [
        ("empty.txt", Vec::new()),
        ("blank.txt", " \n\t\u{3000}\n".as_bytes().to_vec()),
        ("nul.txt", b"\xe5\x85\xb3\x00\xe4\xba\x8e".to_vec()),
        ("binary.txt", (0u8..=255).cycle().take(4096).collect()),
        (
            "nonsense.txt",
            [0x81u8, 0x30, 0xFF, 0xFE, 0x41, 0x80, 0x80].repeat(40),
        ),
    ] {
        let (out, input) = convert(dir.path(), name, &bytes);
        assert_eq!(out.status.code(), Some(1), "{name}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.starts_with("error: ") && err.contains(name),
            "{name}: {err}"
        );
        assert!(!err.contains("panicked"));
        assert!(
            outputs(dir.path(), name.trim_end_matches(".txt")).is_empty(),
            "{name}: no partial output"
        );
        assert_eq!(
            std::fs::read(&input).unwrap(),
            bytes,
            "{name}: input untouched"
        );
    }
}

#[test]
fn odd_but_valid_inputs_convert_completely() {
    let dir = tempfile::tempdir().unwrap();
    let long_line = "字".repeat(200_000);
    let table = format!(
        "| 序号 | 单位 |\n|---|---|\n{}",
        (0..10_000)
            .map(|i| format!("| {i} | 单位{i} |\n"))
            .collect::<String>()
    );
    let nested = format!("{} 深处的文字\n", ">".repeat(10_000));
    let cases: Vec<(&str, String)> = vec![
        ("long.txt", long_line.clone()),
        ("table.md", table),
        ("nested.md", nested),
        (
            "astral.txt",
            "关于𠀀𬭚的通知\n正文含👨‍👩‍👧‍👦家庭，\u{202e}右到左\u{202c}，私用\u{e000}区。\n".into(),
        ),
        (
            "controls.txt",
            "关于X的通知\n正文\u{b}含\u{1f}控制\u{8}字符。\n".into(),
        ),
    ];
    for (name, src) in cases {
        let (out, _) = convert(dir.path(), name, src.as_bytes());
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{name}: {err}");
        let stem = name.rsplit_once('.').unwrap().0;
        let files = outputs(dir.path(), stem);
        assert_eq!(files.len(), 2, "{name}: DOCX and PDF");
        // The DOCX is well-formed XML that python-docx-like readers can parse.
        let docx = files
            .iter()
            .find(|p| p.extension().unwrap() == "docx")
            .unwrap();
        let mut zip = zip::ZipArchive::new(std::fs::File::open(docx).unwrap()).unwrap();
        let mut xml = String::new();
        std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml)
            .unwrap();
        assert!(
            !xml.chars()
                .any(gongwen::testing::write::ooxml::xml_forbidden),
            "{name}: XML-forbidden characters"
        );
        // The PDF keeps the text: every Han character of the source comes back.
        let pdf = std::fs::read(
            files
                .iter()
                .find(|p| p.extension().unwrap() == "pdf")
                .unwrap(),
        )
        .unwrap();
        let glyphs: String = support::pdfread::glyphs(&pdf)
            .iter()
            .flatten()
            .map(|g| g.text.as_str())
            .collect();
        if name == "table.md" {
            // Every row is there (the header repeats on each page).
            for i in [0, 1, 4321, 9999] {
                assert!(glyphs.contains(&format!("{i}单位{i}")), "row {i} kept");
            }
        } else {
            let han: String = src
                .chars()
                .filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c))
                .take(2000)
                .collect();
            let got: String = glyphs
                .chars()
                .filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c))
                .take(2000)
                .collect();
            assert_eq!(got, han, "{name}: text kept");
        }
    }
}

#[test]
fn missing_glyphs_are_reported_not_dropped() {
    let dir = tempfile::tempdir().unwrap();
    let (out, _) = convert(
        dir.path(),
        "emoji.txt",
        "关于X的通知\n正文😀结束。\n".as_bytes(),
    );
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("😀"), "{err}");
    let pdf = std::fs::read(dir.path().join("out/emoji.pdf")).unwrap();
    let text: String = support::pdfread::glyphs(&pdf)
        .iter()
        .flatten()
        .map(|g| g.text.as_str())
        .collect();
    assert!(
        text.contains("正文😀结束"),
        "the character stays in the text layer: {text}"
    );
}

/// Every glyph of a laid-out document lies on its page.
fn all_on_page(src: &str) -> usize {
    let style = gongwen::style::Style::default_style();
    let fonts = support::bundled_fonts(&style);
    let doc = gongwen::read::read_str(
        src,
        gongwen::read::InputFormat::Text,
        std::path::Path::new("f.txt"),
    )
    .unwrap();
    let laid = gongwen::testing::layout::layout(&doc, &style, &fonts, false);
    let g = style.geometry();
    for page in &laid.pages {
        for run in page.runs() {
            for gl in &run.glyphs {
                assert!(
                    gl.x >= 0.0
                        && gl.x <= g.page_w
                        && run.baseline >= 0.0
                        && run.baseline <= g.page_h,
                    "glyph off the page at ({}, {})",
                    gl.x,
                    run.baseline
                );
            }
        }
    }
    laid.pages.len()
}

#[test]
fn fuzz_regression_table_row_taller_than_a_page() {
    // Found by the layout fuzzer: a pipe row of many empty cells and a long run of
    // '#' wrapping in a narrow column; the row was drawn past the page's foot.
    let data = include_bytes!("fixtures/fuzz/layout-tall-table-row.bin");
    all_on_page(&String::from_utf8_lossy(data));
    // The same with readable text: a cell of 3,000 characters splits over pages.
    let src = format!(
        "| 事项 | 说明 |\n|---|---|\n| 一 | {} |\n| 二 | 完 |\n",
        "字".repeat(3000)
    );
    assert!(all_on_page(&src) >= 3);
}

#[test]
fn fuzz_regression_overlong_frame_lines() {
    // Found by the layout fuzzer: a 文号 of hundreds of digits (centred wider than
    // the 版心) and a 抄送 list taller than a page (its 版记 anchored above the top).
    all_on_page(&String::from_utf8_lossy(include_bytes!(
        "fixtures/fuzz/layout-long-doc-number.bin"
    )));
    all_on_page(&String::from_utf8_lossy(include_bytes!(
        "fixtures/fuzz/layout-record-taller-than-page.bin"
    )));
    // …and a 印发 line whose date part is wider than the line.
    all_on_page(&String::from_utf8_lossy(include_bytes!(
        "fixtures/fuzz/layout-long-imprint-date.bin"
    )));
    let long_cc = format!(
        "关于X的通知\n各单位：\n正文。\n\n某局\n2024年3月1日\n抄送：{}。\n",
        "某某单位，".repeat(400)
    );
    all_on_page(&long_cc);
}
