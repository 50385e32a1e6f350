package dev.textbridge.connector.configcheck;

import java.util.List;
import java.util.stream.Collectors;

/** Stops the start: the configuration would lose texts. */
public class ConfigurationProblemsException extends RuntimeException {

    private final List<ConfigProblem> problems;

    public ConfigurationProblemsException(List<ConfigProblem> problems) {
        super("Textbridge will not start because its configuration would lose texts:\n" + problems.stream()
                .map(p -> "  - " + p).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<ConfigProblem> problems() {
        return problems;
    }
}
