"""``python -m leaflet`` runs the same command line as ``leaflet``."""

from leaflet.cli import main

raise SystemExit(main())
