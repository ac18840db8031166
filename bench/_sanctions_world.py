"""The world bench/sanctions.py measures: cases, proven persons, recommendations, decrees and
contests written with INSERT … SELECT generate_series (seconds per million rows, where build_demo
would take hours on this 2-core machine). Deterministic: every choice is a hash of the row number.

Shape (``cases`` C, ``recommendations`` R): C cases over the four elections; the first R have one
proven person each with a recommendation to an agency drawn with a skew (the busiest agency gets
about 3% of them, the quietest a handful); outcomes roughly as Pilkada 2020's: half followed by a
decree (about a third of those after ``due_on``), 6% contested, 2% withdrawn after a contest, 4%
referred, the rest open (issued or escalated), most past their due date, some not yet due.
"""

from __future__ import annotations

import time

USERS = {
    "bench.bkn": ("authority_analyst", None),
    "bench.ppk.busy": ("agency_personnel", "busiest"),
    "bench.ppk.small": ("agency_personnel", "small"),
}

# ``h(n)``: a stable pseudo-random integer in [0, 1000) from a row number and a salt.
HASH = "CREATE OR REPLACE FUNCTION pg_temp.h(n bigint, salt int) RETURNS int LANGUAGE sql IMMUTABLE AS $$ SELECT abs(hashint8(n * 7919 + salt)) % 1000 $$"

FILL = [
    # Agencies in a fixed order; the skew picks low ranks more often (rank = floor(632 * u^3)).
    """CREATE TEMP TABLE ag AS SELECT row_number() OVER (ORDER BY code) - 1 AS rank, id
       FROM registry_agency WHERE is_active""",
    """CREATE TEMP TABLE dist AS SELECT row_number() OVER (ORDER BY code) - 1 AS rank, code,
       substr(code, 1, 5) AS jur FROM reference_region WHERE level = 'district'""",
    """INSERT INTO cases_case (code, status, origin, handling_level, jurisdiction_code,
         incident_date, known_on, summary, received_at, election_id, incident_region_id,
         deadline_rule, needs_more_info, legal_hold, legal_hold_reason, due_on)
       SELECT 'BEN-' || g,
         CASE WHEN g <= %(recs)s THEN 'forwarded' WHEN pg_temp.h(g, 1) < 600 THEN 'closed'
              ELSE 'registered' END,
         'laporan', 'regency', d.jur, e.day, e.day, 'Uji beban', e.day::timestamptz + interval '10 hours',
         e.id, d.code, '', false, false, '', NULL
       FROM generate_series(1, %(cases)s) g
       JOIN dist d ON d.rank = g %% (SELECT count(*) FROM dist)
       JOIN LATERAL (
         SELECT el.id, el.voting_date - 90 + (pg_temp.h(g, 2) %% 120) AS day
         FROM reference_election el
         ORDER BY el.voting_date OFFSET (pg_temp.h(g, 3) %% 4) LIMIT 1) e ON true""",
    """INSERT INTO cases_reportedperson (name, nip, position_title, category, case_id, agency_id)
       SELECT 'Terlapor ' || c.id, '', 'Pengadministrasi Umum', 'pns', c.id, ag.id
       FROM cases_case c
       JOIN ag ON ag.rank = floor((SELECT count(*) FROM ag) * power(pg_temp.h(c.id, 4) / 1000.0, 3))
       WHERE c.code LIKE 'BEN-%%' AND c.status = 'forwarded'""",
    # Recommendations: issued 20 days after the incident, 14 days to act. Pilkada 2024's latest
    # ones are issued relative to today so some are not yet due.
    """INSERT INTO sanctions_recommendation (number, issued_on, recommended_level, status,
         agency_id, authority_id, case_id, catalogue_version_id, reported_person_id, deadline_rule,
         earlier_proven, employee_kind, "group", position_class, reasoning, route, due_on)
       SELECT 'REK/BEN/' || p.id, x.issued, x.level, x.status, p.agency_id,
         (SELECT max(id) FROM reference_civilserviceauthority),
         p.case_id, (SELECT min(id) FROM reference_catalogueversion), p.id, 'A2', 0, 'pns',
         'discipline', 'pelaksana', '', CASE WHEN x.status = 'referred' THEN 'own_authority'
         ELSE 'sanction' END, x.issued + 14
       FROM cases_reportedperson p JOIN cases_case c ON c.id = p.case_id
       CROSS JOIN LATERAL (SELECT
         CASE WHEN pg_temp.h(p.id, 5) < 50 THEN current_date - (pg_temp.h(p.id, 6) %% 30)
              ELSE c.incident_date + 20 END AS issued,
         (ARRAY['moral','ringan','sedang','berat','berat','dismissal'])[1 + pg_temp.h(p.id, 7) %% 6] AS level,
         CASE WHEN pg_temp.h(p.id, 8) < 500 THEN 'followed_up'
              WHEN pg_temp.h(p.id, 8) < 560 THEN 'contested'
              WHEN pg_temp.h(p.id, 8) < 580 THEN 'withdrawn'
              WHEN pg_temp.h(p.id, 8) < 620 THEN 'referred'
              WHEN pg_temp.h(p.id, 8) < 700 THEN 'escalated'
              ELSE 'issued' END AS status) x""",
    """INSERT INTO sanctions_sanction (decree_number, imposed_on, recommendation_id,
         sanction_type_id, decree_scan, decree_sha256, flag, flag_note)
       SELECT '800/' || r.id || '/BKPSDM', r.issued_on + (pg_temp.h(r.id, 9) %% 21),
         r.id, st.id, '', '', CASE WHEN pg_temp.h(r.id, 11) < 40 THEN 'lighter' ELSE '' END, ''
       FROM sanctions_recommendation r
       JOIN LATERAL (SELECT id FROM reference_sanctiontype ORDER BY code
                     OFFSET pg_temp.h(r.id, 10) %% 12 LIMIT 1) st ON true
       WHERE r.status = 'followed_up' AND r.number LIKE 'REK/BEN/%%'""",
    """INSERT INTO sanctions_contest (reasons, recorded_at, answer, recommendation_id,
         recorded_by_id)
       SELECT 'Keberatan PPK', r.issued_on::timestamptz + interval '5 days', '', r.id, %(ppk)s
       FROM sanctions_recommendation r
       WHERE r.status IN ('contested', 'withdrawn') AND r.number LIKE 'REK/BEN/%%'""",
]


def fill(cases: int, recommendations: int) -> None:
    """Write the world into the database Django is set up on (empty of BEN- cases)."""
    from django.db import connection, transaction
    from django.db.models import Count

    from netra.accounts.models import User
    from netra.registry.models import Agency

    started = time.perf_counter()
    users = make_users()
    params = {"cases": cases, "recs": recommendations, "ppk": users["bench.ppk.busy"].pk}
    with transaction.atomic(), connection.cursor() as cur:
        cur.execute(HASH)
        for sql in FILL:
            t = time.perf_counter()
            cur.execute(sql, params)
            print(
                f"  {sql.split()[2]:<28} {cur.rowcount:>9,} rows  {time.perf_counter() - t:6.1f} s",
                flush=True,
            )
    busiest = (
        Agency.objects.filter(recommendations__isnull=False)
        .values("pk")
        .annotate(n=Count("recommendations"))
        .order_by("-n")
        .first()
    )
    assert busiest is not None
    User.objects.filter(username="bench.ppk.busy").update(agency_id=busiest["pk"])
    print(f"filled in {time.perf_counter() - started:,.0f} s", flush=True)


def make_users() -> dict:
    from netra.accounts.models import User
    from netra.registry.models import Agency

    agencies = list(Agency.objects.filter(is_active=True).order_by("code"))
    out = {}
    for username, (role, which) in USERS.items():
        agency = None if which is None else agencies[0 if which == "busiest" else 300]
        user, _ = User.objects.get_or_create(
            username=username, defaults={"role": role, "agency": agency}
        )
        out[username] = user
    return out
