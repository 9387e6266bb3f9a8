//! Text as the plan JSON carries it: trimmed, inner white space folded,
//! paragraphs joined with "\n", bullet glyphs removed from the start of items
//! (docs/OUTPUT.md, "Text values"), and ditto marks recognised.

use crate::model::Cell;

/// Glyphs that start a bullet item when typed as text (•, ➤, the Symbol
/// font's private-use bullet, -, *, and friends).
const BULLETS: &[char] = &[
    '•', '➤', '\u{F0B7}', '\u{F0A7}', '\u{F0D8}', '-', '*', '▪', '●', '○', '◦', '‣', '⁃', '–', '►',
];

/// Clean one paragraph's text: fold white space, trim, drop a leading
/// bullet glyph.
pub fn clean(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    for w in text.split_whitespace() {
        if !folded.is_empty() {
            folded.push(' ');
        }
        folded.push_str(w);
    }
    let mut t = folded.as_str();
    loop {
        let stripped = t.trim_start_matches(BULLETS).trim_start();
        // Keep a leading "-" that is part of a word or number ("-5%").
        if stripped.len() == t.len() || t.chars().nth(1).is_some_and(|c| !c.is_whitespace()) {
            break;
        }
        t = stripped;
    }
    if t.len() == folded.len() {
        return folded;
    }
    t.to_string()
}

/// The cleaned, non-empty paragraphs of a cell (line breaks inside a
/// paragraph count as paragraph ends).
pub fn paragraphs(cell: &Cell) -> Vec<String> {
    cell.paragraphs
        .iter()
        .flat_map(|p| {
            p.text()
                .split('\n')
                .map(clean)
                .filter(|t| !t.is_empty())
                .collect::<Vec<_>>()
        })
        .collect()
}

/// Whether each paragraph of a cell is a list item (Word list, or a typed
/// bullet glyph).
pub fn list_items(cell: &Cell) -> Vec<bool> {
    cell.paragraphs
        .iter()
        .filter(|p| !p.text().trim().is_empty())
        .map(|p| {
            p.list.is_some()
                || p.text()
                    .trim_start()
                    .starts_with(|c: char| BULLETS.contains(&c) && c != '-')
        })
        .collect()
}

/// The cleaned, non-empty lines of a cell, each with whether it is a
/// list item (Word list, or a typed bullet glyph): [`paragraphs`] and
/// [`list_items`] line for line, for a cell whose paragraphs hold line
/// breaks (a spreadsheet cell is one paragraph of lines).
pub fn lines(cell: &Cell) -> (Vec<String>, Vec<bool>) {
    let mut texts = Vec::new();
    let mut listed = Vec::new();
    for p in &cell.paragraphs {
        let text = p.text();
        for line in text.split('\n') {
            let t = clean(line);
            if t.is_empty() {
                continue;
            }
            listed.push(
                p.list.is_some()
                    || line
                        .trim_start()
                        .starts_with(|c: char| BULLETS.contains(&c) && c != '-'),
            );
            texts.push(t);
        }
    }
    (texts, listed)
}

/// A cell's clean text: paragraphs joined with "\n".
pub fn cell_text(cell: &Cell) -> String {
    paragraphs(cell).join("\n")
}

/// Whether a cell holds only a ditto mark: “ ”, " ", ,, 〃, "ditto" or
/// "as above" (the value of the same column in the row above).
pub fn is_ditto(text: &str) -> bool {
    // No mark has more than eight characters besides white space ("as
    // above."): longer text is not one, without building the forms below.
    let mut marks = 0;
    for c in text.chars() {
        if !c.is_whitespace() {
            marks += 1;
            if marks > 8 {
                return false;
            }
        }
    }
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let lower = text.trim().to_lowercase();
    matches!(
        compact.as_str(),
        "“”" | "\"\"" | "„“" | ",," | "〃" | "''" | "‘’" | "”" | "“" | "″"
    ) || matches!(lower.as_str(), "ditto" | "as above" | "as above." | "do.")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cleaning() {
        assert_eq!(clean("  •  Review   the\twebsite "), "Review the website");
        assert_eq!(clean("➤ Item"), "Item");
        assert_eq!(clean("- item"), "item");
        assert_eq!(clean("-5% rate"), "-5% rate");
        assert_eq!(clean("* starred"), "starred");
    }

    #[test]
    fn dittos() {
        for d in ["“ ”", "\" \"", ",,", "ditto", "As above", "“”"] {
            assert!(is_ditto(d), "{d}");
        }
        for d in ["“Quoted text”", "1.1", "", "B"] {
            assert!(!is_ditto(d), "{d}");
        }
    }
}
