"""“Boleh atau tidak?”: the public guide, searchable, each answer with its articles and sanctions."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from .forms import GuideSearchForm
from .guide import data as guide_data
from .guide.rules import is_disputed, rules_for
from .guide.search import search

TOPICS = ("media_sosial", "foto_pose", "kampanye", "keluarga", "pencalonan", "memilih",
          "fasilitas", "non_asn", "kepala_desa")  # fmt: skip


def _card(answer, guide) -> dict:
    rules = rules_for(answer, guide)
    return {"answer": answer, "rules": rules, "disputed": is_disputed(answer, rules)}


def guide(request: HttpRequest) -> HttpResponse:
    current = guide_data.current()
    form = GuideSearchForm(request.GET or None)
    context: dict = {"form": form, "guide": current}
    if form.is_valid() and form.cleaned_data["q"].strip():
        result = search(form.cleaned_data["q"], guide=current)
        context["result"] = result
        context["cards"] = [_card(m.answer, current) for m in result.matches]
    else:
        by_topic: dict[str, list] = {t: [] for t in TOPICS}
        for answer in current.answers:
            by_topic.setdefault(answer.topic, []).append(answer)
        context["topics"] = [(t, items) for t, items in by_topic.items() if items]
    template = (
        "prevention/guide/results.html"
        if getattr(request, "htmx", False)
        else "prevention/guide/index.html"
    )
    return render(request, template, context)


def answer(request: HttpRequest, key: str) -> HttpResponse:
    current = guide_data.current()
    found = current.by_key(key)
    if found is None:
        raise Http404
    return render(
        request, "prevention/guide/answer.html", {"guide": current, "card": _card(found, current)}
    )
