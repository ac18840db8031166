"""The public document verification page, mounted at /verify/ (the QR code on every letter)."""

from django.urls import path

from . import views

app_name = "verify"

urlpatterns = [path("<str:token>/", views.verify, name="document")]
