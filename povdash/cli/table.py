"""`povdash table [--data DIR] [--format csv|json]`: the tidy table of valid rows on stdout."""

from __future__ import annotations

import argparse
import json
import sys

from povdash.cli.main import existing_data_dir
from povdash.data.dataset import load_dataset
from povdash.data.issues import counts
from povdash.report.csvfile import csv_text


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    """Register the subcommand."""
    parser = subparsers.add_parser(
        "table",
        help="print the normalised table, one row per valid observation",
        description=__doc__,
    )
    parser.add_argument(
        "--data", metavar="DIR", help="data folder (default: $POVDASH_DATA or data/)"
    )
    parser.add_argument("--format", choices=("csv", "json"), default="csv", help="output format")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Print every valid row; problems go to stderr and make the exit status 1."""
    root = existing_data_dir("table", args.data)
    if root is None:
        return 1
    dataset = load_dataset(root)
    if args.format == "json":
        records = dataset.table.astype(object).where(dataset.table.notna(), None)
        json.dump(records.to_dict(orient="records"), sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        # every column of the tidy table, through the writer of the exports (formulas inert)
        sys.stdout.write(csv_text(dataset.table, columns=None, newline="\n"))
    sys.stdout.flush()
    errors, warnings = counts(dataset.issues)
    for issue in dataset.issues:
        print(issue.format(), file=sys.stderr)
    if dataset.issues:
        print(f"{len(dataset.table)} rows; {errors} errors, {warnings} warnings", file=sys.stderr)
    return 1 if errors else 0
