"""Public addresses of Have your say. Included inside i18n_patterns in noticeboard/urls.py."""

from django.urls import path

from . import feeds, views

app_name = "participation"

urlpatterns = [
    path("community/have-your-say/<int:pk>/answer/", views.answer, name="answer"),
    path(
        "community/have-your-say/<int:pk>/group-conclusion/",
        views.contribute,
        name="contribute",
    ),
    path(
        "community/have-your-say/confirm-answer/<str:token>/",
        views.confirm_answer_view,
        name="confirm_answer",
    ),
    path(
        "community/have-your-say/confirm-conclusion/<str:token>/",
        views.confirm_contribution_view,
        name="confirm_contribution",
    ),
    path("have-your-say/feed/", feeds.QuestionFeed(), name="feed"),
    path("calendar/have-your-say.ics", feeds.closing_dates, name="closing_dates"),
]
