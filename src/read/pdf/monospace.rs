//! Typewriter furniture in plain-text tables: rules typed as characters and
//! dot leaders.
//!
//! A table set in a fixed-width font (a report printed from a terminal, a
//! listing, `enscript`) draws no lines: a line of hyphens stands under the
//! header, and a row label is followed by dots out to its numbers. Read as
//! text, the hyphens are a one-cell line that cuts the header off the body,
//! and the dots end up in the label cell.
//!
//! - **Typed rules** ([`typed_rules`]): a line whose glyphs are all `-`,
//!   `=`, `_` or a dash, at least [`MIN_TYPED_RULE`] of them, is a rule: its
//!   glyphs are kept out of the unruled-table finder and it is given to that
//!   finder as a horizontal rule across its extent (a rule starts a row).
//! - **Dot leaders**: a run of at least [`MIN_LEADER`] dots on one line, each
//!   within two ems of the next, is kept out of the unruled-table finder too.
//!
//! Guarded: both only withhold glyphs from the unruled-table finder; the
//! reader gives back to the page's text every withheld glyph that no table
//! found there covers (a table of contents keeps its leaders).

use super::interp::Char;

/// Fewest rule characters in a line for it to be a typed rule.
const MIN_TYPED_RULE: usize = 8;
/// Fewest dots in a run for it to be a leader (an ellipsis has three).
const MIN_LEADER: usize = 4;
/// Most glyphs looked at on one page.
const MAX_GLYPHS: usize = 200_000;

/// What [`typed_rules`] found.
pub struct Typed {
    /// Indices (in the page's chars) of the glyphs of typed rules and dot
    /// leaders.
    pub hidden: Vec<usize>,
    /// The typed rules: (y, x0, x1).
    pub rules: Vec<(f64, f64, f64)>,
}

fn is_rule_char(s: &str) -> bool {
    let mut it = s.chars();
    matches!(
        (it.next(), it.next()),
        (Some('-' | '=' | '_' | '–' | '—' | '‐' | '−'), None)
    )
}

/// Typed rules and dot leaders among upright glyphs (see the module doc).
pub fn typed_rules(chars: &[Char]) -> Typed {
    let mut out = Typed {
        hidden: Vec::new(),
        rules: Vec::new(),
    };
    if chars.len() > MAX_GLYPHS {
        return out;
    }
    let mut idx: Vec<usize> = (0..chars.len())
        .filter(|&i| chars[i].upright && !chars[i].text.trim().is_empty())
        .collect();
    if !idx.iter().any(|&i| {
        let t = chars[i].text.as_ref();
        t == "." || is_rule_char(t)
    }) {
        return out;
    }
    idx.sort_by(|&a, &b| chars[a].bottom.total_cmp(&chars[b].bottom));
    let mut i = 0;
    while i < idx.len() {
        let first = &chars[idx[i]];
        let mut j = i + 1;
        while j < idx.len() && chars[idx[j]].bottom - first.bottom <= first.size / 3.0 {
            j += 1;
        }
        let line = &mut idx[i..j];
        line.sort_by(|&a, &b| chars[a].x0.total_cmp(&chars[b].x0));
        line_furniture(chars, line, &mut out);
        i = j;
    }
    out
}

fn line_furniture(chars: &[Char], line: &[usize], out: &mut Typed) {
    if line.len() >= MIN_TYPED_RULE && line.iter().all(|&k| is_rule_char(&chars[k].text)) {
        let x0 = line.iter().map(|&k| chars[k].x0).fold(f64::MAX, f64::min);
        let x1 = line.iter().map(|&k| chars[k].x1).fold(f64::MIN, f64::max);
        let y = line
            .iter()
            .map(|&k| (chars[k].top + chars[k].bottom) / 2.0)
            .sum::<f64>()
            / line.len() as f64;
        out.hidden.extend_from_slice(line);
        out.rules.push((y, x0, x1));
        return;
    }
    // Runs of dots, each within two ems of the one before.
    let mut run: Vec<usize> = Vec::new();
    let flush = |run: &mut Vec<usize>, out: &mut Typed| {
        if run.len() >= MIN_LEADER {
            out.hidden.extend_from_slice(run);
        }
        run.clear();
    };
    for &k in line {
        let c = &chars[k];
        if c.text.as_ref() == "." {
            if let Some(&p) = run.last() {
                if c.x0 - chars[p].x1 > 2.0 * c.size {
                    flush(&mut run, out);
                }
            }
            run.push(k);
        } else {
            flush(&mut run, out);
        }
    }
    flush(&mut run, out);
}

#[cfg(test)]
mod tests {
    use super::super::layout::test_chars;
    use super::*;

    #[test]
    fn hyphen_lines_are_rules_and_leaders_are_withheld() {
        let mut chars = test_chars("Cattle ....... 12", 0.0, 20.0, 6.0);
        chars.extend(test_chars("----------", 0.0, 10.0, 6.0));
        chars.extend(test_chars("Wait... 3", 0.0, 40.0, 6.0));
        let t = typed_rules(&chars);
        assert_eq!(t.rules.len(), 1);
        assert_eq!((t.rules[0].1, t.rules[0].2), (0.0, 60.0));
        let hidden: String = t.hidden.iter().map(|&k| chars[k].text.as_ref()).collect();
        assert_eq!(hidden, "----------.......");
    }
}
