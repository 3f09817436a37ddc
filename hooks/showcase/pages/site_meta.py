"""What every page carries about the site: the footer's lines and the organisation for search engines."""

from __future__ import annotations

import re
from typing import Any

from showcase.content.schema import Site


def footer(site: Site, year: int) -> dict[str, Any]:
    """The footer's values. Empty contact fields stay out; the copyright year is the build's."""
    contact = site.contact
    police_code = re.sub(r"\D", "", contact.police_record or "")
    return {
        "year": year,
        "host": contact.host or site.court.name,
        "address": contact.address,
        "phone": contact.phone,
        "icp": contact.icp,
        "police_record": contact.police_record,
        "police_code": police_code,
        "site_code": contact.site_code,
        "conac_url": contact.conac_url,
        "conac_image": contact.conac_image,
    }


def organization(site: Site, site_url: str | None) -> dict[str, Any]:
    """schema.org JSON-LD of the court: only what the data states."""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "GovernmentOrganization",
        "name": site.court.name,
        "alternateName": site.court.short_name,
    }
    if site_url:
        data["url"] = site_url
    if site.contact.address:
        data["address"] = site.contact.address
    if site.contact.phone:
        data["telephone"] = site.contact.phone
    return data
