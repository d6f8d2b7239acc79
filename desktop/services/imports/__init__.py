"""Imports from the offices' spreadsheets (issue 19): read, map, dry run, report, commit.

The parts, each a module of its own, in the order an import runs:

- ``model``: the values every part passes on (the contract between them);
- ``sources``: opening an Excel or CSV file safely and reading a sheet into a ``SourceTable``;
- ``fields``: Trama's fields an import fills, with their Italian header synonyms, and the
  mapping from the file's columns to them (suggested, confirmed, saved, reused);
- ``values``: a cell's text as a date, number, yes/no, codice fiscale, comune, or list value;
- ``plan``: the dry run, a verdict per row and an issue per cell, without writing anything;
- ``commit``: the confirmed plan written in one transaction, with its provenance and audit;
- ``report``: the dry run as an XLSX of the original rows with "Esito" and "Errori".
"""
