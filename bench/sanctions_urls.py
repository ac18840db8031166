"""bench/sanctions.py's URLs: Netra's, the bare view, and a minimal PPK inbox over
``netra.sanctions.selectors.ppk_inbox`` (the real page, /sanctions/ppk/, is built on another branch;
``--inbox-url`` points the benchmark at it after the merge). Benchmarks only: nothing under
``netra/`` names this module."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.template import engines
from django.urls import path

from bench.urls import bench_bare
from netra.sanctions.selectors import ppk_inbox
from netra.urls import handler500  # noqa: F401 (the same error handling)
from netra.urls import urlpatterns as netra_urlpatterns

INBOX = engines["django"].from_string(
    """<table>{% for r in page %}<tr><td>{{ r.number }}</td><td>{{ r.reported_person.name }}</td>
<td>{{ r.agency.name }}</td><td>{{ r.get_status_display }}</td><td>{{ r.due_on }}</td></tr>
{% endfor %}</table><p>{{ page.number }} / {{ page.paginator.num_pages }}</p>"""
)


@login_required
def bench_ppk_inbox(request: HttpRequest) -> HttpResponse:
    page = ppk_inbox(request.user, request.GET.get("page", 1))
    return HttpResponse(INBOX.render({"page": page}, request))


urlpatterns = [
    path("report/_bench/bare", bench_bare, name="bench-bare"),
    path("sanctions/_bench/ppk-inbox", bench_ppk_inbox, name="bench-ppk-inbox"),
    *netra_urlpatterns,
]
