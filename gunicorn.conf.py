"""gunicorn settings for production: `gunicorn -c gunicorn.conf.py platform_survey.wsgi`.

Environment: PORT / HOST (bind), WEB_CONCURRENCY (workers; default one per CPU core),
GUNICORN_THREADS (default 1), GUNICORN_TIMEOUT (default 30 s).
"""

import multiprocessing
import os

# All interfaces by default: in a container or VM the proxy reaches gunicorn from outside loopback.
bind = f"{os.environ.get('HOST', '0.0.0.0')}:{os.environ.get('PORT', '8000')}"  # noqa: S104
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count()))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5
# One line per request on stdout, as key=value pairs like the application's own log lines.
accesslog = "-"
errorlog = "-"
access_log_format = (
    'time=%(t)s level=INFO logger=access method=%(m)s path="%(U)s" status=%(s)s bytes=%(B)s duration_us=%(D)s'
)
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
