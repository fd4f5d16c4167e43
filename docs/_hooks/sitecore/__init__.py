"""The site's build parts that do not import MkDocs: lab sources, the cache, execution, rendering.

``docs/_hooks/*.py`` are the MkDocs event layers over these parts. Keeping MkDocs out of here is what lets
the site move to a successor of Material for MkDocs later: only the event layers would change.
"""
