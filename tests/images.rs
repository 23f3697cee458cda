//! Pictures: a PNG or JPEG in a Word draft (a drawing pointing at a media
//! part) or in Markdown (`![说明](path)`) becomes an image block, set by both
//! writers at the composed size, centred in the 版心 and on one page with its
//! caption; a picture that cannot be had stops the conversion with the
//! draft's name, line and path, and writes nothing.

mod support;
#[path = "support/wordgen.rs"]
mod wordgen;

use std::io::Read as _;
use std::path::Path;

use gongwen::convert::{render, write_options, Target};
use gongwen::model::{BlockKind, Document, ImageFormat};
use gongwen::style::{mm_to_pt, Style};
use lopdf::Object;
use wordgen::{para, plain, run, soft_broken, Word};

/// A PNG of `w` × `h` pixels: an RGB gradient, or RGBA with a transparent half.
fn png(w: u32, h: u32, alpha: bool) -> Vec<u8> {
    let mut out = Vec::new();
    {
        let mut enc = png::Encoder::new(&mut out, w, h);
        enc.set_color(if alpha {
            png::ColorType::Rgba
        } else {
            png::ColorType::Rgb
        });
        enc.set_depth(png::BitDepth::Eight);
        let mut wr = enc.write_header().unwrap();
        let mut data = Vec::new();
        for y in 0..h {
            for x in 0..w {
                data.extend([(x * 255 / w) as u8, (y * 255 / h) as u8, 160]);
                if alpha {
                    data.push(if x < w / 2 { 255 } else { 0 });
                }
            }
        }
        wr.write_image_data(&data).unwrap();
    }
    out
}

fn jpeg() -> Vec<u8> {
    std::fs::read(support::root().join("tests/fixtures/images/chart.jpg")).unwrap()
}

/// An inline picture as Word writes it, with its description.
fn drawing(rid: &str, cx: u64, cy: u64, descr: &str) -> String {
    format!(
        r#"<w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="{cx}" cy="{cy}"/><wp:docPr id="5" name="图片 5" descr="{descr}"/><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic><pic:nvPicPr><pic:cNvPr id="0" name="a.png"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed="{rid}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm><a:prstGeom prst="rect"/></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"#
    )
}

/// A notice with a PNG (and a JPEG) between its paragraphs, each picture in
/// a centred paragraph of its own with a caption under it.
fn word_with_pictures(picture: Vec<u8>) -> Vec<u8> {
    let body = [
        para(
            r#"<w:jc w:val="center"/>"#,
            &run("关于报送安全生产检查情况的通知", r#"<w:sz w:val="44"/>"#),
        ),
        para("", &run("各区县应急管理局：", "")),
        plain("现将本月安全生产检查情况通报如下，检查发现的问题分布见下图。"),
        para(
            r#"<w:jc w:val="center"/>"#,
            &drawing("rIdPic1", 2_857_500, 1_428_750, "问题分布图"),
        ),
        para(
            r#"<w:jc w:val="center"/>"#,
            &run("图1　检查发现问题分布", ""),
        ),
        plain("各单位要对照问题清单逐项整改，整改情况见下图。"),
        para(
            r#"<w:jc w:val="center"/>"#,
            &drawing("rIdPic2", 3_048_000, 1_524_000, ""),
        ),
        para(r#"<w:jc w:val="center"/>"#, &run("图2　整改进度", "")),
        plain("请于3月31日前报送整改情况。"),
        para(
            r#"<w:jc w:val="right"/>"#,
            &soft_broken("某某市应急管理局", "2025年3月1日"),
        ),
    ]
    .concat();
    Word {
        body,
        parts: vec![
            ("word/media/image1.png".into(), picture),
            ("word/media/image2.jpeg".into(), jpeg()),
        ],
        rels: vec![
            ("rIdPic1".into(), "image".into(), "media/image1.png".into()),
            ("rIdPic2".into(), "image".into(), "media/image2.jpeg".into()),
        ],
        ..Word::default()
    }
    .build()
}

fn read_bytes(bytes: &[u8], name: &str) -> Document {
    gongwen::read::read_bytes(bytes, Path::new(name), &Default::default()).unwrap()
}

fn outputs(doc: &Document, style: &Style) -> (Vec<u8>, Vec<u8>) {
    let fonts = support::bundled_fonts(style);
    let mut w = write_options(doc, style, None, None, None);
    w.timestamp = 1_709_251_200;
    let pdf = render(doc, style, &w, Target::Pdf, Some(&fonts)).unwrap().0;
    let docx = render(doc, style, &w, Target::Docx, Some(&fonts))
        .unwrap()
        .0;
    (pdf, docx)
}

/// A picture drawn on a PDF page: its page, and x, y (bottom-up), width and
/// height in points, from the `cm` before its `Do`; the XObject's dictionary.
#[derive(Debug)]
struct Drawn {
    page: usize,
    x: f32,
    y: f32,
    w: f32,
    h: f32,
    filter: Option<String>,
    smask: bool,
}

fn num(o: &Object) -> f32 {
    match o {
        Object::Integer(i) => *i as f32,
        Object::Real(r) => *r,
        _ => panic!("not a number: {o:?}"),
    }
}

fn pictures_in_pdf(bytes: &[u8]) -> Vec<Drawn> {
    let doc = lopdf::Document::load_mem(bytes).unwrap();
    let mut out = Vec::new();
    for (pi, (_, page_id)) in doc.get_pages().into_iter().enumerate() {
        let content = doc.get_and_decode_page_content(page_id).unwrap();
        let (res, res_ids) = doc.get_page_resources(page_id).unwrap();
        let mut dicts: Vec<&lopdf::Dictionary> = res.into_iter().collect();
        dicts.extend(res_ids.iter().filter_map(|id| doc.get_dictionary(*id).ok()));
        let xobjects = dicts
            .iter()
            .find_map(|d| d.get(b"XObject").ok())
            .map(|x| match x {
                Object::Reference(r) => doc.get_dictionary(*r).unwrap(),
                Object::Dictionary(d) => d,
                _ => panic!("XObject resources"),
            });
        let mut cm = None;
        for op in &content.operations {
            match op.operator.as_str() {
                "cm" => cm = Some(op.operands.iter().map(num).collect::<Vec<f32>>()),
                "Do" => {
                    let name = op.operands[0].as_name().unwrap();
                    let id = xobjects.unwrap().get(name).unwrap().as_reference().unwrap();
                    let stream = doc.get_object(id).unwrap().as_stream().unwrap();
                    assert_eq!(
                        stream.dict.get(b"Subtype").unwrap().as_name().unwrap(),
                        b"Image"
                    );
                    let m = cm.take().expect("a cm before the picture");
                    out.push(Drawn {
                        page: pi,
                        x: m[4],
                        y: m[5],
                        w: m[0],
                        h: m[3],
                        filter: stream
                            .dict
                            .get(b"Filter")
                            .ok()
                            .and_then(|f| f.as_name().ok())
                            .map(|n| String::from_utf8_lossy(n).into_owned()),
                        smask: stream.dict.get(b"SMask").is_ok(),
                    });
                }
                _ => {}
            }
        }
    }
    out
}

/// The PDF page (0-based) whose text holds `needle`.
fn page_with(pdf: &[u8], needle: &str) -> usize {
    support::pdfread::glyphs(pdf)
        .iter()
        .position(|p| {
            support::pdfread::lines(p)
                .iter()
                .any(|l| support::pdfread::text(l).contains(needle))
        })
        .unwrap_or_else(|| panic!("{needle} is on no page"))
}

/// Every picture lies inside the 版心 and is centred across it (±0.5 mm).
fn assert_placed(d: &Drawn, style: &Style) {
    let g = style.geometry();
    let tol = mm_to_pt(0.5);
    let (left, right) = (g.left, g.left + g.text_w);
    let (bottom, top) = (g.page_h - g.top - g.text_h, g.page_h - g.top);
    assert!(d.x >= left - 0.01 && d.x + d.w <= right + 0.01, "{d:?}");
    assert!(d.y >= bottom - 0.01 && d.y + d.h <= top + 0.01, "{d:?}");
    let centre = d.x + d.w / 2.0;
    assert!((centre - (left + right) / 2.0).abs() <= tol, "{d:?}");
}

fn zip_entries(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..z.len())
        .map(|i| {
            let mut f = z.by_index(i).unwrap();
            let mut v = Vec::new();
            f.read_to_end(&mut v).unwrap();
            (f.name().to_string(), v)
        })
        .collect()
}

/// The `wp:extent` of every drawing of document.xml, in order.
fn extents(document: &str) -> Vec<(u64, u64)> {
    document
        .match_indices("<wp:extent ")
        .map(|(at, _)| {
            let tag = &document[at..at + document[at..].find("/>").unwrap()];
            let val = |k: &str| -> u64 {
                let s = &tag[tag.find(k).unwrap() + k.len()..];
                s[..s.find('"').unwrap()].parse().unwrap()
            };
            (val("cx=\""), val("cy=\""))
        })
        .collect()
}

#[test]
fn word_pictures_reach_both_outputs_centred_with_their_captions() {
    let picture = png(300, 150, true);
    let doc = read_bytes(&word_with_pictures(picture.clone()), "notice.docx");
    assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);
    let blocks = doc.blocks();
    let kinds: Vec<BlockKind> = blocks.iter().map(|b| b.kind).collect();
    let images: Vec<_> = blocks.iter().filter_map(|b| b.image.as_ref()).collect();
    assert_eq!(images.len(), 2, "{kinds:?}");
    assert_eq!(
        (images[0].format, images[0].width_px, images[0].height_px),
        (ImageFormat::Png, 300, 150)
    );
    assert_eq!(images[0].alt, "问题分布图");
    assert_eq!(images[1].format, ImageFormat::Jpeg);
    assert_eq!((images[1].width_px, images[1].height_px), (320, 160));
    let captions: Vec<String> = blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Caption)
        .map(|b| b.text())
        .collect();
    assert_eq!(captions, ["图1　检查发现问题分布", "图2　整改进度"]);
    // A picture shares its paragraph's unit number.
    let img = blocks.iter().find(|b| b.kind == BlockKind::Image).unwrap();
    assert_eq!(img.lines, (4, 4));
    assert!(kinds.contains(&BlockKind::Signature) && kinds.contains(&BlockKind::Date));

    let json = gongwen::inspect::to_json(&doc);
    let j = json["blocks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["kind"] == "image")
        .unwrap();
    assert_eq!(j["image"]["width_px"], 300);
    assert_eq!(j["image"]["alt"], "问题分布图");
    assert_eq!(j["image"]["format"], "png");

    // Every character typed is in the blocks and on the PDF's pages.
    let typed: String = [
        "关于报送安全生产检查情况的通知",
        "各区县应急管理局：",
        "现将本月安全生产检查情况通报如下，检查发现的问题分布见下图。",
        "图1　检查发现问题分布",
        "各单位要对照问题清单逐项整改，整改情况见下图。",
        "图2　整改进度",
        "请于3月31日前报送整改情况。",
        "某某市应急管理局",
        "2025年3月1日",
    ]
    .concat();
    let counts = |s: &str| {
        let mut m = std::collections::BTreeMap::new();
        for c in s.chars().filter(|c| !c.is_whitespace() && *c != '\u{3000}') {
            *m.entry(c).or_insert(0) += 1;
        }
        m
    };
    let read: String = blocks.iter().map(|b| b.text()).collect();
    assert_eq!(counts(&read), counts(&typed));

    let style = Style::default_style();
    let (pdf, docx) = outputs(&doc, &style);
    let printed: String = support::pdfread::glyphs(&pdf)
        .iter()
        .flatten()
        .map(|g| g.text.as_str())
        .collect();
    let printed = counts(&printed);
    for (c, n) in counts(&typed) {
        assert!(printed.get(&c).copied().unwrap_or(0) >= n, "{c} lost");
    }
    // Natural size at 96 dpi: 300 × 150 px is 225 × 112.5 pt (narrower than
    // the 版心, so not enlarged); 320 × 160 px is 240 × 120 pt.
    let drawn = pictures_in_pdf(&pdf);
    assert_eq!(drawn.len(), 2);
    for d in &drawn {
        assert_placed(d, &style);
    }
    assert!((drawn[0].w - 225.0).abs() < 0.01 && (drawn[0].h - 112.5).abs() < 0.01);
    assert!((drawn[1].w - 240.0).abs() < 0.01 && (drawn[1].h - 120.0).abs() < 0.01);
    assert_eq!(
        drawn[1].filter.as_deref(),
        Some("DCTDecode"),
        "JPEG as it is"
    );
    assert!(drawn[0].smask, "the PNG's transparency is a soft mask");
    assert_eq!(page_with(&pdf, "图1"), drawn[0].page);
    assert_eq!(page_with(&pdf, "图2"), drawn[1].page);

    let parts = zip_entries(&docx);
    let media: Vec<&(String, Vec<u8>)> = parts
        .iter()
        .filter(|(n, _)| n.starts_with("word/media/") && !n.ends_with('/'))
        .collect();
    assert_eq!(
        media.len(),
        2,
        "{:?}",
        parts.iter().map(|p| &p.0).collect::<Vec<_>>()
    );
    assert!(media
        .iter()
        .any(|(n, b)| n.ends_with(".png") && *b == picture));
    assert!(media
        .iter()
        .any(|(n, b)| n.ends_with(".jpeg") && *b == jpeg()));
    let rels = String::from_utf8(
        parts
            .iter()
            .find(|(n, _)| n == "word/_rels/document.xml.rels")
            .unwrap()
            .1
            .clone(),
    )
    .unwrap();
    for (n, _) in &media {
        assert!(rels.contains(n.trim_start_matches("word/")), "{rels}");
    }
    let document = String::from_utf8(
        parts
            .iter()
            .find(|(n, _)| n == "word/document.xml")
            .unwrap()
            .1
            .clone(),
    )
    .unwrap();
    // The drawings' extents are the composed sizes in EMU (12 700 a point).
    let emu = |pt: f32| (pt * 12_700.0).round() as u64;
    assert_eq!(
        extents(&document),
        [(emu(225.0), emu(112.5)), (emu(240.0), emu(120.0))]
    );
    assert!(document.contains(r#"descr="问题分布图""#));
    assert!(
        document.contains(r#"<wp:docPr id="2""#),
        "drawings numbered"
    );
    // Read back, our DOCX gives the same pictures.
    let again = read_bytes(&docx, "notice.gbt9704.docx");
    let back: Vec<_> = again
        .blocks()
        .iter()
        .filter_map(|b| b.image.clone())
        .collect();
    assert_eq!(back.len(), 2);
    assert_eq!(*back[0].data, *picture);
    assert_eq!(*back[1].data, *jpeg());
}

fn markdown_draft(dir: &Path, picture_line: &str) -> std::path::PathBuf {
    let md = format!(
        "# 关于安全生产检查情况的通报\n\n各区县应急管理局：\n\n现将本月检查情况通报如下。\n\n{picture_line}\n\n图1 检查发现问题分布\n\n请各单位逐项整改。\n"
    );
    let path = dir.join("draft.md");
    std::fs::write(&path, md).unwrap();
    path
}

#[test]
fn a_markdown_picture_is_read_relative_to_the_draft_and_fitted_to_the_width() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("img")).unwrap();
    // 2000 px at 96 dpi is 1500 pt: narrowed to the 版心's width.
    std::fs::write(dir.path().join("img/wide.png"), png(2000, 500, false)).unwrap();
    let path = markdown_draft(dir.path(), "![问题分布](img/wide.png)");
    let doc = gongwen::read::read_path(&path, &Default::default()).unwrap();
    let b = doc
        .blocks()
        .into_iter()
        .find(|b| b.kind == BlockKind::Image)
        .unwrap();
    assert_eq!(b.lines, (7, 7));
    let im = b.image.as_ref().unwrap();
    assert_eq!(
        (im.alt.as_str(), im.source.as_str()),
        ("问题分布", "img/wide.png")
    );
    assert!(doc.blocks().iter().any(|b| b.kind == BlockKind::Caption));

    let style = Style::default_style();
    let g = style.geometry();
    let (pdf, docx) = outputs(&doc, &style);
    let drawn = pictures_in_pdf(&pdf);
    assert_eq!(drawn.len(), 1);
    assert_placed(&drawn[0], &style);
    assert!((drawn[0].w - g.text_w).abs() < 0.01, "{drawn:?}");
    assert!((drawn[0].h - g.text_w / 4.0).abs() < 0.01, "{drawn:?}");
    assert_eq!(page_with(&pdf, "图1"), drawn[0].page);
    let document = zip_entries(&docx)
        .into_iter()
        .find(|(n, _)| n == "word/document.xml")
        .unwrap()
        .1;
    // The same size (the PDF's numbers are rounded to a thousandth of a point).
    let (cx, cy) = extents(&String::from_utf8(document).unwrap())[0];
    let near = |emu: u64, pt: f32| (emu as f32 - pt * 12_700.0).abs() <= 13.0;
    assert!(
        near(cx, drawn[0].w) && near(cy, drawn[0].h),
        "{cx} {cy} {drawn:?}"
    );
}

#[test]
fn a_missing_or_false_picture_names_draft_line_and_path_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    std::fs::write(dir.path().join("fake.png"), "not a picture at all").unwrap();
    for (line, want) in [
        ("![图](x.png)", "x.png"),
        ("![图](fake.png)", "neither a PNG nor a JPEG"),
    ] {
        let path = markdown_draft(dir.path(), line);
        let opts = gongwen::convert::ConvertOptions {
            read: Default::default(),
            targets: vec![Target::Docx, Target::Pdf],
            output: Some(out.clone()),
            author: None,
            seal: None,
            strict: false,
            meta: Default::default(),
            png_dpi: 96.0,
        };
        let err = gongwen::convert::convert_file(&path, &Style::default_style(), &opts, &mut None)
            .unwrap_err()
            .to_string();
        assert!(err.contains("draft.md:7"), "{err}");
        assert!(err.contains(want), "{err}");
        assert_eq!(std::fs::read_dir(&out).unwrap().count(), 0, "no output");
    }
}

/// A picture that does not fit under the text goes to the next page whole;
/// one taller than a page is lowered to the page's height; the lines below a
/// picture stay on the grid.
#[test]
fn pictures_turn_pages_whole_and_never_exceed_one() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("tall.png"), png(200, 3000, false)).unwrap();
    std::fs::write(dir.path().join("half.png"), png(400, 500, false)).unwrap();
    let body =
        "现将本月检查情况通报如下，请各单位对照清单逐项整改，按时报送整改情况。\n\n".repeat(14);
    let md = format!(
        "# 关于检查情况的通报\n\n{body}![](half.png)\n\n![](tall.png)\n\n以上请遵照执行。\n"
    );
    let path = dir.path().join("long.md");
    std::fs::write(&path, md).unwrap();
    let doc = gongwen::read::read_path(&path, &Default::default()).unwrap();
    let style = Style::default_style();
    let g = style.geometry();
    let (pdf, _) = outputs(&doc, &style);
    let drawn = pictures_in_pdf(&pdf);
    assert_eq!(drawn.len(), 2);
    for d in &drawn {
        assert_placed(d, &style);
    }
    // 500 px is 375 pt: it does not fit below the body's text on page 2.
    let body_end = page_with(&pdf, "请各单位对照清单");
    assert!(drawn[0].page > 0 && (drawn[0].h - 375.0).abs() < 0.01);
    assert!(
        drawn[1].page > drawn[0].page,
        "{drawn:?} after page {body_end}"
    );
    // As tall as the page's 22 grid lines.
    let lines = style.grid.lines_per_page as f32 * g.pitch;
    assert!((drawn[1].h - lines).abs() < 0.01, "{drawn:?}");
    // The line after the tall picture starts the next page, on the grid.
    let last = page_with(&pdf, "以上请遵照执行");
    assert_eq!(last, drawn[1].page + 1);
}
