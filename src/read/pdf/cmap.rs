//! CMaps: ToUnicode maps (`bfchar`, `bfrange`) and the code-space ranges
//! that say how many bytes a character code takes (PDF 32000-1 §9.7.5,
//! §9.10.3; Adobe Technical Note #5411).
//!
//! Read with the content-stream [`Lexer`]: a CMap is PostScript, and its
//! operators (`endbfchar`, `endbfrange`, ...) arrive with the entries before
//! them as operands. Ranges are bounded ([`MAX_ENTRIES`] codes per CMap), so
//! a hostile `<0000> <FFFFFFFF>` range costs nothing.

use std::collections::HashMap;

use super::lexer::{Lexer, Operand};

/// Most codes one CMap maps; the rest of a bigger map is ignored.
pub const MAX_ENTRIES: usize = 1 << 17;

/// A parsed CMap: code-space ranges, and code → text (ToUnicode) or code →
/// CID (an embedded encoding CMap).
#[derive(Debug, Default, Clone)]
pub struct CMap {
    /// (bytes, low, high) per code-space range.
    pub codespace: Vec<(usize, u32, u32)>,
    /// Code → Unicode text (ToUnicode CMaps).
    pub unicode: HashMap<u32, String>,
    /// Code → CID ranges (encoding CMaps): (low, high, first CID).
    pub cid_ranges: Vec<(u32, u32, u32)>,
}

fn code_of(bytes: &[u8]) -> u32 {
    bytes
        .iter()
        .take(4)
        .fold(0u32, |acc, &b| (acc << 8) | u32::from(b))
}

/// UTF-16BE bytes as text; lone surrogates become U+FFFD.
pub fn utf16be(bytes: &[u8]) -> String {
    let units: Vec<u16> = bytes
        .chunks(2)
        .map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]))
        .collect();
    String::from_utf16_lossy(&units)
}

/// The text a bfchar/bfrange destination string stands for.
fn dest_text(bytes: &[u8]) -> String {
    if bytes.len() == 1 {
        // Some writers give one-byte destinations; read them as Latin-1.
        return char::from(bytes[0]).to_string();
    }
    utf16be(bytes)
}

/// Add `delta` to the last UTF-16 unit of a destination (bfrange §9.10.3).
fn bump(bytes: &[u8], delta: u32) -> Vec<u8> {
    let mut out = bytes.to_vec();
    if out.is_empty() {
        return out;
    }
    let n = out.len();
    let last = if n >= 2 {
        u32::from(u16::from_be_bytes([out[n - 2], out[n - 1]]))
    } else {
        u32::from(out[0])
    };
    let v = last.wrapping_add(delta);
    if n >= 2 {
        let b = (v as u16).to_be_bytes();
        out[n - 2] = b[0];
        out[n - 1] = b[1];
    } else {
        out[0] = v as u8;
    }
    out
}

impl CMap {
    /// Parse CMap bytes. Never fails: what cannot be read is skipped.
    pub fn parse(bytes: &[u8]) -> CMap {
        let mut cmap = CMap::default();
        let mut lx = Lexer::new(bytes);
        let mut ops = Vec::new();
        let mut entries = 0usize;
        while let Some(op) = lx.next_op(&mut ops) {
            match op {
                b"endcodespacerange" => {
                    for pair in ops.chunks(2) {
                        if let [Operand::Str(lo), Operand::Str(hi)] = pair {
                            if !lo.is_empty() && lo.len() <= 4 {
                                cmap.codespace.push((lo.len(), code_of(lo), code_of(hi)));
                            }
                        }
                    }
                }
                b"endbfchar" => {
                    for pair in ops.chunks(2) {
                        if let [Operand::Str(src), dst] = pair {
                            let text = match dst {
                                Operand::Str(d) => dest_text(d),
                                Operand::Name(n) => {
                                    super::glyphs::glyph_text(&String::from_utf8_lossy(n))
                                        .unwrap_or_default()
                                }
                                _ => continue,
                            };
                            if entries < MAX_ENTRIES {
                                entries += 1;
                                cmap.unicode.insert(code_of(src), text);
                            }
                        }
                    }
                }
                b"endbfrange" => {
                    for triple in ops.chunks(3) {
                        let [Operand::Str(lo), Operand::Str(hi), dst] = triple else {
                            continue;
                        };
                        let (lo, hi) = (code_of(lo), code_of(hi));
                        if hi < lo {
                            continue;
                        }
                        let count = (hi - lo) as usize + 1;
                        if entries + count > MAX_ENTRIES {
                            entries = MAX_ENTRIES;
                            continue;
                        }
                        entries += count;
                        match dst {
                            Operand::Str(d) => {
                                for i in 0..count as u32 {
                                    cmap.unicode.insert(lo + i, dest_text(&bump(d, i)));
                                }
                            }
                            Operand::Array(items) => {
                                for (i, item) in items.iter().take(count).enumerate() {
                                    if let Operand::Str(d) = item {
                                        cmap.unicode.insert(lo + i as u32, dest_text(d));
                                    }
                                }
                            }
                            _ => {}
                        }
                    }
                }
                b"endcidrange" => {
                    for triple in ops.chunks(3) {
                        if let [Operand::Str(lo), Operand::Str(hi), Operand::Num(cid)] = triple {
                            if cmap.cid_ranges.len() < MAX_ENTRIES {
                                cmap.cid_ranges
                                    .push((code_of(lo), code_of(hi), *cid as u32));
                            }
                        }
                    }
                }
                b"endcidchar" => {
                    for pair in ops.chunks(2) {
                        if let [Operand::Str(src), Operand::Num(cid)] = pair {
                            if cmap.cid_ranges.len() < MAX_ENTRIES {
                                let c = code_of(src);
                                cmap.cid_ranges.push((c, c, *cid as u32));
                            }
                        }
                    }
                }
                _ => {}
            }
        }
        cmap
    }

    /// Split the next code off `bytes` by the code-space ranges: the
    /// shortest prefix that falls in a range of its length. Without ranges,
    /// or when none matches, codes are `default_len` bytes.
    pub fn next_code(&self, bytes: &[u8], default_len: usize) -> (u32, usize) {
        for len in 1..=4 {
            if len > bytes.len() {
                break;
            }
            let code = code_of(&bytes[..len]);
            if self
                .codespace
                .iter()
                .any(|&(l, lo, hi)| l == len && (lo..=hi).contains(&code))
            {
                return (code, len);
            }
        }
        let len = default_len.clamp(1, 4).min(bytes.len()).max(1);
        (code_of(&bytes[..len.min(bytes.len())]), len)
    }

    /// The CID an encoding CMap gives a code (identity when unmapped).
    pub fn cid(&self, code: u32) -> u32 {
        for &(lo, hi, first) in &self.cid_ranges {
            if (lo..=hi).contains(&code) {
                return first.wrapping_add(code - lo);
            }
        }
        code
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TO_UNICODE: &[u8] = b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap
/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
/CMapName /Adobe-Identity-UCS def /CMapType 2 def
1 begincodespacerange <0000> <FFFF> endcodespacerange
3 beginbfchar <0003> <0020> <0011> <002E> <00B2> <FB01> endbfchar
2 beginbfrange <0024> <0026> <0041> <0030> <0032> [<0066006C> <2013> <D83DDE00>] endbfrange
endcmap CMapName currentdict /CMap defineresource pop end end";

    #[test]
    fn reads_bfchar_and_both_bfrange_forms() {
        let m = CMap::parse(TO_UNICODE);
        assert_eq!(m.codespace, vec![(2, 0, 0xFFFF)]);
        assert_eq!(m.unicode[&0x03], " ");
        assert_eq!(m.unicode[&0x11], ".");
        assert_eq!(m.unicode[&0xB2], "ﬁ");
        assert_eq!(m.unicode[&0x24], "A");
        assert_eq!(m.unicode[&0x26], "C");
        assert_eq!(m.unicode[&0x30], "fl");
        assert_eq!(m.unicode[&0x31], "–");
        assert_eq!(m.unicode[&0x32], "😀");
        assert_eq!(m.next_code(&[0, 0x24, 0, 0x25], 1), (0x24, 2));
    }

    #[test]
    fn mixed_code_lengths_follow_the_codespace() {
        let m = CMap::parse(
            b"2 begincodespacerange <00> <80> <8140> <FFFF> endcodespacerange
              1 begincidrange <8140> <817E> 633 endcidrange",
        );
        assert_eq!(m.next_code(b"A", 2), (0x41, 1));
        assert_eq!(m.next_code(&[0x81, 0x41], 2), (0x8141, 2));
        assert_eq!(m.cid(0x8141), 634);
    }

    #[test]
    fn huge_ranges_are_bounded() {
        let m = CMap::parse(b"1 beginbfrange <00000000> <FFFFFFFF> <0041> endbfrange");
        assert!(m.unicode.is_empty());
    }
}
