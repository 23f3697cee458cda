//! Pictures: what a PNG or JPEG is (format, size, colour), checked once when a
//! draft is read, and a PNG's pixels for the PDF (which takes JPEG as it is).
//! Hostile files are refused with a reason, never decoded without limits.

use std::sync::Arc;

use crate::model::{Image, ImageFormat};

/// The most pixels a picture may have: a PNG decodes to up to 4 bytes a pixel
/// (8-bit RGBA), and a 公文's picture is a chart or a photo, never a poster.
pub const MAX_PIXELS: u64 = 40_000_000;

/// A picture checked and described; `source` names it in messages and JSON.
/// The error says what is wrong, not which picture: the caller names it.
pub fn image_of(data: Vec<u8>, alt: &str, source: &str) -> Result<Image, String> {
    let (format, width_px, height_px) = if data.starts_with(PNG_SIGNATURE) {
        // Decoded in full once, so that a broken file stops here, with the
        // draft's name and line, and never in a writer.
        let p = decode_png(&data)?;
        (ImageFormat::Png, p.width, p.height)
    } else if data.starts_with(&[0xFF, 0xD8, 0xFF]) {
        let j = jpeg_info(&data)?;
        (ImageFormat::Jpeg, j.width, j.height)
    } else {
        return Err("it is neither a PNG nor a JPEG picture".into());
    };
    Ok(Image {
        format,
        width_px,
        height_px,
        alt: alt.to_string(),
        source: source.to_string(),
        data: Arc::from(data),
    })
}

const PNG_SIGNATURE: &[u8] = &[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];

fn check_size(width: u32, height: u32) -> Result<(), String> {
    if width == 0 || height == 0 {
        return Err(format!(
            "the picture has no area ({width} × {height} pixels)"
        ));
    }
    if u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(format!(
            "the picture has {width} × {height} pixels, more than the {MAX_PIXELS} taken"
        ));
    }
    Ok(())
}

/// A PNG's pixels at 8 bits: grey or RGB, with any transparency apart (the PDF
/// takes it as a soft mask).
#[derive(Debug)]
pub struct Pixels {
    pub width: u32,
    pub height: u32,
    /// 1 (grey) or 3 (RGB) bytes a pixel.
    pub channels: u8,
    pub data: Vec<u8>,
    pub alpha: Option<Vec<u8>>,
}

pub fn decode_png(bytes: &[u8]) -> Result<Pixels, String> {
    let bad = |e: png::DecodingError| format!("the PNG picture does not decode: {e}");
    let mut dec = png::Decoder::new_with_limits(
        std::io::Cursor::new(bytes),
        png::Limits {
            bytes: (MAX_PIXELS * 4) as usize,
        },
    );
    dec.set_transformations(png::Transformations::normalize_to_color8());
    let mut reader = dec.read_info().map_err(bad)?;
    let (width, height) = reader.info().size();
    check_size(width, height)?;
    let size = reader
        .output_buffer_size()
        .ok_or("the PNG picture is too large to decode")?;
    let mut buf = vec![0; size];
    let info = reader.next_frame(&mut buf).map_err(bad)?;
    buf.truncate(info.buffer_size());
    let (channels, has_alpha) = match info.color_type {
        png::ColorType::Grayscale => (1, false),
        png::ColorType::GrayscaleAlpha => (1, true),
        png::ColorType::Rgb => (3, false),
        png::ColorType::Rgba => (3, true),
        // EXPAND turns palettes into RGB.
        png::ColorType::Indexed => return Err("the PNG palette was not expanded".into()),
    };
    if info.bit_depth != png::BitDepth::Eight {
        return Err(format!(
            "the PNG picture decodes to {:?} bits a sample",
            info.bit_depth
        ));
    }
    let (data, alpha) = if has_alpha {
        let step = channels as usize + 1;
        let mut colour = Vec::with_capacity(buf.len() / step * channels as usize);
        let mut alpha = Vec::with_capacity(buf.len() / step);
        for px in buf.chunks_exact(step) {
            colour.extend_from_slice(&px[..channels as usize]);
            alpha.push(px[channels as usize]);
        }
        // A mask that hides nothing is left out.
        let alpha = alpha.iter().any(|&a| a != 255).then_some(alpha);
        (colour, alpha)
    } else {
        (buf, None)
    };
    Ok(Pixels {
        width,
        height,
        channels,
        data,
        alpha,
    })
}

/// What a JPEG's frame header says: size, colour components, and whether an
/// Adobe marker stores CMYK inverted (as Photoshop writes it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct JpegInfo {
    pub width: u32,
    pub height: u32,
    pub components: u8,
    pub adobe: bool,
}

pub fn jpeg_info(b: &[u8]) -> Result<JpegInfo, String> {
    let bad = |why: &str| format!("the JPEG picture is broken: {why}");
    let mut i = 2;
    let mut adobe = false;
    loop {
        // Fill bytes may precede a marker.
        while b.get(i) == Some(&0xFF) && b.get(i + 1) == Some(&0xFF) {
            i += 1;
        }
        let (Some(&0xFF), Some(&marker)) = (b.get(i), b.get(i + 1)) else {
            return Err(bad("no frame header"));
        };
        if marker == 0xD9 || marker == 0xDA {
            return Err(bad("no frame header before the image data"));
        }
        let len = match (b.get(i + 2), b.get(i + 3)) {
            (Some(&h), Some(&l)) => usize::from(h) << 8 | usize::from(l),
            _ => return Err(bad("a marker segment is cut off")),
        };
        if len < 2 || i + 2 + len > b.len() {
            return Err(bad("a marker segment is cut off"));
        }
        let seg = &b[i + 4..i + 2 + len];
        if marker == 0xEE && seg.starts_with(b"Adobe") {
            adobe = true;
        }
        // SOF0–SOF15, except DHT (C4), JPG (C8) and DAC (CC).
        if (0xC0..=0xCF).contains(&marker) && !matches!(marker, 0xC4 | 0xC8 | 0xCC) {
            if seg.len() < 6 {
                return Err(bad("the frame header is cut off"));
            }
            let height = u32::from(seg[1]) << 8 | u32::from(seg[2]);
            let width = u32::from(seg[3]) << 8 | u32::from(seg[4]);
            let components = seg[5];
            check_size(width, height)?;
            if !matches!(components, 1 | 3 | 4) {
                return Err(bad(&format!("{components} colour components")));
            }
            return Ok(JpegInfo {
                width,
                height,
                components,
                adobe,
            });
        }
        i += 2 + len;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jpeg_frame_header_is_found_after_other_segments() {
        let mut j = vec![0xFF, 0xD8];
        j.extend([0xFF, 0xE0, 0x00, 0x04, 0x00, 0x00]); // APP0
        j.extend([
            0xFF, 0xC2, 0x00, 0x0B, 8, 0x01, 0x2C, 0x02, 0x58, 3, 1, 0x11, 0,
        ]);
        let info = jpeg_info(&j).unwrap();
        assert_eq!((info.width, info.height, info.components), (600, 300, 3));
        assert!(image_of(j[..8].to_vec(), "", "x.jpg").is_err());
        assert!(image_of(b"GIF89a".to_vec(), "", "x.gif")
            .unwrap_err()
            .contains("neither a PNG nor a JPEG"));
    }
}
