//! `gongwen inspect`: what the reader made of a draft, as a readable outline or as
//! JSON of a fixed shape for scripts and tests.

mod explain;
mod markdown;

pub use explain::{explain_path, explain_text};
pub use markdown::{block_signature, to_markdown};

use serde::Serialize;

use crate::model::{Block, Document};

#[derive(Serialize)]
pub struct InspectJson<'a> {
    pub encoding: &'a str,
    pub meta: &'a crate::meta::Meta,
    pub blocks: Vec<BlockJson>,
    pub skipped: &'a [(usize, usize)],
}

#[derive(Serialize)]
pub struct BlockJson {
    pub kind: &'static str,
    pub lines: [usize; 2],
    /// `"meta"` for a block made from the front matter or `--meta` (its
    /// `lines` are then its key's line, 0 for `--meta`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<&'static str>,
    pub text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub run_in: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    /// The heading sentence of a run-in heading.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub heading_text: Option<String>,
    /// Spans with emphasis, when there is any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub emphasis: Option<Vec<crate::model::Span>>,
    /// A picture: its format, size in pixels, alt text and source.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub image: Option<crate::model::Image>,
}

fn block_json(b: &Block) -> BlockJson {
    let text = b.text();
    let has_emphasis = b.content.0.iter().any(|s| s.bold || s.italic);
    BlockJson {
        kind: b.kind.name(),
        lines: [b.lines.0, b.lines.1],
        from: b.from_meta.then_some("meta"),
        level: b.heading.as_ref().map(|h| h.level),
        run_in: b.heading.as_ref().map(|h| h.run_in),
        number: b.heading.as_ref().map(|h| h.number.clone()),
        heading_text: b
            .heading
            .as_ref()
            .filter(|h| h.run_in)
            .map(|h| text[..h.head_end].to_string()),
        emphasis: has_emphasis.then(|| b.content.0.clone()),
        image: b.image.clone(),
        text,
    }
}

pub fn to_json(doc: &Document) -> serde_json::Value {
    let j = InspectJson {
        encoding: &doc.encoding,
        meta: &doc.meta,
        blocks: doc.blocks().into_iter().map(block_json).collect(),
        skipped: &doc.skipped,
    };
    let mut v = serde_json::to_value(j).expect("inspect JSON is always serialisable");
    // Word drafts count `lines` in paragraphs (and table rows): say so.
    if doc.unit == crate::model::SourceUnit::Paragraph {
        if let Some(o) = v.as_object_mut() {
            o.insert("unit".into(), serde_json::json!("paragraph"));
        }
    }
    v
}

/// A readable outline: one line per block, indented by section depth.
pub fn outline(doc: &Document) -> String {
    use crate::model::Node;
    fn walk(nodes: &[Node], depth: usize, out: &mut String) {
        for n in nodes {
            match n {
                Node::Block(b) => line(b, depth, out),
                Node::Section(s) => {
                    line(&s.heading, depth, out);
                    walk(&s.children, depth + 1, out);
                }
            }
        }
    }
    fn line(b: &Block, depth: usize, out: &mut String) {
        let text = match &b.image {
            Some(im) => format!(
                "{} ({}, {}×{} px)",
                im.alt, im.source, im.width_px, im.height_px
            ),
            None => b.text().replace('\n', " ⏎ "),
        };
        let shown: String = text.chars().take(40).collect();
        let more = if text.chars().count() > 40 { "…" } else { "" };
        let lines = if b.from_meta {
            // Made from the metadata: the front-matter line of its key.
            format!("meta {}", b.lines.0)
        } else if b.lines.0 == b.lines.1 {
            format!("{}", b.lines.0)
        } else {
            format!("{}-{}", b.lines.0, b.lines.1)
        };
        let kind = kind_label(b);
        out.push_str(&format!(
            "{:>7}  {}{:<18} {}{}\n",
            lines,
            "  ".repeat(depth),
            kind,
            shown,
            more
        ));
    }
    let mut out = format!("encoding: {}\n", doc.encoding);
    if !doc.meta.is_empty() {
        out.push_str(&format!(
            "meta: {}\n",
            serde_json::to_string(&doc.meta).unwrap_or_default()
        ));
    }
    walk(&doc.nodes, 0, &mut out);
    out
}

/// A block's kind as `inspect` shows it: `heading 2`, `heading 1 run-in`, or
/// the kind's name.
pub(crate) fn kind_label(b: &crate::model::Block) -> String {
    match &b.heading {
        Some(h) => format!(
            "heading {}{}",
            h.level,
            if h.run_in { " run-in" } else { "" }
        ),
        None => b.kind.name().to_string(),
    }
}
