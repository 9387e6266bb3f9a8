#!/usr/bin/env python3
"""Write the expected cells of the other projects' test files in this folder.

    pip install -r fixtures/requirements.txt   # openpyxl, xlrd
    python3 tests/suites/make_expected.py

The spreadsheets here come from calamine's test suite (see README.md in this
folder): files written by other people, many of them bug reports, that once
broke our reader or got an untrue message. What each cell holds is read by a
reader independent of ours and of calamine: xlrd for .xls, openpyxl for
.xlsx. For every non-empty cell, `expected/<file>.json` gets one of

- {"text": "..."}     a string cell, as stored;
- {"number": 1.75}    a number in the General format (or one we do not
                      spell out here): our text must read as this number;
- {"date": "2021-01-01"} or {"date": "2021-01-01T10:30:00"}: a date cell,
                      as an ISO date (with its time of day when it has one);
- {"text": "255:10:10"} for an elapsed-time format ([hh]:mm:ss), spelled out
                      here from the serial the reader gives;
- {"bool": true}      a boolean cell.

and `merges` lists the merged ranges ("A1:A2"). The test
(`tests/suites.rs`) reads each file with our reader and checks every cell
named here, where it lands (a table cell or a line of text), and that no
cell of ours holds text the independent reader does not have.

Files we refuse (an .xlsb, encrypted files, a workbook whose main part is
not where Excel writes it) have no expected cells: their one error line is
in the test.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import math
import pathlib
import zipfile

import openpyxl
import xlrd
from openpyxl.utils import get_column_letter

HERE = pathlib.Path(__file__).resolve().parent
OUT = HERE / "expected"

XLS = [
    "xls_cross_sheet_chart.xls",
    "date_1904.xls",
    "date.xls",
    "ptgexp-truncated-operand.xls",
    "capitalized_wbook_stream.xls",
    "merged_range.xls",
    "issue_643_biff5_formula.xls",
    "issue_271.xls",
]
XLSX = [
    "merged_range.xlsx",
    "date.xlsx",
    "date_1904.xlsx",
    "issue_530.xlsx",
    "pivots.xlsx",
    "inventory-table.xlsx",
    "merge_cells.xlsx",
]


def ref(row: int, col: int) -> str:
    """A1-style reference of a 0-based row and column."""
    return f"{get_column_letter(col + 1)}{row + 1}"


def elapsed(days: float) -> str:
    """[hh]:mm:ss of a serial (days), rounded to the second."""
    secs = round(days * 86400)
    return f"{secs // 3600}:{secs % 3600 // 60:02}:{secs % 60:02}"


def iso(value: dt.datetime) -> str:
    if value.time() == dt.time(0, 0):
        return value.date().isoformat()
    return value.replace(microsecond=0).isoformat()


def number(value: float) -> dict:
    if math.isfinite(value) and value == int(value):
        return {"number": int(value)}
    return {"number": value}


def from_xls(path: pathlib.Path) -> dict:
    book = xlrd.open_workbook(str(path), formatting_info=True)
    cells, merges = {}, []
    for sheet in book.sheets():
        for r0, r1, c0, c1 in sheet.merged_cells:
            merges.append(f"{sheet.name}!{ref(r0, c0)}:{ref(r1 - 1, c1 - 1)}")
        for r in range(sheet.nrows):
            for c in range(sheet.ncols):
                cell = sheet.cell(r, c)
                key = f"{sheet.name}!{ref(r, c)}"
                if cell.ctype == xlrd.XL_CELL_TEXT:
                    if cell.value.strip():
                        cells[key] = {"text": cell.value}
                elif cell.ctype == xlrd.XL_CELL_NUMBER:
                    cells[key] = number(cell.value)
                elif cell.ctype == xlrd.XL_CELL_DATE:
                    fmt = book.format_map[book.xf_list[cell.xf_index].format_key].format_str
                    if "[h" in fmt.lower():
                        cells[key] = {"text": elapsed(cell.value)}
                    else:
                        when = xlrd.xldate_as_datetime(cell.value, book.datemode)
                        cells[key] = {"date": iso(when)}
                elif cell.ctype == xlrd.XL_CELL_BOOLEAN:
                    cells[key] = {"bool": bool(cell.value)}
    return {"reader": f"xlrd {xlrd.__version__}", "cells": cells, "merges": sorted(merges)}


def from_xlsx(path: pathlib.Path) -> dict:
    # openpyxl looks parts up by exact name: a package written with
    # backslashes in its part names (issue_530.xlsx) is given to it with
    # slashes, nothing else changed.
    with zipfile.ZipFile(path) as z:
        parts = {n.replace("\\", "/"): z.read(n) for n in z.namelist()}
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for n, data in parts.items():
            z.writestr(n, data)
    try:
        # data_only: a formula cell's value as last calculated, what Excel
        # shows and what our reader reads.
        book = openpyxl.load_workbook(buf, data_only=True)
    except TypeError:
        # openpyxl fails on some pivot caches (pivots.xlsx); its read-only
        # mode does not read them, nor merged ranges (that file has none).
        book = openpyxl.load_workbook(buf, read_only=True, data_only=True)
    cells, merges = {}, []
    for sheet in book.worksheets:
        for m in getattr(sheet, "merged_cells", None) and sheet.merged_cells.ranges or []:
            merges.append(f"{sheet.title}!{m.coord}")
        for row in sheet.iter_rows():
            for cell in row:
                v = cell.value
                if v is None or not hasattr(cell, "coordinate"):
                    continue
                key = f"{sheet.title}!{cell.coordinate}"
                if isinstance(v, bool):
                    cells[key] = {"bool": v}
                elif isinstance(v, str):
                    if v.strip():
                        cells[key] = {"text": v}
                elif isinstance(v, dt.timedelta):
                    cells[key] = {"text": elapsed(v.total_seconds() / 86400)}
                elif isinstance(v, dt.datetime):
                    cells[key] = {"date": iso(v)}
                elif isinstance(v, dt.date):
                    cells[key] = {"date": v.isoformat()}
                elif isinstance(v, dt.time):
                    cells[key] = {"text": v.strftime("%H:%M")}
                elif isinstance(v, (int, float)):
                    cells[key] = number(float(v))
    return {"reader": f"openpyxl {openpyxl.__version__}", "cells": cells, "merges": sorted(merges)}


def main() -> None:
    OUT.mkdir(exist_ok=True)
    for name in XLS + XLSX:
        path = HERE / name
        data = from_xls(path) if name in XLS else from_xlsx(path)
        data = {"file": name, **data}
        (OUT / f"{name}.json").write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n")
        print(f"{name}: {len(data['cells'])} cells, {len(data['merges'])} merges ({data['reader']})")


if __name__ == "__main__":
    main()
