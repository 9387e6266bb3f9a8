//! Unruled ("stream") tables: from aligned columns of words to cell grids.
//!
//! A table drawn without rules is text whose lines break into pieces at the
//! same places, line after line. The steps, in the spirit of pdfplumber's
//! `text` strategy and Nurminen's:
//!
//! 1. **Segments**: each line is cut where the gap between two words is
//!    wider than [`SEGMENT_GAP`] × the font size (wider than any word space
//!    of ordinary, even justified, prose); or where a justified cell's line
//!    (word spaces drawn and stretched) reaches its column's edge and a gap
//!    with no blank glyph, wider than a word space and unlike the line's
//!    spaces, follows (see `segments`).
//!    A line's segments for finding blocks include those of the lines
//!    set beside it, a few points higher or lower and clear of its own
//!    (`beside_segments`: a LaTeX list set under the paragraph space,
//!    its lines alternating with the next column's).
//! 2. **Blocks**: runs of consecutive lines, no further apart than
//!    [`ROW_GAP`] × the font size nor than twice the widest space between
//!    the block's lines so far (a heading or the next paragraph is further;
//!    not where a rule or band edge across the block lies in the gap, as
//!    under a booktabs header, and the line below it has several segments
//!    or is a narrow one, a section label; nor where the block's lines so
//!    far are set close, a header of several lines, and the line below
//!    starts two segments or more where the block's first line starts
//!    one, the same space coming again between the lines below: the
//!    cells' padding between rows of a table drawn with no rules or
//!    fills, jspdf-autotable's plain theme, see `spaced_again`; nor,
//!    up to four ems, where the next row's first lines start in two or
//!    more of the block's columns and stay within them, as a longtable's
//!    rows spaced by \addlinespace: see `in_columns`),
//!    in one font size (within a quarter), made of lines with two or more
//!    segments;
//!    a one-segment line may sit between them (a cell's text wrapping, a
//!    section label) if it is narrower than [`NARROW`] of the block. A
//!    block needs [`MIN_ROWS`] lines of several segments. Trailing lines
//!    of one segment are left out unless they are a cell's wrapped lines,
//!    or a rule or band edge across the block lies right under the last
//!    of them (the rule under the last row: they are its paragraphs), or
//!    the header is ruled above and below and they follow that lower rule,
//!    the first under the header (a section label alone under the header
//!    at a page's foot), or the block's lines sit on one baseline grid and
//!    they are at most a blank line below the line above, right of its
//!    left edge (a longtable's next rows at a page's foot, see
//!    `grid_pitch`: most lines one pitch under the line above, the rest a
//!    whole number of pitches, or a few set closer than the pitch, as
//!    pandoc's top-aligned minipage rows are).
//!    A block ends above trailing lines set on another table's columns
//!    (a line of several segments, each across a boundary of the lines
//!    above, and the lines under it starting theirs where it does: a
//!    key/value table printed right under a wider table, see
//!    `foreign_tail`).
//!    Lines just above the block's first that overlap it (a taller header
//!    cell centred beside it) join the block; so do lines just above it
//!    set a wrap apart, under a rule or band edge across the block, where
//!    another lies under the header (a bottom-aligned header cell's upper
//!    lines, pandoc's: see `header_lines`; as wide as the rule above them
//!    where that is wider than the block, a value wrapping above its
//!    bottom-aligned label).
//! 3. **Columns**: the x positions that no segment of the block covers (a
//!    few spanning segments allowed) separate the columns; a column with
//!    text in fewer than two lines is merged into its neighbour, unless the
//!    header names it: a boundary from the header's own word groups (in a
//!    gap between two segments of the block's first line, or of any line
//!    of a header ruled above and below: `header_lines`), or
//!    where a rule across the table drawn one piece a cell (a browser's
//!    booktabs rules) has two pieces meeting (`rule_joints`). Also where
//!    words start at one x in three lines or more, nothing crossing it
//!    (`start_columns`): columns whose text is closer than a segment gap,
//!    as a LaTeX longtable's, on a baseline grid or spaced apart.
//! 4. **Not a table** (to keep prose out): fewer than two columns; fewer
//!    than [`MIN_ROWS`] lines with text in two columns (a row `in_columns`
//!    let in, its first lines showing two columns together, counts as
//!    one; `in_columns` itself trusts a header ruled above and below
//!    alone, as on a continuation page; one more when there
//!    are only two columns, unless booktabs rules frame the block above,
//!    under its header and under its last line: `framed`); every column holding
//!    long text (two columns of running prose); a column of nothing but
//!    bullets or list numbers beside a single other column (a list); fewer
//!    than half the cells (after joining continuation lines) holding text
//!    (a column empty under the header counts none where the header is
//!    ruled or banded above and below, `delimited_header`, as on a baseline
//!    grid: a header's column left empty on a continuation page),
//!    or most lines repeating one text in every cell (the tick labels and
//!    captions of charts side by side). Only upright text is
//!    considered: a chart's turned axis title is a column of one-letter
//!    lines.
//! 5. **Rows**: where cells are centred vertically in their rows (a short
//!    cell level with a taller neighbour's middle, see `centred_rows`),
//!    a row is a run of lines the columns' text together leaves no gap
//!    wider than a row's padding in. Otherwise
//!    every line starts a row except a continuation, a line with
//!    an empty first column, fewer cells than the row's first line and no
//!    more space above it than between the block's closest lines: the
//!    wrapped text of the cells above, joined into them. Where cells wrap,
//!    rows come from the content instead (see `content_rows`; on a
//!    baseline grid, rows set with no padding as in a LaTeX longtable,
//!    also a list starting a line below its row's first line, or a cell
//!    starting again beside other columns' new text or paragraphs, and
//!    no cell spans rows; off the grid, a list opening a column still
//!    empty in the row while another cell's lines go on past it is that
//!    row's, set lower by LaTeX); a rule or
//!    the edge of a shaded band across the table starts a row (drawn in
//!    pieces, one a cell, as a browser does, the pieces count together:
//!    see `fill_edges`, `across`), and a header ruled or banded above and
//!    below is one row of all its lines whatever its cells' vertical
//!    alignment (`header_lines`); a cell
//!    whose text runs on past a row start spans both rows (`spans_down`:
//!    at the row's first line, or lower with nothing in the column before
//!    it, a spanning cell's lines set at their own pitch between the next
//!    row's lines);
//!    a body row of one line with text in the first column alone, or one
//!    run of words starting there (a section label running on past the
//!    column's boundary), is one cell across the row.
//!
//! The result is a [`Grid`] like a ruled table's (a segment running across
//! a column boundary is a merged cell), so cells are filled, shaded and
//! laid out by the same code.

use super::interp::FillRect;
use super::lattice::{Grid, GridCell};
use super::layout::{Line, Word, BULLETS};
use super::tables::{BAND_HEIGHT, BAND_SHARE};

/// A gap between words wider than this many font sizes separates segments.
pub const SEGMENT_GAP: f64 = 1.0;
/// Lines further apart than this many font sizes are not one table.
pub const ROW_GAP: f64 = 2.0;
/// Lines looked at after a header for the cells' padding again (see
/// `spaced_again`).
const PADDED_REACH: usize = 12;
/// A one-segment line narrower than this share of the block can be inside.
pub const NARROW: f64 = 0.6;
/// Fewest lines of several segments in a table.
pub const MIN_ROWS: usize = 3;
/// Least share of a table's cells holding text.
const MIN_FILLED: f64 = 0.5;
/// A gap between two words of a line narrower than this many font sizes
/// is a word space, not the padding of two cells.
const WORD_SPACE: f64 = 0.5;
/// A word space wider than this many font sizes is stretched (a justified
/// line's): a font's own space is about a quarter em.
const STRETCHED: f64 = 0.4;
/// A column whose segments average this many characters holds prose.
const LONG_TEXT: f64 = 30.0;

/// A run of words in one line with no wide gap between them (or only word
/// spaces the writer drew, however wide: `Word::spaced`).
#[derive(Debug, Clone, Copy)]
struct Segment {
    x0: f64,
    x1: f64,
}

fn segments(line: &Line) -> Vec<Segment> {
    let mut out: Vec<Segment> = Vec::new();
    let mut prev: Option<&Word> = None;
    // A justified cell's lines reach its column's edge, closer to the next
    // column's text than a segment gap. Such a line's word spaces are
    // drawn (space glyphs: `Word::spaced`) and stretched (wider than
    // [`STRETCHED`] em); the gap after it holds no blank glyph at all
    // (`Word::bare`). Wider than a word space (`WORD_SPACE`), after a run
    // of words with a stretched space and a last word that is no list
    // marker (a bullet's indent), and not as wide as the run's last word
    // space (within a tenth of an em), that gap cuts the line.
    let mut stretched = false;
    // The run's last word space: a writer that places some of a line's
    // words itself (groff) leaves as much between them as it draws.
    let mut space = f64::MAX;
    for w in &line.words {
        let size = w.size.max(prev.map_or(0.0, |p| p.size)).max(1.0);
        let drawn = stretched && prev.is_some_and(|p| (w.x0 - p.x1 - space).abs() > 0.1 * size);
        stretched = match prev {
            Some(p) if p.spaced => {
                space = w.x0 - p.x1;
                stretched || space > STRETCHED * size
            }
            _ => false,
        };
        match (prev, out.last_mut()) {
            (Some(p), Some(s))
                if p.spaced
                    || (w.x0 - p.x1 <= SEGMENT_GAP * size
                        && !(drawn
                            && p.bare
                            && w.x0 - p.x1 > WORD_SPACE * size
                            && !is_marker(&p.text))) =>
            {
                s.x1 = s.x1.max(w.x1)
            }
            _ => out.push(Segment { x0: w.x0, x1: w.x1 }),
        }
        prev = Some(w);
    }
    out
}

/// Each line's segments with those of the lines set beside it: lines a
/// little higher or lower (overlapping it by a third of the shorter's
/// height or more, in the same font size within a quarter) whose
/// segments lie clear of its own. A cell's text set a few points lower
/// than its neighbours' (a LaTeX list at a cell's top, under the
/// paragraph space) runs line for line beside theirs, and the writer's
/// lines alternate between the two columns: together they show the
/// table's columns.
fn beside_segments(lines: &[Line], own: &[Vec<Segment>]) -> Vec<Vec<Segment>> {
    let mut out = own.to_vec();
    for (j, l) in lines.iter().enumerate() {
        if own[j].len() >= 2 {
            continue;
        }
        let lo = j.saturating_sub(2);
        let hi = (j + 3).min(lines.len());
        for k in lo..hi {
            let m = &lines[k];
            if k == j || (m.size - l.size).abs() > 0.25 * l.size.max(1.0) {
                continue;
            }
            let overlap = l.bottom.min(m.bottom) - l.top.max(m.top);
            let least = (l.bottom - l.top).min(m.bottom - m.top);
            if least <= 0.0 || overlap < least / 3.0 {
                continue;
            }
            let clear = own[k]
                .iter()
                .all(|t| own[j].iter().all(|s| t.x1 < s.x0 || t.x0 > s.x1));
            if clear {
                out[j].extend(own[k].iter().copied());
            }
        }
        out[j].sort_by(|a, b| a.x0.total_cmp(&b.x0));
    }
    out
}

/// Find unruled tables among `lines` (top to bottom). `avoid` are boxes
/// `(x0, top, x1, bottom)` of ruled tables: a block reaching into one is
/// not a table. Returns the grids.
#[cfg(test)]
pub fn find_tables(lines: &[Line], avoid: &[(f64, f64, f64, f64)]) -> Vec<Grid> {
    find_tables_ruled(lines, avoid, &[], &[])
}

/// [`find_tables`], with the page's horizontal rules `(y, x0, x1)`: a rule
/// running across most of a block between two of its lines (the rule
/// under a booktabs or LINEBELOW header) starts a row there; so do the
/// edges `(y, x0, x1)` of shaded rectangles (see [`fill_edges`]) in
/// `edges` across [`BAND_SHARE`] of it together (a zebra stripe, the
/// bottom of a dark header: a browser leaves a row-spanning cell
/// unshaded, so a band may stop short of the table). Rules and shaded
/// rows drawn one piece a cell show the column boundaries where their
/// pieces meet (`rule_joints`).
pub fn find_tables_ruled(
    lines: &[Line],
    avoid: &[(f64, f64, f64, f64)],
    rules: &[(f64, f64, f64)],
    edges: &[(f64, f64, f64)],
) -> Vec<Grid> {
    let segs: Vec<Vec<Segment>> = lines.iter().map(segments).collect();
    // With the segments of lines set beside each line: where a block may
    // start and go on, and how many of its lines show several columns.
    let wide = beside_segments(lines, &segs);
    let mut out = Vec::new();
    let mut i = 0;
    // The first line not in a table found already.
    let mut floor = 0;
    while i < lines.len() {
        if wide[i].len() < 2 {
            i += 1;
            continue;
        }
        // Grow a block from line i.
        let mut members = vec![i];
        // Lines that start a row `in_columns` let in past a wide gap, and
        // the lines of that row's first two ems: they show the block's
        // columns together, as a line of several segments does.
        let mut rowed: Vec<usize> = Vec::new();
        // The first line of each such row.
        let mut row_starts: Vec<usize> = Vec::new();
        let (mut bx0, mut bx1) = (lines[i].x0, lines[i].x1);
        let mut widest = f64::MIN;
        // The gaps with a band edge across the block (a zebra stripe's
        // top or bottom, a dark header's bottom): its rows' spacing.
        let mut banded: Vec<f64> = Vec::new();
        // A header ruled above (within two ems) and then below, among
        // the block's first lines: its columns are known from it alone.
        let size_i = lines[i].size.max(1.0);
        let ruled_above = [rules, edges].iter().any(|r| {
            across(r, lines[i].top - 2.0 * size_i, lines[i].top, bx0, bx1) >= 0.8 * (bx1 - bx0)
        });
        let mut head_ruled = false;
        let mut j = i + 1;
        while j < lines.len() {
            let prev = &lines[*members.last().unwrap_or(&i)];
            let l = &lines[j];
            let size = prev.size.max(l.size).max(1.0);
            let gap = l.top - prev.bottom;
            // A rule or band edge across the block in the gap (the rule
            // under a booktabs header) explains more space than the
            // block's lines leave: the table goes on below it.
            let ruled = (wide[j].len() >= 2 || l.x1 - l.x0 < NARROW * (bx1 - bx0))
                && [rules, edges]
                    .iter()
                    .any(|r| across(r, prev.bottom, l.top, bx0, bx1) >= 0.8 * (bx1 - bx0));
            // The first row's lines set close (a header of three lines
            // or more), then the cells' padding: the next row where its
            // text starts in the columns the block's first line starts
            // and the same space comes again between the rows below.
            let padded = widest <= 0.5 * size
                && same_starts(&segs[i], &segs[j]) >= 2
                && spaced_again(lines, j, gap, size);
            // Much more space than between the block's lines so far, or
            // another font size: a heading or the next paragraph.
            // The next row's first lines set in the block's columns, two
            // of them or more: rows spaced apart (booktabs' \addlinespace,
            // a cell's spaced paragraphs), the table going on.
            // Only asked where the gap would end the block otherwise.
            let wide_gap = gap > ROW_GAP * size || gap > 2.0 * widest + 0.8 * size;
            let shown = if head_ruled { 1 } else { MIN_ROWS };
            let columned = wide_gap
                && gap <= ROW_GAP_COLUMNS * size
                && in_columns(lines, &wide, &members, j, shown);
            if (gap > ROW_GAP * size && !columned)
                || (l.top < prev.bottom - 0.5 * size && !set_beside(prev, l))
                || (members.len() > 2
                    && gap > 2.0 * widest + 0.8 * size
                    && !ruled
                    && !padded
                    && !columned)
                || (l.size - lines[i].size).abs() > 0.25 * lines[i].size
                || ruled_twice(rules, prev.bottom, l.top, bx0, bx1, size)
                || unbanded_gap(&banded, gap, size) && !ruled
            {
                break;
            }
            if columned {
                rowed.extend((j..lines.len()).take_while(|&k| lines[k].top <= l.top + 2.0 * size));
                row_starts.push(j);
            }
            head_ruled |= ruled_above && ruled && members.len() <= HEADER_LINES;
            widest = widest.max(gap);
            if across(edges, prev.bottom, l.top, bx0, bx1) >= BAND_SHARE * (bx1 - bx0) {
                banded.push(gap);
            }
            if wide[j].len() >= 2 {
                bx0 = bx0.min(l.x0);
                bx1 = bx1.max(l.x1);
            } else if l.x1 - l.x0 >= NARROW * (bx1 - bx0) {
                break;
            }
            members.push(j);
            j += 1;
        }
        // Trailing lines set on another table's columns (a second table
        // printed right under this one, no wider gap between: TCPDF's
        // consecutive tables) end the block above them (`foreign_tail`).
        if let Some(t) = foreign_tail(lines, &segs, &members) {
            members.truncate(t);
            let multi = members.iter().filter(|&&m| segs[m].len() >= 2);
            bx0 = multi.clone().map(|&m| lines[m].x0).fold(f64::MAX, f64::min);
            bx1 = multi.map(|&m| lines[m].x1).fold(f64::MIN, f64::max);
        }
        // Trailing one-segment lines are not part of it, except the
        // wrapped lines of a cell in the last row: as close to the line
        // above as the block's closest lines, starting right of the block's
        // left edge (a paragraph or note under a table starts at it).
        let closest = members
            .windows(2)
            .map(|w| lines[w[1]].top - lines[w[0]].bottom)
            // Lines of different columns overlapping (baselines offset by
            // a cell's padding) measure no spacing.
            .filter(|g| *g >= 0.0)
            .fold(f64::MAX, f64::min);
        let closest = if closest == f64::MAX { 0.0 } else { closest };
        let left = members
            .iter()
            .map(|&m| lines[m].x0)
            .fold(f64::MAX, f64::min);
        // A rule or band edge across the block right under its last line
        // (LINEBELOW under the last row, a booktabs bottom rule, the last
        // stripe's edge) closes the table there: the lines above it are the
        // last row's, new paragraphs of its cells included.
        let closed = members.last().is_some_and(|&m| {
            let (y, size) = (lines[m].bottom, lines[m].size.max(1.0));
            across(rules, y, y + 2.0 * size, bx0, bx1) >= 0.8 * (bx1 - bx0)
                || across(edges, y, y + 2.0 * size, bx0, bx1) >= BAND_SHARE * (bx1 - bx0)
        });
        // A rule or band edge across the block between the header and a
        // trailing line, the first under the block's first line, with one
        // right above that line too (a ruled header), makes the trailing
        // lines the first body row: a section label under the header at
        // the foot of a page.
        let header_ruled = members.first().is_some_and(|&f| {
            let (top, size) = (lines[f].top, lines[f].size.max(1.0));
            let ruled = |a: f64, b: f64| {
                across(rules, a, b, bx0, bx1) >= 0.8 * (bx1 - bx0)
                    || across(edges, a, b, bx0, bx1) >= BAND_SHARE * (bx1 - bx0)
            };
            ruled(top - 2.0 * size, top)
                && (1..members.len()).any(|k| {
                    let (above, below) = (lines[members[k - 1]].bottom, lines[members[k]].top);
                    segs[members[k]].len() < 2
                        && ruled(above, below)
                        && !(1..k)
                            .any(|j| ruled(lines[members[j - 1]].bottom, lines[members[j]].top))
                        && (k..members.len()).all(|j| segs[members[j]].len() < 2)
                })
        });
        let mut keep = if closed || header_ruled {
            0
        } else {
            members.len()
        };
        // On a baseline grid (rows not padded apart, a LaTeX longtable
        // running on to the next page) a trailing line one blank line
        // below the one above is the next row's (a list set a line below
        // its row's first line leaves that blank line under its row).
        let pitch = grid_pitch(lines, &members, rules, edges);
        while keep > 1 && wide[members[keep - 1]].len() < 2 && !rowed.contains(&members[keep - 1]) {
            let (l, above) = (&lines[members[keep - 1]], &lines[members[keep - 2]]);
            let on_grid = pitch.is_some_and(|p| l.bottom - above.bottom <= 2.0 * p + 0.5);
            let wrapped = ((on_grid
                || l.top - above.bottom <= closest + 0.25 * l.size.max(1.0)
                || cell_paragraph_below(lines, &segs, &members, keep - 1, closest))
                && l.x0 > left + 2.0 * l.size.max(1.0))
                || runs_on_in_column(lines, &segs, &members, keep - 1, closest);
            if !wrapped {
                keep -= 1;
                members.truncate(keep);
                continue;
            }
            // Keep it only when a line of several segments is above it
            // with only wrapped lines between.
            keep -= 1;
        }
        // Lines just above the first that overlap it, half a line's pitch
        // higher or more (one cell's lines centred beside a shorter first
        // line: "Risk rating" over a header set level with its middle
        // line; not a column set a few points lower than its neighbours),
        // are the first row's, where they lie within the block's width.
        while let Some(&f) = members.first() {
            let Some(k) = f.checked_sub(1).filter(|&k| k >= floor) else {
                break;
            };
            let (l, first) = (&lines[k], &lines[f]);
            if l.bottom > first.top + 0.5
                && l.top <= first.top - 0.5 * first.size.max(1.0)
                && l.x0 >= bx0 - 1.0
                && l.x1 <= bx1 + 1.0
                && (l.size - first.size).abs() <= 0.25 * first.size.max(1.0)
            {
                members.insert(0, k);
            } else {
                break;
            }
        }
        // Lines just above the first, within the block's width and set
        // as close as a header's lines, under a rule across the block
        // (within two ems) with none between them and the first, are
        // the header's where the rule under the header lies under one of
        // the block's first lines (`header_lines`): a bottom-aligned
        // header cell's upper lines, one word alone ("Support" over
        // "required from other").
        if let Some(&f) = members.first() {
            let size = lines[f].size.max(1.0);
            // The block's width, or that of a rule across it over these
            // lines: a header cell's upper lines may reach further than
            // any line under them (the value of pandoc's "label | value"
            // first row, wrapping above its bottom-aligned label).
            let reach = HEADER_LINES as f64 * 2.0 * size;
            let (rx0, rx1) = rules
                .iter()
                .filter(|r| {
                    r.0 < lines[f].top
                        && r.0 >= lines[f].top - reach
                        && r.1 <= bx0 + 1.0
                        && r.2 >= bx1 - 1.0
                })
                .fold((bx0, bx1), |(a, b), r| (a.min(r.1), b.max(r.2)));
            let mut up = Vec::new();
            let mut k = f;
            while k > floor && up.len() < HEADER_LINES - 1 {
                let (l, below) = (&lines[k - 1], &lines[k]);
                let ok = l.x0 >= rx0 - 1.0
                    && l.x1 <= rx1 + 1.0
                    && (l.size - lines[f].size).abs() <= 0.25 * size
                    && below.top - l.bottom <= 0.5 * size
                    && below.top - l.bottom >= -0.5
                    && across(rules, l.bottom, below.top, bx0, bx1) <= 0.0
                    && across(edges, l.bottom, below.top, bx0, bx1) <= 0.0;
                if !ok {
                    break;
                }
                k -= 1;
                up.insert(0, k);
            }
            // The topmost line the rule lies right above.
            let ruled_above = |m: usize| {
                let top = lines[m].top;
                across(rules, top - 2.0 * size, top, bx0, bx1) >= 0.8 * (bx1 - bx0)
                    || across(edges, top - 2.0 * size, top, bx0, bx1) >= BAND_SHARE * (bx1 - bx0)
            };
            if let Some(at) = up.iter().position(|&m| ruled_above(m)) {
                let mut with: Vec<usize> = up[at..].to_vec();
                with.extend(members.iter().copied());
                if header_lines(lines, &with, rules, edges) > up.len() - at {
                    members = with;
                }
            }
        }
        // A block that is no table may still hold one below its first
        // line (a caption over the columns): try again from the next line.
        let starts = row_starts.iter().filter(|j| members.contains(j)).count();
        match block_grid(lines, &segs, &wide, &members, starts, rules, edges) {
            Some(g) if !avoid.iter().any(|a| overlaps(*a, g.bbox())) => {
                out.push(g);
                i = members.last().map_or(i + 1, |m| m + 1);
                floor = i;
            }
            _ => i += 1,
        }
    }
    out
}

/// The most trailing lines [`foreign_tail`] looks at.
const FOREIGN_LINES: usize = 10;

/// The lines of several segments [`foreign_tail`] wants above the
/// trailing lines: the table's columns are clear from its rows, not only
/// from a header's lines.
const FOREIGN_HEAD: usize = 2 * MIN_ROWS;

/// Segments of two lines starting within this many ems of each other
/// start in one column.
const SAME_START: f64 = 0.5;

/// Where the block's trailing lines are set on other columns than the
/// lines above them: the index in `members` of the first of them. From
/// some line on (one of the last [`FOREIGN_LINES`], with [`MIN_ROWS`]
/// lines and [`FOREIGN_HEAD`] lines of several segments above it) that
/// has several segments, each running across a column
/// boundary of the lines above ([`separators`]), every line of several
/// segments starts each of them where one of that line's starts (within
/// [`SAME_START`] em): a key/value table printed right under a wider one
/// with no more space between than between its rows ("LSCBN Strategic
/// Priority 2:" across the first boundary, "Improving the recognition..."
/// across the last three; "Executive Support Group Sponsor:" / "[to be
/// advised]" under them), no row of it. A row of one segment (a section
/// label), or with a cell inside its column, is not; nor are the rows
/// under such a line when they are set on the table's columns.
fn foreign_tail(lines: &[Line], segs: &[Vec<Segment>], members: &[usize]) -> Option<usize> {
    let n = members.len();
    let from = MIN_ROWS.max(n.saturating_sub(FOREIGN_LINES));
    for t in from..n {
        let first = &segs[members[t]];
        // Segments each across a boundary are fewer than the columns:
        // fewer than some line above has (a cheap test first).
        if first.len() < 2
            || members[..t].iter().all(|&m| segs[m].len() <= first.len())
            || members[..t].iter().filter(|&&m| segs[m].len() >= 2).count() < FOREIGN_HEAD
        {
            continue;
        }
        let seps = separators(lines, segs, &members[..t]);
        if !first
            .iter()
            .all(|s| seps.iter().any(|&x| s.x0 < x && x < s.x1))
        {
            continue;
        }
        let size = lines[members[t]].size.max(1.0);
        let same = |m: usize| {
            segs[m].len() < 2
                || segs[m].iter().all(|s| {
                    first
                        .iter()
                        .any(|f| (f.x0 - s.x0).abs() <= SAME_START * size)
                })
        };
        if members[t + 1..].iter().all(|&m| same(m)) {
            return Some(t);
        }
    }
    None
}

/// Most space, in ems, between a table's rows where the next row's lines
/// go on in the block's columns ([`in_columns`]).
const ROW_GAP_COLUMNS: f64 = 4.0;

/// Whether the lines that start a row at line `j` (those whose tops lie
/// within two ems of its top: a cell's list set a line lower than its
/// neighbours' text) are set in the columns of the block so far: every
/// segment of them starting where a segment of one of the block's lines
/// of several segments starts (within [`SAME_START`] em) and ending
/// before the next such start, in two columns or more, and the block
/// showing its columns in `shown` such lines already ([`MIN_ROWS`], or
/// the header alone where it is ruled above and below); not where a
/// column's text starts again lower down (a heading over the next table's
/// header), nor where line `j` is the block's first line again (its header
/// repeated). A heading, a paragraph or a page number after a table starts
/// in one place, at its edge or elsewhere; a key and its value under it
/// run across its columns.
fn in_columns(
    lines: &[Line],
    segs: &[Vec<Segment>],
    members: &[usize],
    j: usize,
    shown: usize,
) -> bool {
    let multi: Vec<usize> = members
        .iter()
        .copied()
        .filter(|&m| segs[m].len() >= 2)
        .collect();
    // The block's header printed again: the next table, or this one's
    // header repeated, not a row.
    if multi.len() < shown
        || members
            .first()
            .is_some_and(|&f| lines[f].text() == lines[j].text())
    {
        return false;
    }
    let size = lines[j].size.max(1.0);
    let reach = SAME_START * size;
    // The block's column starts, left to right.
    let mut columns: Vec<f64> = multi
        .iter()
        .flat_map(|&m| segs[m].iter().map(|s| s.x0))
        .collect();
    columns.sort_by(f64::total_cmp);
    columns.dedup_by(|a, b| *a - *b <= reach);
    // The bottom of the last line with text in each column so far.
    let mut last: Vec<Option<f64>> = vec![None; columns.len()];
    for k in j..lines.len() {
        if lines[k].top > lines[j].top + 2.0 * size {
            break;
        }
        if (lines[k].size - lines[j].size).abs() > 0.25 * size {
            return false;
        }
        for t in &segs[k] {
            let Some(at) = columns.iter().position(|x| (x - t.x0).abs() <= reach) else {
                return false;
            };
            // Within its column: not across the next column's start that
            // no segment of the block crosses (a key and its value under
            // a table, the value running across several of its columns;
            // a list's text indented after its bullets starts inside the
            // bullets' column).
            let next = columns[at + 1..].iter().find(|&&x| {
                !multi
                    .iter()
                    .any(|&m| segs[m].iter().any(|s| s.x0 < x - reach && s.x1 > x + 0.5))
            });
            if next.is_some_and(|&next| t.x1 > next) {
                return false;
            }
            // A column's text starting again lower, not wrapping on (a
            // heading over the next table's header): not one row.
            if last[at].is_some_and(|b| lines[k].top - b > 0.5 * size) {
                return false;
            }
            last[at] = Some(lines[k].bottom);
        }
    }
    last.iter().filter(|l| l.is_some()).count() >= 2
}

/// Whether a gap as wide as `gap` (within a point) lies between two of the
/// [`PADDED_REACH`] lines after line `j`, none of the gaps before it wider
/// than [`ROW_GAP`] ems.
fn spaced_again(lines: &[Line], j: usize, gap: f64, size: f64) -> bool {
    for k in j + 1..lines.len().min(j + 1 + PADDED_REACH) {
        let g = lines[k].top - lines[k - 1].bottom;
        if g > ROW_GAP * size {
            return false;
        }
        if (g - gap).abs() <= 1.0 {
            return true;
        }
    }
    false
}

/// How many of `b`'s segments start where one of `a`'s starts (within a
/// point): left-aligned cells of the same columns.
fn same_starts(a: &[Segment], b: &[Segment]) -> usize {
    b.iter()
        .filter(|t| a.iter().any(|s| (s.x0 - t.x0).abs() <= 1.0))
        .count()
}

/// Line `l`, overlapping the line above (`prev`) by more than half an em,
/// is set beside its text rather than over it: lower (its top under
/// `prev`'s), and no word of it over or under a word of `prev`. A cell
/// whose text a browser set a few points lower than its neighbours' (the
/// space above a paragraph in one column only): the same rows going on,
/// not text out of order.
fn set_beside(prev: &Line, l: &Line) -> bool {
    l.top > prev.top + 0.5
        && !l
            .words
            .iter()
            .any(|w| prev.words.iter().any(|p| w.x0 < p.x1 && p.x0 < w.x1))
}

/// The left and right edges of a block's lines.
fn extent(lines: &[Line], members: &[usize]) -> (f64, f64) {
    members.iter().fold((f64::MAX, f64::MIN), |(l, r), &m| {
        (l.min(lines[m].x0), r.max(lines[m].x1))
    })
}

/// Whether the block is framed as a booktabs table: a rule across it right
/// above its first line and right under its last (within two ems), and
/// another between two of its lines (the header's lower rule). A table of
/// two columns framed so is a table however few its rows (a label and its
/// value in each: pandoc's print of a Word table of "Priority Lead: | …"
/// rows, its first row taken as the header), where two columns of text
/// otherwise need a line more than [`MIN_ROWS`] (a legend, a key and its
/// value in running text).
fn framed(lines: &[Line], members: &[usize], rules: &[(f64, f64, f64)]) -> bool {
    let (Some(&first), Some(&last)) = (members.first(), members.last()) else {
        return false;
    };
    if members.len() < 3 {
        return false;
    }
    let (left, right) = extent(lines, members);
    let ruled = |a: f64, b: f64| across(rules, a, b, left, right) >= 0.8 * (right - left);
    let (top, bottom) = (&lines[first], &lines[last]);
    ruled(top.top - 2.0 * top.size.max(1.0), top.top)
        && ruled(bottom.bottom, bottom.bottom + 2.0 * bottom.size.max(1.0))
        && members
            .windows(2)
            .any(|w| ruled(lines[w[0]].bottom, lines[w[1]].top))
}

/// Whether the block's first line is a header ruled or banded above and
/// below: a rule or band edge across the block right above it (within two
/// ems), and another between two of the block's lines under it (the rules
/// of a booktabs header, the edges of a dark header band). A table's
/// repeated header at the top of a page with one line of its last row's
/// cells under it (the rest of a row the page break split) is such a
/// block.
fn banded_header(
    lines: &[Line],
    members: &[usize],
    rules: &[(f64, f64, f64)],
    edges: &[(f64, f64, f64)],
) -> bool {
    let Some(&first) = members.first() else {
        return false;
    };
    let (left, right) = extent(lines, members);
    let width = right - left;
    let ruled = |a: f64, b: f64| {
        across(rules, a, b, left, right) >= 0.8 * width
            || across(edges, a, b, left, right) >= BAND_SHARE * width
    };
    let (top, size) = (lines[first].top, lines[first].size.max(1.0));
    ruled(top - 2.0 * size, top)
        && members
            .windows(2)
            .any(|w| ruled(lines[w[0]].bottom, lines[w[1]].top))
}

/// Whether the trailing one-segment line `members[k]` is a later
/// paragraph of a cell in the block's last row: it starts where a column's
/// text starts in a line of several segments (within half a point; not the
/// first column), and lies less far under the line above than any row of
/// the block leaves above its first line (a line of several segments
/// starting at the block's left edge, more than a wrap under the line
/// above: `closest` and a quarter em; a first column's wrapped line, or a
/// later paragraph set a few points lower beside the line above, is no
/// row's first), and no more than one of its own lines (a paragraph's
/// space, not a gap). A browser splitting the last
/// row at a page break leaves no rule under it, so nothing else closes the
/// row (Chromium's `<p>` in a cell: 3pt between paragraphs, 9pt and more
/// between rows).
fn cell_paragraph_below(
    lines: &[Line],
    segs: &[Vec<Segment>],
    members: &[usize],
    k: usize,
    closest: f64,
) -> bool {
    if k == 0 {
        return false;
    }
    let (l, above) = (&lines[members[k]], &lines[members[k - 1]]);
    let gap = l.top - above.bottom;
    let size = l.size.max(1.0);
    let left = members
        .iter()
        .map(|&m| lines[m].x0)
        .fold(f64::MAX, f64::min);
    let aligned = members[..k].iter().any(|&m| {
        segs[m].len() >= 2
            && segs[m]
                .iter()
                .skip(1)
                .any(|s| (s.x0 - l.x0).abs() <= 0.5 && s.x0 > left + size)
    });
    let row_gap = (1..k)
        .filter(|&j| segs[members[j]].len() >= 2 && lines[members[j]].x0 <= left + 0.5)
        .map(|j| lines[members[j]].top - lines[members[j - 1]].bottom)
        .filter(|g| *g > closest + 0.25 * size)
        .fold(f64::MAX, f64::min);
    aligned && row_gap < f64::MAX && gap < row_gap && gap <= size
}

/// Whether the trailing one-segment line `members[k]` goes on with a cell
/// of the block's last row, whatever column it is in (the first one too):
/// it stays within one column (no line of several segments has text
/// starting over its width, past its first em) and either lies a wrap's
/// space (`closest` and a quarter em) under the nearest line above it in
/// that column, or lies beside the line after it (their heights overlap:
/// lines of two cells set at offset pitches, a reportlab SPAN cell's lines
/// between another cell's), that one kept already. A note under a table
/// runs across its columns, or lies further down.
fn runs_on_in_column(
    lines: &[Line],
    segs: &[Vec<Segment>],
    members: &[usize],
    k: usize,
    closest: f64,
) -> bool {
    let l = &lines[members[k]];
    let size = l.size.max(1.0);
    let within = members
        .iter()
        .all(|&m| segs[m].len() < 2 || segs[m].iter().all(|s| s.x0 <= l.x0 + size || s.x0 >= l.x1));
    if !within {
        return false;
    }
    let wraps = members[..k]
        .iter()
        .rev()
        .map(|&m| &lines[m])
        .find(|a| a.x0 < l.x1 && l.x0 < a.x1)
        .is_some_and(|a| l.top - a.bottom >= -0.5 && l.top - a.bottom <= closest + 0.25 * size);
    let beside = members
        .get(k + 1)
        .is_some_and(|&n| lines[n].top < l.bottom && l.top < lines[n].bottom);
    wraps || beside
}

/// The top and bottom edges `(y, x0, x1)` of filled rectangles at least
/// [`BAND_HEIGHT`] tall (shaded cells and rows, white ones included): the
/// row boundaries a shaded table shows. A browser paints a shaded row one
/// rectangle a cell, so pieces side by side count together (see
/// [`across`]), and where they meet they show its column boundaries.
pub fn fill_edges(fills: &[FillRect]) -> Vec<(f64, f64, f64)> {
    fills
        .iter()
        .filter(|f| f.bottom - f.top >= BAND_HEIGHT)
        .flat_map(|f| [(f.top, f.x0, f.x1), (f.bottom, f.x0, f.x1)])
        .collect()
}

/// How much of `(x0, x1)` the horizontal rules `(y, x0, x1)` lying between
/// `above` and `below` (a point of slack) cover together: a browser draws
/// a rule under a header as one segment a cell.
fn across(rules: &[(f64, f64, f64)], above: f64, below: f64, x0: f64, x1: f64) -> f64 {
    let mut spans: Vec<(f64, f64)> = rules
        .iter()
        .filter(|r| r.0 > above - 1.0 && r.0 < below + 1.0)
        .map(|r| (r.1.max(x0), r.2.min(x1)))
        .filter(|(a, b)| b > a)
        .collect();
    spans.sort_by(|a, b| a.0.total_cmp(&b.0));
    let (mut total, mut reach) = (0.0, f64::MIN);
    for (a, b) in spans {
        if b > reach {
            total += b - a.max(reach);
            reach = b;
        }
    }
    total
}

/// Whether two rules across most of `(x0, x1)` lie between `above` and
/// `below` with white space between them (half an em or more, at font
/// size `size`): one table's bottom rule and the next one's top rule, a
/// paragraph's space apart with no text between (booktabs tables set one
/// after another). A doubled rule (`\hline\hline`, a couple of points
/// apart) is one rule.
fn ruled_twice(
    rules: &[(f64, f64, f64)],
    above: f64,
    below: f64,
    x0: f64,
    x1: f64,
    size: f64,
) -> bool {
    let width = x1 - x0;
    if width <= 0.0 {
        return false;
    }
    let full: Vec<f64> = rules
        .iter()
        .filter(|r| r.0 > above - 1.0 && r.0 < below + 1.0)
        .map(|r| r.0)
        .filter(|&y| across(rules, y, y, x0, x1) >= 0.8 * width)
        .collect();
    let lo = full.iter().copied().fold(f64::MAX, f64::min);
    let hi = full.iter().copied().fold(f64::MIN, f64::max);
    !full.is_empty() && hi - lo >= 0.5 * size.max(1.0)
}

/// Whether a gap with no rule or band edge across it ends a block whose
/// rows are shaded apart (`banded`: the gaps of three or more of its lines
/// with a band edge across the block): it is more than twice the least of
/// those gaps and a quarter em more. A zebra table's rows alternate, so
/// every row boundary is a stripe's edge, and a row lies at its padding
/// under the row above; an unshaded row and, a paragraph's space and more
/// lower, the unshaded first row of the next table (Typst sets tables
/// 1.2 em apart, under the two-em gap rule) are two tables.
fn unbanded_gap(banded: &[f64], gap: f64, size: f64) -> bool {
    if banded.len() < 3 {
        return false;
    }
    let least = least_spacing(banded);
    least > 0.0 && gap > 2.0 * least + 0.25 * size
}

fn overlaps(a: (f64, f64, f64, f64), b: (f64, f64, f64, f64)) -> bool {
    a.0 < b.2 && b.0 < a.2 && a.1 < b.3 && b.1 < a.3
}

/// Column boundaries of a block: gaps no multi-segment line's segment
/// covers, save a tenth of them.
fn separators(lines: &[Line], segs: &[Vec<Segment>], members: &[usize]) -> Vec<f64> {
    let multi: Vec<usize> = members
        .iter()
        .copied()
        .filter(|&m| segs[m].len() >= 2)
        .collect();
    // Events along x: +1 at a segment's left, -1 at its right.
    let mut events: Vec<(f64, i32)> = Vec::new();
    for &m in &multi {
        for s in &segs[m] {
            events.push((s.x0, 1));
            events.push((s.x1, -1));
        }
    }
    events.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    let allowed = (multi.len() / 10) as i32;
    let size = members
        .iter()
        .map(|&m| lines[m].size)
        .fold(0.0, f64::max)
        .max(1.0);
    let mut seps = Vec::new();
    let mut depth = 0;
    let mut gap_start: Option<f64> = None;
    // The widest stretch of the current gap that no segment covers: where
    // a few lines (a header's wider text) run into the gap, the boundary
    // goes in the clear part, not through their words.
    let mut clear: Option<(f64, f64)> = None;
    let mut prev_x = f64::MIN;
    for (k, &(x, d)) in events.iter().enumerate() {
        if gap_start.is_some() && depth == 0 && clear.is_none_or(|(a, b)| x - prev_x > b - a) {
            clear = Some((prev_x, x));
        }
        depth += d;
        prev_x = x;
        if depth <= allowed && d < 0 {
            if gap_start.is_none() {
                clear = None;
            }
            gap_start.get_or_insert(x);
        } else if depth > allowed && d > 0 {
            if let Some(g) = gap_start.take() {
                // A gap inside the block, at least a third of an em wide.
                if x - g >= 0.3 * size && k > 0 {
                    let at = match clear {
                        Some((a, b)) if b - a >= 0.3 * size && b - a < x - g => (a + b) / 2.0,
                        _ => (g + x) / 2.0,
                    };
                    seps.push(word_clear(lines, members, g, x, at));
                }
            }
        }
    }
    seps
}

/// Where a boundary at `at`, in the gap `(lo, hi)` between two columns,
/// cuts a word of the block (a header's words run on across the gap with
/// no more than a word space between: "CAB What do we want"), it moves to
/// the middle of the widest stretch of the gap that no word covers, where
/// there is one; otherwise it stays.
fn word_clear(lines: &[Line], members: &[usize], lo: f64, hi: f64, at: f64) -> f64 {
    let words = || {
        members
            .iter()
            .flat_map(|&m| lines[m].words.iter())
            .filter(|w| w.x1 > lo && w.x0 < hi)
    };
    if !words().any(|w| w.x0 < at && at < w.x1) {
        return at;
    }
    let mut spans: Vec<(f64, f64)> = words().map(|w| (w.x0, w.x1)).collect();
    spans.sort_by(|a, b| a.0.total_cmp(&b.0));
    let (mut best, mut from) = (None::<(f64, f64)>, lo);
    for (a, b) in spans.into_iter().chain([(hi, hi)]) {
        if a > from && best.is_none_or(|(p, q)| a - from > q - p) {
            best = Some((from, a.min(hi)));
        }
        from = from.max(b);
    }
    best.filter(|(a, b)| b - a >= 1.0)
        .map_or(at, |(a, b)| (a + b) / 2.0)
}

/// Column boundaries the header band shows and the body does not: where
/// two segments of the header line `head` (the block's first line, or
/// any line of a header ruled above and below: `header_lines`) have
/// between them a strip that no segment of any of the block's lines
/// covers, and no boundary lies there yet. A column that is empty in every
/// row ("Comment on Progress", a RAG column holding only colour) has
/// segments in the header lines alone, too few for [`separators`], which
/// lets a tenth of the lines run across a boundary.
fn header_separators(
    lines: &[Line],
    segs: &[Vec<Segment>],
    head: usize,
    members: &[usize],
    seps: &[f64],
) -> Vec<f64> {
    let size = lines[head].size.max(1.0);
    let mut out = Vec::new();
    for pair in segs[head].windows(2) {
        let (from, to) = (pair[0].x1, pair[1].x0);
        // A boundary already between the two segments' starts: the body
        // has found this one (the header text may run across it).
        if seps.iter().any(|&x| x > pair[0].x0 && x < to) {
            continue;
        }
        // The uncovered part of (from, to): shrink it by every segment.
        let (mut lo, mut hi) = (from, to);
        for &m in members {
            for sg in &segs[m] {
                if sg.x1 <= lo || sg.x0 >= hi {
                    continue;
                }
                if sg.x0 <= lo {
                    lo = lo.max(sg.x1);
                } else if sg.x1 >= hi {
                    hi = hi.min(sg.x0);
                } else if sg.x0 - lo >= hi - sg.x1 {
                    hi = sg.x0;
                } else {
                    lo = sg.x1;
                }
            }
        }
        if hi - lo >= 0.3 * size {
            out.push((lo + hi) / 2.0);
        }
    }
    out
}

/// Column boundaries a rule across the table shows where it is drawn one
/// piece a cell (a browser draws each cell's border on its own, so the
/// rules of a booktabs table join at the column boundaries): the points
/// where two pieces of one rule meet (or leave a gap of at most an em),
/// inside the block, where no boundary lies in the same strip free of
/// words yet and at most a tenth of the block's lines of several
/// segments have a word across. Only rules (within two ems above the
/// first line to two ems below the last) of three or more pieces, each at
/// least one and a half ems long (not a dashed line; the first and last
/// at least an em: a narrow "#" column's cell), together across 80% of the
/// block. A joint lies an em inside the block's edges, or, after a short
/// first piece, half an em where three of the block's lines have their
/// first word end left of it. Returned as boundaries the header names (see
/// `header_separators`): kept even where the column is empty below.
fn rule_joints(
    lines: &[Line],
    segs: &[Vec<Segment>],
    members: &[usize],
    rules: &[(f64, f64, f64)],
    seps: &[f64],
    more: &[f64],
) -> Vec<f64> {
    let (Some(&first), Some(&last)) = (members.first(), members.last()) else {
        return Vec::new();
    };
    if rules.is_empty() {
        return Vec::new();
    }
    let size = lines[first].size.max(1.0);
    let (left, right) = members.iter().fold((f64::MAX, f64::MIN), |(a, b), &m| {
        (a.min(lines[m].x0), b.max(lines[m].x1))
    });
    let (top, bottom) = (
        lines[first].top - 2.0 * size,
        lines[last].bottom + 2.0 * size,
    );
    let mut near: Vec<(f64, f64, f64)> = rules
        .iter()
        .copied()
        .filter(|r| r.0 >= top && r.0 <= bottom)
        .collect();
    near.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
    let mut joints: Vec<f64> = Vec::new();
    let mut k = 0;
    while k < near.len() {
        let y = near[k].0;
        let end = near[k..]
            .iter()
            .position(|r| r.0 - y > 0.5)
            .map_or(near.len(), |p| k + p);
        let group = &near[k..end];
        k = end;
        // The piece at either end may be shorter, down to an em: a
        // narrow first or last column ("#", "No.") cut off by its joint.
        let last_piece = group.len() - 1;
        let short = |(p, r): (usize, &(f64, f64, f64))| {
            let least = if p == 0 || p == last_piece { 1.0 } else { 1.5 };
            r.2 - r.1 < least * size
        };
        if group.len() < 3
            || group.iter().enumerate().any(short)
            || across(group, y - 0.5, y + 0.5, left, right) < 0.8 * (right - left)
        {
            continue;
        }
        for (p, pair) in group.windows(2).enumerate() {
            let (a, b) = (pair[0].2, pair[1].1);
            let at = (a + b) / 2.0;
            // Inside the block: an em in from its edges, or, after a
            // short first piece, half an em in with a word ending left
            // of the joint in three of the block's lines (the narrow
            // column's numbers).
            let inside_left = at > left + size
                || (p == 0
                    && pair[0].2 - pair[0].1 < 1.5 * size
                    && at > left + 0.5 * size
                    && members
                        .iter()
                        .filter(|&&m| lines[m].words.first().is_some_and(|w| w.x1 < at))
                        .count()
                        >= MIN_ROWS);
            if b - a <= size && b - a >= -1.0 && inside_left && at < right - size {
                joints.push(at);
            }
        }
    }
    let multi: Vec<usize> = members
        .iter()
        .copied()
        .filter(|&m| segs[m].len() >= 2)
        .collect();
    let allowed = multi.len() / 10;
    let mut out: Vec<f64> = Vec::new();
    for j in joints {
        let taken = seps.iter().chain(more).chain(&out).any(|&s| {
            let (lo, hi) = (s.min(j), s.max(j));
            hi - lo < 1.0
                || !members
                    .iter()
                    .flat_map(|&m| lines[m].words.iter())
                    .any(|w| w.x0 < hi && w.x1 > lo)
        });
        // A word overflowing its cell by a little (a header word wider
        // than a narrow column) does not cross.
        let crossed = multi
            .iter()
            .filter(|&&m| {
                lines[m]
                    .words
                    .iter()
                    .any(|w| (j - w.x0).min(w.x1 - j) > 0.25 * w.size.max(1.0))
            })
            .count();
        // Where the joint falls between two words of a line, some line must
        // leave more than a word space there (the cells' padding): a joint
        // only ever in a plain word space (a band or rule of another table
        // ending under a line's last word) is no boundary.
        let gaps_at_joint = |wide: bool| {
            members.iter().any(|&m| {
                lines[m].words.windows(2).any(|p| {
                    p[0].x1 <= j
                        && j <= p[1].x0
                        && (p[1].x0 - p[0].x1 >= WORD_SPACE * p[1].size.max(1.0)) == wide
                })
            })
        };
        let in_word_space = gaps_at_joint(false) && !gaps_at_joint(true);
        if !taken && crossed <= allowed && !in_word_space {
            out.push(j);
        }
    }
    out
}

/// Column boundaries the starts of a block's words show where the gap
/// between two columns is narrower than a segment gap (pdfLaTeX leaves
/// `2\tabcolsep`, 6pt, between two `p` columns' text, so where both
/// cells fill their width the columns run together): every line of a
/// left-aligned column starts at the same x. A boundary lies left of an
/// x where a word starts in at least three lines (within a third of a
/// point; a column of leads or dates may hold one line a row), where at
/// most a tenth of
/// the lines of several segments have a word across it, where every word
/// left of it in the block ends further from it than one and a half of
/// the block's usual word spaces (a wider space after a colon is no
/// column gap), and where at least two lines have text left of it, after
/// the boundary before, that is no list marker (the text of a list's
/// items starts at one x right of its bullets). No boundary already in
/// that gap. Called only for blocks on a baseline grid (`grid_pitch`).
fn start_columns(
    lines: &[Line],
    segs: &[Vec<Segment>],
    members: &[usize],
    seps: &[f64],
) -> Vec<f64> {
    let words = || members.iter().flat_map(|&m| lines[m].words.iter());
    let multi: Vec<usize> = members
        .iter()
        .copied()
        .filter(|&m| segs[m].len() >= 2)
        .collect();
    let allowed = multi.len() / 10;
    // The usual word space: the median gap between neighbouring words of
    // a line closer than half an em.
    let mut spaces: Vec<f64> = members
        .iter()
        .flat_map(|&m| lines[m].words.windows(2))
        .map(|p| (p[1].x0 - p[0].x1, p[1].size.max(1.0)))
        .filter(|&(g, size)| g > 0.0 && g < 0.5 * size)
        .map(|(g, _)| g)
        .collect();
    if spaces.len() < 10 {
        return Vec::new();
    }
    spaces.sort_by(f64::total_cmp);
    let space = spaces[spaces.len() / 2];
    let mut starts: Vec<(f64, usize)> = members
        .iter()
        .enumerate()
        .flat_map(|(k, &m)| lines[m].words.iter().map(move |w| (w.x0, k)))
        .collect();
    starts.sort_by(|a, b| a.0.total_cmp(&b.0));
    let need = 3;
    let mut out: Vec<f64> = Vec::new();
    let mut i = 0;
    while i < starts.len() {
        let x = starts[i].0;
        let end = starts[i..]
            .iter()
            .position(|s| s.0 - x > 0.3)
            .map_or(starts.len(), |p| i + p);
        let mut at: Vec<usize> = starts[i..end].iter().map(|s| s.1).collect();
        i = end;
        at.sort_unstable();
        at.dedup();
        if at.len() < need {
            continue;
        }
        let crossed = multi
            .iter()
            .filter(|&&m| {
                lines[m]
                    .words
                    .iter()
                    .any(|w| w.x0 < x - 0.5 && w.x1 > x + 0.5)
            })
            .count();
        // A word whose left neighbour drew the space between them (a
        // justified line's stretched word space, `Word::spaced`) is in
        // the same run of text: "Bi    annual" set flush in one cell.
        let joined = members.iter().any(|&m| {
            lines[m]
                .words
                .windows(2)
                .any(|p| p[0].spaced && (p[1].x0 - x).abs() <= 0.3)
        });
        if crossed > allowed || joined {
            continue;
        }
        let before = seps
            .iter()
            .chain(&out)
            .copied()
            .filter(|&s| s < x)
            .fold(f64::MIN, f64::max);
        let left = || words().filter(|w| w.x1 <= x + 0.5 && w.x0 < x - 0.5);
        let reach = left().map(|w| w.x1).fold(f64::MIN, f64::max);
        if reach == f64::MIN || x - reach < 1.5 * space || before > reach {
            continue;
        }
        let texts = members
            .iter()
            .filter(|&&m| {
                lines[m]
                    .words
                    .iter()
                    .any(|w| w.x0 > before && w.x1 <= x + 0.5 && !is_marker(&w.text))
            })
            .count();
        if texts >= 2 {
            out.push((reach + x) / 2.0);
        }
    }
    out
}

/// Which column holds a word.
fn column_of(xs: &[f64], w: &Word) -> usize {
    let c = (w.x0 + w.x1) / 2.0;
    xs.iter().take_while(|&&x| x < c).count()
}

/// Whether a cell's text is only a list marker: a bullet, "1.", "1.2", "(a)".
fn is_marker(text: &str) -> bool {
    let t = text.trim();
    if BULLETS.contains(&t) || t == "-" || t == "–" {
        return true;
    }
    let core = t.trim_start_matches('(').trim_end_matches([')', '.']);
    !core.is_empty()
        && core.chars().count() <= 4
        && (core.chars().all(|c| c.is_ascii_digit() || c == '.')
            || core.chars().all(|c| "ivx".contains(c))
            || (core.chars().count() == 1 && core.chars().all(|c| c.is_ascii_lowercase())))
        && t != core
}

/// The gaps between each column's consecutive lines, by line (`None`
/// where a column has no line there or none above it), the space between
/// the lines of a cell (`lead`: the lower quartile of those gaps, since
/// most are between wrapped lines and rows are fewer) and the block's
/// largest font size; `None` where no column has two lines.
#[allow(clippy::type_complexity)]
fn column_gaps(
    lines: &[Line],
    members: &[usize],
    extent: &[Vec<Option<(f64, f64)>>],
    n: usize,
) -> Option<(Vec<Vec<Option<f64>>>, f64, f64)> {
    let mut last: Vec<Option<f64>> = vec![None; n];
    let mut gaps: Vec<Vec<Option<f64>>> = Vec::with_capacity(extent.len());
    let mut all = Vec::new();
    for row in extent {
        let mut g = vec![None; n];
        for c in 0..n {
            if let Some((top, bottom)) = row.get(c).copied().flatten() {
                if let Some(prev) = last[c] {
                    g[c] = Some(top - prev);
                    all.push(top - prev);
                }
                last[c] = Some(bottom);
            }
        }
        gaps.push(g);
    }
    if all.is_empty() {
        return None;
    }
    all.sort_by(f64::total_cmp);
    let lead = all[all.len() / 4];
    let size = members
        .iter()
        .map(|&m| lines[m].size)
        .fold(0.0, f64::max)
        .max(1.0);
    Some((gaps, lead, size))
}

/// Row starts of a block whose cells wrap over several lines (rows told
/// apart by white space, as in a table ruled only around its header and at
/// the bottom, or by shading alone), from the content: a row starts at a
/// line where at least two columns, or the first column, start a new text
/// block, i.e. have text after more space than the lines of a cell leave
/// between them (the cell padding, or lines the column left empty because
/// another cell of the row above ran longer). `None` where no cell wraps
/// (every line fills as many columns as the first: one line per row, which
/// the rule before this one reads) or where it finds no row after the first
/// (evenly spaced lines: no content evidence to go on).
fn content_rows(
    lines: &[Line],
    members: &[usize],
    seps: &[f64],
    cells: &[Vec<String>],
    grid: bool,
    banded: bool,
    close_rows: &mut bool,
) -> Option<Vec<bool>> {
    let n = seps.len() + 1;
    let filled = |r: &Vec<String>| r.iter().filter(|t| !t.is_empty()).count();
    let widest = cells.iter().map(filled).max().unwrap_or(0);
    // Every line fills as many columns as the fullest: only a table of two
    // columns (a key and its value, both wrapping) is read by content, and
    // only where each line it joins to the one above is wrapped text in
    // every column (its first word would not have fitted after the line
    // above within the column's widest line).
    let all_full = cells.iter().filter(|r| filled(r) < widest).count() * 4 < cells.len();
    if all_full && n != 2 {
        return padded_rows(lines, members, seps);
    }
    let extent = extents(lines, members, seps);
    let (gaps, lead, size) = column_gaps(lines, members, &extent, n)?;
    let starts = |k: usize, c: usize| {
        extent[k][c].is_some() && gaps[k][c].is_none_or(|g| g > lead + 0.5 * size)
    };
    // A new paragraph or list item in a cell: more space than a wrap leaves,
    // less than the padding between rows may be (a writer that pads rows
    // as little as it spaces list items).
    let begins = |k: usize, c: usize| {
        extent[k][c].is_some() && gaps[k][c].is_none_or(|g| g > lead + 0.25 * size)
    };
    // A column with no text yet in the current row does not count where
    // another cell of the row runs on into the line (its text wraps on from
    // the line above): a cell whose first line sits lower than its row's
    // first line (a LaTeX list with space above it, text centred in its
    // cell) is a late start of that row's cell, not a new row.
    let opens = |k: usize, c: usize| starts(k, c);
    // A column's first and last word on each line, and its room (the
    // rightmost edge of its words in the block).
    let mut ends: Vec<Vec<Option<(&Word, &Word)>>> = vec![vec![None; n]; members.len()];
    let mut room = vec![f64::MIN; n];
    for (k, &m) in members.iter().enumerate() {
        for w in &lines[m].words {
            let c = column_of(seps, w);
            room[c] = room[c].max(w.x1);
            let e = ends[k][c].get_or_insert((w, w));
            e.1 = w;
        }
    }
    // On a grid, a new paragraph in a column at line `k` where the line
    // above in that column ended a sentence and this one starts with a
    // capital, a figure or a bullet, or where its first word would have
    // fitted after the line above.
    let para = |k: usize, c: usize| {
        let (Some((_, last)), Some((first, _))) = (ends[k - 1][c], ends[k][c]) else {
            return false;
        };
        let ended = last.text.ends_with(['.', ';', ':', '!', '?']);
        let capital = first
            .text
            .chars()
            .next()
            .is_some_and(|ch| ch.is_uppercase() || ch.is_ascii_digit())
            || BULLETS.contains(&first.text.as_str());
        let fits = last.x1 + 0.5 * first.size + (first.x1 - first.x0) < room[c];
        (ended && capital) || fits
    };
    // Line `k`'s text in a column starts with a capital, a figure or a
    // bullet.
    let capital = |k: usize, c: usize| {
        ends[k][c].is_some_and(|(first, _)| {
            first
                .text
                .chars()
                .next()
                .is_some_and(|ch| ch.is_uppercase() || ch.is_ascii_digit())
                || BULLETS.contains(&first.text.as_str())
        })
    };
    // Every column with text at line `k` starts new text there: nothing
    // wraps into the line from the line above.
    let fresh = |k: usize| (0..n).all(|c| extent[k][c].is_none() || opens(k, c));
    // Rows padded apart: some line sits lower under the line above than a
    // wrap leaves by half an em or more; or set apart by shaded bands (a
    // zebra table, `banded`), however little padding they leave.
    let gap_above = |k: usize| lines[members[k]].top - lines[members[k - 1]].bottom;
    let padded = banded || (1..members.len()).any(|k| gap_above(k) > lead + 0.5 * size);
    // Rows padded less than `starts` sees (`close_padding`): a line exactly
    // the rows' padding under the line above, with text in two columns or
    // more, starts a row.
    let close = close_padding(lines, members, &extent, lead, size);
    let close_start: Vec<bool> = (0..members.len())
        .map(|k| {
            k > 0
                && close.is_some_and(|pad| {
                    (gap_above(k) - pad).abs() <= SAME_PADDING * size
                        && (0..n).filter(|&c| extent[k][c].is_some()).count() >= 2
                })
        })
        .collect();
    *close_rows = close_start.contains(&true);
    // A line only a wrap below the line above (no more space than the lines
    // of a cell leave) whose text in every column wraps on from that line
    // (`wraps_into`) and runs on mid-sentence in one (a first word in lower
    // case): the second line of the row above, every cell wrapping, where
    // the rows themselves are padded apart.
    let wrapped_line = |k: usize| {
        gap_above(k) <= lead + 0.25 * size
            && wraps_into(lines, members, seps, k)
            && (0..n).any(|c| {
                ends[k][c].is_some_and(|(first, _)| {
                    first.text.chars().next().is_some_and(char::is_lowercase)
                })
            })
    };
    let mut had = vec![false; n];
    let mut out = vec![false; members.len()];
    for k in 0..members.len() {
        // A cell of the row runs on into line `k`, or, where line `k`
        // opens a list (a bullet or a list number first), past it: its
        // column's lines go on across line `k`'s height no further apart
        // than a wrap (a LaTeX list at a cell's top, set a line and the
        // paragraph space lower than its neighbours' text, between two of
        // their lines).
        let list = lines[members[k]]
            .words
            .first()
            .is_some_and(|w| is_marker(&w.text));
        let runs_on = k > 0
            && (0..n).any(|c| {
                had[c]
                    && match extent[k][c] {
                        Some(b) => {
                            matches!(extent[k - 1][c], Some(a) if b.0 - a.1 <= lead + 0.25 * size)
                        }
                        None if list => {
                            let above = extent[..k].iter().rev().find_map(|e| e[c]);
                            let below = extent[k + 1..].iter().find_map(|e| e[c]);
                            matches!((above, below),
                                (Some(a), Some(b)) if b.0 - a.1 <= lead + 0.25 * size)
                        }
                        None => false,
                    }
            });
        let starts = |c: usize| (had[c] || !runs_on) && starts(k, c);
        let begins = |c: usize| (had[c] || !runs_on) && begins(k, c);
        out[k] = k == 0
            || starts(0)
            || (0..n).filter(|&c| starts(c)).count() >= 2
            || close_start[k]
            // One column starting a block after lines it left empty
            // (its cell above ended) and another a paragraph at the
            // same line: two cells of a new row.
            || ((0..n).any(starts) && (0..n).filter(|&c| begins(c)).count() >= 2)
            // A line filling every column of three or more is a row of
            // its own (figures, codes), not wrapped text; on a grid, only
            // where every column starts new text or a new paragraph there
            // (cells wrapping side by side fill every column too).
            || (n >= 3
                && filled(&cells[k]) == n
                && !(grid && k > 0 && !(0..n).all(|c| opens(k, c) || para(k, c)))
                && !(k > 0 && padded && wrapped_line(k)))
            // Rows set line after line on one baseline grid (no padding,
            // a LaTeX longtable): a line where every cell starts new text,
            // and the next line, right under it, where another column,
            // empty here, starts too, every other column there running on
            // from this line or empty (a list set a line below its row's
            // first line): two cells of a new row.
            || (grid
                && k + 1 < members.len()
                && lines[members[k + 1]].top - lines[members[k]].bottom <= lead + 0.25 * size
                && (0..n).any(|c| extent[k][c].is_some())
                && fresh(k)
                && (0..n).all(|c| {
                    extent[k + 1][c].is_none() || extent[k][c].is_some() || opens(k + 1, c)
                })
                && (0..n).any(|c| extent[k][c].is_none() && extent[k + 1][c].is_some()))
            // Off the grid (rows and paragraphs spaced apart): a line
            // where every cell starts new text, and a list opening in
            // another column, empty here, within two ems below (LaTeX
            // sets a list at a cell's top a line and the paragraph space
            // lower than its row's other cells): two cells of a new row.
            || (!grid
                && k > 0
                && (0..n).any(|c| extent[k][c].is_some())
                && fresh(k)
                && (k + 1..members.len())
                    .take_while(|&w| {
                        lines[members[w]].top <= lines[members[k]].top + 2.0 * size
                    })
                    .any(|w| {
                        (0..n).any(|c| {
                            extent[k][c].is_none()
                                && opens(w, c)
                                && ends[w][c].is_some_and(|(first, _)| is_marker(&first.text))
                        })
                    }))
            // On a grid: a column whose cell in this row ended starting
            // again, another column with text here starting new text too
            // or a new paragraph, and every other one at least starting
            // with a capital, a figure or a bullet (a wrap that only looks
            // like one: no text there runs on mid-sentence): the cells of
            // a new row.
            || (grid
                && k > 0
                && (0..n).any(|c| had[c] && opens(k, c))
                && (0..n).filter(|&c| opens(k, c) || para(k, c)).count() >= 2
                && (0..n).all(|c| {
                    extent[k][c].is_none() || opens(k, c) || para(k, c) || capital(k, c)
                }));
        if out[k] {
            had.iter_mut().for_each(|h| *h = false);
        }
        for (c, h) in had.iter_mut().enumerate() {
            *h |= extent[k][c].is_some();
        }
    }
    if all_full && !(1..members.len()).all(|k| out[k] || wraps_into(lines, members, seps, k)) {
        return None;
    }
    if !grid {
        cells_going_on(&extent, &mut out, lead + 0.25 * size);
    }
    (out.iter().filter(|s| **s).count() >= 2).then_some(out)
}

/// Drops the row starts (`out`) that a cell's text runs across and goes
/// on under: a column with no text on the start's line whose last text
/// above it and first text under it are no further apart than a wrap
/// (`wrap`: a line's top less the bottom of the line above), and that
/// begins a new paragraph (more than a wrap under its line above) before
/// the next row start. A row boundary runs across every column; a cell
/// whose wrapped lines lie either side of a row's first line is either a
/// cell spanning both rows (reportlab's SPAN sets its lines between the
/// next row's: `spans_down` reads those) or the same row, a neighbour's
/// later paragraph set a paragraph's space lower than the cell's wrapped
/// lines (reportlab's `spaceBefore`, as much as its rows' padding, so the
/// neighbour's paragraph looks like a new row's first cell). A spanning
/// cell starts no new paragraph in the rows it covers; the cell going on
/// does. Not on a baseline grid (every row's lines lie a wrap under the
/// row above's). `extent` is each line's top and bottom in each column
/// (`extents`).
fn cells_going_on(extent: &[Vec<Option<(f64, f64)>>], out: &mut [bool], wrap: f64) {
    let n = extent.first().map_or(0, Vec::len);
    let mut above = 0;
    for k in 1..out.len().min(extent.len()) {
        if !out[k] {
            continue;
        }
        let end = (k + 1..out.len().min(extent.len()))
            .find(|&j| out[j])
            .unwrap_or(out.len().min(extent.len()));
        let goes_on = |c: usize| {
            if extent[k][c].is_some() {
                return false;
            }
            let Some(a) = (above..k).rev().find_map(|j| extent[j][c]) else {
                return false;
            };
            let Some(f) = (k + 1..end).find(|&j| extent[j][c].is_some()) else {
                return false;
            };
            let Some(b) = extent[f][c] else {
                return false;
            };
            if b.0 - a.1 > wrap {
                return false;
            }
            let mut bottom = b.1;
            for e in extent[f + 1..end].iter().filter_map(|r| r[c]) {
                if e.0 - bottom > wrap {
                    return true;
                }
                bottom = e.1;
            }
            false
        };
        if (0..n).any(goes_on) {
            out[k] = false;
        } else {
            above = k;
        }
    }
}

/// Rows of a table whose cells are centred vertically in their rows
/// (fpdf2's default, an HTML `td`'s, a spreadsheet printed): a one-line
/// cell sits level with the middle of a three-line neighbour, so a row's
/// cells share no first baseline and a short cell's line looks like a new
/// row's. A row is then a run of lines whose text, all columns together,
/// leaves no gap wider than a wrap (`lead`, the lower quartile of the gaps
/// between a column's consecutive lines) plus half an em: every cell's
/// block lies within its row's run, the shorter ones nested inside the
/// span of the tallest. Only where the runs show centring: in two runs or
/// more a column at least most of a line shorter than the run's tallest
/// has its middle level with the tallest's (within [`CENTRED`] em) and its
/// top lower, and in no more than a third as many runs such a column's top
/// is level with the tallest's (top-aligned cells: the other rules read
/// those). `None` otherwise, or where there would be one row.
fn centred_rows(lines: &[Line], members: &[usize], seps: &[f64]) -> Option<Vec<bool>> {
    let n = seps.len() + 1;
    let extent = extents(lines, members, seps);
    let (_, lead, size) = column_gaps(lines, members, &extent, n)?;
    let mut out = vec![false; members.len()];
    let mut reach = f64::MIN;
    for (k, &m) in members.iter().enumerate() {
        out[k] = k == 0 || lines[m].top - reach > lead + 0.5 * size;
        reach = reach.max(lines[m].bottom);
    }
    let (mut centred, mut top) = (0, 0);
    let mut k = 0;
    while k < members.len() {
        let end = (k + 1..members.len())
            .find(|&j| out[j])
            .unwrap_or(members.len());
        let mut cols: Vec<Option<(f64, f64)>> = vec![None; n];
        for row in &extent[k..end] {
            for c in 0..n {
                if let Some((t, b)) = row[c] {
                    let e = cols[c].get_or_insert((t, b));
                    e.0 = e.0.min(t);
                    e.1 = e.1.max(b);
                }
            }
        }
        let tallest = cols
            .iter()
            .flatten()
            .copied()
            .max_by(|a, b| (a.1 - a.0).total_cmp(&(b.1 - b.0)));
        if let Some((t0, t1)) = tallest {
            let shorter = cols
                .iter()
                .flatten()
                .filter(|(a, b)| (t1 - t0) - (b - a) >= 0.8 * size);
            let (mut is_centred, mut is_top) = (false, false);
            for &(a, b) in shorter {
                if ((a + b) / 2.0 - (t0 + t1) / 2.0).abs() <= CENTRED * size && a > t0 + 0.4 * size
                {
                    is_centred = true;
                } else if (a - t0).abs() <= CENTRED * size {
                    is_top = true;
                }
            }
            centred += usize::from(is_centred);
            top += usize::from(is_top);
        }
        k = end;
    }
    (centred >= 1 && 3 * top <= centred && out.iter().filter(|s| **s).count() >= 2).then_some(out)
}

/// How far (in font sizes) a short cell's middle may lie from its row's
/// tallest cell's and still be centred beside it (`centred_rows`).
const CENTRED: f64 = 0.2;

/// Two line gaps this many font sizes apart or less are one padding.
const SAME_PADDING: f64 = 0.04;

/// The space a table leaves between its rows where that is less than
/// `content_rows`' half an em over a wrap (`lead`), as Typst's default cell
/// inset leaves (0.45 em at 9pt, less than its paragraph spacing): the
/// least space above a line where the first column starts new text (an
/// id, a lead: nothing above it in the column, or more than half an em
/// over a wrap), at two such lines or more. Cells set at the top of their
/// rows, every row's first line lies exactly that far under the last line
/// of the row above, whichever columns hold them; a later paragraph or list
/// item of a cell lies as far only by chance. `None` where the rows are
/// padded half an em or more (the rule reading such rows already sees
/// them), or not a quarter em more than a wrap (no padding to go on).
fn close_padding(
    lines: &[Line],
    members: &[usize],
    extent: &[Vec<Option<(f64, f64)>>],
    lead: f64,
    size: f64,
) -> Option<f64> {
    let mut above: Option<f64> = None;
    let mut least = f64::MAX;
    let mut count = 0;
    for (k, row) in extent.iter().enumerate() {
        let Some((top, bottom)) = row.first().copied().flatten() else {
            continue;
        };
        let starts = above.is_none_or(|b| top - b > lead + 0.5 * size);
        above = Some(bottom);
        if k == 0 || !starts {
            continue;
        }
        let gap = lines[members[k]].top - lines[members[k - 1]].bottom;
        if gap > lead + 0.25 * size {
            least = least.min(gap);
            count += 1;
        }
    }
    (count >= 2 && least < lead + 0.5 * size).then_some(least)
}

/// The least space between consecutive lines of a block (`gaps`, each
/// line's top less the bottom of the line above), 0 where there is none.
/// A negative gap measures no spacing: the lines of two columns whose
/// baselines are offset (one cell's text set lower, as a browser centres
/// or pads it) overlap and were read as one line, and its bottom reaches
/// past the next line's top.
fn least_spacing(gaps: &[f64]) -> f64 {
    let least = gaps
        .iter()
        .copied()
        .filter(|g| *g >= 0.0)
        .fold(f64::MAX, f64::min);
    if least == f64::MAX {
        0.0
    } else {
        least
    }
}

/// Rows of a table of three columns or more whose every line fills (nearly)
/// every column, as where each row wraps to the same number of lines in
/// every cell: a line lower under the line above than the closest two lines
/// sit, by a quarter em or more (a row's padding), starts a row. Only where
/// at least one line is joined to the one above and every joined line wraps
/// into it in every column (`wraps_into`: its first word there would not
/// have fitted after the line above) and runs on mid-sentence in one (a
/// first word in lower case), so that rows of names, figures or codes
/// spaced apart stay rows of their own; otherwise `None`.
fn padded_rows(lines: &[Line], members: &[usize], seps: &[f64]) -> Option<Vec<bool>> {
    if members.len() < 3 {
        return None;
    }
    let gaps: Vec<f64> = members
        .windows(2)
        .map(|w| lines[w[1]].top - lines[w[0]].bottom)
        .collect();
    let least = gaps.iter().copied().fold(f64::MAX, f64::min);
    let size = members
        .iter()
        .map(|&m| lines[m].size)
        .fold(0.0, f64::max)
        .max(1.0);
    let out: Vec<bool> = (0..members.len())
        .map(|k| k == 0 || gaps[k - 1] > least + 0.25 * size)
        .collect();
    let mut joined = (1..members.len()).filter(|&k| !out[k]).peekable();
    // Wrapped text runs on mid-sentence: some column's first word on the
    // joined line starts in lower case (a column of names or figures
    // right-aligned never fits its next line after the last either).
    let mid_sentence = |k: usize| {
        (0..=seps.len()).any(|c| {
            lines[members[k]]
                .words
                .iter()
                .find(|w| column_of(seps, w) == c)
                .is_some_and(|w| w.text.chars().next().is_some_and(char::is_lowercase))
        })
    };
    if joined.peek().is_none()
        || !joined.all(|k| mid_sentence(k) && wraps_into(lines, members, seps, k))
    {
        return None;
    }
    (out.iter().filter(|s| **s).count() >= 2).then_some(out)
}

/// The line pitch of a block whose lines sit on one baseline grid: every gap between
/// two consecutive lines' baselines is a whole number of the closest
/// spacing (within half a point), as where rows are set line after line
/// with no padding between them (a LaTeX longtable). Gaps with a rule or
/// band edge across the block (a booktabs header rule) are left out; more
/// than two of them (rules or shading between rows), fewer than six gaps
/// left, or a spacing that is no line's is no grid (`None`).
fn grid_pitch(
    lines: &[Line],
    members: &[usize],
    rules: &[(f64, f64, f64)],
    edges: &[(f64, f64, f64)],
) -> Option<f64> {
    let (left, right) = extent(lines, members);
    let width = right - left;
    let mut gaps = Vec::new();
    let mut ruled = 0;
    for w in members.windows(2) {
        let (a, b) = (&lines[w[0]], &lines[w[1]]);
        if across(rules, a.bottom, b.top, left, right) >= 0.8 * width
            || across(edges, a.bottom, b.top, left, right) >= BAND_SHARE * width
        {
            ruled += 1;
        } else {
            gaps.push(b.bottom - a.bottom);
        }
    }
    let size = members
        .iter()
        .map(|&m| lines[m].size)
        .fold(0.0, f64::max)
        .max(1.0);
    if ruled > 2 || gaps.len() < 6 {
        return None;
    }
    let on = |pitch: f64, g: f64| (g - (g / pitch).round() * pitch).abs() <= 0.5;
    // The pitch: the mean of the gaps of one line, every gap a whole
    // number of them.
    let least = gaps.iter().copied().fold(f64::MAX, f64::min);
    if least >= 0.9 * size && least <= 2.0 * size {
        let ones: Vec<f64> = gaps.iter().copied().filter(|&g| g < least + 0.5).collect();
        let pitch = ones.iter().sum::<f64>() / ones.len() as f64;
        if gaps.iter().all(|&g| on(pitch, g)) {
            return Some(pitch);
        }
    }
    // Or most gaps one pitch (the mean of those within half a point of
    // the median), the rest whole numbers of it or a few shorter: a row's
    // first line set closer under the row above than its line spacing
    // (pandoc's longtable cells are top-aligned minipages, each row as
    // close under the last as the cells' depths allow); no padding either
    // way. A quarter of the gaps at most, and never closer than half a
    // line.
    let mut sorted = gaps.clone();
    sorted.sort_by(f64::total_cmp);
    let median = sorted[sorted.len() / 2];
    let ones: Vec<f64> = gaps
        .iter()
        .copied()
        .filter(|&g| (g - median).abs() <= 0.5)
        .collect();
    let pitch = ones.iter().sum::<f64>() / ones.len().max(1) as f64;
    if pitch < 0.9 * size || pitch > 2.0 * size {
        return None;
    }
    let short = |g: f64| g < pitch - 0.5 && g >= 0.5 * size;
    let shorts = gaps.iter().filter(|&&g| short(g)).count();
    (shorts * 4 <= gaps.len() && gaps.iter().all(|&g| short(g) || on(pitch, g))).then_some(pitch)
}

/// Whether line `k` of a block continues line `k - 1` in every column it
/// has text in: the column has text on the line above too, and the line's
/// first word there would not have fitted after it, within the rightmost
/// edge of any of the column's words in the block (a cell wider than its
/// widest line leaves that much more room, so this never takes a wrapped
/// line for a new one the other way round).
fn wraps_into(lines: &[Line], members: &[usize], seps: &[f64], k: usize) -> bool {
    let n = seps.len() + 1;
    let mut widest = vec![f64::MIN; n];
    for &m in members {
        for w in &lines[m].words {
            let c = column_of(seps, w);
            widest[c] = widest[c].max(w.x1);
        }
    }
    let (above, line) = (&lines[members[k - 1]], &lines[members[k]]);
    (0..n).all(|c| {
        let Some(first) = line.words.iter().find(|w| column_of(seps, w) == c) else {
            return true;
        };
        let end = above
            .words
            .iter()
            .filter(|w| column_of(seps, w) == c)
            .map(|w| w.x1)
            .fold(f64::MIN, f64::max);
        end > f64::MIN && end + 0.2 * first.size + (first.x1 - first.x0) > widest[c]
    })
}

/// Per line and column: the vertical extent of the column's words there.
fn extents(lines: &[Line], members: &[usize], seps: &[f64]) -> Vec<Vec<Option<(f64, f64)>>> {
    let n = seps.len() + 1;
    members
        .iter()
        .map(|&m| {
            let mut row: Vec<Option<(f64, f64)>> = vec![None; n];
            for w in &lines[m].words {
                let e = row[column_of(seps, w)].get_or_insert((w.top, w.bottom));
                e.0 = e.0.min(w.top);
                e.1 = e.1.max(w.bottom);
            }
            row
        })
        .collect()
}

/// Per line and column: whether, at a line that starts a row, the column's
/// text runs on from the line above it in the row above (no more space
/// between them than the lines of a cell leave, the lower quartile of the
/// block's gaps between a column's consecutive lines plus a quarter em):
/// an objective written once beside several rows, running past the row's
/// first lines. Only where another column of the line starts new text (a
/// row boundary found from the other cells, not every column running on).
fn spans_down(
    lines: &[Line],
    members: &[usize],
    seps: &[f64],
    row_start: &[bool],
) -> Vec<Vec<bool>> {
    let n = seps.len() + 1;
    let mut out = vec![vec![false; n]; members.len()];
    let ext = extents(lines, members, seps);
    let mut gaps: Vec<f64> = Vec::new();
    for pair in ext.windows(2) {
        for (above, here) in pair[0].iter().zip(&pair[1]) {
            if let (Some(a), Some(b)) = (above, here) {
                gaps.push(b.0 - a.1);
            }
        }
    }
    if gaps.len() < 4 {
        return out;
    }
    gaps.sort_by(f64::total_cmp);
    let lead = gaps[gaps.len() / 4];
    // Only in a table whose rows are padded apart: at most row starts a
    // column has text on the lines either side with more space between
    // than a wrap. Where rows are not spaced apart (a LaTeX longtable), a
    // cell running on and the next row's cell look the same.
    let starts_at: Vec<usize> = (0..members.len()).filter(|&k| row_start[k]).collect();
    let padded = starts_at
        .iter()
        .enumerate()
        .filter(|&(_, &k)| k > 0)
        .map(|(r, &k)| {
            let size = lines[members[k]].size.max(1.0);
            let beside = (0..n).any(|c| match (ext[k - 1][c], ext[k][c]) {
                (Some(a), Some(b)) => b.0 - a.1 > lead + 0.5 * size,
                _ => false,
            });
            let from = if r > 0 { starts_at[r - 1] } else { 0 };
            let end = starts_at.get(r + 1).copied().unwrap_or(members.len());
            beside || padded_beside_span(&ext[from..end], k - from, lead, size)
        })
        .fold((0, 0), |(yes, all), p| (yes + usize::from(p), all + 1));
    if padded.0 * 2 < padded.1 || padded.1 == 0 {
        return out;
    }
    for (r, &k) in starts_at.iter().enumerate().skip(1) {
        let (above, next) = (starts_at[r - 1], starts_at.get(r + 1).copied());
        let end = next.unwrap_or(members.len());
        let size = lines[members[k]].size.max(1.0);
        // The column's last text in the row above and its first in this
        // row: at the row's first line, or lower with nothing in the
        // column before it (a spanning cell's lines set at their own pitch,
        // between the next row's lines, as reportlab draws a SPAN).
        let runs_on = |c: usize| {
            let last = (above..k).rev().find_map(|j| ext[j][c]);
            let first = (k..end).find_map(|j| ext[j][c]);
            match (last, first) {
                (Some(a), Some(b)) => b.0 - a.1 <= lead + 0.25 * size,
                _ => false,
            }
        };
        let starts = (0..n).any(|c| ext[k][c].is_some() && !runs_on(c));
        if starts {
            for (c, d) in out[k].iter_mut().enumerate() {
                *d = runs_on(c);
            }
        }
    }
    out
}

/// Whether a row start shows its row's padding beside a spanning cell
/// set between its lines (reportlab's SPAN keeps its own line pitch, so
/// its lines fall between the next row's: no column then has text on both
/// the start's line and the line above, which is where the padding is
/// otherwise measured). `rows` is each line's `(top, bottom)` in each
/// column from the row above's first line to the next row start, `k` the
/// start's line among them. A column with no text on the start's line,
/// whose last text above and first below it are no further apart than a
/// wrap (`lead` and a quarter em), is the span; the other columns' lowest
/// text above must lie more than `lead` and half an em over the start's
/// top. On a baseline grid (tbl, a longtable) the tallest cell's last line
/// lies a wrap over the next row's first: no padding, though a centred
/// span's lines fall between the rows'.
fn padded_beside_span(rows: &[Vec<Option<(f64, f64)>>], k: usize, lead: f64, size: f64) -> bool {
    let Some(start) = rows.get(k) else {
        return false;
    };
    let mut lowest: Option<f64> = None;
    let mut spanning = false;
    let mut top = f64::MAX;
    for (c, here) in start.iter().enumerate() {
        if let Some(b) = here {
            top = top.min(b.0);
        }
        let last = rows[..k]
            .iter()
            .rev()
            .find_map(|l| l.get(c).copied().flatten());
        let first = rows[k..].iter().find_map(|l| l.get(c).copied().flatten());
        match (last, first) {
            (Some(a), Some(b)) if here.is_none() && b.0 - a.1 <= lead + 0.25 * size => {
                spanning = true;
            }
            (Some(a), _) => lowest = Some(lowest.map_or(a.1, |l: f64| l.max(a.1))),
            _ => {}
        }
    }
    spanning && lowest.is_some_and(|l| top - l > lead + 0.5 * size)
}

/// Most lines a header ruled above and below may have (see
/// [`header_lines`]).
const HEADER_LINES: usize = 5;

/// How many of a block's first lines are its header row: where a rule or
/// band edge across the block lies right above its first line (within two
/// ems) and another under one of its first [`HEADER_LINES`] lines, with
/// more lines under it (booktabs' toprule and midrule, a shaded header
/// band), everything between the two is one row whatever the cells'
/// vertical alignment (pandoc bottom-aligns its header cells, so a header
/// that wraps grows upwards, its upper lines above the others' one line).
/// Not where the lines between leave more than half an em between two of
/// them or any rule lies between them (a two-level header's partial rule):
/// 1 then, as for a header not ruled so.
fn header_lines(
    lines: &[Line],
    members: &[usize],
    rules: &[(f64, f64, f64)],
    edges: &[(f64, f64, f64)],
) -> usize {
    delimited_header(lines, members, rules, edges).unwrap_or(1)
}

/// The lines of a header ruled or banded above and below (see
/// [`header_lines`]), `None` for a header not set apart so.
fn delimited_header(
    lines: &[Line],
    members: &[usize],
    rules: &[(f64, f64, f64)],
    edges: &[(f64, f64, f64)],
) -> Option<usize> {
    let &first = members.first()?;
    let (left, right) = extent(lines, members);
    let width = right - left;
    if width <= 0.0 {
        return None;
    }
    let ruled = |a: f64, b: f64| {
        across(rules, a, b, left, right) >= 0.8 * width
            || across(edges, a, b, left, right) >= BAND_SHARE * width
    };
    let (top, size) = (lines[first].top, lines[first].size.max(1.0));
    if !ruled(top - 2.0 * size, top) {
        return None;
    }
    let k = (1..members.len().min(HEADER_LINES + 1))
        .find(|&k| ruled(lines[members[k - 1]].bottom, lines[members[k]].top))?;
    let tight = (1..k).all(|j| {
        let (a, b) = (&lines[members[j - 1]], &lines[members[j]]);
        b.top - a.bottom <= 0.5 * size
            && across(rules, a.bottom, b.top, left, right) <= 0.0
            && across(edges, a.bottom, b.top, left, right) <= 0.0
    });
    tight.then_some(k)
}

/// Whether a block is a page of a longtable whose header is ruled above
/// and below (booktabs' toprule and midrule, each across most of the
/// block) and whose lines sit on one baseline grid (`grid_pitch`), with
/// three or more segments in its first line and at least two lines under
/// the lower rule: such a page is a table though its body lines have one
/// segment each (every row's lead and list items on lines of their own,
/// beside no other cell), where a table otherwise needs [`MIN_ROWS`] lines
/// of several segments.
fn booktabs_page(
    lines: &[Line],
    segs: &[Vec<Segment>],
    members: &[usize],
    rules: &[(f64, f64, f64)],
    edges: &[(f64, f64, f64)],
) -> bool {
    let Some(&first) = members.first() else {
        return false;
    };
    if segs[first].len() < 3 || members.len() < 4 {
        return false;
    }
    let (left, right) = extent(lines, members);
    let ruled = |a: f64, b: f64| across(rules, a, b, left, right) >= 0.8 * (right - left);
    let size = lines[first].size.max(1.0);
    // The header's lower rule: under one of its first four lines, two
    // lines or more below it.
    let below = (1..members.len().saturating_sub(1).min(5))
        .any(|k| ruled(lines[members[k - 1]].bottom, lines[members[k]].top));
    ruled(lines[first].top - 2.0 * size, lines[first].top)
        && below
        && grid_pitch(lines, members, rules, edges).is_some()
}

fn block_grid(
    lines: &[Line],
    segs: &[Vec<Segment>],
    wide: &[Vec<Segment>],
    members: &[usize],
    row_starts: usize,
    rules: &[(f64, f64, f64)],
    edges: &[(f64, f64, f64)],
) -> Option<Grid> {
    // A booktabs header on a baseline grid stands for the lines of several
    // segments a table needs (`booktabs_page`); a header ruled or banded
    // above and below, drawn a piece a cell, lets two such lines do
    // (`banded_header`).
    let booktabs = || booktabs_page(lines, segs, members, rules, edges);
    // Rows whose first lines show two columns together, past a wide gap
    // (`in_columns`), count as lines of several segments.
    let several = members.iter().filter(|&&m| wide[m].len() >= 2).count() + row_starts;
    let mut banded = several < MIN_ROWS && banded_header(lines, members, rules, edges);
    if several < MIN_ROWS && !(banded && several >= 2) && !booktabs() {
        return None;
    }
    let mut seps = separators(lines, segs, members);
    // The header's first line of several segments: the block's first line,
    // unless lines of a taller header cell centred beside it were taken in
    // above it (see `find_tables_ruled`).
    let head = members
        .iter()
        .position(|&m| segs[m].len() >= 2)
        .unwrap_or(0);
    // A header ruled above and below is all its lines (`header_lines`):
    // each of them shows the header's columns.
    let delimited = delimited_header(lines, members, rules, edges);
    let header = delimited.unwrap_or(1).max(head + 1);
    let mut header_seps = Vec::new();
    for h in head..header {
        let known: Vec<f64> = seps.iter().chain(&header_seps).copied().collect();
        let more = header_separators(lines, segs, members[h], &members[head..], &known);
        header_seps.extend(more);
    }
    for r in [rules, edges] {
        let more = rule_joints(lines, segs, members, r, &seps, &header_seps);
        header_seps.extend(more);
    }
    // A header ruled or banded above and below with one line of several
    // segments under it is a table only where the rules or bands are drawn
    // a piece a cell: their joints alone are its columns (the gaps of two
    // lines say little).
    if banded {
        let mut own: Vec<f64> = [rules, edges]
            .iter()
            .flat_map(|r| rule_joints(lines, segs, members, r, &[], &[]))
            .collect();
        if own.is_empty() {
            // Rules drawn whole (a LaTeX booktabs page): not a banded
            // header; a table only as a booktabs page.
            if !booktabs() {
                return None;
            }
            banded = false;
        } else {
            own.sort_by(f64::total_cmp);
            own.dedup_by(|a, b| (*a - *b).abs() < 1.0);
            seps = Vec::new();
            header_seps = own;
        }
    }
    if !header_seps.is_empty() {
        seps.extend(header_seps.iter().copied());
        seps.sort_by(f64::total_cmp);
    }
    // Two columns' text may be closer than a segment gap (a LaTeX
    // longtable's 6pt between `p` columns, on a baseline grid or with its
    // rows and paragraphs spaced apart): where many lines start a word at
    // one x, nothing crossing it.
    let more = start_columns(lines, segs, members, &seps);
    if !more.is_empty() {
        seps.extend(more);
        seps.sort_by(f64::total_cmp);
    }
    // Cell texts per line and column, by word centres.
    let cells_of = |seps: &[f64]| -> Vec<Vec<String>> {
        members
            .iter()
            .map(|&m| {
                let mut row = vec![String::new(); seps.len() + 1];
                for w in &lines[m].words {
                    let c = column_of(seps, w);
                    if !row[c].is_empty() {
                        row[c].push(' ');
                    }
                    row[c].push_str(&w.text);
                }
                row
            })
            .collect()
    };
    // Merge columns with text in fewer than two lines into the neighbour
    // across the narrower gap.
    loop {
        if seps.is_empty() {
            return None;
        }
        let cells = cells_of(&seps);
        let n = seps.len() + 1;
        // A column the header band names is a column, text or none below.
        // So is one the header's own segments show: a boundary in the gap
        // between two segments of its first line (a header row alone on a
        // page, its body on the next, has every column's text in one line).
        let header_gap = |x: f64| {
            members[head..header]
                .iter()
                .any(|&f| segs[f].windows(2).any(|p| p[0].x1 <= x && x <= p[1].x0))
        };
        let named = |c: usize| {
            let sides = [c.checked_sub(1), Some(c).filter(|&c| c < seps.len())];
            sides.iter().flatten().any(|&k| {
                header_seps.iter().any(|h| (seps[k] - h).abs() < 0.01) || header_gap(seps[k])
            }) && cells[head..header].iter().any(|r| !r[c].is_empty())
        };
        let sparse =
            (0..n).find(|&c| !named(c) && cells.iter().filter(|r| !r[c].is_empty()).count() < 2);
        let Some(c) = sparse else { break };
        let remove = if c == 0 {
            0
        } else if c == n - 1 {
            c - 1
        } else {
            // The separator nearer the column's text.
            let (l, r) = (seps[c - 1], seps[c]);
            let text_mid = members
                .iter()
                .flat_map(|&m| lines[m].words.iter())
                .filter(|w| column_of(&seps, w) == c)
                .map(|w| (w.x0 + w.x1) / 2.0)
                .next()
                .unwrap_or((l + r) / 2.0);
            if text_mid - l < r - text_mid {
                c - 1
            } else {
                c
            }
        };
        seps.remove(remove);
    }
    let cells = cells_of(&seps);
    let n = seps.len() + 1;
    let filled = |r: &Vec<String>| r.iter().filter(|t| !t.is_empty()).count();
    // Two columns are weaker evidence (a legend, a key and its value):
    // one line more.
    let min_rows = if banded || (n == 2 && framed(lines, members, rules)) {
        2
    } else if n == 2 {
        MIN_ROWS + 1
    } else {
        MIN_ROWS
    };
    if cells.iter().filter(|r| filled(r) >= 2).count() + row_starts < min_rows && !booktabs() {
        return None;
    }
    // Prose in every column: running text in columns, not a table.
    let mean_len = |c: usize| {
        let texts: Vec<usize> = cells
            .iter()
            .filter(|r| !r[c].is_empty())
            .map(|r| r[c].chars().count())
            .collect();
        texts.iter().sum::<usize>() as f64 / texts.len().max(1) as f64
    };
    if (0..n).all(|c| mean_len(c) >= LONG_TEXT) {
        return None;
    }
    // A column of list markers: a list, or markers beside one text column.
    let markers = |c: usize| {
        cells
            .iter()
            .filter(|r| !r[c].is_empty())
            .all(|r| is_marker(&r[c]))
    };
    if (0..n).any(|c| markers(c) && cells.iter().all(|r| !r[c].is_empty() || filled(r) <= 1))
        || (n == 2 && markers(0))
    {
        return None;
    }

    // Rows: continuation lines join the row above.
    let gaps: Vec<f64> = members
        .windows(2)
        .map(|w| lines[w[1]].top - lines[w[0]].bottom)
        .collect();
    let min_gap = least_spacing(&gaps);
    let mut row_start = vec![true; members.len()];
    let mut first_of_row = 0;
    for k in 1..members.len() {
        let cont = cells[k][0].is_empty()
            && filled(&cells[k]) < filled(&cells[first_of_row])
            && gaps[k - 1] <= min_gap + 0.25 * lines[members[k]].size.max(1.0);
        if cont {
            row_start[k] = false;
        } else {
            first_of_row = k;
        }
    }
    let grid = grid_pitch(lines, members, rules, edges).is_some();
    // Shaded bands across the table between its body's lines, two or
    // more: rows set apart by the bands' edges, however little padding
    // they leave (a zebra table).
    let zebra = {
        let (left, right) = extent(lines, members);
        (header.max(1)..members.len())
            .filter(|&k| {
                across(
                    edges,
                    lines[members[k - 1]].bottom,
                    lines[members[k]].top,
                    left,
                    right,
                ) >= BAND_SHARE * (right - left)
            })
            .count()
            >= 2
    };

    let mut close_rows = false;
    let mut close = false;
    // Cells centred in their rows: the rows are the runs of lines the
    // columns' text, together, leaves no row's padding between.
    let centred = if grid {
        None
    } else {
        centred_rows(lines, members, &seps)
    };
    let is_centred = centred.is_some();
    if let Some(runs) = centred {
        row_start = runs;
    } else if let Some(by_content) =
        content_rows(lines, members, &seps, &cells, grid, zebra, &mut close)
    {
        // On a baseline grid a line with an empty first column is no
        // sign of a wrap (a row of a plan under the objective's first row
        // leaves it empty): the content decides.
        if grid
            || by_content.iter().filter(|s| **s).count() < row_start.iter().filter(|s| **s).count()
        {
            row_start = by_content;
            close_rows = close;
        }
    }
    if !rules.is_empty() || !edges.is_empty() {
        let left = members
            .iter()
            .map(|&m| lines[m].x0)
            .fold(f64::MAX, f64::min);
        let right = members
            .iter()
            .map(|&m| lines[m].x1)
            .fold(f64::MIN, f64::max);
        for k in 1..members.len() {
            let (above, below) = (lines[members[k - 1]].bottom, lines[members[k]].top);
            let width = right - left;
            row_start[k] |= across(rules, above, below, left, right) >= 0.8 * width
                || across(edges, above, below, left, right) >= BAND_SHARE * width;
        }
    }
    // A header ruled above and below is one row.
    for s in row_start.iter_mut().take(header).skip(1) {
        *s = false;
    }
    // On a baseline grid a cell never runs on past its row: every cell of
    // a row starts at its first line (or the line below, a list).
    let down = if grid || is_centred {
        vec![vec![false; n]; members.len()]
    } else {
        spans_down(lines, members, &seps, &row_start)
    };

    // The same text in every cell of most rows: figures side by side
    // (their titles, sources and axis labels), not a table.
    let twins = cells
        .iter()
        .filter(|r| {
            let mut texts = r.iter().filter(|t| !t.is_empty());
            let first = texts.next();
            first.is_some() && filled(r) >= 2 && texts.all(|t| Some(t) == first)
        })
        .count();
    if 2 * twins >= cells.len() {
        return None;
    }

    // Mostly empty cells: the tick labels of charts side by side, not a
    // table. On a baseline grid (a LaTeX longtable), or where rows padded
    // less than half an em were read (`close_padding`: every action a row,
    // most of its cells empty), a column with no text under the block's
    // first line is a header's column left empty in every row ("Progress
    // Review", "RAG rating"), not missing text.
    let counted: Vec<bool> = (0..n)
        .map(|c| {
            !(grid || close_rows || delimited.is_some())
                || cells.iter().skip(header).any(|r| !r[c].is_empty())
        })
        .collect();
    let width = counted.iter().filter(|c| **c).count();
    let mut slots = 0;
    let mut with_text = 0;
    let mut row_has = vec![false; n];
    for k in 0..members.len() {
        if k > 0 && row_start[k] {
            slots += width;
            with_text += (0..n).filter(|&c| counted[c] && row_has[c]).count();
            row_has = vec![false; n];
        }
        for (c, t) in cells[k].iter().enumerate() {
            row_has[c] |= !t.is_empty();
        }
    }
    slots += width;
    with_text += (0..n).filter(|&c| counted[c] && row_has[c]).count();
    if (with_text as f64) < MIN_FILLED * slots as f64 {
        return None;
    }

    // Boundaries.
    let (x0, x1) = extent(lines, members);
    let (x0, x1) = (x0 - 1.0, x1 + 1.0);
    let mut xs = vec![x0];
    xs.extend(seps.iter().copied());
    xs.push(x1);
    let mut ys = Vec::new();
    let mut rows_lines: Vec<Vec<usize>> = Vec::new();
    for (k, &m) in members.iter().enumerate() {
        if row_start[k] {
            let y = if k == 0 {
                lines[m].top - 1.0
            } else {
                (lines[members[k - 1]].bottom + lines[m].top) / 2.0
            };
            ys.push(y);
            rows_lines.push(vec![m]);
        } else if let Some(r) = rows_lines.last_mut() {
            r.push(m);
        }
    }
    ys.push(lines[*members.last()?].bottom + 1.0);

    // Cells: a word running across a column boundary merges the columns it
    // covers in its row.
    let mut grid_cells: Vec<GridCell> = Vec::new();
    // The cell covering each column in the row above.
    let mut owner: Vec<Option<usize>> = vec![None; n];
    let mut row_of_start = row_start
        .iter()
        .enumerate()
        .filter(|(_, s)| **s)
        .map(|(k, _)| k);
    for (r, ls) in rows_lines.iter().enumerate() {
        let first = row_of_start.next().unwrap_or(0);
        let mut owns = vec![None; n];
        let mut joined = vec![false; seps.len()]; // boundary k joins columns k and k+1
        for &m in ls {
            for w in &lines[m].words {
                for (k, &s) in seps.iter().enumerate() {
                    if w.x0 < s && s < w.x1 {
                        joined[k] = true;
                    }
                }
            }
        }
        // A body row of one line with text in the first column alone (a
        // section label: "1. Children's Social Care") is one cell across
        // the row, as the merged cell it was drawn from; so is one whose
        // text is one run of words (no gap wider than a word space) that
        // starts in the first column and runs on past its boundary ("2
        // Cooperative Commissioning and Adult | Social Care"); not where
        // that text runs on from the cell above.
        if r > 0
            && ls.len() == 1
            && !down[first][0]
            && !numbered_like_its_neighbours(lines, &seps, &rows_lines, r)
            && ls.iter().all(|&m| {
                let words = &lines[m].words;
                words.iter().all(|w| column_of(&seps, w) == 0)
                    || (segs[m].len() == 1
                        && words.first().is_some_and(|w| column_of(&seps, w) == 0))
            })
        {
            joined.iter_mut().for_each(|j| *j = true);
        }
        let mut c = 0;
        while c < n {
            let mut span = 1;
            while c + span - 1 < seps.len() && joined[c + span - 1] {
                span += 1;
            }
            // A cell whose text runs on from the row above: one cell
            // written once beside several rows (a row span).
            let above = owner[c].filter(|&i| grid_cells[i].cols == 1);
            if let (1, Some(i), true) = (span, above, r > 0 && down[first][c]) {
                grid_cells[i].rows += 1;
                owns[c] = Some(i);
                c += 1;
                continue;
            }
            for o in owns.iter_mut().skip(c).take(span) {
                *o = Some(grid_cells.len());
            }
            grid_cells.push(GridCell {
                row: r,
                col: c,
                rows: 1,
                cols: span,
            });
            c += span;
        }
        owner = owns;
    }
    Some(Grid {
        xs,
        ys,
        cells: grid_cells,
    })
}

/// The number a cell's text starts with where it numbers an item of a list
/// ("2", "2.", "2)" before a space or the end), not a subsection ("2.1") or
/// a figure ("2017", "2,000"): `None` otherwise.
fn item_number(text: &str) -> Option<u32> {
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    if digits == 0 || digits > 2 {
        return None;
    }
    let mut rest = text[digits..].chars();
    let ends = match rest.next() {
        None => true,
        Some('.' | ')') => rest.next().is_none_or(char::is_whitespace),
        Some(c) => c.is_whitespace(),
    };
    if !ends {
        return None;
    }
    text[..digits].parse().ok()
}

/// The first column's item number in row `r` (its first line's first word
/// left of the first boundary).
fn first_column_number(
    lines: &[Line],
    seps: &[f64],
    rows_lines: &[Vec<usize>],
    r: usize,
) -> Option<u32> {
    let &m = rows_lines.get(r)?.first()?;
    let w = lines[m].words.first()?;
    (column_of(seps, w) == 0)
        .then(|| item_number(&w.text))
        .flatten()
}

/// Row `r`, its text in the first column alone, is numbered as an item
/// of the first column's list: the row under it starts the first column
/// with the next number ("1. CSE", then "2 Disseminate …"), or the row
/// above with the one before. A row of the table whose other cells are
/// empty, not a section label over the rows under it (whose numbers go a
/// level down: "1. Children", then "1.1", "1.2").
fn numbered_like_its_neighbours(
    lines: &[Line],
    seps: &[f64],
    rows_lines: &[Vec<usize>],
    r: usize,
) -> bool {
    let Some(n) = first_column_number(lines, seps, rows_lines, r) else {
        return false;
    };
    let next = first_column_number(lines, seps, rows_lines, r + 1);
    let prev = r
        .checked_sub(1)
        .and_then(|p| first_column_number(lines, seps, rows_lines, p));
    next == Some(n + 1) || (n > 0 && prev == Some(n - 1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::pdf::interp::Char;
    use crate::read::pdf::layout;

    /// Characters of `text` at 10pt, 5pt wide each, baseline `y`, from `x`.
    fn text_at(text: &str, x: f64, y: f64) -> Vec<Char> {
        layout::test_chars(text, x, y, 5.0)
    }

    fn find(rows: &[(&str, f64, f64)]) -> Vec<Grid> {
        let chars: Vec<Char> = rows
            .iter()
            .flat_map(|(t, x, y)| text_at(t, *x, *y))
            .collect();
        let refs: Vec<&Char> = chars.iter().collect();
        find_tables(&layout::lines(&refs), &[])
    }

    #[test]
    fn a_key_value_table_right_under_a_table_is_not_its_rows() {
        // A three-column table, then with no more space than between its
        // rows a two-column key/value table whose keys run across the
        // first boundary and whose values start inside the second column
        // (200, its text starting at 150), across the third boundary or
        // short of it.
        let rows = |value_x: f64| {
            vec![
                ("Priority", 50.0, 100.0),
                ("Action", 150.0, 100.0),
                ("Lead", 300.0, 100.0),
                ("One", 50.0, 114.0),
                ("Review", 150.0, 114.0),
                ("PPPG", 300.0, 114.0),
                ("Two", 50.0, 128.0),
                ("Audit", 150.0, 128.0),
                ("Schools", 300.0, 128.0),
                ("Three", 50.0, 142.0),
                ("Launch", 150.0, 142.0),
                ("Comms", 300.0, 142.0),
                ("Four", 50.0, 156.0),
                ("Train", 150.0, 156.0),
                ("LSCB", 300.0, 156.0),
                ("Five", 50.0, 170.0),
                ("Report", 150.0, 170.0),
                ("Chair", 300.0, 170.0),
                ("Strategic Priority 2:", 50.0, 184.0),
                ("Improving the recognition of abuse", value_x, 184.0),
                ("Other relevant plans:", 50.0, 198.0),
                ("Serious case review", value_x, 198.0),
            ]
        };
        let lines = lines_of(&rows(200.0));
        let segs: Vec<Vec<Segment>> = lines.iter().map(segments).collect();
        let members: Vec<usize> = (0..lines.len()).collect();
        assert_eq!(foreign_tail(&lines, &segs, &members), Some(6));
        let g = find(&rows(200.0));
        assert_eq!(g.len(), 1);
        assert_eq!(g[0].n_rows(), 6, "a header and five rows: {:?}", g[0].ys);
        assert_eq!(g[0].n_cols(), 3);
        // Rows under such a line set on the table's columns: it is a row
        // with merged cells, and they are the table's.
        let mut more = rows(200.0)[..20].to_vec();
        more.extend([
            ("Six", 50.0, 198.0),
            ("Train", 150.0, 198.0),
            ("LSCB", 300.0, 198.0),
        ]);
        let tail = |rows: &[(&str, f64, f64)]| {
            let lines = lines_of(rows);
            let segs: Vec<Vec<Segment>> = lines.iter().map(segments).collect();
            let members: Vec<usize> = (0..lines.len()).collect();
            foreign_tail(&lines, &segs, &members)
        };
        assert_eq!(tail(&more), None);
        // A last row whose cells start inside their columns (indented,
        // right-aligned) without running across a boundary: the table's.
        let mut last = rows(200.0)[..18].to_vec();
        last.extend([
            ("Six", 70.0, 184.0),
            ("Train", 180.0, 184.0),
            ("LSCB", 330.0, 184.0),
        ]);
        assert_eq!(tail(&last), None);
        // A section label (one segment) across the table: the table's.
        let mut label = rows(200.0)[..18].to_vec();
        label.extend([(
            "Priority two: improving the recognition of abuse",
            50.0,
            184.0,
        )]);
        assert_eq!(tail(&label), None);
        // Under a header and three rows (columns shown by few lines):
        // not looked at.
        let mut short = rows(200.0)[..12].to_vec();
        short.extend(rows(200.0)[18..].iter().map(|&(w, x, y)| (w, x, y - 28.0)));
        assert_eq!(tail(&short), None);
    }

    #[test]
    fn cells_centred_in_their_rows_make_one_row_each() {
        // A three-line cell beside one-line cells set level with its
        // middle line, in each row: the short cells' lines are no row's
        // first line.
        let rows = [
            ("Priority", 50.0, 100.0),
            ("Action", 150.0, 100.0),
            ("Lead", 300.0, 100.0),
            ("Keeping", 50.0, 118.0),
            ("children", 50.0, 130.0),
            ("Review policy", 150.0, 130.0),
            ("PPPG", 300.0, 130.0),
            ("safe", 50.0, 142.0),
            ("Audit the", 150.0, 160.0),
            ("Second", 50.0, 172.0),
            ("schools", 150.0, 172.0),
            ("Schools", 300.0, 172.0),
            ("each year", 150.0, 184.0),
            ("Third", 50.0, 202.0),
            ("Launch", 150.0, 202.0),
            ("Comms", 300.0, 202.0),
        ];
        let lines = lines_of(&rows);
        let members: Vec<usize> = (0..lines.len()).collect();
        let starts = centred_rows(&lines, &members, &[140.0, 290.0]).expect("centred");
        let firsts: Vec<usize> = (0..starts.len()).filter(|&k| starts[k]).collect();
        assert_eq!(firsts.len(), 4, "a header and three rows: {starts:?}");
        let g = find(&rows);
        assert_eq!(g.len(), 1);
        assert_eq!(g[0].ys.len(), 5, "a header and three rows");
        // Cells set at the top of their rows: not centred (the other rules
        // read those rows).
        let top = [
            ("Priority", 50.0, 100.0),
            ("Action", 150.0, 100.0),
            ("Lead", 300.0, 100.0),
            ("Keeping", 50.0, 118.0),
            ("Review policy", 150.0, 118.0),
            ("PPPG", 300.0, 118.0),
            ("children", 50.0, 130.0),
            ("safe", 50.0, 142.0),
            ("Second", 50.0, 160.0),
            ("Audit the", 150.0, 160.0),
            ("Schools", 300.0, 160.0),
            ("schools", 150.0, 172.0),
            ("each year", 150.0, 184.0),
            ("Third", 50.0, 202.0),
            ("Launch", 150.0, 202.0),
            ("Comms", 300.0, 202.0),
        ];
        let lines = lines_of(&top);
        let members: Vec<usize> = (0..lines.len()).collect();
        assert!(centred_rows(&lines, &members, &[140.0, 290.0]).is_none());
    }

    #[test]
    fn a_header_cells_line_centred_above_the_first_line_joins_the_table() {
        // "Risk" / "(L/M)" centred beside one-line header cells: "Risk"
        // half a line above them, overlapping their line.
        let rows = |risk: f64| {
            vec![
                ("Priority", 50.0, 100.0),
                ("Risk", 150.0, risk),
                ("(L/M)", 150.0, 106.0),
                ("Lead", 300.0, 100.0),
                ("Aim one", 50.0, 124.0),
                ("H", 150.0, 124.0),
                ("PPPG", 300.0, 124.0),
                ("Aim two", 50.0, 148.0),
                ("M", 150.0, 148.0),
                ("Schools", 300.0, 148.0),
                ("Aim three", 50.0, 172.0),
                ("L", 150.0, 172.0),
                ("Comms", 300.0, 172.0),
            ]
        };
        let g = find(&rows(94.0));
        assert_eq!(g.len(), 1);
        assert!(g[0].ys[0] < 85.0, "{:?}", g[0].ys);
        // Set only 4pt higher (a column a few points off its neighbours'
        // baseline): not a line of a taller header cell, but its line
        // shows the header's columns with theirs (`beside_segments`), so
        // the block starts there too, one header row.
        let g = find(&rows(96.0));
        assert_eq!(g.len(), 1);
        assert!(g[0].ys[0] < 88.0, "{:?}", g[0].ys);
        assert_eq!(g[0].n_rows(), 4, "{:?}", g[0].ys);
    }

    #[test]
    fn an_undrawn_gap_in_a_line_of_drawn_spaces_separates_cells() {
        // Justified cell text reaching its column's edge, 7pt (0.7 em)
        // from the next cell's: its word spaces are drawn, the gap is not.
        let l = lines_of(&[("Gather on", 50.0, 100.0), ("PPPG", 102.0, 100.0)]);
        assert_eq!(segments(&l[0]).len(), 2);
        // No space drawn in the line (a writer placing every word): the
        // same gap is a word space.
        let l = lines_of(&[("Gather", 50.0, 100.0), ("PPPG", 87.0, 100.0)]);
        assert_eq!(segments(&l[0]).len(), 1);
        // A word placed apart as far as the line's drawn word spaces
        // (groff justifying a line): a word space.
        let l = lines_of(&[("Gather on", 50.0, 100.0), ("PPPG", 100.0, 100.0)]);
        assert_eq!(segments(&l[0]).len(), 1);
        // A bullet's indent is no cell boundary.
        let l = lines_of(&[("•", 50.0, 100.0), ("Review the", 62.0, 100.0)]);
        assert_eq!(segments(&l[0]).len(), 1);
    }

    #[test]
    fn wrapped_cells_make_one_row_where_columns_start_new_text() {
        // Rows told apart only by the space between them: every cell of the
        // first column wraps, so each line would otherwise be a row.
        let rows = [
            ("Objective", 50.0, 100.0),
            ("Action", 150.0, 100.0),
            ("Lead", 300.0, 100.0),
            ("Working together", 50.0, 118.0),
            ("Review the", 150.0, 118.0),
            ("PPPG", 300.0, 118.0),
            ("across agencies", 50.0, 130.0),
            ("policy and", 150.0, 130.0),
            ("in the city", 50.0, 142.0),
            ("its annex", 150.0, 142.0),
            ("Second aim", 50.0, 160.0),
            ("Audit", 150.0, 160.0),
            ("Schools", 300.0, 160.0),
            ("for schools", 50.0, 172.0),
            ("the schools", 150.0, 172.0),
            ("and colleges", 50.0, 184.0),
            ("each year", 150.0, 184.0),
            ("Third aim", 50.0, 202.0),
            ("Launch", 150.0, 202.0),
            ("Comms", 300.0, 202.0),
        ];
        let g = find(&rows);
        assert_eq!(g.len(), 1);
        assert_eq!(g[0].xs.len(), 4, "three columns");
        assert_eq!(g[0].ys.len(), 5, "a header and three rows");
        // Evenly spaced rows of one line each stay one row a line.
        let g = find(&[
            ("No.", 50.0, 100.0),
            ("Action", 120.0, 100.0),
            ("Lead", 300.0, 100.0),
            ("Review the policy", 120.0, 112.0),
            ("PPPG", 300.0, 112.0),
            ("1.2", 50.0, 124.0),
            ("Audit", 120.0, 124.0),
            ("Schools", 300.0, 124.0),
            ("1.3", 50.0, 136.0),
            ("Launch", 120.0, 136.0),
            ("Comms", 300.0, 136.0),
        ]);
        assert_eq!(g[0].ys.len(), 4, "the unnumbered line continues the header");
    }

    #[test]
    fn a_boundary_does_not_cut_a_header_word_running_across_the_gap() {
        // "CAB" and "What" a word space apart in the header, their columns
        // apart in every other line.
        let mut rows = vec![("No.", 40.0, 100.0), ("CAB What do we want", 80.0, 100.0)];
        let body: Vec<(String, f64)> = (0..12)
            .map(|i| (format!("1.{i}"), 112.0 + 12.0 * i as f64))
            .collect();
        for (id, y) in &body {
            rows.push((id.as_str(), 40.0, *y));
            rows.push(("B", 80.0, *y));
            rows.push(("Boards and partners", 100.0, *y));
        }
        let g = find(&rows);
        assert_eq!(g.len(), 1);
        let at = g[0].xs[2];
        assert!(at > 95.0 && at < 100.0, "between CAB and What: {at}");
    }

    fn lines_of(rows: &[(&str, f64, f64)]) -> Vec<Line> {
        let chars: Vec<Char> = rows
            .iter()
            .flat_map(|(t, x, y)| text_at(t, *x, *y))
            .collect();
        let refs: Vec<&Char> = chars.iter().collect();
        layout::lines(&refs)
    }

    #[test]
    fn a_close_set_header_then_padded_rows_keeps_its_first_line() {
        // jspdf-autotable's plain theme: no rules, no fills, a header of
        // three lines set at the font's pitch, then each row a cell's
        // padding (11.4 points) below the one before.
        let mut rows = vec![
            ("No.", 50.0, 100.0),
            ("Action", 120.0, 100.0),
            ("Lead and", 300.0, 100.0),
            ("to do", 120.0, 110.35),
            ("when", 300.0, 110.35),
            ("now", 300.0, 120.7),
        ];
        let body = [("1.1", "Audit"), ("1.2", "Launch"), ("1.3", "Review")];
        for (k, (n, what)) in body.iter().enumerate() {
            let y = 142.1 + 31.75 * k as f64;
            rows.extend([(*n, 50.0, y), (*what, 120.0, y), ("Board", 300.0, y)]);
            rows.push(("the plan", 120.0, y + 10.35));
        }
        let lines = lines_of(&rows);
        let g = find_tables_ruled(&lines, &[], &[], &[]);
        assert_eq!(g.len(), 1);
        assert!(
            g[0].ys[0] < 91.0,
            "the header's first line in: {:?}",
            g[0].ys
        );
        // The same space only once (rows of one line set close under
        // it): not the rows' padding, the block stops above it (see the
        // next test).
        let mut once = rows[..6].to_vec();
        for (k, (n, what)) in body.iter().enumerate() {
            let y = 142.1 + 10.35 * k as f64;
            once.extend([(*n, 50.0, y), (*what, 120.0, y), ("Board", 300.0, y)]);
        }
        let g = find_tables_ruled(&lines_of(&once), &[], &[], &[]);
        assert!(g.iter().all(|g| g.ys[0] > 95.0), "{g:?}");
    }

    #[test]
    fn a_rule_in_a_wider_gap_under_a_header_keeps_the_header_in_the_table() {
        // A header of three lines, then more space than its lines leave
        // (the booktabs rule and the cell padding) before the body.
        let rows = [
            ("No.", 50.0, 100.0),
            ("Action", 120.0, 100.0),
            ("Lead and", 300.0, 100.0),
            ("to do", 120.0, 112.0),
            ("when", 300.0, 112.0),
            ("now", 300.0, 124.0),
            ("1.1", 50.0, 150.0),
            ("Audit", 120.0, 150.0),
            ("Schools", 300.0, 150.0),
            ("1.2", 50.0, 162.0),
            ("Launch", 120.0, 162.0),
            ("Comms", 300.0, 162.0),
            ("1.3", 50.0, 174.0),
            ("Review", 120.0, 174.0),
            ("Board", 300.0, 174.0),
        ];
        let lines = lines_of(&rows);
        let without = find_tables_ruled(&lines, &[], &[], &[]);
        assert_eq!(without.len(), 1);
        assert!(without[0].ys[0] > 95.0, "the header's first line left out");
        // The rule drawn a piece a cell, as a browser does.
        let rule = [
            (137.0, 45.0, 115.0),
            (137.0, 115.0, 295.0),
            (137.0, 295.0, 345.0),
        ];
        let with = find_tables_ruled(&lines, &[], &rule, &[]);
        assert_eq!(with.len(), 1);
        assert_eq!(
            with[0].ys[0], 89.0,
            "the table starts at the header's first line"
        );
        assert_eq!(with[0].ys.len(), 5, "header (three lines) and three rows");
    }

    #[test]
    fn a_section_label_under_a_ruled_header_keeps_the_header_in_the_table() {
        // The first line under the rule is a short label of one segment.
        let rows = [
            ("No.", 50.0, 100.0),
            ("Action", 120.0, 100.0),
            ("Lead and", 300.0, 100.0),
            ("to do", 120.0, 112.0),
            ("when", 300.0, 112.0),
            ("now", 300.0, 124.0),
            ("1. Children", 50.0, 150.0),
            ("1.1", 50.0, 170.0),
            ("Audit", 120.0, 170.0),
            ("Schools", 300.0, 170.0),
            ("1.2", 50.0, 182.0),
            ("Launch", 120.0, 182.0),
            ("Comms", 300.0, 182.0),
            ("1.3", 50.0, 194.0),
            ("Review", 120.0, 194.0),
            ("Board", 300.0, 194.0),
        ];
        let lines = lines_of(&rows);
        let rule = [(137.0, 45.0, 345.0)];
        let g = find_tables_ruled(&lines, &[], &rule, &[]);
        assert_eq!(g.len(), 1);
        assert_eq!(
            g[0].ys[0], 89.0,
            "the table starts at the header's first line"
        );
        let label: Vec<&GridCell> = g[0].cells.iter().filter(|c| c.row == 1).collect();
        assert_eq!(label.len(), 1, "the label is a row of one cell");
        assert_eq!(label[0].cols, 3);
    }

    #[test]
    fn a_label_under_a_ruled_header_at_a_pages_foot_is_the_first_row() {
        // A header ruled above and below, then one section label: the
        // page's table ends there (its rows are on the next page).
        let rows = [
            ("No.", 50.0, 100.0),
            ("Action", 120.0, 100.0),
            ("Lead", 300.0, 100.0),
            ("of", 50.0, 112.0),
            ("to do", 120.0, 112.0),
            ("and when", 300.0, 112.0),
            ("by", 50.0, 124.0),
            ("it", 120.0, 124.0),
            ("now", 300.0, 124.0),
            ("1. Children", 50.0, 140.0),
        ];
        let lines = lines_of(&rows);
        let under = [(127.0, 45.0, 345.0)];
        let g = find_tables_ruled(&lines, &[], &under, &[]);
        assert_eq!(
            g[0].ys.last(),
            Some(&125.0),
            "without a rule above the header, a note"
        );
        let both = [(88.0, 45.0, 345.0), (127.0, 45.0, 345.0)];
        let g = find_tables_ruled(&lines, &[], &both, &[]);
        assert_eq!(g[0].ys.last(), Some(&141.0), "the label is the first row");
        // Under a second rule (a bottom rule), a line stays out.
        let three = [
            (88.0, 45.0, 345.0),
            (113.0, 45.0, 345.0),
            (127.0, 45.0, 345.0),
        ];
        let g = find_tables_ruled(&lines, &[], &three, &[]);
        assert_eq!(g[0].ys.last(), Some(&125.0));
    }

    /// A header line at y = 100 and one row a line below it (12pt apart)
    /// for each id, the id under the header's first word, then `body`'s
    /// texts at their x.
    fn header_and_rows(
        header: &[(&'static str, f64)],
        ids: &[&'static str],
        body: &[(&'static str, f64)],
    ) -> Vec<(&'static str, f64, f64)> {
        let mut rows: Vec<(&'static str, f64, f64)> =
            header.iter().map(|&(t, x)| (t, x, 100.0)).collect();
        let id_x = header.first().map_or(0.0, |h| h.1);
        for (k, id) in ids.iter().enumerate() {
            let y = 114.0 + 12.0 * k as f64;
            rows.push((id, id_x, y));
            rows.extend(body.iter().map(|&(t, x)| (t, x, y)));
        }
        rows
    }

    /// A header whose "No." and "CAB" stand a word space apart, and three
    /// rows with a short text under "CAB".
    fn no_cab_rows() -> Vec<(&'static str, f64, f64)> {
        header_and_rows(
            &[
                ("No.", 50.0),
                ("CAB", 70.0),
                ("Action", 120.0),
                ("Lead", 300.0),
            ],
            &["1.1", "1.2", "1.3"],
            &[("B", 80.0), ("Audit it", 120.0), ("Schools", 300.0)],
        )
    }

    #[test]
    fn a_rule_drawn_a_piece_a_cell_shows_the_column_boundaries() {
        // "No." and "CAB" a word space apart in the header; a column
        // ("Comment") named in the header and empty below.
        let lines = lines_of(&no_cab_rows());
        let plain = find_tables_ruled(&lines, &[], &[], &[]);
        assert_eq!(plain[0].xs.len(), 4, "No. and CAB one column");
        let pieces = [
            (88.0, 45.0, 67.5),
            (88.0, 67.5, 115.0),
            (88.0, 115.0, 295.0),
            (88.0, 295.0, 345.0),
        ];
        let g = find_tables_ruled(&lines, &[], &pieces, &[]);
        assert_eq!(g.len(), 1);
        assert_eq!(g[0].xs.len(), 5, "four columns");
        assert_eq!(g[0].xs[1], 67.5, "at the joint between No. and CAB");
        // A dashed rule (short pieces) shows nothing.
        let dashes: Vec<(f64, f64, f64)> = (0..30)
            .map(|k| (88.0, 45.0 + 10.0 * k as f64, 50.0 + 10.0 * k as f64))
            .collect();
        assert_eq!(find_tables_ruled(&lines, &[], &dashes, &[])[0].xs.len(), 4);
    }

    #[test]
    fn a_joint_only_ever_in_a_word_space_is_no_boundary() {
        // A key/value table under another table's shaded band, whose
        // pieces meet at 296: right in the word space before the first
        // line's last word ("to", 2.5 points after "more").
        let rows = |extra: Option<(&'static str, f64, f64)>| {
            let mut rows = vec![
                ("Priority", 50.0, 100.0),
                ("Promoting safe recruitment and more", 120.0, 100.0),
                ("to", 297.5, 100.0),
                ("Other plans", 50.0, 124.0),
                ("Ofsted report", 120.0, 124.0),
                ("Sponsor", 50.0, 148.0),
                ("Jan Norman", 120.0, 148.0),
                ("Lead", 50.0, 160.0),
                ("Chair", 120.0, 160.0),
            ];
            rows.extend(extra);
            lines_of(&rows)
        };
        let band = [
            (80.0, 45.0, 100.0),
            (80.0, 100.0, 200.0),
            (80.0, 200.0, 296.0),
            (80.0, 296.0, 320.0),
        ];
        let g = find_tables_ruled(&rows(None), &[], &[], &band);
        assert_eq!(g.len(), 1);
        assert_eq!(
            g[0].xs.len(),
            3,
            "a key and its value, no column for \"to\""
        );
        // Where a line leaves the cells' padding there, it is one.
        let g = find_tables_ruled(&rows(Some(("Yes", 301.0, 124.0))), &[], &[], &band);
        assert_eq!(g[0].xs.len(), 4);
    }

    #[test]
    fn a_narrow_first_columns_short_rule_piece_shows_its_boundary() {
        // A "#" column of one-digit numbers, its text closer to the next
        // column's than a segment gap: its rule piece (13pt, under one and
        // a half ems) and its joint (9pt in from the block's edge) count.
        let rows = header_and_rows(
            &[
                ("#", 46.0),
                ("Aim", 58.0),
                ("Action", 160.0),
                ("Lead", 300.0),
            ],
            &["1", "2", "3"],
            &[
                ("Fewer falls", 58.0),
                ("Audit it", 160.0),
                ("Schools", 300.0),
            ],
        );
        let lines = lines_of(&rows);
        assert_eq!(find_tables_ruled(&lines, &[], &[], &[])[0].xs.len(), 4);
        let rule = |first: f64| {
            [
                (88.0, first, 55.0),
                (88.0, 55.0, 150.0),
                (88.0, 150.0, 290.0),
                (88.0, 290.0, 345.0),
            ]
        };
        let g = find_tables_ruled(&lines, &[], &rule(42.0), &[]);
        assert_eq!(g[0].xs.len(), 5, "# a column of its own");
        assert_eq!(g[0].xs[1], 55.0, "at the joint after the short piece");
        // A first piece shorter than an em (a dash) shows nothing.
        let g = find_tables_ruled(&lines, &[], &rule(47.0), &[]);
        assert_eq!(g[0].xs.len(), 4);
    }

    #[test]
    fn a_header_shaded_a_rectangle_a_cell_shows_the_column_boundaries() {
        let lines = lines_of(&no_cab_rows());
        let dark = [0x1F, 0x38, 0x64];
        let cell = |x0: f64, x1: f64| FillRect {
            x0,
            top: 88.0,
            x1,
            bottom: 102.0,
            color: dark,
        };
        let header = [
            cell(45.0, 67.5),
            cell(67.5, 115.0),
            cell(115.0, 295.0),
            cell(295.0, 345.0),
        ];
        let edges = fill_edges(&header);
        assert_eq!(edges.len(), 8, "a top and a bottom edge a cell");
        let g = find_tables_ruled(&lines, &[], &[], &edges);
        assert_eq!(g.len(), 1);
        assert_eq!(g[0].xs.len(), 5, "four columns");
        assert_eq!(g[0].xs[1], 67.5, "where the No. and CAB cells meet");
        assert_eq!(g[0].ys.len(), 5, "the header band's bottom starts a row");
        // One rectangle across the header (reportlab) shows no columns.
        let edges = fill_edges(&[cell(45.0, 345.0)]);
        assert_eq!(find_tables_ruled(&lines, &[], &[], &edges)[0].xs.len(), 4);
    }

    #[test]
    fn a_rule_under_the_last_line_keeps_the_last_rows_paragraphs_in_the_table() {
        let mut rows = header_and_rows(
            &[("No.", 50.0), ("Action", 120.0), ("Progress", 300.0)],
            &["1.1", "1.2", "1.3"],
            &[("Audit it", 120.0), ("Done", 300.0)],
        );
        // A second paragraph in the last row's last cell, after more
        // space than a wrap.
        rows.extend([("Update March", 300.0, 153.0), ("went live", 300.0, 165.0)]);
        let lines = lines_of(&rows);
        let open = find_tables_ruled(&lines, &[], &[], &[]);
        assert_eq!(open[0].ys.last(), Some(&139.0), "the paragraph left out");
        let closed = find_tables_ruled(&lines, &[], &[(168.0, 45.0, 345.0)], &[]);
        assert_eq!(
            closed[0].ys.last(),
            Some(&166.0),
            "the rule closes the table"
        );
        assert_eq!(closed[0].ys.len(), 5);
    }

    #[test]
    fn two_rules_a_space_apart_in_one_gap_end_one_table_and_start_the_next() {
        let mut rows = header_and_rows(
            &[("No.", 50.0), ("Action", 120.0), ("Progress", 300.0)],
            &["1.1", "1.2", "1.3"],
            &[("Audit it", 120.0), ("Done", 300.0)],
        );
        // The next table, set a paragraph's space under the first (12
        // points: no wider than the gap rule lets a table go on).
        rows.extend([
            ("2.1", 50.0, 160.0),
            ("Launch", 120.0, 160.0),
            ("Comms", 300.0, 160.0),
            ("2.2", 50.0, 172.0),
            ("Review", 120.0, 172.0),
            ("Board", 300.0, 172.0),
            ("2.3", 50.0, 184.0),
            ("Report", 120.0, 184.0),
            ("Chair", 300.0, 184.0),
        ]);
        let lines = lines_of(&rows);
        let header = [(88.0, 45.0, 345.0), (103.0, 45.0, 345.0)];
        let with = |more: &[(f64, f64, f64)]| {
            let mut r = header.to_vec();
            r.extend_from_slice(more);
            find_tables_ruled(&lines, &[], &r, &[])
        };
        // The first table's bottom rule and the second's top rule, seven
        // points apart: two tables.
        let g = with(&[(141.0, 45.0, 345.0), (148.0, 45.0, 345.0)]);
        assert_eq!(g.len(), 2);
        assert_eq!(g[0].ys.len(), 5, "header and three rows");
        assert_eq!(g[1].ys.len(), 4, "three rows");
        // One rule in the gap (a row rule), a doubled one (two points
        // apart), or two rules of which one is short: one table.
        for more in [
            vec![(141.0, 45.0, 345.0)],
            vec![(141.0, 45.0, 345.0), (143.0, 45.0, 345.0)],
            vec![(141.0, 45.0, 345.0), (148.0, 45.0, 120.0)],
        ] {
            let g = with(&more);
            assert_eq!(g.len(), 1, "{more:?}");
            assert_eq!(g[0].ys.len(), 8, "{more:?}");
        }
    }

    #[test]
    fn a_wide_gap_with_no_stripe_edge_ends_a_zebra_table() {
        let mut rows = header_and_rows(
            &[("No.", 50.0), ("Action", 120.0), ("Progress", 300.0)],
            &["1.1", "1.2", "1.3", "1.4"],
            &[("Audit it", 120.0), ("Done", 300.0)],
        );
        // The next table, its first row 12 points under the last row (its
        // rows 2 apart): no wider than the gap rule lets a table go on.
        rows.extend([
            ("2.1", 50.0, 172.0),
            ("Launch", 120.0, 172.0),
            ("Comms", 300.0, 172.0),
            ("2.2", 50.0, 184.0),
            ("Review", 120.0, 184.0),
            ("Board", 300.0, 184.0),
            ("2.3", 50.0, 196.0),
            ("Report", 120.0, 196.0),
            ("Chair", 300.0, 196.0),
        ]);
        let lines = lines_of(&rows);
        let edge = |y: f64| (y, 45.0, 345.0);
        // A dark header and stripes: an edge at every row boundary.
        let stripes = [edge(102.0), edge(115.0), edge(127.0), edge(139.0)];
        let g = find_tables_ruled(&lines, &[], &[], &stripes);
        assert_eq!(g.len(), 2);
        assert_eq!(g[0].ys.len(), 6, "header and four rows");
        // A stripe's edge in the gap (the last row shaded), or too few
        // stripes to know the rows' spacing: one table.
        let mut edged = stripes.to_vec();
        edged.push(edge(156.0));
        assert_eq!(find_tables_ruled(&lines, &[], &[], &edged).len(), 1);
        assert_eq!(find_tables_ruled(&lines, &[], &[], &stripes[..2]).len(), 1);
    }

    /// A header and five rows of two lines each (Action and Lead wrapping
    /// side by side, 12 points apart); rows 1, 3 and 5 numbered. `pitch(r)`
    /// is the distance from row `r - 1`'s last baseline to row `r`'s first.
    fn close_rows(pitch: impl Fn(usize) -> f64) -> Vec<(&'static str, f64, f64)> {
        let body: [(&str, [&str; 2], [&str; 2]); 5] = [
            ("1.1", ["Review the", "policy now"], ["Board", "members"]),
            ("", ["Audit it", "each year"], ["Schools", "and colleges"]),
            ("1.2", ["Launch", "the plan"], ["Comms", "team"]),
            ("", ["Report", "on it"], ["Chair", "of board"]),
            ("1.3", ["Close", "the year"], ["Chair", "again"]),
        ];
        let mut rows = vec![
            ("No.", 50.0, 100.0),
            ("Action", 120.0, 100.0),
            ("Lead", 300.0, 100.0),
        ];
        let mut y = 100.0;
        for (r, (id, action, lead)) in body.iter().enumerate() {
            y += if r == 0 { 16.0 } else { pitch(r) };
            if !id.is_empty() {
                rows.push((id, 50.0, y));
            }
            for (i, (a, l)) in action.iter().zip(lead).enumerate() {
                let at = y + 12.0 * i as f64;
                rows.extend([(*a, 120.0, at), (*l, 300.0, at)]);
            }
            y += 12.0;
        }
        rows
    }

    #[test]
    fn rows_padded_less_than_half_an_em_start_at_the_padding_the_numbered_rows_show() {
        // Wrapped lines 2 points apart, rows 6 (under the half em over a
        // wrap that `content_rows` needs): the unnumbered rows 2 and 4
        // start where rows 3 and 5 do, at the same space under the line
        // above, every cell ending on that line.
        let g = find(&close_rows(|_| 16.0));
        assert_eq!(g.len(), 1);
        assert_eq!(g[0].ys.len(), 7, "a header and five rows");
        // A paragraph's space (6.8 points: more than the rows' padding)
        // is no row.
        let g = find(&close_rows(|r| if r % 2 == 1 { 16.8 } else { 16.0 }));
        assert_eq!(g[0].ys.len(), 5, "rows 2 and 4 run on");
        // Rows padded half an em or more (8 points) and paragraphs 3
        // points over a wrap: the paragraphs set side by side stay in
        // their rows.
        let g = find(&close_rows(|r| if r % 2 == 1 { 15.0 } else { 18.0 }));
        assert_eq!(g[0].ys.len(), 5, "rows 2 and 4 run on");
        // Text in one column alone at the rows' padding is no row.
        let mut rows = close_rows(|_| 16.0);
        rows.retain(|&(t, ..)| !["Schools", "and colleges", "Chair", "of board"].contains(&t));
        let g = find(&rows);
        assert_eq!(g[0].ys.len(), 5, "rows 2 and 4 run on");
    }

    #[test]
    fn a_row_of_one_label_in_the_first_column_is_one_cell_across() {
        let g = find(&[
            ("No.", 50.0, 100.0),
            ("Action", 120.0, 100.0),
            ("Lead", 300.0, 100.0),
            ("1. Children", 50.0, 124.0),
            ("1.1", 50.0, 142.0),
            ("Audit", 120.0, 142.0),
            ("Schools", 300.0, 142.0),
            ("the schools", 120.0, 154.0),
            ("1.2", 50.0, 172.0),
            ("Launch", 120.0, 172.0),
            ("Comms", 300.0, 172.0),
        ]);
        assert_eq!(g.len(), 1);
        assert_eq!(g[0].ys.len(), 5);
        let label: Vec<&GridCell> = g[0].cells.iter().filter(|c| c.row == 1).collect();
        assert_eq!(label.len(), 1);
        assert_eq!((label[0].col, label[0].cols), (0, 3));
    }

    #[test]
    fn a_first_column_label_numbered_as_the_next_rows_is_a_row_of_its_own() {
        // "1. Safety" alone, then rows numbered 2 and 3: the first item of
        // the first column's list, its other cells empty.
        let g = find(&[
            ("No.", 50.0, 100.0),
            ("Action", 120.0, 100.0),
            ("Lead", 300.0, 100.0),
            ("1. Safety", 50.0, 124.0),
            ("2 Audit", 50.0, 142.0),
            ("Audit", 120.0, 142.0),
            ("Schools", 300.0, 142.0),
            ("the schools", 120.0, 154.0),
            ("3 Launch", 50.0, 172.0),
            ("Launch", 120.0, 172.0),
            ("Comms", 300.0, 172.0),
        ]);
        assert_eq!(g.len(), 1);
        assert_eq!(g[0].ys.len(), 5);
        let first: Vec<&GridCell> = g[0].cells.iter().filter(|c| c.row == 1).collect();
        assert_eq!(first.len(), 3, "{first:?}");
        assert_eq!((first[0].col, first[0].cols), (0, 1));
        // Not where the next row's number goes a level down, nor where it
        // skips one.
        for next in ["1.1 Audit", "3 Audit"] {
            let g = find(&[
                ("No.", 50.0, 100.0),
                ("Action", 120.0, 100.0),
                ("Lead", 300.0, 100.0),
                ("1. Safety", 50.0, 124.0),
                (next, 50.0, 142.0),
                ("Audit", 120.0, 142.0),
                ("Schools", 300.0, 142.0),
                ("the schools", 120.0, 154.0),
                ("4 Launch", 50.0, 172.0),
                ("Launch", 120.0, 172.0),
                ("Comms", 300.0, 172.0),
            ]);
            assert_eq!(g.len(), 1, "{next}");
            let label: Vec<&GridCell> = g[0].cells.iter().filter(|c| c.row == 1).collect();
            assert_eq!(label.len(), 1, "{next}");
            assert_eq!((label[0].col, label[0].cols), (0, 3), "{next}");
        }
    }

    #[test]
    fn the_least_spacing_of_a_block_leaves_out_overlapping_lines() {
        assert_eq!(least_spacing(&[2.25, -0.75, 2.2]), 2.2);
        assert_eq!(least_spacing(&[3.0, 2.0]), 2.0);
        assert_eq!(least_spacing(&[-1.0]), 0.0);
        assert_eq!(least_spacing(&[]), 0.0);
    }

    #[test]
    fn an_item_number_is_a_lists_not_a_subsections_or_a_figure() {
        assert_eq!(item_number("2"), Some(2));
        assert_eq!(item_number("2."), Some(2));
        assert_eq!(item_number("12)"), Some(12));
        assert_eq!(item_number("1.1"), None);
        assert_eq!(item_number("2017"), None);
        assert_eq!(item_number("2,000"), None);
        assert_eq!(item_number("A1"), None);
    }

    #[test]
    fn a_label_running_on_past_the_first_columns_boundary_is_one_cell_across() {
        // The boundary between No. and Action (about 107) falls in the
        // word space between "Children" and "at".
        let g = find(&[
            ("No.", 50.0, 100.0),
            ("Action", 150.0, 100.0),
            ("Lead", 300.0, 100.0),
            ("1. Children at Risk", 50.0, 124.0),
            ("1.1", 50.0, 142.0),
            ("Audit", 150.0, 142.0),
            ("Schools", 300.0, 142.0),
            ("the schools", 150.0, 154.0),
            ("1.2", 50.0, 172.0),
            ("Launch", 150.0, 172.0),
            ("Comms", 300.0, 172.0),
        ]);
        assert_eq!(g.len(), 1);
        assert!(g[0].xs[1] > 105.0 && g[0].xs[1] < 110.0, "{:?}", g[0].xs);
        let label: Vec<&GridCell> = g[0].cells.iter().filter(|c| c.row == 1).collect();
        assert_eq!(label.len(), 1);
        assert_eq!((label[0].col, label[0].cols), (0, 3));
    }

    #[test]
    fn a_column_named_in_the_header_alone_is_kept() {
        // "Comment" has text in the header line only.
        let g = find(&[
            ("No.", 50.0, 100.0),
            ("Action", 120.0, 100.0),
            ("Lead", 300.0, 100.0),
            ("Comment", 400.0, 100.0),
            ("1.1", 50.0, 114.0),
            ("Audit", 120.0, 114.0),
            ("Schools", 300.0, 114.0),
            ("1.2", 50.0, 126.0),
            ("Launch", 120.0, 126.0),
            ("Comms", 300.0, 126.0),
            ("1.3", 50.0, 138.0),
            ("Review", 120.0, 138.0),
            ("Board", 300.0, 138.0),
        ]);
        assert_eq!(g.len(), 1);
        assert_eq!(g[0].xs.len(), 5, "four columns: {:?}", g[0].xs);
    }

    #[test]
    fn a_spanning_cells_lines_set_between_the_next_rows_lines_span_down() {
        // The objective's lines keep their own pitch (12) across the row
        // boundary; the next row's lines sit 6 points lower (reportlab's
        // SPAN), its padding (8) wider than a wrap (2).
        let g = find(&[
            ("Aim", 50.0, 100.0),
            ("Action", 150.0, 100.0),
            ("Lead", 300.0, 100.0),
            ("Working with", 50.0, 118.0),
            ("Audit the", 150.0, 118.0),
            ("Schools", 300.0, 118.0),
            ("partners", 50.0, 130.0),
            ("schools", 150.0, 130.0),
            ("across the", 50.0, 142.0),
            ("Launch", 150.0, 148.0),
            ("Comms", 300.0, 148.0),
            ("city", 50.0, 154.0),
            ("the plan", 150.0, 160.0),
            ("1.3", 50.0, 178.0),
            ("Review", 150.0, 178.0),
            ("Board", 300.0, 178.0),
        ]);
        assert_eq!(g.len(), 1);
        assert_eq!(g[0].ys.len(), 5, "a header and three rows: {:?}", g[0].ys);
        let aim = g[0].cells.iter().find(|c| c.row == 1 && c.col == 0);
        assert_eq!(aim.map(|c| c.rows), Some(2), "the objective spans two rows");
    }

    #[test]
    fn a_line_over_the_words_of_the_line_above_is_not_set_beside_it() {
        let line = |rows: &[(&str, f64, f64)]| {
            let chars: Vec<Char> = rows
                .iter()
                .flat_map(|(t, x, y)| text_at(t, *x, *y))
                .collect();
            let refs: Vec<&Char> = chars.iter().collect();
            layout::lines(&refs).remove(0)
        };
        let prev = line(&[("Audit the", 120.0, 124.0), ("Schools", 300.0, 124.0)]);
        // Three points lower, in the gap between the line's words: a
        // column's later paragraph beside them.
        assert!(set_beside(&prev, &line(&[("Health", 200.0, 127.0)])));
        // Under "Audit the": text out of order, or a new block.
        assert!(!set_beside(&prev, &line(&[("Health", 130.0, 127.0)])));
        // Higher than the line above.
        assert!(!set_beside(&prev, &line(&[("Health", 200.0, 121.0)])));
    }

    #[test]
    fn a_block_goes_on_past_a_paragraph_set_lower_beside_the_line_above() {
        // Column 0's second paragraph (a space above it) sits 4 points under
        // column 1's wrapped line, overlapping it: the block goes on.
        let rows = [
            ("Aim", 50.0, 100.0),
            ("Action", 150.0, 100.0),
            ("Lead", 300.0, 100.0),
            ("Working with", 50.0, 118.0),
            ("Audit the", 150.0, 118.0),
            ("Schools", 300.0, 118.0),
            ("partners", 50.0, 130.0),
            ("schools and", 150.0, 130.0),
            ("Second aim", 50.0, 146.0),
            ("the colleges", 150.0, 142.0),
            ("in the city", 50.0, 157.0),
            ("Third aim", 50.0, 175.0),
            ("Launch", 150.0, 175.0),
            ("Comms", 300.0, 175.0),
        ];
        let g = find(&rows);
        assert_eq!(g.len(), 1, "{g:?}");
        assert!(g[0].bbox().3 >= 175.0, "{:?}", g[0].bbox());
        // The same line under column 1's words: text out of order, no
        // table runs on across it.
        let mut under = rows;
        under[8].1 = 150.0;
        let g = find(&under);
        assert!(g.iter().all(|g| g.bbox().3 < 176.0), "{g:?}");
    }

    #[test]
    fn a_later_paragraph_under_the_last_row_is_measured_against_row_gaps_not_wraps() {
        // The first column wraps at the block's left edge (130, a wrap's 2
        // points under 118); rows are 8 points apart. The data cell's second
        // paragraph lies 5 under its first: more than a wrap, less than a row.
        let rows = |y: f64| {
            find(&[
                ("Aim", 50.0, 100.0),
                ("Action", 150.0, 100.0),
                ("Data", 300.0, 100.0),
                ("Working with", 50.0, 118.0),
                ("Audit the", 150.0, 118.0),
                ("Count", 300.0, 118.0),
                ("partners", 50.0, 130.0),
                ("schools", 150.0, 130.0),
                ("Second", 50.0, 148.0),
                ("Launch", 150.0, 148.0),
                ("Review the", 300.0, 148.0),
                ("data", 300.0, 160.0),
                ("Ask users", 300.0, y),
            ])
        };
        let g = rows(175.0);
        assert_eq!(g.len(), 1, "{g:?}");
        assert!(
            g[0].bbox().3 >= 175.0,
            "the paragraph is the cell's: {:?}",
            g[0].bbox()
        );
        // Not a line a row's space or more under it (a note under the table).
        let g = rows(180.0);
        assert_eq!(g.len(), 1, "{g:?}");
        assert!(g[0].bbox().3 < 170.0, "{:?}", g[0].bbox());
    }

    #[test]
    fn a_row_start_beside_a_span_set_between_its_lines_shows_the_padding() {
        let some = Some;
        // From the row above's first line: column 0 (the span) at its own
        // pitch of 12, the other columns ending at 122; the next row starts
        // at 130, between the span's lines at 124 and 136.
        let rows = |lead_last: (f64, f64), span_on_start: bool| {
            vec![
                vec![some((100.0, 110.0)); 3],
                vec![some((112.0, 122.0)), some((112.0, 122.0)), some(lead_last)],
                vec![some((124.0, 134.0)), None, None],
                vec![
                    span_on_start.then_some((130.0, 140.0)),
                    some((130.0, 140.0)),
                    some((130.0, 140.0)),
                ],
                vec![some((136.0, 146.0)), some((142.0, 152.0)), None],
            ]
        };
        assert!(padded_beside_span(
            &rows((100.0, 110.0), false),
            3,
            2.0,
            10.0
        ));
        // Not where another column's last line lies a wrap over the start
        // (rows set line after line, tbl), nor with no column between the
        // start's lines.
        assert!(!padded_beside_span(
            &rows((119.0, 129.0), false),
            3,
            2.0,
            10.0
        ));
        assert!(!padded_beside_span(
            &rows((100.0, 110.0), true),
            3,
            2.0,
            10.0
        ));
        assert!(!padded_beside_span(
            &rows((100.0, 110.0), false),
            9,
            2.0,
            10.0
        ));
    }

    #[test]
    fn a_row_start_a_cell_runs_on_across_and_goes_on_under_is_no_row_start() {
        let some = Some;
        let all = |t: f64| vec![some((t, t + 10.0)); 3];
        // Column 0's second paragraph (106) lies between column 1's wrapped
        // lines (102, 114), and column 1 starts a paragraph of its own
        // under it (130): one row, its paragraphs set a few points lower.
        let extent = vec![
            all(90.0),
            vec![None, some((102.0, 112.0)), None],
            vec![some((106.0, 116.0)), None, None],
            vec![None, some((114.0, 124.0)), None],
            vec![None, some((130.0, 140.0)), None],
            all(160.0),
        ];
        let mut out = vec![true, false, true, false, false, true];
        cells_going_on(&extent, &mut out, 4.5);
        assert_eq!(out, [true, false, false, false, false, true]);
    }

    #[test]
    fn a_spanning_cell_running_on_across_a_row_start_keeps_it() {
        let some = Some;
        let all = |t: f64| vec![some((t, t + 10.0)); 3];
        // Column 0 spans: its lines (102, 114) keep their pitch across the
        // next row's first line (108), and it starts no paragraph under it.
        let extent = vec![
            all(90.0),
            vec![some((102.0, 112.0)), None, None],
            vec![None, some((108.0, 118.0)), some((108.0, 118.0))],
            vec![some((114.0, 124.0)), None, None],
            vec![None, some((120.0, 130.0)), None],
            all(150.0),
        ];
        let mut out = vec![true, false, true, false, false, true];
        cells_going_on(&extent, &mut out, 4.5);
        assert_eq!(out, [true, false, true, false, false, true]);
        // Nor where the column has text on the start's line (rows one line
        // each, a wrap apart), nor where rows are padded apart.
        let extent = vec![
            all(90.0),
            all(102.0),
            vec![None, some((120.0, 130.0)), None],
        ];
        let mut out = vec![true, true, false];
        cells_going_on(&extent, &mut out, 4.5);
        assert_eq!(out, [true, true, false]);
        let extent = vec![
            all(90.0),
            vec![some((102.0, 112.0)), None, None],
            all(120.0),
        ];
        let mut out = vec![true, false, true];
        cells_going_on(&extent, &mut out, 4.5);
        assert_eq!(out, [true, false, true]);
    }

    /// A header, a row without a number, then rows 1.2 and 1.3, one line
    /// each and evenly spaced: only a rule or band edge tells the header's
    /// own row from the body.
    const HEADER_ROW_THEN_THREE: [(&str, f64, f64); 11] = [
        ("No.", 50.0, 100.0),
        ("Action", 120.0, 100.0),
        ("Lead", 300.0, 100.0),
        ("Review the policy", 120.0, 112.0),
        ("PPPG", 300.0, 112.0),
        ("1.2", 50.0, 124.0),
        ("Audit", 120.0, 124.0),
        ("Schools", 300.0, 124.0),
        ("1.3", 50.0, 136.0),
        ("Launch", 120.0, 136.0),
        ("Comms", 300.0, 136.0),
    ];

    #[test]
    fn a_band_edge_across_the_table_starts_a_row() {
        let lines = lines_of(&HEADER_ROW_THEN_THREE);
        // The bottom of a dark header band stopping short of the last
        // column's text, still across most of the table.
        let g = find_tables_ruled(&lines, &[], &[], &[(101.0, 45.0, 260.0)]);
        assert_eq!(g.len(), 1);
        assert_eq!(g[0].ys.len(), 5, "header, its own row, 1.2, 1.3");
    }

    #[test]
    fn a_rule_across_the_table_starts_a_row() {
        let lines = lines_of(&HEADER_ROW_THEN_THREE);
        // The rule under the header (y 101), and a short one that is not.
        let g = find_tables_ruled(
            &lines,
            &[],
            &[(101.0, 45.0, 345.0), (125.0, 45.0, 80.0)],
            &[],
        );
        assert_eq!(g.len(), 1);
        assert_eq!(g[0].ys.len(), 5, "header, its own row, 1.2, 1.3");
    }

    #[test]
    fn aligned_columns_make_a_table_with_continuation_rows() {
        let g = find(&[
            ("No.", 50.0, 100.0),
            ("Action", 120.0, 100.0),
            ("Lead", 300.0, 100.0),
            ("1.1", 50.0, 114.0),
            ("Review the policy and", 120.0, 114.0),
            ("PPPG", 300.0, 114.0),
            ("its annex", 120.0, 126.0),
            ("1.2", 50.0, 140.0),
            ("Audit schools", 120.0, 140.0),
            ("Schools", 300.0, 140.0),
        ]);
        assert_eq!(g.len(), 1);
        assert_eq!(g[0].xs.len(), 4, "three columns");
        assert_eq!(g[0].ys.len(), 4, "three rows: the wrapped line joins row 2");
    }

    #[test]
    fn rows_wrapping_to_two_lines_in_every_cell_split_at_the_padding() {
        // Every line fills all three columns (each cell wraps to two lines);
        // the rows are padded apart (20pt baselines) where a wrap leaves 12.
        let row = |y: f64, a: &'static str, b: &'static str, c: &'static str| {
            [(a, 50.0, y), (b, 200.0, y), (c, 350.0, y)]
        };
        let mut rows = Vec::new();
        rows.extend(row(100.0, "Objective", "Action", "Lead"));
        rows.extend(row(
            120.0,
            "Tenants know how to",
            "Publish the leaflet in",
            "Customer",
        ));
        rows.extend(row(
            132.0,
            "raise a concern",
            "every tenancy pack",
            "services",
        ));
        rows.extend(row(
            152.0,
            "Staff recognise abuse",
            "Train all front-line",
            "Domestic",
        ));
        rows.extend(row(
            164.0,
            "and respond",
            "staff in the checklist",
            "abuse lead",
        ));
        let g = find(&rows);
        assert_eq!(g.len(), 1);
        assert_eq!(g[0].xs.len(), 4, "three columns");
        assert_eq!(g[0].ys.len(), 4, "the header and two rows of two lines");
        // Rows of names and figures spaced the same way stay a row a line:
        // nothing runs on mid-sentence.
        let mut rows = Vec::new();
        rows.extend(row(100.0, "Country", "2007", "2008"));
        rows.extend(row(120.0, "Austria", "109", "93"));
        rows.extend(row(132.0, "Belgium", "1240", "1031"));
        rows.extend(row(152.0, "Denmark", "36", "40"));
        rows.extend(row(164.0, "Germany", "123", "290"));
        let g = find(&rows);
        assert_eq!(g.len(), 1);
        assert_eq!(g[0].ys.len(), 6, "a row a line");
    }

    #[test]
    fn a_full_line_a_wrap_below_its_row_in_padded_rows_is_its_second_line() {
        // Rows padded apart (20pt baselines, 12 for a wrap); the second row
        // wraps to a second line in every column, which fills the row as a
        // row of its own would.
        let table = |second: [&'static str; 3], first_col: &'static str| {
            let mut rows = vec![
                ("Objective", 50.0, 100.0),
                ("Action", 200.0, 100.0),
                ("Lead", 350.0, 100.0),
                ("Tenants know how to", 50.0, 120.0),
                ("Publish the leaflet", 200.0, 120.0),
                ("Customer", 350.0, 120.0),
                ("raise a concern", 50.0, 132.0),
                ("at home", 50.0, 144.0),
                (first_col, 50.0, 164.0),
                ("Check every file in", 200.0, 164.0),
                ("Head of", 350.0, 164.0),
            ];
            for (t, x) in second.into_iter().zip([50.0, 200.0, 350.0]) {
                rows.push((t, x, 176.0));
            }
            rows.extend([
                ("Staff are trained", 50.0, 196.0),
                ("Train all staff", 200.0, 196.0),
                ("Trainer", 350.0, 196.0),
            ]);
            find(&rows)
        };
        let g = table(["case files", "the audit", "quality"], "Managers audit the");
        assert_eq!(g.len(), 1);
        assert_eq!(g[0].xs.len(), 4, "three columns");
        assert_eq!(g[0].ys.len(), 5, "a header and three rows");
        // A line of a capital and figures a wrap below is a row of its own
        // (a total): nothing runs on mid-sentence.
        let g = table(["Total", "12", "3"], "Managers audit the");
        assert_eq!(g[0].ys.len(), 6, "the total is a row");
        // So is a line whose first words would have fitted on the line
        // above: not wrapped text.
        let g = table(["case files", "the audit", "quality"], "Audit");
        assert_eq!(g[0].ys.len(), 6, "the line is a row");
    }

    #[test]
    fn prose_and_lists_are_not_tables() {
        let prose = "The partnership will review its policies every year and";
        let g = find(&[
            (prose, 50.0, 100.0),
            (prose, 50.0, 112.0),
            (prose, 50.0, 124.0),
            (prose, 50.0, 136.0),
        ]);
        assert!(g.is_empty());
        let g = find(&[
            ("1.", 50.0, 100.0),
            ("Review the policy", 80.0, 100.0),
            ("2.", 50.0, 112.0),
            ("Audit the schools", 80.0, 112.0),
            ("3.", 50.0, 124.0),
            ("Launch the strategy", 80.0, 124.0),
        ]);
        assert!(g.is_empty(), "a numbered list");
        // Two columns of running text.
        let g = find(&[
            (prose, 50.0, 100.0),
            (prose, 400.0, 100.0),
            (prose, 50.0, 112.0),
            (prose, 400.0, 112.0),
            (prose, 50.0, 124.0),
            (prose, 400.0, 124.0),
        ]);
        assert!(g.is_empty(), "two text columns");
    }

    #[test]
    fn rows_on_a_baseline_grid_start_where_a_lead_and_a_list_a_line_lower_start() {
        // A LaTeX longtable: every line 12pt below the last, no padding
        // between rows; a list starts a line below its row's first line
        // and leaves a blank line under it. The rows under 1.1 have an
        // empty No. column and one column starting on each of two lines.
        let rows = [
            ("No.", 40.0, 100.0),
            ("Action", 100.0, 100.0),
            ("Lead", 250.0, 100.0),
            ("1.1", 40.0, 116.0),
            ("Comms Group", 250.0, 116.0),
            ("\u{2022} Review the", 100.0, 128.0),
            ("and Board", 250.0, 128.0),
            ("plan", 110.0, 140.0),
            ("tba", 250.0, 152.0),
            ("\u{2022} Consult the", 100.0, 164.0),
            ("board", 110.0, 176.0),
            ("March 2012", 250.0, 200.0),
            ("\u{2022} Recruit", 100.0, 212.0),
            ("1.2", 40.0, 236.0),
            ("Audit", 100.0, 236.0),
            ("QA", 250.0, 236.0),
            ("schools", 100.0, 248.0),
        ];
        let lines = lines_of(&rows);
        let rule = [(105.0, 38.0, 320.0)];
        let g = find_tables_ruled(&lines, &[], &rule, &[]);
        assert_eq!(g.len(), 1);
        assert_eq!(g[0].xs.len(), 4, "three columns");
        assert_eq!(
            g[0].ys.len(),
            6,
            "a header and four rows (tba, March 2012: rows of their own)"
        );
        // Rows padded apart (off the grid, a longtable with spaced rows):
        // a list opening within two ems under the line is the same row's.
        let padded: Vec<(&str, f64, f64)> = rows
            .iter()
            .map(|&(t, x, y)| (t, x, if y > 150.0 { y + 5.0 } else { y }))
            .collect();
        let g = find_tables_ruled(&lines_of(&padded), &[], &rule, &[]);
        assert_eq!(g.len(), 1);
        assert_eq!(g[0].ys.len(), 6, "{:?}", g[0].ys);
        // Off the grid, text that opens no list there does not.
        let plain: Vec<(&str, f64, f64)> = padded
            .iter()
            .map(|&(t, x, y)| (t.trim_start_matches("\u{2022} "), x, y))
            .collect();
        let g = find_tables_ruled(&lines_of(&plain), &[], &rule, &[]);
        assert_eq!(g.len(), 1);
        assert!(g[0].ys.len() < 6, "{:?}", g[0].ys);
    }

    /// A header and rows of four columns at 10pt, one line each, 14
    /// points apart, the fourth row `spacing` points under the third.
    fn spaced_rows(spacing: f64) -> Vec<(&'static str, f64, f64)> {
        let mut rows = vec![
            ("No.", 40.0, 100.0),
            ("Action", 100.0, 100.0),
            ("Lead", 250.0, 100.0),
            ("Due", 350.0, 100.0),
        ];
        for (k, y) in [114.0, 128.0, 142.0, 142.0 + spacing].iter().enumerate() {
            let id = ["1.1", "1.2", "1.3", "1.4"][k];
            rows.extend([
                (id, 40.0, *y),
                ("Audit the plan", 100.0, *y),
                ("Board", 250.0, *y),
                ("May 2016", 350.0, *y),
            ]);
        }
        rows
    }

    #[test]
    fn rows_spaced_wider_than_a_row_gap_go_on_in_the_blocks_columns() {
        // A longtable with \addlinespace and spaced paragraphs: 25
        // points of white space (two and a half ems) before a row whose
        // cells start in the block's columns.
        let g = find_tables_ruled(&lines_of(&spaced_rows(35.0)), &[], &[], &[]);
        assert_eq!(g.len(), 1);
        assert_eq!(g[0].n_rows(), 5, "{:?}", g[0].ys);
        // Further than four ems: the block ends above it.
        let g = find_tables_ruled(&lines_of(&spaced_rows(55.0)), &[], &[], &[]);
        assert_eq!(g[0].n_rows(), 4, "{:?}", g[0].ys);
    }

    #[test]
    fn a_heading_a_repeated_header_or_a_key_and_value_after_a_wide_gap_end_the_block() {
        let base = spaced_rows(35.0);
        let (head, last) = (&base[..16], 177.0);
        // A heading, then the next table's header a little lower: the
        // first column starts again after more than a wrap.
        let mut heading = head.to_vec();
        heading.push(("Priority 2", 40.0, last));
        heading.extend([("No.", 40.0, last + 18.0), ("Action", 100.0, last + 18.0)]);
        heading.extend([("Lead", 250.0, last + 18.0), ("Due", 350.0, last + 18.0)]);
        let g = find_tables_ruled(&lines_of(&heading), &[], &[], &[]);
        assert!(g[0].ys.last().is_some_and(|&y| y < 160.0), "{:?}", g[0].ys);
        // The header printed again right after the gap.
        let mut again = head.to_vec();
        again.extend([("No.", 40.0, last), ("Action", 100.0, last)]);
        again.extend([("Lead", 250.0, last), ("Due", 350.0, last)]);
        let g = find_tables_ruled(&lines_of(&again), &[], &[], &[]);
        assert!(g[0].ys.last().is_some_and(|&y| y < 160.0), "{:?}", g[0].ys);
        // A key and its value, the value running across two columns.
        let mut key = head.to_vec();
        key.extend([
            ("Priority lead:", 40.0, last),
            ("Chair of the Board and the QA group", 250.0, last),
        ]);
        let g = find_tables_ruled(&lines_of(&key), &[], &[], &[]);
        assert!(g[0].ys.last().is_some_and(|&y| y < 160.0), "{:?}", g[0].ys);
    }

    #[test]
    fn a_list_set_lower_than_its_rows_other_cells_stays_in_that_row() {
        // pdfLaTeX sets a list at the top of a `p` cell a line and the
        // paragraph space lower than the row's other cells, whose lines
        // go on beside it: "4. Commence work" belongs to the row of
        // "Comms Group", not a row of its own.
        let mut rows = vec![
            ("Issue", 40.0, 100.0),
            ("Lead", 160.0, 100.0),
            ("Action", 260.0, 100.0),
            ("Progress", 400.0, 100.0),
        ];
        let mut row = |y: f64, first: &'static str| {
            rows.extend([
                (first, 40.0, y),
                ("PPPG", 160.0, y),
                ("Review the plan", 260.0, y),
                ("Update Dec 15: done", 400.0, y),
                ("on the plan", 40.0, y + 12.0),
                ("and report it", 260.0, y + 12.0),
            ]);
        };
        row(120.0, "1. Gather assurance");
        row(152.0, "2. Monitor the data");
        rows.extend([
            ("Comms Group", 160.0, 184.0),
            ("New materials for", 260.0, 184.0),
            ("Update March 16:", 400.0, 184.0),
            ("working with young", 260.0, 196.0),
            ("Materials are being", 400.0, 196.0),
            ("4. Commence work", 40.0, 203.0),
            ("developed by the group", 400.0, 208.0),
            ("with the e-teams", 40.0, 215.0),
        ]);
        let mut next = |y: f64, first: &'static str| {
            rows.extend([
                (first, 40.0, y),
                ("Comms Group", 160.0, y),
                ("Launch the website", 260.0, y),
                ("Update Dec 15: live", 400.0, y),
                ("of the Board", 40.0, y + 12.0),
                ("for the Board", 260.0, y + 12.0),
            ]);
        };
        next(235.0, "5. Development");
        next(267.0, "6. Review the plan");
        let g = find_tables_ruled(&lines_of(&rows), &[], &[], &[]);
        assert_eq!(g.len(), 1);
        assert!(
            !g[0].ys.iter().any(|&y| y > 190.0 && y < 220.0),
            "no row boundary beside the list: {:?}",
            g[0].ys
        );
        assert_eq!(g[0].n_rows(), 6, "{:?}", g[0].ys);
    }

    #[test]
    fn a_row_whose_list_starts_lower_than_its_other_cell_is_a_row() {
        // pdfLaTeX with spaced paragraphs: sub-rows of an objective
        // written once, each a date in one column and a bulleted action
        // in another, the bullet set a line and the paragraph space
        // (15 points) under the date.
        let mut rows = vec![
            ("No.", 40.0, 100.0),
            ("Objective", 80.0, 100.0),
            ("Action", 200.0, 100.0),
            ("Lead", 330.0, 100.0),
            ("1.1", 40.0, 116.0),
            ("Better public", 80.0, 116.0),
            ("Committee", 330.0, 116.0),
            ("understanding", 80.0, 128.0),
            ("• Review the plan", 200.0, 131.0),
            ("of the board", 80.0, 140.0),
            ("of the board", 200.0, 143.0),
        ];
        for (k, (date, action)) in [
            ("tba", "• Review the website"),
            ("October 11", "• Develop proposals"),
            ("December 11", "• Develop strategy"),
        ]
        .iter()
        .enumerate()
        {
            let y = 165.0 + 40.0 * k as f64;
            rows.extend([(*date, 330.0, y), (*action, 200.0, y + 15.0)]);
            rows.push(("with partners", 200.0, y + 27.0));
        }
        rows.extend([
            ("1.2", 40.0, 285.0),
            ("Lay members", 80.0, 285.0),
            ("Teresa DeVito", 330.0, 285.0),
            ("• Research lay members", 200.0, 300.0),
        ]);
        // Booktabs rules: above the header, under it, under the table.
        let rules = [
            (88.0, 38.0, 420.0),
            (104.5, 38.0, 420.0),
            (310.0, 38.0, 420.0),
        ];
        let g = find_tables_ruled(&lines_of(&rows), &[], &rules, &[]);
        assert_eq!(g.len(), 1);
        // Header, 1.1, three sub-rows, 1.2.
        assert_eq!(g[0].n_rows(), 6, "{:?}", g[0].ys);
        for (k, y) in [165.0, 205.0, 245.0].iter().enumerate() {
            let top = g[0].ys[k + 2];
            assert!(
                top > y - 18.0 && top < y - 8.0,
                "sub-row {k} starts at its date: {:?}",
                g[0].ys
            );
        }
    }

    #[test]
    fn lines_of_two_columns_set_a_few_points_apart_show_the_columns_together() {
        // The top of a longtable's continuation page: a lead column's
        // lines and a bulleted action column's, the action's set 4
        // points lower (the paragraph space over a list), so no line of
        // the page holds both columns' text.
        let mut rows = Vec::new();
        for k in 0..6 {
            let y = 100.0 + 12.0 * k as f64;
            rows.push((
                [
                    "Teresa DeVito and",
                    "Operational Planning",
                    "Coordination Group",
                    "September 2011",
                    "Oct to Nov 2011",
                    "March 2012",
                ][k],
                250.0,
                y,
            ));
            rows.push((
                [
                    "\u{2022} Develop proposals",
                    "for recruitment and",
                    "seek board agreement",
                    "\u{2022} Recruit and induct",
                    "lay members to the",
                    "board in the year",
                ][k],
                100.0,
                y + 4.0,
            ));
        }
        // The next row, both columns on each line.
        for (k, (lead, action)) in [
            ("QA committee", "\u{2022} Audit the plan"),
            ("and the Board", "with the schools"),
            ("June 2012", "in the county"),
            ("and July 2012", "and the city"),
        ]
        .iter()
        .enumerate()
        {
            let y = 184.0 + 12.0 * k as f64;
            rows.extend([(*lead, 250.0, y), (*action, 100.0, y)]);
        }
        let lines = lines_of(&rows);
        assert!(
            lines.iter().take(12).all(|l| segments(l).len() < 2),
            "one column a line"
        );
        let g = find_tables_ruled(&lines, &[], &[], &[]);
        assert_eq!(g.len(), 1);
        assert_eq!(g[0].n_cols(), 2, "{:?}", g[0].xs);
        assert!(
            g[0].ys[0] < 95.0,
            "from the page's first line: {:?}",
            g[0].ys
        );
    }

    #[test]
    fn a_continuation_page_of_rows_spaced_apart_under_a_ruled_header_is_a_table() {
        // The last page of a spaced longtable: its header repeated, ruled
        // above and below, then rows whose date and bulleted action never
        // share a line (the list set 15 points lower), 25 points of white
        // space between rows.
        let mut rows = vec![
            ("No.", 40.0, 100.0),
            ("Objective", 80.0, 100.0),
            ("Action", 200.0, 100.0),
            ("Lead", 330.0, 100.0),
        ];
        let subs = [
            (
                "July 2011",
                "\u{2022} Produce a newsletter",
                "of the learning",
            ),
            ("Sept 2011", "\u{2022} Add to the training", "programme"),
            (
                "QA committee",
                "\u{2022} Audit programme",
                "to evidence impact",
            ),
        ];
        for (k, (date, action, more)) in subs.iter().enumerate() {
            let y = 118.0 + 62.0 * k as f64;
            rows.extend([(*date, 330.0, y), (*action, 200.0, y + 15.0)]);
            rows.push((*more, 208.0, y + 27.0));
        }
        let rules = [
            (88.0, 38.0, 420.0),
            (104.5, 38.0, 420.0),
            (285.0, 38.0, 420.0),
        ];
        let g = find_tables_ruled(&lines_of(&rows), &[], &rules, &[]);
        assert_eq!(
            g.len(),
            1,
            "{:?}",
            g.iter().map(|g| &g.ys).collect::<Vec<_>>()
        );
        assert_eq!(g[0].n_rows(), 4, "the header and three rows: {:?}", g[0].ys);
        assert!(g[0].ys.last().is_some_and(|&y| y > 240.0), "{:?}", g[0].ys);
        // No rule above the header: three such rows do not show the
        // columns well enough alone.
        let g = find_tables_ruled(&lines_of(&rows), &[], &rules[1..], &[]);
        assert!(
            g.iter().all(|g| g.n_rows() < 4),
            "{:?}",
            g.iter().map(|g| &g.ys).collect::<Vec<_>>()
        );
    }

    #[test]
    fn a_zebra_tables_wrapped_line_filling_every_column_stays_in_its_row() {
        // pdfmake's zebra theme: lines set touching (no leading), rows 4
        // points apart, every other row shaded. An unshaded row's second
        // line fills every column, each cell wrapping on from the line
        // above in lower case: the row's own line, not a row.
        let white = |y: f64| {
            vec![
                ("Reduce serious", 40.0, y),
                ("Deliver knife crime awareness", 150.0, y),
                ("Youth Offending", 330.0, y),
                ("Police Schools", 430.0, y),
                ("Autumn term", 530.0, y),
                ("violence involving", 40.0, y + 10.0),
                ("every secondary school and", 150.0, y + 10.0),
                ("Service", 330.0, y + 10.0),
                ("Officers; Second", 430.0, y + 10.0),
                ("2019", 530.0, y + 10.0),
                ("young people", 40.0, y + 20.0),
                ("unit, using young people", 150.0, y + 20.0),
                ("Heads Forum", 430.0, y + 20.0),
                ("experience", 150.0, y + 30.0),
            ]
        };
        let shaded = |y: f64| {
            vec![
                ("Tackle domestic", 40.0, y),
                ("Recommission the IDVA", 150.0, y),
                ("Community Safety", 330.0, y),
                ("Acute Trust;", 430.0, y),
                ("April 2020", 530.0, y),
                ("abuse and sexual", 40.0, y + 10.0),
                ("service with a", 150.0, y + 10.0),
                ("Partnership", 330.0, y + 10.0),
                ("Police and", 430.0, y + 10.0),
            ]
        };
        let mut rows = vec![
            ("Priority area", 40.0, 96.0),
            ("Tasks", 150.0, 96.0),
            ("Responsible", 330.0, 96.0),
            ("Contributors", 430.0, 96.0),
            ("When", 530.0, 96.0),
        ];
        rows.extend(white(110.0));
        rows.extend(shaded(154.0));
        rows.extend(white(178.0));
        rows.extend(shaded(222.0));
        // The shaded rows' top and bottom edges.
        let edges = [
            (142.0, 38.0, 600.0),
            (166.0, 38.0, 600.0),
            (210.0, 38.0, 600.0),
            (234.0, 38.0, 600.0),
        ];
        let g = find_tables_ruled(&lines_of(&rows), &[], &[], &edges);
        assert_eq!(g.len(), 1);
        assert_eq!(g[0].n_rows(), 5, "the header and four rows: {:?}", g[0].ys);
        // With no shaded rows and the same close spacing, such a line is
        // read as a row of its own, as before (cells side by side).
        let g = find_tables_ruled(&lines_of(&rows), &[], &[], &[]);
        assert!(
            g.iter().all(|g| g.n_rows() > 5),
            "{:?}",
            g.iter().map(|g| &g.ys).collect::<Vec<_>>()
        );
    }

    #[test]
    fn columns_on_a_baseline_grid_split_where_many_lines_start_a_word_at_one_x() {
        // A LaTeX longtable: 3pt word spaces, and where a cell of the
        // second column fills its width only 7pt (under a segment gap)
        // before the third column's text, which starts at x = 200 on
        // every line (a fourth column of quarters at 300).
        let rows = [
            ("Area", 40.0, 100.0),
            ("Key action", 100.0, 100.0),
            ("Lead", 200.0, 100.0),
            ("Safe", 40.0, 116.0),
            ("Deliver the improvement plan ok", 100.0, 116.0),
            ("Cabinet member", 200.0, 116.0),
            ("Services for children and young", 100.0, 128.0),
            ("for children", 200.0, 128.0),
            ("Adults", 40.0, 140.0),
            ("Implement the duties of the act", 100.0, 140.0),
            ("Director of", 200.0, 140.0),
            ("Care Act 2014", 100.0, 152.0),
            ("adults", 200.0, 152.0),
            ("Safer", 40.0, 164.0),
            ("Deliver the community safety pl", 100.0, 164.0),
            ("Head of safety", 200.0, 164.0),
            ("Partnership plan", 100.0, 176.0),
            ("Communities", 200.0, 176.0),
            ("Homes", 40.0, 188.0),
            ("Review the housing strategy now", 100.0, 188.0),
            ("Housing lead", 200.0, 188.0),
            ("Q1", 300.0, 100.0),
            ("Q2", 300.0, 116.0),
            ("Q3", 300.0, 128.0),
            ("Q4", 300.0, 140.0),
            ("Q1", 300.0, 152.0),
            ("Q2", 300.0, 164.0),
            ("Q3", 300.0, 176.0),
            ("Q4", 300.0, 188.0),
        ];
        let lines_at = |rows: &[(&str, f64, f64)]| {
            let chars: Vec<Char> = rows
                .iter()
                .flat_map(|(t, x, y)| layout::test_chars(t, *x, *y, 3.0))
                .collect();
            let refs: Vec<&Char> = chars.iter().collect();
            layout::lines(&refs)
        };
        let rule = [(105.0, 38.0, 320.0)];
        let g = find_tables_ruled(&lines_at(&rows), &[], &rule, &[]);
        assert_eq!(g.len(), 1);
        assert_eq!(g[0].xs.len(), 5, "four columns: {:?}", g[0].xs);
        assert!(g[0].xs[2] > 193.0 && g[0].xs[2] < 200.0, "{:?}", g[0].xs);
        // Rows padded apart (off the grid: a longtable with its rows
        // spaced by \addlinespace): the same boundary.
        let padded: Vec<(&str, f64, f64)> = rows
            .iter()
            .map(|&(t, x, y)| (t, x, if y > 150.0 { y + 5.0 } else { y }))
            .collect();
        let g = find_tables_ruled(&lines_at(&padded), &[], &rule, &[]);
        assert_eq!(g.len(), 1);
        assert_eq!(g[0].xs.len(), 5, "{:?}", g[0].xs);
        assert!(g[0].xs[2] > 193.0 && g[0].xs[2] < 200.0, "{:?}", g[0].xs);
        // Not where a word crosses that x in more than a tenth of the
        // lines of several segments: the second column's text running on
        // past it in three lines of the nine.
        let crossed: Vec<(&str, f64, f64)> = rows
            .iter()
            .map(|&(t, x, y)| match (x, y) {
                (100.0, 116.0 | 140.0 | 164.0) => ("Deliver the improvement plan right now", x, y),
                _ => (t, x, y),
            })
            .filter(|&(_, x, y)| !(x == 200.0 && [116.0, 140.0, 164.0].contains(&y)))
            .collect();
        let g = find_tables_ruled(&lines_at(&crossed), &[], &rule, &[]);
        assert_eq!(g.len(), 1);
        assert!(
            !g[0].xs.iter().any(|&x| x > 193.0 && x < 200.0),
            "{:?}",
            g[0].xs
        );
    }

    #[test]
    fn a_grids_header_columns_empty_in_every_row_do_not_make_it_sparse() {
        // A LaTeX longtable of eight columns, five of them ("Due" to
        // "Comment") empty in every row: three cells of eight filled.
        let header = [
            "No.", "Action", "Lead", "Due", "Progress", "RAG", "Notes", "Comment",
        ];
        let rows_at = |ys: &[f64]| -> Vec<(&'static str, f64, f64)> {
            let mut rows: Vec<(&str, f64, f64)> = header
                .iter()
                .enumerate()
                .map(|(c, &t)| (t, 40.0 + 100.0 * c as f64, ys[0]))
                .collect();
            for &y in &ys[1..] {
                rows.extend([
                    ("1", 40.0, y),
                    ("Audit files", 140.0, y),
                    ("QA group", 240.0, y),
                ]);
            }
            rows
        };
        let on_grid = [100.0, 112.0, 124.0, 136.0, 148.0, 160.0, 172.0];
        let g = find(&rows_at(&on_grid));
        assert_eq!(g.len(), 1);
        assert_eq!(g[0].xs.len(), 9, "eight columns: {:?}", g[0].xs);
        // Off the grid (rows padded unevenly) the empty columns count: too
        // few cells hold text for a table of eight columns.
        let off_grid = [100.0, 112.0, 124.0, 141.0, 153.0, 170.0, 182.0];
        let g = find(&rows_at(&off_grid));
        assert!(g.iter().all(|g| g.xs.len() < 9), "{g:?}");
    }

    #[test]
    fn a_header_ruled_above_and_below_is_one_row_of_all_its_lines() {
        // pandoc's longtable (rows on one baseline grid): header cells
        // bottom-aligned, so "Lead" and
        // "Progress /" sit on a line above the others' one line, between
        // the toprule and the midrule; the Progress column is empty below.
        let rows = || {
            vec![
                ("Lead", 250.0, 100.0),
                ("Progress /", 380.0, 100.0),
                ("No.", 40.0, 112.0),
                ("Action", 100.0, 112.0),
                ("Officer", 250.0, 112.0),
                ("status", 380.0, 112.0),
                ("1.1", 40.0, 128.0),
                ("Audit files", 100.0, 128.0),
                ("QA group", 250.0, 128.0),
                ("1.2", 40.0, 140.0),
                ("Train staff", 100.0, 140.0),
                ("LSCB", 250.0, 140.0),
                ("1.3", 40.0, 152.0),
                ("Review it", 100.0, 152.0),
                ("Board", 250.0, 152.0),
                ("1.4", 40.0, 164.0),
                ("Audit again", 100.0, 164.0),
                ("QA group", 250.0, 164.0),
                ("1.5", 40.0, 176.0),
                ("Report", 100.0, 176.0),
                ("Chair", 250.0, 176.0),
                ("1.6", 40.0, 188.0),
                ("Publish", 100.0, 188.0),
                ("Board", 250.0, 188.0),
            ]
        };
        let rules = [(88.0, 38.0, 440.0), (115.0, 38.0, 440.0)];
        // "Lead" alone on its line (one segment): the block starts under
        // it, and takes it in; "Lead" with "Progress /": the block's
        // first line.
        let mut r = rows();
        let lines = lines_of(&r);
        let g = find_tables_ruled(&lines, &[], &rules, &[]);
        assert_eq!(g.len(), 1);
        assert_eq!(
            g[0].xs.len(),
            5,
            "four columns, Progress kept: {:?}",
            g[0].xs
        );
        assert_eq!(
            g[0].ys.len(),
            8,
            "one header row and six rows: {:?}",
            g[0].ys
        );
        assert!(
            g[0].ys[0] < 90.0,
            "the header's upper line in it: {:?}",
            g[0].ys
        );
        // "Lead" alone on its line (one segment): the block starts under
        // it, and takes it in.
        r.retain(|w| w.0 != "Progress /" && w.0 != "status");
        let lines = lines_of(&r);
        let g = find_tables_ruled(&lines, &[], &rules, &[]);
        assert_eq!(g.len(), 1);
        assert_eq!(
            g[0].ys.len(),
            8,
            "one header row and six rows: {:?}",
            g[0].ys
        );
        assert!(g[0].ys[0] < 90.0, "\"Lead\" in the header: {:?}", g[0].ys);
        // No rule above: "Lead" is a line over the table, not its header's.
        let mut r = rows();
        r.retain(|w| w.0 != "Progress /" && w.0 != "status");
        let lines = lines_of(&r);
        let g = find_tables_ruled(&lines, &[], &rules[1..], &[]);
        assert_eq!(g.len(), 1);
        assert!(g[0].ys[0] > 100.0, "\"Lead\" left out: {:?}", g[0].ys);
        // A partial rule between the header's lines (a two-level header's
        // cmidrule): its lines stay rows of their own.
        let lines = lines_of(&rows());
        let two = [
            (88.0, 38.0, 440.0),
            (101.0, 240.0, 300.0),
            (115.0, 38.0, 440.0),
        ];
        assert_eq!(
            header_lines(&lines, &(0..lines.len()).collect::<Vec<_>>(), &two, &[]),
            1
        );
        assert_eq!(
            header_lines(&lines, &(0..lines.len()).collect::<Vec<_>>(), &rules, &[]),
            2
        );
    }

    #[test]
    fn a_booktabs_page_of_one_segment_lines_on_a_grid_is_a_table() {
        // The last page of a LaTeX longtable: the header ruled above and
        // below, then two rows whose lead and list items sit on lines of
        // their own, every line 12pt below the last.
        let rows = [
            ("No.", 40.0, 100.0),
            ("Action", 100.0, 100.0),
            ("Lead", 250.0, 100.0),
            ("Due", 350.0, 100.0),
            ("Sept 2011", 250.0, 116.0),
            ("\u{2022} Incorporate into", 100.0, 128.0),
            ("training", 110.0, 140.0),
            ("programme", 110.0, 152.0),
            ("QA committee", 250.0, 176.0),
            ("\u{2022} Audit programme", 100.0, 188.0),
            ("evidence", 110.0, 200.0),
        ];
        let lines = lines_of(&rows);
        let rules = [(88.0, 38.0, 370.0), (103.0, 38.0, 370.0)];
        let g = find_tables_ruled(&lines, &[], &rules, &[]);
        assert_eq!(g.len(), 1);
        assert_eq!(g[0].xs.len(), 5, "four columns: {:?}", g[0].xs);
        assert_eq!(g[0].ys.len(), 4, "a header and two rows: {:?}", g[0].ys);
        // Not ruled above and below: a heading over lines of text.
        assert!(find_tables_ruled(&lines, &[], &rules[1..], &[]).is_empty());
    }

    #[test]
    fn a_column_a_banded_header_names_counts_no_empty_cells() {
        // A header on a shaded band, then rows shaded apart (zebra
        // stripes' edges between all rows), with text in two columns of
        // five: "Status" is empty in every row (a continuation page of
        // sub-actions).
        let mut rows = vec![
            ("Ref", 50.0, 100.0),
            ("Action", 100.0, 100.0),
            ("Objective", 250.0, 100.0),
            ("Lead", 400.0, 100.0),
            ("Status", 500.0, 100.0),
            ("1.1", 50.0, 120.0),
            ("Audit", 100.0, 120.0),
            ("Assure", 250.0, 120.0),
            ("Board", 400.0, 120.0),
        ];
        for k in 0..10 {
            let y = 140.0 + 20.0 * k as f64;
            rows.extend([("Review", 100.0, y), ("Panel", 400.0, y)]);
        }
        let lines = lines_of(&rows);
        let stripes: Vec<(f64, f64, f64)> = (0..12)
            .map(|k| (104.0 + 20.0 * k as f64, 45.0, 545.0))
            .collect();
        let mut banded = vec![(88.0, 45.0, 545.0)];
        banded.extend(&stripes);
        let g = find_tables_ruled(&lines, &[], &[], &banded);
        assert_eq!(g.len(), 1);
        assert!(g[0].ys[0] < 91.0, "the header in: {:?}", g[0].ys);
        assert_eq!(g[0].xs.len(), 6, "five columns: {:?}", g[0].xs);
        // No band's edge above the header: it is not set apart, and most
        // cells of the five columns are empty: no table from the header
        // down.
        let g = find_tables_ruled(&lines, &[], &[], &stripes);
        assert!(g.iter().all(|g| g.ys[0] > 95.0), "{g:?}");
    }

    #[test]
    fn a_grid_may_set_a_few_rows_closer_than_its_line_pitch() {
        // pandoc's longtable rows: lines 12pt apart, a row's first line
        // now and then only 10pt under the row above.
        let at = |ys: &[f64]| -> Vec<Line> {
            let rows: Vec<(&str, f64, f64)> = ys.iter().map(|&y| ("Text", 50.0, y)).collect();
            lines_of(&rows)
        };
        let lines = at(&[
            100.0, 112.0, 124.0, 134.0, 146.0, 158.0, 170.0, 180.0, 192.0,
        ]);
        let all: Vec<usize> = (0..lines.len()).collect();
        let pitch = grid_pitch(&lines, &all, &[], &[]).expect("a grid");
        assert!((pitch - 12.0).abs() < 0.01, "{pitch}");
        // Lines a whole number of pitches apart stay a grid.
        let lines = at(&[100.0, 112.0, 124.0, 148.0, 160.0, 172.0, 184.0, 196.0]);
        let all: Vec<usize> = (0..lines.len()).collect();
        assert!(grid_pitch(&lines, &all, &[], &[]).is_some());
        // Rows of two lines a blank line apart (gaps of one and two
        // pitches, as many of each): the pitch is the one line's.
        let lines = at(&[100.0, 120.4, 130.7, 151.1, 161.4, 181.8, 192.1]);
        let all: Vec<usize> = (0..lines.len()).collect();
        let pitch = grid_pitch(&lines, &all, &[], &[]).expect("a grid");
        assert!((pitch - 10.3).abs() < 0.05, "{pitch}");
        // Every other gap shorter: no one pitch, no grid.
        let lines = at(&[100.0, 110.0, 122.0, 132.0, 144.0, 154.0, 166.0]);
        let all: Vec<usize> = (0..lines.len()).collect();
        assert!(grid_pitch(&lines, &all, &[], &[]).is_none());
        // Rows padded apart (a gap longer than the pitch, not a multiple
        // of it): no grid.
        let lines = at(&[100.0, 112.0, 129.0, 141.0, 158.0, 170.0, 182.0, 199.0]);
        let all: Vec<usize> = (0..lines.len()).collect();
        assert!(grid_pitch(&lines, &all, &[], &[]).is_none());
    }

    /// A two-column table of labels and values, three rows, as pandoc
    /// prints one: its first row is the header (its value wraps above its
    /// label, the cells bottom-aligned), ruled above and below, a rule
    /// under the last row.
    fn labels_and_values() -> Vec<(&'static str, f64, f64)> {
        vec![
            (
                "Promoting safe recruitment and supervision of all staff",
                200.0,
                100.0,
            ),
            ("Priority 3:", 50.0, 112.0),
            ("in all agencies", 200.0, 112.0),
            ("Other plans:", 50.0, 128.0),
            ("Ofsted inspection", 200.0, 128.0),
            ("Sponsor:", 50.0, 140.0),
            ("Chair of the Board", 200.0, 140.0),
        ]
    }

    #[test]
    fn a_two_column_table_framed_by_booktabs_rules_is_a_table_of_few_rows() {
        let lines = lines_of(&labels_and_values());
        let top = (87.0, 45.0, 490.0);
        let mid = (115.0, 45.0, 490.0);
        let bottom = (143.0, 45.0, 490.0);
        let g = find_tables_ruled(&lines, &[], &[top, mid, bottom], &[]);
        assert_eq!(g.len(), 1);
        assert_eq!(g[0].xs.len(), 3, "two columns: {:?}", g[0].xs);
        assert_eq!(
            g[0].ys[0], 89.0,
            "the header's upper line, wider than every line under it, is the header's"
        );
        assert_eq!(g[0].ys.len(), 4, "a header and two rows: {:?}", g[0].ys);
        // Without the rule under the header, or with no rules at all: three
        // lines of two columns are too little to tell from text.
        assert!(find_tables_ruled(&lines, &[], &[top, bottom], &[]).is_empty());
        assert!(find_tables_ruled(&lines, &[], &[], &[]).is_empty());
    }

    #[test]
    fn a_grid_row_starts_where_a_cell_resumes_beside_a_paragraph_and_capitals() {
        // A LaTeX longtable: under "QA group" the Lead column is empty for
        // two lines, then "Training" starts the next row's lead; beside it
        // "Ensure" would have fitted after "considered" (a new paragraph)
        // and "Improved" would not have fitted after "improvement", but
        // starts with a capital: no text there runs on mid-sentence.
        let rows = |outcome: &'static str| {
            [
                ("Action", 40.0, 100.0),
                ("Lead", 200.0, 100.0),
                ("Outcome", 300.0, 100.0),
                ("Audit adult cases", 40.0, 112.0),
                ("QA group", 200.0, 112.0),
                ("Findings from", 300.0, 112.0),
                ("ensure the needs of", 40.0, 124.0),
                ("audits with action", 300.0, 124.0),
                ("considered", 40.0, 136.0),
                ("improvement", 300.0, 136.0),
                ("Ensure adult", 40.0, 148.0),
                ("Training", 200.0, 148.0),
                (outcome, 300.0, 148.0),
                ("services", 40.0, 160.0),
                ("training by", 300.0, 160.0),
                ("are trained", 40.0, 172.0),
                ("adult services", 300.0, 172.0),
            ]
        };
        let g = find(&rows("Improved take up of"));
        assert_eq!(g.len(), 1);
        assert_eq!(g[0].ys.len(), 4, "a header and two rows: {:?}", g[0].ys);
        // Text running on mid-sentence in a column: one row.
        let g = find(&rows("improved take up of"));
        assert_eq!(g.len(), 1);
        assert_eq!(g[0].ys.len(), 3, "a header and one row: {:?}", g[0].ys);
    }

    #[test]
    fn a_later_paragraph_of_the_last_rows_cell_at_a_pages_foot_stays_in_the_table() {
        // Rows padded apart (16pt a row, 6pt between them), the last row's
        // action cell wrapping (12pt) and then a second paragraph (15pt: more
        // than a wrap, less than a row's padding), nothing ruled under it:
        // a browser's row split at the page break.
        let mut rows = vec![
            ("No.", 50.0, 100.0),
            ("Action", 120.0, 100.0),
            ("Lead", 300.0, 100.0),
        ];
        for (k, id) in ["1.1", "1.2", "1.3"].into_iter().enumerate() {
            let y = 116.0 + 16.0 * k as f64;
            rows.extend([(id, 50.0, y), ("Audit it", 120.0, y), ("Schools", 300.0, y)]);
        }
        let tail = |x: f64, pitch: f64| {
            let mut r = rows.clone();
            r.extend([
                ("and report", 120.0, 160.0),
                ("Review it", x, 160.0 + pitch),
            ]);
            find(&r)
        };
        let kept = tail(120.0, 14.0);
        assert_eq!(
            kept[0].ys.last(),
            Some(&175.0),
            "the paragraph is the last row's"
        );
        assert_eq!(kept[0].ys.len(), 5);
        // Not where it starts elsewhere than a column's text (a note), nor
        // where it lies as far below as the rows lie apart.
        for (x, pitch) in [(125.0, 15.0), (120.0, 16.0)] {
            let left = tail(x, pitch);
            assert_eq!(left[0].ys.last(), Some(&161.0), "{x} {pitch}: left out");
        }
    }

    #[test]
    fn a_first_column_cell_running_on_under_the_last_rows_lines_stays_in_the_table() {
        // Rows padded apart; the last row's first cell (a reportlab SPAN
        // cell) runs on under the row's other lines, at the block's left
        // edge, and the progress cell's next paragraph sits between its
        // lines at an offset pitch.
        let rows = vec![
            ("Issue", 50.0, 100.0),
            ("Lead", 200.0, 100.0),
            ("Progress", 350.0, 100.0),
            ("1. Audit", 50.0, 116.0),
            ("PPPG", 200.0, 116.0),
            ("Done and", 350.0, 116.0),
            ("dated", 350.0, 128.0),
            ("2. Review", 50.0, 144.0),
            ("Comms", 200.0, 144.0),
            ("Update Dec", 350.0, 144.0),
        ];
        let with = |tail: &[(&'static str, f64, f64)]| {
            let mut r = rows.clone();
            r.extend_from_slice(tail);
            find(&r)
        };
        let g = with(&[
            ("cases now", 50.0, 156.0),
            ("Update March", 350.0, 162.0),
            ("and more", 50.0, 168.0),
        ]);
        assert_eq!(g[0].ys.last(), Some(&169.0), "the cells run on");
        assert_eq!(g[0].ys.len(), 4);
        // Not a note under the table running across its columns, nor a
        // line at the left edge further down than a wrap.
        for tail in [
            [("A note under the table runs across", 50.0, 156.0)],
            [("cases now", 50.0, 162.0)],
        ] {
            let g = with(&tail);
            assert_eq!(g[0].ys.last(), Some(&145.0), "{:?}: left out", tail[0]);
        }
    }

    #[test]
    fn a_banded_header_with_one_line_under_it_is_a_table_where_its_pieces_show_columns() {
        // A page holding a table's repeated header (shaded a rectangle a
        // cell) and one line of the row the page break split.
        let lines = lines_of(&[
            ("No.", 50.0, 100.0),
            ("Action", 120.0, 100.0),
            ("Lead", 300.0, 100.0),
            ("and report it", 120.0, 114.0),
            ("June", 300.0, 114.0),
        ]);
        let cell = |x0: f64, x1: f64| FillRect {
            x0,
            top: 88.0,
            x1,
            bottom: 102.0,
            color: [0x1F, 0x38, 0x64],
        };
        let edges = fill_edges(&[cell(45.0, 115.0), cell(115.0, 295.0), cell(295.0, 345.0)]);
        let g = find_tables_ruled(&lines, &[], &[], &edges);
        assert_eq!(g.len(), 1);
        assert_eq!(g[0].xs[1..3], [115.0, 295.0], "the joints are its columns");
        assert_eq!(g[0].ys.len(), 3, "the header and the line");
        // One rectangle across (no joints), or no band: two lines are no
        // table.
        let across_one = fill_edges(&[cell(45.0, 345.0)]);
        assert!(find_tables_ruled(&lines, &[], &[], &across_one).is_empty());
        assert!(find_tables_ruled(&lines, &[], &[], &[]).is_empty());
    }
}
