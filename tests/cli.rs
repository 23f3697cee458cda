//! The command line: exit codes, messages on stderr naming the file, outputs.

use std::process::Command;

#[path = "support/wordgen.rs"]
mod wordgen;

use wordgen::{plain, Word};

fn gongwen() -> Command {
    Command::new(env!("CARGO_BIN_EXE_gongwen"))
}

#[test]
fn bad_inputs_exit_1_with_the_file_named() {
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes, words) in [
        ("empty.txt", &b""[..], "empty"),
        ("blank.txt", " \n\u{3000}\n".as_bytes(), "white space"),
        (
            "bin.txt",
            &b"PK\x03\x04\x00\x00binary"[..],
            "not a text file",
        ),
    ] {
        let p = dir.path().join(name);
        std::fs::write(&p, bytes).unwrap();
        for sub in ["inspect", "convert"] {
            let out = gongwen().arg(sub).arg(&p).output().unwrap();
            assert_eq!(out.status.code(), Some(1), "{sub} {name}");
            let err = String::from_utf8_lossy(&out.stderr);
            assert!(
                err.starts_with("error: ") && err.contains(name) && err.contains(words),
                "{sub} {name}: {err}"
            );
        }
        assert!(
            !dir.path().join(name.replace(".txt", ".docx")).exists(),
            "no output for a bad input"
        );
    }
    let out = gongwen()
        .args(["inspect", "/no/such/file.txt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("/no/such/file.txt"));
}

#[test]
fn usage_errors_exit_2_and_help_shows_examples() {
    let out = gongwen().args(["convert"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = gongwen().args(["--help"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("Examples:"));
}

#[test]
fn inspect_json_shape() {
    let out = gongwen()
        .args(["inspect", "examples/述责述廉报告.txt", "--json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["encoding"], "UTF-8");
    let blocks = v["blocks"].as_array().unwrap();
    assert_eq!(blocks[0]["kind"], "title");
    assert_eq!(blocks[0]["lines"], serde_json::json!([1, 1]));
    let h = &blocks[2];
    assert_eq!(
        (
            h["kind"].as_str(),
            h["level"].as_u64(),
            h["run_in"].as_bool(),
            h["number"].as_str()
        ),
        (Some("heading"), Some(1), Some(true), Some("一、"))
    );
    assert!(v["skipped"].is_array());
}

#[test]
fn convert_refuses_to_overwrite_its_input_and_keeps_existing_outputs() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("a.txt");
    std::fs::write(&input, "关于X的通知\n正文。\n").unwrap();
    let out = gongwen()
        .arg("convert")
        .arg(&input)
        .arg("-o")
        .arg(&input)
        .args(["--to", "docx"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("overwrite the input"));
    assert_eq!(
        std::fs::read_to_string(&input).unwrap(),
        "关于X的通知\n正文。\n"
    );
}

#[test]
fn convert_reads_stdin() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("通知.docx");
    let mut child = gongwen()
        .args(["convert", "-", "--to", "docx", "-o"])
        .arg(&target)
        .stdin(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all("关于X的通知\n正文。\n".as_bytes())
        .unwrap();
    assert!(child.wait().unwrap().success());
    assert!(std::fs::read(&target).unwrap().starts_with(b"PK"));
}

#[test]
fn batch_converts_a_tree_and_reports_the_bad_file() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir_all(input.join("sub")).unwrap();
    std::fs::copy("tests/fixtures/tongzhi.txt", input.join("tongzhi.txt")).unwrap();
    std::fs::copy("tests/fixtures/baogao.md", input.join("sub/baogao.md")).unwrap();
    std::fs::write(input.join("sub/bad.txt"), b"x\0y").unwrap();
    std::fs::write(input.join("notes.csv"), b"ignored").unwrap();
    let out_dir = dir.path().join("out");
    let out = gongwen()
        .env("GONGWEN_NO_SYSTEM_FONTS", "1")
        .arg("convert")
        .arg(&input)
        .arg("-o")
        .arg(&out_dir)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "one file failed");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("bad.txt")
            && err.contains("2 of 3 drafts converted")
            && err.contains("1 failed"),
        "{err}"
    );
    for f in [
        "tongzhi.docx",
        "tongzhi.pdf",
        "sub/baogao.docx",
        "sub/baogao.pdf",
    ] {
        assert!(out_dir.join(f).is_file(), "{f}");
    }
    assert!(!out_dir.join("sub/bad.docx").exists() && !out_dir.join("notes.docx").exists());
}

/// A folder's Word drafts convert with its text drafts: .docx always, .rtf
/// (and .doc/.wps/.odt) through LibreOffice or, without it, a per-file error
/// while the rest converts. gongwen's own `*.gbt9704.docx` and Word's `~$`
/// lock files are not drafts; a draft whose output would overwrite another
/// draft, or another draft's output, is refused and the first keeps it.
#[test]
fn batch_takes_word_drafts_and_never_lets_outputs_collide() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir_all(&input).unwrap();
    let word = Word::new(
        [
            plain("关于做好安全生产工作的通知"),
            plain("各单位要高度重视安全生产工作，层层落实责任，确保各项措施落到实处。"),
        ]
        .concat(),
    )
    .build();
    std::fs::copy("tests/fixtures/tongzhi.txt", input.join("tongzhi.txt")).unwrap();
    std::fs::write(input.join("word.docx"), &word).unwrap();
    std::fs::write(input.join("word.gbt9704.docx"), &word).unwrap();
    std::fs::write(input.join("~$word.docx"), b"lock").unwrap();
    std::fs::write(input.join("old.rtf"), b"{\\rtf1\\ansi hello}").unwrap();
    std::fs::write(input.join("clash.docx"), &word).unwrap();
    std::fs::copy("tests/fixtures/tongzhi.txt", input.join("clash.md")).unwrap();
    let out_dir = dir.path().join("out");
    let run = |out: Option<&std::path::Path>| {
        let mut cmd = gongwen();
        // No LibreOffice on the path.
        cmd.env("GONGWEN_NO_SYSTEM_FONTS", "1")
            .env("PATH", "")
            .arg("convert")
            .arg(&input);
        if let Some(o) = out {
            cmd.arg("-o").arg(o);
        }
        let out = cmd.output().unwrap();
        assert_eq!(out.status.code(), Some(1));
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    let err = run(Some(&out_dir));
    assert!(err.contains("3 of 5 drafts converted"), "{err}");
    assert!(
        err.lines()
            .any(|l| l.contains("old.rtf") && l.contains("LibreOffice")),
        "{err}"
    );
    assert!(
        err.lines().any(|l| l.contains("clash.md")
            && l.contains("clash.pdf is already the output of")
            && l.contains("clash.docx")),
        "{err}"
    );
    for f in [
        "tongzhi.docx",
        "tongzhi.pdf",
        "word.gbt9704.docx",
        "word.pdf",
        "clash.gbt9704.docx",
        "clash.pdf",
    ] {
        assert!(out_dir.join(f).is_file(), "{f}");
    }
    let names: Vec<String> = std::fs::read_dir(&out_dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 6, "{names:?}");

    // Beside the drafts: clash.md would write clash.docx, a draft itself.
    let err = run(None);
    assert!(
        err.lines()
            .any(|l| l.contains("clash.md") && l.contains("would overwrite that draft")),
        "{err}"
    );
    assert_eq!(std::fs::read(input.join("clash.docx")).unwrap(), word);
    assert!(!input.join("word.gbt9704.gbt9704.docx").exists());
}
