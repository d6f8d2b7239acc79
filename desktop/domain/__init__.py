"""Domain rules that hold without a database or a user interface."""
