//! Charts drawn with rules are not tables.
//!
//! A bar chart's bars, axes and gridlines, or a panel of small line charts
//! in ruled boxes, cross like a table's rules, and the lattice finder gives
//! a grid for them. Their text is tick labels, legends and bar values: a
//! few slots of a grid that is otherwise empty, where a table, even one
//! with blank columns, holds text in most of its slots.
//!
//! **Rule** ([`is_chart`]): a ruled grid of at least [`MIN_SLOTS`] slots
//! (row × column positions) whose cells with text cover less than
//! [`MAX_SHARE`] of its slots is a chart, not a table. Measured on every
//! table the reader finds in the ICDAR 2013 EU documents and the PDF
//! fixtures: the charts (eu-012, eu-017) cover 12% to 17% of their slots
//! (the figure counted as `tables` prints them, a spanning cell in every
//! slot it covers), every real table 35% or more. The reader keeps the
//! chart's area out of the unruled-table finder, and its text stays the
//! page's text.
//!
//! Guarded: a grid with no text at all was already dropped (an empty form),
//! and a grid of fewer slots is never judged (a small table with blanks).

use super::interp::Char;
use super::lattice::Grid;
use super::rulings::cell_glyphs;

/// Fewest slots for a grid to be judged.
const MIN_SLOTS: usize = 20;
/// Share of slots with text under which a grid is a chart.
const MAX_SHARE: f64 = 0.2;

/// Whether a ruled grid is a chart (see the module doc).
pub fn is_chart(grid: &Grid, chars: &[Char]) -> bool {
    let slots = (grid.xs.len() - 1).saturating_mul(grid.ys.len() - 1);
    if slots < MIN_SLOTS {
        return false;
    }
    let covered: usize = grid
        .cells
        .iter()
        .zip(cell_glyphs(grid, chars))
        .filter(|(_, g)| !g.is_empty())
        .map(|(c, _)| c.rows * c.cols)
        .sum();
    (covered as f64) < MAX_SHARE * slots as f64
}

#[cfg(test)]
mod tests {
    use super::super::lattice::GridCell;
    use super::super::layout::test_chars;
    use super::*;

    fn grid(cols: usize, rows: usize) -> Grid {
        let mut cells = Vec::new();
        for row in 0..rows {
            for col in 0..cols {
                cells.push(GridCell {
                    row,
                    col,
                    rows: 1,
                    cols: 1,
                });
            }
        }
        Grid {
            xs: (0..=cols).map(|c| 50.0 * c as f64).collect(),
            ys: (0..=rows).map(|r| 20.0 * r as f64).collect(),
            cells,
        }
    }

    #[test]
    fn a_grid_with_text_in_few_slots_is_a_chart() {
        // 6 x 5 = 30 slots; bar values in 4 of them.
        let g = grid(6, 5);
        let mut chars = Vec::new();
        for (x, y) in [(60.0, 35.0), (160.0, 35.0), (60.0, 75.0), (160.0, 75.0)] {
            chars.extend(test_chars("30.5", x, y, 5.0));
        }
        assert!(is_chart(&g, &chars));
        // Text in a third of the slots: a table with blank columns.
        for y in [15.0, 55.0, 95.0] {
            for x in [10.0, 110.0] {
                chars.extend(test_chars("Name", x, y, 5.0));
            }
        }
        assert!(!is_chart(&g, &chars));
        // Small grids are never judged.
        assert!(!is_chart(&grid(3, 3), &chars[..4]));
    }
}
