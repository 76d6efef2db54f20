"""Key demo pages in Welsh, Polish and Urdu, and a translator login per
language: the section after governance (demo/sections.py), also run alone by
``manage.py demo_translations``; idempotent: what is translated already is
left alone. Pages are translated through the same service the tests use
(``translations.locales.translate_page``), and found by slug.

The demo logins are for trying the site on your own computer only.
"""

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale

from events.models import EventOccurrence, EventPage
from groups.models import GroupPage
from home.models import AccessFeature, Area, Topic
from home.sites import default_site
from moderation.roles import get_or_invite_user
from translations.locales import (
    other_languages,
    sync_locales,
    translate_page,
    translators_group_name,
)

LANGUAGES = ["cy", "pl", "ur"]

HOME = {
    "cy": ("Hafan", "Beth sydd ymlaen, pwy yw pwy a beth sy'n newydd yn ein tref."),
    "pl": ("Strona główna", "Wydarzenia, grupy i aktualności w naszym mieście."),
    "ur": ("ہوم", "ہمارے شہر میں کیا ہو رہا ہے، کون کون ہے اور نیا کیا ہے۔"),
}
WELCOME = {
    "cy": "<p>Mae grwpiau lleol yn rhannu eu digwyddiadau a'u newyddion yma. "
    "Mae gwirfoddolwyr yn gwirio popeth cyn iddo gael ei gyhoeddi.</p>",
    "pl": "<p>Lokalne grupy publikują tu swoje wydarzenia i aktualności. "
    "Wolontariusze sprawdzają wszystko przed publikacją.</p>",
    "ur": "<p>مقامی گروپ یہاں اپنی تقریبات اور خبریں شیئر کرتے ہیں۔ "
    "رضاکار ہر چیز شائع ہونے سے پہلے جانچتے ہیں۔</p>",
}
# English slug of a page under the home page: its title in each language.
SECTIONS = {
    "groups": {"cy": "Grwpiau", "pl": "Grupy", "ur": "گروپ"},
    "whats-on": {"cy": "Beth sydd ymlaen", "pl": "Wydarzenia", "ur": "کیا ہو رہا ہے"},
    "news": {"cy": "Newyddion", "pl": "Aktualności", "ur": "خبریں"},
}
# The section pages' introductions, so a section reads in one language.
SECTION_INTROS = {
    "groups": {
        "cy": "Clybiau, elusennau a grwpiau anffurfiol yn Ashby Moor: dewch o hyd i un "
        "i ymuno ag ef, i'ch helpu, neu i wirfoddoli gydag ef.",
        "pl": "Kluby, organizacje charytatywne i grupy nieformalne w Ashby Moor: znajdź "
        "taką, do której dołączysz, która ci pomoże lub w której zostaniesz wolontariuszem.",
        "ur": "ایشبی مور کے کلب، خیراتی ادارے اور غیر رسمی گروپ: کوئی گروپ تلاش کریں "
        "جس میں شامل ہوں، جو آپ کی مدد کرے، یا جس کے ساتھ رضاکار بنیں۔",
    },
    "whats-on": {
        "cy": "Popeth sy'n digwydd yn Ashby Moor, fesul diwrnod. Amser y DU yw pob amser.",
        "pl": "Wszystko, co dzieje się w Ashby Moor, dzień po dniu. "
        "Wszystkie godziny podano według czasu brytyjskiego.",
        "ur": "ایشبی مور میں ہونے والی ہر چیز، دن بہ دن۔ تمام اوقات برطانیہ کے وقت کے مطابق ہیں۔",
    },
    "news": {
        "cy": "Newyddion gan grwpiau cymunedol Ashby Moor a chan dîm yr hysbysfwrdd.",
        "pl": "Aktualności od grup społecznych z Ashby Moor i od zespołu tablicy ogłoszeń.",
        "ur": "ایشبی مور کے کمیونٹی گروپوں اور نوٹس بورڈ ٹیم کی خبریں۔",
    },
}
ABOUT = {
    "cy": (
        "Am y wefan hon",
        "Hysbysfwrdd cymunedol y dref: grwpiau, digwyddiadau a newyddion, "
        "wedi'u gwirio gan wirfoddolwyr.",
    ),
    "pl": (
        "O serwisie",
        "Tablica ogłoszeń naszego miasta: grupy, wydarzenia i aktualności, "
        "sprawdzane przez wolontariuszy.",
    ),
    "ur": (
        "اس سائٹ کے بارے میں",
        "شہر کا کمیونٹی نوٹس بورڈ: گروپ، تقریبات اور خبریں، جنہیں رضاکار جانچتے ہیں۔",
    ),
}
ABOUT_BODY = {
    "cy": "Mae unrhyw grŵp sy'n cwrdd yn y dref yn gallu rhannu ei ddigwyddiadau a'i "
    "newyddion yma, am ddim. Mae cymedrolwyr gwirfoddol yn gwirio pob newid cyn ei "
    "gyhoeddi. Gallwch ddarllen y wefan yn Gymraeg, Saesneg, Pwyleg ac Wrdw.",
    "pl": "Każda grupa, która spotyka się w mieście, może tu bezpłatnie publikować swoje "
    "wydarzenia i aktualności. Wolontariusze-moderatorzy sprawdzają każdą zmianę przed "
    "publikacją. Serwis można czytać po polsku, angielsku, walijsku i w urdu.",
    "ur": "شہر میں ملنے والا کوئی بھی گروپ یہاں اپنی تقریبات اور خبریں مفت شیئر کر سکتا ہے۔ "
    "رضاکار ماڈریٹر ہر تبدیلی شائع ہونے سے پہلے جانچتے ہیں۔ آپ یہ سائٹ اردو، انگریزی، "
    "پولش اور ویلش میں پڑھ سکتے ہیں۔",
}
# A group's slug: its (title, summary) per language, and its next event's.
GROUPS = {
    "ashby-moor-repair-cafe": {
        "cy": (
            "Caffi Trwsio Ashby Moor",
            "Dewch â'ch pethau sydd wedi torri a byddwn yn eu trwsio gyda chi, am ddim.",
        ),
        "pl": (
            "Kawiarenka Naprawcza Ashby Moor",
            "Przynieś zepsute rzeczy, a naprawimy je razem z Tobą, za darmo.",
        ),
        "ur": (
            "ایشبی مور ریپیئر کیفے",
            "اپنی ٹوٹی چیزیں لائیں، ہم آپ کے ساتھ مل کر مفت ٹھیک کریں گے۔",
        ),
    },
    "polish-saturday-school": {
        "cy": ("Ysgol Sadwrn Bwylaidd", "Iaith, hanes a diwylliant Pwyleg i blant 4 i 16 oed."),
        "pl": (
            "Polska Szkoła Sobotnia",
            "Język polski, historia i kultura dla dzieci w wieku od 4 do 16 lat.",
        ),
        "ur": ("پولش سنیچر اسکول", "4 سے 16 سال کے بچوں کے لیے پولش زبان، تاریخ اور ثقافت۔"),
    },
    "urdu-womens-sewing-circle": {
        "cy": (
            "Cylch Gwnïo Menywod Wrdw",
            "Menywod yn gwnïo, sgwrsio a rhannu sgiliau yn Wrdw, Pwnjabeg a Saesneg.",
        ),
        "pl": (
            "Krąg Szycia Kobiet Urdu",
            "Kobiety szyją, rozmawiają i dzielą się umiejętnościami "
            "w urdu, pendżabskim i angielskim.",
        ),
        "ur": (
            "اردو خواتین کا سلائی حلقہ",
            "خواتین مل کر سلائی کرتی ہیں، باتیں کرتی ہیں "
            "اور اردو، پنجابی اور انگریزی میں ہنر سیکھتی ہیں۔",
        ),
    },
    "ashby-moor-food-bank": {
        "cy": ("Banc Bwyd Ashby Moor", "Bwyd brys a chyngor, heb farnu neb."),
        "pl": (
            "Bank Żywności Ashby Moor",
            "Pomoc żywnościowa w nagłej potrzebie i porady, bez oceniania.",
        ),
        "ur": ("ایشبی مور فوڈ بینک", "ہنگامی کھانا اور مشورہ، بغیر کسی فیصلے کے۔"),
    },
}
EVENTS = {
    "ashby-moor-repair-cafe": {
        "cy": (
            "Caffi trwsio",
            "Dewch â'ch eitemau cartref sydd wedi torri a'u trwsio gyda'n gwirfoddolwyr.",
        ),
        "pl": (
            "Kawiarenka naprawcza",
            "Przynieś zepsute sprzęty domowe i napraw je z naszymi wolontariuszami.",
        ),
        "ur": ("ریپیئر کیفے", "اپنی ٹوٹی گھریلو چیزیں لائیں اور ہمارے رضاکاروں کے ساتھ ٹھیک کریں۔"),
    },
    "polish-saturday-school": {
        "cy": ("Gwersi dydd Sadwrn", "Gwersi Pwyleg i blant, gyda choffi i rieni."),
        "pl": ("Sobotnie lekcje", "Lekcje polskiego dla dzieci, kawa dla rodziców."),
        "ur": ("سنیچر کی کلاسیں", "بچوں کے لیے پولش کلاسیں، والدین کے لیے کافی۔"),
    },
    "urdu-womens-sewing-circle": {
        "cy": ("Cylch gwnïo", "Gwnïo, gwau a brodio gyda'n gilydd. Croeso i ddechreuwyr."),
        "pl": (
            "Spotkanie szyciowe",
            "Szyjemy, dziergamy i haftujemy razem. Początkujące mile widziane.",
        ),
        "ur": (
            "سلائی کی نشست",
            "مل کر سلائی، بنائی اور کڑھائی۔ نئی سیکھنے والی خواتین کا خیرمقدم ہے۔",
        ),
    },
}
TOPICS = {
    "food": ("Bwyd", "Jedzenie", "کھانا"),
    "health-and-wellbeing": ("Iechyd a lles", "Zdrowie i samopoczucie", "صحت اور بہبود"),
    "older-people": ("Pobl hŷn", "Osoby starsze", "بزرگ"),
    "children-and-families": ("Plant a theuluoedd", "Dzieci i rodziny", "بچے اور خاندان"),
    "sport": ("Chwaraeon ac ymarfer corff", "Sport i ruch", "کھیل اور ورزش"),
    "arts-and-culture": ("Celfyddydau a diwylliant", "Sztuka i kultura", "فنون اور ثقافت"),
    "environment": ("Amgylchedd", "Środowisko", "ماحول"),
    "learning-and-languages": ("Dysgu ac ieithoedd", "Nauka i języki", "تعلیم اور زبانیں"),
    "money-and-advice": ("Arian a chyngor", "Pieniądze i porady", "پیسہ اور مشورہ"),
    "faith": ("Ffydd", "Wiara", "عقیدہ"),
}
AREAS = {
    "town-centre": ("Canol y Dref", "Centrum", "ٹاؤن سینٹر"),
    "moor-side": ("Moor Side", "Moor Side", "مور سائیڈ"),
    "westfield": ("Westfield", "Westfield", "ویسٹ فیلڈ"),
    "brook-end": ("Brook End", "Brook End", "بروک اینڈ"),
    "hollins-park": ("Parc Hollins", "Hollins Park", "ہولنز پارک"),
    "saxon-hill": ("Saxon Hill", "Saxon Hill", "سیکسن ہل"),
}

# Access features are read in every filter and on every event and group page.
ACCESS_FEATURES = {
    "step-free": ("Mynediad heb risiau", "Dostęp bez schodów", "سیڑھیوں کے بغیر رسائی"),
    "hearing-loop": ("Dolen sain", "Pętla indukcyjna", "سماعت کا لوپ"),
    "accessible-toilet": ("Toiled hygyrch", "Toaleta dostępna", "قابلِ رسائی بیت الخلا"),
    "bsl": ("Iaith Arwyddion Prydain", "Brytyjski język migowy", "برطانوی اشاروں کی زبان"),
    "quiet-session": ("Sesiwn dawel neu hamddenol", "Spokojna sesja", "پرسکون نشست"),
    "large-print": ("Print bras", "Duży druk", "بڑا پرنٹ"),
    "parking": ("Parcio gerllaw", "Parking w pobliżu", "قریب پارکنگ"),
    "baby-changing": (
        "Cyfleusterau newid babanod",
        "Przewijak dla dzieci",
        "بچوں کی نیپی بدلنے کی جگہ",
    ),
}


def build_translations(stdout):
    site = default_site()
    if site is None or not GroupPage.objects.exists():
        stdout.write("No demo content yet: run `manage.py demo_content` first.")
        return
    sync_locales()
    languages = [code for code in LANGUAGES if code in other_languages()]
    with transaction.atomic():
        translate_terms(languages)
        count = translate_pages(site.root_page.specific, languages)
        logins = translators(languages)
    stdout.write(f"Demo translations: {count} pages translated into {', '.join(languages)}.")
    for username, group in logins:
        stdout.write(f"  {group}: log in as {username} / {username}")


def translate_terms(languages):
    for model, names in [(Topic, TOPICS), (Area, AREAS), (AccessFeature, ACCESS_FEATURES)]:
        default = Locale.get_default()
        for term in model.objects.filter(locale=default, slug__in=names):
            for code in languages:
                locale = Locale.objects.get(language_code=code)
                if term.get_translation_or_none(locale) is not None:
                    continue
                copy = term.copy_for_translation(locale)
                copy.name = names[term.slug][LANGUAGES.index(code)]
                copy.save()


def translate_pages(home, languages):
    count = 0
    by_slug = {page.slug: page for page in home.get_children().specific()}
    for code in languages:
        title, intro = HOME[code]
        count += translate_once(home, code, title=title, intro=intro, welcome=WELCOME[code])
        for slug, titles in SECTIONS.items():
            if slug in by_slug:
                count += translate_once(
                    by_slug[slug],
                    code,
                    title=titles[code],
                    intro=f"<p>{SECTION_INTROS[slug][code]}</p>",
                )
        if "about" in by_slug:
            title, summary = ABOUT[code]
            body = [("paragraph", f"<p>{ABOUT_BODY[code]}</p>")]
            count += translate_once(by_slug["about"], code, title=title, summary=summary, body=body)
        for slug, texts in GROUPS.items():
            group = GroupPage.objects.filter(slug=slug, locale=home.locale).first()
            if group is None:
                continue
            title, summary = texts[code]
            count += translate_once(group, code, title=title, summary=summary)
            event = next_event(group) if slug in EVENTS else None
            if event is not None:
                title, summary = EVENTS[slug][code]
                count += translate_once(event, code, title=title, summary=summary)
    return count


def next_event(group):
    """The group's event that happens next (its first to translate)."""
    occurrence = (
        EventOccurrence.objects.filter(
            event__in=EventPage.objects.live().child_of(group), end__gte=timezone.now()
        )
        .order_by("start")
        .select_related("event")
        .first()
    )
    if occurrence is not None:
        return occurrence.event
    # Already translated on an earlier run: the one with a translation.
    return EventPage.objects.live().child_of(group).order_by("start").first()


def translate_once(page, code, **fields):
    locale = Locale.objects.get(language_code=code)
    existing = page.get_translation_or_none(locale)
    if existing is not None and existing.alias_of_id is None:
        return 0
    translate_page(page, code, **fields)
    return 1


def translators(languages):
    logins = []
    for code in languages:
        username = f"translator-{code}"
        user, created = get_or_invite_user(f"{username}@example.org", first_name=username)
        if created:
            user.username = username
            user.set_password(username)
            user.save()
        group = Group.objects.get(name=translators_group_name(code))
        user.groups.add(group)
        logins.append((username, group.name))
    return logins
