"""Public suggestions stored before now kept the visitor's line breaks as
``<br>`` inside paragraphs; rewrite them (the pages and their revisions, which
the editor opens) as one paragraph per line, as new suggestions are stored.
"""

import re

from django.db import migrations

BREAK = re.compile(r"\s*<br\s*/?>\s*", re.IGNORECASE)
PARAGRAPH = re.compile(r"<p>(.*?)</p>", re.IGNORECASE | re.DOTALL)


def as_paragraphs(html):
    if not html or not BREAK.search(html):
        return html
    lines = []
    for body in PARAGRAPH.findall(html):
        lines.extend(part.strip() for part in BREAK.split(body))
    return "".join(f"<p>{line}</p>" for line in lines if line)


def forwards(apps, schema_editor):
    PublicSubmission = apps.get_model("moderation", "PublicSubmission")
    Revision = apps.get_model("wagtailcore", "Revision")
    ContentType = apps.get_model("contenttypes", "ContentType")
    models = {
        "event": ("events", "EventPage"),
        "group": ("groups", "GroupPage"),
    }
    for submission in PublicSubmission.objects.exclude(page=None).iterator():
        if submission.kind not in models:
            continue
        app_label, name = models[submission.kind]
        model = apps.get_model(app_label, name)
        page = model.objects.filter(pk=submission.page_id).first()
        if page is None:
            continue
        content_type = ContentType.objects.filter(app_label=app_label, model=name.lower()).first()
        fixed = as_paragraphs(page.description)
        if fixed != page.description:
            model.objects.filter(pk=page.pk).update(description=fixed)
        for revision in Revision.objects.filter(
            content_type=content_type, object_id=str(page.pk)
        ):
            content = revision.content or {}
            fixed = as_paragraphs(content.get("description"))
            if fixed != content.get("description"):
                content["description"] = fixed
                Revision.objects.filter(pk=revision.pk).update(content=content)


class Migration(migrations.Migration):
    dependencies = [
        ("moderation", "0005_queued_mail_retries"),
        ("events", "0002_initial"),
        ("groups", "0003_grouppage_is_trusted"),
        ("wagtailcore", "0094_alter_page_locale"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
