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

  // "Print this case": the browser's own print dialog (the page says how to print without it).
  document.addEventListener('click', function (event) {
    var target = event.target;
    if (target && target.closest && target.closest('[data-print]')) window.print();
  });

  // A confirmation before an irreversible step (the form still works without it).
  document.addEventListener('submit', function (event) {
    var message = event.target.getAttribute && event.target.getAttribute('data-confirm');
    if (message && !window.confirm(message)) event.preventDefault();
  }, true);
})();
