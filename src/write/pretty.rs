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

use std::io;

use serde::Serialize;
use serde_json::ser::Formatter;

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
}

impl Formatter for Pretty {
    #[inline]
    fn begin_array<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        writer.write_all(b"[")
    }

    #[inline]
    fn end_array<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.depth -= 1;
        if self.has_value {
            self.line(writer, false)?;
        }
        writer.write_all(b"]")
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
        self.depth += 1;
        self.has_value = false;
        writer.write_all(b"{")
    }

    #[inline]
    fn end_object<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.depth -= 1;
        if self.has_value {
            self.line(writer, false)?;
        }
        writer.write_all(b"}")
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
    writer: W,
    value: &T,
) -> serde_json::Result<()> {
    value.serialize(&mut serde_json::Serializer::with_formatter(
        writer,
        Pretty::default(),
    ))
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
