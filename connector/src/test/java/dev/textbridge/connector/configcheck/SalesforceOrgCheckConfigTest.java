package dev.textbridge.connector.configcheck;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.textbridge.connector.TextbridgeApplication;
import dev.textbridge.connector.support.TwilioCallbacks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * With {@code textbridge.crm.type=salesforce} the configuration check includes the adapter's org check: an org that
 * refuses the connector's credentials is reported in plain words, and the connector still starts (texts wait in the
 * inbox until the admin fixes it).
 */
class SalesforceOrgCheckConfigTest {

    private WireMockServer org;

    @BeforeEach
    void startOrg() {
        org = new WireMockServer(wireMockConfig().dynamicPort());
        org.start();
        // Salesforce's answer to a client-credentials request with a wrong secret.
        org.stubFor(post(urlPathEqualTo("/services/oauth2/token")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json;charset=UTF-8")
                .withBody("{\"error\":\"invalid_client\",\"error_description\":\"invalid client credentials\"}")));
    }

    @AfterEach
    void stopOrg() {
        org.stop();
    }

    @Test
    void aFieldMappingWithARecordTypeWithoutLinkStopsTheStartNamingItsYamlPath(@TempDir Path dir) throws Exception {
        Path mapping = dir.resolve("salesforce-fields.yaml");
        Files.writeString(mapping, """
                object: Text_Message__c
                key-field: Textbridge_Key__c
                links:
                  contact: Contact__c
                  account: Account__c
                  opportunity: Opportunity__c
                fields:
                  body: Body__c
                """);

        assertThatThrownBy(() -> start("--textbridge.crm.salesforce.field-mapping=file:" + mapping).close())
                .hasStackTraceContaining("textbridge.crm.salesforce.field-mapping: file:" + mapping
                        + ": links.lead: missing; every record type needs the field that links an activity to a lead");
    }

    @Test
    void aFieldMappingThatCannotBeReadStopsTheStart() {
        assertThatThrownBy(() -> start("--textbridge.crm.salesforce.field-mapping=file:/nowhere/fields.yaml").close())
                .hasStackTraceContaining("textbridge.crm.salesforce.field-mapping: cannot read file:/nowhere/fields.yaml");
    }

    private ConfigurableApplicationContext start(String... more) {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--textbridge.store.url=jdbc:h2:mem:sf-check-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                "--textbridge.admin.password=x",
                "--textbridge.public-base-url=" + TwilioCallbacks.PUBLIC_BASE_URL,
                "--textbridge.providers.twilio.auth-token=" + TwilioCallbacks.AUTH_TOKEN,
                "--textbridge.providers.twilio.account-sid=" + TwilioCallbacks.ACCOUNT_SID,
                "--textbridge.crm.type=salesforce",
                "--textbridge.crm.salesforce.my-domain-url=" + org.baseUrl(),
                "--textbridge.crm.salesforce.client-id=3MVG9-connector",
                "--textbridge.crm.salesforce.client-secret=wrong-secret-never-shown"));
        args.addAll(List.of(more));
        return new SpringApplicationBuilder(TextbridgeApplication.class).run(args.toArray(String[]::new));
    }

    @Test
    void aRefusedLoginIsReportedInTheConfigurationCheckAndTheConnectorRuns() {
        try (ConfigurableApplicationContext context =
                     start("--textbridge.crm.salesforce.notification-type=Textbridge_Inbound_Text")) {

            List<ConfigProblem> problems = context.getBean(StartupConfigurationCheck.class).recheck();

            assertThat(problems).filteredOn(problem -> "login".equals(problem.subject())).singleElement()
                    .satisfies(problem -> {
                        assertThat(problem.severity()).isEqualTo(ConfigProblem.Severity.ERROR);
                        assertThat(problem.setting()).isEqualTo("textbridge.crm.salesforce");
                        assertThat(problem.message()).contains("invalid_client", "README step 4")
                                .doesNotContain("wrong-secret-never-shown");
                    });
        }
    }
}
