from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path

from netra.api import api

urlpatterns: list[URLPattern | URLResolver] = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("accounts/", include("netra.accounts.urls")),
    path("registry/", include("netra.registry.urls")),
    path("report/", include("netra.reports.urls")),
    path("cases/", include("netra.reports.officer_urls")),
    path("handling/", include("netra.cases.urls")),
    path("verify/", include("netra.cases.verify_urls")),
    path("", include("netra.prevention.urls")),
    path("", include("netra.web.urls")),
]
# MEDIA_ROOT holds evidence: it is never served as static files, not even with DEBUG on. Officers
# download evidence through permission-checked views (netra/reports).
