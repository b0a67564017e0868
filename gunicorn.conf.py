"""gunicorn settings for production: `gunicorn -c gunicorn.conf.py platform_survey.wsgi`.

Environment: BIND (e.g. unix:/run/platform-survey.sock) or HOST / PORT (default 127.0.0.1:8000:
loopback, for a proxy on the same host), WEB_CONCURRENCY (workers; default one per CPU core),
GUNICORN_THREADS (default 1), GUNICORN_TIMEOUT (default 30 s), TRUSTED_PROXY (the proxy's
addresses; gunicorn's forwarded_allow_ips, and the app's own check, TrustedProxyMiddleware).
"""

import multiprocessing
import os

# Loopback by default: only a proxy on the same host reaches gunicorn. In a container whose proxy is
# elsewhere set HOST=0.0.0.0 (and TRUSTED_PROXY to the proxy's address), or BIND to a socket.
bind = os.environ.get("BIND") or f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
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
# gunicorn believes X-Forwarded-Proto/-For only from these (none unless configured).
# An empty string means none; "*" (trust everyone) is never the default.
forwarded_allow_ips = ",".join(
    address.strip()
    for address in (os.environ.get("TRUSTED_PROXY") or os.environ.get("FORWARDED_ALLOW_IPS", "")).split(",")
    if address.strip()
)
# Errors gunicorn answers itself (request line or header too long / too many, malformed request):
# the limits are gunicorn's defaults, and the proxy should enforce smaller ones of its own.
limit_request_line = 4094
limit_request_fields = 100
limit_request_field_size = 8190
