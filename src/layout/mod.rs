//! Layout recognition: which column of a table means which canonical field,
//! and which tables are action tables at all.
//!
//! The knowledge is data: `vocabulary.txt` (compiled in) lists phrases per
//! field and the words' roles (head words, qualifiers, question words,
//! markers: [`words`]); a user profile (`--profile FILE`, same format) adds
//! or overrides them. [`Vocabulary::readings`] reads one header cell,
//! [`Vocabulary::map_row`] a whole row; [`recognise`] (the stage) finds
//! each table's header row, weighs each column's readings against its cells
//! ([`content`]) and assigns the fields. Nothing here knows about file
//! formats, and nothing here depends on normalisation. The rules, as a user
//! reads them: `docs/layout.md`.

pub mod cards;
pub mod content;
pub mod orient;
pub mod recognise;
pub mod words;

pub use crate::plan::Field;
pub use orient::orient;
pub use recognise::{recognise, ColumnLayout, Evidence, TableKind, TableLayout};

use words::contains_words;

/// Header phrases per field.
#[derive(Debug, Clone)]
pub struct Vocabulary {
    /// (field, folded phrase)
    phrases: Vec<(Field, Phrase)>,
    /// Head words, qualifiers, question words and markers.
    roles: words::Roles,
    /// Phrase indexes by first word: the only phrases a header can contain.
    /// (hashbrown's default hasher, foldhash: the std map's SipHash, built
    /// against deliberate collisions, cost more than the lookups of a
    /// header's words; nothing here comes from an adversary's choice of
    /// keys that could hurt more than a slow file.)
    by_first: hashbrown::HashMap<String, Vec<usize>>,
    /// The first words of `by_first` by their first byte and length: bit
    /// `len` (31 for 31 bytes or more) of `first_words[byte]`. A word with
    /// no bit set starts no phrase and is not hashed: most words of a
    /// sentence are none of the few that start a phrase.
    first_words: Box<[u32; 256]>,
    /// The longest phrase (in bytes, at most 255) whose first word starts
    /// with a byte and is of a length (31 for 31 bytes or more): a word of
    /// a long text whose phrases are all under a quarter of it starts none
    /// that can score ([`Vocabulary::no_phrase_ascii`]).
    first_longest: Box<[[u8; 32]; 256]>,
    /// (length in characters, bucket mask of its [`Bag`], the mask's bits
    /// set, phrase index), sorted by length and index: the only phrases a
    /// header can nearly equal are within 15% of its length, and of those
    /// only the ones whose mask is close enough to the header's are scored
    /// (the mask read here, next to the length, not from the phrase; its
    /// bits counted once, so that a header's mask is compared with it by
    /// one count of shared bits).
    by_len: Vec<(usize, u32, u32, usize)>,
    /// Length of the longest phrase, in bytes.
    longest: usize,
    /// Whole header cells (folded) that belong to a document's own records,
    /// not to a plan (`record:` lines: "Version", "Author", "Venue",
    /// "Trainer"); see [`Vocabulary::is_record`].
    records: Vec<String>,
    /// `records` as a set of bytes, for the look-up of a cell folded on
    /// the stack ([`Vocabulary::is_record`]: every cell of a table's first
    /// two rows is asked).
    record_set: hashbrown::HashSet<Vec<u8>>,
    /// The bytes `records` start with, and those they end with (bit `b`
    /// for byte `b` below 128): an ASCII cell whose fold starts or ends
    /// with another is none of them, and is not folded.
    record_ends: [u128; 2],
    /// Length of the longest of `records`, in bytes.
    longest_record: usize,
}

/// One reading of a header cell: the field(s) it means, how sure, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    /// One field, or two for a combined header ("Lead & Timescale").
    pub fields: Vec<Field>,
    /// 0..=1 (content may push it a little past 1).
    pub score: f64,
    /// Why, in words.
    pub evidence: Vec<Evidence>,
    /// A second meaning of an ambiguous head, or a weak head's reading: it
    /// needs the column's cells to agree ([`words::Reading`]).
    pub needs_content: bool,
}

/// A folded phrase, with what the scorer's cheap bounds need.
#[derive(Debug, Clone)]
struct Phrase {
    text: String,
    chars: usize,
    bag: Bag,
}

impl Phrase {
    fn new(text: String) -> Self {
        Phrase {
            chars: text.chars().count(),
            bag: Bag::of(&text),
            text,
        }
    }

    /// The phrase as the scorer reads it ([`score`]).
    fn as_scored(&self) -> Scored<'_> {
        Scored {
            text: &self.text,
            chars: self.chars,
            bag: &self.bag,
        }
    }
}

/// A folded text with what the scorer's cheap bounds need, borrowed: a
/// vocabulary phrase, or a header being read (whose text is not copied).
#[derive(Clone, Copy)]
struct Scored<'a> {
    text: &'a str,
    chars: usize,
    bag: &'a Bag,
}

/// Character counts in 32 buckets (each letter its own; digits, spaces and
/// the rest sharing a few), for the bag distance: a lower bound on the edit
/// distance that costs one pass, so most cell/phrase pairs skip the
/// quadratic edit distance. (Counts of buckets bound the edit distance as
/// counts of characters do: an edit changes one bucket's count or two by
/// one. Bytes, not wider counts, so a pair is compared in a few vector
/// instructions: a header is read against every phrase of about its
/// length. A count past 255 stays at 255, which keeps the bound.)
#[derive(Debug, Clone, PartialEq)]
struct Bag {
    counts: [u8; 32],
    /// The sum of `counts`.
    total: u32,
    /// Which buckets are not empty (bit k for `counts[k]`): each bucket
    /// one text has and the other has not adds one to the difference at
    /// least, so two masks bound it without the counts ([`Bag::at_least`]).
    mask: u32,
}

impl Bag {
    fn of(s: &str) -> Self {
        if s.len() < 256 && s.is_ascii() {
            // (A byte at a time: an ASCII byte is its character, its
            // bucket read from a table. Under 256 bytes no count reaches
            // the cap, the total is the length, and the mask is made on
            // the way.)
            let (mut counts, mut mask) = ([0u8; 32], 0u32);
            for b in s.bytes() {
                let k = ASCII_SLOT[usize::from(b)];
                counts[usize::from(k)] += 1;
                mask |= 1 << k;
            }
            return Bag {
                counts,
                total: s.len() as u32,
                mask,
            };
        }
        if s.is_ascii() {
            // (Counted wide and capped at the end, which caps them as
            // adding with a cap did.)
            let mut wide = [0u32; 32];
            for b in s.bytes() {
                wide[usize::from(ASCII_SLOT[usize::from(b)])] += 1;
            }
            return Bag::of_counts(wide.map(|c| c.min(255) as u8));
        }
        Bag::of_counts(Bag::char_counts(s))
    }

    /// The buckets' counts, a character at a time (what the ASCII table
    /// stands for).
    fn char_counts(s: &str) -> [u8; 32] {
        let mut counts = [0u8; 32];
        for c in s.chars() {
            let slot = match c {
                'a'..='z' => c as usize - 'a' as usize,
                '0'..='9' => 26 + (c as usize - '0' as usize) % 3,
                ' ' => 29,
                _ => 30 + (c as usize % 2),
            };
            counts[slot] = counts[slot].saturating_add(1);
        }
        counts
    }

    fn of_counts(counts: [u8; 32]) -> Self {
        Bag {
            counts,
            total: counts.iter().map(|&c| u32::from(c)).sum(),
            mask: (0..32).fold(0, |m, k| m | (u32::from(counts[k] > 0) << k)),
        }
    }

    /// A lower bound of each of [`Bag::difference`]'s counts, from the
    /// masks alone: the buckets each text has and the other has not.
    fn at_least(&self, other: &Bag) -> (usize, usize) {
        (
            (self.mask & !other.mask).count_ones() as usize,
            (other.mask & !self.mask).count_ones() as usize,
        )
    }

    /// (characters of self not in other, characters of other not in
    /// self). Their maximum is the bag distance: no sequence of fewer edits
    /// turns one text into the other. When the second is 0, other's
    /// characters are all in self, as they must be if other occurs in self.
    fn difference(&self, other: &Bag) -> (usize, usize) {
        // The two differ by the difference of the totals, so one is
        // summed (branch-free, so the compiler vectorises it) and the other
        // follows.
        let more: u32 = self
            .counts
            .iter()
            .zip(other.counts.iter())
            .map(|(&a, &b)| u32::from(a.saturating_sub(b)))
            .sum();
        let (more, this, that) = (more as usize, self.total as usize, other.total as usize);
        (more, more + that - this)
    }
}

/// How [`fold`] takes each byte: an ASCII letter or digit as itself in
/// lower case; [`FOLD_OTHER`] for other ASCII (a break between words),
/// [`FOLD_PERCENT`] and [`FOLD_AMPERSAND`] for "%" and "&", [`FOLD_WIDE`]
/// for a byte of a character that is not ASCII. (One look-up a byte, not
/// a lowering and two range tests.)
const FOLD_BYTE: [u8; 256] = {
    let mut t = [FOLD_WIDE; 256];
    let mut b = 0;
    while b < 128 {
        let c = (b as u8).to_ascii_lowercase();
        t[b] = if c.is_ascii_alphanumeric() {
            c
        } else if c == b'%' {
            FOLD_PERCENT
        } else if c == b'&' {
            FOLD_AMPERSAND
        } else {
            FOLD_OTHER
        };
        b += 1;
    }
    t
};
/// [`FOLD_BYTE`] of an ASCII byte that is no letter, digit, "%" or "&".
const FOLD_OTHER: u8 = 0;
/// [`FOLD_BYTE`] of "%".
const FOLD_PERCENT: u8 = 1;
/// [`FOLD_BYTE`] of "&".
const FOLD_AMPERSAND: u8 = 2;
/// [`FOLD_BYTE`] of a byte that is not ASCII.
const FOLD_WIDE: u8 = 3;

/// Each byte's bucket in a [`Bag`] (an ASCII byte's, as [`Bag::of`]
/// buckets its character; the rest are never looked up).
const ASCII_SLOT: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = match b as u8 {
            c @ b'a'..=b'z' => c - b'a',
            c @ b'0'..=b'9' => 26 + (c - b'0') % 3,
            b' ' => 29,
            c => 30 + c % 2,
        };
        b += 1;
    }
    t
};

/// The built-in vocabulary's text.
pub const BUILTIN: &str = include_str!("vocabulary.txt");

/// A problem in a vocabulary or profile file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct VocabularyError {
    /// 1-based line.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

impl Default for Vocabulary {
    fn default() -> Self {
        Vocabulary::builtin()
    }
}

impl Vocabulary {
    /// The vocabulary shipped in the binary.
    pub fn builtin() -> Self {
        match Vocabulary::parse(BUILTIN) {
            Ok(v) => v,
            // The built-in file is checked by a unit test; an error here is
            // a bug in the shipped data, not in any input.
            Err(e) => panic!("built-in vocabulary.txt: {e}"),
        }
    }

    /// Parse text in the vocabulary format: `field: phrase | phrase`, or a
    /// word-role line `head field: word | word` (also `qualifier`,
    /// `question`, `marker`; see [`words`]).
    pub fn parse(text: &str) -> Result<Self, VocabularyError> {
        let mut phrases = Vec::new();
        let mut records: Vec<String> = Vec::new();
        let mut roles = words::Roles::default();
        // A file saved by Notepad starts with a byte-order mark.
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        for (i, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let Some((name, rest)) = line.split_once(':') else {
                return Err(VocabularyError {
                    line: i + 1,
                    message: "expected `field: phrase | phrase`".into(),
                });
            };
            // Field names and roles in any case ("Lead:", "HEAD due:").
            let name = name.trim().to_ascii_lowercase();
            let (role, name) = match name.split_once(' ') {
                Some((role, name)) => (Some(role.trim()), name.trim()),
                None => (None, name.as_str()),
            };
            // `record: version | author`: header cells of a document's own
            // records (version history, meetings, training, a glossary).
            if role.is_none() && name == "record" {
                records.extend(rest.split('|').map(fold).filter(|p| !p.is_empty()));
                continue;
            }
            // `qualifier none: start | raised`: words that make a header mean
            // nothing ("Start date").
            if role == Some("qualifier") && name == "none" {
                let words = rest
                    .split('|')
                    .map(fold)
                    .filter(|p| !p.is_empty())
                    .collect();
                roles.add("none", Field::Id, words);
                continue;
            }
            let Some(field) = Field::from_name(name) else {
                return Err(VocabularyError {
                    line: i + 1,
                    message: format!(
                        "unknown field `{}` (known: {})",
                        name,
                        Field::ALL
                            .iter()
                            .map(|f| f.name())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                });
            };
            let folded: Vec<String> = rest
                .split('|')
                .map(fold)
                .filter(|p| !p.is_empty())
                .collect();
            match role {
                None => phrases.extend(folded.into_iter().map(|p| (field, Phrase::new(p)))),
                Some(role) => {
                    if !roles.add(role, field, folded) {
                        return Err(VocabularyError {
                            line: i + 1,
                            message: format!(
                                "unknown role `{role}` (known: head, qualifier, question, marker)"
                            ),
                        });
                    }
                }
            }
        }
        let mut v = Vocabulary {
            phrases,
            roles,
            by_first: Default::default(),
            first_words: Box::new([0; 256]),
            first_longest: Box::new([[0; 32]; 256]),
            by_len: Vec::new(),
            longest: 0,
            records,
            record_set: Default::default(),
            record_ends: [0; 2],
            longest_record: 0,
        };
        v.index();
        Ok(v)
    }

    /// Build the phrase indexes (after the phrases or records change).
    fn index(&mut self) {
        self.by_first.clear();
        self.by_len.clear();
        *self.first_words = [0; 256];
        *self.first_longest = [[0; 32]; 256];
        for (i, (_, p)) in self.phrases.iter().enumerate() {
            let first = p.text.split(' ').next().unwrap_or("").to_string();
            if let Some(&b) = first.as_bytes().first() {
                self.first_words[usize::from(b)] |= first_word_bit(&first);
                let longest = &mut self.first_longest[usize::from(b)][first.len().min(31)];
                *longest = (*longest).max(p.text.len().min(255) as u8);
            }
            self.by_first.entry(first).or_default().push(i);
            self.by_len
                .push((p.chars, p.bag.mask, p.bag.mask.count_ones(), i));
        }
        self.by_len
            .sort_unstable_by_key(|&(chars, _, _, i)| (chars, i));
        self.longest = self
            .phrases
            .iter()
            .map(|(_, p)| p.text.len())
            .max()
            .unwrap_or(0);
        self.longest_record = self.records.iter().map(String::len).max().unwrap_or(0);
        self.record_set = self.records.iter().map(|r| r.as_bytes().to_vec()).collect();
        self.record_ends = [0; 2];
        for r in &self.records {
            let b = r.as_bytes();
            for (k, end) in [b.first(), b.last()].into_iter().enumerate() {
                match end {
                    Some(&e) if e < 128 => self.record_ends[k] |= 1 << e,
                    // A record that starts or ends with a character that
                    // is not ASCII: every byte may.
                    _ => self.record_ends[k] = u128::MAX,
                }
            }
        }
    }

    /// Add a profile's phrases and word roles. A phrase in the profile takes
    /// its header away from whatever field the built-in vocabulary gave it.
    pub fn extend(&mut self, profile: Vocabulary) {
        let taken: Vec<String> = profile
            .phrases
            .iter()
            .map(|(_, p)| p.text.clone())
            .collect();
        self.phrases.retain(|(_, p)| !taken.contains(&p.text));
        // Profile phrases first, so they win ties.
        let mut merged = profile.phrases;
        merged.append(&mut self.phrases);
        self.phrases = merged;
        self.roles.extend_front(profile.roles);
        self.records.extend(profile.records);
        self.index();
    }

    /// Whether a header cell, whole, names a column of a document's own
    /// records rather than of a plan ("Version", "Author", "Venue",
    /// "Trainer": the `record:` lines of the vocabulary).
    pub fn is_record(&self, header: &str) -> bool {
        // Each ASCII letter or digit stays one byte of the folded text: a
        // cell with more of them than the longest record has is none, and
        // is not folded (the first rows of every table are asked, and
        // their cells are often sentences).
        // (Counted until there are too many: a sentence is found out
        // within its first words. A cell no longer than the longest record
        // has no more of them.)
        // (An ASCII cell is first asked the bytes its fold would start and
        // end with, found from its ends: most cells' are no record's.)
        // (The ends are read from the bytes up to the first and from the
        // last that are kept or not ASCII: where both are ASCII, they are
        // the fold's ends, however much of the text between is not ASCII,
        // and the text is not scanned whole.)
        match fold_ends(header) {
            FoldEnds::Empty => return false,
            FoldEnds::Ascii(first, last) => {
                if self.record_ends[0] & (1 << first) == 0 || self.record_ends[1] & (1 << last) == 0
                {
                    return false;
                }
            }
            FoldEnds::Unknown => {}
        }
        if header.len() > self.longest_record {
            let mut alnum = 0;
            for b in header.bytes() {
                alnum += usize::from(b.is_ascii_alphanumeric());
                if alnum > self.longest_record {
                    return false;
                }
            }
        }
        let ascii = header.is_ascii();
        // Folded on the stack when it is ASCII: a fold longer than the
        // longest record is none.
        let mut buf = [0u8; 64];
        if ascii && self.longest_record <= buf.len() {
            let buf = &mut buf[..self.longest_record];
            return fold_ascii_into(header, buf)
                .is_some_and(|f| !f.is_empty() && self.record_set.contains(f));
        }
        let f = fold(header);
        !f.is_empty() && self.records.contains(&f)
    }

    /// The readings of one header cell, best first: the vocabulary's
    /// phrases (exact, near, or contained), a combined header's parts
    /// ("Lead & Timescale"), and the words' roles ([`words`]). Empty when
    /// nothing reaches the threshold.
    pub fn readings(&self, header: &str) -> Vec<Candidate> {
        self.readings_with(header, true)
    }

    /// [`Vocabulary::readings`], with or without the word roles. Without
    /// them only phrases count: what tells a header printed again inside a
    /// table from a body row whose cells read like headers ("QA Sub-Group",
    /// "Qtr 3").
    fn readings_with(&self, header: &str, roles: bool) -> Vec<Candidate> {
        self.readings_given(
            header,
            roles,
            &mut |folded| self.best_phrase_at(folded),
            None,
        )
    }

    /// [`Vocabulary::readings_with`], the header's best phrase found by
    /// `phrase_at` (given the folded header): [`Vocabulary::best_phrase_at`],
    /// or a memo of it ([`Vocabulary::readings_memo`]). With `plain`, a
    /// reading with roles also gives the reading without them, which it
    /// passes on the way (a header row is read both ways).
    fn readings_given(
        &self,
        header: &str,
        roles: bool,
        phrase_at: &mut dyn FnMut(&str) -> Option<(usize, f64)>,
        mut plain: Option<&mut Option<Vec<Candidate>>>,
    ) -> Vec<Candidate> {
        let mut out: Vec<Candidate> = Vec::new();
        let folded = fold(header);
        if folded.is_empty() || header.len() > 400 {
            if let Some(plain) = plain {
                *plain = Some(Vec::new());
            }
            return out;
        }
        let phrase = if header.len() > 8 * self.longest.max(1) {
            None
        } else {
            phrase_at(&folded).map(|(i, s)| {
                let (field, phrase) = &self.phrases[i];
                (*field, s, phrase.text.as_str())
            })
        };
        // "Start date" holds a field word, but means none of them. (Asked
        // only when it matters: a contained phrase of a value field.)
        let phrase = phrase.filter(|p| {
            p.1 >= 0.9 || !words::VALUE_FIELDS.contains(&p.0) || !self.roles.vetoed(&folded)
        });
        // By phrases alone, a text with no phrase has no reading (the rest
        // reads roles, or adjusts a reading there is none of): most body
        // cells of a row that might repeat the header end here.
        if !roles && phrase.is_none() {
            return out;
        }
        if phrase.is_none() {
            if let Some(plain) = plain.take() {
                *plain = Some(Vec::new());
            }
        }
        // Abbreviations written with a full stop ("Resp.", "Rev. date") stand
        // for the head or qualifier word they begin. (A text with no word
        // that expands folds as it did: its words joined by single spaces
        // fold as the text, so it is not rebuilt.)
        let expansion = |w: &str| match w.strip_suffix('.') {
            Some(a) if a.len() <= 5 && a.chars().all(char::is_alphabetic) => {
                self.roles.expand(&a.to_lowercase()).map(str::to_string)
            }
            _ => None,
        };
        let folded = if header.contains('.')
            && header
                .split_whitespace()
                .any(|w| w.ends_with('.') && expansion(w).is_some())
        {
            let expanded: Vec<String> = header
                .split_whitespace()
                .map(|w| expansion(w).unwrap_or_else(|| w.to_string()))
                .collect();
            fold(&expanded.join(" "))
        } else {
            folded
        };
        if let Some((f, s, text)) = &phrase {
            out.push(Candidate {
                fields: vec![*f],
                score: *s,
                evidence: vec![if *s >= 1.0 {
                    format!("phrase `{text}`")
                } else if *s >= 0.8 {
                    format!("near phrase `{text}`")
                } else {
                    format!("contains phrase `{text}`")
                }
                .into()],
                needs_content: false,
            });
        }
        let dated = fold_words(&folded).any(content::is_month);
        if let Some(plain) = plain {
            // What the reading by phrases alone ends with: its phrase,
            // dated by a month or not.
            let mut by_phrase = out.clone();
            date_updates(&mut by_phrase, dated);
            *plain = Some(by_phrase);
        }
        let mut combined = false;
        // (By phrases alone, a header is not split: that mode only tells
        // a header printed again from a body row. Nor is a header a phrase
        // matches exactly.)
        if roles && phrase.as_ref().is_none_or(|p| p.1 < 1.0) {
            if let Some(c) = self.combined(header) {
                out.push(c);
                combined = true;
            }
        }
        // Word roles: for headers no phrase matches exactly, and not across
        // the parts of a combined header.
        if roles && !combined && phrase.as_ref().is_none_or(|p| p.1 < 0.9) {
            for r in self.roles.read(&folded) {
                if r.score < THRESHOLD {
                    continue;
                }
                // One candidate per field, at its best score.
                match out.iter_mut().find(|c| c.fields == [r.field]) {
                    Some(c) if c.score >= r.score => {}
                    Some(c) => {
                        c.score = r.score;
                        c.evidence = vec![r.evidence.into()];
                        c.needs_content = r.alternative || r.weak;
                    }
                    None => out.push(Candidate {
                        fields: vec![r.field],
                        score: r.score,
                        evidence: vec![r.evidence.into()],
                        needs_content: r.alternative || r.weak,
                    }),
                }
            }
        }
        // A header in two languages or two wordings ("Sut? / How?",
        // "Canlyniad / Outcome") that reads as nothing whole: the one part
        // that reads as something says what the column is.
        if roles && out.is_empty() && header.contains('/') {
            out = self.one_part_reading(header);
        }
        out.sort_by(|a, b| b.score.total_cmp(&a.score));
        date_updates(&mut out, dated);
        out
    }

    /// The readings of a header of two parts joined by "/" when exactly one
    /// part reads as something on its own (the other a word of another
    /// language, or one the vocabulary does not know), a little below what
    /// that part scores alone.
    fn one_part_reading(&self, header: &str) -> Vec<Candidate> {
        let parts: Vec<&str> = header
            .split('/')
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .collect();
        // Two short parts, as a header's wordings are: not a sentence
        // with a slash in it.
        if parts.len() != 2 || parts.iter().any(|p| p.split_whitespace().nth(4).is_some()) {
            return Vec::new();
        }
        let mut read = parts.iter().map(|p| (p, self.readings_with(p, true)));
        let (Some((pa, a)), Some((pb, b))) = (read.next(), read.next()) else {
            return Vec::new();
        };
        let (part, found) = match (a.is_empty(), b.is_empty()) {
            (false, true) => (pa, a),
            (true, false) => (pb, b),
            _ => return Vec::new(),
        };
        found
            .into_iter()
            .map(|mut c| {
                c.score *= 0.97;
                c.evidence
                    .push(format!("the part `{part}`; the other reads as nothing").into());
                c
            })
            .collect()
    }

    /// The best reading of a header cell, if any.
    pub fn best_reading(&self, header: &str) -> Option<Candidate> {
        self.readings(header).into_iter().next()
    }

    /// A combined header: parts joined by "&", "+", "/", " and " or a
    /// bracket that mean different fields, each clearly.
    fn combined(&self, header: &str) -> Option<Candidate> {
        // A header with no separator is one part (most are): not lowered
        // and cut. (Lower case makes " and " of no other characters.)
        if !header
            .bytes()
            .any(|b| matches!(b, b'&' | b'+' | b'/' | b'(' | b')'))
            && !header
                .as_bytes()
                .windows(5)
                .any(|w| w.eq_ignore_ascii_case(b" and "))
        {
            return None;
        }
        let lower = header.to_lowercase();
        let parts: Vec<String> = lower
            .split(['&', '+', '/', '(', ')'])
            .flat_map(|p| p.split(" and "))
            .map(fold)
            .filter(|p| !p.is_empty())
            .collect();
        // Two or three short parts ("Lead & Timescale", "Owner/Deadline"),
        // not a list of topics ("Learning and improvement (reviews, SCRs,
        // audits, impact evidence)").
        if parts.len() < 2 || parts.len() > 3 || parts.iter().any(|p| p.split(' ').count() > 4) {
            return None;
        }
        // Each part read once: its role readings and its best phrase.
        let read: Vec<PartReading> = parts
            .iter()
            .map(|p| {
                let phrase = self.best_phrase_folded(p).map(|(f, s, _)| (f, s));
                (self.roles.read(p), phrase)
            })
            .collect();
        // Parts that can all mean one field ("Evidence / Comments": evidence
        // may be progress) are one field, not two.
        let meanings: Vec<Vec<Field>> = read
            .iter()
            .map(|(roles, phrase)| {
                // A part's meanings: its readings close to its best (a
                // qualified head has one; an ambiguous head several).
                let top = roles.first().map_or(0.0, |r| r.score);
                let mut fs: Vec<Field> = roles
                    .iter()
                    .filter(|r| r.score >= top - 0.05)
                    .map(|r| r.field)
                    .collect();
                if let Some((f, _)) = phrase {
                    fs.push(*f);
                }
                fs
            })
            .collect();
        if Field::ALL
            .iter()
            .any(|f| meanings.iter().all(|m| m.contains(f)))
        {
            return None;
        }
        let mut fields: Vec<Field> = Vec::new();
        let mut scores = Vec::new();
        for (roles, phrase) in &read {
            let (f, s) = match phrase {
                Some((f, s)) if *s >= 0.9 => (*f, *s),
                _ => {
                    let r = roles.first()?;
                    if r.score < 0.8 {
                        return None;
                    }
                    (r.field, r.score)
                }
            };
            if !fields.contains(&f) {
                fields.push(f);
            }
            scores.push(s);
        }
        if fields.len() < 2 {
            return None;
        }
        // As sure as its least sure part, and a little less than a header
        // of one meaning: a combined reading must not take a field from a
        // column that means it alone.
        let score = scores.iter().copied().fold(f64::INFINITY, f64::min) * 0.95;
        Some(Candidate {
            evidence: vec![format!(
                "combined header: {}",
                fields
                    .iter()
                    .map(|f| f.name())
                    .collect::<Vec<_>>()
                    .join(" + ")
            )
            .into()],
            fields,
            score,
            needs_content: false,
        })
    }

    /// The best phrase for a folded header: (field, score, phrase), or
    /// `None` below the mapping threshold.
    fn best_phrase_folded(&self, h: &str) -> Option<(Field, f64, &str)> {
        self.best_phrase_at(h).map(|(i, s)| {
            let (field, phrase) = &self.phrases[i];
            (*field, s, phrase.text.as_str())
        })
    }

    /// [`Vocabulary::best_phrase_folded`] as (index in `phrases`, score).
    /// Whether `text`, folded, is one of the phrases word for word (a
    /// hash lookup and a few comparisons, no scoring).
    pub(crate) fn is_phrase(&self, text: &str) -> bool {
        let folded = fold(text);
        let first = folded.split(' ').next().unwrap_or_default();
        self.by_first
            .get(first)
            .is_some_and(|ids| ids.iter().any(|&i| self.phrases[i].1.text == folded))
    }

    fn best_phrase_at(&self, h: &str) -> Option<(usize, f64)> {
        if h.is_empty() || h.len() > 4 * self.longest {
            return None;
        }
        // The header's bag is made when a phrase first needs it: a
        // sentence that starts no phrase and is no phrase's length needs
        // none.
        let bag = std::cell::OnceCell::new();
        let hl = h.chars().count();
        // Only phrases that can score: those starting with one of the
        // header's words (contained or equal), and those of about its length
        // (a near miss). The rest would score 0.
        let (lo, hi, window) = self.near_window(hl);
        // A phrase of about the header's length whose bucket mask alone
        // rules out both a near match and containment scores 0 ([`score`]
        // asks the masks first): it is passed over here, without reading
        // the phrase. (The header's mask is made once, when there is a
        // phrase of about its length.)
        let hm = if window.is_empty() {
            0
        } else {
            bag.get_or_init(|| Bag::of(h)).mask
        };
        let h_bits = hm.count_ones();
        let near = window
            .iter()
            .filter(|&&(pl, mask, p_bits, _)| {
                // (The buckets of one and not the other: each mask's bits
                // less the shared ones.)
                let shared = (hm & mask).count_ones();
                let extra = (h_bits - shared) as usize;
                let missing = (p_bits - shared) as usize;
                extra.max(missing) * 100 <= hl.max(pl) * 15 || (pl < hl && missing == 0)
            })
            .map(|(_, _, _, i)| *i);
        // A phrase of other than about the header's length scores only as
        // contained in it, 0.5 + 0.4 * its share of the header's bytes:
        // below the threshold when under a quarter of them ("by" in a
        // sentence), so it is not scored.
        let contained = |i: usize| {
            let p = &self.phrases[i].1;
            !(lo..=hi).contains(&p.chars) && p.text.len() * 4 >= h.len()
        };
        // A phrase is scored once: a word's phrase of about the header's
        // length was already scored as a near one, and a phrase list is
        // taken once however often its word is repeated (the first lists
        // taken are remembered; past them, a list taken again scores as
        // before).
        let mut taken: [&[usize]; 8] = [&[]; 8];
        let mut n_taken = 0;
        let words = fold_words(h)
            .filter(|w| {
                w.as_bytes()
                    .first()
                    .is_some_and(|&b| self.first_words[usize::from(b)] & first_word_bit(w) != 0)
            })
            .filter_map(|w| self.by_first.get(w))
            .filter(move |ids| {
                let ids = ids.as_slice();
                if taken[..n_taken].iter().any(|t| std::ptr::eq(*t, ids)) {
                    return false;
                }
                if n_taken < taken.len() {
                    taken[n_taken] = ids;
                    n_taken += 1;
                }
                true
            })
            .flatten()
            .copied()
            .filter(|&i| contained(i));
        let mut best: Option<(usize, f64)> = None;
        for i in near.chain(words) {
            let header = Scored {
                text: h,
                chars: hl,
                bag: bag.get_or_init(|| Bag::of(h)),
            };
            let s = score(header, self.phrases[i].1.as_scored());
            // Ties go to the phrase listed first, as a scan in order would.
            if s >= THRESHOLD && best.is_none_or(|(bi, b)| s > b || (s == b && i < bi)) {
                best = Some((i, s));
            }
        }
        best
    }

    /// The phrases of about `hl` characters, the only ones a header of
    /// that length can nearly equal ([`Vocabulary::best_phrase_at`]), with
    /// the bounds of their lengths.
    #[allow(clippy::type_complexity)]
    fn near_window(&self, hl: usize) -> (usize, usize, &[(usize, u32, u32, usize)]) {
        let lo = hl - hl * 15 / 100 - 1;
        let hi = hl + hl * 15 / 85 + 1;
        let start = self.by_len.partition_point(|(l, _, _, _)| *l < lo);
        let end = start + self.by_len[start..].partition_point(|(l, _, _, _)| *l <= hi);
        (lo, hi, &self.by_len[start..end])
    }

    /// Whether an ASCII text surely has no best phrase
    /// ([`Vocabulary::best_phrase_at`] of its fold is `None`), found from
    /// its bytes without folding it: no phrase is of about its folded
    /// length, and none of its folded words starts a phrase long enough to
    /// score as contained in it (a quarter of its bytes). `false` when it
    /// may have one, or is not ASCII. A body cell read by phrases alone
    /// (a sentence, most of them) is answered here.
    fn no_phrase_ascii(&self, header: &str) -> bool {
        if !header.is_ascii() {
            return false;
        }
        // The fold's length, as [`fold_ascii`] builds it: each letter or
        // digit a byte, "%" seven ("percent"), "&" one, and a space
        // before each word but the first (a run of letters and digits,
        // "percent" or "&").
        let (mut len, mut words, mut in_run) = (0usize, 0usize, false);
        for &b in header.as_bytes() {
            match FOLD_BYTE[usize::from(b)] {
                FOLD_OTHER | FOLD_WIDE => in_run = false,
                FOLD_PERCENT => (len, words, in_run) = (len + 7, words + 1, false),
                FOLD_AMPERSAND => (len, words, in_run) = (len + 1, words + 1, false),
                _ => {
                    len += 1;
                    words += usize::from(!in_run);
                    in_run = true;
                }
            }
        }
        let hl = len + words.saturating_sub(1);
        if hl == 0 || hl > 4 * self.longest {
            return true;
        }
        if !self.near_window(hl).2.is_empty() {
            return false;
        }
        // Each folded word: its first byte and its length.
        let starts = |first: u8, n: usize| {
            self.first_words[usize::from(first)] & first_word_bit_len(n) != 0
                && usize::from(self.first_longest[usize::from(first)][n.min(31)]) * 4 >= hl
        };
        let bytes = header.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            match FOLD_BYTE[usize::from(bytes[i])] {
                FOLD_OTHER | FOLD_WIDE => i += 1,
                FOLD_PERCENT => {
                    if starts(b'p', 7) {
                        return false;
                    }
                    i += 1;
                }
                FOLD_AMPERSAND => {
                    if starts(b'&', 1) {
                        return false;
                    }
                    i += 1;
                }
                first => {
                    let run = bytes[i..]
                        .iter()
                        .position(|&b| !b.is_ascii_alphanumeric())
                        .unwrap_or(bytes.len() - i);
                    if starts(first, run) {
                        return false;
                    }
                    i += run;
                }
            }
        }
        true
    }

    /// The best (field, score) for one header text, or `None` below the
    /// mapping threshold (a combined header gives its first field).
    pub fn best(&self, header: &str) -> Option<(Field, f64)> {
        self.best_reading(header).map(|c| (c.fields[0], c.score))
    }

    /// The fields one header cell means: one field, or two for a combined
    /// header ("Action lead & Timescales"), with the score.
    pub fn fields_of(&self, header: &str) -> Option<(Vec<Field>, f64)> {
        self.best_reading(header).map(|c| (c.fields, c.score))
    }

    /// Map a header row: for each column, the fields it means. Each field
    /// goes to at most one column; where two columns want the same field the
    /// higher score wins, and on a tie the leftmost.
    pub fn map_row(&self, headers: &[String]) -> ColumnMap {
        self.map_row_with(headers, true)
    }

    /// [`Vocabulary::map_row`] by phrases alone (see
    /// [`Vocabulary::readings_with`]): for header rows printed again inside
    /// a table.
    pub fn map_row_by_phrases(&self, headers: &[String]) -> ColumnMap {
        self.map_row_with(headers, false)
    }

    fn map_row_with(&self, headers: &[String], roles: bool) -> ColumnMap {
        let m = self.map_row_memo(headers, roles, &mut Memo::default());
        ColumnMap {
            headers: headers.to_vec(),
            columns: m.columns,
            score: m.score,
            exact: m.exact,
        }
    }

    /// The readings of one header cell ([`Vocabulary::readings_with`]),
    /// each text read once per memo: a document's header texts come back
    /// (the header row is mapped with and without roles, then assigned;
    /// a header printed again on every page). A text read both with and
    /// without roles looks for its best phrase, the costlier half of a
    /// reading, once; read with roles first, it keeps its reading without
    /// them, which it passed on the way ([`Vocabulary::readings_given`]).
    pub(crate) fn readings_memo<'m>(
        &self,
        header: &str,
        roles: bool,
        memo: &'m mut Memo,
    ) -> &'m [Candidate] {
        let Memo {
            readings, phrases, ..
        } = memo;
        let [without, with] = readings;
        // One hash per look-up; the text is copied only when it is new.
        if !roles {
            // Read by phrases alone (a body cell, most of them), a text's
            // best phrase is not kept: it is not read with roles after.
            // A text that surely has none has no reading, and is not kept
            // either ([`Vocabulary::map_row_memo`] finds no reading of a
            // text not kept, as of one read as nothing).
            if header.len() > NO_PHRASE_TEST && self.no_phrase_ascii(header) {
                return &[];
            }
            let mut phrase_at = |folded: &str| match phrases.get(header) {
                Some(p) => *p,
                None => self.best_phrase_at(folded),
            };
            return without
                .entry_ref(header)
                .or_insert_with(|| self.readings_given(header, false, &mut phrase_at, None))
                .as_slice();
        }
        let mut phrase_at = |folded: &str| {
            *phrases
                .entry_ref(header)
                .or_insert_with(|| self.best_phrase_at(folded))
        };
        // Read with roles, the text is read by phrases alone on the way,
        // and kept for when that is asked.
        with.entry_ref(header)
            .or_insert_with(|| {
                let mut plain = None;
                let read = self.readings_given(header, true, &mut phrase_at, Some(&mut plain));
                if let Some(plain) = plain {
                    without.entry_ref(header).or_insert(plain);
                }
                read
            })
            .as_slice()
    }

    /// [`Vocabulary::map_row_with`], reading each cell through `memo`;
    /// the row's texts are not copied into the result.
    pub(crate) fn map_row_memo<S: AsRef<str>>(
        &self,
        headers: &[S],
        roles: bool,
        memo: &mut Memo,
    ) -> RowMap {
        let spelt = raci_words(headers);
        let text = |i: usize| {
            spelt
                .as_ref()
                .and_then(|w| w[i])
                .unwrap_or(headers[i].as_ref())
        };
        // Every cell read into the memo first, then its readings looked up
        // there, so that the candidates borrow their fields rather than
        // copy them (most are never assigned).
        for i in 0..headers.len() {
            self.readings_memo(text(i), roles, memo);
        }
        let read = &memo.readings[usize::from(roles)];
        // (Room for two readings a cell, most rows' most.)
        let mut candidates: Vec<(usize, &[Field], f64)> = Vec::with_capacity(2 * headers.len());
        for i in 0..headers.len() {
            if let Some(cands) = read.get(text(i)) {
                candidates.extend(cands.iter().map(|c| (i, c.fields.as_slice(), c.score)));
            }
        }
        candidates.sort_by(|a, b| b.2.total_cmp(&a.2).then(a.0.cmp(&b.0)));
        let mut columns: Vec<Vec<Field>> = vec![Vec::new(); headers.len()];
        let mut used: Vec<Field> = Vec::with_capacity(headers.len());
        let mut score = 0.0;
        let mut exact = 0;
        for (col, fields, s) in candidates {
            if !columns[col].is_empty() || fields.iter().any(|f| used.contains(f)) {
                continue;
            }
            used.extend(fields.iter().copied());
            columns[col] = fields.to_vec();
            score += s;
            if s >= 1.0 {
                exact += 1;
            }
        }
        RowMap {
            columns,
            score,
            exact,
        }
    }
}

/// Header readings already worked out, by text, with or without roles, and
/// the best phrase they start from ([`Vocabulary::readings_memo`]). A
/// reading depends on nothing but the text and the vocabulary, so one memo
/// serves a document.
/// (Hashed by foldhash, as [`Vocabulary`]'s word index: every cell of a
/// row that may be a header is looked up.)
#[derive(Debug, Default)]
pub(crate) struct Memo {
    /// Readings by text: `[without roles, with roles]`.
    readings: [hashbrown::HashMap<String, Vec<Candidate>>; 2],
    /// Each text's best phrase ([`Vocabulary::best_phrase_at`]), which
    /// both kinds of reading start from.
    phrases: hashbrown::HashMap<String, Option<(usize, f64)>>,
    /// Short body cells' content readings, by their trimmed text
    /// ([`content::CellRead`]): a plan's leads, dates and ratings come
    /// back row after row.
    cells: hashbrown::HashMap<String, content::CellRead>,
}

/// One part of a combined header, read: its word-role readings and its
/// best phrase (field, score).
type PartReading = (Vec<words::Reading>, Option<(Field, f64)>);

/// The length (bytes) past which a text read by phrases alone is first
/// asked [`Vocabulary::no_phrase_ascii`]: a shorter one nearly always has
/// phrases of about its length, and is read.
const NO_PHRASE_TEST: usize = 48;

/// Below this a header is not mapped.
pub(crate) const THRESHOLD: f64 = 0.6;

/// The mapping of one table's columns.
#[derive(Debug, Clone, PartialEq)]
pub struct ColumnMap {
    /// Header text per column, as printed.
    pub headers: Vec<String>,
    /// Fields per column (empty for an unmapped column).
    pub columns: Vec<Vec<Field>>,
    /// Sum of the mapped columns' scores.
    pub score: f64,
    /// How many columns matched a phrase exactly.
    pub exact: usize,
}

/// A [`ColumnMap`] without the header texts, which recognition has in its
/// grid already ([`Vocabulary::map_row_memo`]): every row that may be a
/// header is mapped, and copying its texts cost more than mapping a cell
/// found in the memo.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct RowMap {
    /// Fields per column (empty for an unmapped column).
    pub columns: Vec<Vec<Field>>,
    /// Sum of the mapped columns' scores.
    pub score: f64,
    /// How many columns matched a phrase exactly.
    pub exact: usize,
}

impl RowMap {
    /// How many columns are mapped.
    pub fn mapped(&self) -> usize {
        mapped(&self.columns)
    }

    /// [`ColumnMap::is_header`] of the row `headers` this maps.
    pub fn is_header<S: AsRef<str>>(&self, headers: &[S]) -> bool {
        is_header(headers, &self.columns, self.exact)
    }
}

/// How many columns of a mapping are mapped.
fn mapped(columns: &[Vec<Field>]) -> usize {
    columns.iter().filter(|c| !c.is_empty()).count()
}

/// [`ColumnMap::is_header`], of its parts.
fn is_header<S: AsRef<str>>(headers: &[S], columns: &[Vec<Field>], exact: usize) -> bool {
    let non_empty = headers
        .iter()
        .filter(|h| !content::trim(h.as_ref()).is_empty())
        .count();
    let mapped = mapped(columns);
    mapped >= 2 && (mapped * 2 >= non_empty || exact >= 2)
}

impl ColumnMap {
    /// How many columns are mapped.
    pub fn mapped(&self) -> usize {
        mapped(&self.columns)
    }

    /// The column that holds a field.
    pub fn column_of(&self, field: Field) -> Option<usize> {
        self.columns.iter().position(|c| c.contains(&field))
    }

    /// Whether a header row mapped well enough to be one: two mapped columns
    /// at least, and half of the non-empty cells.
    /// Two exact matches are enough on their own: grids that keep most of
    /// their columns in `fields` ("PRIORITY | ACTIONS REQUIRED | LEARNING
    /// AND IMPROVEMENT | ...") still have a header.
    pub fn is_header(&self) -> bool {
        is_header(&self.headers, &self.columns, self.exact)
    }
}

/// The letters of a RACI grid and the words they stand for: in a header
/// row that has R and A and C or I, in that order, each letter is read as
/// its word (the person Responsible does the work: the lead).
const RACI: [(&str, &str); 4] = [
    ("R", "Responsible"),
    ("A", "Accountable"),
    ("C", "Consulted"),
    ("I", "Informed"),
];

/// Each header's RACI word where the row is a RACI grid's ([`RACI`]).
pub(crate) fn raci_words<S: AsRef<str>>(headers: &[S]) -> Option<Vec<Option<&'static str>>> {
    // Cheap first: most rows have no one-letter header.
    // (Trimmed without decoding where a cell starts and ends with printable
    // ASCII: every row that may be a header is asked.)
    if !headers.iter().any(|h| content::trim(h.as_ref()).len() == 1) {
        return None;
    }
    let at: Vec<Option<usize>> = headers
        .iter()
        .map(|h| {
            let h = content::trim(h.as_ref()).trim_end_matches([':', '.']);
            RACI.iter().position(|(letter, _)| *letter == h)
        })
        .collect();
    let found: Vec<usize> = at.iter().flatten().copied().collect();
    let in_order = found.windows(2).all(|w| w[0] < w[1]);
    let has = |k: usize| found.contains(&k);
    (in_order && has(0) && has(1) && (has(2) || has(3)))
        .then(|| at.iter().map(|k| k.map(|k| RACI[k].1)).collect())
}

/// A header dated with a month ("Update (Sept 2016)", "Evaluation (July
/// 2022)", "Position at March 2017") is a column of updates as at that
/// date: its readings (best first) when `dated`.
fn date_updates(out: &mut Vec<Candidate>, dated: bool) {
    if dated
        && out
            .first()
            .is_some_and(|c| c.fields == [Field::Measures] || c.fields == [Field::Progress])
    {
        out.retain(|c| c.fields != [Field::Progress]);
        out.insert(
            0,
            Candidate {
                fields: vec![Field::Progress],
                score: 0.87,
                evidence: vec!["a header dated with a month: updates as at that date".into()],
                needs_content: false,
            },
        );
    }
}

/// The words of a folded text, as `split(' ')` cuts them, each space
/// found a byte at a time (a header's words are short: the searcher
/// `split` starts for each cost more than the bytes it passes over).
fn fold_words(h: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(h);
    std::iter::from_fn(move || {
        let r = rest?;
        match r.bytes().position(|b| b == b' ') {
            Some(i) => {
                rest = r.get(i + 1..);
                r.get(..i)
            }
            None => {
                rest = None;
                Some(r)
            }
        }
    })
}

/// A word's bit in [`Vocabulary::first_words`]: its length, 31 for 31
/// bytes or more.
fn first_word_bit(w: &str) -> u32 {
    first_word_bit_len(w.len())
}

/// [`first_word_bit`] of a word of `n` bytes.
fn first_word_bit_len(n: usize) -> u32 {
    1 << n.min(31)
}

/// Fold a header for comparison: lower case, "&" kept as a word, other
/// punctuation dropped, white space folded.
pub fn fold(s: &str) -> String {
    if s.is_ascii() {
        return fold_ascii(s);
    }
    fold_chars(s)
}

/// [`fold`] of an ASCII text (nearly every header), a byte at a time,
/// into bytes (a byte pushed costs less than a character), made a string
/// at the end (ASCII is valid UTF-8: never the empty default).
fn fold_ascii(s: &str) -> String {
    let mut out: Vec<u8> = Vec::with_capacity(s.len());
    let mut gap = false;
    for &b in s.as_bytes() {
        fold_byte(&mut out, &mut gap, FOLD_BYTE[usize::from(b)]);
    }
    String::from_utf8(out).unwrap_or_default()
}

/// One ASCII byte of a text being folded, as [`FOLD_BYTE`] takes it,
/// pushed onto `out`; `gap` says whether a break stands before it.
#[inline(always)]
fn fold_byte(out: &mut Vec<u8>, gap: &mut bool, c: u8) {
    match c {
        FOLD_OTHER | FOLD_WIDE => *gap = true,
        FOLD_PERCENT | FOLD_AMPERSAND => {
            if !out.is_empty() {
                out.push(b' ');
            }
            out.extend_from_slice(if c == FOLD_PERCENT { b"percent" } else { b"&" });
            *gap = true;
        }
        _ => {
            if *gap && !out.is_empty() {
                out.push(b' ');
            }
            *gap = false;
            out.push(c);
        }
    }
}

/// Whether [`fold`] of `s` is empty, without building it: no character
/// that lowers to a letter or digit, and no "%" or "&".
pub(crate) fn folds_empty(s: &str) -> bool {
    if s.is_ascii() {
        return !s
            .bytes()
            .any(|b| b.is_ascii_alphanumeric() || b == b'%' || b == b'&');
    }
    !s.chars().any(|c| {
        let c = if c.is_ascii() {
            c.to_ascii_lowercase()
        } else {
            c.to_lowercase().next().unwrap_or(c)
        };
        c.is_alphanumeric() || c == '%' || c == '&'
    })
}

/// Whether `fold(s) == folded`, without building the fold where `s` is
/// ASCII and `folded` short (a fold longer than `folded` is another).
pub(crate) fn folds_as(s: &str, folded: &str) -> bool {
    let mut buf = [0u8; 64];
    if s.is_ascii() && folded.len() <= buf.len() {
        return fold_ascii_into(s, &mut buf[..folded.len()])
            .is_some_and(|f| f == folded.as_bytes());
    }
    fold(s) == folded
}

/// [`fold_ascii`] into `buf`: the folded bytes, or `None` when they do
/// not fit.
fn fold_ascii_into<'b>(s: &str, buf: &'b mut [u8]) -> Option<&'b [u8]> {
    let mut len = 0;
    let mut gap = false;
    for &b in s.as_bytes() {
        match FOLD_BYTE[usize::from(b)] {
            FOLD_OTHER | FOLD_WIDE => gap = true,
            c @ (FOLD_PERCENT | FOLD_AMPERSAND) => {
                if len > 0 {
                    *buf.get_mut(len)? = b' ';
                    len += 1;
                }
                let word: &[u8] = if c == FOLD_PERCENT { b"percent" } else { b"&" };
                buf.get_mut(len..len + word.len())?.copy_from_slice(word);
                len += word.len();
                gap = true;
            }
            c => {
                if gap && len > 0 {
                    *buf.get_mut(len)? = b' ';
                    len += 1;
                }
                gap = false;
                *buf.get_mut(len)? = c;
                len += 1;
            }
        }
    }
    Some(&buf[..len])
}

/// The ends of a text's fold, as far as its ASCII bytes tell
/// ([`fold_ends`]).
#[derive(Debug, PartialEq)]
enum FoldEnds {
    /// The fold is empty: every byte is ASCII and none is kept.
    Empty,
    /// The fold's first and last bytes.
    Ascii(u8, u8),
    /// A character that is not ASCII stands before the first kept byte or
    /// after the last.
    Unknown,
}

/// The first and last bytes of [`fold`] of `s`, found from its ends: the
/// first byte that is kept (a letter, a digit, "%" or "&") or not ASCII,
/// and the last. Where both are kept ASCII bytes, all before the one and
/// after the other are dropped, and they start and end the fold.
fn fold_ends(s: &str) -> FoldEnds {
    let b = s.as_bytes();
    let stop = |c: &u8| c.is_ascii_alphanumeric() || *c == b'%' || *c == b'&' || !c.is_ascii();
    let (Some(&first), Some(&last)) = (b.iter().find(|c| stop(c)), b.iter().rfind(|c| stop(c)))
    else {
        return FoldEnds::Empty;
    };
    if !first.is_ascii() || !last.is_ascii() {
        return FoldEnds::Unknown;
    }
    let first = match first {
        b'%' => b'p',
        c => c.to_ascii_lowercase(),
    };
    let last = match last {
        b'%' => b't',
        c => c.to_ascii_lowercase(),
    };
    FoldEnds::Ascii(first, last)
}

/// [`fold`], a character at a time: the ASCII bytes of the text as
/// [`fold_ascii`] folds them (a byte each), any other character decoded,
/// lowered and kept or dropped; the bytes made a string at the end (each
/// pushed whole: valid UTF-8, never the empty default).
fn fold_chars(s: &str) -> String {
    // Words of letters and digits, "&" a word of its own, "%" the word
    // "percent", anything else (a "/" too) a break between words; written
    // straight into one buffer.
    let mut out: Vec<u8> = Vec::with_capacity(s.len());
    let mut gap = false;
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii() {
            i += 1;
            fold_byte(&mut out, &mut gap, FOLD_BYTE[usize::from(b)]);
            continue;
        }
        // A character that is not ASCII: `i` is its first byte.
        let Some(c) = s.get(i..).and_then(|r| r.chars().next()) else {
            break;
        };
        i += c.len_utf8();
        let c = c.to_lowercase().next().unwrap_or(c);
        if c.is_alphanumeric() {
            if gap && !out.is_empty() {
                out.push(b' ');
            }
            gap = false;
            let mut utf8 = [0u8; 4];
            out.extend_from_slice(c.encode_utf8(&mut utf8).as_bytes());
        } else if c == '%' || c == '&' {
            // (A character that lowers to one of them.)
            if !out.is_empty() {
                out.push(b' ');
            }
            out.extend_from_slice(if c == '%' { b"percent" } else { b"&" });
            gap = true;
        } else {
            gap = true;
        }
    }
    String::from_utf8(out).unwrap_or_default()
}

/// [`fold`] as it was first written, a character at a time: what the
/// faster folds are checked against.
#[cfg(test)]
fn fold_reference(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut gap = false;
    let word = |out: &mut String, w: &str, gap: &mut bool| {
        if *gap && !out.is_empty() {
            out.push(' ');
        }
        *gap = false;
        out.push_str(w);
    };
    for c in s.chars() {
        let c = if c.is_ascii() {
            c.to_ascii_lowercase()
        } else {
            c.to_lowercase().next().unwrap_or(c)
        };
        if c.is_alphanumeric() {
            if gap && !out.is_empty() {
                out.push(' ');
            }
            gap = false;
            out.push(c);
        } else if c == '%' || c == '&' {
            gap = true;
            word(&mut out, if c == '%' { "percent" } else { "&" }, &mut gap);
            gap = true;
        } else {
            gap = true;
        }
    }
    out
}

/// How well a folded header matches a folded phrase, 0..=1.
fn score(header: Scored<'_>, phrase: Scored<'_>) -> f64 {
    let (hp, pp) = (header, phrase);
    let (header, phrase) = (hp.text, pp.text);
    if header == phrase {
        return 1.0;
    }
    // Cheap bounds first: this runs for every cell of every row that might
    // be a repeated header, against every phrase. A similarity of 0.85
    // allows at most 15% of the longer text in edits, and the length
    // difference and the bag distance are both at most the edit distance.
    let (hl, pl) = (hp.chars, pp.chars);
    let longer = hl.max(pl);
    let near_length = longer > 0 && longer <= 200 && hl.abs_diff(pl) * 100 <= longer * 15;
    if !near_length && pl >= hl {
        return 0.0;
    }
    // The masks first: most pairs differ in more buckets than either test
    // below allows, and the counts are not compared.
    let (few_extra, few_missing) = hp.bag.at_least(pp.bag);
    let near_bound = |extra: usize, missing: usize| extra.max(missing) * 100 <= longer * 15;
    let may_be_near = near_length && near_bound(few_extra, few_missing);
    let may_contain = pl < hl && few_missing == 0;
    if !(may_be_near || may_contain) {
        return 0.0;
    }
    let (extra, missing) = hp.bag.difference(pp.bag);
    let mut best = 0.0;
    if near_length && near_bound(extra, missing) {
        let ratio = similarity_at_least(header, phrase, 0.85);
        if ratio >= 0.85 {
            best = ratio * 0.95;
        }
    }
    // The phrase as whole words inside a longer header.
    if pl < hl && missing == 0 && contains_words(header, phrase) {
        let cover = phrase.len() as f64 / header.len() as f64;
        best = f64::max(best, 0.5 + 0.4 * cover);
    }
    best
}

/// 1 - (edit distance / longer length), on characters.
#[cfg(test)]
fn similarity(a: &str, b: &str) -> f64 {
    similarity_at_least(a, b, f64::NEG_INFINITY)
}

/// [`similarity`] where it is `floor` or more; below it, 0 or any value
/// below `floor` (the edit distance stops once a row of its table shows
/// that the similarity cannot reach `floor`: the scorer wants only near
/// matches).
fn similarity_at_least(a: &str, b: &str, floor: f64) -> f64 {
    // ASCII text (most headers) is compared byte for byte, without
    // collecting its characters first.
    if a.is_ascii() && b.is_ascii() {
        return similarity_of(a.as_bytes(), b.as_bytes(), floor);
    }
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    similarity_of(&a, &b, floor)
}

/// [`similarity_at_least`] on two sequences of characters.
fn similarity_of<T: PartialEq>(a: &[T], b: &[T], floor: f64) -> f64 {
    let longer = a.len().max(b.len());
    if longer == 0 {
        return 1.0;
    }
    // Headers are short; cap the work for absurd cells.
    if longer > 200 || a.len().abs_diff(b.len()) * 100 > longer * 15 {
        return 0.0;
    }
    let ratio = |d: usize| 1.0 - d as f64 / longer as f64;
    // The most edits that still reach `floor`: only the table's cells
    // within that many of its diagonal are worked out (a cheaper path
    // never leaves them), the others held at one more.
    let mut k = longer;
    while k > 0 && ratio(k) < floor {
        k -= 1;
    }
    if ratio(k) < floor || a.len().abs_diff(b.len()) > k {
        return 0.0;
    }
    let far = k as u16 + 1;
    // Two rows of the edit distance table, on the stack (b has at most
    // 200 characters here, so a distance fits in 16 bits), swapped by
    // reference: swapping the rows themselves copied them for every
    // character of `a`.
    let (mut row_a, mut row_b) = ([far; 201], [far; 201]);
    let (mut prev, mut cur) = (&mut row_a, &mut row_b);
    for (j, p) in (0u16..).zip(prev.iter_mut().take(b.len().min(k) + 1)) {
        *p = j;
    }
    for (i, ca) in (1usize..).zip(a.iter()) {
        let lo = i.saturating_sub(k).max(1);
        let hi = (i + k).min(b.len());
        // The cell left of the band: the first column, or one out of it.
        cur[lo - 1] = if lo == 1 { (i as u16).min(far) } else { far };
        let mut row_min = far;
        for j in lo..=hi {
            let cost = u16::from(*ca != b[j - 1]);
            let d = (prev[j - 1] + cost)
                .min(prev[j] + 1)
                .min(cur[j - 1] + 1)
                .min(far);
            cur[j] = d;
            row_min = row_min.min(d);
        }
        // Every path to the last cell crosses this row.
        if row_min >= far {
            return 0.0;
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    let d = prev[b.len()];
    if d >= far {
        return 0.0;
    }
    1.0 - f64::from(d) / longer as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_headers_fold_as_characters_do() {
        for h in [
            "",
            " ",
            "Lead Officer",
            "  Action / Lead & Timescale ",
            "% complete",
            "RAG%",
            "&",
            "a&b%c",
            "Q1 (Apr-Jun) update:",
            "Target date\t(by when?)\n",
            "Ref.",
            "__x__",
            "50%",
            "&x",
            "%",
        ] {
            assert_eq!(fold_ascii(h), fold_chars(h), "{h:?}");
            assert_eq!(fold_ascii(h), fold_reference(h), "{h:?}");
            let mut buf = [0u8; 64];
            assert_eq!(
                fold_ascii_into(h, &mut buf),
                Some(fold_chars(h).as_bytes()),
                "{h:?}"
            );
            let folded = fold_chars(h);
            let ends = folded
                .as_bytes()
                .first()
                .zip(folded.as_bytes().last())
                .map(|(a, b)| (*a, *b));
            let want = ends.map_or(FoldEnds::Empty, |(a, b)| FoldEnds::Ascii(a, b));
            assert_eq!(fold_ends(h), want, "{h:?}");
            let mut short = [0u8; 3];
            let fits = fold_chars(h).len() <= 3;
            assert_eq!(fold_ascii_into(h, &mut short).is_some(), fits, "{h:?}");
        }
        for h in [
            "", " ", "-", "&", "%", "a", " . ", "É", "\u{2013}", "é!", "\u{00a0}", "Ⅻ", "İ", "(–)",
            "1", "_",
        ] {
            assert_eq!(folds_empty(h), fold(h).is_empty(), "{h:?}");
        }
    }

    #[test]
    fn headers_fold_as_the_first_fold_did() {
        for h in [
            "Lead Officer’s name",
            "Responsible\u{a0}officer – date",
            "ÉTAPE 1: Qui?",
            "İstanbul & Co",
            "Σ total ΣΑΣ",
            "café%",
            "naïve—approach / 50 %",
            "\u{2460} first",
            "x\u{200b}y",
            "ǅ ǈ ǋ",
            "",
            "’",
        ] {
            assert_eq!(fold_chars(h), fold_reference(h), "{h:?}");
            assert_eq!(fold(h), fold_reference(h), "{h:?}");
            // Where the ends are told from the ASCII bytes, they are the
            // fold's.
            let folded = fold_reference(h);
            match fold_ends(h) {
                FoldEnds::Empty => assert!(folded.is_empty(), "{h:?}"),
                FoldEnds::Ascii(a, b) => {
                    assert_eq!(folded.as_bytes().first(), Some(&a), "{h:?}");
                    assert_eq!(folded.as_bytes().last(), Some(&b), "{h:?}");
                }
                FoldEnds::Unknown => {}
            }
            assert_eq!(folds_empty(h), fold_reference(h).is_empty(), "{h:?}");
        }
    }

    fn fields(v: &Vocabulary, h: &str) -> Vec<Field> {
        v.fields_of(h).map(|(f, _)| f).unwrap_or_default()
    }

    #[test]
    fn a_header_in_two_languages_reads_by_the_part_it_knows() {
        let v = Vocabulary::builtin();
        assert_eq!(fields(&v, "Sut? / How?"), vec![Field::Action]);
        assert_eq!(fields(&v, "Pwy? / Who?"), vec![Field::Lead]);
        assert_eq!(fields(&v, "Canlyniad / Outcome"), fields(&v, "Outcome"));
        // A sentence with a slash is no header.
        assert!(fields(
            &v,
            "Young carers will report positively/ action plan developed on areas for improvement"
        )
        .is_empty());
    }

    #[test]
    fn a_profile_saved_with_a_byte_order_mark_and_capitals_parses() {
        let v = Vocabulary::parse("\u{feff}Lead: Accountable director\nDUE: Go-live\n")
            .expect("profile");
        assert_eq!(fields(&v, "Accountable director"), vec![Field::Lead]);
        assert_eq!(fields(&v, "Go-live"), vec![Field::Due]);
        let e = Vocabulary::parse("Owner: x").expect_err("unknown field");
        assert_eq!(e.line, 1);
        assert!(
            e.message.starts_with("unknown field `owner`"),
            "{}",
            e.message
        );
    }

    /// The edit distance's similarity over the whole table, as first
    /// written: what the banded one is checked against.
    fn similarity_whole(a: &str, b: &str) -> f64 {
        let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
        let longer = a.len().max(b.len());
        if longer == 0 {
            return 1.0;
        }
        if longer > 200 || a.len().abs_diff(b.len()) * 100 > longer * 15 {
            return 0.0;
        }
        let mut prev: Vec<u16> = (0..=b.len() as u16).collect();
        for (i, ca) in a.iter().enumerate() {
            let mut cur = vec![i as u16 + 1; b.len() + 1];
            for (j, cb) in b.iter().enumerate() {
                let cost = u16::from(ca != cb);
                cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
            }
            prev = cur;
        }
        1.0 - f64::from(prev[b.len()]) / longer as f64
    }

    #[test]
    fn the_banded_edit_distance_is_the_whole_where_it_counts() {
        let words = [
            "lead officer",
            "lead officers",
            "lead agency",
            "kitten",
            "sitting",
            "target date",
            "target dates",
            "timescale",
            "timescales",
            "progress",
            "progress update",
            "",
            "responsible officer",
            "responsible officers",
            "q1",
            "rag rating",
            "rag ratings",
            "abcdefghij",
            "abcdefghix",
            "action",
            "actions",
            "actionz",
            "a",
            "ab",
            "ba",
            "measure of success",
            "measures of success",
            "success measure",
            "café",
            "cafe",
            "how will we know",
            "how we will know",
            "when will it be done",
            "when will it be don",
            "lead officer lead officer lead officer",
            "lead officer lead offices lead officer",
        ];
        for a in words {
            for b in words {
                let whole = similarity_whole(a, b);
                assert_eq!(similarity(a, b), whole, "{a:?} {b:?}");
                for floor in [0.5, 0.8, 0.85, 0.9, 1.0] {
                    let floored = similarity_at_least(a, b, floor);
                    if whole >= floor {
                        assert_eq!(floored, whole, "{a:?} {b:?} {floor}");
                    } else {
                        assert!(floored < floor, "{a:?} {b:?} {floor}");
                    }
                }
            }
        }
    }

    #[test]
    fn an_ascii_bag_counts_as_characters_do() {
        let long = "a".repeat(300) + &"Z9 ".repeat(100);
        for t in [
            "",
            "lead officer",
            "Q1 2024 & 50%",
            "AZaz09 ~\t",
            long.as_str(),
        ] {
            assert_eq!(Bag::of(t), Bag::of_counts(Bag::char_counts(t)), "{t:?}");
        }
    }

    #[test]
    fn a_bags_difference_counts_each_side() {
        let texts = [
            "lead officer",
            "lead agency",
            "",
            "q1 2024 & 50 percent",
            "aaaa",
        ];
        for x in texts {
            for y in texts {
                let (bx, by) = (Bag::of(x), Bag::of(y));
                let (mut more, mut fewer) = (0, 0);
                for (a, b) in bx.counts.iter().zip(by.counts.iter()) {
                    more += usize::from(a.saturating_sub(*b));
                    fewer += usize::from(b.saturating_sub(*a));
                }
                assert_eq!(bx.difference(&by), (more, fewer), "{x:?} {y:?}");
                let (few_more, few_fewer) = bx.at_least(&by);
                assert!(few_more <= more && few_fewer <= fewer, "{x:?} {y:?}");
            }
        }
        assert_eq!(
            similarity("lead officer", "lead officers"),
            1.0 - 1.0 / 13.0
        );
        assert_eq!(similarity("kitten", "sitting"), 1.0 - 3.0 / 7.0);
        assert_eq!(similarity("kitten", "kittenkitten"), 0.0);
        assert_eq!(similarity("abcdefghij", "abcdefghix"), 0.9);
        // With a floor, on more words: see
        // `the_banded_edit_distance_is_the_whole_where_it_counts`.
    }

    #[test]
    fn builtin_vocabulary_parses() {
        let v = Vocabulary::builtin();
        assert!(v.phrases.len() > 50);
    }

    #[test]
    fn seed_headers_map_to_their_fields() {
        let v = Vocabulary::builtin();
        use Field::*;
        for (h, want) in [
            ("No.", vec![Id]),
            ("CAB", vec![Audience]),
            ("What do we want to achieve?", vec![Objective]),
            ("How are we going to do it?", vec![Action]),
            ("Who will lead?", vec![Lead]),
            ("How will we know we have achieved? this", vec![Measures]),
            ("When are we going to achieve this?", vec![Due]),
            ("Comment on Progress", vec![Progress]),
            ("RAG rating", vec![Rag]),
            ("Who is responsible ?", vec![Lead]),
            ("When is it going to be done by?", vec![Due]),
            ("Impact / what difference will it make?", vec![Measures]),
            ("SafeGuarding Priorities/Outcomes", vec![Objective]),
            ("Milestoner Due Date", vec![Due]),
            (
                "Support required from other departments /partners*",
                vec![Partners],
            ),
            (
                "Benefits, Planned savings, Income generated",
                vec![Measures],
            ),
            ("Action lead & Timescales", vec![Lead, Due]),
            ("Progress / status", vec![Progress]),
            ("Sub group or Lead", vec![Lead]),
            ("Actions for 2016-17", vec![Action]),
            // The progress column that carries the rating as its colour.
            ("Progress (RAG)", vec![Progress, Rag]),
            ("Lead officer", vec![Lead]),
            ("Target date", vec![Due]),
            ("Measure of success", vec![Measures]),
            ("BRAG", vec![Rag]),
        ] {
            assert_eq!(fields(&v, h), want, "header {h:?}");
        }
    }

    #[test]
    fn ordinary_text_does_not_map() {
        let v = Vocabulary::builtin();
        for h in [
            "Review the effectiveness of the LSCBN website in raising public awareness",
            "Insert",
            "Teresa DeVito September 2011",
            "",
        ] {
            assert_eq!(fields(&v, h), Vec::<Field>::new(), "{h:?}");
        }
    }

    #[test]
    fn a_row_maps_each_field_once() {
        let v = Vocabulary::builtin();
        let row: Vec<String> = [
            "PRIORITY",
            "What are we going to do ?",
            "How are we going to do it?",
            "Who is responsible ?",
        ]
        .map(String::from)
        .to_vec();
        let m = v.map_row(&row);
        assert_eq!(m.columns[0], vec![Field::Objective]);
        // Both phrases mean `action`; the leftmost exact match wins, the
        // other column stays in `fields` only.
        assert_eq!(m.columns[1], vec![Field::Action]);
        assert_eq!(m.columns[2], Vec::<Field>::new());
        assert_eq!(m.columns[3], vec![Field::Lead]);
    }

    #[test]
    fn a_profile_overrides_the_builtin_meaning() {
        let mut v = Vocabulary::builtin();
        v.extend(Vocabulary::parse("measures: status\nlead: accountable manager").unwrap());
        assert_eq!(fields(&v, "Status"), vec![Field::Measures]);
        assert_eq!(fields(&v, "Accountable Manager"), vec![Field::Lead]);
        let err = Vocabulary::parse("colour: red").unwrap_err();
        assert_eq!(err.line, 1);
        assert!(err.message.starts_with("unknown field `colour`"));
    }

    /// [`Vocabulary::best_phrase_at`] as a scan of every phrase: the best
    /// score at or above the threshold, ties to the first listed.
    fn best_phrase_scan(v: &Vocabulary, h: &str) -> Option<(usize, f64)> {
        if h.is_empty() || h.len() > 4 * v.longest {
            return None;
        }
        let hb = Bag::of(h);
        let header = Scored {
            text: h,
            chars: h.chars().count(),
            bag: &hb,
        };
        let mut best: Option<(usize, f64)> = None;
        for (i, (_, p)) in v.phrases.iter().enumerate() {
            let s = score(header, p.as_scored());
            if s >= THRESHOLD && best.is_none_or(|(_, b)| s > b) {
                best = Some((i, s));
            }
        }
        best
    }

    /// Texts to read: the vocabulary's phrases, alone, run together, inside
    /// sentences and cut short, and sentences of a plan's body.
    fn texts_to_read(v: &Vocabulary) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        let phrases: Vec<&str> = v.phrases.iter().map(|(_, p)| p.text.as_str()).collect();
        for (k, p) in phrases.iter().enumerate() {
            let q = phrases[(k * 7 + 3) % phrases.len()];
            out.push(p.to_string());
            out.push(format!("{p} {q}"));
            out.push(format!(
                "Review the {p} of the partnership's multi-agency audit"
            ));
            out.push(format!(
                "Develop and agree a {p} with partners, & report 100% to the Board by March"
            ));
            out.push(format!("{p}: {q} / {q} (2019-20)"));
            out.push(p.chars().skip(1).collect());
            out.push(p.to_uppercase().replace(' ', "  \n"));
        }
        for s in [
            "• Review the effectiveness of the LSCBN website in raising public awareness",
            "Continue to look at the data, pursue timeliness and review Protocol arrangements",
            "Monitor data and undertake audit of cases where families are affected by Toxic Trio",
            "Findings from audits to show that thresholds are being consistently applied.",
            "Head of Adult Services /LSCB Board Manager and the lead officer for the target date",
            "Who is responsible for the action and by when will it be done and measured?",
            "%%%% &&&& ---- 50% of 100% & more & more & more & more & more & more",
            "",
            "   ",
        ] {
            out.push(s.to_string());
        }
        out
    }

    #[test]
    fn the_best_phrase_is_the_best_of_a_scan_of_every_phrase() {
        let v = Vocabulary::builtin();
        for t in texts_to_read(&v) {
            let h = fold(&t);
            let got = v.best_phrase_at(&h);
            let want = best_phrase_scan(&v, &h);
            assert_eq!(got.map(|g| g.1), want.map(|w| w.1), "{h:?}");
        }
    }

    #[test]
    fn a_text_with_no_phrase_told_from_its_bytes_has_none() {
        let v = Vocabulary::builtin();
        let mut told = 0;
        for t in texts_to_read(&v) {
            if v.no_phrase_ascii(&t) {
                told += 1;
                assert_eq!(v.best_phrase_at(&fold(&t)), None, "{t:?}");
                assert!(v.readings_with(&t, false).is_empty(), "{t:?}");
            }
        }
        // (Some are told: the sentences with no phrase's first word.)
        assert!(told > 0);
    }

    #[test]
    fn a_folded_texts_words_are_cut_as_split_cuts_them() {
        let v = Vocabulary::builtin();
        let mut texts = texts_to_read(&v);
        texts.extend(
            [
                "", " ", "  ", "a", "a ", " a", "a  b", "é b", "a é", " é  ü ",
            ]
            .map(String::from),
        );
        for t in texts {
            for h in [fold(&t), t.clone()] {
                let got: Vec<&str> = fold_words(&h).collect();
                let want: Vec<&str> = h.split(' ').collect();
                assert_eq!(got, want, "{h:?}");
            }
        }
    }
}
