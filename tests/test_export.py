"""Exports: PNG/SVG figures at their sizes, chart data CSV, `povdash export` writing whole sets."""

from __future__ import annotations

import csv
import io
import re
import struct
import subprocess
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import altair as alt
import numpy as np
import pandas as pd
import pytest
from PIL import Image

from povdash.cli import export as command
from povdash.render import fonts
from povdash.report import csvfile, export
from povdash.report import figure as figure_module
from povdash.report.figure import FIGURE_SIZES, LANGS, SIZES

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
MADE_ON = date(2026, 11, 22)


def rows(basis: str = "absolute") -> pd.DataFrame:
    """Two places' rows of one indicator in the table + per_basis contract, with hostile text."""
    common = {
        "file": "observations/x.yaml",
        "line": 10,
        "program": "LC-HOUSE",
        "program_zh": "危房改造与住房安全",
        "program_en": "Housing safety",
        "indicator": "dilapidated_houses_renovated",
        "label_zh": "危房改造户数",
        "label_en": "Dilapidated houses renovated",
        "dimension": "households",
        "unit": "household",
        "value_max": np.nan,
        "qualifier": "exact",
        "scope_zh": "",
        "scope_en": "",
        "has_correction": False,
        "correction_printed": "",
        "correction_reason": "",
    }
    baicheng = {
        **common,
        "obs_id": "bc-houses",
        "source": "baicheng-2022-02",
        "place": "baicheng",
        "place_zh": "白城市",
        "place_en": "Baicheng",
        "place_level": "prefecture_city",
        "period": "2021",
        "period_kind": "year",
        "kind": "flow",
        "value": 1948.0,
        "value_exact": "1948",
        "printed": "1948户",
        "quote": '=HYPERLINK("http://x") 对符合条件的1948户进行危房改造',
        "has_correction": True,
        "correction_printed": "1.948万户",
        "correction_reason": "[x](javascript:alert(1))",
    }
    liuhe = {
        **common,
        "obs_id": "lh-houses",
        "source": "liuhe-2020-04-21",
        "place": "liuhe",
        "place_zh": "柳河县",
        "place_en": "Liuhe",
        "place_level": "county",
        "period": "..2020-04-21",
        "period_kind": "range",
        "kind": "cumulative",
        "value": 948.0,
        "value_exact": "948",
        "printed": "948户",
        "quote": "累计改造危房948户<script>alert(1)</script>",
    }
    frame = pd.DataFrame([baicheng, liuhe])
    if basis == "absolute":
        frame["value_norm"] = frame["value"]
        frame["unit_norm"] = frame["unit"]
        for column in ("denom_kind", "denom_source", "denom_note"):
            frame[column] = None
        frame["denom_value"] = np.nan
        frame["denom_year"] = np.nan
    else:
        frame["value_norm"] = [1948 / 1551378 * 1e4, np.nan]
        frame["unit_norm"] = ["household per 10k residents", None]
        frame["denom_kind"] = ["census_resident", None]
        frame["denom_value"] = [1551378.0, np.nan]
        frame["denom_year"] = [2020.0, np.nan]
        frame["denom_source"] = ["m.gkcyc.com (白城市第七次全国人口普查公报)", None]
        frame["denom_note"] = [None, "no census_resident or registered denominator"]
    return frame


SOURCES = {
    "baicheng-2022-02": SimpleNamespace(
        title_zh="构建监测帮扶体系",
        title_en="Building a monitoring system",
        publisher_zh="未注明",
        publisher_en="Not printed",
        published="2022-02",
    ),
    "liuhe-2020-04-21": SimpleNamespace(
        title_zh="龙岗大地绽新颜",
        title_en="New look on the Longgang land",
        publisher_zh="吉林农村报",
        publisher_en="Jilin Rural Daily",
        published="2020-04-21",
    ),
}
PLACES = [("baicheng", "白城市", "Baicheng"), ("liuhe", "柳河县", "Liuhe")]


def png_size(png: bytes) -> tuple[int, int]:
    """Pixel width and height from a PNG header."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", png[16:24])


def figure(basis: str = "absolute", size: str = "slide", lang: str = "both"):
    """The comparison chart and its metadata for the synthetic rows."""
    frame = rows(basis)
    chart = export.comparison_chart(frame, PLACES, basis, lang)
    meta = export.figure_meta(frame, SOURCES, basis, size, lang, MADE_ON)
    return chart, meta


@pytest.mark.parametrize("size", SIZES)
def test_png_is_drawn_at_twice_the_set_size(size: str) -> None:
    chart, meta = figure(size=size, lang="zh")
    png = export.figure_png(chart, meta)
    dims = FIGURE_SIZES[size]
    assert png_size(png) == (2 * dims.width, 2 * dims.height)
    image = Image.open(io.BytesIO(png))
    assert round(image.info["dpi"][0]) == 192  # placed at its CSS size by word processors
    grey = image.convert("L")
    assert sum(grey.histogram()[:100]) > 2000  # text and bars were drawn, not a blank canvas


class Renders:
    """vl-convert's render calls of an export, counted by kind, with the specs they were given."""

    KINDS = ("vegalite_to_png", "vegalite_to_svg", "vega_to_svg", "vega_to_png", "svg_to_png")

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        fonts.self_check()  # cached: its own test renders are not the export's
        self.seen: dict[str, list[Any]] = {kind: [] for kind in self.KINDS}
        for kind in self.KINDS:
            convert = getattr(export.vlc, kind)
            monkeypatch.setattr(export.vlc, kind, self._counted(convert, self.seen[kind]))

    @staticmethod
    def _counted(convert: Callable[..., Any], seen: list[Any]) -> Callable[..., Any]:
        def run(spec: Any, *args: Any, **kwargs: Any) -> Any:
            seen.append(spec)
            return convert(spec, *args, **kwargs)

        return run

    def counts(self) -> dict[str, int]:
        return {kind: len(specs) for kind, specs in self.seen.items() if specs}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("size", SIZES)
def test_first_export_renders_once_at_its_size(
    monkeypatch: pytest.MonkeyPatch, size: str, lang: str
) -> None:
    chart, meta = figure(size=size, lang=lang)
    renders = Renders(monkeypatch)
    png = export.figure_png(chart, meta)
    dims = FIGURE_SIZES[size]
    width, height = png_size(png)
    assert width == 2 * dims.width
    if height == 2 * dims.height:
        # Vega fits the figure in one layout; the PNG is that SVG drawn, not a second render.
        assert renders.counts() == {"vega_to_svg": 1, "svg_to_png": 1}
    else:
        # Only footnotes that leave the plot less than its minimum make the figure taller.
        assert height > 2 * dims.height
        assert renders.counts() == {"vega_to_svg": 2, "svg_to_png": 1}
        spec = export.figure_spec(chart, meta)
        assert spec["vconcat"][0]["height"] == figure_module.min_plot_height(dims)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("size", SIZES)
def test_the_fitted_plot_area_lays_out_at_the_set_size_without_fitting(
    size: str, lang: str
) -> None:
    # The plot area Vega chose, laid out plainly by bare vl-convert, comes to the set size:
    # nothing was clipped to make it fit and nothing left blank.
    chart, meta = figure(size=size, lang=lang)
    spec = export.figure_spec(chart, meta)
    assert "autosize" not in spec
    svg = export.vlc.vegalite_to_svg(spec, allowed_base_urls=[])
    dims = FIGURE_SIZES[size]
    assert svg_size(svg)[0] == dims.width
    if spec["vconcat"][0]["height"] != figure_module.min_plot_height(dims):
        assert svg_size(svg)[1] == dims.height
    assert svg_size(export.figure_svg(chart, meta).decode("utf-8")) == svg_size(svg)


def test_a_chart_of_another_layout_is_fitted_too() -> None:
    frame = pd.DataFrame({"year": ["2019", "2020", "2021"], "value": [3.0, 5.0, 4.0]})
    chart = alt.Chart(frame).mark_line().encode(x="year:N", y="value:Q")  # bands along x
    _, meta = figure(size="square", lang="zh")
    png = export.figure_png(chart, meta)
    assert png_size(png) == (1200, 1200)


def svg_size(svg: str) -> tuple[float, float]:
    """Width and height of an SVG's root element."""
    root = re.match(r"<svg[^>]*>", svg)
    assert root is not None
    found = [re.search(rf'\s{a}="([\d.]+)"', root[0]) for a in ("width", "height")]
    assert found[0] and found[1]
    return float(found[0][1]), float(found[1][1])


@pytest.mark.parametrize("lang", LANGS)
def test_svg_in_each_language_holds_its_texts_as_escaped_text(lang: str) -> None:
    chart, meta = figure(lang=lang)
    svg = export.figure_svg(chart, meta).decode("utf-8")
    assert svg.startswith("<svg")
    root = re.match(r"<svg[^>]*>", svg)
    assert root is not None
    width, height = (
        float(re.search(rf'\s{a}="([\d.]+)"', root[0])[1]) for a in ("width", "height")
    )
    # Both languages may need more footnote lines than the slide leaves: the figure grows taller.
    assert width == 960 and (height == 540 if lang != "both" else height >= 540)
    if lang != "en":
        assert "危房改造户数" in svg and "来源：吉林农村报《龙岗大地绽新颜》，2020-04-21" in svg
    if lang != "zh":
        assert "Dilapidated houses renovated" in svg and "Source: Jilin Rural Daily" in svg
    assert ("危房改造户数" in svg) != (lang == "en")
    assert "2026-11-22" in svg
    # The misprint reason carries a markdown link: it must stay text, never become a link.
    assert "<script" not in svg and "<a " not in svg and "<foreignObject" not in svg
    assert "javascript:alert(1)" in svg


def test_normalised_figure_names_each_denominator_and_its_source() -> None:
    _, meta = figure(basis="per_10k_residents", lang="both")
    notes = [note.zh + " | " + note.en for note in meta.footnotes]
    joined = "\n".join(notes)
    assert "分母：白城市常住人口（普查）1551378人（2020年），来源：m.gkcyc.com" in joined
    assert "Denominator: Baicheng census residents 1,551,378 people (2020)" in joined
    assert "Denominator: Liuhe, no denominator available" in joined
    assert "疑似印刷错误：白城市原文为1948户，可能应为1.948万户" in joined
    assert any("期间不同" in note for note in notes)
    assert [part.zh.split("：")[0] for part in meta.subtitle] == ["指标", "单位", "期间", "标准化"]
    assert "每万常住人口" in meta.subtitle[1].zh
    assert [line.publisher.zh for line in meta.sources] == ["未注明", "吉林农村报"]


def test_chart_data_csv_has_bom_units_quotes_sources_and_no_formulas() -> None:
    data = export.chart_data_csv(rows("per_10k_residents"), SOURCES, "per_10k_residents")
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM for Excel
    table = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert len(table) == 2
    header = list(table[0])
    assert header == [c for c in csvfile.CSV_COLUMNS if c in header]
    for column in ("unit", "unit_zh", "unit_en", "printed", "quote", "value_norm", "denom_source"):
        assert column in header
    baicheng, liuhe = table
    assert (baicheng["value"], baicheng["unit_zh"], baicheng["unit_en"]) == (
        "1948",
        "户",
        "households",
    )
    assert baicheng["printed"] == "1948户" and baicheng["basis"] == "per_10k_residents"
    assert baicheng["quote"].startswith("'=HYPERLINK")  # spreadsheet formula defused
    assert liuhe["quote"] == "累计改造危房948户<script>alert(1)</script>"
    assert liuhe["source_publisher_zh"] == "吉林农村报"
    assert liuhe["source_title_en"] == "New look on the Longgang land"
    assert liuhe["source_published"] == "2020-04-21"


def test_negative_numbers_stay_numbers_in_csv() -> None:
    frame = rows().assign(value_exact=["-3.5", "948"], notes=["-abc", ""])
    table = list(csv.DictReader(io.StringIO(export.chart_data_csv(frame).decode("utf-8-sig"))))
    assert "notes" not in table[0]  # only the documented columns
    assert csvfile.csv_cell("-3.5") == "-3.5" and csvfile.csv_cell("-abc") == "'-abc"


def test_figure_names_are_stable() -> None:
    assert (
        export.figure_name("dibao_poor_people", "per_10k_residents", "both", "a4", "png")
        == "compare-dibao_poor_people-per_10k_residents-both-a4.png"
    )
    assert export.figure_name("x", "absolute", "zh", "slide", "csv") == "compare-x-absolute.csv"
    assert export.figure_name("../Evil Name", "absolute", "zh", "slide", "svg").startswith(
        "compare-evil-name-"
    )


def test_command_choices_match_the_export_modules() -> None:
    assert command.FORMATS == export.FORMATS
    assert command.SIZES == SIZES and command.LANGS == LANGS


def cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    """Run `python -m povdash.cli` on the project's data."""
    return subprocess.run(
        [sys.executable, "-m", "povdash.cli", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=600,
        check=False,
    )


def expected_names(lang: str, size: str, fmt: str, bases: tuple[str, ...]) -> set[str]:
    """The figure file names the real data should give for Baicheng vs Liuhe."""
    from povdash.data.dataset import load_dataset

    dataset = load_dataset(DATA)
    request = export.ExportRequest(places=("baicheng", "liuhe"))
    compared = export.compared_indicators(export.selected_rows(dataset.table, request), request)
    assert compared, "the curated data should hold indicators both places report"
    return {export.figure_name(i, b, lang, size, fmt) for i in compared for b in bases}


@pytest.mark.skipif(not (DATA / "indicators.yaml").exists(), reason="curated data not present")
def test_cli_writes_stable_names_and_sources_csv(tmp_path: Path) -> None:
    out = tmp_path / "figures"
    done = cli(
        "export",
        "--place",
        "baicheng,liuhe",
        "--normalise",
        "absolute",
        "--format",
        "svg",
        "--size",
        "square",
        "--lang",
        "en",
        "--out",
        str(out),
    )
    assert done.returncode == 0, done.stderr
    names = {p.name for p in out.iterdir()}
    expected = expected_names("en", "square", "svg", ("absolute",))
    assert names == expected | {"sources.csv"}
    sources = list(csv.DictReader(io.StringIO((out / "sources.csv").read_text("utf-8-sig"))))
    assert {row["figure"] for row in sources} == expected
    assert all(row["quote"] and row["source"] for row in sources)
    assert {row["place"] for row in sources} == {"baicheng", "liuhe"}
    assert "Traceback" not in done.stderr


@pytest.mark.skipif(not (DATA / "indicators.yaml").exists(), reason="curated data not present")
def test_cli_csv_set_names_each_basis(tmp_path: Path) -> None:
    bases = ("absolute", "per_10k_residents")
    done = cli(
        "export", "--format", "csv", "--normalise", "absolute,per_10k_residents",
        "--place", "baicheng", "--place", "liuhe", "--out", str(tmp_path),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    names = {p.name for p in tmp_path.iterdir()}
    assert "sources.csv" in names
    assert names - {"sources.csv"} <= expected_names("zh", "slide", "csv", bases)
    assert any(n.endswith("-per_10k_residents.csv") for n in names)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--place", "atlantis"), "--place: unknown id atlantis"),
        (("--normalise", "per_cow"), "--normalise: expected one of absolute"),
        (("--indicator", "no_such_indicator"), "--indicator: unknown id no_such_indicator"),
    ],
)
def test_cli_bad_options_give_one_clear_line_and_exit_1(
    tmp_path: Path, args: tuple[str, ...], message: str
) -> None:
    done = cli("export", *args, "--out", str(tmp_path / "x"))
    assert done.returncode == 1
    assert message in done.stderr
    assert "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) == 1


def test_downloads_and_exports_share_one_csv_writer() -> None:
    from povdash.render import charts

    quotes = ['=HYPERLINK("x")', "-not a number"]
    frame = rows().assign(quote=quotes, value=[1948.0, 0.1 + 0.2])
    for data in (csvfile.csv_bytes(frame), export.chart_data_csv(frame)):
        table = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
        header = list(table[0])
        assert header == [c for c in csvfile.CSV_COLUMNS if c in header]
        assert [r["quote"] for r in table] == ["'" + q for q in quotes]
        assert [r["value"] for r in table] == ["1948", "0.3"]
    assert not hasattr(charts, "csv_bytes") and not hasattr(export, "_frame_csv")


@pytest.mark.parametrize("basis", ["absolute", "per_10k_residents"])
def test_subtitles_of_every_indicator_never_nest_or_stack_brackets(basis: str) -> None:
    from test_charts import bracket_depth

    from povdash.analysis.comparability import split_shared
    from povdash.analysis.normalise import per_basis
    from povdash.data.dataset import load_dataset

    dataset = load_dataset(ROOT / "data")
    rows = per_basis(dataset.table, dataset.denominators, basis)
    checked = 0
    for indicator, part in rows.groupby("indicator"):
        meta = export.figure_meta(part, dataset.sources, basis, "slide", "both")
        for text in (*meta.subtitle, meta.title):
            for line in (text.zh, text.en):
                assert bracket_depth(line) <= 1, (indicator, line)
                assert not re.search(r"[)）]\s*[(（]", line), (indicator, line)
                checked += 1
    assert checked > 400
    assert split_shared(rows)[0]  # the shared indicators, the ones the dashboard exports, are in
