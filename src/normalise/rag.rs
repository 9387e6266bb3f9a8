//! RAG ratings from words ("Red", "A", "Green") or from a cell's fill
//! colour, and the rating of a table row (rule 7: `of_row`).

use crate::model::LegendEntry;
use crate::plan::{Field, Rag};

use super::rows::{Columns, Row};

/// A row's RAG rating (rule 7): the RAG column's text (a colour, or a word
/// the document's key gives a colour), else that cell's fill, else the
/// progress cell's fill (fills read through the legend).
pub(super) fn of_row<'k>(
    legend: &[LegendEntry],
    key: impl FnOnce() -> &'k [(String, Rag)],
    row: &Row<'_>,
    map: &Columns<'_>,
) -> Option<Rag> {
    row.text(map, Field::Rag)
        .and_then(|s| from_text(s).or_else(|| from_key(key(), s)))
        .or_else(|| {
            row.cell(map, Field::Rag)
                .and_then(|c| c.fill.as_deref())
                .and_then(|f| from_fill_with(legend, f))
        })
        .or_else(|| {
            row.cell(map, Field::Progress)
                .and_then(|c| c.fill.as_deref())
                .and_then(|f| from_fill_with(legend, f))
        })
}

/// A RAG rating written as text.
pub fn from_text(text: &str) -> Option<Rag> {
    // A traffic-light symbol, alone or before its meaning ("🟢 On track").
    match text.trim_start().chars().next() {
        Some('🔴') => return Some(Rag::Red),
        Some('🟠' | '🟡') => return Some(Rag::Amber),
        Some('🟢') => return Some(Rag::Green),
        Some('🔵') => return Some(Rag::Blue),
        _ => {}
    }
    // An ASCII text (most) is read where it is, ASCII case aside, which is
    // what its lower-case copy would read.
    if text.is_ascii() {
        return from_ascii(text.trim());
    }
    from_lower(&text.trim().to_lowercase())
}

/// [`from_text`] of a text already trimmed and lower-cased.
fn from_lower(t: &str) -> Option<Rag> {
    // A colour word with its meaning after a bracket or a dash ("Red (off
    // track)", "Amber - at risk", "Green: on track"); "Red/Amber" is
    // neither.
    if let Some(cut) = t.find(['(', '[', '-', '–', '—', ':']) {
        let head = t[..cut].trim();
        if cut > 0 && t[..cut].ends_with(' ') || t[cut..].starts_with(['(', '[', ':']) {
            match head {
                "red" => return Some(Rag::Red),
                "amber" | "yellow" => return Some(Rag::Amber),
                "green" => return Some(Rag::Green),
                "blue" => return Some(Rag::Blue),
                _ => {}
            }
        }
    }
    let t = t.trim_matches(|c: char| !c.is_alphanumeric());
    Some(match t {
        "r" | "red" => Rag::Red,
        "a" | "amber" | "a/g" | "amber/green" | "yellow" => Rag::Amber,
        "g" | "green" => Rag::Green,
        "b" | "blue" => Rag::Blue,
        _ => return None,
    })
}

/// [`from_text`] of a trimmed ASCII text, without its lower-case copy.
fn from_ascii(t: &str) -> Option<Rag> {
    let is = |s: &str, words: &[&str]| words.iter().any(|w| s.eq_ignore_ascii_case(w));
    if let Some(cut) = t.find(['(', '[', '-', ':']) {
        let head = t[..cut].trim();
        if cut > 0 && t[..cut].ends_with(' ') || t[cut..].starts_with(['(', '[', ':']) {
            for (words, rag) in [
                (&["red"][..], Rag::Red),
                (&["amber", "yellow"], Rag::Amber),
                (&["green"], Rag::Green),
                (&["blue"], Rag::Blue),
            ] {
                if is(head, words) {
                    return Some(rag);
                }
            }
        }
    }
    let t = t.trim_matches(|c: char| !c.is_ascii_alphanumeric());
    [
        (&["r", "red"][..], Rag::Red),
        (&["a", "amber", "a/g", "amber/green", "yellow"], Rag::Amber),
        (&["g", "green"], Rag::Green),
        (&["b", "blue"], Rag::Blue),
    ]
    .into_iter()
    .find_map(|(words, rag)| is(t, words).then_some(rag))
}

/// A rating word the document's key names: "Complete" where the key says
/// "Blue = Complete".
fn from_key(key: &[(String, Rag)], text: &str) -> Option<Rag> {
    if key.is_empty() {
        return None;
    }
    let t = text.trim().to_lowercase();
    let t = t.trim_matches(|c: char| !c.is_alphanumeric());
    key.iter().find(|(w, _)| w == t).map(|(_, r)| *r)
}

/// The entries of a key written as text ("RAG key: Green = On track; Red =
/// Off track; Blue = Complete", "BRAG: B = complete, G = on track"): each
/// a colour or its letter set against a meaning by "=", ":" or a dash. A
/// text is a key when it holds two entries or more; a single "Amber - at
/// risk" in a cell is not one.
pub fn key_entries(text: &str) -> Vec<(String, Rag)> {
    use crate::pattern::contains_ci;
    // ("rag" searched by its "g", rarer than its "r".)
    if !(text.contains('=')
        || contains_ci(text, "key")
        || crate::pattern::contains_ci_by(text, "rag", 2))
    {
        return Vec::new();
    }
    let lower = text.to_lowercase();
    let mut out: Vec<(String, Rag)> = Vec::new();
    for piece in lower.split([';', ',', '\n', '|']) {
        let cut = ["=", " - ", " – ", " — ", ":"]
            .iter()
            .find_map(|sep| piece.find(sep).map(|i| (i, sep.len())));
        let Some((at, len)) = cut else { continue };
        // A label before the entry ("RAG key: Green = ...") is dropped.
        let left = piece[..at].rsplit(':').next().unwrap_or_default().trim();
        let right = piece[at + len..].trim().trim_end_matches('.');
        let right = right.trim_matches(|c: char| !c.is_alphanumeric());
        let left = left.trim_matches(|c: char| !c.is_alphanumeric());
        let entry = match (from_text(left), from_text(right)) {
            (Some(r), None) if words_of_meaning(right) => (right.to_string(), r),
            (None, Some(r)) if words_of_meaning(left) => (left.to_string(), r),
            _ => continue,
        };
        if !out.iter().any(|(w, _)| *w == entry.0) {
            out.push(entry);
        }
    }
    if out.len() < 2 {
        out.clear();
    }
    out
}

/// A meaning in a key: one to four words.
fn words_of_meaning(t: &str) -> bool {
    (1..=4).contains(&t.split_whitespace().count())
}

/// A RAG rating from a fill colour, read through the document's colour key
/// when it names this colour ("Off target" is red, "Complete" blue), else
/// by hue ([`from_fill`]).
pub fn from_fill_with(legend: &[LegendEntry], hex: &str) -> Option<Rag> {
    legend
        .iter()
        .find(|e| e.color.eq_ignore_ascii_case(hex))
        .and_then(|e| from_text(&e.text).or_else(|| from_meaning(&e.text)))
        .or_else(|| from_fill(hex))
}

/// A rating from what a legend says a colour means.
fn from_meaning(text: &str) -> Option<Rag> {
    let t = text.to_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| t.contains(w));
    if has(&[
        "off target",
        "off track",
        "not on track",
        "behind",
        "overdue",
        "not started",
        "not achieved",
    ]) {
        Some(Rag::Red)
    } else if has(&[
        "at risk",
        "slippage",
        "partially",
        "some concern",
        "in progress",
    ]) {
        Some(Rag::Amber)
    } else if has(&["on target", "on track", "achieved"]) {
        Some(Rag::Green)
    } else if has(&["complete", "done", "closed"]) {
        Some(Rag::Blue)
    } else {
        None
    }
}

/// A RAG rating from a fill colour (six hex digits), by hue: reds, ambers
/// and yellows, greens, blues. Greys, whites and blacks are not ratings.
pub fn from_fill(hex: &str) -> Option<Rag> {
    if hex.len() != 6 {
        return None;
    }
    let v = u32::from_str_radix(hex, 16).ok()?;
    let (r, g, b) = (
        ((v >> 16) & 0xFF) as f64 / 255.0,
        ((v >> 8) & 0xFF) as f64 / 255.0,
        (v & 0xFF) as f64 / 255.0,
    );
    let max = r.max(g).max(b);
    let min = r.min(g).min(b);
    let delta = max - min;
    if max < 0.2 || delta / max < 0.35 {
        return None;
    }
    let hue = if max == r {
        60.0 * (((g - b) / delta).rem_euclid(6.0))
    } else if max == g {
        60.0 * ((b - r) / delta + 2.0)
    } else {
        60.0 * ((r - g) / delta + 4.0)
    };
    Some(match hue {
        h if !(15.0..345.0).contains(&h) => Rag::Red,
        h if h < 70.0 => Rag::Amber,
        h if h < 170.0 => Rag::Green,
        h if h < 270.0 => Rag::Blue,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_colour_with_its_meaning_and_traffic_lights() {
        assert_eq!(from_text("Red (off track)"), Some(Rag::Red));
        assert_eq!(from_text("Amber - at risk"), Some(Rag::Amber));
        assert_eq!(from_text("Green: on track"), Some(Rag::Green));
        assert_eq!(from_text("🟢"), Some(Rag::Green));
        assert_eq!(from_text("🟠 Slipping"), Some(Rag::Amber));
        assert_eq!(from_text("🔴"), Some(Rag::Red));
        // Two colours, or a word that only starts like one, are neither.
        assert_eq!(from_text("Red/Amber"), None);
        assert_eq!(from_text("Red-Amber"), None);
        assert_eq!(from_text("Redesign (phase 2)"), None);
    }

    #[test]
    fn word_colours() {
        assert_eq!(from_fill("FF0000"), Some(Rag::Red));
        assert_eq!(from_fill("C00000"), Some(Rag::Red));
        assert_eq!(from_fill("FFC000"), Some(Rag::Amber));
        assert_eq!(from_fill("FFFF00"), Some(Rag::Amber));
        assert_eq!(from_fill("00B050"), Some(Rag::Green));
        assert_eq!(from_fill("92D050"), Some(Rag::Green));
        assert_eq!(from_fill("0070C0"), Some(Rag::Blue));
        assert_eq!(from_fill("D9D9D9"), None);
        assert_eq!(from_fill("FFFFFF"), None);
        assert_eq!(from_fill("nothex"), None);
    }

    #[test]
    fn legend_meanings_win_over_hue() {
        let legend = [
            LegendEntry {
                color: "7030A0".into(),
                text: "Complete".into(),
            },
            LegendEntry {
                color: "FFC000".into(),
                text: "Off target".into(),
            },
        ];
        assert_eq!(from_fill_with(&legend, "7030A0"), Some(Rag::Blue));
        assert_eq!(from_fill_with(&legend, "FFC000"), Some(Rag::Red));
        assert_eq!(from_fill_with(&legend, "00B050"), Some(Rag::Green));
        assert_eq!(from_fill("7030A0"), None);
    }

    #[test]
    fn a_key_written_as_text_gives_its_words_colours() {
        let key = key_entries("RAG key: Green = On track; Amber = Slipping; Blue = Complete.");
        assert_eq!(
            key,
            [
                ("on track".to_string(), Rag::Green),
                ("slipping".to_string(), Rag::Amber),
                ("complete".to_string(), Rag::Blue)
            ]
        );
        assert_eq!(from_key(&key, "Complete"), Some(Rag::Blue));
        assert_eq!(from_key(&key, "Not started"), None);
        let letters = key_entries("BRAG: B = complete, G = on track, A = at risk, R = off track");
        assert_eq!(from_key(&letters, "off track"), Some(Rag::Red));
        // One entry is no key; prose is none either.
        assert!(key_entries("Amber - at risk of slipping").is_empty());
        assert!(key_entries("The key issue is the green paper: due in May").is_empty());
    }

    #[test]
    fn an_ascii_text_is_rated_as_its_lower_case_copy_is() {
        // `from_text` as it was: every text lower cased first.
        let old = |text: &str| from_lower(&text.trim().to_lowercase());
        let heads = [
            "",
            "Red",
            "RED",
            "red",
            "Amber",
            "aMbEr",
            "Yellow",
            "Green",
            "GREEN",
            "Blue",
            "R",
            "a",
            "G",
            "b",
            "A/G",
            "Amber/Green",
            "Red/Amber",
            "Redesign",
            "Not due",
            "Complete",
            "x",
        ];
        let tails = [
            "",
            " ",
            " (off track)",
            "(on track)",
            " - at risk",
            "-at risk",
            ": on track",
            ":",
            " [note]",
            "[x]",
            ".",
            "!",
            " \t",
            "/Amber",
            " 2",
            "-",
            "--",
            " -- x",
        ];
        for h in heads {
            for tail in tails {
                for pre in ["", " ", "\t", "(", "* ", "- "] {
                    let t = format!("{pre}{h}{tail}");
                    assert_eq!(from_text(&t), old(&t), "{t:?}");
                }
            }
        }
    }

    #[test]
    fn words() {
        assert_eq!(from_text("Green"), Some(Rag::Green));
        assert_eq!(from_text(" A "), Some(Rag::Amber));
        assert_eq!(from_text("Not due"), None);
    }
}
