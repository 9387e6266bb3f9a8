//! Resolving a table's body rows before they become actions (rules 1 to 3):
//! blank rows (and rows whose only text is merged down from above) and
//! repeated headers are skipped, a row that is one cell
//! across the table sets the `section`, ditto marks take the value above,
//! and continuation rows inherit the id, objective and audience above (a
//! row that only heads continuation rows is not an action).

use crate::layout::ColumnMap;
use crate::model::{Cell, Table};
use crate::plan::Field;

use super::header::TableHeader;
use super::{text, State};

/// A table's column map with the column of each field looked up once:
/// [`ColumnMap::column_of`] scans the columns, and a row's reading asked
/// it some forty times. Everything else is the map's ([`std::ops::Deref`]).
pub(super) struct Columns<'m> {
    map: &'m ColumnMap,
    of: [Option<usize>; Field::ALL.len()],
}

impl<'m> Columns<'m> {
    /// The columns of `map`'s fields.
    pub fn new(map: &'m ColumnMap) -> Columns<'m> {
        // Each field's first column, as `column_of` finds it.
        let mut of = [None; Field::ALL.len()];
        for (c, fields) in map.columns.iter().enumerate() {
            for &f in fields {
                of[f as usize].get_or_insert(c);
            }
        }
        Columns { map, of }
    }

    /// [`ColumnMap::column_of`], looked up.
    pub fn column_of(&self, f: Field) -> Option<usize> {
        self.of[f as usize]
    }
}

impl std::ops::Deref for Columns<'_> {
    type Target = ColumnMap;

    fn deref(&self) -> &ColumnMap {
        self.map
    }
}

/// A body row as resolved texts, before deciding whether it is an action.
pub(super) struct Row<'c> {
    /// 0-based row within the table.
    pub r: usize,
    /// Cell texts, dittos resolved.
    pub texts: Vec<String>,
    /// Which cells held a ditto mark.
    pub dittos: Vec<bool>,
    /// The section row above it ("1. Children's Social Care").
    pub section: Option<String>,
    /// The priority a section row above it opened ("Priority 2:
    /// Exploitation" merged across the table), as an index into the
    /// plan's priorities.
    pub priority: Option<usize>,
    /// The cell in each column (a merged cell appears in every slot).
    pub cells: Vec<Option<&'c Cell>>,
}

impl<'c> Row<'c> {
    /// The cell of a field's column.
    pub fn cell(&self, map: &Columns<'_>, f: Field) -> Option<&'c Cell> {
        map.column_of(f).and_then(|c| self.cells[c])
    }

    /// The text of a field's column, when not empty, borrowed.
    pub fn text(&self, map: &Columns<'_>, f: Field) -> Option<&str> {
        map.column_of(f)
            .map(|c| self.texts[c].as_str())
            .filter(|s| !s.is_empty())
    }

    /// The text of a field's column, when not empty.
    pub fn get(&self, map: &Columns<'_>, f: Field) -> Option<String> {
        map.column_of(f)
            .map(|c| self.texts[c].clone())
            .filter(|s| !s.is_empty())
    }
}

impl State<'_> {
    /// The body rows of a table that can be actions (rules 1 and 2):
    /// blank rows and repeated headers skipped, section rows read into the
    /// `section`, ditto marks resolved.
    pub(super) fn resolve_rows<'t>(&mut self, t: &'t Table, header: &TableHeader) -> Vec<Row<'t>> {
        // A table of no columns has no row with text.
        if t.n_cols == 0 {
            return Vec::new();
        }
        // Each cell's text, made once: a cell merged down rows or across
        // columns fills many slots (a third of the texts a plan's tables
        // made were such repeats, and one long cell merged over a whole
        // table was read again for every slot).
        let slots = slot_cells(t);
        let mut made: Vec<Option<String>> = vec![None; t.cells.len()];
        let mut rows: Vec<Row<'_>> = Vec::new();
        let mut last_text: Option<Vec<Option<usize>>> = None;
        let mut priority = None;
        // Body rows with text seen so far: the first two may be the
        // header's own notes.
        let mut seen_rows = 0;
        for (r, slot_row) in slots.chunks(t.n_cols).enumerate().skip(header.body_start) {
            // A row whose text is all in cells merged down from a row above
            // (an objective merged past the last action) holds nothing of
            // its own: it is not an action (nor is a blank row).
            let own = slot_row
                .iter()
                .flatten()
                .any(|&i| t.cells[i].row == r && !text_of(&mut made, t, i).is_empty());
            if !own {
                continue;
            }
            // A cell of one slot gives its text away (no other slot asks for
            // it); a merged cell's text is copied into each slot it covers.
            let mut texts: Vec<String> = slot_row
                .iter()
                .map(|c| {
                    c.map_or_else(String::new, |i| {
                        let text = text_of(&mut made, t, i);
                        let cell = &t.cells[i];
                        if cell.row_span == 1 && cell.col_span == 1 {
                            std::mem::take(text)
                        } else {
                            text.clone()
                        }
                    })
                })
                .collect();
            // A header row repeated on a later page or before a section.
            if header.repeats(r) {
                continue;
            }
            seen_rows += 1;
            // Under the header, a row of notes on how to fill each column
            // ("(what we will do)", "(month / year)") or of column numbers
            // ("1 | 2 | 3 | 4") belongs to the header.
            if seen_rows <= 2 && header_note(&texts) {
                continue;
            }
            // "Total | 8 actions | 3 Green / 2 Red": a tally of the rows
            // above, not an action.
            if totals_row(&texts) {
                continue;
            }
            // The cell in each slot of the row ([`Table::grid`]'s row).
            let grid_row: Vec<Option<&Cell>> =
                slot_row.iter().map(|s| s.map(|i| &t.cells[i])).collect();
            if let Some(section) = section_text(&grid_row, &texts, t.n_cols) {
                // "Priority 2: Exploitation" across the table opens that
                // priority for the rows under it, as a heading would.
                // "Recommendation 1: ..." or "Theme A: ..." likewise, in a
                // plan whose groups are not called priorities.
                let grouping = || {
                    (!self.priority_words)
                        .then(|| super::context::grouping_heading(&section))
                        .flatten()
                };
                if let Some(h) = super::context::priority_heading(&section).or_else(grouping) {
                    let source = grid_row.iter().flatten().next().map(|c| c.source.clone());
                    priority = Some(self.upsert_priority(h, None, &source.unwrap_or_default()));
                    self.section = None;
                } else {
                    let source = grid_row.iter().flatten().next().map(|c| c.source.clone());
                    let under = priority
                        .or(self.current)
                        .and_then(|i| self.priorities.get(i))
                        .map(|p| p.id.clone().unwrap_or_else(|| p.title.clone()));
                    self.context.sections.push((
                        section.clone(),
                        under,
                        super::place(&source.unwrap_or_default()),
                    ));
                    self.section = Some(section);
                }
                last_text = None;
                continue;
            }
            // A ditto means the value above as the reader sees it: when the
            // cell above is blank because it continues a value from further
            // up, that value.
            let dittos: Vec<bool> = texts.iter().map(|s| text::is_ditto(s)).collect();
            // Per column, the row (in `rows`) that last had text there:
            // the value a ditto stands for is read from it, not copied
            // from every row in case a ditto comes.
            let above = last_text.get_or_insert_with(|| vec![None; texts.len()]);
            for (c, s) in texts.iter_mut().enumerate() {
                if dittos[c] {
                    *s = above
                        .get(c)
                        .copied()
                        .flatten()
                        .map(|k: usize| rows[k].texts[c].clone())
                        .unwrap_or_default();
                }
                if !s.is_empty() && c < above.len() {
                    above[c] = Some(rows.len());
                }
            }
            rows.push(Row {
                r,
                texts,
                dittos,
                section: self.section.clone(),
                priority,
                cells: grid_row,
            });
        }
        rows
    }
}

/// Cell `i`'s clean text ([`text::cell_text`]), made the first time it is
/// asked for. (A cell of one slot is asked for by its own row alone, which
/// then takes the text.)
fn text_of<'m>(made: &'m mut [Option<String>], t: &Table, i: usize) -> &'m mut String {
    made[i].get_or_insert_with(|| text::cell_text(&t.cells[i]))
}

/// For each slot of `t`'s grid ([`Table::grid`]), the index in `t.cells`
/// of the cell covering it: row by row, `t.n_cols` (not 0) slots a row,
/// in one vector.
fn slot_cells(t: &Table) -> Vec<Option<usize>> {
    let mut slots = vec![None; t.n_cols * t.n_rows];
    for (i, cell) in t.cells.iter().enumerate() {
        for row in slots
            .chunks_mut(t.n_cols)
            .skip(cell.row)
            .take(cell.row_span)
        {
            for slot in row.iter_mut().skip(cell.col).take(cell.col_span) {
                *slot = Some(i);
            }
        }
    }
    slots
}

/// A row that is one cell across the table ("1. Children's Social Care"):
/// all its non-empty slots belong to one merged cell that spans at least
/// half of three or more columns. (An unmerged numbered line alone in the
/// first column is not enough: B&NES writes issues that way.)
fn section_text(grid_row: &[Option<&Cell>], texts: &[String], n_cols: usize) -> Option<String> {
    if n_cols < 3 {
        return None;
    }
    // The first slot with text, and its cell: every other slot with text
    // must hold the same one.
    let mut first: Option<(usize, *const Cell)> = None;
    for (c, cell) in grid_row.iter().enumerate() {
        if texts[c].is_empty() {
            continue;
        }
        let p = cell.map_or(std::ptr::null(), |c| c as *const Cell);
        match first {
            None => first = Some((c, p)),
            Some((_, q)) if q != p => return None,
            Some(_) => {}
        }
    }
    let (first, _) = first?;
    let cell = grid_row[first]?;
    (cell.col_span * 2 >= n_cols).then(|| texts[first].clone())
}

/// A row that annotates the header above it: every text in brackets
/// ("(what we will do)", "[month / year]"), two or more; or the columns'
/// numbers counting up by one, three or more ("1 | 2 | 3", "(1) | (2) |
/// (3)", "A | B | C").
fn header_note(texts: &[String]) -> bool {
    // The row's texts, trimmed, the empty ones left out (read again rather
    // than collected).
    let filled = || texts.iter().map(|s| s.trim()).filter(|s| !s.is_empty());
    let count = filled().count();
    if count < 2 {
        return false;
    }
    let bracketed = |s: &str| {
        (s.starts_with('(') && s.ends_with(')')) || (s.starts_with('[') && s.ends_with(']'))
    };
    if filled().all(|s| bracketed(s) && s.len() <= 80) {
        return true;
    }
    // Column numbers: "1", "(1)", "1." or "A" counting up.
    let number = |s: &str| -> Option<u32> {
        let s = s.trim_start_matches('(').trim_end_matches([')', '.']);
        match s.parse::<u32>() {
            Ok(n) => Some(n),
            Err(_) if s.len() == 1 && s.as_bytes()[0].is_ascii_uppercase() => {
                Some(u32::from(s.as_bytes()[0] - b'A') + 1)
            }
            Err(_) => None,
        }
    };
    // Three or more, every one a number, each one more than the one before.
    if count < 3 || !filled().all(|s| number(s).is_some()) {
        return false;
    }
    let mut numbers = filled().filter_map(number);
    let mut last = numbers.next();
    numbers.all(|n| {
        let counts_up = last.is_some_and(|l| n == l + 1);
        last = Some(n);
        counts_up
    })
}

/// A row that tallies the rows above it: its first text is "Total",
/// "Totals" or "Grand total" (a colon after it allowed), and no cell holds
/// more than a few words ("8 actions", "3 Green / 3 Amber / 2 Red").
fn totals_row(texts: &[String]) -> bool {
    let mut filled = texts.iter().map(|s| s.trim()).filter(|s| !s.is_empty());
    let Some(first) = filled.next() else {
        return false;
    };
    let label = first.trim_end_matches(':').trim();
    ["total", "totals", "grand total", "overall total"]
        .iter()
        .any(|w| label.eq_ignore_ascii_case(w))
        && texts.iter().all(|s| s.split_whitespace().count() <= 8)
}

/// What a row has after inheriting from the rows above (rule 3).
pub(super) struct Inherited {
    /// The id, its own or the one above.
    pub id: Option<String>,
    /// The objective, its own or the one above.
    pub objective: Option<String>,
    /// The audience text, its own or the one above.
    pub audience: Option<String>,
}

/// The id, objective and audience of the row above, for continuation rows
/// (rule 3).
#[derive(Default)]
pub(super) struct Continuation {
    last_id: Option<String>,
    last_obj: Option<String>,
    last_aud: Option<String>,
    /// For a table continuing another: the first row with no objective
    /// column (a page break cut it off) takes the objective above.
    continuing: bool,
    /// The row heading the rows numbered under it ("1" over "a", "b"):
    /// its number and text.
    heading: Option<(String, String)>,
}

impl Continuation {
    /// The same state, for a table that continues the one it came from.
    pub fn continuing(self) -> Continuation {
        Continuation {
            continuing: true,
            ..self
        }
    }

    /// Resolve row `i` of `rows` against the rows above. `None` when the
    /// row only heads the continuation rows below it and is no action.
    pub fn next(&mut self, rows: &[Row<'_>], i: usize, map: &Columns<'_>) -> Option<Inherited> {
        let col = |f: Field| map.column_of(f);
        let id_c = col(Field::Id);
        let obj_c = col(Field::Objective);
        let aud_c = col(Field::Audience);
        let blank = |texts: &[String], c: Option<usize>| c.is_none_or(|c| texts[c].is_empty());
        let row = &rows[i];
        let texts = &row.texts;
        let act_c = col(Field::Action);
        let own_id = id_c.map_or("", |c| texts[c].trim());
        // A row numbered as the parent of the row below ("1" over "a";
        // "2.1" over "2.1.1") holding one text and nothing else (no
        // owner, no date) heads the rows numbered under it: its text is
        // their objective, and it is no action.
        if let Some(heading) = heading_row(rows, i, id_c, [obj_c, act_c, aud_c]) {
            self.heading = Some((own_id.to_string(), heading.clone()));
            self.last_id = Some(own_id.to_string());
            self.last_obj = Some(heading);
            return None;
        }
        // Under such a heading, or under a section row numbered as their
        // parent ("1.1 Practitioners act on neglect earlier" across the
        // table over 1.1.1, 1.1.2), a row with no objective of its own (or
        // whose objective column is its action column) takes the
        // heading's text.
        let under = |parent: &str| !own_id.is_empty() && is_child_ref(parent, own_id);
        if self.heading.as_ref().is_some_and(|(p, _)| !under(p)) {
            self.heading = None;
        }
        let heading = self.heading.as_ref().map(|(_, t)| t.clone()).or_else(|| {
            let (r, text) = row.section.as_deref().and_then(numbered)?;
            under(r).then(|| text.to_string())
        });
        let own_objective = obj_c.filter(|&c| Some(c) != act_c && !texts[c].is_empty());
        if let (Some(h), None) = (&heading, own_objective) {
            let id = Some(own_id.to_string()).filter(|s| !s.is_empty());
            self.last_id = id.clone();
            self.last_obj = Some(h.clone());
            let audience = aud_c.map(|c| texts[c].clone()).filter(|s| !s.is_empty());
            return Some(Inherited {
                id,
                objective: Some(h.clone()),
                audience: audience.or_else(|| self.last_aud.clone()),
            });
        }
        // The objective cell merged down from the row above, or a ditto
        // of it: the row continues the objective above.
        let merged_obj = obj_c.is_some_and(|c| {
            row.dittos[c]
                || (i > 0
                    && match (row.cells[c], rows[i - 1].cells[c]) {
                        (Some(a), Some(b)) => std::ptr::eq(a, b),
                        _ => false,
                    })
        });
        let cont = (blank(texts, obj_c) || merged_obj) && (blank(texts, id_c) || obj_c.is_none());
        let id = match id_c {
            Some(c) if !texts[c].is_empty() => Some(texts[c].clone()),
            Some(_) if blank(texts, obj_c) || merged_obj => self.last_id.clone(),
            _ => None,
        };
        let objective = match obj_c {
            Some(c) if !texts[c].is_empty() => Some(texts[c].clone()),
            Some(_) => self.last_obj.clone(),
            None if self.continuing => self.last_obj.clone(),
            None => None,
        };
        let audience = match aud_c {
            Some(c) if !texts[c].is_empty() => Some(texts[c].clone()),
            Some(_) if cont => self.last_aud.clone(),
            _ => None,
        };
        // (Copied into the buffers they had: no new one a row.)
        self.last_id.clone_from(&id);
        self.last_obj.clone_from(&objective);
        self.last_aud.clone_from(&audience);

        // Only an objective (and id, audience), with continuation rows
        // after it: it heads them.
        let only_heading =
            texts.iter().enumerate().all(|(c, s)| {
                s.is_empty() || Some(c) == id_c || Some(c) == obj_c || Some(c) == aud_c
            }) && obj_c.is_some_and(|c| !texts[c].is_empty());
        let next_continues = rows
            .get(i + 1)
            .is_some_and(|n| blank(&n.texts, obj_c) && n.texts.iter().any(|s| !s.is_empty()));
        if only_heading && next_continues {
            return None;
        }
        Some(Inherited {
            id,
            objective,
            audience,
        })
    }
}

/// The text of row `i` when it heads the rows numbered under it: its id is
/// the parent of the next row's ("1" of "a" or "1.1", "2.1" of "2.1.1"),
/// and besides the id its only text is one value in the `text_cols`
/// (objective, action or audience columns; a merged cell counts once).
fn heading_row(
    rows: &[Row<'_>],
    i: usize,
    id_c: Option<usize>,
    text_cols: [Option<usize>; 3],
) -> Option<String> {
    let id_c = id_c?;
    let row = &rows[i];
    let own = row.texts[id_c].trim();
    let next = rows.get(i + 1)?.texts[id_c].trim();
    if own.is_empty() || !is_child_ref(own, next) {
        return None;
    }
    let mut text: Option<&String> = None;
    for (c, s) in row.texts.iter().enumerate() {
        if s.is_empty() || c == id_c {
            continue;
        }
        if !text_cols.contains(&Some(c)) || text.is_some_and(|t| t != s) {
            return None;
        }
        text = Some(s);
    }
    text.cloned()
}

/// A reference at the start of a section row and the text after it: ("1.1",
/// "Practitioners act on neglect earlier") for "1.1 Practitioners act on
/// neglect earlier"; `None` when it starts with no reference.
pub(super) fn numbered(section: &str) -> Option<(&str, &str)> {
    let (r, rest) = section.trim().split_once(char::is_whitespace)?;
    let r = r.trim_end_matches(['.', ':', ')']);
    let rest = rest.trim_start_matches(['-', '–', ':', ' ']).trim();
    // A reference, or one capital letter ("B – Exploitation").
    let letter = r.len() == 1 && r.as_bytes()[0].is_ascii_uppercase();
    (!r.is_empty() && !rest.is_empty() && (letter || crate::layout::content::is_ref(r)))
        .then_some((r, rest))
}

/// Whether `id` is numbered under `parent`: "1.1", "1a", "1(a)" or "1-2"
/// under "1"; "2.1.1" under "2.1"; "A1" under "A"; a lone letter or roman
/// numeral ("a", "(b)", "ii)") under a bare number.
pub(super) fn is_child_ref(parent: &str, id: &str) -> bool {
    let parent = parent.trim().trim_end_matches(['.', ')', ':']);
    let id = id.trim().trim_end_matches(['.', ')', ':']);
    let id = id.strip_prefix('(').unwrap_or(id);
    if parent.is_empty() || id.is_empty() || parent.len() > 12 || id.len() > 16 {
        return false;
    }
    if let Some(rest) = id.strip_prefix(parent) {
        let Some(first) = rest.chars().next() else {
            return false;
        };
        let last = parent.chars().next_back().unwrap_or(' ');
        return matches!(first, '.' | '-' | '(' | '/')
            || (last.is_ascii_digit() && first.is_ascii_alphabetic() && rest.len() <= 2)
            || (last.is_ascii_alphabetic() && first.is_ascii_digit());
    }
    let lower = id.to_ascii_lowercase();
    parent.chars().all(|c| c.is_ascii_digit())
        && ((lower.len() == 1 && lower.as_bytes()[0].is_ascii_lowercase())
            || ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"]
                .contains(&lower.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_under_a_parent() {
        for (p, id) in [
            ("1", "1.1"),
            ("1", "1a"),
            ("1.", "1(a)"),
            ("2.1", "2.1.1"),
            ("A", "A1"),
            ("1", "a"),
            ("3", "(b)"),
            ("3", "ii)"),
            ("C1", "C1.2"),
        ] {
            assert!(is_child_ref(p, id), "{id} under {p}");
        }
        for (p, id) in [
            ("1", "1"),
            ("1", "2"),
            ("1", "10"),
            ("1.1", "1.2"),
            ("a", "b"),
            ("1.1", "a"),
            ("", "1.1"),
            ("A", "AB"),
        ] {
            assert!(!is_child_ref(p, id), "{id} not under {p}");
        }
    }

    #[test]
    fn a_totals_row_is_no_action() {
        let row = |cells: &[&str]| cells.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert!(totals_row(&row(&[
            "Total",
            "",
            "8 actions",
            "3 Green / 3 Amber / 2 Red"
        ])));
        assert!(totals_row(&row(&["", "Totals:", "12"])));
        // An action about totals, or a long cell, is an action.
        assert!(!totals_row(&row(&[
            "Total",
            "Publish the total number of referrals received by each agency every quarter"
        ])));
        assert!(!totals_row(&row(&[
            "Total quality audit",
            "QA sub-group",
            "March 2024"
        ])));
        assert!(!totals_row(&row(&["", "", ""])));
    }

    #[test]
    fn notes_and_column_numbers_under_a_header() {
        let row = |s: &[&str]| s.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert!(header_note(&row(&[
            "(what we will do)",
            "(named role)",
            "(month / year)",
            ""
        ])));
        assert!(header_note(&row(&["1", "2", "3", "4", "5"])));
        assert!(header_note(&row(&["(1)", "(2)", "(3)"])));
        assert!(header_note(&row(&["A", "B", "C", "D"])));
        // A row of an action, or a row that only starts with a bracket.
        assert!(!header_note(&row(&[
            "1",
            "Audit cases",
            "QA group",
            "March 2020"
        ])));
        assert!(!header_note(&row(&["1", "2", "4"])));
        assert!(!header_note(&row(&["(a) Audit cases", "QA group"])));
        assert!(!header_note(&row(&["1.1", "1.2", "1.3"])));
    }

    #[test]
    fn a_section_row_may_start_with_its_number() {
        assert_eq!(
            numbered("1.1 Practitioners act on neglect earlier"),
            Some(("1.1", "Practitioners act on neglect earlier"))
        );
        assert_eq!(
            numbered("2. Housing – records"),
            Some(("2", "Housing – records"))
        );
        assert_eq!(numbered("Children's Social Care"), None);
    }
}
