//! Which subroutines the kept glyphs call, found by walking their Type 2
//! charstrings (Adobe TN 5177) only as far as that needs: numbers are pushed,
//! stem hints counted (a hintmask's mask is one bit a stem), calls followed.
//! Outlines are never built.
//!
//! A subroutine is walked again only when the state it could depend on differs:
//! once the hints are declared (the first hintmask or drawing operator), a walk
//! depends only on the Font DICT, the subroutine and the number of stems, so
//! each such triple is walked once, and what it found (the subroutines it calls,
//! whether it ends the glyph) stands for every later call. That holds because a
//! call's index must be pushed by the charstring making the call, and stem
//! hints after the hints are declared make the walk decline, as anything outside
//! the Type 2 charstrings fonts are written with does (arithmetic and storage
//! operators, CFF2's blend): the caller then cuts the font with allsorts.

use std::collections::HashMap;

use super::read::Index;

/// Type 2's limits: nested calls and operands on the stack.
const MAX_CALL_DEPTH: u8 = 10;
const MAX_OPERANDS: usize = 48;

/// Charstring bytes one cut may walk. Real glyphs run to a few kB with their
/// subroutines (and each is walked once past its hints); a font whose
/// subroutines call each other many times over would otherwise take time
/// exponential in the call depth, so past this it is declined.
const WALK_BUDGET: usize = 16 << 20;

/// One subroutine INDEX and which of its entries the kept glyphs call.
pub struct Subrs<'a> {
    pub index: Index<'a>,
    pub used: Vec<bool>,
}

impl<'a> Subrs<'a> {
    pub fn new(index: Index<'a>) -> Self {
        Subrs {
            index,
            used: vec![false; index.len()],
        }
    }

    /// The number added to a call's operand (TN 5176 §16), set by the count.
    pub fn bias(&self) -> i32 {
        bias(self.index.len())
    }
}

pub fn bias(count: usize) -> i32 {
    match count {
        0..=1239 => 107,
        1240..=33899 => 1131,
        _ => 32768,
    }
}

/// How a walk through a charstring ended.
#[derive(Clone, Copy, PartialEq)]
enum Flow {
    /// Ran off its end or hit `return`: the caller goes on.
    Continue,
    /// Hit `endchar`: the glyph is finished.
    End,
}

/// The walk's state across calls within one glyph.
struct Glyph {
    stack: Vec<i32>,
    stems: usize,
    hints_declared: bool,
}

/// A fixed-point operand: never a subroutine number.
const NOT_AN_INTEGER: i32 = i32::MIN;

/// Marks in `global` and `locals[fd]` every subroutine the charstrings of
/// `glyphs` (each with its Font DICT) call; `None` when a charstring is one
/// this walk does not read.
pub fn mark_used<'a>(
    charstrings: &Index<'a>,
    glyphs: impl Iterator<Item = (u16, usize)>,
    global: &mut Subrs<'a>,
    locals: &mut [Option<Subrs<'a>>],
) -> Option<()> {
    let mut walker = Walker {
        global,
        locals,
        memo: HashMap::new(),
        fd: 0,
        budget: WALK_BUDGET,
    };
    for (gid, fd) in glyphs {
        let has_local = walker
            .locals
            .get(fd)?
            .as_ref()
            .is_some_and(|s| s.index.len() > 0);
        if walker.global.index.len() == 0 && !has_local {
            continue; // nothing it could call
        }
        walker.fd = fd;
        let mut glyph = Glyph {
            stack: Vec::new(),
            stems: 0,
            hints_declared: false,
        };
        walker.walk(charstrings.get(gid as usize)?, &mut glyph, 0)?;
    }
    Some(())
}

struct Walker<'w, 'a> {
    global: &'w mut Subrs<'a>,
    locals: &'w mut [Option<Subrs<'a>>],
    /// (Font DICT, global?, subroutine, stems) → whether it ends the glyph.
    memo: HashMap<(usize, bool, usize, usize), Flow>,
    fd: usize,
    /// Bytes still to be walked before the cut is declined.
    budget: usize,
}

impl<'a> Walker<'_, 'a> {
    fn walk(&mut self, code: &[u8], glyph: &mut Glyph, depth: u8) -> Option<Flow> {
        if depth > MAX_CALL_DEPTH {
            return None;
        }
        self.budget = self.budget.checked_sub(code.len())?;
        // Operands this charstring pushed since the stack was last cleared or a
        // call returned: a call's index must be one of them.
        let mut pushed_here = 0usize;
        let mut at = 0;
        while let Some(&b0) = code.get(at) {
            at += 1;
            let byte = |i: usize| code.get(at + i).map(|b| *b as i32);
            let number = match b0 {
                32..=246 => Some(b0 as i32 - 139),
                247..=250 => Some((b0 as i32 - 247) * 256 + byte(0)? + 108),
                251..=254 => Some(-(b0 as i32 - 251) * 256 - byte(0)? - 108),
                28 => Some(i16::from_be_bytes([byte(0)? as u8, byte(1)? as u8]) as i32),
                255 => code.get(at + 3).map(|_| NOT_AN_INTEGER),
                _ => None,
            };
            if let Some(value) = number {
                at += match b0 {
                    32..=246 => 0,
                    247..=254 => 1,
                    28 => 2,
                    _ => 4,
                };
                if glyph.stack.len() == MAX_OPERANDS {
                    return None;
                }
                glyph.stack.push(value);
                pushed_here += 1;
                continue;
            }
            match b0 {
                // hstem, vstem, hstemhm, vstemhm: a stem per pair of operands
                // (an odd one is the advance width).
                1 | 3 | 18 | 23 => {
                    if glyph.hints_declared {
                        return None;
                    }
                    glyph.stems += glyph.stack.len() / 2;
                }
                // hintmask, cntrmask: operands left here are vstems.
                19 | 20 => {
                    if !glyph.hints_declared {
                        glyph.stems += glyph.stack.len() / 2;
                        glyph.hints_declared = true;
                    }
                    at += glyph.stems.div_ceil(8);
                }
                10 | 29 => {
                    if pushed_here == 0 {
                        return None;
                    }
                    let number = glyph.stack.pop()?;
                    if self.call(b0 == 29, number, glyph, depth)? == Flow::End {
                        return Some(Flow::End);
                    }
                    pushed_here = 0;
                    continue;
                }
                11 => return Some(Flow::Continue),
                14 => return Some(Flow::End),
                // The path operators.
                4..=8 | 21 | 22 | 24..=27 | 30 | 31 => glyph.hints_declared = true,
                12 => {
                    at += 1;
                    match code.get(at - 1)? {
                        0 => {}                                 // dotsection
                        34..=37 => glyph.hints_declared = true, // the flexes
                        _ => return None,                       // arithmetic, storage, random
                    }
                }
                _ => return None, // reserved, or CFF2's vsindex and blend
            }
            glyph.stack.clear();
            pushed_here = 0;
        }
        Some(Flow::Continue)
    }

    /// Follows a call to subroutine `number` (before the bias) of the global
    /// INDEX or the glyph's Font DICT's.
    fn call(&mut self, global: bool, number: i32, glyph: &mut Glyph, depth: u8) -> Option<Flow> {
        let subrs = if global {
            &mut *self.global
        } else {
            self.locals.get_mut(self.fd)?.as_mut()?
        };
        let index = usize::try_from(number.checked_add(subrs.bias())?).ok()?;
        let body = subrs.index.get(index)?;
        subrs.used[index] = true;
        let key = (self.fd, global, index, glyph.stems);
        if glyph.hints_declared {
            if let Some(flow) = self.memo.get(&key) {
                // Its operands (if it leaves any) are not needed: only stem
                // hints read the stack's depth, and they are over.
                glyph.stack.clear();
                return Some(*flow);
            }
        }
        let memoisable = glyph.hints_declared;
        let flow = self.walk(body, glyph, depth + 1)?;
        if memoisable {
            self.memo.insert(key, flow);
        }
        Some(flow)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::write::cff::write::write_index;

    /// Global subroutines 0–8 each calling the next 100 times, 9 empty.
    fn calling_chain() -> Vec<u8> {
        let mut bodies: Vec<Vec<u8>> = (1..10)
            .map(|next: u8| [next + 139 - 107, 29].repeat(100))
            .collect();
        bodies.push(vec![11]);
        let mut out = Vec::new();
        write_index(&mut out, &bodies.iter().map(|b| &b[..]).collect::<Vec<_>>());
        out
    }

    /// Walk one glyph that calls global subroutine `first` of the chain:
    /// the marks, or `None` when the walk is declined.
    fn walk_chain_from(first: u8) -> Option<Vec<bool>> {
        let table = calling_chain();
        let global = Index::parse(&table, 0).unwrap();
        // Pushes `first` (biased by -107), callgsubr, endchar.
        let glyph: &[u8] = &[first + 139 - 107, 29, 14];
        let mut charstrings = Vec::new();
        write_index(&mut charstrings, &[glyph]);
        let charstrings = Index::parse(&charstrings, 0).unwrap();
        let mut global = Subrs::new(global);
        let mut locals = [None];
        let glyphs = std::iter::once((0u16, 0usize));
        mark_used(&charstrings, glyphs, &mut global, &mut locals)?;
        Some(global.used)
    }

    #[test]
    fn a_call_chain_exponential_to_walk_is_declined_quickly() {
        // Subroutine 0 starts the whole chain: 100⁹ walks.
        assert!(walk_chain_from(0).is_none());
    }

    #[test]
    fn a_shallow_chain_marks_every_subroutine_it_reaches() {
        // Subroutine 7 calls 8, which calls 9: 1 + 100 + 100² walks.
        let used = walk_chain_from(7).unwrap();
        let used: Vec<usize> = (0..10).filter(|&i| used[i]).collect();
        assert_eq!(used, [7, 8, 9]);
    }
}
