"""Marsad: a monitoring desk for conflict researchers (see README.md)."""

__version__ = "0.1.0"
