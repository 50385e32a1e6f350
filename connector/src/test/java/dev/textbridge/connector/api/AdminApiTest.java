package dev.textbridge.connector.api;

import dev.textbridge.connector.support.ConnectorClient;
import dev.textbridge.connector.support.ConnectorTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The admin API answers admins only; health and metrics answer probes and scrapers. */
@ConnectorTest
class AdminApiTest {

    @Autowired
    WebTestClient web;

    @Autowired
    ConnectorClient connector;

    @Test
    void theAdminApiRefusesAnyoneWithoutTheAdminPassword() {
        web.get().uri("/admin/v1/dead-letters").exchange().expectStatus().isUnauthorized();
        web.get().uri("/admin/v1/dead-letters").headers(h -> h.setBasicAuth("admin", "guess")).exchange()
                .expectStatus().isUnauthorized();
        connector.adminGets("/admin/v1/dead-letters").expectStatus().isOk();
    }

    @Test
    void anUnknownMessageIsNotFoundAsProblemDetails() {
        connector.adminGets("/admin/v1/messages/twilio/SM00000000000000000000000000000000")
                .expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").exists();
    }

    @Test
    void theConfigCheckFindsNothingWrongWithTheTestConfiguration() {
        connector.adminGets("/admin/v1/config-check").expectStatus().isOk().expectBody()
                .jsonPath("$.ok").isEqualTo(true)
                .jsonPath("$.problems.length()").isEqualTo(0);
    }

    @Test
    void healthAndPrometheusMetricsAreOpen() {
        web.get().uri("/actuator/health").exchange().expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("UP");
        web.get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .expectBody(String.class).value(body -> org.assertj.core.api.Assertions.assertThat(body).contains("jvm_memory_used_bytes"));
    }

    @Test
    void everythingElseIsClosed() {
        web.get().uri("/actuator/env").exchange().expectStatus().is4xxClientError();
    }
}
