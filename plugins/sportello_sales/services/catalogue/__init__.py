"""Products, price lists and price lookup."""
