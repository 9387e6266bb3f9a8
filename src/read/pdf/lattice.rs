//! Ruled ("lattice") tables: from a page's ruling lines to cell grids.
//!
//! The steps follow pdfplumber's `lines` strategy, adapted to produce merged
//! cells rather than only rectangles:
//! 1. snap rules whose positions are within [`SNAP`] of each other to one
//!    position (double borders and rounding collapse) and join collinear
//!    pieces with gaps up to [`JOIN`];
//! 2. keep rules that cross at least two rules of the other direction (an
//!    underline or a lone separator is not a table), and group the crossing
//!    rules into connected sets: each set with two rules each way is a table;
//! 3. the distinct positions of its vertical and horizontal rules are the
//!    grid's column and row boundaries; where its row rules run on past the
//!    outermost vertical rule (a table open at its sides), their ends are a
//!    boundary too;
//! 4. neighbouring grid slots with no rule between them belong to one cell:
//!    a missing inner rule is a merged cell. Cells are grown greedily from
//!    the top-left (right first, then down), so the grid is always covered
//!    by rectangles.

use super::interp::Rule;

/// Rules this close (points) are the same line.
pub const SNAP: f64 = 3.0;
/// Collinear pieces with gaps up to this (points) are one rule.
pub const JOIN: f64 = 3.0;
/// How far a rule may stop short of another and still cross it.
const TOUCH: f64 = 3.0;
/// How far (points) horizontal rules must run past a table's outermost
/// vertical rule for that side to be open (see `open_sides`).
const OPEN_SIDE: f64 = 6.0;
/// Most rules considered on one page (crossings are counted pairwise).
const MAX_RULES: usize = 20_000;

/// A table's grid: boundaries and cells.
#[derive(Debug, Clone, PartialEq)]
pub struct Grid {
    /// Column boundaries, left to right (n_cols + 1 values).
    pub xs: Vec<f64>,
    /// Row boundaries, top to bottom (n_rows + 1 values).
    pub ys: Vec<f64>,
    /// Cells in row-major order of their anchors.
    pub cells: Vec<GridCell>,
}

/// A cell of a [`Grid`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GridCell {
    /// Top row.
    pub row: usize,
    /// Left column.
    pub col: usize,
    /// Rows covered.
    pub rows: usize,
    /// Columns covered.
    pub cols: usize,
}

impl Grid {
    /// Number of rows.
    pub fn n_rows(&self) -> usize {
        self.ys.len() - 1
    }

    /// Number of columns.
    pub fn n_cols(&self) -> usize {
        self.xs.len() - 1
    }

    /// The bounding box `(x0, top, x1, bottom)`.
    pub fn bbox(&self) -> (f64, f64, f64, f64) {
        (
            self.xs[0],
            self.ys[0],
            self.xs[self.xs.len() - 1],
            self.ys[self.ys.len() - 1],
        )
    }

    /// A cell's box `(x0, top, x1, bottom)`.
    pub fn cell_box(&self, c: &GridCell) -> (f64, f64, f64, f64) {
        (
            self.xs[c.col],
            self.ys[c.row],
            self.xs[c.col + c.cols],
            self.ys[c.row + c.rows],
        )
    }

    /// The index in `cells` of the cell covering a point, if inside.
    #[cfg(test)]
    pub fn cell_at(&self, x: f64, y: f64) -> Option<usize> {
        self.finder().cell_at(x, y)
    }

    /// A lookup of the cell covering a point, for many points: each
    /// (row, column) slot knows its cell, so a point costs two binary
    /// searches. (A grid of more than [`MAX_SLOTS`] slots searches its
    /// cells instead, to keep the table small.)
    pub fn finder(&self) -> CellFinder<'_> {
        let cols = self.xs.len() - 1;
        let slots = (self.ys.len() - 1).saturating_mul(cols);
        let mut owner = Vec::new();
        if slots <= MAX_SLOTS {
            owner = vec![u32::MAX; slots];
            for (k, c) in self.cells.iter().enumerate() {
                for row in c.row..c.row + c.rows {
                    for col in c.col..c.col + c.cols {
                        if let Some(o) = owner.get_mut(row * cols + col) {
                            if *o == u32::MAX {
                                *o = k as u32;
                            }
                        }
                    }
                }
            }
        }
        CellFinder { grid: self, owner }
    }
}

/// Slots of a grid beyond which [`Grid::finder`] keeps no table.
const MAX_SLOTS: usize = 1 << 20;

/// See [`Grid::finder`].
pub struct CellFinder<'g> {
    grid: &'g Grid,
    /// Per slot (row-major), the index of its cell, or `u32::MAX`; empty
    /// for a grid too large to tabulate.
    owner: Vec<u32>,
}

impl CellFinder<'_> {
    /// The index in `cells` of the cell covering a point, if inside.
    pub fn cell_at(&self, x: f64, y: f64) -> Option<usize> {
        let g = self.grid;
        let col = slot(&g.xs, x)?;
        let row = slot(&g.ys, y)?;
        if self.owner.is_empty() {
            return g.cells.iter().position(|c| {
                (c.row..c.row + c.rows).contains(&row) && (c.col..c.col + c.cols).contains(&col)
            });
        }
        let k = *self.owner.get(row * (g.xs.len() - 1) + col)?;
        (k != u32::MAX).then_some(k as usize)
    }
}

/// The slot (between two consecutive bounds) holding `v`; a value on a
/// bound belongs to the slot before it.
fn slot(bounds: &[f64], v: f64) -> Option<usize> {
    if v < bounds[0] || v > bounds[bounds.len() - 1] {
        return None;
    }
    Some(
        bounds[1..]
            .partition_point(|&b| b < v)
            .min(bounds.len() - 2),
    )
}

/// Snap positions within [`SNAP`] to their cluster's mean, then join
/// collinear pieces.
fn normalise(rules: Vec<Rule>) -> Vec<Rule> {
    let rules = snap(rules);
    let mut out: Vec<Rule> = Vec::with_capacity(rules.len());
    for r in rules {
        match out.last_mut() {
            Some(last) if last.pos == r.pos && r.start <= last.end + JOIN => {
                last.end = last.end.max(r.end);
            }
            _ => out.push(r),
        }
    }
    out
}

/// Rules of one direction with positions within [`SNAP`] snapped to their
/// cluster's mean, sorted by position then start; pieces not yet joined.
pub(super) fn snap(mut rules: Vec<Rule>) -> Vec<Rule> {
    rules.sort_by(|a, b| a.pos.total_cmp(&b.pos));
    let mut i = 0;
    while i < rules.len() {
        let mut j = i + 1;
        while j < rules.len()
            && rules[j].pos - rules[j - 1].pos <= SNAP
            && rules[j].pos - rules[i].pos <= 2.0 * SNAP
        {
            j += 1;
        }
        snap_runs(&mut rules[i..j]);
        i = j;
    }
    rules.sort_by(|a, b| a.pos.total_cmp(&b.pos).then(a.start.total_cmp(&b.start)));
    rules
}

/// Snap one cluster of rules (positions within [`SNAP`]) to a mean, one
/// mean a run of them along their length: rules that leave more than two
/// [`SNAP`]s between them along the cluster (two tables one above the
/// other, a heading between them, their column rules a point or three
/// apart) keep their own positions, so neither table's boundaries move
/// toward the other's.
fn snap_runs(cluster: &mut [Rule]) {
    cluster.sort_by(|a, b| a.start.total_cmp(&b.start));
    let mut from = 0;
    let mut reach = f64::MIN;
    for k in 0..=cluster.len() {
        if k == cluster.len() || (k > from && cluster[k].start > reach + 2.0 * SNAP) {
            let run = &mut cluster[from..k];
            let mean = run.iter().map(|r| r.pos).sum::<f64>() / run.len().max(1) as f64;
            for r in run.iter_mut() {
                r.pos = mean;
            }
            from = k;
            reach = f64::MIN;
        }
        if let Some(r) = cluster.get(k) {
            reach = reach.max(r.end);
        }
    }
}

fn crosses(h: &Rule, v: &Rule) -> bool {
    v.pos >= h.start - TOUCH
        && v.pos <= h.end + TOUCH
        && h.pos >= v.start - TOUCH
        && h.pos <= v.end + TOUCH
}

fn find(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

/// The ruled tables on a page, top to bottom.
pub fn find_tables(rules: &[Rule]) -> Vec<Grid> {
    let rules: Vec<Rule> = rules
        .iter()
        .filter(|r| r.end - r.start >= 1.0)
        .take(MAX_RULES)
        .copied()
        .collect();
    let hs = normalise(rules.iter().filter(|r| r.horizontal).copied().collect());
    let vs = normalise(rules.iter().filter(|r| !r.horizontal).copied().collect());
    // Crossings, then drop rules that cross fewer than two of the others.
    let mut h_count = vec![0usize; hs.len()];
    let mut v_count = vec![0usize; vs.len()];
    let mut pairs = Vec::new();
    for (i, h) in hs.iter().enumerate() {
        for (j, v) in vs.iter().enumerate() {
            if crosses(h, v) {
                h_count[i] += 1;
                v_count[j] += 1;
                pairs.push((i, j));
            }
        }
    }
    let n = hs.len();
    let mut parent: Vec<usize> = (0..n + vs.len()).collect();
    for &(i, j) in &pairs {
        if h_count[i] >= 2 && v_count[j] >= 2 {
            let (a, b) = (find(&mut parent, i), find(&mut parent, n + j));
            if a != b {
                parent[a] = b;
            }
        }
    }
    let mut groups: std::collections::BTreeMap<usize, (Vec<Rule>, Vec<Rule>)> = Default::default();
    for (i, h) in hs.iter().enumerate() {
        if h_count[i] >= 2 {
            let root = find(&mut parent, i);
            groups.entry(root).or_default().0.push(*h);
        }
    }
    for (j, v) in vs.iter().enumerate() {
        if v_count[j] >= 2 {
            let root = find(&mut parent, n + j);
            groups.entry(root).or_default().1.push(*v);
        }
    }
    let mut grids: Vec<Grid> = groups
        .into_values()
        .filter(|(h, v)| h.len() >= 2 && v.len() >= 2)
        .flat_map(|(h, v)| grids(&h, &v))
        .collect();
    grids.sort_by(|a, b| {
        a.ys[0]
            .total_cmp(&b.ys[0])
            .then(a.xs[0].total_cmp(&b.xs[0]))
    });
    grids
}

fn positions(rules: &[Rule]) -> Vec<f64> {
    let mut p: Vec<f64> = rules.iter().map(|r| r.pos).collect();
    p.sort_by(f64::total_cmp);
    p.dedup_by(|a, b| (*a - *b).abs() < SNAP);
    p
}

fn covered(rules: &[Rule], pos: f64, from: f64, to: f64) -> bool {
    let mid = (from + to) / 2.0;
    rules
        .iter()
        .any(|r| (r.pos - pos).abs() < SNAP && r.start <= mid && r.end >= mid)
}

/// Grids from one connected set of rules. Tables stacked with no gap (two
/// Word tables with nothing between them) share rules; where the column
/// boundaries of a row and those of the rows above it (since the last split)
/// are not a subset of each other, the rows belong to different tables and
/// the set is split there. (A merged
/// row, such as a full-width section title, has a subset of its
/// neighbours' boundaries and does not split.)
fn grids(hs: &[Rule], vs: &[Rule]) -> Vec<Grid> {
    let xs = positions(vs);
    let mut ys = positions(hs);
    if xs.len() < 2 || ys.len() < 2 {
        return Vec::new();
    }
    open_ends(vs, xs.len(), &mut ys);
    let row_bounds: Vec<Vec<usize>> = (0..ys.len() - 1)
        .map(|r| {
            (0..xs.len())
                .filter(|&i| covered(vs, xs[i], ys[r], ys[r + 1]))
                .collect()
        })
        .collect();
    let subset = |a: &[usize], b: &[usize]| a.iter().all(|x| b.contains(x));
    let mut out = Vec::new();
    let mut start = 0;
    let mut used: Vec<usize> = Vec::new();
    for r in 0..row_bounds.len() {
        used.extend(&row_bounds[r]);
        used.sort_unstable();
        used.dedup();
        let end = r + 1 == row_bounds.len()
            || (!subset(&row_bounds[r + 1], &used) && !subset(&used, &row_bounds[r + 1]));
        if end {
            let seg_xs: Vec<f64> = used.iter().map(|&i| xs[i]).collect();
            if seg_xs.len() >= 2 {
                let seg_xs = open_sides(hs, seg_xs, ys[start], ys[r + 1]);
                out.push(grid(hs, vs, seg_xs, ys[start..=r + 1].to_vec()));
            }
            start = r + 1;
            used.clear();
        }
    }
    out
}

/// Column boundaries with the open sides of a table added: where at least
/// two of its horizontal rules run more than [`OPEN_SIDE`] past the
/// outermost vertical rule, the table goes on to where they end (the median
/// of those ends). Such tables rule their rows across the page but draw no
/// vertical rule at the outer edges; without this their first or last
/// column would fall outside the grid.
fn open_sides(hs: &[Rule], mut xs: Vec<f64>, top: f64, bottom: f64) -> Vec<f64> {
    let rows: Vec<&Rule> = hs
        .iter()
        .filter(|h| h.pos >= top - SNAP && h.pos <= bottom + SNAP)
        .collect();
    let (first, last) = (xs[0], xs[xs.len() - 1]);
    let median = |mut v: Vec<f64>| -> Option<f64> {
        v.sort_by(f64::total_cmp);
        (v.len() >= 2).then(|| v[v.len() / 2])
    };
    let lefts = rows
        .iter()
        .filter(|h| h.start < first - OPEN_SIDE)
        .map(|h| h.start)
        .collect();
    let rights = rows
        .iter()
        .filter(|h| h.end > last + OPEN_SIDE)
        .map(|h| h.end)
        .collect();
    if let Some(x) = median(lefts) {
        xs.insert(0, x);
    }
    if let Some(x) = median(rights) {
        xs.push(x);
    }
    xs
}

/// Row boundaries with the open ends of a table added: where at least
/// half of its column rules (two or more) run more than [`OPEN_SIDE`] below
/// the last horizontal rule, the table goes on to where they end (their
/// median end); the same above the first. A browser splitting a row at a
/// page break draws the row's column rules to the page's edge but no rule
/// under the part on this page; without this that part would be no row.
fn open_ends(vs: &[Rule], columns: usize, ys: &mut Vec<f64>) {
    let (first, last) = (ys[0], ys[ys.len() - 1]);
    let enough = |n: usize| n >= 2 && 2 * n >= columns;
    let median = |mut v: Vec<f64>| -> f64 {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    let below: Vec<f64> = vs
        .iter()
        .filter(|v| v.end > last + OPEN_SIDE && v.start < last)
        .map(|v| v.end)
        .collect();
    if enough(below.len()) {
        ys.push(median(below));
    }
    let above: Vec<f64> = vs
        .iter()
        .filter(|v| v.start < first - OPEN_SIDE && v.end > first)
        .map(|v| v.start)
        .collect();
    if enough(above.len()) {
        ys.insert(0, median(above));
    }
}

fn grid(hs: &[Rule], vs: &[Rule], xs: Vec<f64>, ys: Vec<f64>) -> Grid {
    let (nr, nc) = (ys.len() - 1, xs.len() - 1);
    // Walls: a vertical rule right of slot (r, c), a horizontal one below.
    let wall_right = |r: usize, c: usize| covered(vs, xs[c + 1], ys[r], ys[r + 1]);
    let wall_below = |r: usize, c: usize| covered(hs, ys[r + 1], xs[c], xs[c + 1]);
    let mut taken = vec![vec![false; nc]; nr];
    let mut cells = Vec::new();
    for r in 0..nr {
        for c in 0..nc {
            if taken[r][c] {
                continue;
            }
            let mut cols = 1;
            while c + cols < nc && !wall_right(r, c + cols - 1) && !taken[r][c + cols] {
                cols += 1;
            }
            let mut rows = 1;
            while r + rows < nr
                && !(c..c + cols).any(|k| wall_below(r + rows - 1, k) || taken[r + rows][k])
            {
                rows += 1;
            }
            for row in taken.iter_mut().skip(r).take(rows) {
                for t in row.iter_mut().skip(c).take(cols) {
                    *t = true;
                }
            }
            cells.push(GridCell {
                row: r,
                col: c,
                rows,
                cols,
            });
        }
    }
    Grid { xs, ys, cells }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A grid of `cols` x `rows` one-slot cells, `width` x 20 points each.
    pub(crate) fn uniform(cols: usize, rows: usize, width: f64) -> Grid {
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
            xs: (0..=cols).map(|c| width * c as f64).collect(),
            ys: (0..=rows).map(|r| 20.0 * r as f64).collect(),
            cells,
        }
    }

    /// A horizontal rule at `y` from `x0` to `x1`.
    pub(crate) fn h(y: f64, x0: f64, x1: f64) -> Rule {
        Rule {
            horizontal: true,
            pos: y,
            start: x0,
            end: x1,
        }
    }
    /// A vertical rule at `x` from `y0` to `y1`.
    pub(crate) fn v(x: f64, y0: f64, y1: f64) -> Rule {
        Rule {
            horizontal: false,
            pos: x,
            start: y0,
            end: y1,
        }
    }

    #[test]
    fn a_row_cut_by_the_page_end_goes_to_where_its_column_rules_end() {
        // A header row ruled all round, then a row whose column rules run on
        // to y 60 with no rule under it (a browser's page break).
        let mut rules = vec![h(10.0, 0.0, 200.0), h(30.0, 0.0, 200.0)];
        for x in [0.0, 100.0, 200.0] {
            rules.push(v(x, 10.0, 60.0));
        }
        let grids = find_tables(&rules);
        assert_eq!(grids.len(), 1);
        assert_eq!(grids[0].ys, [10.0, 30.0, 60.0]);
        assert_eq!(grids[0].cells.len(), 4);
        // Rules overhanging by a line width add nothing.
        let mut rules = vec![h(10.0, 0.0, 200.0), h(30.0, 0.0, 200.0)];
        for x in [0.0, 100.0, 200.0] {
            rules.push(v(x, 9.0, 31.0));
        }
        assert_eq!(find_tables(&rules)[0].ys, [10.0, 30.0]);
    }

    #[test]
    fn an_open_sided_table_goes_to_the_ends_of_its_row_rules() {
        // Rows ruled from x 0 to 300; vertical rules only at 100 and 200.
        let mut rules: Vec<Rule> = [0.0, 20.0, 40.0, 60.0]
            .iter()
            .map(|&y| h(y, 0.0, 300.0))
            .collect();
        rules.push(v(100.0, 0.0, 60.0));
        rules.push(v(200.0, 0.0, 60.0));
        let grids = find_tables(&rules);
        assert_eq!(grids.len(), 1);
        assert_eq!(grids[0].xs, [0.0, 100.0, 200.0, 300.0]);
        assert_eq!(grids[0].cells.len(), 9);
        // Borders that only overhang their vertical rules by a line width
        // add nothing.
        let mut rules: Vec<Rule> = [0.0, 20.0, 40.0]
            .iter()
            .map(|&y| h(y, 99.0, 201.0))
            .collect();
        rules.push(v(100.0, 0.0, 40.0));
        rules.push(v(200.0, 0.0, 40.0));
        assert_eq!(find_tables(&rules)[0].xs, [100.0, 200.0]);
    }

    #[test]
    fn a_full_grid_and_merged_cells() {
        // 3 columns (0, 100, 200, 300) x 3 rows (0, 20, 40, 60).
        // Row 0: columns 1 and 2 merged (no rule at x=200 in row 0).
        // Column 0: rows 1 and 2 merged (no rule at y=40 under column 0).
        let rules = vec![
            h(0.0, 0.0, 300.0),
            h(20.0, 0.0, 300.0),
            h(40.2, 100.0, 300.0),
            h(60.0, 0.0, 300.0),
            h(60.8, 0.0, 300.0), // a double border
            v(0.0, 0.0, 60.0),
            v(100.0, 0.0, 60.0),
            v(200.0, 20.0, 60.0),
            v(301.0, 0.0, 60.0),
            h(50.0, 120.0, 150.0), // an underline inside a cell
        ];
        let grids = find_tables(&rules);
        assert_eq!(grids.len(), 1);
        let g = &grids[0];
        assert_eq!(g.n_cols(), 3);
        assert_eq!(g.n_rows(), 3);
        let spans: Vec<(usize, usize, usize, usize)> = g
            .cells
            .iter()
            .map(|c| (c.row, c.col, c.rows, c.cols))
            .collect();
        assert_eq!(
            spans,
            [
                (0, 0, 1, 1),
                (0, 1, 1, 2),
                (1, 0, 2, 1),
                (1, 1, 1, 1),
                (1, 2, 1, 1),
                (2, 1, 1, 1),
                (2, 2, 1, 1)
            ]
        );
        assert_eq!(g.cell_at(150.0, 10.0), Some(1));
        assert_eq!(g.cell_at(50.0, 50.0), Some(2));
        assert_eq!(g.cell_at(500.0, 50.0), None);
        // A point on a boundary belongs to the slot before it.
        assert_eq!(g.cell_at(100.0, 10.0), Some(0));
        assert_eq!(g.cell_at(250.0, 60.0), Some(6));
        assert_eq!(g.cell_at(0.0, 0.0), Some(0));
    }

    #[test]
    fn pieces_join_and_separate_tables_stay_apart() {
        let mut rules = vec![
            h(0.0, 0.0, 50.0),
            h(0.0, 51.0, 100.0),
            h(30.0, 0.0, 100.0),
            v(0.0, 0.0, 30.0),
            v(100.0, 0.0, 30.0),
        ];
        for r in rules.clone() {
            let mut r = r;
            r.pos += if r.horizontal { 200.0 } else { 0.0 };
            if !r.horizontal {
                r.start += 200.0;
                r.end += 200.0;
            }
            rules.push(r);
        }
        let grids = find_tables(&rules);
        assert_eq!(grids.len(), 2);
        assert_eq!(grids[0].cells.len(), 1);
        assert_eq!(grids[1].ys, vec![200.0, 230.0]);
    }

    #[test]
    fn stacked_tables_with_different_columns_split() {
        // A 3-column table (0..40, its second row full width) directly on
        // top of a 2-column one (40..60) whose inner rule is elsewhere; the
        // outer borders run through both.
        let rules = vec![
            h(0.0, 0.0, 300.0),
            h(20.0, 0.0, 300.0),
            h(40.0, 0.0, 300.0),
            h(60.0, 0.0, 300.0),
            v(0.0, 0.0, 60.0),
            v(300.0, 0.0, 60.0),
            v(100.0, 0.0, 20.0),
            v(200.0, 0.0, 20.0),
            v(150.0, 40.0, 60.0),
        ];
        let grids = find_tables(&rules);
        assert_eq!(grids.len(), 2);
        assert_eq!(grids[0].xs, vec![0.0, 100.0, 200.0, 300.0]);
        assert_eq!(grids[0].cells[3].cols, 3);
        assert_eq!(grids[1].xs, vec![0.0, 150.0, 300.0]);
        assert_eq!(grids[1].ys, vec![40.0, 60.0]);
    }

    #[test]
    fn lone_lines_are_not_tables() {
        assert!(find_tables(&[h(10.0, 0.0, 500.0), v(600.0, 0.0, 100.0)]).is_empty());
    }

    #[test]
    fn column_rules_of_two_tables_apart_keep_their_own_positions() {
        // Two tables one above the other, a heading between them, a column
        // rule 3pt apart: each table keeps its boundary.
        let rules = vec![
            v(715.9, 42.0, 80.0),
            v(715.9, 80.0, 119.0),
            v(718.9, 158.0, 200.0),
            v(718.9, 200.0, 537.0),
        ];
        let got: Vec<f64> = snap(rules).iter().map(|r| r.pos).collect();
        assert_eq!(got, vec![715.9, 715.9, 718.9, 718.9]);
        // One table's pieces a point apart, touching: one position.
        let one = snap(vec![v(100.0, 42.0, 80.0), v(101.0, 80.0, 119.0)]);
        assert_eq!(one[0].pos, one[1].pos);
        assert!((one[0].pos - 100.5).abs() < 1e-9);
        let grids = find_tables(&[
            h(42.0, 600.0, 800.0),
            h(80.0, 600.0, 800.0),
            h(119.0, 600.0, 800.0),
            v(600.0, 42.0, 119.0),
            v(715.9, 42.0, 119.0),
            v(800.0, 42.0, 119.0),
            h(158.0, 600.0, 800.0),
            h(200.0, 600.0, 800.0),
            h(537.0, 600.0, 800.0),
            v(600.0, 158.0, 537.0),
            v(718.9, 158.0, 537.0),
            v(800.0, 158.0, 537.0),
        ]);
        assert_eq!(grids.len(), 2);
        assert!((grids[0].xs[1] - 715.9).abs() < 1e-9, "{:?}", grids[0].xs);
        assert!((grids[1].xs[1] - 718.9).abs() < 1e-9, "{:?}", grids[1].xs);
    }
}
