(function () {
  // Optional: the links above the list filter without a script; this adds
  // combined filtering in place. Nothing is fetched.
  var form = document.getElementById("filters-js");
  if (!form) return;
  form.hidden = false;
  var rows = document.querySelectorAll("#tasks tbody tr");
  var shown = document.getElementById("shown");
  form.addEventListener("change", function () {
    var wanted = { area: form.area.value, status: form.status.value,
                   light: form.light ? form.light.value : "" };
    var count = 0;
    rows.forEach(function (row) {
      var keep = Object.keys(wanted).every(function (key) {
        return !wanted[key] || row.dataset[key] === wanted[key];
      });
      row.hidden = !keep;
      if (keep) count += 1;
    });
    shown.textContent = count;
  });
})();
