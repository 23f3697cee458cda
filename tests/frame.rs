//! The frame of a 公文: 版头 and 版记 where GB/T 9704 puts them, in the PDF (read
//! back, ±1 mm) and in the DOCX XML; metadata errors.

mod support;

use std::io::Read;
use std::path::Path;

use gongwen::style::Style;
use support::pdfread::{glyphs, lines, strokes, text, GlyphPos};

const MM: f32 = 72.0 / 25.4;
const TOP: f32 = 37.0 * MM;
const NOTICE: &str = include_str!("../examples/通知.md");
const REQUEST: &str = include_str!("../examples/请示.txt");

fn pdf(src: &str, name: &str) -> Vec<u8> {
    support::pdf_of(src, name, &Style::default_style())
}

fn find<'a>(ls: &'a [Vec<GlyphPos>], start: &str) -> &'a Vec<GlyphPos> {
    ls.iter()
        .find(|l| text(l).starts_with(start))
        .unwrap_or_else(|| panic!("no line starting {start}"))
}

#[test]
fn notice_head_in_the_pdf() {
    let bytes = pdf(NOTICE, "通知.md");
    let pages = glyphs(&bytes);
    let p1 = lines(&pages[0]);
    // 份号, 密级, 紧急程度 on lines 1–3 at the left edge.
    for (i, t) in ["000123", "机密★1年", "特急"].iter().enumerate() {
        let l = find(&p1, t);
        assert!((l[0].x - 28.0 * MM).abs() < 0.5, "{t} flush left");
        assert!(
            (l[0].baseline - (TOP + i as f32 * 28.95)).abs() < 28.95,
            "{t} on line {}",
            i + 1
        );
    }
    assert!(
        find(&p1, "机密")
            .iter()
            .all(|g| g.font.ends_with("FandolHei-Regular")),
        "密级 in 黑体"
    );
    // The 发文机关标志: red 小标宋, its top 35 mm below the 版心's top.
    let mark = find(&p1, "某某市人民政府办公室");
    assert!(mark
        .iter()
        .all(|g| g.color == [1.0, 0.0, 0.0] && g.font.ends_with("NotoSerifSC-Bold")));
    let top = mark[0].baseline - 0.88 * mark[0].size;
    assert!(
        (top - (TOP + 35.0 * MM)).abs() < 1.0 * MM,
        "mark top at {} mm",
        top / MM
    );
    let wj = find(&p1, "文件");
    assert!(
        wj[0].x > mark.last().unwrap().x,
        "文件 right of the stacked organs"
    );
    // 发文字号 centred; the red rule 4 mm below it across the 版心.
    let dn = find(&p1, "某政办发");
    let mid = (dn[0].x + dn.last().unwrap().x + dn.last().unwrap().advance) / 2.0;
    assert!((mid - 106.0 * MM).abs() < 1.0 * MM);
    let rule = strokes(&bytes)[0]
        .iter()
        .find(|s| s.color == [1.0, 0.0, 0.0])
        .cloned()
        .expect("a red rule");
    let dn_bottom = dn[0].baseline + 0.12 * 16.0;
    assert!(
        (rule.y0 - dn_bottom - 4.0 * MM).abs() < 1.0 * MM,
        "rule {} mm below",
        (rule.y0 - dn_bottom) / MM
    );
    assert!((rule.x0 - 28.0 * MM).abs() < 0.1 && (rule.x1 - 184.0 * MM).abs() < 0.1);
    // The title at least two lines below the rule.
    let title = find(&p1, "关于进一步加强");
    assert!(title[0].baseline - rule.y0 >= 2.0 * 28.95);
}

#[test]
fn record_at_the_foot_of_an_even_page_between_rules() {
    let bytes = pdf(NOTICE, "通知.md");
    let pages = glyphs(&bytes);
    assert_eq!(pages.len() % 2, 0, "the 版记 page is even");
    let last = lines(pages.last().unwrap());
    let cc = find(&last, "抄送：");
    let pr = find(&last, "某某市人民政府办公室2024");
    assert!(
        cc.iter().all(|g| g.size == 14.0) && pr.iter().all(|g| g.size == 14.0),
        "4号"
    );
    assert!((cc[0].x - (28.0 * MM + 14.0)).abs() < 0.5, "抄送 1 字 in");
    let end = pr.last().unwrap().x + pr.last().unwrap().advance;
    assert!(
        (end - (184.0 * MM - 14.0)).abs() < 0.5,
        "印发日期 1 字 from the right"
    );
    // Full-width rules other than the table's 0.5 pt grid.
    let rules: Vec<_> = strokes(&bytes)
        .last()
        .unwrap()
        .iter()
        .filter(|s| (s.x1 - s.x0 - 156.0 * MM).abs() < 0.1 && s.width > 0.6)
        .cloned()
        .collect();
    assert_eq!(rules.len(), 3, "{rules:?}");
    let bottom = rules.iter().map(|r| r.y0).fold(0.0f32, f32::max);
    assert!(
        (bottom - 262.0 * MM).abs() < 0.1,
        "the last rule on the 版心's bottom edge"
    );
    let w: Vec<f32> = {
        let mut v: Vec<_> = rules.iter().map(|r| (r.y0, r.width)).collect();
        v.sort_by(|a, b| a.0.total_cmp(&b.0));
        v.into_iter().map(|x| x.1).collect()
    };
    assert!(
        (w[0] - 0.35 * MM).abs() < 0.01
            && (w[1] - 0.25 * MM).abs() < 0.01
            && (w[2] - 0.35 * MM).abs() < 0.01,
        "{w:?}"
    );
}

#[test]
fn record_page_numbers_follow_7_5() {
    // One page of body: the 版记 cannot share an odd page, so page 2 holds it
    // alone — right after the body, so it keeps its number (7.5 takes the
    // number away only when blank pages stand before the 版记 page).
    let src = "---\nformat: notice\nissuer: 某某局\ndoc_number: 某发〔2024〕1号\ncc: 市委办公室\nprinted_by: 某某局办公室\nprinted_date: 2024年3月1日\n---\n\n# 关于X的通知\n\n各单位：\n\n正文。\n\n某某局\n\n2024年3月1日\n";
    let bytes = pdf(src, "x.md");
    let pages = glyphs(&bytes);
    assert_eq!(pages.len(), 2);
    let p2 = lines(&pages[1]);
    assert!(p2.iter().any(|l| text(l).starts_with("抄送：")));
    assert!(
        p2.iter().any(|l| text(l) == "—2—"),
        "the 版记 page right after the body is numbered"
    );
    assert!(lines(&pages[0]).iter().any(|l| text(l) == "—1—"));
    // Two full pages of body: the 版记 takes page 4; the blank page 3 and the
    // 版记 page carry no number.
    let mut src = String::from("---\n抄送: 市委办公室\n印发机关: 某某市人民政府办公室\n印发日期: 2024年3月1日\n---\n\n# 关于做好有关工作的通知\n\n各单位：\n\n");
    for i in 1..=19 {
        src.push_str(&format!("这是第{i}段正文，用于测试版记的位置，各单位要认真贯彻落实，确保各项工作任务按时完成，不得延误。\n\n"));
    }
    src.push_str("某某市人民政府办公室\n\n2024年3月1日\n");
    let pages = glyphs(&pdf(&src, "y.md"));
    assert_eq!(pages.len(), 4);
    assert!(pages[2].is_empty(), "page 3 is blank");
    let p4 = lines(&pages[3]);
    assert!(p4.iter().any(|l| text(l).starts_with("抄送：")));
    assert!(
        !p4.iter().any(|l| text(l).starts_with('—')),
        "no number on a 版记 page after a blank page"
    );
}

#[test]
fn upward_document_doc_number_left_signer_right() {
    let bytes = pdf(REQUEST, "请示.txt");
    let p1 = lines(&glyphs(&bytes)[0]);
    let line = find(&p1, "某政〔2024〕8号");
    assert!(
        (line[0].x - (28.0 * MM + 15.79)).abs() < 0.5,
        "文号 1 字 from the left"
    );
    let names = line
        .iter()
        .filter(|g| g.text == "王" || g.text == "五")
        .collect::<Vec<_>>();
    assert!(
        names.iter().all(|g| g.font.ends_with("FandolKai-Regular")),
        "签发人 names in 楷体"
    );
    let end = line.last().unwrap().x + line.last().unwrap().advance;
    assert!(
        (end - (184.0 * MM - 15.79)).abs() < 0.5,
        "签发人 1 字 from the right"
    );
    assert!(
        !p1.iter()
            .any(|l| text(l) == "某某县人民政府文件" && l[0].color == [0.0, 0.0, 0.0]),
        "the draft's own org line is not repeated in black"
    );
}

fn docx_xml(src: &str, name: &str) -> std::collections::HashMap<String, String> {
    docx_xml_with(src, name, false)
}

/// The DOCX's parts; `paginated`: rendered with fonts, so that it follows the
/// PDF's pagination.
fn docx_xml_with(
    src: &str,
    name: &str,
    paginated: bool,
) -> std::collections::HashMap<String, String> {
    let doc =
        gongwen::read::read_bytes(src.as_bytes(), Path::new(name), &Default::default()).unwrap();
    let style = Style::default_style();
    let w = gongwen::convert::write_options(&doc, &style, None, None, None);
    let fonts = paginated.then(|| support::bundled_fonts(&style));
    let bytes = gongwen::convert::render(
        &doc,
        &style,
        &w,
        gongwen::convert::Target::Docx,
        fonts.as_ref(),
    )
    .unwrap()
    .0;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut f = zip.by_index(i).unwrap();
            let mut s = String::new();
            let _ = f.read_to_string(&mut s);
            (f.name().to_string(), s)
        })
        .collect()
}

/// With the PDF's pagination, the 通知's 版记 shares its last page, as in the
/// PDF: the body's section ends with the first part of the paragraph that page
/// 2 cuts, the rest continues unindented in the last section, and that
/// section's first-page footer holds the 版记 over the page number.
#[test]
fn notice_record_shares_the_last_page_in_the_docx() {
    let p = docx_xml_with(NOTICE, "通知.md", true);
    let d = &p["word/document.xml"];
    assert_eq!(
        d.matches("<w:sectPr").count(),
        2,
        "the body's section and the last one"
    );
    let first_sect = d.find("<w:sectPr").unwrap();
    let para = &d[d[..first_sect].rfind("<w:p ").unwrap()..];
    let para = &para[..para.find("</w:p>").unwrap()];
    assert!(
        para.contains("管理责任，主</w:t>"),
        "the section ends with the cut paragraph's first part: {para}"
    );
    assert!(
        !para.contains("要负责同志要亲自部署"),
        "the cut: page 2 starts at 要负责同志"
    );
    let rest_at = d
        .find("要负责同志要亲自部署")
        .expect("the rest of the cut paragraph");
    let rest = &d[d[..rest_at].rfind("<w:p ").unwrap()..rest_at];
    assert!(
        rest.contains(r#"w:firstLine="0""#),
        "the rest continues without an indent: {rest}"
    );
    assert!(
        !section_ends_on_empty_paragraph(d),
        "no page of its own for the 版记"
    );
    let last = &d[d.rfind("<w:sectPr").unwrap()..];
    assert!(last.contains(r#"<w:type w:val="evenPage""#) && last.contains("<w:titlePg"));
    assert!(
        !last.contains(r#"w:footer="1984""#),
        "the footer stands where the page numbers do: {last}"
    );
    let record = p
        .iter()
        .find(|(k, v)| k.starts_with("word/footer") && v.contains("抄送"))
        .map(|(_, v)| v)
        .expect("a 版记 footer");
    assert!(
        record.contains("印发") && record.contains("PAGE"),
        "the 版记 over the page number"
    );
    // 7 mm (397 twips) between the 版记's last rule and the page number.
    assert!(record.contains(r#"w:before="397""#), "{record}");
}

#[test]
fn notice_frame_in_the_docx() {
    let p = docx_xml(NOTICE, "通知.md");
    let d = &p["word/document.xml"];
    // The mark: red, in its own style, 35 mm (992 pt·20) down less the 3 lines above.
    let mark_at = d.find(">某某市人民政府办公室<").unwrap();
    let mark_para = &d[d[..mark_at].rfind("<w:p ").unwrap()..mark_at];
    assert!(
        mark_para.contains(r#"w:val="GwIssuer""#)
            && mark_para.contains(r#"<w:color w:val="FF0000" />"#)
    );
    // The 发文字号 carries the red rule as its bottom border, 4 mm (11.3 pt)
    // below its characters: 5 pt below its 28.95-pt line, whose bottom lies
    // 6.5 pt under the characters of 16 pt.
    let dn_at = d.find(r#"<w:pStyle w:val="GwDocNumber" />"#).unwrap();
    let dn = &d[dn_at..dn_at + d[dn_at..].find("</w:pPr>").unwrap()];
    assert!(
        dn.contains(r#"<w:bottom w:val="single" w:space="5" w:sz="8" w:color="FF0000" />"#),
        "{dn}"
    );
    // The 版记: the last section starts on an even page; its first-page footer
    // holds 抄送 and 印发 between rules and ends on the 版心's bottom (1984
    // twips, less the 20-twip paragraph a footer must end with).
    let last = &d[d.rfind("<w:sectPr").unwrap()..];
    assert!(last.contains(r#"<w:type w:val="evenPage""#) && last.contains("<w:titlePg"));
    assert!(last.contains(r#"w:footer="1964""#), "{last}");
    assert!(last.contains(r#"w:type="first""#));
    let record = p
        .iter()
        .find(|(k, v)| k.starts_with("word/footer") && v.contains("抄送"))
        .map(|(_, v)| v)
        .expect("a 版记 footer");
    assert!(record.contains("印发"));
    // Rules as wide as the 版心: a table's borders (1 pt, 0.75 pt between).
    let borders = &record[record.find("<w:tblBorders>").expect("the 版记 is a table")..];
    let borders = &borders[..borders.find("</w:tblBorders>").unwrap()];
    assert!(
        borders.contains(r#"<w:top w:val="single" w:sz="8""#)
            && borders.contains(r#"<w:bottom w:val="single" w:sz="8""#),
        "{borders}"
    );
    assert!(
        borders.contains(r#"<w:insideH w:val="single" w:sz="6""#),
        "{borders}"
    );
    assert!(
        record.contains(r#"<w:tblW w:w="8844" w:type="dxa" />"#),
        "156 mm wide"
    );
    // The body section keeps the page numbers and has no first-page footer.
    let body_sect = &d[d.find("<w:sectPr").unwrap()..];
    let body_sect = &body_sect[..body_sect.find("</w:sectPr>").unwrap()];
    assert!(!body_sect.contains(r#"w:type="first""#) && body_sect.contains(r#"w:type="even""#));
}

#[test]
fn contradictory_metadata_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("x.txt");
    std::fs::write(&input, "关于X的请示\n市政府：\n正文。\n").unwrap();
    let meta = dir.path().join("m.toml");
    std::fs::write(&meta, "\"签发人\" = [\"张三\"]\n").unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_gongwen"))
        .arg("convert")
        .arg(&input)
        .arg("--meta")
        .arg(&meta)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("x.txt") && err.contains("签发人") && err.contains("发文字号"),
        "{err}"
    );
    std::fs::write(&meta, "fromat = \"notice\"\n").unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_gongwen"))
        .arg("convert")
        .arg(&input)
        .arg("--meta")
        .arg(&meta)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("m.toml") && err.contains("fromat"), "{err}");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_gongwen"))
        .arg("convert")
        .arg(&input)
        .args(["--format", "notice"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("issuer"));
    assert!(!dir.path().join("x.docx").exists());
}

#[test]
fn letter_format() {
    let bytes = pdf(include_str!("../examples/信函.md"), "信函.md");
    let pages = glyphs(&bytes);
    let p1 = lines(&pages[0]);
    let mark = find(&p1, "某某市人民政府办公室");
    let top = mark[0].baseline - 0.88 * mark[0].size;
    assert!(
        (top - 30.0 * MM).abs() < 1.0 * MM,
        "mark top {} mm from the page top",
        top / MM
    );
    assert!(
        !p1.iter().any(|l| text(l).starts_with('—')),
        "no page number on page 1"
    );
    let red: Vec<_> = strokes(&bytes)[0]
        .iter()
        .filter(|s| s.color == [1.0, 0.0, 0.0])
        .cloned()
        .collect();
    assert_eq!(red.len(), 4, "two double rules");
    for r in &red {
        assert!(
            (r.x1 - r.x0 - 170.0 * MM).abs() < 0.1
                && ((r.x0 + r.x1) / 2.0 - 105.0 * MM).abs() < 0.1
        );
    }
    let lowest = red.iter().map(|r| r.y0).fold(0.0f32, f32::max);
    assert!(
        (lowest - 277.0 * MM).abs() < 1.0 * MM,
        "20 mm above the page's foot"
    );
    // 密级 left and 文号 right on the first line under the rule.
    let dn = find(&p1, "秘密");
    let end = dn.last().unwrap().x + dn.last().unwrap().advance;
    assert!(
        (dn[0].x - 28.0 * MM).abs() < 0.5 && (end - 184.0 * MM).abs() < 0.5,
        "{}",
        text(dn)
    );
}

#[test]
fn minutes_attendance_lines() {
    // The example with more names than a line holds.
    let src = include_str!("../examples/纪要.md").replace("吴十", "吴十　郑十一　冯十二　褚十三");
    let bytes = pdf(&src, "纪要.md");
    let all: Vec<Vec<GlyphPos>> = glyphs(&bytes).iter().flat_map(|p| lines(p)).collect();
    let i = all
        .iter()
        .position(|l| text(l).starts_with("出席："))
        .unwrap();
    let l = &all[i];
    let pitch = 225.0 * MM / 22.0;
    assert!(
        (l[0].baseline - all[i - 1][0].baseline - 2.0 * pitch).abs() < 0.1,
        "出席 one blank line below the body (10.3)"
    );
    assert!(
        l[0].font.ends_with("FandolHei-Regular") && l[1].font.ends_with("FandolHei-Regular"),
        "出席 in 黑体"
    );
    assert!(l[3].font.ends_with("FandolFang-Regular"), "names in 仿宋");
    let names_x = l[3].x;
    let next = &all[i + 1];
    assert!(
        (next[0].x - names_x).abs() < 0.5,
        "a wrapped line aligns after the colon"
    );
    assert!(
        all.iter().any(|l| text(l).starts_with("请假："))
            && all.iter().any(|l| text(l).starts_with("列席："))
    );
}

#[test]
fn order_format_mark_20mm_down() {
    let src = "---\nformat: order\nissuer: 某某市人民政府令\ndoc_number: 第15号\n---\n\n《某某市城市管理办法》已经市政府常务会议通过，现予公布，自2024年7月1日起施行。\n\n市长　张三\n\n2024年6月1日\n";
    let bytes = pdf(src, "令.md");
    let p1 = lines(&glyphs(&bytes)[0]);
    let mark = find(&p1, "某某市人民政府令");
    let top = mark[0].baseline - 0.88 * mark[0].size;
    assert!(
        (top - (TOP + 20.0 * MM)).abs() < 1.0 * MM,
        "{} mm",
        (top - TOP) / MM
    );
    let no = find(&p1, "第15号");
    assert!(no[0].baseline - mark[0].baseline >= 2.0 * 28.95);
    assert!(
        strokes(&bytes)[0]
            .iter()
            .all(|s| s.color != [1.0, 0.0, 0.0]),
        "no red rule in 命令格式"
    );
}

#[test]
fn letter_and_order_heads_in_the_docx() {
    let p = docx_xml(include_str!("../examples/信函.md"), "信函.md");
    let d = &p["word/document.xml"];
    // The mark and its double rule in page 1's header, 30 mm (1701 twips) down.
    let header = p
        .iter()
        .find(|(k, v)| k.starts_with("word/header") && v.contains("某某市人民政府办公室"))
        .map(|(_, v)| v)
        .expect("a letter head");
    assert!(
        header.contains(r#"w:val="thickThinSmallGap""#) && header.contains(r#"w:color="FF0000""#)
    );
    assert!(d.contains(r#"w:header="1701""#));
    assert_eq!(d.matches(">秘密★<").count(), 1, "密级 once, under the rule");
    let footer = p
        .iter()
        .find(|(k, v)| k.starts_with("word/footer") && v.contains("thinThickSmallGap"))
        .expect("the foot rule");
    assert!(!footer.1.contains("PAGE"), "page 1 unnumbered");
    let p = docx_xml(
        "---\nformat: order\nissuer: 某某市人民政府令\ndoc_number: 第15号\n---\n\n正文。\n",
        "令.md",
    );
    let d = &p["word/document.xml"];
    assert!(!d.contains("<w:pBdr>"), "no red rule in 命令格式");
    assert!(
        d.contains(r#"w:before="1134""#),
        "mark 20 mm (1134 twips) below the 版心 top"
    );
}

/// 10.3 in the DOCX: 出席 one blank line (579 twips) below the body; 请假 and
/// 列席 follow without one.
#[test]
fn minutes_attendance_spacing_in_the_docx() {
    let p = docx_xml(include_str!("../examples/纪要.md"), "纪要.md");
    let d = &p["word/document.xml"];
    let para = |needle: &str| {
        let at = d.find(needle).unwrap_or_else(|| panic!("{needle}"));
        let start = d[..at].rfind("<w:p ").unwrap();
        d[start..at].to_string()
    };
    assert!(
        para("出席").contains(r#"w:before="579""#),
        "{}",
        para("出席")
    );
    assert!(para("请假").contains(r#"w:before="0""#), "{}", para("请假"));
}

/// A one-page 信函 (10.1) in the DOCX, laid out with fonts: its 抄送 is in the
/// first-page footer, on the 版心's last line above the foot rule, and that
/// footer stands on the rule, 20 mm above the page's bottom edge.
#[test]
fn one_page_letter_cc_at_the_foot_in_the_docx() {
    let p = docx_xml_with(include_str!("../examples/信函.md"), "信函.md", true);
    let d = &p["word/document.xml"];
    assert!(!d.contains("抄送"), "the 抄送 is not in the body");
    let foot = p
        .iter()
        .find(|(k, v)| k.starts_with("word/footer") && v.contains("抄送"))
        .map(|(_, v)| v)
        .expect("the 抄送 in a footer");
    let after_cc = &foot[foot.find("抄送").unwrap()..];
    // 1984 twips (the 版心's bottom margin) less 1134 (20 mm) between them.
    assert!(
        after_cc.contains(r#"w:before="850""#) && after_cc.contains("thinThickSmallGap"),
        "{after_cc}"
    );
    let sect = &d[d.rfind("<w:pgMar").unwrap()..];
    assert!(
        sect.contains(r#"w:footer="1114""#),
        "20 mm less the rule's 1 pt line: {sect}"
    );
}

/// Every length of a 通知 with a 版记, from one page to three: the DOCX stays
/// well-formed, keeps all its text in order across a paragraph cut at a page
/// turn, and places the 版记 as its pagination says — its own section, on the
/// body's last page or on an even page of its own.
#[test]
fn record_placement_over_many_lengths() {
    let style = Style::default_style();
    let fonts = support::bundled_fonts(&style);
    let (mut shared_seen, mut cut_seen) = (0, 0);
    for n in 6..=30 {
        let mut src = String::from("---\n抄送: 市委办公室\n印发机关: 某某市人民政府办公室\n印发日期: 2024年3月1日\n---\n\n# 关于做好有关工作的通知\n\n各单位：\n\n");
        let paras: Vec<String> = (0..n)
            .map(|i| {
                format!(
                    "第{}项工作要认真贯彻落实，确保各项任务按时完成，不得延误，有关情况及时报告。",
                    "一二三四五六七八九十".chars().nth(i % 10).unwrap()
                )
            })
            .collect();
        for p in &paras {
            src.push_str(p);
            src.push_str("\n\n");
        }
        src.push_str("某某市人民政府办公室\n\n2024年3月1日\n");
        let doc = gongwen::read::read_bytes(src.as_bytes(), Path::new("n.md"), &Default::default())
            .unwrap();
        let w = gongwen::convert::write_options(&doc, &style, None, None, None);
        let plan = gongwen::testing::compose::compose(&doc, &style, false);
        let pagination = gongwen::convert::docx_pagination(
            &plan,
            &gongwen::testing::layout::lay_out(&plan, &style, &fonts, 0.0),
            &style,
            &fonts,
        );
        let bytes = gongwen::convert::render(
            &doc,
            &style,
            &w,
            gongwen::convert::Target::Docx,
            Some(&fonts),
        )
        .unwrap()
        .0;
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let mut d = String::new();
        zip.by_name("word/document.xml")
            .unwrap()
            .read_to_string(&mut d)
            .unwrap();
        // Well-formed, and the text in order: the runs' text joined.
        let mut reader = quick_xml::Reader::from_str(&d);
        let mut text = String::new();
        let mut in_t = false;
        loop {
            match reader.read_event() {
                Ok(quick_xml::events::Event::Start(e)) if e.name().as_ref() == b"w:t" => {
                    in_t = true
                }
                Ok(quick_xml::events::Event::End(e)) if e.name().as_ref() == b"w:t" => in_t = false,
                Ok(quick_xml::events::Event::Text(t)) if in_t => {
                    text.push_str(&t.decode().unwrap())
                }
                Ok(quick_xml::events::Event::Eof) => break,
                Err(e) => panic!("n = {n}: document.xml is not well-formed: {e}"),
                _ => {}
            }
        }
        let body: String = paras.concat();
        assert!(
            text.contains(&body),
            "n = {n}: the body's text is whole and in order"
        );
        let sections = d.matches("<w:sectPr").count();
        if let Some((_, off)) = pagination.record_shares_page_from {
            shared_seen += 1;
            cut_seen += (off > 0) as usize;
            assert_eq!(sections, 2, "n = {n}: body and last page");
            assert!(!section_ends_on_empty_paragraph(&d), "n = {n}");
        } else {
            assert!(
                section_ends_on_empty_paragraph(&d),
                "n = {n}: the 版记 on a page of its own"
            );
            let blank = pagination.body_pages % 2 == 0;
            assert_eq!(
                sections,
                if blank { 3 } else { 2 },
                "n = {n}: pages {}",
                pagination.body_pages
            );
            // 7.5: numbered right after the body, not after a blank page.
            let mut footer = String::new();
            for i in 0..zip.len() {
                let mut f = zip.by_index(i).unwrap();
                let mut t = String::new();
                if f.name().starts_with("word/footer")
                    && f.read_to_string(&mut t).is_ok()
                    && t.contains("抄送")
                {
                    footer = t;
                }
            }
            assert_eq!(
                footer.contains("PAGE"),
                !blank,
                "n = {n}: the 版记 page's number"
            );
        }
    }
    assert!(
        shared_seen > 0 && cut_seen > 0,
        "some lengths share the last page, some with a paragraph cut: {shared_seen}, {cut_seen}"
    );
}

/// Under a 版头 the DOCX's title starts on the PDF's grid line: its spacing
/// before makes up what the head stacks (the 通知: marks, the joint mark's
/// table, the 文号 and its rule) to the line the PDF's layout gives.
#[test]
fn docx_title_starts_on_the_pdfs_grid_line() {
    let style = Style::default_style();
    let fonts = support::bundled_fonts(&style);
    let doc =
        gongwen::read::read_bytes(NOTICE.as_bytes(), Path::new("通知.md"), &Default::default())
            .unwrap();
    let plan = gongwen::testing::compose::compose(&doc, &style, false);
    let pagination = gongwen::convert::docx_pagination(
        &plan,
        &gongwen::testing::layout::lay_out(&plan, &style, &fonts, 0.0),
        &style,
        &fonts,
    );
    let top = pagination.body_top.expect("a 版头");
    let pitch = 225.0 * MM / 22.0;
    assert!(
        (top / style.grid.line_pitch_pt).fract().abs() < 1e-3,
        "on a grid line: {top} ({pitch})"
    );
    let p = docx_xml_with(NOTICE, "通知.md", true);
    let d = &p["word/document.xml"];
    let title_at = d.find("关于进一步加强安全生产工作的通知").unwrap();
    let title = &d[d[..title_at].rfind("<w:p ").unwrap()..title_at];
    let before: i32 = title
        .split("w:before=\"")
        .nth(1)
        .and_then(|s| s[..s.find('"')?].parse().ok())
        .expect("spacing before the title");
    // Everything above the title in twips, as Word adds it up: the paragraphs
    // outside the joint mark's table, then the table's organ lines.
    let head = &d[..d[..title_at].rfind("<w:p ").unwrap()];
    let (t0, t1) = (
        head.find("<w:tbl>").expect("the joint mark's table"),
        head.find("</w:tbl>").unwrap(),
    );
    let outside = format!("{}{}", &head[..t0], &head[t1..]);
    let num = |para: &str, key: &str| {
        para.split(key)
            .nth(1)
            .and_then(|s| s[..s.find('"')?].parse::<i32>().ok())
            .unwrap_or(0)
    };
    let mut used = 0;
    for para in outside.split("<w:p ").skip(1) {
        used += num(para, "w:before=\"") + num(para, "w:line=\"");
        if para.contains("<w:pBdr><w:bottom") {
            used += 20 * num(para, "w:space=\"") + 20;
        }
    }
    let organs = head[t0..t1]
        .split("<w:tc>")
        .nth(1)
        .unwrap()
        .split("</w:tc>")
        .next()
        .unwrap();
    used += organs
        .split("<w:p ")
        .skip(1)
        .map(|para| num(para, "w:line=\""))
        .sum::<i32>();
    let twips = (top * 20.0).round() as i32;
    assert!(
        (used + before - twips).abs() <= 2,
        "head {used} + before {before} = the PDF's {twips}"
    );
}

#[test]
fn each_format_names_itself_in_its_mark() {
    // 10.1–10.3 and 7.2.4: the format's word is added unless the author wrote it.
    let cases = [
        (
            "minutes",
            "某某市人民政府常务会议",
            "某某市人民政府常务会议纪要",
        ),
        (
            "minutes",
            "某某市人民政府常务会议纪要",
            "某某市人民政府常务会议纪要",
        ),
        ("order", "某某市人民政府", "某某市人民政府令"),
        ("order", "某某市人民政府命令", "某某市人民政府命令"),
        ("letter", "某某市人民政府办公室", "某某市人民政府办公室"),
        ("notice", "某某市人民政府", "某某市人民政府文件"),
    ];
    for (format, issuer, mark) in cases {
        let src = format!("---\nformat: {format}\nissuer: {issuer}\n---\n\n正文。\n");
        let bytes = pdf(&src, "mark.md");
        let p1 = lines(&glyphs(&bytes)[0]);
        let line = p1
            .iter()
            .find(|l| l.iter().all(|g| g.color == [1.0, 0.0, 0.0]) && !l.is_empty())
            .unwrap_or_else(|| panic!("{format}: no red mark"));
        assert_eq!(text(line), mark, "{format} with issuer {issuer}");
        let xml = docx_xml(&src, "mark.md");
        assert!(
            xml.values().any(|part| part.contains(&format!(">{mark}<"))),
            "{format}: the DOCX's mark reads {mark}"
        );
    }
    // Joint organs: the word stands once, to the right of the stack.
    let src = "---\nformat: minutes\nissuer: [甲市人民政府, 乙市人民政府纪要]\n---\n\n正文。\n";
    let p1 = lines(&glyphs(&pdf(src, "joint.md"))[0]);
    assert!(
        p1.iter().any(|l| text(l) == "甲市人民政府"),
        "{:?}",
        p1.iter().map(|l| text(l)).collect::<Vec<_>>()
    );
    assert!(p1.iter().any(|l| text(l) == "乙市人民政府"));
    assert!(p1.iter().any(|l| text(l) == "纪要"));
}

/// Whether the body's section (the first `w:sectPr` in a paragraph) ends with
/// an empty paragraph of its own, as when the 版记 takes a page of its own,
/// rather than with a paragraph of the body's text.
fn section_ends_on_empty_paragraph(d: &str) -> bool {
    let at = d.find("<w:sectPr").expect("a section break");
    let para = &d[d[..at].rfind("<w:p ").expect("in a paragraph")..];
    let para = &para[..para.find("</w:p>").unwrap()];
    !para.contains("<w:t")
}
