"""`povdash draft TEXT --source ID ...`: store a new report and draft every number of it as an
observation or an exclusion, with suggestions to confirm; a second run adds only what is new."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from povdash.cli.main import existing_data_dir
from povdash.curation.draft import Catalogue, SourceInfo, draft
from povdash.curation.draftfile import DraftError, write_draft
from povdash.data.load import read_catalogue
from povdash.data.periods import parse_point

SOURCE_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
TEXT_LIMIT = 5 * 1024 * 1024  # as a data file: hand-curated reports stay far below it


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    """Register the subcommand."""
    parser = subparsers.add_parser(
        "draft",
        help="store a new report and draft its observations (README: Adding a new source)",
        description=__doc__,
    )
    parser.add_argument("text", metavar="TEXT", help="the report as a UTF-8 text file")
    parser.add_argument("--source", required=True, metavar="ID", help="the new source's id")
    parser.add_argument("--place", required=True, metavar="PLACE", help="the report's place id")
    parser.add_argument(
        "--published", required=True, metavar="DATE", help="YYYY, YYYY-MM or YYYY-MM-DD"
    )
    parser.add_argument("--title", default="", help="title (default: the text's first heading)")
    parser.add_argument("--publisher", default="", help="publisher, as printed")
    parser.add_argument(
        "--data", metavar="DIR", help="data folder (default: $POVDASH_DATA or data/)"
    )
    parser.set_defaults(run=run)


def _fail(message: str) -> int:
    print(f"povdash draft: {message}", file=sys.stderr)
    return 1


def run(args: argparse.Namespace) -> int:
    """Draft the report into the data folder and say what was added; exit 1 on bad input."""
    root = existing_data_dir("draft", args.data)
    if root is None:
        return 1
    if not SOURCE_ID.fullmatch(args.source):
        return _fail(f"--source: expected a lowercase id like qingxi-2023-01, got {args.source!r}")
    try:
        parse_point(args.published)
    except ValueError as err:
        return _fail(f"--published: expected YYYY, YYYY-MM or YYYY-MM-DD, got {err}")
    path = Path(args.text)
    if not path.is_file():
        return _fail(f"{path}: expected a text file, got no such file")
    if path.stat().st_size > TEXT_LIMIT:
        return _fail(f"{path}: expected at most 5 MB of text, got {path.stat().st_size} bytes")
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        return _fail(f"{path}: expected UTF-8 text; hint: iconv -f GBK -t UTF-8 {path}")
    cat = read_catalogue(root)
    if args.place not in cat.places:
        return _fail(
            f"--place: expected a place id of places.yaml, got {args.place!r}; "
            "hint: add the place to places.yaml first"
        )
    info = SourceInfo(args.source, args.published, args.place, args.title, args.publisher)
    drafted = draft(text, info, Catalogue(cat.places, cat.programs, cat.indicators))
    try:
        written = write_draft(root, text, drafted)
    except DraftError as err:
        return _fail(str(err))
    confirm = sum(bool(d.to_confirm) for d in [*drafted.observations, *drafted.exclusions])
    if not written.added:
        print(f"nothing new: every number of {path} is already in the data folder")
    for rel, items in written.added.items():
        print(f"{rel}: added {len(items)}")
        for item in items[:200]:
            print(f"  + {item}")
    print(
        f"drafted {len(drafted.observations)} observations and {len(drafted.exclusions)} "
        f"exclusions; {confirm} wait for a person (`confirm:`); kept {written.kept} entries as "
        "they were; next: povdash check, or the Curate page"
    )
    return 0
