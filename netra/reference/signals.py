"""Signals of the reference layer.

``reference_loaded`` lets later layers load their own data in the same ``load_reference`` run
(agencies in the registry, letter templates in case handling) without the bottom layer importing
them. A receiver returns ``(label, count)`` for the command's report.
"""

from django.dispatch import Signal

reference_loaded = Signal()
