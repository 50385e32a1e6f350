package dev.textbridge.connector.configcheck;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import java.util.stream.Collectors;

/** Turns a failed configuration check into Spring Boot's plain start-up failure report. */
public class ConfigurationProblemsFailureAnalyzer extends AbstractFailureAnalyzer<ConfigurationProblemsException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ConfigurationProblemsException cause) {
        String description = cause.problems().stream().map(p -> "  - " + p).collect(Collectors.joining("\n"));
        return new FailureAnalysis("Textbridge's configuration would lose texts:\n" + description,
                "Fix the settings named above (README.md documents every key), then start again.", cause);
    }
}
