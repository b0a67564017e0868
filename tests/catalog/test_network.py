"""catalog/network.py: the performance bars of the network guide.

``bars`` reads only a report's ``higher_is_better`` and ``entries.all()``; the stand-ins below
give it exactly that, so each rule shows on numbers chosen for it."""

from types import SimpleNamespace

from catalog import network


def _report(values, *, higher_is_better=True):
    entries = [SimpleNamespace(rank=rank, value=value) for rank, value in enumerate(values, start=1)]
    return SimpleNamespace(higher_is_better=higher_is_better, entries=SimpleNamespace(all=lambda: entries))


def _widths(report) -> list[int]:
    return [bar.width for bar in network.bars(report)]


def test_bars_are_proportional_to_the_best_value_when_higher_is_better():
    assert _widths(_report([10, 5, 2.5])) == [100, 50, 25]


def test_bars_are_proportional_to_best_over_value_when_lower_is_better():
    assert _widths(_report([1, 2, 4], higher_is_better=False)) == [100, 50, 25]


def test_without_every_value_the_bars_step_by_rank_only():
    report = _report([10, None, None, None])

    assert _widths(report) == [100, 75, 50, 25]
    assert not network.has_values(report)


def test_a_bar_is_never_narrower_than_five_percent_and_widths_are_multiples_of_five():
    assert _widths(_report([1000, 1, 333])) == [100, 5, 35]


def test_a_report_without_entries_has_no_bars():
    assert network.bars(_report([])) == []
