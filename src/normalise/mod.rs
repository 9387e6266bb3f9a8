//! Normalisation: from the document model and its column maps to the plan.
//!
//! One pass over the blocks. Headings and paragraphs update the context
//! (current priority, its outcomes); key/value tables name priorities and
//! owners (both in `priorities.rs`, reading the text with `context.rs`);
//! every other table is mapped by `layout` (its header row found in
//! `header.rs`) and its rows become actions (`State::table` below). The
//! rules, in the order they apply to a row (docs/OUTPUT.md):
//! 1. Header rows (marked, found, or repeated on a later page) and blank
//!    rows are not actions. A row that is one cell across the table
//!    ("1. Children's Social Care") sets the `section`. (`header.rs`: the
//!    header and its repeats; `rows.rs`: the rest.)
//! 2. Ditto marks (“ ” and friends) take the value of the same column in the
//!    row above, after that row's own resolution. (`rows.rs`)
//! 3. Continuation rows: a blank objective inherits the objective above; a
//!    blank id inherits the id above when the objective is blank too; a
//!    blank audience inherits with the id. A row that holds only an
//!    objective (and id) and is followed by continuation rows heads them and
//!    is not an action itself. (`rows.rs`)
//! 4. One action cell listing several items (bullets, "a)"/"i."/"1."
//!    markers, or plain paragraphs) beside as many (lead, due) pairs or
//!    dates becomes one action per item, paired in order; when both sides
//!    list several but the counts differ, one action and a warning.
//!    (`lists.rs` decides, `split.rs` reads the cells.)
//! 5. A combined "lead & timescale" cell is read into (lead, due) pairs by
//!    its date expressions, labels ("Lead:", "By:") dropped. **Lead carry
//!    rule:** when a pair names no lead, the lead last named for the same
//!    objective carries to it, until another is named. With no id column,
//!    a reference printed at the start of an action ("2.1 Agree ...") is
//!    its id. (`lists.rs`, `split.rs`)
//! 6. Progress paragraphs starting "Update <month> <year>:" start dated
//!    entries; other paragraphs continue the current entry. A completion
//!    cell that is prose rather than a date (more than six words, unless
//!    every line names a month and year; or no date at all) is progress.
//!    (`progress.rs`)
//! 7. RAG comes from the RAG column's text, else its fill, else the
//!    progress cell's fill. (`rag.rs`)
//!
//! Rows above a table's header are the plan's text (priority labels,
//! "OUTCOME: ..."); a column of repeating priority names makes priorities
//! (`State::priority_column`); with no audience column the priority's
//! board, the sheet's name or the plan's title says whose action it is
//! (`action.rs`).
//!
//! The other fields of an action come from one cell each (`action.rs`);
//! dates, owners and cell text are read by `date.rs`, `owner.rs` and
//! `text.rs`.

mod action;
pub mod context;
pub mod date;
mod datescan;
mod header;
mod lists;
pub mod owner;
mod priorities;
mod progress;
pub mod rag;
mod rows;
mod split;
pub mod text;

use crate::layout::{ColumnMap, TableKind, TableLayout};
use crate::model::{Block, Document, LegendEntry, SourceLoc, Table};
use crate::plan::{Action, Field, OtherTable, Place, PlanInfo, PlanWarning, Priority};
use date::DateContext;
use header::TableHeader;
use rows::Continuation;

pub use action::{audience, board_side, board_words};
pub use lists::split_lead_due;
pub use progress::progress_entries;

/// What normalisation produces (the plan without its source and gaps).
#[derive(Debug, Clone)]
pub struct Normalised {
    /// Plan-level facts.
    pub info: PlanInfo,
    /// Priorities.
    pub priorities: Vec<Priority>,
    /// Actions.
    pub actions: Vec<Action>,
    /// Importer warnings.
    pub warnings: Vec<PlanWarning>,
    /// Tables that are not action tables, whole.
    pub other_tables: Vec<OtherTable>,
    /// Column maps of the action tables, for layout identification.
    pub maps: Vec<ColumnMap>,
    /// Which fields each action table has, and reviewer comments.
    pub context: crate::plan::PlanContext,
}

/// Convert a source location to a plan place.
pub fn place(s: &SourceLoc) -> Place {
    Place {
        page: s.page,
        sheet: s.sheet.clone(),
        table: s.table,
        row: s.row,
        cell: s.cell.clone(),
    }
}

struct State<'a> {
    /// The document's colour key, if it has one.
    legend: &'a [LegendEntry],
    /// Rating words the document's key written as text gives a colour
    /// ("Blue = Complete"): looked for only when a RAG cell's text is not
    /// a rating itself (most plans write "Green" or colour the cell, and
    /// the search reads every paragraph and cell of the document).
    rag_key: std::cell::OnceCell<Vec<(String, crate::plan::Rag)>>,
    /// The document, for what is read of it only when needed.
    doc: &'a Document,
    dates: DateContext,
    priorities: Vec<Priority>,
    /// Per priority: the qualifier of its heading and the heading's level.
    priority_meta: Vec<priorities::PriorityMeta>,
    current: Option<usize>,
    /// Whether a heading or label with the word "Priority" has been met
    /// (then "Theme A: ..." headings are topics, not priorities).
    priority_words: bool,
    /// The level of the first heading numbered as a priority ("1. Safer
    /// streets") in a plan with no priority words: such headings at that
    /// level are priorities on trial ([`State::settle_numbered`]).
    numbered_level: Option<u8>,
    awaiting_title: Option<usize>,
    in_outcomes: bool,
    section: Option<String>,
    actions: Vec<Action>,
    warnings: Vec<PlanWarning>,
    other_tables: Vec<OtherTable>,
    maps: Vec<ColumnMap>,
    context: crate::plan::PlanContext,
    /// Where the last action table left its id, objective and audience, for
    /// a table that continues it (rule 3 across a page break).
    carried: Continuation,
    /// Whose plan the title or organisation says it is, when it names one
    /// kind of board.
    plan_audience: Option<crate::plan::Audience>,
    /// Owner and date texts already read in this plan ([`Readings`]).
    read: std::cell::RefCell<Readings>,
}

/// Owner and date cells already read, by text: a plan names the same
/// owners and dates row after row (about two in five of a plan's owner and
/// date texts are repeats), and reading one is a pure function of its
/// text (and, for a date, the plan's [`DateContext`], fixed for the plan).
#[derive(Default)]
struct Readings {
    leads: hashbrown::HashMap<String, Option<crate::plan::Lead>>,
    dues: hashbrown::HashMap<String, crate::plan::Due>,
}

/// Normalise a document, whose tables the recognition stage laid out
/// ([`crate::layout::recognise`]).
pub fn normalise(doc: &Document, layouts: &[TableLayout]) -> Normalised {
    // The first blocks' clean texts: read by `plan_info`, then by the pass
    // below (cleaned once).
    let head_texts = context::head_texts(doc);
    // Key/value tables' rows, likewise read once for both.
    let mut key_values = context::key_value_tables(doc);
    let info = context::plan_info_of(doc, &head_texts, &key_values);
    let mut head_texts = head_texts.into_iter();
    let mut st = State {
        legend: &doc.legend,
        rag_key: std::cell::OnceCell::new(),
        doc,
        dates: DateContext::from_period(info.period.as_ref()),
        priorities: Vec::new(),
        priority_meta: Vec::new(),
        current: None,
        priority_words: false,
        numbered_level: None,
        awaiting_title: None,
        in_outcomes: false,
        section: None,
        // About one action a table row: grown from empty, the vector of
        // (large) actions was copied several times a plan.
        actions: Vec::with_capacity(
            doc.blocks
                .iter()
                .map(|b| match b {
                    Block::Table(t) => t.n_rows,
                    _ => 0,
                })
                .sum::<usize>()
                .min(4096),
        ),
        warnings: doc
            .warnings
            .iter()
            .map(|w| PlanWarning {
                message: w.message.clone(),
                source: place(&w.source),
            })
            .collect(),
        other_tables: Vec::new(),
        maps: Vec::new(),
        context: Default::default(),
        carried: Continuation::default(),
        plan_audience: [&info.organisation, &info.title]
            .iter()
            .find_map(|t| t.as_deref().and_then(context::audience_of_title)),
        read: Default::default(),
    };
    // A workbook with its actions on two sheets or more named as
    // priorities ("1. Neglect", "Exploitation"): each sheet's name is the
    // priority of what it holds, as a heading above its rows would be.
    let sheet_priorities = sheet_priorities(doc, layouts);
    let mut last_sheet: Option<&str> = None;
    for (k, block) in doc.blocks.iter().enumerate() {
        // A heading's or paragraph's clean text, cleaned for `plan_info`
        // when it is one of the first blocks.
        let mut clean_text = |p: &crate::model::Paragraph| {
            let cleaned = if k < context::HEAD_BLOCKS {
                head_texts.next().map(|(_, t)| t)
            } else {
                None
            };
            cleaned.unwrap_or_else(|| text::clean(&p.text_cow()))
        };
        let (sheet, source) = match block {
            Block::Heading { paragraph, .. } | Block::Paragraph(paragraph) => {
                (paragraph.source.sheet.as_deref(), &paragraph.source)
            }
            Block::Table(t) => (t.source.sheet.as_deref(), &t.source),
        };
        if let Some(name) = sheet.filter(|&s| last_sheet != Some(s)) {
            last_sheet = Some(name);
            if sheet_priorities.contains(&name) {
                let i = st.column_priority(name, source);
                st.current = Some(i);
                st.section = None;
            }
        }
        match block {
            Block::Heading { level, paragraph } => {
                let t = clean_text(paragraph);
                st.clean_text(t, false, Some(*level), &paragraph.source);
                st.comments(paragraph, None, None);
            }
            Block::Paragraph(p) => {
                let t = clean_text(p);
                st.clean_text(t, p.list.is_some(), None, &p.source);
                st.comments(p, None, None);
            }
            Block::Table(t) => {
                st.in_outcomes = false;
                st.awaiting_title = None;
                if let Some(rows) = key_values.get_mut(k).and_then(Option::take) {
                    st.key_value(rows);
                }
                for l in layouts.iter().filter(|l| l.table == t.index) {
                    let part = header::part(t, l.start, l.end);
                    if l.kind == TableKind::Action {
                        st.table(&part, l);
                    } else {
                        st.other_table(&part, l);
                    }
                }
            }
        }
    }
    st.settle_numbered();
    Normalised {
        info,
        priorities: st.priorities,
        actions: st.actions,
        warnings: st.warnings,
        other_tables: st.other_tables,
        maps: st.maps,
        context: st.context,
    }
}

/// The sheets whose names are the priorities of the actions on them: the
/// sheets holding action tables, when there are two or more and every one
/// of their names can name a priority ([`context::sheet_names_a_priority`]).
fn sheet_priorities<'d>(doc: &'d Document, layouts: &[TableLayout]) -> Vec<&'d str> {
    let mut sheets: Vec<&str> = Vec::new();
    for block in &doc.blocks {
        if let Block::Table(t) = block {
            let action = layouts
                .iter()
                .any(|l| l.table == t.index && l.kind == TableKind::Action);
            if let Some(name) = t.source.sheet.as_deref().filter(|_| action) {
                if !sheets.contains(&name) {
                    sheets.push(name);
                }
            }
        }
    }
    if sheets.len() >= 2 && sheets.iter().all(|s| context::sheet_names_a_priority(s)) {
        sheets
    } else {
        Vec::new()
    }
}

impl State<'_> {
    /// The document's RAG key written as text ([`rag_key`]), looked for
    /// the first time it is asked for.
    fn text_key(&self) -> &[(String, crate::plan::Rag)] {
        self.rag_key.get_or_init(|| rag_key(self.doc))
    }
}

/// The rating words a key written in the document's text gives a colour:
/// from its paragraphs and its table cells, the first key found.
fn rag_key(doc: &Document) -> Vec<(String, crate::plan::Rag)> {
    let paragraphs = doc.blocks.iter().flat_map(|b| match b {
        Block::Heading { paragraph, .. } => std::slice::from_ref(paragraph).iter(),
        Block::Paragraph(p) => std::slice::from_ref(p).iter(),
        Block::Table(_) => [].iter(),
    });
    let paragraphs: Vec<_> = paragraphs.collect();
    for p in &paragraphs {
        let key = rag::key_entries(&p.text_cow());
        if !key.is_empty() {
            return key;
        }
    }
    // A key written a line per colour under its label ("Status key" /
    // "Complete – Blue" / "Green – on track"): the label and the short
    // lines after it, read as one text.
    for (i, p) in paragraphs.iter().enumerate() {
        let label = p.text_cow();
        if label.len() > 40 || !crate::pattern::contains_ci(&label, "key") {
            continue;
        }
        let mut text = label.into_owned();
        for q in paragraphs[i + 1..].iter().take(6) {
            let line = q.text_cow();
            if line.len() > 80 {
                break;
            }
            text.push('\n');
            text.push_str(&line);
        }
        let key = rag::key_entries(&text);
        if !key.is_empty() {
            return key;
        }
    }
    for t in doc.tables() {
        for cell in &t.cells {
            // A key is a cell of its own; most cells are not worth the
            // text: a key holds "=", or says "key" or "RAG".
            let likely = cell.paragraphs.iter().any(|p| {
                p.spans.iter().any(|s| {
                    s.text.contains('=')
                        || crate::pattern::contains_ci(&s.text, "key")
                        || crate::pattern::contains_ci_by(&s.text, "rag", 2)
                })
            });
            if likely {
                let key = rag::key_entries(&text::cell_text(cell));
                if !key.is_empty() {
                    return key;
                }
            }
        }
    }
    Vec::new()
}

/// Whether a header names what groups a plan's actions ("Theme", "Strategic
/// aim", "Workstream", "Priority area"): its values can be the plan's
/// priorities.
fn groups_actions(header: &str) -> bool {
    const WORDS: [&str; 9] = [
        "theme",
        "themes",
        "aim",
        "aims",
        "strand",
        "workstream",
        "area",
        "ambition",
        "bucket",
    ];
    // An ASCII header's words are compared without a lower-case copy (no
    // ASCII letter lower-cases to another word; outside ASCII, the Kelvin
    // sign does, to "k").
    if header.is_ascii() {
        return header
            .split(|c: char| !c.is_ascii_alphanumeric())
            .any(|w| WORDS.iter().any(|x| w.eq_ignore_ascii_case(x)));
    }
    header
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| WORDS.contains(&w))
}

/// An importance rating or a bare rank, not a group's name: "High",
/// "Med", "(1) High", "Normal", "P1", "3" (or nothing).
fn is_importance(v: &str) -> bool {
    let v = v.trim().to_lowercase();
    // "(1) High", "2 - Medium": the rank before the word.
    let v = v
        .trim_start_matches(|c: char| c.is_ascii_digit() || "()[]-.: ".contains(c))
        .to_string();
    v.is_empty()
        || matches!(
            v.as_str(),
            "high"
                | "medium"
                | "med"
                | "low"
                | "normal"
                | "urgent"
                | "critical"
                | "important"
                | "h"
                | "m"
                | "l"
                | "very high"
                | "very low"
        )
        || v.trim_start_matches('p')
            .bytes()
            .all(|b| b.is_ascii_digit())
}

/// Whether column `c` holds a value typed again in the next row's own cell
/// (not one cell merged down over both, which is an objective that
/// continues: rule 3).
fn typed_again(rows: &[rows::Row<'_>], c: usize) -> bool {
    rows.windows(2).any(|w| {
        let (a, b) = (&w[0], &w[1]);
        !b.texts[c].is_empty()
            && a.texts[c] == b.texts[c]
            && !b.dittos[c]
            && matches!((a.cells[c], b.cells[c]), (Some(x), Some(y)) if !std::ptr::eq(x, y))
    })
}

impl State<'_> {
    /// A table's rows as actions (rules 1 to 7, in order).
    fn table(&mut self, t: &Table, layout: &TableLayout) {
        let header = TableHeader::of(t, layout);
        // Rows above the header ("Priority 1: Neglect", "OUTCOME: ...",
        // "KEY ACTION: ...") are the plan's text, not actions.
        let first_header = layout.header_rows.first().map_or(0, |h| h - layout.start);
        for r in 0..first_header.min(t.n_rows) {
            let mut seen: Vec<*const crate::model::Cell> = Vec::new();
            for c in 0..t.n_cols {
                if let Some(cell) = t.cell_at(r, c) {
                    if !seen.contains(&(cell as *const _)) {
                        seen.push(cell as *const _);
                        let text = text::cell_text(cell);
                        self.text(&text, false, None, &cell.source);
                    }
                }
            }
        }
        let rows = self.resolve_rows(t, &header);
        let mut map = header.map;
        let mut fields_here: Vec<Field> = map.columns.iter().flatten().copied().collect();
        fields_here.sort();
        fields_here.dedup();
        // A plan table without a lead or due column cannot be checked for
        // owners or dates: say so once per table (not for a continuation).
        let missing: Vec<&str> = [(Field::Lead, "lead"), (Field::Due, "due")]
            .iter()
            .filter(|(f, _)| !fields_here.contains(f))
            .map(|(_, n)| *n)
            .collect();
        // Once per set of columns: a plan of ten tables in one layout gets
        // one warning, for its first table.
        let first_of_its_kind = !self
            .context
            .tables
            .iter()
            .any(|(_, fields)| *fields == fields_here);
        if !missing.is_empty() && layout.continues.is_none() && first_of_its_kind {
            self.warnings.push(PlanWarning {
                message: format!(
                    "table {} is an action table with no {} column, so its actions are not \
                     checked for {}; if one of its columns holds it, `actionplan layout` shows \
                     how each was read",
                    t.index + 1,
                    missing.join(" or "),
                    if missing.len() == 2 {
                        "an owner or a date"
                    } else if missing[0] == "lead" {
                        "an owner"
                    } else {
                        "a date"
                    }
                ),
                source: Place {
                    table: Some(t.index),
                    ..place(&t.source)
                },
            });
        }
        self.context.tables.push((t.index, fields_here));
        if rows.is_empty() && map.mapped() > 0 {
            // An empty table: the priority it sits under has no actions.
            self.maps.push(map);
            return;
        }
        let keys = action::field_keys(&map.headers);
        // A column that is the RAG alone (not "Progress (RAG)", whose text
        // is the progress).
        if let Some(k) = map
            .column_of(Field::Rag)
            .filter(|&c| map.columns[c] == [Field::Rag])
            .and_then(|c| keys.get(c))
        {
            self.context.rag_keys.push((t.index, k.clone()));
        }
        // A table that continues the one before it goes on from its last
        // row: a merged objective cut by a page break (blank, or cut off
        // with its column) is still the objective above.
        let mut continuation = if layout.continues.is_some() {
            std::mem::take(&mut self.carried).continuing()
        } else {
            Continuation::default()
        };
        let mut carried_lead = None;
        let priority_column = self.priority_column(&rows, &map);
        // "Priority | Objective": the priority column is not also the
        // objective when another column is (recognition gave both).
        let objective_columns: Vec<usize> = (0..map.columns.len())
            .filter(|&c| map.columns[c].contains(&Field::Objective))
            .collect();
        if objective_columns.len() > 1 {
            if let Some(&c) = objective_columns.iter().find(|&&c| {
                Some(c) == priority_column
                    || crate::pattern::contains_ci(&map.headers[c], "priorit")
            }) {
                map.columns[c].retain(|f| *f != Field::Objective);
            }
        }
        // Each field's column, looked up once for the rows below.
        let cols = rows::Columns::new(&map);
        let outer = self.current;
        let mut last_priority: Option<usize> = None;
        // Rows grouped under a row above them (a spreadsheet's outline):
        // a row with deeper rows under it heads them: at the top level it
        // is a priority, deeper an objective; it is no action.
        let level = |r: usize| {
            t.row_levels
                .iter()
                .find(|(x, _)| *x == r)
                .map_or(0, |&(_, l)| l)
        };
        let mut outline_objective: Option<String> = None;
        let mut rows = rows;
        for i in 0..rows.len() {
            let row = &rows[i];
            if let Some(p) = row.priority {
                self.current = Some(p);
            }
            if !t.row_levels.is_empty() {
                let here = level(row.r);
                if rows.get(i + 1).is_some_and(|n| level(n.r) > here) {
                    let text = row
                        .texts
                        .iter()
                        .find(|s| !s.is_empty())
                        .cloned()
                        .unwrap_or_default();
                    if here == 0 {
                        let source = row.cells.iter().flatten().next().map(|c| c.source.clone());
                        self.current =
                            Some(self.column_priority(&text, &source.unwrap_or_default()));
                        outline_objective = None;
                    } else {
                        outline_objective = Some(text);
                    }
                    continue;
                }
            }
            let Some(mut inherited) = continuation.next(&rows, i, &cols) else {
                continue;
            };
            if inherited.objective.is_none() {
                inherited.objective = outline_objective.clone();
            }
            if let Some(c) = priority_column {
                let value = &row.texts[c];
                if !value.is_empty() {
                    let source = row.cells[c].map(|c| c.source.clone()).unwrap_or_default();
                    last_priority = Some(self.column_priority(value, &source));
                }
                self.current = last_priority.or(outer);
                // A row that names its priority (and perhaps the outcome
                // it is after) with no action, reference, owner or date in
                // it ("| Online safety | | |"): the priority is there, with
                // no action.
                let empty = |f: Field| {
                    map.columns
                        .iter()
                        .enumerate()
                        .filter(|(k, fs)| *k != c && fs.contains(&f))
                        .all(|(k, _)| row.texts[k].trim().is_empty())
                };
                if [Field::Action, Field::Id, Field::Lead, Field::Due]
                    .into_iter()
                    .all(empty)
                {
                    continue;
                }
            }
            let base = self.base_action(t, row, &cols, inherited);
            let first_action = self.actions.len();
            self.row_comments(row, &cols, first_action);
            self.push_actions(base, row, &cols, &mut carried_lead);
            // No later row reads this one's texts (only its cells): they
            // become its actions' fields.
            let texts = std::mem::take(&mut rows[i].texts);
            action::with_fields(&mut self.actions[first_action..], &keys, texts);
        }
        if priority_column.is_some() {
            self.current = outer;
        }
        self.carried = continuation;
        self.maps.push(map);
    }

    /// A column of priorities: an objective column headed "Priority Area",
    /// "Strategic Priority" or the like whose values repeat down the table
    /// (fewer distinct values than rows), in a table under no priority
    /// heading, and whose values read as names ("Neglect", "Priority 1:
    /// Neglect": at most eight words, or a priority label) rather than
    /// statements of outcome; or a column headed "Theme", "Strategic aim",
    /// "Workstream" whose values are typed again in the rows below (not one
    /// cell merged down: an objective, rule 3). Its values become
    /// priorities and set each action's.
    fn priority_column(&self, rows: &[rows::Row<'_>], map: &ColumnMap) -> Option<usize> {
        if self.current.is_some() || rows.len() < 2 {
            return None;
        }
        (0..map.columns.len()).find(|&c| {
            // A column headed "Priority ..." holds names of at most eight
            // words; one headed "Theme", "Strategic aim" ... whose values
            // are typed again row after row may state its aims at more
            // length ("Children missing from home are found and kept safe").
            // ("priorit" ASCII case aside: no other character lower-cases
            // into it, so no lower-case copy is made.)
            let words = if crate::pattern::contains_ci(&map.headers[c], "priorit") {
                8
            } else if groups_actions(&map.headers[c]) && typed_again(rows, c) {
                12
            } else {
                0
            };
            // (A grouping column left unmapped, because another column is
            // the objective, groups all the same; not one of importance
            // ratings or bare numbers, "Priority: High / Medium / Low".)
            let grouping = map.columns[c].contains(&Field::Objective)
                || (map.columns[c].is_empty()
                    && (groups_actions(&map.headers[c])
                        || crate::pattern::contains_ci(&map.headers[c], "priorit"))
                    && !rows.iter().all(|r| is_importance(&r.texts[c])));
            grouping && words > 0 && {
                let mut values: Vec<&str> = rows
                    .iter()
                    .map(|r| r.texts[c].as_str())
                    .filter(|v| !v.is_empty())
                    .collect();
                let n = values.len();
                values.sort_unstable();
                values.dedup();
                !values.is_empty()
                    && values.len() < rows.len()
                    && n > 0
                    && values.iter().all(|v| {
                        v.split_whitespace().count() <= words
                            || context::priority_heading(v).is_some()
                    })
            }
        })
    }

    /// A table that is not an action table: kept whole, and said when it
    /// might have been one (three or more columns and rows).
    fn other_table(&mut self, t: &Table, layout: &TableLayout) {
        let rows = t.text_grid();
        let source = Place {
            table: Some(t.index),
            ..place(&t.source)
        };
        if layout.kind == TableKind::Other && t.n_cols >= 3 && t.n_rows >= 3 {
            self.warnings.push(PlanWarning {
                message: format!(
                    "table {} was not read as an action table ({}); its text is in \
                     `other_tables`. If its rows are actions, `actionplan layout` shows how its \
                     columns were read, and a profile (--profile FILE, lines such as \
                     `action: <header>`) maps them",
                    t.index + 1,
                    layout.reason
                ),
                source: source.clone(),
            });
        }
        self.other_tables.push(OtherTable {
            kind: layout.kind.name(),
            reason: layout.reason.clone(),
            source,
            rows,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Cell;

    /// Recognise with the built-in vocabulary, then normalise.
    pub(super) fn normalise_builtin(doc: &Document) -> Normalised {
        let layouts = crate::layout::recognise(doc, &crate::layout::Vocabulary::builtin());
        normalise(doc, &layouts)
    }

    /// A one-row table with the given header and row texts; `dates` gives
    /// the ISO date of row cells that are spreadsheet date cells.
    pub(super) fn sheet_table(header: &[&str], row: &[&str], dates: &[Option<&str>]) -> Document {
        let cell = |r: usize, c: usize, text: &str, date: Option<&str>| Cell {
            row: r,
            col: c,
            row_span: 1,
            col_span: 1,
            paragraphs: vec![crate::model::Paragraph {
                spans: vec![crate::model::Span {
                    text: text.into(),
                    ..Default::default()
                }],
                ..Default::default()
            }],
            date: date.map(str::to_string),
            ..Default::default()
        };
        let mut cells = Vec::new();
        for (c, h) in header.iter().enumerate() {
            cells.push(cell(0, c, h, None));
        }
        for (c, t) in row.iter().enumerate() {
            cells.push(cell(1, c, t, dates.get(c).copied().flatten()));
        }
        Document {
            meta: crate::model::Meta {
                format: crate::model::Format::Xlsx,
                title: None,
                producer: None,
                pages: None,
                sheets: Some(1),
            },
            blocks: vec![Block::Table(Table {
                n_rows: 2,
                n_cols: header.len(),
                cells,
                ..Default::default()
            })],
            warnings: Vec::new(),
            legend: Vec::new(),
        }
    }
}
