"""SpiderMaps: search Google Maps for businesses ("dentists in Lyon") and return listings.

Entry point ``search_maps``; ``result_from_payload`` turns a saved Google answer into the same
result offline (the CLI's ``--from-file``). See docs/maps.md.
"""

from spidernest.services.maps.request import MapsRequest
from spidernest.services.maps.result import (
    Business,
    Coordinates,
    MapsMetadata,
    MapsResult,
    Owner,
    Review,
)
from spidernest.services.maps.search import result_from_payload, search_maps

__all__ = [
    "Business",
    "Coordinates",
    "MapsMetadata",
    "MapsRequest",
    "MapsResult",
    "Owner",
    "Review",
    "result_from_payload",
    "search_maps",
]
