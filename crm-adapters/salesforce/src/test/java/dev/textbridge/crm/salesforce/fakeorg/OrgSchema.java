package dev.textbridge.crm.salesforce.fakeorg;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What the fake org's integration user sees of its schema, answered as the Partner API's {@code describeSObjects}:
 * the standard objects and fields the adapter uses, plus the setup kit as deploying it would leave the org (its custom
 * fields, Activity fields on Task, with the field access its permission set {@code Textbridge_Integration} grants).
 * Tests take pieces away to see what the org check says.
 */
public final class OrgSchema {

    /** The setup kit, from the module directory (where Surefire runs the tests). */
    public static final Path KIT = Path.of("sfdx", "force-app", "main", "default");

    /** Thrown by {@link #describe} for a type the user cannot see; Salesforce answers it as a fault. */
    static final class InvalidType extends RuntimeException {
        InvalidType(String type) {
            super("sObject type '" + type + "' is not supported. If you are attempting to use a custom object, be sure"
                    + " to append the '__c' after the entity name. Please reference your WSDL or the describe call for"
                    + " the appropriate names.");
        }
    }

    /** One field as describe shows it. */
    static final class FieldDef {
        final String name;
        final String label;
        final String type;
        final String soapType;
        final int length;
        final boolean custom;
        final String referenceTo;
        boolean createable;
        boolean updateable;
        boolean filterable = true;
        boolean nillable = true;
        boolean unique;
        boolean externalId;
        boolean caseSensitive;

        FieldDef(String name, String label, String type, String soapType, int length, boolean custom, String referenceTo) {
            this.name = name;
            this.label = label;
            this.type = type;
            this.soapType = soapType;
            this.length = length;
            this.custom = custom;
            this.referenceTo = referenceTo;
        }
    }

    static final class ObjectDef {
        final String name;
        final String keyPrefix;
        boolean createable;
        boolean updateable;
        final Map<String, FieldDef> fields = new LinkedHashMap<>();

        ObjectDef(String name, String keyPrefix, boolean writable) {
            this.name = name;
            this.keyPrefix = keyPrefix;
            this.createable = writable;
            this.updateable = writable;
        }
    }

    private final Map<String, ObjectDef> objects = new LinkedHashMap<>();

    private OrgSchema() {
    }

    /** The standard objects with the kit deployed and its integration permission set assigned. */
    public static OrgSchema withKit() {
        OrgSchema schema = standard();
        schema.deploy(KIT);
        return schema;
    }

    static OrgSchema standard() {
        OrgSchema schema = new OrgSchema();
        ObjectDef contact = schema.object("Contact", "003", true);
        common(contact);
        text(contact, "Name", "Full Name", false);
        reference(contact, "AccountId", "Account", true);
        for (String phone : List.of("Phone", "MobilePhone", "HomePhone", "OtherPhone", "AssistantPhone", "Fax")) {
            phone(contact, phone);
        }
        ObjectDef account = schema.object("Account", "001", true);
        common(account);
        text(account, "Name", "Account Name", true);
        phone(account, "Phone");
        phone(account, "Fax");
        ObjectDef lead = schema.object("Lead", "00Q", true);
        common(lead);
        text(lead, "Name", "Full Name", false);
        text(lead, "LastName", "Last Name", true);
        text(lead, "Company", "Company", true);
        picklist(lead, "Status", "Status");
        picklist(lead, "LeadSource", "Lead Source");
        bool(lead, "IsConverted", false);
        phone(lead, "Phone");
        phone(lead, "MobilePhone");
        ObjectDef opportunity = schema.object("Opportunity", "006", true);
        common(opportunity);
        text(opportunity, "Name", "Name", true);
        reference(opportunity, "AccountId", "Account", true);
        bool(opportunity, "IsClosed", false);
        ObjectDef role = schema.object("OpportunityContactRole", "00K", true);
        reference(role, "OpportunityId", "Opportunity", true);
        reference(role, "ContactId", "Contact", true);
        ObjectDef task = schema.object("Task", "00T", true);
        reference(task, "OwnerId", "User", true);
        reference(task, "WhoId", "Contact", true);
        reference(task, "WhatId", "Account", true);
        text(task, "Subject", "Subject", true);
        field(task, "Description", "Comments", "textarea", "xsd:string", 32000, true).filterable = false;
        picklist(task, "Status", "Status");
        picklist(task, "Priority", "Priority");
        field(task, "ActivityDate", "Due Date Only", "date", "xsd:date", 0, true);
        ObjectDef user = schema.object("User", "005", false);
        text(user, "Name", "Full Name", false);
        bool(user, "IsActive", true);
        ObjectDef group = schema.object("Group", "00G", false);
        text(group, "Name", "Name", false);
        picklist(group, "Type", "Type");
        ObjectDef member = schema.object("GroupMember", "011", false);
        reference(member, "GroupId", "Group", false);
        reference(member, "UserOrGroupId", "User", false);
        ObjectDef assignment = schema.object("PermissionSetAssignment", "0Pa", false);
        reference(assignment, "AssigneeId", "User", false);
        reference(assignment, "PermissionSetId", "PermissionSet", false);
        return schema;
    }

    // --- what tests take away

    /** The integration user cannot see the object: describing it is refused. */
    public synchronized void hideObject(String object) {
        objects.remove(object);
    }

    /** The field is not there (not deployed, or hidden by field-level security). */
    public synchronized void dropField(String object, String field) {
        requireField(object, field);
        objects.get(object).fields.remove(field);
    }

    /** The integration user may read the field but not set it. */
    public synchronized void makeReadOnly(String object, String field) {
        FieldDef def = requireField(object, field);
        def.createable = false;
        def.updateable = false;
    }

    public synchronized void makeNotUnique(String object, String field) {
        requireField(object, field).unique = false;
    }

    /** The integration user may not create records of the object. */
    public synchronized void makeNotCreateable(String object) {
        objects.get(object).createable = false;
    }

    // --- what tests add, as an admin would in Setup

    /**
     * A custom object as an admin makes it in Setup: {@code Id}, {@code Name} (a text name field), {@code OwnerId},
     * {@code IsDeleted} and {@code LastModifiedDate}, createable and updateable by the integration user; its fields
     * come from {@link #addCustomField}.
     */
    public synchronized void addCustomObject(String name, String keyPrefix) {
        if (!name.endsWith("__c")) {
            throw new IllegalArgumentException("a custom object's API name ends in __c: " + name);
        }
        ObjectDef object = object(name, keyPrefix, true);
        common(object);
        text(object, "Name", "Name", true);
        bool(object, "IsDeleted", false);
    }

    /**
     * A custom field the integration user may read and edit: {@code Text} (255), {@code LongTextArea} (32768),
     * {@code DateTime}, {@code Picklist}, {@code Checkbox}, {@code Lookup(Contact)}, or {@code ExternalId} (a unique,
     * case-sensitive external-id text field, what a key field is).
     */
    public synchronized void addCustomField(String object, String name, String kind) {
        ObjectDef def = objects.get(object);
        if (def == null || !name.endsWith("__c")) {
            throw new IllegalArgumentException(object + "." + name + ": no such object, or no custom field name");
        }
        FieldDef field;
        if (kind.startsWith("Lookup(") && kind.endsWith(")")) {
            field = new FieldDef(name, name, "reference", "tns:ID", 18, true, kind.substring(7, kind.length() - 1));
        } else {
            field = switch (kind) {
                case "Text" -> new FieldDef(name, name, "string", "xsd:string", 255, true, null);
                case "LongTextArea" -> new FieldDef(name, name, "textarea", "xsd:string", 32768, true, null);
                case "DateTime" -> new FieldDef(name, name, "datetime", "xsd:dateTime", 0, true, null);
                case "Picklist" -> new FieldDef(name, name, "picklist", "xsd:string", 255, true, null);
                case "Checkbox" -> new FieldDef(name, name, "boolean", "xsd:boolean", 0, true, null);
                case "ExternalId" -> new FieldDef(name, name, "string", "xsd:string", 255, true, null);
                default -> throw new IllegalArgumentException("the fake org knows no custom field kind " + kind);
            };
        }
        field.createable = true;
        field.updateable = true;
        field.filterable = !kind.equals("LongTextArea");
        field.nillable = !kind.equals("Checkbox");
        if (kind.equals("ExternalId")) {
            field.unique = true;
            field.externalId = true;
            field.caseSensitive = true;
        }
        def.fields.put(name, field);
    }

    /** Whether the integration user sees the object. */
    synchronized boolean hasObject(String object) {
        return objects.containsKey(object);
    }

    /** Whether the integration user sees the field on the object. */
    synchronized boolean hasField(String object, String field) {
        ObjectDef def = objects.get(object);
        return def != null && def.fields.keySet().stream().anyMatch(name -> name.equalsIgnoreCase(field));
    }

    /** The object a lookup field points to; null for any other field. */
    synchronized String referenceTo(String object, String field) {
        ObjectDef def = objects.get(object);
        FieldDef found = def == null ? null : def.fields.get(field);
        return found == null ? null : found.referenceTo;
    }

    // --- the Partner API

    synchronized String describe(List<String> types) {
        StringBuilder out = new StringBuilder("<describeSObjectsResponse>");
        for (String type : types) {
            ObjectDef object = objects.values().stream().filter(o -> o.name.equalsIgnoreCase(type)).findFirst()
                    .orElseThrow(() -> new InvalidType(type));
            out.append("<result>").append(render(object)).append("</result>");
        }
        return out.append("</describeSObjectsResponse>").toString();
    }

    private static String render(ObjectDef object) {
        StringBuilder out = new StringBuilder();
        out.append(el("activateable", false)).append(nil("associateEntityType")).append(nil("associateParentEntity"))
                .append(el("compactLayoutable", true)).append(el("createable", object.createable))
                .append(el("custom", false)).append(el("customSetting", false))
                .append(el("dataTranslationEnabled", false)).append(el("deepCloneable", false))
                .append(nil("defaultImplementation")).append(el("deletable", false))
                .append(el("deprecatedAndHidden", false)).append(el("feedEnabled", false));
        for (FieldDef field : object.fields.values()) {
            out.append("<fields>").append(render(field)).append("</fields>");
        }
        out.append(el("hasSubtypes", false)).append(el("idEnabled", true)).append(nil("implementedBy"))
                .append(nil("implementsInterfaces")).append(el("isInterface", false)).append(el("isSubtype", false))
                .append(el("keyPrefix", object.keyPrefix)).append(el("label", object.name))
                .append(el("labelPlural", object.name + "s")).append(el("layoutable", true))
                .append(el("listviewable", true)).append(el("lookupLayoutable", true))
                .append(el("mergeable", false)).append(el("mruEnabled", true)).append(el("name", object.name))
                .append(nil("networkScopeFieldName")).append(el("queryable", true))
                .append(el("replicateable", true)).append(el("retrieveable", true))
                .append(el("searchLayoutable", true)).append(el("searchable", true)).append(el("triggerable", true))
                .append(el("undeletable", false)).append(el("updateable", object.updateable))
                .append(el("urlDetail", "https://fake.my.salesforce.com/{ID}"))
                .append(el("urlEdit", "https://fake.my.salesforce.com/{ID}/e"))
                .append(el("urlNew", "https://fake.my.salesforce.com/" + object.keyPrefix + "/e"));
        return out.toString();
    }

    private static String render(FieldDef field) {
        boolean text = field.soapType.equals("xsd:string") || field.soapType.equals("tns:ID");
        StringBuilder out = new StringBuilder();
        out.append(el("aggregatable", field.filterable)).append(el("aiPredictionField", false))
                .append(el("autoNumber", false)).append(el("byteLength", text ? field.length * 3 : 0))
                .append(el("calculated", false)).append(el("caseSensitive", field.caseSensitive))
                .append(el("createable", field.createable)).append(el("custom", field.custom))
                .append(el("defaultedOnCreate", field.type.equals("boolean")))
                .append(el("deprecatedAndHidden", false)).append(el("digits", 0));
        if (field.custom) {
            out.append(el("externalId", field.externalId));
        }
        out.append(el("filterable", field.filterable)).append(el("groupable", field.filterable))
                .append(el("idLookup", field.externalId || field.name.equals("Id")))
                .append(el("label", field.label)).append(el("length", text ? field.length : 0))
                .append(el("name", field.name)).append(el("nameField", field.name.equals("Name")))
                .append(el("nillable", field.nillable)).append(el("permissionable", field.custom))
                .append(el("polymorphicForeignKey", false)).append(el("precision", 0))
                .append(el("queryByDistance", false));
        if (field.referenceTo != null) {
            out.append(el("referenceTo", field.referenceTo))
                    .append(el("relationshipName", field.name.substring(0, field.name.length() - 2)));
        }
        out.append(el("restrictedPicklist", false)).append(el("scale", 0)).append(el("searchPrefilterable", false))
                .append(el("soapType", field.soapType)).append(el("sortable", field.filterable))
                .append(el("type", field.type)).append(el("unique", field.unique))
                .append(el("updateable", field.updateable));
        return out.toString();
    }

    private static String el(String name, Object value) {
        return "<" + name + ">" + Envelopes.xml(String.valueOf(value)) + "</" + name + ">";
    }

    private static String nil(String name) {
        return "<" + name + " xsi:nil=\"true\"/>";
    }

    // --- building

    private ObjectDef object(String name, String keyPrefix, boolean writable) {
        ObjectDef object = new ObjectDef(name, keyPrefix, writable);
        FieldDef id = field(object, "Id", "Record ID", "id", "tns:ID", 18, false);
        id.createable = false;
        id.updateable = false;
        id.nillable = false;
        objects.put(name, object);
        return object;
    }

    private static void common(ObjectDef object) {
        reference(object, "OwnerId", "User", true);
        FieldDef modified = field(object, "LastModifiedDate", "Last Modified Date", "datetime", "xsd:dateTime", 0, false);
        modified.createable = false;
        modified.updateable = false;
    }

    private static FieldDef field(ObjectDef object, String name, String label, String type, String soapType,
                                  int length, boolean writable) {
        FieldDef field = new FieldDef(name, label, type, soapType, length, false, null);
        field.createable = writable;
        field.updateable = writable;
        object.fields.put(name, field);
        return field;
    }

    private static void text(ObjectDef object, String name, String label, boolean writable) {
        field(object, name, label, "string", "xsd:string", 255, writable);
    }

    private static void phone(ObjectDef object, String name) {
        field(object, name, name, "phone", "xsd:string", 40, true);
    }

    private static void picklist(ObjectDef object, String name, String label) {
        field(object, name, label, "picklist", "xsd:string", 255, true);
    }

    private static void bool(ObjectDef object, String name, boolean writable) {
        FieldDef field = field(object, name, name, "boolean", "xsd:boolean", 0, writable);
        field.nillable = false;
    }

    private static void reference(ObjectDef object, String name, String target, boolean writable) {
        FieldDef field = new FieldDef(name, name, "reference", "tns:ID", 18, false, target);
        field.createable = writable;
        field.updateable = writable;
        object.fields.put(name, field);
    }

    private FieldDef requireField(String object, String field) {
        ObjectDef def = objects.get(object);
        if (def == null || !def.fields.containsKey(field)) {
            throw new IllegalArgumentException(object + "." + field + " is not in the fake org's schema");
        }
        return def.fields.get(field);
    }

    /** Adds the kit's custom fields as the integration permission set lets its user see them. */
    private void deploy(Path kit) {
        Map<String, Boolean> editable = new LinkedHashMap<>();
        Element permissionSet = read(kit.resolve("permissionsets/Textbridge_Integration.permissionset-meta.xml"));
        for (Element grant : children(permissionSet, "fieldPermissions")) {
            if (Boolean.parseBoolean(text(grant, "readable"))) {
                editable.put(text(grant, "field"), Boolean.parseBoolean(text(grant, "editable")));
            }
        }
        try (Stream<Path> files = Files.walk(kit.resolve("objects"))) {
            for (Path file : files.filter(p -> p.toString().endsWith(".field-meta.xml")).sorted().toList()) {
                String folder = file.getParent().getParent().getFileName().toString();
                List<String> targets = folder.equals("Activity") ? List.of("Task") : List.of(folder);
                for (String target : targets) {
                    ObjectDef object = objects.get(target);
                    Element xml = read(file);
                    String name = text(xml, "fullName");
                    Boolean edit = editable.get(target + "." + name);
                    if (object == null || edit == null) {
                        continue; // not an object the adapter uses, or hidden from the integration user
                    }
                    object.fields.put(name, customField(xml, edit));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static FieldDef customField(Element xml, boolean editable) {
        String kind = text(xml, "type");
        String[] types = switch (kind) {
            case "Text" -> new String[]{"string", "xsd:string"};
            case "Checkbox" -> new String[]{"boolean", "xsd:boolean"};
            case "DateTime" -> new String[]{"datetime", "xsd:dateTime"};
            default -> throw new IllegalArgumentException("the fake org knows no custom field type " + kind);
        };
        String length = text(xml, "length");
        FieldDef field = new FieldDef(text(xml, "fullName"), text(xml, "label"), types[0], types[1],
                length == null ? 0 : Integer.parseInt(length), true, null);
        field.createable = editable;
        field.updateable = editable;
        field.unique = Boolean.parseBoolean(text(xml, "unique"));
        field.externalId = Boolean.parseBoolean(text(xml, "externalId"));
        field.caseSensitive = Boolean.parseBoolean(text(xml, "caseSensitive"));
        field.nillable = !kind.equals("Checkbox");
        return field;
    }

    private static Element read(Path file) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            Document document = factory.newDocumentBuilder().parse(file.toFile());
            return document.getDocumentElement();
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && name.equals(element.getLocalName())) {
                found.add(element);
            }
        }
        return found;
    }

    private static String text(Element parent, String name) {
        List<Element> found = children(parent, name);
        return found.isEmpty() ? null : found.get(0).getTextContent().strip();
    }

    @Override
    public String toString() {
        return "OrgSchema" + objects.keySet().stream().map(o -> o.toLowerCase(Locale.ROOT)).toList();
    }
}
