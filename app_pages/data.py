"""Data: the filtered figures as a table, and the same view as CSV with units and quotes."""

from __future__ import annotations

import streamlit as st

from app_pages import _state
from povdash.render import charts
from povdash.render.labels import bi, t
from povdash.views.viewstate import search_rows

context = _state.current()
lang = context.lang

st.title(t("page.data", lang))

if not context.state.places:
    st.info(t("empty.places", lang))
else:
    labels = {}
    if not context.rows.empty:
        firsts = context.rows.drop_duplicates("indicator")
        labels = {
            i: bi(z, e, lang)
            for i, z, e in zip(
                firsts["indicator"], firsts["label_zh"], firsts["label_en"], strict=True
            )
        }
    left, right = st.columns([2, 3])
    chosen = left.multiselect(
        t("data.indicators", lang),
        list(labels),
        key="data_indicators",
        format_func=labels.__getitem__,
        placeholder=t("data.indicators_placeholder", lang),
    )
    text = right.text_input(t("data.search", lang), key="data_search")
    rows = search_rows(context.rows, text, chosen)
    st.caption(t("data.count", lang, n=len(rows)))
    if rows.empty:
        st.info(t("empty.rows", lang))
    else:
        # a taller frame than the default: the wrapped rows of the explorer need the room
        _state.table(charts.table_frame(rows, lang), wide=(t("col.quote", lang),), height=640)
        _state.downloads("data", lang, rows, _state.data_exports(context, rows))
