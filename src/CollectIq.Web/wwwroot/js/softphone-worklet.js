// AudioWorklet: microphone samples (AudioContext rate, usually 48 kHz) → 8 kHz µ-law, 160-byte (20 ms) frames.
// Downsampling averages the input samples that fall into each 1/8000 s slot (a box filter, enough for
// telephone speech), then G.711 µ-law encodes.
class MuLawEncoder extends AudioWorkletProcessor {
  constructor() {
    super();
    this.ratio = sampleRate / 8000;
    this.acc = 0; this.count = 0; this.pos = 0;
    this.frame = new Uint8Array(160); this.filled = 0;
  }
  static encode(sample) {
    const BIAS = 0x84, CLIP = 32635;
    let s = Math.max(-1, Math.min(1, sample)) * 32767 | 0;
    const sign = s < 0 ? 0x80 : 0;
    if (sign) s = -s;
    if (s > CLIP) s = CLIP;
    s += BIAS;
    let exponent = 7;
    for (let mask = 0x4000; (s & mask) === 0 && exponent > 0; mask >>= 1) exponent--;
    const mantissa = (s >> (exponent + 3)) & 0x0f;
    return ~(sign | (exponent << 4) | mantissa) & 0xff;
  }
  process(inputs) {
    const input = inputs[0] && inputs[0][0];
    if (!input) return true;
    for (let i = 0; i < input.length; i++) {
      this.acc += input[i]; this.count++; this.pos++;
      if (this.pos >= this.ratio) {
        this.pos -= this.ratio;
        this.frame[this.filled++] = MuLawEncoder.encode(this.acc / this.count);
        this.acc = 0; this.count = 0;
        if (this.filled === 160) {
          this.port.postMessage(this.frame.slice(0));
          this.filled = 0;
        }
      }
    }
    return true;
  }
}
registerProcessor('mulaw-encoder', MuLawEncoder);
