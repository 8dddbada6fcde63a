"""The one Word layer: what both Word formats (``docx``, ``easy-read-print``) write and what their audits read.

Writing (python-docx underneath, these fill in what it has no API for):

``xml``        ``el``, ``text``, schema-order insertion, twips and half-points
``styles``     whole run and paragraph properties, defaults, colour, language, pruning unused styles
``fonts``      the leaflet's font on every run, the font table with its Arial fallback, the font embedded
``links``      real hyperlinks and the ``Hyperlink`` character style
``fields``     page number fields
``numbering``  real Word lists that restart
``tables``     rows that never split, header rows, borders, cell margins
``pictures``   pictures fitted to a box, their alt text on the drawing
``package``    template leftovers removed, page, settings, core and app properties, reproducible bytes

Reading (zipfile and ElementTree only, independent of python-docx): ``read``.
"""
