package dev.textbridge.crm.salesforce;

import dev.textbridge.crm.api.RecordType;
import dev.textbridge.mappings.crm.ActivityMapping;
import dev.textbridge.mappings.crm.ActivityMappings;

import java.net.URI;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How {@link SalesforceCrm} reaches an org and reads it; the values of {@code textbridge.crm.salesforce.*}.
 * <p>
 * {@link #toString()} never shows the client secret or the private key.
 *
 * @param myDomainUrl        the org's My Domain, e.g. {@code https://acme.my.salesforce.com}; the token endpoint is
 *                           {@code <my-domain-url>/services/oauth2/token}
 * @param auth               the OAuth 2.0 flow
 * @param clientId           the consumer key of the connected app or external client app
 * @param clientSecret       its consumer secret (client-credentials flow)
 * @param jwtUsername        the username the JWT bearer flow acts as
 * @param jwtPrivateKey      the PEM text of the private key whose certificate the app holds (JWT bearer flow)
 * @param jwtAudience        the JWT {@code aud}; null picks {@code https://test.salesforce.com} for a sandbox My
 *                           Domain and {@code https://login.salesforce.com} otherwise
 * @param apiVersion         the API version, {@code 65.0} by default
 * @param notificationType   developer name or id ({@code 0ML...}) of the custom notification type that in-app
 *                           notifications are sent as; null sends none (with one warning)
 * @param phoneFields        which fields of each record type hold phones, in the order they are checked
 * @param defaultRegion      ISO 3166 region for phones written without a country code
 * @param closedLeadStatuses lead statuses that make a lead inactive (besides being converted)
 * @param smsPermissionSet   API name of the permission set that grants sellers the SMS privilege
 * @param indexLagWindow     how far back candidate searches also look by query at recently modified records, to cover
 *                           records the search index has not caught up with; zero turns that off
 * @param timeout            for each HTTP request to Salesforce
 * @param consentField       API name of the checkbox on Contact and Lead that shows a customer opted out of texts
 *                           (the setup kit's {@code Textbridge_SMS_Opt_Out__c}); null writes no consent
 * @param consentChangedField API name of the date/time field on Contact and Lead holding when consent last changed
 *                           (the kit's {@code Textbridge_SMS_Consent_Changed__c}); with it, an older change never
 *                           replaces a newer one
 * @param activityMapping    where texts are written: object, key, links, fields ({@code .field-mapping}); null is the
 *                           shipped default, a completed Task ({@link ActivityMappings#salesforceDefault()})
 */
public record SalesforceSettings(URI myDomainUrl, Auth auth, String clientId, String clientSecret,
                                 String jwtUsername, String jwtPrivateKey, String jwtAudience, String apiVersion,
                                 String notificationType, Map<RecordType, List<String>> phoneFields,
                                 String defaultRegion, Set<String> closedLeadStatuses, String smsPermissionSet,
                                 Duration indexLagWindow, Duration timeout, String consentField,
                                 String consentChangedField, ActivityMapping activityMapping) {

    public static final String DEFAULT_API_VERSION = "65.0";
    public static final String DEFAULT_SMS_PERMISSION_SET = "Textbridge_Seller";
    public static final Set<String> DEFAULT_CLOSED_LEAD_STATUSES = Set.of("Closed - Converted", "Closed - Not Converted");
    public static final Duration DEFAULT_INDEX_LAG_WINDOW = Duration.ofMinutes(15);
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    /** The OAuth 2.0 flow that gets the access token. */
    public enum Auth {
        CLIENT_CREDENTIALS("client-credentials"), JWT_BEARER("jwt-bearer");

        private final String wireName;

        Auth(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }

        /** @throws IllegalArgumentException naming the accepted values */
        public static Auth fromWireName(String name) {
            for (Auth auth : values()) {
                if (auth.wireName.equalsIgnoreCase(name == null ? "" : name.strip())) {
                    return auth;
                }
            }
            throw new IllegalArgumentException(
                    "unknown auth '" + name + "' (expected client-credentials or jwt-bearer)");
        }
    }

    public SalesforceSettings {
        Objects.requireNonNull(myDomainUrl, "my-domain-url is required");
        if (!myDomainUrl.isAbsolute() || myDomainUrl.getHost() == null
                || !List.of("https", "http").contains(myDomainUrl.getScheme().toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("my-domain-url must be an https URL such as https://acme.my.salesforce.com");
        }
        auth = auth == null ? Auth.CLIENT_CREDENTIALS : auth;
        requireText(clientId, "client-id");
        if (auth == Auth.CLIENT_CREDENTIALS) {
            requireText(clientSecret, "client-secret (for auth client-credentials)");
        } else {
            requireText(jwtUsername, "jwt.username (for auth jwt-bearer)");
            requireText(jwtPrivateKey, "jwt.private-key (for auth jwt-bearer)");
        }
        apiVersion = blank(apiVersion) ? DEFAULT_API_VERSION : apiVersion.strip();
        notificationType = blank(notificationType) ? null : notificationType.strip();
        phoneFields = phoneFieldsOrDefaults(phoneFields);
        defaultRegion = blank(defaultRegion) ? "US" : defaultRegion.strip();
        closedLeadStatuses = closedLeadStatuses == null ? DEFAULT_CLOSED_LEAD_STATUSES : Set.copyOf(closedLeadStatuses);
        smsPermissionSet = blank(smsPermissionSet) ? DEFAULT_SMS_PERMISSION_SET : smsPermissionSet.strip();
        indexLagWindow = indexLagWindow == null ? DEFAULT_INDEX_LAG_WINDOW : indexLagWindow;
        if (indexLagWindow.isNegative()) {
            throw new IllegalArgumentException("index-lag-window must not be negative");
        }
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        consentField = blank(consentField) ? null : consentField.strip();
        consentChangedField = blank(consentChangedField) ? null : consentChangedField.strip();
        activityMapping = activityMapping == null ? ActivityMappings.salesforceDefault() : activityMapping;
    }

    /** Settings writing texts as the shipped default mapping says. */
    public SalesforceSettings(URI myDomainUrl, Auth auth, String clientId, String clientSecret, String jwtUsername,
                              String jwtPrivateKey, String jwtAudience, String apiVersion, String notificationType,
                              Map<RecordType, List<String>> phoneFields, String defaultRegion,
                              Set<String> closedLeadStatuses, String smsPermissionSet, Duration indexLagWindow,
                              Duration timeout, String consentField, String consentChangedField) {
        this(myDomainUrl, auth, clientId, clientSecret, jwtUsername, jwtPrivateKey, jwtAudience, apiVersion,
                notificationType, phoneFields, defaultRegion, closedLeadStatuses, smsPermissionSet, indexLagWindow,
                timeout, consentField, consentChangedField, null);
    }

    /** Settings for the client-credentials flow, with every other value at its default. */
    public static SalesforceSettings clientCredentials(URI myDomainUrl, String clientId, String clientSecret) {
        return new SalesforceSettings(myDomainUrl, Auth.CLIENT_CREDENTIALS, clientId, clientSecret, null, null, null,
                null, null, null, null, null, null, null, null, null, null);
    }

    /** Settings for the JWT bearer flow, with every other value at its default. */
    public static SalesforceSettings jwtBearer(URI myDomainUrl, String clientId, String username, String privateKeyPem) {
        return new SalesforceSettings(myDomainUrl, Auth.JWT_BEARER, clientId, null, username, privateKeyPem, null,
                null, null, null, null, null, null, null, null, null, null);
    }

    /** The default phone fields: Contact Phone, MobilePhone, HomePhone, OtherPhone; Account Phone; Lead Phone, MobilePhone. */
    public static Map<RecordType, List<String>> defaultPhoneFields() {
        Map<RecordType, List<String>> fields = new EnumMap<>(RecordType.class);
        fields.put(RecordType.CONTACT, List.of("Phone", "MobilePhone", "HomePhone", "OtherPhone"));
        fields.put(RecordType.ACCOUNT, List.of("Phone"));
        fields.put(RecordType.LEAD, List.of("Phone", "MobilePhone"));
        return Map.copyOf(fields);
    }

    /** The JWT audience to use: {@link #jwtAudience()} when set, else the login host that fits the My Domain. */
    public String effectiveJwtAudience() {
        if (!blank(jwtAudience)) {
            return jwtAudience.strip();
        }
        return myDomainUrl.getHost().toLowerCase(Locale.ROOT).endsWith(".sandbox.my.salesforce.com")
                ? "https://test.salesforce.com" : "https://login.salesforce.com";
    }

    public SalesforceSettings withDefaultRegion(String region) {
        return new SalesforceSettings(myDomainUrl, auth, clientId, clientSecret, jwtUsername, jwtPrivateKey, jwtAudience,
                apiVersion, notificationType, phoneFields, region, closedLeadStatuses, smsPermissionSet, indexLagWindow,
                timeout, consentField, consentChangedField, activityMapping);
    }

    public SalesforceSettings withPhoneFields(Map<RecordType, List<String>> fields) {
        return new SalesforceSettings(myDomainUrl, auth, clientId, clientSecret, jwtUsername, jwtPrivateKey, jwtAudience,
                apiVersion, notificationType, fields, defaultRegion, closedLeadStatuses, smsPermissionSet,
                indexLagWindow, timeout, consentField, consentChangedField, activityMapping);
    }

    public SalesforceSettings withIndexLagWindow(Duration window) {
        return new SalesforceSettings(myDomainUrl, auth, clientId, clientSecret, jwtUsername, jwtPrivateKey, jwtAudience,
                apiVersion, notificationType, phoneFields, defaultRegion, closedLeadStatuses, smsPermissionSet, window,
                timeout, consentField, consentChangedField, activityMapping);
    }

    public SalesforceSettings withNotificationType(String type) {
        return new SalesforceSettings(myDomainUrl, auth, clientId, clientSecret, jwtUsername, jwtPrivateKey, jwtAudience,
                apiVersion, type, phoneFields, defaultRegion, closedLeadStatuses, smsPermissionSet, indexLagWindow,
                timeout, consentField, consentChangedField, activityMapping);
    }

    public SalesforceSettings withJwtAudience(String audience) {
        return new SalesforceSettings(myDomainUrl, auth, clientId, clientSecret, jwtUsername, jwtPrivateKey, audience,
                apiVersion, notificationType, phoneFields, defaultRegion, closedLeadStatuses, smsPermissionSet,
                indexLagWindow, timeout, consentField, consentChangedField, activityMapping);
    }

    public SalesforceSettings withActivityMapping(ActivityMapping mapping) {
        return new SalesforceSettings(myDomainUrl, auth, clientId, clientSecret, jwtUsername, jwtPrivateKey, jwtAudience,
                apiVersion, notificationType, phoneFields, defaultRegion, closedLeadStatuses, smsPermissionSet,
                indexLagWindow, timeout, consentField, consentChangedField, mapping);
    }

    public SalesforceSettings withConsentFields(String optOutField, String changedField) {
        return new SalesforceSettings(myDomainUrl, auth, clientId, clientSecret, jwtUsername, jwtPrivateKey, jwtAudience,
                apiVersion, notificationType, phoneFields, defaultRegion, closedLeadStatuses, smsPermissionSet,
                indexLagWindow, timeout, optOutField, changedField, activityMapping);
    }

    @Override
    public String toString() {
        return "SalesforceSettings[myDomainUrl=" + myDomainUrl + ", auth=" + auth.wireName() + ", clientId=" + clientId
                + ", clientSecret=" + masked(clientSecret) + ", jwtUsername=" + jwtUsername + ", jwtPrivateKey="
                + masked(jwtPrivateKey) + ", jwtAudience=" + jwtAudience + ", apiVersion=" + apiVersion
                + ", notificationType=" + notificationType + ", phoneFields=" + phoneFields + ", defaultRegion="
                + defaultRegion + ", closedLeadStatuses=" + closedLeadStatuses + ", smsPermissionSet="
                + smsPermissionSet + ", indexLagWindow=" + indexLagWindow + ", timeout=" + timeout + ", consentField=" + consentField + ", consentChangedField=" + consentChangedField
                + ", activityMapping=" + activityMapping.object() + "]";
    }

    private static Map<RecordType, List<String>> phoneFieldsOrDefaults(Map<RecordType, List<String>> fields) {
        Map<RecordType, List<String>> merged = new LinkedHashMap<>(defaultPhoneFields());
        if (fields != null) {
            fields.forEach((type, names) -> {
                if (type == RecordType.OPPORTUNITY) {
                    throw new IllegalArgumentException(
                            "phone-fields: an opportunity has no phone of its own; it matches through its contact and account");
                }
                List<String> cleaned = names == null ? List.of()
                        : names.stream().filter(name -> !blank(name)).map(String::strip).distinct().toList();
                for (String name : cleaned) {
                    if (!name.matches("[A-Za-z][A-Za-z0-9_]*")) {
                        throw new IllegalArgumentException("phone-fields." + type.wireName() + ": '" + name
                                + "' is no Salesforce field API name");
                    }
                }
                merged.put(type, cleaned);
            });
        }
        return Map.copyOf(merged);
    }

    private static void requireText(String value, String name) {
        if (blank(value)) {
            throw new IllegalArgumentException(name + " is required");
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static String masked(String secret) {
        return secret == null ? "unset" : "****";
    }
}
