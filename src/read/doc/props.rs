//! Properties: single property modifiers (sprms, [MS-DOC] 2.2.5.1) and
//! the formatted disk pages that hold them ([MS-DOC] 2.9.179 PapxFkp,
//! 2.9.44 ChpxFkp), found through the bin tables PlcBtePapx and
//! PlcBteChpx.
//!
//! A paragraph's properties are those of its style (through its
//! `istdBase` chain, see [`super::styles`]) with the PAPX's grpprl applied
//! on top; this module applies grpprls to [`ParaProps`] and [`CharProps`]
//! and reads the table row definition (sprmTDefTable, with its TC merge
//! flags) and cell shading (sprmTDefTableShd and its 80 form) a row's
//! terminating paragraph carries. Every sprm is skipped by its size, so an
//! unknown one costs nothing; a grpprl cut short ends where it is cut.

use std::collections::HashMap;

use super::le::{i16_at, slice, u16_at, u32_at, u8_at};

/// One property modifier: its code and its operand (for variable-size
/// operands, without their length prefix).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sprm<'a> {
    pub op: u16,
    pub arg: &'a [u8],
}

/// The sprms of a grpprl, in order.
pub fn sprms(grpprl: &[u8]) -> Sprms<'_> {
    Sprms { b: grpprl, pos: 0 }
}

pub struct Sprms<'a> {
    b: &'a [u8],
    pos: usize,
}

const SPRM_T_DEF_TABLE: u16 = 0xD608;
const SPRM_T_DEF_TABLE10: u16 = 0xD606;
const SPRM_P_CHG_TABS: u16 = 0xC615;

impl<'a> Iterator for Sprms<'a> {
    type Item = Sprm<'a>;

    fn next(&mut self) -> Option<Sprm<'a>> {
        let b = self.b;
        let op = u16_at(b, self.pos)?;
        let at = self.pos + 2;
        let (prefix, len) = match op >> 13 {
            0 | 1 => (0, 1),
            2 | 4 | 5 => (0, 2),
            3 => (0, 4),
            7 => (0, 3),
            _ => match op {
                // A 16-bit size, one more than the bytes after it.
                SPRM_T_DEF_TABLE | SPRM_T_DEF_TABLE10 => {
                    let cb = u16_at(b, at)? as usize;
                    (2, cb.saturating_sub(1).min(b.len().saturating_sub(at + 2)))
                }
                // cb 255 is a form this reader does not size: stop here.
                SPRM_P_CHG_TABS if u8_at(b, at)? == 255 => return None,
                _ => (1, u8_at(b, at)? as usize),
            },
        };
        let arg = slice(b, at + prefix, len)?;
        self.pos = at + prefix + len;
        Some(Sprm { op, arg })
    }
}

/// The paragraph properties this reader uses.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ParaProps {
    /// The paragraph style.
    pub istd: u16,
    /// sprmPFInTable.
    pub in_table: bool,
    /// sprmPFTtp: the paragraph ends a row of a top-level table.
    pub ttp: bool,
    /// sprmPItap / sprmPDtap: the table depth (0 outside tables).
    pub itap: Option<i32>,
    /// sprmPFInnerTableCell: the mark ends a cell of a nested table.
    pub inner_cell: bool,
    /// sprmPFInnerTtp: the mark ends a row of a nested table.
    pub inner_ttp: bool,
    /// sprmPIlfo: the list (1-based LFO index; 0 is none).
    pub ilfo: Option<u16>,
    /// sprmPIlvl: the list level.
    pub ilvl: Option<u8>,
    /// sprmPOutLvl: the outline level (9 is body text).
    pub outline: Option<u8>,
    /// sprmPHugePapx: more properties in the Data stream, at this offset.
    pub huge: Option<u32>,
    /// The row definition, on a row's terminating paragraph.
    pub row: Option<RowDef>,
}

/// A table row as its terminating paragraph defines it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RowDef {
    /// Cell boundaries in twips: one more than the cells.
    pub centers: Vec<i16>,
    /// Each cell's TCGRF flags (merges).
    pub flags: Vec<u16>,
    /// Each cell's fill from sprmTDefTableShd (and its 2nd, 3rd parts).
    pub shd: Vec<Option<Option<String>>>,
    /// Each cell's fill from sprmTDefTableShd80 (Word 97's palette).
    pub shd80: Vec<Option<String>>,
    /// sprmTTableHeader: a header row, repeated on each page.
    pub header: bool,
}

/// The most cells a row definition keeps ([MS-DOC]: at most 63).
const MAX_ROW_CELLS: usize = 64;

impl RowDef {
    /// The fill of cell `i`, if the row shades it.
    pub fn fill(&self, i: usize) -> Option<String> {
        match self.shd.get(i) {
            Some(Some(f)) => f.clone(),
            _ => self.shd80.get(i).cloned().flatten(),
        }
    }

    /// Cell `i` continues a horizontal merge (TC80 horzMerge 2 or 3).
    pub fn h_merged(&self, i: usize) -> bool {
        self.flags.get(i).is_some_and(|f| f & 0x0002 != 0)
    }

    /// Cell `i`'s vertical merge: `Some(true)` starts one, `Some(false)`
    /// continues the one above (TC80 vertMerge).
    pub fn v_merge(&self, i: usize) -> Option<bool> {
        let f = self.flags.get(i)?;
        match (f >> 5) & 3 {
            0 => None,
            1 => Some(false),
            _ => Some(true),
        }
    }
}

impl ParaProps {
    /// Apply a grpprl (a style's, then the paragraph's own).
    pub fn apply(&mut self, grpprl: &[u8]) {
        for s in sprms(grpprl) {
            let byte = s.arg.first().copied().unwrap_or(0);
            match s.op {
                0x2416 => self.in_table = byte != 0,
                0x2417 => self.ttp = byte != 0,
                0x6649 => self.itap = u32_at(s.arg, 0).map(|v| (v as i32).clamp(0, 64)),
                0x664A => {
                    let d = u32_at(s.arg, 0).unwrap_or(0) as i32;
                    self.itap = Some(self.itap.unwrap_or(0).saturating_add(d).clamp(0, 64));
                }
                0x244B => self.inner_cell = byte != 0,
                0x244C => self.inner_ttp = byte != 0,
                0x460B => self.ilfo = u16_at(s.arg, 0),
                0x260A => self.ilvl = Some(byte),
                0x2640 => self.outline = Some(byte),
                0x6646 => self.huge = u32_at(s.arg, 0),
                SPRM_T_DEF_TABLE => self.row_mut().define(s.arg),
                0x3404 => self.row_mut().header = byte != 0,
                0xD612 => self.row_mut().shading(s.arg, 0),
                0xD616 => self.row_mut().shading(s.arg, 22),
                0xD60C => self.row_mut().shading(s.arg, 44),
                0xD609 => self.row_mut().shading80(s.arg),
                _ => {}
            }
        }
    }

    fn row_mut(&mut self) -> &mut RowDef {
        self.row.get_or_insert_with(RowDef::default)
    }

    /// The table depth: sprmPItap, else 1 for a paragraph in a table.
    pub fn depth(&self) -> usize {
        match self.itap {
            Some(d) => d.max(0) as usize,
            None => usize::from(self.in_table),
        }
    }
}

impl RowDef {
    /// sprmTDefTable: itcMac, rgdxaCenter, rgTc80 (which may stop early).
    fn define(&mut self, arg: &[u8]) {
        let n = (u8_at(arg, 0).unwrap_or(0) as usize).min(MAX_ROW_CELLS);
        self.centers = (0..=n).map_while(|i| i16_at(arg, 1 + 2 * i)).collect();
        if self.centers.len() != n + 1 {
            self.centers.clear();
        }
        let tcs = 1 + 2 * (n + 1);
        self.flags = (0..n)
            .map(|i| u16_at(arg, tcs + 20 * i).unwrap_or(0))
            .collect();
    }

    /// sprmTDefTableShd*: a size byte was taken off; Shd structures of 10
    /// bytes for cells `first..`.
    fn shading(&mut self, arg: &[u8], first: usize) {
        for (i, shd) in arg.chunks_exact(10).enumerate().take(MAX_ROW_CELLS) {
            let at = first + i;
            if at >= MAX_ROW_CELLS {
                break;
            }
            if self.shd.len() <= at {
                self.shd.resize(at + 1, None);
            }
            self.shd[at] = Some(shd_fill(shd));
        }
    }

    /// sprmTDefTableShd80: SHD80s of 2 bytes, Word 97's 16 colours.
    fn shading80(&mut self, arg: &[u8]) {
        self.shd80 = arg
            .chunks_exact(2)
            .take(MAX_ROW_CELLS)
            .map(|s| {
                let v = u16::from_le_bytes([s[0], s[1]]);
                ico_rgb(((v >> 5) & 0x1F) as u8).map(str::to_string)
            })
            .collect();
    }
}

/// The background of a Shd ([MS-DOC] 2.9.248): cvBack, unless automatic
/// or the pattern is nil.
pub fn shd_fill(shd: &[u8]) -> Option<String> {
    let back = slice(shd, 4, 4)?;
    let ipat = u16_at(shd, 8)?;
    if back[3] == 0xFF || ipat == 0xFFFF {
        return None;
    }
    Some(format!("{:02X}{:02X}{:02X}", back[0], back[1], back[2]))
}

/// Word 97's colour index ([MS-DOC] 2.9.119 Ico) as six hex digits.
pub fn ico_rgb(ico: u8) -> Option<&'static str> {
    const RGB: [&str; 16] = [
        "000000", "0000FF", "00FFFF", "00FF00", "FF00FF", "FF0000", "FFFF00", "FFFFFF", "000080",
        "008080", "008000", "800080", "800000", "808000", "808080", "C0C0C0",
    ];
    RGB.get((ico as usize).checked_sub(1)?).copied()
}

/// The highlight names ECMA-376 gives Word's colour indexes, as the .docx
/// reader reports `w:highlight`.
fn ico_highlight(ico: u8) -> Option<&'static str> {
    const NAMES: [&str; 16] = [
        "black",
        "blue",
        "cyan",
        "green",
        "magenta",
        "red",
        "yellow",
        "white",
        "darkBlue",
        "darkCyan",
        "darkGreen",
        "darkMagenta",
        "darkRed",
        "darkYellow",
        "darkGray",
        "lightGray",
    ];
    NAMES.get((ico as usize).checked_sub(1)?).copied()
}

/// The character properties this reader uses.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CharProps {
    pub bold: bool,
    pub italic: bool,
    /// sprmCHighlight, by name.
    pub highlight: Option<String>,
    /// sprmCShd: run shading, as six hex digits.
    pub shading: Option<String>,
    /// sprmCFRMarkDel: deleted with change tracking on.
    pub deleted: bool,
    /// sprmCFSpec: the characters are special (pictures, note marks).
    pub special: bool,
}

impl CharProps {
    pub fn apply(&mut self, grpprl: &[u8]) {
        for s in sprms(grpprl) {
            let byte = s.arg.first().copied().unwrap_or(0);
            match s.op {
                // 0x80 is "as the style", 0x81 "not as the style": the
                // .docx reader reads direct formatting only, so do we.
                0x0835 => self.bold = byte == 1 || byte == 0x81,
                0x0836 => self.italic = byte == 1 || byte == 0x81,
                0x2A0C => self.highlight = ico_highlight(byte).map(str::to_string),
                0xCA71 => self.shading = shd_fill(s.arg),
                0x0800 => self.deleted = byte != 0,
                0x0855 => self.special = byte != 0,
                _ => {}
            }
        }
    }
}

/// A bin table: FC ranges and the FKP page holding each one's properties.
#[derive(Debug, Default)]
pub struct BinTable {
    fcs: Vec<u32>,
    pns: Vec<u32>,
}

impl BinTable {
    /// PlcBtePapx / PlcBteChpx: n+1 FCs, then n 4-byte page numbers.
    pub fn parse(plc: &[u8]) -> BinTable {
        if plc.len() < 4 {
            return BinTable::default();
        }
        let n = (plc.len() - 4) / 8;
        let fcs: Vec<u32> = (0..=n).filter_map(|i| u32_at(plc, 4 * i)).collect();
        let pns = (0..n)
            .filter_map(|i| u32_at(plc, 4 * (n + 1) + 4 * i))
            .map(|p| p & 0x003F_FFFF)
            .collect();
        BinTable { fcs, pns }
    }

    /// The page whose FC range holds `fc`.
    fn page_of(&self, fc: u32) -> Option<u32> {
        let i = self.fcs.partition_point(|&f| f <= fc).checked_sub(1)?;
        if fc >= *self.fcs.get(i + 1)? {
            return None;
        }
        self.pns.get(i).copied()
    }
}

/// Which kind of FKP a page is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FkpKind {
    Papx,
    Chpx,
}

/// One run of an FKP: FCs `start..end` and their PAPX (istd and grpprl)
/// or CHPX (grpprl) bytes.
#[derive(Debug, Clone)]
struct Run {
    start: u32,
    end: u32,
    data: Vec<u8>,
}

/// The FKP pages of one bin table, parsed on first use.
pub struct Fkps {
    kind: FkpKind,
    bins: BinTable,
    pages: HashMap<u32, Vec<Run>>,
}

const PAGE: usize = 512;

impl Fkps {
    pub fn new(kind: FkpKind, bins: BinTable) -> Fkps {
        Fkps {
            kind,
            bins,
            pages: HashMap::new(),
        }
    }

    /// The PAPX or CHPX bytes of the run holding `fc`, with the run's FC
    /// range; `None` when no page covers it (default properties).
    pub fn lookup(&mut self, stream: &[u8], fc: u32) -> Option<(u32, u32, &[u8])> {
        let pn = self.bins.page_of(fc)?;
        let kind = self.kind;
        let runs = self
            .pages
            .entry(pn)
            .or_insert_with(|| parse_fkp(stream, pn, kind));
        let i = runs.partition_point(|r| r.start <= fc).checked_sub(1)?;
        let r = runs.get(i)?;
        (fc < r.end).then_some((r.start, r.end, r.data.as_slice()))
    }
}

/// The runs of FKP page `pn` of the `WordDocument` stream; none if the page
/// is not all there or does not hold together.
fn parse_fkp(stream: &[u8], pn: u32, kind: FkpKind) -> Vec<Run> {
    let Some(page) = (pn as usize)
        .checked_mul(PAGE)
        .and_then(|at| slice(stream, at, PAGE))
    else {
        return Vec::new();
    };
    let crun = page[PAGE - 1] as usize;
    let entry = match kind {
        FkpKind::Papx => 13,
        FkpKind::Chpx => 1,
    };
    let offsets = 4 * (crun + 1);
    if offsets + entry * crun > PAGE - 1 {
        return Vec::new();
    }
    let mut runs = Vec::with_capacity(crun);
    for i in 0..crun {
        let (Some(start), Some(end)) = (u32_at(page, 4 * i), u32_at(page, 4 * i + 4)) else {
            break;
        };
        if end <= start {
            continue;
        }
        let at = 2 * page[offsets + entry * i] as usize;
        let data = if at == 0 {
            Vec::new()
        } else {
            match kind {
                FkpKind::Chpx => {
                    let cb = u8_at(page, at).unwrap_or(0) as usize;
                    slice(page, at + 1, cb).unwrap_or_default().to_vec()
                }
                FkpKind::Papx => {
                    let cb = u8_at(page, at).unwrap_or(0) as usize;
                    let (from, len) = if cb != 0 {
                        (at + 1, 2 * cb - 1)
                    } else {
                        (at + 2, 2 * u8_at(page, at + 1).unwrap_or(0) as usize)
                    };
                    slice(page, from, len).unwrap_or_default().to_vec()
                }
            }
        };
        runs.push(Run { start, end, data });
    }
    runs.sort_by_key(|r| r.start);
    runs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sprms_are_sized_by_their_code() {
        // sprmPFInTable (1 byte), sprmPItap (4), a variable one (cb 2),
        // sprmTDefTable (16-bit cb, one more than what follows).
        let g = [
            0x16, 0x24, 1, 0x49, 0x66, 2, 0, 0, 0, 0x12, 0xD6, 2, 9, 9, 0x08, 0xD6, 4, 0, 1, 2, 3,
            0x35, 0x08, 1,
        ];
        let ops: Vec<(u16, usize)> = sprms(&g).map(|s| (s.op, s.arg.len())).collect();
        assert_eq!(
            ops,
            [
                (0x2416, 1),
                (0x6649, 4),
                (0xD612, 2),
                (0xD608, 3),
                (0x0835, 1)
            ]
        );
        // Cut short: the iteration stops, no panic.
        for cut in 0..g.len() {
            let _ = sprms(&g[..cut]).count();
        }
        assert_eq!(sprms(&[0x15, 0xC6, 255, 1, 2]).count(), 0);
    }

    #[test]
    fn a_row_definition_gives_cells_merges_and_fills() {
        // Two cells: the first starts a vertical merge, the second is shaded.
        let mut tdef = vec![2u8];
        for c in [0i16, 1000, 3000] {
            tdef.extend(c.to_le_bytes());
        }
        let mut tc = [0u8; 20];
        tc[0] = 0x60;
        tdef.extend(tc);
        tdef.extend([2u8, 0]);
        let mut g = vec![0x08, 0xD6];
        g.extend(((tdef.len() + 1) as u16).to_le_bytes());
        g.extend(&tdef);
        g.extend([0x12, 0xD6, 20]);
        g.extend([0, 0, 0, 0xFF, 0, 0, 0, 0xFF, 0, 0]);
        g.extend([0, 0, 0, 0, 0x00, 0xB0, 0x50, 0, 0, 0]);
        g.extend([0x04, 0x34, 1]);
        let mut p = ParaProps::default();
        p.apply(&g);
        let row = p.row.expect("row");
        assert_eq!(row.centers, [0, 1000, 3000]);
        assert_eq!(row.v_merge(0), Some(true));
        assert_eq!(row.v_merge(1), None);
        assert!(row.h_merged(1));
        assert_eq!(row.fill(0), None);
        assert_eq!(row.fill(1).as_deref(), Some("00B050"));
        assert!(row.header);
    }

    #[test]
    fn a_huge_cell_count_is_bounded() {
        let mut p = ParaProps::default();
        let mut g = vec![0x08, 0xD6, 0xFF, 0xFF, 0xFF];
        g.extend(vec![0u8; 100]);
        p.apply(&g);
        assert!(p.row.expect("row").centers.is_empty());
    }

    fn fkp_page(kind: FkpKind, runs: &[(u32, u32, &[u8])]) -> Vec<u8> {
        let mut page = vec![0u8; PAGE];
        let crun = runs.len();
        for (i, r) in runs.iter().enumerate() {
            page[4 * i..4 * i + 4].copy_from_slice(&r.0.to_le_bytes());
            page[4 * i + 4..4 * i + 8].copy_from_slice(&r.1.to_le_bytes());
        }
        let entry = if kind == FkpKind::Papx { 13 } else { 1 };
        let mut at = 400usize;
        for (i, r) in runs.iter().enumerate() {
            page[4 * (crun + 1) + entry * i] = (at / 2) as u8;
            match kind {
                FkpKind::Chpx => page[at] = r.2.len() as u8,
                FkpKind::Papx => {
                    page[at] = 0;
                    page[at + 1] = (r.2.len() / 2) as u8;
                    at += 1;
                }
            }
            page[at + 1..at + 1 + r.2.len()].copy_from_slice(r.2);
            at += 1 + r.2.len();
            at += at % 2;
        }
        page[PAGE - 1] = crun as u8;
        page
    }

    #[test]
    fn fkp_runs_are_found_by_fc() {
        let mut stream = vec![0u8; PAGE];
        stream.extend(fkp_page(
            FkpKind::Papx,
            &[(10, 20, &[1, 0, 0x16, 0x24]), (20, 30, &[0, 0])],
        ));
        let mut plc = Vec::new();
        for v in [10u32, 30, 1] {
            plc.extend(v.to_le_bytes());
        }
        let mut f = Fkps::new(FkpKind::Papx, BinTable::parse(&plc));
        let (s, e, d) = f.lookup(&stream, 12).expect("run");
        assert_eq!((s, e, d), (10, 20, &[1u8, 0, 0x16, 0x24][..]));
        assert_eq!(f.lookup(&stream, 20).expect("run").2, &[0u8, 0]);
        assert!(f.lookup(&stream, 30).is_none());
        assert!(f.lookup(&stream, 5).is_none());
        // A crun that does not fit, or a page past the stream: no runs.
        let mut bad = stream.clone();
        bad[2 * PAGE - 1] = 255;
        let mut g = Fkps::new(FkpKind::Papx, BinTable::parse(&plc));
        assert!(g.lookup(&bad, 12).is_none());
        let mut short = Fkps::new(FkpKind::Papx, BinTable::parse(&plc));
        assert!(short.lookup(&stream[..700], 12).is_none());
    }

    #[test]
    fn chpx_runs_give_character_properties() {
        let mut stream = fkp_page(FkpKind::Chpx, &[(0, 4, &[0x35, 0x08, 1, 0x0C, 0x2A, 7])]);
        stream.extend([0u8; 4]);
        let mut plc = Vec::new();
        for v in [0u32, 4, 0] {
            plc.extend(v.to_le_bytes());
        }
        let mut f = Fkps::new(FkpKind::Chpx, BinTable::parse(&plc));
        let mut c = CharProps::default();
        c.apply(f.lookup(&stream, 2).expect("run").2);
        assert!(c.bold && !c.italic);
        assert_eq!(c.highlight.as_deref(), Some("yellow"));
    }
}
