/* On the lesson page: the real SCORM runtime (scorm-again) for the package in the sandboxed
   frame, reached only by that frame's messages. Whatever the package sets is committed to the
   server with the learner's session: when the package commits or finishes, every 30 seconds
   while something changed, and when the page is hidden or closed (fetch with keepalive), so
   closing the tab loses nothing the package had already told us. */
(function () {
  "use strict";
  var configElement = document.getElementById("lp-scorm-config");
  var frame = document.getElementById("lp-scorm-frame");
  if (!configElement || !frame) return;
  var config = JSON.parse(configElement.textContent);
  var is12 = config.version === "1.2";
  var Api = is12 ? window.Scorm12API : window.Scorm2004API;
  var api = new Api({ autocommit: false, lmsCommitUrl: false, logLevel: 5 });
  api.loadFromFlattenedJSON(config.cmi, "");
  window.lpScormApi = api;

  // Only the package's own frame may drive the API: drop every other window's message before
  // scorm-again's listener (registered next) sees it.
  window.addEventListener("message", function (event) {
    if (event.source !== frame.contentWindow) event.stopImmediatePropagation();
  });
  new window.CrossFrameLMS(api, "*");

  var session = (window.crypto && window.crypto.randomUUID)
    ? window.crypto.randomUUID()
    : String(Date.now()) + Math.random().toString(16).slice(2);
  var sequence = config.sequence;
  var dirty = false;
  var status = document.getElementById("lp-scorm-saved");

  function pick(tree, path) {
    var value = path.split(".").reduce(function (node, key) {
      return node && typeof node === "object" ? node[key] : undefined;
    }, tree);
    return value === undefined || value === null ? "" : String(value);
  }

  function snapshot() {
    var cmi = api.renderCMIToJSONObject();
    if (cmi && cmi.cmi) cmi = cmi.cmi;
    if (is12) {
      return {
        location: pick(cmi, "core.lesson_location"),
        suspend_data: pick(cmi, "suspend_data"),
        lesson_status: pick(cmi, "core.lesson_status"),
        score_raw: pick(cmi, "core.score.raw"),
        score_min: pick(cmi, "core.score.min"),
        score_max: pick(cmi, "core.score.max"),
        session_time: pick(cmi, "core.session_time"),
      };
    }
    return {
      location: pick(cmi, "location"),
      suspend_data: pick(cmi, "suspend_data"),
      completion_status: pick(cmi, "completion_status"),
      success_status: pick(cmi, "success_status"),
      score_scaled: pick(cmi, "score.scaled"),
      score_raw: pick(cmi, "score.raw"),
      score_min: pick(cmi, "score.min"),
      score_max: pick(cmi, "score.max"),
      session_time: pick(cmi, "session_time"),
    };
  }

  function send(keepalive) {
    if (!dirty) return;
    dirty = false;
    sequence = Math.max(sequence + 1, Date.now());
    var body = JSON.stringify({ sequence: sequence, session: session, cmi: snapshot() });
    fetch(config.commitUrl, {
      method: "POST",
      keepalive: keepalive,
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": config.csrf },
      body: body,
    })
      .then(function (response) {
        return response.json().then(function (data) {
          if (!response.ok) throw new Error(data.error || "");
          return data;
        });
      })
      .then(function (data) {
        document.body.dataset.scormSaved = String(sequence);
        if (status) status.textContent = data.completed ? "Les afgerond en bewaard." : "Voortgang bewaard.";
        if (data.completed) document.body.dataset.scormCompleted = "1";
      })
      .catch(function (error) {
        dirty = true;
        if (status) status.textContent = "Voortgang nog niet bewaard. " + (error.message || "");
      });
  }

  var prefix = is12 ? "LMS" : "";
  api.on((is12 ? "LMSSetValue" : "SetValue") + ".cmi.*", function () {
    dirty = true;
  });
  api.on(prefix + "Commit", function () { send(false); });
  api.on(is12 ? "LMSFinish" : "Terminate", function () { send(false); });
  window.setInterval(function () { send(false); }, 30000);
  window.addEventListener("pagehide", function () { send(true); });
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") send(true);
  });
  // Only now load the package: a package that initialises at once must find the runtime
  // listening, or its first calls would be lost.
  frame.src = frame.dataset.src;
})();
