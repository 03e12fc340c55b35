// After a passkey is registered, go where the server says (the recovery codes, or back to
// the security page). The passkey buttons themselves come from django-otp-webauthn.
document.addEventListener("otp_webauthn.register_complete", function (event) {
  var answer = event.detail && event.detail.response;
  if (answer && answer.redirect_url) {
    window.location.href = answer.redirect_url;
  }
});
