"""Stage 4 pages, mounted at /sanctions/: the authority's inbox and actions (``urls_authority``),
the PPK's inbox and decree (``urls_ppk``), and compliance (``urls_compliance``)."""

from django.urls import URLPattern

from . import urls_authority, urls_compliance, urls_ppk

app_name = "sanctions"

urlpatterns: list[URLPattern] = [
    *urls_authority.urlpatterns,
    *urls_ppk.urlpatterns,
    *urls_compliance.urlpatterns,
]
