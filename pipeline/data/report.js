(function () {
  'use strict';
  var command = document.getElementById('command');
  var shownEl = document.getElementById('shown');
  var chosenEl = document.getElementById('chosen');
  var ruleSelect = document.getElementById('f-rule');
  var flaggedBox = document.getElementById('f-flagged');
  var sections = [];
  var rows = [];
  Array.prototype.forEach.call(document.querySelectorAll('section.article'), function (el) {
    var section = { el: el, rel: el.dataset.rel, rows: [], flags: el.querySelectorAll('.flag') };
    Array.prototype.forEach.call(el.querySelectorAll('.edit'), function (rowEl) {
      var row = {
        el: rowEl, section: section, id: rowEl.dataset.id, rules: rowEl.dataset.rules.split(' '),
        risk: rowEl.dataset.risk, status: rowEl.dataset.status, choice: '', shown: true,
        acc: rowEl.querySelector('input.acc'), rej: rowEl.querySelector('input.rej')
      };
      rowEl.dataset.index = rows.length;
      rows.push(row);
      section.rows.push(row);
    });
    sections.push(section);
  });
  var placeholder = 'Tick accept or reject on pending edits; the command that applies them appears here.';

  function ticked(name) {
    var found = {};
    Array.prototype.forEach.call(document.querySelectorAll('input[name="' + name + '"]:checked'), function (box) {
      found[box.value] = true;
    });
    return found;
  }

  function filter() {
    var rule = ruleSelect.value, risks = ticked('risk'), statuses = ticked('status'), shown = 0;
    var onlyFlagged = flaggedBox.checked;
    sections.forEach(function (section) {
      // an article that could not be read has neither rows nor flags: shown unless narrowed
      var any = section.rows.length === 0 && section.flags.length === 0 && rule === '' && !onlyFlagged;
      Array.prototype.forEach.call(section.flags, function (flagEl) {
        var show = onlyFlagged || rule === '';
        flagEl.classList.toggle('hidden', !show);
        if (show) any = true;
      });
      section.rows.forEach(function (row) {
        row.shown = !onlyFlagged && (rule === '' || row.rules.indexOf(rule) >= 0) && !!risks[row.risk] &&
          !!statuses[row.status];
        row.el.classList.toggle('hidden', !row.shown);
        if (row.shown) { shown += 1; any = true; }
      });
      section.el.classList.toggle('hidden', !any);
    });
    shownEl.textContent = shown + ' of ' + rows.length + ' edits shown';
  }

  function quote(word) {
    return /^[A-Za-z0-9_@%+=:,.\/-]+$/.test(word) ? word : "'" + word.replace(/'/g, "'\"'\"'") + "'";
  }

  function commandFor(verb, choice) {
    var args = [];
    sections.forEach(function (section) {
      var ids = [];
      section.rows.forEach(function (row) { if (row.choice === choice) ids.push(row.id); });
      if (ids.length) args.push('--edit ' + quote(section.rel + ':' + ids.join(',')));
    });
    return args.length ? 'clean ' + verb + ' ' + command.dataset.out + ' ' + args.join(' ') : '';
  }

  function update() {
    var lines = [commandFor('accept', 'accept'), commandFor('reject', 'reject')].filter(Boolean);
    command.value = lines.join('\n');
    command.placeholder = placeholder;
    var accepting = 0, rejecting = 0;
    rows.forEach(function (row) {
      if (row.choice === 'accept') accepting += 1;
      if (row.choice === 'reject') rejecting += 1;
    });
    chosenEl.textContent = accepting || rejecting ? accepting + ' to accept, ' + rejecting + ' to reject' : '';
  }

  function choose(row, choice) {
    if (!row.acc) return;
    row.choice = choice;
    row.acc.checked = choice === 'accept';
    row.rej.checked = choice === 'reject';
    row.el.classList.toggle('choose-accept', choice === 'accept');
    row.el.classList.toggle('choose-reject', choice === 'reject');
  }

  document.querySelector('main').addEventListener('change', function (event) {
    var box = event.target;
    var rowEl = box.closest('.edit');
    if (!rowEl) return;
    var row = rows[Number(rowEl.dataset.index)];
    var choice = box.classList.contains('acc') ? 'accept' : 'reject';
    choose(row, box.checked ? choice : '');
    update();
  });

  function chooseShown(choice) {
    // a choice the person already ticked on an edit is theirs: the buttons only fill in the rest
    rows.forEach(function (row) { if (row.shown && row.status === 'pending' && !row.choice) choose(row, choice); });
    update();
  }

  document.getElementById('accept-shown').addEventListener('click', function () { chooseShown('accept'); });
  document.getElementById('reject-shown').addEventListener('click', function () { chooseShown('reject'); });
  document.getElementById('clear').addEventListener('click', function () {
    rows.forEach(function (row) { choose(row, ''); });
    update();
  });
  document.getElementById('copy').addEventListener('click', function () {
    command.focus();
    command.select();
    var copied = false;
    try { copied = document.execCommand('copy'); } catch (e) { copied = false; }
    chosenEl.textContent = copied ? 'command copied' : 'command selected: copy it with Ctrl+C';
  });
  document.getElementById('filters').addEventListener('change', filter);
  document.getElementById('filters').addEventListener('submit', function (event) { event.preventDefault(); });
  filter();
  update();
}());
