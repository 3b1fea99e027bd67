"""Slack listeners: plain functions whose dependencies are parameters.

Each module's ``register(app, deps)`` binds the one ``Deps`` to its listeners at registration (``bound``: Bolt then
injects the other parameters by name, ``ack``, ``body``, ``client``…); tests call the functions directly with a
``Deps`` of their own. Listener functions are named for what they answer
(``answer_command``, ``home_opened``); work that runs after the acknowledgement is a plain function named for what it
does (``share``, ``publish_home``). Only ``bot.slack.app`` imports these modules; they never import each other.
"""
