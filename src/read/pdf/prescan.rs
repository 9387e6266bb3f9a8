//! Checks on a PDF's raw bytes before lopdf reads them.
//!
//! **Page counts.** lopdf drops a whole object when one of its integers
//! overflows an `i64`, so a page tree root saying `/Count
//! 99999999999999999999` took every page with it. The page count is never
//! read (the page tree is counted), so [`tame_counts`] blanks such a
//! `/Count` value, byte for byte (offsets stay right), before parsing.
//!
//! **Cross-reference streams.**
//! lopdf believes a cross-reference stream's dictionary: it allocates a
//! buffer as wide as each `/W` field claims (`/W [1 2147483647 1]` is a
//! 2 GiB allocation, `/W [1 99999999999 1]` an abort), reads as many entries
//! as `/Index` (or `/Size`) declares, and with `/W [0 0 0]` reads them from
//! no data at all, two billion times over. So every stream lopdf could take
//! for a cross-reference stream is found first, the way lopdf finds them
//! (at the offsets that `startxref`, `/Prev` and `/XRefStm` give), and its
//! dictionary checked against the data the stream holds.
//!
//! The scan is bounded: at most [`MAX_SECTIONS`] offsets, a dictionary of at
//! most [`MAX_DICT`] bytes each, and stream data inflated no further than the
//! caller's limit.

use std::io::Read;

use super::lexer::{is_regular, is_white};

/// Offsets looked at, at most (a file can chain `/Prev` sections, and
/// `/Prev` also names outline items: each is looked at once).
const MAX_SECTIONS: usize = 4096;
/// Bytes of an object's dictionary read, at most.
const MAX_DICT: usize = 64 << 10;
/// The widest field of a cross-reference entry (an offset in a file is
/// never wider than 8 bytes).
const MAX_FIELD: i128 = 8;

/// The bytes with every `/Count` whose integer overflows an `i64` written
/// as `0` and spaces (same length); the bytes themselves when there is none.
pub fn tame_counts(bytes: &[u8]) -> std::borrow::Cow<'_, [u8]> {
    let mut out = std::borrow::Cow::Borrowed(bytes);
    for at in memchr::memmem::find_iter(bytes, b"/Count") {
        let mut start = at + b"/Count".len();
        while bytes.get(start).is_some_and(|b| is_white(*b)) {
            start += 1;
        }
        let mut end = start;
        if bytes.get(end).is_some_and(|b| *b == b'+' || *b == b'-') {
            end += 1;
        }
        while bytes.get(end).is_some_and(u8::is_ascii_digit) {
            end += 1;
        }
        let token = &bytes[start..end];
        if start == at + b"/Count".len() || token.len() < 19 {
            continue;
        }
        let fits = std::str::from_utf8(token)
            .ok()
            .and_then(|t| t.parse::<i64>().ok())
            .is_some();
        if !fits {
            let o = out.to_mut();
            o[start] = b'0';
            for b in &mut o[start + 1..end] {
                *b = b' ';
            }
        }
    }
    out
}

/// A dictionary value, as far as the check needs it.
#[derive(Debug, Clone, PartialEq)]
enum Val {
    /// An integer (saturated far beyond anything meaningful).
    Int(i128),
    /// An array of values.
    Array(Vec<Val>),
    /// A name, without its slash.
    Name(Vec<u8>),
    /// Anything else (reals, strings, references, dictionaries).
    Other,
}

/// Check every cross-reference stream the file points at, and the object
/// streams' inflated size. `Err` is the message for the user: what the
/// stream claims and why it cannot be so.
pub fn check(bytes: &[u8], max_inflate: usize) -> Result<(), String> {
    for offset in candidate_offsets(bytes) {
        check_at(bytes, offset, max_inflate)?;
    }
    check_object_streams(bytes, max_inflate)
}

/// lopdf inflates every object stream (`/Type /ObjStm`) in full, without a
/// limit, as it loads the file: a 300 KB file whose object stream inflates
/// to 300 MB cost 380 MB. Their inflated sizes together stay within
/// `max_total`.
fn check_object_streams(bytes: &[u8], max_total: usize) -> Result<(), String> {
    let mut left = max_total;
    let mut seen = Vec::new();
    for at in memchr::memmem::find_iter(bytes, b"/ObjStm") {
        if bytes
            .get(at + b"/ObjStm".len())
            .is_some_and(|b| is_regular(*b))
        {
            continue;
        }
        // The object's start: back to `obj`, then over `N G`.
        let from = at.saturating_sub(MAX_DICT);
        let Some(obj) = memchr::memmem::rfind(&bytes[from..at], b"obj") else {
            continue;
        };
        let mut start = from + obj;
        let mut fields = 0;
        while fields < 2 {
            while start > 0 && is_white(bytes[start - 1]) {
                start -= 1;
            }
            let end = start;
            while start > 0 && bytes[start - 1].is_ascii_digit() {
                start -= 1;
            }
            if start == end {
                break;
            }
            fields += 1;
        }
        if fields < 2 || seen.contains(&start) {
            continue;
        }
        seen.push(start);
        let end = bytes.len().min(start.saturating_add(MAX_DICT));
        let mut p = Parser {
            buf: &bytes[..end],
            pos: start,
        };
        let (_, _) = (p.value(0), p.value(0));
        p.skip_white();
        if !p.rest().starts_with(b"obj") {
            continue;
        }
        p.pos += 3;
        p.skip_white();
        let Some(dict) = p.dict(0) else { continue };
        p.skip_white();
        if !p.rest().starts_with(b"stream") {
            continue;
        }
        match stream_data_len(bytes, p.pos, start, &dict, left) {
            Ok(Some(n)) => left -= n,
            Ok(None) => {}
            Err(_) => {
                return Err(format!(
                    "its object streams inflate past the limit of {max_total} bytes in all (a bomb?); the one at byte {start} passes it"
                ))
            }
        }
    }
    Ok(())
}

/// The offsets after `startxref`, `/Prev` and `/XRefStm`, once each.
fn candidate_offsets(bytes: &[u8]) -> Vec<usize> {
    let mut out = Vec::new();
    for key in [&b"startxref"[..], b"/Prev", b"/XRefStm"] {
        for at in memchr::memmem::find_iter(bytes, key) {
            let after = at + key.len();
            // A name or keyword ends at a delimiter or white space.
            if bytes.get(after).is_some_and(|b| is_regular(*b)) {
                continue;
            }
            let mut p = Parser {
                buf: bytes,
                pos: after,
            };
            if let Some(Val::Int(n)) = p.value(0) {
                if let Ok(n) = usize::try_from(n) {
                    if n < bytes.len() && !out.contains(&n) {
                        out.push(n);
                        if out.len() >= MAX_SECTIONS {
                            return out;
                        }
                    }
                }
            }
        }
    }
    out
}

/// Check the object at `offset` if it is a stream with a `/W` entry (the
/// only streams lopdf decodes as cross-references without failing first).
fn check_at(bytes: &[u8], offset: usize, max_inflate: usize) -> Result<(), String> {
    let end = bytes.len().min(offset.saturating_add(MAX_DICT));
    let mut p = Parser {
        buf: &bytes[..end],
        pos: offset,
    };
    // `N G obj`
    if !matches!(p.value(0), Some(Val::Int(_))) || !matches!(p.value(0), Some(Val::Int(_))) {
        return Ok(());
    }
    p.skip_white();
    if !p.rest().starts_with(b"obj") {
        return Ok(());
    }
    p.pos += 3;
    p.skip_white();
    let Some(dict) = p.dict(0) else {
        return Ok(());
    };
    p.skip_white();
    if !p.rest().starts_with(b"stream") {
        return Ok(());
    }
    let get = |k: &[u8]| dict.iter().find(|(key, _)| key == k).map(|(_, v)| v);
    let Some(w) = get(b"W") else {
        return Ok(());
    };
    let what = format!("the cross-reference stream at byte {offset}");
    let widths: Vec<i128> = match w {
        Val::Array(items) => items
            .iter()
            .map(|v| match v {
                Val::Int(n) => *n,
                _ => -1,
            })
            .collect(),
        _ => Vec::new(),
    };
    if widths.len() < 3 {
        // lopdf refuses it itself.
        return Ok(());
    }
    let w_text = format!("/W [{}]", join(&widths));
    if let Some(bad) = widths.iter().find(|n| !(0..=MAX_FIELD).contains(*n)) {
        return Err(format!(
            "{what} declares an entry field of {bad} bytes ({w_text}); a field is at most {MAX_FIELD} bytes"
        ));
    }
    let entry: i128 = widths.iter().take(3).sum();
    // The sections: /Index pairs, or one section of /Size entries.
    let (counts, source) = match get(b"Index") {
        Some(Val::Array(items)) => {
            let nums: Vec<i128> = items
                .iter()
                .map(|v| match v {
                    Val::Int(n) => *n,
                    _ => -1,
                })
                .collect();
            if let Some(bad) = nums
                .iter()
                .find(|n| !(0..=i128::from(u32::MAX)).contains(*n))
            {
                return Err(format!(
                    "{what} has {bad} in its /Index [{}], which is no object number or count",
                    join(&nums)
                ));
            }
            let counts: Vec<i128> = nums.chunks(2).filter_map(|c| c.get(1).copied()).collect();
            (counts, format!("/Index [{}]", join(&nums)))
        }
        _ => match get(b"Size") {
            Some(Val::Int(n)) => (vec![*n], format!("/Size {n}")),
            // lopdf refuses a missing /Size itself.
            _ => return Ok(()),
        },
    };
    let declared: i128 = counts.iter().sum();
    if declared == 0 {
        return Ok(());
    }
    if entry == 0 {
        return Err(format!(
            "{what} declares {declared} entries of 0 bytes each ({w_text}, {source})"
        ));
    }
    // How many entries the stream's data can hold.
    let Some(data_len) = stream_data_len(bytes, p.pos, offset, &dict, max_inflate)? else {
        // A filter we do not measure: lopdf decodes it, and fails at the
        // end of the data (the entry width is at least one byte).
        return Ok(());
    };
    let held = data_len as i128 / entry;
    if declared > held {
        return Err(format!(
            "{what} declares {declared} entries ({source}) but holds {held} ({data_len} bytes of {entry}-byte entries)"
        ));
    }
    Ok(())
}

fn join(nums: &[i128]) -> String {
    nums.iter()
        .map(i128::to_string)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Deepest nesting of arrays and dictionaries read.
const MAX_DEPTH: usize = 32;

struct Parser<'a> {
    buf: &'a [u8],
    pos: usize,
}

impl Parser<'_> {
    fn rest(&self) -> &[u8] {
        self.buf.get(self.pos..).unwrap_or(&[])
    }

    fn peek(&self) -> Option<u8> {
        self.buf.get(self.pos).copied()
    }

    fn skip_white(&mut self) {
        while let Some(b) = self.peek() {
            if is_white(b) {
                self.pos += 1;
            } else if b == b'%' {
                while self.peek().is_some_and(|b| b != b'\n' && b != b'\r') {
                    self.pos += 1;
                }
            } else {
                break;
            }
        }
    }

    /// One value; `None` at the end, on a closing delimiter, or too deep.
    fn value(&mut self, depth: usize) -> Option<Val> {
        self.skip_white();
        let b = self.peek()?;
        match b {
            b'/' => {
                self.pos += 1;
                let start = self.pos;
                while self.peek().is_some_and(is_regular) {
                    self.pos += 1;
                }
                Some(Val::Name(self.buf[start..self.pos].to_vec()))
            }
            b'[' => {
                self.pos += 1;
                if depth >= MAX_DEPTH {
                    return None;
                }
                let mut items = Vec::new();
                loop {
                    self.skip_white();
                    match self.peek()? {
                        b']' => {
                            self.pos += 1;
                            return Some(Val::Array(items));
                        }
                        _ => items.push(self.value(depth + 1)?),
                    }
                }
            }
            b'<' if self.rest().starts_with(b"<<") => {
                self.dict(depth)?;
                Some(Val::Other)
            }
            b'<' => {
                let close = memchr::memchr(b'>', self.rest())?;
                self.pos += close + 1;
                Some(Val::Other)
            }
            b'(' => {
                self.pos += 1;
                let mut open = 1usize;
                while open > 0 {
                    match self.peek()? {
                        b'\\' => self.pos += 1,
                        b'(' => open += 1,
                        b')' => open -= 1,
                        _ => {}
                    }
                    self.pos += 1;
                }
                Some(Val::Other)
            }
            b']' | b'>' | b')' | b'{' | b'}' => None,
            _ => {
                let start = self.pos;
                while self.peek().is_some_and(is_regular) {
                    self.pos += 1;
                }
                let token = &self.buf[start..self.pos];
                if token.is_empty() {
                    return None;
                }
                Some(integer(token).map_or(Val::Other, Val::Int))
            }
        }
    }

    /// A dictionary's top-level entries (keys without their slash).
    fn dict(&mut self, depth: usize) -> Option<Vec<(Vec<u8>, Val)>> {
        if !self.rest().starts_with(b"<<") || depth >= MAX_DEPTH {
            return None;
        }
        self.pos += 2;
        let mut out = Vec::new();
        loop {
            self.skip_white();
            if self.rest().starts_with(b">>") {
                self.pos += 2;
                return Some(out);
            }
            let Val::Name(key) = self.value(depth + 1)? else {
                return None;
            };
            let mut value = self.value(depth + 1)?;
            // `N G R`: a reference, not a number.
            if let Val::Int(_) = value {
                let save = self.pos;
                let generation = self.value(depth + 1);
                self.skip_white();
                if matches!(generation, Some(Val::Int(_)))
                    && self.peek() == Some(b'R')
                    && !self.buf.get(self.pos + 1).is_some_and(|b| is_regular(*b))
                {
                    self.pos += 1;
                    value = Val::Other;
                } else {
                    self.pos = save;
                }
            }
            out.push((key, value));
        }
    }
}

/// The length of the decoded data of the stream whose `stream` keyword is
/// at `at` (of the object at `offset`), `None` for a filter not measured
/// here. Flate data is inflated, never past `max_inflate`: more is an
/// error.
fn stream_data_len(
    bytes: &[u8],
    at: usize,
    offset: usize,
    dict: &[(Vec<u8>, Val)],
    max_inflate: usize,
) -> Result<Option<usize>, String> {
    let mut start = at + b"stream".len();
    // The keyword ends with CRLF or LF (§7.3.8.1).
    if bytes.get(start) == Some(&b'\r') {
        start += 1;
    }
    if bytes.get(start) == Some(&b'\n') {
        start += 1;
    }
    let get = |k: &[u8]| dict.iter().find(|(key, _)| key == k).map(|(_, v)| v);
    let data = bytes.get(start..).unwrap_or(&[]);
    let len = match get(b"Length") {
        Some(Val::Int(n)) if (0..=data.len() as i128).contains(n) => *n as usize,
        _ => memchr::memmem::find(data, b"endstream").unwrap_or(data.len()),
    };
    let data = &data[..len];
    let filters: Vec<&[u8]> = match get(b"Filter") {
        None => Vec::new(),
        Some(Val::Name(n)) => vec![n.as_slice()],
        Some(Val::Array(a)) => a
            .iter()
            .map(|v| match v {
                Val::Name(n) => n.as_slice(),
                _ => b"?".as_slice(),
            })
            .collect(),
        Some(_) => return Ok(None),
    };
    match filters.as_slice() {
        [] => Ok(Some(data.len())),
        [f] if *f == b"FlateDecode" || *f == b"Fl" => {
            let mut dec = flate2::read::ZlibDecoder::new(data).take(max_inflate as u64 + 1);
            let mut sink = [0u8; 16 << 10];
            let mut total = 0usize;
            while let Ok(n @ 1..) = dec.read(&mut sink) {
                total += n;
            }
            if total > max_inflate {
                return Err(format!(
                    "the cross-reference stream at byte {offset} inflates past the limit of {max_inflate} bytes"
                ));
            }
            Ok(Some(total))
        }
        _ => Ok(None),
    }
}

/// An integer token, saturated at ±10^30; `None` if not an integer.
fn integer(token: &[u8]) -> Option<i128> {
    let (negative, digits) = match token.first()? {
        b'-' => (true, &token[1..]),
        b'+' => (false, &token[1..]),
        _ => (false, token),
    };
    if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let mut v: i128 = 0;
    for d in digits {
        v = (v * 10 + i128::from(d - b'0')).min(10i128.pow(30));
    }
    Some(if negative { -v } else { v })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_overflowing_count_is_blanked_in_place() {
        let raw = b"<< /Count 99999999999999999999 /Kids [] >> /Count 12";
        let tamed = tame_counts(raw);
        assert_eq!(
            &*tamed,
            &b"<< /Count 0                    /Kids [] >> /Count 12"[..]
        );
        assert!(matches!(
            tame_counts(b"/Count 12"),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    #[test]
    fn integers_saturate() {
        assert_eq!(integer(b"42"), Some(42));
        assert_eq!(integer(b"-7"), Some(-7));
        assert_eq!(
            integer(b"99999999999999999999999999999999999"),
            Some(10i128.pow(30))
        );
        assert_eq!(integer(b"1.5"), None);
    }

    #[test]
    fn dictionaries_keep_their_top_level_entries() {
        let mut p = Parser {
            buf: b"<< /W [1 2 1] /Root 1 0 R /D << /W 9 >> /S (a\\)b) /Size 7 >>",
            pos: 0,
        };
        let d = p.dict(0).expect("a dictionary");
        let keys: Vec<&[u8]> = d.iter().map(|(k, _)| k.as_slice()).collect();
        assert_eq!(keys, [&b"W"[..], b"Root", b"D", b"S", b"Size"]);
        assert_eq!(
            d[0].1,
            Val::Array(vec![Val::Int(1), Val::Int(2), Val::Int(1)])
        );
        assert_eq!(d[1].1, Val::Other);
        assert_eq!(d[4].1, Val::Int(7));
    }
}
