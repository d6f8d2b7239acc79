"""Trama: the office application of the labour-inclusion network of the Province of Varese."""

from __future__ import annotations


def __getattr__(name: str) -> str:
    # Resolved on first use: importlib.metadata costs about 50 ms that start-up need not pay.
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version  # noqa: PLC0415

        try:
            return version("trama")
        except PackageNotFoundError:  # a source tree that was never installed
            return "0.0.0+unknown"
    raise AttributeError(name)
