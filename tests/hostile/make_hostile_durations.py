"""Issue 19: durations and times of day, written by openpyxl (.xlsx) and
converted by LibreOffice (.ods, .xls), so the expected cells in
tests/hostile.rs are what Excel and Calc display, not raw serials
("10.63206019") or ISO durations ("PT10H10M10S").

Run from anywhere: python3 tests/hostile/make_hostile_durations.py
(needs openpyxl and `soffice` on PATH).
"""

import datetime
import pathlib
import shutil
import subprocess
import tempfile

import openpyxl

HERE = pathlib.Path(__file__).resolve().parent


def xlsx(path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Plan"
    rows = [
        ["No.", "Action", "Lead", "Deadline", "Time spent", "Meeting at"],
        [
            "1",
            "Audit referrals",
            "Sam Lee",
            datetime.date(2025, 3, 31),
            datetime.timedelta(days=10, hours=15, minutes=10, seconds=10),
            datetime.time(10, 30),
        ],
        [
            "2",
            "Train staff",
            "Ann Roe",
            datetime.datetime(2025, 6, 30, 14, 45),
            datetime.timedelta(hours=2, minutes=30),
            datetime.time(9, 15, 20),
        ],
    ]
    for r, row in enumerate(rows, 1):
        for c, v in enumerate(row, 1):
            ws.cell(row=r, column=c, value=v)
    ws["E2"].number_format = "[h]:mm:ss"
    ws["E3"].number_format = "[h]:mm:ss"
    ws["F2"].number_format = "hh:mm"
    ws["F3"].number_format = "hh:mm:ss"
    ws["D2"].number_format = "dd/mm/yyyy"
    ws["D3"].number_format = "dd/mm/yyyy hh:mm"
    wb.save(path)


def convert(src, ext):
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [
                "soffice",
                "--headless",
                "--norestore",
                f"-env:UserInstallation=file://{tmp}/profile",
                "--convert-to",
                ext,
                "--outdir",
                tmp,
                str(src),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
        shutil.copy(pathlib.Path(tmp) / (src.stem + "." + ext), HERE / (src.stem + "." + ext))


def main():
    src = HERE / "durations.xlsx"
    xlsx(src)
    convert(src, "ods")
    convert(src, "xls")


if __name__ == "__main__":
    main()
