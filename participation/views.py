"""Public views: answering a question, a group's conclusion from a group not
in the directory, the two confirmation links, the feeds. Under i18n_patterns
(noticeboard/urls.py), so each form records the language it was filled in.

The forms are their own uncached pages (the question pages may be cached for
anonymous readers, and a cached page must never carry a CSRF token)."""

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods

from home.uploads import LimitedUploadHandler, public_upload_limit
from moderation.views import count_submission, rate_limited

from .forms import AnswerForm, ContributionForm
from .models import Answer, GroupContribution, QuestionPage
from .services import (
    confirm_answer,
    confirm_contribution,
    create_answer,
    create_public_contribution,
    find_by_token,
    link_expired,
)


def public_question(pk):
    question = QuestionPage.objects.live().public().filter(pk=pk).first()
    if question is None:
        raise Http404("No such question")
    return question


def _form_view(request, pk, form_class, create, template, done_template):
    question = public_question(pk)
    if request.method == "POST":
        if rate_limited(request):
            return render(request, "moderation/rate_limited.html", status=429)
        form = form_class(request.POST, request.FILES, question=question)
        form.upload_too_large = getattr(request, "upload_too_large", False)
        if form.is_spam():
            return render(request, "moderation/spam.html", status=400)
        if not question.is_open:
            # Closed while they were writing: say so, and give their words back.
            return render(
                request,
                "participation/not_open.html",
                {"question": question, "typed": form.data},
                status=409,
            )
        if form.is_valid():
            record = create(question, form)
            count_submission(request)  # only what was saved counts towards the limit
            return render(request, done_template, {"question": question, "record": record})
    else:
        if not question.is_open:
            return render(request, "participation/not_open.html", {"question": question})
        form = form_class(question=question)
    return render(request, template, {"question": question, "page": question, "form": form})


@never_cache
@csrf_protect
@require_http_methods(["GET", "POST"])
def answer(request, pk):
    return _form_view(
        request,
        pk,
        AnswerForm,
        create_answer,
        "participation/answer_form.html",
        "participation/check_your_email.html",
    )


@never_cache
@csrf_exempt  # checked by csrf_protect below, once the upload limit is in place
@require_http_methods(["GET", "POST"])
def contribute(request, pk):
    # Before anything reads the body: a file past the limit is never kept whole.
    request.upload_handlers.insert(0, LimitedUploadHandler(request, public_upload_limit()))
    return _contribute(request, pk)


@csrf_protect
def _contribute(request, pk):
    return _form_view(
        request,
        pk,
        ContributionForm,
        create_public_contribution,
        "participation/contribution_form.html",
        "participation/check_your_email.html",
    )


def _confirm_view(request, record, confirm, kind):
    """GET shows a button, POST confirms: mail scanners that open links do not
    confirm anything on the writer's behalf."""
    context = {"record": record, "kind": kind, "question": record.question}
    if record.confirmed_at is None and link_expired(record):
        return render(request, "participation/link_expired.html", context, status=410)
    if request.method == "POST":
        context["record"] = confirm(record)
        return render(request, "participation/confirmed.html", context)
    return render(request, "participation/confirm.html", context)


@never_cache
@csrf_protect
@require_http_methods(["GET", "POST"])
def confirm_answer_view(request, token):
    record = find_by_token(Answer, token)
    if record is None:
        raise Http404("No such answer")
    return _confirm_view(request, record, confirm_answer, "answer")


@never_cache
@csrf_protect
@require_http_methods(["GET", "POST"])
def confirm_contribution_view(request, token):
    record = find_by_token(GroupContribution, token)
    if record is None:
        raise Http404("No such contribution")
    return _confirm_view(request, record, confirm_contribution, "contribution")
