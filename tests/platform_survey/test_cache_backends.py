"""platform_survey/cache_backends.py: the rate-limit counters' table store (CounterCache), used when
no Redis is set up. Counters expire; an expired counter is gone for get and incr and may be added
afresh, while a live one is never reset by add. Time moves with time-machine, not by waiting."""

import datetime as dt

import pytest
import time_machine
from django.core.cache import caches
from django.utils import timezone

from platform_survey.cache_backends import CounterCache

pytestmark = pytest.mark.django_db


@pytest.fixture
def counters() -> CounterCache:
    cache = caches["limits"]
    if not isinstance(cache, CounterCache):
        pytest.skip("REDIS_URL is set: the counters live in Redis")
    return cache


def test_a_counter_counts_until_its_window_ends_and_then_starts_again(counters):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        assert counters.add("window", 0, 60)
        assert [counters.incr("window") for _ in range(3)] == [1, 2, 3]
    with time_machine.travel(start + dt.timedelta(seconds=59), tick=False):
        assert counters.get("window") == 3
        assert not counters.add("window", 0, 60)
    with time_machine.travel(start + dt.timedelta(seconds=61), tick=False):
        assert counters.get("window") is None
        with pytest.raises(ValueError, match="not found"):
            counters.incr("window")
        assert counters.add("window", 0, 60)
        assert counters.incr("window") == 1


def test_set_touch_and_delete_work_on_one_counter(counters):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        counters.set("counter", 7, 10)
        assert counters.has_key("counter")
        assert counters.touch("counter", 100)
    with time_machine.travel(start + dt.timedelta(seconds=50), tick=False):
        assert counters.get("counter") == 7  # touched: still live after its first 10 seconds
        assert counters.delete("counter")
        assert not counters.has_key("counter")
        assert not counters.delete("counter")


def test_clear_removes_every_counter(counters):
    counters.set("one", 1)
    counters.set("two", 2)

    counters.clear()

    assert (counters.get("one"), counters.get("two")) == (None, None)


def test_every_nth_new_counter_deletes_the_expired_rows_and_only_those():
    from platform_survey.models import RateCounter

    cleaning = CounterCache("", {"OPTIONS": {"CLEANUP_EVERY": 2}})
    cleaning.set("expired", 5, timeout=-1)
    cleaning.set("live", 5, timeout=60)

    assert cleaning.add("first", 0, 60)  # the first new counter: no clean-up yet
    assert RateCounter.objects.filter(key__endswith="expired").exists()
    assert cleaning.add("second", 0, 60)  # the second: expired rows go, live ones stay
    assert not RateCounter.objects.filter(key__endswith="expired").exists()
    assert cleaning.get("live") == 5
    assert cleaning.get("first") == 0


def test_the_clean_up_is_off_when_cleanup_every_is_zero():
    from platform_survey.models import RateCounter

    never = CounterCache("", {"OPTIONS": {"CLEANUP_EVERY": 0}})
    never.set("expired", 5, timeout=-1)
    for index in range(5):
        never.add(f"new-{index}", 0, 60)

    assert RateCounter.objects.filter(key__endswith="expired").exists()


def test_count_starts_a_counter_at_one_and_adds_one_in_a_single_statement(counters, django_assert_num_queries):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        with django_assert_num_queries(1):
            assert counters.count("counted", 60) == 1
        with django_assert_num_queries(1):
            assert counters.count("counted", 60) == 2
    with time_machine.travel(start + dt.timedelta(seconds=59), tick=False):
        assert counters.count("counted", 60) == 3  # a live counter keeps its window
    with time_machine.travel(start + dt.timedelta(seconds=61), tick=False):
        assert counters.get("counted") is None  # the window ended at start + 60 s, not 60 s after the last count
        assert counters.count("counted", 60) == 1
        assert counters.get("counted") == 1
