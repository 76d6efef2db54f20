from django.urls import path

from . import views

app_name = "moderation"

urlpatterns = [
    path("community/suggest-an-event/", views.suggest_event, name="suggest_event"),
    path("community/get-your-group-listed/", views.get_listed, name="get_listed"),
    path("community/confirm/<str:token>/", views.confirm_submission, name="confirm"),
    path("community/alerts/<str:key>/dismiss/", views.dismiss_alert, name="dismiss_alert"),
    path("community/transparency/", views.transparency, name="transparency"),
]
