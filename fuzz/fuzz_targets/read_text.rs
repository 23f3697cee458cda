//! The plain-text reader on arbitrary bytes: decoding, structure, inspect JSON,
//! and the linter. Every input either errors cleanly or places every non-blank
//! source line in a block (or in `skipped`).
#![no_main]
use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let opts = gongwen::read::ReadOptions { format: Some(gongwen::read::InputFormat::Text), encoding: None };
    if let Ok((doc, decoded, _)) = gongwen::read::read_bytes_with_text(data, Path::new("f.txt"), &opts) {
        let _ = gongwen::inspect::to_json(&doc);
        let findings = gongwen::lint::check(&doc, &decoded.text, Path::new("f.txt"), false);
        let _ = gongwen::lint::apply_fixes(&decoded.text, &findings);
        let blocks = doc.blocks();
        for (i, line) in decoded.text.split('\n').enumerate() {
            if line.chars().all(gongwen::model::is_blank_char) {
                continue;
            }
            let n = i + 1;
            let owned = blocks.iter().any(|b| (b.lines.0..=b.lines.1).contains(&n)) || doc.skipped.iter().any(|(a, b)| (*a..=*b).contains(&n));
            assert!(owned, "line {n} belongs to no block: {line:?}");
        }
    }
});
