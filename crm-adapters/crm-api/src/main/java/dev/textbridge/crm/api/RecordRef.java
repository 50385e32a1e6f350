package dev.textbridge.crm.api;

import java.util.Objects;

/** Identifies one CRM record. */
public record RecordRef(RecordType type, String id) {
    public RecordRef {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(id, "id");
    }

    @Override
    public String toString() {
        return type.wireName() + ":" + id;
    }
}
