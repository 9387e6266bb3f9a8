//! Styles (our own indexed, on-demand pass: see [`StyleSheet`]), and
//! numbering and comments through docx-rs.
//!
//! docx-rs models numbering and comments well (abstract numbering levels,
//! level overrides, comment bodies), so we let it parse them and keep only
//! what the body walk needs. A few scalar values (a style's name
//! and `basedOn`, a level's text and start) are private fields in docx-rs
//! 0.4; its own `Serialize` impls (the crate's JSON export) are how we read
//! them.
//!
//! docx-rs parses without limits and is not written for hostile input (its
//! style reader indexes `attributes[0]`, so `<w:name/>` with no attribute
//! panics), so each part is first checked by our bounded parser and docx-rs
//! is called under `catch_unwind`; a part it cannot read costs a warning,
//! not the file.

use std::cell::RefCell;
use std::collections::HashMap;

use docx_rs::FromXML;

use crate::read::xml::{attr, Ev, Xml};

use crate::model::{Comment, ListKind};

/// What the body walk needs from one paragraph style.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct StyleInfo {
    /// The style's display name ("List Bullet").
    pub name: String,
    /// Heading level: 0 for Title, N for "heading N" or outline level N-1.
    pub heading: Option<u8>,
    /// Numbering the style applies: (numId, level).
    pub numbering: Option<(usize, usize)>,
}

/// A style's own values, before inheritance.
#[derive(Debug, Clone, Default)]
struct Raw {
    name: String,
    based_on: Option<String>,
    heading: Option<u8>,
    numbering: Option<(usize, usize)>,
}

/// Paragraph styles by style id, read on demand.
///
/// A real template's `styles.xml` is often ten times the size of the
/// document and defines a hundred and more styles, of which a plan uses a
/// handful; parsing every style's properties was two thirds of the time to
/// read a plan. So [`parse_styles`] only indexes the part (each `w:style`
/// element's id and byte range, found with memchr), and a style is parsed
/// by the bounded XML parser the first time the body asks for it, with the
/// styles it is based on. A style element that does not parse counts as
/// absent and is listed by [`StyleSheet::broken`].
#[derive(Debug, Default)]
pub struct StyleSheet {
    xml: Vec<u8>,
    max_depth: usize,
    /// Style id -> byte range of its `w:style` element in `xml`.
    index: HashMap<String, std::ops::Range<usize>>,
    /// Styles parsed so far (`None`: unknown or broken).
    raw: RefCell<HashMap<String, Option<Raw>>>,
    /// Resolved styles handed out so far.
    resolved: RefCell<HashMap<String, Option<StyleInfo>>>,
    /// Style ids whose element did not parse, with the reason.
    broken: RefCell<Vec<(String, String)>>,
}

impl StyleSheet {
    /// Look a style up by its id (`w:pStyle w:val`), inheritance resolved.
    pub fn get(&self, id: &str) -> Option<StyleInfo> {
        if let Some(hit) = self.resolved.borrow().get(id) {
            return hit.clone();
        }
        let info = self.resolve(id);
        self.resolved
            .borrow_mut()
            .insert(id.to_string(), info.clone());
        info
    }

    /// Style ids whose element could not be read, with the reason.
    pub fn broken(&self) -> Vec<(String, String)> {
        self.broken.borrow().clone()
    }

    fn resolve(&self, id: &str) -> Option<StyleInfo> {
        let r = self.raw(id)?;
        let mut info = StyleInfo {
            name: r.name.clone(),
            heading: r.heading,
            numbering: r.numbering,
        };
        // Follow basedOn for what the style does not set itself; bounded, so
        // a cycle in a hostile file ends.
        let mut parent = r.based_on;
        for _ in 0..16 {
            let Some(p) = parent.as_deref().and_then(|p| self.raw(p)) else {
                break;
            };
            info.heading = info.heading.or(p.heading);
            info.numbering = info.numbering.or(p.numbering);
            parent = p.based_on;
        }
        Some(info)
    }

    /// A style's own values, parsed on first use.
    fn raw(&self, id: &str) -> Option<Raw> {
        if let Some(hit) = self.raw.borrow().get(id) {
            return hit.clone();
        }
        let parsed = self.index.get(id).and_then(|range| {
            let bytes = self.xml.get(range.clone())?;
            match parse_style_element(bytes, self.max_depth) {
                Ok(r) => Some(r),
                Err(e) => {
                    self.broken.borrow_mut().push((id.to_string(), e));
                    None
                }
            }
        });
        self.raw.borrow_mut().insert(id.to_string(), parsed.clone());
        parsed
    }
}
fn serde_string<T: serde::Serialize>(v: &T) -> Option<String> {
    match serde_json::to_value(v).ok()? {
        serde_json::Value::String(s) => Some(s),
        _ => None,
    }
}

fn serde_usize<T: serde::Serialize>(v: &T) -> Option<usize> {
    serde_json::to_value(v).ok()?.as_u64().map(|n| n as usize)
}

/// Run a docx-rs parser, turning a panic into an error message. The panic
/// is not printed (found by fuzzing: a comment without `w:id` printed
/// docx-rs's panic message and a backtrace before the warning line).
fn guarded<T>(f: impl FnOnce() -> Result<T, docx_rs::ReaderError>) -> Result<T, String> {
    match crate::read::catch_quietly(f) {
        Ok(Ok(v)) => Ok(v),
        Ok(Err(e)) => Err(e.to_string()),
        Err(_) => Err("docx-rs panicked while parsing it".to_string()),
    }
}

/// The qualified name of a part's root element, if it has one.
fn root_name(bytes: &[u8]) -> Option<Vec<u8>> {
    let mut xml = crate::read::xml::Xml::new(bytes, "", usize::MAX);
    loop {
        match xml.next_event().ok()? {
            crate::read::xml::Ev::Start(e) => return Some(e.name().as_ref().to_vec()),
            crate::read::xml::Ev::Eof => return None,
            _ => {}
        }
    }
}

/// Index `styles.xml` bytes: each style element's id and place. The styles
/// themselves are parsed when asked for (see [`StyleSheet`]).
///
/// The index is found with memchr, using the prefix the root element has
/// (`w:` in every file Word and its imitators write). A part the index
/// cannot account for (it does not end with the root's end tag, or a style
/// element is not closed) is parsed whole by the bounded parser instead,
/// whose error names the place.
pub fn parse_styles(bytes: &[u8], max_depth: usize) -> Result<StyleSheet, String> {
    // A part with another root (or none) is not a style sheet. (docx-rs,
    // which read this part once, spun forever on these: found by fuzzing.)
    let root = root_name(bytes).unwrap_or_default();
    let local = root.rsplit(|&b| b == b':').next().unwrap_or_default();
    if local != b"styles" {
        return Err("its root element is not w:styles".to_string());
    }
    let prefix = &root[..root.len() - local.len()]; // "w:" or ""
    let index = match index_styles(bytes, prefix) {
        Some(index) => index,
        None => {
            // Not the shape the index expects: let the parser say why.
            crate::read::xml::check(bytes, "styles.xml", max_depth).map_err(|e| e.to_string())?;
            return Err("its style elements could not be delimited".to_string());
        }
    };
    Ok(StyleSheet {
        xml: bytes.to_vec(),
        max_depth,
        index,
        ..Default::default()
    })
}

/// Style id -> byte range of each `<P:style ...>...</P:style>` element, or
/// `None` when the part is not shaped as the index expects.
fn index_styles(bytes: &[u8], prefix: &[u8]) -> Option<HashMap<String, std::ops::Range<usize>>> {
    let open = [b"<".as_slice(), prefix, b"style"].concat();
    let close = [b"</".as_slice(), prefix, b"style>"].concat();
    let root_close = [b"</".as_slice(), prefix, b"styles>"].concat();
    if !bytes.trim_ascii_end().ends_with(&root_close) {
        return None; // truncated, or not closed
    }
    let open_finder = memchr::memmem::Finder::new(&open);
    let close_finder = memchr::memmem::Finder::new(&close);
    let mut index = HashMap::new();
    let mut at = 0;
    while let Some(found) = open_finder.find(&bytes[at..]) {
        let start = at + found;
        let after = start + open.len();
        // `<w:styles` also starts with `<w:style`: the name must end here.
        if !matches!(
            bytes.get(after),
            Some(b' ' | b'\t' | b'\r' | b'\n' | b'>' | b'/')
        ) {
            at = after;
            continue;
        }
        let tag_end = after + memchr::memchr(b'>', &bytes[after..])? + 1;
        let end = if bytes[..tag_end].ends_with(b"/>") {
            tag_end
        } else {
            tag_end + close_finder.find(&bytes[tag_end..])? + close.len()
        };
        if let Some(id) = style_id(&bytes[start..tag_end]) {
            index.entry(id).or_insert(start..end);
        }
        at = end;
    }
    Some(index)
}

/// The `w:styleId` of a style's start tag.
fn style_id(tag: &[u8]) -> Option<String> {
    let mut xml = Xml::new(tag, "styles.xml", 4);
    match xml.next_event() {
        Ok(Ev::Start(e)) => attr(&e, b"styleId"),
        _ => None,
    }
}

/// Parse one `w:style` element's own values.
fn parse_style_element(bytes: &[u8], max_depth: usize) -> Result<Raw, String> {
    let mut xml = Xml::new(bytes, "styles.xml", max_depth);
    let mut r = Raw::default();
    let mut outline: Option<u8> = None;
    let mut num_id: Option<usize> = None;
    let mut ilvl: Option<usize> = None;
    let mut in_ppr = false;
    loop {
        match xml.next_event().map_err(|e| e.to_string())? {
            Ev::Start(e) => match e.local_name().as_ref() {
                b"name" => r.name = attr(&e, b"val").unwrap_or_default(),
                b"basedOn" => r.based_on = attr(&e, b"val"),
                b"pPr" => in_ppr = true,
                b"outlineLvl" if in_ppr => {
                    outline = attr(&e, b"val").and_then(|v| v.parse().ok());
                }
                b"numId" if in_ppr => num_id = attr(&e, b"val").and_then(|v| v.parse().ok()),
                b"ilvl" if in_ppr => ilvl = attr(&e, b"val").and_then(|v| v.parse().ok()),
                _ => {}
            },
            Ev::End(name) => {
                if name.as_slice() == b"pPr" {
                    in_ppr = false;
                }
            }
            Ev::Eof => break,
            Ev::Text(_) => {}
        }
    }
    let lower = r.name.to_ascii_lowercase();
    r.heading = if lower == "title" {
        Some(0)
    } else if let Some(n) = lower
        .strip_prefix("heading ")
        .and_then(|n| n.trim().parse::<u8>().ok())
    {
        Some(n)
    } else {
        outline.filter(|&o| o < 9).map(|o| o + 1)
    };
    r.numbering = num_id.map(|n| (n, ilvl.unwrap_or(0)));
    Ok(r)
}

/// One level of a numbering definition.
#[derive(Debug, Clone)]
pub struct LevelDef {
    /// `w:numFmt` (`bullet`, `decimal`, `lowerLetter`, ...).
    pub format: String,
    /// `w:lvlText`, e.g. "%1." or "%1.%2".
    pub text: String,
    /// `w:start`.
    pub start: usize,
}

/// Numbering definitions and the running counters of each list.
#[derive(Debug, Default)]
pub struct Numbering {
    /// numId -> levels of its abstract numbering.
    nums: HashMap<usize, Vec<LevelDef>>,
    /// numId -> counters per level.
    counters: HashMap<usize, [usize; 9]>,
}

impl Numbering {
    /// Advance list `num_id` at `level` and return the item's kind and label.
    /// `None` when the list is unknown or its format is `none`.
    pub fn next_label(
        &mut self,
        num_id: usize,
        level: usize,
    ) -> Option<(ListKind, Option<String>)> {
        let levels = self.nums.get(&num_id)?;
        let level = level.min(8);
        let def = levels.get(level).or_else(|| levels.last())?;
        if def.format == "none" {
            return None;
        }
        if def.format == "bullet" {
            return Some((ListKind::Bullet, None));
        }
        let counters = self.counters.entry(num_id).or_insert([0; 9]);
        for (l, slot) in counters.iter_mut().enumerate() {
            if l == level {
                *slot = if *slot == 0 { def.start } else { *slot + 1 };
            } else if l > level {
                *slot = 0;
            }
        }
        let mut label = def.text.clone();
        for l in (0..=level).rev() {
            let placeholder = format!("%{}", l + 1);
            if label.contains(&placeholder) {
                let fmt = levels
                    .get(l)
                    .map(|d| d.format.as_str())
                    .unwrap_or("decimal");
                let start = levels.get(l).map(|d| d.start).unwrap_or(1);
                let n = if counters[l] == 0 { start } else { counters[l] };
                label = label.replace(&placeholder, &format_number(n, fmt));
            }
        }
        Some((ListKind::Number, Some(label)))
    }
}

/// Render a list counter in a Word number format.
pub fn format_number(n: usize, fmt: &str) -> String {
    match fmt {
        "lowerLetter" => letters(n, b'a'),
        "upperLetter" => letters(n, b'A'),
        "lowerRoman" => roman(n).to_lowercase(),
        "upperRoman" => roman(n),
        "decimalZero" => format!("{n:02}"),
        _ => n.to_string(),
    }
}

/// a, b, ..., z, aa, bb, ... as Word writes them.
fn letters(n: usize, base: u8) -> String {
    if n == 0 {
        return String::new();
    }
    let idx = (n - 1) % 26;
    let reps = (n - 1) / 26 + 1;
    std::iter::repeat_n((base + idx as u8) as char, reps.min(64)).collect()
}

fn roman(mut n: usize) -> String {
    if n == 0 || n > 3999 {
        return n.to_string();
    }
    let table = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (v, s) in table {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    out
}

/// Parse `numbering.xml` bytes.
pub fn parse_numbering(bytes: &[u8]) -> Result<Numbering, String> {
    let numberings = guarded(|| docx_rs::Numberings::from_xml(bytes))?;
    let abstracts: HashMap<usize, Vec<LevelDef>> = numberings
        .abstract_nums
        .iter()
        .map(|a| {
            let mut levels: Vec<(usize, LevelDef)> = a
                .levels
                .iter()
                .map(|l| {
                    (
                        l.level,
                        LevelDef {
                            format: l.format.val.clone(),
                            text: serde_string(&l.text).unwrap_or_default(),
                            start: serde_usize(&l.start).unwrap_or(1),
                        },
                    )
                })
                .collect();
            levels.sort_by_key(|(i, _)| *i);
            (a.id, levels.into_iter().map(|(_, d)| d).collect())
        })
        .collect();
    // Each list instance (w:num) takes its abstract levels, with any
    // w:lvlOverride/w:startOverride applied (ECMA-376 §17.9.8).
    let nums = numberings
        .numberings
        .iter()
        .filter_map(|n| {
            let mut levels = abstracts.get(&n.abstract_num_id)?.clone();
            for o in &n.level_overrides {
                if let (Some(level), Some(start)) = (levels.get_mut(o.level), o.override_start) {
                    level.start = start;
                }
            }
            Some((n.id, levels))
        })
        .collect();
    Ok(Numbering {
        nums,
        counters: HashMap::new(),
    })
}

/// Parse `comments.xml` bytes: comment id -> comment.
pub fn parse_comments(bytes: &[u8]) -> Result<HashMap<String, Comment>, String> {
    let comments = guarded(|| docx_rs::Comments::from_xml(bytes))?;
    Ok(comments
        .inner()
        .iter()
        .map(|c| {
            let text = c
                .children
                .iter()
                .filter_map(|child| match child {
                    docx_rs::CommentChild::Paragraph(p) => Some(p.raw_text()),
                    docx_rs::CommentChild::Table(_) => None,
                })
                .map(|t| t.trim().to_string())
                .filter(|t| !t.is_empty())
                .collect::<Vec<_>>()
                .join("\n");
            (
                c.id.to_string(),
                Comment {
                    author: c.author.clone(),
                    text,
                },
            )
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn number_formats() {
        assert_eq!(format_number(3, "decimal"), "3");
        assert_eq!(format_number(2, "lowerLetter"), "b");
        assert_eq!(format_number(28, "upperLetter"), "BB");
        assert_eq!(format_number(14, "lowerRoman"), "xiv");
        assert_eq!(format_number(4, "upperRoman"), "IV");
    }

    #[test]
    fn heading_and_list_styles_resolve_through_based_on() {
        let xml = br#"<?xml version="1.0"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
  <w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/></w:style>
  <w:style w:type="paragraph" w:styleId="Mine"><w:name w:val="My Head"/><w:basedOn w:val="Heading2"/></w:style>
  <w:style w:type="paragraph" w:styleId="ListBullet"><w:name w:val="List Bullet"/>
    <w:pPr><w:numPr><w:numId w:val="3"/></w:numPr></w:pPr></w:style>
  <w:style w:type="paragraph" w:styleId="Outline"><w:name w:val="Plain"/>
    <w:pPr><w:outlineLvl w:val="2"/></w:pPr></w:style>
</w:styles>"#;
        let s = parse_styles(xml, 64).unwrap();
        assert_eq!(s.get("Heading2").unwrap().heading, Some(2));
        assert_eq!(s.get("Mine").unwrap().heading, Some(2));
        assert_eq!(s.get("ListBullet").unwrap().numbering, Some((3, 0)));
        assert_eq!(s.get("ListBullet").unwrap().name, "List Bullet");
        assert_eq!(s.get("Outline").unwrap().heading, Some(3));
    }

    #[test]
    fn numbered_labels_count_and_reset() {
        let xml = br#"<?xml version="1.0"?>
<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
  <w:abstractNum w:abstractNumId="0">
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
    <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%1.%2)"/></w:lvl>
  </w:abstractNum>
  <w:abstractNum w:abstractNumId="1">
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="&#8226;"/></w:lvl>
  </w:abstractNum>
  <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
  <w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
  <w:num w:numId="3"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="3"/></w:lvlOverride></w:num>
</w:numbering>"#;
        let mut n = parse_numbering(xml).unwrap();
        let label = |n: &mut Numbering, l| n.next_label(1, l).unwrap().1.unwrap();
        assert_eq!(label(&mut n, 0), "1.");
        assert_eq!(label(&mut n, 1), "1.a)");
        assert_eq!(label(&mut n, 1), "1.b)");
        assert_eq!(label(&mut n, 0), "2.");
        assert_eq!(label(&mut n, 1), "2.a)");
        assert_eq!(n.next_label(2, 0), Some((ListKind::Bullet, None)));
        assert_eq!(n.next_label(9, 0), None);
        // A start override restarts the list at its value.
        assert_eq!(n.next_label(3, 0).unwrap().1.unwrap(), "3.");
        assert_eq!(n.next_label(3, 0).unwrap().1.unwrap(), "4.");
    }

    #[test]
    fn a_styles_part_without_a_styles_root_is_an_error_not_a_hang() {
        // Found by fuzzing (docx_xml): docx-rs looped forever on these.
        for xml in [
            &b""[..],
            b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>",
            b"<w:numbering xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"/>",
        ] {
            assert_eq!(
                parse_styles(xml, 64).unwrap_err(),
                "its root element is not w:styles"
            );
        }
    }

    #[test]
    fn an_empty_style_name_is_read_not_a_crash() {
        // docx-rs 0.4 panicked here (it reads `attributes[0]` of w:name).
        let xml = br#"<?xml version="1.0"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
  <w:style w:type="paragraph" w:styleId="X"><w:name/></w:style>
</w:styles>"#;
        let s = parse_styles(xml, 64).unwrap();
        assert_eq!(s.get("X").unwrap().name, "");
    }
    #[test]
    fn styles_are_indexed_then_parsed_on_demand() {
        // Default namespace (no prefix), a self-closing style, and a
        // broken style that only costs itself.
        let xml = br#"<styles xmlns="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
  <style type="paragraph" styleId="Empty"/>
  <style type="paragraph" styleId="Bad"><name val="x"><pPr></name></style>
  <style type="paragraph" styleId="H1"><name val="heading 1"/></style>
</styles>
"#;
        let s = parse_styles(xml, 64).unwrap();
        assert_eq!(s.get("H1").unwrap().heading, Some(1));
        assert_eq!(s.get("Empty"), Some(StyleInfo::default()));
        assert_eq!(s.get("Bad"), None);
        assert_eq!(s.get("Nope"), None);
        let broken = s.broken();
        assert_eq!(broken.len(), 1);
        assert_eq!(broken[0].0, "Bad");
        assert!(
            broken[0].1.starts_with("malformed XML in styles.xml"),
            "{broken:?}"
        );
    }

    #[test]
    fn a_truncated_styles_part_is_an_error_with_its_place() {
        let xml =
            br#"<w:styles xmlns:w="x"><w:style w:styleId="A"><w:name w:val="A"/></w:style><w:sty"#;
        let err = parse_styles(xml, 64).unwrap_err();
        assert!(
            err.starts_with("malformed XML in styles.xml at byte"),
            "{err}"
        );
    }

    #[test]
    fn a_based_on_cycle_ends() {
        let xml = br#"<w:styles xmlns:w="x">
<w:style w:styleId="A"><w:name w:val="A"/><w:basedOn w:val="B"/></w:style>
<w:style w:styleId="B"><w:name w:val="B"/><w:basedOn w:val="A"/></w:style></w:styles>"#;
        let s = parse_styles(xml, 64).unwrap();
        assert_eq!(s.get("A").unwrap().heading, None);
    }
}
