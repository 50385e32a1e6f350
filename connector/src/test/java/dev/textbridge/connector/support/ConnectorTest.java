package dev.textbridge.connector.support;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The connector as configured for tests: an in-memory H2 store, the local CRM with the sample data, Twilio with a
 * test token behind https://sms.example.com, and a fast-polling flow. Tests that share these settings share one
 * application context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(properties = {
        "textbridge.store.url=jdbc:h2:mem:connector-test;DB_CLOSE_DELAY=-1",
        "textbridge.public-base-url=" + TwilioCallbacks.PUBLIC_BASE_URL,
        "textbridge.providers.twilio.auth-token=" + TwilioCallbacks.AUTH_TOKEN,
        "textbridge.providers.twilio.account-sid=" + TwilioCallbacks.ACCOUNT_SID,
        "textbridge.admin.password=" + ConnectorTest.ADMIN_PASSWORD,
        "textbridge.inbox.poll-interval=20ms",
        "textbridge.inbox.initial-backoff=50ms",
        "textbridge.inbox.max-backoff=200ms",
        "textbridge.security.seller-token-secret=" + SellerTokens.SECRET,
})
// A generous timeout: a busy 2-core CI machine can take seconds over the first request of a cold path.
@AutoConfigureWebTestClient(timeout = "30s")
@Import(ConnectorTest.Client.class)
public @interface ConnectorTest {
    String ADMIN_PASSWORD = "test-admin-password";

    /** Makes a {@link ConnectorClient} injectable into tests. */
    @TestConfiguration(proxyBeanMethods = false)
    class Client {
        @Bean
        ConnectorClient connectorClient(WebTestClient web) {
            return new ConnectorClient(web);
        }
    }
}
