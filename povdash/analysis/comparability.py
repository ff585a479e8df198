"""What makes compared figures hard to compare: badges and footnotes for a set of rows.

Each check looks at the rows drawn together (one indicator across places) and reports when they
differ in period, period kind, kind, admin level, scope, denominator, or carry qualifiers or
suspected misprints. Texts come from povdash.render.labels, so every badge exists in Chinese and
English.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from povdash.data.invisible import visible
from povdash.data.model import RATE_UNITS
from povdash.data.periods import period_class
from povdash.render.labels import LABELS, bi, level_label, period_label, t, tb
from povdash.render.numfmt import figure_of, format_value, unit_label

# Display order of badges: the ones that most change the meaning come first.
CODES: tuple[str, ...] = (
    "period_kind",
    "period",
    "kind",
    "admin_level",
    "scope",
    "denominator",
    "qualifier",
    "correction",
)


BADGE_COLUMNS: tuple[str, ...] = (
    "place",
    "place_zh",
    "place_en",
    "place_level",
    "period",
    "period_kind",
    "kind",
    "scope_zh",
    "scope_en",
    "qualifier",
    "printed",
    "has_correction",
    "correction_printed",
    "value_norm",
    "denom_kind",
    "denom_year",
    "denom_note",
    "denom_status",
    "unit",
)


@dataclass(frozen=True)
class Badge:
    """One reason the compared figures differ; detail names the values per place."""

    code: str
    detail_zh: str
    detail_en: str

    def title(self, lang: str) -> str:
        """Short badge text, e.g. 'Periods differ'."""
        return t(f"badge.{self.code}", lang)

    def detail(self, lang: str) -> str:
        """The values that differ, per place, in the chosen language."""
        if lang == "zh":
            return self.detail_zh
        if lang == "en":
            return self.detail_en
        return f"{self.detail_zh} / {self.detail_en}"

    def text(self, lang: str) -> str:
        """Title and detail on one line, with the colon of each language (full-width in Chinese)."""
        zh = f"{self.title('zh')}：{self.detail_zh}"
        en = f"{self.title('en')}: {self.detail_en}"
        if lang == "zh":
            return zh
        if lang == "en":
            return en
        return f"{zh} / {en}"


def _clean(value: object) -> str:
    """A cell as text to show; NaN and None become '', invisible characters are removed."""
    if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
        return ""
    return visible(str(value))


def _per_place(rows: list[dict], describe: Callable[[dict, str], str]) -> tuple[str, str]:
    """'白城市 2021年；柳河县 截至2020-04-21' style details, one entry per place and value.

    `describe(row, lang)` words one row's value in "zh" or "en"."""
    texts: dict[str, list[str]] = {"zh": [], "en": []}
    for row in rows:
        for lang, parts in texts.items():
            text = f"{_clean(row.get('place_' + lang))} {describe(row, lang)}".strip()
            if text not in parts:
                parts.append(text)
    return "；".join(texts["zh"]), "; ".join(texts["en"])


def _differs(values: Iterable[object]) -> bool:
    """True when the values are not all equal (missing counts as a value of its own)."""
    return len({_clean(v) for v in values}) > 1


def _records(rows: pd.DataFrame, extra: Sequence[str] = ()) -> list[dict]:
    """The rows as dicts of only the columns the checks read (all ~50 would cost time)."""
    wanted = [c for c in (*BADGE_COLUMNS, *extra) if c in rows.columns]
    return rows[wanted].to_dict("records")


def badges(rows: pd.DataFrame, basis: str = "absolute") -> list[Badge]:
    """Every reason the given rows (one indicator, several places) are hard to compare."""
    if rows.empty:
        return []
    return _badges(_records(rows), basis)


def badges_by_indicator(
    rows: pd.DataFrame, indicators: Sequence[str], basis: str = "absolute"
) -> dict[str, list[Badge]]:
    """badges() of each indicator's rows, in the given order, from one pass over the rows."""
    groups: dict[str, list[dict]] = {str(i): [] for i in indicators}
    if not rows.empty:
        for record in _records(rows, ("indicator",)):
            found = groups.get(str(record["indicator"]))
            if found is not None:
                found.append(record)
    return {ind: _badges(records, basis) if records else [] for ind, records in groups.items()}


def _badges(rows: list[dict], basis: str) -> list[Badge]:
    """The checks of badges() on the rows as dicts (a missing column reads as '')."""
    found: list[Badge] = []
    if rows and "period_kind" in rows[0]:
        classes = {period_class(r["period_kind"]) for r in rows}
        if len(classes) > 1:
            zh, en = _per_place(
                rows,
                lambda r, lang: t(f"period_kind.{period_class(r['period_kind'])}", lang),
            )
            found.append(Badge("period_kind", zh, en))
    if _differs(r.get("period") for r in rows):
        zh, en = _per_place(
            rows,
            lambda r, lang: period_label(_clean(r.get("period")), lang),
        )
        found.append(Badge("period", zh, en))
    if _differs(r.get("kind") for r in rows):
        zh, en = _per_place(
            rows,
            lambda r, lang: t(f"kind.{_clean(r.get('kind'))}", lang),
        )
        found.append(Badge("kind", zh, en))
    if _differs(r.get("place_level") for r in rows):
        zh, en = _per_place(
            rows,
            lambda r, lang: level_label(_clean(r.get("place_level")), lang),
        )
        found.append(Badge("admin_level", zh, en))
    if _differs(r.get("scope_en") for r in rows) or _differs(r.get("scope_zh") for r in rows):
        zh, en = _per_place(
            rows,
            lambda r, lang: _clean(r.get(f"scope_{lang}")) or t("scope.unstated", lang),
        )
        found.append(Badge("scope", zh, en))
    if basis != "absolute" and rows and "denom_kind" in rows[0]:
        denoms = {f"{_clean(r['denom_kind'])}@{_clean(r.get('denom_year'))}" for r in rows}
        missing = "value_norm" in rows[0] and any(pd.isna(r["value_norm"]) for r in rows)
        if len(denoms) > 1 or missing:
            zh, en = _per_place(
                rows,
                _denominator_text,
            )
            found.append(Badge("denominator", zh, en))
    qualified = [r for r in rows if _clean(r.get("qualifier")) not in ("", "exact")]
    if qualified:
        zh, en = _per_place(
            qualified,
            lambda r, lang: _bracketed(
                _clean(r.get("printed")), t("qualifier." + _clean(r["qualifier"]), lang), lang
            ),
        )
        found.append(Badge("qualifier", zh, en))
    corrected = [r for r in rows if _flag(r.get("has_correction"))]
    if corrected:
        zh, en = _per_place(
            corrected,
            lambda r, _lang: f"{_clean(r.get('printed'))} → {_clean(r.get('correction_printed'))}",
        )
        found.append(Badge("correction", zh, en))
    return sorted(found, key=lambda b: CODES.index(b.code))


def _bracketed(text: str, note: str, lang: str) -> str:
    """A note in brackets after a text, with each language's own brackets."""
    return f"{text}（{note}）" if lang == "zh" else f"{text} ({note})"


def _flag(value: object) -> bool:
    """A boolean cell; missing counts as False."""
    return not pd.isna(value) and bool(value)


def denominator_note(row: Mapping[str, object], lang: str) -> str:
    """povdash.analysis.normalise's note on a row's denominator, in words of the chosen language:
    a rate is never divided, the place lacks the basis's denominator, or the figure counts the same
    population as the denominator (households of the poor / poor households)."""
    if not _clean(row.get("denom_note")):
        return ""
    status = _clean(row.get("denom_status"))
    if status == "same_population":
        if lang == "both":
            return f"{denominator_note(row, 'zh')} / {denominator_note(row, 'en')}"
        unit = unit_label(_clean(row.get("unit")), lang)
        return t("denominator.same_population", lang, unit=unit)
    if row.get("unit") in RATE_UNITS:
        return t("compare.rates_note", lang)
    if pd.isna(row.get("value_norm")):
        return t("denominator.missing", lang)
    return ""


def _denominator_text(row: dict, lang: str) -> str:
    """Which denominator a row was divided by, or why it was not."""
    kind = _clean(row.get("denom_kind"))
    if not kind or pd.isna(row.get("value_norm")):
        note = denominator_note(row, lang)
        return note or t("denominator.none", lang)
    year = _clean(row.get("denom_year")).removesuffix(".0")
    return f"{t('denominator.' + kind, lang)} {year}".strip()


def split_shared(rows: pd.DataFrame) -> tuple[list[str], pd.DataFrame]:
    """Indicators more than one place reports (first-seen order), and the rows of the rest."""
    if rows.empty:
        return [], rows
    counts = rows.groupby("indicator", sort=False)["place"].nunique()
    shared = [str(i) for i in counts.index if counts[i] > 1]
    return shared, rows.loc[~rows["indicator"].isin(shared)]


def _root(row: dict, chosen: set[str]) -> str:
    """The chosen place a row belongs to: its own place, or its parent when that was chosen."""
    place = _clean(row.get("place"))
    parent = _clean(row.get("place_parent"))
    if place not in chosen and parent in chosen:
        return parent
    return place


def split_by_program(
    rows: pd.DataFrame, places: Sequence[str]
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Rows not drawn as shared charts, split in two: those of programs that two or more of the
    chosen places (child places count for their parent) report, and the rest (one place only)."""
    _, single = split_shared(rows)
    if single.empty:
        return single, single
    chosen = set(places)
    roots = pd.Series(
        [_root(r, chosen) for r in single[["place", "place_parent"]].to_dict("records")]
        if "place_parent" in single.columns
        else single["place"].astype(str).tolist(),
        index=single.index,
    )
    counts = roots.groupby(single["program"], sort=False).nunique()
    several = {str(p) for p in counts.index if counts[p] > 1}
    mask = single["program"].isin(several)
    return single.loc[mask], single.loc[~mask]


# The columns figure_text and side_by_side_by_program read.
SIDE_COLUMNS: tuple[str, ...] = (
    "program",
    "program_zh",
    "program_en",
    "place",
    "label_zh",
    "label_en",
    "printed",
    "value_exact",
    "value",
    "unit",
    "qualifier",
    "value_max",
    "period",
)


def figure_text(row: Mapping[str, object], lang: str) -> str:
    """One figure as a line: label, value as printed and period, e.g.
    'AI辅助诊断：3.4万人次（2021年）' or 'AI-assisted diagnoses: 34,000 person-times (2021)'."""
    label = bi(row.get("label_zh"), row.get("label_en"), lang)
    printed = _figure(row, lang)
    period = period_label(_clean(row.get("period")), lang)
    if lang == "en":
        return f"{label}: {printed} ({period})" if period else f"{label}: {printed}"
    return f"{label}：{printed}（{period}）" if period else f"{label}：{printed}"


def _figure(row: Mapping[str, object], lang: str) -> str:
    """The value with its qualifier: in Chinese as printed (40多亿元), in English in words."""
    printed = _clean(row.get("printed"))
    if lang == "both":
        zh, en = _figure(row, "zh"), _figure(row, "en")
        return zh if zh == en else f"{zh} / {en}"
    if printed and lang == "zh":
        return printed
    formatted = figure_of(row, lang)
    return formatted if formatted != "—" else printed


def side_by_side_by_program(
    rows: pd.DataFrame,
    places: Sequence[tuple[str, str, str]],
    lang: str,
    program_order: Sequence[str] = (),
) -> pd.DataFrame:
    """Programs two or more chosen places report with different indicators, side by side.

    places are (id, zh, en) of the chosen places in the chosen order; each gets a column (a
    child place with figures gets its own, after its parent). One row per program and figure
    slot, programs in program_order (then first seen), the program named on its first row only.
    The figures are not comparable with each other; they are set side by side to be read.
    """
    chosen = [p[0] for p in places]
    side, _ = split_by_program(rows, chosen)
    program_header = t("col.program", lang)
    columns: list[tuple[str, str]] = []  # (place id, header), in display order
    children: dict[str, list[tuple[str, str]]] = {}
    if not side.empty:
        firsts = side.drop_duplicates("place")
        for record in firsts.to_dict("records"):
            place = _clean(record.get("place"))
            parent = _clean(record.get("place_parent"))
            if place not in chosen and parent in chosen:
                name = bi(record.get("place_zh"), record.get("place_en"), lang)
                children.setdefault(parent, []).append((place, name))
    for pid, zh, en in places:
        columns.append((pid, bi(zh, en, lang)))
        columns += children.get(pid, [])
    headers = [program_header, *(h for _, h in columns)]
    if side.empty:
        return pd.DataFrame(columns=headers)
    rank = {p: i for i, p in enumerate(program_order)}
    # One pass over the rows as dicts: per-program, per-place selections of the frame cost
    # a pandas filter and a to_dict each.
    wanted = [c for c in SIDE_COLUMNS if c in side.columns]
    by_program: dict[str, dict[str, list[str]]] = {}
    names: dict[str, str] = {}
    for record in side[wanted].to_dict("records"):
        program = str(record["program"])
        if program not in by_program:
            by_program[program] = {pid: [] for pid, _ in columns}
            names[program] = bi(record.get("program_zh"), record.get("program_en"), lang)
        cell = by_program[program].get(_clean(record.get("place")))
        if cell is not None:
            cell.append(figure_text(record, lang))
    programs = sorted(by_program, key=lambda p: rank.get(p, len(rank)))
    body: list[list[str]] = []
    for program in programs:
        cells = by_program[program]
        for slot in range(max(len(c) for c in cells.values())):
            line = [names[program] if slot == 0 else ""]
            line += [cells[pid][slot] if slot < len(cells[pid]) else "" for pid, _ in columns]
            body.append(line)
    return pd.DataFrame(body, columns=headers)


def footnotes(by_indicator: dict[str, list[Badge]], labels: dict[str, str], lang: str) -> list[str]:
    """Numbered plain-text footnotes: '1. 危房改造 — Periods differ: ...' for each badge."""
    notes: list[str] = []
    for indicator, found in by_indicator.items():
        for badge in found:
            notes.append(
                f"{len(notes) + 1}. {labels.get(indicator, indicator)} — {badge.text(lang)}"
            )
    return notes


# A verdict per compared indicator, in display order: the panels that hold come first.
VERDICTS: tuple[str, ...] = ("comparable", "caveats", "not_comparable")
# Differences that make two figures measure different things: a one-year flow against a total
# over several years, or a flow against a stock. The others leave a comparison that holds with
# care (other years, admin levels, scopes or denominators, approximate or misprinted figures).
BLOCKING: tuple[str, ...] = ("period_kind", "kind")
VERDICT_COLOURS: dict[str, str] = {
    "comparable": "#1A7F37",
    "caveats": "#B35900",
    "not_comparable": "#B42318",
}


@dataclass(frozen=True)
class Verdict:
    """Whether one indicator's figures can be compared across the places drawn, and why."""

    level: str  # one of VERDICTS
    reasons: tuple[Badge, ...]  # the badges that decide it (blocking ones when not comparable)

    @property
    def rank(self) -> int:
        """Position in the display order (comparable first)."""
        return VERDICTS.index(self.level)

    def line(self, lang: str) -> str:
        """One line: the verdict and why, e.g. 'Not comparable · Period kinds differ'."""
        head = t(f"verdict.{self.level}", lang)
        if lang == "both":
            return f"{self.line('zh')} / {self.line('en')}"
        if not self.reasons:
            why = t("verdict.all_same", lang)
        else:
            why = ("、" if lang == "zh" else ", ").join(b.title(lang) for b in self.reasons)
        return f"{head} · {why}"

    def lines(self, lang: str) -> str | list[str]:
        """The line for a chart subtitle: in 'both', one line per language (one long line
        would not fit a panel's width)."""
        return [self.line("zh"), self.line("en")] if lang == "both" else self.line(lang)


def verdict(found: Sequence[Badge]) -> Verdict:
    """The verdict of an indicator's badges: not comparable when a blocking difference is
    among them, comparable with caveats when any other is, else comparable."""
    blocking = tuple(b for b in found if b.code in BLOCKING)
    if blocking:
        return Verdict("not_comparable", blocking)
    if found:
        return Verdict("caveats", tuple(found))
    return Verdict("comparable", ())


def verdict_count(level: str, n: int, lang: str) -> str:
    """'不可比：3 项' / 'Not comparable: 3': how many panels have a verdict."""
    names = (t(f"verdict.{level}", "zh"), t(f"verdict.{level}", "en"))
    return tb("verdict.count", lang, level=names, n=(n, n))


def verdicts_by_indicator(by_indicator: Mapping[str, list[Badge]]) -> dict[str, Verdict]:
    """Each indicator's verdict, ordered comparable first (and within a verdict as given)."""
    found = {indicator: verdict(badges) for indicator, badges in by_indicator.items()}
    return dict(sorted(found.items(), key=lambda item: item[1].rank))


def place_name(row: pd.Series, lang: str) -> str:
    """A row's place name in the chosen language."""
    return bi(_clean(row.get("place_zh")), _clean(row.get("place_en")), lang)


# ---------------------------------------------------------------------------------------------
# Sources and checks: what was curated, left out, flagged, contradicted or refused.

CHECKSUM_CODES = ("sha256-mismatch", "text-missing", "text-path-escapes")


def _headers(keys: Iterable[str], lang: str) -> list[str]:
    """Column headers of col.<key> labels."""
    return [t(f"col.{k}", lang) for k in keys]


def checksum_ok(source: object, issues: Iterable[object]) -> bool:
    """False when an issue says the source's text is missing or does not match its sha256."""
    sid = str(getattr(source, "id", ""))
    path = str(getattr(source, "text_path", ""))
    for issue in issues:
        if getattr(issue, "code", "") not in CHECKSUM_CODES:
            continue
        where = " ".join(str(getattr(issue, a, "")) for a in ("path", "field", "message"))
        if (sid and sid in where) or (path and path in where):
            return False
    return True


def _choice(prefix: str, value: object, lang: str) -> str:
    """A value of a fixed vocabulary (confidence, exclusion kind) in words; unknown ones as they
    are."""
    text = _clean(value)
    return t(f"{prefix}.{text}", lang) if f"{prefix}.{text}" in LABELS else text


def _place_label(place_id: object, places: Mapping[str, object], lang: str) -> str:
    """A place id as the place's name (the id itself if the place is unknown)."""
    place = places.get(_clean(place_id))
    if place is None:
        return _clean(place_id)
    return bi(getattr(place, "name_zh", ""), getattr(place, "name_en", ""), lang)


def source_meta(
    source: object, issues: Iterable[object], lang: str, places: Mapping[str, object] | None = None
) -> pd.DataFrame:
    """Two columns (field, value) describing a source: publisher, date, places, text, checksum."""
    ok = checksum_ok(source, issues)
    names = [_place_label(p, places or {}, lang) for p in getattr(source, "places", ())]
    items = [
        (
            t("sources.publisher", lang),
            bi(getattr(source, "publisher_zh", ""), getattr(source, "publisher_en", ""), lang),
        ),
        (t("sources.published", lang), str(getattr(source, "published", ""))),
        (t("col.place", lang), "、".join(names) if lang == "zh" else ", ".join(names)),
        (t("sources.text", lang), str(getattr(source, "text_path", ""))),
        (t("sources.sha256", lang), str(getattr(source, "sha256", ""))),
        (t("col.check", lang), t("sources.checksum_ok" if ok else "sources.checksum_bad", lang)),
    ]
    return pd.DataFrame(items, columns=_headers(("field", "detail"), lang))


def _note(zh: str, en: str, lang: str) -> str:
    """A curator's note in the chosen language; one written in one language shows as written."""
    if lang == "zh":
        return zh or en
    if lang == "both" and zh and zh != en:
        return f"{zh} / {en}"
    return en


def exclusions_frame(exclusions: pd.DataFrame, source_id: str, lang: str) -> pd.DataFrame:
    """Numbers of a source left out on purpose: text, kind, reason, quote."""
    keys = ("text", "kind", "reason", "quote")
    if exclusions is None or exclusions.empty:
        return pd.DataFrame(columns=_headers(keys, lang))
    part = exclusions.loc[exclusions["source"] == source_id]
    body = {k: part[k].map(_clean).tolist() for k in keys}
    body["kind"] = [_choice("exclusion", k, lang) for k in body["kind"]]
    if "reason_zh" in part.columns:  # the curator's note in the chosen language
        body["reason"] = [
            _note(_clean(zh), en, lang)
            for zh, en in zip(part["reason_zh"], body["reason"], strict=True)
        ]
    return pd.DataFrame({h: body[k] for h, k in zip(_headers(keys, lang), keys, strict=True)})


def misprints_frame(table: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Suspected misprints with both readings: printed and corrected, reason and confidence."""
    keys = ("place", "indicator", "printed", "correction", "reason", "confidence", "quote")
    if table.empty or "has_correction" not in table.columns:
        return pd.DataFrame(columns=_headers(keys, lang))
    rows = table.loc[table["has_correction"].fillna(False).astype(bool)]
    body = {
        "place": [bi(z, e, lang) for z, e in zip(rows["place_zh"], rows["place_en"], strict=True)],
        "indicator": [
            bi(z, e, lang) for z, e in zip(rows["label_zh"], rows["label_en"], strict=True)
        ],
        "printed": rows["printed"].map(_clean).tolist(),
        "correction": rows["correction_printed"].map(_clean).tolist(),
        "reason": [
            _note(_clean(zh), _clean(en), lang)
            for zh, en in zip(
                rows.get("correction_reason_zh", pd.Series("", index=rows.index)),
                rows["correction_reason"],
                strict=True,
            )
        ],
        "confidence": [_choice("confidence", c, lang) for c in rows["correction_confidence"]],
        "quote": rows["quote"].map(_clean).tolist(),
    }
    return pd.DataFrame({h: body[k] for h, k in zip(_headers(keys, lang), keys, strict=True)})


def check_detail(row: Mapping[str, object], lang: str) -> str:
    """A cross-check's arithmetic in words: '(12496元 / 9813元 - 1) = 27.34% vs stated 27% ...';
    a check that could not be done keeps validate's message."""
    formula = _clean(row.get("formula"))
    if not formula:
        return _clean(row.get("detail"))
    unit = _clean(row.get("result_unit"))
    return t(
        "sources.check_detail",
        lang,
        formula=formula,
        result=format_value(_clean(row.get("result")), unit, lang),
        stated=_clean(row.get("stated")),
        tolerance=_clean(row.get("tolerance")),
    )


def checks_frame(checks: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Arithmetic cross-checks: id, kind, passed, detail."""
    keys = ("check", "kind", "ok", "detail")
    if checks is None or checks.empty:
        return pd.DataFrame(columns=_headers(keys, lang))
    records = checks.to_dict("records")
    return pd.DataFrame(
        {
            t("col.check", lang): checks["id"].map(_clean).tolist(),
            t("col.kind", lang): [_choice("check", r.get("kind"), lang) for r in records],
            t("col.ok", lang): checks["ok"]
            .fillna(False)
            .astype(bool)
            .map(lambda ok: "✓" if ok else "✗")
            .tolist(),
            t("col.detail", lang): [check_detail(r, lang) for r in records],
        }
    )


def conflicts(table: pd.DataFrame, checks: pd.DataFrame | None, lang: str) -> list[str]:
    """Plain-text lines: failed cross-checks, and one place's indicator printed with different
    values for the same period."""
    lines: list[str] = []
    if checks is not None and not checks.empty:
        for row in checks.loc[~checks["ok"].fillna(False).astype(bool)].to_dict("records"):
            lines.append(
                t(
                    "sources.check_failed",
                    lang,
                    check=_clean(row.get("id")),
                    kind=_choice("check", row.get("kind"), lang),
                    detail=check_detail(row, lang),
                )
            )
    if table.empty:
        return lines
    groups = table.groupby(["place", "indicator", "period"], sort=False)
    for (_, _, period), rows in groups:
        if rows["value"].nunique() < 2:
            continue
        first = rows.iloc[0]
        values = " ≠ ".join(rows["printed"].map(_clean))
        lines.append(
            tb(
                "sources.conflict_line",
                lang,
                place=(first["place_zh"], first["place_en"]),
                indicator=(first["label_zh"], first["label_en"]),
                period=(period_label(str(period), "zh"), period_label(str(period), "en")),
                values=(values, values),
            )
        )
    return lines


def denominators_frame(
    denominators: pd.DataFrame, places: Mapping[str, object], lang: str
) -> pd.DataFrame:
    """Every denominator of the data, for the Sources page: place, kind, value as printed, year,
    source, quote and confidence, in the chosen language."""
    keys = ("place", "denominator", "printed", "year", "source", "quote", "confidence")
    if denominators is None or denominators.empty:
        return pd.DataFrame(columns=_headers(keys, lang))
    records = denominators.to_dict("records")
    body = {
        "place": [_place_label(r.get("place"), places, lang) for r in records],
        "denominator": [_choice("denominator", r.get("kind"), lang) for r in records],
        "printed": [_clean(r.get("printed")) for r in records],
        "year": [_clean(r.get("year")) for r in records],
        "source": [_clean(r.get("source")) for r in records],
        "quote": [_clean(r.get("quote")) for r in records],
        "confidence": [_choice("confidence", r.get("confidence"), lang) for r in records],
    }
    return pd.DataFrame({h: body[k] for h, k in zip(_headers(keys, lang), keys, strict=True)})


def issues_frame(issues: Iterable[object], lang: str) -> pd.DataFrame:
    """Validation problems, one row each: severity, file:line, field, code, message, hint."""
    keys = ("severity", "where", "problem", "code", "hint")
    records = []
    for issue in issues:
        line = getattr(issue, "line", None)
        path = str(getattr(issue, "path", ""))
        records.append(
            (
                _choice("severity", getattr(issue, "severity", ""), lang),
                f"{path}:{line}" if line else path,
                f"{getattr(issue, 'field', '')}: {getattr(issue, 'message', '')}",
                str(getattr(issue, "code", "")),
                str(getattr(issue, "hint", "")),
            )
        )
    return pd.DataFrame(records, columns=_headers(keys, lang))
