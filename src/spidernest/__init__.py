"""SpiderNest: self-hosted lead generation and web data platform."""

__version__ = "0.1.0"
