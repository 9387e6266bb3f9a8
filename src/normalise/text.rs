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
    // A text folded already (most of them) is copied once, from where its
    // bullets end.
    if is_folded(text) {
        return strip_bullets(text).to_string();
    }
    let mut folded = String::with_capacity(text.len());
    fold_words_into(text, &mut folded);
    let bullets = folded.len() - strip_bullets(&folded).len();
    folded.drain(..bullets);
    folded
}

/// Folded text without the bullet glyphs that start it.
fn strip_bullets(folded: &str) -> &str {
    // Every glyph but "-" and "*" is outside ASCII: a text starting with
    // another printable ASCII character (most of them) has none to drop.
    if folded
        .as_bytes()
        .first()
        .is_none_or(|&b| b > b' ' && b < 0x80 && b != b'-' && b != b'*')
    {
        return folded;
    }
    let mut t = folded;
    loop {
        let stripped = t.trim_start_matches(BULLETS).trim_start();
        // Keep a leading "-" that is part of a word or number ("-5%").
        if stripped.len() == t.len() || t.chars().nth(1).is_some_and(|c| !c.is_whitespace()) {
            break;
        }
        t = stripped;
    }
    t
}

/// `text`'s words (split at white space, as `split_whitespace` splits)
/// joined by single spaces. Byte by byte: a printable ASCII byte is never
/// white space, other ASCII bytes are looked up, only a non-ASCII
/// character is decoded, and each word is copied as one slice.
pub(crate) fn fold_space(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_space_into(text, &mut out);
    out
}

/// [`fold_space`], appended to `out` (which a caller may reuse).
fn fold_space_into(text: &str, out: &mut String) {
    // Most lines are folded already: copied whole.
    if is_folded(text) {
        out.push_str(text);
        return;
    }
    fold_words_into(text, out);
}

/// [`fold_space_into`] for a text that is not folded already
/// ([`is_folded`]): its words, one space between them.
fn fold_words_into(text: &str, out: &mut String) {
    let start_len = out.len();
    let bytes = text.as_bytes();
    let n = bytes.len();
    // The white space at `i` (its length), or `None` for a character of
    // a word (its length then in `Err`).
    let space_at = |i: usize| -> Result<usize, usize> {
        let b = bytes[i];
        if b < 0x80 {
            // `char::is_whitespace` on ASCII: tab, line feed, vertical
            // tab, form feed, carriage return, space.
            if matches!(b, b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ') {
                Ok(1)
            } else {
                Err(1)
            }
        } else {
            match text.get(i..).and_then(|r| r.chars().next()) {
                Some(c) if c.is_whitespace() => Ok(c.len_utf8()),
                Some(c) => Err(c.len_utf8()),
                None => Err(1),
            }
        }
    };
    let mut i = 0;
    loop {
        // White space before the word.
        while i < n {
            match space_at(i) {
                Ok(len) => i += len,
                Err(_) => break,
            }
        }
        if i >= n {
            break;
        }
        let start = i;
        while i < n {
            let b = bytes[i];
            if b > b' ' && b < 0x80 {
                i += 1;
                continue;
            }
            match space_at(i) {
                Ok(_) => break,
                Err(len) => i += len,
            }
        }
        if out.len() > start_len {
            out.push(' ');
        }
        out.push_str(&text[start..i]);
    }
}

/// Whether `text` is its own [`fold_space`]: single spaces between words,
/// none at either end, no other white space ([`is_space_at`]). One pass
/// over all the bytes, with no exit inside (the compiler turns it into a
/// few vector instructions a block): two spaces in a row, or ASCII white
/// space other than a space, and the bytes' union (whether any is not
/// ASCII). Only a text with a byte that starts a Unicode space (0xC2, 0xE1,
/// 0xE2, 0xE3; each found with `memchr`) has those characters decoded.
fn is_folded(text: &str) -> bool {
    let b = text.as_bytes();
    if b.first() == Some(&b' ') || b.last() == Some(&b' ') {
        return false;
    }
    // (The last byte is no space: checked above. A byte of a longer
    // character is never ASCII, so the ASCII tests hold in any text.)
    let (bad, union) =
        b.iter()
            .zip(b.iter().skip(1))
            .fold((false, 0u8), |(bad, union), (&x, &y)| {
                (
                    bad | ((x == b' ') & (y == b' ')) | ((x != b' ') & is_ascii_space(x)),
                    union | x,
                )
            });
    let last = b.last().copied().unwrap_or(0);
    if bad || is_ascii_space(last) {
        return false;
    }
    if (union | last) < 0x80 {
        return true;
    }
    let is_space = |i: usize| {
        text.get(i..)
            .and_then(|r| r.chars().next())
            .is_some_and(char::is_whitespace)
    };
    !(memchr::memchr3_iter(0xC2, 0xE2, 0xE3, b).any(is_space)
        || memchr::memchr_iter(0xE1, b).any(is_space))
}

/// [`is_folded`] as it was: a byte at a time, testing each with
/// [`is_space_at`] (kept to check the one-pass reading against).
#[cfg(test)]
fn is_folded_bytes(text: &str) -> bool {
    let b = text.as_bytes();
    if b.first() == Some(&b' ') || b.last() == Some(&b' ') {
        return false;
    }
    let mut space = false;
    for (i, &c) in b.iter().enumerate() {
        match c {
            b' ' if space => return false,
            b' ' => space = true,
            _ if is_space_at(text, i, c) => return false,
            _ => space = false,
        }
    }
    true
}

/// Whether an ASCII byte is white space (as `char::is_whitespace` says).
fn is_ascii_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r')
}

/// Whether a white space character (as `char::is_whitespace` says) starts
/// at byte `i` of `text`, which is `c`. Printable ASCII is answered first; only a
/// character starting with a byte some Unicode space starts with (0xC2,
/// 0xE1, 0xE2, 0xE3: no-break and typographic spaces, line and paragraph
/// separators) is decoded.
#[inline(always)]
fn is_space_at(text: &str, i: usize, c: u8) -> bool {
    match c {
        c if c > b' ' && c < 0x80 => false,
        b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r' => true,
        0xC2 | 0xE1 | 0xE2 | 0xE3 => text
            .get(i..)
            .and_then(|r| r.chars().next())
            .is_some_and(char::is_whitespace),
        _ => false,
    }
}

/// How many words `text` has: `text.split_whitespace().count()`. A word
/// starts at a byte that is no white space after one that is (or at the
/// start). Only an ASCII byte can be white space on its own, and no byte
/// of a longer character is ASCII: an ASCII text is counted by
/// [`word_starts`] whole; another in runs between the few characters of
/// two or three bytes that are white space (no-break and typographic
/// spaces: each starts with 0xC2, 0xE1, 0xE2 or 0xE3, found with `memchr`,
/// and only those are decoded; a curly quote or a bullet, 0xE2 too, is
/// decoded and found to be no space).
pub(crate) fn word_count(text: &str) -> usize {
    let b = text.as_bytes();
    if text.is_ascii() {
        return word_starts(b, true);
    }
    // (0xE1 starts few characters in English text: such a text is counted
    // with a test of every byte, as all texts once were.)
    if memchr::memchr(0xE1, b).is_some() {
        return word_count_bytes(text);
    }
    let (mut words, mut from, mut space_before) = (0, 0, true);
    for i in memchr::memchr3_iter(0xC2, 0xE2, 0xE3, b) {
        if i < from {
            continue;
        }
        let Some(c) = text.get(i..).and_then(|r| r.chars().next()) else {
            continue;
        };
        if c.is_whitespace() {
            words += word_starts(&b[from..i], space_before);
            from = i + c.len_utf8();
            space_before = true;
        }
    }
    words + word_starts(&b[from..], space_before)
}

/// The words that start in `b` (a run of bytes holding no white space but
/// ASCII), `space_before` saying whether white space (or the text's start)
/// stands before it: the bytes that are no ASCII white space after one
/// that is. Eight bytes are tested at a time, as one `u64` ([`spaces_of`]):
/// a fold over pairs of bytes went four at a time, with more work each.
fn word_starts(b: &[u8], space_before: bool) -> usize {
    const LOW: u64 = 0x0101_0101_0101_0101;
    let mut words = 0;
    // Bit 0: whether the byte before the next block is white space.
    let mut before = u64::from(space_before);
    let mut blocks = b.chunks_exact(8);
    for block in &mut blocks {
        let mut eight = [0u8; 8];
        eight.copy_from_slice(block);
        // Bit 8k set where byte k is white space.
        let space = spaces_of(u64::from_le_bytes(eight)) >> 7;
        let space_first = (space << 8) | before;
        words += (space_first & !space & LOW).count_ones() as usize;
        before = space >> 56;
    }
    for &c in blocks.remainder() {
        let space = is_ascii_space(c);
        words += usize::from(before == 1 && !space);
        before = u64::from(space);
    }
    words
}

/// The high bit of each byte of `v` set where that byte is ASCII white
/// space (as [`is_ascii_space`]), each other bit clear: a space (0x20), or
/// 0x09 to 0x0D, found by sums that never carry from byte to byte.
fn spaces_of(v: u64) -> u64 {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const SEVEN: u64 = 0x7F7F_7F7F_7F7F_7F7F;
    let low7 = v & SEVEN;
    // A byte 0x20: its bits after `^ 0x20` all clear.
    let x = v ^ 0x2020_2020_2020_2020;
    let blank = !(((x & SEVEN) + SEVEN) | x) & HIGH;
    // 0x09 to 0x0D: seven low bits at least 9 and under 14, high bit clear.
    let from9 = (low7 + 0x7777_7777_7777_7777) & HIGH;
    let from14 = (low7 + 0x7272_7272_7272_7272) & HIGH;
    let control = from9 & !from14 & !v & HIGH;
    blank | control
}

/// [`word_count`] with a test of every byte ([`is_space_at`]): for a text
/// with a byte 0xE1.
fn word_count_bytes(text: &str) -> usize {
    let b = text.as_bytes();
    let mut words = 0;
    let mut in_word = false;
    for (i, &c) in b.iter().enumerate() {
        let space = is_space_at(text, i, c);
        if !space && !in_word && !is_continuation(c) {
            words += 1;
        }
        in_word = !space && (in_word || !is_continuation(c));
    }
    words
}

/// A UTF-8 continuation byte (inside a character, never its start).
fn is_continuation(c: u8) -> bool {
    c & 0xC0 == 0x80
}

/// The cleaned, non-empty paragraphs of a cell (line breaks inside a
/// paragraph count as paragraph ends).
pub fn paragraphs(cell: &Cell) -> Vec<String> {
    let mut out = Vec::new();
    each_line(cell, |t| out.push(t.to_string()));
    out
}

/// Each cleaned, non-empty line of a cell's paragraphs (see
/// [`paragraphs`]): a line folded already (most of them) is read where it
/// is; another is folded into one buffer reused from line to line.
fn each_line(cell: &Cell, mut f: impl FnMut(&str)) {
    let mut folded = String::new();
    for p in &cell.paragraphs {
        let text = p.text_cow();
        // A paragraph folded already has no line break: one line, read
        // without a search for breaks.
        if is_folded(&text) {
            let t = strip_bullets(&text);
            if !t.is_empty() {
                f(t);
            }
            continue;
        }
        for line in text.split('\n') {
            let t = if is_folded(line) {
                strip_bullets(line)
            } else {
                folded.clear();
                fold_words_into(line, &mut folded);
                strip_bullets(&folded)
            };
            if !t.is_empty() {
                f(t);
            }
        }
    }
}

/// Whether each paragraph of a cell is a list item (Word list, or a typed
/// bullet glyph).
pub fn list_items(cell: &Cell) -> Vec<bool> {
    cell.paragraphs
        .iter()
        .filter(|p| !p.text_cow().trim().is_empty())
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
        let text = p.text_cow();
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
    // Room for all of it at once (the spans' text and a break a paragraph
    // bound it): no growing copy by copy.
    let mut out = String::with_capacity(cell.text_len());
    each_line(cell, |t| {
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(t);
    });
    out
}

/// Whether a text is only the prompt of an empty form field: Word's
/// content controls ("Click or tap here to enter text.", "Click or tap to
/// enter a date.", "Choose an item.") and older form fields ("Click here to
/// enter text."). Someone was to fill it in and has not: a placeholder.
pub fn is_form_prompt(text: &str) -> bool {
    let t = text.trim().trim_end_matches(['.', '…']).trim();
    // Every prompt starts with one of these (no other character
    // lower-cases to an ASCII c, e, s or t): most texts are answered
    // without a lower-case copy.
    if t.len() > 60 || !t.starts_with(['c', 'C', 'e', 'E', 's', 'S', 't', 'T', '<']) {
        return false;
    }
    // An ASCII text (most) is compared ASCII case aside, which is what its
    // lower-case copy would compare; another is lower cased first.
    if t.is_ascii() {
        return FORM_PROMPTS
            .iter()
            .any(|p| crate::pattern::starts_with_ci(t, p));
    }
    let t = t.to_lowercase();
    FORM_PROMPTS.iter().any(|p| t.starts_with(p))
}

/// The prompts an empty form field shows, lower case, as they start
/// (LibreOffice's placeholder fields print "<Enter text here>").
const FORM_PROMPTS: &[&str] = &[
    "click or tap here to enter",
    "click or tap to enter",
    "click here to enter",
    "tap here to enter",
    "choose an item",
    "select an item",
    "<enter text here",
    "enter text here",
];

/// Whether a cell holds only a ditto mark: “ ”, " ", ,, 〃, "ditto" or
/// "as above" (the value of the same column in the row above).
pub fn is_ditto(text: &str) -> bool {
    // Every mark and word below starts with one of these characters (no
    // other character lower-cases to an ASCII a, d or s): most cells are
    // answered here, without counting their characters; a cell starting
    // with another ASCII letter or digit, without decoding it.
    match text.as_bytes().first() {
        None => return false,
        Some(&b) if b.is_ascii_alphanumeric() && !b"aAdDsS".contains(&b) => return false,
        // A word, then: no mark starts with a letter, and no character
        // but an ASCII one lower-cases to the words' letters.
        Some(&b) if b.is_ascii_alphabetic() => {
            let t = text.trim_end();
            return ["ditto", "as above", "as above.", "do.", "same as above"]
                .iter()
                .any(|w| t.eq_ignore_ascii_case(w));
        }
        Some(_) => {}
    }
    let first = text.trim_start().chars().next();
    if !first.is_some_and(|c| {
        matches!(
            c,
            '“' | '"'
                | '„'
                | ','
                | '〃'
                | '\''
                | '‘'
                | '”'
                | '″'
                | 'a'
                | 'A'
                | 'd'
                | 'D'
                | 's'
                | 'S'
        )
    }) {
        return false;
    }
    // No mark has more than eleven characters besides white space ("same
    // as above"): longer text is not one, without building the forms below.
    let mut marks = 0;
    for c in text.chars() {
        if !c.is_whitespace() {
            marks += 1;
            if marks > 11 {
                return false;
            }
        }
    }
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let lower = text.trim().to_lowercase();
    matches!(
        compact.as_str(),
        "“”" | "\"\"" | "„“" | ",," | "〃" | "''" | "‘’" | "”" | "“" | "″" | "\""
    ) || matches!(
        lower.as_str(),
        "ditto" | "as above" | "as above." | "do." | "same as above"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_form_fields_prompt_is_known() {
        assert!(is_form_prompt("Click or tap here to enter text."));
        assert!(is_form_prompt(" Click or tap to enter a date. "));
        assert!(is_form_prompt("Choose an item."));
        assert!(is_form_prompt("Click here to enter text."));
        assert!(is_form_prompt("Tap here to enter text."));
        assert!(is_form_prompt("Select an item."));
        assert!(is_form_prompt("<Enter text here>"));
        assert!(is_form_prompt("ENTER TEXT HERE"));
        assert!(!is_form_prompt("Owner: click here to enter text"));
        // Text that only mentions one, or goes on, is text.
        assert!(!is_form_prompt("Choose an independent chair"));
        assert!(!is_form_prompt(
            "Staff click here to enter the portal and complete the training module every year"
        ));
        assert!(!is_form_prompt("Enter the data into the dashboard"));
    }

    #[test]
    fn a_form_prompt_is_known_ascii_case_aside_as_by_its_lower_case_copy() {
        let old = |text: &str| {
            let t = text.trim().trim_end_matches(['.', '…']).trim();
            if t.len() > 60 || !t.starts_with(['c', 'C', 'e', 'E', 's', 'S', 't', 'T', '<']) {
                return false;
            }
            let t = t.to_lowercase();
            FORM_PROMPTS.iter().any(|p| t.starts_with(p))
        };
        for p in FORM_PROMPTS {
            for t in [
                p.to_string(),
                p.to_uppercase(),
                format!("  {p} please."),
                format!("{p}…"),
                p.replace('k', "\u{212a}"),
                p.replace('i', "\u{130}"),
                p[..p.len() - 1].to_string(),
                format!("{}x", &p[..p.len() - 1]),
                format!("{p} {}", "word ".repeat(12)),
                "Select".to_string(),
                "Enter text".to_string(),
                "Étape".to_string(),
            ] {
                assert_eq!(is_form_prompt(&t), old(&t), "{t:?}");
            }
        }
    }

    #[test]
    fn words_are_counted_as_split_whitespace_counts_them() {
        for t in [
            "",
            " ",
            "one",
            "  two words ",
            "tab\tand\nline",
            "no-break\u{a0}space and\u{2009}thin",
            "“Quoted” – é ü 日本",
            "\u{3000}ideographic\u{3000}\u{3000}space\u{85}",
            "a\u{2028}b\u{2029}c\u{202f}d\u{205f}e\u{1680}f",
            "x",
            " x",
            "x ",
            "\u{1}ctl\u{1f} \u{b}vt\u{c}ff\r\n",
            "   several   spaces\t\tand tabs   at both ends  ",
            "a b c d e f g h i j k l m n o p q r s t u v w x y z 1 2 3",
        ] {
            assert_eq!(word_count(t), t.split_whitespace().count(), "{t:?}");
        }
    }

    /// Pieces the text tests join in every order, at lengths either side
    /// of the blocks: spaces of every kind, curly quotes, bullets, dashes,
    /// letters of two, three and four bytes, 0xE1 characters, controls.
    const PIECES: &[&str] = &[
        "a",
        "Word",
        " ",
        "  ",
        "\t",
        "\n",
        "\r\n",
        "\u{b}",
        "\u{c}",
        "\u{a0}",
        "\u{85}",
        "\u{2009}",
        "\u{2002}",
        "\u{200a}",
        "\u{200b}",
        "\u{2028}",
        "\u{2029}",
        "\u{202f}",
        "\u{205f}",
        "\u{3000}",
        "\u{1680}",
        "\u{180e}",
        "\u{1e9e}",
        "\u{1e00}",
        "“",
        "”",
        "•",
        "–",
        "é",
        "ü",
        "日",
        "\u{1f600}",
        "\u{c2}",
        "\u{e2}",
        "-",
        "x y",
        "\u{1}",
        "\u{1f}",
        "\u{7f}",
    ];

    #[test]
    fn the_block_count_agrees_with_split_whitespace_on_many_texts() {
        let pieces = PIECES;
        let mut texts: Vec<String> = Vec::new();
        for (i, a) in pieces.iter().enumerate() {
            for (j, b) in pieces.iter().enumerate() {
                for k in [0, 1, 5, 30, 31, 32, 33, 63, 64, 65] {
                    let filler: String = "ab c".chars().cycle().take(k).collect();
                    texts.push(format!("{a}{filler}{b}"));
                    texts.push(format!("{filler}{a}{b}{filler}"));
                    texts.push(format!("{b}{}{a}", pieces[(i * 7 + j) % pieces.len()]));
                }
            }
        }
        // Long runs of one kind, and a cell's words repeated.
        texts.push("Head of Service \u{2013} “Named” Nurse • ".repeat(20));
        texts.push(" ".repeat(100));
        texts.push("x".repeat(100));
        texts.push("\u{a0}".repeat(40));
        for t in &texts {
            // The new count, the byte-by-byte count it replaced, and
            // what both stand for.
            assert_eq!(word_count(t), word_count_bytes(t), "{t:?}");
            assert_eq!(word_count(t), t.split_whitespace().count(), "{t:?}");
        }
    }

    #[test]
    fn the_one_pass_fold_test_agrees_with_the_byte_by_byte_one() {
        let pieces = PIECES;
        let mut texts: Vec<String> = Vec::new();
        for (i, a) in pieces.iter().enumerate() {
            for (j, b) in pieces.iter().enumerate() {
                for k in [0, 1, 2, 5, 15, 16, 17, 31, 32, 33, 64] {
                    let filler: String = "ab c".chars().cycle().take(k).collect();
                    texts.push(format!("{a}{filler}{b}"));
                    texts.push(format!("{filler}{a}{b}{filler}"));
                    texts.push(format!("x{filler}{a}{filler}{b}y"));
                    texts.push(format!("{b}{}{a}", pieces[(i * 7 + j) % pieces.len()]));
                }
            }
        }
        texts.push(String::new());
        texts.push("Head of Service \u{2013} “Named” Nurse • ".repeat(20));
        texts.push("a ".repeat(50) + "b");
        for t in &texts {
            assert_eq!(is_folded(t), is_folded_bytes(t), "{t:?}");
            let words: Vec<&str> = t.split_whitespace().collect();
            assert_eq!(is_folded(t), words.join(" ") == *t, "{t:?}");
        }
    }

    #[test]
    fn a_folded_text_is_known_as_one_and_copied_whole() {
        for t in [
            "Head of Service",
            "“Quoted” – dashes and é",
            "a",
            "",
            "x\u{1}y",
            "a longer text of many words, all folded, well past sixteen bytes",
        ] {
            assert!(is_folded(t), "{t:?}");
            assert_eq!(fold_space(t), t);
        }
        for t in [
            " lead",
            "trail ",
            "two  spaces",
            "tab\there",
            "line\nbreak",
            "no-break\u{a0}space",
            "thin\u{2009}space",
            "ideographic\u{3000}space",
            "next\u{85}line",
            "vertical\u{b}tab",
            "form\u{c}feed",
            "carriage\rreturn",
            "a longer text of many words, folded until the very  end",
        ] {
            assert!(!is_folded(t), "{t:?}");
            let words: Vec<&str> = t.split_whitespace().collect();
            assert_eq!(fold_space(t), words.join(" "), "{t:?}");
        }
    }

    #[test]
    fn cleaning() {
        assert_eq!(clean("  •  Review   the\twebsite "), "Review the website");
        assert_eq!(clean("➤ Item"), "Item");
        assert_eq!(clean("- item"), "item");
        assert_eq!(clean("-5% rate"), "-5% rate");
        assert_eq!(clean("* starred"), "starred");
    }

    #[test]
    fn white_space_folds_as_split_whitespace_splits() {
        for t in [
            "",
            "   ",
            "a",
            " a ",
            "a\u{b}b\u{c}c\r\nd",
            "caf\u{e9}\u{a0}au\u{2003}lait\u{3000}\u{85}x",
            "\u{2028}lead\u{2029} \u{200b}zero-width\u{feff}",
            "two  words\t\ttabs \u{1680}ogham",
            "\u{f0b7} bullet \u{2013} dash",
        ] {
            let want = t.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(fold_space(t), want, "{t:?}");
        }
    }

    #[test]
    fn dittos() {
        for d in [
            "“ ”",
            "\" \"",
            ",,",
            "ditto",
            "As above",
            "“”",
            "\"",
            "Same as above",
        ] {
            assert!(is_ditto(d), "{d}");
        }
        for d in [
            "“Quoted text”",
            "1.1",
            "",
            "  ",
            "B",
            "Same",
            "\"Quoted\"",
            "Do not",
            "Already done",
        ] {
            assert!(!is_ditto(d), "{d}");
        }
    }
}
