package dev.textbridge.connector.support;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ContextConfiguration;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * The connector on a random port, as a browser reaches it: the settings of {@link ConnectorTest}, its own in-memory
 * store, and Twilio's Messages API played by one WireMock server ({@link #TWILIO}) that every browser test shares,
 * so that they share one application context too.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "textbridge.store.url=jdbc:h2:mem:browser-test;DB_CLOSE_DELAY=-1",
        "textbridge.public-base-url=" + TwilioCallbacks.PUBLIC_BASE_URL,
        "textbridge.providers.twilio.auth-token=" + TwilioCallbacks.AUTH_TOKEN,
        "textbridge.providers.twilio.account-sid=" + TwilioCallbacks.ACCOUNT_SID,
        "textbridge.admin.password=" + ConnectorTest.ADMIN_PASSWORD,
        "textbridge.inbox.poll-interval=20ms",
        "textbridge.inbox.initial-backoff=50ms",
        "textbridge.inbox.max-backoff=200ms",
        "textbridge.security.seller-token-secret=" + SellerTokens.SECRET,
})
@AutoConfigureWebTestClient
@ContextConfiguration(initializers = BrowserTest.TwilioApi.class)
public @interface BrowserTest {

    WireMockServer TWILIO = TwilioApi.start();

    /** Points the connector's Twilio client at {@link #TWILIO}. */
    class TwilioApi implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        private static WireMockServer start() {
            WireMockServer server = new WireMockServer(options().dynamicPort());
            server.start();
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
            return server;
        }

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            TestPropertyValues.of("textbridge.providers.twilio.base-url=" + TWILIO.baseUrl()).applyTo(context);
        }
    }
}
