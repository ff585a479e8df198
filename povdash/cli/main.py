"""The `povdash` command line: dispatches to one module per subcommand, never shows a traceback."""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from pathlib import Path

# Subcommand modules under povdash.cli; each exposes add_parser(subparsers) and run(args).
COMMANDS: tuple[str, ...] = ("check", "table", "propose", "export", "draft")
DEFAULT_DATA = Path(__file__).resolve().parents[2] / "data"


def data_dir(cli_value: str | None) -> Path:
    """Resolve the data folder: --data, then POVDASH_DATA, then the repository's data/."""
    if cli_value:
        return Path(cli_value)
    env = os.environ.get("POVDASH_DATA")
    return Path(env) if env else DEFAULT_DATA


def existing_data_dir(command: str, cli_value: str | None) -> Path | None:
    """The data folder for a command, or None after telling the user why it cannot be used."""
    root = data_dir(cli_value)
    if root.is_dir():
        return root
    what = "a file, not a folder" if root.exists() else "no such directory"
    print(
        f"povdash {command}: expected a data folder, got {root} ({what}); "
        "hint: pass --data DIR or set POVDASH_DATA",
        file=sys.stderr,
    )
    return None


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand module that is present."""
    parser = argparse.ArgumentParser(prog="povdash", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMANDS:
        try:
            module = importlib.import_module(f"povdash.cli.{name}")
        except ModuleNotFoundError as err:
            if err.name != f"povdash.cli.{name}":
                raise
            continue
        module.add_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run one subcommand; unexpected failures become one plain line on stderr and exit 2."""
    args = build_parser().parse_args(argv)
    try:
        return int(args.run(args))
    except KeyboardInterrupt:  # Ctrl-C: say so, and exit as shells expect (128 + SIGINT)
        print(f"povdash {args.command}: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # `povdash table | head` closes stdout early; that is not an error.
        sys.stderr.close()
        return 0
    except Exception as err:  # the user must never see a traceback
        print(
            f"povdash {args.command}: internal error: {type(err).__name__}: {err}", file=sys.stderr
        )
        print(
            "hint: rerun with PYTHONDEVMODE=1 and report it with the command line", file=sys.stderr
        )
        return 2
