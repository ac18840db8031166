from django.apps import AppConfig


class SanctionsConfig(AppConfig):
    name = "netra.sanctions"
    label = "sanctions"

    def ready(self) -> None:
        from .compliance_summary_table import connect

        connect()  # recount the compliance tally after a recommendation, decree or contest
