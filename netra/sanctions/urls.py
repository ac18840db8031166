"""Stage 4 pages, mounted at /sanctions/: the authority's inbox and actions (``urls_authority``),
the PPK's inbox and decree (``urls_ppk``), and compliance (``urls_compliance``)."""

from django.urls import URLPattern

from . import urls_authority

app_name = "sanctions"

urlpatterns: list[URLPattern] = [*urls_authority.urlpatterns]
