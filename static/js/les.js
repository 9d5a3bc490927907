/* Knowledge checks give their feedback in place: "Controleer mijn antwoord" fetches the same
   page with the learner's choice (the plain GET the form makes without this script) and swaps
   in only this check's section, so what the learner typed elsewhere on the page (a reflection,
   a case answer) stays where it is. */
document.querySelectorAll(".knowledge-check form").forEach(function (form) {
  form.addEventListener("submit", function (event) {
    var section = form.closest(".knowledge-check");
    if (!section || !window.fetch) { return; }
    event.preventDefault();
    var query = new URLSearchParams(new FormData(form)).toString();
    fetch(window.location.pathname + "?" + query, { credentials: "same-origin" })
      .then(function (response) { return response.text(); })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, "text/html").getElementById(section.id);
        if (!fresh) { form.submit(); return; }
        var feedback = fresh.querySelector(".check-feedback");
        var old = section.querySelector(".check-feedback");
        if (old) { old.remove(); }
        if (feedback) {
          form.insertAdjacentElement("afterend", feedback);
          feedback.setAttribute("tabindex", "-1");
          feedback.focus();
        }
      })
      .catch(function () { form.submit(); });
  });
});
