"""The installation cache: answers from memory in steady state, never holds a token that will need refreshing, and
forgets a workspace as soon as this process saves or deletes it."""

from __future__ import annotations

from typing import Any

from slack_sdk.oauth.installation_store import Bot, InstallationStore

from bot.slack.installations import BoundedCache, CachedInstallationStore, find_workspace_bot

NOW = 1_800_000_000.0


class CountingStore(InstallationStore):
    def __init__(self) -> None:
        self.bots: dict[tuple[str | None, str | None], Bot] = {}
        self.finds = 0

    def find_bot(self, *, enterprise_id: Any, team_id: Any, is_enterprise_install: Any = False) -> Bot | None:
        self.finds += 1
        return self.bots.get((enterprise_id, None if is_enterprise_install else team_id))

    def save_bot(self, bot: Bot) -> None:
        self.bots[(bot.enterprise_id, None if bot.is_enterprise_install else bot.team_id)] = bot

    def delete_bot(self, *, enterprise_id: Any, team_id: Any) -> None:
        self.bots.pop((enterprise_id, team_id), None)


def bot(team: str | None, *, expires_at: float | None = None, enterprise: str | None = None) -> Bot:
    return Bot(
        app_id="A1",
        enterprise_id=enterprise,
        team_id=team,
        bot_token=f"xoxb-{team}",
        bot_id="B1",
        bot_user_id="U1",
        installed_at=NOW,
        is_enterprise_install=team is None,
        bot_token_expires_at=int(expires_at) if expires_at else None,
    )


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def cached(store: CountingStore, clock: Clock) -> CachedInstallationStore:
    return CachedInstallationStore(store, ttl=30, clock=clock, wall=lambda: NOW)


def test_a_bot_is_read_once_per_ttl() -> None:
    store, clock = CountingStore(), Clock()
    store.save_bot(bot("T1"))
    cache = cached(store, clock)
    for _ in range(5):
        assert cache.find_bot(enterprise_id=None, team_id="T1") is not None
    assert store.finds == 1
    clock.now = 31
    cache.find_bot(enterprise_id=None, team_id="T1")
    assert store.finds == 2


def test_a_token_near_its_expiry_is_always_read_from_the_store() -> None:
    store, clock = CountingStore(), Clock()
    store.save_bot(bot("T1", expires_at=NOW + 2 * 3600))  # inside the two-hour window plus the ttl
    cache = cached(store, clock)
    cache.find_bot(enterprise_id=None, team_id="T1")
    cache.find_bot(enterprise_id=None, team_id="T1")
    assert store.finds == 2


def test_a_long_lived_rotating_token_is_remembered() -> None:
    store, clock = CountingStore(), Clock()
    store.save_bot(bot("T1", expires_at=NOW + 12 * 3600))
    cache = cached(store, clock)
    cache.find_bot(enterprise_id=None, team_id="T1")
    cache.find_bot(enterprise_id=None, team_id="T1")
    assert store.finds == 1


def test_saving_or_deleting_forgets_the_workspace_at_once() -> None:
    store, clock = CountingStore(), Clock()
    store.save_bot(bot("T1"))
    cache = cached(store, clock)
    assert cache.find_bot(enterprise_id=None, team_id="T1") is not None
    cache.delete_bot(enterprise_id=None, team_id="T1")
    assert cache.find_bot(enterprise_id=None, team_id="T1") is None
    cache.save_bot(bot("T1"))
    assert cache.find_bot(enterprise_id=None, team_id="T1") is not None


def test_an_absent_workspace_is_not_remembered_as_absent() -> None:
    store, clock = CountingStore(), Clock()
    cache = cached(store, clock)
    assert cache.find_bot(enterprise_id=None, team_id="T1") is None
    store.save_bot(bot("T1"))  # installed through another process
    assert cache.find_bot(enterprise_id=None, team_id="T1") is not None


def test_a_workspace_of_an_org_wide_install_finds_the_org_bot() -> None:
    store = CountingStore()
    store.save_bot(bot(None, enterprise="E1"))
    assert find_workspace_bot(store, "T9", "E1") is not None
    assert find_workspace_bot(store, "T9", None) is None
    assert find_workspace_bot(store, None, "E1") is not None


def test_forgetting_an_org_forgets_its_org_wide_bot() -> None:
    store, clock = CountingStore(), Clock()
    store.save_bot(bot(None, enterprise="E1"))
    cache = cached(store, clock)
    cache.find_bot(enterprise_id="E1", team_id=None, is_enterprise_install=True)
    store.bots.clear()
    cache.forget("E1", None)
    assert cache.find_bot(enterprise_id="E1", team_id=None, is_enterprise_install=True) is None


def test_the_bounded_cache_forgets_the_oldest_entry() -> None:
    cache: BoundedCache[str, int] = BoundedCache(2)
    cache["a"], cache["b"], cache["a"], cache["c"] = 1, 2, 3, 4
    assert cache == {"b": 2, "c": 4}
    assert len(cache) == 2


def test_a_request_of_an_org_wide_install_goes_straight_to_the_org_bot_and_is_remembered() -> None:
    store, clock = CountingStore(), Clock()
    store.save_bot(bot(None, enterprise="E1"))
    cache = cached(store, clock)
    for _ in range(3):
        assert find_workspace_bot(cache, "T9", "E1", org_wide=True) is not None
    assert store.finds == 1
