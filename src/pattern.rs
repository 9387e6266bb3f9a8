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
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    let Some(&first) = n.first() else {
        return true;
    };
    if h.len() < n.len() {
        return false;
    }
    let last_start = h.len() - n.len();
    memchr::memchr2_iter(first.to_ascii_lowercase(), first.to_ascii_uppercase(), h)
        .take_while(|&i| i <= last_start)
        .any(|i| h[i..i + n.len()].eq_ignore_ascii_case(n))
}

/// Whether `hay` starts with `prefix`, ASCII letters compared without case.
pub fn starts_with_ci(hay: &str, prefix: &str) -> bool {
    let (h, p) = (hay.as_bytes(), prefix.as_bytes());
    h.len() >= p.len() && h[..p.len()].eq_ignore_ascii_case(p)
}

/// Lines of a phrase list (`gaps/phrases.txt`) as one case-insensitive
/// alternation, searched by `regex-automata`'s lazy DFA, which searches
/// many texts faster than `regex-lite`. Built without the literal
/// prefilter and without captures (the lists only ask "does this line
/// match?"): extracting literals from forty case-insensitive phrases cost
/// more than every search of a plan. ASCII classes, as for [`compile`].
/// A line that does not compile is left out (a unit test compiles every
/// shipped line).
pub fn alternation(lines: &[String]) -> PhraseList {
    use regex_automata::meta;
    use regex_automata::nfa::thompson::WhichCaptures;
    use regex_automata::util::syntax;
    let build = |patterns: &[String]| {
        meta::Regex::builder()
            .configure(
                meta::Config::new()
                    .auto_prefilter(false)
                    .which_captures(WhichCaptures::None),
            )
            .syntax(syntax::Config::new().case_insensitive(true))
            .build_many(patterns)
            .ok()
    };
    // Every shipped line compiles, so the lines are built as they are;
    // only when that fails is each line checked on its own (compiling
    // every line twice more, to check it first, was a tenth of a one-plan
    // `convert`).
    let all: Vec<String> = lines.iter().map(|l| ascii_classes(l)).collect();
    if let Some(re) = build(&all) {
        return PhraseList(re);
    }
    let ok: Vec<String> = lines
        .iter()
        .filter(|l| try_compile(l).is_ok())
        .map(|l| ascii_classes(l))
        .collect();
    let re = build(&ok).unwrap_or_else(|| panic!("invalid phrase list {ok:?}"));
    PhraseList(re)
}

/// A compiled phrase list: does a text match any of its lines?
#[derive(Debug, Clone)]
pub struct PhraseList(regex_automata::meta::Regex);

impl PhraseList {
    /// Whether any line of the list matches somewhere in `text`.
    pub fn is_match(&self, text: &str) -> bool {
        self.0.is_match(text)
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
