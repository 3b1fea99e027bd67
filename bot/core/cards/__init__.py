"""Block Kit payloads, built by pure functions over ``slack_sdk.models``.

``specimen`` the card, ``full_file`` the modal with every entry, ``snippets`` quote/day-log previews, ``replies``
help/list/miss/did-you-mean, ``actions`` button values, ``limits`` and ``safety`` checks of finished payloads.
"""
