// Asks before a page is left while a form marked `data-unsaved-warning` holds changes that
// were not saved: a long text typed and then a link clicked would otherwise be lost.
// Loaded deferred on every page (no inline script: the Content-Security-Policy forbids it);
// pages without a marked form are left alone.
(function () {
  "use strict";
  var forms = document.querySelectorAll("form[data-unsaved-warning]");
  if (forms.length === 0) {
    return;
  }
  var changed = new Set();
  forms.forEach(function (form) {
    var markChanged = function () {
      changed.add(form);
    };
    form.addEventListener("input", markChanged);
    form.addEventListener("change", markChanged);
    // Saving is what the person wants: no question on the way to the next page.
    form.addEventListener("submit", function () {
      changed.delete(form);
    });
    form.addEventListener("reset", function () {
      changed.delete(form);
    });
  });
  window.addEventListener("beforeunload", function (event) {
    if (changed.size === 0) {
      return;
    }
    // Browsers show their own question, in the browser's language; the text is not used.
    event.preventDefault();
    event.returnValue = "";
  });
})();
