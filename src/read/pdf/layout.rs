//! From characters to words, lines and paragraphs.
//!
//! - **Lines**: characters whose baselines (box bottoms) lie within
//!   [`line_tolerance`] of each other, in x order; a duplicate glyph drawn
//!   twice at the same place (fake bold) is kept once.
//! - **Words**: split at space characters and at gaps wider than
//!   [`WORD_GAP`] × the font size.
//! - **Paragraphs**: consecutive lines of one text column (a cell, or the
//!   page outside tables) are one paragraph unless (a) the gap between them
//!   is larger than a line's spacing, (b) the next line starts with a
//!   bullet, or (c) the earlier line stopped short: its first word would
//!   have fitted at its end, so the writer broke the line on purpose (a
//!   paragraph end or line break) — except, where the document's short
//!   stops show a writer that balances its lines rather than filling them
//!   (see `balanced`), a stop mid-sentence (no punctuation, the next line
//!   going on in lower case), which is a wrap; except, where the writer
//!   draws the space it wraps at (`wrap_spaces`) and drew one at the
//!   line's end, a next word that would have fitted by less than half an
//!   em (the writer measured it otherwise than it drew it: see
//!   `stopped_short`); and, whatever the writer, a line ending on a word
//!   that cannot end a phrase ("of", "the", "and") or on a hyphen inside a
//!   word, the next going on in lower case ("step-" + "up"): no paragraph
//!   ends there (`cannot_end`). Lines of one paragraph are
//!   joined with a space, except after a hyphen at the end of a line
//!   (`co-` + `ordinating`)
//!   and where a word too long for the column was broken inside it (a line
//!   holding that single word, filled to the edge, followed by a fragment
//!   that reads as a word ending: `Mileston` + `er Due Date`; see
//!   `is_word_ending`). Where the writer draws its wrap spaces, the line's
//!   end says which: a drawn space is always a space (`ongoing- ` +
//!   `report`), and a slash with none drawn though there was room for one
//!   was inside a word (`Priorities/` + `Outcomes`; see `slash_unspaced`),
//!   as was a word alone on its line, so drawn, full to within the next
//!   line's first glyph and half an em, the next line going on in lower
//!   case (`profession` + `als know`; see `broken_in_word`).

use super::interp::{Char, Rgb};

/// A gap between glyphs wider than this fraction of the font size starts a
/// new word.
pub const WORD_GAP: f64 = 0.2;

/// Glyphs that mark a bulleted item when they start a line.
pub const BULLETS: &[&str] = &["•", "▪", "●", "◦", "○", "■", "□", "➢", "\u{F0B7}"];

/// A run of a paragraph's text: `(text, bold, italic, highlight)`.
pub type Run = (String, bool, bool, Option<String>);

/// A word: glyphs with no space or gap between them.
#[derive(Debug, Clone, PartialEq)]
pub struct Word {
    /// The text.
    pub text: String,
    /// Left.
    pub x0: f64,
    /// Right.
    pub x1: f64,
    /// Top.
    pub top: f64,
    /// Bottom.
    pub bottom: f64,
    /// Font size (largest glyph).
    pub size: f64,
    /// Every glyph bold.
    pub bold: bool,
    /// Every glyph italic.
    pub italic: bool,
    /// A highlight behind the word (set by the caller).
    pub highlight: Option<String>,
    /// Text colour of the first glyph.
    pub color: Rgb,
    /// Every glyph tagged as a list label (see `tags`).
    pub label: bool,
    /// Every glyph tagged as part of a list paragraph.
    pub in_list: bool,
    /// The gap after it holds one space glyph, drawn from its end to the
    /// next word's start: a word space, however wide (a justified line's
    /// word spacing, `Tw`), not a gap between columns.
    pub spaced: bool,
    /// The gap after it holds no blank glyph at all (the next word was
    /// drawn apart from it, as a writer draws each cell's lines on their
    /// own). Unset on a line's last word.
    pub bare: bool,
}

/// A line of words.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// Words left to right.
    pub words: Vec<Word>,
    /// Left.
    pub x0: f64,
    /// Right.
    pub x1: f64,
    /// Top.
    pub top: f64,
    /// Bottom (baseline region).
    pub bottom: f64,
    /// Largest font size.
    pub size: f64,
    /// Structure elements of its first and last glyph (tagged PDFs).
    pub mcid: (Option<u32>, Option<u32>),
    /// Its last glyph is a space drawn after the last inked one.
    pub space_end: bool,
    /// The width of a space glyph drawn in it, if any.
    pub space_width: Option<f64>,
}

impl Line {
    /// The words joined by single spaces.
    pub fn text(&self) -> String {
        self.words
            .iter()
            .map(|w| w.text.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// The list label a tagged PDF marks at the line's start ("3."), when
    /// it is not a bullet: a word tagged `/Lbl` (Word), or a list number
    /// starting a paragraph tagged as a list's (LibreOffice).
    pub fn tagged_label(&self) -> Option<String> {
        let first = self.words.first()?;
        let tagged = first.label || (first.in_list && is_list_number(&first.text));
        (tagged && !self.is_bullet() && self.words.len() > 1).then(|| first.text.clone())
    }

    /// The label of a numbered list item at the line's start ("1.", "2)",
    /// "a.", "iv."): tagged as one (see [`Line::tagged_label`]), or a word
    /// of that form followed by a gap of half an em or more (the tab Word
    /// and LibreOffice put after a list number). A number typed before the
    /// text, followed by a plain space (a quarter of an em or so), is left
    /// as text.
    pub fn list_label(&self) -> Option<String> {
        if let Some(label) = self.tagged_label() {
            return Some(label);
        }
        let [first, second, ..] = self.words.as_slice() else {
            return None;
        };
        let gap = second.x0 - first.x1;
        (is_list_number(&first.text) && gap >= 0.5 * first.size.max(1.0))
            .then(|| first.text.clone())
    }

    /// Starts with a bullet glyph.
    pub fn is_bullet(&self) -> bool {
        self.words
            .first()
            .is_some_and(|w| BULLETS.contains(&w.text.as_str()))
    }
}

/// Whether a word has the form of a list number: "1.", "12)", "a.", "iv.".
pub fn is_list_number(word: &str) -> bool {
    let Some(body) = word.strip_suffix(['.', ')']) else {
        return false;
    };
    let numeric = !body.is_empty() && body.len() <= 3 && body.bytes().all(|b| b.is_ascii_digit());
    let letter = body.len() == 1 && body.bytes().all(|b| b.is_ascii_lowercase());
    let roman = !body.is_empty() && body.len() <= 4 && body.bytes().all(|b| b"ivx".contains(&b));
    numeric || letter || roman
}

/// How far apart two baselines may be and still be one line.
pub fn line_tolerance(size: f64) -> f64 {
    (size * 0.35).max(1.5)
}

/// Group characters into lines, top to bottom.
pub fn lines(chars: &[&Char]) -> Vec<Line> {
    let mut sorted: Vec<&Char> = chars.to_vec();
    sorted.sort_by(|a, b| a.bottom.total_cmp(&b.bottom).then(a.x0.total_cmp(&b.x0)));
    // Cluster baselines. Superscripts (smaller, raised) join the line whose
    // baseline is nearest below them.
    let mut groups: Vec<(f64, f64, Vec<&Char>)> = Vec::new(); // (bottom, size, chars)
    for c in sorted {
        let tol = line_tolerance(c.size);
        match groups
            .iter_mut()
            .rev()
            .take(3)
            .find(|(b, s, _)| (c.bottom - *b).abs() <= tol.max(line_tolerance(*s)))
        {
            Some(g) => {
                if c.size > g.1 {
                    g.0 = c.bottom;
                    g.1 = c.size;
                }
                g.2.push(c);
            }
            None => groups.push((c.bottom, c.size, vec![c])),
        }
    }
    let groups = raise_superscripts(groups);
    let mut out: Vec<Line> = groups
        .into_iter()
        .filter_map(|(_, _, mut cs)| {
            cs.sort_by(|a, b| a.x0.total_cmp(&b.x0));
            line_of(&cs)
        })
        .collect();
    out.sort_by(|a, b| a.top.total_cmp(&b.top).then(a.x0.total_cmp(&b.x0)));
    out
}

/// A group of smaller glyphs raised above a line (an ordinal's "st"/"th",
/// a footnote mark) joins that line when it sits within the line's upper
/// part and follows a glyph of the line without a gap: "29" + raised "th"
/// is "29th", not a line of its own.
fn raise_superscripts(mut groups: Vec<(f64, f64, Vec<&Char>)>) -> Vec<(f64, f64, Vec<&Char>)> {
    if groups.len() < 2 {
        return groups;
    }
    let mut i = 0;
    while i < groups.len() {
        let (bottom, size) = (groups[i].0, groups[i].1);
        let sups = &groups[i].2;
        let target = groups.iter().enumerate().position(|(j, (b, s, cs))| {
            let attached = |sup: &Char, to: &[&Char]| {
                to.iter()
                    .any(|c| !std::ptr::eq(*c, sup) && (sup.x0 - c.x1).abs() <= 0.25 * s)
            };
            j != i
                && size <= 0.85 * s
                && bottom < *b
                && bottom > b - 0.8 * s
                && sups.iter().any(|sup| attached(sup, cs))
                && sups
                    .iter()
                    .all(|sup| attached(sup, cs) || attached(sup, sups))
        });
        match target {
            Some(j) => {
                let moved = std::mem::take(&mut groups[i].2);
                groups[j].2.extend(moved);
                groups.remove(i);
            }
            None => i += 1,
        }
    }
    groups
}

fn line_of(chars: &[&Char]) -> Option<Line> {
    let inked = || {
        chars
            .iter()
            .filter(|c| !c.text.chars().all(char::is_whitespace))
    };
    let mcid = (
        inked().next().and_then(|c| c.mcid),
        inked().next_back().and_then(|c| c.mcid),
    );
    let space_end = chars
        .last()
        .is_some_and(|c| !c.text.is_empty() && c.text.chars().all(char::is_whitespace));
    // The narrowest: a space stretched by word spacing is drawn as wide as
    // it moves the pen (see `interp`).
    let space_width = chars
        .iter()
        .filter(|c| &*c.text == " " && c.x1 > c.x0)
        .map(|c| c.x1 - c.x0)
        .reduce(f64::min);
    let mut words: Vec<Word> = Vec::new();
    let mut cur: Option<Word> = None;
    let mut last: Option<&Char> = None;
    // The blank glyphs since the last word: how many, and the first's left
    // and the last's right.
    let mut blanks: (usize, f64, f64) = (0, 0.0, 0.0);
    for &c in chars {
        // A glyph drawn twice at one place (fake bold, shadow) counts once.
        if let Some(l) = last {
            if l.text == c.text && (l.x0 - c.x0).abs() < 0.5 && (l.top - c.top).abs() < 0.5 {
                continue;
            }
        }
        let blank = c.text.chars().all(char::is_whitespace);
        let gap_break = last.is_some_and(|l| c.x0 - l.x1 > WORD_GAP * c.size.max(l.size));
        last = Some(c);
        if blank || gap_break {
            if let Some(w) = cur.take() {
                words.push(w);
                blanks = (0, 0.0, 0.0);
            }
            if blank {
                blanks = match blanks {
                    (0, ..) => (1, c.x0, c.x1),
                    (n, x0, _) => (n + 1, x0, c.x1),
                };
                continue;
            }
        }
        if cur.is_none() {
            if let Some(w) = words.last_mut() {
                let (n, x0, x1) = blanks;
                w.spaced = n == 1 && x0 <= w.x1 + 0.5 && x1 >= c.x0 - 0.5;
                w.bare = n == 0;
            }
            blanks = (0, 0.0, 0.0);
        }
        match &mut cur {
            Some(w) => {
                w.text.push_str(&c.text);
                w.x1 = w.x1.max(c.x1);
                w.top = w.top.min(c.top);
                w.bottom = w.bottom.max(c.bottom);
                w.size = w.size.max(c.size);
                w.bold &= c.bold;
                w.italic &= c.italic;
                w.label &= c.label;
                w.in_list &= c.in_list;
            }
            None => {
                cur = Some(Word {
                    text: c.text.to_string(),
                    x0: c.x0,
                    x1: c.x1,
                    top: c.top,
                    bottom: c.bottom,
                    size: c.size,
                    bold: c.bold,
                    italic: c.italic,
                    highlight: None,
                    color: c.color,
                    label: c.label,
                    in_list: c.in_list,
                    spaced: false,
                    bare: false,
                })
            }
        }
    }
    if let Some(w) = cur {
        words.push(w);
    }
    if words.is_empty() {
        return None;
    }
    Some(Line {
        x0: words[0].x0,
        x1: words[words.len() - 1].x1,
        top: words.iter().map(|w| w.top).fold(f64::MAX, f64::min),
        bottom: words.iter().map(|w| w.bottom).fold(f64::MIN, f64::max),
        size: words.iter().map(|w| w.size).fold(0.0, f64::max),
        mcid,
        space_end,
        space_width,
        words,
    })
}

/// A visual paragraph: its lines, and whether it starts with a bullet.
#[derive(Debug, Clone, PartialEq)]
pub struct VisualParagraph {
    /// The lines, top to bottom.
    pub lines: Vec<Line>,
}

impl VisualParagraph {
    /// The label of a numbered list item at the paragraph's start: the
    /// first line's [`Line::list_label`], or a word of a list number's form
    /// ("3.") whose wrapped lines all start at one x right of it, a quarter
    /// em or more, and not right of the text after it (a hanging indent:
    /// pdfLaTeX sets `\item[3.]` a label space before the text, no wider
    /// than the space after a typed "3.", and its wrapped lines at the
    /// list's margin, under the text or, a label wider than its box pushing
    /// the first line's text on, just left of it). A typed number wraps
    /// back to the column's edge; an item of one line shows nothing.
    pub fn list_label(&self) -> Option<String> {
        let first = self.lines.first()?;
        if let Some(label) = first.list_label() {
            return Some(label);
        }
        let (Some(next), [number, text, ..]) = (self.lines.get(1), first.words.as_slice()) else {
            return None;
        };
        let size = first.size.max(1.0);
        (is_list_number(&number.text)
            && !first.is_bullet()
            && next.x0 >= number.x0 + 0.25 * size
            && next.x0 <= text.x0 + 0.5
            && self.lines[1..]
                .iter()
                .all(|l| (l.x0 - next.x0).abs() <= 0.5))
        .then(|| number.text.clone())
    }
}

/// Split lines of one text column into paragraphs. `right` is the column's
/// right text edge (for a cell: its right border less its padding).
/// `wrap_spaces`: the writer draws the space at which it wraps (see
/// [`wrap_spaces`]).
/// `balanced`: the writer balances its lines (see [`balanced`]), so a
/// line that stopped short mid-sentence (no punctuation at its end, the
/// next line starting in lower case) is a wrap, not a paragraph's end.
pub fn paragraphs(
    lines: Vec<Line>,
    right: f64,
    wrap_spaces: bool,
    balanced: bool,
) -> Vec<VisualParagraph> {
    let mut out: Vec<VisualParagraph> = Vec::new();
    for line in lines {
        let new = match out.last().and_then(|p| p.lines.last()) {
            None => true,
            Some(prev) => breaks_before(prev, &line, right, wrap_spaces, balanced),
        };
        if new {
            out.push(VisualParagraph { lines: vec![line] });
        } else if let Some(p) = out.last_mut() {
            p.lines.push(line);
        }
    }
    out
}

/// How the cues before rule (c) of the module docs read a pair of lines.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Cue {
    /// A tag, a gap, a size change or a bullet ends the paragraph.
    Break,
    /// The tags join the lines.
    Join,
    /// No cue: geometry (rule (c), (d)) decides.
    Open,
}

fn breaks_before(prev: &Line, next: &Line, right: f64, wrap_spaces: bool, balanced: bool) -> bool {
    match cue(prev, next) {
        Cue::Break => return true,
        Cue::Join => return false,
        Cue::Open => {}
    }
    // (c) The earlier line stopped although the next line's first word
    // would have fitted after it; in a balancing writer's text, only where
    // the line does not stop mid-sentence.
    if stopped_short(prev, next, right, wrap_spaces)
        && !(balanced && mid_sentence(prev, next))
        && !cannot_end(prev, next)
    {
        return true;
    }
    // (d) The line is full, but the writer draws the space it wraps at and
    // drew none, though there was room for one: the paragraph ended there
    // (unless the line was broken at a hyphen or inside a word too long for
    // the column). LibreOffice leaves the space out only where it would
    // cross the column's edge: measured on the fixtures, every wrap without
    // a space lacked room for one (0.6 to 3.5 pt short), every paragraph
    // end had 4 pt or more. Only left-aligned text is read this way (both
    // lines start at one edge): how a writer ends the lines of centred or
    // right-aligned text was not seen.
    unspaced_end(prev, next, right, wrap_spaces)
}

/// Rule (d) of [`breaks_before`]: a line of a writer that draws its wrap
/// spaces ends with none drawn, though there was room for one, and the
/// next line does not go on inside a word; the paragraph ended there. Also
/// asked of a cell's last line on a page and its first on the next.
pub(super) fn unspaced_end(prev: &Line, next: &Line, right: f64, wrap_spaces: bool) -> bool {
    wrap_spaces
        && !prev.space_end
        && (prev.x0 - next.x0).abs() <= 1.0
        && room_for_space(prev, next, right)
        && join_after(prev, next, right, wrap_spaces) == " "
}

/// Whether a space (the line's own, else a quarter em) and half a point
/// more fit after `prev`'s last glyph.
fn room_for_space(prev: &Line, next: &Line, right: f64) -> bool {
    let size = prev.size.max(next.size).max(1.0);
    let space_width = prev.space_width.unwrap_or(0.25 * size);
    prev.x1 + space_width + 0.5 <= right
}

/// Whether a line ends where no paragraph ends, whatever the writer: on a
/// word that cannot end a phrase (an article, a preposition, a
/// conjunction: "Children in" + "Care Council"), or on a hyphen inside a
/// word whose next line goes on in lower case ("step-" + "up"). A writer
/// that balances its lines breaks there with room to spare; a short
/// document may show too few stops to tell it is one (see [`balanced`]).
fn cannot_end(prev: &Line, next: &Line) -> bool {
    let Some(last) = prev.words.last() else {
        return false;
    };
    let lower = next
        .words
        .first()
        .is_some_and(|w| w.text.starts_with(char::is_lowercase) && !is_list_number(&w.text));
    OPEN_WORDS.contains(&last.text.to_lowercase().as_str())
        || (last.text.len() > 2
            && last.text.ends_with('-')
            && last.text[..last.text.len() - 1].ends_with(char::is_alphabetic)
            && lower)
}

/// Words that cannot end a phrase: a line ending on one goes on.
const OPEN_WORDS: &[&str] = &[
    "a", "an", "the", "of", "and", "or", "to", "for", "with", "by", "from", "at", "into", "&",
];

/// Whether a line ends mid-sentence and the next goes on with it: the
/// line's last word ends in a letter, a figure or a comma (no full stop,
/// colon, semicolon, question or exclamation mark, closing bracket), and
/// the next line starts with a lower-case letter (not a list item's label,
/// "a)", "iv.") or an ampersand, or, after a word, with a bare number
/// ("level" + "2 training", "section" + "117 Mental Health Act"); or the
/// next line starts with
/// an en or em dash and a lower-case word after no stop; or the line ends
/// in a word that cannot
/// end a phrase (an article, a preposition, a conjunction: "the", "of",
/// "and"), whatever the next line starts with ("of" + "LSCBN").
fn mid_sentence(prev: &Line, next: &Line) -> bool {
    let Some(last) = prev.words.last() else {
        return false;
    };
    if OPEN_WORDS.contains(&last.text.to_lowercase().as_str()) {
        return true;
    }
    // A dash between two clauses set at the start of the line ("79%" +
    // "– improvement agreed"): after no stop, a lower-case word after it.
    let dash = matches!(next.words.first().map(|w| w.text.as_str()), Some("–" | "—"))
        && next
            .words
            .get(1)
            .is_some_and(|v| v.text.starts_with(char::is_lowercase))
        && !last.text.ends_with(['.', ':', ';', '!', '?']);
    let ends_open = last
        .text
        .chars()
        .last()
        .is_some_and(|c| c.is_alphanumeric() || c == ',');
    dash || ends_open
        && next.words.first().is_some_and(|w| {
            (w.text.starts_with(char::is_lowercase) && !is_list_number(&w.text))
                || w.text.starts_with('&')
                || (last.text.ends_with(char::is_alphabetic)
                    && w.text.bytes().all(|b| b.is_ascii_digit()))
        })
}

/// The stops of a text column that only rule (c) reads as paragraph ends,
/// `(mid_sentence, all)`: how many of its lines stopped short although the
/// next line's first word would have fitted, with no other cue (tag, gap,
/// size, bullet), and how many of those stop mid-sentence (see
/// [`balanced`]).
pub fn stops(lines: &[Line], right: f64, wrap_spaces: bool) -> (usize, usize) {
    let (mut mid, mut all) = (0, 0);
    for pair in lines.windows(2) {
        let (prev, next) = (&pair[0], &pair[1]);
        if cue(prev, next) == Cue::Open && stopped_short(prev, next, right, wrap_spaces) {
            all += 1;
            mid += usize::from(mid_sentence(prev, next));
        }
    }
    (mid, all)
}

/// Whether the [`stops`] of a document show a writer that balances its
/// lines (Knuth and Plass's total fit, as Apache FOP sets ragged-right
/// text) rather than filling each line before it wraps: it often wraps
/// before a word that would have fitted, to even out the lines, so many
/// of its short stops fall mid-sentence. A writer that fills its lines
/// stops short where a paragraph or line break was typed, at a sentence's
/// or an item's end; mid-sentence, rarely. A document whose one short stop
/// falls mid-sentence counts as balanced (a short plan printed by FOP
/// shows no more).
pub fn balanced((mid, all): (usize, usize)) -> bool {
    (mid >= 2 && mid * 3 >= all) || (mid == 1 && all == 1)
}

/// The cues before rule (c): tags, a gap, a size change, a bullet.
fn cue(prev: &Line, next: &Line) -> Cue {
    // A tagged PDF says it: the structure element each line's text belongs
    // to. Another element is a new paragraph (or list label); the same one
    // the same paragraph, whatever the geometry.
    if let (Some(a), Some(b)) = (prev.mcid.1, next.mcid.0) {
        return if a != b { Cue::Break } else { Cue::Join };
    }
    let size = prev.size.max(next.size).max(1.0);
    // (a) A gap larger than ordinary line spacing (the glyph boxes are one
    // em tall, so consecutive lines at 1.15 spacing leave ~0.15 em).
    if next.top - prev.bottom > 0.45 * size {
        return Cue::Break;
    }
    // Different sizes: a heading above text, or text above a heading. A
    // bullet or a list number ("3.") is left out: writers draw it larger
    // than its item's text (reportlab's bullet font size), and the item's
    // wrapped lines are its paragraph.
    let text_size = |l: &Line| {
        let marker = l.is_bullet()
            || (l.words.len() >= 2 && l.words.first().is_some_and(|w| is_list_number(&w.text)));
        let s = l
            .words
            .iter()
            .skip(usize::from(marker))
            .map(|w| w.size)
            .fold(0.0, f64::max);
        if s > 0.0 {
            s
        } else {
            l.size
        }
    };
    if (text_size(prev) - text_size(next)).abs() > 0.15 * size {
        return Cue::Break;
    }
    // (b) A bullet starts an item.
    if next.is_bullet() {
        return Cue::Break;
    }
    Cue::Open
}

/// Rule (c)'s test: the earlier line stopped although the next line's
/// first word would have fitted after it. Where the writer draws the space
/// it wraps at (`wrap_spaces`) and drew one at this line's end, the line
/// was wrapped at that space unless a space was typed before a break: the
/// word must fit by [`WRAPPED_AT_SPACE`] of an em. A writer that measures
/// its text otherwise than it draws it (AbiWord lays out with widths
/// rounded to its screen units) wraps words that would fit by up to a
/// fifth of an em as drawn ("can name" / "a type of abuse"); a paragraph
/// that ends in a typed space with the next one's first word fitting that
/// closely is rare.
fn stopped_short(prev: &Line, next: &Line, right: f64, wrap_spaces: bool) -> bool {
    let size = prev.size.max(next.size).max(1.0);
    let first = &next.words[0];
    // The space is the line's own where it shows one wider than that
    // estimate (its narrowest gap between words: pdfTeX's Computer Modern
    // spaces are a third of an em, and a word that misses by that much
    // wrapped).
    let space = line_space(prev).map_or(0.28 * size, |s| s.max(0.28 * size));
    // The space is estimated (fonts' spaces run 0.25 to 0.32 em), so a
    // word that misses fitting by less than a point is taken to have wrapped.
    let slack = if wrap_spaces && prev.space_end {
        (WRAPPED_AT_SPACE * size).max(1.0)
    } else {
        1.0
    };
    prev.x1 + space + (first.x1 - first.x0) < right - slack
}

/// How closely (ems) a word must fit after a line that ends in a drawn
/// space, in a writer that draws its wrap spaces, for the line to have
/// stopped short (see [`stopped_short`]).
const WRAPPED_AT_SPACE: f64 = 0.5;

/// The narrowest gap between two words of a line, where it has one of
/// 0.15 to 0.4 em (a font's space runs 0.25 to 0.35 em; a closer word is
/// a raised glyph or a kerned piece, a wider gap justified text's stretch
/// or a column's gap).
fn line_space(line: &Line) -> Option<f64> {
    line.words
        .windows(2)
        .map(|p| (p[1].x0 - p[0].x1, p[0].size.max(p[1].size).max(1.0)))
        .filter(|&(g, size)| g >= 0.15 * size && g <= 0.4 * size)
        .map(|(g, _)| g)
        .reduce(f64::min)
}

/// Line ends in drawing order, `(spaced, inked)`: how often the last glyph
/// drawn before the text moves down to a new line is a space, and how
/// often it is not. Some writers (LibreOffice) draw the space at which
/// they wrap a line and none at a paragraph's end; others draw no space at
/// line ends, or one at every end.
pub fn line_ends(chars: &[Char]) -> (usize, usize) {
    let (mut spaced, mut inked) = (0, 0);
    for pair in chars.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        if a.upright && b.upright && b.bottom - a.bottom > line_tolerance(a.size) {
            if !a.text.is_empty() && a.text.chars().all(char::is_whitespace) {
                spaced += 1;
            } else {
                inked += 1;
            }
        }
    }
    (spaced, inked)
}

/// Whether the counts of [`line_ends`] show a writer that draws the space
/// it wraps at: spaced ends are common, yet not every end is spaced. Then a
/// full line ending without a space is a paragraph's end, which geometry
/// alone cannot see.
pub fn wrap_spaces((spaced, inked): (usize, usize)) -> bool {
    spaced >= 3 && inked >= 3 && spaced * 4 >= inked
}

/// A paragraph's text runs: `(text, bold, italic, highlight)`, lines joined
/// as described in the module docs.
pub fn runs(p: &VisualParagraph, right: f64, wrap_spaces: bool) -> Vec<Run> {
    let mut runs: Vec<Run> = Vec::new();
    let mut push = |text: &str, sep: &str, w: &Word| match runs.last_mut() {
        Some(r) if r.1 == w.bold && r.2 == w.italic && r.3 == w.highlight => {
            r.0.push_str(sep);
            r.0.push_str(text);
        }
        Some(r) => {
            r.0.push_str(sep);
            runs.push((text.to_string(), w.bold, w.italic, w.highlight.clone()));
        }
        None => runs.push((text.to_string(), w.bold, w.italic, w.highlight.clone())),
    };
    for (li, line) in p.lines.iter().enumerate() {
        for (wi, w) in line.words.iter().enumerate() {
            let sep = if li == 0 && wi == 0 {
                ""
            } else if wi > 0 {
                " "
            } else {
                let before = li.checked_sub(2).map(|b| &p.lines[b]);
                let prev = &p.lines[li - 1];
                match join_after(prev, line, right, wrap_spaces) {
                    " " if !(wrap_spaces && prev.space_end)
                        && slashes_broken_apart(before, prev, line, right) =>
                    {
                        ""
                    }
                    sep => sep,
                }
            };
            push(&w.text, sep, w);
        }
    }
    runs
}

/// The baseline pitch of a table's wrapped lines, in ems: the lower
/// quartile of the pitches between consecutive lines of one cell (most of
/// them are wraps), where there are at least [`PITCH_SAMPLES`] of them.
/// Lines drawn over each other (under half an em apart) and lines of
/// different sizes are left out.
pub fn wrap_pitch(cells: &[Vec<Line>]) -> Option<f64> {
    let mut pitches: Vec<f64> = cells
        .iter()
        .flat_map(|lines| lines.windows(2))
        .filter(|p| (p[0].size - p[1].size).abs() <= 0.15 * p[0].size.max(p[1].size))
        .map(|p| (p[1].bottom - p[0].bottom) / p[0].size.max(p[1].size).max(1.0))
        .filter(|&r| r >= 0.5)
        .collect();
    if pitches.len() < PITCH_SAMPLES {
        return None;
    }
    pitches.sort_by(f64::total_cmp);
    Some(pitches[pitches.len() / 4])
}

/// Consecutive line pairs [`wrap_pitch`] needs to go on.
const PITCH_SAMPLES: usize = 8;

/// Split paragraphs where a line sits lower under the line above than the
/// table's wrapped lines do (`pitch`, from [`wrap_pitch`]) by a quarter em
/// or more: the space a writer leaves between paragraphs, where its lines
/// are set so close (line height 1.0, paragraphs 3pt apart) that the glyph
/// boxes of a paragraph's lines touch and the space between paragraphs is
/// less than [`paragraphs`]'s gap. Not in tagged PDFs (the tags say which
/// lines are one paragraph), nor between lines of different sizes, nor
/// before a line starting in lower case (a superscript ordinal makes its
/// line taller, and the next runs on mid-sentence).
pub fn split_spaced(paras: Vec<VisualParagraph>, pitch: Option<f64>) -> Vec<VisualParagraph> {
    let Some(pitch) = pitch else {
        return paras;
    };
    let mut out = Vec::with_capacity(paras.len());
    for p in paras {
        let mut cur: Vec<Line> = Vec::new();
        for line in p.lines {
            if let Some(prev) = cur.last() {
                let size = prev.size.max(line.size).max(1.0);
                let tagged = prev.mcid.1.is_some() && line.mcid.0.is_some();
                let same_size = (prev.size - line.size).abs() <= 0.15 * size;
                // A line starting in lower case runs on mid-sentence: set
                // lower by a raised glyph on the line above ("18th"), which
                // makes that line taller.
                let runs_on = line
                    .words
                    .first()
                    .is_some_and(|w| w.text.starts_with(char::is_lowercase));
                if !tagged
                    && same_size
                    && !runs_on
                    && (line.bottom - prev.bottom) / size >= pitch + 0.25
                {
                    out.push(VisualParagraph {
                        lines: std::mem::take(&mut cur),
                    });
                }
            }
            cur.push(line);
        }
        if !cur.is_empty() {
            out.push(VisualParagraph { lines: cur });
        }
    }
    out
}

/// Whether a line ending in a word of alternatives set with slashes and no
/// spaces ("Red/Amber/") runs on into the next line's first word
/// ("Green)"): the writer broke after the slash, inside the word, because
/// the rest did not fit (it would not have fitted even with no space
/// between). A word with one slash at its end ("subgroup/") is left
/// spaced: plans type "subgroup/ Children's" as often as "and/or", and
/// only a slash inside the word shows how this one was typed.
fn slashed_run_on(prev: &Line, next: &Line, right: f64) -> bool {
    let (Some(last), Some(first)) = (prev.words.last(), next.words.first()) else {
        return false;
    };
    let Some(stem) = last.text.strip_suffix('/') else {
        return false;
    };
    let alternatives = stem.split('/').count() >= 2
        && stem
            .split('/')
            .all(|part| part.chars().any(char::is_alphanumeric));
    alternatives
        && first.text.starts_with(char::is_alphanumeric)
        && prev.x1 + (first.x1 - first.x0) > right
}

/// Whether a line ending in a slash, in a writer that draws the space it
/// wraps at, was broken after the slash inside a word ("Priorities/" +
/// "Outcomes", "and/" + "or", "departments /" + "partners*"): it drew no
/// space though there was room for one (where there was none, LibreOffice
/// leaves the space out: see rule (d) of [`breaks_before`]), and the next
/// line goes on with a letter or figure.
fn slash_unspaced(prev: &Line, next: &Line, right: f64) -> bool {
    let (Some(last), Some(first)) = (prev.words.last(), next.words.first()) else {
        return false;
    };
    !prev.space_end
        && last.text.ends_with('/')
        && first.text.starts_with(char::is_alphanumeric)
        && room_for_space(prev, next, right)
}

/// Whether a word alone on its line, in a writer that draws the space it
/// wraps at, was broken inside itself because it does not fit the column
/// ("profession" + "als know"): no space drawn though there was room for
/// one (so none was left out for want of room), the line full to within
/// the next line's first glyph and half an em (a writer may measure wider
/// than it draws), and the next line going on in lower case. A paragraph
/// of one word that fills its line, then one starting in lower case, is
/// rarer.
fn broken_in_word(prev: &Line, next: &Line, right: f64) -> bool {
    let ([last], Some(first)) = (prev.words.as_slice(), next.words.first()) else {
        return false;
    };
    let size = prev.size.max(next.size).max(1.0);
    let first_glyph = (first.x1 - first.x0) / first.text.chars().count().max(1) as f64;
    !prev.space_end
        && last.text.chars().last().is_some_and(char::is_alphabetic)
        && first.text.starts_with(char::is_lowercase)
        && room_for_space(prev, next, right)
        && right - prev.x1 < first_glyph + 0.5 * size
}

/// Whether `prev` and `next` are two links of a chain of alternatives a
/// writer broke after every slash ("RAG (Red/" / "Amber/" / "Green)", a
/// narrow column; `before` is the line above `prev`): either `prev` ends in
/// a slash and `next` is one word ending in one, or `prev` is one word
/// ending in a slash and `before` ended in one too. The next word would not
/// have fitted after `prev` even with no space (the writer had to break). A
/// slash ending one word typed before a space ("subgroup/ Children's") is
/// one link alone and keeps its space (`slashed_run_on`).
fn slashes_broken_apart(before: Option<&Line>, prev: &Line, next: &Line, right: f64) -> bool {
    let link = |w: &Word| {
        w.text
            .strip_suffix('/')
            .and_then(|stem| stem.rsplit('/').next())
            .is_some_and(|part| part.chars().any(char::is_alphanumeric))
    };
    let (Some(last), Some(first)) = (prev.words.last(), next.words.first()) else {
        return false;
    };
    if !link(last)
        || !first.text.starts_with(char::is_alphanumeric)
        || prev.x1 + (first.x1 - first.x0) <= right
    {
        return false;
    }
    let next_is_link = next.words.len() == 1 && link(first);
    let prev_is_link = prev.words.len() == 1
        && before.is_some_and(|b| b.words.last().is_some_and(|w| w.text.ends_with('/')));
    next_is_link || prev_is_link
}

/// Whether a line of one word ending in a full stop after a letter or
/// figure ("2a.", "1.") and the next line, starting with a figure ("1"),
/// are one number broken inside itself: Unicode line breaking has no break
/// between a full stop and a figure ("2a.1", "3.12"), so a writer that
/// broke there did so because the number did not fit its column (a narrow
/// "No." column): the figure would not have fitted after the line even
/// with no space between. A figure that would have fitted followed a space
/// (the line broke there on purpose).
fn number_broken_after_point(prev: &Line, next: &Line, right: f64) -> bool {
    let [word] = prev.words.as_slice() else {
        return false;
    };
    let mut rev = word.text.chars().rev();
    let point = matches!((rev.next(), rev.next()), (Some('.'), Some(c)) if c.is_alphanumeric());
    let first = &next.words[0];
    point
        && first.text.starts_with(|c: char| c.is_ascii_digit())
        && prev.x1 + (first.x1 - first.x0) > right
}

/// What joins a wrapped line to the next one.
fn join_after(prev: &Line, next: &Line, right: f64, wrap_spaces: bool) -> &'static str {
    // A writer that draws the space it wraps at drew one here: the line
    // was broken at a space ("ongoing- " + "report", "subgroup/ " +
    // "Children's").
    if wrap_spaces && prev.space_end {
        return " ";
    }
    let last = prev.words.last().map(|w| w.text.as_str()).unwrap_or("");
    let next_first = next.words[0].text.chars().next().unwrap_or(' ');
    let mut rev = last.chars().rev();
    if let (Some('-'), Some(before)) = (rev.next(), rev.next()) {
        if before.is_alphanumeric() && next_first.is_alphanumeric() {
            return "";
        }
    }
    if number_broken_after_point(prev, next, right)
        || slashed_run_on(prev, next, right)
        || (wrap_spaces && (slash_unspaced(prev, next, right) || broken_in_word(prev, next, right)))
    {
        return "";
    }
    // A single word broken inside itself because it does not fit the
    // column: it fills its line, and the rest starts in lower case.
    // "Filled" means not even the next line's first character would have
    // fitted after it.
    let w = &next.words[0];
    let first_char_width = (w.x1 - w.x0) / w.text.chars().count().max(1) as f64;
    if prev.words.len() == 1
        && right - prev.x1 < first_char_width
        && last.chars().last().is_some_and(char::is_alphabetic)
        && is_word_ending(&w.text)
    {
        return "";
    }
    " "
}

/// Whether a fragment at the start of a line reads as the end of a word
/// rather than a word: geometry cannot tell "Mileston|er" (a word broken
/// because the column is too narrow) from "thereafter|in" (a wrap that
/// happened to fill the line), so the fragment decides: no vowel ("s"), or
/// a common English suffix.
fn is_word_ending(fragment: &str) -> bool {
    const SUFFIXES: &[&str] = &[
        "s", "es", "er", "ers", "ed", "ing", "ings", "ly", "al", "ion", "ions", "tion", "tions",
        "ment", "ments", "ness", "ity", "ies", "ive", "ship", "ance", "ence", "able", "ible",
    ];
    let core: String = fragment.chars().take_while(|c| c.is_alphabetic()).collect();
    if core.is_empty() || !core.chars().all(char::is_lowercase) {
        return false;
    }
    !core.chars().any(|c| "aeiouy".contains(c)) || SUFFIXES.contains(&core.as_str())
}

/// Upright black 10pt characters of `text`, `width` points each, baseline
/// `y`, from `x`: the page content the unit tests of this module and of
/// `stream` lay out.
#[cfg(test)]
pub(super) fn test_chars(text: &str, x: f64, y: f64, width: f64) -> Vec<Char> {
    text.chars()
        .enumerate()
        .map(|(i, c)| Char {
            text: c.to_string().into(),
            x0: x + width * i as f64,
            x1: x + width * (i + 1) as f64,
            top: y - 10.0,
            bottom: y,
            size: 10.0,
            bold: false,
            italic: false,
            color: [0, 0, 0],
            upright: true,
            mcid: None,
            label: false,
            in_list: false,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Characters of `text` at 10pt, 6pt wide each, baseline `y`, from `x`.
    fn text_at(text: &str, x: f64, y: f64) -> Vec<Char> {
        test_chars(text, x, y, 6.0)
    }

    #[test]
    fn a_raised_ordinal_belongs_to_its_line() {
        // "29" at 10pt, a raised 6pt "th" right after it, then " Feb".
        let mut chars = text_at("Board on 29", 100.0, 200.0);
        let mut th = test_chars("th", 166.0, 196.0, 3.6);
        for c in &mut th {
            c.size = 6.0;
            c.top = 190.0;
        }
        chars.extend(th);
        chars.extend(text_at(" Feb", 173.2, 200.0));
        let refs: Vec<&Char> = chars.iter().collect();
        let ls = lines(&refs);
        assert_eq!(ls.len(), 1);
        assert_eq!(ls[0].text(), "Board on 29th Feb");
        // Smaller text further up, not joined to a glyph: its own line.
        let mut note = text_at("Board", 100.0, 200.0);
        let mut above = test_chars("note", 300.0, 194.0, 3.6);
        for c in &mut above {
            c.size = 6.0;
            c.top = 188.0;
        }
        note.extend(above);
        let refs: Vec<&Char> = note.iter().collect();
        assert_eq!(lines(&refs).len(), 2);
    }

    fn para_texts(lines: Vec<Line>, right: f64) -> Vec<String> {
        paragraphs(lines, right, false, false)
            .iter()
            .map(|p| runs(p, right, false).into_iter().map(|r| r.0).collect())
            .collect()
    }

    #[test]
    fn words_and_lines() {
        let mut chars = text_at("ab cd", 0.0, 20.0);
        chars.extend(text_at("ef", 100.0, 20.5));
        chars.extend(text_at("gh", 0.0, 40.0));
        let refs: Vec<&Char> = chars.iter().collect();
        let ls = lines(&refs);
        assert_eq!(ls.len(), 2);
        assert_eq!(ls[0].text(), "ab cd ef");
        assert_eq!(ls[1].text(), "gh");
    }

    /// "Learning" then `spaces` space glyphs from x 48 to 78 (each as wide
    /// as its share), then "and" from `next`.
    fn spaced_line(spaces: usize, next: f64) -> Line {
        let mut chars = text_at("Learning", 0.0, 20.0);
        let w = 30.0 / spaces as f64;
        for k in 0..spaces {
            let mut space = text_at(" ", 48.0 + w * k as f64, 20.0);
            space[0].x1 = space[0].x0 + w;
            chars.extend(space);
        }
        chars.extend(text_at("and", next, 20.0));
        let refs: Vec<&Char> = chars.iter().collect();
        let mut ls = lines(&refs);
        assert_eq!(ls.len(), 1);
        ls.remove(0)
    }

    #[test]
    fn a_gap_one_drawn_space_fills_is_a_word_space() {
        // One space glyph stretched over the gap (justified by word
        // spacing): the gap is a word space, and the line's space width is
        // its narrowest space's.
        let l = spaced_line(1, 78.0);
        assert_eq!(l.text(), "Learning and");
        assert!(l.words[0].spaced && !l.words[1].spaced);
        // Spaces typed to pad a column, or a space followed by a jump to
        // the next word, are not.
        assert!(!spaced_line(5, 78.0).words[0].spaced);
        assert!(!spaced_line(1, 120.0).words[0].spaced);
        assert_eq!(spaced_line(5, 78.0).space_width, Some(6.0));
    }

    #[test]
    fn wrapped_lines_join_and_short_lines_break() {
        // Column right edge at 60: "one two" (42 wide) wraps before "three".
        let mut chars = text_at("one two", 0.0, 12.0);
        chars.extend(text_at("three", 0.0, 24.0));
        chars.extend(text_at("co-", 0.0, 36.0));
        chars.extend(text_at("op", 0.0, 48.0));
        chars.extend(text_at("• item", 0.0, 60.0));
        let refs: Vec<&Char> = chars.iter().collect();
        let got = para_texts(lines(&refs), 60.0);
        // "co-" (18 + space) would have taken "op" (12) within 59.5, but a
        // line ending on a hyphen inside a word, the next going on in
        // lower case, ends no paragraph (`cannot_end`): the word is joined.
        assert_eq!(got, ["one two three", "co-op", "• item"]);
    }

    #[test]
    fn a_balancing_writers_short_lines_mid_sentence_are_wraps() {
        // Column right edge at 90 (15 glyphs of 6pt): each line stopped
        // although the next line's first word would have fitted after it.
        let column = |texts: &[&str]| {
            let mut chars = Vec::new();
            for (i, t) in texts.iter().enumerate() {
                chars.extend(text_at(t, 0.0, 12.0 * (i + 1) as f64));
            }
            chars
        };
        let read = |texts: &[&str], balanced: bool| -> Vec<String> {
            let chars = column(texts);
            let refs: Vec<&Char> = chars.iter().collect();
            paragraphs(lines(&refs), 90.0, false, balanced)
                .iter()
                .map(|p| runs(p, 90.0, false).into_iter().map(|r| r.0).collect())
                .collect()
        };
        let text = [
            "we will",
            "make sure",
            "that we",
            "Board acts",
            "a) the plan",
        ];
        // A writer that fills its lines: every short line ends a paragraph.
        assert_eq!(read(&text, false).len(), 5);
        // A balancing writer: mid-sentence stops are wraps; a capital or a
        // list item's label still starts a paragraph.
        assert_eq!(
            read(&text, true),
            ["we will make sure that we", "Board acts", "a) the plan"]
        );
        // Not after a sentence's end, even before lower case.
        assert_eq!(read(&["done.", "then more"], true).len(), 2);
        // "&" goes on mid-sentence, and so does a line ending in "of",
        // whatever follows.
        assert_eq!(read(&["children", "& young people"], true).len(), 1);
        assert_eq!(read(&["role of", "LSCBN and"], true).len(), 1);
        // So does a bare number after a word ("section" + "117 Mental
        // Health Act"), and a dash with lower case after it after no stop
        // ("79%" + "– improvement"); not a list label, nor after a stop.
        assert_eq!(read(&["on section", "117 Mental Act"], true).len(), 1);
        assert_eq!(read(&["level", "2 training"], true).len(), 1);
        assert_eq!(read(&["rate 79%", "\u{2013} improved"], true).len(), 1);
        assert_eq!(read(&["on section", "2. Mental Act"], true).len(), 2);
        assert_eq!(read(&["done.", "\u{2013} improved"], true).len(), 2);
        assert_eq!(read(&["rate 79%", "\u{2013} Improved"], true).len(), 2);
        // A word that cannot end a phrase, or a hyphen inside a word before
        // lower case, ends no paragraph in any writer's text
        // (`cannot_end`); other short stops mid-sentence do, in a filling
        // writer's.
        assert_eq!(read(&["role of", "LSCBN and"], false).len(), 1);
        assert_eq!(read(&["step-", "up rates"], false), ["step-up rates"]);
        assert_eq!(read(&["step-", "Up"], false).len(), 2);
        assert_eq!(read(&["Stay in", "care"], false).len(), 2);
        assert_eq!(read(&["done.", "then more"], false).len(), 2);
        // The evidence: stops mid-sentence, among all short stops.
        let chars = column(&text);
        let refs: Vec<&Char> = chars.iter().collect();
        assert_eq!(stops(&lines(&refs), 90.0, false), (2, 4));
        assert!(balanced((2, 4)));
        // One stop, mid-sentence, and none elsewhere: a short document of a
        // balancing writer (FOP's three-action plans); a filling writer
        // stops short where a break was typed, at a sentence's end.
        assert!(balanced((1, 1)));
        assert!(!balanced((1, 2)), "one mid-sentence stop among others");
        assert!(!balanced((2, 10)), "a few typed breaks among many");
        assert!(!balanced((0, 20)), "a filling writer's paragraph ends");
    }

    #[test]
    fn hyphen_and_overlong_words_join_without_a_space() {
        let mut chars = text_at("self-", 0.0, 12.0);
        chars.extend(text_at("assessment", 0.0, 24.0));
        let refs: Vec<&Char> = chars.iter().collect();
        // Right edge 70: "self-" (30) cannot take "assessment" (60).
        assert_eq!(para_texts(lines(&refs), 70.0), ["self-assessment"]);
        let mut chars = text_at("Mileston", 0.0, 12.0);
        chars.extend(text_at("er Due", 0.0, 24.0));
        let refs: Vec<&Char> = chars.iter().collect();
        // "Mileston" fills a 48-point column: the word was broken inside.
        assert_eq!(para_texts(lines(&refs), 48.0), ["Milestoner Due"]);
    }

    #[test]
    fn paragraphs_spaced_wider_than_the_tables_wrapped_lines_split() {
        // Lines one em apart (10pt text at a 10pt pitch: the glyph boxes
        // touch); paragraphs 3pt further apart, too little for the gap rule.
        let at = |rows: &[(&str, f64)]| -> Vec<Line> {
            let mut chars = Vec::new();
            for (t, y) in rows {
                chars.extend(text_at(t, 0.0, *y));
            }
            let refs: Vec<&Char> = chars.iter().collect();
            lines(&refs)
        };
        let wrapped = at(&[
            ("aaaa", 10.0),
            ("bbbb", 20.0),
            ("cccc", 30.0),
            ("dddd", 40.0),
        ]);
        let cell = at(&[("March 2017", 10.0), ("March 2017", 23.0)]);
        let cells = vec![wrapped.clone(), wrapped.clone(), wrapped, cell.clone()];
        let pitch = wrap_pitch(&cells);
        assert_eq!(pitch, Some(1.0));
        // 30-point column: "March" would not fit after "March 2017".
        let paras = paragraphs(cell.clone(), 30.0, false, false);
        assert_eq!(paras.len(), 1, "one paragraph to geometry alone");
        let split = split_spaced(paras.clone(), pitch);
        let texts: Vec<String> = split
            .iter()
            .map(|p| runs(p, 30.0, false).into_iter().map(|r| r.0).collect())
            .collect();
        assert_eq!(texts, ["March 2017", "March 2017"]);
        // Lines at the table's own pitch stay one paragraph; so does
        // everything where the table shows too few lines to measure it.
        let even = at(&[("March 2017", 10.0), ("March 2017", 20.0)]);
        assert_eq!(
            split_spaced(paragraphs(even, 30.0, false, false), pitch).len(),
            1
        );
        assert_eq!(wrap_pitch(&[cell]), None);
        assert_eq!(split_spaced(paras, None).len(), 1);
        // A raised ordinal on the line above sets the next line lower; it
        // runs on in lower case: the paragraph goes on.
        let mut chars = text_at("before their 18", 0.0, 10.0);
        let mut th = test_chars("th", 90.0, 6.0, 3.6);
        for c in &mut th {
            c.size = 6.0;
            c.top = 0.0;
        }
        chars.extend(th);
        chars.extend(text_at("birthday", 0.0, 23.0));
        let refs: Vec<&Char> = chars.iter().collect();
        let raised = lines(&refs);
        assert_eq!(raised.len(), 2, "the ordinal belongs to its line");
        assert_eq!(
            split_spaced(paragraphs(raised, 30.0, false, false), pitch).len(),
            1
        );
    }

    #[test]
    fn a_word_of_slashed_alternatives_runs_on_after_its_last_slash() {
        // "(Red/Amber/" (66) in a 70-point column cannot take "Green)" (36).
        let mut chars = text_at("(Red/Amber/", 0.0, 12.0);
        chars.extend(text_at("Green)", 0.0, 24.0));
        let refs: Vec<&Char> = chars.iter().collect();
        assert_eq!(para_texts(lines(&refs), 70.0), ["(Red/Amber/Green)"]);
        // One slash at the word's end: typed as "subgroup/ Children" as
        // often as not; the space stays.
        let mut chars = text_at("QA subgroup/", 0.0, 12.0);
        chars.extend(text_at("Children", 0.0, 24.0));
        let refs: Vec<&Char> = chars.iter().collect();
        assert_eq!(para_texts(lines(&refs), 75.0), ["QA subgroup/ Children"]);
        // A slash standing alone, with spaces on both sides.
        let mut chars = text_at("Red / Amber /", 0.0, 12.0);
        chars.extend(text_at("Green", 0.0, 24.0));
        let refs: Vec<&Char> = chars.iter().collect();
        assert_eq!(para_texts(lines(&refs), 80.0), ["Red / Amber / Green"]);
    }

    #[test]
    fn alternatives_broken_after_every_slash_join_without_spaces() {
        let para = |texts: &[&str], right: f64| {
            let chars: Vec<Char> = texts
                .iter()
                .enumerate()
                .flat_map(|(k, t)| text_at(t, 0.0, 12.0 * (k + 1) as f64))
                .collect();
            let refs: Vec<&Char> = chars.iter().collect();
            para_texts(lines(&refs), right)
        };
        // A 56-point column: "RAG (Red/" (54) takes no more, "Amber/" (36)
        // cannot take "Green)" (36).
        assert_eq!(
            para(&["RAG (Red/", "Amber/", "Green)"], 56.0),
            ["RAG (Red/Amber/Green)"]
        );
        // One word ending in a slash, the line above ending in none: typed
        // before a space as often as not.
        assert_eq!(
            para(&["Support from", "partners/", "Children"], 75.0),
            ["Support from partners/ Children"]
        );
        // A slash, then a word with none.
        assert_eq!(para(&["Red/", "Amber"], 26.0), ["Red/ Amber"]);
    }

    #[test]
    fn a_number_broken_after_its_point_joins_without_a_space() {
        // A 23-point "No." column: "2a." (18) cannot take "1" (6) after it,
        // and no break lies between a full stop and a figure: one number.
        let mut chars = text_at("2a.", 0.0, 12.0);
        chars.extend(text_at("1", 0.0, 24.0));
        let refs: Vec<&Char> = chars.iter().collect();
        assert_eq!(para_texts(lines(&refs), 23.0), ["2a.1"]);
        // Where "1" would have fitted, the line broke at a space.
        assert_eq!(para_texts(lines(&refs), 26.0), ["2a. 1"]);
        // A sentence's end before a figure on a line of several words.
        let mut chars = text_at("at 3.", 0.0, 12.0);
        chars.extend(text_at("4 more", 0.0, 24.0));
        let refs: Vec<&Char> = chars.iter().collect();
        assert_eq!(para_texts(lines(&refs), 31.0), ["at 3. 4 more"]);
        // A word, not a number, after the point.
        let mut chars = text_at("2a.", 0.0, 12.0);
        chars.extend(text_at("b", 0.0, 24.0));
        let refs: Vec<&Char> = chars.iter().collect();
        assert_eq!(para_texts(lines(&refs), 23.0), ["2a. b"]);
    }

    #[test]
    fn a_writer_that_draws_wrap_spaces_shows_paragraph_ends_on_full_lines() {
        // A 90-point column (6-point glyphs). "one two " wraps with its
        // space drawn; "end" (then "three", which would not fit) has room
        // for a space but none drawn: a paragraph ends there. "four fiv"
        // fills the line, no room for a space: a wrap.
        let rows = ["one two ", "three end", "eleven", "four five", "six"];
        let mut chars = Vec::new();
        for (i, r) in rows.iter().enumerate() {
            chars.extend(text_at(r, 0.0, 12.0 * (i + 1) as f64));
        }
        // Stream order: each line's glyphs, then the next line's.
        assert_eq!(line_ends(&chars), (1, 3));
        assert!(!wrap_spaces((1, 3)), "too few ends to tell");
        assert!(wrap_spaces((10, 30)));
        assert!(!wrap_spaces((0, 30)), "never drawn");
        assert!(!wrap_spaces((30, 0)), "drawn at every end");
        assert!(!wrap_spaces((5, 30)), "rare: typed trailing spaces");
        let refs: Vec<&Char> = chars.iter().collect();
        let right = 59.0;
        let texts = |wrap: bool| -> Vec<String> {
            paragraphs(lines(&refs), right, wrap, false)
                .iter()
                .map(|p| runs(p, right, wrap).into_iter().map(|r| r.0).collect())
                .collect()
        };
        // "three end" (54) + space (6) > 59: no room for a space, so it
        // wrapped; "eleven" (36) has room; "four five" (54) has none.
        assert_eq!(texts(false), ["one two three end eleven four five six"]);
        assert_eq!(texts(true), ["one two three end eleven", "four five six"]);
        // Centred text: lines start at different places; only geometry
        // decides ("centred" would not fit after "a wide").
        let mut chars = text_at("a wide", 12.0, 12.0);
        chars.extend(text_at("centred", 9.0, 24.0));
        let refs: Vec<&Char> = chars.iter().collect();
        let ps = paragraphs(lines(&refs), 59.0, true, false);
        assert_eq!(ps.len(), 1);
    }

    /// The paragraphs of `rows` (one line each, 6-point glyphs, spaces
    /// drawn as typed) in a column whose text ends at `right`, as a writer
    /// that draws its wrap spaces (`wrap`) or not.
    fn column(rows: &[&str], right: f64, wrap: bool) -> Vec<String> {
        let chars: Vec<Char> = rows
            .iter()
            .enumerate()
            .flat_map(|(i, r)| text_at(r, 0.0, 12.0 * (i + 1) as f64))
            .collect();
        let refs: Vec<&Char> = chars.iter().collect();
        paragraphs(lines(&refs), right, wrap, false)
            .iter()
            .map(|p| runs(p, right, wrap).into_iter().map(|r| r.0).collect())
            .collect()
    }

    #[test]
    fn a_line_ending_in_a_drawn_wrap_space_wrapped_unless_the_word_fits_well() {
        // "can name" ends at 48 with its space drawn; "a" would end at
        // 56.8, 2.2 points inside the column: under half an em, so a
        // writer that drew the space wrapped there (its own measure was
        // a little wider).
        assert_eq!(
            column(&["can name ", "a type"], 59.0, true),
            ["can name a type"]
        );
        // Not a writer of wrap spaces: geometry alone, a stop.
        assert_eq!(
            column(&["can name ", "a type"], 59.0, false),
            ["can name", "a type"]
        );
        // "a" fits by 13 points: a paragraph ended after a typed space.
        assert_eq!(
            column(&["can name ", "a type"], 70.0, true),
            ["can name", "a type"]
        );
        // No space drawn: the paragraph ended (rule (d)).
        assert_eq!(
            column(&["can name", "a type"], 59.0, true),
            ["can name", "a type"]
        );
    }

    #[test]
    fn a_drawn_wrap_space_keeps_the_space_and_a_slash_without_one_joins() {
        // A hyphen before a drawn space was typed before a space.
        assert_eq!(
            column(&["ongoing- ", "report"], 59.0, true),
            ["ongoing- report"]
        );
        assert_eq!(
            column(&["ongoing-", "report"], 59.0, true),
            ["ongoing-report"]
        );
        // "Priorities/" (66) with room for a space (a quarter em, to 69
        // with half a point, of 80) but none drawn: broken inside the
        // word. With one drawn, typed so.
        assert_eq!(
            column(&["Priorities/", "Outcomes"], 80.0, true),
            ["Priorities/Outcomes"]
        );
        assert_eq!(
            column(&["Priorities/ ", "Outcomes"], 80.0, true),
            ["Priorities/ Outcomes"]
        );
        assert_eq!(
            column(&["departments /", "partners"], 90.0, true),
            ["departments /partners"]
        );
        // No room for a space (LibreOffice leaves it out there), or a
        // writer that does not draw its wrap spaces: one slash keeps its
        // space, as typed as often as not.
        assert_eq!(
            column(&["Priorities/", "Outcomes"], 68.0, true),
            ["Priorities/ Outcomes"]
        );
        assert_eq!(
            column(&["Priorities/", "Outcomes"], 80.0, false),
            ["Priorities/ Outcomes"]
        );
        // A chain of alternatives broken after each slash, each line's
        // space left out for want of room, still joins; with its spaces
        // drawn it was typed with them.
        assert_eq!(
            column(&["RAG (Red/", "Amber/", "Green)"], 56.0, true),
            ["RAG (Red/Amber/Green)"]
        );
        assert_eq!(
            column(&["RAG (Red/ ", "Amber/ ", "Green)"], 56.0, true),
            ["RAG (Red/ Amber/ Green)"]
        );
    }

    #[test]
    fn a_word_alone_and_unspaced_with_room_for_a_space_was_broken_inside_itself() {
        // "profession" (60) in a column ending at 66: room for a space (to
        // 63), none drawn, and "a" (6) would end at 66, within half an em
        // of the edge: a writer of wrap spaces broke the word.
        assert_eq!(
            column(&["Do ", "profession", "als know"], 66.0, true),
            ["Do professionals know"]
        );
        // Not a writer of wrap spaces: the fragment "als" is no known word
        // ending, so the word is read as whole.
        assert_eq!(
            column(&["Do ", "profession", "als know"], 66.0, false),
            ["Do profession als know"]
        );
        // The next line starts in upper case: a paragraph ended.
        assert_eq!(
            column(&["Do ", "profession", "Als know"], 66.0, true),
            ["Do profession", "Als know"]
        );
        // The line ends far from the edge (a first glyph and 4 points
        // short of it): a paragraph ended.
        assert_eq!(
            column(&["Do ", "profession", "als know"], 76.0, true),
            ["Do profession", "als know"]
        );
        // Two words on the line ("pro fessio", 60): a break at a space
        // would have drawn the space; none drawn, a paragraph ended.
        assert_eq!(
            column(&["pro fessio", "als know"], 67.0, true),
            ["pro fessio", "als know"]
        );
    }

    #[test]
    fn a_list_number_before_a_tab_is_a_label_and_a_typed_one_is_text() {
        let mut chars = text_at("3.", 0.0, 12.0);
        chars.extend(text_at("Continue", 20.0, 12.0)); // 8 points after "3."
                                                       // A typed number: a space of 3 points (0.3 em).
        chars.extend(test_chars("4. Gather", 0.0, 40.0, 3.0));
        let refs: Vec<&Char> = chars.iter().collect();
        let ls = lines(&refs);
        assert_eq!(ls[0].list_label().as_deref(), Some("3."));
        assert_eq!(ls[1].list_label(), None);
    }

    #[test]
    fn a_word_that_misses_the_line_by_its_own_space_wrapped() {
        // Spaces of a third of an em (pdfTeX's Computer Modern): "cccc"
        // after "aaaa bbbb" and one of them would end at 46.2, past 46.
        let para_count = |first: &str| {
            let mut chars = test_chars(first, 0.0, 12.0, 3.3);
            chars.extend(test_chars("cccc dd", 0.0, 24.0, 3.3));
            let refs: Vec<&Char> = chars.iter().collect();
            paragraphs(lines(&refs), 47.0, false, false).len()
        };
        assert_eq!(para_count("aaaa bbbb"), 1);
        // A line of one word shows no space: the estimate (0.28 em) puts
        // "cccc" at 45.7, inside: the line ended its paragraph.
        assert_eq!(para_count("aaaaaaaaa"), 2);
    }

    #[test]
    fn a_list_number_whose_wrapped_lines_hang_under_its_text_is_a_label() {
        // pdfLaTeX: "3." a space (3 points) before its text, the wrapped
        // lines at the list's margin, right of "3.", not under it.
        let mut chars = test_chars("3. Continue to engage", 0.0, 12.0, 3.0);
        chars.extend(test_chars("support of young people", 7.5, 24.0, 3.0));
        chars.extend(test_chars("in events", 7.5, 36.0, 3.0));
        let refs: Vec<&Char> = chars.iter().collect();
        let p = VisualParagraph {
            lines: lines(&refs),
        };
        assert_eq!(p.lines[0].list_label(), None);
        assert_eq!(p.list_label().as_deref(), Some("3."));
        // A typed number whose text wraps back to the column's edge is text.
        let mut chars = test_chars("2. Continue to seek", 0.0, 12.0, 3.0);
        chars.extend(test_chars("assurance from IRO", 0.0, 24.0, 3.0));
        let refs: Vec<&Char> = chars.iter().collect();
        let p = VisualParagraph {
            lines: lines(&refs),
        };
        assert_eq!(p.list_label(), None);
    }

    #[test]
    fn a_list_number_drawn_larger_than_its_items_text_keeps_the_item_one_paragraph() {
        // reportlab draws a numbered item's "3." at its bullet size (10pt)
        // and the item's text at 8pt, the wrapped line hanging under it.
        let small = |text: &str, x: f64, y: f64| {
            let mut cs = test_chars(text, x, y, 4.8);
            for c in &mut cs {
                c.size = 8.0;
                c.top = y - 8.0;
            }
            cs
        };
        let item = |first: Vec<Char>| {
            let mut chars = first;
            chars.extend(small("young people", 16.0, 22.0));
            let refs: Vec<&Char> = chars.iter().collect();
            para_texts(lines(&refs), 80.0)
        };
        let mut numbered = text_at("3.", 0.0, 12.0);
        numbered.extend(small("Continue to", 16.0, 12.0));
        assert_eq!(item(numbered), ["3. Continue to young people"]);
        // A line of larger text throughout (a heading) is still its own.
        assert_eq!(item(text_at("3. Aims", 0.0, 12.0)).len(), 2);
    }
}
