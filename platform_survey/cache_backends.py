"""The rate-limit counters' stores (the ``limits`` cache alias): Redis, or a table when no Redis is set up.

Without Redis: a table of integers (``RateCounter``)
behind Django's cache API, with the operations the limiter needs, each **one SQL statement** and
atomic.

Django's DatabaseCache implements ``incr`` as get + set, so two workers counting at once can both
read 59 and both write 60: concurrent requests slipped past a limit (80 concurrent evaluation
starts created 76 against a limit of 60), and it counts its rows on every write to cull them, so a
busy page cache sharing its table evicts counters. Here ``incr`` is
``UPDATE … SET count = count + 1 … RETURNING "count"`` (the database serialises it on the row), and
``add`` is ``INSERT … ON CONFLICT DO UPDATE … WHERE expired`` — PostgreSQL and SQLite ≥ 3.35 both
have these. Nothing else is stored in the table, and only expired rows are ever deleted.
"""

from __future__ import annotations

import datetime as dt
import threading

from django.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from django.db import connections, router
from django.utils import timezone


class CounterCache(BaseCache):
    """Integers only: add, get, set, incr, decr, delete, clear. ``LOCATION`` is ignored.

    On an in-memory SQLite database — which exists only in a test run, never in production — and
    outside the main thread, the counters live in this process's memory instead: that is the
    browser tests' live server, whose request threads share the test's one connection, and their
    writes would collide. (In the main thread, the test client's, they stay in the table and roll
    back with each test.)
    """

    def __init__(self, location, params):
        super().__init__(params)
        from platform_survey.models import RateCounter

        self.model = RateCounter
        self._memory = None
        # Expired rows are deleted on every n-th successful add of this process (0: never). Counted,
        # not drawn at random, so that a request's statements are predictable (and tests exact).
        self._cleanup_every = int(params.get("OPTIONS", {}).get("CLEANUP_EVERY", 1000))
        self._adds = 0

    def uses_database(self) -> bool:
        return self._in_memory() is None

    def _in_memory(self):
        connection, _table = self._connection()
        if (
            connection.vendor == "sqlite"
            and connection.is_in_memory_db()
            and threading.current_thread() is not threading.main_thread()
        ):
            if self._memory is None:
                from django.core.cache.backends.locmem import LocMemCache

                self._memory = LocMemCache("rate-counters", {"OPTIONS": {"MAX_ENTRIES": 1_000_000}})
            return self._memory
        return None

    def _connection(self, write: bool = True):
        alias = router.db_for_write(self.model) if write else router.db_for_read(self.model)
        connection = connections[alias]
        return connection, connection.ops.quote_name(self.model._meta.db_table)

    def _expires(self, timeout) -> dt.datetime:
        if timeout is DEFAULT_TIMEOUT:
            timeout = self.default_timeout
        if timeout is None:
            timeout = 10 * 365 * 86400
        return timezone.now() + dt.timedelta(seconds=timeout)

    def _value(self, connection, value):
        return connection.ops.adapt_datetimefield_value(value)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        if (memory := self._in_memory()) is not None:
            return memory.add(key, value, timeout, version)
        key = self.make_and_validate_key(key, version=version)
        connection, table = self._connection()
        now = timezone.now()
        with connection.cursor() as cursor:
            cursor.execute(
                f'INSERT INTO {table} ("key", "count", "expires") VALUES (%s, %s, %s) '  # noqa: S608 - quoted name
                f'ON CONFLICT ("key") DO UPDATE SET "count" = excluded."count", "expires" = excluded."expires" '
                f'WHERE {table}."expires" <= %s RETURNING "count"',
                [key, int(value), self._value(connection, self._expires(timeout)), self._value(connection, now)],
            )
            added = cursor.fetchone() is not None
        if added and self._cleanup_every:
            self._adds += 1
            if self._adds % self._cleanup_every == 0:
                self.model.objects.filter(expires__lte=now).delete()
        return added

    def count(self, key, timeout, version=None) -> int:
        """Add one to the counter, starting it at 1 (expiring in ``timeout`` s) when it is absent
        or expired; the new count. One statement: the limiter's add-then-incr in one round trip."""
        if (memory := self._in_memory()) is not None:
            return 1 if memory.add(key, 1, timeout, version) else memory.incr(key, 1, version)
        key = self.make_and_validate_key(key, version=version)
        connection, table = self._connection()
        now = self._value(connection, timezone.now())
        with connection.cursor() as cursor:
            cursor.execute(
                f'INSERT INTO {table} ("key", "count", "expires") VALUES (%s, 1, %s) '  # noqa: S608 - quoted name
                f'ON CONFLICT ("key") DO UPDATE SET '
                f'"count" = CASE WHEN {table}."expires" <= %s THEN 1 ELSE {table}."count" + 1 END, '
                f'"expires" = CASE WHEN {table}."expires" <= %s THEN excluded."expires" ELSE {table}."expires" END '
                f'RETURNING "count"',
                [key, self._value(connection, self._expires(timeout)), now, now],
            )
            (count,) = cursor.fetchone()
        if count == 1 and self._cleanup_every:  # a new counter, as a successful add is
            self._adds += 1
            if self._adds % self._cleanup_every == 0:
                self.model.objects.filter(expires__lte=timezone.now()).delete()
        return count

    def get(self, key, default=None, version=None):
        if (memory := self._in_memory()) is not None:
            return memory.get(key, default, version)
        key = self.make_and_validate_key(key, version=version)
        row = self.model.objects.filter(key=key, expires__gt=timezone.now()).values_list("count", flat=True).first()
        return default if row is None else row

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        if (memory := self._in_memory()) is not None:
            return memory.set(key, value, timeout, version)
        key = self.make_and_validate_key(key, version=version)
        connection, table = self._connection()
        with connection.cursor() as cursor:
            cursor.execute(
                f'INSERT INTO {table} ("key", "count", "expires") VALUES (%s, %s, %s) '  # noqa: S608 - quoted name
                f'ON CONFLICT ("key") DO UPDATE SET "count" = excluded."count", "expires" = excluded."expires"',
                [key, int(value), self._value(connection, self._expires(timeout))],
            )

    def incr(self, key, delta=1, version=None):
        if (memory := self._in_memory()) is not None:
            return memory.incr(key, delta, version)
        key = self.make_and_validate_key(key, version=version)
        connection, table = self._connection()
        with connection.cursor() as cursor:
            cursor.execute(
                f'UPDATE {table} SET "count" = "count" + %s WHERE "key" = %s AND "expires" > %s RETURNING "count"',  # noqa: S608
                [int(delta), key, self._value(connection, timezone.now())],
            )
            row = cursor.fetchone()
        if row is None:
            raise ValueError(f"Key '{key}' not found")
        return row[0]

    def delete(self, key, version=None):
        if (memory := self._in_memory()) is not None:
            return memory.delete(key, version)
        key = self.make_and_validate_key(key, version=version)
        return self.model.objects.filter(key=key).delete()[0] > 0

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        if (memory := self._in_memory()) is not None:
            return memory.touch(key, timeout, version)
        key = self.make_and_validate_key(key, version=version)
        return self.model.objects.filter(key=key).update(expires=self._expires(timeout)) > 0

    def has_key(self, key, version=None):
        if (memory := self._in_memory()) is not None:
            return memory.has_key(key, version)
        return self.get(key, version=version) is not None

    def clear(self):
        if (memory := self._in_memory()) is not None:
            return memory.clear()
        self.model.objects.all().delete()


# With Redis (REDIS_URL), Django's RedisCache, with two changes for counters, which the limiter
# touches on every API request: ``incr`` is one atomic round trip (Django's checks EXISTS, then
# INCRs: two round trips, and a key that expires in between comes back as a counter with no expiry),
# and the client object is made once per connection pool, not once per operation (building one
# costs more than the round trip itself).

_INCR_IF_PRESENT = "if redis.call('EXISTS', KEYS[1]) == 1 then return redis.call('INCRBY', KEYS[1], ARGV[1]) end"
# The limiter's count (CounterCache.count): INCR creates a missing key at 1, which then gets its expiry.
_COUNT = (
    "local count = redis.call('INCR', KEYS[1]) "
    "if count == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end return count"
)


class _CounterRedisClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            client = self._clients[index] = self._client(connection_pool=self._get_connection_pool(write))
        return client

    def incr(self, key, delta):
        count = self.get_client(key, write=True).eval(_INCR_IF_PRESENT, 1, key, delta)
        if count is None:
            raise ValueError(f"Key '{key}' not found.")
        return count

    def count(self, key, timeout):
        return self.get_client(key, write=True).eval(_COUNT, 1, key, int(timeout))


class RedisCounterCache(RedisCache):
    """Django's RedisCache with a one-round-trip atomic ``incr`` and ``count`` and a reused client
    (see above)."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = _CounterRedisClient

    def count(self, key, timeout, version=None) -> int:
        key = self.make_and_validate_key(key, version=version)
        return self._cache.count(key, timeout)
