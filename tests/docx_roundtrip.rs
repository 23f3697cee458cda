//! Round trip: the DOCX gongwen writes, read back as a Word draft, gives the
//! same document again — the same blocks with the same text, the same pages.

mod support;

use std::path::Path;

use gongwen::convert::{render, write_options, Target};
use gongwen::model::{BlockKind, Document};
use gongwen::style::Style;

/// A block's kind, its text without blanks, and its heading level and number.
type Seen = (BlockKind, String, Option<(u8, String)>);

/// The body's blocks. The frame's parts (发文机关标志, 发文字号, 抄送, 印发) are
/// drawn from the metadata, which is compared on its own.
fn blocks(d: &Document) -> Vec<Seen> {
    d.blocks()
        .iter()
        .filter(|b| {
            !matches!(
                b.kind,
                BlockKind::OrgMark | BlockKind::DocNumber | BlockKind::Cc | BlockKind::IssuedBy
            )
        })
        .map(|b| {
            (
                b.kind,
                // A title's balanced line break and the 文号's tab or
                // spaces are layout, not text.
                b.text()
                    .chars()
                    .filter(|c| !gongwen::model::is_blank_char(*c))
                    .collect(),
                b.heading.as_ref().map(|h| (h.level, h.number.clone())),
            )
        })
        .collect()
}

fn frame_meta(m: &gongwen::meta::Meta) -> Vec<Option<String>> {
    let list = |o: &Option<gongwen::meta::OneOrMany>| o.as_ref().map(|v| v.to_vec().join("|"));
    vec![
        m.format.map(|f| format!("{f:?}")),
        m.copy_no.clone(),
        m.secrecy.clone(),
        m.urgency.clone(),
        list(&m.issuer),
        m.doc_number.clone(),
        list(&m.signers),
        list(&m.cc),
        m.printed_by.clone(),
        m.printed_date.clone(),
    ]
}

#[test]
fn every_example_survives_docx_and_back() {
    let style = Style::default_style();
    let fonts = support::bundled_fonts(&style);
    let mut names: Vec<_> = std::fs::read_dir(support::root().join("examples"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("txt" | "md")))
        .collect();
    names.sort();
    assert!(names.len() >= 5);
    for path in names {
        let a = gongwen::read::read_path(&path, &Default::default()).unwrap();
        let w = write_options(&a, &style, None, None, None);
        let docx = render(&a, &style, &w, Target::Docx, Some(&fonts))
            .unwrap()
            .0;
        let b = gongwen::read::read_bytes(&docx, Path::new("back.docx"), &Default::default())
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert!(
            b.warnings.is_empty(),
            "{}: {:?}",
            path.display(),
            b.warnings
        );
        assert_eq!(blocks(&b), blocks(&a), "{}", path.display());
        // The metadata of the 版头 and 版记; what stands in the text (title,
        // 主送, 署名, 日期, 附注) was compared as blocks — the front matter
        // keeps it as written, the read-back as printed.
        assert_eq!(
            frame_meta(&b.meta),
            frame_meta(&a.meta),
            "{}",
            path.display()
        );
        let pa = gongwen::testing::layout::layout(&a, &style, &fonts, w.seal)
            .pages
            .len();
        let pb = gongwen::testing::layout::layout(&b, &style, &fonts, w.seal)
            .pages
            .len();
        assert_eq!(pa, pb, "{}: pages", path.display());
    }
}
