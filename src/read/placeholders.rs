//! Numbers redacted as `**` (`记写学习笔记**万余字`): CommonMark would pair
//! those into bold and eat them, so a `**` that stands where a number stands
//! is escaped before the Markdown reader parses; real `**bold**` stays bold.

/// Measure words and units that follow a redacted number.
const UNIT_CHARS: &str = "万亿千百十余多个名人位次件篇条项期户家所元字天日月年周岁倍批场类种处部台辆套本份起宗册间平米公吨亩块号届支座栋列页轮%％";
/// Words that precede a number.
const NUMBER_PREFIX: &str = "共约达近超逾计第至到占";

/// Escape every `**` that is a number placeholder so that it survives literally.
/// Line structure is unchanged (only characters are inserted inside lines).
pub fn escape_placeholders(src: &str) -> String {
    let mut out = String::with_capacity(src.len() + 64);
    for (li, line) in src.split('\n').enumerate() {
        if li > 0 {
            out.push('\n');
        }
        let chars: Vec<(usize, char)> = line.char_indices().collect();
        let mut k = 0;
        while k < chars.len() {
            let (_, c) = chars[k];
            if c != '*' {
                out.push(c);
                k += 1;
                continue;
            }
            let run = chars[k..].iter().take_while(|(_, ch)| *ch == '*').count();
            let prev = k.checked_sub(1).map(|p| chars[p].1);
            let next = chars.get(k + run).map(|x| x.1);
            let placeholder = run >= 4
                || (run == 2 && is_number_slot(prev, next))
                || (run >= 2 && prev.is_some_and(is_cjk) && next.is_some_and(is_cjk) && run != 2)
                || (run == 1
                    && prev.is_some_and(is_cjk)
                    && next.is_some_and(|n| UNIT_CHARS.contains(n)));
            for _ in 0..run {
                if placeholder {
                    out.push('\\');
                }
                out.push('*');
            }
            k += run;
        }
    }
    out
}

use crate::script::is_cjk;

fn is_number_slot(prev: Option<char>, next: Option<char>) -> bool {
    // A unit after the stars marks a redacted number only inside text (笔记**万余字,
    // 共**项): after a space or at a line's start they open bold (**项目开工**).
    let inside_text = prev.is_some_and(|p| !p.is_whitespace());
    let unit_next = inside_text && next.is_some_and(|n| UNIT_CHARS.contains(n));
    let prefix_before = prev.is_some_and(|p| NUMBER_PREFIX.contains(p));
    let in_quotes = prev == Some('“') && next == Some('”');
    let alone_in_quotes =
        matches!(prev, Some('“') | Some('"')) && matches!(next, Some('”') | Some('"'));
    unit_next || prefix_before || in_quotes || alone_in_quotes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_escaped_bold_kept() {
        let e = escape_placeholders("记写学习笔记**万余字，撰写研讨材料**篇，**一是**严谨。");
        assert_eq!(
            e,
            "记写学习笔记\\*\\*万余字，撰写研讨材料\\*\\*篇，**一是**严谨。"
        );
        assert_eq!(escape_placeholders("开展“**”行动"), "开展“\\*\\*”行动");
        assert_eq!(escape_placeholders("共**项"), "共\\*\\*项");
        // Bold opening on a unit character: after a list marker or at the start.
        assert_eq!(
            escape_placeholders("1. **项目开工**：新开工45个"),
            "1. **项目开工**：新开工45个"
        );
        assert_eq!(escape_placeholders("**项目**"), "**项目**");
    }
}
