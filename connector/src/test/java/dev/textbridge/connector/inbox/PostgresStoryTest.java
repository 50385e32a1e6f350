package dev.textbridge.connector.inbox;

import dev.textbridge.connector.support.ConnectorClient;
import dev.textbridge.connector.support.ConnectorClient.Trace;
import dev.textbridge.connector.support.ConnectorTest;
import dev.textbridge.connector.support.PostgresServer;
import dev.textbridge.connector.support.TwilioCallbacks;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole connector on PostgreSQL, as when several instances share the work: its store, its inbox and the local CRM
 * (which shares the connector's DataSource) all live in one embedded PostgreSQL database. The server is stopped by its
 * own shutdown hook, after this class's application context is closed.
 */
@ConnectorTest
@DirtiesContext
class PostgresStoryTest {

    private static final String ALICES_NUMBER = "+15550100001";
    private static final String DANAS_NUMBER = "+15550100200";

    private static final PostgresServer POSTGRES = PostgresServer.start();

    @DynamicPropertySource
    static void storeOnPostgres(DynamicPropertyRegistry registry) {
        String database = POSTGRES.newDatabase();
        registry.add("textbridge.store.url", () -> POSTGRES.jdbcUrl(database));
        registry.add("textbridge.store.username", () -> PostgresServer.USERNAME);
        registry.add("textbridge.store.password", () -> "");
    }

    @Autowired
    ConnectorClient connector;

    @Autowired
    DataSource dataSource;

    @Test
    void aSignedTwilioTextFromDanaToAlicesNumberIsWrittenOnceToDanasContact() {
        assertThat(InboxStore.Database.of(dataSource)).isEqualTo(InboxStore.Database.POSTGRESQL);
        String sid = TwilioCallbacks.newMessageSid();

        connector.twilioPostsInbound(TwilioCallbacks.inbound(sid, DANAS_NUMBER, ALICES_NUMBER, "Hi Alice, is the quote ready? 👋"))
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_XML)
                .expectBody(String.class).value(body -> assertThat(body).contains("<Response/>"));

        Trace trace = connector.awaitState(sid, "written");
        assertThat(trace.record().type()).isEqualTo("contact");
        assertThat(trace.record().id()).isEqualTo("C-1");
        assertThat(trace.attempts()).isEqualTo(1);
        assertThat(connector.activitiesOf("C-1")).singleElement().satisfies(activity -> {
            assertThat(activity.id()).isEqualTo(trace.activityId());
            assertThat(activity.providerMessageId()).isEqualTo(sid);
            assertThat(activity.direction()).isEqualTo("inbound");
            assertThat(activity.body()).isEqualTo("Hi Alice, is the quote ready? 👋");
            assertThat(activity.from()).isEqualTo(DANAS_NUMBER);
            assertThat(activity.to()).isEqualTo(ALICES_NUMBER);
        });
    }
}
