from django.urls import path

from . import views

app_name = "casestudies"

urlpatterns = [
    path("", views.case_study_list, name="case_study_list"),
    path("adoption/", views.adoption_matrix, name="adoption_matrix"),
    path("<slug:slug>/", views.case_study_detail, name="case_study_detail"),
]
