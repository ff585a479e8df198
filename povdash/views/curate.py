"""The Curate page's data: every number of a source text with its status and the entry that
accounts for it, the form a person fills for one number, and saving that entry into
observations/<source-id>.yaml (round-trip YAML, atomic, under the data folder's write lock).

Statuses come from the check itself (povdash.data.dataset.load_source): located observations,
exclusion spans and the uncovered-* issues; nothing here decides coverage on its own.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError as RuamelError

from extract import Quantity
from povdash.curation import suggest
from povdash.curation.draft import Catalogue, Drafted, SourceInfo, draft
from povdash.curation.draftfile import DraftError, Written, atomic_write, locked, read_rt_text
from povdash.curation.draftfile import write_draft as _write_draft
from povdash.curation.entryedit import Entries, Layout, WholeFile, open_entries, verify
from povdash.data import model
from povdash.data.dataset import SourceCheck, load_source, observation_rel
from povdash.data.issues import Issue
from povdash.data.load import ID, inside, read_catalogue
from povdash.data.periods import parse_period, parse_point
from povdash.data.validate import DIGITS

# In the order a curator works through them; the legend and the filters use this order.
STATUSES = ("to_confirm", "uncovered", "problem", "curated", "excluded")
TODO = frozenset({"to_confirm", "uncovered", "problem"})
MODES = ("observation", "exclusion")
TEXT_LIMIT = 5 * 1024 * 1024  # as a data file (povdash draft refuses more)
_UNCOVERED = ("uncovered-quantity", "uncovered-number")


class CurateError(Exception):
    """A save or draft refused: a label code (curate.error.<code>) and the values it names."""

    def __init__(self, code: str, **values: object) -> None:
        super().__init__(f"{code}: {values}")
        self.code = code
        self.values = values


@dataclass(frozen=True, slots=True)
class Entry:
    """An entry of the observations file: its list, position and what identifies it there (an
    observation's id; an exclusion's text and quote)."""

    key: str  # observations | exclusions
    index: int
    ident: str
    quote: str = ""


@dataclass(frozen=True, slots=True)
class Number:
    """One number of the text: where it is, its status and the entry that accounts for it."""

    start: int
    end: int
    text: str
    status: str  # one of STATUSES
    entry: Entry | None
    quantity: Quantity | None  # extract's reading, when the number is a quantity
    confirm: tuple[str, ...] = ()  # fields waiting for a person
    issues: tuple[Issue, ...] = ()  # problems of its entry, or the uncovered issue


@dataclass
class SourceText:
    """A source's text with every number marked, and the entries of its file by position."""

    source: model.Source
    text: str
    numbers: list[Number]
    issues: list[Issue]  # every issue of the source (file, text, sources.yaml entry)
    observations: dict[int, model.Observation] = field(default_factory=dict)
    exclusions: dict[int, model.Exclusion] = field(default_factory=dict)
    check_ids: frozenset[str] = frozenset()  # operands of the file's cross-checks

    def counts(self) -> dict[str, int]:
        """Numbers per status, in STATUSES order."""
        got = {s: 0 for s in STATUSES}
        for n in self.numbers:
            got[n.status] += 1
        return got

    def at(self, start: int) -> Number | None:
        """The number starting at an offset."""
        for n in self.numbers:
            if n.start == start:
                return n
        return None

    def next_todo(self, after: int | None) -> Number | None:
        """The first number still to do after offset `after` (wrapping round), else None."""
        todo = [n for n in self.numbers if n.status in TODO]
        if not todo:
            return None
        later = [n for n in todo if after is None or n.start > after]
        return (later or todo)[0]


def _position(field_path: str, key: str) -> int | None:
    """3 of 'observations[3]' or 'observations[3].quote'."""
    prefix = f"{key}["
    if not field_path.startswith(prefix):
        return None
    inner = field_path[len(prefix) :].split("]", 1)[0]
    return int(inner) if inner.isdigit() else None


def source_text(check: SourceCheck) -> SourceText | None:
    """Every number of the source's text with its status, or None when the text did not load
    (check.issues say why)."""
    index = check.validation.texts.get(check.source)
    source = check.catalog.sources.get(check.source)
    if index is None or source is None:
        return None
    cat, rel = check.catalog, check.rel
    entry_issues: dict[tuple[str, int], list[Issue]] = {}
    uncovered: dict[int, Issue] = {}
    for issue in check.issues:
        if issue.path == rel:
            for key in ("observations", "exclusions"):
                at = _position(issue.field, key)
                if at is not None:
                    entry_issues.setdefault((key, at), []).append(issue)
        elif issue.code in _UNCOVERED and issue.field.startswith("text["):
            uncovered[int(issue.field[5:].split(":", 1)[0])] = issue

    spans: list[tuple[int, int, Quantity | None]] = [(q.start, q.end, q) for q in index.quantities]
    taken = bytearray(len(index.text) + 1)
    for quantity in index.quantities:
        taken[quantity.start : quantity.end] = b"\x01" * (quantity.end - quantity.start)
    for match in DIGITS.finditer(index.text):
        s, t = match.span()
        if not any(taken[s:t]):
            spans.append((s, t, None))
    spans.sort(key=lambda x: (x[0], x[1]))

    observations: dict[int, model.Observation] = {}
    exact: dict[tuple[int, int], tuple[Entry, model.Observation]] = {}
    broken: list[tuple[int, int, Entry]] = []
    for i, obs in enumerate(cat.observations):
        pos = _position(obs.field, "observations")
        if obs.source != check.source or obs.file != rel or pos is None:
            continue
        observations[pos] = obs
        entry = Entry("observations", pos, obs.id, obs.quote)
        located = check.validation.located.get(i)
        if located is None:
            continue
        found = located.quantity
        if found.text and i not in cat.broken:
            exact[(found.start, found.end)] = (entry, obs)
        elif found.text:
            exact[(found.start, found.end)] = (entry, obs)
            broken.append((found.start, found.end, entry))
        else:
            broken.append((located.quote_start, located.quote_end, entry))
    exclusions: dict[int, model.Exclusion] = {}
    excluded: list[tuple[int, int, Entry, model.Exclusion]] = []
    for e, start, end in check.validation.exclusion_spans:
        at = _position(e.field, "exclusions")
        if e.source != check.source or e.file != rel or at is None:
            continue
        exclusions[at] = e
        if start is not None and end is not None:
            excluded.append((start, end, Entry("exclusions", at, e.text, e.quote or ""), e))

    numbers = []
    for s, t, q in spans:
        text = index.text[s:t]
        hit = exact.get((s, t))
        if hit is not None:
            entry, obs = hit
            problems = tuple(i for i in entry_issues.get(("observations", entry.index), []))
            errors = [i for i in problems if i.severity == "error"]
            status = "problem" if errors else ("to_confirm" if obs.confirm else "curated")
            numbers.append(Number(s, t, text, status, entry, q, obs.confirm, problems))
            continue
        ex = next((x for x in excluded if x[0] < t and s < x[1]), None)
        if ex is not None:
            entry, e = ex[2], ex[3]
            problems = tuple(entry_issues.get(("exclusions", entry.index), []))
            status = "to_confirm" if e.confirm else "excluded"
            numbers.append(Number(s, t, text, status, entry, q, e.confirm, problems))
            continue
        if s in uncovered:
            numbers.append(Number(s, t, text, "uncovered", None, q, (), (uncovered[s],)))
            continue
        # covered by an entry with errors of its own (its quote), or one that did not load
        cover = next((b for b in broken if b[0] <= s and t <= b[1]), None)
        covering = cover[2] if cover else None
        problems = tuple(entry_issues.get(("observations", covering.index), [])) if covering else ()
        numbers.append(Number(s, t, text, "problem", covering, q, (), problems))
    operands = {
        name
        for c in cat.checks
        if c.source == check.source
        for names in c.operands.values()
        for name in (names if isinstance(names, tuple) else (names,))
    }
    return SourceText(
        source,
        index.text,
        numbers,
        list(check.issues),
        observations,
        exclusions,
        frozenset(operands),
    )


# --- suggestions and the form ------------------------------------------------------------------


def catalogue_of(check: SourceCheck) -> Catalogue:
    """What drafts are suggested from: the checked folder's places, programs and indicators."""
    cat = check.catalog
    return Catalogue(cat.places, cat.programs, cat.indicators)


def catalogue(root: Path) -> Catalogue:
    """The catalogue of a data folder (what a new text is drafted against)."""
    cat = read_catalogue(Path(root))
    return Catalogue(cat.places, cat.programs, cat.indicators)


def suggestions(text: str, source: model.Source, cat: Catalogue) -> dict[int, Drafted]:
    """The draft of the source's text (what `povdash draft` would write), by start offset."""
    place = source.places[0] if source.places else next(iter(cat.places), "")
    info = SourceInfo(source.id, source.published, place, source.title_zh, source.publisher_zh)
    drafted = draft(text, info, cat)
    return {d.start: d for d in [*drafted.observations, *drafted.exclusions]}


@dataclass(frozen=True)
class Form:
    """The fields of one number's form: prefilled from its entry, else from the draft's
    suggestion; what the person submits is the same record with their changes."""

    mode: str  # observation | exclusion
    indicator: str = ""
    place: str = ""
    period: str = ""
    section: str = ""
    quote: str = ""
    scope_zh: str = ""
    scope_en: str = ""
    notes: str = ""
    kind: str = ""  # an exclusion's kind
    reason: str = ""
    reason_zh: str = ""  # the Chinese side of a reason written {zh, en} (read-only here)
    # ranked indicator ids with their confidence (suggestions first); the page lists the rest
    ranked: tuple[tuple[str, float], ...] = ()
    why: Mapping[str, tuple[float, str]] = field(default_factory=dict)  # field -> suggestion
    confirm: tuple[str, ...] = ()
    new_indicator: str = ""  # the draft found no catalogue indicator: the stub's label


def _section_near(view: SourceText, start: int) -> str:
    """The section of the nearest observation above the number (where the report is)."""
    best, best_start = "", -1
    for n in view.numbers:
        if n.start >= start:
            break
        if n.entry is not None and n.entry.key == "observations":
            obs = view.observations.get(n.entry.index)
            if obs is not None and obs.section:
                best, best_start = obs.section, n.start
    return best if best_start >= 0 else ""


def form_for(view: SourceText, number: Number, suggested: Drafted | None, cat: Catalogue) -> Form:
    """The form of a number: its entry's fields, else the draft's suggestion for it."""
    ranked = tuple((i, round(c, 2)) for i, c in (suggested.alternatives if suggested else []))
    ranked = tuple((i, c) for i, c in ranked if i in cat.indicators)
    why = {
        k: (round(s.confidence, 2), s.why)
        for k, s in (suggested.suggestions.items() if suggested else [])
    }
    sections = {s.id for s in view.source.sections}
    entry = number.entry
    if entry is not None and entry.key == "observations" and entry.index in view.observations:
        obs = view.observations[entry.index]
        return Form(
            "observation",
            indicator=obs.indicator,
            place=obs.place,
            period=obs.period,
            section=obs.section or "",
            quote=obs.quote,
            scope_zh=obs.scope_zh,
            scope_en=obs.scope_en,
            notes=obs.notes,
            ranked=ranked,
            why=why,
            confirm=obs.confirm,
        )
    if entry is not None and entry.key == "exclusions" and entry.index in view.exclusions:
        e = view.exclusions[entry.index]
        return Form(
            "exclusion",
            quote=e.quote or e.text,  # an `everywhere` exclusion has no quote of its own
            kind=e.kind,
            reason=e.reason,
            reason_zh=e.reason_zh,
            place=view.source.places[0] if view.source.places else "",
            ranked=ranked,
            why=why,
            confirm=e.confirm,
        )
    if suggested is None:
        return Form("exclusion", quote=number.text, kind="code", ranked=ranked)
    record = suggested.record
    if "indicator" not in record:
        return Form(
            "exclusion",
            quote=str(record.get("quote", number.text)),
            kind=str(record.get("kind", "code")),
            reason=str(record.get("reason", "")),
            place=view.source.places[0] if view.source.places else "",
            ranked=ranked,
            why=why,
            confirm=tuple(suggested.to_confirm),
        )
    indicator = str(record["indicator"])
    stub = ""
    if indicator not in cat.indicators:  # a new-indicator stub the stored catalogue lacks
        stub = (
            suggested.suggestions["indicator"].why if "indicator" in suggested.suggestions else ""
        )
        indicator = ranked[0][0] if ranked else ""
    section = str(record.get("section", ""))
    if section not in sections:
        section = _section_near(view, number.start)
    return Form(
        "observation",
        indicator=indicator,
        place=str(record.get("place", "")),
        period=str(record.get("period", "")),
        section=section,
        quote=str(record.get("quote", "")),
        ranked=ranked,
        why=why,
        confirm=tuple(suggested.to_confirm),
        new_indicator=stub,
    )


def indicator_options(form: Form, number: Number, cat: Catalogue) -> list[str]:
    """The indicators a number can be filed under, best first: the draft's ranked suggestions,
    the entry's own, then every other indicator whose unit fits the number, by label."""
    q = number.quantity
    fits = [i for i, ind in cat.indicators.items() if q is None or suggest.unit_fits(q.unit, ind)]
    fitting = set(fits)
    out = [i for i, _ in form.ranked if i in fitting]
    if form.indicator in cat.indicators and form.indicator not in out:
        out.append(form.indicator)
    rest = sorted((i for i in fits if i not in out), key=lambda i: cat.indicators[i].label_zh)
    return out + rest


# --- saving ------------------------------------------------------------------------------------


def observations_path(root: Path, source_id: str) -> Path:
    """observations/<id>.yaml of the data folder; refuses an id or a file leading out of it."""
    if not isinstance(source_id, str) or not ID.fullmatch(source_id):
        raise CurateError("bad_source_id", got=source_id)
    path = Path(root) / observation_rel(source_id)
    if not inside(Path(root), path.parent) or not inside(Path(root), path):
        raise CurateError("outside", got=observation_rel(source_id))
    if path.exists() and not path.is_file():
        raise CurateError("outside", got=observation_rel(source_id))
    return path


def _find(seq: Any, entry: Entry) -> int | None:
    """The position of an entry in the file as it is now (another tab may have moved it)."""

    def same(item: Any) -> bool:
        if not isinstance(item, dict):
            return False
        if entry.key == "observations":
            return str(item.get("id", "")) == entry.ident
        return str(item.get("text", "")) == entry.ident and str(item.get("quote", "")) == (
            entry.quote
        )

    if 0 <= entry.index < len(seq) and same(seq[entry.index]):
        return entry.index
    found = [i for i, item in enumerate(seq) if same(item)]
    return found[0] if len(found) == 1 else None


def _flow(items: Iterable[str]) -> CommentedSeq:
    seq = CommentedSeq(list(items))
    seq.fa.set_flow_style()
    return seq


def _set(m: CommentedMap, key: str, value: object, after: str | None = None) -> None:
    """Set a key, keeping its place (and comment) when it exists, else after `after`."""
    if key in m:
        if m[key] != value:
            m[key] = value
        return
    keys = list(m.keys())
    at = keys.index(after) + 1 if after in keys else len(keys)
    m.insert(at, key, value)


def _same_note(written: object, text: object) -> bool:
    """True when a form's reason is one side of the {zh, en} reason the file holds."""
    return isinstance(written, Mapping) and text in (written.get("zh"), written.get("en"))


def _drop(m: CommentedMap, key: str) -> None:
    if key in m:
        del m[key]


def _observation_fields(m: CommentedMap, form: Form) -> None:
    _set(m, "indicator", form.indicator, "id")
    _set(m, "place", form.place, "indicator")
    if form.section:
        _set(m, "section", form.section, "place")
    else:
        _drop(m, "section")
    _set(m, "period", form.period, "section" if "section" in m else "place")
    _set(m, "quote", form.quote)
    if form.scope_zh or form.scope_en:
        zh, en = form.scope_zh or form.scope_en, form.scope_en or form.scope_zh
        old = m.get("scope")
        if not (isinstance(old, dict) and old.get("zh") == zh and old.get("en") == en):
            scope = CommentedMap([("zh", zh), ("en", en)])
            scope.fa.set_flow_style()
            _set(m, "scope", scope, "quote")
    else:
        _drop(m, "scope")
    if form.notes:
        _set(m, "notes", form.notes, "scope" if "scope" in m else "quote")
    else:
        _drop(m, "notes")
    _drop(m, "confirm")  # the person saw every field of the form: nothing is left to confirm


def _new_observation(ident: str, number: Number, form: Form) -> CommentedMap:
    q = number.quantity
    if q is None:
        raise CurateError("not_a_quantity", number=number.text)
    m = CommentedMap([("id", ident), ("indicator", form.indicator), ("place", form.place)])
    if form.section:
        m["section"] = form.section
    m["period"] = form.period
    m["value"] = q.number
    m["unit"] = q.unit_text
    if q.qualifier != "exact":
        m["qualifier"] = q.qualifier
    if q.number_max is not None:
        m["value_max"] = q.number_max
    _observation_fields(m, form)
    return m


def _exclusion(number: Number, form: Form) -> CommentedMap:
    text = number.quantity.text if number.quantity is not None else number.text
    m = CommentedMap(
        [
            ("text", text),
            ("quote", form.quote or text),
            ("kind", form.kind),
            ("reason", form.reason),
        ]
    )
    m.fa.set_flow_style()
    return m


def _new_id(source_id: str, taken: set[str]) -> str:
    n = len(taken) + 1
    while f"{source_id}-{n:03d}" in taken:
        n += 1
    return f"{source_id}-{n:03d}"


def _validate_form(form: Form, cat: Catalogue) -> None:
    """Refuse what would not even load (so a save never turns a figure into a broken entry by
    a slip): unknown ids, an unreadable period, an empty quote or reason."""
    if form.mode not in MODES:
        raise CurateError("bad_mode", got=form.mode)
    if not form.quote.strip():
        raise CurateError("empty", field="quote")
    if form.mode == "exclusion":
        if form.kind not in model.EXCLUSION_KINDS:
            raise CurateError("bad_choice", field="kind", got=form.kind)
        if not form.reason.strip():
            raise CurateError("empty", field="reason")
        return
    if form.indicator not in cat.indicators:
        raise CurateError("bad_choice", field="indicator", got=form.indicator)
    if form.place not in cat.places:
        raise CurateError("bad_choice", field="place", got=form.place)
    try:
        parse_period(form.period)
    except ValueError:
        raise CurateError("bad_period", got=form.period) from None


@dataclass
class Saved:
    """A save's outcome: what was written and the source checked again."""

    entry: str  # the observation id, or the exclusion's text
    check: SourceCheck
    view: SourceText | None


def save(
    root: Path,
    source_id: str,
    number: Number,
    form: Form,
    cat: Catalogue,
    check_ids: frozenset[str] = frozenset(),
) -> Saved:
    """Write one number's entry into observations/<id>.yaml: change the entry that accounts for
    it (confirming it), or add one; then check the source again.

    The file is read again inside the write lock, so two tabs saving at once keep both changes;
    it is replaced in one step, so a failed save leaves it as it was.
    """
    _validate_form(form, cat)
    path = observations_path(root, source_id)
    with locked(Path(root)):
        text = _read_file(path)
        try:
            doc = open_entries(text, source_id)
            try:
                saved, counts = _apply(doc, source_id, number, form, check_ids)
                new = doc.text()
                verify(new, counts)
            except Layout:  # the splice misread this file's layout: edit it as one tree
                doc = WholeFile(read_rt_text(text or f"source: {source_id}\n"))
                saved, counts = _apply(doc, source_id, number, form, check_ids)
                new = doc.text()
        except (Layout, RuamelError) as err:
            raise CurateError("unreadable", file=observation_rel(source_id), why=err) from None
        try:
            atomic_write(path, new.encode("utf-8"))
        except OSError as err:
            raise CurateError("write_failed", file=observation_rel(source_id), why=err) from None
    check = load_source(Path(root), source_id)
    return Saved(saved, check, source_text(check))


def _read_file(path: Path) -> str | None:
    """The observations file's text as it is now (None when it does not exist yet)."""
    try:
        return path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as err:
        raise CurateError("unreadable", file=path.name, why=err) from None


def _apply(
    doc: Entries | WholeFile, source_id: str, number: Number, form: Form, check_ids: frozenset[str]
) -> tuple[str, dict[str, int]]:
    """Make the number's change in the file's entries: (what was saved, entries expected after)."""
    source = doc.source()
    if source != source_id:
        raise CurateError("not_its_file", file=observation_rel(source_id))
    observations, exclusions = doc.items("observations"), doc.items("exclusions")
    counts = {"observations": len(observations), "exclusions": len(exclusions)}
    here = None if number.entry is None else (number.entry, _located(doc, number.entry))
    taken = {str(o.get("id")) for o in observations if isinstance(o, dict)}
    if form.mode == "observation":
        if here is not None:
            entry, at = here
            if entry.key == "observations":
                m = doc.entry("observations", at)
                _observation_fields(m, form)
                doc.set("observations", at, m)
                return entry.ident, counts
            if not _everywhere(exclusions[at]):
                doc.delete("exclusions", at)
                counts["exclusions"] -= 1
        saved = _new_id(source_id, taken)
        doc.append("observations", _new_observation(saved, number, form))
        counts["observations"] += 1
        return saved, counts
    new = _exclusion(number, form)
    if here is not None:
        entry, at = here
        if entry.key == "exclusions":
            old = doc.entry("exclusions", at)
            for key in ("quote", "kind", "reason"):
                if key == "reason" and _same_note(old.get("reason"), new["reason"]):
                    continue  # a {zh, en} reason left as it was keeps both languages
                if key != "quote" or not _everywhere(old):
                    _set(old, key, new[key])
            _drop(old, "confirm")
            doc.set("exclusions", at, old)
            return str(new["text"]), counts
        if entry.ident in check_ids:
            raise CurateError("in_check", entry=entry.ident)
        doc.delete("observations", at)
        counts["observations"] -= 1
    doc.append("exclusions", new)
    counts["exclusions"] += 1
    return str(new["text"]), counts


def _located(doc: Entries | WholeFile, entry: Entry) -> int:
    """Where the entry is in the file now; refused when another tab changed or removed it."""
    at = _find(doc.items(entry.key), entry)
    if at is None:
        raise CurateError("changed", entry=entry.ident)
    return at


def _everywhere(item: Any) -> bool:
    return isinstance(item, dict) and bool(item.get("everywhere"))


# --- a new text --------------------------------------------------------------------------------


def draft_new(root: Path, text: str, info: SourceInfo, cat: Catalogue) -> Written:
    """Store a pasted or uploaded report and draft all of its numbers (as `povdash draft`)."""
    if not ID.fullmatch(info.id):
        raise CurateError("bad_source_id", got=info.id)
    observations_path(root, info.id)  # the id stays a file name inside the data folder
    try:
        parse_point(info.published)
    except ValueError:
        raise CurateError("bad_published", got=info.published) from None
    if info.place not in cat.places:
        raise CurateError("bad_choice", field="place", got=info.place)
    if not text.strip() or not DIGITS.search(text):
        raise CurateError("empty_text")
    if len(text.encode("utf-8")) > TEXT_LIMIT:
        raise CurateError("too_large", size=len(text.encode("utf-8")))
    try:
        return _write_draft(Path(root), text, draft(text, info, cat))
    except DraftError:
        raise CurateError("other_text", source=info.id) from None


def decode_upload(data: bytes) -> str:
    """An uploaded text file as str: UTF-8 (with or without a BOM); refuses anything else."""
    if len(data) > TEXT_LIMIT:
        raise CurateError("too_large", size=len(data))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CurateError("not_utf8") from None
    return text


def text_key(text: str) -> str:
    """A short key of a text's content, for caching its draft."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def replace_form(form: Form, **values: Any) -> Form:
    """The form with the person's values (strings stripped)."""
    # the form's fields differ in type; each widget's value arrives as that field's type
    clean: dict[str, Any] = {k: (v.strip() if isinstance(v, str) else v) for k, v in values.items()}
    return dataclasses.replace(form, **clean)
