from django.urls import URLPattern, path

from . import views

app_name = "ops"

urlpatterns: list[URLPattern] = [
    path("live", views.live, name="live"),
    path("ready", views.ready, name="ready"),
]
