/* Inside the package's sandboxed frame: the SCORM API the package looks for (window.API for
   SCORM 1.2, window.API_1484_11 for 2004) is scorm-again's cross-frame client, which forwards
   every call to the lesson page by postMessage. Its cache starts with where the learner left,
   so a package that reads its location right after initialising finds it. */
(function () {
  "use strict";
  var cacheElement = document.getElementById("lp-scorm-cache");
  // Post only to the lesson page of our own site, whoever else might frame this document.
  var parentOrigin = (cacheElement && cacheElement.dataset.parent) || "*";
  var api = new window.CrossFrameAPI(parentOrigin, window.parent);
  if (cacheElement) {
    var values = JSON.parse(cacheElement.textContent);
    Object.keys(values).forEach(function (key) {
      api._cache.set(key, String(values[key]));
    });
  }
  window.API = api;
  window.API_1484_11 = api;
})();
