import uuid

from django.db import migrations

# The default language, frozen: English is always the site's default.
DEFAULT_LANGUAGE = "en"
# The languages a group can say it speaks: (code, name in the language, name
# in English), as Django named them when this migration was written.
LANGUAGES = [
    ("en", "English", "English"),
    ("cy", "Cymraeg", "Welsh"),
    ("pl", "polski", "Polish"),
    ("ur", "اردو", "Urdu"),
    ("ar", "العربيّة", "Arabic"),
    ("bn", "বাংলা", "Bengali"),
    ("pa", "Punjabi", "Punjabi"),
    ("ro", "Română", "Romanian"),
    ("uk", "Українська", "Ukrainian"),
    ("zh-hans", "简体中文", "Simplified Chinese"),
    ("bfi", "British Sign Language", "British Sign Language"),
]


def create_homepage(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Locale = apps.get_model("wagtailcore.Locale")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    HomePage = apps.get_model("home.HomePage")

    # Replace Wagtail's placeholder "Welcome" page with our home page.
    page_type = ContentType.objects.get(model="page", app_label="wagtailcore")
    Page.objects.filter(content_type=page_type, slug="home", depth=2).delete()
    locale, _ = Locale.objects.get_or_create(language_code=DEFAULT_LANGUAGE)
    home_type, _ = ContentType.objects.get_or_create(model="homepage", app_label="home")
    homepage = HomePage.objects.create(
        title="Home",
        draft_title="Home",
        slug="home",
        content_type=home_type,
        path="00010001",
        depth=2,
        numchild=0,
        url_path="/home/",
        locale=locale,
        translation_key=uuid.uuid4(),
        intro="What's on, who's who and what's new in our town.",
    )
    Page.objects.filter(depth=1).update(numchild=1)
    Site.objects.all().delete()
    Site.objects.create(
        hostname="localhost", root_page=homepage, is_default_site=True, site_name="Noticeboard"
    )


def create_languages(apps, schema_editor):
    Language = apps.get_model("home.Language")
    for code, name, english in LANGUAGES:
        Language.objects.get_or_create(code=code, defaults={"name": name, "english_name": english})


class Migration(migrations.Migration):
    dependencies = [("home", "0001_initial")]

    operations = [
        migrations.RunPython(create_homepage, migrations.RunPython.noop),
        migrations.RunPython(create_languages, migrations.RunPython.noop),
    ]
