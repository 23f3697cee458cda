//! The frame of a 公文 in the DOCX XML, and where the PDF and the DOCX must
//! agree (the record's placement, each format's mark, the title's grid line);
//! tests/frame.rs holds the PDF's side.

mod support;

use std::io::Read;
use std::path::Path;

use gongwen::style::Style;
use support::pdfread::{glyphs, lines, text};

const MM: f32 = 72.0 / 25.4;
const NOTICE: &str = include_str!("../examples/通知.md");

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
    let record = part_with(&p, "word/footer", "抄送").expect("a 版记 footer");
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
    let record = part_with(&p, "word/footer", "抄送").expect("a 版记 footer");
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
fn letter_and_order_heads_in_the_docx() {
    let p = docx_xml(include_str!("../examples/信函.md"), "信函.md");
    let d = &p["word/document.xml"];
    // The mark and its double rule in page 1's header, 30 mm (1701 twips) down.
    let header = part_with(&p, "word/header", "某某市人民政府办公室").expect("a letter head");
    assert!(
        header.contains(r#"w:val="thickThinSmallGap""#) && header.contains(r#"w:color="FF0000""#)
    );
    assert!(d.contains(r#"w:header="1701""#));
    assert_eq!(d.matches(">秘密★<").count(), 1, "密级 once, under the rule");
    let footer = part_with(&p, "word/footer", "thinThickSmallGap").expect("the foot rule");
    assert!(!footer.contains("PAGE"), "page 1 unnumbered");
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
    let foot = part_with(&p, "word/footer", "抄送").expect("the 抄送 in a footer");
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
        let bytes = support::pdf_of(&src, "mark.md", &Style::default_style());
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
    let p1 = lines(&glyphs(&support::pdf_of(src, "joint.md", &Style::default_style()))[0]);
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

/// The part under `prefix` (`word/footer`, `word/header`) whose XML holds `text`.
fn part_with<'a>(
    parts: &'a std::collections::HashMap<String, String>,
    prefix: &str,
    text: &str,
) -> Option<&'a String> {
    parts
        .iter()
        .find(|(k, v)| k.starts_with(prefix) && v.contains(text))
        .map(|(_, v)| v)
}
