"""CRM: interactions with parties across channels, cases from the desk to a department, leads."""
