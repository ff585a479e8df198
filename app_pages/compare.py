"""Compare: figures several chosen places report, side by side, with what makes them differ."""

from __future__ import annotations

import streamlit as st

from app_pages import _state
from povdash import charts, comparability
from povdash.labels import bi, t
from povdash.viewstate import BASES

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
    rows, ok = _state.normalised(context, context.rows, basis)
    if not ok and basis != "absolute":
        st.warning(t("compare.normalise_missing", lang))
        basis = "absolute"
    shared, _ = comparability.split_shared(rows)
    side, single = comparability.split_by_program(rows, context.state.places)
    left, right = st.columns([2, 1], gap="medium")
    with left:
        if not shared:
            st.info(t("empty.shared", lang))
        else:
            compared = rows.loc[rows["indicator"].isin(shared)]
            by_indicator = {
                ind: comparability.badges(compared.loc[compared["indicator"] == ind], basis)
                for ind in shared
            }
            codes = list(dict.fromkeys(b.code for found in by_indicator.values() for b in found))
            if "admin_level" in codes:
                st.caption(t("compare.scale_note", lang))
            if codes:
                badge_row = st.container(horizontal=True)
                for code in codes:
                    badge_row.badge(
                        t(f"badge.{code}", lang), color="orange", icon=":material/warning:"
                    )
            frame = charts.mark_frame(compared, lang, basis, context.source_titles())
            figure = charts.compare_chart(
                frame,
                context.places,
                lang,
                basis,
                columns=1,
                notes=comparability.badge_summaries(by_indicator, lang),
            )
            _state.chart(figure, "compare", compared, lang)
            labels = {
                ind: bi(sub["label_zh"].iloc[0], sub["label_en"].iloc[0], lang)
                for ind, sub in compared.groupby("indicator", sort=False)
            }
            notes = comparability.footnotes(by_indicator, labels, lang)
            if notes:
                with st.expander(t("compare.footnotes", lang), icon=":material/info:"):
                    st.text("\n".join(notes))
            with st.expander(t("compare.export", lang), icon=":material/image:"):
                chosen = st.selectbox(
                    t("col.indicator", lang),
                    shared,
                    format_func=labels.__getitem__,
                    key="compare_export_indicator",
                )
                sub = compared.loc[compared["indicator"] == chosen]
                _state.downloads(
                    f"compare-{chosen}-{basis}",
                    lang,
                    sub,
                    _state.compare_exports(context, sub, basis),
                )
    with right:
        if not single.empty:
            st.markdown(f"**{t('compare.only_one', lang)}**")
            st.dataframe(charts.brief_frame(single, lang), hide_index=True)
    # Different indicators of one program cannot share a chart; they are set side by side here.
    st.subheader(t("compare.side_by_side", lang))
    beside = comparability.side_by_side_by_program(
        rows, context.chosen_places, lang, context.program_order()
    )
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
            st.dataframe(
                charts.table_frame(side, lang),
                hide_index=True,
                column_config={t("col.quote", lang): st.column_config.TextColumn(width="large")},
            )
    if basis != "absolute":
        st.subheader(t("compare.denominators", lang))
        st.caption(t("compare.rates_note", lang))
        denominators = context.dataset.denominators if context.dataset is not None else None
        st.dataframe(charts.denominator_frame(rows, denominators, lang), hide_index=True)
