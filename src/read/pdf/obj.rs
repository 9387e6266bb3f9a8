//! Small, total accessors over lopdf's object graph.
//!
//! Every lookup follows references through `Document::dereference`, which
//! stops after a fixed number of hops, so a reference cycle (`1 0 R` naming
//! itself) ends as a missing value rather than a hang. Stream data is
//! decoded here under a byte limit: lopdf's `decompressed_content` inflates
//! without one.

use std::io::Read;

use lopdf::{Dictionary, Document, Object, Stream};

/// Follow references to the object itself (`None` for a dangling or cyclic
/// reference).
pub fn deref<'a>(doc: &'a Document, o: &'a Object) -> Option<&'a Object> {
    doc.dereference(o).ok().map(|(_, o)| o)
}

/// A dictionary entry, dereferenced.
pub fn get<'a>(doc: &'a Document, d: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    deref(doc, d.get(key).ok()?)
}

/// A dictionary entry that is a dictionary (or a stream's dictionary).
pub fn get_dict<'a>(doc: &'a Document, d: &'a Dictionary, key: &[u8]) -> Option<&'a Dictionary> {
    as_dict(get(doc, d, key)?)
}

/// The dictionary of a dictionary or stream object.
pub fn as_dict(o: &Object) -> Option<&Dictionary> {
    match o {
        Object::Dictionary(d) => Some(d),
        Object::Stream(s) => Some(&s.dict),
        _ => None,
    }
}

/// A number (integer or real).
pub fn num(o: &Object) -> Option<f64> {
    match o {
        Object::Integer(i) => Some(*i as f64),
        Object::Real(r) => Some(f64::from(*r)).filter(|v| v.is_finite()),
        _ => None,
    }
}

/// A dictionary entry that is a number.
pub fn get_num(doc: &Document, d: &Dictionary, key: &[u8]) -> Option<f64> {
    num(get(doc, d, key)?)
}

/// A name's bytes.
pub fn name(o: &Object) -> Option<&[u8]> {
    match o {
        Object::Name(n) => Some(n),
        _ => None,
    }
}

/// A dictionary entry that is a name, as text.
pub fn get_name(doc: &Document, d: &Dictionary, key: &[u8]) -> Option<String> {
    name(get(doc, d, key)?).map(|n| String::from_utf8_lossy(n).into_owned())
}

/// An array of numbers (missing or non-numeric items skipped).
pub fn nums(doc: &Document, o: &Object) -> Vec<f64> {
    match deref(doc, o) {
        Some(Object::Array(a)) => a
            .iter()
            .filter_map(|x| deref(doc, x).and_then(num))
            .collect(),
        _ => Vec::new(),
    }
}

/// A rectangle `[x0 y0 x1 y1]`, normalised so that x0 <= x1 and y0 <= y1.
pub fn rect(doc: &Document, o: &Object) -> Option<[f64; 4]> {
    let v = nums(doc, o);
    if v.len() != 4 {
        return None;
    }
    Some([
        v[0].min(v[2]),
        v[1].min(v[3]),
        v[0].max(v[2]),
        v[1].max(v[3]),
    ])
}

/// A text string (§7.9.2.2): UTF-16BE with a byte-order mark, UTF-8 with
/// one (PDF 2.0), or PDFDocEncoding.
pub fn text_string(o: &Object) -> Option<String> {
    let Object::String(bytes, _) = o else {
        return None;
    };
    Some(decode_text(bytes))
}

/// Decode the bytes of a text string.
pub fn decode_text(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return super::cmap::utf16be(rest);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return String::from_utf8_lossy(rest).into_owned();
    }
    bytes.iter().map(|&b| pdfdoc_char(b)).collect()
}

/// PDFDocEncoding (Annex D.2): Latin-1 with typographic marks in 0x18..0x1F
/// and 0x80..0x9F.
fn pdfdoc_char(b: u8) -> char {
    const HIGH: [char; 32] = [
        '•', '†', '‡', '…', '—', '–', 'ƒ', '⁄', '‹', '›', '−', '‰', '„', '“', '”', '‘', '’', '‚',
        '™', 'ﬁ', 'ﬂ', 'Ł', 'Œ', 'Š', 'Ÿ', 'Ž', 'ı', 'ł', 'œ', 'š', 'ž', '\u{FFFD}',
    ];
    const LOW: [char; 8] = ['˘', 'ˇ', 'ˆ', '˙', '˝', '˛', '˚', '˜'];
    match b {
        0x18..=0x1F => LOW[usize::from(b - 0x18)],
        0x80..=0x9F => HIGH[usize::from(b - 0x80)],
        0xA0 => '€',
        _ => char::from(b),
    }
}

/// Why a stream could not be decoded in full.
#[derive(Debug, PartialEq, Eq)]
pub enum StreamError {
    /// Decoded data would pass the limit.
    TooLarge,
    /// A filter we do not decode (image filters: DCT, JPX, CCITT, JBIG2).
    Filter(String),
    /// Data under a filter we decode that gives nothing at all (random
    /// bytes under FlateDecode); the filter is named.
    Damaged(String),
}

/// A stream's decoded data, at most `limit` bytes. Damaged Flate data gives
/// what could be inflated before the damage (as viewers do); when nothing
/// at all inflates, [`StreamError::Damaged`].
pub fn stream_data(doc: &Document, s: &Stream, limit: usize) -> Result<Vec<u8>, StreamError> {
    let filters: Vec<Vec<u8>> = match get(doc, &s.dict, b"Filter") {
        None => Vec::new(),
        Some(Object::Name(n)) => vec![n.clone()],
        Some(Object::Array(a)) => a
            .iter()
            .filter_map(|o| deref(doc, o).and_then(name).map(<[u8]>::to_vec))
            .collect(),
        Some(_) => Vec::new(),
    };
    let has_predictor = get_dict(doc, &s.dict, b"DecodeParms")
        .and_then(|p| get_num(doc, p, b"Predictor"))
        .is_some_and(|p| p > 1.0);
    let mut data = s.content.clone();
    for f in &filters {
        data = match f.as_slice() {
            b"FlateDecode" | b"Fl" if !has_predictor => match inflate(&data, limit) {
                Err(StreamError::Damaged(_)) => {
                    return Err(StreamError::Damaged("FlateDecode".into()))
                }
                other => other?,
            },
            b"ASCIIHexDecode" | b"AHx" => ascii_hex(&data),
            b"FlateDecode" | b"Fl" | b"LZWDecode" | b"LZW" | b"ASCII85Decode" | b"A85" => {
                // Rare in content streams: lopdf decodes these (without a
                // limit of its own; the result is checked after).
                let mut one = s.clone();
                one.content = data;
                one.dict.set("Filter", Object::Name(f.clone()));
                one.decompressed_content()
                    .map_err(|_| StreamError::Filter(String::from_utf8_lossy(f).into_owned()))?
            }
            other => {
                return Err(StreamError::Filter(
                    String::from_utf8_lossy(other).into_owned(),
                ))
            }
        };
        if data.len() > limit {
            return Err(StreamError::TooLarge);
        }
    }
    if data.len() > limit {
        return Err(StreamError::TooLarge);
    }
    Ok(data)
}

/// The first `n` bytes of a stream's decoded data (fewer if it is
/// shorter), inflating no more than that: for the clear-text head of an
/// embedded font program, whose encoding is all that is read of it.
/// Streams under other filters are decoded in full, up to `n` bytes.
pub fn stream_prefix(doc: &Document, s: &Stream, n: usize) -> Option<Vec<u8>> {
    let flate_only = matches!(get(doc, &s.dict, b"Filter"), Some(Object::Name(f)) if f == b"FlateDecode")
        && get(doc, &s.dict, b"DecodeParms").is_none();
    if flate_only {
        let mut out = Vec::new();
        let mut dec = flate2::read::ZlibDecoder::new(s.content.as_slice()).take(n as u64);
        // Damaged data gives what came before the damage; data that is not
        // zlib-wrapped at all takes the general path below.
        if dec.read_to_end(&mut out).is_ok() || !out.is_empty() {
            return Some(out);
        }
    }
    stream_data(doc, s, n).ok()
}

fn inflate(data: &[u8], limit: usize) -> Result<Vec<u8>, StreamError> {
    let mut out = Vec::new();
    let mut dec = flate2::read::ZlibDecoder::new(data);
    let mut buf = [0u8; 16 * 1024];
    loop {
        match dec.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => {
                if out.len() + n > limit {
                    return Err(StreamError::TooLarge);
                }
                out.extend_from_slice(&buf[..n]);
            }
            Err(_) => {
                if out.is_empty() {
                    // Not zlib-wrapped: try raw deflate, which must then
                    // read to its end (random bytes often give a few bytes
                    // of "output" before they fail).
                    let mut raw = flate2::read::DeflateDecoder::new(data);
                    loop {
                        match raw.read(&mut buf) {
                            Ok(0) => break,
                            Err(_) => return Err(StreamError::Damaged("FlateDecode".into())),
                            Ok(n) => {
                                if out.len() + n > limit {
                                    return Err(StreamError::TooLarge);
                                }
                                out.extend_from_slice(&buf[..n]);
                            }
                        }
                    }
                }
                break;
            }
        }
    }
    Ok(out)
}

fn ascii_hex(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len() / 2);
    let mut high = None;
    for &b in data {
        let v = match b {
            b'0'..=b'9' => b - b'0',
            b'a'..=b'f' => b - b'a' + 10,
            b'A'..=b'F' => b - b'A' + 10,
            b'>' => break,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_strings_decode_all_three_ways() {
        assert_eq!(decode_text(b"\xFE\xFF\x00P\x00l\x20\x19"), "Pl’");
        assert_eq!(decode_text(b"Caf\xE9 \x8Dq\x8E \x93"), "Café “q” ﬁ");
        assert_eq!(decode_text(b"\xEF\xBB\xBFok"), "ok");
    }

    #[test]
    fn inflation_stops_at_the_limit() {
        use std::io::Write;
        let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        e.write_all(&vec![b'a'; 1 << 20]).unwrap();
        let z = e.finish().unwrap();
        assert_eq!(inflate(&z, 1 << 20).unwrap().len(), 1 << 20);
        assert_eq!(inflate(&z, 1000), Err(StreamError::TooLarge));
        // Nothing inflates from random bytes: damaged, not empty.
        assert_eq!(
            inflate(b"\x8f\x13\xee\x02random", 1000),
            Err(StreamError::Damaged("FlateDecode".into()))
        );
        // Damage after some data keeps what came before it.
        assert_eq!(
            inflate(&z[..z.len() / 2], 1 << 20).map(|d| d.is_empty()),
            Ok(false)
        );
    }

    #[test]
    fn a_prefix_inflates_only_its_head() {
        use std::io::Write;
        let body: Vec<u8> = (0..100_000u32).map(|i| (i % 251) as u8).collect();
        let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        e.write_all(&body).unwrap();
        let doc = Document::with_version("1.5");
        let flate = Stream::new(
            lopdf::dictionary! { "Filter" => "FlateDecode" },
            e.finish().unwrap(),
        );
        assert_eq!(
            stream_prefix(&doc, &flate, 2738).as_deref(),
            Some(&body[..2738])
        );
        assert_eq!(
            stream_prefix(&doc, &flate, 1 << 20).as_deref(),
            Some(&body[..])
        );
        // Unfiltered: the whole stream when it fits.
        let plain = Stream::new(lopdf::dictionary! {}, b"%!PS-AdobeFont".to_vec());
        assert_eq!(
            stream_prefix(&doc, &plain, 100).as_deref(),
            Some(&b"%!PS-AdobeFont"[..])
        );
    }
}
