"""The site's addresses plus /__floor__/: a bare view returning 32 KB of HTML,
through the same middleware, the least a request can cost (scripts/bench.py)."""

from django.http import HttpResponse
from django.urls import path

from noticeboard.urls import urlpatterns as site_urlpatterns

FLOOR_BODY = ("<!DOCTYPE html><title>floor</title>" + ("<p>" + "x" * 60 + "</p>\n") * 500)[:32768]


def floor(request):
    return HttpResponse(FLOOR_BODY)


urlpatterns = [path("__floor__/", floor), *site_urlpatterns]
