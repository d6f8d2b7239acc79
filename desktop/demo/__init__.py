"""Invented data for demonstrations and tests; nothing here describes a real person."""
