#!/usr/bin/env python3
"""Writes the hostile inputs in tests/hostile/ (run from anywhere).

Each file is something a user's archive may really contain; the test
`hostile.rs` asserts the exact one-line error each must give. Made with
python-docx and the standard library's zipfile, never with our own code.
"""
import io
import os
import zipfile

import docx

HERE = os.path.dirname(os.path.abspath(__file__))


def path(name):
    return os.path.join(HERE, name)


def small_docx():
    d = docx.Document()
    d.core_properties.author = "actionplan tests"
    d.add_paragraph("Priority 1: keep children safe")
    t = d.add_table(rows=2, cols=2)
    t.cell(0, 0).text = "No."
    t.cell(0, 1).text = "Action"
    t.cell(1, 0).text = "1.1"
    t.cell(1, 1).text = "Review the website"
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def repack(src, replace):
    """Copy a zip, replacing some entries' bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(src)) as zin, zipfile.ZipFile(
        out, "w", zipfile.ZIP_DEFLATED, compresslevel=9
    ) as zout:
        for item in zin.infolist():
            data = replace.get(item.filename, zin.read(item.filename))
            zout.writestr(item.filename, data)
    return out.getvalue()


def main():
    good = small_docx()
    # An empty file with a .docx name.
    open(path("empty.docx"), "wb").close()
    # A CSV export someone renamed to .docx.
    with open(path("not-word.docx"), "w") as f:
        f.write("No.,Objective,Action\n1.1,Communication,Review website\n")
    # A download cut off part-way.
    with open(path("truncated.docx"), "wb") as f:
        f.write(good[: len(good) * 6 // 10])
    # A zip bomb: word/document.xml inflates to 200 MiB of whitespace inside
    # an otherwise valid package (about 200 KB on disk).
    body = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        b"<w:body><w:p><w:r><w:t>"
        + b" " * (200 << 20)
        + b"</w:t></w:r></w:p></w:body></w:document>"
    )
    with open(path("zip-bomb.docx"), "wb") as f:
        f.write(repack(good, {"word/document.xml": body}))
    # Billion laughs: entity expansion in document.xml.
    laughs = (
        b'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
        + b"".join(
            b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
            for i in range(1, 10)
        )
        + b']>\n<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        b"<w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>"
    )
    with open(path("entity-bomb.docx"), "wb") as f:
        f.write(repack(good, {"word/document.xml": laughs}))
    # What an encrypted Office file looks like from outside: an OLE compound
    # file header (the rest zeroed).
    with open(path("encrypted.docx"), "wb") as f:
        f.write(bytes.fromhex("D0CF11E0A1B11AE1") + bytes(504))
    # A zip that is not an Office document.
    with zipfile.ZipFile(path("plain-zip.docx"), "w") as z:
        z.writestr("notes.txt", "minutes of the meeting")
    # A PDF saved with a .docx name.
    with open(path("pdf-named-docx.docx"), "wb") as f:
        f.write(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")
    # A package whose document.xml is not well-formed XML.
    with open(path("broken-xml.docx"), "wb") as f:
        f.write(repack(good, {"word/document.xml": b"<w:document><w:body><w:p>"}))


if __name__ == "__main__":
    main()
