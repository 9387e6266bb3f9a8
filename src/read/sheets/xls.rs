//! A bounded look at a legacy .xls before calamine reads it.
//!
//! calamine reads an .xls whole in `Xls::new`, with no limits, and some
//! damage makes it allocate without bound or loop until memory runs out
//! (found by fuzzing the `sheets` target and by hand):
//! - a DIMENSIONS record claiming four billion rows: calamine reserves room
//!   for the cells and the process aborts on the failed allocation;
//! - one cell at IV65536, or at column 65535: every sheet is made dense, so a
//!   23 KB file costs a gigabyte or more;
//! - a sector chain of the compound file that loops back on itself: calamine
//!   follows it until memory runs out;
//! - header counts used as allocation sizes;
//! - many sheet entries pointing at the same records: each is read again.
//!
//! [`check`] follows the compound file and the sheets' records the way
//! calamine does, with every chain bounded by the sectors the file has, and
//! refuses such a file before calamine sees it. It also gives the bytes
//! calamine must read: a file whose last sector is cut short is padded with
//! zeros to whole sectors, so that both read the same bytes. What it does not
//! follow (the records' contents) is left to calamine, whose errors and
//! panics the caller contains.

use std::borrow::Cow;

use crate::error::{ErrorKind, Result};

use super::xlsx::{check_extent, SheetLooks, Styles};
use super::{MAX_BOOK_CELLS, MAX_SHEET_CELLS};

const ENDOFCHAIN: u32 = 0xFFFF_FFFE;
const RESERVED: u32 = 0xFFFF_FFFA;
const DIFSECT: u32 = 0xFFFF_FFFC;
/// A record type no BIFF version defines and calamine does not read.
const IGNORED: u16 = 0x0000;

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

fn u64_at(b: &[u8], at: usize) -> Option<u64> {
    Some(u64::from_le_bytes(b.get(at..at + 8)?.try_into().ok()?))
}

fn u32s(b: &[u8]) -> impl Iterator<Item = u32> + '_ {
    b.chunks_exact(4)
        .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
}

fn damaged(what: impl std::fmt::Display) -> ErrorKind {
    ErrorKind::Sheet(format!("damaged Excel 97-2003 file: {what}"))
}

/// Follow a sector chain as calamine does: sectors until ENDOFCHAIN or until
/// `len` bytes are read, but never more steps than `max_steps` (a valid chain
/// visits each sector once). `sector` gives a sector's bytes and where they
/// lie in the file; the chain's bytes come back with those places, one per
/// sector, so that a byte of the stream can be found in the file again.
fn chain<'s>(
    start: u32,
    fat: &[u32],
    len: usize,
    max_steps: usize,
    sector: impl Fn(u32) -> Result<(&'s [u8], usize)>,
) -> Result<(Vec<u8>, Vec<usize>)> {
    let mut out = Vec::new();
    let mut places = Vec::new();
    let mut id = start;
    let mut steps = 0;
    while id != ENDOFCHAIN {
        steps += 1;
        if steps > max_steps {
            return Err(damaged("a sector chain of the compound file loops"));
        }
        let (s, at) = sector(id)?;
        places.push(at);
        out.extend_from_slice(&s[..s.len().min(len - out.len())]);
        if out.len() >= len {
            break;
        }
        id = *fat
            .get(id as usize)
            .ok_or_else(|| damaged(format!("sector {id} is not in the allocation table")))?;
    }
    Ok((out, places))
}

/// Where byte `at` of a stream lies in the file, given the places of the
/// stream's `chunk`-byte sectors.
fn file_offset(places: &[usize], chunk: usize, at: usize) -> Option<usize> {
    Some(places.get(at / chunk)? + at % chunk)
}

/// Check an .xls (an OLE compound file) and return the bytes calamine must
/// read. `Ok` where the file is fine or where calamine will refuse it itself
/// (a bad signature, no Workbook stream).
pub fn check(bytes: &[u8]) -> Result<(Cow<'_, [u8]>, Formats)> {
    let none = Formats::default;
    let Some(header) = bytes.get(..512) else {
        return Ok((Cow::Borrowed(bytes), none()));
    };
    let size: usize = match u16_at(header, 30) {
        Some(9) => 512,
        Some(12) if bytes.len() >= 4096 => 4096,
        _ => return Ok((Cow::Borrowed(bytes), none())),
    };
    if u16_at(header, 32) != Some(6) {
        return Ok((Cow::Borrowed(bytes), none()));
    }
    // Whole sectors only: a short last sector is padded with zeros.
    let bytes: Cow<'_, [u8]> = if bytes.len() % size == 0 {
        Cow::Borrowed(bytes)
    } else {
        let mut v = bytes.to_vec();
        v.resize(bytes.len().div_ceil(size) * size, 0);
        Cow::Owned(v)
    };
    let data: &[u8] = &bytes;
    let sectors = data.len() / size - 1;
    let sector = |id: u32| -> Result<(&[u8], usize)> {
        let i = id as usize;
        if i >= sectors {
            return Err(damaged(format!(
                "sector {id} lies past the end of the file (truncated?)"
            )));
        }
        Ok((&data[(i + 1) * size..(i + 2) * size], (i + 1) * size))
    };
    let field = |at| u32_at(header, at).unwrap_or(0);
    let version = u16_at(header, 26).unwrap_or(0);
    let (fat_len, dir_start, mini_fat_start, mini_fat_len, difat_start) =
        (field(44), field(48), field(60), field(64), field(68));
    // calamine sizes two vectors from the header before reading anything:
    // the FAT from its sector count, the DIFAT from bytes 62..66.
    if fat_len as usize > sectors || field(62) > 1 << 26 {
        return Err(damaged("the header's sector counts exceed the file"));
    }

    let mut difat: Vec<u32> = u32s(&header[76..512]).collect();
    let mut id = difat_start;
    let mut steps = 0;
    while id < RESERVED {
        steps += 1;
        if steps > sectors {
            return Err(damaged("the sector allocation chain loops"));
        }
        difat.extend(u32s(sector(id)?.0));
        id = difat.pop().unwrap_or(ENDOFCHAIN);
    }
    let fat_sectors: Vec<u32> = difat.into_iter().filter(|&id| id < DIFSECT).collect();
    if fat_sectors.len() > sectors {
        return Err(damaged(
            "the sector allocation table is larger than the file",
        ));
    }
    let mut fat = Vec::with_capacity(fat_sectors.len() * size / 4);
    for id in fat_sectors {
        fat.extend(u32s(sector(id)?.0));
    }

    let (dirs, _) = chain(dir_start, &fat, usize::MAX, sectors, sector)?;
    // (name, start, len) of each directory entry, as calamine reads them.
    let entries: Vec<(String, u32, u64)> = dirs
        .chunks_exact(128)
        .map(|e| {
            let units: Vec<u16> = e[..64]
                .chunks_exact(2)
                .map(|c| u16::from_le_bytes([c[0], c[1]]))
                .collect();
            let mut name = String::from_utf16_lossy(&units);
            if let Some(nul) = name.find('\0') {
                name.truncate(nul);
            }
            let len = if size == 512 {
                u64::from(u32_at(e, 120).unwrap_or(0))
            } else {
                u64_at(e, 120).unwrap_or(0)
            };
            (name, u32_at(e, 116).unwrap_or(0), len)
        })
        .collect();
    let Some(root) = entries.first() else {
        return Ok((bytes, none()));
    };
    if version != 3 && root.1 == ENDOFCHAIN {
        return Ok((bytes, none()));
    }
    let cap = |len: u64| usize::try_from(len).unwrap_or(usize::MAX);
    let (mini_fat, mini_stream, mini_places) = if mini_fat_len > 0 {
        let (stream, places) = chain(root.1, &fat, cap(root.2), sectors, sector)?;
        let mini_fat_bytes = cap(u64::from(mini_fat_len) * size as u64);
        let (table, _) = chain(mini_fat_start, &fat, mini_fat_bytes, sectors, sector)?;
        (u32s(&table).collect::<Vec<_>>(), stream, places)
    } else {
        (Vec::new(), Vec::new(), Vec::new())
    };

    // Stream names are case-insensitive (MS-CFB 2.6.4), calamine's lookup
    // is not: a "WORKBOOK" stream is renamed "Workbook" in our copy.
    let Some((found, start, len)) = ["Workbook", "Book"].iter().find_map(|n| {
        entries
            .iter()
            .find(|e| e.0.eq_ignore_ascii_case(n))
            .map(|e| (e.0.clone(), e.1, e.2))
    }) else {
        return Ok((bytes, none()));
    };
    let (stream, places, chunk) = if len < 4096 {
        let mini = |id: u32| -> Result<(&[u8], usize)> {
            let at = id as usize * 64;
            let gone = || damaged(format!("mini sector {id} lies past the mini stream"));
            let s = mini_stream.get(at..at + 64).ok_or_else(gone)?;
            // A mini sector never straddles two sectors (64 divides both sizes).
            Ok((s, file_offset(&mini_places, size, at).ok_or_else(gone)?))
        };
        let (s, p) = chain(start, &mini_fat, cap(len), mini_stream.len() / 64, mini)?;
        (s, p, 64)
    } else {
        let (s, p) = chain(start, &fat, cap(len), sectors, sector)?;
        (s, p, size)
    };
    let (patches, formats) = check_sheets(&stream)?;
    let mut bytes = bytes;
    for (at, value) in patches {
        for (i, byte) in value.to_le_bytes().into_iter().enumerate() {
            if let Some(o) = file_offset(&places, chunk, at + i) {
                if let Some(b) = bytes.to_mut().get_mut(o) {
                    *b = byte;
                }
            }
        }
    }
    if found != "Workbook" && found != "Book" {
        let canonical = if found.len() == 8 { "Workbook" } else { "Book" };
        let utf16 = |s: &str| -> Vec<u8> {
            s.encode_utf16()
                .chain([0])
                .flat_map(u16::to_le_bytes)
                .collect()
        };
        let (from, to) = (utf16(&found), utf16(canonical));
        // A directory entry starts its sector's 128-byte slot with its name.
        let at = memchr::memmem::find_iter(&bytes, &from).find(|at| at % 128 == 0);
        if let Some(at) = at {
            bytes.to_mut()[at..at + to.len()].copy_from_slice(&to);
        }
    }
    Ok((bytes, formats))
}

/// What an .xls says of its cells' number formats, read while its records
/// are checked: each cell format's (XF's) number format code, and each
/// sheet's cells that have a format, by sheet name, as the .xlsx reader's
/// looks give them (so that a date shows as its format says, "31/03/2025",
/// not as an ISO date).
#[derive(Debug, Default)]
pub struct Formats {
    /// Per XF index: (no fill, its number format code).
    pub styles: Styles,
    /// Per sheet: its name and its cells' XF indexes.
    pub sheets: Vec<(String, SheetLooks)>,
}

/// A FORMAT record's (index, code): a BIFF8 unicode string after the index.
fn format_record(data: &[u8], biff8: bool) -> Option<(u16, String)> {
    let id = u16_at(data, 0)?;
    if !biff8 {
        let cch = *data.get(2)? as usize;
        let raw = data.get(3..3 + cch)?;
        return Some((id, biff_chars(raw, cch, false)));
    }
    let cch = u16_at(data, 2)? as usize;
    let wide = data.get(4)? & 1 == 1;
    Some((id, biff_chars(data.get(5..)?, cch, wide)))
}

/// The first `cch` characters of a BIFF string's bytes: UTF-16 units when
/// the string is wide (its flags' bit 0), else one byte each.
fn biff_chars(raw: &[u8], cch: usize, wide: bool) -> String {
    if wide {
        let units: Vec<u16> = raw
            .chunks_exact(2)
            .take(cch)
            .map(|c| u16::from_le_bytes([c[0], c[1]]))
            .collect();
        String::from_utf16_lossy(&units)
    } else {
        raw.iter().take(cch).map(|&b| b as char).collect()
    }
}

/// The records of a BIFF stream as calamine's iterator gives them: (offset
/// of the record in `s`, type, data), CONTINUE records folded into the
/// record before them; ends where calamine would stop with an error.
fn records(s: &[u8]) -> impl Iterator<Item = (usize, u16, &[u8])> {
    let mut at = 0usize;
    std::iter::from_fn(move || {
        let here = at;
        let rest = s.get(at..)?;
        let typ = u16_at(rest, 0)?;
        let len = u16_at(rest, 2)? as usize;
        let data = rest.get(4..4 + len)?;
        at += 4 + len;
        while s.len() > at + 4 && u16_at(s, at) == Some(0x003C) {
            let len = u16_at(s, at + 2)? as usize;
            s.get(at + 4 + len..)?;
            at += 4 + len;
        }
        Some((here, typ, data))
    })
}

/// Refuse a workbook whose sheets calamine would make too large: by their
/// DIMENSIONS records (reserved up front) or by the cells they hold (each
/// sheet is made dense over the rectangle its cells span).
///
/// Gives the changes calamine's copy of the stream needs, as (offset, new
/// little-endian u16):
/// - substreams embedded in a sheet (a chart's, BOF to EOF, with its cached
///   series values as NUMBER and LABEL records) are read by calamine as the
///   sheet's own cells, overwriting them, and their EOF ends the sheet: each
///   of their records gets a type nothing reads;
/// - a formula's tokens are parsed into text we never use, and a damaged
///   token list made calamine panic and lose the whole file: each FORMULA
///   record's token count becomes 0 (its cached value, what we read, stays).
fn check_sheets(stream: &[u8]) -> Result<(Vec<(usize, u16)>, Formats)> {
    // The sheets the workbook globals list: (offset, name).
    let mut sheets = Vec::new();
    let mut biff8 = true;
    // Number formats by index, and each XF's format index, in order.
    let mut codes: std::collections::HashMap<u16, String> = std::collections::HashMap::new();
    let mut xf_formats: Vec<u16> = Vec::new();
    for (_, typ, data) in records(stream) {
        match typ {
            0x0809 => biff8 = u16_at(data, 0) == Some(0x0600),
            0x041E | 0x001E => {
                if let Some((id, code)) = format_record(data, biff8) {
                    codes.insert(id, code);
                }
            }
            0x00E0 if xf_formats.len() < 65_536 => {
                xf_formats.push(u16_at(data, 2).unwrap_or(0));
            }
            0x0085 => {
                let Some(pos) = u32_at(data, 0) else { continue };
                let cch = data.get(6).copied().unwrap_or(0) as usize;
                let wide = biff8 && data.get(7).is_some_and(|f| f & 1 == 1);
                let at = if biff8 { 8 } else { 7 };
                let name = biff_chars(data.get(at..).unwrap_or(&[]), cch, wide);
                sheets.push((pos as usize, name));
            }
            // FILEPASS: the rest of the stream is encrypted (RC4, or the
            // XOR obfuscation calamine does not notice and reads as cells).
            0x002F => return Err(ErrorKind::Encrypted("Excel 97-2003 workbook".into())),
            0x000A => break,
            _ => {}
        }
    }

    let styles = Styles {
        xfs: xf_formats
            .iter()
            .map(|id| {
                let code = codes
                    .get(id)
                    .cloned()
                    .or_else(|| super::numfmt::builtin_format(u32::from(*id)).map(str::to_string));
                (None, code)
            })
            .collect(),
        dxfs: Vec::new(),
    };
    let mut formats_of_sheets = Vec::new();
    // calamine reads each listed sheet's records anew: bound the total.
    let mut patches = Vec::new();
    let mut budget = stream.len() / 2 + 64;
    let mut total = 0u64;
    for (pos, name) in &sheets {
        let Some(records_at) = stream.get(*pos..) else {
            continue;
        };
        let mut extent: Option<(u32, u32, u32, u32)> = None;
        let mut grow = |r: u32, c: u32| {
            extent = Some(match extent {
                None => (r, c, r, c),
                Some((r0, c0, r1, c1)) => (r0.min(r), c0.min(c), r1.max(r), c1.max(c)),
            });
        };
        let mut formula_at = (0, 0);
        let mut style: std::collections::HashMap<(u32, u32), u32> =
            std::collections::HashMap::new();
        // The sheet's own substream, then any embedded in it: a BOF past the
        // sheet's first record opens one.
        let mut depth = 1usize;
        for (offset, typ, data) in records(records_at) {
            budget = budget
                .checked_sub(1)
                .ok_or_else(|| damaged("its sheets share their records"))?;
            if typ == 0x0809 && offset > 0 {
                depth += 1;
            }
            if depth > 1 {
                patches.push((*pos + offset, IGNORED));
                if typ == 0x000A {
                    depth -= 1;
                }
                continue;
            }
            let at = |i| u16_at(data, i).map(u32::from);
            match typ {
                0x0200 => {
                    if let Some(cells) = dimensions(data) {
                        if cells > MAX_SHEET_CELLS {
                            return Err(ErrorKind::Unsupported(format!(
                                "sheet \"{name}\" declares {cells} cells, over the limit of \
                                 {MAX_SHEET_CELLS} cells"
                            )));
                        }
                    }
                }
                0x0203 | 0x0204 | 0x0205 | 0x027E | 0x00FD => {
                    if let (Some(r), Some(c)) = (at(0), at(2)) {
                        grow(r, c);
                        // A number's format (NUMBER, RK): how it shows.
                        if let (0x0203 | 0x027E, Some(xf)) = (typ, at(4)) {
                            if xf != 0 {
                                style.insert((r, c), xf);
                            }
                        }
                    }
                }
                0x0006 => {
                    if let (Some(r), Some(c)) = (at(0), at(2)) {
                        formula_at = (r, c);
                        grow(r, c);
                        if let Some(xf) = at(4).filter(|&xf| xf != 0) {
                            style.insert((r, c), xf);
                        }
                    }
                    if data.len() >= 22 {
                        patches.push((*pos + offset + 4 + 20, 0));
                    }
                }
                0x0207 => grow(formula_at.0, formula_at.1),
                0x00BD if data.len() >= 6 => {
                    let (r, first) = (at(0).unwrap_or(0), at(2).unwrap_or(0));
                    let last = at(data.len() - 2).unwrap_or(0);
                    if first <= last {
                        grow(r, first);
                        grow(r, last);
                        // MULRK: (XF, RK value) per cell, six bytes each.
                        for (k, c) in (first..=last).enumerate() {
                            if let Some(xf) = at(4 + 6 * k).filter(|&xf| xf != 0) {
                                style.insert((r, c), xf);
                            }
                        }
                    }
                }
                0x000A => break,
                _ => {}
            }
        }
        let looks = SheetLooks {
            extent,
            ..SheetLooks::default()
        };
        check_extent(name, &looks, MAX_SHEET_CELLS)?;
        formats_of_sheets.push((
            name.clone(),
            SheetLooks {
                style,
                ..SheetLooks::default()
            },
        ));
        if let Some((r0, c0, r1, c1)) = extent {
            total += (u64::from(r1 - r0) + 1) * (u64::from(c1 - c0) + 1);
        }
    }
    if total > MAX_BOOK_CELLS {
        return Err(ErrorKind::Unsupported(format!(
            "the sheets span {total} cells in all, over the limit of {MAX_BOOK_CELLS}"
        )));
    }
    Ok((
        patches,
        Formats {
            styles,
            sheets: formats_of_sheets,
        },
    ))
}

/// The cells calamine reserves for a DIMENSIONS record, computed as it does
/// in a release build (row and column counts wrap in 32 bits).
fn dimensions(data: &[u8]) -> Option<u64> {
    let (rf, rl, mut cf, cl) = match data.len() {
        10 => (
            u32::from(u16_at(data, 0)?),
            u32::from(u16_at(data, 2)?),
            u32::from(u16_at(data, 4)?),
            u32::from(u16_at(data, 6)?),
        ),
        14 => (
            u32_at(data, 0)?,
            u32_at(data, 4)?,
            u32::from(u16_at(data, 8)?),
            u32::from(u16_at(data, 10)?),
        ),
        _ => return None,
    };
    if 0xFF < cf || cl < cf {
        cf = 0;
    }
    let ((r0, c0), (r1, c1)) = if rl >= 1 && cl >= 1 {
        ((rf, cf), (rl - 1, cl - 1))
    } else {
        ((rf, cf), (rf, cf))
    };
    let rows = r1.wrapping_sub(r0).wrapping_add(1);
    let cols = c1.wrapping_sub(c0).wrapping_add(1);
    Some(u64::from(rows) * u64::from(cols))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A BIFF record.
    fn rec(typ: u16, data: &[u8]) -> Vec<u8> {
        let mut v = typ.to_le_bytes().to_vec();
        v.extend_from_slice(&(data.len() as u16).to_le_bytes());
        v.extend_from_slice(data);
        v
    }

    /// A workbook stream with one sheet holding the given records.
    fn book(sheet: &[Vec<u8>]) -> Vec<u8> {
        let mut bound = 0u32.to_le_bytes().to_vec(); // patched below
        bound.extend_from_slice(&[0, 0, 4, 0]);
        bound.extend_from_slice(b"Plan");
        let mut globals = rec(0x0809, &[0, 6, 5, 0]);
        globals.extend(rec(0x0085, &bound));
        globals.extend(rec(0x000A, &[]));
        let pos = globals.len() as u32;
        globals[12..16].copy_from_slice(&pos.to_le_bytes());
        for r in sheet {
            globals.extend_from_slice(r);
        }
        globals.extend(rec(0x000A, &[]));
        globals
    }

    fn label_sst(row: u16, col: u16) -> Vec<u8> {
        let mut d = row.to_le_bytes().to_vec();
        d.extend_from_slice(&col.to_le_bytes());
        d.extend_from_slice(&[0, 0, 0, 0, 0, 0]);
        rec(0x00FD, &d)
    }

    fn number(row: u16, col: u16) -> Vec<u8> {
        let mut d = row.to_le_bytes().to_vec();
        d.extend_from_slice(&col.to_le_bytes());
        d.extend_from_slice(&[0; 10]);
        rec(0x0203, &d)
    }

    #[test]
    fn number_formats_and_each_cells_format_are_read() {
        // FORMAT 164 "dd/mm/yyyy" (a BIFF8 string of 8-bit characters);
        // XF 0 General, XF 1 format 164, XF 2 the built-in 14.
        let code = b"dd/mm/yyyy";
        let mut format = 164u16.to_le_bytes().to_vec();
        format.extend_from_slice(&(code.len() as u16).to_le_bytes());
        format.push(0);
        format.extend_from_slice(code);
        let xf = |ifmt: u16| {
            let mut d = vec![0, 0];
            d.extend_from_slice(&ifmt.to_le_bytes());
            d.extend_from_slice(&[0; 16]);
            rec(0x00E0, &d)
        };
        let mut bound = 0u32.to_le_bytes().to_vec();
        bound.extend_from_slice(&[0, 0, 4, 0]);
        bound.extend_from_slice(b"Plan");
        let mut stream = rec(0x0809, &[0, 6, 5, 0]);
        stream.extend(rec(0x041E, &format));
        stream.extend(xf(0));
        stream.extend(xf(164));
        stream.extend(xf(14));
        let bound_at = stream.len() + 4;
        stream.extend(rec(0x0085, &bound));
        stream.extend(rec(0x000A, &[]));
        let pos = stream.len() as u32;
        stream[bound_at..bound_at + 4].copy_from_slice(&pos.to_le_bytes());
        stream.extend(rec(0x0809, &[0, 6, 0x10, 0]));
        let cell = |typ: u16, row: u16, xf: u16| {
            let mut d = row.to_le_bytes().to_vec();
            d.extend_from_slice(&[0, 0]);
            d.extend_from_slice(&xf.to_le_bytes());
            d.extend_from_slice(&[0; 8]);
            rec(typ, &d)
        };
        stream.extend(cell(0x0203, 0, 1));
        stream.extend(cell(0x027E, 1, 2));
        stream.extend(cell(0x0203, 2, 0));
        stream.extend(rec(0x000A, &[]));
        let (_, formats) = check_sheets(&stream).unwrap();
        let code_of = |i: usize| formats.styles.xfs[i].1.as_deref();
        assert_eq!(code_of(1), Some("dd/mm/yyyy"));
        // A built-in format: as the .xlsx reader shows it.
        assert_eq!(code_of(2), super::super::numfmt::builtin_format(14));
        let (name, looks) = &formats.sheets[0];
        assert_eq!(name, "Plan");
        assert_eq!(looks.style.get(&(0, 0)), Some(&1));
        assert_eq!(looks.style.get(&(1, 0)), Some(&2));
        // A General cell has no entry.
        assert_eq!(looks.style.get(&(2, 0)), None);
    }

    #[test]
    fn a_charts_records_inside_a_sheet_are_found() {
        let chart_bof = rec(0x0809, &[0, 6, 0x20, 0]);
        let sheet = [
            rec(0x0809, &[0, 6, 0x10, 0]),
            label_sst(0, 0),
            chart_bof.clone(),
            number(0, 0),
            rec(0x000A, &[]),
            label_sst(5, 0),
        ];
        let stream = book(&sheet);
        let (patches, _) = check_sheets(&stream).unwrap();
        let pos = u32_at(&stream, 12).unwrap() as usize;
        let first = pos + sheet[0].len() + sheet[1].len();
        assert_eq!(
            patches,
            vec![
                (first, IGNORED),
                (first + chart_bof.len(), IGNORED),
                (first + chart_bof.len() + 18, IGNORED)
            ]
        );
        // A sheet with no substream inside has none to hide.
        assert!(check_sheets(&book(&[label_sst(0, 0)]))
            .unwrap()
            .0
            .is_empty());
    }

    #[test]
    fn a_small_sheet_passes() {
        assert!(check_sheets(&book(&[label_sst(0, 0), label_sst(40, 5)])).is_ok());
    }

    #[test]
    fn a_cell_at_the_last_row_and_column_is_refused() {
        let err = check_sheets(&book(&[label_sst(0, 0), label_sst(65535, 255)])).unwrap_err();
        assert_eq!(
            err.to_string(),
            "sheet \"Plan\" spans A1:IV65536 (16777216 cells), over the limit of 500000 cells"
        );
    }

    #[test]
    fn a_dimensions_record_claiming_billions_of_rows_is_refused() {
        let mut d = 0u32.to_le_bytes().to_vec();
        d.extend_from_slice(&u32::MAX.to_le_bytes());
        d.extend_from_slice(&[0, 0, 8, 0, 0, 0]);
        let err = check_sheets(&book(&[rec(0x0200, &d)])).unwrap_err();
        assert_eq!(
            err.to_string(),
            "sheet \"Plan\" declares 34359738360 cells, over the limit of 500000 cells"
        );
        // Rows that end before they start wrap to billions too.
        let mut d = 10u32.to_le_bytes().to_vec();
        d.extend_from_slice(&5u32.to_le_bytes());
        d.extend_from_slice(&[0, 0, 8, 0, 0, 0]);
        assert!(check_sheets(&book(&[rec(0x0200, &d)])).is_err());
    }

    #[test]
    fn sheets_sharing_their_records_are_refused() {
        // 100 sheet entries, all pointing at the same 1,000 records.
        let n = 100;
        let pos = 8 + n * 13 + 4;
        let mut s = rec(0x0809, &[0, 6, 5, 0]);
        for _ in 0..n {
            let mut d = (pos as u32).to_le_bytes().to_vec();
            d.extend_from_slice(&[0, 0, 1, 0, b'X']);
            s.extend(rec(0x0085, &d));
        }
        s.extend(rec(0x000A, &[]));
        assert_eq!(s.len(), pos);
        for i in 0..1000 {
            s.extend(label_sst(i, 0));
        }
        s.extend(rec(0x000A, &[]));
        assert_eq!(
            check_sheets(&s).unwrap_err().to_string(),
            "unreadable spreadsheet: damaged Excel 97-2003 file: its sheets share their records"
        );
    }

    #[test]
    fn a_looping_sector_chain_is_refused() {
        // A FAT whose entry 0 points at itself.
        let fat = [0u32, 0, ENDOFCHAIN];
        let sector = |_id: u32| -> Result<(&'static [u8], usize)> { Ok((&[0u8; 512], 0)) };
        let err = chain(0, &fat, usize::MAX, 3, sector).unwrap_err();
        assert_eq!(
            err.to_string(),
            "unreadable spreadsheet: damaged Excel 97-2003 file: a sector chain of the \
             compound file loops"
        );
    }
}
