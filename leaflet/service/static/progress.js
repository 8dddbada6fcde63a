// Progressive enhancement for the progress page: ask the server every few seconds whether the
// file is ready, and load the page again when it is (the page then shows the download).
// Without this script the page still works: its "Check if my file is ready" link does the same.
(function () {
  "use strict";
  var box = document.getElementById("progress");
  if (!box || !window.fetch) { return; }
  var address = box.getAttribute("data-status");
  var asked = 0;
  function ask() {
    asked += 1;
    fetch(address, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) {
        if (response.status === 202 || response.status === 503) {
          if (asked === 10) {
            var note = document.createElement("p");
            note.textContent = "Still working. Audio files take the longest.";
            box.appendChild(note);
          }
          window.setTimeout(ask, 2000);
          return;
        }
        box.textContent = response.status === 200 ? "Your file is ready. Loading the download." : "Something went wrong. Loading the details.";
        window.location.reload();
      })
      .catch(function () { window.setTimeout(ask, 5000); });
  }
  window.setTimeout(ask, 1500);
})();
