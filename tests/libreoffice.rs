//! Renders our DOCX with LibreOffice: the 22 × 28 grid of the sample, and the
//! 版记 page of a 通知. Needs `soffice` and poppler's `pdftotext` (.ci/run installs
//! libreoffice-writer-nogui and poppler-utils); without them the test says so and
//! passes without checking.

use std::path::Path;
use std::process::Command;

fn have(cmd: &str) -> bool {
    Command::new("sh")
        .args(["-c", &format!("command -v {cmd}")])
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false)
}

/// Width of a rendered line in grid cells: Han and full-width marks 1, ASCII ½.
/// A final 。，、； beyond the 28th cell is LibreOffice 7.4 hanging it: its DOCX
/// import inverts w:overflowPunct (measured: w:val="0", which forbids hanging in
/// Word and in ECMA-376, hangs in LibreOffice; w:val="1" does not), so such a
/// mark is not counted as a cell of the line.
fn cells(line: &str) -> f32 {
    let t = line.trim();
    let w: f32 = t
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| if c.is_ascii() { 0.5 } else { 1.0 })
        .sum();
    if w > 28.0 && t.ends_with(['。', '，', '、', '；', '：', '！', '？', '”', '）']) {
        w - 1.0
    } else {
        w
    }
}

#[test]
fn libreoffice_renders_28_per_line_and_22_lines_per_page() {
    let Some(pages) = libreoffice_pages(Path::new("examples/述责述廉报告.txt"), false) else {
        return;
    };
    // Page 1: full lines of body text hold 28 cells.
    let widths: Vec<f32> = pages[0].lines().map(cells).filter(|w| *w > 0.0).collect();
    let full = widths.iter().filter(|w| (**w - 28.0).abs() < 0.01).count();
    assert!(
        widths.iter().all(|w| *w <= 28.0),
        "no line holds more than 28: {widths:?}"
    );
    assert!(
        full >= 12,
        "most lines of page 1 are full 28-cell lines: {widths:?}"
    );
    // Page 2 is a full page: 22 body lines plus the page number.
    let lines: Vec<&str> = pages[1]
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.contains('—'))
        .collect();
    assert_eq!(lines.len(), 22, "{}", pages[1]);
}

/// Our DOCX of `input` rendered by LibreOffice, as the text of each page
/// (`layout`: pdftotext's -layout, which keeps the lines' indents); `None`,
/// with a note, when LibreOffice or poppler is not installed.
fn libreoffice_pages(input: &Path, layout: bool) -> Option<Vec<String>> {
    if !have("soffice") || !have("pdftotext") {
        eprintln!("SKIPPED: soffice or pdftotext not installed (apt-get install libreoffice-writer-nogui poppler-utils)");
        return None;
    }
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let conf = dir.path().join("fonts.conf");
    assert!(Command::new("bash")
        .arg(root.join("tests/support/lo_fonts.sh"))
        .arg(root.join("fonts"))
        .arg(&conf)
        .status()
        .unwrap()
        .success());
    let docx = dir.path().join("doc.docx");
    let st = Command::new(env!("CARGO_BIN_EXE_gongwen"))
        .arg("convert")
        .arg(input)
        .args(["--to", "docx", "-o"])
        .arg(&docx)
        .current_dir(root)
        .output()
        .unwrap();
    assert!(
        st.status.success(),
        "{}",
        String::from_utf8_lossy(&st.stderr)
    );
    let out = Command::new("soffice")
        .env("FONTCONFIG_FILE", &conf)
        .arg(format!(
            "-env:UserInstallation=file://{}/profile",
            dir.path().display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir.path())
        .arg(&docx)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let all = Command::new("pdftotext")
        .args(layout.then_some("-layout"))
        .arg(dir.path().join("doc.pdf"))
        .arg("-")
        .output()
        .unwrap();
    let all = String::from_utf8(all.stdout).unwrap();
    // pdftotext ends every page with a form feed; drop what follows the last.
    let pages: Vec<String> = all.split('\u{c}').map(str::to_string).collect();
    let n = pages
        .iter()
        .rposition(|p| !p.trim().is_empty())
        .map_or(0, |i| i + 1);
    Some(pages[..n].to_vec())
}

fn has_page_number(page: &str, n: u32) -> bool {
    page.contains(&format!("— {n} —")) || page.contains(&format!("—{n}—"))
}

/// The 通知's body ends on even page 2 with room below: as in the PDF, the
/// 版记 stands at the foot of page 2, over its page number — the DOCX's last
/// section starts where the PDF's page 2 starts.
#[test]
fn libreoffice_sets_the_record_under_the_body_on_its_last_page() {
    let Some(pages) = libreoffice_pages(Path::new("examples/通知.md"), true) else {
        return;
    };
    assert_eq!(pages.len(), 2, "{pages:#?}");
    assert!(
        pages[1].contains("要负责同志"),
        "page 2 starts where the PDF's does: {}",
        pages[1]
    );
    assert!(
        pages[1].contains("抄送") && pages[1].contains("印发"),
        "the 版记 is on page 2: {}",
        pages[1]
    );
    assert!(
        has_page_number(&pages[1], 2),
        "page 2 keeps its number: {}",
        pages[1]
    );
    let last_text = pages[1]
        .lines()
        .filter(|l| !l.trim().is_empty())
        .nth_back(1)
        .unwrap_or("");
    assert!(
        last_text.contains("印发"),
        "the 印发 line is the last above the page number: {}",
        pages[1]
    );
}

/// A body that ends on even page 2 with digits beside Han characters: where
/// LibreOffice turns the page elsewhere than Word, the DOCX does not force the
/// turn; the 版记 gets the next even page, page 4, and the blank page 3 between
/// is the DOCX's own (LibreOffice drops Word's even-page break), without a
/// page number, like the 版记 page.
#[test]
fn libreoffice_sets_the_record_on_an_even_page_of_its_own() {
    let mut src = String::from("---\n抄送: 市委办公室，市人大常委会办公室\n印发机关: 某某市人民政府办公室\n印发日期: 2024年3月1日\n---\n\n# 关于做好有关工作的通知\n\n各单位：\n\n");
    for i in 1..=14 {
        src.push_str(&format!("这是第{i}段正文，用于测试版记的位置，各单位要认真贯彻落实，确保各项工作任务按时完成，不得延误。\n\n"));
    }
    src.push_str("某某市人民政府办公室\n\n2024年3月1日\n");
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("notice.md");
    std::fs::write(&input, src).unwrap();
    let Some(pages) = libreoffice_pages(&input, true) else {
        return;
    };
    assert_eq!(
        pages.len(),
        4,
        "body on pages 1–2, blank page 3, 版记 on page 4: {pages:#?}"
    );
    assert!(
        has_page_number(&pages[1], 2),
        "page 2 numbered: {}",
        pages[1]
    );
    assert!(
        pages[2].trim().is_empty(),
        "page 3 is blank, without a number: {:?}",
        pages[2]
    );
    assert!(
        pages[3].contains("抄送") && pages[3].contains("印发"),
        "the 版记 is on page 4: {}",
        pages[3]
    );
    assert!(
        !pages[3].contains('—'),
        "the 版记 page carries no page number: {}",
        pages[3]
    );
}

/// The top of each word's box (points from the page's top) of the first
/// page holding `word`, by poppler's `pdftotext -bbox`.
fn word_top(pdf: &Path, word: &str) -> Option<f32> {
    let out = Command::new("pdftotext")
        .arg("-bbox")
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    let html = String::from_utf8_lossy(&out.stdout).into_owned();
    html.lines().find(|l| l.contains(word)).and_then(|l| {
        let at = l.find("yMin=\"")? + 6;
        l[at..].split('"').next()?.parse().ok()
    })
}

/// A picture takes whole grid lines in LibreOffice as in our PDF: the lines
/// under a picture stand at the same height in both (within a point).
#[test]
fn libreoffice_puts_the_lines_under_a_picture_where_the_pdf_does() {
    if !have("soffice") || !have("pdftotext") {
        eprintln!("SKIPPED: soffice or pdftotext not installed");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::copy(
        root.join("tests/fixtures/images/chart.jpg"),
        dir.path().join("chart.jpg"),
    )
    .unwrap();
    let md = "# 关于安全生产检查情况的通报\n\n各区县应急管理局：\n\n现将本月安全生产检查情况通报如下。\n\n\
              ![整改进度](chart.jpg)\n\n图1 整改进度\n\n各单位要对照问题清单逐项整改。\n\n\
              ![整改进度](chart.jpg)\n\n请于3月31日前报送整改情况。\n";
    std::fs::write(dir.path().join("d.md"), md).unwrap();
    let conf = dir.path().join("fonts.conf");
    assert!(Command::new("bash")
        .arg(root.join("tests/support/lo_fonts.sh"))
        .arg(root.join("fonts"))
        .arg(&conf)
        .status()
        .unwrap()
        .success());
    let st = Command::new(env!("CARGO_BIN_EXE_gongwen"))
        .env("GONGWEN_NO_SYSTEM_FONTS", "1")
        .arg("convert")
        .arg(dir.path().join("d.md"))
        .args(["-o"])
        .arg(dir.path().join("ours/"))
        .output()
        .unwrap();
    assert!(
        st.status.success(),
        "{}",
        String::from_utf8_lossy(&st.stderr)
    );
    let out = Command::new("soffice")
        .env("FONTCONFIG_FILE", &conf)
        .arg(format!(
            "-env:UserInstallation=file://{}/profile",
            dir.path().display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir.path())
        .arg(dir.path().join("ours/d.docx"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for word in ["各单位要", "请于"] {
        let ours = word_top(&dir.path().join("ours/d.pdf"), word).unwrap();
        let lo = word_top(&dir.path().join("d.pdf"), word).unwrap();
        assert!(
            (ours - lo).abs() < 1.0,
            "{word}: ours {ours}, LibreOffice {lo}"
        );
    }
}
