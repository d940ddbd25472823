/* tpmdocs: the tables of the status pages and of query blocks, sortable and filterable;
 * charts over time scrolled to their latest days.
 *
 * Progressive enhancement: the page holds the whole table, in a sensible order,
 * and works without this script. With it, each table marked `data-tpm-table`
 * that has two rows or more gets a button in each column header (click or
 * Enter/Space: ascending, descending, the page's own order; `aria-sort` says
 * which), and one of six rows or more a filter box above it (rows holding
 * every word typed; a box over a three-row table of the dashboard would only
 * be in the way). The state
 * goes into the page's URL (`?register-sort=-score&register-filter=ann`, the
 * table named by the heading above it), so a filtered view can be linked.
 *
 * Numbers sort as numbers ("12", "45%", "2.5 d"), ISO dates as dates, empty
 * cells ("", "—") last either way, anything else as text with its numbers in
 * order ("PAY-T2" before "PAY-T10").
 *
 * A chart over time (`figure[data-tpm-latest]`: burn-up, trend, exposure) that is too wide
 * for a phone scrolls in its own box rather than shrink its text; it is shown scrolled to
 * its right end, the latest days and the legend, which matter most (without this script it
 * shows its left end); its value axis stays in view at its left edge either way (the
 * stylesheet does that). No network, no dependency; it runs again after Material's instant
 * navigation swaps the page (its `document$`).
 */
(function () {
  "use strict";

  var BLANK = /^(?:|\u2014|\u2013|-|\?)$/;
  var NUMBER = /^[-+]?\d+(?:\.\d+)?(?:\s?(?:%|d|h|w))?$/;
  var DATE = /^\d{4}-\d{2}-\d{2}$/;
  var LEADING_TREE = /^[\s\u2500-\u257f]+/;
  var FILTER_MIN_ROWS = 6;
  var collator = new Intl.Collator(undefined, {numeric: true, sensitivity: "base"});

  function cellText(cell) {
    return (cell ? cell.textContent || "" : "").replace(/\s+/g, " ").replace(LEADING_TREE, "").trim();
  }

  function slug(text) {
    return text.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
  }

  /* How a column sorts: "number", "date" or "text", from every cell that is not blank. */
  function columnKind(rows, index) {
    var kind = null;
    for (var i = 0; i < rows.length; i++) {
      var value = cellText(rows[i].cells[index]);
      if (BLANK.test(value)) continue;
      var here = NUMBER.test(value) ? "number" : DATE.test(value) ? "date" : "text";
      if (here === "text" || (kind && kind !== here)) return "text";
      kind = here;
    }
    return kind || "text";
  }

  function sortKey(value, kind) {
    if (BLANK.test(value)) return null;
    if (kind === "number") return parseFloat(value);
    if (kind === "date") return Date.parse(value + "T00:00:00Z");
    return value;
  }

  function compare(a, b, kind) {
    return kind === "text" ? collator.compare(a, b) : a - b;
  }

  /* The name of each table in the URL: the id of the heading above it, else "table-N". */
  function tableNames(root, tables) {
    var names = new Map(), used = {}, heading = null, count = 0;
    root.querySelectorAll("h1[id], h2[id], h3[id], h4[id], table[data-tpm-table]").forEach(function (node) {
      if (node.tagName !== "TABLE") {
        heading = node.id;
        return;
      }
      count += 1;
      var name = heading && !used[heading] ? heading : "table-" + count;
      used[name] = true;
      heading = null;
      names.set(node, name);
    });
    return names;
  }

  function readState(name) {
    var params = new URLSearchParams(window.location.search);
    return {sort: params.get(name + "-sort") || "", filter: params.get(name + "-filter") || ""};
  }

  function writeState(name, sort, filter) {
    var url = new URL(window.location.href);
    var set = function (key, value) {
      if (value) url.searchParams.set(key, value); else url.searchParams.delete(key);
    };
    set(name + "-sort", sort);
    set(name + "-filter", filter);
    if (url.href !== window.location.href) window.history.replaceState(window.history.state, "", url.href);
  }

  function Table(table, name) {
    this.table = table;
    this.name = name;
    this.body = table.tBodies[0];
    this.rows = Array.prototype.slice.call(this.body.rows);
    this.headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
    this.columns = this.headers.map(function (th, index) {
      var base = slug(cellText(th)) || "column-" + (index + 1);
      return {th: th, name: base, kind: columnKind(this.rows, index), index: index};
    }, this);
    this.texts = this.rows.map(function (row) { return cellText(row).toLowerCase(); });
    this.sorted = null;  // the column sorted by, or null: the page's own order
    this.descending = false;
    this.filter = "";
    this.input = null;
    this.count = null;
  }

  Table.prototype.build = function () {
    var self = this;
    this.columns.forEach(function (column) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "tpm-sort";
      while (column.th.firstChild) button.appendChild(column.th.firstChild);
      column.th.appendChild(button);
      button.addEventListener("click", function () { self.cycle(column); });
    });
    if (this.rows.length >= FILTER_MIN_ROWS) this.buildFilter();
  };

  Table.prototype.buildFilter = function () {
    var self = this;
    var box = document.createElement("div");
    box.className = "tpm-filter";
    var input = document.createElement("input");
    input.type = "search";
    input.placeholder = "Filter rows";
    input.setAttribute("aria-label", "Filter the rows of this table");
    input.setAttribute("autocomplete", "off");
    var count = document.createElement("span");
    count.className = "tpm-count";
    count.setAttribute("aria-live", "polite");
    box.appendChild(input);
    box.appendChild(count);
    var place = this.table.closest(".md-typeset__scrollwrap") || this.table;
    place.parentNode.insertBefore(box, place);
    input.addEventListener("input", function () {
      self.applyFilter(input.value);
      self.save();
    });
    this.input = input;
    this.count = count;
  };

  Table.prototype.cycle = function (column) {
    if (this.sorted !== column) this.sortBy(column, false);
    else if (!this.descending) this.sortBy(column, true);
    else this.sortBy(null, false);
    this.save();
  };

  Table.prototype.sortBy = function (column, descending) {
    this.sorted = column;
    this.descending = descending;
    this.headers.forEach(function (th) { th.removeAttribute("aria-sort"); });
    var order = this.rows.map(function (row, position) { return position; });
    if (column) {
      column.th.setAttribute("aria-sort", descending ? "descending" : "ascending");
      var keys = this.rows.map(function (row) { return sortKey(cellText(row.cells[column.index]), column.kind); });
      order.sort(function (a, b) {
        var x = keys[a], y = keys[b];
        if (x === null || y === null) return x === y ? a - b : x === null ? 1 : -1;
        var result = compare(x, y, column.kind);
        return result === 0 ? a - b : descending ? -result : result;
      });
    }
    var rows = this.rows, body = this.body;
    order.forEach(function (position) { body.appendChild(rows[position]); });
  };

  Table.prototype.applyFilter = function (value) {
    if (!this.input) return;
    this.filter = value;
    var words = value.toLowerCase().split(/\s+/).filter(Boolean), shown = 0, texts = this.texts;
    this.rows.forEach(function (row, position) {
      var keep = words.every(function (word) { return texts[position].indexOf(word) >= 0; });
      row.hidden = !keep;
      if (keep) shown += 1;
    });
    this.count.textContent = words.length ? shown + " of " + this.rows.length + " rows" : "";
  };

  Table.prototype.save = function () {
    var sort = this.sorted ? (this.descending ? "-" : "") + this.sorted.name : "";
    writeState(this.name, sort, this.filter.trim() ? this.filter : "");
  };

  Table.prototype.restore = function () {
    var state = readState(this.name);
    var wanted = state.sort.replace(/^-/, "");
    var column = this.columns.filter(function (c) { return c.name === wanted; })[0];
    if (column) this.sortBy(column, state.sort.charAt(0) === "-");
    if (state.filter && this.input) {
      this.input.value = state.filter;
      this.applyFilter(state.filter);
    }
  };

  function enhance(root) {
    var tables = root.querySelectorAll("table[data-tpm-table]");
    if (!tables.length) return;
    var names = tableNames(root, tables);
    tables.forEach(function (table) {
      if (table.hasAttribute("data-tpm-ready") || !table.tHead || !table.tBodies.length) return;
      if (table.tBodies[0].rows.length < 2) return;
      table.setAttribute("data-tpm-ready", "");
      var enhanced = new Table(table, names.get(table));
      enhanced.build();
      enhanced.restore();
    });
  }

  function showLatest(root) {
    root.querySelectorAll("figure[data-tpm-latest]").forEach(function (figure) {
      if (figure.scrollWidth > figure.clientWidth) figure.scrollLeft = figure.scrollWidth;
      markScrolled(figure);
      figure.addEventListener("scroll", function () { markScrolled(figure); }, { passive: true });
    });
  }

  // While a chart over time is scrolled, the strip under its value axis is covered
  // (tpmdocs.css): the days passing under the axis do not show their tails there.
  function markScrolled(figure) {
    figure.toggleAttribute("data-tpm-scrolled", figure.scrollLeft > 0);
  }

  function start() {
    enhance(document);
    showLatest(document);
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(start);  // Material: every page, the first and each instant one
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
