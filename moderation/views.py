"""Public views: the two submission forms, the confirmation link, dismissing
an alert and the transparency page. All under i18n_patterns (noticeboard/urls.py)."""

from django.conf import settings
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.http import require_GET, require_http_methods
from django_ratelimit.core import get_usage

from . import stats
from .alerts import DISMISS_COOKIE, dismissed_keys
from .submissions import (
    GetListedForm,
    SuggestEventForm,
    confirm,
    create_event_submission,
    create_group_submission,
    current_locale,
    find_by_token,
    link_expired,
)


def _submission_usage(request, increment):
    """How many suggestions this address has sent in the current period
    (NOTICEBOARD_SUBMISSION_RATE, e.g. "5/h"), keyed on the real client
    address behind trusted proxies."""
    return get_usage(
        request,
        group="moderation.submit",
        # The real client behind trusted proxies (noticeboard/client_address.py).
        key="noticeboard.client_address.ratelimit_key",
        rate=settings.NOTICEBOARD_SUBMISSION_RATE,
        increment=increment,
    )


def rate_limited(request):
    """True once this address has sent its allowance of suggestions. Only
    suggestions that were saved count: a form sent back with an error does not."""
    usage = _submission_usage(request, increment=False)
    return bool(usage) and (usage["should_limit"] or usage["count"] >= usage["limit"])


def count_submission(request):
    _submission_usage(request, increment=True)


def _submission_view(request, form_class, create, template, form_kwargs=None):
    form_kwargs = form_kwargs or {}
    if request.method == "POST":
        if rate_limited(request):
            return render(request, "moderation/rate_limited.html", status=429)
        form = form_class(request.POST, **form_kwargs)
        if form.is_spam():
            return render(request, "moderation/spam.html", status=400)
        if form.is_valid():
            submission = create(form.cleaned_data)
            count_submission(request)
            return render(request, "moderation/check_your_email.html", {"submission": submission})
    else:
        form = form_class(**form_kwargs)
    return render(request, template, {"form": form})


@never_cache
@csrf_protect
@require_http_methods(["GET", "POST"])
def suggest_event(request):
    return _submission_view(
        request,
        SuggestEventForm,
        create_event_submission,
        "moderation/suggest_event.html",
        {"locale": current_locale()},
    )


@never_cache
@csrf_protect
@require_http_methods(["GET", "POST"])
def get_listed(request):
    return _submission_view(
        request, GetListedForm, create_group_submission, "moderation/get_listed.html"
    )


@never_cache
@csrf_protect
@require_http_methods(["GET", "POST"])
def confirm_submission(request, token):
    """GET shows a button, POST confirms: mail scanners that open links do not
    confirm anything on the submitter's behalf."""
    submission = find_by_token(token)
    if submission is None:
        raise Http404
    if link_expired(submission):
        return render(request, "moderation/confirm_expired.html", status=410)
    if request.method == "POST":
        submission = confirm(submission)
        return render(request, "moderation/confirmed.html", {"submission": submission})
    return render(request, "moderation/confirm.html", {"submission": submission})


@require_GET
def dismiss_alert(request, key):
    """Hide an alert for this reader: a cookie, so it works without JavaScript."""
    next_url = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/"
    response = HttpResponseRedirect(next_url)
    keys = [k for k in dismissed_keys(request) if k][-19:]
    if key not in keys and len(key) <= 40:
        keys.append(key)
    response.set_cookie(
        DISMISS_COOKIE,
        ".".join(keys),
        max_age=60 * 60 * 24 * 30,
        samesite="Lax",
        secure=request.is_secure(),
        httponly=True,
    )
    return response


@require_GET
def transparency(request):
    figures = stats.cached_monthly_figures()
    return render(
        request,
        "moderation/transparency.html",
        # Other apps' sections of the page (stats.register_section).
        {"figures": figures, "sections": stats.cached_sections()},
    )
