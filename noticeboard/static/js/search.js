/* Suggestions under the search box while typing.
 *
 * Progressive: without this script the search box is a plain form that works.
 * With it, the box gets a native <datalist> of matching page titles from
 * /search/autocomplete/, so browsers and screen readers present the
 * suggestions their own accessible way. Choosing one fills the box; the form
 * then searches for it. At most one request per pause in typing.
 */
(function () {
  "use strict";
  if (!window.fetch) return;
  // The search box in every page's header, and the one on the search page.
  Array.prototype.forEach.call(
    document.querySelectorAll("input[data-autocomplete-url]"),
    function (input) { if ("list" in input) attach(input); }
  );

  function attach(input) {

  var list = document.createElement("datalist");
  list.id = input.id + "-suggestions";
  input.parentNode.appendChild(list);
  input.setAttribute("list", list.id);

  var url = input.getAttribute("data-autocomplete-url");
  var seen = {};
  var timer = null;
  var controller = null;

  function show(results) {
    list.textContent = "";
    results.forEach(function (result) {
      var option = document.createElement("option");
      option.value = result.title;
      option.label = result.type;
      list.appendChild(option);
    });
  }

  function suggest() {
    var query = input.value.trim();
    if (query.length < 2) { show([]); return; }
    if (seen[query]) { show(seen[query]); return; }
    if (controller) controller.abort();
    controller = window.AbortController ? new AbortController() : null;
    fetch(url + "?q=" + encodeURIComponent(query), {
      headers: { Accept: "application/json" },
      signal: controller ? controller.signal : undefined,
    })
      .then(function (response) { return response.ok ? response.json() : { results: [] }; })
      .then(function (data) { seen[query] = data.results || []; show(seen[query]); })
      .catch(function () { /* offline or aborted: the plain search still works */ });
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(suggest, 250);
  });
  }
})();
