//! Breaking a paragraph into lines on the character grid.
//!
//! Full-width characters (Han, CJK punctuation, “ ” — …) take one grid cell;
//! runs of Latin letters and digits take their natural width. Breaks follow
//! clreq's basic rules: no closing or pause mark at a line start, no opening mark
//! at a line end, 破折号 and 省略号 never split, Latin words kept whole, and no
//! hanging punctuation: a mark that does not fit pushes a character down (or, in
//! squeeze mode, is set at half width). Every line but the last is justified.

use crate::fonts::Glyph;
use crate::style::{KinsokuMode, LayoutRules};

/// What an atom is for breaking and justification.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    /// Takes one cell: Han characters and full-width punctuation.
    FullWidth,
    /// A Latin letter, digit or half-width mark: natural width.
    Latin,
    /// An ASCII space: a break opportunity, dropped at line ends.
    Space,
    /// A forced line break (`\n`).
    Newline,
}

/// One character laid out: its glyph, the style it is set in and its width.
#[derive(Debug, Clone)]
pub struct Atom {
    pub ch: char,
    pub glyph: Glyph,
    /// Index into the paragraph's span styles (font family, size, colour, bold).
    pub span: usize,
    /// Width on the line in points (a cell for full-width characters).
    pub width: f32,
    pub class: Class,
}

/// A line: atoms `start..end` and their x positions from the line's left edge.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub start: usize,
    pub end: usize,
    /// x of each atom in `start..end`, relative to the line start.
    pub xs: Vec<f32>,
    /// Width actually used (the measure for a justified line).
    pub width: f32,
    /// The line is a paragraph's last (or ends in a forced break): set natural.
    pub last: bool,
    /// A final mark squeezed to half width (squeeze mode).
    pub squeezed_end: bool,
}

/// Rules in a form cheap to test per character.
pub struct Kinsoku {
    no_start: Vec<char>,
    no_end: Vec<char>,
    unbreakable: Vec<(char, char)>,
    mode: KinsokuMode,
}

impl Kinsoku {
    pub fn new(rules: &LayoutRules) -> Kinsoku {
        Kinsoku {
            no_start: rules.no_line_start.chars().collect(),
            no_end: rules.no_line_end.chars().collect(),
            unbreakable: rules
                .unbreakable
                .iter()
                .filter_map(|p| {
                    let mut c = p.chars();
                    Some((c.next()?, c.next()?))
                })
                .collect(),
            mode: rules.kinsoku,
        }
    }

    pub fn no_start(&self, c: char) -> bool {
        self.no_start.contains(&c)
    }

    pub fn no_end(&self, c: char) -> bool {
        self.no_end.contains(&c)
    }

    /// May a line break between `a` and `b`?
    pub fn break_between(&self, a: &Atom, b: &Atom) -> bool {
        if b.class == Class::Space || a.class == Class::Newline || b.class == Class::Newline {
            return true;
        }
        if self.no_start(b.ch) || self.no_end(a.ch) {
            return false;
        }
        if self
            .unbreakable
            .iter()
            .any(|&(x, y)| a.ch == x && b.ch == y)
        {
            return false;
        }
        // A Latin word or number (with its . , % etc.) stays whole; a run of `*`
        // (a redacted number in a draft) is symbols, not a word.
        if a.class == Class::Latin && b.class == Class::Latin && a.ch != '*' && b.ch != '*' {
            return false;
        }
        true
    }
}

/// Han-like characters that count as "characters" for the orphan rule.
fn is_content(a: &Atom, k: &Kinsoku) -> bool {
    !(k.no_start(a.ch) || k.no_end(a.ch) || a.class == Class::Space || a.class == Class::Newline)
}

const EPS: f32 = 0.01;

/// Break `atoms` into lines. `first` and `rest` are the measures of the first and
/// the following lines; `justify` spreads non-last lines to the measure.
pub fn break_lines(
    atoms: &[Atom],
    first: f32,
    rest: f32,
    k: &Kinsoku,
    justify: bool,
    avoid_orphan: bool,
) -> Vec<Line> {
    let mut ranges: Vec<(usize, usize, bool, bool)> = Vec::new(); // start, end, last, squeezed
    let n = atoms.len();
    let mut start = 0;
    while start < n {
        let measure = if ranges.is_empty() { first } else { rest };
        // Spaces at the start of a continuation line are dropped.
        if !ranges.is_empty() {
            while start < n && atoms[start].class == Class::Space {
                start += 1;
            }
            if start >= n {
                break;
            }
        }
        let mut w = 0.0;
        let mut i = start;
        while i < n && atoms[i].class != Class::Newline && w + atoms[i].width <= measure + EPS {
            w += atoms[i].width;
            i += 1;
        }
        if i >= n {
            ranges.push((start, n, true, false));
            break;
        }
        if atoms[i].class == Class::Newline {
            ranges.push((start, i, true, false));
            start = i + 1;
            continue;
        }
        if i == start {
            // A single atom wider than the line: it gets a line of its own.
            ranges.push((start, start + 1, false, false));
            start += 1;
            continue;
        }
        // Trailing spaces may overflow: they vanish at the line end.
        if atoms[i].class == Class::Space {
            let mut j = i;
            while j < n && atoms[j].class == Class::Space {
                j += 1;
            }
            ranges.push((start, j, false, false));
            start = j;
            continue;
        }
        // Squeeze a closing mark into the line at half width when it fits so.
        if k.mode == KinsokuMode::Squeeze
            && k.no_start(atoms[i].ch)
            && atoms[i].class == Class::FullWidth
            && w + atoms[i].width / 2.0 <= measure + EPS
        {
            let end = i + 1;
            if end >= n || k.break_between(&atoms[i], &atoms[end]) {
                ranges.push((start, end, end >= n, true));
                start = end;
                continue;
            }
        }
        // Push: the last allowed break at or before i.
        let mut b = i;
        while b > start && !k.break_between(&atoms[b - 1], &atoms[b]) {
            b -= 1;
        }
        if b == start {
            b = i; // nothing allowed: break where the line is full
        }
        ranges.push((start, b, false, false));
        start = b;
    }

    // 孤字不成行: a last line of one character (plus punctuation) pulls one more
    // character down from the line above.
    if avoid_orphan && ranges.len() >= 2 {
        let (ls, le, _, _) = ranges[ranges.len() - 1];
        let content = atoms[ls..le].iter().filter(|a| is_content(a, k)).count();
        let (ps, pe, plast, _) = ranges[ranges.len() - 2];
        if content == 1 && !plast && pe == ls {
            let mut b = pe - 1;
            while b > ps + 1 && !k.break_between(&atoms[b - 1], &atoms[b]) {
                b -= 1;
            }
            let fits: f32 = atoms[b..le].iter().map(|a| a.width).sum();
            if b > ps + 1 && k.break_between(&atoms[b - 1], &atoms[b]) && fits <= rest + EPS {
                let last = ranges.len() - 1;
                ranges[last - 1].1 = b;
                ranges[last].0 = b;
            }
        }
    }

    ranges
        .into_iter()
        .enumerate()
        .map(|(idx, (s, e, last, squeezed))| {
            let measure = if idx == 0 { first } else { rest };
            position(atoms, s, e, measure, last || !justify, squeezed)
        })
        .collect()
}

/// x positions of a line's atoms; justified lines spread the slack over the gaps
/// next to full-width characters and spaces.
fn position(
    atoms: &[Atom],
    s: usize,
    e: usize,
    measure: f32,
    natural: bool,
    squeezed: bool,
) -> Line {
    // Trailing spaces take no room.
    let mut content_end = e;
    while content_end > s && atoms[content_end - 1].class == Class::Space {
        content_end -= 1;
    }
    let widths: Vec<f32> = (s..e)
        .map(|i| {
            if squeezed && i == content_end - 1 {
                atoms[i].width / 2.0
            } else if i >= content_end {
                0.0
            } else {
                atoms[i].width
            }
        })
        .collect();
    let natural_w: f32 = widths.iter().sum();
    let gaps: Vec<usize> = (s + 1..content_end)
        .filter(|&i| {
            let (a, b) = (&atoms[i - 1], &atoms[i]);
            a.class != Class::Latin || b.class != Class::Latin
        })
        .collect();
    let slack = measure - natural_w;
    let per_gap = if natural || gaps.is_empty() {
        0.0
    } else {
        slack / gaps.len() as f32
    };
    let mut xs = Vec::with_capacity(e - s);
    let mut x = 0.0;
    let mut gi = 0;
    for (off, i) in (s..e).enumerate() {
        if gi < gaps.len() && gaps[gi] == i {
            x += per_gap;
            gi += 1;
        }
        xs.push(x);
        x += widths[off];
    }
    let width = if natural { natural_w } else { measure };
    Line {
        start: s,
        end: e,
        xs,
        width,
        last: natural,
        squeezed_end: squeezed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::style::Style;

    const CELL: f32 = 15.793;

    fn atom(ch: char) -> Atom {
        let class = if ch == ' ' {
            Class::Space
        } else if ch == '\n' {
            Class::Newline
        } else if ch.is_ascii() {
            Class::Latin
        } else {
            Class::FullWidth
        };
        let width = match class {
            Class::FullWidth => CELL,
            Class::Latin => 8.0,
            Class::Space => 4.0,
            Class::Newline => 0.0,
        };
        Atom {
            ch,
            glyph: Glyph {
                font: 0,
                gid: 1,
                advance: 1.0,
            },
            span: 0,
            width,
            class,
        }
    }

    fn atoms(s: &str) -> Vec<Atom> {
        s.chars().map(atom).collect()
    }

    fn kin() -> Kinsoku {
        Kinsoku::new(&Style::default_style().layout)
    }

    fn lines_text(a: &[Atom], lines: &[Line]) -> Vec<String> {
        lines
            .iter()
            .map(|l| a[l.start..l.end].iter().map(|x| x.ch).collect())
            .collect()
    }

    const MEASURE: f32 = 28.0 * CELL;

    #[test]
    fn full_cjk_lines_hold_28_cells_and_fill_the_measure() {
        let a = atoms(&"政".repeat(60));
        let l = break_lines(&a, MEASURE - 2.0 * CELL, MEASURE, &kin(), true, true);
        assert_eq!(
            l.iter().map(|l| l.end - l.start).collect::<Vec<_>>(),
            vec![26, 28, 6]
        );
        for line in &l[..2] {
            let last = line.end - line.start - 1;
            let right = line.xs[last] + CELL;
            assert!((right - line.width).abs() < 0.01);
        }
        assert!((l[1].width - MEASURE).abs() < 0.01);
    }

    #[test]
    fn closing_mark_is_never_at_line_start_and_never_hangs() {
        // 28 characters then a comma: the comma may not start line 2.
        let s = format!("{}，后文", "字".repeat(28));
        let a = atoms(&s);
        let l = break_lines(&a, MEASURE, MEASURE, &kin(), true, false);
        let t = lines_text(&a, &l);
        assert_eq!(t[0].chars().count(), 27, "one character pushed down: {t:?}");
        assert!(t[1].starts_with("字，"));
        // The pushed line is justified to the full measure: space spread.
        let last = l[0].end - l[0].start - 1;
        assert!((l[0].xs[last] + CELL - MEASURE).abs() < 0.01);
        assert!(l[0].xs[1] - l[0].xs[0] > CELL);
    }

    #[test]
    fn squeeze_mode_sets_the_mark_at_half_width() {
        let mut rules = Style::default_style().layout;
        rules.kinsoku = KinsokuMode::Squeeze;
        let k = Kinsoku::new(&rules);
        let s = format!("{}。后文", "字".repeat(28));
        let a = atoms(&s);
        let measure = 28.0 * CELL + CELL / 2.0;
        let l = break_lines(&a, measure, measure, &k, true, false);
        assert_eq!(l[0].end - l[0].start, 29);
        assert!(l[0].squeezed_end);
    }

    #[test]
    fn opening_mark_never_ends_a_line() {
        let s = format!("{}《准则》", "字".repeat(27));
        let a = atoms(&s);
        let l = break_lines(&a, MEASURE, MEASURE, &kin(), true, false);
        let t = lines_text(&a, &l);
        assert!(!t[0].ends_with('《'), "{t:?}");
        assert!(t[1].starts_with('《'));
    }

    #[test]
    fn dashes_and_ellipses_are_not_split() {
        for pair in ["——", "……"] {
            let s = format!("{}{pair}后文", "字".repeat(27));
            let a = atoms(&s);
            let l = break_lines(&a, MEASURE, MEASURE, &kin(), true, false);
            let t = lines_text(&a, &l);
            assert!(
                t[1].starts_with(pair) || t[0].ends_with(pair),
                "{pair}: {t:?}"
            );
        }
    }

    #[test]
    fn latin_words_and_numbers_stay_whole() {
        let s = format!("{}2022年达到3.5%", "字".repeat(25));
        let a = atoms(&s);
        let l = break_lines(&a, MEASURE, MEASURE, &kin(), true, false);
        let t = lines_text(&a, &l);
        assert!(t.iter().any(|x| x.contains("2022")), "{t:?}");
        assert!(t.iter().any(|x| x.contains("3.5%")), "{t:?}");
        // No gap is added between the digits.
        let line = t.iter().position(|x| x.contains("2022")).unwrap();
        let off = t[line].chars().position(|c| c == '2').unwrap();
        let xs = &l[line].xs;
        assert!((xs[off + 1] - xs[off] - 8.0).abs() < 0.01);
    }

    #[test]
    fn single_character_last_line_pulls_one_down() {
        let s = format!("{}。", "字".repeat(29));
        let a = atoms(&s);
        let l = break_lines(&a, MEASURE, MEASURE, &kin(), true, true);
        let t = lines_text(&a, &l);
        assert_eq!(t[1], "字字。", "{t:?}");
        let l = break_lines(&a, MEASURE, MEASURE, &kin(), true, false);
        assert_eq!(lines_text(&a, &l)[1], "字。");
    }

    #[test]
    fn forced_breaks_and_natural_last_line() {
        let a = atoms("关于加强\n工作的通知");
        let l = break_lines(&a, MEASURE, MEASURE, &kin(), true, false);
        assert_eq!(lines_text(&a, &l), vec!["关于加强", "工作的通知"]);
        assert!(l.iter().all(|x| x.last));
        assert!((l[1].width - 5.0 * CELL).abs() < 0.01);
    }
}
