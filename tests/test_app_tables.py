"""The page tables' layout: fitted once per table content, the same as measuring it afresh."""

from __future__ import annotations

import pandas as pd

from app_pages import _views
from povdash.render import charts


def test_a_table_is_fitted_as_measured_and_its_layout_follows_its_content() -> None:
    frame = pd.DataFrame({"地区 / Place": ["白城市", "柳河县"], "引文 / Quote": ["短", "也短"]})
    assert _views.kept_fit(frame, 600) == charts.fit_columns(frame, 600)
    same = frame.copy()  # another object with the same cells: the layout already measured
    assert _views.kept_fit(same, 600) is _views.kept_fit(frame, 600)
    longer = frame.copy()
    longer.loc[1, "引文 / Quote"] = "累计改造建档立卡贫困户危房948户，" * 12
    widths, height = _views.kept_fit(longer, 600)
    assert (widths, height) == charts.fit_columns(longer, 600)
    assert height > _views.kept_fit(frame, 600)[1]
    assert _views.kept_fit(longer, 300) == charts.fit_columns(longer, 300)
    wide = ("引文 / Quote",)
    assert _views.kept_fit(longer, 600, wide) == charts.fit_columns(longer, 600, wide=wide)


def test_a_frame_gone_takes_its_key_with_it() -> None:
    frame = pd.DataFrame({"a": ["x" * 40]})
    _views.table_key(frame)
    assert id(frame) in _views._TABLE_KEYS
    ident = id(frame)
    del frame
    assert ident not in _views._TABLE_KEYS
