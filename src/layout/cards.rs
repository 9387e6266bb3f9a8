//! Actions written as labelled lines of text, not in a table: under a
//! priority heading, a block of paragraphs "Action: …", "Lead: …",
//! "Timescale: …", "Measure: …", then a blank line or a heading. [`cards`]
//! turns each such block into a table of its own (the labels its header
//! row, the values its one body row) where the block stood, so that
//! recognition and normalisation read it as they read any table.
//!
//! A block is read so only when its lines' labels are all header phrases
//! the vocabulary maps (the same reading a header cell gets, none naming a
//! priority), the action's word for word, and one of them says who or when
//! (a lead or a due date); a label met again ("Action:" twice) starts the
//! next block. Each table made so is numbered after the
//! document's own tables, in order, and keeps each line's place in the
//! source.

use super::{Field, Vocabulary};
use crate::model::{Block, Document, Paragraph, SourceLoc, Table};

/// Most characters a label may have ("Success measure", "Who will lead").
const MAX_LABEL: usize = 40;

/// Turn each block of labelled lines that reads as an action into a table
/// (see the module docs); returns how many were made.
pub fn cards(doc: &mut Document, vocab: &Vocabulary) -> usize {
    // Only documents with a line starting "<label>:" are looked at.
    let any = doc.blocks.iter().any(|b| match b {
        Block::Paragraph(p) => p.text_cow().contains(':'),
        _ => false,
    });
    if !any {
        return 0;
    }
    let mut next_index = doc.tables().iter().map(|t| t.index + 1).max().unwrap_or(0);
    let blocks = std::mem::take(&mut doc.blocks);
    let mut out: Vec<Block> = Vec::with_capacity(blocks.len());
    // The block being read: its lines (label, field, value, source) and the
    // paragraphs they came from (given back when it is no action).
    let mut card: Vec<Line> = Vec::new();
    let mut held: Vec<Block> = Vec::new();
    let mut made = 0;
    for block in blocks {
        let lines = match &block {
            Block::Paragraph(p) => labelled_lines(p, vocab),
            _ => None,
        };
        // An item whose lead and date follow it on the same line ("1.1
        // Deliver training (Lead: Head of QA, by March 2023)"): an action
        // of its own.
        if let (None, Block::Paragraph(p)) = (&lines, &block) {
            if let Some(item) = item_with_lead_and_date(p) {
                close(&mut card, &mut held, &mut out, &mut next_index, &mut made);
                card = item;
                held.push(block);
                close(&mut card, &mut held, &mut out, &mut next_index, &mut made);
                continue;
            }
        }
        // A list item with no label of its own may be the action that
        // "Who: ..." and "When: ..." lines under it go with.
        if let (None, Block::Paragraph(p)) = (&lines, &block) {
            if p.list.is_some() && !p.text_cow().trim().is_empty() {
                close(&mut card, &mut held, &mut out, &mut next_index, &mut made);
                card.push(Line {
                    label: "Action".into(),
                    fields: vec![Field::Action],
                    value: p.text_cow().trim().to_string(),
                    source: p.source.clone(),
                    score: 1.0,
                });
                held.push(block);
                continue;
            }
        }
        match lines {
            Some(lines) => {
                for line in lines {
                    // A label met again starts the next action.
                    if card.iter().any(|l| l.fields == line.fields) {
                        close(&mut card, &mut held, &mut out, &mut next_index, &mut made);
                    }
                    card.push(line);
                }
                held.push(block);
            }
            None => {
                close(&mut card, &mut held, &mut out, &mut next_index, &mut made);
                out.push(block);
            }
        }
    }
    close(&mut card, &mut held, &mut out, &mut next_index, &mut made);
    doc.blocks = out;
    made
}

/// One labelled line: its label, the fields the label means, the value.
struct Line {
    label: String,
    fields: Vec<Field>,
    value: String,
    source: SourceLoc,
    /// How surely the label means its fields.
    score: f64,
}

/// Every line of a paragraph as a labelled line, or `None` when one line
/// is not ("Neglect remains the most common category …", a blank line).
fn labelled_lines(p: &Paragraph, vocab: &Vocabulary) -> Option<Vec<Line>> {
    let text = p.text_cow();
    let mut out = Vec::new();
    // "Who: Early Help Coordinator; When: March 2017": two lines in one.
    let parts = text.split('\n').flat_map(|line| {
        let pieces: Vec<&str> = line.split(';').collect();
        let all_labelled = pieces.len() > 1
            && pieces.iter().all(|s| {
                s.split_once(':')
                    .is_some_and(|(l, _)| !l.trim().is_empty() && l.len() <= MAX_LABEL)
            });
        if all_labelled {
            pieces
        } else {
            vec![line]
        }
    });
    for line in parts {
        let line = line.trim();
        let (label, value) = line.split_once(':')?;
        let (label, value) = (label.trim(), value.trim());
        if label.is_empty()
            || label.len() > MAX_LABEL
            || value.is_empty()
            || !label.chars().next().is_some_and(char::is_alphabetic)
            || label.split_whitespace().count() > 5
        {
            return None;
        }
        // A priority's own details ("Strategic Priority 2:", "Priority
        // lead:") are read with the priorities, not as an action's.
        if label.to_lowercase().contains("priority") {
            return None;
        }
        let (fields, score) = vocab.fields_of(label)?;
        if score < 0.8 {
            return None;
        }
        out.push(Line {
            label: label.to_string(),
            fields,
            value: value.to_string(),
            source: p.source.clone(),
            score,
        });
    }
    (!out.is_empty()).then_some(out)
}

/// An item that carries its action's lead and date after it, in a bracket
/// at its end ("Survey people who have been through an enquiry (Lead:
/// Engagement Officer, by January 2023)") or after dashes ("Check that the
/// actions are complete - Board Manager - by 31 July 2022"), with its
/// reference first ("1.1") or as its list number: the lines of its card.
/// The bracket must name the lead ("Lead:", "Led by") or say "by" a date;
/// the dashes must be two, the last part starting "by" or "within".
fn item_with_lead_and_date(p: &Paragraph) -> Option<Vec<Line>> {
    let text = p.text_cow();
    let text = text.trim();
    if text.contains('\n') || text.len() > 600 {
        return None;
    }
    // The reference: typed first, or the list's own number.
    let (id, rest) = match text.split_once(' ') {
        Some((r, rest)) if crate::layout::content::is_ref(r.trim_end_matches(['.', ')'])) => (
            Some(r.trim_end_matches(['.', ')']).to_string()),
            rest.trim(),
        ),
        _ => (
            p.list
                .as_ref()
                .and_then(|l| l.label.clone())
                .map(|l| l.trim_end_matches(['.', ')']).to_string()),
            text,
        ),
    };
    if id.is_none() && p.list.is_none() {
        return None;
    }
    let lower = rest.to_lowercase();
    let (action, meta): (&str, Vec<&str>) = if rest.ends_with(')') {
        let open = rest.rfind('(')?;
        let inner = &rest[open + 1..rest.len() - 1];
        let l = inner.to_lowercase();
        if !(l.starts_with("lead") || l.starts_with("led by") || l.contains("by ")) {
            return None;
        }
        (rest[..open].trim(), inner.split(',').collect())
    } else {
        let parts: Vec<&str> = rest.split(" - ").flat_map(|s| s.split(" – ")).collect();
        let last = parts.last()?.trim().to_lowercase();
        if parts.len() != 3 || !(last.starts_with("by ") || last.starts_with("within ")) {
            return None;
        }
        let _ = lower;
        (parts[0].trim(), parts[1..].to_vec())
    };
    if action.split_whitespace().count() < 2 {
        return None;
    }
    let (mut lead, mut due) = (None, None);
    for part in meta {
        let part = part.trim();
        let l = part.to_lowercase();
        if let Some(name) = ["lead:", "led by", "owner:", "lead -", "lead"]
            .iter()
            .find_map(|label| l.starts_with(label).then(|| part[label.len()..].trim()))
        {
            lead = Some(name.trim_start_matches(':').trim().to_string());
        } else if l.starts_with("by ")
            || l.starts_with("within ")
            || due.is_none() && lead.is_some()
        {
            due = Some(part.to_string());
        } else if lead.is_none() {
            lead = Some(part.to_string());
        }
    }
    let (lead, due) = (lead?, due?);
    let source = p.source.clone();
    let line = |label: &str, field: Field, value: String| Line {
        label: label.into(),
        fields: vec![field],
        value,
        source: source.clone(),
        score: 1.0,
    };
    let mut lines = Vec::new();
    if let Some(id) = id {
        lines.push(line("Ref", Field::Id, id));
    }
    lines.push(line("Action", Field::Action, action.to_string()));
    lines.push(line("Lead", Field::Lead, lead));
    lines.push(line("Timescale", Field::Due, due));
    Some(lines)
}

/// End the block being read: a table in `out` when it reads as an action
/// (an action line and a line of another field), else its paragraphs as
/// they were.
fn close(
    card: &mut Vec<Line>,
    held: &mut Vec<Block>,
    out: &mut Vec<Block>,
    next_index: &mut usize,
    made: &mut usize,
) {
    let lines = std::mem::take(card);
    let paragraphs = std::mem::take(held);
    let has = |f: Field| lines.iter().any(|l| l.fields.contains(&f));
    // The action's label word for word a phrase ("Action:", not "Other
    // relevant action plans:"), and who or when beside it ("OUTCOME: /
    // KEY ACTION:" lines above a table restate a priority).
    let action = lines
        .iter()
        .any(|l| l.fields.contains(&Field::Action) && l.score >= 1.0);
    if lines.len() < 2 || !action || !(has(Field::Lead) || has(Field::Due)) {
        out.extend(paragraphs);
        return;
    }
    let labels: Vec<&str> = lines.iter().map(|l| l.label.as_str()).collect();
    let values: Vec<&str> = lines.iter().map(|l| l.value.as_str()).collect();
    let mut t = Table::from_text_rows(*next_index, &[&labels, &values], &[]);
    for cell in &mut t.cells {
        if let Some(l) = lines.get(cell.col) {
            cell.source = l.source.clone();
            for p in &mut cell.paragraphs {
                p.source = l.source.clone();
            }
        }
    }
    t.source = lines[0].source.clone();
    t.header_rows = 1;
    *next_index += 1;
    *made += 1;
    out.push(Block::Table(t));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Span;

    fn para(text: &str) -> Block {
        Block::Paragraph(Paragraph {
            spans: vec![Span {
                text: text.into(),
                ..Default::default()
            }],
            ..Default::default()
        })
    }

    fn doc(blocks: Vec<Block>) -> Document {
        Document::of_blocks(blocks)
    }

    #[test]
    fn labelled_lines_of_an_action_become_a_table() {
        let mut d = doc(vec![
            para("Neglect remains the most common category: see the annual report."),
            para("Action: Relaunch the neglect toolkit"),
            para("Lead: Head of Early Help"),
            para("Timescale: By March 2024"),
            para(""),
            para("Action: Audit 15 cases\nLead: QA sub-group chair"),
            para("Action: Publish the audit"),
            para("Timescale: June 2024"),
            para("Measure: Report to the Executive"),
        ]);
        assert_eq!(cards(&mut d, &Vocabulary::builtin()), 3);
        let tables: Vec<&Table> = d
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Table(t) => Some(t),
                _ => None,
            })
            .collect();
        assert_eq!(tables.len(), 3);
        assert_eq!(
            tables[0].text_grid(),
            [
                ["Action", "Lead", "Timescale"],
                [
                    "Relaunch the neglect toolkit",
                    "Head of Early Help",
                    "By March 2024"
                ]
            ]
        );
        // "Action:" met again starts the next one.
        assert_eq!(
            tables[1].text_grid()[1],
            ["Audit 15 cases", "QA sub-group chair"]
        );
        assert_eq!(tables[2].text_grid()[0], ["Action", "Timescale", "Measure"]);
        assert_eq!(
            tables.iter().map(|t| t.index).collect::<Vec<_>>(),
            [0, 1, 2]
        );
        // The prose and the blank line stay paragraphs.
        assert_eq!(d.blocks.len(), 5);
    }

    fn bullet(text: &str) -> Block {
        let Block::Paragraph(mut p) = para(text) else {
            unreachable!("para makes a paragraph")
        };
        p.list = Some(crate::model::ListItem {
            kind: crate::model::ListKind::Bullet,
            level: 0,
            label: None,
        });
        Block::Paragraph(p)
    }

    fn grids(d: &Document) -> Vec<Vec<Vec<String>>> {
        d.blocks
            .iter()
            .filter_map(|b| match b {
                Block::Table(t) => Some(t.text_grid()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn a_bullet_with_who_and_when_under_it_is_an_action() {
        let mut d = doc(vec![
            bullet("Promote the early help assessment with GP practices"),
            para("Who: Early Help Coordinator"),
            para("When: By December 2016"),
            bullet("Publish an early help offer"),
            para("Who: Head of Early Help; When: March 2017"),
            // A bullet with nothing under it stays a bullet.
            bullet("Fewer families referred twice"),
        ]);
        assert_eq!(cards(&mut d, &Vocabulary::builtin()), 2);
        let g = grids(&d);
        assert_eq!(g[0][0], ["Action", "Who", "When"]);
        assert_eq!(
            g[1][1],
            [
                "Publish an early help offer",
                "Head of Early Help",
                "March 2017"
            ]
        );
        assert_eq!(d.blocks.len(), 3);
    }

    #[test]
    fn an_item_with_its_lead_and_date_after_it_is_an_action() {
        let mut d = doc(vec![
            para("1.1 Deliver training to care home managers (Lead: Head of Quality Assurance, by March 2023)"),
            para("3.2 Check that actions from the 2021 SARs are complete - Board Manager - by 31 July 2022"),
            // No reference, or no lead and date: text.
            para("Deliver training to care home managers (Lead: Head of QA, by March 2023)"),
            para("1.3 Survey people (see the annual report)"),
        ]);
        assert_eq!(cards(&mut d, &Vocabulary::builtin()), 2);
        let g = grids(&d);
        assert_eq!(
            g[0][1],
            [
                "1.1",
                "Deliver training to care home managers",
                "Head of Quality Assurance",
                "by March 2023"
            ]
        );
        assert_eq!(
            g[1][1],
            [
                "3.2",
                "Check that actions from the 2021 SARs are complete",
                "Board Manager",
                "by 31 July 2022"
            ]
        );
    }

    #[test]
    fn lines_that_are_not_an_action_stay_text() {
        for blocks in [
            // No action line.
            vec![para("Lead: Head of Service"), para("Timescale: March 2024")],
            // An action line alone.
            vec![para("Action: Relaunch the toolkit")],
            // A label the vocabulary does not know.
            vec![
                para("Action: Relaunch the toolkit"),
                para("Venue: County Hall"),
            ],
            // No one and no date: a priority's outcome and key action.
            vec![
                para("OUTCOME: Children are safe"),
                para("KEY ACTION: Use one tool"),
            ],
            // A priority's details.
            vec![
                para("Strategic Priority 2: Improving awareness"),
                para("Other relevant action plans: SCR action plan"),
                para("Executive Sponsor: Jan Norman"),
            ],
            // Prose with a colon.
            vec![
                para("Our aim: every child is safe"),
                para("Note: the Board meets quarterly"),
            ],
        ] {
            let n = blocks.len();
            let mut d = doc(blocks);
            assert_eq!(cards(&mut d, &Vocabulary::builtin()), 0);
            assert_eq!(d.blocks.len(), n);
        }
    }
}
