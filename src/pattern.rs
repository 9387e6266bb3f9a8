//! Regular expressions as the rules use them: compiled once per process
//! (each in a `LazyLock` beside its rule) by `regex-lite`.
//!
//! The rules' patterns (dates, references, labels, the gap phrase lists)
//! run over short, already folded cell texts, where what costs is not the
//! search but compiling: in the `regex` crate, the case-insensitive month
//! alternations and Unicode classes took a one-plan `convert` longer to
//! compile than the file took to read (about 50 million instructions of
//! 121 million, measured with callgrind on nottingham-cab.docx).
//! `regex-lite` compiles them in a small fraction of that, with the same
//! syntax; its classes (`\d`, `\s`, `\w`, `\b`) and `(?i)` are ASCII, which
//! is what the rules mean: dates and references are ASCII digits, white
//! space is folded to spaces before the rules see it.
//!
//! The gap rules' phrase lists (`gaps/phrases.txt`) are searched by
//! `regex-automata`'s lazy DFA instead: [`alternation`] makes one list's,
//! [`PhraseLists`] every list's in one, which searches a whole text once
//! and tells which lists match a line.

use regex_lite::Regex;

/// Compile `pattern`. Panics on an invalid pattern: every pattern is a
/// constant of the program (or a line of its phrase lists, which a test
/// compiles).
pub fn compile(pattern: &str) -> Regex {
    try_compile(pattern).unwrap_or_else(|e| panic!("invalid pattern {pattern:?}: {e}"))
}

/// Compile `pattern`, or say why it is not one.
pub fn try_compile(pattern: &str) -> Result<Regex, regex_lite::Error> {
    Regex::new(pattern)
}

/// Whether `hay` contains `needle`, ASCII letters compared without case:
/// the cheap test run before a case-insensitive pattern that cannot match
/// without that word (regex-lite's `(?i)` is ASCII too, so the test never
/// turns away a text the pattern would accept).
pub fn contains_ci(hay: &str, needle: &str) -> bool {
    contains_ci_by(hay, needle, 0)
}

/// [`contains_ci`] of `needle`, found by its byte at `at` rather than its
/// first: a rarer letter ("outcome"'s "m", not its "o") stops the search at
/// fewer places to compare. The same answer whatever `at` is (one past the
/// needle's end is taken as its last byte).
pub fn contains_ci_by(hay: &str, needle: &str, at: usize) -> bool {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    if n.is_empty() {
        return true;
    }
    if h.len() < n.len() {
        return false;
    }
    let at = at.min(n.len() - 1);
    let c = n[at];
    // Where the needle's byte `at` can be, for a needle inside `hay`: an
    // offset found there is where the needle would start.
    let region = &h[at..h.len() - (n.len() - 1 - at)];
    memchr::memchr2_iter(c.to_ascii_lowercase(), c.to_ascii_uppercase(), region)
        .any(|s| h[s..s + n.len()].eq_ignore_ascii_case(n))
}

/// The months' names in full, lower case, January first: one list for the
/// date parser and the PDF reader's page-break rule.
pub const MONTH_NAMES: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Whether `hay` starts with `prefix`, ASCII letters compared without case.
pub fn starts_with_ci(hay: &str, prefix: &str) -> bool {
    let (h, p) = (hay.as_bytes(), prefix.as_bytes());
    h.len() >= p.len() && h[..p.len()].eq_ignore_ascii_case(p)
}

/// Lines of a phrase list (`gaps/phrases.txt`) as one case-insensitive
/// alternation, searched by `regex-automata`'s lazy DFA, which searches
/// many texts faster than `regex-lite`. Only the forward DFA is built, from
/// one forward NFA without captures and without a literal prefilter: the
/// lists only ask "does this line match?", which needs no reverse search,
/// no one-pass DFA and no match bounds (the `meta` regex built all of them,
/// a tenth of a one-plan `convert`; extracting literals from forty
/// case-insensitive phrases cost more than every search of a plan). ASCII
/// classes, as for [`compile`]. A line that does not compile is left out (a
/// unit test compiles every shipped line).
pub fn alternation(lines: &[String]) -> PhraseList {
    // Every shipped line compiles, so the lines are built as they are;
    // only when that fails is each line checked on its own (compiling
    // every line twice more, to check it first, was a tenth of a one-plan
    // `convert`).
    let all: Vec<String> = lines.iter().map(|l| ascii_classes(l)).collect();
    if let Some(list) = PhraseList::build(all) {
        return list;
    }
    let ok: Vec<String> = lines
        .iter()
        .filter(|l| try_compile(l).is_ok())
        .map(|l| ascii_classes(l))
        .collect();
    PhraseList::build(ok.clone()).unwrap_or_else(|| panic!("invalid phrase list {ok:?}"))
}

/// Makes a search cache for a phrase list's DFA.
type MakeCache = Box<dyn Fn() -> regex_automata::hybrid::dfa::Cache + Send + Sync>;

/// A compiled phrase list: does a text match any of its lines?
pub struct PhraseList {
    /// The forward lazy DFA of every line.
    dfa: regex_automata::hybrid::dfa::DFA,
    /// Its search caches, one per thread at a time (a lazy DFA fills its
    /// cache as it searches, so a batch's plans share the states).
    caches: regex_automata::util::pool::Pool<regex_automata::hybrid::dfa::Cache, MakeCache>,
    /// The lines, for the rare search the lazy DFA gives up on.
    patterns: Vec<String>,
    /// Their `meta` regex, built only for such a search.
    fallback: std::sync::OnceLock<Option<regex_automata::meta::Regex>>,
}

impl std::fmt::Debug for PhraseList {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PhraseList")
            .field("patterns", &self.patterns)
            .finish_non_exhaustive()
    }
}

impl PhraseList {
    /// The forward lazy DFA of `patterns`, or `None` if one does not
    /// compile.
    fn build(patterns: Vec<String>) -> Option<PhraseList> {
        use regex_automata::hybrid::dfa::DFA;
        use regex_automata::nfa::thompson::{self, WhichCaptures};
        let dfa = DFA::builder()
            .syntax(syntax(false))
            .thompson(thompson::Config::new().which_captures(WhichCaptures::None))
            .build_many(&patterns)
            .ok()?;
        let for_cache = dfa.clone();
        let make: MakeCache = Box::new(move || for_cache.create_cache());
        Some(PhraseList {
            dfa,
            caches: regex_automata::util::pool::Pool::new(make),
            patterns,
            fallback: std::sync::OnceLock::new(),
        })
    }

    /// Whether any line of the list matches somewhere in `text`.
    pub fn is_match(&self, text: &str) -> bool {
        self.searcher().is_match(text)
    }

    /// The list's search with a cache taken from the pool and kept, for
    /// many texts in a row ([`PhraseList::is_match`] takes one and puts
    /// it back each time).
    pub fn searcher(&self) -> Searcher<'_> {
        Searcher {
            list: self,
            cache: self.caches.get(),
        }
    }

    /// Whether a line matches in `text`, searched with `cache`.
    fn search(&self, cache: &mut regex_automata::hybrid::dfa::Cache, text: &str) -> bool {
        let input = regex_automata::Input::new(text).earliest(true);
        match self.dfa.try_search_fwd(cache, &input) {
            Ok(m) => m.is_some(),
            // The lazy DFA gives up only on a search that thrashes its
            // cache: the `meta` regex (which falls back to a PikeVM)
            // answers instead.
            Err(_) => self.fallback_match(text),
        }
    }

    fn fallback_match(&self, text: &str) -> bool {
        // (A search the lazy DFA gave up on; `meta` has caches of its own.)
        use regex_automata::meta;
        use regex_automata::nfa::thompson::WhichCaptures;
        let re = self.fallback.get_or_init(|| {
            meta::Regex::builder()
                .configure(
                    meta::Config::new()
                        .auto_prefilter(false)
                        .which_captures(WhichCaptures::None),
                )
                .syntax(syntax(false))
                .build_many(&self.patterns)
                .ok()
        });
        re.as_ref().is_some_and(|re| re.is_match(text))
    }
}

/// Several phrase lists (each a list of lines as for [`alternation`]) in
/// one lazy DFA, in multi-line mode and reporting every pattern that
/// matches (`MatchKind::All`): one search of a whole text says whether a
/// line of it may match any list ([`ListsSearcher::may_match`]), and one
/// search of a line says which lists match it
/// ([`ListsSearcher::lists_in_line`]). One DFA built and filled, not one a
/// list and one more for the whole texts.
pub struct PhraseLists {
    /// The forward lazy DFA of every list's every line.
    dfa: regex_automata::hybrid::dfa::DFA,
    /// Its search caches (as [`PhraseList`]'s).
    caches: regex_automata::util::pool::Pool<regex_automata::hybrid::dfa::Cache, MakeCache>,
    /// Per pattern, the index of its list.
    list_of: Vec<usize>,
    /// The patterns, for the rare search the lazy DFA gives up on.
    patterns: Vec<String>,
    /// Their `meta` regex, built only for such a search.
    fallback: std::sync::OnceLock<Option<regex_automata::meta::Regex>>,
}

impl std::fmt::Debug for PhraseLists {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PhraseLists")
            .field("patterns", &self.patterns)
            .field("list_of", &self.list_of)
            .finish_non_exhaustive()
    }
}

impl PhraseLists {
    /// `lists` (64 at most; the rest are left out) as one DFA. A line that
    /// does not compile is left out, as by [`alternation`].
    pub fn new(lists: &[Vec<String>]) -> PhraseLists {
        let mut patterns = Vec::new();
        let mut list_of = Vec::new();
        for (k, list) in lists.iter().enumerate().take(64) {
            for line in list {
                patterns.push(ascii_classes(line));
                list_of.push(k);
            }
        }
        if let Some(lists) = PhraseLists::build(patterns, list_of) {
            return lists;
        }
        let (mut patterns, mut list_of) = (Vec::new(), Vec::new());
        for (k, list) in lists.iter().enumerate().take(64) {
            for line in list.iter().filter(|l| try_compile(l).is_ok()) {
                patterns.push(ascii_classes(line));
                list_of.push(k);
            }
        }
        PhraseLists::build(patterns.clone(), list_of)
            .unwrap_or_else(|| panic!("invalid phrase lists {patterns:?}"))
    }

    fn build(patterns: Vec<String>, list_of: Vec<usize>) -> Option<PhraseLists> {
        use regex_automata::hybrid::dfa::DFA;
        use regex_automata::nfa::thompson::{self, WhichCaptures};
        let dfa = DFA::builder()
            .configure(DFA::config().match_kind(regex_automata::MatchKind::All))
            .syntax(syntax(true))
            .thompson(thompson::Config::new().which_captures(WhichCaptures::None))
            .build_many(&patterns)
            .ok()?;
        let for_cache = dfa.clone();
        let make: MakeCache = Box::new(move || for_cache.create_cache());
        Some(PhraseLists {
            dfa,
            caches: regex_automata::util::pool::Pool::new(make),
            list_of,
            patterns,
            fallback: std::sync::OnceLock::new(),
        })
    }

    /// The search with a cache taken from the pool and kept, for many
    /// texts in a row.
    pub fn searcher(&self) -> ListsSearcher<'_> {
        ListsSearcher {
            lists: self,
            cache: self.caches.get(),
        }
    }

    /// The `meta` regex of the patterns, for a search the lazy DFA gave
    /// up on.
    fn fallback(&self) -> Option<&regex_automata::meta::Regex> {
        use regex_automata::meta;
        use regex_automata::nfa::thompson::WhichCaptures;
        self.fallback
            .get_or_init(|| {
                meta::Regex::builder()
                    .configure(
                        meta::Config::new()
                            .match_kind(regex_automata::MatchKind::All)
                            .auto_prefilter(false)
                            .which_captures(WhichCaptures::None),
                    )
                    .syntax(syntax(true))
                    .build_many(&self.patterns)
                    .ok()
            })
            .as_ref()
    }
}

/// A [`PhraseLists`]'s search holding its cache.
pub struct ListsSearcher<'a> {
    lists: &'a PhraseLists,
    cache: regex_automata::util::pool::PoolGuard<'a, regex_automata::hybrid::dfa::Cache, MakeCache>,
}

impl ListsSearcher<'_> {
    /// Whether a line of `text` may match a line of some list: true for
    /// every text with a line that [`ListsSearcher::lists_in_line`] finds
    /// a list in (what is around a line in the text only adds places to
    /// match: `^` and `$` match at each line's start and end, and `\b` at
    /// a line's edge sees the `\n` as the line's end), and for a few
    /// more (a `\s` or a `[^\]]` can run on past a line's end).
    pub fn may_match(&mut self, text: &str) -> bool {
        let input = regex_automata::Input::new(text).earliest(true);
        match self.lists.dfa.try_search_fwd(&mut self.cache, &input) {
            Ok(m) => m.is_some(),
            Err(_) => self.lists.fallback().is_some_and(|re| re.is_match(input)),
        }
    }

    /// Which of the lists in `wanted` (bit `k` for list `k`) have a pattern
    /// that matches somewhere in `line` (one line: with no `\n`, its `^`
    /// and `$` are its start and end, as for [`alternation`]), as bits
    /// likewise. The search stops once every wanted list has matched.
    pub fn lists_in_line(&mut self, line: &str, wanted: u64) -> u64 {
        use regex_automata::hybrid::dfa::OverlappingState;
        let lists = self.lists;
        // First the earliest match, by the search [`Self::may_match`]
        // makes (most lines asked about match nothing, and it reads a
        // line faster than an overlapping search); only when more lists
        // are wanted than its pattern's, every match.
        let mut found = match lists.dfa.try_search_fwd(
            &mut self.cache,
            &regex_automata::Input::new(line).earliest(true),
        ) {
            Ok(None) => return 0,
            Ok(Some(m)) => wanted & lists.bit(m.pattern().as_usize()),
            Err(_) => return lists.fallback_lists(line, wanted),
        };
        if found == wanted {
            return found;
        }
        let input = regex_automata::Input::new(line);
        let mut state = OverlappingState::start();
        loop {
            if lists
                .dfa
                .try_search_overlapping_fwd(&mut self.cache, &input, &mut state)
                .is_err()
            {
                return lists.fallback_lists(line, wanted);
            }
            let Some(m) = state.get_match() else {
                return found;
            };
            found |= wanted & lists.bit(m.pattern().as_usize());
            if found == wanted {
                return found;
            }
        }
    }
}

impl PhraseLists {
    /// The bit of pattern `p`'s list.
    fn bit(&self, p: usize) -> u64 {
        self.list_of.get(p).map_or(0, |&k| 1u64 << k)
    }

    /// [`ListsSearcher::lists_in_line`] by the `meta` regex.
    fn fallback_lists(&self, line: &str, wanted: u64) -> u64 {
        let Some(re) = self.fallback() else {
            return 0;
        };
        let mut set = regex_automata::PatternSet::new(re.pattern_len());
        re.which_overlapping_matches(&regex_automata::Input::new(line), &mut set);
        set.iter()
            .fold(0, |found, p| found | (wanted & self.bit(p.as_usize())))
    }
}

/// The syntax of a phrase list's lines: case-insensitive, and `(?m)` when
/// `multi_line`.
fn syntax(multi_line: bool) -> regex_automata::util::syntax::Config {
    regex_automata::util::syntax::Config::new()
        .case_insensitive(true)
        .multi_line(multi_line)
}

/// A [`PhraseList`]'s search holding its cache (see
/// [`PhraseList::searcher`]).
pub struct Searcher<'a> {
    list: &'a PhraseList,
    cache: regex_automata::util::pool::PoolGuard<'a, regex_automata::hybrid::dfa::Cache, MakeCache>,
}

impl Searcher<'_> {
    /// Whether any line of the list matches somewhere in `text`.
    pub fn is_match(&mut self, text: &str) -> bool {
        self.list.search(&mut self.cache, text)
    }
}

/// `\b`, `\w`, `\s`, `\d` (and their negations) written as their ASCII
/// forms, `(?-u:\b)`: the Unicode tables they otherwise compile to are
/// most of a pattern's size.
fn ascii_classes(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len() + 32);
    let mut chars = pattern.chars().peekable();
    let mut in_class = false;
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                let Some(&n) = chars.peek() else {
                    out.push(c);
                    break;
                };
                chars.next();
                if !in_class && matches!(n, 'b' | 'B' | 'w' | 'W' | 's' | 'S' | 'd' | 'D') {
                    out.push_str("(?-u:\\");
                    out.push(n);
                    out.push(')');
                } else {
                    out.push('\\');
                    out.push(n);
                }
            }
            '[' => {
                in_class = true;
                out.push(c);
            }
            ']' => {
                in_class = false;
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_needle_found_by_any_of_its_bytes_is_found_where_a_plain_search_finds_it() {
        for hay in [
            "",
            "o",
            "outcome",
            "OUTCOME",
            "xoutcomes",
            "outcom",
            "utcome",
            "an Outcome.",
            "ooutcome",
            "outcomé",
            "é outcome",
            "updated",
            "Last UPDATED: May",
            "revise",
            "RAG",
            "a rag-rated",
            "ragged",
        ] {
            for needle in ["outcome", "updated", "revised", "rag", "o", ""] {
                let plain = hay
                    .to_ascii_lowercase()
                    .contains(&needle.to_ascii_lowercase());
                assert_eq!(contains_ci(hay, needle), plain, "{hay:?} {needle:?}");
                for at in 0..=needle.len() {
                    assert_eq!(
                        contains_ci_by(hay, needle, at),
                        plain,
                        "{hay:?} {needle:?} {at}"
                    );
                }
            }
        }
    }

    /// The shipped phrase lists, by code.
    fn shipped_lists() -> Vec<Vec<String>> {
        let mut lists: Vec<Vec<String>> = Vec::new();
        for line in include_str!("gaps/phrases.txt").lines().map(str::trim) {
            if line.starts_with('[') {
                lists.push(Vec::new());
            } else if !line.is_empty() && !line.starts_with('#') {
                if let Some(list) = lists.last_mut() {
                    list.push(line.to_string());
                }
            }
        }
        lists
    }

    #[test]
    fn many_lists_in_one_search_find_what_each_list_finds_alone() {
        let lists = shipped_lists();
        assert!(lists.len() >= 2);
        let alone: Vec<PhraseList> = lists.iter().map(|l| alternation(l)).collect();
        let together = PhraseLists::new(&lists);
        let mut searcher = together.searcher();
        let pieces = [
            "To be populated by Victor",
            "[data to be provided]",
            "[targets to be set once baseline data is available",
            "]",
            "Is this still needed",
            "?",
            "Should we ask the café owners?",
            "Review the website",
            "  TBC ",
            "xx",
            "XX%",
            "by XXX",
            "Figures to follow",
            "Click or tap here to enter text.",
            "Choose an item.",
            "how??",
            "NB: check with BI",
            "@Sarah can you check",
            "query - is this still needed?",
            "Needs rewording",
            "Comment [KP1]: see above",
            "JS – does the forum want to lead this?",
            "(need to confirm)",
            "discussed with",
            "Do members of the public know what abuse is?",
            "ſhould we",
            "\u{212a}",
            "é",
            "–",
            "\r",
            " ",
            "\n",
            "\n\n",
        ];
        let mut texts = vec![String::new()];
        for i in 0..4000usize {
            let mut t = String::new();
            for k in 0..(1 + i % 5) {
                t.push_str(pieces[(i * 7 + k * 13 + i / 11) % pieces.len()]);
                if (i + k) % 3 == 0 {
                    t.push(if (i + k) % 2 == 0 { '\n' } else { ' ' });
                }
            }
            texts.push(t);
        }
        let all: u64 = (1u64 << lists.len()) - 1;
        for text in &texts {
            let mut any = false;
            for line in text.split('\n') {
                let expected = alone
                    .iter()
                    .enumerate()
                    .filter(|(_, l)| l.is_match(line))
                    .fold(0u64, |b, (k, _)| b | (1 << k));
                any |= expected != 0;
                for wanted in 1..=all {
                    assert_eq!(
                        searcher.lists_in_line(line, wanted),
                        expected & wanted,
                        "{line:?} {wanted}"
                    );
                    assert_eq!(
                        together.fallback_lists(line, wanted),
                        expected & wanted,
                        "{line:?} {wanted}"
                    );
                }
            }
            if any {
                assert!(searcher.may_match(text), "{text:?}");
            }
        }
        // A search across a line's end may be found by the whole text's
        // search, never by a line's.
        assert!(searcher.may_match("[figures needed\n]"));
        assert_eq!(searcher.lists_in_line("[figures needed", all), 0);
        assert_eq!(searcher.lists_in_line("]", all), 0);
        assert!(!searcher.may_match("Review the website\nAgree the plan"));
    }

    #[test]
    fn patterns_read_as_the_rules_mean_them() {
        let re = compile(r"(?i)\bmarch\s+(\d{4})\b");
        assert_eq!(&re.captures("By MARCH 2017").expect("match")[1], "2017");
        let re = compile(r"^(\d{4})\s*[-/–]\s*(\d{2})$");
        assert!(re.is_match("2016–17"));
        let re = compile(r"updated\s*(.{3,30})");
        assert_eq!(
            &re.captures("updated März 2016").expect("match")[1],
            "März 2016"
        );
        assert!(try_compile("(").is_err());
        let any = alternation(&["\\bto discuss\\b".to_string(), "^\\s*tbc\\s*$".to_string()]);
        assert!(any.is_match("Item TO DISCUSS later"));
        assert!(any.is_match(" TBC "));
        assert!(!any.is_match("discussed"));
        assert!(!alternation(&[]).is_match("anything"));
        // One searcher, its cache kept, answers text after text.
        let mut searcher = any.searcher();
        assert!(searcher.is_match(" TBC "));
        assert!(!searcher.is_match("discussed"));
        assert!(searcher.is_match("Item TO DISCUSS later"));
        assert!(any.fallback_match("Item TO DISCUSS later"));
        assert!(!any.fallback_match("discussed"));
        // A negated class keeps Unicode mode; its classes are ASCII.
        let q = alternation(&[r"\bshould we\b[^.?]*\?".to_string()]);
        assert!(!q.is_match("Should we"));
        assert!(q.is_match("Should we ask the café owners?"));
        assert!(contains_ci("Last UPDATED: May", "updated"));
        assert!(contains_ci("xx draft", "DRAFT"));
        assert!(!contains_ci("drafting", "drafts"));
        assert!(!contains_ci("dr", "draft"));
        assert!(contains_ci("anything", ""));
        assert!(starts_with_ci("Priority 1", "priority"));
        assert!(!starts_with_ci("Pri", "priority"));
        assert_eq!(
            ascii_classes(r"\bto\s[^\s]\d"),
            r"(?-u:\b)to(?-u:\s)[^\s](?-u:\d)"
        );
    }
}
