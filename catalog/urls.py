from django.urls import path

from . import views

app_name = "catalog"

urlpatterns = [
    path("technologies/", views.technology_list, name="technology_list"),
    path("technologies/<slug:slug>/", views.technology_detail, name="technology_detail"),
    path("layers/<slug:slug>/", views.category_detail, name="category_detail"),
    path("compare/", views.compare, name="compare"),
    path("pitfalls/", views.pitfall_list, name="pitfall_list"),
    path("pitfalls/<slug:slug>/", views.pitfall_detail, name="pitfall_detail"),
    path("network/", views.network_guide, name="network_guide"),
    path("radar/", views.radar, name="radar"),
    path("search/", views.search, name="search"),
    path("sources/", views.source_list, name="source_list"),
]
