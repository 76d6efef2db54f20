"""`manage.py demo` builds every registered section of the demo, in order,
and leaves out a section whose module is not there."""

import io
import sys
import types

import pytest
from django.core.management import call_command

from demo import sections


@pytest.fixture
def fake_sections(monkeypatch):
    """Two sections in throw-away modules of the demo package, and one whose
    module does not exist."""
    calls = []
    for name in ("first_fake", "second_fake"):
        module = types.ModuleType(f"demo.{name}")
        module.__spec__ = types.SimpleNamespace(name=module.__name__)

        def build(stdout, name=name):
            calls.append(name)
            stdout.write(f"built {name}")

        setattr(module, f"build_{name}", build)
        monkeypatch.setitem(sys.modules, module.__name__, module)
    monkeypatch.setattr(
        sections,
        "SECTIONS",
        [
            ("second_fake", "build_second_fake"),
            ("not_written_yet", "build_not_written_yet"),
            ("first_fake", "build_first_fake"),
        ],
    )
    return calls


def test_the_demo_command_builds_the_registered_sections_in_order(fake_sections):
    out = io.StringIO()
    call_command("demo", stdout=out)
    assert fake_sections == ["second_fake", "first_fake"]
    assert out.getvalue().splitlines() == ["built second_fake", "built first_fake"]


def test_every_section_of_the_demo_is_registered_once():
    names = [module for module, _builder in sections.SECTIONS]
    assert names[:3] == ["content", "governance", "translations"]
    assert len(names) == len(set(names))
    # Each builder is named for its module, as a new section's must be.
    assert all(builder == f"build_{module}" for module, builder in sections.SECTIONS)
    assert ("have_your_say", "build_have_your_say") in sections.SECTIONS
    built = [name for name, _builder in sections.builders()]
    assert built[:3] == ["content", "governance", "translations"]
