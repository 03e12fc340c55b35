"""The case finder: an investigator's own words → the catalogue's terms → ranked tools.

``vocabulary`` reads the words (rules over the curators' vocabulary, no model), ``ranking``
scores the tools in one SQL statement, ``views`` serves ``/tools/finder/``. The case text is
never stored, cached, logged or sent to the database: only the terms read from it are.
"""
