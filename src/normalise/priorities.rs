//! What the text around the tables does to the plan: priority headings
//! start (or return to) a priority ([`State::upsert_priority`]), topic
//! headings under a priority become priorities of their own, "Outcomes"
//! lists fill the priority's outcomes, key/value tables name priorities
//! and their owners, and reviewers' comments become notes on the action or
//! priority they sit in. What a heading or label *says* is read by
//! [`super::context`].

use crate::model::{Cell, Paragraph, SourceLoc};
use crate::plan::{Audience, Field, Note, Priority};

use super::context::{self, Label};
use super::rows::{Columns, Row};
use super::{owner, place, text, State};

/// What a priority's heading said besides its id and title.
#[derive(Debug, Clone, Default)]
pub(super) struct PriorityMeta {
    /// The words before "Priority" ("Joint", "LSCB", "Key"), as printed.
    pub qualifier: String,
    /// The heading's level, when it was a heading.
    pub level: Option<u8>,
    /// Whose priority it is, when its qualifier names a board.
    pub audience: Option<Audience>,
    /// A heading numbered as a priority with no word saying so ("1. Safer
    /// streets"): kept only as [`State::settle_numbered`] decides.
    pub numbered: bool,
}

impl State<'_> {
    /// Keep a paragraph's reviewer comments as notes on an action (or on
    /// the current priority).
    pub(super) fn comments(&mut self, p: &Paragraph, action: Option<usize>, field: Option<Field>) {
        for c in &p.comments {
            self.context.notes.push(Note {
                action,
                priority: self.priority_key(),
                field: field.map(Field::name),
                author: c.author.clone(),
                text: c.text.clone(),
                source: place(&p.source),
            });
        }
    }

    /// The id (or title) actions of the current priority carry.
    pub(super) fn priority_key(&self) -> Option<String> {
        let p = &self.priorities[self.current?];
        p.id.clone().or_else(|| Some(p.title.clone()))
    }

    /// Add a priority, or return the one it repeats. A heading repeats an
    /// earlier priority when the number and the qualifier are the same
    /// (Nottingham lists its priorities, then heads each table with one).
    /// A board's qualifier stays in the id ("Joint Priority 1" is "Joint
    /// 1", beside "LSCB 1" and "SAB 1") and says whose priority it is;
    /// another qualifier ("Key Priority 1") joins the id only when the
    /// number is taken.
    pub(super) fn upsert_priority(
        &mut self,
        h: context::PriorityHeading,
        level: Option<u8>,
        source: &SourceLoc,
    ) -> usize {
        let lead = h.owner.as_deref().and_then(owner::parse_lead);
        let board = context::board_of(&h.qualifier);
        let full_id = match &board {
            Some((b, _)) => format!("{b} {}", h.id),
            None => h.id.clone(),
        };
        let full_lower = full_id.to_lowercase();
        let same_number: Vec<usize> = self
            .priorities
            .iter()
            .enumerate()
            .filter(|(i, p)| {
                let id = p.id.as_deref().unwrap_or_default().to_lowercase();
                id == h.id
                    || id == full_lower
                    || self.priority_meta[*i].qualifier.to_lowercase() + " " + &h.id == id
            })
            .map(|(i, _)| i)
            .collect();
        if let Some(&i) = same_number.iter().find(|&&i| {
            self.priority_meta[i]
                .qualifier
                .eq_ignore_ascii_case(&h.qualifier)
        }) {
            let p = &mut self.priorities[i];
            if p.title.is_empty() {
                p.title = h.title;
            }
            if lead.is_some() {
                p.lead = lead;
            }
            if level.is_some() {
                self.priority_meta[i].level = level;
            }
            return i;
        }
        let id = if board.is_some() || same_number.is_empty() || h.qualifier.is_empty() {
            full_id
        } else {
            format!("{} {}", h.qualifier, h.id)
        };
        self.priorities.push(Priority {
            id: Some(id),
            title: h.title,
            lead,
            outcomes: Vec::new(),
            source: place(source),
        });
        self.priority_meta.push(PriorityMeta {
            qualifier: h.qualifier,
            level,
            audience: board.map(|(_, a)| a),
            numbered: false,
        });
        self.priorities.len() - 1
    }

    /// A heading numbered as a priority with no word saying so ("1. Safer
    /// streets", "2 Domestic abuse"), in a plan with no "Priority" heading
    /// yet, at the level of the first such heading: a priority on trial.
    fn numbered_priority(
        &mut self,
        t: &str,
        heading: Option<u8>,
        source: &SourceLoc,
    ) -> Option<usize> {
        let level = heading.filter(|_| !self.priority_words)?;
        if self.numbered_level.is_some_and(|l| l != level) {
            return None;
        }
        let (id, title) = super::rows::numbered(t)?;
        if !id.bytes().all(|b| b.is_ascii_digit())
            || id.len() > 2
            || !title.starts_with(char::is_uppercase)
            || title.split_whitespace().count() > 10
            || title.ends_with(['.', ':'])
        {
            return None;
        }
        // A priority with that number already (a table's "Priority 1"
        // row, the same heading again): left to the rules that made it.
        if self.priorities.iter().any(|p| p.id.as_deref() == Some(id)) {
            return None;
        }
        self.numbered_level = Some(level);
        let h = context::PriorityHeading {
            id: id.to_string(),
            title: text::clean(title),
            owner: None,
            qualifier: String::new(),
        };
        let i = self.upsert_priority(h, heading, source);
        self.priority_meta[i].numbered = true;
        Some(i)
    }

    /// Keep the priorities on trial ([`State::numbered_priority`]) only
    /// where they are the plan's groups: two of them or more with actions
    /// under them, and no priority named as one. Otherwise they were a
    /// report's numbered sections ("4. Action plan", "5. Monitoring"), and
    /// their actions have no priority, as before they were tried; one with
    /// no actions goes either way.
    pub(super) fn settle_numbered(&mut self) {
        self.drop_trials(!self.priority_words);
    }

    /// Drop the priorities on trial: all of them, or (`keep_groups`) all
    /// but those with actions when two or more have actions. Their actions
    /// lose them, and what pointed into the list of priorities follows it.
    fn drop_trials(&mut self, keep_groups: bool) {
        let key = |p: &Priority| p.id.clone().or_else(|| Some(p.title.clone()));
        let trial: Vec<usize> = (0..self.priorities.len())
            .filter(|&i| self.priority_meta[i].numbered)
            .collect();
        if trial.is_empty() {
            return;
        }
        let used = |i: usize| {
            let k = key(&self.priorities[i]);
            self.actions.iter().any(|a| a.priority == k)
        };
        let with_actions: Vec<usize> = trial.iter().copied().filter(|&i| used(i)).collect();
        let keep = keep_groups && with_actions.len() >= 2;
        for &i in trial.iter().rev() {
            if keep && with_actions.contains(&i) {
                continue;
            }
            let k = key(&self.priorities[i]);
            for a in self.actions.iter_mut().filter(|a| a.priority == k) {
                a.priority = None;
            }
            self.priorities.remove(i);
            self.priority_meta.remove(i);
            let shift = |at: Option<usize>| match at {
                Some(j) if j == i => None,
                Some(j) if j > i => Some(j - 1),
                other => other,
            };
            self.current = shift(self.current);
            self.awaiting_title = shift(self.awaiting_title);
        }
    }

    /// The priority a value of a priority column names ("Priority 1:
    /// Neglect", or "Neglect"): found, or added.
    pub(super) fn column_priority(&mut self, value: &str, source: &SourceLoc) -> usize {
        if let Some(h) = context::priority_heading(value) {
            return self.upsert_priority(h, None, source);
        }
        // "1. Tackling anti-social behaviour", "B – Exploitation": its
        // number and its title.
        if let Some((id, title)) = super::rows::numbered(value) {
            let h = context::PriorityHeading {
                id: id.to_string(),
                title: text::clean(title),
                owner: None,
                qualifier: String::new(),
            };
            return self.upsert_priority(h, None, source);
        }
        let title = text::clean(value);
        if let Some(i) = self
            .priorities
            .iter()
            .position(|p| p.id.is_none() && p.title == title)
        {
            return i;
        }
        self.priorities.push(Priority {
            id: None,
            title,
            lead: None,
            outcomes: Vec::new(),
            source: place(source),
        });
        self.priority_meta.push(PriorityMeta::default());
        self.priorities.len() - 1
    }

    /// A heading or paragraph: a priority heading, the title of an
    /// untitled priority, an "Outcomes" label or item, or a heading that
    /// starts a topic under the priority or ends it.
    pub(super) fn text(
        &mut self,
        raw: &str,
        is_list: bool,
        heading: Option<u8>,
        source: &SourceLoc,
    ) {
        self.clean_text(text::clean(raw), is_list, heading, source);
    }

    /// [`State::text`] of a text cleaned already ([`text::clean`]).
    pub(super) fn clean_text(
        &mut self,
        t: String,
        is_list: bool,
        heading: Option<u8>,
        source: &SourceLoc,
    ) {
        if t.is_empty() {
            return;
        }
        let by_word = context::priority_heading_of_clean(&t);
        if by_word.is_some() && !self.priority_words {
            // Priorities named as such: numbered headings were sections.
            self.drop_trials(false);
        }
        self.priority_words |= by_word.is_some();
        if by_word.is_none() {
            if let Some(i) = self.numbered_priority(&t, heading, source) {
                self.current = Some(i);
                self.in_outcomes = false;
                self.section = None;
                return;
            }
        }
        // "Theme A: Leadership" as a heading, in a plan whose priorities
        // are not called priorities: a priority all the same.
        let grouping = || {
            heading
                .filter(|_| !self.priority_words)
                .and_then(|_| context::grouping_heading(&t))
        };
        if let Some(h) = by_word.or_else(grouping) {
            let untitled = h.title.is_empty();
            let i = self.upsert_priority(h, heading, source);
            self.current = Some(i);
            self.in_outcomes = false;
            self.section = None;
            self.awaiting_title = (untitled && self.priorities[i].title.is_empty()).then_some(i);
            return;
        }
        // "Priority lead: JB" under a priority heading: its owner, as the
        // same label in a key/value table gives it.
        if let (Some(i), false) = (self.current, is_list) {
            if let Some((label, value)) = t.split_once(':') {
                let value = value.trim();
                if !value.is_empty()
                    && label.split_whitespace().count() <= 4
                    && matches!(context::label(label), Label::Lead)
                {
                    if self.priorities[i].lead.is_none() {
                        self.priorities[i].lead = owner::parse_lead(value);
                    }
                    return;
                }
            }
        }
        // (Both outcome tests need the word: it is searched for once.)
        let says_outcome = crate::pattern::contains_ci_by(&t, "outcome", 5);
        let outcomes_label = says_outcome && context::is_outcomes_label_of_clean(&t);
        if let Some(i) = self.awaiting_title.take() {
            if !is_list && t.len() <= 400 && !outcomes_label {
                self.priorities[i].title = t;
                return;
            }
        }
        if outcomes_label {
            self.in_outcomes = self.current.is_some();
            return;
        }
        // "OUTCOME: Children at risk of neglect are identified early".
        let inline = says_outcome
            .then(|| context::inline_outcome_of_clean(&t))
            .flatten();
        if let (Some(outcome), Some(i)) = (inline, self.current) {
            self.priorities[i].outcomes.push(outcome);
            return;
        }
        if let Some(level) = heading {
            self.in_outcomes = false;
            let parent = self.current.map(|i| self.priority_meta[i].clone());
            let parent_level = parent.as_ref().and_then(|m| m.level);
            // A part of the priority's text under it ("What we will do",
            // "Why this matters", "How will we know?", "Background"): no
            // topic, and the priority goes on.
            if parent_level.is_some_and(|p| level > p) && context::is_section_label(&t) {
                return;
            }
            if let Some(parent_level) = parent_level.filter(|p| level > *p) {
                // A topic heading under a titled priority ("Neglect" under
                // "LSCB Priority 3"): a priority of its own, without a number,
                // so that its table (or its lack of one) is its own.
                self.priorities.push(Priority {
                    id: None,
                    title: t,
                    lead: None,
                    outcomes: Vec::new(),
                    source: place(source),
                });
                // A topic under a board's priority is that board's.
                self.priority_meta.push(PriorityMeta {
                    qualifier: String::new(),
                    level: Some(parent_level),
                    audience: parent.and_then(|m| m.audience),
                    numbered: false,
                });
                self.current = Some(self.priorities.len() - 1);
            } else {
                // A heading at the priority's level or above that is not a
                // priority ends it ("Guidance for sub group Chairs").
                self.current = None;
            }
            return;
        }
        if self.in_outcomes {
            if is_list {
                if let Some(i) = self.current {
                    self.priorities[i].outcomes.push(t);
                }
                return;
            }
            self.in_outcomes = false;
        }
    }

    /// A key/value table's rows, read ([`context::key_values`]): priority
    /// labels start priorities (their value is the title), lead labels
    /// name the current priority's owner.
    pub(super) fn key_value(&mut self, rows: Vec<context::KeyValue<'_>>) {
        for kv in rows {
            match kv.label {
                Label::Priority(mut h) => {
                    h.title = kv.value;
                    let i = self.upsert_priority(h, None, kv.source);
                    self.current = Some(i);
                }
                Label::Lead => {
                    if let Some(i) = self.current {
                        if let Some(l) = owner::parse_lead(&kv.value) {
                            self.priorities[i].lead = Some(l);
                        }
                    }
                }
                Label::Title | Label::Other => {}
            }
        }
    }

    /// Reviewer comments in a row's cells go with its (first) action,
    /// `first_action`, each with the field of its column.
    pub(super) fn row_comments(&mut self, row: &Row<'_>, map: &Columns<'_>, first_action: usize) {
        // Most rows have none.
        if !row
            .cells
            .iter()
            .flatten()
            .any(|c| c.paragraphs.iter().any(|p| !p.comments.is_empty()))
        {
            return;
        }
        let mut seen: Vec<*const Cell> = Vec::new();
        for (c, cell) in row.cells.iter().enumerate() {
            let Some(cell) = cell else { continue };
            if seen.contains(&(*cell as *const Cell)) {
                continue;
            }
            seen.push(*cell as *const Cell);
            let field = map.columns.get(c).and_then(|f| f.first().copied());
            for p in &cell.paragraphs {
                self.comments(p, Some(first_action), field);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::model::{Block, Document, Paragraph, Span};

    fn paragraph(text: &str) -> Paragraph {
        Paragraph {
            spans: vec![Span {
                text: text.into(),
                ..Default::default()
            }],
            ..Default::default()
        }
    }

    #[test]
    fn a_lead_line_under_a_priority_heading_is_its_owner() {
        let doc = Document::of_blocks(vec![
            Block::Heading {
                level: 1,
                paragraph: paragraph("Priority 1: Neglect"),
            },
            Block::Paragraph(paragraph("Priority lead: Jane Smith")),
            Block::Heading {
                level: 1,
                paragraph: paragraph("Priority 2: Exploitation"),
            },
            Block::Paragraph(paragraph("Executive Support Group Sponsor: ???")),
            // A second owner line does not replace the first.
            Block::Paragraph(paragraph("Priority lead: Sam Lee")),
        ]);
        let n = crate::normalise::tests::normalise_builtin(&doc);
        let lead = |i: usize| n.priorities[i].lead.clone();
        assert_eq!(
            lead(0).map(|l| l.names),
            Some(vec!["Jane Smith".to_string()])
        );
        assert!(lead(1).is_some_and(|l| l.placeholder));
    }

    fn heading(text: &str) -> Block {
        Block::Heading {
            level: 1,
            paragraph: paragraph(text),
        }
    }

    fn plan_table(index: usize, action: &str) -> Block {
        Block::Table(crate::model::Table::from_text_rows(
            index,
            &[
                &["Action", "Lead", "By when"],
                &[action, "Business Manager", "March 2025"],
            ],
            &[],
        ))
    }

    fn priorities_and_actions(blocks: Vec<Block>) -> (Vec<String>, Vec<Option<String>>) {
        let n = crate::normalise::tests::normalise_builtin(&Document::of_blocks(blocks));
        (
            n.priorities
                .iter()
                .map(|p| format!("{} {}", p.id.as_deref().unwrap_or("-"), p.title))
                .collect(),
            n.actions.iter().map(|a| a.priority.clone()).collect(),
        )
    }

    #[test]
    fn numbered_headings_with_actions_under_them_are_the_priorities() {
        let (p, a) = priorities_and_actions(vec![
            heading("1. Introduction"),
            Block::Paragraph(paragraph("This plan sets out our work.")),
            heading("2. Safer streets"),
            plan_table(0, "Install ten cameras"),
            heading("3. Domestic abuse"),
            plan_table(1, "Recommission the refuge"),
        ]);
        assert_eq!(p, ["2 Safer streets", "3 Domestic abuse"]);
        assert_eq!(a, [Some("2".to_string()), Some("3".to_string())]);
    }

    #[test]
    fn numbered_sections_of_a_report_are_no_priorities() {
        // One numbered section holds the plan: a report's sections.
        let (p, a) = priorities_and_actions(vec![
            heading("4. Action plan"),
            plan_table(0, "Install ten cameras"),
            heading("5. Monitoring"),
        ]);
        assert!(p.is_empty(), "{p:?}");
        assert_eq!(a, [None]);
        // Priorities named as such after numbered sections: the sections
        // were sections.
        let (p, _) = priorities_and_actions(vec![
            heading("1. Reasons for recommendations"),
            heading("2. Background"),
            heading("Priority 1: Neglect"),
            plan_table(0, "Audit neglect cases"),
        ]);
        assert_eq!(p, ["1 Neglect"]);
    }
}
