//! Normalisation: from the document model and its column maps to the plan.
//!
//! One pass over the blocks. Headings and paragraphs update the context
//! (current priority, its outcomes); key/value tables name priorities and
//! owners; every other table is mapped by `layout` and its rows become
//! actions. The rules, in the order they apply to a row (OUTPUT.md):
//! 1. Header rows (marked, found, or repeated on a later page) and blank
//!    rows are not actions. A row that is one cell across the table
//!    ("1. Children's Social Care") sets the `section`.
//! 2. Ditto marks (“ ” and friends) take the value of the same column in the
//!    row above, after that row's own resolution.
//! 3. Continuation rows: a blank objective inherits the objective above; a
//!    blank id inherits the id above when the objective is blank too; a
//!    blank audience inherits with the id. A row that holds only an
//!    objective (and id) and is followed by continuation rows heads them and
//!    is not an action itself.
//! 4. One action cell listing several items, with a lead/timescale cell of as
//!    many paragraphs, becomes one action per item, paired in order.
//! 5. A combined "lead & timescale" text is split at the longest trailing
//!    date expression. **Lead carry rule:** when a lead-and-timescale
//!    paragraph names no lead, the lead last named for the same objective
//!    carries to it, until another is named.
//! 6. Progress paragraphs starting "Update <month> <year>:" start dated
//!    entries; other paragraphs continue the current entry. A completion
//!    cell that is prose rather than a date (more than six words, unless
//!    every line names a month and year; or no date at all) is progress.
//! 7. RAG comes from the RAG column's text, else its fill, else the
//!    progress cell's fill.

pub mod date;
pub mod owner;
pub mod rag;
pub mod text;

use std::borrow::Cow;

use serde_json::{Map, Value};

use crate::layout::context::{self, Label};
use crate::layout::{find_header, ColumnMap, Field, Vocabulary};

use crate::model::{Block, Cell, Document, LegendEntry, SourceLoc, Table};
use crate::plan::{
    Action, Audience, Due, DueKind, Lead, Place, PlanInfo, PlanWarning, Priority, Progress,
};
use date::DateContext;

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
    vocab: &'a Vocabulary,
    /// The document's colour key, if it has one.
    legend: &'a [LegendEntry],
    dates: DateContext,
    priorities: Vec<Priority>,
    /// Per priority: the qualifier of its heading and the heading's level.
    priority_meta: Vec<(String, Option<u8>)>,
    current: Option<usize>,
    awaiting_title: Option<usize>,
    in_outcomes: bool,
    section: Option<String>,
    actions: Vec<Action>,
    warnings: Vec<PlanWarning>,
    maps: Vec<ColumnMap>,
    context: crate::plan::PlanContext,
}

/// Normalise a document.
pub fn normalise(doc: &Document, vocab: &Vocabulary) -> Normalised {
    let info = context::plan_info(doc);
    let mut st = State {
        vocab,
        legend: &doc.legend,
        dates: DateContext::from_period(info.period.as_ref()),
        priorities: Vec::new(),
        priority_meta: Vec::new(),
        current: None,
        awaiting_title: None,
        in_outcomes: false,
        section: None,
        actions: Vec::new(),
        warnings: doc
            .warnings
            .iter()
            .map(|w| PlanWarning {
                message: w.message.clone(),
                source: place(&w.source),
            })
            .collect(),
        maps: Vec::new(),
        context: Default::default(),
    };
    for block in &doc.blocks {
        match block {
            Block::Heading { level, paragraph } => {
                st.text(&paragraph.text(), false, Some(*level), &paragraph.source);
                st.comments(paragraph, None, None);
            }
            Block::Paragraph(p) => {
                st.text(&p.text(), p.list.is_some(), None, &p.source);
                st.comments(p, None, None);
            }
            Block::Table(t) => {
                st.in_outcomes = false;
                st.awaiting_title = None;
                if context::is_key_value(t) {
                    st.key_value(t);
                } else {
                    let vocab = st.vocab;
                    for part in split_at_new_headers(t, vocab) {
                        st.table(&part);
                    }
                }
            }
        }
    }
    Normalised {
        info,
        priorities: st.priorities,
        actions: st.actions,
        warnings: st.warnings,
        maps: st.maps,
        context: st.context,
    }
}

impl State<'_> {
    /// Keep a paragraph's reviewer comments as notes on an action (or on
    /// the current priority).
    fn comments(
        &mut self,
        p: &crate::model::Paragraph,
        action: Option<usize>,
        field: Option<Field>,
    ) {
        for c in &p.comments {
            self.context.notes.push(crate::plan::Note {
                action,
                priority: self.priority_key(),
                field: field.map(Field::name),
                author: c.author.clone(),
                text: c.text.clone(),
                source: place(&p.source),
            });
        }
    }

    /// The id (or title) actions of the current priority carry.
    fn priority_key(&self) -> Option<String> {
        let p = &self.priorities[self.current?];
        p.id.clone().or_else(|| Some(p.title.clone()))
    }

    /// Add a priority, or return the one it repeats. A heading repeats an
    /// earlier priority when the number and the qualifier are the same
    /// (Nottingham lists its priorities, then heads each table with one).
    /// "LSCB Priority 1" after "Joint Priority 1" is a different priority:
    /// its id takes the qualifier ("LSCB 1") so actions can tell them apart.
    fn upsert_priority(
        &mut self,
        h: context::PriorityHeading,
        level: Option<u8>,
        source: &SourceLoc,
    ) -> usize {
        let lead = h.owner.as_deref().and_then(owner::parse_lead);
        let same_number: Vec<usize> = self
            .priorities
            .iter()
            .enumerate()
            .filter(|(i, p)| {
                p.id.as_deref() == Some(h.id.as_str())
                    || self.priority_meta[*i].0.to_lowercase() + " " + &h.id
                        == p.id.clone().unwrap_or_default().to_lowercase()
            })
            .map(|(i, _)| i)
            .collect();
        if let Some(&i) = same_number
            .iter()
            .find(|&&i| self.priority_meta[i].0.eq_ignore_ascii_case(&h.qualifier))
        {
            let p = &mut self.priorities[i];
            if p.title.is_empty() {
                p.title = h.title;
            }
            if lead.is_some() {
                p.lead = lead;
            }
            if level.is_some() {
                self.priority_meta[i].1 = level;
            }
            return i;
        }
        let id = if same_number.is_empty() || h.qualifier.is_empty() {
            h.id
        } else {
            format!("{} {}", h.qualifier, h.id)
        };
        self.priorities.push(Priority {
            id: Some(id),
            title: h.title,
            lead,
            outcomes: Vec::new(),
            source: place(source),
        });
        self.priority_meta.push((h.qualifier, level));
        self.priorities.len() - 1
    }

    fn text(&mut self, raw: &str, is_list: bool, heading: Option<u8>, source: &SourceLoc) {
        let t = text::clean(raw);
        if t.is_empty() {
            return;
        }
        if let Some(h) = context::priority_heading(&t) {
            let untitled = h.title.is_empty();
            let i = self.upsert_priority(h, heading, source);
            self.current = Some(i);
            self.in_outcomes = false;
            self.section = None;
            self.awaiting_title = (untitled && self.priorities[i].title.is_empty()).then_some(i);
            return;
        }
        if let Some(i) = self.awaiting_title.take() {
            if !is_list && t.len() <= 400 && !context::is_outcomes_label(&t) {
                self.priorities[i].title = t;
                return;
            }
        }
        if context::is_outcomes_label(&t) {
            self.in_outcomes = self.current.is_some();
            return;
        }
        if let Some(level) = heading {
            self.in_outcomes = false;
            let parent_level = self.current.and_then(|i| self.priority_meta[i].1);
            if let Some(parent_level) = parent_level.filter(|p| level > *p) {
                // A topic heading under a titled priority ("Neglect" under
                // "LSCB Priority 3"): a priority of its own, without a number,
                // so that its table (or its lack of one) is its own.
                self.priorities.push(Priority {
                    id: None,
                    title: t,
                    lead: None,
                    outcomes: Vec::new(),
                    source: place(source),
                });
                self.priority_meta.push((String::new(), Some(parent_level)));
                self.current = Some(self.priorities.len() - 1);
            } else {
                // A heading at the priority's level or above that is not a
                // priority ends it ("Guidance for sub group Chairs").
                self.current = None;
            }
            return;
        }
        if self.in_outcomes {
            if is_list {
                if let Some(i) = self.current {
                    self.priorities[i].outcomes.push(t);
                }
                return;
            }
            self.in_outcomes = false;
        }
    }

    fn key_value(&mut self, t: &Table) {
        for r in 0..t.n_rows {
            let (Some(k), Some(v)) = (t.cell_at(r, 0), t.cell_at(r, 1)) else {
                continue;
            };
            let value = text::cell_text(v);
            match context::label(&text::cell_text(k)) {
                Label::Priority(mut h) => {
                    h.title = value;
                    let i = self.upsert_priority(h, None, &k.source);
                    self.current = Some(i);
                }
                Label::Lead => {
                    if let Some(i) = self.current {
                        if let Some(l) = owner::parse_lead(&value) {
                            self.priorities[i].lead = Some(l);
                        }
                    }
                }
                Label::Title | Label::Other => {}
            }
        }
    }

    fn table(&mut self, t: &Table) {
        let grid = t.grid();
        let header = find_header(t, self.vocab);
        let (map, first_row) = match header {
            Some((r, map)) => (map, r + 1),
            None => {
                let headers: Vec<String> = (1..=t.n_cols).map(|i| format!("column {i}")).collect();
                self.warnings.push(PlanWarning {
                    message: format!(
                        "table {} has no header row that matches the vocabulary, so its rows keep \
                         only `fields` (\"column 1\", ...); to map it, write a profile file with \
                         lines such as `lead: <your header text>` and pass --profile FILE",
                        t.index + 1
                    ),
                    source: place(&t.source),
                });
                (
                    ColumnMap {
                        columns: vec![Vec::new(); headers.len()],
                        headers,
                        score: 0.0,
                        exact: 0,
                    },
                    t.header_rows,
                )
            }
        };
        let keys = field_keys(&map.headers);
        let header_fold: Vec<String> = map.headers.iter().map(|h| crate::layout::fold(h)).collect();

        // Rows as resolved texts, before deciding which are actions.
        struct Row<'c> {
            r: usize,
            texts: Vec<String>,
            /// Which cells held a ditto mark.
            dittos: Vec<bool>,
            /// The section row above it ("1. Children's Social Care").
            section: Option<String>,
            cells: Vec<Option<&'c Cell>>,
        }
        let mut rows: Vec<Row<'_>> = Vec::new();
        let mut prev: Option<Vec<String>> = None;
        for (r, grid_row) in grid.iter().enumerate().skip(first_row.max(t.header_rows)) {
            let mut texts: Vec<String> = grid_row
                .iter()
                .map(|c| c.map(text::cell_text).unwrap_or_default())
                .collect();
            if texts.iter().all(|s| s.is_empty()) {
                continue;
            }
            // A header row repeated on a later page or before a section.
            let fold: Vec<String> = texts.iter().map(|h| crate::layout::fold(h)).collect();
            // (No header cell runs to 150 characters: long prose rows skip
            // the costly mapping.)
            let could_be_header = texts.iter().all(|t| t.len() < 150);
            if map.mapped() > 0
                && (fold == header_fold
                    || (could_be_header && self.vocab.map_row(&texts).is_header()))
            {
                continue;
            }
            if let Some(section) = section_text(grid_row, &texts, t.n_cols) {
                self.section = Some(section);
                prev = None;
                continue;
            }
            // A ditto means the value above as the reader sees it: when the
            // cell above is blank because it continues a value from further
            // up, that value.
            let dittos: Vec<bool> = texts.iter().map(|s| text::is_ditto(s)).collect();
            let mut seen = prev
                .take()
                .unwrap_or_else(|| vec![String::new(); texts.len()]);
            for (c, s) in texts.iter_mut().enumerate() {
                if dittos[c] {
                    *s = seen.get(c).cloned().unwrap_or_default();
                }
                if !s.is_empty() && c < seen.len() {
                    seen[c] = s.clone();
                }
            }
            prev = Some(seen);
            rows.push(Row {
                r,
                texts,
                dittos,
                section: self.section.clone(),
                cells: grid_row.clone(),
            });
        }
        let mut fields_here: Vec<Field> = map.columns.iter().flatten().copied().collect();
        fields_here.sort();
        fields_here.dedup();
        self.context.tables.push((t.index, fields_here));
        if rows.is_empty() && map.mapped() > 0 {
            // An empty table: the priority it sits under has no actions.
            self.maps.push(map);
            return;
        }

        let col = |f: Field| map.column_of(f);
        let id_c = col(Field::Id);
        let obj_c = col(Field::Objective);
        let aud_c = col(Field::Audience);
        let blank = |texts: &[String], c: Option<usize>| c.is_none_or(|c| texts[c].is_empty());
        let mut last_id: Option<String> = None;
        let mut last_obj: Option<String> = None;
        let mut last_aud: Option<String> = None;
        let mut carried_lead: Option<(Option<String>, Lead)> = None;
        for (i, row) in rows.iter().enumerate() {
            let texts = &row.texts;
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
            let cont =
                (blank(texts, obj_c) || merged_obj) && (blank(texts, id_c) || obj_c.is_none());
            let id = match id_c {
                Some(c) if !texts[c].is_empty() => Some(texts[c].clone()),
                Some(_) if blank(texts, obj_c) || merged_obj => last_id.clone(),
                _ => None,
            };
            let objective = match obj_c {
                Some(c) if !texts[c].is_empty() => Some(texts[c].clone()),
                Some(_) => last_obj.clone(),
                None => None,
            };
            let audience_text = match aud_c {
                Some(c) if !texts[c].is_empty() => Some(texts[c].clone()),
                Some(_) if cont => last_aud.clone(),
                _ => None,
            };
            last_id = id.clone();
            last_obj = objective.clone();
            last_aud = audience_text.clone();

            // Only an objective (and id, audience), with continuation rows
            // after it: it heads them.
            let only_heading = texts.iter().enumerate().all(|(c, s)| {
                s.is_empty() || Some(c) == id_c || Some(c) == obj_c || Some(c) == aud_c
            }) && obj_c.is_some_and(|c| !texts[c].is_empty());
            let next_continues = rows
                .get(i + 1)
                .is_some_and(|n| blank(&n.texts, obj_c) && n.texts.iter().any(|s| !s.is_empty()));
            if only_heading && next_continues {
                continue;
            }

            let mut fields = Map::new();
            for (c, key) in keys.iter().enumerate() {
                fields.insert(key.clone(), Value::String(texts[c].clone()));
            }
            let get = |f: Field| col(f).map(|c| texts[c].clone()).filter(|s| !s.is_empty());
            let cell_of = |f: Field| col(f).and_then(|c| row.cells[c]);
            let source = {
                let c = row.cells.iter().flatten().next();
                Place {
                    page: c.and_then(|c| c.source.page),
                    sheet: c.and_then(|c| c.source.sheet.clone()),
                    table: Some(t.index),
                    // A part of a split table knows where it starts.
                    row: Some(row.r + t.source.row.unwrap_or(0)),
                    cell: c.and_then(|c| c.source.cell.clone()),
                }
            };

            let combined = col(Field::Lead).is_some() && col(Field::Lead) == col(Field::Due);
            // Progress entries, and completion prose moved into them.
            let mut progress = cell_of(Field::Progress)
                .map(|c| progress_entries(&text::paragraphs(c)))
                .unwrap_or_default();
            let completed = match get(Field::Completed) {
                Some(s) if s.split_whitespace().count() <= 6 || date::every_line_dated(&s) => {
                    let d = date::parse_due(&s, &self.dates);
                    if d.kind == crate::plan::DueKind::Unparsed {
                        progress.push(Progress {
                            date: None,
                            text: s,
                        });
                        None
                    } else {
                        Some(d)
                    }
                }
                Some(s) => {
                    progress.push(Progress {
                        date: None,
                        text: s,
                    });
                    None
                }
                None => None,
            };
            let rag = get(Field::Rag)
                .and_then(|s| rag::from_text(&s))
                .or_else(|| {
                    cell_of(Field::Rag)
                        .and_then(|c| c.fill.as_deref())
                        .and_then(|f| rag::from_fill_with(self.legend, f))
                })
                .or_else(|| {
                    cell_of(Field::Progress)
                        .and_then(|c| c.fill.as_deref())
                        .and_then(|f| rag::from_fill_with(self.legend, f))
                });
            let base = Action {
                id,
                priority: self.priority_key(),
                section: row.section.clone(),
                audience: audience_text.as_deref().and_then(audience),
                objective: objective.clone(),
                action: get(Field::Action),
                milestone: get(Field::Milestone),
                lead: None,
                due: None,
                measures: get(Field::Measures),
                progress,
                rag,
                completed,
                resources: get(Field::Resources),
                partners: get(Field::Partners),
                fields,
                source,
            };

            // Lead and due, and the split of listed actions.
            let lead_due_cell = if combined {
                cell_of(Field::Lead)
            } else {
                cell_of(Field::Due).or(cell_of(Field::Lead))
            };
            let items = cell_of(Field::Action).map(|c| {
                let paras = text::paragraphs(c);
                let lists = text::list_items(c);
                (paras, lists)
            });
            let pairs = lead_due_cell.map(text::paragraphs).unwrap_or_default();
            let split = match &items {
                Some((paras, lists)) => {
                    paras.len() >= 2
                        && lists.len() == paras.len()
                        && lists.iter().all(|l| *l)
                        && pairs.len() == paras.len()
                }
                None => false,
            };
            if carried_lead
                .as_ref()
                .is_some_and(|(obj, _)| *obj != objective)
            {
                carried_lead = None;
            }
            // Reviewer comments in the row's cells go with its (first) action.
            let first_action = self.actions.len();
            let mut seen: Vec<*const Cell> = Vec::new();
            for (c, cell) in row.cells.iter().enumerate() {
                let Some(cell) = cell else { continue };
                if seen.contains(&(*cell as *const Cell)) {
                    continue;
                }
                seen.push(*cell as *const Cell);
                let field = map.columns.get(c).and_then(|f| f.first().copied());
                for p in &cell.paragraphs {
                    self.comments(p, Some(first_action), field);
                }
            }
            if split {
                let (paras, _) = items.unwrap_or_default();
                for (k, item) in paras.iter().enumerate() {
                    let mut a = base.clone();
                    a.action = Some(item.clone());
                    if combined {
                        let (lead, due) =
                            self.lead_and_due(&pairs[k], &objective, &mut carried_lead);
                        a.lead = lead;
                        a.due = due;
                    } else {
                        a.due = Some(date::parse_due(&pairs[k], &self.dates));
                        a.lead = get(Field::Lead).as_deref().and_then(owner::parse_lead);
                    }
                    self.actions.push(a);
                }
                continue;
            }
            let mut a = base;
            if combined {
                if let Some(s) = get(Field::Lead) {
                    let (lead, due) = self.lead_and_due(&s, &objective, &mut carried_lead);
                    a.lead = lead;
                    a.due = due;
                }
            } else {
                a.lead = get(Field::Lead).as_deref().and_then(owner::parse_lead);
                a.due = get(Field::Due).map(|s| {
                    let due = date::parse_due(&s, &self.dates);
                    // A spreadsheet date cell whose display we cannot read
                    // still knows its date.
                    match cell_of(Field::Due).and_then(|c| c.date.clone()) {
                        Some(iso) if due.kind == DueKind::Unparsed => Due {
                            raw: due.raw,
                            kind: DueKind::Date,
                            start: Some(iso.clone()),
                            end: Some(iso),
                        },
                        _ => due,
                    }
                });
            }
            self.actions.push(a);
        }
        self.maps.push(map);
    }

    /// Split a combined lead-and-timescale text, applying the lead carry
    /// rule (module docs, rule 5).
    fn lead_and_due(
        &self,
        text: &str,
        objective: &Option<String>,
        carried: &mut Option<(Option<String>, Lead)>,
    ) -> (Option<Lead>, Option<Due>) {
        let (lead_text, due_text) = split_lead_due(text, &self.dates);
        let due = due_text.map(|d| date::parse_due(&d, &self.dates));
        let lead = match lead_text.as_deref().and_then(owner::parse_lead) {
            Some(l) => {
                *carried = Some((objective.clone(), l.clone()));
                Some(l)
            }
            None => carried.as_ref().map(|(_, l)| l.clone()),
        };
        (lead, due)
    }
}

/// Split "Teresa DeVito September 2011" into ("Teresa DeVito", "September
/// 2011") at the longest trailing run of words that is a date expression.
/// A text that is only a placeholder ("tba") is both an unknown lead and an
/// unknown date.
pub fn split_lead_due(text: &str, ctx: &DateContext) -> (Option<String>, Option<String>) {
    let words: Vec<&str> = text.split_whitespace().collect();
    for k in 0..words.len() {
        // A bracketed remark belongs to the lead ("[lead to be advised]").
        if words[k].starts_with(['[', '(']) || words[k].ends_with([']', ')']) {
            continue;
        }
        let suffix = words[k..].join(" ");
        // A date followed by a short tail ("July 2011 and ongoing",
        // "September 2011 & March 2012").
        let dated_tail = suffix.split_whitespace().count() <= 6
            && (1..=3).any(|n| {
                let head: Vec<&str> = words[k..].iter().take(n).copied().collect();
                head.len() == n && date::parse_strict(&head.join(" "), ctx).is_some()
            })
            && date::parse_due(&suffix, ctx).kind != crate::plan::DueKind::Unparsed;
        let is_date = dated_tail || date::parse_strict(&suffix, ctx).is_some() || {
            let d = date::parse_due(&suffix, ctx);
            matches!(
                d.kind,
                crate::plan::DueKind::Ongoing | crate::plan::DueKind::Recurring
            ) && k > 0
                && suffix.split_whitespace().count() <= 4
        };
        if is_date {
            let lead = words[..k].join(" ");
            return ((!lead.is_empty()).then_some(lead), Some(suffix));
        }
    }
    let all = words.join(" ");
    if all.is_empty() {
        (None, None)
    } else if date::is_placeholder(&all) {
        (Some(all.clone()), Some(all))
    } else {
        (Some(all), None)
    }
}

/// Progress entries from a progress cell's paragraphs (rule 6).
pub fn progress_entries(paragraphs: &[String]) -> Vec<Progress> {
    let mut out: Vec<Progress> = Vec::new();
    for p in paragraphs {
        if let Some((date, rest)) = date::dated_update(p) {
            out.push(Progress {
                date: Some(date),
                text: rest,
            });
        } else if let Some(last) = out.last_mut() {
            last.text.push('\n');
            last.text.push_str(p);
        } else {
            out.push(Progress {
                date: None,
                text: p.clone(),
            });
        }
    }
    out
}

/// The CAB column: C, A or B.
pub fn audience(text: &str) -> Option<Audience> {
    match text.trim().to_lowercase().as_str() {
        "c" | "children" | "child" | "cyp" => Some(Audience::Children),
        "a" | "adults" | "adult" => Some(Audience::Adults),
        "b" | "both" | "c/a" | "a/c" | "c & a" | "all" => Some(Audience::Both),
        _ => None,
    }
}

/// The key of each column in `fields`: its header text on one line; empty
/// headers become "column N"; repeated headers get " (2)", " (3)".
fn field_keys(headers: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for (i, h) in headers.iter().enumerate() {
        let base = h.split_whitespace().collect::<Vec<_>>().join(" ");
        let base = if base.is_empty() {
            format!("column {}", i + 1)
        } else {
            base
        };
        let mut key = base.clone();
        let mut n = 2;
        while out.contains(&key) {
            key = format!("{base} ({n})");
            n += 1;
        }
        out.push(key);
    }
    out
}

/// A table that holds a second header row mapping *other* columns (two
/// tables stacked on a sheet without a blank row between them) is read as
/// two: each part maps its own header. A repeated header with the same
/// mapping does not split (it is skipped as a repeat). Each part keeps the
/// table's index; `source.row` says at which row it starts.
fn split_at_new_headers<'t>(t: &'t Table, vocab: &Vocabulary) -> Vec<Cow<'t, Table>> {
    let Some((h, first)) = crate::layout::find_header(t, vocab) else {
        return vec![Cow::Borrowed(t)];
    };
    let grid = t.text_grid();
    let mut cuts = Vec::new();
    let mut current = first.columns;
    for (r, row) in grid.iter().enumerate().skip(h + 1) {
        if row.iter().any(|c| c.len() >= 150) {
            continue;
        }
        let m = vocab.map_row(row);
        if m.is_header() && m.columns != current {
            cuts.push(r);
            current = m.columns;
        }
    }
    if cuts.is_empty() {
        return vec![Cow::Borrowed(t)];
    }
    let mut bounds = vec![0];
    bounds.extend(&cuts);
    bounds.push(t.n_rows);
    bounds
        .windows(2)
        .map(|w| {
            let (start, end) = (w[0], w[1]);
            let cells = t
                .cells
                .iter()
                .filter(|c| c.row < end && c.row + c.row_span > start)
                .map(|c| {
                    let mut c = c.clone();
                    let top = c.row.max(start);
                    let bottom = (c.row + c.row_span).min(end);
                    c.row = top - start;
                    c.row_span = bottom - top;
                    c
                })
                .collect();
            Cow::Owned(Table {
                index: t.index,
                parent: t.parent,
                n_rows: end - start,
                n_cols: t.n_cols,
                header_rows: if start == 0 { t.header_rows } else { 0 },
                cells,
                source: SourceLoc {
                    row: Some(start),
                    ..t.source.clone()
                },
                range: t.range.clone(),
                hidden: t.hidden,
                hidden_rows: t
                    .hidden_rows
                    .iter()
                    .filter(|&&r| (start..end).contains(&r))
                    .map(|r| r - start)
                    .collect(),
                hidden_cols: t.hidden_cols.clone(),
            })
        })
        .collect()
}

/// A row that is one cell across the table ("1. Children's Social Care"):
/// all its non-empty slots belong to one merged cell that spans at least
/// half of three or more columns. (An unmerged numbered line alone in the
/// first column is not enough: B&NES writes issues that way.)
fn section_text(grid_row: &[Option<&Cell>], texts: &[String], n_cols: usize) -> Option<String> {
    if n_cols < 3 {
        return None;
    }
    let mut distinct: Vec<*const Cell> = Vec::new();
    for (c, cell) in grid_row.iter().enumerate() {
        if texts[c].is_empty() {
            continue;
        }
        let p = cell.map_or(std::ptr::null(), |c| c as *const Cell);
        if !distinct.contains(&p) {
            distinct.push(p);
        }
    }
    if distinct.len() != 1 {
        return None;
    }
    let first = texts.iter().position(|s| !s.is_empty())?;
    let cell = grid_row[first]?;
    (cell.col_span * 2 >= n_cols).then(|| texts[first].clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx() -> DateContext {
        DateContext {
            start_year: Some(2011),
        }
    }

    #[test]
    fn lead_and_timescale_split() {
        let s = |t: &str| split_lead_due(t, &ctx());
        assert_eq!(
            s("Task and finish group [lead to be advised] September 2011"),
            (
                Some("Task and finish group [lead to be advised]".into()),
                Some("September 2011".into())
            )
        );
        assert_eq!(s("December 2011"), (None, Some("December 2011".into())));
        assert_eq!(
            s("Jan to March 2012"),
            (None, Some("Jan to March 2012".into()))
        );
        assert_eq!(
            s("Teresa DeVito / Safeguarding Manager NCC February 2012 (for annual report)"),
            (
                Some("Teresa DeVito / Safeguarding Manager NCC".into()),
                Some("February 2012 (for annual report)".into())
            )
        );
        assert_eq!(
            s("tba End December 2011"),
            (Some("tba".into()), Some("End December 2011".into()))
        );
        assert_eq!(s("tba"), (Some("tba".into()), Some("tba".into())));
        assert_eq!(s("QA Sub Group"), (Some("QA Sub Group".into()), None));
        assert_eq!(
            s("Teresa DeVito & SCR Committee July 2011 and ongoing"),
            (
                Some("Teresa DeVito & SCR Committee".into()),
                Some("July 2011 and ongoing".into())
            )
        );
    }

    #[test]
    fn dated_progress_updates() {
        let e = progress_entries(&[
            "Meeting planned in Sept 15".into(),
            "Update March 16: E-safety added to audits".into(),
            "On B&NES LSCB webpage".into(),
        ]);
        assert_eq!(
            e,
            vec![
                Progress {
                    date: None,
                    text: "Meeting planned in Sept 15".into()
                },
                Progress {
                    date: Some("2016-03".into()),
                    text: "E-safety added to audits\nOn B&NES LSCB webpage".into()
                },
            ]
        );
    }

    #[test]
    fn field_keys_are_unique() {
        let k = field_keys(&[
            "No.".into(),
            "".into(),
            "Lead\nofficer".into(),
            "No.".into(),
        ]);
        assert_eq!(k, vec!["No.", "column 2", "Lead officer", "No. (2)"]);
    }

    /// A one-row table with the given header and row texts; `dates` gives
    /// the ISO date of row cells that are spreadsheet date cells.
    fn sheet_table(header: &[&str], row: &[&str], dates: &[Option<&str>]) -> Document {
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

    #[test]
    fn a_date_cell_gives_its_date_when_its_display_does_not_parse() {
        let doc = sheet_table(
            &["Ref", "Key actions", "Lead officer", "Target date"],
            &["1", "Audit CSE cases", "QA Sub-Group", "Qtr 3 wk 2"],
            &[None, None, None, Some("2015-10-12")],
        );
        let n = normalise(&doc, &Vocabulary::builtin());
        let due = n.actions[0].due.as_ref().expect("due");
        assert_eq!(due.raw, "Qtr 3 wk 2");
        assert_eq!(due.kind, DueKind::Date);
        assert_eq!(due.start.as_deref(), Some("2015-10-12"));
        // Text that parses keeps its own reading ("Jun-14" is a month).
        let doc = sheet_table(
            &["Ref", "Key actions", "Lead officer", "Target date"],
            &["1", "Audit CSE cases", "QA Sub-Group", "Jun-14"],
            &[None, None, None, Some("2014-06-01")],
        );
        let n = normalise(&doc, &Vocabulary::builtin());
        let due = n.actions[0].due.as_ref().expect("due");
        assert_eq!(due.kind, DueKind::Month);
        assert_eq!(due.end.as_deref(), Some("2014-06-30"));
    }

    #[test]
    fn a_second_header_with_other_columns_starts_a_new_table() {
        let rows: &[&[&str]] = &[
            &["Ref", "Key actions", "Lead officer", "Target date"],
            &["1", "Audit CSE cases", "QA Sub-Group", "Jun-15"],
            &["Task", "Owner", "Deadline", "Update"],
            &[
                "Publish the annual report",
                "SAB Manager",
                "Sep-15",
                "Drafted",
            ],
        ];
        let mut cells = Vec::new();
        for (r, row) in rows.iter().enumerate() {
            for (c, text) in row.iter().enumerate() {
                cells.push(Cell {
                    row: r,
                    col: c,
                    row_span: 1,
                    col_span: 1,
                    paragraphs: vec![crate::model::Paragraph {
                        spans: vec![crate::model::Span {
                            text: (*text).into(),
                            ..Default::default()
                        }],
                        ..Default::default()
                    }],
                    ..Default::default()
                });
            }
        }
        let mut doc = sheet_table(&["x"], &["y"], &[]);
        doc.blocks = vec![Block::Table(Table {
            n_rows: 4,
            n_cols: 4,
            cells,
            ..Default::default()
        })];
        let n = normalise(&doc, &Vocabulary::builtin());
        assert_eq!(n.actions.len(), 2);
        assert_eq!(n.actions[0].action.as_deref(), Some("Audit CSE cases"));
        assert_eq!(
            n.actions[1].action.as_deref(),
            Some("Publish the annual report")
        );
        assert_eq!(
            n.actions[1].lead.as_ref().map(|l| l.raw.as_str()),
            Some("SAB Manager")
        );
        assert_eq!(n.actions[1].source.row, Some(3));
        assert_eq!(n.actions[1].progress[0].text, "Drafted");
    }
}
