//! The Markdown reader (placeholder escaping, pulldown-cmark, front matter) and
//! the linter's markup blanking on arbitrary text.
#![no_main]
use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let opts = gongwen::read::ReadOptions { format: Some(gongwen::read::InputFormat::Markdown), encoding: None };
    if let Ok((doc, decoded, _)) = gongwen::read::read_bytes_with_text(data, Path::new("f.md"), &opts) {
        let _ = gongwen::inspect::to_json(&doc);
        let findings = gongwen::lint::check(&doc, &decoded.text, Path::new("f.md"), true);
        let _ = gongwen::lint::apply_fixes(&decoded.text, &findings);
    }
});
