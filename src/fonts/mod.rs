//! Fonts for the PDF: which file draws each role, and which font draws each
//! character.
//!
//! Resolution, per family, first hit wins: the style's `[fonts.files]` (a path,
//! `path#face`, or a family name), then installed fonts under any of the official
//! names (仿宋_GB2312 ↔ FangSong_GB2312 ↔ 仿宋 ↔ FangSong ↔ STFangsong …), then the
//! bundled `fonts/`. Behind the primary stands a fallback chain, so that no
//! character is dropped: each fallback is reported once, and characters no font
//! has are reported too.

mod hash;
pub(crate) use hash::BuildKeyHasher;
mod resolve;
pub mod system;

pub use resolve::{bundled_dirs, Resolver};

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::error::{Error, Result};
use crate::style::{Family, Style};

/// Where a font came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Origin {
    /// Named in the style sheet.
    User,
    /// Installed on the system.
    System,
    /// Shipped in `fonts/`.
    Bundled,
}

impl Origin {
    pub fn name(self) -> &'static str {
        match self {
            Origin::User => "user",
            Origin::System => "system",
            Origin::Bundled => "bundled",
        }
    }
}

/// The roles fonts are resolved for: the five CJK families and the Latin font of
/// 仿宋/楷体 text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FontRole {
    Cjk(Family),
    Latin,
}

impl FontRole {
    pub const ALL: [FontRole; 6] = [
        FontRole::Cjk(Family::Fangsong),
        FontRole::Cjk(Family::Kaiti),
        FontRole::Cjk(Family::Heiti),
        FontRole::Cjk(Family::Songti),
        FontRole::Cjk(Family::Xiaobiaosong),
        FontRole::Latin,
    ];

    pub fn key(self) -> &'static str {
        match self {
            FontRole::Cjk(f) => f.key(),
            FontRole::Latin => "latin",
        }
    }
}

/// Official and common names of each family, for matching installed fonts
/// (fonts.md §5, §7; gbt9704.md §10).
pub fn alias_names(role: FontRole, style: &Style) -> Vec<String> {
    let extra: &[&str] = match role {
        FontRole::Cjk(Family::Fangsong) => &[
            "仿宋_GB2312",
            "FangSong_GB2312",
            "仿宋",
            "FangSong",
            "STFangsong",
            "华文仿宋",
            "方正仿宋_GBK",
            "FZFangSong-Z02",
        ],
        FontRole::Cjk(Family::Kaiti) => &[
            "楷体_GB2312",
            "KaiTi_GB2312",
            "楷体",
            "KaiTi",
            "STKaiti",
            "华文楷体",
            "方正楷体_GBK",
        ],
        FontRole::Cjk(Family::Heiti) => &["黑体", "SimHei", "STHeiti", "华文黑体", "方正黑体_GBK"],
        FontRole::Cjk(Family::Songti) => &["宋体", "SimSun", "STSong", "华文宋体"],
        FontRole::Cjk(Family::Xiaobiaosong) => &[
            "方正小标宋简体",
            "FZXiaoBiaoSong-B05S",
            "FZXBSJW--GB1-0",
            "方正小标宋_GBK",
            "FZXiaoBiaoSong-B05",
            "FZXBSK--GBK1-0",
        ],
        FontRole::Latin => &["Times New Roman", "TimesNewRomanPSMT"],
    };
    let mut names: Vec<String> = match role {
        FontRole::Cjk(f) => style.fonts.all_names(f),
        FontRole::Latin => vec![style.fonts.latin.clone()],
    };
    for n in extra {
        if !names.iter().any(|x| x == n) {
            names.push((*n).to_string());
        }
    }
    names
}

/// The bundled files of a role's chain where no font is named or installed,
/// primary first: what [`FontSet::from_memory`] builds the browser's chains of.
pub fn bundled_chain(role: FontRole) -> Vec<&'static str> {
    let mut v = vec![bundled_file(role)];
    if matches!(role, FontRole::Cjk(_)) && !v.contains(&LAST_RESORT) {
        v.push(LAST_RESORT);
    }
    v
}

/// Bundled file of a role, and the bundled/system fallbacks behind it.
fn bundled_file(role: FontRole) -> &'static str {
    match role {
        FontRole::Cjk(Family::Fangsong) => "FandolFang-Regular.otf",
        FontRole::Cjk(Family::Kaiti) => "FandolKai-Regular.otf",
        FontRole::Cjk(Family::Heiti) => "FandolHei-Regular.otf",
        FontRole::Cjk(Family::Songti) => "FandolSong-Regular.otf",
        FontRole::Cjk(Family::Xiaobiaosong) => "NotoSerifSC-Bold.ttf",
        FontRole::Latin => "Tinos-Regular.ttf",
    }
}

/// Installed fonts with wide coverage to fall back on (fonts.md §5), by role.
fn system_fallbacks(role: FontRole) -> &'static [(&'static str, u16)] {
    match role {
        FontRole::Cjk(Family::Heiti) => &[
            ("Noto Sans CJK SC", 400),
            ("Noto Sans SC", 400),
            ("Source Han Sans SC", 400),
        ],
        FontRole::Cjk(Family::Xiaobiaosong) => &[
            ("Noto Serif CJK SC", 700),
            ("Noto Serif SC", 700),
            ("Source Han Serif SC", 700),
        ],
        FontRole::Cjk(Family::Kaiti) => &[
            ("AR PL UKai CN", 400),
            ("LXGW WenKai", 400),
            ("Noto Serif CJK SC", 400),
            ("Noto Serif SC", 400),
        ],
        FontRole::Cjk(_) => &[
            ("Noto Serif CJK SC", 400),
            ("Noto Serif SC", 400),
            ("Source Han Serif SC", 400),
            ("Noto Sans CJK SC", 400),
        ],
        FontRole::Latin => &[],
    }
}

/// The last resort of every CJK role: the bundled font with the widest coverage.
const LAST_RESORT: &str = "NotoSerifSC-Bold.ttf";

/// Where a font file is, before it is opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FontSource {
    pub path: PathBuf,
    pub index: u32,
    pub origin: Origin,
}

/// An opened font: the file memory-mapped, parsed on demand.
pub struct Font {
    pub source: FontSource,
    data: FontBytes,
    pub family: String,
    pub postscript: String,
    pub units_per_em: u16,
    pub is_cff: bool,
}

enum FontBytes {
    Mapped(memmap2::Mmap),
    Owned(Vec<u8>),
}

impl FontBytes {
    fn as_slice(&self) -> &[u8] {
        match self {
            FontBytes::Mapped(m) => m,
            FontBytes::Owned(v) => v,
        }
    }
}

impl std::fmt::Debug for Font {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "Font({} #{} {})",
            self.source.path.display(),
            self.source.index,
            self.postscript
        )
    }
}

impl Font {
    /// Open and check a font file (TTF, OTF/CFF, or a face of a TTC).
    pub fn open(source: FontSource) -> Result<Font> {
        let file = std::fs::File::open(&source.path)
            .map_err(|e| Error::Font(format!("{}: {e}", source.path.display())))?;
        // SAFETY: the map is read-only; a font file changed underneath a running
        // conversion would at worst give wrong glyphs, like any reader of it.
        let data = match unsafe { memmap2::Mmap::map(&file) } {
            Ok(m) => FontBytes::Mapped(m),
            Err(_) => FontBytes::Owned(
                std::fs::read(&source.path)
                    .map_err(|e| Error::Font(format!("{}: {e}", source.path.display())))?,
            ),
        };
        Font::parse(source, data)
    }

    /// A font handed in as bytes (the browser has no files); `source.path` only
    /// names it.
    pub fn from_bytes(source: FontSource, bytes: Vec<u8>) -> Result<Font> {
        Font::parse(source, FontBytes::Owned(bytes))
    }

    fn parse(source: FontSource, data: FontBytes) -> Result<Font> {
        let (family, postscript, upem, is_cff) = {
            let face = ttf_parser::Face::parse(data.as_slice(), source.index).map_err(|e| {
                Error::Font(format!(
                    "{} (face {}): not a usable font: {e}",
                    source.path.display(),
                    source.index
                ))
            })?;
            let name = |id: u16| {
                face.names()
                    .into_iter()
                    .filter(|n| n.name_id == id && n.is_unicode())
                    .find_map(|n| n.to_string())
                    .unwrap_or_default()
            };
            let family = {
                let f = name(ttf_parser::name_id::TYPOGRAPHIC_FAMILY);
                if f.is_empty() {
                    name(ttf_parser::name_id::FAMILY)
                } else {
                    f
                }
            };
            let ps = name(ttf_parser::name_id::POST_SCRIPT_NAME);
            let is_cff = face.tables().cff.is_some();
            (family, ps, face.units_per_em(), is_cff)
        };
        Ok(Font {
            source,
            data,
            family,
            postscript,
            units_per_em: upem,
            is_cff,
        })
    }

    pub fn bytes(&self) -> &[u8] {
        self.data.as_slice()
    }

    /// Parse the face (cheap: ttf-parser reads tables lazily).
    pub fn face(&self) -> ttf_parser::Face<'_> {
        ttf_parser::Face::parse(self.bytes(), self.source.index).expect("checked when opened")
    }

    /// A name for messages: PostScript name and file.
    pub fn label(&self) -> String {
        format!(
            "{} ({})",
            if self.postscript.is_empty() {
                &self.family
            } else {
                &self.postscript
            },
            self.source.path.display()
        )
    }
}

/// The fonts a document's roles use, opened, with their fallback chains.
pub struct FontSet {
    fonts: Vec<Arc<Font>>,
    chains: BTreeMap<FontRole, Vec<usize>>,
}

/// What happened while choosing fonts per character.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct FontReport {
    /// (role, character) → the font that drew it instead of the primary.
    pub fallbacks: BTreeMap<(String, char), String>,
    /// Characters no font in the chain has (drawn as .notdef).
    pub missing: BTreeSet<char>,
    /// The roles glyphs were asked of (the browser loads only their fonts).
    pub roles: BTreeSet<FontRole>,
}

impl FontReport {
    pub fn is_clean(&self) -> bool {
        self.fallbacks.is_empty() && self.missing.is_empty()
    }

    /// Lines for the user.
    pub fn messages(&self) -> Vec<String> {
        let mut out = Vec::new();
        for ((role, c), font) in &self.fallbacks {
            out.push(format!(
                "font fallback: {role} role: '{c}' (U+{:04X}) drawn with {font}",
                *c as u32
            ));
        }
        if !self.missing.is_empty() {
            let list: String = self.missing.iter().collect();
            out.push(format!(
                "no font has these characters (they print as boxes): {list} — install a font that has them (e.g. Debian's fonts-noto-cjk) or name one under [fonts.files] in a style file"
            ));
        }
        out
    }

    pub fn merge(&mut self, other: FontReport) {
        self.fallbacks.extend(other.fallbacks);
        self.missing.extend(other.missing);
        self.roles.extend(other.roles);
    }
}

impl FontSet {
    /// Resolve and open the fonts of every role. A role whose candidates all fail
    /// to open is an error naming what was tried.
    pub fn load(style: &Style, resolver: &mut Resolver) -> Result<FontSet> {
        let mut fonts: Vec<Arc<Font>> = Vec::new();
        let mut chains = BTreeMap::new();
        let mut errors = Vec::new();
        for role in FontRole::ALL {
            let mut chain = Vec::new();
            for src in resolver.candidates(style, role) {
                if let Some(i) = fonts
                    .iter()
                    .position(|f| f.source.path == src.path && f.source.index == src.index)
                {
                    chain.push(i);
                    continue;
                }
                match Font::open(src) {
                    Ok(f) => {
                        fonts.push(Arc::new(f));
                        chain.push(fonts.len() - 1);
                    }
                    Err(e) => errors.push(e.to_string()),
                }
            }
            if chain.is_empty() && role != FontRole::Latin {
                return Err(Error::Font(format!(
                    "no font found for the {} role; the bundled fonts/ folder was not found (set GONGWEN_FONTS_DIR) {}",
                    role.key(),
                    errors.join("; ")
                )));
            }
            chains.insert(role, chain);
        }
        Ok(FontSet { fonts, chains })
    }

    /// The bundled chains from fonts handed in as bytes, by bundled file name:
    /// the chains [`FontSet::load`] builds where no font is named or installed,
    /// less the files not handed in (their roles fall back, or report their
    /// characters missing). The fonts keep the order `load` gives them, so that
    /// the PDF names them alike and the bytes are the command line's.
    pub fn from_memory(mut files: BTreeMap<String, Vec<u8>>) -> Result<FontSet> {
        let mut fonts: Vec<Arc<Font>> = Vec::new();
        let mut names: Vec<&str> = Vec::new();
        let mut chains = BTreeMap::new();
        for role in FontRole::ALL {
            let mut chain = Vec::new();
            for file in bundled_chain(role) {
                if let Some(i) = names.iter().position(|n| *n == file) {
                    chain.push(i);
                } else if let Some(bytes) = files.remove(file) {
                    let source = FontSource {
                        path: PathBuf::from(file),
                        index: 0,
                        origin: Origin::Bundled,
                    };
                    fonts.push(Arc::new(Font::from_bytes(source, bytes)?));
                    names.push(file);
                    chain.push(fonts.len() - 1);
                }
            }
            chains.insert(role, chain);
        }
        if let Some(name) = files.keys().next() {
            return Err(Error::Font(format!("{name} is not a bundled font")));
        }
        Ok(FontSet { fonts, chains })
    }

    pub fn fonts(&self) -> &[Arc<Font>] {
        &self.fonts
    }

    /// Another handle on the same opened fonts (cheap: the files are shared).
    pub fn share(&self) -> FontSet {
        FontSet {
            fonts: self.fonts.clone(),
            chains: self.chains.clone(),
        }
    }

    /// The fonts of a role, primary first.
    pub fn chain(&self, role: FontRole) -> &[usize] {
        self.chains.get(&role).map(Vec::as_slice).unwrap_or(&[])
    }

    pub fn primary(&self, role: FontRole) -> Option<&Arc<Font>> {
        self.chain(role).first().map(|&i| &self.fonts[i])
    }
}

/// Per-document glyph lookup over parsed faces (they borrow the mapped files).
pub struct Shaper<'a> {
    set: &'a FontSet,
    faces: Vec<ttf_parser::Face<'a>>,
    /// Glyphs already chosen, by family and character (a document repeats a few
    /// hundred characters; cmap searches per character cost more).
    cache: std::collections::HashMap<(Family, char), Glyph, BuildKeyHasher>,
    pub report: FontReport,
}

/// A character resolved to a font and glyph.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Glyph {
    pub font: usize,
    pub gid: u16,
    /// Advance in ems of the font size.
    pub advance: f32,
}

impl<'a> Shaper<'a> {
    pub fn new(set: &'a FontSet) -> Shaper<'a> {
        Shaper {
            set,
            faces: set.fonts.iter().map(|f| f.face()).collect(),
            cache: Default::default(),
            report: FontReport::default(),
        }
    }

    pub fn font(&self, i: usize) -> &Arc<Font> {
        &self.set.fonts[i]
    }

    fn lookup(&self, font: usize, c: char) -> Option<Glyph> {
        let face = &self.faces[font];
        let gid = face.glyph_index(c)?;
        if gid.0 == 0 {
            return None;
        }
        let upem = face.units_per_em().max(1) as f32;
        let advance = face.glyph_hor_advance(gid).unwrap_or(0) as f32 / upem;
        Some(Glyph {
            font,
            gid: gid.0,
            advance,
        })
    }

    /// The glyph for `c` in a role: Latin letters and digits of 仿宋/楷体 text from
    /// the Latin font, everything else from the first font of the chain that has
    /// it. Fallbacks and misses are recorded in the report.
    pub fn glyph(&mut self, family: Family, c: char) -> Glyph {
        if let Some(g) = self.cache.get(&(family, c)) {
            return *g;
        }
        let g = self.choose(family, c);
        self.cache.insert((family, c), g);
        g
    }

    fn choose(&mut self, family: Family, c: char) -> Glyph {
        let latin_role = matches!(family, Family::Fangsong | Family::Kaiti) && c.is_ascii_graphic();
        self.report.roles.insert(if latin_role {
            FontRole::Latin
        } else {
            FontRole::Cjk(family)
        });
        if latin_role {
            if let Some(&i) = self.set.chain(FontRole::Latin).first() {
                if let Some(g) = self.lookup(i, c) {
                    return g;
                }
            }
        }
        let chain = self.set.chain(FontRole::Cjk(family));
        if latin_role {
            // The Latin font lacks it: the role's own chain draws it.
            self.report.roles.insert(FontRole::Cjk(family));
        }
        for (k, &i) in chain.iter().enumerate() {
            if let Some(g) = self.lookup(i, c) {
                if k > 0 && !c.is_whitespace() {
                    self.report
                        .fallbacks
                        .entry((family.key().to_string(), c))
                        .or_insert_with(|| self.set.fonts[i].label());
                }
                return g;
            }
        }
        if !c.is_whitespace() && !c.is_control() {
            self.report.missing.insert(c);
        }
        let primary = chain.first().copied().unwrap_or(0);
        Glyph {
            font: primary,
            gid: 0,
            advance: 1.0,
        }
    }
}

/// The 6,763 Han characters of GB2312 (rows 0xB0–0xF7).
pub fn gb2312_hanzi() -> Vec<char> {
    let mut out = Vec::with_capacity(6763);
    for hi in 0xB0u8..=0xF7 {
        for lo in 0xA1u8..=0xFE {
            let pair = [hi, lo];
            let (s, had_errors) = encoding_rs::GB18030.decode_without_bom_handling(&pair);
            if let Some(c) = s.chars().next() {
                if !had_errors && crate::script::is_han(c) {
                    out.push(c);
                }
            }
        }
    }
    out
}

/// How many of the given characters a font has.
pub fn coverage(font: &Font, chars: &[char]) -> usize {
    let face = font.face();
    chars
        .iter()
        .filter(|&&c| face.glyph_index(c).is_some_and(|g| g.0 != 0))
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gb2312_has_6763_hanzi() {
        assert_eq!(gb2312_hanzi().len(), 6763);
    }

    #[test]
    fn aliases_cover_official_names() {
        let s = Style::default_style();
        let names = alias_names(FontRole::Cjk(Family::Fangsong), &s);
        for n in [
            "仿宋_GB2312",
            "FangSong_GB2312",
            "仿宋",
            "FangSong",
            "STFangsong",
        ] {
            assert!(names.iter().any(|x| x == n), "{n}");
        }
        assert!(alias_names(FontRole::Cjk(Family::Xiaobiaosong), &s)
            .iter()
            .any(|x| x == "FZXiaoBiaoSong-B05S"));
    }
}
