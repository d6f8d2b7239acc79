"""Referrals (segnalazioni): DOMAIN.md §3.

- ``records``: the sender's referral and its person, read and saved; ``drafts`` for drafts;
- ``handling``: the CPI's side (taking charge, path actions, outcome); ``lifecycle``: the
  state changes and their events; ``numbers``: the "AAAA/NNNNNN" numbering;
- ``listing`` (with ``listing_sql``, ``listing_rows``, ``listing_reader``): the referral list,
  its filter, counts and pages; ``export``: the list to CSV or Excel.
"""
