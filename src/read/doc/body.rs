//! Builds blocks from the main text: paragraphs, headings and tables.
//!
//! The text is walked once, character by character ([MS-DOC] 2.4.2-2.4.4):
//! - U+000D ends a paragraph, U+0007 a table cell (or, on a row's
//!   terminating paragraph, the row), U+000C a page or section.
//! - Fields (U+0013 instructions U+0014 result U+0015) keep their result
//!   text and drop their instructions, as the .docx reader drops
//!   `w:instrText`; U+000B is a line break (`\n`), U+0009 a tab, U+001E a
//!   non-breaking hyphen; other control characters (pictures, note and
//!   comment marks) are not text. Text deleted with change tracking on is
//!   dropped, as `w:delText` is.
//! - Each paragraph's properties are looked up by the stream offset of its
//!   mark: its table depth (sprmPItap, sprmPFInTable), whether it ends a
//!   cell of a nested table or a row (sprmPFInnerTableCell, sprmPFTtp,
//!   sprmPFInnerTtp), and on a row's end the row definition.
//!
//! A table's grid comes from the cell boundaries of all its rows
//! (rgdxaCenter): each distinct boundary is a grid line, and a cell spans
//! the grid columns between its two, which is how a .doc stores what
//! .docx calls `w:gridSpan`. Vertical merges (and Word 97's horizontal
//! ones) come from the TC flags; a merged-away cell's text is dropped with
//! a warning, as in the .docx reader. Sources name the table, row and grid
//! column, or the body block, as for .docx.

use super::le::{slice, u16_at};
use super::props::{CharProps, FkpKind, Fkps, ParaProps, RowDef};
use super::styles::{Lists, StyleSheet};
use crate::error::{ErrorKind, Result};
use crate::model::{
    Block, Cell, ListItem, Paragraph, SourceLoc, Span, Table, TableParent, Warning,
};

/// Bounds whatever a file claims: columns of a table, cells in all, the
/// depth of nested tables and of nested fields.
const MAX_COLS: usize = 1024;
const MAX_SLOTS: usize = 16 << 20;
const MAX_DEPTH: usize = 16;
const MAX_FIELDS: usize = 64;
/// Boundaries closer than this (in twips, 1/1440 inch) are one grid line:
/// rows of one table may round the same edge differently.
const SNAP: i32 = 10;

/// What the walk reads properties from.
pub struct Context<'a> {
    pub word: &'a [u8],
    pub data: &'a [u8],
    pub styles: &'a StyleSheet,
    pub lists: Lists,
    pub papx: Fkps,
    pub chpx: Fkps,
}

/// The walk's result.
pub struct Walked {
    pub blocks: Vec<Block>,
    pub warnings: Vec<Warning>,
}

#[derive(Default)]
struct CellB {
    paragraphs: Vec<Paragraph>,
    tables: Vec<Table>,
}

#[derive(Default)]
struct RowB {
    cells: Vec<CellB>,
    def: Option<RowDef>,
}

struct TableB {
    index: usize,
    rows: Vec<RowB>,
    row: RowB,
    cell: CellB,
}

struct Walker<'a> {
    ctx: Context<'a>,
    blocks: Vec<Block>,
    warnings: Vec<Warning>,
    tables: Vec<TableB>,
    next_table: usize,
}

/// Walk the main text's characters (UTF-16 units with their FCs).
pub fn walk(chars: &[(u16, u32)], ctx: Context<'_>) -> Result<Walked> {
    let mut w = Walker {
        ctx,
        blocks: Vec::new(),
        warnings: Vec::new(),
        tables: Vec::new(),
        next_table: 0,
    };
    let mut spans: Vec<Span> = Vec::new();
    let mut fields: Vec<bool> = Vec::new();
    let mut chp: Option<(u32, u32, CharProps)> = None;
    let mut high: Option<u16> = None;
    for &(u, fc) in chars {
        match u {
            0x13 => {
                if fields.len() < MAX_FIELDS {
                    fields.push(true);
                }
                continue;
            }
            0x14 => {
                if let Some(top) = fields.last_mut() {
                    *top = false;
                }
                continue;
            }
            0x15 => {
                fields.pop();
                continue;
            }
            0x0D | 0x07 | 0x0C => {
                w.paragraph(std::mem::take(&mut spans), fc, u)?;
                continue;
            }
            _ => {}
        }
        if fields.iter().any(|&instr| instr) {
            continue;
        }
        if !chp.as_ref().is_some_and(|(s, e, _)| (*s..*e).contains(&fc)) {
            let mut props = CharProps::default();
            chp = Some(match w.ctx.chpx.lookup(w.ctx.word, fc) {
                Some((s, e, grpprl)) => {
                    props.apply(grpprl);
                    (s, e, props)
                }
                None => (fc, fc + 1, props),
            });
        }
        let Some((_, _, props)) = &chp else { continue };
        if props.deleted {
            continue;
        }
        let c = match u {
            0x0B => '\n',
            0x09 => '\t',
            0x1E => '-',
            0xD800..=0xDBFF => {
                high = Some(u);
                continue;
            }
            0xDC00..=0xDFFF => match high.take() {
                Some(h) => char::decode_utf16([h, u])
                    .next()
                    .and_then(|r| r.ok())
                    .unwrap_or('\u{FFFD}'),
                None => '\u{FFFD}',
            },
            u if u < 0x20 => continue,
            u => char::from_u32(u as u32).unwrap_or('\u{FFFD}'),
        };
        push(&mut spans, c, props);
    }
    // Text after the last mark (a file cut short) is a paragraph too.
    if spans.iter().any(|s| !s.text.trim().is_empty()) {
        if let Some(&(_, fc)) = chars.last() {
            w.paragraph(spans, fc, 0x0D)?;
        }
    }
    while !w.tables.is_empty() {
        w.close_table()?;
    }
    Ok(Walked {
        blocks: w.blocks,
        warnings: w.warnings,
    })
}

fn push(spans: &mut Vec<Span>, c: char, p: &CharProps) {
    let highlight = p.highlight.clone().or_else(|| p.shading.clone());
    match spans.last_mut() {
        Some(s) if s.bold == p.bold && s.italic == p.italic && s.highlight == highlight => {
            s.text.push(c)
        }
        _ => spans.push(Span {
            text: c.to_string(),
            bold: p.bold,
            italic: p.italic,
            highlight,
        }),
    }
}

impl Walker<'_> {
    /// The properties of the paragraph whose mark is at `fc`: its style's,
    /// then its own (and a huge PAPX's from the Data stream), and its own
    /// alone (for the outline level, which the .docx reader takes from the
    /// paragraph before its style).
    fn para_props(&mut self, fc: u32) -> (ParaProps, ParaProps) {
        let Some((_, _, papx)) = self.ctx.papx.lookup(self.ctx.word, fc) else {
            return (self.ctx.styles.para_props(0), ParaProps::default());
        };
        let istd = u16_at(papx, 0).unwrap_or(0);
        let grpprl = papx.get(2..).unwrap_or_default();
        let mut props = self.ctx.styles.para_props(istd);
        let mut own = ParaProps::default();
        props.apply(grpprl);
        own.apply(grpprl);
        if let Some(at) = own.huge {
            let at = at as usize;
            let cb = u16_at(self.ctx.data, at).unwrap_or(0) as usize;
            if let Some(huge) = slice(self.ctx.data, at + 2, cb) {
                props.apply(huge);
                own.apply(huge);
            }
        }
        (props, own)
    }

    fn paragraph(&mut self, spans: Vec<Span>, fc: u32, mark: u16) -> Result<()> {
        let (props, own) = self.para_props(fc);
        let depth = props.depth().min(MAX_DEPTH);
        let row_end = (depth == 1 && props.ttp) || (depth > 1 && props.inner_ttp);
        let cell_end = !row_end && (mark == 0x07 || (depth > 1 && props.inner_cell));
        while self.tables.len() > depth {
            self.close_table()?;
        }
        while self.tables.len() < depth {
            let index = self.next_table;
            self.next_table += 1;
            self.tables.push(TableB {
                index,
                rows: Vec::new(),
                row: RowB::default(),
                cell: CellB::default(),
            });
        }
        if row_end {
            if let Some(t) = self.tables.last_mut() {
                if !t.cell.paragraphs.is_empty() || !t.cell.tables.is_empty() {
                    let cell = std::mem::take(&mut t.cell);
                    t.row.cells.push(cell);
                }
                let mut row = std::mem::take(&mut t.row);
                row.def = props.row;
                t.rows.push(row);
            }
            return Ok(());
        }
        // istd 0 is Normal, the default, which a .docx paragraph does not
        // name.
        let style = self.ctx.styles.get(props.istd).filter(|_| props.istd != 0);
        let has_text = spans.iter().any(|s| !s.text.trim().is_empty());
        let list = match props.ilfo {
            Some(ilfo) if ilfo != 0 && ilfo < 0xF000 && has_text => {
                let level = props.ilvl.unwrap_or(0).min(8) as usize;
                self.ctx
                    .lists
                    .next_label(ilfo, level)
                    .map(|(kind, label)| ListItem {
                        kind,
                        level: level as u8,
                        label,
                    })
            }
            _ => None,
        };
        let paragraph = Paragraph {
            spans,
            list,
            style: style.map(|s| s.name.clone()),
            comments: Vec::new(),
            source: SourceLoc {
                block: Some(self.blocks.len()),
                ..SourceLoc::default()
            },
        };
        if let Some(t) = self.tables.last_mut() {
            t.cell.paragraphs.push(paragraph);
            if cell_end {
                let cell = std::mem::take(&mut t.cell);
                t.row.cells.push(cell);
            }
            return Ok(());
        }
        if !has_text {
            return Ok(());
        }
        let heading = match own.outline {
            Some(l) if l < 9 => Some(l + 1),
            Some(_) => None,
            None => {
                let style_outline = self.ctx.styles.para_props(props.istd).outline;
                self.ctx.styles.heading(props.istd, style_outline)
            }
        };
        match heading {
            Some(level) => self.blocks.push(Block::Heading { level, paragraph }),
            None => self.blocks.push(Block::Paragraph(paragraph)),
        }
        Ok(())
    }

    /// Close the innermost table: lay its rows on a grid and hand it to
    /// the cell or body it sits in.
    fn close_table(&mut self) -> Result<()> {
        let Some(mut t) = self.tables.pop() else {
            return Ok(());
        };
        if !t.cell.paragraphs.is_empty() || !t.cell.tables.is_empty() {
            let cell = std::mem::take(&mut t.cell);
            t.row.cells.push(cell);
        }
        if !t.row.cells.is_empty() {
            let row = std::mem::take(&mut t.row);
            t.rows.push(row);
        }
        let top = self.tables.is_empty();
        let table = lay_out(t, &mut self.warnings, top.then_some(self.blocks.len()))?;
        self.warnings
            .extend(crate::read::oversized_merge_warnings(&table));
        match self.tables.last_mut() {
            Some(outer) => outer.cell.tables.push(table),
            None => self.blocks.push(Block::Table(table)),
        }
        Ok(())
    }
}

/// The grid lines of a table: every row's cell boundaries, sorted, those
/// within [`SNAP`] of the one before dropped. `None` when a row has no
/// usable definition (then cells take one column each, in order).
fn grid_lines(rows: &[RowB]) -> Option<Vec<i32>> {
    let mut lines = Vec::new();
    for r in rows {
        let def = r.def.as_ref()?;
        if def.centers.len() < r.cells.len() + 1 || def.centers.windows(2).any(|w| w[1] < w[0]) {
            return None;
        }
        lines.extend(def.centers.iter().map(|&c| c as i32));
    }
    lines.sort_unstable();
    let mut out: Vec<i32> = Vec::new();
    for l in lines {
        if out.last().is_none_or(|&last| l - last > SNAP) {
            out.push(l);
        }
    }
    Some(out)
}

/// The grid line nearest `x`.
fn line_of(lines: &[i32], x: i32) -> usize {
    let i = lines.partition_point(|&l| l < x);
    match (i.checked_sub(1), lines.get(i)) {
        (Some(p), Some(&n)) if (x - lines[p]) < (n - x) => p,
        (Some(p), None) => p,
        _ => i,
    }
}

fn lay_out(t: TableB, warnings: &mut Vec<Warning>, block: Option<usize>) -> Result<Table> {
    let lines = grid_lines(&t.rows);
    let mut cells: Vec<Cell> = Vec::new();
    let mut owner_prev: Vec<Option<usize>> = Vec::new();
    let mut width = 0usize;
    let mut header_rows = 0usize;
    let n_rows = t.rows.len();
    for (r, row) in t.rows.into_iter().enumerate() {
        let def = row.def.unwrap_or_default();
        if def.header && header_rows == r {
            header_rows += 1;
        }
        let mut owner_cur: Vec<Option<usize>> = Vec::new();
        let mut cursor = 0usize;
        for (i, c) in row.cells.into_iter().enumerate() {
            let (col, span) = match &lines {
                Some(lines) => {
                    let from = line_of(lines, def.centers[i] as i32);
                    let to = line_of(lines, def.centers[i + 1] as i32);
                    let col = from.max(cursor);
                    (col, to.saturating_sub(col).max(1))
                }
                None => (cursor, 1),
            };
            if col >= MAX_COLS {
                return Err(ErrorKind::Unsupported(format!(
                    "table {} has more than {MAX_COLS} columns",
                    t.index + 1
                )));
            }
            let span = span.min(MAX_COLS - col);
            let source = SourceLoc {
                table: Some(t.index),
                row: Some(r),
                col: Some(col),
                ..SourceLoc::default()
            };
            let above = owner_prev.get(col).copied().flatten();
            let left = col
                .checked_sub(1)
                .and_then(|l| owner_cur.get(l).copied().flatten());
            let merged_into = match def.v_merge(i) {
                Some(false) => above.filter(|&a| cells[a].col == col),
                _ if def.h_merged(i) => left,
                _ => None,
            };
            let owner = match merged_into {
                Some(a) => {
                    let anchor = &mut cells[a];
                    if def.v_merge(i) == Some(false) {
                        anchor.row_span = r - anchor.row + 1;
                    } else {
                        anchor.col_span = col + span - anchor.col;
                    }
                    if c.paragraphs.iter().any(|p| !p.text().trim().is_empty()) {
                        warnings.push(Warning {
                            message: "text in a merged-away cell was dropped, as Word hides it"
                                .into(),
                            source,
                        });
                    }
                    a
                }
                None => {
                    let mut paragraphs = c.paragraphs;
                    for p in &mut paragraphs {
                        p.source = source.clone();
                    }
                    let mut tables = c.tables;
                    for nested in &mut tables {
                        nested.parent = Some(TableParent {
                            table: t.index,
                            row: r,
                            col,
                        });
                    }
                    cells.push(Cell {
                        row: r,
                        col,
                        row_span: 1,
                        col_span: span,
                        paragraphs,
                        tables,
                        fill: def.fill(i),
                        date: None,
                        source,
                    });
                    cells.len() - 1
                }
            };
            if owner_cur.len() < col + span {
                owner_cur.resize(col + span, None);
            }
            for slot in &mut owner_cur[col..col + span] {
                *slot = Some(owner);
            }
            cursor = col + span;
        }
        width = width.max(cursor);
        owner_prev = owner_cur;
    }
    let n_cols = width
        .max(lines.map_or(0, |l| l.len().saturating_sub(1)))
        .min(MAX_COLS);
    if n_rows.saturating_mul(n_cols) > MAX_SLOTS {
        return Err(ErrorKind::Unsupported(format!(
            "table {} has {n_rows} rows of {n_cols} columns, over the limit of {MAX_SLOTS} cells",
            t.index + 1
        )));
    }
    Ok(Table {
        index: t.index,
        parent: None,
        n_rows,
        n_cols,
        header_rows,
        cells,
        source: SourceLoc {
            table: Some(t.index),
            block,
            ..SourceLoc::default()
        },
        ..Table::default()
    })
}

/// The FKP kinds, for the reader that builds the [`Context`].
pub fn fkps(papx: super::props::BinTable, chpx: super::props::BinTable) -> (Fkps, Fkps) {
    (
        Fkps::new(FkpKind::Papx, papx),
        Fkps::new(FkpKind::Chpx, chpx),
    )
}
