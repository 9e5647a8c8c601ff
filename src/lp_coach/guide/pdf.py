"""HTML to PDF through WeasyPrint, the optional `pdf` extra, which fetches nothing."""

from __future__ import annotations

from typing import Any

from lp_coach.errors import CoachError

INSTALL = 'pip install "lp-coach[pdf]"'
PANGO_DOCS = "https://doc.courtbouillon.org/weasyprint/stable/first_steps.html"


class PdfUnavailable(CoachError):
    """WeasyPrint, or the Pango library it draws text with, is not installed."""


def html_to_pdf(html: str) -> bytes:
    """The PDF of `html`; page size and margins come from its own @page rules."""
    weasyprint = _weasyprint()
    document = weasyprint.HTML(string=html, url_fetcher=_no_fetching(weasyprint))
    data: bytes = document.write_pdf()
    return data


def _weasyprint() -> Any:
    try:
        import weasyprint
    except ImportError:
        raise PdfUnavailable(
            f"--format pdf needs WeasyPrint, which is not installed: {INSTALL} "
            "(or write --format html and print it from a browser)"
        ) from None
    except OSError as exc:  # WeasyPrint is there but cannot load Pango
        raise PdfUnavailable(
            f"--format pdf needs WeasyPrint's system libraries (Pango): {exc}; see {PANGO_DOCS}"
        ) from None
    return weasyprint


def _no_fetching(weasyprint: Any) -> Any:
    """A URL fetcher that allows data: URLs only: no network, no local files."""
    fetcher_class = getattr(weasyprint, "URLFetcher", None)
    if fetcher_class is not None:  # newer WeasyPrint: a class, with a protocol list
        return fetcher_class(allowed_protocols=("data",))

    def fetch(url: str) -> Any:
        if not url.startswith("data:"):
            raise ValueError(f"lp-coach guides fetch nothing: {url}")
        return weasyprint.default_url_fetcher(url)

    return fetch
