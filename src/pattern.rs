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
    alternation_in(lines, false)
}

/// [`alternation`] searched over a whole text of many lines at once, each
/// line's `^` and `$` matching at its own line's start and end (`(?m)`):
/// whether some line of the text may match. A line that matches its
/// [`alternation`] matches here too (what is around a line in the text
/// only adds places to match: `\b` at a line's edge sees the `\n` as the
/// line's end); a match here need not be one line's (a `\s` or `[^\]]`
/// can run on past a line's end), so a text this finds is then searched
/// line by line. One search of a text, not one a line, for the many texts
/// with no line that matches.
pub fn any_line(lines: &[String]) -> PhraseList {
    alternation_in(lines, true)
}

/// [`alternation`], or [`any_line`] when `multi_line`.
fn alternation_in(lines: &[String], multi_line: bool) -> PhraseList {
    // Every shipped line compiles, so the lines are built as they are;
    // only when that fails is each line checked on its own (compiling
    // every line twice more, to check it first, was a tenth of a one-plan
    // `convert`).
    let all: Vec<String> = lines.iter().map(|l| ascii_classes(l)).collect();
    if let Some(list) = PhraseList::build(all, multi_line) {
        return list;
    }
    let ok: Vec<String> = lines
        .iter()
        .filter(|l| try_compile(l).is_ok())
        .map(|l| ascii_classes(l))
        .collect();
    PhraseList::build(ok.clone(), multi_line)
        .unwrap_or_else(|| panic!("invalid phrase list {ok:?}"))
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
    /// Whether `^` and `$` match at every line's start and end.
    multi_line: bool,
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
    fn build(patterns: Vec<String>, multi_line: bool) -> Option<PhraseList> {
        use regex_automata::hybrid::dfa::DFA;
        use regex_automata::nfa::thompson::{self, WhichCaptures};
        let dfa = DFA::builder()
            .syntax(syntax(multi_line))
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
            multi_line,
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
                .syntax(syntax(self.multi_line))
                .build_many(&self.patterns)
                .ok()
        });
        re.as_ref().is_some_and(|re| re.is_match(text))
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
