from django.apps import AppConfig


class SanctionsConfig(AppConfig):
    name = "netra.sanctions"
    label = "sanctions"

    def ready(self) -> None:
        from netra.registry.hooks import provide_employee_link

        from .views_record import employee_link

        # The registry's employee table links to the employee's record here (views_record.py).
        provide_employee_link(employee_link)
