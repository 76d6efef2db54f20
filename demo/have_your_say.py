"""Have your say in the demo town: the council's open question about the High
Street plan with a dozen answers in four languages and two groups'
conclusions; a closed question awaiting its reply and an overdue one; an
answered one with its reply and a progress update; an upcoming one; and a
council officer login (officer / officer). Idempotent, keyed by slug.

The demo logins are for trying the site on your own computer only.
"""

import datetime

from django.contrib.auth.models import Group
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone
from wagtail.models import Locale, Site

from groups.models import GroupPage
from home.models import Area, Topic
from moderation.roles import get_or_invite_user
from participation.models import (
    Answer,
    ContributionConclusion,
    GroupContribution,
    HaveYourSayIndexPage,
    ProgressUpdate,
    QuestionPage,
    QuestionPrompt,
    ReplyPoint,
)
from participation.roles import COUNCIL_OFFICERS, grant_officers

COUNCIL = "Ashby Moor Town Council"
OFFICER = ("officer", "officer", "Olu")
INDEX_TITLES = {
    "cy": "Dweud eich dweud",
    "pl": "Wyraź swoje zdanie",
    "ur": "اپنی رائے دیں",
}
READERS = "The council's regeneration team and the High Street working group"

# (email, language, area slug, consent, answer to the first question, to the second)
HIGH_STREET_ANSWERS = [
    (
        "ann@example.org",
        "en",
        "town-centre",
        True,
        "More benches and shade, and a market on Saturdays.",
        "Fewer empty shops.",
    ),
    (
        "bilal@example.org",
        "ur",
        "westfield",
        True,
        "بزرگوں کے لیے بیٹھنے کی جگہیں اور بہتر روشنی۔",
        "",
    ),
    (
        "kasia@example.org",
        "pl",
        "moor-side",
        True,
        "Więcej zieleni i bezpieczne przejście dla dzieci.",
        "Tańszy parking.",
    ),
    ("dai@example.org", "cy", "brook-end", False, "Siopau lleol, nid cadwyni mawr.", ""),
    (
        "emma@example.org",
        "en",
        "",
        True,
        "Somewhere dry to wait for the bus.",
        "Public toilets that are open.",
    ),
    ("farah@example.org", "ur", "saxon-hill", False, "خواتین کے لیے محفوظ راستہ، رات کو بھی۔", ""),
    ("gosia@example.org", "pl", "town-centre", True, "Targ z lokalnym jedzeniem w soboty.", ""),
    (
        "harry@example.org",
        "en",
        "hollins-park",
        True,
        "Cycle racks outside the shops.",
        "Slower traffic.",
    ),
    ("ioan@example.org", "cy", "", True, "Arwyddion yn Gymraeg ac yn Saesneg.", ""),
    ("jas@example.org", "en", "westfield", False, "Keep the library in the middle of town.", ""),
    (
        "kamil@example.org",
        "pl",
        "brook-end",
        True,
        "Ławki i kosze na śmieci.",
        "Więcej wydarzeń dla rodzin.",
    ),
    ("leila@example.org", "en", "moor-side", True, "Step-free entrances to every shop.", ""),
]


def demo_user(username, password, first_name):
    user, created = get_or_invite_user(f"{username}@example.org", first_name=first_name)
    if created:
        user.username = username
        user.set_password(password)
        user.save()
    return user


def at(days, hour=12):
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def ensure_index(home):
    index = HaveYourSayIndexPage.objects.filter(locale=home.locale).first()
    if index is None:
        index = HaveYourSayIndexPage(
            title="Have your say",
            slug="have-your-say",
            show_in_menus=True,
            intro=(
                "<p>Questions to the town from the council and local organisations. "
                "Answer in any language, without an account; groups can bring what they "
                "concluded together. Every question gets a public reply: what we heard "
                "and what will happen.</p>"
            ),
        )
        home.add_child(instance=index)
        index.save_revision().publish()
    grant_officers(index)
    try:
        from translations.locales import translate_page
    except ImportError:  # translations not installed: the index stays in English
        return index
    for code, title in INDEX_TITLES.items():
        if Locale.objects.filter(language_code=code).exists():
            existing = index.get_translation_or_none(Locale.objects.get(language_code=code))
            if existing is None or existing.alias_of_id:
                translate_page(index, code, title=title)
    return index


def terms(model, *slugs):
    return list(model.objects.filter(locale=Locale.get_default(), slug__in=slugs))


def add_question(index, slug, title, opens, closes, reply_by, prompts, **fields):
    existing = QuestionPage.objects.filter(slug=slug, locale=index.locale).first()
    if existing is not None:
        return existing, False
    topics = fields.pop("topics", [])
    areas = fields.pop("areas", [])
    question = QuestionPage(
        slug=slug,
        title=title,
        asked_by=COUNCIL,
        opens_at=opens,
        closes_at=closes,
        reply_by=reply_by,
        readers=fields.pop("readers", READERS),
        how_answers_are_used=fields.pop(
            "how_answers_are_used",
            "We read every answer. The plan changes where many of you ask for the same "
            "thing, and we say in the reply what we will do and why.",
        ),
        prompts=[
            QuestionPrompt(text=text, kind=kind, choices=choices) for text, kind, choices in prompts
        ],
        **fields,
    )
    index.add_child(instance=question)
    question.topics.set(topics)
    question.areas.set(areas)
    question.save_revision().publish()
    return question, True


def add_answers(question, rows, hear_back):
    areas = {area.slug: area for area in Area.objects.filter(locale=Locale.get_default())}
    prompts = [p for p in question.prompts.all() if p.kind == QuestionPrompt.Kind.OPEN]
    for index, (email, language, area, consent, first, second) in enumerate(rows):
        Answer.objects.update_or_create(
            question=question,
            email=email,
            confirmed_at__isnull=False,
            defaults={
                "language": language,
                "area": areas.get(area),
                "responses": [
                    {"prompt": prompts[0].text, "answer": first, "open": True},
                    {"prompt": prompts[1].text, "answer": second, "open": True},
                ],
                "consent_to_publish": consent,
                "shown": consent and index % 3 != 2,
                "hear_back": hear_back,
                "confirmed_at": question.opens_at + datetime.timedelta(hours=5 + index * 7),
            },
        )


def add_contribution(question, group_slug, group_name, **fields):
    group = GroupPage.objects.filter(slug=group_slug, locale=Locale.get_default()).first()
    name = group.title if group else group_name
    if (
        GroupContribution.objects.filter(question=question, live=True)
        .filter(group=group)
        .filter(group_name="" if group else group_name)
        .exists()
    ):
        return
    conclusions = fields.pop("conclusions")
    contribution = GroupContribution.objects.create(
        question=question,
        group=group,
        group_name="" if group else name,
        live=False,
        hear_back=False,
        **fields,
    )
    prompts = list(question.prompts.all())
    for prompt, text in zip(prompts, conclusions, strict=False):
        ContributionConclusion.objects.create(
            contribution=contribution, prompt=prompt, prompt_text=prompt.text, text=text
        )
    contribution.save_revision().publish()


HIGH_STREET_PROMPTS = [
    ("What would make you spend more time on the High Street?", "open", ""),
    ("What should we change first?", "open", ""),
    ("Should the High Street be closed to cars on Saturdays?", "choice", "Yes\nNo\nNot sure"),
]


@transaction.atomic
def build(stdout):
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        stdout.write("Have your say: no site yet.")
        return
    home = site.root_page.specific
    index = ensure_index(home)
    officer = demo_user(*OFFICER)
    officer.groups.add(Group.objects.get(name=COUNCIL_OFFICERS))
    town_centre = terms(Area, "town-centre")
    made = []

    high_street, created = add_question(
        index,
        "high-street-plan",
        "The High Street plan",
        at(-5, 9),
        at(16, 23),
        (at(16) + datetime.timedelta(days=42)).date(),
        HIGH_STREET_PROMPTS,
        question="What should Ashby Moor's High Street be like in five years' time?",
        background=[
            (
                "paragraph",
                "<p>The council has money from the government to improve the High Street "
                "over the next five years. Before the plan is written, we want to hear "
                "from everyone who uses it: shoppers, traders, parents, older people, "
                "people who walk, cycle, drive or take the bus.</p>",
            )
        ],
        topics=terms(Topic, "environment"),
        areas=town_centre,
        show_answers=True,
    )
    if created:
        add_answers(high_street, HIGH_STREET_ANSWERS, hear_back=True)
        add_contribution(
            high_street,
            "polish-saturday-school",
            "Polish Saturday School parents",
            where_in_person="our parents' WhatsApp group",
            held_on=timezone.localdate() - datetime.timedelta(days=2),
            participants=23,
            language="pl",
            conclusions=[
                "Bezpieczne przejście przy szkole i miejsca do siedzenia dla dziadków.",
                "Najpierw przejście dla pieszych przy Mill Lane.",
            ],
            disagreements="Czy zamykać ulicę dla samochodów w soboty: połowa za, połowa przeciw.",
        )
        add_contribution(
            high_street,
            "al-noor-community-kitchen",
            "Al-Noor Community Kitchen",
            where_in_person="the Friday community meal",
            held_on=timezone.localdate() - datetime.timedelta(days=1),
            participants=40,
            language="en",
            conclusions=[
                "Warm, dry places to sit, and public toilets open all day.",
                "Lighting on the path from the car park, so people feel safe after dark.",
            ],
            disagreements="Whether a market would take trade from the shops.",
        )
        made.append(high_street.title)

    library, created = add_question(
        index,
        "library-opening-hours",
        "Library opening hours",
        at(-40, 9),
        at(-10, 23),
        (at(-10) + datetime.timedelta(days=28)).date(),
        [
            ("When would you use the library if it were open?", "open", ""),
            ("What stops you using it now?", "open", ""),
        ],
        question="When should the library be open?",
        topics=terms(Topic, "learning-and-languages"),
        areas=town_centre,
    )
    if created:
        made.append(library.title)

    park, created = add_question(
        index,
        "hollins-park-play-area",
        "The Hollins Park play area",
        at(-120, 9),
        at(-60, 23),
        (at(-60) + datetime.timedelta(days=30)).date(),
        [
            ("What should the new play area have?", "open", ""),
            ("Who would use it, and when?", "open", ""),
        ],
        question="What should we build in the Hollins Park play area?",
        topics=terms(Topic, "children-and-families"),
        areas=terms(Area, "hollins-park"),
    )
    if created:
        made.append(f"{park.title} (reply overdue)")

    shelter, created = add_question(
        index,
        "mill-lane-bus-shelter",
        "A bus shelter on Mill Lane",
        at(-150, 9),
        at(-120, 23),
        (at(-120) + datetime.timedelta(days=30)).date(),
        [
            ("Do you wait for the bus on Mill Lane?", "open", ""),
            ("What would make waiting easier?", "open", ""),
        ],
        question="Should there be a bus shelter on Mill Lane, and what should it have?",
        topics=terms(Topic, "older-people"),
        areas=terms(Area, "brook-end"),
    )
    if created:
        add_answers(shelter, HIGH_STREET_ANSWERS[:6], hear_back=False)
        shelter.reply_summary = (
            "<p>Almost everyone who answered waits on Mill Lane at least once a week. "
            "Most asked for a roof, a seat and the times of the buses; several asked "
            "for light in the evening.</p>"
        )
        shelter.reply_points = [
            ReplyPoint(
                point="A shelter with a roof and a seat",
                decision="yes",
                reason="It is in the transport budget for this year.",
            ),
            ReplyPoint(
                point="Live bus times on a screen",
                decision="partly",
                reason="A printed timetable now; a screen when the bus company upgrades.",
            ),
            ReplyPoint(
                point="Move the stop nearer the surgery",
                decision="no",
                reason="The pavement there is too narrow for a shelter.",
            ),
        ]
        shelter.progress_updates = [
            ProgressUpdate(
                date=timezone.localdate() - datetime.timedelta(days=20),
                text="The shelter is ordered; it will be put up next month.",
            )
        ]
        shelter.save_revision().publish()
        made.append(f"{shelter.title} (answered)")

    market, created = add_question(
        index,
        "christmas-market",
        "A Christmas market",
        at(10, 9),
        at(40, 23),
        (at(40) + datetime.timedelta(days=30)).date(),
        [
            ("What would you like at a Christmas market?", "open", ""),
            ("Would you run a stall?", "choice", "Yes\nMaybe\nNo"),
        ],
        question="Should the town hold a Christmas market, and what should it have?",
        areas=town_centre,
    )
    if created:
        made.append(f"{market.title} (opens soon)")

    if made:
        stdout.write("Have your say: " + "; ".join(made) + ".")
    else:
        stdout.write("Have your say: already there, nothing changed.")
    stdout.write(
        f"  council officer: {OFFICER[0]} / {OFFICER[1]} (drafts questions and replies, "
        "reads and exports answers)"
    )


def build_have_your_say(stdout):
    """The Have your say section of the demo (see this module's docstring)."""
    # The demo never e-mails anyone.
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        build(stdout)
