//! The PDF reader.
//!
//! A PDF has no tables, paragraphs or even words: only glyphs placed at
//! coordinates and lines drawn between them. This reader rebuilds the
//! structure the way pdfplumber does, characters and rules first, tables
//! found from them:
//!
//! 1. **Parse** (lopdf): the object graph, cross-reference table, object
//!    streams, and decryption with the empty user password. lopdf's
//!    `load_mem` runs under `catch_unwind`; a panic or parse error is a
//!    [`ErrorKind::PdfDamaged`] naming what lopdf said. A file that still
//!    needs a password is [`ErrorKind::PdfEncrypted`]. Before lopdf sees
//!    the bytes, [`prescan`] checks every cross-reference stream's claims
//!    against the data it holds (lopdf allocates what they claim).
//! 2. **Pages** ([`pages`]): our own walk of the page tree, cycle-proof,
//!    with inherited `/Resources`, `/MediaBox`, `/CropBox`, `/Rotate`. The
//!    pages are counted, `/Count` never believed; more than
//!    [`PdfLimits::max_pages`] is refused before any page is read.
//! 3. **Interpret** ([`interp`], [`lexer`], [`font`], [`cmap`], [`glyphs`]):
//!    each page's content streams and form XObjects become positioned
//!    characters, ruling lines and filled rectangles, in page coordinates
//!    from the top-left corner of the visible page.
//! 4. **Tables** ([`lattice`], [`stream`], [`tables`]): grids from the
//!    rules; a missing inner rule is a merged cell. Outside ruled tables,
//!    grids from columns of words aligned line after line (unruled tables,
//!    found conservatively: prose and lists are not tables). Characters go
//!    to the cell holding their centre; a shaded rectangle covering a cell is its fill, a smaller one
//!    behind a word a highlight. Tables broken across pages are joined (see
//!    [`tables`] for when).
//! 5. **Text** ([`layout`]): words, lines and paragraphs, in cells and
//!    outside tables; lines of a clearly larger font than the body text are
//!    headings. Lines repeated at the top or bottom of several pages are
//!    page headers and footers and are left out, as the Word reader leaves
//!    out `header*.xml`.
//!
//! Characters outside the crop box are not read, as they are not shown.
//!
//! Not done: an unruled table whose columns do not line up (a page with
//! gapped text but no table found says so in a warning); nested tables are
//! read as text of the enclosing cell; clipping is applied to text only,
//! by the clip's bounding box; Type3 glyph procedures are not run.

mod blocks;
mod charts;
mod cmap;
mod font;
mod glyphs;
mod interp;
mod lattice;
mod layout;
mod lexer;
mod monospace;
mod obj;
mod prescan;
mod rivers;
mod rulings;
mod stream;
mod tables;
mod tags;

use std::collections::{HashMap, HashSet};

use lopdf::{Dictionary, Document as PdfDoc, Object, ObjectId};

use crate::error::{ErrorKind, Result};
use crate::model::{
    Block, Cell, Document, Format, ListItem, ListKind, Meta, Paragraph, SourceLoc, Span, Table,
    Warning,
};
use crate::read::Limits;

use interp::{FontCache, Interp, PageContent, PageLimits};
use layout::Line;
use tables::DraftTable;

/// Bounds on what one PDF may cost. Page content limits are per page.
#[derive(Debug, Clone, Copy)]
pub struct PdfLimits {
    /// Most pages read; a longer document is refused up front.
    pub max_pages: u64,
    /// Deepest page-tree nesting followed.
    pub max_tree_depth: usize,
    /// Per-page interpretation bounds.
    pub page: PageLimits,
}

impl PdfLimits {
    /// The limits for a read under the crate's [`Limits`]: decoded content
    /// per page is bounded like an inflated zip part.
    pub fn from_limits(limits: &Limits) -> Self {
        PdfLimits {
            max_pages: 5_000,
            max_tree_depth: 64,
            page: PageLimits {
                max_content_bytes: usize::try_from(limits.max_part_bytes).unwrap_or(usize::MAX),
                ..PageLimits::default()
            },
        }
    }
}

/// Read a PDF under the crate's limits.
pub fn read(bytes: &[u8], limits: &Limits) -> Result<Document> {
    read_with(bytes, &PdfLimits::from_limits(limits))
}

/// Read a PDF under explicit PDF limits. A panic in the parser (lopdf's,
/// or ours) is this file's [`ErrorKind::PdfDamaged`], printed nowhere.
pub fn read_with(bytes: &[u8], limits: &PdfLimits) -> Result<Document> {
    crate::read::guard::catch_quietly(|| read_inner(bytes, limits))
        .unwrap_or_else(|what| Err(ErrorKind::PdfDamaged(format!("the parser failed: {what}"))))
}

fn read_inner(bytes: &[u8], limits: &PdfLimits) -> Result<Document> {
    // lopdf allocates what a cross-reference stream claims: check the
    // claims against the bytes first.
    prescan::check(bytes, limits.page.max_content_bytes).map_err(ErrorKind::PdfInconsistent)?;
    // /Count is never believed (the page tree is counted), but one that
    // overflows would make lopdf drop the page tree's root.
    let tamed = prescan::tame_counts(bytes);
    let bytes: &[u8] = &tamed;
    let doc = PdfDoc::load_mem(bytes).map_err(|e| match e {
        lopdf::Error::InvalidPassword | lopdf::Error::Decryption(_) => ErrorKind::PdfEncrypted,
        // lopdf's reads run out of data ("failed to fill whole buffer"):
        // say so in our words.
        lopdf::Error::IO(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => {
            ErrorKind::PdfDamaged(
                "a cross-reference section ends before the entries it declares".into(),
            )
        }
        lopdf::Error::IO(_) => {
            ErrorKind::PdfDamaged("a cross-reference section could not be read".into())
        }
        other => ErrorKind::PdfDamaged(other.to_string()),
    })?;
    if doc.trailer.get(b"Encrypt").is_ok() {
        // lopdf removes /Encrypt once it has decrypted with the empty user
        // password; still there means a password is needed.
        return Err(ErrorKind::PdfEncrypted);
    }
    let mut warnings = Vec::new();
    let pages = pages(&doc, limits, &mut warnings)?;
    let meta = Meta {
        format: Format::Pdf,
        title: info_text(&doc, b"Title"),
        producer: info_text(&doc, b"Producer"),
        pages: Some(pages.len() as u32),
        sheets: None,
    };
    let mut fonts = FontCache::new();
    let mut analysed = Vec::with_capacity(pages.len());
    let mut ends = (0, 0);
    let mut stops = (0, 0);
    let mut unreadable = Vec::new();
    for (i, page) in pages.iter().enumerate() {
        let n = i as u32 + 1;
        let (mut content, failed) =
            interpret(&doc, page, &mut fonts, limits.page, &mut warnings, n);
        unreadable.extend(failed.map(|why| (n, why)));
        // Whether the writer draws the spaces it wraps lines at, from the
        // pages so far (a page alone may hold too few lines to tell).
        let (spaced, inked) = layout::line_ends(&content.chars);
        ends = (ends.0 + spaced, ends.1 + inked);
        content.wrap_spaces = layout::wrap_spaces(ends);
        // Whether it balances its lines: from the tables read so far.
        content.stops.set(stops);
        // Tagged PDFs: a glyph's marked-content id becomes the structure
        // element (paragraph) it belongs to; untagged, none.
        let parents = tags::page_parents(&doc, page.dict);
        for c in &mut content.chars {
            let parent = c.mcid.and_then(|m| parents.get(&m).copied());
            c.mcid = parent.map(|p| p.element);
            c.label = parent.is_some_and(|p| p.label);
            c.in_list = parent.is_some_and(|p| p.list);
        }
        let items = analyse(n, content, &mut warnings);
        stops = items.stops;
        analysed.push(items);
    }
    if !pages.is_empty() && unreadable.len() == pages.len() {
        // Nothing to read at all: an empty plan would hide it.
        let (page, why) = &unreadable[0];
        let pages = match pages.len() {
            1 => "its one page could not be read".to_string(),
            n => format!("none of its {n} pages could be read"),
        };
        return Err(ErrorKind::PdfInconsistent(format!(
            "{pages}; page {page}: {why}"
        )));
    }
    Ok(assemble(meta, analysed, warnings))
}

fn info_text(doc: &PdfDoc, key: &[u8]) -> Option<String> {
    let info = doc.trailer.get(b"Info").ok()?;
    let info = obj::deref(doc, info).and_then(obj::as_dict)?;
    let t = obj::get(doc, info, key).and_then(obj::text_string)?;
    let t = t.trim().to_string();
    (!t.is_empty()).then_some(t)
}

/// A page with what it inherits from the page tree.
struct PageRef<'a> {
    dict: &'a Dictionary,
    resources: Option<&'a Dictionary>,
    cropbox: [f64; 4],
    rotate: i64,
}

/// Walk the page tree depth-first. Cycles (a `/Kids` entry naming an
/// ancestor) are cut; the count is checked as pages are found.
fn pages<'a>(
    doc: &'a PdfDoc,
    limits: &PdfLimits,
    warnings: &mut Vec<Warning>,
) -> Result<Vec<PageRef<'a>>> {
    let catalog = doc
        .trailer
        .get(b"Root")
        .ok()
        .and_then(|r| obj::deref(doc, r))
        .and_then(obj::as_dict)
        .ok_or_else(|| ErrorKind::PdfDamaged("no document catalog (/Root)".into()))?;
    let root = catalog
        .get(b"Pages")
        .map_err(|_| ErrorKind::PdfDamaged("no page tree (/Pages)".into()))?;
    struct Inherited<'a> {
        resources: Option<&'a Dictionary>,
        mediabox: Option<[f64; 4]>,
        cropbox: Option<[f64; 4]>,
        rotate: i64,
    }
    let mut out = Vec::new();
    let mut found: u64 = 0;
    let mut seen: HashSet<ObjectId> = HashSet::new();
    let mut stack: Vec<(&Object, usize, std::rc::Rc<Inherited>)> = vec![(
        root,
        0,
        std::rc::Rc::new(Inherited {
            resources: None,
            mediabox: None,
            cropbox: None,
            rotate: 0,
        }),
    )];
    while let Some((node, depth, inh)) = stack.pop() {
        if let Object::Reference(id) = node {
            if !seen.insert(*id) {
                let message = format!(
                    "the page tree refers to object {} {} twice (a loop?); it is read once",
                    id.0, id.1
                );
                if !warnings.iter().any(|w| w.message == message) {
                    warnings.push(Warning {
                        message,
                        source: SourceLoc::default(),
                    });
                }
                continue;
            }
        }
        let Some(dict) = obj::deref(doc, node).and_then(obj::as_dict) else {
            continue;
        };
        let here = Inherited {
            resources: obj::get_dict(doc, dict, b"Resources").or(inh.resources),
            mediabox: dict
                .get(b"MediaBox")
                .ok()
                .and_then(|o| obj::rect(doc, o))
                .or(inh.mediabox),
            cropbox: dict
                .get(b"CropBox")
                .ok()
                .and_then(|o| obj::rect(doc, o))
                .or(inh.cropbox),
            rotate: obj::get_num(doc, dict, b"Rotate").map_or(inh.rotate, |r| r as i64),
        };
        let kids = match obj::get(doc, dict, b"Kids") {
            Some(Object::Array(k)) => Some(k),
            _ => None,
        };
        let is_tree =
            obj::get_name(doc, dict, b"Type").as_deref() == Some("Pages") || kids.is_some();
        if is_tree {
            if depth >= limits.max_tree_depth {
                continue;
            }
            let here = std::rc::Rc::new(here);
            for kid in kids.into_iter().flatten().rev() {
                stack.push((kid, depth + 1, here.clone()));
            }
            continue;
        }
        // Past the limit the pages are only counted, for the message.
        found += 1;
        if found > limits.max_pages {
            continue;
        }
        let media = here.mediabox.unwrap_or([0.0, 0.0, 612.0, 792.0]);
        let crop = here.cropbox.map_or(media, |c| {
            // The crop box is clipped to the media box (§14.11.2).
            let b = [
                c[0].max(media[0]),
                c[1].max(media[1]),
                c[2].min(media[2]),
                c[3].min(media[3]),
            ];
            if b[2] > b[0] && b[3] > b[1] {
                b
            } else {
                media
            }
        });
        out.push(PageRef {
            dict,
            resources: here.resources,
            cropbox: crop,
            rotate: here.rotate,
        });
    }
    if found > limits.max_pages {
        return Err(ErrorKind::PdfTooManyPages {
            pages: found,
            limit: limits.max_pages,
        });
    }
    Ok(out)
}

fn interpret(
    doc: &PdfDoc,
    page: &PageRef<'_>,
    fonts: &mut FontCache,
    limits: PageLimits,
    warnings: &mut Vec<Warning>,
    n: u32,
) -> (PageContent, Option<String>) {
    let (base, width, height) = interp::page_matrix(page.cropbox, page.rotate);
    let mut it = Interp::new(doc, fonts, limits, base, height);
    // A /Contents that names nothing readable is a damaged page, not a
    // blank one (a blank page has no /Contents, or an empty stream).
    let streams: Vec<&Object> = match page.dict.get(b"Contents").ok() {
        None => Vec::new(),
        Some(o) => match obj::deref(doc, o) {
            Some(Object::Array(a)) => a.iter().collect(),
            _ => vec![o],
        },
    };
    let mut data = Vec::new();
    let mut decoded = 0usize;
    let mut failures: Vec<String> = Vec::new();
    let mut fail = |what: String, warnings: &mut Vec<Warning>| {
        warnings.push(page_warning(n, format!("{what}; it is not read")));
        failures.push(what);
    };
    for s in streams {
        let name = match s {
            Object::Reference(id) => format!("content stream {} {}", id.0, id.1),
            _ => "a content stream".to_string(),
        };
        let Some(Object::Stream(stream)) = obj::deref(doc, s) else {
            let why = match s {
                Object::Reference(id) => match doc.objects.get(id) {
                    Some(Object::Reference(_)) => "is a reference that loops",
                    Some(Object::Dictionary(d)) if d.has(b"Length") => {
                        "could not be read as a stream (its /Length is wrong?)"
                    }
                    Some(_) => "is not a stream",
                    None if doc.reference_table.get(id.0).is_none() => "does not exist",
                    None => "could not be parsed (damaged, or a wrong /Length)",
                },
                _ => "is not a stream",
            };
            fail(format!("{name} {why}"), warnings);
            continue;
        };
        match obj::stream_data(
            doc,
            stream,
            limits.max_content_bytes.saturating_sub(data.len()),
        ) {
            Ok(d) => {
                decoded += 1;
                data.extend_from_slice(&d);
                data.push(b'\n');
            }
            Err(obj::StreamError::TooLarge) => {
                decoded += 1;
                warnings.push(page_warning(
                    n,
                    format!(
                        "its content passes {} bytes; the rest of the page is not read",
                        limits.max_content_bytes
                    ),
                ));
                break;
            }
            Err(obj::StreamError::Filter(f)) => fail(
                format!("{name} uses the {f} filter, which we do not read"),
                warnings,
            ),
            Err(obj::StreamError::Damaged(f)) => fail(
                format!("{name} could not be decoded (its {f} data is damaged)"),
                warnings,
            ),
        }
    }
    // Why nothing on the page could be read, when nothing could.
    let unreadable = (decoded == 0)
        .then(|| failures.into_iter().next())
        .flatten();
    it.run(&data, page.resources);
    let mut content = it.finish();
    // What lies outside the crop box is not shown, so not read.
    content.chars.retain(|c| {
        let (x, y) = ((c.x0 + c.x1) / 2.0, (c.top + c.bottom) / 2.0);
        (-0.5..=width + 0.5).contains(&x) && (-0.5..=height + 0.5).contains(&y)
    });
    for p in &content.problems {
        warnings.push(page_warning(n, p.clone()));
    }
    for (font, count) in &content.unmapped {
        warnings.push(page_warning(
            n,
            format!("{count} characters in font {font} have no Unicode mapping (shown as U+FFFD)"),
        ));
    }
    (content, unreadable)
}

fn page_warning(page: u32, message: String) -> Warning {
    Warning {
        message,
        source: SourceLoc {
            page: Some(page),
            ..Default::default()
        },
    }
}

/// What a page holds, top to bottom.
enum Item {
    Table(DraftTable),
    Lines(Vec<Line>),
}

struct PageItems {
    page: u32,
    height: f64,
    /// See `PageContent::wrap_spaces`.
    wrap_spaces: bool,
    /// See `PageContent::stops`: after this page's tables.
    stops: (usize, usize),
    items: Vec<(f64, Item)>,
}

fn analyse(n: u32, mut content: PageContent, warnings: &mut Vec<Warning>) -> PageItems {
    bullet_marks(&mut content);
    if content.chars.iter().all(|c| c.text.trim().is_empty()) {
        if content.images > 0 {
            warnings.push(page_warning(n, "no text layer (scanned?)".to_string()));
        }
        return PageItems {
            page: n,
            height: content.height,
            wrap_spaces: content.wrap_spaces,
            stops: content.stops.get(),
            items: Vec::new(),
        };
    }
    // A box of one cell (a frame around a paragraph, a figure, a page
    // border) is not a table: its text stays text, and the finder of
    // unruled tables may look inside it.
    // Rules cut into pieces at cell boundaries also wall the cells of a
    // body ruled on one axis only (see `rulings`).
    let grids: Vec<lattice::Grid> =
        rulings::ruled_grids(&content.rules, &content.chars, &content.fills)
            .into_iter()
            .filter(|g| g.cells.len() >= 2)
            .filter(|g| !frames_columns(g, &content))
            // Side-by-side blocks of one table (see `blocks`).
            .flat_map(|g| blocks::split_side_by_side(g, &content.chars))
            .collect();
    let mut used = vec![false; content.chars.len()];
    let mut items: Vec<(f64, Item)> = Vec::new();
    for g in &grids {
        // A chart drawn with rules (see `charts`): its area stays out of
        // the unruled-table finder, its text is the page's.
        if charts::is_chart(g, &content.chars, &content.fills) {
            continue;
        }
        let t = tables::build(n, g, &content, &mut used, false);
        // Ruled cells with no text at all (a form, an empty frame grid)
        // hold nothing to read.
        if t.cells.iter().all(|c| {
            c.paragraphs
                .iter()
                .all(|p| p.iter().all(|r| r.0.trim().is_empty()))
        }) {
            continue;
        }
        items.push((t.top, Item::Table(t)));
    }
    // Unruled tables, from the text outside ruled ones; lines of typed
    // hyphens are rules and dot leaders are not text there (see
    // `monospace`).
    let typed = monospace::typed_rules(&content.chars);
    let withheld: Vec<usize> = typed.hidden.into_iter().filter(|&k| !used[k]).collect();
    for &k in &withheld {
        used[k] = true;
    }
    let ruled: Vec<(f64, f64, f64, f64)> = grids.iter().map(lattice::Grid::bbox).collect();
    let sideways: Vec<bool> = content.chars.iter().map(|c| !c.upright).collect();
    let upright_free: Vec<bool> = used.iter().zip(&sideways).map(|(u, s)| *u || *s).collect();
    let across: Vec<(f64, f64, f64)> = content
        .rules
        .iter()
        .filter(|r| r.horizontal)
        .map(|r| (r.pos, r.start, r.end))
        .chain(typed.rules)
        .collect();
    // The edges of shaded rows (zebra stripes, a dark header): row
    // boundaries of an unruled table as a rule would be.
    let edges = stream::fill_edges(&content.fills);
    let streams = stream::find_tables_ruled(
        &free_lines_ruled(&content.chars, &upright_free, &content.rules),
        &ruled,
        &across,
        &edges,
    );
    // Columns of figures run together under a group heading (see `rivers`).
    let streams: Vec<lattice::Grid> = if streams.is_empty() {
        streams
    } else {
        let free: Vec<interp::Char> = content
            .chars
            .iter()
            .zip(&used)
            .filter(|(_, u)| !**u)
            .map(|(c, _)| c.clone())
            .collect();
        streams
            .into_iter()
            .map(|g| rivers::split_rivers(g, &free))
            .flat_map(|g| blocks::split_side_by_side(g, &free))
            .collect()
    };
    for g in &streams {
        let t = tables::build(n, g, &content, &mut used, true);
        items.push((t.top, Item::Table(t)));
    }
    // Withheld glyphs outside the unruled tables are the page's text again.
    let boxes: Vec<(f64, f64, f64, f64)> = streams.iter().map(lattice::Grid::bbox).collect();
    for k in withheld {
        let c = &content.chars[k];
        let (x, y) = ((c.x0 + c.x1) / 2.0, (c.top + c.bottom) / 2.0);
        if !boxes
            .iter()
            .any(|b| x >= b.0 - 1.0 && x <= b.2 + 1.0 && y >= b.1 - 1.0 && y <= b.3 + 1.0)
        {
            used[k] = false;
        }
    }
    let lines = free_lines(&content.chars, &used);
    // Lines with wide gaps between words look like columns of a table
    // drawn without rules that was not recognised: say so.
    let gapped = lines
        .iter()
        .filter(|l| l.words.windows(2).any(|w| w[1].x0 - w[0].x1 > 2.0 * l.size))
        .count();
    if grids.is_empty() && streams.is_empty() && gapped >= 3 {
        warnings.push(page_warning(
            n,
            "text without ruling lines, no table found".to_string(),
        ));
    }
    for l in lines {
        items.push((l.top, Item::Lines(vec![l])));
    }
    items.sort_by(|a, b| a.0.total_cmp(&b.0));
    PageItems {
        page: n,
        height: content.height,
        wrap_spaces: content.wrap_spaces,
        stops: content.stops.get(),
        items,
    }
}

/// List markers drawn as shapes (a browser's `<ul>` discs and squares)
/// become "•" glyphs, so list cells split into their items as they do
/// where the marker is text. A mark is a bullet where it starts a line: a
/// glyph follows it on the same line within two ems, none precedes it
/// closer than half an em, and it is no taller than that glyph's size.
fn bullet_marks(content: &mut PageContent) {
    if content.marks.is_empty() {
        return;
    }
    let mut added = Vec::new();
    for m in &content.marks {
        let (mid, h) = ((m.top + m.bottom) / 2.0, m.bottom - m.top);
        let same_line = |c: &&interp::Char| {
            c.upright && c.top < mid && c.bottom > mid && !c.text.trim().is_empty()
        };
        let next = content
            .chars
            .iter()
            .filter(same_line)
            .filter(|c| c.x0 >= m.x1 - 0.5 && c.x0 - m.x1 <= 2.0 * c.size)
            .min_by(|a, b| a.x0.total_cmp(&b.x0));
        let Some(next) = next else { continue };
        let before = content
            .chars
            .iter()
            .filter(same_line)
            .any(|c| c.x1 <= m.x0 + 0.5 && m.x0 - c.x1 < 0.5 * next.size);
        if before || h > 0.6 * next.size {
            continue;
        }
        if content.chars.len() + added.len() >= PageLimits::default().max_chars {
            break;
        }
        added.push(interp::Char {
            text: std::sync::Arc::from("•"),
            x0: m.x0,
            x1: m.x1,
            top: next.top,
            bottom: next.bottom,
            size: next.size,
            bold: false,
            italic: false,
            color: m.color,
            upright: true,
            mcid: next.mcid,
            label: false,
            in_list: next.in_list,
        });
    }
    content.chars.extend(added);
}

/// Whether a ruled grid of one column is only a frame round an unruled
/// table: a box with a rule under the header (tbl's `box`, a bordered
/// text frame) whose text stands in columns of its own. Its lines, read
/// as the finder of unruled tables reads the page's (the frame's
/// horizontal rules as row rules), give a table of two columns or more
/// holding at least half of them. Then the grid is no table and its text
/// is left to that finder; a box of one column whose text runs as
/// paragraphs or a list stays a table of one column.
fn frames_columns(g: &lattice::Grid, content: &PageContent) -> bool {
    if g.n_cols() != 1 {
        return false;
    }
    let (x0, top, x1, bottom) = g.bbox();
    let inside = |x: f64, y: f64| x > x0 && x < x1 && y > top && y < bottom;
    let outside: Vec<bool> = content
        .chars
        .iter()
        .map(|c| !c.upright || !inside((c.x0 + c.x1) / 2.0, (c.top + c.bottom) / 2.0))
        .collect();
    let lines = free_lines_ruled(&content.chars, &outside, &content.rules);
    if lines.len() < 3 {
        return false;
    }
    let across: Vec<(f64, f64, f64)> = content
        .rules
        .iter()
        .filter(|r| r.horizontal && r.pos >= top - 1.0 && r.pos <= bottom + 1.0)
        .map(|r| (r.pos, r.start, r.end))
        .collect();
    stream::find_tables_ruled(&lines, &[], &across, &[])
        .iter()
        .filter(|t| t.n_cols() >= 2)
        .any(|t| {
            let (_, t_top, _, t_bottom) = t.bbox();
            let held = lines
                .iter()
                .filter(|l| {
                    let mid = (l.top + l.bottom) / 2.0;
                    mid >= t_top && mid <= t_bottom
                })
                .count();
            2 * held >= lines.len()
        })
}

/// [`free_lines`], where a vertical rule crossing a line between two words
/// keeps them apart: a space drawn across that gap (a writer that moves to
/// the next cell with word spacing, `Tw`, as Word's PDF maker may) is then
/// not a word space (`layout::Word::spaced`).
fn free_lines_ruled(chars: &[interp::Char], used: &[bool], rules: &[interp::Rule]) -> Vec<Line> {
    let mut lines = free_lines(chars, used);
    for l in &mut lines {
        let mid = (l.top + l.bottom) / 2.0;
        for k in 1..l.words.len() {
            let (x0, x1) = (l.words[k - 1].x1, l.words[k].x0);
            if l.words[k - 1].spaced
                && rules.iter().any(|r| {
                    !r.horizontal && r.pos > x0 && r.pos < x1 && r.start <= mid && r.end >= mid
                })
            {
                l.words[k - 1].spaced = false;
            }
        }
    }
    lines
}

/// The lines of the characters not yet used by a table.
fn free_lines(chars: &[interp::Char], used: &[bool]) -> Vec<Line> {
    let free: Vec<&interp::Char> = chars
        .iter()
        .zip(used)
        .filter(|(_, u)| !**u)
        .map(|(c, _)| c)
        .collect();
    layout::lines(&free)
}

/// Text with digits folded, to recognise "Page 3" and "Page 4" as one
/// footer.
fn fold_digits(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_ascii_digit() { '#' } else { c })
        .collect()
}

/// Drop lines in the top or bottom margin band that repeat on at least two
/// pages (page headers and footers).
fn drop_running_lines(pages: &mut [PageItems]) {
    if pages.len() < 2 {
        return;
    }
    let band = |p: &PageItems, l: &Line| l.bottom < p.height * 0.12 || l.top > p.height * 0.88;
    let mut counts: HashMap<String, usize> = HashMap::new();
    for p in pages.iter() {
        let mut seen = HashSet::new();
        for (_, item) in &p.items {
            if let Item::Lines(ls) = item {
                for l in ls.iter().filter(|l| band(p, l)) {
                    if seen.insert(fold_digits(&l.text())) {
                        *counts.entry(fold_digits(&l.text())).or_default() += 1;
                    }
                }
            }
        }
    }
    for p in pages.iter_mut() {
        let height = p.height;
        p.items.retain(|(_, item)| match item {
            Item::Lines(ls) => !ls.iter().all(|l| {
                (l.bottom < height * 0.12 || l.top > height * 0.88)
                    && counts.get(&fold_digits(&l.text())).copied().unwrap_or(0) >= 2
            }),
            Item::Table(_) => true,
        });
    }
}

/// Build the document: join continued tables, group free lines into
/// paragraphs and headings, number the tables.
fn assemble(meta: Meta, mut pages: Vec<PageItems>, warnings: Vec<Warning>) -> Document {
    drop_running_lines(&mut pages);
    // The body size: the commonest line size outside tables, by characters.
    let mut size_weight: HashMap<i64, usize> = HashMap::new();
    for p in &pages {
        for (_, item) in &p.items {
            if let Item::Lines(ls) = item {
                for l in ls {
                    let chars: usize = l.words.iter().map(|w| w.text.chars().count()).sum();
                    *size_weight
                        .entry((l.size * 2.0).round() as i64)
                        .or_default() += chars;
                }
            }
        }
    }
    let body = size_weight
        .iter()
        .max_by_key(|(s, w)| (**w, -**s))
        .map(|(s, _)| *s as f64 / 2.0)
        .unwrap_or(10.0);
    let mut heading_sizes: Vec<i64> = size_weight
        .keys()
        .copied()
        .filter(|s| *s as f64 / 2.0 >= body * 1.15)
        .collect();
    heading_sizes.sort_unstable_by(|a, b| b.cmp(a));

    let wrap_spaces: Vec<bool> = pages.iter().map(|p| p.wrap_spaces).collect();
    // Whether the writer balances its lines, from the whole document's
    // tables (the text outside them is too little to tell).
    let balanced = layout::balanced(pages.last().map_or((0, 0), |p| p.stops));
    // The foot of the text area: the lowest body text or table on any page
    // (running footers dropped above).
    let foot = pages
        .iter()
        .flat_map(|p| &p.items)
        .map(|(_, item)| match item {
            Item::Table(t) => t.bottom,
            Item::Lines(ls) => ls.iter().map(|l| l.bottom).fold(f64::MIN, f64::max),
        })
        .fold(f64::MIN, f64::max);
    // Items in reading order, continued tables joined.
    let mut flat: Vec<(u32, Item)> = Vec::new();
    for p in pages {
        for (i, (_, item)) in p.items.into_iter().enumerate() {
            let mut item = item;
            if let (0, Item::Table(t)) = (i, &mut item) {
                if let Some((_, Item::Table(prev))) = flat.last_mut() {
                    // A continuation a column short of an empty one first
                    // takes the table's columns.
                    let joins = tables::can_join(prev, t)
                        || (tables::widen_to(prev, t) && tables::can_join(prev, t));
                    if joins {
                        let Item::Table(t) = item else { unreachable!() };
                        // It ran to the foot: within two body lines of it.
                        let at_foot = foot - prev.bottom <= 2.0 * body;
                        tables::join(prev, t, at_foot);
                        continue;
                    }
                }
            }
            flat.push((p.page, item));
        }
    }

    let flat: Vec<(u32, Item)> = flat
        .into_iter()
        .flat_map(|(page, item)| match item {
            Item::Table(t) => tables::split_at_repeated_headers(t)
                .into_iter()
                .map(|t| (t.page, Item::Table(t)))
                .collect::<Vec<_>>(),
            other => vec![(page, other)],
        })
        .collect();
    let mut blocks = Vec::new();
    let mut table_index = 0;
    let mut pending: Vec<(u32, Line)> = Vec::new();
    let flush = |pending: &mut Vec<(u32, Line)>, blocks: &mut Vec<Block>| {
        if pending.is_empty() {
            return;
        }
        let right = pending.iter().map(|(_, l)| l.x1).fold(0.0, f64::max);
        let mut by_page: Vec<(u32, Vec<Line>)> = Vec::new();
        for (pg, l) in pending.drain(..) {
            match by_page.last_mut() {
                Some((p, ls)) if *p == pg => ls.push(l),
                _ => by_page.push((pg, vec![l])),
            }
        }
        for (pg, ls) in by_page {
            let wraps = wrap_spaces
                .get((pg as usize).wrapping_sub(1))
                .copied()
                .unwrap_or(false);
            for vp in layout::paragraphs(ls, right, wraps, balanced) {
                let size = vp.lines.iter().map(|l| l.size).fold(0.0, f64::max);
                let bullet = vp.lines.first().is_some_and(Line::is_bullet);
                let label = vp.lines.first().and_then(Line::list_label);
                let para = paragraph(
                    layout::runs(&vp, right, wraps),
                    bullet,
                    label,
                    pg,
                    blocks.len(),
                );
                let key = (size * 2.0).round() as i64;
                match heading_sizes.iter().position(|s| *s == key) {
                    Some(level) if para.list.is_none() => blocks.push(Block::Heading {
                        level: (level + 1).min(6) as u8,
                        paragraph: para,
                    }),
                    _ => blocks.push(Block::Paragraph(para)),
                }
            }
        }
    };
    for (page, item) in flat {
        match item {
            Item::Lines(ls) => pending.extend(ls.into_iter().map(|l| (page, l))),
            Item::Table(t) => {
                flush(&mut pending, &mut blocks);
                let block = blocks.len();
                blocks.push(Block::Table(to_table(t, table_index, block)));
                table_index += 1;
            }
        }
    }
    flush(&mut pending, &mut blocks);
    Document {
        meta,
        blocks,
        warnings,
        legend: Vec::new(),
    }
}

/// A paragraph from its runs. A bullet glyph, or a list label (tagged, or
/// a number then a tab), becomes list membership, as Word's numbering
/// does, and leaves the text.
fn paragraph(
    runs: Vec<layout::Run>,
    bullet: bool,
    label: Option<String>,
    page: u32,
    block: usize,
) -> Paragraph {
    let mut spans: Vec<Span> = runs
        .into_iter()
        .map(|(text, bold, italic, highlight)| Span {
            text,
            bold,
            italic,
            highlight,
        })
        .collect();
    let mut list = None;
    if bullet {
        // The bullet glyph becomes list membership, as Word's numbering does.
        if let Some(first) = spans.first_mut() {
            let rest = first
                .text
                .split_once(' ')
                .map(|(_, r)| r.to_string())
                .unwrap_or_default();
            first.text = rest;
        }
        list = Some(ListItem {
            kind: ListKind::Bullet,
            level: 0,
            label: None,
        });
    } else if let Some(label) = label {
        if let Some(first) = spans.first_mut() {
            if let Some(rest) = first.text.strip_prefix(label.as_str()) {
                first.text = rest.trim_start().to_string();
            }
        }
        list = Some(ListItem {
            kind: ListKind::Number,
            level: 0,
            label: Some(label),
        });
    }
    Paragraph {
        spans,
        list,
        style: None,
        comments: Vec::new(),
        source: SourceLoc {
            page: Some(page),
            block: Some(block),
            ..Default::default()
        },
    }
}

fn to_table(t: DraftTable, index: usize, block: usize) -> Table {
    let n_cols = t.xs.len() - 1;
    let column_x = t.xs.clone();
    let cells = t
        .cells
        .into_iter()
        .map(|c| {
            let source = SourceLoc {
                page: Some(t.page),
                block: Some(block),
                table: Some(index),
                row: Some(c.row),
                col: Some(c.col),
                ..Default::default()
            };
            Cell {
                row: c.row,
                col: c.col,
                row_span: c.rows,
                col_span: c.cols,
                paragraphs: c
                    .paragraphs
                    .into_iter()
                    .zip(c.bullets)
                    .zip(c.labels)
                    .map(|((runs, bullet), label)| {
                        let mut p = paragraph(runs, bullet, label, t.page, block);
                        p.source = source.clone();
                        p
                    })
                    .collect(),
                tables: Vec::new(),
                fill: c.fill,
                source,
                date: None,
            }
        })
        .collect();
    Table {
        index,
        parent: None,
        n_rows: t.n_rows,
        n_cols,
        header_rows: t.header_rows,
        cells,
        source: SourceLoc {
            page: Some(t.page),
            block: Some(block),
            table: Some(index),
            ..Default::default()
        },
        column_x,
        ..Table::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use interp::FillRect;

    fn disc(x0: f64, top: f64) -> FillRect {
        FillRect {
            x0,
            top,
            x1: x0 + 3.0,
            bottom: top + 3.0,
            color: [0, 0, 0],
        }
    }

    fn rule(horizontal: bool, pos: f64, start: f64, end: f64) -> interp::Rule {
        interp::Rule {
            horizontal,
            pos,
            start,
            end,
        }
    }

    /// A box from x 10 to 400, y 10 to 130, with a rule under the first
    /// line (y 28), round `rows` of text: each row's cells at x 20, 150
    /// and 280 (a cell "" is left out), a line each 12pt from y 25.
    fn boxed(rows: &[[&str; 3]]) -> PageContent {
        let mut chars = Vec::new();
        for (i, row) in rows.iter().enumerate() {
            let y = 25.0 + 12.0 * i as f64;
            for (text, x) in row.iter().zip([20.0, 150.0, 280.0]) {
                chars.extend(layout::test_chars(text, x, y, 6.0));
            }
        }
        PageContent {
            chars,
            rules: vec![
                rule(true, 10.0, 10.0, 400.0),
                rule(true, 28.0, 10.0, 400.0),
                rule(true, 130.0, 10.0, 400.0),
                rule(false, 10.0, 10.0, 130.0),
                rule(false, 400.0, 10.0, 130.0),
            ],
            ..PageContent::default()
        }
    }

    #[test]
    fn a_box_round_columns_of_text_is_no_table_of_one_column() {
        let content = boxed(&[
            ["Ref", "Action", "Lead"],
            ["1.1", "Run a campaign", "Comms"],
            ["", "in libraries", "Manager"],
            ["1.2", "Publish the", "Policy"],
            ["", "procedures", "Sub-group"],
            ["1.3", "Send letters", "Head of"],
        ]);
        let grids = rulings::ruled_grids(&content.rules, &content.chars, &content.fills);
        assert_eq!(grids.len(), 1);
        assert_eq!((grids[0].n_cols(), grids[0].n_rows()), (1, 2));
        assert!(frames_columns(&grids[0], &content));
        // The page then reads as one table of three columns.
        let mut warnings = Vec::new();
        let page = analyse(1, content, &mut warnings);
        let tables: Vec<&DraftTable> = page
            .items
            .iter()
            .filter_map(|(_, i)| match i {
                Item::Table(t) => Some(t),
                Item::Lines(_) => None,
            })
            .collect();
        assert_eq!(tables.len(), 1);
        assert_eq!(tables[0].xs.len(), 4, "{:?}", tables[0].xs);
    }

    #[test]
    fn a_box_round_paragraphs_stays_a_table_of_one_column() {
        let content = boxed(&[
            ["Notes", "", ""],
            ["The board will meet", "", ""],
            ["each quarter to review", "", ""],
            ["the plan and its", "", ""],
            ["progress reports.", "", ""],
        ]);
        let grids = rulings::ruled_grids(&content.rules, &content.chars, &content.fills);
        assert_eq!(grids.len(), 1);
        assert!(!frames_columns(&grids[0], &content));
    }

    #[test]
    fn a_vertical_rule_across_a_drawn_space_keeps_the_words_apart() {
        // "Employment" then one space drawn to "40" (word spacing), a rule
        // between them on the second line only.
        let mut chars = Vec::new();
        for y in [20.0, 40.0] {
            chars.extend(layout::test_chars("Employment", 10.0, y, 6.0));
            let mut space = layout::test_chars(" ", 70.0, y, 6.0);
            space[0].x1 = 200.0;
            chars.extend(space);
            chars.extend(layout::test_chars("40", 200.0, y, 6.0));
        }
        let used = vec![false; chars.len()];
        let rules = [rule(false, 150.0, 28.0, 45.0)];
        let lines = free_lines_ruled(&chars, &used, &rules);
        assert_eq!(lines.len(), 2);
        assert!(lines[0].words[0].spaced, "no rule crosses the first line");
        assert!(!lines[1].words[0].spaced);
    }

    #[test]
    fn a_disc_starting_a_line_is_a_bullet_and_one_inside_it_is_not() {
        let mut content = PageContent {
            chars: layout::test_chars("Review plan", 20.0, 100.0, 6.0),
            marks: vec![disc(10.0, 93.5), disc(57.0, 93.5), disc(300.0, 93.5)],
            ..PageContent::default()
        };
        bullet_marks(&mut content);
        let bullets: Vec<&interp::Char> =
            content.chars.iter().filter(|c| &*c.text == "•").collect();
        assert_eq!(bullets.len(), 1, "only the disc left of the line");
        assert_eq!((bullets[0].x0, bullets[0].bottom), (10.0, 100.0));
        let refs: Vec<&interp::Char> = content.chars.iter().collect();
        let lines = layout::lines(&refs);
        assert_eq!(lines.len(), 1);
        assert!(lines[0].is_bullet());
        assert_eq!(lines[0].text(), "• Review plan");
    }
}
