//! The style sheet: every typographic number of both writers, read from
//! `styles/gbt9704.toml` (compiled in) and optionally overridden key by key by a
//! user's file.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::{Error, Result};
use crate::model::{Block, BlockKind};

mod overrides;
use overrides::{bad_role_size, merge};

/// The default style sheet, compiled into the binary.
pub const DEFAULT_TOML: &str = include_str!("../../styles/gbt9704.toml");

/// The same sheet as JSON, converted by build.rs when the crate is built:
/// serde_json reads it in about 0.1 M instructions where toml 1 took 1.06 M
/// to parse the TOML (a fortieth of the sample's conversion; callgrind).
const DEFAULT_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/gbt9704.json"));

pub const MM_PER_INCH: f32 = 25.4;
pub const PT_PER_INCH: f32 = 72.0;

pub fn mm_to_pt(mm: f32) -> f32 {
    mm * PT_PER_INCH / MM_PER_INCH
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Style {
    pub name: String,
    pub page: Page,
    pub grid: Grid,
    pub fonts: Fonts,
    pub house: House,
    pub roles: Roles,
    pub signature: SignatureRules,
    pub page_number: PageNumberRules,
    pub table: TableRules,
    pub image: ImageRules,
    pub layout: LayoutRules,
    pub frame: FrameRules,
    /// Folder of the user's style file; relative font paths start here.
    #[serde(skip)]
    pub base_dir: Option<PathBuf>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Page {
    pub width_mm: f32,
    pub height_mm: f32,
    pub margin_top_mm: f32,
    pub margin_left_mm: f32,
    pub text_width_mm: f32,
    pub text_height_mm: f32,
    pub header_mm: f32,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Grid {
    pub lines_per_page: u32,
    pub chars_per_line: u32,
    pub line_pitch_pt: f32,
    pub docx_char_spacing_pt: f32,
    pub baseline_in_line: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Family {
    Fangsong,
    Kaiti,
    Heiti,
    Songti,
    Xiaobiaosong,
}

impl Family {
    pub const ALL: [Family; 5] = [
        Family::Fangsong,
        Family::Kaiti,
        Family::Heiti,
        Family::Songti,
        Family::Xiaobiaosong,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Family::Fangsong => "fangsong",
            Family::Kaiti => "kaiti",
            Family::Heiti => "heiti",
            Family::Songti => "songti",
            Family::Xiaobiaosong => "xiaobiaosong",
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FamilyNames {
    pub fangsong: String,
    pub kaiti: String,
    pub heiti: String,
    pub songti: String,
    pub xiaobiaosong: String,
}

impl FamilyNames {
    pub fn get(&self, f: Family) -> &str {
        match f {
            Family::Fangsong => &self.fangsong,
            Family::Kaiti => &self.kaiti,
            Family::Heiti => &self.heiti,
            Family::Songti => &self.songti,
            Family::Xiaobiaosong => &self.xiaobiaosong,
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fonts {
    pub names: String,
    pub latin: String,
    pub legacy: FamilyNames,
    pub current: FamilyNames,
    pub alternates: BTreeMap<String, Vec<String>>,
    pub files: BTreeMap<String, Vec<String>>,
}

impl Fonts {
    /// The DOCX name of a family under the chosen naming ("legacy" or "current").
    pub fn docx_name(&self, f: Family) -> &str {
        if self.names == "current" {
            self.current.get(f)
        } else {
            self.legacy.get(f)
        }
    }

    /// Every name the family goes by, the chosen one first.
    pub fn all_names(&self, f: Family) -> Vec<String> {
        let mut v = vec![self.docx_name(f).to_string()];
        for n in [self.legacy.get(f), self.current.get(f)] {
            if !v.iter().any(|x| x == n) {
                v.push(n.to_string());
            }
        }
        for n in self.alternates.get(f.key()).into_iter().flatten() {
            if !v.contains(n) {
                v.push(n.clone());
            }
        }
        v
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct House {
    pub bold_heading_levels: Vec<u8>,
    pub seal: bool,
    pub author: String,
    pub avoid_single_char_last_line: bool,
    pub min_lines_at_page_break: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Align {
    Left,
    #[serde(alias = "center")]
    Centre,
    Right,
    Justify,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Role {
    pub font: Family,
    pub size_pt: f32,
    pub align: Align,
    #[serde(default)]
    pub first_line_indent_chars: f32,
    #[serde(default)]
    pub left_indent_chars: f32,
    #[serde(default)]
    pub right_indent_chars: f32,
    #[serde(default)]
    pub space_before_lines: f32,
    #[serde(default)]
    pub space_after_lines: f32,
    /// Exact line pitch; the grid's when absent.
    #[serde(default)]
    pub line_pitch_pt: Option<f32>,
    #[serde(default)]
    pub bold: bool,
    #[serde(default = "black")]
    pub color: String,
    #[serde(default)]
    pub keep_with_next: bool,
    #[serde(default = "yes")]
    pub snap_to_grid: bool,
    #[serde(default)]
    pub page_break_before: bool,
    /// 1-based outline level for headings (the navigation pane, PDF bookmarks).
    #[serde(default)]
    pub outline_level: Option<u8>,
}

fn black() -> String {
    "000000".into()
}
fn yes() -> bool {
    true
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Roles {
    pub body: Role,
    pub title: Role,
    pub subtitle: Role,
    pub org_mark: Role,
    pub doc_number: Role,
    pub addressee: Role,
    pub heading1: Role,
    pub heading2: Role,
    pub heading3: Role,
    pub heading4: Role,
    pub list_item: Role,
    pub table: Role,
    pub image: Role,
    pub caption: Role,
    pub attachment_note: Role,
    pub signature: Role,
    pub date: Role,
    pub note: Role,
    pub attachment_label: Role,
    pub attachment_title: Role,
    pub cc: Role,
    pub issued_by: Role,
    pub page_number: Role,
    pub copy_no: Role,
    pub secrecy: Role,
    pub issuer: Role,
    pub signer: Role,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignatureRules {
    pub right_indent_chars: f32,
    pub date_shift_chars: f32,
    pub seal_date_right_indent_chars: f32,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageNumberRules {
    pub below_text_mm: f32,
    pub inset_chars: f32,
    pub dash: String,
    pub dash_gap: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TableRules {
    pub rule_width_pt: f32,
    pub cell_padding_pt: f32,
    pub column_slack_em: f32,
    pub column_min_chars: f32,
}

/// Pictures (`image` in the style sheet).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImageRules {
    /// Pixels per inch at a picture's natural size.
    pub natural_dpi: f32,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrameRules {
    pub issuer_top_mm: f32,
    pub lines_before_doc_number: f32,
    pub issuer_stack_line_em: f32,
    pub issuer_suffix_gap_em: f32,
    pub side_indent_chars: f32,
    pub rule_below_doc_number_mm: f32,
    pub rule_width_pt: f32,
    pub rule_color: String,
    pub lines_before_title: f32,
    pub signer_label: String,
    pub record_thick_rule_mm: f32,
    pub record_thin_rule_mm: f32,
    pub letter_issuer_top_from_page_mm: f32,
    pub letter_rule_length_mm: f32,
    pub letter_rule_below_issuer_mm: f32,
    pub letter_bottom_rule_from_page_mm: f32,
    pub letter_thick_pt: f32,
    pub letter_thin_pt: f32,
    pub letter_rule_gap_pt: f32,
    pub letter_gap_below_rule_pt: f32,
    pub letter_foot_line_pt: f32,
    pub order_issuer_top_mm: f32,
    pub minutes_lines_before_attendance: f32,
    pub record_docx_tail_pt: f32,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LayoutRules {
    pub em_ascent: f32,
    pub kinsoku: KinsokuMode,
    pub no_line_start: String,
    pub no_line_end: String,
    pub unbreakable: Vec<String>,
    pub force_full_width: String,
    pub fake_bold_stroke_em: f32,
    pub libreoffice_autospace_em: f32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum KinsokuMode {
    Push,
    Squeeze,
}

/// Derived page geometry in points, shared by both writers.
#[derive(Debug, Clone, Copy)]
pub struct Geometry {
    pub page_w: f32,
    pub page_h: f32,
    pub left: f32,
    pub top: f32,
    pub text_w: f32,
    pub text_h: f32,
    /// Width of one grid cell (版心 width / characters per line).
    pub cell: f32,
    pub pitch: f32,
}

impl Style {
    /// The compiled-in GB/T 9704 style.
    pub fn default_style() -> Style {
        serde_json::from_str(DEFAULT_JSON).expect("the built-in style sheet is valid")
    }

    /// The default style with a user's file laid over it key by key.
    pub fn load(user: Option<&Path>) -> Result<Style> {
        let Some(path) = user else {
            return Ok(Self::default_style());
        };
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        let mut style = Self::with_overrides(&text, &path.display().to_string())?;
        style.base_dir = path.parent().map(Path::to_path_buf);
        Ok(style)
    }

    /// Merge TOML text over the default sheet.
    pub fn with_overrides(user_toml: &str, name: &str) -> Result<Style> {
        let mut base: toml::Value =
            toml::from_str(DEFAULT_TOML).expect("the built-in style sheet is valid");
        let over: toml::Value = toml::from_str(user_toml).map_err(|e| Error::Style {
            path: name.into(),
            message: e.to_string(),
        })?;
        merge(&mut base, over);
        if let Some(bad) = bad_role_size(&base) {
            return Err(Error::Style {
                path: name.into(),
                message: format!("roles.{bad}.size_pt must be a positive number of points"),
            });
        }
        let style: Style = base.try_into().map_err(|e: toml::de::Error| Error::Style {
            path: name.into(),
            message: e.to_string(),
        })?;
        style.validate(name)?;
        Ok(style)
    }

    fn validate(&self, name: &str) -> Result<()> {
        let bad = |m: String| {
            Err(Error::Style {
                path: name.into(),
                message: m,
            })
        };
        if self.grid.lines_per_page == 0 || self.grid.chars_per_line == 0 {
            return bad("grid.lines_per_page and grid.chars_per_line must be positive".into());
        }
        if self.page.text_width_mm <= 0.0
            || self.page.margin_left_mm + self.page.text_width_mm > self.page.width_mm
        {
            return bad("the 版心 must fit on the page horizontally".into());
        }
        if self.page.text_height_mm <= 0.0
            || self.page.margin_top_mm + self.page.text_height_mm > self.page.height_mm
        {
            return bad("the 版心 must fit on the page vertically".into());
        }
        let needed = self.grid.line_pitch_pt * self.grid.lines_per_page as f32;
        if needed > mm_to_pt(self.page.text_height_mm) + 0.5 {
            return bad(format!(
                "{} lines at {} pt do not fit in the 版心",
                self.grid.lines_per_page, self.grid.line_pitch_pt
            ));
        }
        if self.fonts.names != "legacy" && self.fonts.names != "current" {
            return bad(format!(
                "fonts.names must be \"legacy\" or \"current\", not {:?}",
                self.fonts.names
            ));
        }
        Ok(())
    }

    /// The style a document asks for: its metadata's `font_names` over the
    /// sheet's `fonts.names`.
    pub fn for_document(&self, meta: &crate::meta::Meta) -> std::borrow::Cow<'_, Style> {
        match meta.font_names {
            Some(n) if n.key() != self.fonts.names => {
                let mut s = self.clone();
                s.fonts.names = n.key().to_string();
                std::borrow::Cow::Owned(s)
            }
            _ => std::borrow::Cow::Borrowed(self),
        }
    }

    pub fn geometry(&self) -> Geometry {
        let text_w = mm_to_pt(self.page.text_width_mm);
        Geometry {
            page_w: mm_to_pt(self.page.width_mm),
            page_h: mm_to_pt(self.page.height_mm),
            left: mm_to_pt(self.page.margin_left_mm),
            top: mm_to_pt(self.page.margin_top_mm),
            text_w,
            text_h: mm_to_pt(self.page.text_height_mm),
            cell: text_w / self.grid.chars_per_line as f32,
            pitch: self.grid.line_pitch_pt,
        }
    }

    /// The role that formats a block (headings by level).
    pub fn role_for(&self, b: &Block) -> &Role {
        match b.kind {
            BlockKind::Title => &self.roles.title,
            BlockKind::Subtitle => &self.roles.subtitle,
            BlockKind::OrgMark => &self.roles.org_mark,
            BlockKind::DocNumber => &self.roles.doc_number,
            BlockKind::Addressee => &self.roles.addressee,
            BlockKind::Heading => self.heading_role(b.heading.as_ref().map_or(1, |h| h.level)),
            BlockKind::Paragraph => &self.roles.body,
            BlockKind::ListItem => &self.roles.list_item,
            BlockKind::Table => &self.roles.table,
            BlockKind::AttachmentNote => &self.roles.attachment_note,
            BlockKind::AttachmentLabel => &self.roles.attachment_label,
            BlockKind::AttachmentTitle => &self.roles.attachment_title,
            BlockKind::Signature => &self.roles.signature,
            BlockKind::Date => &self.roles.date,
            BlockKind::Note => &self.roles.note,
            BlockKind::Cc => &self.roles.cc,
            BlockKind::IssuedBy => &self.roles.issued_by,
            BlockKind::Image => &self.roles.image,
            BlockKind::Caption => &self.roles.caption,
        }
    }

    pub fn heading_role(&self, level: u8) -> &Role {
        match level {
            0 | 1 => &self.roles.heading1,
            2 => &self.roles.heading2,
            3 => &self.roles.heading3,
            _ => &self.roles.heading4,
        }
    }

    pub fn heading_bold(&self, level: u8) -> bool {
        self.house.bold_heading_levels.contains(&level) || self.heading_role(level).bold
    }

    /// Line pitch of a role.
    pub fn pitch(&self, r: &Role) -> f32 {
        r.line_pitch_pt.unwrap_or(self.grid.line_pitch_pt)
    }
}

/// One 字 of a role, in points: its size, or the grid cell when a grid role's
/// glyphs are squeezed to fit the grid (3号 text: 15.79 pt cells for 16 pt glyphs).
pub fn char_width(style: &Style, r: &Role) -> f32 {
    let cell = style.geometry().cell;
    if r.snap_to_grid && r.size_pt > cell {
        cell
    } else {
        r.size_pt
    }
}

/// Width of text in ems of its own size, for placement rules counted in 字:
/// what does not take a full cell (`script::is_full_width`) counts half.
pub fn text_ems(s: &str) -> f32 {
    s.chars()
        .map(|c| {
            if crate::script::is_full_width(c) {
                1.0
            } else {
                0.5
            }
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_sheet_reads_the_same_from_json_as_from_toml() {
        let from_toml: Style = toml::from_str(DEFAULT_TOML).unwrap();
        let from_json = Style::default_style();
        assert_eq!(format!("{from_json:?}"), format!("{from_toml:?}"));
        // A real comparison: the sheet has hundreds of values.
        assert!(format!("{from_toml:?}").len() > 3000);
    }

    #[test]
    fn default_sheet_geometry() {
        let s = Style::default_style();
        let g = s.geometry();
        assert!((g.page_w - 595.28).abs() < 0.01);
        assert!((g.cell - 15.793).abs() < 0.001);
        assert_eq!(s.roles.body.size_pt, 16.0);
        assert_eq!(s.roles.title.size_pt, 22.0);
        assert_eq!(s.fonts.docx_name(Family::Fangsong), "仿宋_GB2312");
    }

    #[test]
    fn user_file_overrides_single_keys() {
        let s = Style::with_overrides(
            "[fonts]\nnames = \"current\"\n[house]\nbold_heading_levels = [2, 3]\n",
            "user.toml",
        )
        .unwrap();
        assert_eq!(s.fonts.docx_name(Family::Fangsong), "仿宋");
        assert!(s.heading_bold(2) && !s.heading_bold(1));
        assert_eq!(
            s.roles.body.size_pt, 16.0,
            "untouched keys keep the default"
        );
    }

    #[test]
    fn bad_user_files_are_rejected_with_the_file_name() {
        let e = Style::with_overrides("[grid]\nlines_per_page = 40\n", "mine.toml")
            .unwrap_err()
            .to_string();
        assert!(e.contains("mine.toml") && e.contains("do not fit"), "{e}");
        let e = Style::with_overrides("[roles.body]\nsize = 12\n", "mine.toml")
            .unwrap_err()
            .to_string();
        assert!(e.contains("mine.toml") && e.contains("size"), "{e}");
        for size in ["0.0", "-14", "nan"] {
            let e = Style::with_overrides(
                &format!("[roles.page_number]\nsize_pt = {size}\n"),
                "mine.toml",
            )
            .unwrap_err()
            .to_string();
            assert!(
                e.contains("mine.toml") && e.contains("roles.page_number.size_pt"),
                "{e}"
            );
        }
    }
}
