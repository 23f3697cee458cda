//! What the layout hands the painters: pages of positioned glyph runs and
//! rules, the outline, and the pagination facts the DOCX borrows.

use super::*;

/// A glyph at its place on a line.
#[derive(Debug, Clone, PartialEq)]
pub struct PlacedGlyph {
    pub gid: u16,
    /// The character it stands for (copy and search give it back).
    pub ch: char,
    /// x of the glyph origin, points from the page's left edge.
    pub x: f32,
    /// The room it takes (the pen moves by this much).
    pub advance: f32,
}

/// Glyphs of one font and size on one baseline.
#[derive(Debug, Clone, PartialEq)]
pub struct TextRun {
    pub font: usize,
    pub size: f32,
    /// Baseline, points from the page's top edge.
    pub baseline: f32,
    pub color: [f32; 3],
    pub bold: bool,
    pub glyphs: Vec<PlacedGlyph>,
}

/// A straight rule, points from the page's top-left corner.
#[derive(Debug, Clone, PartialEq)]
pub struct Rule {
    pub x0: f32,
    pub y0: f32,
    pub x1: f32,
    pub y1: f32,
    pub width: f32,
    pub color: [f32; 3],
}

/// A picture at its place and size, points from the page's top-left corner.
#[derive(Debug, Clone, PartialEq)]
pub struct PlacedImage {
    /// The block it comes from (index into `Document::blocks`): one picture
    /// of the document, whatever pages show it.
    pub block: usize,
    pub x: f32,
    pub y: f32,
    pub width: f32,
    pub height: f32,
    pub image: crate::model::Image,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Text(TextRun),
    Rule(Rule),
    Image(PlacedImage),
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Page {
    pub items: Vec<Item>,
    /// The number printed at the foot, if any.
    pub number: Option<u32>,
}

impl Page {
    pub fn runs(&self) -> impl Iterator<Item = &TextRun> {
        self.items.iter().filter_map(|i| match i {
            Item::Text(t) => Some(t),
            Item::Rule(_) | Item::Image(_) => None,
        })
    }
}

/// A bookmark: a heading, its level and where it stands.
#[derive(Debug, Clone, PartialEq)]
pub struct OutlineEntry {
    pub title: String,
    pub level: u8,
    pub page: usize,
    /// Top of the heading's first line, points from the page top.
    pub y: f32,
}

#[derive(Debug, Default)]
pub struct Laid {
    pub pages: Vec<Page>,
    /// Pages the body fills, before any blank page and the 版记's own page.
    pub body_pages: usize,
    /// When the 版记 stands at the foot of the body's last page: where that
    /// page begins, as a piece (index into `Plan::pieces`) and a byte offset
    /// in its text (0: the piece starts the page). `None` when the page begins
    /// with something the DOCX cannot break at (a table, carried lines, a
    /// paragraph the plan does not let be cut there).
    pub record_shares_page_from: Option<(usize, usize)>,
    /// Where the body (or the title) begins under a 版头, from the 版心's top:
    /// on a grid line.
    pub body_top: Option<f32>,
    pub outline: Vec<OutlineEntry>,
    pub report: FontReport,
}

/// How a run of text is set.
#[derive(Debug, Clone, PartialEq)]
pub struct SpanStyle {
    pub family: Family,
    pub size: f32,
    pub color: [f32; 3],
    pub bold: bool,
}
