#!/usr/bin/env python3
"""Write the hostile files of issue 19 (standard library and python-docx /
openpyxl only; every byte written here, none by actionplan):

- PDFs whose cross-reference stream claims absurd field widths or section
  sizes (lopdf allocates what the file claims), a page tree whose /Count
  lies, and content streams that cannot be decoded (/Length 0, random bytes
  under FlateDecode);
- a .docx cell merged over thousands of rows and columns, workbooks whose
  merges cover whole rows, the whole sheet, or overlap 200 times;
- files that used to get an untrue message: .xlsb, a minimal package,
  a capitalised `Workbook` stream, a UTF-16 customXml part, encrypted .ods.

    python3 tests/hostile/make_hostile_19.py
"""

import io
import pathlib
import random
import struct
import zipfile
import zlib

HERE = pathlib.Path(__file__).resolve().parent

FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"


def table(word):
    """A ruled 1x2 table holding `word` and "Hello": two cells, so a table."""
    return (
        b"0 G 1 w 50 700 m 250 700 l S 50 650 m 250 650 l S "
        b"50 650 m 50 700 l S 150 650 m 150 700 l S 250 650 m 250 700 l S "
        b"BT /F1 12 Tf 60 670 Td (" + word + b") Tj 100 0 Td (Hello) Tj ET"
    )


def xref_stream_pdf(w=b"[1 4 2]", index=None, size=None):
    """A one-page PDF with a cross-reference stream (PDF 1.5), its /W,
    /Index and /Size as given (bytes, written verbatim); the entries are
    always written with widths 1 4 2."""
    content = table(b"Cell")
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        4: b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        5: FONT,
    }
    out = bytearray(b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for num in sorted(objects):
        offsets[num] = len(out)
        out += b"%d 0 obj\n" % num + objects[num] + b"\nendobj\n"
    xref_num = 6
    offsets[xref_num] = len(out)
    rows = bytearray(struct.pack(">BIH", 0, 0, 65535))
    for num in range(1, xref_num + 1):
        rows += struct.pack(">BIH", 1, offsets[num], 0)
    data = zlib.compress(bytes(rows))
    dict_ = b"<< /Type /XRef /Size %s /W %s /Root 1 0 R /Filter /FlateDecode /Length %d" % (
        size if size is not None else b"%d" % (xref_num + 1),
        w,
        len(data),
    )
    if index is not None:
        dict_ += b" /Index " + index
    dict_ += b" >>"
    out += b"%d 0 obj\n" % xref_num + dict_ + b"\nstream\n" + data + b"\nendstream\nendobj\n"
    out += b"startxref\n%d\n%%%%EOF\n" % offsets[xref_num]
    return bytes(out)


def classic_pdf(objects, root=1):
    """Numbered objects (bytes bodies) with a correct classic xref table."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for num in sorted(objects):
        offsets[num] = len(out)
        out += b"%d 0 obj\n" % num + objects[num] + b"\nendobj\n"
    size = max(objects) + 1
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for num in range(1, size):
        if num in offsets:
            out += b"%010d 00000 n \n" % offsets[num]
        else:
            out += b"0000000000 65535 f \n"
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        size,
        root,
        xref,
    )
    return bytes(out)


def pages_pdf(count, contents, length=None, flate=False):
    """One page per entry of `contents` (raw content-stream bytes), the page
    tree's /Count written as `count`; `length` overrides every stream's
    /Length; `flate` marks every stream /FlateDecode (the bytes as given)."""
    n = len(contents)
    kids = b" ".join(b"%d 0 R" % (10 + 2 * i) for i in range(n))
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [" + kids + b"] /Count " + count + b" >>",
        5: FONT,
    }
    for i, data in enumerate(contents):
        page, stream = 10 + 2 * i, 11 + 2 * i
        objects[page] = (
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            b"/Resources << /Font << /F1 5 0 R >> >> /Contents %d 0 R >>" % stream
        )
        declared = b"%d" % (len(data) if length is None else length)
        filt = b" /Filter /FlateDecode" if flate else b""
        objects[stream] = (
            b"<< /Length " + declared + filt + b" >>\nstream\n" + data + b"\nendstream"
        )
    return classic_pdf(objects)


def page_text(i):
    return table(b"Page%d" % (i + 1))


def pdfs():
    (HERE / "xref-w-huge.pdf").write_bytes(xref_stream_pdf(w=b"[1 2147483647 1]"))
    (HERE / "xref-w-overflow.pdf").write_bytes(xref_stream_pdf(w=b"[1 99999999999 1]"))
    (HERE / "xref-index-huge.pdf").write_bytes(xref_stream_pdf(index=b"[0 2147483647]"))
    (HERE / "xref-w-zero.pdf").write_bytes(
        xref_stream_pdf(w=b"[0 0 0]", index=b"[0 2147483647]")
    )
    (HERE / "xref-size-huge.pdf").write_bytes(xref_stream_pdf(size=b"2147483647"))
    eleven = [page_text(i) for i in range(11)]
    (HERE / "count-huge.pdf").write_bytes(pages_pdf(b"99999999999999999999", eleven))
    (HERE / "count-2147483647.pdf").write_bytes(pages_pdf(b"2147483647", eleven))
    # Every stream claims /Length 0: lopdf reads each as empty.
    (HERE / "length-zero.pdf").write_bytes(
        pages_pdf(b"2", [page_text(0), page_text(1)], length=0)
    )
    rng = random.Random(19)
    noise = [bytes(rng.randrange(256) for _ in range(3000)) for _ in range(2)]
    # Random bytes under FlateDecode on every page: nothing decodes.
    (HERE / "flate-random.pdf").write_bytes(pages_pdf(b"2", noise, flate=True))
    # Page 1 decodes, page 2 is random bytes under FlateDecode.
    good = zlib.compress(page_text(0))
    (HERE / "flate-random-page-2.pdf").write_bytes(
        pages_pdf(b"2", [good, noise[0]], flate=True)
    )


def main():
    pdfs()


if __name__ == "__main__":
    main()
