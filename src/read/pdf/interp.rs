//! The content-stream interpreter: operators in, positioned characters,
//! ruling lines and filled rectangles out (PDF 32000-1 §8, §9).
//!
//! State is explicit: a graphics state (CTM, colours, line width, text
//! state) with a bounded `q`/`Q` stack, plus the text and text-line
//! matrices. Coordinates leave in *page space*: points from the top-left
//! corner of the visible page (crop box, `/Rotate` applied), y growing
//! downwards, as pdfplumber reports them.
//!
//! What is kept, and why:
//! - every shown glyph as a [`Char`] (text, box, size, bold/italic from the
//!   font, fill colour); a code the font gives no text is counted per font;
//! - stroked straight segments that are horizontal or vertical, as [`Rule`]s
//!   (table borders); curves keep only their end points and so drop out
//!   unless they are straight;
//! - filled axis-aligned rectangles, as [`FillRect`]s (cell shading, text
//!   highlight), and, when thinner than [`THIN`] points, as rules too: Word
//!   and LibreOffice often draw borders as thin filled rectangles;
//! - images are only counted (a page of images and no text is a scan).
//!
//! Clipping (`W`, `W*`) is applied to text, by the clipping path's bounding
//! box: a character whose centre lies outside it is not shown, so not kept.
//! LibreOffice Calc draws the whole text of a merged cell on every page the
//! cell reaches and clips it to the part on that page; without this the
//! clipped lines of the previous page came back above the next page's
//! table. Rules and fills are not clipped: table borders are never drawn to
//! be clipped away in the documents this reads.

use std::collections::HashMap;
use std::rc::Rc;
use std::sync::Arc;

use lopdf::{Dictionary, Document, Object, ObjectId};

use super::font::Font;
use super::lexer::{Lexer, Operand};
use super::obj;

/// Rectangles thinner than this (points) are rules.
pub const THIN: f64 = 2.0;
/// Colour channels at or above this count as white: an invisible rule.
const NEAR_WHITE: u8 = 0xF5;

/// An sRGB colour.
pub type Rgb = [u8; 3];

/// A 2-D affine matrix `[a b c d e f]` (§8.3.4), row-vector convention.
pub type Matrix = [f64; 6];

/// The identity matrix.
pub const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

/// `m1 × m2`: apply `m1`, then `m2`.
pub fn mul(m1: &Matrix, m2: &Matrix) -> Matrix {
    [
        m1[0] * m2[0] + m1[1] * m2[2],
        m1[0] * m2[1] + m1[1] * m2[3],
        m1[2] * m2[0] + m1[3] * m2[2],
        m1[2] * m2[1] + m1[3] * m2[3],
        m1[4] * m2[0] + m1[5] * m2[2] + m2[4],
        m1[4] * m2[1] + m1[5] * m2[3] + m2[5],
    ]
}

fn apply(m: &Matrix, x: f64, y: f64) -> (f64, f64) {
    (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])
}

/// One shown character.
#[derive(Debug, Clone, PartialEq)]
pub struct Char {
    /// Its text (usually one character; a ligature gives several), shared
    /// with the font's other glyphs of the same code.
    pub text: Arc<str>,
    /// Left edge.
    pub x0: f64,
    /// Right edge.
    pub x1: f64,
    /// Top edge.
    pub top: f64,
    /// Bottom edge.
    pub bottom: f64,
    /// Font size on the page, in points.
    pub size: f64,
    /// The font says bold.
    pub bold: bool,
    /// The font says italic.
    pub italic: bool,
    /// Fill colour.
    pub color: Rgb,
    /// Drawn left to right, not rotated.
    pub upright: bool,
    /// The marked-content id it was drawn under; once the page is read,
    /// the object number of the structure element (paragraph, list label)
    /// that id belongs to in a tagged PDF (see `tags`), else `None`.
    pub mcid: Option<u32>,
    /// Tagged as a list label (`/Lbl`): a list number drawn by numbering.
    pub label: bool,
    /// Tagged as part of a list paragraph (see `tags::Parent::list`).
    pub in_list: bool,
}

/// A horizontal or vertical line on the page.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rule {
    /// Horizontal (else vertical).
    pub horizontal: bool,
    /// y of a horizontal rule, x of a vertical one.
    pub pos: f64,
    /// Start along the rule (x0 or top).
    pub start: f64,
    /// End along the rule (x1 or bottom).
    pub end: f64,
}

/// A filled rectangle.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FillRect {
    /// Left.
    pub x0: f64,
    /// Top.
    pub top: f64,
    /// Right.
    pub x1: f64,
    /// Bottom.
    pub bottom: f64,
    /// Fill colour.
    pub color: Rgb,
}

/// What one page's content gives.
#[derive(Debug, Default, Clone)]
pub struct PageContent {
    /// Page height in points (after rotation).
    pub height: f64,
    /// Characters in drawing order.
    pub chars: Vec<Char>,
    /// Ruling lines.
    pub rules: Vec<Rule>,
    /// Filled rectangles.
    pub fills: Vec<FillRect>,
    /// Images drawn.
    pub images: usize,
    /// Codes with no text, per font name.
    pub unmapped: Vec<(String, usize)>,
    /// Small filled discs and squares (about as wide as tall, 1.5 to 8
    /// points): list markers a browser draws as shapes, not text; see
    /// `bullet_marks` in the reader for when one is read as a bullet.
    pub marks: Vec<FillRect>,
    /// Problems met (limits reached, missing resources), one sentence each.
    pub problems: Vec<String>,
    /// Clipping boxes (x0, top, x1, bottom) that hid text lying above
    /// their top: the part on this page of a cell whose text began on the
    /// page before (LibreOffice Calc draws a merged cell that spans a page
    /// break this way).
    pub clipped_above: Vec<(f64, f64, f64, f64)>,
    /// The writer draws the space at which it wraps a line (see
    /// `layout::wrap_spaces`): a line of a paragraph that ends without one
    /// ends the paragraph. Set by the reader from the pages read so far.
    pub wrap_spaces: bool,
    /// The short stops (`layout::stops`, `(mid_sentence, all)`) of the
    /// tables read so far, this page's included as they are built: whether
    /// the writer balances its lines.
    pub stops: std::cell::Cell<(usize, usize)>,
}

/// Bounds on one page's interpretation.
#[derive(Debug, Clone, Copy)]
pub struct PageLimits {
    /// Decoded content bytes, all streams and forms of the page together.
    pub max_content_bytes: usize,
    /// Operators executed.
    pub max_ops: usize,
    /// Characters kept.
    pub max_chars: usize,
    /// Form XObject nesting.
    pub max_form_depth: usize,
    /// `q` nesting.
    pub max_q_depth: usize,
    /// Rules and filled rectangles kept (each).
    pub max_shapes: usize,
}

impl Default for PageLimits {
    fn default() -> Self {
        PageLimits {
            max_content_bytes: 64 << 20,
            max_ops: 2_000_000,
            max_chars: 200_000,
            max_form_depth: 12,
            max_q_depth: 256,
            max_shapes: 100_000,
        }
    }
}

/// Fonts already loaded, shared across pages.
pub type FontCache = HashMap<FontKey, Rc<Font>>;

/// How a font dictionary is identified in the cache.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum FontKey {
    /// An indirect font object.
    Id(ObjectId),
    /// A direct dictionary, by address (stable while the document lives).
    Direct(usize),
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Space {
    Gray,
    Rgb,
    Cmyk,
    /// Separation/DeviceN: one tint, shown as grey.
    Tint,
    /// Pattern or unknown: colour operands ignored (black kept).
    Other,
}

#[derive(Clone)]
struct GState {
    ctm: Matrix,
    fill: Rgb,
    stroke: Rgb,
    fill_space: Space,
    stroke_space: Space,
    font: Option<Rc<Font>>,
    size: f64,
    char_spacing: f64,
    word_spacing: f64,
    hscale: f64,
    leading: f64,
    rise: f64,
    /// The clipping path's bounding box (x0, top, x1, bottom), page space;
    /// `None` is the whole page.
    clip: Option<(f64, f64, f64, f64)>,
}

struct SubPath {
    points: Vec<(f64, f64)>,
    closed: bool,
}

/// Interprets the content of one page.
pub struct Interp<'a> {
    doc: &'a Document,
    limits: PageLimits,
    fonts: &'a mut FontCache,
    out: PageContent,
    gs: GState,
    stack: Vec<GState>,
    tm: Matrix,
    tlm: Matrix,
    path: Vec<SubPath>,
    ops: usize,
    bytes: usize,
    forms: Vec<ObjectId>,
    unmapped: HashMap<String, usize>,
    unknown: usize,
    stopped: bool,
    /// A `W`/`W*` was seen: the path painted next also clips.
    clip_pending: bool,
    /// Open marked-content sequences, innermost last: each one's `/MCID`.
    marked: Vec<Option<u32>>,
    /// Sequences opened beyond [`MAX_MARKED`], still to be closed.
    marked_overflow: usize,
}

/// Deepest marked-content nesting kept (deeper sequences are counted only).
const MAX_MARKED: usize = 64;

fn gray(v: f64) -> Rgb {
    let b = (v.clamp(0.0, 1.0) * 255.0).round() as u8;
    [b, b, b]
}

fn rgb(r: f64, g: f64, b: f64) -> Rgb {
    let c = |v: f64| (v.clamp(0.0, 1.0) * 255.0).round() as u8;
    [c(r), c(g), c(b)]
}

fn cmyk(c: f64, m: f64, y: f64, k: f64) -> Rgb {
    let k = k.clamp(0.0, 1.0);
    rgb(
        (1.0 - c.clamp(0.0, 1.0)) * (1.0 - k),
        (1.0 - m.clamp(0.0, 1.0)) * (1.0 - k),
        (1.0 - y.clamp(0.0, 1.0)) * (1.0 - k),
    )
}

fn near_white(c: Rgb) -> bool {
    c.iter().all(|&v| v >= NEAR_WHITE)
}

/// The matrix from a page's user space to page space, and the page size.
/// `cropbox` is `[x0 y0 x1 y1]`; `rotate` is the page's `/Rotate`.
pub fn page_matrix(cropbox: [f64; 4], rotate: i64) -> (Matrix, f64, f64) {
    let [x0, y0, x1, y1] = cropbox;
    let (w, h) = (x1 - x0, y1 - y0);
    match rotate.rem_euclid(360) {
        90 => ([0.0, 1.0, 1.0, 0.0, -y0, -x0], h, w),
        180 => ([-1.0, 0.0, 0.0, 1.0, x1, -y0], w, h),
        270 => ([0.0, -1.0, -1.0, 0.0, y1, x1], h, w),
        _ => ([1.0, 0.0, 0.0, -1.0, -x0, y1], w, h),
    }
}

impl<'a> Interp<'a> {
    /// An interpreter for a page of the given height whose user space maps
    /// to page space by `base`.
    pub fn new(
        doc: &'a Document,
        fonts: &'a mut FontCache,
        limits: PageLimits,
        base: Matrix,
        height: f64,
    ) -> Self {
        Interp {
            doc,
            limits,
            fonts,
            out: PageContent {
                height,
                ..Default::default()
            },
            gs: GState {
                ctm: base,
                fill: [0, 0, 0],
                stroke: [0, 0, 0],
                fill_space: Space::Gray,
                stroke_space: Space::Gray,
                font: None,
                size: 0.0,
                char_spacing: 0.0,
                word_spacing: 0.0,
                hscale: 1.0,
                leading: 0.0,
                rise: 0.0,
                clip: None,
            },
            stack: Vec::new(),
            tm: IDENTITY,
            tlm: IDENTITY,
            path: Vec::new(),
            ops: 0,
            bytes: 0,
            forms: Vec::new(),
            unmapped: HashMap::new(),
            unknown: 0,
            stopped: false,
            clip_pending: false,
            marked: Vec::new(),
            marked_overflow: 0,
        }
    }

    /// Bytes of content still allowed on this page.
    pub fn byte_budget(&self) -> usize {
        self.limits.max_content_bytes.saturating_sub(self.bytes)
    }

    /// Interpret one content stream (already decoded) with its resources.
    pub fn run(&mut self, content: &[u8], resources: Option<&'a Dictionary>) {
        self.bytes += content.len();
        let mut lexer = Lexer::new(content);
        let mut operands = Vec::new();
        while let Some(op) = lexer.next_op(&mut operands) {
            if self.stopped {
                return;
            }
            self.ops += 1;
            if self.ops > self.limits.max_ops {
                self.stop(format!(
                    "more than {} operators; the rest of the page is not read",
                    self.limits.max_ops
                ));
                return;
            }
            self.op(op, &operands, resources);
        }
    }

    fn stop(&mut self, why: String) {
        if !self.stopped {
            self.stopped = true;
            self.out.problems.push(why);
        }
    }

    /// Finish and return what the page gave.
    pub fn finish(mut self) -> PageContent {
        if self.unknown > 0 {
            self.out.problems.push(format!(
                "{} unknown operators in the content (damaged content?); they are skipped",
                self.unknown
            ));
        }
        let mut unmapped: Vec<(String, usize)> = self.unmapped.into_iter().collect();
        unmapped.sort();
        self.out.unmapped = unmapped;
        self.out
    }

    fn op(&mut self, op: &[u8], a: &[Operand], res: Option<&'a Dictionary>) {
        let n = |i: usize| a.get(i).and_then(Operand::num).unwrap_or(0.0);
        let count = a.iter().filter(|o| o.num().is_some()).count();
        match op {
            // Graphics state (§8.4.4).
            b"q" if self.stack.len() < self.limits.max_q_depth => {
                self.stack.push(self.gs.clone());
            }
            b"Q" => {
                if let Some(g) = self.stack.pop() {
                    self.gs = g;
                }
            }
            b"cm" if count >= 6 => {
                let m = [n(0), n(1), n(2), n(3), n(4), n(5)];
                self.gs.ctm = mul(&m, &self.gs.ctm);
            }
            // Colour (§8.6.8).
            b"g" => {
                self.gs.fill_space = Space::Gray;
                self.gs.fill = gray(n(0));
            }
            b"G" => {
                self.gs.stroke_space = Space::Gray;
                self.gs.stroke = gray(n(0));
            }
            b"rg" => {
                self.gs.fill_space = Space::Rgb;
                self.gs.fill = rgb(n(0), n(1), n(2));
            }
            b"RG" => {
                self.gs.stroke_space = Space::Rgb;
                self.gs.stroke = rgb(n(0), n(1), n(2));
            }
            b"k" => {
                self.gs.fill_space = Space::Cmyk;
                self.gs.fill = cmyk(n(0), n(1), n(2), n(3));
            }
            b"K" => {
                self.gs.stroke_space = Space::Cmyk;
                self.gs.stroke = cmyk(n(0), n(1), n(2), n(3));
            }
            b"cs" | b"CS" => {
                let space = match a.first() {
                    Some(Operand::Name(name)) => self.color_space(name, res),
                    _ => Space::Other,
                };
                let initial = match space {
                    Space::Cmyk => [0, 0, 0],
                    Space::Tint => [0, 0, 0],
                    _ => [0, 0, 0],
                };
                if op == b"cs" {
                    self.gs.fill_space = space;
                    self.gs.fill = initial;
                } else {
                    self.gs.stroke_space = space;
                    self.gs.stroke = initial;
                }
            }
            b"sc" | b"scn" | b"SC" | b"SCN" => {
                let fill = op[0] == b's';
                let space = if fill {
                    self.gs.fill_space
                } else {
                    self.gs.stroke_space
                };
                let nums: Vec<f64> = a.iter().filter_map(Operand::num).collect();
                let colour = match (space, nums.len()) {
                    (Space::Other, _) => None,
                    (Space::Tint, 1) => Some(gray(1.0 - nums[0])),
                    (_, 1) => Some(gray(nums[0])),
                    (_, 3) => Some(rgb(nums[0], nums[1], nums[2])),
                    (_, 4) => Some(cmyk(nums[0], nums[1], nums[2], nums[3])),
                    _ => None,
                };
                if let Some(c) = colour {
                    if fill {
                        self.gs.fill = c;
                    } else {
                        self.gs.stroke = c;
                    }
                }
            }
            // Path construction (§8.5.2).
            b"m" => {
                let p = apply(&self.gs.ctm, n(0), n(1));
                self.new_subpath(p);
            }
            b"l" => {
                let p = apply(&self.gs.ctm, n(0), n(1));
                self.line_to(p);
            }
            b"c" => {
                let p = apply(&self.gs.ctm, n(4), n(5));
                self.line_to(p);
            }
            b"v" | b"y" => {
                let p = apply(&self.gs.ctm, n(2), n(3));
                self.line_to(p);
            }
            b"h" => {
                if let Some(sp) = self.path.last_mut() {
                    sp.closed = true;
                }
            }
            b"re" => {
                let (x, y, w, h) = (n(0), n(1), n(2), n(3));
                let pts = [(x, y), (x + w, y), (x + w, y + h), (x, y + h)];
                let points = pts
                    .iter()
                    .map(|&(px, py)| apply(&self.gs.ctm, px, py))
                    .collect();
                if self.path.len() < 100_000 {
                    self.path.push(SubPath {
                        points,
                        closed: true,
                    });
                }
            }
            // Path painting (§8.5.3).
            b"S" => self.paint(true, false, false),
            b"s" => self.paint(true, false, true),
            b"f" | b"F" | b"f*" => self.paint(false, true, false),
            b"B" | b"B*" => self.paint(true, true, false),
            b"b" | b"b*" => self.paint(true, true, true),
            b"n" => {
                self.apply_clip();
                self.path.clear();
            }
            b"W" | b"W*" => self.clip_pending = true,
            // Text objects and state (§9.3, §9.4).
            b"BT" => {
                self.tm = IDENTITY;
                self.tlm = IDENTITY;
            }
            b"ET" => {}
            b"Tc" => self.gs.char_spacing = n(0),
            b"Tw" => self.gs.word_spacing = n(0),
            b"Tz" => self.gs.hscale = n(0) / 100.0,
            b"TL" => self.gs.leading = n(0),
            b"Ts" => self.gs.rise = n(0),
            b"Tf" => {
                if let Some(Operand::Name(name)) = a.first() {
                    self.gs.font = Some(self.font(name, res));
                }
                self.gs.size = a.get(1).and_then(Operand::num).unwrap_or(0.0);
            }
            b"Td" => self.next_line(n(0), n(1)),
            b"TD" => {
                self.gs.leading = -n(1);
                self.next_line(n(0), n(1));
            }
            b"Tm" if count >= 6 => {
                self.tm = [n(0), n(1), n(2), n(3), n(4), n(5)];
                self.tlm = self.tm;
            }
            b"T*" => self.next_line(0.0, -self.gs.leading),
            b"Tj" => {
                if let Some(Operand::Str(s)) = a.first() {
                    self.show(s);
                }
            }
            b"'" => {
                self.next_line(0.0, -self.gs.leading);
                if let Some(Operand::Str(s)) = a.first() {
                    self.show(s);
                }
            }
            b"\"" => {
                self.gs.word_spacing = n(0);
                self.gs.char_spacing = n(1);
                self.next_line(0.0, -self.gs.leading);
                if let Some(Operand::Str(s)) = a.get(2) {
                    self.show(s);
                }
            }
            b"TJ" => {
                if let Some(Operand::Array(items)) = a.first() {
                    for item in items {
                        match item {
                            Operand::Str(s) => self.show(s),
                            Operand::Num(adj) => {
                                let tx = -adj / 1000.0 * self.gs.size * self.gs.hscale;
                                self.tm = mul(&[1.0, 0.0, 0.0, 1.0, tx, 0.0], &self.tm);
                            }
                            _ => {}
                        }
                    }
                }
            }
            // XObjects (§8.8) and inline images (§8.9.7).
            b"Do" => {
                if let Some(Operand::Name(name)) = a.first() {
                    self.xobject(name, res);
                }
            }
            b"BI" => self.out.images += 1,
            // Known operators with nothing to keep: line style, rendering
            // intent, flatness, ExtGState, clipping, marked content,
            // compatibility sections, shadings, Type3 glyph metrics, text
            // rendering mode, inline image parts.
            // Marked content (§14.6): the MCID of tagged PDFs' paragraphs.
            b"BMC" | b"BDC" => {
                let mcid = a.iter().find_map(|o| match o {
                    Operand::Dict { mcid } => *mcid,
                    _ => None,
                });
                if self.marked.len() < MAX_MARKED {
                    self.marked.push(mcid);
                } else {
                    self.marked_overflow += 1;
                }
            }
            b"EMC" => {
                if self.marked_overflow > 0 {
                    self.marked_overflow -= 1;
                } else {
                    self.marked.pop();
                }
            }
            b"w" | b"J" | b"j" | b"M" | b"d" | b"ri" | b"i" | b"gs" | b"MP" | b"DP" | b"BX"
            | b"EX" | b"sh" | b"d0" | b"d1" | b"Tr" | b"EI" | b"cm" | b"Tm" | b"q" => {}
            _ => self.unknown += 1,
        }
    }

    fn color_space(&self, name: &[u8], res: Option<&Dictionary>) -> Space {
        match name {
            b"DeviceGray" | b"CalGray" | b"G" => return Space::Gray,
            b"DeviceRGB" | b"CalRGB" | b"RGB" => return Space::Rgb,
            b"DeviceCMYK" | b"CMYK" => return Space::Cmyk,
            b"Pattern" => return Space::Other,
            _ => {}
        }
        let doc = self.doc;
        let Some(cs) = res
            .and_then(|r| obj::get_dict(doc, r, b"ColorSpace"))
            .and_then(|d| obj::get(doc, d, name))
        else {
            return Space::Other;
        };
        match cs {
            Object::Name(n) => match n.as_slice() {
                b"DeviceGray" | b"CalGray" => Space::Gray,
                b"DeviceRGB" | b"CalRGB" => Space::Rgb,
                b"DeviceCMYK" => Space::Cmyk,
                _ => Space::Other,
            },
            Object::Array(arr) => {
                let family = arr
                    .first()
                    .and_then(|o| obj::deref(doc, o))
                    .and_then(obj::name);
                match family {
                    Some(b"ICCBased") => {
                        let n = arr
                            .get(1)
                            .and_then(|o| obj::deref(doc, o))
                            .and_then(obj::as_dict)
                            .and_then(|d| obj::get_num(doc, d, b"N"))
                            .unwrap_or(3.0);
                        match n as i64 {
                            1 => Space::Gray,
                            4 => Space::Cmyk,
                            _ => Space::Rgb,
                        }
                    }
                    Some(b"CalRGB" | b"Lab") => Space::Rgb,
                    Some(b"CalGray") => Space::Gray,
                    Some(b"Separation" | b"DeviceN") => Space::Tint,
                    _ => Space::Other,
                }
            }
            _ => Space::Other,
        }
    }

    fn font(&mut self, name: &[u8], res: Option<&Dictionary>) -> Rc<Font> {
        let doc = self.doc;
        let entry = res
            .and_then(|r| obj::get_dict(doc, r, b"Font"))
            .and_then(|d| d.get(name).ok());
        let Some(entry) = entry else {
            let n = String::from_utf8_lossy(name).into_owned();
            let msg = format!(
                "font /{n} is missing from the page resources; its text is read as Latin-1"
            );
            if !self.out.problems.contains(&msg) {
                self.out.problems.push(msg);
            }
            return Rc::new(Font::fallback());
        };
        let key = match entry {
            Object::Reference(id) => FontKey::Id(*id),
            other => FontKey::Direct(other as *const Object as usize),
        };
        if let Some(f) = self.fonts.get(&key) {
            return f.clone();
        }
        let font = match obj::deref(doc, entry).and_then(obj::as_dict) {
            Some(d) => Font::load(doc, d),
            None => Font::fallback(),
        };
        let font = Rc::new(font);
        self.fonts.insert(key, font.clone());
        font
    }

    fn next_line(&mut self, tx: f64, ty: f64) {
        self.tlm = mul(&[1.0, 0.0, 0.0, 1.0, tx, ty], &self.tlm);
        self.tm = self.tlm;
    }

    fn show(&mut self, bytes: &[u8]) {
        let font = match &self.gs.font {
            Some(f) => f.clone(),
            None => {
                let f = Rc::new(Font::fallback());
                self.gs.font = Some(f.clone());
                f
            }
        };
        let size = self.gs.size;
        let th = self.gs.hscale;
        for g in font.glyphs(bytes) {
            let trm = mul(
                &mul(&[size * th, 0.0, 0.0, size, 0.0, self.gs.rise], &self.tm),
                &self.gs.ctm,
            );
            // A code a standard font has no glyph for draws nothing: no
            // character, the pen moved only by the spacing.
            if g.blank {
                let tx = self.gs.char_spacing * th;
                self.tm = mul(&[1.0, 0.0, 0.0, 1.0, tx, 0.0], &self.tm);
                continue;
            }
            // A glyph the font lacks, drawn as `.notdef`, may be mapped to
            // U+0000 (pdfmake's subset fonts): read as an unmapped glyph
            // (U+FFFD); NULs in a longer mapping are dropped. A NUL never
            // reaches a field.
            let text = match g.text {
                Some(t) if !t.contains('\0') => t,
                Some(t) if t.chars().any(|c| c != '\0') => Arc::from(t.replace('\0', "")),
                _ => {
                    *self.unmapped.entry(font.name.clone()).or_default() += 1;
                    Arc::from("\u{FFFD}")
                }
            };
            if self.out.chars.len() >= self.limits.max_chars {
                let msg = format!(
                    "more than {} characters; the rest of the page is not read",
                    self.limits.max_chars
                );
                self.stop(msg);
                return;
            }
            let spacing = self.gs.char_spacing
                + if g.is_space_code {
                    self.gs.word_spacing
                } else {
                    0.0
                };
            // The glyph box: advance wide, one em tall from the descent; a
            // space that spacing widens, as wide as it moves the pen (a
            // justified line's word space: see `layout::Word::spaced`).
            let d = font.descent;
            let w = if &*text == " " && size > 0.0 {
                g.width.max(g.width + spacing / size)
            } else {
                g.width
            };
            let corners = [
                apply(&trm, 0.0, d),
                apply(&trm, w, d),
                apply(&trm, 0.0, d + 1.0),
                apply(&trm, w, d + 1.0),
            ];
            let (mut x0, mut x1, mut top, mut bottom) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
            for (x, y) in corners {
                x0 = x0.min(x);
                x1 = x1.max(x);
                top = top.min(y);
                bottom = bottom.max(y);
            }
            let upright =
                trm[0] > 0.0 && trm[3] < 0.0 && trm[1].abs() < 1e-6 && trm[2].abs() < 1e-6;
            let page_size = (trm[2] * trm[2] + trm[3] * trm[3]).sqrt();
            let (cx, cy) = ((x0 + x1) / 2.0, (top + bottom) / 2.0);
            // Visible when the glyph's centre is inside the clip: a line cut
            // through by a page break (a merged cell drawn on both pages,
            // each clipped) is kept on the page that shows most of it.
            let visible = self
                .gs
                .clip
                .is_none_or(|(c0, ct, c1, cb)| cx >= c0 && cx <= c1 && cy >= ct && cy <= cb);
            if let (false, Some(clip)) = (visible, self.gs.clip) {
                if cy < clip.1
                    && self.out.clipped_above.last() != Some(&clip)
                    && self.out.clipped_above.len() < self.limits.max_shapes
                {
                    self.out.clipped_above.push(clip);
                }
            }
            if visible
                && x0.is_finite()
                && top.is_finite()
                && x1.is_finite()
                && bottom.is_finite()
                && !cancelled_space(
                    &text,
                    g.width,
                    (spacing + self.gs.char_spacing) / size.abs().max(1e-9),
                )
            {
                self.out.chars.push(Char {
                    text,
                    x0,
                    x1,
                    top,
                    bottom,
                    size: page_size,
                    bold: font.bold,
                    italic: font.italic,
                    color: self.gs.fill,
                    upright,
                    mcid: self.marked.iter().rev().find_map(|m| *m),
                    label: false,
                    in_list: false,
                });
            }
            let tx = (g.width * size + spacing) * th;
            self.tm = mul(&[1.0, 0.0, 0.0, 1.0, tx, 0.0], &self.tm);
        }
    }

    fn xobject(&mut self, name: &[u8], res: Option<&'a Dictionary>) {
        let doc = self.doc;
        let Some(entry) = res
            .and_then(|r| obj::get_dict(doc, r, b"XObject"))
            .and_then(|d| d.get(name).ok())
        else {
            return;
        };
        let id = entry.as_reference().ok();
        let Some(Object::Stream(stream)) = obj::deref(doc, entry) else {
            return;
        };
        match obj::get_name(doc, &stream.dict, b"Subtype").as_deref() {
            Some("Image") => {
                self.out.images += 1;
                return;
            }
            Some("Form") => {}
            _ => return,
        }
        if let Some(id) = id {
            if self.forms.contains(&id) {
                self.out.problems.push(format!(
                    "form XObject {} {} draws itself; the loop is cut",
                    id.0, id.1
                ));
                return;
            }
        }
        if self.forms.len() >= self.limits.max_form_depth {
            self.out.problems.push(format!(
                "form XObjects nest deeper than {}; the deeper ones are not read",
                self.limits.max_form_depth
            ));
            return;
        }
        let data = match obj::stream_data(doc, stream, self.byte_budget()) {
            Ok(d) => d,
            Err(obj::StreamError::TooLarge) => {
                self.stop(format!(
                    "content passes {} bytes; the rest of the page is not read",
                    self.limits.max_content_bytes
                ));
                return;
            }
            Err(obj::StreamError::Filter(f)) => {
                self.out.problems.push(format!(
                    "a form XObject uses the {f} filter, which is not read"
                ));
                return;
            }
            Err(obj::StreamError::Damaged(f)) => {
                self.out.problems.push(format!(
                    "a form XObject's {f} data could not be decoded (damaged?); it is not read"
                ));
                return;
            }
        };
        let form_res = obj::get_dict(doc, &stream.dict, b"Resources").or(res);
        let saved = self.gs.clone();
        let depth = self.stack.len();
        if let Some(m) = obj::get(doc, &stream.dict, b"Matrix").map(|o| obj::nums(doc, o)) {
            if m.len() == 6 {
                self.gs.ctm = mul(&[m[0], m[1], m[2], m[3], m[4], m[5]], &self.gs.ctm);
            }
        }
        self.forms.push(id.unwrap_or((0, 0)));
        let (tm, tlm) = (self.tm, self.tlm);
        self.run(&data, form_res);
        self.forms.pop();
        self.stack.truncate(depth);
        self.gs = saved;
        self.tm = tm;
        self.tlm = tlm;
    }

    fn new_subpath(&mut self, p: (f64, f64)) {
        if self.path.len() < 100_000 {
            self.path.push(SubPath {
                points: vec![p],
                closed: false,
            });
        }
    }

    fn line_to(&mut self, p: (f64, f64)) {
        match self.path.last_mut() {
            Some(sp) if !sp.closed => {
                if sp.points.len() < 100_000 {
                    sp.points.push(p);
                }
            }
            Some(sp) => {
                // After h, a new segment starts at the subpath's start.
                let start = sp.points[0];
                self.path.push(SubPath {
                    points: vec![start, p],
                    closed: false,
                });
            }
            None => self.new_subpath(p),
        }
    }

    /// After `W`/`W*`, intersect the clip with the current path's bounding
    /// box (§8.5.4: the path painted next clips). An empty path leaves the
    /// clip as it was.
    fn apply_clip(&mut self) {
        if !std::mem::take(&mut self.clip_pending) {
            return;
        }
        let (mut x0, mut top, mut x1, mut bottom) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
        for &(x, y) in self.path.iter().flat_map(|sp| sp.points.iter()) {
            x0 = x0.min(x);
            x1 = x1.max(x);
            top = top.min(y);
            bottom = bottom.max(y);
        }
        if !(x0.is_finite() && x1.is_finite() && top.is_finite() && bottom.is_finite()) || x0 > x1 {
            return;
        }
        self.gs.clip = Some(match self.gs.clip {
            None => (x0, top, x1, bottom),
            Some((a0, at, a1, ab)) => (a0.max(x0), at.max(top), a1.min(x1), ab.min(bottom)),
        });
    }

    fn paint(&mut self, stroke: bool, fill: bool, close: bool) {
        self.apply_clip();
        let path = std::mem::take(&mut self.path);
        for sp in &path {
            let closed = sp.closed || close;
            if stroke && !near_white(self.gs.stroke) {
                let pts = &sp.points;
                let mut edges: Vec<((f64, f64), (f64, f64))> =
                    pts.windows(2).map(|w| (w[0], w[1])).collect();
                if closed && pts.len() > 2 {
                    edges.push((pts[pts.len() - 1], pts[0]));
                }
                for (p, q) in edges {
                    self.edge(p, q);
                }
            }
            if fill {
                self.mark(&sp.points);
                if let Some((x0, top, x1, bottom)) = as_rect(&sp.points) {
                    let color = self.gs.fill;
                    if self.out.fills.len() < self.limits.max_shapes {
                        self.out.fills.push(FillRect {
                            x0,
                            top,
                            x1,
                            bottom,
                            color,
                        });
                    }
                    if !near_white(color) {
                        let (w, h) = (x1 - x0, bottom - top);
                        if h < THIN && w >= h {
                            self.push_rule(Rule {
                                horizontal: true,
                                pos: (top + bottom) / 2.0,
                                start: x0,
                                end: x1,
                            });
                        } else if w < THIN && h > w {
                            self.push_rule(Rule {
                                horizontal: false,
                                pos: (x0 + x1) / 2.0,
                                start: top,
                                end: bottom,
                            });
                        }
                    }
                }
            }
        }
    }

    /// Keep a filled subpath that could be a list marker drawn as a shape
    /// (a disc of curves, or a small square): inked, about as wide as
    /// tall, 1.5 to 8 points across.
    fn mark(&mut self, points: &[(f64, f64)]) {
        if points.len() < 4
            || near_white(self.gs.fill)
            || self.out.marks.len() >= self.limits.max_shapes
        {
            return;
        }
        let (mut x0, mut x1, mut top, mut bottom) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
        for &(x, y) in points {
            x0 = x0.min(x);
            x1 = x1.max(x);
            top = top.min(y);
            bottom = bottom.max(y);
        }
        let (w, h) = (x1 - x0, bottom - top);
        let sized = |v: f64| (1.5..=8.0).contains(&v);
        if sized(w) && sized(h) && (w - h).abs() <= 0.25 * w.max(h) {
            self.out.marks.push(FillRect {
                x0,
                top,
                x1,
                bottom,
                color: self.gs.fill,
            });
        }
    }

    fn edge(&mut self, p: (f64, f64), q: (f64, f64)) {
        let (dx, dy) = ((q.0 - p.0).abs(), (q.1 - p.1).abs());
        if dy < 0.5 && dx >= 0.5 {
            self.push_rule(Rule {
                horizontal: true,
                pos: (p.1 + q.1) / 2.0,
                start: p.0.min(q.0),
                end: p.0.max(q.0),
            });
        } else if dx < 0.5 && dy >= 0.5 {
            self.push_rule(Rule {
                horizontal: false,
                pos: (p.0 + q.0) / 2.0,
                start: p.1.min(q.1),
                end: p.1.max(q.1),
            });
        }
    }

    fn push_rule(&mut self, r: Rule) {
        if self.out.rules.len() < self.limits.max_shapes
            && r.pos.is_finite()
            && r.start.is_finite()
            && r.end.is_finite()
        {
            self.out.rules.push(r);
        }
    }
}

/// The bounds of a subpath that is an axis-aligned rectangle.
fn as_rect(points: &[(f64, f64)]) -> Option<(f64, f64, f64, f64)> {
    let mut pts: Vec<(f64, f64)> = points.to_vec();
    if pts.len() == 5 && close(pts[0], pts[4]) {
        pts.pop();
    }
    if pts.len() != 4 {
        return None;
    }
    let xs: Vec<f64> = pts.iter().map(|p| p.0).collect();
    let ys: Vec<f64> = pts.iter().map(|p| p.1).collect();
    let (x0, x1) = (
        xs.iter().cloned().fold(f64::MAX, f64::min),
        xs.iter().cloned().fold(f64::MIN, f64::max),
    );
    let (y0, y1) = (
        ys.iter().cloned().fold(f64::MAX, f64::min),
        ys.iter().cloned().fold(f64::MIN, f64::max),
    );
    // Every corner on the bounding box's corners.
    let on_corner = |p: &(f64, f64)| {
        ((p.0 - x0).abs() < 0.5 || (p.0 - x1).abs() < 0.5)
            && ((p.1 - y0).abs() < 0.5 || (p.1 - y1).abs() < 0.5)
    };
    (pts.iter().all(on_corner)
        && x0.is_finite()
        && y0.is_finite()
        && x1.is_finite()
        && y1.is_finite())
    .then_some((x0, y0, x1, y1))
}

fn close(a: (f64, f64), b: (f64, f64)) -> bool {
    (a.0 - b.0).abs() < 0.5 && (a.1 - b.1).abs() < 0.5
}

/// Whether a space glyph draws no space: its own advance `width` (in ems)
/// is a real word space's (a tenth of an em or more), but the spacing
/// (`spacing`, in ems: the character and word spacing added to the space,
/// and the character spacing added to the glyph before it, which moves the
/// space's start) takes all but a twentieth of an em of it back, so the
/// next glyph follows the one before as it would inside a word.
/// Ghostscript writes a kern inside a justified word so ("aw a" or "Av e"
/// under a negative `Tc` and `Tw`): read as a word break, it splits
/// "awareness" in two. A space the font leaves narrow (no width, spacing
/// done with `TJ`), or one that spacing only tightens, still breaks words.
fn cancelled_space(text: &str, width: f64, spacing: f64) -> bool {
    text == " " && width >= 0.1 && width + spacing < 0.05
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::dictionary;

    fn run(content: &[u8], doc: &Document, res: Option<&Dictionary>) -> PageContent {
        let mut fonts = FontCache::new();
        let (m, _w, h) = page_matrix([0.0, 0.0, 600.0, 800.0], 0);
        let mut it = Interp::new(doc, &mut fonts, PageLimits::default(), m, h);
        it.run(content, res);
        it.finish()
    }

    fn helvetica_res() -> Dictionary {
        dictionary! {
            "Font" => dictionary! {
                "F1" => dictionary! {
                    "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica-Bold",
                    "Encoding" => "WinAnsiEncoding",
                },
            },
        }
    }

    #[test]
    fn a_glyph_mapped_to_nul_reads_as_unmapped() {
        // ToUnicode maps "A" to U+0000 (a `.notdef` glyph drawn for a
        // character the font lacks), "B" to "b": no NUL in the text.
        let mut doc = Document::with_version("1.5");
        let cmap = b"begincmap 2 beginbfchar <41> <0000> <42> <0062> endbfchar endcmap".to_vec();
        let id = doc.add_object(lopdf::Stream::new(dictionary! {}, cmap));
        let res = dictionary! {
            "Font" => dictionary! {
                "F1" => dictionary! {
                    "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
                    "Encoding" => "WinAnsiEncoding", "ToUnicode" => id,
                },
            },
        };
        let got = run(b"BT /F1 10 Tf 72 700 Td (AB) Tj ET", &doc, Some(&res));
        let texts: Vec<&str> = got.chars.iter().map(|c| &*c.text).collect();
        assert_eq!(texts, ["\u{FFFD}", "b"]);
    }

    #[test]
    fn codes_a_standard_font_has_no_glyph_for_draw_nothing() {
        // jsPDF writes a string holding a character outside WinAnsi two
        // bytes a character in Helvetica: "\0k\0n" draws "kn".
        let doc = Document::with_version("1.5");
        let res = helvetica_res();
        let got = run(
            b"BT /F1 10 Tf 72 700 Td (\\000k\\000n) Tj ET",
            &doc,
            Some(&res),
        );
        let texts: Vec<&str> = got.chars.iter().map(|c| &*c.text).collect();
        assert_eq!(texts, ["k", "n"]);
        // Set side by side: "k" is 0.5 em wide in Helvetica.
        assert!(
            (got.chars[1].x0 - got.chars[0].x1).abs() < 0.01,
            "{:?}",
            got.chars
        );
        assert!(got.unmapped.is_empty(), "{:?}", got.unmapped);
        // A font that gives its widths (an embedded or subset font) is not
        // measured so: its unmapped code still reads as U+FFFD.
        let res = dictionary! {
            "Font" => dictionary! {
                "F1" => dictionary! {
                    "Type" => "Font", "Subtype" => "TrueType", "BaseFont" => "ABCDEF+Carlito",
                    "FirstChar" => 0, "Widths" => vec![500.into(); 128],
                },
            },
        };
        let got = run(b"BT /F1 10 Tf 72 700 Td (\\000k) Tj ET", &doc, Some(&res));
        let texts: Vec<&str> = got.chars.iter().map(|c| &*c.text).collect();
        assert_eq!(texts, ["\u{FFFD}", "k"]);
    }

    #[test]
    fn text_is_positioned_from_the_top_left() {
        let doc = Document::with_version("1.5");
        let res = helvetica_res();
        let got = run(
            b"0 0 1 rg BT /F1 10 Tf 72 700 Td (Hi) Tj 0 -20 Td 2 Tc (a b) Tj ET",
            &doc,
            Some(&res),
        );
        let texts: Vec<&str> = got.chars.iter().map(|c| &*c.text).collect();
        assert_eq!(texts, ["H", "i", "a", " ", "b"]);
        let h = &got.chars[0];
        assert!((h.x0 - 72.0).abs() < 1e-9);
        assert!((h.x1 - 79.22).abs() < 1e-9, "{}", h.x1);
        // Baseline at 800 - 700 = 100; the box runs from the descent up one em.
        assert!((h.bottom - 102.0).abs() < 1e-9 && (h.top - 92.0).abs() < 1e-9);
        assert_eq!(h.color, [0, 0, 255]);
        assert!(h.bold && h.upright && (h.size - 10.0).abs() < 1e-9);
        // "i" follows "H" by its width; Tc adds 2pt after each glyph.
        assert!((got.chars[1].x0 - 79.22).abs() < 1e-9);
        let a = &got.chars[2];
        let space = &got.chars[3];
        assert!((space.x0 - (a.x0 + 5.56 + 2.0)).abs() < 1e-9);
        assert!((a.bottom - 122.0).abs() < 1e-9);
    }

    #[test]
    fn tj_adjustments_tz_and_word_spacing_move_the_pen() {
        let doc = Document::with_version("1.5");
        let res = helvetica_res();
        let got = run(
            b"BT /F1 10 Tf 50 Tz 5 Tw 0 700 Td [(a) -1000 ( b)] TJ ET",
            &doc,
            Some(&res),
        );
        // a: 5.56 * 0.5 = 2.78; -1000 adds 10 * 0.5 = 5; then space 2.78*0.5 + 5*0.5.
        assert!((got.chars[1].x0 - 7.78).abs() < 1e-9, "{}", got.chars[1].x0);
        assert!((got.chars[2].x0 - (7.78 + 1.39 + 2.5)).abs() < 1e-9);
    }

    #[test]
    fn a_space_cancelled_by_negative_spacing_is_no_word_break() {
        let doc = Document::with_version("1.5");
        let res = helvetica_res();
        // Helvetica's space is 0.278 em: at 10pt, -2.6 Tw and -0.135 Tc
        // leave 0.045pt (under a twentieth of an em).
        let got = run(
            b"BT /F1 10 Tf 0 700 Td -0.135 Tc -2.6 Tw (aw a) Tj ET",
            &doc,
            Some(&res),
        );
        let texts: Vec<&str> = got.chars.iter().map(|c| &*c.text).collect();
        assert_eq!(texts, ["a", "w", "a"]);
        // The kern in the character spacing before the space counts too:
        // "Av e" at -0.666 Tc and -1.053 Tw (9pt) leaves 0.059 em after the
        // space's own advance, but 0.014 em less than none after the "v".
        let got = run(
            b"BT /F1 9 Tf 0 700 Td -0.666 Tc -1.3 Tw (Av e) Tj ET",
            &doc,
            Some(&res),
        );
        let texts: Vec<&str> = got.chars.iter().map(|c| &*c.text).collect();
        assert_eq!(texts, ["A", "v", "e"]);
        // A space that negative spacing only tightens (0.078 em left: a
        // justified line set tight), and one at no spacing, stay.
        for tw in ["-2 Tw", "0 Tw"] {
            let content = format!("BT /F1 10 Tf 0 700 Td {tw} (aw a) Tj ET");
            let got = run(content.as_bytes(), &doc, Some(&res));
            let texts: Vec<&str> = got.chars.iter().map(|c| &*c.text).collect();
            assert_eq!(texts, ["a", "w", " ", "a"], "{tw}");
        }
        // A space that word spacing widens is drawn as wide as it moves the
        // pen (a justified line's word space reaches the next word).
        let got = run(b"BT /F1 10 Tf 0 700 Td 20 Tw (a b) Tj ET", &doc, Some(&res));
        let (space, b) = (&got.chars[1], &got.chars[2]);
        assert!((space.x1 - b.x0).abs() < 1e-9, "{} {}", space.x1, b.x0);
        assert!((space.x1 - space.x0 - 22.78).abs() < 1e-9);
        // The pen still moves by the cancelled space's advance.
        let got = run(
            b"BT /F1 10 Tf 0 700 Td -2.78 Tw (a a) Tj ET",
            &doc,
            Some(&res),
        );
        assert!((got.chars[1].x0 - 5.56).abs() < 1e-9, "{}", got.chars[1].x0);
    }

    #[test]
    fn rules_and_fills_from_paths() {
        let doc = Document::with_version("1.5");
        let got = run(
            b"q 0.5 w 0 G 10 790 m 210 790 l S
              1 0 0 rg 10 700 200 50 re f
              0 g 10 600 200 0.5 re f
              1 1 1 rg 0 0 600 800 re f
              0 0 0 RG 300 500 m 300 400 l 350 450 l S Q",
            &doc,
            None,
        );
        assert_eq!(
            got.rules,
            vec![
                Rule {
                    horizontal: true,
                    pos: 10.0,
                    start: 10.0,
                    end: 210.0
                },
                Rule {
                    horizontal: true,
                    pos: 199.75,
                    start: 10.0,
                    end: 210.0
                },
                Rule {
                    horizontal: false,
                    pos: 300.0,
                    start: 300.0,
                    end: 400.0
                },
            ]
        );
        assert_eq!(got.fills.len(), 3);
        assert_eq!(
            got.fills[0],
            FillRect {
                x0: 10.0,
                top: 50.0,
                x1: 210.0,
                bottom: 100.0,
                color: [255, 0, 0]
            }
        );
    }

    #[test]
    fn forms_are_drawn_once_and_cycles_cut() {
        let mut doc = Document::with_version("1.5");
        let form_id = doc.new_object_id();
        let form = lopdf::Stream::new(
            dictionary! {
                "Type" => "XObject", "Subtype" => "Form",
                "Matrix" => vec![1.into(), 0.into(), 0.into(), 1.into(), 100.into(), 0.into()],
                "Resources" => dictionary! { "XObject" => dictionary! { "X" => form_id } },
            },
            b"0 0 m 0 50 l S /X Do".to_vec(),
        );
        doc.objects.insert(form_id, Object::Stream(form));
        let res = dictionary! { "XObject" => dictionary! { "X" => form_id } };
        let got = run(b"/X Do", &doc, Some(&res));
        assert_eq!(got.rules.len(), 1);
        assert_eq!(got.rules[0].pos, 100.0);
        assert!(got.problems[0].contains("draws itself"));
    }

    #[test]
    fn q_nesting_and_operator_counts_are_bounded() {
        let doc = Document::with_version("1.5");
        let deep = b"q ".repeat(100_000);
        let got = run(&deep, &doc, None);
        assert!(got.problems.is_empty());
        let mut fonts = FontCache::new();
        let (m, _w, h) = page_matrix([0.0, 0.0, 600.0, 800.0], 0);
        let limits = PageLimits {
            max_ops: 10,
            ..PageLimits::default()
        };
        let mut it = Interp::new(&doc, &mut fonts, limits, m, h);
        it.run(&b"0 0 m ".repeat(100), None);
        assert!(it.finish().problems[0].contains("more than 10 operators"));
    }

    #[test]
    fn rotated_pages_map_to_their_display_orientation() {
        let (m, w, h) = page_matrix([0.0, 0.0, 600.0, 800.0], 90);
        assert_eq!((w, h), (800.0, 600.0));
        // The bottom-left corner of the unrotated page shows at the top left.
        assert_eq!(apply(&m, 0.0, 0.0), (0.0, 0.0));
        assert_eq!(apply(&m, 0.0, 800.0), (800.0, 0.0));
    }
}
