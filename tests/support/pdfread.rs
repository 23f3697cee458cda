//! A small PDF text interpreter for tests: where every glyph of a page stands,
//! from the text matrix, the font size, the TJ numbers and the fonts' /W widths.

use std::collections::HashMap;

use lopdf::{Document, Object};

#[derive(Debug, Clone)]
pub struct GlyphPos {
    pub font: String,
    pub size: f32,
    /// Origin x in points from the left edge.
    pub x: f32,
    /// Pen advance to the next glyph (width less TJ adjustment).
    pub advance: f32,
    /// Baseline, points from the top edge.
    pub baseline: f32,
    pub text: String,
    /// Fill colour (RGB 0–1).
    pub color: [f32; 3],
}

/// A stroked straight line: from (x0, y0) to (x1, y1), points from the top-left.
#[derive(Debug, Clone)]
pub struct Stroke {
    pub x0: f32,
    pub y0: f32,
    pub x1: f32,
    pub y1: f32,
    pub width: f32,
    pub color: [f32; 3],
}

/// Every straight line stroked on each page.
pub fn strokes(bytes: &[u8]) -> Vec<Vec<Stroke>> {
    let doc = Document::load_mem(bytes).expect("a readable PDF");
    let mut out = Vec::new();
    for (_, page_id) in doc.get_pages() {
        let page = doc.get_dictionary(page_id).unwrap();
        let page_h = num(&page.get(b"MediaBox").and_then(Object::as_array).unwrap()[3]);
        let content = doc.get_and_decode_page_content(page_id).unwrap();
        let (mut w, mut color, mut from) = (1.0f32, [0.0f32; 3], (0.0f32, 0.0f32));
        let mut lines = Vec::new();
        for op in content.operations {
            let o: Vec<f32> = op.operands.iter().map(num).collect();
            match op.operator.as_str() {
                "w" => w = o[0],
                "RG" => color = [o[0], o[1], o[2]],
                "m" => from = (o[0], o[1]),
                "l" => lines.push(Stroke {
                    x0: from.0,
                    y0: page_h - from.1,
                    x1: o[0],
                    y1: page_h - o[1],
                    width: w,
                    color,
                }),
                _ => {}
            }
        }
        out.push(lines);
    }
    out
}

fn num(o: &Object) -> f32 {
    match o {
        Object::Integer(i) => *i as f32,
        Object::Real(r) => *r,
        _ => 0.0,
    }
}

struct FontInfo {
    name: String,
    widths: HashMap<u16, f32>,
    to_unicode: HashMap<u16, String>,
}

fn font_info(doc: &Document, font: &lopdf::Dictionary) -> FontInfo {
    let name = String::from_utf8_lossy(
        font.get(b"BaseFont")
            .and_then(Object::as_name)
            .unwrap_or(b"?"),
    )
    .into_owned();
    let mut widths = HashMap::new();
    if let Ok(desc) = font.get(b"DescendantFonts").and_then(Object::as_array) {
        if let Some(d) = desc
            .first()
            .and_then(|o| doc.dereference(o).ok())
            .and_then(|(_, o)| o.as_dict().ok())
        {
            if let Ok(w) = d
                .get(b"W")
                .and_then(|o| doc.dereference(o))
                .and_then(|(_, o)| o.as_array())
            {
                let mut i = 0;
                while i < w.len() {
                    let c = num(&w[i]) as u16;
                    match w.get(i + 1) {
                        Some(Object::Array(list)) => {
                            for (k, v) in list.iter().enumerate() {
                                widths.insert(c + k as u16, num(v));
                            }
                            i += 2;
                        }
                        Some(last) => {
                            let (c2, v) = (num(last) as u16, num(&w[i + 2]));
                            for g in c..=c2 {
                                widths.insert(g, v);
                            }
                            i += 3;
                        }
                        None => break,
                    }
                }
            }
        }
    }
    let mut to_unicode = HashMap::new();
    if let Ok(tu) = font.get(b"ToUnicode").and_then(Object::as_reference) {
        if let Ok(stream) = doc.get_object(tu).and_then(Object::as_stream) {
            let data = stream
                .decompressed_content()
                .unwrap_or_else(|_| stream.content.clone());
            let text = String::from_utf8_lossy(&data);
            parse_cmap(&text, &mut to_unicode);
        }
    }
    FontInfo {
        name,
        widths,
        to_unicode,
    }
}

fn hex_u16s(h: &str) -> Vec<u16> {
    let h: String = h.chars().filter(|c| c.is_ascii_hexdigit()).collect();
    (0..h.len() / 4)
        .map(|i| u16::from_str_radix(&h[i * 4..i * 4 + 4], 16).unwrap_or(0))
        .collect()
}

fn parse_cmap(text: &str, map: &mut HashMap<u16, String>) {
    let mut in_char = false;
    let mut in_range = false;
    for line in text.lines() {
        let l = line.trim();
        if l.ends_with("beginbfchar") {
            in_char = true;
            continue;
        }
        if l.ends_with("beginbfrange") {
            in_range = true;
            continue;
        }
        if l == "endbfchar" {
            in_char = false;
        }
        if l == "endbfrange" {
            in_range = false;
        }
        let parts: Vec<&str> = l
            .split('>')
            .map(|p| p.trim().trim_start_matches('<'))
            .filter(|p| !p.is_empty())
            .collect();
        if in_char && parts.len() >= 2 {
            let code = hex_u16s(parts[0]).first().copied().unwrap_or(0);
            map.insert(code, String::from_utf16_lossy(&hex_u16s(parts[1])));
        } else if in_range && parts.len() >= 3 {
            let a = hex_u16s(parts[0]).first().copied().unwrap_or(0);
            let b = hex_u16s(parts[1]).first().copied().unwrap_or(0);
            let base = hex_u16s(parts[2]);
            for (k, code) in (a..=b).enumerate() {
                let mut u = base.clone();
                if let Some(last) = u.last_mut() {
                    *last += k as u16;
                }
                map.insert(code, String::from_utf16_lossy(&u));
            }
        }
    }
}

/// Every glyph of every page, in content order.
pub fn glyphs(bytes: &[u8]) -> Vec<Vec<GlyphPos>> {
    let doc = Document::load_mem(bytes).expect("a readable PDF");
    let mut pages_out = Vec::new();
    for (_, page_id) in doc.get_pages() {
        let page = doc.get_dictionary(page_id).unwrap();
        let media = page.get(b"MediaBox").and_then(Object::as_array).unwrap();
        let page_h = num(&media[3]);
        let (res, res_ids) = doc.get_page_resources(page_id).unwrap();
        let mut res_dicts: Vec<&lopdf::Dictionary> = res.into_iter().collect();
        res_dicts.extend(res_ids.iter().filter_map(|id| doc.get_dictionary(*id).ok()));
        let fonts_dict = res_dicts
            .iter()
            .find_map(|r| r.get(b"Font").ok())
            .and_then(|f| doc.dereference(f).ok())
            .and_then(|(_, o)| o.as_dict().ok())
            .cloned()
            .unwrap_or_default();
        let mut fonts = HashMap::new();
        for (k, v) in fonts_dict.iter() {
            if let Ok((_, Object::Dictionary(d))) = doc.dereference(v) {
                fonts.insert(k.clone(), font_info(&doc, d));
            }
        }
        let content = doc.get_and_decode_page_content(page_id).unwrap();
        let mut out = Vec::new();
        let (mut font, mut size, mut tx, mut ty, mut tc) =
            (Vec::new(), 0.0f32, 0.0f32, 0.0f32, 0.0f32);
        let mut color = [0.0f32; 3];
        for op in content.operations {
            match op.operator.as_str() {
                "Tf" => {
                    font = op.operands[0].as_name().unwrap_or(b"").to_vec();
                    size = num(&op.operands[1]);
                }
                "Tc" => tc = num(&op.operands[0]),
                "rg" => {
                    color = [
                        num(&op.operands[0]),
                        num(&op.operands[1]),
                        num(&op.operands[2]),
                    ]
                }
                "Tm" => {
                    tx = num(&op.operands[4]);
                    ty = num(&op.operands[5]);
                }
                "TJ" | "Tj" => {
                    let f = &fonts[&font];
                    let items = match &op.operands[0] {
                        Object::Array(a) => a.clone(),
                        other => vec![other.clone()],
                    };
                    for it in items {
                        match it {
                            Object::String(bytes, _) => {
                                for pair in bytes.chunks(2) {
                                    let code =
                                        u16::from_be_bytes([pair[0], *pair.get(1).unwrap_or(&0)]);
                                    let w = f.widths.get(&code).copied().unwrap_or(1000.0) * size
                                        / 1000.0
                                        + tc;
                                    out.push(GlyphPos {
                                        font: f.name.clone(),
                                        size,
                                        x: tx,
                                        advance: w,
                                        baseline: page_h - ty,
                                        text: f.to_unicode.get(&code).cloned().unwrap_or_default(),
                                        color,
                                    });
                                    tx += w;
                                }
                            }
                            other => {
                                let adj = num(&other) * size / 1000.0;
                                tx -= adj;
                                if let Some(last) = out.last_mut() {
                                    last.advance -= adj;
                                }
                            }
                        }
                    }
                }
                _ => {}
            }
        }
        pages_out.push(out);
    }
    pages_out
}

/// Glyphs grouped into lines by baseline, each sorted by x.
pub fn lines(page: &[GlyphPos]) -> Vec<Vec<GlyphPos>> {
    let mut ls: Vec<Vec<GlyphPos>> = Vec::new();
    for g in page {
        match ls
            .iter_mut()
            .find(|l| (l[0].baseline - g.baseline).abs() < 1.0)
        {
            Some(l) => l.push(g.clone()),
            None => ls.push(vec![g.clone()]),
        }
    }
    for l in &mut ls {
        l.sort_by(|a, b| a.x.total_cmp(&b.x));
    }
    ls.sort_by(|a, b| a[0].baseline.total_cmp(&b[0].baseline));
    ls
}

pub fn text(line: &[GlyphPos]) -> String {
    line.iter().map(|g| g.text.as_str()).collect()
}
