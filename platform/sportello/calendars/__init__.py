"""Business calendars: working hours with breaks, public holidays, local closed days, and the
arithmetic of business minutes on them (``BusinessTime``)."""
