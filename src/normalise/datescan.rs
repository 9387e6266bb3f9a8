//! Hand-written matchers for the whole-text date shapes of `date.rs`.
//!
//! Each function reads one anchored shape ("1st July 2014", "end of March
//! 15", "Jan to March 2012", "Q1 2015/16", "2016-17", ...), or finds one
//! shape inside prose (a month and year, a financial year), and gives the
//! same groups the regular expression it replaced gave (the expressions
//! are written above each function and kept in this module's tests, which
//! compare the two on thousands of texts). A text is a few words; reading
//! it byte by byte costs a few hundred instructions, where `regex-lite`'s
//! PikeVM spent about 12,000 a capture (issue 18's profile: the largest
//! single cost of date reading).
//!
//! As in `regex-lite`: letters are compared without ASCII case where the
//! expression says `(?i)`, `\s` is ASCII white space, `\d` an ASCII digit.
//! Where an expression could match in several ways (a month's optional
//! letters, an optional prefix), the alternatives are tried in the
//! expression's order of preference, so the groups are the ones its
//! leftmost-first search reported.

/// A byte position in a date text, moved forward as parts are read.
#[derive(Clone, Copy)]
struct Cur<'a> {
    b: &'a [u8],
    i: usize,
}

impl<'a> Cur<'a> {
    fn new(t: &'a str) -> Self {
        Cur {
            b: t.as_bytes(),
            i: 0,
        }
    }

    fn end(&self) -> bool {
        self.i == self.b.len()
    }

    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    /// `\s*`: how many were skipped.
    fn ws(&mut self) -> usize {
        let s = self.i;
        while self.peek().is_some_and(is_space) {
            self.i += 1;
        }
        self.i - s
    }

    /// `\s+`.
    fn ws1(&mut self) -> bool {
        self.ws() > 0
    }

    /// A literal, ASCII case aside (only `(?i)` shapes call it with letters).
    fn lit_ci(&mut self, s: &str) -> bool {
        let n = s.len();
        let ok = self
            .b
            .get(self.i..self.i + n)
            .is_some_and(|w| w.eq_ignore_ascii_case(s.as_bytes()));
        if ok {
            self.i += n;
        }
        ok
    }

    /// A literal, case and all.
    fn lit(&mut self, s: &str) -> bool {
        let ok = self.b[self.i..].starts_with(s.as_bytes());
        if ok {
            self.i += s.len();
        }
        ok
    }

    /// One byte of `set`.
    fn one_of(&mut self, set: &[u8]) -> bool {
        let ok = self.peek().is_some_and(|c| set.contains(&c));
        if ok {
            self.i += 1;
        }
        ok
    }

    /// The run of ASCII digits here (not consumed).
    fn digit_run(&self) -> usize {
        self.b[self.i..]
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count()
    }
}

/// `regex-lite`'s `\s`.
fn is_space(c: u8) -> bool {
    matches!(c, b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ')
}

/// The spellings each month's part of `MONTH_RE` accepts, in the order its
/// optional letters are preferred (`sept?(?:ember)?`: "september", "sept",
/// "sepember", "sep").
const MONTH_SPELLINGS: [&[&str]; 12] = [
    &["january", "jan"],
    &["february", "feb"],
    &["march", "mar"],
    &["april", "apr"],
    &["may"],
    &["june", "jun"],
    &["july", "jul"],
    &["august", "aug"],
    &["september", "sept", "sepember", "sep"],
    &["october", "oct"],
    &["november", "nov"],
    &["december", "dec"],
];

/// `MONTH_RE` (a month's name, its full stop not included) at `c`: each
/// way it can end, in the order of preference, until `rest` accepts one
/// (`rest` gets the month's text and the cursor after it and its `\.?`).
fn month<'a, T>(c: Cur<'a>, mut rest: impl FnMut(&'a str, Cur<'a>) -> Option<T>) -> Option<T> {
    let b = c.b.get(c.i..c.i + 3)?;
    let spellings = MONTH_SPELLINGS
        .iter()
        .find(|s| s[0].as_bytes()[..3].eq_ignore_ascii_case(b))?;
    for s in spellings.iter() {
        let mut k = c;
        if !k.lit_ci(s) {
            continue;
        }
        // The text is `str` and a spelling is ASCII: a char boundary.
        let text = std::str::from_utf8(&c.b[c.i..k.i]).ok()?;
        // `\.?`: nothing after a month reads a full stop, so taking it
        // when it is there never loses a match.
        k.lit(".");
        if let Some(t) = rest(text, k) {
            return Some(t);
        }
    }
    None
}

/// `(\d{4}|\d{2})$` at `c`: the year's digits, if they end the text.
fn year_to_end<'a>(c: Cur<'a>) -> Option<&'a str> {
    let n = c.digit_run();
    ((n == 4 || n == 2) && c.i + n == c.b.len())
        .then(|| std::str::from_utf8(&c.b[c.i..]).ok())
        .flatten()
}

fn text<'a>(c: &Cur<'a>, from: usize) -> Option<&'a str> {
    std::str::from_utf8(&c.b[from..c.i]).ok()
}

/// `(\d{4}|\d{2})` at `k`, then what `rest` reads after it: the year and
/// where `rest` ends, for the first year (four digits before two, as the
/// alternation prefers) after which `rest` matches.
fn year_then<'a>(k: Cur<'a>, rest: impl Fn(&mut Cur<'a>) -> bool) -> Option<(&'a str, usize)> {
    let run = k.digit_run();
    for n in [4, 2] {
        if run < n {
            continue;
        }
        let mut y = k;
        let from = y.i;
        y.i += n;
        let year = text(&y, from)?;
        if rest(&mut y) {
            return Some((year, y.i));
        }
    }
    None
}

/// `(?i)^\s*(?:(\d{1,2})(?:st|nd|rd|th)?\s+)?MONTH[\s\-]*'?(\d{4}|\d{2})\s*[:\-–—]\s*`
/// (the label that dates a paragraph, "Nov 16: text", "3 March 2017 –
/// text"): (day, month, year, where the match ends).
pub(super) fn dated_label(t: &str) -> Option<(Option<&str>, &str, &str, usize)> {
    fn after_month<'a>(m: &'a str, mut k: Cur<'a>) -> Option<(&'a str, &'a str, usize)> {
        // `[\s\-]*'?`: what follows is a digit, so all of them are taken.
        while k.peek().is_some_and(|b| is_space(b) || b == b'-') {
            k.i += 1;
        }
        k.lit("'");
        // `\s*[:\-–—]\s*`
        let (year, end) = year_then(k, |y| {
            y.ws();
            let separated = y.one_of(b":-") || y.lit("–") || y.lit("—");
            y.ws();
            separated
        })?;
        Some((m, year, end))
    }
    let mut c = Cur::new(t);
    c.ws();
    day_and_month(c, after_month)
}

/// `(?i)^\s*update[ds]?\s+(?:on\s+)?(?:(\d{1,2})(?:st|nd|rd|th)?\s+)?MONTH\s*'?(\d{4}|\d{2})\b\s*[:\-–]?\s*`
/// (a dated update, "Update Dec 15: text"): (day, month, year, where the
/// match ends).
pub(super) fn update_label(t: &str) -> Option<(Option<&str>, &str, &str, usize)> {
    fn after_month<'a>(m: &'a str, mut k: Cur<'a>) -> Option<(&'a str, &'a str, usize)> {
        // `\s*'?`: what follows is a digit, so all of them are taken.
        k.ws();
        k.lit("'");
        let (year, end) = year_then(k, |y| {
            // `\b`: the year's last digit is a word character.
            if y.peek()
                .is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_')
            {
                return false;
            }
            // `\s*[:\-–]?\s*`: nothing follows, so each takes all it can.
            y.ws();
            let _ = y.one_of(b":-") || y.lit("–");
            y.ws();
            true
        })?;
        Some((m, year, end))
    }
    let mut c = Cur::new(t);
    c.ws();
    if !c.lit_ci("update") {
        return None;
    }
    for letter in [true, false] {
        let mut k = c;
        if letter && !(k.lit_ci("d") || k.lit_ci("s")) {
            continue;
        }
        if !k.ws1() {
            continue;
        }
        for on in [true, false] {
            let mut j = k;
            if on && !(j.lit_ci("on") && j.ws1()) {
                continue;
            }
            if let Some(m) = day_and_month(j, after_month) {
                return Some(m);
            }
        }
    }
    None
}

/// What follows a dated label's month: (month, year, where the match ends).
type AfterMonth<'a> = fn(&'a str, Cur<'a>) -> Option<(&'a str, &'a str, usize)>;

/// `(?:(\d{1,2})(?:st|nd|rd|th)?\s+)?MONTH` at `c`, the day first where
/// one can be read, each way offered to `rest` in the order of preference:
/// (day, month, year, end).
fn day_and_month<'a>(
    c: Cur<'a>,
    rest: AfterMonth<'a>,
) -> Option<(Option<&'a str>, &'a str, &'a str, usize)> {
    let run = c.digit_run();
    for d in (1..=run.min(2)).rev() {
        let mut k = c;
        let from = k.i;
        k.i += d;
        let day = text(&k, from)?;
        for suffix in [true, false] {
            let mut j = k;
            if suffix && !["st", "nd", "rd", "th"].iter().any(|x| j.lit_ci(x)) {
                continue;
            }
            if !j.ws1() {
                continue;
            }
            if let Some((m, y, end)) = month(j, rest) {
                return Some((Some(day), m, y, end));
            }
        }
    }
    month(c, rest).map(|(m, y, end)| (None, m, y, end))
}

/// `^(\d{4})-(\d{2})-(\d{2})$`: (year, month, day).
pub(super) fn iso_date(t: &str) -> Option<(&str, &str, &str)> {
    let b = t.as_bytes();
    let d = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    (b.len() == 10 && b[4] == b'-' && b[7] == b'-' && d(0..4) && d(5..7) && d(8..10))
        .then(|| (&t[0..4], &t[5..7], &t[8..10]))
}

/// `(?i)^(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?MONTH\.?,?\s*'?(\d{4}|\d{2})$`:
/// (day, month, year).
pub(super) fn day_month_year(t: &str) -> Option<(&str, &str, &str)> {
    let mut c = Cur::new(t);
    let n = c.digit_run();
    if !(1..=2).contains(&n) {
        return None;
    }
    c.i = n;
    let day = &t[..n];
    for s in ["st", "nd", "rd", "th"] {
        if c.lit_ci(s) {
            break;
        }
    }
    if !c.ws1() {
        return None;
    }
    // `(?:of\s+)?`: tried with "of" first; no month starts "of", so
    // without it the month must start here.
    let mut of = c;
    let starts = if of.lit_ci("of") && of.ws1() {
        vec![of, c]
    } else {
        vec![c]
    };
    starts.into_iter().find_map(|c| {
        month(c, |m, mut k| {
            k.lit(",");
            k.ws();
            k.lit("'");
            Some((day, m, year_to_end(k)?))
        })
    })
}

/// `^(\d{1,2})[/.](\d{1,2})[/.](\d{4}|\d{2})$`: (day, month, year).
pub(super) fn numeric_date(t: &str) -> Option<(&str, &str, &str)> {
    let mut c = Cur::new(t);
    let mut parts = [""; 2];
    for p in &mut parts {
        let n = c.digit_run();
        if !(1..=2).contains(&n) {
            return None;
        }
        let s = c.i;
        c.i += n;
        *p = text(&c, s)?;
        if !c.one_of(b"/.") {
            return None;
        }
    }
    Some((parts[0], parts[1], year_to_end(c)?))
}

/// The cursors after `(?:by\s+)?(?:the\s+)?` at `c`, in the order of
/// preference ("by the", "by", "the", nothing).
fn by_the(c: Cur<'_>) -> Vec<Cur<'_>> {
    // Neither word can start where the text does not start with "b" or
    // "t" (ASCII case aside): only the start itself, as the loop gives.
    if !c
        .peek()
        .is_some_and(|b| matches!(b.to_ascii_lowercase(), b'b' | b't'))
    {
        return vec![c];
    }
    let mut out = Vec::new();
    for by in [true, false] {
        let mut k = c;
        if by && !(k.lit_ci("by") && k.ws1()) {
            continue;
        }
        for the in [true, false] {
            let mut k = k;
            if the && !(k.lit_ci("the") && k.ws1()) {
                continue;
            }
            out.push(k);
        }
    }
    out
}

/// The starts an optional lead-in `(?:(?:by\s+)?(?:the\s+)?WORDS|by\s+)?`
/// leaves at `c`, in the order of preference, ending with none: `words`
/// reads the first alternative's words after "by the" (each way it can).
fn with_lead_in<'a>(c: Cur<'a>, words: impl Fn(Cur<'a>, &mut Vec<Cur<'a>>)) -> Vec<Cur<'a>> {
    let mut out = Vec::new();
    for k in by_the(c) {
        words(k, &mut out);
    }
    let mut by = c;
    if by.lit_ci("by") && by.ws1() {
        out.push(by);
    }
    out.push(c);
    out
}

/// The optional lead-in of a month ("by", "the end of", "mid", ...):
/// `(?:(?:by\s+)?(?:the\s+)?(?:end|beginning|start|early|mid|late)(?:\s+of)?\s+|by\s+)?`,
/// each way it can be read, in the order of preference, ending with none.
fn lead_ins(c: Cur<'_>) -> Vec<Cur<'_>> {
    with_lead_in(c, |k, out| {
        for w in ["end", "beginning", "start", "early", "mid", "late"] {
            let mut k = k;
            if !k.lit_ci(w) {
                continue;
            }
            // `(?:\s+of)?\s+`: with "of" first.
            let mut of = k;
            if of.ws1() && of.lit_ci("of") && of.ws1() {
                out.push(of);
            }
            if k.ws1() {
                out.push(k);
            }
        }
    })
}

/// Whether a month's name may start at `c` (its first three letters,
/// ASCII case aside).
fn starts_as_month(c: Cur<'_>) -> bool {
    c.b.get(c.i..c.i + 3).is_some_and(|b| {
        MONTH_SPELLINGS
            .iter()
            .any(|s| s[0].as_bytes()[..3].eq_ignore_ascii_case(b))
    })
}

/// `(?i)^LEAD_IN?MONTH\.?\s*[-/' ]?\s*(\d{4}|\d{2})$`: (month, year).
pub(super) fn month_year(t: &str) -> Option<(&str, &str)> {
    let read = |c| {
        month(c, |m, mut k| {
            k.ws();
            k.one_of(b"-/' ");
            k.ws();
            Some((m, year_to_end(k)?))
        })
    };
    // A text that starts with a month (most) is read there alone.
    let c = Cur::new(t);
    if starts_as_month(c) {
        return read(c);
    }
    // (No word of a lead-in starts as a month does: one that does has
    // no lead-in to read.)
    lead_ins(c).into_iter().find_map(read)
}

/// `(?i)^LEAD_IN?MONTH\.?$`: the month.
pub(super) fn month_only(t: &str) -> Option<&str> {
    let read = |c| month(c, |m, k: Cur<'_>| k.end().then_some(m));
    let c = Cur::new(t);
    if starts_as_month(c) {
        return read(c);
    }
    // (No word of a lead-in starts as a month does: one that does has
    // no lead-in to read.)
    lead_ins(c).into_iter().find_map(read)
}

/// `(?i)^MONTH\.?\s*(?:'?(\d{4}|\d{2}))?\s*(?:-|–|—|to|until|till)\s*MONTH\.?\s*[-/' ]?\s*(\d{4}|\d{2})$`:
/// (first month, its year if written, second month, year).
pub(super) fn month_range(t: &str) -> Option<(&str, Option<&str>, &str, &str)> {
    month(Cur::new(t), |m1, mut k| {
        k.ws();
        // `(?:'?(\d{4}|\d{2}))?`: digits only here can be its year.
        let mut y = k;
        y.lit("'");
        let n = y.digit_run();
        let y1 = if n == 4 || n == 2 {
            let s = y.i;
            y.i += n;
            k = y;
            Some(text(&k, s)?)
        } else {
            None
        };
        k.ws();
        if !["-", "–", "—"].iter().any(|s| k.lit(s))
            && !["to", "until", "till"].iter().any(|s| k.lit_ci(s))
        {
            return None;
        }
        k.ws();
        month(k, |m2, mut k| {
            k.ws();
            k.one_of(b"-/' ");
            k.ws();
            Some((m1, y1, m2, year_to_end(k)?))
        })
    })
}

/// `(?i)^(?:(?:by\s+)?(?:the\s+)?end\s+of\s+|by\s+)?q(?:uarter)?\s*([1-4])\s*(\d{4})(?:\s*[-/]\s*(\d{4}|\d{2}))?$`:
/// (quarter, year, second year if written).
pub(super) fn quarter(t: &str) -> Option<(&str, &str, Option<&str>)> {
    // `(?:(?:by\s+)?(?:the\s+)?end\s+of\s+|by\s+)?`
    let starts = with_lead_in(Cur::new(t), |mut k, out| {
        if k.lit_ci("end") && k.ws1() && k.lit_ci("of") && k.ws1() {
            out.push(k);
        }
    });
    starts.into_iter().find_map(|mut k| {
        if !k.lit_ci("q") {
            return None;
        }
        // `(?:uarter)?`: a digit, not a letter, must follow either way.
        k.lit_ci("uarter");
        k.ws();
        let q = k.i;
        if !k.one_of(b"1234") {
            return None;
        }
        let q = text(&k, q)?;
        k.ws();
        if k.digit_run() < 4 {
            return None;
        }
        let s = k.i;
        k.i += 4;
        let y = text(&k, s)?;
        if k.end() {
            return Some((q, y, None));
        }
        k.ws();
        if !k.one_of(b"-/") {
            return None;
        }
        k.ws();
        Some((q, y, Some(year_to_end(k)?)))
    })
}

/// `^(\d{4})\s*[-/–]\s*(\d{4}|\d{2})$`: (first year, second year).
pub(super) fn fin_year(t: &str) -> Option<(&str, &str)> {
    let mut c = Cur::new(t);
    if c.digit_run() != 4 {
        return None;
    }
    c.i = 4;
    c.ws();
    if !(c.one_of(b"-/") || c.lit("–")) {
        return None;
    }
    c.ws();
    Some((&t[..4], year_to_end(c)?))
}

/// `^(?:by\s+|end\s+of\s+)?(\d{4})$` (case and all): the year.
pub(super) fn year(t: &str) -> Option<&str> {
    let c = Cur::new(t);
    let mut by = c;
    let mut end = c;
    [
        (by.lit("by") && by.ws1()).then_some(by),
        (end.lit("end") && end.ws1() && end.lit("of") && end.ws1()).then_some(end),
        Some(c),
    ]
    .into_iter()
    .flatten()
    .find_map(|k| (k.digit_run() == 4 && k.i + 4 == k.b.len()).then(|| &t[k.i..]))
}

/// `regex-lite`'s `\w`: an ASCII letter, digit or underscore.
fn is_word(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_'
}

/// `\b` at byte `i` of `b`.
fn boundary(b: &[u8], i: usize) -> bool {
    let before = i > 0 && is_word(b[i - 1]);
    let after = b.get(i).is_some_and(|&c| is_word(c));
    before != after
}

/// A month and year inside prose, from where its match starts: (the match's
/// end, day if written, month, year). The expression:
/// `(?i)\b(?:(\d{1,2})(?:st|nd|rd|th)?\s+)?MONTH\.?\s*[-/' ]?\s*(\d{4}|\d{2})\b`.
type MonthYearMatch<'a> = (usize, Option<&'a str>, &'a str, &'a str);

fn month_year_at(t: &str, at: usize) -> Option<MonthYearMatch<'_>> {
    let b = t.as_bytes();
    if !boundary(b, at) {
        return None;
    }
    // The month and year from `c`, with the day before it if any.
    fn from<'a>(t: &'a str, c: Cur<'a>, day: Option<&'a str>) -> Option<MonthYearMatch<'a>> {
        month(c, |m, mut k| {
            k.ws();
            k.one_of(b"-/' ");
            k.ws();
            let n = k.digit_run();
            // `(\d{4}|\d{2})\b`: four digits first, then two.
            [4, 2].into_iter().find_map(|len| {
                (n >= len && boundary(k.b, k.i + len))
                    .then(|| Some((k.i + len, day, m, t.get(k.i..k.i + len)?)))
                    .flatten()
            })
        })
    }
    let c = Cur { b, i: at };
    // With a day first (its digits greedy, then its suffix), then without.
    let n = c.digit_run().min(2);
    for len in (1..=n).rev() {
        let mut k = Cur { b, i: at + len };
        let day = t.get(at..at + len);
        for s in ["st", "nd", "rd", "th"] {
            if k.lit_ci(s) {
                break;
            }
        }
        if k.ws1() {
            if let Some(m) = from(t, k, day) {
                return Some(m);
            }
        }
    }
    from(t, c, None)
}

/// Every month and year in prose, as `FIND_MONTH_YEAR.captures_iter` gave
/// them (leftmost first, not overlapping): (day if written, month, year).
pub(super) fn find_month_years(t: &str) -> Vec<(Option<&str>, &str, &str)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < t.len() {
        match month_year_at(t, i) {
            Some((end, d, m, y)) => {
                out.push((d, m, y));
                i = end;
            }
            None => i += 1,
        }
    }
    out
}

/// A financial year inside prose, as `captures_iter` of
/// `\b(20\d\d)\s*(?:/|-|–|to)\s*((?:20)?\d\d)\b` gives them, in
/// order: (the whole match, first year, second year).
pub(super) fn fin_years(t: &str) -> impl Iterator<Item = (&str, &str, &str)> {
    let b = t.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        while i + 4 <= b.len() {
            let at = i;
            i += 1;
            let twenty = b[at] == b'2'
                && b[at + 1] == b'0'
                && b[at + 2..at + 4].iter().all(u8::is_ascii_digit)
                && boundary(b, at);
            if !twenty {
                continue;
            }
            let mut c = Cur { b, i: at + 4 };
            c.ws();
            if !(c.one_of(b"/-") || c.lit("–") || c.lit("to")) {
                continue;
            }
            c.ws();
            let from = c.i;
            // `(?:20)?` first taken, then left out; `\b` after the digits.
            let end = [4, 2].into_iter().find(|&n| {
                b.get(from..from + n).is_some_and(|d| {
                    d.iter().all(u8::is_ascii_digit) && (n == 2 || d.starts_with(b"20"))
                }) && boundary(b, from + n)
            });
            if let Some(n) = end {
                i = from + n;
                return Some((&t[at..from + n], &t[at..at + 4], &t[from..from + n]));
            }
        }
        None
    })
}

#[cfg(test)]
mod tests {
    //! Each matcher against the expression it replaced, on texts built from
    //! the parts dates are written with (and the near misses around them).
    use super::*;
    use regex_lite::Regex;

    const MONTH_RE: &str = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?";
    const LEAD_IN: &str =
        r"(?:(?:by\s+)?(?:the\s+)?(?:end|beginning|start|early|mid|late)(?:\s+of)?\s+|by\s+)?";

    /// A match's groups, as texts.
    type Groups = Option<Vec<Option<String>>>;

    fn groups(re: &Regex, t: &str) -> Groups {
        re.captures(t).map(|c| {
            (1..c.len())
                .map(|i| c.get(i).map(|m| m.as_str().to_string()))
                .collect()
        })
    }

    fn s(x: &str) -> Option<String> {
        Some(x.to_string())
    }

    #[test]
    fn the_financial_years_in_prose_are_the_expression_s_matches() {
        let re = Regex::new(r"\b(20\d\d)\s*(?:/|-|–|to)\s*((?:20)?\d\d)\b").expect("pattern");
        let heads = [
            "",
            "Plan ",
            "x",
            "1",
            "_",
            "é",
            "Plan 2015 ",
            "(",
            "a2016/17 ",
        ];
        let firsts = ["2016", "2019", "1999", "201", "20167", "2O16", "2099"];
        let seps = [
            "/", "-", "–", "—", "to", "TO", " to ", "  /\t", "\n-\n", "\u{a0}-", " ", "", "t",
        ];
        let seconds = [
            "17", "2017", "201", "20", "2", "17x", "2017_", "1718", "20 17", "207", "7",
        ];
        let tails = ["", " ", ".", "x", "_", "é", "1", " and 2018-19", "/18"];
        let mut n = 0;
        for h in heads {
            for f in firsts {
                for sep in seps {
                    for s2 in seconds {
                        for tail in tails {
                            let t = format!("{h}{f}{sep}{s2}{tail}");
                            let want: Vec<(String, String, String)> = re
                                .captures_iter(&t)
                                .map(|c| (c[0].to_string(), c[1].to_string(), c[2].to_string()))
                                .collect();
                            let got: Vec<(String, String, String)> = fin_years(&t)
                                .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
                                .collect();
                            assert_eq!(got, want, "{t:?}");
                            n += usize::from(!want.is_empty());
                        }
                    }
                }
            }
        }
        assert!(n > 1000, "{n}");
    }

    #[test]
    fn the_update_reader_matches_where_its_expression_does() {
        let re = Regex::new(&format!(
            r"(?i)^\s*update[ds]?\s+(?:on\s+)?(?:(\d{{1,2}})(?:st|nd|rd|th)?\s+)?{MONTH_RE}\s*'?(\d{{4}}|\d{{2}})\b\s*[:\-–]?\s*"
        ))
        .expect("pattern");
        let mut n = 0;
        let heads = [
            "update ",
            "Updated on ",
            "UPDATES  ",
            "update on",
            "updatex ",
            " update\t",
            "Update on on ",
            "update",
        ];
        for (i, t) in corpus().iter().enumerate() {
            let h = heads[i % heads.len()];
            for tail in [": text", " - x", "–x", "x", "", "1", "_", " — y"] {
                let t = format!("{h}{t}{tail}");
                let slow = re.captures(&t).map(|c| {
                    (
                        c.get(1).map(|m| m.as_str()),
                        c.get(2).map_or("", |m| m.as_str()),
                        c.get(3).map_or("", |m| m.as_str()),
                        c.get(0).map_or(0, |m| m.end()),
                    )
                });
                n += usize::from(slow.is_some());
                assert_eq!(update_label(&t), slow, "{t:?}");
            }
        }
        assert!(n > 1000, "{n}");
    }

    #[test]
    fn the_dated_label_reader_matches_where_its_expression_does() {
        let re = Regex::new(&format!(
            r"(?i)^\s*(?:(\d{{1,2}})(?:st|nd|rd|th)?\s+)?{MONTH_RE}[\s\-]*'?(\d{{4}}|\d{{2}})\s*[:\-–—]\s*"
        ))
        .expect("pattern");
        let mut n = 0;
        for t in corpus().iter().step_by(3) {
            for tail in [
                ": text", " - x", "–x", " — y", "", ":", " :  z", "x", "-", ":\t",
            ] {
                let t = format!(" {t}{tail}");
                for t in [&t[1..], &t[..]] {
                    let slow = re.captures(t).map(|c| {
                        (
                            c.get(1).map(|m| m.as_str()),
                            c.get(2).map_or("", |m| m.as_str()),
                            c.get(3).map_or("", |m| m.as_str()),
                            c.get(0).map_or(0, |m| m.end()),
                        )
                    });
                    n += usize::from(slow.is_some());
                    assert_eq!(dated_label(t), slow, "{t:?}");
                }
            }
        }
        assert!(n > 1000, "{n}");
    }

    /// Texts from every combination of a few parts, and each of them cut
    /// short, doubled and with a stray character.
    fn corpus() -> Vec<String> {
        let leads = [
            "",
            "by ",
            "By the ",
            "the end of ",
            "End ",
            "mid ",
            "late of ",
            "beginning ",
            "by  the\tend of ",
            "Byend ",
            "of ",
            "1 ",
            "01 ",
            "1st ",
            "22nd ",
            "3rd of ",
            "31ST ",
            "4th",
            "123 ",
            "Q",
            "quarter ",
            "end of q",
        ];
        let months = [
            "jan",
            "Jan.",
            "January",
            "febuary",
            "mar",
            "March",
            "Apr",
            "april.",
            "may",
            "MAY",
            "jun",
            "June",
            "Jul",
            "july",
            "Aug",
            "august",
            "sep",
            "Sep.",
            "sept",
            "Sept.",
            "September",
            "sepember",
            "oct",
            "October",
            "nov",
            "November.",
            "dec",
            "December",
            "Juneto",
            "Septill",
            "Marchh",
            "",
            "1",
            "2",
            "4",
            "5",
            "2015",
        ];
        let mids = [
            "",
            " ",
            "  ",
            "-",
            " - ",
            "/",
            " '",
            ", ",
            ". ",
            " to ",
            "to",
            " till ",
            "–",
            " — ",
            "/ ",
            " 2014 to ",
            " '14 - ",
            " 15 to ",
            " to June ",
            "-Mar ",
        ];
        let years = [
            "",
            "15",
            "2015",
            "015",
            "20155",
            "'15",
            "1",
            "x",
            "2015/16",
            "2015-2016",
            "2015 - 17",
            "2015–16",
        ];
        let mut out = Vec::new();
        for l in leads {
            for m in months {
                for d in mids {
                    for y in years {
                        out.push(format!("{l}{m}{d}{y}"));
                    }
                }
            }
        }
        for extra in [
            "2014-06-01",
            "2014-6-01",
            "2014-06-1x",
            "1/6/2014",
            "01.06.14",
            "1/6/214",
            "1/6/",
            "123/6/2014",
            "1//2014",
            "2015-16",
            "2015 / 2016",
            "2015–16",
            "2015—16",
            "201516",
            "2015",
            "by 2015",
            "By 2015",
            "end of 2015",
            "end  of\t2015",
            "end 2015",
            "20150",
            "Q1 2015",
            "q4 2015/16",
            "Quarter 2 2016 - 17",
            "Q5 2015",
            "Q1 15",
            "Q12015",
            "Q1 20152016",
            "by the end of Q3 2015",
            "the end of q2 2015",
            "by q1 2015",
            "Jan 2015 to March 2016",
            "jan - mar 2015",
            "Jan '14 - Mar 15",
            "Dec 2014 till Feb 15",
            "é 2015",
            "March 2015é",
            "1st of July, 2014",
            "1st July,2014",
            "1 July '14",
        ] {
            out.push(extra.to_string());
        }
        let base: Vec<String> = out.iter().step_by(5).cloned().collect();
        for t in &base {
            if let Some((i, _)) = t.char_indices().last() {
                out.push(t[..i].to_string());
            }
            out.push(format!("{t} {t}"));
            out.push(format!("x{t}"));
        }
        out.retain(|t| !t.is_empty());
        out
    }

    #[test]
    fn the_prose_finder_finds_what_its_expression_found() {
        let re = crate::pattern::compile(&format!(
            r"(?i)\b(?:(\d{{1,2}})(?:st|nd|rd|th)?\s+)?{MONTH_RE}\s*[-/' ]?\s*(\d{{4}}|\d{{2}})\b"
        ));
        let mut texts = corpus();
        for p in [
            "Contract signed July 15 and reviewed 1st Aug 2016",
            "By June 2015, then 12 Sept. 2016; x3 May 17 and_May 18",
            "é June 2015é, 123 June 2015, June 201520 and March 20_",
            "Review in Dec-15/Jan 16 and 1st of May 2016",
        ] {
            texts.push(p.to_string());
        }
        let mut found = 0;
        for i in 0..texts.len().saturating_sub(1) {
            let t = format!("{} and {}", texts[i], texts[i + 1]);
            let want: Vec<Groups> = re
                .captures_iter(&t)
                .map(|c| {
                    Some(
                        (1..c.len())
                            .map(|k| c.get(k).map(|m| m.as_str().to_string()))
                            .collect(),
                    )
                })
                .collect();
            let got: Vec<Groups> = find_month_years(&t)
                .into_iter()
                .map(|(d, m, y)| Some(vec![d.and_then(s), s(m), s(y)]))
                .collect();
            assert_eq!(got, want, "{t:?}");
            found += want.len();
        }
        assert!(found > 10_000, "{found}");
    }

    #[test]
    fn every_matcher_gives_its_expression_s_groups() {
        let c = |p: &str| crate::pattern::compile(p);
        let dmy = c(&format!(
            r"(?i)^(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH_RE},?\s*'?(\d{{4}}|\d{{2}})$"
        ));
        let iso = c(r"^(\d{4})-(\d{2})-(\d{2})$");
        let num = c(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{4}|\d{2})$");
        let my = c(&format!(
            r"(?i)^{LEAD_IN}{MONTH_RE}\s*[-/' ]?\s*(\d{{4}}|\d{{2}})$"
        ));
        let mo = c(&format!(r"(?i)^{LEAD_IN}{MONTH_RE}$"));
        let range = c(&format!(
            r"(?i)^{MONTH_RE}\s*(?:'?(\d{{4}}|\d{{2}}))?\s*(?:-|–|—|to|until|till)\s*{MONTH_RE}\s*[-/' ]?\s*(\d{{4}}|\d{{2}})$"
        ));
        let yr = c(r"^(?:by\s+|end\s+of\s+)?(\d{4})$");
        let fin = c(r"^(\d{4})\s*[-/–]\s*(\d{4}|\d{2})$");
        let qu = c(
            r"(?i)^(?:(?:by\s+)?(?:the\s+)?end\s+of\s+|by\s+)?q(?:uarter)?\s*([1-4])\s*(\d{4})(?:\s*[-/]\s*(\d{4}|\d{2}))?$",
        );
        let texts = corpus();
        assert!(texts.len() > 100_000, "{}", texts.len());
        let mut matched = [0usize; 9];
        for t in &texts {
            let t = t.as_str();
            let checks: [(Groups, Groups); 9] = [
                (
                    groups(&iso, t),
                    iso_date(t).map(|(a, b, c)| vec![s(a), s(b), s(c)]),
                ),
                (
                    groups(&dmy, t),
                    day_month_year(t).map(|(a, b, c)| vec![s(a), s(b), s(c)]),
                ),
                (
                    groups(&num, t),
                    numeric_date(t).map(|(a, b, c)| vec![s(a), s(b), s(c)]),
                ),
                (groups(&my, t), month_year(t).map(|(a, b)| vec![s(a), s(b)])),
                (groups(&mo, t), month_only(t).map(|a| vec![s(a)])),
                (
                    groups(&range, t),
                    month_range(t).map(|(a, b, c, d)| vec![s(a), b.and_then(s), s(c), s(d)]),
                ),
                (groups(&yr, t), year(t).map(|a| vec![s(a)])),
                (groups(&fin, t), fin_year(t).map(|(a, b)| vec![s(a), s(b)])),
                (
                    groups(&qu, t),
                    quarter(t).map(|(a, b, c)| vec![s(a), s(b), c.and_then(s)]),
                ),
            ];
            for (k, (want, got)) in checks.into_iter().enumerate() {
                assert_eq!(got, want, "matcher {k} on {t:?}");
                matched[k] += usize::from(want.is_some());
            }
        }
        // The corpus reaches every shape (a comparison of two `None`s
        // proves nothing).
        assert!(matched.iter().all(|&n| n > 0), "{matched:?}");
    }
}
