//! Owners ("Who will lead?"): split into names, flag placeholders and
//! unconfirmed names.
//!
//! A placeholder is not an owner ("?", "??", "tba", "[to be advised]",
//! "Task and finish group [lead to be advised]"); an unconfirmed owner is a
//! name marked with "?" ("Rachel Garton?", "Chair of DVSG via David
//! Sandall?"). Names are split on line breaks, "/", ";", "&" and " and ",
//! except where "and" joins words of one name: a phrase listed as a
//! `compound` in `owners.txt` ("Task and Finish Group"), one word joined to
//! a name that ends in an organisation or role word ("Health and Wellbeing
//! Board", "Office of the Police and Crime Commissioner"), or two short
//! domains after "of" ("Head of Safeguarding and Quality Assurance").
//! "Lesley Hagger and Tim O Neil" and "LSCB Chair and SAB Chair" are two.

use std::sync::LazyLock;

use crate::plan::Lead;

/// Owner texts that mean "nobody yet" (compared folded, brackets dropped).
const PLACEHOLDERS: &[&str] = &[
    "tba",
    "tbc",
    "tbd",
    "to be advised",
    "to be confirmed",
    "to be agreed",
    "to be decided",
    "lead to be advised",
    "lead tba",
    "owner tba",
    "not yet agreed",
    "unknown",
    "n/a",
    "n/k",
    "not known",
    "name",
    "owner",
    "lead",
];

/// Marks that point to a footnote, at the end of a name or a date.
pub(crate) const FOOTNOTE_MARKS: &[char] = &[
    '*', '†', '‡', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹', '⁰',
];

/// How names join with "and": the word lists of `owners.txt` (data).
struct Joins {
    /// Phrases joined by "and" that name one owner, each also written
    /// with " & " and "&" for "and" (built once, not at every cut).
    compounds: Vec<String>,
    /// Where a separator that [`next_separator`] finds (" and " or "&")
    /// may lie in each compound (byte offsets, in the order of
    /// `compounds`): its "&"s, and its spaces that start " and " (or what
    /// of it fits before the compound's end). At another space the text's
    /// " and " would differ from the compound.
    compound_seps: Vec<Vec<usize>>,
    /// Words that end an organisation's name.
    organisations: Vec<String>,
    /// Words that end a person's role.
    roles: Vec<String>,
}

static JOINS: LazyLock<Joins> = LazyLock::new(|| {
    let mut j = Joins {
        compounds: Vec::new(),
        compound_seps: Vec::new(),
        organisations: Vec::new(),
        roles: Vec::new(),
    };
    for line in include_str!("owners.txt").lines() {
        let line = line.split('#').next().unwrap_or_default().trim();
        let Some((kind, words)) = line.split_once(':') else {
            continue;
        };
        let list = match kind.trim() {
            "compound" => &mut j.compounds,
            "organisation" => &mut j.organisations,
            "role" => &mut j.roles,
            _ => continue,
        };
        list.extend(
            words
                .split('|')
                .map(|w| w.trim().to_lowercase())
                .filter(|w| !w.is_empty()),
        );
    }
    j.compounds = j
        .compounds
        .iter()
        .flat_map(|c| {
            [
                c.clone(),
                c.replace(" and ", " & "),
                c.replace(" and ", "&"),
            ]
        })
        .collect();
    j.compound_seps = j
        .compounds
        .iter()
        .map(|c| {
            c.bytes()
                .enumerate()
                .filter(|&(o, b)| {
                    let rest = &c.as_bytes()[o..];
                    b == b'&'
                        || (b == b' ' && (rest.starts_with(b" and ") || b" and ".starts_with(rest)))
                })
                .map(|(o, _)| o)
                .collect()
        })
        .collect();
    j
});

/// Whether a word ends an organisation's name or a role ("Board", "Chair").
fn is_head(word: &str) -> bool {
    let w = word
        .trim_matches(|c: char| !c.is_alphanumeric() && c != '-')
        .to_lowercase();
    JOINS.organisations.contains(&w) || JOINS.roles.contains(&w)
}

/// Whether a text reads as a person's name: two or three words, each
/// starting with a capital, none a role or an organisation word or an
/// acronym ("Helen Marsh", "Dr Nadia Rahman"; not "Named Nurse", "QA Lead").
fn is_persons_name(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    (2..=3).contains(&words.len())
        && words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                && !is_head(w)
                && !is_acronym(w)
                && w.chars()
                    .all(|c| c.is_alphabetic() || matches!(c, '\'' | '-' | '.'))
        })
}

/// Whether a word is an acronym ("OMG", "LSCB"): a name of its own.
fn is_acronym(word: &str) -> bool {
    let letters: Vec<char> = word.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase())
}

/// Whether " and " at a cut joins two words of one name: "Health and
/// Wellbeing Board", "Office of the Police and Crime Commissioner" (one
/// word, then a name ending in an organisation or role word), "Head of
/// Safeguarding and Quality Assurance" (two short domains after "of").
/// `left` is the text before the cut back to the previous one, `right`
/// the text after it up to the next.
fn joins_one_name(left: &str, right: &str) -> bool {
    let left_words: Vec<&str> = left.split_whitespace().collect();
    // The conjunct: the words after the last "of", "the", "for" or ",".
    let from = left_words
        .iter()
        .rposition(|w| {
            matches!(w.to_lowercase().as_str(), "of" | "the" | "for" | "to") || w.ends_with(',')
        })
        .map_or(0, |i| i + 1);
    let after_of = left_words[..from]
        .iter()
        .any(|w| w.eq_ignore_ascii_case("of"));
    let conjunct = &left_words[from..];
    let right_words: Vec<&str> = right.split_whitespace().collect();
    let [word] = conjunct else {
        return false;
    };
    // The last item of a list ("Police, Health and Local Authority"): the
    // word after a comma is a name of its own, as the "and" ends the list.
    // Not after a role ("Chair, Children and Families Board": the board's
    // chair), nor after a long item (a name with its organisation).
    if from > 0 && left_words[from - 1].ends_with(',') {
        let items = left_words[..from].join(" ");
        let listed = items.split(',').filter(|i| !i.trim().is_empty()).all(|i| {
            let words: Vec<&str> = i.split_whitespace().collect();
            words.len() <= 3
                && !words.iter().any(|w| w.eq_ignore_ascii_case("of"))
                && words
                    .last()
                    .is_none_or(|w| !JOINS.roles.contains(&w.to_lowercase()))
        });
        if listed {
            return false;
        }
    }
    let Some(last) = right_words.last() else {
        return false;
    };
    // A working group named by two subjects ("QA and Performance
    // sub-group", "Learning and Development Group"): an acronym joins too,
    // as a body's name would not ("CCG and Local Authority").
    let group = matches!(
        last.to_lowercase().as_str(),
        "group" | "sub-group" | "subgroup" | "committee" | "panel" | "forum"
    );
    if group && is_acronym(word) && right_words.len() >= 2 {
        return true;
    }
    if !word.starts_with(char::is_uppercase) || is_acronym(word) || is_head(word) {
        return false;
    }
    is_head(last) || (after_of && right_words.len() <= 3 && !right_words.iter().any(|w| is_head(w)))
}

fn fold(s: &str) -> String {
    // One pass, one string: the words (runs of letters, digits and "/")
    // joined by single spaces. An ASCII byte is its own character, lower
    // cased as one byte; only a non-ASCII character is decoded and lower
    // cased as `char::to_lowercase` does (which may give several).
    let mut out = String::with_capacity(s.len());
    let mut gap = false;
    let mut keep = |c: char, out: &mut String| {
        if c.is_alphanumeric() || c == '/' {
            if gap && !out.is_empty() {
                out.push(' ');
            }
            gap = false;
            out.push(c);
        } else {
            gap = true;
        }
    };
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] < 0x80 {
            keep(char::from(b[i].to_ascii_lowercase()), &mut out);
            i += 1;
        } else {
            let Some(c) = s[i..].chars().next() else {
                break;
            };
            for l in c.to_lowercase() {
                keep(l, &mut out);
            }
            i += c.len_utf8();
        }
    }
    out
}

/// Whether trimmed `t` may be a form's prompt ([`super::text::is_form_prompt`]):
/// every prompt starts, lower cased, with "cli", "cho", "tap", "sel",
/// "<en" or "ent", and the prompt test reads `t` from its start (without
/// only its end's dots), so a text whose first three bytes are ASCII and
/// none of these, ASCII case aside, is none; so is a text shorter than
/// three bytes (every prompt is longer). A text with a non-ASCII byte
/// among its first three is left to the full test.
pub(super) fn may_be_form_prompt(t: &str) -> bool {
    match t.as_bytes().get(..3) {
        Some(head) if head.is_ascii() => [b"cli", b"cho", b"tap", b"sel", b"<en", b"ent"]
            .iter()
            .any(|p| head.eq_ignore_ascii_case(&p[..])),
        Some(_) => true,
        None => false,
    }
}

/// Whether trimmed `t` may fold ([`fold`]) to a text that makes it a
/// placeholder, told without folding it: a phrase of [`PLACEHOLDERS`]
/// (each starts with "l", "o", "n" or "u", or with "to" or "tb"), X's, or
/// a text holding "to be advised", "to be confirmed" or "tba", "tbc",
/// "tbd" as a word (none without "to" or "tb", ASCII case aside, in `t`:
/// the folded text holds two letters side by side only where `t` does,
/// and only ASCII letters lower-case to an ASCII "t", "o" or "b"). The folded text
/// starts with the first letter, digit or "/" of `t`, lower cased; only
/// "K" and "İ" of other characters lower-case to ASCII letters (to "k"
/// and "i"), so the test holds for any text; a text whose first such
/// character is not ASCII is left to the full test.
fn may_fold_to_placeholder(t: &str) -> bool {
    match t.chars().find(|c| c.is_alphanumeric() || *c == '/') {
        Some(c) if c.is_ascii() => {
            matches!(c.to_ascii_lowercase(), 'l' | 'o' | 'n' | 'u' | 'x') || {
                // "to" or "tb", ASCII case aside: one search for the "t"s.
                let b = t.as_bytes();
                memchr::memchr2_iter(b't', b'T', b).any(|i| {
                    b.get(i + 1)
                        .is_some_and(|&c| matches!(c.to_ascii_lowercase(), b'o' | b'b'))
                })
            }
        }
        _ => true,
    }
}

/// Whether an owner text is a placeholder rather than an owner.
pub fn is_placeholder(raw: &str) -> bool {
    let t = raw.trim();
    if t.is_empty() {
        return false;
    }
    if t.chars().all(|c| c == '?' || c.is_whitespace()) {
        return true;
    }
    if may_be_form_prompt(t) && super::text::is_form_prompt(t) {
        return true;
    }
    // A template's slot ("<<owner>>", "<Name>"), an instruction to fill
    // one in ("Insert name"), a role cut short ("Head of ..."): told from
    // `t` itself.
    let slot = || {
        t.as_bytes().windows(2).any(|w| w == b"<<")
            || (t.starts_with('<') && t.ends_with('>'))
            || crate::pattern::starts_with_ci(t, "insert ")
            || t.ends_with("...")
            || t.ends_with('\u{2026}')
    };
    if !may_fold_to_placeholder(t) {
        return slot();
    }
    let f = fold(t);
    if PLACEHOLDERS.contains(&f.as_str()) {
        return true;
    }
    // A slot (above), or X's.
    if slot() || (f.len() >= 2 && f.bytes().all(|b| b == b'x')) {
        return true;
    }
    // A bracketed "to be advised" anywhere, or "tba"/"tbc"/"tbd" as a
    // word (words in `f` are parted by single spaces). Each starts with
    // "t": one look at each "t" of `f` tests all three.
    let fb = f.as_bytes();
    memchr::memchr_iter(b't', fb).any(|i| {
        let at = &fb[i..];
        at.starts_with(b"to be advised")
            || at.starts_with(b"to be confirmed")
            || ((i == 0 || fb[i - 1] == b' ')
                && at.len() >= 3
                && at[1] == b'b'
                && matches!(at[2], b'a' | b'c' | b'd')
                && at.get(3).is_none_or(|&c| c == b' '))
    })
}

/// Whether an owner is named with a word that hedges it ("Probably Comms
/// team", "Maybe the QA group"): someone is named, not yet agreed.
fn hedged(raw: &str) -> bool {
    // Compared ASCII case aside, without a lower-case copy.
    let first = raw.split_whitespace().next().unwrap_or_default();
    let first = first.trim_end_matches(',');
    [
        "probably",
        "possibly",
        "likely",
        "maybe",
        "perhaps",
        "provisionally",
    ]
    .iter()
    .any(|w| first.eq_ignore_ascii_case(w))
}

/// Read an owner cell. `None` for an empty cell.
pub fn parse_lead(raw: &str) -> Option<Lead> {
    let raw = raw.trim();
    if raw.is_empty() {
        return None;
    }
    let mut raw_placeholder = None;
    let names = names_noting(raw, &mut raw_placeholder);
    // A name with a bracket that says it is not yet confirmed ("Education
    // Safeguarding Adviser (to be confirmed)", "Jane Smith (tbc)") is an
    // unconfirmed owner, not a placeholder: someone is named.
    let proposed = !names.is_empty() && (awaits_confirmation(raw) || hedged(raw));
    let placeholder = !proposed && raw_placeholder.unwrap_or_else(|| is_placeholder(raw));
    // Without a "?" (most texts) only a proposed name is unconfirmed: the
    // trimmed, non-empty text is then not all "?" and white space, and
    // neither it nor any part ends with "?".
    let unconfirmed = proposed
        || memchr::memchr(b'?', raw.as_bytes()).is_some()
            && !raw.chars().all(|c| c == '?' || c.is_whitespace())
            && (raw.ends_with('?')
                || raw
                    .split(['\n', '/', ';'])
                    .any(|part| part.trim().ends_with('?')));
    Some(Lead {
        raw: raw.to_string(),
        names,
        unconfirmed,
        placeholder,
    })
}

/// Whether a bracket in an owner text says the name waits for
/// confirmation ("(tbc)", "(to be confirmed)", "[provisional]"), without
/// saying the lead itself is still to be found ("[lead to be advised]").
fn awaits_confirmation(raw: &str) -> bool {
    const SAYS: &[&str] = &[
        "tbc",
        "to be confirmed",
        "to be agreed",
        "tbc?",
        "provisional",
        "proposed",
        "subject to confirmation",
        "awaiting confirmation",
        "unconfirmed",
        "not confirmed",
        "not yet confirmed",
        "pending",
        "pending confirmation",
    ];
    let mut rest = raw;
    while let Some(open) = rest.find(['(', '[']) {
        let close = if rest[open..].starts_with('(') {
            ')'
        } else {
            ']'
        };
        let Some(len) = rest[open + 1..].find(close) else {
            return false;
        };
        let inner = rest[open + 1..open + 1 + len].trim().to_lowercase();
        if SAYS.contains(&inner.as_str()) {
            return true;
        }
        rest = &rest[open + 1 + len + 1..];
    }
    false
}

/// Split an owner text into names where it can.
pub fn split_names(raw: &str) -> Vec<String> {
    names_noting(raw, &mut None)
}

/// [`split_names`], noting in `raw_placeholder` whether `raw` is a
/// placeholder when a name tested is `raw` itself (a one-name text, most
/// of them), so that [`parse_lead`] does not test it again.
fn names_noting(raw: &str, raw_placeholder: &mut Option<bool>) -> Vec<String> {
    let text = drop_remarks(raw);
    let mut out = Vec::new();
    for part in outside_brackets(&text, |c| matches!(c, b'\n' | b'/' | b';')) {
        let names = split_and(part);
        // A list whose last two names "and" joins: "Police, Health and LA"
        // is three. A comma with no such "and" is part of one name ("Chair,
        // QA sub-group"; "Named Nurse, Acute Trust").
        // Short names only (one or two words each, as "Police", "Health",
        // "LA"): "Jan Norman, Director of Nursing, NHS Milton Keynes" is
        // one person's name, role and organisation.
        // A role or body of up to four words counts as short too
        // ("Partnership Business Manager, Police and Schools").
        // A role "of" something is no list item ("Head of Service, Children
        // in Care": a head of service and the service).
        let short = |p: &str| {
            let n = p.split_whitespace().count();
            (1..=2).contains(&n)
                || ((3..=4).contains(&n)
                    && p.split_whitespace().last().is_some_and(is_head)
                    && !p.split_whitespace().any(|w| w.eq_ignore_ascii_case("of")))
        };
        let listed = names.len() >= 2
            && names[..names.len() - 1].iter().any(|n| n.contains(','))
            && names[..names.len() - 1]
                .iter()
                .all(|n| outside_brackets(n, |c| c == b',').iter().all(|p| short(p)))
            && names.last().is_some_and(|n| short(n));
        // (Every name is a slice of `text`: borrowed, not copied, until
        // its folded form is written out.)
        let names: Vec<&str> = if listed {
            let mut split = Vec::with_capacity(names.len() + 2);
            for (i, n) in names.iter().enumerate() {
                if i + 1 < names.len() {
                    split.extend(outside_brackets(n, |c| c == b','));
                } else {
                    split.push(*n);
                }
            }
            split
        } else {
            // People's names joined by commas alone ("Helen Marsh, Amira
            // Haddad"): each part two or three capitalised words, none a
            // role or an organisation word, no "of" ("Jan Norman, Director
            // of Nursing" and "Fenwick, Lucy" stay one).
            // (Pushed into one Vec: a Vec for each name was an allocation
            // a name.)
            // (With no comma anywhere, the names are as they are.)
            if !names.iter().any(|n| n.contains(',')) {
                names
            } else {
                let mut split = Vec::with_capacity(names.len());
                for n in names {
                    // (With no comma, `n` is its one part.)
                    if !n.contains(',') {
                        split.push(n);
                        continue;
                    }
                    let parts = outside_brackets(n, |c| c == b',');
                    if parts.len() >= 2 && parts.iter().all(|p| is_persons_name(p)) {
                        split.extend(parts.into_iter().map(str::trim));
                    } else {
                        split.push(n);
                    }
                }
                split
            }
        };
        for name in names {
            // Footnote markers ("Designated Nurse*", "Head of Safeguarding
            // (CCG)¹") are not part of the name.
            let name = name
                .trim()
                .trim_end_matches(FOOTNOTE_MARKS)
                .trim_end_matches(['?', ',', '.', ' '])
                .trim_start_matches(['-', '–', ':', ' '])
                .trim();
            let name = match without_contact(name) {
                // What is left before the contact details cut off.
                std::borrow::Cow::Owned(n) => super::text::fold_space(&n)
                    .trim_end_matches([',', '-', '–', ':', ' '])
                    .to_string(),
                std::borrow::Cow::Borrowed(n) => super::text::fold_space(n),
            };
            if name.is_empty() {
                continue;
            }
            let placeholder = is_placeholder(&name);
            if name == raw {
                *raw_placeholder = Some(placeholder);
            }
            if !placeholder && !out.contains(&name) {
                out.push(name);
            }
        }
    }
    out
}

/// An owner text without its bracketed remarks: a placeholder ("[lead to
/// be advised]", "(tbc)"), a question ("(?)"), a date or timescale ("(by
/// June 2017)") or an unclosed bracket. A bracket that says which one
/// ("Head of Service (CSC)", "Principal Social Worker (Adults)", "LSCB
/// Business Manager (interim)") is part of the name and stays.
fn drop_remarks(raw: &str) -> std::borrow::Cow<'_, str> {
    if !raw.contains(['(', '[']) {
        return std::borrow::Cow::Borrowed(raw);
    }
    let mut text = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(open) = rest.find(['(', '[']) {
        text.push_str(&rest[..open]);
        let close_char = if rest[open..].starts_with('(') {
            ')'
        } else {
            ']'
        };
        let Some(len) = rest[open + 1..].find(close_char) else {
            // Unclosed: the rest is a remark cut off.
            rest = "";
            break;
        };
        let inner = &rest[open + 1..open + 1 + len];
        let remark = inner.contains('?')
            || inner.contains(['(', '['])
            || without_contact(inner).is_empty()
            || is_placeholder(inner)
            || crate::layout::content::is_dated(inner)
            || {
                let lower = inner.trim_start().to_ascii_lowercase();
                // When, or who else is involved: not which owner.
                [
                    "by ",
                    "from ",
                    "until ",
                    "due ",
                    "to be ",
                    "with ",
                    "via ",
                    "through ",
                    "supported by",
                    "coordinated by",
                    "co-ordinated by",
                    "led by",
                    "in ",
                ]
                .iter()
                .any(|w| lower.starts_with(w))
            };
        if !remark {
            text.push_str(&rest[open..open + 1 + len + 1]);
        }
        rest = &rest[open + 1 + len + 1..];
    }
    text.push_str(rest);
    std::borrow::Cow::Owned(text)
}

/// A name without the contact details written after it: e-mail
/// addresses, telephone numbers and extensions with their labels ("Amy
/// Clarke amy.clarke@council.gov.uk", "Dr Paul Okafor ext. 4417", "Tel:
/// 01632 960123"). Borrowed as it is when it holds no `@` and no run of
/// digits a number could be.
fn without_contact(name: &str) -> std::borrow::Cow<'_, str> {
    // (An ASCII digit or "@" is one byte, never part of another character.)
    let digits = name.bytes().filter(u8::is_ascii_digit).count();
    if digits < 4 && !name.as_bytes().contains(&b'@') {
        return std::borrow::Cow::Borrowed(name);
    }
    const LABELS: &[&str] = &[
        "tel",
        "tel.",
        "tel:",
        "t:",
        "t.",
        "telephone",
        "telephone:",
        "phone",
        "phone:",
        "ext",
        "ext.",
        "ext:",
        "extn",
        "extn.",
        "x",
        "mob",
        "mob:",
        "mobile",
        "mobile:",
        "email",
        "email:",
        "e-mail",
        "e-mail:",
        "e:",
    ];
    let words: Vec<&str> = name.split_whitespace().collect();
    let is_number = |w: &str| {
        let w = w.trim_end_matches([',', ';', ')']);
        let d = w.chars().filter(char::is_ascii_digit).count();
        d >= 1
            && w.chars()
                .all(|c| c.is_ascii_digit() || matches!(c, '+' | '(' | ')' | '-' | '.'))
    };
    let mut keep = vec![true; words.len()];
    for (i, w) in words.iter().enumerate() {
        let lower = w.to_ascii_lowercase();
        let after_label = i > 0 && LABELS.contains(&words[i - 1].to_ascii_lowercase().as_str());
        // "x4417": an extension written on the number.
        let ext = lower.len() > 3
            && lower.starts_with('x')
            && lower[1..].chars().all(|c| c.is_ascii_digit());
        // A number of five digits or more is a telephone number (a year
        // has four); a shorter one only after a label ("ext. 4417").
        let long = w.chars().filter(char::is_ascii_digit).count() >= 5;
        if w.contains('@') || ext || (is_number(w) && (after_label || long)) {
            keep[i] = false;
            // The label before it goes with it.
            if after_label {
                keep[i - 1] = false;
            }
        }
    }
    // A number in groups ("01632 960123") is cut whole: a group beside a
    // cut number goes too.
    for i in 0..words.len() {
        if keep[i]
            && is_number(words[i])
            && ((i > 0 && !keep[i - 1]) || keep.get(i + 1) == Some(&false))
        {
            keep[i] = false;
        }
    }
    if keep.iter().all(|k| *k) {
        return std::borrow::Cow::Borrowed(name);
    }
    let kept: Vec<&str> = words
        .iter()
        .zip(&keep)
        .filter(|(_, k)| **k)
        .map(|(w, _)| *w)
        .collect();
    std::borrow::Cow::Owned(kept.join(" "))
}

/// `text` split where `sep` holds outside brackets: a bracket that stays
/// in a name ("Designated Nurse (Children and Adults)") is never cut.
/// `sep` is asked of ASCII bytes only (every separator is one), so the
/// text is scanned a byte at a time: no byte of a longer character is
/// ASCII.
fn outside_brackets(text: &str, sep: impl Fn(u8) -> bool) -> Vec<&str> {
    let mut out = Vec::new();
    let (mut depth, mut start) = (0usize, 0);
    for (i, &c) in text.as_bytes().iter().enumerate() {
        match c {
            b'(' | b'[' => depth += 1,
            b')' | b']' => depth = depth.saturating_sub(1),
            _ if depth == 0 && c < 0x80 && sep(c) => {
                out.push(&text[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(&text[start..]);
    out
}

/// Whether byte `at` of `text` lies inside a bracket.
fn in_brackets(text: &str, at: usize) -> bool {
    let mut depth = 0usize;
    for b in text.as_bytes()[..at.min(text.len())].iter() {
        match b {
            b'(' | b'[' => depth += 1,
            b')' | b']' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    depth > 0
}

/// Split on " and " or "&" unless it is part of a known group name
/// ("Head of Safeguarding & QA" is one owner).
fn split_and(part: &str) -> Vec<&str> {
    // Most parts have no separator: one name, without a lower-case copy.
    if next_separator(part, 0).is_none() {
        return vec![part];
    }
    // ASCII lower case keeps byte offsets valid for slicing `part`.
    let lower = part.to_ascii_lowercase();
    let mut cuts: Vec<(usize, usize)> = Vec::new(); // (start, length)
    let mut from = 0;
    while from < lower.len() {
        let Some((at, len)) = next_separator(&lower, from) else {
            break;
        };
        let compound = JOINS
            .compounds
            .iter()
            .zip(&JOINS.compound_seps)
            .any(|(v, seps)| covers_sep(&lower, v, seps, at));
        let prev = cuts.last().map_or(0, |&(c, l)| c + l);
        let right = &part[at + len..];
        let next = next_separator(&lower, at + len).map_or(right.len(), |(i, _)| i - (at + len));
        let protected =
            compound || in_brackets(part, at) || joins_one_name(&part[prev..at], &right[..next]);
        if !protected {
            cuts.push((at, len));
        }
        from = at + len;
    }
    let mut out = Vec::new();
    let mut start = 0;
    for (c, len) in cuts {
        out.push(&part[start..c]);
        start = c + len;
    }
    out.push(&part[start..]);
    out
}

/// The first " and " (ASCII case aside) or "&" in `text` from byte
/// `from`: (where, length). A byte scan: `str::find` with a string built a
/// searcher for every call.
fn next_separator(text: &str, from: usize) -> Option<(usize, usize)> {
    let b = text.as_bytes();
    (from..b.len()).find_map(|i| match b[i] {
        b'&' => Some((i, 1)),
        b' ' if b
            .get(i..i + 5)
            .is_some_and(|w| w.eq_ignore_ascii_case(b" and ")) =>
        {
            Some((i, 5))
        }
        _ => None,
    })
}

/// Whether `variant` occurs in `text` over byte `at`: only the starts
/// from which one of its bytes equal to `text[at]` would lie on `at` are
/// compared, those bytes found with `memchr` (searching the whole text for
/// each compound at each separator was most of an owner's reading, and
/// then testing every byte of every compound was). A match of a whole UTF-8 string starts
/// on a character boundary, so comparing bytes finds what `match_indices`
/// finds.
fn covers(text: &str, variant: &str, at: usize) -> bool {
    let (t, v) = (text.as_bytes(), variant.as_bytes());
    let Some(&here) = t.get(at) else {
        return false;
    };
    memchr::memchr_iter(here, v).any(|o| at >= o && t[at - o..].starts_with(v))
}

/// [`covers`], for a separator at `at` that [`next_separator`] found in
/// lower-case text (" and " or "&"), given where such a separator may lie
/// in the variant (`seps`, see `Joins::compound_seps`): only those
/// offsets are tried.
fn covers_sep(text: &str, variant: &str, seps: &[usize], at: usize) -> bool {
    let (t, v) = (text.as_bytes(), variant.as_bytes());
    match t.get(at) {
        // (The variant's first byte is compared before the rest: most
        // variants differ there, and a call to compare them all cost more.)
        Some(&here @ (b' ' | b'&')) => seps.iter().any(|&o| {
            v.get(o) == Some(&here)
                && at >= o
                && t.get(at - o) == v.first()
                && t[at - o..].starts_with(v)
        }),
        _ => covers(text, variant, at),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lead(raw: &str) -> Lead {
        parse_lead(raw).expect("non-empty")
    }

    #[test]
    fn a_bracket_that_says_which_stays_and_a_remark_goes() {
        assert_eq!(
            split_names("Head of Service (CSC); Designated Nurse"),
            ["Head of Service (CSC)", "Designated Nurse"]
        );
        assert_eq!(
            split_names("Designated Nurse (Children and Adults)"),
            ["Designated Nurse (Children and Adults)"]
        );
        assert_eq!(
            split_names("LSCB Business Manager (interim)"),
            ["LSCB Business Manager (interim)"]
        );
        assert_eq!(
            split_names("Task and finish group [lead to be advised]"),
            ["Task and finish group"]
        );
        assert_eq!(
            split_names("Education Welfare Service (by June 2017)"),
            ["Education Welfare Service"]
        );
        assert_eq!(
            split_names("Business manager (with AD Communities)"),
            ["Business manager"]
        );
        assert_eq!(split_names("Head of Inclusion (by"), ["Head of Inclusion"]);
    }

    #[test]
    fn people_joined_by_commas_alone_are_several_owners() {
        assert_eq!(
            lead("Helen Marsh, Amira Haddad").names,
            vec!["Helen Marsh", "Amira Haddad"]
        );
        assert_eq!(
            lead("Dr Nadia Rahman, Sgt Ben Clarke").names,
            vec!["Dr Nadia Rahman", "Sgt Ben Clarke"]
        );
        // A surname first, a person's role, a role and its body: one each.
        assert_eq!(lead("Fenwick, Lucy").names, vec!["Fenwick, Lucy"]);
        assert_eq!(lead("Jane Smith, Designated Nurse").names.len(), 1);
        assert_eq!(lead("Named Nurse, Acute Trust").names.len(), 1);
        assert_eq!(lead("Chair, QA sub-group").names.len(), 1);
        assert_eq!(
            lead("Detective Superintendent, Public Protection")
                .names
                .len(),
            1
        );
    }

    #[test]
    fn a_list_of_roles_joined_by_commas_and_a_last_and_is_several_owners() {
        assert_eq!(
            lead("Partnership Business Manager, Police and Schools").names,
            vec!["Partnership Business Manager", "Police", "Schools"]
        );
        // A person's name, role and body stay one.
        assert_eq!(
            lead("Jan Norman, Director of Nursing, NHS Milton Keynes")
                .names
                .len(),
            1
        );
    }

    #[test]
    fn a_list_joined_by_commas_and_a_last_and_is_several_owners() {
        assert_eq!(
            split_names("Police, Health and LA"),
            ["Police", "Health", "LA"]
        );
        assert_eq!(
            split_names("Jan Norman, Director of Nursing, NHS Milton Keynes and Partners"),
            [
                "Jan Norman, Director of Nursing, NHS Milton Keynes",
                "Partners"
            ]
        );
        // One owner with a comma, no list.
        assert_eq!(split_names("Chair, QA sub-group"), ["Chair, QA sub-group"]);
        assert_eq!(
            split_names("Named Nurse, Acute Trust"),
            ["Named Nurse, Acute Trust"]
        );
        // An "and" inside one name does not make a list.
        assert_eq!(
            split_names("Chair, Health and Wellbeing Board"),
            ["Chair, Health and Wellbeing Board"]
        );
        // The list's last item is a name of its own even where it ends in
        // an organisation word ("Local Authority", "Adult Social Care").
        assert_eq!(
            split_names("Police, Health and Local Authority"),
            ["Police", "Health", "Local Authority"]
        );
        assert_eq!(
            split_names("Police, Trading Standards and Adult Social Care"),
            ["Police", "Trading Standards", "Adult Social Care"]
        );
        // A role's domain after a comma is no list ("of"), nor a board
        // after a role.
        assert_eq!(
            split_names("Head of Service, Court and Permanence"),
            ["Head of Service, Court and Permanence"]
        );
        assert_eq!(
            split_names("Head of Service, Children in Care"),
            ["Head of Service, Children in Care"]
        );
        assert_eq!(
            split_names("Chair, Children and Families Board"),
            ["Chair, Children and Families Board"]
        );
    }

    #[test]
    fn a_group_named_by_two_subjects_is_one_owner() {
        assert_eq!(
            split_names("QA and Performance sub-group"),
            ["QA and Performance sub-group"]
        );
        // Bodies joined by "and" stay two.
        assert_eq!(
            split_names("CCG and Local Authority"),
            ["CCG", "Local Authority"]
        );
        assert_eq!(split_names("LSCB and SAB"), ["LSCB", "SAB"]);
    }

    #[test]
    fn folding_keeps_words_of_letters_digits_and_slashes() {
        assert_eq!(
            fold("  Lead: TBA (to be advised)!"),
            "lead tba to be advised"
        );
        assert_eq!(fold("N/A"), "n/a");
        assert_eq!(fold("Ärzte--Team  2"), "ärzte team 2");
        assert_eq!(fold("?? "), "");
    }

    #[test]
    fn a_compound_covers_only_the_separators_inside_it() {
        let t = "police and crime commissioner and children and young people";
        let v = "children and young people";
        let seps: Vec<usize> = t.match_indices(" and ").map(|(i, _)| i).collect();
        let covered: Vec<bool> = seps.iter().map(|&at| covers(t, v, at)).collect();
        assert_eq!(covered, [false, false, true]);
        assert!(!covers(t, "", 0));
        assert!(!covers("ab", "abc", 1));
        assert!(covers("é and x", "é and x", 2));
    }

    #[test]
    fn a_compound_covers_a_separator_where_the_full_search_says() {
        for t in [
            "police and crime commissioner and children and young people",
            "task and finish group and board",
            "task & finish group & health and wellbeing board",
            "x&task&finish and learning and development",
            "safeguarding and qa and quality and performance",
            "comms and engagement & children and adults",
        ] {
            let mut from = 0;
            while let Some((at, len)) = next_separator(t, from) {
                for (v, seps) in JOINS.compounds.iter().zip(&JOINS.compound_seps) {
                    assert_eq!(
                        covers_sep(t, v, seps, at),
                        covers(t, v, at),
                        "{t:?} {v:?} {at}"
                    );
                }
                from = at + len;
            }
        }
    }

    #[test]
    fn the_quick_fold_test_turns_away_only_what_folds_to_no_placeholder() {
        let heads = [
            "", " ", "(", "[", "-", "1 ", "/", "\u{212a}", "\u{130}", "é", "Ä ",
        ];
        let bodies = [
            "tba",
            "TBC",
            "t.b.d",
            "To be advised",
            "to-be-confirmed",
            "Lead TBA",
            "Owner tba",
            "Not yet agreed",
            "Unknown",
            "N/A",
            "n/k",
            "not known",
            "Name",
            "OWNER",
            "lead",
            "XXXX",
            "x",
            "Head of ...",
            "QA committee",
            "Business manager",
            "Jon Wilson",
            "LADO",
            "Teresa DeVito",
            "Procedures and Practice",
            "Head of Service (tbc)",
            "Chair [to be advised]",
            "Task and finish group [lead to be advised]",
            "Rex Cox",
            "Tbd",
            "Insertion Team",
            "2020 Board",
            "Q&A lead TBA",
        ];
        for h in heads {
            for b in bodies {
                for tail in ["", "?", ".", " (tba)", "]"] {
                    let t = format!("{h}{b}{tail}");
                    let t = t.trim();
                    let f = fold(t);
                    let fb = f.as_bytes();
                    let folds_to = PLACEHOLDERS.contains(&f.as_str())
                        || (f.len() >= 2 && f.bytes().all(|b| b == b'x'))
                        || f.contains("to be advised")
                        || f.contains("to be confirmed")
                        || f.split(' ').any(|w| matches!(w, "tba" | "tbc" | "tbd"))
                        || memchr::memchr_iter(b't', fb).any(|i| fb[i..].starts_with(b"tb"));
                    assert!(!folds_to || may_fold_to_placeholder(t), "{t:?}");
                }
            }
        }
    }

    #[test]
    fn the_quick_prompt_test_turns_away_only_what_is_no_prompt() {
        for h in ["", " ", "é", "C", "c", "T", "<", "E", "S", "x", "Cl", "Ch"] {
            for b in [
                "lick or tap here to enter text.",
                "lick here to enter a date",
                "hoose an item.",
                "ap here to enter",
                "elect an item",
                "<Enter text here>",
                "nter text here",
                "Enter text here",
                "Click or tap here to enter text.",
                "Training subgroup",
                "",
                "li",
                "é",
            ] {
                let t = format!("{h}{b}");
                let t = t.trim();
                if super::super::text::is_form_prompt(t) {
                    assert!(may_be_form_prompt(t), "{t:?}");
                }
            }
        }
    }

    #[test]
    fn placeholders() {
        for raw in [
            "?",
            "??",
            "???",
            "tba",
            "TBC",
            "[to be advised]",
            "[tba]",
            "Click or tap here to enter text.",
        ] {
            let l = lead(raw);
            assert!(l.placeholder, "{raw}");
            assert!(!l.unconfirmed, "{raw}");
            assert!(l.names.is_empty(), "{raw}");
        }
        let l = lead("Task and finish group [lead to be advised]");
        assert!(l.placeholder);
        assert_eq!(l.names, vec!["Task and finish group"]);
        assert!(lead("[to be advised– nominated member of executive support group]").placeholder);
    }

    #[test]
    fn template_slots_stubs_and_hedges() {
        for raw in [
            "<<owner>>",
            "[Name]",
            "Insert name",
            "Head of ...",
            "XXXX",
            "n/k",
            "Lead TBD",
        ] {
            assert!(lead(raw).placeholder, "{raw}");
        }
        for raw in [
            "Probably Comms team",
            "Maybe the QA group",
            "Dev Patel (pending)",
        ] {
            let l = lead(raw);
            assert!(l.unconfirmed && !l.placeholder, "{raw}");
        }
        for raw in [
            "Head of Early Help",
            "Likewise Ltd",
            "Insertion Team Manager",
            "Rex Cox",
        ] {
            let l = lead(raw);
            assert!(!l.placeholder && !l.unconfirmed, "{raw}");
        }
    }

    #[test]
    fn unconfirmed_owners() {
        let l = lead("Chair of DVSG via David Sandall?");
        assert!(l.unconfirmed && !l.placeholder);
        assert_eq!(l.names, vec!["Chair of DVSG via David Sandall"]);
        assert!(lead("Rachel Garton?").unconfirmed);
        assert!(lead("Owner Jon Wilson ?").unconfirmed);
        assert!(!lead("QA Sub Group").unconfirmed);
    }

    #[test]
    fn a_name_awaiting_confirmation_is_unconfirmed_not_a_placeholder() {
        let l = lead("Education Safeguarding Adviser (to be confirmed)");
        assert_eq!(l.names, vec!["Education Safeguarding Adviser"]);
        assert!(l.unconfirmed && !l.placeholder);
        let l = lead("Jane Smith (tbc)");
        assert!(l.unconfirmed && !l.placeholder);
        // No name, or the lead itself still to be found: a placeholder.
        assert!(lead("(to be confirmed)").placeholder);
        assert!(lead("Task and finish group [lead to be advised]").placeholder);
        assert!(lead("TBC").placeholder);
    }

    #[test]
    fn contact_details_are_not_names() {
        assert_eq!(
            lead("Amy Clarke\namy.clarke@northbrook.gov.uk").names,
            vec!["Amy Clarke"]
        );
        assert_eq!(
            lead("Dr Paul Okafor (ext. 4417)").names,
            vec!["Dr Paul Okafor"]
        );
        assert_eq!(
            lead("Sam Hill, Tel: 01632 960123 / LADO").names,
            vec!["Sam Hill", "LADO"]
        );
        assert_eq!(lead("Named Nurse x4417").names, vec!["Named Nurse"]);
        // Footnote markers are not part of a name either.
        assert_eq!(lead("Designated Nurse*").names, vec!["Designated Nurse"]);
        assert_eq!(
            lead("Head of Safeguarding (CCG)¹").names,
            vec!["Head of Safeguarding (CCG)"]
        );
        // Numbers that are part of a name stay.
        assert_eq!(lead("Year 6 Team").names, vec!["Year 6 Team"]);
        assert_eq!(
            lead("Operation 2020 Board").names,
            vec!["Operation 2020 Board"]
        );
        assert_eq!(
            lead("Task and finish group September 2011 December 2011").names,
            vec!["Task and finish group September 2011 December 2011"]
        );
    }

    #[test]
    fn names_split_where_they_can() {
        assert_eq!(
            lead("QA subgroup / Training subgroup").names,
            vec!["QA subgroup", "Training subgroup"]
        );
        assert_eq!(
            lead("Board OMG and Sub-groups").names,
            vec!["Board OMG", "Sub-groups"]
        );
        assert_eq!(lead("OMG & Board").names, vec!["OMG", "Board"]);
        assert_eq!(
            lead("Divisonal Director/Head of Safeguarding & QA").names,
            vec!["Divisonal Director", "Head of Safeguarding & QA"]
        );
        assert_eq!(
            lead("Care Bill Task and Finish Group").names,
            vec!["Care Bill Task and Finish Group"]
        );
        assert_eq!(
            lead("Teresa DeVito / Safeguarding Manager NCC").names,
            vec!["Teresa DeVito", "Safeguarding Manager NCC"]
        );
        assert_eq!(lead("PPPG\nCSE Group").names, vec!["PPPG", "CSE Group"]);
        assert_eq!(parse_lead("  "), None);
        // One name though joined by "and".
        for one in [
            "Office of the Police and Crime Commissioner",
            "Health and Wellbeing Board",
            "Children and Families Service",
            "Head of Safeguarding and Quality Assurance",
            "Education and Early Help Service",
        ] {
            assert_eq!(lead(one).names, vec![one], "{one}");
        }
        // Two.
        assert_eq!(
            lead("Lesley Hagger and Tim O Neil").names,
            vec!["Lesley Hagger", "Tim O Neil"]
        );
        assert_eq!(
            lead("LSCB Chair and SAB Chair").names,
            vec!["LSCB Chair", "SAB Chair"]
        );
        assert_eq!(
            lead("Community Safety Partnership & Public Health").names,
            vec!["Community Safety Partnership", "Public Health"]
        );
        assert_eq!(
            lead("Head of Service and Named Nurse").names,
            vec!["Head of Service", "Named Nurse"]
        );
        assert_eq!(lead("Police and Health").names, vec!["Police", "Health"]);
        // Non-ASCII text keeps its offsets (no panic on char boundaries).
        assert_eq!(
            lead("İstanbul Team and Ådal Group").names,
            vec!["İstanbul Team", "Ådal Group"]
        );
    }
}
