"""The models' ``#:`` comments (the fields' descriptions, written into migrations) are read as
Tortoise reads them, with each source file parsed once (sportello.modelsource)."""

from __future__ import annotations

from pathlib import Path

from tortoise import models as tortoise_models
from tortoise.models import Model

from sportello import modelsource
from sportello.runtime import Runtime
from sportello.settings import load_settings

ROOT = Path(__file__).resolve().parents[2]


def _all_models() -> list[type[Model]]:
    seen: list[type[Model]] = []
    todo = list(Model.__subclasses__())
    while todo:
        cls = todo.pop()
        if cls not in seen:
            seen.append(cls)
            todo.extend(cls.__subclasses__())
    return seen


def test_installed_at_import() -> None:
    assert tortoise_models._get_comments is modelsource.get_comments


def test_comments_are_tortoises_for_every_model() -> None:
    Runtime(load_settings(ROOT / "config" / "all.toml"))  # imports every built-in office
    models = _all_models()
    assert len(models) > 100
    described = 0
    for cls in models:
        assert modelsource.get_comments(cls) == modelsource._original(cls), cls.__qualname__
        described += bool(modelsource.get_comments(cls))
    assert described > 5  # the comparison covered models that have comments


def test_the_description_comes_from_the_comment() -> None:
    from sportello.notify.models import Delivery

    assert Delivery._meta.fields_map["channel"].description == "email, sms or in_app"
