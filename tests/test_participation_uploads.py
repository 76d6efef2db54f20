"""Have your say: the photo or document an unlisted group sends with its
conclusion (hostile files refused with a form error and nothing lost; kept
behind the moderators' restriction until approved; purged if never
confirmed), the admin's document uploads under the same rules, and question
states that change with the clock reaching the cached pages."""

import datetime
import io
import re
import struct
import zipfile
import zlib
from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from PIL import Image as PILImage
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Collection

from home.pagecache import current_version
from moderation.onboarding import onboard
from participation.media import PUBLISHED_COLLECTION, SUBMISSIONS_COLLECTION
from participation.models import Answer, GroupContribution, QuestionPage
from participation.services import (
    purge_unconfirmed,
    refresh_changed_states,
    states_changed_between,
)

from .factories import GroupPageFactory
from .helpers import contribution_data, make_question

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def png_claiming(width, height):
    """A tiny PNG whose header claims ``width`` x ``height`` pixels."""

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + chunk(b"IEND", b"")
    )


def real_png(size=(40, 30)):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, (200, 80, 20)).save(buffer, "PNG")
    return buffer.getvalue()


def truncated_jpeg():
    buffer = io.BytesIO()
    PILImage.effect_noise((64, 64), 60).convert("RGB").save(buffer, "JPEG")
    data = buffer.getvalue()
    return data[: len(data) // 2]


def docx_bytes():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def send(client, question, upload, capture, **changes):
    url = reverse("participation:contribute", args=[question.pk])
    data = contribution_data(question, **changes)
    if upload is not None:
        data["attachment"] = upload
    with capture(execute=True):
        return client.post(url, data)


def confirm_and_approve(client, contribution, moderator, capture):
    with capture(execute=True):
        client.post(reverse("participation:confirm_contribution", args=[contribution.token]))
    contribution.refresh_from_db()
    state = contribution.current_workflow_task_state
    moderator_client = Client()
    moderator_client.force_login(moderator)
    action = reverse(
        "wagtailsnippets_participation_groupcontribution:workflow_action",
        args=[contribution.pk, "approve", state.pk],
    )
    with capture(execute=True):
        moderator_client.post(action, {"comment": ""})
    contribution.refresh_from_db()
    assert contribution.live


# The public form --------------------------------------------------------------


def test_the_form_for_groups_takes_a_file_without_javascript(client, question):
    body = client.get(reverse("participation:contribute", args=[question.pk])).content.decode()
    assert 'enctype="multipart/form-data"' in body
    assert 'type="file" name="attachment"' in body
    assert "5.0\xa0MB" in body or "5.0 MB" in body  # the limit is said up front


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("bomb.png", png_claiming(50_000, 50_000), "too many pixels"),
        ("huge.png", png_claiming(11_000, 11_000), "too many pixels"),
        ("notes.pdf", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200, "is not the PDF document"),
        ("notes.txt", b"<!DOCTYPE html><html><script>alert(1)</script></html>", "is not the TXT"),
        ("page.html", b"<html><body>hello</body></html>", "cannot take this kind of file"),
        ("virus.exe", b"MZ\x90\x00", "cannot take this kind of file"),
        ("empty.pdf", b"", "The file is empty"),
        ("photo.jpg", real_png(), "does not match what it is"),
        ("broken.png", real_png()[:60], "cannot be read as a photo"),
        ("broken.jpg", truncated_jpeg(), "cannot be read as a photo"),
        ("fake.docx", b"PK\x03\x04 not really a zip", "is not the DOCX"),
    ],
    ids=[
        "decompression-bomb",
        "121-megapixels",
        "exe-renamed-pdf",
        "html-renamed-txt",
        "html",
        "exe",
        "zero-bytes",
        "png-named-jpg",
        "truncated-png",
        "truncated-jpeg",
        "fake-docx",
    ],
)
def test_a_hostile_file_is_a_form_error_and_keeps_what_was_typed(
    client, question, django_capture_on_commit_callbacks, name, content, message
):
    images, documents = Image.objects.count(), Document.objects.count()
    upload = SimpleUploadedFile(name, content, content_type="application/octet-stream")
    response = send(client, question, upload, django_capture_on_commit_callbacks)
    assert response.status_code == 200
    body = response.content.decode()
    assert "There is a problem" in body
    assert message in body
    assert "Saturday school parents" in body and "A safe crossing by the school." in body
    assert not GroupContribution.objects.exists()
    assert (Image.objects.count(), Document.objects.count()) == (images, documents)


def test_a_file_over_the_limit_is_not_kept_and_is_a_form_error(
    client, question, settings, django_capture_on_commit_callbacks
):
    settings.NOTICEBOARD_PUBLIC_UPLOAD_MAX_BYTES = 200 * 1024
    big = SimpleUploadedFile("minutes.pdf", PDF + b"0" * (2 * 1024 * 1024), "application/pdf")
    response = send(client, question, big, django_capture_on_commit_callbacks)
    body = response.content.decode()
    assert response.status_code == 200
    assert "The file is too big" in body and "200.0\xa0KB" in body
    assert "Saturday school parents" in body
    assert not GroupContribution.objects.exists() and not Document.objects.exists()


def test_a_good_file_with_another_mistake_asks_for_the_file_again(
    client, question, django_capture_on_commit_callbacks
):
    upload = SimpleUploadedFile("flipchart.png", real_png(), "image/png")
    response = send(client, question, upload, django_capture_on_commit_callbacks, participants="")
    body = response.content.decode()
    assert "choose it again" in body
    assert "Saturday school parents" in body
    assert not GroupContribution.objects.exists() and not Image.objects.exists()


def test_the_limits_and_the_robot_trap_still_hold_with_a_file(
    client, question, django_capture_on_commit_callbacks
):
    upload = SimpleUploadedFile("notes.pdf", PDF, "application/pdf")
    response = send(client, question, upload, django_capture_on_commit_callbacks, fax_number="spam")
    assert response.status_code == 400
    upload = SimpleUploadedFile("notes.pdf", PDF, "application/pdf")
    response = send(
        client, question, upload, django_capture_on_commit_callbacks, disagreements="x" * 2001
    )
    assert response.status_code == 200 and "There is a problem" in response.content.decode()
    assert not GroupContribution.objects.exists() and not Document.objects.exists()


def test_a_photo_waits_for_a_moderator_then_shows_under_what_groups_said(
    client, question, moderator, django_capture_on_commit_callbacks
):
    upload = SimpleUploadedFile("Our flip chart.png", real_png(), "image/png")
    response = send(client, question, upload, django_capture_on_commit_callbacks)
    assert response.status_code == 200
    contribution = GroupContribution.objects.get()
    image = contribution.image
    assert image is not None and contribution.document is None
    assert image.collection.name == SUBMISSIONS_COLLECTION
    assert "flip" not in image.file.name.lower()  # a random name, not the one sent
    assert (image.width, image.height) == (40, 30) and image.file_size > 0

    moderator_client = Client()
    moderator_client.force_login(moderator)
    edit = reverse("wagtailsnippets_participation_groupcontribution:edit", args=[contribution.pk])
    assert image.title in moderator_client.get(edit).content.decode()

    before = client.get(question.url).content.decode()
    assert "What groups said" not in before and "A photo from the discussion" not in before
    assert not image.renditions.filter(filter_spec="max-800x600").exists()

    confirm_and_approve(client, contribution, moderator, django_capture_on_commit_callbacks)
    image.refresh_from_db()
    assert image.collection.name == PUBLISHED_COLLECTION
    body = client.get(question.url).content.decode()
    section = body[body.index("What groups said") :]
    assert "<img" in section and "A photo from the discussion of Saturday school parents" in section
    rendition = image.renditions.get(filter_spec="max-800x600")
    assert rendition.url in section


def test_a_document_is_refused_to_anyone_but_moderators_until_approved(
    client, question, moderator, officer, django_capture_on_commit_callbacks
):
    upload = SimpleUploadedFile("minutes.pdf", PDF, "application/pdf")
    send(client, question, upload, django_capture_on_commit_callbacks)
    contribution = GroupContribution.objects.get()
    document = contribution.document
    assert document is not None and document.collection.name == SUBMISSIONS_COLLECTION
    assert document.file_extension == "pdf" and "minutes" not in document.file.name

    anonymous = client.get(document.url)
    assert anonymous.status_code in (302, 403) and b"%PDF" not in b"".join(anonymous)
    officer_client = Client()
    officer_client.force_login(officer)
    refused = officer_client.get(document.url)
    assert refused.status_code in (302, 403)
    moderator_client = Client()
    moderator_client.force_login(moderator)
    allowed = moderator_client.get(document.url)
    assert allowed.status_code == 200 and b"".join(allowed.streaming_content).startswith(b"%PDF")

    confirm_and_approve(client, contribution, moderator, django_capture_on_commit_callbacks)
    document.refresh_from_db()
    assert document.collection.name == PUBLISHED_COLLECTION
    public = Client().get(document.url)
    assert public.status_code == 200
    assert b"".join(public.streaming_content).startswith(b"%PDF")
    body = client.get(question.url).content.decode()
    assert f'href="{document.url}"' in body and "Their document" in body

    # Unpublished again: back behind the moderators' restriction.
    contribution.unpublish()
    document.refresh_from_db()
    assert document.collection.name == SUBMISSIONS_COLLECTION
    assert Client().get(document.url).status_code in (302, 403)


@pytest.mark.parametrize(
    ("name", "content", "field"),
    [("notes.txt", "Wir haben uns getroffen. Zażółć gęślą jaźń.".encode(), "document")]
    + [("notes.docx", docx_bytes(), "document"), ("flipchart.webp", None, "image")],
    ids=["utf8-text", "docx", "webp"],
)
def test_the_accepted_kinds_are_kept(
    client, question, django_capture_on_commit_callbacks, name, content, field
):
    if content is None:
        buffer = io.BytesIO()
        PILImage.new("RGB", (10, 10)).save(buffer, "WEBP")
        content = buffer.getvalue()
    send(client, question, SimpleUploadedFile(name, content), django_capture_on_commit_callbacks)
    contribution = GroupContribution.objects.get()
    assert getattr(contribution, field) is not None


# Purged if never confirmed ------------------------------------------------------


def test_unconfirmed_answers_and_conclusions_and_their_files_are_purged(
    client, question, settings, django_capture_on_commit_callbacks
):
    upload = SimpleUploadedFile("flipchart.png", real_png(), "image/png")
    send(client, question, upload, django_capture_on_commit_callbacks)
    stale = GroupContribution.objects.get()
    image = stale.image
    upload = SimpleUploadedFile("minutes.pdf", PDF, "application/pdf")
    send(client, question, upload, django_capture_on_commit_callbacks, your_email="b@example.org")
    fresh = GroupContribution.objects.exclude(pk=stale.pk).get()
    confirmed = GroupContribution.objects.create(
        question=question,
        group_name="Confirmed group",
        where_in_person="the hall",
        held_on=timezone.localdate(),
        participants=4,
        email="c@example.org",
        confirmed_at=timezone.now(),
    )
    old_answer = Answer.objects.create(question=question, language="en", email="old@example.org")
    kept_answer = Answer.objects.create(
        question=question, language="en", email="ok@example.org", confirmed_at=timezone.now()
    )
    long_ago = timezone.now() - datetime.timedelta(days=settings.NOTICEBOARD_CONFIRMATION_DAYS + 1)
    GroupContribution.objects.filter(pk__in=[stale.pk, confirmed.pk]).update(created_at=long_ago)
    Answer.objects.filter(pk__in=[old_answer.pk, kept_answer.pk]).update(created_at=long_ago)

    with django_capture_on_commit_callbacks(execute=True):
        call_command("purge_unconfirmed_participation", verbosity=0)

    assert set(GroupContribution.objects.values_list("pk", flat=True)) == {fresh.pk, confirmed.pk}
    assert not Image.objects.filter(pk=image.pk).exists()
    assert not image.file.storage.exists(image.file.name)
    assert fresh.document is not None and Document.objects.filter(pk=fresh.document.pk).exists()
    assert list(Answer.objects.values_list("pk", flat=True)) == [kept_answer.pk]
    assert purge_unconfirmed() == (0, 0)


# The admin takes documents under the same rules ---------------------------------


def test_the_admin_refuses_a_document_that_is_not_what_its_name_says(client, site_admin):
    client.force_login(site_admin)
    root = Collection.get_first_root_node()
    fake = SimpleUploadedFile("report.pdf", b"MZ\x90\x00" + b"\x00" * 100)
    response = client.post(
        reverse("wagtaildocs:add"), {"title": "Fake", "file": fake, "collection": root.pk}
    )
    assert response.status_code == 200
    assert "is not the PDF document" in response.content.decode()
    assert not Document.objects.filter(title="Fake").exists()
    real = SimpleUploadedFile("report.pdf", PDF)
    response = client.post(
        reverse("wagtaildocs:add"), {"title": "Real", "file": real, "collection": root.pk}
    )
    assert response.status_code == 302
    assert Document.objects.filter(title="Real").exists()


# States that change with the clock ----------------------------------------------


def test_a_question_closing_purges_the_cached_pages(client, hys):
    question = make_question(hys, "Closing soon", opens=-24, closes=1)
    refresh_changed_states()  # the first check purges anyway
    version = current_version()
    assert refresh_changed_states() is False
    assert current_version() == version

    first = client.get(question.url)
    assert first["X-Page-Cache"] == "miss" and "Answer this question" in first.text
    assert client.get(question.url)["X-Page-Cache"] == "hit"

    # The clock passes the closing time: nothing is saved, the scheduler notices.
    QuestionPage.objects.filter(pk=question.pk).update(closes_at=timezone.now())
    stale = client.get(question.url)
    assert stale["X-Page-Cache"] == "hit" and "Answer this question" in stale.text
    # Even from the stale page, an answer is refused and the words given back.
    prompt = question.prompts.first()
    response = client.post(
        reverse("participation:answer", args=[question.pk]),
        {f"prompt_{prompt.pk}": "Late words.", "your_email": "late@example.org"},
    )
    assert response.status_code == 409 and "Late words." in response.text
    assert not Answer.objects.exists()

    with mock.patch("participation.services.purge_frontend") as cdn:
        call_command("refresh_question_states", verbosity=0)
    assert current_version() != version
    assert [page.pk for page in cdn.call_args.args[0]] == [question.pk]  # and the CDN's copy
    fresh = client.get(question.url)
    assert fresh["X-Page-Cache"] == "miss" and "Answer this question" not in fresh.text


def test_opening_and_becoming_overdue_are_state_changes_too(hys):
    now = timezone.now()
    make_question(hys, "Opens later", opens=2, closes=24 * 7)
    assert refresh_changed_states(now=now) is True  # first run
    assert refresh_changed_states(now=now + datetime.timedelta(hours=1)) is False
    assert refresh_changed_states(now=now + datetime.timedelta(hours=3)) is True

    closed = make_question(hys, "Closed", opens=-48, closes=-24)
    start, end = now + datetime.timedelta(hours=4), now + datetime.timedelta(days=1, hours=4)
    assert states_changed_between(start, end) == []
    # Its promised reply date passes in that window: it becomes overdue.
    QuestionPage.objects.filter(pk=closed.pk).update(reply_by=timezone.localdate(start))
    assert [q.pk for q in states_changed_between(start, end)] == [closed.pk]


def test_the_collections_are_in_the_order_wagtail_keeps_them(db):
    """Collections are kept sorted by name: one added later (a group's, when
    it is onboarded) goes between them without breaking the tree."""
    names = ["Alpha group", "Hello group", "Polish Saturday School", "Zebra group"]
    for name in names:
        onboard(GroupPageFactory(title=name))
    root = Collection.get_first_root_node()
    children = [child.name for child in root.get_children()]
    assert children == sorted(children)
    assert {SUBMISSIONS_COLLECTION, PUBLISHED_COLLECTION, *names} <= set(children)
    assert all(not problems for problems in Collection.find_problems())


def test_the_form_for_groups_still_needs_its_security_token(question):
    browser = Client(enforce_csrf_checks=True)
    url = reverse("participation:contribute", args=[question.pk])
    data = contribution_data(question)
    data["attachment"] = SimpleUploadedFile("notes.pdf", PDF, "application/pdf")
    assert browser.post(url, data).status_code == 403
    assert not GroupContribution.objects.exists() and not Document.objects.exists()

    page = browser.get(url).content.decode()
    data["csrfmiddlewaretoken"] = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]
    data["attachment"] = SimpleUploadedFile("notes.pdf", PDF, "application/pdf")
    assert browser.post(url, data).status_code == 200
    assert GroupContribution.objects.get().document is not None


def test_deleting_a_waiting_conclusion_deletes_its_photo_but_not_an_approved_one(
    client, question, moderator, django_capture_on_commit_callbacks
):
    upload = SimpleUploadedFile("flipchart.png", real_png(), "image/png")
    send(client, question, upload, django_capture_on_commit_callbacks)
    waiting = GroupContribution.objects.get()
    photo = waiting.image
    with django_capture_on_commit_callbacks(execute=True):
        waiting.delete()
    assert not Image.objects.filter(pk=photo.pk).exists()

    upload = SimpleUploadedFile("minutes.pdf", PDF, "application/pdf")
    send(client, question, upload, django_capture_on_commit_callbacks)
    approved = GroupContribution.objects.get()
    confirm_and_approve(client, approved, moderator, django_capture_on_commit_callbacks)
    document = approved.document
    with django_capture_on_commit_callbacks(execute=True):
        approved.delete()
    assert Document.objects.filter(pk=document.pk).exists()  # already public: kept
