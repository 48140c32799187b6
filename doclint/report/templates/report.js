(function () {
  "use strict";
  var doc = document;
  var all = function (sel, root) { return Array.prototype.slice.call((root || doc).querySelectorAll(sel)); };

  // ---- filters by severity and rule family (no server: only show/hide)
  var filters = doc.getElementById("filters");
  if (filters) { filters.hidden = false; }
  var boxes = all("input[data-filter]");
  var items = all(".finding[data-fid]");
  var notes = all(".note[data-fid], .ck-findings [data-fid]");
  var marks = all("mark.hl[data-f], .para.whole[data-f]");
  var severityOf = {};
  items.forEach(function (el) { severityOf[el.getAttribute("data-fid")] = el.getAttribute("data-sev"); });
  var rank = { info: 1, warning: 2, error: 3 };

  function checked(kind) {
    var out = {};
    boxes.forEach(function (b) { if (b.getAttribute("data-filter") === kind && b.checked) { out[b.value] = true; } });
    return out;
  }

  function apply() {
    var sev = checked("sev"), fam = checked("fam");
    var hasFam = boxes.some(function (b) { return b.getAttribute("data-filter") === "fam"; });
    var visible = {}, shown = 0;
    items.concat(notes).forEach(function (el) {
      var ok = !!sev[el.getAttribute("data-sev")] && (!hasFam || !!fam[el.getAttribute("data-fam")]);
      el.hidden = !ok;
      if (ok) { visible[el.getAttribute("data-fid")] = true; }
    });
    items.forEach(function (el) { if (!el.hidden) { shown += 1; } });
    marks.forEach(function (m) {
      var worst = null;
      m.getAttribute("data-f").split(" ").forEach(function (fid) {
        if (visible[fid] && (!worst || rank[severityOf[fid]] > rank[worst])) { worst = severityOf[fid]; }
      });
      m.classList.toggle("off", !worst);
      ["error", "warning", "info"].forEach(function (s) { m.classList.toggle("sev-" + s, worst === s); });
      if (m.tagName === "MARK") { m.tabIndex = worst ? 0 : -1; }
    });
    all(".group").forEach(function (g) {
      g.hidden = all(".finding", g).every(function (el) { return el.hidden; });
    });
    all(".notes").forEach(function (n) {
      n.hidden = all(".note", n).every(function (el) { return el.hidden; });
    });
    var counter = doc.getElementById("shown-count");
    if (counter) { counter.textContent = String(shown); }
  }
  boxes.forEach(function (b) { b.addEventListener("change", apply); });

  // ---- jump from a finding to its place in the text (and from the text back to the finding)
  function flash(el) {
    el.classList.remove("flash");
    void el.offsetWidth;
    el.classList.add("flash");
  }
  all("a.goto[data-target]").forEach(function (a) {
    a.addEventListener("click", function (ev) {
      var target = doc.getElementById(a.getAttribute("data-target"));
      if (!target) { return; }
      ev.preventDefault();
      var mark = target.classList.contains("wa") ? (target.closest("mark, .para") || target) : target;
      if (target.classList.contains("wa") && target.nextElementSibling && target.nextElementSibling.tagName === "MARK") {
        mark = target.nextElementSibling;
      }
      mark.scrollIntoView({ block: "center" });
      flash(mark);
      if (mark.tabIndex >= 0) { mark.focus({ preventScroll: true }); }
      if (history.replaceState) { history.replaceState(null, "", "#" + a.getAttribute("data-target")); }
    });
  });
  function showNotes(m) {
    m.getAttribute("data-f").split(" ").forEach(function (fid) {
      var note = doc.getElementById("note-" + fid);
      if (note && !note.hidden) { flash(note); }
    });
  }
  marks.forEach(function (m) {
    m.addEventListener("click", function () { showNotes(m); });
    m.addEventListener("keydown", function (ev) {
      if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); showNotes(m); }
    });
  });

  // ---- sortable summary table
  all("table.sortable").forEach(function (table) {
    var headers = all("thead th", table);
    headers.forEach(function (th) {
      var button = th.querySelector("button");
      if (!button) { return; }
      button.addEventListener("click", function () {
        var key = Number(button.getAttribute("data-key"));
        var numeric = button.hasAttribute("data-num");
        var dir = th.getAttribute("aria-sort") === "ascending" ? "descending" : "ascending";
        headers.forEach(function (h) { h.setAttribute("aria-sort", "none"); });
        th.setAttribute("aria-sort", dir);
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = a.cells[key].getAttribute("data-v"), y = b.cells[key].getAttribute("data-v");
          var c = numeric ? Number(x) - Number(y) : x.localeCompare(y, doc.documentElement.lang || "vi");
          return dir === "ascending" ? c : -c;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
  });

  apply();
})();
