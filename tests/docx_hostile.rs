//! Hostile Word files: a zip bomb, entity declarations, malformed XML, a zip
//! or a picture renamed to .docx. Each is a clear error naming the file and
//! the part, exit 1, no output, no panic, bounded memory.

#[path = "support/wordgen.rs"]
mod wordgen;

use std::path::{Path, PathBuf};
use std::process::Command;

use wordgen::{para, run, soft_broken, zip_of, Word};

/// A raw deflate stream of `1 + 258 * runs` spaces (fixed Huffman codes:
/// one literal, then back-references of length 258 at distance 1): a few
/// hundred kilobytes that inflate to tens of megabytes.
fn deflate_bomb(runs: usize) -> Vec<u8> {
    struct Bits {
        out: Vec<u8>,
        acc: u64,
        n: u32,
    }
    impl Bits {
        fn put(&mut self, value: u32, count: u32) {
            self.acc |= (value as u64) << self.n;
            self.n += count;
            while self.n >= 8 {
                self.out.push(self.acc as u8);
                self.acc >>= 8;
                self.n -= 8;
            }
        }
        /// Huffman codes go most significant bit first.
        fn code(&mut self, code: u32, len: u32) {
            let rev = code.reverse_bits() >> (32 - len);
            self.put(rev, len);
        }
    }
    let mut b = Bits {
        out: Vec::new(),
        acc: 0,
        n: 0,
    };
    b.put(1, 1); // final block
    b.put(1, 2); // fixed Huffman
    b.code(0x30 + b' ' as u32, 8);
    for _ in 0..runs {
        b.code(0xC5, 8); // length 258
        b.code(0, 5); // distance 1
    }
    b.code(0, 7); // end of block
    if b.n > 0 {
        b.out.push(b.acc as u8);
    }
    b.out
}

/// A zip with one deflated entry whose data is given raw (sizes as declared).
fn raw_zip(name: &str, data: &[u8], declared_size: u32) -> Vec<u8> {
    let mut z = Vec::new();
    let le16 = |v: u16| v.to_le_bytes();
    let le32 = |v: u32| v.to_le_bytes();
    z.extend(le32(0x04034b50));
    z.extend(le16(20));
    z.extend(le16(0));
    z.extend(le16(8));
    z.extend(le32(0)); // time, date
    z.extend(le32(0)); // crc (never reached: the cap trips first)
    z.extend(le32(data.len() as u32));
    z.extend(le32(declared_size));
    z.extend(le16(name.len() as u16));
    z.extend(le16(0));
    z.extend(name.as_bytes());
    z.extend(data);
    let cd = z.len();
    z.extend(le32(0x02014b50));
    z.extend(le16(20));
    z.extend(le16(20));
    z.extend(le16(0));
    z.extend(le16(8));
    z.extend(le32(0));
    z.extend(le32(0));
    z.extend(le32(data.len() as u32));
    z.extend(le32(declared_size));
    z.extend(le16(name.len() as u16));
    z.extend(le16(0));
    z.extend(le16(0));
    z.extend(le16(0));
    z.extend(le16(0));
    z.extend(le32(0));
    z.extend(le32(0)); // local header offset
    z.extend(name.as_bytes());
    let cd_len = z.len() - cd;
    z.extend(le32(0x06054b50));
    z.extend(le16(0));
    z.extend(le16(0));
    z.extend(le16(1));
    z.extend(le16(1));
    z.extend(le32(cd_len as u32));
    z.extend(le32(cd as u32));
    z.extend(le16(0));
    z
}

fn convert(dir: &Path, name: &str, bytes: &[u8]) -> (std::process::Output, PathBuf) {
    let input = dir.join(name);
    std::fs::write(&input, bytes).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_gongwen"))
        .env("GONGWEN_NO_SYSTEM_FONTS", "1")
        .args(["convert", "--to", "docx"])
        .arg(&input)
        .output()
        .unwrap();
    (out, input)
}

fn doc_with(document_xml: &str) -> Vec<u8> {
    zip_of(&[("word/document.xml".into(), document_xml.as_bytes().to_vec())])
}

#[test]
fn hostile_files_are_clear_errors_with_no_output() {
    let dir = tempfile::tempdir().unwrap();
    let w = wordgen::W_NS;
    let mut many: Vec<(String, Vec<u8>)> = (0..=gongwen::read::docx::MAX_ENTRIES)
        .map(|i| (format!("f{i}"), Vec::new()))
        .collect();
    many.push(("word/document.xml".into(), b"<x/>".to_vec()));
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    let cases: Vec<(&str, Vec<u8>, Vec<&str>)> = vec![
        (
            "bomb.docx",
            raw_zip("word/document.xml", &deflate_bomb(300_000), 1000),
            vec!["word/document.xml", "inflates to more than"],
        ),
        (
            "honest-bomb.docx",
            raw_zip(
                "word/document.xml",
                &deflate_bomb(300_000),
                1 + 258 * 300_000,
            ),
            vec!["word/document.xml", "inflates to more than"],
        ),
        ("entries.docx", zip_of(&many), vec!["entries"]),
        (
            "doctype.docx",
            doc_with(&format!(
                r#"<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><w:document xmlns:w="{w}"><w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:body></w:document>"#
            )),
            vec!["word/document.xml", "DOCTYPE"],
        ),
        (
            "entity.docx",
            doc_with(&format!(
                r#"<w:document xmlns:w="{w}"><w:body><w:p><w:r><w:t>&ext;</w:t></w:r></w:p></w:body></w:document>"#
            )),
            vec!["word/document.xml", "&ext;"],
        ),
        (
            "malformed.docx",
            doc_with(&format!(
                r#"<w:document xmlns:w="{w}"><w:body><w:p><w:r><w:t>正文</w:r></w:p></w:body></w:document>"#
            )),
            vec!["word/document.xml", "malformed XML"],
        ),
        (
            "latin1.docx",
            {
                let mut x =
                    format!(r#"<w:document xmlns:w="{w}"><w:body><w:p><w:r><w:t>"#).into_bytes();
                x.extend([0xE9, 0xE9]);
                x.extend(b"</w:t></w:r></w:p></w:body></w:document>");
                zip_of(&[("word/document.xml".into(), x)])
            },
            vec!["word/document.xml", "UTF-8"],
        ),
        (
            "not-word.docx",
            doc_with("<html><body>网页</body></html>"),
            vec!["word/document.xml", "not a WordprocessingML document"],
        ),
        (
            "archive.docx",
            zip_of(&[("readme.txt".into(), "说明".as_bytes().to_vec())]),
            vec!["not a Word document", "zip"],
        ),
        ("picture.docx", png, vec!["not a Word document", "PNG"]),
        (
            "truncated.docx",
            Word::new(para("", &run("正文。", ""))).build()[..60].to_vec(),
            vec!["not a Word document"],
        ),
        (
            "bad-styles.docx",
            {
                let mut word = Word::new(para("", &run("正文。", "")));
                word.styles = Some("<w:style>".into());
                word.build()
            },
            vec!["word/styles.xml", "malformed XML"],
        ),
    ];
    for (name, bytes, words) in cases {
        let (out, input) = convert(dir.path(), name, &bytes);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{name}: {err}");
        assert!(
            err.starts_with("error: ") && err.contains(name),
            "{name}: {err}"
        );
        for w in words {
            assert!(err.contains(w), "{name}: `{w}` not in: {err}");
        }
        assert!(!err.contains("panicked"), "{name}: {err}");
        let stem = input.file_stem().unwrap().to_string_lossy().to_string();
        let outputs: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().to_string())
            .filter(|n| n.starts_with(&stem) && n != name)
            .collect();
        assert!(outputs.is_empty(), "{name}: wrote {outputs:?}");
    }
}

#[test]
fn convert_writes_the_pdf_and_a_docx_that_is_never_the_input() {
    let dir = tempfile::tempdir().unwrap();
    let body = [
        para("", &run("关于开展安全检查的通知", "")),
        para("", &run("各单位：", "")),
        para(
            "",
            &run("现就开展安全检查有关事项通知如下，请认真贯彻落实。", ""),
        ),
    ]
    .concat();
    let bytes = Word::new(body).build();
    let input = dir.path().join("draft.docx");
    std::fs::write(&input, &bytes).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_gongwen"))
        .arg("convert")
        .arg(&input)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        std::fs::read(&input).unwrap(),
        bytes,
        "the input is untouched"
    );
    let typeset = dir.path().join("draft.gbt9704.docx");
    assert!(dir.path().join("draft.pdf").is_file());
    assert!(typeset.is_file());
    // The typeset DOCX reads back as the same document.
    let a = gongwen::read::read_bytes(&bytes, &input, &Default::default()).unwrap();
    let b = gongwen::read::read_path(&typeset, &Default::default()).unwrap();
    let kinds = |d: &gongwen::model::Document| -> Vec<(gongwen::model::BlockKind, String)> {
        d.blocks().iter().map(|b| (b.kind, b.text())).collect()
    };
    assert_eq!(kinds(&a), kinds(&b));
    // -o into a folder: the same names there.
    let out = Command::new(env!("CARGO_BIN_EXE_gongwen"))
        .args(["convert", "--to", "docx"])
        .arg(&input)
        .arg("-o")
        .arg(dir.path().join("out/"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(dir.path().join("out/draft.gbt9704.docx").is_file());
}

#[test]
fn doc_wps_odt_rtf_need_libreoffice_and_say_so() {
    let dir = tempfile::tempdir().unwrap();
    let ole = [
        &[0xD0u8, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1][..],
        &[0u8; 512][..],
    ]
    .concat();
    for (name, bytes) in [
        ("old.doc", ole.clone()),
        ("wps.wps", ole),
        ("r.rtf", b"{\\rtf1\\ansi hello}".to_vec()),
    ] {
        let input = dir.path().join(name);
        std::fs::write(&input, &bytes).unwrap();
        let out = Command::new(env!("CARGO_BIN_EXE_gongwen"))
            .env("PATH", "")
            .args(["convert", "--to", "docx"])
            .arg(&input)
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        // LibreOffice missing is the environment's failure, not the draft's.
        assert_eq!(out.status.code(), Some(3), "{name}: {err}");
        assert!(
            err.contains(name) && err.contains("LibreOffice"),
            "{name}: {err}"
        );
    }
}

fn have(cmd: &str) -> bool {
    Command::new("sh")
        .args(["-c", &format!("command -v {cmd}")])
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
fn a_doc_saved_by_libreoffice_reads_as_its_docx() {
    if !have("soffice") {
        eprintln!("SKIPPED: soffice not installed (apt-get install libreoffice-writer-nogui)");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let body = [
        para(
            r#"<w:jc w:val="center"/>"#,
            &run("关于开展安全检查的通知", r#"<w:sz w:val="44"/>"#),
        ),
        para("", &run("各单位：", "")),
        para("", &run("现就开展安全检查有关事项通知如下。", "")),
        para("", &run("一、检查范围", "")),
        para("", &run("全市各类生产经营单位。", "")),
        para(
            r#"<w:jc w:val="right"/>"#,
            &soft_broken("某某市应急管理局", "2025年3月1日"),
        ),
    ]
    .concat();
    let docx = dir.path().join("draft.docx");
    std::fs::write(&docx, Word::new(body).build()).unwrap();
    // LibreOffice saves the .doc (a private profile, as gongwen uses).
    let profile = dir.path().join("profile");
    let status = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", "--convert-to", "doc", "--outdir"])
        .arg(dir.path().join("doc"))
        .arg(&docx)
        .output()
        .unwrap();
    assert!(status.status.success());
    let doc_path = dir.path().join("doc/draft.doc");
    let a = gongwen::read::read_path(&docx, &Default::default()).unwrap();
    let b = gongwen::read::read_path(&doc_path, &Default::default()).unwrap();
    let kinds = |d: &gongwen::model::Document| -> Vec<(gongwen::model::BlockKind, String)> {
        d.blocks().iter().map(|b| (b.kind, b.text())).collect()
    };
    assert_eq!(kinds(&b), kinds(&a));
    assert_eq!(b.unit, gongwen::model::SourceUnit::Paragraph);
}
