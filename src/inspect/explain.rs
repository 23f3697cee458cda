//! `gongwen inspect --explain`: per line, the kind the reader gave and the rule
//! that decided it, so that a misread line can be traced to its rule.

use std::path::Path;

use crate::error::Result;
use crate::read::{decode, docx, markdown, read_input, structure, text, InputFormat, ReadOptions};

/// The decisions for the draft at `path` (or `-`), as a table of lines.
pub fn explain_path(path: &Path, opts: &ReadOptions) -> Result<String> {
    let bytes = read_input(path)?;
    let format = opts.format.unwrap_or_else(|| InputFormat::from_path(path));
    if format == InputFormat::Docx || docx::sniff(&bytes) == docx::Sniffed::Docx {
        // A .docx: its paragraphs are the units (other word formats: convert first).
        return Ok(render(
            structure::explain(docx::read(&bytes, path)?.units),
            Vec::new(),
        ));
    }
    let decoded = decode::decode(&bytes, path, opts.encoding)?;
    Ok(explain_text(&decoded.text, format))
}

/// The decisions for decoded text.
pub fn explain_text(src: &str, format: InputFormat) -> String {
    let (units, skipped) = match format {
        InputFormat::Markdown => {
            let parts = markdown::parse(src);
            (parts.units, parts.skipped)
        }
        InputFormat::Text | InputFormat::Docx => text::units(src),
    };
    render(structure::explain(units), skipped)
}

fn render(decisions: Vec<structure::Decision>, skipped: Vec<(usize, usize)>) -> String {
    let mut rows: Vec<((usize, usize), String)> = decisions
        .into_iter()
        .map(|d| (d.lines, format!("{:<18} {}", d.kind, d.rule)))
        .collect();
    rows.extend(skipped.into_iter().map(|l| {
        (
            l,
            format!(
                "{:<18} {}",
                "skipped", "a table rule, front matter or markup only"
            ),
        )
    }));
    rows.sort_by_key(|(l, _)| *l);
    let mut out = String::new();
    for ((a, b), row) in rows {
        let lines = if a == b {
            a.to_string()
        } else {
            format!("{a}-{b}")
        };
        out.push_str(&format!("{lines:>7}  {row}\n"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_line_names_its_rule() {
        let out = explain_text(
            "关于开展检查的通知\n各镇人民政府：\n一、总体要求\n请认真落实。\n某某市人民政府\n2024年3月1日\n",
            InputFormat::Text,
        );
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), 6, "{out}");
        assert!(
            lines[0].contains("title") && lines[0].contains("head:"),
            "{out}"
        );
        assert!(
            lines[2].contains("heading") && lines[2].contains("numbered:"),
            "{out}"
        );
        assert!(
            lines[4].contains("signature") && lines[4].contains("above the date"),
            "{out}"
        );
        assert!(lines[5].contains("date"), "{out}");
    }
}
