from django.urls import path

from . import agency, views

app_name = "web"

urlpatterns = [
    path("", views.public_home, name="public-home"),
    path("home/", views.home, name="home"),
    # Under /registry/ as before: netra/urls.py tries the registry's own patterns first.
    path("registry/agencies/<str:code>/", agency.agency_page, name="agency"),
]
