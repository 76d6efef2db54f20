"""Production settings plus the benchmark's floor view (scripts/bench.py only)."""

from noticeboard.settings.production import *  # noqa: F403

ROOT_URLCONF = "bench_urls"
