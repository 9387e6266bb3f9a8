#!/usr/bin/env python3
"""Write the hostile files of issue 19 (standard library only; every byte
written here, none by actionplan; each run writes the same bytes):

- PDFs whose cross-reference stream claims absurd field widths or section
  sizes (lopdf allocates what the file claims), an object stream that
  inflates to 80 MiB, a page tree whose /Count lies, and content streams
  that cannot be decoded (/Length 0, random bytes under FlateDecode);
- a .docx cell merged over thousands of rows and columns, workbooks whose
  merges cover a whole row, the whole sheet, or overlap 200 times;
- files that used to get an untrue message: .xlsb, a minimal package,
  backslash part names, a `WORKBOOK` stream, a UTF-16 customXml part, an
  encrypted .ods, an XOR-obfuscated .xls, a zip part failing its checksum;
- an .xls in the 1904 date system.

Two are made from fixtures/sheets/plymouth-milestones.xls (a record's type
or value changed in place, nothing moved).

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


def objstm_bomb():
    """A PDF 1.5 whose font lives in an object stream that inflates to
    80 MiB (lopdf inflates object streams in full, without a limit)."""
    header = b"5 0 "
    body = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>" + b" " * (80 << 20)
    data = zlib.compress(header + body, 9)
    content = table(b"Cell")
    out = bytearray(b"%PDF-1.5\n")
    offsets = {}

    def obj(num, body):
        offsets[num] = len(out)
        out.extend(b"%d 0 obj\n" % num + body + b"\nendobj\n")

    obj(1, b"<< /Type /Catalog /Pages 2 0 R >>")
    obj(2, b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
    obj(
        3,
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
    )
    obj(4, b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
    obj(
        6,
        b"<< /Type /ObjStm /N 1 /First %d /Filter /FlateDecode /Length %d >>\nstream\n"
        % (len(header), len(data))
        + data
        + b"\nendstream",
    )
    xref_at = len(out)
    rows = bytearray(struct.pack(">BIH", 0, 0, 65535))
    for num in range(1, 8):
        if num == 5:
            rows += struct.pack(">BIH", 2, 6, 0)
        elif num == 7:
            rows += struct.pack(">BIH", 1, xref_at, 0)
        else:
            rows += struct.pack(">BIH", 1, offsets[num], 0)
    out += (
        b"7 0 obj\n<< /Type /XRef /Size 8 /W [1 4 2] /Root 1 0 R /Length %d >>\nstream\n"
        % len(rows)
        + rows
        + b"\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n" % xref_at
    )
    return bytes(out)


def pdfs():
    (HERE / "objstm-bomb.pdf").write_bytes(objstm_bomb())
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


CONTENT_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    b'<Default Extension="xml" ContentType="application/xml"/>'
    b'<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    b"</Types>"
)
RELS = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
    b"</Relationships>"
)
W = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def docx(path, body):
    write_zip(
        path,
        {
            "[Content_Types].xml": CONTENT_TYPES,
            "_rels/.rels": RELS,
            "word/document.xml": b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            b"<w:document " + W + b"><w:body>" + body + b"</w:body></w:document>",
        },
    )


def para(text):
    return b"<w:p><w:r><w:t>" + text + b"</w:t></w:r></w:p>"


def merged_docx(rows, cols, text):
    """A header row of `cols` cells, then `rows` rows whose first cell
    starts a vertical merge over every row and spans every column."""
    grid = b"<w:tblGrid>" + b'<w:gridCol w:w="400"/>' * cols + b"</w:tblGrid>"
    header = b"<w:tr>" + b"".join(
        b"<w:tc>" + para(b"Head%d" % c) + b"</w:tc>" for c in range(cols)
    ) + b"</w:tr>"
    span = b'<w:gridSpan w:val="%d"/>' % cols
    first = (
        b"<w:tr><w:tc><w:tcPr>" + span + b'<w:vMerge w:val="restart"/></w:tcPr>'
        + para(text) + b"</w:tc></w:tr>"
    )
    rest = (
        b"<w:tr><w:tc><w:tcPr>" + span + b"<w:vMerge/></w:tcPr><w:p/></w:tc></w:tr>"
    ) * (rows - 1)
    return b"<w:tbl>" + grid + header + first + rest + b"</w:tbl>"


def docxs():
    long = (b"Merged objective text. " * 1400)[:32000]
    docx(HERE / "merged-5000x20.docx", merged_docx(5000, 20, long))
    docx(HERE / "merged-10000x1.docx", merged_docx(10000, 1, long))
    # One valid cell of 50,000,000 characters (the file: about 100 KB).
    huge = (b"Raise awareness of neglect across partners. " * 1_200_000)[:50_000_000]
    row = lambda a, b: b"<w:tr><w:tc>" + para(a) + b"</w:tc><w:tc>" + para(b) + b"</w:tc></w:tr>"
    grid = b'<w:tblGrid><w:gridCol w:w="900"/><w:gridCol w:w="7000"/></w:tblGrid>'
    docx(HERE / "huge-cell.docx", b"<w:tbl>" + grid + row(b"No.", b"Action") + row(b"1", huge) + b"</w:tbl>")


def col_name(c):
    name = ""
    c += 1
    while c:
        c, r = divmod(c - 1, 26)
        name = chr(65 + r) + name
    return name


PLAN_ROWS = [
    ["No.", "Objective", "Action", "Lead", "Deadline"],
    ["1", "Safer children", "Audit referrals", "Sam Lee", "March 2025"],
    ["2", "Safer children", "Train staff", "Ann Roe", "June 2025"],
    ["3", "Better data", "Publish dashboard", "Kim Poe", "July 2025"],
]


def xlsx(path, rows, merges, title=None):
    """A one-sheet workbook of inline strings (row 1 a title when given,
    then `rows`), with `merges` (A1-style ranges) written verbatim."""
    ns = b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    rel_ns = b'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
    body = bytearray()
    all_rows = ([[title]] if title else []) + rows
    for r, row in enumerate(all_rows, start=1):
        body += b'<row r="%d">' % r
        for c, text in enumerate(row):
            body += b'<c r="%s%d" t="inlineStr"><is><t>%s</t></is></c>' % (
                col_name(c).encode(),
                r,
                text.encode(),
            )
        body += b"</row>"
    merge_xml = b""
    if merges:
        merge_xml = b'<mergeCells count="%d">' % len(merges) + b"".join(
            b'<mergeCell ref="%s"/>' % m.encode() for m in merges
        ) + b"</mergeCells>"
    sheet = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet '
        + ns
        + b"><sheetData>"
        + bytes(body)
        + b"</sheetData>"
        + merge_xml
        + b"</worksheet>"
    )
    parts = {
        "[Content_Types].xml": b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        b'<Default Extension="xml" ContentType="application/xml"/>'
        b'<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        b'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        b"</Types>",
        "_rels/.rels": b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
        b"</Relationships>",
        "xl/workbook.xml": b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook '
        + ns
        + b" "
        + rel_ns
        + b'><sheets><sheet name="Plan" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
        b"</Relationships>",
        "xl/worksheets/sheet1.xml": sheet,
    }
    write_zip(path, parts)


def write_zip(path, parts):
    """A zip with fixed timestamps, so that each run writes the same bytes
    (`path` a path or a file object)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)


def sheets():
    title = "Business plan 2025"
    # The title merged over its whole row, as Excel writes it when the row
    # is selected and merged.
    xlsx(HERE / "whole-row-merge.xlsx", PLAN_ROWS, ["A1:XFD1"], title=title)
    # One merge over the whole sheet.
    xlsx(HERE / "whole-sheet-merge.xlsx", PLAN_ROWS, ["A1:XFD1048576"])
    # 200 merges over the objective column, each overlapping the one
    # before: the first is applied, the 199 others are not.
    rows = [list(r) for r in PLAN_ROWS]
    rows[2][1] = ""
    rows[3][1] = ""
    overlapping = ["B%d:B%d" % ((2, 3), (3, 4), (2, 4))[i % 3] for i in range(200)]
    xlsx(HERE / "overlapping-merges.xlsx", rows, overlapping)
    # A header merged over two rows (the second empty), and an objective
    # merged two rows past the last action: one table, every merge whole,
    # three actions.
    rows = [list(r) for r in PLAN_ROWS]
    rows.insert(1, [""] * 5)
    header = ["%s1:%s2" % (c, c) for c in "ABCDE"]
    xlsx(HERE / "merge-past-last-row.xlsx", rows, header + ["B5:B7"])
    # A list typed down one column: no table, and (issue 19) a warning
    # that says so instead of silence.
    xlsx(
        HERE / "single-column.xlsx",
        [["Action"], ["Audit referrals"], ["Train staff"], ["Publish dashboard"]],
        [],
    )


FIXTURES = HERE.parent.parent / "fixtures"


def packages():
    """Files that were given an untrue message."""
    ct = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        b"</Types>"
    )
    rels = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>'
    )
    # An Excel binary workbook: its parts are .bin records, not XML.
    write_zip(
        HERE / "binary-workbook.xlsb",
        {
            "[Content_Types].xml": ct,
            "_rels/.rels": rels,
            "xl/workbook.bin": b"\x83\x01\x00\x84\x01\x00",
            "xl/worksheets/sheet1.bin": b"\x81\x01\x00\x82\x01\x00",
        },
    )
    # A valid package with nothing in it but its content types and rels.
    write_zip(HERE / "minimal-package.docx", {"[Content_Types].xml": ct, "_rels/.rels": rels})
    # The plan workbook with its part names written with backslashes.
    buf = io.BytesIO()
    xlsx(buf, PLAN_ROWS, [])
    with zipfile.ZipFile(buf) as z:
        parts = {n.replace("/", "\\"): z.read(n) for n in z.namelist()}
    write_zip(HERE / "backslash-names.xlsx", parts)
    # The plan workbook with a UTF-16 customXml part (well-formed; nothing
    # reads it).
    buf = io.BytesIO()
    xlsx(buf, PLAN_ROWS, [])
    with zipfile.ZipFile(buf) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    parts["customXml/item1.xml"] = '<?xml version="1.0" encoding="UTF-16"?><b:Sources '
    parts["customXml/item1.xml"] += 'xmlns:b="http://schemas.openxmlformats.org/officeDocument/2006/bibliography"/>'
    parts["customXml/item1.xml"] = b"\xff\xfe" + parts["customXml/item1.xml"].encode("utf-16-le")
    write_zip(HERE / "utf16-customxml.xlsx", parts)
    # An encrypted OpenDocument spreadsheet: the manifest lists the
    # encryption of content.xml, which is ciphertext.
    manifest = (
        b'<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
        b'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        b'<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        b'<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml" manifest:size="4000">'
        b'<manifest:encryption-data manifest:checksum-type="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0#sha256-1k" '
        b'manifest:checksum="AAAA"><manifest:algorithm manifest:algorithm-name="http://www.w3.org/2001/04/xmlenc#aes256-cbc" '
        b'manifest:initialisation-vector="AAAA"/><manifest:key-derivation manifest:key-derivation-name="PBKDF2" '
        b'manifest:key-size="32" manifest:iteration-count="100000" manifest:salt="AAAA"/></manifest:encryption-data>'
        b"</manifest:file-entry></manifest:manifest>"
    )
    rng = random.Random(1904)
    write_zip(
        HERE / "encrypted.ods",
        {
            "mimetype": b"application/vnd.oasis.opendocument.spreadsheet",
            "content.xml": bytes(rng.randrange(256) for _ in range(4000)),
            "meta.xml": bytes(rng.randrange(256) for _ in range(400)),
            "META-INF/manifest.xml": manifest,
        },
    )
    xls = (FIXTURES / "sheets" / "plymouth-milestones.xls").read_bytes()
    # The stream named in capitals: names are case-insensitive in a
    # compound file.
    name = "Workbook".encode("utf-16-le")
    at = xls.index(name)
    (HERE / "workbook-capitals.xls").write_bytes(
        xls[:at] + "WORKBOOK".encode("utf-16-le") + xls[at + len(name) :]
    )
    # FILEPASS in the workbook globals (XOR obfuscation, type 0): the
    # WRITEACCESS record's type is changed to FILEPASS, lengths unchanged.
    bof = xls.index(b"\x09\x08\x10\x00\x00\x06\x05\x00")
    pos = bof
    out = bytearray(xls)
    while pos + 4 <= len(xls):
        typ, length = struct.unpack_from("<HH", xls, pos)
        if typ == 0x005C:
            struct.pack_into("<HHH", out, pos, 0x002F, length, 0)
            break
        pos += 4 + length
    else:
        raise SystemExit("no WRITEACCESS record in the .xls fixture")
    (HERE / "encrypted-xor.xls").write_bytes(bytes(out))
    # The 1904 date system (DATE1904 set to 1): every date serial counts
    # from 1904-01-01, 1,462 days later than from 1900.
    out = bytearray(xls)
    pos = bof
    while pos + 4 <= len(xls):
        typ, length = struct.unpack_from("<HH", xls, pos)
        if typ == 0x0022:
            struct.pack_into("<H", out, pos + 4, 1)
            break
        pos += 4 + length
    else:
        raise SystemExit("no DATE1904 record in the .xls fixture")
    (HERE / "date-1904.xls").write_bytes(bytes(out))
    # The first sheet's BOUNDSHEET record claims 65,520 bytes: it runs
    # past the end of the stream.
    out = bytearray(xls)
    pos = bof
    while pos + 4 <= len(xls):
        typ, length = struct.unpack_from("<HH", xls, pos)
        if typ == 0x0085:
            struct.pack_into("<H", out, pos + 2, 0xFFF0)
            break
        pos += 4 + length
    else:
        raise SystemExit("no BOUNDSHEET record in the .xls fixture")
    (HERE / "record-length.xls").write_bytes(bytes(out))


def checksum_error():
    """The plan workbook with one byte of its (stored, uncompressed) sheet
    changed after the checksum was taken: damaged, not truncated."""
    buf = io.BytesIO()
    xlsx(buf, PLAN_ROWS, [])
    with zipfile.ZipFile(buf) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as z:
        for name, data in parts.items():
            z.writestr(zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0)), data)
    data = bytearray(out.getvalue())
    at = data.index(b"Audit referrals")
    data[at] = ord("O")
    (HERE / "checksum-error.xlsx").write_bytes(bytes(data))


def main():
    checksum_error()
    pdfs()
    docxs()
    sheets()
    packages()


if __name__ == "__main__":
    main()
