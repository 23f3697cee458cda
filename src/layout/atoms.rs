//! Text becomes atoms: each character's glyph, class and width on the grid;
//! the plan's paragraphs become paragraphs ready for line breaking.

use super::*;

/// A paragraph ready for breaking: atoms and the geometry of its lines.
pub(super) struct Para {
    /// A 署名 block: the page it lands on must also carry body text (7.3.5.5).
    pub(super) needs_company: bool,
    /// Body text whose last lines may move to keep a 署名 company.
    pub(super) is_body: bool,
    pub(super) atoms: Vec<Atom>,
    pub(super) spans: Vec<SpanStyle>,
    /// x of the first / following lines from the 版心's left edge.
    pub(super) first_x: f32,
    pub(super) rest_x: f32,
    pub(super) first_measure: f32,
    pub(super) rest_measure: f32,
    pub(super) align: Align,
    pub(super) pitch: f32,
    pub(super) size: f32,
    pub(super) space_before: f32,
    pub(super) space_after: f32,
    pub(super) keep_with_next: bool,
    pub(super) page_break_before: bool,
    pub(super) outline: Option<(u8, String)>,
    /// Lines were balanced (titles): centre every line.
    pub(super) centre_all: bool,
    /// Extra runs placed on the paragraph's single line (印发日期 at the right).
    pub(super) right_part: Option<(Vec<Atom>, usize)>,
}

pub fn parse_color(hex: &str) -> [f32; 3] {
    let h = hex.trim_start_matches('#');
    let v = |i: usize| {
        h.get(i..i + 2)
            .and_then(|s| u8::from_str_radix(s, 16).ok())
            .unwrap_or(0) as f32
            / 255.0
    };
    [v(0), v(2), v(4)]
}

/// Control characters and format marks (ZWJ, bidi embeddings, soft hyphen…):
/// nothing to draw and no room to take.
pub fn is_invisible(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{feff}' | '\u{ad}' | '\u{fe00}'..='\u{fe0f}')
}

pub(super) struct Ctx<'a, 'f> {
    pub(super) style: &'a Style,
    pub(super) geo: Geometry,
    pub(super) shaper: Shaper<'f>,
    pub(super) kinsoku: Kinsoku,
    /// Extra room, in ems, between Han and Latin letters or digits: 0 for our
    /// own layout; LibreOffice's gap when predicting its pagination.
    pub(super) script_gap_em: f32,
}

impl Ctx<'_, '_> {
    pub(super) fn span_style(&self, r: &Role, family: Family, bold: bool) -> SpanStyle {
        SpanStyle {
            family,
            size: r.size_pt,
            color: parse_color(&r.color),
            bold,
        }
    }

    /// Atoms of text set in a span style; full-width characters take `cell`.
    /// Where the cell is narrower than the size (3号 on the 28-character grid),
    /// Latin letters and digits are tracked by the same amount, as the DOCX's run
    /// character spacing does in Word, so that both break lines alike.
    pub(super) fn atoms(
        &mut self,
        text: &str,
        span: usize,
        st: &SpanStyle,
        cell: f32,
        out: &mut Vec<Atom>,
    ) {
        let force = &self.style.layout.force_full_width;
        let track = (cell - st.size).min(0.0);
        for ch in text.chars() {
            if ch == '\n' {
                out.push(Atom {
                    ch,
                    glyph: crate::fonts::Glyph {
                        font: 0,
                        gid: 0,
                        advance: 0.0,
                    },
                    span,
                    width: 0.0,
                    class: Class::Newline,
                });
                continue;
            }
            let c = if ch == '\t' { ' ' } else { ch };
            if is_invisible(c) {
                continue; // controls and format marks (ZWJ, bidi) take no room
            }
            let glyph = self.shaper.glyph(st.family, c);
            let (class, width) = if c == ' ' {
                (Class::Space, glyph.advance * st.size + track)
            } else if crate::script::is_full_width(c) || force.contains(c) {
                (Class::FullWidth, cell)
            } else {
                (Class::Latin, glyph.advance * st.size + track)
            };
            let mut width = width;
            if self.script_gap_em > 0.0 {
                let gap = self.script_gap_em * st.size;
                let western =
                    |class: Class, ch: char| class == Class::Latin && crate::script::is_latin(ch);
                match out.last_mut() {
                    Some(prev) if prev.class == Class::FullWidth && western(class, c) => {
                        width += gap
                    }
                    Some(prev) if western(prev.class, prev.ch) && class == Class::FullWidth => {
                        prev.width += gap
                    }
                    _ => {}
                }
            }
            out.push(Atom {
                ch: c,
                glyph,
                span,
                width,
                class,
            });
        }
    }

    /// Atoms of a paragraph's spans, each in its role's size, colour and cell.
    pub(super) fn span_atoms(
        &mut self,
        content: &[crate::compose::Span],
        spans: &mut Vec<SpanStyle>,
        atoms: &mut Vec<Atom>,
    ) {
        for s in content {
            let cell = char_width(self.style, s.role);
            let st = self.span_style(s.role, s.family, s.bold);
            let idx = spans.iter().position(|x| *x == st).unwrap_or_else(|| {
                spans.push(st.clone());
                spans.len() - 1
            });
            self.atoms(&s.text, idx, &st, cell, atoms);
        }
    }

    /// A paragraph of the plan, ready for breaking: set in the role `r`.
    pub(super) fn para_of(&mut self, p: &crate::compose::Para, r: &Role) -> Para {
        let mut spans = Vec::new();
        let mut atoms = Vec::new();
        self.span_atoms(&p.spans, &mut spans, &mut atoms);
        let ind = &p.indent;
        let text_w = self.geo.text_w;
        let (first_x, first_measure) = match ind.first {
            FirstLine::Indent(f) => (ind.left + f, text_w - ind.left - ind.right - f),
            FirstLine::Hanging(h) => {
                let x = ind.left - h;
                (x, text_w - ind.right - x)
            }
        };
        let mut para = Para {
            needs_company: p.signature,
            is_body: p.body_text,
            atoms,
            spans,
            first_x,
            rest_x: ind.left,
            first_measure,
            rest_measure: text_w - ind.left - ind.right,
            align: p.align,
            pitch: self.style.pitch(r),
            size: r.size_pt,
            space_before: p.space_before,
            space_after: p.space_after,
            keep_with_next: p.keep_with_next,
            page_break_before: p.page_break_before,
            outline: p.outline.clone(),
            centre_all: p.balanced,
            right_part: None,
        };
        if let Some(right) = &p.right {
            let mut atoms = Vec::new();
            let idx = para.spans.len();
            self.span_atoms(&right.spans, &mut para.spans, &mut atoms);
            let used: f32 = para.atoms.iter().chain(atoms.iter()).map(|a| a.width).sum();
            if right.spans.is_empty() || used <= para.rest_measure {
                // On one line: the left part set flush left, the right part
                // against the right edge.
                para.align = Align::Left;
                para.right_part = Some((atoms, idx));
            } else {
                // The two parts do not fit on one line: the whole line wraps.
                let whole = crate::compose::Para {
                    spans: right.whole.clone(),
                    right: None,
                    ..p.clone()
                };
                return self.para_of(&whole, r);
            }
        }
        para
    }

    /// A table cell's paragraph: no indents, the cell's measure.
    pub(super) fn cell_para(
        &mut self,
        content: &[crate::compose::Span],
        r: &Role,
        measure: f32,
    ) -> Para {
        let mut spans = Vec::new();
        let mut atoms = Vec::new();
        self.span_atoms(content, &mut spans, &mut atoms);
        Para {
            needs_company: false,
            is_body: false,
            atoms,
            spans,
            first_x: 0.0,
            rest_x: 0.0,
            first_measure: measure,
            rest_measure: measure,
            align: r.align,
            pitch: self.style.pitch(r),
            size: r.size_pt,
            space_before: 0.0,
            space_after: 0.0,
            keep_with_next: false,
            page_break_before: false,
            outline: None,
            centre_all: false,
            right_part: None,
        }
    }
}
