"""The languages Marsad speaks: which ones ship, how a request picks one, and the catalogues that translate.

English is the source language; Arabic (Syrian conventions), Kurmanji (Latin script) and Sorani (Arabic
script) ship with catalogues in ``locales/``. Report sentences are not translated from English: each language
words the analysis' facts itself (``marsad.report.key_point_text``).
"""
