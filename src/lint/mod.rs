//! `gongwen check`: what must not circulate, found on the section model and the
//! source lines, each finding with its rule, severity, clause, position, a
//! message in Chinese and a suggested fix. Mechanical fixes (punctuation, dates,
//! brackets) carry an edit that `--fix` applies.

mod dates;
mod numbering;
mod text;

use std::path::Path;

use serde::Serialize;

use crate::model::{BlockKind, Document};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl Severity {
    pub fn name(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// A replacement of characters `start..end` (0-based character columns) of a
/// source line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub line: usize,
    pub start: usize,
    pub end: usize,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    pub rule: &'static str,
    pub severity: Severity,
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub clause: Option<&'static str>,
    pub message: String,
    pub fix: Option<String>,
    #[serde(skip)]
    pub edit: Option<Edit>,
}

/// Clauses findings rest on.
pub mod clause {
    pub const DATE: &str = "GB/T 9704-2012 7.3.5.4";
    pub const DOC_NUMBER: &str = "GB/T 9704-2012 7.2.4";
    pub const NUMBERING: &str = "GB/T 9704-2012 7.3.3";
    pub const ADDRESSEE: &str = "GB/T 9704-2012 7.3.2";
    pub const TITLE: &str = "GB/T 9704-2012 7.3.1";
    pub const SIGNATURE: &str = "GB/T 9704-2012 7.3.5";
    pub const ATTACHMENT: &str = "GB/T 9704-2012 7.3.4";
    pub const PUNCT: &str = "GB/T 15834-2011";
    pub const NUMBERS: &str = "GB/T 15835-2011";
}

/// Builder of findings for one file.
pub(crate) struct Sink<'a> {
    file: &'a str,
    pub findings: Vec<Finding>,
}

impl Sink<'_> {
    #[allow(clippy::too_many_arguments)]
    pub fn add(
        &mut self,
        rule: &'static str,
        severity: Severity,
        line: usize,
        column: usize,
        clause: Option<&'static str>,
        message: String,
        fix: Option<String>,
        edit: Option<Edit>,
    ) {
        self.findings.push(Finding {
            rule,
            severity,
            file: self.file.to_string(),
            line,
            column,
            clause,
            message,
            fix,
            edit,
        });
    }
}

/// What the checks see: the model, and the source lines with the markup of
/// Markdown blanked out (so that `## ` or `**bold**` is not taken for text).
pub struct Source<'a> {
    pub doc: &'a Document,
    /// Source lines as written.
    pub lines: Vec<String>,
    /// The same lines with markup replaced by spaces (same character columns).
    pub text_lines: Vec<String>,
    pub markdown: bool,
}

impl<'a> Source<'a> {
    pub fn new(doc: &'a Document, text: &str, markdown: bool) -> Source<'a> {
        let lines: Vec<String> = text.split('\n').map(str::to_string).collect();
        let mut text_lines = lines.clone();
        if markdown {
            for (i, l) in text_lines.iter_mut().enumerate() {
                let skipped = doc
                    .skipped
                    .iter()
                    .any(|(a, b)| (*a..=*b).contains(&(i + 1)));
                *l = if skipped {
                    " ".repeat(l.chars().count())
                } else {
                    blank_markup(l)
                };
            }
        }
        Source {
            doc,
            lines,
            text_lines,
            markdown,
        }
    }

    /// The kind of the block a line belongs to.
    pub fn kind_at(&self, line: usize) -> Option<BlockKind> {
        self.doc
            .blocks()
            .iter()
            .find(|b| (b.lines.0..=b.lines.1).contains(&line))
            .map(|b| b.kind)
    }
}

/// Replace Markdown markup by spaces, keeping character columns: heading and
/// list marks, block-quote marks, table pipes, and emphasis `**`/`*`/`_` pairs.
/// A `**` that stands for a number stays (it is a placeholder).
fn blank_markup(line: &str) -> String {
    let mut chars: Vec<char> = line.chars().collect();
    // Leading marks.
    let mut i = 0;
    while i < chars.len() && (chars[i] == ' ' || chars[i] == '>') {
        i += 1;
    }
    let start = i;
    while i < chars.len() && chars[i] == '#' {
        i += 1;
    }
    if i > start && chars.get(i) == Some(&' ') {
        for c in chars.iter_mut().take(i + 1).skip(start) {
            *c = ' ';
        }
    } else if matches!(chars.get(start), Some('-') | Some('+') | Some('*'))
        && chars.get(start + 1) == Some(&' ')
    {
        chars[start] = ' ';
    }
    for c in chars.iter_mut() {
        if *c == '|' {
            *c = ' ';
        }
    }
    // Emphasis: escape number placeholders first, then blank paired delimiters.
    let escaped: String =
        crate::read::markdown::escape_placeholders(&chars.iter().collect::<String>());
    let esc: Vec<char> = escaped.chars().collect();
    let mut out: Vec<char> = Vec::with_capacity(chars.len());
    let mut k = 0;
    let mut open = false;
    // Positions (in `out`) of an open `**`, to blank once it closes.
    let mut open_at = 0;
    while k < esc.len() {
        if esc[k] == '\\' && esc.get(k + 1) == Some(&'*') {
            out.push('*');
            k += 2;
            continue;
        }
        if esc[k] == '*' && esc.get(k + 1) == Some(&'*') {
            if open {
                out[open_at] = ' ';
                out[open_at + 1] = ' ';
                out.push(' ');
                out.push(' ');
                open = false;
            } else {
                open = true;
                open_at = out.len();
                out.push('*');
                out.push('*');
            }
            k += 2;
            continue;
        }
        out.push(esc[k]);
        k += 1;
    }
    out.into_iter().collect()
}

/// Check a document read from `path`, given its decoded source text.
pub fn check(doc: &Document, text: &str, path: &Path, markdown: bool) -> Vec<Finding> {
    let file = path.display().to_string();
    let src = Source::new(doc, text, markdown);
    let mut sink = Sink {
        file: &file,
        findings: Vec::new(),
    };
    text::placeholders(&src, &mut sink);
    text::punctuation(&src, &mut sink);
    dates::dates(&src, &mut sink);
    dates::doc_numbers(&src, &mut sink);
    numbering::headings(&src, &mut sink);
    numbering::inline_enumerations(&src, &mut sink);
    numbering::structure(&src, &mut sink);
    // An element given both in the front matter and in the text (the text's is
    // printed).
    for (line, note) in doc.front_matter.iter().flat_map(|fm| &fm.overridden) {
        sink.add(
            "meta.overridden",
            Severity::Warning,
            *line,
            1,
            None,
            note.clone(),
            None,
            None,
        );
    }
    let mut f = sink.findings;
    f.sort_by(|a, b| (a.line, a.column, a.rule).cmp(&(b.line, b.column, b.rule)));
    f.dedup_by(|a, b| a.line == b.line && a.column == b.column && a.rule == b.rule);
    f
}

/// Apply the findings' edits to the source text (later edits first on a line;
/// overlapping edits are skipped).
pub fn apply_fixes(text: &str, findings: &[Finding]) -> (String, usize) {
    let mut lines: Vec<Vec<char>> = text.split('\n').map(|l| l.chars().collect()).collect();
    let mut edits: Vec<&Edit> = findings.iter().filter_map(|f| f.edit.as_ref()).collect();
    edits.sort_by_key(|e| std::cmp::Reverse((e.line, e.start)));
    let mut applied = 0;
    let mut last: Option<(usize, usize)> = None;
    for e in edits {
        if let Some((l, s)) = last {
            if l == e.line && e.end > s {
                continue;
            }
        }
        if let Some(line) = lines.get_mut(e.line - 1) {
            if e.end <= line.len() && e.start <= e.end {
                line.splice(e.start..e.end, e.text.chars());
                applied += 1;
                last = Some((e.line, e.start));
            }
        }
    }
    (
        lines
            .into_iter()
            .map(|l| l.into_iter().collect::<String>())
            .collect::<Vec<_>>()
            .join("\n"),
        applied,
    )
}

/// Compiler-style text: `file:line:col: severity[rule]: message`, then clause
/// and fix, then a summary.
pub fn render_text(findings: &[Finding]) -> String {
    let mut out = String::new();
    for f in findings {
        out.push_str(&format!(
            "{}:{}:{}: {}[{}]: {}\n",
            f.file,
            f.line,
            f.column,
            f.severity.name(),
            f.rule,
            f.message
        ));
        if let Some(c) = f.clause {
            out.push_str(&format!("  = 依据: {c}\n"));
        }
        if let Some(fix) = &f.fix {
            out.push_str(&format!("  = 建议: {fix}\n"));
        }
    }
    out.push_str(&summary(findings));
    out
}

pub fn summary(findings: &[Finding]) -> String {
    let count = |s| findings.iter().filter(|f| f.severity == s).count();
    let placeholders = findings
        .iter()
        .filter(|f| f.rule.starts_with("placeholder"))
        .count();
    let mut s = format!(
        "{} 个错误，{} 个警告，{} 条提示",
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Info)
    );
    if placeholders > 0 {
        s.push_str(&format!("；占位符共 {placeholders} 处"));
    }
    s.push('\n');
    s
}

pub fn has_errors(findings: &[Finding]) -> bool {
    findings.iter().any(|f| f.severity == Severity::Error)
}

/// The result of checking one file.
pub struct Checked {
    pub findings: Vec<Finding>,
    /// The decoded source text (LF line ends).
    pub text: String,
    /// How to write a corrected copy back as the input was.
    pub encoding: String,
    pub crlf: bool,
}

/// Read and check one file.
pub fn check_path(path: &Path, opts: &crate::read::ReadOptions) -> crate::Result<Checked> {
    let bytes = crate::read::read_input(path)?;
    let (doc, decoded, format) = crate::read::read_bytes_with_text(&bytes, path, opts)?;
    let findings = check(
        &doc,
        &decoded.text,
        path,
        format == crate::read::InputFormat::Markdown,
    );
    let crlf = bytes.windows(2).any(|w| w == b"\r\n")
        || bytes.windows(4).any(|w| w == [b'\r', 0, b'\n', 0]);
    Ok(Checked {
        findings,
        text: decoded.text,
        encoding: decoded.encoding,
        crlf,
    })
}

/// Encode corrected text the way the input was encoded (BOM, UTF-16, GB18030,
/// CRLF), so that `--in-place` changes nothing but the fixes.
pub fn encode_like(text: &str, encoding: &str, crlf: bool) -> Vec<u8> {
    let text = if crlf {
        text.replace('\n', "\r\n")
    } else {
        text.to_string()
    };
    match encoding {
        "UTF-8 (BOM)" => {
            let mut v = vec![0xEF, 0xBB, 0xBF];
            v.extend_from_slice(text.as_bytes());
            v
        }
        "UTF-16LE" | "UTF-16BE" => {
            let le = encoding == "UTF-16LE";
            let mut v = if le {
                vec![0xFF, 0xFE]
            } else {
                vec![0xFE, 0xFF]
            };
            for u in text.encode_utf16() {
                v.extend_from_slice(&if le { u.to_le_bytes() } else { u.to_be_bytes() });
            }
            v
        }
        "gb18030" | "GB18030" | "GBK" | "gbk" => encoding_rs::GB18030.encode(&text).0.into_owned(),
        _ => text.into_bytes(),
    }
}
