//! `inspect --to markdown` is an escape hatch: the Markdown it writes reads back
//! as the same document (block kinds, heading levels, text) as the draft it
//! came from. Checked on real drafts (the corpus copies), the examples and
//! drafts of the forms real documents take.

use std::path::Path;

use gongwen::inspect::{block_signature, to_markdown};
use gongwen::read::{read_bytes, ReadOptions};

fn round_trip(name: &str, src: &str) {
    let text = read_bytes(src.as_bytes(), Path::new("d.txt"), &ReadOptions::default()).unwrap();
    let md = to_markdown(&text);
    let back = read_bytes(md.as_bytes(), Path::new("d.md"), &ReadOptions::default()).unwrap();
    let (a, b) = (block_signature(&text), block_signature(&back));
    for (k, (x, y)) in a.iter().zip(&b).enumerate() {
        assert_eq!(
            x, y,
            "{name}: block {k} differs after the trip through\n{md}"
        );
    }
    assert_eq!(a.len(), b.len(), "{name}: block count\n{md}");
}

#[test]
fn corpus_drafts_survive_the_trip_through_markdown() {
    for (name, src) in [
        ("111", include_str!("fixtures/corpus/111_fangan_yuan.txt")),
        ("201", include_str!("fixtures/corpus/201_tongzhi_huiyi.txt")),
        (
            "206",
            include_str!("fixtures/corpus/206_baogao_nianbao_danyuange.txt"),
        ),
        (
            "207",
            include_str!("fixtures/corpus/207_fangan_lianhe_yinfa.txt"),
        ),
        (
            "212",
            include_str!("fixtures/corpus/212_tongzhi_fujian_biaoge.txt"),
        ),
        ("tongzhi", include_str!("fixtures/tongzhi.txt")),
        ("请示", include_str!("../examples/请示.txt")),
        ("述责述廉报告", include_str!("../examples/述责述廉报告.txt")),
    ] {
        round_trip(name, src);
    }
}

#[test]
fn markup_characters_and_forms_survive_too() {
    let src = "关于开展**项检查的通知\n各镇人民政府：\n检查内容包括：\n1. 安全生产责任制落实情况\n\
               2. 隐患排查治理情况\n# 不是标题 *也不是强调* [链接](x) <b>a|b</b> 3_000\n\
               - 不是列表\n附件：1.检查清单\n2.自查报告模板\n某某区安委会办公室  某某区应急管理局\n\
               二〇XX年X月X日\n（此件公开发布）\n";
    round_trip("markup", src);
}
