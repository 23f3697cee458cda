//! What follows the body: the document carried by an 印发/转发 notice after the
//! notice's 落款, `附：…` lines after the date, and enumerations whose items are
//! list entries rather than headings.

use crate::model::{is_blank_char, BlockKind};
use crate::read::recognize as r;

fn compact(t: &str) -> String {
    t.chars().filter(|c| !is_blank_char(*c)).collect()
}

/// How many lines (1 or 2) starting with `t` make the title of the document an
/// 印发 notice carries, printed after the notice's date. `title` is the
/// notice's own title (compacted): the carried title is named in it
/// (`关于印发宿迁市城乡医疗救助暂行办法的通知`), or, failing that, it ends with a
/// 文种 word of its own.
pub fn carried_title(title: &str, t: &str, next: Option<&str>) -> Option<usize> {
    let plain = |x: &str| {
        r::is_title_like(x) && !r::is_attachment_label(x) && r::heading_marker(x).is_none()
    };
    if !plain(t) {
        return None;
    }
    let carries = ["印发", "转发", "颁发", "发布", "公布", "下发"]
        .iter()
        .any(|w| title.contains(w));
    let one = compact(t);
    let named = |x: &str| carries && r::char_count(x) >= 4 && title.contains(x);
    if let Some(nx) = next.filter(|x| plain(x)) {
        let two = format!("{one}{}", compact(nx));
        if named(&two) || (!r::ends_with_genre(&one) && r::ends_with_genre(&two) && carries) {
            return Some(2);
        }
    }
    (named(&one) || (carries && r::ends_with_genre(&one))).then_some(1)
}

/// `附：XX线路图` after the 落款: the label of an attachment, named on its line.
pub fn is_inline_attachment_label(t: &str) -> bool {
    let t = t.trim_start_matches(is_blank_char);
    (t.starts_with("附：") || t.starts_with("附:")) && r::char_count(t) > 2
}

/// Enumerations: two or more numbered lines of one level in a row, every one
/// but the last ending in `；`, are entries of a list (`（一）农村五保对象；`,
/// `1.吉首火车站，接待乘火车直达的代表；`), not headings or numbered paragraphs.
pub fn mark_enumerations(
    texts: &[String],
    kinds: &mut [Option<BlockKind>],
    merged: &[bool],
    from: usize,
) {
    let numbered = |kinds: &[Option<BlockKind>], i: usize| {
        matches!(
            kinds[i],
            Some(BlockKind::Heading) | Some(BlockKind::Paragraph)
        ) && !merged[i]
            && !texts[i].starts_with('第')
    };
    let mut i = from;
    while i < texts.len() {
        let Some((level, _)) = r::heading_marker(&texts[i]).filter(|_| numbered(kinds, i)) else {
            i += 1;
            continue;
        };
        let mut j = i + 1;
        while j < texts.len()
            && numbered(kinds, j)
            && r::heading_marker(&texts[j]).is_some_and(|(l, _)| l == level)
            && texts[j - 1].trim_end().ends_with(['；', ';'])
        {
            j += 1;
        }
        if j - i >= 2 {
            for k in kinds.iter_mut().take(j).skip(i) {
                *k = Some(BlockKind::ListItem);
            }
        }
        i = j;
    }
}
