package dev.textbridge.mappings.crm;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads an {@link ActivityMapping} from YAML and checks it, so that a mapping that cannot work stops the start with a
 * message naming the YAML path of what is wrong. The shape, with the default for Salesforce:
 * <pre>
 * object: Task
 * key-field: Textbridge_Key__c
 * owner-field: OwnerId
 * links: {contact: WhoId, lead: WhoId, account: WhatId, opportunity: WhatId}
 * fields: {body: Description, date: ActivityDate, delivery-status: ..., failure-reason: ...}
 * templates:
 *   Subject: {inbound: "Inbound SMS from {customer-number}", outbound: "Outbound SMS to {customer-number}"}
 * constants: {Status: Completed, Priority: Normal}
 * </pre>
 * A template may also be one text for both directions.
 */
public final class ActivityMappings {

    /** The classpath location of the default mapping for Salesforce. */
    public static final String SALESFORCE_DEFAULT = "dev/textbridge/mappings/crm/salesforce-fields.yaml";

    private static final YAMLMapper YAML = YAMLMapper.builder().build();
    private static final Pattern API_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
    private static final List<String> KEYS = List.of("object", "key-field", "owner-field", "links", "fields",
            "templates", "constants");
    private static final ActivityMapping SALESFORCE = readDefault();

    private ActivityMappings() {
    }

    /** What the Salesforce adapter writes unless an admin says otherwise: a completed Task. */
    public static ActivityMapping salesforceDefault() {
        return SALESFORCE;
    }

    /**
     * @param source where the text came from, named in error messages
     * @throws InvalidMappingException naming the YAML path of the first problem found
     */
    public static ActivityMapping read(String yaml, String source) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JacksonException e) {
            throw new InvalidMappingException(source, "(document)", "is not YAML: " + e.getOriginalMessage());
        }
        return new Reader(source).mapping(root);
    }

    private static ActivityMapping readDefault() {
        try (InputStream in = ActivityMappings.class.getClassLoader().getResourceAsStream(SALESFORCE_DEFAULT)) {
            if (in == null) {
                throw new IllegalStateException("the default mapping " + SALESFORCE_DEFAULT + " is not on the classpath");
            }
            return read(new String(in.readAllBytes(), StandardCharsets.UTF_8), "classpath:" + SALESFORCE_DEFAULT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Walks the tree once, remembering which path wrote each field so that a field written twice is named. */
    private static final class Reader {
        private final String source;
        private final Map<String, String> writtenBy = new HashMap<>();

        Reader(String source) {
            this.source = source;
        }

        ActivityMapping mapping(JsonNode root) {
            if (root == null || root.isMissingNode() || root.isNull()) {
                throw fail("(document)", "is empty; a mapping names at least object, key-field and links");
            }
            if (!root.isObject()) {
                throw fail("(document)", "is no mapping of keys to values");
            }
            for (String key : root.propertyNames()) {
                if (!KEYS.contains(key)) {
                    throw fail(key, "unknown key; expected one of " + String.join(", ", KEYS));
                }
            }
            String object = apiName(root, "object", true);
            String keyField = field(root, "key-field", true);
            String ownerField = field(root, "owner-field", false);
            Map<RecordKind, String> links = links(root.get("links"));
            Map<ActivityAttribute, String> fields = attributes(root.get("fields"));
            Map<String, TextTemplate> templates = templates(root.get("templates"));
            Map<String, String> constants = constants(root.get("constants"));
            return new ActivityMapping(object, keyField, ownerField, links, fields, templates, constants);
        }

        private Map<RecordKind, String> links(JsonNode node) {
            Map<RecordKind, String> links = new EnumMap<>(RecordKind.class);
            Map<String, String> names = entries(node, "links", true);
            names.forEach((kind, field) -> {
                RecordKind known = Arrays.stream(RecordKind.values()).filter(k -> k.wireName().equals(kind))
                        .findFirst().orElseThrow(() -> fail("links." + kind, "unknown record type; expected "
                                + Arrays.stream(RecordKind.values()).map(RecordKind::wireName)
                                .collect(Collectors.joining(", "))));
                links.put(known, checkedName("links." + kind, field));
            });
            // several record types may share one link field (a Task's WhoId), so links are claimed once each
            for (String field : Set.copyOf(links.values())) {
                claim(field, "links");
            }
            for (RecordKind kind : RecordKind.values()) {
                if (!links.containsKey(kind)) {
                    throw fail("links." + kind.wireName(), "missing; every record type needs the field that links an"
                            + " activity to a " + kind.wireName());
                }
            }
            return links;
        }

        private Map<ActivityAttribute, String> attributes(JsonNode node) {
            Map<ActivityAttribute, String> fields = new EnumMap<>(ActivityAttribute.class);
            entries(node, "fields", false).forEach((name, field) -> {
                ActivityAttribute attribute = ActivityAttribute.fromWireName(name);
                if (attribute == null) {
                    throw fail("fields." + name, "unknown activity attribute; expected one of " + attributeNames());
                }
                fields.put(attribute, claim(checkedName("fields." + name, field), "fields." + name));
            });
            return fields;
        }

        private Map<String, TextTemplate> templates(JsonNode node) {
            Map<String, TextTemplate> templates = new LinkedHashMap<>();
            if (node == null || node.isNull()) {
                return templates;
            }
            if (!node.isObject()) {
                throw fail("templates", "must map fields to texts");
            }
            for (Map.Entry<String, JsonNode> entry : node.properties()) {
                String path = "templates." + entry.getKey();
                String field = claim(checkedName(path, entry.getKey()), path);
                JsonNode value = entry.getValue();
                TextTemplate template;
                if (value.isObject()) {
                    for (String key : value.propertyNames()) {
                        if (!key.equals("inbound") && !key.equals("outbound")) {
                            throw fail(path + "." + key, "unknown key; expected inbound and outbound");
                        }
                    }
                    template = new TextTemplate(text(value.get("inbound"), path + ".inbound"),
                            text(value.get("outbound"), path + ".outbound"));
                } else {
                    String text = text(value, path);
                    template = new TextTemplate(text, text);
                }
                templates.put(field, template);
            }
            return templates;
        }

        private String text(JsonNode node, String path) {
            if (node == null || node.isNull()) {
                throw fail(path, "missing; give the text, with placeholders such as {customer-number}");
            }
            if (!node.isValueNode()) {
                throw fail(path, "must be a text");
            }
            String text = node.asString();
            List<String> unknown = TextTemplate.unknownPlaceholders(text);
            if (!unknown.isEmpty()) {
                throw fail(path, "unknown placeholder " + unknown.get(0) + "; a template may use "
                        + Arrays.stream(ActivityAttribute.values()).filter(ActivityAttribute::isPlaceholder)
                        .map(a -> "{" + a.wireName() + "}").collect(Collectors.joining(", ")));
            }
            return text;
        }

        private Map<String, String> constants(JsonNode node) {
            Map<String, String> constants = new LinkedHashMap<>();
            entries(node, "constants", false).forEach((field, value) ->
                    constants.put(claim(checkedName("constants." + field, field), "constants." + field), value));
            return constants;
        }

        /** The scalar entries of a map; a missing map is empty unless required. */
        private Map<String, String> entries(JsonNode node, String path, boolean required) {
            Map<String, String> entries = new LinkedHashMap<>();
            if (node == null || node.isNull()) {
                if (required) {
                    throw fail(path, "missing; map contact, account, opportunity and lead to the fields that link an"
                            + " activity to them");
                }
                return entries;
            }
            if (!node.isObject()) {
                throw fail(path, "must be a map of names to values");
            }
            for (Map.Entry<String, JsonNode> entry : node.properties()) {
                JsonNode value = entry.getValue();
                if (value == null || value.isNull() || !value.isValueNode() || value.asString().isBlank()) {
                    throw fail(path + "." + entry.getKey(), "must be a single value");
                }
                entries.put(entry.getKey(), value.asString().strip());
            }
            return entries;
        }

        private String field(JsonNode root, String key, boolean required) {
            String name = apiName(root, key, required);
            return name == null ? null : claim(name, key);
        }

        private String apiName(JsonNode root, String key, boolean required) {
            JsonNode node = root.get(key);
            if (node == null || node.isNull()) {
                if (required) {
                    throw fail(key, "missing; " + (key.equals("object")
                            ? "name the object activities are written to (Task, or a custom object such as"
                            + " Text_Message__c)"
                            : "name the unique text field that holds each text's key (Textbridge_Key__c on Task)"));
                }
                return null;
            }
            if (!node.isValueNode()) {
                throw fail(key, "must be a single name");
            }
            return checkedName(key, node.asString().strip());
        }

        private String checkedName(String path, String name) {
            if (!API_NAME.matcher(name).matches()) {
                throw fail(path, "'" + name + "' is no Salesforce API name");
            }
            return name;
        }

        /** Each field is written from one place only; two would race for its value. */
        private String claim(String field, String path) {
            String earlier = writtenBy.putIfAbsent(field.toLowerCase(java.util.Locale.ROOT), path);
            if (earlier != null) {
                throw fail(path, field + " is already written by " + earlier);
            }
            return field;
        }

        private InvalidMappingException fail(String path, String problem) {
            return new InvalidMappingException(source, path, problem);
        }

        private static String attributeNames() {
            return Arrays.stream(ActivityAttribute.values()).map(ActivityAttribute::wireName)
                    .collect(Collectors.joining(", "));
        }
    }
}
