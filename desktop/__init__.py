"""Trama: the office application of the labour-inclusion network of the Province of Varese."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("trama")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+unknown"
