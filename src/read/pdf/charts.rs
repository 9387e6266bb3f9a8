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
//! **Rule 2** (bars): a ruled grid holding [`MIN_BARS`] or more filled
//! rectangles that stand on one line (same bottom, or for horizontal bars
//! same left edge, within a point), are as wide (tall) as each other and
//! differ in height (width) among at least three values is a bar chart.
//! Cell shading never does this: the fills of one row are all as tall as
//! the row, those of one column as wide as the column. A fill behind a
//! line of text, whose glyphs run from within half an em of one end to
//! within half an em of the other, is the text's highlight (AbiWord shades
//! a cell's words as well as the cell, "Green", "Amber", "Red" one under
//! the other at one left edge, as long as each word): not a bar.
//!
//! Guarded: a grid with no text at all was already dropped (an empty form),
//! and a grid of fewer slots is never judged by its text (a small table
//! with blanks).

use super::interp::{Char, FillRect};
use super::lattice::Grid;
use super::rulings::cell_glyphs;

/// Fewest slots for a grid to be judged.
const MIN_SLOTS: usize = 20;
/// Share of slots with text under which a grid is a chart.
const MAX_SHARE: f64 = 0.2;

/// Fewest bars for rule 2.
const MIN_BARS: usize = 4;
/// Narrowest bar (points): thinner fills are rules drawn as rectangles.
const MIN_BAR: f64 = 3.0;
/// Most fills looked at for rule 2.
const MAX_FILLS: usize = 5_000;
/// Most fill-glyph comparisons a grid's highlight test makes (beyond them
/// no fill is taken for a highlight).
const MAX_HIGHLIGHT_CHECKS: usize = 2_000_000;

/// Whether a ruled grid is a chart (see the module doc).
pub fn is_chart(grid: &Grid, chars: &[Char], fills: &[FillRect]) -> bool {
    if has_bars(grid, chars, fills) {
        return true;
    }
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

/// Rule 2: bars standing on one line inside the grid.
fn has_bars(grid: &Grid, chars: &[Char], fills: &[FillRect]) -> bool {
    let (x0, top, x1, bottom) = grid.bbox();
    let inside: Vec<&FillRect> = fills
        .iter()
        .take(MAX_FILLS)
        .filter(|f| {
            f.color != [255, 255, 255]
                && f.x1 - f.x0 >= MIN_BAR
                && f.bottom - f.top >= MIN_BAR
                && f.x0 >= x0 - 1.0
                && f.x1 <= x1 + 1.0
                && f.top >= top - 1.0
                && f.bottom <= bottom + 1.0
        })
        .collect();
    if inside.len() < MIN_BARS {
        return false;
    }
    // Highlights are left out; their test compares each fill with the
    // glyphs in the grid, at most `MAX_HIGHLIGHT_CHECKS` times a grid.
    let near: Vec<&Char> = chars
        .iter()
        .filter(|c| c.x1 >= x0 && c.x0 <= x1 && c.bottom >= top && c.top <= bottom)
        .collect();
    let inside: Vec<&FillRect> = if inside.len().saturating_mul(near.len()) <= MAX_HIGHLIGHT_CHECKS
    {
        inside
            .into_iter()
            .filter(|f| !behind_text(f, &near))
            .collect()
    } else {
        inside
    };
    if inside.len() < MIN_BARS {
        return false;
    }
    // (base, thickness, length) of each fill, upright then lying.
    let upright: Vec<(f64, f64, f64)> = inside
        .iter()
        .map(|f| (f.bottom, f.x1 - f.x0, f.bottom - f.top))
        .collect();
    let lying: Vec<(f64, f64, f64)> = inside
        .iter()
        .map(|f| (f.x0, f.bottom - f.top, f.x1 - f.x0))
        .collect();
    bars_on_a_line(upright) || bars_on_a_line(lying)
}

/// Whether `f` is a highlight behind text: the upright glyphs whose
/// centres lie in it (at least one inked) run from within half an em of
/// its left edge to within half an em of its right one, and it is no
/// taller than [`HIGHLIGHT_LINES`] of their lines. A bar's label, if it
/// has one inside, leaves most of the bar bare.
fn behind_text(f: &FillRect, chars: &[&Char]) -> bool {
    let (mut x0, mut x1, mut size) = (f64::MAX, f64::MIN, 0.0_f64);
    for c in chars.iter().filter(|c| {
        let (cx, cy) = ((c.x0 + c.x1) / 2.0, (c.top + c.bottom) / 2.0);
        c.upright
            && !c.text.trim().is_empty()
            && f.x0 <= cx
            && cx <= f.x1
            && f.top <= cy
            && cy <= f.bottom
    }) {
        x0 = x0.min(c.x0);
        x1 = x1.max(c.x1);
        size = size.max(c.size);
    }
    size > 0.0
        && x0 - f.x0 <= 0.5 * size
        && f.x1 - x1 <= 0.5 * size
        && f.bottom - f.top <= HIGHLIGHT_LINES * 1.5 * size
}

/// Most lines of text a highlight is read behind (see [`behind_text`]).
const HIGHLIGHT_LINES: f64 = 3.0;

/// Whether [`MIN_BARS`] of these (base, thickness, length) share a base
/// and a thickness (within a point) and have three or more lengths.
fn bars_on_a_line(mut bars: Vec<(f64, f64, f64)>) -> bool {
    bars.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
    let mut i = 0;
    while i < bars.len() {
        let mut j = i + 1;
        while j < bars.len() && bars[j].0 - bars[i].0 <= 1.0 && (bars[j].1 - bars[i].1).abs() <= 1.0
        {
            j += 1;
        }
        if j - i >= MIN_BARS {
            let mut lengths: Vec<f64> = bars[i..j].iter().map(|b| b.2).collect();
            lengths.sort_by(f64::total_cmp);
            lengths.dedup_by(|a, b| (*a - *b).abs() <= 1.0);
            if lengths.len() >= 3 {
                return true;
            }
        }
        i = j;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::super::layout::test_chars;
    use super::*;

    fn grid(cols: usize, rows: usize) -> Grid {
        super::super::lattice::tests::uniform(cols, rows, 50.0)
    }

    #[test]
    fn a_grid_with_text_in_few_slots_is_a_chart() {
        // 6 x 5 = 30 slots; bar values in 4 of them.
        let g = grid(6, 5);
        let mut chars = Vec::new();
        for (x, y) in [(60.0, 35.0), (160.0, 35.0), (60.0, 75.0), (160.0, 75.0)] {
            chars.extend(test_chars("30.5", x, y, 5.0));
        }
        assert!(is_chart(&g, &chars, &[]));
        // Text in a third of the slots: a table with blank columns.
        for y in [15.0, 55.0, 95.0] {
            for x in [10.0, 110.0] {
                chars.extend(test_chars("Name", x, y, 5.0));
            }
        }
        assert!(!is_chart(&g, &chars, &[]));
        // Small grids are never judged.
        assert!(!is_chart(&grid(3, 3), &chars[..4], &[]));
    }

    fn fill(x0: f64, top: f64, x1: f64, bottom: f64) -> FillRect {
        FillRect {
            x0,
            top,
            x1,
            bottom,
            color: [50, 120, 200],
        }
    }

    #[test]
    fn bars_on_one_line_make_a_chart_and_cell_shading_does_not() {
        // 3 x 3 slots: too few for the text rule; only bars decide.
        let g = grid(3, 3);
        let bars: Vec<FillRect> = [20.0, 35.0, 50.0, 42.0]
            .iter()
            .enumerate()
            .map(|(i, &h)| {
                fill(
                    10.0 + 35.0 * i as f64,
                    60.0 - h,
                    30.0 + 35.0 * i as f64,
                    60.0,
                )
            })
            .collect();
        assert!(is_chart(&g, &[], &bars));
        // Lying bars: one left edge, one height, several widths.
        let lying: Vec<FillRect> = [40.0, 70.0, 100.0, 90.0]
            .iter()
            .enumerate()
            .map(|(i, &w)| fill(0.0, 2.0 + 14.0 * i as f64, w, 12.0 + 14.0 * i as f64))
            .collect();
        assert!(is_chart(&g, &[], &lying));
        // A shaded header row and a shaded first column: no bars.
        let mut shading: Vec<FillRect> = (0..3)
            .map(|c| fill(50.0 * c as f64, 0.0, 50.0 * (c + 1) as f64, 20.0))
            .collect();
        shading.extend((1..3).map(|r| fill(0.0, 20.0 * r as f64, 50.0, 20.0 * (r + 1) as f64)));
        assert!(!is_chart(&g, &[], &shading));
    }

    #[test]
    fn highlights_behind_words_one_under_another_are_not_bars() {
        // AbiWord's RAG column: each word on a fill as long as the word,
        // at one left edge, of three lengths.
        let g = grid(3, 3);
        let mut chars = Vec::new();
        let mut fills = Vec::new();
        for (i, word) in ["Green", "Amber", "Red", "Complete"].iter().enumerate() {
            let y = 14.0 + 14.0 * i as f64;
            chars.extend(test_chars(word, 10.0, y, 5.0));
            fills.push(fill(
                10.0,
                y - 11.0,
                10.0 + 5.0 * word.len() as f64,
                y + 2.0,
            ));
        }
        assert!(!is_chart(&g, &chars, &fills));
        // The same fills with their labels a third of their length: bars.
        let labels: Vec<Char> = (0..4)
            .flat_map(|i| test_chars("7", 10.0, 14.0 + 14.0 * i as f64, 5.0))
            .collect();
        assert!(is_chart(&g, &labels, &fills));
    }
}
