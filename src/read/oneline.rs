//! A whole document on one line: scrapers turn paragraph breaks into single
//! spaces. Such a line is split back into its paragraphs where a blank stands
//! between two Han characters or after a closing mark, but not after a comma or
//! an enumeration comma (`14日， 国务院` is a stray space inside a sentence),
//! and not between figures or Latin letters (`2020 年`, `Windows 10`).

use crate::model::is_blank_char;
use crate::read::recognize as r;

/// Shortest line taken for a whole document; fewer pieces are left alone.
const MIN_CHARS: usize = 150;
const MIN_PIECES: usize = 4;

use crate::script::is_han;

/// The pieces of a run-on document, or `None` when the line is not one.
pub fn split(t: &str) -> Option<Vec<&str>> {
    if r::char_count(t) < MIN_CHARS {
        return None;
    }
    let mut pieces = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = t.char_indices().collect();
    let mut k = 0;
    while k < chars.len() {
        let (at, c) = chars[k];
        if !is_blank_char(c) {
            k += 1;
            continue;
        }
        let mut e = k;
        while e < chars.len() && is_blank_char(chars[e].1) {
            e += 1;
        }
        let before = (k > 0).then(|| chars[k - 1].1);
        let after = chars.get(e).map(|x| x.1);
        let breaks = match (before, after) {
            (Some(b), Some(a)) => {
                let closes = "。！？：；”’）》」』".contains(b);
                let opens = is_han(a) || "（《“‘【〔—".contains(a) || a.is_ascii_digit();
                !"，、,".contains(b) && (closes || is_han(b)) && opens
            }
            _ => false,
        };
        if breaks {
            pieces.push(&t[start..at]);
            start = chars.get(e).map_or(t.len(), |x| x.0);
        }
        k = e;
    }
    pieces.push(&t[start..]);
    let pieces: Vec<&str> = pieces.into_iter().filter(|p| !p.is_empty()).collect();
    (pieces.len() >= MIN_PIECES).then_some(pieces)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraph_breaks_come_back_stray_spaces_stay() {
        let t = "某某市人民政府办公厅关于做好安全生产工作的通知 各县、区人民政府，市政府各部门： \
                 2024年3月1日至5日， 省督查组对我市安全生产工作进行了督查，现将有关情况通报如下。 \
                 一、总体情况 督查组认为，我市安全生产形势总体平稳，各项措施落实到位，成效明显。 \
                 二、存在问题 部分单位责任落实不到位。 某某市人民政府办公厅 2024年3月8日";
        let p = split(t).unwrap();
        assert_eq!(p[0], "某某市人民政府办公厅关于做好安全生产工作的通知");
        assert_eq!(p[1], "各县、区人民政府，市政府各部门：");
        assert!(p[2].starts_with("2024年3月1日至5日， 省督查组"), "{p:?}");
        assert!(p.contains(&"一、总体情况"));
        assert_eq!(p.last(), Some(&"2024年3月8日"));
        assert!(split("2020 年 11 月 30 日").is_none());
    }
}
