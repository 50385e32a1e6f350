package dev.textbridge.mappings.crm;

import java.util.Locale;

/** The kinds of CRM record an activity can be linked to, as a mapping names them. */
public enum RecordKind {
    CONTACT, ACCOUNT, OPPORTUNITY, LEAD;

    /** The lower-case name used in the mapping's YAML. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
