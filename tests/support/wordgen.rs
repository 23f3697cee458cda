//! Word drafts built in code, the way Word saves them: a zip of XML parts.
//! Tests write WordprocessingML by hand so that every construct under test
//! (automatic numbering, soft breaks, merged cells, tracked changes) is
//! exactly as a word processor writes it.
#![allow(dead_code)]

use std::io::Write;

pub const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
pub const R_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

#[derive(Default)]
pub struct Word {
    /// The children of `w:body`.
    pub body: String,
    /// The children of `w:numbering`, if any.
    pub numbering: Option<String>,
    /// The children of `w:styles`, if any.
    pub styles: Option<String>,
    /// Further parts (name, bytes) and their relationships from the document
    /// (id, type suffix, target).
    pub parts: Vec<(String, Vec<u8>)>,
    pub rels: Vec<(String, String, String)>,
}

/// XML-escape text.
pub fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// A run of text (with optional run properties).
pub fn run(text: &str, rpr: &str) -> String {
    format!(
        r#"<w:r><w:rPr>{rpr}</w:rPr><w:t xml:space="preserve">{}</w:t></w:r>"#,
        esc(text)
    )
}

/// Two runs joined by a soft line break (Shift+Enter): `署名⇧↵日期`.
pub fn soft_broken(first: &str, second: &str) -> String {
    format!("{}<w:r><w:br/></w:r>{}", run(first, ""), run(second, ""))
}

/// A paragraph with paragraph properties and inner XML.
pub fn para(ppr: &str, inner: &str) -> String {
    format!("<w:p><w:pPr>{ppr}</w:pPr>{inner}</w:p>")
}

/// A paragraph of plain text carrying the direct formatting clerks use.
pub fn plain(text: &str) -> String {
    para(
        r#"<w:spacing w:line="560" w:lineRule="exact"/><w:ind w:firstLineChars="200" w:firstLine="640"/>"#,
        &run(
            text,
            r#"<w:rFonts w:ascii="仿宋_GB2312" w:eastAsia="仿宋_GB2312"/><w:sz w:val="32"/>"#,
        ),
    )
}

/// A numbered paragraph (numId, ilvl) with optional style.
pub fn numbered(style: &str, num: &str, lvl: u8, text: &str) -> String {
    let pstyle = if style.is_empty() {
        String::new()
    } else {
        format!(r#"<w:pStyle w:val="{style}"/>"#)
    };
    para(
        &format!(r#"{pstyle}<w:numPr><w:ilvl w:val="{lvl}"/><w:numId w:val="{num}"/></w:numPr>"#),
        &run(text, ""),
    )
}

impl Word {
    pub fn new(body: impl Into<String>) -> Word {
        Word {
            body: body.into(),
            ..Word::default()
        }
    }

    pub fn document_xml(&self) -> String {
        format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" xmlns:v="urn:schemas-microsoft-com:vml"><w:body>{}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>"#,
            self.body
        )
    }

    /// The .docx bytes.
    pub fn build(&self) -> Vec<u8> {
        let mut parts: Vec<(String, Vec<u8>)> = Vec::new();
        let mut overrides = String::from(
            r#"<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>"#,
        );
        let mut rels = String::new();
        if let Some(s) = &self.styles {
            parts.push((
                "word/styles.xml".into(),
                format!(r#"<?xml version="1.0" encoding="UTF-8"?><w:styles xmlns:w="{W_NS}">{s}</w:styles>"#).into_bytes(),
            ));
            overrides.push_str(r#"<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>"#);
            rels.push_str(r#"<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>"#);
        }
        if let Some(n) = &self.numbering {
            parts.push((
                "word/numbering.xml".into(),
                format!(r#"<?xml version="1.0" encoding="UTF-8"?><w:numbering xmlns:w="{W_NS}">{n}</w:numbering>"#).into_bytes(),
            ));
            overrides.push_str(r#"<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>"#);
            rels.push_str(r#"<Relationship Id="rIdN" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>"#);
        }
        for (id, kind, target) in &self.rels {
            rels.push_str(&format!(
                r#"<Relationship Id="{id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/{kind}" Target="{target}"/>"#
            ));
        }
        parts.push(("word/document.xml".into(), self.document_xml().into_bytes()));
        parts.push((
            "word/_rels/document.xml.rels".into(),
            format!(r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>"#).into_bytes(),
        ));
        parts.extend(self.parts.iter().cloned());
        let content_types = format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/><Default Extension="jpeg" ContentType="image/jpeg"/>{overrides}</Types>"#
        );
        let root_rels = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;
        let mut all = vec![
            (
                "[Content_Types].xml".to_string(),
                content_types.into_bytes(),
            ),
            ("_rels/.rels".to_string(), root_rels.as_bytes().to_vec()),
        ];
        all.extend(parts);
        zip_of(&all)
    }
}

/// A zip archive of the given entries (deflated).
pub fn zip_of(entries: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut z = zip::ZipWriter::new(&mut buf);
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, bytes) in entries {
            z.start_file(name.as_str(), opts).unwrap();
            z.write_all(bytes).unwrap();
        }
        z.finish().unwrap();
    }
    buf.into_inner()
}
