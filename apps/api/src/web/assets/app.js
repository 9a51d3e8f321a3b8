// Progressive enhancement only: every page works without this file. No inline script anywhere (strict CSP).
(function () {
  'use strict';

  // Every htmx request carries the session's CSRF token, as forms do in their hidden field.
  document.addEventListener('htmx:configRequest', function (event) {
    var meta = document.querySelector('meta[name="csrf-token"]');
    if (meta && meta.content) event.detail.headers['X-CSRF-Token'] = meta.content;
  });

  // After a swap: move focus to the new content and say what changed in the live region.
  document.addEventListener('htmx:afterSettle', function (event) {
    var id = event.detail.target && event.detail.target.id;
    var region = (id && document.getElementById(id)) || event.detail.target;
    if (!region || !region.isConnected) return;
    var focus = region.querySelector('[data-focus]') || region;
    if (!focus.hasAttribute('tabindex')) focus.setAttribute('tabindex', '-1');
    focus.focus({ preventScroll: false });
    var status = document.getElementById('status');
    if (status) {
      var announced = region.querySelector('[data-announce]');
      status.textContent = '';
      window.setTimeout(function () {
        status.textContent = announced ? announced.getAttribute('data-announce') : 'The page has been updated.';
      }, 50);
    }
  });

  // An error summary's link to a group of radios or checkboxes (a fieldset cannot take focus): focus its first
  // choice with the question in view, as GOV.UK's error summary does, so the keyboard lands where the fix is.
  document.addEventListener('click', function (event) {
    var link = event.target && event.target.closest && event.target.closest('.error-summary a[href^="#"]');
    var target = link && document.getElementById(decodeURIComponent(link.hash.slice(1)));
    if (!target || target.matches('input, select, textarea, button')) return;
    var input = target.querySelector('input:not([type="hidden"]), select, textarea');
    if (!input) return;
    // After the link's own jump (the address keeps the field's anchor).
    window.setTimeout(function () {
      var legend = target.querySelector('legend');
      (legend || input).scrollIntoView();
      input.focus({ preventScroll: true });
    }, 0);
  });

  // "Print this case": the browser's own print dialog (the page says how to print without it).
  document.addEventListener('click', function (event) {
    var target = event.target;
    if (target && target.closest && target.closest('[data-print]')) window.print();
  });

  // The form being filled in: kept on the server if the session ends before it is sent (web-drafts.ts), for
  // the page the form belongs to (not the form's own address, where a form with something to fix comes back).
  var editedForm = null;
  var formPageMeta = document.querySelector('meta[name="form-page"]');
  var formPage = formPageMeta ? formPageMeta.content : window.location.pathname;
  var noteEdit = function (event) {
    var form = event.target && event.target.form;
    if (form && form.method.toLowerCase() === 'post' && !form.hasAttribute('data-timeout-sign-out')) editedForm = form;
  };
  document.addEventListener('input', noteEdit);
  document.addEventListener('change', noteEdit);
  // A form sent after the session ran out (a computer that slept) says which page it came from, for its draft.
  document.addEventListener('submit', function (event) {
    var form = event.target;
    if (!form || !form.method || form.method.toLowerCase() !== 'post' || form.querySelector('input[name="_page"]')) return;
    var page = document.createElement('input');
    page.type = 'hidden'; page.name = '_page'; page.value = formPage;
    form.appendChild(page);
  });
  // Timed out: the sign-out carries the edited form's fields, so that signing in again brings them back.
  var carryDraft = function (signOut) {
    if (!editedForm) return;
    var add = function (name, value) {
      var input = document.createElement('input');
      input.type = 'hidden'; input.name = name; input.value = value;
      signOut.appendChild(input);
    };
    add('_timedOut', '1');
    add('_draftPage', formPage);
    add('_draftAction', new URL(editedForm.action, window.location.href).pathname);
    new window.FormData(editedForm).forEach(function (value, name) { if (typeof value === 'string' && name.charAt(0) !== '_') add(name, value); });
  };
  // After signing in again: the kept answers go back into the form they were typed in.
  var keptDraft = document.getElementById('kept-draft');
  if (keptDraft) {
    try {
      var draft = JSON.parse(keptDraft.textContent);
      var target = Array.prototype.filter.call(document.querySelectorAll('form[method="post"]'), function (form) {
        return new URL(form.action, window.location.href).pathname === draft.action;
      })[0];
      if (target) {
        Object.keys(draft.fields).forEach(function (name) {
          var values = [].concat(draft.fields[name]);
          Array.prototype.forEach.call(target.elements, function (field) {
            if (field.name !== name) return;
            if (field.type === 'checkbox' || field.type === 'radio') field.checked = values.indexOf(field.value) !== -1;
            else if (field.type !== 'hidden' && field.type !== 'file') field.value = values[0];
          });
        });
        for (var open = target.parentElement; open; open = open.parentElement) if (open.tagName === 'DETAILS') open.open = true;
        var notice = document.getElementById('kept-draft-notice');
        notice.hidden = false;
        notice.focus();
      }
    } catch { /* a draft that cannot be read is simply not given back */ }
  }

  // GOV.UK timeout warning: two minutes before the session would end, a dialog says so and offers to
  // stay signed in (a request that resets the server's idle clock); at the end, the page signs out.
  var timeoutMeta = document.querySelector('meta[name="session-seconds-left"]');
  var dialog = document.getElementById('timeout-warning');
  if (timeoutMeta && dialog && typeof dialog.showModal === 'function') {
    var warnTimer = null;
    var tickTimer = null;
    var endsAt = 0;
    var countdown = dialog.querySelector('[data-countdown]');
    var announce = dialog.querySelector('[data-countdown-announce]');
    var words = function (seconds) {
      if (seconds >= 60) { var minutes = Math.ceil(seconds / 60); return minutes + (minutes === 1 ? ' minute' : ' minutes'); }
      return seconds + (seconds === 1 ? ' second' : ' seconds');
    };
    var tick = function () {
      var left = Math.max(0, Math.round((endsAt - Date.now()) / 1000));
      countdown.textContent = words(left);
      // Screen readers hear it each 20 seconds, not every second.
      if (left % 20 === 0 && left > 0) announce.textContent = 'You will be signed out in ' + words(left) + '.';
      if (left === 0) {
        window.clearInterval(tickTimer);
        var signOut = dialog.querySelector('[data-timeout-sign-out]');
        carryDraft(signOut);
        signOut.submit();
      }
    };
    var schedule = function (secondsLeft) {
      window.clearTimeout(warnTimer);
      window.clearInterval(tickTimer);
      endsAt = Date.now() + secondsLeft * 1000;
      var warnIn = Math.max(0, secondsLeft - Math.min(120, Math.floor(secondsLeft / 2)));
      warnTimer = window.setTimeout(function () {
        tick();
        if (!dialog.open) dialog.showModal();
        dialog.querySelector('[data-stay-signed-in]').focus();
        tickTimer = window.setInterval(tick, 1000);
      }, warnIn * 1000);
    };
    var stay = function () {
      var meta = document.querySelector('meta[name="csrf-token"]');
      fetch('/session/keep-alive', { method: 'POST', credentials: 'same-origin', headers: { 'X-CSRF-Token': meta ? meta.content : '', Accept: 'application/json' } })
        .then(function (answer) {
          var json = answer.ok && (answer.headers.get('content-type') || '').indexOf('application/json') === 0;
          return json ? answer.json() : null;
        })
        .then(function (body) {
          // Already signed out (or the server is away): the page itself says what to do.
          if (!body || typeof body.secondsLeft !== 'number') { window.location.reload(); return; }
          if (dialog.open) dialog.close();
          schedule(body.secondsLeft);
        })
        .catch(function () { window.location.reload(); });
    };
    dialog.querySelector('[data-stay-signed-in]').addEventListener('click', stay);
    // Escape closes a dialog: here it means "stay signed in", as GOV.UK's does.
    dialog.addEventListener('cancel', function (event) { event.preventDefault(); stay(); });
    schedule(Number(timeoutMeta.content));
  }

  // A confirmation before an irreversible step (the form still works without it).
  document.addEventListener('submit', function (event) {
    var message = event.target.getAttribute && event.target.getAttribute('data-confirm');
    if (message && !window.confirm(message)) event.preventDefault();
  }, true);
})();
