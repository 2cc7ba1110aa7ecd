/* Draws the leaderboard from the inline JSON. Every submitted string goes through
   textContent or setAttribute, never innerHTML. The URL hash holds the state:
   #view=ling&metric=bleu&sort=mean:meteor&dir=desc */
(function () {
  'use strict';
  var B = JSON.parse(document.getElementById('board-data').textContent);
  var DASH = '\u2013';

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }
  function isNone(v) { return v === null || v === undefined; }
  function fmt(v) { return isNone(v) ? DASH : v.toFixed(2); }
  function viewOf(name) {
    for (var i = 0; i < B.views.length; i++) if (B.views[i].name === name) return B.views[i];
    return null;
  }

  function readState() {
    var p = new URLSearchParams(location.hash.replace(/^#/, ''));
    var v = viewOf(p.get('view')) || viewOf(B.default_view) || B.views[0];
    var m = p.get('metric');
    if (v.metrics.indexOf(m) < 0) m = v.rank_by;
    return {view: v, metric: m, sort: p.get('sort') || 'rank',
            dir: p.get('dir') === 'desc' ? 'desc' : 'asc'};
  }
  function setState(s) {
    var p = new URLSearchParams();
    p.set('view', s.view.name); p.set('metric', s.metric);
    p.set('sort', s.sort); p.set('dir', s.dir);
    location.hash = p.toString();
  }

  function sortKey(row, k, s) {
    if (k === 'rank') return row.rank;
    if (k === 'model') return row.model;
    if (k === 'submitted') return row.submitted_at;
    if (k === 'entry') return row.status;
    if (k.indexOf('mean:') === 0) return row.average[k.slice(5)];
    if (k.indexOf('avg:') === 0) {
      var parts = k.split(':');
      return row.averages ? row.averages[parts[1]][parts[2]] : null;
    }
    if (k.indexOf('lang:') === 0) {
      var c = row.scores[s.metric][k.slice(5)];
      return c ? c.value : null;
    }
    return null;
  }
  /* Missing values sort last in both directions. */
  function sortRows(rows, s) {
    var sign = s.dir === 'desc' ? -1 : 1;
    return rows.slice().sort(function (a, b) {
      var x = sortKey(a, s.sort, s), y = sortKey(b, s.sort, s);
      if (isNone(x)) return isNone(y) ? 0 : 1;
      if (isNone(y)) return -1;
      if (typeof x === 'string') return sign * x.localeCompare(y);
      return sign * (x - y);
    });
  }

  function cellTitle(c, reported) {
    if (reported) return 'reported value, not re-run (no CI)';
    var t = '';
    if (!isNone(c.ci_low) && !isNone(c.ci_high)) {
      t = '95% CI [' + fmt(c.ci_low) + ', ' + fmt(c.ci_high) + ']';
    }
    if (c.signature) t += (t ? '\n' : '') + 'signature: ' + c.signature;
    return t;
  }
  function scoreCell(c, reported) {
    if (!c) return el('td', DASH, 'missing');
    var td = el('td', fmt(c.value));
    var t = cellTitle(c, reported);
    if (t) td.title = t;
    return td;
  }
  function entryCell(row) {
    var td = el('td', null, 'text');
    if (row.entry_type !== 'reported') {
      td.textContent = row.status;
      if (row.fingerprint) {
        td.title = 'model fingerprint: ' + row.fingerprint + (row.engine ? '\nengine: ' + row.engine : '');
      }
      return td;
    }
    td.appendChild(el('span', row.status, 'badge'));
    if (row.source && /^https?:\/\//.test(row.source)) {
      var a = el('a', 'source');
      a.href = row.source;
      a.rel = 'noopener noreferrer';
      td.appendChild(document.createTextNode(' '));
      td.appendChild(a);
    }
    if (row.note) td.appendChild(el('div', row.note, 'muted'));
    return td;
  }

  /* The board's named means, ranking one first (one 'mean' on boards built before). */
  function means() {
    return B.averages || [{name: 'mean', languages: B.languages}];
  }
  function columns(s) {
    var v = s.view;
    var cols = [{key: 'rank', label: 'Rank'}, {key: 'model', label: 'Model', text: true}];
    means().forEach(function (a, i) {
      v.metrics.forEach(function (m) {
        /* the ranking mean keeps the 'mean:' sort key of boards with one mean */
        cols.push({key: i === 0 ? 'mean:' + m : 'avg:' + a.name + ':' + m,
                   label: m + ' (' + a.name + ')',
                   title: 'macro mean of ' + m + ' over ' + a.languages.length + ' languages'});
      });
    });
    B.languages.forEach(function (l) {
      cols.push({key: 'lang:' + l, label: l, title: s.metric + ' on ' + v.tasks[l]});
    });
    cols.push({key: 'entry', label: 'Entry', text: true});
    cols.push({key: 'submitted', label: 'Submitted'});
    return cols;
  }
  function header(s) {
    var tr = el('tr');
    columns(s).forEach(function (c) {
      var th = el('th', c.label, c.text ? 'text' : '');
      th.setAttribute('data-key', c.key);
      if (c.title) th.title = c.title;
      if (s.sort === c.key) th.setAttribute('aria-sort', s.dir === 'asc' ? 'ascending' : 'descending');
      th.addEventListener('click', function () {
        var textual = c.key === 'rank' || c.key === 'model' || c.key === 'entry';
        var dir = s.sort === c.key ? (s.dir === 'asc' ? 'desc' : 'asc') : (textual ? 'asc' : 'desc');
        setState({view: s.view, metric: s.metric, sort: c.key, dir: dir});
      });
      tr.appendChild(th);
    });
    return tr;
  }
  function bodyRow(s, row) {
    var reported = row.entry_type === 'reported';
    var tr = el('tr', null, reported ? 'reported' : '');
    tr.setAttribute('data-model', row.model);
    tr.appendChild(el('td', isNone(row.rank) ? DASH : row.rank));
    tr.appendChild(el('td', row.model, 'text model'));
    means().forEach(function (a, i) {
      s.view.metrics.forEach(function (m) {
        var x = i === 0 || !row.averages ? row.average[m] : row.averages[a.name][m];
        tr.appendChild(el('td', fmt(x), isNone(x) ? 'missing' : ''));
      });
    });
    B.languages.forEach(function (l) { tr.appendChild(scoreCell(row.scores[s.metric][l], reported)); });
    tr.appendChild(entryCell(row));
    tr.appendChild(el('td', row.submitted_at));
    return tr;
  }
  function table(s) {
    var t = el('table');
    t.id = 'board';
    var thead = el('thead');
    thead.appendChild(header(s));
    t.appendChild(thead);
    var tbody = el('tbody');
    sortRows(s.view.rows, s).forEach(function (row) { tbody.appendChild(bodyRow(s, row)); });
    t.appendChild(tbody);
    return t;
  }
  function metricPicker(s) {
    var label = el('label', 'Per-language columns show: ');
    var sel = el('select');
    sel.id = 'metric';
    s.view.metrics.forEach(function (m) {
      var o = el('option', m);
      o.value = m;
      if (m === s.metric) o.selected = true;
      sel.appendChild(o);
    });
    sel.addEventListener('change', function () {
      setState({view: s.view, metric: sel.value, sort: s.sort, dir: s.dir});
    });
    label.appendChild(sel);
    return label;
  }
  function signatures(s) {
    var box = el('section');
    box.appendChild(el('h3', 'Metric signatures'));
    var ul = el('ul');
    s.view.metrics.forEach(function (m) {
      (s.view.signatures[m] || []).forEach(function (sig) {
        var li = el('li', m + ' (' + sig.languages.join(', ') + '): ');
        li.appendChild(el('code', sig.signature));
        ul.appendChild(li);
      });
    });
    if (!ul.childNodes.length) ul.appendChild(el('li', 'none (no rescored entries yet)'));
    box.appendChild(ul);
    return box;
  }
  function tabs(s) {
    var nav = document.getElementById('views');
    nav.textContent = '';
    B.views.forEach(function (v) {
      var b = el('button', v.title, v === s.view ? 'active' : '');
      b.setAttribute('data-view', v.name);
      b.addEventListener('click', function () {
        setState({view: v, metric: v.rank_by, sort: 'rank', dir: 'asc'});
      });
      nav.appendChild(b);
    });
  }

  function render() {
    var s = readState();
    tabs(s);
    var main = document.getElementById('content');
    main.textContent = '';
    main.appendChild(el('p', s.view.description + ' Ranked by the macro mean of ' + s.view.rank_by +
      (means()[0].name === 'mean' ? '' : ' (' + means()[0].name + ', ' +
      means()[0].languages.length + ' languages)') +
      '; means need every language. Hover a score for its 95% CI and signature.', 'muted'));
    main.appendChild(metricPicker(s));
    main.appendChild(table(s));
    main.appendChild(signatures(s));
    document.body.setAttribute('data-rendered', s.view.name + '|' + s.sort + '|' + s.dir);
  }
  window.addEventListener('hashchange', render);
  render();
})();
