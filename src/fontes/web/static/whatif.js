// The what-if panel: gather the reader's changes, ask the server to weigh them, redraw in place.
(function () {
  "use strict";
  var panel = document.getElementById("whatif");
  var dataNode = document.getElementById("whatif-data");
  if (!panel || !dataNode) { return; }
  var data = JSON.parse(dataNode.textContent);
  var token = document.querySelector('meta[name="fontes-token"]').content;
  var base = "/questions/" + encodeURIComponent(data.question);
  var schoolSelect = document.getElementById("whatif-school");
  var status = document.getElementById("whatif-status");
  var rows = Array.prototype.slice.call(document.querySelectorAll("#evidence-table tbody tr[data-item]"));
  var priorInputs = Array.prototype.slice.call(panel.querySelectorAll("input.prior"));
  var sequence = 0;
  var timer = null;
  var inFlight = null;

  function shown(x) { return String(Number(Number(x).toPrecision(6))); }
  function db(x) { return (x >= 0 ? "+" : "") + x.toFixed(1) + " dB"; }

  function markChanged(input) {
    input.classList.toggle("changed", input.value !== input.dataset.base);
  }

  // The changes as the server reads them: {school, priors?, items: {id: {likelihoods, credibility, off}}}.
  function request() {
    var problems = [];
    var body = { school: schoolSelect.value, page_school: data.school, items: {} };
    if (priorInputs.some(function (i) { return i.value !== i.dataset.base; })) {
      body.priors = {};
      priorInputs.forEach(function (i) {
        var x = Number(i.value);
        if (i.value === "" || !(x > 0) || !isFinite(x)) { problems.push("prior of " + i.dataset.h); }
        body.priors[i.dataset.h] = x;
      });
    }
    rows.forEach(function (row) {
      var id = row.dataset.item;
      var change = {};
      if (!row.querySelector("input.use").checked) { change.off = true; }
      var cred = row.querySelector("input.cred");
      if (cred.value !== cred.dataset.base) {
        var c = Number(cred.value);
        if (cred.value === "" || !(c >= 0 && c <= 1)) { problems.push("credibility of " + id); }
        change.credibility = c;
      }
      row.querySelectorAll("input.lik").forEach(function (input) {
        if (input.value === input.dataset.base) { return; }
        var x = Number(input.value);
        if (input.value === "" || !(x > 0 && x <= 1)) { problems.push("P(" + id + " | " + input.dataset.h + ")"); }
        change.likelihoods = change.likelihoods || {};
        change.likelihoods[input.dataset.h] = x;
      });
      if (Object.keys(change).length) { body.items[id] = change; }
    });
    return { body: body, problems: problems };
  }

  function say(node, text, isError) {
    node.textContent = text;
    node.classList.toggle("error", !!isError);
  }

  function post(path, body, signal) {
    return fetch(path, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-Fontes-Token": token },
      body: JSON.stringify(body),
      signal: signal
    }).then(function (response) {
      return response.json().then(function (payload) {
        if (!response.ok) {
          var message = payload.error || ("the server answered " + response.status);
          if (payload.field) { message = payload.field + ": " + message; }
          if (payload.hint) { message += " (" + payload.hint + ")"; }
          throw new Error(message);
        }
        return payload;
      });
    });
  }

  function recompute() {
    var asked = request();
    if (asked.problems.length) {
      say(status, "Not weighed: give a valid number for " + asked.problems.join(", ") +
          " (likelihoods above 0 and at most 1, credibility 0 to 1, priors above 0).", true);
      return;
    }
    if (inFlight) { inFlight.abort(); }
    inFlight = new AbortController();
    var mine = ++sequence;
    say(status, "Weighing…");
    post(base + "/what-if", asked.body, inFlight.signal).then(function (payload) {
      if (mine !== sequence) { return; }
      show(payload);
    }).catch(function (error) {
      if (error.name === "AbortError" || mine !== sequence) { return; }
      say(status, "Not weighed: " + error.message, true);
    });
  }

  function show(payload) {
    Object.keys(payload.html).forEach(function (name) {
      var node = document.querySelector('[data-fragment="' + name + '"]');
      if (node) { node.innerHTML = payload.html[name]; }  // server-rendered, every text escaped
    });
    var weights = {};
    payload.verdict.evidence.forEach(function (e) { weights[e.id] = e; });
    rows.forEach(function (row) {
      var e = weights[row.dataset.item];
      row.classList.toggle("is-off", !e);
      row.querySelector('[data-field="weight"]').textContent = e ? db(e.weight_db) : "off";
      var badges = row.querySelector('[data-field="status"]');
      badges.textContent = "";
      if (e && e.pivotal) { badges.appendChild(badge("pivotal", "◆ pivotal")); }
      if (e && !e.counted) { badges.appendChild(badge("corroborating", "▨ corroborates")); }
      if (!e) { badges.appendChild(badge("off", "switched off")); }
      row.querySelectorAll("[data-ach]").forEach(function (cell) {
        var rating = e ? (e.ach[cell.dataset.ach] || "") : "–";
        cell.textContent = rating;
        cell.className = "ach ach-" + rating;
      });
    });
    say(status, payload.status);  // the words are the server's: what changed, the leader, the cost
  }

  function badge(kind, text) {
    var span = document.createElement("span");
    span.className = "badge " + kind;
    span.textContent = text;
    return span;
  }

  function soon() {
    clearTimeout(timer);
    timer = setTimeout(recompute, 150);
  }

  document.getElementById("evidence-table").addEventListener("input", function (event) {
    if (event.target.matches("input.num")) { markChanged(event.target); }
    soon();
  });
  priorInputs.forEach(function (input) {
    input.addEventListener("input", function () { markChanged(input); soon(); });
  });
  schoolSelect.addEventListener("change", function () {
    var priors = data.priors[schoolSelect.value] || {};
    priorInputs.forEach(function (input) {
      var value = shown(priors[input.dataset.h]);
      input.value = value;
      input.dataset.base = value;
      markChanged(input);
    });
    soon();
  });
  document.getElementById("whatif-reset").addEventListener("click", function () {
    schoolSelect.value = data.school;
    var priors = data.priors[data.school] || {};
    priorInputs.forEach(function (input) {
      input.value = input.dataset.base = shown(priors[input.dataset.h]);
      markChanged(input);
    });
    rows.forEach(function (row) {
      row.querySelector("input.use").checked = true;
      row.querySelectorAll("input.num").forEach(function (input) {
        input.value = input.dataset.base;
        markChanged(input);
      });
    });
    recompute();
  });
  document.getElementById("save-button").addEventListener("click", function () {
    var saveStatus = document.getElementById("save-status");
    var asked = request();
    if (asked.problems.length) {
      say(saveStatus, "Not saved: give a valid number for " + asked.problems.join(", ") + ".", true);
      return;
    }
    asked.body.name = document.getElementById("save-name").value.trim();
    say(saveStatus, "Saving…");
    post(base + "/save", asked.body).then(function (payload) {
      say(saveStatus, "Saved as a new case in " + payload.path + " (open it with fontes serve --case).");
    }).catch(function (error) {
      say(saveStatus, "Not saved: " + error.message, true);
    });
  });
}());

// The evidence table's filter: rows whose id, source and words lack the typed text are hidden, so
// the keyboard passes only through the items chosen. Without script the box stays hidden.
(function () {
  "use strict";
  var box = document.getElementById("evidence-filter-box");
  var table = document.getElementById("evidence-table");
  if (!box || !table) { return; }
  var input = document.getElementById("evidence-filter");
  var count = document.getElementById("evidence-filter-count");
  var rows = Array.prototype.slice.call(table.querySelectorAll("tbody tr[data-item]"));
  var texts = rows.map(function (row) { return row.cells[0].textContent.toLowerCase(); });
  box.hidden = false;
  function apply() {
    var words = input.value.trim().toLowerCase();
    var shown = 0;
    rows.forEach(function (row, n) {
      var keep = !words || texts[n].indexOf(words) >= 0;
      row.hidden = !keep;
      if (keep) { shown += 1; }
    });
    count.textContent = words ? shown + " of " + rows.length + " items shown" : "";
  }
  input.addEventListener("input", apply);
  apply();
}());
