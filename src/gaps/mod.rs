//! Gap rules: what a board manager would have to chase before the plan is
//! fit to publish or monitor (`docs/GAPS.md`).
//!
//! Rules read only the normalised [`Plan`] (never a format's raw cells), so
//! a plan gives the same gaps from Word, Excel or PDF. Each rule is one small
//! function below, listed in [`RULES`], with its tests at the bottom. Phrase
//! lists for placeholders and drafting notes are data: `phrases.txt`.
//!
//! Stub rows (an objective with no action, owner, date, measure or
//! progress: "Early Help" alone in a row) are treated as an empty section,
//! not as an action missing everything.

use std::sync::LazyLock;

pub mod codes;

pub use codes::GapCode;

use crate::plan::{Action, DueKind, Field, Gap, Plan, Severity};

/// Options of a check.
#[derive(Debug, Clone, Default)]
pub struct CheckOptions {
    /// `--as-of DATE` (ISO): enables `progress-missing`.
    pub as_of: Option<String>,
    /// `--min-severity LEVEL`: gaps below it are left out.
    pub min_severity: Option<Severity>,
    /// `--ignore CODE` (repeatable): gaps with these codes are left out.
    pub ignore: Vec<GapCode>,
}

impl CheckOptions {
    /// Whether a gap is reported under these options (its severity reaches
    /// `min_severity` and its code is not ignored).
    pub fn keeps(&self, g: &Gap) -> bool {
        self.min_severity.is_none_or(|m| g.severity >= m) && !self.ignore.contains(&g.code)
    }
}

/// A rule: looks at the plan and adds gaps.
type Rule = fn(&Checked, &CheckOptions, &mut Vec<Gap>);

/// The plan the rules look at (it reads as the [`Plan`]), with what more
/// than one rule reads of it worked out once, when first asked for, for
/// this plan alone.
pub struct Checked<'p> {
    /// (Not `plan`: rules read `plan.plan`, the plan's own heading.)
    checked: &'p Plan,
    /// Per action, its texts in which a phrase list matches a line.
    phrase_lines: std::cell::OnceCell<Vec<Vec<PhraseLines<'p>>>>,
}

/// One text of an action (by field or header) and the first line of it
/// each phrase list matches.
struct PhraseLines<'p> {
    field: &'p str,
    placeholder: Option<&'p str>,
    editor_note: Option<&'p str>,
}

impl<'p> Checked<'p> {
    /// The plan, nothing yet worked out.
    pub fn new(plan: &'p Plan) -> Self {
        Checked {
            checked: plan,
            phrase_lines: std::cell::OnceCell::new(),
        }
    }

    /// The texts of action `i` in which `placeholder-text` or
    /// `editor-note` matches a line, in [`all_texts`] order: both phrase
    /// lists run over each text's lines in one pass (their two rules each
    /// collected the texts and split them into lines).
    fn phrase_lines(&self, i: usize) -> &[PhraseLines<'p>] {
        let all = self.phrase_lines.get_or_init(|| self.find_phrase_lines());
        all.get(i).map_or(&[], Vec::as_slice)
    }

    /// [`Checked::phrase_lines`] of every action, worked out. (Not
    /// inlined: a profile shows it as itself.)
    #[inline(never)]
    fn find_phrase_lines(&self) -> Vec<Vec<PhraseLines<'p>>> {
        {
            // Each list's search cache is taken once for the plan, not
            // once a line.
            let placeholder = list_bit("placeholder-text");
            let editor = list_bit("editor-note");
            let mut phrases = PHRASES.1.searcher();
            let mut scan = |text: &'p str| {
                // A line can be shouted only if the text has the capitals
                // it needs (most texts have a handful).
                let capitals = capitals(text) >= SHOUTED_CAPITALS;
                // Both lists' lines searched for over the whole text at
                // once: only a text where one may match (few) is searched
                // line by line.
                let may_match = phrases.may_match(text);
                if !may_match && !capitals {
                    return (None, None);
                }
                let (mut p, mut e) = (None, None);
                for line in lines(text) {
                    // The lists not yet found in an earlier line.
                    let wanted = if may_match {
                        (if p.is_none() { placeholder } else { 0 })
                            | (if e.is_none() { editor } else { 0 })
                    } else {
                        0
                    };
                    let found = if wanted == 0 {
                        0
                    } else {
                        phrases.lists_in_line(line, wanted)
                    };
                    if found & placeholder != 0 {
                        p = Some(line);
                    }
                    if e.is_none() && (found & editor != 0 || (capitals && shouted(line))) {
                        e = Some(line);
                    }
                    if p.is_some() && e.is_some() {
                        break;
                    }
                }
                (p, e)
            };
            // A text is searched once a plan: the actions of a row's items
            // or of one objective repeat its texts (a third of a plan's
            // bytes searched were repeats), and the lines found are the
            // same text's lines.
            // (Sized for the usual three or four texts an action has: grown
            // from nothing, the map was rehashed half a dozen times a plan.)
            let mut seen: hashbrown::HashMap<TextKey<'p>, (Option<&'p str>, Option<&'p str>)> =
                hashbrown::HashMap::with_capacity(4 * self.checked.actions.len());
            self.checked
                .actions
                .iter()
                .map(|a| {
                    all_texts(a)
                        .into_iter()
                        .filter_map(|(field, text)| {
                            let (p, e) = *seen.entry(TextKey(text)).or_insert_with(|| scan(text));
                            (p.is_some() || e.is_some()).then_some(PhraseLines {
                                field,
                                placeholder: p,
                                editor_note: e,
                            })
                        })
                        .collect()
                })
                .collect()
        }
    }
}

/// A text as a key of a plan's memo: equal when the texts are, hashed by
/// the length and the first and last sixteen bytes (equal texts hash
/// alike; hashing every byte of every text was a tenth of what finding a
/// plan's phrase lines cost, and two texts of a plan that agree in all
/// three are rare, and then only compared).
#[derive(PartialEq, Eq)]
struct TextKey<'p>(&'p str);

impl std::hash::Hash for TextKey<'_> {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        let b = self.0.as_bytes();
        h.write_usize(b.len());
        h.write(&b[..b.len().min(16)]);
        h.write(&b[b.len().saturating_sub(16)..]);
    }
}

impl std::ops::Deref for Checked<'_> {
    type Target = Plan;

    fn deref(&self) -> &Plan {
        self.checked
    }
}

/// Every rule, in the order its gaps are listed for an action.
pub const RULES: &[(GapCode, Rule)] = &[
    (GapCode::LeadMissing, lead_missing),
    (GapCode::LeadPlaceholder, lead_placeholder),
    (GapCode::LeadUnconfirmed, lead_unconfirmed),
    (GapCode::DueMissing, due_missing),
    (GapCode::DuePlaceholder, due_placeholder),
    (GapCode::DueUnparsed, due_unparsed),
    (GapCode::DueOutsidePeriod, due_outside_period),
    (GapCode::MeasureMissing, measure_missing),
    (GapCode::PlaceholderText, placeholder_text),
    (GapCode::EditorNote, editor_note),
    (GapCode::EmptySection, empty_section),
    (GapCode::ProgressMissing, progress_missing),
    (GapCode::RagMissing, rag_missing),
];

/// Every gap in a plan: by action (in document order), then priority gaps.
pub fn check(plan: &Plan, opts: &CheckOptions) -> Vec<Gap> {
    let mut gaps = Vec::new();
    let checked = Checked::new(plan);
    for (_, rule) in RULES {
        rule(&checked, opts, &mut gaps);
    }
    // Filtered here, once, so every writer (text, JSON, CSV, xlsx, HTML)
    // and every count agrees on what was found.
    gaps.retain(|g| opts.keeps(g));
    let order = |g: &Gap| {
        let rule = RULES
            .iter()
            .position(|(c, _)| *c == g.code)
            .unwrap_or(RULES.len());
        (g.action.unwrap_or(usize::MAX), rule)
    };
    // Each gap's key worked out once, not at every comparison (a key
    // looks its rule up in the list).
    gaps.sort_by_cached_key(order);
    gaps
}

/// Shorten a value for a message.
fn quote(s: &str) -> String {
    // Its words joined by single spaces, in one string (no list of words);
    // an ASCII value (most) split at its bytes, the same breaks as
    // `split_whitespace`'s for ASCII.
    let mut one_line = String::with_capacity(s.len());
    let mut join = |w: &str| {
        if !one_line.is_empty() {
            one_line.push(' ');
        }
        one_line.push_str(w);
    };
    if s.is_ascii() {
        s.split(|c: char| matches!(c, ' ' | '\t'..='\r'))
            .filter(|w| !w.is_empty())
            .for_each(&mut join);
    } else {
        s.split_whitespace().for_each(&mut join);
    }
    // Sixty bytes are sixty characters at most: only a longer one is
    // counted.
    if one_line.len() > 60 && one_line.chars().count() > 60 {
        if let Some((end, _)) = one_line.char_indices().nth(59) {
            one_line.truncate(end);
        }
        one_line.push('…');
    }
    one_line
}

fn action_gap(
    i: usize,
    a: &Action,
    code: GapCode,
    field: &'static str,
    value: Option<&str>,
    message: String,
) -> Gap {
    // A spreadsheet gap cites the cell of its field, not the row's first.
    let mut source = a.source.clone();
    if let Some((_, cell)) =
        Field::from_name(field).and_then(|f| a.cells.iter().find(|(g, _)| *g == f))
    {
        source.cell = Some(cell.clone());
    }
    Gap {
        code,
        severity: code.severity(),
        action: Some(i),
        priority: a.priority.clone(),
        field: Some(field),
        value: value.map(str::to_string),
        message,
        source,
    }
}

/// An objective with nothing else: a topic with no actions.
fn is_stub(a: &Action) -> bool {
    a.action.is_none()
        && a.lead.is_none()
        && a.due.is_none()
        && a.completed.is_none()
        && a.measures.is_none()
        && a.milestone.is_none()
        && a.progress.is_empty()
        && a.objective.is_some()
}

/// Actions that are real actions (not stubs, not unmapped rows).
fn actions(plan: &Plan) -> impl Iterator<Item = (usize, &Action)> {
    plan.actions
        .iter()
        .enumerate()
        .filter(|(_, a)| !is_stub(a) && has_canonical(a))
}

/// Whether any canonical field is set (rows of unmapped tables have none).
fn has_canonical(a: &Action) -> bool {
    a.objective.is_some()
        || a.action.is_some()
        || a.lead.is_some()
        || a.due.is_some()
        || a.milestone.is_some()
        || a.measures.is_some()
        || !a.progress.is_empty()
}

/// The fields of the table an action came from.
fn table_fields<'p>(plan: &'p Plan, a: &Action) -> Option<&'p Vec<Field>> {
    let t = a.source.table?;
    plan.context
        .tables
        .iter()
        .find(|(i, _)| *i == t)
        .map(|(_, f)| f)
}

/// `lead-missing` (error): the action's table has an owner column and the
/// action's cell is blank. (A layout with no owner column at all, like
/// Plymouth's, would raise it on every row; that is not a gap in one action.)
fn lead_missing(plan: &Checked, _: &CheckOptions, out: &mut Vec<Gap>) {
    for (i, a) in actions(plan) {
        // (The action's own field asked first: most are set.)
        if a.lead.is_none() && table_fields(plan, a).is_some_and(|f| f.contains(&Field::Lead)) {
            out.push(action_gap(
                i,
                a,
                GapCode::LeadMissing,
                "lead",
                None,
                "no one is named to lead this action; add an owner".into(),
            ));
        }
    }
}

/// `lead-placeholder` (error): the owner is "?", "tba", "[to be advised]"
/// (an action's, or a priority's own).
fn lead_placeholder(plan: &Checked, _: &CheckOptions, out: &mut Vec<Gap>) {
    priority_lead_gaps(
        plan,
        GapCode::LeadPlaceholder,
        |l| l.placeholder,
        "is a placeholder; name a person or group",
        out,
    );
    for (i, a) in actions(plan) {
        if let Some(l) = a.lead.as_ref().filter(|l| l.placeholder) {
            out.push(action_gap(
                i,
                a,
                GapCode::LeadPlaceholder,
                "lead",
                Some(&l.raw),
                format!(
                    "the owner \"{}\" is a placeholder; name a person or group",
                    quote(&l.raw)
                ),
            ));
        }
    }
}

/// A gap about a priority's own owner ("LSCB Priority 3 Owner - ??").
fn priority_lead_gaps(
    plan: &Plan,
    code: GapCode,
    pick: fn(&crate::plan::Lead) -> bool,
    what: &str,
    out: &mut Vec<Gap>,
) {
    for p in &plan.priorities {
        let Some(l) = p.lead.as_ref().filter(|l| pick(l)) else {
            continue;
        };
        out.push(Gap {
            code,
            severity: code.severity(),
            action: None,
            priority: p.id.clone().or_else(|| Some(p.title.clone())),
            field: Some("lead"),
            value: Some(l.raw.clone()),
            message: format!("the priority's owner \"{}\" {what}", quote(&l.raw)),
            source: p.source.clone(),
        });
    }
}

/// `lead-unconfirmed` (warning): a named owner marked "?".
fn lead_unconfirmed(plan: &Checked, _: &CheckOptions, out: &mut Vec<Gap>) {
    priority_lead_gaps(
        plan,
        GapCode::LeadUnconfirmed,
        |l| l.unconfirmed && !l.placeholder,
        "is marked as not yet agreed; confirm them",
        out,
    );
    for (i, a) in actions(plan) {
        if let Some(l) = a.lead.as_ref().filter(|l| l.unconfirmed && !l.placeholder) {
            out.push(action_gap(
                i,
                a,
                GapCode::LeadUnconfirmed,
                "lead",
                Some(&l.raw),
                format!(
                    "the owner \"{}\" is marked as not yet agreed; confirm them",
                    quote(&l.raw)
                ),
            ));
        }
    }
}

/// `due-missing` (error): the table has a date column and the action has no
/// date or timescale at all (neither a due nor a completion date).
fn due_missing(plan: &Checked, _: &CheckOptions, out: &mut Vec<Gap>) {
    for (i, a) in actions(plan) {
        let has_column = || {
            table_fields(plan, a)
                .is_some_and(|f| f.contains(&Field::Due) || f.contains(&Field::Completed))
        };
        if a.due.is_none() && a.completed.is_none() && has_column() {
            out.push(action_gap(
                i,
                a,
                GapCode::DueMissing,
                "due",
                None,
                "no date or timescale; say when this will be done".into(),
            ));
        }
    }
}

/// `due-placeholder` (error): the date cell says "Insert", "tba", "XX/XX/XX".
fn due_placeholder(plan: &Checked, _: &CheckOptions, out: &mut Vec<Gap>) {
    for (i, a) in actions(plan) {
        if let Some(d) = a.due.as_ref().filter(|d| d.kind == DueKind::Placeholder) {
            out.push(action_gap(
                i,
                a,
                GapCode::DuePlaceholder,
                "due",
                Some(&d.raw),
                format!(
                    "the date \"{}\" is a placeholder; write the date",
                    quote(&d.raw)
                ),
            ));
        }
    }
}

/// `due-unparsed` (warning): a date cell that is neither a date, a period,
/// nor a known ongoing/recurring phrase.
fn due_unparsed(plan: &Checked, _: &CheckOptions, out: &mut Vec<Gap>) {
    for (i, a) in actions(plan) {
        if let Some(d) = a.due.as_ref().filter(|d| d.kind == DueKind::Unparsed) {
            out.push(action_gap(
                i,
                a,
                GapCode::DueUnparsed,
                "due",
                Some(&d.raw),
                format!(
                    "\"{}\" is not a date or timescale the checker can read; write a month and year",
                    quote(&d.raw)
                ),
            ));
        }
    }
}

/// Days since 0000-03-01 of an ISO date, for comparisons.
fn day_number(iso: &str) -> Option<i64> {
    let y: i64 = iso.get(0..4)?.parse().ok()?;
    let m: i64 = iso.get(5..7)?.parse().ok()?;
    let d: i64 = iso.get(8..10).and_then(|d| d.parse().ok()).unwrap_or(1);
    let (y, m) = if m <= 2 { (y - 1, m + 9) } else { (y, m - 3) };
    Some(365 * y + y / 4 - y / 100 + y / 400 + (153 * m + 2) / 5 + d - 1)
}

/// `due-outside-period` (warning): the date falls before the plan period
/// starts, or more than three months after it ends.
fn due_outside_period(plan: &Checked, _: &CheckOptions, out: &mut Vec<Gap>) {
    let Some(p) = &plan.plan.period else { return };
    let (Some(ps), Some(pe)) = (day_number(&p.start), day_number(&p.end)) else {
        return;
    };
    for (i, a) in actions(plan) {
        let Some(d) = &a.due else { continue };
        let start = d.start.as_deref().and_then(day_number);
        let end = d.end.as_deref().and_then(day_number).or(start);
        let (Some(s), Some(e)) = (start, end) else {
            continue;
        };
        if e < ps || s > pe + 92 {
            out.push(action_gap(
                i,
                a,
                GapCode::DueOutsidePeriod,
                "due",
                Some(&d.raw),
                format!(
                    "\"{}\" falls outside the plan period {}; check the year",
                    quote(&d.raw),
                    p.raw
                ),
            ));
        }
    }
}

/// `measure-missing` (warning): the table has a success-measure column and
/// this action's cell is empty.
fn measure_missing(plan: &Checked, _: &CheckOptions, out: &mut Vec<Gap>) {
    for (i, a) in actions(plan) {
        if a.measures.is_none()
            && table_fields(plan, a).is_some_and(|f| f.contains(&Field::Measures))
        {
            out.push(action_gap(
                i,
                a,
                GapCode::MeasureMissing,
                "measures",
                None,
                "no measure of success; say how you will know it worked".into(),
            ));
        }
    }
}

/// Compiled phrase lists from `phrases.txt`: their codes, and their lines
/// as one [`crate::pattern::PhraseLists`] (list `k` the `k`-th code's).
static PHRASES: LazyLock<(Vec<String>, crate::pattern::PhraseLists)> = LazyLock::new(|| {
    let (codes, lists): (Vec<String>, Vec<Vec<String>>) =
        phrase_lines_by_code().into_iter().unzip();
    (codes, crate::pattern::PhraseLists::new(&lists))
});

/// The lines of `phrases.txt`, under their codes.
fn phrase_lines_by_code() -> Vec<(String, Vec<String>)> {
    let mut lists: Vec<(String, Vec<String>)> = Vec::new();
    for line in include_str!("phrases.txt").lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(code) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            lists.push((code.to_string(), Vec::new()));
            continue;
        }
        // A pattern that does not compile is a bug in the shipped data; a
        // unit test compiles them all, and `alternation` leaves one out.
        if let Some((_, list)) = lists.last_mut() {
            list.push(line.to_string());
        }
    }
    lists
}

fn matches(code: &str, text: &str) -> bool {
    matching_line(code, text).is_some()
}

/// Words that make a run of capitals a sentence, not a row of acronyms.
const PLAIN_WORDS: &[&str] = &[
    "the", "to", "with", "this", "that", "if", "they", "can", "we", "is", "are", "of", "for", "it",
    "be", "do", "does", "who", "what", "when", "still", "not", "our", "need", "needs", "check",
    "ask", "who", "owns", "until", "before", "after", "should", "could", "would",
];

/// The fewest capitals a shouted note has: four words in capitals, two of
/// them plain, are eight capitals at least.
const SHOUTED_CAPITALS: usize = 8;

/// How many ASCII capitals `text` has: counted into byte lanes 255 bytes
/// at a time, which the compiler makes vector instructions of (counting
/// into a `usize`, as `filter().count()` does, it did not).
fn capitals(text: &str) -> usize {
    text.as_bytes()
        .chunks(255)
        .map(|c| {
            let n = c.iter().fold(0u8, |n, &b| {
                n.wrapping_add(u8::from(b.is_ascii_uppercase()))
            });
            usize::from(n)
        })
        .sum()
}

/// Whether a line holds a note typed in capitals, as drafters shout to each
/// other ("NEED TO CHECK THIS WITH THE PCC OFFICE", "ASK COMMS IF THEY CAN
/// LEAD THIS"): four words or more in a row in capitals, two of them plain
/// words (so that a row of acronyms, "LSCB SAB CSP MASH", is none).
fn shouted(line: &str) -> bool {
    // Most lines have two or three capitals, and are done with here.
    if capitals(line) < SHOUTED_CAPITALS {
        return false;
    }
    if line.is_ascii() {
        let mut run = Run::default();
        // Most lines are ASCII: their words are split and read a byte at a
        // time (the same breaks, letters and capitals as the characters'
        // below, without decoding a character).
        return line
            .as_bytes()
            .split(|&b| {
                matches!(
                    b,
                    b' ' | b'\t'
                        ..=b'\r'
                            | b','
                            | b'-'
                            | b'('
                            | b')'
                            | b'['
                            | b']'
                            | b':'
                            | b'?'
                            | b'.'
                            | b'!'
                            | b'/'
                )
            })
            .filter(|w| !w.is_empty())
            .any(|w| {
                // A word of capitals (and apostrophes) only, its letters
                // then counted: most words have a small letter, and are
                // done with at it.
                let caps = w.iter().all(|&b| b.is_ascii_uppercase() || b == b'\'');
                let letters = if caps {
                    w.iter().filter(|b| b.is_ascii_uppercase()).count()
                } else {
                    0
                };
                run.word(caps && (letters >= 2 || w == b"A" || w == b"I"), || {
                    PLAIN_WORDS
                        .iter()
                        .any(|p| p.as_bytes().eq_ignore_ascii_case(w))
                })
            });
    }
    shouted_by_chars(line)
}

/// [`shouted`]'s words read a character at a time (any line).
fn shouted_by_chars(line: &str) -> bool {
    let mut run = Run::default();
    line.split(|c: char| {
        c.is_whitespace()
            || matches!(
                c,
                ',' | '–' | '-' | '(' | ')' | '[' | ']' | ':' | '?' | '.' | '!' | '/'
            )
    })
    .filter(|w| !w.is_empty())
    .any(|w| {
        let letters = w.chars().filter(|c| c.is_alphabetic()).count();
        let caps = letters >= 1
            && w.chars().all(|c| !c.is_alphabetic() || c.is_uppercase())
            && w.chars().all(|c| c.is_alphabetic() || c == '\'');
        run.word(caps && (letters >= 2 || w == "A" || w == "I"), || {
            PLAIN_WORDS.contains(&w.to_lowercase().as_str())
        })
    })
}

/// Words in capitals in a row, and how many of them are plain words.
#[derive(Default)]
struct Run {
    words: usize,
    plain: usize,
}

impl Run {
    /// The next word (`capitals` when a word in capitals, `is_plain`
    /// asked only then): whether the run is now a shouted note.
    fn word(&mut self, capitals: bool, is_plain: impl FnOnce() -> bool) -> bool {
        if !capitals {
            *self = Run::default();
            return false;
        }
        self.words += 1;
        if is_plain() {
            self.plain += 1;
        }
        self.words >= 4 && self.plain >= 2
    }
}

/// The lines of `text` (`text.split('\n')`, the breaks found by `memchr`,
/// which reads a line's bytes many at a time).
fn lines(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(text);
    std::iter::from_fn(move || {
        let t = rest?;
        match memchr::memchr(b'\n', t.as_bytes()) {
            Some(i) => {
                rest = t.get(i + 1..);
                t.get(..i)
            }
            None => {
                rest = None;
                Some(t)
            }
        }
    })
}

/// The bit of the phrase list of `code` (0 for a code with none).
fn list_bit(code: &str) -> u64 {
    PHRASES
        .0
        .iter()
        .position(|c| c == code)
        .filter(|&k| k < 64)
        .map_or(0, |k| 1 << k)
}

/// The first line of `text` that a phrase of `code` matches: the value a
/// gap quotes (a cell can hold other, ordinary lines).
fn matching_line<'t>(code: &str, text: &'t str) -> Option<&'t str> {
    let bit = list_bit(code);
    if bit == 0 {
        return None;
    }
    let mut phrases = PHRASES.1.searcher();
    lines(text).find(|line| phrases.lists_in_line(line, bit) != 0)
}

/// The text fields of an action a person wrote, with their names.
fn texts(a: &Action) -> Vec<(&'static str, &str)> {
    // (Room for every column too: [`all_texts`] adds them.)
    let mut out = Vec::with_capacity(6 + a.progress.len() + a.fields.len());
    for (name, v) in [
        ("objective", &a.objective),
        ("action", &a.action),
        ("milestone", &a.milestone),
        ("measures", &a.measures),
        ("resources", &a.resources),
        ("partners", &a.partners),
    ] {
        if let Some(v) = v {
            out.push((name, v.as_str()));
        }
    }
    for p in &a.progress {
        out.push(("progress", p.text.as_str()));
    }
    out
}

/// The texts of every column (canonical or not) of an action's row, once
/// each: canonical fields by name, other columns by header.
fn all_texts(a: &Action) -> Vec<(&str, &str)> {
    let mut out: Vec<(&str, &str)> = texts(a);
    for (header, v) in a.fields.iter() {
        // A column already read as a field: the same text, or that text
        // with the reference the action's id was taken from ("2.3 Track
        // ...") in front.
        // (`t == v` or `v.strip_suffix(t)` leaving twelve bytes at most:
        // the lengths tell first.)
        let same = |t: &str| {
            v.len()
                .checked_sub(t.len())
                .is_some_and(|extra| extra <= 12)
                && v.ends_with(t)
        };
        if v.is_empty() || out.iter().any(|(_, t)| same(t)) {
            continue;
        }
        // Owner and date columns (combined ones too) have rules of their
        // own: the owner's or the date's text, or both in one cell. (A
        // comment that only mentions the owner, "JS – does the forum want
        // to lead this?", is checked.)
        let lead = a.lead.as_ref().map(|l| l.raw.as_str());
        let due = a.due.as_ref().map(|d| d.raw.as_str());
        let is_lead_or_due = lead == Some(v)
            || due.is_some_and(|d| {
                v == d || v.strip_prefix("By ").or_else(|| v.strip_prefix("by ")) == Some(d)
            })
            // (Both asked for before either is searched for.)
            || lead
                .zip(due)
                .is_some_and(|(l, d)| contains(v, l) && contains(v, d))
            || a.id.as_deref() == Some(v);
        if !is_lead_or_due {
            out.push((header, v));
        }
    }
    out
}

/// `hay.contains(needle)`, found by `memchr` on the needle's first byte
/// (an owner's or a date's text starts with a capital or a digit, rare in a
/// cell; `str::contains` set up a two-way search for each cell, most of
/// what [`all_texts`] cost).
fn contains(hay: &str, needle: &str) -> bool {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    let Some((&first, rest)) = n.split_first() else {
        return true;
    };
    if h.len() < n.len() {
        return false;
    }
    // Where the needle can start.
    memchr::memchr_iter(first, &h[..=h.len() - n.len()]).any(|i| h[i + 1..].starts_with(rest))
}

fn field_name(f: &str) -> &'static str {
    Field::from_name(f).map_or("fields", Field::name)
}

/// `placeholder-text` (warning): a cell says it will be filled in later
/// ("To be populated by ...", "This column to be determined by ...").
fn placeholder_text(plan: &Checked, _: &CheckOptions, out: &mut Vec<Gap>) {
    for (i, a) in plan.actions.iter().enumerate() {
        for &PhraseLines {
            field, placeholder, ..
        } in plan.phrase_lines(i)
        {
            if let Some(line) = placeholder {
                out.push(action_gap(
                    i,
                    a,
                    GapCode::PlaceholderText,
                    field_name(field),
                    Some(line),
                    format!(
                        "\"{}\" ({field}) is a placeholder waiting to be filled in",
                        quote(line)
                    ),
                ));
            }
        }
    }
}

/// `editor-note` (warning): a drafting note or open question left in the
/// text, or a reviewer's comment anchored in the document.
fn editor_note(plan: &Checked, _: &CheckOptions, out: &mut Vec<Gap>) {
    for (i, a) in plan.actions.iter().enumerate() {
        for &PhraseLines {
            field, editor_note, ..
        } in plan.phrase_lines(i)
        {
            if let Some(line) = editor_note {
                out.push(action_gap(
                    i,
                    a,
                    GapCode::EditorNote,
                    field_name(field),
                    Some(line),
                    format!(
                        "\"{}\" ({field}) reads as a drafting note or open question; resolve it or remove it",
                        quote(line)
                    ),
                ));
            }
        }
    }
    for p in &plan.priorities {
        if matches("editor-note", &p.title) {
            out.push(Gap {
                code: GapCode::EditorNote,
                severity: GapCode::EditorNote.severity(),
                action: None,
                priority: p.id.clone().or_else(|| Some(p.title.clone())),
                field: Some("priority"),
                value: Some(p.title.clone()),
                message: format!(
                    "the priority \"{}\" reads as an open question; decide it",
                    quote(&p.title)
                ),
                source: p.source.clone(),
            });
        }
    }
    for n in &plan.context.notes {
        out.push(Gap {
            code: GapCode::EditorNote,
            severity: GapCode::EditorNote.severity(),
            action: n.action,
            priority: n.priority.clone(),
            field: n.field,
            value: Some(n.text.clone()),
            message: format!(
                "comment by {}: \"{}\"; resolve it before publishing",
                if n.author.is_empty() {
                    "a reviewer"
                } else {
                    &n.author
                },
                quote(&n.text)
            ),
            source: n.source.clone(),
        });
    }
}

/// `empty-section` (warning): a priority or topic with no actions: a
/// priority no action points to, or a stub row that names a topic and
/// nothing else.
fn empty_section(plan: &Checked, _: &CheckOptions, out: &mut Vec<Gap>) {
    for p in &plan.priorities {
        let key = p.id.clone().unwrap_or_else(|| p.title.clone());
        let used = plan
            .actions
            .iter()
            .any(|a| a.priority.as_deref() == Some(key.as_str()));
        if !used {
            out.push(Gap {
                code: GapCode::EmptySection,
                severity: GapCode::EmptySection.severity(),
                action: None,
                priority: Some(key),
                field: None,
                value: Some(p.title.clone()),
                message: format!("\"{}\" has no actions", quote(&p.title)),
                source: p.source.clone(),
            });
        }
    }
    // A section row with no action under it ("3 Learning and development"
    // straight above "4 Performance information").
    let used = |text: &str| {
        plan.actions
            .iter()
            .any(|a| a.section.as_deref() == Some(text))
    };
    for (k, (text, priority, source)) in plan.context.sections.iter().enumerate() {
        if used(text) {
            continue;
        }
        // A row saying the actions are still to come ("Action plan to be
        // agreed by the subgroup") under an empty section row is about
        // that section, reported once.
        let about_the_one_above = crate::pattern::contains_ci(text, "to be ")
            && k > 0
            && !used(&plan.context.sections[k - 1].0);
        if about_the_one_above {
            continue;
        }
        // Under a priority with no action at all, the priority is the
        // empty section (reported above), not the row inside it ("Actions
        // to be agreed at the March Board").
        if priority.as_deref().is_some_and(|p| {
            !plan
                .actions
                .iter()
                .any(|a| a.priority.as_deref() == Some(p))
        }) {
            continue;
        }
        out.push(Gap {
            code: GapCode::EmptySection,
            severity: GapCode::EmptySection.severity(),
            action: None,
            priority: priority.clone(),
            field: Some("section"),
            value: Some(text.clone()),
            message: format!("\"{}\" has no actions", quote(text)),
            source: source.clone(),
        });
    }
    for (i, a) in plan.actions.iter().enumerate() {
        let Some(objective) = a.objective.as_deref().filter(|_| is_stub(a)) else {
            continue;
        };
        if matches("editor-note", objective) || matches("placeholder-text", objective) {
            continue; // reported as what it is
        }
        out.push(action_gap(
            i,
            a,
            GapCode::EmptySection,
            "objective",
            Some(objective),
            format!("\"{}\" has no actions", quote(objective)),
        ));
    }
}

/// `progress-missing` (info): with `--as-of`, the due date has passed and
/// there is no progress entry.
fn progress_missing(plan: &Checked, opts: &CheckOptions, out: &mut Vec<Gap>) {
    let Some(as_of) = opts.as_of.as_deref().and_then(day_number) else {
        return;
    };
    for (i, a) in actions(plan) {
        let Some(end) = a
            .due
            .as_ref()
            .and_then(|d| d.end.as_deref().or(d.start.as_deref()))
            .and_then(day_number)
        else {
            continue;
        };
        if end < as_of && a.progress.is_empty() {
            out.push(action_gap(
                i,
                a,
                GapCode::ProgressMissing,
                "progress",
                None,
                "the due date has passed and no progress is recorded".into(),
            ));
        }
    }
}

/// `rag-missing` (info): the table has a RAG column (recognition maps a
/// "Progress (RAG)" column to both progress and RAG) and the action has no
/// rating.
fn rag_missing(plan: &Checked, _: &CheckOptions, out: &mut Vec<Gap>) {
    for (i, a) in actions(plan) {
        // (Asked in this order: most actions have a rating, and the
        // written words are looked for only where one is missing.)
        if a.rag.is_some() || !table_fields(plan, a).is_some_and(|f| f.contains(&Field::Rag)) {
            continue;
        }
        // A status word no key gives a colour ("In progress") is written
        // there, not missing; a placeholder ("TBC", "?") is missing.
        let written = a.source.table.is_some_and(|t| {
            plan.context
                .rag_keys
                .iter()
                .filter(|(i, _)| *i == t)
                .filter_map(|(_, k)| a.fields.get(k))
                .any(|v| {
                    let v = v.trim();
                    v.chars().filter(|c| c.is_alphabetic()).count() >= 2
                        && !crate::normalise::date::is_placeholder(v)
                })
        });
        if !written {
            out.push(action_gap(
                i,
                a,
                GapCode::RagMissing,
                "rag",
                None,
                "no RAG rating".into(),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_phrase_compiles() {
        let lines = include_str!("phrases.txt")
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#') && !l.starts_with('['));
        for l in lines {
            assert!(
                crate::pattern::try_compile(&format!("(?i){l}")).is_ok(),
                "{l}"
            );
        }
    }

    #[test]
    fn placeholder_phrases() {
        for t in [
            "To be populated by Victor, Andy Sharp and Bally",
            "This column to be determined by the subgroup / lead , in conjunction with a board officer.",
            "Rate or reporting increases [data to be provided and targets set following benchmarking]",
            "how??",
            "??",
            "[targets to be set once baseline data is available]",
            "Figures from the employers' survey to go here",
            "Click or tap here to enter text.",
            "Choose an item.",
        ] {
            assert!(matches("placeholder-text", t), "{t}");
        }
        for t in [
            "Review the website",
            "Choose an item from the catalogue for each pack",
            "Identify gaps in knowledge about thresholds?",
            "Ongoing",
        ] {
            assert!(!matches("placeholder-text", t), "{t}");
        }
    }

    #[test]
    fn quotes_are_one_line_of_sixty_characters_at_most() {
        fn slow(s: &str) -> String {
            let one_line = s.split_whitespace().collect::<Vec<_>>().join(" ");
            if one_line.chars().count() > 60 {
                format!("{}…", one_line.chars().take(59).collect::<String>())
            } else {
                one_line
            }
        }
        for s in [
            "",
            "   ",
            "To be populated",
            "  Discuss\twith\n\nPaul \x0b now\x0c\r ",
            "a\u{a0}b\u{2003}c d",
            &"word ".repeat(20),
            &"é".repeat(61),
            &"é".repeat(60),
            &"x".repeat(60),
            &"x".repeat(61),
            &format!("{} {}", "y".repeat(58), "–é"),
        ] {
            assert_eq!(quote(s), slow(s), "{s:?}");
        }
    }

    #[test]
    fn capitals_are_counted_as_one_at_a_time() {
        let pieces = [
            "A",
            "z",
            "Z",
            "@",
            "[",
            "–",
            "É",
            "\n",
            "NEED TO CHECK ",
            "x",
        ];
        let mut text = String::new();
        for i in 0..700usize {
            let slow = text.bytes().filter(u8::is_ascii_uppercase).count();
            assert_eq!(capitals(&text), slow, "{text:?}");
            text.push_str(pieces[(i * 7 + i / 3) % pieces.len()]);
        }
    }

    #[test]
    fn an_ascii_line_is_shouted_as_its_characters_read() {
        let pieces = [
            "NEED", "TO", "CHECK", "THIS", "WITH", "the", "PCC", "A", "I", "a", "DON'T", "'",
            "Lscb", "SAB", "x", "IS", "WE", "2", " ", "  ", ",", "-", "(", ")", "[", "]", ":", "?",
            ".", "!", "/", "\t", "\x0b", "'S",
        ];
        let mut shouts = 0;
        for i in 0..20000usize {
            let mut line = String::new();
            for k in 0..(i % 13) {
                line.push_str(pieces[(i * 31 + k * 17 + i / 7) % pieces.len()]);
                if (i + k) % 4 != 0 {
                    line.push(' ');
                }
            }
            assert_eq!(shouted(&line), shouted_by_chars(&line), "{line:?}");
            shouts += usize::from(shouted(&line));
        }
        // (Both answers given many times.)
        assert!((1000..19000).contains(&shouts), "{shouts}");
    }

    #[test]
    fn notes_typed_in_capitals() {
        for t in [
            "NEED TO CHECK THIS WITH THE PCC OFFICE",
            "Agree a neglect dataset NEED TO CHECK THIS WITH HEALTH",
            "Audit findings reported to the SAB – CHECK WHO OWNS THIS WITH HEALTH",
            "ASK COMMS IF THEY CAN LEAD THIS",
        ] {
            assert!(shouted(t), "{t}");
        }
        for t in [
            "NEW",
            "Report to the LSCB SAB CSP MASH",
            "LSCB AND SAB JOINT PLAN",
            "Review the MARAC and MASH arrangements",
            "SAFEGUARDING ADULTS BOARD BUSINESS PLAN",
        ] {
            assert!(!shouted(t), "{t}");
        }
        // An ASCII line's words, read a byte at a time, are its characters'.
        for t in [
            "NEED TO CHECK THIS WITH THE PCC OFFICE",
            "ASK COMMS IF THEY CAN LEAD THIS",
            "LSCB AND SAB JOINT PLAN",
            "ASK\tCOMMS\x0bIF\x0cTHEY CAN LEAD THIS",
            "A WORD (TO) THE WISE: IS IT DONE? DO IT/NOW!",
            "DON'T ASK THE BOARD TO CHECK IT",
            "CHECK 2 THE WORD WITH IT",
            "I AM TO BE THE ONE",
            "Need to CHECK THIS WITH the PCC office",
        ] {
            assert!(t.is_ascii());
            assert_eq!(shouted(t), shouted_by_chars(t), "{t}");
        }
        assert!(shouted("CHECK THIS – WITH THE BOARD"));
        assert!(!shouted("CHECK THIS – WITH the board"));
    }

    #[test]
    fn note_phrases_fire_on_notes_not_on_questions_a_plan_asks() {
        for t in [
            "Discuss with Paul",
            "Is this best use of time? What impact do we expect this to have?",
            "Do we need an additional priority on safeguarding of increasing numbers of young refugees and asylum seekers ?",
            "Prevent - Should this be a priority or BAU",
            "(need to set baseline and target improve from what to what)",
            "Check contracts include safeguarding clauses – Note from JB: do licensing contracts count here? please confirm",
            "Launch the scheme in pharmacies. Awaiting Home Office guidance – leave in?",
            "Refresh the leaflet – delete this?",
            "DELETE? – strategy was refreshed last year",
            "Present the SAR learning (do we also need a newsletter article? – LT)",
            "Jane – can you check the audit tool is the current version?",
            "JS – does the youth forum want to lead this?",
            "Extend Street Pastors to Thursday nights [LB to cost this before the next meeting]",
            "Publish the overview report (wait for Home Office sign-off?)",
            "Audit 20 cases. NB: check figures with BI team",
            "@Sarah can you check this is still right? Refresh the tool",
            "Review the referral form (query - is this still needed?)",
            "Query – duplicate of 1.2?",
            "Needs rewording",
            "Comment [KP1]: who owns this?",
        ] {
            assert!(matches("editor-note", t), "{t}");
        }
        for t in [
            "Do members of the public know what abuse is?",
            "Establish if members of the public and Service Users ' know what is abuse/harm",
            "Identify gaps in knowledge about thresholds?",
            "What is the result of what we are doing?",
            "Ensure that Board is compliant with Working Together 2013",
            "Note: the Board meets quarterly",
            "Please see the Board's website for the strategy",
            "Police – DI Rahman",
            "Run the 'Would you know if it was happening?' campaign",
            "Ongoing – reviewed quarterly",
            "Email safeguarding@council.gov.uk for the form",
            "Publish the needs assessment",
            "Answer every query within five days",
        ] {
            assert!(!matches("editor-note", t), "{t}");
        }
    }

    use crate::normalise::date::{parse_due, DateContext};
    use crate::normalise::owner::parse_lead;
    use crate::plan::{Period, PlanContext, PlanInfo, PlanSource, Priority, Progress};

    /// A plan of one table with the given fields and actions.
    fn plan(fields: &[Field], actions: Vec<Action>) -> Plan {
        Plan {
            schema: crate::plan::SCHEMA,
            source: PlanSource {
                file: "t.docx".into(),
                format: "docx".into(),
                sha256: String::new(),
                pages: None,
                sheets: None,
                layout: "generic".into(),
                producer: None,
            },
            plan: PlanInfo {
                period: Some(Period {
                    raw: "2011-2012".into(),
                    start: "2011-04-01".into(),
                    end: "2012-03-31".into(),
                }),
                ..PlanInfo::default()
            },
            priorities: Vec::new(),
            actions,
            gaps: Vec::new(),
            warnings: Vec::new(),
            other_tables: Vec::new(),
            context: PlanContext {
                tables: vec![(0, fields.to_vec())],
                notes: Vec::new(),
                sections: Vec::new(),
                rag_keys: Vec::new(),
            },
        }
    }

    /// A complete action: nothing to chase.
    fn action() -> Action {
        let ctx = DateContext {
            start_year: Some(2011),
        };
        Action {
            id: Some("1.1".into()),
            priority: Some("1".into()),
            section: None,
            audience: None,
            objective: Some("Do members of the public know what abuse is?".into()),
            action: Some("Run a public awareness campaign".into()),
            milestone: None,
            lead: parse_lead("Communications Manager"),
            due: Some(parse_due("September 2011", &ctx)),
            measures: Some("Survey shows 60% can name a type of abuse".into()),
            progress: vec![Progress {
                date: None,
                text: "Materials printed".into(),
            }],
            rag: Some(crate::plan::Rag::Green),
            completed: None,
            resources: None,
            partners: None,
            fields: Default::default(),
            source: crate::plan::Place {
                table: Some(0),
                row: Some(1),
                ..Default::default()
            },
            cells: Vec::new(),
        }
    }

    const ALL_FIELDS: &[Field] = &[
        Field::Id,
        Field::Objective,
        Field::Action,
        Field::Lead,
        Field::Due,
        Field::Measures,
        Field::Progress,
        Field::Rag,
    ];

    /// Run one rule and return (code, field, value) of its gaps.
    fn run(
        rule: Rule,
        p: &Plan,
        opts: &CheckOptions,
    ) -> Vec<(String, Option<String>, Option<String>)> {
        let mut out = Vec::new();
        rule(&Checked::new(p), opts, &mut out);
        out.into_iter()
            .map(|g| (g.code.to_string(), g.field.map(str::to_string), g.value))
            .collect()
    }

    fn one(
        code: &str,
        field: &str,
        value: Option<&str>,
    ) -> Vec<(String, Option<String>, Option<String>)> {
        vec![(code.into(), Some(field.into()), value.map(str::to_string))]
    }

    #[test]
    fn a_complete_action_raises_no_gap_from_any_rule() {
        let p = plan(ALL_FIELDS, vec![action()]);
        assert!(check(
            &p,
            &CheckOptions {
                as_of: Some("2016-01-01".into()),
                ..Default::default()
            }
        )
        .is_empty());
    }

    #[test]
    fn rule_lead_missing() {
        let mut a = action();
        a.lead = None;
        let p = plan(ALL_FIELDS, vec![a.clone()]);
        assert_eq!(
            run(lead_missing, &p, &CheckOptions::default()),
            one("lead-missing", "lead", None)
        );
        // No owner column at all: not this action's gap.
        let p = plan(&[Field::Objective, Field::Action, Field::Due], vec![a]);
        assert!(run(lead_missing, &p, &CheckOptions::default()).is_empty());
    }

    #[test]
    fn rule_lead_placeholder_and_unconfirmed() {
        let mut a = action();
        a.lead = parse_lead("??");
        let mut b = action();
        b.lead = parse_lead("Rachel Garton?");
        let p = plan(ALL_FIELDS, vec![a, b]);
        assert_eq!(
            run(lead_placeholder, &p, &CheckOptions::default()),
            one("lead-placeholder", "lead", Some("??"))
        );
        assert_eq!(
            run(lead_unconfirmed, &p, &CheckOptions::default()),
            one("lead-unconfirmed", "lead", Some("Rachel Garton?"))
        );
    }

    #[test]
    fn rule_due_missing_placeholder_unparsed_outside() {
        let ctx = DateContext {
            start_year: Some(2011),
        };
        let mut missing = action();
        missing.due = None;
        let mut insert = action();
        insert.due = Some(parse_due("Insert", &ctx));
        let mut debris = action();
        debris.due = Some(parse_due("drwawn up and to be", &ctx));
        let mut early = action();
        early.due = Some(parse_due("March 2011", &ctx));
        let p = plan(ALL_FIELDS, vec![missing, insert, debris, early]);
        let o = CheckOptions::default();
        assert_eq!(run(due_missing, &p, &o), one("due-missing", "due", None));
        assert_eq!(
            run(due_placeholder, &p, &o),
            one("due-placeholder", "due", Some("Insert"))
        );
        assert_eq!(
            run(due_unparsed, &p, &o),
            one("due-unparsed", "due", Some("drwawn up and to be"))
        );
        assert_eq!(
            run(due_outside_period, &p, &o),
            one("due-outside-period", "due", Some("March 2011"))
        );
    }

    #[test]
    fn rule_measure_missing_only_where_the_layout_has_the_column() {
        let mut a = action();
        a.measures = None;
        let p = plan(ALL_FIELDS, vec![a.clone()]);
        assert_eq!(
            run(measure_missing, &p, &CheckOptions::default()),
            one("measure-missing", "measures", None)
        );
        let p = plan(
            &[Field::Objective, Field::Action, Field::Lead, Field::Due],
            vec![a],
        );
        assert!(run(measure_missing, &p, &CheckOptions::default()).is_empty());
    }

    #[test]
    fn rule_placeholder_text_and_editor_note_quote_the_line() {
        let mut a = action();
        a.action = Some("Run the campaign\nDiscuss with Paul".into());
        a.measures = Some("To be populated by Victor".into());
        let p = plan(ALL_FIELDS, vec![a]);
        let o = CheckOptions::default();
        assert_eq!(
            run(editor_note, &p, &o),
            one("editor-note", "action", Some("Discuss with Paul"))
        );
        assert_eq!(
            run(placeholder_text, &p, &o),
            one(
                "placeholder-text",
                "measures",
                Some("To be populated by Victor")
            )
        );
    }

    #[test]
    fn rule_editor_note_reports_reviewer_comments() {
        let mut p = plan(ALL_FIELDS, vec![action()]);
        p.context.notes.push(crate::plan::Note {
            action: Some(0),
            priority: Some("1".into()),
            field: Some("action"),
            author: "Reviewer".into(),
            text: "Discuss with Paul".into(),
            source: Default::default(),
        });
        let gaps = {
            let mut out = Vec::new();
            editor_note(&Checked::new(&p), &CheckOptions::default(), &mut out);
            out
        };
        assert_eq!(gaps.len(), 1);
        assert_eq!(
            gaps[0].message,
            "comment by Reviewer: \"Discuss with Paul\"; resolve it before publishing"
        );
    }

    #[test]
    fn rule_empty_section_for_priorities_and_stub_rows() {
        let mut stub = action();
        stub.action = None;
        stub.lead = None;
        stub.due = None;
        stub.measures = None;
        stub.progress = Vec::new();
        stub.objective = Some("Early Help".into());
        let mut p = plan(ALL_FIELDS, vec![action(), stub.clone()]);
        p.priorities.push(Priority {
            id: None,
            title: "Neglect".into(),
            lead: None,
            outcomes: Vec::new(),
            source: Default::default(),
        });
        let got = run(empty_section, &p, &CheckOptions::default());
        assert_eq!(
            got,
            vec![
                ("empty-section".into(), None, Some("Neglect".into())),
                (
                    "empty-section".into(),
                    Some("objective".into()),
                    Some("Early Help".into())
                ),
            ]
        );
        // A section row with no action under it is empty too.
        let mut p = plan(ALL_FIELDS, vec![action()]);
        p.context.sections = vec![
            (
                "3 Learning and development".into(),
                None,
                Default::default(),
            ),
            ("4 Performance".into(), None, Default::default()),
        ];
        p.actions[0].section = Some("4 Performance".into());
        let got = run(empty_section, &p, &CheckOptions::default());
        assert_eq!(
            got,
            vec![(
                "empty-section".into(),
                Some("section".into()),
                Some("3 Learning and development".into())
            )]
        );
        let p = plan(ALL_FIELDS, vec![action(), stub]);
        // The stub raises nothing else.
        assert!(run(lead_missing, &p, &CheckOptions::default()).is_empty());
        assert!(run(due_missing, &p, &CheckOptions::default()).is_empty());
    }

    #[test]
    fn rule_progress_missing_needs_as_of() {
        let mut a = action();
        a.progress = Vec::new();
        let p = plan(ALL_FIELDS, vec![a]);
        assert!(run(progress_missing, &p, &CheckOptions::default()).is_empty());
        let later = CheckOptions {
            as_of: Some("2012-01-01".into()),
            ..Default::default()
        };
        assert_eq!(
            run(progress_missing, &p, &later),
            one("progress-missing", "progress", None)
        );
        let earlier = CheckOptions {
            as_of: Some("2011-09-15".into()),
            ..Default::default()
        };
        assert!(run(progress_missing, &p, &earlier).is_empty());
    }

    #[test]
    fn min_severity_and_ignore_choose_the_gaps_kept() {
        let gap = |code: &str, severity| Gap {
            code: GapCode::parse(code).unwrap_or(GapCode::RagMissing),
            severity,
            action: None,
            priority: None,
            field: None,
            value: None,
            message: String::new(),
            source: Default::default(),
        };
        let opts = CheckOptions {
            min_severity: Some(Severity::Warning),
            ignore: vec![GapCode::MeasureMissing],
            ..Default::default()
        };
        assert!(opts.keeps(&gap("lead-missing", Severity::Error)));
        assert!(opts.keeps(&gap("lead-unconfirmed", Severity::Warning)));
        assert!(!opts.keeps(&gap("rag-missing", Severity::Info)));
        assert!(!opts.keeps(&gap("measure-missing", Severity::Warning)));
        assert!(CheckOptions::default().keeps(&gap("rag-missing", Severity::Info)));
    }

    #[test]
    fn rule_rag_missing() {
        let mut a = action();
        a.rag = None;
        let p = plan(ALL_FIELDS, vec![a.clone()]);
        assert_eq!(
            run(rag_missing, &p, &CheckOptions::default()),
            one("rag-missing", "rag", None)
        );
        let p = plan(&[Field::Objective, Field::Action], vec![a]);
        assert!(run(rag_missing, &p, &CheckOptions::default()).is_empty());
    }

    #[test]
    fn contains_finds_what_str_contains_finds() {
        let texts = [
            "",
            "a",
            "PPPG",
            "LSCB Business Manager",
            "By March 2016",
            "March 2016 – LSCB",
            "aaab",
            "ab",
            "b",
            "café – LSCB",
            "End of Nov 15 (PPPG)",
            "MarchMarch 201",
        ];
        for h in texts {
            for n in texts {
                for (i, _) in n.char_indices().chain([(n.len(), ' ')]) {
                    for m in [&n[..i], &n[i..]] {
                        assert_eq!(contains(h, m), h.contains(m), "{h:?} {m:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn day_numbers_order_dates() {
        let d = |s| day_number(s).unwrap();
        assert!(d("2011-03-31") < d("2011-04-01"));
        assert_eq!(d("2012-03-01") - d("2012-02-28"), 2);
        assert_eq!(d("2016-03"), d("2016-03-01"));
    }
}
