package dev.textbridge.crm.api;

import java.util.Locale;

/** The four kinds of CRM record a conversation can belong to. */
public enum RecordType {
    CONTACT, ACCOUNT, OPPORTUNITY, LEAD;

    /** The lower-case name used in JSON, configuration and the seed file. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the accepted values */
    public static RecordType fromWireName(String name) {
        for (RecordType type : values()) {
            if (type.wireName().equalsIgnoreCase(name == null ? "" : name.strip())) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown record type '" + name + "' (expected contact, account, opportunity or lead)");
    }
}
