//! The DOCX writer: open the produced package and assert what matters in the XML.

use std::io::Read;
use std::path::Path;

use gongwen::convert::{render, write_options, Target};
use gongwen::read::{read_bytes, ReadOptions};
use gongwen::style::Style;

fn docx_parts(src: &str, name: &str, style: &Style) -> std::collections::HashMap<String, String> {
    let doc = read_bytes(src.as_bytes(), Path::new(name), &ReadOptions::default()).unwrap();
    let mut w = write_options(&doc, style, None, None, None);
    w.timestamp = 1_709_251_200;
    let bytes = render(&doc, style, &w, Target::Docx, None).unwrap().0;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut parts = std::collections::HashMap::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let mut s = String::new();
        if f.read_to_string(&mut s).is_ok() {
            parts.insert(f.name().to_string(), s);
        }
    }
    parts
}

fn sample() -> std::collections::HashMap<String, String> {
    docx_parts(
        include_str!("../examples/述责述廉报告.txt"),
        "s.txt",
        &Style::default_style(),
    )
}

/// The `<w:style …>` element with this id.
fn style_xml<'a>(styles: &'a str, id: &str) -> &'a str {
    let key = format!("w:styleId=\"{id}\"");
    let at = styles
        .find(&key)
        .unwrap_or_else(|| panic!("style {id} missing"));
    let start = styles[..at].rfind("<w:style ").unwrap();
    let end = styles[at..].find("</w:style>").unwrap() + at;
    &styles[start..end]
}

/// The `<w:p>` element containing `needle`.
fn para_with<'a>(doc: &'a str, needle: &str) -> &'a str {
    let at = doc
        .find(needle)
        .unwrap_or_else(|| panic!("{needle} missing"));
    let start = doc[..at]
        .rfind("<w:p ")
        .or_else(|| doc[..at].rfind("<w:p>"))
        .unwrap();
    let end = doc[at..].find("</w:p>").unwrap() + at;
    &doc[start..end]
}

#[test]
fn page_margins_and_grid_in_twips() {
    let p = sample();
    let d = &p["word/document.xml"];
    assert!(
        d.contains(r#"<w:pgSz w:w="11906" w:h="16838""#),
        "page size"
    );
    let mar = &d[d.find("<w:pgMar").unwrap()..];
    let mar = &mar[..mar.find("/>").unwrap()];
    for (k, v) in [
        ("w:top", "2098"),
        ("w:bottom", "1984"),
        ("w:left", "1588"),
        ("w:right", "1474"),
    ] {
        assert!(mar.contains(&format!("{k}=\"{v}\"")), "{k} in {mar}");
    }
    assert!(
        d.contains(r#"<w:docGrid w:type="lines" w:linePitch="579""#),
        "line grid"
    );
}

#[test]
fn normal_style_is_the_body_with_line_rules() {
    let p = sample();
    let n = style_xml(&p["word/styles.xml"], "Normal");
    assert!(n.contains(r#"w:default="1""#));
    assert!(n.contains(r#"w:eastAsia="仿宋_GB2312""#));
    assert!(n.contains(r#"<w:sz w:val="32"/>"#));
    assert!(
        n.contains(r#"<w:spacing w:val="-5"/>"#),
        "−0.25 pt run spacing puts 28 characters on a line"
    );
    assert!(n.contains(r#"w:line="579" w:lineRule="exact""#));
    assert!(
        n.contains(r#"<w:ind w:firstLine="632"/>"#),
        "2 字 of 15.79 pt"
    );
    assert!(
        n.contains(r#"<w:overflowPunct w:val="0"/>"#) && n.contains(r#"<w:kinsoku w:val="1"/>"#)
    );
    // Every paragraph repeats the line rules (LibreOffice reads only those).
    let d = &p["word/document.xml"];
    assert_eq!(
        d.matches("<w:pPr>").count(),
        d.matches(r#"<w:overflowPunct w:val="0"/>"#).count()
    );
}

#[test]
fn roles_fonts_sizes_and_outline_levels() {
    let p = sample();
    let s = &p["word/styles.xml"];
    let t = style_xml(s, "Title");
    assert!(
        t.contains(r#"w:eastAsia="方正小标宋简体""#)
            && t.contains(r#"<w:sz w:val="44" />"#)
            && t.contains(r#"<w:jc w:val="center" />"#)
    );
    assert!(t.contains(r#"<w:snapToGrid w:val="false" />"#));
    for (id, font, lvl) in [
        ("Heading1", "黑体", 0),
        ("Heading2", "楷体_GB2312", 1),
        ("Heading3", "仿宋_GB2312", 2),
        ("Heading4", "仿宋_GB2312", 3),
    ] {
        let h = style_xml(s, id);
        assert!(h.contains(&format!("w:eastAsia=\"{font}\"")), "{id}");
        assert!(
            h.contains(&format!("<w:outlineLvl w:val=\"{lvl}\" />")),
            "{id}"
        );
        assert!(h.contains(r#"<w:keepNext />"#), "{id}");
    }
}

#[test]
fn run_in_heading_is_one_body_paragraph_with_a_heiti_sentence() {
    let p = sample();
    let para = para_with(&p["word/document.xml"], "抓学习固根本");
    assert!(para.contains(r#"<w:pStyle w:val="Normal" />"#));
    assert!(para.contains(r#"<w:outlineLvl w:val="0" />"#));
    let head_run = &para[..para.find("持续提升自身素养。").unwrap()];
    let last_fonts = head_run.rfind("w:eastAsia=").unwrap();
    assert!(head_run[last_fonts..].starts_with(r#"w:eastAsia="黑体""#));
    let rest = &para[para.find("始终把加强学习").unwrap() - 400..];
    assert!(rest.contains(r#"w:eastAsia="仿宋_GB2312""#));
}

#[test]
fn cjk_quotes_use_the_cjk_font_in_every_slot() {
    let p = sample();
    let d = &p["word/document.xml"];
    let at = d.find("“三服务”").unwrap();
    let run_start = d[..at].rfind("<w:r>").unwrap();
    let run = &d[run_start..at];
    assert!(
        run.contains(r#"w:ascii="仿宋_GB2312""#) && run.contains(r#"w:hint="eastAsia""#),
        "{run}"
    );
    // Digits in body text take the Latin font.
    let body = para_with(d, "在市委");
    let at = body.find(">2022<").unwrap();
    let run = &body[body[..at].rfind("<w:r>").unwrap()..at];
    assert!(run.contains(r#"w:ascii="Times New Roman""#), "{run}");
}

#[test]
fn footers_with_page_field_dashes_and_insets() {
    let p = sample();
    assert!(p["word/settings.xml"].contains("<w:evenAndOddHeaders"));
    let footers: Vec<&String> = p
        .iter()
        .filter(|(k, _)| k.starts_with("word/footer"))
        .map(|(_, v)| v)
        .collect();
    assert_eq!(footers.len(), 2);
    let mut sides = Vec::new();
    for f in footers {
        let text: String = f
            .split("<w:t")
            .skip(1)
            .map(|t| &t[t.find('>').unwrap() + 1..t.find("</w:t>").unwrap()])
            .collect();
        assert_eq!(text, "— 1 —", "{f}");
        assert!(f.contains("<w:instrText>PAGE</w:instrText>") || f.contains(">PAGE<"));
        assert!(f.contains(r#"w:eastAsia="宋体""#) && f.contains(r#"<w:sz w:val="28" />"#));
        if f.contains(r#"<w:jc w:val="right" />"#) {
            assert!(
                f.contains(r#"w:right="280""#),
                "odd pages: 1 字 of 4号 from the right"
            );
            sides.push("right");
        } else {
            assert!(f.contains(r#"<w:jc w:val="left" />"#) && f.contains(r#"w:left="280""#));
            sides.push("left");
        }
    }
    sides.sort();
    assert_eq!(sides, ["left", "right"]);
    let rels = &p["word/_rels/document.xml.rels"];
    let d = &p["word/document.xml"];
    assert!(
        d.contains(r#"w:type="default""#) && d.contains(r#"w:type="even""#),
        "{rels}"
    );
}

#[test]
fn core_properties_title_author_date() {
    let p = sample();
    let core = &p["docProps/core.xml"];
    assert!(core.contains("<dc:title>政府办主任2022年度责述廉报告</dc:title>"));
    assert!(!core.contains("unknown"));
    assert!(core.contains("<dc:creator>gongwen</dc:creator>"));
    assert!(core.contains("2024-03-01T00:00:00Z"));
}

#[test]
fn signature_date_note_and_attachment_placement() {
    let p = docx_parts(
        include_str!("fixtures/tongzhi.txt"),
        "t.txt",
        &Style::default_style(),
    );
    let d = &p["word/document.xml"];
    let sig = para_with(d, ">某某市人民政府办公室<");
    assert!(sig.contains(r#"<w:jc w:val="right" />"#));
    assert!(
        sig.contains(r#"w:right="632""#),
        "署名 2 字 from the right: {sig}"
    );
    assert!(
        sig.contains(r#"w:before="579""#),
        "one blank line above the 署名"
    );
    // 10-character organ, 6-em date: the date ends 4 字 from the right.
    let date = para_with(d, r#"<w:pStyle w:val="GwDate" />"#);
    assert!(date.contains(r#"w:right="1263""#), "{date}");
    let att = para_with(d, r#"<w:pStyle w:val="GwAttachmentLabel" />"#);
    assert!(
        att.contains("<w:pageBreakBefore />"),
        "attachments start a new page"
    );
    let note = para_with(d, "此件公开发布");
    assert!(note.contains(r#"w:firstLine="632""#));
    // 附件说明: names aligned after 附件：1.
    let first = para_with(d, r#"<w:pStyle w:val="GwAttachmentNote" />"#);
    assert!(first.contains("w:hanging="), "{first}");
}

#[test]
fn same_input_same_bytes() {
    let src = include_str!("../examples/述责述廉报告.txt");
    let doc = read_bytes(src.as_bytes(), Path::new("s.txt"), &ReadOptions::default()).unwrap();
    let style = Style::default_style();
    let mut w = write_options(&doc, &style, None, None, None);
    w.timestamp = 0;
    let a = render(&doc, &style, &w, Target::Docx, None).unwrap().0;
    let b = render(&doc, &style, &w, Target::Docx, None).unwrap().0;
    assert_eq!(a, b);
}

#[test]
fn house_options_current_font_names_and_bold_levels() {
    let style = Style::with_overrides(
        "[fonts]\nnames = \"current\"\n[house]\nbold_heading_levels = [2]\n",
        "house.toml",
    )
    .unwrap();
    let p = docx_parts(include_str!("fixtures/tongzhi.txt"), "t.txt", &style);
    let n = style_xml(&p["word/styles.xml"], "Normal");
    assert!(n.contains(r#"w:eastAsia="仿宋""#));
    let h2 = style_xml(&p["word/styles.xml"], "Heading2");
    assert!(h2.contains("<w:b />") && h2.contains(r#"w:eastAsia="楷体""#));
    assert!(p["word/fontTable.xml"]
        .contains(r#"<w:font w:name="仿宋"><w:altName w:val="仿宋_GB2312,FangSong"#));
}

/// The table grid comes from the shared column widths, in twips, summing to the
/// 版心 width, with the PDF's cell padding as the cell margins.
#[test]
fn table_grid_follows_content() {
    let src = "关于做好安全生产工作的通知\n\n各单位：\n\n现将任务分工通知如下。\n\n\
               序号\t任务\t牵头单位\t完成时限\n1\t隐患排查整治\t市应急管理局\t2024年6月30日\n2\t执法检查\t市住房和城乡建设局\t2024年9月30日\n\n\
               某某市人民政府\n2024年3月1日\n";
    let p = docx_parts(src, "t.txt", &Style::default_style());
    let d = &p["word/document.xml"];
    let grid = &d[d.find("<w:tblGrid>").expect("a table grid")..];
    let grid = &grid[..grid.find("</w:tblGrid>").unwrap()];
    let cols: Vec<i32> = grid
        .split("w:w=\"")
        .skip(1)
        .map(|s| s[..s.find('"').unwrap()].parse().unwrap())
        .collect();
    assert_eq!(cols.len(), 4, "{grid}");
    assert_eq!(cols.iter().sum::<i32>(), 8844, "156 mm in twips: {cols:?}");
    assert!(
        cols[0] < cols[1] && cols[1] < cols[2],
        "columns by content: {cols:?}"
    );
    assert!(
        d.contains(r#"<w:tblCellMar><w:top w:w="80" w:type="dxa" /><w:left w:w="80" w:type="dxa" /><w:bottom w:w="80" w:type="dxa" /><w:right w:w="80" w:type="dxa" /></w:tblCellMar>"#),
        "4 pt cell margins, as the PDF pads its cells"
    );
}
