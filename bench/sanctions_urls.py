"""bench/sanctions.py's URLs: Netra's plus the bare view (the benchmark's ceiling). Benchmarks only:
nothing under ``netra/`` names this module."""

from django.urls import path

from bench.urls import bench_bare
from netra.urls import handler500  # noqa: F401 (the same error handling)
from netra.urls import urlpatterns as netra_urlpatterns

urlpatterns = [
    path("report/_bench/bare", bench_bare, name="bench-bare"),
    *netra_urlpatterns,
]
