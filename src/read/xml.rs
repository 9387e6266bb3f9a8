//! A bounded pull parser over quick-xml, shared by the XML-based readers.
//!
//! It adds what every Office part needs on top of quick-xml: a nesting-depth
//! limit, refusal of DOCTYPE declarations (Office files never have them, and
//! entity declarations are how "billion laughs" files blow up), resolution of
//! the five predefined entities and of character references, and errors that
//! name the part and the byte offset.

use std::borrow::Cow;

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use crate::error::{ErrorKind, Result};

/// A pull parser over one part's bytes.
pub struct Xml<'a> {
    reader: Reader<&'a [u8]>,
    part: &'a str,
    depth: usize,
    max_depth: usize,
}

/// One parse event, simplified.
pub enum Ev<'a> {
    /// An element starts (empty elements come as a start and an end).
    Start(BytesStart<'a>),
    /// An element ends; the local name.
    End(Vec<u8>),
    /// Character data (entities resolved).
    Text(Cow<'a, str>),
    /// End of the part.
    Eof,
}

impl<'a> Xml<'a> {
    /// Parse `bytes`, which came from the zip part `part`.
    pub fn new(bytes: &'a [u8], part: &'a str, max_depth: usize) -> Self {
        let mut reader = Reader::from_reader(bytes);
        let config = reader.config_mut();
        config.expand_empty_elements = true;
        config.trim_text(false);
        config.check_end_names = true;
        Xml {
            reader,
            part,
            depth: 0,
            max_depth,
        }
    }

    /// Current nesting depth (0 outside the root element).
    pub fn depth(&self) -> usize {
        self.depth
    }

    fn error(&self, detail: impl Into<String>) -> ErrorKind {
        ErrorKind::Xml {
            part: self.part.to_string(),
            offset: self.reader.buffer_position(),
            detail: detail.into(),
        }
    }

    /// The next event that matters. Comments, processing instructions and
    /// the XML declaration are skipped.
    pub fn next_event(&mut self) -> Result<Ev<'a>> {
        loop {
            let ev = self
                .reader
                .read_event()
                .map_err(|e| self.error(e.to_string()))?;
            return Ok(match ev {
                Event::Start(e) => {
                    self.depth += 1;
                    if self.depth > self.max_depth {
                        return Err(ErrorKind::XmlTooDeep {
                            part: self.part.to_string(),
                            limit: self.max_depth,
                        });
                    }
                    Ev::Start(e)
                }
                Event::End(e) => {
                    self.depth = self.depth.saturating_sub(1);
                    Ev::End(e.local_name().as_ref().to_vec())
                }
                Event::Text(t) => Ev::Text(
                    t.decode()
                        .map_err(|e| self.error(format!("bad text encoding: {e}")))?,
                ),
                Event::CData(t) => Ev::Text(
                    t.decode()
                        .map_err(|e| self.error(format!("bad text encoding: {e}")))?,
                ),
                Event::GeneralRef(r) => {
                    if let Some(c) = r
                        .resolve_char_ref()
                        .map_err(|e| self.error(e.to_string()))?
                    {
                        Ev::Text(Cow::Owned(c.to_string()))
                    } else {
                        let name = r
                            .decode()
                            .map_err(|e| self.error(format!("bad entity name: {e}")))?;
                        match predefined(&name) {
                            Some(s) => Ev::Text(Cow::Borrowed(s)),
                            None => return Err(self.error(format!("undefined entity &{name};"))),
                        }
                    }
                }
                Event::DocType(_) => return Err(self.error(
                    "a DOCTYPE declaration (not allowed in Office files; entity expansion refused)",
                )),
                Event::Eof => {
                    if self.depth != 0 {
                        return Err(self.error("the part ends inside an open element (truncated?)"));
                    }
                    Ev::Eof
                }
                Event::Empty(_) | Event::Comment(_) | Event::Decl(_) | Event::PI(_) => continue,
            });
        }
    }

    /// Skip the rest of the element whose start was just returned.
    pub fn skip(&mut self) -> Result<()> {
        let target = self.depth.saturating_sub(1);
        loop {
            match self.next_event()? {
                Ev::End(_) if self.depth == target => return Ok(()),
                Ev::Eof => return Ok(()),
                _ => {}
            }
        }
    }

    /// The text content of the element whose start was just returned, up to
    /// its end (text of child elements included).
    pub fn text(&mut self) -> Result<String> {
        let target = self.depth.saturating_sub(1);
        let mut out = String::new();
        loop {
            match self.next_event()? {
                Ev::End(_) if self.depth == target => return Ok(out),
                Ev::Text(t) => out.push_str(&t),
                Ev::Eof => return Ok(out),
                _ => {}
            }
        }
    }
}

/// The five entities XML predefines.
fn predefined(name: &str) -> Option<&'static str> {
    Some(match name {
        "amp" => "&",
        "lt" => "<",
        "gt" => ">",
        "quot" => "\"",
        "apos" => "'",
        _ => return None,
    })
}

/// The value of the attribute with this local name (any prefix), unescaped.
pub fn attr(e: &BytesStart<'_>, local: &[u8]) -> Option<String> {
    e.attributes().flatten().find_map(|a| {
        (a.key.local_name().as_ref() == local)
            .then(|| a.unescape_value().ok().map(Cow::into_owned))
            .flatten()
    })
}

/// Text of the named elements (by local name) in a small properties part.
pub fn simple_fields(
    bytes: &[u8],
    part: &str,
    names: &[&[u8]],
    max_depth: usize,
) -> Result<std::collections::HashMap<String, String>> {
    let mut xml = Xml::new(bytes, part, max_depth);
    let mut out = std::collections::HashMap::new();
    loop {
        match xml.next_event()? {
            Ev::Start(e) => {
                let local = e.local_name().as_ref().to_vec();
                if names.contains(&local.as_slice()) {
                    let text = xml.text()?;
                    let text = text.trim();
                    if !text.is_empty() {
                        out.insert(
                            String::from_utf8_lossy(&local).into_owned(),
                            text.to_string(),
                        );
                    }
                }
            }
            Ev::Eof => return Ok(out),
            _ => {}
        }
    }
}

/// Parse a whole part once, only to check it: well-formed, no DOCTYPE, not
/// too deep. Used before handing a part to a parser that has no limits.
pub fn check(bytes: &[u8], part: &str, max_depth: usize) -> Result<()> {
    let mut xml = Xml::new(bytes, part, max_depth);
    loop {
        if let Ev::Eof = xml.next_event()? {
            return Ok(());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entities_and_char_refs_resolve() {
        let mut x = Xml::new(b"<a>x &amp; y &#x2022; z</a>", "t.xml", 8);
        let mut text = String::new();
        loop {
            match x.next_event().unwrap() {
                Ev::Text(t) => text.push_str(&t),
                Ev::Eof => break,
                _ => {}
            }
        }
        assert_eq!(text, "x & y \u{2022} z");
    }

    #[test]
    fn doctype_is_refused() {
        let bomb = br#"<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;">]><l>&b;</l>"#;
        let err = check(bomb, "word/document.xml", 64).unwrap_err();
        assert!(err.to_string().contains("DOCTYPE"), "{err}");
    }

    #[test]
    fn depth_is_bounded() {
        let deep = "<a>".repeat(100) + &"</a>".repeat(100);
        match check(deep.as_bytes(), "p.xml", 50) {
            Err(ErrorKind::XmlTooDeep { part, limit }) => {
                assert_eq!((part.as_str(), limit), ("p.xml", 50));
            }
            other => panic!("expected XmlTooDeep, got {other:?}"),
        }
    }

    #[test]
    fn truncated_xml_is_an_error_with_offset() {
        let err = check(b"<a><b>text", "x.xml", 8).unwrap_err();
        assert!(
            err.to_string().starts_with("malformed XML in x.xml"),
            "{err}"
        );
    }
}
