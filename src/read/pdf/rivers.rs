//! Sub-columns of figures that an unruled table ran together.
//!
//! Statistical tables set two or more columns of figures close together
//! under one group heading ("2007" over "n" and "% pos"; booktabs with a
//! `\cmidrule` under the group). The group heading and the sub-headings
//! ("n % pos", one segment when the gap is short) span the sub-columns, so
//! the unruled-table finder sees one column holding "109 0.9" on each line.
//!
//! **Rule** ([`split_rivers`]): in a column of an unruled table's grid, a
//! *river* is an x-interval at least [`MIN_GAP`] × the font size wide where
//! the glyphs of at most a quarter of the column's rows lie (headings
//! spanning the sub-columns). The column is split at the river's middle,
//! which at most that many rows' text may cross, when
//!
//! - at least [`MIN_ROWS`] rows have text on both sides of it, and at least
//!   two thirds of those rows (and [`MIN_ROWS`] or more) hold figures on
//!   both sides (see `rulings::numeric`): a column of two-word labels is
//!   not split, a column of paired figures is;
//! - the rows with text across it become one cell spanning both new
//!   columns.
//!
//! Guarded: it only adds columns where a column held figures side by side
//! on three or more lines, which no cell of a one-value-per-column table
//! does. Bounded: each column's glyphs are sorted once; at most
//! [`MAX_SPLITS`] splits per table.

use super::interp::Char;
use super::lattice::{Grid, GridCell};
use super::rulings::numeric;

/// Narrowest river, in font sizes (figures 6 to 10 points apart at 9 to
/// 10 points; a word space is about a quarter of the size).
const MIN_GAP: f64 = 0.5;
/// Fewest rows with figures on both sides of a river.
const MIN_ROWS: usize = 3;
/// Most columns added to one table.
const MAX_SPLITS: usize = 32;

/// One row's text in a column: its glyph runs (x0, x1, text), glyphs closer
/// than [`MIN_GAP`] × size joined.
type Runs = Vec<(f64, f64, String)>;

fn runs(mut glyphs: Vec<&Char>) -> Runs {
    glyphs.sort_by(|a, b| a.x0.total_cmp(&b.x0));
    let mut out: Runs = Vec::new();
    for c in glyphs {
        match out.last_mut() {
            Some(r) if c.x0 - r.1 < MIN_GAP * c.size => {
                r.1 = r.1.max(c.x1);
                r.2.push_str(&c.text);
            }
            _ => out.push((c.x0, c.x1, c.text.to_string())),
        }
    }
    out
}

/// A grid with its runs-together columns of figures split (see the module
/// doc); `chars` are the glyphs the table may hold.
pub fn split_rivers(mut grid: Grid, chars: &[Char]) -> Grid {
    let mut splits = 0;
    let mut c = 0;
    while c + 1 < grid.xs.len() && splits < MAX_SPLITS {
        match river(&grid, c, chars) {
            Some((x, crossing)) => {
                grid = split(grid, c, x, &crossing);
                splits += 1;
                // Look at the left part again (several sub-columns).
            }
            None => c += 1,
        }
    }
    grid
}

/// A river in column `col`: its x and the rows whose text crosses it.
fn river(grid: &Grid, col: usize, chars: &[Char]) -> Option<(f64, Vec<usize>)> {
    let (x0, x1) = (grid.xs[col], grid.xs[col + 1]);
    let n_rows = grid.n_rows();
    // Rows' glyphs in this column, for cells of this column alone.
    let mut rows: Vec<Vec<&Char>> = vec![Vec::new(); n_rows];
    let single: Vec<bool> = (0..n_rows)
        .map(|r| {
            grid.cells
                .iter()
                .any(|g| g.row == r && g.rows == 1 && g.col == col && g.cols == 1)
        })
        .collect();
    for ch in chars {
        if !ch.upright || ch.text.trim().is_empty() {
            continue;
        }
        let (x, y) = ((ch.x0 + ch.x1) / 2.0, (ch.top + ch.bottom) / 2.0);
        if x < x0 || x > x1 || y < grid.ys[0] || y > grid.ys[n_rows] {
            continue;
        }
        let r = grid.ys[1..].partition_point(|&b| b < y).min(n_rows - 1);
        if single[r] {
            rows[r].push(ch);
        }
    }
    let size = rows.iter().flatten().map(|c| c.size).fold(0.0, f64::max);
    if size <= 0.0 {
        return None;
    }
    let row_runs: Vec<(usize, Runs)> = rows
        .into_iter()
        .enumerate()
        .filter(|(_, g)| !g.is_empty())
        .map(|(r, g)| (r, runs(g)))
        .collect();
    let allowed = row_runs.len() / 4;
    // Rivers: stretches where at most `allowed` rows' runs lie, found by
    // a sweep over the runs' edges, inside the column's text.
    let mut edges: Vec<(f64, i32)> = row_runs
        .iter()
        .flat_map(|(_, rr)| rr.iter().flat_map(|u| [(u.0, 1), (u.1, -1)]))
        .collect();
    edges.sort_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)));
    let (first, last) = match (edges.first(), edges.last()) {
        (Some(f), Some(l)) => (f.0, l.0),
        _ => return None,
    };
    let mut stretches: Vec<(f64, f64)> = Vec::new();
    let mut depth = 0i32;
    let mut open: Option<f64> = None;
    for &(x, d) in &edges {
        depth += d;
        let low = depth as usize <= allowed;
        match (low, open) {
            (true, None) if x > first && x < last => open = Some(x),
            (false, Some(o)) => {
                stretches.push((o, x));
                open = None;
            }
            _ => {}
        }
    }
    let mut best: Option<(f64, Vec<usize>)> = None;
    for (lo, hi) in stretches {
        if hi - lo < MIN_GAP * size {
            continue;
        }
        let x = (lo + hi) / 2.0;
        let crossing: Vec<usize> = row_runs
            .iter()
            .filter(|(_, rr)| rr.iter().any(|u| u.0 < x && u.1 > x))
            .map(|(r, _)| *r)
            .collect();
        if crossing.len() > allowed {
            continue;
        }
        let (mut both, mut figures) = (0, 0);
        for (r, rr) in &row_runs {
            if crossing.contains(r) {
                continue;
            }
            let left: Vec<&str> = rr
                .iter()
                .filter(|u| u.1 <= x)
                .map(|u| u.2.as_str())
                .collect();
            let right: Vec<&str> = rr
                .iter()
                .filter(|u| u.0 >= x)
                .map(|u| u.2.as_str())
                .collect();
            if left.is_empty() || right.is_empty() {
                continue;
            }
            both += 1;
            if left.iter().chain(&right).all(|t| numeric(t)) {
                figures += 1;
            }
        }
        if both >= MIN_ROWS
            && figures >= MIN_ROWS
            && 3 * figures >= 2 * both
            && best.as_ref().is_none_or(|b| crossing.len() < b.1.len())
        {
            best = Some((x, crossing));
        }
    }
    best
}

/// The grid with column `col` split at `x`; the cells of `crossing` rows
/// (and cells already spanning the column) span both parts.
fn split(grid: Grid, col: usize, x: f64, crossing: &[usize]) -> Grid {
    let mut xs = grid.xs;
    xs.insert(col + 1, x);
    let mut cells = Vec::with_capacity(grid.cells.len() * 2);
    for g in grid.cells {
        if g.col > col {
            cells.push(GridCell {
                col: g.col + 1,
                ..g
            });
        } else if g.col + g.cols <= col {
            cells.push(g);
        } else if g.cols > 1 || g.rows > 1 || crossing.contains(&g.row) {
            cells.push(GridCell {
                cols: g.cols + 1,
                ..g
            });
        } else {
            cells.push(g);
            cells.push(GridCell { col: col + 1, ..g });
        }
    }
    cells.sort_by_key(|c| (c.row, c.col));
    Grid {
        xs,
        ys: grid.ys,
        cells,
    }
}

#[cfg(test)]
mod tests {
    use super::super::layout::test_chars;
    use super::*;

    fn grid(xs: Vec<f64>, ys: Vec<f64>) -> Grid {
        let mut cells = Vec::new();
        for row in 0..ys.len() - 1 {
            for col in 0..xs.len() - 1 {
                cells.push(GridCell {
                    row,
                    col,
                    rows: 1,
                    cols: 1,
                });
            }
        }
        Grid { xs, ys, cells }
    }

    #[test]
    fn paired_figures_split_and_the_group_heading_spans() {
        // Column 1 (100..300): a heading "2007" across, then figure pairs.
        let mut chars = test_chars("Country", 0.0, 10.0, 6.0);
        chars.extend(test_chars("2007", 180.0, 10.0, 6.0));
        for (i, (a, b)) in [
            ("109", "0.9"),
            ("1240", "12.4"),
            ("36", "0"),
            ("123", "0.8"),
        ]
        .iter()
        .enumerate()
        {
            let y = 25.0 + 12.0 * i as f64;
            chars.extend(test_chars("Name", 0.0, y, 6.0));
            chars.extend(test_chars(a, 180.0 - 6.0 * a.len() as f64, y, 6.0));
            chars.extend(test_chars(b, 240.0 - 6.0 * b.len() as f64, y, 6.0));
        }
        let g = split_rivers(
            grid(
                vec![0.0, 100.0, 300.0],
                vec![0.0, 13.0, 27.0, 39.0, 51.0, 63.0],
            ),
            &chars,
        );
        assert_eq!(g.xs.len(), 4);
        assert!(g.xs[2] > 180.0 && g.xs[2] < 216.0, "{:?}", g.xs);
        // The heading spans both new columns; each figure row has three cells.
        assert_eq!(
            g.cells[1],
            GridCell {
                row: 0,
                col: 1,
                rows: 1,
                cols: 2
            }
        );
        assert_eq!(g.cells.iter().filter(|c| c.row == 1).count(), 3);
    }

    #[test]
    fn two_word_labels_do_not_split() {
        let mut chars = Vec::new();
        for (i, t) in ["Not    met", "Not    met", "Not    met", "Met"]
            .iter()
            .enumerate()
        {
            chars.extend(test_chars(t, 110.0, 10.0 + 12.0 * i as f64, 6.0));
        }
        let g = split_rivers(
            grid(vec![100.0, 300.0], vec![0.0, 13.0, 25.0, 37.0, 49.0]),
            &chars,
        );
        assert_eq!(g.xs, [100.0, 300.0]);
    }
}
