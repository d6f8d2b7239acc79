"""Use cases over the store: plain data in, plain data out, no Qt, one session per call."""
