"""Curate: a source's text with every number marked by status; choose a number, accept or
change the draft's suggestions, save, and see the source's problems at once. A new text is
pasted or uploaded and drafted first."""

from __future__ import annotations

from typing import Protocol

import streamlit as st

from app_pages import _curate, _state
from povdash.curation.draft import SourceInfo
from povdash.data import model
from povdash.render.labels import bi, md_escape, t
from povdash.views import curate

context = _state.current()
lang = context.lang
dataset = context.dataset

st.title(t("page.curate", lang))
st.caption(t("curate.intro", lang))

# a source just drafted opens at once (set before the widgets that show it exist)
pending = st.session_state.pop("_curate_open", None)
if pending is not None:
    st.session_state["curate_start"] = "stored"
    st.session_state["curate_source"] = pending
goto = st.session_state.pop("_curate_goto", None)
if goto is not None:  # the next number to do, after a save (set before its chooser exists)
    st.session_state[goto[0]] = goto[1]

start = st.segmented_control(
    t("curate.start", lang),
    ["stored", "new"],
    key="curate_start",
    default="stored",
    format_func=lambda k: t(f"curate.start.{k}", lang),
    required=True,
)
result = st.session_state.pop(_curate.RESULT_KEY, None)


def draft_text() -> None:
    """The form for a new text: its fields, then povdash draft into the data folder."""
    places = _curate.names(dataset.places, lang) if dataset is not None else {}
    pasted = st.text_area(t("curate.new.text", lang), key="curate_new_text", height=220)
    upload = st.file_uploader(t("curate.new.upload", lang), type=["txt"], key="curate_upload")
    left, middle, right = st.columns(3)
    ident = left.text_input(
        t("curate.new.id", lang), key="curate_new_id", help=t("curate.new.id_help", lang)
    )
    place = middle.selectbox(
        t("curate.new.place", lang),
        list(places),
        key="curate_new_place",
        format_func=places.__getitem__,
        index=None,
        placeholder=t("widget.choose", lang),
    )
    published = right.text_input(
        t("curate.new.published", lang),
        key="curate_new_published",
        help=t("curate.new.published_help", lang),
    )
    left, right = st.columns(2)
    title = left.text_input(t("curate.new.title", lang), key="curate_new_title")
    publisher = right.text_input(t("curate.new.publisher", lang), key="curate_new_publisher")
    if not st.button(t("curate.new.draft", lang), type="primary", key="curate_draft"):
        return
    try:
        text = curate.decode_upload(upload.getvalue()) if upload is not None else pasted
        info = SourceInfo(ident.strip(), published.strip(), place or "", title, publisher)
        written = curate.draft_new(_curate.root(), text, info, curate.catalogue(_curate.root()))
    except curate.CurateError as err:
        st.error(md_escape(_curate.error_text(err, lang)))
        return
    entries = sum(len(v) for v in written.added.values())
    st.session_state[_curate.RESULT_KEY] = (
        "success",
        t("curate.drafted", lang, source=info.id, n=len(written.added), entries=entries),
    )
    st.session_state["_curate_open"] = info.id
    st.rerun()


class Notices(Protocol):
    """Where a message can be said: st itself or a column."""

    def success(self, body: str) -> object: ...
    def error(self, body: str) -> object: ...


def say(where: Notices) -> None:
    """What the last save or draft said, once."""
    if result is not None:
        kind, message = result
        (where.success if kind == "success" else where.error)(md_escape(message))


if start == "new":
    say(st)
    draft_text()
    st.stop()

if dataset is None or not dataset.sources:
    st.info(t("curate.no_sources", lang))
    st.stop()

stored = dataset.sources
sources = list(stored)
if st.session_state.get("curate_source") not in sources:
    st.session_state["curate_source"] = sources[0]
source_id = st.selectbox(
    t("curate.source", lang),
    sources,
    key="curate_source",
    placeholder=t("widget.choose", lang),
    format_func=lambda s: bi(stored[s].title_zh, stored[s].title_en, lang),
)
source = stored[source_id]
check, view = _curate.checked(source_id, source.text_path)
cat = curate.catalogue_of(check)

if view is None:
    st.warning(t("curate.no_text", lang))
    for issue in check.issues:
        st.markdown(_curate.issue_line(issue, lang))
    st.stop()

suggested = _curate.suggested(view, cat)
left, right = st.columns([3, 2], gap="large")

# --- choose a number
say(right)
only_todo = right.toggle(t("curate.only_todo", lang), key="curate_only_todo")
starts = [n.start for n in view.numbers if not only_todo or n.status in curate.TODO]
NUMBER_KEY = f"curate_number_{source_id}"
if starts and st.session_state.get(NUMBER_KEY) not in starts:
    first = view.next_todo(None)
    st.session_state[NUMBER_KEY] = first.start if first and first.start in starts else starts[0]


def go_next(view: curate.SourceText) -> None:
    """Move the chooser to the next number still to do (the button's callback)."""
    following = view.next_todo(st.session_state.get(NUMBER_KEY))
    if following is not None:
        st.session_state[NUMBER_KEY] = following.start


number_labels = _curate.number_labels(view, lang)
chooser, jump = right.columns([3, 2], vertical_alignment="bottom")
chosen = chooser.selectbox(
    t("curate.number", lang),
    starts,
    key=NUMBER_KEY,
    format_func=number_labels.__getitem__,
    placeholder=t("widget.choose", lang),
)
jump.button(t("curate.next", lang), key="curate_next", on_click=go_next, args=(view,))
if view.next_todo(None) is None:
    right.success(t("curate.all_done", lang))

# --- the text
left.markdown(f"**{md_escape(t('curate.legend', lang, n=len(view.numbers)))}**")
left.markdown(_curate.legend(view, lang))
with left.container(height=640, border=True):
    st.markdown(_curate.marked(view, chosen, lang))

number = view.at(chosen) if chosen is not None else None
if number is None:
    st.stop()

# --- the form
form = curate.form_for(view, number, suggested.get(number.start), cat)
key = f"cf_{source_id}_{number.start}"
a, b = _curate.context_span(view, number)
right.markdown(f"**{md_escape(t('curate.context', lang))}**")
right.markdown(("…" if a > 0 else "") + _curate.marked(view, number.start, lang, a, b) + "…")
if number.quantity is not None:
    q = number.quantity
    printed = q.text.replace("\n", "")
    qualifier = t(f"qualifier.{q.qualifier}", lang)
    right.caption(md_escape(t("curate.reads", lang, printed=printed, qualifier=qualifier)))
if form.confirm:
    fields = ("、" if lang == "zh" else ", ").join(t(f"curate.{f}", lang) for f in form.confirm)
    right.warning(md_escape(t("curate.confirm_fields", lang, fields=fields)))
own_problems = [i for i in number.issues if i.code != "to-confirm"]  # said just above
if own_problems:
    right.markdown(f"**{md_escape(t('curate.number_problems', lang))}**")
    right.markdown("\n".join(_curate.issue_line(i, lang) for i in own_problems))


def hint(field: str) -> str | None:
    """The draft's confidence (and, outside Chinese, its reason) for one field."""
    if field not in form.why:
        return None
    sure, why = form.why[field]
    if lang == "zh":
        return t("curate.sure", lang, confidence=f"{sure:.2f}")
    return t("curate.why", lang, confidence=f"{sure:.2f}", why=why)


modes = list(curate.MODES) if number.quantity is not None else ["exclusion"]
mode = right.radio(
    t("curate.mode", lang),
    modes,
    index=modes.index(form.mode) if form.mode in modes else 0,
    key=f"{key}_mode",
    format_func=lambda m: t(f"curate.mode.{m}", lang),
    horizontal=True,
)
if number.quantity is None:
    right.caption(t("curate.not_quantity", lang))

values: dict[str, object] = {"mode": mode}
if mode == "observation":
    scores = dict(form.ranked)
    labels = _curate.names(cat.indicators, lang)
    options = curate.indicator_options(form, number, cat)
    values["indicator"] = right.selectbox(
        t("curate.indicator", lang),
        options,
        index=options.index(form.indicator) if form.indicator in options else 0,
        key=f"{key}_indicator",
        placeholder=t("widget.choose", lang),
        format_func=lambda i: labels[i] + (f" · {scores[i]:.2f}" if i in scores else ""),
        help=hint("indicator"),
    )
    if form.new_indicator:
        right.caption(t("curate.no_fit", lang))
    places = _curate.names(cat.places, lang)
    place_ids = list(places)
    values["place"] = right.selectbox(
        t("curate.place", lang),
        place_ids,
        index=place_ids.index(form.place) if form.place in place_ids else 0,
        key=f"{key}_place",
        placeholder=t("widget.choose", lang),
        format_func=places.__getitem__,
        help=hint("place"),
    )
    one, two = right.columns(2)
    values["period"] = one.text_input(
        t("curate.period", lang),
        value=form.period,
        key=f"{key}_period",
        help=hint("period") or t("curate.period_help", lang),
    )
    sections = {"": t("curate.section_none", lang)}
    sections |= {s.id: bi(s.name_zh, s.name_en, lang) for s in view.source.sections}
    section_ids = list(sections)
    values["section"] = two.selectbox(
        t("curate.section", lang),
        section_ids,
        index=section_ids.index(form.section) if form.section in section_ids else 0,
        key=f"{key}_section",
        placeholder=t("widget.choose", lang),
        format_func=sections.__getitem__,
        help=hint("section"),
    )
    values["quote"] = right.text_input(
        t("curate.quote", lang),
        value=form.quote,
        key=f"{key}_quote",
        help=hint("quote") or t("curate.quote_help", lang),
    )
    one, two = right.columns(2)
    values["scope_zh"] = one.text_input(
        t("curate.scope_zh", lang), value=form.scope_zh, key=f"{key}_scope_zh"
    )
    values["scope_en"] = two.text_input(
        t("curate.scope_en", lang), value=form.scope_en, key=f"{key}_scope_en"
    )
    values["notes"] = right.text_area(
        t("curate.notes", lang), value=form.notes, key=f"{key}_notes", height=80
    )
else:
    kinds = list(model.EXCLUSION_KINDS)
    values["kind"] = right.selectbox(
        t("curate.kind", lang),
        kinds,
        index=kinds.index(form.kind) if form.kind in kinds else kinds.index("code"),
        key=f"{key}_kind",
        placeholder=t("widget.choose", lang),
        format_func=lambda k: t(f"exclusion.{k}", lang),
        help=hint("kind"),
    )
    # a reason written in both languages shows in the page's (saved unchanged, both stay)
    shown = form.reason_zh if lang == "zh" and form.reason_zh else form.reason
    values["reason"] = right.text_input(t("curate.reason", lang), value=shown, key=f"{key}_reason")
    values["quote"] = right.text_input(
        t("curate.quote", lang),
        value=form.quote,
        key=f"{key}_quote",
        help=t("curate.quote_help", lang),
    )

if right.button(
    t("curate.save", lang), type="primary", key=f"{key}_save", help=t("curate.save_help", lang)
):
    try:
        saved = curate.save(
            _curate.root(),
            source_id,
            number,
            curate.replace_form(form, **values),
            cat,
            view.check_ids,
        )
    except curate.CurateError as err:
        st.session_state[_curate.RESULT_KEY] = ("error", _curate.error_text(err, lang))
    else:
        _curate.seed(saved, source_id, source.text_path)
        st.session_state[_curate.RESULT_KEY] = (
            "success",
            t("curate.saved", lang, entry=saved.entry),
        )
        st.session_state["_curate_problems"] = source_id
        after = saved.view.at(number.start) if saved.view is not None else None
        if saved.view is not None and after is not None and after.status not in curate.TODO:
            following = saved.view.next_todo(number.start)
            if following is not None and (not only_todo or following.start != number.start):
                st.session_state["_curate_goto"] = (NUMBER_KEY, following.start)
    st.rerun()

# --- the source's problems, after a save (and whenever it has any): to-confirm warnings are
# counted in the legend, everything else is listed
problems = [i for i in view.issues if i.code != "to-confirm"]
if problems:
    st.subheader(t("curate.problems", lang, n=len(problems)))
    st.markdown("\n".join(_curate.issue_line(i, lang) for i in problems))
elif st.session_state.get("_curate_problems") == source_id:
    st.success(t("curate.no_problems", lang))
