"""Claims the table ``shelf_box_item`` under the label ``shelf``."""

from tortoise import fields
from tortoise.models import Model

from sportello import hookimpl
from sportello.plugininfo import ModelSet, PluginInfo


class Item(Model):
    id = fields.IntField(primary_key=True)

    class Meta:
        app = "shelf"
        table = "shelf_box_item"


@hookimpl
def sportello_plugin_info() -> PluginInfo:
    return PluginInfo(name="shelf", title="Shelf", version="1.0")


@hookimpl
def sportello_models() -> ModelSet:
    return ModelSet("shelf", ("fake_plugins.shelf",), "fake_plugins.migrations")
