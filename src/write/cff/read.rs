//! Reading the parts of a CFF table the cutter needs (Adobe TN 5176): INDEXes,
//! DICTs and FDSelect. Every read is bounds-checked and answers `None` on
//! anything malformed, so a hostile font makes the cutter decline, never panic.

/// One INDEX (TN 5176 §5): `count` items whose data lies between offsets.
#[derive(Clone, Copy)]
pub struct Index<'a> {
    table: &'a [u8],
    /// Where the offset array starts.
    offsets_at: usize,
    off_size: usize,
    count: usize,
    /// The byte before the first item's data: offsets are 1-based from here.
    data_base: usize,
    /// The byte after the INDEX.
    pub end: usize,
    start: usize,
}

impl<'a> Index<'a> {
    pub fn parse(table: &'a [u8], at: usize) -> Option<Self> {
        let count = u16_at(table, at)? as usize;
        if count == 0 {
            let end = at + 2;
            return Some(Index {
                table,
                offsets_at: end,
                off_size: 1,
                count,
                data_base: end,
                end,
                start: at,
            });
        }
        let off_size = *table.get(at + 2)? as usize;
        if !(1..=4).contains(&off_size) {
            return None;
        }
        let offsets_at = at + 3;
        let data_base = offsets_at.checked_add((count + 1) * off_size)? - 1;
        let index = Index {
            table,
            offsets_at,
            off_size,
            count,
            data_base,
            end: 0,
            start: at,
        };
        let last = index.offset(count)?;
        let end = data_base.checked_add(last)?;
        (last >= 1 && end <= table.len()).then_some(Index { end, ..index })
    }

    pub fn len(&self) -> usize {
        self.count
    }

    fn offset(&self, i: usize) -> Option<usize> {
        let at = self.offsets_at + i * self.off_size;
        let bytes = self.table.get(at..at + self.off_size)?;
        Some(bytes.iter().fold(0usize, |v, b| v << 8 | *b as usize))
    }

    /// Item `i`'s bytes; `None` past the end or when its offsets are corrupt.
    pub fn get(&self, i: usize) -> Option<&'a [u8]> {
        if i >= self.count {
            return None;
        }
        let (from, to) = (self.offset(i)?, self.offset(i + 1)?);
        if from == 0 || from > to || self.data_base + to > self.end {
            return None;
        }
        self.table.get(self.data_base + from..self.data_base + to)
    }

    /// The whole INDEX as it lies in the table, for copying unchanged.
    pub fn bytes(&self) -> &'a [u8] {
        &self.table[self.start..self.end]
    }
}

pub fn u16_at(data: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes([*data.get(at)?, *data.get(at + 1)?]))
}

/// A DICT operator; two-byte (escaped) ones are `1200 + second byte`.
pub mod op {
    pub const PRIVATE: u16 = 18;
    pub const SUBRS: u16 = 19;
    pub const CHARSET: u16 = 15;
    pub const ENCODING: u16 = 16;
    pub const CHAR_STRINGS: u16 = 17;
    pub const CHARSTRING_TYPE: u16 = 1206;
    pub const ROS: u16 = 1230;
    pub const FD_ARRAY: u16 = 1236;
    pub const FD_SELECT: u16 = 1237;
}

/// One DICT entry: its operator, its integer operands (`None` for a real), and
/// its bytes (operands and operator) for copying unchanged.
pub struct Entry<'a> {
    pub op: u16,
    pub operands: Vec<Option<i32>>,
    pub bytes: &'a [u8],
}

impl Entry<'_> {
    /// The `i`th operand as a non-negative integer (an offset or a size).
    pub fn offset(&self, i: usize) -> Option<usize> {
        usize::try_from((*self.operands.get(i)?)?).ok()
    }
}

/// The entries of a DICT (TN 5176 §4).
pub fn parse_dict(data: &[u8]) -> Option<Vec<Entry<'_>>> {
    let mut entries = Vec::new();
    let (mut at, mut start) = (0, 0);
    let mut operands = Vec::new();
    while at < data.len() {
        let b0 = data[at];
        let byte = |i: usize| data.get(at + i).map(|b| *b as i32);
        let (value, width) = match b0 {
            0..=21 => {
                let (op, width) = if b0 == 12 {
                    (1200 + byte(1)? as u16, 2)
                } else {
                    (b0 as u16, 1)
                };
                at += width;
                let operands = std::mem::take(&mut operands);
                entries.push(Entry {
                    op,
                    operands,
                    bytes: &data[start..at],
                });
                start = at;
                continue;
            }
            28 => (
                Some(i16::from_be_bytes([byte(1)? as u8, byte(2)? as u8]) as i32),
                3,
            ),
            29 => {
                let b = data.get(at + 1..at + 5)?;
                (Some(i32::from_be_bytes([b[0], b[1], b[2], b[3]])), 5)
            }
            30 => (None, real_width(&data[at + 1..])? + 1),
            32..=246 => (Some(b0 as i32 - 139), 1),
            247..=250 => (Some((b0 as i32 - 247) * 256 + byte(1)? + 108), 2),
            251..=254 => (Some(-(b0 as i32 - 251) * 256 - byte(1)? - 108), 2),
            _ => return None,
        };
        operands.push(value);
        if operands.len() > 48 {
            return None;
        }
        at += width;
    }
    operands.is_empty().then_some(entries)
}

/// Bytes of a real operand's nibbles, up to and including the one ending it.
fn real_width(data: &[u8]) -> Option<usize> {
    let end = data
        .iter()
        .position(|b| b & 0x0f == 0x0f || b >> 4 == 0x0f)?;
    Some(end + 1)
}

/// The Font DICT index of each glyph (TN 5176 §19), format 0 or 3.
pub enum FdSelect<'a> {
    PerGlyph(&'a [u8]),
    /// (first glyph, FD) ranges in order; the last range ends at the sentinel.
    Ranges(Vec<(u16, u8)>, u16),
}

impl<'a> FdSelect<'a> {
    pub fn parse(table: &'a [u8], at: usize, glyphs: usize) -> Option<Self> {
        match *table.get(at)? {
            0 => Some(FdSelect::PerGlyph(table.get(at + 1..at + 1 + glyphs)?)),
            3 => {
                let count = u16_at(table, at + 1)? as usize;
                let ranges = (0..count)
                    .map(|i| {
                        let range = at + 3 + i * 3;
                        Some((u16_at(table, range)?, *table.get(range + 2)?))
                    })
                    .collect::<Option<Vec<_>>>()?;
                let sentinel = u16_at(table, at + 3 + count * 3)?;
                let ordered = ranges.windows(2).all(|w| w[0].0 < w[1].0);
                let first_is_zero = ranges.first().map(|r| r.0) == Some(0);
                (ordered && first_is_zero).then_some(FdSelect::Ranges(ranges, sentinel))
            }
            _ => None,
        }
    }

    /// Glyph `gid`'s Font DICT, `None` when the table does not cover it.
    pub fn fd(&self, gid: u16) -> Option<u8> {
        match self {
            FdSelect::PerGlyph(fds) => fds.get(gid as usize).copied(),
            FdSelect::Ranges(ranges, sentinel) => {
                if gid >= *sentinel {
                    return None;
                }
                let after = ranges.partition_point(|r| r.0 <= gid);
                Some(ranges.get(after.checked_sub(1)?)?.1)
            }
        }
    }
}
