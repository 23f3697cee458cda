//! Automatic numbering (numbering.xml) rendered to the literal text Word shows:
//! `一、`, `（一）`, `1.`, `（1）`. The number becomes part of the line as if
//! the clerk had typed it, so the recognisers see exactly what a reader sees.

use std::collections::HashMap;

use super::numfmt;
use super::xml::Element;

/// One level of a list definition.
#[derive(Debug, Clone, PartialEq)]
pub struct Level {
    pub start: u32,
    pub fmt: String,
    /// `%1、`, `（%2）`…
    pub text: String,
    /// What follows the number: `tab`, `space` or `nothing`.
    pub suffix: String,
    /// Restarts after this (1-based) level; `Some(0)` never restarts.
    pub restart: Option<u32>,
    /// Legal numbering: every level's number in decimal.
    pub legal: bool,
}

impl Default for Level {
    fn default() -> Self {
        Level {
            start: 1,
            fmt: "decimal".into(),
            text: String::new(),
            suffix: "tab".into(),
            restart: None,
            legal: false,
        }
    }
}

const LEVELS: usize = 9;

#[derive(Debug, Clone, Default)]
struct Instance {
    abstract_id: String,
    /// Levels replaced by `w:lvlOverride/w:lvl`.
    levels: HashMap<usize, Level>,
    /// `w:lvlOverride/w:startOverride`: the list restarts at these values.
    start_overrides: HashMap<usize, u32>,
}

/// The list definitions of a document and the running counters.
#[derive(Debug, Default)]
pub struct Numbering {
    abstracts: HashMap<String, Vec<Level>>,
    instances: HashMap<String, Instance>,
    /// Counters by list: a `w:num` that restarts (has a start override) counts
    /// on its own; other `w:num`s of one abstract definition continue each
    /// other, as in Word.
    counters: HashMap<String, [Option<u32>; LEVELS]>,
}

fn level_from(el: &Element) -> Level {
    let mut l = Level::default();
    if let Some(v) = el.val_of("w:start").and_then(|v| v.parse().ok()) {
        l.start = v;
    }
    if let Some(v) = el.val_of("w:numFmt") {
        l.fmt = v.to_string();
    }
    if let Some(v) = el.val_of("w:lvlText") {
        l.text = v.to_string();
    }
    if let Some(v) = el.val_of("w:suff") {
        l.suffix = v.to_string();
    }
    l.restart = el.val_of("w:lvlRestart").and_then(|v| v.parse().ok());
    l.legal = super::xml::on_off(el.child("w:isLgl"));
    l
}

fn ilvl(el: &Element) -> Option<usize> {
    el.attr("w:ilvl")
        .and_then(|v| v.parse::<usize>().ok())
        .filter(|&i| i < LEVELS)
}

impl Numbering {
    pub fn from_xml(root: Option<&Element>) -> Numbering {
        let mut n = Numbering::default();
        let Some(root) = root else { return n };
        for a in root.elements().filter(|e| e.is("w:abstractNum")) {
            let Some(id) = a.attr("w:abstractNumId") else {
                continue;
            };
            let mut levels = vec![Level::default(); LEVELS];
            for l in a.elements().filter(|e| e.is("w:lvl")) {
                if let Some(i) = ilvl(l) {
                    levels[i] = level_from(l);
                }
            }
            n.abstracts.insert(id.to_string(), levels);
        }
        for num in root.elements().filter(|e| e.is("w:num")) {
            let (Some(id), Some(abs)) = (num.attr("w:numId"), num.val_of("w:abstractNumId")) else {
                continue;
            };
            let mut inst = Instance {
                abstract_id: abs.to_string(),
                ..Instance::default()
            };
            for o in num.elements().filter(|e| e.is("w:lvlOverride")) {
                let Some(i) = ilvl(o) else { continue };
                if let Some(s) = o.val_of("w:startOverride").and_then(|v| v.parse().ok()) {
                    inst.start_overrides.insert(i, s);
                }
                if let Some(l) = o.child("w:lvl") {
                    let lvl = level_from(l);
                    if l.child("w:start").is_some() {
                        inst.start_overrides.entry(i).or_insert(lvl.start);
                    }
                    inst.levels.insert(i, lvl);
                }
            }
            n.instances.insert(id.to_string(), inst);
        }
        n
    }

    fn level(&self, inst: &Instance, i: usize) -> Level {
        inst.levels.get(&i).cloned().unwrap_or_else(|| {
            self.abstracts
                .get(&inst.abstract_id)
                .map(|ls| ls[i].clone())
                .unwrap_or_default()
        })
    }

    /// Count a paragraph of list `num_id` at level `lvl` and return its label
    /// with the suffix as typed, or `None` when the list shows nothing.
    pub fn next_label(&mut self, num_id: &str, lvl: usize) -> Option<String> {
        if num_id == "0" || lvl >= LEVELS {
            return None;
        }
        let inst = self.instances.get(num_id)?.clone();
        self.abstracts.get(&inst.abstract_id)?;
        let levels: Vec<Level> = (0..LEVELS).map(|i| self.level(&inst, i)).collect();
        let restarts = !inst.start_overrides.is_empty();
        let key = if restarts {
            format!("num:{num_id}")
        } else {
            format!("abs:{}", inst.abstract_id)
        };
        let counters = self.counters.entry(key).or_insert_with(|| {
            let mut c = [None; LEVELS];
            // A restarting list begins at its override on first use.
            for (&i, &s) in &inst.start_overrides {
                if i < LEVELS {
                    c[i] = Some(s.saturating_sub(1));
                }
            }
            c
        });
        counters[lvl] = Some(match counters[lvl] {
            Some(v) => v.saturating_add(1),
            None => levels[lvl].start,
        });
        // Deeper levels restart when a level above them is used (unless their
        // lvlRestart says otherwise).
        for (k, level) in levels.iter().enumerate().skip(lvl + 1) {
            let restart = match level.restart {
                Some(0) => false,
                Some(r) => (lvl as u32) < r,
                None => true,
            };
            if restart {
                counters[k] = None;
            }
        }
        let this = &levels[lvl];
        let mut label = String::new();
        let mut chars = this.text.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '%' {
                if let Some(d) = chars.peek().and_then(|d| d.to_digit(10)) {
                    chars.next();
                    let k = (d as usize).saturating_sub(1).min(LEVELS - 1);
                    let value = counters[k].unwrap_or(levels[k].start);
                    let fmt = if this.legal {
                        "decimal"
                    } else {
                        levels[k].fmt.as_str()
                    };
                    label.push_str(&numfmt::format(value, fmt));
                    continue;
                }
            }
            label.push(bullet(c));
        }
        if label.is_empty() {
            return None;
        }
        label.push_str(suffix(&label, &this.suffix));
        Some(label)
    }
}

/// Symbol-font bullets live in the private use area; a reader sees a bullet.
fn bullet(c: char) -> char {
    if ('\u{F000}'..='\u{F0FF}').contains(&c) {
        '•'
    } else {
        c
    }
}

/// The tab or space after a number, as a clerk would type it: nothing after
/// a mark (`一、` `（一）` `1.`), a full-width space after a bare Chinese
/// number (`第一章　`), a space after anything else (`• `).
fn suffix(label: &str, suff: &str) -> &'static str {
    if suff == "nothing" {
        return "";
    }
    let last = label.chars().last().unwrap_or(' ');
    if matches!(
        last,
        '、' | '．' | '.' | '）' | ')' | '：' | ':' | '」' | '】' | '〕'
    ) || ('\u{2460}'..='\u{24FF}').contains(&last)
        || ('\u{3280}'..='\u{32B0}').contains(&last)
    {
        ""
    } else if last as u32 >= 0x2E80 {
        "\u{3000}"
    } else {
        " "
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::docx::xml;

    const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

    fn numbering(body: &str) -> Numbering {
        let x = format!("<w:numbering {W}>{body}</w:numbering>");
        Numbering::from_xml(Some(&xml::parse(x.as_bytes()).unwrap()))
    }

    const GONGWEN_LIST: &str = r#"<w:abstractNum w:abstractNumId="7">
        <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
        <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
        <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/><w:suff w:val="space"/></w:lvl>
        <w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="（%4）"/></w:lvl>
        </w:abstractNum>"#;

    #[test]
    fn levels_count_and_restart_below() {
        let mut n = numbering(&format!(
            r#"{GONGWEN_LIST}<w:num w:numId="1"><w:abstractNumId w:val="7"/></w:num>"#
        ));
        let seq: Vec<_> = [0, 1, 1, 2, 3, 0, 1, 2]
            .iter()
            .map(|&l| n.next_label("1", l).unwrap())
            .collect();
        assert_eq!(
            seq,
            [
                "一、",
                "（一）",
                "（二）",
                "1.",
                "（1）",
                "二、",
                "（一）",
                "1."
            ]
        );
        assert_eq!(n.next_label("0", 0), None);
        assert_eq!(n.next_label("99", 0), None);
    }

    #[test]
    fn start_override_restarts_a_list_and_plain_nums_continue() {
        let mut n = numbering(&format!(
            r#"{GONGWEN_LIST}
            <w:num w:numId="1"><w:abstractNumId w:val="7"/></w:num>
            <w:num w:numId="2"><w:abstractNumId w:val="7"/></w:num>
            <w:num w:numId="3"><w:abstractNumId w:val="7"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>"#
        ));
        assert_eq!(n.next_label("1", 0).unwrap(), "一、");
        assert_eq!(n.next_label("2", 0).unwrap(), "二、");
        assert_eq!(n.next_label("3", 0).unwrap(), "五、");
        assert_eq!(n.next_label("3", 0).unwrap(), "六、");
        assert_eq!(n.next_label("1", 0).unwrap(), "三、");
    }

    #[test]
    fn skipped_level_shows_its_start_and_suffixes_read_as_typed() {
        let mut n = numbering(
            r#"<w:abstractNum w:abstractNumId="1">
            <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCountingThousand"/><w:lvlText w:val="第%1章"/></w:lvl>
            <w:lvl w:ilvl="1"><w:start w:val="3"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/><w:isLgl/></w:lvl>
            <w:lvl w:ilvl="2"><w:numFmt w:val="bullet"/><w:lvlText w:val="&#xF0B7;"/></w:lvl>
            </w:abstractNum><w:num w:numId="4"><w:abstractNumId w:val="1"/></w:num>"#,
        );
        assert_eq!(n.next_label("4", 1).unwrap(), "1.3 ");
        assert_eq!(n.next_label("4", 0).unwrap(), "第一章\u{3000}");
        assert_eq!(n.next_label("4", 2).unwrap(), "• ");
    }
}
