#!/usr/bin/env python3
"""Write the hostile PDFs for tests/pdf.rs (stdlib, plus pikepdf for the
encrypted ones). Each file is written byte by byte here, not by actionplan.

    python3 tests/hostile/make_hostile_pdf.py
"""

import pathlib
import random

HERE = pathlib.Path(__file__).resolve().parent

# A 1x1 ruled table with "Hello" in it: if this comes out, the page was read.
TABLE = (
    b"0 G 1 w 50 700 m 250 700 l S 50 650 m 250 650 l S "
    b"50 650 m 50 700 l S 250 650 m 250 700 l S "
    b"BT /F1 12 Tf 60 670 Td (Hello) Tj ET"
)


def pdf(objects, root=1, trailer_extra=b""):
    """Serialise numbered objects (bytes bodies) with a correct xref."""
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
    out += b"trailer\n<< /Size %d /Root %d 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (
        size,
        root,
        trailer_extra,
        xref,
    )
    return bytes(out)


def stream(data):
    return b"<< /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"


FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"


def reference_cycles():
    # The page tree lists itself among its kids, the page's /Parent points
    # back into the loop, and a second /Contents entry names an object
    # that is a reference to itself.
    return pdf(
        {
            1: b"<< /Type /Catalog /Pages 2 0 R >>",
            2: b"<< /Type /Pages /Kids [2 0 R 3 0 R 2 0 R] /Count 1 /Parent 2 0 R >>",
            3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            b"/Resources << /Font << /F1 5 0 R >> >> /Contents [4 0 R 6 0 R] >>",
            4: stream(TABLE),
            5: FONT,
            6: b"6 0 R",
        }
    )


def garbage_content():
    # The table first, then 20,000 random bytes: what precedes the damage
    # must come out, and the damage must be reported, not fatal.
    rng = random.Random(6)
    junk = bytes(rng.randrange(256) for _ in range(20000))
    return pdf(
        {
            1: b"<< /Type /Catalog /Pages 2 0 R >>",
            2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
            4: stream(TABLE + b"\n" + junk),
            5: FONT,
        }
    )


def simple():
    return pdf(
        {
            1: b"<< /Type /Catalog /Pages 2 0 R >>",
            2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
            4: stream(TABLE),
            5: FONT,
        }
    )


def symbols_and_unmapped():
    # A cell holding Symbol's bullet (code 0xB7), then "Hello", then two
    # codes of a Type0 font with no ToUnicode and an unknown character
    # collection: the bullet reads as "\u2022", the two are counted.
    text = (
        b"0 G 1 w 50 700 m 250 700 l S 50 650 m 250 650 l S "
        b"50 650 m 50 700 l S 250 650 m 250 700 l S "
        b"BT /F2 12 Tf 60 670 Td (\267) Tj /F1 12 Tf 10 0 Td (Hello) Tj "
        b"/F3 12 Tf 40 0 Td <00410042> Tj ET"
    )
    return pdf(
        {
            1: b"<< /Type /Catalog /Pages 2 0 R >>",
            2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            b"/Resources << /Font << /F1 5 0 R /F2 6 0 R /F3 7 0 R >> >> /Contents 4 0 R >>",
            4: stream(text),
            5: FONT,
            6: b"<< /Type /Font /Subtype /Type1 /BaseFont /Symbol >>",
            7: b"<< /Type /Font /Subtype /Type0 /BaseFont /Mystery /Encoding /Identity-H "
            b"/DescendantFonts [8 0 R] >>",
            8: b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Mystery "
            b"/CIDSystemInfo << /Registry (Nobody) /Ordering (Secret) /Supplement 0 >> "
            b"/DW 600 >>",
        }
    )


def main():
    import pikepdf

    (HERE / "symbols-unmapped.pdf").write_bytes(symbols_and_unmapped())
    (HERE / "reference-cycle.pdf").write_bytes(reference_cycles())
    (HERE / "garbage-content.pdf").write_bytes(garbage_content())
    plain = simple()
    # Truncated: the first 60% of a real LibreOffice export.
    real = (HERE.parent.parent / "fixtures" / "pdf" / "banes-rag.pdf").read_bytes()
    (HERE / "truncated.pdf").write_bytes(real[: len(real) * 6 // 10])
    src = HERE / "plain.tmp.pdf"
    src.write_bytes(plain)
    with pikepdf.open(src) as p:
        p.save(
            HERE / "encrypted-user-password.pdf",
            encryption=pikepdf.Encryption(user="secret", owner="owner", R=4),
            static_id=True,
        )
        p.save(
            HERE / "encrypted-owner-only.pdf",
            encryption=pikepdf.Encryption(user="", owner="owner", R=4),
            static_id=True,
        )
        # AES-256 (revision 6), what current writers use.
        p.save(
            HERE / "encrypted-owner-only-aes256.pdf",
            encryption=pikepdf.Encryption(user="", owner="x", R=6),
            static_id=True,
        )
    src.unlink()


if __name__ == "__main__":
    main()
