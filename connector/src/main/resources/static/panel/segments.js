// How many SMS parts a text takes, by the same rules as the connector's SegmentCount (mappings): one character
// outside the GSM-7 alphabet makes the whole text UCS-2; GSM-7 extension characters take two septets; characters
// outside the Basic Multilingual Plane take two UCS-2 units; no character is split across two parts.
// SegmentCounterBrowserTest checks that this file and SegmentCount agree on a table of bodies.

const GSM_BASIC = '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001BÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?'
  + '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM_EXTENSION = '\f^{}\\[~]|€';

const ENCODINGS = {
  'GSM-7': { singleLimit: 160, partLimit: 153 },
  'UCS-2': { singleLimit: 70, partLimit: 67 },
};

/** @returns {{encoding: 'GSM-7'|'UCS-2', segments: number, units: number}} */
export function segmentCount(text) {
  const body = text ?? '';
  const codeUnits = Array.from({ length: body.length }, (_, i) => body[i]);
  const gsm = codeUnits.every(c => GSM_BASIC.includes(c) || GSM_EXTENSION.includes(c));
  const encoding = gsm ? 'GSM-7' : 'UCS-2';
  const sizes = gsm
    ? codeUnits.map(c => (GSM_EXTENSION.includes(c) ? 2 : 1))
    : Array.from(body, ch => (ch.codePointAt(0) > 0xFFFF ? 2 : 1));
  const total = sizes.reduce((sum, size) => sum + size, 0);
  const { singleLimit, partLimit } = ENCODINGS[encoding];
  let segments = 1;
  if (total > singleLimit) {
    let inPart = 0;
    for (const size of sizes) {
      if (inPart + size > partLimit) {
        segments++;
        inPart = 0;
      }
      inPart += size;
    }
  }
  return { encoding, segments, units: total };
}
