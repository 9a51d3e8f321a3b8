// Passkeys through @simplewebauthn/browser (served from the app, no CDN). No inline script anywhere (strict CSP).
(function () {
  'use strict';

  function csrf() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.content : '';
  }

  function post(url, body) {
    return fetch(url, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf() },
      body: JSON.stringify(body || {}),
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (json) { return { status: response.status, body: json }; });
    });
  }

  function show(message) {
    var error = document.getElementById('passkey-error');
    if (!error) return;
    error.textContent = message;
    error.hidden = false;
  }

  /** Asks the server for options, lets the browser make or use the passkey, sends the answer back, and follows where the server says to go. */
  function ceremony(button, optionsUrl, answerUrl, run, failed) {
    button.addEventListener('click', function () {
      button.disabled = true;
      post(optionsUrl)
        .then(function (options) {
          if (options.status !== 200) throw new Error(options.body.message || failed);
          return run({ optionsJSON: options.body });
        })
        .then(function (answer) { return post(answerUrl, answer); })
        .then(function (result) {
          if (result.status !== 200) throw new Error(result.body.message || failed);
          window.location.assign(result.body.redirect);
        })
        .catch(function (error) {
          show(error && error.name === 'NotAllowedError' ? 'The passkey was not used. Try again.' : (error && error.message) || failed);
          button.disabled = false;
        });
    });
  }

  var browser = window.SimpleWebAuthnBrowser;
  var signIn = document.querySelector('[data-passkey-sign-in]');
  if (signIn && browser) ceremony(signIn, '/sign-in/passkey/options', '/sign-in/passkey', browser.startAuthentication, 'The passkey was not accepted. Try again, or enter a code.');
  var add = document.querySelector('[data-passkey-add]');
  if (add && browser) ceremony(add, '/account/security/passkeys/options', '/account/security/passkeys', browser.startRegistration, 'The passkey could not be added. Try again.');
})();
