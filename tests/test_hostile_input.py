"""Hostile input is a clear answer (a 4xx or a form error), never a 500:
image bombs, oversized images, a StreamField POST with keys missing, a POST
in UTF-7; CSV exports neutralise formulas; the governance report prints no
terminal escapes; media is deleted by site administrators only."""

import struct
import zlib
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from wagtail.images.models import Image

from moderation.management.commands.governance import printable
from moderation.safety import neutralise_formula

from .factories import StandardPageFactory
from .helpers import event_suggestion as event_data
from .helpers import suggest_event_url

pytestmark = pytest.mark.django_db


def png_claiming(width, height):
    """A tiny PNG file whose header claims ``width`` x ``height`` pixels: what
    a decompression bomb looks like before it is decoded."""

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    pixels = zlib.compress(b"\x00" * 64)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


@pytest.mark.parametrize(
    ("width", "height"),
    [(11_000, 11_000), (50_000, 50_000)],  # 121 megapixels; a 2.5-gigapixel bomb
    ids=["121-megapixels", "decompression-bomb"],
)
def test_huge_images_are_a_form_error(client, site_admin, width, height):
    client.force_login(site_admin)
    upload = SimpleUploadedFile("huge.png", png_claiming(width, height), content_type="image/png")
    response = client.post(
        reverse("wagtailimages:add"), {"title": "Huge", "file": upload, "collection": 1}
    )
    assert response.status_code in (200, 400)
    assert not Image.objects.filter(title="Huge").exists()
    assert "pixels" in response.content.decode().lower() or response.status_code == 400


def test_the_pixel_limit_leaves_room_in_a_two_gigabyte_worker(settings):
    # Decoding takes about 4 bytes a pixel, plus a working copy for renditions.
    assert settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS * 4 * 2 < 1 * 1024**3


def test_a_streamfield_post_with_missing_keys_is_not_a_server_error(client, site_tree, site_admin):
    page = StandardPageFactory(parent=site_tree["home"], title="Plain", slug="plain")
    client.force_login(site_admin)
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        {
            "title": "Plain",
            "slug": "plain",
            "body-count": "2",
            "body-0-type": "paragraph",  # no value, no order, no id
            "body-1-deleted": "",  # no type at all
        },
    )
    assert response.status_code < 500


@pytest.mark.parametrize("charset", ["utf-7", "UTF-7", "x-no-such-charset"])
def test_a_post_in_an_unusual_charset_is_refused(site_tree, charset):
    client = Client()
    response = client.generic(
        "POST",
        suggest_event_url(),
        b"your_name=+ADw-script+AD4-",
        content_type=f"application/x-www-form-urlencoded; charset={charset}",
    )
    assert response.status_code in (400, 415)


def test_a_post_in_utf8_still_works(site_tree, django_capture_on_commit_callbacks):
    client = Client()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(suggest_event_url(), event_data(your_name="Zoë Żółć"))
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("http://evil")', '\'=HYPERLINK("http://evil")'),
        ("+1", "'+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("Repair Cafe", "Repair Cafe"),
        (5, 5),
    ],
)
def test_formulas_are_neutralised(value, expected):
    assert neutralise_formula(value) == expected


def test_admin_csv_exports_neutralise_formulas(client, groups, site_admin):
    page = groups["event_a"]
    page.title = "=cmd|' /C calc'!A0"
    page.save_revision(user=site_admin).publish(user=site_admin)
    client.force_login(site_admin)
    response = client.get(reverse("wagtailadmin_reports:site_history") + "?export=csv")
    body = b"".join(response.streaming_content).decode()
    assert "=cmd" in body
    assert "\n=cmd" not in body and ",=cmd" not in body
    assert "'=cmd" in body


def test_the_governance_report_strips_terminal_control_characters(groups):
    assert printable({"a": ["x\x1b[31mred\x07", "\u202eevil"]}) == {"a": ["x[31mred", "evil"]}
    assert printable("نور\u200cالہدی") == "نور\u200cالہدی"  # a joiner Urdu needs stays
    page = groups["a"]
    page.title = "Repair \x1b]0;owned\x07Cafe"
    page.save()
    out = StringIO()
    call_command("governance", "report", stdout=out)
    assert "\x1b" not in out.getvalue()
    assert "\x07" not in out.getvalue()


def test_only_site_administrators_delete_media(client, groups, moderator, site_admin, editor_a):
    image = groups["image_a"]
    image.uploaded_by_user = editor_a
    image.save()
    url = reverse("wagtailimages:delete", args=[image.pk])
    for user in (moderator, editor_a):
        client.force_login(user)
        client.post(url)
        assert Image.objects.filter(pk=image.pk).exists(), user
    # Moderators still edit any group's images; the volunteer their own.
    client.force_login(moderator)
    assert client.get(reverse("wagtailimages:edit", args=[image.pk])).status_code == 200
    client.force_login(site_admin)
    client.post(url)
    assert not Image.objects.filter(pk=image.pk).exists()
