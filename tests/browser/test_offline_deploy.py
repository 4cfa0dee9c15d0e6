"""Issue 19: the site on a plain static host (no special headers), offline, and updated.

One browser profile for the module, as one student meets the course: a first visit on a
server that sends no COOP/COEP (Stop by a warm spare worker, the offline copy stored);
a second visit with the network off (the service worker answers and adds the isolation
headers: Run, Check, Stop, hints, the solution and Download my work); JupyterLite opened
beside it; a rebuilt site (one exercise's starter changed) that says a new version is
available and keeps the saved code; a half-uploaded build that is never taken in; and the
storage control that shows and removes the copy.

"Offline" is real here: the server stops answering (builder.serve's `offline`: a closed
connection, as with no network) besides `context.set_offline(True)`, which does not reach
service workers.
The rebuilt versions are copies of the built site (hard links) with one exercise changed
and sw.js written again by builder.offline, the phase build.py runs last.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import expect

from builder import offline
from builder.serve import make_server, url_of
from tests.browser.helpers import ROOT, Exercise, editor_text, press, set_code, wait_result

PAGE3 = "03-activation-functions"
LOOP = "while True:\n    pass\n"
SHOTS = Path(os.environ.get("NPRL_SHOT_DIR", "/tmp"))


def _exercise(ex_id: str) -> Exercise:
    found = sorted((ROOT / "exercises").glob(f"*/{ex_id}/spec.yaml"))
    if not found:
        pytest.fail(f"exercise {ex_id!r} is missing under exercises/")
    return Exercise(found[0].parent)


class Host:
    """The served folder is a symlink, so a "deploy" swaps which build it points at."""

    def __init__(self, root: Path, first: Path):
        import threading

        self.root = root
        self.link = root / "current"
        self.link.symlink_to(first, target_is_directory=True)
        self.server = make_server(self.link, port=0, plain=True)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = url_of(self.server)

    def deploy(self, folder: Path) -> None:
        tmp = self.root / "next"
        tmp.symlink_to(folder, target_is_directory=True)
        tmp.replace(self.link)

    @property
    def served(self) -> Path:
        return self.link.resolve()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(scope="module")
def host(built_site, tmp_path_factory):
    if not (built_site / offline.SW_NAME).is_file():
        pytest.fail(f"{built_site} has no {offline.SW_NAME}: build it with this build.py")
    h = Host(tmp_path_factory.mktemp("host"), built_site)
    yield h
    h.close()


@pytest.fixture(scope="module")
def student(browser, host):
    """One browser profile for the whole module (the offline copy lives in it)."""
    context = browser.new_context(accept_downloads=True)
    yield context
    context.close()


@pytest.fixture(autouse=True)
def _close_pages(request):
    """A test that fails leaves no tab open: a tab still controlled by the course's worker
    keeps a removed registration alive for the tests after it (Chromium revives it)."""
    yield
    if "student" in request.fixturenames:
        for page in list(request.getfixturevalue("student").pages):
            page.close()


@pytest.fixture
def online(student, host):
    host.server.offline = False
    student.set_offline(False)
    yield


def _manifest(site: Path) -> dict:
    first = (site / offline.SW_NAME).read_text(encoding="utf-8").split("\n")[1]
    return json.loads(first.removeprefix("const MANIFEST = ").removesuffix(";"))


def _wait_stored(page, version: str, *, timeout: float = 120_000) -> None:
    import playwright.sync_api

    try:
        _wait_stored_(page, version, timeout=timeout)
    except playwright.sync_api.TimeoutError:
        footer = page.locator("footer[data-role=offline]")
        raise AssertionError(
            f"the offline copy of version {version} was not shown as stored: the footer says "
            f"{footer.get_attribute('data-state')!r}, version {footer.get_attribute('data-version')!r}: "
            f"{footer.inner_text()!r}; the browser has {page.evaluate(_REGISTRATIONS)}"
        ) from None


# What the browser holds: each registration's workers, what its active worker says, the caches.
_REGISTRATIONS = """async () => {
  const state = (w) => (w ? w.state : null);
  const ask = (w) => new Promise((resolve) => {
    const channel = new MessageChannel();
    setTimeout(() => resolve("no answer in 3 s"), 3000);
    channel.port1.onmessage = (event) => resolve(event.data);
    w.postMessage({ type: "info" }, [channel.port2]);
  });
  const regs = [];
  for (const r of await navigator.serviceWorker.getRegistrations()) {
    const info = r.active && !r.scope.endsWith("/jupyter/") ? await ask(r.active) : null;
    regs.push({ scope: r.scope, installing: state(r.installing), waiting: state(r.waiting),
                active: state(r.active), info: info && info.files ? { ...info, files: undefined } : info });
  }
  const controller = navigator.serviceWorker.controller;
  return { registrations: regs, controller: controller && controller.state, caches: await caches.keys() };
}"""


def _wait_stored_(page, version: str, *, timeout: float) -> None:
    page.wait_for_function(
        "v => { const f = document.querySelector('footer[data-role=offline]');"
        " return f && f.dataset.state === 'stored' && f.dataset.version === v; }",
        arg=version,
        timeout=timeout,
    )


def _wait_no_install(page, *, seconds: int = 120) -> None:
    """Until the course's registration has no install under way (each try takes seconds)."""
    busy = "navigator.serviceWorker.getRegistration().then((r) => Boolean(r && r.installing))"
    for _ in range(seconds * 2):
        if not page.evaluate(busy):
            return
        page.wait_for_timeout(500)
    raise AssertionError(f"an install of the offline copy still runs after {seconds} s")


def _scopes(page) -> list[str]:
    return sorted(
        page.evaluate(
            "navigator.serviceWorker.getRegistrations().then((r) => r.map((x) => x.scope))"
        )
    )


def _caches(page) -> list[str]:
    return sorted(page.evaluate("caches.keys()"))


def _clone(src: Path, dest: Path) -> Path:
    """A copy of a built site made of hard links (a file to change must be unlinked first)."""

    def link(a, b):
        try:
            os.link(a, b)
        except OSError:
            shutil.copy2(a, b)

    shutil.copytree(src, dest, copy_function=link, symlinks=True)
    return dest


def _rewrite(path: Path, text: str) -> None:
    path.unlink()  # never write through a hard link into the other build
    path.write_text(text, encoding="utf-8", newline="\n")


def _write_sw(site: Path) -> dict:
    course = _manifest(site)["course"]
    for name in (offline.SW_NAME, offline.HEADERS_NAME, ".nojekyll"):
        (site / name).unlink(missing_ok=True)
    return offline.write_offline(site, site_dir=ROOT / "site", course_version=course)


def _change_starter(site: Path, ex: Exercise, starter: str) -> None:
    """Rebuild one exercise with a new starter: its page's widget data and its bundle."""
    import hashlib

    new_hash = hashlib.sha256(starter.encode("utf-8")).hexdigest()[:16]
    page = site / f"{ex.slug}.html"
    html = page.read_text(encoding="utf-8")
    start = html.index(f'<section class="exercise" id="ex-{ex.id}"')
    open_tag = '<script type="application/json" data-role="data">'
    a = html.index(open_tag, start) + len(open_tag)
    b = html.index("</script>", a)
    data = json.loads(html[a:b])
    assert data["starter"] == ex.starter, "the built page does not hold the exercise's starter"
    data |= {"starter": starter, "starter_hash": new_hash}
    text = json.dumps(data, sort_keys=True, ensure_ascii=False).replace("</", "<\\/")
    _rewrite(page, html[:a] + text + html[b:])
    bundle_path = site / "exercises" / f"{ex.id}.json"
    bundle = json.loads(bundle_path.read_text(encoding="utf-8"))
    bundle["starter"] = starter
    _rewrite(bundle_path, json.dumps(bundle, sort_keys=True, ensure_ascii=False, indent=1) + "\n")


def _stop_a_loop(page, section) -> None:
    set_code(page, section, LOOP)
    press(section, "run")
    expect(section.locator("[data-role=runtime]")).to_have_text("Running…", timeout=60_000)
    press(section, "stop")
    out = wait_result(section, timeout=10_000)
    expect(out.locator(".out-error-title")).to_contain_text("Stopped")


def _run_prints(page, section, text: str) -> None:
    set_code(page, section, f"print({text!r})\n")
    press(section, "run")
    out = wait_result(section, timeout=90_000)
    expect(out.locator(".out-stdout")).to_have_text(text + "\n")


# ---------------------------------------------------------------- (a) first visit, plain host


def test_first_visit_on_a_plain_host_solves_stops_fast_and_stores_the_course(student, host, online):
    relu = _exercise("relu")
    page = student.new_page()
    head = page.request.get(f"{host.url}{PAGE3}.html").headers
    assert not {"cross-origin-opener-policy", "cross-origin-embedder-policy"} & set(head), head
    section = relu.open(page, host.url)
    page.wait_for_selector("body[data-python=ready]", timeout=120_000)
    assert page.evaluate("crossOriginIsolated") is False, (
        "a plain host cannot isolate a first visit"
    )
    set_code(page, section, relu.solution)
    press(section, "check")
    out = wait_result(section)
    expect(out.locator(".out-summary")).to_contain_text("All tests passed")
    # Stop a loop: the spare worker, warm by now, takes over; the next Run needs no new Python.
    set_code(page, section, LOOP)
    press(section, "run")
    expect(section.locator("[data-role=runtime]")).to_have_text("Running…", timeout=60_000)
    page.wait_for_function(
        "() => window.nprlRuntime.spare && window.nprlRuntime.spare.state === 'ready'",
        timeout=120_000,
    )
    starts = page.evaluate("window.nprlRuntime.stats.starts")
    press(section, "stop")
    out = wait_result(section, timeout=10_000)
    expect(out.locator(".out-error-title")).to_contain_text("Stopped")
    assert page.evaluate("document.body.dataset.python") == "ready", "no Python up after Stop"
    _run_prints(page, section, "back")
    stats = page.evaluate("window.nprlRuntime.stats")
    assert stats["promotions"] == 1, f"the spare did not take over: {stats}"
    # The only start since the Stop is the next spare, warming in the background.
    assert stats["starts"] == starts + 1, f"expected one new (spare) start: {stats}"
    set_code(page, section, relu.solution)  # the saved code a later test relies on
    page.wait_for_timeout(600)
    _wait_stored(page, _manifest(host.served)["version"])
    expect(page.locator("[data-role=offline-status]")).to_contain_text("Stored for offline use")
    page.close()


# ---------------------------------------------------------------- JupyterLite beside it


def test_jupyterlite_starts_beside_the_course_worker_without_removing_it(student, host, online):
    page = student.new_page()
    page.goto(f"{host.url}index.html")
    _wait_stored(page, _manifest(host.served)["version"])
    for _ in range(60):  # JupyterLite's worker is registered once the copy is stored
        if _scopes(page) == [host.url, f"{host.url}jupyter/"]:
            break
        page.wait_for_timeout(500)
    assert _scopes(page) == [host.url, f"{host.url}jupyter/"]
    lines: list[str] = []
    page.on("console", lambda msg: lines.append(msg.text))
    page.goto(f"{host.url}jupyter/repl/index.html?kernel=python")
    page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=60_000)
    controller = page.evaluate("navigator.serviceWorker.controller.scriptURL")
    assert controller.startswith(f"{host.url}jupyter/service-worker.js"), controller
    expect_line = re.compile(
        "JupyterLite ServiceWorker was (already|sucessfully|successfully) registered"
    )
    page.wait_for_timeout(500)
    deadline = 60
    while deadline and not any(expect_line.search(line) for line in lines):
        page.wait_for_timeout(1000)
        deadline -= 1
    assert any(expect_line.search(line) for line in lines), lines[-20:]
    assert not any("unregistering existing service workers" in line for line in lines), lines
    page.goto(f"{host.url}index.html")
    assert _scopes(page) == [host.url, f"{host.url}jupyter/"], "JupyterLite removed ours"
    page.close()


# ---------------------------------------------------------------- (b) offline second visit


def test_offline_second_visit_runs_checks_stops_hints_solves_and_downloads(
    student, host, online, tmp_path
):
    relu = _exercise("relu")
    ex = _exercise("perceptron_predict")
    page = student.new_page()
    page.goto(f"{host.url}index.html")
    _wait_stored(page, _manifest(host.served)["version"])
    page.close()
    host.server.offline = True
    student.set_offline(True)
    page = student.new_page()
    # Proof that the network is gone: a file outside the offline copy cannot be had.
    section = ex.open(page, host.url)
    missing = page.evaluate(
        "fetch('notebooks/no-such.ipynb').then(() => 'answered', () => 'failed')"
    )
    assert missing == "failed", "the server still answers: this is not offline"
    page.wait_for_selector("body[data-python=ready]", timeout=120_000)
    # Isolated now, by the service worker's headers: Stop interrupts, the worker stays.
    assert page.evaluate("crossOriginIsolated") is True, "sw.js did not add COOP/COEP"
    press(section, "hint")
    expect(section.locator(".hint-list li")).to_have_count(1)
    _run_prints(page, section, "offline")
    _stop_a_loop(page, section)
    stats = page.evaluate("window.nprlRuntime.stats")
    assert stats == {"starts": 1, "promotions": 0}, f"Stop replaced the worker: {stats}"
    set_code(page, section, ex.wrong)
    press(section, "check")
    out = wait_result(section)
    expect(out.locator(".out-summary")).to_contain_text("Not yet")
    expect(section.locator("[data-role=solution]")).to_have_attribute("data-unlocked", "true")
    button = section.locator("[data-action=solution]")
    if button.get_attribute("aria-expanded") != "true":
        button.click()
    expect(section.locator(".ex-solution-body")).to_contain_text("Worked solution")
    set_code(page, section, ex.solution)
    press(section, "check")
    out = wait_result(section)
    expect(out.locator(".out-summary")).to_contain_text("All tests passed")
    page.wait_for_timeout(600)
    with page.expect_download() as info:
        page.locator("[data-action=download-work]").click()
        dialog = page.locator("dialog#name-dialog")
        if dialog.is_visible():
            dialog.locator("input").fill("Offline Student")
            dialog.get_by_role("button", name="Save").click()
    data = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
    assert data["exercises"][ex.id]["last_result"]["passed"] is True, data["exercises"][ex.id]
    assert data["exercises"][relu.id]["code"] == relu.solution, "the first visit's work is missing"
    page.close()
    host.server.offline = False
    student.set_offline(False)


# ---------------------------------------------------------------- (c) a rebuilt version


def test_a_rebuilt_site_says_a_new_version_is_available_and_keeps_the_saved_code(
    student, host, online, tmp_path_factory
):
    relu = _exercise("relu")
    v1 = _manifest(host.served)
    page = student.new_page()
    section = relu.open(page, host.url)
    _wait_stored(page, v1["version"])
    saved = editor_text(page, section)
    assert saved != relu.starter, "this test needs saved work (the first test leaves it)"
    new_starter = relu.starter.replace("def relu(", "# Rewritten for this version.\n\ndef relu(", 1)
    assert new_starter != relu.starter
    v2_dir = _clone(host.served, tmp_path_factory.mktemp("v2") / "site")
    _change_starter(v2_dir, relu, new_starter)
    v2 = _write_sw(v2_dir)
    assert v2["version"] != v1["version"], "a changed exercise must make a new version"
    host.deploy(v2_dir)
    page.reload()  # the browser checks sw.js on navigation and installs the new version
    notice = page.locator("[data-role=update-notice]")
    expect(notice).to_contain_text("A new version of the course is available", timeout=120_000)
    # Until the student reloads, this page is the old version, from the old copy, whole.
    assert _caches(page) == sorted(
        [f"nprl-course-{v1['version']}", f"nprl-course-{v2['version']}", "precache"]
    )
    assert (
        page.evaluate("id => window.nprlWidgets.find((w) => w.id === id).data.starter", relu.id)
        == relu.starter
    )
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.locator("footer[data-role=offline]").scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / "offline-update-notice.png"))
    notice.get_by_role("button", name="Reload now").click()
    page.wait_for_load_state()
    page.wait_for_selector("body[data-editor=ready]")
    _wait_stored(page, v2["version"])
    section = relu.section(page)
    assert editor_text(page, section) == saved, "the saved code was lost in the update"
    banner = section.locator("[data-role=banner]")
    expect(banner).to_contain_text("starter code of this exercise has changed")
    banner.get_by_role("button", name="View new starter").click()
    expect(banner.locator(".starter-preview")).to_contain_text("# Rewritten for this version.")
    # The new version replaced the old one whole: one course cache, holding every file of v2.
    assert _caches(page) == sorted([f"nprl-course-{v2['version']}", "precache"])
    urls = page.evaluate(
        "v => caches.open('nprl-course-' + v).then((c) => c.keys()).then((k) => k.map((r) => r.url))",
        v2["version"],
    )
    want = {host.url + path for path, *_ in v2["files"]}
    assert want <= set(urls), f"missing from the new copy: {sorted(want - set(urls))[:5]}"
    cached = page.evaluate(
        "v => caches.open('nprl-course-' + v).then((c) => c.match('exercises/relu.json')).then((r) => r.json())",
        v2["version"],
    )
    assert cached["starter"] == new_starter
    page.close()


def test_a_half_uploaded_build_is_never_taken_in(student, host, online, tmp_path_factory):
    relu = _exercise("relu")
    current = _manifest(host.served)
    in_use = host.served
    v3_dir = _clone(host.served, tmp_path_factory.mktemp("v3") / "site")
    bundle = v3_dir / "exercises" / f"{relu.id}.json"
    good = bundle.read_text(encoding="utf-8")
    _rewrite(bundle, good.replace('"title"', '"note": "v3",\n "title"', 1))
    v3 = _write_sw(v3_dir)
    _rewrite(bundle, good)  # sw.js says v3's bundle, the server still has the old one
    host.deploy(v3_dir)
    page = student.new_page()
    page.goto(f"{host.url}{PAGE3}.html")
    page.wait_for_function("() => window.nprlOffline && window.nprlOffline.checked")
    assert page.evaluate("window.nprlOffline.checked") is True, "the page did not look for sw.js"
    _wait_no_install(page)
    expect(page.locator("[data-role=offline-status]")).to_contain_text(
        "A newer version could not be stored (exercises/relu.json"
    )
    assert page.locator("[data-role=update-notice]").count() == 0
    # The version in use is whole and still used; v3's checked files may stay for the next
    # try (a resumed install fetches only the rest), but without the marker nothing uses them.
    marked = page.evaluate(
        """async () => { const out = {};
        for (const name of await caches.keys()) {
          if (!name.startsWith('nprl-course-')) continue;
          out[name] = Boolean(await (await caches.open(name)).match('__nprl-offline-complete__'));
        } return out; }"""
    )
    assert marked.pop(f"nprl-course-{current['version']}", None) is True, marked
    assert marked in ({}, {f"nprl-course-{v3['version']}": False}), marked
    assert page.evaluate("navigator.serviceWorker.getRegistration().then((r) => !r.waiting)")
    expect(page.locator("footer[data-role=offline]")).to_have_attribute(
        "data-version", current["version"]
    )
    page.close()
    # The instructor uploads the good build again. A fresh upload has fresh file times; the
    # old files' times would make this server answer the browser's revalidation of sw.js
    # with 304 (If-Modified-Since) and keep v3's sw.js in its cache.
    again = _clone(in_use, tmp_path_factory.mktemp("v2-again") / "site")
    sw_text = (again / offline.SW_NAME).read_text(encoding="utf-8")
    _rewrite(again / offline.SW_NAME, sw_text)
    host.deploy(again)


# ---------------------------------------------------------------- the storage control


def test_the_storage_control_shows_the_size_and_removes_only_the_copy(student, host, online):
    relu = _exercise("relu")
    version = _manifest(host.served)
    page = student.new_page()
    relu.open(page, host.url)
    _wait_stored(page, version["version"])
    status = page.locator("[data-role=offline-status]")
    mb = f"{version['bytes'] / 1e6:.0f} MB"
    expect(status).to_contain_text(f"Stored for offline use: {mb}")
    saved = page.evaluate(f"localStorage.getItem('nprl:ex:{relu.id}')")
    assert saved, "no saved work to keep"
    page.once("dialog", lambda d: d.accept())
    page.locator("[data-action=offline-toggle]").click()
    expect(status).to_contain_text("not stored for offline use")
    assert not [c for c in _caches(page) if c.startswith("nprl-course-")]
    assert host.url not in _scopes(page)
    assert page.evaluate(f"localStorage.getItem('nprl:ex:{relu.id}')") == saved
    # It stays removed on the next visit (not stored again behind the student's back) ...
    page.reload()
    page.wait_for_selector("body[data-python=ready]", timeout=120_000)
    page.wait_for_timeout(5000)
    assert page.evaluate("navigator.serviceWorker.controller") is None
    assert not [c for c in _caches(page) if c.startswith("nprl-course-")]
    # ... until the student asks for it again.
    toggle = page.locator("[data-action=offline-toggle]")
    expect(toggle).to_have_text("Store it for offline use")
    toggle.click()
    _wait_stored(page, version["version"])
    page.close()


def test_storing_again_while_another_tab_still_uses_the_removed_copy_ends_stored(
    student, host, online
):
    """Chromium keeps an unregistered registration while a tab still uses its worker, and
    register() revives it: the same active worker, its cache deleted, sw.js unchanged (no
    install). The page asks that worker to store its copy again."""
    relu = _exercise("relu")
    version = _manifest(host.served)["version"]
    other = student.new_page()
    other.goto(f"{host.url}index.html")
    _wait_stored(other, version)
    page = student.new_page()
    relu.open(page, host.url)
    _wait_stored(page, version)
    page.wait_for_selector("body[data-python=ready]", timeout=120_000)
    saved = page.evaluate(f"localStorage.getItem('nprl:ex:{relu.id}')")
    page.once("dialog", lambda d: d.accept())
    page.locator("[data-action=offline-toggle]").click()
    expect(page.locator("[data-role=offline-status]")).to_contain_text("not stored for offline use")
    assert not [c for c in _caches(page) if c.startswith("nprl-course-")]
    page.reload()
    page.wait_for_selector("body[data-editor=ready]")
    assert page.evaluate("navigator.serviceWorker.controller") is None
    assert other.evaluate("Boolean(navigator.serviceWorker.controller)"), (
        "the other tab must still use the removed copy's worker for this test"
    )
    toggle = page.locator("[data-action=offline-toggle]")
    expect(toggle).to_have_text("Store it for offline use")
    toggle.click()
    _wait_stored(page, version)
    # The whole copy again, in the version's one cache, and this page controlled by it.
    assert [c for c in _caches(page) if c.startswith("nprl-course-")] == [f"nprl-course-{version}"]
    urls = page.evaluate(
        "v => caches.open('nprl-course-' + v).then((c) => c.keys()).then((k) => k.map((r) => r.url))",
        version,
    )
    want = {host.url + path for path, *_ in _manifest(host.served)["files"]}
    assert want <= set(urls), f"missing from the copy: {sorted(want - set(urls))[:5]}"
    page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=30_000)
    assert _scopes(page) == [host.url, f"{host.url}jupyter/"]
    assert page.evaluate(f"localStorage.getItem('nprl:ex:{relu.id}')") == saved
    page.close()
    other.close()


# ---------------------------------------------------------------- an exercise in an LMS page


LMS_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Week 3</title></head>
<body><h1>Week 3: activations</h1>
<iframe title="ReLU exercise" src="{src}" width="900" height="900"
  sandbox="allow-scripts allow-same-origin allow-downloads allow-modals allow-popups"></iframe>
</body></html>
"""


@pytest.mark.parametrize("site", ["same-site", "cross-site"])
def test_an_exercise_embedded_in_an_lms_page_runs_checks_and_keeps_or_warns(
    browser, host, online, tmp_path, site
):
    """same-site: the LMS page is another origin of the same site (another port): the work
    is saved. cross-site: another site (localhost vs 127.0.0.1), where this Chromium, like
    a browser that blocks third-party storage, refuses the iframe storage: Check still
    works, and the exercise says that the work lasts only for the visit (or it is saved)."""
    from builder.serve import serve_in_thread

    relu = _exercise("relu")
    (tmp_path / "week3.html").write_text(
        LMS_PAGE.format(src=f"{host.url}embed/{relu.id}.html"), encoding="utf-8"
    )
    lms, lms_url = serve_in_thread(tmp_path, plain=True)
    if site == "cross-site":
        lms_url = lms_url.replace("127.0.0.1", "localhost")
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(f"{lms_url}week3.html")
        frame = page.frame_locator("iframe")
        section = frame.locator(f"section#ex-{relu.id}")
        frame.locator("body[data-editor=ready]").wait_for(timeout=60_000)
        inner = next(f for f in page.frames if f.url.startswith(host.url))
        assert inner.evaluate("document.querySelector('.site-header')") is None
        inner.wait_for_selector("body[data-python=ready]", timeout=120_000)
        section.locator(".cm-content").click()
        page.keyboard.press("Control+A")
        page.keyboard.press("Delete")
        page.keyboard.insert_text(relu.solution)
        section.locator("[data-action=check]").click()
        section.locator(".ex-toolbar [data-action=check]:not([disabled])").wait_for(timeout=60_000)
        expect(section.locator(".out-summary")).to_contain_text("All tests passed")
        # Nothing of the offline copy from inside another page.
        assert inner.evaluate("window.nprlOffline === undefined")
        registered = "navigator.serviceWorker.getRegistrations().then((r) => r.length, () => 0)"
        assert inner.evaluate(registered) == 0
        expect(frame.locator("footer a")).to_have_attribute("href", f"{PAGE3}.html#ex-{relu.id}")
        kept = inner.evaluate(
            "(() => { try { return Boolean(localStorage); } catch (e) { return false; } })()"
        )
        note = frame.locator("[data-role=embed-note]")
        if site == "same-site":
            assert kept, "a same-site iframe was refused storage"
        if not kept:
            expect(note).to_be_visible()
            expect(note).to_contain_text("lasts until you leave this page")
            return
        expect(note).to_be_hidden()
        page.reload()
        frame.locator("body[data-editor=ready]").wait_for(timeout=60_000)
        inner = next(f for f in page.frames if f.url.startswith(host.url))
        code = inner.evaluate("id => window.nprlWidgets.find((w) => w.id === id).code", relu.id)
        assert code == relu.solution, "the embedded exercise did not keep the code"
        expect(section.locator("[data-role=status]")).to_contain_text("Passed")
    finally:
        context.close()
        lms.shutdown()
        lms.server_close()
