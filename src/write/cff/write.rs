//! Writing the cut program: header, Name INDEX, Top DICT, String INDEX, global
//! subroutines, charset, FDSelect, charstrings, Font DICTs, then each Private
//! DICT followed by its subroutines. Every offset a DICT holds is written as a
//! five-byte integer, so each DICT's size is known before the layout is and the
//! program is written in one pass.

use super::read::{op, Entry, Index};
use super::subrs::{bias, Subrs};
use super::FontDict;

/// The body of a subroutine no kept glyph calls.
const RETURN: &[u8] = &[11];

/// Everything the program is written from.
pub struct Parts<'p, 'a> {
    /// The source's Name and String INDEXes, copied unchanged.
    pub name: &'a [u8],
    pub strings: &'a [u8],
    pub top: &'p [Entry<'a>],
    pub global: &'p Subrs<'a>,
    pub charstrings: &'p Index<'a>,
    /// Source glyph ids, in the cut's order.
    pub glyphs: &'p [u16],
    /// Each kept glyph's Font DICT among `font_dicts`.
    pub fds: &'p [u8],
    pub font_dicts: &'p [FontDict<'a>],
    /// The kept Font DICTs' local subroutines (empty INDEXes where none).
    pub locals: &'p [Subrs<'a>],
}

/// A DICT operand giving an offset or a size, always five bytes.
const OFFSET_OPERAND: usize = 5;

fn push_offset(out: &mut Vec<u8>, value: usize) {
    out.push(29);
    out.extend_from_slice(&(value as i32).to_be_bytes());
}

fn push_operator(out: &mut Vec<u8>, operator: u16) {
    if operator >= 1200 {
        out.extend_from_slice(&[12, (operator - 1200) as u8]);
    } else {
        out.push(operator as u8);
    }
}

/// A DICT's bytes from `entries` less the `dropped` operators, then the
/// `rewritten` operators with their offset operands.
fn dict(entries: &[Entry<'_>], dropped: &[u16], rewritten: &[(u16, &[usize])]) -> Vec<u8> {
    let mut out = Vec::new();
    for entry in entries {
        if !dropped.contains(&entry.op) {
            out.extend_from_slice(entry.bytes);
        }
    }
    for (operator, operands) in rewritten {
        for &value in operands.iter() {
            push_offset(&mut out, value);
        }
        push_operator(&mut out, *operator);
    }
    out
}

/// Bytes an offset needs to hold `value`.
fn off_size(value: usize) -> usize {
    match value {
        0..=0xff => 1,
        0x100..=0xffff => 2,
        0x1_0000..=0xff_ffff => 3,
        _ => 4,
    }
}

fn index_size(items: &[&[u8]]) -> usize {
    if items.is_empty() {
        return 2;
    }
    let data: usize = items.iter().map(|i| i.len()).sum();
    3 + (items.len() + 1) * off_size(data + 1) + data
}

pub(super) fn write_index(out: &mut Vec<u8>, items: &[&[u8]]) {
    out.extend_from_slice(&(items.len() as u16).to_be_bytes());
    if items.is_empty() {
        return;
    }
    let data: usize = items.iter().map(|i| i.len()).sum();
    let size = off_size(data + 1);
    out.push(size as u8);
    let mut offset = 1usize;
    for item in std::iter::once(&[][..]).chain(items.iter().copied()) {
        offset += item.len();
        out.extend_from_slice(&offset.to_be_bytes()[std::mem::size_of::<usize>() - size..]);
    }
    for item in items {
        out.extend_from_slice(item);
    }
}

/// The subroutines to write: all up to the last one called, at least as many
/// as keep the bias the charstrings were written for; uncalled ones `return`.
fn kept_subrs<'a>(subrs: &Subrs<'a>) -> Option<Vec<&'a [u8]>> {
    let count = subrs.index.len();
    let floor = match bias(count) {
        107 => 0,
        1131 => 1240,
        _ => 33900,
    };
    let last_used = subrs.used.iter().rposition(|u| *u).map_or(0, |i| i + 1);
    (0..last_used.max(floor))
        .map(|i| {
            if subrs.used[i] {
                subrs.index.get(i)
            } else {
                Some(RETURN)
            }
        })
        .collect()
}

/// FDSelect: format 3 (ranges of glyphs sharing a Font DICT) unless one byte
/// a glyph (format 0) is smaller.
fn fd_select(fds: &[u8]) -> Vec<u8> {
    let starts: Vec<usize> = (0..fds.len())
        .filter(|&i| i == 0 || fds[i] != fds[i - 1])
        .collect();
    let (ranges_size, per_glyph_size) = (5 + 3 * starts.len(), 1 + fds.len());
    if per_glyph_size <= ranges_size {
        return std::iter::once(0).chain(fds.iter().copied()).collect();
    }
    let mut out = vec![3];
    out.extend_from_slice(&(starts.len() as u16).to_be_bytes());
    for &first in &starts {
        out.extend_from_slice(&(first as u16).to_be_bytes());
        out.push(fds[first]);
    }
    out.extend_from_slice(&(fds.len() as u16).to_be_bytes());
    out
}

/// The charset: glyph i is CID i, one range after .notdef (format 2).
fn charset(glyphs: usize) -> Vec<u8> {
    if glyphs < 2 {
        return vec![0];
    }
    let mut out = vec![2, 0, 1];
    out.extend_from_slice(&((glyphs - 2) as u16).to_be_bytes());
    out
}

pub fn program(parts: &Parts<'_, '_>) -> Option<Vec<u8>> {
    let charstrings: Vec<&[u8]> = parts
        .glyphs
        .iter()
        .map(|&g| parts.charstrings.get(g as usize))
        .collect::<Option<_>>()?;
    let global = kept_subrs(parts.global)?;
    let locals: Vec<Vec<&[u8]>> = parts.locals.iter().map(kept_subrs).collect::<Option<_>>()?;
    let charset = charset(parts.glyphs.len());
    let fd_select = fd_select(parts.fds);

    // Sizes first (every offset operand is five bytes), then where each part goes.
    let copied = |entries: &[Entry<'_>], dropped: &[u16]| -> usize {
        entries
            .iter()
            .filter(|e| !dropped.contains(&e.op))
            .map(|e| e.bytes.len())
            .sum()
    };
    let top_rewritten = [op::CHARSET, op::CHAR_STRINGS, op::FD_SELECT, op::FD_ARRAY];
    let top_size = copied(parts.top, &top_rewritten) + 4 * OFFSET_OPERAND + 1 + 1 + 2 + 2;
    let private_sizes: Vec<usize> = (parts.font_dicts.iter().zip(&locals))
        .map(|(fd, local)| {
            let subrs = if local.is_empty() {
                0
            } else {
                OFFSET_OPERAND + 1
            };
            copied(&fd.private, &[op::SUBRS]) + subrs
        })
        .collect();
    let fd_sizes: Vec<usize> = (parts.font_dicts.iter())
        .map(|fd| copied(&fd.entries, &[op::PRIVATE]) + 2 * OFFSET_OPERAND + 1)
        .collect();
    let top_index_size = 3 + 2 * off_size(top_size + 1) + top_size;
    let charset_at =
        4 + parts.name.len() + top_index_size + parts.strings.len() + index_size(&global);
    let fd_select_at = charset_at + charset.len();
    let charstrings_at = fd_select_at + fd_select.len();
    let fd_array_at = charstrings_at + index_size(&charstrings);
    let fd_index_size = 3
        + (fd_sizes.len() + 1) * off_size(fd_sizes.iter().sum::<usize>() + 1)
        + fd_sizes.iter().sum::<usize>();
    let mut private_at = Vec::new();
    let mut end = fd_array_at + fd_index_size;
    for (size, local) in private_sizes.iter().zip(&locals) {
        private_at.push(end);
        end += size
            + if local.is_empty() {
                0
            } else {
                index_size(local)
            };
    }

    let mut out = Vec::with_capacity(end);
    out.extend_from_slice(&[1, 0, 4, off_size(end) as u8]);
    out.extend_from_slice(parts.name);
    let top = dict(
        parts.top,
        &top_rewritten,
        &[
            (op::CHARSET, &[charset_at]),
            (op::CHAR_STRINGS, &[charstrings_at]),
            (op::FD_SELECT, &[fd_select_at]),
            (op::FD_ARRAY, &[fd_array_at]),
        ],
    );
    write_index(&mut out, &[&top]);
    out.extend_from_slice(parts.strings);
    write_index(&mut out, &global);
    out.extend_from_slice(&charset);
    out.extend_from_slice(&fd_select);
    write_index(&mut out, &charstrings);
    let fd_dicts: Vec<Vec<u8>> = (parts.font_dicts.iter().zip(&private_sizes).zip(&private_at))
        .map(|((fd, &size), &at)| dict(&fd.entries, &[op::PRIVATE], &[(op::PRIVATE, &[size, at])]))
        .collect();
    write_index(
        &mut out,
        &fd_dicts.iter().map(|d| &d[..]).collect::<Vec<_>>(),
    );
    for ((fd, local), &size) in parts.font_dicts.iter().zip(&locals).zip(&private_sizes) {
        if local.is_empty() {
            out.extend_from_slice(&dict(&fd.private, &[op::SUBRS], &[]));
        } else {
            out.extend_from_slice(&dict(&fd.private, &[op::SUBRS], &[(op::SUBRS, &[size])]));
            write_index(&mut out, local);
        }
    }
    (out.len() == end).then_some(out)
}
