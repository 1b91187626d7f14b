from sportello.events.graphql.mutations.event_replay import event_replay
from sportello.events.graphql.mutations.webhook_endpoint_create import webhook_endpoint_create
from sportello.events.graphql.mutations.webhook_endpoint_delete import webhook_endpoint_delete
from sportello.events.graphql.mutations.webhook_endpoint_update import webhook_endpoint_update
from sportello.hookspecs import RootContribution

# Root fields made by mutation(), in the schema's order. Typed Any: the plugin's hook is
# annotated `list[type]`, while composition takes fields as well as classes.
ALL: list[RootContribution] = [
    event_replay,
    webhook_endpoint_create,
    webhook_endpoint_update,
    webhook_endpoint_delete,
]
