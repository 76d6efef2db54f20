"""iCalendar addresses. Included inside i18n_patterns in noticeboard/urls.py."""

from django.urls import path

from . import views

app_name = "events"

urlpatterns = [
    path("calendar/whats-on.ics", views.whats_on_feed, name="feed"),
    path("calendar/group/<slug:slug>.ics", views.group_feed, name="group_feed"),
    path("calendar/topic/<slug:slug>.ics", views.topic_feed, name="topic_feed"),
    path("calendar/area/<slug:slug>.ics", views.area_feed, name="area_feed"),
    path("calendar/event/<int:pk>.ics", views.event_ics, name="event_ics"),
]
