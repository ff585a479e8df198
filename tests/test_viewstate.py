"""URL query parameters <-> view state: known keys and allowed values only."""

from __future__ import annotations

import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from povdash.views import viewstate
from povdash.views.viewstate import ViewState
from tests.test_charts import sample_table

PLACES = ["jilin", "baicheng", "taonan", "liuhe"]
PROGRAMS = ["LC-HOUSE", "HC-HLTH", "INC-CRED"]


def parse(params: dict) -> ViewState:
    return viewstate.parse(params, PLACES, PROGRAMS)


def test_defaults_compare_baicheng_and_liuhe() -> None:
    state = parse({})
    assert state == ViewState(lang="both", places=("baicheng", "liuhe"), programs=(), period="all")
    assert viewstate.serialise(state) == {}


def test_known_values_are_read() -> None:
    state = parse(
        {
            "lang": "en",
            "places": "liuhe,taonan",
            "programs": ["LC-HOUSE", "HC-HLTH"],
            "period": "cumulative",
            "basis": "per_10k_residents",
        }
    )
    assert state.lang == "en"
    assert state.places == ("liuhe", "taonan")
    assert state.programs == ("LC-HOUSE", "HC-HLTH")
    assert state.period == "cumulative"
    assert state.basis == "per_10k_residents"


def test_unknown_keys_and_values_are_ignored() -> None:
    state = parse(
        {
            "lang": "fr",
            "places": "baicheng,<script>,nowhere,baicheng",
            "programs": "DROP TABLE",
            "period": "forever",
            "basis": "__import__('os')",
            "evil": "x",
        }
    )
    assert state.lang == "both"
    assert state.places == ("baicheng",)
    assert state.programs == ()
    assert state.period == "all" and state.basis == "absolute"


def test_explicit_empty_places_is_the_empty_state() -> None:
    assert parse({"places": ""}).places == ()
    assert parse({"places": "nowhere"}).places == ("baicheng", "liuhe")


def test_round_trip() -> None:
    state = ViewState("zh", ("liuhe",), ("INC-CRED",), "as_of", "per_admin_village")
    assert parse(viewstate.serialise(state)) == state


@given(
    st.sampled_from(viewstate.LANGS),
    st.lists(st.sampled_from(PLACES), unique=True),
    st.lists(st.sampled_from(PROGRAMS), unique=True),
    st.sampled_from(viewstate.PERIOD_KINDS),
    st.sampled_from(viewstate.BASES),
)
def test_round_trip_any_state(lang, places, programs, period, basis) -> None:
    state = ViewState(lang, tuple(places), tuple(programs), period, basis)
    assert parse(viewstate.serialise(state)) == state


@given(st.dictionaries(st.text(max_size=8), st.text(max_size=20), max_size=6))
def test_any_url_parses_to_a_valid_state(params: dict) -> None:
    state = parse(params)
    assert state.lang in viewstate.LANGS
    assert set(state.places) <= set(PLACES)
    assert state.period in viewstate.PERIOD_KINDS and state.basis in viewstate.BASES


def test_select_rows_filters_places_children_programs_and_period() -> None:
    table = sample_table()
    both = viewstate.select_rows(table, ["baicheng", "liuhe"])
    assert "taonan" in set(both["place"])  # a child of Baicheng comes with it
    liuhe = viewstate.select_rows(table, ["liuhe"])
    assert set(liuhe["place"]) == {"liuhe"}
    housing = viewstate.select_rows(table, ["baicheng", "liuhe"], ["LC-HOUSE"])
    assert sorted(housing["obs_id"]) == ["bc-house", "lh-house"]
    cumulative = viewstate.select_rows(table, ["baicheng", "liuhe"], period="cumulative")
    assert sorted(cumulative["obs_id"]) == ["lh-house", "lh-med"]
    annual = viewstate.select_rows(table, ["baicheng"], period="annual")
    assert "tn-wind" not in set(annual["obs_id"]) and "bc-house" in set(annual["obs_id"])
    assert viewstate.select_rows(table, []).empty
    assert viewstate.select_rows(pd.DataFrame(), ["liuhe"]).empty


def test_search_rows_matches_labels_and_quotes() -> None:
    table = sample_table()
    assert viewstate.search_rows(table, "危房")["obs_id"].tolist() == ["bc-house", "lh-house"]
    assert viewstate.search_rows(table, "MICROCREDIT")["obs_id"].tolist() == ["bc-credit"]
    assert len(viewstate.search_rows(table, "  ")) == len(table)
    only = viewstate.search_rows(table, "", ["loan_rate"])
    assert only["obs_id"].tolist() == ["bc-rate"]


def test_a_choice_keeps_ids_the_data_lacks_until_their_file_loads_cleanly() -> None:
    from povdash.views.viewstate import keep_choice

    before = ("liuhe", "baicheng")
    # places.yaml half-written: liuhe is no longer available, the widget still holds both
    assert keep_choice(before, list(before), before, ["baicheng"], False) == (
        before,
        (),
    )
    # the user removes baicheng meanwhile: liuhe, never shown, stays
    assert keep_choice(before, [], ["baicheng"], ["baicheng"], False) == (("liuhe",), ())
    # the file is back: liuhe is offered again and kept, although the widget did not show it
    assert keep_choice(before, ["baicheng"], ["baicheng"], ["baicheng", "liuhe"], True) == (
        before,
        (),
    )
    # the file loads cleanly without liuhe: it is gone, and said to be
    assert keep_choice(before, ["baicheng"], ["baicheng"], ["baicheng"], True) == (
        ("baicheng",),
        ("liuhe",),
    )
    # an offered id the user took out is out; one the user added comes last
    assert keep_choice(before, ["taonan"], before, ["baicheng", "liuhe", "taonan"], True) == (
        ("taonan",),
        (),
    )


def test_requested_ids_keep_only_id_shaped_values() -> None:
    from povdash.data.load import ID
    from povdash.views.viewstate import MAX_IDS, requested

    assert requested(["liuhe,<b>x</b>, baicheng", "liuhe"], ID) == ("liuhe", "baicheng")
    assert requested(None, ID) == ()
    assert len(requested(",".join(f"p{i}" for i in range(500)), ID)) == MAX_IDS
