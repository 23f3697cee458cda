//! Units of WordprocessingML: twips (1/20 pt) for lengths, half-points for
//! font sizes, eighth-points for borders. The writer converts points here
//! and nowhere else.

const TWIPS_PER_PT: f32 = 20.0;
const HALF_POINTS_PER_PT: f32 = 2.0;
const EIGHTH_POINTS_PER_PT: f32 = 8.0;
/// DrawingML's English Metric Units: 12 700 to the point.
const EMU_PER_PT: f32 = 12_700.0;

/// Single line spacing, in the 240ths of a line that `w:line` counts with
/// the `auto` rule.
pub(super) const SINGLE_LINE_SPACING: i32 = 240;

/// A drawing's length in EMU (`wp:extent`).
pub(super) fn emu(pt: f32) -> u32 {
    (pt * EMU_PER_PT).round().max(0.0) as u32
}

/// A length in twips (page geometry, indents, spacing, tab stops).
pub(super) fn tw(pt: f32) -> i32 {
    (pt * TWIPS_PER_PT).round() as i32
}

/// Points of a length in whole twips.
pub(super) fn pt_of_twips(twips: u32) -> f32 {
    twips as f32 / TWIPS_PER_PT
}

/// A font size in half-points (`w:sz`).
pub(super) fn half_points(pt: f32) -> usize {
    (pt * HALF_POINTS_PER_PT).round() as usize
}

/// The largest size Word can set that is not above `pt`: whole half-points.
pub(super) fn floor_to_half_points(pt: f32) -> f32 {
    (pt * HALF_POINTS_PER_PT).floor() / HALF_POINTS_PER_PT
}

/// A border width in eighth-points (`w:sz` of a border).
pub(super) fn eighth_points(pt: f32) -> usize {
    (pt * EIGHTH_POINTS_PER_PT).round() as usize
}

/// Exact line spacing: lines `line` points apart, `before` and `after` the
/// paragraph in twips (Word's `w:spacing` with `w:lineRule="exact"`).
pub(super) fn exact_lines(line: f32, before: u32, after: u32) -> docx_rs::LineSpacing {
    docx_rs::LineSpacing::new()
        .line_rule(docx_rs::LineSpacingType::Exact)
        .line(tw(line))
        .before(before)
        .after(after)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_of_the_standard_page() {
        // 37 mm top margin, 3号 and 2号 sizes, the 0.35 mm red rule.
        assert_eq!(tw(crate::style::mm_to_pt(37.0)), 2098);
        assert_eq!(half_points(16.0), 32);
        assert_eq!(floor_to_half_points(21.7), 21.5);
        assert_eq!(eighth_points(crate::style::mm_to_pt(0.35)), 8);
        assert_eq!(pt_of_twips(579), 28.95);
    }
}
