"""`povdash export`: report-ready figures (or their data) of compared indicators, sources.csv."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from povdash.analysis.normalise import BASES
from povdash.cli.main import existing_data_dir
from povdash.render.labels import LANGS
from povdash.report.formats import FORMATS, SIZES


def _ids(values: list[str] | None) -> tuple[str, ...]:
    """Ids from repeated options or comma lists (--place baicheng,liuhe --place taonan)."""
    out: list[str] = []
    for value in values or []:
        for item in value.split(","):
            item = item.strip()
            if item and item not in out:
                out.append(item)
    return tuple(out)


def _out_dir(value: str) -> Path | None:
    """The --out folder, or None after saying why it cannot be one: an empty path (which would
    silently mean the current folder) or a file where a folder of the path should be."""
    if not value.strip():
        print(
            "povdash export: expected a folder for --out, got an empty path; "
            "hint: name the folder to write into, e.g. --out exports",
            file=sys.stderr,
        )
        return None
    path = Path(value)
    for part in (path, *path.parents):
        if part.exists():  # the nearest part that exists must be a folder
            if part.is_dir():
                break
            print(
                f"povdash export: expected a folder for --out, got a file at {part}; "
                "hint: choose a folder (it is created if needed)",
                file=sys.stderr,
            )
            return None
    return path


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    """Register `povdash export` and its options."""
    parser = subparsers.add_parser(
        "export",
        help="write report-ready figures of compared indicators, plus sources.csv",
        description=(
            "Write one file per compared indicator and normalisation "
            "(compare-<indicator>-<basis>-<lang>-<size>.<format>; CSV: compare-<indicator>-"
            "<basis>.csv) and sources.csv, every figure used with its quote."
        ),
    )
    parser.add_argument("--data", help="data folder (default: $POVDASH_DATA or data/)")
    parser.add_argument("--place", action="append", help="place id; repeat or comma-separate")
    parser.add_argument("--program", action="append", help="program id (e.g. LC-HOUSE)")
    parser.add_argument("--indicator", action="append", help="indicator id")
    parser.add_argument(
        "--normalise",
        action="append",
        metavar="BASIS",
        help=f"one of {', '.join(BASES)}; repeat for several (default: absolute)",
    )
    parser.add_argument("--format", choices=FORMATS, default="png", dest="fmt")
    parser.add_argument("--size", choices=SIZES, default="slide")
    parser.add_argument("--lang", choices=LANGS, default="zh")
    parser.add_argument("--out", required=True, help="folder to write into (created if needed)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Export the set; 0 when files were written, 1 with a one-line reason otherwise."""
    from povdash.data.dataset import load_dataset
    from povdash.render.fonts import FontNotFound, self_check
    from povdash.report.export import ExportError, ExportRequest, export_set

    out = _out_dir(args.out)
    if out is None:
        return 1
    root = existing_data_dir("export", args.data)
    if root is None:
        return 1
    request = ExportRequest(
        places=_ids(args.place),
        programs=_ids(args.program),
        indicators=_ids(args.indicator),
        bases=_ids(args.normalise) or ("absolute",),
        fmt=args.fmt,
        size=args.size,
        lang=args.lang,
        made_on=date.today(),
    )
    try:
        if request.fmt != "csv":
            self_check()
        dataset = load_dataset(root)
        result = export_set(dataset, request, out)
    except KeyboardInterrupt:
        print(f"povdash export: interrupted; files written so far stay in {out}", file=sys.stderr)
        return 130
    except (ExportError, FontNotFound) as err:
        print(f"povdash export: {err}", file=sys.stderr)
        return 1
    except OSError as err:
        print(f"povdash export: cannot write to {args.out}: {err.strerror}", file=sys.stderr)
        return 1
    for note in result.skipped:
        print(f"povdash export: skipped {note}", file=sys.stderr)
    for path in result.written:
        print(path)
    if dataset.issues:
        print(
            f"povdash export: {len(dataset.issues)} data problems left some figures out; "
            "run `povdash check` to see them",
            file=sys.stderr,
        )
    return 0
