"""Human resources: employees, contracts, leave, shifts at the desks."""
