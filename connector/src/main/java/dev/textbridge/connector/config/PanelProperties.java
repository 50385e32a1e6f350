package dev.textbridge.connector.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code textbridge.panel.*}: the conversation panel; README.md documents each key.
 *
 * @param frameAncestors who may embed the panel in a frame, as a CSP {@code frame-ancestors} source list;
 *                       {@code 'self'} lets the local CRM's pages embed it; a Salesforce org adds its Lightning
 *                       domain, e.g. {@code 'self' https://acme.lightning.force.com}
 */
@ConfigurationProperties("textbridge.panel")
public record PanelProperties(@DefaultValue("'self'") String frameAncestors) {
}
