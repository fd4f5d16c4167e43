// Render TeX with the vendored KaTeX: reads [[tex, displayMode], ...] as JSON on stdin, writes the HTML
// strings as a JSON list on stdout. Any TeX KaTeX rejects (strict) exits non-zero with KaTeX's message.
const katex = require("./katex.min.js");

let input = "";
process.stdin.on("data", (chunk) => (input += chunk));
process.stdin.on("end", () => {
  const html = JSON.parse(input).map(([tex, displayMode]) => {
    try {
      return katex.renderToString(tex, { displayMode, throwOnError: true, strict: "error" });
    } catch (err) {
      process.stderr.write(`${err.message}\n  in: ${tex}\n`);
      process.exit(1);
    }
  });
  process.stdout.write(JSON.stringify(html));
});
