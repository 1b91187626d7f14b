"""A lending library: books and loans to parties (a third-party Sportello plugin)."""
