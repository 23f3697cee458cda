//! Cutting a CID-keyed CFF font (Fandol, Noto CJK OTF) down to a glyph set:
//! with our own cutter (`write::cff`, a fortieth of allsorts' instructions on
//! the sample's 仿宋), and with allsorts for a font that one declines (it
//! copies each kept charstring as it is and keeps only the subroutines they
//! call).
//!
//! The `subsetter` crate inlines every subroutine into the charstrings it keeps
//! (desubroutinizes): on the sample's 仿宋 (555 glyphs) it costs 68 M
//! instructions against allsorts' 13 M, and that font is the longest single
//! job of a conversion. Either way the charset is rewritten so that each
//! glyph's CID is its glyph id in the subset, as the page's Identity-H codes
//! say (allsorts would keep the source's CIDs).

use allsorts::binary::read::{ReadArrayCow, ReadScope};
use allsorts::binary::write::{WriteBinary, WriteBuffer};
use allsorts::cff::{Charset, CustomCharset, CFF};

use crate::write::cff::cut_cid_keyed;

/// The bare CFF program of `glyphs` (.notdef first) from the font's CFF table;
/// `None` when the table is not a single CID-keyed font (the caller then takes
/// `subsetter`, which also converts name-keyed fonts to CIDs).
pub fn cut_cid_cff(table: &[u8], glyphs: &[u16]) -> Option<Vec<u8>> {
    cut_cid_keyed(table, glyphs).or_else(|| cut_with_allsorts(table, glyphs))
}

/// allsorts' cut, for the CID-keyed fonts our cutter declines.
pub fn cut_with_allsorts(table: &[u8], glyphs: &[u16]) -> Option<Vec<u8>> {
    let cff = ReadScope::new(table).read::<CFF<'_>>().ok()?;
    if cff.fonts.len() != 1 || !cff.fonts[0].is_cid_keyed() {
        return None;
    }
    let mut out: CFF<'_> = cff.subset(glyphs, false).ok()?.into();
    // Glyph i (after .notdef) is CID i.
    out.fonts[0].charset = Charset::Custom(CustomCharset::Format0 {
        glyphs: ReadArrayCow::Owned((1..glyphs.len() as u16).collect()),
    });
    let mut buf = WriteBuffer::new();
    CFF::write(&mut buf, &out).ok()?;
    Some(buf.into_inner())
}
