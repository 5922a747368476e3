"""How names are compared when they must be unique for the people who pick them."""

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def name_key(name):
    """Return the key under which two names count as the same name.

    Users see "Price increase", "price  increase " and "PRICE INCREASE" as one
    reason, so case, accents' composition and runs of white space do not count.
    """
    if not name:
        return ""
    text = unicodedata.normalize("NFKC", name)
    return _SPACES.sub(" ", text).strip().casefold()
