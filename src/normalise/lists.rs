//! Lead and due of a row's actions (rules 4 and 5): an action cell that
//! lists several items, with a lead/timescale cell of as many paragraphs,
//! becomes one action per item, paired in order; a combined "lead &
//! timescale" text is split at its trailing date ([`split_lead_due`]), with
//! the lead carry rule; a spreadsheet date cell gives its date when its
//! display does not parse.

use crate::plan::{Action, Due, DueKind, Field, Lead, PlanWarning};

use super::date::{self, DateContext};
use super::rows::{Columns, Row};
use super::{owner, split, text, State};

/// The lead last named for an objective, carried to lead-and-timescale
/// paragraphs that name none (rule 5).
pub(super) type CarriedLead = Option<(Option<String>, Lead)>;

impl State<'_> {
    /// Give `base` (the action a row makes) its lead and due and push it,
    /// or one copy per listed item when the row lists several (rule 4).
    pub(super) fn push_actions(
        &mut self,
        base: Action,
        row: &Row<'_>,
        map: &Columns<'_>,
        carried_lead: &mut CarriedLead,
    ) {
        let cell_of = |f: Field| row.cell(map, f);
        let objective = base.objective.clone();
        let combined = map.column_of(Field::Lead).is_some()
            && map.column_of(Field::Lead) == map.column_of(Field::Due);
        if carried_lead
            .as_ref()
            .is_some_and(|(obj, _)| *obj != objective)
        {
            *carried_lead = None;
        }
        // An action cell of one line (most of them) lists nothing: its
        // text in the row is its clean lines joined by line breaks, unless
        // a ditto put the text above there.
        let one_line = map
            .column_of(Field::Action)
            .is_some_and(|c| !row.dittos[c] && !row.texts[c].contains('\n'));
        let (paras, listed) = match cell_of(Field::Action) {
            Some(cell) if !one_line => text::lines(cell),
            _ => Default::default(),
        };
        let items = split::items(&paras, &listed);
        let n_items = items.as_ref().map_or(1, Vec::len);
        let marked = split::is_marked_list(&paras, &listed);
        if combined {
            // The cell's clean lines are its text in the row, unless a
            // ditto put the text above there.
            let pairs = match map.column_of(Field::Lead) {
                Some(c) if !row.dittos[c] => split::lead_due_pairs(
                    row.texts[c].split('\n').filter(|p| !p.is_empty()),
                    &self.dates,
                ),
                _ => {
                    let lines = cell_of(Field::Lead)
                        .map(text::paragraphs)
                        .unwrap_or_default();
                    split::lead_due_pairs(lines.iter().map(String::as_str), &self.dates)
                }
            };
            match items {
                Some(items) if pairs.len() == items.len() => {
                    for (item, (lead, due)) in items.into_iter().zip(pairs) {
                        let mut a = base.clone();
                        a.action = Some(item);
                        (a.lead, a.due) = self.pair(lead, due, &objective, carried_lead);
                        self.push_action(a, map);
                    }
                    return;
                }
                _ if n_items >= 2 && pairs.len() >= 2 => {
                    self.disagree(&base, n_items, pairs.len(), "(lead, date) pairs")
                }
                _ => {}
            }
            let mut a = base;
            if pairs.len() == 1 {
                let (lead, due) = pairs.into_iter().next().unwrap_or_default();
                (a.lead, a.due) = self.pair(lead, due, &objective, carried_lead);
            } else if let Some(s) = row.get(map, Field::Lead) {
                let (lead, due) = self.lead_and_due(&s, &objective, carried_lead);
                a.lead = lead;
                a.due = due;
            }
            self.push_action(a, map);
            return;
        }
        // Each paragraph without its list marker ("i. Named GP").
        let unmarked = |c: &crate::model::Cell| -> Vec<String> {
            text::paragraphs(c)
                .iter()
                .map(|p| split::strip_marker(p).unwrap_or(p).to_string())
                .collect()
        };
        // Only a cell that lists items is paired with these paragraphs (a
        // single action, most of them, never reads them).
        let (dues, leads) = if items.is_some() {
            (
                cell_of(Field::Due).map(unmarked).unwrap_or_default(),
                cell_of(Field::Lead).map(unmarked).unwrap_or_default(),
            )
        } else {
            (Vec::new(), Vec::new())
        };
        let has_due = map.column_of(Field::Due).is_some();
        // Plain paragraphs are items only when as many dates stand beside
        // them; a list with markers when as many paragraphs do.
        let fits = |n: usize| {
            if has_due {
                dues.len() == n && (marked || split::dated_paragraphs(&dues, &self.dates) == n)
            } else {
                marked && leads.len() == n
            }
        };
        match items {
            Some(items) if fits(items.len()) => {
                let n = items.len();
                for (k, item) in items.into_iter().enumerate() {
                    let mut a = base.clone();
                    a.action = Some(item);
                    let lead = if leads.len() == n {
                        Some(leads[k].clone())
                    } else {
                        row.get(map, Field::Lead)
                    };
                    a.lead = lead.as_deref().and_then(|l| self.lead_of(l));
                    a.due = has_due.then(|| self.due_of(&dues[k]));
                    self.push_action(a, map);
                }
                return;
            }
            _ if n_items >= 2 && split::dated_paragraphs(&dues, &self.dates) >= 2 => {
                self.disagree(&base, n_items, dues.len(), "dates")
            }
            _ => {}
        }
        let mut a = base;
        a.lead = row
            .get(map, Field::Lead)
            .as_deref()
            .and_then(|l| self.lead_of(l));
        a.due = row.get(map, Field::Due).map(|s| {
            let due = self.due_of(&s);
            // A spreadsheet date cell whose display we cannot read
            // still knows its date.
            match cell_of(Field::Due).and_then(|c| c.date.clone()) {
                Some(iso) if due.kind == DueKind::Unparsed => Due {
                    raw: due.raw,
                    kind: DueKind::Date,
                    start: Some(iso.clone()),
                    end: Some(iso),
                },
                _ => due,
            }
        });
        self.push_action(a, map);
    }

    /// [`owner::parse_lead`] of `raw`, each text read once a plan.
    fn lead_of(&self, raw: &str) -> Option<Lead> {
        let mut read = self.read.borrow_mut();
        read.leads
            .entry_ref(raw)
            .or_insert_with(|| owner::parse_lead(raw))
            .clone()
    }

    /// [`date::parse_due`] of `raw` against the plan's dates, each text
    /// read once a plan.
    fn due_of(&self, raw: &str) -> Due {
        let mut read = self.read.borrow_mut();
        read.dues
            .entry_ref(raw)
            .or_insert_with(|| date::parse_due(raw, &self.dates))
            .clone()
    }

    /// Push an action; with no id column, a reference printed at the start
    /// of its text ("2.1 Agree and implement ...") is its id.
    fn push_action(&mut self, mut a: Action, map: &Columns<'_>) {
        if map.column_of(Field::Id).is_none() && a.id.is_none() {
            if let Some((id, rest)) = a.action.as_deref().and_then(split::leading_id) {
                a.id = Some(id);
                a.action = Some(rest);
            }
        }
        self.actions.push(a);
    }

    /// Say that a row's items and dates did not pair, so it stays one
    /// action.
    fn disagree(&mut self, base: &Action, items: usize, found: usize, what: &str) {
        let text = base.action.as_deref().unwrap_or_default();
        let start: String = text.chars().take(60).collect();
        let more = if text.chars().count() > 60 { "…" } else { "" };
        self.warnings.push(PlanWarning {
            message: format!(
                "table {} row {}: the action cell lists {items} items but {found} {what} stand \
                 beside them, so the row is kept as one action: \"{}{more}\"",
                base.source.table.map_or(0, |t| t + 1),
                base.source.row.map_or(0, |r| r + 1),
                start.replace('\n', " "),
            ),
            source: base.source.clone(),
        });
    }

    /// A (lead, due) pair's values, with the lead carry rule for a date
    /// that names no lead.
    fn pair(
        &self,
        lead: Option<String>,
        due: Option<String>,
        objective: &Option<String>,
        carried: &mut CarriedLead,
    ) -> (Option<Lead>, Option<Due>) {
        let due = due.map(|d| self.due_of(&d));
        let lead = match lead.as_deref().and_then(|l| self.lead_of(l)) {
            Some(l) => {
                *carried = Some((objective.clone(), l.clone()));
                Some(l)
            }
            None => carried.as_ref().map(|(_, l)| l.clone()),
        };
        (lead, due)
    }

    /// Split a combined lead-and-timescale text, applying the lead carry
    /// rule (module docs, rule 5).
    fn lead_and_due(
        &self,
        text: &str,
        objective: &Option<String>,
        carried: &mut CarriedLead,
    ) -> (Option<Lead>, Option<Due>) {
        let (lead_text, due_text) = split_lead_due(text, &self.dates);
        let due = due_text.map(|d| self.due_of(&d));
        let lead = match lead_text.as_deref().and_then(|l| self.lead_of(l)) {
            Some(l) => {
                *carried = Some((objective.clone(), l.clone()));
                Some(l)
            }
            None => carried.as_ref().map(|(_, l)| l.clone()),
        };
        (lead, due)
    }
}

/// Split "Teresa DeVito September 2011" into ("Teresa DeVito", "September
/// 2011") at the longest trailing run of words that is a date expression.
/// A text that is only a placeholder ("tba") is both an unknown lead and an
/// unknown date.
pub fn split_lead_due(text: &str, ctx: &DateContext) -> (Option<String>, Option<String>) {
    let words: Vec<&str> = text.split_whitespace().collect();
    for k in 0..words.len() {
        // A bracketed remark belongs to the lead ("[lead to be advised]").
        if words[k].starts_with(['[', '(']) || words[k].ends_with([']', ')']) {
            continue;
        }
        // Where no date can start, only the last four words may still be
        // an ongoing or recurring timescale ("Jane Smith quarterly"): the
        // rest is skipped without building or parsing the suffix, which
        // for every word of every cell was most of a conversion's time.
        // The timescale word must start the suffix: "Trading Standards
        // Manager – Monthly" is not split after "Trading".
        let may_be_date = date::may_start_date(words[k])
            || (k > 0 && words.len() - k <= 4 && date::may_be_ongoing_or_recurring(&words[k..=k]));
        if !may_be_date {
            continue;
        }
        let suffix = words[k..].join(" ");
        // The suffix's reading as a due date, asked for at most once
        // (both tests below can ask, and it was a fifth of this split).
        let mut kind = None;
        let mut due_kind = || *kind.get_or_insert_with(|| date::due_kind(&suffix, ctx));
        // A date followed by a short tail ("July 2011 and ongoing",
        // "September 2011 & March 2012").
        let mut dated_tail = || {
            words.len() - k <= 6
                && (1..=3).any(|n| {
                    words.get(k..k + n).is_some_and(|head| match head {
                        [one] => date::is_strict(one, ctx),
                        _ => date::is_strict(&head.join(" "), ctx),
                    })
                })
                && due_kind() != DueKind::Unparsed
        };
        // A suffix that is a date alone (most of them: "September 2011")
        // is asked about first: the tests are pure, so their order changes
        // no answer, and the head's tests and the suffix's full reading
        // are then not needed. (The suffix's kind is asked for last: only
        // a short tail after a lead can be an ongoing or recurring
        // timescale.)
        let is_date = date::is_strict(&suffix, ctx)
            || dated_tail()
            || (k > 0
                && words.len() - k <= 4
                && matches!(due_kind(), DueKind::Ongoing | DueKind::Recurring));
        if is_date {
            // A dash between the lead and its date separates them.
            let lead_words = match words[..k].split_last() {
                Some((last, rest)) if matches!(*last, "-" | "\u{2013}" | "\u{2014}") => rest,
                _ => &words[..k],
            };
            let lead = lead_words.join(" ");
            return ((!lead.is_empty()).then_some(lead), Some(suffix));
        }
    }
    let all = words.join(" ");
    if all.is_empty() {
        (None, None)
    } else if date::is_placeholder(&all) {
        (Some(all.clone()), Some(all))
    } else {
        (Some(all), None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalise::tests::{normalise_builtin as normalise, sheet_table};

    fn ctx() -> DateContext {
        DateContext {
            start_year: Some(2011),
        }
    }

    #[test]
    fn lead_and_timescale_split() {
        let s = |t: &str| split_lead_due(t, &ctx());
        assert_eq!(
            s("Task and finish group [lead to be advised] September 2011"),
            (
                Some("Task and finish group [lead to be advised]".into()),
                Some("September 2011".into())
            )
        );
        assert_eq!(s("December 2011"), (None, Some("December 2011".into())));
        assert_eq!(
            s("Jan to March 2012"),
            (None, Some("Jan to March 2012".into()))
        );
        assert_eq!(
            s("Teresa DeVito / Safeguarding Manager NCC February 2012 (for annual report)"),
            (
                Some("Teresa DeVito / Safeguarding Manager NCC".into()),
                Some("February 2012 (for annual report)".into())
            )
        );
        assert_eq!(
            s("tba End December 2011"),
            (Some("tba".into()), Some("End December 2011".into()))
        );
        assert_eq!(s("tba"), (Some("tba".into()), Some("tba".into())));
        assert_eq!(s("QA Sub Group"), (Some("QA Sub Group".into()), None));
        assert_eq!(
            s("Trading Standards Manager \u{2013} Monthly"),
            (
                Some("Trading Standards Manager".into()),
                Some("Monthly".into())
            )
        );
        assert_eq!(
            s("Jane Smith quarterly"),
            (Some("Jane Smith".into()), Some("quarterly".into()))
        );
        assert_eq!(
            s("Teresa DeVito & SCR Committee July 2011 and ongoing"),
            (
                Some("Teresa DeVito & SCR Committee".into()),
                Some("July 2011 and ongoing".into())
            )
        );
    }

    #[test]
    fn plain_paragraphs_pair_with_the_leads_and_dates_beside_them() {
        let doc = sheet_table(
            &["Objective", "Actions", "Lead and timescale"],
            &[
                "Neglect",
                "Audit neglect cases\nPublish the findings",
                "Jane Smith\nMarch 2017\nTom Brown\nJune 2017",
            ],
            &[],
        );
        let n = normalise(&doc);
        let got: Vec<(Option<&str>, Vec<String>, &str)> = n
            .actions
            .iter()
            .map(|a| {
                (
                    a.action.as_deref(),
                    a.lead.as_ref().map(|l| l.names.clone()).unwrap_or_default(),
                    a.due.as_ref().map_or("", |d| d.raw.as_str()),
                )
            })
            .collect();
        assert_eq!(
            got,
            vec![
                (
                    Some("Audit neglect cases"),
                    vec!["Jane Smith".to_string()],
                    "March 2017"
                ),
                (
                    Some("Publish the findings"),
                    vec!["Tom Brown".to_string()],
                    "June 2017"
                ),
            ]
        );
        assert!(n.warnings.is_empty());
        // Three actions beside two pairs: one action, and a warning.
        let doc = sheet_table(
            &["Objective", "Actions", "Lead and timescale"],
            &[
                "Neglect",
                "Audit cases\nPublish findings\nTrain staff",
                "Jane Smith\nMarch 2017\nTom Brown\nJune 2017",
            ],
            &[],
        );
        let n = normalise(&doc);
        assert_eq!(n.actions.len(), 1);
        assert_eq!(
            n.actions[0].action.as_deref(),
            Some("Audit cases\nPublish findings\nTrain staff")
        );
        assert_eq!(n.warnings.len(), 1);
        assert!(
            n.warnings[0]
                .message
                .contains("lists 3 items but 2 (lead, date) pairs"),
            "{}",
            n.warnings[0].message
        );
    }

    #[test]
    fn a_reference_starting_the_action_is_its_id_when_there_is_no_id_column() {
        let doc = sheet_table(
            &["Activities", "Lead officer", "Target date"],
            &[
                "2.1 Agree and implement the plan",
                "QA Sub-Group",
                "March 2017",
            ],
            &[],
        );
        let n = normalise(&doc);
        assert_eq!(n.actions[0].id.as_deref(), Some("2.1"));
        assert_eq!(
            n.actions[0].action.as_deref(),
            Some("Agree and implement the plan")
        );
        // With an id column the text is left as written.
        let doc = sheet_table(
            &["Ref", "Activities", "Lead officer", "Target date"],
            &["7", "2.1 Agree the plan", "QA Sub-Group", "March 2017"],
            &[],
        );
        let n = normalise(&doc);
        assert_eq!(n.actions[0].id.as_deref(), Some("7"));
        assert_eq!(n.actions[0].action.as_deref(), Some("2.1 Agree the plan"));
    }

    #[test]
    fn a_date_cell_gives_its_date_when_its_display_does_not_parse() {
        let doc = sheet_table(
            &["Ref", "Key actions", "Lead officer", "Target date"],
            &["1", "Audit CSE cases", "QA Sub-Group", "Qtr 3 wk 2"],
            &[None, None, None, Some("2015-10-12")],
        );
        let n = normalise(&doc);
        let due = n.actions[0].due.as_ref().expect("due");
        assert_eq!(due.raw, "Qtr 3 wk 2");
        assert_eq!(due.kind, DueKind::Date);
        assert_eq!(due.start.as_deref(), Some("2015-10-12"));
        // Text that parses keeps its own reading ("Jun-14" is a month).
        let doc = sheet_table(
            &["Ref", "Key actions", "Lead officer", "Target date"],
            &["1", "Audit CSE cases", "QA Sub-Group", "Jun-14"],
            &[None, None, None, Some("2014-06-01")],
        );
        let n = normalise(&doc);
        let due = n.actions[0].due.as_ref().expect("due");
        assert_eq!(due.kind, DueKind::Month);
        assert_eq!(due.end.as_deref(), Some("2014-06-30"));
    }
}
