"""OAI-PMH 2.0 data provider: ``oai_dc`` records of the e-library for national and
provincial systems to harvest (http://www.openarchives.org/OAI/openarchivesprotocol.html).

One endpoint, ``/oai/``, answers the six verbs over GET and POST. What may be harvested is
decided by :func:`harvestable_items`; items taken down after publication are reported as
deleted records (:func:`withdrawn_items`). Lists are paged with stateless, signed
resumption tokens that continue after the last (datestamp, pk) delivered, so records
changed while a harvest is under way move to its end instead of shifting the pages.

Sets: ``collection:<slug>`` for each collection a librarian opened to harvesting
(``LibraryCollection.oai_set``), ``type:<resource type>`` and ``subject:<subject code>``,
each under its parent set (``collection``, ``type``, ``subject``).

The package, from the protocol up: :mod:`~content.oai.protocol` (namespaces, errors, the check
of a request), :mod:`~content.oai.records` (what is harvested), :mod:`~content.oai.tokens`
(resumption tokens), :mod:`~content.oai.metadata` (headers and ``oai_dc``),
:mod:`~content.oai.verbs` (the six verbs) and :mod:`~content.oai.views` (the endpoint).
"""

from content.oai.protocol import NS_OAI, OAIError
from content.oai.records import harvestable_items, oai_identifier, withdrawn_items
from content.oai.views import endpoint

__all__ = [
    "NS_OAI",
    "OAIError",
    "endpoint",
    "harvestable_items",
    "oai_identifier",
    "withdrawn_items",
]
