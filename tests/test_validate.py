"""Each defect folder under tests/fixtures/data_invalid produces exactly its (file, field, code)."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import extract
from povdash.data.dataset import load_dataset
from povdash.data.issues import REGISTRY
from povdash.data.validate import TextIndex, find_quantities, text_quantities

FIXTURES = Path(__file__).resolve().parent / "fixtures"
VALID = FIXTURES / "data_valid"
INVALID = FIXTURES / "data_invalid"
COUNTY = "observations/demo-county-2022-01.yaml"
PROVINCE = "observations/demo-province-2021-06.yaml"

# defect folder -> every (file, field, code) its check reports; nothing more, nothing less.
EXPECTED: dict[str, set[tuple[str, str, str]]] = {
    # not a defect: a BOM and CRLF line endings in every YAML file and one text are accepted
    "accepted_bom_crlf": set(),
    "alias_bomb": {("programs.yaml", "", "yaml-alias")},
    "ambiguous_quote": {(COUNTY, "observations[4].quote", "ambiguous-quote")},
    "bad_choice": {("places.yaml", "places[1].level", "bad-choice")},
    "invisible_character_in_label": {
        ("indicators.yaml", "indicators[2].label.en", "invisible-character")
    },
    "to_confirm": {(COUNTY, "observations[1].confirm", "to-confirm")},
    "bad_correction": {(COUNTY, "observations[3].correction", "bad-correction")},
    "bad_cross_check": {(COUNTY, "checks[0].stated", "bad-cross-check")},
    "bad_id": {(COUNTY, "observations[6].id", "bad-id")},
    "bad_period_month_13": {(COUNTY, "observations[5].period", "bad-period")},
    "bad_period_reversed_range": {(PROVINCE, "observations[0].period", "bad-period")},
    "bad_published_date": {("sources.yaml", "sources[0].published", "bad-period")},
    "bad_range": {(COUNTY, "observations[6].value_max", "bad-range")},
    "billion_laughs": {("programs.yaml", "", "yaml-alias")},
    "control_character": {("places.yaml", "", "yaml-syntax")},
    "comma_split_value": {("programs.yaml", "groups[1].programs[0].name.兜底保障", "unknown-key")},
    "correction_unknown_unit": {(COUNTY, "observations[3].correction", "unknown-unit")},
    "denominator_disagrees_with_quote": {
        ("places.yaml", "places[1].denominators[0].value", "denominator-disagrees-with-quote")
    },
    "denominator_quote_not_in_source": {
        ("places.yaml", "places[1].denominators[2].quote", "quote-not-in-source")
    },
    "dimension_unit_mismatch": {
        ("indicators.yaml", "indicators[5].unit", "dimension-unit-mismatch")
    },
    "duplicate_id_across_files": {(PROVINCE, "observations[1].id", "duplicate-id")},
    "duplicate_id_within_file": {(COUNTY, "observations[5].id", "duplicate-id")},
    "duplicate_key": {(COUNTY, "observations[2].value", "duplicate-key")},
    "empty_file": {("indicators.yaml", "", "empty-file")},
    "exclusion_not_located": {(COUNTY, "exclusions[1].text", "exclusion-not-located")},
    "failed_cross_check": {(COUNTY, "checks[0].stated", "failed-cross-check")},
    "file_missing": {("indicators.yaml", "", "file-missing")},
    "file_name_mismatch": {("observations/demo-province.yaml", "source", "file-name-mismatch")},
    "file_unreadable": {("indicators.yaml", "", "file-unreadable")},
    "indicator_unit_mismatch": {(COUNTY, "observations[6].indicator", "indicator-unit-mismatch")},
    "missing_field": {(COUNTY, "observations[6].unit", "missing-field")},
    "missing_observations": {("sources.yaml", "sources[1]", "missing-observations")},
    "multiple_documents": {(PROVINCE, "", "multiple-documents")},
    "negative_count": {(COUNTY, "observations[5].value", "negative-value")},
    "non_utf8_gbk": {("places.yaml", "", "not-utf8")},
    "only_comments": {("indicators.yaml", "", "empty-file")},
    "place_not_in_source": {(PROVINCE, "observations[1].place", "place-not-in-source")},
    "python_tag": {("indicators.yaml", "", "unknown-tag")},
    "python_tag_on_mapping": {("places.yaml", "", "unknown-tag")},
    "qualifier_disagrees_with_quote": {
        (COUNTY, "observations[6].qualifier", "qualifier-disagrees-with-quote")
    },
    # the quote no longer locates the figure, so the figure is also reported as uncovered
    "quote_not_in_source": {
        (COUNTY, "observations[6].quote", "quote-not-in-source"),
        ("texts/demo-county-2022-01.txt", "text[117:123]", "uncovered-quantity"),
    },
    "sha256_mismatch": {("sources.yaml", "sources[0].sha256", "sha256-mismatch")},
    "tab_indentation": {("places.yaml", "", "tab-indentation")},
    "text_missing": {("sources.yaml", "sources[1].text", "text-missing")},
    "text_not_utf8": {("texts/demo-province-2021-06.txt", "text", "not-utf8")},
    "text_path_absolute": {("sources.yaml", "sources[1].text", "text-path-escapes")},
    "text_path_escapes": {("sources.yaml", "sources[1].text", "text-path-escapes")},
    "text_path_etc_passwd": {("sources.yaml", "sources[1].text", "text-path-escapes")},
    "too_deep": {("places.yaml", "", "too-deep")},
    "uncovered_number": {("texts/demo-county-2022-01.txt", "text[11:12]", "uncovered-number")},
    "uncovered_quantity": {
        ("texts/demo-province-2021-06.txt", "text[28:33]", "uncovered-quantity")
    },
    "unit_disagrees_with_quote": {(PROVINCE, "observations[1].unit", "unit-disagrees-with-quote")},
    "unknown_framework": {
        ("programs.yaml", "groups[1].programs[0].framework", "unknown-framework")
    },
    "unknown_indicator": {(COUNTY, "observations[2].indicator", "unknown-indicator")},
    "unknown_key": {(COUNTY, "observations[1].qualifer", "unknown-key")},
    "unknown_operand": {(COUNTY, "checks[0].from", "unknown-operand")},
    "unknown_parent": {("places.yaml", "places[1].parent", "unknown-place")},
    "unknown_place": {(COUNTY, "observations[0].place", "unknown-place")},
    "unknown_program": {("indicators.yaml", "indicators[5].program", "unknown-program")},
    "unknown_section": {(COUNTY, "observations[6].section", "unknown-section")},
    "unknown_source": {(PROVINCE, "source", "unknown-source")},
    "unknown_tag_include": {("places.yaml", "", "unknown-tag")},
    "unknown_unit": {(COUNTY, "observations[3].unit", "unknown-unit")},
    "value_disagrees_with_quote": {(COUNTY, "observations[0].value", "value-disagrees-with-quote")},
    "wrong_type_list_for_mapping": {("places.yaml", "places[0].name", "wrong-type")},
    "wrong_type_number_for_string": {("places.yaml", "places[1].code", "wrong-type")},
    "wrong_type_string_for_number": {(COUNTY, "observations[0].value", "wrong-type")},
    "yaml_syntax_error": {(PROVINCE, "", "yaml-syntax")},
}
COUNTY_OBS = frozenset(
    {
        "dc-income-2020",
        "dc-income-2021",
        "dc-income-growth",
        "dc-microcredit",
        "dc-microcredit-households",
        "dc-villages",
        "dc-dibao",
    }
)
PROVINCE_OBS = frozenset({"dp-pv-projects", "dp-households"})
ALL_OBS = COUNTY_OBS | PROVINCE_OBS
# defect folder -> the observations of data_valid it leaves out of the table; every other one
# must still be there. Defects not listed here lose nothing.
# - a catalogue file that cannot be read at all (places, programs or indicators): every row
#   needs its place and indicator, so none can be built; the file's one issue says why.
# - a place or source entry that is left out: the rows that point at it.
# - a broken observations file or source text: that source's rows.
# - a broken observation: that row alone.
LOST: dict[str, frozenset[str]] = {
    **{
        name: ALL_OBS
        for name in (
            "control_character",
            "empty_file",
            "file_missing",
            "file_unreadable",
            "non_utf8_gbk",
            "only_comments",
            "python_tag",
            "python_tag_on_mapping",
            "tab_indentation",
            "too_deep",
            "unknown_tag_include",
        )
    },
    # the county's place entry (level) or its source entry (published) is left out
    "bad_choice": COUNTY_OBS,
    "bad_published_date": COUNTY_OBS,
    # the province's place entry (name) or its file, text or source is unusable
    **{
        name: PROVINCE_OBS
        for name in (
            "wrong_type_list_for_mapping",
            "missing_observations",
            "multiple_documents",
            "text_missing",
            "text_not_utf8",
            "text_path_absolute",
            "text_path_escapes",
            "text_path_etc_passwd",
            "unknown_source",
            "yaml_syntax_error",
        )
    },
    "bad_correction": frozenset({"dc-microcredit"}),
    "correction_unknown_unit": frozenset({"dc-microcredit"}),
    "unknown_unit": frozenset({"dc-microcredit"}),
    "bad_id": frozenset({"dc-dibao"}),
    "bad_range": frozenset({"dc-dibao"}),
    "dimension_unit_mismatch": frozenset({"dc-dibao"}),
    "indicator_unit_mismatch": frozenset({"dc-dibao"}),
    "missing_field": frozenset({"dc-dibao"}),
    "qualifier_disagrees_with_quote": frozenset({"dc-dibao"}),
    "quote_not_in_source": frozenset({"dc-dibao"}),
    "unknown_section": frozenset({"dc-dibao"}),
    "bad_period_month_13": frozenset({"dc-villages"}),
    "duplicate_id_within_file": frozenset({"dc-villages"}),
    "negative_count": frozenset({"dc-villages"}),
    "bad_period_reversed_range": frozenset({"dp-pv-projects"}),
    "duplicate_id_across_files": frozenset({"dp-households"}),
    "uncovered_quantity": frozenset({"dp-households"}),
    "unit_disagrees_with_quote": frozenset({"dp-households"}),
    "unknown_indicator": frozenset({"dc-income-growth"}),
    "unknown_key": frozenset({"dc-income-2021"}),
    "unknown_place": frozenset({"dc-income-2020"}),
    "value_disagrees_with_quote": frozenset({"dc-income-2020"}),
    "wrong_type_string_for_number": frozenset({"dc-income-2020"}),
}
# codes that need a file system state git cannot hold, or a failing extract: tested below
TESTED_ELSEWHERE = {"file-too-large", "extract-failed"}


def defect_folders() -> list[Path]:
    """Every defect folder (a folder per defect, generated by make_fixtures.py)."""
    return sorted(p for p in INVALID.iterdir() if p.is_dir())


def triples(root: Path) -> set[tuple[str, str, str]]:
    """The (file, field, code) of every issue the data folder has."""
    return {(i.path, i.field, i.code) for i in load_dataset(root).issues}


def test_valid_tree_is_clean() -> None:
    dataset = load_dataset(VALID)
    assert dataset.issues == []
    assert len(dataset.table) == 9


def test_every_defect_folder_is_in_the_table() -> None:
    found = {p.name for p in defect_folders()}
    assert len(found) >= 25
    assert found == set(EXPECTED)
    assert set(LOST) <= found


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_defect_keeps_every_valid_observation(name: str) -> None:
    table = load_dataset(INVALID / name).table
    kept = set(table["obs_id"]) if len(table) else set()
    assert kept == ALL_OBS - LOST.get(name, frozenset())


def test_bom_and_crlf_fixture_really_has_them() -> None:
    # if git ever normalised the bytes, the accepted case would silently test nothing
    root = INVALID / "accepted_bom_crlf"
    files = [*root.rglob("*.yaml"), root / "texts/demo-county-2022-01.txt"]
    assert len(files) == 7
    for path in files:
        data = path.read_bytes()
        assert data.startswith(b"\xef\xbb\xbf"), path
        assert data.count(b"\r\n") == data.count(b"\n") > 0, path


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_defect_reports_exactly_its_issue(name: str) -> None:
    assert triples(INVALID / name) == EXPECTED[name]


def test_every_registered_code_has_a_fixture() -> None:
    used = {code for expected in EXPECTED.values() for _, _, code in expected}
    assert used <= set(REGISTRY)
    assert set(REGISTRY) - used == TESTED_ELSEWHERE


def test_defects_leave_the_other_rows_in_the_table() -> None:
    full = len(load_dataset(VALID).table)
    for name in ("value_disagrees_with_quote", "unknown_place", "negative_count", "unknown_key"):
        assert len(load_dataset(INVALID / name).table) == full - 1, name


def test_symlink_out_of_the_data_folder_is_refused(tmp_path: Path) -> None:
    root = tmp_path / "data"
    shutil.copytree(VALID, root)
    outside = tmp_path / "outside.txt"
    target = root / "texts" / "demo-province-2021-06.txt"
    outside.write_bytes(target.read_bytes())
    target.unlink()
    target.symlink_to(outside)
    assert triples(root) == {("sources.yaml", "sources[1].text", "text-path-escapes")}


def test_extract_failure_is_an_issue(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(text: str) -> list[extract.Quantity]:
        raise RuntimeError("boom")

    monkeypatch.setattr(extract, "find_quantities", broken)
    monkeypatch.setenv("POVDASH_CACHE", "0")  # the on-disk cache would answer for extract
    find_quantities.cache_clear()
    text_quantities.cache_clear()
    found = triples(VALID)
    assert ("texts/demo-county-2022-01.txt", "text", "extract-failed") in found


def test_failed_check_is_a_row_with_ok_false() -> None:
    checks = load_dataset(INVALID / "failed_cross_check").checks
    assert checks["ok"].tolist() == [False]
    assert "-21.47%" in checks["detail"].iloc[0]


def test_line_breaks_inside_a_quote_are_tolerated() -> None:
    table = load_dataset(VALID).table.set_index("obs_id")
    row = table.loc["dc-villages"]
    text = (VALID / "texts/demo-county-2022-01.txt").read_text(encoding="utf-8")
    assert "\n" in text[row["quote_start"] : row["quote_end"]]
    assert row["printed"] == "35个"


@given(st.text(alphabet="ab1\n\r", max_size=40), st.sampled_from(["a", "ab", "a1", "b\nb"]))
def test_quotes_are_found_across_line_breaks(text: str, quote: str) -> None:
    index = TextIndex.build(text, [])
    offsets = [i for i, ch in enumerate(text) if ch not in "\r\n"]  # the naive map
    assert [index.to_text(p) for p in range(len(offsets))] == offsets
    assert [index.to_flat(t) for t in offsets] == list(range(len(offsets)))
    flat, needle = "".join(text[i] for i in offsets), quote.replace("\n", "")
    starts = [p for p in range(len(flat)) if flat.startswith(needle, p)]
    expected = [(offsets[p], offsets[p + len(needle) - 1] + 1) for p in starts]
    assert index.find(quote) == expected


def test_dates_need_no_exclusion(tmp_path: Path) -> None:
    """A year or date of the text is never an uncovered number, excluded or not."""
    root = tmp_path / "data"
    shutil.copytree(VALID, root)
    path = root / "observations" / "demo-county-2022-01.yaml"
    text = path.read_text(encoding="utf-8")
    for year in ("2020", "2021"):
        entry = f'  - text: "{year}"\n    quote: {year}年'
        assert entry in text
        start = text.index(entry)
        end = text.index("    reason: year\n", start) + len("    reason: year\n")
        text = text[:start] + text[end:]
    path.write_text(text, encoding="utf-8")
    assert load_dataset(root).issues == []


def test_a_unit_written_as_printed_in_traditional_script_matches(tmp_path: Path) -> None:
    """A curator copies 萬戶 from a traditional-script text and extract reads 万户: one unit."""
    root = tmp_path / "data"
    shutil.copytree(VALID, root)
    text_path = root / "texts" / "demo-county-2022-01.txt"
    text = text_path.read_text(encoding="utf-8")
    assert "惠及1.2万户," in text
    text_path.write_bytes(text.replace("惠及1.2万户,", "惠及1.2萬戶,").encode("utf-8"))
    sources = root / "sources.yaml"
    old = hashlib.sha256(text.encode("utf-8")).hexdigest()
    new = hashlib.sha256(text_path.read_bytes()).hexdigest()
    sources.write_text(sources.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    obs = root / "observations" / "demo-county-2022-01.yaml"
    yaml_text = obs.read_text(encoding="utf-8")
    assert yaml_text.count("quote: 惠及1.2万户,") == 2 and "    unit: 万户\n" in yaml_text
    yaml_text = yaml_text.replace("quote: 惠及1.2万户,", "quote: 惠及1.2萬戶,")
    obs.write_text(yaml_text.replace("    unit: 万户\n", "    unit: 萬戶\n"), encoding="utf-8")

    dataset = load_dataset(root)
    assert dataset.issues == []
    row = dataset.table.set_index("obs_id").loc["dc-microcredit-households"]
    assert (row["printed"], row["value"], row["unit"]) == ("1.2萬戶", 12000, "household")
