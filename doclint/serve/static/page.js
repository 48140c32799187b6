/* doclint serve — the page's only script. Builds every element with createElement/textContent:
   document text is never parsed as HTML. Talks to this server only (CSP connect-src 'self'). */
(function () {
  "use strict";
  var T = JSON.parse(document.getElementById("i18n").textContent);
  var body = document.body;
  var MAX_MB = Number(body.getAttribute("data-max-mb")) || 20;
  var PARALLEL = Number(body.getAttribute("data-parallel")) || 2;
  var LANG = body.getAttribute("data-lang") || "vi";
  var CSRF = document.querySelector('meta[name="csrf-token"]').getAttribute("content");
  var RANK = { error: 3, warning: 2, info: 1 };
  var queue = [], items = [], active = 0, total = 0, finished = 0, nextId = 1;
  var families = {};

  function fmt(s, v) { return String(s).replace(/\{(\w+)\}/g, function (m, k) { return k in v ? v[k] : m; }); }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function $(id) { return document.getElementById(id); }
  function stage() {
    var c = document.querySelector('input[name="stage"]:checked');
    return c ? c.value : "draft";
  }

  // ------------------------------------------------------------------ choosing files
  var drop = $("drop"), input = $("files"), form = $("upload");
  form.addEventListener("submit", function (e) { e.preventDefault(); addFiles(input.files); input.value = ""; });
  input.addEventListener("change", function () { addFiles(input.files); input.value = ""; });
  ["dragenter", "dragover"].forEach(function (t) {
    drop.addEventListener(t, function (e) { e.preventDefault(); drop.classList.add("over"); });
  });
  ["dragleave", "drop"].forEach(function (t) {
    drop.addEventListener(t, function (e) { e.preventDefault(); drop.classList.remove("over"); });
  });
  drop.addEventListener("drop", function (e) { if (e.dataTransfer) addFiles(e.dataTransfer.files); });
  // a file dropped next to the box must not make the browser open it in place of the page
  window.addEventListener("dragover", function (e) { e.preventDefault(); });
  window.addEventListener("drop", function (e) { e.preventDefault(); });

  // a new stage after files were checked: offer to check the same files again
  document.querySelectorAll('input[name="stage"]').forEach(function (r) {
    r.addEventListener("change", function () { $("recheck-box").hidden = !items.length || active > 0 || queue.length > 0; });
  });
  $("recheck").addEventListener("click", function () {
    var files = items.map(function (x) { return x.file; });
    items = []; total = 0; finished = 0;
    $("results").textContent = "";
    $("recheck-box").hidden = true;
    addFiles(files);
  });

  function addFiles(list) {
    if (!list || !list.length) return;
    for (var i = 0; i < list.length; i++) {
      var item = { id: nextId++, file: list[i], stage: stage(), tries: 0, data: null };
      item.card = placeholder(item);
      $("results").appendChild(item.card);
      items.push(item);
      queue.push(item);
      total++;
    }
    $("progress-box").hidden = false;
    progress();
    pump();
  }

  function progress() {
    $("progress").max = Math.max(total, 1);
    $("progress").value = finished;
    $("progress-text").textContent = fmt(T.progress, { done: finished, total: total });
  }

  function pump() {
    while (active < PARALLEL && queue.length) { active++; start(queue.shift()); }
  }

  function done(item) {
    active--; finished++; progress(); pump();
    $("filters").hidden = false;
    $("all-downloads").hidden = !items.some(function (x) { return x.data; });
    applyFilters();
  }

  function placeholder(item) {
    var card = el("article", "doc");
    card.setAttribute("data-id", item.id);
    var head = el("div", "doc-head");
    head.appendChild(el("h3", "doc-name", item.file.name));
    item.statusEl = el("span", "verdict wait", T.waiting);
    head.appendChild(item.statusEl);
    card.appendChild(head);
    return card;
  }

  // ------------------------------------------------------------------ sending
  function start(item) {
    if (item.file.size > MAX_MB * 1048576) {
      showError(item, fmt(T.too_big_local, { mb: MAX_MB }));
      done(item);
      return;
    }
    var xhr = new XMLHttpRequest();
    xhr.open("POST", "/ui/check");
    xhr.setRequestHeader("X-CSRF-Token", CSRF);
    xhr.responseType = "json";
    xhr.upload.onprogress = function (e) {
      if (e.lengthComputable) item.statusEl.textContent = fmt(T.uploading, { pct: Math.round(100 * e.loaded / e.total) });
    };
    xhr.upload.onload = function () { item.statusEl.textContent = T.checking; };
    xhr.onload = function () {
      var r = xhr.response;
      if (xhr.status === 429 && item.tries < 20) {
        item.tries++;
        var wait = Math.min(Number(xhr.getResponseHeader("Retry-After")) || 3, 30);
        item.statusEl.textContent = fmt(T.retrying, { s: wait });
        setTimeout(function () { start(item); }, wait * 1000);
        return;
      }
      if (xhr.status === 200 && r && r.documents && r.documents.length) {
        render(item, r.documents[0], r.notes || []);
      } else {
        var msg = r && r.error ? r.error.message : ("HTTP " + xhr.status);
        showError(item, fmt(T.failed_request, { msg: msg }));
      }
      done(item);
    };
    xhr.onerror = function () { showError(item, fmt(T.failed_request, { msg: T.network })); done(item); };
    var fd = new FormData();
    fd.append("stage", item.stage);
    fd.append("lang", LANG);
    fd.append("files", item.file, item.file.name);
    xhr.send(fd);
  }

  function showError(item, message) {
    item.statusEl.className = "verdict fail";
    item.statusEl.textContent = T.unreadable;
    item.card.setAttribute("data-status", "fail");
    var p = el("p", "doc-error", message);
    p.setAttribute("role", "alert");
    item.card.appendChild(p);
  }

  // ------------------------------------------------------------------ showing a result
  function render(item, d, notes) {
    item.data = d;
    var card = item.card;
    card.setAttribute("data-status", d.status);
    item.statusEl.className = "verdict " + d.status;
    item.statusEl.textContent = T[d.status] + (d.error ? " — " + T.unreadable : "");
    var meta = el("span", "meta");
    var bits = [d.findings.length + " " + T.findings];
    if (d.doc_type_label) bits.push(T.type + ": " + d.doc_type_label);
    bits.push(T.stage_used + ": " + d.stage_label);
    bits.push(fmt(T.seconds, { s: d.seconds }));
    meta.textContent = bits.join(" · ");
    card.querySelector(".doc-head").appendChild(meta);
    notes.forEach(function (n) { card.appendChild(el("p", "hint", n)); });
    if (d.error) card.appendChild(el("p", "doc-error", d.error.code + " — " + d.error.message));
    card.appendChild(downloads(d));
    var blocks = (d.view && d.view.blocks) || [];
    var byIndex = {};
    blocks.forEach(function (b) { byIndex[b.i] = b; });
    if (!d.findings.length && !d.error) card.appendChild(el("p", "", T.no_findings));
    var list = el("ol", "findings");
    d.findings.forEach(function (f, n) {
      families[f.family] = f.family_label || f.family;
      list.appendChild(findingItem(item, f, n, byIndex));
    });
    card.appendChild(list);
    if (blocks.length) card.appendChild(fullText(item, d, blocks));
    if (d.view && d.view.checklist && d.view.checklist.length) card.appendChild(checklist(d.view.checklist));
    familyOptions();
  }

  function downloads(d) {
    var box = el("div", "downloads");
    box.appendChild(el("span", "", T.downloads));
    var order = ["html", "docx", "fixed", "json", "csv", "xlsx"];
    var have = {};
    (d.downloads || []).forEach(function (x) { have[x.key] = x; });
    order.forEach(function (key) {
      var x = have[key];
      if (!x) {
        if (key === "fixed" && have.docx) box.appendChild(el("span", "hint", T.d_fixed_none));
        return;
      }
      var a = el("a", "", T["d_" + key] || key);
      a.href = URL.createObjectURL(new Blob([b64(x.data)], { type: x.type }));
      a.setAttribute("download", x.name);
      a.setAttribute("data-download", key);
      box.appendChild(a);
    });
    return box;
  }

  function b64(s) {
    var bin = atob(s), out = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  }

  function where(f) {
    var loc = f.location || {}, parts = [];
    if (loc.page) parts.push(T.page + " " + loc.page);
    if (loc.block !== undefined && loc.block !== null) parts.push(T.para + " " + (loc.block + 1));
    return parts.join(", ");
  }

  function findingItem(item, f, n, byIndex) {
    var li = el("li", f.severity);
    li.id = "f-" + item.id + "-" + n;
    li.setAttribute("data-severity", f.severity);
    li.setAttribute("data-family", f.family);
    li.setAttribute("data-code", f.code);
    li.setAttribute("data-search", [f.code, f.name, f.message, f.excerpt || "", f.suggestion || ""].join(" ").toLowerCase());
    var head = el("div");
    head.appendChild(el("span", "badge sev-" + f.severity, T[f.severity]));
    head.appendChild(document.createTextNode(" "));
    head.appendChild(el("span", "code", f.code));
    head.appendChild(document.createTextNode(" " + f.message));
    var w = where(f);
    if (w) head.appendChild(el("span", "meta", " (" + w + ")"));
    li.appendChild(head);
    var loc = f.location || {};
    var block = byIndex[loc.block];
    if (block && block.text) li.appendChild(context(block.text, loc, f.severity, item.id + "-" + n));
    else if (f.excerpt) li.appendChild(el("p", "context", f.excerpt));
    if (f.suggestion) li.appendChild(el("p", "suggest", T.suggest + ": " + f.suggestion));
    if (f.basis) li.appendChild(el("p", "basis", T.basis + ": " + f.basis));
    return li;
  }

  function context(text, loc, sev, key) {
    var p = el("p", "context");
    var s = loc.start, e = loc.end;
    if (s === undefined || e === undefined || s === null || e === null || e <= s || e > text.length) {
      p.textContent = text.length > 240 ? text.slice(0, 240) + "…" : text;
      return p;
    }
    var a = Math.max(0, s - 90), b = Math.min(text.length, e + 90);
    p.appendChild(document.createTextNode((a > 0 ? "…" : "") + text.slice(a, s)));
    var m = el("mark", sev, text.slice(s, e));
    m.setAttribute("data-finding", key);
    p.appendChild(m);
    p.appendChild(document.createTextNode(text.slice(e, b) + (b < text.length ? "…" : "")));
    return p;
  }

  function fullText(item, d, blocks) {
    var det = el("details", "fulltext");
    det.appendChild(el("summary", "", T.full_text));
    var spans = {};
    d.findings.forEach(function (f, n) {
      var loc = f.location || {};
      if (loc.block === undefined || loc.block === null) return;
      (spans[loc.block] = spans[loc.block] || []).push({ s: loc.start, e: loc.end, sev: f.severity, key: item.id + "-" + n });
    });
    blocks.forEach(function (b) {
      if (!b.text) return;
      var p = el("p", spans[b.i] ? "hl" : "");
      segments(p, b.text, spans[b.i] || []);
      det.appendChild(p);
    });
    det.addEventListener("click", function (e) {
      var m = e.target.closest("mark");
      if (!m) return;
      var li = document.getElementById("f-" + m.getAttribute("data-finding").split(" ")[0]);
      if (li) { li.classList.add("focus"); li.scrollIntoView({ block: "center" }); setTimeout(function () { li.classList.remove("focus"); }, 2000); }
    });
    return det;
  }

  function segments(p, text, spans) {
    var cuts = [0, text.length];
    spans.forEach(function (x) {
      if (x.s === null || x.s === undefined || x.e === null || x.e === undefined || x.e <= x.s) return;
      cuts.push(Math.max(0, Math.min(text.length, x.s)), Math.max(0, Math.min(text.length, x.e)));
    });
    cuts = cuts.filter(function (v, i, a) { return a.indexOf(v) === i; }).sort(function (a, b) { return a - b; });
    for (var i = 0; i + 1 < cuts.length; i++) {
      var a = cuts[i], b = cuts[i + 1], cover = spans.filter(function (x) { return x.s <= a && x.e >= b && x.e > x.s; });
      var piece = text.slice(a, b);
      if (!cover.length) { p.appendChild(document.createTextNode(piece)); continue; }
      var worst = cover.reduce(function (m, x) { return RANK[x.sev] > RANK[m.sev] ? x : m; }, cover[0]);
      var mark = el("mark", worst.sev, piece);
      mark.setAttribute("data-finding", cover.map(function (x) { return x.key; }).join(" "));
      p.appendChild(mark);
    }
  }

  function checklist(items) {
    var det = el("details", "");
    det.appendChild(el("summary", "", T.components));
    var ul = el("ul", "checklist");
    items.forEach(function (c) {
      var li = el("li", c.found ? "yes" : "no", (c.found ? "✔ " : "✘ ") + c.name + (c.text ? ": " + c.text : ""));
      ul.appendChild(li);
    });
    det.appendChild(ul);
    return det;
  }

  // ------------------------------------------------------------------ filters
  function familyOptions() {
    var sel = $("f-family"), have = {};
    for (var i = 1; i < sel.options.length; i++) have[sel.options[i].value] = true;
    Object.keys(families).sort().forEach(function (k) {
      if (have[k]) return;
      var o = el("option", "", k + " — " + families[k]);
      o.value = k;
      sel.appendChild(o);
    });
  }

  function applyFilters() {
    var status = $("f-status").value, fam = $("f-family").value, q = $("f-text").value.trim().toLowerCase();
    var sev = {};
    document.querySelectorAll(".f-sev").forEach(function (c) { sev[c.value] = c.checked; });
    var shown = 0;
    items.forEach(function (item) {
      var st = item.card.getAttribute("data-status");
      item.card.hidden = !!(status && st && st !== status);
      item.card.querySelectorAll("ol.findings > li").forEach(function (li) {
        var ok = sev[li.getAttribute("data-severity")] !== false &&
          (!fam || li.getAttribute("data-family") === fam) &&
          (!q || li.getAttribute("data-search").indexOf(q) >= 0);
        li.hidden = !ok;
        if (ok && !item.card.hidden) shown++;
      });
    });
    $("shown").textContent = fmt(T.shown, { n: shown });
  }
  ["f-status", "f-family"].forEach(function (id) { $(id).addEventListener("change", applyFilters); });
  $("f-text").addEventListener("input", applyFilters);
  document.querySelectorAll(".f-sev").forEach(function (c) { c.addEventListener("change", applyFilters); });

  // ------------------------------------------------------------------ every file at once
  document.querySelectorAll("[data-all]").forEach(function (b) {
    b.addEventListener("click", function () { saveAll(b.getAttribute("data-all")); });
  });

  // one report of every file: the files are sent again (the server keeps nothing between requests)
  document.querySelectorAll("[data-report]").forEach(function (b) {
    b.addEventListener("click", function () { combinedReport(b.getAttribute("data-report")); });
  });

  function combinedReport(format) {
    var done = items.filter(function (x) { return x.data; });
    var status = $("report-status"), max = Number(body.getAttribute("data-max-files")) || 20;
    if (!done.length) return;
    if (done.length > max) { status.textContent = fmt(T.report_too_many, { n: max }); return; }
    status.textContent = fmt(T.report_making, { n: done.length });
    var fd = new FormData();
    fd.append("stage", done[0].stage);
    fd.append("lang", LANG);
    done.forEach(function (x) { fd.append("files", x.file, x.file.name); });
    var xhr = new XMLHttpRequest();
    xhr.open("POST", "/ui/report?format=" + encodeURIComponent(format) + "&lang=" + LANG);
    xhr.setRequestHeader("X-CSRF-Token", CSRF);
    xhr.responseType = "blob";
    xhr.onload = function () {
      if (xhr.status !== 200) {
        xhr.response.text().then(function (t) {
          var msg = "HTTP " + xhr.status;
          try { msg = JSON.parse(t).error.message; } catch (e) { /* not JSON */ }
          status.textContent = fmt(T.failed_request, { msg: msg });
        });
        return;
      }
      status.textContent = "";
      var a = el("a");
      a.href = URL.createObjectURL(xhr.response);
      a.download = filename(xhr.getResponseHeader("Content-Disposition")) || ("doclint." + format);
      document.body.appendChild(a);
      a.click();
      a.remove();
    };
    xhr.onerror = function () { status.textContent = fmt(T.failed_request, { msg: T.network }); };
    xhr.send(fd);
  }

  function filename(disposition) {
    var m = /filename\*=UTF-8''([^;]+)/i.exec(disposition || "");
    if (m) { try { return decodeURIComponent(m[1]); } catch (e) { /* fall through */ } }
    m = /filename="([^"]+)"/i.exec(disposition || "");
    return m ? m[1] : null;
  }

  function saveAll(kind) {
    var got = items.filter(function (x) { return x.data; }).map(function (x) { return x.data; });
    if (!got.length) return;
    var blob, name;
    if (kind === "json") {
      var files = got.map(function (d) { return d.entry; });
      var summary = { files: files.length, unreadable: 0, error: 0, warning: 0, info: 0 };
      files.forEach(function (f) {
        if (f.error) summary.unreadable++;
        f.findings.forEach(function (x) { summary[x.severity || "info"]++; });
      });
      var doc = { schema: 1, tool: got[0].tool, files: files, summary: summary };
      blob = new Blob([JSON.stringify(doc, null, 2) + "\n"], { type: "application/json" });
      name = "doclint.json";
    } else {
      var dec = new TextDecoder("utf-8"), parts = [];
      got.forEach(function (d, n) {
        var csv = (d.downloads || []).filter(function (x) { return x.key === "csv"; })[0];
        if (!csv) return;
        var text = dec.decode(b64(csv.data)).replace(/^\uFEFF/, "");
        if (parts.length) text = text.slice(text.indexOf("\n") + 1);
        parts.push(text);
      });
      blob = new Blob(["\uFEFF" + parts.join("")], { type: "text/csv;charset=utf-8" });
      name = "doclint.csv";
    }
    var a = el("a");
    a.href = URL.createObjectURL(blob);
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
  }

  // printing shows everything: the full texts open, the filters' choices kept
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details").forEach(function (d) { d.setAttribute("data-was", d.open ? "1" : ""); d.open = true; });
  });
  window.addEventListener("afterprint", function () {
    document.querySelectorAll("details").forEach(function (d) { d.open = d.getAttribute("data-was") === "1"; });
  });
})();
