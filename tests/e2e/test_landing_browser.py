"""The landing page in a real browser: Debian's Chromium, headless, driven by selenium through Debian's chromedriver,
against `specimen serve` with OAuth configured. The Add to Slack button shows and leads to /slack/install, the search
box finds the Junior Machine Learning Engineer, and the browser logs nothing severe (a CSP refusal, a failed load or
a script error would be). A screenshot is kept in test-artifacts/ (git-ignored) for a person to look at.

Skipped, with the reason, where chromium or chromedriver is not installed; under CI=true that is a failure.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.support.server import PROJECT_ROOT, AppServer, start_app_server
from tests.support.slack_api import SlackApi

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
ARTIFACTS = PROJECT_ROOT / "test-artifacts"
OAUTH = {"SLACK_CLIENT_ID": "1234.5678", "SLACK_CLIENT_SECRET": "test-client-secret"}
# No network beyond the loopback server: nothing in the background, no updates, no sync, no QUIC probing.
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1280,1100",
)
WAIT_SECONDS = 10


def _browser_or_skip() -> None:
    missing = [str(p) for p in (CHROMIUM, CHROMEDRIVER) if not os.access(p, os.X_OK)]
    if missing:
        reason = f"{' and '.join(missing)} not installed (apt-get install chromium chromium-driver)"
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI needs the browser test: {reason}")
        pytest.skip(reason)


@pytest.fixture(scope="module")
def oauth_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppServer]:
    _browser_or_skip()
    with SlackApi() as api:
        server = start_app_server(api, workdir=tmp_path_factory.mktemp("landing-server"), env=OAUTH)
        try:
            yield server
        finally:
            server.stop()


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    _browser_or_skip()
    from selenium import webdriver  # noqa: PLC0415 - only where the browser is there
    from selenium.webdriver.chrome.service import Service  # noqa: PLC0415

    workdir = tmp_path_factory.mktemp("chromium")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)  # both paths given: selenium-manager has nothing to look up or fetch
    for flag in (*CHROMIUM_FLAGS, f"--user-data-dir={workdir / 'profile'}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    service = Service(executable_path=str(CHROMEDRIVER), log_output=str(workdir / "chromedriver.log"))
    driver = webdriver.Chrome(options=options, service=service)
    driver.implicitly_wait(WAIT_SECONDS)
    try:
        yield driver
    finally:
        driver.quit()


def keep_screenshot(driver: Any, tmp_path: Path, name: str) -> Path:
    """The screenshot in the test's tmp dir, copied to test-artifacts/ where CI keeps it."""
    shot = tmp_path / name
    assert driver.save_screenshot(str(shot)), "no screenshot"
    ARTIFACTS.mkdir(exist_ok=True)
    shutil.copyfile(shot, ARTIFACTS / name)
    return shot


def test_the_landing_page_installs_and_finds_a_specimen(oauth_server: AppServer, browser: Any, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By  # noqa: PLC0415
    from selenium.webdriver.support import expected_conditions  # noqa: PLC0415
    from selenium.webdriver.support.wait import WebDriverWait  # noqa: PLC0415

    browser.get(oauth_server.url + "/")
    assert browser.title.startswith("specimen")
    install = browser.find_element(By.ID, "add-to-slack")
    assert install.is_displayed()
    assert install.get_attribute("href").endswith("/slack/install")
    assert len(browser.find_elements(By.CSS_SELECTOR, ".samples article.card")) == 3
    shot = keep_screenshot(browser, tmp_path, "landing.png")
    assert shot.stat().st_size > 10_000  # styled, not a blank page

    box = browser.find_element(By.ID, "q")
    box.send_keys("jr ml eng")
    browser.find_element(By.CSS_SELECTOR, "form.search button[type=submit]").click()
    WebDriverWait(browser, WAIT_SECONDS).until(expected_conditions.url_contains("/search?q=jr+ml+eng"))
    card = browser.find_element(By.ID, "specimen-junior-machine-learning-engineer")
    assert card.find_element(By.TAG_NAME, "h3").text == "Junior Machine Learning Engineer"
    assert "HIGH RISK" in card.text
    keep_screenshot(browser, tmp_path, "search.png")

    severe = [entry for entry in browser.get_log("browser") if entry["level"] == "SEVERE"]
    assert severe == [], severe
