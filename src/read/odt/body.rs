//! The walk over `content.xml`'s `office:text` that builds blocks,
//! paragraphs and tables, as [`crate::read::docx`]'s walk does for Word.
//!
//! One pass with explicit stacks: open tables (nested tables push), open
//! paragraphs (a text box's paragraphs inside a paragraph push), open
//! spans (their text properties), open lists and list items. Element names
//! are matched by local name. What is read (ODF 1.3 Part 3, §5, §9):
//! - `text:h` (its `text:outline-level` is the heading level) and `text:p`
//!   (a heading where its style, through its parents, is "Title", "Heading
//!   N" or has a `style:default-outline-level`).
//! - `text:span` with bold, italic and background colour from its style
//!   (and a paragraph's automatic style); `text:s`, `text:tab`,
//!   `text:line-break` as spaces, `\t`, `\n`; other white space collapsed
//!   as ODF says (§6.1.2). Links, fields, sections and frames are read
//!   through.
//! - `text:list`/`text:list-item`: the level is the list's nesting, the
//!   kind and label from the list style; numbering restarts with a new
//!   list unless it says `text:continue-numbering` or `text:continue-list`,
//!   and at a `text:start-value`.
//! - `table:table`, `table:table-column`, `table:table-header-rows`,
//!   `table:table-row`, `table:table-cell` with
//!   `table:number-columns-spanned`, `table:number-rows-spanned`,
//!   `table:number-columns-repeated` and its style's background colour;
//!   `table:covered-table-cell` (a slot of a merged cell).
//! - `office:annotation` (a comment: its `dc:creator` and paragraphs) joins
//!   the paragraph it sits in.
//! - Not text: `text:tracked-changes` (deleted text and change records:
//!   the inserted text is in the body already), `text:note` (footnotes and
//!   endnotes, which the .docx reader does not read either), declarations,
//!   and index templates (`*-source`).

use std::collections::HashMap;

use quick_xml::events::BytesStart;

use super::styles::{format_number, Styles};
use crate::error::{ErrorKind, Result};
use crate::model::{
    Block, Cell, Comment, ListItem, ListKind, Paragraph, SourceLoc, Span, Table, TableParent,
    Warning,
};
use crate::read::xml::{attr, Ev, Xml};

/// A cell may span at most this many columns (or rows); a table at most
/// this many columns and this many grid slots (as for .docx).
const MAX_SPAN: usize = 512;
const MAX_ROW_SPAN: usize = 1 << 16;
const MAX_COLS: usize = 1024;
const MAX_SLOTS: usize = 16 << 20;
/// The most spaces one `text:s` gives.
const MAX_SPACES: usize = 1024;
/// List levels (ODF defines ten).
const MAX_LEVEL: usize = 9;

/// The walk's result.
pub struct Walked {
    pub blocks: Vec<Block>,
    pub warnings: Vec<Warning>,
}

#[derive(Default, Clone, PartialEq)]
struct RunProps {
    bold: bool,
    italic: bool,
    highlight: Option<String>,
}

#[derive(Default)]
struct ParaBuilder {
    spans: Vec<Span>,
    style: Option<String>,
    /// `text:h`'s outline level.
    outline: Option<u8>,
    /// The list item this paragraph labels: (list style, level, start).
    list: Option<(Option<String>, usize, Option<usize>)>,
    comments: Vec<Comment>,
    /// The last character pushed was collapsible white space (or none
    /// has been pushed yet).
    at_space: bool,
    /// The paragraph's own text properties, under its spans'.
    base: RunProps,
}

struct CellBuilder {
    paragraphs: Vec<Paragraph>,
    tables: Vec<Table>,
    col_span: usize,
    row_span: usize,
    repeat: usize,
    fill: Option<String>,
    covered: bool,
}

#[derive(Default)]
struct TableBuilder {
    index: usize,
    parent: Option<TableParent>,
    grid_cols: usize,
    cells: Vec<Cell>,
    row: usize,
    cursor: usize,
    width: usize,
    /// Depth of `table:table-header-rows` open.
    in_header: usize,
    header_rows: usize,
    row_is_header: bool,
    cell: Option<CellBuilder>,
}

struct ListCtx {
    style: Option<String>,
}

struct ItemCtx {
    /// A paragraph has taken this item's label (or it is a list header).
    used: bool,
    start: Option<usize>,
}

struct Walker<'a> {
    styles: &'a Styles,
    blocks: Vec<Block>,
    warnings: Vec<Warning>,
    tables: Vec<TableBuilder>,
    paras: Vec<ParaBuilder>,
    spans: Vec<RunProps>,
    lists: Vec<ListCtx>,
    items: Vec<ItemCtx>,
    counters: HashMap<String, [usize; MAX_LEVEL + 1]>,
    next_table: usize,
    pending_comments: Vec<Comment>,
    /// Spaces `text:s` may still add: in all, no more than the part has
    /// bytes, so that `<text:s text:c="1024"/>` repeated cannot turn a
    /// 64 MB part into gigabytes of text.
    space_budget: usize,
}

/// Walk `content.xml`.
pub fn walk(bytes: &[u8], part: &str, styles: &Styles, max_depth: usize) -> Result<Walked> {
    let mut xml = Xml::new(bytes, part, max_depth);
    let mut w = Walker {
        styles,
        blocks: Vec::new(),
        warnings: Vec::new(),
        tables: Vec::new(),
        paras: Vec::new(),
        spans: Vec::new(),
        lists: Vec::new(),
        items: Vec::new(),
        counters: HashMap::new(),
        next_table: 0,
        pending_comments: Vec::new(),
        space_budget: bytes.len(),
    };
    let mut seen_text = false;
    // Inside office:body/office:text.
    let mut in_text = false;
    loop {
        match xml.next_event()? {
            Ev::Eof => break,
            Ev::Text(t) => {
                if in_text {
                    w.push_collapsed(&t);
                }
            }
            Ev::End(name) => match name.as_slice() {
                b"p" | b"h" => w.end_paragraph(),
                b"span" => {
                    w.spans.pop();
                }
                b"list" => {
                    w.lists.pop();
                }
                b"list-item" | b"list-header" => {
                    w.items.pop();
                }
                b"table-cell" | b"covered-table-cell" => w.end_cell(),
                b"table-row" => w.end_row(),
                b"table-header-rows" => {
                    if let Some(t) = w.tables.last_mut() {
                        t.in_header = t.in_header.saturating_sub(1);
                    }
                }
                b"table" => w.end_table()?,
                b"text" if xml.depth() == 2 => in_text = false,
                _ => {}
            },
            Ev::Start(e) => {
                let local = e.local_name();
                let name = local.as_ref();
                if !in_text {
                    match name {
                        b"text" if xml.depth() == 3 => {
                            seen_text = true;
                            in_text = true;
                        }
                        // Styles are read beforehand; scripts, fonts and
                        // other bodies (a spreadsheet's) hold no text.
                        b"automatic-styles" | b"font-face-decls" | b"scripts" | b"spreadsheet"
                        | b"presentation" | b"drawing" => xml.skip()?,
                        _ => {}
                    }
                    continue;
                }
                if matches!(
                    name,
                    b"tracked-changes"
                        | b"sequence-decls"
                        | b"variable-decls"
                        | b"user-field-decls"
                        | b"dde-connection-decls"
                        | b"note"
                        | b"forms"
                        | b"index-title-template"
                ) || name.ends_with(b"-source")
                {
                    xml.skip()?;
                    continue;
                }
                match name {
                    b"p" => w.start_paragraph(&e, None),
                    b"h" => {
                        let level = attr(&e, b"outline-level")
                            .and_then(|l| l.trim().parse::<u8>().ok())
                            .unwrap_or(1)
                            .clamp(1, 10);
                        w.start_paragraph(&e, Some(level));
                    }
                    b"span" => {
                        let props = w.span_props(&e);
                        w.spans.push(props);
                    }
                    b"s" => {
                        let n = attr(&e, b"c")
                            .and_then(|c| c.trim().parse::<usize>().ok())
                            .unwrap_or(1)
                            .clamp(1, MAX_SPACES)
                            .min(w.space_budget);
                        w.space_budget -= n;
                        w.push_raw(&" ".repeat(n));
                    }
                    b"tab" => w.push_raw("\t"),
                    b"line-break" => w.push_raw("\n"),
                    b"annotation" => {
                        let comment = annotation(&mut xml)?;
                        match w.paras.last_mut() {
                            Some(p) => p.comments.push(comment),
                            None => w.pending_comments.push(comment),
                        }
                    }
                    b"list" => {
                        let style = attr(&e, b"style-name")
                            .or_else(|| w.lists.last().and_then(|l| l.style.clone()));
                        let continues = attr(&e, b"continue-numbering").as_deref() == Some("true")
                            || attr(&e, b"continue-list").is_some();
                        if w.lists.is_empty() && !continues {
                            if let Some(s) = &style {
                                w.counters.remove(s);
                            }
                        }
                        w.lists.push(ListCtx { style });
                    }
                    b"list-item" => w.items.push(ItemCtx {
                        used: false,
                        start: attr(&e, b"start-value").and_then(|s| s.trim().parse().ok()),
                    }),
                    b"list-header" => w.items.push(ItemCtx {
                        used: true,
                        start: None,
                    }),
                    b"table" => w.start_table(),
                    b"table-column" => {
                        let n = repeated(&e, MAX_COLS);
                        if let Some(t) = w.tables.last_mut() {
                            t.grid_cols = (t.grid_cols + n).min(MAX_COLS);
                        }
                    }
                    b"table-header-rows" => {
                        if let Some(t) = w.tables.last_mut() {
                            t.in_header += 1;
                        }
                    }
                    b"table-row" => w.start_row(),
                    b"table-cell" => w.start_cell(&e, false),
                    b"covered-table-cell" => w.start_cell(&e, true),
                    _ => {}
                }
            }
        }
    }
    if !seen_text {
        return Err(ErrorKind::Xml {
            part: part.to_string(),
            offset: 0,
            detail: "no office:text element: not an OpenDocument text body".into(),
        });
    }
    Ok(Walked {
        blocks: w.blocks,
        warnings: w.warnings,
    })
}

/// `table:number-columns-repeated`, bounded.
fn repeated(e: &BytesStart<'_>, max: usize) -> usize {
    attr(e, b"number-columns-repeated")
        .and_then(|n| n.trim().parse::<usize>().ok())
        .unwrap_or(1)
        .clamp(1, max)
}

/// An `office:annotation`: its author and its paragraphs' text, one line
/// each (as the .docx reader keeps a comment).
fn annotation(xml: &mut Xml<'_>) -> Result<Comment> {
    let target = xml.depth().saturating_sub(1);
    let mut author = String::new();
    let mut lines: Vec<String> = Vec::new();
    loop {
        match xml.next_event()? {
            Ev::End(_) if xml.depth() == target => break,
            Ev::Eof => break,
            Ev::Start(e) => match e.local_name().as_ref() {
                b"creator" => author = xml.text()?.trim().to_string(),
                b"p" | b"h" => {
                    let line = xml.text()?;
                    let line = line.split_whitespace().collect::<Vec<_>>().join(" ");
                    if !line.is_empty() {
                        lines.push(line);
                    }
                }
                b"date" | b"initials" | b"sender-initials" => xml.skip()?,
                _ => {}
            },
            _ => {}
        }
    }
    Ok(Comment {
        author,
        text: lines.join("\n"),
    })
}

impl Walker<'_> {
    fn start_paragraph(&mut self, e: &BytesStart<'_>, outline: Option<u8>) {
        let style = attr(e, b"style-name");
        // A paragraph's automatic style holds what Word set on all its
        // runs (LibreOffice moves a run's bold there when it is the
        // paragraph's only run); a named style's bold is the style's, as
        // the .docx reader reads it.
        let base = style
            .as_deref()
            .and_then(|s| self.styles.get(s))
            .filter(|s| s.automatic)
            .map(|s| RunProps {
                bold: s.bold.unwrap_or(false),
                italic: s.italic.unwrap_or(false),
                highlight: s.highlight.clone().flatten(),
            })
            .unwrap_or_default();
        let mut list = None;
        if let Some(item) = self.items.last_mut() {
            if !item.used {
                item.used = true;
                let list_style = self.lists.last().and_then(|l| l.style.clone()).or_else(|| {
                    style
                        .as_deref()
                        .and_then(|s| self.styles.inherited(s, |st| st.list_style.clone()))
                        .filter(|s| !s.is_empty())
                });
                let level = self.lists.len().saturating_sub(1).min(MAX_LEVEL);
                list = Some((list_style, level, item.start));
            }
        }
        self.paras.push(ParaBuilder {
            style,
            outline,
            list,
            at_space: true,
            base,
            ..ParaBuilder::default()
        });
        // Spans do not cross paragraphs; a text box's paragraph starts
        // afresh.
        self.spans.clear();
    }

    fn span_props(&self, e: &BytesStart<'_>) -> RunProps {
        let mut props = self
            .spans
            .last()
            .cloned()
            .or_else(|| self.paras.last().map(|p| p.base.clone()))
            .unwrap_or_default();
        if let Some(name) = attr(e, b"style-name") {
            if let Some(b) = self.styles.inherited(&name, |s| s.bold) {
                props.bold = b;
            }
            if let Some(i) = self.styles.inherited(&name, |s| s.italic) {
                props.italic = i;
            }
            if let Some(h) = self.styles.inherited(&name, |s| s.highlight.clone()) {
                props.highlight = h;
            }
        }
        props
    }

    /// Character data: white space collapsed as ODF says.
    fn push_collapsed(&mut self, text: &str) {
        let Some(p) = self.paras.last_mut() else {
            return;
        };
        let mut out = String::with_capacity(text.len());
        for c in text.chars() {
            if matches!(c, ' ' | '\t' | '\n' | '\r') {
                if !p.at_space {
                    out.push(' ');
                    p.at_space = true;
                }
            } else {
                out.push(c);
                p.at_space = false;
            }
        }
        if !out.is_empty() {
            self.push_raw_kept(&out);
        }
    }

    /// Text from an element (`text:s`, `text:tab`...): never collapsed.
    fn push_raw(&mut self, text: &str) {
        if let Some(p) = self.paras.last_mut() {
            p.at_space = false;
        }
        self.push_raw_kept(text);
    }

    fn push_raw_kept(&mut self, text: &str) {
        let Some(p) = self.paras.last_mut() else {
            return;
        };
        let run = self.spans.last().unwrap_or(&p.base).clone();
        match p.spans.last_mut() {
            Some(s)
                if s.bold == run.bold && s.italic == run.italic && s.highlight == run.highlight =>
            {
                s.text.push_str(text)
            }
            _ => p.spans.push(Span {
                text: text.to_string(),
                bold: run.bold,
                italic: run.italic,
                highlight: run.highlight,
            }),
        }
    }

    /// Where new content goes: the innermost open cell, or the body.
    fn source_here(&self) -> SourceLoc {
        match self.tables.last() {
            Some(t) => SourceLoc {
                table: Some(t.index),
                row: Some(t.row),
                col: Some(t.cursor),
                ..SourceLoc::default()
            },
            None => SourceLoc {
                block: Some(self.blocks.len()),
                ..SourceLoc::default()
            },
        }
    }

    /// The heading level a paragraph style gives, through its parents.
    fn style_heading(&self, style: &str) -> Option<u8> {
        self.styles.inherited(style, |s| {
            let lower = s.display.to_ascii_lowercase();
            if lower == "title" {
                Some(0)
            } else if let Some(n) = lower
                .strip_prefix("heading ")
                .and_then(|n| n.trim().parse::<u8>().ok())
            {
                Some(n)
            } else {
                s.outline.filter(|&o| (1..=10).contains(&o))
            }
        })
    }

    fn next_label(
        &mut self,
        style: &str,
        level: usize,
        start: Option<usize>,
    ) -> Option<(ListKind, Option<String>)> {
        let levels = self.styles.lists.get(style)?;
        let def = levels.get(level).or_else(|| levels.last())?;
        if def.bullet {
            return Some((ListKind::Bullet, None));
        }
        if def.format.is_empty() {
            return None;
        }
        let counters = self
            .counters
            .entry(style.to_string())
            .or_insert([0; MAX_LEVEL + 1]);
        for (l, slot) in counters.iter_mut().enumerate() {
            if l == level {
                *slot = match start {
                    Some(s) => s,
                    None if *slot == 0 => def.start,
                    None => *slot + 1,
                };
            } else if l > level {
                *slot = 0;
            }
        }
        let mut label = def.pattern.clone();
        for l in (0..=level).rev() {
            let placeholder = format!("%{}%", l + 1);
            if label.contains(&placeholder) {
                let (fmt, first) = levels
                    .get(l)
                    .map(|d| (d.format.as_str(), d.start))
                    .unwrap_or(("1", 1));
                let n = if counters[l] == 0 { first } else { counters[l] };
                label = label.replace(&placeholder, &format_number(n, fmt));
            }
        }
        Some((ListKind::Number, Some(label)))
    }

    fn end_paragraph(&mut self) {
        let Some(mut b) = self.paras.pop() else {
            return;
        };
        self.spans.clear();
        if self.paras.is_empty() {
            let mut pending = std::mem::take(&mut self.pending_comments);
            pending.append(&mut b.comments);
            b.comments = pending;
        }
        let named = b.style.as_deref().and_then(|s| self.styles.named(s));
        let style_name = match named {
            Some(s) if s.display != "Standard" && s.display != "Default Paragraph Style" => {
                Some(s.display.clone())
            }
            Some(_) => None,
            None => b.style.clone(),
        };
        let heading = match b.outline {
            Some(l) => Some(l.min(9)),
            None => b.style.as_deref().and_then(|s| self.style_heading(s)),
        };
        let has_text = b.spans.iter().any(|s| !s.text.trim().is_empty());
        let list = match b.list.take() {
            Some((Some(style), level, start)) if has_text => self
                .next_label(&style, level, start)
                .map(|(kind, label)| ListItem {
                    kind,
                    level: level.min(8) as u8,
                    label,
                }),
            _ => None,
        };
        let paragraph = Paragraph {
            spans: b.spans,
            list,
            style: style_name,
            comments: b.comments,
            source: self.source_here(),
        };
        if let Some(t) = self.tables.last_mut() {
            match t.cell.as_mut() {
                Some(c) => c.paragraphs.push(paragraph),
                None => self.warnings.push(Warning {
                    message: "text inside a table but outside any cell was dropped".into(),
                    source: paragraph.source,
                }),
            }
            return;
        }
        if !has_text && paragraph.comments.is_empty() {
            return;
        }
        match heading {
            Some(level) => self.blocks.push(Block::Heading { level, paragraph }),
            None => self.blocks.push(Block::Paragraph(paragraph)),
        }
    }

    fn start_table(&mut self) {
        let parent = self.tables.last().and_then(|t| {
            t.cell.as_ref().map(|_| TableParent {
                table: t.index,
                row: t.row,
                col: t.cursor,
            })
        });
        let index = self.next_table;
        self.next_table += 1;
        self.tables.push(TableBuilder {
            index,
            parent,
            ..TableBuilder::default()
        });
    }

    fn start_row(&mut self) {
        let Some(t) = self.tables.last_mut() else {
            return;
        };
        t.cursor = 0;
        t.row_is_header = t.in_header > 0;
    }

    fn start_cell(&mut self, e: &BytesStart<'_>, covered: bool) {
        let number = |name: &[u8], max: usize| {
            attr(e, name)
                .and_then(|n| n.trim().parse::<usize>().ok())
                .unwrap_or(1)
                .clamp(1, max)
        };
        let fill = attr(e, b"style-name")
            .and_then(|s| self.styles.inherited(&s, |st| st.fill.clone()))
            .flatten();
        let cell = CellBuilder {
            paragraphs: Vec::new(),
            tables: Vec::new(),
            col_span: number(b"number-columns-spanned", MAX_SPAN),
            row_span: number(b"number-rows-spanned", MAX_ROW_SPAN),
            repeat: repeated(e, MAX_COLS),
            fill,
            covered,
        };
        if let Some(t) = self.tables.last_mut() {
            t.cell = Some(cell);
        }
    }

    fn end_cell(&mut self) {
        let Some(t) = self.tables.last_mut() else {
            return;
        };
        let Some(c) = t.cell.take() else {
            return;
        };
        let col = t.cursor;
        if col < MAX_COLS {
            let source = SourceLoc {
                table: Some(t.index),
                row: Some(t.row),
                col: Some(col),
                ..SourceLoc::default()
            };
            if c.covered {
                if c.paragraphs.iter().any(|p| !p.text().trim().is_empty()) {
                    self.warnings.push(Warning {
                        message: "text in a merged-away cell was dropped, as LibreOffice hides it"
                            .into(),
                        source,
                    });
                }
            } else {
                t.cells.push(Cell {
                    row: t.row,
                    col,
                    row_span: c.row_span,
                    col_span: c.col_span.min(MAX_COLS - col),
                    paragraphs: c.paragraphs,
                    tables: c.tables,
                    fill: c.fill,
                    date: None,
                    source,
                });
            }
        }
        // Each cell element is one column (a repeated one several); a
        // spanning cell is followed by the covered cells of its slots.
        t.cursor = (col + c.repeat).min(MAX_COLS);
    }

    fn end_row(&mut self) {
        let Some(t) = self.tables.last_mut() else {
            return;
        };
        if t.row_is_header && t.header_rows == t.row {
            t.header_rows += 1;
        }
        t.width = t.width.max(t.cursor);
        t.row += 1;
        t.cursor = 0;
    }

    fn end_table(&mut self) -> Result<()> {
        let Some(mut t) = self.tables.pop() else {
            return Ok(());
        };
        let n_cols = t.grid_cols.max(t.width);
        let n_rows = t.row;
        if n_rows.saturating_mul(n_cols) > MAX_SLOTS {
            return Err(ErrorKind::Unsupported(format!(
                "table {} has {n_rows} rows of {n_cols} columns, over the limit of {MAX_SLOTS} cells",
                t.index + 1
            )));
        }
        // Spans claimed past the table's edge end at it.
        for c in &mut t.cells {
            c.row_span = c.row_span.min(n_rows.saturating_sub(c.row)).max(1);
            c.col_span = c.col_span.min(n_cols.saturating_sub(c.col)).max(1);
        }
        let table = Table {
            index: t.index,
            parent: t.parent,
            n_rows,
            n_cols,
            header_rows: t.header_rows,
            cells: t.cells,
            source: SourceLoc {
                table: Some(t.index),
                block: self.tables.is_empty().then_some(self.blocks.len()),
                ..SourceLoc::default()
            },
            ..Table::default()
        };
        self.warnings
            .extend(crate::read::oversized_merge_warnings(&table));
        match self.tables.last_mut() {
            Some(outer) => match outer.cell.as_mut() {
                Some(c) => c.tables.push(table),
                None => self.warnings.push(Warning {
                    message: format!(
                        "table {} sits inside a table but outside any cell and was dropped",
                        table.index + 1
                    ),
                    source: table.source,
                }),
            },
            None => self.blocks.push(Block::Table(table)),
        }
        Ok(())
    }
}
