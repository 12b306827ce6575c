"""Marsad's vocabularies, value types and rules: pure Python that imports nothing else of Marsad."""
