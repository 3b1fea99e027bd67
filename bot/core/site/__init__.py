"""The app's public web pages (landing, search, privacy, support) as HTML text: pure rendering over the field guide.

Served, cached and given their headers by ``bot.slack.site`` in HTTP mode; Socket Mode serves no pages.
"""
