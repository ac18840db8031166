"""Which ``SanctionType`` flag says a sanction exists for a kind of employee (the values of
``cases.PersonCategory``: pns, pppk, non_asn as ``EmployeeType``, then the kinds outside the ASN)."""

SANCTION_KIND_FIELDS = {
    "pns": "applies_to_pns",
    "pppk": "applies_to_pppk",
    "non_asn": "applies_to_non_asn",
    "village_head": "applies_to_village_head",
    "village_staff": "applies_to_village_staff",
}
# Kinds for which no sanction type exists here: their own institution decides.
NO_SANCTION_TYPE_KINDS = ("tni", "polri", "unknown")
