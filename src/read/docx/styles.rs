//! Paragraph styles (styles.xml), read only for the evidence they give: a
//! heading level, a title, alignment and size, the numbering a style carries.
//! Fonts, spacing and indents are not read: the style sheet sets those.

use std::collections::HashMap;

use super::xml::Element;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct ParaStyle {
    pub name: String,
    based_on: Option<String>,
    outline: Option<u8>,
    num: Option<(String, usize)>,
    jc: Option<String>,
    /// Half-points.
    size: Option<u32>,
}

#[derive(Debug, Default)]
pub struct Styles {
    styles: HashMap<String, ParaStyle>,
    default_id: Option<String>,
}

/// What a paragraph's style chain says, resolved.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Resolved {
    /// 0-based outline level (Heading 1 → 0).
    pub outline: Option<u8>,
    pub is_title: bool,
    pub num: Option<(String, usize)>,
    pub jc: Option<String>,
    pub size: Option<u32>,
}

/// `Heading 2`, `heading 2`, `标题 2` → 1 (0-based).
fn heading_level(name: &str) -> Option<u8> {
    let lower = name.to_lowercase();
    let rest = lower
        .strip_prefix("heading")
        .or_else(|| lower.strip_prefix("标题"))?
        .trim();
    let n: u8 = rest.parse().ok()?;
    (1..=9).contains(&n).then(|| n - 1)
}

pub fn size_of(rpr: Option<&Element>) -> Option<u32> {
    rpr?.val_of("w:sz")?.parse().ok()
}

impl Styles {
    pub fn from_xml(root: Option<&Element>) -> Styles {
        let mut s = Styles::default();
        let Some(root) = root else { return s };
        for st in root.elements().filter(|e| e.is("w:style")) {
            if st.attr("w:type") != Some("paragraph") {
                continue;
            }
            let Some(id) = st.attr("w:styleId") else {
                continue;
            };
            let ppr = st.child("w:pPr");
            let num = ppr.and_then(|p| p.child("w:numPr")).and_then(|n| {
                let id = n.val_of("w:numId")?.to_string();
                let lvl = n.val_of("w:ilvl").and_then(|v| v.parse().ok()).unwrap_or(0);
                Some((id, lvl))
            });
            let style = ParaStyle {
                name: st.val_of("w:name").unwrap_or(id).to_string(),
                based_on: st.val_of("w:basedOn").map(str::to_string),
                outline: ppr
                    .and_then(|p| p.val_of("w:outlineLvl"))
                    .and_then(|v| v.parse().ok()),
                num,
                jc: ppr.and_then(|p| p.val_of("w:jc")).map(str::to_string),
                size: size_of(st.child("w:rPr")),
            };
            if matches!(st.attr("w:default"), Some("1" | "true" | "on")) {
                s.default_id = Some(id.to_string());
            }
            s.styles.insert(id.to_string(), style);
        }
        s
    }

    pub fn has(&self, id: &str) -> bool {
        self.styles.contains_key(id)
    }

    /// Walk the basedOn chain of `id` (or the default paragraph style).
    pub fn resolve(&self, id: Option<&str>) -> Resolved {
        let mut r = Resolved::default();
        let mut next = id.map(str::to_string).or_else(|| self.default_id.clone());
        let mut first = true;
        // A chain longer than this is a cycle.
        for _ in 0..32 {
            let Some(cur) = next.take() else { break };
            let Some(st) = self.styles.get(&cur) else {
                break;
            };
            if first {
                r.is_title = matches!(st.name.to_lowercase().as_str(), "title" | "标题");
                first = false;
            }
            if r.outline.is_none() {
                r.outline = heading_level(&st.name).or(st.outline.filter(|&o| o < 9));
            }
            if r.num.is_none() {
                r.num = st.num.clone();
            }
            if r.jc.is_none() {
                r.jc = st.jc.clone();
            }
            if r.size.is_none() {
                r.size = st.size;
            }
            next = st.based_on.clone();
        }
        r
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chain_gives_level_numbering_and_size() {
        let x = r#"<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
          <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:rPr><w:sz w:val="21"/></w:rPr></w:style>
          <w:style w:type="paragraph" w:styleId="2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="3"/></w:numPr></w:pPr></w:style>
          <w:style w:type="paragraph" w:styleId="Loop"><w:name w:val="Loop"/><w:basedOn w:val="Loop"/></w:style>
        </w:styles>"#;
        let s = Styles::from_xml(Some(&super::super::xml::parse(x.as_bytes()).unwrap()));
        let r = s.resolve(Some("2"));
        assert_eq!(r.outline, Some(1));
        assert_eq!(r.num, Some(("3".into(), 1)));
        assert_eq!(r.size, Some(21));
        assert_eq!(s.resolve(None).size, Some(21));
        assert_eq!(s.resolve(Some("Loop")).outline, None);
    }
}
