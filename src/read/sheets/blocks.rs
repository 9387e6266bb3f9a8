//! From a sheet's cells to document blocks: title rows, tables, a legend.
//!
//! A sheet is not a table: plans put title rows above the header, leave
//! blank rows between blocks, and keep a colour key on a sheet of its own.
//! The rules, kept simple so a user can predict them:
//!
//! - Rows are split into blocks by one or more rows with no text.
//! - A block's leading rows with at most one text cell are document text
//!   (the plan's title, "Updated March 2016"); the table is the rest.
//! - A table's columns run from its leftmost to its rightmost column with
//!   text or a merged region; merged regions become spans.
//! - A sheet named like "Key" or "Legend" is a colour key, not a table.

use std::collections::HashSet;

use crate::model::{Block, Cell, LegendEntry, Paragraph, SourceLoc, Span, Table};

use super::xlsx::cell_ref;

/// One cell as the sheet reader saw it.
#[derive(Debug, Clone, Default)]
pub struct SheetCell {
    /// The displayed text.
    pub text: String,
    /// For a date cell, the ISO date.
    pub date: Option<String>,
    /// Solid fill colour, six upper-case hex digits.
    pub fill: Option<String>,
}

/// A whole sheet, dense from `origin`.
#[derive(Debug, Default)]
pub struct SheetData {
    /// The sheet's name.
    pub name: String,
    /// A hidden (or very hidden) sheet.
    pub hidden: bool,
    /// Absolute (row, col) of `cells[0][0]`.
    pub origin: (u32, u32),
    /// Rows of cells, all the same length.
    pub cells: Vec<Vec<SheetCell>>,
    /// Merged regions, absolute and inclusive: (first row, first col, last
    /// row, last col).
    pub merges: Vec<(u32, u32, u32, u32)>,
    /// Hidden rows, absolute.
    pub hidden_rows: HashSet<u32>,
    /// Hidden columns, absolute.
    pub hidden_cols: HashSet<u32>,
    /// Outline levels of grouped rows, absolute (level 1 or deeper).
    pub outline: std::collections::HashMap<u32, u8>,
}

/// A merged region, absolute and inclusive: (first row, first col, last
/// row, last col).
pub type Merge = (u32, u32, u32, u32);

/// Most grid slots looked at, over all of a sheet's merged regions, when
/// checking them (a sheet's merges are bounded by its part's size only).
const MAX_MERGE_SLOTS: usize = 1 << 22;

/// The merged regions of a sheet that can be applied, and the ranges of
/// those that cannot: a region overlapping one kept before it (Excel never
/// writes those), one that would hide cells holding values (Excel clears
/// them when it merges; one merge over the whole sheet would hide the whole
/// table), and any past the bound on the work.
pub fn sound_merges(sheet: &SheetData) -> (Vec<Merge>, Vec<String>) {
    let n_rows = sheet.cells.len();
    let n_cols = sheet.cells.first().map_or(0, Vec::len);
    let (r0, c0) = sheet.origin;
    let mut taken = vec![false; n_rows * n_cols];
    let mut budget = MAX_MERGE_SLOTS;
    let (mut kept, mut dropped) = (Vec::new(), Vec::new());
    for &(a, b, c, d) in &sheet.merges {
        // A range written end first (an .xls MERGEDCELLS record can say
        // A25:A10) names the same rectangle as A10:A25.
        let (a, c) = (a.min(c), a.max(c));
        let (b, d) = (b.min(d), b.max(d));
        let range = format!("{}:{}", cell_ref(a, b), cell_ref(c, d));
        // Relative, clipped to the data; a region whose anchor lies outside
        // the data covers nothing read (it is left out later).
        let rel = (|| {
            let (ra, rb) = (a.checked_sub(r0)? as usize, b.checked_sub(c0)? as usize);
            (ra < n_rows && rb < n_cols).then(|| {
                let rc = (c.saturating_sub(r0) as usize).min(n_rows - 1);
                let rd = (d.saturating_sub(c0) as usize).min(n_cols - 1);
                (ra, rb, rc, rd)
            })
        })();
        let Some((ra, rb, rc, rd)) = rel else {
            kept.push((a, b, c, d));
            continue;
        };
        let area = (rc + 1 - ra) * (rd + 1 - rb);
        let Some(left) = budget.checked_sub(area) else {
            dropped.push(range);
            continue;
        };
        budget = left;
        let sound = (ra..=rc).all(|r| {
            (rb..=rd).all(|col| {
                !taken[r * n_cols + col]
                    && ((r, col) == (ra, rb) || sheet.cells[r][col].text.is_empty())
            })
        });
        if sound {
            for r in ra..=rc {
                taken[r * n_cols + rb..=r * n_cols + rd].fill(true);
            }
            kept.push((a, b, c, d));
        } else {
            dropped.push(range);
        }
    }
    (kept, dropped)
}

/// Whether a sheet name says it is a colour key.
pub fn is_legend_sheet(name: &str) -> bool {
    let n = name.trim().to_lowercase();
    let n = n.trim_end_matches(|c: char| !c.is_alphanumeric());
    matches!(
        n,
        "key" | "legend" | "rag key" | "rag legend" | "colour key" | "color key" | "keys"
    ) || n.ends_with(" key") && n.len() <= 20
}

/// A legend sheet's entries: per row with a filled cell, the fill and the
/// meaning (the filled cell's own text, else the next text in the row).
pub fn legend(sheet: &SheetData) -> Vec<LegendEntry> {
    let mut out = Vec::new();
    for row in &sheet.cells {
        let Some(i) = row.iter().position(|c| c.fill.is_some()) else {
            continue;
        };
        let text = if row[i].text.is_empty() {
            row[i + 1..]
                .iter()
                .chain(row[..i].iter())
                .find(|c| !c.text.is_empty())
                .map(|c| c.text.clone())
        } else {
            Some(row[i].text.clone())
        };
        if let (Some(color), Some(text)) = (row[i].fill.clone(), text) {
            out.push(LegendEntry {
                color,
                text: text.replace('\n', " "),
            });
        }
    }
    out
}

/// Turn a sheet into blocks. `next_table` is the document-wide index of the
/// next table; it is advanced for each table made.
pub fn sheet_blocks(sheet: &SheetData, next_table: &mut usize) -> Vec<Block> {
    let n_rows = sheet.cells.len();
    let n_cols = sheet.cells.first().map_or(0, Vec::len);
    let (r0, c0) = sheet.origin;
    // Relative merges, clipped to the data.
    let merges: Vec<(usize, usize, usize, usize)> = sheet
        .merges
        .iter()
        .filter_map(|&(a, b, c, d)| {
            let (a, b) = (a.checked_sub(r0)? as usize, b.checked_sub(c0)? as usize);
            let (c, d) = (c.checked_sub(r0)? as usize, d.checked_sub(c0)? as usize);
            (a < n_rows && b < n_cols).then(|| (a, b, c.min(n_rows - 1), d.min(n_cols - 1)))
        })
        .filter(|&(a, b, c, d)| c >= a && d >= b && (c > a || d > b))
        .collect();
    let covered_not_anchor = |r: usize, c: usize| {
        merges
            .iter()
            .any(|&(a, b, cc, d)| (a..=cc).contains(&r) && (b..=d).contains(&c) && (r, c) != (a, b))
    };
    // Text cells per row (a merged region's text counts once, at its anchor).
    let texts: Vec<usize> = (0..n_rows)
        .map(|r| {
            (0..n_cols)
                .filter(|&c| !sheet.cells[r][c].text.is_empty() && !covered_not_anchor(r, c))
                .count()
        })
        .collect();

    // A row with no text of its own is still part of the block above when a
    // merged region with text reaches down into it (a header merged over two
    // rows, an objective merged beside its actions and below the last one):
    // such a row neither splits the table nor ends it short of the merge.
    let mut reached = vec![false; n_rows];
    for &(a, b, cc, _) in &merges {
        if !sheet.cells[a][b].text.is_empty() {
            for slot in reached.iter_mut().take(cc + 1).skip(a + 1) {
                *slot = true;
            }
        }
    }
    let occupied = |r: usize| texts[r] > 0 || reached[r];

    let mut blocks = Vec::new();
    let mut r = 0;
    while r < n_rows {
        if !occupied(r) {
            r += 1;
            continue;
        }
        let start = r;
        while r < n_rows && occupied(r) {
            r += 1;
        }
        let end = r; // exclusive
        let first_table_row = (start..end).find(|&i| texts[i] >= 2);
        let text_end = first_table_row.unwrap_or(end);
        for i in start..text_end {
            if let Some(c) = (0..n_cols).find(|&c| !sheet.cells[i][c].text.is_empty()) {
                blocks.push(Block::Paragraph(paragraph(
                    sheet,
                    i,
                    c,
                    &sheet.cells[i][c].text,
                )));
            }
        }
        if let Some(t0) = first_table_row {
            blocks.push(Block::Table(table(sheet, &merges, t0, end, next_table)));
        }
    }
    blocks
}

/// A sheet's blocks that are three or more rows of text in one column
/// and no table (a list typed down column A): its range ("A1:A4"), so
/// the reader can say it was not read as a table. A title or two above
/// nothing is not such a list.
pub fn one_column_list(blocks: &[Block]) -> Option<String> {
    if blocks.iter().any(|b| matches!(b, Block::Table(_))) {
        return None;
    }
    let cells: Vec<&str> = blocks
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph(p) => p.source.cell.as_deref(),
            _ => None,
        })
        .collect();
    let column = |c: &str| {
        c.trim_end_matches(|ch: char| ch.is_ascii_digit())
            .to_string()
    };
    let first = cells.first()?;
    let last = cells.last()?;
    (cells.len() >= 3 && cells.iter().all(|c| column(c) == column(first)))
        .then(|| format!("{first}:{last}"))
}

/// One paragraph of text from cell (r, c) (relative).
fn paragraph(sheet: &SheetData, r: usize, c: usize, text: &str) -> Paragraph {
    Paragraph {
        spans: vec![Span {
            text: text.replace('\n', " "),
            ..Span::default()
        }],
        source: SourceLoc {
            sheet: Some(sheet.name.clone()),
            cell: Some(cell_ref(
                sheet.origin.0 + r as u32,
                sheet.origin.1 + c as u32,
            )),
            ..SourceLoc::default()
        },
        ..Paragraph::default()
    }
}

/// The table made of relative rows `top..bottom`.
fn table(
    sheet: &SheetData,
    merges: &[(usize, usize, usize, usize)],
    top: usize,
    bottom: usize,
    next_table: &mut usize,
) -> Table {
    let n_cols = sheet.cells.first().map_or(0, Vec::len);
    let in_rows = |a: usize, c: usize| a < bottom && c >= top;
    // Column extent: text, or merged regions touching these rows.
    let mut left = usize::MAX;
    let mut right = 0;
    for row in &sheet.cells[top..bottom] {
        for (c, cell) in row.iter().enumerate() {
            if !cell.text.is_empty() {
                left = left.min(c);
                right = right.max(c);
            }
        }
    }
    for &(a, b, c, d) in merges {
        if in_rows(a, c) {
            left = left.min(b);
            right = right.max(d.min(n_cols.saturating_sub(1)));
        }
    }
    if left == usize::MAX {
        left = 0;
    }
    let index = *next_table;
    *next_table += 1;
    let (r0, c0) = sheet.origin;
    let abs = |r: usize, c: usize| (r0 + r as u32, c0 + c as u32);
    let width = right - left + 1;
    let height = bottom - top;
    let mut covered = vec![vec![false; width]; height];
    let mut cells = Vec::new();
    for r in top..bottom {
        for c in left..=right {
            if covered[r - top][c - left] {
                continue;
            }
            // A merged region anchored here, or one starting above the
            // table (or left of it) clipped to the table.
            let span = merges.iter().find(|&&(a, b, cc, d)| {
                (a..=cc).contains(&r) && (b..=d).contains(&c) && (a.max(top), b.max(left)) == (r, c)
            });
            let (row_span, col_span, anchor) = match span {
                Some(&(a, b, cc, d)) => (cc.min(bottom - 1) - r + 1, d.min(right) - c + 1, (a, b)),
                None => (1, 1, (r, c)),
            };
            for row in covered.iter_mut().skip(r - top).take(row_span) {
                for slot in row.iter_mut().skip(c - left).take(col_span) {
                    *slot = true;
                }
            }
            let src = &sheet.cells[anchor.0][anchor.1];
            let (ar, ac) = abs(r, c);
            let loc = SourceLoc {
                sheet: Some(sheet.name.clone()),
                cell: Some(cell_ref(ar, ac)),
                table: Some(index),
                row: Some(r - top),
                col: Some(c - left),
                ..SourceLoc::default()
            };
            let paragraphs = src
                .text
                .split('\n')
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(|l| Paragraph {
                    spans: vec![Span {
                        text: l.to_string(),
                        ..Span::default()
                    }],
                    source: loc.clone(),
                    ..Paragraph::default()
                })
                .collect();
            cells.push(Cell {
                row: r - top,
                col: c - left,
                row_span,
                col_span,
                paragraphs,
                tables: Vec::new(),
                fill: src.fill.clone(),
                source: loc,
                date: src.date.clone(),
            });
        }
    }
    let (tr, tc) = abs(top, left);
    let (br, bc) = abs(bottom - 1, right);
    Table {
        index,
        parent: None,
        n_rows: height,
        n_cols: width,
        header_rows: 0,
        cells,
        source: SourceLoc {
            sheet: Some(sheet.name.clone()),
            cell: Some(cell_ref(tr, tc)),
            table: Some(index),
            ..SourceLoc::default()
        },
        range: Some(format!("{}:{}", cell_ref(tr, tc), cell_ref(br, bc))),
        hidden: sheet.hidden,
        hidden_rows: (top..bottom)
            .filter(|&r| sheet.hidden_rows.contains(&(r0 + r as u32)))
            .map(|r| r - top)
            .collect(),
        hidden_cols: (left..=right)
            .filter(|&c| sheet.hidden_cols.contains(&(c0 + c as u32)))
            .map(|c| c - left)
            .collect(),
        column_x: Vec::new(),
        row_levels: (top..bottom)
            .filter_map(|r| sheet.outline.get(&(r0 + r as u32)).map(|&l| (r - top, l)))
            .collect(),
        sideways: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sheet(rows: &[&[&str]]) -> SheetData {
        let width = rows.iter().map(|r| r.len()).max().unwrap_or(0);
        SheetData {
            name: "Plan".into(),
            cells: rows
                .iter()
                .map(|r| {
                    (0..width)
                        .map(|i| SheetCell {
                            text: r.get(i).copied().unwrap_or("").to_string(),
                            ..SheetCell::default()
                        })
                        .collect()
                })
                .collect(),
            ..SheetData::default()
        }
    }

    #[test]
    fn title_rows_become_text_and_blank_rows_split_tables() {
        let mut s = sheet(&[
            &["Improvement Plan 2014/15", "", ""],
            &["No.", "Action", "Lead"],
            &["1.1", "Review", "Sam"],
            &["", "", ""],
            &["", "", ""],
            &["Risk", "Owner", ""],
            &["Data", "Jo", ""],
        ]);
        s.origin = (2, 1); // the data starts at B3
        s.merges.push((2, 1, 2, 3)); // the title merged B3:D3
        let mut next = 0;
        let blocks = sheet_blocks(&s, &mut next);
        assert_eq!(blocks.len(), 3);
        let Block::Paragraph(p) = &blocks[0] else {
            panic!("title is text")
        };
        assert_eq!(p.text(), "Improvement Plan 2014/15");
        assert_eq!(p.source.cell.as_deref(), Some("B3"));
        let Block::Table(t) = &blocks[1] else {
            panic!("table")
        };
        assert_eq!((t.n_rows, t.n_cols, t.index), (2, 3, 0));
        assert_eq!(t.range.as_deref(), Some("B4:D5"));
        assert_eq!(t.text_grid()[1], vec!["1.1", "Review", "Sam"]);
        let Block::Table(t2) = &blocks[2] else {
            panic!("second table")
        };
        assert_eq!((t2.n_rows, t2.n_cols, t2.index), (2, 2, 1));
        assert_eq!(t2.range.as_deref(), Some("B8:C9"));
        assert_eq!(next, 2);
    }

    #[test]
    fn a_merge_written_end_first_is_the_same_rectangle() {
        let mut s = sheet(&[&["No.", "Action"], &["1", "Audit"], &["", "Train"]]);
        s.merges = vec![(2, 0, 1, 0)]; // A3:A2
        let (kept, dropped) = sound_merges(&s);
        assert_eq!(kept, vec![(1, 0, 2, 0)]);
        assert!(dropped.is_empty());
    }

    #[test]
    fn merges_that_overlap_or_hide_values_are_not_applied() {
        let mut s = sheet(&[&["No.", "Action", "Lead"], &["1", "Review", "Sam"]]);
        // The whole sheet, then a sound one, then one overlapping it.
        s.merges = vec![(0, 0, 1_048_575, 16_383), (1, 1, 1, 2), (1, 2, 1, 2)];
        s.cells[1][2].text.clear();
        let (kept, dropped) = sound_merges(&s);
        assert_eq!(kept, vec![(1, 1, 1, 2)]);
        assert_eq!(
            dropped,
            vec!["A1:XFD1048576".to_string(), "C2:C2".to_string()]
        );
    }

    #[test]
    fn merged_regions_become_spans() {
        let mut s = sheet(&[
            &["Priority", "Activity", "Due"],
            &["1. Children's Social Care", "", ""],
            &["Outcome 1", "1.1 Review", "Jun-14"],
            &["", "1.2 Audit", "Sep-14"],
        ]);
        s.merges = vec![(1, 0, 1, 2), (2, 0, 3, 0)];
        let mut next = 0;
        let blocks = sheet_blocks(&s, &mut next);
        let [Block::Table(t)] = blocks.as_slice() else {
            panic!("one table: {blocks:?}")
        };
        let grid = t.text_grid();
        assert_eq!(grid[1], vec!["1. Children's Social Care"; 3]);
        assert_eq!(grid[3], vec!["Outcome 1", "1.2 Audit", "Sep-14"]);
        let c = t.cell_at(2, 0).unwrap();
        assert_eq!((c.row_span, c.col_span), (2, 1));
        assert_eq!(c.source.cell.as_deref(), Some("A3"));
    }

    #[test]
    fn a_list_down_one_column_is_named_and_a_title_is_not() {
        let mut n = 0;
        let list = sheet_blocks(&sheet(&[&["Action"], &["Audit"], &["Train"]]), &mut n);
        assert_eq!(one_column_list(&list).as_deref(), Some("A1:A3"));
        let title = sheet_blocks(&sheet(&[&["Business plan"], &["Updated 2016"]]), &mut n);
        assert_eq!(one_column_list(&title), None);
        let table = sheet_blocks(
            &sheet(&[&["T", ""], &["No.", "Action"], &["1", "x"]]),
            &mut n,
        );
        assert_eq!(one_column_list(&table), None);
    }

    #[test]
    fn legend_sheets_are_recognised() {
        assert!(is_legend_sheet("Key"));
        assert!(is_legend_sheet("RAG Key"));
        assert!(is_legend_sheet("Legend:"));
        assert!(!is_legend_sheet("Keyworkers"));
        assert!(!is_legend_sheet("Children"));
        let mut s = sheet(&[&["Key", ""], &["", "Off target"], &["Done", ""]]);
        s.cells[1][0].fill = Some("FF0000".into());
        s.cells[2][0].fill = Some("0070C0".into());
        assert_eq!(
            legend(&s),
            vec![
                LegendEntry {
                    color: "FF0000".into(),
                    text: "Off target".into()
                },
                LegendEntry {
                    color: "0070C0".into(),
                    text: "Done".into()
                }
            ]
        );
    }
}
