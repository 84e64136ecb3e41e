/// The report's only script, inlined: the log-scale toggle of the equity chart (also set by
/// opening the page as `index.html#log`) and click-to-sort on the trades table (numbers by their
/// `data-sort` key). The page is complete without it.
enum ReportScript {
    static let js = """
    (function () {
      var box = document.getElementById('log-scale');
      var figure = document.getElementById('equity-figure');
      if (box && figure) {
        box.addEventListener('change', function () { figure.classList.toggle('log', box.checked); });
        if (location.hash === '#log') { box.checked = true; figure.classList.add('log'); }
      }
      var table = document.getElementById('trades');
      if (!table) return;
      var heads = table.tHead.rows[0].cells;
      for (var c = 0; c < heads.length; c++) (function (col) {
        var asc = true;
        heads[col].addEventListener('click', function () {
          var body = table.tBodies[0];
          var rows = Array.prototype.filter.call(body.rows, function (r) { return !r.classList.contains('omitted'); });
          var numeric = heads[col].classList.contains('num');
          rows.sort(function (a, b) {
            var x = a.cells[col].getAttribute('data-sort'), y = b.cells[col].getAttribute('data-sort');
            var d = numeric ? (parseFloat(x === '' ? 'NaN' : x) || 0) - (parseFloat(y === '' ? 'NaN' : y) || 0) : (x < y ? -1 : x > y ? 1 : 0);
            return asc ? d : -d;
          });
          asc = !asc;
          var omitted = body.querySelector('tr.omitted');
          if (omitted) body.removeChild(omitted);
          rows.forEach(function (r) { body.appendChild(r); });
        });
      })(c);
    })();
    """
}
