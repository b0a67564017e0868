"""Environment defaults for the test run, loaded with ``-p tests.pytest_env`` before Django starts.

Tests run the real settings module; only what a developer machine lacks is filled in. Anything
already in the environment (DATABASE_URL for PostgreSQL, say) wins.
"""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "platform_survey.settings")
os.environ.setdefault("DEBUG", "true")
os.environ.setdefault("SECURE_SSL", "false")
# Tests hit the API far faster than a person; throttling has its own tests with their own rates.
os.environ.setdefault("API_ANON_RATE", "100000/min")
os.environ.setdefault("API_USER_RATE", "100000/min")
# The counter table's clean-up of expired rows runs on every n-th new counter (platform_survey/
# cache_backends.py); off here, so that query counts do not depend on how many tests ran before.
# tests/platform_survey/test_cache_backends.py turns it on where it is tested.
os.environ.setdefault("RATE_COUNTER_CLEANUP_EVERY", "0")
