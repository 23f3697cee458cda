//! Sections for the 版记's page: the body's section split off where the PDF's
//! last page begins, or before an even page of its own (with a blank page's
//! section when one is needed).

use super::*;

/// Set the footer distance of the (last) section, in twips.
pub(super) fn set_footer_distance(document: &[u8], twips: i32) -> Vec<u8> {
    let s = String::from_utf8_lossy(document);
    let Some(sect) = s.rfind("<w:pgMar") else {
        return document.to_vec();
    };
    let Some(a) = s[sect..]
        .find("w:footer=\"")
        .map(|a| sect + a + "w:footer=\"".len())
    else {
        return document.to_vec();
    };
    let Some(e) = s[a..].find('"').map(|e| a + e) else {
        return document.to_vec();
    };
    format!("{}{}{}", &s[..a], twips.max(0), &s[e..]).into_bytes()
}

/// The relationship ids of a section's footer references.
pub(super) fn footer_rids(sect: &str) -> Vec<String> {
    sect.split("<w:footerReference")
        .skip(1)
        .filter_map(|r| {
            let a = r.find("r:id=\"")? + "r:id=\"".len();
            Some(r[a..a + r[a..].find('"')?].to_string())
        })
        .collect()
}

/// Relationship id of the empty footer of the blank page before the 版记.
pub(super) const BLANK_FOOTER_RID: &str = "rIdFooterBlank";

/// Add an empty footer part (docx-rs makes only the three it was given).
pub(super) fn add_empty_footer(xml: &mut docx_rs::XMLDocx, rid: &str) {
    let n = xml.footers.len() + 1;
    let footer = Footer::new().add_paragraph(Paragraph::new());
    xml.footers.push(docx_rs::BuildXML::build(&footer));
    let rels = String::from_utf8_lossy(&xml.document_rels).replacen(
        "</Relationships>",
        &format!("<Relationship Id=\"{rid}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer\" Target=\"footer{n}.xml\" /></Relationships>"),
        1,
    );
    xml.document_rels = rels.into_bytes();
    let types = String::from_utf8_lossy(&xml.content_type).replacen(
        "</Types>",
        &format!("<Override PartName=\"/word/footer{n}.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml\" /></Types>"),
        1,
    );
    xml.content_type = types.into_bytes();
}

/// Name of the bookmark that marks the last paragraph of the body's section
/// when the 版记 shares the last page; `shared_record_section` replaces it.
pub(super) const SECTION_END_MARK: &str = "_GwSectionEnd";

/// Mark the last paragraph so far as the end of the body's section; false when
/// the document does not end with a paragraph (a table cannot carry a section
/// break).
pub(super) fn mark_section_end(docx: &mut Docx) -> bool {
    match docx.document.children.last_mut() {
        Some(docx_rs::DocumentChild::Paragraph(p)) => {
            let marked = (**p)
                .clone()
                .add_bookmark_start(0, SECTION_END_MARK)
                .add_bookmark_end(0);
            **p = marked;
            true
        }
        _ => false,
    }
}

/// Room above the last paragraph, on its exact line pitch (points).
pub(super) fn space_before_last(docx: &mut Docx, pitch: f32, before: f32) {
    if let Some(docx_rs::DocumentChild::Paragraph(p)) = docx.document.children.last_mut() {
        let spacing = LineSpacing::new()
            .line_rule(LineSpacingType::Exact)
            .line(tw(pitch))
            .before(tw(before).max(0) as u32)
            .after(0);
        let changed = (**p).clone().line_spacing(spacing);
        **p = changed;
    }
}

/// The 版记 on the body's last page: the body's section ends with the marked
/// paragraph (its page-number footers only), and the last section, which
/// starts with the PDF's last page, shows the 版记 and the page number in its
/// first-page footer. The even-page type keeps Word's 版记 page even should
/// its pagination differ; LibreOffice reads it as a page break.
pub(super) fn shared_record_section(document: &[u8]) -> Result<Vec<u8>> {
    let s = std::str::from_utf8(document).map_err(|e| Error::Output {
        path: "document.xml".into(),
        message: e.to_string(),
    })?;
    let bad = |m: &str| Error::Output {
        path: "document.xml".into(),
        message: m.into(),
    };
    let SectionSplit {
        start,
        end,
        body,
        last,
    } = split_last_section(s)?;
    // The marked paragraph: its bookmark goes, the section break goes in.
    let mark = s
        .find(&format!("w:name=\"{SECTION_END_MARK}\""))
        .ok_or_else(|| bad("no section mark"))?;
    let mark_start = s[..mark]
        .rfind("<w:bookmarkStart")
        .ok_or_else(|| bad("no bookmark"))?;
    let mark_end = s[mark..]
        .find("<w:bookmarkEnd")
        .and_then(|e| s[mark + e..].find("/>").map(|f| mark + e + f + 2))
        .ok_or_else(|| bad("no bookmark end"))?;
    let para_start = s[..mark_start]
        .rfind("<w:p ")
        .or_else(|| s[..mark_start].rfind("<w:p>"))
        .ok_or_else(|| bad("no paragraph"))?;
    let ppr_end = s[para_start..mark_start]
        .find("</w:pPr>")
        .map(|e| para_start + e)
        .ok_or_else(|| bad("no paragraph properties"))?;
    let mut out = String::with_capacity(s.len() + body.len() + 64);
    out.push_str(&s[..ppr_end]);
    out.push_str(&body);
    out.push_str(&s[ppr_end..mark_start]);
    out.push_str(&s[mark_end..start]);
    out.push_str(&last);
    out.push_str(&s[end..]);
    Ok(out.into_bytes())
}

/// Style id of the empty paragraph that holds the 版记 section's page.
pub(super) const RECORD_PAGE: &str = "GwRecordPage";

/// The document's (last) section properties split for a last section of the
/// 版记: where they stand in `s`, the body's section (the page-number footers
/// only) and the last section (an even page, with a first-page footer).
pub(super) struct SectionSplit {
    start: usize,
    end: usize,
    body: String,
    last: String,
}

pub(super) fn split_last_section(s: &str) -> Result<SectionSplit> {
    let bad = |m: &str| Error::Output {
        path: "document.xml".into(),
        message: m.into(),
    };
    let start = s
        .rfind("<w:sectPr")
        .ok_or_else(|| bad("no section properties"))?;
    let end = s[start..]
        .find("</w:sectPr>")
        .map(|e| start + e + "</w:sectPr>".len())
        .ok_or_else(|| bad("unterminated section"))?;
    let mut body = s[start..end].to_string();
    if let Some(a) = body.find("<w:footerReference w:type=\"first\"") {
        let e = body[a..].find("/>").map_or(body.len(), |e| a + e + 2);
        body.replace_range(a..e, "");
    }
    let body = body
        .replace("<w:titlePg />", "")
        .replace("<w:titlePg/>", "");
    let last = s[start..end].replacen(">", "><w:type w:val=\"evenPage\"/>", 1);
    let last = if last.contains("titlePg") {
        last
    } else {
        last.replacen(">", "><w:titlePg/>", 1)
    };
    Ok(SectionSplit {
        start,
        end,
        body,
        last,
    })
}

/// Split the 版记 off into a last section: a section break before its page
/// (carrying the body's page setup and page-number footers), and the last
/// section starting on an even page, its first-page footer (the 版记) ending on
/// the 版心's bottom edge.
///
/// With `blank_footer`, a blank page of its own section (every footer that
/// empty one) stands between the body and the 版记 page.
pub(super) fn record_section(
    document: &[u8],
    footer_distance: Option<i32>,
    blank_footer: Option<&str>,
) -> Result<Vec<u8>> {
    let s = std::str::from_utf8(document).map_err(|e| Error::Output {
        path: "document.xml".into(),
        message: e.to_string(),
    })?;
    let bad = |m: &str| Error::Output {
        path: "document.xml".into(),
        message: m.into(),
    };
    let SectionSplit {
        start,
        end,
        body,
        last,
    } = split_last_section(s)?;
    let first = s
        .find(&format!("<w:pStyle w:val=\"{RECORD_PAGE}\""))
        .ok_or_else(|| bad("no 版记 page"))?;
    let para_start = s[..first]
        .rfind("<w:p ")
        .or_else(|| s[..first].rfind("<w:p>"))
        .ok_or_else(|| bad("no paragraph"))?;
    // The 版记's page: an unnumbered one's footer ends where the 版心 ends.
    let last = match footer_distance {
        Some(d) => String::from_utf8(set_footer_distance(last.as_bytes(), d))
            .map_err(|e| bad(&e.to_string()))?,
        None => last,
    };
    let mut out = String::with_capacity(s.len() + 2 * body.len() + 64);
    out.push_str(&s[..para_start]);
    out.push_str(&format!("<w:p><w:pPr>{body}</w:pPr></w:p>"));
    if let Some(rid) = blank_footer {
        let mut blank = body.clone();
        for old in footer_rids(&body) {
            blank = blank.replace(&format!("r:id=\"{old}\""), &format!("r:id=\"{rid}\""));
        }
        out.push_str(&format!("<w:p><w:pPr>{blank}</w:pPr></w:p>"));
    }
    out.push_str(&s[para_start..start]);
    out.push_str(&last);
    out.push_str(&s[end..]);
    Ok(out.into_bytes())
}
