#!/usr/bin/env bash
# Installs what CollectIQ needs and is missing: Debian packages, the Silero VAD model (npm), NuGet restore.
# Idempotent and quiet when everything is there. Usage: scripts/bootstrap.sh [--test]
set -euo pipefail
cd "$(dirname "$0")/.."
want_test=0; [ "${1:-}" = "--test" ] && want_test=1

pkgs=(pocketsphinx pocketsphinx-en-us libpocketsphinx3 libsphinxbase3 espeak-ng libespeak-ng1 flite libflite1
      libwebrtc-audio-processing1 libsoxr0 sox sqlite3 ca-certificates
      sphinxtrain sphinxbase-utils pocketsphinx-testdata python3)
[ $want_test = 1 ] && pkgs+=(postgresql chromium fonts-dejavu-core)

missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing Debian packages: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Silero VAD ships in the npm package @ricky0123/vad-web (MIT); fetch it with npm pack, keep dist/*.onnx.
models=.cache/models
if [ ! -f "$models/silero_vad_v5.onnx" ]; then
  mkdir -p "$models/tmp"
  ( cd "$models/tmp" && npm pack --silent @ricky0123/vad-web@0.0.31 >/dev/null 2>&1 || npm pack --silent @ricky0123/vad-web >/dev/null )
  tar -xzf "$models"/tmp/*.tgz -C "$models/tmp"
  cp "$models"/tmp/package/dist/silero_vad_*.onnx "$models/"
  rm -rf "$models/tmp"
fi

# Telephone-channel MLLR transform for pocketsphinx (sphinxtrain on band-limited human speech; see the script).
scripts/adapt-acoustic-model.sh "$models/en-us-telephone"

command -v dotnet >/dev/null || { echo "The .NET 10 SDK is required (dotnet not found)." >&2; exit 1; }
