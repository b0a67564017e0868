from django.urls import path

from . import views

app_name = "decisions"

urlpatterns = [
    path("", views.evaluation_list, name="list"),
    path("new/", views.evaluation_start, name="start"),
    path("<uuid:public_id>/", views.evaluation_detail, name="detail"),
    path("<uuid:public_id>/step/<slug:section_slug>/", views.evaluation_step, name="step"),
    path("<uuid:public_id>/review/", views.evaluation_review, name="review"),
    path("<uuid:public_id>/run/", views.evaluation_run, name="run"),
    path("<uuid:public_id>/details/", views.evaluation_details, name="details"),
    path("<uuid:public_id>/delete/", views.evaluation_delete, name="delete"),
    path("<uuid:public_id>/diff/", views.evaluation_diff, name="diff"),
    path("<uuid:public_id>/r/<int:revision>/", views.evaluation_revision, name="revision"),
    path("<uuid:public_id>/r/<int:revision>/adr.md", views.evaluation_adr, name="adr"),
    path("<uuid:public_id>/r/<int:revision>/evaluation.json", views.evaluation_json, name="json"),
]
