from __future__ import annotations

import strawberry

from sportello import api
from sportello_itsupport import models, services
from sportello_itsupport.graphql.kb_types import KbVisibility
from sportello_itsupport.graphql.mutations._common import KbArticlePayload


@api.mutation("itsupport.work", KbArticlePayload)
async def kb_article_create(
    info: strawberry.Info,
    title: str,
    body: str,
    language: str | None = "en",
    visibility: KbVisibility | None = None,
    category_id: strawberry.ID | None = None,
    site_id: strawberry.ID | None = None,
) -> models.KbArticle:
    """A knowledge-base article (version 1 of its text in ``language``: en, it, es, el)."""
    return await services.create_article(
        info.context.actor,
        title=title,
        body=body,
        language=language or "en",
        visibility=visibility.value if visibility else None,
        category_id=api.decode_optional(category_id, "SupportCategory", "categoryId"),
        site_id=api.decode_optional(site_id, "Site", "siteId"),
    )
