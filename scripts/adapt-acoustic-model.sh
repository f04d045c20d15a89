#!/usr/bin/env bash
# Adapts pocketsphinx's en-us acoustic model to the telephone channel (docs/SPEECH.md "Acoustic-model adaptation").
#
# Adaptation data: the HUMAN read speech with transcripts in Debian's pocketsphinx-testdata (LibriVox, "cards",
# go-forward, TIDIGITS), never the evaluation corpus or a synthesizer. Each utterance goes through the same phone
# path as a call: 300-3400 Hz band-pass (4th-order Butterworth each side), 8 kHz, G.711 µ-law, back up to 16 kHz.
# sphinxtrain's bw collects statistics with the stock model, mllr_solve estimates ONE global MLLR transform
# (≈ 45 s of speech is too little for more classes or for MAP). Output: $out/mllr_matrix, loaded by
# PocketSphinxModel with `-mllr` when present (the stock model is used otherwise).
#
# Usage: scripts/adapt-acoustic-model.sh [output-dir]   (default .cache/models/en-us-telephone; idempotent)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-.cache/models/en-us-telephone}
model=/usr/share/pocketsphinx/model/en-us/en-us
dict=/usr/share/pocketsphinx/model/en-us/cmudict-en-us.dict
data=/usr/share/pocketsphinx/test/data
st=/usr/lib/sphinxtrain
version=3  # bump when the recipe changes so bootstrap rebuilds
noise_dbfs=${ADAPT_NOISE_DBFS--55}  # line noise (dBFS RMS) added before the band-pass, as on a real line ("" = none)
iterations=${ADAPT_ITERATIONS:-3}  # >1: re-collect statistics through the previous transform, then re-solve

if [ -f "$out/mllr_matrix" ] && [ "$(cat "$out/VERSION" 2>/dev/null)" = "$version" ]; then exit 0; fi
for need in "$model/mdef" "$data/librivox/transcription" "$st/bw" "$st/mllr_solve" /usr/bin/sphinx_fe /usr/bin/sox /usr/bin/pocketsphinx_mdef_convert; do
  [ -e "$need" ] || { echo "adapt-acoustic-model: missing $need (apt packages pocketsphinx-en-us pocketsphinx-testdata sphinxtrain sphinxbase-utils sox)" >&2; exit 1; }
done

work=$(mktemp -d)
trap '[ -n "${KEEP_WORK:-}" ] || rm -rf "$work"' EXIT
mkdir -p "$work/wav" "$work/mfc" "$work/acc"

# id, source file, transcript (the corpus's own transcripts; goforward/something/dhd from pocketsphinx's tests)
{
  sed -E 's/^<s> (.*) <\/s> \((.*)\)$/\2\tlibrivox\/\2.wav\t\1/' "$data/librivox/transcription"
  # cards/005 is held out: tests decode it through the phone path with the adapted model
  grep -v '(005)' "$data/cards/cards.transcription" | sed -E 's/^<s> (.*) +<\/s> \((.*)\)$/cards-\2\tcards\/\2.wav\t\1/'

  printf 'goforward\tgoforward.raw\tgo forward ten meters\n'
  printf 'something\tsomething.raw\tgo somewhere and do something\n'
  printf 'tidigits-dhd\ttidigits/dhd.2934z.raw\ttwo nine three four zero\n'
} | sed -E 's/ +\t/\t/; s/ +$//' > "$work/list.tsv"

# The phone path (same filters as CollectIq.Speech.Audio.PhoneLine): Butterworth 300 Hz high-pass and 3400 Hz
# low-pass as two biquads each (Q 0.5412, 1.3066), 8 kHz, µ-law, then 16 kHz PCM as the decoder sees it.
band="highpass -2 300 0.5412q highpass -2 300 1.3066q lowpass -2 3400 0.5412q lowpass -2 3400 1.3066q"
: > "$work/adapt.fileids"; : > "$work/adapt.transcription"
while IFS=$'\t' read -r id file text; do
  in=(-G); case "$file" in *.raw) in=(-G -t raw -r 16000 -e signed -b 16 -c 1) ;; esac
  sox -q -D "${in[@]}" "$data/$file" -r 16000 -e signed -b 16 -c 1 "$work/$id.16k.wav"
  if [ -n "$noise_dbfs" ]; then
    # uniform white noise, amplitude sqrt(3) x RMS
    amp=$(python3 -c "print(3**0.5 * 10**($noise_dbfs/20))")
    sox -q -R -n -r 16000 -b 16 -c 1 "$work/$id.noise.wav" synth "$(soxi -D "$work/$id.16k.wav")" whitenoise vol "$amp"
    sox -q -D -G -m "$work/$id.16k.wav" "$work/$id.noise.wav" "$work/$id.mix.wav" && mv "$work/$id.mix.wav" "$work/$id.16k.wav"
  fi
  sox -q -D -G "$work/$id.16k.wav" -t raw -r 8000 -e mu-law -b 8 -c 1 "$work/$id.ulaw" $band rate -v 8000
  sox -q -D -t raw -r 8000 -e mu-law -b 8 -c 1 "$work/$id.ulaw" -r 16000 -e signed -b 16 "$work/wav/$id.wav" rate -v 16000
  echo "$id" >> "$work/adapt.fileids"
  echo "<s> $text </s> ($id)" >> "$work/adapt.transcription"
done < "$work/list.tsv"

sphinx_fe -argfile "$model/feat.params" -samprate 16000 -c "$work/adapt.fileids" -di "$work/wav" -do "$work/mfc" \
  -ei wav -eo mfc -mswav yes > "$work/fe.log" 2>&1 || { cat "$work/fe.log" >&2; exit 1; }
pocketsphinx_mdef_convert -text "$model/mdef" "$work/mdef.txt" > "$work/mdef.log" 2>&1
python3 scripts/adapt/sendump-to-mixw.py "$model/sendump" "$work/mixture_weights" > /dev/null

mkdir -p "$out"
for iteration in $(seq 1 "$iterations"); do
mllr_in=(); [ "$iteration" -gt 1 ] && mllr_in=(-mllrmat "$out/mllr_matrix.tmp")
rm -rf "$work/acc"; mkdir -p "$work/acc"
"$st/bw" "${mllr_in[@]}" -hmmdir "$model" -moddeffn "$work/mdef.txt" -ts2cbfn .ptm. -mixwfn "$work/mixture_weights" \
  -meanfn "$model/means" -varfn "$model/variances" -tmatfn "$model/transition_matrices" \
  -feat 1s_c_d_dd -svspec 0-12/13-25/26-38 -cmn current -agc none \
  -dictfn "$dict" -fdictfn "$model/noisedict" -ctlfn "$work/adapt.fileids" -lsnfn "$work/adapt.transcription" \
  -cepdir "$work/mfc" -cepext mfc -accumdir "$work/acc" > "$work/bw.log" 2>&1 || { tail -30 "$work/bw.log" >&2; exit 1; }

"$st/mllr_solve" -meanfn "$model/means" -varfn "$model/variances" -outmllrfn "$out/mllr_matrix.tmp" \
  -accumdir "$work/acc" > "$work/mllr.log" 2>&1 || { tail -30 "$work/mllr.log" >&2; exit 1; }
done
mv "$out/mllr_matrix.tmp" "$out/mllr_matrix"
cp "$work/adapt.transcription" "$out/adaptation-data.txt"
grep -E "overall>|frames" "$work/bw.log" | tail -2 > "$out/bw-summary.txt" || true
echo "$version" > "$out/VERSION"
echo "Acoustic model adapted to the telephone channel: $out/mllr_matrix ($(wc -l < "$out/adaptation-data.txt") utterances)"
