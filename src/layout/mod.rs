//! Layout recognition: which column of a table means which canonical field.
//!
//! The knowledge is data: `vocabulary.txt` (compiled in) lists phrases per
//! field, and a user profile (`--profile FILE`, same format) adds or overrides
//! phrases. [`Vocabulary::map_row`] scores every header cell against every
//! phrase and keeps the best mapping of the whole row; [`find_header`] picks
//! the header row of a table. Nothing here knows about file formats.

pub mod context;
mod fields;

pub use fields::Field;

use crate::model::Table;

/// Header phrases per field.
#[derive(Debug, Clone)]
pub struct Vocabulary {
    /// (field, folded phrase)
    phrases: Vec<(Field, Phrase)>,
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
}

/// Character counts in 64 buckets (letters and digits each their own), for
/// the bag distance: a lower bound on the edit distance that costs one pass,
/// so most cell/phrase pairs skip the quadratic edit distance.
#[derive(Debug, Clone, PartialEq)]
struct Bag([u16; 64]);

impl Bag {
    fn of(s: &str) -> Self {
        let mut counts = [0u16; 64];
        for c in s.chars() {
            let slot = match c {
                'a'..='z' => c as usize - 'a' as usize,
                '0'..='9' => 26 + (c as usize - '0' as usize),
                ' ' => 36,
                _ => 37 + (c as usize % 27),
            };
            counts[slot] = counts[slot].saturating_add(1);
        }
        Bag(counts)
    }

    /// (characters of self not in other, characters of other not in
    /// self). Their maximum is the bag distance: no sequence of fewer edits
    /// turns one text into the other. When the second is 0, other's
    /// characters are all in self, as they must be if other occurs in self.
    fn difference(&self, other: &Bag) -> (usize, usize) {
        // Branch-free, so the compiler can vectorise it.
        let (mut more, mut fewer) = (0u32, 0u32);
        for (&a, &b) in self.0.iter().zip(other.0.iter()) {
            more += u32::from(a.saturating_sub(b));
            fewer += u32::from(b.saturating_sub(a));
        }
        (more as usize, fewer as usize)
    }
}

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

    /// Parse text in the vocabulary format.
    pub fn parse(text: &str) -> Result<Self, VocabularyError> {
        let mut phrases = Vec::new();
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
            let Some(field) = Field::from_name(name.trim()) else {
                return Err(VocabularyError {
                    line: i + 1,
                    message: format!(
                        "unknown field `{}` (known: {})",
                        name.trim(),
                        Field::ALL
                            .iter()
                            .map(|f| f.name())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                });
            };
            for p in rest.split('|') {
                let folded = fold(p);
                if !folded.is_empty() {
                    phrases.push((field, Phrase::new(folded)));
                }
            }
        }
        Ok(Vocabulary { phrases })
    }

    /// Add a profile's phrases. A phrase in the profile takes its header
    /// away from whatever field the built-in vocabulary gave it.
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
    }

    /// The best (field, score) for one header text, or `None` below the
    /// mapping threshold.
    pub fn best(&self, header: &str) -> Option<(Field, f64)> {
        // No phrase can reach the threshold in a cell over four times longer
        // than the longest phrase (a whole-word match then covers under a
        // quarter of it): most data cells stop here.
        let longest = self
            .phrases
            .iter()
            .map(|(_, p)| p.text.len())
            .max()
            .unwrap_or(0);
        if header.len() > 8 * longest.max(1) {
            return None;
        }
        let h = fold(header);
        if h.is_empty() || h.len() > 4 * longest {
            return None;
        }
        let header = Phrase::new(h);
        let mut best: Option<(Field, f64)> = None;
        for (field, phrase) in &self.phrases {
            let s = score(&header, phrase);
            if s >= THRESHOLD && best.is_none_or(|(_, b)| s > b) {
                best = Some((*field, s));
            }
        }
        best
    }

    /// The fields one header cell means: one field, or two for a combined
    /// header ("Action lead & Timescales"), with the score.
    pub fn fields_of(&self, header: &str) -> Option<(Vec<Field>, f64)> {
        let whole = self.best(header);
        // A combined header: parts joined by "&" or " and " that mean
        // different fields, each clearly.
        let lower = header.to_lowercase();
        let parts: Vec<&str> = lower
            .split(['&', '+'])
            .flat_map(|p| p.split(" and "))
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .collect();
        if parts.len() >= 2 {
            let mapped: Vec<(Field, f64)> = parts.iter().filter_map(|p| self.best(p)).collect();
            if mapped.len() == parts.len() && mapped.iter().all(|(_, s)| *s >= 0.9) {
                let mut fields: Vec<Field> = Vec::new();
                for (f, _) in &mapped {
                    if !fields.contains(f) {
                        fields.push(*f);
                    }
                }
                if fields.len() >= 2 && whole.is_none_or(|(_, s)| s < 1.0) {
                    let s = mapped.iter().map(|(_, s)| s).sum::<f64>() / mapped.len() as f64;
                    return Some((fields, s));
                }
            }
        }
        whole.map(|(f, s)| (vec![f], s))
    }

    /// Map a header row: for each column, the fields it means. Each field
    /// goes to at most one column; where two columns want the same field the
    /// higher score wins, and on a tie the leftmost.
    pub fn map_row(&self, headers: &[String]) -> ColumnMap {
        let mut candidates: Vec<(usize, Vec<Field>, f64)> = headers
            .iter()
            .enumerate()
            .filter_map(|(i, h)| self.fields_of(h).map(|(f, s)| (i, f, s)))
            .collect();
        candidates.sort_by(|a, b| b.2.total_cmp(&a.2).then(a.0.cmp(&b.0)));
        let mut columns: Vec<Vec<Field>> = vec![Vec::new(); headers.len()];
        let mut used: Vec<Field> = Vec::new();
        let mut score = 0.0;
        let mut exact = 0;
        for (col, fields, s) in candidates {
            if fields.iter().any(|f| used.contains(f)) {
                continue;
            }
            used.extend(fields.iter().copied());
            columns[col] = fields;
            score += s;
            if s >= 1.0 {
                exact += 1;
            }
        }
        ColumnMap {
            headers: headers.to_vec(),
            columns,
            score,
            exact,
        }
    }
}

/// Below this a header is not mapped.
const THRESHOLD: f64 = 0.6;

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

impl ColumnMap {
    /// How many columns are mapped.
    pub fn mapped(&self) -> usize {
        self.columns.iter().filter(|c| !c.is_empty()).count()
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
        let non_empty = self.headers.iter().filter(|h| !h.trim().is_empty()).count();
        self.mapped() >= 2 && (self.mapped() * 2 >= non_empty || self.exact >= 2)
    }
}

/// Find a table's header row among its first rows: the row that maps best,
/// if any maps well enough. Returns the row index and its mapping.
pub fn find_header(table: &Table, vocab: &Vocabulary) -> Option<(usize, ColumnMap)> {
    let grid = table.text_grid();
    let mut best: Option<(usize, ColumnMap)> = None;
    for (r, row) in grid.iter().enumerate().take(5) {
        let map = vocab.map_row(row);
        if map.is_header()
            && best
                .as_ref()
                .is_none_or(|(_, b)| map.score > b.score + 1e-9)
        {
            best = Some((r, map));
        }
    }
    best
}

/// Fold a header for comparison: lower case, "&" kept as a word, other
/// punctuation dropped, white space folded.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let c = c.to_lowercase().next().unwrap_or(c);
        if c.is_alphanumeric() || c == '&' || c == '/' {
            if c == '&' || c == '/' {
                out.push(' ');
                out.push(c);
                out.push(' ');
            } else {
                out.push(c);
            }
        } else {
            out.push(' ');
        }
    }
    let words: Vec<&str> = out.split_whitespace().filter(|w| *w != "/").collect();
    words.join(" ")
}

/// How well a folded header matches a folded phrase, 0..=1.
fn score(header: &Phrase, phrase: &Phrase) -> f64 {
    let (hp, pp) = (header, phrase);
    let (header, phrase) = (hp.text.as_str(), pp.text.as_str());
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
    let (extra, missing) = hp.bag.difference(&pp.bag);
    let mut best = 0.0;
    if near_length && extra.max(missing) * 100 <= longer * 15 {
        let ratio = similarity(header, phrase);
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

/// Whether `phrase` occurs in `header` between spaces or the ends.
fn contains_words(header: &str, phrase: &str) -> bool {
    let bytes = header.as_bytes();
    header.match_indices(phrase).any(|(i, m)| {
        let end = i + m.len();
        (i == 0 || bytes[i - 1] == b' ') && (end == bytes.len() || bytes[end] == b' ')
    })
}

/// 1 - (edit distance / longer length), on characters.
fn similarity(a: &str, b: &str) -> f64 {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let longer = a.len().max(b.len());
    if longer == 0 {
        return 1.0;
    }
    // Headers are short; cap the work for absurd cells.
    if longer > 200 || a.len().abs_diff(b.len()) * 100 > longer * 15 {
        return 0.0;
    }
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    1.0 - prev[b.len()] as f64 / longer as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(v: &Vocabulary, h: &str) -> Vec<Field> {
        v.fields_of(h).map(|(f, _)| f).unwrap_or_default()
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
            ("Progress (RAG)", vec![Progress]),
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
}
