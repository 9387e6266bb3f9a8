//! How one cell becomes several values: an action cell into its items
//! ([`items`]), a lead-and-timescale cell into (lead, due) pairs
//! ([`lead_due_pairs`]), and a reference printed at the start of an
//! action's text into its id ([`leading_id`]). Pure functions on strings;
//! `lists.rs` decides when to use them.

use std::sync::LazyLock;

use regex_lite::Regex;

use super::date::{self, DateContext};
use super::lists::split_lead_due;
use crate::plan::DueKind;

/// A list marker at the start of a paragraph: "a)", "(b)", "i.", "iv)",
/// "1.", "2)", "(3)". Not a reference such as "2.1" (that is an id).
static MARKER: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(
        r"^(?:\(?(?:[a-hj-z]|[ivx]{1,4}|\d{1,2})\)|(?:[a-hj-z]|[ivx]{1,4}|\d{1,2})\.)\s+",
    )
});

/// A reference printed at the start of an action: "2.1", "4.11", "C1.2",
/// "3a", "2a.1", "SAB 1.3" is not one (a word first). At least one digit;
/// a single number ("3 ") only with a letter or a dot part after it, so
/// that "3 children" or "12 audits" keep their number. ([`leading_id`]
/// reads it by hand, [`id_match`]; the tests compare the two.)
#[cfg(test)]
static LEADING_ID: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(
        r"^([A-Z]{0,2}\d{1,2}(?:[a-z]?(?:\.\d{1,2}[a-z]?)+\.?|[a-z]\b)|[A-Z]{1,2}\d{1,2})(?:\s*[:.)–-])?\s+",
    )
});

/// Labels that name what follows in a lead-and-timescale paragraph, at
/// its start or after a separator ("Lead: X / By: March 2012").
static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(
        r"(?i)(?:^|[/,;]\s*)(lead(?:\s+officer)?|owner|responsible|who|by\s+when|by|due|timescale|target(?:\s+date)?|deadline|date|when)\s*:\s*",
    )
});

/// The same labels capitalised after a space ("Jane Smith By: March
/// 2012"); "led by: [tba]" is text.
static CAPITAL_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::compile(
        r"\s(Lead|LEAD|Owner|By|BY|Due|Timescale|Target date|Target|Deadline|Date|When)\s*:\s*",
    )
});

/// A paragraph's list marker removed: "a) Audit cases" is "Audit cases".
/// `None` when it has none.
pub fn strip_marker(p: &str) -> Option<&str> {
    // A marker's ")" or "." is within its first six bytes, white space
    // right after it: most paragraphs are turned away without the pattern.
    let b = p.as_bytes();
    let may_be_marked = (0..b.len().min(6)).any(|i| {
        matches!(b[i], b')' | b'.')
            && b.get(i + 1)
                .is_some_and(|c| matches!(c, b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' '))
    });
    if !may_be_marked {
        return None;
    }
    MARKER.find(p).map(|m| p[m.end()..].trim_start())
}

/// The items of an action cell: its paragraphs, without their list
/// markers, when there are at least two and either all of them are list
/// items (bullets, Word lists, "a)", "i.", "1.") or none is. A cell that
/// mixes an introduction with a list ("The Board will:" then bullets) is
/// not a list of actions: `None`.
pub fn items(paras: &[String], listed: &[bool]) -> Option<Vec<String>> {
    if paras.len() < 2 {
        return None;
    }
    let marked: Vec<bool> = paras
        .iter()
        .enumerate()
        .map(|(i, p)| listed.get(i).copied().unwrap_or(false) || strip_marker(p).is_some())
        .collect();
    if marked.iter().all(|m| *m) {
        Some(
            paras
                .iter()
                .map(|p| strip_marker(p).unwrap_or(p).to_string())
                .collect(),
        )
    } else if marked.iter().all(|m| !m) {
        Some(paras.to_vec())
    } else {
        None
    }
}

/// Whether the paragraphs are a list written with markers or bullets (not
/// plain paragraphs).
pub fn is_marked_list(paras: &[String], listed: &[bool]) -> bool {
    paras.len() >= 2
        && paras
            .iter()
            .enumerate()
            .all(|(i, p)| listed.get(i).copied().unwrap_or(false) || strip_marker(p).is_some())
}

/// A reference at the start of an action's text: ("2.1", "Agree and
/// implement ...").
pub fn leading_id(text: &str) -> Option<(String, String)> {
    // An id starts with a capital or a digit and has a digit within its
    // first three bytes.
    let b = text.as_bytes();
    if !b
        .first()
        .is_some_and(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        || !b.iter().take(3).any(u8::is_ascii_digit)
    {
        return None;
    }
    let (id_end, end) = id_match(text.as_bytes())?;
    let id = text.get(..id_end)?.trim_end_matches('.').to_string();
    let rest = text.get(end..)?.trim_start();
    // The rest must be words, not a date or a number ("1.5 FTE" is no id
    // followed by an action; "2.1" alone is no action).
    if rest.is_empty() || !rest.starts_with(|c: char| c.is_alphabetic() || c == '(' || c == '"') {
        return None;
    }
    Some((id, rest.to_string()))
}

/// Where `LEADING_ID` (the tests keep it) matches `b`: (end of its group 1, end of the
/// match), read by hand (regex-lite's captures cost some 6,500
/// instructions a text). The pattern is
/// `^([A-Z]{0,2}\d{1,2}(?:[a-z]?(?:\.\d{1,2}[a-z]?)+\.?|[a-z]\b)|[A-Z]{1,2}\d{1,2})(?:\s*[:.)–-])?\s+`
/// (`\s`, `\d` and `\b` ASCII): the ends the group can take are tried in
/// the order its leftmost-first search prefers them (more of a greedy
/// part first, the first alternative first), and the first after which
/// the separator part matches wins.
fn id_match(b: &[u8]) -> Option<(usize, usize)> {
    let upper = b
        .iter()
        .take(2)
        .take_while(|c| c.is_ascii_uppercase())
        .count();
    let digits_at = |i: usize| {
        b.get(i..).map_or(0, |r| {
            r.iter().take(2).take_while(|c| c.is_ascii_digit()).count()
        })
    };
    let lower_at = |i: usize| b.get(i).is_some_and(u8::is_ascii_lowercase);
    let mut tail = |e: usize| id_tail(b, e).map(|end| (e, end));
    // `[A-Z]{0,2}\d{1,2}` then a dotted part or a letter.
    for letters in (0..=upper).rev() {
        for d in (1..=digits_at(letters)).rev() {
            let q = letters + d;
            // `[a-z]?(?:\.\d{1,2}[a-z]?)+\.?`
            for start in [q + 1, q] {
                if start == q + 1 && !lower_at(q) {
                    continue;
                }
                if let Some(m) = dotted(b, start, &mut tail) {
                    return Some(m);
                }
            }
            // `[a-z]\b`
            if lower_at(q)
                && !b
                    .get(q + 1)
                    .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'_')
            {
                if let Some(m) = tail(q + 1) {
                    return Some(m);
                }
            }
        }
    }
    // `[A-Z]{1,2}\d{1,2}`
    for letters in (1..=upper).rev() {
        for d in (1..=digits_at(letters)).rev() {
            if let Some(m) = tail(letters + d) {
                return Some(m);
            }
        }
    }
    None
}

/// `(?:\.\d{1,2}[a-z]?)+\.?` from `pos`, each way it can end offered to
/// `then` in the order the greedy parts prefer.
fn dotted<T>(b: &[u8], pos: usize, then: &mut impl FnMut(usize) -> Option<T>) -> Option<T> {
    if b.get(pos) != Some(&b'.') {
        return None;
    }
    let digits = b[pos + 1..]
        .iter()
        .take(2)
        .take_while(|c| c.is_ascii_digit())
        .count();
    for d in (1..=digits).rev() {
        let p = pos + 1 + d;
        for np in [p + 1, p] {
            if np == p + 1 && !b.get(p).is_some_and(u8::is_ascii_lowercase) {
                continue;
            }
            // Another part first, then the end here with `\.?`.
            if let Some(m) = dotted(b, np, then) {
                return Some(m);
            }
            if b.get(np) == Some(&b'.') {
                if let Some(m) = then(np + 1) {
                    return Some(m);
                }
            }
            if let Some(m) = then(np) {
                return Some(m);
            }
        }
    }
    None
}

/// `(?:\s*[:.)–-])?\s+` at `e`: where the match ends.
fn id_tail(b: &[u8], e: usize) -> Option<usize> {
    let space = |c: &u8| matches!(c, b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ');
    let spaces = |i: usize| {
        b.get(i..)
            .map_or(0, |r| r.iter().take_while(|c| space(c)).count())
    };
    let w = spaces(e);
    let mark = match b.get(e + w..) {
        Some([b':' | b'.' | b')' | b'-', ..]) => 1,
        Some([0xE2, 0x80, 0x93, ..]) => 3, // "–"
        _ => 0,
    };
    if mark > 0 {
        let after = e + w + mark;
        let w2 = spaces(after);
        if w2 > 0 {
            return Some(after + w2);
        }
    }
    (w > 0).then_some(e + w)
}

/// One paragraph of a lead-and-timescale cell as read: its lead, its date,
/// or both.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Part {
    lead: Option<String>,
    due: Option<String>,
}

/// Text without its labels ("Lead:", "By:", "Timescale:") and the
/// separators they leave at its ends.
fn unlabel(p: &str) -> String {
    // Every label ends with a colon, right after its last word ("lead",
    // "officer", "owner", "responsible", "who", "when", "by", "due",
    // "timescale", "target", "date", "deadline") and white space, and
    // stands where `may_have_label` says: an ASCII text with no colon so
    // placed has no label, and the patterns are not run. (Other text is
    // left to the patterns.)
    if !p.contains(':') || (p.is_ascii() && !may_have_label(p)) {
        return trim_separators(p);
    }
    let t = LABEL.replace_all(p, " ");
    let t = CAPITAL_LABEL.replace_all(&t, " ");
    trim_separators(&t)
}

/// Whether ASCII `p` may hold a label either pattern matches: a colon
/// after a label's last word and white space (`\s`, ASCII), ASCII case
/// aside, the word where a label can stand: at the start or after "/",
/// "," or ";" (`LABEL`), or after white space with a capital first
/// (`CAPITAL_LABEL`). The second words of two-word labels ("officer",
/// "when", "date") are taken as labels wherever they stand.
fn may_have_label(p: &str) -> bool {
    const LAST_WORDS: [&[u8]; 9] = [
        b"lead",
        b"owner",
        b"responsible",
        b"who",
        b"by",
        b"due",
        b"timescale",
        b"target",
        b"deadline",
    ];
    let b = p.as_bytes();
    let space = |c: u8| matches!(c, b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ');
    let trim_end = |mut end: usize| {
        while end > 0 && space(b[end - 1]) {
            end -= 1;
        }
        end
    };
    let ends_with =
        |end: usize, w: &[u8]| end >= w.len() && b[end - w.len()..end].eq_ignore_ascii_case(w);
    memchr::memchr_iter(b':', b).any(|c| {
        let end = trim_end(c);
        if [&b"officer"[..], b"when", b"date"]
            .iter()
            .any(|w| ends_with(end, w))
        {
            return true;
        }
        LAST_WORDS.iter().any(|w| {
            if !ends_with(end, w) {
                return false;
            }
            let i0 = end - w.len();
            let after_separator = i0 == 0 || {
                let e = trim_end(i0);
                e > 0 && matches!(b[e - 1], b'/' | b',' | b';')
            };
            let capital_after_space = i0 > 0 && space(b[i0 - 1]) && b[i0].is_ascii_uppercase();
            after_separator || capital_after_space
        })
    })
}

fn trim_separators(t: &str) -> String {
    // The words joined by single spaces, then the separators at the ends
    // dropped: copied again only when there are some.
    let folded = super::text::fold_space(t);
    let trimmed = folded.trim_matches(|c: char| {
        matches!(c, '/' | ',' | ';' | '–' | '-' | ':') || c.is_whitespace()
    });
    if trimmed.len() == folded.len() {
        folded
    } else {
        trimmed.to_string()
    }
}

/// Whether text names a date, a timescale or a date placeholder.
fn is_dateish(t: &str, ctx: &DateContext) -> bool {
    date::is_strict(t, ctx)
        || matches!(
            date::due_kind(t, ctx),
            DueKind::Ongoing | DueKind::Recurring | DueKind::Placeholder
        ) && t.split_whitespace().count() <= 4
}

/// The text after a date label that starts a paragraph ("Date:", "By:",
/// "Due:", "Target:", "Target date:", "Timescale:", "Deadline:", "When:"),
/// when no other label follows it.
fn date_labelled(p: &str) -> Option<&str> {
    let (label, rest) = p.trim().split_once(':')?;
    let label = label.trim().to_ascii_lowercase();
    const DATE_LABELS: &[&str] = &[
        "date",
        "by",
        "by when",
        "due",
        "due date",
        "target",
        "target date",
        "timescale",
        "timescales",
        "deadline",
        "when",
    ];
    let rest = rest.trim();
    (DATE_LABELS.contains(&label.as_str()) && !rest.is_empty() && !rest.contains(':'))
        .then_some(rest)
}

/// Read one paragraph: a trailing date ("Jane Smith March 2017"), a
/// leading one ("March 2017 – Head of Service"), a date alone or a lead
/// alone.
fn part(p: &str, ctx: &DateContext) -> Part {
    // A paragraph labelled as the date ("Date: Immediate", "Target:
    // Q2-Q3") is the due date, whatever words it is written in.
    if let Some(due) = date_labelled(p) {
        return Part {
            lead: None,
            due: Some(due.to_string()),
        };
    }
    let t = unlabel(strip_marker(p).unwrap_or(p));
    if t.is_empty() {
        return Part {
            lead: None,
            due: None,
        };
    }
    // A date first, then a separator and the lead ("March 2017 – Head
    // of Service", "31/03/2017, QA Sub-Group").
    // The head is a date only if the text starts as one can (or with a
    // bracketed remark, which the date reading drops): only then are the
    // words collected.
    let may_lead_with_date = date::may_start_date(&t) || t.starts_with(['(', '[']);
    let words: Vec<&str> = if may_lead_with_date {
        t.split_whitespace().collect()
    } else {
        Vec::new()
    };
    for k in (1..words.len()).rev() {
        // Only where a separator ends the head: parsing every prefix of
        // every paragraph as a date was a sixth of a batch's time.
        let separated = words[k - 1].ends_with([',', ';', '–', '-', '/', ':'])
            || matches!(words[k], "–" | "-" | "/" | ":" | "—");
        if !separated {
            continue;
        }
        let raw_head = words[..k].join(" ");
        let head = trim_separators(&raw_head);
        // (The rest is built only for a head that is a date.)
        if head.is_empty() || !date::is_strict(&head, ctx) {
            continue;
        }
        let rest = trim_separators(&words[k..].join(" "));
        if !rest.is_empty() && !is_dateish(&rest, ctx) {
            return Part {
                lead: Some(rest),
                due: Some(head),
            };
        }
    }
    let (lead, due) = split_lead_due(&t, ctx);
    if due.is_some() {
        // A placeholder ("tba") is both an unknown lead and an unknown
        // date, as it always was.
        let lead = lead.map(|l| trim_separators(&l)).filter(|l| !l.is_empty());
        return Part { lead, due };
    }
    Part {
        lead: Some(t),
        due: None,
    }
}

/// The (lead, due) pairs of a lead-and-timescale cell, one per date found,
/// in order. A paragraph may hold both ("Jane Smith, September 2016",
/// "Lead: X / By: March 2012", "March 2017 – Head of Service"), or they
/// alternate over paragraphs (lead, date, lead, date; or date, lead when
/// the cell starts with a date). A date with no lead of its own gets
/// `None` (the lead carry rule gives it the lead above); a lead over two
/// lines before its date is one lead; a lead with no date after it is a
/// pair of its own.
///
/// (The paragraphs are borrowed wherever the caller holds them.)
pub(super) fn lead_due_pairs<'p>(
    paras: impl IntoIterator<Item = &'p str>,
    ctx: &DateContext,
) -> Vec<(Option<String>, Option<String>)> {
    let parts: Vec<Part> = paras
        .into_iter()
        .map(|p| part(p, ctx))
        .filter(|p| p.lead.is_some() || p.due.is_some())
        .collect();
    let only_date = |p: &Part| p.lead.is_none() && p.due.is_some();
    let only_lead = |p: &Part| p.lead.is_some() && p.due.is_none();
    let date_first = parts.len() >= 2 && only_date(&parts[0]) && only_lead(&parts[1]);
    let mut out = Vec::new();
    let mut lead: Option<String> = None;
    let mut due: Option<String> = None;
    for p in parts {
        match (p.lead, p.due) {
            (Some(l), Some(d)) => {
                if let Some(l0) = lead.take() {
                    out.push((Some(l0), None));
                }
                if let Some(d0) = due.take() {
                    out.push((None, Some(d0)));
                }
                out.push((Some(l), Some(d)));
            }
            (None, Some(d)) if date_first => {
                if let Some(d0) = due.replace(d) {
                    out.push((None, Some(d0)));
                }
            }
            (None, Some(d)) => out.push((lead.take(), Some(d))),
            (Some(l), None) if date_first && due.is_some() => out.push((Some(l), due.take())),
            (Some(l), None) => {
                lead = Some(match lead.take() {
                    Some(l0) => format!("{l0}\n{l}"),
                    None => l,
                })
            }
            (None, None) => {}
        }
    }
    if let Some(l) = lead {
        out.push((Some(l), None));
    }
    if let Some(d) = due {
        out.push((None, Some(d)));
    }
    out
}

/// How many of a due cell's paragraphs are dates (or date placeholders).
pub fn dated_paragraphs(paras: &[String], ctx: &DateContext) -> usize {
    paras
        .iter()
        .filter(|p| is_dateish(&unlabel(p), ctx))
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx() -> DateContext {
        DateContext {
            start_year: Some(2016),
        }
    }

    fn v(s: &[&str]) -> Vec<String> {
        s.iter().map(|s| s.to_string()).collect()
    }

    fn pairs(s: &[&str]) -> Vec<(Option<String>, Option<String>)> {
        lead_due_pairs(s.iter().copied(), &ctx())
    }

    fn p(l: Option<&str>, d: Option<&str>) -> (Option<String>, Option<String>) {
        (l.map(str::to_string), d.map(str::to_string))
    }

    #[test]
    fn the_quick_tests_turn_away_only_what_the_patterns_would() {
        let heads = [
            "", "a", "(b", "iv", "(viii", "12", "(3", "C1", "AB12", "2.1", "4.11a", "C1.2", "2b",
            "x", "ABC1", "1", "é", "(",
        ];
        let tails = [
            ") ", ". ", ")\t", ".\n", ")", ".", ":  ", " – ", ") x", " Agree", "Agree",
        ];
        for h in heads {
            for t in tails {
                for rest in ["Audit cases", "2016", "", "(with partners)"] {
                    let p = format!("{h}{t}{rest}");
                    let marker = MARKER.find(&p).map(|m| p[m.end()..].trim_start());
                    assert_eq!(strip_marker(&p), marker, "{p:?}");
                    // The pattern alone, with the same check of what follows.
                    let slow = LEADING_ID.captures(&p).and_then(|c| {
                        let rest = p[c.get(0)?.end()..].trim_start();
                        (!rest.is_empty()
                            && rest
                                .starts_with(|c: char| c.is_alphabetic() || c == '(' || c == '"'))
                        .then_some(())
                    });
                    assert_eq!(leading_id(&p).is_some(), slow.is_some(), "{p:?}");
                }
            }
        }
    }

    #[test]
    fn the_id_reader_matches_where_the_pattern_does() {
        let heads = ["", "A", "AB", "ABC", "a", "Ab", "é"];
        let numbers = ["1", "12", "123", ""];
        let middles = [
            "", "a", "ab", ".1", ".12", ".123", ".1a", ".1ab", ".1.2", ".12b.3", "a.1", ".", "..",
            ".1.", ".1..", "a.", ".a", "_", "a_", ".1a.2b.",
        ];
        let tails = [
            " ", "  ", ":", ": ", " :  ", ")", ") ", "–", " – ", "—", "-", "\t", " - ", ".", ". ",
            "\u{0B}", ":\n",
        ];
        for h in heads {
            for n in numbers {
                for m in middles {
                    for t in tails {
                        for rest in ["Agree", "2016", "", "(x)", "é"] {
                            let p = format!("{h}{n}{m}{t}{rest}");
                            let slow = LEADING_ID
                                .captures(&p)
                                .and_then(|c| Some((c.get(1)?.end(), c.get(0)?.end())));
                            assert_eq!(id_match(p.as_bytes()), slow, "{p:?}");
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn text_turned_away_before_the_label_patterns_has_no_label() {
        let befores = [
            "", "x", "x/", "x, ", "x;", "led ", "Jane ", "a/ ", "Jane\t", "x/y ",
        ];
        let labels = [
            "lead",
            "Lead",
            "LEAD",
            "officer",
            "lead officer",
            "Lead  Officer",
            "owner",
            "Owner",
            "responsible",
            "by",
            "By",
            "BY",
            "by when",
            "due",
            "Due",
            "timescale",
            "Timescale",
            "target",
            "Target",
            "Target date",
            "deadline",
            "Deadline",
            "date",
            "Date",
            "when",
            "When",
            "who",
            "Who",
            "xby",
            "led by",
            "bye",
            "Byline",
            "Dueling",
        ];
        for b in befores {
            for l in labels {
                for sp in ["", " ", "  "] {
                    for rest in [" March 2017", "", ": x"] {
                        let p = format!("{b}{l}{sp}:{rest}");
                        if !may_have_label(&p) {
                            assert!(!LABEL.is_match(&p) && !CAPITAL_LABEL.is_match(&p), "{p:?}");
                        }
                    }
                }
            }
        }
        assert!(!may_have_label(
            "Supervision task and finish group led by: [tba]"
        ));
    }

    #[test]
    fn markers_are_stripped_from_items() {
        assert_eq!(strip_marker("a) Audit cases"), Some("Audit cases"));
        assert_eq!(strip_marker("(b) Audit"), Some("Audit"));
        assert_eq!(strip_marker("iv. Review"), Some("Review"));
        assert_eq!(strip_marker("2) Publish"), Some("Publish"));
        assert_eq!(strip_marker("12. Publish"), Some("Publish"));
        assert_eq!(strip_marker("2.1 Agree"), None);
        assert_eq!(strip_marker("Audit cases"), None);
        assert_eq!(strip_marker("I will"), None);
    }

    #[test]
    fn a_cell_is_a_list_when_all_or_none_of_its_paragraphs_are_marked() {
        let plain = v(&["Audit cases", "Publish the findings"]);
        assert_eq!(items(&plain, &[false, false]), Some(plain.clone()));
        assert_eq!(
            items(&v(&["a) Audit cases", "b) Publish"]), &[]),
            Some(v(&["Audit cases", "Publish"]))
        );
        assert_eq!(
            items(&v(&["Audit cases", "Publish"]), &[true, true]),
            Some(v(&["Audit cases", "Publish"]))
        );
        // An introduction and a list: not a list of actions.
        assert_eq!(
            items(&v(&["The Board will:", "1. Audit", "2. Publish"]), &[]),
            None
        );
        assert_eq!(items(&v(&["One action"]), &[false]), None);
        assert!(is_marked_list(&v(&["i. A", "ii. B"]), &[]));
        assert!(!is_marked_list(&plain, &[false, false]));
    }

    #[test]
    fn references_at_the_start_of_an_action_are_its_id() {
        let id = leading_id;
        assert_eq!(
            id("2.1 Agree and implement the protocol"),
            Some(("2.1".into(), "Agree and implement the protocol".into()))
        );
        assert_eq!(
            id("4.11 Continue audits"),
            Some(("4.11".into(), "Continue audits".into()))
        );
        assert_eq!(
            id("C1.2 Review the policy"),
            Some(("C1.2".into(), "Review the policy".into()))
        );
        assert_eq!(
            id("3a Launch the toolkit"),
            Some(("3a".into(), "Launch the toolkit".into()))
        );
        assert_eq!(id("2.1. Agree"), Some(("2.1".into(), "Agree".into())));
        assert_eq!(id("2.1: Agree"), Some(("2.1".into(), "Agree".into())));
        assert_eq!(id("2a.1 Agree"), Some(("2a.1".into(), "Agree".into())));
        // Numbers that are part of the text.
        assert_eq!(id("3 children's homes inspected"), None);
        assert_eq!(id("12 audits a year"), None);
        assert_eq!(
            id("1.5 FTE posts"),
            Some(("1.5".into(), "FTE posts".into()))
        );
        assert_eq!(id("2.1"), None);
        assert_eq!(id("31/03/2017 review"), None);
        assert_eq!(id("Review 2.1"), None);
    }

    #[test]
    fn leads_and_dates_alternating_over_paragraphs_pair_in_order() {
        assert_eq!(
            pairs(&["Jane Smith", "March 2017", "Tom Brown", "June 2017"]),
            vec![
                p(Some("Jane Smith"), Some("March 2017")),
                p(Some("Tom Brown"), Some("June 2017"))
            ]
        );
        // The date first.
        assert_eq!(
            pairs(&["March 2017", "Jane Smith", "June 2017", "Tom Brown"]),
            vec![
                p(Some("Jane Smith"), Some("March 2017")),
                p(Some("Tom Brown"), Some("June 2017"))
            ]
        );
    }

    #[test]
    fn a_paragraph_labelled_as_the_date_is_the_date() {
        assert_eq!(
            pairs(&["Lead: Designated Doctor", "Date: Immediate"]),
            vec![p(Some("Designated Doctor"), Some("Immediate"))]
        );
        assert_eq!(
            pairs(&["Lead: Chief Nurse", "Date: Friday 31 January 2020"]),
            vec![p(Some("Chief Nurse"), Some("Friday 31 January 2020"))]
        );
        assert_eq!(
            pairs(&["Lead: Head of Safeguarding", "Target: Q2-Q3"]),
            vec![p(Some("Head of Safeguarding"), Some("Q2-Q3"))]
        );
        // A label with another after it is read as before.
        assert_eq!(pairs(&["By: March 2012 Lead: Jane Smith"]).len(), 1);
    }

    #[test]
    fn labelled_and_one_paragraph_pairs() {
        assert_eq!(
            pairs(&[
                "Lead: Jane Smith / By: March 2012",
                "Lead: QA Sub-Group / By: June 2012"
            ]),
            vec![
                p(Some("Jane Smith"), Some("March 2012")),
                p(Some("QA Sub-Group"), Some("June 2012"))
            ]
        );
        assert_eq!(
            pairs(&["March 2017 – Head of Service"]),
            vec![p(Some("Head of Service"), Some("March 2017"))]
        );
        assert_eq!(
            pairs(&["Jane Smith, September 2016"]),
            vec![p(Some("Jane Smith"), Some("September 2016"))]
        );
        assert_eq!(
            pairs(&["Jane Smith By: March 2012"]),
            vec![p(Some("Jane Smith"), Some("March 2012"))]
        );
        assert_eq!(
            pairs(&["Supervision task and finish group led by: [tba]"]),
            vec![p(
                Some("Supervision task and finish group led by: [tba]"),
                None
            )]
        );
        assert_eq!(pairs(&["tba"]), vec![p(Some("tba"), Some("tba"))]);
        assert_eq!(
            pairs(&["QA Sub Group"]),
            vec![p(Some("QA Sub Group"), None)]
        );
    }

    #[test]
    fn one_lead_for_several_dates() {
        assert_eq!(
            pairs(&["LSCB Business Manager", "September 2016", "December 2016"]),
            vec![
                p(Some("LSCB Business Manager"), Some("September 2016")),
                p(None, Some("December 2016"))
            ]
        );
        // A lead over two lines before its date is one lead.
        assert_eq!(
            pairs(&["Jane Smith", "Head of Service", "March 2017"]),
            vec![p(Some("Jane Smith\nHead of Service"), Some("March 2017"))]
        );
    }

    #[test]
    fn dated_paragraphs_count() {
        assert_eq!(
            dated_paragraphs(&v(&["March 2017", "By: June 2017", "ongoing"]), &ctx()),
            3
        );
        assert_eq!(dated_paragraphs(&v(&["Jane Smith"]), &ctx()), 0);
    }
}
