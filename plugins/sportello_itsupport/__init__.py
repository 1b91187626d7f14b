"""IT support: a helpdesk with service levels, the organisation's assets and a knowledge base."""
