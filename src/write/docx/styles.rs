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
    })
}

/// Replace docx-rs's empty Normal style with the body role, as the default
/// paragraph style, with kinsoku on, no hanging punctuation and no automatic
/// space between Han and Latin/digits (the PDF invents none either).
pub(super) fn patch_normal_style(styles: &[u8], ctx: &Ctx) -> Result<Vec<u8>> {
    let s = std::str::from_utf8(styles).map_err(|e| Error::Output {
        path: "styles.xml".into(),
        message: e.to_string(),
    })?;
    let style = ctx.style;
    let r = &style.roles.body;
    let ch = ctx.char_pt(r);
    let pitch = style.pitch(r);
    let cjk = escape(style.fonts.docx_name(r.font));
    let latin = escape(&style.fonts.latin);
    let spacing = ctx
        .char_spacing(r)
        .map(|cs| format!(r#"<w:spacing w:val="{cs}"/>"#))
        .unwrap_or_default();
    let normal = format!(
        concat!(
            r#"<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/>"#,
            r#"<w:pPr><w:widowControl w:val="0"/>{rules}"#,
            r#"<w:spacing w:before="0" w:after="0" w:line="{line}" w:lineRule="exact"/>"#,
            r#"<w:ind w:firstLine="{first}"/><w:jc w:val="both"/></w:pPr>"#,
            r#"<w:rPr><w:rFonts w:ascii="{latin}" w:hAnsi="{latin}" w:eastAsia="{cjk}" w:cs="{latin}" w:hint="eastAsia"/>"#,
            r#"{spacing}<w:kern w:val="0"/><w:sz w:val="{sz}"/><w:szCs w:val="{sz}"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:style>"#
        ),
        line = tw(pitch),
        first = tw(r.first_line_indent_chars * ch),
        latin = latin,
        cjk = cjk,
        spacing = spacing,
        sz = half_points(r.size_pt),
        rules = line_rules_xml(),
    );
    let start = s
        .find(r#"w:styleId="Normal""#)
        .and_then(|i| s[..i].rfind("<w:style "));
    let out = match start {
        Some(a) => {
            let end = s[a..]
                .find("</w:style>")
                .map(|e| a + e + "</w:style>".len())
                .ok_or_else(|| Error::Output {
                    path: "styles.xml".into(),
                    message: "unterminated Normal style".into(),
                })?;
            format!("{}{}{}", &s[..a], normal, &s[end..])
        }
        None => s.replacen("</w:docDefaults>", &format!("</w:docDefaults>{normal}"), 1),
    };
    Ok(out.into_bytes())
}

pub(super) fn font_table(style: &Style) -> String {
    let mut out = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">"#,
    );
    for f in Family::ALL {
        let names = style.fonts.all_names(f);
        let alt = names[1..].join(",");
        out.push_str(&format!(
            r#"<w:font w:name="{}"><w:altName w:val="{}"/><w:charset w:val="86"/><w:family w:val="{}"/><w:pitch w:val="variable"/></w:font>"#,
            escape(&names[0]),
            escape(&alt),
            if f == Family::Heiti { "modern" } else { "roman" }
        ));
    }
    out.push_str(&format!(
        r#"<w:font w:name="{}"><w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>"#,
        escape(&style.fonts.latin)
    ));
    out.push_str("</w:fonts>");
    out
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
