"""The one way to change the sanction stage: keyword-only functions called by the HTML views, the
API and the management commands alike. Each runs in one transaction, checks the actor's scope under a
row lock, puts the step on the case timeline and writes the audit entry; a refused request raises an
error with a clear message and a 4xx status and leaves the database as it was.

Import from the module that owns the step:

- ``recommending``: the authority's recommendation per proven person (or the referral letter);
- ``enforcement``: overdue flags and reminders, the personnel-data block, escalation, answering a
  contest; ``handover``: moving open files between authorities; ``letters``: the authority's
  numbered letters with QR verification;
- ``responses``: what the PPK records on a recommendation (a sanction decree, a contest);
  ``scans``: checking and storing the decree scan (a PDF);
- ``closing``: closing the case once every proven person's recommendation is settled;
- ``refusals``: the errors a refused request raises (4xx, nothing written).
"""
