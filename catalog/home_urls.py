"""The home page's URL, outside the catalog namespace (its name is plain ``home``)."""

from django.urls import path

from . import views

urlpatterns = [path("", views.home, name="home")]
