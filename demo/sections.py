"""The sections of the demo, in the order ``manage.py demo`` builds them.

Each section is a module of this app with a builder ``build_<name>(stdout)``
that is idempotent (running it again changes nothing) and says what it did on
``stdout``. A later section may rely on an earlier one (governance and
translations need the town's groups).

To add a section, write its module and add one line here. A section whose
module is not there (yet) is left out, so a section can be registered before
its module is merged.
"""

import importlib
import importlib.util

from .output import wagtail_log_quietened

# (module in this app, its builder)
SECTIONS = [
    ("content", "build_content"),
    ("governance", "build_governance"),
    ("translations", "build_translations"),
    ("have_your_say", "build_have_your_say"),
]


def builders(sections=None):
    """(name, builder) of each section whose module exists, in order."""
    found = []
    for module_name, function_name in SECTIONS if sections is None else sections:
        path = f"{__package__}.{module_name}"
        if importlib.util.find_spec(path) is None:
            continue
        found.append((module_name, getattr(importlib.import_module(path), function_name)))
    return found


def build_all(stdout, sections=None, scale=1):
    """Build every section of the demo in order; returns the names built.
    ``scale`` multiplies the town (the content section) for benchmarks."""
    built = []
    with wagtail_log_quietened():
        for name, builder in builders(sections):
            if name == "content" and scale != 1:
                builder(stdout, scale=scale)
            else:
                builder(stdout)
            built.append(name)
    return built
