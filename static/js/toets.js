/* A question with "one or more" answers (checkboxes) is required as a group, which HTML
   cannot say: while no box of the group is ticked, every box is marked required, so the
   browser asks for at least one answer, not for all. Radio buttons carry `required` in the
   HTML itself; the server refuses an incomplete submission in any case. */
document.querySelectorAll("fieldset[data-one-or-more]").forEach(function (group) {
  var boxes = group.querySelectorAll("input[type=checkbox]");
  function update() {
    var any = Array.prototype.some.call(boxes, function (box) { return box.checked; });
    boxes.forEach(function (box) { box.required = !any; });
  }
  boxes.forEach(function (box) { box.addEventListener("change", update); });
  update();
});
