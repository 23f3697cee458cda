//! The glyphs the pages will draw, foreseen from the plan before it is laid
//! out: the PDF's biggest font program (the body's 仿宋, most of a
//! conversion's work) can then be cut and deflated while the pages are laid
//! out and painted (`convert::render_all`). A forecast only: the PDF takes
//! the early program only when the laid-out pages use exactly the foreseen
//! glyphs of that font, so a wrong forecast costs time, never bytes.
//!
//! Foreseen: every piece's text in its span's family (a right-hand part as
//! set on its line), the 版记's, and the 版头's lines (份号, 密级, 紧急程度,
//! the mark, 文号, 签发人) in their roles' fonts; characters map to glyphs as
//! `Ctx::atoms` maps them (the same `Shaper`). Not foreseen: page numbers,
//! so a sheet that sets them in the body's font (one CJK font for every
//! family) always misses, and the body's program is cut twice.

use std::collections::{BTreeMap, BTreeSet};

use crate::compose::{Body, Plan, Span};
use crate::fonts::{BuildKeyHasher, FontSet, Shaper};
use crate::style::{Family, Style};

use super::is_invisible;

/// Per font (index into the set), the glyph ids the plan's text needs.
pub type Foreseen = BTreeMap<usize, BTreeSet<u16>>;

/// The glyphs `lay_out` will most likely draw for `plan`, per font.
pub fn foresee_glyphs(plan: &Plan, style: &Style, fonts: &FontSet) -> Foreseen {
    let mut seer = Seer {
        shaper: Shaper::new(fonts),
        seen: Default::default(),
        glyphs: Foreseen::new(),
    };
    for piece in plan
        .pieces
        .iter()
        .chain(plan.record.cc.iter())
        .chain(plan.record.issued.iter())
    {
        match &piece.body {
            Body::Para(p) => {
                seer.spans(&p.spans);
                if let Some(right) = &p.right {
                    seer.spans(&right.spans);
                }
            }
            Body::Table(t) => {
                for cell in t.rows.iter().flatten() {
                    seer.spans(cell);
                }
            }
            Body::Image(_) => {}
        }
    }
    if let Some(mark) = &plan.head {
        let roles = &style.roles;
        let meta = plan.meta;
        for organ in mark.organs.iter().chain(mark.suffix.iter()) {
            seer.text(roles.issuer.font, organ);
        }
        for (text, role) in [
            (&meta.copy_no, &roles.copy_no),
            (&meta.secrecy, &roles.secrecy),
            (&meta.urgency, &roles.secrecy),
            (&meta.doc_number, &roles.doc_number),
        ] {
            if let Some(t) = text {
                seer.text(role.font, t);
            }
        }
        if let (Some(signers), Some(_)) = (&meta.signers, &meta.doc_number) {
            seer.text(roles.doc_number.font, &style.frame.signer_label);
            seer.text(roles.signer.font, &signers.joined());
        }
    }
    seer.glyphs
}

struct Seer<'f> {
    shaper: Shaper<'f>,
    /// Characters already foreseen in a family: a document repeats a few
    /// hundred, and a set of glyphs is dearer to add to than this.
    seen: std::collections::HashSet<(Family, char), BuildKeyHasher>,
    glyphs: Foreseen,
}

impl Seer<'_> {
    fn spans(&mut self, spans: &[Span]) {
        for s in spans {
            self.text(s.family, &s.text);
        }
    }

    /// As `Ctx::atoms` takes a text's characters, less the spaces, which
    /// take room but are never drawn (`flow::runs_of`).
    fn text(&mut self, family: Family, text: &str) {
        for c in text.chars() {
            if matches!(c, '\n' | '\t' | ' ') || is_invisible(c) || !self.seen.insert((family, c)) {
                continue;
            }
            let g = self.shaper.glyph(family, c);
            self.glyphs.entry(g.font).or_default().insert(g.gid);
        }
    }
}
