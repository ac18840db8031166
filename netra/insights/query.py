"""Reading the public query string: one election and one region, or a clear refusal.

The public can ask for exactly one election and one region (Indonesia, a province or a
kabupaten/kota). Anything else is refused with a message, never answered with a different slice:
repeated parameters (``?region=64&region=64.72``), a kabupaten/kota outside the chosen province, a
kecamatan. Other parameters (``threshold=0``, ``min=1``) do not exist and change nothing.
"""

from __future__ import annotations

from django.http import QueryDict
from django.utils.translation import gettext as _

from netra.reference.models import Election

from .selectors import BadQuery, Scope, default_election, election_named, scope_named


def _one(query: QueryDict, name: str) -> str:
    values = [v.strip() for v in query.getlist(name) if v.strip()]
    if len(values) > 1:
        raise BadQuery(
            _(
                "Choose one value for “%(name)s” at a time; figures are published one slice at a time."
            )
            % {"name": name}
        )
    return values[0] if values else ""


def read_query(query: QueryDict) -> tuple[Election, Scope]:
    code = _one(query, "election")
    election = election_named(code) if code else default_election()
    if election is None:
        raise BadQuery(_("No election has been loaded yet."), 404)
    region = _one(query, "region")
    province, regency = _one(query, "province"), _one(query, "regency")
    if region and (province or regency):
        raise BadQuery(_("Give either a region or a province and kabupaten/kota, not both."))
    if not region:
        # The page's form sends the province it showed: when the person picked another province,
        # the kabupaten/kota still selected belongs to the old one and is dropped, not refused.
        shown = _one(query, "shown_province")
        if shown and province != shown:
            regency = ""
        if regency and province and not regency.startswith(province + "."):
            raise BadQuery(
                _("Kabupaten/kota %(regency)s does not lie in province %(province)s.")
                % {"regency": regency[:20], "province": province[:20]}
            )
        region = regency or province
    return election, scope_named(region)
