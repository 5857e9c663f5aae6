"""Benchmarks and realistic test data for Ordinavo Desk."""
