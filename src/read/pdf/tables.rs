//! Tables on a page: ruled grids filled with their text, fills and
//! highlights; and tables that continue from one page to the next joined
//! into one.
//!
//! Joining (a table broken across pages by the word processor): the last
//! table of a page and the first table of the next page are one table when
//! nothing but page headers and footers lies between them and their column
//! boundaries agree (within [`COLUMN_SLACK`] points each). Leading rows of
//! the continuation that repeat the first table's leading rows are the
//! repeated header (`header_rows`) and are dropped. When the first table
//! reaches down to the bottom of the page's text area and the continuation's
//! first row does not start a new row (see `continues_row`), that row is the
//! rest of a row split by the page break, and its cells' text is appended to
//! the cells above: its first paragraph goes on the paragraph above where
//! the page's lines read as two lines of one paragraph would (`runs_over`:
//! the word would not have fitted; where the writer draws its wrap spaces,
//! a drawn space at the foot is a wrap and none drawn, with room for one,
//! a paragraph's end).
//!
//! In an unruled table (found from aligned text) a cell's lines are laid
//! out into paragraphs against its column's room, not the boundary, which
//! lies somewhere in the white space between columns: the room ends at
//! the column's widest line, or further where the next column's text
//! starts further right than the space the writer leaves between columns
//! (the least gap between a column's widest line and the next column's
//! text, over the table); a line ends a paragraph only where the next
//! line's first word would have fitted after it within that room.

use super::interp::{Char, FillRect, PageContent, Rgb, Rule};
use super::lattice::SNAP;
use super::lattice::{Grid, GridCell};
use super::layout::{self, Line, Run, VisualParagraph};

/// How far column boundaries of a continued table may differ, in points.
pub const COLUMN_SLACK: f64 = 2.0;
/// How far outside a grid (points) a glyph's centre may be and still go to
/// the nearest cell.
const EDGE_SLACK: f64 = 1.5;
/// A filled rectangle covering at least this share of a cell is its shading.
const CELL_FILL_SHARE: f64 = 0.5;

/// A cell with its content laid out.
#[derive(Debug, Clone)]
pub struct DraftCell {
    /// Top row.
    pub row: usize,
    /// Left column.
    pub col: usize,
    /// Rows covered.
    pub rows: usize,
    /// Columns covered.
    pub cols: usize,
    /// Paragraphs of runs `(text, bold, italic, highlight)`.
    pub paragraphs: Vec<Vec<Run>>,
    /// Whether each paragraph starts with a bullet glyph.
    pub bullets: Vec<bool>,
    /// Each paragraph's list label, where a tagged PDF marks one ("3.").
    pub labels: Vec<Option<String>>,
    /// The cell's last line and its right text edge, to decide how a
    /// continuation on the next page joins on.
    pub tail: Option<(Line, f64)>,
    /// The first line (to join onto a cell on the previous page).
    pub head: Option<Line>,
    /// Shading as six hex digits.
    pub fill: Option<String>,
    /// 1-based page of the cell's first text (or of its table's page).
    pub page: u32,
    /// Text was clipped away above the cell: it is the rest of a merged
    /// cell that began on the page before.
    pub continued: bool,
    /// Points between the last line's bottom and the cell's bottom.
    pub room_below: f64,
    /// The first paragraph's lines and the distance between its first two
    /// baselines (0 for a paragraph of one line).
    pub head_paragraph: (usize, f64),
    /// Its page's writer draws the space it wraps at (see
    /// `layout::wrap_spaces`): the last line's end says whether its
    /// paragraph goes on over the page.
    pub wrap_spaces: bool,
}

/// A table as found on one page (or joined from several).
#[derive(Debug, Clone)]
pub struct DraftTable {
    /// 1-based page where it starts.
    pub page: u32,
    /// 1-based page where it ends (after joining).
    pub last_page: u32,
    /// Column boundaries on its first page.
    pub xs: Vec<f64>,
    /// Top and bottom on its last page.
    pub top: f64,
    /// Bottom on its last page.
    pub bottom: f64,
    /// Number of rows.
    pub n_rows: usize,
    /// Rows found repeated at the top of continuation pages.
    pub header_rows: usize,
    /// The cells.
    pub cells: Vec<DraftCell>,
    /// Found from aligned text, not from rules: its column boundaries lie
    /// somewhere in the white space between columns, so a continuation's
    /// need only fall in the same gaps.
    pub unruled: bool,
    /// Ruled, its column rules running on below its last horizontal rule
    /// with none under them (see [`open_bottom`]): its last row goes on
    /// on the next page.
    pub open_bottom: bool,
}

/// Hex of a colour.
pub fn hex(c: Rgb) -> String {
    format!("{:02X}{:02X}{:02X}", c[0], c[1], c[2])
}

fn is_white(c: Rgb) -> bool {
    c.iter().all(|&v| v >= 0xF5)
}

/// Word's highlight colours by name (what the Word reader reports), else hex.
pub fn highlight_name(c: Rgb) -> String {
    let name = match c {
        [0xFF, 0xFF, 0x00] => "yellow",
        [0x00, 0xFF, 0x00] => "green",
        [0x00, 0xFF, 0xFF] => "cyan",
        [0xFF, 0x00, 0xFF] => "magenta",
        [0x00, 0x00, 0xFF] => "blue",
        [0xFF, 0x00, 0x00] => "red",
        [0x00, 0x00, 0x80] => "darkBlue",
        [0x00, 0x80, 0x80] => "darkCyan",
        [0x00, 0x80, 0x00] => "darkGreen",
        [0x80, 0x00, 0x80] => "darkMagenta",
        [0x80, 0x00, 0x00] => "darkRed",
        [0x80, 0x80, 0x00] => "darkYellow",
        [0x80, 0x80, 0x80] => "darkGray",
        [0xC0, 0xC0, 0xC0] => "lightGray",
        _ => return hex(c),
    };
    name.to_string()
}

fn overlap(a: (f64, f64, f64, f64), b: (f64, f64, f64, f64)) -> f64 {
    let w = a.2.min(b.2) - a.0.max(b.0);
    let h = a.3.min(b.3) - a.1.max(b.1);
    if w > 0.0 && h > 0.0 {
        w * h
    } else {
        0.0
    }
}

/// A horizontal strip of filled rectangles side by side with the same top
/// and bottom: a shaded row (a zebra band, a header's dark background), as
/// writers draw it, one rectangle across the table (reportlab) or one a
/// cell (a browser).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Band {
    /// Left.
    pub x0: f64,
    /// Top.
    pub top: f64,
    /// Right.
    pub x1: f64,
    /// Bottom.
    pub bottom: f64,
    /// The colour covering most of its width.
    pub color: Rgb,
}

/// A strip at least this tall (points) is a band, not a rule drawn filled.
pub const BAND_HEIGHT: f64 = 4.0;
/// A band across at least this share of a table's width shades a row.
pub const BAND_SHARE: f64 = 0.6;

/// The bands of a page's filled rectangles, white ones included (a writer
/// that paints white rows between grey ones still marks their edges):
/// rectangles with the same top and bottom (within half a point) that
/// touch or overlap side by side are one band.
pub fn bands(fills: &[FillRect]) -> Vec<Band> {
    let mut rects: Vec<&FillRect> = fills
        .iter()
        .filter(|f| f.bottom - f.top >= BAND_HEIGHT)
        .collect();
    rects.sort_by(|a, b| {
        (a.top * 2.0)
            .round()
            .total_cmp(&(b.top * 2.0).round())
            .then(
                (a.bottom * 2.0)
                    .round()
                    .total_cmp(&(b.bottom * 2.0).round()),
            )
            .then(a.x0.total_cmp(&b.x0))
    });
    let mut out: Vec<(Band, Vec<(Rgb, f64)>)> = Vec::new();
    for f in rects {
        let width = f.x1 - f.x0;
        match out.last_mut() {
            Some((b, colours))
                if (b.top - f.top).abs() <= 0.5
                    && (b.bottom - f.bottom).abs() <= 0.5
                    && f.x0 <= b.x1 + 1.5 =>
            {
                b.x1 = b.x1.max(f.x1);
                match colours.iter_mut().find(|(c, _)| *c == f.color) {
                    Some((_, w)) => *w += width,
                    None => colours.push((f.color, width)),
                }
            }
            _ => out.push((
                Band {
                    x0: f.x0,
                    top: f.top,
                    x1: f.x1,
                    bottom: f.bottom,
                    color: f.color,
                },
                vec![(f.color, width)],
            )),
        }
    }
    out.into_iter()
        .map(|(mut b, colours)| {
            if let Some((c, _)) = colours.iter().max_by(|a, b| a.1.total_cmp(&b.1)) {
                b.color = *c;
            }
            b
        })
        .collect()
}

/// Row spans an unruled table shows by its shading alone (a browser paints
/// a cell spanning rows in its own row's colour, so a spanning cell from a
/// white row stays white in the shaded row below): below the header, an
/// empty one-column cell joins the cell above it where its row is shaded
/// (a band across [`BAND_SHARE`] of the table) in every column but its own.
fn shaded_spans(grid: &Grid, chars: &[Char], fills: &[FillRect], stripes: &[Band]) -> Grid {
    let mut g = grid.clone();
    let n_rows = g.n_rows();
    let cols = g.xs.len() - 1;
    if n_rows < 3 || cols < 2 || stripes.is_empty() {
        return g;
    }
    let mid = |c: usize| (g.xs[c] + g.xs[c + 1]) / 2.0;
    let mut text = vec![false; n_rows * cols];
    for ch in chars.iter().filter(|c| !c.text.trim().is_empty()) {
        let (x, y) = ((ch.x0 + ch.x1) / 2.0, (ch.top + ch.bottom) / 2.0);
        let col = g.xs.iter().take_while(|&&v| v < x).count();
        let row = g.ys.iter().take_while(|&&v| v < y).count();
        if (1..=cols).contains(&col) && (1..=n_rows).contains(&row) {
            text[(row - 1) * cols + col - 1] = true;
        }
    }
    for r in 2..n_rows {
        let ym = (g.ys[r] + g.ys[r + 1]) / 2.0;
        if !stripes.iter().any(|b| b.top < ym && b.bottom > ym) {
            continue;
        }
        let shaded = |k: usize| {
            fills.iter().any(|f| {
                f.top < ym
                    && f.bottom > ym
                    && f.x0 <= mid(k)
                    && f.x1 >= mid(k)
                    && !is_white(f.color)
            })
        };
        let bare: Vec<usize> = (0..cols).filter(|&k| !shaded(k)).collect();
        let &[c] = bare.as_slice() else { continue };
        if text[r * cols + c] {
            continue;
        }
        let here = g
            .cells
            .iter()
            .position(|k| k.row == r && k.col == c && k.rows == 1 && k.cols == 1);
        let above = g
            .cells
            .iter()
            .position(|k| k.col == c && k.cols == 1 && k.row > 0 && k.row + k.rows == r);
        if let (Some(h), Some(a)) = (here, above) {
            g.cells[a].rows += 1;
            g.cells.remove(h);
        }
    }
    g
}

/// Cells an unruled table's shading shows apart: a cell found merged
/// across columns in one row (a one-line row with text in its first
/// column alone reads as a label across the row) is cut where two filled
/// rectangles shading that row (at least [`BAND_HEIGHT`] tall, across the
/// row's middle) meet, within a point, at one of its inner column
/// boundaries (within [`JOINT_REACH`]). A browser paints each cell's
/// background on its own, so a row of cells is shaded a rectangle a cell
/// and a merged cell one rectangle; an unshaded row shows nothing.
fn cells_shaded_apart(grid: &Grid, fills: &[FillRect]) -> Grid {
    let mut g = grid.clone();
    let mut out = Vec::with_capacity(g.cells.len());
    for cell in &grid.cells {
        if cell.rows != 1 || cell.cols < 2 || cell.row == 0 {
            out.push(*cell);
            continue;
        }
        let ym = (grid.ys[cell.row] + grid.ys[cell.row + 1]) / 2.0;
        let mut pieces: Vec<(f64, f64)> = fills
            .iter()
            .filter(|f| f.bottom - f.top >= BAND_HEIGHT && f.top < ym && f.bottom > ym)
            .map(|f| (f.x0, f.x1))
            .collect();
        pieces.sort_by(|a, b| a.0.total_cmp(&b.0));
        let meets: Vec<f64> = pieces
            .windows(2)
            .filter(|p| (p[1].0 - p[0].1).abs() <= 1.0)
            .map(|p| (p[0].1 + p[1].0) / 2.0)
            .collect();
        let mut start = cell.col;
        for k in cell.col + 1..cell.col + cell.cols {
            if meets.iter().any(|&m| (m - grid.xs[k]).abs() <= JOINT_REACH) {
                out.push(GridCell {
                    row: cell.row,
                    col: start,
                    rows: 1,
                    cols: k - start,
                });
                start = k;
            }
        }
        out.push(GridCell {
            row: cell.row,
            col: start,
            rows: 1,
            cols: cell.col + cell.cols - start,
        });
    }
    g.cells = out;
    g
}

/// How far (points) from a column boundary two shading rectangles may
/// meet and still show it (an unruled table's boundary lies somewhere in
/// the white space between the columns' text).
const JOINT_REACH: f64 = 6.0;

/// Fill a grid with the characters inside it. Returns the table and marks
/// the characters used in `used`. In an `unruled` table, a rectangle in
/// the colour of a band across the table (a zebra stripe, a dark header)
/// shades the row, not the cell: it is not the cell's fill; a cell drawn
/// in another colour on the band (a RAG rating) keeps its own.
pub fn build(
    page: u32,
    grid: &Grid,
    content: &PageContent,
    used: &mut [bool],
    unruled: bool,
) -> DraftTable {
    let chars = &content.chars;
    let (gx0, _, gx1, _) = grid.bbox();
    let stripes: Vec<Band> = if unruled {
        bands(&content.fills)
            .into_iter()
            .filter(|b| b.x1 - b.x0 >= BAND_SHARE * (gx1 - gx0))
            .collect()
    } else {
        Vec::new()
    };
    let fills: Vec<FillRect> = content
        .fills
        .iter()
        .filter(|f| {
            !stripes.iter().any(|b| {
                b.color == f.color
                    && f.top >= b.top - 0.5
                    && f.bottom <= b.bottom + 0.5
                    && f.x0 >= b.x0 - 0.5
                    && f.x1 <= b.x1 + 0.5
            })
        })
        .copied()
        .collect();
    let fills = &fills;
    let spanned;
    let grid = if unruled {
        spanned = cells_shaded_apart(
            &shaded_spans(grid, chars, &content.fills, &stripes),
            &content.fills,
        );
        &spanned
    } else {
        grid
    };
    let mut per_cell: Vec<Vec<&Char>> = vec![Vec::new(); grid.cells.len()];
    let (gx0, gy0, gx1, gy1) = grid.bbox();
    let finder = grid.finder();
    for (i, c) in chars.iter().enumerate() {
        if used[i] {
            continue;
        }
        let (cx, cy) = ((c.x0 + c.x1) / 2.0, (c.top + c.bottom) / 2.0);
        // A glyph whose centre is just outside the border (a line half cut
        // off by a clip at the cell's edge) still belongs to the cell.
        if cx < gx0 - EDGE_SLACK
            || cx > gx1 + EDGE_SLACK
            || cy < gy0 - EDGE_SLACK
            || cy > gy1 + EDGE_SLACK
        {
            continue;
        }
        let (cx, cy) = (cx.clamp(gx0, gx1), cy.clamp(gy0, gy1));
        if let Some(k) = finder.cell_at(cx, cy) {
            per_cell[k].push(c);
            used[i] = true;
        }
    }
    // In an unruled table the boundaries lie somewhere in the white space
    // between columns, so a cell's lines are measured against its
    // column's widest line (where the writer wrapped them), not the
    // boundary: a line is wrapped where the next word would not have
    // fitted within it.
    // The column's room ends where the next column's text starts, less
    // the space the writer leaves between columns (the least gap between a
    // column's widest line and the next column's text): a column of short
    // texts has more room than its widest line.
    // A line of one word may run past its column (a word too long for the
    // column cannot wrap: a header's "Priorities/Outcomes"), so that space
    // is measured from lines of two words or more.
    let mut widest = vec![f64::MIN; grid.xs.len()];
    if unruled {
        let mut start = vec![f64::MAX; grid.xs.len()];
        let mut widest_wrapped = vec![f64::MIN; grid.xs.len()];
        for (gc, chars) in grid.cells.iter().zip(&per_cell) {
            if gc.cols == 1 {
                for c in chars.iter().filter(|c| !c.text.trim().is_empty()) {
                    widest[gc.col] = widest[gc.col].max(c.x1);
                    start[gc.col] = start[gc.col].min(c.x0);
                }
                for l in layout::lines(chars).iter().filter(|l| l.words.len() >= 2) {
                    widest_wrapped[gc.col] = widest_wrapped[gc.col].max(l.x1);
                }
            }
        }
        let known = |c: usize| widest[c] > f64::MIN && start[c + 1] < f64::MAX;
        let n = grid.xs.len().saturating_sub(1);
        let between = (0..n.saturating_sub(1))
            .filter(|&c| known(c) && widest_wrapped[c] > f64::MIN)
            .map(|c| start[c + 1] - widest_wrapped[c])
            .fold(f64::MAX, f64::min)
            .max(0.0);
        let room: Vec<f64> = (0..widest.len())
            .map(|c| {
                if c + 1 < n && known(c) {
                    // A line of one word past that room overruns the
                    // column: no room shown.
                    let lines = if widest_wrapped[c] > f64::MIN {
                        widest_wrapped[c]
                    } else {
                        widest[c]
                    };
                    lines.max(start[c + 1] - between)
                } else {
                    widest[c]
                }
            })
            .collect();
        widest = room;
    }
    let cell_lines: Vec<Vec<Line>> = per_cell.iter().map(|chars| layout::lines(chars)).collect();
    let pitch = layout::wrap_pitch(&cell_lines);
    // A cell's right text edge: its column's room (unruled) or its right
    // border less the padding its text shows on the left.
    let right_of = |gc: &GridCell, lines: &[Line]| {
        let bx = grid.cell_box(gc);
        let left_pad = lines
            .iter()
            .map(|l| l.x0 - bx.0)
            .fold(f64::MAX, f64::min)
            .clamp(0.0, 10.0);
        let measure = widest
            .get(gc.col + gc.cols - 1)
            .copied()
            .unwrap_or(f64::MIN);
        if measure > bx.0 {
            measure + 1.0
        } else {
            bx.2 - left_pad
        }
    };
    // Whether the writer balances its lines (see `layout::balanced`): from
    // this table's cells and what the tables before it showed.
    let stops = grid
        .cells
        .iter()
        .zip(&cell_lines)
        .map(|(gc, lines)| layout::stops(lines, right_of(gc, lines), content.wrap_spaces))
        .fold(content.stops.get(), |a, b| (a.0 + b.0, a.1 + b.1));
    content.stops.set(stops);
    let balanced = layout::balanced(stops);
    let cells = grid
        .cells
        .iter()
        .zip(per_cell)
        .map(|(gc, chars)| {
            let bx = grid.cell_box(gc);
            let area = (bx.2 - bx.0) * (bx.3 - bx.1);
            let continued = content.clipped_above.iter().any(|c| {
                (c.0 - bx.0).abs() <= COLUMN_SLACK
                    && (c.2 - bx.2).abs() <= COLUMN_SLACK
                    && (c.1 - bx.1).abs() <= COLUMN_SLACK
            });
            // Shading: a non-white rectangle covering most of the cell; the
            // last one drawn wins, as on the page.
            let fill = fills
                .iter()
                .rev()
                .find(|f| {
                    area > 0.0
                        && overlap(bx, (f.x0, f.top, f.x1, f.bottom)) >= CELL_FILL_SHARE * area
                })
                .filter(|f| !is_white(f.color))
                .map(|f| hex(f.color));
            let mut lines = layout::lines(&chars);
            // Highlights: smaller non-white rectangles behind a word.
            for line in &mut lines {
                for w in &mut line.words {
                    let (cx, cy) = ((w.x0 + w.x1) / 2.0, (w.top + w.bottom) / 2.0);
                    w.highlight = fills
                        .iter()
                        .rev()
                        .filter(|f| (f.x1 - f.x0) * (f.bottom - f.top) < CELL_FILL_SHARE * area)
                        .find(|f| f.x0 <= cx && cx <= f.x1 && f.top <= cy && cy <= f.bottom)
                        .filter(|f| !is_white(f.color) && f.bottom - f.top > 0.5 * w.size)
                        .map(|f| highlight_name(f.color));
                }
            }
            let right = right_of(gc, &lines);
            let head = lines.first().cloned();
            let room_below = lines.last().map_or(f64::MAX, |l| bx.3 - l.bottom);
            let tail = lines.last().cloned().map(|l| (l, right));
            let paras: Vec<VisualParagraph> = layout::split_spaced(
                layout::paragraphs(lines, right, content.wrap_spaces, balanced),
                pitch,
            );
            DraftCell {
                row: gc.row,
                col: gc.col,
                rows: gc.rows,
                cols: gc.cols,
                bullets: paras
                    .iter()
                    .map(|p| p.lines.first().is_some_and(Line::is_bullet))
                    .collect(),
                labels: paras.iter().map(VisualParagraph::list_label).collect(),
                paragraphs: paras
                    .iter()
                    .map(|p| layout::runs(p, right, content.wrap_spaces))
                    .collect(),
                tail,
                head,
                fill,
                page,
                continued,
                room_below,
                wrap_spaces: content.wrap_spaces,
                head_paragraph: paras.first().map_or((0, 0.0), |p| {
                    let pitch = match p.lines.as_slice() {
                        [a, b, ..] => b.bottom - a.bottom,
                        _ => 0.0,
                    };
                    (p.lines.len(), pitch)
                }),
            }
        })
        .collect();
    DraftTable {
        page,
        last_page: page,
        xs: grid.xs.clone(),
        top: gy0,
        bottom: gy1,
        n_rows: grid.n_rows(),
        header_rows: 0,
        cells,
        unruled,
        open_bottom: !unruled && open_bottom(&content.rules, gx0, gx1, gy1),
    }
}

/// Whether a ruled table whose grid ends at `bottom` (from `x0` to `x1`)
/// is open there: two or more column rules end at that height and no
/// horizontal rule runs along it over half the table's width. A browser
/// splitting a row at a page break draws the row's column rules to the
/// page's edge and no rule under the part on the page (the grid's bottom
/// is then where those column rules end, see `lattice`); a table closed by
/// a rule, or one that merely ends with the page, is not open.
fn open_bottom(rules: &[Rule], x0: f64, x1: f64, bottom: f64) -> bool {
    let near = |y: f64| (y - bottom).abs() <= SNAP;
    let columns = rules
        .iter()
        .filter(|r| !r.horizontal && near(r.end) && r.start < bottom - SNAP)
        .filter(|r| r.pos >= x0 - SNAP && r.pos <= x1 + SNAP)
        .count();
    let mut spans: Vec<(f64, f64)> = rules
        .iter()
        .filter(|r| r.horizontal && near(r.pos))
        .map(|r| (r.start.max(x0), r.end.min(x1)))
        .filter(|(a, b)| b > a)
        .collect();
    spans.sort_by(|a, b| a.0.total_cmp(&b.0));
    let (mut ruled, mut reach) = (0.0, f64::MIN);
    for (a, b) in spans {
        if b > reach {
            ruled += b - a.max(reach);
            reach = b;
        }
    }
    columns >= 2 && ruled < 0.5 * (x1 - x0)
}

fn row_texts(t: &DraftTable, row: usize) -> Vec<String> {
    let mut cells: Vec<&DraftCell> = t.cells.iter().filter(|c| c.row == row).collect();
    cells.sort_by_key(|c| c.col);
    cells
        .iter()
        .map(|c| {
            format!(
                "{}:{}:{}",
                c.col,
                c.cols,
                c.paragraphs
                    .iter()
                    .map(|p| p.iter().map(|r| r.0.as_str()).collect::<String>())
                    .collect::<Vec<_>>()
                    .join("\n")
            )
        })
        .collect()
}

fn columns_agree(a: &[f64], b: &[f64]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| (x - y).abs() <= COLUMN_SLACK)
}

/// Whether `first` on the next page continues `prev` (see the module docs).
/// Two unruled tables have their boundaries where each page's text leaves
/// white space, so only their inner boundaries are compared, each within
/// [`UNRULED_SLACK`] (about the padding between columns).
pub fn can_join(prev: &DraftTable, next: &DraftTable) -> bool {
    if next.page != prev.last_page + 1 {
        return false;
    }
    if !(prev.unruled && next.unruled) {
        return columns_agree(&prev.xs, &next.xs);
    }
    let n = prev.xs.len();
    n == next.xs.len()
        && n >= 3
        && (prev.xs[1..n - 1]
            .iter()
            .zip(&next.xs[1..n - 1])
            .all(|(x, y)| (x - y).abs() <= UNRULED_SLACK)
            || repeats_header(prev, next))
}

/// Give `next`, an unruled table at the top of the page after `prev`'s,
/// `prev`'s columns where it lacks only columns that `prev` has no body
/// text in: a column with a header and nothing under it (a "Progress"
/// column left for later) leaves no white-space gap on a continuation page
/// whose header is not repeated (wkhtmltopdf repeats no `<thead>`), so
/// there it merges into its neighbour's space and the page reads one or
/// two columns short. Every inner boundary of `next` must lie within
/// [`UNRULED_SLACK`] of one of `prev`'s, `next` must have three columns or
/// more, and `prev`'s columns with no match must hold text in its first
/// row (the header) alone. `next`'s cells move to the columns they lie
/// in and its boundaries become `prev`'s; `false` (and `next` unchanged)
/// otherwise.
pub fn widen_to(prev: &DraftTable, next: &mut DraftTable) -> bool {
    let (np, nn) = (prev.xs.len(), next.xs.len());
    if !(prev.unruled && next.unruled)
        || next.page != prev.last_page + 1
        || nn < 4
        || nn >= np
        || np - nn > 2
        || prev.n_rows < 2
    {
        return false;
    }
    // map[k]: the boundary of `prev` that `next`'s boundary k is.
    let mut map = vec![0usize; nn];
    map[nn - 1] = np - 1;
    let mut from = 1;
    for (m, x) in map.iter_mut().zip(&next.xs).take(nn - 1).skip(1) {
        let Some(i) = (from..np - 1).find(|&i| (prev.xs[i] - x).abs() <= UNRULED_SLACK) else {
            return false;
        };
        *m = i;
        from = i + 1;
    }
    // The columns of `prev` no boundary of `next` starts: each empty below
    // the header.
    let starts: Vec<usize> = map[..nn - 1].to_vec();
    let header_only = |col: usize| {
        prev.cells
            .iter()
            .filter(|c| c.col <= col && col < c.col + c.cols && c.cols == 1)
            .all(|c| {
                c.row == 0
                    || c.paragraphs
                        .iter()
                        .all(|p| p.iter().all(|r| r.0.trim().is_empty()))
            })
    };
    let missing: Vec<usize> = (0..np - 1).filter(|i| !starts.contains(i)).collect();
    if missing.is_empty() || !missing.iter().all(|&i| header_only(i)) {
        return false;
    }
    for c in &mut next.cells {
        let first = map[c.col];
        // A cell in `next`'s last column keeps one column of `prev`'s (the
        // missing ones are empty); a wider one covers up to the boundary
        // its right edge is.
        let end = if c.col + c.cols >= nn - 1 {
            if c.cols == 1 {
                first + 1
            } else {
                np - 1
            }
        } else {
            map[c.col + c.cols]
        };
        c.col = first;
        c.cols = end.saturating_sub(first).max(1);
    }
    next.xs = prev.xs.clone();
    true
}

/// Whether `next` starts with `prev`'s first row again, cell for cell,
/// each cell's text starting where it did (within [`COLUMN_SLACK`]): the
/// header a long table repeats on every page. A page of a few rows shows
/// little more than the header's own gaps (a LaTeX longtable's last rows,
/// their leads and lists on lines of their own), so its boundaries may lie
/// elsewhere in the white space than where the previous page's body text
/// put them.
fn repeats_header(prev: &DraftTable, next: &DraftTable) -> bool {
    let starts = |t: &DraftTable| -> Vec<(usize, usize, Option<f64>)> {
        let mut cells: Vec<_> = t
            .cells
            .iter()
            .filter(|c| c.row == 0)
            .map(|c| (c.col, c.cols, c.head.as_ref().map(|h| h.x0)))
            .collect();
        cells.sort_by_key(|c| c.0);
        cells
    };
    let (a, b) = (starts(prev), starts(next));
    prev.n_rows > 1
        && next.n_rows > 1
        && a.iter().filter(|c| c.2.is_some()).count() >= 2
        && row_texts(prev, 0) == row_texts(next, 0)
        && a.len() == b.len()
        && a.iter().zip(&b).all(|(x, y)| match (x.2, y.2) {
            (Some(p), Some(q)) => (p - q).abs() <= COLUMN_SLACK,
            (None, None) => true,
            _ => false,
        })
}

/// How far the inner column boundaries of two unruled tables may differ
/// and still be one table's, in points.
const UNRULED_SLACK: f64 = 12.0;

/// Whether the continuation's first row (after any repeated header) is the
/// rest of the previous table's last row, split by the page break. Every
/// cell of it with text must sit under a cell with text (text does not
/// continue an empty cell), and more than half of them must visibly
/// continue: sit under a cell filled to its bottom, and start in lower
/// case, or follow a line that was wrapped (the first word would not have
/// fitted there; only for left-aligned text) without ending a sentence, or
/// go on with a bulleted list the cell above ended with. (One cell is not
/// enough: a spreadsheet printed by LibreOffice never splits a row, and its
/// right-aligned dates and full last lines looked like continuations.)
fn continues_row(prev: &DraftTable, next: &DraftTable, row: usize) -> bool {
    let last = prev.n_rows - 1;
    // A ruled table left open at the page's foot (a browser's split row)
    // shows it: its last row goes on in the next page's first row, which
    // continues only cells that had text.
    if prev.open_bottom && !next.unruled {
        return next
            .cells
            .iter()
            .filter(|c| c.row == row && c.head.is_some())
            .all(|c| {
                prev.cells.iter().any(|p| {
                    p.col == c.col
                        && p.cols == c.cols
                        && p.row <= last
                        && last < p.row + p.rows
                        && p.tail.is_some()
                })
            });
    }
    let (mut with_text, mut evidence) = (0, 0);
    for c in next.cells.iter().filter(|c| c.row == row) {
        let Some(head) = &c.head else { continue };
        with_text += 1;
        let above = prev
            .cells
            .iter()
            .find(|p| p.col == c.col && p.cols == c.cols && p.row <= last && last < p.row + p.rows);
        let Some((tail, right)) = above.and_then(|a| a.tail.as_ref()) else {
            return false;
        };
        let first = head.words[0].text.chars().next().unwrap_or(' ');
        let ends_sentence = tail.text().ends_with(['.', '!', '?', ':', ';']);
        let list_goes_on =
            head.is_bullet() && above.is_some_and(|a| a.bullets.last() == Some(&true));
        // In an unruled table the boundary lies anywhere in the white
        // space left of the column, so the text's own edge tells: the
        // first line starts where the last line above did.
        let left_aligned = next
            .xs
            .get(c.col)
            .is_some_and(|&left| head.x0 - left <= LEFT_ALIGNED)
            || (prev.unruled && next.unruled && (head.x0 - tail.x0).abs() <= SAME_EDGE);
        // Text only runs on to the next page when it filled the cell above
        // to its bottom (Word's widow control may leave a line or two).
        let full = above.is_some_and(|a| a.room_below <= ROOM_WHEN_FULL * tail.size);
        if full
            && (first.is_lowercase()
                || (left_aligned && wrapped(tail, *right, head) && !ends_sentence)
                || list_goes_on)
        {
            evidence += 1;
        }
    }
    evidence * 2 > with_text
}

/// Whether the continuation's first row is what a page break cut off the
/// previous table's last row, where that table ran to the page's foot (the
/// caller's to know) and the text shows no sign of it (the tallest cell's
/// next paragraph, capital and all). Its cells with text sit only under
/// cells that filled the row to its bottom, as the cut-off part of a row
/// does, and it leaves empty the first column, which the row above filled:
/// a row of its own names its item there, or holds text beside shorter
/// cells too.
fn split_fragment(prev: &DraftTable, next: &DraftTable, row: usize) -> bool {
    let last = prev.n_rows - 1;
    let above = |c: &DraftCell| {
        prev.cells
            .iter()
            .find(|p| p.col == c.col && p.cols == c.cols && p.row <= last && last < p.row + p.rows)
    };
    let cells: Vec<&DraftCell> = next.cells.iter().filter(|c| c.row == row).collect();
    let first_filled_above = prev
        .cells
        .iter()
        .any(|p| p.col == 0 && p.row <= last && last < p.row + p.rows && p.tail.is_some());
    let texts: Vec<&&DraftCell> = cells.iter().filter(|c| c.head.is_some()).collect();
    first_filled_above
        && !texts.is_empty()
        && texts.iter().all(|c| c.col > 0)
        && texts.iter().all(|c| {
            above(c).is_some_and(|a| {
                a.tail
                    .as_ref()
                    .is_some_and(|(tail, _)| a.room_below <= ROOM_WHEN_FULL * tail.size)
            })
        })
        && !texts
            .iter()
            .any(|c| above(c).is_some_and(|a| could_have_started_above(a, c)))
}

/// Whether the first paragraph of `next` (a cell at the next page's top)
/// would have started in the room left under `above`'s last line, had it
/// been that cell's next paragraph: the room holds two of its lines and it
/// has four or more, so two could have gone above the break and two or
/// more under it. A browser (CSS's `orphans` and `widows`, 2 by default)
/// and Typst split a paragraph so; that this one starts whole on the next
/// page says it is another row's. A paragraph of two or three lines moves
/// whole (`nottingham-cab-weasyprint-booktabs`: two lines, room for two),
/// and less room tells nothing.
fn could_have_started_above(above: &DraftCell, next: &DraftCell) -> bool {
    let (lines, pitch) = next.head_paragraph;
    lines >= 4 && pitch > 0.0 && above.tail.is_some() && above.room_below >= 2.0 * pitch
}

/// A cell is full to its bottom when the room under its last line is at
/// most this many times the line's font size (about two and a half lines).
const ROOM_WHEN_FULL: f64 = 3.0;

/// A cell's first line starting within this many points of the cell's left
/// border is left-aligned (Word's default cell margin is 5.4 points).
const LEFT_ALIGNED: f64 = 8.0;

/// Two lines starting within this many points of each other start at the
/// same left edge.
const SAME_EDGE: f64 = 1.0;

/// Whether `tail` was wrapped before `head`'s first word: that word would
/// not have fitted at the end of the line.
fn wrapped(tail: &Line, right: f64, head: &Line) -> bool {
    let w = &head.words[0];
    tail.x1 + 0.28 * tail.size + (w.x1 - w.x0) >= right - 1.0
}

/// Whether a cell's paragraph runs on from `tail` (its last line on a
/// page) into `head` (its first on the next): the page's lines read as
/// `layout` reads two lines of one cell. `head`'s first word would not
/// have fitted after `tail` ([`wrapped`]; where the writer draws its wrap
/// spaces and drew one after `tail`, unless it fits by half an em, as in
/// `layout::stopped_short`), and, where the writer draws its wrap spaces,
/// `tail` does not end with none drawn though there was room for one
/// (rule (d), `layout::unspaced_end`): a paragraph ended at the page's
/// foot ("… next one diarised for Feb16" / "Update March 16: …").
fn runs_over(tail: &Line, right: f64, head: &Line, wrap_spaces: bool) -> bool {
    let fits_well = wrap_spaces && tail.space_end && {
        let w = &head.words[0];
        tail.x1 + 0.28 * tail.size + (w.x1 - w.x0) < right - 0.5 * tail.size.max(1.0)
    };
    let wraps = if wrap_spaces && tail.space_end {
        !fits_well
    } else {
        wrapped(tail, right, head)
    };
    wraps && !layout::unspaced_end(tail, head, right, wrap_spaces)
}

/// Append `next` (the continuation on the following page) to `prev`.
pub fn join(prev: &mut DraftTable, mut next: DraftTable, at_foot: bool) {
    // Repeated header rows.
    let mut k = 0;
    while k < 3
        && k < prev.n_rows
        && k + 1 < next.n_rows
        && row_texts(prev, k) == row_texts(&next, k)
    {
        k += 1;
    }
    if k > 0 {
        if prev.header_rows == 0 || prev.header_rows == k {
            prev.header_rows = k;
        }
        next.cells.retain(|c| c.row >= k);
        for c in &mut next.cells {
            c.row -= k;
        }
        next.n_rows -= k;
    }
    let offset = if next.n_rows > 0
        && (continues_row(prev, &next, 0) || (at_foot && split_fragment(prev, &next, 0)))
    {
        let last = prev.n_rows - 1;
        let mut rest = Vec::new();
        for c in next.cells {
            if c.row != 0 {
                rest.push(c);
                continue;
            }
            let above = prev.cells.iter_mut().find(|p| {
                p.col == c.col && p.cols == c.cols && p.row <= last && last < p.row + p.rows
            });
            match above {
                Some(p) => {
                    append_cell(p, c.clone());
                    if c.rows > 1 {
                        p.rows += c.rows - 1;
                    }
                }
                None => rest.push(c),
            }
        }
        // Row 0 of `next` is now the previous last row.
        for c in &mut rest {
            c.row += last;
        }
        prev.cells.extend(rest);
        next.n_rows - 1
    } else {
        // A first-row cell that is the rest of a merged cell from the page
        // before extends that cell down instead of starting one.
        let last = prev.n_rows - 1;
        let mut rest = Vec::new();
        for c in next.cells {
            let above = (c.row == 0 && c.continued)
                .then(|| {
                    prev.cells.iter_mut().find(|p| {
                        p.col == c.col && p.cols == c.cols && p.row <= last && last < p.row + p.rows
                    })
                })
                .flatten();
            match above {
                Some(p) => {
                    p.rows += c.rows;
                    append_cell(p, c);
                }
                None => rest.push(c),
            }
        }
        for c in &mut rest {
            c.row += prev.n_rows;
        }
        prev.cells.extend(rest);
        next.n_rows
    };
    prev.n_rows += offset;
    prev.bottom = next.bottom;
    prev.last_page = next.last_page;
    prev.open_bottom = next.open_bottom;
    prev.cells.sort_by_key(|c| (c.row, c.col));
}

/// Whether a cell's line cut at a page's foot ends an entry of its own
/// though it was full: its last two words are a date (a month's name, then
/// a day or a year: "September 11", "Dec 2011") and the next page's line
/// starts with a capitalised word that is neither a month nor a figure. A
/// lead-and-timescale cell lists its entries so ("Business manager … in
/// NCC) September 11" / "Procedures and Professional Practice Committee
/// December 2011"), each its own paragraph; the page cannot show where
/// such a paragraph ended when its last line is the page's last and full
/// (nothing is left of its spacing at a break), but a sentence does not run
/// on from a date into a capitalised word. A date run onto the next page
/// ("… Committee" / "December 2011") or a lower-case word after one still
/// goes on; so does a month alone ("For info at March" / "LSCB.").
fn ends_dated_entry(tail: &Line, head: &Line) -> bool {
    let [.., month, day] = tail.words.as_slice() else {
        return false;
    };
    let Some(first) = head.words.first() else {
        return false;
    };
    let figure = |w: &str| matches!(w.len(), 1 | 2 | 4) && w.bytes().all(|b| b.is_ascii_digit());
    is_month(&month.text)
        && figure(&day.text)
        && first.text.chars().next().is_some_and(char::is_uppercase)
        && !is_month(&first.text)
}

/// A month's name, in full or cut short ("Sept", "Dec."), any case.
fn is_month(word: &str) -> bool {
    let w = word.trim_end_matches(['.', ',']).to_lowercase();
    w.len() >= 3
        && crate::pattern::MONTH_NAMES
            .iter()
            .any(|m| m.starts_with(&w))
}

fn append_cell(p: &mut DraftCell, c: DraftCell) {
    if c.paragraphs.is_empty() {
        return;
    }
    let mut paras = c.paragraphs.into_iter();
    let mut bullets = c.bullets.into_iter();
    let mut labels = c.labels.into_iter();
    if let (Some((tail, right)), Some(head)) = (&p.tail, &c.head) {
        if runs_over(tail, *right, head, p.wrap_spaces)
            && !head.is_bullet()
            && !ends_dated_entry(tail, head)
        {
            if let (Some(last), Some(first)) = (p.paragraphs.last_mut(), paras.next()) {
                bullets.next();
                labels.next();
                // A space drawn after the hyphen was typed there.
                let hyphen = !(p.wrap_spaces && tail.space_end)
                    && last.last().is_some_and(|r| {
                        r.0.ends_with('-')
                            && r.0.chars().rev().nth(1).is_some_and(char::is_alphabetic)
                    });
                let mut first = first.into_iter();
                if let Some(run) = first.next() {
                    let sep = if hyphen { "" } else { " " };
                    match last.last_mut() {
                        Some(r) if r.1 == run.1 && r.2 == run.2 && r.3 == run.3 => {
                            r.0.push_str(sep);
                            r.0.push_str(&run.0);
                        }
                        Some(r) => {
                            r.0.push_str(sep);
                            last.push(run);
                        }
                        None => last.push(run),
                    }
                }
                last.extend(first);
            }
        }
    }
    p.paragraphs.extend(paras);
    p.bullets.extend(bullets);
    p.labels.extend(labels);
    if c.tail.is_some() {
        p.tail = c.tail;
    }
    if p.head.is_none() {
        p.head = c.head;
    }
    if p.fill.is_none() {
        p.fill = c.fill;
    }
}

/// Split a table where a row repeats its leading header rows: Word draws
/// two tables with nothing between them as one grid, and LibreOffice
/// exports them so; the repeated header is where the second one starts.
pub fn split_at_repeated_headers(t: DraftTable) -> Vec<DraftTable> {
    let k = t.header_rows.max(1);
    if t.n_rows <= k {
        return vec![t];
    }
    let header: Vec<Vec<String>> = (0..k).map(|r| row_texts(&t, r)).collect();
    if header.iter().flatten().all(|c| c.ends_with(':')) {
        // An empty header row repeats trivially.
        return vec![t];
    }
    let crosses = |r: usize| t.cells.iter().any(|c| c.row < r && r < c.row + c.rows);
    let start = (k..=t.n_rows - k)
        .find(|&r| !crosses(r) && (0..k).all(|i| row_texts(&t, r + i) == header[i]));
    let Some(start) = start else {
        return vec![t];
    };
    let mut first = t.clone();
    first.cells.retain(|c| c.row < start);
    first.n_rows = start;
    first.header_rows = k;
    let mut second = t;
    second.cells.retain(|c| c.row >= start);
    for c in &mut second.cells {
        c.row -= start;
    }
    second.n_rows -= start;
    second.header_rows = k;
    // The second table starts on the page where its header row is.
    second.page = second.cells.first().map_or(second.page, |c| c.page);
    let mut out = vec![first];
    out.extend(split_at_repeated_headers(second));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A grid of one-slot cells on `xs` and `ys`.
    fn plain_grid(xs: Vec<f64>, ys: Vec<f64>) -> Grid {
        let (rows, cols) = (ys.len() - 1, xs.len() - 1);
        let cells = (0..rows)
            .flat_map(|row| {
                (0..cols).map(move |col| crate::read::pdf::lattice::GridCell {
                    row,
                    col,
                    rows: 1,
                    cols: 1,
                })
            })
            .collect();
        Grid { xs, ys, cells }
    }

    fn rect(x0: f64, top: f64, x1: f64, bottom: f64, color: Rgb) -> FillRect {
        FillRect {
            x0,
            top,
            x1,
            bottom,
            color,
        }
    }

    #[test]
    fn cells_shaded_side_by_side_are_one_band_in_their_commonest_colour() {
        let grey = [0xE7, 0xE6, 0xE6];
        let green = [0x00, 0xB0, 0x50];
        let fills = [
            rect(40.0, 100.0, 200.0, 150.0, grey),
            rect(200.0, 100.2, 300.0, 150.0, grey),
            rect(300.0, 100.0, 350.0, 150.0, green),
            // Another row, and a rule drawn as a thin fill.
            rect(40.0, 160.0, 350.0, 190.0, grey),
            rect(40.0, 195.0, 350.0, 195.5, [0, 0, 0]),
        ];
        let got = bands(&fills);
        assert_eq!(got.len(), 2);
        assert_eq!((got[0].x0, got[0].x1, got[0].color), (40.0, 350.0, grey));
        assert_eq!((got[1].top, got[1].bottom), (160.0, 190.0));
    }

    #[test]
    fn an_unruled_cells_lines_are_measured_against_its_columns_widest_line() {
        let grid = plain_grid(vec![0.0, 100.0, 200.0], vec![-1.0, 13.0, 45.0]);
        let mut chars = super::layout::test_chars("abcdefghijklmnop", 5.0, 10.0, 5.0);
        chars.extend(super::layout::test_chars("abcd efgh", 5.0, 28.0, 5.0));
        // (A capital: a line going on mid-sentence in lower case would make
        // the page's one short stop a balancing writer's, `layout::balanced`.)
        chars.extend(super::layout::test_chars("Ijklmnop", 5.0, 39.0, 5.0));
        chars.extend(super::layout::test_chars("x", 105.0, 10.0, 5.0));
        chars.extend(super::layout::test_chars("y", 105.0, 28.0, 5.0));
        let content = PageContent {
            chars,
            ..PageContent::default()
        };
        let paragraphs = |unruled: bool| {
            let mut used = vec![false; content.chars.len()];
            let t = build(1, &grid, &content, &mut used, unruled);
            t.cells
                .iter()
                .find(|c| c.row == 1 && c.col == 0)
                .map(|c| c.paragraphs.len())
        };
        // "Ijklmnop" would fit after "abcd efgh" before the boundary at
        // 100, not within the column's widest line (ending at 85).
        assert_eq!(paragraphs(true), Some(1), "a wrapped line");
        assert_eq!(
            paragraphs(false),
            Some(2),
            "ruled: the border is the cell's edge"
        );
    }

    #[test]
    fn a_one_word_line_overrunning_its_column_shows_no_room() {
        let grid = plain_grid(vec![0.0, 98.5, 173.0, 250.0], vec![-1.0, 13.0, 45.0]);
        // A header word too long for its column ends a point before the
        // next column's text; the next column's widest line (two words
        // and more) ends 6 points before the third's: the writer's space.
        let paragraphs = |next: &str| {
            let mut chars = super::layout::test_chars("pppppppppppppppppp", 9.0, 10.0, 5.0);
            chars.extend(super::layout::test_chars("abcd efgh", 5.0, 28.0, 5.0));
            chars.extend(super::layout::test_chars(next, 5.0, 39.0, 5.0));
            chars.extend(super::layout::test_chars("x", 100.0, 10.0, 5.0));
            chars.extend(super::layout::test_chars(
                "aaaa bbbb cccc",
                100.0,
                28.0,
                5.0,
            ));
            chars.extend(super::layout::test_chars("z", 176.0, 10.0, 5.0));
            chars.extend(super::layout::test_chars("w", 176.0, 28.0, 5.0));
            let content = PageContent {
                chars,
                ..PageContent::default()
            };
            let mut used = vec![false; content.chars.len()];
            let t = build(1, &grid, &content, &mut used, true);
            t.cells
                .iter()
                .find(|c| c.row == 1 && c.col == 0)
                .map(|c| c.paragraphs.len())
        };
        // "Ijklmnopq" (to 97.8 after a 2.8-point space) would fit before
        // the header word's end (99), not within 100 less 6: a wrapped
        // line. (Capitals: a line going on mid-sentence in lower case would
        // make the page's one short stop a balancing writer's.)
        assert_eq!(paragraphs("Ijklmnopq"), Some(1));
        // "Ijklmn" (to 82.8) fits: the line above ended its paragraph.
        assert_eq!(paragraphs("Ijklmn"), Some(2));
    }

    #[test]
    fn a_row_cut_at_a_pages_foot_joins_where_only_its_full_cells_go_on() {
        // Page 1: header, then a row whose action cell fills it (four
        // lines, the last short: a paragraph's end, nothing wrapped) beside
        // a one-line item and lead. Page 2: the header again, then text
        // starting with a capital.
        let table = |page: u32, body: &[(&str, f64, f64)]| {
            let grid = plain_grid(vec![0.0, 95.0, 195.0, 300.0], vec![-1.0, 13.0, 80.0]);
            let mut chars = Vec::new();
            for (text, x) in [("No.", 5.0), ("Action", 100.0), ("Lead", 200.0)] {
                chars.extend(super::layout::test_chars(text, x, 10.0, 5.0));
            }
            for (text, x, y) in body {
                chars.extend(super::layout::test_chars(text, *x, *y, 5.0));
            }
            let content = PageContent {
                chars,
                ..PageContent::default()
            };
            let mut used = vec![false; content.chars.len()];
            build(page, &grid, &content, &mut used, true)
        };
        let first = table(
            1,
            &[
                ("B) Item", 5.0, 28.0),
                ("Ask the group", 100.0, 28.0),
                ("to check the", 100.0, 40.0),
                ("work is done", 100.0, 52.0),
                ("done", 100.0, 64.0),
                ("Chair", 200.0, 28.0),
            ],
        );
        let rows = |next: &[(&str, f64, f64)], at_foot: bool| {
            let mut prev = first.clone();
            join(&mut prev, table(2, next), at_foot);
            prev.n_rows
        };
        let action = [("Report data", 100.0, 28.0)];
        assert_eq!(rows(&action, true), 2, "the action cell's next paragraph");
        // Not where the table ended above the page's foot, nor where the
        // row names its item, nor where text sits under a cell that did not
        // fill the row (the lead: a row of its own).
        assert_eq!(rows(&action, false), 3);
        assert_eq!(rows(&[("C) Next", 5.0, 28.0), action[0]], true), 3);
        assert_eq!(rows(&[action[0], ("Lead", 200.0, 28.0)], true), 3);
    }

    #[test]
    fn a_paragraph_that_could_have_started_above_the_break_is_another_rows() {
        let table = |page: u32, body: &[(&str, f64, f64)]| {
            let grid = plain_grid(vec![0.0, 95.0, 195.0, 300.0], vec![-1.0, 13.0, 80.0]);
            let mut chars = Vec::new();
            for (text, x) in [("No.", 5.0), ("Action", 100.0), ("Lead", 200.0)] {
                chars.extend(super::layout::test_chars(text, x, 10.0, 5.0));
            }
            for (text, x, y) in body {
                chars.extend(super::layout::test_chars(text, *x, *y, 5.0));
            }
            let content = PageContent {
                chars,
                ..PageContent::default()
            };
            let mut used = vec![false; content.chars.len()];
            build(page, &grid, &content, &mut used, true)
        };
        // Page 1: the action cell ends `lines` lines down, the lead fills
        // the row to its foot (four lines; the row's bottom at 80).
        let first = |lines: usize| {
            let mut body = vec![("B) Item", 5.0, 28.0)];
            let action = ["Ask the group to", "check the work is", "done.", "By all."];
            for (k, text) in action.iter().take(lines).enumerate() {
                body.push((text, 100.0, 28.0 + 12.0 * k as f64));
            }
            for (k, text) in [
                "Chair of the",
                "board and the",
                "team leads in",
                "each area",
            ]
            .iter()
            .enumerate()
            {
                body.push((text, 200.0, 28.0 + 12.0 * k as f64));
            }
            table(1, &body)
        };
        // Page 2: the header again, then an action paragraph of `lines`
        // wrapped lines.
        let next = |lines: usize| {
            let text = [
                "Aaaa bbbb cccc ddd",
                "eeee ffff gggg hhh",
                "iiii jjjj kkkk lll",
                "mmmm nnnn",
            ];
            let body: Vec<(&str, f64, f64)> = text
                .iter()
                .take(lines)
                .enumerate()
                .map(|(k, t)| (*t, 100.0, 28.0 + 12.0 * k as f64))
                .collect();
            table(2, &body)
        };
        let rows = |above: usize, below: usize| {
            let mut prev = first(above);
            join(&mut prev, next(below), true);
            prev.n_rows
        };
        // Room for two lines (28 points) under the action cell's three, and
        // four lines that could have been split two and two: another row.
        assert_eq!(rows(3, 4), 3);
        // Three lines (no split leaves two either side), or room for one
        // line: the cut row's next paragraph, as before.
        assert_eq!(rows(3, 3), 2);
        assert_eq!(rows(4, 4), 2);
    }

    #[test]
    fn an_unruled_cells_line_cut_at_the_page_break_goes_on_where_it_starts_at_the_same_edge() {
        // An unruled table: its column boundary (60) lies in the white
        // space, 40 points left of the action column's text (100), so the
        // boundary says nothing of alignment; the text's edge does.
        let table = |page: u32, unruled: bool, body: &[(&str, f64, f64)]| {
            let grid = plain_grid(vec![0.0, 60.0, 195.0, 300.0], vec![-1.0, 13.0, 80.0]);
            let mut chars = Vec::new();
            for (text, x) in [("No.", 5.0), ("Action", 100.0), ("Lead", 200.0)] {
                chars.extend(super::layout::test_chars(text, x, 10.0, 5.0));
            }
            for (text, x, y) in body {
                chars.extend(super::layout::test_chars(text, *x, *y, 5.0));
            }
            let content = PageContent {
                chars,
                ..PageContent::default()
            };
            let mut used = vec![false; content.chars.len()];
            build(page, &grid, &content, &mut used, unruled)
        };
        let rows = |last: &str, unruled: bool, next: (&str, f64)| {
            let first = [
                ("Ask the group", 100.0, 28.0),
                ("to check that", 100.0, 40.0),
                ("the work is", 100.0, 52.0),
                (last, 100.0, 64.0),
            ];
            let mut prev = table(1, unruled, &first);
            join(
                &mut prev,
                table(2, unruled, &[(next.0, next.1, 28.0)]),
                false,
            );
            prev.n_rows
        };
        // "Reported" would not have fitted after "done by the": the line
        // was wrapped, mid-sentence, and the next page's line starts where
        // it did: the same cell goes on.
        assert_eq!(rows("done by the", true, ("Reported data", 100.0)), 2);
        // Not after a sentence's end, nor where the next line starts
        // elsewhere, nor in a ruled table (its border is the edge).
        assert_eq!(rows("done by us.", true, ("Reported data", 100.0)), 3);
        assert_eq!(rows("done by the", true, ("Reported data", 110.0)), 3);
        assert_eq!(rows("done by the", false, ("Reported data", 100.0)), 3);
    }

    #[test]
    fn a_writer_of_wrap_spaces_shows_where_a_paragraph_ends_at_the_foot() {
        // 5-point glyphs, a cell whose text ends at 90: the last line on
        // the page and the first on the next.
        let line = |text: &str, y: f64| {
            let chars = super::layout::test_chars(text, 0.0, y, 5.0);
            let refs: Vec<&Char> = chars.iter().collect();
            super::layout::lines(&refs).remove(0)
        };
        let head = line("Update March", 20.0);
        // "for Feb16" (45) ends with no space drawn and room for one: the
        // paragraph ended at the foot, where the writer draws wrap spaces.
        let tail = line("for Feb16", 10.0);
        assert!(!runs_over(&tail, 90.0, &head, true));
        // Geometry alone: "Update" (30) would not have fitted (to 77.8):
        // it runs over.
        assert!(runs_over(&tail, 77.0, &head, false));
        // The space drawn: wrapped there ("Update" fits by under half an
        // em of 10 points at 81, where geometry alone reads a stop).
        let spaced = line("for Feb16 ", 10.0);
        assert!(runs_over(&spaced, 81.0, &head, true));
        assert!(!runs_over(&spaced, 81.0, &head, false));
        // ... but not where it fits with room to spare.
        assert!(!runs_over(&spaced, 120.0, &head, true));
    }

    #[test]
    fn a_full_line_ending_in_a_date_at_the_foot_ends_its_entry() {
        // A lead-and-timescale cell cut at the page's foot: its last line
        // is full ("Procedures" would not have fitted after it) and ends
        // in a date; the next page's line starts with a capital.
        let table = |page: u32, body: &[(&str, f64)]| {
            let grid = plain_grid(vec![0.0, 95.0, 195.0, 300.0], vec![-1.0, 13.0, 80.0]);
            let mut chars = Vec::new();
            for (text, x) in [("No.", 5.0), ("Lead", 100.0), ("Due", 200.0)] {
                chars.extend(super::layout::test_chars(text, x, 10.0, 5.0));
            }
            for (text, y) in body {
                chars.extend(super::layout::test_chars(text, 100.0, *y, 5.0));
            }
            let content = PageContent {
                chars,
                ..PageContent::default()
            };
            let mut used = vec![false; content.chars.len()];
            build(page, &grid, &content, &mut used, false)
        };
        let paragraphs = |last: &str, next: &str| {
            let first = [
                ("Business manager", 28.0),
                ("with AD Communities", 40.0),
                ("and Board office", 52.0),
                (last, 64.0),
            ];
            let mut prev = table(1, &first);
            join(&mut prev, table(2, &[(next, 28.0)]), true);
            assert_eq!(prev.n_rows, 2, "{last} / {next}: the row goes on");
            prev.cells
                .iter()
                .find(|c| c.row == 1 && c.col == 1)
                .map(|c| c.paragraphs.len())
        };
        assert_eq!(paragraphs("NCC) September 11", "Procedures and"), Some(2));
        assert_eq!(paragraphs("NCC) Dec. 2011", "Procedures and"), Some(2));
        // Not a month alone, nor a date running onto the next page, nor a
        // lower-case word after the date, nor a month after it.
        assert_eq!(paragraphs("for info at March", "LSCB meeting"), Some(1));
        assert_eq!(
            paragraphs("NCC and Business", "Office September 11"),
            Some(1)
        );
        assert_eq!(paragraphs("NCC) September 11", "and ongoing"), Some(1));
        assert_eq!(paragraphs("NCC) September 11", "December 2011"), Some(1));
    }

    #[test]
    fn a_short_page_repeating_the_header_joins_though_its_boundaries_differ() {
        // Two pages of an unruled table, the header "No. Action Lead" at
        // the same places; the first page's body text puts the boundaries
        // at 95 and 195, the second's (one row) at 60 and 160.
        let table = |xs: Vec<f64>, header: &[&str; 3], page: u32| {
            let grid = plain_grid(xs, vec![-1.0, 13.0, 45.0]);
            let mut chars = Vec::new();
            for (c, x) in [(0, 5.0), (1, 100.0), (2, 200.0)] {
                chars.extend(super::layout::test_chars(header[c], x, 10.0, 5.0));
                chars.extend(super::layout::test_chars("ab", x + 2.0, 28.0, 5.0));
            }
            let content = PageContent {
                chars,
                ..PageContent::default()
            };
            let mut used = vec![false; content.chars.len()];
            build(page, &grid, &content, &mut used, true)
        };
        let head = ["No.", "Action", "Lead"];
        let first = table(vec![0.0, 95.0, 195.0, 300.0], &head, 1);
        let next = table(vec![0.0, 60.0, 160.0, 300.0], &head, 2);
        assert!(can_join(&first, &next));
        // Another header (or one starting elsewhere) is another table.
        let other = table(vec![0.0, 60.0, 160.0, 300.0], &["No.", "Risk", "Lead"], 2);
        assert!(!can_join(&first, &other));
    }

    #[test]
    fn a_continuation_short_of_an_empty_column_takes_the_tables_columns() {
        // Page 1: a header of four columns, "Progress" with nothing under
        // it; page 2 (no header repeated) shows three columns only.
        let table = |xs: Vec<f64>, rows: &[&[&str]], page: u32| {
            let mut ys = vec![-1.0];
            for r in 0..rows.len() {
                ys.push(13.0 + 20.0 * r as f64);
            }
            let grid = plain_grid(xs.clone(), ys);
            let mut chars = Vec::new();
            for (r, row) in rows.iter().enumerate() {
                for (c, text) in row.iter().enumerate() {
                    if !text.is_empty() {
                        chars.extend(super::layout::test_chars(
                            text,
                            xs[c] + 2.0,
                            10.0 + 20.0 * r as f64,
                            5.0,
                        ));
                    }
                }
            }
            let content = PageContent {
                chars,
                ..PageContent::default()
            };
            let mut used = vec![false; content.chars.len()];
            build(page, &grid, &content, &mut used, true)
        };
        let first = table(
            vec![0.0, 95.0, 195.0, 295.0, 400.0],
            &[
                &["No.", "Action", "Lead", "Progress"],
                &["1.1", "Act", "Ann", ""],
            ],
            1,
        );
        let mut next = table(vec![0.0, 97.0, 193.0, 290.0], &[&["1.2", "Do", "Bob"]], 2);
        assert!(!can_join(&first, &next));
        assert!(widen_to(&first, &mut next));
        assert_eq!(next.xs, first.xs);
        assert!(can_join(&first, &next));
        let mut cols: Vec<(usize, usize)> = next.cells.iter().map(|c| (c.col, c.cols)).collect();
        cols.sort();
        assert_eq!(cols, vec![(0, 1), (1, 1), (2, 1)]);
        // Not where the column it lacks has body text on the first page.
        let full = table(
            vec![0.0, 95.0, 195.0, 295.0, 400.0],
            &[
                &["No.", "Action", "Lead", "Progress"],
                &["1.1", "Act", "Ann", "Done"],
            ],
            1,
        );
        let mut other = table(vec![0.0, 97.0, 193.0, 290.0], &[&["1.2", "Do", "Bob"]], 2);
        assert!(!widen_to(&full, &mut other));
        assert_eq!(other.xs, vec![0.0, 97.0, 193.0, 290.0]);
        // Nor where a boundary of the page falls in no gap of the table's.
        let mut shifted = table(vec![0.0, 140.0, 193.0, 290.0], &[&["1.2", "Do", "Bob"]], 2);
        assert!(!widen_to(&first, &mut shifted));
    }

    #[test]
    fn an_empty_cell_left_out_of_its_rows_band_continues_the_cell_above() {
        let grid = plain_grid(
            vec![0.0, 100.0, 200.0, 300.0],
            vec![0.0, 10.0, 20.0, 30.0, 40.0],
        );
        let grey = [0xE7, 0xE6, 0xE6];
        // Row 2 shaded in columns 1 and 2, cell by cell; column 0 empty.
        let fills = [
            rect(100.0, 20.0, 200.0, 30.0, grey),
            rect(200.0, 20.0, 300.0, 30.0, grey),
        ];
        let stripes = bands(&fills);
        let mut chars = super::layout::test_chars("Aim", 10.0, 18.0, 5.0);
        chars.extend(super::layout::test_chars("Act", 110.0, 28.0, 5.0));
        let g = shaded_spans(&grid, &chars, &fills, &stripes);
        let aim = g.cells.iter().find(|c| c.row == 1 && c.col == 0);
        assert_eq!(aim.map(|c| c.rows), Some(2));
        assert_eq!(g.cells.len(), 11);
        // Text in the cell: its own, not a continuation.
        chars.extend(super::layout::test_chars("New", 10.0, 28.0, 5.0));
        assert_eq!(
            shaded_spans(&grid, &chars, &fills, &stripes).cells.len(),
            12
        );
    }

    #[test]
    fn column_rules_running_on_below_the_last_rule_leave_the_table_open() {
        let rule = |horizontal: bool, pos: f64, start: f64, end: f64| Rule {
            horizontal,
            pos,
            start,
            end,
        };
        // Column rules of the last row from 500 to the page's edge, 553.
        let mut rules: Vec<Rule> = [40.0, 200.0, 400.0]
            .iter()
            .map(|&x| rule(false, x, 500.0, 553.0))
            .collect();
        rules.push(rule(true, 500.0, 40.0, 400.0));
        assert!(open_bottom(&rules, 40.0, 400.0, 553.0), "a split row");
        // A rule along the bottom closes it (cut a piece a cell).
        rules.push(rule(true, 553.0, 40.0, 200.0));
        rules.push(rule(true, 553.2, 200.0, 400.0));
        assert!(!open_bottom(&rules, 40.0, 400.0, 553.0), "closed by a rule");
        // No column rule ends there: nothing to say the row goes on.
        let top_only = [rule(true, 500.0, 40.0, 400.0)];
        assert!(!open_bottom(&top_only, 40.0, 400.0, 553.0));
    }

    #[test]
    fn a_label_row_shaded_a_rectangle_a_cell_is_cells_apart() {
        // Rows 0-2; row 2 read as one cell across three columns.
        let grid = Grid {
            xs: vec![40.0, 200.0, 300.0, 400.0],
            ys: vec![90.0, 110.0, 130.0, 150.0],
            cells: vec![
                GridCell {
                    row: 0,
                    col: 0,
                    rows: 1,
                    cols: 1,
                },
                GridCell {
                    row: 0,
                    col: 1,
                    rows: 1,
                    cols: 1,
                },
                GridCell {
                    row: 0,
                    col: 2,
                    rows: 1,
                    cols: 1,
                },
                GridCell {
                    row: 1,
                    col: 0,
                    rows: 1,
                    cols: 1,
                },
                GridCell {
                    row: 1,
                    col: 1,
                    rows: 1,
                    cols: 1,
                },
                GridCell {
                    row: 1,
                    col: 2,
                    rows: 1,
                    cols: 1,
                },
                GridCell {
                    row: 2,
                    col: 0,
                    rows: 1,
                    cols: 3,
                },
            ],
        };
        let grey = [0xE7, 0xE6, 0xE6];
        let apart = cells_shaded_apart(
            &grid,
            &[
                rect(40.0, 128.0, 197.0, 152.0, grey),
                rect(197.0, 128.0, 302.0, 152.0, grey),
                rect(302.0, 128.0, 400.0, 152.0, grey),
            ],
        );
        let row2: Vec<(usize, usize)> = apart
            .cells
            .iter()
            .filter(|c| c.row == 2)
            .map(|c| (c.col, c.cols))
            .collect();
        assert_eq!(row2, [(0, 1), (1, 1), (2, 1)], "a rectangle a cell");
        // One rectangle across (a merged cell), or none: still one cell.
        for fills in [vec![rect(40.0, 128.0, 400.0, 152.0, grey)], vec![]] {
            let same = cells_shaded_apart(&grid, &fills);
            assert_eq!(same.cells, grid.cells);
        }
    }
}
