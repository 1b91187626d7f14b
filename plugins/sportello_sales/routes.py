"""Sales' HTTP routes: an issued invoice's PDF, through a signed link (services.invoices.links)."""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import BaseRoute, Route

from sportello import api
from sportello_sales.services.invoices import document, links


async def invoice_pdf(request: Request) -> Response:
    """200 with the PDF; 403 for a link that is forged, altered or expired; 404 when the
    invoice has no document (a draft, a cancelled draft)."""
    try:
        invoice_id = int(request.path_params["id"])
    except ValueError:
        return PlainTextResponse("Not found", status_code=404)
    params = request.query_params
    language = params.get("lang", "")
    if language not in api.LANGUAGES or not links.verify(
        invoice_id, language, params.get("expires", ""), params.get("sig", "")
    ):
        return PlainTextResponse("Forbidden", status_code=403)
    doc = await document.issued_document(invoice_id, language)
    if doc is None:
        return PlainTextResponse("Not found", status_code=404)
    # Here, not at import: the PDF library (fpdf2) costs the cold start ~0.1 s.
    from sportello_sales.services.documents import pdf

    body = await run_in_threadpool(pdf.render_pdf, doc)
    name = doc.number.replace("/", "-")
    return Response(
        body,
        media_type="application/pdf",
        headers={
            "content-disposition": f'inline; filename="{name}.pdf"',
            "cache-control": "private, no-store",
        },
    )


def routes() -> list[BaseRoute]:
    return [Route("/sales/invoices/{id}/pdf", invoice_pdf, methods=["GET"])]
