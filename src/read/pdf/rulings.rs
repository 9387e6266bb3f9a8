//! Walls implied by where rules are cut into pieces.
//!
//! Many writers draw a table's rules cell by cell: a row rule as one piece
//! per column, a column rule as one piece per row. Where a table rules only
//! one axis of its body (every row ruled but column rules only in the
//! header; or column rules full height but no row rules in the body), the
//! pieces of the ruled axis still say where the other axis's boundaries are:
//! the ends of the row rules' pieces sit exactly on the column boundaries,
//! and the ends of the column rules' pieces on the row boundaries. Without
//! them the lattice finder sees one cell across each row (or one cell down
//! each column) holding a whole row (column) of values.
//!
//! **Rule** ([`piece_walls`]): a *joint* is a place along a rule where one
//! piece ends and the next begins (they abut, overlap by at most
//! [`OVERLAP`] or leave a gap of at most [`JOIN`], so that the lattice
//! finder joins them into one rule). Joints of horizontal rules are grouped
//! by x (within [`SNAP`]); two consecutive rules in such a group (by y) give
//! a vertical wall at that x between them when
//!
//! - no horizontal rule without a joint there crosses that x between them
//!   (the wall would run through a rule that says the cell goes on), unless
//!   it is less than half as long as the cut rule above: a short underline
//!   under a group heading (booktabs' `\cmidrule`); then the wall runs from
//!   the underline down, and the underline, drawn across the table as wide
//!   as the rule above, is a row boundary (heading above, sub-headings
//!   below), and
//! - no glyph lies across the wall (a cell's text running over the would-be
//!   boundary: a merged cell, not a missing rule).
//!
//! - the run of such walls end to end at that x is not continued by a drawn
//!   vertical rule at both ends, nor at one end when it is shorter than
//!   [`MIN_RUN`] walls (a writer that draws every cell's borders leaves a
//!   merged cell open between drawn pieces: that gap is a span, not an
//!   unruled axis; a header whose column rules stop where the body's cut
//!   row rules begin continues a long run at one end).
//!
//! The same with x and y swapped gives horizontal walls from the joints of
//! column rules. A wall is only added where no rule of its direction is
//! drawn already (guarded: it can only cut a cell the lattice finder would
//! have merged). The walls join the page's rules before the lattice finder
//! runs, so a body ruled on one axis comes back with one cell per value.
//! A grid walls changed is not kept where its table goes on past its
//! rules (text in two of its columns right above its top rule or under its
//! bottom one: rules only between rows, see `open`); the unruled-table
//! finder reads that table whole.
//!
//! **Rule** ([`band_walls`]): a header drawn as filled cells with no lines
//! on top of a grid whose body is ruled (jspdf-autotable's grid theme:
//! green header cells, every body cell a stroked rectangle) is the grid's
//! first row, not text above a table. A *band* is a run of two or more
//! filled rectangles (not white, at least [`BAND_HEIGHT`] tall) with one
//! bottom, each starting where the one before ends. Each rectangle of a
//! band is outlined (top and sides) as if ruled when the band's bottom is
//! ruled from end to end, a rule goes down from it at both ends (the
//! grid's sides), nothing is ruled along its top (a bordered header is
//! ruled already) and text lies in it; a band on a band outlined so is
//! outlined in turn (a header of two rows). The rules join the page's
//! before the lattice finder runs. Not outlined: a band with a gap under
//! it (a heading bar over the table), one over rows ruled only across.
//!
//! Bounded work: at most [`MAX_JOINTS`] joints per direction are used and
//! each candidate wall's glyph check scans only the glyphs in its span of
//! the page (sorted by position), with a page-wide budget of
//! [`MAX_CHECKS`] glyph, rule and fill comparisons (once spent, no more
//! walls are added).

use super::interp::{Char, FillRect, Rule};
use super::lattice::{find_tables, snap, Grid, GridCell, JOIN, SNAP};

/// Pieces overlapping by up to this (points, a line width) still meet at a
/// joint.
const OVERLAP: f64 = 1.0;
/// Fewest rules with a joint at one place for walls there: a frame
/// around one block of text (two rules, both cut at every line) is not a
/// table.
const MIN_JOINTS: usize = 3;
/// A fill reaching this far (points) past a would-be row wall on both
/// sides, across the wall's whole length, is one shaded cell (a merged
/// cell drawn with its column rules cut per line): no wall.
const FILL_REACH: f64 = 2.0;
/// Fewest stacked lines for a row to be split at them (see
/// [`split_collapsed`]).
const MIN_STACK: usize = 3;
/// Baselines within this (points) are one line across a row's cells.
const BASELINE_SLACK: f64 = 2.0;
/// Fewest walls end to end in a run that a drawn rule continues at one end
/// (a header's column rules stopping where the body's cut row rules
/// begin).
const MIN_RUN: usize = 3;
/// Most lines in one cell of a grid that walls from pieces changed (see
/// [`ruled_grids`]).
const MAX_WALLED_LINES: usize = 2;
/// Most joints considered per direction on one page.
const MAX_JOINTS: usize = 5_000;
/// Most glyph comparisons spent on one page.
const MAX_CHECKS: usize = 2_000_000;
/// A glyph box reaching to within this (points) of a vertical wall lies on
/// it (a wall between two letters of a word cuts the word; cell padding
/// keeps real boundaries further from the text).
const GLYPH_MARGIN: f64 = 0.5;
/// A glyph lies across a horizontal wall when its box reaches more than
/// this (points) past it on both sides (glyph boxes are as tall as the
/// font's ascent and descent, so they may touch a row's rules).
const GLYPH_OVERLAP: f64 = 1.0;

/// A joint: the rule's position and the place along it.
#[derive(Clone, Copy)]
struct Joint {
    pos: f64,
    at: f64,
}

/// The joints of one direction's rules, and the rules with their pieces
/// joined (as the lattice finder joins them).
fn joints(rules: Vec<Rule>) -> (Vec<Joint>, Vec<Rule>) {
    let rules = snap(rules);
    let mut joints = Vec::new();
    let mut joined: Vec<Rule> = Vec::with_capacity(rules.len());
    for r in rules {
        match joined.last_mut() {
            Some(last) if last.pos == r.pos && r.start <= last.end + JOIN => {
                if r.start >= last.end - OVERLAP && r.end > last.end + SNAP {
                    joints.push(Joint {
                        pos: r.pos,
                        at: (last.end + r.start) / 2.0,
                    });
                }
                last.end = last.end.max(r.end);
            }
            _ => joined.push(r),
        }
    }
    // A joint right at a rule's end (a short stub overlapping it) says
    // nothing about the cells beside it.
    joints.retain(|j| {
        joined
            .iter()
            .any(|r| r.pos == j.pos && j.at > r.start + SNAP && j.at < r.end - SNAP)
    });
    joints.truncate(MAX_JOINTS);
    (joints, joined)
}

/// Glyphs sorted for the crossing checks.
struct Glyphs<'a> {
    /// Non-blank upright glyphs by left edge.
    by_x: Vec<&'a Char>,
    /// The same by top.
    by_y: Vec<&'a Char>,
    /// The widest and tallest glyph box.
    max_w: f64,
    max_h: f64,
    budget: usize,
}

impl<'a> Glyphs<'a> {
    fn new(chars: &'a [Char]) -> Self {
        let by_x: Vec<&Char> = chars.iter().filter(|c| !c.text.trim().is_empty()).collect();
        let mut by_y = by_x.clone();
        let mut by_x = by_x;
        by_x.sort_by(|a, b| a.x0.total_cmp(&b.x0));
        by_y.sort_by(|a, b| a.top.total_cmp(&b.top));
        let max_w = by_x.iter().map(|c| c.x1 - c.x0).fold(0.0, f64::max);
        let max_h = by_x.iter().map(|c| c.bottom - c.top).fold(0.0, f64::max);
        Glyphs {
            by_x,
            by_y,
            max_w,
            max_h,
            budget: MAX_CHECKS,
        }
    }

    /// Whether a wall crosses a glyph (or the budget is spent: then every
    /// wall is refused). `horizontal`: a wall at y = `pos` from x `a` to
    /// `b`; else at x = `pos` from y `a` to `b`.
    fn crossed(&mut self, horizontal: bool, pos: f64, a: f64, b: f64) -> bool {
        let (list, lo) = if horizontal {
            (&self.by_y, pos - self.max_h - GLYPH_MARGIN)
        } else {
            (&self.by_x, pos - self.max_w - GLYPH_MARGIN)
        };
        let first = list.partition_point(|c| if horizontal { c.top < lo } else { c.x0 < lo });
        for c in &list[first..] {
            if self.budget == 0 {
                return true;
            }
            self.budget -= 1;
            let (near, far, along0, along1) = if horizontal {
                (c.top, c.bottom, c.x0, c.x1)
            } else {
                (c.x0, c.x1, c.top, c.bottom)
            };
            if near > pos + GLYPH_MARGIN {
                break;
            }
            let across = if horizontal {
                near < pos - GLYPH_OVERLAP && far > pos + GLYPH_OVERLAP
            } else {
                near < pos + GLYPH_MARGIN && far > pos - GLYPH_MARGIN
            };
            if across && along1 > a && along0 < b {
                return true;
            }
        }
        false
    }
}

/// Whether every cut in `a` (sorted) is one in `b` (sorted), within
/// [`SNAP`].
fn cuts_within(a: &[f64], b: &[f64]) -> bool {
    a.iter().all(|&x| {
        let k = b.partition_point(|&y| y < x - SNAP);
        b.get(k).is_some_and(|&y| y <= x + SNAP)
    })
}

/// Walls in one direction from the joints of the other direction's rules
/// (see the module doc). `joined`: those rules, joined; `own`: the rules
/// already drawn in the walls' direction, joined.
fn walls(
    mut joints: Vec<Joint>,
    joined: &[Rule],
    own: &[Rule],
    horizontal_walls: bool,
    glyphs: &mut Glyphs,
    fills: &[FillRect],
    extra: &mut Vec<Rule>,
) -> Vec<Rule> {
    // Each rule's joints, by its position: a rule of another table whose
    // cuts only happen to meet these at one place (a table's bottom rule
    // above the next table's ruled header) is no rule of this grid.
    let mut by_rule = joints.clone();
    by_rule.sort_by(|a, b| a.pos.total_cmp(&b.pos).then(a.at.total_cmp(&b.at)));
    let mut cuts: Vec<(f64, Vec<f64>)> = Vec::new();
    for j in by_rule {
        match cuts.last_mut() {
            Some((p, ats)) if j.pos - *p < SNAP => ats.push(j.at),
            _ => cuts.push((j.pos, vec![j.at])),
        }
    }
    let cuts_of = |pos: f64| -> &[f64] {
        let k = cuts.partition_point(|c| c.0 < pos - SNAP);
        cuts.get(k)
            .filter(|c| c.0 <= pos + SNAP)
            .map_or(&[], |c| c.1.as_slice())
    };
    let kin = |p: f64, q: f64| {
        let (a, b) = (cuts_of(p), cuts_of(q));
        cuts_within(a, b) || cuts_within(b, a)
    };
    joints.sort_by(|a, b| a.at.total_cmp(&b.at).then(a.pos.total_cmp(&b.pos)));
    let mut out = Vec::new();
    let mut i = 0;
    while i < joints.len() {
        let mut j = i + 1;
        while j < joints.len()
            && joints[j].at - joints[j - 1].at <= SNAP
            && joints[j].at - joints[i].at <= 2.0 * SNAP
        {
            j += 1;
        }
        let group = &mut joints[i..j];
        let at = group.iter().map(|g| g.at).sum::<f64>() / group.len() as f64;
        group.sort_by(|a, b| a.pos.total_cmp(&b.pos));
        let mut ps: Vec<f64> = group.iter().map(|g| g.pos).collect();
        ps.dedup_by(|a, b| (*a - *b).abs() < SNAP);
        // Rules cut at all the places the one above is cut, or cut at
        // places all of which the one above is (a spanning header's rule),
        // are one table's: runs of them, each to hold MIN_JOINTS rules.
        let mut run = vec![0usize; ps.len()];
        for k in 1..ps.len() {
            run[k] = if kin(ps[k - 1], ps[k]) { run[k - 1] } else { k };
        }
        let mut sizes = vec![0usize; ps.len()];
        for &r in &run {
            sizes[r] += 1;
        }
        if ps.len() < MIN_JOINTS {
            i = j;
            continue;
        }
        // Drawn rules of the walls' direction at this place.
        let first = own.partition_point(|r| r.pos < at - SNAP);
        let near: Vec<&Rule> = own[first..]
            .iter()
            .take_while(|r| r.pos < at + SNAP)
            .collect();
        let mut cands: Vec<(f64, f64)> = Vec::new();
        for (k, w) in ps.windows(2).enumerate() {
            if run[k] != run[k + 1] || sizes[run[k]] < MIN_JOINTS {
                continue;
            }
            let (mut a, b) = (w[0], w[1]);
            // A rule with no joint here between the two: the cell goes on;
            // unless it is a short underline under a group heading (less
            // than half as long as the cut rule above): the heading's cell
            // spans above it, the columns go on below it, and it is a row
            // boundary across the table.
            let lo = joined.partition_point(|r| r.pos <= a + SNAP);
            let between = joined[lo..].partition_point(|r| r.pos < b - SNAP);
            glyphs.budget = glyphs.budget.saturating_sub(between);
            if glyphs.budget == 0 {
                break;
            }
            let blockers: Vec<&Rule> = joined[lo..lo + between]
                .iter()
                .filter(|r| r.start < at - SNAP && r.end > at + SNAP)
                .collect();
            if let Some(last) = blockers.last() {
                let above = joined[..lo]
                    .iter()
                    .rev()
                    .take_while(|r| r.pos > a - SNAP)
                    .find(|r| r.start < at && r.end > at);
                let Some(above) = above else { continue };
                let short = blockers
                    .iter()
                    .all(|r| 2.0 * (r.end - r.start) < above.end - above.start);
                if horizontal_walls
                    || !short
                    || glyphs.crossed(true, last.pos, above.start, above.end)
                {
                    continue;
                }
                extra.push(Rule {
                    horizontal: true,
                    pos: last.pos,
                    start: above.start,
                    end: above.end,
                });
                a = last.pos;
            }
            // Already walled.
            let mid = (a + b) / 2.0;
            if near.iter().any(|r| r.start <= mid && r.end >= mid) {
                continue;
            }
            if glyphs.crossed(horizontal_walls, at, a, b) {
                continue;
            }
            let one_fill = |f: &FillRect| {
                f.top < at - FILL_REACH
                    && f.bottom > at + FILL_REACH
                    && f.x0 <= a + SNAP
                    && f.x1 >= b - SNAP
            };
            glyphs.budget = glyphs.budget.saturating_sub(fills.len());
            if glyphs.budget == 0 || horizontal_walls && fills.iter().any(one_fill) {
                continue;
            }
            cands.push((a, b));
        }
        // Runs of walls end to end; a run that drawn rules continue at both
        // ends, or a short one continued at one end, is a span the writer
        // left open on purpose (a merged cell in a table ruled cell by
        // cell), not an unruled axis.
        let touches = |p: f64| {
            near.iter()
                .any(|r| r.start - JOIN <= p && p <= r.end + JOIN)
        };
        let mut k = 0;
        while k < cands.len() {
            let mut e = k + 1;
            while e < cands.len() && cands[e].0 == cands[e - 1].1 {
                e += 1;
            }
            let (from, to) = (cands[k].0, cands[e - 1].1);
            let (a, b) = (touches(from), touches(to));
            if !(a && b) && (!(a || b) || e - k >= MIN_RUN) {
                out.extend(cands[k..e].iter().map(|&(a, b)| Rule {
                    horizontal: horizontal_walls,
                    pos: at,
                    start: a,
                    end: b,
                }));
            }
            k = e;
        }
        i = j;
    }
    out
}

/// The walls implied by the joints of a page's rules (see the module doc),
/// to be added to its rules before the lattice finder runs.
pub fn piece_walls(rules: &[Rule], chars: &[Char], fills: &[FillRect]) -> Vec<Rule> {
    let pick = |h: bool| -> Vec<Rule> {
        rules
            .iter()
            .filter(|r| r.horizontal == h && r.end - r.start >= 1.0)
            .copied()
            .collect()
    };
    let (h_joints, hs) = joints(pick(true));
    let (v_joints, vs) = joints(pick(false));
    if h_joints.is_empty() && v_joints.is_empty() {
        return Vec::new();
    }
    let mut glyphs = Glyphs::new(chars);
    // Fills that may hold a row wall (a cell's shading, not the page's).
    let fills: Vec<FillRect> = fills
        .iter()
        .filter(|f| f.bottom - f.top > 2.0 * FILL_REACH)
        .take(MAX_JOINTS)
        .copied()
        .collect();
    let mut underlines = Vec::new();
    let mut out = walls(h_joints, &hs, &vs, false, &mut glyphs, &[], &mut underlines);
    if !v_joints.is_empty() {
        out.extend(walls(
            v_joints,
            &vs,
            &hs,
            true,
            &mut glyphs,
            &fills,
            &mut underlines,
        ));
    }
    if !out.is_empty() {
        out.extend(underlines);
    }
    out
}

/// Fill channels at or above this are white (a body cell's white ground,
/// not a band a reader sees).
const BAND_WHITE: u8 = 0xF5;
/// Fewest points of height for a filled rectangle to be a header band's
/// cell (a shaded row of text, not a thick rule).
const BAND_HEIGHT: f64 = 6.0;
/// Most bands (rows of abutting filled rectangles) looked at on one page.
const MAX_BANDS: usize = 200;

/// Rules outlining a filled header drawn on top of a ruled grid (see the
/// module docs): each rectangle of a band that sits on the grid's top rule
/// (or on a band already outlined), spans it from side rule to side rule
/// and holds text, outlined on its top and sides.
pub fn band_walls(rules: &[Rule], chars: &[Char], fills: &[FillRect]) -> Vec<Rule> {
    let mut shaded: Vec<FillRect> = fills
        .iter()
        .filter(|f| {
            !f.color.iter().all(|&c| c >= BAND_WHITE)
                && f.bottom - f.top >= BAND_HEIGHT
                && f.x1 - f.x0 >= BAND_HEIGHT
        })
        .take(MAX_JOINTS)
        .copied()
        .collect();
    if shaded.len() < 2 {
        return Vec::new();
    }
    shaded.sort_by(|a, b| a.bottom.total_cmp(&b.bottom).then(a.x0.total_cmp(&b.x0)));
    // Bands: runs of rectangles with one bottom (within a point), each
    // starting where the one before ends.
    let mut bands: Vec<Vec<FillRect>> = Vec::new();
    for f in shaded {
        if let Some(b) = bands.last_mut() {
            if let Some(last) = b.last() {
                let gap = f.x0 - last.x1;
                if (f.bottom - last.bottom).abs() <= 1.0 && (-OVERLAP..=OVERLAP).contains(&gap) {
                    b.push(f);
                    continue;
                }
            }
        }
        if bands.len() >= MAX_BANDS {
            break;
        }
        bands.push(vec![f]);
    }
    bands.retain(|b| b.len() >= 2);
    let mut out: Vec<Rule> = Vec::new();
    let mut done = vec![false; bands.len()];
    // A band on a band outlined before it (a header of two rows) is
    // found on the next pass.
    for _ in 0..3 {
        let mut added = false;
        for (k, band) in bands.iter().enumerate() {
            if done[k] {
                continue;
            }
            let (x0, x1) = (band[0].x0, band[band.len() - 1].x1);
            let y = band[0].bottom;
            let top = band.iter().map(|f| f.top).fold(f64::MAX, f64::min);
            let all = || rules.iter().chain(out.iter());
            // Ruled along the band's bottom from end to end...
            let covered = |at: f64| {
                all()
                    .filter(|r| r.horizontal && (r.pos - at).abs() <= SNAP)
                    .map(|r| (r.end.min(x1) - r.start.max(x0)).max(0.0))
                    .sum::<f64>()
            };
            // ... with a rule going down from it at both ends (the grid's
            // sides) ...
            let side = |x: f64| {
                all().any(|r| {
                    !r.horizontal
                        && (r.pos - x).abs() <= SNAP
                        && r.start <= y + SNAP
                        && r.end >= y + 2.0 * SNAP
                })
            };
            // ... not ruled above already, and holding text.
            let text = chars.iter().any(|c| {
                let (cx, cy) = ((c.x0 + c.x1) / 2.0, (c.top + c.bottom) / 2.0);
                !c.text.trim().is_empty() && cx > x0 && cx < x1 && cy > top && cy < y
            });
            if covered(y) < 0.95 * (x1 - x0)
                || !side(x0)
                || !side(x1)
                || covered(top) >= 0.5 * (x1 - x0)
                || !text
            {
                continue;
            }
            for f in band {
                out.push(Rule {
                    horizontal: true,
                    pos: f.top,
                    start: f.x0,
                    end: f.x1,
                });
                for x in [f.x0, f.x1] {
                    out.push(Rule {
                        horizontal: false,
                        pos: x,
                        start: f.top,
                        end: f.bottom,
                    });
                }
            }
            done[k] = true;
            added = true;
        }
        if !added {
            break;
        }
    }
    out
}

/// Lines of text in one cell: (baseline, top, bottom, numeric) per line,
/// top to bottom.
type CellLines = Vec<(f64, f64, f64, bool)>;

/// Whether a line's text is a figure: digits with their punctuation
/// (`12,345.6`, `-0.5`, `40%`, `(3)`), or a dash standing for none.
pub(super) fn numeric(text: &str) -> bool {
    let t = text.trim();
    let allowed = |c: char| c.is_ascii_digit() || ".,%+-–−()* \u{a0}".contains(c);
    !t.is_empty()
        && t.chars().all(allowed)
        && (t.chars().any(|c| c.is_ascii_digit()) || t.chars().all(|c| "-–−".contains(c)))
}

/// The lines of the glyphs of one cell (baselines within a third of the
/// font size are one line).
fn cell_lines(mut glyphs: Vec<&Char>) -> CellLines {
    glyphs.sort_by(|a, b| a.bottom.total_cmp(&b.bottom));
    let mut out: CellLines = Vec::new();
    let mut line: Vec<&Char> = Vec::new();
    let flush = |line: &mut Vec<&Char>, out: &mut CellLines| {
        if line.is_empty() {
            return;
        }
        line.sort_by(|a, b| a.x0.total_cmp(&b.x0));
        let text: String = line.iter().map(|c| c.text.as_ref()).collect();
        let base = line.iter().map(|c| c.bottom).sum::<f64>() / line.len() as f64;
        let top = line.iter().map(|c| c.top).fold(f64::MAX, f64::min);
        let bottom = line.iter().map(|c| c.bottom).fold(f64::MIN, f64::max);
        out.push((base, top, bottom, numeric(&text)));
        line.clear();
    };
    for c in glyphs {
        if let Some(first) = line.first() {
            if c.bottom - first.bottom > first.size / 3.0 {
                flush(&mut line, &mut out);
            }
        }
        line.push(c);
    }
    flush(&mut line, &mut out);
    out
}

/// The non-blank upright glyphs of each cell of a grid (by their centres).
pub(super) fn cell_glyphs<'c>(grid: &Grid, chars: &'c [Char]) -> Vec<Vec<&'c Char>> {
    let mut per_cell: Vec<Vec<&Char>> = vec![Vec::new(); grid.cells.len()];
    let finder = grid.finder();
    let (x0, top, x1, bottom) = grid.bbox();
    for c in chars {
        let (x, y) = ((c.x0 + c.x1) / 2.0, (c.top + c.bottom) / 2.0);
        if x < x0 || x > x1 || y < top || y > bottom || !c.upright || c.text.trim().is_empty() {
            continue;
        }
        if let Some(k) = finder.cell_at(x, y) {
            per_cell[k].push(c);
        }
    }
    per_cell
}

/// The ruled tables of a page: the lattice finder's grids, where rules cut
/// into pieces wall the cells of a body ruled on one axis (see the module
/// doc), with collapsed rows split ([`split_collapsed`]).
///
/// Guarded: a grid that walls from pieces changed is kept only if none of
/// its cells then holds more than [`MAX_WALLED_LINES`] lines (one value per
/// cell, as in the tables this is for); else the grids found without those
/// walls stand there (a plan ruled under each row only keeps the reading
/// it had, its wrapped cells found by the unruled-table finder).
pub fn ruled_grids(rules: &[Rule], chars: &[Char], fills: &[FillRect]) -> Vec<Grid> {
    // A filled header on top of the grid is outlined as its first row(s).
    let banded = band_walls(rules, chars, fills);
    let with_bands;
    let rules = if banded.is_empty() {
        rules
    } else {
        with_bands = [rules, &banded[..]].concat();
        &with_bands[..]
    };
    let plain = || -> Vec<Grid> {
        find_tables(rules)
            .into_iter()
            .map(|g| split_collapsed(g, chars))
            .collect()
    };
    let walls = piece_walls(rules, chars, fills);
    if walls.is_empty() {
        return plain();
    }
    let mut all = rules.to_vec();
    all.extend(&walls);
    let overlaps = |a: (f64, f64, f64, f64), b: (f64, f64, f64, f64)| {
        a.0 < b.2 && b.0 < a.2 && a.1 < b.3 && b.1 < a.3
    };
    let mut out: Vec<Grid> = Vec::new();
    let mut refused = false;
    for g in find_tables(&all) {
        let g = split_collapsed(g, chars);
        let (x0, top, x1, bottom) = g.bbox();
        let walled = walls.iter().any(|w| {
            let (wx0, wtop, wx1, wbottom) = if w.horizontal {
                (w.start, w.pos, w.end, w.pos)
            } else {
                (w.pos, w.start, w.pos, w.end)
            };
            wx0 >= x0 - SNAP && wx1 <= x1 + SNAP && wtop >= top - SNAP && wbottom <= bottom + SNAP
        });
        let deep = || {
            cell_glyphs(&g, chars)
                .into_iter()
                .any(|glyphs| cell_lines(glyphs).len() > MAX_WALLED_LINES)
        };
        if !walled || !(deep() || open(&g, chars)) {
            out.push(g);
        } else {
            refused = true;
        }
    }
    // Walls only add rules, so every grid found without them lies under
    // one found with them: only where one was refused is there a gap to
    // fill from the grids found without walls.
    if !refused {
        return out;
    }
    for p in plain() {
        if !out.iter().any(|g| overlaps(g.bbox(), p.bbox())) {
            out.push(p);
        }
    }
    out.sort_by(|a, b| {
        a.ys[0]
            .total_cmp(&b.ys[0])
            .then(a.xs[0].total_cmp(&b.xs[0]))
    });
    out
}

/// Whether a grid's table goes on past its top or bottom rule: text in two
/// of its columns or more right above its top rule or right under its
/// bottom one (no further than [`OPEN_REACH`] of a glyph's size), no glyph
/// of it across a column boundary. Rules only between rows (pdfmake's
/// `lightHorizontalLines`: under the header and between body rows, none
/// above the header nor under the last row) are cut a piece a cell, and
/// the walls from their joints make a grid of the rows between rules
/// alone; the header and the last row lie outside it. Such a grid is
/// refused (see [`ruled_grids`]); the unruled-table finder reads the whole
/// table, the rules starting its rows.
fn open(g: &Grid, chars: &[Char]) -> bool {
    let (Some(&top), Some(&bottom)) = (g.ys.first(), g.ys.last()) else {
        return false;
    };
    let (Some(&x0), Some(&x1)) = (g.xs.first(), g.xs.last()) else {
        return false;
    };
    let inner = &g.xs[1..g.xs.len() - 1];
    let edge = |near: &dyn Fn(&Char) -> bool| {
        let mut cols: Vec<usize> = Vec::new();
        for c in chars
            .iter()
            .filter(|c| c.x0 >= x0 && c.x1 <= x1 && !c.text.trim().is_empty() && near(c))
        {
            if inner
                .iter()
                .any(|&x| c.x0 < x - GLYPH_MARGIN && c.x1 > x + GLYPH_MARGIN)
            {
                return false;
            }
            let col = inner.iter().filter(|&&x| x <= c.x0).count();
            if !cols.contains(&col) {
                cols.push(col);
            }
        }
        cols.len() >= 2
    };
    edge(&|c: &Char| c.bottom <= top + 0.5 && top - c.bottom <= OPEN_REACH * c.size.max(1.0))
        || edge(&|c: &Char| c.top >= bottom - 0.5 && c.top - bottom <= OPEN_REACH * c.size.max(1.0))
}

/// How near (in glyph sizes) text above a grid's top rule or under its
/// bottom rule lies for the table to go on past it (see [`open`]).
const OPEN_REACH: f64 = 0.75;

/// A grid with its collapsed rows split at their text lines (see the
/// module doc, rule 2): a row whose cells hold the same stacked lines is
/// as many rows. Unchanged where no row qualifies.
pub fn split_collapsed(grid: Grid, chars: &[Char]) -> Grid {
    let n_rows = grid.n_rows();
    if n_rows == 0 || grid.cells.len() < 2 {
        return grid;
    }
    let mut per_cell = cell_glyphs(&grid, chars);
    // Rows whose cells all lie in that row alone.
    let mut spans_row = vec![false; n_rows];
    let mut row_cells: Vec<Vec<usize>> = vec![Vec::new(); n_rows];
    for (k, c) in grid.cells.iter().enumerate() {
        if c.rows > 1 {
            for s in spans_row.iter_mut().skip(c.row).take(c.rows) {
                *s = true;
            }
        } else if let Some(r) = row_cells.get_mut(c.row) {
            r.push(k);
        }
    }
    let mut cuts: Vec<Vec<f64>> = vec![Vec::new(); n_rows];
    let mut any = false;
    for r in 0..n_rows {
        if spans_row[r] || row_cells[r].len() < 2 {
            continue;
        }
        if let Some(c) = row_cuts(&row_cells[r], &mut per_cell) {
            any = true;
            cuts[r] = c;
        }
    }
    if !any {
        return grid;
    }
    // New row boundaries, and where each old row starts.
    let mut ys = Vec::with_capacity(grid.ys.len());
    let mut start = Vec::with_capacity(n_rows + 1);
    for (y, cut) in grid.ys.iter().zip(&cuts) {
        start.push(ys.len());
        ys.push(*y);
        ys.extend(cut);
    }
    start.push(ys.len());
    ys.push(grid.ys[n_rows]);
    let mut cells = Vec::with_capacity(grid.cells.len());
    for c in &grid.cells {
        let (first, last) = (start[c.row], start[c.row + c.rows]);
        if c.rows == 1 && !cuts[c.row].is_empty() {
            for row in first..last {
                cells.push(GridCell { row, ..*c });
            }
        } else {
            cells.push(GridCell {
                row: first,
                rows: last - first,
                ..*c
            });
        }
    }
    cells.sort_by_key(|c| (c.row, c.col));
    Grid {
        xs: grid.xs,
        ys,
        cells,
    }
}

/// Where to cut one row (its cells' indices in `per_cell`), if its cells
/// hold stacked values: [`MIN_STACK`] or more lines whose baselines line up
/// across the row, two or more cells with a line at every one of them, one
/// of them all figures, and no cell with two lines at one baseline.
fn row_cuts(cells: &[usize], per_cell: &mut [Vec<&Char>]) -> Option<Vec<f64>> {
    let lines: Vec<CellLines> = cells
        .iter()
        .map(|&k| cell_lines(std::mem::take(&mut per_cell[k])))
        .collect();
    let deepest = lines.iter().map(Vec::len).max().unwrap_or(0);
    if deepest < MIN_STACK {
        return None;
    }
    // Baselines of the row, clustered: (first baseline, top, bottom).
    let mut clusters: Vec<(f64, f64, f64)> = Vec::new();
    let mut sorted: Vec<&(f64, f64, f64, bool)> = lines.iter().flatten().collect();
    sorted.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut anchor = f64::MIN;
    for l in sorted {
        match clusters.last_mut() {
            Some(c) if l.0 - anchor <= BASELINE_SLACK => {
                c.1 = c.1.min(l.1);
                c.2 = c.2.max(l.2);
            }
            _ => {
                anchor = l.0;
                clusters.push((l.0, l.1, l.2));
            }
        }
    }
    let which = |b: f64| {
        clusters
            .iter()
            .position(|c| b >= c.0 - 1e-9 && b - c.0 <= BASELINE_SLACK)
    };
    let mut full = 0;
    let mut full_numeric = false;
    for cell in &lines {
        let mut seen = vec![false; clusters.len()];
        for l in cell {
            let k = which(l.0)?;
            if seen[k] {
                return None;
            }
            seen[k] = true;
        }
        if seen.iter().all(|&s| s) {
            full += 1;
            full_numeric |= cell.iter().all(|l| l.3);
        }
    }
    if full < 2 || !full_numeric {
        return None;
    }
    let mut cuts = Vec::with_capacity(clusters.len() - 1);
    for w in clusters.windows(2) {
        // Between the lines, with each line's middle on its side.
        let cut = (w[0].2 + w[1].1) / 2.0;
        if cut <= (w[0].1 + w[0].2) / 2.0 || cut >= (w[1].1 + w[1].2) / 2.0 {
            return None;
        }
        cuts.push(cut);
    }
    Some(cuts)
}

#[cfg(test)]
mod tests {
    use super::super::lattice::tests::{h, v};
    use super::*;

    #[test]
    fn row_rules_cut_per_column_give_column_walls() {
        // Rows at 0, 20, 40, 60, each drawn as pieces 0-100, 100-200.
        let rules: Vec<Rule> = [0.0, 20.0, 40.0, 60.0]
            .iter()
            .flat_map(|&y| [h(y, 0.0, 100.0), h(y, 100.0, 200.0)])
            .collect();
        let walls = piece_walls(&rules, &[], &[]);
        assert_eq!(walls.len(), 3);
        assert!(walls
            .iter()
            .all(|w| !w.horizontal && (w.pos - 100.0).abs() < 1e-9));
        assert_eq!(
            walls.iter().map(|w| (w.start, w.end)).collect::<Vec<_>>(),
            [(0.0, 20.0), (20.0, 40.0), (40.0, 60.0)]
        );
    }

    #[test]
    fn rules_only_between_rows_make_no_grid_of_the_rows_between_them() {
        // Rules cut at x = 100 and 200 at 20, 40 and 60, one-line cells
        // between.
        let rules: Vec<Rule> = [20.0, 40.0, 60.0]
            .iter()
            .flat_map(|&y| [h(y, 0.0, 100.0), h(y, 100.0, 200.0), h(y, 200.0, 300.0)])
            .collect();
        let text = |cells: &[(&str, f64, f64)]| -> Vec<Char> {
            cells
                .iter()
                .flat_map(|&(t, x, y)| super::super::layout::test_chars(t, x, y, 5.0))
                .collect()
        };
        let body = [
            ("Aim", 10.0, 35.0),
            ("PPPG", 110.0, 35.0),
            ("May", 210.0, 35.0),
            ("Goal", 10.0, 55.0),
        ];
        assert_eq!(ruled_grids(&rules, &text(&body), &[]).len(), 1);
        // A header right above the first rule, in both columns: the table
        // goes on above its rules (pdfmake's lightHorizontalLines).
        let mut open = body.to_vec();
        open.extend([("Priority", 10.0, 18.0), ("Lead", 110.0, 18.0)]);
        assert!(ruled_grids(&rules, &text(&open), &[]).is_empty());
        // A caption in one column: the grid stands.
        let mut caption = body.to_vec();
        caption.push(("Table 1", 10.0, 18.0));
        assert_eq!(ruled_grids(&rules, &text(&caption), &[]).len(), 1);
    }

    #[test]
    fn a_glyph_across_the_joint_or_a_whole_rule_between_keeps_the_cell() {
        let cut = |ys: &[f64]| -> Vec<Rule> {
            ys.iter()
                .flat_map(|&y| [h(y, 0.0, 100.0), h(y, 100.0, 200.0)])
                .collect()
        };
        // A whole rule at 20 (no joint at 100): no wall through it.
        let mut rules = cut(&[0.0, 40.0, 60.0]);
        rules.push(h(20.0, 0.0, 200.0));
        let walls = piece_walls(&rules, &[], &[]);
        assert_eq!(walls.len(), 1);
        assert_eq!((walls[0].start, walls[0].end), (40.0, 60.0));
        // Text across x = 100 between the first two cut rules: no wall
        // there.
        let rules = cut(&[0.0, 20.0, 40.0]);
        let chars = super::super::layout::test_chars("merged", 90.0, 15.0, 5.0);
        let walls = piece_walls(&rules, &chars, &[]);
        assert_eq!(walls.len(), 1);
        assert_eq!((walls[0].start, walls[0].end), (20.0, 40.0));
        // Already walled: nothing added.
        let mut ruled = rules.clone();
        ruled.push(v(100.0, 0.0, 40.0));
        assert!(piece_walls(&ruled, &[], &[]).is_empty());
        // Two cut rules (a frame around one block): no walls.
        assert!(piece_walls(&cut(&[0.0, 20.0]), &[], &[]).is_empty());
    }

    #[test]
    fn a_rule_of_another_table_cut_at_one_same_place_makes_no_third_rule() {
        // A table ruled above and below its header and under its body (at
        // 0, 10 and 40, cut at 50 and 130), then a paragraph across 50,
        // then the next table's ruled header (rules at 100 and 120 cut at
        // 50, 100 and 150): five rules meet at 50, but the next table's
        // two are a frame round its header, no walls; the first table's
        // three still wall its columns.
        let cut = |ys: &[f64], xs: &[f64]| -> Vec<Rule> {
            let mut edges = vec![0.0];
            edges.extend_from_slice(xs);
            edges.push(200.0);
            ys.iter()
                .flat_map(|&y| edges.windows(2).map(move |e| h(y, e[0], e[1])))
                .collect()
        };
        let mut rules = cut(&[0.0, 10.0, 40.0], &[50.0, 130.0]);
        rules.extend(cut(&[100.0, 120.0], &[50.0, 100.0, 150.0]));
        let chars = super::super::layout::test_chars("paragraph", 30.0, 60.0, 5.0);
        let mut walls: Vec<(f64, f64, f64)> = piece_walls(&rules, &chars, &[])
            .iter()
            .map(|w| (w.pos, w.start, w.end))
            .collect();
        walls.sort_by(|a, b| a.partial_cmp(b).unwrap());
        assert_eq!(
            walls,
            [
                (50.0, 0.0, 10.0),
                (50.0, 10.0, 40.0),
                (130.0, 0.0, 10.0),
                (130.0, 10.0, 40.0)
            ]
        );
        // The header's table's own bottom rule (cut where its header's
        // are, or at some of those places: a spanning cell) makes three.
        let mut rules = cut(&[100.0, 120.0], &[50.0, 100.0, 150.0]);
        rules.extend(cut(&[140.0], &[50.0]));
        let walls = piece_walls(&rules, &[], &[]);
        assert_eq!(walls.len(), 2);
        assert!(walls.iter().all(|w| (w.pos - 50.0).abs() < 1e-9));
    }

    #[test]
    fn a_gap_between_drawn_pieces_is_a_merged_cell() {
        // Rows cut per column; a vertical rule at 100 drawn in the first
        // and last rows but not in the middle one: a merged cell there.
        let mut rules: Vec<Rule> = [0.0, 20.0, 40.0, 60.0]
            .iter()
            .flat_map(|&y| [h(y, 0.0, 100.0), h(y, 100.0, 200.0)])
            .collect();
        rules.push(v(100.0, 0.0, 20.0));
        rules.push(v(100.0, 40.0, 60.0));
        assert!(piece_walls(&rules, &[], &[]).is_empty());
    }

    #[test]
    fn one_fill_across_a_row_wall_is_a_merged_cell() {
        let rules: Vec<Rule> = [0.0, 100.0, 200.0]
            .iter()
            .flat_map(|&x| [v(x, 0.0, 12.0), v(x, 12.0, 24.0)])
            .collect();
        let fill = FillRect {
            x0: 0.0,
            top: 0.0,
            x1: 100.0,
            bottom: 24.0,
            color: [200, 200, 200],
        };
        let walls = piece_walls(&rules, &[], &[fill]);
        assert_eq!(walls.len(), 1);
        assert_eq!((walls[0].pos, walls[0].start), (12.0, 100.0));
    }

    #[test]
    fn column_rules_cut_per_row_give_row_walls() {
        let rules: Vec<Rule> = [0.0, 100.0, 200.0]
            .iter()
            .flat_map(|&x| [v(x, 0.0, 12.0), v(x, 12.0, 24.0), v(x, 24.0, 36.0)])
            .collect();
        let walls = piece_walls(&rules, &[], &[]);
        let ys: Vec<(f64, f64, f64)> = walls.iter().map(|w| (w.pos, w.start, w.end)).collect();
        assert_eq!(
            ys,
            [
                (12.0, 0.0, 100.0),
                (12.0, 100.0, 200.0),
                (24.0, 0.0, 100.0),
                (24.0, 100.0, 200.0)
            ]
        );
        assert!(walls.iter().all(|w| w.horizontal));
    }

    /// A grid ruled cell by cell from y = 20 to 60 (two columns, 0-100 and
    /// 100-200, two rows), as jspdf-autotable's grid theme draws its body.
    fn cell_rules() -> Vec<Rule> {
        let mut rules = Vec::new();
        for (x0, x1) in [(0.0, 100.0), (100.0, 200.0)] {
            for (y0, y1) in [(20.0, 40.0), (40.0, 60.0)] {
                rules.extend([h(y0, x0, x1), h(y1, x0, x1), v(x0, y0, y1), v(x1, y0, y1)]);
            }
        }
        rules
    }

    fn band(y0: f64, y1: f64, color: [u8; 3]) -> Vec<FillRect> {
        [(0.0, 100.0), (100.0, 200.0)]
            .iter()
            .map(|&(x0, x1)| FillRect {
                x0,
                top: y0,
                x1,
                bottom: y1,
                color,
            })
            .collect()
    }

    fn header_text(y: f64) -> Vec<Char> {
        let mut chars = super::super::layout::test_chars("Action", 5.0, y, 5.0);
        chars.extend(super::super::layout::test_chars("Lead", 105.0, y, 5.0));
        chars
    }

    #[test]
    fn a_filled_header_on_a_ruled_grid_is_its_first_row() {
        let green = [26, 188, 156];
        let chars = header_text(16.0);
        let grids = ruled_grids(&cell_rules(), &chars, &band(4.0, 20.0, green));
        assert_eq!(grids.len(), 1);
        assert_eq!(grids[0].ys.len(), 4);
        assert!((grids[0].ys[0] - 4.0).abs() < 1e-9);
        assert_eq!(grids[0].xs.len(), 3);
        // Two header rows, the upper one on the lower one.
        let mut fills = band(4.0, 20.0, green);
        fills.extend(band(-12.0, 4.0, green));
        let mut chars = chars.clone();
        chars.extend(header_text(0.0));
        let walls = band_walls(&cell_rules(), &chars, &fills);
        assert!(walls
            .iter()
            .any(|w| w.horizontal && (w.pos + 12.0).abs() < 1e-9));
        assert_eq!(ruled_grids(&cell_rules(), &chars, &fills)[0].ys.len(), 5);
    }

    #[test]
    fn a_band_apart_from_the_grid_white_empty_or_ruled_adds_no_rule() {
        let green = [26, 188, 156];
        let rules = cell_rules();
        // A band above the grid with a gap between: a heading bar.
        assert!(band_walls(&rules, &header_text(12.0), &band(0.0, 15.0, green)).is_empty());
        // A white band (a body cell's white ground).
        assert!(band_walls(&rules, &header_text(16.0), &band(4.0, 20.0, [255; 3])).is_empty());
        // No text in it.
        assert!(band_walls(&rules, &[], &band(4.0, 20.0, green)).is_empty());
        // Ruled above already (a bordered header): nothing to add.
        let mut ruled = rules.clone();
        ruled.push(h(4.0, 0.0, 200.0));
        assert!(band_walls(&ruled, &header_text(16.0), &band(4.0, 20.0, green)).is_empty());
        // No side rules going down from its bottom: rows ruled across only.
        let across: Vec<Rule> = [20.0, 40.0, 60.0]
            .iter()
            .map(|&y| h(y, 0.0, 200.0))
            .collect();
        assert!(band_walls(&across, &header_text(16.0), &band(4.0, 20.0, green)).is_empty());
    }
}
