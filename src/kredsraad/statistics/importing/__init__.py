"""The import side of statistics: reading files and the StatBank API, checking and applying
them, the police's exports and category lists, map boundaries, the upload pages and the
background import."""
