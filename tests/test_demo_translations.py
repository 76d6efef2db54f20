"""The demo is multilingual: key pages translated, translator logins."""

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from wagtail.models import Locale, Page

from events.models import EventOccurrence, EventPage
from groups.models import GroupPage
from home.models import AccessFeature, Area, Topic

pytestmark = pytest.mark.django_db


def test_demo_translations_translates_key_pages_once(client):
    call_command("demo_content", skip_index=True, verbosity=0)
    call_command("demo_governance", stdout=open("/dev/null", "w"))
    call_command("demo_translations", stdout=open("/dev/null", "w"))
    pages = Page.objects.count()
    for code in ["cy", "pl", "ur"]:
        locale = Locale.objects.get(language_code=code)
        translated = Page.objects.filter(locale=locale, alias_of__isnull=True, live=True)
        assert translated.filter(depth=2).exists()  # the home page
        assert GroupPage.objects.filter(locale=locale, alias_of__isnull=True).count() >= 3
        assert EventPage.objects.filter(locale=locale, alias_of__isnull=True).count() >= 3
        user = authenticate(username=f"translator-{code}", password=f"translator-{code}")
        assert user is not None
        assert user.groups.filter(name__startswith="Translators (").count() == 1

    # Urdu home page, what's on and a group page read right to left in Urdu.
    home = client.get("/ur/").content.decode()
    assert '<html lang="ur" dir="rtl">' in home
    assert "ہمارے شہر میں کیا ہو رہا ہے" in home
    whats_on = client.get("/ur/whats-on/").content.decode()
    assert "کیا ہو رہا ہے" in whats_on
    # Its introduction too, not the English one.
    assert "تمام اوقات برطانیہ کے وقت کے مطابق ہیں" in whats_on
    assert "All times are UK time" not in whats_on
    upcoming = {o.event.title for o in EventOccurrence.objects.upcoming(language="ur")}
    assert {"ریپیئر کیفے", "سلائی کی نشست"} <= upcoming

    # Every term a reader sees (topics, areas, access features) has its
    # version in every language: a new term without one fails here.
    for model in (Topic, Area, AccessFeature):
        english = set(
            model.objects.filter(locale=Locale.get_default()).values_list("slug", flat=True)
        )
        assert english
        for code in ["cy", "pl", "ur"]:
            named = set(
                model.objects.filter(locale__language_code=code).values_list("slug", flat=True)
            )
            assert english - named == set(), f"{model.__name__} untranslated in {code}"
    assert "سیڑھیوں کے بغیر رسائی" in whats_on  # the access filter, in Urdu
    assert "Step-free access" not in whats_on
    assert "Repair café" not in {title.split(",")[0] for title in upcoming}
    group = GroupPage.objects.get(locale__language_code="ur", title="ایشبی مور ریپیئر کیفے")
    assert client.get(group.url).status_code == 200

    # Running it again changes nothing.
    call_command("demo_translations", stdout=open("/dev/null", "w"))
    assert Page.objects.count() == pages
