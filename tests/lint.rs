//! `gongwen check`: a test per rule on real-looking lines, with the cases each
//! rule must leave alone.

use std::path::Path;

use gongwen::lint::{apply_fixes, check, Finding, Severity};
use gongwen::read::{read_bytes, ReadOptions};

fn lint_as(src: &str, name: &str) -> Vec<Finding> {
    let doc = read_bytes(src.as_bytes(), Path::new(name), &ReadOptions::default()).unwrap();
    check(&doc, src, Path::new(name), name.ends_with(".md"))
}

fn lint(src: &str) -> Vec<Finding> {
    lint_as(src, "d.txt")
}

fn rules(f: &[Finding]) -> Vec<&'static str> {
    f.iter().map(|x| x.rule).collect()
}

fn only<'a>(f: &'a [Finding], rule: &str) -> Vec<&'a Finding> {
    f.iter().filter(|x| x.rule == rule).collect()
}

/// A clean notice the structural rules accept.
fn notice(body: &str) -> String {
    format!(
        "关于加强安全生产工作的通知\n各区县人民政府：\n{body}\n\n某某市人民政府\n2024年3月1日\n"
    )
}

#[test]
fn the_sample_reports_its_32_placeholders_and_nothing_else() {
    let src = include_str!("../examples/述责述廉报告.txt");
    let f = lint(src);
    assert_eq!(
        f.len(),
        32,
        "{:?}",
        f.iter()
            .filter(|x| x.rule != "placeholder.stars")
            .collect::<Vec<_>>()
    );
    assert!(f
        .iter()
        .all(|x| x.rule == "placeholder.stars" && x.severity == Severity::Error));
    let on_line_5 = f.iter().filter(|x| x.line == 5).count();
    assert!(on_line_5 > 10);
    // Positions point at the stars.
    for x in &f {
        let line: Vec<char> = src.lines().nth(x.line - 1).unwrap().chars().collect();
        assert_eq!((line[x.column - 1], line[x.column]), ('*', '*'));
    }
}

#[test]
fn placeholders_of_every_kind() {
    let f = lint(&notice(
        "XX市要在××月前完成□项任务，○○同志负责[待补充]，数据待核实。",
    ));
    let r = rules(&f);
    for rule in [
        "placeholder.x",
        "placeholder.times",
        "placeholder.box",
        "placeholder.circle",
        "placeholder.todo",
    ] {
        assert!(r.contains(&rule), "{rule}: {r:?}");
    }
    assert_eq!(only(&f, "placeholder.todo").len(), 2);
    // Not placeholders: English words with x, a multiplication sign, a year in 〇.
    let f = lint(&notice(
        "采用Linux和Xbox平台，面积为3×4米，二〇二四年完成。",
    ));
    assert!(
        !rules(&f).iter().any(|r| r.starts_with("placeholder")),
        "{f:?}"
    );
}

#[test]
fn markdown_bold_is_not_a_placeholder_but_a_redacted_number_is() {
    let md = "# 关于X的报告\n\n**一是**加强学习，全年学习**次。\n";
    let f = lint_as(md, "r.md");
    let p = only(&f, "placeholder.stars");
    assert_eq!(p.len(), 1, "{f:?}");
    assert_eq!((p[0].line, p[0].column), (3, 16));
}

#[test]
fn numbering_gaps_duplicates_restarts() {
    let f = lint(&notice(
        "一、总体要求\n正文。\n三、工作措施\n正文。\n三、保障措施\n正文。\n一、其他\n正文。",
    ));
    assert_eq!(
        rules(&f)
            .iter()
            .filter(|r| r.starts_with("numbering"))
            .count(),
        3,
        "{f:?}"
    );
    let gap = only(&f, "numbering.gap");
    assert_eq!((gap[0].line, gap[0].fix.as_deref()), (5, Some("二、")));
    assert_eq!(only(&f, "numbering.duplicate")[0].line, 7);
    assert_eq!(only(&f, "numbering.restart")[0].line, 9);
    // Sub-levels restart under each parent: no finding.
    let f = lint(&notice(
        "一、甲\n（一）子\n（二）子\n二、乙\n（一）子\n1.细\n2.细",
    ));
    assert!(
        !rules(&f).iter().any(|r| r.starts_with("numbering")),
        "{f:?}"
    );
}

#[test]
fn numbering_parents_and_marks() {
    // （一） before any 一、: a level without its parent.
    let f = lint(&notice("（一）压实责任\n正文。\n一、总体要求\n正文。"));
    assert_eq!(only(&f, "numbering.no_parent").len(), 1, "{f:?}");
    // 一、 → 1. is a common house rule: only noted.
    let f = lint(&notice("一、总体要求\n1.细则\n2.细则"));
    let np = only(&f, "numbering.no_parent");
    assert_eq!(np.len(), 1);
    assert_eq!(np[0].severity, Severity::Info);
    // Wrong and mixed marks, fixed mechanically.
    let src = notice("一.总体要求\n（一）、压实责任\n1、加强领导\n2.明确分工");
    let f = lint(&src);
    let wm = only(&f, "numbering.wrong_mark");
    assert_eq!(
        wm.iter()
            .map(|x| x.fix.as_deref().unwrap())
            .collect::<Vec<_>>(),
        vec!["一、", "（一）", "1."]
    );
    assert_eq!(only(&f, "numbering.mixed_marks").len(), 1);
    let (fixed, n) = apply_fixes(&src, &f);
    assert!(n >= 3);
    assert!(
        fixed.contains("一、总体要求\n（一）压实责任\n1.加强领导"),
        "{fixed}"
    );
}

#[test]
fn inline_enumerations() {
    let f = lint(&notice("一是加强学习；三是改进作风。"));
    let g = only(&f, "numbering.inline_gap");
    assert_eq!(g.len(), 1);
    assert_eq!(g[0].fix.as_deref(), Some("二是"));
    let f = lint(&notice(
        "第一，统一思想；第二，明确责任；第三，狠抓落实。统一是前提，唯一是关键。",
    ));
    assert!(only(&f, "numbering.inline_gap").is_empty(), "{f:?}");
}

#[test]
fn dates_of_the_signature_and_the_imprint() {
    for (date, rule, fix) in [
        (
            "二〇二四年三月一日",
            "date.chinese_numerals",
            "2024年3月1日",
        ),
        ("2024年03月01日", "date.zero_padded", "2024年3月1日"),
        ("2024.3.1", "date.format", "2024年3月1日"),
        ("2024-03-01", "date.format", "2024年3月1日"),
        ("2024/3/1", "date.format", "2024年3月1日"),
    ] {
        let src = format!("关于X的通知\n各单位：\n正文。\n\n某某市人民政府\n{date}\n");
        let f = lint(&src);
        let d = only(&f, rule);
        assert_eq!(d.len(), 1, "{date}: {f:?}");
        assert_eq!(
            (d[0].line, d[0].fix.as_deref(), d[0].clause),
            (6, Some(fix), Some("GB/T 9704-2012 7.3.5.4"))
        );
        let (fixed, _) = apply_fixes(&src, &f);
        assert!(fixed.contains(&format!("\n{fix}\n")), "{fixed}");
    }
    let f = lint(&notice("二O二四年是关键之年。"));
    assert_eq!(only(&f, "date.ling").len(), 1, "{f:?}");
    // Times, versions and ordinary dates in the body are left alone.
    let f = lint(&notice(
        "会议于9:00在3.5号楼召开，版本2.1.3已于2024年3月1日上线。",
    ));
    assert!(
        !rules(&f)
            .iter()
            .any(|r| r.starts_with("date") || r.starts_with("punct")),
        "{f:?}"
    );
}

#[test]
fn doc_number_brackets_di_and_zeros() {
    let f = lint(
        "某府发[2024]第012号\n关于X的通知\n各单位：\n正文。\n\n某某市人民政府\n2024年3月1日\n",
    );
    let r = rules(&f);
    for rule in ["doc_number.brackets", "doc_number.di", "doc_number.zeros"] {
        assert!(r.contains(&rule), "{rule}: {r:?}");
    }
    let (fixed, _) = apply_fixes("某府发[2024]第012号", &f);
    assert_eq!(fixed, "某府发〔2024〕12号");
    let f =
        lint("某府发〔2024〕12号\n关于X的通知\n各单位：\n正文。\n\n某某市人民政府\n2024年3月1日\n");
    assert!(
        !rules(&f).iter().any(|r| r.starts_with("doc_number")),
        "{f:?}"
    );
}

#[test]
fn punctuation_in_chinese_context() {
    let src = notice("各单位要高度重视,切实加强领导;确保完成任务.要坚持\"三个一\"原则...严禁弄虚作假--违者追责。请于（２０２４）年报送。全 面落实(责任)!");
    let f = lint(&src);
    let hw = only(&f, "punct.halfwidth");
    let fixes: Vec<&str> = hw.iter().map(|x| x.fix.as_deref().unwrap()).collect();
    assert_eq!(
        fixes,
        vec!["，", "；", "。", "“", "”", "（", "）", "！"],
        "{f:?}"
    );
    assert_eq!(only(&f, "punct.ellipsis").len(), 1);
    assert_eq!(only(&f, "punct.dash").len(), 1);
    assert_eq!(
        only(&f, "punct.fullwidth_alnum")[0].fix.as_deref(),
        Some("2024")
    );
    assert_eq!(only(&f, "punct.space").len(), 1);
    let (fixed, _) = apply_fixes(&src, &f);
    assert!(fixed.contains("各单位要高度重视，切实加强领导；确保完成任务。要坚持“三个一”原则……严禁弄虚作假——违者追责。请于（2024）年报送。全面落实（责任）！"), "{fixed}");
}

#[test]
fn punctuation_left_alone() {
    let f = lint(&notice(
        "会议9:00开始，增长3.5%，详见https://www.gov.cn/a,b.html或发邮件至office@example.gov.cn。邀请John Smith参加，使用Times New Roman字体。1,000元。",
    ));
    assert!(!rules(&f).iter().any(|r| r.starts_with("punct")), "{f:?}");
    // A signature with a spaced two-character name is not a spacing error.
    let f = lint("关于X的报告\n市政府：\n正文。\n\n张　三\n2024年3月1日\n");
    assert!(only(&f, "punct.space").is_empty(), "{f:?}");
}

#[test]
fn structure_rules() {
    // A title with punctuation; a standalone heading with a stop; no 署名 and 日期.
    let f = lint("关于加强管理的通知。\n各单位：\n一、总体要求。\n正文。\n");
    let r = rules(&f);
    for rule in [
        "structure.title_punct",
        "structure.no_signature",
        "structure.no_date",
    ] {
        assert!(r.contains(&rule), "{rule}: {r:?}");
    }
    // A 请示 with several 主送 and without one.
    let f = lint("关于申请经费的请示\n市财政局、市发改委：\n正文。\n\n某某局\n2024年3月1日\n");
    assert_eq!(only(&f, "structure.multi_addressee").len(), 1);
    let f = lint("关于申请经费的请示\n正文。\n\n某某局\n2024年3月1日\n");
    assert_eq!(only(&f, "structure.no_addressee").len(), 1);
    // A title without a 文种 word (info only).
    let f = lint("加强管理\n正文。\n");
    assert_eq!(
        only(&f, "structure.title_genre")[0].severity,
        Severity::Info
    );
    // A run-in heading sentence ended by ； instead of 。.
    let f = lint(&notice(
        "（一）压实属地责任；各区县要切实履行属地管理责任，主要负责同志要亲自部署。",
    ));
    assert_eq!(only(&f, "structure.run_in_stop").len(), 1, "{f:?}");
}

#[test]
fn attachment_note_matches_the_parts() {
    let src = "关于X的通知\n各单位：\n正文。\n附件：1.实施方案\n2.分工表\n\n某某局\n2024年3月1日\n\n附件1\n\n实施方案\n正文。\n";
    let f = lint(src);
    assert_eq!(only(&f, "structure.attachment_count").len(), 1, "{f:?}");
    let src = "关于X的通知\n各单位：\n正文。\n附件：实施方案\n\n某某局\n2024年3月1日\n\n附件\n\n工作方案\n正文。\n";
    let f = lint(src);
    let n = only(&f, "structure.attachment_name");
    assert_eq!(n.len(), 1, "{f:?}");
    assert_eq!(n[0].fix.as_deref(), Some("实施方案"));
}

#[test]
fn cli_exit_codes_json_and_fix() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("通知.txt");
    let src = "关于X的通知\r\n各单位：\r\n要高度重视,切实加强领导。\r\n\r\n某某局\r\n2024.3.1\r\n";
    let (gb, _, _) = encoding_rs::GB18030.encode(src);
    std::fs::write(&input, &gb).unwrap();
    let exe = env!("CARGO_BIN_EXE_gongwen");
    let out = std::process::Command::new(exe)
        .arg("check")
        .arg(&input)
        .arg("--json")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "an error (the date) exits 1");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let f = v["findings"].as_array().unwrap();
    let date = f.iter().find(|x| x["rule"] == "date.format").unwrap();
    assert_eq!(
        (
            date["line"].as_u64(),
            date["column"].as_u64(),
            date["severity"].as_str()
        ),
        (Some(6), Some(1), Some("error"))
    );
    assert!(date["clause"].is_string() && date["message"].is_string() && date["fix"].is_string());
    assert!(date["file"].as_str().unwrap().ends_with("通知.txt"));
    // --fix without a target is refused; -o writes a copy; the input stays.
    let out = std::process::Command::new(exe)
        .arg("check")
        .arg(&input)
        .arg("--fix")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let fixed = dir.path().join("fixed.txt");
    std::process::Command::new(exe)
        .arg("check")
        .arg(&input)
        .arg("--fix")
        .arg("-o")
        .arg(&fixed)
        .output()
        .unwrap();
    assert_eq!(
        std::fs::read(&input).unwrap(),
        gb.to_vec(),
        "the input is untouched"
    );
    let back = encoding_rs::GB18030
        .decode(&std::fs::read(&fixed).unwrap())
        .0
        .into_owned();
    assert_eq!(
        back,
        "关于X的通知\r\n各单位：\r\n要高度重视，切实加强领导。\r\n\r\n某某局\r\n2024年3月1日\r\n",
        "same encoding and line ends, fixes applied"
    );
    // The fixed copy checks clean.
    let out = std::process::Command::new(exe)
        .arg("check")
        .arg(&fixed)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn spaces_typed_on_purpose_are_not_slips() {
    for line in [
        "联 系 人：郝东方 王大鹏",
        "第一章 总 则",
        "第一条 为加强管理，制定本办法。",
        "六石街道 南市街道 横店镇",
        "地址：长沙市营盘东路19号 邮编：410005",
        "各单位要开展“访千楼万家 创文明城市”活动，提升文明程度。",
        "现将《鹤岗市人民政府 鹤岗市中级人民法院关于完善联动机制的意见》印发给你们。",
    ] {
        let f = lint(&notice(line));
        assert!(only(&f, "punct.space").is_empty(), "{line}: {f:?}");
    }
    for line in [
        "各单位要加强复杂地质条件下 风险因素识别和控制。",
        "切实做好《全民科学素质 行动计划纲要》的实施工作。",
        "根据《大庆市人民政府 工作规则》有关规定，现通知如下。",
        "邮编：730030，电 子邮箱：gsjswmb@yahoo.com.cn",
        "请各单位于月底前提出 的《意见》报送市政府。",
    ] {
        let f = lint(&notice(line));
        assert_eq!(only(&f, "punct.space").len(), 1, "{line}: {f:?}");
        assert_eq!(only(&f, "punct.space")[0].line, 3, "{line}");
    }
}

#[test]
fn numbering_starts_afresh_in_each_part_and_after_the_contents() {
    let f = lint(&notice(
        "第一部分 概况\n一、主要职能\n二、机构设置\n第二部分 情况说明\n一、收入支出情况\n二、收入情况",
    ));
    assert!(only(&f, "numbering.restart").is_empty(), "{f:?}");
    let f = lint(&notice("一、主要职能\n二、机构设置\n一、收入支出情况"));
    assert_eq!(only(&f, "numbering.restart").len(), 1, "{f:?}");
}
