"""The interface is translated: complete catalogues, compiled, and used."""

from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import translation

LOCALE = Path(settings.BASE_DIR) / "locale"
LANGUAGES = ["cy", "pl", "ur"]


@pytest.mark.parametrize("code", LANGUAGES)
def test_catalogue_is_complete(code):
    po = polib.pofile(str(LOCALE / code / "LC_MESSAGES" / "django.po"))
    assert len(po) > 300
    assert [e.msgid for e in po if not e.translated()] == []
    assert [e.msgid for e in po if "fuzzy" in e.flags] == []


@pytest.mark.parametrize("code", LANGUAGES)
def test_compiled_catalogue_matches_the_po_file(code):
    """The committed .mo carries every translation of the .po file."""
    po = polib.pofile(str(LOCALE / code / "LC_MESSAGES" / "django.po"))
    with translation.override(code):
        for entry in po:
            if entry.msgid_plural or entry.msgctxt:
                continue
            assert translation.gettext(entry.msgid) == entry.msgstr, entry.msgid


@pytest.mark.django_db
def test_urdu_home_page_shows_urdu_interface(site_tree, client):
    call_command("sync_locales", stdout=open("/dev/null", "w"))
    html = client.get("/ur/").content.decode()
    assert '<html lang="ur" dir="rtl">' in html
    assert "اصل مواد پر جائیں" in html  # Skip to main content
    assert ">تلاش</button>" in html  # Search
    assert "Skip to main content" not in html
    welsh = client.get("/cy/").content.decode()
    assert "Neidio i'r prif gynnwys" in welsh or "Neidio i&#x27;r prif gynnwys" in welsh


def test_e_mails_are_translated():
    from types import SimpleNamespace

    from django.template.loader import render_to_string

    context = {
        "site_name": "Noticeboard",
        "submission": SimpleNamespace(name="Ola"),
        "title": "Piknik",
        "confirm_url": "https://example.org/c/1",
    }
    english = render_to_string("moderation/mail/confirm_submission.txt", context)
    assert english.startswith("Please confirm your suggestion for Noticeboard\nHello Ola,")
    with translation.override("pl"):
        polish = render_to_string("moderation/mail/confirm_submission.txt", context)
    assert polish.startswith("Potwierdź swoją propozycję dla serwisu Noticeboard\n")
    assert "Dzień dobry, Ola!" in polish
    assert "https://example.org/c/1" in polish
