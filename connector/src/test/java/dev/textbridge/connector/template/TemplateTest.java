package dev.textbridge.connector.template;

import dev.textbridge.connector.support.ConnectorClient;
import dev.textbridge.connector.support.ConnectorTest;
import dev.textbridge.connector.support.SellerTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Sellers keep personal templates, admins keep shared ones, and a template with an unknown merge field is refused. */
@ConnectorTest
class TemplateTest {

    @Autowired
    WebTestClient web;

    @Autowired
    ConnectorClient connector;

    private WebTestClient.ResponseSpec sellerSends(String seller, String method, String path, String json) {
        WebTestClient.RequestBodySpec request = web.method(org.springframework.http.HttpMethod.valueOf(method)).uri(path)
                .headers(h -> h.setBearerAuth(SellerTokens.forSeller(seller))).contentType(MediaType.APPLICATION_JSON);
        return json == null ? request.exchange() : request.bodyValue(json).exchange();
    }

    private String createdId(WebTestClient.ResponseSpec response) {
        return (String) response.expectStatus().isCreated().expectBody(java.util.Map.class).returnResult().getResponseBody().get("id");
    }

    @Test
    void aSellerSeesTheSharedTemplatesAndTheirOwnButNotAnotherSellers() {
        String shared = createdId(web.post().uri("/admin/v1/templates")
                .headers(h -> h.setBasicAuth("admin", ConnectorTest.ADMIN_PASSWORD)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\": \"Welcome\", \"body\": \"Hi {{record.firstName}}, this is {{seller.name}}.\"}").exchange());
        String alices = createdId(sellerSends("U-ALICE", "POST", "/api/v1/templates",
                "{\"name\": \"Alice's follow-up\", \"body\": \"Following up, {{ record.name }}\"}"));
        String bobs = createdId(sellerSends("U-BOB", "POST", "/api/v1/templates", "{\"name\": \"Bob's\", \"body\": \"Bob here\"}"));

        sellerSends("U-ALICE", "GET", "/api/v1/templates", null).expectStatus().isOk().expectBody()
                .jsonPath("$[?(@.id == '" + shared + "')].shared").isEqualTo(java.util.List.of(true))
                .jsonPath("$[?(@.id == '" + alices + "')].shared").isEqualTo(java.util.List.of(false))
                .jsonPath("$[?(@.id == '" + bobs + "')]").doesNotExist();
    }

    @Test
    void aTemplateWithAnUnknownMergeFieldIsRefusedWhenSaved() {
        sellerSends("U-ALICE", "POST", "/api/v1/templates", "{\"name\": \"Broken\", \"body\": \"Hi {{record.nickname}}\"}")
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").value(d -> assertThat((String) d).contains("{{record.nickname}}").contains("{{record.name}}"));
        sellerSends("U-ALICE", "POST", "/api/v1/templates", "{\"name\": \" \", \"body\": \"Hi\"}").expectStatus().isBadRequest();
    }

    @Test
    void aSellerChangesAndDeletesOnlyTheirOwnTemplates() {
        String alices = createdId(sellerSends("U-ALICE", "POST", "/api/v1/templates", "{\"name\": \"Mine\", \"body\": \"v1\"}"));
        String shared = createdId(web.post().uri("/admin/v1/templates")
                .headers(h -> h.setBasicAuth("admin", ConnectorTest.ADMIN_PASSWORD)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\": \"House style\", \"body\": \"Thanks!\"}").exchange());

        sellerSends("U-ALICE", "PUT", "/api/v1/templates/" + alices, "{\"name\": \"Mine\", \"body\": \"v2\"}")
                .expectStatus().isOk().expectBody().jsonPath("$.body").isEqualTo("v2");
        sellerSends("U-BOB", "PUT", "/api/v1/templates/" + alices, "{\"name\": \"Hijack\", \"body\": \"x\"}").expectStatus().isNotFound();
        sellerSends("U-ALICE", "PUT", "/api/v1/templates/" + shared, "{\"name\": \"Mine now\", \"body\": \"x\"}").expectStatus().isForbidden();
        sellerSends("U-BOB", "DELETE", "/api/v1/templates/" + alices, null).expectStatus().isNotFound();
        sellerSends("U-ALICE", "DELETE", "/api/v1/templates/" + alices, null).expectStatus().isNoContent();
        sellerSends("U-ALICE", "GET", "/api/v1/templates", null).expectBody().jsonPath("$[?(@.id == '" + alices + "')]").doesNotExist();
    }
}
