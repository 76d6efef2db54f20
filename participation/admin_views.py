"""Admin screens for Have your say: the questions whose answers a user may
read, every answer to one question (published or not) and its export."""

import csv
import json

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_POST

from .models import Answer, GroupContribution, QuestionPage
from .roles import is_moderator, readable_questions

# A spreadsheet runs a cell that starts with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """A cell's text, made inert for spreadsheets: a leading ' stops a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def readable_question(request, pk):
    question = get_object_or_404(QuestionPage, pk=pk)
    if not readable_questions(request.user).filter(pk=question.pk).exists():
        raise PermissionDenied
    return question


def questions_view(request):
    questions = (
        readable_questions(request.user)
        .annotate(
            answer_count=Count("answers", filter=Q(answers__confirmed_at__isnull=False)),
        )
        .order_by("-closes_at")
    )
    if not questions.exists() and not is_moderator(request.user):
        raise PermissionDenied
    return TemplateResponse(request, "participation/admin/questions.html", {"questions": questions})


def confirmed_answers(question):
    return Answer.objects.filter(question=question, confirmed_at__isnull=False).select_related(
        "area"
    )


def answers_view(request, pk):
    question = readable_question(request, pk)
    contributions = GroupContribution.objects.filter(question=question).prefetch_related(
        "conclusions"
    )
    return TemplateResponse(
        request,
        "participation/admin/answers.html",
        {
            "question": question,
            "answers": confirmed_answers(question).order_by("confirmed_at"),
            "contributions": contributions,
            "can_moderate": is_moderator(request.user),
        },
    )


@require_POST
def show_excerpt_view(request, pk, answer_pk):
    """Moderators choose which consenting answers' excerpts the page shows."""
    question = readable_question(request, pk)
    if not is_moderator(request.user):
        raise PermissionDenied
    answer = get_object_or_404(Answer, pk=answer_pk, question=question, confirmed_at__isnull=False)
    answer.shown = request.POST.get("shown") == "1" and answer.consent_to_publish
    answer.save(update_fields=["shown"])
    return redirect("participation_answers", pk=question.pk)


def export_rows(question):
    """One row per answer: when, language, area, each question's answer."""
    answers = list(confirmed_answers(question).order_by("confirmed_at"))
    prompts = []
    for answer in answers:
        for item in answer.responses:
            if item.get("prompt") not in prompts:
                prompts.append(item.get("prompt"))
    header = ["confirmed", "language", "area", "excerpt may be shown", *prompts]
    rows = []
    for answer in answers:
        by_prompt = {item.get("prompt"): item.get("answer", "") for item in answer.responses}
        rows.append(
            [
                timezone.localtime(answer.confirmed_at).isoformat(timespec="minutes"),
                answer.language,
                answer.area.name if answer.area_id else "",
                "yes" if answer.consent_to_publish else "no",
                *[by_prompt.get(prompt, "") for prompt in prompts],
            ]
        )
    return header, rows


def export_view(request, pk, fmt):
    """Every confirmed answer, without addresses: CSV for spreadsheets, JSON
    for anything else. Group contributions go in the JSON with their counts."""
    if fmt not in {"csv", "json"}:
        raise Http404("Export as .csv or .json")
    question = readable_question(request, pk)
    filename = f"{question.slug}-answers.{fmt}"
    if fmt == "csv":
        header, rows = export_rows(question)
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response.write("\ufeff")  # so spreadsheets read it as UTF-8
        writer = csv.writer(response)
        for row in [header, *rows]:
            writer.writerow([neutralise(cell) for cell in row])
    else:
        answers = [
            {
                "confirmed": answer.confirmed_at.isoformat(),
                "language": answer.language,
                "area": answer.area.slug if answer.area_id else None,
                "excerpt_may_be_shown": answer.consent_to_publish,
                "answers": [
                    {"question": item.get("prompt"), "answer": item.get("answer", "")}
                    for item in answer.responses
                ],
            }
            for answer in confirmed_answers(question).order_by("confirmed_at")
        ]
        contributions = [
            {
                "group": c.display_name,
                "approved": c.live,
                "held_on": c.held_on.isoformat(),
                "participants": c.participants,
                "conclusions": [
                    {"question": item.prompt_text, "conclusion": item.text}
                    for item in c.conclusions.all()
                ],
                "disagreements": c.disagreements,
            }
            for c in GroupContribution.objects.filter(question=question)
            .select_related("group")
            .prefetch_related("conclusions")
        ]
        body = {
            "question": question.title,
            "url": question.full_url,
            "exported": timezone.now().isoformat(),
            "answers": answers,
            "group_contributions": contributions,
        }
        response = HttpResponse(
            json.dumps(body, ensure_ascii=False, indent=2),
            content_type="application/json; charset=utf-8",
        )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
