package dev.textbridge.crm.salesforce.internal;

import com.sforce.soap.partner.DescribeSObjectResult;
import com.sforce.soap.partner.Field;
import com.sforce.soap.partner.fault.ApiFault;
import com.sforce.soap.partner.fault.ExceptionCode;
import dev.textbridge.crm.api.CrmUnavailableException;
import dev.textbridge.crm.salesforce.OrgCheck;
import dev.textbridge.crm.salesforce.OrgFinding;
import dev.textbridge.crm.salesforce.OrgFinding.Severity;
import dev.textbridge.crm.salesforce.SalesforceSettings;
import dev.textbridge.crm.salesforce.internal.OrgRequirements.Access;
import dev.textbridge.crm.salesforce.internal.OrgRequirements.FieldNeed;
import dev.textbridge.mappings.crm.ActivityMappings;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks an org against {@link OrgRequirements} in three API calls: {@code describeSObjects} for every object at once
 * (one more per object the org refuses to describe), a REST query for the custom notification type, and a query for
 * the sellers' permission set. Describe answers only what the running user may see, so a field hidden from the
 * integration user reads as missing, which is what it is to the adapter.
 */
public final class OrgInspector {

    static final String KIT_STEP = "deploy the setup kit (README step 2)";
    static final String PERMISSION_STEP = "assign the permission set Textbridge_Integration to the integration user"
            + " (README step 3)";
    private static final String SETTINGS = "textbridge.crm.salesforce";
    private static final Pattern QUOTED_TYPE = Pattern.compile("'([A-Za-z0-9_]+)'");
    private static final Pattern TYPE_ID = Pattern.compile("0ML[A-Za-z0-9]{12}([A-Za-z0-9]{3})?");

    private final Session session;
    private final PartnerClient partner;
    private final RestClient rest;
    private final CallCounter calls;
    private final SalesforceSettings settings;
    private final OrgRequirements requirements;

    public OrgInspector(Session session, PartnerClient partner, RestClient rest, CallCounter calls,
                        SalesforceSettings settings) {
        this.session = session;
        this.partner = partner;
        this.rest = rest;
        this.calls = calls;
        this.settings = settings;
        this.requirements = OrgRequirements.of(settings);
    }

    public OrgCheck check() {
        long before = calls.apiCalls();
        List<OrgFinding> findings = new ArrayList<>();
        try {
            session.current();
        } catch (CrmUnavailableException e) {
            findings.add(new OrgFinding(Severity.ERROR, SETTINGS, "login", "failed: " + e.getMessage()
                    + ". Check my-domain-url, client-id and the secret or key, and that the app allows the "
                    + settings.auth().wireName() + " flow (README step 4)"));
            return new OrgCheck(findings, calls.apiCalls() - before);
        }
        try {
            checkObjects(findings);
            checkNotificationType(findings);
            checkPermissionSet(findings);
        } catch (CrmUnavailableException e) {
            findings.add(new OrgFinding(Severity.ERROR, SETTINGS, "org", "could not be checked completely: "
                    + e.getMessage()));
        }
        return new OrgCheck(findings, calls.apiCalls() - before);
    }

    private void checkObjects(List<OrgFinding> findings) {
        List<String> asked = new ArrayList<>(requirements.objects());
        Map<String, DescribeSObjectResult> described = new HashMap<>();
        while (!asked.isEmpty()) {
            String[] types = asked.toArray(String[]::new);
            try {
                for (DescribeSObjectResult result : partner.call("describe objects",
                        connection -> connection.describeSObjects(types))) {
                    described.put(result.getName().toLowerCase(Locale.ROOT), result);
                }
                break;
            } catch (CrmUnavailableException e) {
                String refused = refusedType(e, asked);
                if (refused == null) {
                    throw e;
                }
                asked.remove(refused);
                findings.add(isMappedObject(refused)
                        ? new OrgFinding(Severity.ERROR, OrgRequirements.FIELD_MAPPING, refused, "does not exist or"
                        + " is not visible to the integration user: texts cannot be written; create the object, correct "
                        + OrgRequirements.FIELD_MAPPING + ", or give the integration user Read, Create and Edit on it")
                        : new OrgFinding(Severity.ERROR, SETTINGS, refused, "is not visible to the integration user:"
                        + " " + PERMISSION_STEP + ", or give its profile Read on " + refused));
            }
        }
        for (String object : requirements.objects()) {
            DescribeSObjectResult result = described.get(object.toLowerCase(Locale.ROOT));
            if (result != null) {
                checkObject(result, object, findings);
            }
        }
    }

    private void checkObject(DescribeSObjectResult result, String object, List<OrgFinding> findings) {
        List<FieldNeed> needs = requirements.fieldsOf(object);
        boolean creates = needs.stream().anyMatch(need -> need.access().contains(Access.CREATE));
        boolean updates = needs.stream().anyMatch(need -> need.access().contains(Access.UPDATE));
        String step = isMappedObject(object) ? "give the integration user Create and Edit on " + object
                + " (its profile or a permission set)" : PERMISSION_STEP;
        if (creates && !result.isCreateable()) {
            findings.add(new OrgFinding(Severity.ERROR, SETTINGS, object, "cannot be created by the integration user: "
                    + step));
        }
        if (updates && !result.isUpdateable()) {
            findings.add(new OrgFinding(Severity.ERROR, SETTINGS, object, "cannot be edited by the integration user: "
                    + step));
        }
        Map<String, Field> fields = new HashMap<>();
        for (Field field : result.getFields()) {
            fields.put(field.getName().toLowerCase(Locale.ROOT), field);
        }
        for (FieldNeed need : needs) {
            Field field = fields.get(need.field().toLowerCase(Locale.ROOT));
            if (field == null) {
                findings.add(missing(need));
            } else {
                checkAccess(need, field, findings);
            }
        }
    }

    /** An object an admin mapped texts to, which the setup kit does not provide. */
    private boolean isMappedObject(String object) {
        return object.equals(requirements.activityObject())
                && !object.equals(ActivityMappings.salesforceDefault().object());
    }

    private static OrgFinding missing(FieldNeed need) {
        if (OrgRequirements.FIELD_MAPPING.equals(need.setting())) {
            return new OrgFinding(Severity.ERROR, need.setting(), need.qualifiedName(), "is missing or hidden from the"
                    + " integration user, so texts cannot be written: create the field, correct " + need.setting()
                    + ", or give the integration user Edit access to the field");
        }
        if (need.setting() != null) {
            return new OrgFinding(Severity.ERROR, need.setting(), need.qualifiedName(), "is missing or hidden from the"
                    + " integration user: correct " + need.setting() + ", or give the integration user Read access to"
                    + " the field");
        }
        if (need.fromKit()) {
            return new OrgFinding(Severity.ERROR, SETTINGS, need.qualifiedName(), "is missing: " + KIT_STEP
                    + " and " + PERMISSION_STEP);
        }
        return new OrgFinding(Severity.ERROR, SETTINGS, need.qualifiedName(), "is hidden from the integration user: "
                + PERMISSION_STEP);
    }

    private static void checkAccess(FieldNeed need, Field field, List<OrgFinding> findings) {
        String setting = need.setting() == null ? SETTINGS : need.setting();
        List<String> lacking = new ArrayList<>();
        if (need.access().contains(Access.CREATE) && !field.isCreateable()) {
            lacking.add("set on new records");
        }
        if (need.access().contains(Access.UPDATE) && !field.isUpdateable()) {
            lacking.add("changed");
        }
        if (need.access().contains(Access.FILTER) && !field.isFilterable()) {
            lacking.add("searched by");
        }
        if (!lacking.isEmpty()) {
            findings.add(new OrgFinding(Severity.ERROR, setting, need.qualifiedName(), "cannot be "
                    + String.join(" or ", lacking) + " by the integration user: " + (need.fromKit()
                    ? "give it Edit access in the permission set Textbridge_Integration (README step 3)"
                    : OrgRequirements.FIELD_MAPPING.equals(need.setting())
                    ? "give the integration user Edit access to the field, or map another in " + need.setting()
                    : PERMISSION_STEP)));
        }
        if (need.access().contains(Access.UNIQUE) && !field.isUnique()) {
            findings.add(new OrgFinding(Severity.WARNING, setting, need.qualifiedName(), "is not unique: after a"
                    + " crash at the wrong moment a write could be repeated and make a second record; mark the field"
                    + " Unique (case-sensitive) as the setup kit does (README step 2)"));
        }
    }

    private void checkNotificationType(List<OrgFinding> findings) {
        String setting = SETTINGS + ".notification-type";
        String type = settings.notificationType();
        if (type == null) {
            findings.add(new OrgFinding(Severity.WARNING, setting, "notification type", "is not set: sellers get no"
                    + " in-app notification of new texts; set it to Textbridge_Inbound_Text, which the setup kit"
                    + " deploys (README step 7)"));
            return;
        }
        String soql = "SELECT Id, DeveloperName FROM CustomNotificationType WHERE "
                + (TYPE_ID.matcher(type).matches() ? "Id" : "DeveloperName") + " = " + Soql.quote(type);
        RestClient.Response answer = rest.query("find the custom notification type", soql);
        if (!answer.isSuccess()) {
            findings.add(new OrgFinding(Severity.ERROR, setting, "CustomNotificationType " + type, "could not be looked"
                    + " up (HTTP " + answer.status() + ", " + RestClient.errorCode(answer.body()) + ": "
                    + RestClient.errorMessage(answer.body()) + "): " + PERMISSION_STEP));
        } else if (answer.body().path("totalSize").asInt(0) == 0) {
            findings.add(new OrgFinding(Severity.ERROR, setting, "CustomNotificationType " + type, "does not exist:"
                    + " sellers get no in-app notification of new texts; " + KIT_STEP + " or set " + setting
                    + " to the developer name of an existing custom notification type"));
        }
    }

    private void checkPermissionSet(List<OrgFinding> findings) {
        String name = settings.smsPermissionSet();
        if (partner.query("find the sellers' permission set",
                "SELECT Id FROM PermissionSet WHERE Name = " + Soql.quote(name)).isEmpty()) {
            findings.add(new OrgFinding(Severity.ERROR, SETTINGS + ".sms-permission-set", "PermissionSet " + name,
                    "does not exist: no seller has the SMS privilege, so no seller receives texts; " + KIT_STEP
                            + " and assign it to your sellers (README step 5)"));
        }
    }

    /** The object named in an {@code INVALID_TYPE} fault, as it was asked for; null for any other failure. */
    private static String refusedType(CrmUnavailableException e, List<String> asked) {
        if (!(e.getCause() instanceof ApiFault fault) || fault.getExceptionCode() != ExceptionCode.INVALID_TYPE
                || fault.getExceptionMessage() == null) {
            return null;
        }
        Matcher quoted = QUOTED_TYPE.matcher(fault.getExceptionMessage());
        while (quoted.find()) {
            for (String object : asked) {
                if (object.equalsIgnoreCase(quoted.group(1))) {
                    return object;
                }
            }
        }
        return null;
    }
}
