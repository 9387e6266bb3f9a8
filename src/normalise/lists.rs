//! Lead and due of a row's actions (rules 4 and 5): an action cell that
//! lists several items, with a lead/timescale cell of as many paragraphs,
//! becomes one action per item, paired in order; a combined "lead &
//! timescale" text is split at its trailing date ([`split_lead_due`]), with
//! the lead carry rule; a spreadsheet date cell gives its date when its
//! display does not parse.

use crate::layout::ColumnMap;
use crate::plan::{Action, Due, DueKind, Field, Lead};

use super::date::{self, DateContext};
use super::rows::Row;
use super::{owner, text, State};

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
        map: &ColumnMap,
        carried_lead: &mut CarriedLead,
    ) {
        let get = |f: Field| row.get(map, f);
        let cell_of = |f: Field| row.cell(map, f);
        let objective = base.objective.clone();
        let combined = map.column_of(Field::Lead).is_some()
            && map.column_of(Field::Lead) == map.column_of(Field::Due);
        let lead_due_cell = if combined {
            cell_of(Field::Lead)
        } else {
            cell_of(Field::Due).or(cell_of(Field::Lead))
        };
        let items = cell_of(Field::Action).map(|c| {
            let paras = text::paragraphs(c);
            let lists = text::list_items(c);
            (paras, lists)
        });
        let pairs = lead_due_cell.map(text::paragraphs).unwrap_or_default();
        let split = match &items {
            Some((paras, lists)) => {
                paras.len() >= 2
                    && lists.len() == paras.len()
                    && lists.iter().all(|l| *l)
                    && pairs.len() == paras.len()
            }
            None => false,
        };
        if carried_lead
            .as_ref()
            .is_some_and(|(obj, _)| *obj != objective)
        {
            *carried_lead = None;
        }
        if split {
            let (paras, _) = items.unwrap_or_default();
            for (k, item) in paras.iter().enumerate() {
                let mut a = base.clone();
                a.action = Some(item.clone());
                if combined {
                    let (lead, due) = self.lead_and_due(&pairs[k], &objective, carried_lead);
                    a.lead = lead;
                    a.due = due;
                } else {
                    a.due = Some(date::parse_due(&pairs[k], &self.dates));
                    a.lead = get(Field::Lead).as_deref().and_then(owner::parse_lead);
                }
                self.actions.push(a);
            }
            return;
        }
        let mut a = base;
        if combined {
            if let Some(s) = get(Field::Lead) {
                let (lead, due) = self.lead_and_due(&s, &objective, carried_lead);
                a.lead = lead;
                a.due = due;
            }
        } else {
            a.lead = get(Field::Lead).as_deref().and_then(owner::parse_lead);
            a.due = get(Field::Due).map(|s| {
                let due = date::parse_due(&s, &self.dates);
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
        }
        self.actions.push(a);
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
        let due = due_text.map(|d| date::parse_due(&d, &self.dates));
        let lead = match lead_text.as_deref().and_then(owner::parse_lead) {
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
        let suffix = words[k..].join(" ");
        // A date followed by a short tail ("July 2011 and ongoing",
        // "September 2011 & March 2012").
        let dated_tail = suffix.split_whitespace().count() <= 6
            && (1..=3).any(|n| {
                let head: Vec<&str> = words[k..].iter().take(n).copied().collect();
                head.len() == n && date::parse_strict(&head.join(" "), ctx).is_some()
            })
            && date::parse_due(&suffix, ctx).kind != DueKind::Unparsed;
        let is_date = dated_tail || date::parse_strict(&suffix, ctx).is_some() || {
            let d = date::parse_due(&suffix, ctx);
            matches!(d.kind, DueKind::Ongoing | DueKind::Recurring)
                && k > 0
                && suffix.split_whitespace().count() <= 4
        };
        if is_date {
            let lead = words[..k].join(" ");
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
            s("Teresa DeVito & SCR Committee July 2011 and ongoing"),
            (
                Some("Teresa DeVito & SCR Committee".into()),
                Some("July 2011 and ongoing".into())
            )
        );
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
