//! Pretty JSON as `serde_json::to_writer_pretty` writes it (two spaces a
//! level), with each line's break and indentation written at once.
//!
//! serde_json's `PrettyFormatter` writes a line's indentation one level at
//! a time: a plan's JSON is some two thousand lines, three or four levels
//! deep, so a batch made a write call per level per line (a quarter of a
//! million for forty plans, a sixth of the writer's time). [`Pretty`] is the
//! same formatter, method for method, but slices the break and the
//! indentation out of one buffer. Its output is byte for byte
//! `to_writer_pretty`'s (the tests below compare them).
//!
//! The serializer is serde_json's too, rewritten here for one reason: a
//! string with nothing to escape is copied at once (see [`Json`]).
//!
//! The plan itself does not go through serde: [`plan_to_vec`] writes it
//! straight into a buffer ([`WriteJson`]), each struct's keys constants
//! made at compile time, into a buffer started at about the JSON's size
//! ([`plan_size_hint`]); through serde it cost twice as much. Its output is
//! byte for byte `to_writer_pretty`'s too (the tests compare them over the
//! test plans and every kind of plan value).

use std::io;

use serde::Serialize;
use serde_json::ser::Formatter;

use crate::gaps::GapCode;
use crate::plan::{
    Action, Audience, Due, DueKind, Field, Fields, Gap, Lead, OtherTable, Period, Place, Plan,
    PlanInfo, PlanSource, PlanWarning, Priority, Progress, Rag, Severity,
};

/// Levels of indentation written with one slice; deeper lines (no plan
/// has them) are written a level at a time.
const LEVELS: usize = 32;

/// ",\n" and the spaces of [`LEVELS`] levels: a line start is a slice.
const LINE: [u8; 2 + 2 * LEVELS] = {
    let mut b = [b' '; 2 + 2 * LEVELS];
    b[0] = b',';
    b[1] = b'\n';
    b
};

/// Per depth up to [`LEVELS`], [`LINE`]'s slice for the depth with the
/// opening quote of a key after it: a key's line start and quote are one
/// slice.
const KEY_LINES: [[u8; 3 + 2 * LEVELS]; LEVELS + 1] = {
    let mut t = [[b' '; 3 + 2 * LEVELS]; LEVELS + 1];
    let mut depth = 0;
    while depth <= LEVELS {
        t[depth][0] = b',';
        t[depth][1] = b'\n';
        t[depth][2 + 2 * depth] = b'"';
        depth += 1;
    }
    t
};

/// serde_json's `PrettyFormatter` with a two-space indent, writing a line's
/// start at once.
#[derive(Debug, Default)]
pub struct Pretty {
    /// Nesting depth.
    depth: usize,
    /// Whether the array or object being closed had a value.
    has_value: bool,
}

impl Pretty {
    /// A new line (after a comma when `comma`), indented to the depth.
    fn line<W: ?Sized + io::Write>(&self, writer: &mut W, comma: bool) -> io::Result<()> {
        let from = usize::from(!comma);
        if self.depth <= LEVELS {
            return writer.write_all(&LINE[from..2 + 2 * self.depth]);
        }
        writer.write_all(&LINE[from..2])?;
        for _ in 0..self.depth {
            writer.write_all(b"  ")?;
        }
        Ok(())
    }

    /// A key's new line (after a comma when `comma`) and its opening
    /// quote.
    #[inline]
    fn key_line<W: ?Sized + io::Write>(&self, writer: &mut W, comma: bool) -> io::Result<()> {
        let from = usize::from(!comma);
        match KEY_LINES.get(self.depth) {
            Some(line) => writer.write_all(&line[from..3 + 2 * self.depth]),
            None => {
                self.line(writer, comma)?;
                writer.write_all(b"\"")
            }
        }
    }

    /// An array or object opens: one level deeper, nothing in it yet.
    #[inline]
    fn open<W: ?Sized + io::Write>(&mut self, writer: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        writer.write_all(bracket)
    }

    /// It closes: on a line of its own when it held something.
    #[inline]
    fn close<W: ?Sized + io::Write>(&mut self, writer: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.depth -= 1;
        if self.has_value {
            self.line(writer, false)?;
        }
        writer.write_all(bracket)
    }
}

impl Formatter for Pretty {
    #[inline]
    fn begin_array<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.open(writer, b"[")
    }

    #[inline]
    fn end_array<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.close(writer, b"]")
    }

    #[inline]
    fn begin_array_value<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.line(writer, !first)
    }

    #[inline]
    fn end_array_value<W: ?Sized + io::Write>(&mut self, _writer: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    #[inline]
    fn begin_object<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.open(writer, b"{")
    }

    #[inline]
    fn end_object<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.close(writer, b"}")
    }

    #[inline]
    fn begin_object_key<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.line(writer, !first)
    }

    #[inline]
    fn begin_object_value<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        writer.write_all(b": ")
    }

    #[inline]
    fn end_object_value<W: ?Sized + io::Write>(&mut self, _writer: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

/// Write `value` as `serde_json::to_writer_pretty` would.
pub fn to_writer<W: io::Write, T: ?Sized + Serialize>(
    mut writer: W,
    value: &T,
) -> serde_json::Result<()> {
    value.serialize(&mut Json {
        out: &mut writer,
        fmt: Pretty::default(),
    })
}

/// Whether JSON must escape a byte of `s` (a control character, `"` or
/// `\`: serde_json's escape table). Most strings of a plan are keys and
/// short values: up to sixteen bytes are read as two (overlapping) words
/// and tested a word at a time; longer ones sixteen bytes at a time with no
/// exit inside a block (a few vector instructions), the last block
/// overlapping the one before.
#[inline(always)]
fn needs_escape(s: &[u8]) -> bool {
    const ONES: u64 = u64::from_le_bytes([1; 8]);
    const HIGH: u64 = ONES * 0x80;
    // Whether a byte of `w` is below 0x20, `"` or `\` (exact: the
    // classic zero-byte tests, which can only err above a byte that
    // matches).
    let word_bad = |w: u64| {
        let below = |v: u64, n: u64| v.wrapping_sub(ONES * n) & !v & HIGH;
        (below(w, 0x20) | below(w ^ (ONES * 0x22), 1) | below(w ^ (ONES * 0x5c), 1)) != 0
    };
    // (Each slice below has the length asked for; a shorter one would
    // read as 0, which needs escaping: the slow path, never a panic.)
    let word = |b: &[u8]| b.first_chunk::<8>().map_or(0, |c| u64::from_le_bytes(*c));
    // Four bytes, the other four plain `a`s.
    let half = |b: &[u8]| {
        b.first_chunk::<4>().map_or(0, |c| {
            u64::from(u32::from_le_bytes(*c)) | (ONES * 0x61) << 32
        })
    };
    let n = s.len();
    match n {
        0..4 => s.iter().any(|&b| is_escaped(b)),
        4..8 => word_bad(half(&s[..4])) || word_bad(half(&s[n - 4..])),
        8..=16 => word_bad(word(&s[..8])) || word_bad(word(&s[n - 8..])),
        _ => {
            let block_bad = |block: &[u8]| block.iter().fold(false, |acc, &b| acc | is_escaped(b));
            s.chunks_exact(16).any(block_bad) || block_bad(&s[n - 16..])
        }
    }
}

/// serde_json's `Serializer` with the [`Pretty`] formatter, method for
/// method, but for strings: serde_json looks up every byte of a string in
/// its escape table (a seventh of a plan's post-read instructions); here a
/// string with nothing to escape (nearly every plan text) is checked a word
/// or a block at a time and written at once, and one with escapes is
/// written a run at a time between them.
struct Json<'w, W: ?Sized> {
    out: &'w mut W,
    fmt: Pretty,
}

type Result<T = ()> = serde_json::Result<T>;

fn io_err(e: io::Error) -> serde_json::Error {
    serde_json::Error::io(e)
}

impl<W: ?Sized + io::Write> Json<'_, W> {
    // Inlined into its callers (a value): most strings are short, and the
    // call was a tenth of writing one (`#[inline]` alone left it a call).
    #[inline(always)]
    fn string(&mut self, s: &str) -> Result {
        let w = &mut *self.out;
        let written = if needs_escape(s.as_bytes()) {
            escaped(w, &mut self.fmt, s)
        } else {
            w.write_all(b"\"")
                .and_then(|()| w.write_all(s.as_bytes()))
                .and_then(|()| w.write_all(b"\""))
        };
        written.map_err(io_err)
    }

    /// An object's key `s` on its new line (after a comma unless `first`)
    /// and the `: ` after it, as the formatter writes them
    /// (`begin_object_key`, the string, `end_object_key`,
    /// `begin_object_value`); a key with nothing to escape (every key of
    /// a plan) is three slices: the line start with the quote, the key,
    /// and `": `.
    #[inline(always)]
    fn key_string(&mut self, s: &str, first: bool) -> Result {
        let w = &mut *self.out;
        let written = if needs_escape(s.as_bytes()) {
            self.fmt
                .begin_object_key(w, first)
                .and_then(|()| escaped(w, &mut self.fmt, s))
                .and_then(|()| self.fmt.end_object_key(w))
                .and_then(|()| self.fmt.begin_object_value(w))
        } else {
            self.fmt
                .key_line(w, !first)
                .and_then(|()| w.write_all(s.as_bytes()))
                .and_then(|()| w.write_all(b"\": "))
        };
        written.map_err(io_err)
    }

    /// `{"variant": ` before the value of a newtype, tuple or struct
    /// variant.
    fn begin_variant(&mut self, variant: &str) -> Result {
        self.fmt.begin_object(self.out).map_err(io_err)?;
        self.fmt.begin_object_key(self.out, true).map_err(io_err)?;
        self.string(variant)?;
        self.fmt.end_object_key(self.out).map_err(io_err)?;
        self.fmt.begin_object_value(self.out).map_err(io_err)
    }

    /// The `}` that closes a variant's object.
    fn end_variant(&mut self) -> Result {
        self.fmt.end_object_value(self.out).map_err(io_err)?;
        self.fmt.end_object(self.out).map_err(io_err)
    }
}

/// Whether JSON escapes the byte `b`.
fn is_escaped(b: u8) -> bool {
    (b < 0x20) | (b == b'"') | (b == b'\\')
}

/// Where the first byte of `s` that JSON escapes is: the block of sixteen
/// bytes that holds it found as [`needs_escape`] tests a block (a few
/// vector instructions, no exit inside it), then the byte in that block.
fn first_escaped(s: &[u8]) -> Option<usize> {
    let block_bad = |block: &[u8]| block.iter().fold(false, |acc, &b| acc | is_escaped(b));
    let mut at = 0;
    for block in s.chunks_exact(16) {
        if block_bad(block) {
            break;
        }
        at += 16;
    }
    s[at..].iter().position(|&b| is_escaped(b)).map(|i| at + i)
}

/// `s` as a JSON string, escaped as serde_json escapes it (its escapes,
/// written by its formatter), runs between escapes written at once.
fn escaped<W: ?Sized + io::Write>(w: &mut W, fmt: &mut Pretty, s: &str) -> io::Result<()> {
    use serde_json::ser::CharEscape;
    fmt.begin_string(w)?;
    let mut rest = s;
    while let Some(i) = first_escaped(rest.as_bytes()) {
        // The byte at `i` is ASCII, so both sides are whole characters.
        let (run, after) = rest.split_at(i);
        if !run.is_empty() {
            fmt.write_string_fragment(w, run)?;
        }
        let b = after.as_bytes()[0];
        let escape = match b {
            b'"' => CharEscape::Quote,
            b'\\' => CharEscape::ReverseSolidus,
            0x08 => CharEscape::Backspace,
            0x0c => CharEscape::FormFeed,
            b'\n' => CharEscape::LineFeed,
            b'\r' => CharEscape::CarriageReturn,
            b'\t' => CharEscape::Tab,
            _ => CharEscape::AsciiControl(b),
        };
        fmt.write_char_escape(w, escape)?;
        rest = &after[1..];
    }
    if !rest.is_empty() {
        fmt.write_string_fragment(w, rest)?;
    }
    fmt.end_string(w)
}

/// Whether a compound has no, its first or a later element.
#[derive(PartialEq, Eq)]
enum State {
    Empty,
    First,
    Rest,
}

/// An array or object being written.
struct Compound<'a, 'w, W: ?Sized> {
    ser: &'a mut Json<'w, W>,
    state: State,
}

macro_rules! numbers {
    ($($method:ident $write:ident $t:ty),* $(,)?) => {
        $(
            fn $method(self, v: $t) -> Result {
                self.fmt.$write(self.out, v).map_err(io_err)
            }
        )*
    };
}

impl<'a, 'w, W: ?Sized + io::Write> serde::Serializer for &'a mut Json<'w, W> {
    type Ok = ();
    type Error = serde_json::Error;
    type SerializeSeq = Compound<'a, 'w, W>;
    type SerializeTuple = Compound<'a, 'w, W>;
    type SerializeTupleStruct = Compound<'a, 'w, W>;
    type SerializeTupleVariant = Compound<'a, 'w, W>;
    type SerializeMap = Compound<'a, 'w, W>;
    type SerializeStruct = Compound<'a, 'w, W>;
    type SerializeStructVariant = Compound<'a, 'w, W>;

    numbers! {
        serialize_bool write_bool bool,
        serialize_i8 write_i8 i8,
        serialize_i16 write_i16 i16,
        serialize_i32 write_i32 i32,
        serialize_i64 write_i64 i64,
        serialize_i128 write_i128 i128,
        serialize_u8 write_u8 u8,
        serialize_u16 write_u16 u16,
        serialize_u32 write_u32 u32,
        serialize_u64 write_u64 u64,
        serialize_u128 write_u128 u128,
    }

    fn serialize_f32(self, v: f32) -> Result {
        if v.is_finite() {
            self.fmt.write_f32(self.out, v).map_err(io_err)
        } else {
            self.fmt.write_null(self.out).map_err(io_err)
        }
    }

    fn serialize_f64(self, v: f64) -> Result {
        if v.is_finite() {
            self.fmt.write_f64(self.out, v).map_err(io_err)
        } else {
            self.fmt.write_null(self.out).map_err(io_err)
        }
    }

    fn serialize_char(self, v: char) -> Result {
        self.string(v.encode_utf8(&mut [0; 4]))
    }

    fn serialize_str(self, v: &str) -> Result {
        self.string(v)
    }

    fn serialize_bytes(self, v: &[u8]) -> Result {
        self.fmt.write_byte_array(self.out, v).map_err(io_err)
    }

    fn serialize_none(self) -> Result {
        self.serialize_unit()
    }

    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Result {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result {
        self.fmt.write_null(self.out).map_err(io_err)
    }

    fn serialize_unit_struct(self, _: &'static str) -> Result {
        self.serialize_unit()
    }

    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result {
        self.string(variant)
    }

    fn serialize_newtype_struct<T: ?Sized + Serialize>(self, _: &'static str, value: &T) -> Result {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result {
        self.begin_variant(variant)?;
        value.serialize(&mut *self)?;
        self.end_variant()
    }

    fn serialize_seq(self, len: Option<usize>) -> Result<Self::SerializeSeq> {
        self.fmt.begin_array(self.out).map_err(io_err)?;
        let state = if len == Some(0) {
            self.fmt.end_array(self.out).map_err(io_err)?;
            State::Empty
        } else {
            State::First
        };
        Ok(Compound { ser: self, state })
    }

    fn serialize_tuple(self, len: usize) -> Result<Self::SerializeTuple> {
        self.serialize_seq(Some(len))
    }

    fn serialize_tuple_struct(
        self,
        _: &'static str,
        len: usize,
    ) -> Result<Self::SerializeTupleStruct> {
        self.serialize_seq(Some(len))
    }

    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Self::SerializeTupleVariant> {
        self.begin_variant(variant)?;
        self.serialize_seq(Some(len))
    }

    fn serialize_map(self, len: Option<usize>) -> Result<Self::SerializeMap> {
        self.fmt.begin_object(self.out).map_err(io_err)?;
        let state = if len == Some(0) {
            self.fmt.end_object(self.out).map_err(io_err)?;
            State::Empty
        } else {
            State::First
        };
        Ok(Compound { ser: self, state })
    }

    fn serialize_struct(self, _: &'static str, len: usize) -> Result<Self::SerializeStruct> {
        self.serialize_map(Some(len))
    }

    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Self::SerializeStructVariant> {
        self.begin_variant(variant)?;
        self.serialize_map(Some(len))
    }
}

impl<W: ?Sized + io::Write> Compound<'_, '_, W> {
    fn element<T: ?Sized + Serialize>(&mut self, value: &T) -> Result {
        let ser = &mut *self.ser;
        ser.fmt
            .begin_array_value(ser.out, self.state == State::First)
            .map_err(io_err)?;
        self.state = State::Rest;
        value.serialize(&mut *ser)?;
        ser.fmt.end_array_value(ser.out).map_err(io_err)
    }

    fn end_array(self) -> Result {
        if self.state == State::Empty {
            return Ok(());
        }
        self.ser.fmt.end_array(self.ser.out).map_err(io_err)
    }

    /// A key, its line and the `: ` after it (see [`Json::key_string`]).
    fn key<T: ?Sized + Serialize>(&mut self, key: &T) -> Result {
        let first = self.state == State::First;
        self.state = State::Rest;
        key.serialize(MapKey {
            ser: &mut *self.ser,
            first,
        })
    }

    /// A value, after its key.
    fn value<T: ?Sized + Serialize>(&mut self, value: &T) -> Result {
        let ser = &mut *self.ser;
        value.serialize(&mut *ser)?;
        ser.fmt.end_object_value(ser.out).map_err(io_err)
    }

    fn end_object(self) -> Result {
        if self.state == State::Empty {
            return Ok(());
        }
        self.ser.fmt.end_object(self.ser.out).map_err(io_err)
    }
}

impl<W: ?Sized + io::Write> serde::ser::SerializeSeq for Compound<'_, '_, W> {
    type Ok = ();
    type Error = serde_json::Error;
    fn serialize_element<T: ?Sized + Serialize>(&mut self, value: &T) -> Result {
        self.element(value)
    }
    fn end(self) -> Result {
        self.end_array()
    }
}

impl<W: ?Sized + io::Write> serde::ser::SerializeTuple for Compound<'_, '_, W> {
    type Ok = ();
    type Error = serde_json::Error;
    fn serialize_element<T: ?Sized + Serialize>(&mut self, value: &T) -> Result {
        self.element(value)
    }
    fn end(self) -> Result {
        self.end_array()
    }
}

impl<W: ?Sized + io::Write> serde::ser::SerializeTupleStruct for Compound<'_, '_, W> {
    type Ok = ();
    type Error = serde_json::Error;
    fn serialize_field<T: ?Sized + Serialize>(&mut self, value: &T) -> Result {
        self.element(value)
    }
    fn end(self) -> Result {
        self.end_array()
    }
}

impl<W: ?Sized + io::Write> serde::ser::SerializeTupleVariant for Compound<'_, '_, W> {
    type Ok = ();
    type Error = serde_json::Error;
    fn serialize_field<T: ?Sized + Serialize>(&mut self, value: &T) -> Result {
        self.element(value)
    }
    fn end(self) -> Result {
        let ser = &mut *self.ser;
        if self.state != State::Empty {
            ser.fmt.end_array(ser.out).map_err(io_err)?;
        }
        ser.end_variant()
    }
}

impl<W: ?Sized + io::Write> serde::ser::SerializeMap for Compound<'_, '_, W> {
    type Ok = ();
    type Error = serde_json::Error;
    fn serialize_key<T: ?Sized + Serialize>(&mut self, key: &T) -> Result {
        self.key(key)
    }
    fn serialize_value<T: ?Sized + Serialize>(&mut self, value: &T) -> Result {
        self.value(value)
    }
    fn end(self) -> Result {
        self.end_object()
    }
}

impl<W: ?Sized + io::Write> serde::ser::SerializeStruct for Compound<'_, '_, W> {
    type Ok = ();
    type Error = serde_json::Error;
    fn serialize_field<T: ?Sized + Serialize>(&mut self, key: &'static str, value: &T) -> Result {
        self.key(key)?;
        self.value(value)
    }
    fn end(self) -> Result {
        self.end_object()
    }
}

impl<W: ?Sized + io::Write> serde::ser::SerializeStructVariant for Compound<'_, '_, W> {
    type Ok = ();
    type Error = serde_json::Error;
    fn serialize_field<T: ?Sized + Serialize>(&mut self, key: &'static str, value: &T) -> Result {
        self.key(key)?;
        self.value(value)
    }
    fn end(self) -> Result {
        let ser = &mut *self.ser;
        if self.state != State::Empty {
            ser.fmt.end_object(ser.out).map_err(io_err)?;
        }
        ser.end_variant()
    }
}

/// An object's key: a string (a plan's maps and structs have no other
/// keys; anything else is an error, as serde_json's for most types).
struct MapKey<'a, 'w, W: ?Sized> {
    ser: &'a mut Json<'w, W>,
    /// Whether it is the object's first key.
    first: bool,
}

fn key_must_be_a_string() -> serde_json::Error {
    serde::ser::Error::custom("key must be a string")
}

macro_rules! not_keys {
    ($($method:ident $t:ty),* $(,)?) => {
        $(
            fn $method(self, _: $t) -> Result {
                Err(key_must_be_a_string())
            }
        )*
    };
}

impl<W: ?Sized + io::Write> serde::Serializer for MapKey<'_, '_, W> {
    type Ok = ();
    type Error = serde_json::Error;
    type SerializeSeq = serde::ser::Impossible<(), serde_json::Error>;
    type SerializeTuple = serde::ser::Impossible<(), serde_json::Error>;
    type SerializeTupleStruct = serde::ser::Impossible<(), serde_json::Error>;
    type SerializeTupleVariant = serde::ser::Impossible<(), serde_json::Error>;
    type SerializeMap = serde::ser::Impossible<(), serde_json::Error>;
    type SerializeStruct = serde::ser::Impossible<(), serde_json::Error>;
    type SerializeStructVariant = serde::ser::Impossible<(), serde_json::Error>;

    fn serialize_str(self, v: &str) -> Result {
        self.ser.key_string(v, self.first)
    }

    fn serialize_char(self, v: char) -> Result {
        self.ser.key_string(v.encode_utf8(&mut [0; 4]), self.first)
    }

    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result {
        self.ser.key_string(variant, self.first)
    }

    fn serialize_newtype_struct<T: ?Sized + Serialize>(self, _: &'static str, value: &T) -> Result {
        value.serialize(self)
    }

    not_keys! {
        serialize_bool bool,
        serialize_i8 i8,
        serialize_i16 i16,
        serialize_i32 i32,
        serialize_i64 i64,
        serialize_i128 i128,
        serialize_u8 u8,
        serialize_u16 u16,
        serialize_u32 u32,
        serialize_u64 u64,
        serialize_u128 u128,
        serialize_f32 f32,
        serialize_f64 f64,
        serialize_bytes &[u8],
    }

    fn serialize_none(self) -> Result {
        Err(key_must_be_a_string())
    }

    fn serialize_some<T: ?Sized + Serialize>(self, _: &T) -> Result {
        Err(key_must_be_a_string())
    }

    fn serialize_unit(self) -> Result {
        Err(key_must_be_a_string())
    }

    fn serialize_unit_struct(self, _: &'static str) -> Result {
        Err(key_must_be_a_string())
    }

    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result {
        Err(key_must_be_a_string())
    }

    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq> {
        Err(key_must_be_a_string())
    }

    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple> {
        Err(key_must_be_a_string())
    }

    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct> {
        Err(key_must_be_a_string())
    }

    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant> {
        Err(key_must_be_a_string())
    }

    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap> {
        Err(key_must_be_a_string())
    }

    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeStruct> {
        Err(key_must_be_a_string())
    }

    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant> {
        Err(key_must_be_a_string())
    }
}

/// A value that writes itself as pretty JSON straight into a buffer,
/// byte for byte what `serde_json::to_writer_pretty` writes for its
/// `Serialize` (the tests below compare them).
///
/// The plan is written this way ([`plan_to_vec`]): through serde, every
/// line of a plan's JSON was a dozen calls (a field, its key through a key
/// serializer with its escape check, the formatter's line, `": `, the value
/// through `Option`'s and `String`'s impls), each small piece a `write_all`
/// with its own capacity check and `memcpy` call. Here a struct's keys are
/// constants made at compile time (quote, name, quote and `": ` one slice,
/// copied inline), a line's break and indentation one fixed-size copy, and
/// `null` one slice.
pub trait WriteJson {
    /// Write `self` at `out`'s depth.
    fn write_json(&self, out: &mut Out<'_>);
}

/// Write `plan` as `serde_json::to_writer_pretty` writes it, at the end of
/// `buf`.
pub fn plan_to_vec(buf: &mut Vec<u8>, plan: &Plan) {
    write_json(buf, plan);
}

/// About how many bytes [`plan_to_vec`] writes for `plan`, for a buffer's
/// first capacity: a plan's JSON is a few kilobytes to a few hundred, and
/// a buffer grown to it copies what it holds at each step (for forty
/// plans, a sixth of what writing them cost). Every cell text of an action
/// is written twice at most (under its header in `fields`, and as the
/// field it maps to), an action's keys and lines are about a kilobyte, a
/// gap's about 400 bytes and its message; the rest is counted alike.
/// Over the test plans this is from the size to a third over it for any
/// plan over a few kilobytes; a plan it falls short of grows its buffer
/// once or twice, as before.
pub fn plan_size_hint(plan: &Plan) -> usize {
    let fields: usize = plan
        .actions
        .iter()
        .flat_map(|a| a.fields.iter())
        .map(|(k, v)| 2 * (k.len() + v.len()) + 24)
        .sum();
    let gaps: usize = plan
        .gaps
        .iter()
        .map(|g| 420 + g.message.len() + g.value.as_ref().map_or(0, String::len))
        .sum();
    let priorities: usize = plan
        .priorities
        .iter()
        .map(|p| 200 + p.title.len() + p.outcomes.iter().map(|o| o.len() + 8).sum::<usize>())
        .sum();
    let tables: usize = plan
        .other_tables
        .iter()
        .flat_map(|t| t.rows.iter().flatten())
        .map(|c| c.len() + 8)
        .sum();
    1000 + 1000 * plan.actions.len() + fields + gaps + priorities + tables
}

/// Write `value` as `serde_json::to_writer_pretty` writes it, at the end
/// of `buf`.
pub fn write_json<T: ?Sized + WriteJson>(buf: &mut Vec<u8>, value: &T) {
    value.write_json(&mut Out { buf, depth: 0 });
}

/// Bytes of [`LINE`] copied for any line start up to [`FAST_DEPTH`]: a
/// copy of a constant size is a few moves, not a call.
const CHUNK: usize = 32;

/// The deepest line written by one [`CHUNK`].
const FAST_DEPTH: usize = (CHUNK - 2) / 2;

/// A buffer that pretty JSON is written into, and the depth it is at.
pub struct Out<'a> {
    buf: &'a mut Vec<u8>,
    depth: usize,
}

impl Out<'_> {
    /// A new line (after a comma when `comma`), indented to the depth:
    /// [`CHUNK`] bytes of [`LINE`] copied, then cut to the line's length.
    #[inline(always)]
    fn line(&mut self, comma: bool) {
        let from = usize::from(!comma);
        let depth = self.depth;
        if depth <= FAST_DEPTH {
            let end = self.buf.len() + 2 - from + 2 * depth;
            self.buf.extend_from_slice(&LINE[from..from + CHUNK]);
            self.buf.truncate(end);
        } else {
            self.buf.extend_from_slice(&LINE[from..2]);
            for _ in 0..depth {
                self.buf.extend_from_slice(b"  ");
            }
        }
    }

    /// An object opens.
    #[inline(always)]
    fn begin_object(&mut self) {
        self.buf.push(b'{');
        self.depth += 1;
    }

    /// A key known at compile time, `key` being its quoted name and `": `
    /// (see [`object!`]), on its line: after a comma unless `first`.
    #[inline(always)]
    fn key(&mut self, first: bool, key: &'static str) {
        self.line(!first);
        self.buf.extend_from_slice(key.as_bytes());
    }

    /// A key made at run time, escaped as it needs, on its line.
    #[inline]
    fn dyn_key(&mut self, first: bool, key: &str) {
        self.line(!first);
        self.string(key);
        self.buf.extend_from_slice(b": ");
    }

    /// An object with something in it closes, on a line of its own.
    #[inline(always)]
    fn end_object(&mut self) {
        self.depth -= 1;
        self.line(false);
        self.buf.push(b'}');
    }

    /// A string, quoted and escaped as serde_json escapes it.
    #[inline(always)]
    fn string(&mut self, s: &str) {
        let bytes = s.as_bytes();
        if needs_escape(bytes) {
            escape_into(self.buf, s);
        } else {
            self.buf.reserve(bytes.len() + 2);
            self.buf.push(b'"');
            self.buf.extend_from_slice(bytes);
            self.buf.push(b'"');
        }
    }

    /// `null`.
    #[inline(always)]
    fn null(&mut self) {
        self.buf.extend_from_slice(b"null");
    }

    /// An unsigned integer in decimal.
    #[inline]
    fn uint(&mut self, v: u64) {
        // Most are a table's or a row's index: one or two digits.
        if v < 10 {
            self.buf.push(b'0' + v as u8);
            return;
        }
        if v < 100 {
            self.buf
                .extend_from_slice(&[b'0' + (v / 10) as u8, b'0' + (v % 10) as u8]);
            return;
        }
        let mut digits = [0u8; 20];
        let mut at = digits.len();
        let mut rest = v;
        while rest > 0 {
            at -= 1;
            digits[at] = b'0' + (rest % 10) as u8;
            rest /= 10;
        }
        self.buf.extend_from_slice(&digits[at..]);
    }

    /// An array of `items`: `[]` when empty, else an item a line.
    #[inline]
    fn array<T: WriteJson>(&mut self, items: &[T]) {
        let Some((head, tail)) = items.split_first() else {
            self.buf.extend_from_slice(b"[]");
            return;
        };
        self.buf.push(b'[');
        self.depth += 1;
        self.line(false);
        head.write_json(self);
        for item in tail {
            self.line(true);
            item.write_json(self);
        }
        self.depth -= 1;
        self.line(false);
        self.buf.push(b']');
    }
}

/// `s` as a JSON string, escaped as serde_json escapes it: `\"`, `\\`,
/// the short escapes of backspace, form feed, line feed, carriage return
/// and tab, and `\u00XX` (lower-case hex) for the other control
/// characters.
fn escape_into(buf: &mut Vec<u8>, s: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut rest = s.as_bytes();
    buf.push(b'"');
    while let Some(i) = first_escaped(rest) {
        buf.extend_from_slice(&rest[..i]);
        let b = rest[i];
        let short = match b {
            b'"' => b'"',
            b'\\' => b'\\',
            0x08 => b'b',
            0x0c => b'f',
            b'\n' => b'n',
            b'\r' => b'r',
            b'\t' => b't',
            _ => 0,
        };
        if short == 0 {
            buf.extend_from_slice(&[
                b'\\',
                b'u',
                b'0',
                b'0',
                HEX[usize::from(b >> 4)],
                HEX[usize::from(b & 0xf)],
            ]);
        } else {
            buf.extend_from_slice(&[b'\\', short]);
        }
        rest = &rest[i + 1..];
    }
    buf.extend_from_slice(rest);
    buf.push(b'"');
}

impl WriteJson for str {
    #[inline(always)]
    fn write_json(&self, out: &mut Out<'_>) {
        out.string(self);
    }
}

impl WriteJson for String {
    #[inline(always)]
    fn write_json(&self, out: &mut Out<'_>) {
        out.string(self);
    }
}

impl WriteJson for &str {
    #[inline(always)]
    fn write_json(&self, out: &mut Out<'_>) {
        out.string(self);
    }
}

impl WriteJson for bool {
    #[inline(always)]
    fn write_json(&self, out: &mut Out<'_>) {
        let word: &[u8] = if *self { b"true" } else { b"false" };
        out.buf.extend_from_slice(word);
    }
}

impl WriteJson for u32 {
    #[inline(always)]
    fn write_json(&self, out: &mut Out<'_>) {
        out.uint(u64::from(*self));
    }
}

impl WriteJson for usize {
    #[inline(always)]
    fn write_json(&self, out: &mut Out<'_>) {
        // A usize fits a u64 on every target Rust supports.
        out.uint(*self as u64);
    }
}

impl<T: WriteJson> WriteJson for Option<T> {
    #[inline(always)]
    fn write_json(&self, out: &mut Out<'_>) {
        match self {
            Some(v) => v.write_json(out),
            None => out.null(),
        }
    }
}

impl<T: WriteJson> WriteJson for Vec<T> {
    #[inline]
    fn write_json(&self, out: &mut Out<'_>) {
        out.array(self);
    }
}

/// A struct as serde's derive writes it: its fields in order, each under
/// its name as key. The struct is taken apart with every field named
/// (`skip` names those serde skips), so a field added to it and not here
/// does not compile.
macro_rules! object {
    ($out:ident, $value:expr, $ty:ident { $first:ident $(, $field:ident)* $(,)? } $(skip $($skip:ident),*)?) => {{
        let $ty { $first, $($field,)* $($($skip: _,)*)? } = $value;
        $out.begin_object();
        $out.key(true, concat!("\"", stringify!($first), "\": "));
        $first.write_json($out);
        $(
            $out.key(false, concat!("\"", stringify!($field), "\": "));
            $field.write_json($out);
        )*
        $out.end_object();
    }};
}

/// A unit enum as serde writes it: its variant's name, with nothing to
/// escape.
macro_rules! words {
    ($($ty:ty => |$v:ident| $name:expr;)*) => {
        $(
            impl WriteJson for $ty {
                #[inline]
                fn write_json(&self, out: &mut Out<'_>) {
                    let $v = *self;
                    out.string($name);
                }
            }
        )*
    };
}

words! {
    GapCode => |c| c.as_str();
    Severity => |s| s.name();
    Rag => |r| r.name();
    Field => |f| f.name();
    Audience => |a| match a {
        Audience::Children => "children",
        Audience::Adults => "adults",
        Audience::Both => "both",
    };
    DueKind => |k| match k {
        DueKind::Date => "date",
        DueKind::Month => "month",
        DueKind::Quarter => "quarter",
        DueKind::Year => "year",
        DueKind::Range => "range",
        DueKind::Ongoing => "ongoing",
        DueKind::Recurring => "recurring",
        DueKind::Placeholder => "placeholder",
        DueKind::Unparsed => "unparsed",
    };
}

impl WriteJson for Plan {
    fn write_json(&self, out: &mut Out<'_>) {
        object!(out, self, Plan {
            schema, source, plan, priorities, actions, gaps, warnings, other_tables
        } skip context);
    }
}

impl WriteJson for PlanSource {
    fn write_json(&self, out: &mut Out<'_>) {
        object!(
            out,
            self,
            PlanSource {
                file,
                format,
                sha256,
                pages,
                sheets,
                layout,
                producer
            }
        );
    }
}

impl WriteJson for PlanInfo {
    fn write_json(&self, out: &mut Out<'_>) {
        object!(
            out,
            self,
            PlanInfo {
                title,
                organisation,
                period,
                status,
                updated
            }
        );
    }
}

impl WriteJson for Period {
    fn write_json(&self, out: &mut Out<'_>) {
        object!(out, self, Period { raw, start, end });
    }
}

impl WriteJson for Priority {
    fn write_json(&self, out: &mut Out<'_>) {
        object!(
            out,
            self,
            Priority {
                id,
                title,
                lead,
                outcomes,
                source
            }
        );
    }
}

impl WriteJson for Place {
    #[inline]
    fn write_json(&self, out: &mut Out<'_>) {
        object!(
            out,
            self,
            Place {
                page,
                sheet,
                table,
                row,
                cell
            }
        );
    }
}

impl WriteJson for Action {
    fn write_json(&self, out: &mut Out<'_>) {
        object!(out, self, Action {
            id, priority, section, audience, objective, action, milestone, lead, due,
            measures, progress, rag, completed, resources, partners, fields, source
        } skip cells);
    }
}

impl WriteJson for Fields {
    fn write_json(&self, out: &mut Out<'_>) {
        let mut first = true;
        for (key, value) in self.iter() {
            if first {
                out.begin_object();
            }
            out.dyn_key(first, key);
            out.string(value);
            first = false;
        }
        if first {
            out.buf.extend_from_slice(b"{}");
        } else {
            out.end_object();
        }
    }
}

impl WriteJson for Lead {
    fn write_json(&self, out: &mut Out<'_>) {
        object!(
            out,
            self,
            Lead {
                raw,
                names,
                unconfirmed,
                placeholder
            }
        );
    }
}

impl WriteJson for Due {
    fn write_json(&self, out: &mut Out<'_>) {
        object!(
            out,
            self,
            Due {
                raw,
                kind,
                start,
                end
            }
        );
    }
}

impl WriteJson for Progress {
    fn write_json(&self, out: &mut Out<'_>) {
        object!(out, self, Progress { date, text });
    }
}

impl WriteJson for Gap {
    fn write_json(&self, out: &mut Out<'_>) {
        object!(
            out,
            self,
            Gap {
                code,
                severity,
                action,
                priority,
                field,
                value,
                message,
                source
            }
        );
    }
}

impl WriteJson for OtherTable {
    fn write_json(&self, out: &mut Out<'_>) {
        object!(
            out,
            self,
            OtherTable {
                kind,
                reason,
                source,
                rows
            }
        );
    }
}

impl WriteJson for PlanWarning {
    fn write_json(&self, out: &mut Out<'_>) {
        object!(out, self, PlanWarning { message, source });
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    fn both(v: &serde_json::Value) -> (String, String) {
        let mut ours = Vec::new();
        super::to_writer(&mut ours, v).expect("write");
        let theirs = serde_json::to_vec_pretty(v).expect("write");
        (
            String::from_utf8(ours).expect("utf-8"),
            String::from_utf8(theirs).expect("utf-8"),
        )
    }

    #[test]
    fn writes_what_serde_json_writes() {
        let v = json!({
            "a": [],
            "b": {},
            "c": [1, [2, []], {"d": null, "e": [{}]}],
            "f": "line\nbreak \"quoted\" \u{1}",
            "g": [[[[["deep"]]]]],
            "h": {"i": {"j": {"k": {"l": [true, false, 1.5]}}}},
        });
        let (ours, theirs) = both(&v);
        assert_eq!(ours, theirs);
        for v in [json!([]), json!({}), json!("s"), json!(null), json!([{}])] {
            let (ours, theirs) = both(&v);
            assert_eq!(ours, theirs);
        }
    }

    #[test]
    fn writes_what_serde_json_writes_for_every_kind_of_value() {
        #[derive(serde::Serialize)]
        enum E {
            Unit,
            Newtype(u8),
            Tuple(i32, &'static str),
            Struct { a: Option<f64>, b: Vec<u8> },
            EmptyTuple(),
            EmptyStruct {},
        }
        #[derive(serde::Serialize)]
        struct S {
            e: Vec<E>,
            c: char,
            q: char,
            f: f32,
            nan: f64,
            big: u128,
            neg: i64,
            t: (bool, ()),
            long: String,
            escaped: String,
            map: std::collections::BTreeMap<String, Option<String>>,
        }
        let s = S {
            e: vec![
                E::Unit,
                E::Newtype(7),
                E::Tuple(-1, "x\"y"),
                E::Struct {
                    a: Some(1.25),
                    b: vec![1, 2],
                },
                E::Struct { a: None, b: vec![] },
                E::EmptyTuple(),
                E::EmptyStruct {},
            ],
            c: 'é',
            q: '"',
            f: 0.1,
            nan: f64::NAN,
            big: u128::MAX,
            neg: i64::MIN,
            t: (true, ()),
            long: "a plain text well over sixteen bytes long, é and all".repeat(3),
            escaped: format!("{}\\ and \u{1f} at the end\t", "sixteen bytes...".repeat(2)),
            map: [
                ("k\n".to_string(), None),
                ("é".to_string(), Some("v".into())),
            ]
            .into_iter()
            .collect(),
        };
        let mut ours = Vec::new();
        super::to_writer(&mut ours, &s).expect("write");
        assert_eq!(
            String::from_utf8(ours).expect("utf-8"),
            serde_json::to_string_pretty(&s).expect("write")
        );
    }

    #[test]
    fn escapes_as_serde_json_does() {
        for c in (0u8..0x80).map(char::from).chain(['é', '€', '😀']) {
            for len in [0, 1, 5, 15, 16, 17, 40] {
                for at in [0, len / 2, len] {
                    let mut s: String = "x".repeat(len);
                    s.insert(at, c);
                    s.push(c);
                    let mut ours = Vec::new();
                    super::to_writer(&mut ours, &s).expect("write");
                    assert_eq!(ours, serde_json::to_vec(&s).expect("write"), "{s:?}");
                }
            }
        }
    }

    #[test]
    fn finds_every_byte_to_escape() {
        for len in 0..40 {
            for at in 0..len {
                for bad in [0u8, 0x1f, b'"', b'\\'] {
                    let mut s = vec![b'a'; len];
                    s[at] = bad;
                    assert!(super::needs_escape(&s), "{len} {at} {bad}");
                }
            }
            // Bytes next to the ones escaped (and UTF-8's high bytes) are not.
            for plain in [0x20u8, 0x21, 0x23, 0x5b, 0x5d, 0x7f, 0x80, 0xa2, 0xdc, 0xff] {
                let mut ok = vec![b'a'; len];
                for at in 0..len {
                    ok[at] = plain;
                    assert!(!super::needs_escape(&ok), "{len} {at} {plain}");
                }
            }
        }
    }

    /// Both writers' JSON for `plan`, as text.
    fn plan_both(plan: &crate::plan::Plan) -> (String, String) {
        let mut ours = b"already there ".to_vec();
        super::plan_to_vec(&mut ours, plan);
        let ours = ours.split_off(b"already there ".len());
        let theirs = serde_json::to_vec_pretty(plan).expect("write");
        (
            String::from_utf8(ours).expect("utf-8"),
            String::from_utf8(theirs).expect("utf-8"),
        )
    }

    #[test]
    fn writes_every_test_plan_as_serde_json_does() {
        let opts = crate::convert::Options::default();
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
        let mut seen = 0;
        for sub in [
            "plans",
            "edge",
            "layouts",
            "sheets",
            "odt",
            "pdf/writers",
            "normalisation",
        ] {
            let Ok(entries) = std::fs::read_dir(dir.join(sub)) else {
                continue;
            };
            for entry in entries.flatten() {
                let Ok(plan) = crate::convert::convert_path(&entry.path(), &opts) else {
                    continue;
                };
                let (ours, theirs) = plan_both(&plan);
                assert_eq!(ours, theirs, "{}", entry.path().display());
                seen += 1;
            }
        }
        assert!(seen >= 300, "only {seen} plans");
    }

    #[test]
    fn writes_every_kind_of_plan_value_as_serde_json_does() {
        use crate::gaps::GapCode;
        use crate::plan::*;
        use std::sync::Arc;
        let place = |n: usize| Place {
            page: Some(n as u32),
            sheet: (n % 2 == 0).then(|| format!("Sheet \"{n}\"")),
            table: Some(n * 10),
            row: (n % 3 != 0).then_some(n * 997),
            cell: None,
        };
        let texts = [
            "",
            "a",
            "plain",
            "a \"quoted\" text\nover two lines\twith a tab",
            "\u{1}\u{8}\u{c}\r\\ \u{1f}\u{7f} é € 😀",
            "a text of some length that goes well past sixteen bytes, with nothing to escape",
        ];
        let text = |i: usize| texts[i % texts.len()].to_string();
        let lead = |i: usize| Lead {
            raw: text(i),
            names: (0..i % 3).map(text).collect(),
            unconfirmed: i % 2 == 0,
            placeholder: i % 2 == 1,
        };
        let kinds = [
            DueKind::Date,
            DueKind::Month,
            DueKind::Quarter,
            DueKind::Year,
            DueKind::Range,
            DueKind::Ongoing,
            DueKind::Recurring,
            DueKind::Placeholder,
            DueKind::Unparsed,
        ];
        let due = |i: usize| Due {
            raw: text(i),
            kind: kinds[i % kinds.len()],
            start: (i % 2 == 0).then(|| text(i + 1)),
            end: None,
        };
        let keys: Arc<[String]> = (0..4).map(|i| format!("{}{i}", text(i + 3))).collect();
        let audiences = [Audience::Children, Audience::Adults, Audience::Both];
        let rags = [Rag::Red, Rag::Amber, Rag::Green, Rag::Blue];
        let actions = (0..12)
            .map(|i| Action {
                id: (i % 2 == 0).then(|| text(i)),
                priority: Some(text(i + 1)),
                section: None,
                audience: (i % 4 != 3).then(|| audiences[i % 3]),
                objective: Some(text(i + 2)),
                action: Some(text(i + 3)),
                milestone: None,
                lead: (i % 3 != 0).then(|| lead(i)),
                due: (i % 5 != 0).then(|| due(i)),
                measures: Some(text(i + 4)),
                progress: (0..i % 3)
                    .map(|j| Progress {
                        date: (j == 0).then(|| "2015-12".to_string()),
                        text: text(i + j),
                    })
                    .collect(),
                rag: (i % 5 != 4).then(|| rags[i % 4]),
                completed: (i == 7).then(|| due(i)),
                resources: None,
                partners: Some(text(i + 5)),
                fields: if i == 5 {
                    Fields::default()
                } else {
                    Fields::new(Arc::clone(&keys), (0..i % 5).map(text).collect())
                },
                source: place(i),
                cells: Vec::new(),
            })
            .collect();
        let severities = [Severity::Info, Severity::Warning, Severity::Error];
        let gaps = GapCode::ALL
            .iter()
            .enumerate()
            .map(|(i, &code)| Gap {
                code,
                severity: severities[i % 3],
                action: (i % 2 == 0).then_some(i),
                priority: (i % 3 == 0).then(|| text(i)),
                field: Field::ALL.get(i).map(|f| f.name()),
                value: Some(text(i + 1)),
                message: text(i + 2),
                source: place(i + 1),
            })
            .collect();
        let plan = Plan {
            schema: SCHEMA,
            source: PlanSource {
                file: "C:\\plans\\a \"b\".docx".into(),
                format: "docx".into(),
                sha256: "ab".repeat(32),
                pages: Some(u32::MAX),
                sheets: Some(0),
                layout: "generic".into(),
                producer: None,
            },
            plan: PlanInfo {
                title: Some(text(3)),
                organisation: None,
                period: Some(Period {
                    raw: "2014/15".into(),
                    start: "2014-04-01".into(),
                    end: "2015-03-31".into(),
                }),
                status: Some("draft".into()),
                updated: None,
            },
            priorities: vec![
                Priority {
                    id: Some("1".into()),
                    title: text(3),
                    lead: Some(lead(2)),
                    outcomes: vec![text(4), text(5)],
                    source: Place::default(),
                },
                Priority {
                    id: None,
                    title: text(0),
                    lead: None,
                    outcomes: Vec::new(),
                    source: place(usize::MAX / 1000),
                },
            ],
            actions,
            gaps,
            warnings: vec![PlanWarning {
                message: text(3),
                source: place(2),
            }],
            other_tables: vec![
                OtherTable {
                    kind: "key-value",
                    reason: text(1),
                    source: place(3),
                    rows: vec![vec![text(3), text(4)], Vec::new(), vec![text(0)]],
                },
                OtherTable {
                    kind: "other",
                    reason: text(2),
                    source: place(4),
                    rows: Vec::new(),
                },
            ],
            context: PlanContext::default(),
        };
        let (ours, theirs) = plan_both(&plan);
        assert_eq!(ours, theirs);
        // Every Field's name as serde writes it, and an empty plan.
        for f in Field::ALL {
            let mut ours = Vec::new();
            super::write_json(&mut ours, &f);
            assert_eq!(ours, serde_json::to_vec(&f).expect("write"));
        }
        let empty = Plan {
            priorities: Vec::new(),
            actions: Vec::new(),
            gaps: Vec::new(),
            warnings: Vec::new(),
            other_tables: Vec::new(),
            ..plan
        };
        let (ours, theirs) = plan_both(&empty);
        assert_eq!(ours, theirs);
    }

    #[test]
    fn writes_deep_values_as_serde_json_does() {
        // Deeper than one line start's fixed copy, and than [`LINE`].
        #[derive(serde::Serialize)]
        struct Deep {
            name: Option<String>,
            items: Vec<Deep>,
            n: usize,
        }
        impl super::WriteJson for Deep {
            fn write_json(&self, out: &mut super::Out<'_>) {
                object!(out, self, Deep { name, items, n });
            }
        }
        let mut v = Deep {
            name: Some("leaf \"x\"".into()),
            items: Vec::new(),
            n: 0,
        };
        for depth in 1..(super::LEVELS + 5) {
            v = Deep {
                name: None,
                items: vec![
                    v,
                    Deep {
                        name: Some(depth.to_string()),
                        items: Vec::new(),
                        n: depth * 1001,
                    },
                ],
                n: depth,
            };
            let mut ours = Vec::new();
            super::write_json(&mut ours, &v);
            assert_eq!(
                String::from_utf8(ours).expect("utf-8"),
                serde_json::to_string_pretty(&v).expect("write"),
                "{depth}"
            );
        }
    }

    #[test]
    fn finds_the_first_byte_to_escape() {
        let naive = |s: &[u8]| s.iter().position(|&b| super::is_escaped(b));
        for len in 0..50 {
            let plain = vec![b'a'; len];
            assert_eq!(super::first_escaped(&plain), None);
            for at in 0..len {
                for bad in [0u8, b'\n', 0x1f, b'"', b'\\'] {
                    let mut s = plain.clone();
                    s[at] = bad;
                    if at + 3 < len {
                        s[at + 3] = b'"';
                    }
                    assert_eq!(super::first_escaped(&s), naive(&s), "{len} {at} {bad}");
                }
            }
        }
    }

    #[test]
    fn deeper_than_its_buffer_too() {
        let mut v = json!({"leaf": [1, 2]});
        for i in 0..(super::LEVELS + 5) {
            v = if i % 2 == 0 {
                json!([v, i])
            } else {
                json!({ "k": v, "n": i })
            };
        }
        let (ours, theirs) = both(&v);
        assert_eq!(ours, theirs);
    }
}
