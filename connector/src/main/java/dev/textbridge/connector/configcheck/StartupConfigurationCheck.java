package dev.textbridge.connector.configcheck;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;

import java.util.List;

/**
 * Runs the configuration check once every bean exists and before the web server and the flow start, so that a
 * configuration that would lose texts stops the start instead of failing on the first text. The last result is
 * served at {@code GET /admin/v1/config-check}.
 */
public class StartupConfigurationCheck implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(StartupConfigurationCheck.class);

    private final ConfigurationCheck check;
    private volatile List<ConfigProblem> lastResult = List.of();

    public StartupConfigurationCheck(ConfigurationCheck check) {
        this.check = check;
    }

    @Override
    public void afterSingletonsInstantiated() {
        List<ConfigProblem> problems = check.run();
        lastResult = problems;
        List<ConfigProblem> fatal = problems.stream().filter(p -> p.severity() == ConfigProblem.Severity.FATAL).toList();
        if (!fatal.isEmpty()) {
            throw new ConfigurationProblemsException(fatal);
        }
        if (problems.isEmpty()) {
            log.info("Configuration check: no problems");
        }
        problems.forEach(p -> log.warn("Configuration check: {}", p));
    }

    /** Runs the check again (the CRM may have learnt a user since the start) and remembers the result. */
    public List<ConfigProblem> recheck() {
        lastResult = check.run();
        return lastResult;
    }
}
