"""SpiderMaps: search Google Maps for businesses ("dentists in Lyon") and return listings.

Entry point ``search_maps``; ``parse_businesses`` reads a saved Google answer offline (the CLI's
``--from-file``). See docs/maps.md.
"""

from spidernest.services.maps.parse import parse_businesses
from spidernest.services.maps.request import MapsRequest
from spidernest.services.maps.result import (
    Business,
    Coordinates,
    MapsMetadata,
    MapsResult,
    Owner,
    Review,
)
from spidernest.services.maps.search import MapsProgress, search_maps

__all__ = [
    "Business",
    "Coordinates",
    "MapsMetadata",
    "MapsProgress",
    "MapsRequest",
    "MapsResult",
    "Owner",
    "Review",
    "parse_businesses",
    "search_maps",
]
