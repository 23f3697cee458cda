//! Every example converts to a PDF that qpdf finds clean and a DOCX that
//! python-docx opens, and converting twice gives identical bytes. Needs qpdf
//! and python3 with python-docx (.ci/run installs both); without them the test
//! says so and checks only the determinism.

use std::path::{Path, PathBuf};
use std::process::Command;

fn examples() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> =
        std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("examples"))
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .filter(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("txt" | "md")))
            .collect();
    v.sort();
    v
}

fn convert(input: &Path, out: &Path) {
    let st = Command::new(env!("CARGO_BIN_EXE_gongwen"))
        .env("GONGWEN_NO_SYSTEM_FONTS", "1")
        .env("SOURCE_DATE_EPOCH", "1709251200")
        .arg("convert")
        .arg(input)
        .arg("-o")
        .arg(out)
        .output()
        .unwrap();
    assert!(
        st.status.success(),
        "{}: {}",
        input.display(),
        String::from_utf8_lossy(&st.stderr)
    );
}

#[test]
fn examples_are_valid_and_reproducible() {
    let have_qpdf = Command::new("qpdf").arg("--version").output().is_ok();
    let have_docx = Command::new("python3")
        .args(["-c", "import docx"])
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    if !have_qpdf || !have_docx {
        eprintln!("SKIPPED in part: qpdf {have_qpdf}, python-docx {have_docx} (apt-get install qpdf; pip install python-docx)");
    }
    let ex = examples();
    assert!(ex.len() >= 3, "{ex:?}");
    for input in ex {
        let a = tempfile::tempdir().unwrap();
        let b = tempfile::tempdir().unwrap();
        let (oa, ob) = (a.path().join("x/"), b.path().join("x/"));
        convert(&input, &oa);
        convert(&input, &ob);
        let stem = input.file_stem().unwrap().to_string_lossy().into_owned();
        for ext in ["docx", "pdf"] {
            let (fa, fb) = (
                oa.join(format!("{stem}.{ext}")),
                ob.join(format!("{stem}.{ext}")),
            );
            assert_eq!(
                std::fs::read(&fa).unwrap(),
                std::fs::read(&fb).unwrap(),
                "{stem}.{ext}: same bytes twice"
            );
        }
        if have_qpdf {
            let out = Command::new("qpdf")
                .arg("--check")
                .arg(oa.join(format!("{stem}.pdf")))
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "{stem}.pdf: {}",
                String::from_utf8_lossy(&out.stdout)
            );
        }
        if have_docx {
            let script = "import docx,sys\nd=docx.Document(sys.argv[1])\nassert len(d.paragraphs)>0\nassert abs(d.sections[0].page_width.mm-210)<0.1\nprint(d.core_properties.title)";
            let out = Command::new("python3")
                .args(["-c", script])
                .arg(oa.join(format!("{stem}.docx")))
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "{stem}.docx: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            assert!(
                !String::from_utf8_lossy(&out.stdout).trim().is_empty(),
                "{stem}.docx has a title"
            );
        }
    }
}
