//! `cargo bench`: speed of the pipeline, as medians and as ratios to baselines
//! measured in the same run (process start-up, and decoding alone).
//!
//! Figures: reading + structuring 5 MB of text; the sample to DOCX and to PDF in
//! process; a 100-page document to PDF; the release binary end to end (sample to
//! DOCX + PDF) against `gongwen --version` (start-up) and, when installed,
//! `pandoc -t docx` on the same input.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use gongwen::convert::{render, write_options, Target};
use gongwen::fonts::{FontSet, Resolver};
use gongwen::read::{read_bytes, ReadOptions};
use gongwen::style::Style;

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn time<F: FnMut()>(runs: usize, mut f: F) -> Duration {
    f(); // warm up
    median(
        (0..runs)
            .map(|_| {
                let t = Instant::now();
                f();
                t.elapsed()
            })
            .collect(),
    )
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Wall time of each stage of the sample's conversion, in process (medians).
fn stages(
    sample: &[u8],
    style: &Style,
    fonts: &FontSet,
    w: &gongwen::testing::write::WriteOptions,
    root: &Path,
) {
    use gongwen::testing::write::{deflate, pdf_content, pdf_font};
    let load = time(10, || {
        FontSet::load(
            style,
            &mut Resolver::with(Vec::new(), vec![root.join("fonts")]),
        )
        .unwrap();
    });
    let decode = time(20, || {
        gongwen::read::decode::decode(sample, Path::new("s.txt"), None).unwrap();
    });
    let read = time(20, || {
        read_bytes(sample, Path::new("s.txt"), &ReadOptions::default()).unwrap();
    });
    let doc = read_bytes(sample, Path::new("s.txt"), &ReadOptions::default()).unwrap();
    let layout = time(20, || {
        gongwen::testing::layout::layout(&doc, style, fonts, false);
    });
    let laid = gongwen::testing::layout::layout(&doc, style, fonts, false);
    let mut used = std::collections::BTreeMap::new();
    for page in &laid.pages {
        for run in page.runs() {
            let m: &mut std::collections::BTreeMap<u16, char> = used.entry(run.font).or_default();
            for g in &run.glyphs {
                m.entry(g.gid).or_insert(g.ch);
            }
        }
    }
    let cut = time(10, || {
        for (fi, glyphs) in &used {
            pdf_font::cut(&fonts.fonts()[*fi], glyphs).unwrap();
        }
    });
    let plans: std::collections::BTreeMap<usize, pdf_font::Subset> = used
        .iter()
        .map(|(fi, glyphs)| (*fi, pdf_font::plan(&fonts.fonts()[*fi], glyphs)))
        .collect();
    let g = style.geometry();
    let stroke = style.layout.fake_bold_stroke_em;
    let names: std::collections::BTreeMap<usize, String> =
        plans.keys().map(|f| (*f, format!("F{f}"))).collect();
    let content = time(20, || {
        let fonts = pdf_content::PageFonts::new(&plans, &names);
        for page in &laid.pages {
            pdf_content::page_content(page, &fonts, g.page_h, stroke);
        }
    });
    let programs: Vec<Vec<u8>> = used
        .iter()
        .map(|(fi, glyphs)| pdf_font::cut(&fonts.fonts()[*fi], glyphs).unwrap())
        .collect();
    let compress_fonts = time(10, || {
        for p in &programs {
            deflate::deflate(p, deflate::FONT_LEVEL);
        }
    });
    let whole = time(20, || {
        render(&doc, style, w, Target::Pdf, Some(fonts)).unwrap();
    });
    let docx = time(20, || {
        render(&doc, style, w, Target::Docx, None).unwrap();
    });
    println!(
        "stages (sample, ms, one thread each): load fonts {:.2}, decode {:.3}, read {:.2} \
         (incl. decode), layout {:.2}, subset all fonts {:.2}, paint (content streams) {:.2}, deflate the font \
         programs {:.2}; whole PDF {:.2} (fonts cut and deflated beside the painting); DOCX {:.2}",
        ms(load),
        ms(decode),
        ms(read),
        ms(layout),
        ms(cut),
        ms(content),
        ms(compress_fonts),
        ms(whole),
        ms(docx)
    );
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let sample = std::fs::read(root.join("examples/述责述廉报告.txt")).unwrap();
    let style = Style::default_style();
    let fonts = FontSet::load(
        &style,
        &mut Resolver::with(Vec::new(), vec![root.join("fonts")]),
    )
    .unwrap();

    // 5 MB of text: the sample repeated.
    let mut big = Vec::new();
    while big.len() < 5 * 1024 * 1024 {
        big.extend_from_slice(&sample);
        big.push(b'\n');
    }
    let decode = time(5, || {
        gongwen::read::decode::decode(&big, Path::new("big.txt"), None).unwrap();
    });
    let read = time(5, || {
        read_bytes(&big, Path::new("big.txt"), &ReadOptions::default()).unwrap();
    });
    println!(
        "read+structure 5 MB: {:.1} ms median ({:.1}× decoding alone, {:.1} ms)",
        ms(read),
        ms(read) / ms(decode),
        ms(decode)
    );

    let doc = read_bytes(&sample, Path::new("s.txt"), &ReadOptions::default()).unwrap();
    let w = write_options(&doc, &style, None, None, None);
    stages(&sample, &style, &fonts, &w, root);
    let docx = time(20, || {
        render(&doc, &style, &w, Target::Docx, None).unwrap();
    });
    let pdf = time(20, || {
        render(&doc, &style, &w, Target::Pdf, Some(&fonts)).unwrap();
    });
    println!("sample → DOCX in process: {:.2} ms median", ms(docx));
    println!(
        "sample → PDF in process (fonts loaded): {:.2} ms median",
        ms(pdf)
    );

    // About 100 pages: the sample (5 pages) twenty times.
    let text = String::from_utf8(sample.clone()).unwrap();
    let long: String = (0..20)
        .map(|_| text.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    let long_doc =
        read_bytes(long.as_bytes(), Path::new("l.txt"), &ReadOptions::default()).unwrap();
    let mut pages = 0;
    let long_pdf = time(5, || {
        let (bytes, _) = render(&long_doc, &style, &w, Target::Pdf, Some(&fonts)).unwrap();
        pages = lopdf::Document::load_mem(&bytes)
            .map(|d| d.get_pages().len())
            .unwrap_or(0);
    });
    println!(
        "{pages}-page document → PDF in process: {:.1} ms median",
        ms(long_pdf)
    );

    // End to end as a process, against start-up and pandoc.
    let exe = root.join("target/release/gongwen");
    if exe.exists() {
        let dir = std::env::temp_dir().join("gongwen-bench");
        let _ = std::fs::create_dir_all(&dir);
        let input = root.join("examples/述责述廉报告.txt");
        let run = |args: &[&str]| {
            time(15, || {
                let st = Command::new(&exe)
                    .args(args)
                    .env("GONGWEN_NO_SYSTEM_FONTS", "1")
                    .output()
                    .unwrap();
                assert!(st.status.success());
            })
        };
        let startup = run(&["--version"]);
        let both = run(&[
            "convert",
            input.to_str().unwrap(),
            "-o",
            dir.to_str().unwrap(),
        ]);
        let pdf_only = run(&[
            "convert",
            input.to_str().unwrap(),
            "-o",
            dir.to_str().unwrap(),
            "--to",
            "pdf",
        ]);
        println!("process: sample → DOCX+PDF {:.1} ms median ({:.1}× start-up {:.1} ms); PDF only {:.1} ms", ms(both), ms(both) / ms(startup), ms(startup), ms(pdf_only));
        if Command::new("pandoc").arg("--version").output().is_ok() {
            let out = dir.join("pandoc.docx");
            let pandoc = time(10, || {
                Command::new("pandoc")
                    .arg(&input)
                    .args(["-f", "markdown", "-t", "docx", "-o"])
                    .arg(&out)
                    .output()
                    .unwrap();
            });
            println!("pandoc -t docx on the sample: {:.1} ms median; gongwen DOCX+PDF / pandoc DOCX = {:.2}", ms(pandoc), ms(both) / ms(pandoc));
        } else {
            println!("pandoc not installed: no pandoc comparison");
        }
    } else {
        println!("build the release binary (cargo build --release) for the end-to-end figures");
    }
}
