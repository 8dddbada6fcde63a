"""``leaflet serve``: accessible request pages and a JSON API that give any leaflet in any format.

- ``jobs``       the one adapter to the publisher (read, options, make the bytes, workers)
- ``catalogue``  the source folder's leaflets, read again when they change
- ``cache``      made files on disk, bounded, least recently used out, kept across restarts
- ``runner``     single-flight jobs in a bounded queue over worker processes
- ``core``       settings, and how a request names a file
- ``api``        ``/api/v1`` (JSON) and ``openapi`` its description
- ``pages``      the HTML pages, ``forms`` the request form, ``styles`` the colour schemes
- ``app``        the ASGI application; ``server`` runs it with uvicorn; ``command`` is the CLI's part
"""
