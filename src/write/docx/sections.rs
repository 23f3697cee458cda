//! Sections for the 版记's page: the body's section split off where the PDF's
//! last page begins, or before an even page of its own (with a blank page's
//! section when one is needed). Built with docx-rs's section properties: a
//! paragraph's own `sectPr` ends a section, the document's ends the last.

use docx_rs::{DocumentChild, FooterReference, SectionProperty, SectionType};

use super::*;

/// Where the body's section ends, as an index into the document's children.
#[derive(Clone, Copy)]
pub(super) enum SectionEnd {
    /// The 版记 shares the body's last page: the section ends with this
    /// paragraph of the body (the PDF's last page starts after it).
    Shared(usize),
    /// The 版记 takes an even page of its own: this empty paragraph ends the
    /// body's section, with a blank page's section after it when `blank`.
    OwnPage { at: usize, blank: bool },
}

/// The last child when it is a paragraph (a table cannot end a section).
pub(super) fn last_paragraph(docx: &Docx) -> Option<usize> {
    match docx.document.children.last() {
        Some(DocumentChild::Paragraph(_)) => Some(docx.document.children.len() - 1),
        _ => None,
    }
}

/// Room above the last paragraph, on its exact line pitch (points).
pub(super) fn space_before_last(docx: &mut Docx, pitch: f32, before: f32) {
    if let Some(DocumentChild::Paragraph(p)) = docx.document.children.last_mut() {
        let spacing = exact_lines(pitch, tw(before).max(0) as u32, 0);
        let changed = (**p).clone().line_spacing(spacing);
        **p = changed;
    }
}

/// Split the document's section for the 版记, once every footer is set: the
/// body's section (its page setup and page-number footers, no first-page
/// footer) ends where `end` says, and the last section starts on an even page
/// (Word keeps the 版记 page even should its pagination differ; LibreOffice
/// reads it as a page break), its first-page footer the 版记. An unnumbered
/// 版记 page's footer ends where the 版心 ends (`footer_distance`, twips).
/// True when a blank page's section was added: its footer part is then
/// `empty_footer`, to be appended to the built footers.
pub(super) fn split_for_record(
    mut docx: Docx,
    end: SectionEnd,
    footer_distance: Option<i32>,
) -> (Docx, bool) {
    let last = &docx.document.section_property;
    let body = SectionProperty {
        first_footer_reference: None,
        first_footer: None,
        title_pg: false,
        ..last.clone()
    };
    let at = match end {
        SectionEnd::Shared(at) | SectionEnd::OwnPage { at, .. } => at,
    };
    if let Some(DocumentChild::Paragraph(p)) = docx.document.children.get_mut(at) {
        p.property = p.property.clone().section_property(body.clone());
    }
    let blank = matches!(end, SectionEnd::OwnPage { blank: true, .. });
    if blank {
        // When the body ends on an even page the 版记 needs the next even page
        // but one. Word's even-page break would insert the blank page;
        // LibreOffice ignores it, so the blank page is a section of its own
        // whose footers are one empty footer (7.5: blank pages carry no page
        // number). docx-rs registers the part here; `empty_footer` is its text.
        docx.document_rels.footer_count += 1;
        docx.content_type = docx.content_type.add_footer();
        let rid = docx_rs::create_footer_rid(docx.document_rels.footer_count);
        let blank = SectionProperty {
            footer_reference: Some(FooterReference::new("default", &rid)),
            footer: None,
            even_footer_reference: Some(FooterReference::new("even", &rid)),
            even_footer: None,
            ..body
        };
        let p = Paragraph::new().section_property(blank);
        docx.document
            .children
            .insert(at + 1, DocumentChild::Paragraph(Box::new(p)));
    }
    let last = &mut docx.document.section_property;
    last.section_type = Some(SectionType::EvenPage);
    last.title_pg = true;
    if let Some(d) = footer_distance {
        last.page_margin = last.page_margin.clone().footer(d.max(0));
    }
    (docx, blank)
}

/// The empty footer of a blank page's section (see `split_for_record`).
pub(super) fn empty_footer() -> Vec<u8> {
    docx_rs::BuildXML::build(&Footer::new().add_paragraph(Paragraph::new()))
}

/// Set the footer distance of the document's (last) section, in twips.
pub(super) fn set_footer_distance(docx: &mut Docx, twips: i32) {
    let sp = &mut docx.document.section_property;
    sp.page_margin = sp.page_margin.clone().footer(twips.max(0));
}
