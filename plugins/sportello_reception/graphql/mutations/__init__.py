from sportello_reception.graphql.mutations.front_desk_create import FrontDeskCreateMutation

__all__ = ["FrontDeskCreateMutation"]
