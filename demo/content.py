"""The demo town, Ashby Moor, and the demo administrator: the first section
of the demo (demo/sections.py), also run alone by ``manage.py demo_content``.

``make run`` builds the demo on every start, so this is idempotent: when the
site already has groups it changes nothing, and says so. The demo
administrator (admin / admin) is created only if there is no user called
"admin".

    manage.py demo_content             # the town: 25 groups, 66 events, 30 news items
    manage.py demo_content --scale 40  # forty times as much, for benchmarks (fresh database)

The town is plain data in ``demo/town.py``, keyed by slug. Dates are computed
from today, so the demo has past and upcoming events whenever it is built.
Pages are added and published through revisions as the admin does; the
registered charities are onboarded, trusted, through the same onboarding
service the admin and ``onboard_group`` use.
"""

import datetime
import io
import os
import random
import time
from contextlib import contextmanager, nullcontext

from django.contrib.auth import get_user_model
from django.core.files.images import ImageFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.db.models.signals import post_save
from django.utils import timezone
from django.utils.html import escape
from django.utils.text import slugify
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.images import get_image_model
from wagtail.models import Locale, Page

from events.models import EventIndexPage, EventPage
from events.occurrences import write_occurrences
from groups.models import GroupIndexPage, GroupLink, GroupPage, Venue
from home.models import (
    AccessFeature,
    Area,
    HomePageFeaturedGroup,
    Language,
    SiteSettings,
    StandardPage,
    Topic,
)
from home.sites import default_site
from moderation.onboarding import onboard
from news.models import NewsIndexPage, NewsPage

from . import town
from .output import Output, wagtail_log_quietened

ADMIN_USERNAME = "admin"
ADMIN_PASSWORD = "admin"
# The same seed draws the same pictures: the same town.
DEFAULT_SEED = 1873
IMAGE_SIZE = (800, 450)
# (background, accent) pairs that keep white initials readable.
PALETTE = [
    ("#1d5c63", "#f2c14e"),
    ("#3d405b", "#f4a261"),
    ("#2a6f4e", "#a7c957"),
    ("#6d2e46", "#f2a65a"),
    ("#264653", "#e9c46a"),
    ("#5b3758", "#f9dc5c"),
    ("#1f4e79", "#8ecae6"),
    ("#7a3b2e", "#f6bd60"),
]
# Christmas Day, Boxing Day and New Year's Day: nothing meets; sessions move a week earlier.
CLOSED_DAYS = {(12, 25), (12, 26), (1, 1)}
SKIP_IN_INITIALS = {"ashby", "moor", "the", "and", "of", "for", "a", "'s"}


def content_present():
    """The demo (or a real site) is there once the directory has groups in it."""
    return GroupPage.objects.exists()


def ensure_admin():
    """The demo administrator, created only if nobody is called "admin".

    Returns (user, created)."""
    User = get_user_model()
    user = User.objects.filter(username=ADMIN_USERNAME).first()
    if user:
        return user, False
    user = User.objects.create_superuser(
        ADMIN_USERNAME, "admin@example.org", ADMIN_PASSWORD, first_name="Demo", last_name="Admin"
    )
    return user, True


@contextmanager
def search_index_updates_paused():
    """Skip the per-save search index update; the caller rebuilds the index once."""
    from wagtail.search.index import get_indexed_models
    from wagtail.search.signal_handlers import post_save_signal_handler

    models = [m for m in get_indexed_models() if getattr(m, "search_auto_update", True)]
    for model in models:
        post_save.disconnect(post_save_signal_handler, sender=model)
    try:
        yield
    finally:
        for model in models:
            post_save.connect(post_save_signal_handler, sender=model)


def initials(name):
    words = [w for w in name.replace("-", " ").split() if w.lower() not in SKIP_IN_INITIALS]
    letters = "".join(w[0] for w in words if w[0].isalnum())[:2]
    return (letters or name[:2]).upper()


def font(size):
    try:
        return ImageFont.load_default(size=size)
    except TypeError:  # Pillow built without FreeType: a small bitmap font still works.
        return ImageFont.load_default()


def draw_logo(name, rng):
    """A coloured card with soft circles and the group's initials."""
    background, accent = rng.choice(PALETTE)
    picture = PILImage.new("RGB", IMAGE_SIZE, background)
    draw = ImageDraw.Draw(picture, "RGBA")
    width, height = IMAGE_SIZE
    for _ in range(7):
        radius = rng.randint(40, 200)
        x, y = rng.randint(0, width), rng.randint(0, height)
        alpha = rng.randint(50, 110)
        draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=_rgba(accent, alpha))
    draw.text(
        (width / 2, height / 2),
        initials(name),
        font=font(190),
        fill="white",
        anchor="mm",
        stroke_width=3,
        stroke_fill=background,
    )
    return picture


def draw_scene(rng):
    """A simple landscape: sky, sun and rolling hills, different every time."""
    background, accent = rng.choice(PALETTE)
    width, height = IMAGE_SIZE
    picture = PILImage.new("RGB", IMAGE_SIZE, _mix("#ffffff", background, 0.55))
    draw = ImageDraw.Draw(picture, "RGBA")
    sun_x, sun_y, sun_r = rng.randint(120, width - 120), rng.randint(60, 160), rng.randint(40, 70)
    draw.ellipse((sun_x - sun_r, sun_y - sun_r, sun_x + sun_r, sun_y + sun_r), fill=accent)
    for layer in range(3):
        base = height * (0.55 + 0.15 * layer)
        points = [(0, height)]
        for step in range(0, width + 100, 100):
            points.append((step, base + rng.randint(-45, 45)))
        points.append((width, height))
        shade = _mix(background, "#000000", 0.15 * layer)
        draw.polygon(points, fill=shade)
    return picture


def _rgba(hex_colour, alpha):
    hex_colour = hex_colour.lstrip("#")
    return tuple(int(hex_colour[i : i + 2], 16) for i in (0, 2, 4)) + (alpha,)


def _mix(first, second, amount):
    a, b = _rgba(first, 0)[:3], _rgba(second, 0)[:3]
    return "#" + "".join(f"{round(x + (y - x) * amount):02x}" for x, y in zip(a, b, strict=True))


def paragraphs(texts):
    return "".join(f"<p>{escape(text)}</p>" for text in texts)


def block(kind, value):
    return {"type": kind, "value": value}


def heading(text, level="h2"):
    return block("heading", {"text": text, "level": level})


def paragraph(html):
    return block("paragraph", html)


def page_link(page, text):
    return f'<a linktype="page" id="{page.pk}">{escape(text)}</a>'


def call_to_action(text, page=None, url=""):
    return block("call_to_action", {"text": text, "page": page.pk if page else None, "url": url})


class Town:
    """Builds the town. Pages are published through revisions, as in the admin,
    except when ``fast`` (at scale): then they are created as drafts without
    revisions, their occurrences are written directly and they are published
    with one UPDATE."""

    def __init__(self, *, scale, seed, admin, fast, log):
        self.scale = scale
        self.rng = random.Random(seed)
        self.admin = admin
        self.fast = fast
        self.log = log
        self.now = timezone.now()
        self.today = timezone.localdate()
        self.monday = self.today - datetime.timedelta(days=self.today.weekday())
        self.locale = Locale.get_default()
        self.site = default_site()
        self.home = self.site.root_page.specific
        self.used_slugs = {}
        self.drafts = []  # pages to publish in bulk, when fast
        self.counts = {"images": 0}

    # Snippets -------------------------------------------------------------

    def vocabulary(self, model, rows, **fields_of):
        existing = {item.slug: item for item in model.objects.filter(locale=self.locale)}
        missing = []
        for row in rows:
            name, slug = row[0], row[1]
            if slug not in existing:
                extra = fields_of.get("extra", lambda row: {})(row)
                missing.append(model(name=name, slug=slug, locale=self.locale, **extra))
        self.save_all(model, missing)
        return {item.slug: item for item in model.objects.filter(locale=self.locale)}

    def save_all(self, model, objects):
        # The search index is built once at the end, so bulk inserts miss nothing.
        return model.objects.bulk_create(objects, batch_size=500)

    def build_snippets(self):
        self.areas = self.vocabulary(
            Area,
            town.AREAS,
            extra=lambda row: {"latitude": row[2], "longitude": row[3]},
        )
        self.area_list = [self.areas[row[1]] for row in town.AREAS]
        self.topics = self.vocabulary(Topic, town.TOPICS)
        self.access = self.vocabulary(AccessFeature, town.ACCESS_FEATURES)
        self.languages = {language.code: language for language in Language.objects.all()}

        existing = {venue.name: venue for venue in Venue.objects.all()}
        # venues[copy][key]: copy 0 is the town; further copies exist only at scale.
        self.venues = [{} for _ in range(self.scale)]
        new = []
        for copy in range(self.scale):
            for data in town.VENUES:
                name = self.copy_name(data["name"], copy, sep=", ")
                if name in existing:
                    self.venues[copy][data["key"]] = existing[name]
                    continue
                area = self.areas[data["area"]] if copy == 0 else self.copy_area(copy)
                venue = Venue(
                    name=name,
                    address=data["address"],
                    postcode=data["postcode"],
                    area=area,
                    latitude=data["position"][0],
                    longitude=data["position"][1],
                    access_notes=data["notes"],
                )
                venue.demo_access = [self.access[slug] for slug in data["access"]]
                self.venues[copy][data["key"]] = venue
                new.append(venue)
        self.save_all(Venue, new)
        Through = Venue.access_features.through
        Through.objects.bulk_create(
            [
                Through(venue_id=venue.pk, accessfeature_id=feature.pk)
                for venue in new
                for feature in venue.demo_access
            ],
            batch_size=1000,
        )
        self.counts["venues"] = len(new)

    def copy_area(self, copy):
        return self.area_list[copy % len(self.area_list)]

    def copy_name(self, name, copy, sep=" – "):
        """Copies at scale are named for an area, then numbered, so they stay unique."""
        if copy == 0:
            return name
        number = (copy - 1) // len(self.area_list)
        suffix = self.copy_area(copy).name + (f" {number + 1}" if number else "")
        return f"{name}{sep}{suffix}"

    # Images ---------------------------------------------------------------

    def image(self, title, picture, description=""):
        buffer = io.BytesIO()
        picture.save(buffer, "JPEG", quality=82, optimize=True)
        Image = get_image_model()
        image = Image(
            title=title,
            description=description,
            uploaded_by_user=self.admin,
            file=ImageFile(buffer, name=f"demo-{slugify(title)[:60]}.jpg"),
        )
        image.file_size = buffer.tell()
        image.save()
        self.counts["images"] += 1
        return image

    # Pages ----------------------------------------------------------------

    def unique_slug(self, parent, title):
        used = self.used_slugs.get(parent.pk)
        if used is None:
            used = self.used_slugs[parent.pk] = set(
                parent.get_children().values_list("slug", flat=True)
            )
        base = slugify(title)[:240] or "page"
        slug, number = base, 1
        while slug in used:
            number += 1
            slug = f"{base}-{number}"
        used.add(slug)
        return slug

    def add(self, parent, page, fast=None):
        """Add ``page`` under ``parent`` and publish it."""
        fast = self.fast if fast is None else fast
        page.slug = page.slug or self.unique_slug(parent, page.title)
        page.owner = self.admin
        page.locale = self.locale
        if fast:
            # Saved as a draft, which skips a full validation per page (the same
            # data is validated by every normal run), then published in bulk by
            # publish_drafts(); no revisions.
            page.live = False
            page.draft_title = page.title
            parent.add_child(instance=page)
            self.drafts.append(page.pk)
            if isinstance(page, EventPage):
                write_occurrences(page)
        else:
            # As the admin does: a revision, then publish it, so the page_published
            # signal writes an event's occurrences and the search index is current.
            page.live = False
            parent.add_child(instance=page)
            page.save_revision(user=self.admin).publish(user=self.admin)
            page.live = True
        return page

    def index_page(self, model, title, slug, intro):
        page = model.objects.child_of(self.home).first()
        if page:
            return page
        page = model(title=title, slug=slug, intro=intro, show_in_menus=True)
        return self.add(self.home, page, fast=False)

    def standard_page(self, title, slug, summary, body, show_in_menus=False):
        page = StandardPage.objects.child_of(self.home).filter(slug=slug).first()
        if page:
            return page
        page = StandardPage(
            title=title, slug=slug, summary=summary, body=body, show_in_menus=show_in_menus
        )
        return self.add(self.home, page, fast=False)

    def build_site_pages(self):
        self.groups_index = self.index_page(
            GroupIndexPage,
            "Groups",
            "groups",
            "<p>Clubs, charities and informal groups in Ashby Moor: find one to join, "
            "to help you, or to volunteer with.</p>",
        )
        self.whats_on = self.index_page(
            EventIndexPage,
            "What's on",
            "whats-on",
            "<p>Everything happening in Ashby Moor, day by day. All times are UK time.</p>",
        )
        self.news_index = self.index_page(
            NewsIndexPage,
            "News",
            "news",
            "<p>News from Ashby Moor's community groups and from the noticeboard team.</p>",
        )
        operator = town.OPERATOR
        email = "noticeboard@ashbymoorcvs.example.org"
        phone = "01632 960000"
        self.moderation_policy = self.standard_page(
            "Moderation policy",
            "moderation-policy",
            "How we check what is published on the noticeboard, and what we don't allow.",
            [
                paragraph(
                    f"<p>Everything on this site is checked by a moderator from {operator} "
                    "before it is published. We aim to check within two working days.</p>"
                ),
                heading("What we publish"),
                paragraph(
                    "<ul><li>Groups, events and news that are open to people in Ashby Moor."
                    "</li><li>Paid events, as long as the price is clear.</li>"
                    "<li>Events by faith groups that are open to everyone.</li></ul>"
                ),
                heading("What we don't publish"),
                paragraph(
                    "<ul><li>Anything hateful, discriminatory or against the law.</li>"
                    "<li>Party political campaigning (hustings for all candidates are fine)."
                    "</li><li>Adverts for businesses, unless the event is free and for the "
                    "community.</li><li>Personal information about people without their "
                    "consent.</li></ul>"
                ),
                heading("If we send something back"),
                paragraph(
                    "<p>The moderator writes a comment saying what to change. Edit the page "
                    "and submit it again. A moderator never approves their own changes.</p>"
                ),
                heading("Complaints"),
                paragraph(
                    f'<p>If you think something here is wrong, e-mail <a href="mailto:'
                    f'{email}">{email}</a> or call {phone}. We reply within five working '
                    "days.</p>"
                ),
            ],
        )
        self.about = self.standard_page(
            "About this site",
            "about",
            f"The Ashby Moor Noticeboard is run by {operator} for everyone in town.",
            [
                paragraph(
                    "<p>One place to find out what's on in Ashby Moor, which groups exist "
                    "and how to join them, get help or volunteer.</p>"
                ),
                block(
                    "image",
                    {
                        "image": self.image("Hollins Park in the morning", draw_scene(self.rng)).pk,
                        "decorative": False,
                        "alt_text": "A drawing of green hills under a yellow sun.",
                    },
                ),
                heading("Who runs it"),
                paragraph(
                    f"<p>{operator} runs the site. Each group's own volunteers keep their "
                    "page, events and news up to date, and our moderators check everything "
                    "before it is published.</p>"
                ),
                heading("Your group"),
                paragraph(
                    "<p>Any community group in town can have a free page, events and news "
                    "here: registered charities, community groups and informal groups that "
                    "meet in a church hall or a café. Fill in the “Get your group listed” "
                    "form (linked at the foot of this page) and a moderator will be in "
                    "touch, usually within two working days.</p>"
                ),
                call_to_action("Read the moderation policy", page=self.moderation_policy),
                heading("Contact us"),
                paragraph(
                    f'<p>E-mail <a href="mailto:{email}">{email}</a> or call {phone}, '
                    "Monday to Friday, 9am to 5pm.</p>"
                ),
            ],
            show_in_menus=True,
        )
        settings_row = SiteSettings.for_site(self.site)
        settings_row.operator_name = operator
        settings_row.operator_url = "https://ashbymoorcvs.example.org/"
        settings_row.contact_email = email
        settings_row.contact_phone = phone
        settings_row.about_page = self.about
        settings_row.moderation_policy_page = self.moderation_policy
        settings_row.save()
        self.site.site_name = f"{town.TOWN} Noticeboard"
        self.site.save()

    def build_groups(self):
        self.groups = []  # (copy, data, page)
        logos = {}
        phone = 0
        for copy in range(self.scale):
            for number, data in enumerate(town.GROUPS):
                name = self.copy_name(data["name"], copy)
                slug = self.unique_slug(self.groups_index, data["slug"] if copy == 0 else name)
                compact = slug.replace("-", "")[:40]
                if copy == 0 and number % 6 != 5:
                    logos[number] = self.image(
                        f"{data['name']} logo",
                        draw_logo(data["name"], self.rng),
                        description=f"Logo of {data['name']}",
                    )
                page = GroupPage(
                    title=name,
                    slug=slug,
                    summary=data["summary"],
                    description=paragraphs(data["description"]),
                    logo=logos.get(number),
                    kind=data["kind"],
                    charity_number=data.get("charity_number", ""),
                    venue=self.venues[copy][data["venue"]],
                    meeting_times=data["meeting_times"],
                    meets_online=data.get("online", False),
                    contact_email=f"{compact}@example.org",
                    contact_phone=f"01632 960{(phone % 999) + 1:03d}",
                    website=f"https://{compact}.example.org/" if data.get("website") else "",
                    access_information=self.venues[0][data["venue"]].access_notes,
                    looking_for_volunteers="volunteers" in data,
                    volunteering=data.get("volunteers", ""),
                )
                phone += 1
                areas = [self.areas[slug] for slug in data["areas"]]
                if copy:
                    areas = [self.copy_area(copy)]
                page.topics = [self.topics[slug] for slug in data["topics"]]
                page.areas = areas
                page.languages = [
                    self.languages[c] for c in data["languages"] if c in self.languages
                ]
                page.access_features = [self.access[slug] for slug in data["access"]]
                page.links = [GroupLink(kind=kind, url=url) for kind, url in data.get("links", [])]
                self.add(self.groups_index, page)
                self.groups.append((copy, data, page))
        self.counts["groups"] = len(self.groups)

    def featured_groups(self):
        # A charity, a community group and an informal group at least, from the town itself.
        by_slug = {data["slug"]: page for copy, data, page in self.groups if copy == 0}
        return [by_slug[slug] for slug in town.FEATURED_GROUPS if slug in by_slug]

    def onboard_charities(self):
        """The town's registered charities are onboarded and trusted: their
        volunteers publish without waiting for a moderator."""
        for copy, data, page in self.groups:
            if copy == 0 and data["kind"] == GroupPage.Kind.CHARITY:
                onboard(page, trusted=True, user=self.admin)

    def event_start(self, idea, week):
        day = self.monday + datetime.timedelta(weeks=week, days=idea["day"])
        if (day.month, day.day) in CLOSED_DAYS:
            day -= datetime.timedelta(weeks=1)
        hour, minute = (int(part) for part in idea["time"].split(":"))
        start = timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))
        return start, start + datetime.timedelta(minutes=idea["minutes"])

    def recurring_start(self, start, end, repeat):
        """Move a monthly event's first session to its nth weekday (on or after the
        start) and turn "skip_month" into excluded dates for the coming year."""
        nth = repeat.pop("nth", None)
        skip_month = repeat.pop("skip_month", None)
        if nth:
            length = end - start
            day = timezone.localdate(start)
            while True:
                first = day.replace(day=1)
                candidate = first + datetime.timedelta(days=(day.weekday() - first.weekday()) % 7)
                candidate += datetime.timedelta(weeks=nth - 1)
                if candidate >= day:
                    break
                day = (first + datetime.timedelta(days=32)).replace(day=1)
                day += datetime.timedelta(
                    days=(timezone.localdate(start).weekday() - day.weekday()) % 7
                )
            start = timezone.make_aware(
                datetime.datetime.combine(candidate, timezone.localtime(start).time())
            )
            end = start + length
            repeat["repeat"] = repeat.get("repeat", "monthly-weekday")
            repeat["monthly_week"] = nth
        if skip_month:
            skipped = []
            sessions = EventPage(
                start=start,
                end=end,
                recurrence=EventPage(
                    start=start, end=end, **{k: v for k, v in repeat.items()}
                ).build_recurrence(),
            ).schedule(start, start + datetime.timedelta(days=400))
            for session_start, _end in sessions:
                local = timezone.localdate(session_start)
                if local.month == skip_month:
                    skipped.append(local.isoformat())
            repeat["excluded_dates"] = "\n".join(skipped)
        return start, end, repeat

    def events_of(self, parent, ideas, *, copy, group_data=None):
        pictures = self.event_pictures
        for idea in ideas:
            key = (group_data["name"] if group_data else "", idea["title"])
            if idea.get("image") and key not in pictures:
                pictures[key] = self.image(
                    idea["title"], draw_scene(self.rng), description=idea["summary"]
                )
            venue_key = idea.get("venue") or (group_data and group_data["venue"])
            online = idea.get("online")
            venue = None if online is True or not venue_key else self.venues[copy][venue_key]
            topics = idea.get("topics") or (group_data["topics"] if group_data else [])
            languages = group_data["languages"] if group_data else ["en"]
            access = [feature.slug for feature in getattr(venue, "demo_access", [])]
            if venue is not None and not access:
                access = list(venue.access_features.values_list("slug", flat=True))
            for week in idea["weeks"]:
                start, end = self.event_start(idea, week)
                repeat = dict(idea.get("repeat") or {})
                if repeat:
                    start, end, repeat = self.recurring_start(start, end, repeat)
                title = idea["title"]
                if len(idea["weeks"]) > 1:
                    title = f"{title}, {start:%A} {start.day} {start:%B}"
                slug = self.unique_slug(parent, title)
                description = [idea.get("text", "")] if idea.get("text") else []
                if group_data:
                    description.append(
                        f"Organised by {group_data['name']}. Questions? Get in touch using "
                        "the details on the group's page."
                    )
                else:
                    description.append(f"Organised by {town.OPERATOR}.")
                page = EventPage(
                    title=title,
                    slug=slug,
                    summary=idea["summary"],
                    start=start,
                    end=end,
                    venue=venue,
                    online_url=f"https://meet.example.org/{slug}" if online else "",
                    is_free="price" not in idea,
                    price=idea.get("price", ""),
                    booking_url=f"https://tickets.example.org/{slug}"
                    if idea.get("booking")
                    else "",
                    audience=idea.get("audience", "everyone"),
                    image=pictures.get(key),
                    description=paragraphs(description),
                )
                for name, value in repeat.items():
                    setattr(page, name, value)
                page.topics = [self.topics[t] for t in topics]
                page.languages = [self.languages[c] for c in languages if c in self.languages]
                page.access_features = [self.access[slug] for slug in access]
                self.add(parent, page)
                self.counts["events"] = self.counts.get("events", 0) + 1

    def build_events(self):
        self.event_pictures = {}
        for copy, data, group in self.groups:
            self.events_of(group, data["events"], copy=copy, group_data=data)
        for copy in range(self.scale):
            self.events_of(self.whats_on, town.HUB_EVENTS, copy=copy)

    def news_of(self, parent, items, *, copy, group_data=None):
        for item in items:
            key = (group_data["name"] if group_data else "", item["title"])
            image = self.news_pictures.get(key)
            if item.get("image") and image is None:
                image = self.news_pictures[key] = self.image(
                    item["title"], draw_scene(self.rng), description=item["summary"]
                )
            body = [paragraph(paragraphs(item["paragraphs"]))]
            if group_data:
                body.append(
                    paragraph(
                        "<p>"
                        + page_link(parent, f"Find out more about {group_data['name']}")
                        + ".</p>"
                    )
                )
            topics = item.get("topics") or (group_data["topics"] if group_data else [])
            page = NewsPage(
                title=item["title"],
                date=self.today - datetime.timedelta(days=item["days_ago"]),
                summary=item["summary"],
                image=image,
                body=body,
            )
            page.topics = [self.topics[t] for t in topics]
            self.add(parent, page)
            self.counts["news"] = self.counts.get("news", 0) + 1

    def build_news(self):
        self.news_pictures = {}
        for copy, data, group in self.groups:
            self.news_of(group, data["news"], copy=copy, group_data=data)
        for copy in range(self.scale):
            self.news_of(self.news_index, town.HUB_NEWS, copy=copy)

    def build_home(self):
        home = self.home
        home.title = town.TOWN
        home.intro = f"What's on, who's who and what's new in {town.TOWN}."
        home.welcome = (
            "<p>Find a group to join, something to do this week, or help when you need it. "
            "Every group here is run by local people, and any group can get listed "
            "for free.</p>"
        )
        home.featured_groups = [
            HomePageFeaturedGroup(page=group, sort_order=order)
            for order, group in enumerate(self.featured_groups())
        ]
        home.save_revision(user=self.admin).publish(user=self.admin)

    def publish_drafts(self):
        for start in range(0, len(self.drafts), 500):
            Page.objects.filter(pk__in=self.drafts[start : start + 500]).update(
                live=True,
                has_unpublished_changes=False,
                first_published_at=self.now,
                last_published_at=self.now,
            )

    def build_search_promotions(self):
        """Pin the town's page for a common search, as moderators would."""
        for query, slug, description in town.SEARCH_PROMOTIONS:
            page = Page.objects.filter(slug=slug, locale=self.locale).order_by("path").first()
            if page is not None:
                SearchPromotion.objects.get_or_create(
                    query=Query.get(query), page=page, defaults={"description": description}
                )

    def build(self):
        steps = [
            ("snippets", self.build_snippets),
            ("site pages", self.build_site_pages),
            ("groups", self.build_groups),
            ("trusted charities", self.onboard_charities),
            ("events", self.build_events),
            ("news", self.build_news),
            ("publishing", self.publish_drafts),
            ("home page", self.build_home),
            ("search promotions", self.build_search_promotions),
        ]
        for label, step in steps:
            started = time.monotonic()
            step()
            self.log(f"  {label}: {time.monotonic() - started:.1f}s")
        return self.counts


def build_content(stdout, *, scale=1, seed=DEFAULT_SEED, skip_index=False, verbosity=1):
    """Build the town (unless the site has groups already) and the demo
    administrator, then print the site's addresses and the login."""
    if scale < 1:
        raise CommandError("--scale must be 1 or more.")
    say = Output(stdout, verbosity)
    admin, admin_created = ensure_admin()
    if content_present():
        if scale > 1:
            raise CommandError(
                "The site already has groups, so nothing was built. --scale builds "
                "a benchmark town on an empty database: point DATABASE_URL at a new "
                "one and run migrate first."
            )
        say("Demo content already present: nothing to do.")
    else:
        build_town(say, scale=scale, seed=seed, admin=admin, skip_index=skip_index)
    welcome(say, admin_created)


def build_town(say, *, scale, seed, admin, skip_index):
    fast = scale > 1
    say(f"Building the {town.TOWN} demo town" + (f" at scale {scale}" if fast else ""))
    started = time.monotonic()
    quiet = nullcontext() if say.verbosity >= 2 else wagtail_log_quietened()
    log = say if say.verbosity >= 2 or fast else lambda line: None
    # Each page is saved about three times on its way to being published;
    # indexing once at the end, in the same transaction, is a third of the work.
    with search_index_updates_paused(), quiet, transaction.atomic():
        counts = Town(scale=scale, seed=seed, admin=admin, fast=fast, log=log).build()
        if skip_index:
            say("  search index: skipped; run manage.py update_index to build it")
        else:
            index_started = time.monotonic()
            call_command("update_index", verbosity=0)
            log(f"  search index: {time.monotonic() - index_started:.1f}s")
    say(
        say.style.SUCCESS(
            f"Built {counts['groups']} groups, {counts['events']} events, "
            f"{counts['news']} news items, {counts['venues']} venues and "
            f"{counts['images']} images in {time.monotonic() - started:.1f}s."
        )
    )


def welcome(say, admin_created):
    host = os.environ.get("HOST", "127.0.0.1")
    port = os.environ.get("PORT", "8000")
    url = f"http://{host}:{port}/"
    login = f'username "{ADMIN_USERNAME}", password "{ADMIN_PASSWORD}"'
    if not admin_created:
        login += " (unless you have changed it)"
    say("")
    say(say.style.SUCCESS(f"The {town.TOWN} demo site is ready."))
    say(f"  Website:      {url}")
    say(f"  Admin:        {url}admin/")
    say(f"  Admin login:  {login}")
    say("  The demo login is for trying the site on your own computer only.")
    say("")
