"""What the Curate page shares between runs: the checked source and its draft suggestions, kept
per file state, and the marked text as inert Markdown (every character of the data escaped; the
only markup is Streamlit's colour directives around the numbers)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import streamlit as st

from povdash.cli.main import data_dir
from povdash.curation.draft import Catalogue, Drafted
from povdash.data import model
from povdash.data.dataset import SourceCheck, catalogue_stamp, load_source, source_stamp
from povdash.data.issues import Issue
from povdash.render.labels import bi, md_escape, t
from povdash.views import curate

SEED_KEY = "_curate_seed"  # the check a save just made, for the run right after it
RESULT_KEY = "_curate_result"  # what the last save or draft said, shown once
COLOURS = {
    "curated": "green",
    "to_confirm": "orange",
    "excluded": "gray",
    "uncovered": "red",
    "problem": "violet",
}
SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
CONTEXT = 90  # characters of the sentence shown on either side of the chosen number


def root() -> Path:
    """The data folder the dashboard reads (POVDASH_DATA, else data/)."""
    return data_dir(None)


@st.cache_resource(show_spinner=False, max_entries=16)
def _checked(folder: str, source: str, stamp: str) -> tuple[SourceCheck, curate.SourceText | None]:
    check = load_source(Path(folder), source)
    return check, curate.source_text(check)


def checked(source: str, text_rel: str) -> tuple[SourceCheck, curate.SourceText | None]:
    """The source checked alone, once per state of the files it reads (a save's own check is
    used for the run right after it)."""
    folder = root()
    stamp = source_stamp(folder, source, text_rel)
    seed = st.session_state.get(SEED_KEY)
    if seed is not None and seed[0] == (source, stamp):
        return seed[1], seed[2]
    return _checked(str(folder.resolve()), source, stamp)


def seed(saved: curate.Saved, source: str, text_rel: str) -> None:
    """Keep a save's check for the next run, keyed by the files' state right after it."""
    stamp = source_stamp(root(), source, text_rel)
    st.session_state[SEED_KEY] = ((source, stamp), saved.check, saved.view)


@st.cache_resource(show_spinner=False, max_entries=16)
def _suggested(
    folder: str,
    source: str,
    text_key: str,
    catalogue: str,
    _view: curate.SourceText,
    _cat: Catalogue,
) -> dict[int, Drafted]:
    return curate.suggestions(_view.text, _view.source, _cat)


def suggested(view: curate.SourceText, cat: Catalogue) -> dict[int, Drafted]:
    """The draft's suggestion for each number, made once per text and catalogue."""
    folder = root()
    key = curate.text_key(view.text)
    return _suggested(
        str(folder.resolve()), view.source.id, key, catalogue_stamp(folder), view, cat
    )


def _inert(text: str) -> str:
    """Data text as Markdown that shows exactly these characters, line breaks kept."""
    lines = []
    for line in text.replace("\r", "").split("\n"):
        body = line.lstrip(" ")
        lines.append("\u00a0" * (len(line) - len(body)) + md_escape(body))
    return "  \n".join(lines)


def _mark(number: curate.Number, index: int, chosen: bool, lang: str) -> str:
    shown = md_escape(number.text.replace("\r", "").replace("\n", " "))
    colour = "blue" if chosen else COLOURS[number.status]
    body = f"**{shown}**" if chosen else shown
    tag = str(index).translate(SUPERSCRIPT)
    return f":{colour}-background[{body}]:gray[{tag}]"


def marked(
    view: curate.SourceText, chosen: int | None, lang: str, start: int = 0, end: int | None = None
) -> str:
    """The text (or text[start:end]) as Markdown with each number marked in its status colour
    and numbered as in the number chooser; the chosen one in blue."""
    end = len(view.text) if end is None else end
    out, at = [], start
    for i, n in enumerate(view.numbers, 1):
        if n.end <= start or n.start >= end:
            continue
        out.append(_inert(view.text[at : n.start]))
        out.append(_mark(n, i, n.start == chosen, lang))
        at = n.end
    out.append(_inert(view.text[at:end]))
    return "".join(out)


def context_span(view: curate.SourceText, number: curate.Number) -> tuple[int, int]:
    """The line around a number, cut to CONTEXT characters on either side."""
    text = view.text
    left = text.rfind("\n", 0, number.start) + 1
    right = text.find("\n", number.end)
    right = len(text) if right < 0 else right
    return max(left, number.start - CONTEXT), min(right, number.end + CONTEXT)


def legend(view: curate.SourceText, lang: str) -> str:
    """The status colours with the count of each, as Markdown."""
    counts = view.counts()
    return "  ".join(
        f":{COLOURS[s]}-background[{md_escape(t(f'status.{s}', lang))} {counts[s]}]"
        for s in curate.STATUSES
    )


def number_labels(view: curate.SourceText, lang: str) -> dict[int, str]:
    """How the chooser lists each number (by start): its position, as printed, its status."""
    return {
        n.start: f"{i}. {n.text.replace(chr(10), ' ')} · {t(f'status.{n.status}', lang)}"
        for i, n in enumerate(view.numbers, 1)
    }


def issue_line(issue: Issue, lang: str) -> str:
    """One problem in the page's language (inert Markdown): what, where, and in English the
    check's own detail."""
    where = t("curate.where", lang, line=issue.line or "—", field=issue.field or issue.path)
    what = t(f"issue.{issue.code}", lang)
    line = f"{what} ({where})" if lang != "zh" else f"{what}（{where}）"
    if lang != "zh":
        line += f": {issue.message}"
    return f"- {md_escape(line)}"


def error_text(err: curate.CurateError, lang: str) -> str:
    """A refused save or draft in the page's language (field names as the form labels them),
    as plain text."""
    values = dict(err.values)
    if "field" in values:
        values["field"] = t(f"curate.{values['field']}", lang)
    values = {k: str(v) for k, v in values.items()}
    return t(f"curate.error.{err.code}", lang, **values)


def names(mapping: Mapping[str, model.Place | model.Indicator], lang: str) -> dict[str, str]:
    """id -> the record's name in the chosen language (places, indicators)."""
    out = {}
    for key, record in mapping.items():
        if isinstance(record, model.Place):
            out[key] = bi(record.name_zh, record.name_en, lang)
        else:
            out[key] = bi(record.label_zh, record.label_en, lang)
    return out
