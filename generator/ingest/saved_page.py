"""Pages saved as one file ("Webpage, Single File"; Chrome on Android saves every page so): a MIME
message, ``.mhtml`` or ``.mht``, whose first HTML part is the page, the others its images, styles
and frames.

The email package is imported only when such a file is read: ~15 ms a build would otherwise pay.
"""

from __future__ import annotations

from generator.ingest.errors import ArticleError

MHTML_SUFFIXES = (".mhtml", ".mht")
MAX_BYTES = 64 * 1024 * 1024  # the page and every image in it: a few MB, rarely tens


def html_part(data: bytes) -> tuple[bytes, str | None, str | None]:
    """The page's HTML, the charset its part names, and the address it was saved from (None when
    the file does not say)."""
    if len(data) > MAX_BYTES:
        raise ArticleError(
            f"too large: {len(data) / 1e6:.1f} MB, while a saved page is at most {MAX_BYTES // 1024**2} MB"
        )
    import email
    import email.policy

    message = email.message_from_bytes(data, policy=email.policy.default)
    for part in message.walk():
        if part.get_content_type() != "text/html":
            continue
        html = part.get_payload(decode=True)  # the transfer encoding (quoted-printable) undone
        if not isinstance(html, bytes):
            break
        url = part.get("Content-Location") or message.get("Snapshot-Content-Location")
        return html, part.get_content_charset(), str(url) if url else None
    raise ArticleError("no HTML page in this saved page (is it MHTML?)")
