//! What calamine does not read from an .xlsx, read with our bounded XML
//! parser: each cell's style (its fill colour and number format), the
//! fills conditional formatting gives cells by their text ("On track"
//! green), hidden rows and columns, and each sheet's true extent before
//! anything is allocated for it.
//!
//! calamine gives values; this module gives their looks. Both read the same
//! parts, found the same way (`xl/workbook.xml` and its relationships).

use std::collections::{HashMap, HashSet};

use crate::error::{ErrorKind, Result};
use crate::read::container::Package;
use crate::read::xml::{attr, Ev, Xml};
use crate::read::Limits;

use super::numfmt;

/// One sheet as the workbook lists it.
#[derive(Debug, Clone)]
pub struct SheetEntry {
    /// The sheet's name.
    pub name: String,
    /// The zip part holding it, if it could be resolved.
    pub part: Option<String>,
}

/// The workbook's sheets in order, and whether dates use the 1904 system.
pub fn workbook(pkg: &Package<'_>, limits: &Limits) -> Result<(Vec<SheetEntry>, bool)> {
    let wb = pkg.require("xl/workbook.xml")?;
    let rels = match pkg.read("xl/_rels/workbook.xml.rels")? {
        Some(b) => relationships(&b, limits)?,
        None => HashMap::new(),
    };
    let mut xml = Xml::new(&wb, "xl/workbook.xml", limits.max_xml_depth);
    let mut sheets = Vec::new();
    let mut is_1904 = false;
    loop {
        match xml.next_event()? {
            Ev::Start(e) => match e.local_name().as_ref() {
                b"sheet" => {
                    let name = attr(&e, b"name").unwrap_or_default();
                    let part = attr(&e, b"id")
                        .and_then(|id| rels.get(&id).cloned())
                        .map(|t| resolve(&t));
                    sheets.push(SheetEntry { name, part });
                }
                b"workbookPr" => {
                    is_1904 = matches!(attr(&e, b"date1904").as_deref(), Some("1" | "true"));
                }
                _ => {}
            },
            Ev::Eof => return Ok((sheets, is_1904)),
            _ => {}
        }
    }
}

fn relationships(bytes: &[u8], limits: &Limits) -> Result<HashMap<String, String>> {
    let mut xml = Xml::new(bytes, "xl/_rels/workbook.xml.rels", limits.max_xml_depth);
    let mut out = HashMap::new();
    loop {
        match xml.next_event()? {
            Ev::Start(e) if e.local_name().as_ref() == b"Relationship" => {
                if let (Some(id), Some(target)) = (attr(&e, b"Id"), attr(&e, b"Target")) {
                    out.insert(id, target);
                }
            }
            Ev::Eof => return Ok(out),
            _ => {}
        }
    }
}

/// A relationship target of the workbook as a zip part name.
fn resolve(target: &str) -> String {
    match target.strip_prefix('/') {
        Some(abs) => abs.to_string(),
        None => format!("xl/{target}"),
    }
}

/// Cell formats from `xl/styles.xml`: for each `cellXfs` index, its fill
/// colour and its number format code; for each differential format (what
/// a conditional format applies), its fill colour.
#[derive(Debug, Default, Clone)]
pub struct Styles {
    /// Per cell format index: (fill colour, number format code).
    pub xfs: Vec<(Option<String>, Option<String>)>,
    /// Per differential format (`dxfs`) index: its fill colour.
    pub dxfs: Vec<Option<String>>,
}

/// Parse `xl/styles.xml`.
pub fn styles(bytes: &[u8], limits: &Limits) -> Result<Styles> {
    let mut xml = Xml::new(bytes, "xl/styles.xml", limits.max_xml_depth);
    let mut formats: HashMap<u32, String> = HashMap::new();
    let mut fills: Vec<Option<String>> = Vec::new();
    let mut xfs = Vec::new();
    let mut dxfs = Vec::new();
    // Where we are: inside <fills>/<fill>, inside <cellXfs>, inside a <dxf>.
    let (mut in_fills, mut in_fill, mut in_xfs) = (false, false, false);
    let mut in_dxf = false;
    let mut dxf_fill: Option<String> = None;
    let mut fill_solid = false;
    let mut fill_colour: Option<String> = None;
    loop {
        match xml.next_event()? {
            Ev::Start(e) => match e.local_name().as_ref() {
                b"numFmt" => {
                    if let (Some(id), Some(code)) = (
                        attr(&e, b"numFmtId").and_then(|v| v.parse().ok()),
                        attr(&e, b"formatCode"),
                    ) {
                        formats.insert(id, code);
                    }
                }
                b"fills" => in_fills = true,
                b"fill" if in_fills => {
                    in_fill = true;
                    fill_solid = false;
                    fill_colour = None;
                }
                b"patternFill" if in_fill => {
                    fill_solid = attr(&e, b"patternType").as_deref() == Some("solid");
                }
                b"fgColor" if in_fill && fill_colour.is_none() => {
                    fill_colour = colour(&e);
                }
                b"dxf" => {
                    in_dxf = true;
                    dxf_fill = None;
                }
                // A differential fill's colour is its background colour
                // (a pattern's foreground only when Excel writes that).
                b"bgColor" | b"fgColor" if in_dxf && dxf_fill.is_none() => {
                    dxf_fill = colour(&e);
                }
                b"cellXfs" => in_xfs = true,
                b"xf" if in_xfs => {
                    let fill = attr(&e, b"fillId")
                        .and_then(|v| v.parse::<usize>().ok())
                        .and_then(|i| fills.get(i).cloned().flatten());
                    let code = attr(&e, b"numFmtId")
                        .and_then(|v| v.parse::<u32>().ok())
                        .and_then(|id| {
                            formats
                                .get(&id)
                                .cloned()
                                .or_else(|| numfmt::builtin_format(id).map(str::to_string))
                        });
                    xfs.push((fill, code));
                }
                _ => {}
            },
            Ev::End(name) => match name.as_slice() {
                b"fills" => in_fills = false,
                b"fill" if in_fill => {
                    in_fill = false;
                    fills.push(fill_colour.take().filter(|_| fill_solid));
                }
                b"cellXfs" => in_xfs = false,
                b"dxf" if in_dxf => {
                    in_dxf = false;
                    dxfs.push(dxf_fill.take());
                }
                _ => {}
            },
            Ev::Eof => return Ok(Styles { xfs, dxfs }),
            _ => {}
        }
    }
}

/// A colour element's colour as six upper-case hex digits: `rgb` (ARGB, the
/// alpha dropped) or one of the 64 legacy `indexed` colours. Theme colours
/// are not resolved (`None`). White is no fill.
fn colour(e: &quick_xml::events::BytesStart<'_>) -> Option<String> {
    let hex = if let Some(rgb) = attr(e, b"rgb") {
        let rgb = rgb.trim().to_ascii_uppercase();
        let six = if rgb.len() == 8 { &rgb[2..] } else { &rgb[..] };
        (six.len() == 6 && six.bytes().all(|b| b.is_ascii_hexdigit())).then(|| six.to_string())
    } else {
        attr(e, b"indexed")
            .and_then(|i| i.parse::<usize>().ok())
            .and_then(|i| INDEXED.get(i))
            .map(|s| s.to_string())
    }?;
    (hex != "FFFFFF").then_some(hex)
}

/// The legacy indexed palette (ECMA-376 part 1, 18.8.27), 0-63.
const INDEXED: [&str; 64] = [
    "000000", "FFFFFF", "FF0000", "00FF00", "0000FF", "FFFF00", "FF00FF", "00FFFF", "000000",
    "FFFFFF", "FF0000", "00FF00", "0000FF", "FFFF00", "FF00FF", "00FFFF", "800000", "008000",
    "000080", "808000", "800080", "008080", "C0C0C0", "808080", "9999FF", "993366", "FFFFCC",
    "CCFFFF", "660066", "FF8080", "0066CC", "CCCCFF", "000080", "FF00FF", "FFFF00", "00FFFF",
    "800080", "800000", "008080", "0000FF", "00CCFF", "CCFFFF", "CCFFCC", "FFFF99", "99CCFF",
    "FF99CC", "CC99FF", "FFCC99", "3366FF", "33CCCC", "99CC00", "FFCC00", "FF9900", "FF6600",
    "666699", "969696", "003366", "339966", "003300", "333300", "993300", "993366", "333399",
    "333333",
];

/// What a sheet's XML says beyond its values.
#[derive(Debug, Default, Clone)]
pub struct SheetLooks {
    /// Style index of each cell that has one other than 0, by (row, col),
    /// 0-based.
    pub style: HashMap<(u32, u32), u32>,
    /// Hidden rows, 0-based.
    pub hidden_rows: HashSet<u32>,
    /// Rows grouped in an outline, 0-based, with their level (1-7).
    pub outline: std::collections::HashMap<u32, u8>,
    /// Hidden column ranges, 0-based inclusive.
    pub hidden_cols: Vec<(u32, u32)>,
    /// Bounding box (first row, first col, last row, last col) of the cells
    /// that hold a value.
    pub extent: Option<(u32, u32, u32, u32)>,
    /// How many cells hold a value.
    pub values: u64,
    /// Conditional formats that test a cell's text, in the sheet's order.
    pub rules: Vec<CondRule>,
}

/// A conditional format that colours a cell by its text ("cellIs" equal,
/// "containsText", "beginsWith", "endsWith"); others (formulas, colour
/// scales, data bars, icon sets) are not evaluated.
#[derive(Debug, Clone, PartialEq)]
pub struct CondRule {
    /// The cells it applies to: (first row, first col, last row, last col),
    /// 0-based inclusive.
    pub ranges: Vec<(u32, u32, u32, u32)>,
    /// What the cell's text is tested for.
    pub test: CondTest,
    /// The differential format it applies.
    pub dxf: usize,
    /// Lower goes first; the first rule that holds and has a fill wins.
    pub priority: u32,
}

/// The test of a [`CondRule`], on the cell's text, case-insensitive as in
/// Excel.
#[derive(Debug, Clone, PartialEq)]
pub enum CondTest {
    /// The text is this.
    Equal(String),
    /// The text holds this.
    Contains(String),
    /// The text starts with this.
    Begins(String),
    /// The text ends with this.
    Ends(String),
}

impl CondTest {
    fn holds(&self, text: &str) -> bool {
        let t = text.trim().to_lowercase();
        match self {
            CondTest::Equal(v) => t == *v,
            CondTest::Contains(v) => t.contains(v.as_str()),
            CondTest::Begins(v) => t.starts_with(v.as_str()),
            CondTest::Ends(v) => t.ends_with(v.as_str()),
        }
    }
}

/// The fill conditional formatting gives the cell at (`r`, `c`) holding
/// `text`, if a rule that tests text holds for it.
pub fn conditional_fill(
    looks: &SheetLooks,
    styles: &Styles,
    (r, c): (u32, u32),
    text: &str,
) -> Option<String> {
    looks
        .rules
        .iter()
        .filter(|rule| {
            rule.ranges
                .iter()
                .any(|&(r0, c0, r1, c1)| (r0..=r1).contains(&r) && (c0..=c1).contains(&c))
        })
        .filter_map(|rule| {
            let fill = styles.dxfs.get(rule.dxf).cloned().flatten()?;
            rule.test.holds(text).then_some((rule.priority, fill))
        })
        .min_by_key(|(p, _)| *p)
        .map(|(_, fill)| fill)
}

/// A rule's test from its attributes and its first formula: a string
/// literal (`"On track"`, `""` for a quote) for "cellIs" equal; the `text`
/// attribute for the text rules.
fn cond_test(kind: &str, operator: &str, text: Option<&str>, formula: &str) -> Option<CondTest> {
    let lower = |s: &str| s.trim().to_lowercase();
    match kind {
        "cellIs" if operator == "equal" => {
            let f = formula.trim();
            let literal = f.strip_prefix('"').and_then(|s| s.strip_suffix('"'));
            match literal {
                Some(s) => Some(CondTest::Equal(lower(&s.replace("\"\"", "\"")))),
                // A number compares with the text the cell shows.
                None if !f.is_empty() && f.parse::<f64>().is_ok() => {
                    Some(CondTest::Equal(lower(f)))
                }
                None => None,
            }
        }
        "containsText" => text
            .filter(|t| !t.is_empty())
            .map(|t| CondTest::Contains(lower(t))),
        "beginsWith" => text
            .filter(|t| !t.is_empty())
            .map(|t| CondTest::Begins(lower(t))),
        "endsWith" => text
            .filter(|t| !t.is_empty())
            .map(|t| CondTest::Ends(lower(t))),
        _ => None,
    }
}

/// "F4:F10 H4" as 0-based inclusive ranges (references that are not a
/// sheet's cells are left out).
fn parse_sqref(sqref: &str) -> Vec<(u32, u32, u32, u32)> {
    sqref
        .split_whitespace()
        .filter_map(|part| {
            let (a, b) = part.split_once(':').unwrap_or((part, part));
            let (r0, c0) = parse_ref(&a.replace('$', ""))?;
            let (r1, c1) = parse_ref(&b.replace('$', ""))?;
            Some((r0.min(r1), c0.min(c1), r0.max(r1), c0.max(c1)))
        })
        .collect()
}

/// A `cfRule` element's attributes, as read.
struct RawRule {
    kind: String,
    operator: String,
    text: Option<String>,
    dxf: Option<usize>,
    priority: u32,
}

/// Most conditional rules a sheet's looks keep (a real plan has a few).
const MAX_RULES: usize = 1_000;

impl SheetLooks {
    /// Whether column `c` (0-based) is hidden.
    pub fn col_hidden(&self, c: u32) -> bool {
        self.hidden_cols.iter().any(|&(a, b)| (a..=b).contains(&c))
    }
}

/// Scan a sheet part: styles, hidden rows and columns, extent.
pub fn sheet_looks(bytes: &[u8], part: &str, limits: &Limits) -> Result<SheetLooks> {
    let mut xml = Xml::new(bytes, part, limits.max_xml_depth);
    let mut out = SheetLooks::default();
    let mut row: u32 = 0;
    let mut next_col: u32 = 0;
    // The cell being read: its position, and whether it holds a value.
    let mut cur: Option<(u32, u32)> = None;
    let mut has_value = false;
    // The conditional format being read: its ranges; its rule's type,
    // operator, text, format, priority; and its first formula.
    let mut cond_ranges: Vec<(u32, u32, u32, u32)> = Vec::new();
    let mut rule: Option<RawRule> = None;
    let mut formula: Option<String> = None;
    let mut in_formula = false;
    loop {
        match xml.next_event()? {
            Ev::Start(e) => match e.local_name().as_ref() {
                b"row" => {
                    if let Some(r) = attr(&e, b"r") {
                        check_row(part, &r)?;
                    }
                    row = attr(&e, b"r")
                        .and_then(|r| r.parse::<u32>().ok())
                        .map_or(row + 1, |r| r.saturating_sub(1));
                    next_col = 0;
                    if matches!(attr(&e, b"hidden").as_deref(), Some("1" | "true")) {
                        out.hidden_rows.insert(row);
                    }
                    if let Some(level) = attr(&e, b"outlineLevel")
                        .and_then(|l| l.parse::<u8>().ok())
                        .filter(|l| (1..=7).contains(l))
                    {
                        out.outline.insert(row, level);
                    }
                }
                b"col" => {
                    if matches!(attr(&e, b"hidden").as_deref(), Some("1" | "true")) {
                        let min = attr(&e, b"min").and_then(|v| v.parse::<u32>().ok());
                        let max = attr(&e, b"max").and_then(|v| v.parse::<u32>().ok());
                        if let (Some(a), Some(b)) = (min, max) {
                            if a >= 1 && b >= a {
                                out.hidden_cols.push((a - 1, b - 1));
                            }
                        }
                    }
                }
                b"c" => {
                    let r = attr(&e, b"r");
                    if let Some(r) = &r {
                        check_ref(part, r)?;
                    }
                    let pos = r.and_then(|r| parse_ref(&r)).unwrap_or((row, next_col));
                    next_col = pos.1.saturating_add(1);
                    if let Some(s) = attr(&e, b"s").and_then(|s| s.parse::<u32>().ok()) {
                        if s != 0 {
                            out.style.insert(pos, s);
                        }
                    }
                    cur = Some(pos);
                    has_value = false;
                }
                b"v" | b"is" | b"f" if cur.is_some() => has_value = true,
                b"conditionalFormatting" => {
                    cond_ranges = attr(&e, b"sqref")
                        .map(|s| parse_sqref(&s))
                        .unwrap_or_default();
                }
                b"cfRule" if !cond_ranges.is_empty() => {
                    rule = Some(RawRule {
                        kind: attr(&e, b"type").unwrap_or_default(),
                        operator: attr(&e, b"operator").unwrap_or_default(),
                        text: attr(&e, b"text"),
                        dxf: attr(&e, b"dxfId").and_then(|v| v.parse().ok()),
                        priority: attr(&e, b"priority")
                            .and_then(|v| v.parse().ok())
                            .unwrap_or(u32::MAX),
                    });
                    formula = None;
                }
                b"formula" if rule.is_some() && formula.is_none() => {
                    in_formula = true;
                    formula = Some(String::new());
                }
                b"dimension" | b"mergeCell" => {
                    if let Some(range) = attr(&e, b"ref") {
                        check_range(part, &range)?;
                    }
                }
                _ => {}
            },
            Ev::Text(t) if in_formula => {
                if let Some(f) = formula.as_mut().filter(|f| f.len() < 1_000) {
                    f.push_str(&t);
                }
            }
            Ev::End(name) if name.as_slice() == b"formula" => in_formula = false,
            Ev::End(name) if name.as_slice() == b"cfRule" => {
                if let Some(RawRule {
                    kind,
                    operator,
                    text,
                    dxf: Some(dxf),
                    priority,
                }) = rule.take()
                {
                    let f = formula.take().unwrap_or_default();
                    if let Some(test) = cond_test(&kind, &operator, text.as_deref(), &f) {
                        if out.rules.len() < MAX_RULES {
                            out.rules.push(CondRule {
                                ranges: cond_ranges.clone(),
                                test,
                                dxf,
                                priority,
                            });
                        }
                    }
                }
            }
            Ev::End(name) if name.as_slice() == b"conditionalFormatting" => cond_ranges.clear(),
            Ev::End(name) if name.as_slice() == b"c" => {
                if let (Some((r, c)), true) = (cur.take(), has_value) {
                    out.values += 1;
                    out.extent = Some(match out.extent {
                        None => (r, c, r, c),
                        Some((r0, c0, r1, c1)) => (r0.min(r), c0.min(c), r1.max(r), c1.max(c)),
                    });
                }
            }
            Ev::Eof => return Ok(out),
            _ => {}
        }
    }
}

/// "C12" as 0-based (row, col); `None` unless it is a cell of a sheet
/// (A1 to XFD1048576).
pub fn parse_ref(r: &str) -> Option<(u32, u32)> {
    let letters: String = r.chars().take_while(|c| c.is_ascii_alphabetic()).collect();
    if letters.is_empty() || letters.len() > 3 {
        return None;
    }
    let digits = &r[letters.len()..];
    if digits.is_empty() || digits.len() > 7 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let row: u32 = digits.parse().ok()?;
    let mut col: u32 = 0;
    for ch in letters.chars() {
        col = col * 26 + (ch.to_ascii_uppercase() as u32 - 'A' as u32 + 1);
    }
    ((1..=1_048_576).contains(&row) && col <= 16_384).then(|| (row - 1, col - 1))
}

/// Refuse a cell reference that calamine would take but not bound. Its
/// reader multiplies the leading letters and then the digits out in `u32`
/// before it looks at what follows, unchecked: "AAAAAAA1" or "A99999999999"
/// overflow (a panic in debug builds; in release the wrapped position is
/// read, and can make it allocate a sheet of billions of cells), and so
/// does "Configurations2/C3" before its "/" is refused (found by fuzzing).
/// So: more than 3 letters or 7 digits at the start, or letters and digits
/// alone naming a cell past XFD1048576. Anything else that is not a
/// reference calamine refuses itself.
fn check_ref(part: &str, r: &str) -> Result<()> {
    let letters = r.bytes().take_while(u8::is_ascii_alphabetic).count();
    let digits = r
        .bytes()
        .skip(letters)
        .take_while(u8::is_ascii_digit)
        .count();
    let whole = letters + digits == r.len() && letters > 0 && digits > 0;
    if letters > 3 || digits > 7 || (whole && parse_ref(r).is_none()) {
        return Err(ErrorKind::Sheet(format!(
            "{part}: cell reference \"{}\" is outside a sheet's A1:XFD1048576 (damaged?)",
            clip(r)
        )));
    }
    Ok(())
}

/// A row number (`<row r="...">`), which calamine parses as it does a cell
/// reference (see [`check_ref`]) and then counts up from.
fn check_row(part: &str, r: &str) -> Result<()> {
    check_ref(part, r)?;
    if !r.is_empty() && r.bytes().all(|b| b.is_ascii_digit()) {
        match r.parse::<u32>() {
            Ok(1..=1_048_576) => {}
            _ => {
                return Err(ErrorKind::Sheet(format!(
                    "{part}: row number \"{}\" is outside a sheet's rows 1 to 1048576 (damaged?)",
                    clip(r)
                )))
            }
        }
    }
    Ok(())
}

/// A range reference ("A1:H43") as [`check_ref`] checks a cell's, and, when
/// both ends are cells, one that ends before it starts (calamine subtracts
/// one end from the other unchecked). Found by fuzzing: a merge "A73:A35".
fn check_range(part: &str, range: &str) -> Result<()> {
    let mut ends = range.split(':');
    let (Some(a), b) = (ends.next(), ends.next()) else {
        return Ok(());
    };
    check_ref(part, a)?;
    if let Some(b) = b {
        check_ref(part, b)?;
        if let (Some(start), Some(end)) = (parse_ref(a), parse_ref(b)) {
            if end.0 < start.0 || end.1 < start.1 {
                return Err(ErrorKind::Sheet(format!(
                    "{part}: range \"{}\" ends before it starts (damaged?)",
                    clip(range)
                )));
            }
        }
    }
    Ok(())
}

/// At most 40 characters of a value quoted in an error.
fn clip(s: &str) -> String {
    match s.char_indices().nth(40) {
        Some((i, _)) => format!("{}...", &s[..i]),
        None => s.to_string(),
    }
}

/// Every XML part that calamine or we read, checked once with our limits before
/// calamine (which has none) reads it: well-formed, not too deep, no
/// DOCTYPE, and inflating within the part and package limits.
pub fn check_parts(pkg: &Package<'_>, limits: &Limits) -> Result<()> {
    for name in pkg.names() {
        let lower = name.to_ascii_lowercase().replace('\\', "/");
        // Only the parts calamine or we read: a part nobody reads (a
        // UTF-16 customXml/item1.xml, a theme) must not fail the workbook.
        let read = ["xl/", "_rels/", "docprops/"]
            .iter()
            .any(|d| lower.starts_with(d))
            || lower == "[content_types].xml";
        if !read {
            continue;
        }
        if lower.ends_with(".xml") || lower.ends_with(".rels") {
            let bytes = pkg.require(&name)?;
            crate::read::xml::check(&bytes, &name, limits.max_xml_depth)?;
            if lower.replace('\\', "/") == "xl/sharedstrings.xml" {
                check_unique_count(&bytes, &name)?;
            }
        } else if lower.ends_with(".bin") {
            pkg.require(&name)?;
        }
    }
    Ok(())
}

/// calamine reserves room for as many shared strings as `<sst uniqueCount>`
/// says, before reading one: a damaged or hostile count (found by fuzzing:
/// `uniqueCount="100000000000"`) aborts the process on a failed allocation.
/// Refuse a count that neither fits the book's cell limit nor the part's
/// size (every string takes at least the five bytes of `<si/>`).
fn check_unique_count(bytes: &[u8], part: &str) -> Result<()> {
    let mut xml = Xml::new(bytes, part, usize::MAX);
    let sst = loop {
        match xml.next_event()? {
            Ev::Start(e) if e.local_name().as_ref() == b"sst" => break e,
            Ev::Eof => return Ok(()),
            _ => {}
        }
    };
    for a in sst.attributes().flatten() {
        if a.key.local_name().as_ref() != b"uniqueCount" {
            continue;
        }
        // calamine reads the raw value as an unsigned integer.
        let raw = a.value.as_ref();
        let digits = raw.strip_prefix(b"+").unwrap_or(raw);
        if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
            continue;
        }
        let n = digits.iter().fold(0u128, |n, d| {
            (n * 10 + u128::from(d - b'0')).min(u128::from(u64::MAX))
        });
        let bound = super::MAX_BOOK_CELLS.max(bytes.len() as u64 / 5);
        if n > u128::from(bound) {
            return Err(ErrorKind::Sheet(format!(
                "{part} declares {n} unique strings, more than it can hold (damaged?)"
            )));
        }
    }
    Ok(())
}

/// Refuse a sheet whose used range would need more cells than the limit.
pub fn check_extent(sheet: &str, looks: &SheetLooks, max_cells: u64) -> Result<()> {
    if let Some((r0, c0, r1, c1)) = looks.extent {
        let area = (u64::from(r1 - r0) + 1) * (u64::from(c1 - c0) + 1);
        if area > max_cells {
            return Err(ErrorKind::Unsupported(format!(
                "sheet \"{sheet}\" spans {}:{} ({area} cells), over the limit of {max_cells} cells",
                cell_ref(r0, c0),
                cell_ref(r1, c1)
            )));
        }
    }
    Ok(())
}

/// 0-based (row, col) as "C12".
pub fn cell_ref(row: u32, col: u32) -> String {
    let mut letters = Vec::new();
    let mut c = col + 1;
    while c > 0 {
        let rem = (c - 1) % 26;
        letters.push((b'A' + rem as u8) as char);
        c = (c - 1) / 26;
    }
    letters.iter().rev().collect::<String>() + &(row + 1).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conditional_formats_colour_cells_by_their_text() {
        let styles = styles(
            br#"<styleSheet><dxfs count="3">
                <dxf><font><color rgb="FF9C0006"/></font></dxf>
                <dxf><fill><patternFill><bgColor rgb="FF00B050"/></patternFill></fill></dxf>
                <dxf><fill><patternFill patternType="solid"><fgColor rgb="00FF0000"/><bgColor rgb="00FF0000"/></patternFill></fill></dxf>
            </dxfs></styleSheet>"#,
            &Limits::default(),
        )
        .expect("styles");
        assert_eq!(
            styles.dxfs,
            [None, Some("00B050".into()), Some("FF0000".into())]
        );
        let sheet = br#"<worksheet><sheetData/>
            <conditionalFormatting sqref="F4:F10 H4">
              <cfRule type="cellIs" dxfId="1" priority="2" operator="equal"><formula>"On track"</formula></cfRule>
              <cfRule type="containsText" dxfId="2" priority="1" operator="containsText" text="risk"><formula>NOT(ISERROR(SEARCH("risk",F4)))</formula></cfRule>
              <cfRule type="cellIs" dxfId="0" priority="3" operator="equal"><formula>"Done"</formula></cfRule>
              <cfRule type="expression" dxfId="1" priority="4"><formula>$G4&gt;5</formula></cfRule>
            </conditionalFormatting></worksheet>"#;
        let looks =
            sheet_looks(sheet, "xl/worksheets/sheet1.xml", &Limits::default()).expect("looks");
        // The font-only rule and the formula rule are not kept.
        assert_eq!(looks.rules.len(), 3);
        let fill = |pos, text| conditional_fill(&looks, &styles, pos, text);
        assert_eq!(fill((3, 5), "On track").as_deref(), Some("00B050"));
        assert_eq!(fill((3, 5), " on TRACK ").as_deref(), Some("00B050"));
        assert_eq!(fill((9, 5), "At risk").as_deref(), Some("FF0000"));
        assert_eq!(fill((3, 7), "At risk").as_deref(), Some("FF0000"));
        // Outside the ranges, no rule holds, or the rule has no fill.
        assert_eq!(fill((10, 5), "On track"), None);
        assert_eq!(fill((3, 6), "On track"), None);
        assert_eq!(fill((3, 5), "On track soon"), None);
        assert_eq!(fill((3, 5), "Done"), None);
    }

    #[test]
    fn a_shared_string_count_past_belief_is_refused() {
        // Found by fuzzing (sheet_xml): calamine reserved 2.4 TB for it.
        let sst = |count: &str| {
            format!(r#"<sst xmlns="x" count="1" uniqueCount="{count}"><si><t>a</t></si></sst>"#)
        };
        let err = check_unique_count(sst("100000000000").as_bytes(), "xl/sharedStrings.xml");
        assert_eq!(
            err.unwrap_err().to_string(),
            "unreadable spreadsheet: xl/sharedStrings.xml declares 100000000000 unique \
             strings, more than it can hold (damaged?)"
        );
        for ok in ["1", "1000000", "-5", "lots", ""] {
            assert!(
                check_unique_count(sst(ok).as_bytes(), "s.xml").is_ok(),
                "{ok}"
            );
        }
    }

    #[test]
    fn cell_references_round_trip() {
        assert_eq!(parse_ref("A1"), Some((0, 0)));
        assert_eq!(parse_ref("C12"), Some((11, 2)));
        assert_eq!(parse_ref("XFD1048576"), Some((1_048_575, 16_383)));
        assert_eq!(parse_ref("A0"), None);
        assert_eq!(parse_ref("12"), None);
        assert_eq!(cell_ref(11, 2), "C12");
        assert_eq!(cell_ref(0, 26), "AA1");
        assert_eq!(cell_ref(1_048_575, 16_383), "XFD1048576");
    }

    #[test]
    fn styles_give_fills_and_formats() {
        let xml = br#"<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<numFmts count="1"><numFmt numFmtId="164" formatCode="mmm-yy"/></numFmts>
<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>
<fill><patternFill patternType="solid"><fgColor rgb="FFFF0000"/><bgColor indexed="64"/></patternFill></fill>
<fill><patternFill patternType="solid"><fgColor rgb="FFFFFFFF"/></patternFill></fill></fills>
<cellStyleXfs count="1"><xf numFmtId="0" fillId="0"/></cellStyleXfs>
<cellXfs count="4"><xf numFmtId="0" fillId="0"/><xf numFmtId="164" fillId="0"/><xf numFmtId="0" fillId="2"/><xf numFmtId="14" fillId="3"/></cellXfs>
</styleSheet>"#;
        let s = styles(xml, &Limits::default()).unwrap();
        assert_eq!(s.xfs.len(), 4);
        assert_eq!(s.xfs[1], (None, Some("mmm-yy".into())));
        assert_eq!(s.xfs[2], (Some("FF0000".into()), None));
        assert_eq!(s.xfs[3], (None, Some("dd/mm/yyyy".into())));
    }

    #[test]
    fn sheet_looks_find_outline_levels() {
        let xml = br#"<worksheet><sheetData>
<row r="2"><c r="A2"><v>1</v></c></row>
<row r="3" outlineLevel="1"><c r="A3"><v>2</v></c></row>
<row r="4" outlineLevel="2" hidden="1"><c r="A4"><v>3</v></c></row>
<row r="5" outlineLevel="9"><c r="A5"><v>4</v></c></row></sheetData></worksheet>"#;
        let l = sheet_looks(xml, "sheet1.xml", &Limits::default()).unwrap();
        assert_eq!(l.outline.get(&1), None);
        assert_eq!(l.outline.get(&2), Some(&1));
        assert_eq!(l.outline.get(&3), Some(&2));
        // Excel's levels go to 7: anything else is not an outline.
        assert_eq!(l.outline.get(&4), None);
    }

    #[test]
    fn sheet_looks_find_hidden_and_extent() {
        let xml = br#"<worksheet><cols><col min="3" max="4" hidden="1"/></cols><sheetData>
<row r="2"><c r="B2" s="3" t="s"><v>0</v></c><c r="C2" s="5"/></row>
<row r="7" hidden="1"><c r="E7"><v>1</v></c></row></sheetData></worksheet>"#;
        let l = sheet_looks(xml, "sheet1.xml", &Limits::default()).unwrap();
        assert_eq!(l.extent, Some((1, 1, 6, 4)));
        assert_eq!(l.values, 2);
        assert_eq!(l.style.get(&(1, 2)), Some(&5));
        assert!(l.hidden_rows.contains(&6));
        assert!(l.col_hidden(2) && l.col_hidden(3) && !l.col_hidden(4));
    }

    #[test]
    fn references_past_the_sheet_or_reversed_are_refused() {
        assert_eq!(parse_ref("XFD1048576"), Some((1_048_575, 16_383)));
        assert_eq!(parse_ref("XFE1"), None);
        assert_eq!(parse_ref("A1048577"), None);
        assert_eq!(parse_ref("A0"), None);
        assert!(check_ref("s.xml", "B7").is_ok());
        // Not a reference at all: left to calamine, which refuses it.
        assert!(check_ref("s.xml", "$B$7").is_ok());
        assert!(check_ref("s.xml", "C3/x").is_ok());
        // calamine would overflow before reaching the "/".
        assert!(check_ref("s.xml", "Configurations2/toolbar/C33").is_err());
        assert!(check_ref("s.xml", "A12345678/").is_err());
        assert!(check_row("s.xml", "1048576").is_ok());
        assert!(check_row("s.xml", "1048577").is_err());
        assert!(check_row("s.xml", "0").is_err());
        let e = check_ref("s.xml", "AAAAAAAA1").unwrap_err().to_string();
        assert_eq!(
            e,
            "unreadable spreadsheet: s.xml: cell reference \"AAAAAAAA1\" is outside a sheet's A1:XFD1048576 (damaged?)"
        );
        assert!(check_range("s.xml", "A1:H43").is_ok());
        assert!(check_range("s.xml", "B2:A2").is_err());
        assert!(check_range("s.xml", "A1:A99999999999").is_err());
    }
}
