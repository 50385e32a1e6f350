package dev.textbridge.connector.panel;

import dev.textbridge.connector.support.ConnectorTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** The panel's page may be framed by the configured ancestors only; nothing else of the connector may be framed. */
@ConnectorTest
class PanelPageTest {

    @Autowired
    WebTestClient web;

    @Test
    void thePanelIsServedOpenAndFrameableByItsAncestorsOnly() {
        web.get().uri("/panel/").exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectHeader().doesNotExist("X-Frame-Options")
                .expectHeader().value("Content-Security-Policy", csp -> assertThat(csp)
                        .contains("frame-ancestors 'self'").contains("default-src 'self'"))
                .expectBody(String.class).value(html -> assertThat(html).contains("<main id=\"panel\""));
        web.get().uri("/panel/panel.js").exchange().expectStatus().isOk()
                .expectHeader().value("Content-Security-Policy", csp -> assertThat(csp).contains("frame-ancestors 'self'"));
        web.get().uri("/panel/i18n/es.json").exchange().expectStatus().isOk()
                .expectBody(String.class).value(json -> assertThat(json).contains("\"send\": \"Enviar\""));
        web.get().uri("/panel?type=contact&id=C-1").exchange().expectStatus().isPermanentRedirect()
                .expectHeader().location("/panel/?type=contact&id=C-1");
    }

    @Test
    void everythingElseRefusesToBeFramed() {
        web.get().uri("/").exchange().expectStatus().isOk()
                .expectHeader().valueEquals("X-Frame-Options", "DENY");
        web.get().uri("/local-crm/api/records").exchange().expectStatus().isOk()
                .expectHeader().valueEquals("X-Frame-Options", "DENY");
        web.get().uri("/api/v1/conversations").exchange().expectStatus().isUnauthorized()
                .expectHeader().valueEquals("X-Frame-Options", "DENY");
    }
}
