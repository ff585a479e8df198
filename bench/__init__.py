"""Benchmarks of povdash, each a module with measure() -> dict, printed when run with python -m."""
