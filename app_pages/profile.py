"""Place profile: one report in its own structure, figures with quotes, and change over time."""

from __future__ import annotations

import streamlit as st

from app_pages import _state
from povdash.render import charts
from povdash.render.labels import bi, md_escape, t, tb
from povdash.views.viewstate import select_rows

context = _state.current()
lang = context.lang
dataset = context.dataset

st.title(t("page.profile", lang))

if dataset is None or not dataset.sources or not dataset.places:
    st.info(t("profile.no_source", lang))
else:
    parents = {p.id: p.parent for p in dataset.places.values()}
    options = charts.report_places(dataset.sources, parents) or [next(iter(parents))]
    preferred = [p for p in context.state.places if p in options]
    if st.session_state.get("profile_place") not in options:
        st.session_state["profile_place"] = (preferred or options)[0]
    names = {p.id: bi(p.name_zh, p.name_en, lang) for p in dataset.places.values()}
    home = st.selectbox(
        t("profile.place", lang),
        options,
        key="profile_place",
        format_func=names.__getitem__,
        placeholder=t("widget.choose", lang),
    )
    children = [pid for pid, parent in parents.items() if parent == home]
    # The whole report of the place (with its child places); the sidebar's programs and period
    # kind still apply.
    rows = select_rows(context.table, [home], context.state.programs, context.state.period)
    reports = [s for s in dataset.sources.values() if home in s.places]
    for source in reports:
        st.subheader(md_escape(bi(source.title_zh, source.title_en, lang)))
        st.caption(
            md_escape(f"{bi(source.publisher_zh, source.publisher_en, lang)} · {source.published}")
        )
        framework = (source.framework_name_zh, source.framework_name_en)
        if any(framework):
            st.markdown(f"**{md_escape(tb('profile.structure', lang, name=framework))}**")
        within = [dataset.places[c] for c in children if c in source.places]
        if within:
            names_of = ("、".join(p.name_zh for p in within), ", ".join(p.name_en for p in within))
            st.caption(md_escape(tb("profile.children", lang, names=names_of)))
        own = rows.loc[rows["source"] == source.id] if not rows.empty else rows
        if own.empty:
            st.info(t("empty.rows", lang))
            continue
        change = charts.change_frame(own)
        if not change.empty:
            st.subheader(t("profile.change", lang))
            frame = charts.mark_frame(change, lang, "absolute", context.source_titles())
            figure = charts.profile_change_chart(frame, context.places, lang)
            _state.chart(
                figure,
                f"change-{source.id}",
                change,
                lang,
                _state.figure_exports(context, figure, change, "profile.change"),
            )
        for depth, section, part in charts.section_blocks(source.sections, own):
            if section is None:
                _state.plain_heading(t("profile.unsectioned", lang), 3)
            else:
                _state.plain_heading(bi(section.name_zh, section.name_en, lang), min(3 + depth, 5))
            if not part.empty:
                place = dataset.places[home]
                _state.table(
                    charts.figures_frame(part, lang, (home, place.name_zh, place.name_en)),
                    wide=(t("col.quote", lang),),
                )
