/**
 * The Spring Integration flow that drains the inbox in batches: route, create leads, write activities, retry.
 */
package dev.textbridge.connector.flow;
