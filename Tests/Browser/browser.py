"""Headless Chromium for the gallery tests: Debian's chromium and chromium-driver through Selenium.

Also a command to screenshot a page for the README:

    python3 Tests/Browser/browser.py out/index.html assets/gallery-page.png [WIDTH HEIGHT]
"""
import base64
import pathlib
import shutil
import sys

from selenium import webdriver
from selenium.webdriver.chrome.service import Service


def chromium():
    """A headless Chromium whose console log can be read. Binary and driver are given by path, so
    Selenium never tries to download either (there is no network but the package registries)."""
    binary = shutil.which("chromium") or "/usr/bin/chromium"
    driver = shutil.which("chromedriver") or "/usr/bin/chromedriver"
    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--hide-scrollbars", "--force-device-scale-factor=1", "--window-size=1280,1000"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    browser = webdriver.Chrome(service=Service(executable_path=driver), options=options)
    browser.set_script_timeout(60)
    return browser


def set_viewport(browser, width, height):
    """The page's viewport in CSS pixels, whatever the window's minimum size."""
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})


LOAD_IMAGES = """
const done = arguments[arguments.length - 1];
(async () => {
  const images = [...document.images];
  for (const image of images) {
    image.scrollIntoView();
    try { await image.decode(); } catch (error) {}
  }
  window.scrollTo(0, 0);
  done(images.map(image => ({src: image.getAttribute('src'), alt: image.getAttribute('alt'),
                            naturalWidth: image.naturalWidth, naturalHeight: image.naturalHeight,
                            width: image.getAttribute('width'), height: image.getAttribute('height')})));
})();
"""


def load_images(browser):
    """Scrolls every image into view (they load lazily, as for a reader) and waits until it is
    decoded or has failed; returns what each image ended as."""
    return browser.execute_async_script(LOAD_IMAGES)


def screenshot(browser, path, full_page=False):
    """A PNG of the viewport, or of the whole page."""
    parameters = {"format": "png"}
    if full_page:
        size = browser.execute_script(
            "return [document.documentElement.scrollWidth, document.documentElement.scrollHeight]")
        parameters.update(captureBeyondViewport=True, clip={"x": 0, "y": 0, "width": size[0], "height": size[1], "scale": 1})
    data = browser.execute_cdp_cmd("Page.captureScreenshot", parameters)["data"]
    pathlib.Path(path).write_bytes(base64.b64decode(data))


def main(arguments):
    if len(arguments) not in (2, 4):
        sys.exit(__doc__)
    page, target = pathlib.Path(arguments[0]).resolve(), arguments[1]
    width, height = (int(arguments[2]), int(arguments[3])) if len(arguments) == 4 else (1280, 1500)
    browser = chromium()
    try:
        set_viewport(browser, width, height)
        browser.get(page.as_uri())
        load_images(browser)
        screenshot(browser, target)
    finally:
        browser.quit()


if __name__ == "__main__":
    main(sys.argv[1:])
