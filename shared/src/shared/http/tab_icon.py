"""The platform's tab icon (工 on the workbench's red), for every page a browser shows.

Inline as a ``data:`` URI: the pages' content security policies load images from the page
itself or ``data:`` only, and a page without an icon makes the browser ask for a
``/favicon.ico`` that is not there (a 404 in its console on every visit).
"""

from __future__ import annotations

from urllib.parse import quote

TAB_ICON_SVG = (
    "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 64 64'>"
    "<rect width='64' height='64' rx='12' fill='#b3261e'/>"
    "<path fill='#fff' d='M16 14h32v6H16zM29 14h6v34h-6zM10 44h44v6H10z'/></svg>"
)
# Single quotes inside, so the URI sits in a double-quoted attribute as it is.
TAB_ICON = "data:image/svg+xml," + quote(TAB_ICON_SVG, safe=" /:='")
"""``TAB_ICON_SVG`` as the ``href`` of ``<link rel="icon">``."""
