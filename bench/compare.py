#!/usr/bin/env python3
"""Time our CLI against the Python libraries people reach for, in one run,
on the same fixture files.

  our side                     peer (timed in-process, after import)
  actionplan tables F --format json     python-docx: open, walk every table's rows' cells' text
  (one process per file)       openpyxl: load, read every cell value of every sheet
                               pdfplumber: extract_tables() on every page (fixtures/pdf/)

Each measurement is repeated --repeat times (default 20) after one untimed
warm-up pass; a repeat times every file of a group once, ours and the
peer's alternating file by file, and the figure is the median over repeats
of the group's total. Ratios are peer / ours: above 1 means we are faster.

Our CLI is timed as a whole process per file (start-up, reading the file,
writing the JSON to /dev/null), which the in-process Python peers do not
pay; so the in-process comparison is also printed, from the criterion
benches' medians (`read/<format>/<file>` in target/criterion, run by
`cargo bench --bench readers`, or by this script with --run-criterion).
Python's own start-up plus import is printed for scale. Then each file is
converted (`actionplan convert --stdout F`, the whole pipeline) in its own
process --convert-repeat times (default 10), and the median per file is
printed: the time a user waits for one plan.

Usage:
  cargo build --release
  python3 bench/compare.py [--repeat 20] [--run-criterion] [--json bench/results.json]
"""

from __future__ import annotations

import argparse
import datetime
import io
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIX = ROOT / "fixtures"

# Which fixture files make each group, in report order.
GROUPS = {
    "docx": [FIX / "plans", FIX / "edge"],
    "xlsx": [FIX / "sheets"],
    "xls": [FIX / "sheets"],
    "ods": [FIX / "sheets"],
    "pdf": [FIX / "pdf"],
}


def files_of(fmt: str) -> list[Path]:
    out: list[Path] = []
    for d in GROUPS[fmt]:
        if d.is_dir():
            out += sorted(p for p in d.iterdir() if p.suffix.lower() == "." + fmt)
    return out


# --- peers, in-process -----------------------------------------------------


def peer_python_docx(data: bytes) -> int:
    import docx

    doc = docx.Document(io.BytesIO(data))
    n = 0
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                n += len(cell.text)
    return n


def _openpyxl(data: bytes, read_only: bool) -> int:
    import openpyxl

    wb = openpyxl.load_workbook(io.BytesIO(data), read_only=read_only, data_only=True)
    n = 0
    for ws in wb.worksheets:
        for row in ws.iter_rows(values_only=True):
            for v in row:
                n += v is not None
    wb.close()
    return n


def peer_openpyxl(data: bytes) -> int:
    """openpyxl's default mode: styles and merges loaded, as ours reads fills and merges."""
    return _openpyxl(data, read_only=False)


def peer_openpyxl_ro(data: bytes) -> int:
    """openpyxl's fastest mode (read_only=True: values only, no merges)."""
    return _openpyxl(data, read_only=True)


def peer_pdfplumber(data: bytes) -> int:
    import pdfplumber

    n = 0
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            for table in page.extract_tables():
                n += sum(len(r) for r in table)
    return n


# (label, function, module imported) per group; every peer of a group is timed.
PEERS = {
    "docx": [("python-docx", peer_python_docx, "docx")],
    "xlsx": [
        ("openpyxl", peer_openpyxl, "openpyxl"),
        ("openpyxl read_only", peer_openpyxl_ro, "openpyxl"),
    ],
    "xls": [],
    "ods": [],
    "pdf": [("pdfplumber", peer_pdfplumber, "pdfplumber")],
}


def version_of(module: str) -> str:
    try:
        m = __import__(module)
        return getattr(m, "__version__", "?")
    except ImportError:
        return "not installed"


# --- our CLI, one process per run -------------------------------------------


def run_process(argv: list[str]) -> tuple[float, int, int]:
    """Wall seconds, exit status and ru_maxrss (KiB, see peak_rss_kib) of one child process."""
    t0 = time.perf_counter()
    p = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(p.pid, 0)
    elapsed = time.perf_counter() - t0
    p.returncode = os.waitstatus_to_exitcode(status)
    return elapsed, p.returncode, usage.ru_maxrss


def peak_rss_kib(argv: list[str]) -> int | None:
    """Peak RSS of a command, from GNU time run as a small intermediate
    process: a child's own ru_maxrss would count this (large) Python
    process, which Linux carries across fork and exec as a high-water mark."""
    gnu_time = Path("/usr/bin/time")
    if not gnu_time.is_file():
        return None
    p = subprocess.run(
        [str(gnu_time), "-f", "rss=%M", *argv], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    for line in reversed(p.stderr.splitlines()):
        if line.startswith("rss="):
            return int(line[4:])
    return None


def python_startup_ms(module: str, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t, rc, _ = run_process([sys.executable, "-c", f"import {module}"])
        if rc != 0:
            return float("nan")
        times.append(t)
    return statistics.median(times) * 1e3


# --- criterion, in-process ----------------------------------------------------


def criterion_medians(cdir: Path) -> dict[str, tuple[float, float]]:
    """full_id -> (median ns, mtime) from criterion's saved estimates."""
    out = {}
    if not cdir.is_dir():
        return out
    for bj in cdir.glob("**/new/benchmark.json"):
        try:
            full_id = json.loads(bj.read_text())["full_id"]
            est = json.loads((bj.parent / "estimates.json").read_text())
            out[full_id] = (est["median"]["point_estimate"], bj.stat().st_mtime)
        except (OSError, KeyError, ValueError):
            continue
    return out


# --- the run -------------------------------------------------------------------


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=20, help="timed repeats per measurement (default 20)")
    ap.add_argument(
        "--convert-repeat",
        type=int,
        default=10,
        help="runs of `convert --stdout FILE`, one process each, per file (default 10; the median is reported)",
    )
    ap.add_argument("--bin", type=Path, default=ROOT / "target" / "release" / "actionplan")
    ap.add_argument("--criterion-dir", type=Path, default=ROOT / "target" / "criterion")
    ap.add_argument(
        "--run-criterion",
        action="store_true",
        help="run `cargo bench --bench readers` (short settings) first, for the in-process figures",
    )
    ap.add_argument("--json", type=Path, metavar="PATH", help="also write the results as JSON here")
    args = ap.parse_args()

    if not args.bin.is_file():
        print(f"{args.bin} not found: run `cargo build --release` first", file=sys.stderr)
        return 2
    load_at_start = os.getloadavg()[0]
    if args.run_criterion:
        print("running cargo bench --bench readers (about a minute)...", file=sys.stderr)
        bench = subprocess.run(
            ["cargo", "bench", "--bench", "readers", "--", "--warm-up-time", "1", "--measurement-time", "3"],
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        if bench.returncode != 0:
            print(bench.stdout + bench.stderr, file=sys.stderr)
            return 2

    groups = {fmt: files_of(fmt) for fmt in GROUPS}
    groups = {fmt: fs for fmt, fs in groups.items() if fs}
    data = {p: p.read_bytes() for fs in groups.values() for p in fs}

    # Which files our CLI reads (PDF may not be merged yet); a non-PDF that
    # fails is a bug and stops the run.
    ours_ok: dict[str, list[Path]] = {}
    for fmt, fs in groups.items():
        ok = []
        for p in fs:
            _, rc, _ = run_process([str(args.bin), "tables", str(p), "--format", "json"])
            if rc == 0:
                ok.append(p)
            elif fmt == "pdf":
                print(f"note: our CLI does not read {p.relative_to(ROOT)} (exit {rc}): PDF left out of our side")
            else:
                print(f"error: our CLI failed on {p} (exit {rc})", file=sys.stderr)
                return 2
        ours_ok[fmt] = ok

    # Does `tables` take several files in one invocation?
    first_two = [str(p) for p in ours_ok.get("docx", [])[:2]]
    _, rc, _ = run_process([str(args.bin), "tables", *first_two, "--format", "json"])
    tables_multi = len(first_two) == 2 and rc == 0

    # Peers usable on this machine.
    peers = {
        fmt: [(label, fn) for label, fn, mod in PEERS[fmt] if version_of(mod) != "not installed"]
        for fmt in groups
    }

    # Warm-up: every measurement once, untimed.
    for fmt, fs in groups.items():
        for p in ours_ok[fmt]:
            run_process([str(args.bin), "tables", str(p), "--format", "json"])
        for _, fn in peers[fmt]:
            for p in ours_ok[fmt] or fs:
                fn(data[p])

    # Timed repeats.
    ours_cli: dict[str, list[float]] = {fmt: [] for fmt in groups}
    ours_multi: dict[str, list[float]] = {fmt: [] for fmt in groups}
    ours_convert: dict[str, list[float]] = {fmt: [] for fmt in groups}
    # Peak RSS, in an untimed pass: the largest over the group's files of
    # `tables`, and of `convert` over the whole group in one process.
    ours_rss: dict[str, int | None] = {}
    convert_rss: dict[str, int | None] = {}
    for fmt in groups:
        rs = [peak_rss_kib([str(args.bin), "tables", str(p), "--format", "json"]) for p in ours_ok[fmt]]
        ours_rss[fmt] = max(rs) if rs and None not in rs else None
        convert_rss[fmt] = (
            peak_rss_kib([str(args.bin), "convert", "--stdout", *map(str, ours_ok[fmt])]) if ours_ok[fmt] else None
        )
    peer_t: dict[tuple[str, str], list[float]] = {(fmt, lb): [] for fmt in groups for lb, _ in peers[fmt]}
    per_file: dict[str, dict[str, list[float]]] = {}
    for _ in range(args.repeat):
        for fmt, fs in groups.items():
            total = 0.0
            ptotal = {lb: 0.0 for lb, _ in peers[fmt]}
            # Where we read only some of a group (a PDF reader that refuses
            # some files), peers are timed on the same files only, so the
            # ratio compares like with like.
            for p in ours_ok[fmt] or fs:
                if p in ours_ok[fmt]:
                    t, rc, _ = run_process([str(args.bin), "tables", str(p), "--format", "json"])
                    assert rc == 0, p
                    total += t
                    per_file.setdefault(str(p.relative_to(ROOT)), {}).setdefault("ours_cli", []).append(t)
                for lb, fn in peers[fmt]:
                    t0 = time.perf_counter()
                    fn(data[p])
                    t = time.perf_counter() - t0
                    ptotal[lb] += t
                    per_file.setdefault(str(p.relative_to(ROOT)), {}).setdefault(lb, []).append(t)
            ours_cli[fmt].append(total)
            for lb in ptotal:
                peer_t[(fmt, lb)].append(ptotal[lb])
            if ours_ok[fmt]:
                argv = [str(p) for p in ours_ok[fmt]]
                if tables_multi:
                    t, rc, _ = run_process([str(args.bin), "tables", *argv, "--format", "json"])
                    ours_multi[fmt].append(t)
                t, rc, _ = run_process([str(args.bin), "convert", "--stdout", *argv])
                if rc == 0:
                    ours_convert[fmt].append(t)

    # One plan converted in its own process (start-up, reading, mapping,
    # checking and the JSON to /dev/null): each file --convert-repeat times
    # after one warm-up run, the median per file.
    single: dict[str, dict[str, float]] = {}
    for fmt in groups:
        for p in ours_ok[fmt]:
            argv = [str(args.bin), "convert", "--stdout", str(p)]
            run_process(argv)
            ts = []
            for _ in range(args.convert_repeat):
                t, rc, _ = run_process(argv)
                if rc == 0:
                    ts.append(t)
            if ts:
                single.setdefault(fmt, {})[str(p.relative_to(ROOT))] = statistics.median(ts) * 1e3

    crit = criterion_medians(args.criterion_dir)

    def crit_total(fmt: str, fs: list[Path]) -> float | None:
        ts = [crit.get(f"read/{fmt}/{p.stem}") for p in fs]
        if not fs or any(t is None for t in ts):
            return None
        return sum(t[0] for t in ts) / 1e6  # ms

    def ms(xs: list[float]) -> float | None:
        return statistics.median(xs) * 1e3 if xs else None

    def fmt_ms(x: float | None) -> str:
        return "-" if x is None else f"{x:.2f}"

    def ratio(peer: float | None, ours: float | None) -> str:
        return "-" if peer is None or ours is None else f"{peer / ours:.1f}x"

    startup = {mod: python_startup_ms(mod, 5) for fmt in groups for _, _, mod in PEERS[fmt]}

    # --- report --------------------------------------------------------------
    now = datetime.datetime.now().astimezone()
    print(
        f"# {now:%Y-%m-%d %H:%M %Z} · {platform.node()} · {os.cpu_count()} cores · "
        f"load {os.getloadavg()[0]:.1f} (at start {load_at_start:.1f}) · "
        f"Python {platform.python_version()} · repeat {args.repeat} (median of group totals)"
    )
    print(
        "# peers: "
        + ", ".join(f"{m} {version_of(m)}" for m in ("docx", "openpyxl", "pdfplumber"))
        + f" · tables takes several files: {'yes' if tables_multi else 'no'}"
    )
    def count(fmt: str) -> str:
        n, ok = len(groups[fmt]), len(ours_ok[fmt])
        return str(n) if ok in (0, n) else f"{ok} of {n}"

    rows = []
    hdr = (
        "group", "files", "peer", "ours CLI ms", "ours in-proc ms",
        "peer ms", "ratio CLI", "ratio in-proc", "CLI peak RSS",
    )
    for fmt, fs in groups.items():
        ours = ms(ours_cli[fmt]) if ours_ok[fmt] else None
        inproc = crit_total(fmt, ours_ok[fmt]) if len(ours_ok[fmt]) == len(fs) else None
        rss = f"{ours_rss[fmt] / 1024:.1f} MiB" if ours_rss[fmt] else "-"
        if not peers[fmt]:
            rows.append((fmt, count(fmt), "(none)", fmt_ms(ours), fmt_ms(inproc), "-", "-", "-", rss))
        for lb, _ in peers[fmt]:
            pm = ms(peer_t[(fmt, lb)])
            rows.append(
                (fmt, count(fmt), lb, fmt_ms(ours), fmt_ms(inproc), fmt_ms(pm), ratio(pm, ours), ratio(pm, inproc), rss)
            )
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(hdr)]
    print()
    print(" | ".join(h.ljust(w) for h, w in zip(hdr, widths)))
    print("-+-".join("-" * w for w in widths))
    for r in rows:
        print(" | ".join(c.ljust(w) for c, w in zip(r, widths)))

    print()
    print("ours CLI ms: `actionplan tables F --format json`, one process per file, summed over the group.")
    print("ours in-proc ms: criterion medians of read/<format>/<file> summed (bytes in memory to Document).")
    if crit:
        newest = max(m for _, m in crit.values())
        print(f"  criterion estimates from {datetime.datetime.fromtimestamp(newest):%Y-%m-%d %H:%M} in {args.criterion_dir}")
    else:
        print("  no criterion estimates found: run `cargo bench --bench readers` or pass --run-criterion")
    for fmt in groups:
        if ours_convert[fmt] or ours_multi[fmt]:
            extra = []
            if ours_multi[fmt]:
                extra.append(f"tables over all in one process {ms(ours_multi[fmt]):.2f} ms")
            if ours_convert[fmt]:
                rss = f", peak RSS {convert_rss[fmt] / 1024:.1f} MiB" if convert_rss[fmt] else ""
                extra.append(f"convert (whole pipeline) over all in one process {ms(ours_convert[fmt]):.2f} ms{rss}")
            print(f"{fmt}: " + "; ".join(extra))
    for fmt, per in single.items():
        worst = max(per, key=per.get)
        print(
            f"{fmt}: one plan converted in its own process (median of {args.convert_repeat}): "
            f"median over files {statistics.median(per.values()):.1f} ms, "
            f"slowest {per[worst]:.1f} ms ({Path(worst).name})"
        )
    print(
        "python start-up + import (not in the peer figures): "
        + ", ".join(f"{m} {t:.0f} ms" for m, t in startup.items())
    )

    if args.json:
        out = {
            "date": now.isoformat(timespec="seconds"),
            "host": platform.node(),
            "cores": os.cpu_count(),
            "load_average_1min": {"start": load_at_start, "end": os.getloadavg()[0]},
            "python": platform.python_version(),
            "repeat": args.repeat,
            "peers": {m: version_of(m) for m in ("docx", "openpyxl", "pdfplumber")},
            "tables_takes_several_files": tables_multi,
            "python_startup_import_ms": startup,
            "groups": {
                fmt: {
                    "files": [str(p.relative_to(ROOT)) for p in fs],
                    "ours_read": [str(p.relative_to(ROOT)) for p in ours_ok[fmt]],
                    "ours_cli_ms": ms(ours_cli[fmt]),
                    "ours_inprocess_ms": crit_total(fmt, ours_ok[fmt]) if len(ours_ok[fmt]) == len(fs) else None,
                    "ours_tables_one_process_ms": ms(ours_multi[fmt]),
                    "ours_convert_one_process_ms": ms(ours_convert[fmt]),
                    "ours_cli_peak_rss_kib": ours_rss[fmt],
                    "ours_convert_one_process_peak_rss_kib": convert_rss[fmt],
                    "peers_ms": {lb: ms(peer_t[(fmt, lb)]) for lb, _ in peers[fmt]},
                }
                for fmt, fs in groups.items()
            },
            "per_file_median_ms": {f: {k: ms(v) for k, v in d.items()} for f, d in per_file.items()},
            "convert_one_process_median_ms": single,
            "convert_repeat": args.convert_repeat,
        }
        args.json.write_text(json.dumps(out, indent=2) + "\n")
        print(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
