"""The README documents every issue code and every command the CLI offers."""

from __future__ import annotations

from pathlib import Path

from povdash.cli.main import build_parser
from povdash.data.issues import CODES

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def test_every_issue_code_is_in_the_readme() -> None:
    assert CODES, "the code registry is empty"
    missing = [c.code for c in CODES if f"| `{c.code}` | {c.severity} |" not in README]
    assert not missing, f"README 'When something is wrong' lacks: {missing}"


def test_every_subcommand_is_in_the_readme() -> None:
    parser = build_parser()
    commands = next(a for a in parser._actions if a.dest == "command").choices
    assert set(commands) >= {"check", "table", "propose", "export", "draft"}
    missing = [name for name in commands if f"povdash {name}" not in README]
    assert not missing, missing


def test_readme_images_exist() -> None:
    root = Path(__file__).resolve().parent.parent
    images = [part for line in README.splitlines() for part in line.split("![")[1:]]
    paths = [chunk.split("](", 1)[1].split(")", 1)[0] for chunk in images]
    assert len(paths) >= 3
    assert all((root / p).is_file() for p in paths), paths
