"""The payloads the IT support mutations share (their names are part of the schema)."""

from __future__ import annotations

from sportello import api
from sportello_itsupport.graphql.asset_types import ItAsset, ItAssetAssignment, ItAssetRelation
from sportello_itsupport.graphql.kb_types import KbArticle
from sportello_itsupport.graphql.types import (
    ItSupportError,
    SupportCategory,
    SupportTeamQueue,
    SupportTicket,
)

SupportTicketPayload = api.payload(SupportTicket, errors=ItSupportError)
SupportCategoryPayload = api.payload(SupportCategory, errors=ItSupportError)
SupportTeamQueuePayload = api.payload(SupportTeamQueue, errors=ItSupportError)
ItAssetPayload = api.payload(ItAsset, errors=ItSupportError)
ItAssetAssignmentPayload = api.payload(ItAssetAssignment, ItAsset, errors=ItSupportError)
ItAssetRelationPayload = api.payload(ItAssetRelation, errors=ItSupportError)
KbArticlePayload = api.payload(KbArticle, errors=ItSupportError)
