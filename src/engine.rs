//! The library as bytes in, bytes out, for hosts without files, installed
//! fonts, threads or a clock (the browser): the draft comes as bytes with a
//! name, the fonts as bytes (the bundled files), the timestamp as a number.
//! Each step is the command line's own, so that the same input, style and
//! timestamp give the same bytes as `gongwen convert` with the bundled fonts.

use std::collections::BTreeSet;
use std::path::Path;

use crate::convert::{render_files, write_options, Target};
use crate::error::{Error, Result};
use crate::fonts::{bundled_chain, FontReport, FontSet};
use crate::lint::Finding;
use crate::model::Document;
use crate::read::{read_bytes_with_text, InputFormat, ReadOptions};
use crate::style::Style;

/// A draft read as the command line reads a file of that name.
pub struct Draft {
    pub doc: Document,
    /// The decoded text (LF line ends), as the linter sees it.
    pub text: String,
    pub markdown: bool,
    pub name: String,
}

impl Draft {
    /// Decode, detect the language by the name (`.md` is Markdown), read the
    /// structure and check the metadata, as `gongwen convert` does.
    pub fn read(bytes: &[u8], name: &str) -> Result<Draft> {
        let path = Path::new(name);
        let (doc, decoded, format) = read_bytes_with_text(bytes, path, &ReadOptions::default())?;
        doc.meta.validate().map_err(|m| Error::Invalid {
            path: path.to_path_buf(),
            message: m,
        })?;
        Ok(Draft {
            doc,
            text: decoded.text,
            markdown: format == InputFormat::Markdown,
            name: name.to_string(),
        })
    }

    /// The title the downloads are named by (the file name's stem without one).
    pub fn title(&self) -> String {
        self.doc
            .title()
            .filter(|t| !t.trim().is_empty())
            .unwrap_or_else(|| {
                Path::new(&self.name)
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_else(|| "公文".into())
            })
    }

    /// What `gongwen check` reports on this draft.
    pub fn findings(&self) -> Vec<Finding> {
        crate::lint::check(&self.doc, &self.text, Path::new(&self.name), self.markdown)
    }

    /// The bundled font files this draft needs that `fonts` does not have yet:
    /// the primaries of the roles its layout asks glyphs of, and the fallbacks
    /// behind them once a loaded font lacks a character. Load them and ask again
    /// until nothing is missing (at most twice).
    pub fn fonts_needed(&self, style: &Style, fonts: &FontSet) -> Vec<&'static str> {
        let style = &*style.for_document(&self.doc.meta);
        let seal = write_options(&self.doc, style, None, None, None).seal;
        let laid = crate::layout::layout(&self.doc, style, fonts, seal);
        let loaded: BTreeSet<String> = fonts
            .fonts()
            .iter()
            .map(|f| f.source.path.to_string_lossy().into_owned())
            .collect();
        let mut out: Vec<&'static str> = Vec::new();
        for role in &laid.report.roles {
            let chain = bundled_chain(*role);
            let wanted = if laid.report.missing.is_empty() {
                &chain[..1]
            } else {
                &chain[..]
            };
            for f in wanted {
                if !loaded.contains(*f) && !out.contains(f) {
                    out.push(f);
                }
            }
        }
        out
    }

    /// The files of one target (one per page for SVG), made with the command
    /// line's writer options and the given timestamp (seconds since 1970).
    pub fn render(
        &self,
        style: &Style,
        fonts: &FontSet,
        target: Target,
        timestamp: i64,
    ) -> Result<(Vec<Vec<u8>>, FontReport)> {
        if fonts.fonts().is_empty() {
            return Err(Error::Font("no font loaded".into()));
        }
        let style = &*style.for_document(&self.doc.meta);
        let mut wopts = write_options(&self.doc, style, None, None, None);
        wopts.timestamp = timestamp;
        render_files(&self.doc, style, &wopts, target, Some(fonts), 0.0)
    }
}
