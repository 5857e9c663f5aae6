"""Ordinavo Desk: review customer mappings of Ordinavo Connect imports."""

__version__ = "0.1.0"
