/**
 * What every provider mapping shares: the callback as received, signature verification, form bodies.
 */
package dev.textbridge.mappings.provider;
