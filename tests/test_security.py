"""Trust at the seams: the client address behind proxies, the headers every
response carries, the login lockout, the rate limits, two-step sign-in and
public suggestions a moderator can always open (docs/security.md)."""

import datetime
import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client, RequestFactory, override_settings
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from moderation.models import PublicSubmission
from moderation.submissions import plain_text_html
from noticeboard.client_address import client_ip

from .factories import EventPageFactory, UserFactory, publish
from .helpers import confirm_link, suggest, suggest_event_url
from .helpers import event_suggestion as event_data

pytestmark = pytest.mark.django_db


# --- The client's address ---------------------------------------------------


def request_from(remote, forwarded=None):
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **meta)


@pytest.mark.parametrize(
    ("proxies", "remote", "forwarded", "expected"),
    [
        # No trusted proxy: the header is anyone's to forge.
        (0, "203.0.113.9", "198.51.100.1", "203.0.113.9"),
        # One proxy: the entry it appended, not what the client wrote before it.
        (1, "10.0.0.2", "6.6.6.6, 198.51.100.1", "198.51.100.1"),
        (2, "10.0.0.2", "6.6.6.6, 198.51.100.1, 10.0.0.1", "198.51.100.1"),
        # Fewer hops than proxies: the furthest one there is.
        (2, "10.0.0.2", "198.51.100.1", "198.51.100.1"),
        # No header, or rubbish in it: the socket's address.
        (1, "10.0.0.2", None, "10.0.0.2"),
        (1, "10.0.0.2", "not-an-address", "10.0.0.2"),
        (1, "10.0.0.2", "2001:DB8::1", "2001:db8::1"),
    ],
)
def test_client_ip_reads_behind_the_trusted_proxies_only(proxies, remote, forwarded, expected):
    with override_settings(TRUSTED_PROXY_COUNT=proxies):
        assert client_ip(request_from(remote, forwarded)) == expected


# --- Headers ------------------------------------------------------------------


def policy(response):
    return dict(
        (part.split(" ", 1) + [""])[:2]
        for part in (p.strip() for p in response["Content-Security-Policy"].split(";"))
        if part
    )


def test_public_pages_have_a_strict_policy_and_the_other_headers(client, site_tree):
    response = client.get("/")
    assert response.status_code == 200
    csp = policy(response)
    assert csp["default-src"] == "'none'"
    assert "'unsafe-inline'" not in csp["script-src"]
    assert "'unsafe-eval'" not in csp["script-src"]
    assert csp["frame-ancestors"] == "'none'"
    assert csp["object-src"] == "'none'"
    assert "geolocation=(self)" in response["Permissions-Policy"]
    assert "camera=()" in response["Permissions-Policy"]
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"]


@pytest.mark.parametrize("prefix", ["", "/ur"])
def test_every_public_response_has_the_policy(client, site_tree, prefix):
    for path in ["/", "/search/?q=x", "/community/suggest-an-event/", "/no-such-page/"]:
        response = client.get(prefix + path)
        assert "'unsafe-inline'" not in policy(response)["script-src"], path


def test_the_json_ld_block_carries_the_responses_nonce(client, site_tree):
    event = publish(EventPageFactory(parent=site_tree["whats_on"], title="Quiz night"))
    response = client.get(event.url)
    html = response.content.decode()
    nonce = re.search(r'<script type="application/ld\+json" nonce="([^"]+)"', html).group(1)
    assert f"'nonce-{nonce}'" in policy(response)["script-src"]
    # Each response has its own.
    assert nonce not in client.get(event.url)["Content-Security-Policy"]


def test_the_admin_has_its_own_policy(client, site_admin):
    client.force_login(site_admin)
    response = client.get(reverse("wagtailadmin_home"))
    csp = policy(response)
    assert csp["default-src"] == "'self'"
    assert csp["frame-ancestors"] == "'self'"
    assert "https:" not in response["Content-Security-Policy"]


def test_media_on_object_storage_is_allowed_as_images(client, site_tree):
    with override_settings(MEDIA_URL="https://media.example.org/uploads/"):
        csp = policy(client.get("/"))
    assert "https://media.example.org" in csp["img-src"]


def production_settings(**environ):
    """Some production settings, read in a fresh interpreter with ``environ``."""
    import json
    import os
    import subprocess
    import sys

    names = [
        "SECURE_HSTS_SECONDS",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS",
        "SILENCED_SYSTEM_CHECKS",
        "NOTICEBOARD_REQUIRE_2FA",
    ]
    code = (
        "import json, noticeboard.settings.production as s; "
        f"print(json.dumps({{n: getattr(s, n) for n in {names!r}}}))"
    )
    env = {**os.environ, "SECRET_KEY": "x" * 60, **environ}
    env.pop("SECURE_HSTS_SECONDS", None) if "SECURE_HSTS_SECONDS" not in environ else None
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_production_turns_hsts_and_two_step_sign_in_on_by_default():
    values = production_settings()
    assert values["SECURE_HSTS_SECONDS"] >= 31536000
    assert values["SECURE_HSTS_INCLUDE_SUBDOMAINS"]
    # Only the preload reminder, a commitment only the operator can make.
    assert values["SILENCED_SYSTEM_CHECKS"] == ["security.W021"]
    assert values["NOTICEBOARD_REQUIRE_2FA"]
    assert production_settings(SECURE_HSTS_SECONDS="0")["SECURE_HSTS_SECONDS"] == 0


# --- Login lockout and rate limits ----------------------------------------------

AXES = {
    "AXES_ENABLED": True,
    "AUTHENTICATION_BACKENDS": [
        "axes.backends.AxesStandaloneBackend",
        "django.contrib.auth.backends.ModelBackend",
    ],
    "AXES_FAILURE_LIMIT": 3,
    "TRUSTED_PROXY_COUNT": 1,
}


def log_in(username, password, forwarded):
    client = Client(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=forwarded)
    return client.post(reverse("wagtailadmin_login"), {"username": username, "password": password})


@override_settings(**AXES)
def test_the_admin_login_locks_a_user_name_after_repeated_failures(db):
    UserFactory(username="victim", password="right-password", is_staff=True)
    for number in range(3):
        log_in("victim", "wrong", f"198.51.100.{number}")
    # Locked for that name from any address, even with the right password.
    response = log_in("victim", "right-password", "198.51.100.77")
    assert response.status_code == 429
    assert "Too many failed sign-in attempts" in response.content.decode()
    # Another user is not affected.
    UserFactory(username="other", password="pw-other-123", is_staff=True)
    assert log_in("other", "pw-other-123", "198.51.100.78").status_code == 302


@override_settings(**AXES)
def test_the_admin_login_locks_an_address_behind_the_proxy(db):
    UserFactory(username="someone", password="right-password", is_staff=True)
    for number in range(3):
        log_in(f"guess{number}", "wrong", "203.0.113.5")
    assert log_in("someone", "right-password", "203.0.113.5").status_code == 429
    # The proxy's own address is shared by everyone: others still get in.
    assert log_in("someone", "right-password", "203.0.113.6").status_code == 302


@override_settings(NOTICEBOARD_PASSWORD_RESET_RATE="2/h", TRUSTED_PROXY_COUNT=1)
def test_password_reset_is_limited_per_address(db):
    url = reverse("wagtailadmin_password_reset")

    def ask(forwarded):
        client = Client(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=forwarded)
        return client.post(url, {"email": "nobody@example.org"})

    assert ask("198.51.100.1").status_code == 302
    assert ask("198.51.100.1").status_code == 302
    response = ask("198.51.100.1")
    assert response.status_code == 429
    assert "too many password resets" in response.content.decode()
    assert ask("198.51.100.2").status_code == 302


def test_only_saved_suggestions_count_towards_the_limit(
    client, site_tree, django_capture_on_commit_callbacks
):
    with override_settings(NOTICEBOARD_SUBMISSION_RATE="2/h"):
        for _ in range(4):  # invalid forms: sent back, not counted
            response = suggest(client, django_capture_on_commit_callbacks, title="")
            assert response.status_code == 200
        for number in range(2):
            response = suggest(client, django_capture_on_commit_callbacks, title=f"P{number}")
            assert "check your e-mail" in response.content.decode().lower()
        response = suggest(client, django_capture_on_commit_callbacks, title="Third")
    assert response.status_code == 429
    assert PublicSubmission.objects.count() == 2


def test_the_suggestion_limit_is_per_client_behind_the_proxy(
    site_tree, django_capture_on_commit_callbacks
):
    with override_settings(NOTICEBOARD_SUBMISSION_RATE="1/h", TRUSTED_PROXY_COUNT=1):
        first = Client(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.1")
        second = Client(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.2")
        with django_capture_on_commit_callbacks(execute=True):
            assert first.post(suggest_event_url(), event_data(title="A")).status_code == 200
            assert first.post(suggest_event_url(), event_data(title="B")).status_code == 429
            assert second.post(suggest_event_url(), event_data(title="C")).status_code == 200


# --- Two-step sign-in --------------------------------------------------------------


def code_for(device):
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


@override_settings(NOTICEBOARD_REQUIRE_2FA=True)
def test_a_moderator_must_set_up_two_step_sign_in(client, moderator):
    client.force_login(moderator)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("two_factor_setup"))
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "<svg" in page.content.decode()
    device = TOTPDevice.objects.get(user=moderator, confirmed=False)
    wrong = client.post(reverse("two_factor_setup"), {"code": "000000"})
    assert wrong.status_code == 200
    assert "not right" in wrong.content.decode()
    # django-otp makes the next try wait: straight away it is refused too.
    again = client.post(reverse("two_factor_setup"), {"code": code_for(device)})
    assert "Too many wrong codes" in again.content.decode()
    device.refresh_from_db()
    device.throttle_reset()
    done = client.post(
        reverse("two_factor_setup"), {"code": code_for(device), "next": "/admin/pages/"}
    )
    assert done.status_code == 302
    assert done["Location"] == "/admin/pages/"
    assert client.get(reverse("wagtailadmin_home")).status_code == 200
    # Next time they sign in, they are asked for a code.
    client.logout()
    client.force_login(moderator)
    response = client.get(reverse("wagtailadmin_home"))
    assert response["Location"].startswith(reverse("two_factor_verify"))
    device.refresh_from_db()
    device.last_t = -1  # the same code may not be used twice; pretend time moved on
    device.save()
    assert client.post(reverse("two_factor_verify"), {"code": "12ab"}).status_code == 200
    response = client.post(reverse("two_factor_verify"), {"code": code_for(device)})
    assert response.status_code == 302
    assert client.get(reverse("wagtailadmin_home")).status_code == 200


@override_settings(NOTICEBOARD_REQUIRE_2FA=True)
def test_a_volunteer_is_not_forced_but_may_opt_in(client, editor_a):
    client.force_login(editor_a)
    assert client.get(reverse("wagtailadmin_home")).status_code == 200
    client.get(reverse("two_factor_setup"))
    device = TOTPDevice.objects.get(user=editor_a)
    client.post(reverse("two_factor_setup"), {"code": code_for(device)})
    client.logout()
    client.force_login(editor_a)
    response = client.get(reverse("wagtailadmin_home"))
    assert response["Location"].startswith(reverse("two_factor_verify"))


def test_two_step_sign_in_is_not_required_when_the_setting_is_off(client, moderator):
    client.force_login(moderator)
    assert client.get(reverse("wagtailadmin_home")).status_code == 200


@override_settings(NOTICEBOARD_REQUIRE_2FA=True)
def test_the_next_address_cannot_leave_the_site(client, moderator):
    client.force_login(moderator)
    client.get(reverse("two_factor_setup"))
    device = TOTPDevice.objects.get(user=moderator)
    response = client.post(
        reverse("two_factor_setup"), {"code": code_for(device), "next": "https://evil.example/"}
    )
    assert response["Location"] == reverse("wagtailadmin_home")


# --- Public suggestions ---------------------------------------------------------------


def test_visitor_text_is_stored_as_paragraphs_without_bare_line_breaks():
    html = plain_text_html("First line\r\nsecond <b>line</b>\n\n\nThird\n")
    assert html == "<p>First line</p><p>second &lt;b&gt;line&lt;/b&gt;</p><p>Third</p>"
    assert "<br" not in html


def test_a_moderator_can_open_a_multi_line_suggestion_in_the_editor(
    client, site_tree, moderator, django_capture_on_commit_callbacks
):
    suggest(
        client,
        django_capture_on_commit_callbacks,
        description="Line one\nLine two\r\n\r\nLine three",
        where="Hall\nMill Lane",
    )
    page = PublicSubmission.objects.get().page.specific
    assert "<br" not in page.description
    assert "<br" not in str(page.get_latest_revision().content["description"])
    client.force_login(moderator)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    assert "Line two" in response.content.decode()


def test_the_migration_rewrites_line_breaks_as_paragraphs():
    import importlib

    migration = importlib.import_module("moderation.migrations.0004_submissions_as_paragraphs")
    assert (
        migration.as_paragraphs("<p>a<br>b<br />c</p><p>d</p>")
        == "<p>a</p><p>b</p><p>c</p><p>d</p>"
    )
    assert migration.as_paragraphs("<p>a</p>") == "<p>a</p>"


@pytest.mark.parametrize(
    "token", ["abc%00def", "x" * 10_000, "%C5%BC%C3%B3%C5%82w-token-1234567890", "..%2F..%2Fetc"]
)
def test_a_hostile_confirmation_token_is_a_404(client, site_tree, token):
    response = client.get(f"/community/confirm/{token}/")
    assert response.status_code == 404
    assert client.post(f"/community/confirm/{token}/").status_code in (403, 404)


def test_a_confirmation_link_expires(client, site_tree, django_capture_on_commit_callbacks):
    suggest(client, django_capture_on_commit_callbacks)
    link = confirm_link(mail.outbox[0])
    submission = PublicSubmission.objects.get()
    PublicSubmission.objects.filter(pk=submission.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=8)
    )
    response = client.post(link)
    assert response.status_code == 410
    assert "expired" in response.content.decode()
    submission.refresh_from_db()
    assert submission.confirmed_at is None
    with override_settings(NOTICEBOARD_CONFIRMATION_DAYS=10):
        assert client.get(link).status_code == 200


def test_unconfirmed_suggestions_are_purged_after_the_period(
    client, site_tree, django_capture_on_commit_callbacks
):
    for title in ("Old", "New", "Confirmed"):
        suggest(client, django_capture_on_commit_callbacks, title=title)
    old, new, confirmed = (
        PublicSubmission.objects.get(page__title=t) for t in ("Old", "New", "Confirmed")
    )
    client.post(f"/community/confirm/{confirmed.token}/")
    week_ago = timezone.now() - datetime.timedelta(days=8)
    PublicSubmission.objects.filter(pk__in=[old.pk, confirmed.pk]).update(created_at=week_ago)
    old_page = old.page_id
    call_command("purge_unconfirmed", stdout=open("/dev/null", "w"))
    remaining = set(PublicSubmission.objects.values_list("page__title", flat=True))
    assert remaining == {"New", "Confirmed"}
    from wagtail.models import Page

    assert not Page.objects.filter(pk=old_page).exists()
