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
        @DefaultValue Security security,
        @DefaultValue Consent consent) {

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

    /**
     * One entry per SMS provider; a provider whose settings are empty is not enabled (no webhook, no sending).
     */
    public record Providers(@DefaultValue Twilio twilio, @DefaultValue Vonage vonage, @DefaultValue Acs acs,
                            @DefaultValue Telnyx telnyx, @DefaultValue Plivo plivo) {
        public record Twilio(String accountSid, String authToken,
                             @DefaultValue("https://api.twilio.com") String baseUrl) {
            @Override
            public String toString() {
                return "Twilio[accountSid=" + accountSid + ", authToken=" + (authToken == null ? "unset" : "****")
                        + ", baseUrl=" + baseUrl + "]";
            }
        }

        /**
         * @param apiKey          the account's API key; with {@code apiSecret} it authenticates sending through the SMS API
         * @param signatureSecret verifies signed webhooks: the SMS API's {@code sig} and the Messages API's JWT
         * @param signatureMethod the dashboard's signature method for the SMS API: {@code md5hash} (Vonage's default),
         *                        {@code md5}, {@code sha1}, {@code sha256} or {@code sha512} (HMACs)
         */
        public record Vonage(String apiKey, String apiSecret, String signatureSecret,
                             @DefaultValue("md5hash") String signatureMethod,
                             @DefaultValue("https://rest.nexmo.com") String baseUrl) {
            @Override
            public String toString() {
                return "Vonage[apiKey=" + apiKey + ", apiSecret=" + (apiSecret == null ? "unset" : "****")
                        + ", signatureSecret=" + (signatureSecret == null ? "unset" : "****")
                        + ", signatureMethod=" + signatureMethod + ", baseUrl=" + baseUrl + "]";
            }
        }

        /**
         * @param endpoint      the resource's endpoint, {@code https://<resource>.communication.azure.com}
         * @param accessKey     the resource's access key (Base64), which signs each send request (HMAC-SHA256)
         * @param webhookSecret the secret the admin puts in the Event Grid subscription's URL ({@code ?secret=})
         */
        public record Acs(String endpoint, String accessKey, String webhookSecret) {
            @Override
            public String toString() {
                return "Acs[endpoint=" + endpoint + ", accessKey=" + (accessKey == null ? "unset" : "****")
                        + ", webhookSecret=" + (webhookSecret == null ? "unset" : "****") + "]";
            }
        }

        /**
         * @param apiKey             the API v2 key sending authenticates with ({@code Authorization: Bearer})
         * @param publicKey          the account's Ed25519 public key (Base64, Mission Control "Public Key") webhooks are
         *                           verified with
         * @param messagingProfileId optional; sent with each text when set
         * @param timestampTolerance how far a webhook's {@code telnyx-timestamp} may be from our clock
         */
        public record Telnyx(String apiKey, String publicKey, String messagingProfileId,
                             @DefaultValue("https://api.telnyx.com") String baseUrl,
                             @DefaultValue("5m") Duration timestampTolerance) {
            @Override
            public String toString() {
                return "Telnyx[apiKey=" + (apiKey == null ? "unset" : "****") + ", publicKey=" + publicKey
                        + ", messagingProfileId=" + messagingProfileId + ", baseUrl=" + baseUrl
                        + ", timestampTolerance=" + timestampTolerance + "]";
            }
        }

        /** @param authToken signs Plivo's callbacks (V3 signature) and, with {@code authId}, authenticates sending */
        public record Plivo(String authId, String authToken,
                            @DefaultValue("https://api.plivo.com") String baseUrl) {
            @Override
            public String toString() {
                return "Plivo[authId=" + authId + ", authToken=" + (authToken == null ? "unset" : "****")
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
     * @param paused       callbacks are accepted and stored, and no text is routed or written until a start without it
     *                     (for CRM maintenance)
     */
    public record Inbox(@DefaultValue("100ms") Duration pollInterval,
                        @DefaultValue("500") int batchSize,
                        @DefaultValue("2s") Duration initialBackoff,
                        @DefaultValue("1m") Duration maxBackoff,
                        @DefaultValue("30m") Duration giveUpAfter,
                        @DefaultValue("2m") Duration claimTimeout,
                        @DefaultValue("false") boolean paused) {
    }

    /**
     * @param helpReply the text that answers a customer's HELP, from the number they texted (carriers expect one: who
     *                  you are, how to get help, how to opt out); unset, HELP is recorded and not answered
     */
    public record Consent(String helpReply) {
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
