// Optional: filter and search the cases. The page is complete without it.
// A link ending in #q=TEXT opens the page filtered by TEXT.
(function () {
  document.documentElement.className += " js";
  var search = document.getElementById("search");
  var boxes = document.querySelectorAll("input[data-verdict]");
  function apply() {
    var text = (search.value || "").toLowerCase();
    var shown = {};
    boxes.forEach(function (b) { shown[b.getAttribute("data-verdict")] = b.checked; });
    document.querySelectorAll("[data-v]").forEach(function (row) {
      var ok = shown[row.getAttribute("data-v")] !== false &&
        row.textContent.toLowerCase().indexOf(text) !== -1;
      row.classList.toggle("hidden", !ok);
    });
  }
  search.addEventListener("input", apply);
  boxes.forEach(function (b) { b.addEventListener("change", apply); });
  var hash = window.location.hash;
  if (hash.indexOf("#q=") === 0) {
    search.value = decodeURIComponent(hash.slice(3));
    apply();
  }
  document.documentElement.setAttribute("data-ready", "1");
})();
