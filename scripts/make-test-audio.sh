#!/usr/bin/env bash
# Regenerates the WAV files that Chromium's fake microphone plays in the end-to-end
# tests: Spanish speech from espeak-ng and four seconds of digital silence, both
# 16 kHz mono 16-bit. Needs Debian's espeak-ng and sox.
set -euo pipefail
folder="$(dirname "$0")/../test/fixtures/audio"
raw="$(mktemp --suffix=.wav)"
trap 'rm -f "$raw"' EXIT

espeak-ng -v es -s 150 -w "$raw" "Buenos días, soy Ana Pérez. ¿En qué le puedo servir? Estoy probando el micrófono de la diadema."
sox "$raw" -r 16000 -c 1 -b 16 "$folder/voz.wav"
sox -n -r 16000 -c 1 -b 16 "$folder/silencio.wav" trim 0 4
