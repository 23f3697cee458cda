//! Package parts docx-rs writes wrongly or not at all: the line rules on
//! every paragraph, the settings' character spacing control, the core
//! properties.

use super::*;

/// The line rules the PDF follows, on every paragraph: kinsoku on, no hanging
/// punctuation, no invented space between Han and Latin/digits (empty
/// elements, as their start tags). The Normal style says so too, but
/// LibreOffice reads them only from the paragraph itself.
pub(super) const LINE_RULES: [&str; 4] = [
    r#"w:kinsoku w:val="1""#,
    r#"w:overflowPunct w:val="0""#,
    r#"w:autoSpaceDE w:val="0""#,
    r#"w:autoSpaceDN w:val="0""#,
];

/// The line rules as XML, for the Normal style.
pub(super) fn line_rules_xml() -> String {
    LINE_RULES.iter().map(|t| format!("<{t}/>")).collect()
}

/// A body or footer part in schema order, every paragraph's properties
/// carrying the line rules: one pass over the parsed element tree.
pub(super) fn with_line_rules(part: &[u8]) -> Vec<u8> {
    reorder_adding(part, "w:pPr", &LINE_RULES)
}

pub(super) fn patch_settings(settings: &[u8]) -> Result<Vec<u8>> {
    let s = std::str::from_utf8(settings).map_err(|e| Error::Output {
        path: "settings.xml".into(),
        message: e.to_string(),
    })?;
    // Punctuation is not compressed (the grid stays exact) and Word's own line
    // start/end rules apply (kinsoku).
    let extra = r#"<w:characterSpacingControl w:val="doNotCompress"/>"#;
    Ok(
        s.replacen("</w:settings>", &format!("{extra}</w:settings>"), 1)
            .into_bytes(),
    )
}

pub(super) fn core_props(title: &str, opts: &WriteOptions) -> String {
    let when = crate::write::w3cdtf(opts.timestamp);
    format!(
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            r#"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#,
            "<dc:title>{title}</dc:title><dc:creator>{author}</dc:creator><cp:lastModifiedBy>{author}</cp:lastModifiedBy>",
            "<dc:language>zh-CN</dc:language><cp:revision>1</cp:revision>",
            r#"<dcterms:created xsi:type="dcterms:W3CDTF">{when}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">{when}</dcterms:modified>"#,
            "</cp:coreProperties>"
        ),
        title = escape(title),
        author = escape(&opts.author),
        when = when
    )
}
