package dev.textbridge.connector.localcrm;

import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.SignedJWT;
import dev.textbridge.connector.support.ConnectorTest;
import dev.textbridge.connector.support.SellerTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Acting as a seeded seller: the local CRM mints that seller's token, which the seller API takes as any other. */
@ConnectorTest
class LocalCrmDemoTest {

    @Autowired
    WebTestClient web;

    @Test
    void theLocalCrmListsItsSeededSellersAndMintsATokenTheSellerApiAccepts() throws Exception {
        web.get().uri("/local-crm/api/sellers").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$[*].id").isEqualTo(List.of("U-ALICE", "U-BOB", "U-CARL"))
                .jsonPath("$[0].name").isEqualTo("Alice Seller");

        Map<?, ?> minted = web.post().uri("/local-crm/api/sellers/U-BOB/token").exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        String token = minted.get("token").toString();
        SignedJWT jwt = SignedJWT.parse(token);
        assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo("HS256");
        assertThat(jwt.verify(new MACVerifier(SellerTokens.SECRET.getBytes(StandardCharsets.UTF_8))))
                .as("signed with textbridge.security.seller-token-secret").isTrue();
        assertThat(jwt.getJWTClaimsSet().getSubject()).isEqualTo("U-BOB");
        assertThat(jwt.getJWTClaimsSet().getStringClaim("name")).isEqualTo("Bob Seller");
        assertThat(jwt.getJWTClaimsSet().getExpirationTime().toInstant()).isAfter(Instant.now());

        web.get().uri("/api/v1/sender-numbers").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$[*].number").isEqualTo(List.of("+15550100003"));
    }

    @Test
    void noTokenForSomeoneTheSeedDoesNotHave() {
        web.post().uri("/local-crm/api/sellers/U-MALLORY/token").exchange().expectStatus().isNotFound();
    }

    @Test
    void theSimulatedTextNeedsAllItsFields() {
        web.post().uri("/local-crm/api/inbound").contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("from", "+15550100200", "body", "no recipient")).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.detail").isEqualTo("'from', 'to' and 'body' are needed");
    }

    @Test
    void withAnotherCrmThereAreNoPagesNoTokensAndNoSimulatedTexts() {
        new ReactiveWebApplicationContextRunner()
                .withUserConfiguration(LocalCrmPages.class, LocalCrmDemoController.class)
                .withPropertyValues("textbridge.crm.type=salesforce")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).doesNotHaveBean(LocalCrmDemoController.class);
                    assertThat(context).doesNotHaveBean("localCrmPageRoutes");
                });
        new ReactiveWebApplicationContextRunner()
                .withUserConfiguration(LocalCrmPages.class)
                .withPropertyValues("textbridge.crm.type=local")
                .run(context -> assertThat(context).hasBean("localCrmPageRoutes"));
    }
}
