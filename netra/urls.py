from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path, re_path
from django.views.generic import RedirectView

from netra.api import api

urlpatterns: list[URLPattern | URLResolver] = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("accounts/", include("netra.accounts.urls")),
    path("registry/", include("netra.registry.urls")),
    path("report/", include("netra.reports.urls")),
    # One URL per case, /cases/<code>/, with a tab per stage: the reports tab (reports app) is
    # mounted first, then case handling's queue and handling tab.
    path("cases/", include("netra.reports.officer_urls")),
    path("cases/", include("netra.cases.urls")),
    # The handling pages lived under /handling/ until the case page became one: old links still work.
    re_path(
        r"^handling/(?P<rest>.*)$", RedirectView.as_view(url="/cases/%(rest)s", query_string=True)
    ),
    path("sanctions/", include("netra.sanctions.urls")),
    path("verify/", include("netra.cases.verify_urls")),
    path("health/", include("netra.ops.urls")),
    path("", include("netra.prevention.urls")),
    # The transparency pages: /data/ (public figures, downloads, dictionary), /insights/ (staff).
    path("", include("netra.insights.urls")),
    path("", include("netra.web.urls")),
]
handler400 = "netra.web.views.bad_request"
handler404 = "netra.web.views.page_not_found"
# MEDIA_ROOT holds evidence: it is never served as static files, not even with DEBUG on. Officers
# download evidence through permission-checked views (netra/reports).

# An outage (database, cache, full disk) is a 503 that says so, not a 500 (netra/ops/views.py).
handler500 = "netra.ops.views.server_error"
