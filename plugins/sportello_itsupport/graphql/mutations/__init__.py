from sportello_itsupport.graphql.mutations.it_asset_assign import it_asset_assign
from sportello_itsupport.graphql.mutations.it_asset_create import it_asset_create
from sportello_itsupport.graphql.mutations.it_asset_relate import it_asset_relate
from sportello_itsupport.graphql.mutations.it_asset_release import it_asset_release
from sportello_itsupport.graphql.mutations.kb_article_create import kb_article_create
from sportello_itsupport.graphql.mutations.kb_article_update import kb_article_update
from sportello_itsupport.graphql.mutations.support_category_create import support_category_create
from sportello_itsupport.graphql.mutations.support_team_configure import support_team_configure
from sportello_itsupport.graphql.mutations.support_ticket_assign import support_ticket_assign
from sportello_itsupport.graphql.mutations.support_ticket_create import support_ticket_create
from sportello_itsupport.graphql.mutations.support_ticket_merge import support_ticket_merge
from sportello_itsupport.graphql.mutations.support_ticket_rate import support_ticket_rate
from sportello_itsupport.graphql.mutations.support_ticket_reply import support_ticket_reply
from sportello_itsupport.graphql.mutations.support_ticket_set_parent import (
    support_ticket_set_parent,
)
from sportello_itsupport.graphql.mutations.support_ticket_set_status import (
    support_ticket_set_status,
)
from sportello_itsupport.graphql.mutations.support_ticket_update import support_ticket_update

ALL = [
    support_ticket_create,
    support_ticket_update,
    support_ticket_assign,
    support_ticket_reply,
    support_ticket_set_status,
    support_ticket_merge,
    support_ticket_set_parent,
    support_ticket_rate,
    support_category_create,
    support_team_configure,
    it_asset_create,
    it_asset_assign,
    it_asset_release,
    it_asset_relate,
    kb_article_create,
    kb_article_update,
]

__all__ = ["ALL"]
