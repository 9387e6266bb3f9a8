//! Header meaning from words and their roles, for headers no phrase in the
//! vocabulary matches.
//!
//! A column header is a short noun phrase ("Target completion date", "Lead
//! Agency", "Work to date") or a question ("Who?", "How will we measure
//! success?"). What it means is decided by its *head*, not by whichever field
//! word appears in it:
//!
//! - A **marker** anywhere in the header decides outright ("to date" makes
//!   "Work to date" progress, not a date).
//! - A **question** is read by its question word ("who" is the lead, "when"
//!   the due date); "what" and "how" give the action unless a qualifier in
//!   the question says otherwise ("How will we measure success?").
//! - Otherwise the phrase is cut at its first preposition ("Date | of
//!   completion", "Work | to date") and the **head** is the last known head
//!   word before the cut ("Lead *Agency*", "Action Plan *Reference*"). A head
//!   may mean several fields ("date": due or completed; "status": progress or
//!   RAG; "recommendation": objective or action).
//! - **Qualifiers** elsewhere in the header choose among the head's fields
//!   ("*Target* completion date" is due, "Date of *completion*" is
//!   completed); the first qualifier line of the vocabulary that applies
//!   wins, so the file's order ranks them.
//!
//! All the words are data (`vocabulary.txt`, lines `head FIELD: ...`,
//! `qualifier FIELD: ...`, `question FIELD: ...`, `marker FIELD: ...`); the
//! code only knows the roles.

use crate::plan::Field;

/// Prepositions that end a header's main phrase.
/// (As written, for the unit test of [`is_preposition`], which reads it.)
#[cfg(test)]
const PREPOSITIONS: &[&str] = &[
    "of", "to", "for", "from", "in", "on", "with", "against", "within", "at", "towards", "into",
    "under", "via", "per",
];

/// Words that carry no meaning of their own in a header.
/// (As written, for the unit test of [`is_stopword`], which reads it.)
#[cfg(test)]
const STOPWORDS: &[&str] = &[
    "the", "a", "an", "our", "we", "will", "is", "are", "be", "been", "it", "this", "that",
    "these", "those", "do", "does", "did", "have", "has", "had", "can", "should", "would", "must",
    "and", "or", "its", "their", "your", "you", "us", "i", "e", "g", "eg", "ie", "etc", "if",
    "any", "all", "each", "by", "as", "there", "being", "going", "was", "were", "shall", "may",
    "who's",
];

/// Whether a word is one of the prepositions that end a header's main
/// phrase (a `match`, which compares a word only with those of its
/// length; a unit test checks it against the list `PREPOSITIONS`).
fn is_preposition(w: &str) -> bool {
    matches!(
        w,
        "of" | "to"
            | "for"
            | "from"
            | "in"
            | "on"
            | "with"
            | "against"
            | "within"
            | "at"
            | "towards"
            | "into"
            | "under"
            | "via"
            | "per"
    )
}

/// Whether a word is one that carries no meaning of its own in a header
/// (as [`is_preposition`], checked against the list `STOPWORDS`).
fn is_stopword(w: &str) -> bool {
    matches!(
        w,
        "the"
            | "a"
            | "an"
            | "our"
            | "we"
            | "will"
            | "is"
            | "are"
            | "be"
            | "been"
            | "it"
            | "this"
            | "that"
            | "these"
            | "those"
            | "do"
            | "does"
            | "did"
            | "have"
            | "has"
            | "had"
            | "can"
            | "should"
            | "would"
            | "must"
            | "and"
            | "or"
            | "its"
            | "their"
            | "your"
            | "you"
            | "us"
            | "i"
            | "e"
            | "g"
            | "eg"
            | "ie"
            | "etc"
            | "if"
            | "any"
            | "all"
            | "each"
            | "by"
            | "as"
            | "there"
            | "being"
            | "going"
            | "was"
            | "were"
            | "shall"
            | "may"
            | "who's"
    )
}

/// The fields a `qualifier none` word can veto: values of a row, not what
/// the row is about ("Risk owner" is still the lead; "Risk rating" is not a
/// RAG rating).
pub const VALUE_FIELDS: &[Field] = &[
    Field::Due,
    Field::Completed,
    Field::Rag,
    Field::Measures,
    Field::Progress,
    Field::Resources,
];

/// Score of a field given by a marker phrase.
const MARKER: f64 = 0.9;
/// Score of a field chosen by a qualifier.
const QUALIFIED: f64 = 0.88;
/// Score of a head word's first field.
const HEAD: f64 = 0.85;
/// Score of a question word's field.
const QUESTION: f64 = 0.8;
/// Less for each further field of an ambiguous head, and for a head found
/// further left than the last word.
const STEP: f64 = 0.03;

/// The role lexicon: head words, qualifiers, question words and markers.
#[derive(Debug, Clone, Default)]
pub struct Roles {
    /// Head word -> the fields it means, in order of preference.
    heads: Vec<(String, Vec<Field>)>,
    /// Index into `heads` by stem ([`stem`]'s base), built on first use
    /// after a change: headers are read many times, heads are few.
    /// (hashbrown's foldhash, as the vocabulary's phrase index.)
    head_index: hashbrown::HashMap<String, Vec<usize>>,
    /// Qualifier lines in file order: (field, words or phrases).
    qualifiers: Vec<(Field, Vec<String>)>,
    /// Words that make a header mean no field whatever its head ("*Start*
    /// date", "Date *raised*"): `qualifier none: ...` lines.
    none: Vec<String>,
    /// Heads whose reading needs the column's cells to agree: `weak` lines.
    weak: Vec<String>,
    /// Question words or phrases -> field.
    questions: Vec<(String, Field)>,
    /// Marker phrases -> field, with the length of the phrase's first word
    /// (looked for among a header's words before the whole phrase is).
    markers: Vec<(String, Field, usize)>,
}

/// One reading of a header: the field(s) it means, how sure, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Reading {
    /// The field.
    pub field: Field,
    /// 0..=1.
    pub score: f64,
    /// Why, in words ("head `date` qualified by `target`").
    pub evidence: String,
    /// A head's second or later meaning that no qualifier chose ("date" as
    /// the completion date): taken only where the column's cells agree.
    pub alternative: bool,
    /// From a weak head ("Comments", "Notes"): taken only where the cells
    /// agree (sentences or dated updates, not short remarks).
    pub weak: bool,
}

impl Roles {
    /// Take one vocabulary line's role (`head`, `qualifier`, `question`,
    /// `marker`) with its field and folded words. Returns false for a role
    /// name it does not know.
    pub fn add(&mut self, role: &str, field: Field, words: Vec<String>) -> bool {
        match role {
            "head" => {
                for w in words {
                    match self.heads.iter_mut().find(|(h, _)| *h == w) {
                        Some((_, fs)) => {
                            if !fs.contains(&field) {
                                fs.push(field);
                            }
                        }
                        None => {
                            // Indexed as it comes (what `index_heads` gives,
                            // without redoing the whole index per line).
                            let i = self.heads.len();
                            self.head_index
                                .entry(stem(&w).0.to_string())
                                .or_default()
                                .push(i);
                            self.heads.push((w, vec![field]));
                        }
                    }
                }
            }
            "qualifier" => self.qualifiers.push((field, words)),
            "none" => self.none.extend(words),
            "weak" => self.weak.extend(words),
            "question" => self.questions.extend(words.into_iter().map(|w| (w, field))),
            "marker" => self.markers.extend(words.into_iter().map(|w| {
                let first = w.find(' ').unwrap_or(w.len());
                (w, field, first)
            })),
            _ => return false,
        }
        true
    }

    /// Add another lexicon's entries in front of this one's (a profile's
    /// words win).
    pub fn extend_front(&mut self, other: Roles) {
        let mut heads = other.heads;
        for (w, fs) in std::mem::take(&mut self.heads) {
            if !heads.iter().any(|(h, _)| *h == w) {
                heads.push((w, fs));
            }
        }
        self.heads = heads;
        self.index_heads();
        let mut q = other.qualifiers;
        q.append(&mut self.qualifiers);
        self.qualifiers = q;
        let mut q = other.questions;
        q.append(&mut self.questions);
        self.questions = q;
        let mut m = other.markers;
        m.append(&mut self.markers);
        self.markers = m;
        self.none.extend(other.none);
        self.weak.extend(other.weak);
    }

    /// Whether there are no entries at all.
    pub fn is_empty(&self) -> bool {
        self.heads.is_empty()
            && self.qualifiers.is_empty()
            && self.questions.is_empty()
            && self.markers.is_empty()
            && self.none.is_empty()
            && self.weak.is_empty()
    }

    /// The head or qualifier word an abbreviation stands for ("resp" for
    /// "responsible", "rev" for "revised"): the first listed that starts
    /// with it. Only for words written with a full stop ("Resp.").
    pub fn expand(&self, abbreviation: &str) -> Option<&str> {
        if abbreviation.len() < 2 || self.head(abbreviation).is_some() {
            return None;
        }
        self.heads
            .iter()
            .map(|(h, _)| h.as_str())
            .chain(
                self.qualifiers
                    .iter()
                    .flat_map(|(_, q)| q.iter().map(String::as_str)),
            )
            .find(|w| {
                w.len() > abbreviation.len() && w.starts_with(abbreviation) && !w.contains(' ')
            })
    }

    /// Whether a `qualifier none` word makes the header mean no field
    /// ("Start date", "Date raised").
    pub fn vetoed(&self, folded: &str) -> bool {
        // ([`has_words`] of each word, with each of the header's words
        // stemmed once rather than once per `none` word; a `none` phrase of
        // several words, which a profile may give, is asked as before.)
        let mut several = false;
        for word in folded.split(' ') {
            let stemmed = stem(word);
            for w in &self.none {
                if w.contains(' ') {
                    several = true;
                } else if w == word || stem(w) == stemmed {
                    return true;
                }
            }
        }
        if !several {
            return false;
        }
        let words: Vec<&str> = folded.split(' ').collect();
        self.none
            .iter()
            .filter(|w| w.contains(' '))
            .any(|w| has_words(&words, w))
    }

    fn head(&self, word: &str) -> Option<&[Field]> {
        let (base, _) = stem(word);
        let candidates = self.head_index.get(base)?;
        candidates
            .iter()
            .map(|&i| &self.heads[i])
            .find(|(h, _)| same_word(h, word))
            .map(|(_, f)| f.as_slice())
    }

    /// Rebuild the head index (after heads change).
    fn index_heads(&mut self) {
        self.head_index.clear();
        for (i, (h, _)) in self.heads.iter().enumerate() {
            self.head_index
                .entry(stem(h).0.to_string())
                .or_default()
                .push(i);
        }
    }

    /// The readings of one folded header part (no "&" in it), best first.
    /// Empty when the words say nothing.
    pub fn read(&self, folded: &str) -> Vec<Reading> {
        let words: Vec<&str> = folded.split(' ').filter(|w| !w.is_empty()).collect();
        // Headers are short; a long cell is text, not a header.
        if words.is_empty() || words.len() > 14 {
            return Vec::new();
        }
        // 1. Markers decide outright.
        for (m, f, first) in &self.markers {
            // (The first word first: most headers share none with a marker.)
            if words.contains(&&m[..*first]) && contains_words(folded, m) {
                return vec![Reading {
                    field: *f,
                    score: MARKER,
                    evidence: format!("marker `{m}`"),
                    alternative: false,
                    weak: false,
                }];
            }
        }
        // 2. Questions.
        if let Some((q, qf)) = self
            .questions
            .iter()
            .filter(|(q, _)| starts_with_words(folded, q))
            .max_by_key(|(q, _)| q.len())
        {
            let rest: Vec<&str> = words[q.split(' ').count()..].to_vec();
            // "when" and "who" decide; "what" and "how" yield to a
            // qualifier ("How will we measure success?").
            if *qf == Field::Action || *qf == Field::Objective {
                for (field, quals) in &self.qualifiers {
                    if let Some(w) = quals.iter().find(|w| has_words(&rest, w)) {
                        return vec![Reading {
                            field: *field,
                            score: QUALIFIED - STEP,
                            evidence: format!("question `{q}` about `{w}`"),
                            alternative: false,
                            weak: false,
                        }];
                    }
                }
                // A head word in the question ("What is the *timescale*?"),
                // not in the verb's place right after the question word
                // ("What *needs* to happen").
                let skip = usize::from(rest.len() > 1);
                for w in rest.iter().skip(skip).rev() {
                    if let Some(fs) = self.head(w) {
                        if !fs.contains(qf) {
                            return vec![Reading {
                                field: fs[0],
                                score: QUESTION,
                                evidence: format!("question `{q}` about `{w}`"),
                                alternative: false,
                                weak: false,
                            }];
                        }
                    }
                }
            }
            return vec![Reading {
                field: *qf,
                score: QUESTION,
                evidence: format!("question `{q}`"),
                alternative: false,
                weak: false,
            }];
        }
        // 3. The head of the phrase: the last head word before the first
        // preposition (or, failing that, anywhere). A header phrase is
        // short; a longer text is a sentence ("Review the effectiveness of
        // the website in raising awareness"), whatever words it holds.
        if words.len() > 8 {
            return Vec::new();
        }
        let cut = words
            .iter()
            .position(|w| is_preposition(w))
            .unwrap_or(words.len());
        let main: Vec<&str> = words[..cut]
            .iter()
            .copied()
            .filter(|w| !is_stopword(w))
            .collect();
        let complement: Vec<&str> = words[cut..]
            .iter()
            .copied()
            .filter(|w| !is_stopword(w) && !is_preposition(w))
            .collect();
        let mut found: Option<(usize, &str, &[Field])> = None;
        for (i, w) in main.iter().enumerate().rev() {
            if let Some(fs) = self.head(w) {
                found = Some((main.len() - 1 - i, w, fs));
                break;
            }
        }
        if found.is_none() && main.is_empty() {
            // A header that starts with its preposition ("Within budget"):
            // its head is after it. (Not when the main phrase has words of
            // its own: "Voice of the service user" is not about a service.)
            for (i, w) in complement.iter().enumerate() {
                if let Some(fs) = self.head(w) {
                    found = Some((main.len() + i, w, fs));
                    break;
                }
            }
        }
        let Some((distance, head, fields)) = found else {
            return Vec::new();
        };
        if self.vetoed(folded) && fields.iter().any(|f| VALUE_FIELDS.contains(f)) {
            return Vec::new();
        }
        let penalty = STEP * distance.min(3) as f64;
        // Qualifiers: other words of the header that choose one of the
        // head's fields.
        let others: Vec<&str> = main
            .iter()
            .chain(complement.iter())
            .copied()
            .filter(|w| *w != head)
            .collect();
        for (field, quals) in &self.qualifiers {
            if !fields.contains(field) {
                continue;
            }
            if let Some(w) = quals.iter().find(|w| has_words(&others, w)) {
                let mut out = vec![Reading {
                    field: *field,
                    score: QUALIFIED - penalty,
                    evidence: format!("head `{head}` qualified by `{w}`"),
                    alternative: false,
                    weak: false,
                }];
                // The head's other meanings stay, lower, for the content
                // to overrule only when it is clear.
                for f in fields.iter().filter(|f| *f != field) {
                    out.push(Reading {
                        field: *f,
                        score: HEAD - 3.0 * STEP - penalty,
                        evidence: format!("head `{head}`"),
                        alternative: true,
                        weak: false,
                    });
                }
                return out;
            }
        }
        fields
            .iter()
            .enumerate()
            .map(|(k, f)| Reading {
                field: *f,
                score: HEAD - STEP * k as f64 - penalty,
                evidence: if fields.len() > 1 {
                    format!("head `{head}` (one of {} meanings)", fields.len())
                } else {
                    format!("head `{head}`")
                },
                alternative: k > 0,
                weak: self.weak.iter().any(|w| same_word(w, head)),
            })
            .collect()
    }
}

/// A word's stem for comparing plurals with singulars without allocating:
/// "activities" is ("activit", true) like "activity"; "actions" is
/// ("action", false) like "action".
fn stem(w: &str) -> (&str, bool) {
    if let Some(s) = w.strip_suffix("ies") {
        if s.len() >= 3 {
            return (s, true);
        }
    }
    if let Some(s) = w.strip_suffix('y') {
        return (s, true);
    }
    if w.len() > 3 && w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") {
        return (&w[..w.len() - 1], false);
    }
    (w, false)
}

/// Whether two words are the same up to a plural ending.
fn same_word(a: &str, b: &str) -> bool {
    a == b || stem(a) == stem(b)
}

/// A crude singular: "actions" -> "action", "activities" -> "activity".
#[cfg(test)]
fn singular(w: &str) -> String {
    if let Some(stem) = w.strip_suffix("ies") {
        if stem.len() >= 3 {
            return format!("{stem}y");
        }
    }
    if w.len() > 3 && w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") {
        return w[..w.len() - 1].to_string();
    }
    w.to_string()
}

/// Whether the folded `text` starts with the words of `phrase`.
fn starts_with_words(text: &str, phrase: &str) -> bool {
    text == phrase || (text.starts_with(phrase) && text.as_bytes().get(phrase.len()) == Some(&b' '))
}

/// Whether `phrase` occurs in folded `text` as whole words.
pub(crate) fn contains_words(text: &str, phrase: &str) -> bool {
    let bytes = text.as_bytes();
    text.match_indices(phrase).any(|(i, m)| {
        let end = i + m.len();
        (i == 0 || bytes[i - 1] == b' ') && (end == bytes.len() || bytes[end] == b' ')
    })
}

/// Whether the words contain `phrase` (one word, or several in a row),
/// comparing plurals as singulars.
fn has_words(words: &[&str], phrase: &str) -> bool {
    // (The phrase's words are compared as they are split, not collected:
    // every qualifier word is asked of every header read by its roles.)
    let n = phrase.bytes().filter(|&b| b == b' ').count() + 1;
    if n == 1 {
        return words.iter().any(|w| same_word(w, phrase));
    }
    words
        .windows(n)
        .any(|win| win.iter().copied().eq(phrase.split(' ')))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roles() -> Roles {
        let mut r = Roles::default();
        let w = |s: &str| s.split('|').map(|x| x.trim().to_string()).collect();
        r.add("head", Field::Due, w("date | timescale | deadline"));
        r.add("head", Field::Completed, w("date"));
        r.add("head", Field::Lead, w("lead | agency | owner"));
        r.add("head", Field::Partners, w("agency"));
        r.add("head", Field::Progress, w("status"));
        r.add("head", Field::Rag, w("status"));
        r.add("head", Field::Id, w("reference"));
        r.add("head", Field::Action, w("action"));
        r.add("head", Field::Measures, w("measure"));
        r.add("qualifier", Field::Due, w("target | planned"));
        r.add("qualifier", Field::Completed, w("completion | completed"));
        r.add("qualifier", Field::Partners, w("partner | other"));
        r.add("qualifier", Field::Lead, w("lead"));
        r.add("qualifier", Field::Measures, w("measure | success"));
        r.add("question", Field::Lead, w("who"));
        r.add("question", Field::Due, w("when | by when"));
        r.add("question", Field::Action, w("what | how"));
        r.add("marker", Field::Progress, w("to date"));
        r
    }

    fn first(h: &str) -> Option<Field> {
        roles().read(h).first().map(|r| r.field)
    }

    #[test]
    fn the_head_decides_not_any_field_word() {
        assert_eq!(first("target completion date"), Some(Field::Due));
        assert_eq!(first("date of completion"), Some(Field::Completed));
        assert_eq!(first("actual completion date"), Some(Field::Completed));
        assert_eq!(first("work to date"), Some(Field::Progress));
        assert_eq!(first("lead agency"), Some(Field::Lead));
        assert_eq!(first("partner agencies"), Some(Field::Partners));
        assert_eq!(first("action plan reference"), Some(Field::Id));
        assert_eq!(first("timescale for completion"), Some(Field::Due));
        assert_eq!(first("colour"), None);
    }

    #[test]
    fn questions_by_their_question_word() {
        assert_eq!(first("who"), Some(Field::Lead));
        assert_eq!(first("when"), Some(Field::Due));
        assert_eq!(first("what"), Some(Field::Action));
        assert_eq!(first("how will we measure success"), Some(Field::Measures));
        // "when" decides even with a qualifier in it.
        assert_eq!(first("when will it be completed"), Some(Field::Due));
    }

    #[test]
    fn an_ambiguous_head_keeps_its_meanings_in_order() {
        let r = roles().read("status");
        assert_eq!(r.len(), 2);
        assert_eq!(r[0].field, Field::Progress);
        assert_eq!(r[1].field, Field::Rag);
        assert!(r[0].score > r[1].score);
    }

    #[test]
    fn the_word_lists_match_as_their_tests_do() {
        let mut words: Vec<&str> = PREPOSITIONS.iter().chain(STOPWORDS).copied().collect();
        words.extend([
            "", "x", "ofs", "th", "thee", "who", "whos", "mays", "per ", "towardss",
        ]);
        for w in words {
            assert_eq!(is_preposition(w), PREPOSITIONS.contains(&w), "{w:?}");
            assert_eq!(is_stopword(w), STOPWORDS.contains(&w), "{w:?}");
        }
    }

    #[test]
    fn plurals_match_their_singular() {
        assert_eq!(first("key actions"), Some(Field::Action));
        assert_eq!(singular("activities"), "activity");
        assert_eq!(singular("status"), "status");
    }
}
