//! Dates and timescales as plans write them: "Jun-14", "End of Nov 15",
//! "Jan to March 2012", "1st July 2014", "2016-17", "Ongoing", "Bi annually",
//! "Insert".
//!
//! [`parse_due`] reads a whole cell; [`parse_strict`] accepts only text that
//! is entirely a date expression (used to split "Teresa DeVito September
//! 2011" into a lead and a date). Two-digit years are 20yy; a month with no
//! year takes its year from the plan period (April to December in the
//! period's first year, January to March in the next). Financial years run
//! 1 April to 31 March.

use std::sync::LazyLock;

use regex_lite::Regex;

use super::datescan as scan;
use crate::plan::{Due, DueKind, Period};

/// What a date is read against.
#[derive(Debug, Clone, Default)]
pub struct DateContext {
    /// The plan's first year (e.g. 2014 for "2014/15").
    pub start_year: Option<i32>,
}

impl DateContext {
    /// The context of a plan period.
    pub fn from_period(p: Option<&Period>) -> Self {
        DateContext {
            start_year: p.and_then(|p| p.start.get(..4)?.parse().ok()),
        }
    }
}

/// Phrases that stand for a date still to be written.
const PLACEHOLDERS: &[&str] = &[
    "insert",
    "insert date",
    "tba",
    "tbc",
    "tbd",
    "to be agreed",
    "to be confirmed",
    "to be advised",
    "to be decided",
    "date",
    "[date]",
    "xx/xx/xx",
    "xx/xx/xxxx",
    "?",
    "??",
    "???",
];

const RECURRING: &[&str] = &[
    "annually",
    "annual",
    "bi annually",
    "bi-annually",
    "biannually",
    "quarterly",
    "monthly",
    "weekly",
    "termly",
    "six monthly",
    "6 monthly",
    "twice yearly",
    "twice a year",
    "half yearly",
    "yearly",
    "fortnightly",
    "bi monthly",
    "bimonthly",
    "every year",
    "each year",
];

/// "Every 6 months", "every two weeks", "each quarter", "every other
/// month": a period said with "every" or "each" (the words lower case,
/// dashes as spaces).
fn every_period(words: &str) -> bool {
    const UNITS: &[&str] = &[
        "day",
        "days",
        "week",
        "weeks",
        "fortnight",
        "month",
        "months",
        "quarter",
        "quarters",
        "year",
        "years",
        "term",
        "terms",
        "meeting",
        "meetings",
    ];
    const COUNTS: &[&str] = &[
        "two", "three", "four", "six", "twelve", "other", "second", "third",
    ];
    // (Without "every" or "each" anywhere there is no such word.)
    if !crate::pattern::contains_ci(words, "every") && !crate::pattern::contains_ci(words, "each") {
        return false;
    }
    let w: Vec<&str> = words.split_whitespace().collect();
    w.iter().enumerate().any(|(i, x)| {
        matches!(*x, "every" | "each")
            && match (w.get(i + 1), w.get(i + 2)) {
                (Some(u), _) if UNITS.contains(u) => true,
                (Some(n), Some(u)) => {
                    (n.bytes().all(|b| b.is_ascii_digit()) || COUNTS.contains(n))
                        && UNITS.contains(u)
                }
                _ => false,
            }
    })
}

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// The month number (1-12) of a month name or abbreviation.
pub fn month_number(word: &str) -> Option<u32> {
    // Compared ASCII case aside, without a lower-case copy: a month, a
    // prefix of its full name at least three letters long, or "sept".
    let w = word.trim_end_matches('.').as_bytes();
    if w.len() < 3 {
        return None;
    }
    let full = crate::pattern::MONTH_NAMES;
    for (i, m) in MONTHS.iter().enumerate() {
        let m = m.as_bytes();
        let f = full[i].as_bytes();
        if w.eq_ignore_ascii_case(m)
            || (f.len() >= w.len()
                && f[..w.len()].eq_ignore_ascii_case(w)
                && w[..3].eq_ignore_ascii_case(m))
            || w.eq_ignore_ascii_case(b"sept") && i == 8
        {
            return Some(i as u32 + 1);
        }
    }
    None
}

fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

/// The last day of a month.
pub fn last_day(y: i32, m: u32) -> u32 {
    match m {
        2 if is_leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn iso(y: i32, m: u32, d: u32) -> String {
    // Written digit by digit: `format!` cost a tenth of a date's reading.
    // (Years here are 1990 to 2100 and a few either side, never negative
    // or past 9999; others go through `format!` as before.)
    match u32::try_from(y) {
        Ok(y) if y <= 9999 && m <= 99 && d <= 99 => {
            let digit = |n: u32| char::from(b'0' + (n % 10) as u8);
            let mut s = String::with_capacity(10);
            for n in [y / 1000, y / 100, y / 10, y] {
                s.push(digit(n));
            }
            s.push('-');
            s.push(digit(m / 10));
            s.push(digit(m));
            s.push('-');
            s.push(digit(d / 10));
            s.push(digit(d));
            s
        }
        _ => format!("{y:04}-{m:02}-{d:02}"),
    }
}

fn year_of(s: &str) -> Option<i32> {
    let n: i32 = s.parse().ok()?;
    match s.len() {
        2 => Some(2000 + n),
        4 if (1990..=2100).contains(&n) => Some(n),
        _ => None,
    }
}

/// A span of days with the kind it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Span {
    kind: DueKind,
    start: (i32, u32, u32),
    end: (i32, u32, u32),
}

fn month_span(y: i32, m: u32) -> Span {
    Span {
        kind: DueKind::Month,
        start: (y, m, 1),
        end: (y, m, last_day(y, m)),
    }
}

const MONTH_RE: &str = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?";

static FIND_MONTH: LazyLock<Regex> =
    LazyLock::new(|| crate::pattern::compile(&format!(r"(?i)\b{MONTH_RE}\b")));

/// Fold a date text: white space folded, trailing full stop dropped, and
/// parenthetical remarks removed.
fn clean(raw: &str) -> std::borrow::Cow<'_, str> {
    // Most texts are clean already (ASCII, no brackets, single spaces
    // between words and none at the ends, no other white space, no full
    // stop or other mark to trim at the end): borrowed as they are.
    if is_clean(raw.as_bytes()) {
        return std::borrow::Cow::Borrowed(raw);
    }
    // Most texts have no brackets: only where they have is a copy made.
    let no_parens = if raw.contains(['(', '[']) {
        std::borrow::Cow::Owned(without_brackets(raw))
    } else {
        std::borrow::Cow::Borrowed(raw)
    };
    let mut folded = super::text::fold_space(&no_parens);
    let kept = folded.trim_end_matches(['.', ',', ';', ':']).trim().len();
    folded.truncate(kept);
    std::borrow::Cow::Owned(folded)
}

/// Whether [`clean`] gives `b` back as it is, told for ASCII text only: no
/// bracket, no white space but single spaces inside it, and no full stop,
/// comma, semicolon or colon at its end (what `fold_space` and the trims
/// would change).
fn is_clean(b: &[u8]) -> bool {
    let Some(&last) = b.last() else {
        return true;
    };
    if b[0] == b' ' || matches!(last, b' ' | b'.' | b',' | b';' | b':') {
        return false;
    }
    let mut space = false;
    for &c in b {
        match c {
            b' ' if space => return false,
            b' ' => space = true,
            b'(' | b'[' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r' => return false,
            0x80.. => return false,
            _ => space = false,
        }
    }
    true
}

/// `raw` with each bracketed remark ("(for annual report)", "[tbc]")
/// replaced by a space: what `\([^)]*\)|\[[^\]]*\]` replaced, found
/// left to right with `memchr` (the pattern's captures were most of a
/// bracketed date's reading). A bracket with no close after it is kept,
/// and the search goes on after it.
fn without_brackets(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(open) = memchr::memchr2(b'(', b'[', rest.as_bytes()) {
        let close = if rest.as_bytes()[open] == b'(' {
            b')'
        } else {
            b']'
        };
        match memchr::memchr(close, &rest.as_bytes()[open + 1..]) {
            Some(len) => {
                out.push_str(&rest[..open]);
                out.push(' ');
                rest = &rest[open + 1 + len + 1..];
            }
            None => {
                out.push_str(&rest[..=open]);
                rest = &rest[open + 1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// How a strict date expression may start (ASCII case aside): a digit, a
/// month, or one of the words the patterns of [`strict_span`] allow before
/// it ("by", "the", "end", "beginning", "start", "early", "mid", "late",
/// "q"/"quarter"). Every one of those patterns is anchored at the start,
/// so text that starts otherwise is no date, without running them.
/// (The list as written: [`may_start_date`] picks from it by the first
/// byte, and its test compares the two.)
#[cfg_attr(not(test), allow(dead_code))]
const STRICT_STARTS: [&str; 21] = [
    "jan",
    "feb",
    "mar",
    "apr",
    "may",
    "jun",
    "jul",
    "aug",
    "sep",
    "oct",
    "nov",
    "dec",
    "by",
    "the",
    "end",
    "beginning",
    "start",
    "early",
    "mid",
    "late",
    "q",
];

/// Whether text may start a strict date expression (see [`STRICT_STARTS`]):
/// its first byte picks the starts compared (a test checks them against
/// the list).
pub(crate) fn may_start_date(t: &str) -> bool {
    let Some(&first) = t.as_bytes().first() else {
        return false;
    };
    let ci = |p: &str| crate::pattern::starts_with_ci(t, p);
    match first.to_ascii_lowercase() {
        b'0'..=b'9' | b'q' => true,
        b'j' => ci("jan") || ci("jun") || ci("jul"),
        b'f' => ci("feb"),
        b'm' => ci("mar") || ci("may") || ci("mid"),
        b'a' => ci("apr") || ci("aug"),
        b's' => ci("sep") || ci("start"),
        b'o' => ci("oct"),
        b'n' => ci("nov"),
        b'd' => ci("dec"),
        b'b' => ci("by") || ci("beginning"),
        b't' => ci("the"),
        b'e' => ci("end") || ci("early"),
        b'l' => ci("late"),
        _ => false,
    }
}

/// Where text names a month (its first three letters, ASCII case aside):
/// what every month pattern needs before it can match.
fn month_mentions(t: &str) -> impl Iterator<Item = usize> + '_ {
    t.as_bytes()
        .windows(3)
        .enumerate()
        .filter_map(|(i, w)| starts_with_month(w).then_some(i))
}

/// Whether text names a month anywhere (see [`month_mentions`]).
fn has_month(t: &str) -> bool {
    month_mentions(t).next().is_some()
}

/// Read text that must be a date expression and nothing else.
fn strict_span(text: &str, ctx: &DateContext) -> Option<Span> {
    let t = text;
    if !may_start_date(t) {
        return None;
    }
    if let Some(span) = quarter_only(t, ctx) {
        return Some(span);
    }
    // Every pattern but the bare month ends with a year's digits.
    if !t.as_bytes().last().is_some_and(u8::is_ascii_digit) {
        return month_only(t, ctx);
    }
    // Each pattern below is tried only where its shape allows (a digit or
    // a word first, a month named, a quarter's "q", ...), in the same
    // order: running all of them on every candidate cost more than the
    // rest of a date's reading.
    let b = t.as_bytes();
    let digit = b[0].is_ascii_digit();
    let digits =
        |r: std::ops::Range<usize>| b.get(r).is_some_and(|d| d.iter().all(u8::is_ascii_digit));
    if let Some((y, m, d)) = scan::iso_date(t) {
        // What spreadsheets without number formats show: 2014-06-01.
        let y: i32 = y.parse().ok()?;
        let m: u32 = m.parse().ok()?;
        let d: u32 = d.parse().ok()?;
        if !(1..=12).contains(&m) || d == 0 || d > last_day(y, m) {
            return None;
        }
        return Some(Span {
            kind: DueKind::Date,
            start: (y, m, d),
            end: (y, m, d),
        });
    }
    if let Some((d, m, y)) = (digit && has_month(t))
        .then(|| scan::day_month_year(t))
        .flatten()
    {
        let d: u32 = d.parse().ok()?;
        let m = month_number(m)?;
        let y = year_of(y)?;
        if d == 0 || d > last_day(y, m) {
            return None;
        }
        return Some(Span {
            kind: DueKind::Date,
            start: (y, m, d),
            end: (y, m, d),
        });
    }
    if let Some((d, m, y)) = (digit && t.contains(['/', '.']))
        .then(|| scan::numeric_date(t))
        .flatten()
    {
        // UK order: day/month/year.
        let d: u32 = d.parse().ok()?;
        let m: u32 = m.parse().ok()?;
        let y = year_of(y)?;
        if !(1..=12).contains(&m) || d == 0 || d > last_day(y, m) {
            return None;
        }
        return Some(Span {
            kind: DueKind::Date,
            start: (y, m, d),
            end: (y, m, d),
        });
    }
    if let Some((m1, y1, m2, y2)) = (!digit && month_mentions(t).nth(1).is_some())
        .then(|| scan::month_range(t))
        .flatten()
    {
        let m1 = month_number(m1)?;
        let m2 = month_number(m2)?;
        let y2 = year_of(y2)?;
        let y1 = match y1 {
            Some(y) => year_of(y)?,
            None if m1 > m2 => y2 - 1,
            None => y2,
        };
        return Some(Span {
            kind: DueKind::Range,
            start: (y1, m1, 1),
            end: (y2, m2, last_day(y2, m2)),
        });
    }
    if let Some((m, y)) = (!digit && has_month(t))
        .then(|| scan::month_year(t))
        .flatten()
    {
        let m = month_number(m)?;
        let y = year_of(y)?;
        return Some(month_span(y, m));
    }
    // (A bare month, which ends with its name, was read above.)
    if let Some((q, y, second)) = (!digit && t.contains(['q', 'Q']))
        .then(|| scan::quarter(t))
        .flatten()
    {
        let q: u32 = q.parse().ok()?;
        let y = year_of(y)?;
        // "Q1 2015/16" is a financial quarter (April-June 2015); "Q1 2015"
        // a calendar one.
        let (y, m) = if second.is_some() {
            let m = 4 + (q - 1) * 3;
            if m > 12 {
                (y + 1, m - 12)
            } else {
                (y, m)
            }
        } else {
            (y, 1 + (q - 1) * 3)
        };
        return Some(Span {
            kind: DueKind::Quarter,
            start: (y, m, 1),
            end: (y, m + 2, last_day(y, m + 2)),
        });
    }
    if let Some((y1, y2)) = (digits(0..4) && b.len() >= 6)
        .then(|| scan::fin_year(t))
        .flatten()
    {
        let y1 = year_of(y1)?;
        let y2 = if y2.len() == 2 {
            (y1 / 100) * 100 + y2.parse::<i32>().ok()?
        } else {
            year_of(y2)?
        };
        if y2 <= y1 || y2 - y1 > 5 {
            return None;
        }
        return Some(Span {
            kind: if y2 - y1 == 1 {
                DueKind::Year
            } else {
                DueKind::Range
            },
            start: (y1, 4, 1),
            end: (y2, 3, 31),
        });
    }
    if let Some(y) = (digits(b.len().saturating_sub(4)..b.len()) && (!digit || b.len() == 4))
        .then(|| scan::year(t))
        .flatten()
    {
        let y = year_of(y)?;
        return Some(Span {
            kind: DueKind::Year,
            start: (y, 1, 1),
            end: (y, 12, 31),
        });
    }
    None
}

/// A month with no year ("September", "end of March"), in the plan
/// period's year.
fn month_only(t: &str, ctx: &DateContext) -> Option<Span> {
    let m = month_number(scan::month_only(t)?)?;
    let base = ctx.start_year?;
    let y = if m >= 4 { base } else { base + 1 };
    Some(month_span(y, m))
}

/// A quarter with no year ("Q2", "Quarter 3"), in the plan period's year
/// as a month alone is: a financial quarter (Q1 April to June, Q4 January
/// to March of the next year).
fn quarter_only(t: &str, ctx: &DateContext) -> Option<Span> {
    // Both forms start with a "q" (ASCII case aside, as the lower-case
    // copy compares it): most texts are turned away without the copy.
    let t = t.trim();
    if !t.starts_with(['q', 'Q']) {
        return None;
    }
    let lower = t.to_ascii_lowercase();
    let n = lower
        .strip_prefix("quarter ")
        .or_else(|| lower.strip_prefix('q'))?
        .trim();
    let q: u32 = match n.as_bytes() {
        [d @ b'1'..=b'4'] => u32::from(d - b'0'),
        _ => return None,
    };
    let base = ctx.start_year?;
    let m = 4 + (q - 1) * 3;
    let (y, m) = if m > 12 {
        (base + 1, m - 12)
    } else {
        (base, m)
    };
    Some(Span {
        kind: DueKind::Quarter,
        start: (y, m, 1),
        end: (y, m + 2, last_day(y, m + 2)),
    })
}

fn due(raw: &str, kind: DueKind, span: Option<&Span>) -> Due {
    Due {
        raw: raw.to_string(),
        kind,
        start: span.map(|s| iso(s.start.0, s.start.1, s.start.2)),
        end: span.map(|s| iso(s.end.0, s.end.1, s.end.2)),
    }
}

/// A season, or a school term, with its year or without ("Autumn", "Summer
/// 2022", "spring term 2023", "end of the summer term"): a range of months.
/// Spring is March to May, summer June to August, autumn September to
/// November, winter December to February; the school terms run autumn
/// September to December, spring January to April, summer April to July.
/// Without a year, the plan's year as for a month alone (April to December
/// in its first year, January to March in the next); `None` when the plan
/// gives no year either.
fn season(lower: &str, ctx: &DateContext) -> Option<Span> {
    let mut words: Vec<&str> = lower
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    // "By the end of the", "end of", "early", "late": still the season.
    while let Some(&w) = words.first() {
        if matches!(
            w,
            "by" | "the" | "end" | "of" | "early" | "late" | "mid" | "in" | "during"
        ) {
            words.remove(0);
        } else {
            break;
        }
    }
    let (name, rest) = words.split_first()?;
    let (term, rest) = match rest.split_first() {
        Some((&"term", r)) => (true, r),
        _ => (false, rest),
    };
    let year = match rest {
        [] => None,
        [y] => Some(year_of(y.trim_end_matches('.'))?),
        _ => return None,
    };
    // (first month, months long)
    let (m0, len): (u32, u32) = match (*name, term) {
        ("spring", false) => (3, 3),
        ("summer", false) => (6, 3),
        ("autumn" | "fall", false) => (9, 3),
        ("winter", false) => (12, 3),
        ("autumn", true) => (9, 4),
        ("spring", true) => (1, 4),
        ("summer", true) => (4, 4),
        _ => return None,
    };
    let y0 = match year {
        Some(y) => y,
        None => {
            let base = ctx.start_year?;
            if m0 >= 4 {
                base
            } else {
                base + 1
            }
        }
    };
    let last = m0 + len - 1;
    let (y1, m1) = if last > 12 {
        (y0 + 1, last - 12)
    } else {
        (y0, last)
    };
    Some(Span {
        kind: DueKind::Range,
        start: (y0, m0, 1),
        end: (y1, m1, last_day(y1, m1)),
    })
}

/// Whether a date that could not be read says it is still to come: "tbc",
/// "tba" or "tbd" as a word ("TBC by Exec", "Date TBC"), a year or a date
/// with X's for digits ("20XX", "XX/20XX", "Month 20XX"), or a quarter or
/// number with "?" for its digit ("Q?", "20??").
fn placeholder_marks(lower: &str) -> bool {
    lower
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '(' | ')' | '[' | ']' | ':' | ';'))
        .filter(|w| !w.is_empty())
        .any(|w| {
            let w = w.trim_matches(['.', '-', '–']);
            matches!(w, "tbc" | "tba" | "tbd" | "tbc." | "t.b.c")
                || (w.contains("xx")
                    && w.chars()
                        .all(|c| c == 'x' || c.is_ascii_digit() || matches!(c, '/' | '-' | '.')))
                || (w.contains('?')
                    && w.len() <= 6
                    && w.chars().any(|c| c.is_ascii_digit() || c == 'q')
                    && w.chars()
                        .all(|c| c == '?' || c == 'q' || c.is_ascii_digit() || c == '/'))
        })
}

/// Parse text that is wholly a date expression (dates, months, ranges,
/// quarters, years); `None` for anything else.
pub fn parse_strict(raw: &str, ctx: &DateContext) -> Option<Due> {
    let t = clean(raw);
    if t.is_empty() {
        return None;
    }
    let span = strict_span(&t, ctx)?;
    Some(due(raw.trim(), span.kind, Some(&span)))
}

/// Whether [`parse_strict`] reads `raw` as a date: the same test,
/// without writing out the reading.
pub(crate) fn is_strict(raw: &str, ctx: &DateContext) -> bool {
    let t = clean(raw);
    !t.is_empty() && strict_span(&t, ctx).is_some()
}

/// Whether text is a date placeholder ("Insert", "tba", "XX/XX/XX").
pub fn is_placeholder(raw: &str) -> bool {
    if !may_be_placeholder(raw) {
        return false;
    }
    let t = raw.trim().to_lowercase();
    let bare = t.trim_matches(['[', ']', '(', ')', '.', ' ']);
    PLACEHOLDERS.contains(&t.as_str())
        || PLACEHOLDERS.contains(&bare)
        || (may_be_form_prompt(&t) && super::text::is_form_prompt(&t))
        // (`bare` is lower case: the ASCII case-insensitive search finds
        // what `str::contains` would, without a searcher per phrase.)
        || (crate::pattern::contains_ci(bare, "to be") && crate::pattern::contains_ci(bare, "date"))
        || (!bare.is_empty() && bare.chars().all(|c| c == 'x' || c == '/' || c == '-'))
        // A template's slot ("<<date>>", "<date>"), or an instruction to
        // fill the cell in ("insert here", "Insert date here").
        || t.as_bytes().windows(2).any(|w| w == b"<<")
        || (t.starts_with('<') && t.ends_with('>'))
        || (bare.starts_with("insert ") && bare.split_whitespace().count() <= 4)
        // "tbc – after budget setting", "TBA: once funded": a placeholder
        // with the reason after a dash or colon.
        || t.split_once([' ', '–', '-', ':']).is_some_and(|(head, rest)| {
            let rest = rest.trim_start();
            matches!(head.trim(), "tbc" | "tba" | "tbd" | "insert")
                && (rest.starts_with(['–', '-', ':', '(']) || t[head.len()..].starts_with([':', '–', '-']))
        })
}

/// Whether `raw` may be a date placeholder ([`is_placeholder`]), told
/// from how its trimmed text (`t`) and that text without brackets, dots
/// and spaces at its ends (`bare`) start, ASCII case aside, without a
/// lower-case copy: each phrase of [`PLACEHOLDERS`] starts as one of
/// `STARTS` ("ins", "tb", "to ", "dat", "[", "x", "?"), and so do a form's
/// prompt ("cli", "cho", "tap", "sel", "<", "ent"), a slot ("<"), "insert
/// ..." and "tbc – ..."; a text of X's, "/" and "-" starts with one of
/// them. Only "to be" with "date", and "<<", may stand anywhere: they are
/// looked for. (Only "K" and "İ" of other characters lower-case to ASCII
/// letters, neither one of these; a text whose `t` or `bare` starts with
/// another character is left to the full test.)
fn may_be_placeholder(raw: &str) -> bool {
    const STARTS: [&str; 13] = [
        "ins", "tb", "to ", "dat", "[", "x", "?", "cli", "cho", "tap", "sel", "<", "ent",
    ];
    let t = raw.trim();
    let bare = t.trim_matches(['[', ']', '(', ')', '.', ' ']);
    let (Some(&a), Some(&b)) = (t.as_bytes().first(), bare.as_bytes().first()) else {
        return true;
    };
    // Only the starts that begin with the text's first byte are compared
    // (each of `STARTS` begins with an ASCII byte, compared ASCII case
    // aside).
    let starts = |s: &str| {
        let Some(&first) = s.as_bytes().first() else {
            return false;
        };
        STARTS.iter().any(|p| {
            p.as_bytes()[0] == first.to_ascii_lowercase() && crate::pattern::starts_with_ci(s, p)
        })
    };
    a >= 0x80
        || b >= 0x80
        || starts(t)
        || starts(bare)
        || matches!(b, b'/' | b'-')
        || t.as_bytes().windows(2).any(|w| w == b"<<")
        || (crate::pattern::contains_ci(bare, "to be") && crate::pattern::contains_ci(bare, "date"))
}

/// Whether trimmed lower-case `t` may be a form's prompt
/// ([`super::text::is_form_prompt`]): every prompt starts with "c", "t",
/// "s", "e" or "<", so a text whose first byte is another ASCII byte is
/// none (a non-ASCII first character is left to the full test).
fn may_be_form_prompt(t: &str) -> bool {
    t.as_bytes().first().is_some_and(|&b| {
        b >= 0x80 || matches!(b.to_ascii_lowercase(), b'c' | b't' | b's' | b'e' | b'<')
    })
}

/// Words one of which an ongoing or recurring timescale must contain (see
/// [`parse_due`]: "ongoing", "on going", "onwards", "and beyond",
/// "continuous", "throughout", the [`RECURRING`] phrases, "thereafter").
const TIMESCALE_WORDS: [&str; 15] = [
    "every",
    "each",
    "fortnight",
    "going",
    "onwards",
    "beyond",
    "continuous",
    "throughout",
    "annual",
    "quarterly",
    "monthly",
    "weekly",
    "termly",
    "year",
    "thereafter",
];

/// Whether the words may read as an ongoing or recurring timescale: a
/// necessary condition, checked before [`parse_due`] is asked.
pub(crate) fn may_be_ongoing_or_recurring(words: &[&str]) -> bool {
    words.iter().any(|w| {
        // An ASCII word is searched as it is, ASCII case aside (its lower
        // case is its ASCII lower case); another is lower cased first.
        if w.is_ascii() {
            ascii_holds_timescale_word(w.as_bytes())
        } else {
            let w = w.to_lowercase();
            TIMESCALE_WORDS.iter().any(|t| w.contains(t))
        }
    })
}

/// Whether ASCII `w` holds a word of [`TIMESCALE_WORDS`], ASCII case
/// aside: one pass over its bytes, each compared only with the words that
/// start with its letter (a search for each word cost some 1,500
/// instructions a word; a test compares the two).
fn ascii_holds_timescale_word(w: &[u8]) -> bool {
    // (The shortest timescale word has four letters.)
    if w.len() < 4 {
        return false;
    }
    (0..=w.len() - 4).any(|i| {
        let candidates: &[&str] = match w[i].to_ascii_lowercase() {
            b'e' => &["every", "each"],
            b'f' => &["fortnight"],
            b'g' => &["going"],
            b'o' => &["onwards"],
            b'b' => &["beyond"],
            b'c' => &["continuous"],
            b't' => &["throughout", "termly", "thereafter"],
            b'a' => &["annual"],
            b'q' => &["quarterly"],
            b'm' => &["monthly"],
            b'w' => &["weekly"],
            b'y' => &["year"],
            _ => &[],
        };
        candidates.iter().any(|c| {
            w.get(i..i + c.len())
                .is_some_and(|s| s.eq_ignore_ascii_case(c.as_bytes()))
        })
    })
}

/// A due text without the "By" it starts with ("By March 2019", "by end
/// of financial year"): the word says how the cell asks, and the date is
/// what follows (docs/OUTPUT.md).
fn without_by(raw: &str) -> &str {
    // A footnote marker after the date ("March 2020¹") is not part of it.
    let raw = match raw
        .trim_end_matches(super::owner::FOOTNOTE_MARKS)
        .trim_end()
    {
        "" => raw,
        t => t,
    };
    match raw.get(..3) {
        Some(by) if by.eq_ignore_ascii_case("by ") && !raw[3..].trim().is_empty() => {
            raw[3..].trim_start()
        }
        _ => raw,
    }
}

/// Parse a date or timescale cell.
pub fn parse_due(raw: &str, ctx: &DateContext) -> Due {
    let (raw, kind, span) = reading(raw, ctx, true);
    let d = due(raw, kind, span.as_ref());
    if kind == DueKind::Ongoing {
        // Ongoing from its first date, with no end.
        Due { end: None, ..d }
    } else {
        d
    }
}

/// The kind [`parse_due`] gives `raw`, without writing out its dates (nor
/// finding them where the kind does not depend on them).
pub(crate) fn due_kind(raw: &str, ctx: &DateContext) -> DueKind {
    reading(raw, ctx, false).1
}

/// How [`parse_due`] reads a cell: the text it keeps (without a leading
/// "By"), the kind, and the span of days. With `with_span` false, an
/// ongoing or recurring timescale is given no span, as its kind does not
/// depend on the dates in it.
fn reading<'a>(
    raw: &'a str,
    ctx: &DateContext,
    with_span: bool,
) -> (&'a str, DueKind, Option<Span>) {
    let raw = without_by(raw.trim());
    let t = clean(raw);
    // (Most texts are clean already: then the second test is the first.)
    if is_placeholder(raw) || (t != raw && is_placeholder(&t)) {
        return (raw, DueKind::Placeholder, None);
    }
    if let Some(span) = strict_span(&t, ctx) {
        return (raw, span.kind, Some(span));
    }
    let lower = t.to_lowercase();
    if let Some(span) = season(&lower, ctx) {
        return (raw, span.kind, Some(span));
    }
    let words = lower.replace(['-', '–'], " ");
    // Several lines, or prose around dates: every date expression found.
    let first_found = || {
        if with_span {
            find_spans(&t, ctx, &t).into_iter().next()
        } else {
            None
        }
    };
    let mut padded = String::with_capacity(words.len() + 2);
    padded.push(' ');
    padded.push_str(&words);
    padded.push(' ');
    // Each phrase below starts at a space of the padded words (or right
    // after one): only those places are compared.
    let p = padded.as_bytes();
    let spaces = || memchr::memchr_iter(b' ', p);
    if words.starts_with("continuous")
        || words.starts_with("throughout")
        || spaces().any(|j| {
            [" ongoing ", " on going ", " onwards ", " and beyond "]
                .iter()
                .any(|w| p[j..].starts_with(w.as_bytes()))
        })
    {
        // "Ongoing", or "July 2011 and ongoing": ongoing from the first date.
        return (raw, DueKind::Ongoing, first_found());
    }
    // " {r} " in the padded words.
    let recurring = spaces().any(|j| {
        let at = &p[j + 1..];
        RECURRING
            .iter()
            .any(|r| at.starts_with(r.as_bytes()) && at.get(r.len()) == Some(&b' '))
    }) || crate::pattern::contains_ci(&words, "thereafter")
        || every_period(&words);
    if recurring {
        return (raw, DueKind::Recurring, first_found());
    }
    let spans = find_spans(&t, ctx, &t);
    match spans.as_slice() {
        // No date, and a mark that one is still to come ("TBC by Exec",
        // "Date TBC", "Q?", "20XX"): a placeholder.
        [] if placeholder_marks(&lower) => (raw, DueKind::Placeholder, None),
        [] => (raw, DueKind::Unparsed, None),
        [one] => (raw, one.kind, Some(one.clone())),
        many => {
            let first = many.iter().map(|s| s.start).min().unwrap_or(many[0].start);
            let last = many.iter().map(|s| s.end).max().unwrap_or(many[0].end);
            if many.iter().all(|s| s == &many[0]) {
                (raw, many[0].kind, Some(many[0].clone()))
            } else {
                (
                    raw,
                    DueKind::Range,
                    Some(Span {
                        kind: DueKind::Range,
                        start: first,
                        end: last,
                    }),
                )
            }
        }
    }
}

/// Date expressions inside longer text: each line parsed strictly if it can
/// be, else month-and-year phrases found in it; a bare month when nothing
/// else is found.
///
/// `not_strict` is a text already known to have no strict reading: a
/// line that cleans to it is not read strictly again.
fn find_spans(text: &str, ctx: &DateContext, not_strict: &str) -> Vec<Span> {
    let mut out = Vec::new();
    for line in text.split('\n') {
        let line = clean(line);
        if let Some(s) = (*line != *not_strict)
            .then(|| strict_span(&line, ctx))
            .flatten()
        {
            out.push(s);
            continue;
        }
        if !has_month(&line) {
            continue;
        }
        for (d, m, y) in scan::find_month_years(&line) {
            let (Some(m), Some(y)) = (month_number(m), year_of(y)) else {
                continue;
            };
            match d.and_then(|d| d.parse::<u32>().ok()) {
                Some(d) if d >= 1 && d <= last_day(y, m) => out.push(Span {
                    kind: DueKind::Date,
                    start: (y, m, d),
                    end: (y, m, d),
                }),
                _ => out.push(month_span(y, m)),
            }
        }
    }
    if out.is_empty() {
        if let Some(base) = ctx.start_year {
            if let Some(c) = has_month(text).then(|| FIND_MONTH.captures(text)).flatten() {
                if let Some(m) = month_number(&c[1]) {
                    let y = if m >= 4 { base } else { base + 1 };
                    out.push(month_span(y, m));
                }
            }
        }
    }
    out
}

/// Whether every line of `text` is a short phrase (six words at most) that
/// names a month and year: "First review Dec 15\nRefresh in June 16" is a
/// timescale; "Work underway on Single Assessment, to complete by September
/// 14" is progress prose.
pub fn every_line_dated(text: &str) -> bool {
    let ctx = DateContext::default();
    text.lines().filter(|l| !l.trim().is_empty()).all(|l| {
        l.split_whitespace().count() <= 6
            && (strict_span(&clean(l), &ctx).is_some()
                || (has_month(l) && !scan::find_month_years(l).is_empty()))
    }) && !text.trim().is_empty()
}

/// Read a plan period from text such as "BUSINESS PLAN 2016/17",
/// "LSCBN Business Plan 2011-2012", "Business Plan 2015-18" or
/// "01/04/2014 to April 15".
pub fn find_period(text: &str) -> Option<Period> {
    static EXPLICIT: LazyLock<Regex> = LazyLock::new(|| {
        crate::pattern::compile(&format!(
            r"(?i)(\d{{1,2}}/\d{{1,2}}/\d{{4}})\s+(?:to|-|–)\s+({MONTH_RE}\s*'?\d{{2,4}}|\d{{1,2}}/\d{{1,2}}/\d{{4}})"
        ))
    });
    // "April 2020 – March 2022", "January 2021 to December 2022".
    static MONTHS_SPAN: LazyLock<Regex> = LazyLock::new(|| {
        crate::pattern::compile(&format!(
            r"(?i)\b({MONTH_RE}\s+\d{{4}})\s*(?:to|-|–|—)\s*({MONTH_RE}\s+\d{{4}})\b"
        ))
    });
    // Every pattern needs four digits in a row (a `\d{4}` year, or
    // `20\d\d`; `\d` is ASCII in regex-lite): most head texts have none,
    // and are turned away without the three patterns' captures.
    if !has_four_digits(text) {
        return None;
    }
    let ctx = DateContext::default();
    // Each pattern is run only where what it needs is there: two months
    // named (three letters each, ASCII case aside, as the pattern's
    // `(?i)`), two "/" of a numeric date, a "20" and two digits.
    let b = text.as_bytes();
    if let Some(c) = month_mentions(text)
        .nth(1)
        .and_then(|_| MONTHS_SPAN.captures(text))
    {
        let (a, b) = (
            c.get(1).map_or("", |m| m.as_str()),
            c.get(3).map_or("", |m| m.as_str()),
        );
        if let (Some(a), Some(b)) = (strict_span(a, &ctx), strict_span(b, &ctx)) {
            if b.end > a.start && b.end.0 - a.start.0 <= 5 {
                return Some(Period {
                    raw: c[0].to_string(),
                    start: iso(a.start.0, a.start.1, a.start.2),
                    end: iso(b.end.0, b.end.1, b.end.2),
                });
            }
        }
    }
    if let Some(c) = (memchr::memchr_iter(b'/', b).nth(1).is_some())
        .then(|| EXPLICIT.captures(text))
        .flatten()
    {
        if let (Some(a), Some(b)) = (strict_span(&c[1], &ctx), strict_span(&c[2], &ctx)) {
            return Some(Period {
                raw: c[0].to_string(),
                start: iso(a.start.0, a.start.1, a.start.2),
                end: iso(b.end.0, b.end.1, b.end.2),
            });
        }
    }
    let twenty = b
        .windows(4)
        .any(|w| w[0] == b'2' && w[1] == b'0' && w[2].is_ascii_digit() && w[3].is_ascii_digit());
    if !twenty {
        return None;
    }
    // (Read by hand, `scan::fin_years`, whose test keeps the pattern.)
    for (whole, first, second) in scan::fin_years(text) {
        let y1: i32 = first.parse().ok()?;
        let y2: i32 = if second.len() == 2 {
            2000 + second.parse::<i32>().ok()?
        } else {
            second.parse().ok()?
        };
        if y2 > y1 && y2 - y1 <= 5 {
            return Some(Period {
                raw: whole.to_string(),
                start: iso(y1, 4, 1),
                end: iso(y2, 3, 31),
            });
        }
    }
    None
}

/// Whether `text` holds four ASCII digits in a row.
fn has_four_digits(text: &str) -> bool {
    let mut run = 0;
    text.bytes().any(|b| {
        run = if b.is_ascii_digit() { run + 1 } else { 0 };
        run == 4
    })
}

/// "Updated March 2016" as "2016-03" (or a full date when one is given).
pub fn find_updated(text: &str) -> Option<String> {
    static UPDATED: LazyLock<Regex> = LazyLock::new(|| {
        crate::pattern::compile(
            r"(?i)\b(?:updated|revised|last updated)\s*(?:on|in|:)?\s*(.{3,30})",
        )
    });
    // (Each searched by its rarer letter: "p", "v".)
    if !crate::pattern::contains_ci_by(text, "updated", 1)
        && !crate::pattern::contains_ci_by(text, "revised", 2)
    {
        return None;
    }
    let c = UPDATED.captures(text)?;
    let tail = c[1].trim();
    // The longest leading run of words that reads as a date.
    let words: Vec<&str> = tail.split_whitespace().collect();
    for n in (1..=words.len().min(4)).rev() {
        let candidate = words[..n].join(" ");
        if let Some(span) = strict_span(&clean(&candidate), &DateContext::default()) {
            return Some(match span.kind {
                DueKind::Date => iso(span.start.0, span.start.1, span.start.2),
                _ => format!("{:04}-{:02}", span.start.0, span.start.1),
            });
        }
    }
    None
}

/// A dated progress update: "Update Dec 15: text" gives ("2015-12", "text").
/// Also an update dated by numbers ("Update 12/01/2017 - text"), and a
/// paragraph that starts with a month and year or a full date set off by a
/// colon or a dash ("Nov 16: text", "Jan-17 – text", "3 March 2017: text",
/// "12/01/17 - text"): without the word "update" the separator is needed,
/// so "March 2017 the Board agreed ..." stays one paragraph of prose.
pub fn dated_update(text: &str) -> Option<(String, String)> {
    // An update dated with a month ("Update Dec 15:") is read by hand:
    // `datescan::update_label`, whose tests keep its pattern.
    static UPDATE_NUMBERS: LazyLock<Regex> = LazyLock::new(|| {
        crate::pattern::compile(
            r"(?i)^\s*update[ds]?\s+(?:on\s+)?(\d{1,2})[/.](\d{1,2})[/.](\d{4}|\d{2})\b\s*[:\-–—]?\s*",
        )
    });
    // The label with a month ("Nov 16:", "3 March 2017 –") is read by
    // hand: `datescan::dated_label`, whose tests keep its pattern.
    static LABEL_NUMBERS: LazyLock<Regex> = LazyLock::new(|| {
        crate::pattern::compile(r"^\s*(\d{1,2})[/.](\d{1,2})[/.](\d{4}|\d{2})\s*[:\-–—]\s*")
    });
    // `\s` of the pattern: ASCII white space.
    let start = text.trim_start_matches([' ', '\t', '\n', '\x0B', '\x0C', '\r']);
    let first = start.bytes().next()?;
    // Every pattern captures (day, month, year); with where it ends.
    fn groups(c: regex_lite::Captures<'_>) -> Option<(Option<&str>, &str, &str, usize)> {
        Some((
            c.get(1).map(|d| d.as_str()),
            c.get(2)?.as_str(),
            c.get(3)?.as_str(),
            c.get(0)?.end(),
        ))
    }
    let (day, month, year, end) = if crate::pattern::starts_with_ci(start, "update") {
        match scan::update_label(text) {
            Some(g) => g,
            None => groups(UPDATE_NUMBERS.captures(text)?)?,
        }
    } else if first.is_ascii_digit() {
        match LABEL_NUMBERS.captures(text) {
            Some(c) => groups(c)?,
            None => scan::dated_label(text)?,
        }
    } else if first.is_ascii_alphabetic() {
        // With no day before it, the label starts with the month, and
        // every month's name starts with its three letters (ASCII, as the
        // pattern's `(?i)`): most paragraphs are turned away here, without
        // the pattern's captures.
        if !starts_with_month(start.as_bytes()) {
            return None;
        }
        scan::dated_label(text)?
    } else {
        return None;
    };
    let numeric = month.bytes().all(|b| b.is_ascii_digit());
    let m = if numeric {
        month.parse::<u32>().ok().filter(|m| (1..=12).contains(m))?
    } else {
        month_number(month)?
    };
    let y = year_of(year)?;
    let date = match day.and_then(|d| d.parse::<u32>().ok()) {
        Some(d) if d >= 1 && d <= last_day(y, m) => iso(y, m, d),
        // A numeric date whose day is out of range is no date.
        Some(_) if numeric => return None,
        _ => format!("{y:04}-{m:02}"),
    };
    let rest = text.get(end..)?.trim().to_string();
    Some((date, rest))
}

/// Whether text (its bytes) starts with the first three letters of a month's name
/// (ASCII letters, either case): where every alternative of [`MONTH_RE`]
/// starts.
fn starts_with_month(b: &[u8]) -> bool {
    b.len() >= 3
        && matches!(
            [
                b[0].to_ascii_lowercase(),
                b[1].to_ascii_lowercase(),
                b[2].to_ascii_lowercase()
            ],
            [b'j', b'a', b'n']
                | [b'f', b'e', b'b']
                | [b'm', b'a', b'r']
                | [b'a', b'p', b'r']
                | [b'm', b'a', b'y']
                | [b'j', b'u', b'n']
                | [b'j', b'u', b'l']
                | [b'a', b'u', b'g']
                | [b's', b'e', b'p']
                | [b'o', b'c', b't']
                | [b'n', b'o', b'v']
                | [b'd', b'e', b'c']
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_one_pass_timescale_search_finds_what_the_searches_did() {
        let words = [
            "",
            "x",
            "yea",
            "year",
            "Years",
            "YEARLY",
            "every",
            "eVery",
            "each",
            "peach",
            "fortnight",
            "fortnightly",
            "going",
            "on-going",
            "onwards",
            "beyond",
            "continuous",
            "throughout",
            "annual",
            "biannually",
            "quarterly",
            "monthly",
            "weekly",
            "termly",
            "thereafter",
            "Teresa",
            "DeVito",
            "September",
            "2011",
            "ongoing.",
            "(annual)",
            "the",
            "there",
            "eac",
            "yearyear",
            "qUARTERLY",
            "bimonthly",
            "Thereafter,",
        ];
        for w in words {
            for (pre, post) in [("", ""), ("a", ""), ("", "s"), ("-", "-")] {
                let w = format!("{pre}{w}{post}");
                let slow = TIMESCALE_WORDS
                    .iter()
                    .any(|t| crate::pattern::contains_ci(&w, t));
                assert_eq!(ascii_holds_timescale_word(w.as_bytes()), slow, "{w:?}");
            }
        }
    }

    #[test]
    fn a_text_borrowed_as_clean_is_what_cleaning_gives() {
        for t in [
            "",
            " ",
            "March 2017",
            "March 2017.",
            "March  2017",
            " March",
            "March ",
            "Jun-14",
            "End of Nov 15",
            "(x) March",
            "March\t2017",
            "a\nb",
            "Sept 2011,",
            "x:",
            "é 2017",
            "Q1 2015/16",
            "2016-17",
            "[tbc]",
            ".",
            "a.b",
        ] {
            let slow = {
                let no_parens = if t.contains(['(', '[']) {
                    without_brackets(t)
                } else {
                    t.to_string()
                };
                let folded = super::super::text::fold_space(&no_parens);
                folded
                    .trim_end_matches(['.', ',', ';', ':'])
                    .trim()
                    .to_string()
            };
            assert_eq!(clean(t), slow, "{t:?}");
            if is_clean(t.as_bytes()) {
                assert_eq!(slow, t, "{t:?}");
            }
        }
    }

    #[test]
    fn the_quick_placeholder_test_turns_away_only_non_placeholders() {
        let heads = [
            "", " ", "[", "(", ".", "..", "[ (", "]", "<", "<<", "K", "\u{212a}", "\u{130}", "é",
        ];
        let bodies = [
            "insert",
            "Insert date here",
            "TBA",
            "tbc – after budget",
            "TBD: once funded",
            "to be agreed",
            "To be confirmed",
            "date",
            "Date to be set",
            "date tbc",
            "XX/XX/XX",
            "xx-xx",
            "/",
            "-",
            "x",
            "?",
            "??",
            "20XX",
            "Choose an item.",
            "Click or tap here",
            "Enter text here",
            "Select an item",
            "<date>",
            "<<date>>",
            "September 2011",
            "31/03/2017",
            "Ongoing",
            "March 2012 to be dated",
            "End of year",
            "Quarterly",
            "Q3",
            "a <<slot>>",
            "by the date to be agreed",
            "tbc",
            "insert here please now x",
            "Clic\u{212a} or tap here to enter",
            "Tap here to enter",
            "<Enter text here>",
            "December 2011",
            "End September 2011",
            "Sept 2011",
            "Insert",
        ];
        for h in heads {
            for b in bodies {
                for tail in ["", "]", ")", ".", " ", ">"] {
                    let raw = format!("{h}{b}{tail}");
                    let full = {
                        let t = raw.trim().to_lowercase();
                        let bare = t.trim_matches(['[', ']', '(', ')', '.', ' ']);
                        PLACEHOLDERS.contains(&t.as_str())
                            || PLACEHOLDERS.contains(&bare)
                            || (may_be_form_prompt(&t) && super::super::text::is_form_prompt(&t))
                            || (bare.contains("to be") && bare.contains("date"))
                            || (!bare.is_empty()
                                && bare.chars().all(|c| c == 'x' || c == '/' || c == '-'))
                            || t.contains("<<")
                            || (t.starts_with('<') && t.ends_with('>'))
                            || (bare.starts_with("insert ") && bare.split_whitespace().count() <= 4)
                            || t.split_once([' ', '–', '-', ':']).is_some_and(|(head, _)| {
                                matches!(head.trim(), "tbc" | "tba" | "tbd" | "insert")
                            })
                    };
                    // Where any test could hold, the quick test lets it be asked.
                    assert!(!full || may_be_placeholder(&raw), "{raw:?}");
                }
            }
        }
    }

    #[test]
    fn a_date_may_start_only_with_a_digit_or_a_listed_start() {
        let by_list = |t: &str| {
            t.as_bytes().first().is_some_and(u8::is_ascii_digit)
                || STRICT_STARTS
                    .iter()
                    .any(|p| crate::pattern::starts_with_ci(t, p))
        };
        let mut starts: Vec<String> = STRICT_STARTS.iter().map(|p| p.to_string()).collect();
        starts.extend(STRICT_STARTS.iter().map(|p| p.to_ascii_uppercase()));
        starts.extend(STRICT_STARTS.iter().map(|p| p[..p.len() - 1].to_string()));
        for w in [
            "",
            "1",
            "9 May",
            "x",
            "é",
            "Teresa",
            "quarterly",
            "Ma",
            "Bx",
            "(",
            "ENDx",
        ] {
            starts.push(w.to_string());
        }
        for t in &starts {
            assert_eq!(may_start_date(t), by_list(t), "{t:?}");
        }
    }

    #[test]
    fn brackets_go_as_the_pattern_removed_them() {
        let parens = crate::pattern::compile(r"\([^)]*\)|\[[^\]]*\]");
        for t in [
            "February 2012 (for annual report)",
            "March 2017 [tbc] (draft)",
            "(a [b) c] d",
            "[a (b] c) d",
            "((x) y)",
            "open ( only",
            "open [ only ] and ( none",
            "( [ ] )",
            "é (ü) ]x[",
            "",
            ")(",
            "][]",
        ] {
            assert_eq!(without_brackets(t), parens.replace_all(t, " "), "{t:?}");
        }
    }

    #[test]
    fn a_period_said_with_every_recurs() {
        let ctx = DateContext::default();
        for t in [
            "Every 6 months",
            "every two weeks",
            "Each quarter",
            "Every other month",
            "Twice a year",
            "Fortnightly",
            "Half-yearly",
        ] {
            assert_eq!(parse_due(t, &ctx).kind, DueKind::Recurring, "{t}");
        }
        // "Each" or "every" before something else is no period.
        assert_ne!(
            parse_due("Each agency by March 2020", &ctx).kind,
            DueKind::Recurring
        );
        assert_ne!(parse_due("every school", &ctx).kind, DueKind::Recurring);
    }

    #[test]
    fn a_due_date_is_the_date_without_the_by_before_it() {
        let ctx = DateContext::default();
        let d = parse_due("By March 2019", &ctx);
        assert_eq!(d.raw, "March 2019");
        assert_eq!(d.start.as_deref(), Some("2019-03-01"));
        assert_eq!(
            parse_due("by end of financial year", &ctx).raw,
            "end of financial year"
        );
        // Only the word: "By" alone, or a word that starts with it.
        assert_eq!(parse_due("By", &ctx).raw, "By");
        assert_eq!(parse_due("March 2020²", &ctx).raw, "March 2020");
        // A placeholder with its reason after a dash.
        assert_eq!(
            parse_due("tbc – after budget setting", &ctx).kind,
            DueKind::Placeholder
        );
        assert_eq!(
            parse_due("TBA: once funded", &ctx).kind,
            DueKind::Placeholder
        );
        assert_ne!(
            parse_due("tbc by the Board in March 2021", &ctx).kind,
            DueKind::Placeholder
        );
        assert_eq!(
            parse_due("Bystander week 2019", &ctx).raw,
            "Bystander week 2019"
        );
    }

    #[test]
    fn progress_entries_start_at_a_date_set_off_as_a_label() {
        let d = dated_update;
        assert_eq!(
            d("Update Dec 15: Policy agreed"),
            Some(("2015-12".into(), "Policy agreed".into()))
        );
        assert_eq!(
            d("Update 12/09/2017 - Training dates published."),
            Some(("2017-09-12".into(), "Training dates published.".into()))
        );
        assert_eq!(
            d("Nov 16: Consultation closed."),
            Some(("2016-11".into(), "Consultation closed.".into()))
        );
        assert_eq!(
            d("Jan-17 – Draft sent"),
            Some(("2017-01".into(), "Draft sent".into()))
        );
        assert_eq!(
            d("3 March 2017: Agreed"),
            Some(("2017-03-03".into(), "Agreed".into()))
        );
        assert_eq!(
            d("12/01/17 - Protocol agreed"),
            Some(("2017-01-12".into(), "Protocol agreed".into()))
        );
        // No label: prose that starts with a date, a quarter with no year,
        // a reference, a date that is not one.
        assert_eq!(d("March 2017 the Board agreed the plan"), None);
        assert_eq!(d("Q1: audit started"), None);
        assert_eq!(d("2.1 - agreed"), None);
        assert_eq!(d("31/02/2017: agreed"), None);
        assert_eq!(d("May: agreed"), None);
    }

    #[test]
    fn iso_dates_are_written_as_format_writes_them() {
        for (y, m, d) in [
            (2014, 6, 1),
            (999, 12, 31),
            (2100, 1, 9),
            (0, 0, 0),
            (9999, 99, 99),
        ] {
            assert_eq!(iso(y, m, d), format!("{y:04}-{m:02}-{d:02}"));
        }
        assert_eq!(iso(-5, 1, 1), format!("{:04}-{:02}-{:02}", -5, 1, 1));
        assert_eq!(iso(12345, 1, 1), "12345-01-01");
    }

    fn ctx() -> DateContext {
        DateContext {
            start_year: Some(2014),
        }
    }

    fn p(raw: &str) -> (DueKind, Option<String>, Option<String>) {
        let d = parse_due(raw, &ctx());
        (d.kind, d.start, d.end)
    }

    fn k(kind: DueKind, a: &str, b: &str) -> (DueKind, Option<String>, Option<String>) {
        (kind, Some(a.into()), Some(b.into()))
    }

    #[test]
    fn months_in_the_seeds() {
        use DueKind::*;
        assert_eq!(p("Jun-14"), k(Month, "2014-06-01", "2014-06-30"));
        assert_eq!(p("2014-06-01"), k(Date, "2014-06-01", "2014-06-01"));
        assert_eq!(p("2014-02-30").0, Unparsed);
        assert_eq!(p("Sep-14"), k(Month, "2014-09-01", "2014-09-30"));
        assert_eq!(p("End of Nov 15"), k(Month, "2015-11-01", "2015-11-30"));
        assert_eq!(p("Sept 16"), k(Month, "2016-09-01", "2016-09-30"));
        assert_eq!(p("October11"), k(Month, "2011-10-01", "2011-10-31"));
        assert_eq!(p("December 11"), k(Month, "2011-12-01", "2011-12-31"));
        assert_eq!(
            p("End September 2011"),
            k(Month, "2011-09-01", "2011-09-30")
        );
        assert_eq!(p("May 2014"), k(Month, "2014-05-01", "2014-05-31"));
        assert_eq!(p("Feb-16"), k(Month, "2016-02-01", "2016-02-29"));
        assert_eq!(
            p("February 2012 (for annual report)"),
            k(Month, "2012-02-01", "2012-02-29")
        );
        assert_eq!(p("September"), k(Month, "2014-09-01", "2014-09-30"));
        assert_eq!(p("March"), k(Month, "2015-03-01", "2015-03-31"));
    }

    #[test]
    fn dates_ranges_and_years() {
        use DueKind::*;
        assert_eq!(p("01/06/2016"), k(Date, "2016-06-01", "2016-06-01"));
        assert_eq!(p("1st July 2014"), k(Date, "2014-07-01", "2014-07-01"));
        assert_eq!(p("30th Sept 2014"), k(Date, "2014-09-30", "2014-09-30"));
        assert_eq!(p("Jan to March 2012"), k(Range, "2012-01-01", "2012-03-31"));
        assert_eq!(p("Oct – Nov 2011"), k(Range, "2011-10-01", "2011-11-30"));
        assert_eq!(p("April -June 14"), k(Range, "2014-04-01", "2014-06-30"));
        assert_eq!(p("2015"), k(Year, "2015-01-01", "2015-12-31"));
        assert_eq!(p("2016-17"), k(Year, "2016-04-01", "2017-03-31"));
        assert_eq!(p("Q2 2015/16"), k(Quarter, "2015-07-01", "2015-09-30"));
        // A quarter alone is the plan year's (2014/15 here).
        assert_eq!(p("Q2"), k(Quarter, "2014-07-01", "2014-09-30"));
        assert_eq!(p("Quarter 4"), k(Quarter, "2015-01-01", "2015-03-31"));
        assert_eq!(p("Q5").0, Unparsed);
        assert_eq!(
            p("End of Q4 2015-16"),
            k(Quarter, "2016-01-01", "2016-03-31")
        );
    }

    #[test]
    fn seasons_and_school_terms_are_ranges() {
        use DueKind::*;
        // ctx(): a plan starting in 2014.
        assert_eq!(p("Autumn"), k(Range, "2014-09-01", "2014-11-30"));
        assert_eq!(p("Summer 2022"), k(Range, "2022-06-01", "2022-08-31"));
        assert_eq!(p("Winter 2023"), k(Range, "2023-12-01", "2024-02-29"));
        assert_eq!(p("spring term 2023"), k(Range, "2023-01-01", "2023-04-30"));
        assert_eq!(
            p("By the end of the summer term"),
            k(Range, "2014-04-01", "2014-07-31")
        );
        assert_eq!(p("Spring"), k(Range, "2015-03-01", "2015-05-31"));
        // A season among other words is not one.
        assert_eq!(p("Summer holiday scheme").0, Unparsed);
    }

    #[test]
    fn words_that_are_not_dates() {
        use DueKind::*;
        assert_eq!(p("Insert").0, Placeholder);
        assert_eq!(p("insert").0, Placeholder);
        assert_eq!(p("TBC").0, Placeholder);
        assert_eq!(p("XX/XX/XX").0, Placeholder);
        assert_eq!(p("[date]").0, Placeholder);
        assert_eq!(p("insert here").0, Placeholder);
        assert_eq!(p("[Insert date here]").0, Placeholder);
        assert_eq!(p("<<date>>").0, Placeholder);
        assert_eq!(p("xx/xx").0, Placeholder);
        // A sentence that starts with "insert" is no date's slot.
        assert_ne!(
            p("insert the new clause into every contract by March").0,
            Placeholder
        );
        // An empty date picker's prompt.
        assert_eq!(p("Click or tap to enter a date.").0, Placeholder);
        // No date, and a mark that one is to come.
        for t in [
            "Q?",
            "20XX",
            "Month 20XX",
            "XX/20XX",
            "TBC by Exec",
            "Date TBC",
            "tbc by the Board",
        ] {
            assert_eq!(p(t).0, Placeholder, "{t}");
        }
        // A date with a remark is a date; words alone stay unparsed.
        assert_eq!(p("March 2024 (tbc)").0, Month);
        assert_eq!(p("When the review reports").0, Unparsed);
        assert_eq!(p("Q3?").0, Placeholder);
        assert_eq!(p("Ongoing").0, Ongoing);
        assert_eq!(p("on-going").0, Ongoing);
        assert_eq!(p("On going").0, Ongoing);
        assert_eq!(p("Ongoing through the year.").0, Ongoing);
        assert_eq!(
            p("July 2011 and ongoing"),
            (Ongoing, Some("2011-07-01".into()), None)
        );
        assert_eq!(p("Bi annually").0, Recurring);
        assert_eq!(
            p("Reviewed annually – March 2016"),
            k(Recurring, "2016-03-01", "2016-03-31")
        );
        assert_eq!(
            p("April and quarterly reporting thereafter"),
            k(Recurring, "2014-04-01", "2014-04-30")
        );
        assert_eq!(p("drwawn up and to be").0, Unparsed);
        assert_eq!(
            p("Contract signed July 15"),
            k(Month, "2015-07-01", "2015-07-31")
        );
        assert_eq!(
            p("First review Dec 15\nRefresh in June 16"),
            k(Range, "2015-12-01", "2016-06-30")
        );
        assert_eq!(
            p("March 2017\nMarch 2017"),
            k(Month, "2017-03-01", "2017-03-31")
        );
    }

    #[test]
    fn strict_parsing_refuses_prose() {
        let c = ctx();
        assert!(parse_strict("NCC February 2012", &c).is_none());
        assert!(parse_strict("Teresa DeVito September 2011", &c).is_none());
        assert_eq!(
            parse_strict("September 2011", &c).map(|d| d.kind),
            Some(DueKind::Month)
        );
    }

    #[test]
    fn periods() {
        let f = |t: &str| find_period(t).map(|p| (p.raw, p.start, p.end));
        assert_eq!(
            f("NCSCB AND NCASPB BUSINESS PLANS 2014/15"),
            Some(("2014/15".into(), "2014-04-01".into(), "2015-03-31".into()))
        );
        assert_eq!(
            f("LSCBN Business Plan 2011-2012"),
            Some(("2011-2012".into(), "2011-04-01".into(), "2012-03-31".into()))
        );
        assert_eq!(
            f("Business Plan 2015-18"),
            Some(("2015-18".into(), "2015-04-01".into(), "2018-03-31".into()))
        );
        assert_eq!(
            f("Corporate SafeGuarding Improvement Plan 01/04/2014 to April 15"),
            Some((
                "01/04/2014 to April 15".into(),
                "2014-04-01".into(),
                "2015-04-30".into()
            ))
        );
        assert_eq!(f("no period here"), None);
    }

    #[test]
    fn updates() {
        assert_eq!(find_updated("Updated March 2016"), Some("2016-03".into()));
        assert_eq!(
            dated_update("Update Dec 15: Revised E-Safety Strategy"),
            Some(("2015-12".into(), "Revised E-Safety Strategy".into()))
        );
        assert_eq!(
            dated_update("Update March 16 :Draft model"),
            Some(("2016-03".into(), "Draft model".into()))
        );
        assert_eq!(dated_update("Not due"), None);
        assert_eq!(
            dated_update("Update March 2016: Report went to PPPG"),
            Some(("2016-03".into(), "Report went to PPPG".into()))
        );
    }
}
