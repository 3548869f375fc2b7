"""SpiderSite: crawl a company website and extract every contact, plus a markdown compendium."""

from spidernest.services.site.request import SiteRequest
from spidernest.services.site.result import SiteResult
from spidernest.services.site.service import crawl_site

__all__ = ["SiteRequest", "SiteResult", "crawl_site"]
