//! Typed passes over the XML parts docx-rs builds, before they are zipped: a
//! part is parsed into a tree (`Part`, `XNode`), elements are added or put in
//! place as typed nodes, never by editing the serialized text.
//!
//! docx-rs writes children of `w:pPr`, `w:rPr`, `w:sectPr`, `w:style`… in its own
//! order. LibreOffice and python-docx accept that; Word validates against the
//! schema (ECMA-376 Part 1, `schema.rs`) and may refuse the file. So every such
//! element gets its children stably sorted into schema order while parsing.

use quick_xml::events::Event;
use quick_xml::Reader;

mod schema;

use schema::order_of;

/// A parsed element with its raw start tag, so attributes and text are copied
/// byte for byte; elements made here get their start tag from typed attributes.
pub enum XNode {
    Elem {
        name: String,
        open: String,
        children: Vec<XNode>,
        empty: bool,
    },
    Raw(String),
}

impl XNode {
    /// A new element: its name and attributes (values escaped here), and
    /// children; without children it is written as an empty element.
    pub fn elem(name: &str, attrs: &[(&str, &str)], children: Vec<XNode>) -> XNode {
        let mut open = name.to_string();
        for (k, v) in attrs {
            open.push(' ');
            open.push_str(k);
            open.push_str("=\"");
            open.push_str(&escape(v));
            open.push('"');
        }
        XNode::Elem {
            name: name.to_string(),
            open,
            empty: children.is_empty(),
            children,
        }
    }

    /// A new element holding text only (escaped here); written with start and
    /// end tags even when the text is empty.
    pub fn text_elem(name: &str, text: &str) -> XNode {
        XNode::Elem {
            name: name.to_string(),
            open: name.to_string(),
            children: vec![XNode::Raw(escape(text))],
            empty: false,
        }
    }

    /// The XML declaration every part starts with.
    pub fn declaration() -> XNode {
        XNode::Raw(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#.into())
    }

    fn write(&self, out: &mut String) {
        match self {
            XNode::Raw(s) => out.push_str(s),
            XNode::Elem {
                name,
                open,
                children,
                empty,
            } => {
                out.push('<');
                out.push_str(open);
                if *empty {
                    out.push_str("/>");
                } else {
                    out.push('>');
                    for c in children {
                        c.write(out);
                    }
                    out.push_str("</");
                    out.push_str(name);
                    out.push('>');
                }
            }
        }
    }

    fn name(&self) -> Option<&str> {
        match self {
            XNode::Elem { name, .. } => Some(name),
            XNode::Raw(_) => None,
        }
    }

    /// The value of an attribute of an element, unescaped.
    pub fn attr(&self, key: &str) -> Option<String> {
        let XNode::Elem { name, open, .. } = self else {
            return None;
        };
        quick_xml::events::BytesStart::from_content(open.as_str(), name.len())
            .attributes()
            .flatten()
            .find(|a| a.key.as_ref() == key.as_bytes())
            .and_then(|a| {
                let raw = String::from_utf8_lossy(&a.value).into_owned();
                quick_xml::escape::unescape(&raw)
                    .ok()
                    .map(|v| v.into_owned())
            })
    }

    /// The element's children (none for text).
    pub fn children_mut(&mut self) -> Option<&mut Vec<XNode>> {
        match self {
            XNode::Elem {
                children, empty, ..
            } => {
                *empty = false;
                Some(children)
            }
            XNode::Raw(_) => None,
        }
    }

    fn is(&self, n: &str) -> bool {
        self.name() == Some(n)
    }
}

/// A whole part parsed into a tree, its schema-ordered elements sorted.
pub struct Part {
    nodes: Vec<XNode>,
}

impl Part {
    /// Parse a part; `None` when it is not well-formed UTF-8 XML.
    pub fn parse(xml: &[u8]) -> Option<Part> {
        parse_adding(xml, "", &[]).map(|nodes| Part { nodes })
    }

    /// A part made here: the declaration and its root element.
    pub fn new(root: XNode) -> Part {
        Part {
            nodes: vec![XNode::declaration(), root],
        }
    }

    /// The root element.
    pub fn root_mut(&mut self) -> Option<&mut XNode> {
        self.nodes.iter_mut().find(|n| n.name().is_some())
    }

    /// Put `node` in place of the root's first child named `name` for which
    /// `matches` holds; else after its first child named `after` (or first).
    pub fn replace_or_insert(
        &mut self,
        name: &str,
        matches: impl Fn(&XNode) -> bool,
        after: &str,
        node: XNode,
    ) -> bool {
        let Some(children) = self.root_mut().and_then(XNode::children_mut) else {
            return false;
        };
        if let Some(i) = children.iter().position(|c| c.is(name) && matches(c)) {
            children[i] = node;
        } else {
            let at = children
                .iter()
                .position(|c| c.is(after))
                .map_or(0, |i| i + 1);
            children.insert(at, node);
        }
        true
    }

    /// Give the root element one more child, in its schema place.
    pub fn add_to_root(&mut self, node: XNode) -> bool {
        let Some(XNode::Elem {
            name,
            children,
            empty,
            ..
        }) = self.root_mut()
        else {
            return false;
        };
        *empty = false;
        children.push(node);
        sort_children(name, children);
        true
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = String::new();
        for n in &self.nodes {
            n.write(&mut out);
        }
        out.into_bytes()
    }
}

/// Sort the children of schema-ordered elements, everywhere in the part.
/// Unknown children keep their relative order after the known ones.
pub fn reorder(xml: &[u8]) -> Vec<u8> {
    reorder_adding(xml, "", &[])
}

/// `reorder`, giving first every (non-empty) element named `parent` the empty
/// children `add` (name and attributes), which then take their places in
/// schema order: a typed edit of the parsed tree, not of the serialized text.
pub fn reorder_adding(xml: &[u8], parent: &str, add: &[(&str, &[(&str, &str)])]) -> Vec<u8> {
    match parse_adding(xml, parent, add) {
        Some(nodes) => Part { nodes }.to_bytes(),
        None => xml.to_vec(),
    }
}

fn parse_adding(xml: &[u8], parent: &str, add: &[(&str, &[(&str, &str)])]) -> Option<Vec<XNode>> {
    let text = std::str::from_utf8(xml).ok()?;
    let mut reader = Reader::from_str(text);
    reader.config_mut().trim_text(false);
    let mut stack: Vec<XNode> = vec![XNode::Elem {
        name: String::new(),
        open: String::new(),
        children: Vec::new(),
        empty: false,
    }];
    loop {
        let ev = reader.read_event().ok()?;
        match ev {
            Event::Start(e) => {
                let open = String::from_utf8_lossy(&e).into_owned();
                let name = String::from_utf8_lossy(e.name().as_ref()).into_owned();
                let children = if name == parent {
                    add.iter()
                        .map(|(n, attrs)| XNode::elem(n, attrs, Vec::new()))
                        .collect()
                } else {
                    Vec::new()
                };
                stack.push(XNode::Elem {
                    name,
                    open,
                    children,
                    empty: false,
                });
            }
            Event::End(_) => {
                let mut node = stack.pop()?;
                if let XNode::Elem { name, children, .. } = &mut node {
                    sort_children(name, children);
                }
                match stack.last_mut() {
                    Some(XNode::Elem { children, .. }) => children.push(node),
                    _ => return None,
                }
            }
            Event::Empty(e) => {
                let open = String::from_utf8_lossy(&e).into_owned();
                let name = String::from_utf8_lossy(e.name().as_ref()).into_owned();
                if let Some(XNode::Elem { children, .. }) = stack.last_mut() {
                    children.push(XNode::Elem {
                        name,
                        open,
                        children: Vec::new(),
                        empty: true,
                    });
                }
            }
            Event::Text(t) => push_raw(&mut stack, String::from_utf8_lossy(&t).into_owned()),
            Event::CData(t) => push_raw(
                &mut stack,
                format!("<![CDATA[{}]]>", String::from_utf8_lossy(&t)),
            ),
            Event::Decl(d) => push_raw(&mut stack, format!("<?{}?>", String::from_utf8_lossy(&d))),
            Event::PI(p) => push_raw(&mut stack, format!("<?{}?>", String::from_utf8_lossy(&p))),
            Event::Comment(c) => push_raw(
                &mut stack,
                format!("<!--{}-->", String::from_utf8_lossy(&c)),
            ),
            Event::DocType(d) => push_raw(
                &mut stack,
                format!("<!DOCTYPE {}>", String::from_utf8_lossy(&d)),
            ),
            Event::GeneralRef(r) => {
                push_raw(&mut stack, format!("&{};", String::from_utf8_lossy(&r)))
            }
            Event::Eof => break,
        }
    }
    if stack.len() != 1 {
        return None;
    }
    match stack.pop() {
        Some(XNode::Elem { children, .. }) => Some(children),
        _ => None,
    }
}

/// Sort an element's children into schema order (stably; unknown ones last).
fn sort_children(parent: &str, children: &mut [XNode]) {
    if let Some(order) = order_of(parent) {
        let rank = |n: &XNode| {
            n.name()
                .and_then(|nm| order.iter().position(|o| *o == nm))
                .unwrap_or(order.len())
        };
        children.sort_by_key(|c| rank(c));
    }
}

fn push_raw(stack: &mut [XNode], s: String) {
    if let Some(XNode::Elem { children, .. }) = stack.last_mut() {
        children.push(XNode::Raw(s));
    }
}

/// Characters XML 1.0 cannot carry (C0 controls other than tab, LF, CR; U+FFFE,
/// U+FFFF). They are not text a reader sees; a DOCX with them does not open.
pub fn xml_forbidden(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}')
}

/// Text without the characters XML cannot carry.
pub fn xml_text(s: &str) -> std::borrow::Cow<'_, str> {
    if s.chars().any(xml_forbidden) {
        std::borrow::Cow::Owned(s.chars().filter(|c| !xml_forbidden(*c)).collect())
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

/// Escape text for XML content and attribute values.
pub fn escape(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars().filter(|c| !xml_forbidden(*c)) {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&apos;"),
            _ => o.push(c),
        }
    }
    o
}

#[cfg(test)]
mod tests {
    use super::reorder_adding;

    #[test]
    fn children_added_to_each_paragraph_take_their_schema_places() {
        let xml = br#"<w:p><w:pPr><w:jc w:val="both" /><w:pStyle w:val="Normal" /></w:pPr></w:p><w:p><w:pPr /></w:p>"#;
        let out = String::from_utf8(reorder_adding(
            xml,
            "w:pPr",
            &[("w:kinsoku", &[("w:val", "1")])],
        ))
        .unwrap();
        assert_eq!(
            out,
            r#"<w:p><w:pPr><w:pStyle w:val="Normal" /><w:kinsoku w:val="1"/><w:jc w:val="both" /></w:pPr></w:p><w:p><w:pPr /></w:p>"#
        );
    }

    use super::*;

    #[test]
    fn ppr_and_rpr_children_sorted_text_untouched() {
        let x = r#"<?xml version="1.0"?><w:p><w:pPr><w:rPr/><w:jc w:val="both"/><w:pStyle w:val="A"/></w:pPr><w:r><w:rPr><w:sz w:val="32"/><w:rFonts w:eastAsia="仿宋"/></w:rPr><w:t xml:space="preserve">a &amp; b</w:t></w:r></w:p>"#;
        let out = String::from_utf8(reorder(x.as_bytes())).unwrap();
        assert_eq!(
            out,
            r#"<?xml version="1.0"?><w:p><w:pPr><w:pStyle w:val="A"/><w:jc w:val="both"/><w:rPr/></w:pPr><w:r><w:rPr><w:rFonts w:eastAsia="仿宋"/><w:sz w:val="32"/></w:rPr><w:t xml:space="preserve">a &amp; b</w:t></w:r></w:p>"#
        );
    }
}
