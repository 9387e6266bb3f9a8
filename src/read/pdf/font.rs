//! Fonts: from a font dictionary to, for each character code in a string,
//! its text and its advance width (PDF 32000-1 §9.5–§9.10).
//!
//! - Text: the font's ToUnicode CMap first (§9.10.2: it takes priority);
//!   then, for simple fonts, the base encoding with `/Differences` glyph
//!   names; then the bullets of Symbol/Wingdings. A code with none of these
//!   has no text: the caller counts it and reports it.
//! - Widths: `/Widths` + `/FirstChar` (+ `/MissingWidth`) for simple fonts,
//!   `/W` + `/DW` of the descendant CIDFont for Type0 fonts, the AFM widths of
//!   the standard fonts when a simple font has no `/Widths` (reportlab writes
//!   Helvetica that way), and Type3 widths scaled by the `/FontMatrix`.
//! - Codes: one byte for simple fonts; for Type0, two bytes for Identity-H/V
//!   and the other predefined CMaps, or the code-space ranges of an embedded
//!   encoding CMap.

use std::cell::{OnceCell, RefCell};
use std::collections::HashMap;
use std::sync::Arc;

use lopdf::{Dictionary, Document, Object};

use super::cmap::CMap;
use super::glyphs::{self, BaseEncoding};
use super::obj;

/// The built-in encoding of a Type1 font program: the `dup CODE /name put`
/// entries of its `/Encoding` array, in the clear-text part before
/// `eexec`. `None` when the program names `StandardEncoding` or has none.
fn builtin_encoding(program: &[u8]) -> Option<Vec<(u8, String)>> {
    let clear = &program[..program
        .windows(5)
        .position(|w| w == b"eexec")
        .unwrap_or(program.len())];
    let start = clear.windows(9).position(|w| w == b"/Encoding")? + 9;
    let text = String::from_utf8_lossy(&clear[start..]);
    let mut tokens = text.split_ascii_whitespace();
    if tokens.clone().next() == Some("StandardEncoding") {
        return None;
    }
    let mut out = Vec::new();
    while let Some(t) = tokens.next() {
        match t {
            "dup" => {
                let mut ahead = tokens.clone();
                if let (Some(code), Some(name), Some("put")) =
                    (ahead.next(), ahead.next(), ahead.next())
                {
                    if let (Ok(code), Some(name)) = (code.parse::<u8>(), name.strip_prefix('/')) {
                        out.push((code, name.to_string()));
                        tokens = ahead;
                    }
                }
            }
            "def" | "readonly" => break,
            _ => {}
        }
    }
    (!out.is_empty()).then_some(out)
}

/// Largest embedded CMap or ToUnicode stream read, in bytes.
const MAX_CMAP_BYTES: usize = 4 << 20;
/// Bytes read of a Type1 font program's clear-text head.
const MAX_CLEAR_TEXT: usize = 1 << 20;
/// Most `/W` entries read from one CIDFont.
const MAX_W_ENTRIES: usize = 1 << 16;

/// One character code of a shown string.
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    /// The text it stands for; `None` when the font gives it no text.
    /// Shared: every glyph of one code in one font holds the same text.
    pub text: Option<Arc<str>>,
    /// Advance in text space (glyph width / 1000 for most fonts).
    pub width: f64,
    /// A one-byte code 32, to which word spacing (Tw) applies (§9.3.3).
    pub is_space_code: bool,
    /// A code a standard font's encoding gives no glyph (drawn as
    /// `.notdef`, no width, no ink): nothing on the page. jsPDF writes a
    /// string holding a character outside WinAnsi two bytes a character,
    /// "\0k\0n...", in Helvetica: the page shows "kn...".
    pub blank: bool,
}

/// A font ready to decode strings.
#[derive(Debug, Clone)]
pub struct Font {
    /// The base font name without a subset prefix ("DejaVuSans-Bold").
    pub name: String,
    /// The name or descriptor says bold.
    pub bold: bool,
    /// The name or descriptor says italic/oblique.
    pub italic: bool,
    /// Descent below the baseline, as a fraction of the font size
    /// (negative).
    pub descent: f64,
    composite: bool,
    encoding_cmap: Option<CMap>,
    to_unicode: Option<CMap>,
    simple: Vec<Option<String>>,
    widths: HashMap<u32, f64>,
    default_width: f64,
    width_scale: f64,
    /// A symbol font (Symbol, Wingdings), by its name.
    symbol: Option<glyphs::SymbolFont>,
    /// A simple font with no `Widths`: one of the standard 14, measured
    /// by the built-in metrics.
    standard: bool,
    /// The text of each code, worked out when the code is first shown
    /// (see [`Font::text`]) and shared by every glyph of that code.
    texts: Texts,
}

/// See [`Font::texts`](Font).
#[derive(Debug, Clone, Default)]
struct Texts {
    /// Simple fonts: 256 entries, each filled when its code is first shown.
    by_byte: Vec<OnceCell<Option<Arc<str>>>>,
    /// Composite fonts: the codes shown so far (at most [`MAX_MEMO`]).
    by_code: RefCell<HashMap<u32, Option<Arc<str>>>>,
    /// Simple fonts: the width of each of the 256 codes.
    byte_widths: Vec<f64>,
}

/// Codes of a composite font whose text is remembered; past this, a
/// code's text is worked out each time it is shown.
const MAX_MEMO: usize = 1 << 16;

impl Font {
    /// A stand-in when a `Tf` names a font the page does not have: codes
    /// read as Latin-1 with a nominal width, so text still comes out.
    pub fn fallback() -> Font {
        Font {
            name: "(missing font)".into(),
            bold: false,
            italic: false,
            descent: -0.2,
            composite: false,
            encoding_cmap: None,
            to_unicode: None,
            simple: (0..256u32)
                .map(|c| glyphs::base_char(BaseEncoding::WinAnsi, c as u8).map(String::from))
                .collect(),
            widths: HashMap::new(),
            default_width: 500.0,
            width_scale: 0.001,
            texts: Texts::default(),
            symbol: None,
            standard: false,
        }
        .with_texts()
    }

    /// Build a font from its dictionary. Never fails: what is missing falls
    /// back to defaults.
    pub fn load(doc: &Document, dict: &Dictionary) -> Font {
        let subtype = obj::get_name(doc, dict, b"Subtype").unwrap_or_default();
        let base = obj::get_name(doc, dict, b"BaseFont").unwrap_or_default();
        let name = match base.split_once('+') {
            Some((prefix, rest)) if prefix.len() == 6 => rest.to_string(),
            _ => base.clone(),
        };
        let lower = name.to_ascii_lowercase();
        let composite = subtype == "Type0";
        let descendant = if composite {
            obj::get(doc, dict, b"DescendantFonts").and_then(|o| match o {
                Object::Array(a) => a
                    .first()
                    .and_then(|x| obj::deref(doc, x))
                    .and_then(obj::as_dict),
                _ => None,
            })
        } else {
            None
        };
        let descriptor = obj::get_dict(doc, descendant.unwrap_or(dict), b"FontDescriptor");
        let flags = descriptor
            .and_then(|d| obj::get_num(doc, d, b"Flags"))
            .unwrap_or(0.0) as u32;
        let weight = descriptor
            .and_then(|d| obj::get_num(doc, d, b"FontWeight"))
            .unwrap_or(400.0);
        let bold = lower.contains("bold")
            || lower.contains("black")
            || lower.contains("heavy")
            || weight >= 600.0
            || flags & (1 << 18) != 0;
        let italic = lower.contains("italic")
            || lower.contains("oblique")
            || flags & (1 << 6) != 0
            || descriptor
                .and_then(|d| obj::get_num(doc, d, b"ItalicAngle"))
                .is_some_and(|a| a.abs() > 1.0);
        let mut descent = descriptor
            .and_then(|d| obj::get_num(doc, d, b"Descent"))
            .map(|d| d / 1000.0)
            .unwrap_or(-0.2);
        if !(-1.0..=0.0).contains(&descent) {
            descent = -0.2;
        }
        let to_unicode = obj::get(doc, dict, b"ToUnicode").and_then(|o| match o {
            Object::Stream(s) => obj::stream_data(doc, s, MAX_CMAP_BYTES)
                .ok()
                .map(|b| CMap::parse(&b)),
            _ => None,
        });

        let mut font = Font {
            name,
            bold,
            italic,
            descent,
            composite,
            encoding_cmap: None,
            to_unicode,
            simple: vec![None; 256],
            widths: HashMap::new(),
            default_width: 0.0,
            width_scale: 0.001,
            texts: Texts::default(),
            symbol: None,
            standard: false,
        };
        font.symbol = glyphs::SymbolFont::of(&font.name);
        if composite {
            font.load_composite(doc, dict, descendant);
        } else {
            font.load_simple(doc, dict, &subtype, descriptor, flags);
        }
        font.with_texts()
    }

    /// Prepare the per-code tables (see [`Font::texts`](Font)).
    fn with_texts(mut self) -> Font {
        if !self.composite {
            self.texts.by_byte = vec![OnceCell::new(); 256];
            self.texts.byte_widths = (0..256)
                .map(|c| self.widths.get(&c).copied().unwrap_or(self.default_width))
                .collect();
        }
        self
    }

    /// The text of a code, worked out on its first use and then shared.
    fn cached_text(&self, code: u32) -> Option<Arc<str>> {
        if !self.composite {
            return self
                .texts
                .by_byte
                .get(code as usize)?
                .get_or_init(|| self.text(code).map(Arc::from))
                .clone();
        }
        if let Some(t) = self.texts.by_code.borrow().get(&code) {
            return t.clone();
        }
        let t: Option<Arc<str>> = self.text(code).map(Arc::from);
        let mut memo = self.texts.by_code.borrow_mut();
        if memo.len() < MAX_MEMO {
            memo.insert(code, t.clone());
        }
        t
    }

    fn load_composite(&mut self, doc: &Document, dict: &Dictionary, cid_font: Option<&Dictionary>) {
        if let Some(Object::Stream(s)) = obj::get(doc, dict, b"Encoding") {
            if let Ok(bytes) = obj::stream_data(doc, s, MAX_CMAP_BYTES) {
                self.encoding_cmap = Some(CMap::parse(&bytes));
            }
        }
        self.default_width = 1000.0;
        let Some(cid) = cid_font else { return };
        if let Some(dw) = obj::get_num(doc, cid, b"DW") {
            self.default_width = dw;
        }
        // /W [ c [w1 w2 ...]  cfirst clast w ... ]
        let Some(Object::Array(w)) = obj::get(doc, cid, b"W") else {
            return;
        };
        let items: Vec<&Object> = w.iter().filter_map(|o| obj::deref(doc, o)).collect();
        let mut i = 0;
        let mut entries = 0usize;
        while i < items.len() && entries < MAX_W_ENTRIES {
            let Some(first) = obj::num(items[i]) else {
                i += 1;
                continue;
            };
            match items.get(i + 1) {
                Some(Object::Array(ws)) => {
                    for (k, wv) in ws.iter().enumerate() {
                        if let Some(v) = obj::deref(doc, wv).and_then(obj::num) {
                            self.widths.insert(first as u32 + k as u32, v);
                            entries += 1;
                        }
                    }
                    i += 2;
                }
                Some(o) => {
                    let (Some(last), Some(v)) =
                        (obj::num(o), items.get(i + 2).and_then(|x| obj::num(x)))
                    else {
                        i += 1;
                        continue;
                    };
                    let (lo, hi) = (first.max(0.0) as u32, last.max(0.0) as u32);
                    for c in lo..=hi.min(lo.saturating_add((MAX_W_ENTRIES - entries) as u32)) {
                        self.widths.insert(c, v);
                        entries += 1;
                    }
                    i += 3;
                }
                None => break,
            }
        }
    }

    fn load_simple(
        &mut self,
        doc: &Document,
        dict: &Dictionary,
        subtype: &str,
        descriptor: Option<&Dictionary>,
        flags: u32,
    ) {
        let lower = self.name.to_ascii_lowercase();
        let symbolic_name = lower.contains("symbol")
            || lower.contains("wingding")
            || lower.contains("webding")
            || lower.contains("dingbat");
        // Flags bit 3 = Symbolic, bit 6 = Nonsymbolic.
        let symbolic = symbolic_name || (flags & 4 != 0 && flags & 32 == 0);
        let default_base = if symbolic {
            BaseEncoding::Symbol
        } else if subtype == "TrueType" {
            BaseEncoding::WinAnsi
        } else {
            BaseEncoding::Standard
        };
        let (base, differences) = match obj::get(doc, dict, b"Encoding") {
            Some(Object::Name(n)) => (base_named(n).unwrap_or(default_base), None),
            Some(o @ Object::Dictionary(d)) => {
                let _ = o;
                let base = obj::get(doc, d, b"BaseEncoding")
                    .and_then(obj::name)
                    .and_then(base_named)
                    .unwrap_or(if symbolic {
                        BaseEncoding::Symbol
                    } else {
                        default_base
                    });
                (base, obj::get(doc, d, b"Differences"))
            }
            _ => (default_base, None),
        };
        for code in 0..256u32 {
            self.simple[code as usize] = glyphs::base_char(base, code as u8).map(String::from);
        }
        // An embedded Type1 font with no base encoding named uses the one
        // in its program (§9.6.6.1): TeX's fonts give every glyph that way.
        let named_base = match obj::get(doc, dict, b"Encoding") {
            Some(Object::Name(_)) => true,
            Some(Object::Dictionary(d)) => d.get(b"BaseEncoding").is_ok(),
            _ => false,
        };
        if !named_base && subtype == "Type1" {
            // Only the clear-text head (`/Length1` bytes) holds the
            // encoding; the encrypted glyph programs after it are not
            // inflated.
            let program = descriptor.and_then(|d| match obj::get(doc, d, b"FontFile") {
                Some(Object::Stream(st)) => {
                    let clear = obj::get_num(doc, &st.dict, b"Length1")
                        .filter(|n| *n >= 1.0)
                        .map_or(MAX_CLEAR_TEXT, |n| (n as usize).min(MAX_CLEAR_TEXT));
                    obj::stream_prefix(doc, st, clear)
                }
                _ => None,
            });
            if let Some(builtin) = program.as_deref().and_then(builtin_encoding) {
                for (code, name) in builtin {
                    self.simple[code as usize] = glyphs::glyph_text(&name);
                }
            }
        }
        if let Some(Object::Array(diffs)) = differences {
            let mut code = 0usize;
            // pdfTeX's bitmap fonts name each glyph by its code ("a163"):
            // where every name is such and every code is in the upper
            // half, the font draws no letters and is TeX's text companion
            // font (TS1), whose symbols sit at their Latin-1 codes ("£" in
            // the default fonts; a text font, OT1 or T1, draws letters in
            // the lower half too).
            let mut companion = subtype == "Type3";
            let mut named = Vec::new();
            for item in diffs.iter().filter_map(|o| obj::deref(doc, o)) {
                match item {
                    Object::Integer(n) => code = (*n).clamp(0, 256) as usize,
                    Object::Name(n) => {
                        if code < 256 {
                            let name = String::from_utf8_lossy(n);
                            self.simple[code] = glyphs::glyph_text(&name);
                            companion &= code >= 0x80 && glyphs::pk_glyph_code(&name) == Some(code);
                            named.push(code);
                        }
                        code += 1;
                    }
                    _ => {}
                }
            }
            if companion {
                for code in named {
                    self.simple[code] = glyphs::ts1_symbol(code).map(String::from);
                }
            }
        }
        // Widths.
        if subtype == "Type3" {
            let m = obj::get(doc, dict, b"FontMatrix")
                .map(|o| obj::nums(doc, o))
                .unwrap_or_default();
            self.width_scale = m
                .first()
                .copied()
                .filter(|v| v.abs() > 0.0)
                .unwrap_or(0.001);
        }
        self.default_width = descriptor
            .and_then(|d| obj::get_num(doc, d, b"MissingWidth"))
            .unwrap_or(0.0);
        let first = obj::get_num(doc, dict, b"FirstChar")
            .unwrap_or(0.0)
            .max(0.0) as u32;
        let widths = obj::get(doc, dict, b"Widths")
            .map(|o| obj::nums(doc, o))
            .unwrap_or_default();
        if widths.is_empty() {
            self.standard = true;
            let (table, default) = standard_widths(&self.name);
            for (i, w) in table.iter().enumerate() {
                self.widths.insert(32 + i as u32, f64::from(*w));
            }
            if self.default_width == 0.0 {
                self.default_width = default;
            }
        } else {
            for (i, w) in widths.iter().take(256).enumerate() {
                self.widths.insert(first + i as u32, *w);
            }
        }
    }

    /// Split a shown string into glyphs.
    pub fn glyphs<'s>(&'s self, bytes: &'s [u8]) -> impl Iterator<Item = Glyph> + 's {
        let mut i = 0;
        std::iter::from_fn(move || {
            let rest = bytes.get(i..).filter(|r| !r.is_empty())?;
            let (code, len) = if self.composite {
                match &self.encoding_cmap {
                    Some(m) if !m.codespace.is_empty() => m.next_code(rest, 2),
                    _ => match &self.to_unicode {
                        // Identity-H: two bytes, whatever the ToUnicode map
                        // declares.
                        _ if rest.len() >= 2 => (u32::from(rest[0]) << 8 | u32::from(rest[1]), 2),
                        _ => (u32::from(rest[0]), 1),
                    },
                }
            } else {
                (u32::from(rest[0]), 1)
            };
            i += len.max(1);
            let w = if self.composite {
                let cid = self.encoding_cmap.as_ref().map_or(code, |m| m.cid(code));
                self.widths.get(&cid).copied().unwrap_or(self.default_width)
            } else {
                self.texts
                    .byte_widths
                    .get(code as usize)
                    .copied()
                    .unwrap_or(self.default_width)
            };
            let text = self.cached_text(code);
            let blank = self.standard && text.is_none();
            Some(Glyph {
                text,
                width: if blank { 0.0 } else { w * self.width_scale },
                is_space_code: len == 1 && code == 32,
                blank,
            })
        })
    }

    /// The text of a code, with ligature presentation forms (U+FB00 to
    /// U+FB06: "ﬁ", "ﬀ", "ﬃ", as browsers map a ligature glyph) written
    /// out as their letters, so "Oﬃcer" reads "Officer".
    fn text(&self, code: u32) -> Option<String> {
        self.raw_text(code).map(glyphs::decompose_ligatures)
    }

    fn raw_text(&self, code: u32) -> Option<String> {
        if let Some(t) = self.to_unicode.as_ref().and_then(|m| m.unicode.get(&code)) {
            if !t.is_empty() {
                let mapped: String = t
                    .chars()
                    .map(|c| glyphs::private_use_bullet(c).unwrap_or(c))
                    .collect();
                return Some(mapped);
            }
        }
        if let Some(b) = self.symbol.and_then(|f| f.bullet(code)) {
            return Some(b.to_string());
        }
        if !self.composite {
            if let Some(t) = self.simple.get(code as usize).and_then(Clone::clone) {
                return Some(t);
            }
        }
        None
    }
}

fn base_named(n: &[u8]) -> Option<BaseEncoding> {
    match n {
        b"WinAnsiEncoding" => Some(BaseEncoding::WinAnsi),
        b"MacRomanEncoding" | b"MacExpertEncoding" => Some(BaseEncoding::MacRoman),
        b"StandardEncoding" => Some(BaseEncoding::Standard),
        _ => None,
    }
}

/// AFM advance widths of codes 32..=126 of the standard fonts (Adobe Core
/// 14 metrics), and a default for other codes.
fn standard_widths(name: &str) -> (&'static [u16], f64) {
    const HELVETICA: [u16; 95] = [
        278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556,
        556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722,
        722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722,
        667, 944, 667, 667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556, 556, 278, 556,
        556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500,
        500, 334, 260, 334, 584,
    ];
    const HELVETICA_BOLD: [u16; 95] = [
        278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556,
        556, 556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611, 975, 722, 722, 722,
        722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778, 667, 778, 722, 667, 611, 722,
        667, 944, 667, 667, 611, 333, 278, 333, 584, 556, 333, 556, 611, 556, 611, 556, 333, 611,
        611, 278, 278, 556, 278, 889, 611, 611, 611, 611, 389, 556, 333, 611, 556, 778, 556, 556,
        500, 389, 280, 389, 584,
    ];
    const TIMES: [u16; 95] = [
        250, 333, 408, 500, 500, 833, 778, 180, 333, 333, 500, 564, 250, 333, 250, 278, 500, 500,
        500, 500, 500, 500, 500, 500, 500, 500, 278, 278, 564, 564, 564, 444, 921, 722, 667, 667,
        722, 611, 556, 722, 722, 333, 389, 722, 611, 889, 722, 722, 556, 722, 667, 556, 611, 722,
        722, 944, 722, 722, 611, 333, 278, 333, 469, 500, 333, 444, 500, 444, 500, 444, 333, 500,
        500, 278, 278, 500, 278, 778, 500, 500, 500, 500, 333, 389, 278, 500, 500, 722, 500, 500,
        444, 480, 200, 480, 541,
    ];
    const TIMES_BOLD: [u16; 95] = [
        250, 333, 555, 500, 500, 1000, 833, 278, 333, 333, 500, 570, 250, 333, 250, 278, 500, 500,
        500, 500, 500, 500, 500, 500, 500, 500, 333, 333, 570, 570, 570, 500, 930, 722, 667, 722,
        722, 667, 611, 778, 778, 389, 500, 778, 667, 944, 722, 778, 611, 778, 722, 556, 667, 722,
        722, 1000, 722, 722, 667, 333, 278, 333, 581, 500, 333, 500, 556, 444, 556, 444, 333, 500,
        556, 278, 333, 556, 278, 833, 556, 500, 556, 556, 444, 389, 333, 556, 500, 722, 500, 500,
        444, 394, 220, 394, 520,
    ];
    const COURIER: [u16; 95] = [600; 95];
    let lower = name.to_ascii_lowercase();
    let bold = lower.contains("bold");
    if lower.contains("courier") || lower.contains("mono") {
        (&COURIER, 600.0)
    } else if lower.contains("times") || lower.contains("serif") && !lower.contains("sans") {
        (if bold { &TIMES_BOLD } else { &TIMES }, 500.0)
    } else {
        (if bold { &HELVETICA_BOLD } else { &HELVETICA }, 556.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_type1_program_gives_its_builtin_encoding() {
        let program = b"%!PS-AdobeFont-1.0: CMR10\n/Encoding 256 array\n0 1 255 \
            {1 index exch /.notdef put} for\ndup 11 /ff put\ndup 65 /A put\nreadonly def\n\
            currentfile eexec\x80\x01dup 66 /B put";
        assert_eq!(
            builtin_encoding(program),
            Some(vec![(11, "ff".to_string()), (65, "A".to_string())])
        );
        assert_eq!(builtin_encoding(b"/Encoding StandardEncoding def"), None);
    }
    use lopdf::{dictionary, Stream};

    #[test]
    fn simple_font_with_differences_and_widths() {
        let mut doc = Document::with_version("1.5");
        let enc = doc.add_object(dictionary! {
            "Type" => "Encoding",
            "BaseEncoding" => "WinAnsiEncoding",
            "Differences" => vec![Object::Integer(65), "bullet".into(), "eacute".into()],
        });
        let font = dictionary! {
            "Type" => "Font", "Subtype" => "TrueType", "BaseFont" => "ABCDEF+Arial-BoldMT",
            "FirstChar" => 65, "Widths" => vec![Object::Integer(350), Object::Integer(556)],
            "Encoding" => enc,
        };
        let f = Font::load(&doc, &font);
        assert_eq!(f.name, "Arial-BoldMT");
        assert!(f.bold);
        let g: Vec<Glyph> = f.glyphs(b"AB C").collect();
        assert_eq!(g[0].text.as_deref(), Some("•"));
        assert_eq!(g[1].text.as_deref(), Some("é"));
        assert!((g[1].width - 0.556).abs() < 1e-9);
        assert!(g[2].is_space_code);
        assert_eq!(g[3].text.as_deref(), Some("C"));
    }

    #[test]
    fn a_pdftex_bitmap_companion_font_gives_its_symbols() {
        // `\pounds` in pdfLaTeX's default fonts: a Type3 font (a PK
        // bitmap) drawing code 163, named "a163", no ToUnicode.
        let mut doc = Document::with_version("1.5");
        let type3 = |doc: &mut Document, diffs: Vec<Object>| {
            let enc = doc.add_object(dictionary! {
                "Type" => "Encoding", "Differences" => diffs,
            });
            let font = dictionary! {
                "Type" => "Font", "Subtype" => "Type3",
                "FontMatrix" => vec![0.01.into(), 0.into(), 0.into(), 0.01.into(), 0.into(), 0.into()],
                "FirstChar" => 65, "Widths" => vec![Object::Integer(50); 200],
                "Encoding" => enc,
            };
            Font::load(doc, &font)
        };
        let f = type3(&mut doc, vec![Object::Integer(163), "a163".into()]);
        let g: Vec<Glyph> = f.glyphs(&[163]).collect();
        assert_eq!(g[0].text.as_deref(), Some("£"));
        // A text font drawn the same way (T1: 163 is "č") draws letters
        // in the lower half too: its upper half is not read as symbols.
        let f = type3(
            &mut doc,
            vec![
                Object::Integer(65),
                "a65".into(),
                Object::Integer(163),
                "a163".into(),
            ],
        );
        let g: Vec<Glyph> = f.glyphs(&[163]).collect();
        assert_ne!(g[0].text.as_deref(), Some("£"));
    }

    #[test]
    fn type0_identity_with_to_unicode_and_w() {
        let mut doc = Document::with_version("1.5");
        let tu = doc.add_object(Stream::new(
            dictionary! {},
            b"1 begincodespacerange <0000> <FFFF> endcodespacerange
              1 beginbfchar <0005> <0048> endbfchar
              1 beginbfrange <0010> <0011> <0069> endbfrange"
                .to_vec(),
        ));
        let cid = doc.add_object(dictionary! {
            "Type" => "Font", "Subtype" => "CIDFontType2", "BaseFont" => "Calibri",
            "DW" => 700,
            "W" => vec![Object::Integer(5), Object::Array(vec![Object::Integer(600)]),
                        Object::Integer(16), Object::Integer(17), Object::Integer(250)],
        });
        let font = dictionary! {
            "Type" => "Font", "Subtype" => "Type0", "BaseFont" => "Calibri",
            "Encoding" => "Identity-H", "DescendantFonts" => vec![Object::Reference(cid)],
            "ToUnicode" => tu,
        };
        let f = Font::load(&doc, &font);
        let g: Vec<Glyph> = f.glyphs(&[0, 5, 0, 0x10, 0, 0x11, 0, 0x99]).collect();
        let texts: Vec<Option<&str>> = g.iter().map(|g| g.text.as_deref()).collect();
        assert_eq!(texts, [Some("H"), Some("i"), Some("j"), None]);
        let widths: Vec<f64> = g.iter().map(|g| (g.width * 1000.0).round()).collect();
        assert_eq!(widths, [600.0, 250.0, 250.0, 700.0]);
    }

    #[test]
    fn standard_font_without_widths_uses_afm_metrics() {
        let doc = Document::with_version("1.5");
        let font =
            dictionary! { "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica" };
        let f = Font::load(&doc, &font);
        let g: Vec<Glyph> = f.glyphs(b"Wi'").collect();
        assert!((g[0].width - 0.944).abs() < 1e-9);
        assert!((g[1].width - 0.222).abs() < 1e-9);
        assert_eq!(g[2].text.as_deref(), Some("’"));
    }
}
