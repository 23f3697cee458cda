//! The section model: what a 公文 consists of, independent of where it came from
//! (plain text or Markdown) and where it goes (DOCX or PDF).
//!
//! A [`Document`] is metadata plus a tree of [`Node`]s. Headings open
//! [`Section`]s that nest by level; the closing parts of a document (附件说明,
//! 署名, 成文日期, 附注, attachment pages, 版记) close every open section, so the
//! tree read depth-first is always the source order.

use serde::Serialize;

use crate::meta::Meta;

/// A run of text with the only formatting a draft may carry: emphasis.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Span {
    pub text: String,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub bold: bool,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub italic: bool,
}

impl Span {
    pub fn plain(text: impl Into<String>) -> Self {
        Span {
            text: text.into(),
            bold: false,
            italic: false,
        }
    }
}

/// Inline content: spans in order. Helpers keep adjacent equal spans merged.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Inlines(pub Vec<Span>);

impl Inlines {
    pub fn plain(text: impl Into<String>) -> Self {
        let t = text.into();
        if t.is_empty() {
            Inlines(Vec::new())
        } else {
            Inlines(vec![Span::plain(t)])
        }
    }

    pub fn push(&mut self, span: Span) {
        if span.text.is_empty() {
            return;
        }
        if let Some(last) = self.0.last_mut() {
            if last.bold == span.bold && last.italic == span.italic {
                last.text.push_str(&span.text);
                return;
            }
        }
        self.0.push(span);
    }

    pub fn text(&self) -> String {
        self.0.iter().map(|s| s.text.as_str()).collect()
    }

    pub fn is_empty(&self) -> bool {
        self.0.iter().all(|s| s.text.is_empty())
    }

    /// Split at a byte offset of the concatenated text (used for run-in headings).
    pub fn split_at(&self, at: usize) -> (Inlines, Inlines) {
        let (head, tail) = split_runs(
            &self.0,
            at,
            |s| &s.text,
            |s, text| Span {
                text: text.to_string(),
                ..s.clone()
            },
        );
        (Inlines(head), Inlines(tail))
    }

    /// Remove leading and trailing white space (ASCII and U+3000) from the content.
    pub fn trim(mut self) -> Inlines {
        while let Some(first) = self.0.first_mut() {
            let t = first.text.trim_start_matches(is_blank_char).to_string();
            if t.is_empty() {
                self.0.remove(0);
            } else {
                first.text = t;
                break;
            }
        }
        while let Some(last) = self.0.last_mut() {
            let t = last.text.trim_end_matches(is_blank_char).to_string();
            if t.is_empty() {
                self.0.pop();
            } else {
                last.text = t;
                break;
            }
        }
        self
    }
}

/// White space as drafts use it: ASCII blanks, U+3000 and the no-break space.
pub fn is_blank_char(c: char) -> bool {
    c.is_whitespace() || c == '\u{3000}' || c == '\u{a0}' || c == '\u{feff}'
}

/// The parts of a 公文 that the readers recognise. The `snake_case` names are the
/// stable kinds of `gongwen inspect --json`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BlockKind {
    Title,
    Subtitle,
    OrgMark,
    DocNumber,
    Addressee,
    Heading,
    Paragraph,
    ListItem,
    Table,
    AttachmentNote,
    AttachmentLabel,
    AttachmentTitle,
    Signature,
    Date,
    Note,
    Cc,
    IssuedBy,
    /// A picture (PNG or JPEG) standing on its own line.
    Image,
    /// The short line naming a picture (`图1 …`) next to it.
    Caption,
}

impl BlockKind {
    pub fn name(self) -> &'static str {
        match self {
            BlockKind::Title => "title",
            BlockKind::Subtitle => "subtitle",
            BlockKind::OrgMark => "org_mark",
            BlockKind::DocNumber => "doc_number",
            BlockKind::Addressee => "addressee",
            BlockKind::Heading => "heading",
            BlockKind::Paragraph => "paragraph",
            BlockKind::ListItem => "list_item",
            BlockKind::Table => "table",
            BlockKind::AttachmentNote => "attachment_note",
            BlockKind::AttachmentLabel => "attachment_label",
            BlockKind::AttachmentTitle => "attachment_title",
            BlockKind::Signature => "signature",
            BlockKind::Date => "date",
            BlockKind::Note => "note",
            BlockKind::Cc => "cc",
            BlockKind::IssuedBy => "issued_by",
            BlockKind::Image => "image",
            BlockKind::Caption => "caption",
        }
    }

    /// Parts that end the body: they close every open section.
    pub fn closes_sections(self) -> bool {
        matches!(
            self,
            BlockKind::AttachmentNote
                | BlockKind::AttachmentLabel
                | BlockKind::Signature
                | BlockKind::Date
                | BlockKind::Note
                | BlockKind::Cc
                | BlockKind::IssuedBy
        )
    }
}

/// What a heading carries besides its text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HeadingInfo {
    /// 1 = 一、, 2 = （一）, 3 = 1., 4 = （1）.
    pub level: u8,
    /// The author's number exactly as written, e.g. `一、`, `(二)`, `3．`.
    pub number: String,
    /// True when body text follows the heading sentence in the same paragraph.
    pub run_in: bool,
    /// Byte offset in the block's text where the heading part ends (the whole
    /// text for a standalone heading).
    pub head_end: usize,
}

/// A table: rows of cells; the first `header_rows` rows repeat on each page.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Table {
    pub rows: Vec<Vec<Inlines>>,
    pub header_rows: usize,
}

impl Table {
    pub fn columns(&self) -> usize {
        self.rows.iter().map(|r| r.len()).max().unwrap_or(0)
    }
}

/// The picture formats the writers place: PDF takes JPEG as it is (DCT) and
/// PNG decoded; Word and SVG take both as they are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ImageFormat {
    Png,
    Jpeg,
}

impl ImageFormat {
    pub fn mime(self) -> &'static str {
        match self {
            ImageFormat::Png => "image/png",
            ImageFormat::Jpeg => "image/jpeg",
        }
    }
}

/// A picture of the draft: its bytes as the author gave them (checked by the
/// reader to be a PNG or JPEG that decodes), its size in pixels and what the
/// author said it shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Image {
    pub format: ImageFormat,
    pub width_px: u32,
    pub height_px: u32,
    /// Markdown's alt text, Word's description of the picture.
    pub alt: String,
    /// Where it came from: the path as written in the draft, or the part of
    /// the Word package.
    pub source: String,
    #[serde(skip)]
    pub data: std::sync::Arc<[u8]>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Block {
    pub kind: BlockKind,
    /// 1-based first and last source line.
    pub lines: (usize, usize),
    /// The text. A `\n` inside is a line break the author asked for (title lines,
    /// items of a 附件说明).
    pub content: Inlines,
    pub heading: Option<HeadingInfo>,
    pub table: Option<Table>,
    pub image: Option<Image>,
    /// Made from the metadata (front matter, `--meta`) rather than read from
    /// the draft's text; `lines` is then the front-matter line of its key (0
    /// for a `--meta` file).
    pub from_meta: bool,
}

impl Block {
    pub fn new(kind: BlockKind, lines: (usize, usize), content: Inlines) -> Self {
        Block {
            kind,
            lines,
            content,
            heading: None,
            table: None,
            image: None,
            from_meta: false,
        }
    }

    pub fn text(&self) -> String {
        match &self.table {
            Some(t) => t
                .rows
                .iter()
                .map(|r| r.iter().map(|c| c.text()).collect::<Vec<_>>().join("\t"))
                .collect::<Vec<_>>()
                .join("\n"),
            None => self.content.text(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Section {
    pub heading: Block,
    pub children: Vec<Node>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum Node {
    Block(Block),
    Section(Section),
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Document {
    pub meta: Meta,
    pub nodes: Vec<Node>,
    /// Source line ranges that belong to no block (front matter, table rules).
    pub skipped: Vec<(usize, usize)>,
    /// The encoding the input was decoded from.
    pub encoding: String,
    /// What a source "line" is: a line of text, or a Word paragraph or table row.
    pub unit: SourceUnit,
    /// What the reader changed or dropped (tracked changes, comments), one line each.
    #[serde(skip)]
    pub warnings: Vec<String>,
    /// The front matter as written, with the line of each key; the blocks made
    /// from it are re-made when more metadata is given (`--meta`).
    #[serde(skip)]
    pub front_matter: Option<crate::read::front_matter::FrontMatter>,
}

/// The unit `lines` count in: text lines, or Word paragraphs (each table row one).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceUnit {
    #[default]
    Line,
    Paragraph,
}

impl Document {
    /// Build the tree from blocks in source order.
    pub fn from_blocks(meta: Meta, blocks: Vec<Block>) -> Document {
        // Stack of open sections, innermost last.
        let mut root: Vec<Node> = Vec::new();
        let mut open: Vec<Section> = Vec::new();

        fn close_to(open: &mut Vec<Section>, root: &mut Vec<Node>, keep: usize) {
            while open.len() > keep {
                let s = open.pop().expect("len checked");
                match open.last_mut() {
                    Some(parent) => parent.children.push(Node::Section(s)),
                    None => root.push(Node::Section(s)),
                }
            }
        }

        for b in blocks {
            if let Some(h) = b.heading.as_ref() {
                let level = h.level;
                let keep = open
                    .iter()
                    .position(|s| s.heading.heading.as_ref().map_or(0, |x| x.level) >= level)
                    .unwrap_or(open.len());
                close_to(&mut open, &mut root, keep);
                open.push(Section {
                    heading: b,
                    children: Vec::new(),
                });
            } else if b.kind.closes_sections() {
                close_to(&mut open, &mut root, 0);
                root.push(Node::Block(b));
            } else {
                match open.last_mut() {
                    Some(s) => s.children.push(Node::Block(b)),
                    None => root.push(Node::Block(b)),
                }
            }
        }
        close_to(&mut open, &mut root, 0);
        Document {
            meta,
            nodes: root,
            skipped: Vec::new(),
            encoding: String::new(),
            unit: SourceUnit::Line,
            warnings: Vec::new(),
            front_matter: None,
        }
    }

    /// Take the blocks out in document order, leaving no nodes (the tree is
    /// rebuilt from them by [`Document::from_blocks`]).
    pub fn take_blocks(&mut self) -> Vec<Block> {
        fn walk(nodes: Vec<Node>, out: &mut Vec<Block>) {
            for n in nodes {
                match n {
                    Node::Block(b) => out.push(b),
                    Node::Section(s) => {
                        out.push(s.heading);
                        walk(s.children, out);
                    }
                }
            }
        }
        let mut out = Vec::new();
        walk(std::mem::take(&mut self.nodes), &mut out);
        out
    }

    /// Every block in document order (the tree flattened depth-first).
    pub fn blocks(&self) -> Vec<&Block> {
        fn walk<'a>(nodes: &'a [Node], out: &mut Vec<&'a Block>) {
            for n in nodes {
                match n {
                    Node::Block(b) => out.push(b),
                    Node::Section(s) => {
                        out.push(&s.heading);
                        walk(&s.children, out);
                    }
                }
            }
        }
        let mut out = Vec::new();
        walk(&self.nodes, &mut out);
        out
    }

    /// The title text (lines joined), from the body or else the metadata; a
    /// 纪要 without a title line is named by its mark (`XX会议纪要`).
    pub fn title(&self) -> Option<String> {
        self.blocks()
            .into_iter()
            .find(|b| b.kind == BlockKind::Title)
            .map(|b| b.text().replace('\n', ""))
            .or_else(|| self.meta.title.clone())
            .or_else(|| {
                let issuers = self.meta.issuers();
                (!issuers.is_empty()).then(|| issuers.join(""))
            })
    }
}

/// Runs of text (spans) split at a byte offset of their joined text: the run
/// across the offset is cut in two, each part keeping its formatting (`with`
/// makes a run like `run` with other text).
pub fn split_runs<T: Clone>(
    runs: &[T],
    at: usize,
    text: impl Fn(&T) -> &str,
    with: impl Fn(&T, &str) -> T,
) -> (Vec<T>, Vec<T>) {
    let (mut head, mut tail) = (Vec::new(), Vec::new());
    let mut pos = 0;
    for r in runs {
        let t = text(r);
        let end = pos + t.len();
        if end <= at {
            head.push(r.clone());
        } else if pos >= at {
            tail.push(r.clone());
        } else {
            let cut = at - pos;
            head.push(with(r, &t[..cut]));
            tail.push(with(r, &t[cut..]));
        }
        pos = end;
    }
    (head, tail)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn heading(level: u8, line: usize) -> Block {
        let mut b = Block::new(BlockKind::Heading, (line, line), Inlines::plain("h"));
        b.heading = Some(HeadingInfo {
            level,
            number: "一、".into(),
            run_in: false,
            head_end: 1,
        });
        b
    }

    #[test]
    fn sections_nest_by_level_and_tail_closes_them() {
        let p = |l| Block::new(BlockKind::Paragraph, (l, l), Inlines::plain("p"));
        let blocks = vec![
            p(1),
            heading(1, 2),
            heading(2, 3),
            p(4),
            heading(1, 5),
            p(6),
            Block::new(BlockKind::Signature, (7, 7), Inlines::plain("s")),
        ];
        let doc = Document::from_blocks(Meta::default(), blocks);
        assert_eq!(doc.nodes.len(), 4);
        match &doc.nodes[1] {
            Node::Section(s) => {
                assert_eq!(s.children.len(), 1);
                assert!(
                    matches!(&s.children[0], Node::Section(inner) if inner.children.len() == 1)
                );
            }
            _ => panic!("expected a section"),
        }
        assert!(matches!(&doc.nodes[3], Node::Block(b) if b.kind == BlockKind::Signature));
        let lines: Vec<usize> = doc.blocks().iter().map(|b| b.lines.0).collect();
        assert_eq!(lines, vec![1, 2, 3, 4, 5, 6, 7]);
    }

    #[test]
    fn split_inlines_across_spans() {
        let mut i = Inlines::default();
        i.push(Span::plain("一、抓学习"));
        i.push(Span {
            text: "。正文".into(),
            bold: true,
            italic: false,
        });
        let at = "一、抓学习。".len();
        let (h, t) = i.split_at(at);
        assert_eq!(h.text(), "一、抓学习。");
        assert_eq!(t.text(), "正文");
        assert!(t.0[0].bold);
    }
}
