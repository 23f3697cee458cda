//! Front matter is a source of the document: every value it gives reaches both
//! outputs, in the standard's order, and every visible character of the body
//! too (conservation); elements made from the front matter stand where the same
//! elements written in the text stand (measured in the PDF).

mod support;

use std::io::Read;
use std::path::Path;

use gongwen::convert::{render, write_options, Target};
use gongwen::style::Style;
use support::pdfread::{glyphs, lines, text, GlyphPos};

const MM: f32 = 72.0 / 25.4;

/// 请示 with Chinese keys, strings (`甲，乙` lists), no title in the body.
const REQUEST: &str = "---
份号: \"000012\"
密级: 秘密★1年
紧急程度: 加急
发文机关: 某某县人民政府
发文字号: 某政〔2024〕8号
签发人: 王五，赵六
标题: 关于申请农村饮水安全巩固提升工程资金的请示
主送: 市人民政府
署名: 某某县人民政府
成文日期: 2024年5月20日
附注: 联系人：李四，电话：0000-1234567
抄送: 市财政局，市水利局
印发机关: 某某县人民政府办公室
印发日期: 2024年5月21日
---

为解决我县部分山区群众饮水不稳定问题，县政府组织编制了实施方案，现就资金事项请示如下。

项目总投资8650万元，尚有资金缺口6050万元。恳请市政府给予支持。

妥否，请批示。
";

/// 通知 with English keys, flow lists, the title in the body, a seal.
const NOTICE: &str = "---
format: notice
copy_no: \"000123\"
secrecy: 机密★1年
urgency: 特急
issuer: [某某市人民政府办公室, 某某市应急管理局]
doc_number: 某政办发〔2024〕12号
addressee: [各区县人民政府, 市政府各部门]
signature: [某某市人民政府办公室, 某某市应急管理局]
date: 2024年3月1日
seal: true
note: 此件公开发布
cc: [市委办公室, 市人大常委会办公室, 市政协办公室]
printed_by: 某某市人民政府办公室
printed_date: 2024年3月1日
---

# 关于进一步加强安全生产工作的通知

为进一步加强全市安全生产工作，现就有关事项通知如下。

## 一、总体要求

坚持人民至上、生命至上，统筹发展和安全，全面落实安全生产责任制。
";

/// 联合行文 with Chinese keys in block lists, no title in the body.
const JOINT: &str = "---
格式: notice
发文机关:
  - 某某省教育厅
  - 某某省财政厅
发文字号: 某教发〔2024〕3号
标题: 关于做好2024年学生资助工作的通知
主送:
  - 各市教育局
  - 各市财政局
署名:
  - 某某省教育厅
  - 某某省财政厅
成文日期: 2024年2月1日
抄送:
  - 教育部财务司
  - 财政部科教和文化司
印发机关: 某某省教育厅办公室
印发日期: 2024年2月2日
---

为做好2024年学生资助工作，确保资助政策落实到位，现就有关事项通知如下。

各地要按时足额拨付资助资金，加强资金监管。
";

/// 信函 with English keys, a string list of 主送, the title in the body.
const LETTER: &str = "---
format: letter
issuer: 某某市人民政府办公室
doc_number: 某政办函〔2024〕5号
secrecy: 秘密★6个月
addressee: 邻市人民政府办公室，邻市应急管理局
signature: 某某市人民政府办公室
date: 2024年4月8日
cc: 市发展和改革委员会
---

# 关于商请支持跨区域应急救援协作的函

为提升区域突发事件协同处置能力，我市拟与贵市建立跨区域应急救援协作机制。

请予支持为盼。
";

/// 纪要 whose issuer lacks 纪要, with a 发文字号 and no title.
const MINUTES: &str = "---
format: minutes
issuer: 某某市人民政府常务会议
doc_number: 〔2024〕6号
印发机关: 某某市人民政府办公室
印发日期: 2024年6月3日
---

第25次市政府常务会议研究了安全生产和防汛工作。

会议要求各区县、各部门压实责任，深入开展隐患排查整治。

出席：张三　李四　王五
";

/// A report without 版头: title, subtitle, 发文字号, 署名 and 日期 from the
/// front matter.
const REPORT: &str = "---
title: 关于2024年度工作情况的报告
subtitle: （2025年1月10日）
doc_number: 某发〔2025〕3号
signature: 某某市发展和改革局
date: 2025年1月10日
---

2024年，我局全面完成各项目标任务。现将有关情况报告如下。
";

const DRAFTS: [(&str, &str); 6] = [
    ("请示.md", REQUEST),
    ("通知.md", NOTICE),
    ("联合行文.md", JOINT),
    ("信函.md", LETTER),
    ("纪要.md", MINUTES),
    ("报告.md", REPORT),
];

fn squeeze(s: &str) -> String {
    s.chars()
        .filter(|c| !gongwen::read::front_matter::is_invisible(*c))
        .collect()
}

/// The PDF's text, page by page, line by line.
fn pdf_text(src: &str, name: &str) -> String {
    let bytes = support::pdf_of(src, name, &Style::default_style());
    glyphs(&bytes)
        .iter()
        .flat_map(|p| lines(p))
        .map(|l| text(&l))
        .collect()
}

/// The DOCX's text: the document's `w:t` runs, then the headers' and footers'.
fn docx_text(src: &str, name: &str) -> String {
    let style = Style::default_style();
    let doc = support::read(src, name);
    let w = write_options(&doc, &style, None, None, None);
    let fonts = support::bundled_fonts(&style);
    let bytes = render(&doc, &style, &w, Target::Docx, Some(&fonts))
        .unwrap()
        .0;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut names: Vec<String> = zip
        .file_names()
        .filter(|n| n.starts_with("word/") && n.ends_with(".xml"))
        .filter(|n| n.contains("document") || n.contains("header") || n.contains("footer"))
        .map(str::to_string)
        .collect();
    names.sort_by_key(|n| (!n.contains("document"), n.clone()));
    let mut out = String::new();
    for n in names {
        let mut xml = String::new();
        zip.by_name(&n).unwrap().read_to_string(&mut xml).unwrap();
        let mut rest = xml.as_str();
        while let Some(i) = rest.find("<w:t") {
            rest = &rest[i + 4..];
            // `<w:t>` or `<w:t xml:space="preserve">`, not `<w:tab/>` or `<w:tbl>`.
            if !rest.starts_with(['>', ' ']) {
                continue;
            }
            let open = rest.find('>').unwrap();
            let close = rest.find("</w:t>").unwrap();
            out.push_str(&rest[open + 1..close]);
            rest = &rest[close..];
        }
    }
    out.replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
}

/// Whether `needle`'s characters appear in `hay` in order.
fn in_order(needle: &str, hay: &str) -> Result<(), String> {
    let mut h = hay.chars();
    let mut done = String::new();
    for c in needle.chars() {
        if !h.any(|x| x == c) {
            return Err(format!("lost {c:?} after {done:?}"));
        }
        done.push(c);
    }
    Ok(())
}

/// The front matter's values (every string of every key), the ones that have
/// a place in the text in document order, and the body's visible characters.
fn expectations(src: &str) -> (Vec<String>, String) {
    let doc = support::read(src, "x.md");
    let fm = doc.front_matter.as_ref().expect("front matter");
    let raw = serde_json::to_value(&fm.meta).unwrap();
    let mut values = Vec::new();
    for (key, v) in raw.as_object().unwrap() {
        if ["format", "seal", "author"].contains(&key.as_str()) {
            continue;
        }
        match v {
            serde_json::Value::String(s) => {
                values.extend(s.split(['，', ',']).map(squeeze).filter(|x| !x.is_empty()))
            }
            serde_json::Value::Array(items) => {
                values.extend(items.iter().map(|i| squeeze(i.as_str().unwrap())))
            }
            other => panic!("{key}: {other}"),
        }
    }
    // In document order: the text's elements, then the body, then the 落款 and 版记.
    let m = &fm.meta;
    let list =
        |o: &Option<gongwen::meta::OneOrMany>| o.as_ref().map(|x| x.to_vec()).unwrap_or_default();
    let one = |o: &Option<String>| o.iter().cloned().collect::<Vec<_>>();
    let body = src.splitn(3, "---\n").nth(2).unwrap();
    // A `# ` title in the body stands first.
    let (title, body) = match body.trim_start().strip_prefix("# ") {
        Some(rest) => rest.split_once('\n').unwrap(),
        None => ("", body),
    };
    let body: String = body.lines().map(|l| l.trim_start_matches('#')).collect();
    let mut seq: Vec<String> = vec![title.to_string()];
    seq.extend(one(&m.title));
    seq.extend(one(&m.subtitle));
    seq.extend(list(&m.addressee));
    seq.push(body);
    seq.extend(list(&m.signature));
    seq.extend(one(&m.date));
    seq.extend(one(&m.note));
    seq.extend(list(&m.cc));
    seq.extend(one(&m.printed_by));
    seq.extend(one(&m.printed_date));
    (values, squeeze(&seq.concat()))
}

#[test]
fn every_front_matter_value_and_body_character_reaches_both_outputs_in_order() {
    for (name, src) in DRAFTS {
        let (values, sequence) = expectations(src);
        assert!(values.len() >= 4, "{name}: {values:?}");
        for (what, out) in [
            ("PDF", squeeze(&pdf_text(src, name))),
            ("DOCX", squeeze(&docx_text(src, name))),
        ] {
            for v in &values {
                assert!(
                    out.contains(v.as_str()),
                    "{name}: {what} lacks {v:?}:\n{out}"
                );
            }
            if let Err(e) = in_order(&sequence, &out) {
                panic!("{name}: {what}: {e}\n{out}");
            }
        }
    }
}

#[test]
fn joined_values_are_written_as_the_standard_writes_them() {
    let pdf = squeeze(&pdf_text(JOINT, "j.md"));
    assert!(pdf.contains("各市教育局，各市财政局："), "{pdf}");
    assert!(
        pdf.contains("抄送：教育部财务司，财政部科教和文化司。"),
        "{pdf}"
    );
    assert!(pdf.contains("（联系人：李四，电话：0000-1234567）") || !pdf.contains("联系人"));
    let request = squeeze(&pdf_text(REQUEST, "r.md"));
    assert!(
        request.contains("（联系人：李四，电话：0000-1234567）"),
        "{request}"
    );
    assert!(request.contains("签发人：王五赵六"), "{request}");
    let minutes = squeeze(&pdf_text(MINUTES, "m.md"));
    assert!(minutes.contains("某某市人民政府常务会议纪要"), "{minutes}");
}

/// The same 请示 with everything but its 版头 written in the text.
fn request_in_the_text() -> String {
    let head: String = REQUEST
        .lines()
        .take_while(|l| !l.starts_with("标题"))
        .map(|l| format!("{l}\n"))
        .collect();
    let body = REQUEST.splitn(3, "---\n").nth(2).unwrap();
    format!(
        "{head}---\n\n# 关于申请农村饮水安全巩固提升工程资金的请示\n\n市人民政府：\n{body}\n某某县人民政府\n\n2024年5月20日\n\n（联系人：李四，电话：0000-1234567）\n\n抄送：市财政局，市水利局。\n\n某某县人民政府办公室　2024年5月21日印发\n"
    )
}

fn all_lines(src: &str) -> Vec<Vec<Vec<GlyphPos>>> {
    let bytes = support::pdf_of(src, "q.md", &Style::default_style());
    glyphs(&bytes).iter().map(|p| lines(p)).collect()
}

#[test]
fn front_matter_elements_stand_where_the_texts_would() {
    let made = all_lines(REQUEST);
    let written = all_lines(&request_in_the_text());
    assert_eq!(made.len(), written.len(), "pages");
    for (p, (a, b)) in made.iter().zip(&written).enumerate() {
        let show = |ls: &Vec<Vec<GlyphPos>>| -> Vec<(String, i32, i32)> {
            ls.iter()
                .map(|l| {
                    (
                        text(l),
                        (l[0].x * 10.0) as i32,
                        (l[0].baseline * 10.0) as i32,
                    )
                })
                .collect()
        };
        assert_eq!(show(a), show(b), "page {}", p + 1);
    }
}

#[test]
fn front_matter_elements_measured_in_mm() {
    let style = Style::default_style();
    let g = style.geometry();
    let pitch = 225.0 * MM / 22.0;
    let ch = 16.0; // a 3号 character
    let pages = all_lines(REQUEST);
    // The line starting with `start` (ending there, when `start` ends with a newline).
    let find = |start: &str| -> (usize, Vec<GlyphPos>) {
        pages
            .iter()
            .enumerate()
            .find_map(|(p, ls)| {
                ls.iter()
                    .find(|l| format!("{}\n", text(l)).starts_with(start))
                    .map(|l| (p, l.clone()))
            })
            .unwrap_or_else(|| panic!("no line starting {start}"))
    };
    let left = 28.0 * MM;
    let right = left + 156.0 * MM;
    assert!((g.text_w - 156.0 * MM).abs() < 0.5);
    // Title centred, 主送 flush left on the line after the blank line under it.
    let (_, title) = find("关于申请");
    let title_mid = (title[0].x + title.last().unwrap().x + title.last().unwrap().advance) / 2.0;
    assert!(
        (title_mid - (left + right) / 2.0).abs() < 1.0 * MM,
        "title centred"
    );
    let (_, to) = find("市人民政府：");
    assert!((to[0].x - left).abs() < 1.0 * MM, "主送 flush left");
    // 署名 one blank line under the body, 2 字 from the right; the date on the
    // next line, 2 字 from the right (it is longer than the 署名), the 署名
    // centred… at least its start 2 字 left of the date's (7.3.5.2).
    let (p, last_body) = find("妥否");
    let (ps, sig) = find("某某县人民政府\n");
    assert_eq!(p, ps);
    assert!(
        (sig[0].baseline - last_body[0].baseline - 2.0 * pitch).abs() < 1.0 * MM,
        "署名 one blank line below the body"
    );
    let (_, date) = find("2024年5月20日");
    assert!((date[0].baseline - sig[0].baseline - pitch).abs() < 1.0 * MM);
    let date_end = date.last().unwrap().x + date.last().unwrap().advance;
    let sig_end = sig.last().unwrap().x + sig.last().unwrap().advance;
    assert!(
        (date_end - (right - 2.0 * ch)).abs() < 1.0 * MM
            || (sig_end - (right - 2.0 * ch)).abs() < 1.0 * MM,
        "落款 2 字 from the right: 署名 ends {} mm, date {} mm from the right",
        (right - sig_end) / MM,
        (right - date_end) / MM
    );
    // 附注 on the line after the date, indented 2 字.
    let (_, note) = find("（联系人");
    assert!((note[0].baseline - date[0].baseline - pitch).abs() < 1.0 * MM);
    assert!(
        (note[0].x - (left + 2.0 * ch)).abs() < 1.0 * MM,
        "附注 2 字 in"
    );
    // 版记 at the foot of the last page: 印发 on the last line of the 版心, 1 字
    // (4号) in from both sides; 抄送 above it, 1 字 in.
    let last = pages.len() - 1;
    assert_eq!(last % 2, 1, "the 版记 on an even page");
    let (pi, issued) = find("某某县人民政府办公室");
    let (pc, cc) = find("抄送：");
    assert_eq!((pi, pc), (last, last));
    let bottom = 37.0 * MM + 225.0 * MM;
    assert!(
        issued[0].baseline < bottom && bottom - issued[0].baseline < pitch,
        "印发 on the last line"
    );
    assert!((issued[0].x - (left + 14.0)).abs() < 1.0 * MM);
    let end = issued.last().unwrap().x + issued.last().unwrap().advance;
    assert!(
        (end - (right - 14.0)).abs() < 1.0 * MM,
        "印发日期 1 字 from the right"
    );
    assert!((cc[0].x - (left + 14.0)).abs() < 1.0 * MM);
    assert!(cc[0].baseline < issued[0].baseline);
}

#[test]
fn keys_errors_name_key_file_and_line() {
    let read = |src: &str| {
        gongwen::read::read_bytes(src.as_bytes(), Path::new("bad.md"), &Default::default())
            .unwrap_err()
            .to_string()
    };
    let e = read("---\n标题: X\n抄送:\n  甲: 乙\n---\n正文。\n");
    assert!(e.starts_with("bad.md:4:") && e.contains("抄送"), "{e}");
    let e = read("---\n标题: X\n落款: 甲\n---\n正文。\n");
    assert!(e.starts_with("bad.md:") && e.contains("落款"), "{e}");
    let e = read("---\n印章: 是\n---\n正文。\n");
    assert!(e.starts_with("bad.md:2:") && e.contains("印章"), "{e}");
}

/// How often each visible character occurs.
fn counts(text: impl Iterator<Item = char>) -> std::collections::HashMap<char, usize> {
    let mut m = std::collections::HashMap::new();
    for c in text.filter(|c| !gongwen::read::front_matter::is_invisible(*c)) {
        *m.entry(c).or_insert(0) += 1;
    }
    m
}

/// The conservation property of the fuzz `pipeline` target, on every example,
/// fixture and seed: no visible character of a plain-text draft's lines (table
/// rules and pipes aside) or of the model's blocks is missing from the page.
#[test]
fn no_visible_character_disappears_from_any_fixture() {
    let style = Style::default_style();
    let fonts = support::bundled_fonts(&style);
    let root = support::root();
    let mut files = Vec::new();
    for dir in [
        "examples",
        "tests/fixtures",
        "tests/fixtures/corpus",
        "fuzz/seeds/pipeline",
    ] {
        for e in std::fs::read_dir(root.join(dir)).unwrap().flatten() {
            let p = e.path();
            if matches!(p.extension().and_then(|x| x.to_str()), Some("txt" | "md")) {
                files.push(p);
            }
        }
    }
    assert!(files.len() >= 15, "{files:?}");
    for p in files {
        let bytes = std::fs::read(&p).unwrap();
        let (doc, decoded, format) =
            gongwen::read::read_bytes_with_text(&bytes, &p, &Default::default()).unwrap();
        let laid = gongwen::testing::layout::layout(&doc, &style, &fonts, false);
        let have = counts(
            laid.pages
                .iter()
                .flat_map(|pg| &pg.items)
                .flat_map(|i| match i {
                    gongwen::testing::layout::Item::Text(run) => {
                        run.glyphs.iter().map(|g| g.ch).collect()
                    }
                    _ => Vec::new(),
                }),
        );
        let mut need = counts(
            doc.blocks()
                .iter()
                .flat_map(|b| b.text().chars().collect::<Vec<_>>()),
        );
        if format == gongwen::read::InputFormat::Text {
            let skipped = |n: usize| doc.skipped.iter().any(|(a, b)| (*a..=*b).contains(&n));
            let source = counts(
                decoded
                    .text
                    .split('\n')
                    .enumerate()
                    .filter(|(i, _)| !skipped(i + 1))
                    .flat_map(|(_, l)| l.chars())
                    .filter(|c| *c != '|'),
            );
            for (c, n) in source {
                let e = need.entry(c).or_insert(0);
                *e = (*e).max(n);
            }
        }
        assert!(!need.is_empty(), "{}", p.display());
        let lost: Vec<String> = need
            .iter()
            .filter(|(c, n)| have.get(c).copied().unwrap_or(0) < **n)
            .map(|(c, n)| format!("{c:?} {n}→{}", have.get(c).copied().unwrap_or(0)))
            .collect();
        assert!(lost.is_empty(), "{}: lost {lost:?}", p.display());
    }
}
