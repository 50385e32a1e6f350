package dev.textbridge.crm.salesforce.fakeorg;

import dev.textbridge.crm.api.CrmFixture;
import dev.textbridge.crm.api.RecordType;
import org.w3c.dom.Document;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * A small Salesforce org for tests: tables of records, a search index that lags behind creates (until
 * {@link #catchUpSearchIndex()}), OAuth tokens that can expire, the Partner API's {@code query}, {@code queryAll},
 * {@code queryMore}, {@code search}, {@code create} and {@code update}, answered in Salesforce's own envelopes, and the
 * REST action {@code customNotificationAction}, answered in its JSON, whose notifications the org keeps per user.
 * <p>
 * Its phone index is a model, since Salesforce does not document its own: a phone value and a search term match when
 * the digits of one (before any extension) end with the digits of the other and both have at least seven.
 */
public final class FakeOrg {

    /** One record: field API name to its text as the Partner API carries it. */
    public static final class Row extends LinkedHashMap<String, String> {
        final String type;

        Row(String type) {
            this.type = type;
        }

        public String type() {
            return type;
        }
    }

    /** An HTTP answer. */
    public record Answer(int status, String contentType, String body, Map<String, String> headers) {
        static Answer xml(int status, String body) {
            return new Answer(status, "text/xml; charset=utf-8", body, Map.of());
        }

        static Answer json(int status, String body, Map<String, String> headers) {
            return new Answer(status, "application/json;charset=UTF-8", body, headers);
        }
    }

    /** A custom notification as one user received it. */
    public record Delivered(String typeId, String recipientId, String title, String body, String targetId,
                            String targetPageRef, Instant at) {
    }

    public static final String CLIENT_ID = "3MVG9-test-client";
    public static final String CLIENT_SECRET = "test-secret-do-not-log";
    public static final String INTEGRATION_USER = "005INTEGRATION00";
    public static final String KEY_FIELD = "Textbridge_Key__c";
    /** The developer name and id of the custom notification type the org holds. */
    public static final String NOTIFICATION_TYPE = "Textbridge_Inbound_Text";
    public static final String NOTIFICATION_TYPE_ID = "0MLFAKE00000001AAA";
    /** The action's path under {@code /services/data/vNN.0}. */
    static final String NOTIFICATION_ACTION = "/actions/standard/customNotificationAction";
    static final DateTimeFormatter SF_DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private static final Map<String, String[]> CHILDREN = Map.of(
            "Contact.OpportunityContactRoles", new String[]{"OpportunityContactRole", "ContactId"},
            "Account.Opportunities", new String[]{"Opportunity", "AccountId"},
            "Opportunity.OpportunityContactRoles", new String[]{"OpportunityContactRole", "OpportunityId"},
            "Group.GroupMembers", new String[]{"GroupMember", "GroupId"},
            "User.PermissionSetAssignments", new String[]{"PermissionSetAssignment", "AssigneeId"});
    private static final Map<String, List<String>> PHONE_FIELDS = Map.of(
            "Contact", List.of("Phone", "MobilePhone", "HomePhone", "OtherPhone", "AssistantPhone"),
            "Account", List.of("Phone", "Fax"),
            "Lead", List.of("Phone", "MobilePhone"));
    private static final Map<String, String> KEY_PREFIX = Map.of("Lead", "00Q", "Task", "00T", "Contact", "003",
            "Account", "001", "Opportunity", "006");
    private static final JsonMapper JSON = JsonMapper.shared();
    /** Runs of one object type a create call may hold (SOAP API, create(): "Creating Records for Different Object Types"). */
    private static final int MAX_TYPE_CHUNKS = 10;
    private static final Pattern EXTENSION = Pattern.compile("(?i)[\\s,;]*(ext\\.?|extension|x|#)\\s*\\d{1,7}$");
    /** Digits of phone values and of search terms, computed once each: a search compares every term with every row. */
    private static final Map<String, String> VALUE_DIGITS = new ConcurrentHashMap<>();
    private static final Map<String, String> TERM_DIGITS = new ConcurrentHashMap<>();

    private final Map<String, List<Row>> tables = new LinkedHashMap<>();
    private final Map<String, Row> byId = new HashMap<>();
    private final Set<String> indexed = ConcurrentHashMap.newKeySet();
    private final Map<String, Deque<String>> cursors = new HashMap<>();
    private final Map<String, Deque<JsonNode>> restCursors = new HashMap<>();
    private final Deque<Answer> failures = new ArrayDeque<>();
    private final Deque<Answer> restFailures = new ArrayDeque<>();
    private final Map<String, Deque<Answer>> operationFailures = new HashMap<>();
    private final List<Delivered> delivered = new ArrayList<>();
    private final List<String> operations = Collections.synchronizedList(new ArrayList<>());
    private final MutableClock clock;
    private final OrgSchema schema = OrgSchema.withKit();
    private String instanceUrl = "http://localhost";
    private String validToken;
    private int tokens;
    private int ids;
    private int pageSize = 2000;
    private long apiUsed = 1200;

    private FakeOrg(MutableClock clock) {
        this.clock = clock;
    }

    /** An org holding exactly the fixture: its users, teams (as queues) and records, all in the search index. */
    public static FakeOrg holding(CrmFixture fixture, MutableClock clock) {
        FakeOrg org = new FakeOrg(clock);
        org.insert("User", INTEGRATION_USER, "Name", "Textbridge Integration", "IsActive", "true");
        org.insert("PermissionSet", "0PS000000SELLER", "Name", "Textbridge_Seller");
        org.insert("CustomNotificationType", NOTIFICATION_TYPE_ID, "DeveloperName", NOTIFICATION_TYPE,
                "MasterLabel", "Textbridge text");
        for (CrmFixture.Team team : fixture.teams()) {
            org.insert("Group", team.id(), "Name", team.name(), "Type", "Queue");
        }
        int n = 0;
        for (CrmFixture.User user : fixture.users()) {
            org.insert("User", user.id(), "Name", user.name(), "IsActive", "true");
            for (String team : user.teams()) {
                org.insert("GroupMember", "011GM" + (++n), "GroupId", team, "UserOrGroupId", user.id());
            }
            if (user.smsPrivilege()) {
                org.insert("PermissionSetAssignment", "0PA" + (++n), "AssigneeId", user.id(),
                        "PermissionSetId", "0PS000000SELLER");
            }
        }
        for (CrmFixture.FixtureRecord record : fixture.records()) {
            Row row = org.fixtureRow(record);
            org.indexed.add(row.get("Id"));
            if (record.type() == RecordType.OPPORTUNITY && record.contact() != null) {
                org.insert("OpportunityContactRole", "00K" + (++n), "OpportunityId", record.id(),
                        "ContactId", record.contact(), "IsPrimary", "true");
            }
        }
        return org;
    }

    private Row fixtureRow(CrmFixture.FixtureRecord record) {
        String type = switch (record.type()) {
            case CONTACT -> "Contact";
            case ACCOUNT -> "Account";
            case OPPORTUNITY -> "Opportunity";
            case LEAD -> "Lead";
        };
        Row row = insert(type, record.id(), "Name", record.name(), "OwnerId", record.owner(),
                "LastModifiedDate", SF_DATETIME.format(record.lastModified()));
        record.phones().forEach((field, text) -> row.put(switch (field) {
            case "business" -> "Phone";
            case "mobile" -> "MobilePhone";
            case "home" -> "HomePhone";
            case "other" -> "OtherPhone";
            default -> throw new IllegalArgumentException(field);
        }, text));
        switch (record.type()) {
            case LEAD -> {
                row.put("LastName", record.name());
                row.put("Company", "Fixture Inc.");
                row.put("IsConverted", "false");
                row.put("Status", record.active() ? "Open - Not Contacted" : "Closed - Not Converted");
            }
            case OPPORTUNITY -> {
                row.put("IsClosed", String.valueOf(!record.active()));
                row.put("AccountId", record.account());
            }
            default -> { }
        }
        return row;
    }

    private Row insert(String type, String id, String... fieldsAndValues) {
        Row row = new Row(type);
        row.put("Id", id);
        for (int i = 0; i < fieldsAndValues.length; i += 2) {
            row.put(fieldsAndValues[i], fieldsAndValues[i + 1]);
        }
        tables.computeIfAbsent(type, key -> new ArrayList<>()).add(row);
        byId.put(id, row);
        return row;
    }

    // --- what tests do to the org

    /** Records created through the API become searchable (the search index caught up). */
    public synchronized void catchUpSearchIndex() {
        tables.values().forEach(rows -> rows.forEach(row -> indexed.add(row.get("Id"))));
    }

    /** Every token issued so far stops working, as when the session times out. */
    public synchronized void expireSessions() {
        validToken = null;
    }

    /** The next SOAP call gets this answer instead of being served. */
    public synchronized void failNextCall(int status, String contentType, String body, Map<String, String> headers) {
        failures.add(new Answer(status, contentType, body, headers));
    }

    /** The next SOAP call gets this Partner API fault (HTTP 500). */
    public synchronized void faultNextCall(String exceptionCode, String message) {
        failures.add(Answer.xml(500, Envelopes.fault(exceptionCode, message)));
    }

    /** The next SOAP call of this operation ({@code update}, {@code queryAll}...) gets this HTTP answer instead. */
    public synchronized void failNextCallOf(String operation, int status, String contentType, String body) {
        operationFailures.computeIfAbsent(operation, key -> new ArrayDeque<>())
                .add(new Answer(status, contentType, body, Map.of()));
    }

    /** The next SOAP call of this operation gets this body (the inside of {@code soapenv:Body}) in a normal envelope. */
    public synchronized void answerNextCallOf(String operation, String body) {
        operationFailures.computeIfAbsent(operation, key -> new ArrayDeque<>())
                .add(Answer.xml(200, Envelopes.response(body, apiUsed, 15000)));
    }

    /** The next SOAP call gets this body (the inside of {@code soapenv:Body}) in a normal envelope. */
    public synchronized void answerNextCall(String body) {
        failures.add(Answer.xml(200, Envelopes.response(body, apiUsed, 15000)));
    }

    /** The next REST call gets this answer (JSON) instead of being served. */
    public synchronized void failNextRestCall(int status, String body, Map<String, String> headers) {
        restFailures.add(Answer.json(status, body, headers));
    }

    /** The custom notifications the user received, newest first. */
    public synchronized List<Delivered> notificationsOf(String userId) {
        List<Delivered> received = new ArrayList<>();
        for (Delivered notification : delivered) {
            if (notification.recipientId().equals(userId)) {
                received.add(0, notification);
            }
        }
        return received;
    }

    /** Query pages hold this many records; more come through {@code queryMore}. */
    public synchronized void pageSize(int size) {
        pageSize = size;
    }

    /** The schema describe shows: the standard objects and the setup kit, until a test takes pieces away. */
    public OrgSchema schema() {
        return schema;
    }

    /** Every record of the type is gone (a custom notification type or permission set never deployed, say). */
    public synchronized void removeAll(String type) {
        List<Row> rows = tables.remove(type);
        if (rows != null) {
            rows.forEach(row -> byId.remove(row.get("Id")));
        }
    }

    /** A record as the org now holds it. */
    public synchronized Row record(String id) {
        return byId.get(id);
    }

    public synchronized List<Row> rows(String type) {
        return List.copyOf(tables.getOrDefault(type, List.of()));
    }

    /** What the org was asked, in order: {@code search: FIND ...}, {@code query: SELECT ...}, {@code create: Task}... */
    public List<String> operations() {
        synchronized (operations) {
            return List.copyOf(operations);
        }
    }

    /** Puts a record in the org as a person would through the UI (not yet in the search index). */
    public synchronized Row createdInUi(String type, String... fieldsAndValues) {
        String id = newId(type);
        Row row = insert(type, id, fieldsAndValues);
        row.put("LastModifiedDate", SF_DATETIME.format(clock.instant()));
        return row;
    }

    synchronized void instanceUrl(String url) {
        instanceUrl = url;
    }

    // --- OAuth

    synchronized Answer token(Map<String, String> form) {
        String grant = form.getOrDefault("grant_type", "");
        boolean ok = switch (grant) {
            case "client_credentials" -> CLIENT_ID.equals(form.get("client_id"))
                    && CLIENT_SECRET.equals(form.get("client_secret"));
            case "urn:ietf:params:oauth:grant-type:jwt-bearer" -> form.getOrDefault("assertion", "").split("\\.").length == 3;
            default -> false;
        };
        if (!ok) {
            return new Answer(400, "application/json",
                    "{\"error\":\"invalid_client\",\"error_description\":\"invalid client credentials\"}", Map.of());
        }
        validToken = "00DFAKE000000001!AQ-token-" + (++tokens);
        return new Answer(200, "application/json", "{\"access_token\":\"" + validToken + "\","
                + "\"signature\":\"c2lnbmF0dXJl\",\"token_format\":\"opaque\",\"instance_url\":\"" + instanceUrl + "\","
                + "\"id\":\"" + instanceUrl + "/id/00DFAKE000000001/" + INTEGRATION_USER + "\","
                + "\"token_type\":\"Bearer\",\"issued_at\":\"" + clock.instant().toEpochMilli() + "\"}", Map.of());
    }

    // --- the REST API: the custom notification action

    synchronized Answer rest(String path, String authorization, String requestBody) {
        JsonNode request = readJson(requestBody);
        boolean composite = path.matches("/services/data/v[0-9.]+/composite/?");
        operations.add("rest: " + path.replaceFirst("^/services/data/v[0-9.]+", "") + " " + (composite
                ? request.path("compositeRequest").size() + " subrequests" : request.path("inputs").size() + " inputs"));
        if (!restFailures.isEmpty()) {
            return restFailures.poll();
        }
        if (authorization == null || validToken == null || !authorization.equals("Bearer " + validToken)) {
            return Answer.json(401, "[{\"message\":\"Session expired or invalid\",\"errorCode\":\"INVALID_SESSION_ID\"}]",
                    Map.of());
        }
        apiUsed++;
        Map<String, String> headers = Map.of("Sforce-Limit-Info", "api-usage=" + apiUsed + "/15000");
        if (composite) {
            return composite(request, headers);
        }
        if (!path.matches("/services/data/v[0-9.]+" + Pattern.quote(NOTIFICATION_ACTION))) {
            return Answer.json(404, "[{\"errorCode\":\"NOT_FOUND\",\"message\":\"The requested resource does not exist\"}]",
                    headers);
        }
        if (!request.path("inputs").isArray()) {
            return Answer.json(400, "[{\"errorCode\":\"JSON_PARSER_ERROR\",\"message\":\"inputs is required\"}]",
                    headers);
        }
        ArrayNode results = JSON.createArrayNode();
        boolean allSucceeded = true;
        for (JsonNode input : request.path("inputs")) {
            String error = notify(input);
            ObjectNode result = results.addObject();
            result.put("actionName", "customNotificationAction");
            if (error == null) {
                result.putNull("errors");
                result.put("isSuccess", true);
                result.putObject("outputValues").put("SuccessMessage",
                        "Your custom notification is processed successfully.");
            } else {
                allSucceeded = false;
                ObjectNode failure = result.putArray("errors").addObject();
                failure.put("statusCode", error.substring(0, error.indexOf(':')));
                failure.put("message", error.substring(error.indexOf(':') + 2));
                failure.putArray("fields");
                result.put("isSuccess", false);
                result.putNull("outputValues");
            }
        }
        // Salesforce answers 400 as soon as one input failed, with the results of all of them.
        return Answer.json(allSucceeded ? 200 : 400, JSON.writeValueAsString(results), headers);
    }

    /**
     * {@code GET /services/data/vNN.0/query/?q=...}: the first page of a SOQL query as the REST API answers it
     * ({@code totalSize}, {@code done}, {@code records} with their {@code attributes}, {@code nextRecordsUrl} when
     * more pages follow); {@code GET /services/data/vNN.0/query/<locator>}: the next page.
     */
    synchronized Answer restQuery(String path, String soql, String authorization) {
        operations.add("rest query: " + (soql == null ? path.replaceFirst("^/services/data/v[0-9.]+", "") : soql));
        if (!restFailures.isEmpty()) {
            return restFailures.poll();
        }
        if (authorization == null || validToken == null || !authorization.equals("Bearer " + validToken)) {
            return Answer.json(401, "[{\"message\":\"Session expired or invalid\",\"errorCode\":\"INVALID_SESSION_ID\"}]",
                    Map.of());
        }
        apiUsed++;
        Map<String, String> headers = Map.of("Sforce-Limit-Info", "api-usage=" + apiUsed + "/15000");
        String version = path.replaceFirst("^/services/data/(v[0-9.]+)/.*$", "$1");
        JsonNode[] answer = restGet(version, path, soql);
        return Answer.json(answer[0].asInt(), JSON.writeValueAsString(answer[1]), headers);
    }

    /** A query or a query's next page: the HTTP status and the body, as the REST API gives them. */
    private JsonNode[] restGet(String version, String path, String soql) {
        String locatorPath = "/services/data/" + version + "/query/";
        try {
            if (soql == null && path.startsWith(locatorPath) && path.length() > locatorPath.length()) {
                Deque<JsonNode> rest = restCursors.remove(path.substring(locatorPath.length()));
                if (rest == null) {
                    return restError(400, "INVALID_QUERY_LOCATOR", "invalid query locator");
                }
                return new JsonNode[]{JSON.getNodeFactory().numberNode(200), restPage(version, new ArrayList<>(rest))};
            }
            MiniSoql.Query query = MiniSoql.parse(soql == null ? "" : soql);
            List<JsonNode> records = new ArrayList<>();
            for (Row row : select(query)) {
                records.add(renderJson(version, row, query.items()));
            }
            return new JsonNode[]{JSON.getNodeFactory().numberNode(200), restPage(version, records)};
        } catch (MiniSoql.MalformedQuery e) {
            return restError(400, "MALFORMED_QUERY", e.getMessage());
        } catch (Fault e) {
            return restError(400, e.code, e.getMessage());
        } catch (OrgSchema.InvalidType e) {
            return restError(400, "INVALID_TYPE", e.getMessage());
        }
    }

    private static JsonNode[] restError(int status, String code, String message) {
        return new JsonNode[]{JSON.getNodeFactory().numberNode(status), JSON.createArrayNode().add(
                JSON.createObjectNode().put("message", message).put("errorCode", code))};
    }

    private ObjectNode restPage(String version, List<JsonNode> records) {
        ObjectNode page = JSON.createObjectNode();
        boolean done = records.size() <= pageSize;
        page.put("totalSize", records.size());
        page.put("done", done);
        if (!done) {
            String locator = "01gFAKE0000000" + (++ids) + "-" + pageSize;
            restCursors.put(locator, new ArrayDeque<>(records.subList(pageSize, records.size())));
            page.put("nextRecordsUrl", "/services/data/" + version + "/query/" + locator);
        }
        page.putArray("records").addAll(records.subList(0, Math.min(pageSize, records.size())));
        return page;
    }

    /**
     * {@code POST /services/data/vNN.0/composite}: each subrequest answered in order as its own request would be,
     * in {@code compositeResponse} ({@code body}, {@code httpHeaders}, {@code httpStatusCode}, {@code referenceId}),
     * one API call for all. Holds the REST API's limits: 25 subrequests, 5 of them queries.
     */
    private Answer composite(JsonNode request, Map<String, String> headers) {
        JsonNode subrequests = request.path("compositeRequest");
        long queries = 0;
        for (JsonNode subrequest : subrequests) {
            if (subrequest.path("url").asString("").matches("/services/data/v[0-9.]+/query(All)?/.*")) {
                queries++;
            }
        }
        if (!subrequests.isArray() || subrequests.isEmpty() || subrequests.size() > 25 || queries > 5) {
            return Answer.json(400, JSON.writeValueAsString(restError(400, "INVALID_REQUEST", "a composite request"
                    + " holds 1 to 25 subrequests, at most 5 of them queries")[1]), headers);
        }
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode responses = answer.putArray("compositeResponse");
        for (JsonNode subrequest : subrequests) {
            java.net.URI url = java.net.URI.create(subrequest.path("url").asString(""));
            String path = url.getPath();
            String soql = null;
            if (url.getRawQuery() != null && url.getRawQuery().startsWith("q=")) {
                soql = java.net.URLDecoder.decode(url.getRawQuery().substring(2), StandardCharsets.UTF_8);
            }
            String version = path.replaceFirst("^/services/data/(v[0-9.]+)/.*$", "$1");
            operations.add("composite query: " + (soql == null ? path : soql));
            JsonNode[] result = !"GET".equals(subrequest.path("method").asString(""))
                    || !path.startsWith("/services/data/" + version + "/query/")
                    ? restError(404, "NOT_FOUND", "The requested resource does not exist")
                    : restGet(version, path, soql);
            ObjectNode response = responses.addObject();
            response.set("body", result[1]);
            response.putObject("httpHeaders");
            response.put("httpStatusCode", result[0].asInt());
            response.put("referenceId", subrequest.path("referenceId").asString(""));
        }
        return Answer.json(200, JSON.writeValueAsString(answer), headers);
    }

    /** A row as the REST API writes a record: attributes, fields, parents as objects, subqueries as results. */
    private ObjectNode renderJson(String version, Row row, List<MiniSoql.Item> items) {
        ObjectNode record = JSON.createObjectNode();
        record.putObject("attributes").put("type", row.type)
                .put("url", "/services/data/" + version + "/sobjects/" + row.type + "/" + row.get("Id"));
        for (MiniSoql.Item item : items) {
            if (item.isSubquery()) {
                MiniSoql.Query query = item.subquery();
                String[] child = CHILDREN.get(row.type + "." + query.from());
                if (child == null) {
                    throw new MiniSoql.MalformedQuery("Didn't understand relationship '" + query.from() + "' of "
                            + row.type);
                }
                ArrayNode children = JSON.createArrayNode();
                for (Row candidate : tables.getOrDefault(child[0], List.of())) {
                    if (Objects.equals(candidate.get(child[1]), row.get("Id"))
                            && (query.where() == null || query.where().test(candidate, this::value))) {
                        children.add(renderJson(version, candidate, query.items()));
                    }
                }
                if (children.isEmpty()) {
                    record.putNull(query.from());
                } else {
                    ObjectNode result = record.putObject(query.from());
                    result.put("totalSize", children.size());
                    result.put("done", true);
                    result.set("records", children);
                }
            } else if (item.path().contains(".")) {
                String relationship = item.path().substring(0, item.path().indexOf('.'));
                if (record.has(relationship)) {
                    continue;
                }
                Row parent = byId.get(row.get(relationship + "Id"));
                if (parent == null) {
                    record.putNull(relationship);
                } else {
                    record.set(relationship, renderJson(version, parent, items.stream()
                            .filter(i -> !i.isSubquery() && i.path().startsWith(relationship + "."))
                            .map(i -> new MiniSoql.Item(i.path().substring(relationship.length() + 1), null))
                            .toList()));
                }
            } else {
                putJson(record, item.path(), row.get(item.path()));
            }
        }
        return record;
    }

    /** A field's value as JSON: checkboxes as booleans, dateTimes as {@code 2026-11-25T09:00:00.000+0000}. */
    private static void putJson(ObjectNode record, String field, String value) {
        if (value == null) {
            record.putNull(field);
        } else if (field.startsWith("Is") && (value.equals("true") || value.equals("false"))) {
            record.put(field, Boolean.parseBoolean(value));
        } else if (value.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z")) {
            record.put(field, value.substring(0, value.length() - 1) + "+0000");
        } else {
            record.put(field, value);
        }
    }

    /** Delivers one input to its recipients; the error ("CODE: message") when it is refused. */
    private String notify(JsonNode input) {
        String type = input.path("customNotifTypeId").asString("");
        if (type.isEmpty()) {
            return "REQUIRED_FIELD_MISSING: Missing required input parameter: customNotifTypeId";
        }
        Row typeRow = rowById(type);
        if (typeRow == null || !typeRow.type.equals("CustomNotificationType")) {
            return "INVALID_ARGUMENT: Invalid parameter value for: customNotifTypeId";
        }
        String title = input.path("title").asString("");
        String body = input.path("body").asString("");
        if (title.isBlank() || body.isBlank()) {
            return "REQUIRED_FIELD_MISSING: Missing required input parameter: " + (title.isBlank() ? "title" : "body");
        }
        if (title.length() > 250 || body.length() > 750) {
            return "STRING_TOO_LONG: " + (title.length() > 250 ? "title" : "body") + ": data value too large";
        }
        String targetId = input.path("targetId").asString(null);
        String targetPageRef = input.path("targetPageRef").asString(null);
        if (targetId == null && targetPageRef == null) {
            return "REQUIRED_FIELD_MISSING: You must specify either a targetId or a targetPageRef";
        }
        JsonNode recipientIds = input.path("recipientIds");
        if (!recipientIds.isArray() || recipientIds.isEmpty()) {
            return "REQUIRED_FIELD_MISSING: Missing required input parameter: recipientIds";
        }
        if (recipientIds.size() > 500) {
            return "LIMIT_EXCEEDED: recipientIds: up to 500 values";
        }
        Set<String> users = new java.util.LinkedHashSet<>();
        for (JsonNode id : recipientIds) {
            Row recipient = rowById(id.asString(""));
            if (recipient == null || !List.of("User", "Group").contains(recipient.type)) {
                return "INVALID_ARGUMENT: Invalid parameter value for: recipientIds";
            }
            if (recipient.type.equals("User")) {
                users.add(recipient.get("Id"));
            } else {
                for (Row member : tables.getOrDefault("GroupMember", List.of())) {
                    if (recipient.get("Id").equals(member.get("GroupId"))) {
                        users.add(member.get("UserOrGroupId"));
                    }
                }
            }
        }
        Instant now = clock.instant();
        for (String user : users) {
            Row row = byId.get(user);
            if (row != null && "true".equals(row.get("IsActive"))) {
                delivered.add(new Delivered(typeRow.get("Id"), user, title, body, targetId, targetPageRef, now));
            }
        }
        return null;
    }

    /** The row with this id, also when asked by the 15-character form of an 18-character id. */
    private Row rowById(String id) {
        Row row = byId.get(id);
        if (row == null && id.length() == 15) {
            for (Map.Entry<String, Row> entry : byId.entrySet()) {
                if (entry.getKey().length() == 18 && entry.getKey().startsWith(id)) {
                    return entry.getValue();
                }
            }
        }
        return row;
    }

    private static JsonNode readJson(String text) {
        try {
            return JSON.readTree(text == null || text.isBlank() ? "{}" : text);
        } catch (JacksonException e) {
            return JSON.createObjectNode();
        }
    }

    // --- the Partner API

    synchronized Answer soap(String requestBody) {
        Document request = parse(requestBody);
        Element body = child(request.getDocumentElement(), "Body");
        Element operation = firstElement(body);
        Element sessionHeader = child(child(request.getDocumentElement(), "Header"), "SessionHeader");
        String session = sessionHeader == null ? null : text(child(sessionHeader, "sessionId"));
        operations.add(operation.getLocalName() + ": " + describe(operation));
        if (!failures.isEmpty()) {
            return failures.poll();
        }
        Deque<Answer> planned = operationFailures.get(operation.getLocalName());
        if (planned != null && !planned.isEmpty()) {
            return planned.poll();
        }
        if (session == null || !session.equals(validToken)) {
            return Answer.xml(500, Envelopes.fault("INVALID_SESSION_ID",
                    "Invalid Session ID found in SessionHeader: Illegal Session. Session not found, missing session hash"));
        }
        apiUsed++;
        try {
            String answer = switch (operation.getLocalName()) {
                case "query" -> query("queryResponse", text(child(operation, "queryString")));
                case "queryAll" -> query("queryAllResponse", text(child(operation, "queryString")));
                case "queryMore" -> queryMore(text(child(operation, "queryLocator")));
                case "search" -> search(text(child(operation, "searchString")));
                case "create" -> save("createResponse", elements(operation, "sObjects"), true);
                case "update" -> save("updateResponse", elements(operation, "sObjects"), false);
                case "describeSObjects" -> schema.describe(elements(operation, "sObjectType").stream()
                        .map(FakeOrg::text).toList());
                default -> throw new UnsupportedOperationException(operation.getLocalName());
            };
            return Answer.xml(200, Envelopes.response(answer, apiUsed, 15000));
        } catch (MiniSoql.MalformedQuery e) {
            return Answer.xml(500, Envelopes.fault("MALFORMED_QUERY", e.getMessage()));
        } catch (Fault e) {
            return Answer.xml(500, Envelopes.fault(e.code, e.getMessage()));
        } catch (OrgSchema.InvalidType e) {
            return Answer.xml(500, Envelopes.fault("INVALID_TYPE", e.getMessage()));
        }
    }

    private static String describe(Element operation) {
        return switch (operation.getLocalName()) {
            case "query", "queryAll" -> text(child(operation, "queryString"));
            case "queryMore" -> text(child(operation, "queryLocator"));
            case "search" -> text(child(operation, "searchString"));
            case "describeSObjects" -> String.join(", ", elements(operation, "sObjectType").stream()
                    .map(FakeOrg::text).toList());
            default -> {
                List<Element> objects = elements(operation, "sObjects");
                yield objects.size() + " " + (objects.isEmpty() ? "" : text(child(objects.get(0), "type")));
            }
        };
    }

    private String query(String response, String soql) {
        MiniSoql.Query query = MiniSoql.parse(soql);
        List<String> rendered = new ArrayList<>();
        for (Row row : select(query)) {
            rendered.add(render("records", row, query.items()));
        }
        return "<" + response + ">" + page(rendered) + "</" + response + ">";
    }

    private String queryMore(String locator) {
        Deque<String> rest = cursors.remove(locator);
        if (rest == null) {
            throw new Fault("INVALID_QUERY_LOCATOR", "invalid query locator");
        }
        return "<queryMoreResponse>" + page(new ArrayList<>(rest)) + "</queryMoreResponse>";
    }

    private String page(List<String> records) {
        List<String> now = records.subList(0, Math.min(pageSize, records.size()));
        boolean done = records.size() <= pageSize;
        String locator = null;
        if (!done) {
            locator = "01gFAKE0000000" + (++ids) + "-" + pageSize;
            cursors.put(locator, new ArrayDeque<>(records.subList(pageSize, records.size())));
        }
        return "<result xsi:type=\"QueryResult\"><done>" + done + "</done>"
                + (locator == null ? "<queryLocator xsi:nil=\"true\"/>" : "<queryLocator>" + locator + "</queryLocator>")
                + String.join("", now) + "<size>" + records.size() + "</size></result>";
    }

    private List<Row> select(MiniSoql.Query query) {
        for (MiniSoql.Item item : query.items()) {
            // Salesforce refuses a query naming a custom field the user cannot see, as it refuses such a write.
            if (!item.isSubquery() && !item.path().contains(".") && item.path().endsWith("__c")
                    && schema.hasObject(query.from()) && !schema.hasField(query.from(), item.path())) {
                throw new Fault("INVALID_FIELD", "No such column '" + item.path() + "' on entity '" + query.from()
                        + "'. If you are attempting to use a custom field, be sure to append the '__c' after the custom"
                        + " field name. Please reference your WSDL or the describe call for the appropriate names.");
            }
        }
        List<Row> rows = new ArrayList<>();
        for (Row row : tables.getOrDefault(query.from(), List.of())) {
            if (query.where() == null || query.where().test(row, this::value)) {
                rows.add(row);
            }
        }
        List<MiniSoql.Order> keys = new ArrayList<>(query.orderBy());
        Collections.reverse(keys);
        for (MiniSoql.Order order : keys) {
            rows.sort((a, b) -> {
                String x = value(a, order.path());
                String y = value(b, order.path());
                if (x == null || y == null) {
                    return x == y ? 0 : (x == null) == order.nullsFirst() ? -1 : 1;
                }
                return order.descending() ? y.compareTo(x) : x.compareTo(y);
            });
        }
        return query.limit() == null ? rows : rows.subList(0, Math.min(query.limit(), rows.size()));
    }

    private String value(Row row, String path) {
        int dot = path.indexOf('.');
        if (dot < 0) {
            return row.get(path);
        }
        Row parent = byId.get(row.get(path.substring(0, dot) + "Id"));
        return parent == null ? null : value(parent, path.substring(dot + 1));
    }

    private String render(String tag, Row row, List<MiniSoql.Item> items) {
        StringBuilder out = new StringBuilder("<" + tag + " xsi:type=\"sf:sObject\"><sf:type>" + row.type + "</sf:type>");
        out.append(Envelopes.field("Id", hasItem(items, "Id") ? row.get("Id") : null));
        Set<String> relationshipsDone = new java.util.HashSet<>();
        for (MiniSoql.Item item : items) {
            if (item.isSubquery()) {
                out.append(subquery(row, item.subquery()));
            } else if (item.path().contains(".")) {
                String relationship = item.path().substring(0, item.path().indexOf('.'));
                if (relationshipsDone.add(relationship)) {
                    out.append(parent(row, relationship, items));
                }
            } else {
                out.append(Envelopes.field(item.path(), row.get(item.path())));
            }
        }
        return out.append("</").append(tag).append(">").toString();
    }

    private String parent(Row row, String relationship, List<MiniSoql.Item> items) {
        Row parent = byId.get(row.get(relationship + "Id"));
        if (parent == null) {
            return "<sf:" + relationship + " xsi:nil=\"true\"/>";
        }
        List<MiniSoql.Item> fields = items.stream()
                .filter(item -> !item.isSubquery() && item.path().startsWith(relationship + "."))
                .map(item -> new MiniSoql.Item(item.path().substring(relationship.length() + 1), null)).toList();
        return render("sf:" + relationship, parent, fields);
    }

    private String subquery(Row row, MiniSoql.Query query) {
        String[] child = CHILDREN.get(row.type + "." + query.from());
        if (child == null) {
            throw new MiniSoql.MalformedQuery("Didn't understand relationship '" + query.from() + "' of " + row.type);
        }
        List<String> rendered = new ArrayList<>();
        for (Row candidate : tables.getOrDefault(child[0], List.of())) {
            if (Objects.equals(candidate.get(child[1]), row.get("Id"))
                    && (query.where() == null || query.where().test(candidate, this::value))) {
                rendered.add(render("records", candidate, query.items()));
            }
        }
        if (rendered.isEmpty()) {
            return "<sf:" + query.from() + " xsi:nil=\"true\"/>";
        }
        return "<sf:" + query.from() + " xsi:type=\"QueryResult\"><done>true</done><queryLocator xsi:nil=\"true\"/>"
                + String.join("", rendered) + "<size>" + rendered.size() + "</size></sf:" + query.from() + ">";
    }

    private static boolean hasItem(List<MiniSoql.Item> items, String path) {
        return items.stream().anyMatch(item -> !item.isSubquery() && item.path().equals(path));
    }

    // --- SOSL

    private String search(String sosl) {
        if (!sosl.startsWith("FIND {")) {
            throw new MiniSoql.MalformedQuery("search must start with FIND {");
        }
        int close = closingBrace(sosl, 6);
        List<String> terms = new ArrayList<>();
        for (String term : sosl.substring(6, close).split(" OR ")) {
            terms.add(unescapeSosl(term.strip()));
        }
        String rest = sosl.substring(close + 1).strip();
        String scope = "IN PHONE FIELDS RETURNING ";
        if (!rest.startsWith(scope)) {
            throw new MiniSoql.MalformedQuery("the fake org only searches IN PHONE FIELDS: " + rest);
        }
        rest = rest.substring(scope.length());
        int limit = 2000;
        int limitAt = rest.lastIndexOf(" LIMIT ");
        if (limitAt >= 0 && rest.indexOf(')', limitAt) < 0) {
            limit = Integer.parseInt(rest.substring(limitAt + 7).strip());
            rest = rest.substring(0, limitAt);
        }
        StringBuilder records = new StringBuilder();
        int found = 0;
        for (String returning : splitTopLevel(rest)) {
            int open = returning.indexOf('(');
            String object = returning.substring(0, open).strip();
            String inside = returning.substring(open + 1, returning.lastIndexOf(')'));
            int where = inside.toUpperCase(java.util.Locale.ROOT).indexOf(" WHERE ");
            String fieldList = where < 0 ? inside : inside.substring(0, where);
            MiniSoql.Condition condition = where < 0 ? null : MiniSoql.parseCondition(inside.substring(where + 7));
            List<MiniSoql.Item> items = java.util.Arrays.stream(fieldList.split(","))
                    .map(field -> new MiniSoql.Item(field.strip(), null)).toList();
            for (Row row : tables.getOrDefault(object, List.of())) {
                if (found >= limit || !indexed.contains(row.get("Id"))
                        || (condition != null && !condition.test(row, this::value))
                        || terms.stream().noneMatch(term -> phoneMatches(row, term))) {
                    continue;
                }
                found++;
                records.append("<searchRecords>").append(render("record", row, items)).append("</searchRecords>");
            }
        }
        return "<searchResponse><result><queryId xsi:nil=\"true\"/>" + records + "</result></searchResponse>";
    }

    private static int closingBrace(String sosl, int from) {
        for (int i = from; i < sosl.length(); i++) {
            if (sosl.charAt(i) == '\\') {
                i++;
            } else if (sosl.charAt(i) == '}') {
                return i;
            } else if (sosl.charAt(i) == '{') {
                throw new MiniSoql.MalformedQuery("unescaped { in the search expression");
            }
        }
        throw new MiniSoql.MalformedQuery("no closing } in: " + sosl);
    }

    private static String unescapeSosl(String term) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < term.length(); i++) {
            char c = term.charAt(i);
            if (c == '\\' && i + 1 < term.length()) {
                out.append(term.charAt(++i));
            } else if ("?&|!{}[]()^~*:\"'+-".indexOf(c) >= 0) {
                throw new MiniSoql.MalformedQuery("unescaped reserved character " + c + " in search term " + term);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static List<String> splitTopLevel(String text) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(text.substring(start, i).strip());
                start = i + 1;
            }
        }
        parts.add(text.substring(start).strip());
        return parts;
    }

    /** A phone value's digits, before any extension. */
    private static String phoneDigits(String value) {
        return EXTENSION.matcher(value.strip()).replaceFirst("").replaceAll("\\D", "");
    }

    private static boolean phoneMatches(Row row, String term) {
        String termDigits = TERM_DIGITS.computeIfAbsent(term, text -> text.replaceAll("\\D", ""));
        for (String field : PHONE_FIELDS.getOrDefault(row.type, List.of())) {
            String value = row.get(field);
            if (value == null) {
                continue;
            }
            String digits = VALUE_DIGITS.computeIfAbsent(value, FakeOrg::phoneDigits);
            if (digits.length() >= 7 && termDigits.length() >= 7
                    && (digits.endsWith(termDigits) || termDigits.endsWith(digits))) {
                return true;
            }
        }
        return false;
    }

    // --- create / update

    private String save(String response, List<Element> objects, boolean create) {
        for (Element object : objects) {
            checkColumns(object);
        }
        if (create && typeChunks(objects) > MAX_TYPE_CHUNKS) {
            // Salesforce refuses such a call as a whole; the exception code it gives is unconfirmed.
            throw new Fault("INVALID_BATCH_SIZE", "Too many chunks: a call can create records of at most "
                    + MAX_TYPE_CHUNKS + " runs of one object type");
        }
        StringBuilder out = new StringBuilder("<" + response + ">");
        for (Element object : objects) {
            out.append("<result>").append(create ? create(object) : update(object)).append("</result>");
        }
        return out.append("</").append(response).append(">").toString();
    }

    /** The runs of records of one type in a create call's order; Salesforce creates each run as one chunk. */
    private static int typeChunks(List<Element> objects) {
        int chunks = 0;
        String previous = null;
        for (Element object : objects) {
            String type = text(child(object, "type"));
            if (!type.equals(previous)) {
                chunks++;
                previous = type;
            }
        }
        return chunks;
    }

    private String create(Element object) {
        String type = text(child(object, "type"));
        Map<String, String> fields = fields(object);
        for (Element reference : references(object)) {
            String unresolved = resolve(type, reference, fields);
            if (unresolved != null) {
                return unresolved;
            }
        }
        String error = createError(type, fields);
        if (error != null) {
            return error;
        }
        Row row = insert(type, newId(type));
        row.putAll(fields);
        String now = SF_DATETIME.format(clock.instant());
        row.put("CreatedDate", now);
        row.put("LastModifiedDate", now);
        row.putIfAbsent("OwnerId", INTEGRATION_USER);
        if (type.equals("Lead")) {
            row.put("Name", ((fields.getOrDefault("FirstName", "") + " ") + fields.get("LastName")).strip());
            row.putIfAbsent("Status", "Open - Not Contacted");
            row.put("IsConverted", "false");
        }
        return "<id>" + row.get("Id") + "</id><success>true</success>";
    }

    /**
     * Salesforce refuses the whole call when an sObject names a type or field the user cannot see. Checked for custom
     * objects and custom fields, the ones an admin maps; a custom object's lookups must point to their object.
     */
    private void checkColumns(Element object) {
        String type = text(child(object, "type"));
        if (type.endsWith("__c") && !schema.hasObject(type)) {
            throw new Fault("INVALID_TYPE", "sObject type '" + type + "' is not supported.");
        }
        List<String> named = new ArrayList<>(fields(object).keySet());
        elements(object, "fieldsToNull").forEach(toNull -> named.add(text(toNull)));
        for (String field : named) {
            if ((type.endsWith("__c") || field.endsWith("__c")) && schema.hasObject(type)
                    && !schema.hasField(type, field)) {
                throw new Fault("INVALID_FIELD", "No such column '" + field + "' on entity '" + type + "'. If you are"
                        + " attempting to use a custom field, be sure to append the '__c' after the custom field name."
                        + " Please reference your WSDL or the describe call for the appropriate names.");
            }
        }
    }

    /** A custom object's lookup that points to no record of its object. */
    private String lookupError(String type, Map<String, String> fields) {
        if (!type.endsWith("__c")) {
            return null;
        }
        for (Map.Entry<String, String> field : fields.entrySet()) {
            String target = schema.referenceTo(type, field.getKey());
            if (target != null && !field.getKey().equals("OwnerId") && !isA(field.getValue(), target)) {
                return error(field.getKey(), "invalid cross reference id", "INVALID_CROSS_REFERENCE_KEY");
            }
        }
        return null;
    }

    private String createError(String type, Map<String, String> fields) {
        String lookup = lookupError(type, fields);
        if (lookup != null) {
            return lookup;
        }
        if (type.equals("Lead")) {
            for (String required : List.of("LastName", "Company")) {
                if (fields.get(required) == null || fields.get(required).isBlank()) {
                    return error(required, "Required fields are missing: [" + required + "]", "REQUIRED_FIELD_MISSING");
                }
            }
        }
        if (type.equals("Task")) {
            String who = fields.get("WhoId");
            if (who != null && !isA(who, "Contact", "Lead")) {
                return error("WhoId", "invalid cross reference id", "INVALID_CROSS_REFERENCE_KEY");
            }
            String what = fields.get("WhatId");
            if (what != null && !isA(what, "Account", "Opportunity")) {
                return error("WhatId", "invalid cross reference id", "INVALID_CROSS_REFERENCE_KEY");
            }
        }
        String owner = fields.get("OwnerId");
        if (owner != null && !isA(owner, "User", "Group")) {
            return error("OwnerId", "invalid cross reference id", "INVALID_CROSS_REFERENCE_KEY");
        }
        String key = fields.get(KEY_FIELD);
        if (key != null) {
            for (Row row : tables.getOrDefault(type, List.of())) {
                if (key.equals(row.get(KEY_FIELD))) {
                    return error(KEY_FIELD, "duplicate value found: " + KEY_FIELD
                            + " duplicates value on record with id: " + row.get("Id"), "DUPLICATE_VALUE");
                }
            }
        }
        return null;
    }

    private String update(Element object) {
        String type = text(child(object, "type"));
        String id = text(child(object, "Id"));
        Row row = byId.get(id);
        if (row == null) {
            return "<errors><message>entity is deleted</message><statusCode>ENTITY_IS_DELETED</statusCode></errors>"
                    + "<id xsi:nil=\"true\"/><success>false</success>";
        }
        if (!row.type.equals(type)) {
            return error("Id", type + " ID: id value of incorrect type: " + id, "MALFORMED_ID");
        }
        Map<String, String> fields = fields(object);
        String lookup = lookupError(type, fields);
        if (lookup != null) {
            return lookup;
        }
        if (type.equals("Task")) {
            String who = fields.get("WhoId");
            if (who != null && !isA(who, "Contact", "Lead")) {
                return error("WhoId", "invalid cross reference id", "INVALID_CROSS_REFERENCE_KEY");
            }
            String what = fields.get("WhatId");
            if (what != null && !isA(what, "Account", "Opportunity")) {
                return error("WhatId", "invalid cross reference id", "INVALID_CROSS_REFERENCE_KEY");
            }
        }
        row.putAll(fields);
        for (Element toNull : elements(object, "fieldsToNull")) {
            row.remove(text(toNull));
        }
        row.put("LastModifiedDate", SF_DATETIME.format(clock.instant()));
        return "<id>" + id + "</id><success>true</success>";
    }

    /**
     * A lookup given as its relationship holding the parent's type and one external id value
     * ({@code <Who><type>Lead</type><Textbridge_Key__c>k</Textbridge_Key__c></Who>}): the id of the parent that holds
     * that value now (created earlier in this call included) goes into the lookup field ({@code WhoId}, or
     * {@code Lead__c} for {@code Lead__r}); the error Salesforce gives when no parent holds it.
     */
    private String resolve(String type, Element reference, Map<String, String> fields) {
        String relationship = reference.getLocalName();
        String lookup = relationship.endsWith("__r") ? relationship.substring(0, relationship.length() - 3) + "__c"
                : relationship + "Id";
        if (type.endsWith("__c") && !schema.hasField(type, lookup)) {
            throw new Fault("INVALID_FIELD", "No such column '" + relationship + "' on entity '" + type + "'.");
        }
        String parentType = text(child(reference, "type"));
        List<Element> values = new ArrayList<>();
        for (Node node = reference.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && !element.getLocalName().equals("type")) {
                values.add(element);
            }
        }
        if (parentType == null || values.size() != 1) {
            throw new Fault("INVALID_FIELD", "A foreign key reference on " + relationship
                    + " must name its type and exactly one external id field");
        }
        String field = values.get(0).getLocalName();
        String value = values.get(0).getTextContent();
        for (Row row : tables.getOrDefault(parentType, List.of())) {
            if (value.equals(row.get(field))) {
                fields.put(lookup, row.get("Id"));
                return null;
            }
        }
        return "<errors><message>" + Envelopes.xml("Foreign key external ID: " + value + " not found for field "
                + field + " in entity " + parentType) + "</message><statusCode>INVALID_FIELD</statusCode></errors>"
                + "<id xsi:nil=\"true\"/><success>false</success>";
    }

    /** The lookups an sObject in a request gives as a nested parent reference instead of an id. */
    private static List<Element> references(Element object) {
        List<Element> references = new ArrayList<>();
        for (Node node = object.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && child(element, "type") != null) {
                references.add(element);
            }
        }
        return references;
    }

    private static String error(String field, String message, String statusCode) {
        return "<errors><fields>" + field + "</fields><message>" + Envelopes.xml(message) + "</message><statusCode>"
                + statusCode + "</statusCode></errors><id xsi:nil=\"true\"/><success>false</success>";
    }

    private boolean isA(String id, String... types) {
        Row row = byId.get(id);
        return row != null && List.of(types).contains(row.type);
    }

    private String newId(String type) {
        String prefix = KEY_PREFIX.getOrDefault(type, "a00");
        return prefix + String.format("FAKE%08d", ++ids) + "AAA";
    }

    /** The fields of an sObject in a request, which must follow the WSDL's sequence: type, fieldsToNull, Id, fields. */
    private static Map<String, String> fields(Element object) {
        Map<String, String> fields = new LinkedHashMap<>();
        List<String> sequence = List.of("type", "fieldsToNull", "Id");
        int stage = 0;
        for (Node node = object.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (!(node instanceof Element element)) {
                continue;
            }
            int position = sequence.indexOf(element.getLocalName());
            int at = position < 0 ? sequence.size() : position;
            if (at < stage) {
                throw new Fault("UNKNOWN_EXCEPTION", "Unexpected element {urn:sobject.partner.soap.sforce.com}"
                        + element.getLocalName() + " during simple type deserialization");
            }
            stage = at;
            if (position < 0 && child(element, "type") == null) {
                fields.put(element.getLocalName(), element.getTextContent());
            }
        }
        return fields;
    }

    // --- DOM helpers

    private static Document parse(String xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalArgumentException("not a SOAP request: " + e.getMessage(), e);
        }
    }

    private static Element child(Element parent, String localName) {
        if (parent == null) {
            return null;
        }
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && localName.equals(element.getLocalName())) {
                return element;
            }
        }
        return null;
    }

    private static List<Element> elements(Element parent, String localName) {
        List<Element> found = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && localName.equals(element.getLocalName())) {
                found.add(element);
            }
        }
        return found;
    }

    private static Element firstElement(Element parent) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element) {
                return element;
            }
        }
        throw new IllegalArgumentException("empty SOAP body");
    }

    static String text(Element element) {
        return element == null ? null : element.getTextContent();
    }

    private static final class Fault extends RuntimeException {
        final String code;

        Fault(String code, String message) {
            super(message);
            this.code = code;
        }
    }

    /** Now, as the org's clock says. */
    Instant now() {
        return clock.instant();
    }
}
