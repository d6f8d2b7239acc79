"""Benchmarks: ``python -m tests.bench [--size N] [--json FILE]`` (not pytest tests).

Each figure is measured against a baseline taken in the same run and reported as a ratio, because
the machine is shared and noisy. This package's ``__init__`` stays empty of imports on purpose:
the bare-window baseline (``python -m tests.bench.bare_window``) imports it, and must not pay for
anything the application does not.
"""
