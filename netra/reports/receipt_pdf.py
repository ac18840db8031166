"""The tanda terima (receipt) as a PDF, rendered by WeasyPrint from an HTML template."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import timezone

from netra.lib.pdf import render_pdf

from . import receipts, rules
from .models import Report


def render_receipt(report: Report, code: str) -> bytes:
    verdict = rules.of_report(report)
    html = render_to_string(
        "reports/receipt_pdf.html",
        {
            "report": report,
            "pretty_code": receipts.pretty(code),
            "reasons": verdict.explanations(),
            "printed_at": timezone.localtime(),
        },
    )
    return render_pdf(html)
