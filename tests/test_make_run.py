"""What a new user sees from `make run`: the server's own start-up lines, then,
last on screen, the address, the demo logins that exist and where e-mails go."""

from pathlib import Path

import pytest
from django.test import override_settings

from demo.management.commands.serve import RULE, welcome

from .factories import UserFactory

MAKEFILE = (Path(__file__).resolve().parent.parent / "Makefile").read_text()

LOGINS = [("admin", "site administrator"), ("moderator", "moderator")]


@pytest.mark.django_db
@override_settings(
    NOTICEBOARD_DEMO_LOGINS=LOGINS,
    EMAIL_BACKEND="django.core.mail.backends.console.EmailBackend",
)
def test_the_welcome_names_the_address_the_logins_and_the_mail():
    UserFactory(username="admin")
    text = welcome("http://127.0.0.1:8124/")
    assert "http://127.0.0.1:8124/" in text
    assert "http://127.0.0.1:8124/admin/" in text
    assert "admin          site administrator".replace("          ", "  ") in text
    assert "moderator" not in text  # not created (yet): not offered
    assert "printed here" in text
    assert text.endswith(RULE)


def test_make_run_serves_with_the_welcome_and_sets_the_site_address_first():
    run = MAKEFILE[MAKEFILE.index("\nrun:") :].split("\n\n")[0]
    assert "manage.py serve $(HOST):$(PORT)" in run
    demo = MAKEFILE[MAKEFILE.index("\ndemo:") :].split("\n\n")[0]
    assert demo.index("set_site_url") < demo.index("manage.py demo")
    assert "export HOST PORT" in MAKEFILE
    # Running needs the runtime only; the test and lint tools come with make test.
    assert "run: demo" in MAKEFILE and "demo: install\n" in MAKEFILE
