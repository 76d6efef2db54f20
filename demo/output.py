"""What the demo tells the person running it, and what it keeps quiet."""

import logging
from contextlib import contextmanager

from django.core.management.color import color_style


class Output:
    """Lines for the person running the demo, at their chosen verbosity."""

    def __init__(self, stdout, verbosity):
        self.stdout = stdout
        self.verbosity = verbosity
        self.style = color_style()

    def __call__(self, message, style=None):
        if self.verbosity >= 1:
            self.stdout.write(style(message) if style else message)


@contextmanager
def wagtail_log_quietened():
    """Wagtail logs a line for every page created and published: hundreds here."""
    logger = logging.getLogger("wagtail")
    level = logger.level
    logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        logger.setLevel(level)
