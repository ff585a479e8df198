"""`povdash check` and `povdash table` as a user runs them: exit codes, lines, no traceback."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from povdash.cli.main import main
from povdash.data.issues import REGISTRY
from tests.test_validate import ALL_OBS, EXPECTED, LOST

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
VALID = FIXTURES / "data_valid"
INVALID = FIXTURES / "data_invalid"
PYTHON = ROOT / ".venv" / "bin" / "python"


def povdash(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run the CLI with the venv's python (or this one) and capture its output."""
    python = str(PYTHON) if PYTHON.exists() else sys.executable
    return subprocess.run(
        [python, "-m", "povdash.cli", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        timeout=120,
        check=False,
    )


def test_check_clean_data_exits_0_with_counts() -> None:
    result = povdash("check", "--data", str(VALID))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines() == [
        "checked 2 sources: demo-county-2022-01 7 observations, 4 numbers excluded "
        "(4 exclusions); demo-province-2021-06 2 observations, 1 number excluded "
        "(1 exclusion); 0 errors, 0 warnings"
    ]


def test_check_reports_one_line_per_problem_and_exits_1() -> None:
    result = povdash("check", "--data", str(INVALID / "unknown_unit"))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0] == (
        "observations/demo-county-2022-01.yaml:34: observations[3].unit: expected a unit of the "
        "registry as printed (亿元, 万户, 个, %, 人次), got '亿圆'; hint: use a unit of the "
        "registry (as printed: 亿元, 万户, 个, %) [unknown-unit]"
    )
    assert lines[-1].endswith("; 1 errors, 0 warnings")
    assert len(lines) == 2


def test_warnings_alone_exit_0() -> None:
    result = povdash("check", "--data", str(INVALID / "ambiguous_quote"))
    assert result.returncode == 0
    assert result.stdout.splitlines()[-1].endswith("0 errors, 1 warnings")


def test_no_traceback_on_any_defect(capsys: pytest.CaptureFixture[str]) -> None:
    # in-process for speed: main() turns any exception into "internal error" and exit 2
    folders = sorted(p for p in INVALID.iterdir() if p.is_dir())
    assert folders
    for folder in folders:
        for command in ("check", "table"):
            code = main([command, "--data", str(folder)])
            out, err = capsys.readouterr()
            assert code in (0, 1), (folder.name, command, err)
            assert "internal error" not in err and "Traceback" not in out + err, folder.name


@pytest.mark.parametrize(
    "defect",
    ["alias_bomb", "billion_laughs", "non_utf8_gbk", "too_deep", "python_tag", "control_character"],
)
def test_no_traceback_from_the_real_command(defect: str) -> None:
    result = povdash("check", "--data", str(INVALID / defect))
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr


def test_missing_data_folder_is_one_line() -> None:
    result = povdash("check", "--data", str(FIXTURES / "no_such_folder"))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "no such directory" in result.stderr


def test_table_csv_has_every_row() -> None:
    result = povdash("table", "--data", str(VALID))
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 9
    wanted = {
        "source",
        "place",
        "indicator",
        "label_zh",
        "label_en",
        "program",
        "period",
        "kind",
        "value",
        "unit",
        "printed",
        "qualifier",
        "quote",
    }
    assert wanted <= set(rows[0])
    micro = next(r for r in rows if r["obs_id"] == "dc-microcredit")
    # numbers as in the exports' CSV (one writer): no trailing .0 on an integral amount
    assert (micro["value"], micro["unit"], micro["printed"]) == ("590000000", "yuan", "5.9亿元")


def test_table_with_bad_data_prints_valid_rows_and_exits_1() -> None:
    result = povdash("table", "--data", str(INVALID / "value_disagrees_with_quote"))
    assert result.returncode == 1
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 8
    assert "dc-income-2020" not in {r["obs_id"] for r in rows}
    assert "[value-disagrees-with-quote]" in result.stderr


def test_table_json_and_data_from_the_environment() -> None:
    result = povdash("table", "--format", "json", env={"POVDASH_DATA": str(VALID)})
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert len(rows) == 9
    dibao = next(r for r in rows if r["obs_id"] == "dc-dibao")
    assert dibao["qualifier"] == "about"
    assert dibao["value_max"] is None


@pytest.mark.parametrize("command", ["check", "table"])
def test_real_data_runs_without_traceback(command: str) -> None:
    result = povdash(command)
    assert "Traceback" not in result.stdout + result.stderr
    assert result.returncode in (0, 1)


# path[:line]: [field:] message; hint: ... [code] -- one line per problem
LINE = re.compile(r"^(?P<path>[^:]+)(?::(?P<line>\d+))?: .+; hint: .+ \[(?P<code>[a-z0-9-]+)\]$")


def defects() -> list[str]:
    """Every fixture folder under data_invalid (the glob), checked against EXPECTED."""
    found = sorted(p.name for p in INVALID.iterdir() if p.is_dir())
    assert len(found) >= 25
    assert set(found) == set(EXPECTED)
    return found


def expected_line(line: str, path: str, field: str, code: str) -> bool:
    """True when a printed line is the issue (path, field, code)."""
    head = rf"^{re.escape(path)}(?::\d+)?: "
    if field:
        head += rf"{re.escape(field)}: "
    return bool(re.match(head, line)) and line.endswith(f"[{code}]")


@pytest.mark.parametrize("name", defects())
def test_check_prints_each_expected_line(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["check", "--data", str(INVALID / name)])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err and "internal error" not in err
    *lines, summary = out.splitlines()
    assert summary.startswith("checked ")
    assert len(lines) == len(EXPECTED[name])
    for line in lines:
        assert LINE.match(line), line  # every line has the shape and a hint
    for path, field, issue_code in EXPECTED[name]:
        assert any(expected_line(line, path, field, issue_code) for line in lines), (
            path,
            field,
            issue_code,
            lines,
        )
    errors = any(REGISTRY[c].severity == "error" for _, _, c in EXPECTED[name])
    assert code == (1 if errors else 0)


@pytest.mark.parametrize(
    "name",
    ["unknown_place", "billion_laughs", "non_utf8_gbk", "text_path_etc_passwd", "only_comments"],
)
def test_table_keeps_valid_rows_and_reports_on_stderr(name: str) -> None:
    result = povdash("table", "--data", str(INVALID / name))
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert {r["obs_id"] for r in rows} == ALL_OBS - LOST.get(name, frozenset())
    assert all(f"[{code}]" in result.stderr for _, _, code in EXPECTED[name])
    assert result.stderr.splitlines()[-1].endswith("errors, 0 warnings")


def test_unknown_key_line_says_did_you_mean(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--data", str(INVALID / "unknown_key")]) == 1
    line = capsys.readouterr().out.splitlines()[0]
    assert line.startswith("observations/demo-county-2022-01.yaml:18: observations[1].qualifer: ")
    assert "; hint: did you mean 'qualifier'? [unknown-key]" in line


def test_accepted_bom_crlf_checks_clean() -> None:
    result = povdash("check", "--data", str(INVALID / "accepted_bom_crlf"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.endswith("0 errors, 0 warnings\n")


FORMULAS = {"notes": "=cmd|' /C calc'!A0", "scope_en": "+SUM(A1:A9)", "scope_zh": "@全县"}


def test_table_csv_leaves_no_formula_live(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(VALID, data)
    county = data / "observations" / "demo-county-2022-01.yaml"
    text = county.read_text(encoding="utf-8")
    planted = (
        "    quote: 2021年达到12496元\n"
        f"    notes: {json.dumps(FORMULAS['notes'])}\n"
        f"    scope: {{zh: {json.dumps(FORMULAS['scope_zh'], ensure_ascii=False)}, "
        f"en: {json.dumps(FORMULAS['scope_en'])}}}\n"
    )
    county.write_text(text.replace("    quote: 2021年达到12496元\n", planted), encoding="utf-8")
    result = povdash("table", "--data", str(data))
    assert result.returncode == 0, result.stderr
    row = next(
        r for r in csv.DictReader(io.StringIO(result.stdout)) if r["obs_id"] == "dc-income-2021"
    )
    assert {key: row[key] for key in FORMULAS} == {k: "'" + v for k, v in FORMULAS.items()}
    assert row["value"] == "12496" and row["printed"] == "12496元"
