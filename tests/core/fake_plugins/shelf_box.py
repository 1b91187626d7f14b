"""Claims the same table ``shelf_box_item`` under the label ``shelf_box`` (a legal prefix)."""

from tortoise import fields
from tortoise.models import Model

from sportello import hookimpl
from sportello.plugininfo import ModelSet, PluginInfo


class BoxItem(Model):
    id = fields.IntField(primary_key=True)

    class Meta:
        app = "shelf_box"
        table = "shelf_box_item"


@hookimpl
def sportello_plugin_info() -> PluginInfo:
    return PluginInfo(name="shelf_box", title="Shelf box", version="1.0")


@hookimpl
def sportello_models() -> ModelSet:
    return ModelSet("shelf_box", ("fake_plugins.shelf_box",), "fake_plugins.migrations")
