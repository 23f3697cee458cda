//! PNG previews: the SVG painter's pages rasterised by resvg. The pages hold
//! only paths, lines and the draft's pictures (data URIs), so no font or text
//! support is needed here.

use crate::error::{Error, Result};

/// Rasterise one page's SVG at `dpi` pixels per inch (the SVG is in points).
pub fn png_of_svg(svg: &str, dpi: f32) -> Result<Vec<u8>> {
    let err = |m: String| Error::Output {
        path: "<png>".into(),
        message: m,
    };
    let tree = resvg::usvg::Tree::from_str(svg, &resvg::usvg::Options::default())
        .map_err(|e| err(format!("reading the page's SVG: {e}")))?;
    // usvg gives the size in CSS pixels (96 per inch); points are 72 per inch.
    let scale = dpi / 96.0;
    let size = tree.size().to_int_size().scale_by(scale).ok_or_else(|| {
        err(format!(
            "a page of {:?} cannot be drawn at {dpi} dpi",
            tree.size()
        ))
    })?;
    let mut pixmap = resvg::tiny_skia::Pixmap::new(size.width(), size.height())
        .ok_or_else(|| err(format!("no room for a {size:?} picture")))?;
    resvg::render(
        &tree,
        resvg::tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    pixmap
        .encode_png()
        .map_err(|e| err(format!("encoding the PNG: {e}")))
}
