"""Package facts read from a Warehouse-style JSON API (the Python Package Index).

``parse`` reads one answer into facts, ``client`` fetches answers politely,
``sync`` stores them, ``models`` holds them, ``display`` and ``charts`` show them
to readers, and ``admin`` (with ``drafts``) gives editors a refresh action and an
add-from-index page; ``dates`` counts calendar months.
"""
