//! Deflate (FlateDecode) for the PDF's streams.
//!
//! libdeflate, whole-buffer: measured on the sample's 仿宋 subset (329 KB of
//! CFF), level 5 gives 262.3 KB in about half the time zlib-rs takes for
//! 263.0 KB at level 6 (zlib-rs level 2: 264.6 KB, level 1: 312.8 KB; libdeflate
//! level 10 and up: 259.4 KB at four times the time). CJK outlines pack poorly,
//! so the higher levels buy little. A wasm build uses flate2 (zlib-rs) at 6.

/// The level for every stream.
#[cfg(not(target_arch = "wasm32"))]
pub const LEVEL: i32 = 5;
#[cfg(target_arch = "wasm32")]
pub const LEVEL: i32 = 6;

/// zlib-wrapped deflate of `data` at `level`.
#[cfg(not(target_arch = "wasm32"))]
pub fn deflate(data: &[u8], level: i32) -> Vec<u8> {
    let lvl = libdeflater::CompressionLvl::new(level).unwrap_or_default();
    let mut c = libdeflater::Compressor::new(lvl);
    let mut out = vec![0; c.zlib_compress_bound(data.len())];
    // The bound is enough by construction.
    let n = c.zlib_compress(data, &mut out).expect("deflate bound");
    out.truncate(n);
    out
}

/// zlib-wrapped deflate of `data` at `level`.
#[cfg(target_arch = "wasm32")]
pub fn deflate(data: &[u8], level: i32) -> Vec<u8> {
    use std::io::Write;
    let mut enc = flate2::write::ZlibEncoder::new(
        Vec::with_capacity(data.len() / 2 + 64),
        flate2::Compression::new(level as u32),
    );
    enc.write_all(data).expect("deflate into memory");
    enc.finish().expect("deflate into memory")
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
