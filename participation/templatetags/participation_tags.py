"""Have your say on other pages: open questions on the home page, the
questions a group took part in on its page, and a question's JSON-LD."""

import json

from django import template
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe

from ..queries import open_questions as open_questions_query
from ..queries import questions_of_group

register = template.Library()


# The home page's and group pages' Have your say sections are cached as HTML
# per language, so they add no query to those pages once warm: until a
# question or contribution is published or unpublished (signals.py raises the
# version), or until the first listed question closes, or at most this long.
FRAGMENT_SECONDS = 300


def _fragment(key, template_name, build):
    from django.core.cache import cache
    from django.template.loader import render_to_string

    from home.i18n import active_language

    from ..signals import fragment_version

    cache_key = f"participation:{fragment_version()}:{active_language()}:{key}"
    html = cache.get(cache_key)
    if html is None:
        context, expires = build()
        html = render_to_string(template_name, context)
        seconds = FRAGMENT_SECONDS
        if expires is not None:
            seconds = max(1, min(seconds, int((expires - timezone.now()).total_seconds())))
        cache.set(cache_key, html, seconds)
    return mark_safe(html)


@register.simple_tag
def open_questions(limit=3, heading_level=2):
    """The open questions, soonest to close first (the home page)."""

    def build():
        from home.i18n import localized

        from ..models import HaveYourSayIndexPage

        questions = open_questions_query(limit)
        closing = min((q.closes_at for q in questions), default=None)
        index = localized(HaveYourSayIndexPage.objects.live().public()).first()
        context = {
            "questions": questions,
            "heading_level": heading_level,
            "index_url": index.url if index and questions else "",
        }
        return context, closing

    return _fragment(
        f"open:{limit}:{heading_level}", "participation/includes/open_questions.html", build
    )


@register.simple_tag
def group_questions(group, limit=5, heading_level=2):
    """The questions a group brought its conclusion to (its page)."""

    def build():
        questions = questions_of_group(group, limit)
        return {"questions": questions, "heading_level": heading_level}, None

    return _fragment(
        f"group:{group.translation_key}:{limit}:{heading_level}",
        "participation/includes/group_questions.html",
        build,
    )


@register.simple_tag
def question_json_ld(question, figures):
    """schema.org Question: what is asked, by whom, until when, how many answered."""
    data = {
        "@context": "https://schema.org",
        "@type": "Question",
        "name": question.title,
        "text": question.question,
        "url": question.full_url,
        "inLanguage": question.locale.language_code,
        "dateCreated": timezone.localtime(question.opens_at).isoformat(),
        "expires": timezone.localtime(question.closes_at).isoformat(),
        "answerCount": figures["answers"] + figures["groups"],
    }
    if question.asked_by_name:
        data["author"] = {"@type": "Organization", "name": question.asked_by_name}
    body = json.dumps(data, ensure_ascii=False).replace("<", "\\u003c")
    return mark_safe(f'<script type="application/ld+json">{body}</script>')


@register.filter
def decision_class(decision):
    return escape(f"decision decision--{decision}")
