//! Placement rules of GB/T 9704 that both writers apply the same way: where the
//! 署名 and the 成文日期 stand (7.3.5).

use crate::style::{text_ems, Style};

/// Right indents, in characters of the body size, of the 署名 lines and the date.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct SignaturePlacement {
    pub signature_right_chars: f32,
    pub date_right_chars: f32,
}

/// 7.3.5.1 (with seal): the date 4 字 from the right, the 署名 centred over it.
/// 7.3.5.2 (without seal): the 署名 2 字 from the right and the date below it
/// starting 2 字 further right; a date longer than that is set 2 字 from the
/// right and the 署名 moves left to keep the 2 字 shift.
pub fn signature_placement(style: &Style, signatures: &[String], date: Option<&str>, seal: bool) -> SignaturePlacement {
    let rules = &style.signature;
    let ws = signatures.iter().map(|s| text_ems(s)).fold(0.0f32, f32::max);
    let wd = date.map(text_ems).unwrap_or(0.0);
    if seal {
        let date_right = rules.seal_date_right_indent_chars;
        let sig_right = if date.is_some() { (date_right + (wd - ws) / 2.0).max(0.0) } else { date_right };
        return SignaturePlacement { signature_right_chars: sig_right, date_right_chars: date_right };
    }
    let r = rules.right_indent_chars;
    let shift = rules.date_shift_chars;
    // Distance of the date's right end from the right edge, if it starts `shift`
    // right of the signature's first character.
    let date_right = r + ws - shift - wd;
    if date.is_none() || date_right >= r {
        SignaturePlacement { signature_right_chars: r, date_right_chars: date_right.max(0.0) }
    } else {
        SignaturePlacement { signature_right_chars: r + wd + shift - ws, date_right_chars: r }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn without_seal_long_signature() {
        let s = Style::default_style();
        // 10-character organ, date 2024年3月1日 = 4×0.5 + 1 + 0.5 + 1 + 0.5 + 1 = 6 ems.
        let p = signature_placement(&s, &["某某市人民政府办公室".into()], Some("2024年3月1日"), false);
        assert_eq!(p.signature_right_chars, 2.0);
        // Date starts 2 right of the signature start: right = 2 + 10 - 2 - 6 = 4.
        assert_eq!(p.date_right_chars, 4.0);
    }

    #[test]
    fn without_seal_date_longer_than_signature() {
        let s = Style::default_style();
        let p = signature_placement(&s, &["张三".into()], Some("2024年12月31日"), false);
        assert_eq!(p.date_right_chars, 2.0);
        // Signature start is 2 left of date start.
        let wd = text_ems("2024年12月31日");
        assert_eq!(p.signature_right_chars, 2.0 + wd + 2.0 - 2.0);
    }

    #[test]
    fn with_seal_centred_over_date() {
        let s = Style::default_style();
        let p = signature_placement(&s, &["某某局".into()], Some("2024年3月1日"), true);
        assert_eq!(p.date_right_chars, 4.0);
        assert_eq!(p.signature_right_chars, 4.0 + (6.0 - 3.0) / 2.0);
    }
}
