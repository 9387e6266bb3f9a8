//! Progress of an action (rule 6): the progress cell's paragraphs as dated
//! entries ("Update March 16: ..."), and a completion cell that is prose
//! rather than a date moved into them.

use crate::plan::{Due, DueKind, Field, Progress};

use super::date;
use super::rows::{Columns, Row};
use super::text;

/// A row's progress entries and completion date.
pub(super) fn of_row(
    row: &Row<'_>,
    map: &Columns<'_>,
    due_of: impl FnOnce(&str) -> Due,
) -> (Vec<Progress>, Option<Due>) {
    // One progress column, or one per period ("Q1 update | Q2 update"),
    // read in their order.
    // A cell merged across several of them is read once.
    let mut progress: Vec<Progress> = Vec::new();
    let mut last: Option<&crate::model::Cell> = None;
    for (c, fields) in map.columns.iter().enumerate() {
        if !fields.contains(&Field::Progress) {
            continue;
        }
        if let Some(cell) = row.cells.get(c).copied().flatten() {
            if !last.is_some_and(|l| std::ptr::eq(l, cell)) {
                // The cell's clean lines are its text in the row, unless a
                // ditto put the text above there.
                if row.dittos[c] {
                    progress.extend(entries(text::paragraphs(cell).iter().map(String::as_str)));
                } else {
                    progress.extend(entries(row.texts[c].split('\n').filter(|p| !p.is_empty())));
                }
            }
            last = Some(cell);
        }
    }
    let completed = completion(row.text(map, Field::Completed), due_of, &mut progress);
    (progress, completed)
}

/// Progress entries from a progress cell's paragraphs (rule 6).
pub fn progress_entries(paragraphs: &[String]) -> Vec<Progress> {
    entries(paragraphs.iter().map(String::as_str))
}

/// [`progress_entries`] of paragraphs however held.
fn entries<'p>(paragraphs: impl IntoIterator<Item = &'p str>) -> Vec<Progress> {
    let mut out: Vec<Progress> = Vec::new();
    for p in paragraphs {
        if let Some((date, rest)) = date::dated_update(p) {
            out.push(Progress {
                date: Some(date),
                text: rest,
            });
        } else if let Some(last) = out.last_mut() {
            last.text.push('\n');
            last.text.push_str(p);
        } else {
            out.push(Progress {
                date: None,
                text: p.to_string(),
            });
        }
    }
    out
}

/// The completion date from a completion cell's text. Prose (more than six
/// words, unless every line names a month and year) or text with no date
/// is not a completion date: it goes to the end of `progress` instead.
/// `due_of` reads a date ([`date::parse_due`] against the plan's dates).
fn completion(
    text: Option<&str>,
    due_of: impl FnOnce(&str) -> Due,
    progress: &mut Vec<Progress>,
) -> Option<Due> {
    match text {
        Some(s) if s.split_whitespace().count() <= 6 || date::every_line_dated(s) => {
            let d = due_of(s);
            if d.kind == DueKind::Unparsed {
                progress.push(Progress {
                    date: None,
                    text: s.to_string(),
                });
                None
            } else {
                Some(d)
            }
        }
        Some(s) => {
            progress.push(Progress {
                date: None,
                text: s.to_string(),
            });
            None
        }
        None => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dated_progress_updates() {
        let e = progress_entries(&[
            "Meeting planned in Sept 15".into(),
            "Update March 16: E-safety added to audits".into(),
            "On B&NES LSCB webpage".into(),
        ]);
        assert_eq!(
            e,
            vec![
                Progress {
                    date: None,
                    text: "Meeting planned in Sept 15".into()
                },
                Progress {
                    date: Some("2016-03".into()),
                    text: "E-safety added to audits\nOn B&NES LSCB webpage".into()
                },
            ]
        );
    }
}
