//! gongwen in the browser: JavaScript calls these over `gongwen::engine`. The
//! page hands in the draft (bytes and a file name), the bundled fonts it has
//! fetched (bytes) and, for downloads, the timestamp; nothing leaves the page.

use std::collections::BTreeMap;

use gongwen::convert::Target;
use gongwen::engine::Draft;
use gongwen::fonts::FontSet;
use gongwen::style::Style;
use wasm_bindgen::prelude::*;

fn js_err(e: impl std::fmt::Display) -> JsError {
    JsError::new(&e.to_string())
}

/// One page's state: the style sheet and the fonts handed in so far.
#[wasm_bindgen]
pub struct Session {
    style: Style,
    files: BTreeMap<String, Vec<u8>>,
    fonts: FontSet,
}

#[wasm_bindgen]
impl Session {
    #[wasm_bindgen(constructor)]
    pub fn new() -> Result<Session, JsError> {
        Ok(Session {
            style: Style::default_style(),
            files: BTreeMap::new(),
            fonts: FontSet::from_memory(BTreeMap::new()).map_err(js_err)?,
        })
    }

    /// Hand in a bundled font file by its name (`FandolFang-Regular.otf`).
    #[wasm_bindgen(js_name = addFont)]
    pub fn add_font(&mut self, name: &str, bytes: Vec<u8>) -> Result<(), JsError> {
        self.files.insert(name.to_string(), bytes);
        self.fonts = FontSet::from_memory(self.files.clone()).map_err(js_err)?;
        Ok(())
    }

    /// The bundled font files the draft needs that have not been handed in.
    #[wasm_bindgen(js_name = fontsNeeded)]
    pub fn fonts_needed(&self, draft: &[u8], name: &str) -> Result<Vec<String>, JsError> {
        let d = Draft::read(draft, name).map_err(js_err)?;
        Ok(d.fonts_needed(&self.style, &self.fonts)
            .into_iter()
            .map(str::to_string)
            .collect())
    }

    /// The preview: `{ title, pages: [svg…], findings: [{line, clause, message,
    /// severity, rule}…], warnings: […] }` as JSON.
    pub fn preview(&self, draft: &[u8], name: &str) -> Result<String, JsError> {
        let d = Draft::read(draft, name).map_err(js_err)?;
        let (pages, report) = d
            .render(&self.style, &self.fonts, Target::Svg, 0)
            .map_err(js_err)?;
        let pages: Vec<String> = pages
            .into_iter()
            .map(|p| String::from_utf8_lossy(&p).into_owned())
            .collect();
        let findings: Vec<serde_json::Value> = d
            .findings()
            .iter()
            .map(|f| {
                serde_json::json!({
                    "line": f.line,
                    "column": f.column,
                    "clause": f.clause,
                    "message": f.message,
                    "severity": f.severity.name(),
                    "rule": f.rule,
                })
            })
            .collect();
        Ok(serde_json::json!({
            "title": d.title(),
            "pages": pages,
            "findings": findings,
            "warnings": report.messages(),
        })
        .to_string())
    }

    /// The PDF, as `gongwen convert --to pdf` writes it with this timestamp.
    pub fn pdf(&self, draft: &[u8], name: &str, timestamp: f64) -> Result<Vec<u8>, JsError> {
        self.one(draft, name, Target::Pdf, timestamp)
    }

    /// The DOCX, as `gongwen convert --to docx` writes it with this timestamp.
    pub fn docx(&self, draft: &[u8], name: &str, timestamp: f64) -> Result<Vec<u8>, JsError> {
        self.one(draft, name, Target::Docx, timestamp)
    }

    /// The text of a file as the command line reads it, for the draft box:
    /// decoded (GB18030, UTF-16, BOMs, CRLF), or a Word draft's paragraphs.
    pub fn decode(bytes: &[u8], name: &str) -> Result<String, JsError> {
        if name.to_ascii_lowercase().ends_with(".docx") {
            return Ok(Draft::read(bytes, name).map_err(js_err)?.text);
        }
        let d = gongwen::read::decode::decode(bytes, std::path::Path::new(name), None)
            .map_err(js_err)?;
        Ok(d.text)
    }
}

impl Session {
    fn one(&self, draft: &[u8], name: &str, target: Target, ts: f64) -> Result<Vec<u8>, JsError> {
        let d = Draft::read(draft, name).map_err(js_err)?;
        let (mut files, _) = d
            .render(&self.style, &self.fonts, target, ts as i64)
            .map_err(js_err)?;
        files
            .pop()
            .ok_or_else(|| JsError::new("nothing was written"))
    }
}
