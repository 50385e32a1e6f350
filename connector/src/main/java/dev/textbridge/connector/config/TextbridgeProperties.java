package dev.textbridge.connector.config;

import dev.textbridge.crm.api.RecordType;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.time.Duration;
import java.util.List;

/** Every {@code textbridge.*} setting; README.md documents each key. */
@ConfigurationProperties("textbridge")
public record TextbridgeProperties(
        String publicBaseUrl,
        @DefaultValue Phone phone,
        @DefaultValue Store store,
        @DefaultValue Crm crm,
        @DefaultValue Providers providers,
        List<NumberAssignment> numbers,
        @DefaultValue Admin admin,
        @DefaultValue Routing routing,
        @DefaultValue Inbox inbox,
        @DefaultValue Webhooks webhooks,
        @DefaultValue Security security) {

    public TextbridgeProperties {
        numbers = numbers == null ? List.of() : List.copyOf(numbers);
    }

    public record Phone(@DefaultValue("US") String defaultRegion) {
    }

    /** The connector's own store; mapped onto {@code spring.datasource.*} in application.yml. */
    public record Store(String url, String username, String password) {
    }

    public record Crm(@DefaultValue("local") String type, @DefaultValue Local local) {
        /** @param latency how long each call waits, as a remote CRM's round trip would (benchmarks, demos) */
        public record Local(@DefaultValue("classpath:sample-crm.yaml") String seed,
                            @DefaultValue("0ms") Duration latency) {
        }
    }

    public record Providers(@DefaultValue Twilio twilio) {
        public record Twilio(String accountSid, String authToken,
                             @DefaultValue("https://api.twilio.com") String baseUrl) {
            @Override
            public String toString() {
                return "Twilio[accountSid=" + accountSid + ", authToken=" + (authToken == null ? "unset" : "****")
                        + ", baseUrl=" + baseUrl + "]";
            }
        }
    }

    /** One business number: its provider and the user ({@code seller}) or {@code team} it is assigned to. */
    public record NumberAssignment(String number, String provider, String seller, String team) {
    }

    public record Admin(String password) {
        @Override
        public String toString() {
            return "Admin[password=****]";
        }
    }

    public record Routing(String defaultLeadOwner,
                          @DefaultValue({"contact", "account", "opportunity", "lead"}) List<RecordType> typeOrder) {
    }

    /**
     * How the flow drains the inbox.
     *
     * @param giveUpAfter how long a message keeps being retried through a CRM outage before it is dead
     * @param claimTimeout how long a claimed batch stays reserved for one worker; after a crash another takes it
     */
    public record Inbox(@DefaultValue("100ms") Duration pollInterval,
                        @DefaultValue("100") int batchSize,
                        @DefaultValue("2s") Duration initialBackoff,
                        @DefaultValue("1m") Duration maxBackoff,
                        @DefaultValue("30m") Duration giveUpAfter,
                        @DefaultValue("2m") Duration claimTimeout) {
    }

    public record Webhooks(@DefaultValue("64KB") DataSize maxBodySize) {
    }

    /**
     * @param sellerTokenSecret the HS256 secret the CRM side signs seller tokens with (at least 32 bytes)
     */
    public record Security(String sellerTokenSecret) {
        @Override
        public String toString() {
            return "Security[sellerTokenSecret=****]";
        }
    }
}
