//! The piece table ([MS-DOC] 2.9.38 Clx, 2.9.177 PlcPcd, 2.4.1 "Retrieving
//! Text"): where each run of character positions (CPs) of the text lies in
//! the `WordDocument` stream, and whether it is stored as 8-bit
//! (Windows-1252, "compressed") or UTF-16LE characters.
//!
//! [`PieceTable::chars`] yields the main text's characters with the stream
//! offset (FC) of each, which is what paragraph and character properties
//! are looked up by. Pieces past the stream's end are cut at it; pieces
//! that overlap (a hostile file repeating the whole stream) are bounded by
//! a budget of characters, so the text can never be larger than the stream.

use super::le::{i16_at, u16_at, u32_at};

/// One piece: CPs `cp..cp_end` stored from byte `fc` of the stream.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Piece {
    pub cp: u32,
    pub cp_end: u32,
    pub fc: u32,
    pub compressed: bool,
}

/// The pieces of the document, in CP order.
#[derive(Debug, Clone, Default)]
pub struct PieceTable {
    pub pieces: Vec<Piece>,
}

/// Parse the Clx at `clx` (the table stream's bytes from `fcClx`,
/// `lcbClx` long): skip the Prc property groups, read the Pcdt.
pub fn parse_clx(clx: &[u8]) -> Result<PieceTable, String> {
    let mut pos = 0usize;
    loop {
        match clx.get(pos) {
            Some(1) => {
                // Prc: clxt, cbGrpprl (i16), grpprl.
                let cb = i16_at(clx, pos + 1).ok_or("a Prc cut short")?;
                if cb < 0 {
                    return Err("a Prc of negative size".into());
                }
                pos += 3 + cb as usize;
            }
            Some(2) => {
                let lcb = u32_at(clx, pos + 1).ok_or("the Pcdt cut short")? as usize;
                let start = pos + 5;
                let plc = clx
                    .get(start..start.saturating_add(lcb))
                    .ok_or("the piece table runs past its stream")?;
                return parse_plcpcd(plc);
            }
            Some(t) => return Err(format!("an unknown Clx entry type {t}")),
            None => return Err("no piece table (Pcdt) in the Clx".into()),
        }
    }
}

/// PlcPcd: n+1 CPs, then n 8-byte PCDs.
fn parse_plcpcd(plc: &[u8]) -> Result<PieceTable, String> {
    if plc.len() < 4 || (plc.len() - 4) % 12 != 0 {
        return Err(format!("a piece table of {} bytes", plc.len()));
    }
    let n = (plc.len() - 4) / 12;
    let mut pieces = Vec::with_capacity(n);
    let mut last = 0u32;
    for i in 0..n {
        let (Some(cp), Some(cp_end)) = (u32_at(plc, 4 * i), u32_at(plc, 4 * i + 4)) else {
            break;
        };
        let pcd = 4 * (n + 1) + 8 * i;
        let raw = u32_at(plc, pcd + 2).ok_or("a piece descriptor cut short")?;
        if cp < last || cp_end < cp {
            return Err("piece table positions go backwards".into());
        }
        last = cp_end;
        if cp_end == cp {
            continue;
        }
        let compressed = raw & 0x4000_0000 != 0;
        let fc = raw & 0x3FFF_FFFF;
        pieces.push(Piece {
            cp,
            cp_end,
            fc: if compressed { fc / 2 } else { fc },
            compressed,
        });
    }
    Ok(PieceTable { pieces })
}

/// Windows-1252's 0x80-0x9F, as [MS-DOC] 2.4.1 maps compressed bytes.
const CP1252_HIGH: [u16; 32] = [
    0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039,
    0x0152, 0x8D, 0x017D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
];

/// A compressed byte as a UTF-16 unit.
pub fn cp1252(b: u8) -> u16 {
    match b {
        0x80..=0x9F => CP1252_HIGH[(b - 0x80) as usize],
        _ => b as u16,
    }
}

impl PieceTable {
    /// The UTF-16 units of CPs `0..ccp` with the FC of each, in order;
    /// at most `budget` of them. Parts of pieces past the end of `stream`
    /// are left out, and counted in the second value.
    pub fn chars(&self, stream: &[u8], ccp: u32, budget: usize) -> (Vec<(u16, u32)>, usize) {
        let mut out: Vec<(u16, u32)> = Vec::new();
        let mut missing = 0usize;
        for p in &self.pieces {
            if p.cp >= ccp {
                break;
            }
            let n = (p.cp_end.min(ccp) - p.cp) as usize;
            for i in 0..n {
                if out.len() >= budget {
                    return (out, missing + (n - i));
                }
                let unit = if p.compressed {
                    let fc = p.fc as usize + i;
                    stream.get(fc).map(|&b| (cp1252(b), fc as u32))
                } else {
                    let fc = p.fc as usize + 2 * i;
                    u16_at(stream, fc).map(|u| (u, fc as u32))
                };
                match unit {
                    Some(u) => out.push(u),
                    None => {
                        missing += n - i;
                        break;
                    }
                }
            }
        }
        (out, missing)
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A Clx of one Prc and these pieces: (cp, cp_end, fc, compressed).
    pub(crate) fn clx_bytes(pieces: &[(u32, u32, u32, bool)]) -> Vec<u8> {
        let mut plc = Vec::new();
        for p in pieces {
            plc.extend(p.0.to_le_bytes());
        }
        if let Some(last) = pieces.last() {
            plc.extend(last.1.to_le_bytes());
        }
        for p in pieces {
            plc.extend([0u8, 0]);
            let raw = if p.3 { (p.2 * 2) | 0x4000_0000 } else { p.2 };
            plc.extend(raw.to_le_bytes());
            plc.extend([0u8, 0]);
        }
        let mut clx = vec![1u8, 2, 0, 0x08, 0x35];
        clx.push(2);
        clx.extend((plc.len() as u32).to_le_bytes());
        clx.extend(plc);
        clx
    }

    #[test]
    fn pieces_give_8_bit_and_utf16_text_with_their_offsets() {
        let mut stream = b"Hi \x93x\x94".to_vec();
        stream.extend("é€".encode_utf16().flat_map(u16::to_le_bytes));
        let t = parse_clx(&clx_bytes(&[(0, 6, 0, true), (6, 8, 6, false)])).expect("clx");
        let (chars, missing) = t.chars(&stream, 8, 100);
        assert_eq!(missing, 0);
        let text = String::from_utf16_lossy(&chars.iter().map(|c| c.0).collect::<Vec<_>>());
        assert_eq!(text, "Hi “x”é€");
        assert_eq!(chars[1].1, 1);
        assert_eq!(chars[7].1, 8);
        // ccpText cuts the text; the budget bounds it.
        assert_eq!(t.chars(&stream, 2, 100).0.len(), 2);
        assert_eq!(t.chars(&stream, 8, 3).0.len(), 3);
    }

    #[test]
    fn a_piece_past_the_stream_is_cut_and_counted() {
        let t = parse_clx(&clx_bytes(&[(0, 1000, 2, false)])).expect("clx");
        let (chars, missing) = t.chars(&[0x41, 0, 0x42, 0, 0x43, 0], 1000, 10_000);
        assert_eq!(chars.len(), 2);
        assert_eq!(missing, 998);
    }

    #[test]
    fn damaged_clx_is_an_error() {
        assert!(parse_clx(b"").is_err());
        assert!(parse_clx(&[7]).is_err());
        assert!(parse_clx(&[1, 0xFF, 0xFF]).is_err());
        assert!(parse_clx(&[1, 0x10, 0]).is_err());
        assert!(parse_clx(&[2, 0xFF, 0xFF, 0xFF, 0xFF, 0]).is_err());
        let mut c = clx_bytes(&[(0, 5, 0, true), (5, 9, 0, true)]);
        // Backward CPs.
        let at = 6 + 4;
        c[at..at + 4].copy_from_slice(&1u32.to_le_bytes());
        c[at + 4..at + 8].copy_from_slice(&0u32.to_le_bytes());
        assert!(parse_clx(&c).is_err());
        // A piece table of the wrong size.
        let mut odd = clx_bytes(&[(0, 5, 0, true)]);
        odd.push(0);
        let n = odd.len() - 10;
        odd[2 + 4..2 + 8].copy_from_slice(&(n as u32).to_le_bytes());
        assert!(parse_clx(&odd[..]).is_err());
    }
}
