//! The built-in style sheet, `styles/gbt9704.toml`, converted to JSON when the
//! crate is built: the program reads the default sheet with serde_json at
//! start-up, a fraction of what parsing the TOML cost (measured in
//! `src/style/mod.rs`). The TOML file stays the one source: users' sheets are laid
//! over it key by key, and a unit test checks that both readings agree.

use std::path::Path;

fn main() {
    let sheet = "styles/gbt9704.toml";
    println!("cargo:rerun-if-changed={sheet}");
    let text = std::fs::read_to_string(sheet).expect("styles/gbt9704.toml is readable");
    let value: toml::Value = toml::from_str(&text).expect("styles/gbt9704.toml is valid TOML");
    let json = serde_json::to_string(&value).expect("a TOML value is JSON");
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    std::fs::write(Path::new(&out).join("gbt9704.json"), json).expect("OUT_DIR is writable");
}
