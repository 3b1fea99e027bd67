"""Job links in a Slack message and the role titles they suggest (pure: no Slack client, no network)."""

from bot.core.links.model import JobLink, LinkScan, Source, TitleCandidate
from bot.core.links.scan import MAX_LINKS, extract_candidates

__all__ = ["MAX_LINKS", "JobLink", "LinkScan", "Source", "TitleCandidate", "extract_candidates"]
