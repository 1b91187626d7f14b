"""Benchmarks: the Sportello GraphQL API against plain ways to write it (see bench/README.md)."""
