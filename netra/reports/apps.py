from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "netra.reports"
    label = "reports"

    def ready(self) -> None:
        from netra.cases.submissions import provide

        from .submissions import ReportsOfCase

        provide(ReportsOfCase())
