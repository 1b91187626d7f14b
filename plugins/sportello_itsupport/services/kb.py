"""The knowledge base: articles in en, it, es and el, every change a new version, seen by
agents, by all staff or by the public."""

from __future__ import annotations

from typing import Any

from tortoise.expressions import Q
from tortoise.queryset import QuerySet

from sportello import api
from sportello_itsupport import models as m
from sportello_itsupport.services import _common
from sportello_itsupport.services._common import MANAGE, WORK, default_site, not_found
from sportello_itsupport.services._common import require_text as _text


def visibilities(actor: api.Actor) -> tuple[str, ...]:
    """What the actor may read: the public always, staff once logged in, agents' articles
    with ``itsupport.work``."""
    if actor.has(WORK) or actor.has(MANAGE):
        return m.VISIBILITIES
    if actor.is_authenticated:
        return (m.STAFF, m.PUBLIC)
    return (m.PUBLIC,)


def visible_articles(qs: QuerySet[m.KbArticle], actor: api.Actor) -> QuerySet[m.KbArticle]:
    qs = qs.filter(visibility__in=visibilities(actor))
    if actor.site_ids is not None:
        qs = qs.filter(Q(site_id=None) | Q(site_id__in=sorted(actor.site_ids)))
    return qs


def _writer(actor: api.Actor, field: str) -> None:
    if not (actor.has(WORK) or actor.has(MANAGE)):
        raise api.ServiceError("FORBIDDEN", "itsupport.agents_only", field)


def _language(value: str) -> str:
    if value not in api.LANGUAGES:
        raise api.ServiceError("INVALID", "itsupport.invalid_language", "language")
    return value


def _visibility(value: str | None) -> str:
    if value is None:
        return m.STAFF
    if value not in m.VISIBILITIES:
        raise api.ServiceError("INVALID", "itsupport.invalid_visibility", "visibility")
    return value


async def create_article(
    actor: api.Actor,
    *,
    title: str,
    body: str,
    language: str = "en",
    visibility: str | None = None,
    category_id: int | None = None,
    site_id: int | None = None,
) -> m.KbArticle:
    _writer(actor, "title")
    title, body = _text(title, "title", 200), _text(body, "body")
    language, visibility = _language(language), _visibility(visibility)
    site_id = default_site(actor, site_id)
    if category_id is not None and not await m.Category.filter(id=category_id).exists():
        raise not_found("categoryId")
    at = _common.now()
    async with api.atomic():
        article = await m.KbArticle.create(
            site_id=site_id,
            category_id=category_id,
            visibility=visibility,
            created_by_id=actor.user_id,
            created_at=at,
            updated_at=at,
        )
        await _write_text(actor, article.id, language, title, body, 1)
        await api.record(actor, "kbArticleCreate", article, after={"title": title})
    return article


async def _write_text(
    actor: api.Actor, article_id: int, language: str, title: str, body: str, version: int
) -> None:
    at = _common.now()
    if version == 1:
        await m.KbTranslation.create(
            article_id=article_id, language=language, title=title, body=body, updated_at=at
        )
    await m.KbRevision.create(
        article_id=article_id,
        language=language,
        version=version,
        title=title,
        body=body,
        author_id=actor.user_id,
        created_at=at,
    )


async def update_article(
    actor: api.Actor,
    article_id: int,
    *,
    language: str,
    title: str,
    body: str,
    visibility: str | None = None,
    base_version: int | None = None,
) -> m.KbArticle:
    """A new version of the article's text in ``language`` (or its first text in a new
    language). ``base_version`` is the version the writer edited: CONFLICT when someone saved
    another meanwhile."""
    _writer(actor, "id")
    article = await m.KbArticle.filter(id=article_id).first()
    if article is None or not actor.may_see_site(article.site_id):
        raise not_found("id")
    title, body, language = _text(title, "title", 200), _text(body, "body"), _language(language)
    changes: dict[str, Any] = {"updated_at": _common.now()}
    if visibility is not None:
        changes["visibility"] = _visibility(visibility)
    async with api.atomic():
        current = await m.KbTranslation.filter(article_id=article.id, language=language).first()
        if current is None:
            await _write_text(actor, article.id, language, title, body, 1)
            version = 1
        else:
            expected = current.version if base_version is None else base_version
            version = expected + 1
            done = await m.KbTranslation.filter(id=current.id, version=expected).update(
                title=title, body=body, version=version, updated_at=changes["updated_at"]
            )
            # 0 when the version moved on (on SQLite the count includes the search triggers).
            if not done:
                raise api.ServiceError("CONFLICT", "itsupport.article_changed", "baseVersion")
            await _write_text(actor, article.id, language, title, body, version)
        await m.KbArticle.filter(id=article.id).update(**changes)
        await api.record(
            actor, "kbArticleUpdate", article, after={"language": language, "version": version}
        )
    return await m.KbArticle.get(id=article.id)
