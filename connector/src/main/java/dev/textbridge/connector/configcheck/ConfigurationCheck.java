package dev.textbridge.connector.configcheck;

import dev.textbridge.connector.config.TextbridgeProperties;
import dev.textbridge.connector.configcheck.ConfigProblem.Severity;
import dev.textbridge.crm.api.CrmAdapter;
import dev.textbridge.crm.api.CrmUnavailableException;
import dev.textbridge.mappings.model.InvalidPhoneNumberException;
import dev.textbridge.mappings.model.PhoneNumber;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks the configuration against itself and against the CRM, and says in plain words what is missing or wrong.
 */
public class ConfigurationCheck {

    /** The token in the embedded defaults; fine on a laptop, never behind a public URL. */
    public static final String DEMO_TWILIO_TOKEN = "demo-auth-token";

    /** Each provider the connector has, and the setting without which its webhooks stay closed. */
    private static final Map<String, String> PROVIDER_SECRETS = new java.util.LinkedHashMap<>(Map.of(
            "twilio", "textbridge.providers.twilio.auth-token",
            "vonage", "textbridge.providers.vonage.signature-secret",
            "acs", "textbridge.providers.acs.webhook-secret",
            "telnyx", "textbridge.providers.telnyx.public-key",
            "plivo", "textbridge.providers.plivo.auth-token"));

    private final TextbridgeProperties properties;
    private final CrmAdapter crm;
    private final Set<String> enabledProviders;
    private final List<ConfigCheckContribution> contributions;

    /**
     * @param enabledProviders the providers whose webhooks are open, because their settings are there
     * @param contributions    further checks, run after the connector's own, in this order
     */
    public ConfigurationCheck(TextbridgeProperties properties, CrmAdapter crm, Set<String> enabledProviders,
                              List<ConfigCheckContribution> contributions) {
        this.properties = properties;
        this.crm = crm;
        this.enabledProviders = Set.copyOf(enabledProviders);
        this.contributions = List.copyOf(contributions);
    }

    public List<ConfigProblem> run() {
        List<ConfigProblem> problems = new ArrayList<>();
        checkPublicBaseUrl(problems);
        checkStore(problems);
        checkProviders(problems);
        checkNumbers(problems);
        checkCrmIds(problems);
        checkSellerTokens(problems);
        contributions.forEach(contribution -> problems.addAll(contribution.check()));
        return problems;
    }

    private void checkPublicBaseUrl(List<ConfigProblem> problems) {
        String url = properties.publicBaseUrl();
        if (url == null || url.isBlank()) {
            problems.add(new ConfigProblem(Severity.FATAL, "textbridge.public-base-url", null,
                    "is not set: providers sign their callbacks over the URL they call, so without it every text would be refused"));
            return;
        }
        try {
            URI uri = URI.create(url.strip());
            if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new IllegalArgumentException("not an http(s) URL");
            }
            if (uri.getRawQuery() != null) {
                throw new IllegalArgumentException("it must not carry a query string");
            }
        } catch (IllegalArgumentException e) {
            problems.add(new ConfigProblem(Severity.FATAL, "textbridge.public-base-url", url,
                    "is not a usable base URL (" + e.getMessage() + "); expected e.g. https://sms.example.com"));
        }
    }

    private void checkStore(List<ConfigProblem> problems) {
        String url = properties.store().url();
        if (url == null || url.isBlank()) {
            problems.add(new ConfigProblem(Severity.FATAL, "textbridge.store.url", null,
                    "is not set: texts cannot be stored before they are acknowledged"));
            return;
        }
        String normalised = url.toUpperCase(java.util.Locale.ROOT).replace(" ", "");
        boolean h2File = normalised.startsWith("JDBC:H2:") && !normalised.startsWith("JDBC:H2:MEM:")
                && !normalised.startsWith("JDBC:H2:TCP:") && !normalised.startsWith("JDBC:H2:SSL:");
        if (h2File && !normalised.contains(";WRITE_DELAY=0")) {
            problems.add(new ConfigProblem(Severity.FATAL, "textbridge.store.url", url,
                    "an H2 file database keeps commits in memory for up to half a second unless the URL ends with "
                            + "';WRITE_DELAY=0', so a crash would lose texts already acknowledged"));
        }
    }

    private void checkProviders(List<ConfigProblem> problems) {
        TextbridgeProperties.Providers.Twilio twilio = properties.providers().twilio();
        boolean hasToken = hasText(twilio.authToken());
        Map<String, List<String>> numbersByProvider = new java.util.TreeMap<>();
        properties.numbers().forEach(n -> {
            if (n.provider() != null && PROVIDER_SECRETS.containsKey(n.provider())) {
                numbersByProvider.computeIfAbsent(n.provider(), k -> new ArrayList<>()).add(n.number());
            }
        });
        numbersByProvider.forEach((provider, numbers) -> {
            if (!configured(provider)) {
                problems.add(new ConfigProblem(Severity.FATAL, PROVIDER_SECRETS.get(provider), String.join(", ", numbers),
                        "is not set, but business numbers use " + provider + ": the provider is not configured, so its "
                                + "callbacks could not be verified and every text would be refused"));
            }
        });
        if (hasToken && DEMO_TWILIO_TOKEN.equals(twilio.authToken()) && !isLocal(properties.publicBaseUrl())) {
            problems.add(new ConfigProblem(Severity.WARNING, "textbridge.providers.twilio.auth-token", null,
                    "is the demo token while textbridge.public-base-url is not local: anyone could forge texts; set your account's auth token"));
        }
        if (hasToken && (twilio.accountSid() == null || twilio.accountSid().isBlank())) {
            problems.add(new ConfigProblem(Severity.WARNING, "textbridge.providers.twilio.account-sid", null,
                    "is not set: inbound texts work, but sending texts through Twilio will not"));
        }
        TextbridgeProperties.Providers.Telnyx telnyx = properties.providers().telnyx();
        if (hasText(telnyx.publicKey()) && !hasText(telnyx.apiKey())) {
            problems.add(new ConfigProblem(Severity.WARNING, "textbridge.providers.telnyx.api-key", null,
                    "is not set: inbound texts work, but sending texts through Telnyx will not"));
        }
        TextbridgeProperties.Providers.Plivo plivo = properties.providers().plivo();
        if (hasText(plivo.authToken()) && !hasText(plivo.authId())) {
            problems.add(new ConfigProblem(Severity.WARNING, "textbridge.providers.plivo.auth-id", null,
                    "is not set: inbound texts work, but sending texts through Plivo will not"));
        }
        TextbridgeProperties.Providers.Vonage vonage = properties.providers().vonage();
        if (hasText(vonage.signatureSecret()) && !(hasText(vonage.apiKey()) && hasText(vonage.apiSecret()))) {
            problems.add(new ConfigProblem(Severity.WARNING, "textbridge.providers.vonage.api-key", null,
                    "and api-secret are not both set: inbound texts work, but sending texts through Vonage will not"));
        }
        TextbridgeProperties.Providers.Acs acs = properties.providers().acs();
        if (hasText(acs.webhookSecret()) && !(hasText(acs.endpoint()) && hasText(acs.accessKey()))) {
            problems.add(new ConfigProblem(Severity.WARNING, "textbridge.providers.acs.access-key", null,
                    "and endpoint are not both set: inbound texts work, but sending texts through ACS will not"));
        }
        if (properties.numbers().isEmpty()) {
            problems.add(new ConfigProblem(Severity.WARNING, "textbridge.numbers", null,
                    "no business numbers are configured: texts still arrive, but no seller owns them"));
        }
    }

    private void checkNumbers(List<ConfigProblem> problems) {
        Set<PhoneNumber> seen = new HashSet<>();
        List<TextbridgeProperties.NumberAssignment> numbers = properties.numbers();
        for (int i = 0; i < numbers.size(); i++) {
            TextbridgeProperties.NumberAssignment assignment = numbers.get(i);
            String key = "textbridge.numbers[" + i + "]";
            try {
                PhoneNumber number = PhoneNumber.parse(assignment.number(), properties.phone().defaultRegion());
                if (!seen.add(number)) {
                    problems.add(new ConfigProblem(Severity.ERROR, key + ".number", assignment.number(),
                            "is listed more than once; the first entry counts"));
                }
            } catch (InvalidPhoneNumberException e) {
                problems.add(new ConfigProblem(Severity.ERROR, key + ".number", assignment.number(),
                        "is not a phone number (" + e.reason() + "); texts to it are routed as to an unassigned number"));
            }
            if (assignment.provider() == null || !PROVIDER_SECRETS.containsKey(assignment.provider())) {
                problems.add(new ConfigProblem(Severity.ERROR, key + ".provider", assignment.provider(),
                        "names no provider this connector has (known: " + PROVIDER_SECRETS.keySet() + ")"));
            }
            boolean user = hasText(assignment.seller());
            boolean team = hasText(assignment.team());
            if (!user && !team) {
                problems.add(new ConfigProblem(Severity.WARNING, key, assignment.number(),
                        "is assigned to nobody: set seller or team; texts to it route by the rules that need no seller"));
            } else if (user && team) {
                problems.add(new ConfigProblem(Severity.ERROR, key, assignment.number(),
                        "names both a seller and a team; the seller counts"));
            }
        }
    }

    private void checkCrmIds(List<ConfigProblem> problems) {
        Set<String> users = new HashSet<>();
        Set<String> teams = new HashSet<>();
        properties.numbers().forEach(n -> {
            if (hasText(n.seller())) {
                users.add(n.seller().strip());
            } else if (hasText(n.team())) {
                teams.add(n.team().strip());
            }
        });
        String leadOwner = properties.routing().defaultLeadOwner();
        try {
            Map<String, ?> knownUsers = users.isEmpty() ? Map.of() : crm.findUsers(users);
            Map<String, ?> knownTeams = teams.isEmpty() ? Map.of() : crm.findTeams(teams);
            List<TextbridgeProperties.NumberAssignment> numbers = properties.numbers();
            for (int i = 0; i < numbers.size(); i++) {
                TextbridgeProperties.NumberAssignment n = numbers.get(i);
                if (hasText(n.seller()) && !knownUsers.containsKey(n.seller().strip())) {
                    problems.add(new ConfigProblem(Severity.WARNING, "textbridge.numbers[" + i + "].seller", n.seller(),
                            "is no user the CRM knows; texts to " + n.number() + " still route by the other rules"));
                } else if (!hasText(n.seller()) && hasText(n.team()) && !knownTeams.containsKey(n.team().strip())) {
                    problems.add(new ConfigProblem(Severity.WARNING, "textbridge.numbers[" + i + "].team", n.team(),
                            "is no team the CRM knows; texts to " + n.number() + " still route by the other rules"));
                }
            }
            if (hasText(leadOwner) && crm.findUsers(Set.of(leadOwner)).isEmpty() && crm.findTeams(Set.of(leadOwner)).isEmpty()) {
                problems.add(new ConfigProblem(Severity.WARNING, "textbridge.routing.default-lead-owner", leadOwner,
                        "is no user or team the CRM knows; leads for unassigned numbers may be refused"));
            }
        } catch (CrmUnavailableException e) {
            problems.add(new ConfigProblem(Severity.WARNING, "textbridge.crm", properties.crm().type(),
                    "the CRM could not be reached to check the numbers' sellers and teams: " + e.getMessage()));
        }
    }

    private void checkSellerTokens(List<ConfigProblem> problems) {
        String secret = properties.security().sellerTokenSecret();
        if (secret == null || secret.getBytes(java.nio.charset.StandardCharsets.UTF_8).length < 32) {
            problems.add(new ConfigProblem(Severity.ERROR, "textbridge.security.seller-token-secret", null,
                    "is missing or shorter than 32 bytes: the seller API refuses every request until it is set"));
        } else if (secret.startsWith("demo-") && !isLocal(properties.publicBaseUrl())) {
            problems.add(new ConfigProblem(Severity.WARNING, "textbridge.security.seller-token-secret", null,
                    "is the demo secret while textbridge.public-base-url is not local: anyone could act as a seller"));
        }
    }

    /** Its webhooks are open, and its secret is not blank (a blank setting still opens them, refusing everything). */
    private boolean configured(String provider) {
        TextbridgeProperties.Providers settings = properties.providers();
        String secret = switch (provider) {
            case "twilio" -> settings.twilio().authToken();
            case "telnyx" -> settings.telnyx().publicKey();
            case "plivo" -> settings.plivo().authToken();
            case "vonage" -> settings.vonage().signatureSecret();
            case "acs" -> settings.acs().webhookSecret();
            default -> "present";
        };
        return enabledProviders.contains(provider) && hasText(secret);
    }

    private static boolean isLocal(String url) {
        if (url == null) {
            return true;
        }
        try {
            String host = URI.create(url.strip()).getHost();
            return host == null || host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]");
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean hasText(String value) {
        return value != null && !value.isBlank();
    }
}
