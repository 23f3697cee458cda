//! Bytes in, bytes out (what the browser runs): the same bytes as the command
//! line for the same input, style and timestamp, with only the fonts the draft
//! asks for; the house keys in a plain draft's front matter.

mod support;

use std::collections::BTreeMap;
use std::process::Command;

use gongwen::convert::Target;
use gongwen::engine::Draft;
use gongwen::fonts::{bundled_chain, FontRole, FontSet, Resolver};
use gongwen::style::Style;

const SAMPLE: &str = include_str!("../examples/述责述廉报告.txt");
const NOTICE_MD: &str = include_str!("../examples/通知.md");
const TIMESTAMP: i64 = 1_709_251_200;

/// Hand in fonts as the page does: ask, load what is asked, until nothing is.
fn fonts_for(draft: &Draft, style: &Style) -> (FontSet, Vec<String>) {
    let mut files: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    for _ in 0..4 {
        let set = FontSet::from_memory(files.clone()).unwrap();
        let need = draft.fonts_needed(style, &set);
        if need.is_empty() {
            return (set, files.keys().cloned().collect());
        }
        for f in need {
            let bytes = std::fs::read(support::root().join("fonts").join(f)).unwrap();
            assert!(
                files.insert(f.to_string(), bytes).is_none(),
                "{f} asked twice"
            );
        }
    }
    panic!("the fonts asked for never settle");
}

/// `gongwen convert` with the bundled fonts only and a fixed timestamp.
fn cli(name: &str, src: &str, ext: &str) -> Vec<u8> {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join(name);
    std::fs::write(&input, src).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_gongwen"))
        .args(["convert", "--to", ext])
        .arg(&input)
        .env("SOURCE_DATE_EPOCH", TIMESTAMP.to_string())
        .env("GONGWEN_NO_SYSTEM_FONTS", "1")
        .env("GONGWEN_FONTS_DIR", support::root().join("fonts"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    std::fs::read(input.with_extension(ext)).unwrap()
}

#[test]
fn same_bytes_as_the_command_line_with_only_the_fonts_asked_for() {
    let style = Style::default_style();
    for (name, src) in [("述责述廉报告.txt", SAMPLE), ("通知.md", NOTICE_MD)] {
        let draft = Draft::read(src.as_bytes(), name).unwrap();
        let (fonts, loaded) = fonts_for(&draft, &style);
        // The report has no 楷体 text: its file is never fetched. (The notice,
        // with a 版头, 版记 and Latin text, needs all six.)
        if name.ends_with(".txt") {
            assert!(
                !loaded.iter().any(|f| f.starts_with("FandolKai")),
                "{name}: {loaded:?}"
            );
        }
        for target in [Target::Pdf, Target::Docx] {
            let (files, _) = draft.render(&style, &fonts, target, TIMESTAMP).unwrap();
            assert_eq!(files.len(), 1);
            let want = cli(name, src, target.extension());
            assert!(
                files[0] == want,
                "{name}: the {} differs from the command line's ({} against {} bytes)",
                target.extension(),
                files[0].len(),
                want.len()
            );
        }
        let (pages, _) = draft.render(&style, &fonts, Target::Svg, 0).unwrap();
        let pdf = cli(name, src, "pdf");
        assert_eq!(
            pages.len(),
            support::pdfread::glyphs(&pdf).len(),
            "{name}: one picture per PDF page"
        );
    }
}

#[test]
fn the_bundled_chains_are_the_resolvers_without_installed_fonts() {
    let style = Style::default_style();
    let mut r = Resolver::with(Vec::new(), vec![support::root().join("fonts")]);
    for role in FontRole::ALL {
        let files: Vec<String> = r
            .candidates(&style, role)
            .iter()
            .map(|s| s.path.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(files, bundled_chain(role), "{role:?}");
    }
}

#[test]
fn without_fonts_nothing_is_rendered_and_unknown_files_are_refused() {
    let style = Style::default_style();
    let draft = Draft::read(SAMPLE.as_bytes(), "a.txt").unwrap();
    let none = FontSet::from_memory(BTreeMap::new()).unwrap();
    assert!(draft.render(&style, &none, Target::Pdf, 0).is_err());
    let mut files = BTreeMap::new();
    files.insert("evil.otf".to_string(), vec![0u8; 16]);
    assert!(FontSet::from_memory(files).is_err());
}

#[test]
fn house_keys_in_a_plain_drafts_front_matter() {
    let src = format!(
        "---\nformat: notice\n发文机关: 某某市人民政府办公室\nseal: true\nfont_names: current\n---\n{SAMPLE}"
    );
    let draft = Draft::read(src.as_bytes(), "draft.txt").unwrap();
    let meta = &draft.doc.meta;
    assert_eq!(meta.format, Some(gongwen::meta::Format::Notice));
    assert_eq!(meta.seal, Some(true));
    assert_eq!(meta.font_names, Some(gongwen::meta::FontNames::Current));
    // The keys are not body text, and the body's lines keep their numbers.
    assert!(draft
        .doc
        .blocks()
        .iter()
        .all(|b| !b.text().contains("format")));
    let plain = Draft::read(SAMPLE.as_bytes(), "draft.txt").unwrap();
    let shift = |d: &Draft| -> Vec<(usize, String)> {
        d.findings()
            .iter()
            .map(|f| (f.line, f.message.clone()))
            .collect()
    };
    let moved: Vec<(usize, String)> = shift(&plain).into_iter().map(|(l, m)| (l + 6, m)).collect();
    for f in &moved {
        assert!(shift(&draft).contains(f), "{f:?} six lines down");
    }
    // 仿宋 rather than 仿宋_GB2312 in the DOCX.
    let style = Style::default_style();
    let (fonts, _) = fonts_for(&draft, &style);
    let (files, _) = draft
        .render(&style, &fonts, Target::Docx, TIMESTAMP)
        .unwrap();
    let xml = support::docx_xml(&files[0], "word/styles.xml");
    assert!(
        xml.contains("仿宋") && !xml.contains("仿宋_GB2312"),
        "current names"
    );
    // A block that is not keys stays text.
    let text = "---\n这不是元数据\n---\n正文。\n";
    let d = Draft::read(text.as_bytes(), "x.txt").unwrap();
    assert!(d
        .doc
        .blocks()
        .iter()
        .any(|b| b.text().contains("这不是元数据")));
    // A misspelt key is an error naming the file and line, not lost text.
    let bad = "---\nfromat: notice\n---\n正文。\n";
    let e = Draft::read(bad.as_bytes(), "x.txt")
        .err()
        .unwrap()
        .to_string();
    assert!(e.contains("x.txt:2") && e.contains("fromat"), "{e}");
}
