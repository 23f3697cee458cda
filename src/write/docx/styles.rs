//! Paragraph styles: one per role of the plan, the Normal style docx-rs
//! leaves empty, and the font table with alternate names.

use super::*;

/// Style ids of the roles. Headings use Word's built-in ids so that Word lists
/// them in its navigation pane and maps them to its own heading styles.
pub(super) fn style_id(role: PieceRole) -> &'static str {
    match role {
        PieceRole::Paragraph => "Normal",
        PieceRole::Title => "Title",
        PieceRole::Heading(0 | 1) => "Heading1",
        PieceRole::Heading(2) => "Heading2",
        PieceRole::Heading(3) => "Heading3",
        PieceRole::Heading(_) => "Heading4",
        PieceRole::Subtitle => "GwSubtitle",
        PieceRole::OrgMark => "GwOrgMark",
        PieceRole::DocNumber => "GwDocNumber",
        PieceRole::Addressee => "GwAddressee",
        PieceRole::ListItem => "GwListItem",
        PieceRole::Table => "GwTable",
        PieceRole::AttachmentNote => "GwAttachmentNote",
        PieceRole::AttachmentLabel => "GwAttachmentLabel",
        PieceRole::AttachmentTitle => "GwAttachmentTitle",
        PieceRole::Signature => "GwSignature",
        PieceRole::Date => "GwDate",
        PieceRole::Note => "GwNote",
        PieceRole::Cc => "GwCc",
        PieceRole::IssuedBy => "GwIssuedBy",
        PieceRole::Image => "GwImage",
        PieceRole::Caption => "Caption",
    }
}

/// The name Word shows for a role's paragraph style (`None`: Normal, which
/// `patch_normal_style` writes).
pub(super) fn style_name(role: PieceRole) -> Option<&'static str> {
    Some(match role {
        PieceRole::Paragraph => return None,
        PieceRole::Title => "Title",
        PieceRole::Heading(0 | 1) => "heading 1",
        PieceRole::Heading(2) => "heading 2",
        PieceRole::Heading(3) => "heading 3",
        PieceRole::Heading(_) => "heading 4",
        PieceRole::Subtitle => "公文副标题",
        PieceRole::OrgMark => "发文机关标志",
        PieceRole::DocNumber => "发文字号",
        PieceRole::Addressee => "主送机关",
        PieceRole::ListItem => "列表项",
        PieceRole::Table => "表格文字",
        PieceRole::AttachmentNote => "附件说明",
        PieceRole::Signature => "发文机关署名",
        PieceRole::Date => "成文日期",
        PieceRole::Note => "附注",
        PieceRole::AttachmentLabel => "附件标识",
        PieceRole::AttachmentTitle => "附件标题",
        PieceRole::Cc => "抄送机关",
        PieceRole::IssuedBy => "印发机关和印发日期",
        PieceRole::Image => "图片",
        PieceRole::Caption => "caption",
    })
}

/// Replace docx-rs's empty Normal style with the body role, as the default
/// paragraph style, with kinsoku on, no hanging punctuation and no automatic
/// space between Han and Latin/digits (the PDF invents none either): the
/// style element is made here and put in place in the parsed styles part
/// (docx-rs's styles carry none of the line rules).
pub(super) fn patch_normal_style(styles: &[u8], ctx: &Ctx) -> Result<Vec<u8>> {
    let mut part = Part::parse(styles).ok_or_else(|| Error::Output {
        path: "styles.xml".into(),
        message: "docx-rs wrote styles that do not parse".into(),
    })?;
    let style = ctx.style;
    let r = &style.roles.body;
    let ch = ctx.char_pt(r);
    let line = tw(style.pitch(r)).to_string();
    let first = tw(r.first_line_indent_chars * ch).to_string();
    let cjk = style.fonts.docx_name(r.font);
    let latin = style.fonts.latin.as_str();
    let sz = half_points(r.size_pt).to_string();
    let empty = |name: &str, attrs: &[(&str, &str)]| XNode::elem(name, attrs, Vec::new());
    let mut ppr = vec![empty("w:widowControl", &[("w:val", "0")])];
    ppr.extend(line_rules());
    ppr.extend([
        empty(
            "w:spacing",
            &[
                ("w:before", "0"),
                ("w:after", "0"),
                ("w:line", &line),
                ("w:lineRule", "exact"),
            ],
        ),
        empty("w:ind", &[("w:firstLine", &first)]),
        empty("w:jc", &[("w:val", "both")]),
    ]);
    let mut rpr = vec![empty(
        "w:rFonts",
        &[
            ("w:ascii", latin),
            ("w:hAnsi", latin),
            ("w:eastAsia", cjk),
            ("w:cs", latin),
            ("w:hint", "eastAsia"),
        ],
    )];
    if let Some(cs) = ctx.char_spacing(r) {
        rpr.push(empty("w:spacing", &[("w:val", &cs.to_string())]));
    }
    rpr.extend([
        empty("w:kern", &[("w:val", "0")]),
        empty("w:sz", &[("w:val", &sz)]),
        empty("w:szCs", &[("w:val", &sz)]),
        empty("w:lang", &[("w:val", "en-US"), ("w:eastAsia", "zh-CN")]),
    ]);
    let normal = XNode::elem(
        "w:style",
        &[
            ("w:type", "paragraph"),
            ("w:default", "1"),
            ("w:styleId", "Normal"),
        ],
        vec![
            empty("w:name", &[("w:val", "Normal")]),
            empty("w:qFormat", &[]),
            XNode::elem("w:pPr", &[], ppr),
            XNode::elem("w:rPr", &[], rpr),
        ],
    );
    let is_normal = |n: &XNode| n.attr("w:styleId").as_deref() == Some("Normal");
    part.replace_or_insert("w:style", is_normal, "w:docDefaults", normal);
    Ok(part.to_bytes())
}

/// The font table: each family's first name with the others as alternates,
/// and the Latin font.
pub(super) fn font_table(style: &Style) -> Vec<u8> {
    let font = |name: &str, alt: Option<&str>, charset: &str, family: &str| {
        let mut children = Vec::new();
        if let Some(alt) = alt {
            children.push(XNode::elem("w:altName", &[("w:val", alt)], Vec::new()));
        }
        children.extend([
            XNode::elem("w:charset", &[("w:val", charset)], Vec::new()),
            XNode::elem("w:family", &[("w:val", family)], Vec::new()),
            XNode::elem("w:pitch", &[("w:val", "variable")], Vec::new()),
        ]);
        XNode::elem("w:font", &[("w:name", name)], children)
    };
    let mut fonts: Vec<XNode> = Family::ALL
        .iter()
        .map(|&f| {
            let names = style.fonts.all_names(f);
            let alt = names[1..].join(",");
            let family = if f == Family::Heiti {
                "modern"
            } else {
                "roman"
            };
            font(&names[0], Some(&alt), "86", family)
        })
        .collect();
    fonts.push(font(&style.fonts.latin, None, "00", "roman"));
    Part::new(XNode::elem(
        "w:fonts",
        &[(
            "xmlns:w",
            "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
        )],
        fonts,
    ))
    .to_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn style_ids() {
        assert_eq!(style_id(PieceRole::AttachmentNote), "GwAttachmentNote");
        assert_eq!(style_id(PieceRole::Heading(2)), "Heading2");
        assert_eq!(style_id(PieceRole::Paragraph), "Normal");
        // One style per role: no two roles share an id or a name.
        let ids: std::collections::HashSet<_> =
            PieceRole::ALL.iter().map(|r| style_id(*r)).collect();
        let names: std::collections::HashSet<_> = PieceRole::ALL
            .iter()
            .filter_map(|r| style_name(*r))
            .collect();
        assert_eq!(ids.len(), PieceRole::ALL.len());
        assert_eq!(names.len(), PieceRole::ALL.len() - 1);
    }
}
