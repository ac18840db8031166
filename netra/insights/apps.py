from django.apps import AppConfig


class InsightsConfig(AppConfig):
    name = "netra.insights"
    label = "insights"

    def ready(self) -> None:
        from netra.reference.signals import reference_loaded

        from . import freshness

        reference_loaded.connect(_load_figures, dispatch_uid="insights.load_reference_figures")
        freshness.connect()


def _load_figures(**_kwargs: object) -> tuple[str, int]:
    from .loaders import load_reference_figures

    return "reference figures", load_reference_figures()
