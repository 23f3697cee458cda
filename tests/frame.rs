//! The frame of a 公文: 版头 and 版记 where GB/T 9704 puts them, in the PDF (read
//! back, ±1 mm) and in the DOCX XML; metadata errors.

mod support;

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
