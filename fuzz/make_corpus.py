#!/usr/bin/env python3
"""Writes the seed corpora of the fuzz targets into fuzz/corpus/<target>/.

The seeds are the repository's fixtures and hostile files (not checked in
twice): whole files for the byte-level targets, and for the structure-aware
ones the parts they replace, each prefixed with the byte that picks the part
(see fuzz/src/lib.rs: DOCX_PARTS, SHEET_PARTS, and pdf_content's even/odd
first byte). Standard library only. Run from anywhere; re-running is safe.
"""
import glob
import hashlib
import os
import re
import zipfile
import zlib

FUZZ = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(FUZZ)

DOCX_PARTS = [
    "word/document.xml",
    "word/styles.xml",
    "word/numbering.xml",
    "word/comments.xml",
]
SHEET_PARTS = [
    ("xlsx", "xl/worksheets/sheet1.xml"),
    ("xlsx", "xl/sharedStrings.xml"),
    ("xlsx", "xl/styles.xml"),
    ("xlsx", "xl/workbook.xml"),
    ("ods", "content.xml"),
]


def files(*patterns):
    out = []
    for p in patterns:
        out.extend(sorted(glob.glob(os.path.join(ROOT, p))))
    return [f for f in out if not f.endswith(".py")]


def put(target, data):
    d = os.path.join(FUZZ, "corpus", target)
    os.makedirs(d, exist_ok=True)
    name = hashlib.sha1(data).hexdigest()
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


def read(path):
    with open(path, "rb") as f:
        return f.read()


def trim_styles(xml):
    """What fuzz/src/lib.rs trim_styles does: drop the latent styles and the
    table styles no plan uses (python-docx's template has 800 KB of them)."""
    xml = re.sub(rb"<w:latentStyles.*?</w:latentStyles>", b"", xml, flags=re.S)
    return re.sub(
        rb'<w:style [^>]*w:styleId="(?:Light|Medium|Dark|Colorful)[^"]*".*?</w:style>',
        b"",
        xml,
        flags=re.S,
    )


def pdf_streams(data):
    """Decoded streams of a PDF (FlateDecode or none), found by a regex:
    good enough for seeds."""
    for m in re.finditer(rb"<<((?:(?!>>\s*stream).)*?)>>\s*stream\r?\n", data, re.S):
        start = m.end()
        end = data.find(b"endstream", start)
        if end < 0:
            continue
        raw = data[start:end].rstrip(b"\r\n")
        if b"FlateDecode" in m.group(1):
            try:
                raw = zlib.decompressobj().decompress(raw)
            except zlib.error:
                continue
        yield raw


def main():
    docx = files(
        "fixtures/plans/*.docx",
        "fixtures/edge/*.docx",
        "tests/hostile/*.docx",
        "fixtures/doc/*.doc",
    )
    sheets = files(
        "fixtures/sheets/*",
        "tests/hostile/*.xlsx",
        "tests/hostile/*.xls",
        "tests/hostile/*.ods",
        "tests/suites/*.xls",
        "tests/suites/*.xlsx",
    )
    pdfs = files("fixtures/pdf/*.pdf", "tests/hostile/*.pdf")
    for target, group in (("docx", docx), ("sheets", sheets), ("pdf", pdfs)):
        for f in group:
            if os.path.basename(f) == "zip-bomb.docx":
                continue  # 64 MB inflated on every mutation: tested in tests/hostile.rs
            put(target, read(f))
            put("pipeline", read(f))

    for f in files("fixtures/plans/*.docx", "fixtures/edge/*.docx"):
        with zipfile.ZipFile(f) as z:
            names = set(z.namelist())
            for i, part in enumerate(DOCX_PARTS):
                if part in names:
                    data = z.read(part)
                    if part == "word/styles.xml":
                        data = trim_styles(data)
                    put("docx_xml", bytes([i]) + data)

    for f in files("fixtures/sheets/*.xlsx", "fixtures/sheets/*.ods"):
        kind = f.rsplit(".", 1)[1]
        with zipfile.ZipFile(f) as z:
            names = set(z.namelist())
            for i, (pkg, part) in enumerate(SHEET_PARTS):
                if pkg == kind and part in names:
                    put("sheet_xml", bytes([i]) + z.read(part))

    # The xlsx fixtures have no shared strings (openpyxl writes inline
    # strings): a small part as Excel writes it.
    put(
        "sheet_xml",
        b"\x01"
        + b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        + b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        + b'count="4" uniqueCount="3"><si><t>No.</t></si><si><r><rPr><b/></rPr>'
        + b'<t xml:space="preserve">Action </t></r><r><t>owner</t></r></si>'
        + b"<si><t>Due &amp; RAG</t><phoneticPr fontId=\"1\"/></si></sst>",
    )

    for f in files("fixtures/pdf/*.pdf", "tests/hostile/*.pdf"):
        for s in pdf_streams(read(f)):
            if b"begincmap" in s:
                put("pdf_content", b"\x01" + s)
            elif re.search(rb"\b(Tj|TJ|re|Do)\b", s):
                put("pdf_content", b"\x00" + s)

    # pdf_xref: dictionary entries, NUL, entry data (widths 1 2 1).
    entries = b"".join(bytes([1]) + (9 + 40 * i).to_bytes(2, "big") + b"\x00" for i in range(7))
    for d in (b"/W [1 2 1] /Size 7", b"/W [1 2 1] /Index [0 7] /Size 7", b"/W [0 2 0] /Size 7"):
        put("pdf_xref", d + b"\x00" + entries)
    # merges: even first byte, ranges one a line; odd, Word table cells.
    for refs in (b"A1:C1\nB2:B4", b"A1:XFD1\nA2:A3", b"A1:XFD1048576", b"B2:C3\nB3:C4\nC3:D4"):
        put("merges", b"\x00" + refs)
    put("merges", b"\x01" + bytes([0x40, 0x41, 0xC0, 0x02, 0x42, 0x80, 0x06, 0x2A]))

    for t in sorted(os.listdir(os.path.join(FUZZ, "corpus"))):
        n = len(os.listdir(os.path.join(FUZZ, "corpus", t)))
        print(f"fuzz/corpus/{t}: {n} seeds")


if __name__ == "__main__":
    main()
