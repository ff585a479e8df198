"""Compare: figures several chosen places report, side by side, with what makes them differ."""

from __future__ import annotations

from typing import Literal

import streamlit as st

from app_pages import _state, _views
from povdash.analysis import comparability
from povdash.render.labels import t
from povdash.views.viewstate import BASES

BadgeColour = Literal["green", "orange", "red"]  # of the colours st.badge takes
VERDICT_BADGES: dict[str, BadgeColour] = {
    "comparable": "green",
    "caveats": "orange",
    "not_comparable": "red",
}

context = _state.current()
lang = context.lang

st.title(t("page.compare", lang))
st.caption(t("compare.intro", lang))

if not context.state.places:
    st.info(t("empty.places", lang))
elif len(context.state.places) < 2:
    st.info(t("empty.compare_two", lang))
elif context.rows.empty:
    st.info(t("empty.rows", lang))
else:
    basis = st.segmented_control(
        t("compare.basis", lang),
        BASES,
        key="basis",
        format_func=lambda b: t(f"basis.{b}", lang),
        required=True,
        persist_state="session",
    )
    basis = basis or "absolute"
    hide = st.toggle(
        t("compare.hide_not_comparable", lang),
        key="hide_not_comparable",
        help=t("compare.hide_help", lang),
    )
    view = _views.kept_compare_view(context, basis, _state.normalised, hide)
    if not view.normalised and basis != "absolute":
        st.warning(t("compare.normalise_missing", lang))
        basis = "absolute"
    shared, compared = view.shared, view.compared
    left, right = st.columns([3, 2], gap="medium")
    with left:
        if view.spec is None:  # no shared indicator shown, so no chart
            st.info(t("compare.all_hidden" if view.hidden else "empty.shared", lang))
        else:
            if "admin_level" in view.codes:
                st.caption(t("compare.scale_note", lang))
            # How many panels hold, at a glance; each panel's subtitle says which and why.
            levels = [v.level for v in view.verdicts.values()]
            verdict_row = st.container(horizontal=True)
            for level, colour in VERDICT_BADGES.items():
                if level in levels:
                    verdict_row.badge(
                        comparability.verdict_count(level, levels.count(level), lang),
                        color=colour,
                    )
            _state.chart(view.spec, "compare", compared, lang, datasets=view.chart_data)
            if view.notes:
                with st.expander(t("compare.footnotes", lang), icon=":material/info:"):
                    st.text("\n".join(view.notes))
            with st.expander(t("compare.export", lang), icon=":material/image:"):
                chosen = st.selectbox(
                    t("col.indicator", lang),
                    shared,
                    format_func=view.labels.__getitem__,
                    key="compare_export_indicator",
                    placeholder=t("widget.choose", lang),
                )
                sub = _views.kept_part(context, basis, chosen, compared)
                _state.downloads(
                    f"compare-{chosen}-{basis}",
                    lang,
                    sub,
                    _state.compare_exports(context, sub, basis),
                )
    with right:
        if not view.single.empty:
            st.markdown(f"**{t('compare.only_one', lang)}**")
            # the right two fifths of the main column, less the gap
            _state.table(view.single, _state.MAIN_WIDTH * 2 // 5 - 20)
    # Different indicators of one program cannot share a chart; they are set side by side here.
    st.subheader(t("compare.side_by_side", lang))
    beside = view.beside
    if beside.empty:
        st.info(t("compare.side_by_side_empty", lang))
    else:
        st.caption(t("compare.side_by_side_note", lang))
        # Rows taller than 4rem let the grid wrap the long bilingual cells instead of cutting them.
        st.dataframe(
            beside,
            hide_index=True,
            height="content" if len(beside) <= 12 else 900,
            row_height=80,
            column_config={
                beside.columns[0]: st.column_config.TextColumn(width=130, pinned=True),
                **{name: st.column_config.TextColumn(width="large") for name in beside.columns[1:]},
            },
            key="compare_side_by_side",
        )
        with st.expander(t("compare.side_by_side_quotes", lang), icon=":material/format_quote:"):
            _state.table(view.side)
    if basis != "absolute":
        st.subheader(t("compare.denominators", lang))
        st.caption(t("compare.rates_note", lang))
        _state.table(view.denominators)
