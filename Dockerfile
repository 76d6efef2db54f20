# syntax=docker/dockerfile:1
# Noticeboard production image: gunicorn serving noticeboard.wsgi on port 8000,
# static files collected at build time and served by whitenoise.
#
#   docker build -t noticeboard .
#   docker run --rm -p 8000:8000 -e SECRET_KEY=... -e ALLOWED_HOSTS=... noticeboard
#
# Configuration is by environment variable (README, "Configuration"). The same
# image runs every process role (docs/operations.md): the web server (the
# default command), the worker (python manage.py db_worker) and the scheduler
# (python manage.py run_scheduler); compose.yaml starts all of them.

# The base image, pinned to one Python release on one Debian release; for
# builds that must be byte-for-byte repeatable, add its digest
# (python:3.11.14-slim-bookworm@sha256:…) from `docker buildx imagetools inspect`.
ARG PYTHON_IMAGE=python:3.11.14-slim-bookworm

# --- builder: the runtime dependencies, at the versions pinned in requirements.lock
FROM ${PYTHON_IMAGE} AS builder

ENV PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1 \
    PYTHONDONTWRITEBYTECODE=1

WORKDIR /build
COPY requirements.lock ./
# requirements.lock holds only what running needs (the test and lint tools are
# in requirements-dev.lock).
RUN python -m venv /opt/venv \
    && /opt/venv/bin/pip install -r requirements.lock \
    && /opt/venv/bin/pip check

# --- final image
FROM ${PYTHON_IMAGE}

ENV PATH=/opt/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    DJANGO_SETTINGS_MODULE=noticeboard.settings.production \
    STATIC_ROOT=/app/staticfiles \
    MEDIA_ROOT=/data/media \
    SERVE_MEDIA=true \
    DATABASE_URL=sqlite:////data/db.sqlite3 \
    WEB_CONCURRENCY=3

# The site runs as an unprivileged user that can write only to /data
# (the default SQLite database and uploaded media; mount a volume there).
RUN groupadd --system --gid 10001 noticeboard \
    && useradd --system --uid 10001 --gid noticeboard --home-dir /app --no-create-home \
        --shell /usr/sbin/nologin noticeboard \
    && mkdir -p /data/media \
    && chown -R noticeboard:noticeboard /data

COPY --from=builder /opt/venv /opt/venv
WORKDIR /app
COPY . /app

# Hashed, compressed static files, collected once at build time. The key is a
# build-only placeholder: production settings refuse to start without one, and
# collectstatic uses it for nothing. The running container needs its own.
RUN SECRET_KEY=build-only-placeholder-not-used-at-run-time \
    python manage.py collectstatic --no-input --verbosity 0

USER 10001:10001
VOLUME ["/data"]
EXPOSE 8000

# Liveness of the web process (/health/ answers before host checks and the
# HTTPS redirect). Python, as the slim image has no curl. The worker and the
# scheduler have their own checks in compose.yaml.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import urllib.request, sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/health/', timeout=4).status != 200)"]

# gunicorn reads gunicorn.conf.py from /app: bind 0.0.0.0:8000, WEB_CONCURRENCY
# workers, FORWARDED_ALLOW_IPS, the access log, no control socket (its default
# place, under $HOME, is not writable here). Migrations are a separate
# one-off command: docker run ... noticeboard python manage.py migrate
CMD ["gunicorn", "noticeboard.wsgi"]
