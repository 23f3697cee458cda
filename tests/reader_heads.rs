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

#[test]
fn an_order_mark_its_law_and_the_law_s_bracketed_note() {
    let src = "某某省实施办法\n\n某某省人民政府令（第12号）\n\n\
《某某省实施办法》已经2020年5月6日省人民政府常务会议通过，现予公布，自2020年7月1日起施行。\n\n\
省长 张三\n2020年5月20日\n\n\
某某省实施办法\n\n\
（2020年5月6日省人民政府常务会议通过）\n\n\
第一条 为了规范管理，制定本办法。\n";
    assert_eq!(kind_of(src, 3), "org_mark");
    assert_eq!(kind_of(src, 8), "date");
    assert_eq!(kind_of(src, 10), "attachment_title");
    assert_eq!(kind_of(src, 12), "subtitle");
}

#[test]
fn a_title_ending_in_order_is_no_mark() {
    let src =
        "国务院关于授予某某同志荣誉称号的命令\n\n为表彰先进，国务院决定授予某某同志荣誉称号。\n";
    assert_eq!(kind_of(src, 1), "title");
}

#[test]
fn numbered_lines_read_alike_under_one_parent() {
    let src = "关于调整返还办法的通知\n\n各省财政厅：\n\n现将有关问题通知如下：\n\
一、返还数额按实际交纳数的百分之七十计算。\n\
二、返还的年限为二〇二〇年至二〇二二年。\n\
三、各省财政厅在每年办理结算前，将本省所属单位的应返还部分汇总，报财政部审核后，由财政部返还给各省财政厅。\n\
四、各省财政厅按本省单位实际交纳的数额，及时将返还资金拨付给有关单位，不得截留、挪用。\n";
    assert_eq!(kind_of(src, 6), "paragraph");
    assert_eq!(kind_of(src, 7), "paragraph");
    assert_eq!(kind_of(src, 8), "paragraph");
}

#[test]
fn a_roster_of_numbered_label_and_value_lines() {
    let src = "关于推荐表彰对象的报告\n\n市委组织部：\n\n经研究，现将推荐名单报告如下：\n\
一、推荐先进个人、先进集体\n\
1.先进个人：张三、李四、王五\n\
2.先进集体：某某学院后勤服务集团\n\
某某学院机关党委\n\
二、推荐优秀共产党员\n\
1.优秀共产党员：张三\n\
2.先进基层党组织：某某学院机关党委\n";
    for line in [7, 8, 9, 11, 12] {
        assert_eq!(kind_of(src, line), "list_item", "line {line}");
    }
}

#[test]
fn a_long_addressee_of_many_organs() {
    let src = "关于印发某某管理办法的通知\n\n\
党中央有关部门，国务院各部委、各直属机构，全国人大常委会办公厅，全国政协办公厅，最高人民法院，最高人民检察院，有关人民团体，各中央管理企业，各省、自治区、直辖市财政厅（局），新疆生产建设兵团财政局：\n\
为进一步加强管理，我们制定了本办法，现印发给你们，请遵照执行。\n";
    assert_eq!(kind_of(src, 3), "addressee");
}
