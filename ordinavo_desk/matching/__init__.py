"""Matching layer: the pure, deterministic mapping engine."""
