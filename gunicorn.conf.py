"""gunicorn's settings for Noticeboard, read from the current directory by
``gunicorn noticeboard.wsgi`` (the Docker image, CI and docs/operations.md).

Command-line options still win, e.g. ``--bind``; the rest comes from the
environment (docs/operations.md, "Processes").
"""

import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
# WEB_CONCURRENCY is read by gunicorn itself; a default for when it is unset.
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
# Long enough for a slow page, short enough that a stuck worker is replaced.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
# Behind a load balancer that keeps connections open between requests.
keepalive = 5
# Recycle workers now and then, so a slow leak never grows.
max_requests = 2000
max_requests_jitter = 200

# Which proxies may tell gunicorn the scheme (X-Forwarded-Proto); the
# visitor's address for the site's own use is TRUSTED_PROXY_COUNT's business
# (noticeboard/client_address.py). Comma-separated addresses, or * inside a
# private network where only the proxy can reach the app.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# The heartbeat files of the workers: in memory, not on the image's disk
# (which may be read-only or slow), where /dev/shm exists.
if os.path.isdir("/dev/shm"):
    worker_tmp_dir = "/dev/shm"

# gunicorn's control socket (gunicornc) would be created under $HOME, which
# the image's unprivileged user cannot write and two instances on one machine
# would share; nothing here uses it.
control_socket_disable = True

# Access log on stdout with the visitor's address as the proxy gave it and
# the request id the site answered with (set GUNICORN_ACCESS_LOG=false to
# leave request lines to the site's own JSON log, LOG_FORMAT=json).
if os.environ.get("GUNICORN_ACCESS_LOG", "true").lower() in {"1", "true", "yes", "on"}:
    accesslog = "-"
    access_log_format = (
        '%(h)s forwarded-for="%({x-forwarded-for}i)s" "%(r)s" %(s)s %(B)s %(M)sms '
        'id=%({x-request-id}o)s "%(a)s"'
    )
errorlog = "-"
