"""Markup of Material's `base.html` that no template override can reach, corrected on each built page.

Material writes its two hidden toggles (the drawer and the search overlay) as
`<input class="md-toggle" … type="checkbox" id="__drawer" autocomplete="off">`. `autocomplete` is not allowed on a
checkbox (HTML § 4.10.18.7.1; the Nu HTML Checker reports it on every page). Material added it so that Firefox does
not restore an open drawer on reload; without it Firefox may, and a tap on the page closes it. The inputs sit in
`base.html` outside any block, so the only other way would be a copy of the whole of `base.html`, whose asset names
change with every Material release.
"""

from __future__ import annotations

import re

# Only Material's toggles: `md-toggle` inputs of type checkbox, whatever the order of their attributes.
_TOGGLE = re.compile(r'<input class="md-toggle"[^>]*\btype="checkbox"[^>]*>')


def valid_toggles(html: str) -> str:
    """The page with `autocomplete="off"` removed from Material's checkbox toggles, and nothing else changed."""
    return _TOGGLE.sub(lambda match: match.group(0).replace(' autocomplete="off"', ""), html)
