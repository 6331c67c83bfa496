// Uploads the chosen fichas one by one so the technical unit sees each file's outcome as it
// arrives and a progress bar. Without JavaScript the form posts all files at once and the page
// lists the outcomes: the server does the same work either way.
(function () {
  "use strict";
  var form = document.querySelector("form[data-bulk-upload]");
  if (!form || !window.FormData || !window.XMLHttpRequest) { return; }
  var input = form.querySelector("input[type=file]");
  var campaign = form.querySelector("select[name=campaign]");
  var token = form.querySelector("input[name=csrfmiddlewaretoken]").value;
  var section = document.getElementById("upload-progress");
  var bar = document.getElementById("upload-progress-bar");
  var status = document.getElementById("upload-progress-status");
  var list = document.getElementById("upload-progress-results");
  var button = form.querySelector("button[type=submit]");

  function say(template, done, total) {
    status.textContent = template.replace("{done}", done).replace("{total}", total);
  }

  function addResult(name, result) {
    var item = document.createElement("li");
    item.className = result.ok ? "ok" : "error";
    var label = document.createElement("strong");
    label.textContent = name + ": ";
    item.appendChild(label);
    item.appendChild(document.createTextNode(result.message || ""));
    if (result.url) {
      var link = document.createElement("a");
      link.href = result.url;
      link.textContent = " ↗";
      link.setAttribute("aria-label", name);
      item.appendChild(link);
    }
    list.appendChild(item);
  }

  function send(file, onProgress, onDone) {
    var data = new FormData();
    data.append("csrfmiddlewaretoken", token);
    data.append("files", file, file.name);
    if (campaign && campaign.value) { data.append("campaign", campaign.value); }
    var request = new XMLHttpRequest();
    request.open("POST", form.action || window.location.href);
    request.setRequestHeader("Accept", "application/json");
    request.upload.onprogress = function (event) {
      if (event.lengthComputable) { onProgress(event.loaded / event.total); }
    };
    request.onload = function () {
      var result;
      try { result = JSON.parse(request.responseText); } catch (error) { result = null; }
      onDone(result);
    };
    request.onerror = function () { onDone(null); };
    request.send(data);
  }

  form.addEventListener("submit", function (event) {
    var files = Array.prototype.slice.call(input.files || []);
    if (files.length === 0) { return; }  // let the server say the field is required
    event.preventDefault();
    button.disabled = true;
    section.hidden = false;
    list.textContent = "";
    bar.max = files.length;
    bar.value = 0;
    var index = 0;
    (function next() {
      if (index >= files.length) {
        status.textContent = status.dataset.finished;
        button.disabled = false;
        input.value = "";
        return;
      }
      var file = files[index];
      say(status.dataset.template, index + 1, files.length);
      send(file, function (fraction) { bar.value = index + fraction; }, function (result) {
        if (result === null) {
          status.textContent = status.dataset.failed;
          button.disabled = false;
          return;
        }
        addResult(file.name, result);
        index += 1;
        bar.value = index;
        next();
      });
    })();
  });
})();
