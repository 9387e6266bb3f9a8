//! The File Information Block ([MS-DOC] 2.5.1), at the start of the
//! `WordDocument` stream: which table stream to use, whether the file is
//! encrypted, how many characters the main text has, and where in the table
//! stream the structures this reader uses lie.
//!
//! Read field by field through the counts the FIB gives (`csw`, `cslw`,
//! `cbRgFcLcb`), never at fixed offsets past `FibBase`, so a FIB shorter
//! than Word 97's simply lacks the later pairs.

use super::le::{u16_at, u32_at};

/// `wIdent` of a Word 97-2003 (and Word 6/95) document.
const W_IDENT: u16 = 0xA5EC;
/// The first `nFib` of Word 97; earlier ones are Word 6/95, another format.
const NFIB_WORD97: u16 = 0x00C1;

/// Indexes into `FibRgFcLcb97` of the (fc, lcb) pairs read here.
const STSHF: usize = 1;
const BTE_CHPX: usize = 12;
const BTE_PAPX: usize = 13;
const CLX: usize = 33;
const PLF_LST: usize = 73;
const PLF_LFO: usize = 74;

/// An (offset, length) pair into the table stream; (0, 0) when absent.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FcLcb {
    pub fc: u32,
    pub lcb: u32,
}

/// What the reader needs from the FIB.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Fib {
    /// The table stream is `1Table` (else `0Table`).
    pub table_1: bool,
    /// `fEncrypted`: the document is password-protected.
    pub encrypted: bool,
    /// Characters in the main text (the body, without footnotes, headers,
    /// comments or text boxes, which follow it).
    pub ccp_text: u32,
    pub stshf: FcLcb,
    pub bte_chpx: FcLcb,
    pub bte_papx: FcLcb,
    pub clx: FcLcb,
    pub plf_lst: FcLcb,
    pub plf_lfo: FcLcb,
}

/// Why a FIB is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FibError {
    /// Not a Word binary document at all.
    NotWord,
    /// A Word 6.0/95 document (another binary format).
    Word95,
    /// Cut short: the named field is past the end.
    Truncated(&'static str),
}

/// Parse the FIB at the start of the `WordDocument` stream.
pub fn parse(b: &[u8]) -> Result<Fib, FibError> {
    let ident = u16_at(b, 0).ok_or(FibError::Truncated("wIdent"))?;
    if ident != W_IDENT {
        return Err(FibError::NotWord);
    }
    let n_fib = u16_at(b, 2).ok_or(FibError::Truncated("nFib"))?;
    let flags = u16_at(b, 0x0A).ok_or(FibError::Truncated("FibBase"))?;
    let mut fib = Fib {
        table_1: flags & 0x0200 != 0,
        encrypted: flags & 0x0100 != 0,
        ..Fib::default()
    };
    if fib.encrypted {
        // Nothing past FibBase can be trusted: said before anything else.
        return Ok(fib);
    }
    if n_fib < NFIB_WORD97 {
        return Err(FibError::Word95);
    }
    // FibBase is 32 bytes; then csw, fibRgW (csw 16-bit words), cslw,
    // fibRgLw (cslw 32-bit words), cbRgFcLcb, fibRgFcLcbBlob.
    let csw = u16_at(b, 32).ok_or(FibError::Truncated("csw"))? as usize;
    let cslw_at = 34 + 2 * csw;
    let cslw = u16_at(b, cslw_at).ok_or(FibError::Truncated("cslw"))? as usize;
    let rglw = cslw_at + 2;
    if cslw < 4 {
        return Err(FibError::Truncated("ccpText"));
    }
    fib.ccp_text = u32_at(b, rglw + 12).ok_or(FibError::Truncated("ccpText"))?;
    let cb_at = rglw + 4 * cslw;
    let pairs = u16_at(b, cb_at).ok_or(FibError::Truncated("cbRgFcLcb"))? as usize;
    let blob = cb_at + 2;
    let pair = |i: usize| -> FcLcb {
        if i >= pairs {
            return FcLcb::default();
        }
        match (u32_at(b, blob + 8 * i), u32_at(b, blob + 8 * i + 4)) {
            (Some(fc), Some(lcb)) => FcLcb { fc, lcb },
            _ => FcLcb::default(),
        }
    };
    fib.stshf = pair(STSHF);
    fib.bte_chpx = pair(BTE_CHPX);
    fib.bte_papx = pair(BTE_PAPX);
    fib.clx = pair(CLX);
    fib.plf_lst = pair(PLF_LST);
    fib.plf_lfo = pair(PLF_LFO);
    if fib.clx.lcb == 0 {
        return Err(FibError::Truncated("fcClx"));
    }
    Ok(fib)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A Word 97 FIB with the given ccpText and (index, fc, lcb) pairs.
    pub(crate) fn fib_bytes(ccp_text: u32, flags: u16, pairs: &[(usize, u32, u32)]) -> Vec<u8> {
        let mut b = vec![0u8; 32];
        b[0..2].copy_from_slice(&W_IDENT.to_le_bytes());
        b[2..4].copy_from_slice(&0x00C1u16.to_le_bytes());
        b[0x0A..0x0C].copy_from_slice(&flags.to_le_bytes());
        b.extend(14u16.to_le_bytes());
        b.extend([0u8; 28]);
        b.extend(22u16.to_le_bytes());
        let mut lw = [0u32; 22];
        lw[3] = ccp_text;
        for v in lw {
            b.extend(v.to_le_bytes());
        }
        b.extend(93u16.to_le_bytes());
        let mut fc = vec![(0u32, 0u32); 93];
        for &(i, f, l) in pairs {
            fc[i] = (f, l);
        }
        for (f, l) in fc {
            b.extend(f.to_le_bytes());
            b.extend(l.to_le_bytes());
        }
        b
    }

    #[test]
    fn a_word97_fib_gives_its_pairs_at_their_indexes() {
        let b = fib_bytes(42, 0x0200, &[(CLX, 100, 21), (BTE_PAPX, 7, 12)]);
        // The offsets Word 97 puts them at.
        assert_eq!(u32_at(&b, 0x1A2), Some(100));
        assert_eq!(u32_at(&b, 0x102), Some(7));
        let fib = parse(&b).expect("fib");
        assert!(fib.table_1 && !fib.encrypted);
        assert_eq!(fib.ccp_text, 42);
        assert_eq!(fib.clx, FcLcb { fc: 100, lcb: 21 });
        assert_eq!(fib.bte_papx, FcLcb { fc: 7, lcb: 12 });
        assert_eq!(fib.plf_lst, FcLcb::default());
    }

    #[test]
    fn bad_fibs_are_refused_not_read_past() {
        assert_eq!(parse(b""), Err(FibError::Truncated("wIdent")));
        assert_eq!(parse(b"PK\x03\x04xxxxxxxx"), Err(FibError::NotWord));
        let b = fib_bytes(1, 0, &[(CLX, 1, 1)]);
        for cut in [3, 20, 33, 40, 70, 160] {
            assert!(parse(&b[..cut]).is_err(), "cut at {cut}");
        }
        let mut w6 = b.clone();
        w6[2..4].copy_from_slice(&0x0065u16.to_le_bytes());
        assert_eq!(parse(&w6), Err(FibError::Word95));
        // Encrypted is said from FibBase alone.
        let enc = fib_bytes(1, 0x0100, &[]);
        assert!(parse(&enc[..12]).expect("encrypted").encrypted);
        // A huge cslw or csw points past the end: an error, not a panic.
        let mut huge = b.clone();
        huge[32..34].copy_from_slice(&0xFFFFu16.to_le_bytes());
        assert!(parse(&huge).is_err());
    }
}
