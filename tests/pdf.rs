//! The PDF read back: fonts, text, positions on the grid, page numbers, outline.

mod support;

use std::sync::OnceLock;

use gongwen::style::Style;
use support::pdfread::{glyphs, lines, text, GlyphPos};

const MM: f32 = 72.0 / 25.4;
const LEFT: f32 = 28.0 * MM;
const RIGHT: f32 = 184.0 * MM;
const CELL: f32 = 156.0 * MM / 28.0;
const SAMPLE: &str = include_str!("../examples/述责述廉报告.txt");
const NOTICE: &str = include_str!("fixtures/tongzhi.txt");

fn sample() -> &'static [u8] {
    static PDF: OnceLock<Vec<u8>> = OnceLock::new();
    PDF.get_or_init(|| support::pdf_of(SAMPLE, "sample.txt", &Style::default_style()))
}

fn is_page_number(l: &[GlyphPos]) -> bool {
    l[0].size == 14.0 && l[0].baseline > 262.0 * MM
}

#[test]
fn fonts_are_embedded_subsets_with_real_names() {
    let doc = lopdf::Document::load_mem(sample()).unwrap();
    let mut names = Vec::new();
    for (_, obj) in doc.objects.iter() {
        if let Ok(d) = obj.as_dict() {
            if d.get(b"Type").and_then(|t| t.as_name()).ok() == Some(b"FontDescriptor") {
                let name = String::from_utf8_lossy(d.get(b"FontName").unwrap().as_name().unwrap())
                    .into_owned();
                let (tag, ps) = name.split_once('+').expect("subset tag");
                assert!(
                    tag.len() == 6 && tag.chars().all(|c| c.is_ascii_uppercase()),
                    "{name}"
                );
                let cff = d.has(b"FontFile3");
                let tt = d.has(b"FontFile2");
                assert!(cff != tt, "{name} embeds exactly one font program");
                assert_eq!(
                    cff,
                    ps.starts_with("Fandol"),
                    "Fandol is CFF, Noto and Tinos TrueType: {name}"
                );
                names.push(ps.to_string());
            }
        }
    }
    names.sort();
    assert_eq!(
        names,
        [
            "FandolFang-Regular",
            "FandolHei-Regular",
            "FandolSong-Regular",
            "NotoSerifSC-Bold",
            "Tinos-Regular"
        ]
    );
}

#[test]
fn text_comes_back_in_order() {
    let pages = glyphs(sample());
    let got: String = pages
        .iter()
        .flat_map(|p| lines(p).into_iter().filter(|l| !is_page_number(l)))
        .map(|l| text(&l))
        .collect();
    let want: String = SAMPLE.chars().filter(|c| !c.is_whitespace()).collect();
    assert_eq!(got, want);
}

#[test]
fn full_pages_hold_22_lines_of_28_cells_justified_to_the_edge() {
    let pages = glyphs(sample());
    assert_eq!(pages.len(), 5);
    for (pi, page) in pages.iter().enumerate().take(4) {
        let body: Vec<Vec<GlyphPos>> = lines(page)
            .into_iter()
            .filter(|l| !is_page_number(l))
            .collect();
        // Page 1: the title, a blank line, then 20 body lines fill the 22 slots.
        let slots = if pi == 0 { body.len() + 1 } else { body.len() };
        assert_eq!(slots, 22, "page {}", pi + 1);
        let bl: Vec<f32> = body
            .iter()
            .filter(|l| l[0].size == 16.0)
            .map(|l| l[0].baseline)
            .collect();
        for w in bl.windows(2) {
            assert!(
                (w[1] - w[0] - 28.95).abs() < 0.01,
                "pitch on page {}: {w:?}",
                pi + 1
            );
        }
        // The last line box ends inside the 版心.
        assert!(bl.last().unwrap() + 0.12 * 16.0 <= 262.0 * MM);
        for l in &body {
            let last = l.last().unwrap();
            let right = last.x + last.advance;
            assert!(
                l[0].x >= LEFT - 0.01 && right <= RIGHT + 0.01,
                "inside the 版心: {}",
                text(l)
            );
        }
    }
    // Lines that are not a paragraph's last end exactly at the right edge.
    let page2 = lines(&pages[1]);
    let full: Vec<&Vec<GlyphPos>> = page2
        .iter()
        .filter(|l| (l.last().unwrap().x + CELL - RIGHT).abs() < 0.01)
        .collect();
    assert!(full.len() >= 18, "{}", full.len());
    let exactly_28 = page2
        .iter()
        .filter(|l| l.len() == 28 && (l[0].x - LEFT).abs() < 0.01)
        .count();
    assert!(exactly_28 >= 12, "{exactly_28}");
}

#[test]
fn first_lines_indented_two_cells_and_title_centred() {
    let pages = glyphs(sample());
    let p1 = lines(&pages[0]);
    let title = &p1[0];
    assert_eq!(title[0].size, 22.0);
    let mid = (title[0].x + title.last().unwrap().x + title.last().unwrap().advance) / 2.0;
    assert!((mid - 106.0 * MM).abs() < 0.05, "{}", mid / MM);
    assert!((p1[1][0].x - (LEFT + 2.0 * CELL)).abs() < 0.01);
    assert_eq!(text(&p1[1]).chars().take(5).collect::<String>(), "2022年");
    // The run-in heading: the sentence in 黑体, the rest in 仿宋, one paragraph.
    let h = p1
        .iter()
        .find(|l| text(l).starts_with("一、抓学习"))
        .unwrap();
    assert!(h[0].font.ends_with("FandolHei-Regular"));
    let rest = h.iter().find(|g| g.text == "始").unwrap();
    assert!(rest.font.ends_with("FandolFang-Regular"));
}

#[test]
fn page_numbers_right_on_odd_left_on_even_7mm_below() {
    let pages = glyphs(sample());
    for (i, page) in pages.iter().enumerate() {
        let ls = lines(page);
        let pn = ls
            .iter()
            .find(|l| is_page_number(l))
            .expect("a page number");
        assert_eq!(text(pn), format!("—{}—", i + 1));
        assert!(pn
            .iter()
            .all(|g| g.size == 14.0 && g.font.ends_with("FandolSong-Regular")));
        let top = pn[0].baseline - 0.88 * 14.0;
        assert!(
            (top - 269.0 * MM).abs() < 0.05,
            "top of — N — at {} mm",
            top / MM
        );
        // The closing dash is laid out exactly one em (the opening one's pen
        // advance also carries the gap before the number).
        let dash = pn.last().unwrap();
        assert_eq!(dash.text, "—");
        assert!(
            (dash.advance - 14.0).abs() < 0.01,
            "the dash is one em: {}",
            dash.advance
        );
        if i % 2 == 0 {
            let end = pn.last().unwrap().x + pn.last().unwrap().advance;
            assert!(
                (end - (RIGHT - 14.0)).abs() < 0.05,
                "odd page {}: {}",
                i + 1,
                end
            );
        } else {
            assert!(
                (pn[0].x - (LEFT + 14.0)).abs() < 0.05,
                "even page {}",
                i + 1
            );
        }
    }
}

#[test]
fn no_line_starts_with_a_closing_mark() {
    for src in [SAMPLE, NOTICE] {
        let pdf = support::pdf_of(src, "x.txt", &Style::default_style());
        for page in glyphs(&pdf) {
            for l in lines(&page) {
                let t = text(&l);
                assert!(
                    !t.starts_with(['，', '。', '、', '；', '：', '）', '》', '”']),
                    "{t}"
                );
                assert!(!t.ends_with(['（', '《', '“']), "{t}");
            }
        }
    }
}

#[test]
fn info_outline_and_determinism() {
    let a = support::pdf_of(NOTICE, "t.txt", &Style::default_style());
    let b = support::pdf_of(NOTICE, "t.txt", &Style::default_style());
    assert_eq!(a, b, "same input, same bytes");
    let doc = lopdf::Document::load_mem(&a).unwrap();
    let info = doc
        .trailer
        .get(b"Info")
        .and_then(|r| doc.dereference(r))
        .unwrap()
        .1
        .as_dict()
        .unwrap()
        .clone();
    assert!(!info.has(b"GTS_PDFXVersion"));
    let date = info.get(b"CreationDate").unwrap().as_str().unwrap();
    assert!(
        String::from_utf8_lossy(date).contains("20240301"),
        "{:?}",
        String::from_utf8_lossy(date)
    );
    let cat = doc.catalog().unwrap();
    let outlines = doc
        .dereference(cat.get(b"Outlines").unwrap())
        .unwrap()
        .1
        .as_dict()
        .unwrap();
    assert_eq!(
        outlines.get(b"Count").unwrap().as_i64().unwrap(),
        3,
        "一、二、三 at the top"
    );
    let first = doc
        .dereference(outlines.get(b"First").unwrap())
        .unwrap()
        .1
        .as_dict()
        .unwrap();
    assert_eq!(
        first.get(b"Count").unwrap().as_i64().unwrap(),
        2,
        "（一）（二） under 一、"
    );
}

#[test]
fn qpdf_finds_no_errors() {
    let has = std::process::Command::new("qpdf")
        .arg("--version")
        .output()
        .is_ok();
    if !has {
        eprintln!("SKIPPED: qpdf not installed (apt-get install qpdf)");
        return;
    }
    for src in [SAMPLE, NOTICE] {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("x.pdf");
        std::fs::write(&p, support::pdf_of(src, "x.txt", &Style::default_style())).unwrap();
        let out = std::process::Command::new("qpdf")
            .arg("--check")
            .arg(&p)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stdout)
        );
    }
}

#[test]
fn a_signature_page_carries_body_text_too() {
    // GB/T 9704 7.3.5.5: the 署名 and 日期 do not stand alone on a page.
    let bytes = support::pdf_of(NOTICE, "t.txt", &Style::default_style());
    let pages = glyphs(&bytes);
    let (pi, page) = pages
        .iter()
        .enumerate()
        .find(|(_, p)| {
            lines(p)
                .iter()
                .any(|l| text(l) == "某某市人民政府办公室" && l[0].x > 100.0 * MM)
        })
        .expect("the 署名");
    let ls = lines(page);
    let sig = ls
        .iter()
        .position(|l| text(l) == "某某市人民政府办公室")
        .unwrap();
    assert!(sig > 0, "page {}: something stands above the 署名", pi + 1);
    assert!(
        text(&ls[0]).starts_with("附件") || ls[0][0].size == 16.0,
        "body text above the 署名: {}",
        text(&ls[0])
    );
}

/// Table columns follow their content (a narrow 序号, a wide 牵头单位), no cell
/// wraps when the table can fit every cell on one line, and the vertical rules
/// stand where the DOCX grid (the same `place::column_widths`) puts them.
#[test]
fn table_columns_fit_their_content() {
    let src = "关于做好安全生产工作的通知\n\n各单位：\n\n现将任务分工通知如下。\n\n\
               序号\t任务\t牵头单位\t完成时限\n1\t隐患排查整治\t市应急管理局\t2024年6月30日\n2\t执法检查\t市住房和城乡建设局\t2024年9月30日\n\n\
               某某市人民政府\n2024年3月1日\n";
    let style = Style::default_style();
    let pdf = support::pdf_of(src, "t.txt", &style);
    let page = &glyphs(&pdf)[0];
    let rows: Vec<String> = lines(page).iter().map(|l| text(l)).collect();
    assert!(
        rows.iter().any(|r| r.contains("市住房和城乡建设局")),
        "the 9-字 cell stays on one line: {rows:?}"
    );
    let mut xs: Vec<f32> = support::pdfread::strokes(&pdf)[0]
        .iter()
        .filter(|s| (s.x0 - s.x1).abs() < 0.01)
        .map(|s| s.x0)
        .collect();
    xs.sort_by(f32::total_cmp);
    xs.dedup_by(|a, b| (*a - *b).abs() < 0.01);
    assert_eq!(xs.len(), 5, "four columns: {xs:?}");
    assert!(
        (xs[0] - LEFT).abs() < 0.01 && (xs[4] - RIGHT).abs() < 0.01,
        "the table spans the 版心: {xs:?}"
    );
    let widths: Vec<f32> = xs.windows(2).map(|w| w[1] - w[0]).collect();
    assert!(
        widths[0] < widths[1] && widths[1] < widths[2],
        "columns by content: {widths:?}"
    );
    let doc = support::read(src, "t.txt");
    let table = doc
        .blocks()
        .into_iter()
        .find_map(|b| b.table.clone())
        .expect("a table block");
    let expect = gongwen::testing::compose::place::column_widths(
        &table,
        RIGHT - LEFT,
        style.roles.table.size_pt,
        &style.table,
    );
    for (got, want) in widths.iter().zip(&expect) {
        assert!(
            (got - want).abs() < 0.01,
            "PDF {widths:?} against the shared widths {expect:?}"
        );
    }
}
