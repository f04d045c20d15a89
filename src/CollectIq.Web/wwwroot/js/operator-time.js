// The operator's own time zone (IANA id), so pages can show a payer's scheduled times in the operator's time too.
window.collectIq = window.collectIq || {};
window.collectIq.timeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;
