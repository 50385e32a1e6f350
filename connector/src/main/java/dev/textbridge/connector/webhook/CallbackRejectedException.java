package dev.textbridge.connector.webhook;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A callback refused before anything was stored, answered as RFC 9457 problem details. */
public class CallbackRejectedException extends ErrorResponseException {

    public CallbackRejectedException(HttpStatus status, String title, String detail) {
        super(status, problem(status, title, detail), null);
    }

    private static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }
}
