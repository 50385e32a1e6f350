package dev.textbridge.crm.local;

import dev.textbridge.crm.api.RecordType;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A record of the local CRM as its own screen would show it: phones exactly as typed, in the seed's words.
 *
 * @param owner        the user or team that owns it; null when the seed gives none
 * @param active       an open lead, an open opportunity, an active contact or account
 * @param phones       phone field name ({@code business}, {@code mobile}, ...) to the text as written in the CRM, in
 *                     the seed's order; a lead the connector created holds its number in {@code mobile}
 * @param contact      for an opportunity, its contact's id (or null); null for the other types
 * @param account      for an opportunity, its account's id (or null); null for the other types
 * @param source       where the record came from, as a CRM's lead source field holds it: {@code SMS} for a lead the
 *                     connector created, else what the seed says; null when it says nothing
 */
public record LocalRecord(RecordType type, String id, String name, String owner, boolean active,
                          Instant lastModified, Map<String, String> phones, String contact, String account,
                          String source) {
    public LocalRecord {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(lastModified, "lastModified");
        phones = Collections.unmodifiableMap(new LinkedHashMap<>(phones == null ? Map.of() : phones));
    }
}
