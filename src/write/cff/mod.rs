//! Cutting a CID-keyed CFF font (Fandol, Noto CJK OTF) down to a glyph set,
//! written by hand because no crate does it cheaply. Measured on the sample's
//! 仿宋 (FandolFang, 6.8 MB of CFF, 555 glyphs kept; callgrind instructions):
//! allsorts' `CFF::subset` then write took 13.1 M, 12.1 M of them walking every
//! kept charstring through its full interpreter looking for subroutine calls
//! (the Fandol fonts have no subroutines at all); the `subsetter` crate takes
//! 68 M because it inlines every subroutine into the charstrings
//! (desubroutinizes). This cutter takes 0.34 M for the sample's three Fandol
//! fonts together, and its 仿宋 is 1.7 kB smaller (a one-range charset and
//! FDSelect where allsorts writes one entry a glyph). Renumbering the kept
//! subroutines instead of keeping their numbers would save a few bytes an
//! uncalled one but means rewriting every charstring's call operands; the
//! Fandol fonts have no subroutines, so that was not measured worth it.
//!
//! It reads only the header, the Name, Top DICT, String and global subroutine
//! INDEXes, FDSelect, the Font DICTs and their Private DICTs and subroutines,
//! and the kept glyphs' charstrings, which it copies unchanged. Glyph i of the
//! cut is CID i (the page's Identity-H codes are glyph ids), so the charset is
//! one range. Only the Font DICTs the kept glyphs use are kept. Subroutines keep
//! their numbers (charstrings call them by number), those no kept glyph calls
//! become a bare `return`, and an INDEX is shortened after its last called one
//! as far as its bias allows. A font this does not read (name-keyed, CFF2, a
//! font set, anything malformed) gets `None`, and the caller takes allsorts.

mod read;
mod subrs;
mod write;

use read::{op, parse_dict, Entry, FdSelect, Index};
use subrs::{mark_used, Subrs};

/// One Font DICT of the source: its entries and its Private DICT's.
struct FontDict<'a> {
    entries: Vec<Entry<'a>>,
    private: Vec<Entry<'a>>,
}

/// The bare CFF program of `glyphs` (glyph ids of the source; the first should
/// be .notdef) cut from the CFF table `table`, whose glyph i is CID i; `None`
/// when the table is not one CID-keyed font this reader understands.
pub fn cut_cid_keyed(table: &[u8], glyphs: &[u16]) -> Option<Vec<u8>> {
    if table.first() != Some(&1) || glyphs.is_empty() || glyphs.len() > u16::MAX as usize {
        return None;
    }
    let names = Index::parse(table, *table.get(2)? as usize)?;
    let top_dicts = Index::parse(table, names.end)?;
    let strings = Index::parse(table, top_dicts.end)?;
    let global = Index::parse(table, strings.end)?;
    if names.len() != 1 || top_dicts.len() != 1 {
        return None;
    }
    let top = parse_dict(top_dicts.get(0)?)?;
    let find = |wanted: u16| top.iter().find(|e| e.op == wanted);
    let declines = [op::PRIVATE, op::ENCODING];
    if find(op::ROS).is_none() || top.iter().any(|e| declines.contains(&e.op)) {
        return None;
    }
    if find(op::CHARSTRING_TYPE).is_some_and(|e| e.operands != [Some(2)]) {
        return None;
    }
    let charstrings = Index::parse(table, find(op::CHAR_STRINGS)?.offset(0)?)?;
    let fd_select = FdSelect::parse(table, find(op::FD_SELECT)?.offset(0)?, charstrings.len())?;
    let fd_array = Index::parse(table, find(op::FD_ARRAY)?.offset(0)?)?;

    // Each kept glyph's Font DICT, and the Font DICTs kept, in source order.
    let fds = glyphs
        .iter()
        .map(|&g| {
            let fd = fd_select.fd(g)? as usize;
            (fd < fd_array.len() && (g as usize) < charstrings.len()).then_some(fd)
        })
        .collect::<Option<Vec<usize>>>()?;
    let mut kept_fd = vec![None; fd_array.len()];
    for &fd in &fds {
        kept_fd[fd] = Some(0u8);
    }
    let mut font_dicts = Vec::new();
    let mut locals: Vec<Option<Subrs<'_>>> = Vec::new();
    for (fd, kept) in kept_fd.iter_mut().enumerate() {
        if kept.is_none() {
            locals.push(None);
            continue;
        }
        *kept = Some(u8::try_from(font_dicts.len()).ok()?);
        let (dict, local) = read_font_dict(table, fd_array.get(fd)?)?;
        font_dicts.push(dict);
        locals.push(Some(Subrs::new(local.unwrap_or(Index::parse(&[0, 0], 0)?))));
    }
    let mut global = Subrs::new(global);
    let kept = glyphs.iter().copied().zip(fds.iter().copied());
    mark_used(&charstrings, kept, &mut global, &mut locals)?;

    let kept_locals: Vec<Subrs<'_>> = locals.into_iter().flatten().collect();
    let new_fds: Vec<u8> = fds.iter().map(|&fd| kept_fd[fd]).collect::<Option<_>>()?;
    write::program(&write::Parts {
        name: names.bytes(),
        top: &top,
        strings: strings.bytes(),
        global: &global,
        charstrings: &charstrings,
        glyphs,
        fds: &new_fds,
        font_dicts: &font_dicts,
        locals: &kept_locals,
    })
}

/// A Font DICT, its Private DICT and that one's local subroutines, if any.
fn read_font_dict<'a>(
    table: &'a [u8],
    bytes: &'a [u8],
) -> Option<(FontDict<'a>, Option<Index<'a>>)> {
    let entries = parse_dict(bytes)?;
    let private_at = entries.iter().find(|e| e.op == op::PRIVATE)?;
    let (size, at) = (private_at.offset(0)?, private_at.offset(1)?);
    let private = parse_dict(table.get(at..at.checked_add(size)?)?)?;
    let local = match private.iter().find(|e| e.op == op::SUBRS) {
        Some(subrs) => Some(Index::parse(table, at.checked_add(subrs.offset(0)?)?)?),
        None => None,
    };
    Some((FontDict { entries, private }, local))
}
