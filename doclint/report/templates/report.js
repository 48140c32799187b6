(function () {
  "use strict";
  var doc = document;
  var all = function (sel, root) { return Array.prototype.slice.call((root || doc).querySelectorAll(sel)); };
  var lang = doc.documentElement.lang || "vi";
  var rank = { info: 1, warning: 2, error: 3 };
  var statusOrder = { fail: 0, fix: 1, pass: 2 };

  // ---- the generation time in the reader's own time zone
  var when = doc.getElementById("generated");
  if (when && when.getAttribute("datetime")) {
    var date = new Date(when.getAttribute("datetime"));
    if (!isNaN(date.getTime())) {
      try {
        when.textContent = date.toLocaleString(lang === "en" ? "en-GB" : "vi-VN", {
          year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", timeZoneName: "short"
        });
      } catch (e) { /* keep the server's text */ }
    }
  }

  var toolbar = doc.getElementById("filters");
  if (toolbar) { toolbar.hidden = false; }
  // on a phone the search and filters fold into one line until asked for
  var tools = doc.getElementById("tools");
  if (tools && window.matchMedia && window.matchMedia("(max-width: 640px)").matches) { tools.open = false; }
  var docs = all("details.doc");
  var list = doc.getElementById("doc-list");
  var search = doc.getElementById("search");
  var ruleSelect = doc.getElementById("rule-filter");
  var sortSelect = doc.getElementById("sort");
  var boxes = all("input[data-filter]");

  // ---- a folder report keeps each document in an inert <template> until it is opened
  function materialise(d) {
    var tpl = null;
    for (var i = 0; i < d.children.length; i++) {
      if (d.children[i].tagName === "TEMPLATE") { tpl = d.children[i]; break; }
    }
    if (!tpl) { return false; }
    d.replaceChild(tpl.content, tpl);
    applyInside(d);
    return true;
  }
  docs.forEach(function (d) {
    d.addEventListener("toggle", function () { if (d.open) { materialise(d); } });
  });

  // ---- search text: file, unit, type, rules, and the words of the document; accents optional
  function fold(s) {
    return (s || "").toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d")
      .replace(/\s+/g, " ");
  }
  var hay = new Map();
  function haystack(d) {
    if (!hay.has(d)) {
      var tpl = d.querySelector("template");
      var text = d.getAttribute("data-search") + " " + (tpl ? tpl.content.textContent : d.textContent);
      hay.set(d, fold(text));
    }
    return hay.get(d);
  }

  function checked(kind) {
    var out = {};
    boxes.forEach(function (b) { if (b.getAttribute("data-filter") === kind && b.checked) { out[b.value] = true; } });
    return out;
  }

  // ---- findings inside an opened document follow the severity and rule filters
  function applyInside(root) {
    var sev = checked("sev");
    var code = ruleSelect ? ruleSelect.value : "";
    var visible = {}, severityOf = {}, shown = 0;
    all(".finding[data-fid], .note[data-fid]", root).forEach(function (el) {
      var ok = !!sev[el.getAttribute("data-sev")] && (!code || el.getAttribute("data-code") === code);
      el.hidden = !ok;
      severityOf[el.getAttribute("data-fid")] = el.getAttribute("data-sev");
      if (ok) { visible[el.getAttribute("data-fid")] = true; }
      if (ok && el.classList.contains("finding") && !el.closest(".suppressed")) { shown += 1; }
    });
    all(".group", root).forEach(function (g) {
      g.hidden = all(".finding", g).every(function (el) { return el.hidden; });
    });
    all(".notes", root).forEach(function (n) {
      n.hidden = all(".note", n).every(function (el) { return el.hidden; });
    });
    all("mark.hl[data-f], .para.whole[data-f]", root).forEach(function (m) {
      var worst = null;
      m.getAttribute("data-f").split(" ").forEach(function (fid) {
        if (visible[fid] && (!worst || rank[severityOf[fid]] > rank[worst])) { worst = severityOf[fid]; }
      });
      m.classList.toggle("off", !worst);
      ["error", "warning", "info"].forEach(function (s) { m.classList.toggle("sev-" + s, worst === s); });
      if (m.tagName === "MARK") { m.tabIndex = worst ? 0 : -1; }
    });
    return shown;
  }

  // ---- which documents show
  function apply() {
    var status = checked("status");
    var hasStatus = boxes.some(function (b) { return b.getAttribute("data-filter") === "status"; });
    var sev = checked("sev");
    var code = ruleSelect ? ruleSelect.value : "";
    var phrase = search ? fold(search.value).trim() : "";
    var shownDocs = 0, shownFindings = 0;
    docs.forEach(function (d) {
      var ok = (!hasStatus || !!status[d.getAttribute("data-status")])
        && (!code || (" " + d.getAttribute("data-codes") + " ").indexOf(" " + code + " ") >= 0);
      if (ok && phrase) { ok = haystack(d).indexOf(phrase) >= 0; }
      d.hidden = !ok;
      if (ok) {
        shownDocs += 1;
        if (!d.querySelector(":scope > template")) {
          shownFindings += applyInside(d);
        } else {
          shownFindings += countFromData(d, sev, code);
        }
      }
    });
    var c = doc.getElementById("shown-count");
    if (c) { c.textContent = String(shownFindings); }
    var s = doc.getElementById("shown-docs");
    if (s) { s.textContent = String(shownDocs); }
    var none = doc.getElementById("none-match");
    if (none) { none.hidden = shownDocs > 0; }
  }
  function countFromData(d, sev, code) {
    var n = 0;
    (d.getAttribute("data-fc") || "").split(" ").forEach(function (entry) {
      if (!entry) { return; }
      var p = entry.split(":");
      if (sev[p[1]] && (!code || p[0] === code)) { n += Number(p[2]); }
    });
    return n;
  }
  boxes.forEach(function (b) { b.addEventListener("change", apply); });
  if (ruleSelect) { ruleSelect.addEventListener("change", apply); }
  if (search) {
    var timer = null;
    search.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(apply, 120);
    });
  }

  // ---- sorting
  function sortDocs(how) {
    if (!list) { return; }
    var key = function (d) {
      return [statusOrder[d.getAttribute("data-status")], -Number(d.getAttribute("data-errors")),
        -Number(d.getAttribute("data-warnings")), -Number(d.getAttribute("data-total"))];
    };
    var sorted = docs.slice().sort(function (a, b) {
      var na = a.getAttribute("data-name"), nb = b.getAttribute("data-name");
      if (how === "name") { return na.localeCompare(nb, lang); }
      if (how === "findings") {
        return Number(b.getAttribute("data-total")) - Number(a.getAttribute("data-total")) || na.localeCompare(nb, lang);
      }
      var ka = key(a), kb = key(b);
      for (var i = 0; i < ka.length; i++) { if (ka[i] !== kb[i]) { return ka[i] - kb[i]; } }
      return na.localeCompare(nb, lang);
    });
    sorted.forEach(function (d) { list.appendChild(d); });
  }
  if (sortSelect) { sortSelect.addEventListener("change", function () { sortDocs(sortSelect.value); }); }

  function setAll(open) {
    docs.forEach(function (d) {
      if (d.hidden) { return; }
      if (open) { materialise(d); }
      d.open = open;
    });
    apply();
  }
  var openAll = doc.getElementById("open-all"), closeAll = doc.getElementById("close-all");
  if (openAll) { openAll.addEventListener("click", function () { setAll(true); }); }
  if (closeAll) { closeAll.addEventListener("click", function () { setAll(false); }); }

  // ---- a chart bar filters by its rule
  all(".bar-row[data-code]").forEach(function (g) {
    function pick() {
      if (!ruleSelect) { return; }
      ruleSelect.value = g.getAttribute("data-code");
      apply();
      var target = doc.getElementById("documents");
      if (target) { target.scrollIntoView({ block: "start" }); }
    }
    g.addEventListener("click", pick);
    g.addEventListener("keydown", function (ev) { if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); pick(); } });
  });

  // ---- links into a document open it first (and the text inside it, for a highlighted place)
  function reveal(id) {
    var el = doc.getElementById(id);
    if (!el) {
      var m = /^(?:item-|note-)?(d\d+)(?:-|$)/.exec(id);
      var d = m && doc.getElementById(m[1]);
      if (!d) { return null; }
      materialise(d);
      el = doc.getElementById(id);
    }
    if (!el) { return null; }
    var p = el.parentElement;
    while (p) {
      if (p.tagName === "DETAILS" && !p.open) {
        materialise(p);
        p.open = true;
      }
      p = p.parentElement;
    }
    if (el.tagName === "DETAILS" && !el.open) { materialise(el); el.open = true; }
    return el;
  }
  function flash(el) {
    el.classList.remove("flash");
    void el.offsetWidth;
    el.classList.add("flash");
  }
  doc.addEventListener("click", function (ev) {
    var a = ev.target.closest ? ev.target.closest("a[href^='#']") : null;
    if (!a) { return; }
    var id = a.getAttribute("data-target") || a.getAttribute("href").slice(1);
    if (!id) { return; }
    var el = reveal(id);
    if (!el) { return; }
    ev.preventDefault();
    var target = el;
    if (el.classList.contains("wa") && el.nextElementSibling && el.nextElementSibling.tagName === "MARK") {
      target = el.nextElementSibling;
    } else if (el.classList.contains("wa")) {
      target = el.closest("mark, .para") || el;
    }
    target.scrollIntoView({ block: a.classList.contains("goto") ? "center" : "start" });
    flash(target);
    if (target.tabIndex >= 0 && target.focus) { target.focus({ preventScroll: true }); }
    if (history.replaceState) { history.replaceState(null, "", "#" + id); }
  });
  function showNotes(m) {
    m.getAttribute("data-f").split(" ").forEach(function (fid) {
      var note = doc.getElementById("note-" + fid);
      if (note && !note.hidden) { flash(note); }
    });
  }
  doc.addEventListener("click", function (ev) {
    var m = ev.target.closest ? ev.target.closest("mark.hl[data-f]") : null;
    if (m) { showNotes(m); }
  });
  doc.addEventListener("keydown", function (ev) {
    var m = ev.target.closest ? ev.target.closest("mark.hl[data-f]") : null;
    if (m && (ev.key === "Enter" || ev.key === " ")) { ev.preventDefault(); showNotes(m); }
  });

  if (location.hash.length > 1) {
    var first = reveal(decodeURIComponent(location.hash.slice(1)));
    if (first) { first.scrollIntoView({ block: "start" }); }
  }
  apply();
})();
