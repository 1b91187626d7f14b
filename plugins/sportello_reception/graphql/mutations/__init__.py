from sportello_reception.graphql.mutations.front_desk_create import front_desk_create

ALL = [front_desk_create]

__all__ = ["ALL"]
