"""The resolvers of an invoice's documents: its FatturaPA XML and the link to its PDF."""

from __future__ import annotations

from typing import Any

from sportello import api
from sportello_sales.services.documents import fatturapa
from sportello_sales.services.invoices import document, links


async def fatturapa_xml(invoice_id: int) -> str | None:
    doc = await document.issued_document(invoice_id, "it")
    if doc is None or doc.seller.address.country != "IT":
        return None
    return fatturapa.render_fatturapa(doc).decode("utf-8")


def pdf_url(root: Any, language: str) -> str | None:
    if root.number is None:
        return None
    base = language.replace("_", "-").split("-")[0].lower()
    return links.pdf_url(root.id, base if base in api.LANGUAGES else "en")
