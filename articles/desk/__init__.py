"""The editorial desk, in the pieces ``articles/admin.py`` wires together.

- ``forms.py``, ``widgets.py``: the article form (no lost edits) and its tag picker and editor
- ``editing.py``: what the form shows and how a save goes through the services
- ``listing.py``, ``filters.py``, ``pickers.py``: the article list, its filters, the story picker
- ``inlines.py``: byline, picks, new corrections
- ``actions.py``: list actions and deletion (only never-published drafts)
- ``screens.py``: scheduled queue, history, compare, restore, share links
- ``home.py``: the desk home at /admin/; ``previews.py``: the staff and shared previews
"""
