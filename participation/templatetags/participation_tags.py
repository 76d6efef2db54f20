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


@register.inclusion_tag("participation/includes/open_questions.html", takes_context=True)
def open_questions(context, limit=3, heading_level=2):
    return {
        "request": context.get("request"),
        "questions": open_questions_query(limit),
        "heading_level": heading_level,
    }


@register.inclusion_tag("participation/includes/group_questions.html", takes_context=True)
def group_questions(context, group, limit=5, heading_level=2):
    return {
        "request": context.get("request"),
        "questions": questions_of_group(group, limit),
        "heading_level": heading_level,
    }


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
