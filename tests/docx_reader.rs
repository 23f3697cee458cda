//! The Word reader: drafts built in code the way clerks make them (direct
//! formatting, Heading styles, automatic numbering with restarts and skips,
//! soft breaks, merged cells, tracked changes, a right-aligned 落款) are
//! recognised block by block, auto-numbers become literal text, and every
//! character is conserved.

#[path = "support/wordgen.rs"]
mod wordgen;

use std::collections::BTreeMap;
use std::path::Path;

use gongwen::model::{BlockKind, Document};
use wordgen::{numbered, para, plain, run, soft_broken, Word};

const STYLES: &str = r#"
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:rPr><w:sz w:val="21"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/><w:sz w:val="44"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr><w:outlineLvl w:val="1"/></w:pPr></w:style>
"#;

const NUMBERING: &str = r#"
<w:abstractNum w:abstractNumId="0">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:suff w:val="nothing"/><w:lvlText w:val="%1、"/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:suff w:val="nothing"/><w:lvlText w:val="（%2）"/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>
  <w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="（%4）"/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="1">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
<w:num w:numId="3"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
"#;

/// The notice, paragraph by paragraph (unit numbers in the comments).
fn notice() -> Word {
    let cell = |text: &str, tcpr: &str| {
        format!(
            "<w:tc><w:tcPr>{tcpr}</w:tcPr>{}</w:tc>",
            para("", &run(text, ""))
        )
    };
    let table = format!(
        "<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>\
         <w:tr><w:trPr><w:tblHeader/></w:trPr>{}{}{}</w:tr>\
         <w:tr>{}{}{}</w:tr>\
         <w:tr>{}{}{}</w:tr>\
         <w:tr>{}</w:tr></w:tbl>",
        cell("序号", ""),
        cell("责任单位", ""),
        cell("完成时限", ""),
        cell("1", ""),
        cell("市应急管理局", r#"<w:vMerge w:val="restart"/>"#),
        cell("6月底前", ""),
        cell("2", ""),
        "<w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc>",
        cell("9月底前", ""),
        cell("备注：按季度报送进展", r#"<w:gridSpan w:val="3"/>"#),
    );
    let body = [
        // 1: a centred, large, bold title set by direct formatting
        para(
            r#"<w:jc w:val="center"/><w:spacing w:line="700" w:lineRule="exact"/>"#,
            &run(
                "关于做好2025年安全生产工作的通知",
                r#"<w:rFonts w:eastAsia="方正小标宋简体"/><w:b/><w:sz w:val="44"/>"#,
            ),
        ),
        // 2: an empty paragraph
        "<w:p/>".to_string(),
        // 3
        para("", &run("各区县人民政府，市直各部门：", "")),
        // 4
        plain("为切实做好全市安全生产工作，有效防范化解重大安全风险，现就有关事项通知如下。"),
        // 5: Heading 1 with the list in its style → 一、
        para(r#"<w:pStyle w:val="1"/>"#, &run("总体要求", "")),
        // 6
        plain("坚持人民至上、生命至上，统筹发展和安全，推动安全生产形势持续稳定向好。"),
        // 7: Heading 2 → （一）
        para(r#"<w:pStyle w:val="Heading2"/>"#, &run("加强组织领导", "")),
        // 8: level 3 of the same list → 1.
        numbered("", "1", 2, "明确责任。各单位主要负责人是安全生产第一责任人，要亲自部署、亲自督办。"),
        // 9: → （二）
        para(r#"<w:pStyle w:val="Heading2"/>"#, &run("强化隐患排查", "")),
        // 10: → 二、 (the lower levels restart)
        para(r#"<w:pStyle w:val="1"/>"#, &run("主要任务", "")),
        // 11: → （一）
        para(r#"<w:pStyle w:val="Heading2"/>"#, &run("完善制度体系", "")),
        // 12, 13: a decimal list → 1. 2.
        numbered("", "2", 0, "各地要建立隐患排查治理台账，实行清单化管理，逐项销号，确保整改到位。"),
        numbered("", "2", 0, "各部门要落实行业监管责任，加强执法检查，严厉打击非法违法生产经营行为。"),
        // 14: a paragraph between (the list skips it)
        plain("以上任务由各责任单位按职责分工抓好落实。"),
        // 15: a restarted list → 1. again
        numbered("", "3", 0, "市安委办要定期组织督导检查，通报工作进展情况，推动各项任务落实落地。"),
        // 16: tracked changes and a comment
        para(
            "",
            &format!(
                "{}<w:ins w:id=\"1\" w:author=\"张三\">{}</w:ins><w:del w:id=\"2\" w:author=\"张三\"><w:r><w:delText>马上</w:delText></w:r></w:del>{}<w:commentRangeStart w:id=\"0\"/><w:r><w:commentReference w:id=\"0\"/></w:r>",
                run("各单位要", ""),
                run("认真", ""),
                run("抓好贯彻落实，确保各项措施落到实处。", ""),
            ),
        ),
        // 17–20: a table with a header row, a vertical and a horizontal merge
        table,
        // 21: empty
        "<w:p><w:pPr><w:jc w:val=\"right\"/></w:pPr></w:p>".to_string(),
        // 22: the 落款, 署名 and 日期 joined by Shift+Enter, right-aligned
        para(
            r#"<w:jc w:val="right"/><w:ind w:right="1280"/>"#,
            &soft_broken("某某市人民政府办公室", "2025年3月1日"),
        ),
    ]
    .concat();
    Word {
        body,
        styles: Some(STYLES.into()),
        numbering: Some(NUMBERING.into()),
        ..Word::default()
    }
}

fn read(bytes: &[u8], name: &str) -> Document {
    gongwen::read::read_bytes(bytes, Path::new(name), &Default::default()).unwrap()
}

fn char_counts(s: &str) -> BTreeMap<char, usize> {
    let mut m = BTreeMap::new();
    for c in s.chars().filter(|c| !gongwen::model::is_blank_char(*c)) {
        *m.entry(c).or_default() += 1;
    }
    m
}

#[test]
fn a_clerks_notice_is_recognised_with_its_auto_numbers() {
    let doc = read(&notice().build(), "通知.docx");
    let blocks = doc.blocks();
    let got: Vec<(BlockKind, String, (usize, usize))> =
        blocks.iter().map(|b| (b.kind, b.text(), b.lines)).collect();
    let kinds: Vec<BlockKind> = got.iter().map(|g| g.0).collect();
    use BlockKind::*;
    assert_eq!(
        kinds,
        [
            Title, Addressee, Paragraph, Heading, Paragraph, Heading, Heading, Heading, Heading,
            Heading, Paragraph, Paragraph, Paragraph, Paragraph, Paragraph, Table, Signature, Date
        ],
        "{got:#?}"
    );
    let numbers: Vec<(String, u8)> = blocks
        .iter()
        .filter_map(|b| b.heading.as_ref().map(|h| (h.number.clone(), h.level)))
        .collect();
    assert_eq!(
        numbers,
        [
            ("一、".to_string(), 1),
            ("（一）".into(), 2),
            ("1.".into(), 3),
            ("（二）".into(), 2),
            ("二、".into(), 1),
            ("（一）".into(), 2)
        ]
    );
    assert_eq!(got[3].1, "一、总体要求");
    assert!(
        blocks[6].heading.as_ref().unwrap().run_in,
        "1.明确责任。 runs in"
    );
    // The decimal list: 1. 2., skipped paragraph, then a restart at 1.
    assert!(got[10].1.starts_with("1.各地要"), "{}", got[10].1);
    assert!(got[11].1.starts_with("2.各部门要"), "{}", got[11].1);
    assert!(got[12].1.starts_with("以上任务"));
    assert!(got[13].1.starts_with("1.市安委办"), "{}", got[13].1);
    // Tracked changes accepted.
    assert_eq!(
        got[14].1,
        "各单位要认真抓好贯彻落实，确保各项措施落到实处。"
    );
    // Units: paragraphs (empty ones counted) and table rows.
    assert_eq!(got[0].2, (1, 1));
    assert_eq!(got[1].2, (3, 3));
    assert_eq!(got[3].2, (5, 5));
    assert_eq!(got[15].2, (17, 20));
    assert_eq!(
        got[16],
        (Signature, "某某市人民政府办公室".into(), (22, 22))
    );
    assert_eq!(got[17], (Date, "2025年3月1日".into(), (22, 22)));
    // The table: merged cells keep the grid.
    let t = blocks[15].table.as_ref().unwrap();
    assert_eq!(t.header_rows, 1);
    assert_eq!(t.columns(), 3);
    let cells: Vec<Vec<String>> = t
        .rows
        .iter()
        .map(|r| r.iter().map(|c| c.text()).collect())
        .collect();
    assert_eq!(cells[1], ["1", "市应急管理局", "6月底前"]);
    assert_eq!(cells[2], ["2", "", "9月底前"]);
    assert_eq!(cells[3], ["备注：按季度报送进展", "", ""]);
    // What was changed is said once each.
    assert_eq!(doc.warnings.len(), 2, "{:?}", doc.warnings);
    assert!(doc.warnings[0].contains("tracked changes"));
    assert!(doc.warnings[1].contains("comments"));
    // Metadata from the draft, as for text.
    assert_eq!(doc.meta.date.as_deref(), Some("2025年3月1日"));
}

#[test]
fn every_character_and_every_auto_number_is_conserved() {
    let doc = read(&notice().build(), "通知.docx");
    let got: String = doc.blocks().iter().map(|b| b.text()).collect();
    let typed = [
        "关于做好2025年安全生产工作的通知",
        "各区县人民政府，市直各部门：",
        "为切实做好全市安全生产工作，有效防范化解重大安全风险，现就有关事项通知如下。",
        "一、总体要求",
        "坚持人民至上、生命至上，统筹发展和安全，推动安全生产形势持续稳定向好。",
        "（一）加强组织领导",
        "1.明确责任。各单位主要负责人是安全生产第一责任人，要亲自部署、亲自督办。",
        "（二）强化隐患排查",
        "二、主要任务",
        "（一）完善制度体系",
        "1.各地要建立隐患排查治理台账，实行清单化管理，逐项销号，确保整改到位。",
        "2.各部门要落实行业监管责任，加强执法检查，严厉打击非法违法生产经营行为。",
        "以上任务由各责任单位按职责分工抓好落实。",
        "1.市安委办要定期组织督导检查，通报工作进展情况，推动各项任务落实落地。",
        "各单位要认真抓好贯彻落实，确保各项措施落到实处。",
        "序号责任单位完成时限1市应急管理局6月底前29月底前备注：按季度报送进展",
        "某某市人民政府办公室2025年3月1日",
    ]
    .concat();
    assert_eq!(char_counts(&got), char_counts(&typed));
}

#[test]
fn inspect_json_counts_paragraph_units() {
    let doc = read(&notice().build(), "通知.docx");
    let v = gongwen::inspect::to_json(&doc);
    assert_eq!(v["unit"], "paragraph");
    assert_eq!(v["encoding"], "DOCX");
    let blocks = v["blocks"].as_array().unwrap();
    assert_eq!(blocks[0]["kind"], "title");
    assert_eq!(blocks[0]["lines"], serde_json::json!([1, 1]));
    let text_doc = gongwen::read::read_bytes(
        "标题\n正文。".as_bytes(),
        Path::new("a.txt"),
        &Default::default(),
    )
    .unwrap();
    assert!(gongwen::inspect::to_json(&text_doc).get("unit").is_none());
}

#[test]
fn text_boxes_content_controls_fields_and_links_are_read_in_order() {
    let textbox = r#"<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic><a:graphicData><wps:wsp><wps:txbx><w:txbxContent><w:p><w:r><w:t>框内文字</w:t></w:r></w:p></w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent><w:p><w:r><w:t>框内文字</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>"#;
    let body = [
        para("", &run("关于开展调研的通知", "")),
        para(
            "",
            &format!(
                "{}<w:hyperlink r:id=\"x\">{}</w:hyperlink><w:fldSimple w:instr=\" DATE \">{}</w:fldSimple>{}{textbox}",
                run("请访问", ""),
                run("网站", ""),
                run("2025年1月2日", ""),
                "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>3</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r>",
            ),
        ),
        "<w:sdt><w:sdtPr/><w:sdtContent><w:p><w:r><w:t>控件中的段落。</w:t></w:r></w:p></w:sdtContent></w:sdt>".into(),
        para("", &format!("<w:sdt><w:sdtContent>{}</w:sdtContent></w:sdt>", run("行内控件。", "<w:i/>"))),
    ]
    .concat();
    let doc = read(&Word::new(body).build(), "a.docx");
    let got: Vec<(String, (usize, usize))> =
        doc.blocks().iter().map(|b| (b.text(), b.lines)).collect();
    assert_eq!(
        got,
        [
            ("关于开展调研的通知".to_string(), (1, 1)),
            ("请访问网站2025年1月2日3".into(), (2, 2)),
            ("框内文字".into(), (2, 2)),
            ("控件中的段落。".into(), (3, 3)),
            ("行内控件。".into(), (4, 4)),
        ]
    );
    assert!(
        doc.blocks()[4].content.0[0].italic,
        "italic kept as emphasis"
    );
}

#[test]
fn a_soft_break_in_the_head_joins_organ_and_title_as_two_units() {
    let body = [
        para(
            r#"<w:jc w:val="center"/>"#,
            &soft_broken("某某市人民政府文件", "某政发〔2025〕3号"),
        ),
        para(
            r#"<w:jc w:val="center"/>"#,
            &run("关于印发某某办法的通知", "<w:sz w:val=\"44\"/>"),
        ),
        plain("现将《某某办法》印发给你们，请认真贯彻执行。"),
    ]
    .concat();
    let doc = read(&Word::new(body).build(), "a.docx");
    let kinds: Vec<(BlockKind, (usize, usize))> =
        doc.blocks().iter().map(|b| (b.kind, b.lines)).collect();
    assert_eq!(
        kinds,
        [
            (BlockKind::OrgMark, (1, 1)),
            (BlockKind::DocNumber, (1, 1)),
            (BlockKind::Title, (2, 2)),
            (BlockKind::Paragraph, (3, 3))
        ]
    );
}

#[test]
fn a_heading_style_gives_an_unnumbered_heading_its_level_but_not_prose() {
    let styles =
        r#"<w:style w:type="paragraph" w:styleId="H2"><w:name w:val="Heading 2"/></w:style>"#;
    let body = [
        para("", &run("关于加强管理的意见", "")),
        plain("为加强管理，提出如下意见。"),
        para(r#"<w:pStyle w:val="H2"/>"#, &run("工作目标", "")),
        para(
            r#"<w:pStyle w:val="H2"/>"#,
            &run(
                "到2025年底，全面建立责任明确、运转高效的管理体系，各项制度基本完善。",
                "",
            ),
        ),
    ]
    .concat();
    let mut w = Word::new(body);
    w.styles = Some(styles.into());
    let doc = read(&w.build(), "a.docx");
    let b = doc.blocks();
    assert_eq!(b[2].kind, BlockKind::Heading);
    assert_eq!(b[2].heading.as_ref().unwrap().level, 2);
    assert_eq!(
        b[3].kind,
        BlockKind::Paragraph,
        "a sentence is not a heading"
    );
}

#[test]
fn files_saved_by_libreoffice_with_other_prefixes_and_strict_alignment_read_alike() {
    // LibreOffice writes `end` for right alignment; some tools bind the
    // WordprocessingML namespace to another prefix.
    let doc_xml = r#"<?xml version="1.0"?><x:document xmlns:x="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><x:body>
      <x:p><x:r><x:t>关于召开会议的通知</x:t></x:r></x:p>
      <x:p><x:r><x:t>会议定于下周召开，请准时参加。</x:t></x:r></x:p>
      <x:p><x:pPr><x:jc x:val="end"/></x:pPr><x:r><x:t>办公室</x:t></x:r></x:p>
      <x:p><x:pPr><x:jc x:val="end"/></x:pPr><x:r><x:t>2025年5月6日</x:t></x:r></x:p>
      </x:body></x:document>"#;
    let bytes = wordgen::zip_of(&[("word/document.xml".into(), doc_xml.as_bytes().to_vec())]);
    let doc = read(&bytes, "lo.docx");
    let kinds: Vec<BlockKind> = doc.blocks().iter().map(|b| b.kind).collect();
    assert_eq!(
        kinds,
        [
            BlockKind::Title,
            BlockKind::Paragraph,
            BlockKind::Signature,
            BlockKind::Date
        ]
    );
}

#[test]
fn a_word_draft_is_detected_by_its_content_whatever_its_name() {
    let bytes = notice().build();
    let doc = read(&bytes, "draft.txt");
    assert_eq!(doc.encoding, "DOCX");
    assert_eq!(doc.blocks()[0].kind, BlockKind::Title);
}

/// A picture the package cannot give (its relationship missing, an EMF,
/// a PNG claiming more pixels than are taken) is dropped with a warning
/// naming each; the text around it stays. (Pictures that can be placed:
/// tests/images.rs.)
#[test]
fn a_picture_is_reported_and_the_text_around_it_kept() {
    let picture = r#"<w:r><w:drawing><wp:inline><wp:extent cx="3000000" cy="2000000"/><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic><pic:blipFill><a:blip r:embed="rIdImg"/></pic:blipFill></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"#;
    let body = [
        para("", &run("关于报送现场照片的通知", "")),
        para("", &format!("{}{picture}", run("现场情况见下图。", ""))),
        para(r#"<w:jc w:val="center"/>"#, &run("图1　现场示意图", "")),
    ]
    .concat();
    let doc = read(&Word::new(body).build(), "a.docx");
    let texts: Vec<String> = doc.blocks().iter().map(|b| b.text()).collect();
    assert_eq!(texts[1], "现场情况见下图。");
    assert_eq!(texts[2], "图1　现场示意图");
    assert_eq!(doc.warnings.len(), 1, "{:?}", doc.warnings);
    assert!(doc.warnings[0].starts_with("1 picture(s) dropped"));
    assert!(
        doc.warnings[0].contains("`rIdImg` is missing"),
        "{:?}",
        doc.warnings
    );

    // An EMF and a PNG header claiming 100 000 × 100 000 pixels.
    let mut bomb = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    bomb.extend(100_000u32.to_be_bytes());
    bomb.extend(100_000u32.to_be_bytes());
    bomb.extend([8, 2, 0, 0, 0]);
    let mut crc = flate2::Crc::new();
    crc.update(&bomb[12..]);
    bomb.extend(crc.sum().to_be_bytes());
    // An empty IDAT: the size is read before any pixel.
    let mut crc = flate2::Crc::new();
    crc.update(b"IDAT");
    bomb.extend(b"\0\0\0\0IDAT");
    bomb.extend(crc.sum().to_be_bytes());
    let body = [
        para("", &run("关于报送现场照片的通知", "")),
        para("", &format!("{}{picture}", run("现场情况见下图。", ""))),
        para("", &picture.replace("rIdImg", "rIdBomb")),
    ]
    .concat();
    let word = Word {
        body,
        parts: vec![
            ("word/media/image1.emf".into(), b"\x01\0\0\0EMF".to_vec()),
            ("word/media/image2.png".into(), bomb),
        ],
        rels: vec![
            ("rIdImg".into(), "image".into(), "media/image1.emf".into()),
            ("rIdBomb".into(), "image".into(), "media/image2.png".into()),
        ],
        ..Word::default()
    };
    let doc = read(&word.build(), "b.docx");
    assert!(doc.blocks().iter().all(|b| b.kind != BlockKind::Image));
    assert_eq!(doc.blocks()[1].text(), "现场情况见下图。");
    let w = doc.warnings.join("\n");
    assert!(w.starts_with("2 picture(s) dropped"), "{w}");
    assert!(
        w.contains("word/media/image1.emf") && w.contains("neither a PNG nor a JPEG"),
        "{w}"
    );
    assert!(
        w.contains("word/media/image2.png") && w.contains("100000 × 100000"),
        "{w}"
    );
}

#[test]
fn a_deleted_paragraph_mark_joins_the_paragraphs_as_accepted() {
    let body = [
        para("", &run("关于调整会议时间的通知", "")),
        para(
            r#"<w:rPr><w:del w:id="5" w:author="李四"/></w:rPr>"#,
            &run("原定于本周五召开的会议，", ""),
        ),
        para("", &run("改为下周一召开。", "")),
    ]
    .concat();
    let doc = read(&Word::new(body).build(), "a.docx");
    let got: Vec<(String, (usize, usize))> =
        doc.blocks().iter().map(|b| (b.text(), b.lines)).collect();
    assert_eq!(
        got[1],
        (
            "原定于本周五召开的会议，改为下周一召开。".to_string(),
            (2, 3)
        )
    );
    assert!(doc.warnings[0].contains("tracked changes"));
}

#[test]
fn a_form_pasted_one_cell_per_paragraph_is_a_table() {
    // A web page's form pasted into Word: each cell its own paragraph, the
    // empty cells paragraphs of one space, the rows apart by empty paragraphs.
    let mut body = plain("关于报送信息公开情况的通知");
    body.push_str(&plain("各单位："));
    body.push_str(&plain("请按下表报送本年度情况。"));
    for cell in [
        "指 标 名 称",
        "",
        "计量单位",
        "",
        "本年度",
        "",
        "主动公开信息数",
        " ",
        "",
        " ",
        "",
        "其中：1.政府网站",
        " ",
        "",
        " ",
        "",
        "2.政府公报",
        " ",
    ] {
        body.push_str(&plain(cell));
    }
    let doc = read(&Word::new(body).build(), "form.docx");
    let blocks = doc.blocks();
    let tables: Vec<_> = blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Table)
        .collect();
    assert_eq!(
        tables.len(),
        1,
        "{:?}",
        blocks.iter().map(|b| b.kind).collect::<Vec<_>>()
    );
    assert!(
        !blocks.iter().any(|b| b.kind == BlockKind::Heading),
        "no cell is a heading"
    );
}
