//! The forms real drafts take (see the corpus README), each in a small draft:
//! the kind of every line is asserted.

use std::path::Path;

use gongwen::read::{read_bytes, ReadOptions};

fn kinds(src: &str) -> Vec<(usize, String)> {
    let doc = read_bytes(
        src.as_bytes(),
        Path::new("draft.txt"),
        &ReadOptions::default(),
    )
    .unwrap();
    doc.blocks()
        .iter()
        .map(|b| {
            let k = match &b.heading {
                Some(h) => format!("heading{}{}", h.level, if h.run_in { "r" } else { "" }),
                None => b.kind.name().to_string(),
            };
            (b.lines.0, k)
        })
        .collect()
}

fn names(k: &[(usize, String)]) -> Vec<&str> {
    k.iter().map(|(_, s)| s.as_str()).collect()
}

#[test]
fn enumerations_lead_ins_and_leaf_items_are_lists() {
    let src = "关于开展安全检查的通知\n各镇人民政府：\n检查内容包括：\n1.安全生产责任制落实情况\n\
               2.隐患排查治理情况\n一、工作要求\n（一）认真自查。各单位要对照清单逐项自查：\n\
               （1）制定自查方案，明确责任人；\n（2）按时报送自查报告。\n二、保障措施\n㈠加强组织领导；\n㈡严格考核问责。\n";
    assert_eq!(
        names(&kinds(src)),
        vec![
            "title",
            "addressee",
            "paragraph",
            "list_item",
            "list_item",
            "heading1",
            "heading2r",
            "list_item",
            "list_item",
            "heading1",
            "list_item",
            "list_item"
        ]
    );
}

#[test]
fn organs_side_by_side_sign_one_per_block() {
    let src = "关于开展安全检查的通知\n各镇人民政府：\n请认真落实。\n\
               附件：1.检查清单\n2.自查报告模板\n\
               某某区安全生产委员会办公室          某某区应急管理局\n2024 年 3 月 15 日\n（此件公开发布）\n";
    let k = kinds(src);
    assert_eq!(
        k[3..].to_vec(),
        vec![
            (4, "attachment_note".to_string()),
            (6, "signature".to_string()),
            (6, "signature".to_string()),
            (7, "date".to_string()),
            (8, "note".to_string()),
        ]
    );
    let doc = read_bytes(src.as_bytes(), Path::new("d.txt"), &ReadOptions::default()).unwrap();
    let sigs: Vec<String> = doc
        .blocks()
        .iter()
        .filter(|b| b.kind.name() == "signature")
        .map(|b| b.text())
        .collect();
    assert_eq!(sigs, vec!["某某区安全生产委员会办公室", "某某区应急管理局"]);
}

#[test]
fn dates_in_the_forms_scrapers_and_templates_leave() {
    for date in [
        "二〇XX年X月X日",
        "二OO八年六月四日",
        "二○一二年六月八日",
        "2020 年 11 月 30 日",
        "{ 2017 6 23",
    ] {
        let src = format!(
            "关于开展安全检查的通知\n各镇人民政府：\n请认真落实。\n某某市人民政府办公室\n{date}\n"
        );
        assert_eq!(names(&kinds(&src))[3..], ["signature", "date"], "{date}");
    }
}

#[test]
fn a_document_on_one_line_is_split_into_its_parts() {
    let src = "某某市人民政府办公厅关于做好安全生产工作的通知 各县、区人民政府，市政府各部门： \
               2024年3月1日至5日， 省督查组对我市安全生产工作进行了督查，现将有关情况通报如下。 \
               一、总体情况 督查组认为，我市安全生产形势总体平稳，各项措施落实到位，成效明显。 \
               二、存在问题 部分单位责任落实不到位，隐患排查不够深入。 某某市人民政府办公厅 2024年3月8日";
    assert_eq!(
        names(&kinds(src)),
        vec![
            "title",
            "addressee",
            "paragraph",
            "heading1",
            "paragraph",
            "heading1",
            "paragraph",
            "signature",
            "date"
        ]
    );
}

#[test]
fn a_doc_number_glued_to_the_addressee_is_split() {
    let src = "关于举办运动会的通知\n卫国土资发〔2012〕313号中宁县国土资源局、沙坡头区各镇：\n为丰富职工生活，定于6月举办运动会。\n";
    assert_eq!(
        kinds(src),
        vec![
            (1, "title".to_string()),
            (2, "doc_number".to_string()),
            (2, "addressee".to_string()),
            (3, "paragraph".to_string())
        ]
    );
}

#[test]
fn contents_with_leaders_end_where_the_document_begins() {
    let src = "目  录\n一、总体情况…………………………1\n二、主要做法…………………………3\n\
               三、存在问题…………………………5\n某某县2023年工作总结\n一、总体情况\n2023年，我县经济社会持续健康发展。\n";
    let k = kinds(src);
    assert_eq!(names(&k)[1..4], ["list_item", "list_item", "list_item"]);
    assert_ne!(k[4].1, "list_item");
    assert_eq!(k[5].1, "heading1");
}

#[test]
fn a_two_line_title_keeps_its_stray_stop_for_the_linter() {
    let src = "关于进一步加强全市安全生产\n工作的通知。\n各区县人民政府：\n请认真落实。\n";
    let k = kinds(src);
    assert_eq!(k[0], (1, "title".to_string()));
    assert_eq!(k[1], (3, "addressee".to_string()));
}

#[test]
fn site_prefix_organ_line_title_over_two_lines_and_a_carried_plan() {
    let src = "[政策文件] 某某县人民政府办公室\n\n关于印发某某县2024年度\n\n农村人居环境整治工作方案的通知\n\n\
               某政办发〔2024〕8号\n\n各乡镇人民政府，县直各部门：\n\n现将《方案》印发给你们，请认真组织实施。\n\n\
               附件：某某县2024年度农村人居环境整治工作方案\n某某县人民政府办公室\n2024年4月2日\n（此件公开发布）\n\
               某某县2024年度农村人居环境整治工作方案\n为持续改善农村人居环境，制定本方案。\n";
    assert_eq!(
        kinds(src),
        vec![
            (1, "org_mark".to_string()),
            (3, "title".to_string()),
            (7, "doc_number".to_string()),
            (9, "addressee".to_string()),
            (11, "paragraph".to_string()),
            (13, "attachment_note".to_string()),
            (14, "signature".to_string()),
            (15, "date".to_string()),
            (16, "note".to_string()),
            (17, "attachment_title".to_string()),
            (18, "paragraph".to_string()),
        ]
    );
}
