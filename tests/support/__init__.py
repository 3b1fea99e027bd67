"""Local stand-ins for Slack and helpers to drive the app as Slack does. Nothing here talks to Slack.

- ``slack_api.SlackApi``: Web API (``base_url`` → ``SLACK_API_URL``) and ``response_url`` server; records calls,
  takes injected ``faults.Fault``s; its fake data lives in ``workspace.Workspace`` (rules: ``web_methods``,
  ``response_url``, ``block_kit``).
- ``socket_mode.SocketModeServer``: the Socket Mode WebSocket endpoint (hello, envelopes, acks, disconnect).
- ``signing``: Slack's ``v0`` request signature and a urllib poster; ``payloads``: bodies shaped as Slack sends.
- ``server``: ``specimen serve`` as a subprocess (``start_app_server``), with signed ``post_*`` helpers.

What the stand-ins enforce is what SLACK-FACTS.md documents; where Slack's behaviour is not documented, the
module says the choice is ours.
"""
