/// The page's inline style sheet and script. No fonts, images or scripts are loaded from anywhere: system fonts only.
enum HTMLAssets {
    static let css = """
        :root { --fg: #0f172a; --muted: #64748b; --line: #e2e8f0; --bg: #f8fafc; --card: #ffffff;
          --error: #dc2626; --error-bg: #fee2e2; --warning: #b45309; --warning-bg: #fef3c7; --info: #2563eb; --info-bg: #dbeafe;
          --accent: #0f766e; --mono: ui-monospace, SFMono-Regular, Menlo, Consolas, "DejaVu Sans Mono", monospace; }
        * { box-sizing: border-box; }
        html { scroll-behavior: smooth; }
        body { margin: 0; font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--fg); background: var(--bg); }
        header.top { background: #0f172a; color: #e2e8f0; padding: 20px 32px 0; }
        header.top .brand { font-weight: 700; letter-spacing: .08em; text-transform: uppercase; font-size: 12px; color: #5eead4; }
        header.top .logo { letter-spacing: -2px; margin-right: 4px; }
        header.top h1 { margin: 4px 0 2px; font-size: 24px; font-weight: 650; color: #fff; }
        header.top .meta { margin: 0 0 14px; color: #94a3b8; }
        header.top .meta code { color: #e2e8f0; background: #1e293b; }
        nav { display: flex; gap: 4px; flex-wrap: wrap; }
        nav a { color: #cbd5e1; text-decoration: none; padding: 8px 12px; border-radius: 6px 6px 0 0; }
        nav a:hover, nav a:focus { background: var(--bg); color: var(--fg); }
        main { padding: 8px 32px 32px; max-width: 1500px; }
        section { margin-top: 24px; }
        section > section, .file section { margin-top: 0; }
        h2 { font-size: 19px; margin: 0 0 10px; padding-bottom: 6px; border-bottom: 1px solid var(--line); }
        h3 { font-size: 15px; margin: 18px 0 8px; }
        .count { display: inline-block; min-width: 24px; padding: 0 8px; border-radius: 999px; background: #e2e8f0; color: #334155; font-size: 12px; text-align: center; vertical-align: middle; }
        .muted { color: var(--muted); font-weight: normal; font-size: 13px; }
        .empty { color: var(--muted); font-style: italic; }
        code { font-family: var(--mono); font-size: 12.5px; background: #f1f5f9; padding: 1px 4px; border-radius: 4px; }
        .cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(160px, 1fr)); gap: 12px; margin-bottom: 16px; }
        .card { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 12px 16px; border-top: 4px solid #94a3b8; }
        .card .num { font-size: 28px; font-weight: 700; line-height: 1.1; }
        .card .lbl { color: var(--muted); font-size: 13px; }
        .card.sev-error { border-top-color: var(--error); } .card.sev-error .num { color: var(--error); }
        .card.sev-warning { border-top-color: #d97706; } .card.sev-warning .num { color: var(--warning); }
        .card.sev-info { border-top-color: var(--info); } .card.sev-info .num { color: var(--info); }
        table.grid { border-collapse: separate; border-spacing: 0; background: var(--card); border: 1px solid var(--line); border-radius: 10px; overflow: hidden; width: 100%; }
        table.grid caption { text-align: left; font-weight: 600; padding: 6px 0; }
        table.grid th, table.grid td { padding: 7px 10px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
        table.grid th { background: #f1f5f9; font-size: 12px; text-transform: uppercase; letter-spacing: .04em; color: #475569; white-space: nowrap; }
        table.grid tbody tr:last-child td { border-bottom: 0; }
        table.grid tbody tr:hover td { background: #f8fafc; }
        #area-table { max-width: 640px; }
        td.n, th[data-type=num] { text-align: right; font-variant-numeric: tabular-nums; }
        td.has-error { color: var(--error); font-weight: 600; } td.has-warning { color: var(--warning); font-weight: 600; } td.has-info { color: var(--info); }
        .js table.sortable th { cursor: pointer; } .js table.sortable th:hover { color: var(--fg); }
        th.asc::after { content: " ▲"; } th.desc::after { content: " ▼"; }
        .badge { display: inline-block; font-size: 11px; font-weight: 700; text-transform: uppercase; letter-spacing: .03em; padding: 1px 7px; border-radius: 999px; }
        .badge.sev-error { background: var(--error-bg); color: var(--error); }
        .badge.sev-warning { background: var(--warning-bg); color: var(--warning); }
        .badge.sev-info { background: var(--info-bg); color: var(--info); }
        .tools { position: sticky; top: 0; z-index: 5; display: flex; flex-wrap: wrap; gap: 10px; align-items: center; padding: 10px 12px; margin-bottom: 8px; background: rgba(248,250,252,.96); border: 1px solid var(--line); border-radius: 10px; }
        .tools[hidden] { display: none; }
        .tools input[type=search] { flex: 1 1 280px; padding: 7px 10px; border: 1px solid #cbd5e1; border-radius: 6px; font: inherit; }
        .tools select { padding: 6px 8px; border: 1px solid #cbd5e1; border-radius: 6px; font: inherit; background: #fff; }
        .toggle { display: inline-flex; gap: 4px; align-items: center; font-weight: 600; text-transform: capitalize; }
        .toggle.sev-error { color: var(--error); } .toggle.sev-warning { color: var(--warning); } .toggle.sev-info { color: var(--info); }
        .shown { color: var(--muted); margin-left: auto; }
        details.group { background: var(--card); border: 1px solid var(--line); border-radius: 8px; margin-bottom: 6px; }
        details.group > summary { cursor: pointer; padding: 8px 12px; list-style-position: inside; }
        details.group[open] > summary { border-bottom: 1px solid var(--line); }
        details.group .body { padding: 8px 12px 12px; }
        .times { float: right; margin-left: 12px; font-weight: 700; color: #334155; background: #f1f5f9; border-radius: 999px; padding: 0 8px; }
        code.rule { color: var(--accent); background: #f0fdfa; }
        ol.locations { margin: 8px 0 0; padding-left: 28px; max-height: 320px; overflow: auto; font-size: 13px; }
        ol.locations li { padding: 1px 0; }
        .loc { font-family: var(--mono); font-size: 12px; color: #475569; }
        .res { font-weight: 600; }
        .field { font-family: var(--mono); font-size: 11.5px; color: var(--muted); }
        .more { color: var(--muted); font-size: 13px; }
        section.file { background: var(--card); border: 1px solid var(--line); border-radius: 10px; margin: 0 0 12px; overflow: hidden; }
        h4.file-name { margin: 0; padding: 8px 12px; background: #f1f5f9; border-bottom: 1px solid var(--line); font-size: 13.5px; }
        h4.file-name .path { font-family: var(--mono); }
        .resource { padding: 6px 12px 4px; border-bottom: 1px solid #f1f5f9; }
        .resource:last-child { border-bottom: 0; }
        .res-name { font-weight: 650; margin: 2px 0 4px; }
        .spot { margin: 0 0 8px; }
        .finding { padding: 2px 0; }
        pre.excerpt { margin: 4px 0 0; padding: 6px 0; background: #0f172a; color: #e2e8f0; border-radius: 6px; font: 12px/1.45 var(--mono); overflow-x: auto; }
        pre.excerpt .ln { display: inline-block; color: #64748b; padding: 0 10px 0 12px; margin-right: 8px; border-right: 1px solid #334155; user-select: none; }
        pre.excerpt .hl { display: block; background: #7f1d1d; color: #fff; }
        pre.excerpt .hl .ln { color: #fecaca; }
        .scroll { overflow: auto; }
        ul.plain { list-style: none; margin: 0; padding: 0; }
        ul.plain li { padding: 1px 0; }
        tr.undefined td { background: #fffbeb; }
        #secret-table td:nth-child(6) { width: 42%; }
        #secret-table td:nth-child(5) { width: 24%; }
        .chips { display: flex; flex-wrap: wrap; gap: 4px; }
        .chip { display: inline-block; padding: 1px 8px; border-radius: 999px; background: var(--error-bg); color: #7f1d1d; border: 1px solid #fecaca; font-size: 12.5px; cursor: help; white-space: nowrap; }
        .chip small { font-family: var(--mono); font-size: 10.5px; opacity: .8; }
        .chip.builtin { background: #f1f5f9; color: #475569; border-color: var(--line); }
        table.matrix th span { display: inline-block; }
        table.matrix td.cell { text-align: center; white-space: nowrap; font-size: 12px; }
        table.matrix .dot { display: inline-block; width: 10px; height: 10px; border-radius: 50%; margin-right: 4px; vertical-align: -1px; }
        table.matrix .sev-error .dot { background: var(--error); } table.matrix .sev-warning .dot { background: #d97706; } table.matrix .sev-info .dot { background: var(--info); }
        table.matrix td.sev-error.cw { background: var(--error-bg); font-weight: 600; }
        table.matrix td.cell[title] { cursor: help; }
        td.subject { white-space: nowrap; font-weight: 600; } td.subject .note { font-weight: normal; font-size: 12px; color: var(--warning); }
        td.score { font-weight: 700; }
        .legend { display: flex; gap: 16px; flex-wrap: wrap; font-size: 12.5px; color: #475569; margin-bottom: 8px; }
        .legend .key::before { content: ""; display: inline-block; width: 18px; height: 12px; margin-right: 6px; vertical-align: -1px; border-radius: 3px; border: 1.5px solid #64748b; background: #fff; }
        .legend .subject::before { border-radius: 6px; border-color: #2563eb; background: #eff6ff; }
        .legend .risky::before { border-color: var(--error); background: var(--error-bg); }
        .legend .edge-risky::before { height: 0; border: 0; border-top: 3px solid var(--error); border-radius: 0; vertical-align: 3px; }
        .legend .edge-ns::before { height: 0; border: 0; border-top: 2px dashed #64748b; border-radius: 0; vertical-align: 3px; }
        p.note { background: var(--warning-bg); border: 1px solid #fcd34d; border-radius: 8px; padding: 6px 10px; font-size: 13px; }
        .graph-box { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 6px; max-height: 1200px; }
        svg.graph { display: block; font: 11.5px system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; }
        svg.graph .column-title { font-weight: 700; fill: #475569; font-size: 12px; letter-spacing: .04em; text-transform: uppercase; }
        svg.graph .node rect { fill: #fff; stroke: #94a3b8; stroke-width: 1.2; }
        svg.graph .node.c-0 rect { fill: #eff6ff; stroke: #2563eb; }
        svg.graph .node.c-1 rect { fill: #f8fafc; }
        svg.graph .node.c-4 rect { fill: #f0fdfa; stroke: #0f766e; }
        svg.graph .node.risky rect { fill: var(--error-bg); stroke: var(--error); stroke-width: 2; }
        svg.graph .node text { fill: #0f172a; }
        svg.graph .node text.detail { fill: #64748b; font-size: 10px; }
        svg.graph .node { cursor: pointer; }
        svg.graph .edge { fill: none; stroke: #94a3b8; stroke-width: 1.3; }
        svg.graph .edge.ns { stroke-dasharray: 5 3; }
        svg.graph .edge.risky { stroke: var(--error); stroke-width: 2.4; }
        svg.graph .arrowhead { fill: #94a3b8; } svg.graph .arrowhead.risky { fill: var(--error); }
        svg.graph.focus .node, svg.graph.focus .edge { opacity: .15; }
        svg.graph.focus .node.on, svg.graph.focus .edge.on { opacity: 1; }
        footer { padding: 16px 32px 32px; color: var(--muted); font-size: 12.5px; }
        [hidden] { display: none !important; }
        @media print { .tools, nav { display: none !important; } details.group { break-inside: avoid; } }

        """

    /// Filtering and sorting of the findings, sorting of tables, highlighting in the graph. Plain ES5, no globals.
    static let script = """
        (function () {
          'use strict';
          var doc = document;
          doc.documentElement.className += ' js';
          function all(selector, root) { return Array.prototype.slice.call((root || doc).querySelectorAll(selector)); }

          // Findings: text, severity and area filters; sorting of files and repeated groups.
          var tools = doc.getElementById('finding-tools');
          if (tools) {
            tools.hidden = false;
            var items = all('#findings .item');
            var texts = items.map(function (el) { return el.textContent.toLowerCase(); });
            // A collapsed group stands for data-count findings.
            var weight = items.map(function (el) { return +(el.getAttribute('data-count') || 1); });
            var total = weight.reduce(function (a, b) { return a + b; }, 0);
            var search = doc.getElementById('finding-search');
            var area = doc.getElementById('area-filter');
            var sort = doc.getElementById('finding-sort');
            var shown = doc.getElementById('finding-shown');
            var toggles = all('.sev-toggle', tools);
            var apply = function () {
              var query = search.value.trim().toLowerCase();
              var severities = {};
              toggles.forEach(function (t) { severities[t.value] = t.checked; });
              var count = 0;
              items.forEach(function (el, i) {
                var ok = severities[el.getAttribute('data-sev')] && (!area.value || el.getAttribute('data-area') === area.value) &&
                  (!query || texts[i].indexOf(query) >= 0);
                el.hidden = !ok;
                if (ok) { count += weight[i]; }
              });
              ['.spot', '.resource', 'section.file'].forEach(function (selector) {
                all('#by-file ' + selector).forEach(function (box) { box.hidden = !box.querySelector('.finding:not([hidden])'); });
              });
              shown.textContent = count + ' of ' + total + ' findings shown';
            };
            var rank = { error: 3, warning: 2, info: 1 };
            var reorder = function () {
              ['repeated', 'by-file'].forEach(function (id) {
                var list = doc.getElementById(id);
                if (!list) { return; }
                var children = Array.prototype.slice.call(list.children);
                children.forEach(function (el, i) { if (!el.hasAttribute('data-i')) { el.setAttribute('data-i', i); } });
                children.sort(function (a, b) {
                  var ia = +a.getAttribute('data-i'), ib = +b.getAttribute('data-i');
                  if (sort.value === 'severity') {
                    return (rank[b.getAttribute('data-sev')] - rank[a.getAttribute('data-sev')]) || ia - ib;
                  }
                  if (sort.value === 'count') {
                    return (+b.getAttribute('data-count') - +a.getAttribute('data-count')) || ia - ib;
                  }
                  return ia - ib;
                });
                children.forEach(function (el) { list.appendChild(el); });
              });
            };
            search.addEventListener('input', apply);
            area.addEventListener('change', apply);
            toggles.forEach(function (t) { t.addEventListener('change', apply); });
            sort.addEventListener('change', reorder);
            all('.card[data-sev]').forEach(function (card) {
              card.addEventListener('click', function () {
                toggles.forEach(function (t) { t.checked = t.value === card.getAttribute('data-sev'); });
                apply();
                tools.scrollIntoView();
              });
            });
            apply();
          }

          // Tables: click a header to sort by that column (numbers by data-v or value, text otherwise).
          all('table.sortable').forEach(function (table) {
            var body = table.tBodies[0];
            all('th', table.tHead).forEach(function (th, column) {
              th.addEventListener('click', function () {
                var numeric = th.getAttribute('data-type') === 'num';
                var descending = !th.classList.contains('desc');
                all('th', table.tHead).forEach(function (h) { h.classList.remove('asc', 'desc'); });
                th.classList.add(descending ? 'desc' : 'asc');
                var rows = Array.prototype.slice.call(body.rows);
                var key = function (row) {
                  var cell = row.cells[column];
                  if (!cell) { return numeric ? 0 : ''; }
                  if (numeric) { return parseFloat(cell.getAttribute('data-v') || cell.textContent) || 0; }
                  return cell.textContent.trim().toLowerCase();
                };
                rows.sort(function (a, b) {
                  var x = key(a), y = key(b);
                  var order = x < y ? -1 : x > y ? 1 : 0;
                  return descending ? -order : order;
                });
                rows.forEach(function (row) { body.appendChild(row); });
              });
            });
          });

          // Graph: click a node to highlight every path through it.
          var svg = doc.getElementById('access-graph-svg');
          if (svg) {
            var edges = all('.edge', svg);
            var nodes = {};
            all('.node', svg).forEach(function (g) { nodes[g.getAttribute('data-node')] = g; });
            var walk = function (start, forward) {
              var seen = {}, stack = [start], lit = [];
              while (stack.length) {
                var id = stack.pop();
                if (seen[id]) { continue; }
                seen[id] = true;
                edges.forEach(function (e) {
                  var from = e.getAttribute('data-from'), to = e.getAttribute('data-to');
                  if ((forward ? from : to) === id) { lit.push(e); stack.push(forward ? to : from); }
                });
              }
              return { nodes: seen, edges: lit };
            };
            var clear = function () {
              svg.classList.remove('focus');
              all('.on', svg).forEach(function (el) { el.classList.remove('on'); });
            };
            var focus = function (id) {
              var wasOn = nodes[id].classList.contains('on') && svg.classList.contains('focus');
              clear();
              if (wasOn) { return; }
              svg.classList.add('focus');
              [walk(id, true), walk(id, false)].forEach(function (part) {
                Object.keys(part.nodes).forEach(function (n) { if (nodes[n]) { nodes[n].classList.add('on'); } });
                part.edges.forEach(function (e) { e.classList.add('on'); });
              });
            };
            Object.keys(nodes).forEach(function (id) {
              nodes[id].addEventListener('click', function (event) { event.stopPropagation(); focus(id); });
              nodes[id].addEventListener('keydown', function (event) { if (event.key === 'Enter') { focus(id); } });
            });
            svg.addEventListener('click', clear);
          }
        })();

        """
}
