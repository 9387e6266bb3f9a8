//! Content-stream tokens: operands and operators (PDF 32000-1 §7.2, §7.8.2).
//!
//! Our own lexer rather than lopdf's `Content::decode`, for two reasons: it
//! never fails (a byte it cannot read is skipped, so a page with garbage in
//! its content stream still gives whatever text precedes and follows the
//! garbage), and it is bounded (array nesting, operand count, string length),
//! so any input finishes in time linear in its length.

use smallvec::SmallVec;

/// The bytes of a name or string operand: kept inline up to 16 bytes (a
/// TJ array from LibreOffice or Word holds one short string per glyph or
/// kerning pair), so most operands cost no allocation.
pub type Bytes = SmallVec<[u8; 16]>;

/// One operand of a content-stream operator.
#[derive(Debug, Clone, PartialEq)]
pub enum Operand {
    /// An integer or real number.
    Num(f64),
    /// A name, without its slash, escapes (`#20`) decoded.
    Name(Bytes),
    /// A literal or hexadecimal string, decoded to bytes.
    Str(Bytes),
    /// An array (used by TJ, d, and marked-content properties).
    Array(Vec<Operand>),
    /// A dictionary (inline image parameters, marked-content properties):
    /// only its `/MCID` is kept (the marked-content id of tagged PDFs).
    Dict {
        /// The integer under `/MCID`, if there is one.
        mcid: Option<u32>,
    },
    /// `true`, `false`, `null`: not needed, consumed.
    Other,
}

impl Operand {
    /// The number, if this is one.
    pub fn num(&self) -> Option<f64> {
        match self {
            Operand::Num(n) if n.is_finite() => Some(*n),
            _ => None,
        }
    }
}

/// Deepest array/dictionary nesting kept; deeper input is skipped.
const MAX_NESTING: usize = 16;
/// Operands kept before an operator; when there are more, the older half is
/// dropped (a content-stream operator takes at most a handful; a CMap block
/// of 100 ranges takes 300).
const MAX_OPERANDS: usize = 1024;
/// Items kept in one array (a TJ array of a very long line has a few
/// thousand).
const MAX_ARRAY: usize = 1 << 16;

/// A lexer over one decoded content stream.
pub struct Lexer<'a> {
    buf: &'a [u8],
    pos: usize,
    /// Emptied array vectors of earlier operators, reused: a page of text
    /// is thousands of TJ arrays.
    spare: Vec<Vec<Operand>>,
}

/// PDF white space (ISO 32000-1, 7.2.2); the prescan shares these classes.
pub(super) fn is_white(b: u8) -> bool {
    matches!(b, b' ' | b'\n' | b'\r' | b'\t' | b'\x0c' | b'\0')
}

fn is_delim(b: u8) -> bool {
    matches!(
        b,
        b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
    )
}

/// Neither white space nor a delimiter.
pub(super) fn is_regular(b: u8) -> bool {
    !is_white(b) && !is_delim(b)
}

impl<'a> Lexer<'a> {
    /// Start at the beginning of `buf`.
    pub fn new(buf: &'a [u8]) -> Self {
        Lexer {
            buf,
            pos: 0,
            spare: Vec::new(),
        }
    }

    fn peek(&self) -> Option<u8> {
        self.buf.get(self.pos).copied()
    }

    fn skip_white(&mut self) {
        while let Some(b) = self.peek() {
            if is_white(b) {
                self.pos += 1;
            } else if b == b'%' {
                while let Some(b) = self.peek() {
                    if b == b'\n' || b == b'\r' {
                        break;
                    }
                    self.pos += 1;
                }
            } else {
                break;
            }
        }
    }

    /// The next operator, with its operands in `operands` (cleared first).
    /// `None` at the end of the stream.
    pub fn next_op(&mut self, operands: &mut Vec<Operand>) -> Option<&'a [u8]> {
        for o in operands.drain(..) {
            if let Operand::Array(mut items) = o {
                if self.spare.len() < 4 && items.capacity() <= 4096 {
                    items.clear();
                    self.spare.push(items);
                }
            }
        }
        loop {
            self.skip_white();
            let b = self.peek()?;
            if is_regular(b) {
                let start = self.pos;
                while self.peek().is_some_and(is_regular) {
                    self.pos += 1;
                }
                let buf: &'a [u8] = self.buf;
                let word = &buf[start..self.pos];
                if let Some(n) = parse_number(word) {
                    push(operands, Operand::Num(n));
                    continue;
                }
                match word {
                    b"true" | b"false" | b"null" => {
                        push(operands, Operand::Other);
                        continue;
                    }
                    _ => {}
                }
                if word == b"ID" {
                    self.skip_inline_image();
                    operands.clear();
                    continue;
                }
                return Some(word);
            }
            match self.object(0) {
                Some(o) => push(operands, o),
                None => {
                    // A stray delimiter (`)`, `>`, `]`, `}`): skip it.
                    self.pos += 1;
                }
            }
        }
    }

    /// One operand starting at a delimiter, or `None` for a stray delimiter.
    fn object(&mut self, depth: usize) -> Option<Operand> {
        self.skip_white();
        let b = self.peek()?;
        match b {
            b'/' => {
                self.pos += 1;
                let start = self.pos;
                while self.peek().is_some_and(is_regular) {
                    self.pos += 1;
                }
                Some(Operand::Name(decode_name(&self.buf[start..self.pos])))
            }
            b'(' => {
                self.pos += 1;
                Some(Operand::Str(self.literal_string()))
            }
            b'<' if self.buf.get(self.pos + 1) == Some(&b'<') => {
                self.pos += 2;
                let mcid = self.dict(depth);
                Some(Operand::Dict { mcid })
            }
            b'<' => {
                self.pos += 1;
                Some(Operand::Str(self.hex_string()))
            }
            b'[' => {
                self.pos += 1;
                Some(Operand::Array(self.array(depth)))
            }
            _ if is_regular(b) => {
                let start = self.pos;
                while self.peek().is_some_and(is_regular) {
                    self.pos += 1;
                }
                let word = &self.buf[start..self.pos];
                Some(parse_number(word).map_or(Operand::Other, Operand::Num))
            }
            _ => None,
        }
    }

    fn array(&mut self, depth: usize) -> Vec<Operand> {
        let mut items = self.spare.pop().unwrap_or_default();
        loop {
            self.skip_white();
            match self.peek() {
                None => return items,
                Some(b']') => {
                    self.pos += 1;
                    return items;
                }
                Some(_) if depth >= MAX_NESTING => {
                    self.pos += 1;
                }
                Some(_) => match self.object(depth + 1) {
                    Some(o) => {
                        if items.len() < MAX_ARRAY {
                            items.push(o);
                        }
                    }
                    None => self.pos += 1,
                },
            }
        }
    }

    /// Consume a dictionary's entries; returns its `/MCID` value.
    fn dict(&mut self, depth: usize) -> Option<u32> {
        let mut mcid = None;
        let mut after_mcid_key = false;
        loop {
            self.skip_white();
            match self.peek() {
                None => return mcid,
                Some(b'>') if self.buf.get(self.pos + 1) == Some(&b'>') => {
                    self.pos += 2;
                    return mcid;
                }
                Some(_) if depth >= MAX_NESTING => self.pos += 1,
                Some(_) => match self.object(depth + 1) {
                    Some(Operand::Name(n)) => after_mcid_key = n.as_slice() == b"MCID",
                    Some(Operand::Num(v)) if after_mcid_key => {
                        if v >= 0.0 && v <= f64::from(u32::MAX) && v.fract() == 0.0 {
                            mcid = Some(v as u32);
                        }
                        after_mcid_key = false;
                    }
                    Some(_) => after_mcid_key = false,
                    None => self.pos += 1,
                },
            }
        }
    }

    fn literal_string(&mut self) -> Bytes {
        let mut out = Bytes::new();
        let mut level = 1usize;
        loop {
            // Copy the run of plain bytes at once.
            let rest = &self.buf[self.pos..];
            let plain = rest
                .iter()
                .position(|b| matches!(b, b'(' | b')' | b'\\'))
                .unwrap_or(rest.len());
            out.extend_from_slice(&rest[..plain]);
            self.pos += plain;
            let Some(b) = self.peek() else { break };
            self.pos += 1;
            match b {
                b'(' => {
                    level += 1;
                    out.push(b);
                }
                b')' => {
                    level -= 1;
                    if level == 0 {
                        break;
                    }
                    out.push(b);
                }
                b'\\' => {
                    let Some(e) = self.peek() else { break };
                    self.pos += 1;
                    match e {
                        b'n' => out.push(b'\n'),
                        b'r' => out.push(b'\r'),
                        b't' => out.push(b'\t'),
                        b'b' => out.push(8),
                        b'f' => out.push(12),
                        b'\r' => {
                            if self.peek() == Some(b'\n') {
                                self.pos += 1;
                            }
                        }
                        b'\n' => {}
                        b'0'..=b'7' => {
                            let mut v = u32::from(e - b'0');
                            for _ in 0..2 {
                                match self.peek() {
                                    Some(d @ b'0'..=b'7') => {
                                        v = v * 8 + u32::from(d - b'0');
                                        self.pos += 1;
                                    }
                                    _ => break,
                                }
                            }
                            out.push((v & 0xFF) as u8);
                        }
                        other => out.push(other),
                    }
                }
                _ => out.push(b),
            }
        }
        out
    }

    fn hex_string(&mut self) -> Bytes {
        let mut out = Bytes::new();
        let mut high: Option<u8> = None;
        while let Some(b) = self.peek() {
            self.pos += 1;
            let v = match b {
                b'>' => break,
                b'0'..=b'9' => b - b'0',
                b'a'..=b'f' => b - b'a' + 10,
                b'A'..=b'F' => b - b'A' + 10,
                _ => continue,
            };
            match high.take() {
                Some(h) => out.push(h << 4 | v),
                None => high = Some(v),
            }
        }
        if let Some(h) = high {
            out.push(h << 4);
        }
        out
    }

    /// Skip inline image data after `ID` up to and including `EI`
    /// (§8.9.7): the data is binary, so look for `EI` between white space.
    fn skip_inline_image(&mut self) {
        let data = &self.buf[self.pos..];
        let mut i = 1;
        while i + 2 <= data.len() {
            if &data[i..i + 2] == b"EI"
                && is_white(data[i - 1])
                && data.get(i + 2).is_none_or(|&b| is_white(b))
            {
                self.pos += i + 2;
                return;
            }
            i += 1;
        }
        self.pos = self.buf.len();
    }
}

fn push(operands: &mut Vec<Operand>, o: Operand) {
    if operands.len() >= MAX_OPERANDS {
        operands.drain(..MAX_OPERANDS / 2);
    }
    operands.push(o);
}

/// A PDF number (`12`, `-3.5`, `.5`, `4.`), or `None`.
fn parse_number(word: &[u8]) -> Option<f64> {
    let first = *word.first()?;
    if !(first.is_ascii_digit() || matches!(first, b'+' | b'-' | b'.')) {
        return None;
    }
    if let Some(n) = simple_decimal(word) {
        return Some(n);
    }
    if !word
        .iter()
        .all(|b| b.is_ascii_digit() || matches!(b, b'+' | b'-' | b'.'))
    {
        return None;
    }
    let s = std::str::from_utf8(word).ok()?;
    if let Ok(n) = s.parse::<f64>() {
        return Some(n);
    }
    // Writers emit oddities such as `--5` or `1.2.3`; keep the leading part.
    let trimmed: String = {
        let mut out = String::new();
        let mut seen_dot = false;
        for (i, c) in s.chars().enumerate() {
            match c {
                '-' | '+' if i == 0 => out.push(c),
                '-' | '+' => {}
                '.' if !seen_dot => {
                    seen_dot = true;
                    out.push(c);
                }
                '.' => break,
                d => out.push(d),
            }
        }
        out
    };
    trimmed.parse::<f64>().ok().or(Some(0.0))
}

/// The common case of [`parse_number`] without going through `str`: an
/// optional `-`, digits, and at most one `.` with digits around it, 15
/// significant digits at most. Then digits / 10^decimals is exact and
/// correctly rounded (both are exact doubles), the value `str::parse` gives.
fn simple_decimal(word: &[u8]) -> Option<f64> {
    let (negative, body) = match word.split_first()? {
        (b'-', rest) => (true, rest),
        _ => (false, word),
    };
    let mut mantissa: u64 = 0;
    let mut digits = 0u32;
    let mut decimals: Option<u32> = None;
    for &b in body {
        match b {
            b'0'..=b'9' => {
                mantissa = mantissa * 10 + u64::from(b - b'0');
                digits += 1;
                if let Some(d) = &mut decimals {
                    *d += 1;
                }
                if digits > 15 {
                    return None;
                }
            }
            b'.' if decimals.is_none() => decimals = Some(0),
            _ => return None,
        }
    }
    if digits == 0 {
        return None;
    }
    const POW10: [f64; 16] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
    ];
    let value = mantissa as f64 / POW10[decimals.unwrap_or(0) as usize];
    Some(if negative { -value } else { value })
}

/// A name's bytes with `#xx` escapes decoded.
pub fn decode_name(raw: &[u8]) -> Bytes {
    let mut out = Bytes::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        if raw[i] == b'#' && i + 3 <= raw.len() {
            if let Ok(v) =
                u8::from_str_radix(std::str::from_utf8(&raw[i + 1..i + 3]).unwrap_or("zz"), 16)
            {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(raw[i]);
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ops(src: &[u8]) -> Vec<(String, Vec<Operand>)> {
        let mut lx = Lexer::new(src);
        let mut operands = Vec::new();
        let mut out = Vec::new();
        while let Some(op) = lx.next_op(&mut operands) {
            out.push((String::from_utf8_lossy(op).into_owned(), operands.clone()));
        }
        out
    }

    #[test]
    fn reads_operators_with_their_operands() {
        let got =
            ops(b"BT /F1 12 Tf 1 0 0 1 72.5 -.5 Tm (a\\(b\\)\\101) Tj [<0041> -250 (c)] TJ ET");
        assert_eq!(got[0].0, "BT");
        assert_eq!(
            got[1],
            (
                "Tf".into(),
                vec![Operand::Name(Bytes::from_slice(b"F1")), Operand::Num(12.0)]
            )
        );
        assert_eq!(got[2].1[5], Operand::Num(-0.5));
        assert_eq!(got[3].1, vec![Operand::Str(Bytes::from_slice(b"a(b)A"))]);
        assert_eq!(
            got[4].1,
            vec![Operand::Array(vec![
                Operand::Str(Bytes::from_slice(&[0, 0x41])),
                Operand::Num(-250.0),
                Operand::Str(Bytes::from_slice(b"c"))
            ])]
        );
        assert_eq!(got[5].0, "ET");
    }

    #[test]
    fn skips_inline_images_comments_and_garbage() {
        let got = ops(b"q % comment\nBI /W 2 /H 2 ID \x00\xff\x10EI\x01 EI Q ) ] } 5 w");
        let names: Vec<&str> = got.iter().map(|(o, _)| o.as_str()).collect();
        assert_eq!(names, ["q", "BI", "Q", "w"]);
        assert_eq!(got[3].1, vec![Operand::Num(5.0)]);
    }

    #[test]
    fn deep_nesting_and_unterminated_input_end() {
        let mut deep = vec![b'['; 100_000];
        deep.extend_from_slice(b"1 2 3");
        assert!(ops(&deep).is_empty());
        assert_eq!(ops(b"(never closed").len(), 0);
        assert_eq!(decode_name(b"A#20B").as_slice(), b"A B");
    }

    #[test]
    fn marked_content_properties_keep_their_mcid() {
        let got = ops(b"/P <</Lang (en) /MCID 7>> BDC /Span <</ActualText <FEFF>>> BDC EMC EMC");
        assert_eq!(got[0].0, "BDC");
        assert!(matches!(got[0].1[1], Operand::Dict { mcid: Some(7) }));
        assert!(matches!(got[1].1[1], Operand::Dict { mcid: None }));
        // A value that is not a whole number is not an id.
        let got = ops(b"/P <</MCID 1.5>> BDC");
        assert!(matches!(got[0].1[1], Operand::Dict { mcid: None }));
    }

    #[test]
    fn the_fast_number_path_gives_what_str_parse_gives() {
        let samples = [
            "0",
            "-0",
            "12",
            "-3.5",
            ".5",
            "4.",
            "-.25",
            "0.1",
            "612.0",
            "841.89",
            "0.000001",
            "123456789012345",
            "1.23456789012345",
            "-98765.4321",
            "3.14159",
            "0.3",
            "99.99",
        ];
        for s in samples {
            let want: f64 = s.parse().expect("a number");
            let got = simple_decimal(s.as_bytes()).expect("fast path");
            assert_eq!(got.to_bits(), want.to_bits(), "{s}");
            assert_eq!(parse_number(s.as_bytes()), Some(want), "{s}");
        }
        // Outside the fast path: the general one, oddities included.
        for s in ["+5", "1234567890123456", "1.2.3", "--5", "."] {
            assert_eq!(simple_decimal(s.as_bytes()), None, "{s}");
        }
        assert_eq!(parse_number(b"+5"), Some(5.0));
        assert_eq!(parse_number(b"1.2.3"), Some(1.2));
        assert_eq!(parse_number(b"--5"), Some(-5.0));
        assert_eq!(
            parse_number(b"1234567890123456"),
            Some(1_234_567_890_123_456.0)
        );
    }

    #[test]
    fn literal_strings_keep_nested_parentheses_and_escapes() {
        let got = ops(br"(a (b) c\\ \(d\) \101\n) Tj");
        assert_eq!(
            got[0].1,
            vec![Operand::Str(Bytes::from_slice(b"a (b) c\\ (d) A\n"))]
        );
    }
}
