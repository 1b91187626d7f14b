"""The values of the kind and status columns, and of parties' tax treatments."""

# Document kinds and statuses (the columns' values).
INVOICE = "invoice"
CREDIT_NOTE = "credit_note"
DRAFT = "draft"
ISSUED = "issued"
CANCELLED = "cancelled"

# Quotes and orders: kinds and statuses.
QUOTE = "quote"
ORDER = "order"
OPEN = "open"
CLOSED = "closed"
INVOICED = "invoiced"

# Party tax treatments.
STANDARD = "standard"
REVERSE_CHARGE = "reverse_charge"
EXEMPT = "exempt"

# Billing profile kinds.
COMPANY = "company"
PERSON = "person"
