// mella-eval inspect page: builds the sample cards from the JSON data block.
// Every string goes in through textContent or an attribute, never through HTML parsing.
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('inspect-data').textContent);
  var controls = {task: 'all', lang: 'all', cat: 'all', sort: 'id', dir: 'asc'};

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  function fmt(value) {
    return (value === null || value === undefined) ? '–' : Number(value).toFixed(2);
  }

  function readHash() {
    var state = {};
    Object.keys(controls).forEach(function (k) { state[k] = controls[k]; });
    location.hash.replace(/^#/, '').split('&').forEach(function (part) {
      var eq = part.indexOf('=');
      if (eq < 0) { return; }
      var key = decodeURIComponent(part.slice(0, eq));
      if (Object.prototype.hasOwnProperty.call(state, key)) {
        state[key] = decodeURIComponent(part.slice(eq + 1));
      }
    });
    if (state.dir !== 'desc') { state.dir = 'asc'; }
    return state;
  }

  function writeHash(state) {
    location.hash = Object.keys(state).map(function (k) {
      return encodeURIComponent(k) + '=' + encodeURIComponent(state[k]);
    }).join('&');
  }

  function unique(values) {
    var seen = {};
    var out = [];
    values.forEach(function (v) { if (!seen[v]) { seen[v] = true; out.push(v); } });
    return out.sort();
  }

  function select(name, label, options) {
    var wrap = el('label', 'control', label + ' ');
    var box = el('select');
    box.id = 'select-' + name;
    options.forEach(function (opt) {
      var o = el('option', null, opt[1]);
      o.value = opt[0];
      box.appendChild(o);
    });
    box.addEventListener('change', function () {
      var state = readHash();
      state[name] = box.value;
      writeHash(state);
    });
    wrap.appendChild(box);
    return wrap;
  }

  function buildControls() {
    var nav = document.getElementById('controls');
    var all = [['all', 'all']];
    var cats = [];
    data.samples.forEach(function (s) { cats = cats.concat(s.categories.length ? s.categories : ['(none)']); });
    nav.appendChild(select('task', 'Task', all.concat(data.tasks.map(function (t) { return [t.name, t.name]; }))));
    nav.appendChild(select('lang', 'Language', all.concat(unique(data.samples.map(function (s) { return s.language; })).map(function (l) { return [l, l]; }))));
    nav.appendChild(select('cat', 'Category', all.concat(unique(cats).map(function (c) { return [c, c]; }))));
    nav.appendChild(select('sort', 'Sort by', [['id', 'task, id']].concat(data.metrics.map(function (m) { return [m, m]; }))));
    nav.appendChild(select('dir', 'Order', [['asc', 'ascending'], ['desc', 'descending']]));
  }

  function syncControls(state) {
    Object.keys(state).forEach(function (k) {
      var box = document.getElementById('select-' + k);
      if (box) { box.value = state[k]; }
    });
  }

  function textPieces(node, pieces) {
    pieces.forEach(function (p) {
      if (p[1] === 0) {
        node.appendChild(document.createTextNode(p[0]));
      } else if (p[1] === -1) {
        var ctl = el('span', 'ctl', '⟨' + p[0] + '⟩');
        ctl.title = 'bidirectional control character ' + p[0] + ' (shown, not applied)';
        node.appendChild(ctl);
      } else {
        var mark = el('mark', 'kw', p[0]);
        mark.setAttribute('data-kw', String(p[1]));
        mark.title = 'keyword ' + p[1];
        node.appendChild(mark);
      }
    });
    return node;
  }

  function field(list, name, content) {
    list.appendChild(el('dt', null, name));
    var dd = el('dd');
    dd.appendChild(content);
    list.appendChild(dd);
  }

  function textBlock(pieces, cls) {
    var node = el('div', cls);
    node.setAttribute('dir', 'auto');
    return textPieces(node, pieces);
  }

  function keywordList(keywords) {
    var list = el('ol', 'keywords');
    keywords.forEach(function (k, i) {
      var item = el('li', k.in_prediction ? 'hit' : 'miss');
      item.setAttribute('data-kw', String(i + 1));
      var forms = el('span', 'forms', k.forms.join(' / '));
      forms.setAttribute('dir', 'auto');
      item.appendChild(forms);
      item.appendChild(el('span', 'badge', k.in_prediction ? 'in prediction' : 'not in prediction'));
      item.appendChild(el('span', 'badge' + (k.in_reference ? '' : ' warn'), k.in_reference ? 'in reference' : 'not in reference'));
      list.appendChild(item);
    });
    return list;
  }

  function metricTable(metrics) {
    var table = el('table', 'metrics');
    var head = el('tr');
    var row = el('tr');
    Object.keys(metrics).sort().forEach(function (k) {
      head.appendChild(el('th', null, k));
      row.appendChild(el('td', null, fmt(metrics[k])));
    });
    table.appendChild(head);
    table.appendChild(row);
    return table;
  }

  function card(s) {
    var article = el('article', 'sample' + (s.error ? ' failed' : ''));
    article.setAttribute('data-id', s.id);
    article.setAttribute('data-task', s.task);
    var thumb = el('div', 'thumb');
    if (s.image && s.image.indexOf('data:image/jpeg;base64,') === 0) {
      var img = el('img');
      img.alt = 'image of ' + s.id;
      img.src = s.image;
      thumb.appendChild(img);
    } else {
      thumb.appendChild(el('span', 'noimg', s.image_note || 'no image'));
    }
    article.appendChild(thumb);
    var body = el('div', 'body');
    var title = el('h3');
    title.appendChild(el('span', 'id', s.id));
    title.appendChild(el('span', 'muted', ' ' + s.task + ' · ' + s.language));
    s.categories.forEach(function (c) { title.appendChild(el('span', 'chip', c)); });
    body.appendChild(title);
    var list = el('dl');
    field(list, 'Prompt', textBlock(s.prompt, 'prompt'));
    field(list, 'Prediction', s.prediction ? textBlock(s.prediction, 'prediction') : el('div', 'muted', '(no prediction)'));
    var refs = el('ol', 'references');
    s.references.forEach(function (r) {
      var item = el('li');
      item.setAttribute('dir', 'auto');
      refs.appendChild(textPieces(item, r));
    });
    field(list, s.references.length > 1 ? 'References' : 'Reference', refs);
    if (s.keywords.length) { field(list, 'Keywords', keywordList(s.keywords)); }
    field(list, 'Metrics', metricTable(s.metrics));
    if (s.error) { field(list, 'Error', el('div', 'error', s.error)); }
    body.appendChild(list);
    article.appendChild(body);
    return article;
  }

  function compare(state) {
    var sign = state.dir === 'desc' ? -1 : 1;
    return function (a, b) {
      if (state.sort !== 'id') {
        var x = a.metrics[state.sort];
        var y = b.metrics[state.sort];
        var xm = (x === null || x === undefined);
        var ym = (y === null || y === undefined);
        if (xm !== ym) { return xm ? 1 : -1; }  // samples without the metric go last
        if (!xm && x !== y) { return sign * (x < y ? -1 : 1); }
      }
      var key = (a.task + '\u0000' + a.id) < (b.task + '\u0000' + b.id) ? -1 : 1;
      return state.sort === 'id' ? sign * key : key;
    };
  }

  function render() {
    var state = readHash();
    syncControls(state);
    var shown = data.samples.filter(function (s) {
      return (state.task === 'all' || s.task === state.task) &&
        (state.lang === 'all' || s.language === state.lang) &&
        (state.cat === 'all' || (state.cat === '(none)' ? s.categories.length === 0 : s.categories.indexOf(state.cat) >= 0));
    }).sort(compare(state));
    var main = document.getElementById('samples');
    main.textContent = '';
    var frag = document.createDocumentFragment();
    shown.forEach(function (s) { frag.appendChild(card(s)); });
    main.appendChild(frag);
    document.getElementById('count').textContent = shown.length + ' of ' + data.samples.length + ' samples shown';
    document.body.setAttribute('data-rendered', shown.length + '|' + state.sort + '|' + state.dir);
  }

  function summary() {
    var run = data.run;
    document.getElementById('model').textContent = run.model;
    var text = run.engine + ' · finished ' + run.finished_at + ' · results schema ' + run.schema_version +
      ' · folder ' + run.folder;
    document.getElementById('summary').textContent = text;
    if (run.samples_shown < run.samples_total) {
      document.getElementById('truncated').textContent = 'This page holds ' + run.samples_shown + ' of ' +
        run.samples_total + ' samples (the first of each task, in proportion to its size; --max-samples ' +
        run.max_samples + '). Render again with a larger --max-samples or a --tasks filter to see more.';
    }
    var table = el('table', 'tasks');
    var head = el('tr');
    ['task', 'language', 'samples', 'errors', 'headline', 'value', 'note'].forEach(function (h) { head.appendChild(el('th', null, h)); });
    table.appendChild(head);
    data.tasks.forEach(function (t) {
      var row = el('tr');
      [t.name, t.language, t.n_samples, t.n_errors, t.headline, fmt(t.metrics[t.headline]), t.note || ''].forEach(function (v) {
        row.appendChild(el('td', null, v));
      });
      table.appendChild(row);
    });
    document.getElementById('tasks').appendChild(table);
  }

  summary();
  buildControls();
  window.addEventListener('hashchange', render);
  render();
}());
