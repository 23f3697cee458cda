//! Pictures in the PDF: one image XObject per picture of the document, named
//! after its block, drawn by a `cm` that maps the unit square onto the place
//! the layout gave it (then `Do`). A JPEG goes in as it is (DCTDecode); a
//! PNG is decoded to 8-bit grey or RGB (deflated with every other stream),
//! its transparency a soft mask.

use std::collections::BTreeMap;

use printpdf::{DictItem, ExternalStream, ExternalXObject, PdfDocument, Px, XObject, XObjectId};

use crate::error::{Error, Result};
use crate::layout::{Item, Laid, PlacedImage};
use crate::model::{Image, ImageFormat};
use crate::picture::{decode_png, jpeg_info};
use crate::write::pdf_content::milli;
use crate::write::pdf_ops::Content;

/// The resource name of a block's picture.
fn resource(block: usize) -> XObjectId {
    XObjectId(format!("GWI{block}"))
}

/// Put every picture the pages show into the document's resources, once.
pub fn add_images(pdf: &mut PdfDocument, laid: &Laid) -> Result<()> {
    for page in &laid.pages {
        for item in &page.items {
            let Item::Image(im) = item else { continue };
            if let std::collections::btree_map::Entry::Vacant(slot) =
                pdf.resources.xobjects.map.entry(resource(im.block))
            {
                slot.insert(XObject::External(xobject(&im.image)?));
            }
        }
    }
    Ok(())
}

/// Draw a placed picture (`page_h`: to turn the layout's top-down y into
/// PDF's bottom-up): the unit square scaled to the picture's size and moved
/// to its place.
pub fn draw_image(c: &mut Content, im: &PlacedImage, page_h: f32) {
    c.save();
    c.transform([
        milli(im.width),
        0.0,
        0.0,
        milli(im.height),
        milli(im.x),
        milli(page_h - im.y - im.height),
    ]);
    c.draw(&resource(im.block).0);
    c.restore();
}

fn name(n: &str) -> DictItem {
    DictItem::Name(n.as_bytes().to_vec())
}

fn image_dict(width: u32, height: u32, colour: &str) -> BTreeMap<String, DictItem> {
    BTreeMap::from([
        ("Type".to_string(), name("XObject")),
        ("Subtype".to_string(), name("Image")),
        ("Width".to_string(), DictItem::Int(i64::from(width))),
        ("Height".to_string(), DictItem::Int(i64::from(height))),
        ("ColorSpace".to_string(), name(colour)),
        ("BitsPerComponent".to_string(), DictItem::Int(8)),
    ])
}

fn xobject(image: &Image) -> Result<ExternalXObject> {
    // The reader checked the picture; a failure here is a broken promise.
    let err = |m: String| Error::Output {
        path: "<pdf>".into(),
        message: format!("picture {}: {m}", image.source),
    };
    let (stream, w, h) = match image.format {
        ImageFormat::Jpeg => {
            let info = jpeg_info(&image.data).map_err(err)?;
            let colour = match info.components {
                1 => "DeviceGray",
                3 => "DeviceRGB",
                _ => "DeviceCMYK",
            };
            let mut dict = image_dict(info.width, info.height, colour);
            dict.insert("Filter".into(), name("DCTDecode"));
            if info.components == 4 && info.adobe {
                // Adobe's CMYK JPEGs store their samples inverted.
                let decode = [1, 0, 1, 0, 1, 0, 1, 0].map(DictItem::Int).to_vec();
                dict.insert("Decode".into(), DictItem::Array(decode));
            }
            let stream = ExternalStream {
                dict,
                content: image.data.to_vec(),
                compress: false,
            };
            (stream, info.width, info.height)
        }
        ImageFormat::Png => {
            let px = decode_png(&image.data).map_err(err)?;
            let colour = if px.channels == 1 {
                "DeviceGray"
            } else {
                "DeviceRGB"
            };
            let mut dict = image_dict(px.width, px.height, colour);
            if let Some(alpha) = px.alpha {
                let mask = ExternalStream {
                    dict: image_dict(px.width, px.height, "DeviceGray"),
                    content: alpha,
                    compress: true,
                };
                dict.insert("SMask".into(), DictItem::Stream { stream: mask });
            }
            let stream = ExternalStream {
                dict,
                content: px.data,
                compress: true,
            };
            (stream, px.width, px.height)
        }
    };
    Ok(ExternalXObject {
        stream,
        width: Some(Px(w as usize)),
        height: Some(Px(h as usize)),
        dpi: None,
    })
}
