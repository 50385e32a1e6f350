package dev.textbridge.connector.support;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;

/** What tests do to the connector, in the words of its users: a provider posts, an admin looks things up. */
public final class ConnectorClient {

    public static final String INBOUND_PATH = "/webhooks/twilio/inbound";

    private final WebTestClient client;

    public ConnectorClient(WebTestClient client) {
        this.client = client;
    }

    /** Twilio posts an inbound callback, correctly signed for the public URL. */
    public WebTestClient.ResponseSpec twilioPosts(String pathAndQuery, Map<String, String> fields) {
        return client.post().uri(java.net.URI.create("http://localhost" + pathAndQuery))
                .header("X-Twilio-Signature", TwilioCallbacks.sign(TwilioCallbacks.PUBLIC_BASE_URL + pathAndQuery, fields))
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue(TwilioCallbacks.formEncode(fields))
                .exchange();
    }

    public WebTestClient.ResponseSpec twilioPostsInbound(Map<String, String> fields) {
        return twilioPosts(INBOUND_PATH, fields);
    }

    /** Someone posts with a signature of their own choosing (or none, when null). */
    public WebTestClient.ResponseSpec postWithSignature(String path, String signature, MediaType type, String body) {
        WebTestClient.RequestBodySpec request = client.post().uri(path).contentType(type);
        if (signature != null) {
            request = request.header("X-Twilio-Signature", signature);
        }
        return request.bodyValue(body).exchange();
    }

    public WebTestClient.ResponseSpec adminGets(String path) {
        return client.get().uri(path).headers(h -> h.setBasicAuth("admin", ConnectorTest.ADMIN_PASSWORD)).exchange();
    }

    public WebTestClient.ResponseSpec adminPosts(String path) {
        return client.post().uri(path).headers(h -> h.setBasicAuth("admin", ConnectorTest.ADMIN_PASSWORD)).exchange();
    }

    public Trace trace(String messageSid) {
        return adminGets("/admin/v1/messages/twilio/" + messageSid).expectStatus().isOk()
                .expectBody(Trace.class).returnResult().getResponseBody();
    }

    /** Waits until the message reaches the given state, and answers its trace. */
    public Trace awaitState(String messageSid, String state) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(25))
                .until(() -> state.equals(trace(messageSid).state()));
        return trace(messageSid);
    }

    public List<Activity> activitiesOf(String recordId) {
        return client.get().uri("/local-crm/api/records/{id}/activities", recordId).exchange()
                .expectStatus().isOk().expectBodyList(Activity.class).returnResult().getResponseBody();
    }

    public List<CrmRecord> crmRecords() {
        return client.get().uri("/local-crm/api/records").exchange()
                .expectStatus().isOk().expectBodyList(CrmRecord.class).returnResult().getResponseBody();
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Trace(String provider, String providerMessageId, String direction, String from, String to,
                        String body, String state, RecordView record, Decision decision, String activityId,
                        int attempts, String lastError, String consent, String notice) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RecordView(String type, String id, String name) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Decision(String decidedBy, boolean leadCreated, List<Candidate> candidates, String explanation) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Candidate(String type, String id, String name, String outcome) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Activity(String id, String direction, String body, String from, String to, String at,
                           String provider, String providerMessageId, String status, String failureReason,
                           String owner) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record CrmRecord(String type, String id, String name, String owner, boolean active, String lastModified,
                            Map<String, String> phones) {
    }
}
