/* Wide tables on a phone (docs/stylesheets/layout.css shows the layout; tests/site/test_phone_print.py).
   A table of six or more columns gets data-cards, and each body cell its column's header text as
   data-label: below 45em each row is shown as a card, every value beside its header. Explicit ARIA roles
   keep it a table for screen readers once CSS no longer displays it as one. */
(function () {
  var MIN_COLUMNS = 6;

  function headers(table) {
    var names = [];
    var row = table.tHead && table.tHead.rows[0];
    if (!row) return names;
    Array.prototype.forEach.call(row.cells, function (cell) {
      for (var i = 0; i < cell.colSpan; i++) names.push(cell.textContent.trim());
    });
    return names;
  }

  function cards(table) {
    var names = headers(table);
    if (names.length < MIN_COLUMNS) return;
    table.setAttribute("data-cards", "");
    table.setAttribute("role", "table");
    Array.prototype.forEach.call(table.querySelectorAll(":scope > thead, :scope > tbody"), function (group) {
      group.setAttribute("role", "rowgroup");
    });
    Array.prototype.forEach.call(table.rows, function (row) {
      row.setAttribute("role", "row");
      var column = 0;
      Array.prototype.forEach.call(row.cells, function (cell) {
        // header cells keep their own role: Material styles th[role=columnheader] as a sortable column
        if (row.parentElement !== table.tHead) {
          cell.setAttribute("role", cell.tagName === "TH" ? "rowheader" : "cell");
          cell.setAttribute("data-label", names[column] || "");
        }
        column += cell.colSpan;
      });
    });
  }

  document$.subscribe(function () {
    // after the page's other scripts for this page (docs/_overrides/main.html turns some cells into row headers)
    setTimeout(function () {
      document.querySelectorAll(".md-typeset table").forEach(cards);
    });
  });
})();
