//! The Word reader on arbitrary input. The first byte picks what is fuzzed:
//! even — the bytes are the whole file (zip level: truncation, bad headers,
//! bombs); odd — the rest is XML for word/document.xml, numbering.xml and
//! styles.xml (separated by 0xFF), packed into a valid zip here, so that the
//! fuzzer reaches the XML, numbering and structure code. Every input either
//! errors cleanly or gives blocks whose units lie within the document (those
//! made from metadata excepted: they have none).
#![no_main]
use libfuzzer_sys::fuzz_target;
use std::path::Path;

fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in data {
        crc ^= b as u32;
        for _ in 0..8 {
            crc = if crc & 1 != 0 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
        }
    }
    !crc
}

/// A zip of stored (uncompressed) entries.
fn stored_zip(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut z = Vec::new();
    let mut central = Vec::new();
    for (name, data) in entries {
        let offset = z.len() as u32;
        let crc = crc32(data);
        let head = |v: &mut Vec<u8>, sig: u32, central: bool| {
            v.extend(sig.to_le_bytes());
            if central {
                v.extend(20u16.to_le_bytes());
            }
            v.extend(20u16.to_le_bytes());
            v.extend(0u16.to_le_bytes());
            v.extend(0u16.to_le_bytes()); // stored
            v.extend(0u32.to_le_bytes());
            v.extend(crc.to_le_bytes());
            v.extend((data.len() as u32).to_le_bytes());
            v.extend((data.len() as u32).to_le_bytes());
            v.extend((name.len() as u16).to_le_bytes());
            v.extend(0u16.to_le_bytes());
            if central {
                v.extend([0u8; 8]);
                v.extend(0u32.to_le_bytes());
                v.extend(offset.to_le_bytes());
            }
            v.extend(name.as_bytes());
        };
        head(&mut z, 0x0403_4b50, false);
        z.extend(*data);
        head(&mut central, 0x0201_4b50, true);
    }
    let cd = z.len() as u32;
    z.extend(&central);
    z.extend(0x0605_4b50u32.to_le_bytes());
    z.extend([0u8; 4]);
    z.extend((entries.len() as u16).to_le_bytes());
    z.extend((entries.len() as u16).to_le_bytes());
    z.extend((central.len() as u32).to_le_bytes());
    z.extend(cd.to_le_bytes());
    z.extend(0u16.to_le_bytes());
    z
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else { return };
    let file = if mode % 2 == 0 {
        rest.to_vec()
    } else {
        let mut parts = rest.split(|&b| b == 0xFF);
        let document = parts.next().unwrap_or_default();
        let numbering = parts.next().unwrap_or_default();
        let styles = parts.next().unwrap_or_default();
        stored_zip(&[
            ("word/document.xml", document),
            ("word/numbering.xml", numbering),
            ("word/styles.xml", styles),
        ])
    };
    let opts = gongwen::read::ReadOptions { format: Some(gongwen::read::InputFormat::Docx), encoding: None };
    if let Ok((doc, decoded, _)) = gongwen::read::read_bytes_with_text(&file, Path::new("f.docx"), &opts) {
        let _ = gongwen::inspect::to_json(&doc);
        let _ = gongwen::lint::check(&doc, &decoded.text, Path::new("f.docx"), false);
        let units = decoded.text.split('\n').count();
        // Blocks made from metadata (the 版头 and 版记 of gongwen's own DOCX
        // read back) have no unit: their `lines` are 0 by the model's rule.
        for b in doc.blocks().into_iter().filter(|b| !b.from_meta) {
            assert!(
                1 <= b.lines.0 && b.lines.0 <= b.lines.1 && b.lines.1 <= units,
                "block {:?} outside units 1..={units}",
                b.lines
            );
        }
    }
});
