"""Overview: each place's headline figures with their periods, and the coverage grid."""

from __future__ import annotations

import streamlit as st

from app_pages import _state
from povdash.analysis import comparability
from povdash.render import charts
from povdash.render.labels import bi, md_escape, t

context = _state.current()
lang = context.lang

st.title(t("page.overview", lang))
st.caption(t("app.subtitle", lang))

if not context.state.places:
    st.info(t("empty.places", lang))
elif context.rows.empty:
    st.info(t("empty.rows", lang))
else:
    st.subheader(t("overview.headlines", lang))
    st.caption(t("overview.headlines_help", lang))
    # Shared across the whole dataset, not the selection: a place's cards depend on it alone.
    shared, _ = comparability.split_shared(context.table)
    chosen = [p for p in context.places if p[0] in context.state.places]
    columns = st.columns(min(len(chosen), 3))
    for i, (pid, zh, en) in enumerate(chosen):
        with columns[i % len(columns)]:
            st.subheader(md_escape(bi(zh, en, lang)))
            heads = charts.headline_frame(
                context.rows.loc[context.rows["place"] == pid], context.framework(), lang, shared
            )
            if heads.empty:
                st.caption(t("overview.no_figures", lang))
            for head in heads.to_dict("records"):
                # One bordered card holds the figure and its caption: a caption under a bordered
                # metric read as the next card's.
                card = st.container(border=True)
                card.metric(
                    label=md_escape(head["indicator_label"]),
                    value=head["value_text"],
                    help=md_escape(head["quote"]),
                )
                note = " · ".join(
                    x
                    for x in (head["value_alt"], head["framework_label"], head["period_text"])
                    if x
                )
                card.caption(md_escape(note))

    st.subheader(t("overview.coverage", lang))
    st.caption(t("overview.coverage_help", lang))
    grid = charts.coverage_frame(context.rows, context.framework(), context.shown_places, lang)
    _state.chart(charts.coverage_heatmap(grid, lang), "coverage", lang=lang)
