from sportello.events.graphql.mutations.event_replay import EventReplayMutation
from sportello.events.graphql.mutations.webhook_endpoint_create import WebhookEndpointCreateMutation
from sportello.events.graphql.mutations.webhook_endpoint_delete import WebhookEndpointDeleteMutation
from sportello.events.graphql.mutations.webhook_endpoint_update import WebhookEndpointUpdateMutation

ALL = [
    EventReplayMutation,
    WebhookEndpointCreateMutation,
    WebhookEndpointUpdateMutation,
    WebhookEndpointDeleteMutation,
]
