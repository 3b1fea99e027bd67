"""Slack listeners: plain functions whose dependencies are parameters.

``bot.slack.app`` registers them and puts the one ``Deps`` into every request's context, from where Bolt injects it
like its own arguments (``ack``, ``body``, ``client``…) into any listener that names a ``deps`` parameter; tests call
the functions directly with a ``Deps`` of their own. Listener functions are named for what they answer
(``answer_command``, ``home_opened``); work that runs after the acknowledgement is a plain function named for what it
does (``share``, ``publish_home``). Only ``bot.slack.app`` imports these modules; they never import each other.
"""
