// Browser softphone: the operator plays the payer. Speaks Twilio's Media Streams protocol
// (connected/start/media/stop out; media/mark/clear in) to /collect-iq/media-stream; the session
// cookie authenticates the WebSocket handshake instead of a Twilio signature.
window.collectIqSoftphone = (() => {
  let state = null;

  const decodeTable = (() => {
    const t = new Float32Array(256);
    for (let i = 0; i < 256; i++) {
      const u = ~i & 0xff, sign = u & 0x80, exponent = (u >> 4) & 0x07, mantissa = u & 0x0f;
      const magnitude = (((mantissa << 3) + 0x84) << exponent) - 0x84;
      t[i] = (sign ? -magnitude : magnitude) / 32768;
    }
    return t;
  })();

  const toBase64 = bytes => { let s = ''; for (let i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]); return btoa(s); };
  const fromBase64 = text => { const s = atob(text); const b = new Uint8Array(s.length); for (let i = 0; i < s.length; i++) b[i] = s.charCodeAt(i); return b; };
  const randomSid = prefix => prefix + Array.from(crypto.getRandomValues(new Uint8Array(16)), b => b.toString(16).padStart(2, '0')).join('');

  function report(text, ended) {
    if (!state) return;
    state.stateText = text ?? state.stateText;
    const now = performance.now();
    if (!ended && text === undefined && now - state.lastReport < 400) return;
    state.lastReport = now;
    // The agent is speaking while audio it sent is still queued for playback, or arrived moments ago (it streams
    // in real time, so on a busy machine the queue can run dry between two frames of the same sentence).
    const agentSpeaking = !ended && (state.playHead > state.audio.currentTime + 0.02 || now - state.lastMediaAt < 800);
    state.dotnet.invokeMethodAsync('OnSoftphoneState', state.stateText, state.sent, state.received, state.marks, !!ended, agentSpeaking).catch(() => {});
  }

  function send(message) {
    if (state && state.socket.readyState === WebSocket.OPEN) state.socket.send(JSON.stringify(message));
  }

  function play(payload) {
    const bytes = fromBase64(payload);
    const ctx = state.audio;
    const buffer = ctx.createBuffer(1, bytes.length, 8000);
    const data = buffer.getChannelData(0);
    for (let i = 0; i < bytes.length; i++) data[i] = decodeTable[bytes[i]];
    const source = ctx.createBufferSource();
    source.buffer = buffer;
    source.connect(ctx.destination);
    state.playHead = Math.max(state.playHead, ctx.currentTime + 0.05);
    source.start(state.playHead);
    state.playHead += buffer.duration;
    state.sources.add(source);
    source.onended = () => state && state.sources.delete(source);
  }

  function echoDueMarks(all) {
    if (!state) return;
    const now = state.audio.currentTime;
    while (state.pendingMarks.length && (all || state.pendingMarks[0].at <= now)) {
      const mark = state.pendingMarks.shift();
      send({ event: 'mark', sequenceNumber: String(++state.seq), streamSid: state.streamSid, mark: { name: mark.name } });
      state.marks++;
    }
  }

  function onMessage(event) {
    let message;
    try { message = JSON.parse(event.data); } catch { return; }
    switch (message.event) {
      case 'media':
        state.received++;
        state.lastMediaAt = performance.now();
        play(message.media.payload);
        report();
        break;
      case 'mark':
        // Echoed once playback reaches the audio queued before it, as Twilio does.
        state.pendingMarks.push({ name: message.mark.name, at: Math.max(state.playHead, state.audio.currentTime) });
        break;
      case 'clear':
        for (const source of state.sources) { try { source.stop(); } catch { } }
        state.sources.clear();
        state.playHead = state.audio.currentTime;
        echoDueMarks(true);
        break;
    }
  }

  async function start(url, parameters, dotnet) {
    await stop();
    const audio = new AudioContext();
    await audio.resume();
    const microphone = await navigator.mediaDevices.getUserMedia({ audio: { channelCount: 1, echoCancellation: true, noiseSuppression: true } });
    await audio.audioWorklet.addModule('js/softphone-worklet.js');
    const socket = new WebSocket(url);
    state = {
      audio, microphone, socket, dotnet, streamSid: randomSid('MZ'), seq: 0, chunk: 0, startedAt: 0,
      sent: 0, received: 0, marks: 0, playHead: 0, sources: new Set(), pendingMarks: [], lastReport: 0, lastMediaAt: 0, stateText: 'Connecting…',
    };
    const s = state;
    socket.onopen = () => {
      send({ event: 'connected', protocol: 'Call', version: '1.0.0' });
      send({
        event: 'start', sequenceNumber: String(++s.seq), streamSid: s.streamSid,
        start: {
          accountSid: 'ACsoftphone', streamSid: s.streamSid, callSid: parameters.callSid, tracks: ['inbound'],
          customParameters: { payerId: parameters.payerId, callId: parameters.callId },
          mediaFormat: { encoding: 'audio/x-mulaw', sampleRate: 8000, channels: 1 },
        },
      });
      s.startedAt = performance.now();
      const input = audio.createMediaStreamSource(microphone);
      const encoder = new AudioWorkletNode(audio, 'mulaw-encoder');
      encoder.port.onmessage = e => {
        if (state !== s) return;
        s.chunk++; s.sent++;
        send({
          event: 'media', sequenceNumber: String(++s.seq), streamSid: s.streamSid,
          media: { track: 'inbound', chunk: String(s.chunk), timestamp: String(Math.round(performance.now() - s.startedAt)), payload: toBase64(e.data) },
        });
        report();
      };
      input.connect(encoder);
      s.nodes = [input, encoder];
      s.timer = setInterval(() => { echoDueMarks(false); report(); }, 50);
      report('Connected: speak now.');
    };
    socket.onmessage = onMessage;
    socket.onerror = () => report('Connection error.');
    socket.onclose = e => { if (state === s) { report(`Call ended (${e.code}${e.reason ? ': ' + e.reason : ''}).`, true); cleanup(); } };
  }

  function cleanup() {
    if (!state) return;
    const s = state;
    state = null;
    clearInterval(s.timer);
    (s.nodes || []).forEach(n => n.disconnect());
    s.microphone.getTracks().forEach(t => t.stop());
    s.audio.close();
  }

  async function stop() {
    if (!state) return;
    const s = state;
    send({ event: 'stop', sequenceNumber: String(++s.seq), streamSid: s.streamSid, stop: { accountSid: 'ACsoftphone', callSid: 'softphone' } });
    report('Call ended.', true);
    try { s.socket.close(1000, 'operator hung up'); } catch { }
    cleanup();
  }

  // A keypad press, as Twilio forwards one from a phone: a dtmf event on the inbound track.
  function dtmf(digit) {
    if (!state) return;
    send({ event: 'dtmf', streamSid: state.streamSid, sequenceNumber: String(++state.seq), dtmf: { track: 'inbound_track', digit: String(digit) } });
  }

  return { start, stop, dtmf };
})();
