from sportello.notify.graphql.mutations.notification_kind_setting_update import (
    notification_kind_setting_update,
)
from sportello.notify.graphql.mutations.notification_mark_read import notification_mark_read

ALL = [notification_mark_read, notification_kind_setting_update]

__all__ = ["ALL", "notification_kind_setting_update", "notification_mark_read"]
