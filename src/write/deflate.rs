//! Deflate (FlateDecode) for the PDF's streams.
//!
//! libdeflate, whole-buffer. Measured on the sample's 仿宋 subset (329 KB of
//! CFF, instructions by callgrind): libdeflate level 1 gives 264.3 KB for 15.6 M
//! instructions, level 5 262.3 KB for 28.7 M, levels 10–12 259.4 KB at four
//! times the time; zlib-rs level 2 (what this replaced) 264.6 KB for about
//! 44 M, level 6 263.0 KB, level 1 312.8 KB. CJK outlines pack poorly, so
//! higher levels buy under 1 %: level 1 keeps the size for a third of the
//! work. Page contents and CMaps are text, small, and pack well at a higher
//! level (level 1 would add 1.9 KB to the sample). The browser's build runs the
//! same libdeflate (compiled freestanding for wasm32), so its PDF has the
//! command line's bytes.

/// Font programs.
pub const FONT_LEVEL: i32 = 1;
/// Page contents, CMaps and whatever else is left.
pub const LEVEL: i32 = 6;

/// zlib-wrapped deflate of `data` at `level`.
pub fn deflate(data: &[u8], level: i32) -> Vec<u8> {
    let lvl = libdeflater::CompressionLvl::new(level).unwrap_or_default();
    let mut c = libdeflater::Compressor::new(lvl);
    let mut out = vec![0; c.zlib_compress_bound(data.len())];
    // The bound is enough by construction.
    let n = c.zlib_compress(data, &mut out).expect("deflate bound");
    out.truncate(n);
    // The bound is about the input's size: a long document's pages are held
    // deflated until the file is written, so give back the rest.
    out.shrink_to_fit();
    out
}

/// Deflate every stream of `doc` not yet filtered, when that makes it smaller.
pub fn deflate_streams(doc: &mut lopdf::Document) {
    for obj in doc.objects.values_mut() {
        if let lopdf::Object::Stream(st) = obj {
            if !st.allows_compression || st.dict.get(b"Filter").is_ok() {
                continue;
            }
            let packed = deflate(&st.content, LEVEL);
            if packed.len() < st.content.len() {
                st.dict.set("Filter", "FlateDecode");
                st.set_content(packed);
            }
        }
    }
}
