//! Heads and tails of real drafts: field lines under a report's name, and the
//! document an 印发 notice carries when the notice has no title of its own.

use std::path::Path;

use gongwen::read::{read_bytes, ReadOptions};

fn kinds(src: &str) -> Vec<(usize, &'static str)> {
    let doc = read_bytes(
        src.as_bytes(),
        Path::new("draft.txt"),
        &ReadOptions::default(),
    )
    .unwrap();
    doc.blocks()
        .iter()
        .map(|b| (b.lines.0, b.kind.name()))
        .collect()
}

fn kind_of(src: &str, line: usize) -> &'static str {
    kinds(src)
        .into_iter()
        .find(|(l, _)| *l == line)
        .map(|(_, k)| k)
        .unwrap_or_else(|| panic!("no block starts at line {line}: {:?}", kinds(src)))
}

#[test]
fn a_field_line_under_the_title_does_not_continue_it() {
    let src = "某某县统计局2023年部门决算\n保密审查情况：已审查\n负责人审签情况：已审签\n第一部分 部门概况\n本部门负责全县统计工作。\n";
    assert_eq!(kind_of(src, 1), "title");
    assert_eq!(kind_of(src, 2), "paragraph");
    assert_eq!(kind_of(src, 3), "paragraph");
}

#[test]
fn an_untitled_notice_carries_the_document_its_first_paragraph_names() {
    let src = "各乡镇人民政府，县级各部门：\n\
《某某县政府专题会议议事规则》已经2024年5月6日县人民政府常务会议审议通过，现印发给你们，请认真遵照执行。\n\
某某县人民政府\n\
2024年5月10日\n\
（此件公开发布）\n\
某某县政府专题会议议事规则\n\
第一条 为规范县政府专题会议，制定本规则。\n";
    assert_eq!(kind_of(src, 1), "addressee");
    assert_eq!(kind_of(src, 4), "date");
    assert_eq!(kind_of(src, 6), "attachment_title");
}

#[test]
fn a_carried_title_with_its_contents_caption_glued_on() {
    let src = "某某市人民政府办公室关于印发《某某市防汛应急预案》的通知\n\
各县（市）人民政府，市直各单位：\n\
《某某市防汛应急预案》已经市人民政府同意，现印发给你们，请认真组织实施。\n\
某某市人民政府办公室\n\
2015年3月2日\n\
某某市防汛应急预案目录\n\
1.总则\n";
    assert_eq!(kind_of(src, 6), "attachment_title");
}
