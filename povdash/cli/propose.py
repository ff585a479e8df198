"""`povdash propose FILE|-`: candidate quantities of a source text, as JSON Lines or draft YAML."""

from __future__ import annotations

import argparse
import json
import os
import stat
import sys
from decimal import Decimal

from extract import Candidate
from extract.propose import candidates
from povdash.data.yamlio import MAX_BYTES

_YAML_PLAIN_SAFE = set("0123456789.-")


def _num(value: Decimal | None) -> int | float | str | None:
    """A JSON number that round-trips exactly; a string when a float would not."""
    if value is None:
        return None
    if value == value.to_integral_value():
        return int(value)
    as_float = float(value)
    return as_float if Decimal(repr(as_float)) == value else str(value)


def as_json(c: Candidate) -> str:
    """One JSON Lines record of a candidate."""
    q = c.quantity
    record = {
        "text": q.text,
        "start": q.start,
        "end": q.end,
        "number": _num(q.number),
        "unit_text": q.unit_text,
        "value": _num(q.value),
        "unit": q.unit,
        "qualifier": q.qualifier,
        "value_max": _num(q.value_max),
        "denominator": _num(q.denominator),
        "sentence": c.sentence,
        "label": c.label,
        "period_hint": c.period_hint,
    }
    return json.dumps(record, ensure_ascii=False)


def _quoted(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def as_yaml(c: Candidate, index: int) -> str:
    """A draft observation in the schema of README.md, placeholders where curation decides."""
    q = c.quantity
    quote = c.clause.strip() or c.sentence.strip()
    lines = [
        f"  - id: TODO-{index:03d}  # {q.text!r} at {q.start}..{q.end}, label {c.label!r}",
        "    indicator: TODO",
        "    place: TODO",
        "    period: TODO",
        f"    value: {q.number}",
        f"    unit: {_quoted(q.unit_text)}",
        f"    qualifier: {q.qualifier}",
    ]
    if q.number_max is not None:
        lines.append(f"    value_max: {q.number_max}")
    lines.append(f"    quote: {_quoted(quote)}")
    return "\n".join(lines)


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    """Register `propose` on the povdash command line."""
    parser = subparsers.add_parser(
        "propose",
        help="candidate quantities of a source text (JSON Lines, or draft YAML with --yaml)",
        description=__doc__,
    )
    parser.add_argument("file", metavar="FILE", help="a UTF-8 text file, or - for stdin")
    parser.add_argument(
        "--yaml", action="store_true", help="print draft observations to paste into data/"
    )
    parser.set_defaults(run=run)


def _read(name: str) -> str:
    """The decoded text of FILE or stdin, at most MAX_BYTES (the data files' limit) read;
    ValueError or OSError with a plain message."""
    where = "stdin" if name == "-" else name
    if name == "-":
        raw = sys.stdin.buffer.read(MAX_BYTES + 1)
    else:
        try:
            with open(name, "rb") as handle:
                info = os.fstat(handle.fileno())
                if stat.S_ISREG(info.st_mode) and info.st_size > MAX_BYTES:
                    raise ValueError(_too_large(where, f"{info.st_size:,}"))  # decided unread
                raw = handle.read(MAX_BYTES + 1)  # a device or a pipe has no size: read up to it
        except IsADirectoryError:
            raise ValueError(f"{where}: expected a text file, got a folder") from None
    if len(raw) > MAX_BYTES:
        raise ValueError(_too_large(where, "more"))
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise ValueError(f"{where} is not UTF-8 (byte {err.start}): convert it first") from None


def _too_large(where: str, got: str) -> str:
    return (
        f"{where}: expected at most {MAX_BYTES:,} bytes, got {got}; hint: split the text into parts"
    )


def run(args: argparse.Namespace) -> int:
    """Print the candidates of one text; exit 1 with one line on stderr if it cannot be read."""
    try:
        text = _read(args.file)
    except (OSError, ValueError) as err:
        message = f"{args.file}: {err.strerror or err}" if isinstance(err, OSError) else str(err)
        print(f"povdash propose: {message}", file=sys.stderr)
        return 1
    if args.yaml:
        print("observations:")
        for index, c in enumerate(candidates(text), start=1):
            print(as_yaml(c, index))
    else:
        for c in candidates(text):
            print(as_json(c))
    return 0
