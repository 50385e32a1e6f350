package dev.textbridge.crm.salesforce.internal;

import dev.textbridge.crm.api.CrmUnavailableException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/**
 * SOQL queries sent together as subrequests of one REST Composite request
 * ({@code POST /services/data/vNN.0/composite}, {@code allOrNone: false}): one API call for up to
 * {@value #QUERIES_PER_REQUEST} queries, the most a composite request may hold (REST API Developer Guide, "Composite":
 * up to 25 subrequests, of which up to 5 query operations). A result Salesforce splits into pages is read to the end
 * through its {@code nextRecordsUrl}, one call per page. A subrequest Salesforce refuses (say {@code INVALID_FIELD})
 * fails the whole read as a SOAP fault would.
 * <p>
 * The SOQL travels in the request body, not in a URI: a plain {@code GET /query/?q=} is bound by the REST API's
 * 16,384 bytes of URI and headers, and Salesforce advises a Composite subrequest for long queries (Salesforce Help,
 * knowledge article 000386264, "Maximum number of rows returned by SOQL queries over the REST API"). Answers follow
 * the REST API Developer Guide's "Composite Response Body": {@code compositeResponse[]} of {@code body},
 * {@code httpHeaders}, {@code httpStatusCode}, {@code referenceId}.
 */
public final class CompositeQueries {

    static final int QUERIES_PER_REQUEST = 5;

    /** One query and what it is for, as errors name it ("read contacts"). */
    public record Query(String what, String soql) {
    }

    private final RestClient rest;

    public CompositeQueries(RestClient rest) {
        this.rest = rest;
    }

    /** The records of each query, in the order of the queries. */
    public List<List<JsonNode>> run(List<Query> queries) {
        List<List<JsonNode>> results = new ArrayList<>();
        for (List<Query> group : Soql.chunks(queries, QUERIES_PER_REQUEST)) {
            ObjectNode request = Json.MAPPER.createObjectNode();
            request.put("allOrNone", false);
            ArrayNode subrequests = request.putArray("compositeRequest");
            for (int i = 0; i < group.size(); i++) {
                subrequests.addObject().put("method", "GET").put("url", rest.queryPath(group.get(i).soql()))
                        .put("referenceId", referenceId(i));
            }
            RestClient.Response answer = rest.post(describe(group), "/composite", request);
            if (!answer.isSuccess()) {
                throw new CrmUnavailableException("Salesforce " + describe(group) + " failed: HTTP " + answer.status()
                        + ", " + RestClient.errorCode(answer.body()) + ": " + RestClient.errorMessage(answer.body()));
            }
            for (int i = 0; i < group.size(); i++) {
                results.add(records(group.get(i), subresponse(answer.body(), referenceId(i), group.get(i))));
            }
        }
        return results;
    }

    private static JsonNode subresponse(JsonNode answer, String referenceId, Query query) {
        for (JsonNode subresponse : answer.path("compositeResponse")) {
            if (referenceId.equals(subresponse.path("referenceId").asString(""))) {
                int status = subresponse.path("httpStatusCode").asInt(0);
                JsonNode body = subresponse.path("body");
                if (status < 200 || status >= 300) {
                    String code = RestClient.errorCode(body);
                    throw new CrmUnavailableException("Salesforce " + query.what() + " failed: " + code + ": "
                            + RestClient.errorMessage(body) + PartnerClient.hint(code));
                }
                return body;
            }
        }
        throw new CrmUnavailableException("Salesforce " + query.what() + " failed: the composite answer lacks "
                + referenceId);
    }

    private List<JsonNode> records(Query query, JsonNode first) {
        List<JsonNode> records = new ArrayList<>();
        JsonNode page = first;
        while (true) {
            page.path("records").forEach(records::add);
            String next = page.path("nextRecordsUrl").asString("");
            if (page.path("done").asBoolean(true) || next.isEmpty()) {
                return records;
            }
            RestClient.Response answer = rest.next(query.what() + " (next page)", next);
            if (!answer.isSuccess()) {
                String code = RestClient.errorCode(answer.body());
                throw new CrmUnavailableException("Salesforce " + query.what() + " (next page) failed: " + code + ": "
                        + RestClient.errorMessage(answer.body()) + PartnerClient.hint(code));
            }
            page = answer.body();
        }
    }

    private static String referenceId(int index) {
        return "query" + index;
    }

    private static String describe(List<Query> group) {
        return String.join(", ", group.stream().map(Query::what).distinct().toList());
    }
}
