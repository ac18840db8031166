from django.apps import AppConfig


class SanctionsConfig(AppConfig):
    name = "netra.sanctions"
    label = "sanctions"

    def ready(self) -> None:
        from netra.registry.hooks import provide_employee_link

        from .compliance_summary_table import connect
        from .views_record import employee_link

        # The registry's employee table links to the employee's record here (views_record.py).
        provide_employee_link(employee_link)
        connect()  # recount the compliance tally after a recommendation, decree or contest
