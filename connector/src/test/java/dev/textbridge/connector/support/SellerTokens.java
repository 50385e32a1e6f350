package dev.textbridge.connector.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;

/** Seller tokens as the CRM side mints them: HS256 JWTs with the seller's CRM user id as subject. */
public final class SellerTokens {

    public static final String SECRET = "test-seller-token-secret-0123456789abcdef";

    private SellerTokens() {
    }

    public static String forSeller(String userId) {
        return mint(SECRET, userId, Instant.now().plusSeconds(600));
    }

    /** @param expiresAt null for a token without expiry */
    public static String mint(String secret, String subject, Instant expiresAt) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().subject(subject).issueTime(new Date());
        if (expiresAt != null) {
            claims.expirationTime(Date.from(expiresAt));
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.build());
        try {
            jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }
}
