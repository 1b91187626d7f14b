from __future__ import annotations

import strawberry

from sportello import api
from sportello_itsupport import models, services
from sportello_itsupport.graphql.kb_types import KbVisibility
from sportello_itsupport.graphql.mutations._common import KbArticlePayload


@api.mutation("itsupport.work", KbArticlePayload)
async def kb_article_update(
    info: strawberry.Info,
    id: strawberry.ID,
    language: str,
    title: str,
    body: str,
    visibility: KbVisibility | None = None,
    base_version: int | None = None,
) -> models.KbArticle:
    """A new version of the text in ``language`` (or the first in a new language);
    ``baseVersion`` is the version edited (CONFLICT when a newer one was saved)."""
    return await services.update_article(
        info.context.actor,
        api.decode_id(id, "KbArticle", "id"),
        language=language,
        title=title,
        body=body,
        visibility=visibility.value if visibility else None,
        base_version=base_version,
    )
