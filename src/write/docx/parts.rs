//! Package parts docx-rs writes wrongly or not at all: the line rules on
//! every paragraph, the settings' character spacing control and the core
//! properties (docx-rs has no title or author).

use super::*;

/// The line rules the PDF follows, on every paragraph: kinsoku on, no hanging
/// punctuation, no invented space between Han and Latin/digits (empty
/// elements: name and attributes). The Normal style says so too, but
/// LibreOffice reads them only from the paragraph itself.
pub(super) const LINE_RULES: [(&str, &[(&str, &str)]); 4] = [
    ("w:kinsoku", &[("w:val", "1")]),
    ("w:overflowPunct", &[("w:val", "0")]),
    ("w:autoSpaceDE", &[("w:val", "0")]),
    ("w:autoSpaceDN", &[("w:val", "0")]),
];

/// The line rules as elements, for the Normal style.
pub(super) fn line_rules() -> impl Iterator<Item = XNode> {
    LINE_RULES
        .iter()
        .map(|(name, attrs)| XNode::elem(name, attrs, Vec::new()))
}

/// A body or footer part in schema order, every paragraph's properties
/// carrying the line rules: one pass over the parsed element tree.
pub(super) fn with_line_rules(part: &[u8]) -> Vec<u8> {
    reorder_adding(part, "w:pPr", &LINE_RULES)
}

/// The settings with the character spacing control: punctuation is not
/// compressed (the grid stays exact). docx-rs can set it, but writes it inside
/// `w:compat`, where Word does not look; here it is a child of `w:settings`.
pub(super) fn with_spacing_control(settings: &[u8]) -> Result<Vec<u8>> {
    let mut part = Part::parse(settings).ok_or_else(|| Error::Output {
        path: "settings.xml".into(),
        message: "docx-rs wrote settings that do not parse".into(),
    })?;
    part.add_to_root(XNode::elem(
        "w:characterSpacingControl",
        &[("w:val", "doNotCompress")],
        Vec::new(),
    ));
    Ok(part.to_bytes())
}

/// The core properties: title, author, language and the timestamp.
pub(super) fn core_props(title: &str, opts: &WriteOptions) -> Vec<u8> {
    let when = crate::write::w3cdtf(opts.timestamp);
    let dated = |name: &str| {
        XNode::elem(
            name,
            &[("xsi:type", "dcterms:W3CDTF")],
            vec![XNode::Raw(escape(&when))],
        )
    };
    Part::new(XNode::elem(
        "cp:coreProperties",
        &[
            (
                "xmlns:cp",
                "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
            ),
            ("xmlns:dc", "http://purl.org/dc/elements/1.1/"),
            ("xmlns:dcterms", "http://purl.org/dc/terms/"),
            ("xmlns:dcmitype", "http://purl.org/dc/dcmitype/"),
            ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
        ],
        vec![
            XNode::text_elem("dc:title", title),
            XNode::text_elem("dc:creator", &opts.author),
            XNode::text_elem("cp:lastModifiedBy", &opts.author),
            XNode::text_elem("dc:language", "zh-CN"),
            XNode::text_elem("cp:revision", "1"),
            dated("dcterms:created"),
            dated("dcterms:modified"),
        ],
    ))
    .to_bytes()
}
