//! Font resolution, aliases, collections, per-character fallback and reports.

mod support;

use std::path::{Path, PathBuf};

use gongwen::fonts::system::SysFace;
use gongwen::fonts::{Font, FontRole, FontSet, FontSource, Origin, Resolver, Shaper};
use gongwen::style::{Family, Style};

fn fonts_dir() -> PathBuf {
    support::root().join("fonts")
}

fn sys(file: &str, families: &[&str], ps: &str) -> SysFace {
    SysFace {
        path: fonts_dir().join(file),
        index: 0,
        families: families.iter().map(|s| s.to_string()).collect(),
        postscript: ps.into(),
        weight: 400,
        italic: false,
    }
}

fn first(resolver: &mut Resolver, style: &Style, role: FontRole) -> FontSource {
    resolver.candidates(style, role).into_iter().next().unwrap()
}

#[test]
fn config_path_wins_over_system_which_wins_over_bundled() {
    let style = Style::default_style();
    // No system font: the bundled one.
    let mut r = Resolver::with(Vec::new(), vec![fonts_dir()]);
    let f = first(&mut r, &style, FontRole::Cjk(Family::Fangsong));
    assert_eq!(
        (f.path.file_name().unwrap().to_str().unwrap(), f.origin),
        ("FandolFang-Regular.otf", Origin::Bundled)
    );
    // An installed 仿宋_GB2312 (played here by FandolKai) comes first.
    let system = vec![sys(
        "FandolKai-Regular.otf",
        &["仿宋_GB2312"],
        "FangSong_GB2312",
    )];
    let mut r = Resolver::with(system.clone(), vec![fonts_dir()]);
    let c = r.candidates(&style, FontRole::Cjk(Family::Fangsong));
    assert_eq!(
        (
            c[0].path.file_name().unwrap().to_str().unwrap(),
            c[0].origin
        ),
        ("FandolKai-Regular.otf", Origin::System)
    );
    assert_eq!(
        c[1].origin,
        Origin::Bundled,
        "the bundled font stays as a fallback"
    );
    // A file named in the style sheet comes before both.
    let hei = fonts_dir().join("FandolHei-Regular.otf");
    let user = Style::with_overrides(
        &format!(
            "[fonts.files]\nfangsong = [{:?}]\n",
            hei.display().to_string()
        ),
        "u.toml",
    )
    .unwrap();
    let mut r = Resolver::with(system, vec![fonts_dir()]);
    let c = r.candidates(&user, FontRole::Cjk(Family::Fangsong));
    let order: Vec<(&str, Origin)> = c
        .iter()
        .map(|s| (s.path.file_name().unwrap().to_str().unwrap(), s.origin))
        .collect();
    assert_eq!(
        &order[..3],
        &[
            ("FandolHei-Regular.otf", Origin::User),
            ("FandolKai-Regular.otf", Origin::System),
            ("FandolFang-Regular.otf", Origin::Bundled)
        ]
    );
}

#[test]
fn official_names_match_through_aliases() {
    let style = Style::default_style();
    for alias in ["FangSong", "STFangsong", "仿宋", "FangSong_GB2312"] {
        let mut r = Resolver::with(
            vec![sys("FandolKai-Regular.otf", &[alias], "X")],
            vec![fonts_dir()],
        );
        assert_eq!(
            first(&mut r, &style, FontRole::Cjk(Family::Fangsong)).origin,
            Origin::System,
            "{alias}"
        );
    }
    let mut r = Resolver::with(
        vec![sys(
            "FandolKai-Regular.otf",
            &["Whatever"],
            "FZXBSJW--GB1-0",
        )],
        vec![fonts_dir()],
    );
    assert_eq!(
        first(&mut r, &style, FontRole::Cjk(Family::Xiaobiaosong)).origin,
        Origin::System,
        "PostScript names match too"
    );
    // A family name in the style sheet is looked up among installed fonts.
    let user = Style::with_overrides("[fonts.files]\nkaiti = [\"华文楷体\"]\n", "u.toml").unwrap();
    let mut r = Resolver::with(
        vec![sys(
            "FandolHei-Regular.otf",
            &["华文楷体", "STKaiti"],
            "STKaiti",
        )],
        vec![fonts_dir()],
    );
    let f = first(&mut r, &user, FontRole::Cjk(Family::Kaiti));
    assert_eq!(
        (f.path.file_name().unwrap().to_str().unwrap(), f.origin),
        ("FandolHei-Regular.otf", Origin::User)
    );
}

/// A TrueType collection of the given fonts (offsets relocated).
fn make_ttc(fonts: &[&Path], out: &Path) {
    let datas: Vec<Vec<u8>> = fonts.iter().map(|p| std::fs::read(p).unwrap()).collect();
    let be32 = |b: &[u8], o: usize| u32::from_be_bytes([b[o], b[o + 1], b[o + 2], b[o + 3]]);
    let header = 12 + 4 * datas.len();
    let mut dirs_len = 0;
    for d in &datas {
        let n = u16::from_be_bytes([d[4], d[5]]) as usize;
        dirs_len += 12 + 16 * n;
    }
    let mut out_bytes = vec![0u8; header + dirs_len];
    out_bytes[..4].copy_from_slice(b"ttcf");
    out_bytes[4..8].copy_from_slice(&0x0001_0000u32.to_be_bytes());
    out_bytes[8..12].copy_from_slice(&(datas.len() as u32).to_be_bytes());
    let mut dir_at = header;
    for (fi, d) in datas.iter().enumerate() {
        out_bytes[12 + 4 * fi..16 + 4 * fi].copy_from_slice(&(dir_at as u32).to_be_bytes());
        let n = u16::from_be_bytes([d[4], d[5]]) as usize;
        out_bytes[dir_at..dir_at + 12].copy_from_slice(&d[..12]);
        for t in 0..n {
            let rec = 12 + 16 * t;
            let (off, len) = (be32(d, rec + 8) as usize, be32(d, rec + 12) as usize);
            while out_bytes.len() % 4 != 0 {
                out_bytes.push(0);
            }
            let new_off = out_bytes.len();
            out_bytes.extend_from_slice(&d[off..off + len]);
            let dst = dir_at + rec;
            out_bytes[dst..dst + 8].copy_from_slice(&d[rec..rec + 8]);
            out_bytes[dst + 8..dst + 12].copy_from_slice(&(new_off as u32).to_be_bytes());
            out_bytes[dst + 12..dst + 16].copy_from_slice(&(len as u32).to_be_bytes());
        }
        dir_at += 12 + 16 * n;
    }
    std::fs::write(out, out_bytes).unwrap();
}

#[test]
fn collections_open_the_requested_face() {
    let dir = tempfile::tempdir().unwrap();
    let ttc = dir.path().join("tinos.ttc");
    make_ttc(
        &[
            &fonts_dir().join("Tinos-Regular.ttf"),
            &fonts_dir().join("Tinos-Bold.ttf"),
        ],
        &ttc,
    );
    for (i, ps) in [(0, "Tinos-Regular"), (1, "Tinos-Bold")] {
        let f = Font::open(FontSource {
            path: ttc.clone(),
            index: i,
            origin: Origin::User,
        })
        .unwrap();
        assert_eq!(f.postscript, ps);
    }
    // `file#1` in the style sheet selects the face.
    let user = Style::with_overrides(
        &format!("[fonts.files]\nlatin = [\"{}#1\"]\n", ttc.display()),
        "u.toml",
    )
    .unwrap();
    let mut r = Resolver::with(Vec::new(), vec![fonts_dir()]);
    let set = FontSet::load(&user, &mut r).unwrap();
    let latin = set.primary(FontRole::Latin).unwrap();
    assert_eq!(
        (latin.source.index, latin.postscript.as_str()),
        (1, "Tinos-Bold")
    );
    // A face that does not exist is a clear error.
    let e = Font::open(FontSource {
        path: ttc,
        index: 5,
        origin: Origin::User,
    })
    .unwrap_err()
    .to_string();
    assert!(e.contains("tinos.ttc") && e.contains("face 5"), "{e}");
}

#[test]
fn missing_characters_fall_back_and_are_reported_once() {
    let style = Style::default_style();
    let set = support::bundled_fonts(&style);
    let mut s = Shaper::new(&set);
    let primary = set.chain(FontRole::Cjk(Family::Fangsong))[0];
    let g = s.glyph(Family::Fangsong, '政');
    assert_eq!(g.font, primary);
    // 镕 is not in FandolFang: the bundled Noto Serif SC draws it.
    let g = s.glyph(Family::Fangsong, '镕');
    assert_ne!(g.font, primary);
    assert!(g.gid != 0);
    assert!(s.font(g.font).postscript.starts_with("NotoSerifSC"));
    s.glyph(Family::Fangsong, '镕');
    assert_eq!(s.report.fallbacks.len(), 1);
    let msg = s.report.messages().join("\n");
    assert!(
        msg.contains("fangsong") && msg.contains('镕') && msg.contains("U+9555"),
        "{msg}"
    );
    // Punctuation stays in the primary font.
    assert_eq!(s.glyph(Family::Fangsong, '，').font, primary);
    // Digits of 仿宋 text come from the Latin font.
    let d = s.glyph(Family::Fangsong, '7');
    assert_eq!(s.font(d.font).postscript, "Tinos-Regular");
    // A character no font has is reported, with how to add one.
    let tangut = '\u{17000}';
    let g = s.glyph(Family::Fangsong, tangut);
    assert_eq!(g.gid, 0);
    assert!(s.report.missing.contains(&tangut));
    assert!(s
        .report
        .messages()
        .iter()
        .any(|m| m.contains(tangut) && m.contains("[fonts.files]")));
}

#[test]
fn strict_turns_missing_glyphs_into_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("x.txt");
    std::fs::write(&input, "关于X的通知\n正文含有\u{17000}字。\n").unwrap();
    let run = |strict: bool| {
        let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_gongwen"));
        c.env("GONGWEN_NO_SYSTEM_FONTS", "1")
            .arg("convert")
            .arg(&input)
            .args(["--to", "pdf"]);
        if strict {
            c.arg("--strict");
        }
        c.output().unwrap()
    };
    let out = run(false);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("warning:"));
    assert!(dir.path().join("x.pdf").exists());
    std::fs::remove_file(dir.path().join("x.pdf")).unwrap();
    let out = run(true);
    // The fonts at hand cannot draw the draft: the environment's failure.
    assert_eq!(out.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--strict"));
    assert!(
        !dir.path().join("x.pdf").exists(),
        "no output when --strict fails"
    );
}

#[test]
fn fonts_command_shows_the_bundled_set_for_every_role() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_gongwen"))
        .env("GONGWEN_NO_SYSTEM_FONTS", "1")
        .arg("fonts")
        .output()
        .unwrap();
    assert!(out.status.success());
    let s = String::from_utf8_lossy(&out.stdout);
    for (role, file) in [
        ("fangsong", "FandolFang-Regular.otf"),
        ("kaiti", "FandolKai-Regular.otf"),
        ("heiti", "FandolHei-Regular.otf"),
        ("songti", "FandolSong-Regular.otf"),
        ("xiaobiaosong", "NotoSerifSC-Bold.ttf"),
        ("latin", "Tinos-Regular.ttf"),
    ] {
        let block = &s[s.find(&format!("{role}:")).unwrap()..];
        let primary = block.lines().nth(1).unwrap();
        assert!(
            primary.contains("primary") && primary.contains(file) && primary.contains("(bundled)"),
            "{primary}"
        );
    }
    assert!(s.contains("GB2312 6763/6763"));
}
