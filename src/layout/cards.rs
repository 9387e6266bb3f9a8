//! Actions written as labelled lines of text, not in a table: under a
//! priority heading, a block of paragraphs "Action: …", "Lead: …",
//! "Timescale: …", "Measure: …", then a blank line or a heading. [`cards`]
//! turns each such block into a table of its own (the labels its header
//! row, the values its one body row) where the block stood, so that
//! recognition and normalisation read it as they read any table.
//!
//! A block is read so only when its lines' labels are all header phrases
//! the vocabulary maps (the same reading a header cell gets, none naming a
//! priority), the action's word for word, and one of them says who or when
//! (a lead or a due date); a label met again ("Action:" twice) starts the
//! next block. Each table made so is numbered after the
//! document's own tables, in order, and keeps each line's place in the
//! source.

use super::content::trim;
use super::{Field, Memo, Vocabulary};
use crate::model::{Block, Document, Paragraph, SourceLoc, Table};

/// Most characters a label may have ("Success measure", "Who will lead").
const MAX_LABEL: usize = 40;

/// Turn each block of labelled lines that reads as an action into a table
/// (see the module docs); returns how many were made.
pub fn cards(doc: &mut Document, vocab: &Vocabulary) -> usize {
    read_cards(doc, vocab, true)
}

/// [`cards`], with or without the pre-test of each paragraph
/// ([`may_hold`]): its tests compare the two.
fn read_cards(doc: &mut Document, vocab: &Vocabulary, pretest: bool) -> usize {
    // Only documents with a paragraph that may hold a label (a colon, a
    // dash or a tab after it), a bracket after an item, or a heading are
    // looked at.
    let any = doc.blocks.iter().any(|b| match b {
        Block::Paragraph(p) => {
            let t = p.text_cow();
            t.contains([':', '\u{2013}', '\u{2014}', '-', '\t', '(', '[']) || t.contains(" will ")
        }
        Block::Heading { .. } => true,
        Block::Table(_) => false,
    });
    if !any {
        return 0;
    }
    let vocab = &mut Labels {
        vocab,
        memo: Memo::default(),
    };
    // The block being read (its lines, and the blocks they came from) and
    // the tables made: the document's blocks are read where they are, and
    // only a document where a table is made is rebuilt.
    let mut cards = Cards::default();
    // Whether the block being read began with a list item of no label.
    let mut bare_item = false;
    for (b, block) in doc.blocks.iter().enumerate() {
        // The block's text, read once for every test below.
        let whole = match block {
            Block::Paragraph(p) | Block::Heading { paragraph: p, .. } => p.text_cow(),
            Block::Table(_) => std::borrow::Cow::Borrowed(""),
        };
        let whole: &str = &whole;
        let text = trim(whole);
        // Most paragraphs hold nothing the tests below look for, and are
        // not read by them.
        let maybe = match block {
            Block::Paragraph(p) => !pretest || may_hold(p, whole, text),
            _ => false,
        };
        let lines = match block {
            Block::Paragraph(p) if maybe => labelled_lines(p, whole, vocab),
            _ => None,
        };
        // A paragraph of one line of no labels as an item: its reference
        // and its text after it, read once for the two tests below.
        let item = match (&lines, block) {
            (None, Block::Paragraph(p)) if maybe => {
                (!text.contains('\n') && text.len() <= 600).then(|| typed_or_list_id(p, text))
            }
            _ => None,
        };
        // An item whose lead and date follow it on the same line ("1.1
        // Deliver training (Lead: Head of QA, by March 2023)"): an action
        // of its own.
        if let (Some((id, rest)), Block::Paragraph(p)) = (&item, block) {
            if let Some(item) = item_with_lead_and_date(p, *id, rest, vocab) {
                cards.close(b);
                cards.card = item;
                cards.hold(b);
                cards.close(b);
                continue;
            }
        }
        // An item with its lead and date labelled inside it ("1. Deliver
        // training. Lead: Named GP. By: March 2025"): an action, which
        // labelled lines under it may go on.
        if let (Some((id, rest)), Block::Paragraph(p)) = (item, block) {
            if let Some(item) = item_with_labels(p, id, rest, vocab) {
                cards.close(b);
                cards.card = item;
                cards.hold(b);
                continue;
            }
        }
        // A heading numbered as an action ("1.1 Deliver training"), with
        // labelled lines under it: the action and its reference.
        if let Some((id, text)) = numbered_heading(block, whole) {
            cards.close(b);
            let source = block_source(block);
            cards.card.push(Line {
                label: "Ref".into(),
                fields: vec![Field::Id],
                value: id,
                source: source.clone(),
                score: 1.0,
            });
            cards.card.push(Line {
                label: "Action".into(),
                fields: vec![Field::Action],
                value: text,
                source,
                score: 1.0,
            });
            cards.hold(b);
            continue;
        }
        // "The Licensing Team will carry out test purchases by February
        // 2025.": an action written as a sentence.
        if let (true, None, Block::Paragraph(p)) = (maybe, &lines, block) {
            if let Some(item) = sentence_action(p, whole) {
                cards.close(b);
                cards.card = item;
                cards.hold(b);
                cards.close(b);
                continue;
            }
        }
        // "Action 1.2" as a heading of its own: the action's reference,
        // its text the paragraph under it.
        if let Some(id) = action_reference(text, vocab) {
            cards.close(b);
            cards.card.push(Line {
                label: "Ref".into(),
                fields: vec![Field::Id],
                value: id,
                source: block_source(block),
                score: 1.0,
            });
            cards.hold(b);
            continue;
        }
        let card = &mut cards.card;
        if let (None, Block::Paragraph(p)) = (&lines, block) {
            if card.len() == 1 && card[0].fields == [Field::Id] && !text.is_empty() {
                card.push(Line {
                    label: "Action".into(),
                    fields: vec![Field::Action],
                    value: text.to_string(),
                    source: p.source.clone(),
                    score: 1.0,
                });
                cards.hold(b);
                continue;
            }
        }
        // A list item with no label of its own may be the action that
        // "Who: ..." and "When: ..." lines under it go with.
        if let (None, Block::Paragraph(p)) = (&lines, block) {
            if p.list.is_some() && !text.is_empty() {
                cards.close(b);
                bare_item = true;
                // (Its line is made only when labelled lines follow: most
                // list items are none of an action's.)
                cards.bare = true;
                cards.hold(b);
                continue;
            }
        }
        // Under a bare list item only lines labelled as plainly as "Who:"
        // and "When:" go with it: "Contact: Board Business Unit" after the
        // last item of a list of outcomes does not make it an action.
        let lines = lines.filter(|ls| !bare_item || ls.iter().all(|l| l.score >= 1.0));
        if lines.is_none() {
            bare_item = false;
        }
        match lines {
            Some(lines) => {
                if std::mem::take(&mut cards.bare) {
                    if let Some(Block::Paragraph(p)) = doc.blocks.get(cards.held.start) {
                        cards.card.push(Line {
                            label: "Action".into(),
                            fields: vec![Field::Action],
                            value: trim(&p.text_cow()).to_string(),
                            source: p.source.clone(),
                            score: 1.0,
                        });
                    }
                }
                for line in lines {
                    // A label met again starts the next action.
                    if cards.card.iter().any(|l| l.fields == line.fields) {
                        cards.close(b);
                    }
                    cards.card.push(line);
                }
                cards.hold(b);
            }
            None => cards.close(b),
        }
    }
    cards.close(doc.blocks.len());
    let made = cards.made.len();
    if made > 0 {
        cards.place(doc);
    }
    made
}

/// The block being read and the tables made of those read before.
#[derive(Default)]
struct Cards {
    /// The block's lines (label, field, value, source).
    card: Vec<Line>,
    /// The blocks they came from, by index: given back as they are when
    /// the block is no action, replaced by its table when it is.
    held: std::ops::Range<usize>,
    /// Whether the first block held is a list item of no label whose line
    /// (its text as the action) is not yet in `card`: made when labelled
    /// lines follow it.
    bare: bool,
    /// Each table made, numbered from 0 (after the document's own tables
    /// once all are made), and the blocks it replaces.
    made: Vec<(std::ops::Range<usize>, Table)>,
}

impl Cards {
    /// Add block `b`, the one after those held (if any), to those held.
    fn hold(&mut self, b: usize) {
        debug_assert!(self.held.is_empty() || self.held.end == b);
        if self.held.is_empty() {
            self.held = b..b;
        }
        self.held.end = b + 1;
    }

    /// End the block being read: a table in place of its blocks when it
    /// reads as an action (an action line and a line of another field),
    /// else its blocks as they were. `at`: the block being looked at, before
    /// which a table of no blocks held (the lines of one paragraph before
    /// a label met again) goes.
    #[inline]
    fn close(&mut self, at: usize) {
        // (Nothing read: the common case, every block of prose.)
        if self.card.is_empty() {
            self.bare = false;
            self.held = 0..0;
            return;
        }
        self.close_card(at);
    }

    /// [`Cards::close`] of a block with lines read.
    fn close_card(&mut self, at: usize) {
        // (A bare item alone is no action.)
        self.bare = false;
        let held = match std::mem::take(&mut self.held) {
            held if held.is_empty() => at..at,
            held => held,
        };
        // (The lines are cleared, not dropped: they keep their room for
        // the next block.)
        let lines = &self.card[..];
        let has = |f: Field| lines.iter().any(|l| l.fields.contains(&f));
        // The action's label word for word a phrase ("Action:", not "Other
        // relevant action plans:"), and who or when beside it ("OUTCOME: /
        // KEY ACTION:" lines above a table restate a priority).
        let action = lines
            .iter()
            .any(|l| l.fields.contains(&Field::Action) && l.score >= 1.0);
        if lines.len() < 2 || !action || !(has(Field::Lead) || has(Field::Due)) {
            self.card.clear();
            return;
        }
        let labels: Vec<&str> = lines.iter().map(|l| l.label.as_str()).collect();
        let values: Vec<&str> = lines.iter().map(|l| l.value.as_str()).collect();
        let mut t = Table::from_text_rows(self.made.len(), &[&labels, &values], &[]);
        for cell in &mut t.cells {
            if let Some(l) = lines.get(cell.col) {
                cell.source = l.source.clone();
                for p in &mut cell.paragraphs {
                    p.source = l.source.clone();
                }
            }
        }
        t.source = lines[0].source.clone();
        t.header_rows = 1;
        self.made.push((held, t));
        self.card.clear();
    }

    /// Put each table made in place of its blocks, numbered after the
    /// document's own tables.
    fn place(self, doc: &mut Document) {
        let first = doc.tables().iter().map(|t| t.index + 1).max().unwrap_or(0);
        let blocks = std::mem::take(&mut doc.blocks);
        let mut out = Vec::with_capacity(blocks.len());
        let mut made = self.made.into_iter().peekable();
        let put = |t: Option<(std::ops::Range<usize>, Table)>, out: &mut Vec<Block>| {
            if let Some((_, mut t)) = t {
                t.index += first;
                out.push(Block::Table(t));
            }
        };
        for (b, block) in blocks.into_iter().enumerate() {
            // The tables of lines before block `b` in it, then the table
            // that block `b` ends, or the block.
            while made
                .peek()
                .is_some_and(|(held, _)| held.is_empty() && held.start == b)
            {
                put(made.next(), &mut out);
            }
            match made.peek() {
                Some((held, _)) if held.contains(&b) => {
                    if b + 1 == held.end {
                        put(made.next(), &mut out);
                    }
                }
                _ => out.push(block),
            }
        }
        for t in made {
            put(Some(t), &mut out);
        }
        doc.blocks = out;
    }
}

/// The vocabulary, each label read once per document: a document's cards
/// say "Lead:" and "Timescale:" again for every action, and a label is read
/// as a header cell is, the costliest of the tests here.
struct Labels<'v> {
    vocab: &'v Vocabulary,
    memo: Memo,
}

impl Labels<'_> {
    /// [`Vocabulary::fields_of`], through the memo.
    fn fields_of(&mut self, label: &str) -> Option<(Vec<Field>, f64)> {
        self.vocab
            .readings_memo(label, true, &mut self.memo)
            .first()
            .map(|c| (c.fields.clone(), c.score))
    }
}

/// One labelled line: its label, the fields the label means, the value.
struct Line {
    label: String,
    fields: Vec<Field>,
    value: String,
    source: SourceLoc,
    /// How surely the label means its fields.
    score: f64,
}

/// Every line of a paragraph as a labelled line, or `None` when one line
/// is not ("Neglect remains the most common category …", a blank line).
fn labelled_lines(p: &Paragraph, whole: &str, vocab: &mut Labels<'_>) -> Option<Vec<Line>> {
    // "**Lead** Head of Housing": a bold label run in before its value,
    // with no colon, is read as "Lead: Head of Housing".
    let run_in = bold_run_in(p);
    let text = match &run_in {
        Some(t) => std::borrow::Cow::Borrowed(t.as_str()),
        None => std::borrow::Cow::Borrowed(whole),
    };
    let mut out = Vec::new();
    // "Who: Early Help Coordinator; When: March 2017": two lines in one.
    // (Each line as it is, or its pieces, without a list of them: every
    // paragraph of a document comes here.)
    let parts = text.split('\n').flat_map(|line| {
        let all_labelled = line.contains(';')
            && line.split(';').all(|s| {
                s.split_once(':')
                    .is_some_and(|(l, _)| !l.trim().is_empty() && l.len() <= MAX_LABEL)
            });
        let (pieces, whole) = if all_labelled {
            (Some(line.split(';')), None)
        } else {
            (None, Some(line))
        };
        pieces.into_iter().flatten().chain(whole)
    });
    for line in parts {
        let line = line.trim();
        let (label, value) = label_split(line)?;
        if label.is_empty()
            || label.len() > MAX_LABEL
            || value.is_empty()
            || !label.chars().next().is_some_and(char::is_alphabetic)
            || label.matches(['(', '[']).count() != label.matches([')', ']']).count()
            || label.contains(". ")
            || label.split_whitespace().count() > 5
        {
            return None;
        }
        // A priority's own details ("Strategic Priority 2:", "Priority
        // lead:") are read with the priorities, not as an action's.
        if label.to_lowercase().contains("priority") {
            return None;
        }
        let (fields, score) = vocab.fields_of(label)?;
        if score < 0.8 {
            return None;
        }
        // "Action: Audit 30 cases. Lead: QA group. By: June 2024": the
        // labels inside the value are lines of their own.
        let (value, more) = match inline_labels(value, vocab) {
            Some((head, more)) if !head.is_empty() => (head, more),
            _ => (value, Vec::new()),
        };
        out.push(Line {
            label: label.to_string(),
            fields,
            value: value.to_string(),
            source: p.source.clone(),
            score,
        });
        out.extend(more.into_iter().map(|(label, fields, score, value)| Line {
            label: label.to_string(),
            fields,
            value: value.to_string(),
            source: p.source.clone(),
            score,
        }));
    }
    (!out.is_empty()).then_some(out)
}

/// A paragraph that starts with a bold run and goes on in plain text, with
/// no colon after the bold words ("**By when** March 2025"): its text with
/// a colon after them, for [`labelled_lines`] to read (which checks that
/// the vocabulary knows the label).
fn bold_run_in(p: &Paragraph) -> Option<String> {
    let label = run_in_label(p)?;
    let rest: String = p.spans[1..].iter().map(|s| s.text.as_str()).collect();
    let rest = rest.trim();
    (!rest.is_empty() && !rest.starts_with(':')).then(|| format!("{label}: {rest}"))
}

/// The bold words a paragraph starts with, if they may be a label run in
/// before its value ([`bold_run_in`]'s tests of the spans; the text after
/// them is not read).
fn run_in_label(p: &Paragraph) -> Option<&str> {
    let first = p.spans.first().filter(|s| s.bold)?;
    let label = first.text.trim();
    if label.is_empty()
        || label.ends_with(':')
        || label.len() > MAX_LABEL
        || p.spans.len() < 2
        || p.spans[1..]
            .iter()
            .any(|s| s.bold && !s.text.trim().is_empty())
    {
        return None;
    }
    Some(label)
}

/// Whether one of the tests that read a paragraph's text may find
/// something in it: `false` proves that [`labelled_lines`],
/// [`item_with_lead_and_date`], [`item_with_labels`] and
/// [`sentence_action`] all find nothing (each needs one of the marks
/// looked for here, as its own first tests say), and most paragraphs of
/// prose are read no further. `whole` is the paragraph's text.
fn may_hold(p: &Paragraph, whole: &str, text: &str) -> bool {
    let bytes = whole.as_bytes();
    // A colon: a label's ([`label_split`], [`inline_labels`]).
    if memchr::memchr(b':', bytes).is_some() || run_in_label(p).is_some() {
        return true;
    }
    // With no colon and no bold label run in, the first line is labelled
    // only by a tab or dash in its head ([`label_split`]).
    let newline = memchr::memchr(b'\n', bytes);
    let first = match newline {
        Some(i) => trim(&whole[..i]),
        None => text,
    };
    let head = &first.as_bytes()[..char_floor(first, MAX_LABEL + 4)];
    // (One search for a tab, a hyphen, or the first byte of an en or em
    // dash, which the dashes' last bytes follow.)
    if memchr::memchr3(b'\t', b'-', 0xE2, head).is_some_and(|i| {
        head[i..]
            .iter()
            .any(|b| matches!(b, b'\t' | b'-' | 0x93 | 0x94))
    }) {
        return true;
    }
    // An item's lead and date, with no colon: in a bracket at its end, or
    // after two dashes ([`item_with_lead_and_date`], whose text is a part
    // of this that ends where it ends).
    if text.ends_with([')', ']'])
        || memchr::memchr2_iter(b'-', 0x93, text.as_bytes())
            .nth(1)
            .is_some()
    {
        return true;
    }
    // A sentence saying who will do what ([`sentence_action`]'s first
    // tests).
    text.len() <= 300
        && text.ends_with('.')
        && (newline.is_none() || memchr::memchr(b'\n', text.as_bytes()).is_none())
        && has_will(text)
}

/// A line's label and value: split at its first colon ("Lead: Head of
/// QA"), or, with no colon, at a dash or tab after a short label
/// ("Responsible officer – Head of Housing"; the caller checks that the
/// vocabulary knows the label).
fn label_split(line: &str) -> Option<(&str, &str)> {
    // A label ends within its first few dozen bytes: only they are
    // searched (a paragraph is often hundreds).
    let head = &line[..char_floor(line, MAX_LABEL + 4)];
    if let Some(i) = head.find(':') {
        return Some((line[..i].trim(), line[i + 1..].trim()));
    }
    if line.len() > head.len() && line[head.len()..].contains(':') {
        // A colon further on: a sentence, not a label (as before, the
        // caller finds the label too long).
        let (label, value) = line.split_once(':')?;
        return Some((label.trim(), value.trim()));
    }
    // The first dash between spaces, or tab. (A byte at a time: a
    // separator starts with a space or is a tab, and no two start at the
    // same place. A head with no tab, hyphen or byte that ends an en or em
    // dash, 0x93 or 0x94, has none.)
    let bytes = head.as_bytes();
    if !bytes
        .iter()
        .any(|b| matches!(b, b'\t' | b'-' | 0x93 | 0x94))
    {
        return None;
    }
    (0..bytes.len())
        .find_map(|i| {
            let rest = &bytes[i..];
            match rest[0] {
                b'\t' => Some(1),
                b' ' => [" \u{2013} ", " \u{2014} ", " - "]
                    .iter()
                    .find(|sep| rest.starts_with(sep.as_bytes()))
                    .map(|sep| sep.len()),
                _ => None,
            }
            .map(|n| (i, n))
        })
        .map(|(i, n)| (line[..i].trim(), line[i + n..].trim()))
}

/// The largest char boundary of `s` at or below `at`.
fn char_floor(s: &str, at: usize) -> usize {
    let mut at = at.min(s.len());
    while !s.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// A piece of a text cut at its labels, without the separators around it
/// and without a bracket it does not close or open ("(Lead: QA group)" ->
/// "QA group", "(interim)" kept).
fn trim_segment(s: &str) -> &str {
    let mut s = s;
    loop {
        let t = s.trim_matches(|c: char| {
            c.is_whitespace() || matches!(c, '.' | ';' | ',' | '|' | '-' | '\u{2013}' | '\u{2014}')
        });
        let opens = t.matches(['(', '[']).count();
        let closes = t.matches([')', ']']).count();
        let t = if closes > opens {
            t.strip_suffix([')', ']'])
                .or_else(|| t.strip_prefix([')', ']']))
                .unwrap_or(t)
        } else if opens > closes {
            t.strip_suffix(['(', '['])
                .or_else(|| t.strip_prefix(['(', '[']))
                .unwrap_or(t)
        } else {
            t
        };
        if t.len() == s.len() {
            return t;
        }
        s = t;
    }
}

/// Where a separator ends before a label inside a text: a sentence's end,
/// a semicolon, a dash, a comma, a bracket, a tab or a bar.
const SEPARATORS: [&str; 11] = [
    ". ",
    "; ",
    " \u{2013} ",
    " \u{2014} ",
    " - ",
    ", ",
    "(",
    "[",
    "\t",
    "|",
    "\n",
];

/// Where the separator of [`SEPARATORS`] that ends last in `text` starts
/// and ends. (Looked for from the end a byte at a time, each separator
/// only where the byte is its last: no two end at the same place.)
fn last_separator(text: &str) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    (1..=bytes.len()).rev().find_map(|end| {
        let last = bytes[end - 1];
        // (Only these bytes end a separator: the others are not compared.)
        if !matches!(last, b' ' | b'(' | b'[' | b'\t' | b'|' | b'\n') {
            return None;
        }
        SEPARATORS
            .iter()
            .find(|sep| {
                sep.as_bytes().last() == Some(&last) && bytes[..end].ends_with(sep.as_bytes())
            })
            .map(|sep| (end - sep.len(), end))
    })
}

/// The labels written inside a text after what it is about ("Deliver
/// training to GPs. Lead: Named GP. By: March 2025", "Publish the toolkit
/// – Owner: Board Manager – Due: June 2024", "Audit 30 cases (Lead: QA
/// group; Timescale: Q3)"): the text before the first label, and each
/// label with its fields, its score and its value. A label is a word or
/// a few before a colon, after one of [`SEPARATORS`], that the vocabulary
/// reads surely (as a header cell, none naming a priority); `None` when
/// the text has none, or a label has no value.
#[allow(clippy::type_complexity)]
fn inline_labels<'t>(
    text: &'t str,
    vocab: &mut Labels<'_>,
) -> Option<(&'t str, Vec<(&'t str, Vec<Field>, f64, &'t str)>)> {
    let colon = memchr::memchr(b':', text.as_bytes())?;
    // One colon with nothing after it ("Context:", "The plan will
    // include:"): its label, if it is one, has no value. (A letter or
    // digit after it is never trimmed off: most texts have one at once.)
    let tail = &text[colon + 1..];
    if !tail.bytes().any(|b| b.is_ascii_alphanumeric())
        && trim_segment(tail).is_empty()
        && memchr::memchr(b':', tail.as_bytes()).is_none()
    {
        return None;
    }
    // (where the label's separator starts, the label, its fields, score,
    // where its value starts)
    let mut found: Vec<(usize, &str, Vec<Field>, f64, usize)> = Vec::new();
    for (colon, _) in text.match_indices(':') {
        // The label's separator lies within a label's length before the
        // colon: only that much is searched.
        let from = char_floor(text, colon.saturating_sub(MAX_LABEL + 4));
        let before = &text[from..colon];
        let cut = last_separator(before).map(|(i, end)| (from + i, from + end));
        let (sep_start, label_start) = match cut {
            Some(c) => c,
            None if from == 0 => (0, 0),
            None => continue,
        };
        let label = text[label_start..colon].trim();
        if label.is_empty()
            || label.len() > MAX_LABEL
            || label.split_whitespace().count() > 4
            || !label.chars().next().is_some_and(char::is_alphabetic)
            || label.to_lowercase().contains("priority")
        {
            continue;
        }
        let Some((fields, score)) = vocab.fields_of(label) else {
            continue;
        };
        if score < 0.8 || found.last().is_some_and(|f| f.4 > sep_start) {
            continue;
        }
        found.push((sep_start, label, fields, score, colon + 1));
    }
    let first = found.first()?;
    let head = trim_segment(&text[..first.0]);
    let mut out = Vec::new();
    for (k, (_, label, fields, score, from)) in found.iter().enumerate() {
        let to = found.get(k + 1).map_or(text.len(), |n| n.0);
        let value = trim_segment(&text[*from..to]);
        if value.is_empty() {
            return None;
        }
        out.push((*label, fields.clone(), *score, value));
    }
    Some((head, out))
}

/// An item that carries its action's lead and date after it, in a bracket
/// at its end ("Survey people who have been through an enquiry (Lead:
/// Engagement Officer, by January 2023)") or after dashes ("Check that the
/// actions are complete - Board Manager - by 31 July 2022"), with its
/// reference first ("1.1") or as its list number: the lines of its card.
/// The bracket must name the lead ("Lead:", "Led by") or say "by" a date;
/// the dashes must be two, the last part starting "by" or "within".
/// `id` and `rest`: the item's reference (typed first, or the list's own
/// number) and its text ([`typed_or_list_id`]).
fn item_with_lead_and_date(
    p: &Paragraph,
    id: Option<&str>,
    rest: &str,
    vocab: &mut Labels<'_>,
) -> Option<Vec<Line>> {
    if id.is_none() && p.list.is_none() {
        return None;
    }
    let (action, meta): (&str, Vec<&str>) = if rest.ends_with([')', ']']) {
        let open = rest.rfind(if rest.ends_with(')') { '(' } else { '[' })?;
        let inner = &rest[open + 1..rest.len() - 1];
        let l = inner.to_lowercase();
        let parts: Vec<&str> = inner.split(',').collect();
        let before = rest[..open].trim();
        // "Deliver training by March 2025 (Head of Housing)": the date in
        // the item, someone alone in the bracket.
        if let Some((action, date)) = by_date_at_end(before) {
            if parts.len() == 1 && !crate::layout::content::is_dated(inner) {
                let mut lines = Vec::new();
                let source = p.source.clone();
                let line = |label: &str, field: Field, value: &str| Line {
                    label: label.into(),
                    fields: vec![field],
                    value: value.to_string(),
                    source: source.clone(),
                    score: 1.0,
                };
                if let Some(id) = id {
                    lines.push(line("Ref", Field::Id, id));
                }
                lines.push(line("Action", Field::Action, action));
                lines.push(line("Lead", Field::Lead, inner.trim()));
                lines.push(line("Timescale", Field::Due, date));
                return (action.split_whitespace().count() >= 2).then_some(lines);
            }
        }
        if !(l.starts_with("lead")
            || l.starts_with("led by")
            || l.contains("by ")
            || ends_in_date(&parts))
        {
            return None;
        }
        (before, parts)
    } else {
        // Three parts need two separators, each with a hyphen or an en
        // dash (whose last byte is 0x93): a text with fewer such bytes
        // (most items) is not split.
        if rest.bytes().filter(|&b| b == b'-' || b == 0x93).count() < 2 {
            return None;
        }
        let parts: Vec<&str> = rest.split(" - ").flat_map(|s| s.split(" – ")).collect();
        if parts.len() != 3 {
            return None;
        }
        let last = parts[2].trim().to_lowercase();
        if !(last.starts_with("by ") || last.starts_with("within ") || ends_in_date(&parts)) {
            return None;
        }
        (parts[0].trim(), parts[1..].to_vec())
    };
    if action.split_whitespace().count() < 2 {
        return None;
    }
    let (mut lead, mut due) = (None, None);
    // Someone, then a date, with no labels ("[Head of Quality Assurance,
    // Children's Services, March 2025]"): the date is the last part and
    // the lead all before it, commas and all.
    let labelled = meta.iter().any(|p| {
        let l = p.trim().to_lowercase();
        l.contains(':') || l.starts_with("lead") || l.starts_with("led by") || l.starts_with("by ")
    });
    let meta = if !labelled && meta.len() > 2 && ends_in_date(&meta) {
        let (last, before) = meta.split_last()?;
        lead = Some(
            before
                .iter()
                .map(|p| p.trim())
                .collect::<Vec<_>>()
                .join(", "),
        );
        vec![*last]
    } else {
        meta
    };
    for part in meta {
        let part = part.trim();
        let l = part.to_lowercase();
        // A part labelled as a date ("Due: June 2024", "Deadline: Q3").
        let due_label = label_split(part)
            .filter(|(label, value)| {
                !value.is_empty()
                    && vocab
                        .fields_of(label)
                        .is_some_and(|(f, score)| f == [Field::Due] && score >= 0.8)
            })
            .map(|(_, value)| value);
        if let Some(value) = due_label {
            due = Some(value.to_string());
        } else if let Some(name) = ["lead:", "led by", "owner:", "lead -", "lead"]
            .iter()
            .find_map(|label| l.starts_with(label).then(|| part[label.len()..].trim()))
        {
            lead = Some(name.trim_start_matches(':').trim().to_string());
        } else if l.starts_with("by ")
            || l.starts_with("within ")
            || due.is_none() && lead.is_some()
        {
            due = Some(part.to_string());
        } else if lead.is_none() {
            lead = Some(part.to_string());
        }
    }
    let (lead, due) = (lead?, due?);
    let source = p.source.clone();
    let line = |label: &str, field: Field, value: String| Line {
        label: label.into(),
        fields: vec![field],
        value,
        source: source.clone(),
        score: 1.0,
    };
    let mut lines = Vec::new();
    if let Some(id) = id {
        lines.push(line("Ref", Field::Id, id.to_string()));
    }
    lines.push(line("Action", Field::Action, action.to_string()));
    lines.push(line("Lead", Field::Lead, lead));
    lines.push(line("Timescale", Field::Due, due));
    Some(lines)
}

/// An item whose lead or date is labelled inside it, after its text ("1.
/// Deliver training to GPs. Lead: Named GP. By: March 2025", "Publish the
/// toolkit – Owner: Board Manager – Due: June 2024"): the lines of its
/// card. The item is numbered (typed or as a list), or labels both who
/// and when: a sentence with one label in it is prose. `id` and `rest` as
/// for [`item_with_lead_and_date`].
fn item_with_labels(
    p: &Paragraph,
    id: Option<&str>,
    rest: &str,
    vocab: &mut Labels<'_>,
) -> Option<Vec<Line>> {
    let (head, labels) = inline_labels(rest, vocab)?;
    let has = |f: Field| labels.iter().any(|l| l.1.contains(&f));
    let who_and_when = has(Field::Lead) && has(Field::Due);
    if head.split_whitespace().count() < 2
        || !(has(Field::Lead) || has(Field::Due))
        || labels.iter().any(|l| l.1.contains(&Field::Action))
        || (id.is_none() && p.list.is_none() && !who_and_when)
    {
        return None;
    }
    let source = p.source.clone();
    let mut lines = Vec::new();
    if let Some(id) = id {
        lines.push(Line {
            label: "Ref".into(),
            fields: vec![Field::Id],
            value: id.to_string(),
            source: source.clone(),
            score: 1.0,
        });
    }
    lines.push(Line {
        label: "Action".into(),
        fields: vec![Field::Action],
        value: head.to_string(),
        source: source.clone(),
        score: 1.0,
    });
    for (label, fields, score, value) in labels {
        lines.push(Line {
            label: label.to_string(),
            fields,
            value: value.to_string(),
            source: source.clone(),
            score,
        });
    }
    Some(lines)
}

/// An item's reference, typed first ("1.1 …", "2. …") or its list's own
/// number, and the text after a typed one.
/// (Borrowed: most items are no action, and their reference is not
/// copied.)
fn typed_or_list_id<'t>(p: &'t Paragraph, text: &'t str) -> (Option<&'t str>, &'t str) {
    // (`split_once(' ')`, by the byte.)
    let first = memchr::memchr(b' ', text.as_bytes()).map(|at| (&text[..at], &text[at + 1..]));
    match first {
        Some((r, rest)) if crate::layout::content::is_ref(r.trim_end_matches(['.', ')'])) => {
            (Some(r.trim_end_matches(['.', ')'])), trim(rest))
        }
        _ => (
            p.list
                .as_ref()
                .and_then(|l| l.label.as_deref())
                .map(|l| l.trim_end_matches(['.', ')'])),
            text,
        ),
    }
}

/// A heading or a line that is only an action's label and reference
/// ("Action 1.2", "Action 3:"): the reference.
fn action_reference(text: &str, vocab: &mut Labels<'_>) -> Option<String> {
    let text = trim(text).trim_end_matches([':', '.']);
    // (`rsplit_once(' ')`, by the byte.)
    let at = memchr::memrchr(b' ', text.as_bytes())?;
    let (label, id) = (&text[..at], &text[at + 1..]);
    // Read surely as the action is read word for word a phrase (a
    // reading scores 1 only so): a label that is none is not read.
    if label.len() > MAX_LABEL
        || !crate::layout::content::is_ref(id)
        || !vocab.vocab.is_phrase(label)
    {
        return None;
    }
    let (fields, score) = vocab.fields_of(label)?;
    (fields == [Field::Action] && score >= 1.0).then(|| id.to_string())
}

/// A heading numbered below a priority ("1.1 Deliver training to GPs",
/// "2.3a Audit cases"): its reference and text. A whole number ("2.
/// Prevention") is as often a priority's, and stays a heading.
fn numbered_heading(block: &Block, text: &str) -> Option<(String, String)> {
    if !matches!(block, Block::Heading { .. }) {
        return None;
    }
    // (`split_once(' ')`, by the byte.)
    let text = trim(text);
    let at = memchr::memchr(b' ', text.as_bytes())?;
    let (r, rest) = (&text[..at], &text[at + 1..]);
    let r = r.trim_end_matches(['.', ')']);
    let sub = r
        .split_once('.')
        .is_some_and(|(a, b)| !a.is_empty() && !b.is_empty())
        || r.ends_with(|c: char| c.is_ascii_lowercase())
            && r.starts_with(|c: char| c.is_ascii_digit());
    if !sub {
        return None;
    }
    let rest = trim(rest);
    (crate::layout::content::is_ref(r) && rest.split_whitespace().count() >= 2)
        .then(|| (r.to_string(), rest.to_string()))
}

/// Where a block is in the source.
fn block_source(block: &Block) -> SourceLoc {
    match block {
        Block::Paragraph(p) | Block::Heading { paragraph: p, .. } => p.source.clone(),
        Block::Table(t) => t.source.clone(),
    }
}

/// An action written as one sentence that says who will do what by when:
/// "The Community Safety Manager will install ten cameras by March
/// 2025." or "By June 2024, the Police and the Council will agree a
/// plan.": the doer (less "The") is the lead, the words after "will" the
/// action (as printed), the date the due date. The doer is named (a
/// capital first, eight words at most, not "We" or "It"), and the date
/// short.
fn sentence_action(p: &Paragraph, text: &str) -> Option<Vec<Line>> {
    const PRONOUNS: [&str; 9] = [
        "we", "you", "it", "this", "they", "i", "our", "these", "there",
    ];
    let text = text.trim();
    // (The full stop first: most paragraphs that end in none are not
    // searched for " will ".)
    if text.len() > 300 || !text.ends_with('.') || text.contains('\n') || !has_will(text) {
        return None;
    }
    let text = text.strip_suffix('.')?;
    let (due, rest) = match text.strip_prefix("By ").and_then(|t| t.split_once(", ")) {
        Some((date, rest)) => (Some(date.trim()), rest.trim()),
        None => (None, text),
    };
    let (subject, predicate) = rest.split_once(" will ")?;
    let subject = subject
        .strip_prefix("The ")
        .or_else(|| subject.strip_prefix("the "))
        .unwrap_or(subject)
        .trim();
    let first = subject.split_whitespace().next()?;
    if !first.starts_with(char::is_uppercase)
        || subject.split_whitespace().count() > 8
        || subject.contains([',', ';', ':', '.'])
        || PRONOUNS.contains(&first.to_lowercase().as_str())
    {
        return None;
    }
    let (action, due) = match due {
        Some(d) => (predicate.trim(), d),
        None => by_date_at_end(predicate)?,
    };
    let dated = due.split_whitespace().count() <= 5 && crate::layout::content::is_dated(due);
    if !dated || action.split_whitespace().count() < 2 || action.contains(" will ") {
        return None;
    }
    let source = p.source.clone();
    let line = |label: &str, field: Field, value: &str| Line {
        label: label.into(),
        fields: vec![field],
        value: value.to_string(),
        source: source.clone(),
        score: 1.0,
    };
    Some(vec![
        line("Action", Field::Action, action),
        line("Lead", Field::Lead, subject),
        line("Timescale", Field::Due, due),
    ])
}

/// Whether a text holds " will " (`str::contains`, by a searcher made once
/// per process: every paragraph that ends in a full stop is asked, and
/// making the standard one cost more than searching).
fn has_will(text: &str) -> bool {
    static WILL: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new(" will "));
    WILL.find(text.as_bytes()).is_some()
}

/// An item that ends "by <a short date>" ("Publish the toolkit by June
/// 2024"): the item before it and the date.
fn by_date_at_end(text: &str) -> Option<(&str, &str)> {
    let at = text.rfind(" by ")?;
    let date = text[at + 4..].trim();
    (date.split_whitespace().count() <= 4 && crate::layout::content::is_dated(date))
        .then(|| (text[..at].trim(), date))
}

/// Whether the parts after an item ("Head of Housing", "March 2025") are
/// someone and then a date: the last a short date or timescale, none
/// before it one.
fn ends_in_date(parts: &[&str]) -> bool {
    use crate::layout::content::is_dated;
    let Some((last, before)) = parts.split_last() else {
        return false;
    };
    !before.is_empty()
        && last.split_whitespace().count() <= 4
        && is_dated(last)
        && before.iter().all(|p| !p.trim().is_empty() && !is_dated(p))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Span;

    fn para(text: &str) -> Block {
        Block::Paragraph(Paragraph {
            spans: vec![Span {
                text: text.into(),
                ..Default::default()
            }],
            ..Default::default()
        })
    }

    fn doc(blocks: Vec<Block>) -> Document {
        Document::of_blocks(blocks)
    }

    #[test]
    fn labelled_lines_of_an_action_become_a_table() {
        let mut d = doc(vec![
            para("Neglect remains the most common category: see the annual report."),
            para("Action: Relaunch the neglect toolkit"),
            para("Lead: Head of Early Help"),
            para("Timescale: By March 2024"),
            para(""),
            para("Action: Audit 15 cases\nLead: QA sub-group chair"),
            para("Action: Publish the audit"),
            para("Timescale: June 2024"),
            para("Measure: Report to the Executive"),
        ]);
        assert_eq!(cards(&mut d, &Vocabulary::builtin()), 3);
        let tables: Vec<&Table> = d
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Table(t) => Some(t),
                _ => None,
            })
            .collect();
        assert_eq!(tables.len(), 3);
        assert_eq!(
            tables[0].text_grid(),
            [
                ["Action", "Lead", "Timescale"],
                [
                    "Relaunch the neglect toolkit",
                    "Head of Early Help",
                    "By March 2024"
                ]
            ]
        );
        // "Action:" met again starts the next one.
        assert_eq!(
            tables[1].text_grid()[1],
            ["Audit 15 cases", "QA sub-group chair"]
        );
        assert_eq!(tables[2].text_grid()[0], ["Action", "Timescale", "Measure"]);
        assert_eq!(
            tables.iter().map(|t| t.index).collect::<Vec<_>>(),
            [0, 1, 2]
        );
        // The prose and the blank line stay paragraphs.
        assert_eq!(d.blocks.len(), 5);
    }

    fn bullet(text: &str) -> Block {
        let Block::Paragraph(mut p) = para(text) else {
            unreachable!("para makes a paragraph")
        };
        p.list = Some(crate::model::ListItem {
            kind: crate::model::ListKind::Bullet,
            level: 0,
            label: None,
        });
        Block::Paragraph(p)
    }

    fn grids(d: &Document) -> Vec<Vec<Vec<String>>> {
        d.blocks
            .iter()
            .filter_map(|b| match b {
                Block::Table(t) => Some(t.text_grid()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn a_bullet_with_who_and_when_under_it_is_an_action() {
        let mut d = doc(vec![
            bullet("Promote the early help assessment with GP practices"),
            para("Who: Early Help Coordinator"),
            para("When: By December 2016"),
            bullet("Publish an early help offer"),
            para("Who: Head of Early Help; When: March 2017"),
            // A bullet with nothing under it stays a bullet.
            bullet("Fewer families referred twice"),
        ]);
        assert_eq!(cards(&mut d, &Vocabulary::builtin()), 2);
        let g = grids(&d);
        assert_eq!(g[0][0], ["Action", "Who", "When"]);
        assert_eq!(
            g[1][1],
            [
                "Publish an early help offer",
                "Head of Early Help",
                "March 2017"
            ]
        );
        assert_eq!(d.blocks.len(), 3);
    }

    #[test]
    fn an_item_with_its_lead_and_date_after_it_is_an_action() {
        let mut d = doc(vec![
            para("1.1 Deliver training to care home managers (Lead: Head of Quality Assurance, by March 2023)"),
            para("3.2 Check that actions from the 2021 SARs are complete - Board Manager - by 31 July 2022"),
            // No reference, or no lead and date: text.
            para("Deliver training to care home managers (Lead: Head of QA, by March 2023)"),
            para("1.3 Survey people (see the annual report)"),
        ]);
        assert_eq!(cards(&mut d, &Vocabulary::builtin()), 2);
        let g = grids(&d);
        assert_eq!(
            g[0][1],
            [
                "1.1",
                "Deliver training to care home managers",
                "Head of Quality Assurance",
                "by March 2023"
            ]
        );
        assert_eq!(
            g[1][1],
            [
                "3.2",
                "Check that actions from the 2021 SARs are complete",
                "Board Manager",
                "by 31 July 2022"
            ]
        );
    }

    fn heading(text: &str) -> Block {
        let Block::Paragraph(paragraph) = para(text) else {
            unreachable!("para makes a paragraph")
        };
        Block::Heading {
            level: 2,
            paragraph,
        }
    }

    #[test]
    fn labels_written_inside_an_item_are_its_lead_and_date() {
        let mut d = doc(vec![
            para("1. Deliver self-neglect training to housing officers. Lead: Head of Housing. By: March 2025."),
            bullet("Publish a self-neglect toolkit \u{2013} Owner: Board Manager \u{2013} Due: June 2024"),
            // Unnumbered, but labelled who and when.
            para("Audit 30 enquiries (Lead: QA group; Timescale: Q3 2024/25)"),
            // A label's value keeps its own brackets.
            para("2.1 Review the protocol. Lead: Head of Service (interim). Deadline: May 2024"),
        ]);
        assert_eq!(cards(&mut d, &Vocabulary::builtin()), 4);
        let g = grids(&d);
        assert_eq!(g[0][0], ["Ref", "Action", "Lead", "By"]);
        assert_eq!(
            g[0][1],
            [
                "1",
                "Deliver self-neglect training to housing officers",
                "Head of Housing",
                "March 2025"
            ]
        );
        assert_eq!(
            g[1][1],
            [
                "Publish a self-neglect toolkit",
                "Board Manager",
                "June 2024"
            ]
        );
        assert_eq!(g[2][1], ["Audit 30 enquiries", "QA group", "Q3 2024/25"]);
        assert_eq!(
            g[3][1],
            [
                "2.1",
                "Review the protocol",
                "Head of Service (interim)",
                "May 2024"
            ]
        );
    }

    #[test]
    fn an_action_heading_its_text_and_dashed_labels_are_an_action() {
        let mut d = doc(vec![
            heading("Action 1.1"),
            para("Deliver self-neglect training to housing officers"),
            para("Responsible officer \u{2013} Head of Housing"),
            para("Target date \u{2013} March 2025"),
            heading("Action 1.2"),
            para("Publish a self-neglect toolkit"),
            para("Responsible officer \u{2013} Board Manager"),
            // A heading that is no action's closes the one before.
            heading("Priority 2: Making Safeguarding Personal"),
        ]);
        assert_eq!(cards(&mut d, &Vocabulary::builtin()), 2);
        let g = grids(&d);
        assert_eq!(
            g[0],
            [
                vec!["Ref", "Action", "Responsible officer", "Target date"],
                vec![
                    "1.1",
                    "Deliver self-neglect training to housing officers",
                    "Head of Housing",
                    "March 2025"
                ]
            ]
        );
        assert_eq!(g[1][1][0], "1.2");
        assert!(matches!(d.blocks.last(), Some(Block::Heading { .. })));
    }

    fn run_in(label: &str, value: &str) -> Block {
        Block::Paragraph(Paragraph {
            spans: vec![
                Span {
                    text: label.into(),
                    bold: true,
                    ..Default::default()
                },
                Span {
                    text: value.into(),
                    ..Default::default()
                },
            ],
            ..Default::default()
        })
    }

    #[test]
    fn bold_labels_run_in_and_numbered_headings_make_actions() {
        let mut d = doc(vec![
            run_in("Action ", "Deliver self-neglect training"),
            run_in("Lead ", "Head of Housing"),
            run_in("By when ", "March 2025"),
            heading("1.2 Publish a self-neglect toolkit"),
            para("Owner(s): Board Manager"),
            para("Target date: June 2024"),
            // A bold word leading a sentence, and a whole-numbered heading
            // with a lead under it (a priority's), stay as they are.
            para(""),
            run_in("Please ", "send comments to the Board Manager"),
            heading("2. Prevention"),
            para("Lead: Director of Public Health"),
        ]);
        assert_eq!(cards(&mut d, &Vocabulary::builtin()), 2);
        let g = grids(&d);
        assert_eq!(
            g[0],
            [
                vec!["Action", "Lead", "By when"],
                vec![
                    "Deliver self-neglect training",
                    "Head of Housing",
                    "March 2025"
                ]
            ]
        );
        assert_eq!(
            g[1],
            [
                vec!["Ref", "Action", "Owner(s)", "Target date"],
                vec![
                    "1.2",
                    "Publish a self-neglect toolkit",
                    "Board Manager",
                    "June 2024"
                ]
            ]
        );
        assert_eq!(d.blocks.len(), 6);
    }

    #[test]
    fn an_items_date_in_it_and_someone_in_its_bracket_are_its_date_and_lead() {
        let mut d = doc(vec![
            bullet("Deliver self-neglect training by March 2025 (Head of Housing)"),
            // A bracket that is a date, or an item with no date: text.
            bullet("Publish the toolkit by June 2024 (March 2024 draft)"),
            bullet("Publish the toolkit (Board Manager)"),
        ]);
        assert_eq!(cards(&mut d, &Vocabulary::builtin()), 1);
        assert_eq!(
            grids(&d)[0][1],
            [
                "Deliver self-neglect training",
                "Head of Housing",
                "March 2025"
            ]
        );
    }

    #[test]
    fn a_sentence_saying_who_will_do_what_by_when_is_an_action() {
        let mut d = doc(vec![
            para("The Community Safety Manager will install ten new cameras in the town centre by March 2025."),
            para("By June 2024, the Police and Fellbridge Council will agree a joint plan."),
            // Prose: no date, a pronoun as the doer, a date too long.
            para("The Board will meet every quarter."),
            para("We will publish the annual report by September 2024."),
            para("The Board will review this plan by the time the new strategy is agreed next year."),
        ]);
        assert_eq!(cards(&mut d, &Vocabulary::builtin()), 2);
        let g = grids(&d);
        assert_eq!(
            g[0][1],
            [
                "install ten new cameras in the town centre",
                "Community Safety Manager",
                "March 2025"
            ]
        );
        assert_eq!(
            g[1][1],
            [
                "agree a joint plan",
                "Police and Fellbridge Council",
                "June 2024"
            ]
        );
    }

    #[test]
    fn an_items_bracket_of_someone_and_a_date_is_its_lead_and_date() {
        let mut d = doc(vec![
            para("1. Deliver self-neglect training to housing officers (Head of Housing, March 2025)"),
            para("2. Review the risk protocol - MARM Group - September 2024"),
            // Two things in the bracket, neither a date: an aside.
            para("3. Meet the partners (Police, Health)"),
        ]);
        assert_eq!(cards(&mut d, &Vocabulary::builtin()), 2);
        let g = grids(&d);
        assert_eq!(
            g[0][1],
            [
                "1",
                "Deliver self-neglect training to housing officers",
                "Head of Housing",
                "March 2025"
            ]
        );
        assert_eq!(
            g[1][1],
            [
                "2",
                "Review the risk protocol",
                "MARM Group",
                "September 2024"
            ]
        );
    }

    #[test]
    fn separators_end_in_the_bytes_last_separator_compares() {
        for sep in SEPARATORS {
            let last = sep.as_bytes()[sep.len() - 1];
            assert!(
                matches!(last, b' ' | b'(' | b'[' | b'\t' | b'|' | b'\n'),
                "{sep:?}"
            );
        }
    }

    #[test]
    fn lines_that_are_not_an_action_stay_text() {
        for blocks in [
            // No action line.
            vec![para("Lead: Head of Service"), para("Timescale: March 2024")],
            // An action line alone.
            vec![para("Action: Relaunch the toolkit")],
            // A label the vocabulary does not know.
            vec![
                para("Action: Relaunch the toolkit"),
                para("Venue: County Hall"),
            ],
            // No one and no date: a priority's outcome and key action.
            vec![
                para("OUTCOME: Children are safe"),
                para("KEY ACTION: Use one tool"),
            ],
            // A priority's details.
            vec![
                para("Strategic Priority 2: Improving awareness"),
                para("Other relevant action plans: SCR action plan"),
                para("Executive Sponsor: Jan Norman"),
            ],
            // Prose with a colon.
            vec![
                para("Our aim: every child is safe"),
                para("Note: the Board meets quarterly"),
            ],
            // A sentence with one label in it, unnumbered: prose.
            vec![para(
                "We will audit thirty enquiries this year. Lead: QA group.",
            )],
            // Dashes after words the vocabulary does not know, and a
            // measure with no action.
            vec![
                para("Prevention \u{2013} making sure people are safe"),
                para("Impact \u{2013} fewer repeat referrals"),
            ],
            // A heading that only looks like a reference.
            vec![heading("Appendix 2"), para("Membership of the Board")],
        ] {
            let n = blocks.len();
            let mut d = doc(blocks);
            assert_eq!(cards(&mut d, &Vocabulary::builtin()), 0);
            assert_eq!(d.blocks.len(), n);
        }
    }
}

/// The pre-tests and the reading in place, compared with the reading they
/// replace: every fixture document, and each table's cells as paragraphs
/// of their own (where labelled lines and items are many), read by both.
#[cfg(test)]
mod same_as_before {
    use super::*;
    use crate::model::{ListItem, ListKind, Span};
    use std::sync::OnceLock;

    /// Every document the fixtures hold (those that read).
    fn fixture_docs() -> &'static [Document] {
        static DOCS: OnceLock<Vec<Document>> = OnceLock::new();
        DOCS.get_or_init(|| {
            let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
            let mut files = Vec::new();
            let mut dirs = vec![root];
            while let Some(dir) = dirs.pop() {
                let Ok(entries) = std::fs::read_dir(&dir) else {
                    continue;
                };
                for e in entries.flatten() {
                    let path = e.path();
                    if path.is_dir() {
                        dirs.push(path);
                    } else {
                        files.push(path);
                    }
                }
            }
            files.sort();
            files
                .iter()
                .filter_map(|f| crate::read::read_path(f, &Default::default()).ok())
                .collect()
        })
    }

    /// Each table's cells, a paragraph each (in the cells' order, nested
    /// tables' too), as a document; and each document's paragraphs as list
    /// items, and with a bold first word.
    fn variants(doc: &Document) -> Vec<Document> {
        fn cell_paragraphs(t: &Table, out: &mut Vec<Block>) {
            for c in &t.cells {
                out.extend(c.paragraphs.iter().cloned().map(Block::Paragraph));
                for t in &c.tables {
                    cell_paragraphs(t, out);
                }
            }
        }
        let mut out = Vec::new();
        for t in doc.tables() {
            let mut blocks = Vec::new();
            cell_paragraphs(t, &mut blocks);
            out.push(Document::of_blocks(blocks));
        }
        let paragraphs = |f: &dyn Fn(&Paragraph) -> Paragraph| {
            Document::of_blocks(
                doc.blocks
                    .iter()
                    .map(|b| match b {
                        Block::Paragraph(p) => Block::Paragraph(f(p)),
                        b => b.clone(),
                    })
                    .collect(),
            )
        };
        out.push(paragraphs(&|p| {
            let mut p = p.clone();
            p.list = Some(ListItem {
                kind: ListKind::Number,
                level: 0,
                label: Some("3.".into()),
            });
            p
        }));
        out.push(paragraphs(&|p| {
            let text = p.text();
            let mut p = p.clone();
            let cut = text.find(' ').map_or(text.len(), |i| i + 1);
            p.spans = vec![
                Span {
                    text: text[..cut].to_string(),
                    bold: true,
                    ..Default::default()
                },
                Span {
                    text: text[cut..].to_string(),
                    ..Default::default()
                },
            ];
            p
        }));
        out
    }

    /// The documents compared: the fixtures, their variants, and the
    /// module's own examples.
    fn docs() -> Vec<Document> {
        let mut out = Vec::new();
        for d in fixture_docs() {
            out.push(d.clone());
            out.extend(variants(d));
        }
        out
    }

    /// Every text the fixtures' paragraphs and cells hold, and each of
    /// their lines.
    fn texts() -> Vec<String> {
        let mut out = Vec::new();
        for d in docs() {
            for b in &d.blocks {
                if let Block::Paragraph(p) | Block::Heading { paragraph: p, .. } = b {
                    let t = p.text();
                    out.extend(t.split('\n').map(str::to_string));
                    out.push(t);
                }
            }
        }
        out.sort();
        out.dedup();
        out
    }

    #[test]
    fn the_cards_read_are_the_same_with_and_without_the_pre_tests() {
        let vocab = Vocabulary::builtin();
        let (mut made, mut n) = (0, 0);
        for d in docs() {
            let (mut a, mut b, mut c) = (d.clone(), d.clone(), d);
            let before = cards_before(&mut a, &vocab);
            assert_eq!(read_cards(&mut b, &vocab, false), before);
            assert_eq!(read_cards(&mut c, &vocab, true), before);
            let shown = format!("{:?}", a.blocks);
            assert_eq!(format!("{:?}", b.blocks), shown);
            assert_eq!(format!("{:?}", c.blocks), shown);
            made += before;
            n += 1;
        }
        // (Enough of both to tell.)
        assert!(n >= 500 && made >= 100, "{n} documents, {made} cards");
    }

    #[test]
    fn a_paragraph_the_pre_test_passes_over_holds_nothing() {
        let vocab = Vocabulary::builtin();
        let labels = &mut Labels {
            vocab: &vocab,
            memo: Memo::default(),
        };
        let mut passed = 0;
        for d in docs() {
            for b in &d.blocks {
                let Block::Paragraph(p) = b else { continue };
                let whole = p.text_cow();
                let text = trim(&whole);
                if may_hold(p, &whole, text) {
                    continue;
                }
                passed += 1;
                assert!(labelled_lines(p, &whole, labels).is_none(), "{whole:?}");
                assert!(sentence_action(p, &whole).is_none(), "{whole:?}");
                let (id, rest) = typed_or_list_id(p, text);
                assert!(
                    item_with_lead_and_date(p, id, rest, labels).is_none(),
                    "{whole:?}"
                );
                assert!(item_with_labels(p, id, rest, labels).is_none(), "{whole:?}");
            }
        }
        assert!(passed >= 1000, "{passed}");
    }

    #[test]
    fn labels_inside_a_text_and_action_references_read_as_before() {
        let vocab = Vocabulary::builtin();
        let labels = &mut Labels {
            vocab: &vocab,
            memo: Memo::default(),
        };
        let mut texts = texts();
        texts.extend(
            [
                "Context:",
                "Context: ",
                "Context: -",
                "Context: (",
                "Context: ()",
                "Lead: -- ;",
                "Deliver training. Lead:",
                "Deliver training. Lead: . By: March",
                "Deliver training. Lead: QA. By:",
                "Action 1.2",
                "Action 1.2:",
                "Actions 3.",
                "Action: 1",
                "What we will do 2",
                "Key Priority 1",
            ]
            .map(String::from),
        );
        for t in &texts {
            for s in [t.as_str(), t.split_once(' ').map_or("", |x| x.1)] {
                assert_eq!(
                    inline_labels(s, labels),
                    inline_labels_before(s, labels),
                    "{s:?}"
                );
                assert_eq!(
                    action_reference(s, labels),
                    action_reference_before(s, labels),
                    "{s:?}"
                );
            }
        }
    }

    // The reading before: the blocks moved out and back, every
    // paragraph read by every test.

    fn cards_before(doc: &mut Document, vocab: &Vocabulary) -> usize {
        // Only documents with a paragraph that may hold a label (a colon, a
        // dash or a tab after it), a bracket after an item, or a heading are
        // looked at.
        let any = doc.blocks.iter().any(|b| match b {
            Block::Paragraph(p) => {
                let t = p.text_cow();
                t.contains([':', '\u{2013}', '\u{2014}', '-', '\t', '(', '['])
                    || t.contains(" will ")
            }
            Block::Heading { .. } => true,
            Block::Table(_) => false,
        });
        if !any {
            return 0;
        }
        let mut next_index = doc.tables().iter().map(|t| t.index + 1).max().unwrap_or(0);
        let vocab = &mut Labels {
            vocab,
            memo: Memo::default(),
        };
        let blocks = std::mem::take(&mut doc.blocks);
        let mut out: Vec<Block> = Vec::with_capacity(blocks.len());
        // The block being read: its lines (label, field, value, source) and the
        // paragraphs they came from (given back when it is no action).
        let mut card: Vec<Line> = Vec::new();
        let mut held: Vec<Block> = Vec::new();
        let mut made = 0;
        // Whether the block being read began with a list item of no label.
        let mut bare_item = false;
        for block in blocks {
            // The block's text, read once for every test below.
            let whole = match &block {
                Block::Paragraph(p) | Block::Heading { paragraph: p, .. } => p.text_cow(),
                Block::Table(_) => std::borrow::Cow::Borrowed(""),
            };
            let whole: &str = &whole;
            let lines = match &block {
                Block::Paragraph(p) => labelled_lines(p, whole, vocab),
                _ => None,
            };
            // A paragraph of one line of no labels as an item: its reference
            // and its text after it, read once for the two tests below.
            let item = match (&lines, &block) {
                (None, Block::Paragraph(p)) => {
                    let text = whole.trim();
                    (!text.contains('\n') && text.len() <= 600).then(|| typed_or_list_id(p, text))
                }
                _ => None,
            };
            // An item whose lead and date follow it on the same line ("1.1
            // Deliver training (Lead: Head of QA, by March 2023)"): an action
            // of its own.
            if let (Some((id, rest)), Block::Paragraph(p)) = (&item, &block) {
                if let Some(item) = item_with_lead_and_date(p, *id, rest, vocab) {
                    close_before(&mut card, &mut held, &mut out, &mut next_index, &mut made);
                    card = item;
                    held.push(block);
                    close_before(&mut card, &mut held, &mut out, &mut next_index, &mut made);
                    continue;
                }
            }
            // An item with its lead and date labelled inside it ("1. Deliver
            // training. Lead: Named GP. By: March 2025"): an action, which
            // labelled lines under it may go on.
            if let (Some((id, rest)), Block::Paragraph(p)) = (item, &block) {
                if let Some(item) = item_with_labels(p, id, rest, vocab) {
                    close_before(&mut card, &mut held, &mut out, &mut next_index, &mut made);
                    card = item;
                    held.push(block);
                    continue;
                }
            }
            // A heading numbered as an action ("1.1 Deliver training"), with
            // labelled lines under it: the action and its reference.
            if let Some((id, text)) = numbered_heading(&block, whole) {
                close_before(&mut card, &mut held, &mut out, &mut next_index, &mut made);
                let source = block_source(&block);
                card.push(Line {
                    label: "Ref".into(),
                    fields: vec![Field::Id],
                    value: id,
                    source: source.clone(),
                    score: 1.0,
                });
                card.push(Line {
                    label: "Action".into(),
                    fields: vec![Field::Action],
                    value: text,
                    source,
                    score: 1.0,
                });
                held.push(block);
                continue;
            }
            // "The Licensing Team will carry out test purchases by February
            // 2025.": an action written as a sentence.
            if let (None, Block::Paragraph(p)) = (&lines, &block) {
                if let Some(item) = sentence_action(p, whole) {
                    close_before(&mut card, &mut held, &mut out, &mut next_index, &mut made);
                    card = item;
                    held.push(block);
                    close_before(&mut card, &mut held, &mut out, &mut next_index, &mut made);
                    continue;
                }
            }
            // "Action 1.2" as a heading of its own: the action's reference,
            // its text the paragraph under it.
            if let Some(id) = action_reference(whole, vocab) {
                close_before(&mut card, &mut held, &mut out, &mut next_index, &mut made);
                card.push(Line {
                    label: "Ref".into(),
                    fields: vec![Field::Id],
                    value: id,
                    source: block_source(&block),
                    score: 1.0,
                });
                held.push(block);
                continue;
            }
            if let (None, Block::Paragraph(p)) = (&lines, &block) {
                let text = whole.trim();
                if card.len() == 1 && card[0].fields == [Field::Id] && !text.is_empty() {
                    card.push(Line {
                        label: "Action".into(),
                        fields: vec![Field::Action],
                        value: text.to_string(),
                        source: p.source.clone(),
                        score: 1.0,
                    });
                    held.push(block);
                    continue;
                }
            }
            // A list item with no label of its own may be the action that
            // "Who: ..." and "When: ..." lines under it go with.
            if let (None, Block::Paragraph(p)) = (&lines, &block) {
                if p.list.is_some() && !whole.trim().is_empty() {
                    close_before(&mut card, &mut held, &mut out, &mut next_index, &mut made);
                    bare_item = true;
                    card.push(Line {
                        label: "Action".into(),
                        fields: vec![Field::Action],
                        value: whole.trim().to_string(),
                        source: p.source.clone(),
                        score: 1.0,
                    });
                    held.push(block);
                    continue;
                }
            }
            // Under a bare list item only lines labelled as plainly as "Who:"
            // and "When:" go with it: "Contact: Board Business Unit" after the
            // last item of a list of outcomes does not make it an action.
            let lines = lines.filter(|ls| !bare_item || ls.iter().all(|l| l.score >= 1.0));
            if lines.is_none() {
                bare_item = false;
            }
            match lines {
                Some(lines) => {
                    for line in lines {
                        // A label met again starts the next action.
                        if card.iter().any(|l| l.fields == line.fields) {
                            close_before(
                                &mut card,
                                &mut held,
                                &mut out,
                                &mut next_index,
                                &mut made,
                            );
                        }
                        card.push(line);
                    }
                    held.push(block);
                }
                None => {
                    close_before(&mut card, &mut held, &mut out, &mut next_index, &mut made);
                    out.push(block);
                }
            }
        }
        close_before(&mut card, &mut held, &mut out, &mut next_index, &mut made);
        doc.blocks = out;
        made
    }

    /// End the block being read: a table in `out` when it reads as an action
    /// (an action line and a line of another field), else its paragraphs as
    /// they were.
    fn close_before(
        card: &mut Vec<Line>,
        held: &mut Vec<Block>,
        out: &mut Vec<Block>,
        next_index: &mut usize,
        made: &mut usize,
    ) {
        // (Both lists are emptied, not taken: they keep their room for the
        // next block.)
        let lines = &card[..];
        let has = |f: Field| lines.iter().any(|l| l.fields.contains(&f));
        // The action's label word for word a phrase ("Action:", not "Other
        // relevant action plans:"), and who or when beside it ("OUTCOME: /
        // KEY ACTION:" lines above a table restate a priority).
        let action = lines
            .iter()
            .any(|l| l.fields.contains(&Field::Action) && l.score >= 1.0);
        if lines.len() < 2 || !action || !(has(Field::Lead) || has(Field::Due)) {
            out.append(held);
            card.clear();
            return;
        }
        let labels: Vec<&str> = lines.iter().map(|l| l.label.as_str()).collect();
        let values: Vec<&str> = lines.iter().map(|l| l.value.as_str()).collect();
        let mut t = Table::from_text_rows(*next_index, &[&labels, &values], &[]);
        for cell in &mut t.cells {
            if let Some(l) = lines.get(cell.col) {
                cell.source = l.source.clone();
                for p in &mut cell.paragraphs {
                    p.source = l.source.clone();
                }
            }
        }
        t.source = lines[0].source.clone();
        t.header_rows = 1;
        *next_index += 1;
        *made += 1;
        out.push(Block::Table(t));
        held.clear();
        card.clear();
    }

    /// The labels written inside a text after what it is about ("Deliver
    /// training to GPs. Lead: Named GP. By: March 2025", "Publish the toolkit
    /// – Owner: Board Manager – Due: June 2024", "Audit 30 cases (Lead: QA
    /// group; Timescale: Q3)"): the text before the first label, and each
    /// label with its fields, its score and its value. A label is a word or
    /// a few before a colon, after one of [`SEPARATORS`], that the vocabulary
    /// reads surely (as a header cell, none naming a priority); `None` when
    /// the text has none, or a label has no value.
    #[allow(clippy::type_complexity)]
    fn inline_labels_before<'t>(
        text: &'t str,
        vocab: &mut Labels<'_>,
    ) -> Option<(&'t str, Vec<(&'t str, Vec<Field>, f64, &'t str)>)> {
        if !text.contains(':') {
            return None;
        }
        // (where the label's separator starts, the label, its fields, score,
        // where its value starts)
        let mut found: Vec<(usize, &str, Vec<Field>, f64, usize)> = Vec::new();
        for (colon, _) in text.match_indices(':') {
            // The label's separator lies within a label's length before the
            // colon: only that much is searched.
            let from = char_floor(text, colon.saturating_sub(MAX_LABEL + 4));
            let before = &text[from..colon];
            let cut = last_separator(before).map(|(i, end)| (from + i, from + end));
            let (sep_start, label_start) = match cut {
                Some(c) => c,
                None if from == 0 => (0, 0),
                None => continue,
            };
            let label = text[label_start..colon].trim();
            if label.is_empty()
                || label.len() > MAX_LABEL
                || label.split_whitespace().count() > 4
                || !label.chars().next().is_some_and(char::is_alphabetic)
                || label.to_lowercase().contains("priority")
            {
                continue;
            }
            let Some((fields, score)) = vocab.fields_of(label) else {
                continue;
            };
            if score < 0.8 || found.last().is_some_and(|f| f.4 > sep_start) {
                continue;
            }
            found.push((sep_start, label, fields, score, colon + 1));
        }
        let first = found.first()?;
        let head = trim_segment(&text[..first.0]);
        let mut out = Vec::new();
        for (k, (_, label, fields, score, from)) in found.iter().enumerate() {
            let to = found.get(k + 1).map_or(text.len(), |n| n.0);
            let value = trim_segment(&text[*from..to]);
            if value.is_empty() {
                return None;
            }
            out.push((*label, fields.clone(), *score, value));
        }
        Some((head, out))
    }

    /// A heading or a line that is only an action's label and reference
    /// ("Action 1.2", "Action 3:"): the reference.
    fn action_reference_before(text: &str, vocab: &mut Labels<'_>) -> Option<String> {
        let text = text.trim().trim_end_matches([':', '.']);
        let (label, id) = text.rsplit_once(' ')?;
        if label.len() > MAX_LABEL || !crate::layout::content::is_ref(id) {
            return None;
        }
        let (fields, score) = vocab.fields_of(label)?;
        (fields == [Field::Action] && score >= 1.0).then(|| id.to_string())
    }
}
