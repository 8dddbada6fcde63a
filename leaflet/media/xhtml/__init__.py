"""The model as XHTML, shared by the digital formats (``html``, ``easy-read-html``, ``epub``).

- ``sentences``  a run of inlines cut into sentences (pysbd), never inside a link
- ``markup``     the leaflet's parts as polyglot XHTML5 markup; with speech on,
                 an id on every spoken fragment and what is said for it
- ``page``       what compose returns, cut into chapters; a glossary entry as term and explanation
- ``style``      the large-print style sheet, sizes in rem, for screens and reading systems
- ``fonts``      Atkinson Hyperlegible, the large-print typeface, as bytes
- ``shell``      the page around it: head, style sheet and fonts inside, for the web formats

Writers use these; they never import each other.
"""
