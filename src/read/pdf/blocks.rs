//! Side-by-side blocks of one table.
//!
//! A long, narrow table is often set in two or three blocks side by side on
//! the page, each with the header repeated ("Country | Cases | Country |
//! Cases"). The finders see one wide table whose rows join unrelated
//! records.
//!
//! **Rule** ([`split_side_by_side`]): when one of a grid's first two rows
//! reads, from its first column, as the same sequence of header texts
//! repeated (period k ≥ 2 columns, the grid's columns a whole number of
//! periods, every period's texts equal to the first's, at least two of
//! them non-empty), the grid is cut into blocks of k columns, each a table
//! of its own.
//!
//! Guarded: the repetition must start at the first column and cover every
//! column (a plan's "Update | RAG | Update | RAG" progress columns follow
//! its own "Action | Owner" columns and never repeat from the first);
//! no cell may span two blocks.

use super::interp::Char;
use super::lattice::{Grid, GridCell};
use super::rulings::cell_glyphs;

/// The text of each column in one row (cells of one column only), glyphs
/// in reading order with spaces dropped; `None` where a cell spans columns.
fn row_texts(grid: &Grid, row: usize, glyphs: &[Vec<&Char>]) -> Option<Vec<String>> {
    let n = grid.xs.len() - 1;
    let mut out = vec![String::new(); n];
    let mut seen = vec![false; n];
    for (c, g) in grid.cells.iter().zip(glyphs) {
        if c.row > row || c.row + c.rows <= row {
            continue;
        }
        if c.cols != 1 {
            return None;
        }
        let mut g: Vec<&&Char> = g.iter().collect();
        g.sort_by(|a, b| {
            let line = |c: &Char| (c.bottom / (c.size.max(1.0) * 0.5)).round();
            line(a).total_cmp(&line(b)).then(a.x0.total_cmp(&b.x0))
        });
        let text: String = g
            .iter()
            .flat_map(|c| c.text.chars())
            .filter(|ch| !ch.is_whitespace())
            .collect();
        if let Some(slot) = out.get_mut(c.col) {
            *slot = text;
            seen[c.col] = true;
        }
    }
    seen.iter().all(|&s| s).then_some(out)
}

/// The period of a repeated header row, if any (see the module doc).
fn period(texts: &[String]) -> Option<usize> {
    let n = texts.len();
    (2..=n / 2).find(|&k| {
        n % k == 0
            && texts[..k].iter().filter(|t| !t.is_empty()).count() >= 2
            && !texts[0].is_empty()
            && (k..n).all(|i| texts[i] == texts[i % k])
    })
}

/// A grid cut into its side-by-side blocks (see the module doc); the grid
/// itself when it is not one.
pub fn split_side_by_side(grid: Grid, chars: &[Char]) -> Vec<Grid> {
    let n = grid.xs.len() - 1;
    if n < 4 || grid.ys.len() < 3 {
        return vec![grid];
    }
    let glyphs = cell_glyphs(&grid, chars);
    let k = (0..2.min(grid.ys.len() - 1))
        .filter_map(|r| row_texts(&grid, r, &glyphs))
        .find_map(|t| period(&t));
    let Some(k) = k else {
        return vec![grid];
    };
    if grid
        .cells
        .iter()
        .any(|c| c.col / k != (c.col + c.cols - 1) / k)
    {
        return vec![grid];
    }
    (0..n / k)
        .map(|b| Grid {
            xs: grid.xs[b * k..=(b + 1) * k].to_vec(),
            ys: grid.ys.clone(),
            cells: grid
                .cells
                .iter()
                .filter(|c| c.col / k == b)
                .map(|c| GridCell {
                    col: c.col - b * k,
                    ..*c
                })
                .collect(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::layout::test_chars;
    use super::*;

    fn grid(cols: usize, rows: usize) -> Grid {
        super::super::lattice::tests::uniform(cols, rows, 60.0)
    }

    fn header(texts: &[&str]) -> Vec<Char> {
        texts
            .iter()
            .enumerate()
            .flat_map(|(i, t)| test_chars(t, 60.0 * i as f64 + 2.0, 15.0, 5.0))
            .collect()
    }

    #[test]
    fn a_header_repeated_from_the_first_column_splits_into_blocks() {
        let chars = header(&["Country", "Cases", "Country", "Cases"]);
        let blocks = split_side_by_side(grid(4, 3), &chars);
        assert_eq!(blocks.len(), 2);
        assert_eq!(blocks[1].xs, [120.0, 180.0, 240.0]);
        assert_eq!(blocks[1].cells.len(), 6);
        assert_eq!(blocks[1].cells[0].col, 0);
    }

    #[test]
    fn repeated_progress_columns_after_others_do_not_split() {
        let chars = header(&["Action", "Owner", "Update", "RAG", "Update", "RAG"]);
        assert_eq!(split_side_by_side(grid(6, 3), &chars).len(), 1);
        let chars = header(&["Update", "RAG", "Update", "RAG", "Notes"]);
        assert_eq!(split_side_by_side(grid(5, 3), &chars).len(), 1);
    }
}
