// "Copy the address": puts a read-only field's text on the clipboard. Without JavaScript the
// field can still be selected and copied by hand, so the button stays hidden until this runs.
document.querySelectorAll("button[data-copy]").forEach(function (button) {
  var field = document.getElementById(button.dataset.copy);
  var status = document.getElementById(button.dataset.copyStatus);
  if (!field) {
    return;
  }
  function copied() {
    if (status) {
      status.textContent = button.dataset.copiedText;
    }
  }
  function copyBySelection() {
    field.focus();
    field.select();
    if (document.execCommand("copy")) {
      copied();
    }
  }
  button.hidden = false;
  button.addEventListener("click", function () {
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(field.value).then(copied, copyBySelection);
    } else {
      copyBySelection();
    }
  });
});
