"""The response cache's store and neighbours (platform_survey/response_cache.py, settings.CACHES,
platform_survey/cache_backends.py): clearing it loses no session and no counter; the counter stores
are what the limiter needs. Pages: test_page_cache.py; API: test_api_read_cache.py and
test_response_cache_front_door.py."""

import time
import uuid

import pytest
from django.core.cache import caches
from django.db import connection

from platform_survey import limits
from platform_survey.cache_backends import RedisCounterCache

pytestmark = pytest.mark.django_db

PAGE = "/technologies/kubernetes/"


def test_sessions_and_counters_survive_a_full_clear_of_the_response_cache(client, django_user_model):
    django_user_model.objects.create_user("gil", password="gil-long-password-1")
    assert client.login(username="gil", password="gil-long-password-1")
    for _ in range(3):
        limits.usage("test:survive", "gil", 10, 3600, increment=True)
    client.get(PAGE)

    caches["default"].clear()  # the response cache, all of it

    assert ">gil</a>" in client.get(PAGE).content.decode()  # still signed in
    assert limits.usage("test:survive", "gil", 10, 3600, increment=False).count == 3


def test_the_response_cache_is_not_the_counters_store():
    assert caches["limits"] is not caches["default"]
    assert type(caches["limits"]).__module__ != "django.core.cache.backends.locmem"


def test_the_counter_table_is_unlogged_on_postgresql():
    """Each API request writes a counter; an unlogged table spares every commit a WAL flush."""
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only: SQLite has no unlogged tables")
    with connection.cursor() as cursor:
        cursor.execute("SELECT relpersistence FROM pg_class WHERE relname = 'platform_survey_ratecounter'")
        assert cursor.fetchone() == ("u",)


@pytest.fixture
def redis_counters():
    redis = pytest.importorskip("redis")
    try:
        redis.Redis.from_url("redis://127.0.0.1:6379/15", socket_connect_timeout=0.5).ping()
    except redis.ConnectionError:
        pytest.skip("no Redis at 127.0.0.1:6379")
    cache = RedisCounterCache("redis://127.0.0.1:6379/15", {"KEY_PREFIX": f"test-{uuid.uuid4().hex}"})
    yield cache
    client = cache._cache.get_client(write=True)
    for key in client.scan_iter(f"{cache.key_prefix}*"):
        client.delete(key)


def test_redis_counters_increment_atomically_in_one_round_trip_and_keep_their_expiry(redis_counters):
    cache = redis_counters
    client = cache._cache.get_client(write=True)
    assert cache._cache.get_client(write=True) is client  # one client, not one per operation

    assert cache.add("window", 1, timeout=60)
    commands = []
    original = client.execute_command
    client.execute_command = lambda *args, **kwargs: commands.append(args[0]) or original(*args, **kwargs)
    try:
        assert cache.incr("window") == 2
    finally:
        del client.execute_command
    assert commands == ["EVAL"]
    assert 0 < client.ttl(cache.make_key("window")) <= 60
    assert cache.decr("window") == 1
    with pytest.raises(ValueError, match="not found"):
        cache.incr("never-added")
    assert client.exists(cache.make_key("never-added")) == 0  # not created without an expiry


def test_redis_counters_expire(redis_counters):
    redis_counters.add("short", 5, timeout=1)
    time.sleep(1.2)

    with pytest.raises(ValueError, match="not found"):
        redis_counters.incr("short")


def test_a_redis_count_is_one_round_trip_that_sets_the_expiry_only_on_creation(redis_counters):
    cache = redis_counters
    client = cache._cache.get_client(write=True)
    commands = []
    original = client.execute_command
    client.execute_command = lambda *args, **kwargs: commands.append(args[0]) or original(*args, **kwargs)
    try:
        assert [cache.count("counted", 60) for _ in range(3)] == [1, 2, 3]
    finally:
        del client.execute_command
    assert commands == ["EVAL", "EVAL", "EVAL"]
    key = cache.make_key("counted")
    client.expire(key, 30)
    assert cache.count("counted", 60) == 4
    assert 0 < client.ttl(key) <= 30  # counting again does not stretch the window


def test_the_limiter_counts_a_request_in_one_statement_of_the_counter_table(django_assert_num_queries):
    if not getattr(caches["limits"], "uses_database", lambda: False)():
        pytest.skip("REDIS_URL is set: the counters live in Redis")
    limits.usage("test:one-statement", "ada", 10, 3600, increment=True)
    with django_assert_num_queries(1):
        second = limits.usage("test:one-statement", "ada", 10, 3600, increment=True)
    assert second.count == 2
    assert not second.exceeded
    assert 0 < second.retry_after <= 3600
    assert limits.usage("test:one-statement", "ada", 10, 3600, increment=False).count == 2
