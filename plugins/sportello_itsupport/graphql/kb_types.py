"""The knowledge base: GraphQL types."""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any, cast

import strawberry
from strawberry import relay
from tortoise.queryset import QuerySet

from sportello import api
from sportello_itsupport import models, services


@strawberry.enum(description="Who reads an article.")
class KbVisibility(enum.Enum):
    AGENTS = models.AGENTS
    STAFF = models.STAFF
    PUBLIC = models.PUBLIC


@strawberry.type(description="An article's current text in one language.")
class KbTranslation:
    language: str
    title: str
    body: str
    version: int
    updated_at: dt.datetime


def _translation(row: models.KbTranslation) -> KbTranslation:
    return KbTranslation(
        language=row.language,
        title=row.title,
        body=row.body,
        version=row.version,
        updated_at=row.updated_at,
    )


async def _translations_for(ids: list[int]) -> dict[int, list[KbTranslation]]:
    found: dict[int, list[KbTranslation]] = {i: [] for i in ids}
    rows = await models.KbTranslation.filter(article_id__in=ids).order_by("language")
    for row in rows:
        found[row.article_id].append(_translation(row))
    return found


async def load_translations(articles: list[Any]) -> None:
    """The texts of a page of articles, in one query."""
    found = await _translations_for([a.id for a in articles])
    for article in articles:
        article.translations_loaded = found[article.id]


async def _texts(root: Any) -> list[KbTranslation]:
    loaded = getattr(root, "translations_loaded", None)
    if loaded is None:
        loaded = (await _translations_for([root.id]))[root.id]
    return cast(list[KbTranslation], loaded)


def _pick(texts: list[KbTranslation], language: str) -> KbTranslation | None:
    by = {t.language: t for t in texts}
    return by.get(language) or by.get("en") or (texts[0] if texts else None)


async def _text(root: Any, info: strawberry.Info) -> KbTranslation | None:
    return _pick(await _texts(root), info.context.actor.language)


async def _all(root: Any) -> list[KbTranslation]:
    return await _texts(root)


@strawberry.type(description="A knowledge-base article, in one or more languages.")
class KbArticle(api.ModelNode):
    __model__ = models.KbArticle
    __permission__ = api.PUBLIC  # read by visibility: see node_queryset
    __site_field__ = "site_id"
    __site_optional__ = True
    __needs__ = {
        "text": api.needs(batch=load_translations),
        "translations": api.needs(batch=load_translations),
    }

    id: relay.NodeID[int]
    visibility: KbVisibility
    created_at: dt.datetime
    updated_at: dt.datetime
    site: api.Site | None
    text: KbTranslation | None = strawberry.field(
        resolver=_text, description="The text in the caller's language (else English, else any)."
    )
    translations: list[KbTranslation] = strawberry.field(resolver=_all)

    @classmethod
    def node_queryset(cls, info: strawberry.Info) -> QuerySet[Any]:
        return services.visible_articles(models.KbArticle.all(), info.context.actor)
