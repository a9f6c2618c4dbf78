#!/usr/bin/env python3
"""Generate the app's licence list from the project's PBoC payment-licence data (sources/).

Usage (from the repository root):
    python3 scripts/gen-licences.py [SOURCE_CSV]          # write public/data/licences.csv + .meta.json
    python3 scripts/gen-licences.py --check [SOURCE_CSV]  # CI: fail if the committed files are stale

SOURCE_CSV defaults to sources/payment-licences.csv. The as-of date is read from the table in
sources/README.md (the row of `payment-licences.csv`); scripts/refresh-licences updates both.

Every row is validated before anything is written; on any problem the script prints ALL problems
(with the source line number) and exits with status 1, leaving the output untouched.

Output:
- public/data/licences.csv: a first line `# as_of: YYYY-MM-DD; source: …` (the Rust parser in
  src/domain/licence/import.rs reads it), then the ten source columns unchanged, then derived columns that
  help a human reviewer (serial, province_code, acquiring, merged_into, note). The Rust side derives
  the same facts itself and ignores the extra columns, so a user can import the raw source CSV too.
- public/data/licences.meta.json: as_of, source, row count and the CSV's SHA-256.

Rules checked (sources/README.md, "payment-licences.csv"):
- N rows with serials 001–N, no gaps or duplicates (N is the row count: a refresh may add licences);
- licence_no = `Z20` + serial + 2-digit province + `0000` + `1` + Luhn check digit over the first
  13 characters with `Z` counted as 35 ("Licence-number rule");
- first_issued matches the serial's issue batch (table below; serials past it are not checked);
- status is one of the status values; status_date/first_issued are ISO dates; valid_until is empty,
  `长期`, an ISO date, or `DATE（过渡期至DATE）`;
- a merged row names its target licence number in the note;
- name, business_types, coverage and source are present.

Python 3.11 standard library only; output is deterministic (rows sorted by serial, `\n` line ends).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import hashlib
import io
import json
import re
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SOURCE = "sources/payment-licences.csv"
PROVENANCE = REPO_ROOT / "sources" / "README.md"
# The row of sources/README.md's table that dates the licence list: | `payment-licences.csv` | … | DATE | … |
AS_OF_ROW = re.compile(r"^\| `payment-licences\.csv` \|[^|]*\| (\d{4}-\d{2}-\d{2}) \|", re.M)
OUT_CSV = REPO_ROOT / "public" / "data" / "licences.csv"
OUT_META = REPO_ROOT / "public" / "data" / "licences.meta.json"

SOURCE_COLUMNS = [
    "name",
    "short_names",
    "licence_no",
    "business_types",
    "coverage",
    "first_issued",
    "valid_until",
    "status",
    "status_date",
    "source",
]
DERIVED_COLUMNS = ["serial", "province_code", "acquiring", "merged_into", "note"]
STATUSES = {"valid", "expired_listed", "cancelled", "not_renewed", "merged", "not_listed", "revoked"}
# sources/README.md "Bank-card acquiring": these business types (scope text in brackets may follow).
ACQUIRING_TYPES = ("银行卡收单", "支付交易处理Ⅰ类")
# Serial range → first-issue date, as the PBoC records give them (sources/README.md, "Licence-number rule").
ISSUE_BATCHES = [
    (1, 27, "2011-05-03"),
    (28, 40, "2011-08-29"),
    (41, 101, "2011-12-22"),
    (102, 196, "2012-06-27"),
    (197, 197, "2012-07-20"),
    (198, 223, "2013-01-06"),
    (224, 250, "2013-07-06"),
    (251, 269, "2014-07-10"),
    (270, 270, "2015-03-26"),
    (271, 271, "2015-12-08"),
]
LICENCE_RE = re.compile(r"Z20(\d{3})(\d{2})00001(\d)")
VALID_UNTIL_RE = re.compile(r"(\d{4}-\d{2}-\d{2})(?:（过渡期至(\d{4}-\d{2}-\d{2})）)?")
MERGE_TARGET_RE = re.compile(r"merged into (Z20\d{11})")
NOTE_MARK = "| note:"


def luhn_check_digit(first13: str) -> int:
    """Luhn (mod 10) over the first 13 characters, `Z` counted as 35 (sources/README.md)."""
    values = [35 if ch == "Z" else int(ch) for ch in first13]
    total = 0
    # The rightmost payload character is doubled, as in standard Luhn.
    for i, value in enumerate(reversed(values)):
        if i % 2 == 0:
            value *= 2
        total += sum(int(d) for d in str(value))
    return (10 - total % 10) % 10


def is_iso_date(text: str) -> bool:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return False
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def is_acquiring(business_types: str) -> bool:
    return any(t.startswith(ACQUIRING_TYPES) for t in business_types.split("|"))


def split_source(source: str) -> tuple[str, str]:
    """Splits `refs | note: text` into (refs, note)."""
    refs, sep, note = source.partition(NOTE_MARK)
    return refs.strip(), note.strip() if sep else ""


def validate(rows: list[dict[str, str]], header: list[str]) -> list[str]:
    problems: list[str] = []
    missing = [c for c in SOURCE_COLUMNS if c not in header]
    if missing:
        return [f"header: missing column(s) {', '.join(missing)}"]
    if not rows:
        problems.append("no rows")
    seen: dict[int, int] = {}
    for row in rows:
        line = row["_line"]

        def bad(msg: str) -> None:
            problems.append(f"line {line}: {msg}")

        for col in ("name", "licence_no", "business_types", "coverage", "first_issued", "status", "source"):
            if not row[col].strip():
                bad(f"{col} is empty")
        number = row["licence_no"]
        match = LICENCE_RE.fullmatch(number)
        if not match:
            bad(f"licence_no {number!r} is not Z20 + 3-digit serial + 2-digit province + 00001 + check digit")
        else:
            expected = luhn_check_digit(number[:13])
            if expected != int(number[13]):
                bad(f"licence_no {number}: check digit {number[13]} should be {expected}")
            serial = int(match.group(1))
            if serial in seen:
                bad(f"serial {serial:03d} duplicates line {seen[serial]}")
            seen[serial] = line
            batch = [d for lo, hi, d in ISSUE_BATCHES if lo <= serial <= hi]
            if not 1 <= serial <= len(rows):
                bad(f"serial {serial:03d} outside 001–{len(rows):03d} (one row per serial)")
            elif batch and row["first_issued"] != batch[0]:
                bad(f"first_issued {row['first_issued']} but serial {serial:03d} was issued {batch[0]}")
        if row["first_issued"] and not is_iso_date(row["first_issued"]):
            bad(f"first_issued {row['first_issued']!r} is not an ISO date")
        if row["status_date"] and not is_iso_date(row["status_date"]):
            bad(f"status_date {row['status_date']!r} is not an ISO date")
        until = row["valid_until"]
        if until and until != "长期":
            m = VALID_UNTIL_RE.fullmatch(until)
            if not m or not all(is_iso_date(d) for d in m.groups() if d):
                bad(f"valid_until {until!r} is not empty, 长期, DATE or DATE（过渡期至DATE）")
        if row["status"] not in STATUSES:
            bad(f"status {row['status']!r} is not one of {', '.join(sorted(STATUSES))}")
        refs, note = split_source(row["source"])
        if row["source"].strip() and not refs:
            bad("source has a note but no reference")
        if row["status"] == "merged" and not MERGE_TARGET_RE.search(note):
            bad("status merged but the note names no target (expected 'merged into Z20…')")
    missing_serials = sorted(set(range(1, len(rows) + 1)) - set(seen))
    if missing_serials:
        problems.append("missing serial(s): " + ", ".join(f"{s:03d}" for s in missing_serials))
    return problems


def read_source(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    text = path.read_text(encoding="utf-8-sig")
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = list(reader.fieldnames or [])
    rows = []
    for record in reader:
        if None in record:
            raise SystemExit(f"{path}: line {reader.line_num}: more fields than the header")
        clean = {k: (v if v is not None else "") for k, v in record.items()}
        clean["_line"] = reader.line_num
        rows.append(clean)
    return header, rows


def read_as_of(provenance: Path) -> str:
    """The licence list's as-of date from the table in sources/README.md."""
    match = AS_OF_ROW.search(provenance.read_text(encoding="utf-8"))
    if not match or not is_iso_date(match.group(1)):
        raise SystemExit(f"gen-licences: {provenance}: no `payment-licences.csv` row with an ISO as-of date")
    return match.group(1)


def render(rows: list[dict[str, str]], source_label: str, as_of: str) -> tuple[str, str]:
    out = io.StringIO()
    out.write(
        f"# as_of: {as_of}; source: {source_label} (provenance: sources/README.md); "
        "generated by scripts/gen-licences.py, do not edit\n"
    )
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(SOURCE_COLUMNS + DERIVED_COLUMNS)
    for row in sorted(rows, key=lambda r: r["licence_no"][3:6]):
        number = row["licence_no"]
        _, note = split_source(row["source"])
        target = MERGE_TARGET_RE.search(note)
        writer.writerow(
            [row[c] for c in SOURCE_COLUMNS]
            + [
                number[3:6],
                number[6:8],
                "yes" if is_acquiring(row["business_types"]) else "no",
                target.group(1) if target else "",
                note,
            ]
        )
    csv_text = out.getvalue()
    meta = {
        "as_of": as_of,
        "source": source_label,
        "source_notes": "sources/README.md",
        "rows": len(rows),
        "acquiring": {
            "valid": sum(1 for r in rows if r["status"] == "valid" and is_acquiring(r["business_types"])),
            "listed": sum(
                1 for r in rows if r["status"] in ("valid", "expired_listed") and is_acquiring(r["business_types"])
            ),
            "ever": sum(1 for r in rows if is_acquiring(r["business_types"])),
        },
        "csv_sha256": hashlib.sha256(csv_text.encode("utf-8")).hexdigest(),
        "generated_by": "scripts/gen-licences.py",
    }
    meta_text = json.dumps(meta, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    return csv_text, meta_text


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", nargs="?", default=DEFAULT_SOURCE, help=f"source CSV (default {DEFAULT_SOURCE})")
    parser.add_argument("--check", action="store_true", help="verify the committed output is up to date")
    args = parser.parse_args(argv)

    source = Path(args.source)
    if not source.is_absolute():
        source = (REPO_ROOT / source).resolve()
    if not source.is_file():
        print(f"gen-licences: source file not found: {source}", file=sys.stderr)
        return 1
    header, rows = read_source(source)
    problems = validate(rows, header)
    if problems:
        print(f"gen-licences: {source}: {len(problems)} problem(s):", file=sys.stderr)
        for p in problems:
            print(f"  {p}", file=sys.stderr)
        return 1

    # Label the source by its place in the repository, not the absolute path, so output is
    # machine-independent.
    try:
        label = str(source.relative_to(REPO_ROOT))
    except ValueError:
        label = source.name
    as_of = read_as_of(PROVENANCE)
    csv_text, meta_text = render(rows, label, as_of)
    if args.check:
        stale = [
            str(p.relative_to(REPO_ROOT))
            for p, want in ((OUT_CSV, csv_text), (OUT_META, meta_text))
            if not p.is_file() or p.read_text(encoding="utf-8") != want
        ]
        if stale:
            print(
                "gen-licences --check: out of date: " + ", ".join(stale) + "; run python3 scripts/gen-licences.py",
                file=sys.stderr,
            )
            return 1
        print(f"gen-licences --check: up to date ({len(rows)} licences, as of {as_of})")
        return 0
    OUT_CSV.parent.mkdir(parents=True, exist_ok=True)
    OUT_CSV.write_text(csv_text, encoding="utf-8", newline="")
    OUT_META.write_text(meta_text, encoding="utf-8", newline="")
    print(f"gen-licences: wrote {len(rows)} licences (as of {as_of}) to {OUT_CSV.relative_to(REPO_ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
