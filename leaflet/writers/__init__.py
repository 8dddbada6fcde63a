"""The writers: one folder per format, each declaring itself beside its writer.

- ``contract``   what a format declares (``Format``) and what a writer returns (``Output``)
- ``registry``   the list of format folders, in order
- one folder per format: ``__init__`` (its ``FORMAT``), ``options`` (the options it takes and the files it
  names), its writer, and any modules of its own. A writer never imports another format, the registry or
  ``leaflet.checks``; what formats of one medium share lives in ``leaflet.media``.
"""
