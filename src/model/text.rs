//! Paragraphs and the runs of text in them.

use serde::Serialize;

use super::SourceLoc;

/// A paragraph: runs of text with their formatting, list membership and
/// any reviewer comments anchored to it.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Paragraph {
    /// Runs of text in order. A line break inside the paragraph is a `\n`
    /// inside a span's text, a tab a `\t`.
    pub spans: Vec<Span>,
    /// Set when the paragraph is a bulleted or numbered list item.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub list: Option<ListItem>,
    /// The style name as the file gives it (e.g. "List Bullet").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub style: Option<String>,
    /// Reviewer comments anchored in this paragraph.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub comments: Vec<Comment>,
    /// Where the paragraph is.
    pub source: SourceLoc,
}

impl Paragraph {
    /// The paragraph's text, runs concatenated, without any list label.
    pub fn text(&self) -> String {
        self.spans.iter().map(|s| s.text.as_str()).collect()
    }

    /// [`Paragraph::text`], borrowed where the paragraph is one run (most
    /// cells' paragraphs): nothing to concatenate, nothing to allocate.
    pub fn text_cow(&self) -> std::borrow::Cow<'_, str> {
        match self.spans.as_slice() {
            [] => std::borrow::Cow::Borrowed(""),
            [one] => std::borrow::Cow::Borrowed(one.text.as_str()),
            _ => std::borrow::Cow::Owned(self.text()),
        }
    }

    /// The text as a reader of the page sees it: the list label ("• " for a
    /// bullet, "1. " for a numbered item) followed by the text, trimmed.
    pub fn display_text(&self) -> String {
        let mut out = String::new();
        self.push_display_text(&mut out);
        out
    }

    /// Append [`Paragraph::display_text`] to `out`; whether it added any
    /// text. A paragraph of one run is not copied first (a cell's text is
    /// read this way for every cell of every table).
    pub fn push_display_text(&self, out: &mut String) -> bool {
        let text = self.text_cow();
        let text = text.trim();
        if text.is_empty() {
            return false;
        }
        if let Some(label) = self.list_label() {
            out.push_str(label);
            out.push(' ');
        }
        out.push_str(text);
        true
    }

    /// The label [`Paragraph::push_display_text`] writes before the text,
    /// a space after it: "•" for a bullet, the label of a numbered item
    /// that has one ("1."), else none. (The one place the rule lives:
    /// `Cell::text_cow` asks it too, to borrow only unlabelled text.)
    pub(crate) fn list_label(&self) -> Option<&str> {
        match &self.list {
            Some(ListItem {
                kind: ListKind::Bullet,
                ..
            }) => Some("•"),
            Some(ListItem {
                kind: ListKind::Number,
                label: Some(label),
                ..
            }) if !label.is_empty() => Some(label),
            _ => None,
        }
    }
}

/// A run of text with uniform formatting.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Span {
    /// The text.
    pub text: String,
    /// Bold.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub bold: bool,
    /// Italic.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub italic: bool,
    /// Highlight: a named highlight colour ("yellow") or, for text shaded
    /// rather than highlighted, its fill as six upper-case hex digits.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub highlight: Option<String>,
}

/// List membership of a paragraph.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ListItem {
    /// Bullet or number.
    pub kind: ListKind,
    /// Nesting level, 0 at the outside.
    pub level: u8,
    /// The rendered label of a numbered item ("1.", "a)"), when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
}

/// Bulleted or numbered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ListKind {
    /// A bullet glyph.
    Bullet,
    /// A number, letter or roman numeral.
    Number,
}

/// A reviewer's comment (Word's Review > New Comment).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Comment {
    /// Who wrote it.
    pub author: String,
    /// Its text; paragraphs joined with `\n`.
    pub text: String,
}
