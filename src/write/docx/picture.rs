//! Pictures: a centred paragraph of their own holding the picture inline at
//! the plan's size. Its line spacing is single (not the grid's exact pitch,
//! which would clip it), so that Word and LibreOffice round its height up to
//! whole grid lines, as the PDF does. docx-rs names every picture part
//! `….png` and every drawing `docPr id="1"` without a description: JPEG parts
//! are renamed and drawings numbered and described here, in typed passes over
//! the parsed parts.

use std::io::Write as _;

use docx_rs::{Pic, XMLDocx};

use super::*;
use crate::compose::ImagePlan;
use crate::model::ImageFormat;
use crate::write::ooxml::{Part, XNode};
use units::{emu, SINGLE_LINE_SPACING};

/// The relationship id (and media name) of a block's picture: fixed by the
/// block, so that the same document gives the same bytes.
fn picture_rid(block: usize) -> String {
    format!("rIdImage{block}")
}

pub(super) fn image_paragraph(piece: &Piece, im: &ImagePlan) -> Paragraph {
    let pic = Pic::new_with_dimensions(
        im.image.data.to_vec(),
        im.image.width_px,
        im.image.height_px,
    )
    .size(emu(im.width), emu(im.height))
    .id(picture_rid(piece.block));
    let mut p = Paragraph::new()
        .style(style_id(piece.role))
        .align(AlignmentType::Center)
        .indent(
            Some(0),
            Some(SpecialIndentType::FirstLine(0)),
            Some(0),
            None,
        )
        .line_spacing(
            LineSpacing::new()
                .line_rule(LineSpacingType::Auto)
                .line(SINGLE_LINE_SPACING)
                .before(0)
                .after(0),
        )
        .add_run(Run::new().add_image(pic));
    if im.keep_with_next {
        p = p.keep_next(true);
    }
    p
}

/// JPEG parts to add after packing: (media name, bytes).
pub(super) type JpegParts = Vec<(String, Vec<u8>)>;

/// Number and describe the drawings, and take the JPEG pictures out of the
/// media docx-rs would store as `.png` (their relationships renamed to
/// `.jpeg`, which the content types already know).
pub(super) fn prepare_media(xml: &mut XMLDocx, plan: &Plan) -> JpegParts {
    let images: Vec<&ImagePlan> = plan
        .pieces
        .iter()
        .filter_map(|p| match &p.body {
            Body::Image(im) => Some(im),
            _ => None,
        })
        .collect();
    if images.is_empty() {
        return Vec::new();
    }
    let alts: Vec<&str> = images.iter().map(|im| im.image.alt.as_str()).collect();
    if let Some(mut part) = Part::parse(&xml.document) {
        if let Some(root) = part.root_mut() {
            number_drawings(root, &alts, &mut 0);
        }
        xml.document = part.to_bytes();
    }
    let mut jpegs = Vec::new();
    let mut renamed = Vec::new();
    xml.media.retain(|(id, bytes)| {
        let jpeg = images
            .iter()
            .any(|im| im.image.format == ImageFormat::Jpeg && *im.image.data == **bytes);
        if jpeg {
            renamed.push((format!("media/{id}.png"), format!("media/{id}.jpeg")));
            jpegs.push((format!("word/media/{id}.jpeg"), bytes.clone()));
        }
        !jpeg
    });
    if !renamed.is_empty() {
        if let Some(mut part) = Part::parse(&xml.document_rels) {
            if let Some(XNode::Elem { children, .. }) = part.root_mut() {
                for rel in children.iter_mut() {
                    let target = rel.attr("Target");
                    let Some((_, to)) = renamed
                        .iter()
                        .find(|(from, _)| Some(from) == target.as_ref())
                    else {
                        continue;
                    };
                    let (id, kind) = (
                        rel.attr("Id").unwrap_or_default(),
                        rel.attr("Type").unwrap_or_default(),
                    );
                    *rel = XNode::elem(
                        "Relationship",
                        &[("Id", &id), ("Type", &kind), ("Target", to)],
                        Vec::new(),
                    );
                }
            }
            xml.document_rels = part.to_bytes();
        }
    }
    jpegs
}

/// Every drawing's `wp:docPr` (docx-rs writes `id="1" name="Figure"` for all)
/// numbered in order, with its picture's description.
fn number_drawings(node: &mut XNode, alts: &[&str], n: &mut usize) {
    let XNode::Elem { children, .. } = node else {
        return;
    };
    for c in children.iter_mut() {
        if matches!(c, XNode::Elem { name, .. } if name == "wp:docPr") {
            *n += 1;
            let id = n.to_string();
            let name = format!("图片 {n}");
            let descr = alts.get(*n - 1).copied().unwrap_or_default();
            *c = XNode::elem(
                "wp:docPr",
                &[("id", &id), ("name", &name), ("descr", descr)],
                Vec::new(),
            );
        } else {
            number_drawings(c, alts, n);
        }
    }
}

/// The packed DOCX with the JPEG parts added.
pub(super) fn add_jpegs(docx: Vec<u8>, jpegs: JpegParts) -> Result<Vec<u8>> {
    if jpegs.is_empty() {
        return Ok(docx);
    }
    let err = |e: String| Error::Output {
        path: "<docx>".into(),
        message: format!("adding the JPEG pictures: {e}"),
    };
    let mut zip =
        zip::ZipWriter::new_append(std::io::Cursor::new(docx)).map_err(|e| err(e.to_string()))?;
    // Stored: a JPEG is compressed already.
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, bytes) in jpegs {
        zip.start_file(name, options)
            .and_then(|_| zip.write_all(&bytes).map_err(Into::into))
            .map_err(|e| err(e.to_string()))?;
    }
    zip.finish()
        .map(std::io::Cursor::into_inner)
        .map_err(|e| err(e.to_string()))
}
