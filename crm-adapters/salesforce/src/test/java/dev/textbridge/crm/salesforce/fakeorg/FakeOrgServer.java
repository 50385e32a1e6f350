package dev.textbridge.crm.salesforce.fakeorg;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/**
 * A {@link FakeOrg} behind WireMock on a local port: {@code POST /services/oauth2/token},
 * {@code POST /services/Soap/u/<version>} and {@code POST /services/data/v<version>/...} are answered by the org, so the adapter talks HTTP exactly as to Salesforce
 * and WireMock keeps every request for the test to count and read.
 */
public final class FakeOrgServer implements AutoCloseable {

    public static final String TOKEN_PATH = "/services/oauth2/token";
    static final String REST_PATHS = "/services/data/v[0-9.]+/.*";

    private final WireMockServer server;
    private final FakeOrg org;

    public FakeOrgServer(FakeOrg org) {
        this(org, wireMockConfig().dynamicPort());
    }

    /**
     * The org served with this WireMock configuration (address, port, threads, journal, extensions of the caller's
     * such as a listener that counts calls); the benchmark harness's Salesforce stand-in starts it this way.
     */
    public FakeOrgServer(FakeOrg org, WireMockConfiguration configuration) {
        this.org = org;
        this.server = new WireMockServer(configuration.extensions(new OrgTransformer(org)));
        server.start();
        org.instanceUrl(server.baseUrl());
        server.stubFor(post(urlPathEqualTo(TOKEN_PATH)).willReturn(aResponse().withTransformers(OrgTransformer.NAME)));
        server.stubFor(post(urlPathMatching("/services/Soap/u/[0-9.]+"))
                .willReturn(aResponse().withTransformers(OrgTransformer.NAME)));
        server.stubFor(post(urlPathMatching(REST_PATHS)).willReturn(aResponse().withTransformers(OrgTransformer.NAME)));
        server.stubFor(get(urlPathMatching(REST_PATHS)).willReturn(aResponse().withTransformers(OrgTransformer.NAME)));
    }

    public URI url() {
        return URI.create(server.baseUrl());
    }

    public FakeOrg org() {
        return org;
    }

    /** SOAP requests received so far. */
    public List<LoggedRequest> soapRequests() {
        return server.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                urlPathMatching("/services/Soap/u/[0-9.]+")));
    }

    /** REST requests received so far (POST: the notification action). */
    public List<LoggedRequest> restRequests() {
        return server.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                urlPathMatching(REST_PATHS)));
    }

    /** REST queries received so far (GET). */
    public List<LoggedRequest> restQueries() {
        return server.findAll(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                urlPathMatching(REST_PATHS)));
    }

    /** Token requests received so far. */
    public List<LoggedRequest> tokenRequests() {
        return server.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(urlPathEqualTo(TOKEN_PATH)));
    }

    /** Every answer waits this long before it is sent, as from an org far away; none by default. */
    public void answerAfter(Duration latency) {
        server.setGlobalFixedDelay(Math.toIntExact(latency.toMillis()));
    }

    public void resetRequests() {
        server.resetRequests();
    }

    @Override
    public void close() {
        server.stop();
    }

    static Map<String, String> form(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }

    private static final class OrgTransformer implements ResponseDefinitionTransformerV2 {
        static final String NAME = "fake-salesforce-org";
        private final FakeOrg org;

        OrgTransformer(FakeOrg org) {
            this.org = org;
        }

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            LoggedRequest request = event.getRequest();
            String path = URI.create(request.getUrl()).getPath();
            FakeOrg.Answer answer;
            if (path.equals(TOKEN_PATH)) {
                answer = org.token(form(request.getBodyAsString()));
            } else if (path.startsWith("/services/data/") && request.getMethod().getName().equals("GET")) {
                String soql = request.queryParameter("q").isPresent() ? request.queryParameter("q").firstValue() : null;
                answer = org.restQuery(path, soql, request.containsHeader("Authorization")
                        ? request.getHeader("Authorization") : null);
            } else if (path.startsWith("/services/data/")) {
                answer = org.rest(path, request.containsHeader("Authorization") ? request.getHeader("Authorization")
                        : null, request.getBodyAsString());
            } else {
                answer = org.soap(request.getBodyAsString());
            }
            ResponseDefinitionBuilder response = new ResponseDefinitionBuilder().withStatus(answer.status())
                    .withHeader("Content-Type", answer.contentType()).withBody(answer.body());
            answer.headers().forEach(response::withHeader);
            return response.build();
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }

        @Override
        public String getName() {
            return NAME;
        }
    }
}
