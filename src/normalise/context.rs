//! Document context: the text around the tables that says which priority an
//! action belongs to, who owns the priority, and what the plan is.
//!
//! Recognised (docs/LAYOUTS.md): priority headings ("Priority 2a: ...", "Joint
//! Priority 1 Owner – David Sandall ?", "Key Priority 1", "LSCBN Strategic
//! Priority 1:"), owner labels in key/value tables ("Priority Lead:",
//! "Executive Support Group Sponsor:"), "Outcomes" labels, and the plan's
//! title, organisation, period, draft status and "Updated" date.

#[cfg(test)]
use std::sync::LazyLock;

#[cfg(test)]
use regex_lite::Regex;

use crate::model::{Block, Document, Table};
use crate::normalise::date::{find_period, find_updated};
use crate::normalise::text::{cell_text, clean};
use crate::plan::{Audience, PlanInfo};

/// A priority named by a heading or label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PriorityHeading {
    /// "2a", "1".
    pub id: String,
    /// The wording after the number, if any.
    pub title: String,
    /// An owner named in the heading ("Owner – David Sandall ?").
    pub owner: Option<String>,
    /// The words before "Priority" ("Joint", "LSCB", "Key"), as printed.
    pub qualifier: String,
}

/// The pattern of a priority heading: [`priority_head`] reads it (up to
/// its title, which is the rest of a clean text). A unit test keeps the
/// two the same.
#[cfg(test)]
const PRIORITY: &str = r"(?i)^((?:(?:joint|lscb|lscbn|sab|key|strategic|business|board|our|corporate)\s+)*)priority\s+(?:no\.?\s*)?([0-9]+[a-z]?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|[ivx]+)\b\s*[:.\-–—]?\s*(.*)$";
/// The qualifier words [`PRIORITY`] allows before "priority".
const QUALIFIERS: [&str; 10] = [
    "joint",
    "lscb",
    "lscbn",
    "sab",
    "key",
    "strategic",
    "business",
    "board",
    "our",
    "corporate",
];

/// [`PRIORITY`] up to the title, read byte by byte (the title is the rest
/// of the text; the expression cost more than the rest of a heading's
/// reading): (qualifier as printed with its trailing space, id, where the
/// title starts). The same groups as
/// `(?i)^((?:(?:QUALIFIERS)\s+)*)priority\s+(?:no\.?\s*)?([0-9]+[a-z]?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|[ivx]+)\b\s*[:.\-–—]?\s*`
/// (a unit test compares them).
fn priority_head(text: &str) -> Option<(&str, &str, usize)> {
    let b = text.as_bytes();
    let space = |i: usize| {
        b.get(i)
            .is_some_and(|c| matches!(c, b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' '))
    };
    let spaces = |mut i: usize| {
        while space(i) {
            i += 1;
        }
        i
    };
    let word_at = |i: usize, w: &str| {
        b.get(i..i + w.len())
            .is_some_and(|s| s.eq_ignore_ascii_case(w.as_bytes()))
    };
    let is_word = |i: usize| {
        b.get(i)
            .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'_')
    };
    // The qualifier words, each followed by white space (an alternative
    // not followed by it gives way to the next: "lscb" to "lscbn").
    let mut i = 0;
    while let Some(w) = QUALIFIERS
        .iter()
        .find(|w| word_at(i, w) && space(i + w.len()))
    {
        i = spaces(i + w.len());
    }
    let qualifier = &text[..i];
    if !word_at(i, "priority") || !space(i + 8) {
        return None;
    }
    i = spaces(i + 8);
    // `(?:no\.?\s*)?`: an id cannot start with "n", so "no" is taken.
    if word_at(i, "no") {
        i += 2;
        if b.get(i) == Some(&b'.') {
            i += 1;
        }
        i = spaces(i);
    }
    let start = i;
    if b.get(i).is_some_and(u8::is_ascii_digit) {
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        if b.get(i).is_some_and(u8::is_ascii_alphabetic) && !is_word(i + 1) {
            i += 1;
        }
    } else if let Some(w) = NUMBER_WORDS
        .iter()
        .find(|w| word_at(i, w) && !is_word(i + w.len()))
    {
        i += w.len();
    } else {
        while b
            .get(i)
            .is_some_and(|c| matches!(c.to_ascii_lowercase(), b'i' | b'v' | b'x'))
        {
            i += 1;
        }
    }
    if i == start || is_word(i) {
        return None;
    }
    let id = &text[start..i];
    i = spaces(i);
    let rest = &text[i..];
    if let Some(p) = [":", ".", "-", "–", "—"]
        .iter()
        .find(|p| rest.starts_with(**p))
    {
        i += p.len();
    }
    Some((qualifier, id, spaces(i)))
}

/// The owner named in a priority heading's title ("Neglect – Owner: Jane
/// Smith"): [`owner_split`] reads it (a unit test keeps the two the same).
#[cfg(test)]
const OWNER: &str = r"(?i)^(.*?)\s*[-–—]?\s*\bowner\b\s*[:\-–—]?\s*(.*)$";

/// Where [`OWNER`]'s two groups are in a text with no line break (`.`
/// stops at one): (end of the text before "owner", start of the text
/// after it), read byte by byte. The first "owner" that word boundaries
/// bound wins (no later one can start the lazy first group sooner); the
/// first group gives up the white space before it, and a dash with the
/// white space before that; the second starts after the white space, one
/// separator and the white space that follow it.
fn owner_split(text: &str) -> Option<(usize, usize)> {
    let b = text.as_bytes();
    let ws = |c: u8| matches!(c, b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ');
    let p = starts_ci(b, b"owner").find(|&p| boundary_at(b, p) && boundary_at(b, p + 5))?;
    // Back over `\s*[-–—]?\s*`.
    let mut i = p;
    while i > 0 && ws(b[i - 1]) {
        i -= 1;
    }
    if let Some(dash) = ["-", "–", "—"].iter().find(|d| text[..i].ends_with(**d)) {
        i -= dash.len();
        while i > 0 && ws(b[i - 1]) {
            i -= 1;
        }
    }
    // On over `\s*[:\-–—]?\s*`.
    let mut j = p + 5;
    while j < b.len() && ws(b[j]) {
        j += 1;
    }
    if let Some(sep) = [":", "-", "–", "—"]
        .iter()
        .find(|s| text[j..].starts_with(**s))
    {
        j += sep.len();
    }
    while j < b.len() && ws(b[j]) {
        j += 1;
    }
    Some((i, j))
}

/// A priority's number written as a word ("Priority Two – Neglect"), in
/// the order of its value.
const NUMBER_WORDS: [&str; 12] = [
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve",
];

/// A heading that names a numbered or lettered group of the plan by
/// another word than "priority" ("Theme A: Leadership and accountability",
/// "Workstream 2 – Exploitation", "Outcome 3: ..."): the word, one short
/// id (a number, a letter, a number word) and a separator, then the title.
pub fn grouping_heading(text: &str) -> Option<PriorityHeading> {
    const WORDS: &[&str] = &[
        "theme",
        "strand",
        "workstream",
        "outcome",
        "ambition",
        "aim",
        "goal",
        "area",
        "objective",
        "commitment",
        "pillar",
        "domain",
        "recommendation",
    ];
    if text.len() > 300 {
        return None;
    }
    let cut = text.find([':', '–', '—', '-'])?;
    let (head, rest) = (
        text[..cut].trim(),
        text[cut..].trim_start_matches([':', '–', '—', '-']).trim(),
    );
    let mut words = head.split_whitespace();
    let (Some(word), Some(id), None) = (words.next(), words.next(), words.next()) else {
        return None;
    };
    let word = word.to_lowercase();
    let id = id.trim_end_matches('.');
    let lower = id.to_lowercase();
    let short_id = id.len() <= 3 && id.chars().all(|c| c.is_ascii_alphanumeric())
        || NUMBER_WORDS.contains(&lower.as_str());
    if !WORDS.contains(&word.as_str()) || !short_id || rest.is_empty() {
        return None;
    }
    // "Three" is 3; an id is kept as printed.
    let id = NUMBER_WORDS
        .iter()
        .position(|w| *w == lower)
        .map_or_else(|| id.to_string(), |n| (n + 1).to_string());
    Some(PriorityHeading {
        id,
        title: rest.to_string(),
        owner: None,
        qualifier: String::new(),
    })
}

/// Read a priority heading or label.
pub fn priority_heading(text: &str) -> Option<PriorityHeading> {
    // The word first, before cleaning: most paragraphs are not priority
    // headings, and the pattern (and the cleaning) costs far more than the
    // search for it. Cleaning only folds and trims white space and drops
    // leading bullets, which never makes the word appear (nor go).
    if !crate::pattern::contains_ci(text, "priority") {
        return None;
    }
    let text = clean(text);
    if text.len() > 400 || !anchored_as_priority(&text) {
        return None;
    }
    read_priority_heading(&text)
}

/// [`priority_heading`] of a text that is clean already ([`clean`]): the
/// same tests, the cheapest first (a clean text starts where the pattern
/// is anchored; the word is searched for only in a text starting so).
pub(super) fn priority_heading_of_clean(text: &str) -> Option<PriorityHeading> {
    if text.len() > 400
        || !anchored_as_priority(text)
        || !crate::pattern::contains_ci(text, "priority")
    {
        return None;
    }
    read_priority_heading(text)
}

/// Whether a clean text starts as [`PRIORITY`], which is anchored, can
/// match: with a qualifier word or "priority".
fn anchored_as_priority(text: &str) -> bool {
    // Most texts are turned away by their first letter: the words start
    // with b, c, j, k, l, o, p or s.
    if !text
        .as_bytes()
        .first()
        .is_some_and(|b| b"bcjklops".contains(&b.to_ascii_lowercase()))
    {
        return false;
    }
    std::iter::once(&"priority")
        .chain(QUALIFIERS.iter())
        .any(|w| crate::pattern::starts_with_ci(text, w))
}

/// [`priority_heading`] of a clean text that says "priority" and starts as
/// the pattern can match.
fn read_priority_heading(text: &str) -> Option<PriorityHeading> {
    // The head's match is the full pattern's: a clean text has no line
    // break, so the title (`.*$`, which stops at one) is all the rest; and
    // where the head does not match, neither does the pattern.
    let (qualifier, id, end) = priority_head(text)?;
    let (qualifier, id, rest) = (qualifier.to_string(), id.to_string(), &text[end..]);
    // "Priority 1 is set out as a table": a sentence about a priority,
    // not its heading (a title runs on from its number only when it starts
    // as a title does, with a capital).
    let head = &text[..text.len() - rest.len()];
    if !head
        .trim_end()
        .ends_with([':', '-', '\u{2013}', '\u{2014}', '.', ')'])
        && rest.trim_start().starts_with(char::is_lowercase)
    {
        return None;
    }
    let qualifier = qualifier.trim().to_string();
    let id = id.to_lowercase();
    // "Two" is priority 2.
    let id = NUMBER_WORDS
        .iter()
        .position(|w| *w == id)
        .map_or(id, |n| (n + 1).to_string());
    let rest = rest.trim().trim_end_matches(':').trim().to_string();
    let owner_said = crate::pattern::contains_ci(&rest, "owner");
    // (`rest` is part of a clean text: no line break.)
    let (title, owner) = match owner_said.then(|| owner_split(&rest)).flatten() {
        Some((i, j)) => {
            let owner = rest[j..].trim().to_string();
            (
                rest[..i]
                    .trim()
                    .trim_end_matches(['-', '–', '—'])
                    .trim()
                    .to_string(),
                (!owner.is_empty()).then_some(owner),
            )
        }
        None => (rest, None),
    };
    Some(PriorityHeading {
        id,
        title,
        owner,
        qualifier,
    })
}

/// Board words in a priority's qualifier, with whose priority they make it
/// ("LSCB Priority 2" children's, "SAB Priority 1" adults', "Joint
/// Priority 1" both boards'). Compared lower case.
const BOARDS: &[(&str, Audience)] = &[
    ("lscb", Audience::Children),
    ("lscbn", Audience::Children),
    ("scb", Audience::Children),
    ("lscp", Audience::Children),
    ("children's", Audience::Children),
    ("childrens", Audience::Children),
    ("sab", Audience::Adults),
    ("lsab", Audience::Adults),
    ("adults", Audience::Adults),
    ("adults'", Audience::Adults),
    ("joint", Audience::Both),
];

/// The board a priority's qualifier names, as printed, and whose priority
/// that makes it: ("LSCBN", children) for "LSCBN Strategic".
pub fn board_of(qualifier: &str) -> Option<(String, Audience)> {
    qualifier.split_whitespace().find_map(|w| {
        let lower = w.to_lowercase();
        BOARDS
            .iter()
            .find(|(b, _)| *b == lower)
            .map(|(_, a)| (w.to_string(), *a))
    })
}

/// Whose plan a title or organisation names, when it names one kind of
/// board only: "Local Safeguarding Children Board" children, "Safeguarding
/// Adults Board" adults; "LSCB and SAB" neither (the priorities say).
pub fn audience_of_title(text: &str) -> Option<Audience> {
    // The lower-case text's words, split at spaces, hyphens, slashes and
    // commas (other white space is part of a word, as it always was); a
    // phrase is found as its words in a row.
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower.split([' ', '-', '/', ',']).collect();
    // (Every phrase below is one word or two.)
    let spaced = |phrase: &str| match phrase.split_once(' ') {
        None => words.contains(&phrase),
        Some((a, b)) => words.windows(2).any(|w| w[0] == a && w[1] == b),
    };
    let has = |words: &[&str]| words.iter().any(|w| spaced(w));
    let children = has(&[
        "lscb",
        "lscbn",
        "scb",
        "lscp",
        "safeguarding children",
        "children's safeguarding",
        "childrens safeguarding",
        "safeguarding children's",
    ]);
    let adults = has(&[
        "sab",
        "lsab",
        "safeguarding adults",
        "adults safeguarding",
        "adult safeguarding",
        "adults' safeguarding",
    ]);
    match (children, adults) {
        (true, false) => Some(Audience::Children),
        (false, true) => Some(Audience::Adults),
        _ => None,
    }
}

/// Whose actions a sheet holds, by its name: "Children", "Adults",
/// "Children's Board", "Adult Safeguarding".
pub fn audience_of_sheet(name: &str) -> Option<Audience> {
    let lower = name.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty())
        .collect();
    let children = words.iter().any(|w| {
        matches!(
            *w,
            "children" | "children's" | "childrens" | "child" | "lscb" | "cyp"
        )
    });
    let adults = words
        .iter()
        .any(|w| matches!(*w, "adults" | "adult" | "adults'" | "sab"));
    match (children, adults) {
        (true, false) => Some(Audience::Children),
        (false, true) => Some(Audience::Adults),
        _ => None,
    }
}

/// Whether a sheet's name can name a priority ("1. Neglect", "Financial
/// abuse"): not a board's ("Children"), and with a word of three letters or
/// more that is not a month nor a word any workbook's sheets use ("Sheet1",
/// "Action plan", "Tracker", "Year 2", "2024-25", "Q1", "Overview",
/// "Risk register" name no priority).
pub fn sheet_names_a_priority(name: &str) -> bool {
    let title = super::rows::numbered(name).map_or(name, |(_, t)| t);
    if audience_of_sheet(title).is_some() {
        return false;
    }
    let lower = title.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphabetic() && c != '\'')
        .filter(|w| w.chars().count() >= 3)
        .collect();
    // A word that makes a sheet one of the workbook's own ("Safeguarding
    // Plan", "Milestones", "Risk register").
    const OWN: &[&str] = &[
        "sheet",
        "plan",
        "plans",
        "tracker",
        "log",
        "register",
        "summary",
        "overview",
        "dashboard",
        "milestone",
        "milestones",
        "data",
        "list",
        "lists",
        "lookup",
        "lookups",
        "key",
        "guidance",
        "instructions",
        "cover",
        "contents",
        "notes",
        "archive",
        "copy",
        "version",
        "template",
        "totals",
        "chart",
        "charts",
        "glossary",
    ];
    // Words that name no subject ("Year 2 actions", "Draft").
    const PLAIN: &[&str] = &[
        "action",
        "actions",
        "year",
        "quarter",
        "qtr",
        "update",
        "updates",
        "progress",
        "old",
        "draft",
        "final",
        "master",
        "all",
        "business",
        "work",
        "workplan",
        "programme",
        "strategy",
        "board",
        "partnership",
        "total",
        "risk",
        "risks",
        "priority",
        "priorities",
    ];
    if words.iter().any(|w| OWN.contains(w)) {
        return false;
    }
    // "Priority 1": the word and its number are subject enough.
    priority_heading(name).is_some()
        || words
            .iter()
            .any(|w| !PLAIN.contains(w) && super::date::month_number(w).is_none())
}

/// Whether a heading names a part of a priority's text rather than a topic
/// of it: it asks a question or starts with a question word ("What we will
/// do", "Why this matters", "How will we know?"), or it is one of the usual
/// parts (Background, Context, Actions, Outcomes, Measures, Progress).
pub fn is_section_label(text: &str) -> bool {
    let t = text.trim().trim_end_matches(':').trim();
    if t.ends_with('?') {
        return true;
    }
    let lower = t.to_lowercase();
    let first = lower.split_whitespace().next().unwrap_or_default();
    matches!(
        first,
        "what" | "why" | "how" | "who" | "when" | "where" | "which"
    ) || matches!(
        lower.as_str(),
        "background"
            | "context"
            | "actions"
            | "key actions"
            | "our actions"
            | "outcomes"
            | "measures"
            | "success measures"
            | "progress"
            | "summary"
            | "introduction"
            | "overview"
    )
}

/// The outcome an "Outcome: ..." line states inline.
pub fn inline_outcome(text: &str) -> Option<String> {
    if !crate::pattern::contains_ci_by(text, "outcome", 5) {
        return None;
    }
    inline_outcome_of_clean(&clean(text))
}

/// [`inline_outcome`] of a clean text ([`clean`]) that says "outcome".
pub(super) fn inline_outcome_of_clean(t: &str) -> Option<String> {
    let (label, rest) = t.split_once([':', '–', '—'])?;
    let label = label.trim().to_lowercase();
    let rest = rest.trim();
    (matches!(
        label.as_str(),
        "outcome"
            | "outcomes"
            | "expected outcome"
            | "expected outcomes"
            | "key outcome"
            | "desired outcome"
    ) && !rest.is_empty())
    .then(|| rest.to_string())
}

/// Whether a paragraph introduces a priority's outcome list.
pub fn is_outcomes_label(text: &str) -> bool {
    crate::pattern::contains_ci_by(text, "outcome", 5) && is_outcomes_label_of_clean(&clean(text))
}

/// [`is_outcomes_label`] of a clean text ([`clean`]) that says "outcome".
pub(super) fn is_outcomes_label_of_clean(t: &str) -> bool {
    let t = t.to_lowercase();
    let t = t.trim_end_matches([':', '.']).trim();
    matches!(
        t,
        "outcomes" | "outcome" | "expected outcomes" | "key outcomes" | "outcomes we want"
    )
}

/// What a key/value label says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Label {
    /// A priority ("LSCBN Strategic Priority 1:").
    Priority(PriorityHeading),
    /// The owner of the current priority ("Priority Lead:", "Sponsor:").
    Lead,
    /// The document's title ("Title of paper:").
    Title,
    /// Anything else.
    Other,
}

/// Classify the label cell of a key/value table.
pub fn label(text: &str) -> Label {
    let t = clean(text);
    let t = t.trim_end_matches(':').trim();
    if let Some(p) = priority_heading(t) {
        if p.title.is_empty() || p.title.to_lowercase() == "lead" {
            if p.title.to_lowercase() == "lead" {
                return Label::Lead;
            }
            return Label::Priority(p);
        }
    }
    let lower = t.to_lowercase();
    if lower.ends_with("lead") || lower.ends_with("owner") || lower.ends_with("sponsor") {
        Label::Lead
    } else if lower.starts_with("title") {
        Label::Title
    } else {
        Label::Other
    }
}

/// A table of labels and values: two columns, most first cells ending in ":".
pub fn is_key_value(table: &Table) -> bool {
    if table.n_cols != 2 || table.n_rows == 0 {
        return false;
    }
    let labels: Vec<String> = (0..table.n_rows)
        .filter_map(|r| table.cell_at(r, 0).map(cell_text))
        .filter(|t| !t.is_empty())
        .collect();
    !labels.is_empty() && labels.iter().filter(|l| l.ends_with(':')).count() * 5 >= labels.len() * 3
}

const ORG_WORDS: &[&str] = &[
    "council",
    "board",
    "boards",
    "partnership",
    "partnerships",
    "trust",
    "authority",
    "lscb",
    "lscbn",
    "sab",
];

/// The pattern [`is_org_acronym`] reads.
#[cfg(test)]
const ORG_ACRONYM: &str = r"^[a-z]*(?:scb|spb|sab|scbn|sb)$";

/// Whether a lower-case word is a board's acronym ("lscb", "nscpb",
/// "lsab", "scbn"): [`ORG_ACRONYM`], ASCII lower-case letters ending in
/// one of its endings, read without the pattern (a unit test compares
/// them).
fn is_org_acronym(w: &str) -> bool {
    w.bytes().all(|c| c.is_ascii_lowercase())
        && ["scb", "spb", "sab", "scbn", "sb"]
            .iter()
            .any(|e| w.ends_with(e))
}
/// The pattern [`plan_word_start`] reads.
#[cfg(test)]
const PLAN_WORD: &str =
    r"(?i)\b(?:business|improvement|action|strategic|annual|delivery|work)?\s*plans?\b";
#[cfg(test)]
static BOARD_FOR: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(
        r"(?i)\b((?:local\s+)?safeguarding\s+(?:children|adults)\s+(?:board|partnership)\s+(?:for|of)\s+[A-Z][A-Za-z&' ]*?)(?:\s+we\b|\s+will\b|[,.;:]|$)",
    )
});

/// Whether a text holds the words [`BOARD_FOR`] needs: "safeguarding",
/// "children" or "adults", and "board" or "partnership" followed by "for"
/// or "of" and a letter, white space between them (ASCII case aside and
/// ASCII white space, as regex-lite's `(?i)` and `\s`): most texts that
/// say "safeguarding" are turned away here, without running the pattern.
fn may_name_board_for(t: &str) -> bool {
    use crate::pattern::contains_ci_by;
    let b = t.as_bytes();
    let ws = |i: usize| {
        b[i..]
            .iter()
            .take_while(|c| matches!(c, b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' '))
            .count()
    };
    // After a body's name: white space, "for" or "of", white space, a letter.
    let for_someone = |end: usize| {
        let w = ws(end);
        let at = end + w;
        let word = ["for", "of"].iter().find_map(|f| {
            b.get(at..at + f.len())
                .filter(|s| s.eq_ignore_ascii_case(f.as_bytes()))
                .map(|_| at + f.len())
        });
        word.is_some_and(|e| {
            let w2 = ws(e);
            w > 0 && w2 > 0 && b.get(e + w2).is_some_and(u8::is_ascii_alphabetic)
        })
    };
    contains_ci_by(t, "safeguarding", 2)
        && (contains_ci_by(t, "children", 1) || contains_ci_by(t, "adults", 2))
        && ["board", "partnership"]
            .iter()
            .any(|body| starts_ci(b, body.as_bytes()).any(|i| for_someone(i + body.len())))
}

/// The body [`BOARD_FOR`] names in `t` (its first group, trimmed), read
/// by hand: the pattern's PikeVM cost tens of thousands of instructions a
/// text (a test compares the two). Leftmost first, as the pattern: each
/// place a match can start (a "local" or "safeguarding" after a word
/// boundary) is tried in order, "local" and white space first.
fn board_for(t: &str) -> Option<String> {
    let b = t.as_bytes();
    // No match starts before the first "safeguarding" but at a "local"
    // and white space right before it.
    let p = starts_ci(b, b"safeguarding").next()?;
    let q = p - b[..p].iter().rev().take_while(|&&c| is_space(c)).count();
    let start = match q.checked_sub(5) {
        Some(l) if q < p && b[l..q].eq_ignore_ascii_case(b"local") => l,
        _ => p,
    };
    (start..b.len())
        .filter(|&i| boundary_at(b, i))
        .find_map(|i| {
            let mut k = i;
            // `(?:local\s+)?`, taken first.
            let local = word_ci(b, &mut k, &["local"]) && spaces(b, &mut k);
            board_for_at(b, if local { k } else { i })
                .or_else(|| local.then(|| board_for_at(b, i)).flatten())
                .map(|end| t[i..end].trim().to_string())
        })
}

/// `regex-lite`'s `\s` (ASCII white space).
fn is_space(c: u8) -> bool {
    matches!(c, b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ')
}

/// `\s+` at `*k`, moving past it.
fn spaces(b: &[u8], k: &mut usize) -> bool {
    let n = b[*k..].iter().take_while(|&&c| is_space(c)).count();
    *k += n;
    n > 0
}

/// One of `words` (ASCII case aside) at `*k`, moving past it.
fn word_ci(b: &[u8], k: &mut usize, words: &[&str]) -> bool {
    words.iter().any(|w| {
        let hit = b
            .get(*k..*k + w.len())
            .is_some_and(|s| s.eq_ignore_ascii_case(w.as_bytes()));
        if hit {
            *k += w.len();
        }
        hit
    })
}

/// [`BOARD_FOR`] from "safeguarding" at `i` on: where its first group
/// ends. The body's name is lazy: the shortest run of letters, "&", "'"
/// and spaces after its first letter that one of the endings follows
/// (" we", " will", a mark, or the text's end), tried in that order.
fn board_for_at(b: &[u8], i: usize) -> Option<usize> {
    let mut k = i;
    let ok = word_ci(b, &mut k, &["safeguarding"])
        && spaces(b, &mut k)
        && word_ci(b, &mut k, &["children", "adults"])
        && spaces(b, &mut k)
        && word_ci(b, &mut k, &["board", "partnership"])
        && spaces(b, &mut k)
        && word_ci(b, &mut k, &["for", "of"])
        && spaces(b, &mut k)
        && b.get(k).is_some_and(u8::is_ascii_alphabetic);
    if !ok {
        return None;
    }
    let mut end = k + 1;
    loop {
        let ending = |w: &str| {
            let mut e = end;
            spaces(b, &mut e) && word_ci(b, &mut e, &[w]) && boundary_at(b, e)
        };
        if ending("we")
            || ending("will")
            || matches!(b.get(end), Some(b',' | b'.' | b';' | b':') | None)
        {
            return Some(end);
        }
        match b[end] {
            c if c.is_ascii_alphabetic() || matches!(c, b'&' | b'\'' | b' ') => end += 1,
            _ => return None,
        }
    }
}

/// Whether an ASCII word character (`\w` as `\b` reads it) is at `i`.
fn is_word_at(b: &[u8], i: usize) -> bool {
    b.get(i)
        .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'_')
}

/// Whether `\b` holds before byte `i` (`i - 1` and `i` differ in being
/// word characters; ASCII, as regex-lite's).
fn boundary_at(b: &[u8], i: usize) -> bool {
    (i > 0 && is_word_at(b, i - 1)) != is_word_at(b, i)
}

/// Where `needle` (ASCII, lower case) starts in `hay`, ASCII letters
/// compared without case: each start, in order.
fn starts_ci<'h>(hay: &'h [u8], needle: &'h [u8]) -> impl Iterator<Item = usize> + 'h {
    let first = needle[0];
    memchr::memchr2_iter(first, first.to_ascii_uppercase(), hay).filter(move |&i| {
        hay.get(i..i + needle.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(needle))
    })
}

/// Whether text says "draft" as a word: `(?i)\bdraft\b`, read byte by
/// byte (a unit test compares them).
fn is_draft(t: &str) -> bool {
    let b = t.as_bytes();
    starts_ci(b, b"draft").any(|i| boundary_at(b, i) && boundary_at(b, i + 5))
}

/// The words [`plan_word_start`] allows before "plan".
const PLAN_QUALIFIERS: [&str; 7] = [
    "business",
    "improvement",
    "action",
    "strategic",
    "annual",
    "delivery",
    "work",
];

/// Where the first match of [`PLAN_WORD`] starts,
/// `(?i)\b(?:business|improvement|action|strategic|annual|delivery|work)?\s*plans?\b`,
/// read byte by byte (a unit test compares them). A match ends at the
/// first "plan" or "plans" that a word boundary ends and something starts:
/// a qualifier word right before it (white space between them or not) that
/// a word boundary starts, else the white space before it that ends a word,
/// else the word itself where a boundary starts it. (No qualifier holds
/// "plan" or ends another: the first such "plan" is the first match's.)
fn plan_word_start(t: &str) -> Option<usize> {
    let b = t.as_bytes();
    starts_ci(b, b"plan").find_map(|p| {
        let e = p + 4;
        let ends = if b.get(e).is_some_and(|c| c.eq_ignore_ascii_case(&b's')) {
            boundary_at(b, e + 1)
        } else {
            boundary_at(b, e)
        };
        if !ends {
            return None;
        }
        // `\s*`: ASCII white space, as regex-lite's.
        let ws = b[..p]
            .iter()
            .rev()
            .take_while(|c| matches!(c, b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' '))
            .count();
        let q_end = p - ws;
        let qualified = PLAN_QUALIFIERS.iter().find_map(|q| {
            let s = q_end.checked_sub(q.len())?;
            (b[s..q_end].eq_ignore_ascii_case(q.as_bytes()) && boundary_at(b, s)).then_some(s)
        });
        qualified
            .or_else(|| (ws > 0 && boundary_at(b, q_end)).then_some(q_end))
            .or_else(|| boundary_at(b, p).then_some(p))
    })
}

/// Whether text says "plan" or "plans", perhaps after "business",
/// "action", ... ([`plan_word_start`]).
fn has_plan_word(t: &str) -> bool {
    plan_word_start(t).is_some()
}

/// The organisation named at the start of a title, up to its last
/// organisation word ("PLYMOUTH CITY COUNCIL Corporate ... Plan" gives
/// "PLYMOUTH CITY COUNCIL"; "NCSCB AND NCASPB BUSINESS PLANS" gives
/// "NCSCB AND NCASPB").
fn organisation_in_title(title: &str) -> Option<String> {
    let start = plan_word_start(title)?;
    let prefix = title[..start].trim();
    let words: Vec<&str> = prefix.split_whitespace().collect();
    let last = words.iter().rposition(|w| {
        let lw = w.to_lowercase();
        let lw = lw.trim_matches(|c: char| !c.is_alphanumeric());
        ORG_WORDS.contains(&lw) || is_org_acronym(lw)
    })?;
    // One word ("Partnership Plan 2020-22") names no one.
    (last > 0 || words[0].len() >= 3 && words[0].chars().all(|c| !c.is_lowercase()))
        .then(|| words[..=last].join(" "))
}

/// Whether a line is an organisation's name alone: at most eight words and
/// sixty characters, no digit, no plan word, not a draft mark, ending in an
/// organisation word ("Council", "Board", "Partnership", "Trust").
fn is_organisation_line(t: &str) -> bool {
    let words: Vec<&str> = t.split_whitespace().collect();
    t.len() <= 60
        && (2..=8).contains(&words.len())
        && !t.bytes().any(|b| b.is_ascii_digit())
        && !has_plan_word(t)
        && !is_draft(t)
        && words.last().is_some_and(|w| {
            let lw = w.to_lowercase();
            let lw = lw.trim_matches(|c: char| !c.is_alphanumeric());
            // Health and police bodies name themselves so too.
            ORG_WORDS.contains(&lw)
                || ["group", "ccg", "icb", "constabulary", "police", "services"].contains(&lw)
        })
}

/// Plan-level facts from the first blocks of the document.
pub fn plan_info(doc: &Document) -> PlanInfo {
    plan_info_of(doc, &head_texts(doc), &key_value_tables(doc))
}

/// How many of a document's first blocks [`plan_info`] reads.
pub(super) const HEAD_BLOCKS: usize = 60;

/// The clean text ([`clean`]) of each heading and paragraph among the
/// first [`HEAD_BLOCKS`] blocks, in order, with whether it is a heading.
pub(super) fn head_texts(doc: &Document) -> Vec<(bool, String)> {
    doc.blocks
        .iter()
        .take(HEAD_BLOCKS)
        .filter_map(|block| match block {
            Block::Heading { paragraph, .. } => Some((true, clean(&paragraph.text_cow()))),
            Block::Paragraph(p) => Some((false, clean(&p.text_cow()))),
            Block::Table(_) => None,
        })
        .collect()
}

/// One row of a key/value table ([`is_key_value`]), read: what its label
/// says ([`label`]), its value's text, and where its label is.
pub(super) struct KeyValue<'t> {
    /// What the label says.
    pub label: Label,
    /// The value's clean text.
    pub value: String,
    /// The label cell's place.
    pub source: &'t crate::model::SourceLoc,
}

/// Per block of a document, the rows of a key/value table
/// ([`key_values`]); `None` for any other block. Read once, for
/// [`plan_info`] and for the priorities they name.
pub(super) fn key_value_tables(doc: &Document) -> Vec<Option<Vec<KeyValue<'_>>>> {
    doc.blocks
        .iter()
        .map(|block| match block {
            Block::Table(t) if is_key_value(t) => Some(key_values(t)),
            _ => None,
        })
        .collect()
}

/// The rows of a key/value table that have a label cell and a value cell.
pub(super) fn key_values(t: &Table) -> Vec<KeyValue<'_>> {
    (0..t.n_rows)
        .filter_map(|r| {
            let (k, v) = (t.cell_at(r, 0)?, t.cell_at(r, 1)?);
            Some(KeyValue {
                value: cell_text(v),
                label: label(&cell_text(k)),
                source: &k.source,
            })
        })
        .collect()
}

/// [`plan_info`], given the document's [`head_texts`] and its
/// [`key_value_tables`].
pub(super) fn plan_info_of(
    doc: &Document,
    texts: &[(bool, String)],
    key_values: &[Option<Vec<KeyValue<'_>>>],
) -> PlanInfo {
    // The value of the first title label in a key/value table among the
    // first blocks.
    let kv_title = key_values
        .iter()
        .take(HEAD_BLOCKS)
        .flatten()
        .flatten()
        .find(|kv| kv.label == Label::Title)
        .map(|kv| kv.value.clone());
    let head: Vec<&(bool, String)> = texts.iter().take(15).collect();
    let title = kv_title.or_else(|| {
        head.iter()
            .find(|(_, t)| {
                t.len() <= 200
                    && has_plan_word(t)
                    && t.to_lowercase().contains("plan")
                    // "Plan period: April 2020 – March 2022" labels a fact.
                    && !crate::pattern::starts_with_ci(t, "plan period")
            })
            .map(|(_, t)| t.clone())
            .or_else(|| {
                // A plan called a tracker or a work programme
                // ("Safeguarding Adults Review Action Tracker").
                head.iter()
                    .find(|(_, t)| {
                        t.len() <= 200
                            && (crate::pattern::contains_ci(t, "tracker")
                                || crate::pattern::contains_ci(t, "work programme"))
                    })
                    .map(|(_, t)| t.clone())
            })
    });
    let title = title.or_else(|| doc.meta.title.clone());
    let organisation = title
        .as_deref()
        .and_then(organisation_in_title)
        .or_else(|| {
            head.iter()
                .take(3)
                .map(|(_, t)| t)
                .find(|t| {
                    t.len() <= 40
                        && !is_draft(t)
                        && t.chars().any(|c| c.is_alphabetic())
                        && !t.chars().any(|c| c.is_lowercase())
                        && !has_plan_word(t)
                })
                .cloned()
        })
        .or_else(|| {
            // A line of its own near the top that names an organisation:
            // "Hallam Vale Borough Council", "Eastbrook Safeguarding Adults
            // Board" over the plan's title.
            head.iter()
                .take(4)
                .map(|(_, t)| t)
                .find(|t| is_organisation_line(t) && Some(t.as_str()) != title.as_deref())
                .cloned()
        })
        .or_else(|| {
            texts
                .iter()
                .filter(|(_, t)| may_name_board_for(t))
                .find_map(|(_, t)| board_for(t))
        });
    let period = title
        .as_deref()
        .and_then(find_period)
        .or_else(|| head.iter().find_map(|(_, t)| find_period(t)));
    let draft = title.as_deref().is_some_and(is_draft)
        || head.iter().any(|(_, t)| t.len() <= 200 && is_draft(t));
    let updated = texts.iter().take(30).find_map(|(_, t)| find_updated(t));
    PlanInfo {
        title,
        organisation,
        period,
        status: draft.then(|| "draft".to_string()),
        updated,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_acronym_is_read_as_its_pattern_reads_it() {
        let re = crate::pattern::compile(ORG_ACRONYM);
        let mut n = 0;
        for head in ["", "l", "n", "lsc", "ab", "x1", "é", "L", "-", "scb"] {
            for end in [
                "scb", "spb", "sab", "scbn", "sb", "cb", "b", "", "scbx", "sbn", "SCB", "sab1",
                "s b", "sç",
            ] {
                let w = format!("{head}{end}");
                assert_eq!(is_org_acronym(&w), re.is_match(&w), "{w:?}");
                n += usize::from(re.is_match(&w));
            }
        }
        assert!(n > 20, "{n}");
    }

    #[test]
    fn a_text_the_board_pattern_matches_is_let_through() {
        let mut texts = Vec::new();
        for lead in ["", "The ", "local ", "LOCAL  "] {
            for who in ["children", "Adults", "CHILDREN", "adult", "young people"] {
                for body in ["board", "Partnership", "BOARD", "group"] {
                    for tail in [
                        " for Eastbrook",
                        " of Westvale, we",
                        " for",
                        " for eastbrook.",
                        " for East Brook we do",
                        " for East & West's  will",
                        " for Ea\twill",
                        " for Eastwe",
                        " for East wed",
                        " of Eastbrook willow; x",
                        " of Eastbrook Réunion",
                        " for E",
                        " for 3 towns",
                        " FOR  x-y",
                        " forEast",
                        " ofwest",
                        " for East\nwe",
                        " for East:",
                    ] {
                        for word in ["safeguarding", "Safeguarding", "SAFEGUARDING", "safe"] {
                            texts.push(format!("{lead}{word} {who} {body}{tail}"));
                            texts.push(format!("{lead}{word}\t{who}  {body}{tail} will"));
                        }
                    }
                }
            }
        }
        let mut matched = 0;
        for t in &texts {
            // The search from the first place a match can start finds what
            // a search of the whole text does.
            for pre in ["", "Local ", "local\t ", "The local  ", "Safeguarding and "] {
                let t = format!("{pre}{t}");
                assert_eq!(
                    board_for(&t),
                    BOARD_FOR.captures(&t).map(|c| c[1].trim().to_string()),
                    "{t:?}"
                );
            }
            let hit = BOARD_FOR.is_match(t);
            matched += usize::from(hit);
            assert!(!hit || may_name_board_for(t), "{t:?}");
        }
        assert!(matched > 100, "{matched}");
    }

    #[test]
    fn the_priority_head_reader_gives_the_expression_s_groups() {
        let re = crate::pattern::compile(
            r"(?i)^((?:(?:joint|lscb|lscbn|sab|key|strategic|business|board|our|corporate)\s+)*)priority\s+(?:no\.?\s*)?([0-9]+[a-z]?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|[ivx]+)\b\s*[:.\-–—]?\s*",
        );
        let heads = [
            "",
            "Joint ",
            "LSCB ",
            "lscbn ",
            "LSCBN  ",
            "lscbnx ",
            "Key Strategic ",
            "our\t",
            "Board Business ",
            "corporate",
            "Corporate ",
            "SAB ",
            "sab-",
            "Priority ",
        ];
        let ids = [
            "1", "12", "1a", "2B", "1ab", "12_", "iv", "XIV", "vix", "ivy", "no. 3", "No 4", "no5",
            "No.", "nox", "", "3.1", "1st", "Two", "twelve", "Twelfth", "ones", "Ten2",
        ];
        let tails = [
            "",
            ":",
            " : Title",
            " - Title",
            "– Title",
            ". Title",
            "—",
            "  ",
            "x",
            "_",
        ];
        let mut matched = 0;
        for h in heads {
            for p in [
                "priority ",
                "Priority  ",
                "PRIORITY",
                "priority\t",
                "priorities ",
            ] {
                for id in ids {
                    for t in tails {
                        let text = format!("{h}{p}{id}{t}");
                        let want = re.captures(&text).map(|c| {
                            (
                                c[1].to_string(),
                                c[2].to_string(),
                                c.get(0).map_or(0, |m| m.end()),
                            )
                        });
                        let got = priority_head(&text)
                            .map(|(q, id, end)| (q.to_string(), id.to_string(), end));
                        assert_eq!(got, want, "{text:?}");
                        matched += usize::from(want.is_some());
                    }
                }
            }
        }
        assert!(matched > 1000, "{matched}");
    }

    #[test]
    fn a_clean_text_matches_the_priority_pattern_where_its_head_reader_does() {
        let re = crate::pattern::compile(PRIORITY);
        for h in [
            "",
            "Joint ",
            "lscbn ",
            "Key Strategic ",
            "our ",
            "Board",
            "Our ",
        ] {
            for p in ["priority ", "Priority", "PRIORITY ", "priorities ", "prio "] {
                for id in ["1", "1a", "iv", "no. 3", "Two", "", "1st", "3.1", "x"] {
                    for t in ["", ": Title", " - Title – more", " title", "x", ".", " é"] {
                        let text = clean(&format!("{h}{p}{id}{t}"));
                        let want = re
                            .captures(&text)
                            .map(|c| (c[1].to_string(), c[2].to_string(), c[3].to_string()));
                        let got = priority_head(&text).map(|(q, id, end)| {
                            (q.to_string(), id.to_string(), text[end..].to_string())
                        });
                        assert_eq!(got, want, "{text:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn the_owner_reader_gives_the_expression_s_groups() {
        let re = crate::pattern::compile(OWNER);
        let heads = [
            "",
            "Neglect",
            "Neglect ",
            "Neglect -",
            "Neglect - ",
            "Neglect – ",
            "A -- ",
            "A - -",
            "x-",
            "co",
            "Co-",
            "é ",
            "Title —  ",
        ];
        let words = [
            "owner", "Owner", "OWNER", "owners", "coowner", "owner_", "owner2",
        ];
        let tails = [
            "",
            ":",
            ": Jane",
            " - Jane",
            " – Jane Smith ?",
            "  :  J",
            "Jane",
            " owner: X",
            " -- X",
            ":-X",
        ];
        for h in heads {
            for w in words {
                for t in tails {
                    let text = format!("{h}{w}{t}");
                    let want = re.captures(&text).map(|c| {
                        (
                            c.get(1).map_or(0, |m| m.end()),
                            c.get(2).map_or(0, |m| m.start()),
                        )
                    });
                    assert_eq!(owner_split(&text), want, "{text:?}");
                }
            }
        }
    }

    #[test]
    fn the_plan_and_draft_readers_match_where_their_expressions_do() {
        let plan = crate::pattern::compile(PLAN_WORD);
        let draft = crate::pattern::compile(r"(?i)\bdraft\b");
        let heads = [
            "",
            "x",
            "The ",
            "a-",
            "é",
            "_",
            "work",
            "Work ",
            "reaction",
            "reaction ",
            "Business  ",
            "BUSINESS\t",
            "improvement",
            "Annual\n",
            "delivery-",
            "1 action",
            "strategic\u{a0}",
            "draft ",
            "Drafted ",
            "un",
        ];
        let words = [
            "plan",
            "Plans",
            "PLAN",
            "planning",
            "plan_",
            "plans2",
            "plané",
            "plan's",
            "xplan",
            "plansx",
            "pla",
            "Draft",
            "draftplan",
            "plan plan",
        ];
        let tails = ["", " 2020", "s", ".", "x", " draft", "_", "-plan"];
        for h in heads {
            for w in words {
                for t in tails {
                    let text = format!("{h}{w}{t}");
                    assert_eq!(
                        plan_word_start(&text),
                        plan.find(&text).map(|m| m.start()),
                        "{text:?}"
                    );
                    assert_eq!(is_draft(&text), draft.is_match(&text), "{text:?}");
                }
            }
        }
    }

    #[test]
    fn a_board_in_the_qualifier_says_whose_priority_it_is() {
        assert_eq!(
            board_of("LSCB"),
            Some(("LSCB".to_string(), Audience::Children))
        );
        assert_eq!(
            board_of("LSCBN Strategic"),
            Some(("LSCBN".to_string(), Audience::Children))
        );
        assert_eq!(board_of("SAB"), Some(("SAB".to_string(), Audience::Adults)));
        assert_eq!(
            board_of("Joint"),
            Some(("Joint".to_string(), Audience::Both))
        );
        assert_eq!(board_of("Key"), None);
        assert_eq!(board_of(""), None);
    }

    #[test]
    fn parts_of_a_priority_are_no_topics() {
        for t in [
            "What we will do",
            "Why this matters",
            "How will we know?",
            "Background",
            "Key actions:",
        ] {
            assert!(is_section_label(t), "{t}");
        }
        for t in [
            "Neglect",
            "Thresholds",
            "Early Help",
            "Whole-family working",
        ] {
            assert!(!is_section_label(t), "{t}");
        }
    }

    #[test]
    fn sheets_named_as_priorities() {
        for name in [
            "1. Neglect",
            "Financial abuse",
            "Priority 1",
            "Exploitation",
            "Partnership working",
        ] {
            assert!(sheet_names_a_priority(name), "{name}");
        }
        for name in [
            "Sheet1",
            "Safeguarding Plan",
            "Milestones",
            "Action plan 2024-25",
            "2024-25",
            "Year 2",
            "Q1 2024",
            "Children",
            "Adults",
            "Overview",
            "Risk register",
            "March",
            "Draft",
        ] {
            assert!(!sheet_names_a_priority(name), "{name}");
        }
    }

    #[test]
    fn a_title_or_sheet_naming_one_board_gives_the_audience() {
        assert_eq!(
            audience_of_title("Local Safeguarding Children Board for Bath and North East Somerset"),
            Some(Audience::Children)
        );
        assert_eq!(
            audience_of_title("Safeguarding Adults Board Business Plan 2016-17"),
            Some(Audience::Adults)
        );
        assert_eq!(audience_of_title("LSCB AND SAB"), None);
        assert_eq!(audience_of_title("PLYMOUTH CITY COUNCIL"), None);
        // A word inside another is not a board ("sabbatical").
        assert_eq!(audience_of_title("Sabbatical cover plan"), None);
        // The word stands alone, wherever it first appears as part of one.
        assert_eq!(
            audience_of_title("Sabbatical, SAB plan"),
            Some(Audience::Adults)
        );
        assert_eq!(audience_of_title("SAB"), Some(Audience::Adults));
        assert_eq!(audience_of_sheet("Children"), Some(Audience::Children));
        assert_eq!(audience_of_sheet("Adults"), Some(Audience::Adults));
        assert_eq!(
            audience_of_sheet("Children's Board"),
            Some(Audience::Children)
        );
        assert_eq!(audience_of_sheet("Children and Adults"), None);
        assert_eq!(audience_of_sheet("Sheet1"), None);
    }

    #[test]
    fn an_outcome_written_on_its_label_line() {
        assert_eq!(
            inline_outcome("OUTCOME: Children at risk of neglect are identified early"),
            Some("Children at risk of neglect are identified early".to_string())
        );
        assert_eq!(
            inline_outcome("Expected outcome – fewer repeat referrals"),
            Some("fewer repeat referrals".to_string())
        );
        assert_eq!(inline_outcome("Outcomes:"), None);
        assert_eq!(inline_outcome("KEY ACTION: Use one tool"), None);
        assert_eq!(inline_outcome("Outcome of the audit was shared"), None);
    }

    fn ph(t: &str) -> Option<(String, String, Option<String>)> {
        priority_heading(t).map(|p| (p.id, p.title, p.owner))
    }

    #[test]
    fn a_priority_numbered_in_words_is_its_number() {
        assert_eq!(
            ph("Priority Two – Neglect"),
            Some(("2".into(), "Neglect".into(), None))
        );
        assert_eq!(ph("Priority Twelfth night").map(|p| p.0), None);
    }

    #[test]
    fn a_sentence_about_a_priority_is_no_heading() {
        assert!(priority_heading("Priority 1 is set out as a table; the others follow.").is_none());
        assert!(priority_heading("Priority 1 - Recognising neglect").is_some());
        assert!(priority_heading("Priority 3 Knowing our impact").is_some());
        assert!(priority_heading("Priority 2: to be assured that children are safe").is_some());
    }

    #[test]
    fn priority_headings_from_the_seeds() {
        assert_eq!(
            ph("Priority 2a: To be assured that children and young people are safe"),
            Some((
                "2a".into(),
                "To be assured that children and young people are safe".into(),
                None
            ))
        );
        assert_eq!(
            ph("Priority 2C: Think Family").map(|p| p.0),
            Some("2c".into())
        );
        assert_eq!(
            ph("Joint Priority 1 Owner – David Sandall ?"),
            Some(("1".into(), "".into(), Some("David Sandall ?".into())))
        );
        assert_eq!(
            ph("Joint Priority 2 - Owner Rachael Garton?"),
            Some(("2".into(), "".into(), Some("Rachael Garton?".into())))
        );
        assert_eq!(
            ph("LSCB Priority 3 Owner - ??"),
            Some(("3".into(), "".into(), Some("??".into())))
        );
        assert_eq!(ph("Key Priority 1"), Some(("1".into(), "".into(), None)));
        assert_eq!(
            ph("LSCBN Strategic Priority 1:"),
            Some(("1".into(), "".into(), None))
        );
        assert_eq!(ph("Prioritise the work"), None);
        assert_eq!(ph("The priority for 2015 is ..."), None);
    }

    #[test]
    fn labels() {
        assert!(matches!(
            label("LSCBN Strategic Priority 1:"),
            Label::Priority(_)
        ));
        assert_eq!(label("Priority Lead:"), Label::Lead);
        assert_eq!(label("Executive Support Group Sponsor:"), Label::Lead);
        assert_eq!(label("Other relevant plans:"), Label::Other);
        assert_eq!(label("Title of paper:"), Label::Title);
    }

    #[test]
    fn groups_of_a_plan_called_otherwise_than_priorities() {
        let g = grouping_heading("Theme A: Leadership and accountability").expect("theme");
        assert_eq!(
            (g.id.as_str(), g.title.as_str()),
            ("A", "Leadership and accountability")
        );
        let g = grouping_heading("Recommendation 3: Sufficiency of homes for children in care")
            .expect("an inspection's recommendation");
        assert_eq!(
            (g.id.as_str(), g.title.as_str()),
            ("3", "Sufficiency of homes for children in care")
        );
        let g = grouping_heading("Workstream 2 – Exploitation").expect("workstream");
        assert_eq!((g.id.as_str(), g.title.as_str()), ("2", "Exploitation"));
        assert_eq!(
            grouping_heading("Outcome Three: Adults are safe").map(|g| g.id),
            Some("3".into())
        );
        // No id, a long head, no title: not a group.
        assert!(grouping_heading("Theme: Leadership").is_none());
        assert!(grouping_heading("Our theme this year: neglect").is_none());
        assert!(grouping_heading("Theme A").is_none());
        assert!(grouping_heading("Area 51 of the plan: none").is_none());
    }

    #[test]
    fn an_organisation_on_a_line_of_its_own() {
        assert!(is_organisation_line("Hallam Vale Borough Council"));
        assert!(is_organisation_line("Eastbrook Safeguarding Adults Board"));
        assert!(is_organisation_line(
            "NHS Brackley and Stour Clinical Commissioning Group"
        ));
        assert!(!is_organisation_line("Business Plan 2019-21"));
        assert!(!is_organisation_line("Draft for the Board"));
        assert!(!is_organisation_line(
            "The Council has duties to safeguard children and adults at risk in everything the Council"
        ));
        assert!(!is_organisation_line("Board"));
    }

    #[test]
    fn organisations_in_titles() {
        assert_eq!(
            organisation_in_title("NCSCB AND NCASPB BUSINESS PLANS 2014/15").as_deref(),
            Some("NCSCB AND NCASPB")
        );
        assert_eq!(
            organisation_in_title(
                "PLYMOUTH CITY COUNCIL Corporate SafeGuarding Improvement Plan 01/04/2014 to April 15"
            )
            .as_deref(),
            Some("PLYMOUTH CITY COUNCIL")
        );
        assert_eq!(
            organisation_in_title("LSCBN Business Plan 2011-2012").as_deref(),
            Some("LSCBN")
        );
        assert_eq!(organisation_in_title("Business Plan 2015-18"), None);
        assert_eq!(organisation_in_title("Partnership Plan 2020-22"), None);
    }
}
