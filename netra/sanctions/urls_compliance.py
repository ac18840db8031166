"""Compliance: /sanctions/compliance/ (the authority: every agency; an agency: its own) and its
CSV/XLSX export with the same scope and filters."""

from django.urls import path

from . import views_compliance

urlpatterns = [
    path("compliance/", views_compliance.page, name="compliance-page"),
    path("compliance/export/", views_compliance.export, name="compliance-export"),
]
