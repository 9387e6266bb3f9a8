//! What a column's cells look like: dates, RAG ratings, short references,
//! names, long sentences, ticks. Used to choose between close header
//! readings ("Status" of R/A/G letters is the RAG rating; of sentences, the
//! progress) and to read columns whose header says nothing (a blank header
//! over 1, 2, 3 is the id).
//!
//! The detectors are deliberately plain (no date parsing: that is
//! normalisation's job): a cell is *dated* when a short text holds a month,
//! a year, a numeric date, a quarter or a timescale word.

/// Counts over a column's non-empty body cells.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Profile {
    /// Body cells looked at (empty ones included).
    pub rows: usize,
    /// Non-empty cells.
    pub cells: usize,
    /// Short cells that read as a date or timescale.
    pub dates: usize,
    /// Cells that are a RAG rating (R/A/G/B, Red, "On track", "Complete").
    pub rags: usize,
    /// Short references ("1", "1.2", "C1.2", "4a", "iii").
    pub refs: usize,
    /// Ticks and crosses, yes/no.
    pub ticks: usize,
    /// Cells of 8 words or more.
    pub long: usize,
    /// Empty cells with a fill colour (a colour-only RAG column).
    pub fills: usize,
    /// Grades: High / Medium / Low, H / M / L.
    pub grades: usize,
    /// Total words, for the mean.
    pub words: usize,
    /// Cells that name a board or say whose action it is ("LSCB", "SAB",
    /// "Both", "Joint", "C", "A").
    pub boards: usize,
}

/// What one body cell with text adds to a [`Profile`] besides itself: its
/// words, whether it names a board, and the first of the kinds it is. A
/// cell's reading depends on its text alone, so recognition reads a short
/// text once per document ([`Profile::add_read`]).
#[derive(Debug, Clone, Copy)]
pub(crate) struct CellRead {
    words: usize,
    board: bool,
    kind: CellKind,
}

/// The first of the kinds a cell is, in the order they are asked.
#[derive(Debug, Clone, Copy)]
enum CellKind {
    Grade,
    Rag,
    Ref,
    Tick,
    Date,
    Other,
}

impl CellRead {
    /// The reading of `t`, a cell's text trimmed ([`trim`]), not empty.
    pub(crate) fn of(t: &str) -> Self {
        CellRead::of_in(t, &mut String::new())
    }

    /// [`CellRead::of`], the cell lowered into `scratch` (one buffer for
    /// all the cells of a table, reused).
    pub(crate) fn of_in(t: &str, scratch: &mut String) -> Self {
        // The cell in lower case once, for every question below (each
        // asks of the cell or of a part of it).
        let cx = &Lowered::new(t, scratch);
        let n = crate::normalise::text::word_count(t);
        let kind = if grade(cx, t) {
            CellKind::Grade
        } else if rag(cx, t) {
            CellKind::Rag
        } else if reference(cx, t) {
            CellKind::Ref
        } else if tick(cx, t) {
            CellKind::Tick
        } else if n <= 8 && cx.with(t, dated) {
            CellKind::Date
        } else {
            CellKind::Other
        };
        CellRead {
            words: n,
            board: board(cx, t),
            kind,
        }
    }
}

impl Profile {
    /// Add one body cell.
    pub fn add(&mut self, text: &str, fill: bool) {
        let t = trim(text);
        if t.is_empty() {
            self.add_empty(fill);
        } else {
            self.add_read(CellRead::of(t));
        }
    }

    /// Add one body cell with no text, shaded or not.
    pub(crate) fn add_empty(&mut self, fill: bool) {
        self.rows += 1;
        if fill {
            self.fills += 1;
        }
    }

    /// Add one body cell with text, as read ([`CellRead::of`]).
    pub(crate) fn add_read(&mut self, read: CellRead) {
        self.rows += 1;
        self.cells += 1;
        if read.board {
            self.boards += 1;
        }
        self.words += read.words;
        if read.words >= 8 {
            self.long += 1;
        }
        match read.kind {
            CellKind::Grade => self.grades += 1,
            CellKind::Rag => self.rags += 1,
            CellKind::Ref => self.refs += 1,
            CellKind::Tick => self.ticks += 1,
            CellKind::Date => self.dates += 1,
            CellKind::Other => {}
        }
    }

    /// Share of non-empty cells with a property (0 with no cells).
    pub fn share(&self, count: usize) -> f64 {
        if self.cells == 0 {
            0.0
        } else {
            count as f64 / self.cells as f64
        }
    }

    /// Mean words per non-empty cell.
    pub fn mean_words(&self) -> f64 {
        if self.cells == 0 {
            0.0
        } else {
            self.words as f64 / self.cells as f64
        }
    }

    /// Whether the column reads as RAG ratings: most cells are ratings, or
    /// it is empty but coloured.
    pub fn is_rag(&self) -> bool {
        (self.cells >= 1 && self.share(self.rags) >= 0.6)
            || (self.cells == 0 && self.fills * 2 >= self.rows.max(1))
    }

    /// Whether the column reads as grades (High / Medium / Low).
    pub fn is_grades(&self) -> bool {
        self.cells >= 2 && self.share(self.grades) >= 0.6
    }

    /// Whether the column reads as references.
    pub fn is_refs(&self) -> bool {
        self.cells >= 2 && self.share(self.refs) >= 0.7
    }

    /// Whether the column reads as dates or timescales.
    pub fn is_dates(&self) -> bool {
        self.cells >= 1 && self.share(self.dates) >= 0.6
    }

    /// Whether the column reads as prose (sentences, not values).
    pub fn is_prose(&self) -> bool {
        self.cells >= 1 && (self.share(self.long) >= 0.5 || self.mean_words() >= 9.0)
    }

    /// A one-line summary for `layout`'s evidence.
    pub fn describe(&self) -> String {
        if self.cells == 0 {
            return if self.fills > 0 {
                format!("{} coloured empty cells", self.fills)
            } else {
                "no body text".into()
            };
        }
        let mut parts = Vec::new();
        for (n, what) in [
            (self.dates, "dates"),
            (self.rags, "ratings"),
            (self.refs, "references"),
            (self.ticks, "ticks"),
            (self.grades, "grades"),
            (self.long, "sentences"),
        ] {
            if n > 0 {
                parts.push(format!("{n}/{} {what}", self.cells));
            }
        }
        if parts.is_empty() {
            parts.push(format!("{} short texts", self.cells));
        }
        parts.join(", ")
    }
}

/// `s.trim()`, answered without decoding a character when `s` starts and
/// ends with printable ASCII (most texts asked: a grid's cells come
/// trimmed).
pub(crate) fn trim(s: &str) -> &str {
    let printable = |b: Option<&u8>| b.is_some_and(|b| (b'!'..=b'~').contains(b));
    let b = s.as_bytes();
    if b.is_empty() || (printable(b.first()) && printable(b.last())) {
        return s;
    }
    s.trim()
}

/// Whether a folded word is a month's name or its abbreviation.
///
/// (A `match`, not a scan of a list: the compiler sorts the arms by length
/// and compares bytes, where a list compared every word with each of its
/// entries, for every word of every sampled cell.)
pub fn is_month(word: &str) -> bool {
    matches!(
        word,
        "jan"
            | "january"
            | "feb"
            | "february"
            | "mar"
            | "march"
            | "apr"
            | "april"
            | "may"
            | "jun"
            | "june"
            | "jul"
            | "july"
            | "aug"
            | "august"
            | "sep"
            | "sept"
            | "september"
            | "oct"
            | "october"
            | "nov"
            | "november"
            | "dec"
            | "december"
    )
}

/// Whether a folded word says when without a date ("ongoing", "q3",
/// "annually").
fn is_timescale_word(word: &str) -> bool {
    matches!(
        word,
        "ongoing"
            | "on-going"
            | "quarterly"
            | "monthly"
            | "annually"
            | "annual"
            | "weekly"
            | "termly"
            | "yearly"
            | "tbc"
            | "tba"
            | "immediate"
            | "immediately"
            | "asap"
            | "spring"
            | "summer"
            | "autumn"
            | "winter"
            | "q1"
            | "q2"
            | "q3"
            | "q4"
            | "quarter"
            | "year"
            | "years"
            | "months"
            | "weeks"
            | "end"
    )
}

/// Whether a short text names a date or timescale.
pub fn is_dated(t: &str) -> bool {
    with_lower(t, dated)
}

/// Bytes of a text lowered on the stack ([`with_lower`], [`Lowered`]).
const LOWER_BUF: usize = 64;

/// A text and, when it is short and ASCII, the same text in lower case,
/// made once: a cell sampled for a [`Profile`] is asked whether it is a
/// board, a grade, a rating, a reference, a tick or a date, each question
/// of the cell or of a part of it in lower case. ASCII lowers a byte at a
/// time, so a part's lower case is the same bytes of the whole's.
struct Lowered<'a> {
    text: &'a str,
    /// `text` in lower case, when it is ASCII and fits the buffer.
    lower: Option<&'a str>,
}

impl<'a> Lowered<'a> {
    /// `text`, lowered into `scratch` when it is ASCII and short. (A
    /// string lowered in place, not bytes checked again as UTF-8.)
    fn new(text: &'a str, scratch: &'a mut String) -> Self {
        let mut lower = None;
        if text.len() <= LOWER_BUF && text.is_ascii() {
            scratch.clear();
            scratch.push_str(text);
            scratch.make_ascii_lowercase();
            lower = Some(scratch.as_str());
        }
        Lowered { text, lower }
    }

    /// A text of no lower case made beforehand: every question lowers its
    /// own part ([`with_lower`]).
    fn plain(text: &'a str) -> Self {
        Lowered { text, lower: None }
    }

    /// `f` of `part` (a part of the text) in lower case: the same bytes
    /// of the lowered text, or [`with_lower`] of the part.
    fn with<R>(&self, part: &str, f: impl FnOnce(&str) -> R) -> R {
        if let Some(lower) = self.lower {
            let start = (part.as_ptr() as usize).wrapping_sub(self.text.as_ptr() as usize);
            if let Some(l) = start
                .checked_add(part.len())
                .and_then(|end| lower.get(start..end))
            {
                return f(l);
            }
        }
        with_lower(part, f)
    }
}

/// [`is_dated`] of a text in lower case.
fn dated(lower: &str) -> bool {
    // Words of letters, digits and "-". (An ASCII text, nearly every cell,
    // is cut a byte at a time, not decoded a character at a time.)
    // (The separators a numeric date needs are counted on the way.)
    let mut separators = 0;
    if lower.is_ascii() {
        let bytes = lower.as_bytes();
        let mut start = 0;
        for (i, &b) in bytes.iter().enumerate() {
            separators += usize::from(matches!(b, b'/' | b'.' | b'-'));
            if !b.is_ascii_alphanumeric() && b != b'-' {
                if dated_word(&lower[start..i]) {
                    return true;
                }
                start = i + 1;
            }
        }
        if dated_word(&lower[start..]) {
            return true;
        }
    } else if lower
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .any(dated_word)
    {
        return true;
    }
    // Numeric dates: 31/03/2017, 31.3.17, 2017-03-31 (two separators: a
    // text with fewer has none).
    if !lower.is_ascii() {
        separators = lower
            .bytes()
            .filter(|b| matches!(b, b'/' | b'.' | b'-'))
            .count();
    }
    separators >= 2
        && lower.split_whitespace().any(|w| {
            let mut parts = 0;
            let all_short_numbers = w
                .trim_matches(|c: char| !c.is_ascii_digit())
                .split(['/', '.', '-'])
                .all(|p| {
                    parts += 1;
                    !p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit())
                });
            all_short_numbers && parts == 3
        })
}

/// Whether one word of a text in lower case names a date or timescale: a
/// month, a timescale word, a month run into a year ("jun-14", "sept16")
/// or a year ("2016", "2016-17", [`year`]).
fn dated_word(word: &str) -> bool {
    // Every month and timescale word starts with a letter: a word that
    // starts with a digit can only be a year, and one that starts with
    // other ASCII ("-") nothing.
    match word.as_bytes().first() {
        None => return false,
        Some(b) if b.is_ascii_digit() => return year(word),
        Some(b) if b.is_ascii() && !b.is_ascii_alphabetic() => return false,
        // No month or timescale word starts with another letter (a unit
        // test checks them).
        Some(&b) if b.is_ascii_lowercase() && DATE_INITIALS & (1 << (b - b'a')) == 0 => {
            return false
        }
        _ => {}
    }
    // Its letters first ("jun" of "jun-14"): a word of letters alone is a
    // month or a timescale word whole, and a word with more after its
    // letters is no month whole (each is letters alone), so each word is
    // asked once whether it is a month.
    let alpha_end = match word.bytes().position(|b| !b.is_ascii_alphabetic()) {
        None => word.len(),
        Some(i) if word.as_bytes()[i].is_ascii() => i,
        // A letter that is not ASCII, or another character.
        Some(i) => word[i..]
            .char_indices()
            .find(|(_, c)| !c.is_alphabetic())
            .map_or(word.len(), |(j, _)| i + j),
    };
    if alpha_end == word.len() {
        return is_month(word) || is_timescale_word(word);
    }
    if is_timescale_word(word) {
        return true;
    }
    // "Jun-14", "sept16"
    let alpha = &word[..alpha_end];
    // (No year starts with a letter.)
    alpha.len() >= 3 && is_month(alpha)
}

/// The letters a month or a timescale word starts with ([`is_month`],
/// [`is_timescale_word`]), one bit each from `a`.
const DATE_INITIALS: u32 = {
    let mut bits = 0u32;
    let letters = b"adefijmnoqstwy";
    let mut i = 0;
    while i < letters.len() {
        bits |= 1 << (letters[i] - b'a');
        i += 1;
    }
    bits
};

/// Whether a word is a year: 2016, 2016-17, 2016/17 (split at '/').
fn year(word: &str) -> bool {
    let year_end = word.char_indices().nth(4).map_or(word.len(), |(i, _)| i);
    let year = &word[..year_end];
    year.len() == 4
        && (year.starts_with("19") || year.starts_with("20"))
        && year.chars().all(|c| c.is_ascii_digit())
        && word[year_end..].chars().next().is_none_or(|c| c == '-')
}

/// `f` of `t` in lower case: a short ASCII text (nearly every text these
/// detectors look at) lowered on the stack, any other with
/// [`str::to_lowercase`]. (A cell sampled for a profile is lowered once for
/// all its questions, [`Lowered`]; this serves the detectors asked alone
/// and the parts that [`Lowered`] did not lower.)
fn with_lower<R>(t: &str, f: impl FnOnce(&str) -> R) -> R {
    let mut buf = [0u8; LOWER_BUF];
    if t.len() <= buf.len() && t.is_ascii() {
        let lower = &mut buf[..t.len()];
        lower.copy_from_slice(t.as_bytes());
        lower.make_ascii_lowercase();
        // (ASCII stays valid UTF-8 in lower case: this never fails.)
        if let Ok(lower) = std::str::from_utf8(lower) {
            return f(lower);
        }
    }
    f(&t.to_lowercase())
}

/// Whether a text is a RAG rating or a rating word.
pub fn is_rag(t: &str) -> bool {
    rag(&Lowered::plain(t), t)
}

/// [`is_rag`] of `t`, a part of `cx`'s text.
fn rag(cx: &Lowered<'_>, t: &str) -> bool {
    // No rating is longer than 21 characters, and lower case has at least
    // as many characters between the first and last letter or digit as the
    // text has (a unit test checks every character): a longer text is no
    // rating, without lowering it.
    if longer_than(trim_non_alnum(t), 21) {
        return false;
    }
    cx.with(trim(t), |l| rating(trim_non_alnum(l)))
}

/// `s` without the characters at either end that are no letter or digit
/// (`trim_matches(|c: char| !c.is_alphanumeric())`), ASCII ones tested as
/// bytes: only a character that is not ASCII at an end is decoded, and one
/// of the General Punctuation block (curly quotes, dashes, bullets: none a
/// letter or digit, a unit test checks) is not looked up in the Unicode
/// tables.
fn trim_non_alnum(s: &str) -> &str {
    let alnum = |ch: char| !GENERAL_PUNCTUATION.contains(&ch) && ch.is_alphanumeric();
    let b = s.as_bytes();
    let mut start = 0;
    while let Some(&c) = b.get(start) {
        let len = if c.is_ascii() {
            usize::from(!c.is_ascii_alphanumeric())
        } else {
            s[start..]
                .chars()
                .next()
                .filter(|&ch| !alnum(ch))
                .map_or(0, char::len_utf8)
        };
        if len == 0 {
            break;
        }
        start += len;
    }
    let mut end = b.len();
    while end > start {
        let c = b[end - 1];
        let len = if c.is_ascii() {
            usize::from(!c.is_ascii_alphanumeric())
        } else {
            s[start..end]
                .chars()
                .next_back()
                .filter(|&ch| !alnum(ch))
                .map_or(0, char::len_utf8)
        };
        if len == 0 {
            break;
        }
        end -= len;
    }
    &s[start..end]
}

/// Unicode's General Punctuation block.
const GENERAL_PUNCTUATION: std::ops::RangeInclusive<char> = '\u{2000}'..='\u{206f}';

/// `s` without the bytes of `set` (ASCII) at its start, as
/// `trim_start_matches` of those characters: no other character holds such
/// a byte.
fn trim_start_ascii<'a>(s: &'a str, set: &[u8]) -> &'a str {
    let start = s.bytes().position(|b| !set.contains(&b)).unwrap_or(s.len());
    &s[start..]
}

/// [`trim_start_ascii`] at the end.
fn trim_end_ascii<'a>(s: &'a str, set: &[u8]) -> &'a str {
    let end = s
        .bytes()
        .rposition(|b| !set.contains(&b))
        .map_or(0, |i| i + 1);
    &s[..end]
}

/// Whether a text in lower case, trimmed, is a rating ([`is_rag`]).
fn rating(l: &str) -> bool {
    matches!(
        l,
        "r" | "a"
            | "g"
            | "b"
            | "red"
            | "amber"
            | "green"
            | "blue"
            | "a/g"
            | "r/a"
            | "amber/green"
            | "red/amber"
            | "on track"
            | "on target"
            | "off track"
            | "off target"
            | "complete"
            | "completed"
            | "delayed"
            | "not started"
            | "in progress"
            | "at risk"
            | "achieved"
            | "not achieved"
            | "partially achieved"
            | "overdue"
            | "closed"
            | "open"
            | "done"
            | "slipped"
            | "behind"
            | "on hold"
            | "implemented"
            | "not implemented"
            | "partially implemented"
            | "partially complete"
            | "not yet started"
            | "started"
            | "on schedule"
            | "behind schedule"
            | "ahead of schedule"
            | "cancelled"
            | "superseded"
            | "withdrawn"
            | "met"
            | "not met"
            | "not yet due"
            | "not due"
            | "partially met"
    )
}

/// Whether a text is a short reference: "1", "1.2", "2a", "C1.2", "(iii)",
/// "a)", "R3", "Rec 4".
pub fn is_ref(t: &str) -> bool {
    reference(&Lowered::plain(t), t)
}

/// [`is_ref`] of `t`, a part of `cx`'s text.
fn reference(cx: &Lowered<'_>, t: &str) -> bool {
    // A reference with its item in brackets: "2(a)", "3.1(ii)".
    let t = trim(t);
    if let Some((head, item)) = t.strip_suffix(')').and_then(|x| x.split_once('(')) {
        if !head.is_empty()
            && !head.ends_with(' ')
            && (1..=4).contains(&item.len())
            && item.bytes().all(|b| b.is_ascii_alphanumeric())
        {
            return reference(cx, head);
        }
    }
    let t = trim_start_ascii(trim_end_ascii(t, b".):"), b"(");
    if t.is_empty() || t.len() > 12 {
        return false;
    }
    let t = t
        .strip_prefix("Rec ")
        .or_else(|| t.strip_prefix("Recommendation "))
        .unwrap_or(t);
    cx.with(t, short_ref)
}

/// Whether a short text in lower case, trimmed, is a reference
/// ([`is_ref`]).
fn short_ref(lower: &str) -> bool {
    if !lower.is_empty() && lower.len() <= 5 && lower.chars().all(|c| matches!(c, 'i' | 'v' | 'x'))
    {
        return true;
    }
    if lower.len() == 1 && lower.chars().all(|c| c.is_ascii_lowercase()) {
        return true;
    }
    let letters = lower
        .chars()
        .take_while(|c| c.is_ascii_alphabetic())
        .count();
    let rest = &lower[letters..];
    letters <= 3
        && rest.starts_with(|c: char| c.is_ascii_digit())
        && rest
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == '-' || c.is_ascii_lowercase())
        && rest.chars().filter(|c| c.is_ascii_lowercase()).count() <= 1
}

/// Whether a text is a grade: High / Medium / Low and their letters.
pub fn is_grade(t: &str) -> bool {
    grade(&Lowered::plain(t), t)
}

/// [`is_grade`] of `t`, a part of `cx`'s text.
fn grade(cx: &Lowered<'_>, t: &str) -> bool {
    // Lower case never has fewer characters: longer than the longest grade
    // is no grade.
    let t = trim_end_ascii(trim(t), b".");
    // A task tool's numbered grade ("(1) High", "(2) Normal").
    let t = match t.strip_prefix('(').and_then(|r| r.split_once(')')) {
        Some((n, rest)) if n.bytes().all(|b| b.is_ascii_digit()) => trim(rest),
        _ => t,
    };
    if longer_than(t, 11) {
        return false;
    }
    cx.with(t, |l| {
        matches!(
            l,
            "urgent"
                | "important"
                | "normal"
                | "high"
                | "medium"
                | "med"
                | "low"
                | "h"
                | "m"
                | "l"
                | "critical"
                | "major"
                | "minor"
                | "moderate"
                | "significant"
                | "very high"
                | "very low"
        )
    })
}

/// Whether a short text names a board or whose action it is: "LSCB",
/// "SAB", "LSCB / SAB", "Both", "Joint", "Children's Board", "C", "A", "B".
/// Every word is a board's name, initials or a joining word, and one of
/// them says whose.
pub fn is_board(t: &str) -> bool {
    board(&Lowered::plain(t), t)
}

/// [`is_board`] of `t`, a part of `cx`'s text.
fn board(cx: &Lowered<'_>, t: &str) -> bool {
    if longer_than(t, 40) {
        return false;
    }
    cx.with(t, boards)
}

/// [`is_board`] of a short text in lower case.
fn boards(lower: &str) -> bool {
    let mut whose = false;
    for w in crate::normalise::board_words(lower) {
        if crate::normalise::board_side(w).is_some() || matches!(w, "c" | "a" | "b") {
            whose = true;
        } else if !matches!(
            w,
            "and" | "board" | "boards" | "safeguarding" | "partnership" | "local"
        ) {
            return false;
        }
    }
    whose
}

/// Whether a text is a tick, cross or yes/no.
pub fn is_tick(t: &str) -> bool {
    tick(&Lowered::plain(t), t)
}

/// [`is_tick`] of `t`, a part of `cx`'s text.
fn tick(cx: &Lowered<'_>, t: &str) -> bool {
    let t = trim(t);
    if longer_than(t, 3) {
        return false;
    }
    cx.with(t, |l| {
        matches!(
            l,
            "✓" | "✔" | "☑" | "☒" | "✗" | "✘" | "x" | "yes" | "no" | "y" | "n" | "n/a" | "√"
        )
    })
}

/// Whether `t` has more than `n` characters. (When its first `n + 1`
/// bytes are ASCII they are as many characters, without decoding them.)
fn longer_than(t: &str, n: usize) -> bool {
    t.len() > n && (t.len() > 4 * n || t.as_bytes()[..=n].is_ascii() || t.chars().nth(n).is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn task_tools_priorities_are_grades() {
        for g in ["Urgent", "Important", "(1) High", "(2) Normal", "Low"] {
            assert!(is_grade(g), "{g}");
        }
        assert!(!is_grade("(1) Tackling anti-social behaviour"));
        assert!(!is_grade("Neglect"));
    }

    #[test]
    fn board_names_say_whose_action_it_is() {
        for t in [
            "LSCB",
            "SAB",
            "Both",
            "Joint",
            "LSCB / SAB",
            "Children's Board",
            "C",
            "a",
        ] {
            assert!(is_board(t), "{t}");
        }
        for t in [
            "Health and Wellbeing Board",
            "Children and Young People's Partnership",
            "Board",
            "QA sub-group",
            "",
        ] {
            assert!(!is_board(t), "{t}");
        }
    }

    #[test]
    fn lower_case_keeps_the_length_the_gates_rely_on() {
        // What `is_rag`, `is_grade` and `is_tick` skip on length alone:
        // lower case maps a character to at least one; a character that
        // is not a letter or digit to itself; a letter or digit to text
        // that starts with a letter or digit.
        for c in (0..=0x10ffffu32).filter_map(char::from_u32) {
            let lower: Vec<char> = c.to_lowercase().collect();
            assert!(!lower.is_empty(), "{c:?}");
            if c.is_alphanumeric() {
                assert!(lower[0].is_alphanumeric(), "{c:?}");
            } else {
                assert_eq!(lower, [c], "{c:?}");
            }
        }
        assert!(longer_than("abcd", 3));
        assert!(!longer_than("abc", 3));
        assert!(!longer_than("ééé", 3));
        assert!(longer_than("éééé", 3));
        assert!(is_rag("  -- Red --  "));
        assert!(!is_rag("a rating of red, amber or green for each"));
    }

    /// Cells that read as dates or timescales, and cells that do not.
    const DATED: &[&str] = &[
        "March 2017",
        "31/03/2017",
        "Q3 2016/17",
        "Ongoing",
        "Sept 16",
        "Jun-14",
        "End of Nov 15",
        "2016-17",
        "Quarterly",
    ];
    const UNDATED: &[&str] = &["Head of Service", "Agree the audit tool", "1.2", "SAB"];

    #[test]
    fn dates_and_timescales() {
        for t in DATED {
            assert!(is_dated(t), "{t}");
        }
        for t in UNDATED {
            assert!(!is_dated(t), "{t}");
        }
    }

    #[test]
    fn ascii_text_reads_as_dated_as_any_other_does() {
        // An ASCII text is cut into words a byte at a time; with a word
        // that is not ASCII after it, the same words are cut a character
        // at a time (and lowered without the stack).
        let edges = ["-2016", "20167", "Septembers", "on-going", "--", ""];
        for t in DATED.iter().chain(UNDATED).chain(&edges) {
            assert!(t.is_ascii());
            let other = format!("{t} \u{e9}t\u{e9}");
            assert_eq!(is_dated(t), is_dated(&other), "{t}");
            let long = format!("{t}{}", " ".repeat(70));
            assert_eq!(is_dated(t), is_dated(&long), "{t}");
        }
    }

    #[test]
    fn every_month_and_timescale_word_starts_with_a_date_initial() {
        // The words of the two lists: 52, as many as their arms.
        let words = [
            "jan",
            "january",
            "feb",
            "february",
            "mar",
            "march",
            "apr",
            "april",
            "may",
            "jun",
            "june",
            "jul",
            "july",
            "aug",
            "august",
            "sep",
            "sept",
            "september",
            "oct",
            "october",
            "nov",
            "november",
            "dec",
            "december",
            "ongoing",
            "on-going",
            "quarterly",
            "monthly",
            "annually",
            "annual",
            "weekly",
            "termly",
            "yearly",
            "tbc",
            "tba",
            "immediate",
            "immediately",
            "asap",
            "spring",
            "summer",
            "autumn",
            "winter",
            "q1",
            "q2",
            "q3",
            "q4",
            "quarter",
            "year",
            "years",
            "months",
            "weeks",
            "end",
        ];
        assert_eq!(words.len(), 52);
        for w in words {
            assert!(is_month(w) || is_timescale_word(w), "{w}");
            let b = w.as_bytes()[0];
            assert!(DATE_INITIALS & (1 << (b - b'a')) != 0, "{w}");
        }
        // A word of another initial is no date, though a month is in it.
        assert!(!dated_word("bmarch") && dated_word("march"));
    }

    #[test]
    fn a_cell_lowered_once_reads_as_its_parts_lowered_each() {
        let long = format!("{} 1.2", "x".repeat(70));
        let cells = [
            "R",
            " Amber ",
            "-- On Track --",
            "(1) High",
            "High.",
            "LSCB / SAB",
            "Children's Board",
            "2(a)",
            "Rec 4",
            "(iii)",
            "3.1(II)",
            "Yes",
            "N/A",
            "March 2017",
            "Sept16",
            "Jun-14",
            "ÉTÉ 2016",
            "Q3 2016/17",
            "Agree the audit tool",
            long.as_str(),
        ];
        for t in cells {
            let mut scratch = String::new();
            let cx = &Lowered::new(t, &mut scratch);
            assert_eq!(board(cx, t), is_board(t), "{t}");
            assert_eq!(grade(cx, t), is_grade(t), "{t}");
            assert_eq!(rag(cx, t), is_rag(t), "{t}");
            assert_eq!(reference(cx, t), is_ref(t), "{t}");
            assert_eq!(tick(cx, t), is_tick(t), "{t}");
            assert_eq!(cx.with(t, dated), is_dated(t), "{t}");
        }
        assert!(dated_word("sept16") && dated_word("on-going") && dated_word("q3"));
        assert!(dated_word("mar") && dated_word("march") && dated_word("june2016"));
        assert!(!dated_word("marc") && !dated_word("se-16") && !dated_word("juné"));
        let block = GENERAL_PUNCTUATION;
        assert!(block.into_iter().all(|c| !c.is_alphanumeric()));
        for s in [
            "",
            "..",
            "-- Red --",
            "(é)",
            "é.",
            ".é",
            "x",
            "İ.",
            "a.b.",
            "’’",
            "•’x’•",
        ] {
            let non_alnum = |c: char| !c.is_alphanumeric();
            assert_eq!(trim_non_alnum(s), s.trim_matches(non_alnum), "{s}");
            assert_eq!(
                trim_end_ascii(s, b".):"),
                s.trim_end_matches(['.', ')', ':'])
            );
            assert_eq!(trim_start_ascii(s, b"("), s.trim_start_matches('('));
        }
    }

    #[test]
    fn refs_ratings_ticks() {
        for t in [
            "1", "1.2", "2a", "C1.2", "(iii)", "a)", "R3", "4.11", "2(a)", "3.1(ii)",
        ] {
            assert!(is_ref(t), "{t}");
        }
        for t in ["Agree", "2016", "Head of", "Lead (CSC)", "2 (tbc)"] {
            // A year is four digits: it reads as a reference too, but the
            // column's other cells decide; words never do.
            if t != "2016" {
                assert!(!is_ref(t), "{t}");
            }
        }
        for t in ["R", "Amber", "On track", "Complete", "G"] {
            assert!(is_rag(t), "{t}");
        }
        assert!(is_tick("✓"));
        assert!(!is_rag("Audit completed in March"));
    }

    #[test]
    fn a_profile_tells_ratings_from_prose() {
        let mut p = Profile::default();
        for t in ["R", "A", "G", "Complete"] {
            p.add(t, false);
        }
        assert!(p.is_rag());
        assert!(!p.is_prose());
        let mut q = Profile::default();
        for t in [
            "Audit completed and reported to the board in March",
            "Training delivered to 120 staff across the partnership",
        ] {
            q.add(t, false);
        }
        assert!(q.is_prose());
        assert!(!q.is_rag());
        let mut f = Profile::default();
        f.add("", true);
        f.add("", true);
        assert!(f.is_rag());
    }
}
