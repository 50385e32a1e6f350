package dev.textbridge.crm.salesforce.internal;

import dev.textbridge.crm.salesforce.SalesforceSettings;

import java.time.Clock;
import java.util.Map;

/** The form parameters of one OAuth 2.0 token request; one implementation per flow. */
public interface TokenGrant {

    /** The parameters of the next token request (a JWT grant signs a fresh assertion each time). */
    Map<String, String> parameters();

    /** The grant the settings ask for. */
    static TokenGrant of(SalesforceSettings settings, Clock clock) {
        return switch (settings.auth()) {
            case CLIENT_CREDENTIALS -> new ClientCredentialsGrant(settings.clientId(), settings.clientSecret());
            case JWT_BEARER -> new JwtBearerGrant(settings.clientId(), settings.jwtUsername(),
                    settings.effectiveJwtAudience(), PemPrivateKey.parse(settings.jwtPrivateKey()), clock);
        };
    }
}
