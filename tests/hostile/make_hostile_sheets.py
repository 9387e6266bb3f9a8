#!/usr/bin/env python3
"""Writes the hostile spreadsheet inputs in tests/hostile/ (run from anywhere).

    pip install openpyxl msoffcrypto-tool
    python3 tests/hostile/make_hostile_sheets.py

Each file is something a user's archive may really contain; the hostile tests
assert the one-line error each must give. Made with openpyxl, msoffcrypto-tool
and the standard library's zipfile, never with our own code. Every file is
small (< 20 KB). All but encrypted.xlsx are byte-identical on each run
(fixed workbook properties and zip member timestamps); the encryption uses a
random salt, so encrypted.xlsx differs on each run.

    encrypted.xlsx     a real password-protected workbook (password "secret"):
                       an OLE compound file with EncryptionInfo and
                       EncryptedPackage streams, as Excel writes it
    truncated.xlsx     a valid small workbook cut to its first 60% of bytes
    csv-named.xlsx     a CSV text file with an .xlsx name
    broken-sheet.xlsx  a valid package whose xl/worksheets/sheet1.xml is cut
                       off in the middle of a tag (not well-formed XML)
    huge-range.xlsx    a valid workbook with one cell at A1 and one at
                       XFD1048576 (used range A1:XFD1048576): must be refused,
                       not allocated
    part-name-case.xlsx  huge-range.xlsx with its sheet stored as
                       xl/worksheetS/sheet1.xml (found by fuzzing: part names
                       are case-insensitive, and calamine found the part
                       where our pre-check did not)
    reversed-merge.xlsx  a merged range written end first, "A3:A2" (found by
                       fuzzing: calamine subtracts the ends unchecked)
    huge-cell-ref.xlsx a cell whose reference "A4294967297" is past the last
                       row (calamine's u32 arithmetic wraps it to row 0)
    long-letters-ref.xlsx a cell reference "Configurations2/C3": calamine
                       multiplies the 14 letters out before it sees the "/"
                       (found by fuzzing: an overflow panic in debug builds)
"""

import datetime as dt
import io
import os
import re
import zipfile

import openpyxl

HERE = os.path.dirname(os.path.abspath(__file__))
FIXED_DATE = dt.datetime(2016, 3, 1, 9, 0, 0)
ZIP_DATE = (2016, 3, 1, 9, 0, 0)


def path(name):
    return os.path.join(HERE, name)


def repack(data, replace=None, rename=None):
    """Copy a zip with fixed member timestamps and a fixed dcterms:modified,
    replacing some entries' bytes and renaming some entries."""
    replace = replace or {}
    rename = rename or {}
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            body = replace.get(item.filename, zin.read(item.filename))
            if item.filename == "docProps/core.xml":
                body = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                              rb"\g<1>2016-03-01T09:00:00Z\g<2>", body)
            zi = zipfile.ZipInfo(rename.get(item.filename, item.filename), date_time=ZIP_DATE)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            zout.writestr(zi, body)
    return out.getvalue()


def z_read(data, name):
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return z.read(name)


def workbook_bytes(wb):
    wb.properties.creator = "actionplan tests"
    wb.properties.created = FIXED_DATE
    buf = io.BytesIO()
    wb.save(buf)
    return repack(buf.getvalue())


def small_xlsx():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Plan"
    ws.append(["No.", "Objective", "Lead"])
    ws.append(["1.1", "Review the website", "Sam"])
    return workbook_bytes(wb)


def main():
    good = small_xlsx()

    # A real password-protected workbook (password "secret").
    import msoffcrypto.format.ooxml

    enc = io.BytesIO()
    msoffcrypto.format.ooxml.OOXMLFile(io.BytesIO(good)).encrypt("secret", enc)
    data = enc.getvalue()
    assert data[:8] == bytes.fromhex("D0CF11E0A1B11AE1") and "EncryptedPackage".encode("utf-16-le") in data
    with open(path("encrypted.xlsx"), "wb") as f:
        f.write(data)

    # A download cut off part-way.
    with open(path("truncated.xlsx"), "wb") as f:
        f.write(good[: len(good) * 6 // 10])

    # A CSV export someone renamed to .xlsx.
    with open(path("csv-named.xlsx"), "w", newline="") as f:
        f.write("No.,Objective,Lead\n1.1,Review the website,Sam\n")

    # A package whose first worksheet is cut off in the middle of a tag.
    with zipfile.ZipFile(io.BytesIO(good)) as z:
        sheet = z.read("xl/worksheets/sheet1.xml")
    cut = sheet.index(b'<c r="B2"') + len(b'<c r="B')
    with open(path("broken-sheet.xlsx"), "wb") as f:
        f.write(repack(good, {"xl/worksheets/sheet1.xml": sheet[:cut]}))

    # One cell at A1 and one at the last cell of the sheet: the used range is
    # A1:XFD1048576 (17 billion cells), though the file is tiny.
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Plan"
    ws["A1"] = "No."
    ws["XFD1048576"] = "end"
    data = workbook_bytes(wb)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert b'<dimension ref="A1:XFD1048576"/>' in z.read("xl/worksheets/sheet1.xml")
    with open(path("huge-range.xlsx"), "wb") as f:
        f.write(data)

    # The same, with the sheet's part name in another case than the
    # relationship's target.
    with open(path("part-name-case.xlsx"), "wb") as f:
        f.write(repack(data, rename={"xl/worksheets/sheet1.xml": "xl/worksheetS/sheet1.xml"}))

    # A merged range written end first.
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Plan"
    ws.append(["No.", "Objective", "Lead"])
    ws.append(["1.1", "Review the website", "Sam"])
    ws.append(["", "Audit the records", "Sam"])
    ws.merge_cells("A2:A3")
    data = workbook_bytes(wb)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        sheet = z.read("xl/worksheets/sheet1.xml")
    assert b'<mergeCell ref="A2:A3"/>' in sheet
    with open(path("reversed-merge.xlsx"), "wb") as f:
        f.write(repack(data, {"xl/worksheets/sheet1.xml": sheet.replace(b'ref="A2:A3"', b'ref="A3:A2"')}))

    # A cell reference past the last row of a sheet.
    sheet = z_read(good, "xl/worksheets/sheet1.xml")
    assert b'<c r="C2"' in sheet
    with open(path("huge-cell-ref.xlsx"), "wb") as f:
        f.write(repack(good, {"xl/worksheets/sheet1.xml": sheet.replace(b'<c r="C2"', b'<c r="A4294967297"')}))

    with open(path("long-letters-ref.xlsx"), "wb") as f:
        f.write(repack(good, {"xl/worksheets/sheet1.xml": sheet.replace(b'<c r="C2"', b'<c r="Configurations2/C3"')}))

    for name in ["encrypted.xlsx", "truncated.xlsx", "csv-named.xlsx", "broken-sheet.xlsx", "huge-range.xlsx",
                 "part-name-case.xlsx", "reversed-merge.xlsx", "huge-cell-ref.xlsx", "long-letters-ref.xlsx"]:
        assert os.path.getsize(path(name)) < 20 * 1024, name


if __name__ == "__main__":
    main()
