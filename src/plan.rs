//! The plan: canonical types of the plan JSON (`actionplan/1`).
//!
//! These types serialise to exactly the contract in
//! `docs/OUTPUT.md`, which `schemas/plan.schema.json` describes;
//! every test output is validated against that schema. Keys are always
//! present (null or empty when unknown) so consumers need no special cases.

use std::sync::Arc;

use serde::ser::SerializeMap;
use serde::Serialize;

/// The schema tag written in every plan.
pub const SCHEMA: &str = "actionplan/1";

/// One imported plan.
#[derive(Debug, Clone, Serialize)]
pub struct Plan {
    /// Always [`SCHEMA`].
    pub schema: &'static str,
    /// The input file and how it was read.
    pub source: PlanSource,
    /// Facts about the plan as a whole.
    pub plan: PlanInfo,
    /// Priorities, in document order.
    pub priorities: Vec<Priority>,
    /// Actions, in document order.
    pub actions: Vec<Action>,
    /// Gaps found in the plan (see `docs/GAPS.md`).
    pub gaps: Vec<Gap>,
    /// What the importer could not do.
    pub warnings: Vec<PlanWarning>,
    /// Tables that are not action tables, kept whole as text.
    pub other_tables: Vec<OtherTable>,
    /// What the gap rules need that the JSON does not carry: which fields
    /// each action table has, and reviewers' comments. Not serialised.
    #[serde(skip)]
    pub context: PlanContext,
}

/// Facts about the source layout that gap rules read (not part of the JSON).
#[derive(Debug, Clone, Default)]
pub struct PlanContext {
    /// Per action table: its index and the canonical fields its header maps.
    pub tables: Vec<(usize, Vec<Field>)>,
    /// Reviewer comments anchored in the plan.
    pub notes: Vec<Note>,
    /// Every section row met ("3 Learning and development" across the
    /// table), in order: its text, the priority it sits under, and where.
    pub sections: Vec<(String, Option<String>, Place)>,
    /// Per action table: its index and the `fields` key of its RAG column.
    pub rag_keys: Vec<(usize, String)>,
}

/// A reviewer's comment, placed on the action or priority it sits in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// Index into `actions`, when in an action row.
    pub action: Option<usize>,
    /// The priority's id or title.
    pub priority: Option<String>,
    /// The field of the column it sits in.
    pub field: Option<&'static str>,
    /// Who wrote it.
    pub author: String,
    /// What it says.
    pub text: String,
    /// Where.
    pub source: Place,
}

/// Where the plan came from.
#[derive(Debug, Clone, Serialize)]
pub struct PlanSource {
    /// The path as given.
    pub file: String,
    /// `docx`, `xlsx`, `pdf`, ...
    pub format: String,
    /// SHA-256 of the file's bytes, lower-case hex.
    pub sha256: String,
    /// Page count (PDF).
    pub pages: Option<u32>,
    /// Sheet count (spreadsheets).
    pub sheets: Option<u32>,
    /// Id of the recognised column layout, or `generic`.
    pub layout: String,
    /// The application that wrote the file, when it says.
    pub producer: Option<String>,
}

/// Facts about the whole plan.
#[derive(Debug, Clone, Default, Serialize)]
pub struct PlanInfo {
    /// The plan's title as printed.
    pub title: Option<String>,
    /// The partnership or council.
    pub organisation: Option<String>,
    /// The period the plan covers.
    pub period: Option<Period>,
    /// `draft` when the document says it is a draft.
    pub status: Option<String>,
    /// "Updated March 2016" as an ISO month or date.
    pub updated: Option<String>,
}

/// A plan period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Period {
    /// As printed ("2014/15").
    pub raw: String,
    /// First day, ISO.
    pub start: String,
    /// Last day, ISO.
    pub end: String,
}

/// A priority of the plan.
#[derive(Debug, Clone, Serialize)]
pub struct Priority {
    /// "2a", "1", or null.
    pub id: Option<String>,
    /// The priority's wording.
    pub title: String,
    /// Its owner, when the document names one.
    pub lead: Option<Lead>,
    /// Outcomes listed under it.
    pub outcomes: Vec<String>,
    /// Where it is.
    pub source: Place,
}

/// A place in the source document.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Place {
    /// 1-based page (PDF).
    pub page: Option<u32>,
    /// Sheet (spreadsheets).
    pub sheet: Option<String>,
    /// 0-based table index.
    pub table: Option<usize>,
    /// 0-based row within the table.
    pub row: Option<usize>,
    /// Cell reference (spreadsheets), e.g. "C12".
    pub cell: Option<String>,
}

impl Place {
    /// Where, for a person: "page 3, table 2, row 5" or "Sheet1!C7, row 5"
    /// (tables and rows 1-based, as a reader counts them); empty when
    /// nothing is known.
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        if let Some(page) = self.page {
            parts.push(format!("page {page}"));
        }
        match (&self.sheet, &self.cell) {
            (Some(s), Some(c)) => parts.push(format!("{s}!{c}")),
            (Some(s), None) => parts.push(format!("sheet {s}")),
            _ => {}
        }
        if let Some(t) = self.table {
            parts.push(format!("table {}", t + 1));
        }
        if let Some(r) = self.row {
            parts.push(format!("row {}", r + 1));
        }
        parts.join(", ")
    }
}

/// One action.
#[derive(Debug, Clone, Serialize)]
pub struct Action {
    /// The reference as printed.
    pub id: Option<String>,
    /// Id (or title) of the enclosing priority.
    pub priority: Option<String>,
    /// A grouping above priorities.
    pub section: Option<String>,
    /// `children`, `adults`, `both`.
    pub audience: Option<Audience>,
    /// What the action is for.
    pub objective: Option<String>,
    /// What will be done.
    pub action: Option<String>,
    /// A milestone.
    pub milestone: Option<String>,
    /// Who leads.
    pub lead: Option<Lead>,
    /// When it is due.
    pub due: Option<Due>,
    /// How success is measured.
    pub measures: Option<String>,
    /// Progress entries.
    pub progress: Vec<Progress>,
    /// RAG rating.
    pub rag: Option<Rag>,
    /// When it was completed.
    pub completed: Option<Due>,
    /// Resources required.
    pub resources: Option<String>,
    /// Support from partners.
    pub partners: Option<String>,
    /// Every source column: header -> cell text.
    pub fields: Fields,
    /// Where the row is.
    pub source: Place,
    /// The spreadsheet cell of each mapped field in this row ("D12"), so a
    /// gap about the due date cites the due column. Not serialised.
    #[serde(skip)]
    pub cells: Vec<(Field, String)>,
}

/// Every source column of an action's row: header -> cell text, in column
/// order; serialised as a JSON object. The headers are a table's
/// ([`crate::normalise`]'s field keys: unique, one line each) and are
/// shared by all its actions, so an action holds only its cell texts (one
/// copied header per column and action, and a hashed map per action, were
/// a tenth of normalisation).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Fields {
    /// The headers, unique.
    keys: Arc<[String]>,
    /// The cell text under each header.
    values: Vec<String>,
}

impl Fields {
    /// The fields of one row: `keys` (unique) with the text under each;
    /// texts beyond the keys are left out, keys beyond the texts are empty.
    pub fn new(keys: Arc<[String]>, mut values: Vec<String>) -> Fields {
        values.resize(keys.len(), String::new());
        Fields { keys, values }
    }

    /// (header, text) pairs, in column order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.keys
            .iter()
            .map(String::as_str)
            .zip(self.values.iter().map(String::as_str))
    }

    /// The text under a header.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.iter().find(|(k, _)| *k == key).map(|(_, v)| v)
    }

    /// How many columns.
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }
}

impl Serialize for Fields {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.len()))?;
        for (k, v) in self.iter() {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

/// Who the action is for (the CAB column).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Audience {
    /// C.
    Children,
    /// A.
    Adults,
    /// B.
    Both,
}

/// A RAG rating.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Rag {
    /// Off target.
    Red,
    /// On target / at risk.
    Amber,
    /// Complete / on track.
    Green,
    /// Complete (BRAG).
    Blue,
}

impl Rag {
    /// The word: `red`, `amber`, `green`, `blue`.
    pub fn name(self) -> &'static str {
        match self {
            Rag::Red => "red",
            Rag::Amber => "amber",
            Rag::Green => "green",
            Rag::Blue => "blue",
        }
    }

    /// The fill colour reports show it in (RGB hex, no `#`): Office's own
    /// red, amber, green and blue.
    pub fn colour(self) -> &'static str {
        match self {
            Rag::Red => "FF0000",
            Rag::Amber => "FFC000",
            Rag::Green => "00B050",
            Rag::Blue => "0070C0",
        }
    }
}

/// An owner.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Lead {
    /// The text as written.
    pub raw: String,
    /// Owners split out where possible.
    pub names: Vec<String>,
    /// Marked as not yet agreed ("Rachel Garton?").
    pub unconfirmed: bool,
    /// A placeholder, not an owner ("?", "tba", "[to be advised]").
    pub placeholder: bool,
}

/// A date or timescale.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Due {
    /// The text as written, without a leading "By" ("By March 2019" is
    /// "March 2019").
    pub raw: String,
    /// What sort of timescale.
    pub kind: DueKind,
    /// First day, ISO, when known.
    pub start: Option<String>,
    /// Last day, ISO, when known.
    pub end: Option<String>,
}

/// The sort of a [`Due`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DueKind {
    /// A day.
    Date,
    /// A month.
    Month,
    /// A quarter.
    Quarter,
    /// A year (calendar or financial).
    Year,
    /// From one time to another.
    Range,
    /// "Ongoing".
    Ongoing,
    /// "Quarterly", "Bi annually".
    Recurring,
    /// "Insert", "tba".
    Placeholder,
    /// Anything else.
    Unparsed,
}

/// A progress entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Progress {
    /// ISO month or date of a dated update ("Update Dec 15" is "2015-12").
    pub date: Option<String>,
    /// The update.
    pub text: String,
}

/// Severity of a gap.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// For information.
    Info,
    /// Should be fixed.
    Warning,
    /// Must be fixed.
    Error,
}

impl Severity {
    /// Every severity, worst first (the order reports list them in).
    pub const ALL: [Severity; 3] = [Severity::Error, Severity::Warning, Severity::Info];

    /// The name used in JSON and on the command line: `error`, `warning`,
    /// `info`.
    pub fn name(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// A finding in the plan (see `docs/GAPS.md`).
#[derive(Debug, Clone, Serialize)]
pub struct Gap {
    /// The gap code, e.g. `lead-missing`.
    pub code: crate::gaps::GapCode,
    /// How serious.
    pub severity: Severity,
    /// Index into `actions`, when about an action.
    pub action: Option<usize>,
    /// The priority's id or title, when about a priority.
    pub priority: Option<String>,
    /// The canonical field.
    pub field: Option<&'static str>,
    /// The offending value as written.
    pub value: Option<String>,
    /// A sentence a person can act on.
    pub message: String,
    /// Where in the document.
    pub source: Place,
}

/// A table that is not an action table (a cover sheet, an equality impact
/// checklist, statistics), kept whole so nothing is lost.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OtherTable {
    /// "key-value" or "other".
    pub kind: &'static str,
    /// Why it was not read as an action table.
    pub reason: String,
    /// Where.
    pub source: Place,
    /// Its text, row by row.
    pub rows: Vec<Vec<String>>,
}

/// Something the importer could not do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlanWarning {
    /// What, and what to do about it.
    pub message: String,
    /// Where.
    pub source: Place,
}

/// A canonical action field: what a column of an action table can mean
/// (the Action keys of OUTPUT.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Field {
    /// The reference as printed ("2a.1").
    Id,
    /// The CAB column: children, adults, both.
    Audience,
    /// What the action is for.
    Objective,
    /// What will be done.
    Action,
    /// A milestone.
    Milestone,
    /// Who leads.
    Lead,
    /// When it is due.
    Due,
    /// How success is measured.
    Measures,
    /// Progress commentary.
    Progress,
    /// The RAG rating.
    Rag,
    /// Completion date.
    Completed,
    /// Resources required.
    Resources,
    /// Support from partners.
    Partners,
}

impl Field {
    /// Every field, in output order.
    pub const ALL: [Field; 13] = [
        Field::Id,
        Field::Audience,
        Field::Objective,
        Field::Action,
        Field::Milestone,
        Field::Lead,
        Field::Due,
        Field::Measures,
        Field::Progress,
        Field::Rag,
        Field::Completed,
        Field::Resources,
        Field::Partners,
    ];

    /// The JSON key.
    pub fn name(self) -> &'static str {
        match self {
            Field::Id => "id",
            Field::Audience => "audience",
            Field::Objective => "objective",
            Field::Action => "action",
            Field::Milestone => "milestone",
            Field::Lead => "lead",
            Field::Due => "due",
            Field::Measures => "measures",
            Field::Progress => "progress",
            Field::Rag => "rag",
            Field::Completed => "completed",
            Field::Resources => "resources",
            Field::Partners => "partners",
        }
    }

    /// The field of a JSON key.
    pub fn from_name(name: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.name() == name)
    }
}
