"""Have your say in real Chromium, end to end: a council officer drafts a
question, a moderator publishes it, a resident answers in Polish and confirms,
a group's volunteer brings the group's conclusion, a moderator approves it,
the officer exports the answers after the close and drafts the reply, another
moderator publishes it, and the resident receives the reply by e-mail. Then
axe checks every public page type in English and Urdu, at phone and desktop
width. Runs with `make test-browser`."""

import datetime
import re

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.utils import timezone

from moderation.onboarding import onboard
from moderation.roles import MODERATORS
from participation.models import Answer, GroupContribution, HaveYourSayIndexPage, QuestionPage
from participation.roles import COUNCIL_OFFICERS

from .factories import GroupIndexPageFactory, GroupPageFactory, UserFactory, home_page, publish
from .helpers import AXE_OPTIONS, BROWSER_MARKS, CHROMIUM, CHROMIUM_ARGS, VIEWPORTS, make_question

pytestmark = BROWSER_MARKS

PASSWORD = "correct horse battery staple"


@pytest.fixture
def town(django_db_serialized_rollback, transactional_db):
    home = home_page()
    index = HaveYourSayIndexPage(title="Have your say", slug="have-your-say", show_in_menus=True)
    home.add_child(instance=index)
    publish(index)
    GroupIndexPageFactory(parent=home)
    group = publish(GroupPageFactory(title="Polish Saturday School", slug="polish-saturday-school"))
    organisation, _ = onboard(group)

    def user(username, group_name=None, group=None):
        person = UserFactory(username=username, email=f"{username}@example.org")
        person.groups.add(group or Group.objects.get(name=group_name))
        return person

    return {
        "index": index,
        "group": group,
        "officer": user("officer", COUNCIL_OFFICERS),
        "moderator": user("moderator", MODERATORS),
        "moderator2": user("moderator2", MODERATORS),
        "volunteer": user("volunteer", group=organisation.editors),
    }


def log_in(browser, base, username):
    context = browser.new_context(viewport=VIEWPORTS["desktop"])
    page = context.new_page()
    page.goto(base + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r".*/admin/$"))
    return page


def submit_for_moderation(page):
    # The action is in the editor's footer menu; press it as the menu would.
    with page.expect_navigation():
        page.evaluate("document.querySelector('button[name=\"action-submit\"]').click()")


def approve(page, base, action_path):
    """Approve (without a comment) from the moderator's dashboard, whose
    "Awaiting your review" menu posts to the workflow action ``action_path``."""
    page.goto(base + "/admin/")
    selector = f'button[data-workflow-action-url*="{action_path}"]:not([data-launch-modal])'
    assert page.locator(selector).count() == 1, f"nothing to approve at {action_path}"
    with page.expect_navigation():
        page.evaluate("selector => document.querySelector(selector).click()", selector)


def local(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


def test_the_whole_journey_of_a_question(town, live_server, monkeypatch):
    from playwright.sync_api import sync_playwright

    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    base = live_server.url
    now = timezone.now()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            # A council officer drafts the question and submits it.
            officer = log_in(browser, base, "officer")
            officer.goto(f"{base}/admin/pages/add/participation/questionpage/{town['index'].pk}/")
            officer.fill("#id_title", "The High Street plan")
            officer.fill("#id_asked_by", "Ashby Moor Town Council")
            officer.fill("#id_question", "What should the High Street be like in five years?")
            officer.fill("#id_prompts-0-text", "What would make you shop locally?")
            officer.fill("#id_opens_at", local(now - datetime.timedelta(hours=1)))
            officer.fill("#id_closes_at", local(now + datetime.timedelta(days=2)))
            officer.fill("#id_readers", "The regeneration team")
            officer.fill("#id_reply_by", (now + datetime.timedelta(days=30)).strftime("%Y-%m-%d"))
            officer.fill("#id_how_answers_are_used", "To write the plan.")
            submit_for_moderation(officer)
            question = QuestionPage.objects.get(title="The High Street plan")
            assert not question.live and question.workflow_in_progress

            # A moderator publishes it.
            moderator = log_in(browser, base, "moderator")
            approve(moderator, base, f"/pages/workflow/action/{question.pk}/approve/")
            question.refresh_from_db()
            assert question.live

            # A resident answers in Polish, without an account, and confirms.
            resident = browser.new_page(viewport=VIEWPORTS["phone"])
            resident.goto(f"{base}/pl/community/have-your-say/{question.pk}/answer/")
            assert resident.evaluate("document.documentElement.lang") == "pl"
            prompt = question.prompts.first()
            resident.fill(f"#id_prompt_{prompt.pk}", "Więcej ławek i targ w soboty.")
            resident.fill("#id_your_email", "kasia@example.org")
            resident.click("form.public-form button[type=submit]")
            resident.wait_for_load_state()
            [message] = [m for m in mail.outbox if m.to == ["kasia@example.org"]]
            link = next(line for line in message.body.splitlines() if "/confirm-answer/" in line)
            resident.goto(link.strip().replace("http://testserver", base))
            resident.click("form[method=post] button[type=submit]")
            resident.wait_for_load_state()
            answer = Answer.objects.get(email="kasia@example.org")
            assert answer.confirmed_at is not None and answer.language == "pl"

            # The group's volunteer brings the group's conclusion from the admin.
            volunteer = log_in(browser, base, "volunteer")
            volunteer.goto(f"{base}/admin/snippets/participation/groupcontribution/add/")
            volunteer.select_option("#id_question", str(question.pk))
            volunteer.select_option("#id_group", str(town["group"].pk))
            volunteer.fill("#id_where_in_person", "our parents' WhatsApp group")
            volunteer.fill("#id_held_on", timezone.localdate().isoformat())
            volunteer.fill("#id_participants", "23")
            volunteer.select_option("#id_conclusions-0-prompt", str(prompt.pk))
            volunteer.fill("#id_conclusions-0-text", "A safe crossing by the school.")
            submit_for_moderation(volunteer)
            contribution = GroupContribution.objects.get()
            assert contribution.workflow_in_progress

            # A moderator approves it: it is on the question page.
            approve(
                moderator, base, f"/groupcontribution/workflow/action/{contribution.pk}/approve/"
            )
            contribution.refresh_from_db()
            assert contribution.live
            resident.goto(base + question.url)
            assert "23" in resident.inner_text("#groups-said ~ article")

            # The question closes; the officer exports the answers.
            QuestionPage.objects.filter(pk=question.pk).update(
                closes_at=timezone.now() - datetime.timedelta(minutes=1)
            )
            export = officer.request.get(f"{base}/admin/have-your-say/{question.pk}/answers.csv")
            assert export.ok
            assert "Więcej ławek i targ w soboty." in export.body().decode("utf-8-sig")
            assert "kasia@example.org" not in export.body().decode("utf-8-sig")

            # The officer drafts the reply; another moderator publishes it.
            officer.goto(f"{base}/admin/pages/{question.pk}/edit/")
            officer.get_by_role("tab", name="The reply").click()
            # What the rich-text editor submits: its content as Draft.js JSON in
            # the field it keeps hidden (the editor itself is Wagtail's, tested there).
            officer.evaluate(
                """text => { document.querySelector('#id_reply_summary').value = JSON.stringify({
                    blocks: [{key: "reply", text, type: "unstyled", depth: 0,
                              inlineStyleRanges: [], entityRanges: []}],
                    entityMap: {}}); }""",
                "Most of you asked for benches and a Saturday market.",
            )
            submit_for_moderation(officer)
            mail.outbox.clear()
            second = log_in(browser, base, "moderator2")
            approve(second, base, f"/pages/workflow/action/{question.pk}/approve/")
            question.refresh_from_db()
            assert question.has_reply

            # The resident hears about it, in the language they wrote in.
            replies = [m for m in mail.outbox if m.to == ["kasia@example.org"]]
            assert len(replies) == 1
            assert question.full_url in replies[0].body
            resident.goto(base + question.url)
            assert "Most of you asked for benches" in resident.inner_text("#reply ~ div")
        finally:
            browser.close()


def test_have_your_say_pages_have_no_accessibility_violations(town, live_server, monkeypatch):
    from axe_playwright_python.sync_playwright import Axe
    from django.core.management import call_command
    from playwright.sync_api import sync_playwright

    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    index = town["index"]
    open_question = make_question(index, "Open question", show_answers=True)
    answered = make_question(
        index,
        "Answered question",
        opens=-300,
        closes=-200,
        reply_summary="<p>We heard you.</p>",
    )
    # Every page in the Urdu tree too (untranslated copies, shown in English).
    call_command("sync_locales", stdout=open("/dev/null", "w"))
    paths = [
        index.url,
        open_question.url,
        answered.url,
        f"/community/have-your-say/{open_question.pk}/answer/",
        f"/community/have-your-say/{open_question.pk}/group-conclusion/",
        f"/community/have-your-say/{answered.pk}/answer/",
        "/community/transparency/",
    ]
    paths += ["/ur" + path for path in paths]
    problems = []
    axe = Axe()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for name, viewport in VIEWPORTS.items():
                page = browser.new_page(viewport=viewport)
                for path in paths:
                    response = page.goto(live_server.url + path)
                    assert response.status == 200, f"{path}: HTTP {response.status}"
                    if path.startswith("/ur/"):
                        assert page.evaluate("document.documentElement.dir") == "rtl", path
                    results = axe.run(page, options=AXE_OPTIONS)
                    if results.violations_count:
                        problems.append(f"{path} at {name} width:\n{results.generate_report()}")
                # The answer form sent empty shows its errors, accessibly too.
                page.goto(
                    live_server.url + f"/ur/community/have-your-say/{open_question.pk}/answer/"
                )
                page.click("form.public-form button[type=submit]")
                page.wait_for_load_state()
                assert page.locator(".error-summary").count() == 1
                results = axe.run(page, options=AXE_OPTIONS)
                if results.violations_count:
                    problems.append(f"form errors at {name}:\n{results.generate_report()}")
                page.close()
        finally:
            browser.close()
    assert not problems, "\n\n".join(problems)
