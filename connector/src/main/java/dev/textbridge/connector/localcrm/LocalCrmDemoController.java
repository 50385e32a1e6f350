package dev.textbridge.connector.localcrm;

import dev.textbridge.connector.config.TextbridgeProperties;
import dev.textbridge.mappings.provider.twilio.TwilioSignatureVerifier;
import dev.textbridge.crm.api.CrmUser;
import dev.textbridge.crm.local.LocalCrm;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.io.ResourceLoader;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the local CRM's pages need beyond its read-only view, as a real CRM would provide it: acting as any seeded
 * seller (the CRM side mints that seller's token with the configured secret, as Apex does for Salesforce), and a
 * customer's text arriving (this side plays Twilio: it signs the callback with the configured auth token exactly as
 * Twilio does and posts it to the connector's own webhook, so the text takes the real path). Only with
 * {@code textbridge.crm.type=local}.
 */
@RestController
@RequestMapping("/local-crm/api")
@ConditionalOnProperty(name = "textbridge.crm.type", havingValue = "local", matchIfMissing = true)
public class LocalCrmDemoController {

    static final Duration TOKEN_LIFETIME = Duration.ofHours(8);
    private static final String INBOUND_PATH = "/webhooks/twilio/inbound";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final LocalCrm crm;
    private final TextbridgeProperties properties;
    private final ResourceLoader resources;
    private final WebClient web;
    private final Clock clock;

    public LocalCrmDemoController(LocalCrm crm, TextbridgeProperties properties, ResourceLoader resources,
                                  WebClient.Builder web, Clock clock) {
        this.crm = crm;
        this.properties = properties;
        this.resources = resources;
        this.web = web.build();
        this.clock = clock;
    }

    public record SellerView(String id, String name, Set<String> teams, boolean smsPrivilege) {
    }

    public record SellerToken(String seller, String token, Instant expiresAt) {
    }

    public record InboundText(String from, String to, String body) {
    }

    public record SimulatedInbound(String messageSid, int webhookStatus) {
    }

    /** The seeded users one may act as, in the seed's order. */
    @GetMapping("/sellers")
    public Mono<List<SellerView>> sellers() {
        return Mono.fromCallable(() -> {
            List<String> ids = seededUserIds();
            Map<String, CrmUser> known = crm.findUsers(new LinkedHashSet<>(ids));
            return ids.stream().filter(known::containsKey).map(known::get)
                    .map(u -> new SellerView(u.id(), u.name(), u.teamIds(), u.smsPrivilege())).toList();
        }).subscribeOn(Schedulers.boundedElastic());
    }

    /** A seller token for a seeded user, signed with {@code textbridge.security.seller-token-secret}. */
    @PostMapping("/sellers/{id}/token")
    public Mono<SellerToken> token(@PathVariable String id) {
        return Mono.fromCallable(() -> {
            CrmUser user = seededUserIds().contains(id) ? crm.findUsers(Set.of(id)).get(id) : null;
            if (user == null) {
                throw problem(HttpStatus.NOT_FOUND, "the local CRM has no seeded user " + id);
            }
            String secret = properties.security().sellerTokenSecret();
            if (secret == null || secret.getBytes(StandardCharsets.UTF_8).length < 32) {
                throw problem(HttpStatus.CONFLICT, "textbridge.security.seller-token-secret is missing or shorter than 32 bytes");
            }
            Instant now = clock.instant();
            Instant expiresAt = now.plus(TOKEN_LIFETIME);
            NimbusJwtEncoder encoder = NimbusJwtEncoder.withSecretKey(
                    new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256")).build();
            // name: the panel fills {{seller.name}} in a template's preview from it.
            JwtClaimsSet claims = JwtClaimsSet.builder().subject(user.id()).claim("name", user.name())
                    .issuedAt(now).expiresAt(expiresAt).build();
            String token = encoder.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims))
                    .getTokenValue();
            return new SellerToken(user.id(), token, expiresAt);
        }).subscribeOn(Schedulers.boundedElastic());
    }

    /**
     * A customer's text, through the real webhook: the fields of Twilio's inbound-SMS callback, signed for
     * {@code textbridge.public-base-url} + the path with the configured auth token, posted to this very server.
     */
    @PostMapping(path = "/inbound", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<SimulatedInbound> inbound(@RequestBody InboundText text, ServerHttpRequest request) {
        if (text == null || blank(text.from()) || blank(text.to()) || text.body() == null) {
            throw problem(HttpStatus.BAD_REQUEST, "'from', 'to' and 'body' are needed");
        }
        String authToken = properties.providers().twilio().authToken();
        if (blank(authToken)) {
            throw problem(HttpStatus.CONFLICT, "textbridge.providers.twilio.auth-token is not set");
        }
        String sid = "SM" + HexFormat.of().formatHex(randomBytes(16));
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("ToCountry", "US");
        fields.put("SmsMessageSid", sid);
        fields.put("NumMedia", "0");
        fields.put("SmsSid", sid);
        fields.put("SmsStatus", "received");
        fields.put("Body", text.body());
        fields.put("To", text.to().strip());
        fields.put("NumSegments", "1");
        fields.put("MessageSid", sid);
        fields.put("AccountSid", properties.providers().twilio().accountSid() == null ? "" : properties.providers().twilio().accountSid());
        fields.put("From", text.from().strip());
        fields.put("ApiVersion", "2010-04-01");
        String signature = twilioSignature(stripSlash(properties.publicBaseUrl()) + INBOUND_PATH, fields, authToken);
        var local = request.getLocalAddress();
        if (local == null) {
            throw problem(HttpStatus.INTERNAL_SERVER_ERROR, "cannot tell which port this server listens on");
        }
        var form = new org.springframework.util.LinkedMultiValueMap<String, String>();
        fields.forEach(form::add);
        // Back to where this request arrived: that address and port reach this server whatever it binds to.
        java.net.InetAddress address = local.getAddress();
        String host = address == null || address.isAnyLocalAddress() ? "127.0.0.1"
                : address instanceof java.net.Inet6Address ? "[" + address.getHostAddress().replaceFirst("%.*$", "") + "]"
                : address.getHostAddress();
        return web.post().uri("http://" + host + ":" + local.getPort() + INBOUND_PATH)
                .header("X-Twilio-Signature", signature)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData(form))
                .exchangeToMono(response -> response.releaseBody()
                        .thenReturn(new SimulatedInbound(sid, response.statusCode().value())));
    }

    static String twilioSignature(String url, Map<String, String> fields, String authToken) {
        return new TwilioSignatureVerifier(authToken).signatureFor(url, fields);
    }

    private List<String> seededUserIds() {
        try (InputStream in = resources.getResource(properties.crm().local().seed()).getInputStream()) {
            JsonNode users = YAMLMapper.builder().build().readTree(in).path("users");
            List<String> ids = new ArrayList<>();
            users.forEach(user -> {
                if (user.hasNonNull("id")) {
                    ids.add(user.get("id").asString());
                }
            });
            return ids;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the local CRM seed " + properties.crm().local().seed(), e);
        }
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static String stripSlash(String url) {
        return url != null && url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static ErrorResponseException problem(HttpStatus status, String detail) {
        return new ErrorResponseException(status, ProblemDetail.forStatusAndDetail(status, detail), null);
    }
}
