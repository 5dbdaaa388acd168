// "Choose every entry on this page": a checkbox that only makes sense with JavaScript,
// so it stays hidden until this script shows it.
document.querySelectorAll("input[data-select-all]").forEach(function (master) {
  var boxes = document.querySelectorAll('input[type="checkbox"][name="' + master.dataset.selectAll + '"]');
  master.hidden = false;
  master.addEventListener("change", function () {
    boxes.forEach(function (box) { box.checked = master.checked; });
  });
  boxes.forEach(function (box) {
    box.addEventListener("change", function () {
      var checked = Array.prototype.filter.call(boxes, function (b) { return b.checked; }).length;
      master.checked = checked === boxes.length;
      master.indeterminate = checked > 0 && checked < boxes.length;
    });
  });
});
