package dev.textbridge.mappings.model;

/** How a text travels over SMS: 7-bit GSM when every character is in the GSM alphabet, else 16-bit UCS-2. */
public enum SmsEncoding {
    GSM_7("GSM-7", 160, 153),
    UCS_2("UCS-2", 70, 67);

    private final String wireName;
    private final int singleLimit;
    private final int partLimit;

    SmsEncoding(String wireName, int singleLimit, int partLimit) {
        this.wireName = wireName;
        this.singleLimit = singleLimit;
        this.partLimit = partLimit;
    }

    /** {@code GSM-7} or {@code UCS-2}, as the API shows it. */
    public String wireName() {
        return wireName;
    }

    /** Units (septets or UTF-16 code units) that fit one SMS on its own. */
    public int singleLimit() {
        return singleLimit;
    }

    /** Units per part of a concatenated SMS (the rest carries the 6-octet header). */
    public int partLimit() {
        return partLimit;
    }
}
