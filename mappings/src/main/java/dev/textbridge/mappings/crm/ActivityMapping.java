package dev.textbridge.mappings.crm;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a text message is written in the CRM: the object that holds it, the field holding its idempotency key, the
 * field linking it to each kind of record, the owner field, the field each attribute goes into, texts made from
 * templates, and fields always set to the same value. Read it with {@link ActivityMappings}, which checks it.
 *
 * @param object     the object activities are written to ({@code Task}, or a custom object)
 * @param keyField   a unique text field holding the text's key, which makes a repeated write find the first one
 * @param ownerField the field holding the activity's owner; null leaves the owner to the CRM
 * @param links      per kind of record, the field that links an activity to it (fields may be shared)
 * @param fields     per attribute, the field it goes into
 * @param templates  per field, the text written into it
 * @param constants  per field, the value it is always given on create
 */
public record ActivityMapping(String object, String keyField, String ownerField, Map<RecordKind, String> links,
                              Map<ActivityAttribute, String> fields, Map<String, TextTemplate> templates,
                              Map<String, String> constants) {

    public ActivityMapping {
        Objects.requireNonNull(object, "object");
        Objects.requireNonNull(keyField, "keyField");
        links = copy(new EnumMap<>(RecordKind.class), links);
        fields = copy(new EnumMap<>(ActivityAttribute.class), fields);
        templates = copy(new LinkedHashMap<>(), templates);
        constants = copy(new LinkedHashMap<>(), constants);
        for (RecordKind kind : RecordKind.values()) {
            if (!links.containsKey(kind)) {
                throw new IllegalArgumentException("no link field for " + kind.wireName());
            }
        }
    }

    /** The field linking an activity to a record of that kind. */
    public String link(RecordKind kind) {
        return links.get(kind);
    }

    /** Every link field once, in the order contact, account, opportunity, lead. */
    public List<String> linkFields() {
        return List.copyOf(new LinkedHashSet<>(links.values()));
    }

    public Optional<String> field(ActivityAttribute attribute) {
        return Optional.ofNullable(fields.get(attribute));
    }

    /** The fields set on create besides the key, the link and the owner, with their values for this text. */
    public Map<String, String> valuesOnCreate(ActivityFacts facts) {
        Map<String, String> values = new LinkedHashMap<>();
        templates.forEach((field, template) -> values.put(field, template.render(facts)));
        fields.forEach((attribute, field) -> {
            String value = facts.value(attribute);
            if (value != null) {
                values.put(field, value);
            }
        });
        values.putAll(constants);
        return values;
    }

    /** Every field the mapping names, each once: key, owner, links, attributes, templates, constants. */
    public List<String> allFields() {
        List<String> all = new ArrayList<>();
        all.add(keyField);
        if (ownerField != null) {
            all.add(ownerField);
        }
        all.addAll(linkFields());
        all.addAll(fields.values());
        all.addAll(templates.keySet());
        all.addAll(constants.keySet());
        return List.copyOf(new LinkedHashSet<>(all));
    }

    private static <K, V, M extends Map<K, V>> Map<K, V> copy(M target, Map<K, V> source) {
        if (source != null) {
            target.putAll(source);
        }
        return java.util.Collections.unmodifiableMap(target);
    }
}
