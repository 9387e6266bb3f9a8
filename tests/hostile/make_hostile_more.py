#!/usr/bin/env python3
"""Writes the second set of hostile inputs in tests/hostile/ (run from
anywhere): the limits the first set (make_hostile.py, make_hostile_pdf.py,
make_hostile_sheets.py) does not reach, one file per limit, plus a good file
with the wrong extension.

    pip install python-docx openpyxl
    python3 tests/hostile/make_hostile_more.py

Made with python-docx, openpyxl and the standard library, never with our own
code. Every file is byte-identical on each run and small (< 120 KB).

    zip-bomb.xlsx         an otherwise valid workbook whose sheet1.xml
                          inflates to 80 MiB of whitespace (past the 64 MiB
                          part limit)
    entity-bomb.xlsx      billion laughs in xl/sharedStrings.xml
    deep-nesting.docx     document.xml nests 100,000 elements (past the XML
                          depth limit of 256)
    deep-nesting.xlsx     sheet1.xml nests 100,000 elements
    docx-named-pdf.pdf    a good Word file with a .pdf name: read as Word
    flate-bomb.pdf        a page whose content stream inflates to 80 MiB
                          (past the 64 MiB content limit)
    deep-arrays.pdf       an object nesting 50,000 arrays
    xref-loop.pdf         a cross-reference section whose /Prev points at
                          itself
    huge-range.xls        the Plymouth .xls fixture with one cell moved to
                          the last row and column (IV65536)
    huge-range.ods        an OpenDocument sheet whose one row repeats
                          1,048,576 times with 16,384 filled cells

and the inputs fuzzing found (fuzz/README: the targets), minimised:

    styles-empty.docx     an empty word/styles.xml (docx-rs looped forever
                          on a styles part with no w:styles root): read, with
                          a warning
    sst-count.xlsx        <sst uniqueCount="100000000000">: calamine reserved
                          2.4 TB for it and the process aborted
    huge-dimensions.xls   the .xls fixture whose DIMENSIONS record claims
                          rows 0 to 4294967295: calamine reserved room for
                          them and the process aborted
    looping-chain.xls     the .xls fixture whose directory's sector chain
                          loops back to its start: calamine read it until
                          memory ran out
"""
import datetime as dt
import io
import os
import re
import struct
import zipfile
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
ZIP_DATE = (2016, 3, 1, 9, 0, 0)


def path(name):
    return os.path.join(HERE, name)


def write(name, data):
    with open(path(name), "wb") as f:
        f.write(data)
    assert len(data) < 120 * 1024, name


def repack(data, replace):
    """Copy a zip with fixed timestamps, replacing some entries' bytes (and
    adding those it does not have)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(out, "w") as zout:
        names = [i.filename for i in zin.infolist()]
        for name in names + [n for n in replace if n not in names]:
            body = replace[name] if name in replace else zin.read(name)
            if name == "docProps/core.xml":
                body = re.sub(
                    rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:(?:created|modified)>)",
                    rb"\g<1>2016-03-01T09:00:00Z\g<2>",
                    body,
                )
            zi = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            zout.writestr(zi, body, compresslevel=9)
    return out.getvalue()


def small_docx():
    import docx

    d = docx.Document()
    d.core_properties.author = "actionplan tests"
    d.core_properties.created = dt.datetime(2016, 3, 1, 9, 0, 0)
    d.core_properties.modified = dt.datetime(2016, 3, 1, 9, 0, 0)
    d.add_paragraph("Priority 1: keep children safe")
    t = d.add_table(rows=2, cols=2)
    t.cell(0, 0).text = "No."
    t.cell(0, 1).text = "Action"
    t.cell(1, 0).text = "1.1"
    t.cell(1, 1).text = "Review the website"
    buf = io.BytesIO()
    d.save(buf)
    return repack(buf.getvalue(), {})


def small_xlsx():
    import openpyxl

    wb = openpyxl.Workbook()
    wb.properties.creator = "actionplan tests"
    wb.properties.created = dt.datetime(2016, 3, 1, 9, 0, 0)
    wb.properties.modified = dt.datetime(2016, 3, 1, 9, 0, 0)
    ws = wb.active
    ws.title = "Plan"
    ws.append(["No.", "Objective", "Lead"])
    ws.append(["1.1", "Review the website", "Sam"])
    buf = io.BytesIO()
    wb.save(buf)
    data = buf.getvalue()
    # openpyxl writes inline strings; add a shared strings part to attack.
    return data


W = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
S = b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'


def laughs(root_open, inner, root_close):
    return (
        b'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
        + b"".join(
            b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
            for i in range(1, 10)
        )
        + b"]>\n"
        + root_open
        + inner
        + root_close
    )


def pdf(objects):
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
        out += b"%010d 00000 n \n" % offsets[num]
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, xref)
    return bytes(out)


TABLE = (
    b"0 G 1 w 50 700 m 250 700 l S 50 650 m 250 650 l S "
    b"50 650 m 50 700 l S 250 650 m 250 700 l S "
    b"BT /F1 12 Tf 60 670 Td (Hello) Tj ET"
)
FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"


def one_page(content_obj, extra=None, page_extra=b""):
    objs = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        + page_extra
        + b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        4: content_obj,
        5: FONT,
    }
    objs.update(extra or {})
    return pdf(objs)


def stream(data, dict_extra=b""):
    return b"<< /Length %d %s>>\nstream\n" % (len(data), dict_extra) + data + b"\nendstream"


def main():
    docx_bytes = small_docx()
    xlsx_bytes = small_xlsx()

    # Zip bomb in a workbook: 80 MiB of whitespace inside sheetData.
    sheet = b"<worksheet " + S + b"><sheetData>" + b" " * (80 << 20) + b"</sheetData></worksheet>"
    write("zip-bomb.xlsx", repack(xlsx_bytes, {"xl/worksheets/sheet1.xml": sheet}))

    # Billion laughs in the shared strings.
    sst = laughs(b"<sst " + S + b' count="1" uniqueCount="1">', b"<si><t>&lol9;</t></si>", b"</sst>")
    with zipfile.ZipFile(io.BytesIO(xlsx_bytes)) as z:
        ct = z.read("[Content_Types].xml")
        rels = z.read("xl/_rels/workbook.xml.rels")
    if b"sharedStrings" not in ct:
        ct = ct.replace(
            b"</Types>",
            b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
            b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
        )
        rels = rels.replace(
            b"</Relationships>",
            b'<Relationship Id="rIdSst" Type="http://schemas.openxmlformats.org/officeDocument/'
            b'2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
        )
    bomb = repack(
        xlsx_bytes,
        {"[Content_Types].xml": ct, "xl/_rels/workbook.xml.rels": rels, "xl/sharedStrings.xml": sst},
    )
    write("entity-bomb.xlsx", bomb)

    # 100,000 nested elements in a Word body and in a worksheet.
    deep = b"<w:sdt>" * 100_000 + b"</w:sdt>" * 100_000
    body = b"<w:document " + W + b"><w:body>" + deep + b"</w:body></w:document>"
    write("deep-nesting.docx", repack(docx_bytes, {"word/document.xml": body}))
    deep = b"<x>" * 100_000 + b"</x>" * 100_000
    sheet = b"<worksheet " + S + b"><sheetData>" + deep + b"</sheetData></worksheet>"
    write("deep-nesting.xlsx", repack(xlsx_bytes, {"xl/worksheets/sheet1.xml": sheet}))

    # A good Word file named .pdf: files are recognised by their bytes.
    write("docx-named-pdf.pdf", docx_bytes)

    # A content stream that inflates to 80 MiB (the table, then spaces).
    raw = TABLE + b" " * (80 << 20)
    write("flate-bomb.pdf", one_page(stream(zlib.compress(raw, 9), b"/Filter /FlateDecode ")))

    # 50,000 nested arrays in an object the page refers to.
    write(
        "deep-arrays.pdf",
        one_page(stream(TABLE), {6: b"[" * 50_000 + b"]" * 50_000}, b"/Annots 6 0 R "),
    )

    # A cross-reference section whose /Prev is itself.
    good = one_page(stream(TABLE))
    xref = int(good.rsplit(b"startxref\n", 1)[1].split(b"\n")[0])
    write("xref-loop.pdf", good.replace(b"/Root 1 0 R >>", b"/Root 1 0 R /Prev %d >>" % xref))

    # The .xls fixture with its first cell moved to the last row and column.
    xls = bytearray(open(os.path.join(ROOT, "fixtures/sheets/plymouth-milestones.xls"), "rb").read())
    # The first LABELSST record (type 0x00FD, length 10): row, col, xf, sst.
    at = xls.find(struct.pack("<HH", 0x00FD, 10))
    assert at > 0
    xls[at + 4 : at + 8] = struct.pack("<HH", 0xFFFF, 0x00FF)
    write("huge-range.xls", bytes(xls))

    # An .ods whose one row repeats 1,048,576 times, each with 16,384
    # filled cells: 17 billion cells from a tiny file.
    content = (
        b'<?xml version="1.0" encoding="UTF-8"?>'
        b'<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        b'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        b'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        b"<office:body><office:spreadsheet>"
        b'<table:table table:name="Plan">'
        b'<table:table-row table:number-rows-repeated="1048576">'
        b'<table:table-cell table:number-columns-repeated="16384" office:value-type="string">'
        b"<text:p>x</text:p></table:table-cell></table:table-row>"
        b"</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        b'<?xml version="1.0" encoding="UTF-8"?>'
        b'<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
        b'manifest:version="1.2">'
        b'<manifest:file-entry manifest:full-path="/" '
        b'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        b'<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        b"</manifest:manifest>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, data, how in (
            ("mimetype", b"application/vnd.oasis.opendocument.spreadsheet", zipfile.ZIP_STORED),
            ("content.xml", content, zipfile.ZIP_DEFLATED),
            ("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED),
        ):
            zi = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            zi.compress_type = how
            zi.external_attr = 0o644 << 16
            z.writestr(zi, data)
    write("huge-range.ods", out.getvalue())

    # An empty styles part.
    write("styles-empty.docx", repack(docx_bytes, {"word/styles.xml": b""}))

    # A shared strings part that claims 100 billion strings.
    sst = (
        b'<?xml version="1.0" encoding="UTF-8"?><sst ' + S + b' count="1" '
        b'uniqueCount="100000000000"><si><t>No.</t></si></sst>'
    )
    write(
        "sst-count.xlsx",
        repack(
            xlsx_bytes,
            {"[Content_Types].xml": ct, "xl/_rels/workbook.xml.rels": rels, "xl/sharedStrings.xml": sst},
        ),
    )

    # The .xls fixture with a DIMENSIONS record claiming 4 billion rows.
    xls = bytearray(open(os.path.join(ROOT, "fixtures/sheets/plymouth-milestones.xls"), "rb").read())
    at = xls.find(struct.pack("<HH", 0x0200, 14))
    assert at > 0
    xls[at + 4 : at + 12] = struct.pack("<II", 0, 0xFFFFFFFF)
    write("huge-dimensions.xls", bytes(xls))

    # The .xls fixture whose directory chain loops: the FAT entry of its
    # last directory sector points back at the first.
    xls = bytearray(open(os.path.join(ROOT, "fixtures/sheets/plymouth-milestones.xls"), "rb").read())
    assert struct.unpack_from("<H", xls, 30)[0] == 9  # 512-byte sectors
    fat_sectors = [s for s in struct.unpack_from("<109I", xls, 76) if s < 0xFFFFFFFA]
    fat_at = []  # file offsets of FAT entries, by sector id
    for s in fat_sectors:
        fat_at.extend((s + 1) * 512 + 4 * i for i in range(128))
    entry = lambda sid: struct.unpack_from("<I", xls, fat_at[sid])[0]
    dir_start = struct.unpack_from("<I", xls, 48)[0]
    last = dir_start
    while entry(last) != 0xFFFFFFFE:
        last = entry(last)
    struct.pack_into("<I", xls, fat_at[last], dir_start)
    write("looping-chain.xls", bytes(xls))


if __name__ == "__main__":
    main()
