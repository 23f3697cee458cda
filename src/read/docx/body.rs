//! The body of document.xml in reading order: paragraphs (with their automatic
//! numbers rendered as text, soft breaks splitting lines) and tables. Each body
//! paragraph and each table row is one unit, numbered from 1; text boxes take
//! the unit of the paragraph that anchors them.

use crate::model::{Image, Inlines, Span, Table};

use super::numbering::Numbering;
use super::styles::{size_of, Styles};
use super::xml::{on_off, Element, Node};

/// A body paragraph as read: its lines (split at soft breaks) and the evidence
/// Word gives about it.
#[derive(Debug, Clone, Default)]
pub struct Para {
    pub units: (usize, usize),
    pub lines: Vec<Inlines>,
    /// `left`, `center`, `right`, `both`…; `end` is read as `right`.
    pub align: Option<String>,
    /// 0-based outline level from the paragraph or its style.
    pub outline: Option<u8>,
    pub title_style: bool,
    /// The largest run size, in half-points.
    pub size: Option<u32>,
    /// The paragraph style's id.
    pub style: Option<String>,
    /// The paragraph ends a section (carries `w:sectPr`).
    pub section_end: bool,
    /// An explicit first-line indent of zero (how gongwen marks the rest of a
    /// paragraph cut at a page turn).
    pub no_indent: bool,
}

#[derive(Debug, Clone)]
pub enum Item {
    Para(Para),
    Table {
        units: (usize, usize),
        table: Table,
    },
    /// A picture of a paragraph, after the paragraph's text (`rel`: its
    /// relationship id; `image`: filled in from the package by the reader).
    Image {
        units: (usize, usize),
        rel: String,
        alt: String,
        image: Option<Image>,
    },
}

/// What was changed or left out while reading, for the warnings.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Dropped {
    pub insertions: usize,
    pub deletions: usize,
    pub comments: usize,
    pub notes: usize,
    pub hidden_runs: usize,
    pub objects: usize,
    pub pictures: usize,
}

pub struct Walker<'a> {
    pub styles: &'a Styles,
    pub numbering: Numbering,
    pub dropped: Dropped,
    pub items: Vec<Item>,
    unit: usize,
    /// A paragraph whose mark was deleted (tracked): it joins the next one.
    joining: Option<Para>,
}

/// Text being gathered for a paragraph: lines of spans, plus text boxes met
/// on the way (read after the paragraph that anchors them).
#[derive(Default)]
struct Gather<'e> {
    lines: Vec<Inlines>,
    cur: Inlines,
    size: Option<u32>,
    boxes: Vec<&'e Element>,
    /// Pictures met: relationship id and description.
    pictures: Vec<(String, String)>,
}

impl Gather<'_> {
    fn push(&mut self, text: &str, bold: bool, italic: bool) {
        self.cur.push(Span {
            text: text.to_string(),
            bold,
            italic,
        });
    }
    fn newline(&mut self) {
        self.lines.push(std::mem::take(&mut self.cur));
    }
    /// The lines, the largest size, the text boxes (copied out, so that the
    /// walker can read them after the paragraph) and the pictures.
    fn finish(mut self) -> Gathered {
        self.newline();
        Gathered {
            lines: self.lines,
            size: self.size,
            boxes: self.boxes.into_iter().cloned().collect(),
            pictures: self.pictures,
        }
    }
}

struct Gathered {
    lines: Vec<Inlines>,
    size: Option<u32>,
    boxes: Vec<Element>,
    pictures: Vec<(String, String)>,
}

impl<'a> Walker<'a> {
    pub fn new(styles: &'a Styles, numbering: Numbering) -> Self {
        Walker {
            styles,
            numbering,
            dropped: Dropped::default(),
            items: Vec::new(),
            unit: 0,
            joining: None,
        }
    }

    /// Read the children of `w:body` (or of a content control, a text box).
    /// `anchor` is the unit a text box's paragraphs belong to.
    pub fn blocks(&mut self, parent: &Element, anchor: Option<usize>) {
        for el in parent.elements() {
            match el.name.as_str() {
                "w:p" => self.paragraph(el, anchor),
                "w:tbl" => self.table(el, anchor),
                "w:sdt" => {
                    if let Some(c) = el.child("w:sdtContent") {
                        self.blocks(c, anchor);
                    }
                }
                "w:customXml" | "w:ins" | "w:moveTo" => {
                    if el.is("w:ins") || el.is("w:moveTo") {
                        self.dropped.insertions += 1;
                    }
                    self.blocks(el, anchor)
                }
                "w:del" | "w:moveFrom" => self.dropped.deletions += 1,
                "mc:AlternateContent" => {
                    if let Some(c) = el.child("mc:Choice").or_else(|| el.child("mc:Fallback")) {
                        self.blocks(c, anchor);
                    }
                }
                "w:altChunk" => self.dropped.objects += 1,
                _ => {}
            }
        }
    }

    /// Every paragraph under `root`, tables included, one by one (for
    /// headers and footers, where gongwen keeps its 版记).
    pub fn all_paragraphs(&mut self, root: &Element) {
        for p in root.descendants("w:p") {
            self.paragraph(p, Some(0));
        }
    }

    fn next_unit(&mut self, anchor: Option<usize>) -> usize {
        match anchor {
            Some(a) => a,
            None => {
                self.unit += 1;
                self.unit
            }
        }
    }

    /// Flush a paragraph left waiting for the one its deleted mark joins.
    pub fn finish(&mut self) {
        if let Some(p) = self.joining.take() {
            self.items.push(Item::Para(p));
        }
    }

    fn paragraph(&mut self, p: &Element, anchor: Option<usize>) {
        let unit = self.next_unit(anchor);
        let (mut para, boxes, pictures) = self.read_paragraph(p, unit);
        if anchor.is_none() {
            if let Some(prev) = self.joining.take() {
                para = join(prev, para);
            }
        }
        let mark_deleted = p
            .child("w:pPr")
            .and_then(|x| x.child("w:rPr"))
            .is_some_and(|r| r.child("w:del").is_some());
        if mark_deleted && anchor.is_none() {
            self.dropped.deletions += 1;
            self.joining = Some(para);
        } else {
            self.items.push(Item::Para(para));
        }
        for (rel, alt) in pictures {
            self.items.push(Item::Image {
                units: (unit, unit),
                rel,
                alt,
                image: None,
            });
        }
        for b in boxes {
            for content in b.outermost("w:txbxContent") {
                self.blocks(content, Some(unit));
            }
        }
    }

    /// A paragraph's lines and evidence, the text boxes it anchors and its
    /// pictures.
    #[allow(clippy::type_complexity)]
    fn read_paragraph(
        &mut self,
        p: &Element,
        unit: usize,
    ) -> (Para, Vec<Element>, Vec<(String, String)>) {
        let ppr = p.child("w:pPr");
        let style_id = ppr.and_then(|x| x.val_of("w:pStyle")).map(str::to_string);
        let style = self.styles.resolve(style_id.as_deref());
        let own_num = ppr.and_then(|x| x.child("w:numPr"));
        let num = match own_num {
            Some(n) => {
                let lvl = n
                    .val_of("w:ilvl")
                    .and_then(|v| v.parse().ok())
                    .or(style.num.as_ref().map(|s| s.1))
                    .unwrap_or(0);
                n.val_of("w:numId")
                    .map(str::to_string)
                    .or(style.num.as_ref().map(|s| s.0.clone()))
                    .map(|id| (id, lvl))
            }
            None => style.num.clone(),
        };
        // A paragraph inserted as a tracked change still counts as shown.
        let label = num.and_then(|(id, lvl)| self.numbering.next_label(&id, lvl));
        let mut g = Gather::default();
        if let Some(l) = &label {
            g.push(l, false, false);
        }
        self.inline(p, &mut g);
        let Gathered {
            lines,
            size,
            boxes,
            pictures,
        } = g.finish();
        let size = size.or(style.size);
        let align = ppr
            .and_then(|x| x.val_of("w:jc"))
            .map(str::to_string)
            .or(style.jc)
            .map(|j| if j == "end" { "right".into() } else { j });
        let outline = ppr
            .and_then(|x| x.val_of("w:outlineLvl"))
            .and_then(|v| v.parse().ok())
            .filter(|&o: &u8| o < 9)
            .or(style.outline);
        (
            Para {
                units: (unit, unit),
                lines,
                align,
                outline,
                title_style: style.is_title,
                size,
                style: style_id,
                section_end: ppr.is_some_and(|x| x.child("w:sectPr").is_some()),
                no_indent: ppr
                    .and_then(|x| x.child("w:ind"))
                    .is_some_and(|i| i.attr("w:firstLine") == Some("0")),
            },
            boxes,
            pictures,
        )
    }

    /// Runs and the containers around them, in order.
    fn inline<'e>(&mut self, el: &'e Element, g: &mut Gather<'e>) {
        for c in el.elements() {
            match c.name.as_str() {
                "w:r" => self.run(c, g),
                "w:hyperlink" | "w:smartTag" | "w:customXml" | "w:fldSimple" | "w:bdo"
                | "w:dir" => self.inline(c, g),
                "w:sdt" => {
                    if let Some(content) = c.child("w:sdtContent") {
                        self.inline(content, g);
                    }
                }
                "w:ins" | "w:moveTo" => {
                    self.dropped.insertions += 1;
                    self.inline(c, g);
                }
                "w:del" | "w:moveFrom" => self.dropped.deletions += 1,
                "mc:AlternateContent" => {
                    if let Some(ch) = c.child("mc:Choice").or_else(|| c.child("mc:Fallback")) {
                        self.inline(ch, g);
                    }
                }
                _ => {}
            }
        }
    }

    fn run<'e>(&mut self, r: &'e Element, g: &mut Gather<'e>) {
        let rpr = r.child("w:rPr");
        if on_off(rpr.and_then(|x| x.child("w:vanish"))) {
            self.dropped.hidden_runs += 1;
            return;
        }
        let bold = on_off(rpr.and_then(|x| x.child("w:b")));
        let italic = on_off(rpr.and_then(|x| x.child("w:i")));
        if let Some(sz) = size_of(rpr) {
            g.size = Some(g.size.map_or(sz, |s| s.max(sz)));
        }
        for c in r.elements() {
            match c.name.as_str() {
                "w:t" => g.push(&c.text(), bold, italic),
                "w:tab" | "w:ptab" => g.push("\t", bold, italic),
                "w:br" | "w:cr" => g.newline(),
                "w:noBreakHyphen" => g.push("-", bold, italic),
                "w:sym" => {
                    if let Some(ch) = c
                        .attr("w:char")
                        .and_then(|h| u32::from_str_radix(h, 16).ok())
                        .and_then(char::from_u32)
                    {
                        g.push(ch.encode_utf8(&mut [0; 4]), bold, italic);
                    }
                }
                "w:drawing" | "w:pict" => {
                    g.pictures.extend(pictures_in(c));
                    g.boxes.push(c)
                }
                "mc:AlternateContent" => {
                    if let Some(ch) = c.child("mc:Choice").or_else(|| c.child("mc:Fallback")) {
                        g.pictures.extend(pictures_in(ch));
                        g.boxes.push(ch);
                    }
                }
                "w:object" => self.dropped.objects += 1,
                "w:commentReference" => self.dropped.comments += 1,
                "w:footnoteReference" | "w:endnoteReference" => self.dropped.notes += 1,
                _ => {}
            }
        }
    }

    fn table(&mut self, tbl: &Element, anchor: Option<usize>) {
        // gongwen's own 版头 sets joint issuers in a table of GwIssuer
        // paragraphs: read them as the paragraphs they are.
        let styles: Vec<&str> = tbl
            .descendants("w:pStyle")
            .iter()
            .filter_map(|s| s.attr("w:val"))
            .collect();
        if !styles.is_empty() && styles.iter().all(|s| *s == super::frame::ISSUER_STYLE) {
            let unit = self.next_unit(anchor);
            for p in tbl.descendants("w:p") {
                self.paragraph(p, Some(unit));
            }
            return;
        }
        let mut rows: Vec<Vec<Inlines>> = Vec::new();
        let mut header_rows = 0;
        let mut first = None;
        let mut last = 0;
        for tr in rows_of(tbl) {
            let trpr = tr.child("w:trPr");
            if trpr.is_some_and(|t| t.child("w:del").is_some()) {
                self.dropped.deletions += 1;
                continue;
            }
            let unit = self.next_unit(anchor);
            first.get_or_insert(unit);
            last = unit;
            if rows.len() == header_rows && on_off(trpr.and_then(|t| t.child("w:tblHeader"))) {
                header_rows += 1;
            }
            let mut row = Vec::new();
            let before = trpr
                .and_then(|t| t.val_of("w:gridBefore"))
                .and_then(|v| v.parse::<usize>().ok())
                .unwrap_or(0)
                .min(64);
            row.extend(std::iter::repeat_n(Inlines::default(), before));
            for tc in cells_of(tr) {
                row.push(self.cell(tc, unit));
                // A merged cell keeps its text in its first column; the columns
                // it spans stay empty, so that the grid keeps its shape.
                let span = tc
                    .child("w:tcPr")
                    .and_then(|p| p.val_of("w:gridSpan"))
                    .and_then(|v| v.parse::<usize>().ok())
                    .unwrap_or(1)
                    .clamp(1, 64);
                row.extend(std::iter::repeat_n(Inlines::default(), span - 1));
            }
            rows.push(row);
        }
        if let Some(first) = first {
            self.items.push(Item::Table {
                units: (first, last),
                table: Table { rows, header_rows },
            });
        }
    }

    /// A cell's paragraphs joined by line breaks; nested tables row by row.
    fn cell(&mut self, tc: &Element, unit: usize) -> Inlines {
        let mut inner = Walker::new(self.styles, std::mem::take(&mut self.numbering));
        inner.unit = unit;
        inner.blocks(tc, Some(unit));
        inner.finish();
        self.numbering = std::mem::take(&mut inner.numbering);
        add_dropped(&mut self.dropped, &inner.dropped);
        let mut out = Inlines::default();
        let mut first = true;
        let mut line = |out: &mut Inlines, l: Inlines| {
            if l.is_empty() {
                return;
            }
            if !first {
                out.push(Span::plain("\n"));
            }
            first = false;
            for s in l.0 {
                out.push(s);
            }
        };
        for item in inner.items {
            match item {
                // A table cell holds text only: its pictures are reported.
                Item::Image { .. } => self.dropped.pictures += 1,
                Item::Para(p) => p.lines.into_iter().for_each(|l| line(&mut out, l)),
                Item::Table { table, .. } => {
                    for r in table.rows {
                        let mut l = Inlines::default();
                        for (i, c) in r.into_iter().filter(|c| !c.is_empty()).enumerate() {
                            if i > 0 {
                                l.push(Span::plain("\t"));
                            }
                            c.0.into_iter().for_each(|s| l.push(s));
                        }
                        line(&mut out, l);
                    }
                }
            }
        }
        out
    }
}

/// Pictures in a drawing (DrawingML `a:blip`, VML `v:imagedata`), in
/// document order, not counting those inside its text boxes (read with their
/// paragraphs): the relationship id of each (empty for a linked picture) and
/// the drawing's description (`wp:docPr descr`, VML `alt`).
fn pictures_in(e: &Element) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut stack = vec![(e, String::new())];
    while let Some((x, alt)) = stack.pop() {
        let alt = x
            .child("wp:docPr")
            .and_then(|d| d.attr("?:descr"))
            .or(x.attr("?:alt"))
            .map_or(alt, str::to_string);
        if x.is("a:blip") || x.is("v:imagedata") {
            let rel = x.attr("r:embed").or(x.attr("r:id")).unwrap_or_default();
            out.push((rel.to_string(), alt.clone()));
        }
        if !x.is("w:txbxContent") {
            // Reversed, so that the stack gives them back in order.
            let kids: Vec<&Element> = x.elements().collect();
            stack.extend(kids.into_iter().rev().map(|k| (k, alt.clone())));
        }
    }
    out
}

fn add_dropped(a: &mut Dropped, b: &Dropped) {
    a.insertions += b.insertions;
    a.deletions += b.deletions;
    a.comments += b.comments;
    a.notes += b.notes;
    a.hidden_runs += b.hidden_runs;
    a.objects += b.objects;
    a.pictures += b.pictures;
}

/// Two paragraphs made one by accepting the deletion of the first one's mark.
fn join(mut a: Para, b: Para) -> Para {
    let mut lines = b.lines.into_iter();
    if let (Some(last), Some(first)) = (a.lines.last_mut(), lines.next()) {
        first.0.into_iter().for_each(|s| last.push(s));
    }
    a.lines.extend(lines);
    a.units.1 = b.units.1;
    a
}

/// Rows, looking through content controls and custom XML around them.
fn rows_of(tbl: &Element) -> Vec<&Element> {
    let mut out = Vec::new();
    collect(tbl, "w:tr", &mut out);
    out
}

fn cells_of(tr: &Element) -> Vec<&Element> {
    let mut out = Vec::new();
    collect(tr, "w:tc", &mut out);
    out
}

fn collect<'e>(parent: &'e Element, name: &str, out: &mut Vec<&'e Element>) {
    for c in parent.children.iter() {
        let Node::Element(e) = c else { continue };
        if e.is(name) {
            out.push(e);
        } else if e.is("w:sdt") {
            if let Some(content) = e.child("w:sdtContent") {
                collect(content, name, out);
            }
        } else if e.is("w:customXml") || e.is("w:ins") {
            collect(e, name, out);
        }
    }
}
