"""The one way to change the sanction stage: keyword-only functions called by the pages, the API and
commands, each in one transaction, audited and put on the case timeline. One module per concern:

- ``responses``: what the PPK records on a recommendation (a sanction decree, a contest);
- ``scans``: checking and storing the decree scan (a PDF);
- ``closing``: closing the case once every proven person's recommendation is settled;
- ``refusals``: the errors a refused request raises (4xx, nothing written).
"""
