"""The shipped reference data: every member state has its UN regional group."""
from __future__ import annotations

import pytest

from selection.data import REGIONAL_GROUPS, countries, igf_hosts, regional_group_of


def test_every_member_state_has_one_of_the_five_groups() -> None:
    members = [c for c in countries().values() if c.un_member]
    assert len(members) == 193
    for country in members:
        assert country.regional_group in REGIONAL_GROUPS, country.name
        assert regional_group_of(country.iso2) == country.regional_group


def test_group_sizes_match_the_un_lists() -> None:
    sizes = {code: 0 for code in REGIONAL_GROUPS}
    for country in countries().values():
        if country.un_member:
            sizes[country.regional_group] += 1
    # DGACM: 54 African, 54 Asia-Pacific (with Cyprus and Kiribati), 23 Eastern European,
    # 33 Latin American and Caribbean, 29 WEOG counting Türkiye and the United States as the
    # UN does for elections.
    assert sizes == {"AFR": 54, "APG": 54, "EEG": 23, "GRULAC": 33, "WEOG": 29}


@pytest.mark.parametrize("iso2, group", [
    ("KE", "AFR"), ("EG", "AFR"), ("JP", "APG"), ("CY", "APG"), ("KI", "APG"), ("PL", "EEG"),
    ("BR", "GRULAC"), ("JM", "GRULAC"), ("TR", "WEOG"), ("US", "WEOG"), ("IL", "WEOG"), ("NO", "WEOG"),
    ("ke", "AFR"),
])
def test_known_countries(iso2: str, group: str) -> None:
    assert regional_group_of(iso2) == group


def test_observer_states_and_unknown_codes_have_no_group() -> None:
    assert regional_group_of("VA") is None
    assert regional_group_of("PS") is None
    assert regional_group_of("XX") is None
    assert regional_group_of(None) is None


def test_igf_hosts_by_year() -> None:
    hosts = igf_hosts()
    assert hosts[2006].iso2 == "GR"
    assert hosts[2020].iso2 is None  # online, no host country
    assert hosts[2025].iso2 == "NO"
    assert hosts[2026].iso2 is None  # not yet known: the ex officio seat may be vacant
    assert all(hosts[year].iso2 for year in range(2006, 2026) if year != 2020)
