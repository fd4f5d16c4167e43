// The keyboard walk's probe (tests/site/test_accessibility.py), evaluated after each Tab: what has focus, and
// the focus ring it shows. The ring is its outline; its contrast is taken against the colour behind it (the
// ancestors' backgrounds, composed). A hidden radio button (the colour-scheme switch) shows its focus on the
// label after it. Returns null once focus has left the page's elements.
() => {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  const hidden = el.offsetWidth === 0 && el.nextElementSibling && el.nextElementSibling.tagName === "LABEL";
  const shown = hidden ? el.nextElementSibling : el;

  const rgba = (css) => {
    const match = css.match(/rgba?\(([^)]+)\)/);
    if (!match) return null;
    const parts = match[1].split(/[\s,/]+/).filter(Boolean).map(Number);
    return [parts[0], parts[1], parts[2], parts.length > 3 ? parts[3] : 1];
  };
  const over = (top, below) => top.slice(0, 3).map((v, i) => v * top[3] + below[i] * (1 - top[3])).concat([1]);
  const luminance = ([r, g, b]) => {
    const linear = (v) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
    return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
  };

  const layers = [];
  for (let node = shown.parentElement; node; node = node.parentElement) {
    const colour = rgba(getComputedStyle(node).backgroundColor);
    if (colour && colour[3] > 0) {
      layers.push(colour);
      if (colour[3] >= 1) break;
    }
  }
  let behind = [255, 255, 255, 1];
  for (const colour of layers.reverse()) behind = over(colour, behind);
  const style = getComputedStyle(shown);
  const ring = over(rgba(style.outlineColor) || [0, 0, 0, 0], behind);
  const [light, dark] = [luminance(ring), luminance(behind)].sort((a, b) => b - a);

  if (!el.dataset.walk) el.dataset.walk = String(document.querySelectorAll("[data-walk]").length);
  const classes = typeof el.className === "string" && el.className.trim() ? "." + el.className.trim().split(/\s+/).join(".") : "";
  const name = (el.getAttribute("aria-label") || el.textContent || "").trim().replace(/\s+/g, " ").slice(0, 40);
  return {
    stop: el.dataset.walk,
    what: `${el.tagName.toLowerCase()}${classes} "${name}"`,
    search: el.matches("input.md-search__input"),
    language: el.matches(".md-select button") ? "button" : el.matches("a.md-select__link") ? el.hreflang : null,
    download: el.matches("a[download]") ? el.getAttribute("href") : null,
    summary: el.matches("details > summary") ? el.textContent.trim() : null,
    table: el.matches(".md-typeset__scrollwrap"),
    outline: `${style.outlineStyle} ${style.outlineWidth}`,
    ring: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2,
    contrast: Math.round(((light + 0.05) / (dark + 0.05)) * 100) / 100,
  };
}
