package dev.textbridge.connector.configcheck;

import java.util.List;

/**
 * A check that a part of the connector adds to the configuration check, for what only it can see (the Salesforce
 * adapter's org check, say). Runs at start-up and on every {@code GET /admin/v1/config-check}; it reports what it
 * finds instead of throwing.
 */
@FunctionalInterface
public interface ConfigCheckContribution {

    List<ConfigProblem> check();
}
