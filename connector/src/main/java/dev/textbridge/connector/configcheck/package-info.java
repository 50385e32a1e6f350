/**
 * The configuration check: what is missing or wrong, in plain words, at start-up and on demand.
 */
package dev.textbridge.connector.configcheck;
