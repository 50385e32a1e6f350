package dev.textbridge.connector.configcheck;

import dev.textbridge.connector.TextbridgeApplication;
import dev.textbridge.connector.support.TwilioCallbacks;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** At start-up the connector says in plain words what is wrong with its configuration. */
class ConfigurationCheckTest {

    /** Command-line arguments, as an admin passes them: they win over application.yml. */
    private static ConfigurableApplicationContext connectorWith(String... properties) {
        java.util.Map<String, String> all = new java.util.LinkedHashMap<>();
        for (String property : List.of(
                "server.port=0",
                "textbridge.store.url=jdbc:h2:mem:config-check-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                "textbridge.admin.password=x",
                "textbridge.public-base-url=" + TwilioCallbacks.PUBLIC_BASE_URL,
                "textbridge.providers.twilio.auth-token=" + TwilioCallbacks.AUTH_TOKEN,
                "textbridge.providers.twilio.account-sid=" + TwilioCallbacks.ACCOUNT_SID)) {
            all.put(property.substring(0, property.indexOf('=')), property);
        }
        for (String property : properties) {
            all.put(property.substring(0, property.indexOf('=')), property);
        }
        return new SpringApplicationBuilder(TextbridgeApplication.class)
                .run(all.values().stream().map(p -> "--" + p).toArray(String[]::new));
    }

    @Test
    void aNumberAssignedToAUserTheCrmDoesNotKnowIsReportedButTheConnectorRuns() {
        try (ConfigurableApplicationContext context = connectorWith(
                "textbridge.numbers[0].number=+15550100001", "textbridge.numbers[0].provider=twilio",
                "textbridge.numbers[0].seller=U-NOBODY",
                "textbridge.numbers[1].number=+15550100002", "textbridge.numbers[1].provider=twilio",
                "textbridge.numbers[1].team=T-GHOSTS",
                "textbridge.numbers[2].number=+1 555", "textbridge.numbers[2].provider=twilio",
                "textbridge.numbers[2].seller=U-ALICE",
                "textbridge.numbers[3].number=+15550100004", "textbridge.numbers[3].provider=twilio")) {

            List<ConfigProblem> problems = context.getBean(StartupConfigurationCheck.class).recheck();

            assertThat(problems).extracting(ConfigProblem::setting, ConfigProblem::subject).contains(
                    org.assertj.core.groups.Tuple.tuple("textbridge.numbers[0].seller", "U-NOBODY"),
                    org.assertj.core.groups.Tuple.tuple("textbridge.numbers[1].team", "T-GHOSTS"),
                    org.assertj.core.groups.Tuple.tuple("textbridge.numbers[2].number", "+1 555"),
                    org.assertj.core.groups.Tuple.tuple("textbridge.numbers[3]", "+15550100004"));
            assertThat(problems).noneMatch(p -> p.severity() == ConfigProblem.Severity.FATAL);
            assertThat(problems).filteredOn(p -> "U-NOBODY".equals(p.subject())).singleElement()
                    .satisfies(p -> assertThat(p.message()).contains("no user the CRM knows"));
        }
    }

    @Test
    void aMissingTwilioSecretStopsTheStartWithAMessageNamingTheSetting() {
        assertThatThrownBy(() -> connectorWith(
                "textbridge.providers.twilio.auth-token=",
                "textbridge.numbers[0].number=+15550100001", "textbridge.numbers[0].provider=twilio",
                "textbridge.numbers[0].seller=U-ALICE").close())
                .hasStackTraceContaining("textbridge.providers.twilio.auth-token")
                .hasStackTraceContaining("every text would be refused");
    }

    @Test
    void aNumberOnAProviderThatIsNotConfiguredStopsTheStartNamingTheProvidersSetting() {
        assertThatThrownBy(() -> connectorWith(
                "textbridge.numbers[0].number=+15550100001", "textbridge.numbers[0].provider=twilio",
                "textbridge.numbers[0].seller=U-ALICE",
                "textbridge.numbers[1].number=+15550100011", "textbridge.numbers[1].provider=telnyx",
                "textbridge.numbers[1].seller=U-ALICE").close())
                .hasStackTraceContaining("textbridge.providers.telnyx.public-key")
                .hasStackTraceContaining("+15550100011")
                .hasStackTraceContaining("business numbers use telnyx");
    }

    @Test
    void aMissingPublicBaseUrlStopsTheStart() {
        assertThatThrownBy(() -> connectorWith("textbridge.public-base-url=").close())
                .hasStackTraceContaining("textbridge.public-base-url");
    }

    @Test
    void anH2FileStoreThatDelaysItsWritesStopsTheStart() {
        assertThatThrownBy(() -> connectorWith("textbridge.store.url=jdbc:h2:file:./target/delayed-" + UUID.randomUUID()).close())
                .hasStackTraceContaining("WRITE_DELAY=0");
    }

    @Test
    void theDemoTokenBehindAPublicUrlIsReported() {
        try (ConfigurableApplicationContext context = connectorWith(
                "textbridge.providers.twilio.auth-token=" + ConfigurationCheck.DEMO_TWILIO_TOKEN)) {
            assertThat(context.getBean(StartupConfigurationCheck.class).recheck())
                    .anySatisfy(p -> assertThat(p.message()).contains("demo token"));
        }
    }
}
