"""Reference data shipped inside the package: UN regional groups and IGF host countries."""
from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Iterator



def N_(text: str) -> str:
    """Mark ``text`` for the translators (pybabel extract); it is translated where it is shown."""
    return text


REGIONAL_GROUPS: dict[str, str] = {
    "AFR": N_("African States"),
    "APG": N_("Asia-Pacific States"),
    "EEG": N_("Eastern European States"),
    "GRULAC": N_("Latin American and Caribbean States"),
    "WEOG": N_("Western European and other States"),
}


@dataclass(frozen=True)
class Country:
    """A UN Member State or observer State and the UN regional group it belongs to."""

    iso2: str
    iso3: str
    name: str
    regional_group: str | None
    un_member: bool
    developing: bool
    least_developed: bool
    small_island_developing: bool = False
    # World Economic Situation and Prospects class: "developed", "economy_in_transition" or
    # "developing".
    economy_class: str = ""

    @property
    def regional_group_name(self) -> str:
        """The group's full name, or a plain statement that the country has none."""
        return REGIONAL_GROUPS.get(self.regional_group or "", "No UN regional group")


@dataclass(frozen=True)
class HostYear:
    """The host of one year's annual IGF meeting; ``iso2`` is None when there was none."""

    year: int
    city: str
    country_name: str
    iso2: str | None


def _rows(filename: str) -> Iterator[dict[str, str]]:
    """Rows of a shipped CSV file, skipping its ``#`` comment lines."""
    text = resources.files(__name__).joinpath(filename).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if not line.startswith("#")]
    yield from csv.DictReader(lines)


@cache
def countries() -> dict[str, Country]:
    """Every country by ISO 3166 alpha-2 code, in the file's (alphabetical) order."""
    result = {}
    for row in _rows("un_regional_groups.csv"):
        result[row["iso2"]] = Country(
            iso2=row["iso2"],
            iso3=row["iso3"],
            name=row["name"],
            regional_group=row["regional_group"] or None,
            un_member=row["un_member"] == "true",
            developing=row["wesp2020_class"] in ("developing", "economy_in_transition"),
            least_developed=row["ldc"] == "true",
            small_island_developing=row["sids"] == "true",
            economy_class=row["wesp2020_class"],
        )
    return result


def regional_group_of(iso2: str | None) -> str | None:
    """The UN regional group code of a country, derived from its ISO code; never typed in."""
    country = countries().get((iso2 or "").upper())
    return country.regional_group if country else None


def country_name(iso2: str | None) -> str:
    """The country's name, or the code itself when it is not in the list."""
    country = countries().get((iso2 or "").upper())
    return country.name if country else (iso2 or "")


@cache
def igf_hosts() -> dict[int, HostYear]:
    """IGF annual meeting hosts by year, as shipped."""
    iso3_to_iso2 = {c.iso3: c.iso2 for c in countries().values()}
    hosts = {}
    for row in _rows("igf_host_countries.csv"):
        hosts[int(row["year"])] = HostYear(
            year=int(row["year"]),
            city=row["city"],
            country_name=row["country"],
            iso2=iso3_to_iso2.get(row["iso3"]),
        )
    return hosts
