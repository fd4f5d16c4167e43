"""MkDocs hook: the offline site (``OFFLINE=true mkdocs build``) works opened from disk, search included.

Material's ``offline`` plugin (mkdocs.yml: enabled by the ``OFFLINE`` variable) turns directory URLs off
(``labs/xor/index.html``), and inlines ``search/search_index.json`` into ``search/search_index.js``, which
Material's search loads instead of the JSON when the page is a ``file://`` one. Two things it leaves to us:

- It inlines the index as it is when it runs, before ``languages.py`` splits it per language and marks
  Korean compounds: this hook writes each language's ``search_index.js`` (``search/``, ``en/search/``) from
  the final JSON, after ``languages.py``.
- It loads the ``iframe-worker`` shim (the search worker cannot start from ``file://`` otherwise) from
  unpkg.com, another host and none at all offline: this hook serves the vendored copy
  (``iframe-worker.js`` beside it, MIT) from the site instead.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.plugins import event_priority
from sitecore.shared import write_atomic

SHIM = Path(__file__).with_name("iframe-worker.js")
SHIM_URL = "javascripts/iframe-worker.js"  # where the shim lands in the site, relative to its root


def _enabled(config) -> bool:
    plugin = config.plugins.get("material/offline")
    return bool(plugin and plugin.config.enabled)


@event_priority(-50)  # after the offline plugin added its unpkg.com URL
def on_config(config):
    if not _enabled(config):
        return
    polyfills = config.extra.get("polyfills", [])
    config.extra["polyfills"] = [SHIM_URL if "iframe-worker" in url else url for url in polyfills]


@event_priority(-300)  # after languages.py (-200) wrote each language's search_index.json
def on_post_build(config):
    if not _enabled(config):
        return
    i18n = config.plugins.get("i18n")
    if i18n is not None and i18n.building:  # a nested per-language build: the final index is not written yet
        return
    site = Path(config.site_dir)
    write_atomic(site / SHIM_URL, SHIM.read_bytes())
    for index in [site / "search" / "search_index.json", *site.glob("*/search/search_index.json")]:
        write_atomic(index.with_suffix(".js"), f"var __index = {index.read_text(encoding='utf-8')}")
