package dev.textbridge.crm.salesforce.internal;

import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reading REST API records ({@code {"attributes": {...}, "Id": ..., "Opportunity": {...},
 * "Opportunities": {"records": [...]}}}) as plain values.
 */
final class JsonRecords {

    /** How the REST API writes a dateTime: {@code 2026-11-25T09:00:00.000+0000}. */
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXX");

    private JsonRecords() {
    }

    static String text(JsonNode record, String field) {
        JsonNode value = record.get(field);
        return value == null || value.isNull() || !value.isValueNode() ? null : value.asString();
    }

    static boolean bool(JsonNode record, String field) {
        return Boolean.parseBoolean(text(record, field));
    }

    static Instant instant(JsonNode record, String field) {
        String value = text(record, field);
        return value == null ? null : OffsetDateTime.parse(value, DATE_TIME).toInstant();
    }

    /** The parent record of a relationship ({@code Opportunity} of an OpportunityContactRole), if any. */
    static Optional<JsonNode> parent(JsonNode record, String relationship) {
        JsonNode parent = record.get(relationship);
        return parent == null || !parent.isObject() ? Optional.empty() : Optional.of(parent);
    }

    /** The records of a parent-to-child subquery; empty when none (Salesforce answers null then). */
    static List<JsonNode> children(JsonNode record, String relationship) {
        List<JsonNode> children = new ArrayList<>();
        record.path(relationship).path("records").forEach(children::add);
        return children;
    }
}
