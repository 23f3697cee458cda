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
/// 文种 word of its own. `title` also holds the 《…》 names the first
/// paragraph carries (`《…议事规则》已经…通过，现印发给你们`; see `carrier_text`),
/// for notices whose title a site dropped and orders whose title is the law's.
pub fn carried_title(title: &str, t: &str, next: Option<&str>) -> Option<usize> {
    let plain = |x: &str| {
        r::is_title_like(x)
            && !r::is_attachment_label(x)
            && r::heading_marker(x).is_none()
            && !r::is_note(x)
    };
    if !plain(t) {
        return None;
    }
    let carries = ["印发", "转发", "颁发", "发布", "公布", "下发"]
        .iter()
        .any(|w| title.contains(w));
    let one = compact(t);
    // `…应急预案目录`: the carried document's title with its contents caption glued on.
    let named = |x: &str| {
        let x = x.strip_suffix("目录").unwrap_or(x);
        carries && r::char_count(x) >= 4 && title.contains(x)
    };
    if let Some(nx) = next.filter(|x| plain(x)) {
        let two = format!("{one}{}", compact(nx));
        if named(&two) || (!r::ends_with_genre(&one) && r::ends_with_genre(&two) && carries) {
            return Some(2);
        }
    }
    (named(&one) || (carries && r::ends_with_genre(&one))).then_some(1)
}

/// `附：XX线路图` (or `附：` alone) after the 落款: the label of an attachment.
pub fn is_inline_attachment_label(t: &str) -> bool {
    let t = t.trim_start_matches(is_blank_char);
    t.starts_with("附：") || t.starts_with("附:")
}

/// Enumerations: two or more numbered lines of one level in a row are entries
/// of a list, not headings or numbered paragraphs, when every one but the last
/// ends in `；` (`（一）农村五保对象；`, `1.吉首火车站，接待乘火车直达的代表；`),
/// when they are short phrases after a lead-in ending in `：` (levels 1. and
/// （1）), or when they are one-sentence （1） leaf items.
pub fn mark_enumerations(
    texts: &[String],
    kinds: &mut [Option<BlockKind>],
    merged: &[bool],
    from: usize,
    why: &mut [&'static str],
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
        let mut rule = "list: numbered lines of one level ending in `；`: an enumeration";
        if j - i < 2 {
            // Not a `；` list: maybe short entries after a lead-in, or leaf items.
            j = i + 1;
            while j < texts.len()
                && numbered(kinds, j)
                && r::heading_marker(&texts[j]).is_some_and(|(l, _)| l == level)
            {
                j += 1;
            }
            let items = &texts[i..j];
            let lead_in = i > 0 && texts[i - 1].trim_end().ends_with(['：', ':']);
            let entries = level >= 3 && lead_in && items.iter().all(|t| is_short_entry(t));
            let leaves = level == 4 && items.iter().all(|t| is_leaf_item(t));
            if j - i < 2 || !(entries || leaves) {
                i += 1;
                continue;
            }
            rule = if entries {
                "list: short numbered entries after a lead-in ending in `：`"
            } else {
                "list: one-sentence （1） leaf items"
            };
        }
        for k in i..j {
            kinds[k] = Some(BlockKind::ListItem);
            why[k] = rule;
        }
        i = j;
    }
}

/// A short entry: a phrase, no sentence inside.
fn is_short_entry(t: &str) -> bool {
    let body = t.trim_end_matches(['。', '；', ';', '.']);
    r::char_count(body) <= 32 && !body.contains(['。', '！', '？', '：', ':'])
}

/// A leaf task item `（1）制定自查方案，明确责任人；`: one sentence, ended.
fn is_leaf_item(t: &str) -> bool {
    let t = t.trim_end();
    let body = &t[..t.len() - t.chars().last().map_or(0, char::len_utf8)];
    t.ends_with(['。', '；', ';'])
        && r::char_count(t) <= 80
        && !body.contains(['。', '！', '？', '；'])
}

/// A numbered line `N.label：value`: the number's level, the label and what
/// follows the colon.
fn numbered_label(t: &str) -> Option<(u8, &str, &str)> {
    let (level, n) = r::heading_marker(t)?;
    let rest = &t[n..];
    let p = rest.find(['：', ':'])?;
    Some((level, &rest[..p], rest[p..].trim_start_matches(['：', ':'])))
}

/// `1.先进个人：张三、李四、王五`: an entry of an enumeration (a label, a
/// colon and a run of names or items joined by `、`), not a run-in heading.
/// Only at the levels of items (1. and （1）); `三、报到时间：…` is a heading.
pub fn is_labelled_entry(t: &str) -> bool {
    let Some((level, label, items)) = numbered_label(t) else {
        return false;
    };
    let items = items.trim_end_matches(['。', '；', ';', '.']);
    level >= 3 && (2..=10).contains(&r::char_count(label)) && is_item_run(items)
}

/// `2.先进集体：某某学院后勤服务集团`: a numbered label and one short value
/// with nothing of a sentence in it. Alone such a line may be a run-in
/// heading; two or more in a row are the entries of a roster.
fn is_short_field(t: &str) -> bool {
    let Some((level, label, value)) = numbered_label(t) else {
        return false;
    };
    let value = value.trim_end_matches(['。', '；', ';']);
    level >= 3
        && (2..=10).contains(&r::char_count(label))
        && (1..=30).contains(&r::char_count(value))
        && !value.contains(['，', ',', '。', '；', ';', '：', ':', '！', '？'])
}

/// Items joined by `、` and nothing else of a sentence: `张三、李四、王五`.
fn is_item_run(t: &str) -> bool {
    t.matches('、').count() >= 2 && !t.contains(['，', ',', '。', '；', ';', '：', ':'])
}

/// A task item that names who carries it out (`…。（市发改委牵头）`,
/// `（各乡镇负责）`): an entry of a work plan's task list when nothing is
/// numbered under it.
fn names_its_owner(t: &str) -> bool {
    let t = t.trim_end_matches(['。', '；', ';', '.']);
    let Some(open) = t.rfind(['（', '(']) else {
        return false;
    };
    let note = &t[open..];
    let organs = ["委", "厅", "局", "办", "部门", "政府", "单位"]
        .iter()
        .filter(|w| note.contains(*w))
        .count();
    note.ends_with(['）', ')'])
        && (["牵头", "负责", "配合"].iter().any(|w| note.contains(w))
            // `（省发展改革委、交通运输厅等按职责分工落实）`: organs sharing a task.
            || (organs >= 2 && (note.contains('、') || note.contains("分工"))))
}

/// Entries of enumerations the line's own shape gives away: labelled entries
/// (and the unnumbered line that continues their items), and leaf task items
/// naming their owner.
pub fn mark_entries(
    texts: &[String],
    kinds: &mut [Option<BlockKind>],
    merged: &[bool],
    from: usize,
    why: &mut [&'static str],
) {
    let ordinary =
        |k: Option<BlockKind>| matches!(k, Some(BlockKind::Heading) | Some(BlockKind::Paragraph));
    for i in from..texts.len() {
        if merged[i] || !ordinary(kinds[i]) {
            continue;
        }
        let t = texts[i].trim_matches(is_blank_char);
        if is_labelled_entry(t) {
            kinds[i] = Some(BlockKind::ListItem);
            why[i] = "list: a numbered label, a colon and items joined by `、`";
            continue;
        }
        let field_at = |k: usize| {
            texts.get(k).is_some_and(|x| {
                let x = x.trim_matches(is_blank_char);
                (is_short_field(x) || is_labelled_entry(x))
                    && r::heading_marker(x).map(|m| m.0) == r::heading_marker(t).map(|m| m.0)
            })
        };
        if is_short_field(t) && ((i > from && field_at(i - 1)) || field_at(i + 1)) {
            kinds[i] = Some(BlockKind::ListItem);
            why[i] = "list: numbered label：value lines in a row, a roster";
            continue;
        }
        let prev_entry = i > 0 && kinds[i - 1] == Some(BlockKind::ListItem) && {
            let prev = texts[i - 1].trim_matches(is_blank_char);
            is_labelled_entry(prev) || is_short_field(prev)
        };
        // The next group of the entry above on a line of its own: names joined
        // by `、`, or one short name before the next numbered line.
        let next_numbered = texts
            .get(i + 1)
            .is_some_and(|x| r::heading_marker(x.trim_matches(is_blank_char)).is_some());
        if prev_entry
            && r::heading_marker(t).is_none()
            && (t.contains('、') || (r::char_count(t) <= 20 && next_numbered))
            && !t.contains(['，', '：', ':', '。', '；'])
        {
            kinds[i] = Some(BlockKind::ListItem);
            why[i] = "list: the items of the labelled entry above, continued";
            continue;
        }
        let Some((level, _)) = r::heading_marker(t) else {
            continue;
        };
        let deeper_next = texts
            .get(i + 1)
            .and_then(|n| r::heading_marker(n.trim_matches(is_blank_char)))
            .is_some_and(|(l, _)| l > level);
        if !t.starts_with('第') && names_its_owner(t) && !deeper_next {
            kinds[i] = Some(BlockKind::ListItem);
            why[i] = "list: a leaf task item naming who carries it out";
        }
    }
}

/// Siblings read alike: under one parent, when most numbered lines of a level
/// are numbered paragraphs (`三、各省…在每年办理结算前，将…返还给…。`), a short
/// sibling that is one whole sentence ending in `。` (`一、返还数额按实际交纳数的
/// 70%计算。`) is a numbered paragraph too, not a heading with a stray stop.
pub fn harmonise_numbered(
    texts: &[String],
    kinds: &mut [Option<BlockKind>],
    merged: &[bool],
    from: usize,
    why: &mut [&'static str],
) {
    // Headings only ever become paragraphs here, so the numbered lines stay the same.
    let levels: Vec<Option<u8>> = (0..texts.len())
        .map(|k| {
            let numbered = !merged[k]
                && matches!(
                    kinds[k],
                    Some(BlockKind::Heading) | Some(BlockKind::Paragraph)
                );
            numbered
                .then(|| r::heading_marker(texts[k].trim_matches(is_blank_char)).map(|m| m.0))
                .flatten()
        })
        .collect();
    for level in 1..=4u8 {
        let mut group: Vec<usize> = Vec::new();
        let mut flush = |group: &mut Vec<usize>, kinds: &mut [Option<BlockKind>]| {
            let paragraphs = group
                .iter()
                .filter(|&&k| kinds[k] == Some(BlockKind::Paragraph))
                .count();
            if paragraphs >= 2 && paragraphs * 2 >= group.len() {
                for &k in group.iter() {
                    let t = texts[k].trim_matches(is_blank_char);
                    let standalone = matches!(
                        r::classify_numbered(t),
                        Some(r::Numbered::Standalone { .. })
                    );
                    if kinds[k] == Some(BlockKind::Heading)
                        && standalone
                        && t.ends_with('。')
                        && r::char_count(t) >= 12
                    {
                        kinds[k] = Some(BlockKind::Paragraph);
                        why[k] =
                            "numbered: a whole sentence among numbered paragraphs of its level";
                    }
                }
            }
            group.clear();
        };
        for (k, level_k) in levels.iter().enumerate().skip(from) {
            match *level_k {
                Some(l) if l == level => group.push(k),
                Some(l) if l < level => flush(&mut group, kinds),
                _ => {}
            }
        }
        flush(&mut group, kinds);
    }
}

/// What names the document an 印发 notice carries: the notice's title
/// (compacted), and the 《…》 names of the body's first paragraph when it
/// carries them (`《…议事规则》…现印发给你们`, an order's `《…法》…现予公布`):
/// a site may have dropped the title, and an order's title is the law's own.
pub fn carrier_text(title: &str, first_paragraph: Option<&str>) -> String {
    let mut out = title.to_string();
    let Some(p) = first_paragraph else {
        return out;
    };
    let p = compact(p);
    if !["印发", "转发", "颁发", "发布", "公布", "下发"]
        .iter()
        .any(|w| p.contains(w))
    {
        return out;
    }
    let mut rest = p.as_str();
    let mut names = Vec::new();
    while let Some(open) = rest.find('《') {
        let after = &rest[open + '《'.len_utf8()..];
        let Some(close) = after.find('》') else {
            break;
        };
        names.push(&after[..close]);
        rest = &after[close + '》'.len_utf8()..];
    }
    if !names.is_empty() {
        out.push_str("印发");
        for name in names {
            out.push('《');
            out.push_str(name);
            out.push('》');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labelled_entries_and_owned_tasks() {
        assert!(is_labelled_entry("1.先进个人：张三、李四、王五、赵六"));
        assert!(!is_labelled_entry("三、报到时间：5月21日全天"));
        assert!(!is_labelled_entry("1.会议地点：某某市政府二楼会议室"));
        assert!(is_short_field("2.先进集体：某某学院后勤服务集团"));
        assert!(!is_short_field("三、报到时间：5月21日全天"));
        assert!(!is_short_field("1.工作目标：到2025年，全面建成体系。"));
        assert!(names_its_owner("3.推进项目建设。（市发改委牵头）"));
        assert!(names_its_owner("（2）开展专项整治（各乡镇负责）。"));
        assert!(!names_its_owner("（2）开展专项整治（详见附件）。"));
        assert!(names_its_owner(
            "2.推行市场化运作。（省交通运输厅、水利厅等部门按职责分工落实）"
        ));
        assert!(!names_its_owner("2.推行市场化运作（2025年底前）。"));
    }

    #[test]
    fn entries_marked_in_place() {
        let texts: Vec<String> = [
            "1.先进个人：张三、李四、王五",
            "赵六、钱七",
            "（一）推进项目建设（市发改委牵头）",
            "1.加快审批。",
            "2.落实资金（市财政局负责）",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let mut kinds = vec![
            Some(BlockKind::Heading),
            Some(BlockKind::Paragraph),
            Some(BlockKind::Heading),
            Some(BlockKind::Heading),
            Some(BlockKind::Heading),
        ];
        let mut why = vec![""; 5];
        mark_entries(&texts, &mut kinds, &[false; 5], 0, &mut why);
        let list = Some(BlockKind::ListItem);
        assert_eq!(kinds[0], list);
        assert_eq!(kinds[1], list);
        assert_eq!(kinds[2], Some(BlockKind::Heading), "it has items under it");
        assert_eq!(kinds[4], list);
    }
}
