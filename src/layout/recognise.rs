//! The recognition stage: for every table of a document, what kind of table
//! it is, which row(s) are its header, which field each column means (with
//! a score and the evidence for it), and which earlier table it continues.
//!
//! Runs once per document, before normalisation, which only reads its
//! result. In order, per top-level table:
//! 1. A two-column table of "Label:" cells is a key/value table.
//! 2. The header row is the best-mapping row among the first five (and the
//!    row below joins it when the header has cells spanning sub-headers). A
//!    later row that maps to *other* fields starts a new part of the table
//!    with its own layout (two tables stacked on a sheet).
//! 3. Each column gets its header's readings (phrases, then word roles:
//!    [`super::words`]), adjusted by what its body cells look like
//!    ([`super::content`]); a column whose header says nothing may be read
//!    from its content alone (references are the id, ratings the RAG).
//!    Then the whole row is assigned at once: the best (column, field)
//!    pairs first, each field to one column, each column to one reading;
//!    a column that loses its first reading takes its next.
//! 4. A table with no header continues the last action table when it has
//!    the same number of columns (a plan printed across pages or sheets
//!    without its header repeated).
//! 5. Only a table whose columns look like a plan is an action table: an
//!    action column and one more mapped column, or an objective or
//!    milestone column with a lead, due, measures, progress, RAG or
//!    completion column. Every other table is kept whole as text
//!    (`other_tables` in the plan).

use std::borrow::Cow;

use serde::Serialize;

use super::content::{trim, CellRead, Profile};
use super::{Candidate, Memo, Vocabulary};
use crate::model::{Block, Document, Table};
use crate::plan::Field;

/// What a table is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum TableKind {
    /// Rows are actions.
    Action,
    /// Label/value rows ("Title of paper:", "Priority Lead:").
    KeyValue,
    /// A document's own record: a version history, a meeting or training
    /// calendar (the vocabulary's `record:` header cells).
    Record,
    /// Anything else: a checklist, statistics, a glossary.
    Other,
}

impl TableKind {
    /// The name used in output.
    pub fn name(self) -> &'static str {
        match self {
            TableKind::Action => "action",
            TableKind::KeyValue => "key-value",
            TableKind::Record => "record",
            TableKind::Other => "other",
        }
    }
}

/// One column's meaning.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ColumnLayout {
    /// The header text as printed (a two-row header joins both rows).
    pub header: String,
    /// The field(s) the column holds: empty when unmapped, two for a
    /// combined header ("Lead & Timescale").
    pub fields: Vec<Field>,
    /// How sure: 0 when unmapped, 1 for a vocabulary phrase; content that
    /// agrees adds a little (1.05).
    pub score: f64,
    /// Why: the header reading and what the content showed.
    pub evidence: Vec<Evidence>,
}

/// One reason for a column's reading, written out (and serialized) as its
/// text. What the content showed is kept as the column's counts and worded
/// only when shown: only `actionplan layout` shows evidence, and wording
/// every column's counts was most of what recognition spent on evidence
/// in a `convert`.
#[derive(Debug, Clone, PartialEq)]
pub enum Evidence {
    /// Already in words.
    Text(String),
    /// "content: 3/4 dates".
    Content(Profile),
    /// "content (3/4 dates) agrees" (or "disagrees").
    ContentFactor(Profile, bool),
}

impl From<String> for Evidence {
    fn from(s: String) -> Self {
        Evidence::Text(s)
    }
}

impl From<&str> for Evidence {
    fn from(s: &str) -> Self {
        Evidence::Text(s.to_string())
    }
}

impl std::fmt::Display for Evidence {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Evidence::Text(s) => f.write_str(s),
            Evidence::Content(p) => write!(f, "content: {}", p.describe()),
            Evidence::ContentFactor(p, agrees) => write!(
                f,
                "content ({}) {}",
                p.describe(),
                if *agrees { "agrees" } else { "disagrees" }
            ),
        }
    }
}

impl Serialize for Evidence {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// One table (or part of a table) as recognised.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TableLayout {
    /// The table's index in the document ([`Table::index`]).
    pub table: usize,
    /// The first grid row this layout covers (0 unless the table was cut
    /// at a second header).
    pub start: usize,
    /// One past the last grid row it covers.
    pub end: usize,
    /// What the table is.
    pub kind: TableKind,
    /// The grid rows of its header (none for a continuation or an
    /// unmapped table).
    pub header_rows: Vec<usize>,
    /// Per grid column.
    pub columns: Vec<ColumnLayout>,
    /// For a table without a header that continues an earlier action
    /// table: the index of that table's layout in the list.
    pub continues: Option<usize>,
    /// Body rows that repeat the header (on a later page, or before a
    /// section): not data.
    pub repeats: Vec<usize>,
    /// Why it is of its kind, in words.
    pub reason: String,
    /// The table's column boundaries (PDF), for matching a continuation.
    #[serde(skip)]
    pub column_x: Vec<f64>,
}

impl TableLayout {
    /// The column that holds a field.
    pub fn column_of(&self, field: Field) -> Option<usize> {
        self.columns.iter().position(|c| c.fields.contains(&field))
    }

    /// How many columns are mapped.
    pub fn mapped(&self) -> usize {
        self.columns.iter().filter(|c| !c.fields.is_empty()).count()
    }

    /// The mapped fields, sorted, once each.
    pub fn fields(&self) -> Vec<Field> {
        let mut f: Vec<Field> = self
            .columns
            .iter()
            .flat_map(|c| c.fields.iter().copied())
            .collect();
        f.sort();
        f.dedup();
        f
    }

    /// The first body row.
    pub fn body_start(&self) -> usize {
        self.header_rows.last().map_or(self.start, |h| h + 1)
    }
}

/// Words that make a completion column the date an action was done, not
/// the date it is due ("Date completed", "Actual completion date").
const DONE_WORDS: &[&str] = &[
    "completed",
    "actual",
    "achieved",
    "closed",
    "closure",
    "signed off",
    "finished",
    "done",
];

/// What each column of a header could also have been (for the rules after
/// assignment): (column, field, score), in one list rather than a list per
/// column (most columns have one reading or none).
struct Could(Vec<(usize, Field, f64)>);

impl Could {
    /// Column `c` could be each of `fields`, at `score`.
    fn add(&mut self, c: usize, fields: &[Field], score: f64) {
        self.0.extend(fields.iter().map(|&f| (c, f, score)));
    }

    /// Whether column `c` could be a field, at a score, that `test` takes.
    fn any(&self, c: usize, test: impl Fn(Field, f64) -> bool) -> bool {
        self.0.iter().any(|&(k, f, s)| k == c && test(f, s))
    }
}

/// Rows of the body looked at for content evidence.
const SAMPLE_ROWS: usize = 60;

/// The longest body cell, in bytes, whose content reading is kept for the
/// document ([`super::Memo`]): a lead, a date, a rating. Longer ones are
/// mostly sentences, seldom repeated, whose key would be copied for
/// nothing (64 and 150 bytes both cost more on the test batch).
const SHORT_CELL: usize = 32;

/// Recognise every top-level table of a document, in document order.
pub fn recognise(doc: &Document, vocab: &Vocabulary) -> Vec<TableLayout> {
    let mut out: Vec<TableLayout> = Vec::new();
    let mut memo = Memo::default();
    for block in &doc.blocks {
        if let Block::Table(t) = block {
            recognise_with(t, vocab, &mut out, &mut memo);
        }
    }
    out
}

/// Recognise one table, appending its layout(s).
pub fn recognise_table(t: &Table, vocab: &Vocabulary, out: &mut Vec<TableLayout>) {
    recognise_with(t, vocab, out, &mut Memo::default());
}

/// [`recognise_table`], each header text read once per `memo`.
fn recognise_with(t: &Table, vocab: &Vocabulary, out: &mut Vec<TableLayout>, memo: &mut Memo) {
    // Each text borrowed from its cell where it can be.
    let grid = t.text_grid_cow();
    if is_key_value(&grid) {
        out.push(unmapped(
            t,
            &grid,
            0,
            t.n_rows,
            TableKind::KeyValue,
            "label: value rows",
        ));
        return;
    }
    if let Some(why) = record_header(&grid, vocab) {
        out.push(unmapped(t, &grid, 0, t.n_rows, TableKind::Record, &why));
        return;
    }
    // Which rows have a header's shape, worked out once: the first five
    // here, where the header is looked for; the rest only when a part of
    // the table or a continuation asks which rows repeat its header.
    let mut shaped: Vec<bool> = grid
        .iter()
        .take(5)
        .map(|row| shaped_like_header(row))
        .collect();
    let shape_all = |shaped: &mut Vec<bool>| {
        let done = shaped.len();
        shaped.extend(grid[done..].iter().map(|row| shaped_like_header(row)));
    };
    let Some((h, _)) = find_header_in(&grid, &shaped, vocab, memo) else {
        // No header: a continuation of the last action table, or not an
        // action table at all.
        if let Some((prev, map)) = continued(out, t, &grid) {
            shape_all(&mut shaped);
            let mut l = out[prev].clone();
            l.table = t.index;
            l.start = 0;
            l.end = t.n_rows;
            l.header_rows = Vec::new();
            l.continues = Some(prev);
            l.columns = map.iter().map(|&c| out[prev].columns[c].clone()).collect();
            l.column_x = t.column_x.clone();
            let header_fold =
                HeaderFold::new(l.columns.iter().map(|c| c.header.as_str()).collect());
            l.repeats = (0..t.n_rows)
                .filter(|&r| shaped[r] && folds_to(&grid[r], &header_fold))
                .collect();
            l.reason = if t.n_cols == out[prev].columns.len() {
                format!(
                    "no header row; its {} columns continue table {}",
                    t.n_cols,
                    out[prev].table + 1
                )
            } else {
                format!(
                    "no header row; its {} columns sit under {} of the {} columns of table {}",
                    t.n_cols,
                    t.n_cols,
                    out[prev].columns.len(),
                    out[prev].table + 1
                )
            };
            out.push(l);
        } else {
            out.push(unmapped(
                t,
                &grid,
                0,
                t.n_rows,
                kind_without_header(&grid),
                "no header row matches the vocabulary",
            ));
        }
        return;
    };
    // Cut where a later row is a header of other fields.
    let mut cuts: Vec<usize> = vec![h];
    // Compared by phrases alone, so a body row whose cells read like
    // headers ("QA Sub-Group | Qtr 3") does not start a table.
    let mut current = vocab.map_row_memo(&grid[h], false, memo).columns;
    // A second header row under a spanning cell is part of the header, not
    // a new table.
    let after = sub_header(t, &grid, h, t.n_rows, vocab, memo).map_or(h + 1, |s| s + 1);
    // Each later row that reads as a header (by phrases), once: it either
    // starts a new part (other fields) or repeats the header (the same).
    // (The parts ask again which of their rows repeat the header.)
    shape_all(&mut shaped);
    let header_like: Vec<HeaderLike> = grid
        .iter()
        .enumerate()
        .map(|(r, row)| {
            if r < after || !shaped[r] || !two_may_read(row, vocab, memo) {
                return None;
            }
            let m = vocab.map_row_memo(row, false, memo);
            m.is_header(row).then_some(m.columns)
        })
        .collect();
    for (r, m) in header_like.iter().enumerate() {
        if let Some(m) = m {
            if *m != current {
                cuts.push(r);
                current = m.clone();
            }
        }
    }
    for (k, &header) in cuts.iter().enumerate() {
        let start = if k == 0 { 0 } else { header };
        let end = cuts.get(k + 1).copied().unwrap_or(t.n_rows);
        out.push(layout_part(
            t,
            &grid,
            vocab,
            (start, header, end),
            (&shaped, &header_like),
            memo,
        ));
    }
}

/// Whether two cells of a row or more may read as fields by phrases alone,
/// which a header needs ([`super::RowMap::is_header`]: two mapped columns
/// at least, each a cell with a reading). The cells are read one at a time
/// (into `memo`, as mapping the row reads them) and no more once too few
/// are left for two: the last cell of a body row of a header's shape is
/// not read.
fn two_may_read(row: &[Cow<'_, str>], vocab: &Vocabulary, memo: &mut Memo) -> bool {
    let spelt = super::raci_words(row);
    // (A cell of white space alone has no reading.)
    let mut left = row.iter().filter(|s| !trim(s).is_empty()).count();
    let mut read = 0;
    for (i, s) in row.iter().enumerate() {
        if read >= 2 {
            return true;
        }
        if read + left < 2 {
            return false;
        }
        if trim(s).is_empty() {
            continue;
        }
        left -= 1;
        let text = spelt.as_ref().and_then(|w| w[i]).unwrap_or(s);
        if !vocab.readings_memo(text, false, memo).is_empty() {
            read += 1;
        }
    }
    read >= 2
}

/// A row after a table's first header, read by phrases alone: its fields
/// per column when it reads as a header, else `None`.
type HeaderLike = Option<Vec<Vec<Field>>>;

/// A header's cells, each folded when a row is first compared with it
/// ([`folds_to`]): most rows differ in their first cell, and the header's
/// other cells are then never folded.
struct HeaderFold<'a> {
    texts: Vec<&'a str>,
    folds: Vec<std::cell::OnceCell<String>>,
}

impl<'a> HeaderFold<'a> {
    fn new(texts: Vec<&'a str>) -> Self {
        let folds = texts.iter().map(|_| std::cell::OnceCell::new()).collect();
        HeaderFold { texts, folds }
    }

    /// Cell `c`, folded.
    fn get(&self, c: usize) -> &str {
        self.folds[c].get_or_init(|| super::fold(self.texts[c]))
    }
}

/// Whether a row's cells fold to a header's: its cells compared one at a
/// time, so that a row that differs in its first cell (most do) folds no
/// other, and a cell's fold is built only where it is not ASCII
/// ([`super::folds_as`]).
fn folds_to(row: &[Cow<'_, str>], header: &HeaderFold<'_>) -> bool {
    row.len() == header.texts.len()
        && row
            .iter()
            .enumerate()
            .all(|(c, s)| super::folds_as(s, header.get(c)))
}

/// Whether a row has the shape of a header: two or more cells with text,
/// none of them a paragraph. (Checked before the costlier phrase mapping:
/// most body rows of a plan hold a sentence somewhere.)
pub(super) fn shaped_like_header<S: AsRef<str>>(row: &[S]) -> bool {
    // The cells that count: not empty, and not a capital letter alone,
    // which heads a column as often as it refers to a row ("R | A | C |
    // I"): it says neither.
    let counted =
        |t: &str| !(t.is_empty() || (t.len() == 1 && t.as_bytes()[0].is_ascii_uppercase()));
    // The cheap tests first, over the whole row (every row of a table is
    // asked, and most body rows hold a sentence somewhere): a long cell is
    // a paragraph, body, not header. Cells that might hold a paragraph
    // of short words are counted last, when nothing cheaper has told.
    let (mut cells, mut any_bracketed, mut all_bracketed) = (0, false, true);
    let mut wordy = false;
    for s in row {
        let s = s.as_ref();
        let t = trim(s);
        if t.is_empty() {
            continue;
        }
        let bracketed = t.starts_with('(') && t.ends_with(')');
        any_bracketed |= bracketed;
        all_bracketed &= bracketed;
        if !counted(t) {
            continue;
        }
        if s.len() >= 150 {
            return false;
        }
        // (Sixteen words take 31 bytes at least.)
        wordy |= t.len() >= 31;
        cells += 1;
    }
    // A row of notes in brackets under the header ("(what we will do)",
    // "(month / year)") says how to fill the columns; it is not their
    // header.
    if cells < 2 || (any_bracketed && all_bracketed) {
        return false;
    }
    // A reference ("1.1", "C2"), a figure ("100%") or a date written in
    // numbers ("29/10/2021", "10/02/2022 16:42") is body, not header.
    if row.iter().any(|s| {
        let s = s.as_ref();
        let t = trim(s);
        counted(t) && (super::content::is_ref(s) || is_figure(t) || numeric_date(s))
    }) {
        return false;
    }
    // A cell of more than fifteen words is a paragraph. (Counted as
    // `split_whitespace` splits, a block at a time.)
    !wordy
        || !row.iter().any(|s| {
            let t = trim(s.as_ref());
            counted(t) && t.len() >= 31 && crate::normalise::text::word_count(t) > 15
        })
}

/// A date written in numbers: digits with "/", "-", "." or ":" between,
/// six digits at least and a day, a month and a year ("29/10/2021",
/// "2021-10-29 16:42"; not a year range, "2015/16").
fn numeric_date(s: &str) -> bool {
    let s = trim(s);
    // (Whether every byte may be in one first: a word fails at its first
    // letter, and the counts are not taken.)
    s.bytes()
        .all(|b| b.is_ascii_digit() || matches!(b, b'/' | b'-' | b'.' | b':' | b' '))
        && s.bytes().filter(u8::is_ascii_digit).count() >= 6
        && s.bytes()
            .filter(|b| matches!(b, b'/' | b'-' | b'.'))
            .count()
            >= 2
}

/// A layout with no mapped column.
fn unmapped(
    t: &Table,
    grid: &[Vec<Cow<'_, str>>],
    start: usize,
    end: usize,
    kind: TableKind,
    why: &str,
) -> TableLayout {
    TableLayout {
        table: t.index,
        start,
        end,
        kind,
        header_rows: Vec::new(),
        columns: (0..t.n_cols)
            .map(|c| ColumnLayout {
                header: grid
                    .get(start)
                    .and_then(|r| r.get(c))
                    .filter(|_| kind != TableKind::KeyValue)
                    .map(|s| one_line(s))
                    .unwrap_or_default(),
                fields: Vec::new(),
                score: 0.0,
                evidence: Vec::new(),
            })
            .collect(),
        continues: None,
        repeats: Vec::new(),
        reason: why.into(),
        column_x: t.column_x.clone(),
    }
}

/// Same rule as normalisation has always used for priority tables: two
/// columns, and at least 60% of the labels end in ':'.
fn is_key_value(grid: &[Vec<Cow<'_, str>>]) -> bool {
    if grid.first().is_none_or(|r| r.len() != 2) {
        return false;
    }
    let labels: Vec<&str> = grid
        .iter()
        .map(|r| trim(&r[0]))
        .filter(|t| !t.is_empty())
        .collect();
    !labels.is_empty() && labels.iter().filter(|l| l.ends_with(':')).count() * 5 >= labels.len() * 3
}

/// Why a table is a document's own record and no plan, when one of its
/// first two rows is a header of such records: two cells or more that the
/// vocabulary's `record:` lines name whole ("Version | Date | Author |
/// Changes", "Course | Date | Trainer | Places"), two fifths of its cells or
/// more. Such a table is never an action table, nor a plan continued.
fn record_header(grid: &[Vec<Cow<'_, str>>], vocab: &Vocabulary) -> Option<String> {
    grid.iter().take(2).find_map(|row| {
        // Counted first; the names listed only for a record's header.
        let cells = row.iter().filter(|s| !trim(s).is_empty()).count();
        let is_record = |s: &&Cow<'_, str>| !trim(s).is_empty() && vocab.is_record(s);
        let records = row.iter().filter(is_record).count();
        (records >= 2 && records * 5 >= cells * 2).then(|| {
            let names: Vec<&str> = row.iter().filter(is_record).map(|s| trim(s)).collect();
            format!(
                "a document's own record (version history, meetings or training), not a plan: \
                 its header names {}",
                names.join(", ")
            )
        })
    })
}

/// A header-less table is key/value when it has two columns of short labels
/// and longer values.
fn kind_without_header(grid: &[Vec<Cow<'_, str>>]) -> TableKind {
    if grid.first().is_some_and(|r| r.len() == 2) {
        let short_labels = grid
            .iter()
            .filter(|r| !trim(&r[0]).is_empty())
            .all(|r| r[0].split_whitespace().count() <= 6);
        if short_labels {
            return TableKind::KeyValue;
        }
    }
    TableKind::Other
}

/// The best header row among the first five.
/// `shaped` says which of them have a header's shape ([`shaped_like_header`]).
pub(super) fn find_header_in(
    grid: &[Vec<Cow<'_, str>>],
    shaped: &[bool],
    vocab: &Vocabulary,
    memo: &mut Memo,
) -> Option<(usize, Vec<Vec<Field>>)> {
    let mut best: Option<(usize, super::RowMap)> = None;
    for (r, row) in grid.iter().enumerate().take(5) {
        if !shaped[r] {
            continue;
        }
        let map = vocab.map_row_memo(row, true, memo);
        if map.is_header(row)
            && best
                .as_ref()
                .is_none_or(|(_, b)| map.score > b.score + 1e-9)
        {
            // A row that maps nearly every cell is the header: no later
            // row will beat it, so stop reading.
            let cells = row.iter().filter(|s| !trim(s).is_empty()).count();
            let clear = map.mapped() * 4 >= cells * 3 && map.exact >= 2;
            best = Some((r, map));
            if clear {
                break;
            }
        }
    }
    best.map(|(r, m)| (r, m.columns))
}

/// The last action layout (the one with the header, when the last is itself
/// a continuation), if `t` has its shape, with the column of that layout
/// each of `t`'s columns continues. The same number of columns
/// continues column for column; in a PDF, fewer columns continue when each
/// lies under a different column of the last table (a page break that cut
/// a merged cell off leaves its column out of the next page's table).
fn continued(
    out: &[TableLayout],
    t: &Table,
    grid: &[Vec<Cow<'_, str>>],
) -> Option<(usize, Vec<usize>)> {
    let (prev, map) = continued_shape(out, t)?;
    // A table of figures under an action table (a scorecard: "Indicator |
    // Baseline | Target | Q1") has its shape but not its cells: figures
    // where the owners and dates would be.
    let (mut figures, mut texts) = (0, 0);
    for (c, &k) in map.iter().enumerate() {
        let fields = &out[prev].columns[k].fields;
        if !fields.iter().any(|f| matches!(f, Field::Lead | Field::Due)) {
            continue;
        }
        for s in grid.iter().filter_map(|row| row.get(c)).map(|s| trim(s)) {
            if !s.is_empty() {
                texts += 1;
                figures += usize::from(is_figure(s));
            }
        }
    }
    if texts >= 3 && figures * 2 > texts {
        return None;
    }
    Some((prev, map))
}

/// A number or a percentage ("22%", "3.5", "1,204", "-2"), not a year.
fn is_figure(s: &str) -> bool {
    let body = s
        .trim_start_matches(['<', '>', '~', '+', '-', '£'])
        .trim_end_matches('%');
    // (Bytes, not characters: no byte of a character that is not ASCII is
    // a digit, a point or a comma. Whether all are comes first: a word
    // fails at its first letter.)
    if !body
        .bytes()
        .all(|b| b.is_ascii_digit() || b == b'.' || b == b',')
    {
        return false;
    }
    let digits = body.bytes().filter(u8::is_ascii_digit).count();
    digits > 0 && !(digits == 4 && body.len() == 4 && !s.ends_with('%'))
}

/// [`continued`] by the columns' number and places alone.
fn continued_shape(out: &[TableLayout], t: &Table) -> Option<(usize, Vec<usize>)> {
    let last = out.iter().rposition(|l| l.kind == TableKind::Action)?;
    // A continuation continues the table that has the header.
    let prev = out[last].continues.unwrap_or(last);
    let p = &out[prev];
    if t.n_cols < 3 || p.mapped() < 2 {
        return None;
    }
    if p.columns.len() == t.n_cols {
        return Some((prev, (0..t.n_cols).collect()));
    }
    let (xs, pxs) = (&t.column_x, &p.column_x);
    if t.n_cols > p.columns.len() || xs.len() != t.n_cols + 1 || pxs.len() != p.columns.len() + 1 {
        return None;
    }
    // Each column to the earlier column it overlaps most, by at least
    // half its width, in order, each once.
    let mut map: Vec<usize> = Vec::with_capacity(t.n_cols);
    for c in 0..t.n_cols {
        let (l, r) = (xs[c], xs[c + 1]);
        let best = (0..p.columns.len())
            .map(|k| (k, (r.min(pxs[k + 1]) - l.max(pxs[k])).max(0.0)))
            .max_by(|a, b| a.1.total_cmp(&b.1))?;
        if best.1 * 2.0 < r - l || map.last().is_some_and(|&m| m >= best.0) {
            return None;
        }
        map.push(best.0);
    }
    Some((prev, map))
}

/// Lay out rows `start..end` of a table whose header is at `header`;
/// `shaped` says which rows have a header's shape ([`shaped_like_header`]),
/// `header_like` how those after the first header read by phrases.
fn layout_part(
    t: &Table,
    grid: &[Vec<Cow<'_, str>>],
    vocab: &Vocabulary,
    (start, header, end): (usize, usize, usize),
    (shaped, header_like): (&[bool], &[HeaderLike]),
    memo: &mut Memo,
) -> TableLayout {
    let mut header_rows = vec![header];
    let mut headers: Vec<String> = grid[header].iter().map(|s| one_line(s)).collect();
    // A second header row under cells that span several columns
    // ("Progress" over "Q1 | Q2"): its texts complete those headers.
    if let Some(sub) = sub_header(t, grid, header, end, vocab, memo) {
        for (c, h) in headers.iter_mut().enumerate() {
            let s = one_line(&grid[sub][c]);
            if !s.is_empty() && s != *h {
                *h = if h.is_empty() { s } else { format!("{h} {s}") };
            }
        }
        header_rows.push(sub);
    }
    let body = header_rows[header_rows.len() - 1] + 1;
    // Content of each column.
    let fills = anchor_fills(t, body, end);
    let mut profiles = vec![Profile::default(); t.n_cols];
    // The header's cells folded when a row of its shape first asks
    // (tables with no such row never fold them).
    let header_fold = HeaderFold::new(grid[header].iter().map(|s| &**s).collect());
    // Whether each body row repeats the header, worked out once (the
    // content sample and the list of repeats both ask).
    let repeating: Vec<bool> = (body..end)
        .map(|r| {
            header_like.get(r).is_some_and(Option::is_some)
                || (shaped[r] && folds_to(&grid[r], &header_fold))
        })
        .collect();
    let repeats_header = |r: usize| repeating[r - body];
    // (One buffer the cells are lowered into, [`CellRead::of_in`].)
    let mut scratch = String::with_capacity(64);
    for r in (body..end).take(SAMPLE_ROWS) {
        if repeats_header(r) {
            continue;
        }
        for (c, p) in profiles.iter_mut().enumerate() {
            // (Profile::add, a short text read once per document.)
            let text = trim(&grid[r][c]);
            if text.is_empty() {
                p.add_empty(fills[(r - body) * t.n_cols + c]);
            } else if text.len() <= SHORT_CELL {
                p.add_read(
                    *memo
                        .cells
                        .entry_ref(text)
                        .or_insert_with(|| CellRead::of_in(text, &mut scratch)),
                );
            } else {
                p.add_read(CellRead::of_in(text, &mut scratch));
            }
        }
    }
    let columns = assign(headers, &profiles, vocab, memo);
    // Rows that repeat the header: the same texts, or a row of short
    // cells that maps as a header itself.
    let repeats = (body..end)
        .filter(|&r| {
            let row = &grid[r];
            if row.iter().all(|s| trim(s).is_empty()) {
                return false;
            }
            repeats_header(r)
        })
        .collect();
    let mut l = TableLayout {
        table: t.index,
        start,
        end,
        kind: TableKind::Other,
        header_rows,
        columns,
        continues: None,
        repeats,
        reason: String::new(),
        column_x: t.column_x.clone(),
    };
    let fields = l.fields();
    let has = |f: Field| fields.contains(&f);
    let support = [
        Field::Lead,
        Field::Due,
        Field::Measures,
        Field::Progress,
        Field::Rag,
        Field::Completed,
    ];
    let supported = support.iter().any(|f| has(*f));
    // An "Actions" column of counts ("Priority | Actions | Green | Red"
    // over "1. Neglect | 3 | 1 | 1"): a summary of the plan, not the plan.
    let counts = l.column_of(Field::Action).is_some_and(|c| {
        let cells: Vec<&str> = (body..end)
            .filter(|&r| !repeats_header(r))
            .map(|r| trim(&grid[r][c]))
            .filter(|s| !s.is_empty())
            .collect();
        cells.len() >= 2 && cells.iter().all(|s| is_figure(s))
    });
    if counts {
        l.reason = "not an action table: its action column holds only figures (a summary of \
                    the plan)"
            .into();
    } else if has(Field::Action) && fields.len() >= 2 {
        l.kind = TableKind::Action;
        l.reason = "an action column and others".into();
    } else if (has(Field::Objective) || has(Field::Milestone) || has(Field::Action)) && supported {
        l.kind = TableKind::Action;
        l.reason = "what is to be done, with who, when or how measured".into();
    } else {
        l.reason = format!(
            "not an action table: its header maps {}",
            if fields.is_empty() {
                "nothing".to_string()
            } else {
                fields
                    .iter()
                    .map(|f| f.name())
                    .collect::<Vec<_>>()
                    .join(", ")
            }
        );
    }
    if t.sideways {
        l.reason = format!(
            "written sideways (labels down its first column, read as its header row); {}",
            l.reason
        );
    }
    l
}

/// For each slot of rows `start..end` (row by row, [`Table::n_cols`] to a
/// row): whether the cell covering it ([`Table::grid`]: the last in
/// `cells` that does) is shaded and anchored in that row, as a coloured
/// cell counts for a content profile. One list, not a grid of rows.
fn anchor_fills(t: &Table, start: usize, end: usize) -> Vec<bool> {
    let cols = t.n_cols;
    let mut fills = vec![false; (end - start) * cols];
    // Until a slot is set, a cell with no fill sets none (each of its
    // slots is false already) and is passed over: most tables have no
    // shaded cell at all.
    let mut any_set = false;
    for cell in &t.cells {
        if cell.fill.is_none() && !any_set {
            continue;
        }
        any_set = true;
        let rows = cell.row.max(start)..cell.row.saturating_add(cell.row_span).min(end);
        for r in rows {
            let row = (r - start) * cols;
            for c in cell.col..cell.col.saturating_add(cell.col_span).min(cols) {
                fills[row + c] = cell.fill.is_some() && cell.row == r;
            }
        }
    }
    fills
}

/// The row under a header that completes it: either the header has a cell
/// spanning several columns, and the row below has short texts under it
/// and maps at least one column itself; or the header's own cells wrap onto
/// that row ([`wraps_on`]).
fn sub_header(
    t: &Table,
    grid: &[Vec<Cow<'_, str>>],
    header: usize,
    end: usize,
    vocab: &Vocabulary,
    memo: &mut Memo,
) -> Option<usize> {
    let sub = header + 1;
    if sub >= end {
        return None;
    }
    let row = &grid[sub];
    let spanning = t
        .cells
        .iter()
        .any(|c| c.row == header && c.col_span > 1 && !c.text_cow().is_empty());
    if !spanning {
        return wraps_on(&grid[header], row, vocab, memo).then_some(sub);
    }
    let short = row.iter().all(|s| s.len() <= 60);
    let maps = row
        .iter()
        .any(|s| !vocab.readings_memo(s, true, memo).is_empty());
    (short && maps).then_some(sub)
}

/// Whether `row` is the rest of the header above it, wrapped onto a row of
/// its own: "Responsible" over "Agency", "Target" over "Date". A PDF's
/// unruled table read line by line gives such a row where only some header
/// cells wrap, and a sheet's header is often typed over two rows. Taken only
/// where the row could be nothing else: text in fewer than half of the
/// columns, never in the first (a section label's place), each text under a
/// header cell, at most three words with no digit, a header word itself (it
/// reads as a field alone, which "CCG" or "March" do not) and read as a
/// field joined to the header text above it.
fn wraps_on(
    head: &[Cow<'_, str>],
    row: &[Cow<'_, str>],
    vocab: &Vocabulary,
    memo: &mut Memo,
) -> bool {
    let filled: Vec<usize> = (0..row.len())
        .filter(|&c| !trim(&row[c]).is_empty())
        .collect();
    if filled.is_empty() || filled.contains(&0) || filled.len() * 2 > row.len() {
        return false;
    }
    filled.iter().all(|&c| {
        let (h, s) = (one_line(&head[c]), one_line(&row[c]));
        !h.is_empty()
            && s.split(' ').count() <= 3
            && !s.bytes().any(|b| b.is_ascii_digit())
            && !vocab.readings_memo(&s, true, memo).is_empty()
            && !vocab
                .readings_memo(&format!("{h} {s}"), true, memo)
                .is_empty()
    })
}

fn one_line(s: &str) -> String {
    crate::normalise::text::fold_space(s)
}

/// Assign fields to columns from their header readings and content.
fn assign(
    headers: Vec<String>,
    profiles: &[Profile],
    vocab: &Vocabulary,
    memo: &mut Memo,
) -> Vec<ColumnLayout> {
    // (column, candidate) pairs, adjusted by content.
    let mut pairs: Vec<(usize, Candidate)> = Vec::new();
    // What each column could also have been (for the action rule below).
    let mut could = Could(Vec::with_capacity(2 * headers.len()));
    let spelt = super::raci_words(&headers);
    for (c, h) in headers.iter().enumerate() {
        let p = &profiles[c];
        let h = spelt.as_ref().and_then(|w| w[c]).unwrap_or(h.as_str());
        let read = vocab.readings_memo(h, true, memo);
        let content;
        let cands = if read.is_empty() && super::folds_empty(h) {
            content = from_content(p);
            &content
        } else {
            read
        };
        // Each reading adjusted by content, and copied out of the memo
        // only when it is a candidate.
        for cand in cands {
            let factor = content_factor(cand, p);
            let agrees = factor > 1.0;
            let score = if factor != 1.0 {
                cand.score * factor
            } else {
                cand.score
            };
            // What a second meaning or a weak head says is taken only when
            // the cells say it too ("Comments" of short remarks is no
            // progress column; a second "date" column is not the completion
            // date for want of a better reading). It still counts for the
            // action rule below.
            if cand.needs_content && !agrees {
                could.add(c, &cand.fields, score);
                continue;
            }
            if score >= super::THRESHOLD {
                // (Room for what is pushed on it here and when assigned.)
                let mut evidence = Vec::with_capacity(cand.evidence.len() + 2);
                evidence.extend(cand.evidence.iter().cloned());
                let mut cand = Candidate {
                    fields: cand.fields.clone(),
                    score: cand.score,
                    evidence,
                    needs_content: cand.needs_content,
                };
                if factor != 1.0 {
                    cand.score = score;
                    cand.evidence.push(Evidence::ContentFactor(*p, agrees));
                }
                pairs.push((c, cand));
            }
        }
    }
    pairs.sort_by(|a, b| b.1.score.total_cmp(&a.1.score).then(a.0.cmp(&b.0)));
    // (Each header moved into its column, not copied.)
    let mut columns: Vec<ColumnLayout> = headers
        .into_iter()
        .map(|h| ColumnLayout {
            header: h,
            fields: Vec::new(),
            score: 0.0,
            evidence: Vec::new(),
        })
        .collect();
    let mut used: Vec<Field> = Vec::new();
    for (c, cand) in &pairs {
        could.add(*c, &cand.fields, cand.score);
    }
    for (c, mut cand) in pairs {
        if !columns[c].fields.is_empty() {
            continue;
        }
        // A combined header keeps the part of its meaning still free
        // ("Date of completion and Outcome" when another column is the
        // objective).
        if cand.fields.len() > 1 {
            cand.fields.retain(|f| !used.contains(f));
        }
        if cand.fields.is_empty() || cand.fields.iter().any(|f| used.contains(f)) {
            continue;
        }
        used.extend(cand.fields.iter().copied());
        columns[c].fields = cand.fields;
        columns[c].score = cand.score;
        columns[c].evidence = cand.evidence;
        let p = &profiles[c];
        columns[c].evidence.push(Evidence::Content(*p));
    }
    // "Priority | Objective": a column headed as the priority holds the
    // objective field, and an unmapped column says it is the objective (a
    // phrase, not a word of its header): it is the objective too
    // (normalisation reads the first as priorities).
    if let Some(p) = columns
        .iter()
        .position(|c| c.fields == [Field::Objective] && super::fold(&c.header).contains("priorit"))
    {
        if let Some(o) = (0..columns.len()).find(|&o| {
            o != p
                && columns[o].fields.is_empty()
                && could.any(o, |f, s| f == Field::Objective && s >= 0.95)
        }) {
            columns[o].fields = vec![Field::Objective];
            columns[o].score = super::THRESHOLD;
            columns[o]
                .evidence
                .push("an objective column beside the priority column".into());
        }
    }
    // "We will | How | Who | By when": what the board commits to, then how
    // it is done. A column read as the action by the words a commitment
    // starts with, beside an unmapped column that could be the action, is
    // the objective, and that column the action.
    if !columns.iter().any(|c| c.fields.contains(&Field::Objective)) {
        let commitment = columns.iter().position(|c| {
            c.fields == [Field::Action] && {
                let h = super::fold(&c.header);
                COMMITMENT_WORDS.iter().any(|w| h.starts_with(w))
            }
        });
        if let Some(a) = commitment {
            if let Some(b) = (0..columns.len()).find(|&b| {
                b != a && columns[b].fields.is_empty() && could.any(b, |f, _| f == Field::Action)
            }) {
                columns[a].fields = vec![Field::Objective];
                columns[a]
                    .evidence
                    .push("a commitment beside the column that says how: the objective".into());
                columns[b].fields = vec![Field::Action];
                columns[b].score = super::THRESHOLD;
                columns[b]
                    .evidence
                    .push("how the commitment beside it is done: the action".into());
            }
        }
    }
    // A table whose only "what" column was read as the objective (a
    // "Recommendation" with no action column beside it): that column holds
    // the actions.
    if !used.contains(&Field::Action) {
        let best = columns
            .iter()
            .enumerate()
            .filter(|(c, col)| {
                col.fields == [Field::Objective] && could.any(*c, |f, _| f == Field::Action)
            })
            .map(|(c, _)| c)
            .next();
        if let Some(c) = best {
            columns[c].fields = vec![Field::Action];
            columns[c]
                .evidence
                .push("no other column holds the actions".into());
        }
    }
    // An outcome column after the actions ("Outcome", "Intended outcome")
    // is how success is measured; before them, what the actions are for.
    if !columns.iter().any(|c| c.fields.contains(&Field::Measures)) {
        let action = columns
            .iter()
            .position(|c| c.fields.contains(&Field::Action));
        if let Some(c) = (0..columns.len()).find(|&c| {
            columns[c].fields.is_empty()
                && action.is_some_and(|a| c > a)
                && could.any(c, |f, _| f == Field::Measures)
        }) {
            columns[c].fields = vec![Field::Measures];
            columns[c].score = super::THRESHOLD;
            columns[c]
                .evidence
                .push("an outcome column after the actions: how success is measured".into());
        }
    }
    // "Completion date" with dates in it and no other due column is the
    // date the action is due by; "Date completed", "Actual completion
    // date" stay the date it was done.
    if !columns.iter().any(|c| c.fields.contains(&Field::Due)) {
        if let Some(c) = columns
            .iter()
            .position(|c| c.fields == [Field::Completed])
            // (Half its cells dates: rows across the table, "Priority 1 –
            // ...", and placeholders such as "TBD" count in the column.)
            .filter(|&c| profiles[c].share(profiles[c].dates) >= 0.5 || profiles[c].cells == 0)
        {
            let h = super::fold(&columns[c].header);
            if !DONE_WORDS
                .iter()
                .any(|w| super::words::contains_words(&h, w))
            {
                columns[c].fields = vec![Field::Due];
                columns[c]
                    .evidence
                    .push("the only date column, of planned dates: the due date".into());
            }
        }
    }
    progress_series(&mut columns, &could);
    for col in &mut columns {
        if col.fields.is_empty() && !col.header.is_empty() {
            col.evidence.clear();
        }
    }
    columns
}

/// Progress written in a column per period ("Q1 update | Q2 update | Q3
/// update", "Update (Sept 2016) | Update (Dec 2016)"): when two or more
/// columns could be progress and name a quarter, month or year, each of them
/// is progress, read in their order. A "% complete" column beside them is
/// not (a share is no update; it stays in `fields`); another progress
/// column stays one of them.
fn progress_series(columns: &mut [ColumnLayout], could: &Could) {
    let series: Vec<usize> = (0..columns.len())
        .filter(|&c| {
            (columns[c].fields.is_empty() || columns[c].fields == [Field::Progress])
                && could.any(c, |f, _| f == Field::Progress)
                && names_a_period(&super::fold(&columns[c].header))
        })
        .collect();
    if series.len() < 2 {
        return;
    }
    let n = series.len();
    for (c, col) in columns.iter_mut().enumerate() {
        if series.contains(&c) {
            if col.fields.is_empty() {
                col.fields = vec![Field::Progress];
                col.score = super::THRESHOLD;
            }
            col.evidence
                .push(format!("one of {n} progress columns, one per period").into());
        } else if col.fields == [Field::Progress]
            && super::words::contains_words(&super::fold(&col.header), "percent")
        {
            col.fields.clear();
            col.score = 0.0;
        }
    }
}

/// Whether a folded header names a period: a quarter ("q3", "quarter 2",
/// "qtr"), a month ("sept", "apr jun") or a year ("2019", "2019 20").
fn names_a_period(folded: &str) -> bool {
    folded.split(' ').any(|w| {
        matches!(
            w,
            "q1" | "q2" | "q3" | "q4" | "quarter" | "qtr" | "quarterly"
        ) || super::content::is_month(w)
            || (w.len() == 4
                && (w.starts_with("19") || w.starts_with("20"))
                && w.bytes().all(|b| b.is_ascii_digit()))
    })
}

/// The words a header of commitments starts with ("We will", "Our
/// commitment"): beside a "How" column, the objective.
const COMMITMENT_WORDS: &[&str] = &["we will", "our commitment", "we commit", "we want to"];

/// Readings of a column from its content alone (its header is blank).
fn from_content(p: &Profile) -> Vec<Candidate> {
    let mut out = Vec::new();
    if p.is_refs() {
        out.push(Candidate {
            fields: vec![Field::Id],
            score: 0.75,
            evidence: vec!["blank header over references".into()],
            needs_content: false,
        });
    } else if p.is_rag() {
        out.push(Candidate {
            fields: vec![Field::Rag],
            score: 0.75,
            evidence: vec!["blank header over ratings".into()],
            needs_content: false,
        });
    }
    out
}

/// How much what the column holds raises or lowers a header reading (1:
/// neither); above 1, the cells agree with it.
fn content_factor(cand: &Candidate, p: &Profile) -> f64 {
    if p.cells == 0 && p.fills == 0 {
        return 1.0;
    }
    let Some(&field) = cand.fields.first() else {
        return 1.0;
    };
    if cand.fields.len() > 1 {
        return 1.0;
    }
    // What the cells are, against what the header says they are.
    match field {
        // A grade (High / Medium / Low) is none of these.
        Field::Objective | Field::Action | Field::Rag | Field::Measures | Field::Id
            if p.is_grades() =>
        {
            0.5
        }
        Field::Rag if p.is_rag() => 1.1,
        Field::Progress if p.is_prose() || p.share(p.dates) >= 0.5 => 1.02,
        Field::Rag if p.is_prose() || p.is_dates() => 0.7,
        Field::Progress if p.is_rag() && p.cells > 0 => 0.85,
        Field::Due if p.is_dates() => 1.05,
        // Dates are dates: the cells cannot tell a completion date from a
        // due date, so they neither agree nor disagree.
        Field::Completed if p.is_dates() => 1.0,
        Field::Due | Field::Completed if p.is_prose() && p.share(p.dates) < 0.3 => 0.8,
        Field::Due | Field::Completed if p.is_rag() || p.is_refs() => 0.75,
        Field::Id if p.is_refs() => 1.05,
        Field::Id if p.is_prose() || p.is_dates() => 0.6,
        Field::Lead | Field::Partners if p.is_dates() || (p.is_rag() && p.cells > 0) => 0.75,
        Field::Lead if p.is_prose() => 0.9,
        Field::Action | Field::Objective
            if p.is_dates() || p.is_refs() || (p.is_rag() && p.cells > 0) =>
        {
            0.75
        }
        Field::Measures if p.is_rag() && p.cells > 0 => 0.8,
        // An objective is said in words; a column of codes ("SAAF 1.1",
        // "Std 3") is the standard it answers to, beside the column that
        // says it ("Requirement").
        Field::Objective if p.cells > 0 && p.mean_words() < 2.5 && !p.is_prose() => 0.8,
        // Of two columns that could be the objective ("Standard |
        // Requirement"), the one written in sentences.
        Field::Objective if p.is_prose() => 1.02,
        // Whose action it is: board names, C / A / B ("Board": LSCB / SAB /
        // Both); a column of other names ("Accountable board": the
        // Health and Wellbeing Board) is not.
        Field::Audience if p.cells > 0 && p.share(p.boards) >= 0.6 => 1.05,
        Field::Audience if p.cells > 0 && p.share(p.boards) < 0.3 => 0.5,
        // Actions are sentences; a column of one or two words under an
        // action-like header ("Response": Agreed / Not agreed) is not.
        Field::Action if p.cells > 0 && p.mean_words() < 3.0 && !p.is_prose() => 0.65,
        _ => 1.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(index: usize, rows: &[&[&str]], spans: &[(usize, usize, usize)]) -> Table {
        Table::from_text_rows(index, rows, spans)
    }

    fn doc(tables: Vec<Table>) -> Document {
        Document::of_blocks(tables.into_iter().map(Block::Table).collect())
    }

    fn fields(l: &TableLayout) -> Vec<Vec<&'static str>> {
        l.columns
            .iter()
            .map(|c| c.fields.iter().map(|f| f.name()).collect())
            .collect()
    }

    #[test]
    fn a_row_of_notes_in_brackets_is_no_header() {
        let row = |cells: &[&str]| cells.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert!(!shaped_like_header(&row(&[
            "(what we will do)",
            "(month / year)",
            ""
        ])));
        assert!(shaped_like_header(&row(&[
            "Action",
            "Owner(s)",
            "(optional) notes"
        ])));
    }

    #[test]
    fn a_log_of_what_changed_and_when_it_was_published_is_a_record() {
        // An annual report's learning from reviews: past changes with the
        // date each was published, not actions due.
        let t = table(
            0,
            &[
                &["Review", "Learning", "What changed", "Date published"],
                &[
                    "Child D",
                    "Curiosity about men",
                    "New guidance",
                    "March 2024",
                ],
                &[
                    "Child E",
                    "Information sharing",
                    "Triage tool updated",
                    "May 2024",
                ],
            ],
            &[],
        );
        let l = recognise(&doc(vec![t]), &Vocabulary::builtin());
        assert_eq!(l[0].kind, TableKind::Record, "{}", l[0].reason);
    }

    #[test]
    fn a_raci_grids_responsible_column_is_the_lead() {
        let t = table(
            0,
            &[
                &["Ref", "Action", "R", "A", "C", "I", "Due"],
                &[
                    "1.1",
                    "Publish the training calendar",
                    "Training Coordinator",
                    "Business Manager",
                    "Training sub-group",
                    "All partners",
                    "31/08/2024",
                ],
                &[
                    "1.2",
                    "Evaluate the neglect training",
                    "QA Officer",
                    "Sub-group chair",
                    "Designated Nurse",
                    "Board",
                    "January 2025",
                ],
            ],
            &[],
        );
        let l = recognise(&doc(vec![t]), &Vocabulary::builtin());
        assert_eq!(l[0].kind, TableKind::Action, "{}", l[0].reason);
        assert_eq!(
            fields(&l[0]),
            [
                vec!["id"],
                vec!["action"],
                vec!["lead"],
                vec![],
                vec![],
                vec![],
                vec!["due"]
            ]
        );
        // R, A and G are a rating's letters, not a RACI grid's.
        assert!(super::super::raci_words(&["R", "A", "G"]).is_none());
        assert!(super::super::raci_words(&["A", "R", "C"]).is_none());
    }

    #[test]
    fn an_action_column_of_counts_is_a_summary() {
        let t = table(
            0,
            &[
                &["Priority", "Actions", "Green", "Amber", "Red"],
                &["1. Neglect", "3", "1", "1", "1"],
                &["2. Exploitation", "2", "1", "1", "0"],
            ],
            &[],
        );
        let l = recognise(&doc(vec![t]), &Vocabulary::builtin());
        assert_eq!(l[0].kind, TableKind::Other, "{}", l[0].reason);
        assert!(l[0].reason.contains("only figures"), "{}", l[0].reason);
    }

    #[test]
    fn a_documents_own_records_are_no_action_tables() {
        // A version history maps an action ("Changes") and a due date
        // ("Date"), and a training calendar after it has the same number
        // of columns: neither is a plan, nor a plan continued.
        let history = table(
            0,
            &[
                &["Version", "Date", "Author", "Changes"],
                &["0.1", "01/03/2024", "J Smith", "First draft"],
            ],
            &[],
        );
        let training = table(
            1,
            &[
                &["Course", "Date", "Trainer", "Places"],
                &["MCA refresher", "9 June 2024", "Sam Lee", "15"],
            ],
            &[],
        );
        let l = recognise(&doc(vec![history, training]), &Vocabulary::builtin());
        assert_eq!(l.len(), 2);
        for t in &l {
            assert_eq!(t.kind, TableKind::Record, "{}", t.reason);
            assert!(
                t.reason.starts_with("a document's own record"),
                "{}",
                t.reason
            );
        }
        // One record word in a plan's header is no record.
        let plan = table(
            0,
            &[
                &["Action", "Lead", "Venue", "Date"],
                &[
                    "Hold a practitioner forum",
                    "Board Manager",
                    "County Hall",
                    "June 2024",
                ],
            ],
            &[],
        );
        let l = recognise(&doc(vec![plan]), &Vocabulary::builtin());
        assert_eq!(l[0].kind, TableKind::Action);
    }

    #[test]
    fn a_column_per_period_of_updates_is_all_progress() {
        let t = table(
            0,
            &[
                &[
                    "Action",
                    "Lead",
                    "Due",
                    "Q1 update",
                    "Q2 update",
                    "% complete",
                ],
                &[
                    "Audit section 42 enquiry records",
                    "Head of Safeguarding",
                    "Dec-19",
                    "Audit tool being designed.",
                    "Sample of 25 cases chosen.",
                    "60%",
                ],
            ],
            &[],
        );
        let l = recognise(&doc(vec![t]), &Vocabulary::builtin());
        assert_eq!(
            fields(&l[0]),
            vec![
                vec!["action"],
                vec!["lead"],
                vec!["due"],
                vec!["progress"],
                vec!["progress"],
                vec![]
            ]
        );
        // One period column is not a series: "% complete" keeps progress.
        let t = table(
            0,
            &[
                &["Action", "Lead", "Due", "Q1 update", "% complete"],
                &[
                    "Audit records",
                    "Head of Safeguarding",
                    "Dec-19",
                    "Tool designed.",
                    "60%",
                ],
            ],
            &[],
        );
        let l = recognise(&doc(vec![t]), &Vocabulary::builtin());
        assert_eq!(fields(&l[0])[4], vec!["progress"]);
    }

    #[test]
    fn dates_and_figures_are_body_not_header() {
        assert!(numeric_date("29/10/2021"));
        assert!(numeric_date("10/02/2022 16:42"));
        assert!(!numeric_date("2015/16"));
        assert!(!numeric_date("Q1 2021"));
        let row = |s: &[&str]| s.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert!(!shaped_like_header(&row(&[
            "Commission a review",
            "Completed",
            "29/10/2021",
            "100%"
        ])));
        assert!(shaped_like_header(&row(&[
            "Indicator",
            "2015/16",
            "2016/17",
            "Target"
        ])));
    }

    #[test]
    fn commitments_beside_how_and_priorities_beside_objectives() {
        let t = table(
            0,
            &[
                &["We will", "How", "Who", "By when"],
                &[
                    "Raise awareness of self-neglect across partner agencies",
                    "Run two community awareness sessions in libraries",
                    "SAB Manager",
                    "March 2022",
                ],
            ],
            &[],
        );
        let l = recognise(&doc(vec![t]), &Vocabulary::builtin());
        assert_eq!(
            fields(&l[0]),
            vec![vec!["objective"], vec!["action"], vec!["lead"], vec!["due"]]
        );
        // "We will" alone is still the action.
        let t = table(
            0,
            &[
                &["We will", "Who", "By when"],
                &[
                    "Run two community awareness sessions",
                    "SAB Manager",
                    "March 2022",
                ],
            ],
            &[],
        );
        let l = recognise(&doc(vec![t]), &Vocabulary::builtin());
        assert_eq!(fields(&l[0])[0], vec!["action"]);
        let t = table(
            0,
            &[
                &["Priority", "Objective", "Activity", "Partner", "Timescale"],
                &[
                    "1. Tackling anti-social behaviour",
                    "Reduce repeat ASB in the town centre",
                    "Run a joint problem-solving group every month",
                    "Police",
                    "Ongoing",
                ],
            ],
            &[],
        );
        let l = recognise(&doc(vec![t]), &Vocabulary::builtin());
        assert_eq!(fields(&l[0])[0], vec!["objective"]);
        assert_eq!(fields(&l[0])[1], vec!["objective"]);
    }

    #[test]
    fn a_table_of_figures_under_a_plan_does_not_continue_it() {
        let plan = table(
            0,
            &[
                &["Action", "Lead", "Target date", "Status"],
                &[
                    "Publish the threshold document",
                    "Head of Service",
                    "Sept 19",
                    "Complete",
                ],
            ],
            &[],
        );
        let scores = table(
            1,
            &[
                &["Indicator", "Baseline 2018/19", "Target 2019/20", "Q1"],
                &["Re-referrals within 12 months", "22%", "18%", "21%"],
                &["Conferences within 15 days", "81%", "90%", "85%"],
            ],
            &[],
        );
        let more = table(
            2,
            &[&[
                "Run the audit event",
                "Business Manager",
                "2019",
                "On track",
            ]],
            &[],
        );
        let l = recognise(&doc(vec![plan, scores]), &Vocabulary::builtin());
        assert_eq!(l[1].kind, TableKind::Other);
        assert_eq!(l[1].continues, None);
        // A year where the date goes is a date, not a figure.
        let plan = table(
            0,
            &[
                &["Action", "Lead", "Target date", "Status"],
                &[
                    "Publish the threshold document",
                    "Head of Service",
                    "Sept 19",
                    "Complete",
                ],
            ],
            &[],
        );
        let l = recognise(&doc(vec![plan, more]), &Vocabulary::builtin());
        assert_eq!(l[1].continues, Some(0));
    }

    #[test]
    fn question_headers_map_by_their_question_words() {
        let t = table(
            0,
            &[
                &["What", "Who", "When", "How we will measure"],
                &[
                    "Publish the revised threshold document for all partners",
                    "LSCB Manager",
                    "March 2017",
                    "Audit of referrals shows thresholds applied",
                ],
            ],
            &[],
        );
        let l = recognise(&doc(vec![t]), &Vocabulary::builtin());
        assert_eq!(l[0].kind, TableKind::Action);
        assert_eq!(
            fields(&l[0]),
            vec![vec!["action"], vec!["lead"], vec!["due"], vec!["measures"]]
        );
    }

    #[test]
    fn a_status_of_ratings_beside_progress_notes_is_the_rag() {
        let t = table(
            0,
            &[
                &["Ref", "Action", "Owner", "Status", "Progress notes"],
                &[
                    "1.1",
                    "Agree the audit tool",
                    "QA Sub-Group",
                    "G",
                    "Tool agreed at the March meeting and piloted",
                ],
                &[
                    "1.2",
                    "Run the audit",
                    "QA Sub-Group",
                    "A",
                    "Audit delayed by staffing; now due in the summer",
                ],
            ],
            &[],
        );
        let l = recognise(&doc(vec![t]), &Vocabulary::builtin());
        assert_eq!(
            fields(&l[0]),
            vec![
                vec!["id"],
                vec!["action"],
                vec!["lead"],
                vec!["rag"],
                vec!["progress"]
            ]
        );
    }

    #[test]
    fn a_blank_header_over_references_is_the_id() {
        let t = table(
            0,
            &[
                &["", "Action", "Lead", "Target date"],
                &["1", "Agree the audit tool", "QA Sub-Group", "June 2016"],
                &["2", "Run the audit", "QA Sub-Group", "Sept 2016"],
            ],
            &[],
        );
        let l = recognise(&doc(vec![t]), &Vocabulary::builtin());
        assert_eq!(l[0].columns[0].fields, vec![Field::Id]);
        assert!(l[0].columns[0].evidence[0]
            .to_string()
            .contains("references"));
    }

    #[test]
    fn a_two_row_header_joins_the_rows_under_a_spanning_cell() {
        let t = table(
            0,
            &[
                &["Action", "Lead", "Progress", ""],
                &["", "", "Q1 update", "RAG"],
                &[
                    "Agree the audit tool",
                    "QA Sub-Group",
                    "Agreed in April",
                    "G",
                ],
            ],
            &[(0, 2, 2)],
        );
        let l = recognise(&doc(vec![t]), &Vocabulary::builtin());
        assert_eq!(l[0].header_rows, vec![0, 1]);
        assert_eq!(l[0].columns[2].header, "Progress Q1 update");
        assert_eq!(l[0].columns[2].fields, vec![Field::Progress]);
        assert_eq!(l[0].columns[3].fields, vec![Field::Rag]);
        assert_eq!(l[0].body_start(), 2);
    }

    #[test]
    fn tables_that_are_not_plans_and_tables_that_continue_one() {
        let cover = table(
            0,
            &[
                &["Title of paper:", "Business plan progress"],
                &["Author:", "Business Manager"],
            ],
            &[],
        );
        let checklist = table(
            1,
            &[
                &[
                    "Protected characteristic",
                    "Positive",
                    "Negative",
                    "Neutral",
                ],
                &["Age", "✓", "", ""],
                &["Disability", "", "", "✓"],
            ],
            &[],
        );
        let plan = table(
            2,
            &[
                &["Objective", "Action", "Lead", "Due"],
                &[
                    "Early help",
                    "Publish thresholds",
                    "LSCB Manager",
                    "June 2016",
                ],
            ],
            &[],
        );
        let rest = table(
            3,
            &[&[
                "Neglect",
                "Launch the toolkit",
                "Neglect group",
                "July 2016",
            ]],
            &[],
        );
        let l = recognise(
            &doc(vec![cover, checklist, plan, rest]),
            &Vocabulary::builtin(),
        );
        assert_eq!(
            l.iter().map(|l| l.kind).collect::<Vec<_>>(),
            vec![
                TableKind::KeyValue,
                TableKind::Other,
                TableKind::Action,
                TableKind::Action
            ]
        );
        assert_eq!(l[3].continues, Some(2));
        assert!(l[3].header_rows.is_empty());
        assert_eq!(l[3].columns[2].header, "Lead");
        assert_eq!(l[3].columns[2].fields, vec![Field::Lead]);
    }

    #[test]
    fn a_completion_date_of_planned_dates_is_the_due_date_unless_it_says_done() {
        let rows = |h: &'static str| -> Vec<Vec<&'static str>> {
            vec![
                vec!["Action", "Lead", h],
                vec!["Agree the audit tool", "QA Sub-Group", "Jun-16"],
                vec!["Run the audit", "QA Sub-Group", "Sep-16"],
            ]
        };
        for (h, want) in [
            ("Completion Date", Field::Due),
            ("Target completion date", Field::Due),
            ("Date completed", Field::Completed),
            ("Actual completion date", Field::Completed),
        ] {
            let r = rows(h);
            let r: Vec<&[&str]> = r.iter().map(Vec::as_slice).collect();
            let l = recognise(&doc(vec![table(0, &r, &[])]), &Vocabulary::builtin());
            assert_eq!(l[0].columns[2].fields, vec![want], "{h}");
        }
    }
}
