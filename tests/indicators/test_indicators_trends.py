"""The indicators carry each scope's change since N-1 and its dependency: départements, regions, France."""

import pytest

from officereport import indicators
from officereport.model import EXPORT
from productfactory import trade_data
from twoyears import CURRENT, PREVIOUS


@pytest.fixture(scope="module")
def nat():
    return indicators.compute_national(trade_data(CURRENT), 2024, previous=trade_data(PREVIOUS), focus="CN")


def test_region_and_france_sum_their_departements(nat):
    region = nat.departements["43"].region
    assert nat.departements["01"].region is region  # Ain and Haute-Loire: one region
    for area in (region, nat.france):
        t = area.evolution.totals
        assert (t.exports_eur, t.exports_eur_previous) == (1_010_000, 600_000)
        assert (t.imports_eur, t.imports_eur_previous) == (400_000, 300_000)

def test_dependency_is_per_departement(nat):
    # Haute-Loire's export partner countries: DE 500 000, US 200 000, BE 100 000 (QU is no country).
    assert nat.departements["43"].dependency.exports.top1_share_pct == pytest.approx(100 * 500_000 / 800_000)
    assert nat.departements["01"].dependency.exports.top1_share_pct == pytest.approx(100.0)


def test_focus_country_is_passed_through(nat):
    focus = nat.departements["43"].dependency.focus
    assert (focus.country, focus.export_share_pct, focus.import_share_pct) == ("CN", 0.0, pytest.approx(67.5))


def test_national_evolution_lists_every_departement(nat):
    assert len(nat.evolution.departements) == 101
    assert [d.code for d in nat.evolution.largest_rises(EXPORT)] == ["43", "01"]
    assert nat.evolution.largest_falls(EXPORT) == []


def test_without_previous_year_nothing_but_dependency():
    nat = indicators.compute_national(trade_data(CURRENT), 2024)
    assert nat.evolution is None
    assert nat.departements["43"].evolution is None and nat.france.evolution is None
    assert nat.departements["43"].dependency.focus.country == "US"
