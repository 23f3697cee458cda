//! A small, safe element tree over one XML part. Names are resolved through
//! their namespaces to the prefixes the specification uses (`w:p`, `r:embed`),
//! whatever prefixes the producer chose. Hostile input is refused, never
//! obeyed: a `<!DOCTYPE>` (where entity bombs live), any entity but the five
//! predefined ones, nesting deeper than any real document and more elements
//! than a part of the capped size could sensibly hold.

use quick_xml::events::Event;
use quick_xml::name::ResolveResult;
use quick_xml::NsReader;

/// Deeper nesting than this is no document (Word nests tables in tables, but
/// not hundreds deep); it would only exhaust the stack.
const MAX_DEPTH: usize = 256;

/// Elements per part: a 300-page document has a few hundred thousand; at
/// about 150 bytes each, this caps the tree near 150 MB.
const MAX_ELEMENTS: usize = 1_000_000;

#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    Element(Element),
    Text(String),
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Element {
    /// `prefix:local`, with the canonical prefix of a known namespace, or `?:local`.
    pub name: String,
    pub attrs: Vec<(String, String)>,
    pub children: Vec<Node>,
}

impl Element {
    pub fn is(&self, name: &str) -> bool {
        self.name == name
    }

    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// Child elements, in order.
    pub fn elements(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().filter_map(|n| match n {
            Node::Element(e) => Some(e),
            Node::Text(_) => None,
        })
    }

    pub fn child(&self, name: &str) -> Option<&Element> {
        self.elements().find(|e| e.is(name))
    }

    /// `w:val` of a child, e.g. `pPr.val_of("w:jc")`.
    pub fn val_of(&self, child: &str) -> Option<&str> {
        self.child(child).and_then(|c| c.attr("w:val"))
    }

    /// The character data directly inside (for `w:t`, `w:instrText`…).
    pub fn text(&self) -> String {
        self.children
            .iter()
            .filter_map(|n| match n {
                Node::Text(t) => Some(t.as_str()),
                Node::Element(_) => None,
            })
            .collect()
    }

    /// Every descendant element with this name, in document order (iterative:
    /// the depth is capped, but a stack of our own costs nothing).
    pub fn descendants<'a>(&'a self, name: &str) -> Vec<&'a Element> {
        let mut out = Vec::new();
        let mut stack: Vec<&Element> = vec![self];
        while let Some(e) = stack.pop() {
            if e.is(name) {
                out.push(e);
            }
            for c in e.elements().collect::<Vec<_>>().into_iter().rev() {
                stack.push(c);
            }
        }
        out
    }
}

impl Element {
    /// Descendant elements with this name that are not inside another one
    /// (a text box holds text boxes of its own, read with it).
    pub fn outermost<'a>(&'a self, name: &str) -> Vec<&'a Element> {
        let mut out = Vec::new();
        let mut stack: Vec<&Element> = self.elements().collect::<Vec<_>>();
        stack.reverse();
        while let Some(e) = stack.pop() {
            if e.is(name) {
                out.push(e);
                continue;
            }
            for c in e.elements().collect::<Vec<_>>().into_iter().rev() {
                stack.push(c);
            }
        }
        out
    }
}

/// A boolean property (`<w:b/>`, `<w:b w:val="false"/>`).
pub fn on_off(e: Option<&Element>) -> bool {
    match e {
        None => false,
        Some(e) => !matches!(e.attr("w:val"), Some("0" | "false" | "off" | "none")),
    }
}

fn canonical_prefix(ns: &[u8]) -> &'static str {
    match ns {
        b"http://schemas.openxmlformats.org/wordprocessingml/2006/main"
        | b"http://purl.oclc.org/ooxml/wordprocessingml/main" => "w",
        b"http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        | b"http://purl.oclc.org/ooxml/officeDocument/relationships" => "r",
        b"http://schemas.openxmlformats.org/markup-compatibility/2006" => "mc",
        b"http://schemas.openxmlformats.org/drawingml/2006/main"
        | b"http://purl.oclc.org/ooxml/drawingml/main" => "a",
        b"http://schemas.openxmlformats.org/drawingml/2006/picture"
        | b"http://purl.oclc.org/ooxml/drawingml/picture" => "pic",
        b"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
        | b"http://purl.oclc.org/ooxml/drawingml/wordprocessingDrawing" => "wp",
        b"urn:schemas-microsoft-com:vml" => "v",
        b"http://schemas.openxmlformats.org/package/2006/relationships" => "rel",
        b"http://schemas.openxmlformats.org/package/2006/content-types" => "ct",
        b"http://schemas.microsoft.com/office/word/2010/wordprocessingShape" => "wps",
        _ => "?",
    }
}

fn qualified(res: ResolveResult<'_>, local: &[u8]) -> String {
    let prefix = match res {
        ResolveResult::Bound(ns) => canonical_prefix(ns.as_ref()),
        _ => "?",
    };
    format!("{prefix}:{}", String::from_utf8_lossy(local))
}

/// Parse a part. Errors are one sentence, without the part's name (the caller
/// adds the file and the part).
pub fn parse(bytes: &[u8]) -> Result<Element, String> {
    let text = std::str::from_utf8(strip_bom(bytes))
        .map_err(|e| format!("not UTF-8 XML (byte {})", e.valid_up_to()))?;
    let mut reader = NsReader::from_str(text);
    let mut stack: Vec<Element> = vec![Element::default()];
    let mut count = 0usize;
    let at = |r: &NsReader<&[u8]>| r.buffer_position();
    loop {
        let event = reader
            .read_event()
            .map_err(|e| format!("malformed XML at byte {}: {e}", reader.error_position()))?;
        match event {
            Event::Start(ref s) | Event::Empty(ref s) => {
                count += 1;
                if count > MAX_ELEMENTS {
                    return Err(format!("more than {MAX_ELEMENTS} elements"));
                }
                if stack.len() > MAX_DEPTH {
                    return Err(format!(
                        "elements nested more than {MAX_DEPTH} deep at byte {}",
                        at(&reader)
                    ));
                }
                let (res, local) = reader.resolver().resolve_element(s.name());
                let mut el = Element {
                    name: qualified(res, local.as_ref()),
                    ..Element::default()
                };
                for a in s.attributes() {
                    let a =
                        a.map_err(|e| format!("malformed attribute at byte {}: {e}", at(&reader)))?;
                    let key = a.key;
                    if key.as_namespace_binding().is_some() {
                        continue;
                    }
                    let (res, local) = reader.resolver().resolve_attribute(key);
                    let value = a
                        .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                        .map_err(|e| format!("bad attribute value at byte {}: {e}", at(&reader)))?;
                    el.attrs
                        .push((qualified(res, local.as_ref()), value.into_owned()));
                }
                if matches!(event, Event::Start(_)) {
                    stack.push(el);
                } else {
                    push_child(&mut stack, Node::Element(el));
                }
            }
            Event::End(_) => {
                let el = stack.pop().expect("start pushed");
                if stack.is_empty() {
                    return Err("an end tag without its start".into());
                }
                push_child(&mut stack, Node::Element(el));
            }
            Event::Text(t) => {
                let s = t
                    .xml10_content()
                    .map_err(|e| format!("bad text at byte {}: {e}", at(&reader)))?;
                push_text(&mut stack, &s);
            }
            Event::CData(t) => {
                let s = t
                    .decode()
                    .map_err(|e| format!("bad CDATA at byte {}: {e}", at(&reader)))?;
                push_text(&mut stack, &s);
            }
            Event::GeneralRef(r) => {
                let ch = match r.resolve_char_ref() {
                    Ok(Some(c)) => c,
                    Ok(None) => {
                        let name = r.decode().map_err(|e| e.to_string())?;
                        match predefined(&name) {
                            Some(c) => c,
                            None => {
                                return Err(format!(
                                    "the entity &{name}; is not expanded (only the five XML \
                                     entities are)"
                                ))
                            }
                        }
                    }
                    Err(e) => {
                        return Err(format!(
                            "bad character reference at byte {}: {e}",
                            at(&reader)
                        ))
                    }
                };
                push_text(&mut stack, ch.encode_utf8(&mut [0; 4]));
            }
            Event::DocType(_) => {
                return Err(
                    "a <!DOCTYPE> declaration (refused: entities are never expanded)".into(),
                )
            }
            Event::Decl(_) | Event::PI(_) | Event::Comment(_) => {}
            Event::Eof => break,
        }
    }
    if stack.len() != 1 {
        return Err("the XML ends before its elements are closed".into());
    }
    let root = stack.pop().expect("len checked");
    let mut elements = root.children.into_iter().filter_map(|n| match n {
        Node::Element(e) => Some(e),
        Node::Text(_) => None,
    });
    let first = elements.next().ok_or("no root element")?;
    Ok(first)
}

fn predefined(name: &str) -> Option<char> {
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        _ => return None,
    })
}

fn strip_bom(b: &[u8]) -> &[u8] {
    b.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(b)
}

fn push_child(stack: &mut [Element], node: Node) {
    if let Some(top) = stack.last_mut() {
        top.children.push(node);
    }
}

fn push_text(stack: &mut [Element], s: &str) {
    if let Some(top) = stack.last_mut() {
        if let Some(Node::Text(t)) = top.children.last_mut() {
            t.push_str(s);
        } else {
            top.children.push(Node::Text(s.to_string()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

    #[test]
    fn prefixes_are_resolved_through_namespaces() {
        let x = format!(
            r#"<x:document xmlns:x="{W}"><x:body><x:p><x:r><x:t>甲&amp;乙&#x4E19;</x:t></x:r></x:p></x:body></x:document>"#
        );
        let root = parse(x.as_bytes()).unwrap();
        assert_eq!(root.name, "w:document");
        let t = root.descendants("w:t");
        assert_eq!(t[0].text(), "甲&乙丙");
    }

    #[test]
    fn doctype_and_entities_are_refused() {
        let bomb = r#"<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]><lolz>&lol2;</lolz>"#;
        assert!(parse(bomb.as_bytes()).unwrap_err().contains("DOCTYPE"));
        let undeclared = "<a>&lol;</a>";
        assert!(parse(undeclared.as_bytes()).unwrap_err().contains("&lol;"));
    }

    #[test]
    fn malformed_and_deep_xml_are_errors() {
        assert!(parse(b"<a><b></a>").is_err());
        assert!(parse(b"<a><b>").is_err());
        assert!(parse(b"").is_err());
        let deep = "<a>".repeat(10_000);
        assert!(parse(deep.as_bytes()).unwrap_err().contains("nested"));
    }
}
