//! The walk over `word/document.xml` that builds blocks, paragraphs and tables.
//!
//! One pass over the XML with explicit stacks: open tables (nested tables
//! push), the open cell of each table, and open paragraphs (a text box inside
//! a paragraph pushes). Element names are matched by local name, whatever
//! their prefix. What is read (ECMA-376 Part 1, §17):
//! - `w:p` paragraphs; `w:pStyle`, `w:numPr`, `w:outlineLvl` for headings and
//!   lists; `w:r` runs with `w:b`, `w:i`, `w:highlight`, `w:shd` (run shading,
//!   read as a highlight when there is no `w:highlight`).
//! - `w:t` text; `w:br`/`w:cr` as `\n`; `w:tab` as `\t`; `w:noBreakHyphen` as
//!   `-`. Not text: `w:delText` (deleted), `w:instrText` (field codes),
//!   `w:moveFrom` (moved away), `mc:Fallback` (a copy of `mc:Choice`).
//! - `w:tbl`, `w:gridCol`, `w:tr` with `w:tblHeader`, `w:gridBefore`,
//!   `w:gridAfter`; `w:tc` with `w:gridSpan`, `w:vMerge`, `w:hMerge`, `w:shd`.
//! - `w:commentRangeStart`/`w:commentReference`: the comment joins the
//!   paragraph it starts in.
//! - `w:sdt` content controls are transparent: their `w:sdtContent` is read
//!   like any other content, their `w:sdtPr` is skipped.

use std::collections::HashMap;

use quick_xml::events::BytesStart;

use super::styles::{Numbering, StyleSheet};
use crate::error::{ErrorKind, Result};
use crate::model::{
    Block, Cell, Comment, ListItem, Paragraph, SourceLoc, Span, Table, TableParent, Warning,
};
use crate::read::xml::{attr, Ev, Xml};

/// A cell may span at most this many grid columns; a table at most this many
/// columns, and at most this many grid slots in all (bounds memory for the
/// grid view whatever a file claims).
const MAX_SPAN: usize = 512;
const MAX_COLS: usize = 1024;
const MAX_SLOTS: usize = 16 << 20;

/// What the walk needs from the side parts.
pub struct Context<'a> {
    pub styles: &'a StyleSheet,
    pub numbering: Numbering,
    pub comments: &'a HashMap<String, Comment>,
    pub max_depth: usize,
}

/// The walk's result.
pub struct Walked {
    pub blocks: Vec<Block>,
    pub warnings: Vec<Warning>,
}

#[derive(Default)]
struct ParaBuilder {
    spans: Vec<Span>,
    style: Option<String>,
    num_id: Option<usize>,
    num_level: Option<usize>,
    outline: Option<u8>,
    comment_ids: Vec<String>,
}

#[derive(Default, Clone)]
struct RunProps {
    bold: bool,
    italic: bool,
    highlight: Option<String>,
    shading: Option<String>,
}

#[derive(PartialEq, Eq, Clone, Copy)]
enum VMerge {
    Restart,
    Continue,
}

#[derive(Default)]
struct CellBuilder {
    paragraphs: Vec<Paragraph>,
    tables: Vec<Table>,
    span: usize,
    vmerge: Option<VMerge>,
    hmerge_continue: bool,
    fill: Option<String>,
}

#[derive(Default)]
struct TableBuilder {
    index: usize,
    parent: Option<TableParent>,
    grid_cols: usize,
    cells: Vec<Cell>,
    /// Anchor index of the cell covering each column in the previous row.
    owner_prev: Vec<Option<usize>>,
    owner_cur: Vec<Option<usize>>,
    row: usize,
    row_open: bool,
    cursor: usize,
    width: usize,
    row_header: bool,
    grid_after: usize,
    header_rows: usize,
    cell: Option<CellBuilder>,
}

impl TableBuilder {
    /// The grid position the open cell would take.
    fn cursor_pos(&self) -> (usize, usize) {
        (self.row, self.cursor)
    }
}

struct Walker<'a> {
    ctx: Context<'a>,
    blocks: Vec<Block>,
    warnings: Vec<Warning>,
    tables: Vec<TableBuilder>,
    paras: Vec<ParaBuilder>,
    run: RunProps,
    in_run: bool,
    in_text: bool,
    next_table: usize,
    /// Comments referenced outside any paragraph, for the next one.
    pending_comments: Vec<String>,
}

/// Walk `document.xml`.
pub fn walk(xml_bytes: &[u8], part: &str, ctx: Context<'_>) -> Result<Walked> {
    let mut xml = Xml::new(xml_bytes, part, ctx.max_depth);
    let mut w = Walker {
        ctx,
        blocks: Vec::new(),
        warnings: Vec::new(),
        tables: Vec::new(),
        paras: Vec::new(),
        run: RunProps::default(),
        in_run: false,
        in_text: false,
        next_table: 0,
        pending_comments: Vec::new(),
    };
    // Depth of the w:pPr / w:rPr / w:trPr / w:tcPr being read, if any.
    let mut ppr: Option<usize> = None;
    let mut rpr: Option<usize> = None;
    let mut trpr: Option<usize> = None;
    let mut tcpr: Option<usize> = None;
    let mut seen_body = false;
    loop {
        match xml.next_event()? {
            Ev::Eof => break,
            Ev::Text(t) => {
                if w.in_text {
                    w.push_text(&t);
                }
            }
            Ev::End(name) => {
                let depth = xml.depth();
                if ppr.is_some_and(|d| depth < d) {
                    ppr = None;
                }
                if rpr.is_some_and(|d| depth < d) {
                    rpr = None;
                }
                if trpr.is_some_and(|d| depth < d) {
                    trpr = None;
                }
                if tcpr.is_some_and(|d| depth < d) {
                    tcpr = None;
                }
                match name.as_slice() {
                    b"t" => w.in_text = false,
                    b"r" => {
                        w.in_run = false;
                        w.run = RunProps::default();
                    }
                    b"p" => w.end_paragraph(),
                    b"tc" => w.end_cell()?,
                    b"tr" => w.end_row(),
                    b"tbl" => w.end_table()?,
                    _ => {}
                }
            }
            Ev::Start(e) => {
                let depth = xml.depth();
                let local = e.local_name();
                let name = local.as_ref();
                // Subtrees that hold no body text, or only copies or old
                // versions of it.
                if matches!(
                    name,
                    b"sectPr"
                        | b"pPrChange"
                        | b"rPrChange"
                        | b"trPrChange"
                        | b"tcPrChange"
                        | b"tblPrChange"
                        | b"tblGridChange"
                        | b"tblPr"
                        | b"sdtPr"
                        | b"sdtEndPr"
                        | b"moveFrom"
                        | b"Fallback"
                        | b"delText"
                        | b"instrText"
                        | b"tabs"
                        | b"headerReference"
                        | b"footerReference"
                ) {
                    xml.skip()?;
                    continue;
                }
                if name == b"body" {
                    seen_body = true;
                }
                if let Some(d) = ppr {
                    if depth > d {
                        // Inside w:pPr. Its w:rPr is the paragraph mark's, not text.
                        match name {
                            b"rPr" => xml.skip()?,
                            _ => w.paragraph_property(name, &e),
                        }
                        continue;
                    }
                }
                if rpr.is_some_and(|d| depth > d) {
                    w.run_property(name, &e);
                    continue;
                }
                if trpr.is_some_and(|d| depth > d) {
                    w.row_property(name, &e);
                    continue;
                }
                if tcpr.is_some_and(|d| depth > d) {
                    w.cell_property(name, &e);
                    continue;
                }
                match name {
                    b"p" => w.paras.push(ParaBuilder::default()),
                    b"pPr" => ppr = Some(depth),
                    b"r" => {
                        w.in_run = true;
                        w.run = RunProps::default();
                    }
                    b"rPr" => rpr = Some(depth),
                    b"t" => w.in_text = true,
                    b"br" | b"cr" => {
                        let page = attr(&e, b"type").is_some_and(|t| t == "page" || t == "column");
                        if !page {
                            w.push_text("\n");
                        }
                    }
                    b"tab" if w.in_run => w.push_text("\t"),
                    b"noBreakHyphen" => w.push_text("-"),
                    b"commentRangeStart" | b"commentReference" => {
                        if let Some(id) = attr(&e, b"id") {
                            match w.paras.last_mut() {
                                Some(p) => {
                                    if !p.comment_ids.contains(&id) {
                                        p.comment_ids.push(id)
                                    }
                                }
                                None => w.pending_comments.push(id),
                            }
                        }
                    }
                    b"tbl" => w.start_table(),
                    b"gridCol" => {
                        if let Some(t) = w.tables.last_mut() {
                            t.grid_cols = (t.grid_cols + 1).min(MAX_COLS);
                        }
                    }
                    b"tr" => w.start_row(),
                    b"trPr" => trpr = Some(depth),
                    b"tc" => w.start_cell(),
                    b"tcPr" => tcpr = Some(depth),
                    _ => {}
                }
            }
        }
    }
    if !seen_body {
        return Err(ErrorKind::Xml {
            part: part.to_string(),
            offset: 0,
            detail: "no w:body element: not a Word document body".into(),
        });
    }
    Ok(Walked {
        blocks: w.blocks,
        warnings: w.warnings,
    })
}

/// `w:val` as a toggle: absent, "true", "1", "on" are on.
fn toggle(e: &BytesStart<'_>) -> bool {
    !matches!(
        attr(e, b"val").as_deref(),
        Some("false" | "0" | "off" | "none")
    )
}

/// A `w:shd` fill as six upper-case hex digits, or None for auto/none.
fn fill(e: &BytesStart<'_>) -> Option<String> {
    let f = attr(e, b"fill")?;
    let f = f.trim();
    if f.len() == 6 && f.bytes().all(|b| b.is_ascii_hexdigit()) {
        Some(f.to_ascii_uppercase())
    } else {
        None
    }
}

fn number(e: &BytesStart<'_>) -> Option<usize> {
    attr(e, b"val")?.trim().parse().ok()
}

impl Walker<'_> {
    fn push_text(&mut self, text: &str) {
        let Some(p) = self.paras.last_mut() else {
            return;
        };
        let run = &self.run;
        let highlight = run.highlight.clone().or_else(|| run.shading.clone());
        match p.spans.last_mut() {
            Some(s) if s.bold == run.bold && s.italic == run.italic && s.highlight == highlight => {
                s.text.push_str(text)
            }
            _ => p.spans.push(Span {
                text: text.to_string(),
                bold: run.bold,
                italic: run.italic,
                highlight,
            }),
        }
    }

    fn paragraph_property(&mut self, name: &[u8], e: &BytesStart<'_>) {
        let Some(p) = self.paras.last_mut() else {
            return;
        };
        match name {
            b"pStyle" => p.style = attr(e, b"val"),
            b"numId" => p.num_id = number(e),
            b"ilvl" => p.num_level = number(e),
            b"outlineLvl" => p.outline = number(e).map(|n| n.min(255) as u8),
            _ => {}
        }
    }

    fn run_property(&mut self, name: &[u8], e: &BytesStart<'_>) {
        match name {
            b"b" => self.run.bold = toggle(e),
            b"i" => self.run.italic = toggle(e),
            b"highlight" => {
                self.run.highlight = attr(e, b"val").filter(|v| v != "none" && !v.is_empty())
            }
            b"shd" => self.run.shading = fill(e),
            _ => {}
        }
    }

    fn row_property(&mut self, name: &[u8], e: &BytesStart<'_>) {
        let Some(t) = self.tables.last_mut() else {
            return;
        };
        match name {
            b"tblHeader" => t.row_header = toggle(e),
            b"gridBefore" => {
                let n = number(e).unwrap_or(0).min(MAX_SPAN);
                if t.cursor == 0 {
                    t.cursor = n;
                }
            }
            b"gridAfter" => t.grid_after = number(e).unwrap_or(0).min(MAX_SPAN),
            _ => {}
        }
    }

    fn cell_property(&mut self, name: &[u8], e: &BytesStart<'_>) {
        let Some(c) = self.tables.last_mut().and_then(|t| t.cell.as_mut()) else {
            return;
        };
        match name {
            b"gridSpan" => c.span = number(e).unwrap_or(1).clamp(1, MAX_SPAN),
            b"vMerge" => {
                c.vmerge = Some(match attr(e, b"val").as_deref() {
                    Some("restart") => VMerge::Restart,
                    _ => VMerge::Continue,
                })
            }
            b"hMerge" => c.hmerge_continue = attr(e, b"val").as_deref() != Some("restart"),
            b"shd" => c.fill = fill(e),
            _ => {}
        }
    }

    /// Where new content goes: the innermost open cell, or the body.
    fn source_here(&self) -> SourceLoc {
        match self.tables.last() {
            Some(t) => {
                let (row, col) = t.cursor_pos();
                SourceLoc {
                    table: Some(t.index),
                    row: Some(row),
                    col: Some(col),
                    ..SourceLoc::default()
                }
            }
            None => SourceLoc {
                block: Some(self.blocks.len()),
                ..SourceLoc::default()
            },
        }
    }

    fn end_paragraph(&mut self) {
        let Some(mut b) = self.paras.pop() else {
            return;
        };
        if self.paras.is_empty() {
            let mut pending = std::mem::take(&mut self.pending_comments);
            pending.append(&mut b.comment_ids);
            b.comment_ids = pending;
        }
        let style = b.style.as_deref().and_then(|s| self.ctx.styles.get(s));
        let heading = match b.outline {
            Some(l) if l < 9 => Some(l + 1),
            Some(_) => None,
            None => style.as_ref().and_then(|s| s.heading),
        };
        let numbering = match (b.num_id, style.as_ref().and_then(|s| s.numbering)) {
            (Some(id), Some((_, style_level))) => Some((id, b.num_level.unwrap_or(style_level))),
            (Some(id), None) => Some((id, b.num_level.unwrap_or(0))),
            (None, Some((id, level))) => Some((id, b.num_level.unwrap_or(level))),
            (None, None) => None,
        };
        let has_text = b.spans.iter().any(|s| !s.text.trim().is_empty());
        // numId 0 means "no numbering" (ECMA-376 §17.9.18); an empty
        // paragraph does not advance a list in Word's rendering.
        let list = match numbering {
            Some((id, level)) if id != 0 && has_text => self
                .ctx
                .numbering
                .next_label(id, level)
                .map(|(kind, label)| ListItem {
                    kind,
                    level: level.min(8) as u8,
                    label,
                }),
            _ => None,
        };
        let comments = b
            .comment_ids
            .iter()
            .filter_map(|id| match self.ctx.comments.get(id) {
                Some(c) => Some(c.clone()),
                None => {
                    self.warnings.push(Warning {
                        message: format!("comment {id} is referenced but not in comments.xml"),
                        source: self.source_here(),
                    });
                    None
                }
            })
            .collect::<Vec<_>>();
        let paragraph = Paragraph {
            spans: b.spans,
            list,
            style: style.map(|s| s.name).or(b.style),
            comments,
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
        if t.row_open {
            t.row += 1;
        }
        t.row_open = true;
        t.cursor = 0;
        t.row_header = false;
        t.grid_after = 0;
        t.owner_cur = Vec::new();
    }

    fn start_cell(&mut self) {
        if let Some(t) = self.tables.last_mut() {
            t.cell = Some(CellBuilder {
                span: 1,
                ..CellBuilder::default()
            });
        }
    }

    fn end_cell(&mut self) -> Result<()> {
        let Some(t) = self.tables.last_mut() else {
            return Ok(());
        };
        let Some(c) = t.cell.take() else {
            return Ok(());
        };
        let col = t.cursor;
        let span = c.span.min(MAX_COLS.saturating_sub(col)).max(1);
        if col >= MAX_COLS {
            return Err(ErrorKind::Unsupported(format!(
                "table {} has more than {MAX_COLS} columns",
                t.index + 1
            )));
        }
        let above = t.owner_prev.get(col).copied().flatten();
        let left = col
            .checked_sub(1)
            .and_then(|l| t.owner_cur.get(l).copied().flatten());
        let merged_into = if c.vmerge == Some(VMerge::Continue) {
            above.filter(|&i| t.cells[i].col == col)
        } else if c.hmerge_continue {
            left
        } else {
            None
        };
        let owner = match merged_into {
            Some(i) => {
                let anchor = &mut t.cells[i];
                if c.vmerge == Some(VMerge::Continue) {
                    anchor.row_span = t.row - anchor.row + 1;
                } else {
                    anchor.col_span = col + span - anchor.col;
                }
                if c.paragraphs.iter().any(|p| !p.text().trim().is_empty()) {
                    self.warnings.push(Warning {
                        message: "text in a merged-away cell was dropped, as Word hides it".into(),
                        source: SourceLoc {
                            table: Some(t.index),
                            row: Some(t.row),
                            col: Some(col),
                            ..SourceLoc::default()
                        },
                    });
                }
                i
            }
            None => {
                t.cells.push(Cell {
                    row: t.row,
                    col,
                    row_span: 1,
                    col_span: span,
                    paragraphs: c.paragraphs,
                    tables: c.tables,
                    fill: c.fill,
                    source: SourceLoc {
                        table: Some(t.index),
                        row: Some(t.row),
                        col: Some(col),
                        ..SourceLoc::default()
                    },
                    date: None,
                });
                t.cells.len() - 1
            }
        };
        if t.owner_cur.len() < col + span {
            t.owner_cur.resize(col + span, None);
        }
        for slot in &mut t.owner_cur[col..col + span] {
            *slot = Some(owner);
        }
        t.cursor = col + span;
        Ok(())
    }

    fn end_row(&mut self) {
        let Some(t) = self.tables.last_mut() else {
            return;
        };
        if t.row_header && t.header_rows == t.row {
            t.header_rows += 1;
        }
        t.width = t.width.max((t.cursor + t.grid_after).min(MAX_COLS));
        t.owner_prev = std::mem::take(&mut t.owner_cur);
        t.row += 1;
        t.row_open = false;
    }

    fn end_table(&mut self) -> Result<()> {
        let Some(t) = self.tables.pop() else {
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
