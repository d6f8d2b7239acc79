"""The test suite: a package, so that test modules share helpers as ``tests.<module>``."""
