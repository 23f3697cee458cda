//! Our CID-keyed CFF cutter (`write::cff`): what it cuts draws every kept glyph
//! exactly as the source does (outline and bounding box, through ttf-parser's
//! charstring interpreter), glyph i is CID i, subroutines survive (local and
//! global, nested, holding a hintmask, under two Font DICTs: the fixture
//! tests/fixtures/fonts/subrs.cff, made by make_subrs_cff.py beside it), and a
//! hostile table makes it decline, never panic. The embedded programs of the
//! sample's PDF load in fontTools (when python3 has it).

mod support;

use std::collections::BTreeSet;
use std::process::Command;

use gongwen::style::Style;
use gongwen::testing::write::cff::cut_cid_keyed;
use gongwen::testing::write::pdf_cff::{cut_cid_cff, cut_with_allsorts};
use ttf_parser::{cff, GlyphId, OutlineBuilder, Rect};

const SAMPLE: &str = include_str!("../examples/述责述廉报告.txt");
const SUBRS: &[u8] = include_bytes!("fixtures/fonts/subrs.cff");

/// A glyph's outline as drawn, segment by segment.
#[derive(Default, PartialEq, Debug)]
struct Path(Vec<(char, Vec<f32>)>);

impl OutlineBuilder for Path {
    fn move_to(&mut self, x: f32, y: f32) {
        self.0.push(('M', vec![x, y]));
    }
    fn line_to(&mut self, x: f32, y: f32) {
        self.0.push(('L', vec![x, y]));
    }
    fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
        self.0.push(('Q', vec![x1, y1, x, y]));
    }
    fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
        self.0.push(('C', vec![x1, y1, x2, y2, x, y]));
    }
    fn close(&mut self) {
        self.0.push(('Z', vec![]));
    }
}

fn outline(table: &cff::Table<'_>, gid: u16) -> (Path, Option<Rect>) {
    let mut path = Path::default();
    let rect = table.outline(GlyphId(gid), &mut path).ok();
    (path, rect)
}

fn fandol_fang() -> Vec<u8> {
    std::fs::read(support::root().join("fonts/FandolFang-Regular.otf")).unwrap()
}

fn cff_table(font: &[u8]) -> &[u8] {
    let face = ttf_parser::RawFace::parse(font, 0).unwrap();
    face.table(ttf_parser::Tag::from_bytes(b"CFF ")).unwrap()
}

/// Asserts that glyph i of `cut` is source glyph `glyphs[i]`, drawn the same,
/// with CID i.
fn assert_same_glyphs(source: &[u8], cut: &[u8], glyphs: &[u16]) {
    let (source, cut) = (
        cff::Table::parse(source).unwrap(),
        cff::Table::parse(cut).unwrap(),
    );
    assert_eq!(cut.number_of_glyphs() as usize, glyphs.len());
    let mut drawn = 0;
    for (i, &gid) in glyphs.iter().enumerate() {
        let (want, got) = (outline(&source, gid), outline(&cut, i as u16));
        drawn += !want.0 .0.is_empty() as usize;
        assert_eq!(got, want, "glyph {i} (source {gid})");
        assert_eq!(
            cut.glyph_cid(GlyphId(i as u16)),
            Some(i as u16),
            "CID of glyph {i}"
        );
    }
    // Spaces draw nothing; the rest of the glyphs are compared.
    assert!(
        drawn * 10 + 10 >= glyphs.len() * 9,
        "{drawn} of {} draw",
        glyphs.len()
    );
}

/// The glyphs the sample's text takes from 仿宋, .notdef first.
fn sample_glyphs(font: &[u8]) -> Vec<u16> {
    let face = ttf_parser::Face::parse(font, 0).unwrap();
    let set: BTreeSet<u16> = SAMPLE
        .chars()
        .filter_map(|c| face.glyph_index(c))
        .map(|g| g.0)
        .collect();
    std::iter::once(0)
        .chain(set.into_iter().filter(|g| *g != 0))
        .collect()
}

#[test]
fn fandol_fang_cut_draws_every_kept_glyph_as_the_source_and_is_smaller_than_allsorts() {
    let font = fandol_fang();
    let table = cff_table(&font);
    let glyphs = sample_glyphs(&font);
    assert!(glyphs.len() > 500, "{}", glyphs.len());
    let cut = cut_cid_keyed(table, &glyphs).expect("FandolFang is read by our cutter");
    assert_same_glyphs(table, &cut, &glyphs);
    assert_eq!(
        cut_cid_keyed(table, &glyphs).unwrap(),
        cut,
        "same bytes twice"
    );
    let allsorts = cut_with_allsorts(table, &glyphs).unwrap();
    assert!(
        cut.len() < allsorts.len(),
        "{} against allsorts' {}",
        cut.len(),
        allsorts.len()
    );
    assert_eq!(
        cut_cid_cff(table, &glyphs).unwrap(),
        cut,
        "the PDF writer's path takes it"
    );
}

#[test]
fn a_single_glyph_and_notdef_alone_cut_cleanly() {
    let font = fandol_fang();
    let table = cff_table(&font);
    for glyphs in [&[0u16][..], &[0, 42], &[0, 5000, 17]] {
        let cut = cut_cid_keyed(table, glyphs).unwrap();
        assert_same_glyphs(table, &cut, glyphs);
    }
}

#[test]
fn glyphs_calling_local_and_global_subroutines_survive() {
    let source = cff::Table::parse(SUBRS).unwrap();
    assert_eq!(source.number_of_glyphs(), 9);
    let every: Vec<u16> = (0..9).collect();
    // All, those of the second Font DICT only (odd glyphs, with .notdef of the
    // first), one of each, and out of order.
    for glyphs in [&every[..], &[0, 1, 3, 5, 7], &[0, 2], &[0, 8, 1]] {
        let cut = cut_cid_keyed(SUBRS, glyphs).expect("the fixture is read by our cutter");
        assert_same_glyphs(SUBRS, &cut, glyphs);
        assert!(cut.len() < SUBRS.len());
    }
    // Uncalled subroutines are cut to a bare return: fewer glyphs, fewer bytes.
    let all = cut_cid_keyed(SUBRS, &every).unwrap().len();
    let two = cut_cid_keyed(SUBRS, &[0, 2]).unwrap().len();
    assert!(two + 200 < all, "{two} against {all}");
}

#[test]
fn hostile_tables_are_declined_never_panic() {
    let font = fandol_fang();
    let fang = cff_table(&font);
    let glyphs = [0u16, 1, 2, 3];
    // Truncated anywhere.
    for len in (0..SUBRS.len()).step_by(7) {
        assert!(
            cut_cid_keyed(&SUBRS[..len], &glyphs).is_none(),
            "truncated at {len}"
        );
    }
    for len in [0, 3, 10, 100, 250, 1000, 100_000] {
        assert!(
            cut_cid_keyed(&fang[..len], &glyphs).is_none(),
            "truncated at {len}"
        );
    }
    // Glyph ids past the font, CFF2, an empty glyph list.
    assert!(cut_cid_keyed(SUBRS, &[0, 9]).is_none());
    assert!(cut_cid_keyed(fang, &[0, u16::MAX]).is_none());
    let mut cff2 = SUBRS.to_vec();
    cff2[0] = 2;
    assert!(cut_cid_keyed(&cff2, &glyphs).is_none());
    assert!(cut_cid_keyed(SUBRS, &[]).is_none());
    // Every byte in turn set to values that break offsets and operators: no
    // panic, and whatever is still cut parses.
    let every: Vec<u16> = (0..9).collect();
    for at in 0..SUBRS.len() {
        for value in [0x00, 0x0c, 0x1c, 0xff] {
            let mut bad = SUBRS.to_vec();
            bad[at] = value;
            if let Some(cut) = cut_cid_keyed(&bad, &every) {
                assert!(
                    cff::Table::parse(&cut).is_some(),
                    "byte {at} set to {value}"
                );
            }
        }
    }
}

#[test]
fn embedded_programs_load_in_font_tools() {
    let have = Command::new("python3")
        .args(["-c", "import fontTools"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !have {
        eprintln!("SKIPPED: python3 with fontTools (pip install fonttools)");
        return;
    }
    let pdf = support::pdf_of(SAMPLE, "sample.txt", &Style::default_style());
    let doc = lopdf::Document::load_mem(&pdf).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut programs = Vec::new();
    for (id, obj) in doc.objects.iter() {
        let Ok(d) = obj.as_dict() else { continue };
        let Ok(file) = d.get(b"FontFile3").and_then(|f| f.as_reference()) else {
            continue;
        };
        let stream = doc.get_object(file).unwrap().as_stream().unwrap();
        let mut program = Vec::new();
        std::io::Read::read_to_end(
            &mut flate2::read::ZlibDecoder::new(&stream.content[..]),
            &mut program,
        )
        .unwrap();
        let path = dir.path().join(format!("{}.cff", id.0));
        std::fs::write(&path, &program).unwrap();
        programs.push(path);
    }
    assert_eq!(programs.len(), 3, "仿宋, 黑体 and 宋体 are CFF");
    let script = "import io,sys\nfrom fontTools.cffLib import CFFFontSet\nfrom fontTools.pens.boundsPen import BoundsPen\nfor p in sys.argv[1:]:\n  c=CFFFontSet(); c.decompile(open(p,'rb'),None)\n  t=c.topDictIndex[0]; cs=t.CharStrings\n  assert list(t.charset)==['.notdef']+['cid%05d'%i for i in range(1,len(t.charset))]\n  drawn=0\n  for n in t.charset:\n    pen=BoundsPen(cs); cs[n].draw(pen); drawn+=pen.bounds is not None\n  print(len(t.charset), drawn)";
    let out = Command::new("python3")
        .args(["-c", script])
        .args(&programs)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for line in String::from_utf8_lossy(&out.stdout).lines() {
        let (glyphs, drawn): (usize, usize) = match line.split_once(' ') {
            Some((g, d)) => (g.parse().unwrap(), d.parse().unwrap()),
            None => panic!("{line}"),
        };
        assert!(
            glyphs > 1 && drawn + 1 >= glyphs,
            "{line}: every glyph but .notdef draws"
        );
    }
}
