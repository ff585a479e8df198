"""`povdash check [--data DIR]`: validate a data folder, one line per problem, then a summary."""

from __future__ import annotations

import argparse

from povdash.cli.main import existing_data_dir
from povdash.data.curation import Curation, curation_counts
from povdash.data.dataset import Dataset, load_dataset
from povdash.data.issues import counts


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    """Register the subcommand."""
    parser = subparsers.add_parser(
        "check",
        help="validate the data folder (exit 0 clean, 1 with errors)",
        description=__doc__,
    )
    parser.add_argument(
        "--data", metavar="DIR", help="data folder (default: $POVDASH_DATA or data/)"
    )
    parser.set_defaults(run=run)


def summary(dataset: Dataset) -> str:
    """`checked 2 sources: a 58 observations, 86 numbers excluded (72 exclusions); b ...;
    0 errors, 0 warnings`, from the counts the Sources page shows."""
    errors, warnings = counts(dataset.issues)
    parts = [f"{sid} {_source_part(c)}" for sid, c in curation_counts(dataset).items()]
    listed = ": " + "; ".join(parts) if parts else ""
    noun = "source" if len(parts) == 1 else "sources"
    return f"checked {len(parts)} {noun}{listed}; {errors} errors, {warnings} warnings"


def _source_part(c: Curation) -> str:
    """One source's counts: valid observations (and those left out), numbers excluded."""
    left_out = f" ({c.invalid} more left out for errors)" if c.invalid else ""
    return (
        f"{_n(c.figures, 'observation')}{left_out}, "
        f"{_n(c.excluded_numbers, 'number')} excluded ({_n(c.exclusions, 'exclusion')})"
    )


def _n(count: int, noun: str) -> str:
    """'1 exclusion', '2 exclusions'."""
    return f"{count} {noun}{'' if count == 1 else 's'}"


def run(args: argparse.Namespace) -> int:
    """Print every issue and the summary; exit 1 when any issue is an error."""
    root = existing_data_dir("check", args.data)
    if root is None:
        return 1
    dataset = load_dataset(root)
    for issue in dataset.issues:
        print(issue.format())
    print(summary(dataset))
    return 0 if dataset.ok else 1
