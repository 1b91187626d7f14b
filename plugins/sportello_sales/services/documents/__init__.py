"""The documents people use: the invoice PDF and the Italian FatturaPA XML, from a frozen snapshot."""
