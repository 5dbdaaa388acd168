"""Names of downloaded files in the reader's language, kept to plain ASCII.

Export names carry a translated word ("timer-alpha-2026-03.csv" in Norwegian); the word goes
through `file_part` so that "netværk" becomes "netvaerk": every browser, mail client and
file system keeps such a name as it is.
"""

from __future__ import annotations

import unicodedata

# Letters that Unicode does not decompose into a base letter and an accent.
_SPELLED_OUT = str.maketrans(
    {"æ": "ae", "Æ": "Ae", "ø": "o", "Ø": "O", "å": "a", "Å": "A", "ß": "ss"}
)


def file_part(text: object) -> str:
    """`text` as part of a file name: lower case ASCII letters, digits, "." and "_", other
    characters as "-" (never at either end)."""
    spelled = str(text).translate(_SPELLED_OUT)
    plain = unicodedata.normalize("NFKD", spelled).encode("ascii", "ignore").decode().lower()
    return "".join(c if c.isalnum() or c in "._" else "-" for c in plain).strip("-")
