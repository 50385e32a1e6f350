package dev.textbridge.crm.local;

import java.util.List;

/** The local CRM's seed file cannot be loaded; the message names every record at fault and why. */
public class InvalidSeedException extends IllegalArgumentException {

    private final List<String> problems;

    InvalidSeedException(List<String> problems) {
        super("the local CRM seed is not valid: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    InvalidSeedException(String problem, Throwable cause) {
        super("the local CRM seed is not valid: " + problem, cause);
        this.problems = List.of(problem);
    }

    /** One sentence per problem, e.g. {@code opportunity O-1 names contact C-9, which the seed does not define}. */
    public List<String> problems() {
        return problems;
    }
}
