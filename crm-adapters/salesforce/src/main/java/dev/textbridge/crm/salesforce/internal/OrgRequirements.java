package dev.textbridge.crm.salesforce.internal;

import dev.textbridge.crm.api.RecordType;
import dev.textbridge.crm.salesforce.SalesforceSettings;
import dev.textbridge.mappings.crm.ActivityMapping;
import dev.textbridge.mappings.crm.ActivityMappings;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one list of what the adapter reads and writes in an org: each object, each field and the access the integration
 * user needs to it. The org check compares it with {@code describeSObjects}; the setup kit's test checks that every
 * custom field here is in the kit and granted by its integration permission set.
 */
public final class OrgRequirements {

    /** What the integration user must be able to do with a field. */
    public enum Access {
        /** read it in queries */
        READ,
        /** filter on it in a WHERE clause */
        FILTER,
        /** set it when creating a record */
        CREATE,
        /** change it on an existing record */
        UPDATE,
        /** the org refuses a second record with the same value (what makes repeated writes safe) */
        UNIQUE
    }

    /**
     * One field the adapter uses.
     *
     * @param fromKit whether the setup kit defines it (a custom field), rather than every org having it
     * @param setting the configuration key that named it, when an admin chose it (a phone field); else null
     */
    public record FieldNeed(String object, String field, Set<Access> access, boolean fromKit, String setting) {
        public FieldNeed {
            access = Set.copyOf(access);
        }

        public String qualifiedName() {
            return object + "." + field;
        }
    }

    /** The configuration key naming the activity mapping, which admins correct when a mapped field is wrong. */
    public static final String FIELD_MAPPING = "textbridge.crm.salesforce.field-mapping";

    /** Custom fields the adapter writes on Lead; the setup kit defines them. */
    public static final List<String> KIT_LEAD_FIELDS = List.of(KeyField.NAME);

    private static final Set<Access> READ = Set.of(Access.READ);
    private static final Set<Access> FILTER = Set.of(Access.READ, Access.FILTER);
    private static final Set<Access> CREATE = Set.of(Access.READ, Access.CREATE);
    private static final Set<Access> WRITE = Set.of(Access.READ, Access.CREATE, Access.UPDATE);
    private static final Set<Access> KEY = Set.of(Access.READ, Access.FILTER, Access.CREATE, Access.UNIQUE);

    private final List<String> objects;
    private final String activityObject;
    private final List<FieldNeed> fields;

    private OrgRequirements(List<String> objects, String activityObject, List<FieldNeed> fields) {
        this.objects = List.copyOf(objects);
        this.activityObject = activityObject;
        this.fields = List.copyOf(fields);
    }

    /** What the adapter needs with these settings (their phone fields included). */
    public static OrgRequirements of(SalesforceSettings settings) {
        List<FieldNeed> needs = new ArrayList<>();
        standard(needs, "Contact", READ, "Name", "LastModifiedDate");
        standard(needs, "Contact", FILTER, "OwnerId", "AccountId");
        standard(needs, "Account", READ, "Name", "LastModifiedDate");
        standard(needs, "Account", FILTER, "OwnerId");
        standard(needs, "Lead", READ, "Name", "LastModifiedDate");
        standard(needs, "Lead", FILTER, "Status", "IsConverted");
        standard(needs, "Lead", CREATE, "LastName", "Company", "LeadSource", "MobilePhone", "OwnerId");
        kit(needs, "Lead", KEY, KIT_LEAD_FIELDS);
        standard(needs, "Opportunity", READ, "Name", "OwnerId", "LastModifiedDate");
        standard(needs, "Opportunity", FILTER, "IsClosed", "AccountId");
        standard(needs, "OpportunityContactRole", FILTER, "OpportunityId", "ContactId");
        ActivityMapping mapping = settings.activityMapping();
        activity(needs, mapping, mapping.keyField(), KEY);
        for (String link : mapping.linkFields()) {
            activity(needs, mapping, link, WRITE);
        }
        if (mapping.ownerField() != null) {
            activity(needs, mapping, mapping.ownerField(), CREATE);
        }
        mapping.fields().forEach((attribute, field) ->
                activity(needs, mapping, field, attribute.isUpdated() ? WRITE : CREATE));
        for (String field : mapping.templates().keySet()) {
            activity(needs, mapping, field, CREATE);
        }
        for (String field : mapping.constants().keySet()) {
            activity(needs, mapping, field, CREATE);
        }
        standard(needs, "User", FILTER, "Name", "IsActive");
        standard(needs, "Group", FILTER, "Name", "Type");
        standard(needs, "GroupMember", FILTER, "GroupId", "UserOrGroupId");
        standard(needs, "PermissionSetAssignment", FILTER, "AssigneeId", "PermissionSetId");
        for (String object : List.of("Contact", "Lead")) {
            if (settings.consentField() != null) {
                needs.add(new FieldNeed(object, settings.consentField(), Set.of(Access.READ, Access.UPDATE), false,
                        "textbridge.crm.salesforce.consent-field"));
            }
            if (settings.consentChangedField() != null) {
                needs.add(new FieldNeed(object, settings.consentChangedField(), Set.of(Access.READ, Access.UPDATE),
                        false, "textbridge.crm.salesforce.consent-changed-field"));
            }
        }
        settings.phoneFields().forEach((type, names) -> {
            String object = objectOf(type);
            for (String name : names) {
                needs.add(new FieldNeed(object, name, FILTER, false,
                        "textbridge.crm.salesforce.phone-fields." + type.wireName()));
            }
        });
        List<String> objects = new ArrayList<>(List.of("Contact", "Account", "Lead", "Opportunity",
                "OpportunityContactRole", mapping.object(), "User", "Group", "GroupMember", "PermissionSetAssignment"));
        return new OrgRequirements(objects.stream().distinct().toList(), mapping.object(), merged(needs));
    }

    /** The objects the adapter queries, in the order the check describes them. */
    public List<String> objects() {
        return objects;
    }

    /** The object texts are written to ({@code Task} unless the activity mapping names another). */
    public String activityObject() {
        return activityObject;
    }

    public List<FieldNeed> fields() {
        return fields;
    }

    /** The fields needed on one object. */
    public List<FieldNeed> fieldsOf(String object) {
        return fields.stream().filter(need -> need.object().equals(object)).toList();
    }

    private static String objectOf(RecordType type) {
        return switch (type) {
            case CONTACT -> "Contact";
            case ACCOUNT -> "Account";
            case OPPORTUNITY -> "Opportunity";
            case LEAD -> "Lead";
        };
    }

    private static void standard(List<FieldNeed> needs, String object, Set<Access> access, String... fields) {
        for (String field : fields) {
            needs.add(new FieldNeed(object, field, access, false, null));
        }
    }

    /**
     * A field of the activity object: what the shipped mapping writes on Task is the kit's (custom fields) or every
     * org's; anything else an admin mapped, and corrects in {@value #FIELD_MAPPING}.
     */
    private static void activity(List<FieldNeed> needs, ActivityMapping mapping, String field, Set<Access> access) {
        ActivityMapping shipped = ActivityMappings.salesforceDefault();
        boolean asShipped = mapping.object().equals(shipped.object()) && shipped.allFields().contains(field);
        needs.add(new FieldNeed(mapping.object(), field, access, asShipped && field.endsWith("__c"),
                asShipped ? null : FIELD_MAPPING));
    }

    private static void kit(List<FieldNeed> needs, String object, Set<Access> access, List<String> fields) {
        for (String field : fields) {
            needs.add(new FieldNeed(object, field, access, true, null));
        }
    }

    /** One need per field: a field named twice (a phone field also written, say) needs both accesses. */
    private static List<FieldNeed> merged(List<FieldNeed> needs) {
        Map<String, FieldNeed> byName = new LinkedHashMap<>();
        for (FieldNeed need : needs) {
            byName.merge(need.qualifiedName(), need, (a, b) -> {
                Set<Access> access = new LinkedHashSet<>(a.access());
                access.addAll(b.access());
                return new FieldNeed(a.object(), a.field(), access, a.fromKit() || b.fromKit(),
                        a.setting() != null ? a.setting() : b.setting());
            });
        }
        return List.copyOf(byName.values());
    }
}
