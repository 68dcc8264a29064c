"""The gallery page of a real run in a real browser (issue 13).

Debian's headless Chromium opens <out>/index.html from file://, as a reader does, and checks what a
reader would notice: an image that does not load, an error in the console, a page wider than the
window (at 1280 px, at 640 px = 1280 px at 200 % zoom, and at 400 px), headings out of order, an
image without alt text, a click that does not open the figure. A page of hostile names made by the
Gallery module itself (Tests/GalleryFixture) must show them as text and run nothing.
"""
import subprocess
import urllib.parse

import pytest

import browser as chromium_driver

WIDTHS = [1280, 640, 400]

# The post's order: the data, how training went, the layers, FC1, the contributions, then what goes
# beyond the post (the rankings in time, where the network looks).
FIGURES_IN_ORDER = (
    ["dataset_preview.png", "training_curves.png", "confusion_matrix.png", "confusion_evolution.gif"]
    + [f"{layer}_fmap_evolution.gif" for layer in ("conv1", "pool1", "conv2", "pool2")]
    + ["weight_histograms.png", "fc1_fmap_evolution.gif", "fc1_all_classes.png", "fc1_embedding_evolution.gif",
       "fc1_units_over_time.png", "contribution_ranking_all_classes.png"]
    + [f"contribution_ranking_class{k}_5samples.png" for k in range(9)]
    + [f"all_class_contrib_true{k}.png" for k in range(9)]
    + [f"contribution_ranking_evolution_class{k}.gif" for k in range(9)]
    + ["gradcam_evolution.gif", "attribution_focus.png"]
    + [f"attribution_class{k}.png" for k in range(9)])


def open_page(browser, page, width, height=1000):
    browser.get_log("browser")  # drop what earlier pages logged
    chromium_driver.set_viewport(browser, width, height)
    browser.get(page.as_uri())
    return chromium_driver.load_images(browser)


def console_errors(browser):
    return [entry for entry in browser.get_log("browser") if entry["level"] == "SEVERE"]


def widths(browser):
    return browser.execute_script(
        "const d = document.documentElement;"
        "return {scroll: d.scrollWidth, client: d.clientWidth, inner: window.innerWidth,"
        "        widest: Math.max(...[...document.body.querySelectorAll('*')].map(e => e.getBoundingClientRect().right))};")


@pytest.mark.parametrize("width", WIDTHS)
def test_every_image_decodes_and_nothing_scrolls_sideways(browser, run_dir, screenshots, width):
    images = open_page(browser, run_dir / "index.html", width)
    assert len(images) == len(FIGURES_IN_ORDER), [image["src"] for image in images]
    broken = [image["src"] for image in images if image["naturalWidth"] == 0]
    assert broken == []
    # Every image is shown at its own size or smaller, and the page reserved that room for it.
    for image in images:
        assert (int(image["width"]), int(image["height"])) == (image["naturalWidth"], image["naturalHeight"])
    assert console_errors(browser) == []
    measured = widths(browser)
    assert measured["scroll"] <= measured["client"] <= measured["inner"] == width, measured
    assert measured["widest"] <= width, measured
    chromium_driver.screenshot(browser, screenshots / f"gallery-{width}.png")
    if width == 1280:
        chromium_driver.screenshot(browser, screenshots / f"gallery-{width}-full.png", full_page=True)


def test_figures_come_in_the_posts_order_with_alt_text_and_captions(browser, run_dir):
    open_page(browser, run_dir / "index.html", 1280)
    figures = browser.execute_script("""
        return [...document.querySelectorAll('figure')].map(f => ({
            src: f.querySelector('img').getAttribute('src'), alt: f.querySelector('img').alt,
            title: f.querySelector('h3').textContent, caption: f.querySelector('figcaption p').textContent}));""")
    order = [figure["src"] for figure in figures]
    assert order == FIGURES_IN_ORDER
    for figure in figures:
        assert len(figure["alt"]) > 40 and len(figure["caption"]) > 100 and figure["title"], figure
    facts = browser.execute_script(
        "return Object.fromEntries([...document.querySelectorAll('dl div')].map(d => [d.querySelector('dt').textContent,"
        " d.querySelector('dd').textContent]));")
    assert facts["epochs"] == "2" and facts["seed"] == "42" and facts["test accuracy"].endswith("%")


def test_headings_go_down_one_level_at_a_time(browser, run_dir):
    open_page(browser, run_dir / "index.html", 1280)
    levels = browser.execute_script(
        "return [...document.querySelectorAll('h1,h2,h3,h4,h5,h6')].map(h => Number(h.tagName[1]));")
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:])), levels
    assert browser.execute_script("return [...document.images].filter(i => !i.getAttribute('alt')).length;") == 0


def test_a_click_opens_the_figure_at_full_size(browser, run_dir):
    open_page(browser, run_dir / "index.html", 1280)
    browser.execute_script("document.querySelector('figure a.full').click();")
    assert browser.current_url == (run_dir / FIGURES_IN_ORDER[0]).as_uri()
    browser.back()
    assert browser.current_url == (run_dir / "index.html").as_uri()


def test_the_page_loads_nothing_from_elsewhere(browser, run_dir):
    open_page(browser, run_dir / "index.html", 1280)
    urls = browser.execute_script(
        "return performance.getEntriesByType('resource').map(r => r.name).concat("
        "[...document.querySelectorAll('[href],[src]')].map(e => e.href || e.src));")
    for url in urls:
        parsed = urllib.parse.urlparse(url)
        assert parsed.scheme in ("file", "data"), url
        if parsed.scheme == "file":
            assert parsed.path.startswith(str(run_dir) + "/"), url
    assert browser.execute_script("return document.scripts.length;") == 0


def test_hostile_names_show_as_text_and_run_nothing(browser, run_dir, fixture_bin, screenshots):
    made = subprocess.run([str(fixture_bin), str(run_dir)], capture_output=True, text=True, timeout=60)
    assert made.returncode == 0, made.stderr
    page = run_dir / "hostile.html"
    images = open_page(browser, page, 400)
    assert [image["naturalWidth"] > 0 for image in images] == [True, True, True], images
    assert browser.execute_script("return window.pwned;") is None
    assert browser.execute_script("return document.scripts.length;") == 0
    script = "<script>document.title='pwned';window.pwned=1</script>"
    assert browser.title == script
    assert browser.execute_script("return document.querySelector('h1').textContent;") == script
    text = browser.execute_script("return document.body.innerText;")
    assert "\"><img src=x onerror=\"window.pwned=1\">" in text and "猫 <b>bold &amp; 🐱.gif" in text
    assert console_errors(browser) == []
    measured = widths(browser)
    assert measured["scroll"] <= measured["client"], measured
    chromium_driver.screenshot(browser, screenshots / "hostile-400.png", full_page=True)
    # The `javascript:` file name is a relative link to the file of that name, not a script.
    links = browser.execute_script("return [...document.querySelectorAll('a.full')].map(a => a.href);")
    assert all(link.startswith(run_dir.as_uri() + "/") for link in links), links
    browser.execute_script("document.querySelectorAll('a.full')[1].click();")
    opened = urllib.parse.urlparse(browser.current_url)
    assert opened.scheme == "file" and urllib.parse.unquote(opened.path) == str(run_dir / "javascript:window.pwned=1.png")
    assert browser.execute_script("return window.pwned;") is None
