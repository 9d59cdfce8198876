// casekit class dashboard: refresh the live part every second, without reloading the page.
// The server sends the part as HTML it has already escaped; nothing here builds markup
// from students' text.
(function () {
  "use strict";
  var live = document.getElementById("live");
  if (!live) { return; }
  var busy = false;
  function refresh() {
    if (busy) { return; }
    busy = true;
    var since = live.getAttribute("data-version") || "0";
    fetch("api/dashboard?since=" + encodeURIComponent(since), {
      credentials: "same-origin",
      headers: {"X-XSRFToken": live.getAttribute("data-xsrf") || ""}
    })
      .then(function (response) {
        if (!response.ok) { throw new Error("HTTP " + response.status); }
        return response.json();
      })
      .then(function (data) {
        if (data.html !== undefined) {
          live.innerHTML = data.html;
          live.setAttribute("data-version", String(data.version));
        }
        document.body.removeAttribute("data-stale");
      })
      .catch(function () { document.body.setAttribute("data-stale", "true"); })
      .then(function () { busy = false; });
  }
  window.setInterval(refresh, 1000);
})();
