//! Golden hashes: the DOCX and the PDF of every example and every test document,
//! rendered with a fixed timestamp and the bundled fonts, hashed (SHA-256) and
//! compared with `tests/golden/hashes.txt`.
//!
//! Any change to output must be deliberate. When a change alters output on
//! purpose, regenerate the file and commit it with the change, saying so in the
//! commit message:
//!
//! ```sh
//! GONGWEN_BLESS=1 cargo test --test golden
//! ```
//!
//! A pure refactor leaves every hash as it is: that is its proof.

mod support;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use gongwen::convert::{render, write_options, Target};
use gongwen::fonts::FontSet;
use gongwen::style::Style;
use sha2::{Digest, Sha256};

const TIMESTAMP: i64 = 1_709_251_200;
const HASHES: &str = "tests/golden/hashes.txt";

/// Every draft the project keeps: the examples, the test fixtures and the fuzz
/// seeds (by path, relative to the crate root), in a stable order; a file whose
/// bytes and extension repeat an earlier one's is left out.
fn documents() -> Vec<PathBuf> {
    let root = support::root();
    let mut out = Vec::new();
    for top in ["examples", "tests/fixtures", "fuzz/seeds"] {
        out.extend(drafts_under(&root, &root.join(top)));
    }
    let mut seen = std::collections::HashSet::new();
    out.retain(|p| {
        let bytes = std::fs::read(root.join(p)).unwrap();
        seen.insert((bytes, p.extension().map(|e| e.to_owned())))
    });
    out
}

/// The drafts under `dir`, relative to `root`, sorted.
fn drafts_under(root: &Path, dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut dirs = vec![dir.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap().flatten() {
            let p = entry.path();
            if p.is_dir() {
                dirs.push(p);
            } else if matches!(p.extension().and_then(|e| e.to_str()), Some("txt" | "md")) {
                out.push(p.strip_prefix(root).unwrap().to_path_buf());
            }
        }
    }
    out.sort();
    out
}

/// A way of rendering every document: a style sheet, the seal option, and the
/// fonts loaded for that sheet.
struct Variant {
    name: &'static str,
    style: Style,
    seal: bool,
    fonts: FontSet,
}

/// The style variants every document is rendered in: the standard's own sheet,
/// with a seal (署名 and 成文日期 move), and a house sheet that changes font
/// names, bold levels and widow control.
fn variants() -> Vec<Variant> {
    let house = Style::with_overrides(
        "[fonts]\nnames = \"current\"\n[house]\nbold_heading_levels = [1, 2]\n\
         min_lines_at_page_break = 2\navoid_single_char_last_line = false\n",
        "house.toml",
    )
    .unwrap();
    [
        ("standard", Style::default_style(), false),
        ("seal", Style::default_style(), true),
        ("house", house, false),
    ]
    .into_iter()
    .map(|(name, style, seal)| Variant {
        name,
        fonts: support::bundled_fonts(&style),
        style,
        seal,
    })
    .collect()
}

fn sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .fold(String::new(), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
}

/// One line of the hashes file: the document, the variant, and the hashes of
/// its DOCX and PDF, and of the DOCX written without fonts (no pagination
/// borrowed from the layout).
fn hash_line(rel: &Path, v: &Variant) -> String {
    let (style, fonts) = (&v.style, &v.fonts);
    let bytes = std::fs::read(support::root().join(rel)).unwrap();
    let doc = gongwen::read::read_bytes(&bytes, rel, &Default::default())
        .unwrap_or_else(|e| panic!("{}: {e}", rel.display()));
    let mut w = write_options(&doc, style, None, None, Some(v.seal));
    w.timestamp = TIMESTAMP;
    let docx = render(&doc, style, &w, Target::Docx, Some(fonts))
        .unwrap()
        .0;
    let pdf = render(&doc, style, &w, Target::Pdf, Some(fonts)).unwrap().0;
    let alone = render(&doc, style, &w, Target::Docx, None).unwrap().0;
    format!(
        "{} {} docx={} pdf={} docx-alone={}",
        rel.display(),
        v.name,
        sha256(&docx),
        sha256(&pdf),
        sha256(&alone)
    )
}

#[test]
fn every_document_renders_to_the_recorded_bytes() {
    let variants = variants();
    let jobs: Vec<(PathBuf, &Variant)> = documents()
        .into_iter()
        .flat_map(|p| variants.iter().map(move |v| (p.clone(), v)))
        .collect();
    assert!(jobs.len() >= 24, "documents found: {}", jobs.len());
    // Two workers: the machine's cores, shared with the other test binaries.
    let mut lines = vec![String::new(); jobs.len()];
    std::thread::scope(|scope| {
        let (left, right) = lines.split_at_mut(jobs.len() / 2);
        let (jl, jr) = jobs.split_at(jobs.len() / 2);
        for (out, todo) in [(left, jl), (right, jr)] {
            scope.spawn(move || {
                for (slot, (rel, variant)) in out.iter_mut().zip(todo) {
                    *slot = hash_line(rel, variant);
                }
            });
        }
    });
    let got = lines.join("\n") + "\n";
    let path = support::root().join(HASHES);
    if std::env::var_os("GONGWEN_BLESS").is_some_and(|v| v == "1") {
        std::fs::write(&path, &got).unwrap();
        return;
    }
    let want = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{HASHES}: {e} (GONGWEN_BLESS=1 cargo test --test golden)"));
    let changed: Vec<String> = got
        .lines()
        .filter(|l| !want.lines().any(|w| w == *l))
        .map(str::to_string)
        .collect();
    let gone: Vec<&str> = want
        .lines()
        .filter(|w| !got.lines().any(|l| l == *w))
        .collect();
    assert!(
        changed.is_empty() && gone.is_empty(),
        "output changed; if on purpose, re-bless with GONGWEN_BLESS=1 cargo test --test golden\n\
         now:\n{}\nrecorded:\n{}",
        changed.join("\n"),
        gone.join("\n")
    );
}
