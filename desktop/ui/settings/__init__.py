"""Strumenti → Impostazioni: this workstation's site, its operator and the language."""
