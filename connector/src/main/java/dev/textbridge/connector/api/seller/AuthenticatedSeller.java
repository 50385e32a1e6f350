package dev.textbridge.connector.api.seller;

import dev.textbridge.connector.crm.SellerDirectory;
import dev.textbridge.crm.api.CrmUser;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;

/** The CRM user behind a seller token; a token for a user the CRM does not know is refused with 403. */
@Component
public class AuthenticatedSeller {

    private final SellerDirectory sellers;

    public AuthenticatedSeller(SellerDirectory sellers) {
        this.sellers = sellers;
    }

    public CrmUser of(Jwt token) {
        return sellers.find(token.getSubject()).orElseThrow(() -> problem(HttpStatus.FORBIDDEN,
                "the CRM knows no user " + token.getSubject()));
    }

    static ErrorResponseException problem(HttpStatus status, String detail) {
        return new ErrorResponseException(status, ProblemDetail.forStatusAndDetail(status, detail), null);
    }
}
