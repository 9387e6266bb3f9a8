//! The styles an .odt's body refers to: paragraph, text and table-cell
//! styles (`style:style`, named in `styles.xml`, automatic in both parts)
//! and list styles (`text:list-style`), read into flat maps.
//!
//! A style keeps only what the body walk needs: its parent, its display
//! name, its outline level (headings), its list style, and the bold,
//! italic and background colour of its text or cell properties.

use std::collections::HashMap;

use crate::error::Result;
use crate::read::xml::{attr, Ev, Xml};

/// The most levels a list style defines (ODF allows ten).
const MAX_LEVELS: usize = 10;
/// How many parents are followed before a style chain is taken as a loop.
const MAX_CHAIN: usize = 32;

/// One `style:style`.
#[derive(Debug, Clone, Default)]
pub struct Style {
    /// `style:parent-style-name`.
    pub parent: Option<String>,
    /// `style:display-name`, or the name with `_20_` read as a space.
    pub display: String,
    /// Whether the style is automatic (in `office:automatic-styles`).
    pub automatic: bool,
    /// `style:default-outline-level`.
    pub outline: Option<u8>,
    /// `style:list-style-name` (a paragraph style's list).
    pub list_style: Option<String>,
    /// `fo:font-weight` is bold (Some(false) where it says normal).
    pub bold: Option<bool>,
    /// `fo:font-style` is italic.
    pub italic: Option<bool>,
    /// Text `fo:background-color`: a highlight, named as the .docx reader
    /// names it (see [`highlight_name`]).
    pub highlight: Option<Option<String>>,
    /// Table cell `fo:background-color` (a fill).
    pub fill: Option<Option<String>>,
}

/// One level of a list style.
#[derive(Debug, Clone, Default)]
pub struct ListLevel {
    /// A bullet (or image) level.
    pub bullet: bool,
    /// `style:num-format`: "1", "a", "A", "i", "I", or "" for no number.
    pub format: String,
    /// The label pattern: LibreOffice's `loext:num-list-format` ("%1%."),
    /// else built from prefix, `text:display-levels` and suffix.
    pub pattern: String,
    /// `text:start-value`.
    pub start: usize,
}

/// Every style an .odt defines, by name (automatic styles of
/// `content.xml` win over those of `styles.xml`, as ODF scopes them).
#[derive(Debug, Default)]
pub struct Styles {
    pub styles: HashMap<String, Style>,
    pub lists: HashMap<String, Vec<ListLevel>>,
}

/// `_20_`-style escapes in a style name, read back (`Heading_20_1`).
fn unescape_name(name: &str) -> String {
    let mut out = String::new();
    let mut rest = name;
    while let Some(at) = rest.find('_') {
        out.push_str(&rest[..at]);
        let tail = &rest[at + 1..];
        match tail.find('_').and_then(|end| {
            let hex = &tail[..end];
            (hex.len() <= 6 && !hex.is_empty())
                .then(|| u32::from_str_radix(hex, 16).ok().and_then(char::from_u32))
                .flatten()
                .map(|c| (c, end))
        }) {
            Some((c, end)) => {
                out.push(c);
                rest = &tail[end + 1..];
            }
            None => {
                out.push('_');
                rest = tail;
            }
        }
    }
    out.push_str(rest);
    out
}

/// A colour as six upper-case hex digits; None for `transparent` or junk.
pub fn color(value: &str) -> Option<String> {
    let v = value.trim().strip_prefix('#')?;
    (v.len() == 6 && v.bytes().all(|b| b.is_ascii_hexdigit())).then(|| v.to_ascii_uppercase())
}

/// A text background colour as the .docx reader names a highlight: one of
/// Word's sixteen highlight colours by name (LibreOffice writes Word's
/// highlights as their RGB values), any other colour as hex.
pub fn highlight_name(hex: &str) -> String {
    let name = match hex {
        "FFFF00" => "yellow",
        "00FF00" => "green",
        "00FFFF" => "cyan",
        "FF00FF" => "magenta",
        "0000FF" => "blue",
        "FF0000" => "red",
        "000080" => "darkBlue",
        "008080" => "darkCyan",
        "008000" => "darkGreen",
        "800080" => "darkMagenta",
        "800000" => "darkRed",
        "808000" => "darkYellow",
        "808080" => "darkGray",
        "C0C0C0" => "lightGray",
        "000000" => "black",
        other => return other.to_string(),
    };
    name.to_string()
}

impl Styles {
    /// Add the styles of one part (`styles.xml` or `content.xml`). Master
    /// pages (headers, footers) and the body are skipped.
    pub fn add(&mut self, bytes: &[u8], part: &str, max_depth: usize) -> Result<()> {
        let mut xml = Xml::new(bytes, part, max_depth);
        let mut automatic = false;
        // The style being read, and the list style being read.
        let mut style: Option<(String, Style)> = None;
        let mut list: Option<(String, Vec<ListLevel>)> = None;
        loop {
            match xml.next_event()? {
                Ev::Eof => return Ok(()),
                Ev::Text(_) => {}
                Ev::End(name) => match name.as_slice() {
                    b"style" => {
                        if let Some((n, s)) = style.take() {
                            self.styles.insert(n, s);
                        }
                    }
                    b"list-style" => {
                        if let Some((n, l)) = list.take() {
                            self.lists.insert(n, l);
                        }
                    }
                    b"automatic-styles" => automatic = false,
                    _ => {}
                },
                Ev::Start(e) => {
                    let local = e.local_name();
                    match local.as_ref() {
                        b"master-styles" | b"body" | b"font-face-decls" => xml.skip()?,
                        b"automatic-styles" => automatic = true,
                        b"style" => {
                            let Some(name) = attr(&e, b"name") else {
                                xml.skip()?;
                                continue;
                            };
                            let display =
                                attr(&e, b"display-name").unwrap_or_else(|| unescape_name(&name));
                            style = Some((
                                name,
                                Style {
                                    parent: attr(&e, b"parent-style-name"),
                                    display,
                                    automatic,
                                    outline: attr(&e, b"default-outline-level")
                                        .and_then(|v| v.trim().parse::<u8>().ok()),
                                    list_style: attr(&e, b"list-style-name"),
                                    ..Style::default()
                                },
                            ));
                        }
                        b"text-properties" => {
                            if let Some((_, s)) = style.as_mut() {
                                if let Some(w) = attr(&e, b"font-weight") {
                                    s.bold = Some(
                                        w == "bold" || w.parse::<u32>().is_ok_and(|n| n >= 600),
                                    );
                                }
                                if let Some(i) = attr(&e, b"font-style") {
                                    s.italic = Some(i == "italic" || i == "oblique");
                                }
                                if let Some(bg) = attr(&e, b"background-color") {
                                    // LibreOffice marks Word's run shading
                                    // (kept as hex by the .docx reader) with
                                    // char-shading-value; a highlight is
                                    // named as Word names it.
                                    let shading = attr(&e, b"char-shading-value").is_some();
                                    s.highlight = Some(color(&bg).map(|hex| {
                                        if shading {
                                            hex
                                        } else {
                                            highlight_name(&hex)
                                        }
                                    }));
                                }
                            }
                        }
                        b"table-cell-properties" => {
                            if let Some((_, s)) = style.as_mut() {
                                if let Some(bg) = attr(&e, b"background-color") {
                                    s.fill = Some(color(&bg));
                                }
                            }
                        }
                        b"list-style" => {
                            list = attr(&e, b"name").map(|n| (n, Vec::new()));
                        }
                        b"list-level-style-number"
                        | b"list-level-style-bullet"
                        | b"list-level-style-image" => {
                            if let Some((_, levels)) = list.as_mut() {
                                let level = attr(&e, b"level")
                                    .and_then(|l| l.trim().parse::<usize>().ok())
                                    .unwrap_or(1)
                                    .clamp(1, MAX_LEVELS);
                                if levels.len() < level {
                                    levels.resize(level, ListLevel::default());
                                }
                                levels[level - 1] = list_level(&e, local.as_ref(), level);
                            }
                        }
                        _ => {}
                    }
                }
            }
        }
    }

    /// A style, following nothing.
    pub fn get(&self, name: &str) -> Option<&Style> {
        self.styles.get(name)
    }

    /// The first value `f` gives along a style and its parents.
    pub fn inherited<'s, T>(&'s self, name: &str, f: impl Fn(&'s Style) -> Option<T>) -> Option<T> {
        let mut at = Some(name);
        for _ in 0..MAX_CHAIN {
            let s = self.styles.get(at?)?;
            if let Some(v) = f(s) {
                return Some(v);
            }
            at = s.parent.as_deref();
        }
        None
    }

    /// The first named (not automatic) style along a chain: what a
    /// paragraph's style is called.
    pub fn named(&self, name: &str) -> Option<&Style> {
        self.inherited(name, |s| (!s.automatic).then_some(s))
    }
}

fn list_level(e: &quick_xml::events::BytesStart<'_>, kind: &[u8], level: usize) -> ListLevel {
    if kind != b"list-level-style-number" {
        return ListLevel {
            bullet: true,
            ..ListLevel::default()
        };
    }
    let format = attr(e, b"num-format").unwrap_or_default();
    let pattern = attr(e, b"num-list-format").unwrap_or_else(|| {
        let shown = attr(e, b"display-levels")
            .and_then(|d| d.trim().parse::<usize>().ok())
            .unwrap_or(1)
            .clamp(1, level);
        let numbers: Vec<String> = (level + 1 - shown..=level)
            .map(|l| format!("%{l}%"))
            .collect();
        format!(
            "{}{}{}",
            attr(e, b"num-prefix").unwrap_or_default(),
            numbers.join("."),
            attr(e, b"num-suffix").unwrap_or_default()
        )
    });
    ListLevel {
        bullet: false,
        format,
        pattern,
        start: attr(e, b"start-value")
            .and_then(|s| s.trim().parse().ok())
            .unwrap_or(1),
    }
}

/// A counter in an ODF number format ("1", "a", "A", "i", "I").
pub fn format_number(n: usize, fmt: &str) -> String {
    let word = match fmt {
        "a" => "lowerLetter",
        "A" => "upperLetter",
        "i" => "lowerRoman",
        "I" => "upperRoman",
        _ => "decimal",
    };
    crate::read::docx::format_number(n, word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_colours_and_levels() {
        assert_eq!(unescape_name("Heading_20_1"), "Heading 1");
        assert_eq!(unescape_name("List_20_Bullet"), "List Bullet");
        assert_eq!(unescape_name("a_b"), "a_b");
        assert_eq!(unescape_name("x_zz_"), "x_zz_");
        assert_eq!(color("#00b050").as_deref(), Some("00B050"));
        assert_eq!(color("transparent"), None);
        assert_eq!(highlight_name("FFFF00"), "yellow");
        assert_eq!(highlight_name("ABCDEF"), "ABCDEF");
        assert_eq!(format_number(2, "a"), "b");
        assert_eq!(format_number(4, "I"), "IV");
    }

    #[test]
    fn styles_resolve_through_parents_and_loops_end() {
        let xml = br##"<office:document-styles xmlns:office="o" xmlns:style="s" xmlns:fo="f" xmlns:text="t">
<office:styles>
 <style:style style:name="Heading_20_1" style:display-name="Heading 1" style:family="paragraph" style:default-outline-level="1"/>
 <style:style style:name="Loop1" style:family="paragraph" style:parent-style-name="Loop2"/>
 <style:style style:name="Loop2" style:family="paragraph" style:parent-style-name="Loop1"/>
 <text:list-style style:name="L1">
  <text:list-level-style-bullet text:level="1" text:bullet-char="x"/>
  <text:list-level-style-number text:level="2" style:num-prefix="(" style:num-suffix=")" style:num-format="a" text:display-levels="2" text:start-value="3"/>
 </text:list-style>
</office:styles>
<office:automatic-styles>
 <style:style style:name="P1" style:family="paragraph" style:parent-style-name="Heading_20_1"><style:text-properties fo:font-weight="bold"/></style:style>
 <style:style style:name="ce1" style:family="table-cell"><style:table-cell-properties fo:background-color="#FF0000"/></style:style>
</office:automatic-styles>
<office:master-styles><style:style style:name="Hidden"/></office:master-styles>
</office:document-styles>"##;
        let mut s = Styles::default();
        s.add(xml, "styles.xml", 64).unwrap();
        assert_eq!(s.inherited("P1", |s| s.outline), Some(1));
        assert_eq!(s.named("P1").map(|s| s.display.as_str()), Some("Heading 1"));
        assert_eq!(s.get("P1").and_then(|s| s.bold), Some(true));
        assert_eq!(s.inherited("Loop1", |s| s.outline), None);
        assert_eq!(
            s.get("ce1")
                .and_then(|s| s.fill.clone())
                .flatten()
                .as_deref(),
            Some("FF0000")
        );
        assert!(s.get("Hidden").is_none());
        let l = &s.lists["L1"];
        assert!(l[0].bullet);
        assert_eq!((l[1].pattern.as_str(), l[1].start), ("(%1%.%2%)", 3));
    }

    #[test]
    fn malformed_styles_are_errors_not_panics() {
        let mut s = Styles::default();
        assert!(s.add(b"<a><b></a>", "styles.xml", 64).is_err());
        assert!(s.add(b"<a>", "styles.xml", 64).is_err());
        let deep = "<a>".repeat(200);
        assert!(s.add(deep.as_bytes(), "styles.xml", 64).is_err());
    }
}
