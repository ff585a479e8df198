"""Cross-file checks of a read Catalog: references, source texts, quotes against `extract`,
completeness of every source's numbers, denominators and arithmetic cross-checks.

`extract.find_quantities` runs once per source text (memoised in-process and on disk by the
text's sha256, see povdash.data.cache: a check after a YAML edit does not parse the texts again);
quotes are located with str.find on the text with its line breaks removed, and an offset map
leads back to the original text.
"""

from __future__ import annotations

import bisect
import functools
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path, PurePosixPath
from typing import Any

import extract
from extract import ExtractError, Quantity
from povdash.data import cache, model
from povdash.data.decimals import plain
from povdash.data.issues import Issue, make_issue, suggest
from povdash.data.load import Catalog
from povdash.data.yamlio import decode_text, read_bytes


# 3 texts a place: 1,024 entries kept only the last ~340 places, so a reload at 1,000 places
# re-parsed every text (the least recently used goes first, in reading order).
@functools.lru_cache(maxsize=16384)
def find_quantities(text: str) -> tuple[Quantity, ...]:
    """extract.find_quantities, memoised by the text (Quantity is frozen, so sharing is safe)."""
    return tuple(extract.find_quantities(text))


@functools.cache
def extract_version() -> str:
    """extract.__version__ and a digest of extract's sources: an edit to extract that forgets to
    bump the version still keys new cache entries."""
    digest = hashlib.sha256(extract.__version__.encode())
    for path in sorted(Path(extract.__file__).parent.glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


@functools.lru_cache(maxsize=16384)
def text_quantities(text: str) -> tuple[Quantity, ...]:
    """find_quantities of a whole source text through the on-disk cache (povdash.data.cache)."""
    if not cache.enabled():
        return find_quantities(text)
    key = cache.make_key("quantities", extract_version(), text)
    stored = cache.get("quantities", key)
    if stored is not None:
        try:
            return _decode_quantities(stored, text)
        except (ValueError, TypeError, ArithmeticError):
            pass  # corrupt or foreign: extract again and overwrite it
    found = find_quantities(text)
    cache.put("quantities", key, [_encode_quantity(q) for q in found])
    return found


def _encode_quantity(q: Quantity) -> list[Any]:
    nmax, vmax, den = q.number_max, q.value_max, q.denominator
    return [
        q.start,
        q.end,
        str(q.number),
        q.unit_text,
        str(q.value),
        q.unit,
        q.qualifier,
        None if nmax is None else str(nmax),
        None if vmax is None else str(vmax),
        None if den is None else str(den),
    ]


def _decode_quantities(stored: Any, text: str) -> tuple[Quantity, ...]:
    """Quantities of _encode_quantity; raises ValueError on any shape it would not write."""
    if stored.__class__ is not list:
        raise ValueError("not cached quantities")
    out = []
    for item in stored:
        start, end, number, unit_text, value, unit, qualifier, nmax, vmax, den = item
        if not (
            start.__class__ is int
            and end.__class__ is int
            and 0 <= start < end <= len(text)
            and all(x.__class__ is str for x in (number, unit_text, value, unit))
            and qualifier in extract.QUALIFIERS
            and (nmax is None or nmax.__class__ is str)
            and (vmax is None or vmax.__class__ is str)
            and (den is None or den.__class__ is str)
        ):
            raise ValueError("not a cached quantity")
        out.append(
            Quantity(
                text[start:end],
                start,
                end,
                Decimal(number),
                unit_text,
                Decimal(value),
                unit,
                qualifier,
                None if nmax is None else Decimal(nmax),
                None if vmax is None else Decimal(vmax),
                None if den is None else Decimal(den),
            )
        )
    return tuple(out)


DIGITS = re.compile(r"[0-9０-９]+")
LINE_BREAKS = str.maketrans("", "", "\r\n")
_BREAK = re.compile("[\r\n]")


@dataclass
class TextIndex:
    """A source text with its quantities and a line-break-free copy for locating quotes."""

    text: str
    flat: str
    breaks: list[int]  # text positions of line-break characters
    shifted: list[int]  # breaks[i] - i: where the flat text skips a break
    quantities: list[Quantity]
    starts: list[int]  # quantity starts, for bisect
    line_starts: list[int]

    @classmethod
    def build(cls, text: str, quantities: list[Quantity]) -> TextIndex:
        """Index a text and its quantities (in text order)."""
        breaks = [m.start() for m in _BREAK.finditer(text)]
        # flat position p maps to p + (number of breaks i with breaks[i] - i <= p)
        shifted = [pos - i for i, pos in enumerate(breaks)]
        line_starts = [0] + [pos + 1 for pos in breaks if text[pos] == "\n"]
        quantities = sorted(quantities, key=lambda q: (q.start, q.end))
        flat = text.translate(LINE_BREAKS)
        starts = [q.start for q in quantities]
        return cls(text, flat, breaks, shifted, quantities, starts, line_starts)

    def to_text(self, flat_pos: int) -> int:
        """The text position of a flat (line-break-free) position."""
        return flat_pos + bisect.bisect_right(self.shifted, flat_pos)

    def to_flat(self, text_pos: int) -> int:
        """The flat position of a text position that is not a line break."""
        return text_pos - bisect.bisect_left(self.breaks, text_pos)

    def find(self, quote: str, limit: int | None = None) -> list[tuple[int, int]]:
        """(start, end) in the text of each occurrence of the quote, line breaks tolerated."""
        needle = quote.translate(LINE_BREAKS) if ("\n" in quote or "\r" in quote) else quote
        if not needle:
            return []
        spans: list[tuple[int, int]] = []
        pos = self.flat.find(needle)
        while pos >= 0 and (limit is None or len(spans) < limit):
            spans.append((self.to_text(pos), self.to_text(pos + len(needle) - 1) + 1))
            pos = self.flat.find(needle, pos + 1)
        return spans

    def within(self, start: int, end: int) -> list[Quantity]:
        """The quantities lying wholly inside text[start:end]."""
        i = bisect.bisect_left(self.starts, start)
        found = []
        while i < len(self.quantities) and self.quantities[i].start < end:
            if self.quantities[i].end <= end:
                found.append(self.quantities[i])
            i += 1
        return found

    def line(self, offset: int) -> int:
        """The 1-based line of a text offset."""
        return bisect.bisect_right(self.line_starts, offset)


@dataclass(frozen=True, slots=True)
class Located:
    """An observation confirmed by extract: its quantity and canonical value in the text."""

    quantity: Quantity
    quote_start: int
    quote_end: int
    printed: str
    correction_value: Decimal | None = None
    correction_printed: str = ""


@dataclass
class Validation:
    """What the checks established, for building the tables."""

    located: dict[int, Located] = field(default_factory=dict)  # observation index -> Located
    denominators: list[model.Denominator] = field(default_factory=list)
    exclusion_spans: list[tuple[model.Exclusion, int | None, int | None]] = field(
        default_factory=list
    )
    check_rows: list[tuple[Any, ...]] = field(default_factory=list)  # CHECK_COLUMNS
    texts: dict[str, TextIndex] = field(default_factory=dict)


def validate(cat: Catalog, only: Iterable[str] | None = None) -> Validation:
    """Run every cross-file check, appending issues to cat.issues and marking broken rows.

    only: the sources whose observation files were read (povdash.data.dataset.load_source checks one
    source alone); their texts and those denominators quote are read, the other sources' not.
    """
    result = Validation()
    check_catalogue(cat)
    if only is None:
        check_files(cat)
        load_texts(cat, result, cat.sources)
    else:
        mine = set(only)
        check_files(cat, mine)
        wanted = mine | {d.source for p in cat.places.values() for d in p.denominators}
        load_texts(cat, result, [s for s in cat.sources if s in wanted])
    result.denominators = check_denominators(cat, result.texts)
    check_entries(cat, result)
    result.check_rows = run_checks(cat, cat.checks, figures(cat, result), result.denominators)
    return result


def load_texts(cat: Catalog, result: Validation, source_ids: Iterable[str]) -> None:
    """Read, hash and extract the texts of these sources into result.texts, reporting problems."""
    for source_id in source_ids:
        index = _load_text(cat, cat.sources[source_id], cat.issues)
        if index is not None:
            result.texts[source_id] = index


def check_entries(cat: Catalog, result: Validation) -> None:
    """Observations against their quotes, exclusions located, every number of each text covered."""
    for i, obs in enumerate(cat.observations):
        located = _check_observation(cat, i, obs, result.texts.get(obs.source))
        if located is not None:
            result.located[i] = located
    cover: list[tuple[str, int, int]] = []
    for exclusion in cat.exclusions:
        result.exclusion_spans.extend(_locate_exclusion(cat, exclusion, result.texts, cover))
    _check_coverage(cat, result, cover)


# --- references --------------------------------------------------------------------------------


def _resolves(cat: Catalog, got: str, known: Iterable[str], rel: str) -> bool | None:
    """True when the id exists; None when it cannot be judged (the entry or its whole file was
    left out for errors already reported); False when it is unknown."""
    if got in known:
        return True
    if got in cat.invalid or not cat.loaded(rel):
        return None
    return False


def _ref_issue(
    cat: Catalog,
    code: str,
    kind: str,
    ident: str,
    key: str,
    what: str,
    got: str,
    options: Iterable[str],
) -> None:
    where = cat.where[(kind, ident)]
    line, fld = where.at(key)
    message = f"expected {what}, got {got!r}"
    cat.issues.append(make_issue(code, where.path, line, fld, message, suggest(got, options)))


def check_catalogue(cat: Catalog) -> None:
    """Parents, indicator programs and source places point at entries that exist."""
    for place in cat.places.values():
        if place.parent is not None and _resolves(cat, place.parent, cat.places, "") is False:
            what = "a place id of places.yaml"
            _ref_issue(
                cat, "unknown-place", "place", place.id, "parent", what, place.parent, cat.places
            )
    for ind in cat.indicators.values():
        if _resolves(cat, ind.program, cat.programs, "programs.yaml") is False:
            what = "a program id of programs.yaml"
            _ref_issue(
                cat,
                "unknown-program",
                "indicator",
                ind.id,
                "program",
                what,
                ind.program,
                cat.programs,
            )
    for source in cat.sources.values():
        for place_id in source.places:
            if _resolves(cat, place_id, cat.places, "places.yaml") is False:
                what = "place ids of places.yaml"
                _ref_issue(
                    cat, "unknown-place", "source", source.id, "places", what, place_id, cat.places
                )


def check_files(cat: Catalog, only: set[str] | None = None) -> None:
    """One observations file per source, named for it, declaring a source that exists (only:
    the sources whose files were read, when not all were)."""
    stems = {PurePosixPath(rel).stem for rel in cat.obs_files.values()}
    for source in cat.sources.values():
        if only is not None and source.id not in only:
            continue
        if source.id not in cat.obs_files and source.id not in stems:
            where = cat.where[("source", source.id)]
            message = f"expected observations/{source.id}.yaml for source {source.id!r}, got none"
            cat.issues.append(
                make_issue("missing-observations", where.path, where.line, where.field, message)
            )
    for src, rel in cat.obs_files.items():
        if src in cat.failed_sources:
            continue
        known = _resolves(cat, src, cat.sources, "sources.yaml")
        if known is False:
            message = f"expected a source id of sources.yaml, got {src!r}"
            cat.issues.append(
                make_issue("unknown-source", rel, 1, "source", message, suggest(src, cat.sources))
            )
        elif known and PurePosixPath(rel).stem != src:
            message = f"expected the file to be named {src}.yaml for its source, got {rel}"
            cat.issues.append(make_issue("file-name-mismatch", rel, 1, "source", message))


# --- source texts ------------------------------------------------------------------------------


def text_path(root: Path, rel_text: str, real_root: Path | None = None) -> Path | None:
    """The file of a source's `text`, or None when the path would leave the data folder
    (real_root: the folder already resolved, once per load)."""
    posix = PurePosixPath(rel_text.replace("\\", "/"))
    if posix.is_absolute() or Path(rel_text).is_absolute() or ".." in posix.parts:
        return None
    if rel_text.startswith("~") or re.match(r"[A-Za-z]:", rel_text):
        return None
    path = root / Path(*posix.parts)
    try:
        resolved = path.resolve()
        inside = resolved.is_relative_to(real_root or root.resolve())
    except (OSError, RuntimeError):  # symlink loops
        return None
    return path if inside else None


def _load_text(
    cat: Catalog, source: model.Source, issues: list[Issue], quantities: bool = True
) -> TextIndex | None:
    """The indexed text of a source (its quantities found when asked), or None when it cannot
    be read; problems go to `issues`."""
    where = cat.where[("source", source.id)]
    line, fld = where.at("text")
    path = text_path(cat.root, source.text_path, cat.real_root)
    if path is None:
        issues.append(
            make_issue(
                "text-path-escapes",
                where.path,
                line,
                fld,
                f"expected a relative path inside the data folder, got {source.text_path!r}",
            )
        )
        return None
    if not path.is_file():
        issues.append(
            make_issue(
                "text-missing",
                where.path,
                line,
                fld,
                f"expected a text file at {source.text_path}, got none",
            )
        )
        return None
    data, issue = read_bytes(path, source.text_path, "text")
    if data is None:
        if issue:
            issues.append(issue)
        return None
    digest = hashlib.sha256(data).hexdigest()
    if digest != source.sha256:
        sline, sfld = where.at("sha256")
        issues.append(
            make_issue(
                "sha256-mismatch",
                where.path,
                sline,
                sfld,
                f"expected {source.sha256} for {source.text_path}, got {digest}",
            )
        )
    text, issue = decode_text(data, source.text_path, "text")
    if text is None:
        if issue:
            issues.append(issue)
        return None
    if not quantities:
        return TextIndex.build(text, [])
    try:
        found = list(text_quantities(text))
    except Exception as err:  # extract must not take the whole load down
        issues.append(
            make_issue(
                "extract-failed",
                source.text_path,
                None,
                "text",
                f"expected extract.find_quantities to read the text, "
                f"got {type(err).__name__}: {err}",
            )
        )
        found = []
    return TextIndex.build(text, found)


# --- denominators ------------------------------------------------------------------------------


def _unit(unit_text: str) -> Any:
    """extract's Unit of a printed unit, or None when the registry lacks it."""
    try:
        return extract.lookup_unit(unit_text)
    except ExtractError:
        return None


def _quantities_of(quote: str) -> list[Quantity]:
    try:
        return list(find_quantities(quote))
    except Exception:  # reported by the caller as a disagreement
        return []


def check_denominators(cat: Catalog, texts: dict[str, TextIndex]) -> list[model.Denominator]:
    out = []
    for place in cat.places.values():
        for d in place.denominators:
            rel = cat.where[("place", place.id)].path
            unit = _unit(d.unit_text)
            if unit is None:
                cat.issues.append(
                    make_issue(
                        "unknown-unit",
                        rel,
                        d.line,
                        f"{d.field}.unit",
                        "expected a unit of the registry (人, 万人, 个, 户, 平方公里), "
                        f"got {d.unit_text!r}",
                    )
                )
                continue
            if d.source in cat.sources:
                index = texts.get(d.source)
                if index is not None and not index.find(d.quote, 1):
                    cat.issues.append(
                        make_issue(
                            "quote-not-in-source",
                            rel,
                            d.line,
                            f"{d.field}.quote",
                            f"expected the quote verbatim in {cat.sources[d.source].text_path}, "
                            f"got {d.quote!r}",
                        )
                    )
                    continue
            found = _quantities_of(d.quote)
            if not any(
                q.number == d.value and _printed_alike(q.unit_text, d.unit_text) for q in found
            ):
                reads = ", ".join(_show(q) for q in found) or "no quantity"
                cat.issues.append(
                    make_issue(
                        "denominator-disagrees-with-quote",
                        rel,
                        d.line,
                        f"{d.field}.value",
                        f"expected {d.value}{d.unit_text} as extract reads the quote, "
                        f"got {reads} in {d.quote!r}",
                    )
                )
                continue
            out.append(replace(d, unit=unit.code, canonical=d.value * unit.factor))
    return out


def _show(q: Quantity) -> str:
    return q.text.translate(LINE_BREAKS)


# --- observations ------------------------------------------------------------------------------


def _obs_issue(
    cat: Catalog,
    i: int,
    obs: model.Observation,
    code: str,
    key: str,
    message: str,
    hint: str | None = None,
) -> None:
    line = obs.lines.get(key, obs.line)
    issue = make_issue(code, obs.file, line, f"{obs.field}.{key}", message, hint)
    cat.issues.append(issue)
    if issue.severity == "error":
        cat.broken.add(i)


def _check_observation(
    cat: Catalog, i: int, obs: model.Observation, index: TextIndex | None
) -> Located | None:
    """Check one observation's references and its quote; the Located quantity when found."""
    source = cat.sources.get(obs.source)
    indicator = cat.indicators.get(obs.indicator)
    refs = (
        ("indicator", obs.indicator, cat.indicators, "indicators.yaml", "unknown-indicator"),
        ("place", obs.place, cat.places, "places.yaml", "unknown-place"),
        ("program", obs.program, cat.programs, "programs.yaml", "unknown-program"),
    )
    for key, got, known, rel, code in refs:
        if got is None:
            continue
        found = _resolves(cat, got, known, rel)
        if found is False:
            what = f"expected a{'n' if key[0] == 'i' else ''} {key} id of {rel}, got {got!r}"
            _obs_issue(cat, i, obs, code, key, what, suggest(got, known))
        elif found is None:
            cat.broken.add(i)  # the entry it points at was left out; that issue is enough
    if source is None:
        cat.broken.add(i)  # unknown-source (or a failed sources.yaml) is reported once per file
        return None
    if obs.place in cat.places and obs.place not in source.places:
        places = ", ".join(source.places)
        what = f"expected a place of source {source.id} ({places}), got {obs.place!r}"
        _obs_issue(cat, i, obs, "place-not-in-source", "place", what)
    if obs.section is not None:
        ids = [s.id for s in source.sections]
        if obs.section not in ids:
            what = (
                f"expected a section of {source.id} ({', '.join(ids) or 'none defined'}), "
                f"got {obs.section!r}"
            )
            _obs_issue(cat, i, obs, "unknown-section", "section", what, suggest(obs.section, ids))
    unit = _unit(obs.unit_text)
    comparable = unit is not None  # an unknown unit or sign: the quote comparison says no more
    if unit is None:
        what = (
            "expected a unit of the registry as printed (亿元, 万户, 个, %, 人次), "
            f"got {obs.unit_text!r}"
        )
        _obs_issue(cat, i, obs, "unknown-unit", "unit", what)
    negative_ok = indicator is not None and (
        indicator.kind == "change" or indicator.unit == "percent_point"
    )
    if obs.value < 0 and not negative_ok:
        what = f"expected a count or amount of at least 0, got {obs.value}"
        _obs_issue(cat, i, obs, "negative-value", "value", what)
        comparable = False
    correction = _check_correction(cat, i, obs, unit)
    if index is None:
        cat.broken.add(i)  # the text could not be read; its issue is on sources.yaml
        return None
    spans = index.find(obs.quote)
    if not spans:
        what = f"expected the quote verbatim in {source.text_path}, got {obs.quote!r}"
        _obs_issue(cat, i, obs, "quote-not-in-source", "quote", what)
        return None
    if len(spans) > 1:
        lines = ", ".join(str(index.line(s)) for s, _ in spans[:5])
        what = (
            f"expected the quote once in the source, got {len(spans)} occurrences "
            f"(lines {lines}); the first is used"
        )
        _obs_issue(cat, i, obs, "ambiguous-quote", "quote", what)
    start, end = spans[0]
    quantity = _match(cat, i, obs, index.within(start, end)) if comparable else None
    if quantity is None:
        blank = Quantity("", start, end, obs.value, obs.unit_text, obs.value, "")
        return Located(blank, start, end, "")
    if indicator is not None and not _unit_compatible(quantity.unit, indicator.unit):
        what = (
            f"expected an indicator in {quantity.unit} (extract reads {_show(quantity)!r} "
            f"as {quantity.unit}), got {indicator.id} in {indicator.unit}"
        )
        _obs_issue(cat, i, obs, "indicator-unit-mismatch", "indicator", what)
    if correction is not None:
        return Located(quantity, start, end, _show(quantity), *correction)
    return Located(quantity, start, end, _show(quantity))


def _printed_alike(read: str, written: str) -> bool:
    """extract's unit text vs a curator's: equal, or one unit in another script (萬戶 is 万户)."""
    if read == written:
        return True
    unit = _unit(written)
    return unit is not None and unit.surface == read


def _unit_compatible(read: str, wanted: str) -> bool:
    """extract's unit vs an indicator's: equal, or extract's unnamed `count` for any count:x."""
    return read == wanted or (read == "count" and wanted.startswith("count:"))


def _match(cat: Catalog, i: int, obs: model.Observation, found: list[Quantity]) -> Quantity | None:
    """The quantity of the quote that the observation curates; reports a disagreement."""
    same_number = [q for q in found if q.number == obs.value]
    exact = [q for q in same_number if _printed_alike(q.unit_text, obs.unit_text)]
    if not exact:
        reads = ", ".join(_show(q) for q in found) or "no quantity"
        if same_number:
            q = same_number[0]
            _obs_issue(
                cat,
                i,
                obs,
                "unit-disagrees-with-quote",
                "unit",
                f"expected {q.unit_text!r} as printed in {_show(q)!r}, got {obs.unit_text!r}",
            )
        else:
            _obs_issue(
                cat,
                i,
                obs,
                "value-disagrees-with-quote",
                "value",
                f"expected a number the quote prints (extract reads {reads}), got {obs.value}",
            )
        return None
    q = exact[0]
    if q.qualifier != obs.qualifier:
        _obs_issue(
            cat,
            i,
            obs,
            "qualifier-disagrees-with-quote",
            "qualifier",
            f"expected {q.qualifier} (extract reads {_show(q)!r}), got {obs.qualifier}",
        )
        return None
    if obs.value_max is not None and q.number_max != obs.value_max:
        _obs_issue(
            cat,
            i,
            obs,
            "value-disagrees-with-quote",
            "value_max",
            f"expected the upper bound {q.number_max} of {_show(q)!r}, got {obs.value_max}",
        )
        return None
    return q


def _check_correction(
    cat: Catalog, i: int, obs: model.Observation, unit: Any
) -> tuple[Decimal | None, str] | None:
    c = obs.correction
    if c is None:
        return None
    cunit = _unit(c.unit_text)
    if cunit is None:
        _obs_issue(
            cat,
            i,
            obs,
            "unknown-unit",
            "correction",
            "expected the correction's unit in the registry (亿元, 万户, ...), "
            f"got {c.unit_text!r}",
        )
        return None
    if unit is not None and cunit.dimension != unit.dimension:
        _obs_issue(
            cat,
            i,
            obs,
            "bad-correction",
            "correction",
            f"expected a correction in a unit of {unit.dimension} like {obs.unit_text}, "
            f"got {c.unit_text!r} ({cunit.dimension})",
        )
        return None
    return c.value * cunit.factor, f"{plain(c.value)}{c.unit_text}"


# --- exclusions and completeness ---------------------------------------------------------------


def _locate_exclusion(
    cat: Catalog, e: model.Exclusion, texts: dict[str, TextIndex], cover: list[tuple[str, int, int]]
) -> list[tuple[model.Exclusion, int | None, int | None]]:
    """The spans an exclusion covers; a `text` missing from its quote covers the whole quote
    (in `cover`) so that its error is not reported again as uncovered numbers."""
    index = texts.get(e.source)
    if index is None:
        return [(e, None, None)]
    if e.everywhere:
        spans = index.find(e.text)
        if not spans:
            cat.issues.append(
                make_issue(
                    "exclusion-not-located",
                    e.file,
                    e.line,
                    f"{e.field}.text",
                    f"expected {e.text!r} somewhere in the source, got no occurrence",
                )
            )
        return [(e, s, t) for s, t in spans] or [(e, None, None)]
    quote = e.quote or ""
    spans = index.find(quote, 1)
    if not spans:
        cat.issues.append(
            make_issue(
                "quote-not-in-source",
                e.file,
                e.line,
                f"{e.field}.quote",
                f"expected the quote verbatim in the source, got {quote!r}",
            )
        )
        return [(e, None, None)]
    start, end = spans[0]
    flat_quote = quote.translate(LINE_BREAKS)
    at = flat_quote.find(e.text.translate(LINE_BREAKS))
    if at < 0:
        cat.issues.append(
            make_issue(
                "exclusion-not-located",
                e.file,
                e.line,
                f"{e.field}.text",
                f"expected {e.text!r} inside the quote {quote!r}, got no occurrence",
            )
        )
        cover.append((e.source, start, end))
        return [(e, None, None)]
    # the quote's flat position plus the text's offset inside the quote, mapped back
    first = index.to_flat(start) + at
    last = first + len(e.text.translate(LINE_BREAKS)) - 1
    return [(e, index.to_text(first), index.to_text(last) + 1)]


def _check_coverage(cat: Catalog, result: Validation, cover: list[tuple[str, int, int]]) -> None:
    """Every quantity extract finds and every run of digits is an observation or an exclusion."""
    by_source: dict[str, list[tuple[int, int]]] = {}
    for source_id, start, end in cover:
        by_source.setdefault(source_id, []).append((start, end))
    claimed: dict[str, set[tuple[int, int]]] = {}
    for i, located in result.located.items():
        obs = cat.observations[i]
        q = located.quantity
        if q.text:  # a confirmed quantity covers its own span
            span = (q.start, q.end)
            claimed.setdefault(obs.source, set()).add(span)
        else:  # a disagreeing quote: its own error says enough, don't repeat it per digit
            span = (located.quote_start, located.quote_end)
        by_source.setdefault(obs.source, []).append(span)
    for e, e_start, e_end in result.exclusion_spans:
        if e_start is not None and e_end is not None:
            by_source.setdefault(e.source, []).append((e_start, e_end))
    for source_id, quote in cat.salvaged:
        index = result.texts.get(source_id)
        for span in index.find(quote, 1) if index else []:
            by_source.setdefault(source_id, []).append(span)
    for source_id, index in result.texts.items():
        if source_id not in cat.obs_files or source_id in cat.failed_sources:
            continue  # missing-observations or the file's own issue already says it
        covered = bytearray(len(index.text) + 1)
        for start, end in by_source.get(source_id, []):
            covered[start:end] = b"\x01" * (end - start)
        mine = claimed.get(source_id, set())
        rel = cat.sources[source_id].text_path
        for q in index.quantities:
            if (q.start, q.end) in mine or any(covered[q.start : q.end]):
                continue
            cat.issues.append(
                make_issue(
                    "uncovered-quantity",
                    rel,
                    index.line(q.start),
                    f"text[{q.start}:{q.end}]",
                    f"expected an observation or an exclusion for {_show(q)!r} "
                    f"(extract: {plain(q.value)} {q.unit}), got neither",
                    f"add an observation, or an exclusion with text {_show(q)!r} in "
                    f"{cat.obs_files[source_id]}",
                )
            )
            covered[q.start : q.end] = b"\x01" * (q.end - q.start)
        for start, end in extract.find_dates(index.text):  # dates are never uncovered numbers
            covered[start:end] = b"\x01" * (end - start)
        for match in DIGITS.finditer(index.text):
            s, t = match.span()
            if all(covered[s:t]):
                continue
            context = index.text[max(0, s - 8) : t + 8].translate(LINE_BREAKS)
            cat.issues.append(
                make_issue(
                    "uncovered-number",
                    rel,
                    index.line(s),
                    f"text[{s}:{t}]",
                    f"expected an observation or an exclusion for {match.group()!r} "
                    f"in '…{context}…', got neither",
                    f"add an exclusion with text {match.group()!r} and a quote around it "
                    f"in {cat.obs_files[source_id]}",
                )
            )


# --- cross-checks ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Operand:
    """A figure used by a cross-check: canonical value, unit and the precision it was printed to."""

    name: str
    value: Decimal
    unit: str
    number: Decimal  # as printed: 5.9 of 5.9亿元
    factor: Decimal  # printed unit -> canonical unit
    printed: str

    @property
    def half_step(self) -> Decimal:
        """Half a unit of the last printed digit, in canonical units."""
        return _half_step(self.number) * self.factor


Failure = tuple[str | None, str]  # (issue code, or None when already reported; message)


# an observation usable as an operand: canonical value, unit, number as printed, printed text
Figure = tuple[Decimal, str, Decimal, str]


def figures(cat: Catalog, result: Validation) -> dict[str, Figure | None]:
    """Each observation read, by id: its confirmed figure, or None when it has errors of its own
    (what a cross-check may use)."""
    out: dict[str, Figure | None] = {}
    for i, obs in enumerate(cat.observations):
        located = result.located.get(i)
        if i in cat.broken or located is None or not located.quantity.text:
            out[obs.id] = None
        else:
            q = located.quantity
            out[obs.id] = (q.value, q.unit, q.number, located.printed)
    return out


def _operand(
    cat: Catalog,
    name: str,
    found: dict[str, Figure | None],
    denominators: dict[tuple[str, str], model.Denominator],
) -> Operand | Failure:
    """The operand named by an observation id or `denominator:<place>:<kind>`."""
    if name.startswith("denominator:"):
        parts = name.split(":")
        if len(parts) != 3:
            return "unknown-operand", f"expected denominator:<place>:<kind>, got {name!r}"
        _, place, kind = parts
        d = denominators.get((place, kind))
        if d is None:
            written = cat.places.get(place)
            if (written and any(x.kind == kind for x in written.denominators)) or (
                _resolves(cat, place, cat.places, "places.yaml") is None
            ):
                return None, f"not evaluated: {name} has errors of its own"
            return "unknown-operand", f"expected a denominator {kind} of place {place!r}, got none"
        unit = _unit(d.unit_text)
        factor = unit.factor if unit else Decimal(1)
        printed = f"{plain(d.value)}{d.unit_text}"
        return Operand(name, d.canonical or Decimal(0), d.unit, d.value, factor, printed)
    if name not in found:
        if name in cat.invalid:
            return None, f"not evaluated: {name} has errors of its own"
        message = f"expected an observation id or denominator:<place>:<kind>, got {name!r}"
        return "unknown-operand", message
    figure = found[name]
    if figure is None:
        return None, f"not evaluated: {name} has errors of its own"
    value, unit_code, number, printed = figure
    factor = value / number if number else Decimal(1)
    return Operand(name, value, unit_code, number, factor, printed)


def _half_step(number: Decimal) -> Decimal:
    """Half a unit of the last printed digit: 27 -> 0.5, 5.9 -> 0.05."""
    exponent = number.as_tuple().exponent
    if not isinstance(exponent, int):  # NaN or infinity cannot come from a printed number
        return Decimal(0)
    return Decimal(5) * Decimal(10) ** (exponent - 1)


def run_checks(
    cat: Catalog,
    checks: list[model.Check],
    found: dict[str, Figure | None],
    denominators: list[model.Denominator],
) -> list[tuple[Any, ...]]:
    """Evaluate every cross-check: a row each (source, id, kind, ok, detail, then the parts of
    the arithmetic for the dashboard to word in either language), and an issue for each that
    fails."""
    latest: dict[tuple[str, str], model.Denominator] = {}
    for d in sorted(denominators, key=lambda x: x.year):  # the latest year wins
        latest[(d.place, d.kind)] = d
    rows = []
    for check in checks:
        ok, detail, code, role, parts = _evaluate(cat, check, found, latest)
        rows.append((check.source, check.id, check.kind, ok, detail, *parts))
        if code is not None:
            line = check.lines.get(role, check.line)
            field_path = f"{check.field}.{role}" if role else check.field
            cat.issues.append(make_issue(code, check.file, line, field_path, detail))
    return rows


def _evaluate(
    cat: Catalog,
    check: model.Check,
    found: dict[str, Figure | None],
    denominators: dict[tuple[str, str], model.Denominator],
) -> tuple[bool, str, str | None, str, ArithmeticParts]:
    """(ok, detail, issue code or None, the role the issue points at, the arithmetic's parts)
    of one cross-check."""
    operands: dict[str, list[Operand]] = {}
    for role, names in check.operands.items():
        operands[role] = []
        for name in names if isinstance(names, tuple) else (names,):
            got = _operand(cat, name, found, denominators)
            if not isinstance(got, Operand):
                return False, got[1], got[0], role, NO_PARTS
            operands[role].append(got)
    stated_role = "total" if check.kind == "sum" else "stated"
    stated = operands[stated_role][0]
    # a tolerance written in the check is in the stated figure's printed unit (0.5 for %)
    tolerance = stated.half_step if check.tolerance is None else check.tolerance * stated.factor
    if check.kind == "sum":
        outcome = _sum(operands["parts"], stated)
    else:
        a, b = (
            (operands["to"][0], operands["from"][0])
            if check.kind == "growth"
            else (operands["part"][0], operands["whole"][0])
        )
        outcome = _rate(check.kind, a, b, stated)
    if isinstance(outcome[0], str):
        return False, outcome[0], "bad-cross-check", outcome[1], NO_PARTS
    computed, formula = outcome
    unit = "%" if check.kind != "sum" else " " + stated.unit
    shown = f"{computed:.4g}" if check.kind != "sum" else plain(computed)
    detail = f"{formula} = {shown}{unit} vs stated {stated.printed} (tolerance {plain(tolerance)})"
    result_unit = "percent" if check.kind != "sum" else stated.unit
    parts: ArithmeticParts = (formula, shown, result_unit, stated.printed, plain(tolerance))
    if abs(computed - stated.value) <= tolerance:
        return True, detail, None, "", parts
    return (
        False,
        f"expected agreement within tolerance, got {detail}",
        "failed-cross-check",
        (stated_role),
        parts,
    )


# (formula as printed, computed value, its canonical unit, stated figure as printed, tolerance in
# that unit): language-neutral text the Sources page words in the chosen language.
ArithmeticParts = tuple[str, str, str, str, str]
NO_PARTS: ArithmeticParts = ("", "", "", "", "")


def _compatible(a: Operand, b: Operand) -> bool:
    return _unit_compatible(a.unit, b.unit) or _unit_compatible(b.unit, a.unit)


def _sum(parts: list[Operand], total: Operand) -> tuple[Decimal, str] | tuple[str, str]:
    """(sum, formula), or (reason, role) when the parts are not in the total's unit."""
    bad = [p for p in parts if not _compatible(p, total)]
    if bad:
        got = ", ".join(f"{p.name} in {p.unit}" for p in bad)
        return f"expected parts in {total.unit} like the total, got {got}", "parts"
    return sum((p.value for p in parts), Decimal(0)), " + ".join(p.printed for p in parts)


def _rate(
    kind: str, a: Operand, b: Operand, stated: Operand
) -> tuple[Decimal, str] | tuple[str, str]:
    """(percent, formula) of a growth (a/b - 1) or a ratio (a/b), or (reason, role)."""
    if stated.unit != "percent":
        return f"expected the stated figure in % (percent), got {stated.unit}", "stated"
    if not _compatible(a, b):
        return f"expected {a.name} and {b.name} in one unit, got {a.unit} and {b.unit}", "stated"
    if b.value == 0:
        return f"expected a non-zero {b.name}, got 0", "stated"
    ratio = a.value / b.value
    if kind == "growth":
        return (ratio - 1) * 100, f"({a.printed} / {b.printed} - 1)"
    return ratio * 100, f"{a.printed} / {b.printed}"
