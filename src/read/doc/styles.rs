//! The style sheet ([MS-DOC] 2.9.271 STSH) and list definitions
//! ([MS-DOC] 2.9.150 PlfLst, 2.9.149 PlfLfo, 2.9.150 LVL).
//!
//! From each paragraph style: its name, its base style and its paragraph
//! properties (a grpprl, applied base first); from that, whether it is a
//! heading and at which level, as the .docx reader decides it: "Title" is
//! level 0, the built-in "heading N" styles (sti 1-9, or the name) level N,
//! else an outline level. From the lists: each level's number format,
//! number text and start, turned into the .docx reader's
//! [`LevelDef`](crate::read::docx::LevelDef) so that labels are counted
//! and rendered by the one [`Numbering`](crate::read::docx::Numbering).

use std::collections::{HashMap, HashSet};

use super::le::{slice, u16_at, u32_at, u8_at};
use super::props::ParaProps;
use crate::model::ListKind;
use crate::read::docx::{format_number, LevelDef};

/// The most styles and lists read ([MS-DOC] allows 4095 styles).
const MAX_STYLES: usize = 4096;
const MAX_LISTS: usize = 4096;

/// One style, as stored.
#[derive(Debug, Clone, Default)]
pub struct Style {
    pub name: String,
    /// Built-in style identifier (1-9: heading 1-9, 62: Title).
    pub sti: u16,
    /// The style it is based on (0xFFF: none).
    pub base: u16,
    /// Its paragraph properties' grpprl (paragraph styles).
    pub papx: Vec<u8>,
}

/// The styles by index (istd); `None` for an empty slot.
#[derive(Debug, Default)]
pub struct StyleSheet {
    pub styles: Vec<Option<Style>>,
}

impl StyleSheet {
    /// Parse the STSH bytes (`fcStshf`, `lcbStshf`).
    pub fn parse(b: &[u8]) -> StyleSheet {
        let mut out = StyleSheet::default();
        let Some(cb_stshi) = u16_at(b, 0) else {
            return out;
        };
        let cstd = u16_at(b, 2).unwrap_or(0) as usize;
        let cb_base = u16_at(b, 4).unwrap_or(10) as usize;
        let mut pos = 2 + cb_stshi as usize;
        for _ in 0..cstd.min(MAX_STYLES) {
            let Some(cb) = u16_at(b, pos) else { break };
            let std = slice(b, pos + 2, cb as usize);
            pos += 2 + cb as usize;
            out.styles.push(
                std.filter(|s| !s.is_empty())
                    .and_then(|s| parse_std(s, cb_base)),
            );
        }
        out
    }

    pub fn get(&self, istd: u16) -> Option<&Style> {
        self.styles.get(istd as usize)?.as_ref()
    }

    /// A paragraph's properties from its style chain, base first, then
    /// its own grpprl on top (`own` starts with the istd).
    pub fn para_props(&self, istd: u16) -> ParaProps {
        let mut chain = Vec::new();
        let mut at = istd;
        // Bounded: a cycle of bases in a hostile file ends.
        for _ in 0..16 {
            let Some(s) = self.get(at) else { break };
            chain.push(s);
            if s.base == 0x0FFF || s.base == at {
                break;
            }
            at = s.base;
        }
        let mut p = ParaProps::default();
        for s in chain.iter().rev() {
            p.apply(&s.papx);
        }
        // Table membership is the paragraph's own, never its style's.
        p.row = None;
        p.istd = istd;
        p
    }

    /// The heading level of style `istd`: 0 for Title, N for heading N,
    /// else the style's outline level + 1.
    pub fn heading(&self, istd: u16, outline: Option<u8>) -> Option<u8> {
        let s = self.get(istd)?;
        let lower = s.name.to_ascii_lowercase();
        if s.sti == 62 || lower == "title" {
            return Some(0);
        }
        if (1..=9).contains(&s.sti) {
            return Some(s.sti as u8);
        }
        if let Some(n) = lower
            .strip_prefix("heading ")
            .and_then(|n| n.trim().parse::<u8>().ok())
        {
            return Some(n);
        }
        outline.filter(|&o| o < 9).map(|o| o + 1)
    }
}

/// One STD: StdfBase (and StdfPost2000, `cb_base` in all), the name, then
/// the UPXs.
fn parse_std(s: &[u8], cb_base: usize) -> Option<Style> {
    let sti = u16_at(s, 0)? & 0x0FFF;
    let w = u16_at(s, 2)?;
    let stk = (w & 0x000F) as u8;
    let base = w >> 4;
    let cupx = u16_at(s, 4)? & 0x000F;
    // Xstz: cch, cch UTF-16 units, a terminating zero.
    let cch = u16_at(s, cb_base)? as usize;
    let units: Vec<u16> = (0..cch)
        .map_while(|i| u16_at(s, cb_base + 2 + 2 * i))
        .collect();
    let mut name = String::from_utf16_lossy(&units);
    if (1..=9).contains(&sti) {
        // Word's own name for its built-in headings, as styles.xml has it
        // (LibreOffice writes "Heading 1").
        name = format!("heading {sti}");
    }
    let mut pos = cb_base + 2 + 2 * cch + 2;
    let mut papx = Vec::new();
    if stk == 1 && cupx >= 1 {
        pos += pos % 2;
        let cb = u16_at(s, pos)? as usize;
        // UpxPapx: istd, then the grpprl.
        if cb >= 2 {
            papx = slice(s, pos + 4, cb - 2).unwrap_or_default().to_vec();
        }
    }
    Some(Style {
        name,
        sti,
        base,
        papx,
    })
}

/// The lists: each LFO (by 1-based ilfo) and its levels, and the running
/// counters.
#[derive(Debug, Default)]
pub struct Lists {
    /// ilfo - 1 -> lsid.
    lfos: Vec<i32>,
    /// ilfo - 1 -> (level, new start) of its overrides.
    restarts: Vec<Vec<(usize, usize)>>,
    /// lsid -> levels.
    levels: HashMap<i32, Vec<LevelDef>>,
    /// lsid -> counter per level (0: not started).
    counters: HashMap<i32, [usize; 9]>,
    /// lsid -> a level's start for its next item, set by a restart.
    starts: HashMap<(i32, usize), usize>,
    /// The instances used so far (each restarts once).
    used: HashSet<u16>,
}

impl Lists {
    /// Parse PlfLst (with the LVLs that follow it) and PlfLfo. `lst_from`
    /// is the table stream from `fcPlfLst` on (the LVLs are past its
    /// `lcb`); `lfo` the PlfLfo's bytes.
    pub fn parse(lst_from: &[u8], lfo: &[u8]) -> Lists {
        let mut out = Lists::default();
        let c_lst = u16_at(lst_from, 0).unwrap_or(0) as usize;
        let c_lst = c_lst.min(MAX_LISTS);
        let mut lsts = Vec::new();
        for i in 0..c_lst {
            let at = 2 + 28 * i;
            let (Some(lsid), Some(flags)) = (u32_at(lst_from, at), u8_at(lst_from, at + 26)) else {
                break;
            };
            let simple = flags & 1 != 0;
            lsts.push((lsid as i32, if simple { 1 } else { 9 }));
        }
        let mut pos = 2 + 28 * lsts.len();
        'lists: for (lsid, n) in lsts {
            let mut levels = Vec::new();
            for _ in 0..n {
                match parse_lvl(lst_from, pos) {
                    Some((level, next)) => {
                        levels.push(level);
                        pos = next;
                    }
                    None => {
                        out.levels.insert(lsid, levels);
                        break 'lists;
                    }
                }
            }
            out.levels.insert(lsid, levels);
        }
        let n_lfo = (u32_at(lfo, 0).unwrap_or(0) as usize).min(MAX_LISTS);
        let mut counts = Vec::new();
        for i in 0..n_lfo {
            let (Some(lsid), Some(n)) = (u32_at(lfo, 4 + 16 * i), u8_at(lfo, 4 + 16 * i + 12))
            else {
                break;
            };
            out.lfos.push(lsid as i32);
            counts.push(n as usize);
        }
        // LFOData after the LFOs: cp, then each override (LFOLVL: iStartAt,
        // flags; an LVL follows one with fFormatting).
        let mut pos = 4 + 16 * out.lfos.len();
        for n in counts {
            let mut restarts = Vec::new();
            pos += 4;
            for _ in 0..n.min(9) {
                let (Some(start), Some(flags)) = (u32_at(lfo, pos), u32_at(lfo, pos + 4)) else {
                    break;
                };
                pos += 8;
                if flags & 0x10 != 0 {
                    restarts.push(((flags & 0xF) as usize, (start as i32).max(0) as usize));
                }
                if flags & 0x20 != 0 {
                    match parse_lvl(lfo, pos) {
                        Some((_, next)) => pos = next,
                        None => break,
                    }
                }
            }
            out.restarts.push(restarts);
        }
        out
    }

    /// The next item of list instance `ilfo` at `level`: its kind and, when
    /// numbered, its label. `None` for no list or a level without one.
    pub fn next_label(&mut self, ilfo: u16, level: usize) -> Option<(ListKind, Option<String>)> {
        let index = (ilfo as usize).checked_sub(1)?;
        let lsid = *self.lfos.get(index)?;
        let levels = self.levels.get(&lsid)?;
        let level = level.min(8);
        let def = levels.get(level).or_else(|| levels.last())?;
        if def.format == "none" {
            return None;
        }
        if self.used.insert(ilfo) {
            for &(l, start) in self.restarts.get(index).into_iter().flatten() {
                if l < 9 {
                    self.counters.entry(lsid).or_insert([0; 9])[l] = 0;
                    self.starts.insert((lsid, l), start);
                }
            }
        }
        if def.format == "bullet" {
            return Some((ListKind::Bullet, None));
        }
        let counters = self.counters.entry(lsid).or_insert([0; 9]);
        let start_of = |l: usize| {
            self.starts
                .get(&(lsid, l))
                .copied()
                .unwrap_or_else(|| levels.get(l).map_or(1, |d| d.start))
        };
        counters[level] = match counters[level] {
            0 => start_of(level),
            n => n + 1,
        };
        for deeper in counters.iter_mut().skip(level + 1) {
            *deeper = 0;
        }
        let mut label = def.text.clone();
        for l in (0..=level).rev() {
            let placeholder = format!("%{}", l + 1);
            if label.contains(&placeholder) {
                let fmt = levels.get(l).map_or("decimal", |d| d.format.as_str());
                let n = if counters[l] == 0 {
                    start_of(l)
                } else {
                    counters[l]
                };
                label = label.replace(&placeholder, &format_number(n, fmt));
            }
        }
        Some((ListKind::Number, Some(label)))
    }

    /// The levels of list instance `ilfo` (1-based), if defined.
    #[cfg(test)]
    fn levels(&self, ilfo: u16) -> Option<&Vec<LevelDef>> {
        let lsid = self.lfos.get((ilfo as usize).checked_sub(1)?)?;
        self.levels.get(lsid)
    }
}

/// One LVL at `at`: LVLF (28 bytes), grpprlPapx, grpprlChpx, then the
/// number text (an Xst). Returns the level and where the next one starts.
fn parse_lvl(b: &[u8], at: usize) -> Option<(LevelDef, usize)> {
    let start = u32_at(b, at)? as i32;
    let nfc = u8_at(b, at + 4)?;
    let cb_chpx = u8_at(b, at + 24)? as usize;
    let cb_papx = u8_at(b, at + 25)? as usize;
    let xst = at + 28 + cb_papx + cb_chpx;
    let cch = u16_at(b, xst)? as usize;
    let units: Vec<u16> = (0..cch).map_while(|i| u16_at(b, xst + 2 + 2 * i)).collect();
    if units.len() != cch {
        return None;
    }
    // Placeholders are the level numbers 0-8 as characters.
    let mut text = String::new();
    for c in char::decode_utf16(units.iter().copied()) {
        match c {
            Ok(c) if (c as u32) < 9 => text.push_str(&format!("%{}", c as u32 + 1)),
            Ok(c) => text.push(c),
            Err(_) => text.push('\u{FFFD}'),
        }
    }
    let format = match nfc {
        0 => "decimal",
        1 => "upperRoman",
        2 => "lowerRoman",
        3 => "upperLetter",
        4 => "lowerLetter",
        22 => "decimalZero",
        23 => "bullet",
        255 => "none",
        _ => "decimal",
    };
    Some((
        LevelDef {
            format: format.to_string(),
            text,
            start: start.max(0) as usize,
        },
        xst + 2 + 2 * cch,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An STSH of these (name, sti, base, papx grpprl) paragraph styles.
    pub(crate) fn stsh(styles: &[(&str, u16, u16, &[u8])]) -> Vec<u8> {
        let mut b = Vec::new();
        b.extend(18u16.to_le_bytes());
        let mut stshi = vec![0u8; 18];
        stshi[0..2].copy_from_slice(&(styles.len() as u16).to_le_bytes());
        stshi[2..4].copy_from_slice(&10u16.to_le_bytes());
        b.extend(stshi);
        for (name, sti, base, papx) in styles {
            let mut s = Vec::new();
            s.extend(sti.to_le_bytes());
            s.extend((1u16 | (base << 4)).to_le_bytes());
            s.extend(2u16.to_le_bytes());
            s.extend([0u8; 4]);
            let units: Vec<u16> = name.encode_utf16().collect();
            s.extend((units.len() as u16).to_le_bytes());
            for u in units {
                s.extend(u.to_le_bytes());
            }
            s.extend([0u8, 0]);
            if s.len() % 2 == 1 {
                s.push(0);
            }
            s.extend(((papx.len() + 2) as u16).to_le_bytes());
            s.extend([0u8, 0]);
            s.extend(*papx);
            b.extend((s.len() as u16).to_le_bytes());
            b.extend(s);
        }
        b
    }

    #[test]
    fn styles_give_names_headings_and_inherited_properties() {
        let b = stsh(&[
            ("Normal", 0, 0xFFF, &[]),
            ("heading 1", 1, 0, &[]),
            ("Title", 62, 0, &[]),
            ("Outlined", 0xFFE, 0, &[0x40, 0x26, 2]),
            ("Listy", 0xFFE, 3, &[0x0B, 0x46, 3, 0]),
        ]);
        let s = StyleSheet::parse(&b);
        assert_eq!(s.get(1).expect("h1").name, "heading 1");
        assert_eq!(s.heading(1, None), Some(1));
        assert_eq!(s.heading(2, None), Some(0));
        assert_eq!(s.heading(0, None), None);
        let p = s.para_props(4);
        assert_eq!((p.ilfo, p.outline, p.istd), (Some(3), Some(2), 4));
        assert_eq!(s.heading(4, p.outline), Some(3));
    }

    #[test]
    fn a_damaged_style_sheet_reads_what_it_can() {
        let b = stsh(&[("Normal", 0, 0xFFF, &[]), ("A", 0xFFE, 1, &[])]);
        for cut in 0..b.len() {
            let s = StyleSheet::parse(&b[..cut]);
            // A base cycle (A based on itself) ends.
            let _ = s.para_props(1);
        }
        let mut huge = b.clone();
        huge[2..4].copy_from_slice(&0xFFFFu16.to_le_bytes());
        assert_eq!(StyleSheet::parse(&huge).styles.len(), 2);
    }

    #[test]
    fn list_levels_give_formats_and_number_text() {
        let mut lst = Vec::new();
        lst.extend(1u16.to_le_bytes());
        let mut lstf = vec![0u8; 28];
        lstf[0..4].copy_from_slice(&77u32.to_le_bytes());
        lstf[26] = 1;
        lst.extend(lstf);
        let mut lvl = vec![0u8; 28];
        lvl[0..4].copy_from_slice(&3u32.to_le_bytes());
        lvl[4] = 4;
        lvl[25] = 2;
        lst.extend(lvl);
        lst.extend([9u8, 9]);
        lst.extend(2u16.to_le_bytes());
        lst.extend([0u8, 0, b')', 0]);
        let mut lfo = Vec::new();
        lfo.extend(1u32.to_le_bytes());
        lfo.extend(77u32.to_le_bytes());
        lfo.extend([0u8; 12]);
        let l = Lists::parse(&lst, &lfo);
        let levels = l.levels(1).expect("list");
        assert_eq!(levels[0].format, "lowerLetter");
        assert_eq!(levels[0].text, "%1)");
        assert_eq!(levels[0].start, 3);
        assert!(l.levels(2).is_none() && l.levels(0).is_none());
        for cut in 0..lst.len() {
            let _ = Lists::parse(&lst[..cut], &lfo);
        }
    }
}
