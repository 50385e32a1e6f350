package dev.textbridge.mappings.model;

/**
 * How many SMS parts a text takes and in which encoding, the way carriers and Twilio's segment calculator count: one
 * character outside the GSM-7 alphabet makes the whole text UCS-2; GSM-7 extension characters take two septets;
 * characters outside the Basic Multilingual Plane (most emoji) take two UCS-2 units; and no character is split
 * across two parts.
 *
 * @param units septets for GSM-7, UTF-16 code units for UCS-2
 */
public record SegmentCount(SmsEncoding encoding, int segments, int units) {

    private static final String GSM_BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001BÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private static final String GSM_EXTENSION = "\f^{}\\[~]|€";

    public static SegmentCount of(String text) {
        String body = text == null ? "" : text;
        boolean gsm = body.chars().allMatch(c -> GSM_BASIC.indexOf(c) >= 0 || GSM_EXTENSION.indexOf(c) >= 0);
        SmsEncoding encoding = gsm ? SmsEncoding.GSM_7 : SmsEncoding.UCS_2;
        int total = 0;
        int segments = 1;
        int inPart = 0;
        int[] sizes = gsm
                ? body.chars().map(c -> GSM_EXTENSION.indexOf(c) >= 0 ? 2 : 1).toArray()
                : body.codePoints().map(Character::charCount).toArray();
        for (int size : sizes) {
            total += size;
        }
        if (total > encoding.singleLimit()) {
            for (int size : sizes) {
                if (inPart + size > encoding.partLimit()) {
                    segments++;
                    inPart = 0;
                }
                inPart += size;
            }
        }
        return new SegmentCount(encoding, segments, total);
    }
}
